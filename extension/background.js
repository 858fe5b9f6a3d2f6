// PostGuard background (a module service worker in Chrome/Edge, a module
// background script in Firefox).
//
// It owns everything that is not the page: the wasm checker, the settings, the
// mode rules, the per-tab counts for the popup, the on/off shortcut and the
// content scripts of user-added sites. Content scripts only send text and get
// findings back (message protocol in README.md). Page text is never stored or
// logged here: it lives only for the duration of one check call.

import init, { Checker, version } from './pkg/postguard.js';
import { validate, REFUSED } from './protocol.mjs';
import {
  api, load as loadSettings, checkerOptions, modeFor, isPaused, hostOf, sitePattern,
  migrateFromSync, readManaged, KEYS, merge as mergeSettings,
} from './settings.js';

// Settings (the City's confidential terms among them) live in storage.local.
// Keep that area from content scripts where the browser can (Chromium's
// setAccessLevel for storage.local; Firefox supports it only for
// storage.session: there the background's message gate below is the guard).
try {
  api.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch?.(() => {});
} catch { /* not supported for this area */ }

// Settings of older versions are moved out of storage.sync (the browser-sync
// cloud) before anything reads them.
const migrated = migrateFromSync().catch(() => []);

const USER_SCRIPT_ID = 'postguard-user-sites';

// ---- engine ----------------------------------------------------------------

const stats = {
  version: null,
  coldStartMs: null,  // wasm init + first Checker, measured once per worker start
  initMs: null,
  checkerMs: null,
  checks: 0,
  lastCheckMs: null,
  maxCheckMs: 0,
  capped: 0, // checks whose findings were cut to MAX_FINDINGS (counts only)
  settingsError: null, // the engine's messages when a policy override is rejected ('; '-joined)
  settingsErrors: [],   // the same, one { key (the setting), message } each
  lastError: null,      // the last check that failed: { message, at } (never the text)
  errors: 0,            // checks that failed since the worker started
  checkersBuilt: 0,     // Checkers built since the worker started (each costs 0.4-1.5 s cold)
  received: {},         // messages handled since the worker started, by type (counts only)
};

const engineReady = (async () => {
  const t0 = performance.now();
  await init({ module_or_path: api.runtime.getURL('pkg/postguard_bg.wasm') });
  stats.initMs = round(performance.now() - t0);
  stats.version = version();
})();

let cached = null; // { key, promise: Promise<Checker> }
let settingsCache = null; // Promise<{settings, locked}>

function round(ms) { return Math.round(ms * 100) / 100; }

function getSettings() {
  settingsCache ??= migrated.then(loadSettings).catch((e) => { settingsCache = null; throw e; });
  return settingsCache;
}

// One warm Checker per settings; re-created when the settings change. The
// promise is cached, so checks that arrive together during a cold start share
// one construction.
async function getChecker() {
  await engineReady;
  const { settings } = await getSettings();
  const opts = checkerOptions(settings);
  const key = JSON.stringify(opts);
  if (cached?.key !== key) {
    const prev = cached;
    cached = { key, promise: Promise.resolve().then(() => buildChecker(opts)) };
    // The old one is freed once no check can still be holding it.
    if (prev) setTimeout(() => prev.promise.then((c) => { try { c.free?.(); } catch { /* freed */ } }, () => {}), 5000);
  }
  const entry = cached;
  try {
    return { checker: await entry.promise, settings };
  } catch (e) {
    if (cached === entry) cached = null;
    throw e;
  }
}

// Checker option (options.policy.<field>) -> the setting it comes from.
const POLICY_KEY = {
  email_domains: 'emailDomains', confidential_terms: 'confidentialTerms', disclaimers: 'disclaimers',
  disclaimer_text: 'disclaimerText', disable: 'disabledRules', severity: 'severity',
};

