// Applying a fix: one interface for every editor family.
//
//   applyFix(editor, fix) → Promise<'applied' | 'refused'>
//
// `editor` is { el } or { el, family } (family: editorFamily(el) when left
// out); `fix` is the engine's Fix ({ label, edits }). The edits are applied
// from the last to the first, each through the editor's own input handling,
// so that the editor's model (React state, Draft.js, Lexical, Slate,
// ProseMirror, Quill) holds exactly the intended text afterwards, the caret
// sits after the inserted text and one undo takes the fix out. 'applied'
// means the text is then the intended one; 'refused' that it is not, and
// that nothing more was tried once the text had changed otherwise (the
// caller checks the text again). Only ever call it on the user's click.
//
// One module per family: textarea.mjs (textarea and input) and, for
// contenteditable, draft, lexical, slate, prosemirror, quill, ckeditor and
// plain (contenteditable.mjs runs their step lists, steps.mjs).
import { isTextControl, readText } from '../text.mjs';
import * as textarea from './textarea.mjs';
import { applyEdit as applyEditable, FAMILIES, same } from './contenteditable.mjs';

const ORDER = ['lexical', 'slate', 'prosemirror', 'quill', 'draft', 'ckeditor'];

// The editor family of a field: 'control' (textarea/input), one of ORDER, or
// 'contenteditable'.
/** @param {HTMLElement} el  @returns {string} */
export function editorFamily(el) {
  if (isTextControl(el)) return 'control';
  return ORDER.find((f) => FAMILIES[f].matches(el)) ?? 'contenteditable';
}

// The text with all of a fix's edits applied (last to first).
/** @param {string} text  @param {import('./steps.mjs').Edit[]} edits  @returns {string} */
export function fixedText(text, edits) {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  return out;
}

/**
 * @typedef {{ el: HTMLElement, family?: string }} Editor  el: a textarea, an input or a contenteditable editing host
 * @typedef {{ label: string, edits: import('./steps.mjs').Edit[] }} Fix
 * @param {Editor} editor
 * @param {Fix} fix
 * @returns {Promise<'applied' | 'refused'>}
 */
export async function applyFix(editor, fix) {
  const el = editor.el;
  if (!el.isConnected || !fix.edits.length) return 'refused';
  const family = editor.family ?? editorFamily(el);
  const want = fixedText(readText(el).text, fix.edits);
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    const ok = family === 'control' ? await textarea.applyEdit(el, e) : await applyEditable(el, family, e);
    if (!ok) break;
  }
  return same(readText(el).text, want) ? 'applied' : 'refused';
}
