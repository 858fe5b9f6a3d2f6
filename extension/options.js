// The options page. Reads settings through the background (so managed values
// and locks are the same everywhere), writes chrome.storage.local directly
// (never storage.sync: settings stay on this device), as the user types.
import { api, normaliseSite, sitePattern } from './settings.js';
import { CATEGORY_LABELS } from './web/vocab.mjs';

const $ = (id) => document.getElementById(id);
let current = null; // { settings, locked }

const LIST_KEYS = ['cityAccounts', 'modeRules', 'emailDomains', 'confidentialTerms', 'disclaimers'];

function lines(text) {
  return text.split('\n').map((s) => s.trim()).filter(Boolean);
}

let savedTimer = 0;
async function save(patch) {
  await api.storage.local.set(patch);
  $('saved').textContent = 'Saved';
  clearTimeout(savedTimer);
  savedTimer = setTimeout(() => { $('saved').textContent = ''; }, 1500);
  await refresh();
}

function lock(key) {
  const box = document.querySelector(`.field[data-key="${key}"]`);
  if (!box || box.querySelector('.locked')) return;
  for (const c of box.querySelectorAll('input, select, textarea, button')) c.disabled = true;
  const note = document.createElement('p');
  note.className = 'locked';
  note.textContent = 'Set by your organisation';
  box.prepend(note);
}

async function refresh() {
  const res = await api.runtime.sendMessage({ type: 'settings' });
  if (!res?.ok) throw new Error(res?.error || 'no answer from the background');
  current = res;
  const s = res.settings;
  $('role').value = s.role;
  for (const r of document.querySelectorAll('input[name="defaultMode"]')) r.checked = r.value === s.defaultMode;
  for (const k of LIST_KEYS) if (document.activeElement !== $(k)) $(k).value = s[k].join('\n');
  if (document.activeElement !== $('disclaimerText')) $('disclaimerText').value = s.disclaimerText;
  renderSites(s);
  renderPaused(s);
  for (const key of res.locked) lock(key);
  const stats = (await api.runtime.sendMessage({ type: 'stats' }))?.stats;
  renderProblems(res.problems ?? [], stats?.settingsErrors ?? []);
  $('about').textContent = stats
    ? `PostGuard engine ${stats.version ?? '?'}; start-up ${stats.coldStartMs ?? '?'} ms.` : '';
  return s;
}

async function renderRules() {
  const res = await api.runtime.sendMessage({ type: 'rules' });
  const ul = $('rules');
  ul.replaceChildren();
  const rules = res?.rules ?? [];
  if (!rules.length) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = res?.ok ? 'No rules.' : 'The rules could not be loaded.';
    ul.append(li);
    return;
  }
  const disabled = new Set(current.settings.disabledRules);
  const locked = current.locked.includes('disabledRules');
  for (const r of rules) {
    const id = r.id ?? r.rule;
    const li = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !disabled.has(id);
    box.disabled = locked;
    box.dataset.rule = id;
    box.addEventListener('change', () => {
      const set = new Set(current.settings.disabledRules);
      if (box.checked) set.delete(id); else set.add(id);
      save({ disabledRules: [...set] });
    });
    const name = document.createElement('code');
    name.textContent = id;
    const about = document.createElement('span');
    about.className = 'muted';
    // Where the rule runs: City-account posts only (accuracy, page check), comments only.
    const where = r.modes?.length === 1 && r.modes[0] === 'city' ? ', City accounts only' : r.modes?.length === 1 && r.modes[0] === 'moderation' ? ', comments only' : '';
    about.textContent = `${CATEGORY_LABELS[r.category] ?? r.category}, ${r.severity}${where} \u2014 ${r.summary}`;
    label.append(box, ' ', name, ' ', about);
    li.append(label);
    ul.append(li);
  }
}