function buildChecker(opts) {
  const t0 = performance.now();
  stats.checkersBuilt++;
  // A bad override must not switch checking off. The engine names what it
  // rejects ("options.policy.disable[0]: unknown rule ..."): drop that entry
  // (a list item or a severity key) and try again; after a few, or when the
  // error names a whole field, drop the field; at worst, the pack alone.
  let checker = null;
  const errors = [];
  const tryOpts = structuredClone(opts);
  for (let i = 0; i < 24; i++) {
    try {
      checker = new Checker(tryOpts);
      break;
    } catch (e) {
      const msg = String(e?.message ?? e);
      const m = /^options\.policy\.([a-z_]+)(?:\[(\d+)\]|\.([A-Za-z0-9_.-]+))?/.exec(msg);
      const field = m?.[1];
      errors.push({ key: POLICY_KEY[field] ?? null, message: msg });
      const p = tryOpts.policy;
      if (field && p && field in p) {
        const v = p[field];
        if (m[2] != null && Array.isArray(v) && i < 16) v.splice(Number(m[2]), 1);
        else if (m[3] != null && v && typeof v === 'object' && i < 16) delete v[m[3]];
        else delete p[field];
        if (Array.isArray(p[field]) && !p[field].length) delete p[field];
        if (!Object.keys(p).length) delete tryOpts.policy;
      } else if (p) delete tryOpts.policy;
      else break;
    }
  }
  checker ??= new Checker({ mode: opts.mode, role: opts.role });
  stats.settingsErrors = errors;
  stats.settingsError = errors.length ? errors.map((x) => x.message).join('; ') : null;
  const ms = performance.now() - t0;
  if (stats.coldStartMs === null) {
    stats.checkerMs = round(ms);
    stats.coldStartMs = round(stats.initMs + ms);
    console.debug('[postguard] cold start ms', stats.coldStartMs);
  }
  return checker;
}

// The engine hands back plain JSON objects (src/wasm.rs serialises with
// serde-wasm-bindgen's json_compatible). A finding sent to a page carries
// exactly the fields of the Finding type, copied by name: nothing else of the
// engine's reaches a page.
function plainEdit(e) {
  return { start: e.start, end: e.end, byte_start: e.byte_start, byte_end: e.byte_end, replacement: e.replacement };
}
// A paste of a whole file can hold hundreds of thousands of findings: no page
// could draw them and no one would read them. Keep the first MAX_FINDINGS in
// text order, plus the first finding of each category not among them, so the
// data-postguard-findings attribute stays exact; the reply's `total` says how
// many there were.
const MAX_FINDINGS = 200;
function capFindings(all) {
  if (all.length <= MAX_FINDINGS) return all;
  const kept = all.slice(0, MAX_FINDINGS);
  const seen = new Set(kept.map((f) => f.category));
  for (let i = MAX_FINDINGS; i < all.length; i++) {
    if (!seen.has(all[i].category)) { seen.add(all[i].category); kept.push(all[i]); }
  }
  return kept;
}

function plainFinding(f) {
  return {
    rule: f.rule, category: f.category, severity: f.severity, clause: f.clause, message: f.message,
    start: f.start, end: f.end, byte_start: f.byte_start, byte_end: f.byte_end, excerpt: f.excerpt,
    fixes: f.fixes.map((x) => ({ label: x.label, edits: x.edits.map(plainEdit) })),
  };
}

// ---- state: enabled, per-tab counts ----------------------------------------

let enabledCache = null; // Promise<boolean>, dropped when storage.local changes
function isEnabled() {
  enabledCache ??= api.storage.local.get('enabled').then(({ enabled }) => enabled !== false, () => true);
  return enabledCache;
}

