// Slate (Reddit's composer). Slate takes edits only from `beforeinput`: an
// execCommand edit leaves its model behind the DOM and the next keystroke
// lands in the wrong place, so the cancelable `beforeinput` is the only step,
// sent after Slate's throttled selectionchange handler (100 ms) has seen the
// selection. A pure removal is deleteContentBackward (Slate ignores an
// insertion of empty text).
//
// Slate's history merges an insertion that directly follows typed text into
// the typing's undo step, so an insertion is sent as the replacement of the
// character before it by that character plus the text: its first operation is
// a removal, which starts a new undo step, and one Ctrl+Z takes exactly the
// fix out (not after a line break: that would join two paragraphs).
import { beforeInput } from './steps.mjs';

export function ownUndoStep(text, e) {
  if (e.start !== e.end || !e.replacement || e.start === 0) return e;
  const low = text.charCodeAt(e.start - 1);
  const n = low >= 0xdc00 && low <= 0xdfff && e.start >= 2 ? 2 : 1;
  const ch = text.slice(e.start - n, e.start);
  if (/[\n\r\u2028\u2029]/.test(ch)) return e;
  return { ...e, start: e.start - n, replacement: ch + e.replacement };
}

export default {
  family: 'slate',
  matches: (el) => el.hasAttribute('data-slate-editor'),
  selectionDelayMs: 130,
  prepare: ownUndoStep,
  steps: [beforeInput],
};
