// Quill (LinkedIn's composer). Quill's mutation observer reads execCommand's
// DOM change into its delta; a `beforeinput` if it did not.
import { execCommand, deferredBeforeInput } from './steps.mjs';

export default {
  family: 'quill',
  matches: (el) => el.classList.contains('ql-editor'),
  steps: [execCommand, deferredBeforeInput(1)],
};
