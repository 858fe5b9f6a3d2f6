// PostGuard demo page.
//
// Checks the post in the compose box with the PostGuard engine (Rust compiled to
// WebAssembly, loaded from ./pkg/) as the user types, and shows each finding two
// ways: underlined in the post and listed in the side panel with the policy
// clause it cites. Nothing leaves the browser.
//
// How the underlines work: the textarea stays a real textarea (typing, undo,
// spell check and screen readers behave as usual). Behind it sits a "backdrop"
// div with the same box, font and wrapping, holding the same text as plain text
// nodes with <mark> elements around the flagged spans. The backdrop's text is
// transparent and the textarea's background is transparent, so what shows is the
// textarea's own text over the backdrop's mark backgrounds and underlines.
// All user text reaches the DOM through text nodes only, never as HTML.
//
// Spans: finding.start/end are UTF-16 code unit offsets, i.e. JS string indices,
// so text.slice(start, end) is the flagged text.

import init, { Checker, version } from './pkg/postguard.js';
import { EXAMPLES } from './examples.mjs';
// The shared web package (web/, copied to ./web/ by the build; the extension uses the same).
import { SEVERITY_RANK, ROLE_LABELS } from './web/vocab.mjs';
import { shiftFindings } from './web/spans.mjs';
import { el } from './web/dom.mjs';
import { findingCard as cardParts, categoryLabel, severityLabel as findingSeverityLabel, clauseText } from './web/card.mjs';
import { applyFix as applyEditorFix } from './web/fix/index.mjs';
import { highlight } from './highlight.mjs';
import { registerWorker, takeShared, sharedDraft } from './pwa.mjs';
import { setupPage } from './page.mjs';

const DEBOUNCE_MS = 150;
// Past this length the backdrop is redrawn only when a check finishes, not on
// every keystroke, so typing into a very long paste stays smooth.
const LIVE_BACKDROP_MAX = 20000;
// The side panel lists at most this many findings (the underlines show all).
const PANEL_MAX = 200;

const $ = (id) => document.getElementById(id);
const els = {
  post: $('post'), backdrop: $('backdrop'), editor: $('editor'),
  findings: $('findings'), findingsCount: $('findings-count'), summary: $('summary'),
  empty: $('findings-empty'), emptyTitle: $('empty-title'), emptyBody: $('empty-body'),
  timing: $('timing'), announcer: $('announcer'), charCount: $('char-count'),
  role: $('role'), example: $('example'), loadExample: $('load-example'),
  avatar: $('avatar'), whoName: $('who-name'), whoHandle: $('who-handle'), postCard: $('post-card'),
  version: $('version'), viewCheck: $('view-check'), viewPolicy: $('view-policy'),
  navCheck: $('nav-check'), navPolicy: $('nav-policy'),
  toc: $('toc'), policyBody: $('policy-body'), policyStats: $('policy-stats'),
  paste: $('paste-btn'), copy: $('copy-btn'), share: $('share-btn'), notice: $('notice'),
  contextBox: $('context-box'), contextPost: $('context-post'), postLabel: $('post-label'),
  updateBanner: $('update-banner'), updateText: $('update-text'), updateReload: $('update-reload'), updateLater: $('update-later'),
};

const state = {
  checker: null,
  context: { mode: 'personal', role: 'staff' },
  // The text the backdrop and `findings` currently describe.
  shownText: '',
  // The text of the last completed check, and its findings (spans into it).
  checkedText: null,
  findings: [],
  panelKey: '',
  active: -1,
  timer: 0,
  announcedCount: null,
  clauseCache: new Map(),
};

// ---- small helpers (the DOM only through el() and text nodes, never HTML) ------

function plural(n, one, many = one + 's') { return `${n} ${n === 1 ? one : many}`; }

function formatMs(ms) {
  if (ms < 0.1) return '<0.1';
  if (ms < 10) return ms.toFixed(1);
  return String(Math.round(ms));
}

