#!/usr/bin/env node
// PostGuard extension end-to-end tests (part of `./build.sh test`).
//
//   node tests/extension/run.mjs                 everything (Chromium editors, sign-up form,
//                                                unsupported host, packaging, Firefox smoke)
//   node tests/extension/run.mjs --only=draft,quill   just these pages (names in fixtures/pages.mjs)
//   node tests/extension/run.mjs --pages-only    check the test pages themselves, without the extension
//   node tests/extension/run.mjs --no-firefox    skip the Firefox smoke test (for local iteration only)
//   node tests/extension/run.mjs --no-hardening  skip hardening.mjs (for local iteration only)
//   node tests/extension/run.mjs --only=hardening     just the hardening tests (also: node tests/extension/hardening.mjs)
//   node tests/extension/run.mjs --only=city-accuracy,firefox   City mode's accuracy findings, fix and undo
//                                                (Chromium; Firefox: PG_FIREFOX_ONLY=accuracy for just that part)
//
// Test pages are built from the real editor packages (fixtures/package.json) with esbuild into
// target/ext-fixtures/, and served over HTTPS under the real sites' host names: Chromium maps
// those names to a local server (--host-resolver-rules) that routes by the Host header. The
// unpacked extension in extension/ is loaded into Debian's Chromium with playwright-core.
//
// For every editor page: (a) typing the snowplow post sets data-postguard-findings to
// "city-email disclaimer"; (e) the editor's model text is exactly what was typed and nothing of
// PostGuard is inside the editor's DOM; (c) the city-email underline lies under the address,
// also after a layout change and a page scroll, and goes when the composer is removed; (d) the
// card shows message and clause, fits its frame, and its disclaimer fix lands in the editor's
// model (exactly the engine's replacement, nothing else changes) and the attribute becomes
// "city-email"; (g) the caret sits after the inserted disclaimer; (b) pasting a clean post makes
// the attribute "" and pasting the snowplow post sets it again; (h) one Ctrl+Z undoes the fix;
// (i) "dismiss for this post" hides the finding for this post only; (k) "remove the City address"
// lands (other lines untouched), one Ctrl+Z undoes it, the caret stays where it was (and (h) on a
// typed, not pasted, post); (l) in a textarea, after the page itself put words ahead of the
// address, the card's "remove" fix removes the address where it is now; (j) two paragraphs with
// emoji keep offsets, underline and fix right; (f) no page errors and no request to any host but
// the local test server. Plus the sign-up/log-in form, the unsupported host, the dist zips and
// a Firefox smoke test. Screenshots: target/screenshots/ext-*.png. See README.md.
//
// Under node:test (tests/support/runner.mjs; output like cargo test, tests/support/reporter.mjs):
// one test, "extension", launches each browser once; each editor page, the network check,
// hardening and Firefox is a phase (a subtest with its own time limit, PHASE_S) and each check a
// subtest of its phase (tests/support/checks.mjs). The whole suite is bounded by
// POSTGUARD_SUITE_LIMIT (seconds, default 1800): past it the suite fails naming the step it was
// in, after printing the per-page table. Exit status 1 if any check fails.

import '../support/runner.mjs'; // first: re-runs this file under node:test's shared reporter
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { record, phase, results, boundedSuite } from '../support/checks.mjs';
import { PAGES } from './fixtures/pages.mjs';
import { ROOT, ensureFixturePackages, bundlePages } from './lib/fixtures.mjs';
import { startServer } from './lib/server.mjs';
import { launch, extensionWorker, poll, sleep, EXT } from './lib/browser.mjs';
import { textRects, postguardTraces, foreignNodesInEditor } from './lib/measure.mjs';
import { firefoxSmoke } from './lib/firefox.mjs';
import { isolatedWorld, overlayElements, cardInfo, isolatedUnderlineRects } from './lib/isolated.mjs';
import { runHardening } from './hardening.mjs';
import { browsersLine } from './lib/versions.mjs';
import { partitionRequests } from './lib/netpolicy.mjs';

const argv = process.argv.slice(2);
const opt = (name) => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const ONLY = opt('only') ? opt('only').split('=')[1].split(',') : null;
const PAGES_ONLY = !!opt('pages-only');
const NO_FIREFOX = !!opt('no-firefox');
const NO_HARDENING = !!opt('no-hardening');

export const SNOWPLOW = 'As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov';
export const CLEAN = 'Beautiful sunrise over Silver Lake this morning. Who else is heading to the farmers market?';
const EMAIL = 'jdoe@rochestermn.gov';
// (j): two paragraphs, emoji (astral characters: UTF-16 surrogate pairs) before the findings.
const LINE1 = 'Snow emergency update \u2744\ufe0f\ud83d\ude9c';
const MULTI = `${LINE1}\n${SNOWPLOW}`;
// A second field on the same page (reddit's title input): text inputs are watched too.
const TITLE = 'Snowplow routes: questions? Email me at jdoe@rochestermn.gov';
// (k): a City address in the middle of the second of three typed lines, for the "remove" fix.
const REMOVE_LINES = [LINE1, 'Questions about the new routes? Write to jdoe@rochestermn.gov before Friday.', 'Thanks, neighbours!'];
const REMOVE_TEXT = REMOVE_LINES.join('\n');
// (l): typed at the start of the snowplow post while a card on its address is open.
const CARRY_PREFIX = 'Update: ';
const DISCLAIMER_SENTENCE = 'These are my own opinions and do not represent those of the City.';
const ATTR = 'data-postguard-findings';
const TYPE_DELAY = 15;          // ms between keystrokes
const FINDINGS_TIMEOUT = 6000;  // ms to wait for the attribute after typing/pasting/fixing
const PX = 4;                   // underline position tolerance (px)
const SHOTS = path.join(ROOT, 'target/screenshots');

// ---- results ------------------------------------------------------------------------------

// record(group, step, ok, detail) (tests/support/checks.mjs): one check, a subtest of the phase
// it is called in; `results` keeps them all for the per-page table.
const q = (s) => JSON.stringify(s);

// ---- the expected disclaimer fix, from the engine itself --------------------------------------

async function expectedFix() {
  const js = path.join(EXT, 'pkg/postguard.js');
  const wasm = path.join(EXT, 'pkg/postguard_bg.wasm');
  if (!fs.existsSync(js) || !fs.existsSync(wasm)) return { error: 'extension/pkg/ is missing (run ./build.sh build)' };
  try {
    // As an .mjs copy, so Node loads the wasm-bindgen module as ESM without a warning.
    const copy = path.join(ROOT, 'target/ext-test-engine/postguard.mjs');
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.copyFileSync(js, copy);
    const mod = await import(pathToFileURL(copy).href);
    await mod.default({ module_or_path: fs.readFileSync(wasm) });
    const checker = new mod.Checker({ mode: 'personal', role: 'staff' });
    const findings = checker.check(SNOWPLOW);
    const cats = [...new Set(findings.map((f) => f.category))].sort().join(' ');
    const d = findings.find((f) => f.category === 'disclaimer');
    const fix = d?.fixes?.[0];
    let fixed = null;
    if (fix) { fixed = SNOWPLOW; for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) fixed = fixed.slice(0, e.start) + e.replacement + fixed.slice(e.end); }
    const clean = checker.check(CLEAN).map((f) => f.category);
    const mf = checker.check(MULTI);
    const multiCats = [...new Set(mf.map((f) => f.category))].sort().join(' ');
    const mfix = mf.find((f) => f.category === 'disclaimer')?.fixes?.[0];
    let multiFixed = null;
    if (mfix) { multiFixed = MULTI; for (const e of [...mfix.edits].sort((a, b) => b.start - a.start)) multiFixed = multiFixed.slice(0, e.start) + e.replacement + multiFixed.slice(e.end); }
    const titleCats = [...new Set(checker.check(TITLE).map((f) => f.category))].sort().join(' ');
    const catsOf = (t) => [...new Set(checker.check(t).map((f) => f.category))].sort().join(' ');
    const rm = checker.check(REMOVE_TEXT).find((f) => f.category === 'city-email')?.fixes?.[0];
    let removed = null, removeAt = null;
    if (rm) { removed = REMOVE_TEXT; for (const e of [...rm.edits].sort((a, b) => b.start - a.start)) removed = removed.slice(0, e.start) + e.replacement + removed.slice(e.end); removeAt = Math.min(...rm.edits.map((e) => e.start + e.replacement.length)); }
    const remove = { cats: catsOf(REMOVE_TEXT), label: rm?.label, removed, removeAt, after: removed === null ? null : catsOf(removed) };
    const tf = checker.check(TITLE).find((f) => f.category === 'city-email')?.fixes?.[0];
    let titleRemoved = null;
    if (tf) { titleRemoved = TITLE; for (const e of [...tf.edits].sort((a, b) => b.start - a.start)) titleRemoved = titleRemoved.slice(0, e.start) + e.replacement + titleRemoved.slice(e.end); }
    remove.title = titleRemoved;
    const carryText = CARRY_PREFIX + SNOWPLOW;
    const cf = checker.check(carryText).find((f) => f.category === 'city-email')?.fixes?.[0];
    let carryRemoved = null;
    if (cf) { carryRemoved = carryText; for (const e of [...cf.edits].sort((a, b) => b.start - a.start)) carryRemoved = carryRemoved.slice(0, e.start) + e.replacement + carryRemoved.slice(e.end); }
    const carried = { text: carryText, removed: carryRemoved, after: carryRemoved === null ? null : catsOf(carryRemoved) };
    return { carried, cats, fixed, label: fix?.label, clean, multiCats, multiFixed, titleCats, remove, version: mod.version?.() };
  } catch (e) {
    return { error: `loading the engine in Node failed: ${e.message}` };
  }
}

