// Lexical (Facebook's composer). Lexical follows execCommand's DOM change;
// when it cancels it, a `beforeinput`; then a text-node edit followed by
// `input`, which its mutation observer turns into a model update.
import { execCommand, deferredBeforeInput, domEdit } from './steps.mjs';

export default {
  family: 'lexical',
  matches: (el) => el.hasAttribute('data-lexical-editor'),
  steps: [execCommand, deferredBeforeInput(1), domEdit],
};