function clauseInfo(id) {
  if (!id) return undefined;
  if (!state.clauseCache.has(id)) {
    let c;
    try { c = state.checker.clause(id); } catch { c = undefined; }
    state.clauseCache.set(id, c || undefined);
  }
  return state.clauseCache.get(id);
}

// ---- the backdrop (underlines) ---------------------------------------------

// Draws the backdrop: the post's text with a <mark> around each finding's span.
function renderBackdrop(text, findings) {
  els.backdrop.replaceChildren(highlight(document, text, findings, state.active));
  syncBackdrop();
}

// Keeps the backdrop's box and scroll position identical to the textarea's.
function syncBackdrop() {
  const ta = els.post;
  const cs = getComputedStyle(ta);
  const borders = parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
  const scrollbar = Math.max(0, ta.offsetWidth - ta.clientWidth - borders);
  els.backdrop.style.right = `${scrollbar}px`;
  els.backdrop.style.height = `${ta.offsetHeight}px`;
  els.backdrop.scrollTop = ta.scrollTop;
  els.backdrop.scrollLeft = ta.scrollLeft;
}

// Grows the textarea with its content (up to the CSS max-height).
function autoGrow() {
  const ta = els.post;
  const cs = getComputedStyle(ta);
  const borders = parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
  ta.style.height = 'auto';
  ta.style.height = `${ta.scrollHeight + borders}px`;
}

// ---- checking ----------------------------------------------------------------

function runCheck() {
  clearTimeout(state.timer);
  state.timer = 0;
  if (!state.checker) return;
  const text = els.post.value;
  let findings;
  const t0 = performance.now();
  try {
    findings = state.checker.check(text, checkContext());
  } catch (err) {
    const ms = performance.now() - t0;
    showEngineError(`The checker failed on this text (${err && err.message ? err.message : err}).`, ms);
    return;
  }
  const ms = performance.now() - t0;
  state.checkedText = text;
  state.findings = findings;
  state.shownText = text;
  state.active = -1;
  renderBackdrop(text, findings);
  renderPanel(text, findings);
  setActive(-1);
  els.timing.textContent = `Checked in your browser in ${formatMs(ms)} ms — nothing was sent.`;
  els.timing.classList.remove('error');
  announce(text, findings);
}

// The check's context: in moderation mode, the City post the comment replies to (if given).
function checkContext() {
  const ctx = { ...state.context };
  const post = els.contextPost.value;
  if (ctx.mode === 'moderation' && post.trim()) ctx.context = post;
  return ctx;
}

function scheduleCheck() {
  clearTimeout(state.timer);
  state.timer = setTimeout(runCheck, DEBOUNCE_MS);
}

// Brings the findings up to date with the textarea now (e.g. before a fix).
function flushCheck() {
  if (state.timer || state.checkedText !== els.post.value) runCheck();
}

function onInput() {
  const text = els.post.value;
  updateCount(text);
  autoGrow();
  if (text.length <= LIVE_BACKDROP_MAX || text.length < state.shownText.length) {
    state.findings = shiftFindings(state.shownText, text, state.findings);
    state.shownText = text;
    renderBackdrop(text, state.findings);
  } else {
    syncBackdrop();
  }
  scheduleCheck();
}

function updateCount(text) {
  let n = 0;
  for (const _ of text) n++; // code points, as people count characters
  els.charCount.textContent = n.toLocaleString('en-US');
}

function announce(text, findings) {
  const n = findings.length;
  if (n === state.announcedCount) return;
  const first = state.announcedCount === null;
  state.announcedCount = n;
  if (first && n === 0 && text === '') return;
  els.announcer.textContent = n === 0 ? 'No findings.' : `${plural(n, 'finding')}: ${severitySummary(findings)}.`;
}

