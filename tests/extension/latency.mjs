#!/usr/bin/env node
// PostGuard extension latency and main-thread cost (a benchmark, not a test: not run by
// run.mjs or ./build.sh test).
//
//   node tests/extension/latency.mjs [--pages=lexical,draft] [--runs=5] [--delay=40]
//   POSTGUARD_EXTENSION_DIR=<another build's extension/> node tests/extension/latency.mjs   (a comparison)
//
// On the Lexical (facebook.com) and Draft.js (x.com) test pages, in headless Chromium:
//  1. check latency: the snowplow post is typed; the time from the last keystroke (its keydown,
//     and its keyup: the debounce restarts on keyup) to the editor's data-postguard-findings
//     attribute becoming "city-email disclaimer" (both taken in the page with performance.now();
//     a MutationObserver catches the attribute). The content script's debounce is read from its
//     source and subtracted. And a paste (checked at once) to the attribute: the round trip; and
//     the same paste after the service worker was stopped (CDP ServiceWorker.stopAllWorkers):
//     a woken worker's cold start.
//  2. main-thread cost: the same typing with and without the extension loaded; the page's
//     renderer main-thread busy time from CDP Performance.getMetrics (TaskDuration,
//     ScriptDuration), long tasks (PerformanceObserver 'longtask') and a performance.measure
//     around the typing and the settling after it. The difference, divided by the number of
//     keystrokes, is what the extension adds per keystroke.

import fs from 'node:fs';
import path from 'node:path';
import { PAGES } from './fixtures/pages.mjs';
import { ROOT, ensureFixturePackages, bundlePages } from './lib/fixtures.mjs';
import { startServer } from './lib/server.mjs';
import { launch, poll, sleep, EXT } from './lib/browser.mjs';

const argv = process.argv.slice(2);
const arg = (k, d) => { const a = argv.find((x) => x.startsWith(`--${k}=`)); return a ? a.split('=')[1] : d; };
const PAGE_NAMES = arg('pages', 'lexical,draft').split(',');
const RUNS = Number(arg('runs', 5));
const DELAY = Number(arg('delay', 40)); // ms between keystrokes (~ a fast typist)
const SNOWPLOW = 'As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov';
const FINAL = 'city-email disclaimer';
const SETTLE = 2500; // ms after the last keystroke included in the main-thread window (debounce + check + drawing)

function readDebounce() {
  const dir = path.join(EXT, 'content');
  const hits = [];
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of src.matchAll(/^.*\b[A-Z_]*(?:DEBOUNCE|TYPING_DELAY|CHECK_DELAY)[A-Z_]*\b\s*[=:]\s*(\d+).*$/gm)) hits.push({ file: f, ms: Number(m[1]), line: m[0].trim() });
  }
  return hits;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN; };
const q = (s) => JSON.stringify(s);
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

// In the page: watch the editor's attribute and the keystrokes, and long tasks.
function instrument(selector) {
  const el = document.querySelector(selector);
  const w = (window.__pgLat = { keys: [], keyups: [], pastes: [], attrs: [], longtasks: [] });
  window.addEventListener('keydown', () => w.keys.push({ t: performance.now(), attr: el.getAttribute('data-postguard-findings') }), true);
  window.addEventListener('keyup', () => w.keyups.push({ t: performance.now() }), true);
  window.addEventListener('paste', () => w.pastes.push({ t: performance.now() }), true);
  new MutationObserver(() => w.attrs.push({ t: performance.now(), v: el.getAttribute('data-postguard-findings') }))
    .observe(el, { attributes: true, attributeFilter: ['data-postguard-findings'] });
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.longtasks.push(e.duration); }).observe({ type: 'longtask' });
  } catch { w.noLongtask = true; }
}

async function clearEditor(page, P) {
  await page.locator(P.editor.selector).click();
  await page.keyboard.press('Control+A');
  await sleep(100);
  await page.keyboard.press('Delete');
  await poll(() => page.evaluate(() => window.__editorText()), (v) => v === '', 2000);
  await sleep(300);
}

// A paste is checked at once (no debounce): the time from the paste event to the attribute is
// the check's own round trip (content script -> background wasm -> attribute).
async function pasteLatency(page, P, beforeFinal = async () => {}) {
  const el = page.locator(P.editor.selector);
  const ctx = page.context();
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  const paste = async (text, want) => {
    await el.focus();
    await page.keyboard.press('Control+A');
    await sleep(150);
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.evaluate(() => { window.__pgLat.pastes = []; window.__pgLat.attrs = []; });
    await page.keyboard.press('Control+V');
    await poll(() => el.getAttribute('data-postguard-findings'), (v) => v === want, 4000);
    return page.evaluate((want) => { const w = window.__pgLat; const p = w.pastes[0]; const a = w.attrs.find((x) => x.v === want && p && x.t >= p.t); return p && a ? a.t - p.t : NaN; }, want);
  };
  await paste('Beautiful sunrise over Silver Lake this morning.', '');
  await beforeFinal();
  return paste(SNOWPLOW, FINAL);
}

