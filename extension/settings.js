// PostGuard settings: one definition shared by the background worker, the popup
// and the options page (ES module; content scripts never read settings, they
// ask the background).
//
// Settings live in chrome.storage.local under the keys below: never in
// storage.sync, whose contents go to the user's browser-sync account (a City's
// confidential terms must not). Older versions kept them in storage.sync:
// migrateFromSync() moves them to storage.local once and removes them from
// sync. City IT can push any of them by enterprise policy
// (chrome.storage.managed, schema in managed_schema.json); a managed value
// always wins and is reported as locked. storage.local also holds a few
// per-device state keys that are not settings (LOCAL_STATE): the on/off switch
// of the keyboard shortcut ("enabled") and whether the welcome page was done.
// The background asks the browser to keep storage.local from content scripts
// (setAccessLevel TRUSTED_CONTEXTS, where supported); content scripts never
// read settings, they ask the background, which answers them only with what
// drawing needs.

export const api = globalThis.browser ?? globalThis.chrome;

// One source for the names: src/finding.rs, written out as web/vocab.mjs (copied to ./web/ by the build).
export { ROLES } from './web/vocab.mjs';
import { ROLES, POSTING_MODES, VOCAB } from './web/vocab.mjs';
/** The modes a default or a per-tab switch may choose (moderation is the demo page's and the CLI's). */
export const MODES = POSTING_MODES;
export const SEVERITIES = VOCAB.severities.map((t) => t.id);