function severitySummary(findings) {
  const counts = { error: 0, warning: 0, info: 0 };
  let review = 0;
  for (const f of findings) {
    if (f.category === 'moderation') review++;
    else counts[f.severity] = (counts[f.severity] || 0) + 1;
  }
  const parts = [];
  if (review) parts.push(`${review} for review`);
  if (counts.error) parts.push(plural(counts.error, 'error'));
  if (counts.warning) parts.push(plural(counts.warning, 'warning'));
  if (counts.info) parts.push(plural(counts.info, 'note'));
  return parts.join(', ');
}

function showEngineError(message, ms) {
  els.timing.textContent = ms === undefined ? message : `${message} (after ${formatMs(ms)} ms)`;
  els.timing.classList.add('error');
}

// ---- the findings panel -------------------------------------------------------

function renderPanel(text, findings) {
  const key = JSON.stringify([text === '', findings]);
  if (key === state.panelKey) return;
  state.panelKey = key;

  els.findingsCount.textContent = String(findings.length);
  els.summary.textContent = findings.length ? severitySummary(findings) : '';
  els.postCard.dataset.status = findings.length
    ? (findings.some((f) => f.severity === 'error') ? 'error' : findings.some((f) => f.severity === 'warning') ? 'warning' : 'info')
    : (text.trim() ? 'ok' : 'empty');

  if (!findings.length) {
    els.empty.hidden = false;
    if (text.trim()) {
      els.empty.classList.add('ok');
      els.emptyTitle.textContent = 'No findings.';
      els.emptyBody.textContent = 'PostGuard found nothing in this post that the policy warns about. Read it once more before you post: a tool cannot know everything.';
    } else {
      els.empty.classList.remove('ok');
      els.emptyTitle.textContent = 'Start typing to check your post.';
      els.emptyBody.textContent = 'Findings appear here as you type, or load one of the example posts.';
    }
    els.findings.replaceChildren();
    return;
  }
  els.empty.hidden = true;
  const order = findings.map((f, i) => i)
    .sort((a, b) => (SEVERITY_RANK[findings[a].severity] ?? 9) - (SEVERITY_RANK[findings[b].severity] ?? 9)
      || findings[a].start - findings[b].start);
  const frag = document.createDocumentFragment();
  for (const i of order.slice(0, PANEL_MAX)) frag.append(findingCard(findings[i], i, text));
  if (order.length > PANEL_MAX) {
    frag.append(el('li', { class: 'finding-more', text: `…and ${order.length - PANEL_MAX} more, underlined in the post.` }));
  }
  els.findings.replaceChildren(frag);
}

function findingCard(f, i, text) {
  const excerpt = f.excerpt;
  const clause = clauseInfo(f.clause);
  const titleId = `finding-${i}-title`;
  const select = el('button', { type: 'button', class: 'finding-select', id: titleId, 'data-action': 'select' },
    el('span', { class: `sev-badge sev-${f.severity}` }, el('span', { class: 'sev-icon', 'aria-hidden': 'true' }), findingSeverityLabel(f)),
    el('span', { class: 'category', text: categoryLabel(f.category) }),
    excerpt ? el('span', { class: 'excerpt' }, '“', excerpt.length > 80 ? `${excerpt.slice(0, 77)}…` : excerpt, '”') : null,
    el('span', { class: 'visually-hidden', text: ' (show in post)' }));

  const card = cardParts(f, {
    clause: clause ?? null, clauseHref: (id) => `#clause-${id}`, fixClass: 'btn btn-primary',
    fixAttrs: () => ({ 'data-action': 'fix', 'aria-describedby': titleId }),
  });
  return el('li', {
    class: `finding sev-${f.severity}`, 'data-index': String(i), 'data-rule': f.rule, 'data-category': f.category,
  }, select, card.message, card.clause, card.fixes);
}

function setActive(i) {
  state.active = i;
  for (const m of els.backdrop.querySelectorAll('mark.active')) m.classList.remove('active');
  for (const m of els.backdrop.querySelectorAll(`mark[data-finding="${i}"]`)) m.classList.add('active');
  for (const li of els.findings.querySelectorAll('li.finding')) li.classList.toggle('active', li.dataset.index === String(i));
}