// Per-tab status for the popup: counts and the mode only, never text.
// Kept in storage.session so it survives the worker going to sleep.
const session = api.storage.session;
const tabMemo = new Map(); // tabId -> last status written (this worker's lifetime)
async function setTabStatus(tabId, frameId, status) {
  if (tabId == null || tabId < 0) return;
  const key = `tab:${tabId}`;
  const prev = tabMemo.get(tabId) ?? (await session.get(key))[key];
  const next = { ...status, frameId, at: Date.now() };
  if (prev && prev.count === next.count && prev.mode === next.mode && prev.frameId === frameId
      && prev.paused === next.paused && prev.error === next.error && prev.modeReason === next.modeReason
      && prev.modeWhy === next.modeWhy) return;
  tabMemo.set(tabId, next);
  await session.set({ [key]: next });
  updateBadge(tabId, next);
}

async function updateBadge(tabId, status) {
  try {
    const enabled = await isEnabled();
    const text = !enabled ? 'off' : status?.error ? '!' : status?.paused ? '' : status?.count ? String(status.count) : '';
    await api.action.setBadgeText({ tabId, text });
    await api.action.setBadgeBackgroundColor({ tabId, color: !enabled ? '#6b6b6b' : status?.error ? '#7a0000' : '#b3261e' });
  } catch { /* tab gone */ }
}

async function shortcutLabel(name) {
  try {
    const c = (await api.commands.getAll()).find((x) => x.name === name);
    return c?.shortcut || null;
  } catch { return null; }
}

async function refreshGlobalBadge() {
  const enabled = await isEnabled();
  await api.action.setBadgeText({ text: enabled ? '' : 'off' });
  await api.action.setBadgeBackgroundColor({ color: '#6b6b6b' });
  const key = await shortcutLabel('toggle-checking');
  await api.action.setTitle({ title: enabled ? 'PostGuard' : `PostGuard (off${key ? `: ${key} turns it on` : ''})` });
}

// Switched off: every tab's counts go (the popup and the badge say "off").
async function clearTabCounts() {
  const all = await session.get(null);
  const tabs = Object.keys(all).filter((k) => /^tab:\d+$/.test(k));
  tabMemo.clear();
  if (tabs.length) await session.remove(tabs);
  for (const k of tabs) await updateBadge(Number(k.slice(4)), null);
}

// A tab closing needs no checker: only its counts are dropped (the worker
// is not made to build one for this).
api.tabs.onRemoved.addListener((tabId) => { tabMemo.delete(tabId); session.remove([`tab:${tabId}`, `override:${tabId}`]); });

// ---- messages --------------------------------------------------------------

// Why a field is checked in its mode, in words for the card and the popup.
function modeWhy(m) {
  switch (m.reason) {
    case 'identity': return m.mode === 'city' ? `posting as ${m.identity}, a City account` : `posting as ${m.identity}`;
    case 'rule': return `this page matches the City account address ${m.rule}`;
    case 'override': return 'switched by you for this tab';
    case 'signup': return 'a sign-up or log-in field';
    default: return 'the default mode in Settings';
  }
}

// The posting identity a content script read from the page: short strings only.
function plainIdentity(x) {
  if (!x || typeof x !== 'object') return null;
  const str = (v) => (typeof v === 'string' && v.length <= 200 ? v : undefined);
  const out = { site: str(x.site), handle: str(x.handle), pageId: str(x.pageId), name: str(x.name), source: str(x.source) };
  return out.handle || out.pageId ? out : null;
}

// Who sent a message: one of the extension's own pages (popup, options,
// welcome), or else a content script (or a site renderer pretending to be
// one). protocol.mjs says which of them may send what: the messages that carry
// the settings (the City's confidential terms among them) or change them are
// the pages' only.
const EXT_ORIGIN = new URL(api.runtime.getURL('')).origin;
function fromExtensionPage(sender) {
  try {
    if (new URL(sender.url).origin !== EXT_ORIGIN) return false;
    return sender.origin == null || sender.origin === EXT_ORIGIN;
  } catch { return false; }
}