export const DEFAULTS = Object.freeze({
  role: 'staff',
  defaultMode: 'personal',
  modeRules: [],          // URLs of the City's official accounts (whole path segments) -> mode "city"
  cityAccounts: [],       // handles / page ids of the City's accounts (@RochesterMNGov, facebook:12345) -> mode "city"
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
// storage.local keys that are per-device state, not settings.
export const LOCAL_STATE = ['enabled', 'welcomed'];

// Limits: a setting beyond them is cut (and reported). They bound what a
// policy or a tampered storage.local could hand the engine on every worker
// start.
export const MAX_LIST = 500;
export const MAX_ITEM = 300;
export const MAX_TEXT = 1000;

const LIST_KEYS = ['modeRules', 'cityAccounts', 'emailDomains', 'confidentialTerms', 'disclaimers', 'disabledRules', 'sites', 'pausedSites'];
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
    case 'cityAccounts': return normaliseAccount(s) ?? { bad: `${show(s)} is not a handle (@name), a page id (facebook:12345) or a profile address` };
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

// Merges the user's settings (storage.local) under managed ones, field by
// field: a bad value falls back to the user's (for a managed one) or to the
// default, and is reported.
// Returns { settings, locked, problems: [{ key, source: 'managed'|'local', message }] }.
export function merge(local = {}, managed = {}) {
  const sync = local;
  const settings = {};
  const locked = [];
  const problems = [];
  const note = (key, source, list) => { for (const message of list) problems.push({ key, source, message }); };
  for (const key of KEYS) {
    let m, sv;
    if (managed && Object.hasOwn(managed, key)) { const r = check(key, managed[key]); m = r.value; note(key, 'managed', r.problems); }
    if (sync && Object.hasOwn(sync, key)) { const r = check(key, sync[key]); sv = r.value; note(key, 'local', r.problems); }
    if (m !== undefined) { settings[key] = m; locked.push(key); } else if (sv !== undefined) settings[key] = sv;
    else settings[key] = structuredClone(DEFAULTS[key]);
  }
  for (const [source, obj] of [['managed', managed], ['local', sync]]) {
    if (!obj || typeof obj !== 'object') continue;
    for (const key of Object.keys(obj)) {
      if (source === 'local' && LOCAL_STATE.includes(key)) continue;
      if (!KEYS.includes(key)) note(key, source, ['is not a PostGuard setting; ignored']);
    }
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
  const [local, managed] = await Promise.all([api.storage.local.get(null), readManaged()]);
  return merge(local, managed);
}

// Moves settings an older version kept in storage.sync (the browser-sync
// cloud) to storage.local, then removes them from sync. A value already in
// storage.local wins (it is newer). Returns the keys moved.
export async function migrateFromSync(area = api.storage) {
  let synced;
  try { synced = await area.sync.get(null); } catch { return []; } // no sync area (some Firefox builds)
  const keys = Object.keys(synced ?? {});
  if (!keys.length) return [];
  const local = await area.local.get(keys);
  const patch = {};
  for (const k of keys) if (KEYS.includes(k) && !Object.hasOwn(local, k)) patch[k] = synced[k];
  if (Object.keys(patch).length) await area.local.set(patch);
  await area.sync.remove(keys);
  return Object.keys(patch);
}

// A City account entry: "@RochesterMNGov", "RochesterMNGov", "x.com/RochesterMNGov",
// "https://www.facebook.com/RochesterMN", "facebook:100064512345678",
// "linkedin:company/12345" -> { site|null, id } (id lower case, no "@").
export function normaliseAccount(s) {
  if (typeof s !== 'string') return null;
  let t = s.trim();
  if (!t) return null;
  let site = null;
  const pref = /^(x|twitter|facebook|linkedin|instagram|reddit|bluesky|bsky|threads|mastodon|tiktok|youtube|nextdoor):(.+)$/i.exec(t);
  if (pref) { site = siteName(pref[1]); t = pref[2]; } else if (/^(https?:\/\/)?([a-z0-9-]+\.)+[a-z]{2,}\//i.test(t)) {
    try {
      const u = new URL(/^https?:/i.test(t) ? t : `https://${t}`);
      site = siteName(u.hostname);
      t = u.pathname.replace(/^\/+|\/+$/g, '');
      if (site === 'linkedin') t = t.replace(/^(company|in|showcase)\//, (m) => m); // keep the kind
    } catch { return null; }
  }
  t = t.replace(/^@/, '').replace(/\/+$/, '').toLowerCase();
  if (!t || t.length > 100 || !/^[\p{L}\p{N}._\-\/]+$/u.test(t)) return null;
  return site ? `${site}:${t}` : t;
}

// Host name or short name -> the site family used in account entries.
export function siteName(h) {
  const x = String(h).toLowerCase().replace(/^(www|m|mobile)\./, '');
  if (/^(x|twitter)(\.com)?$/.test(x)) return 'x';
  if (/^(facebook|fb)(\.com)?$/.test(x)) return 'facebook';
  if (/^linkedin(\.com)?$/.test(x)) return 'linkedin';
  if (/^(bsky|bluesky)(\.app)?$/.test(x)) return 'bluesky';
  if (/^threads(\.net|\.com)?$/.test(x)) return 'threads';
  if (/^mastodon(\.social)?$/.test(x)) return 'mastodon';
  return x.replace(/\.[a-z]+$/, '');
}

// Does a posting identity read from a page ({ site, handle, pageId }) belong
// to one of the City accounts? Returns the matching entry or null.
export function matchAccount(identity, accounts) {
  if (!identity || !Array.isArray(accounts)) return null;
  const site = identity.site ? siteName(identity.site) : null;
  const ids = [identity.handle, identity.pageId].filter((x) => typeof x === 'string' && x)
    .map((x) => x.replace(/^@/, '').toLowerCase());
  if (!ids.length) return null;
  for (const a of accounts) {
    const n = normaliseAccount(a);
    if (!n) continue;
    const i = n.indexOf(':');
    const aSite = i > 0 ? n.slice(0, i) : null;
    const aId = i > 0 ? n.slice(i + 1) : n;
    if (aSite && site && aSite !== site) continue;
    if (ids.includes(aId)) return a;
  }
  return null;
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

// The match pattern for a site origin: the host and its subdomains
// (https://*.example.org/* matches example.org itself too).
export function sitePattern(origin) {
  const host = new URL(origin).hostname.replace(/^www\./, '');
  return `https://*.${host}/*`;
}

function normaliseUrl(u) {
  return String(u).trim().toLowerCase()
    .replace(/^http:\/\//, 'https://')
    .replace(/^(https:\/\/)(www|mobile|m)\./, '$1')
    .replace(/^(https:\/\/)twitter\.com(\/|$)/, '$1x.com$2');
}

// Does a URL rule cover a page URL? Host equal, and the rule's path a prefix
// of the page's path in whole segments: x.com/RochesterMNGov covers
// x.com/RochesterMNGov and x.com/RochesterMNGov/media, not
// x.com/RochesterMNGovFans. A reply (…/status/…) is written from whoever is
// logged in, so a rule never covers a status page unless it names one.
export function ruleCovers(rule, url) {
  let r, u;
  try {
    r = new URL(normaliseUrl(rule.includes('://') ? rule : 'https://' + rule));
    u = new URL(normaliseUrl(url));
  } catch { return false; }
  if (r.hostname !== u.hostname) return false;
  const rs = r.pathname.split('/').filter(Boolean);
  const us = u.pathname.split('/').filter(Boolean);
  if (rs.length > us.length) return false;
  for (let i = 0; i < rs.length; i++) if (rs[i] !== us[i]) return false;
  if (!rs.includes('status') && us.slice(rs.length).includes('status')) return false;
  return true;
}

// Which mode a field is checked in, and why. In order: the user's one-click
// switch for this field (override), the posting identity the page shows
// (matched against cityAccounts), the URL rules, the default.
// Returns { mode, reason: 'override' | 'identity' | 'rule' | 'default', rule?, account?, identity? }.
export function modeFor(url, settings, identity = null, override = null) {
  if (override === 'city' || override === 'personal') return { mode: override, reason: 'override' };
  if (identity && (identity.handle || identity.pageId) && settings.cityAccounts?.length) {
    const account = matchAccount(identity, settings.cityAccounts ?? []);
    const who = identity.handle ? `@${String(identity.handle).replace(/^@/, '')}` : String(identity.name || identity.pageId);
    if (account) return { mode: 'city', reason: 'identity', account, identity: who };
    // The page shows who posts and it is not a City account: personal, whatever the URL.
    return { mode: 'personal', reason: 'identity', identity: who };
  }
  if (url) {
    for (const rule of settings.modeRules) {
      if (ruleCovers(rule, url)) return { mode: 'city', reason: 'rule', rule };
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
