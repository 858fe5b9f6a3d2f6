// PostGuard settings: one definition shared by the background worker, the popup
// and the options page (ES module; content scripts never read settings, they
// ask the background).
//
// Settings live in chrome.storage.sync under the keys below. City IT can push
// any of them by enterprise policy (chrome.storage.managed, schema in
// managed_schema.json); a managed value always wins and is reported as locked.
// The on/off switch of the keyboard shortcut lives in chrome.storage.local
// ("enabled"), because it is a per-device, momentary choice.

export const api = globalThis.browser ?? globalThis.chrome;

export const ROLES = ['staff', 'police', 'council', 'volunteer', 'contractor'];
export const MODES = ['personal', 'city'];
export const SEVERITIES = ['error', 'warning', 'info'];

export const DEFAULTS = Object.freeze({
  role: 'staff',
  defaultMode: 'personal',
  modeRules: [],          // URL prefixes of the City's official accounts -> mode "city"
  emailDomains: [],       // -> policy.email_domains
  confidentialTerms: [],  // -> policy.confidential_terms
  disclaimers: [],        // -> policy.disclaimers (extra accepted phrasings)
  disclaimerText: '',     // -> policy.disclaimer_text ('' = the pack's default)
  disabledRules: [],      // -> policy.disable
  severity: {},           // -> policy.severity
  sites: [],              // extra https origins the user added (optional host permission)
  pausedSites: [],        // host names where checking is paused
});

export const KEYS = Object.keys(DEFAULTS);

// Limits: a setting beyond them is cut (and reported). chrome.storage.sync
// holds at most 8 KB per key anyway; these bound what policy or storage.local
// tampering could hand the engine on every worker start.
export const MAX_LIST = 500;
export const MAX_ITEM = 300;
export const MAX_TEXT = 1000;

const LIST_KEYS = ['modeRules', 'emailDomains', 'confidentialTerms', 'disclaimers', 'disabledRules', 'sites', 'pausedSites'];
// At least two letters or digits (the engine's own rule for terms and phrasings).
const MEANINGFUL = /[\p{L}\p{N}].*[\p{L}\p{N}]/su;
const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const HOST = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const RULE_ID = /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/;

function typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
const show = (x) => JSON.stringify(String(x).length > 60 ? `${String(x).slice(0, 57)}...` : String(x));

// One list item, normalised, or { bad: why }.
function listItem(key, s) {
  switch (key) {
    case 'emailDomains': {
      const d = s.toLowerCase().replace(/^@/, '');
      return DOMAIN.test(d) ? d : { bad: `${show(s)} is not a domain name like example.gov` };
    }
    case 'confidentialTerms':
    case 'disclaimers':
      return MEANINGFUL.test(s) ? s : { bad: `${show(s)} needs at least two letters or digits` };
    case 'disabledRules':
      return RULE_ID.test(s) ? s : { bad: `${show(s)} is not a rule id like conduct.profanity` };
    case 'modeRules': {
      const n = s.includes('://') ? s : `https://${s}`;
      try { const u = new URL(n); if (u.protocol === 'https:' || u.protocol === 'http:') return s; } catch { /* below */ }
      return { bad: `${show(s)} is not a web address` };
    }
    case 'sites': return normaliseSite(s) ?? { bad: `${show(s)} is not an https site` };
    case 'pausedSites': {
      const h = s.toLowerCase();
      return HOST.test(h) ? h : { bad: `${show(s)} is not a host name` };
    }
    default: return s;
  }
}

function list(key, v, problems) {
  if (!Array.isArray(v)) { problems.push(`must be a list of text lines, not ${typeName(v)}; the default is used`); return undefined; }
  const out = [];
  let skipped = 0;
  if (v.length > MAX_LIST) problems.push(`has ${v.length} entries; only the first ${MAX_LIST} are used`);
  for (const x of v.slice(0, MAX_LIST)) {
    if (typeof x !== 'string') { skipped++; continue; }
    const t = x.trim();
    if (!t) continue;
    if (t.length > MAX_ITEM) { problems.push(`an entry is longer than ${MAX_ITEM} characters and was left out`); continue; }
    const item = listItem(key, t);
    if (item && typeof item === 'object') { problems.push(`${item.bad}; left out`); continue; }
    if (!out.includes(item)) out.push(item);
  }
  if (skipped) problems.push(`${skipped} entr${skipped === 1 ? 'y is' : 'ies are'} not text and ${skipped === 1 ? 'was' : 'were'} left out`);
  return out;
}