// ---- per-page plumbing ---------------------------------------------------------------------

function editorHandle(page, P) {
  const frame = () => (P.editor.frame ? page.frames().find((f) => f !== page.mainFrame() && f.url().includes('editor-frame')) : page.mainFrame());
  const locator = P.editor.frame ? page.frameLocator(P.editor.frame).locator(P.editor.selector) : page.locator(P.editor.selector);
  const pathInFrame = P.editor.shadowHost ? [P.editor.shadowHost, P.editor.selector.replace(`${P.editor.shadowHost} `, '')] : [P.editor.selector];
  return {
    locator, frame, pathInFrame,
    attr: () => locator.getAttribute(ATTR, { timeout: 2000 }),
    text: () => page.evaluate(() => window.__editorText()),
  };
}

function watchPage(page, sink) {
  page.on('pageerror', (e) => sink.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') sink.push(`console.error: ${m.text()} (${m.location()?.url || ''})`); });
  page.on('crash', () => sink.push('page crashed'));
  page.on('websocket', (ws) => sink.push(`websocket opened: ${ws.url()}`));
}

async function frameOffset(page, frame) {
  if (frame === page.mainFrame()) return { x: 0, y: 0 };
  const box = await (await frame.frameElement()).boundingBox();
  return { x: box.x, y: box.y };
}

// The underline boxes for a category in any frame, and the address's rects, in page coordinates.
async function measureUnderline(page, ed, category, needle) {
  const f = ed.frame();
  const off = await frameOffset(page, f);
  const tr = await f.evaluate(textRects, { path: ed.pathInFrame, needle });
  if (tr.error) return { error: tr.error };
  const text = tr.rects.map((r) => ({ left: r.left + off.x, right: r.right + off.x, top: r.top + off.y, bottom: r.bottom + off.y }));
  const boxes = []; let overlays = 0, closed = 0; const cats = [];
  const world = await isolatedWorld(page);
  for (const fr of page.frames()) {
    const o = await frameOffset(page, fr).catch(() => null);
    if (!o) continue;
    // The overlay's shadow root is closed: measured from PostGuard's own (isolated) world.
    const u = await world.evaluate(fr, isolatedUnderlineRects, { category }).catch(() => null);
    if (!u) continue;
    overlays += u.overlays; closed += u.closed; cats.push(...u.categories);
    boxes.push(...u.boxes.map((b) => ({ left: b.left + o.x, right: b.right + o.x, top: b.top + o.y, bottom: b.bottom + o.y, rule: b.rule })));
  }
  return { text, boxes, overlays, closed, cats, how: tr.how };
}

// Each line of the address has an underline box spanning it (±PX) at that line's bottom, and
// every box of that category belongs to a line of the address.
function underlineMatches(m) {
  if (m.error || !m.text.length || !m.boxes.length) return false;
  const fits = (b, r) => Math.abs(b.left - r.left) <= PX && Math.abs(b.right - r.right) <= PX
    && b.bottom >= r.bottom - 6 && b.bottom <= r.bottom + 8 && b.top >= r.top - 8;
  return m.text.every((r) => m.boxes.some((b) => fits(b, r))) && m.boxes.every((b) => m.text.some((r) => fits(b, r)));
}
const fmtRect = (r) => `[x ${r.left.toFixed(1)}–${r.right.toFixed(1)}, y ${r.top.toFixed(1)}–${r.bottom.toFixed(1)}]`;

async function selectAllAndPaste(page, ed, text) {
  // Focus rather than click: a click in the middle of the field may land on an underline
  // (which opens PostGuard's card, by design) instead of the text.
  await ed.locator.focus();
  await page.keyboard.press('Control+A');
  await sleep(150); // as a person would: editors such as Slate sync the DOM selection on selectionchange
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

// The first frame whose PostGuard overlay (closed shadow root, read from PostGuard's isolated
// world) has an element matching selector: { frame, off, els: [{ cls, text, category, rect }] }.
async function findInFrames(page, selector) {
  const world = await isolatedWorld(page);
  for (const f of page.frames()) {
    const els = await world.evaluate(f, overlayElements, { selector }).catch(() => null);
    if (els?.length) return { frame: f, off: await frameOffset(page, f), els };
  }
  return null;
}

// The open card, in whichever frame: cardInfo() plus the frame and its offset in the page.
async function findCard(page) {
  const world = await isolatedWorld(page);
  for (const f of page.frames()) {
    const c = await world.evaluate(f, cardInfo).catch(() => null);
    if (c) return { ...c, frame: f, off: await frameOffset(page, f) };
  }
  return null;
}

// A real (trusted) mouse click at the centre of a box in a frame.
async function clickBox(page, off, r) {
  await page.mouse.click(off.x + (r.left + r.right) / 2, off.y + (r.top + r.bottom) / 2);
}

// ---- the editor test ---------------------------------------------------------------------

async function testEditor(context, P, env) {
  const G = `${P.name} (${P.family}, ${P.host})`;
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.__pgName = P.name;
  const errors = [];
  watchPage(page, errors);
  env.current = P.name;
  env.step = 'page load';
  try {
    await page.goto(`https://${P.host}/`, { waitUntil: 'load' });
    if (P.open) await page.locator(P.open).click(); // e.g. the dialog that holds the editor
    const ready = await poll(() => page.evaluate(() => window.__editorReady === true), (v) => v === true, 10000);
    if (!ready.ok) { record(G, 'page loads', false, 'window.__editorReady never became true'); return; }
    const ed = editorHandle(page, P);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `https://${P.host}` });

    // (a) typing
    env.step = '(a) typing';
    await ed.locator.click();
    const t0 = Date.now();
    await page.keyboard.type(SNOWPLOW, { delay: TYPE_DELAY });
    const typedAt = Date.now();
    const textAfterTyping = await ed.text();
    if (env.pagesOnly) {
      record(G, 'model text after typing', textAfterTyping === SNOWPLOW, textAfterTyping === SNOWPLOW ? `${SNOWPLOW.length} chars in ${typedAt - t0} ms` : `got ${q(textAfterTyping)}`);
      await sleep(1200); // editors group quick edits into one undo step
      await selectAllAndPaste(page, ed, CLEAN);
      const pasted = await poll(ed.text, (v) => v === CLEAN, 3000);
      record(G, 'model text after paste', pasted.ok, pasted.ok ? '' : `got ${q(pasted.value)}`);
      await page.keyboard.press('Control+Z');
      const undone = await poll(ed.text, (v) => v === SNOWPLOW, 3000);
      record(G, 'model text after undo', undone.ok, undone.ok ? '' : `got ${q(undone.value)}`);
      await clearAndTypeMulti(page, ed);
      const multi = await poll(ed.text, (v) => v === MULTI, 3000);
      record(G, 'model text after typing two paragraphs with emoji', multi.ok, multi.ok ? '' : `got ${q(multi.value)}`);
      record(G, 'no page errors', errors.length === 0, errors.join(' | '));
      return;
    }
    const a = await poll(ed.attr, (v) => v === 'city-email disclaimer', FINDINGS_TIMEOUT);
    record(G, '(a) typing → findings "city-email disclaimer"', a.ok, a.ok ? `${a.ms} ms after the last keystroke` : `attribute is ${q(a.value)} ${FINDINGS_TIMEOUT} ms after typing`);
    if (a.value === null) {
      // Not attached at all: every later step would only time out (and the run overrun).
      for (const st of ['(b) paste', '(c) underline', '(d) card and fix', '(g) caret after the fix', '(h) undo', '(i) dismiss', '(j) two paragraphs + emoji'])
        record(G, st, false, 'not run: the extension never attached to this editor (no data-postguard-findings attribute)');
      record(G, '(f) no page errors', errors.length === 0, errors.join(' | '));
      return;
    }

    // (e) the extension did not alter the text, nor put anything into the editor's DOM
    const textNow = await ed.text();
    const eOk = textAfterTyping === SNOWPLOW && textNow === SNOWPLOW;
    record(G, '(e) model text is exactly what was typed', eOk, eOk ? '' : `right after typing ${q(textAfterTyping)}; after the check ${q(textNow)}`);
    const foreign = await ed.frame().evaluate(foreignNodesInEditor, { path: ed.pathInFrame });
    record(G, '(e) nothing of PostGuard inside the editor\'s DOM', foreign.length === 0, foreign.join(' | '));

    // (c) the city-email underline lies under the address
    env.step = '(c) underline';
    await checkUnderline(page, ed, G, '(c) city-email underline under the address', a.ok ? 3000 : 500);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `ext-${P.name}.png`) });

    // (d) the card and the disclaimer fix; (g) the caret after it
    env.step = '(d) card and fix';
    await testFix(page, ed, P, G, env);

    // (c) the underline follows the page: the page scrolls; then a banner inserted above
    // pushes the composer down (both happen on every feed site)
    env.step = '(c) underline after scroll and layout change';
    await selectAllAndPaste(page, ed, SNOWPLOW);
    await poll(ed.attr, (v) => v === 'city-email disclaimer', FINDINGS_TIMEOUT);
    await page.evaluate(() => {
      const banner = document.createElement('div');
      banner.textContent = 'Show 12 new posts';
      banner.style.cssText = 'height: 64px; background: #1d9bf0; color: #fff; padding: 8px 20px; box-sizing: border-box';
      document.body.prepend(banner);
    });
    await checkUnderline(page, ed, G, '(c) underline follows a layout change (64 px banner inserted above)', 2000);
    await page.evaluate(() => {
      const spacer = document.createElement('div');
      spacer.style.height = '1500px';
      document.body.append(spacer);
      window.scrollTo(0, 30);
    });
    await checkUnderline(page, ed, G, '(c) underline follows a page scroll (30 px)', 2000);

    // (b) paste: a clean post clears the findings, the snowplow post brings them back
    env.step = '(b) paste';
    await selectAllAndPaste(page, ed, CLEAN);
    const b1 = await poll(async () => [await ed.attr(), await ed.text()], ([at, tx]) => at === '' && tx === CLEAN, FINDINGS_TIMEOUT);
    record(G, '(b) paste clean post → findings ""', b1.ok, b1.ok ? `${b1.ms} ms after the paste` : `attribute ${q(b1.value[0])}, model text ${q(b1.value[1])}`);
    await selectAllAndPaste(page, ed, SNOWPLOW);
    const b2 = await poll(async () => [await ed.attr(), await ed.text()], ([at, tx]) => at === 'city-email disclaimer' && tx === SNOWPLOW, FINDINGS_TIMEOUT);
    record(G, '(b) paste snowplow post → "city-email disclaimer"', b2.ok, b2.ok ? `${b2.ms} ms after the paste` : `attribute ${q(b2.value[0])}, model text ${q(b2.value[1])}`);

    // (h) undo after a fix: one Ctrl+Z takes the disclaimer out again, nothing else
    env.step = '(h) undo the fix';
    if (b2.ok) await testUndo(page, ed, G, env);

    // (j) two paragraphs with emoji before the findings: offsets, underline and fix still right
    env.step = '(j) two paragraphs with emoji';
    await testMultiline(page, ed, G, env);

    // (h) and (k) on typed (not pasted) text: the disclaimer fix after typing is its own undo
    // step; "remove the City address" lands, one Ctrl+Z restores it, the caret stays where the
    // address was, the other lines are untouched
    env.step = '(h)/(k) fixes on typed text';
    await testTypedFixes(page, ed, G, env);

    // (l) a fix clicked after the page edited the text applies to the text now in the field
    if (P.family === 'textarea') {
      env.step = '(l) fix after a page edit';
      await testFixAfterPageEdit(page, ed, G, env);
    }

    // (i) dismiss for this post: the city-email underline goes, the text stays
    env.step = '(i) dismiss';
    await selectAllAndPaste(page, ed, SNOWPLOW);
    const i0 = await poll(ed.attr, (v) => v === 'city-email disclaimer', FINDINGS_TIMEOUT);
    if (i0.ok) await testDismiss(page, ed, G);
    else record(G, '(i) "dismiss for this post"', false, `could not set up: after pasting the snowplow post the attribute is ${q(i0.value)}`);

    // A second field on the page, a text input (reddit's title), is watched on its own.
    if (P.titleSelector) {
      env.step = 'title input';
      const title = page.locator(P.titleSelector);
      await title.click();
      await page.keyboard.type(TITLE, { delay: 5 });
      const want = env.fix.titleCats ?? 'city-email';
      const t = await poll(async () => [await title.getAttribute(ATTR), await title.inputValue(), await ed.attr()], ([at, v]) => at === want && v === TITLE, FINDINGS_TIMEOUT);
      record(G, `text input on the same page (title) → "${want}", value unchanged`, t.ok, t.ok ? `the body editor keeps its own: ${q(t.value[2])}` : `title attribute ${q(t.value[0])}, value ${q(t.value[1])}`);
      // (k) in the text input: "Remove the City address" through the title's own badge, then one Ctrl+Z.
      if (t.ok && env.fix.remove?.title) {
        const tb = await title.boundingBox();
        const badges = await poll(() => findInFrames(page, '.pg-badge'), (v) => v?.els?.length >= 2, 2000);
        const near = badges.value?.els?.slice().sort((x, y) => Math.abs(x.rect.top - tb.y) - Math.abs(y.rect.top - tb.y))[0];
        let ok = false, detail = 'no badge by the title';
        if (near) {
          await clickBox(page, badges.value.off, near.rect);
          const { button, why } = await buttonFor(page, 'city-email', 'button.pg-fix');
          if (button) {
            await button.click();
            const r = await poll(() => title.inputValue(), (v) => v === env.fix.remove.title, 4000);
            detail = `value ${q(r.value)}`;
            if (r.ok) {
              await page.keyboard.press('Control+Z');
              const u = await poll(() => title.inputValue(), (v) => v === TITLE, 2000);
              ok = u.ok;
              detail += u.ok ? '; one Ctrl+Z restores it' : `; after Ctrl+Z ${q(u.value)}`;
            }
          } else detail = why;
        }
        record(G, '(k) "remove the City address" in the text input lands, and one Ctrl+Z undoes it', ok, detail);
      }
    }

    // (c) the composer goes away (post sent, dialog closed): so do its underlines and badge
    env.step = '(c) composer removed';
    await page.evaluate(() => document.querySelector('main').remove());
    const world = await isolatedWorld(page);
    const gone = await poll(async () => {
      const n = [];
      for (const f of page.frames()) {
        const els = await world.evaluate(f, overlayElements, { selector: '.pg-underline, .pg-badge, .pg-card' }).catch(() => []);
        n.push(...(els ?? []).filter((e) => e.visible).map((e) => `${e.cls}${e.category ? `[${e.category}]` : ''} at (${Math.round(e.rect.left)},${Math.round(e.rect.top)})`));
      }
      return n;
    }, (n) => n.length === 0, 2000);
    if (!gone.ok) await page.screenshot({ path: path.join(SHOTS, `ext-${P.name}-removed.png`) });
    record(G, '(c) underlines and badge go when the composer is removed', gone.ok, gone.ok ? '' : `still drawn 2 s after the composer left the page: ${gone.value.join(', ')}`);

    await sleep(200);
    record(G, '(f) no page errors', errors.length === 0, errors.join(' | '));
  } catch (e) {
    record(G, `harness (during ${env.step})`, false, `exception: ${e.message.split('\n').slice(0, 3).join(' ')}`);
    await page.screenshot({ path: path.join(SHOTS, `ext-${P.name}-exception.png`) }).catch(() => {});
  } finally {
    await page.close().catch(() => {});
  }
}

