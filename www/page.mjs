// "Check a City page": the page check (checker.checkPage, src/page.rs) for the
// About/bio text of an official City account. Lists each required statement
// the text lacks, with the clause it comes from and a fix that appends the
// policy pack's model sentence. Every fix is one edit of the textarea through
// the shared applier (web/fix/: execCommand('insertText')), so Ctrl+Z undoes
// it in one step; "Add all missing statements" inserts them all as one edit
// (one undo step too). User text reaches the DOM only as text nodes.
import { applyFix as applyEditorFix, fixedText } from './web/fix/index.mjs';
import { textDiff } from './web/spans.mjs';
import { el } from './web/dom.mjs';
import { findingCard, categoryLabel, severityLabel } from './web/card.mjs';

const DEBOUNCE_MS = 150;

export function setupPage({ checker, clauseInfo, plural }) {
  const $ = (id) => document.getElementById(id);
  const els = {
    text: $('page-text'), list: $('page-findings'), count: $('page-count'), empty: $('page-empty'),
    emptyTitle: $('page-empty-title'), emptyBody: $('page-empty-body'), all: $('page-fix-all'),
    status: $('page-status'), card: $('page-card'),
  };
  const state = { findings: [], checked: null, timer: 0 };

  function check() {
    clearTimeout(state.timer);
    state.timer = 0;
    const text = els.text.value;
    let findings;
    try {
      findings = checker.checkPage(text);
    } catch (err) {
      els.status.textContent = `The checker failed on this text (${err && err.message ? err.message : err}).`;
      return;
    }
    const before = state.checked === null ? null : state.findings.length;
    state.findings = findings;
    state.checked = text;
    render(text, findings);
    if (before !== findings.length && !(before === null && text === '')) {
      els.status.textContent = findings.length
        ? `${plural(findings.length, 'statement')} missing.`
        : 'All four statements are there.';
    }
  }

  function flush() {
    if (state.timer || state.checked !== els.text.value) check();
  }

  function render(text, findings) {
    els.count.textContent = String(findings.length);
    els.all.hidden = findings.length < 2;
    els.card.dataset.status = findings.length ? 'warning' : (text.trim() ? 'ok' : 'empty');
    if (!findings.length) {
      els.empty.hidden = false;
      els.empty.classList.toggle('ok', Boolean(text.trim()));
      els.emptyTitle.textContent = text.trim() ? 'Every required statement is there.' : 'Paste the page\'s About text.';
      els.emptyBody.textContent = text.trim()
        ? 'The page says it is the City\'s, that posts are public records, that visitors\' comments are not the City\'s views, and that the City may remove comments.'
        : 'PostGuard lists the statements the policy requires on every City page that the text lacks.';
      els.list.replaceChildren();
      return;
    }
    els.empty.hidden = true;
    els.list.replaceChildren(...findings.map((f, i) => card(f, i)));
  }

  function card(f, i) {
    const titleId = `page-finding-${i}-title`;
    const parts = findingCard(f, {
      clause: clauseInfo(f.clause) ?? null, clauseHref: (id) => `#clause-${id}`, fixClass: 'btn btn-primary',
      fixAttrs: () => ({ 'aria-describedby': titleId }),
    });
    return el('li', { class: `finding sev-${f.severity}`, 'data-index': String(i), 'data-rule': f.rule, 'data-category': f.category },
      el('p', { class: 'page-finding-head', id: titleId },
        el('span', { class: `sev-badge sev-${f.severity}` }, el('span', { class: 'sev-icon', 'aria-hidden': 'true' }), severityLabel(f)),
        el('span', { class: 'category', text: categoryLabel(f.category) })),
      parts.message, parts.clause, parts.fixes);
  }

  async function applyFix(rule, k) {
    flush();
    const f = state.findings.find((g) => g.rule === rule);
    const fix = f && f.fixes[k];
    if (!fix) return;
    await applyEditorFix({ el: els.text }, fix);
    check();
    els.status.textContent = `Added: ${fix.label.replace(/^Add /, '')}. ${state.findings.length ? `${plural(state.findings.length, 'statement')} still missing.` : 'All four statements are there.'}`;
  }

  // Every missing statement's sentence, in one edit (one undo step). Each
  // fix is made for the text as it is (after text without a final stop it
  // begins with ". "), so they are not simply joined: the engine is asked
  // again after each sentence, on the text so far, and the one edit inserts
  // what that adds up to.
  async function applyAll() {
    flush();
    const value = els.text.value;
    let text = value;
    let added = 0;
    for (let left = state.findings.length; left > 0; left--) {
      const fix = checker.checkPage(text)[0]?.fixes[0];
      if (!fix) break;
      text = fixedText(text, fix.edits);
      added++;
    }
    if (!added) return;
    // The one edit: what differs between the text and the result.
    const d = textDiff(value, text);
    await applyEditorFix({ el: els.text }, { label: 'Add all missing statements', edits: [{ start: d.start, end: d.oldEnd, replacement: text.slice(d.start, d.newEnd) }] });
    check();
    els.status.textContent = state.findings.length
      ? `Added ${plural(added, 'statement')}; ${plural(state.findings.length, 'statement')} still missing.`
      : `Added ${plural(added, 'statement')}. All four statements are there.`;
  }

  els.text.addEventListener('input', () => {
    clearTimeout(state.timer);
    state.timer = setTimeout(check, DEBOUNCE_MS);
  });
  els.list.addEventListener('click', (e) => {
    const btn = e.target.closest('button.fix');
    const li = e.target.closest('li.finding');
    if (btn && li) applyFix(li.dataset.rule, Number(btn.dataset.fix));
  });
  els.all.addEventListener('click', applyAll);
  check();
  return { check };
}