// Selects the finding's span in the textarea and scrolls it into view.
function selectFinding(i) {
  flushCheck();
  const f = state.findings[i];
  if (!f) return;
  const ta = els.post;
  setActive(i);
  ta.focus({ preventScroll: true });
  ta.setSelectionRange(f.start, f.end, 'forward');
  const mark = els.backdrop.querySelector(`mark[data-finding="${i}"]`);
  if (mark) {
    // The backdrop mirrors the textarea: scrolling to the mark in it gives the
    // textarea's scroll position too, and scrolls the page to the post.
    mark.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    ta.scrollTop = els.backdrop.scrollTop;
    syncBackdrop();
  }
}

// Applies one fix through the shared applier (web/fix/: a textarea edit by
// execCommand, one undo step), then checks again at once.
async function applyFix(i, k) {
  const before = state.findings[i];
  if (!before) return;
  const fixBefore = before.fixes[k];
  flushCheck();
  // The text may have changed since the panel was drawn: find the same fix again.
  let f = state.findings[i];
  if (!f || f.rule !== before.rule) f = state.findings.find((g) => g.rule === before.rule && g.clause === before.clause);
  const fix = f && (f.fixes.find((x) => fixBefore && x.label === fixBefore.label) || f.fixes[k]);
  if (!fix) return;
  const ta = els.post;
  const result = await applyEditorFix({ el: ta }, fix);
  autoGrow();
  updateCount(ta.value);
  runCheck();
  els.announcer.textContent = `${result === 'applied' ? 'Applied' : 'Could not apply'}: ${fix.label}. ${state.findings.length ? `${plural(state.findings.length, 'finding')} left.` : 'No findings left.'}`;
  state.announcedCount = state.findings.length;
}

// ---- round trip: paste in, copy or share the (fixed) text back ------------------------

let noticeTimer = 0;
// A short message under the compose box (a polite live region).
function notice(message, { error = false, sticky = false } = {}) {
  clearTimeout(noticeTimer);
  els.notice.textContent = message;
  els.notice.classList.toggle('error', error);
  if (!sticky) noticeTimer = setTimeout(() => { els.notice.textContent = ''; }, 6000);
}

// Puts `text` in the compose box in place of the selection, as one undo step
// (like a paste; the same textarea edit as a fix), and checks at once.
async function insertText(text) {
  const ta = els.post;
  await applyEditorFix({ el: ta }, { label: 'Paste', edits: [{ start: ta.selectionStart, end: ta.selectionEnd, replacement: text }] });
  autoGrow();
  updateCount(ta.value);
  runCheck();
}

async function pasteFromClipboard() {
  let text;
  try {
    text = await navigator.clipboard.readText();
  } catch {
    notice('PostGuard may not read the clipboard here. Paste into the box instead (Ctrl+V, or press and hold).', { error: true });
    return;
  }
  if (!text) { notice('The clipboard holds no text.'); return; }
  await insertText(text);
  const n = state.findings.length;
  notice(`Pasted. ${n ? `${plural(n, 'finding')}: ${severitySummary(state.findings)}.` : 'No findings.'}`);
  state.announcedCount = n;
}

async function copyToClipboard() {
  flushCheck();
  const text = els.post.value;
  if (!text) { notice('There is no text to copy yet.'); return; }
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    notice('The browser refused to copy. Select the text in the box and copy it yourself.', { error: true });
    return;
  }
  notice(`Copied the post (${els.charCount.textContent} characters)${state.findings.length ? `, with ${plural(state.findings.length, 'finding')} still open` : ''}.`);
}

async function shareText() {
  flushCheck();
  const text = els.post.value;
  if (!text) { notice('There is no text to share yet.'); return; }
  try {
    await navigator.share({ text });
  } catch (err) {
    if (err && err.name === 'AbortError') return; // the user closed the share sheet
    notice(`Sharing did not work (${err && err.message ? err.message : err}). Use Copy text instead.`, { error: true });
  }
}