async function checkUnderline(page, ed, G, label, timeout) {
  let m = { error: 'not measured' };
  const c = await poll(async () => (m = await measureUnderline(page, ed, 'city-email', EMAIL)), underlineMatches, timeout);
  m = c.value;
  if (c.ok) record(G, label, true, `${m.boxes.map(fmtRect).join(' ')} vs text ${m.text.map(fmtRect).join(' ')} (${m.how})`);
  else if (m.error || m.thrown) record(G, label, false, m.error || m.thrown);
  else record(G, label, false,
    `${m.overlays} <postguard-overlay>${m.closed ? ` (${m.closed} with a closed shadow root)` : ''}; underline categories [${m.cats.join(', ')}]; city-email boxes ${m.boxes.map(fmtRect).join(' ') || 'none'}; address rendered at ${m.text.map(fmtRect).join(' ')}`);
  return c.ok;
}

// Opens PostGuard's card with the badge; returns the card locator or a reason.
async function openCard(page) {
  // The badge is drawn on the next frame after the findings arrive: give it a moment.
  const badge = (await poll(() => findInFrames(page, '.pg-badge'), (v) => !!v, 2000)).value;
  if (!badge || badge.thrown) {
    await page.screenshot({ path: path.join(SHOTS, `ext-${page.__pgName}-nobadge.png`) }).catch(() => {});
    return { why: 'no .pg-badge in any <postguard-overlay>' };
  }
  await clickBox(page, badge.off, badge.els[0].rect);
  const card = await poll(() => findCard(page), (v) => !!v && !v.thrown && v.rect.right > v.rect.left, 2000);
  if (!card.ok) return { why: 'clicking .pg-badge opened no .pg-card' };
  return { card: card.value };
}

