// A contenteditable element no known editor owns (and the fallback for any
// other): execCommand, then `beforeinput`, then a text-node edit and `input`.
import { execCommand, deferredBeforeInput, domEdit } from './steps.mjs';

export default {
  family: 'contenteditable',
  matches: () => true,
  steps: [execCommand, deferredBeforeInput(1), domEdit],
};