// Shows only what this browser can do: reading the clipboard needs the
// Clipboard API's readText (not in every browser), sharing needs Web Share.
function wireRoundTrip() {
  const clip = navigator.clipboard;
  els.paste.hidden = !(clip && typeof clip.readText === 'function');
  els.copy.hidden = !(clip && typeof clip.writeText === 'function');
  let canShare = typeof navigator.share === 'function';
  if (canShare && typeof navigator.canShare === 'function') {
    try { canShare = navigator.canShare({ text: 'PostGuard' }); } catch { canShare = false; }
  }
  els.share.hidden = !canShare;
  els.paste.addEventListener('click', pasteFromClipboard);
  els.copy.addEventListener('click', copyToClipboard);
  els.share.addEventListener('click', shareText);
}

// ---- the installed app: updates and shared drafts ---------------------------------------

function offerUpdate(apply) {
  const refresh = () => {
    els.updateText.textContent = els.post.value
      ? 'A new version of PostGuard is ready. Reloading clears the compose box: copy your post first.'
      : 'A new version of PostGuard is ready.';
  };
  refresh();
  els.post.addEventListener('input', refresh);
  els.updateReload.onclick = () => { els.updateReload.disabled = true; apply(); };
  els.updateLater.onclick = () => { els.updateBanner.hidden = true; };
  els.updateBanner.hidden = false;
  els.announcer.textContent = 'A new version of PostGuard is ready: Reload, at the bottom of the page.';
}

// Puts a shared draft in the compose box and checks it at once.
function showShared(shared) {
  if (shared === undefined) return;
  if (!shared) {
    notice('The shared text did not arrive (PostGuard restarted in between). Share it again.', { error: true, sticky: true });
    return;
  }
  const draft = sharedDraft(shared);
  if (!draft) { notice('The share held no text.', { sticky: true }); return; }
  els.post.value = draft;
  state.announcedCount = null;
  autoGrow();
  updateCount(draft);
  runCheck();
  const n = state.findings.length;
  const summary = n ? `${plural(n, 'finding')}: ${severitySummary(state.findings)}.` : 'No findings.';
  notice(`Checked the shared text. ${summary}`, { sticky: true });
  state.announcedCount = n;
  // Straight to the post and its findings (on a phone they are below the intro).
  els.postCard.scrollIntoView({ block: 'start' });
}

// ---- the compose card's "who is posting" ------------------------------------------

function updateIdentity() {
  const { mode, role } = state.context;
  els.contextBox.hidden = mode !== 'moderation';
  // The commenter is a member of the public: the writer's role does not apply.
  els.role.closest('.control').hidden = mode === 'moderation';
  els.postLabel.textContent = mode === 'moderation' ? 'Comment text' : 'Post text';
  if (mode === 'moderation') {
    els.avatar.textContent = 'A';
    els.whoName.textContent = 'A member of the public';
    els.whoHandle.textContent = 'comment on a City post · for review';
  } else if (mode === 'city') {
    els.avatar.textContent = 'R';
    els.whoName.textContent = 'City of Rochester, MN';
    els.whoHandle.textContent = '@CityofRochesterMN · official City account';
  } else {
    els.avatar.textContent = 'JD';
    els.whoName.textContent = 'Jordan Doe';
    els.whoHandle.textContent = `@jordandoe · personal account · ${ROLE_LABELS[role] || role}`;
  }
  els.postCard.dataset.mode = mode;
}

function setContext(next, { check = true } = {}) {
  state.context = { ...state.context, ...next };
  for (const r of document.querySelectorAll('input[name="mode"]')) r.checked = r.value === state.context.mode;
  els.role.value = state.context.role;
  updateIdentity();
  if (check) runCheck();
}

// ---- examples ---------------------------------------------------------------------------

