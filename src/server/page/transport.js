/* transport.js — the WebSocket to the server (/ws, Powerpipe's dashboard protocol): connecting and
 * reconnecting, sending, and what each message the server sends does to the page. */
import { $ } from "./dom.js";
import { selectPayload } from "./selection.js";
import { render } from "./list.js";
import { snapReady } from "./snapshot.js";
import { clearLayout, layoutNode, showPanel } from "./layout.js";
import { state } from "./state.js";
import { syncTimeRange } from "./time-range.js";
import { addLog, completeLogs, startLogs } from "./logic/panel-log.js";
import { renderSearchPath } from "./searchpath.js";
import { runProgress } from "./logic/progress.js";
import { showError, clearError } from "./errors.js";

/* an access token (lazypipe server --token) comes as ?token= on the first URL: passed on to /ws
 * (the server also set it as a cookie, which is how Powerpipe's own UI carries it) */
export const TOKEN = new URLSearchParams(location.search).get("token");

let socket = null, pushes = 0;   /* the WebSocket; available_dashboards messages so far */
let waitingForMetadata = false;  /* the selection is sent once server_metadata has come */

/* a message of Powerpipe's protocol, when connected (a reconnect selects again) */
export function send(action, payload) {
  if (socket && socket.readyState === WebSocket.OPEN)
    socket.send(JSON.stringify({ action, payload: payload || {} }));
}

/* Powerpipe's DashboardProgress: a bar at the view's top while the run on screen runs */
export function showProgress(running) {
  const bar = $("progress");
  if (!bar) return;
  bar.hidden = !running;
  if (!running) return;
  const v = runProgress(state.panels);
  bar.firstChild.style.width = v + "%";
  bar.setAttribute("aria-valuenow", String(v));
}

/* the server's messages: the list, the selected run's layout and its panels as they complete */
export function onMessage(ev) {
  let m;
  try { m = JSON.parse(ev.data); } catch (e) { return; }
  const current = state.execution && m.execution_id === state.execution.execution_id;
  switch (m.action) {
  case "server_metadata":
    state.metadata = m.metadata || null;
    syncTimeRange();
    render();
    renderSearchPath();
    if (waitingForMetadata && state.selected && !state.snapshot) send("select_dashboard", selectPayload());
    waitingForMetadata = false;
    if (m.metadata && m.metadata.mod) {
      $("mod").textContent = m.metadata.mod.title || m.metadata.mod.short_name;
      document.title = "lazypipe — " + $("mod").textContent;
    }
    break;
  case "available_dashboards":
    state.available = m;
    pushes++;
    $("status").textContent = "connected · " + Object.keys(m.dashboards || {}).length + " dashboards, " +
      Object.keys(m.benchmarks || {}).length + " benchmarks · update " + pushes;
    $("wserror").textContent = "";
    clearError();
    render();
    break;
  case "execution_started": {
    /* a run of what was shown before (an input changed just before a link was followed) */
    if (state.snapshot || (m.layout && m.layout.name && m.layout.name !== state.selected)) break;
    state.execution = m;
    snapReady(null);
    $("error").textContent = "";
    clearError();
    /* a re-run of the same layout (an input changed, a title edited) updates the panels in place:
     * a field being typed in keeps its focus, a chart its canvas */
    const same = state.shownLayout && state.shownLayout === JSON.stringify(m.layout || {});
    if (!same) clearLayout();
    state.panels = Object.assign({}, m.panels || {});
    state.logs = startLogs(m.panels, m.start_time);
    const root = state.panels[m.layout && m.layout.name] || {};
    $("sel-title").textContent = root.title || state.selected;
    document.title = (root.title || state.selected) + " — lazypipe";
    if (!same) $("layout").append(layoutNode(m.layout || {}, 0));
    state.shownLayout = JSON.stringify(m.layout || {});
    for (const p of Object.values(state.panels)) showPanel(p);
    showProgress(true);
    break;
  }
  case "dashboard_metadata":
    /* after its selection's execution_started (or execution_error): that selection's */
    if (state.selected) state.dashboardsMetadata[state.selected] = m.metadata || {};
    syncTimeRange();
    renderSearchPath();
    break;
  case "execution_error":
    showProgress(false);
    $("error").textContent = m.error;
    showError(m.error);
    break;
  case "leaf_node_updated":
    if (current) {
      addLog(state.logs, m.dashboard_node, m.timestamp);
      showPanel(m.dashboard_node);
      showProgress(true);
    }
    break;
  case "control_complete":
  case "control_error":
    if (current) {
      showPanel(m.control);
      showProgress(true);
    }
    break;
  case "execution_complete":
    if (current) {
      completeLogs(state.logs, m.snapshot.panels, m.snapshot.end_time);
      clearError();
      showProgress(false);
      for (const p of Object.values(m.snapshot.panels || {})) showPanel(p);
      snapReady(m.snapshot);
    }
    break;
  case "workspace_error":
    $("wserror").textContent = "Workspace error: " + m.error;
    showError(m.error);
    break;
  }
}

/* /ws, again a second after it closes; the first time, the socket index.html opened at once (its
 * handshake overlapping the modules' download and evaluation) when it is open or opening: a
 * selection is asked for before the answers it already has are shown */
export function connect() {
  const early = window.lpEarlySocket;
  window.lpEarlySocket = null;
  if (early && early.socket.readyState <= WebSocket.OPEN) socket = early.socket;
  else {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(proto + "//" + location.host + "/ws" +
      (TOKEN ? "?token=" + encodeURIComponent(TOKEN) : ""));
  }
  socket.onopen = () => {
    $("status").textContent = "connected";
    if (!(early && early.asked && socket === early.socket)) {
      send("get_server_metadata");
      send("get_available_dashboards");
    }
    /* with a search path prefix, once server_metadata says whether the server takes one */
    /* (the page's head asked for the dashboard it was opened at, with no inputs) */
    const asked = early && socket === early.socket && early.selected === state.selected &&
      !Object.keys(state.inputs).length && !state.range && !state.searchPathPrefix.length;
    if (state.selected && !state.snapshot && !asked) {
      if (state.searchPathPrefix.length) waitingForMetadata = true;
      else send("select_dashboard", selectPayload());
    }
  };
  socket.onmessage = onMessage;
  socket.onclose = () => {
    $("status").textContent = "disconnected · retrying";
    setTimeout(connect, 1000);
  };
  if (early && socket === early.socket) {
    if (socket.readyState === WebSocket.OPEN) socket.onopen();
    for (const ev of early.queue) onMessage(ev);
  }
}