async function handle(raw, sender) {
  const type = typeof raw?.type === 'string' && raw.type.length < 40 ? raw.type : '?';
  stats.received[type] = (stats.received[type] ?? 0) + 1;
  const valid = validate(raw, fromExtensionPage(sender) ? 'page' : 'content');
  if (!valid.ok) {
    if (valid.error === REFUSED) stats.refused = (stats.refused ?? 0) + 1;
    return { ok: false, error: valid.error };
  }
  const msg = valid.msg;
  switch (msg.type) {
    // content -> background: check one field's text. `check-page` is a page's
    // About/bio field: in City-account mode it also gets the page check
    // (checker.checkPage: the statements every City page must make).
    case 'check-page':
    case 'check': {
      const text = msg.text;
      const url = sender.tab?.url || msg.url || sender.url || '';
      const tabId = sender.tab?.id;
      let settings;
      try {
        ({ settings } = await getSettings());
      } catch (e) {
        stats.errors++;
        stats.lastError = { message: `settings could not be read: ${String(e?.message ?? e).slice(0, 250)}`, at: Date.now() };
        setTabStatus(tabId, sender.frameId, { count: 0, error: stats.lastError.message, paused: false });
        return { ok: false, active: true, error: stats.lastError.message };
      }
      if (!(await isEnabled())) return { ok: true, active: false, reason: 'off', findings: [] };
      if (isPaused(url, settings)) {
        setTabStatus(tabId, sender.frameId, { count: 0, paused: true });
        return { ok: true, active: false, reason: 'paused', findings: [] };
      }
      const signup = msg.purpose === 'signup';
      const identity = plainIdentity(msg.identity);
      const override = msg.override
        ?? (await session.get(`override:${tabId}`))[`override:${tabId}`] ?? null;
      const m = signup ? { mode: 'personal', reason: 'signup' } : modeFor(url, settings, identity, override);
      let all;
      const t0 = performance.now();
      try {
        const { checker } = await getChecker();
        all = checker.check(text, { mode: m.mode });
        if (msg.type === 'check-page' && m.mode === 'city' && !signup) all = all.concat(checker.checkPage(text));
      } catch (e) {
        // Visible, never silent: badge "!", a line in the popup, an answer the page shows.
        stats.errors++;
        stats.lastError = { message: String(e?.message ?? e).slice(0, 300), at: Date.now() };
        setTabStatus(tabId, sender.frameId, { count: 0, error: stats.lastError.message, paused: false, mode: m.mode, modeReason: m.reason });
        return { ok: false, active: true, error: stats.lastError.message };
      }
      const ms = round(performance.now() - t0);
      if (signup) all = all.filter((f) => f.category === 'city-email');
      const findings = capFindings(all).map(plainFinding);
      stats.checks++;
      stats.lastCheckMs = ms;
      stats.maxCheckMs = Math.max(stats.maxCheckMs, ms);
      if (findings.length < all.length) stats.capped++;
      // The count itself comes from the page (field-status): the focused field's
      // findings minus the ones the user dismissed. A failure before is over.
      const prev = tabId == null ? null : tabMemo.get(tabId) ?? (await session.get(`tab:${tabId}`))[`tab:${tabId}`];
      if (prev?.error) setTabStatus(tabId, sender.frameId, { ...prev, error: undefined, at: undefined });
      return { ok: true, active: true, findings, total: all.length, ms, mode: m.mode, modeReason: m.reason, modeWhy: modeWhy(m) };
    }
    // content -> background: what the focused field shows now (its findings
    // minus dismissals), its mode and why; or 0 when it lost its text.
    case 'field-status': {
      setTabStatus(sender.tab?.id, sender.frameId, {
        count: Math.min(100000, Math.floor(msg.count)), paused: false, mode: msg.mode ?? undefined,
        modeReason: msg.modeReason ?? undefined, modeWhy: msg.modeWhy?.slice(0, 200),
      });
      return { ok: true };
    }
    case 'clause': {
      const { checker } = await getChecker();
      const c = checker.clause(msg.id);
      return { ok: true, clause: c ?? null };
    }
    case 'rules': {
      const { checker } = await getChecker();
      // The page check's statements too (City-account mode, a page's About
      // form): listed, and switched off, like rules.
      const page = checker.pageStatements().map((p) => ({ ...p, modes: ['city'] }));
      return { ok: true, rules: [...checker.rules(), ...page] };
    }
    case 'settings': {
      const { settings, locked, problems } = await getSettings();
      const managed = await readManaged();
      const { welcomed } = await api.storage.local.get('welcomed');
      return { ok: true, settings, locked, problems, welcomed: !!welcomed, managedRole: typeof managed.role === 'string' };
    }
    // popup -> background: this tab's one-click mode switch (null: automatic).
    case 'set-mode': {
      const tabId = Number(msg.tabId);
      const key = `override:${tabId}`;
      if (msg.mode) await session.set({ [key]: msg.mode });
      else await session.remove(key);
      api.tabs.sendMessage(tabId, { type: 'settings-changed' }).catch(() => {});
      return { ok: true };
    }
    // popup -> background: everything the popup shows for one tab.
    case 'tab-status': {
      const tabId = Number(msg.tabId);
      const url = msg.url ?? '';
      // Settings that cannot be read are a failure to show, not a blank popup.
      let settings, locked, settingsFailed = null;
      try { ({ settings, locked } = await getSettings()); } catch (e) {
        ({ settings, locked } = mergeSettings({}, {}));
        settingsFailed = `settings could not be read: ${String(e?.message ?? e).slice(0, 200)}`;
      }
      const key = `tab:${tabId}`;
      const st = (await session.get(key))[key] ?? null;
      const override = (await session.get(`override:${tabId}`))[`override:${tabId}`] ?? null;
      // The field's own mode (from the posting identity it shows), else the URL's.
      const m = st?.mode && st.modeReason ? { mode: st.mode, reason: st.modeReason, why: st.modeWhy } : modeFor(url, settings, null, override);
      return {
        ok: true,
        enabled: await isEnabled(),
        host: hostOf(url),
        paused: url ? isPaused(url, settings) : false,
        pausedLocked: locked.includes('pausedSites'),
        count: st?.count ?? 0,
        seen: !!st,
        error: st?.error ?? settingsFailed,
        lastError: stats.lastError,
        mode: m.mode, modeReason: m.reason, modeRule: m.rule ?? null, modeWhy: m.why ?? modeWhy(m),
        override,
        role: settings.role,
        roleLocked: locked.includes('role'),
        shortcut: await shortcutLabel('toggle-checking'),
      };
    }
    case 'stats': {
      // { peek: true }: as they are, without building a Checker (tests of the cold worker).
      if (!msg.peek) await getChecker().catch(() => {});
      else { await engineReady.catch(() => {}); await new Promise((r) => setTimeout(r, 0)); }
      return { ok: true, stats: { ...stats, received: { ...stats.received } } };
    }
    // content -> background: a field is being written in; keeps the worker (and
    // its warm Checker) from being stopped as idle while the user composes.
    case 'ping': {
      getChecker().catch(() => {});
      return { ok: true };
    }
    case 'sync-sites': {
      await syncUserSites();
      return { ok: true };
    }
    default: // a notice to content scripts (validate() refused it already)
      return { ok: false, error: `unknown message type: ${msg.type}` };
  }
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id && sender.id !== api.runtime.id) return false;
  handle(msg, sender).then(sendResponse, (e) => sendResponse({ ok: false, error: String(e?.message ?? e) }));
  return true; // keeps the channel open; the worker stays awake until we answer
});