function fillExamples() {
  const flagged = el('optgroup', { label: 'Posts with findings' });
  const clean = el('optgroup', { label: 'Posts that follow the policy' });
  for (const ex of EXAMPLES) {
    (ex.expect.length ? flagged : clean).append(el('option', { value: ex.id, text: ex.title }));
  }
  els.example.append(flagged, clean);
}

function loadExample(id) {
  const ex = EXAMPLES.find((e) => e.id === id);
  if (!ex) return;
  els.post.value = ex.text;
  setContext({ mode: ex.mode, role: ex.role }, { check: false });
  state.announcedCount = null;
  autoGrow();
  updateCount(ex.text);
  runCheck();
  const n = state.findings.length;
  els.announcer.textContent = `Loaded example: ${ex.title}. ${n ? `${plural(n, 'finding')}: ${severitySummary(state.findings)}.` : 'No findings.'}`;
  state.announcedCount = n;
}

// ---- the policy view ---------------------------------------------------------------------

function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

// A rule's examples as [{ text, flagged }]. RuleInfo (src/engine.rs):
// `example` is a post the rule flags, `counter_example` a similar one it does not;
// a page statement (mapped in renderPolicy) has only the model sentence.
function ruleExamples(r) {
  const out = [];
  if (r.example) out.push({ text: r.example, flagged: true });
  if (r.counter_example) out.push({ text: r.counter_example, flagged: false });
  return out;
}

// Who a rule applies to, as the policy view words it.
const MODE_APPLIES = { personal: 'personal accounts', city: 'official City accounts', moderation: 'public comments on City accounts (for review)' };

function ruleCard(r) {
  const exs = ruleExamples(r);
  const applies = [];
  const modes = r.modes;
  const roles = r.roles ?? [];
  if (modes.length) applies.push(modes.map((m) => MODE_APPLIES[m] || m).join(' and '));
  if (roles.length) applies.push(roles.map((x) => (ROLE_LABELS[x] || x).toLowerCase()).join(', '));
  return el('li', { class: 'rule', id: `rule-${r.id}` },
    el('p', { class: 'rule-head' },
      el('span', { class: `sev-badge sev-${r.severity}` }, el('span', { class: 'sev-icon', 'aria-hidden': 'true' }), findingSeverityLabel(r)),
      el('span', { class: 'category', text: categoryLabel(r.category) }),
      el('code', { class: 'rule-id', text: r.id })),
    el('p', { class: 'rule-summary', text: r.summary }),
    applies.length ? el('p', { class: 'rule-applies', text: `Applies to ${applies.join('; ')}.` }) : null,
    exs.length ? el('ul', { class: 'rule-examples' }, exs.map((x) => el('li', { class: x.flagged ? 'ex-flagged' : 'ex-fine' },
      el('span', { class: 'ex-label', text: x.flagged ? 'Flagged: ' : 'Fine: ' }),
      el('q', { text: x.text })))) : null,
    r.explanation && r.explanation !== r.summary
      ? el('details', { class: 'rule-more' }, el('summary', { text: 'Why this matters' }), clauseText(r.explanation, 'div', 'rule-explanation'))
      : null);
}

function rulesList(id, rs) {
  return el('ul', { class: 'rule-list', 'aria-label': `Rules that cite ${id}` }, rs.map(ruleCard));
}

