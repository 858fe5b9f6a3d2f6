// The watched fields: the one record, shared by main.js (which watches a
// field once the user touched it, and checks it) and overlay.js (which draws
// the watched fields' underlines and badges). Each entry is main.js's
// FieldState for one field.
import { send } from './runtime.js';

export const watched = new Set();
export const byEl = new WeakMap(); // field -> its FieldState

// Stops watching a field (it left the page, or the extension went away).
export function unwatch(s) {
  clearTimeout(s.timer);
  s.observer?.disconnect();
  s.resize?.disconnect();
  watched.delete(s);
  byEl.delete(s.el);
  if (s.findings.length) send({ type: 'field-status', count: 0 });
}

// Unwatches the fields that left the page; true when one did (then its
// underlines and badge must go: the caller redraws).
export function pruneGone() {
  let gone = false;
  for (const s of watched) if (!s.el.isConnected) { unwatch(s); gone = true; }
  return gone;
}
