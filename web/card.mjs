// A finding's card, the same on the demo page (the side panel's list item,
// www/app.js and www/page.mjs) and in the extension (the pop-up card,
// extension/content/overlay.js): its labels, its message, the policy clause
// it cites and its fix buttons. The shell around them is each front end's
// own (a list item with a "show in post" button; a dialog with Dismiss, Next
// and the mode line), and so are the class names, given as a prefix ('' on
// the page, 'pg-' in the extension's shadow root) with `rename` for a name a
// front end's testing contract fixes (the extension's `.pg-clause`).
//
// Text only, never HTML: every string reaches the DOM through el().
import { el } from './dom.mjs';
import { CATEGORY_LABELS, SEVERITY_LABELS } from './vocab.mjs';

export function categoryLabel(category) { return CATEGORY_LABELS[category] ?? category; }
// A moderation finding is a reason to review someone's comment, never a verdict.
export function severityLabel(f) { return f.category === 'moderation' ? 'For review' : SEVERITY_LABELS[f.severity] ?? f.severity; }

// A clause's text (src/policy_doc.rs): paragraphs, and list items on lines of
// their own starting with "- ".
export function clauseText(text, tag = 'div', cls = '') {
  const box = el(tag, { class: cls });
  let list = null;
  for (const line of String(text).split('\n')) {
    if (line.startsWith('- ')) {
      if (!list) { list = el('ul', { class: 'clause-list' }); box.append(list); }
      list.append(el('li', { text: line.slice(2) }));
    } else if (line.trim()) {
      list = null;
      box.append(el('p', { text: line }));
    }
  }
  return box;
}

// The card's parts for finding `f`:
//   { message, clause, fixes, setClause(info) }
// options:
//   prefix, rename     class names (above)
//   clause             the clause ({ id, heading, text }) if known now; else
//                      `pending` is shown until setClause(info | undefined)
//   pending            the clause box's text while the clause is not known
//   quote              the element of the clause's text ('blockquote' on the page; the
//                      extension's card keeps to the few elements its tests allow)
//   clauseHref(id)     a link for the clause id (the page's policy view); else a <code>
//   fixClass           more classes for each fix button
//   fixAttrs(fix, k)   more attributes (or on<event> listeners) per fix button
/**
 * @typedef {{ label: string, edits: { start: number, end: number, replacement: string }[] }} Fix
 * @typedef {{ rule: string, category: string, severity: string, clause: string, message: string, fixes: Fix[] }} Finding
 * @typedef {{ id: string, heading: string, text: string }} Clause
 * @typedef {{ prefix?: string, rename?: Record<string, string>, clause?: Clause | null, pending?: string, quote?: string,
 *   clauseHref?: (id: string) => string, fixClass?: string, fixAttrs?: (fix: Fix, k: number) => Record<string, unknown> }} CardOptions
 * @param {Finding} f
 * @param {CardOptions} [options]
 * @returns {{ message: HTMLElement, clause: HTMLElement, fixes: HTMLElement | null, setClause: (info: Clause | null | undefined) => void }}
 */
export function findingCard(f, { prefix = '', rename = {}, clause, pending = '', quote = 'blockquote', clauseHref, fixClass = '', fixAttrs = () => ({}) } = {}) {
  const c = (/** @type {string} */ name) => prefix + (rename[name] ?? name);
  const message = el('p', { class: c('message'), text: f.message });

  const id = clauseHref
    ? el('a', { href: clauseHref(f.clause), class: c('clause-id'), text: f.clause })
    : el('code', { class: c('clause-id'), text: f.clause });
  const heading = el('span', { class: c('clause-heading') });
  let body = el('div', { class: c('clause-text'), text: pending });
  const box = el('div', { class: c('clause-ref') }, el('p', { class: c('clause-cite') }, 'Policy ', id, heading), body);
  const setClause = (info) => {
    heading.textContent = info?.heading ? ` · ${info.heading}` : '';
    const next = info?.text ? clauseText(info.text, quote, c('clause-text')) : null;
    if (next) body.replaceWith(next); else body.remove();
    body = next ?? body;
  };
  if (clause !== undefined) setClause(clause);

  const fixes = f.fixes.length
    ? el('div', { class: c('fixes') }, f.fixes.map((fix, k) => el('button', {
      type: 'button', class: `${fixClass ? `${fixClass} ` : ''}${c('fix')}`, 'data-fix': String(k), text: fix.label, ...fixAttrs(fix, k),
    })))
    : null;
  return { message, clause: box, fixes, setClause };
}
