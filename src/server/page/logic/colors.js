/* logic/colors.js — colours by Powerpipe's rules: its chart palettes, a mod's colour names in a
 * theme, and the colour each dimension value takes (pure: no DOM). */

/* Powerpipe's chart palettes (Cloudscape's data-vis colours), for light and for dark */
export const PALETTES = {
  light: ["#688ae8", "#c33d69", "#2ea597", "#8456ce", "#e07941", "#3759ce", "#962249", "#096f64"],
  dark: ["#486de8", "#e07f9d", "#018977", "#b088f5", "#c55305", "#8ea9ff", "#ffb0c8", "#40bfa9"],
};

/* Powerpipe's stringToColor (utils/color.ts): each string new to the page takes the next colour of
 * xterm's 6×6×6 cube (column 16-51, row 0-5), skipping the columns of reds, oranges, greens and
 * yellows, which would read as a status */
export const COLOR_SKIP = new Set([16, 17, 18, 19, 20, 22, 23, 27, 28, 29, 34, 35, 36, 40, 41, 42, 46, 47,
                            48, 49, 50, 51]);

export const stringColors = new Map(), colorGen = { col: 16, row: 0, used: new Set() };

/* a generator of its own from a starting column and row (Powerpipe's new ColorGenerator(col, row)) */
export const colorGenerator = (col, row) => ({ col, row, start: [col, row], used: new Set() });

export function nextColor(g = colorGen) {
  const col = (n) => {
    g.col += n;
    if (g.col > 51) g.col -= 36;
    while (COLOR_SKIP.has(g.col)) { g.col++; if (g.col > 51) g.col -= 36; }
  };
  const row = (n) => { g.row += n; if (g.row > 5) g.row -= 5; };
  col(2); row(2);
  let code = g.col + g.row * 36;
  const first = code;
  while (g.used.has(code)) {
    col(1); row(1);
    code = g.col + g.row * 36;
    if (code === first) {
      [g.col, g.row] = g.start || [16, 0];
      g.used.clear();
      return nextColor(g);
    }
  }
  g.used.add(code);
  const v = code - 16, hex = (x) => Math.round((x / 5) * 255).toString(16).padStart(2, "0");
  return ("#" + hex(Math.floor(v / 36)) + hex(Math.floor((v % 36) / 6)) + hex(v % 6)).toUpperCase();
}

/* a mod's colour: Powerpipe's names (alert, ok, info; severity as its cards have it) as the theme
 * draws them (theme: theme.js currentTheme), any other as CSS reads it (a name, #hex, rgb()) */
export function themeColor(c, theme) {
  if (typeof c !== "string" || !c) return null;
  return ["alert", "ok", "info", "severity"].includes(c) ? theme[c] : c;
}

export function stringColor(s) {
  if (!stringColors.has(s)) stringColors.set(s, nextColor());
  return stringColors.get(s);
}

/* an input option's tag value's colour: Powerpipe's inputs (common/Common.tsx) have their own
 * stringToColor, a generator from column 24, row 4, apart from the check results' */
const tagColors = new Map(), tagGen = colorGenerator(24, 4);
export function tagColor(s) {
  if (!tagColors.has(s)) tagColors.set(s, nextColor(tagGen));
  return tagColors.get(s);
}
