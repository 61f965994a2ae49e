/* errors.js — Powerpipe's WorkspaceErrorModal (its ErrorModal, Modal): a workspace_error's or an
 * execution_error's message in a modal dialog titled "Workspace Error" (Powerpipe's title for
 * both: its one `error` state), with its error icon, the message as text, a Close button and a
 * close (X) button; Escape closes it too (Powerpipe's does not).  Once closed it stays closed until
 * the error is cleared (what clears Powerpipe's: available_dashboards, execution_started,
 * execution_complete, a cleared dashboard, an opened snapshot), as its ErrorModal's own state
 * does.  The page stays usable behind it once closed; the message also stays in the line under
 * the header (a workspace error) or the view's title (a run's), where it can be read again. */
import { el } from "./dom.js";
import { icon } from "./icons.js";

let closed = false;   /* the user closed the modal of the error standing now */

function dialog() {
  let d = document.getElementById("error-modal");
  if (d) return d;
  d = el("dialog", "error-modal");
  d.id = "error-modal";
  d.setAttribute("aria-labelledby", "error-modal-title");
  const head = el("div", "error-modal-head"), title = el("h2", "", "Workspace Error");
  title.id = "error-modal-title";
  const x = el("button", "error-modal-x");
  x.type = "button";
  x.setAttribute("aria-label", "Close");
  x.append(icon("heroicons-outline:x-mark"));
  head.append(icon("heroicons-solid:exclamation-circle"), title, x);
  const close = el("button", "error-modal-close", "Close");
  close.type = "button";
  const actions = el("div", "error-modal-actions");
  actions.append(close);
  d.append(head, el("p", "error-modal-message"), actions);
  /* closed by the user (a button, Escape): not by clearError */
  for (const b of [x, close]) b.onclick = () => { closed = true; d.close(); };
  d.addEventListener("cancel", () => { closed = true; });
  document.body.append(d);
  return d;
}

/* an error the server sent: shown in the modal unless the user closed it for the error standing */
export function showError(message) {
  if (closed) return;
  const d = dialog();
  d.querySelector(".error-modal-message").textContent = String(message || "An unknown error occurred.");
  if (!d.open) d.showModal();
}

/* the error cleared: the modal gone, and shown again for the next one */
export function clearError() {
  closed = false;
  const d = document.getElementById("error-modal");
  if (d && d.open) d.close();
}