// Within an open card, the button `buttonSel` for a finding of `category`: the card may show
// one finding at a time (data-category on the card, .pg-next to go on) or several.
// The card is read from PostGuard's world (closed shadow root); buttons are pressed with real
// mouse clicks at their boxes. Returns { button: { label, click() } } or { why }.
async function buttonFor(page, category, buttonSel, labelRe) {
  const seen = [];
  const cls = buttonSel.replace(/^button\./, '');
  let card = null;
  for (let i = 0; i < 8; i++) {
    card = await findCard(page);
    if (!card) break;
    seen.push(card.category ?? '?');
    const mine = card.buttons.filter((b) => b.cls.split(/\s+/).includes(cls));
    const pick = (card.category === category && mine[0]) || mine.find((b) => b.category === category) || (labelRe && mine.find((b) => labelRe.test(b.label)));
    if (pick) { const c = card; return { button: { label: pick.label, click: () => clickBox(page, c.off, pick.rect) } }; }
    const next = card.buttons.find((b) => b.cls.split(/\s+/).includes('pg-next'));
    if (next) { await clickBox(page, card.off, next.rect); await sleep(100); continue; }
    break;
  }
  const labels = card ? card.buttons.map((b) => b.label) : [];
  return { why: `no ${buttonSel} for ${category} in the card (cards seen: ${seen.join(', ')}; buttons: ${q(labels)})` };
}

async function testFix(page, ed, P, G, env) {
  const step = '(d) after the fix the model text is the original + the disclaimer';
  const { card, why } = await openCard(page);
  if (!card) { record(G, step, false, why); return; }
  // The card's content: message and clause text (the clause text may arrive a moment later).
  const cardText = async () => { const c = await findCard(page); return [c?.message ?? '', c?.clause ?? '']; };
  const ct = await poll(cardText, ([msg, clause]) => !!msg && clause.length > 40 && !/loading/i.test(clause), 3000);
  const [msg, clause] = ct.value.thrown ? ['', ''] : ct.value;
  record(G, '(d) card shows .pg-message and .pg-clause text', ct.ok, `message ${q(msg.slice(0, 70))}, clause ${q(clause.slice(0, 70))}`);
  await page.screenshot({ path: path.join(SHOTS, `ext-${P.name}-card.png`) });
  // The card must be readable: entirely inside the viewport of the frame that holds it
  // (a card inside a small iframe gets cut off by the iframe's edges).
  const cur = (await findCard(page)) ?? card;
  const vis = { r: cur.rect, w: cur.w, h: cur.h, buttons: cur.buttons.filter((b) => /\bpg-(fix|dismiss)\b/.test(b.cls)).map((b) => ({ label: b.label, r: b.rect })) };
  const inside = (r, o) => r.left >= o.left - 1 && r.top >= o.top - 1 && r.right <= o.right + 1 && r.bottom <= o.bottom + 1;
  const viewport = { left: 0, top: 0, right: vis.w, bottom: vis.h };
  const clipped = vis.buttons.filter((b) => !inside(b.r, vis.r) || !inside(b.r, viewport)).map((b) => `${q(b.label)} at ${fmtRect(b.r)}`);
  const inView = inside(vis.r, viewport) && clipped.length === 0;
  record(G, '(d) card and its buttons entirely visible (inside the card and its frame\'s viewport)', inView,
    inView ? '' : `card at ${fmtRect(vis.r)}, viewport of its frame ${vis.w}×${vis.h}${clipped.length ? `; cut-off buttons: ${clipped.join(', ')}` : ''}`);
  const r = await applyDisclaimerFix(page, ed, card, env);
  if (r.why) { record(G, step, false, r.why); return; }
  record(G, step, r.textOk, r.textOk ? `button ${q(r.label)}` : `button ${q(r.label)}: expected ${q(r.want)}, model has ${q(r.tx)}`);
  record(G, '(d) after the fix findings = "city-email"', r.at === 'city-email', r.at === 'city-email' ? `${r.ms} ms` : `attribute ${q(r.at)}`);
  // (g) The caret sits after the inserted text: typing goes on at the end.
  if (r.textOk) {
    env.step = '(g) typing after the fix';
    const before = await ed.text();
    const focused = await ed.locator.evaluate((el) => el.getRootNode().activeElement === el || el.contains(el.getRootNode().activeElement));
    await page.keyboard.type(' #snow', { delay: TYPE_DELAY });
    const g = await poll(ed.text, (v) => v === before + ' #snow', 2000);
    record(G, '(g) after the fix the caret is at the end (typing continues there)', g.ok, g.ok ? '' : `editor focused after fix: ${focused}; typed " #snow", model has ${q(g.value)}`);
  }
}

// Clicks the disclaimer's fix in an open card and waits for the model text and the attribute.
async function applyDisclaimerFix(page, ed, card, env, base = SNOWPLOW) {
  const { button, why } = await buttonFor(page, 'disclaimer', 'button.pg-fix', /disclaimer/i);
  if (!button) return { why };
  const label = button.label;
  const before = await ed.text();
  await button.click();
  let want = env.fix.fixed && before === base ? env.fix.fixed : null;
  const pred = want
    ? ([at, tx]) => at === 'city-email' && tx === want
    : ([at, tx]) => at === 'city-email' && tx.startsWith(before) && tx.endsWith(DISCLAIMER_SENTENCE) && /^\s+$/.test(tx.slice(before.length, -DISCLAIMER_SENTENCE.length));
  const d = await poll(async () => [await ed.attr(), await ed.text()], pred, FINDINGS_TIMEOUT);
  const [at, tx] = d.value;
  const textOk = want ? tx === want : pred(['city-email', tx]);
  want ??= `${before}<whitespace>${DISCLAIMER_SENTENCE}`;
  return { label, at, tx, textOk, want, ms: d.ms };
}

