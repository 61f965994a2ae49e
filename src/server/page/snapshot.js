/* snapshot.js — snapshots, as Powerpipe's UI has them (SplitSnapshotButton, useDashboardExecution's
 * loadSnapshot, SnapshotHeader): "Snap" saves the view on screen as a .pps file (built by
 * logic/snapshot.js from the run's execution_complete, its inputs and views); "Open snapshot…" (or a
 * file dropped on the page) shows one read-only at /snapshot/<file name>?<its inputs and views>,
 * with its inputs as it was taken and no run of the server's.  The opened snapshot is kept in the
 * tab's sessionStorage, so a reload or Back shows it again (Powerpipe's loses it). */
import { send } from "./transport.js";
import { $, el } from "./dom.js";
import { exportSnapshot, readSnapshot, snapshotFileName, SNAPSHOT_MAX_BYTES } from "./logic/snapshot.js";
import { snapshotURL } from "./logic/routes.js";
import { clearLayout, layoutNode, showPanel } from "./layout.js";
import { render } from "./list.js";
import { state } from "./state.js";
import { syncTimeRange } from "./time-range.js";
import { showError, clearError } from "./errors.js";

const KEPT = "lazypipe.snapshot";

/* Snap: the run on screen as Powerpipe's .pps, named <dashboard>.<YYYYMMDDTHHmmss>.pps */
export function saveSnapshot() {
  if (!state.completed || !state.selected) return;
  const doc = exportSnapshot(state.completed, state.inputs, state.checkViews);
  const a = el("a");
  a.href = URL.createObjectURL(new Blob([JSON.stringify(doc)], { type: "application/json" }));
  a.download = snapshotFileName(state.selected, new Date());
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/* Snap is there once the run on screen (or an opened snapshot) is complete */
export function snapReady(completed) {
  state.completed = completed;
  $("snap").disabled = !completed;
}

/* Powerpipe's useOpenSnapshot dispatches these as a workspace error: its modal */
function failed(msg) {
  $("wserror").textContent = msg;
  showError(msg);
}

/* a file picked or dropped: read, then shown (Powerpipe's useOpenSnapshot: at most 500 MB) */
export function openSnapshotFile(file) {
  if (!file) return;
  if (file.size > SNAPSHOT_MAX_BYTES) {
    failed("Snapshot exceeds the maximum supported size of 500 MB.");
    return;
  }
  file.text().then((text) => {
    const snap = readSnapshot(text);
    if (snap instanceof Error) { failed(snap.message); return; }
    $("wserror").textContent = "";
    try {
      sessionStorage.setItem(KEPT, JSON.stringify({fileName: file.name, text}));
    } catch (e) { /* too big */
    }
    showSnapshot(snap, file.name, true);
  }, (e) => failed("Unable to load snapshot: " + e.message));
}

/* the snapshot kept for this tab when its URL is the one shown, else null */
export function keptSnapshot(fileName) {
  try {
    const k = JSON.parse(sessionStorage.getItem(KEPT) || "null");
    if (!k || k.fileName !== fileName) return null;
    const snap = readSnapshot(k.text);
    return snap instanceof Error ? null : snap;
  } catch (e) { return null; }
}

/* a snapshot's panels as a run's would be drawn, nothing sent for them (its inputs read-only) */
export function showSnapshot(snap, fileName, push) {
  send("clear_dashboard");
  clearError();   /* Powerpipe's LOAD_SNAPSHOT clears its error */
  state.snapshot = Object.assign({ fileName }, snap);
  state.selected = snap.name;
  state.execution = null;
  state.inputs = Object.assign({}, snap.inputs);
  state.checkViews = snap.views;
  state.range = null;
  syncTimeRange();   /* no time range control on a snapshot */
  const url = snapshotURL(fileName, state.inputs, state.checkViews);
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  clearLayout();
  $("error").textContent = "";
  state.panels = Object.assign({}, snap.panels);
  const root = state.panels[snap.layout.name] || {};
  $("sel-title").textContent = root.title || snap.name;
  document.title = (root.title || snap.name) + " — snapshot — lazypipe";
  const banner = el("div", "snapshot-banner");
  banner.append(el("strong", "", "Snapshot: "), el("span", "", fileName));
  $("layout").append(banner, layoutNode(snap.layout, 0));
  state.shownLayout = JSON.stringify(snap.layout);
  for (const p of Object.values(state.panels)) showPanel(p);
  /* saved again as it is: Powerpipe's Snap of an opened snapshot */
  snapReady({ schema_version: snap.schema_version, panels: snap.panels, layout: snap.layout,
              inputs: snap.inputs, variables: snap.variables || {}, start_time: snap.start_time,
              end_time: snap.end_time, metadata: {} });
  render();
}

/* a /snapshot/<file name> URL (a reload, Back): the kept snapshot, else a word of what to do */
export function showSnapshotPath(path) {
  const fileName = decodeURIComponent(path.slice("/snapshot/".length));
  const snap = keptSnapshot(fileName);
  if (snap) { showSnapshot(snap, fileName, false); return; }
  state.snapshot = null;
  clearLayout();
  $("sel-title").textContent = "Snapshot " + fileName;
  $("error").textContent = "This snapshot is no longer open here: open its file again (Open snapshot…).";
}

/* the header's buttons, the file field and dropping a file on the page */
export function snapshotListeners() {
  $("snap").onclick = saveSnapshot;
  $("open-snap").onclick = () => $("snap-file").click();
  $("snap-file").onchange = (ev) => {
    openSnapshotFile(ev.target.files && ev.target.files[0]);
    ev.target.value = "";
  };
  const hasFile = (ev) => ev.dataTransfer && [...ev.dataTransfer.types].includes("Files");
  document.addEventListener("dragover", (ev) => { if (hasFile(ev)) ev.preventDefault(); });
  document.addEventListener("drop", (ev) => {
    if (!hasFile(ev)) return;
    ev.preventDefault();
    openSnapshotFile(ev.dataTransfer.files[0]);
  });
}