// The service worker stopped (as the browser stops an idle one after ~30 s), then the paste: the
// check wakes it, so paste → attribute is the worker's start, the wasm's instantiation, a new
// Checker and its first check, and the round trip. The issue "Engine v2" target is 30 ms.
async function stopWorker(cdp, versions) {
  const n0 = versions.length;
  await cdp.send('ServiceWorker.stopAllWorkers');
  const r = await poll(() => versions.slice(n0).some((v) => v.runningStatus === 'stopped' && v.scriptURL.startsWith('chrome-extension://')), (v) => v, 5000);
  if (!r.ok) throw new Error('the extension service worker did not stop');
  await sleep(200);
}

async function oneRun(page, cdp, P, withExt) {
  await clearEditor(page, P);
  if (withExt) await poll(() => page.locator(P.editor.selector).getAttribute('data-postguard-findings'), (v) => v === '' || v === null, 3000);
  await page.evaluate(() => { window.__pgLat.keys = []; window.__pgLat.keyups = []; window.__pgLat.pastes = []; window.__pgLat.attrs = []; window.__pgLat.longtasks = []; performance.mark('typing-start'); });
  const perf0 = page.__pgPerf ? await page.__pgPerf() : null;
  const before = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await page.keyboard.type(SNOWPLOW, { delay: DELAY });
  // A fixed window, the same with and without the extension, and no polling in it (a CDP
  // evaluate is itself a main-thread task): the MutationObserver records the attribute.
  await sleep(SETTLE);
  const after = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const perf1 = page.__pgPerf ? await page.__pgPerf() : null;
  const own = perf0 && perf1 ? { events: perf1.events - perf0.events, ms: perf1.totalMs - perf0.totalMs, max: perf1.maxMs, checks: perf1.checks - perf0.checks, draws: perf1.draws - perf0.draws, drawMs: perf1.drawMs - perf0.drawMs } : null;
  const w = await page.evaluate(() => { performance.measure('typing', 'typing-start'); const m = performance.getEntriesByName('typing').pop(); return { ...window.__pgLat, measure: m.duration }; });
  const text = await page.evaluate(() => window.__editorText());
  if (text !== SNOWPLOW) throw new Error(`${P.name}: typed text did not land: ${JSON.stringify(text)}`);
  const lastKey = w.keys[w.keys.length - 1];
  const lastUp = w.keyups[w.keyups.length - 1];
  if (process.env.LATENCY_DEBUG) console.log(`    ${P.name}: keys ${w.keys.length}, first key ${f1(w.keys[0].t - lastKey.t)} ms; attribute writes ${w.attrs.map((a) => `${q(a.v)}@${f1(a.t - lastKey.t)}`).join(', ')}`);
  const final = w.attrs.find((a) => a.v === FINAL && a.t >= lastKey.t);
  return {
    latency: withExt && final && lastKey.attr !== FINAL ? final.t - lastKey.t : NaN,
    fromKeyup: withExt && final && lastKey.attr !== FINAL ? final.t - lastUp.t : NaN,
    paste: withExt ? await pasteLatency(page, P) : NaN,
    wake: withExt && page.__pgWorkers ? await pasteLatency(page, P, () => stopWorker(cdp, page.__pgWorkers)) : NaN,
    alreadyFinal: withExt && lastKey.attr === FINAL,
    task: (after.TaskDuration - before.TaskDuration) * 1000,
    script: (after.ScriptDuration - before.ScriptDuration) * 1000,
    layout: ((after.LayoutDuration - before.LayoutDuration) + (after.RecalcStyleDuration - before.RecalcStyleDuration)) * 1000,
    longtasks: w.longtasks.length, longtaskMs: w.longtasks.reduce((a, b) => a + b, 0), measure: w.measure,
    keys: w.keys.length, attrWrites: w.attrs.length, own,
  };
}

async function session(srv, withExt) {
  const { context, close } = await launch({ hosts: srv.hosts, port: srv.port, extension: withExt, ...(process.env.POSTGUARD_EXTENSION_DIR ? { extensionDir: process.env.POSTGUARD_EXTENSION_DIR } : {}) });
  const out = {};
  try {
    for (const name of PAGE_NAMES) {
      const P = PAGES.find((p) => p.name === name);
      const page = await context.newPage();
      await page.goto(`https://${P.host}/`);
      if (P.open) await page.locator(P.open).click();
      await poll(() => page.evaluate(() => window.__editorReady === true), Boolean, 10000);
      await page.evaluate(instrument, P.editor.selector);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      if (withExt) {
        page.__pgWorkers = [];
        cdp.on('ServiceWorker.workerVersionUpdated', (e) => page.__pgWorkers.push(...e.versions));
        await cdp.send('ServiceWorker.enable');
      }
      // The content script's own counters (PostGuard.perf, in its isolated world), if it has them.
      const worlds = [];
      cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
      await cdp.send('Runtime.enable');
      await sleep(200);
      const world = worlds.find((c) => c.auxData?.type === 'isolated' && /postguard/i.test(c.name) && c.auxData?.isDefault === false);
      page.__pgPerf = world ? async () => {
        const r = await cdp.send('Runtime.evaluate', { expression: 'JSON.stringify(globalThis.PostGuard && PostGuard.perf)', contextId: world.id, returnByValue: true });
        return JSON.parse(r.result.value || 'null');
      } : null;
      await cdp.send('Runtime.disable');
      await oneRun(page, cdp, P, withExt); // warm-up (wasm instantiation, JIT)
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await oneRun(page, cdp, P, withExt));
      out[name] = runs;
      await page.close();
    }
  } finally { await close(); }
  return out;
}