// The text is SNOWPLOW, pasted over CLEAN. After a pause (editors group quick edits into one
// undo step), apply the fix, press Ctrl+Z once: the text must be SNOWPLOW again. Editors whose
// history merges an insertion with the one before it whatever the time (Slate merges adjacent
// insert_text operations) are held to what they do for the same insertion made by the user:
// the reference is a native paste of the same text at the same place, then Ctrl+Z.
async function testUndo(page, ed, G, env) {
  const step = '(h) Ctrl+Z after the fix restores the text before it';
  await sleep(1200);
  const { card, why } = await openCard(page);
  if (!card) { record(G, step, false, why); return; }
  const r = await applyDisclaimerFix(page, ed, card, env);
  if (r.why || !r.textOk) { record(G, step, false, r.why || `the fix itself failed: model has ${q(r.tx)}`); return; }
  const fixed = r.tx;
  await page.keyboard.press('Control+Z');
  const h = await poll(ed.text, (tx) => tx === SNOWPLOW, 2000);
  if (h.ok) { record(G, step, true, ''); return; }
  const afterFixUndo = h.value;
  // The editor's own behaviour for the same insertion.
  await selectAllAndPaste(page, ed, CLEAN);
  await poll(ed.text, (v) => v === CLEAN, 3000);
  await selectAllAndPaste(page, ed, SNOWPLOW);
  await poll(ed.attr, (v) => v === 'city-email disclaimer', FINDINGS_TIMEOUT);
  await sleep(1200);
  await ed.locator.focus();
  await page.keyboard.press('Control+End');
  await page.evaluate((t) => navigator.clipboard.writeText(t), fixed.slice(SNOWPLOW.length));
  await page.keyboard.press('Control+V');
  const pasted = await poll(ed.text, (v) => v === fixed, 3000);
  await page.keyboard.press('Control+Z');
  await sleep(300);
  const nativeUndo = await ed.text();
  const same = pasted.ok && afterFixUndo === nativeUndo && !afterFixUndo.includes(DISCLAIMER_SENTENCE);
  record(G, step, same, same
    ? `one Ctrl+Z gives ${q(afterFixUndo.slice(0, 40))}…, exactly as after pasting the same text by hand (this editor merges adjacent insertions into one undo step)`
    : `after the fix and one Ctrl+Z the model has ${q(afterFixUndo)}; after pasting the same text by hand and one Ctrl+Z it has ${pasted.ok ? q(nativeUndo) : '(reference paste failed)'}`);
}

async function typeLines(page, ed, lines) {
  await ed.locator.focus();
  await page.keyboard.press('Control+A');
  await sleep(150);
  await page.keyboard.press('Delete');
  await poll(ed.text, (v) => v === '', 2000);
  for (let i = 0; i < lines.length; i++) {
    if (i) await page.keyboard.press('Enter');
    await page.keyboard.type(lines[i], { delay: 5 });
  }
}

// Clicks the fix of `category` in the card opened from the badge.
async function clickFix(page, category, labelRe) {
  const { card, why } = await openCard(page);
  if (!card) return { why };
  const { button, why: w2 } = await buttonFor(page, category, 'button.pg-fix', labelRe);
  if (!button) return { why: w2 };
  await button.click();
  return { label: button.label };
}

async function testTypedFixes(page, ed, G, env) {
  // (h) The post is typed, not pasted, and the fix follows at once: editors whose history
  // merges an insertion with the typing before it (Slate) must still give the fix its own step.
  const h = '(h) typed post + disclaimer fix: one Ctrl+Z takes out the fix and nothing typed';
  await typeLines(page, ed, [SNOWPLOW]);
  const a = await poll(ed.attr, (v) => v === 'city-email disclaimer', FINDINGS_TIMEOUT);
  if (!a.ok) record(G, h, false, `after typing, attribute ${q(a.value)}`);
  else {
    const f = await clickFix(page, 'disclaimer', /disclaimer/i);
    const fixed = f.why ? { ok: false } : await poll(ed.text, (v) => v === env.fix.fixed, 4000);
    if (!fixed.ok) record(G, h, false, f.why ?? `the fix did not land: ${q(fixed.value)}`);
    else {
      await page.keyboard.press('Control+Z');
      const u = await poll(ed.text, (v) => v === SNOWPLOW, 2000);
      record(G, h, u.ok, u.ok ? '' : `after one Ctrl+Z the model has ${q(u.value)}`);
    }
  }
  // (k) "Remove the City address" from the middle of the second of three typed lines.
  const R = env.fix.remove;
  if (!R?.removed) { record(G, '(k) "remove the City address" fix', false, 'the engine offers no fix for the address'); return; }
  await typeLines(page, ed, REMOVE_LINES);
  const k0 = await poll(async () => [await ed.attr(), await ed.text()], ([at, tx]) => at === R.cats && tx === REMOVE_TEXT, FINDINGS_TIMEOUT);
  if (!k0.ok) { record(G, '(k) "remove the City address" fix', false, `after typing three lines: attribute ${q(k0.value[0])}, model ${q(k0.value[1])}`); return; }
  const f1 = await clickFix(page, 'city-email');
  const k1 = f1.why ? { ok: false, value: [] } : await poll(async () => [await ed.attr(), await ed.text()], ([at, tx]) => at === R.after && tx === R.removed, FINDINGS_TIMEOUT);
  const lines = (k1.value?.[1] ?? '').split('\n');
  record(G, '(k) "remove the City address" lands: model = the engine\'s result, the other lines untouched, findings follow', k1.ok,
    k1.ok ? `button ${q(f1.label)}; lines 1 and 3 ${lines[0] === REMOVE_LINES[0] && lines[2] === REMOVE_LINES[2] ? 'unchanged' : 'CHANGED'}` : f1.why ?? `expected ${q(R.removed)} and ${q(R.after)}; model ${q(k1.value[1])}, attribute ${q(k1.value[0])}`);
  if (!k1.ok) return;
  await page.keyboard.press('Control+Z');
  const k2 = await poll(ed.text, (v) => v === REMOVE_TEXT, 2000);
  record(G, '(k) one Ctrl+Z puts the address back, nothing else', k2.ok, k2.ok ? '' : `model ${q(k2.value)}`);
  if (!k2.ok) return;
  await poll(ed.attr, (v) => v === R.cats, FINDINGS_TIMEOUT);
  const f2 = await clickFix(page, 'city-email');
  const k3 = f2.why ? { ok: false } : await poll(ed.text, (v) => v === R.removed, 4000);
  if (!k3.ok) { record(G, '(k) after the removal the caret is where the address was', false, f2.why ?? `second removal: model ${q(k3.value)}`); return; }
  await page.keyboard.type('Z', { delay: 0 });
  const want = R.removed.slice(0, R.removeAt) + 'Z' + R.removed.slice(R.removeAt);
  const k4 = await poll(ed.text, (v) => v === want, 2000);
  record(G, '(k) after the removal the caret is where the address was (typing goes on there)', k4.ok, k4.ok ? '' : `typed "Z": expected ${q(want)}, model ${q(k4.value)}`);
}

// (l) A fix is taken from a check of the text in the field when it is clicked, never from the
// card. Here the page itself puts words ahead of the address (a script's edit, not the user's: no
// check follows it, and the drawn findings are shifted to follow it); the card opened on them
// must remove the address where it now is, not the characters at the old offsets.
async function testFixAfterPageEdit(page, ed, G, env) {
  const step = '(l) after the page put words ahead of the address, the card\'s "remove" fix removes the address where it is now';
  const C = env.fix.carried;
  if (!C?.removed) { record(G, step, false, 'the engine offers no fix for the address'); return; }
  await typeLines(page, ed, [SNOWPLOW]);
  const a = await poll(ed.attr, (v) => v === 'city-email disclaimer', FINDINGS_TIMEOUT);
  if (!a.ok) { record(G, step, false, `after typing, attribute ${q(a.value)}`); return; }
  await sleep(2200); // past the time in which an edit still counts as the user's typing
  await ed.locator.evaluate((el, prefix) => {
    el.setRangeText(prefix, 0, 0, 'end');
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: prefix }));
  }, CARRY_PREFIX);
  const t = await poll(ed.text, (v) => v === C.text, 2000);
  if (!t.ok) { record(G, step, false, `the page's edit: model ${q(t.value)}`); return; }
  const f = await clickFix(page, 'city-email');
  const k = f.why ? { ok: false, value: [] } : await poll(async () => [await ed.attr(), await ed.text()], ([at, tx]) => at === C.after && tx === C.removed, FINDINGS_TIMEOUT);
  record(G, step, k.ok, k.ok ? `button ${q(f.label)}` : f.why ?? `expected ${q(C.removed)} and ${q(C.after)}; model ${q(k.value[1])}, attribute ${q(k.value[0])}`);
}

