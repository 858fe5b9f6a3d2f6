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

function stringList(v) {
  if (!Array.isArray(v)) return undefined;
  const out = [];
  for (const x of v) {
    if (typeof x !== 'string') continue;
    const s = x.trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

// Validates one stored value; returns undefined when it is unusable.
export function clean(key, v) {
  switch (key) {
    case 'role': return ROLES.includes(v) ? v : undefined;
    case 'defaultMode': return MODES.includes(v) ? v : undefined;
    case 'disclaimerText': return typeof v === 'string' ? v.trim() : undefined;
    case 'severity': {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
      const out = {};
      for (const [k, s] of Object.entries(v)) if (SEVERITIES.includes(s)) out[k] = s;
      return out;
    }
    case 'sites': {
      const list = stringList(v);
      return list && list.map(normaliseSite).filter(Boolean);
    }
    case 'pausedSites': return stringList(v)?.map((h) => h.toLowerCase());
    default: return KEYS.includes(key) ? stringList(v) : undefined;
  }
}

// Merges sync settings under managed ones. Returns { settings, locked }.
export function merge(sync = {}, managed = {}) {
  const settings = {};
  const locked = [];
  for (const key of KEYS) {
    const m = clean(key, managed[key]);
    const s = clean(key, sync[key]);
    if (m !== undefined) { settings[key] = m; locked.push(key); } else if (s !== undefined) settings[key] = s;
    else settings[key] = structuredClone(DEFAULTS[key]);
  }
  return { settings, locked };
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