async function main() {
  ensureFixturePackages();
  await bundlePages(() => {});
  const srv = await startServer();
  const debounce = readDebounce();
  const deb = debounce.length ? Math.min(...debounce.map((d) => d.ms)) : NaN;
  console.log(`PostGuard latency: ${RUNS} runs (+1 warm-up) per page, ${SNOWPLOW.length} keystrokes at ${DELAY} ms, headless Chromium`);
  console.log(debounce.length ? `debounce read from the content script: ${debounce.map((d) => `${d.file}: ${d.line}`).join('; ')}` : 'debounce: not found in extension/content/*.js (latency shown without subtracting it)');
  try {
    const without = await session(srv, false);
    const withExt = await session(srv, true);
    const rows = [];
    for (const name of PAGE_NAMES) {
      const a = without[name], b = withExt[name];
      const lat = b.map((r) => r.latency).filter(Number.isFinite);
      const per = (k) => (median(b.map((r) => r[k])) - median(a.map((r) => r[k]))) / SNOWPLOW.length;
      rows.push({
        page: `${name} (${PAGES.find((p) => p.name === name).host})`,
        'last keydown → attribute, ms (median)': f1(median(lat)),
        'min–max, ms': lat.length ? `${f1(Math.min(...lat))}–${f1(Math.max(...lat))}` : 'n/a',
        'last keyup → attribute, ms (median)': f1(median(b.map((r) => r.fromKeyup).filter(Number.isFinite))),
        'keyup → attribute minus debounce, ms': f1(median(b.map((r) => r.fromKeyup).filter(Number.isFinite)) - deb),
        'paste → attribute (no debounce), ms median (min–max)': (() => { const p = b.map((r) => r.paste).filter(Number.isFinite); return p.length ? `${f1(median(p))} (${f1(Math.min(...p))}–${f1(Math.max(...p))})` : 'n/a'; })(),
        'worker stopped, paste → attribute, ms median (min–max)': (() => { const p = b.map((r) => r.wake).filter(Number.isFinite); return p.length ? `${f1(median(p))} (${f1(Math.min(...p))}–${f1(Math.max(...p))})` : 'n/a'; })(),
        'main thread/keystroke added, ms (TaskDuration)': f1(per('task')),
        'of which script, ms': f1(per('script')),
        'style+layout, ms': f1(per('layout')),
        'long tasks without → with': `${median(a.map((r) => r.longtasks))} (${f1(median(a.map((r) => r.longtaskMs)))} ms) → ${median(b.map((r) => r.longtasks))} (${f1(median(b.map((r) => r.longtaskMs)))} ms)`,
        'measure without → with, ms': `${f1(median(a.map((r) => r.measure)))} → ${f1(median(b.map((r) => r.measure)))}`,
        'attribute writes/run': median(b.map((r) => r.attrWrites)),
        'content script\'s own counters (PostGuard.perf)': b[0].own ? `${median(b.map((r) => r.own.ms / Math.max(1, r.own.events))).toFixed(3)} ms/event (${f1(median(b.map((r) => r.own.ms)))} ms/run) over ${median(b.map((r) => r.own.events))} events, max ${f1(Math.max(...b.map((r) => r.own.max)))} ms; ${median(b.map((r) => r.own.checks))} checks, ${median(b.map((r) => r.own.draws))} draws (${f1(median(b.map((r) => r.own.drawMs)))} ms)/run` : 'not readable',
      });
      const bad = b.filter((r) => r.alreadyFinal).length;
      if (bad) console.log(`  note: ${name}: in ${bad} run(s) the attribute was already final before the last keystroke (excluded)`);
      console.log(`  raw ${name} without: task ms/run ${a.map((r) => f1(r.task)).join(', ')}`);
      console.log(`  raw ${name} with:    task ms/run ${b.map((r) => f1(r.task)).join(', ')}; latency ms ${b.map((r) => f1(r.latency)).join(', ')}`);
    }
    // A small vertical table (the columns are long).
    for (const r of rows) {
      console.log(`\n${r.page}`);
      for (const [k, v] of Object.entries(r)) if (k !== 'page') console.log(`  ${k.padEnd(48)} ${v}`);
    }
  } finally { await srv.close(); }
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
