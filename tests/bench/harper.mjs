// The Harper evaluation (tools/harper-eval, harper-core) in Node: size, cold start, check times.
//
//   node tests/bench/harper.mjs [PKG_DIR]     (default target/harper-eval-pkg, made by ./build.sh harper-eval)
//
// Cold start = read + compile + instantiate the wasm, build Harper's
// dictionary and linters (new Accuracy()), and the first check. Then the p50
// of 50 checks of a 280-character and a 5,000-character City post.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2] || "target/harper-eval-pkg");
const wasmPath = `${dir}/accuracy_bg.wasm`;
const post = 'Snow emergency declared for tonight. Rochester Public Works crews will plow emergency routes first, starting at 10 p.m. ' +
  'Move vehicles off the marked routes so the plows can get through; cars left on them may be ticketed and towed. Updates all night on our page.';
const p280 = post.slice(0, 280);
let p5000 = '';
while (p5000.length < 5000) p5000 += post + ' ';
p5000 = p5000.slice(0, 5000);

const t0 = performance.now();
const bytes = readFileSync(wasmPath);
const mod = await import(pathToFileURL(`${dir}/accuracy.js`).href);
mod.initSync({ module: bytes });
const t1 = performance.now();
const acc = new mod.Accuracy();
const t2 = performance.now();
acc.check(p280);
const t3 = performance.now();

function p50(text, n = 50) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    acc.check(text);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(n / 2)];
}
const r280 = p50(p280), r5000 = p50(p5000, 20);
const f = acc.check('The libary is closed on Monday.');
console.log(JSON.stringify({
  node: process.version,
  wasm_bytes: bytes.length,
  wasm_gzip9_bytes: gzipSync(bytes, { level: 9 }).length,
  cold_start_ms: +(t3 - t0).toFixed(1),
  instantiate_ms: +(t1 - t0).toFixed(1),
  new_accuracy_ms: +(t2 - t1).toFixed(1),
  first_check_ms: +(t3 - t2).toFixed(1),
  check_280_p50_ms: +r280.toFixed(2),
  check_5000_p50_ms: +r5000.toFixed(2),
  sample_finding: f[0] && { rule: f[0].rule, excerpt: f[0].excerpt, start: f[0].start, end: f[0].end, fix: f[0].fixes[0]?.edits[0].replacement },
}, null, 1));