// Settings that were unusable (wrong type, bad entries, too long; from the
// user's storage or the organisation's policy) or that the engine rejected:
// named, field by field, at the top and next to the field.
const SOURCE = { managed: 'set by your organisation', local: 'your setting', engine: 'rejected by the checker' };
function renderProblems(problems, engineErrors) {
  for (const p of document.querySelectorAll('.field-problem')) p.remove();
  const all = [...problems, ...engineErrors.map((e) => ({ key: e.key, source: 'engine', message: e.message }))];
  const ul = $('problem-list');
  ul.replaceChildren();
  for (const p of all) {
    const label = p.key ? (document.querySelector(`.field[data-key="${CSS.escape(p.key)}"] label`)?.textContent.trim() || p.key) : 'Policy';
    const li = document.createElement('li');
    li.dataset.key = p.key ?? '';
    li.dataset.source = p.source;
    li.textContent = `${label} (${p.key ?? 'policy'}, ${SOURCE[p.source] ?? p.source}): ${p.message}`;
    ul.append(li);
    const box = p.key && document.querySelector(`.field[data-key="${CSS.escape(p.key)}"]`);
    if (box) {
      const note = document.createElement('p');
      note.className = 'field-problem';
      note.textContent = `${SOURCE[p.source] ?? p.source}: ${p.message}`;
      box.append(note);
    }
  }
  $('problems').hidden = all.length === 0;
}

function siteRow(text, buttonLabel, onClick, disabled) {
  const li = document.createElement('li');
  const span = document.createElement('span');
  span.textContent = text;
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = buttonLabel;
  b.disabled = !!disabled;
  b.addEventListener('click', onClick);
  li.append(span, ' ', b);
  return li;
}

function emptyRow(text) {
  const li = document.createElement('li');
  li.className = 'muted';
  li.textContent = text;
  return li;
}

function renderSites(s) {
  const ul = $('sites');
  ul.replaceChildren();
  const locked = current.locked.includes('sites');
  if (!s.sites.length) ul.append(emptyRow('No extra sites.'));
  for (const origin of s.sites) {
    const li = siteRow(origin, 'Remove', async () => {
      await save({ sites: s.sites.filter((x) => x !== origin) });
      try { await api.permissions.remove({ origins: [sitePattern(origin)] }); } catch { /* still used elsewhere */ }
    }, locked);
    api.permissions.contains({ origins: [sitePattern(origin)] }).then((ok) => {
      if (ok) return;
      const grant = document.createElement('button');
      grant.type = 'button';
      grant.textContent = 'Allow';
      grant.addEventListener('click', () => {
        api.permissions.request({ origins: [sitePattern(origin)] }).then(() => refresh());
      });
      const note = document.createElement('span');
      note.className = 'muted';
      note.textContent = ' (not allowed yet) ';
      li.append(note, grant);
    });
    ul.append(li);
  }
}

function renderPaused(s) {
  const ul = $('paused');
  ul.replaceChildren();
  const locked = current.locked.includes('pausedSites');
  if (!s.pausedSites.length) ul.append(emptyRow('None. Pause a site from the toolbar button while you are on it.'));
  for (const host of s.pausedSites) {
    ul.append(siteRow(host, 'Resume', () => save({ pausedSites: s.pausedSites.filter((x) => x !== host) }), locked));
  }
}

function wire() {
  $('role').addEventListener('change', (e) => save({ role: e.target.value }));
  for (const r of document.querySelectorAll('input[name="defaultMode"]')) {
    r.addEventListener('change', () => { if (r.checked) save({ defaultMode: r.value }); });
  }
  // Saved as the user types (a short pause), and at once when the field is left.
  const typing = new Map();
  const onType = (k, value) => (e) => {
    clearTimeout(typing.get(k));
    const now = e.type === 'change';
    typing.set(k, setTimeout(() => save({ [k]: value(e.target.value) }), now ? 0 : 400));
  };
  for (const k of LIST_KEYS) for (const t of ['input', 'change']) $(k).addEventListener(t, onType(k, lines));
  for (const t of ['input', 'change']) $('disclaimerText').addEventListener(t, onType('disclaimerText', (v) => v.trim()));
  $('add-site').addEventListener('submit', (e) => {
    e.preventDefault();
    const origin = normaliseSite($('site').value);
    if (!origin) { $('saved').textContent = 'Enter an https address, e.g. https://social.example.org'; return; }
    // permissions.request must run inside the user gesture: call it first.
    api.permissions.request({ origins: [sitePattern(origin)] }).then(async (granted) => {
      const sites = current.settings.sites.includes(origin) ? current.settings.sites : [...current.settings.sites, origin];
      await save({ sites });
      $('site').value = '';
      $('saved').textContent = granted ? `Added ${origin}` : `Added ${origin}, but it is not allowed yet`;
      api.runtime.sendMessage({ type: 'sync-sites' });
    }, (err) => { $('saved').textContent = String(err?.message ?? err); });
  });
}

wire();
refresh().then(renderRules).catch((e) => {
  $('error').hidden = false;
  $('error').textContent = `Settings could not be loaded: ${String(e?.message ?? e)}`;
});
