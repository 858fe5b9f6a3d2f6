// Fix applier for contenteditable editors: runs the step list of the
// editor's family (one module per family in this folder) for one edit.
//
// 1. Focus the editor and select the edit's DOM range (the disclaimer fix is a
//    collapsed caret at the end of the text); wait for the editor's
//    `selectionchange` handler (asynchronous; Slate throttles it to 100 ms:
//    families set `selectionDelayMs`), then select again.
// 2. Try the family's steps in order (steps.mjs). After each, wait until the
//    editor has rendered: the intended text → applied (the caret is put after
//    the inserted text where the step says so); any other change → refused at
//    once, nothing more is tried (a second attempt could duplicate text);
//    unchanged → the next step, with the range selected again.
// 3. No step left → refused.
import { readText, domRange, domPoint } from '../text.mjs';
import { sleep, nextFrame } from './steps.mjs';
import draft from './draft.mjs';
import lexical from './lexical.mjs';
import slate from './slate.mjs';
import prosemirror from './prosemirror.mjs';
import quill from './quill.mjs';
import ckeditor from './ckeditor.mjs';
import plain from './plain.mjs';

export const FAMILIES = Object.fromEntries([draft, lexical, slate, prosemirror, quill, ckeditor, plain].map((f) => [f.family, f]));

const loose = (s) => s.replace(/\s+/g, ' ').trim();
// Editors may normalise whitespace they render (a trailing space as &nbsp;, a
// collapsed run): the text counts as intended when it matches up to that.
export const same = (a, b) => a === b || loose(a) === loose(b);

// Applies one edit; true when the editor's text is then the intended one.
export async function applyEdit(el, familyName, e0) {
  const family = FAMILIES[familyName] ?? plain;
  const before = readText(el).text;
  const e = family.prepare ? family.prepare(before, e0) : e0;
  const want = before.slice(0, e.start) + e.replacement + before.slice(e.end);
  const caret = e.start + e.replacement.length;

  el.focus({ preventScroll: true });
  selectRange(el, e.start, e.end);
  await sleep(0);
  await nextFrame();
  if (family.selectionDelayMs) await sleep(family.selectionDelayMs);
  selectRange(el, e.start, e.end);

  for (const [i, step] of family.steps.entries()) {
    if (i > 0 && step.reselect !== false) selectRange(el, e.start, e.end);
    if (await step.run({ el, e }) === false) continue; // the step could not be tried here
    const result = await settled(el, want, before);
    if (result === 'done') {
      if (step.caret) placeCaret(el, caret);
      return true;
    }
    if (readText(el).text !== before) return false;
  }
  return false;
}

function selectionFor(el) {
  const root = el.getRootNode();
  return (root !== el.ownerDocument && root.getSelection?.()) || el.ownerDocument.getSelection();
}

function selectRange(el, start, end) {
  const { segs } = readText(el);
  const range = domRange(el, segs, start, end);
  const sel = selectionFor(el);
  sel.removeAllRanges();
  sel.addRange(range);
}

// Waits until the editor has rendered the change (or a short time passes).
async function settled(el, want, before) {
  for (let i = 0; i < 6; i++) {
    const now = readText(el).text;
    if (same(now, want)) return 'done';
    if (now !== before && i >= 2) return 'changed';
    await sleep(i < 2 ? 0 : 25);
  }
  return 'unchanged';
}

function placeCaret(el, offset) {
  try {
    const { segs } = readText(el);
    const p = domPoint(el, segs, offset, 'end');
    const r = el.ownerDocument.createRange();
    r.setStart(p.node, p.offset);
    r.collapse(true);
    const sel = selectionFor(el);
    sel.removeAllRanges();
    sel.addRange(r);
  } catch { /* the editor re-rendered: leave its caret */ }
}
