// CKEditor 5. Like Slate, its model follows `beforeinput` (so that comes
// first, after the same selection delay); unlike Slate it also survives
// execCommand and a direct text-node edit, tried next. Not covered by the
// extension's end-to-end tests (no test page).
import { beforeInput, execCommand, deferredBeforeInput, domEdit } from './steps.mjs';

export default {
  family: 'ckeditor',
  matches: (el) => el.classList.contains('ck-editor__editable'),
  selectionDelayMs: 130,
  steps: [beforeInput, execCommand, deferredBeforeInput(1), domEdit],
};
