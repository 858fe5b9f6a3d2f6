// Applying a fix. Only ever on an explicit click of a card's fix button.
// How an edit gets into each editor family (textarea/input, Draft.js,
// Lexical, Slate, ProseMirror, Quill, CKEditor, plain contenteditable) is the
// shared web package's job: web/fix/, one module per family behind
// applyFix(editor, fix) → 'applied' | 'refused'. This file adds what only
// the extension needs around it:
// - the fix is taken from the last check's findings at the moment it is
//   applied, never from the card: a card outlives checks (a new check carries
//   it over to the finding with the same rule and flagged text), and a fix's
//   offsets hold only for the text its own check read. A fix from an earlier
//   text applied to this one would cut other words;
// - the text must be the checked text: when it moved on since the check (the
//   user typed, the page edited it), it is checked at once and the fix waits
//   for that check, up to CHECK_WAIT_MS (else nothing is applied);
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
const CHECK_WAIT_MS = 3000;

// Applies the fix labelled `fix.label` of the finding the card shows
// (`finding`, whose rule and flagged text are `key`, see FieldState.key) to
// the watched field state (main.js's FieldState: its trust() and checkNow()
// are the check's side). Resolves to true when the fix landed as intended.
export async function applyFix(state, finding, key, fix) {
  const el = state.el;
  if (!el.isConnected) return false;
  const since = Date.now() - (state.lastEditAt || 0);
  if (since < UNDO_GROUP_MS) await sleep(UNDO_GROUP_MS - since);
  if (!el.isConnected) return false;
  if (readText(el).text !== state.checkedText) { // the text moved on since the check: check it first
    state.checkNow();
    const until = Date.now() + CHECK_WAIT_MS;
    while (readText(el).text !== state.checkedText) {
      if (Date.now() > until || !el.isConnected) return false;
      await sleep(40);
    }
  }
  const now = currentFix(state, finding, key, fix.label);
  if (!now) { // the finding or its fix is gone from the last check
    state.checkNow();
    return false;
  }
  fix = now;
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

// The fix labelled `label` of the last check's finding that the card's
// `finding` is: that very object if the last check made it, else the one with
// the same rule and flagged text (of several, the nearest to where it was).
function currentFix(state, finding, key, label) {
  let f = state.findings.includes(finding) ? finding : null;
  if (!f) {
    let best = Infinity;
    for (const g of state.findings) {
      if (state.key(g, state.checkedText ?? '') !== key) continue;
      const d = Math.abs(g.start - finding.start);
      if (d < best) { best = d; f = g; }
    }
  }
  const fix = f?.fixes?.find((x) => x.label === label);
  return fix && fix.edits?.length ? fix : null;
}