function renderPolicy() {
  const checker = state.checker;
  // The page check's statements (checker.pageStatements()) are listed under
  // their clauses too, with the model sentence as the wording that passes.
  const rules = checker.rules().concat(
    checker.pageStatements().map((st) => ({ ...st, modes: ['city'], counter_example: st.model })));
  const byClause = new Map();
  for (const r of rules) {
    if (!byClause.has(r.clause)) byClause.set(r.clause, []);
    byClause.get(r.clause).push(r);
  }
  const clauses = checker.clauses();

  // Group by heading, in document order. A section's own entry (id without a
  // dot, text = the heading, e.g. {id: "personal", text: "Personal Social
  // Media Use"}) names the section rather than being a clause.
  const groups = [];
  for (const c of clauses) {
    const heading = c.heading || 'Policy';
    if (!groups.length || groups[groups.length - 1].heading !== heading) groups.push({ heading, id: null, clauses: [] });
    const g = groups[groups.length - 1];
    if (!c.id.includes('.') && c.text === heading && !g.id) g.id = c.id;
    else g.clauses.push(c);
  }

  const toc = document.createDocumentFragment();
  const body = document.createDocumentFragment();
  let cited = 0;
  let clauseCount = 0;
  for (const g of groups) {
    const sid = g.id ? `clause-${g.id}` : `section-${slug(g.heading)}`;
    const sectionRules = g.id ? byClause.get(g.id) || [] : [];
    const checkedHere = g.clauses.filter((c) => byClause.has(c.id)).length + (sectionRules.length ? 1 : 0);
    toc.append(el('li', {}, el('a', { href: `#${sid}`, text: g.heading }),
      checkedHere ? el('span', { class: 'toc-count', text: ` ${checkedHere} checked` }) : null));
    const section = el('section', { class: 'policy-section', id: sid, tabindex: '-1', 'aria-labelledby': `${sid}-h` },
      el('h2', { id: `${sid}-h` }, g.heading, g.id ? el('code', { class: 'section-id', text: ` [${g.id}]` }) : null));
    if (sectionRules.length) { cited++; section.append(rulesList(g.id, sectionRules)); }
    for (const c of g.clauses) {
      clauseCount++;
      const rs = byClause.get(c.id) || [];
      if (rs.length) cited++;
      // List items of a clause have ids like city.g.email, personal.s.harassment, moderation.spam.
      const isItem = /^[a-z-]+\.[a-z]\.[a-z0-9-]+$/.test(c.id) || /^moderation\.[a-z]/.test(c.id);
      const article = el('article', { class: `clause${rs.length ? ' cited' : ''}${isItem ? ' item' : ''}`, id: `clause-${c.id}`, tabindex: '-1' },
        el('div', { class: 'clause-meta' },
          el('code', { class: 'clause-id', text: c.id }),
          rs.length ? el('span', { class: 'checked-badge', text: `Checked by PostGuard${rs.length > 1 ? ` · ${rs.length} rules` : ''}` }) : null),
        clauseText(c.text, 'div', 'clause-body'));
      if (rs.length) article.append(rulesList(c.id, rs));
      section.append(article);
    }
    body.append(section);
  }
  els.toc.replaceChildren(toc);
  els.policyBody.replaceChildren(body);
  els.policyStats.textContent = `${plural(clauseCount, 'clause')} in ${plural(groups.length, 'section')}. `
    + `PostGuard checks ${plural(cited, 'of them', 'of them')} with ${plural(rules.length, 'rule')}.`;
}

// ---- views (hash routing) ------------------------------------------------------------

function route({ focus = false } = {}) {
  let hash = '';
  try { hash = decodeURIComponent(location.hash.slice(1)); } catch { hash = ''; }
  const policy = hash === 'policy' || hash.startsWith('clause-') || hash.startsWith('section-');
  const page = hash === 'page';
  // Other fragments (the skip link's #main) stay on the current view.
  if (!policy && !page && hash !== '' && hash !== 'check') return;
  els.viewCheck.hidden = policy || page;
  els.viewPolicy.hidden = !policy;
  $('view-page').hidden = !page;
  els.navCheck.toggleAttribute('aria-current', !policy && !page);
  els.navPolicy.toggleAttribute('aria-current', policy);
  $('nav-page').toggleAttribute('aria-current', page);
  for (const a of [els.navCheck, els.navPolicy, $('nav-page')]) if (a.hasAttribute('aria-current')) a.setAttribute('aria-current', 'page');
  document.title = policy
    ? 'About the policy · PostGuard'
    : page ? 'Check a City page · PostGuard'
      : 'PostGuard: check a post against the City of Rochester Social Media Policy';
  if (page) {
    if (focus) { window.scrollTo(0, 0); $('page-title').focus({ preventScroll: true }); }
  } else if (policy) {
    const target = hash !== 'policy' ? document.getElementById(hash) : null;
    if (target) {
      target.scrollIntoView({ block: 'start' });
      if (focus) target.focus({ preventScroll: true });
      for (const t of document.querySelectorAll('.clause.targeted')) t.classList.remove('targeted');
      if (target.classList.contains('clause')) target.classList.add('targeted');
    } else {
      window.scrollTo(0, 0);
      if (focus) $('policy-title').focus({ preventScroll: true });
    }
  } else if (focus) {
    window.scrollTo(0, 0);
    $('check-title').focus({ preventScroll: true });
  }
}

