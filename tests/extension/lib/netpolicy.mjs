// What counts as a request that leaves the machine, for the network guarantee ("no text ever
// leaves the machine") that hardening.mjs and run.mjs assert. One pure function, unit-tested in
// netpolicy.test.mjs and self-tested live against a leaking copy of the extension
// (hardening.mjs, group "network self-test").
//
// Every request the tests see -- Playwright's request events, CDP Network.requestWillBeSent on
// every auto-attached target, Resource Timing entries -- is classified by WHO made it (the
// target: its CDP type and URL) and WHERE it goes (the request URL's scheme and host):
//
//   ok        the test server's pages (https on one of its host names, default port), PostGuard's
//             own files (chrome-extension://<PostGuard's id>/ or moz-extension://...), or data:,
//             blob:, about:blank (in-memory, no I/O).
//   internal  a browser-internal target loading from the browser's own schemes. Allowed: these
//             are the browser drawing its own UI from resources compiled into its binary (no
//             socket is opened), and nothing of PostGuard runs there. Chromium 156 opens its
//             omnibox pop-up as a `browser_ui` target (chrome://omnibox-popup.top-chrome/) that
//             loads chrome://resources/...; DevTools front ends load devtools://devtools/...;
//             WebUI pages load chrome:// and chrome-untrusted:// resources.
//   leak      anything else. In particular:
//             - any request of the extension (its service worker, its pages, its content
//               scripts' frames) that is not to the test server or the extension's own files,
//               whatever the scheme (chrome://, file:, another extension ...);
//             - any request of ANY target, browser-internal ones included, to a network scheme
//               (http, https, ws, wss, ftp, or a scheme we do not know) outside the test server.
//
// A browser-internal target fetching https://anything is therefore a leak, and so is the
// extension fetching chrome://resources/...: only the pair (browser-internal target, browser's
// own scheme) is exempt.

/** The browser's own schemes: resources compiled into the browser, never a socket. */
export const BROWSER_SCHEMES = new Set(['chrome:', 'chrome-untrusted:', 'devtools:', 'chrome-search:']);

/** CDP target types that are the browser's own UI (never a web page or an extension). */
export const BROWSER_TARGET_TYPES = new Set(['browser_ui']);

/** In-memory schemes: no I/O at all. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:']);

const parse = (url) => { try { return new URL(url); } catch { return null; } };

/** Is this target the browser's own UI? By its CDP type, or by a document URL on a browser scheme. */
export function isBrowserInternalTarget({ targetType = '', targetUrl = '' } = {}) {
  if (BROWSER_TARGET_TYPES.has(targetType)) return true;
  const u = parse(targetUrl);
  return !!u && BROWSER_SCHEMES.has(u.protocol);
}

/**
 * Classifies one observed request.
 * @param {{url: string, targetType?: string, targetUrl?: string}} req  who asked for what
 * @param {{hosts: Iterable<string>, extensionOrigin: string}} allowed  the test server's host
 *        names (https, default port) and PostGuard's own origin (chrome-extension://ID)
 * @returns {{verdict: 'ok'|'internal'|'leak', why: string}}
 */
export function classifyRequest(req, { hosts, extensionOrigin }) {
  const hostSet = hosts instanceof Set ? hosts : new Set(hosts);
  const u = parse(req.url);
  if (!u) return { verdict: 'leak', why: 'unparseable URL' };
  if (LOCAL_SCHEMES.has(u.protocol) || u.href === 'about:blank') return { verdict: 'ok', why: 'in memory' };
  if (u.protocol === 'https:' && hostSet.has(u.hostname) && (u.port === '' || u.port === '443')) {
    return { verdict: 'ok', why: 'the test server' };
  }
  const ext = parse(extensionOrigin);
  if (ext && u.protocol === ext.protocol && u.host === ext.host) return { verdict: 'ok', why: 'PostGuard\'s own files' };
  if (BROWSER_SCHEMES.has(u.protocol) && isBrowserInternalTarget(req)) {
    return { verdict: 'internal', why: `the browser's own UI (${req.targetType || 'target'} ${req.targetUrl || '?'}) loading ${u.protocol}// resources from its binary` };
  }
  if (BROWSER_SCHEMES.has(u.protocol)) return { verdict: 'leak', why: `a ${u.protocol}// load by a non-browser target (${req.targetType || '?'} ${req.targetUrl || '?'})` };
  return { verdict: 'leak', why: `${u.protocol}// ${u.host || u.pathname} is neither the test server nor PostGuard's own files` };
}

/** Splits a list of requests into { ok, internal, leak } (each item keeps its fields + why). */
export function partitionRequests(requests, allowed) {
  const out = { ok: [], internal: [], leak: [] };
  for (const r of requests) {
    const { verdict, why } = classifyRequest(r, allowed);
    out[verdict].push({ ...r, why });
  }
  return out;
}
