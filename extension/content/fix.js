// Applying a fix. Only ever on an explicit click of a card's fix button.
// How an edit gets into each editor family (textarea/input, Draft.js,
// Lexical, Slate, ProseMirror, Quill, CKEditor, plain contenteditable) is the
// shared web package's job: web/fix/, one module per family behind
// applyFix(editor, fix) → 'applied' | 'refused'. This file adds what only
// the extension needs around it:
// - the text must still be the checked text (else the field is checked again
//   instead: the fix's offsets would point at other words);
// - a fix clicked within UNDO_GROUP_MS of the last keystroke waits out the
//   rest of that time first: editors group edits made within a short time
//   into one undo step (Quill 1 s, ProseMirror 0.5 s, Lexical's history
//   delay), and the fix must be an undo step of its own;
// - the field is trusted for the editor's reaction (the user's click), and
//   the field is checked again at once afterwards.
import { applyFix as applyEditorFix } from '../../web/fix/index.mjs';
import { sleep } from '../../web/fix/steps.mjs';
import { readText } from '../../web/text.mjs';

const UNDO_GROUP_MS = 1100;

// Applies fix (one of finding's) to the watched field state (main.js's
// FieldState: its trust() and checkNow() are the check's side). Resolves to
// true when the fix landed as intended.
export async function applyFix(state, finding, fix) {
  const el = state.el;
  if (!el.isConnected || !fix.edits.length) return false;
  const since = Date.now() - (state.lastEditAt || 0);
  if (since < UNDO_GROUP_MS) await sleep(UNDO_GROUP_MS - since);
  if (!el.isConnected) return false;
  if (readText(el).text !== state.checkedText) { // the text moved on since the check: check again instead
    state.checkNow();
    return false;
  }
  state.trust(); // the user's click: the editor's reaction to it is the user's edit
  state.fixing = true;
  let result;
  try {
    result = await applyEditorFix({ el, family: state.family }, fix);
  } finally {
    state.fixing = false;
  }
  if (result !== 'applied') console.debug('[postguard] fix did not land as intended; family', state.family);
  state.checkNow();
  return result === 'applied';
}