async function testDismiss(page, ed, G) {
  const step = '(i) "dismiss for this post" removes the city-email underline, text unchanged';
  const { card, why } = await openCard(page);
  if (!card) { record(G, step, false, why); return; }
  const { button, why: w2 } = await buttonFor(page, 'city-email', 'button.pg-dismiss');
  if (!button) { record(G, step, false, w2); return; }
  const before = await ed.text();
  await button.click();
  const i = await poll(async () => [(await measureUnderline(page, ed, 'city-email', EMAIL)).boxes?.length ?? -1, await ed.text()], ([n, tx]) => n === 0, 2000);
  const [n, tx] = i.value;
  const ok = i.ok && tx === before;
  record(G, step, ok, ok ? `attribute afterwards ${q(await ed.attr())}` : `${n} city-email underline box(es) left; model ${tx === before ? 'unchanged' : q(tx)}`);
  if (!ok) return;
  // A dismissal is for this post only: the user empties the field, pauses, writes a new post.
  await ed.locator.focus();
  await page.keyboard.press('Control+A');
  await sleep(150);
  await page.keyboard.press('Delete');
  const empty = await poll(async () => [await ed.attr(), await ed.text()], ([at, tx]) => at === '' && tx === '', 3000);
  await sleep(500);
  await page.keyboard.type(SNOWPLOW, { delay: 5 });
  await poll(ed.attr, (v) => v === 'city-email disclaimer', FINDINGS_TIMEOUT);
  if (!empty.ok) record(G, '(i) after the field is emptied, a new post is checked afresh (the dismissed underline is back)', false, `the emptied field: attribute ${q(empty.value[0])}, model ${q(empty.value[1])}`);
  else await checkUnderline(page, ed, G, '(i) after the field is emptied, a new post is checked afresh (the dismissed underline is back)', 3000);
}

async function clearAndTypeMulti(page, ed) {
  await ed.locator.focus();
  await page.keyboard.press('Control+A');
  await sleep(150);
  await page.keyboard.press('Delete');
  await poll(ed.text, (v) => v === '', 2000);
  await page.keyboard.type(LINE1, { delay: TYPE_DELAY });
  await page.keyboard.press('Enter');
  await page.keyboard.type(SNOWPLOW, { delay: 5 });
}

async function testMultiline(page, ed, G, env) {
  await clearAndTypeMulti(page, ed);
  const want = env.fix.multiCats ?? 'city-email disclaimer';
  const j = await poll(async () => [await ed.attr(), await ed.text()], ([at, tx]) => at === want && tx === MULTI, FINDINGS_TIMEOUT);
  record(G, `(j) two paragraphs with emoji → "${want}", text exact`, j.ok, j.ok ? '' : `attribute ${q(j.value[0])}, model text ${q(j.value[1])}`);
  if (!j.ok) return;
  await checkUnderline(page, ed, G, '(j) city-email underline under the address on the second paragraph', 3000);
  const { card, why } = await openCard(page);
  if (!card) { record(G, '(j) disclaimer fix after two paragraphs', false, why); return; }
  const r = await applyDisclaimerFix(page, ed, card, { fix: { fixed: env.fix.multiFixed } }, MULTI);
  if (r.why) { record(G, '(j) disclaimer fix after two paragraphs', false, r.why); return; }
  record(G, '(j) disclaimer fix after two paragraphs: model = text + disclaimer, nothing else changed', r.textOk && r.at === 'city-email',
    r.textOk && r.at === 'city-email' ? '' : `expected ${q(r.want)} and "city-email"; model has ${q(r.tx)}, attribute ${q(r.at)}`);
}

// ---- sign-up form and unsupported host ---------------------------------------------------

async function testSignup(context, P) {
  const G = `${P.name} (${P.host})`;
  const page = await context.newPage();
  const errors = []; watchPage(page, errors);
  try {
    await page.goto(`https://${P.host}/`);
    await page.locator(P.editor.selector).click();
    await page.keyboard.type(EMAIL, { delay: TYPE_DELAY });
    const a = await poll(() => page.locator(P.editor.selector).getAttribute(ATTR), (v) => v === 'city-email', FINDINGS_TIMEOUT);
    record(G, 'city email typed into the email field → "city-email"', a.ok, a.ok ? `${a.ms} ms` : `attribute ${q(a.value)}`);
    const v = await page.evaluate(() => window.__editorText());
    record(G, 'email field value unchanged', v === EMAIL, v === EMAIL ? '' : `value ${q(v)}`);
    await page.locator(P.password).click();
    await page.keyboard.type('Snowplow2026! jdoe@rochestermn.gov', { delay: TYPE_DELAY });
    await sleep(1500);
    const pw = await page.locator(P.password).getAttribute(ATTR);
    record(G, 'password field is not read (no findings attribute)', pw === null, pw === null ? '' : `password field has ${ATTR}=${q(pw)}`);
    if (P.username) {
      const u = page.locator(P.username);
      await u.click();
      await page.keyboard.type(EMAIL, { delay: TYPE_DELAY });
      const un = await poll(async () => [await u.getAttribute(ATTR), await u.inputValue()], ([at, v]) => at === 'city-email' && v === EMAIL, FINDINGS_TIMEOUT);
      record(G, 'city email typed into the log-in form\'s username field → "city-email"', un.ok, un.ok ? `${un.ms} ms` : `attribute ${q(un.value[0])}, value ${q(un.value[1])}`);
    }
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `ext-${P.name}.png`) });
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
  } catch (e) {
    record(G, 'harness', false, `exception: ${e.message.split('\n')[0]}`);
  } finally { await page.close().catch(() => {}); }
}

// A City account's About/bio form (issue 16): the bio gets the page check in City-account
// mode (the identity shown is a listed City account), with the page-statements category;
// its fix appends the pack's sentence through the field and one Ctrl+Z undoes it; the name
// field beside it is not page-checked; a bio that makes every statement is clean.
async function testAbout(context, P, sw) {
  const G = `${P.name} (${P.host})`;
  const page = await context.newPage();
  page.__pgName = P.name;
  const errors = []; watchPage(page, errors);
  const text = () => page.evaluate(() => window.__editorText());
  try {
    await sw.evaluate(() => chrome.storage.local.set({ cityAccounts: ['@RochesterMNGov'] }));
    await page.goto(`https://${P.host}/`);
    const bio = page.locator(P.editor.selector);
    await bio.click();
    const BIO = 'Official account of the City of Rochester, Minnesota.';
    await page.keyboard.type(BIO, { delay: TYPE_DELAY });
    const a = await poll(() => bio.getAttribute(ATTR), (v) => v === 'page-statements', FINDINGS_TIMEOUT);
    record(G, 'a City account\'s bio lacking statements → "page-statements"', a.ok, a.ok ? `${a.ms} ms` : `attribute ${q(a.value)}`);
    const { card, why } = await openCard(page);
    if (!card) { record(G, 'card opens', false, why); return; }
    await page.screenshot({ path: path.join(SHOTS, `ext-${P.name}-card.png`) });
    const { button, why: noButton } = await buttonFor(page, 'page-statements', 'button.pg-fix', /public-records/i);
    if (!button) { record(G, 'the card offers the public-records statement', false, noButton); return; }
    await button.click();
    const f = await poll(text, (v) => v.startsWith(`${BIO} `) && /Data Practices Act/.test(v), FINDINGS_TIMEOUT);
    record(G, 'the fix appends the public-records sentence', f.ok, f.ok ? `button ${q(button.label)}` : `bio ${q(f.value)}`);
    await sleep(300);
    await page.keyboard.press('Control+z');
    const u = await poll(text, (v) => v === BIO, 3000);
    record(G, 'one Ctrl+Z removes the appended sentence', u.ok, u.ok ? '' : `bio ${q(u.value)}`);
    // A bio with every statement, in its own words, is clean.
    await bio.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Official account of the City of Rochester, MN. Replies are the views of their authors, not the City. Replies and DMs are public data under the MN Government Data Practices Act. We may hide replies that are obscene or threatening.', { delay: 2 });
    const c = await poll(() => bio.getAttribute(ATTR), (v) => v === '', FINDINGS_TIMEOUT);
    record(G, 'a bio making every statement (paraphrased) → ""', c.ok, c.ok ? `${c.ms} ms` : `attribute ${q(c.value)}`);
    // The name field beside it is no About field: no page check there.
    const name = page.locator(P.nameField);
    await name.click();
    await page.keyboard.type('City of Rochester', { delay: TYPE_DELAY });
    await sleep(1500);
    const n = await name.getAttribute(ATTR);
    record(G, 'the name field is not page-checked', n === '', `attribute ${q(n)}`);
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
  } catch (e) {
    record(G, 'harness', false, `exception: ${e.message.split('\n')[0]}`);
  } finally {
    await sw.evaluate(() => chrome.storage.local.remove('cityAccounts')).catch(() => {});
    await page.close().catch(() => {});
  }
}

