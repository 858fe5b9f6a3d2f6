#!/usr/bin/env node
// PostGuard in-browser benchmark (a benchmark, not a test: nothing fails on a timing).
//
//   node tests/bench/run.mjs [--quick] [--cold-runs=5] [--no-native] [--pkg=target/bench/pkg-X] [--sizes=280,5000] [--no-js]
//
// Needs the wasm package (./build.sh build → target/pkg/). Steps:
//  1. native: `cargo run --release --example export_patterns` → target/bench/patterns.json (the
//     JavaScript rival's RegExps), `cargo run --release --example bench_native` → the bench texts
//     (target/bench/texts.json) and the native timings, same texts, same method;
//  2. serves the repository with scripts/serve.mjs and opens tests/bench/index.html in headless
//     Chromium: cold start (fresh browser context each time, median of --cold-runs), then the full
//     page (wasm and JavaScript latency on every text, memory after 10,000 checks);
//  3. prints the tables and the ratios wasm/JS and wasm/native, and writes target/bench/results.json.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const flag = (k) => argv.includes(`--${k}`);
const arg = (k, d) => { const a = argv.find((x) => x.startsWith(`--${k}=`)); return a ? a.split('=')[1] : d; };
const QUICK = flag('quick');
const COLD_RUNS = Number(arg('cold-runs', 5));
const OUT = path.join(ROOT, 'target/bench');
// --pkg=DIR (inside the repository): another wasm build to measure, e.g. target/bench/pkg-o3.
const PKG = path.join(ROOT, arg('pkg', 'target/pkg'));
const PAGE_ARGS = [
  `pkg=/${path.relative(ROOT, PKG)}/`,
  ...(QUICK ? ['quick=1'] : []),
  ...(arg('sizes') ? [`sizes=${arg('sizes')}`] : []), // --sizes=280,5000: only these texts
  ...(flag('no-js') ? ['js=0'] : []), // --no-js: wasm only
].join('&');

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const ms = (x, d = 3) => (x == null || !Number.isFinite(x) ? 'n/a' : x < 0.01 ? `${(x * 1000).toFixed(2)} µs` : x < 1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(d === 3 ? 2 : d)} ms`);
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

function table(rows, cols) {
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals) => vals.map((v, i) => String(v).padStart(w[i])).join('  ');
  console.log(line(cols));
  console.log(line(w.map((n) => '-'.repeat(n))));
  for (const r of rows) console.log(line(cols.map((c) => r[c])));
}

async function main() {
  if (!fs.existsSync(path.join(PKG, 'postguard_bg.wasm'))) throw new Error(`${path.relative(ROOT, PKG)}/postguard_bg.wasm is missing: run ./build.sh build first`);
  fs.mkdirSync(OUT, { recursive: true });
  const cargo = (args) => execFileSync('cargo', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] });
  console.log('==> native: exporting patterns and bench texts, timing the native engine');
  const reuse = flag('no-native') && fs.existsSync(path.join(OUT, 'texts.json')) && fs.existsSync(path.join(OUT, 'patterns.json'));
  if (!reuse) fs.writeFileSync(path.join(OUT, 'patterns.json'), cargo(['run', '--quiet', '--release', '--example', 'export_patterns']));
  const native = reuse ? { rows: [] } : JSON.parse(cargo(['run', '--quiet', '--release', '--example', 'bench_native', '--', '--texts', path.join(OUT, 'texts.json'), ...(QUICK ? ['--quick'] : [])]));

  const wasmBytes = fs.readFileSync(path.join(PKG, 'postguard_bg.wasm'));
  const gz = zlib.gzipSync(wasmBytes, { level: 9 }).length;

  const server = await serve(ROOT, 0, '127.0.0.1');
  const port = server.address().port;
  const { chromium } = await import(path.join(ROOT, 'node_modules/playwright-core/index.mjs'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const url = (phase) => `http://127.0.0.1:${port}/tests/bench/index.html?phase=${phase}&${PAGE_ARGS}`;
  const runPage = async (phase, timeout) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e}`));
    await page.goto(url(phase));
    await page.waitForFunction(() => window.__done === true, null, { timeout, polling: 250 });
    const r = await page.evaluate(() => ({ bench: window.__bench, error: window.__error }));
    await context.close();
    if (r.error) throw new Error(r.error);
    return r.bench;
  };
  let results;
  try {
    console.log(`==> Chromium ${browser.version()}: cold start × ${COLD_RUNS}`);
    const colds = [];
    for (let i = 0; i < COLD_RUNS; i++) colds.push((await runPage('cold', 60_000)).cold);
    console.log('==> Chromium: latency, wasm and JavaScript side by side, then memory');
    const full = await runPage('full', 20 * 60_000);
    results = { date: new Date().toISOString(), chromium: browser.version(), wasm_bytes: wasmBytes.length, wasm_gzip_bytes: gz, colds, full, native };
  } finally {
    await browser.close();
    server.close();
  }
  fs.writeFileSync(path.join(OUT, arg('pkg') ? `results-${path.basename(PKG)}.json` : 'results.json'), JSON.stringify(results, null, 1));
  report(results);
}

function report(R) {
  const nat = new Map(R.native.rows.map((r) => [`${r.mode}/${r.kind}/${r.size}`, r]));
  const c = (k) => median(R.colds.map((x) => x[k]));
  console.log(`\nwasm size: ${R.wasm_bytes} bytes, ${R.wasm_gzip_bytes} gzipped (${(R.wasm_gzip_bytes / 1024).toFixed(0)} KB); target < 300 KB`);
  console.log(`\nCold start (Chromium ${R.chromium}, median of ${R.colds.length} fresh contexts):`);
  table([{
    'import js': ms(c('import_ms')), 'fetch+instantiate': ms(c('fetch_instantiate_ms')), 'new Checker': ms(c('new_checker_ms')),
    'cold start total': ms(c('total_ms')), 'first check': ms(c('first_check_ms')), 'second check': ms(c('second_check_ms')),
    native_compile: ms(R.native.compile_ms), 'JS rival build': ms(R.full.rival_build_ms), 'JS first check': ms(R.full.rival_first_check_ms),
  }], ['import js', 'fetch+instantiate', 'new Checker', 'cold start total', 'first check', 'second check', 'native_compile', 'JS rival build', 'JS first check']);

  const rows = R.full.rows.map((r) => {
    const n = nat.get(`${r.mode}/${r.kind}/${r.size}`);
    return {
      mode: r.mode, text: r.kind, chars: r.size,
      'native p50': ms(n?.p50_ms), 'wasm p50': ms(r.wasm.p50_ms), 'wasm p95': ms(r.wasm.p95_ms), 'wasm p99': ms(r.wasm.p99_ms), 'wasm MB/s': r.wasm.mb_s.toFixed(1),
      'JS p50': ms(r.js.p50_ms), 'JS p95': ms(r.js.p95_ms), 'JS MB/s': r.js.mb_s.toFixed(1),
      'wasm/JS': ratio(r.wasm.p50_ms, r.js.p50_ms), 'wasm/native': ratio(r.wasm.p50_ms, n?.p50_ms), agree: r.agree ? 'yes' : 'no',
    };
  });
  console.log('\ncheck() latency on the same texts: native (Rust, this machine), wasm (Chromium), JavaScript rival (Chromium)');
  table(rows, ['mode', 'text', 'chars', 'native p50', 'wasm p50', 'wasm p95', 'wasm p99', 'wasm MB/s', 'JS p50', 'JS p95', 'JS MB/s', 'wasm/JS', 'wasm/native', 'agree']);
  console.log('(wasm/JS < 1: wasm faster; agree: same finding categories from wasm and the rival, which lacks the context guards and the name detector)');

  const m = R.full.memory;
  console.log(`\nwasm memory: ${(m.before_bytes / 1048576).toFixed(1)} MiB before, ${(m.after_10000_bytes / 1048576).toFixed(1)} MiB after 10,000 checks (${m.loop_ms.toFixed(0)} ms); JS heap ${m.js_heap_bytes ? (m.js_heap_bytes / 1048576).toFixed(1) + ' MiB' : 'n/a'}`);

  const pick = (kind, size, mode = 'personal') => R.full.rows.find((r) => r.kind === kind && r.size === size && r.mode === mode);
  const worst = (size, f) => Math.max(...R.full.rows.filter((r) => r.size === size).map(f));
  const w280 = worst(280, (r) => r.wasm.p50_ms), w5k = worst(5000, (r) => r.wasm.p50_ms), w1m = worst(1_000_000, (r) => r.wasm.p50_ms);
  const js5k = Math.min(...R.full.rows.filter((r) => r.size === 5000).map((r) => r.js.p50_ms / r.wasm.p50_ms));
  const nat5k = Math.max(...R.full.rows.filter((r) => r.size === 5000).map((r) => r.wasm.p50_ms / (nat.get(`${r.mode}/${r.kind}/${r.size}`)?.p50_ms ?? NaN)));
  const status = (ok) => (ok ? 'met' : 'MISSED');
  console.log('\nTargets (worst case over text kinds and modes):');
  table([
    { target: 'check p50 @ 280 chars < 50 µs', measured: ms(w280), status: status(w280 < 0.05) },
    { target: 'check p50 @ 5,000 chars < 0.5 ms', measured: ms(w5k), status: status(w5k < 0.5) },
    { target: 'check @ 1,000,000 chars < 100 ms', measured: ms(w1m), status: status(w1m < 100) },
    { target: 'cold start < 20 ms', measured: ms(c('total_ms')), status: status(c('total_ms') < 20) },
    { target: 'gzipped wasm < 300 KB', measured: `${(R.wasm_gzip_bytes / 1024).toFixed(0)} KB`, status: status(R.wasm_gzip_bytes < 300 * 1024) },
    { target: 'wasm >= 2x faster than JS @ 5,000', measured: `${js5k.toFixed(2)}× (JS/wasm, min)`, status: status(js5k >= 2) },
    { target: 'wasm within 2x of native @ 5,000', measured: `${nat5k.toFixed(2)}× (wasm/native, max)`, status: status(nat5k <= 2) },
  ], ['target', 'measured', 'status']);
  void pick;
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
