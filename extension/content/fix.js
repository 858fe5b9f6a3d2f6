// Applying a fix. Only ever on an explicit click of a card's fix button, and
// always through the editor's own input handling, so that the editor's model
// (React state, Draft.js, Lexical, Slate, ProseMirror, Quill) holds exactly the
// intended text afterwards, the caret sits after the inserted text and undo
// works:
//
// 1. textarea/input: focus, setSelectionRange, execCommand('insertText')
//    (one undo step; React sees a normal input event). Fallback: setRangeText
//    and an `input` event (or, for inputs without selection support such as
//    type=email, the native value setter and an `input` event).
// 2. contenteditable: focus, select the edit's DOM range (the disclaimer fix
//    is a collapsed caret at the end of the text), let the editor see the
//    selection, then execCommand('insertText'). Note: Chromium fires no
//    `beforeinput` for execCommand, only `input` and DOM mutations; editors
//    that follow the DOM (ProseMirror, Quill, Lexical, Draft.js's onInput,
//    plain contenteditable) pick the edit up from those.
//    Slate and CKEditor 5 take edits only from `beforeinput` (an
//    execCommand edit leaves their model behind the DOM, and the next
//    keystroke lands in the wrong place), so for them the edit is a
//    cancelable `beforeinput` (insertText / insertReplacementText, with data
//    and dataTransfer; a pure removal is deleteContentBackward, because Slate
//    ignores an insertion of empty text) after their throttled
//    selectionchange handler has seen the selection; for Slate there is no
//    execCommand fallback. Slate's history merges an insertion that directly
//    follows typed text into the typing's undo step, so an insertion is sent
//    as the replacement of the character before it by that character plus
//    the text: its first operation is a removal, which starts a new undo
//    step, and one Ctrl+Z takes exactly the fix out.
// 3. If the text is then unchanged (the editor cancelled the edit without
//    applying it), a fallback per family: a `beforeinput` (deferred a tick
//    for Draft.js, then Draft's `textInput`); for Lexical and plain
//    contenteditable, a text-node edit followed by `input`, which their
//    mutation observers turn into a model update.
// If the result still differs from the intended text, nothing more is tried
// (a second attempt could duplicate text); the field is re-checked at once.
// A fix clicked within UNDO_GROUP_MS of the last keystroke waits out the rest
// of that time first (editors merge edits closer than that into one undo step).
(() => {
  'use strict';
  const PG = globalThis.PostGuard;
  if (PG.loaded) return;

  const loose = (s) => s.replace(/\s+/g, ' ').trim();
  // Editors whose model follows `beforeinput` only (see above).
  const BEFOREINPUT_FIRST = new Set(['slate', 'ckeditor']);
  const same = (a, b) => a === b || loose(a) === loose(b);

  function applyEdits(text, edits) {
    let out = text;
    for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
    return out;
  }

  // Editors group edits made within a short time into one undo step (Quill
  // 1 s, ProseMirror 0.5 s, Lexical's history delay): a fix clicked right
  // after typing waits until that time has passed, so that it is an undo
  // step of its own.
  const UNDO_GROUP_MS = 1100;

  PG.applyFix = async function applyFix(state, finding, fix) {
    const el = state.el;
    if (!el.isConnected || !fix?.edits?.length) return false;
    const since = Date.now() - (state.lastEditAt || 0);
    if (since < UNDO_GROUP_MS) await PG.sleep(UNDO_GROUP_MS - since);
    if (!el.isConnected) return false;
    const original = PG.readText(el).text;
    if (original !== state.checkedText) { // the text moved on since the check: check again instead
      PG.checkNow(state);
      return false;
    }
    const want = applyEdits(original, fix.edits);
    const edits = [...fix.edits].sort((a, b) => b.start - a.start);
    PG.trust(el); // the user's click: the editor's reaction to it is the user's edit
    state.fixing = true;
    let ok = true;
    try {
      for (const e of edits) {
        ok = PG.isTextControl(el) ? await editControl(el, e) : await editEditable(state, e);
        if (!ok) break;
      }
    } finally {
      state.fixing = false;
    }
    const after = PG.readText(el).text;
    const success = same(after, want);
    if (!success) console.debug('[postguard] fix did not land as intended; family', state.family);
    PG.checkNow(state);
    return success;
  };

  // ---- textarea / input ------------------------------------------------------

  async function editControl(el, e) {
    const before = el.value;
    const want = before.slice(0, e.start) + e.replacement + before.slice(e.end);
    el.focus({ preventScroll: true });
    let selectable = true;
    try { el.setSelectionRange(e.start, e.end); } catch { selectable = false; }
    if (selectable) {
      try {
        document.execCommand(e.replacement ? 'insertText' : 'delete', false, e.replacement);
      } catch { /* not supported: fall back */ }
      if (el.value === want) return true;
      if (el.value !== before) return false;
      try {
        el.setRangeText(e.replacement, e.start, e.end, 'end');
        fireInput(el, e.replacement, 'insertReplacementText');
        return el.value === want;
      } catch { /* fall through */ }
    }
    // No selection API (type=email, number): the native value setter, then `input`.
    const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, want);
    fireInput(el, e.replacement, 'insertReplacementText');
    return el.value === want;
  }

  function fireInput(el, data, inputType) {
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType, data }));
  }

  // ---- contenteditable -------------------------------------------------------

  function selectionFor(el) {
    const root = el.getRootNode();
    return (root !== document && root.getSelection?.()) || document.getSelection();
  }

  function selectRange(el, start, end) {
    const { segs } = PG.readText(el);
    const range = PG.domRange(el, segs, start, end);
    const sel = selectionFor(el);
    sel.removeAllRanges();
    sel.addRange(range);
    return range;
  }

  async function editEditable(state, e0) {
    const el = state.el;
    const family = state.family;
    const before = PG.readText(el).text;
    const e = family === 'slate' ? ownUndoStep(before, e0) : e0;
    const want = before.slice(0, e.start) + e.replacement + before.slice(e.end);
    const caret = e.start + e.replacement.length;

    el.focus({ preventScroll: true });
    selectRange(el, e.start, e.end);
    // Editors read the selection on `selectionchange`, which fires
    // asynchronously (Slate throttles its handler to 100 ms).
    await PG.sleep(0);
    await PG.nextFrame();
    if (BEFOREINPUT_FIRST.has(family)) await PG.sleep(130);
    selectRange(el, e.start, e.end);

    if (BEFOREINPUT_FIRST.has(family)) {
      dispatchBeforeInput(el, e);
      if (await settled(el, want, before) === 'done') return true;
      if (family === 'slate' || PG.readText(el).text !== before) return false;
      selectRange(el, e.start, e.end);
    }

    try {
      document.execCommand(e.replacement ? 'insertText' : 'delete', false, e.replacement);
    } catch { /* fall back below */ }
    if (await settled(el, want, before) === 'done') return true;
    if (PG.readText(el).text !== before) return false; // changed, but not as intended: stop

    // Fallbacks per editor family.
    selectRange(el, e.start, e.end);
    await PG.sleep(0);
    if (family === 'draft') await PG.sleep(0); // Draft.js: deferred a tick
    dispatchBeforeInput(el, e);
    if (await settled(el, want, before) === 'done') { placeCaret(el, caret); return true; }
    if (PG.readText(el).text !== before) return false;

    if (family === 'draft') {
      selectRange(el, e.start, e.end);
      dispatchTextInput(el, e.replacement);
      if (await settled(el, want, before) === 'done') { placeCaret(el, caret); return true; }
      if (PG.readText(el).text !== before) return false;
    }
    if (family === 'lexical' || family === 'contenteditable' || family === 'ckeditor') {
      if (domEdit(el, e)) {
        el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: e.replacement }));
        if (await settled(el, want, before) === 'done') { placeCaret(el, caret); return true; }
      }
    }
    return false;
  }

  // Waits until the editor has rendered the change (or a short time passes).
  async function settled(el, want, before) {
    for (let i = 0; i < 6; i++) {
      const now = PG.readText(el).text;
      if (same(now, want)) return 'done';
      if (now !== before && i >= 2) return 'changed';
      await (i < 2 ? PG.sleep(0) : PG.sleep(25));
    }
    return 'unchanged';
  }

  // Slate: an insertion becomes "replace the character before it by itself +
  // the text" (see the header), unless that character ends a paragraph.
  function ownUndoStep(text, e) {
    if (e.start !== e.end || !e.replacement || e.start === 0) return e;
    const low = text.charCodeAt(e.start - 1);
    const n = low >= 0xdc00 && low <= 0xdfff && e.start >= 2 ? 2 : 1;
    const ch = text.slice(e.start - n, e.start);
    if (/[\n\r\u2028\u2029]/.test(ch)) return e;
    return { ...e, start: e.start - n, replacement: ch + e.replacement };
  }

  // Firefox runs content scripts in a sandbox whose objects the page sees
  // through wrappers: an event built there may not be usable by the page's
  // editor code. Events are built with the page's own constructors there.
  const pageWin = globalThis.wrappedJSObject ?? null;
  function pageEvent(type, init) {
    if (pageWin && typeof globalThis.cloneInto === 'function') {
      try {
        const Ctor = pageWin.InputEvent;
        const dt = init.dataTransfer;
        const plain = { ...init };
        delete plain.dataTransfer;
        const pageInit = globalThis.cloneInto(plain, pageWin);
        if (dt) {
          const pdt = new pageWin.DataTransfer();
          pdt.setData('text/plain', dt.getData('text/plain'));
          pageInit.dataTransfer = pdt;
        }
        return new Ctor(type, pageInit);
      } catch { /* fall back to our own */ }
    }
    return new InputEvent(type, init);
  }

  function dispatchBeforeInput(el, e) {
    if (!e.replacement && e.start !== e.end) {
      // A pure removal: what the Delete key sends (editors ignore empty insertions).
      el.dispatchEvent(pageEvent('beforeinput', { inputType: 'deleteContentBackward', bubbles: true, cancelable: true, composed: true }));
      return;
    }
    const inputType = e.start === e.end ? 'insertText' : 'insertReplacementText';
    let dataTransfer = null;
    try { dataTransfer = new DataTransfer(); dataTransfer.setData('text/plain', e.replacement); } catch { /* Firefox: fine without */ }
    const init = { inputType, data: e.replacement, bubbles: true, cancelable: true, composed: true };
    if (dataTransfer && inputType === 'insertReplacementText') init.dataTransfer = dataTransfer;
    const ev = pageEvent('beforeinput', init);
    // The target range is the current selection (set just before); editors
    // that call getTargetRanges() on a synthetic event get [] and fall back to it.
    el.dispatchEvent(ev);
  }

  function dispatchTextInput(el, data) {
    try {
      const ev = document.createEvent('TextEvent');
      ev.initTextEvent('textInput', true, true, window, data);
      el.dispatchEvent(ev);
    } catch { /* not Chromium */ }
  }

  // A direct edit of one text node (Lexical and plain contenteditable pick it
  // up through their mutation observers / input handlers).
  function domEdit(el, e) {
    const { segs } = PG.readText(el);
    const a = PG.domPoint(el, segs, e.start, 'end');
    const b = e.start === e.end ? a : PG.domPoint(el, segs, e.end, 'end');
    if (a.node !== b.node || a.node.nodeType !== 3) return false;
    const n = a.node;
    n.data = n.data.slice(0, a.offset) + e.replacement + n.data.slice(b.offset);
    return true;
  }

  function placeCaret(el, offset) {
    try {
      const { segs } = PG.readText(el);
      const p = PG.domPoint(el, segs, offset, 'end');
      const sel = selectionFor(el);
      const r = document.createRange();
      r.setStart(p.node, p.offset);
      r.collapse(true);
      sel.removeAllRanges();
      sel.addRange(r);
    } catch { /* the editor re-rendered: leave its caret */ }
  }
})();
