// The in-browser benchmark: PostGuard's wasm engine and its JavaScript rival
// (rival.js) on the same texts, in the same page. Driven by run.mjs; results
// land in window.__bench (window.__done = true when finished).
//
// Query parameters: pkg (the wasm-bindgen package, default /target/pkg/),
// data (texts.json and patterns.json, default /target/bench/), phase
// ("cold": cold start only; "full": everything), quick=1 (fewer iterations).
//
// Timing: performance.now() is coarsened to 0.1 ms in a page that is not
// cross-origin isolated, so calls shorter than that are timed in batches
// (each sample = the mean of a batch lasting >= 1 ms); p95/p99 of small
// texts are therefore batch means and understate single-call tails.

import { Rival } from './rival.js';

const q = new URLSearchParams(location.search);
const PKG = q.get('pkg') || '/target/pkg/';
const DATA = q.get('data') || '/target/bench/';
const PHASE = q.get('phase') || 'full';
const QUICK = q.get('quick') === '1';
const SIZES = q.get('sizes') ? q.get('sizes').split(',').map(Number) : null; // only these text sizes
const JS = q.get('js') !== '0'; // js=0: wasm only (for comparing wasm builds)
const SNOWPLOW = 'As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov';

const out = document.getElementById('out');
const log = (s) => { out.textContent += `${s}\n`; };
out.textContent = '';

/** Same iteration budget as examples/bench_native.rs. */
const iterations = (n) => Math.min(2000, Math.max(5, Math.floor((QUICK ? 1_500_000 : 6_000_000) / Math.max(1, n))));
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))];

function measure(fn, size, budgetMs) {
  for (let i = 0; i < 3; i++) fn();
  let t = performance.now();
  fn(); fn(); fn();
  const single = Math.max((performance.now() - t) / 3, 0.0005);
  const batch = Math.max(1, Math.ceil(1 / single));
  let samples = Math.max(5, Math.ceil(iterations(size) / batch));
  samples = Math.max(3, Math.min(samples, Math.floor(budgetMs / (single * batch))));
  const times = [];
  for (let s = 0; s < samples; s++) {
    t = performance.now();
    for (let k = 0; k < batch; k++) fn();
    times.push((performance.now() - t) / batch);
  }
  times.sort((a, b) => a - b);
  return { p50_ms: pct(times, 0.5), p95_ms: pct(times, 0.95), p99_ms: pct(times, 0.99), samples, batch, mb_s: size / 1e6 / (pct(times, 0.5) / 1e3) };
}

async function coldStart() {
  const t0 = performance.now();
  const mod = await import(`${PKG}postguard.js`);
  const t1 = performance.now();
  const wasm = await mod.default({ module_or_path: `${PKG}postguard_bg.wasm` });
  const t2 = performance.now();
  const checker = new mod.Checker({ mode: 'personal', role: 'staff' });
  const t3 = performance.now();
  const first = checker.check(SNOWPLOW);
  const t4 = performance.now();
  checker.check(SNOWPLOW);
  const t5 = performance.now();
  return {
    mod, wasm, checker,
    cold: {
      import_ms: t1 - t0, fetch_instantiate_ms: t2 - t1, new_checker_ms: t3 - t2, total_ms: t3 - t0,
      first_check_ms: t4 - t3, second_check_ms: t5 - t4, snowplow: first.map((f) => f.category).join(' '),
    },
  };
}

async function main() {
  const { wasm, checker, cold } = await coldStart();
  const result = { cold, userAgent: navigator.userAgent };
  log(`cold start: ${cold.total_ms.toFixed(1)} ms (import ${cold.import_ms.toFixed(1)}, fetch+instantiate ${cold.fetch_instantiate_ms.toFixed(1)}, new Checker ${cold.new_checker_ms.toFixed(1)}); first check ${cold.first_check_ms.toFixed(2)} ms`);
  if (PHASE === 'cold') return result;

  const [texts, spec] = await Promise.all([fetch(`${DATA}texts.json`).then((r) => r.json()), fetch(`${DATA}patterns.json`).then((r) => r.json())]);
  let t = performance.now();
  const rival = new Rival(spec);
  result.rival_build_ms = performance.now() - t;
  result.rival_first_check_ms = (() => { const t0 = performance.now(); rival.check(SNOWPLOW); return performance.now() - t0; })();

  const rows = [];
  for (const mode of ['personal', 'city']) {
    const ctx = { mode, role: 'staff' };
    for (const { kind, size, text } of texts) {
      if (SIZES && !SIZES.includes(size)) continue;
      const budget = (QUICK ? 400 : 1500) * (size >= 1_000_000 ? 4 : 1);
      const w = measure(() => checker.check(text, ctx), size, budget);
      const nan = { p50_ms: NaN, p95_ms: NaN, p99_ms: NaN, mb_s: NaN };
      const j = JS ? measure(() => rival.check(text, ctx), size, budget) : nan;
      const wc = [...new Set(checker.check(text, ctx).map((f) => f.category))].sort().join(' ');
      const jc = JS ? [...new Set(rival.check(text, ctx).map((f) => f.category))].sort().join(' ') : wc;
      rows.push({ kind, size, mode, wasm: w, js: j, wasm_categories: wc, js_categories: jc, agree: wc === jc });
      log(`${mode} ${kind} ${size}: wasm p50 ${w.p50_ms.toFixed(4)} ms, JS p50 ${j.p50_ms.toFixed(4)} ms`);
    }
  }
  result.rows = rows;

  // Memory after 10,000 checks of post-sized texts (<= 5,000 chars), both modes.
  const posts = texts.filter((x) => x.size <= 5000).map((x) => x.text);
  const mem0 = wasm.memory.buffer.byteLength;
  t = performance.now();
  for (let i = 0; i < 10_000; i++) checker.check(posts[i % posts.length], { mode: i % 2 ? 'city' : 'personal' });
  result.memory = { before_bytes: mem0, after_10000_bytes: wasm.memory.buffer.byteLength, loop_ms: performance.now() - t, js_heap_bytes: performance.memory ? performance.memory.usedJSHeapSize : null };
  log(`wasm memory: ${(mem0 / 1048576).toFixed(1)} MiB → ${(result.memory.after_10000_bytes / 1048576).toFixed(1)} MiB after 10,000 checks`);
  return result;
}

main().then((r) => { window.__bench = r; window.__done = true; log('done'); })
  .catch((e) => { window.__error = String(e && e.stack || e); window.__done = true; log(`error: ${window.__error}`); });
