// Wasm check time on long texts in Node 20 (BENCHMARKS.md "Long texts"):
//   node tests/bench/long-text.mjs PKG_DIR... (needs target/bench/texts.json from
//   `cargo run --release --example bench_native -- --texts target/bench/texts.json --quick`)
// For each build: a personal-mode Checker checks the 1,000,000-character
// ordinary and dense texts three times each, then the snowplow post 200 times;
// prints the median of each. A benchmark, not a test.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const texts = JSON.parse(readFileSync('target/bench/texts.json', 'utf8'));
const get = (kind, size) => texts.find((t) => t.kind === kind && t.size === size).text;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const dir of process.argv.slice(2)) {
  const mod = await import(pathToFileURL(resolve(dir, 'postguard.js')).href + `?${dir}`);
  await mod.default({ module_or_path: readFileSync(resolve(dir, 'postguard_bg.wasm')) });
  const c = new mod.Checker({ mode: 'personal', role: 'staff' });
  const row = [dir];
  for (const kind of ['ordinary', 'dense']) {
    const t = get(kind, 1000000);
    const ms = [];
    for (let i = 0; i < 3; i++) { const a = performance.now(); c.check(t); ms.push(performance.now() - a); }
    row.push(`${kind} 1,000,000: ${median(ms).toFixed(1)} ms`);
  }
  const s = get('snowplow', 113);
  const us = [];
  for (let i = 0; i < 200; i++) { const a = performance.now(); c.check(s); us.push((performance.now() - a) * 1000); }
  row.push(`snowplow after them: ${median(us).toFixed(1)} µs`);
  console.log(row.join(' | '));
}
