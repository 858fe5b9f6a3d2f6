// Fix applier for textarea and input: select the edit's range and
// execCommand('insertText') (or 'delete' for a removal). That is one undo step
// and a normal `input` event, so a React-controlled field's state follows.
// Fallbacks: setRangeText and an `input` event; for inputs without a selection
// API (type=email), the native value setter and an `input` event.
export const families = ['control'];

// Applies one edit; true when the value is exactly the intended one.
export async function applyEdit(el, e) {
  const before = el.value;
  const want = before.slice(0, e.start) + e.replacement + before.slice(e.end);
  el.focus({ preventScroll: true });
  let selectable = true;
  try { el.setSelectionRange(e.start, e.end); } catch { selectable = false; }
  if (selectable) {
    try {
      el.ownerDocument.execCommand(e.replacement ? 'insertText' : 'delete', false, e.replacement);
    } catch { /* not supported: fall back */ }
    if (el.value === want) return true;
    if (el.value !== before) return false; // changed, but not as intended: stop
    try {
      el.setRangeText(e.replacement, e.start, e.end, 'end');
      fireInput(el, e.replacement);
      return el.value === want;
    } catch { /* fall through */ }
  }
  const view = el.ownerDocument.defaultView;
  const proto = el.tagName === 'TEXTAREA' ? view.HTMLTextAreaElement.prototype : view.HTMLInputElement.prototype;
  const setter = /** @type {(this: HTMLInputElement | HTMLTextAreaElement, v: string) => void} */ (Object.getOwnPropertyDescriptor(proto, 'value')?.set);
  setter.call(el, want);
  fireInput(el, e.replacement);
  return el.value === want;
}

function fireInput(el, data) {
  el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data }));
}
