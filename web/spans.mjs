// Span tracking across edits: between two checks, the last check's findings
// follow the user's typing so that underlines stay on their words. One
// behaviour for the demo page and the extension (tested in spans.test.mjs).
//
// The edit is found as the common prefix and suffix of the old and new text
// (one changed stretch, which is what a keystroke, a paste or an editor's
// re-render of one block produces). Then, for each finding:
// - it ends before the edit, or at its start: unchanged (typing right after a
//   flagged word does not stretch its underline);
// - it starts after the edit, or at its end: shifted by the length change;
// - the edit lies inside it: kept, its end moved by the length change (the
//   underline stays on "jdoe@rochestermn.gov" while the user corrects a letter
//   of it, instead of blinking off and on 300 ms later);
// - the edit cuts across one of its ends: dropped until the next check (half
//   of the word is new text the engine has not seen).
// An empty finding (the disclaimer at the end of the text) at the edit's start
// moves with an insertion there: it marks "the end of the post".
//
// Offsets are UTF-16 code units (JS string indices), as in the engine's Finding.
// @ts-check

/** @typedef {{ start: number, end: number }} Span */

/**
 * The changed stretch from `a` to `b`: b.slice(start, newEnd) replaced a.slice(start, oldEnd).
 * @param {string} a
 * @param {string} b
 * @returns {{ start: number, oldEnd: number, newEnd: number }}
 */
export function textDiff(a, b) {
  let p = 0;
  const n = Math.min(a.length, b.length);
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < n - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
}

/**
 * The findings moved from `oldText` to `newText`; moved ones are copies, unchanged ones the same objects.
 * @template {Span} F
 * @param {string} oldText
 * @param {string} newText
 * @param {F[]} findings
 * @returns {F[]}
 */
export function shiftFindings(oldText, newText, findings) {
  if (oldText === newText) return findings;
  const { start, oldEnd, newEnd } = textDiff(oldText, newText);
  const delta = newEnd - oldEnd;
  const out = [];
  for (const f of findings) {
    if (f.end <= start && !(f.start === f.end && f.start === start)) out.push(f);
    else if (f.start >= oldEnd) out.push({ ...f, start: f.start + delta, end: f.end + delta });
    else if (f.start <= start && f.end >= oldEnd) out.push({ ...f, end: f.end + delta });
  }
  return out;
}
