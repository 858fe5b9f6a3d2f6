// Firefox smoke test: puppeteer-core drives Debian's firefox-esr over WebDriver BiDi, installs
// the Firefox build of the extension (the unpacked directory scripts/package-extension.sh
// produces), types the snowplow post into the textarea page (mastodon.social) and waits for the
// findings attribute. Firefox has no --host-resolver-rules, so it is pointed at a local HTTP
// CONNECT proxy that tunnels the test hosts to the local HTTPS server and refuses every other host.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, ensureFixturePackages, bundlePages } from './fixtures.mjs';
import { startServer } from './server.mjs';
import { poll, sleep } from './browser.mjs';
import { PAGES } from '../fixtures/pages.mjs';
import { closePuppeteer, trackSockets, within } from '../../support/teardown.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
const FIREFOX = '/usr/bin/firefox-esr';

// The unpacked Firefox build: scripts/package-extension.sh writes target/extension/firefox/.
export function firefoxExtensionDir() {
  const script = path.join(ROOT, 'scripts/package-extension.sh');
  const candidates = [];
  if (fs.existsSync(script)) {
    const src = fs.readFileSync(script, 'utf8');
    for (const m of src.matchAll(/^\s*(?:readonly\s+|local\s+)?[A-Z_]*(?:FIREFOX|FF|GECKO)[A-Z_]*(?:DIR|OUT|BUILD)[A-Z_]*=["']?([^"'\s;]+)/gim)) candidates.push(m[1]);
  }
  candidates.push('target/extension/firefox', 'target/extension-firefox', 'target/firefox-extension', 'target/ext-firefox', 'dist/firefox', 'target/firefox', 'build/firefox');
  for (const c of candidates) {
    const dir = path.resolve(ROOT, c.replace(/^\$\{?(ROOT|PWD)\}?\/?/, '').replace(/^\$\{?[A-Z_]+\}?\//, 'target/'));
    if (fs.existsSync(path.join(dir, 'manifest.json'))) return dir;
  }
  return null;
}

// Whether the packaged Firefox build lags behind extension/ (a local edit without repackaging).
function stale(extDir) {
  const src = path.join(ROOT, 'extension');
  const files = ['background.js', 'content.js'];
  return files.some((f) => { try { return !fs.readFileSync(path.join(src, f)).equals(fs.readFileSync(path.join(extDir, f))); } catch { return true; } });
}

function startProxy(hosts, httpsPort) {
  const seen = [];
  const server = net.createServer();
  const close = trackSockets(server);
  server.on('connection', (sock) => {
    sock.once('data', (buf) => {
      const head = buf.toString('latin1');
      const m = /^CONNECT ([^\s:]+):(\d+) HTTP/.exec(head);
      const host = m ? m[1] : (/^\w+ \w+:\/\/([^/:\s]+)/.exec(head) || [])[1] || '?';
      const allowed = !!m && hosts.includes(host) && m[2] === '443';
      seen.push({ host, allowed, line: head.split('\r\n')[0] });
      if (!allowed) { sock.end('HTTP/1.1 403 Forbidden\r\n\r\n'); return; }
      const up = net.connect(httpsPort, '127.0.0.1', () => { sock.write('HTTP/1.1 200 Connection Established\r\n\r\n'); up.pipe(sock); sock.pipe(up); });
      up.on('error', () => sock.destroy());
      sock.on('error', () => up.destroy());
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: server.address().port, seen, close })));
}

// City IT's managed settings as Firefox reads them on Linux: a native manifest of type
// "storage" in ~/.mozilla/managed-storage/<add-on id>.json (a private HOME for this Firefox).
// The City account lets the mode test see City mode on X; every other page shows a personal
// account or none, so nothing else changes.
function managedHome() {
  const home = path.join(ROOT, 'target/firefox-home');
  const dir = path.join(home, '.mozilla/managed-storage');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'postguard@rochestermn.example.json'), JSON.stringify({
    name: 'postguard@rochestermn.example', description: 'PostGuard test policy', type: 'storage',
    data: { cityAccounts: ['@RochesterMNGov'] },
  }));
  return home;
}

export async function firefoxSmoke({ record, SNOWPLOW, withExtension = true }) {
  const G = 'firefox (firefox-esr, textarea page)';
  if (!fs.existsSync(FIREFOX)) {
    console.log('\n  ******** Firefox smoke test SKIPPED: /usr/bin/firefox-esr is not installed ********\n');
    record(G, 'smoke test', null, 'SKIPPED: firefox-esr absent');
    return;
  }
  const extDir = withExtension ? firefoxExtensionDir() : null;
  if (extDir && stale(extDir)) console.log(`  note: ${path.relative(ROOT, extDir)} differs from extension/ (content scripts or background): run scripts/package-extension.sh (./build.sh build) to test the current code in Firefox`);
  if (withExtension && !extDir) { record(G, 'Firefox build of the extension found', false, 'no unpacked Firefox build (manifest.json) named in scripts/package-extension.sh or in target/extension-firefox, dist/firefox, ...'); return; }
  ensureFixturePackages();
  const srv = await startServer();
  const proxy = await startProxy(srv.hosts, srv.port);
  const puppeteer = require('puppeteer-core');
  let browser;
  const P = PAGES.find((p) => p.name === 'textarea');
  try {
    browser = await puppeteer.launch({
      browser: 'firefox', executablePath: FIREFOX, headless: true, acceptInsecureCerts: true,
      env: { ...process.env, HOME: managedHome() },
      extraPrefsFirefox: {
        'network.proxy.type': 1, 'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': proxy.port, 'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true, 'network.dns.disableIPv6': true,
        'extensions.webextensions.restrictedDomains': '',
      },
    });
    record(G, 'firefox-esr starts (WebDriver BiDi)', true, await browser.version());
    if (extDir) {
      try {
        const id = await browser.installExtension(extDir);
        record(G, 'installExtension(Firefox build)', true, `${path.relative(ROOT, extDir)} → ${id}`);
      } catch (e) { record(G, 'installExtension(Firefox build)', false, `${path.relative(ROOT, extDir)}: ${e.message.split('\n')[0]}`); return; }
    }
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console.error: ${m.text()}`); });
    await page.goto(`https://${P.host}/`, { waitUntil: 'load' });
    const ready = await poll(() => page.evaluate(() => window.__editorReady === true), (v) => v === true, 10000);
    if (!ready.ok) { record(G, 'test page loads', false, `window.__editorReady: ${JSON.stringify(ready.value)}; page ${page.url()}`); return; }
    await sleep(500); // content scripts run at document_idle
    await page.click(P.editor.selector);
    await page.keyboard.type(SNOWPLOW, { delay: 10 });
    const text = await page.evaluate(() => window.__editorText());
    record(G, 'typed text lands in the textarea', text === SNOWPLOW, text === SNOWPLOW ? '' : `value ${JSON.stringify(text)}`);
    if (extDir) {
      const attr = () => page.$eval(P.editor.selector, (el) => el.getAttribute('data-postguard-findings'));
      const a = await poll(attr, (v) => v === 'city-email disclaimer', 8000);
      record(G, 'typing → findings "city-email disclaimer"', a.ok, a.ok ? `${a.ms} ms after the last keystroke` : `attribute is ${JSON.stringify(a.value)}`);
      if (a.ok) await firefoxHostile({ page, record, G, srv, attr });
    }
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
    if (extDir) await firefoxFixes({ browser, record, SNOWPLOW });
    if (extDir) await firefoxMode({ browser, record, SNOWPLOW });
    if (extDir) await firefoxAbout({ browser, record });
    if (extDir) await firefoxCityAccuracy({ browser, record });
    const other = proxy.seen.filter((s) => !s.allowed).map((s) => s.host);
    if (other.length) console.log(`  note: Firefox itself tried to reach (refused by the proxy): ${[...new Set(other)].join(', ')}`);
  } catch (e) {
    record(G, 'harness', false, `exception: ${e.message.split('\n')[0]}`);
  } finally {
    await closePuppeteer(browser, 'Firefox (extension suite)');
    await proxy.close();
    await srv.close();
  }
}

// Hardening checks that are cheap in Firefox too: markup typed into the field stays text (no
// alert, no <img> request), the overlay's shadow root is closed to the page, and a hidden editor
// filled from script (the findings oracle) gets no attribute.
async function firefoxHostile({ page, record, G, srv, attr }) {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.keyboard.type(' <img src=x onerror=alert(1)></style><b>bold</b><script>alert(2)</script>', { delay: 2 });
  const a = await poll(attr, (v) => v === 'city-email disclaimer', 4000);
  await sleep(600);
  const seen = await page.evaluate(() => {
    const hosts = [...document.querySelectorAll('postguard-overlay, [data-postguard-overlay]')];
    return { hosts: hosts.length, open: hosts.filter((h) => h.shadowRoot).length, imgs: document.querySelectorAll('img').length };
  });
  const unknown = srv.log.filter((r) => !r.known);
  record(G, 'markup typed into the field stays text; the overlay\'s shadow root is closed to the page', a.ok && seen.hosts === 1 && seen.open === 0 && seen.imgs === 0 && dialogs.length === 0 && unknown.length === 0,
    `attribute ${JSON.stringify(a.value)}; overlays ${seen.hosts} (${seen.open} open shadow roots); <img> in the page ${seen.imgs}; dialogs ${dialogs.length}; unknown requests ${unknown.map((r) => r.path).join(', ') || 'none'}`);
  // No oracle: the page rewrites the field the user typed into (after a pause) and watches the
  // attribute: no change until the user types again.
  await sleep(2000);
  const before = await attr();
  const rewrites = await page.evaluate(async () => {
    const ta = document.querySelector('textarea');
    const changes = [];
    const mo = new MutationObserver(() => changes.push(ta.getAttribute('data-postguard-findings')));
    mo.observe(ta, { attributes: true, attributeFilter: ['data-postguard-findings'] });
    ta.value = 'Beautiful sunrise over Silver Lake this morning.';
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '.' }));
    ta.blur(); ta.focus();
    await new Promise((r) => setTimeout(r, 1800));
    mo.disconnect();
    return changes;
  });
  record(G, 'no oracle: a page rewriting the field the user typed into sees no change of the attribute', rewrites.length === 0 && (await attr()) === before, `attribute changes seen by the page ${JSON.stringify(rewrites)}; attribute ${JSON.stringify(await attr())}`);
  await page.keyboard.type(' ok', { delay: 5 });
  const again = await poll(attr, (v) => v === '', 4000);
  record(G, '...the user\'s next keystroke checks it again', again.ok, `attribute ${JSON.stringify(again.value)}`);
  await page.evaluate(() => {
    const el = document.createElement('textarea');
    el.id = 'oracle';
    el.style.cssText = 'position:absolute;left:-9999px';
    document.body.append(el);
    el.focus();
    document.execCommand('insertText', false, 'Email me at jdoe@rochestermn.gov');
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
  await sleep(1500);
  const o = await page.$eval('#oracle', (el) => el.getAttribute('data-postguard-findings'));
  record(G, 'a hidden editor filled from script gets no attribute (findings oracle)', o === null, `attribute ${JSON.stringify(o)}`);
}

// ---- every fix in every editor family, in Firefox ---------------------------------------------
//
// The card lives in a closed shadow root that no WebDriver BiDi script can reach, so it is driven
// as a keyboard user would: a real click on the badge (drawn at the field's bottom-right corner,
// or straddling the top-right corner of a one-line field) opens the card with the focus on the
// first finding's fix (the disclaimer: the engine lists it first); Enter presses it; Tab, Tab,
// Enter goes to the next finding (the City address), whose fix has the focus.
const DISCLAIMER = ' These are my own opinions and do not represent those of the City.';
const FAMILIES = ['textarea', 'react', 'contenteditable', 'draft', 'lexical', 'lexical-plain', 'quill', 'tiptap', 'slate'];

async function firefoxFixes({ browser, record, SNOWPLOW }) {
  const only = process.env.PG_FIREFOX_ONLY?.split(',');
  for (const name of [...FAMILIES, 'input'].filter((n) => !only || only.includes(n))) {
    const P = PAGES.find((p) => p.name === (name === 'input' ? 'slate' : name));
    const G = `firefox · fixes · ${name === 'input' ? 'text input (reddit title)' : `${P.name} (${P.family})`}`;
    const sel = name === 'input' ? P.titleSelector : P.editor.selector;
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    try {
      await page.goto(`https://${P.host}/`, { waitUntil: 'load' });
      if (P.open) { await sleep(300); await page.click(P.open); }
      await poll(() => page.evaluate(() => window.__editorReady === true), (v) => v === true, 10000);
      await sleep(400);
      const text = name === 'input' ? () => page.$eval(sel, (el) => el.value) : () => page.evaluate(() => window.__editorText());
      const attr = () => page.$eval(sel, (el) => el.getAttribute('data-postguard-findings')).catch(() => null);
      const base = name === 'input' ? 'Snowplow routes: questions? Email me at jdoe@rochestermn.gov' : SNOWPLOW;
      const cats = name === 'input' ? 'city-email' : 'city-email disclaimer';
      const typeFresh = async () => {
        await page.click(sel);
        await page.keyboard.down('Control'); await page.keyboard.press('a'); await page.keyboard.up('Control');
        await page.keyboard.press('Delete');
        // Emptied, and the attribute says so: the next attribute is the new text's.
        await poll(async () => [await text(), await attr()], ([t, at]) => t === '' && (at === '' || at === null), 3000);
        await sleep(200);
        await page.keyboard.type(base, { delay: 2 });
        return poll(attr, (v) => v === cats, 8000);
      };
      const badge = async () => {
        const r = await page.$eval(sel, (el) => { const b = el.getBoundingClientRect(); return { left: b.left, right: b.right, top: b.top, bottom: b.bottom, h: b.height }; });
        await sleep(250);
        if (r.h < 36) await page.mouse.click(r.right - 4, Math.max(2, r.top - 3));
        else await page.mouse.click(Math.min(r.right, innerWidthGuess) - 14, r.bottom - 14);
        await sleep(350);
      };
      const undo = async () => { await page.keyboard.down('Control'); await page.keyboard.press('z'); await page.keyboard.up('Control'); };
      const innerWidthGuess = await page.evaluate(() => innerWidth);
      const a0 = await typeFresh();
      if (!a0.ok) { record(G, 'typing → findings', false, `attribute ${JSON.stringify(a0.value)}`); continue; }
      if (name !== 'input') {
        // The disclaimer fix: lands, one Ctrl+Z undoes it (the post was typed just before).
        await badge();
        await page.keyboard.press('Enter');
        const f = await poll(text, (v) => v === base + DISCLAIMER, 4000);
        if (!f.ok) await page.screenshot({ path: path.join(ROOT, `target/screenshots/ext-firefox-${name}-fix.png`) }).catch(() => {});
        const fa = await poll(attr, (v) => v === 'city-email', 4000);
        record(G, 'the disclaimer fix lands exactly; findings follow', f.ok && fa.ok, `model ${JSON.stringify(f.value)}; attribute ${JSON.stringify(fa.value)}`);
        if (f.ok) {
          await undo();
          const u = await poll(text, (v) => v === base, 3000);
          record(G, 'one Ctrl+Z undoes the disclaimer fix, nothing typed', u.ok, u.ok ? '' : `model ${JSON.stringify(u.value)}`);
          await poll(attr, (v) => v === cats, 6000);
          await badge();
          await page.keyboard.press('Enter');
          const f2 = await poll(text, (v) => v === base + DISCLAIMER, 4000);
          await page.keyboard.type(' #snow', { delay: 5 });
          const g = await poll(text, (v) => v === base + DISCLAIMER + ' #snow', 3000);
          record(G, 'after the disclaimer fix the caret is after it', f2.ok && g.ok, `model ${JSON.stringify(g.value)}`);
        }
        await typeFresh();
      }
      // The City address: the second finding (Tab, Tab to "Next", Enter) or the only one.
      await badge();
      if (name !== 'input') { await page.keyboard.press('Tab'); await page.keyboard.press('Tab'); await page.keyboard.press('Enter'); await sleep(300); }
      await page.keyboard.press('Enter');
      const want = base.replace(' jdoe@rochestermn.gov', '');
      const r = await poll(text, (v) => v === want, 4000);
      const ra = await poll(attr, (v) => v === (name === 'input' ? '' : 'disclaimer'), 4000);
      record(G, '"Remove the City address" lands exactly; findings follow', r.ok && ra.ok, `model ${JSON.stringify(r.value)}; attribute ${JSON.stringify(ra.value)}`);
      if (r.ok) {
        await undo();
        const u = await poll(text, (v) => v === base, 3000);
        record(G, 'one Ctrl+Z puts the address back', u.ok, u.ok ? '' : `model ${JSON.stringify(u.value)}`);
        // Again, then type: the caret is where the address was.
        if (u.ok) {
          await poll(attr, (v) => v === cats, 6000);
          await badge();
          if (name !== 'input') { await page.keyboard.press('Tab'); await page.keyboard.press('Tab'); await page.keyboard.press('Enter'); await sleep(300); }
          await page.keyboard.press('Enter');
          const r2 = await poll(text, (v) => v === want, 4000);
          await page.keyboard.type('Z', { delay: 0 });
          const z = await poll(text, (v) => v === `${want}Z`, 3000);
          record(G, 'after the removal the caret is where the address was', r2.ok && z.ok, `model ${JSON.stringify(z.value)}`);
        }
      }
      record(G, 'no page errors', errors.length === 0, errors.join(' | '));
    } catch (e) {
      record(G, 'harness', false, `exception: ${e.message.split('\n')[0]}`);
    } finally {
      await within(10000, page.close());
    }
  }
}

// On the x.com fixture: the account switcher and avatar name `handle` as the posting account.
function postAs(page, handle) {
  return page.evaluate((h) => {
    document.querySelector('[data-testid^="UserAvatar-Container-"]').dataset.testid = `UserAvatar-Container-${h}`;
    document.querySelector('[data-testid="SideNav_AccountSwitcher_Button"] span:last-child').textContent = `@${h}`;
  }, handle);
}

// ---- mode from the posting account, in Firefox ---------------------------------------------------
// The City accounts come from the managed policy (managedHome); on X's page the account
// switcher then names a City account or a personal one.
async function firefoxMode({ browser, record, SNOWPLOW }) {
  const G = 'firefox · mode from the posting account (x.com)';
  if (process.env.PG_FIREFOX_ONLY && !process.env.PG_FIREFOX_ONLY.split(',').includes('mode')) return;
  const page = await browser.newPage();
  try {
    await page.goto('https://x.com/', { waitUntil: 'load' });
    await poll(() => page.evaluate(() => window.__editorReady === true), (v) => v === true, 10000);
    await sleep(400);
    const sel = '[data-testid="tweetTextarea_0"]';
    const attr = () => page.$eval(sel, (el) => el.getAttribute('data-postguard-findings')).catch(() => null);
    await postAs(page, 'RochesterMNGov');
    await page.click(sel);
    await page.keyboard.type(SNOWPLOW, { delay: 2 });
    const c = await poll(attr, (v) => v === '', 8000);
    record(G, 'posting as @RochesterMNGov (a City account): City mode (no personal-post findings)', c.ok, `attribute ${JSON.stringify(c.value)}`);
    await postAs(page, 'jdoe_mn');
    await page.keyboard.type(' ', { delay: 2 });
    const p = await poll(attr, (v) => v === 'city-email disclaimer', 8000);
    record(G, 'the same composer posting as @jdoe_mn: personal mode ("city-email disclaimer")', p.ok, `attribute ${JSON.stringify(p.value)}`);
  } catch (e) {
    record(G, 'harness', false, `exception: ${e.message.split('\n')[0]}`);
  } finally {
    await within(10000, page.close());
  }
}

// ---- the page check on a City account's About form, in Firefox (issue 16) ----------------------
// The profile form of the `about` fixture posts as @RochesterMNGov, one of the managed City
// accounts: its bio gets the page check. The card opens with the focus on the first missing
// statement's fix (the engine sorts them by rule id: the public-records statement).
async function firefoxAbout({ browser, record }) {
  const P = PAGES.find((p) => p.name === 'about');
  const G = `firefox · page check · ${P.name} (${P.family}, ${P.host})`;
  if (process.env.PG_FIREFOX_ONLY && !process.env.PG_FIREFOX_ONLY.split(',').includes('about')) return;
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  try {
    await page.goto(`https://${P.host}/`, { waitUntil: 'load' });
    await poll(() => page.evaluate(() => window.__editorReady === true), (v) => v === true, 10000);
    await sleep(400);
    const sel = P.editor.selector;
    const attr = () => page.$eval(sel, (el) => el.getAttribute('data-postguard-findings')).catch(() => null);
    const text = () => page.evaluate(() => window.__editorText());
    const BIO = 'Official account of the City of Rochester, Minnesota.';
    await page.click(sel);
    await page.keyboard.type(BIO, { delay: 2 });
    const a = await poll(attr, (v) => v === 'page-statements', 8000);
    record(G, 'a City account\'s bio lacking statements → "page-statements"', a.ok, a.ok ? `${a.ms} ms` : `attribute ${JSON.stringify(a.value)}`);
    if (!a.ok) return;
    // The badge sits at the field's bottom-right corner; the card opens with the focus on the first fix.
    const r = await page.$eval(sel, (el) => { const b = el.getBoundingClientRect(); return { right: b.right, bottom: b.bottom }; });
    await sleep(250);
    await page.mouse.click(r.right - 14, r.bottom - 14);
    await sleep(350);
    await page.keyboard.press('Enter');
    const f = await poll(text, (v) => v.startsWith(`${BIO} `) && /Data Practices Act/.test(v), 4000);
    if (!f.ok) await page.screenshot({ path: path.join(ROOT, 'target/screenshots/ext-firefox-about-fix.png') }).catch(() => {});
    record(G, 'the card\'s first fix appends the public-records sentence', f.ok, `bio ${JSON.stringify(f.value)}`);
    if (f.ok) {
      await page.keyboard.down('Control'); await page.keyboard.press('z'); await page.keyboard.up('Control');
      const u = await poll(text, (v) => v === BIO, 3000);
      record(G, 'one Ctrl+Z removes the appended sentence', u.ok, u.ok ? '' : `bio ${JSON.stringify(u.value)}`);
    }
    // Every statement, in other words than the pack's: clean.
    await page.click(sel);
    await page.keyboard.down('Control'); await page.keyboard.press('a'); await page.keyboard.up('Control');
    await page.keyboard.type('Official account of the City of Rochester, MN. Replies are the views of their authors, not the City. Replies and DMs are public data under the MN Government Data Practices Act. We may hide replies that are obscene or threatening.', { delay: 1 });
    const c = await poll(attr, (v) => v === '', 8000);
    record(G, 'a bio making every statement (paraphrased) → ""', c.ok, c.ok ? `${c.ms} ms` : `attribute ${JSON.stringify(c.value)}`);
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
  } catch (e) {
    record(G, 'harness', false, `exception: ${e.message.split('\n')[0]}`);
  } finally {
    await within(10000, page.close());
  }
}

// ---- accuracy findings in City mode, in Firefox ----------------------------------------------------
// Posting as the City account (managed policy): a misspelling is an "accuracy" finding; its fix
// (the first, focused when the card opens) lands exactly and one Ctrl+Z undoes it.
export const ACCURACY_POST = 'Leaf pickup starts Monday. Residents will recieve a postcard with their day.';
export const ACCURACY_FIXED = ACCURACY_POST.replace('recieve', 'receive');

async function firefoxCityAccuracy({ browser, record }) {
  const G = 'firefox · accuracy in City mode (x.com, Draft.js)';
  if (process.env.PG_FIREFOX_ONLY && !process.env.PG_FIREFOX_ONLY.split(',').includes('accuracy')) return;
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  try {
    await page.goto('https://x.com/', { waitUntil: 'load' });
    await poll(() => page.evaluate(() => window.__editorReady === true), (v) => v === true, 10000);
    await sleep(400);
    const sel = '[data-testid="tweetTextarea_0"]';
    const attr = () => page.$eval(sel, (el) => el.getAttribute('data-postguard-findings')).catch(() => null);
    const text = () => page.evaluate(() => window.__editorText());
    await postAs(page, 'RochesterMNGov');
    await page.click(sel);
    await page.keyboard.type(ACCURACY_POST, { delay: 2 });
    const a = await poll(attr, (v) => v === 'accuracy', 8000);
    record(G, 'a City post with a misspelling → "accuracy"', a.ok, `attribute ${JSON.stringify(a.value)}`);
    if (!a.ok) return;
    // Open the card from the badge; its first fix has the focus.
    const r = await page.$eval(sel, (el) => { const b = el.getBoundingClientRect(); return { right: b.right, top: b.top, bottom: b.bottom, h: b.height }; });
    const w = await page.evaluate(() => innerWidth);
    await sleep(250);
    if (r.h < 36) await page.mouse.click(r.right - 4, Math.max(2, r.top - 3));
    else await page.mouse.click(Math.min(r.right, w) - 14, r.bottom - 14);
    await sleep(350);
    await page.keyboard.press('Enter');
    const f = await poll(text, (v) => v === ACCURACY_FIXED, 4000);
    const fa = await poll(attr, (v) => v === '', 6000);
    if (!f.ok) await page.screenshot({ path: path.join(ROOT, 'target/screenshots/ext-firefox-accuracy-fix.png') }).catch(() => {});
    record(G, 'the fix "Change to “receive”" lands exactly; no finding left', f.ok && fa.ok, `model ${JSON.stringify(f.value)}; attribute ${JSON.stringify(fa.value)}`);
    if (f.ok) {
      await page.keyboard.down('Control'); await page.keyboard.press('z'); await page.keyboard.up('Control');
      const u = await poll(text, (v) => v === ACCURACY_POST, 3000);
      record(G, 'one Ctrl+Z undoes the fix', u.ok, u.ok ? '' : `model ${JSON.stringify(u.value)}`);
    }
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
  } catch (e) {
    record(G, 'harness', false, `exception: ${e.message.split('\n')[0]}`);
  } finally {
    await within(10000, page.close());
  }
}

// Standalone: node tests/extension/lib/firefox.mjs [--no-extension], under node:test like run.mjs
// (one test, one phase "firefox", each check a subtest; the same time limit as in run.mjs).
if (import.meta.url === `file://${process.argv[1]}`) {
  await import('../../support/runner.mjs'); // re-runs this file under node:test's shared reporter
  const { test } = await import('node:test');
  const { record, phase, results } = await import('../../support/checks.mjs');
  const where = () => { const last = results[results.length - 1]; return last ? `after the check "${last.group} · ${last.step}"` : ''; };
  test('extension', async (t) => {
    await phase(t, 'firefox', { timeout: 900_000, where }, async () => {
      ensureFixturePackages();
      await bundlePages();
      await firefoxSmoke({ record, SNOWPLOW: 'As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov', withExtension: !process.argv.includes('--no-extension') });
    });
  });
}