// ---- start-up -----------------------------------------------------------------------------------

function wire() {
  els.post.addEventListener('input', onInput);
  els.contextPost.addEventListener('input', scheduleCheck);
  els.post.addEventListener('scroll', syncBackdrop);
  new ResizeObserver(() => { syncBackdrop(); }).observe(els.post);
  window.addEventListener('resize', () => { autoGrow(); syncBackdrop(); });

  for (const r of document.querySelectorAll('input[name="mode"]')) {
    r.addEventListener('change', () => { if (r.checked) setContext({ mode: r.value }); });
  }
  els.role.addEventListener('change', () => setContext({ role: els.role.value }));
  els.loadExample.addEventListener('click', () => {
    if (!els.example.value) { els.example.focus(); return; }
    loadExample(els.example.value);
  });
  $('controls').addEventListener('submit', (e) => e.preventDefault());

  els.findings.addEventListener('click', (e) => {
    const li = e.target.closest('li.finding');
    if (!li) return;
    const i = Number(li.dataset.index);
    const action = e.target.closest('[data-action]');
    if (action && action.dataset.action === 'fix') { applyFix(i, Number(action.dataset.fix)); return; }
    if (e.target.closest('a')) return; // the clause link navigates
    if (!action && window.getSelection && String(window.getSelection()).length) return; // selecting text to copy
    selectFinding(i);
  });

  window.addEventListener('hashchange', () => route({ focus: true }));
  wireRoundTrip();
}

async function main() {
  fillExamples();
  wire();
  route();
  registerWorker(offerUpdate);
  // Asked for at once, applied when the checker is ready.
  const shared = takeShared().catch(() => null);
  try {
    await init();
    state.checker = new Checker({ ...state.context });
  } catch (err) {
    showEngineError(`The checker could not start: ${err && err.message ? err.message : err}`);
    els.emptyTitle.textContent = 'The checker could not start.';
    els.emptyBody.textContent = 'This page needs a browser with WebAssembly. Try reloading it.';
    // A shared draft is not lost with the checker: it stays in the box.
    shared.then((s) => { if (s) els.post.value = sharedDraft(s); });
    throw err;
  }
  // The engine builds parts of its matchers on first use: warm it up now so
  // the first check the user sees takes its usual fraction of a millisecond.
  try {
    const sample = EXAMPLES.map((e) => e.text).join('\n');
    for (const mode of ['personal', 'city']) state.checker.check(sample, { mode, role: 'council' });
  } catch { /* a failing check shows up on the first real one */ }
  els.version.textContent = `v${version()}`;
  document.documentElement.dataset.ready = 'true';
  setContext({
    mode: document.querySelector('input[name="mode"]:checked')?.value || 'personal',
    role: els.role.value || 'staff',
  }, { check: false });
  autoGrow();
  updateCount(els.post.value);
  runCheck();
  showShared(await shared);
  try {
    setupPage({ checker: state.checker, clauseInfo, plural });
  } catch (err) {
    $('page-status').textContent = `The page check could not start: ${err.message}`;
  }
  try { renderPolicy(); } catch (err) {
    els.policyBody.replaceChildren(el('p', { class: 'error', text: `The policy text could not be shown: ${err.message}` }));
  }
  route();
}

main();
