// ProseMirror and TipTap (Bluesky's composer). ProseMirror reads execCommand's
// DOM change back into its document; a `beforeinput` if it did not.
import { execCommand, deferredBeforeInput } from './steps.mjs';

export default {
  family: 'prosemirror',
  matches: (el) => el.classList.contains('ProseMirror'),
  steps: [execCommand, deferredBeforeInput(1)],
};
