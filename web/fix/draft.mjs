// Draft.js (X's composer). Draft follows the DOM change execCommand makes
// (its onInput); when it cancels that, a `beforeinput` a tick later than
// usual (Draft defers its handling), then Chromium's `textInput`, which is
// what Draft's own typing path listens to. Never a DOM edit: Draft re-renders
// from its model and would throw the edit away, or keep it twice.
import { execCommand, deferredBeforeInput, textInput } from './steps.mjs';

export default {
  family: 'draft',
  matches: (el) => !!(el.closest('.DraftEditor-root') || el.querySelector('[data-contents]')),
  steps: [execCommand, deferredBeforeInput(2), textInput],
};
