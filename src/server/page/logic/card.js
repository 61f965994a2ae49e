/* logic/card.js — a card's value as it is set (pure: no DOM): the length of its longest word, by
 * which page.css sizes the value so that the word fits on one line of the card. */

/* Characters (code points) of the longest run without white space: a card's value wraps only
 * between words, never inside one (Powerpipe's card does not wrap it at all, and clips it) */
export function longestWord(text) {
  return Math.max(0, ...String(text).split(/\s+/).map((w) => [...w].length));
}
