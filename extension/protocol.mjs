// @ts-check
// Every message between PostGuard's content script, its background worker and
// its own pages (popup, options, welcome): one definition, checked at the
// receiving end by validate(). The background refuses a message whose sender
// may not send it (a content script, or a site renderer pretending to be one,
// asking for the settings, which hold the City's confidential terms) and one
// whose fields have the wrong shape; the content script accepts only the
// background's notices. The types are JSDoc, checked by `tsc --noEmit`
// (tsconfig.json; ./build.sh test); protocol.test.mjs tests validate().
//
// Replies are `{ ok: true, ... }` or `{ ok: false, error }` (extension/README.md,
// "Message protocol", lists the fields of each answer).

/** @typedef {'content' | 'page' | 'background'} Sender
 *  content: a content script in a site's tab; page: one of the extension's own
 *  pages (sender.url on the extension's origin); background: the worker. */

/** @typedef {'city' | 'personal'} PostingMode */
/** @typedef {{ site?: string, handle?: string, pageId?: string, name?: string, source?: string }} Identity */

/** content → background: check a field's text; 'check-page' is a page's About/bio field (City mode adds the page check).
 *  @typedef {{ type: 'check' | 'check-page', text: string, url?: string, purpose?: 'compose' | 'signup' | 'about',
 *    identity?: Identity | null, override?: PostingMode | null }} CheckRequest */
/** content → background: a clause's text for the card.  @typedef {{ type: 'clause', id: string }} ClauseRequest */
/** content → background: what the focused field shows (its findings minus dismissals), its mode and why.
 *  @typedef {{ type: 'field-status', count: number, mode?: PostingMode | null, modeReason?: string | null, modeWhy?: string | null }} FieldStatus */
/** content → background: a field is being written in (keeps the worker warm).  @typedef {{ type: 'ping' }} Ping */
/** page → background.  @typedef {{ type: 'rules' }} RulesRequest */
/** page → background.  @typedef {{ type: 'settings' }} SettingsRequest */
/** page → background; peek: without building a Checker.  @typedef {{ type: 'stats', peek?: boolean }} StatsRequest */
/** page → background: what the popup shows for a tab.  @typedef {{ type: 'tab-status', tabId?: number, url?: string }} TabStatusRequest */
/** page → background: the popup's mode switch for a tab (null: automatic).
 *  @typedef {{ type: 'set-mode', tabId?: number, mode: PostingMode | null }} SetModeRequest */
/** page → background: register content scripts for the granted user-added sites.  @typedef {{ type: 'sync-sites' }} SyncSitesRequest */

/** @typedef {CheckRequest | ClauseRequest | FieldStatus | Ping | RulesRequest | SettingsRequest | StatsRequest
 *    | TabStatusRequest | SetModeRequest | SyncSitesRequest} Request */

/** background → content: settings, pause, the switch or the tab's mode changed.  @typedef {{ type: 'settings-changed' }} SettingsChanged */
/** background → content: the Alt+Shift+O shortcut.  @typedef {{ type: 'open-card' }} OpenCard */
/** @typedef {SettingsChanged | OpenCard} Notice */

/** @typedef {(v: unknown) => string | null} Check  null when v is acceptable, else what was expected */

/** @type {(max: number) => Check} */
const string = (max) => (v) => (typeof v === 'string' && v.length <= max ? null : `a string of at most ${max} characters`);
/** @type {Check} */
const anyString = (v) => (typeof v === 'string' ? null : 'a string');
/** @type {Check} */
const count = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? null : 'a number 0 or more');
/** @type {Check} */
const tabId = (v) => (Number.isInteger(v) ? null : 'a tab id');
/** @type {Check} */
const bool = (v) => (typeof v === 'boolean' ? null : 'true or false');
/** @type {(...values: (string | null)[]) => Check} */
const oneOf = (...values) => (v) => (values.includes(/** @type {any} */ (v)) ? null : `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);
/** @type {Check} */
const identity = (v) => {
  if (v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) return 'an identity object or null';
  for (const [k, x] of Object.entries(/** @type {object} */ (v))) {
    if (!['site', 'handle', 'pageId', 'name', 'source'].includes(k)) return `an identity object (no field ${k.slice(0, 20)})`;
    if (x !== undefined && string(200)(x)) return `an identity object (${k}: a string of at most 200 characters)`;
  }
  return null;
};

/** @typedef {{ from: Sender[], fields: Record<string, Check>, optional?: string[] }} Spec */

/** Who may send each message, and its fields (unlisted fields are ignored).
 *  @type {Record<string, Spec>} */
export const MESSAGES = {
  // The content script's requests (the extension's pages may send them too: tests and the options page's preview).
  'check': {
    from: ['content', 'page'],
    fields: { text: anyString, url: string(8192), purpose: oneOf('compose', 'signup', 'about'), identity, override: oneOf('city', 'personal', null) },
    optional: ['url', 'purpose', 'identity', 'override'],
  },
  'clause': { from: ['content', 'page'], fields: { id: string(100) } },
  'field-status': {
    from: ['content', 'page'],
    fields: { count, mode: oneOf('city', 'personal', null), modeReason: (v) => (v === null ? null : string(40)(v)), modeWhy: (v) => (v === null ? null : string(2000)(v)) },
    optional: ['mode', 'modeReason', 'modeWhy'],
  },
  'ping': { from: ['content', 'page'], fields: {} },
  // The extension's own pages only: they carry or change the settings.
  'rules': { from: ['page'], fields: {} },
  'settings': { from: ['page'], fields: {} },
  'stats': { from: ['page'], fields: { peek: bool }, optional: ['peek'] },
  'tab-status': { from: ['page'], fields: { tabId, url: string(8192) }, optional: ['tabId', 'url'] },
  'set-mode': { from: ['page'], fields: { tabId, mode: oneOf('city', 'personal', null) }, optional: ['tabId'] },
  'sync-sites': { from: ['page'], fields: {} },
  // The background's notices to content scripts.
  'settings-changed': { from: ['background'], fields: {} },
  'open-card': { from: ['background'], fields: {} },
};
MESSAGES['check-page'] = MESSAGES.check;

/** The answer to a refused sender (the text the tests and the pages know). */
export const REFUSED = 'refused: only PostGuard\'s own pages may ask for this';

/**
 * Checks a received message: its type is known, `from` may send it, and its fields have their shapes.
 * @param {unknown} msg
 * @param {Sender} from
 * @returns {{ ok: true, msg: Request | Notice } | { ok: false, error: string }}
 */
export function validate(msg, from) {
  const type = msg && typeof msg === 'object' ? /** @type {{ type?: unknown }} */ (msg).type : undefined;
  const spec = typeof type === 'string' && Object.hasOwn(MESSAGES, type) ? MESSAGES[type] : null;
  if (!spec) return { ok: false, error: `unknown message type: ${String(type).slice(0, 40)}` };
  if (!spec.from.includes(from)) return { ok: false, error: from === 'content' ? REFUSED : `refused: ${type} is not sent by the ${from}` };
  const fields = /** @type {Record<string, unknown>} */ (msg);
  for (const [name, check] of Object.entries(spec.fields)) {
    const v = fields[name];
    if (v === undefined && spec.optional?.includes(name)) continue;
    const expected = check(v);
    if (expected) return { ok: false, error: `message ${type}: ${name}: expected ${expected}` };
  }
  return { ok: true, msg: /** @type {Request | Notice} */ (msg) };
}