// City mode (issue 16): posting as a City account, the card shows accuracy findings, their
// one-edit fix lands exactly and one Ctrl+Z undoes it; the options page lists the accuracy
// rules as on, for City accounts only. On X's Draft.js composer, the account as the page shows it.
const ACCURACY_POST = 'Leaf pickup starts Monday. Residents will recieve a postcard with their day.';
async function testCityAccuracy(context, P, sw, extId) {
  const G = `city-accuracy (${P.family}, ${P.host})`;
  const page = await context.newPage();
  page.__pgName = 'city-accuracy';
  const errors = []; watchPage(page, errors);
  const text = () => page.evaluate(() => window.__editorText());
  try {
    await sw.evaluate(() => chrome.storage.local.set({ cityAccounts: ['@jdoe_mn'] }));
    await page.goto(`https://${P.host}/`);
    const ed = page.locator(P.editor.selector);
    await ed.click();
    await page.keyboard.type(ACCURACY_POST, { delay: 5 });
    const a = await poll(() => ed.getAttribute(ATTR), (v) => v === 'accuracy', FINDINGS_TIMEOUT);
    record(G, 'posting as a City account, a misspelling → "accuracy"', a.ok, a.ok ? `${a.ms} ms` : `attribute ${q(a.value)}`);
    if (!a.ok) return;
    const { card, why } = await openCard(page);
    if (!card) { record(G, 'card opens', false, why); return; }
    await page.screenshot({ path: path.join(SHOTS, 'ext-city-accuracy-card.png') });
    const shown = await findCard(page);
    record(G, 'the card shows the accuracy finding with its message and clause', shown?.category === 'accuracy' && /misspelling/.test(shown.message) && /city\.g\.accurate|accurate/.test(shown.clause),
      `category ${q(shown?.category)}; message ${q(shown?.message)}; clause ${q(shown?.clause?.slice(0, 120))}`);
    const { button, why: noButton } = await buttonFor(page, 'accuracy', 'button.pg-fix', /receive/);
    if (!button) { record(G, 'the card offers the spelling fix', false, noButton); return; }
    await button.click();
    const want = ACCURACY_POST.replace('recieve', 'receive');
    const f = await poll(async () => [await text(), await ed.getAttribute(ATTR)], ([t, at]) => t === want && at === '', FINDINGS_TIMEOUT);
    record(G, `the fix ${q(button.label)} lands exactly; no finding left`, f.ok, `model ${q(f.value[0])}; attribute ${q(f.value[1])}`);
    await sleep(300);
    await page.keyboard.press('Control+z');
    const u = await poll(text, (v) => v === ACCURACY_POST, 3000);
    record(G, 'one Ctrl+Z undoes the fix', u.ok, u.ok ? '' : `model ${q(u.value)}`);
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
    // The options page: every accuracy rule listed, ticked, for City accounts only.
    const opt = await context.newPage();
    try {
      await opt.goto(`chrome-extension://${extId}/options.html`);
      await opt.waitForSelector('input[data-rule="accuracy.misspelling"]', { timeout: 5000 });
      const rows = await opt.$$eval('input[data-rule^="accuracy."]', (xs) => xs.map((x) => ({ id: x.dataset.rule, on: x.checked, text: x.closest('label').textContent })));
      const ok = rows.length === 7 && rows.every((r) => r.on && /City accounts only/.test(r.text));
      record(G, 'the options page lists the 7 accuracy rules as on, for City accounts only', ok, rows.map((r) => `${r.id}${r.on ? '' : ' (off)'}`).join(', '));
    } finally { await opt.close().catch(() => {}); }
  } catch (e) {
    record(G, 'harness', false, `exception: ${e.message.split('\n')[0]}`);
  } finally {
    await sw.evaluate(() => chrome.storage.local.remove('cityAccounts')).catch(() => {});
    await page.close().catch(() => {});
  }
}

async function testUnsupported(context, P) {
  const G = `${P.name} (${P.host})`;
  const page = await context.newPage();
  const errors = []; watchPage(page, errors);
  try {
    await page.goto(`https://${P.host}/`);
    await page.locator(P.editor.selector).click();
    await page.keyboard.type(SNOWPLOW, { delay: 5 });
    await sleep(2500);
    const t = await page.evaluate(postguardTraces);
    const ok = t.attrs.length === 0 && t.overlays.length === 0;
    record(G, 'extension does not attach (no attribute, no overlay)', ok, ok ? '' : `attribute on [${t.attrs}], PostGuard elements [${t.overlays}]`);
    const v = await page.evaluate(() => window.__editorText());
    record(G, 'text unchanged', v === SNOWPLOW, v === SNOWPLOW ? '' : `value ${q(v)}`);
    record(G, 'no page errors', errors.length === 0, errors.join(' | '));
  } catch (e) {
    record(G, 'harness', false, `exception: ${e.message.split('\n')[0]}`);
  } finally { await page.close().catch(() => {}); }
}

// ---- main ----------------------------------------------------------------------------------

// Time limits (seconds) per phase: an editor page takes 10–40 s here, hardening about a minute,
// Firefox a few minutes.
// POSTGUARD_PHASE_LIMIT (seconds) sets every phase's limit (to try the bound, or to widen it).
const PHASE_S = { setup: 300, editor: 240, network: 60, hardening: 600, firefox: 900 };
if (Number(process.env.POSTGUARD_PHASE_LIMIT) > 0) for (const k of Object.keys(PHASE_S)) PHASE_S[k] = Number(process.env.POSTGUARD_PHASE_LIMIT);
const LIMIT_S = Number(process.env.POSTGUARD_SUITE_LIMIT) || 1800;

// Where the suite is: the editor step in progress (env.step) and the last check recorded.
const env = { current: 'startup', step: '' };
function where() {
  const last = results[results.length - 1];
  return `${env.step ? `step "${env.step}" of ${env.current}` : env.current}${last ? `, after the check "${last.group} · ${last.step}"` : ''}`;
}

// The suite-level bound: a phase that never returns (a browser that stops answering) must end
// the suite with its table and a failure naming where it stuck, not sit until CI's limit.
boundedSuite('extension', { limitS: LIMIT_S, where, onStuck: summaryTable }, async (t) => {
  try {
    await main(t);
    if (!results.length) await phase(t, 'harness', { timeout: 10_000 }, () => record('harness', 'at least one check ran', false, 'no check was recorded'));
  } finally {
    summaryTable();
  }
});