// ---- settings changes ------------------------------------------------------

// Content scripts may not read storage.local: they are told that the settings
// changed (and check their fields again) by a message.
async function tellTabs() {
  const tabs = await api.tabs.query({}).catch(() => []);
  for (const t of tabs) api.tabs.sendMessage(t.id, { type: 'settings-changed' }).catch(() => {});
}

api.storage.onChanged.addListener((changes, area) => {
  const settingKeys = Object.keys(changes).filter((k) => KEYS.includes(k));
  if (area === 'managed' || (area === 'local' && settingKeys.length)) {
    settingsCache = null;
    if ('sites' in changes) syncUserSites();
    tellTabs();
  }
  if (area === 'sync' && Object.keys(changes).some((k) => changes[k].newValue !== undefined)) {
    // An older version on another device synced settings up: move them here.
    migrateFromSync().then((moved) => { if (moved.length) { settingsCache = null; tellTabs(); } }, () => {});
  }
  if (area === 'local' && 'enabled' in changes) {
    enabledCache = null;
    refreshGlobalBadge();
    if (changes.enabled.newValue === false) clearTabCounts();
    tellTabs();
  }
});

// ---- keyboard shortcut -----------------------------------------------------

api.commands?.onCommand.addListener(async (command, tab) => {
  if (command === 'toggle-checking') {
    const enabled = await isEnabled();
    await api.storage.local.set({ enabled: !enabled });
  } else if (command === 'show-findings') {
    // Keyboard access to the card: the frame whose field has the focus opens it.
    const tabId = tab?.id ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId != null) api.tabs.sendMessage(tabId, { type: 'open-card' }).catch(() => {});
  }
});