// Validates one stored value: { value (undefined when unusable: the default
// applies), problems: [message, ...] } (the messages do not name the key).
export function check(key, v) {
  const problems = [];
  let value;
  switch (key) {
    case 'role':
      if (ROLES.includes(v)) value = v;
      else problems.push(`must be one of ${ROLES.join(', ')}, not ${typeof v === 'string' ? show(v) : typeName(v)}; the default (${DEFAULTS.role}) is used`);
      break;
    case 'defaultMode':
      if (MODES.includes(v)) value = v;
      else problems.push(`must be personal or city, not ${typeof v === 'string' ? show(v) : typeName(v)}; the default (${DEFAULTS.defaultMode}) is used`);
      break;
    case 'disclaimerText':
      if (typeof v !== 'string') problems.push(`must be text, not ${typeName(v)}; the policy's own wording is used`);
      else if (v.trim().length > MAX_TEXT) problems.push(`is longer than ${MAX_TEXT} characters; the policy's own wording is used`);
      else if (v.trim() && !MEANINGFUL.test(v)) problems.push(`needs at least two letters or digits; the policy's own wording is used`);
      else value = v.trim();
      break;
    case 'severity': {
      if (!v || typeof v !== 'object' || Array.isArray(v)) { problems.push(`must be an object of rule id to severity, not ${typeName(v)}; ignored`); break; }
      value = {};
      const entries = Object.entries(v);
      if (entries.length > MAX_LIST) problems.push(`has ${entries.length} entries; only the first ${MAX_LIST} are used`);
      for (const [k, sv] of entries.slice(0, MAX_LIST)) {
        if (!RULE_ID.test(k)) problems.push(`${show(k)} is not a rule id; left out`);
        else if (!SEVERITIES.includes(sv)) problems.push(`${k}: ${show(typeof sv === 'string' ? sv : typeName(sv))} is not error, warning or info; left out`);
        else value[k] = sv;
      }
      break;
    }
    default:
      if (LIST_KEYS.includes(key)) value = list(key, v, problems);
      else problems.push('is not a PostGuard setting; ignored');
  }
  return { value, problems };
}

// Validates one stored value; returns undefined when it is unusable.
export function clean(key, v) {
  return check(key, v).value;
}

// Merges sync settings under managed ones, field by field: a bad value falls
// back to the user's (for a managed one) or to the default, and is reported.
// Returns { settings, locked, problems: [{ key, source: 'managed'|'sync', message }] }.
export function merge(sync = {}, managed = {}) {
  const settings = {};
  const locked = [];
  const problems = [];
  const note = (key, source, list) => { for (const message of list) problems.push({ key, source, message }); };
  for (const key of KEYS) {
    let m, sv;
    if (managed && Object.hasOwn(managed, key)) { const r = check(key, managed[key]); m = r.value; note(key, 'managed', r.problems); }
    if (sync && Object.hasOwn(sync, key)) { const r = check(key, sync[key]); sv = r.value; note(key, 'sync', r.problems); }
    if (m !== undefined) { settings[key] = m; locked.push(key); } else if (sv !== undefined) settings[key] = sv;
    else settings[key] = structuredClone(DEFAULTS[key]);
  }
  for (const [source, obj] of [['managed', managed], ['sync', sync]]) {
    if (!obj || typeof obj !== 'object') continue;
    for (const key of Object.keys(obj)) if (!KEYS.includes(key)) note(key, source, ['is not a PostGuard setting; ignored']);
  }
  return { settings, locked, problems };
}

export async function readManaged() {
  try {
    return (await api.storage.managed.get(null)) ?? {};
  } catch {
    return {}; // no policy installed (Firefox throws when there is no managed storage)
  }
}

export async function load() {
  const [sync, managed] = await Promise.all([api.storage.sync.get(null), readManaged()]);
  return merge(sync, managed);
}

// The Checker options of ARCHITECTURE.md (the mode is given per check).
export function checkerOptions(settings) {
  const policy = {};
  if (settings.emailDomains.length) policy.email_domains = settings.emailDomains;
  if (settings.confidentialTerms.length) policy.confidential_terms = settings.confidentialTerms;
  if (settings.disclaimers.length) policy.disclaimers = settings.disclaimers;
  if (settings.disclaimerText) policy.disclaimer_text = settings.disclaimerText;
  if (settings.disabledRules.length) policy.disable = settings.disabledRules;
  if (Object.keys(settings.severity).length) policy.severity = settings.severity;
  const opts = { mode: settings.defaultMode, role: settings.role };
  if (Object.keys(policy).length) opts.policy = policy;
  return opts;
}

// "https://social.example.org/anything" or "social.example.org" -> "https://social.example.org"
export function normaliseSite(s) {
  if (typeof s !== 'string') return null;
  let t = s.trim();
  if (!t) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) t = 'https://' + t;
  try {
    const u = new URL(t);
    if (u.protocol !== 'https:' || !u.hostname) return null;
    return 'https://' + u.hostname.toLowerCase();
  } catch {
    return null;
  }
}

// The match pattern for a site origin: the host and its subdomains.
export function sitePattern(origin) {
  const host = new URL(origin).hostname;
  return `https://${host}/*`;
}

function normaliseUrl(u) {
  return String(u).trim().toLowerCase()
    .replace(/^http:\/\//, 'https://')
    .replace(/^(https:\/\/)www\./, '$1')
    .replace(/^(https:\/\/)twitter\.com\//, '$1x.com/')
    .replace(/^(https:\/\/)mobile\./, '$1')
    .replace(/^(https:\/\/)m\./, '$1');
}

// Which mode a page is checked in, and why.
// Returns { mode, reason: 'rule' | 'default', rule? }.
export function modeFor(url, settings) {
  if (url) {
    const nu = normaliseUrl(url);
    for (const rule of settings.modeRules) {
      const nr = normaliseUrl(rule.includes('://') ? rule : 'https://' + rule);
      if (nr && nu.startsWith(nr)) return { mode: 'city', reason: 'rule', rule };
    }
  }
  return { mode: settings.defaultMode, reason: 'default' };
}

export function hostOf(url) {
  try { return new URL(url).hostname.toLowerCase(); } catch { return ''; }
}

// Paused on this host (or a parent domain of it)?
export function isPaused(url, settings) {
  const host = hostOf(url);
  if (!host) return false;
  return settings.pausedSites.some((p) => host === p || host.endsWith('.' + p));
}