async function main(t) {
  console.log('PostGuard extension end-to-end tests');
  console.log(browsersLine());
  let srv;
  await phase(t, 'test pages', { timeout: PHASE_S.setup * 1000, where }, async () => {
    env.current = 'bundling the test pages';
    ensureFixturePackages();
    await bundlePages();
    srv = await startServer();
    console.log(`test server: https://127.0.0.1:${srv.port} playing ${srv.hosts.join(', ')}`);
  });
  if (!srv) return;
  const selected = PAGES.filter((p) => !ONLY || ONLY.includes(p.name) || (p.name === 'draft' && ONLY.includes('city-accuracy')));
  const editors = selected.filter((p) => !['signup', 'unsupported', 'about'].includes(p.name) && !p.hardening && (!ONLY || ONLY.includes(p.name)));
  const editorPhase = (P, fn) => phase(t, `${P.name} (${P.family}, ${P.host})`, { timeout: PHASE_S.editor * 1000, where }, async () => {
    env.current = P.name; env.step = '';
    await fn();
  });

  if (PAGES_ONLY) {
    const { context, close } = await launch({ hosts: srv.hosts, port: srv.port, extension: false });
    try { for (const P of editors) await editorPhase(P, () => testEditor(context, P, Object.assign(env, { pagesOnly: true }))); } finally { await close(); await srv.close(); }
    return;
  }

  let fix;
  await phase(t, 'setup', { timeout: PHASE_S.setup * 1000, where }, async () => {
    env.current = 'setup';
    // Packaging (scripts/package-extension.sh, run by ./build.sh build).
    for (const z of ['dist/postguard-chrome.zip', 'dist/postguard-firefox.zip']) {
      const p = path.join(ROOT, z);
      record('packaging', `${z} exists`, fs.existsSync(p) && fs.statSync(p).size > 0, fs.existsSync(p) ? `${fs.statSync(p).size} bytes` : 'missing (./build.sh build runs scripts/package-extension.sh)');
    }
    const manifestOk = fs.existsSync(path.join(EXT, 'manifest.json')) && fs.existsSync(path.join(EXT, 'pkg/postguard_bg.wasm'));
    record('extension', 'extension/manifest.json and extension/pkg/ present', manifestOk, manifestOk ? '' : 'run ./build.sh build');
    if (!manifestOk) return;
    fix = await expectedFix();
    if (fix.error) console.log(`  note: ${fix.error}; the disclaimer fix is checked by its shape instead`);
    else {
      console.log(`  engine ${fix.version}: snowplow → "${fix.cats}"; disclaimer fix ${q(fix.label)} → ${q(fix.fixed?.slice(SNOWPLOW.length))}`);
      if (fix.clean.length) record('setup', 'the clean post is clean for the engine', false, `engine finds [${fix.clean}] in ${q(CLEAN)}`);
      if (fix.cats !== 'city-email disclaimer') record('setup', 'the engine finds "city-email disclaimer" in the snowplow post', false, `engine finds "${fix.cats}"`);
    }
  });
  if (!fix) { await srv.close(); return; }

  // One Chromium for every page (launched once, closed after the last Chromium phase).
  const { context, close } = await launch({ hosts: srv.hosts, port: srv.port });
  env.fix = fix;
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), during: env.current, sw: !!r.serviceWorker?.() }));
  const swErrors = [];
  try {
    let sw;
    await phase(t, 'extension', { timeout: PHASE_S.setup * 1000, where }, async () => {
      env.current = 'the extension starting';
      try { sw = await extensionWorker(context); } catch { record('extension', 'background service worker starts', false, 'no chrome-extension:// service worker within 10 s'); }
      if (sw) {
        const id = new URL(sw.url()).host;
        record('extension', 'background service worker starts', true, sw.url());
        env.extId = id;
        sw.on('console', (m) => { if (m.type() === 'error') swErrors.push(m.text()); });
      }
    });
    for (const P of editors) await editorPhase(P, () => testEditor(context, P, env));
    for (const P of selected.filter((p) => p.name === 'signup')) await phase(t, `${P.name} (${P.host})`, { timeout: PHASE_S.editor * 1000, where }, async () => { env.current = P.name; env.step = ''; await testSignup(context, P); });
    for (const P of selected.filter((p) => p.name === 'unsupported')) await phase(t, `${P.name} (${P.host})`, { timeout: PHASE_S.editor * 1000, where }, async () => { env.current = P.name; env.step = ''; await testUnsupported(context, P); });
    for (const P of selected.filter((p) => p.name === 'about')) {
      await phase(t, `${P.name} (${P.host})`, { timeout: PHASE_S.editor * 1000, where }, async () => {
        env.current = P.name; env.step = '';
        if (sw) await testAbout(context, P, sw); else record(`${P.name} (${P.host})`, 'page check on an About form', false, 'no service worker');
      });
    }
    if (!ONLY || ONLY.includes('city-accuracy')) {
      const P = PAGES.find((p) => p.name === 'draft');
      await phase(t, `city-accuracy (${P.family}, ${P.host})`, { timeout: PHASE_S.editor * 1000, where }, async () => {
        env.current = 'city-accuracy'; env.step = '';
        if (sw) await testCityAccuracy(context, P, sw, env.extId); else record('city-accuracy', 'accuracy in City mode', false, 'no service worker');
      });
    }

    // (f) requests: only the local test server (the mapped host names, known paths) and the extension itself.
    // Playwright sees the context's pages and the extension's worker: all must stay on the test
    // server or PostGuard's own files (lib/netpolicy.mjs; hardening.mjs watches every target).
    await phase(t, 'network', { timeout: PHASE_S.network * 1000, where }, async () => {
      env.current = 'network'; env.step = '';
      const extOrigin = `chrome-extension://${env.extId}`;
      const { leak: bad } = partitionRequests(requests.map((r) => ({ ...r, targetType: r.sw ? 'service_worker' : 'page', targetUrl: r.sw ? `${extOrigin}/background.js` : '' })),
        { hosts: srv.hosts, extensionOrigin: extOrigin });
      const unknown = srv.log.filter((r) => !r.known);
      const extFiles = [...new Set(requests.filter((r) => r.url.startsWith('chrome-extension://')).map((r) => new URL(r.url).pathname))];
      const swSeen = `${extFiles.length}: ${extFiles.join(', ')}`;
      record('network', '(f) no request to any other host', bad.length === 0, bad.length ? bad.slice(0, 8).map((r) => `${r.url} (during ${r.during})`).join(' | ') : `${requests.length} requests recorded (extension's own files ${swSeen}; the service worker's requests are included)`);
      record('network', '(f) the test server got only the pages\' own files', unknown.length === 0, unknown.slice(0, 8).map((r) => `${r.method} https://${r.host}${r.path}`).join(' | '));
      record('extension', 'no console errors in the background service worker', swErrors.length === 0, swErrors.slice(0, 5).join(' | '));
    });
  } finally {
    await close();
  }
  await srv.close();

  // Hardening (hardening.mjs): manifest and lint, hostile page, worker stops, corrupt settings,
  // popup/options, memory under editor churn, and no network requests over all of it.
  if (!ONLY || ONLY.includes('hardening')) {
    await phase(t, 'hardening', { timeout: PHASE_S.hardening * 1000, where }, async () => {
      env.current = 'hardening'; env.step = '';
      if (NO_HARDENING) record('hardening', 'hardening tests', null, 'SKIPPED (--no-hardening)');
      else await runHardening({ record });
    });
  }

  if (!ONLY || ONLY.includes('firefox')) {
    await phase(t, 'firefox', { timeout: PHASE_S.firefox * 1000, where }, async () => {
      env.current = 'firefox'; env.step = '';
      if (NO_FIREFOX) record('firefox', 'smoke test', null, 'SKIPPED (--no-firefox)');
      else await firefoxSmoke({ record, SNOWPLOW });
    });
  }
}

// The per-editor-page table: one column per step letter (a)..(l); ✗ if any check of that step
// failed. (The counts and the list of failures come from the reporter.)
let tablePrinted = false;
function summaryTable() {
  if (tablePrinted) return;
  tablePrinted = true;
  const editorGroups = [...new Set(results.map((r) => r.group))].filter((g) => results.some((r) => r.group === g && /^\([a-l]\)/.test(r.step)));
  if (editorGroups.length) {
    const cols = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
    console.log(`\n${'page'.padEnd(48)} ${cols.map((c) => `(${c})`).join(' ')}  other`);
    for (const g of editorGroups) {
      const rs = results.filter((r) => r.group === g);
      const cell = (c) => { const x = rs.filter((r) => r.step.startsWith(`(${c})`)); return x.length === 0 ? ' - ' : x.some((r) => r.ok === false) ? ' ✗ ' : ' ✓ '; };
      const other = rs.filter((r) => !/^\([a-l]\)/.test(r.step));
      console.log(`${g.padEnd(48)} ${cols.map(cell).join(' ')}  ${other.some((r) => r.ok === false) ? '✗' : other.length ? '✓' : '-'}`);
    }
    console.log('(a) typing (b) paste (c) underline placement (d) card + disclaimer fix (e) text/DOM untouched (f) page errors, requests (g) caret after fix (h) undo (i) dismiss (j) two paragraphs + emoji (k) remove fix, its undo and caret (l) fix after the page edited the text');
  }
  const failed = results.filter((r) => r.ok === false);
  if (failed.length) console.log(`\n${failed.length} check(s) failed on ${browsersLine()}`);
}
