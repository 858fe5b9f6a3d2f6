// The ways of getting an edit into a contenteditable editor, as steps the
// editor-family modules list in the order they are tried (see
// contenteditable.mjs for how a list is run). Each step makes one attempt;
// the runner then waits for the editor to render and stops at the first step
// whose result is the intended text, or as soon as the text changed in any
// other way (a second attempt could duplicate text).
import { readText, domPoint } from '../text.mjs';

/** @typedef {{ start: number, end: number, replacement: string }} Edit */
/** One attempt: run() returns false when it could not be tried here.
 *  @typedef {{ name: string, run: (ctx: { el: HTMLElement, e: Edit }) => void | boolean | Promise<void | boolean>,
 *    caret?: boolean, reselect?: boolean }} Step */

/** @type {(ms: number) => Promise<void>} */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** @type {() => Promise<void>} */
export const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));

// execCommand('insertText' | 'delete') on the selection. Chromium fires no
// `beforeinput` for it, only `input` and DOM mutations; editors that follow
// the DOM (ProseMirror, Quill, Lexical, Draft.js's onInput, plain
// contenteditable) pick the edit up from those.
/** @type {Step} */
export const execCommand = {
  name: 'execCommand',
  run({ el, e }) {
    try { el.ownerDocument.execCommand(e.replacement ? 'insertText' : 'delete', false, e.replacement); } catch { /* fall through */ }
  },
};

// A cancelable `beforeinput`, as the browser sends it for typing: the editor
// (Slate, CKEditor 5, Draft.js) cancels it and applies the edit to its model.
/** @type {Step} */
export const beforeInput = { name: 'beforeinput', run: ({ el, e }) => dispatchBeforeInput(el, e) };

// The same after `ticks` turns of the event loop, with the caret put after the
// inserted text if the editor does not (Draft.js handles input a tick late).
/** @param {number} ticks  @returns {Step} */
export function deferredBeforeInput(ticks) {
  return {
    name: `beforeinput+${ticks}`, caret: true,
    async run({ el, e }) {
      for (let i = 0; i < ticks; i++) await sleep(0);
      dispatchBeforeInput(el, e);
    },
  };
}

// Chromium's legacy `textInput` event (Draft.js listens to it).
/** @type {Step} */
export const textInput = {
  name: 'textInput', caret: true,
  run({ el, e }) {
    try {
      const ev = el.ownerDocument.createEvent('TextEvent');
      ev.initTextEvent('textInput', true, true, el.ownerDocument.defaultView, e.replacement);
      el.dispatchEvent(ev);
    } catch { /* not Chromium */ }
  },
};

// A direct edit of one text node followed by `input` (Lexical's and plain
// contenteditable's mutation observers turn it into a model update). Refused
// when the edit spans more than one text node.
/** @type {Step} */
export const domEdit = {
  name: 'domEdit', caret: true, reselect: false,
  run({ el, e }) {
    const { segs } = readText(el);
    const a = domPoint(el, segs, e.start, 'end');
    const b = e.start === e.end ? a : domPoint(el, segs, e.end, 'end');
    if (a.node !== b.node || a.node.nodeType !== 3) return false;
    const n = a.node;
    n.data = n.data.slice(0, a.offset) + e.replacement + n.data.slice(b.offset);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: e.replacement }));
    return true;
  },
};

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
  // The target range is the current selection (set just before); editors
  // that call getTargetRanges() on a synthetic event get [] and fall back to it.
  el.dispatchEvent(pageEvent('beforeinput', init));
}