// ---- user-added sites ------------------------------------------------------

// Registers the content scripts on the sites the user added in the options and
// granted the host permission for (only those: an ungranted site is skipped).
async function syncUserSites() {
  if (!api.scripting?.registerContentScripts) return;
  const { settings } = await getSettings();
  const manifest = api.runtime.getManifest();
  const js = manifest.content_scripts[0].js;
  const builtIn = manifest.content_scripts[0].matches;
  const granted = [];
  for (const origin of settings.sites) {
    const pattern = sitePattern(origin);
    if (builtIn.some((b) => patternCovers(b, pattern))) continue;
    if (await api.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [USER_SCRIPT_ID] }).catch(() => []);
  if (existing.length) await api.scripting.unregisterContentScripts({ ids: [USER_SCRIPT_ID] });
  if (!granted.length) return;
  const script = { id: USER_SCRIPT_ID, matches: granted, js, runAt: 'document_idle', allFrames: true };
  try {
    await api.scripting.registerContentScripts([{ ...script, matchOriginAsFallback: true, persistAcrossSessions: true }]);
  } catch {
    await api.scripting.registerContentScripts([script]); // Firefox: no matchOriginAsFallback
  }
}

function patternCovers(builtIn, pattern) {
  const b = new URL(builtIn.replace('*.', 'wildcard.').replace(/\*$/, '')).hostname.replace(/^wildcard\./, '');
  const h = new URL(pattern.replace('*.', '').replace(/\*$/, '')).hostname;
  return h === b || h.endsWith('.' + b);
}

api.permissions?.onAdded?.addListener(() => syncUserSites());
api.permissions?.onRemoved?.addListener(() => syncUserSites());
// First run: a short welcome page (role, City accounts, sites), unless the
// organisation's policy sets the role.
async function welcome(details) {
  if (details?.reason !== 'install') return;
  const managed = await readManaged();
  const { welcomed } = await api.storage.local.get('welcomed');
  if (typeof managed.role === 'string' || welcomed) return;
  await api.tabs.create({ url: api.runtime.getURL('welcome.html') });
}

// For the hardening tests (reachable only from the extension's own contexts).
globalThis.PostGuardWelcome = welcome;

api.runtime.onInstalled.addListener((details) => {
  syncUserSites();
  refreshGlobalBadge();
  welcome(details).catch(() => {});
  getChecker().catch(() => {});
});
api.runtime.onStartup?.addListener(() => { refreshGlobalBadge(); getChecker().catch(() => {}); });

// The engine is warmed by what needs it (a check, a ping while the user
// writes, start-up), not by every wake: a tab closing or a storage change
// wakes the worker without building a Checker.
