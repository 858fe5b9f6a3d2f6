// Check time per mode of one or more builds of the wasm engine in Node, on the
// bench texts (target/bench/texts.json, written by
// `cargo run --release --example bench_native -- --texts target/bench/texts.json`):
// p50 of single checks, personal and City mode, 280 and 5,000 characters.
// Used to show that a City-mode feature leaves personal mode as it was
// (BENCHMARKS.md "Accuracy"):
//
//   node tests/bench/modes.mjs www/pkg OTHER_PKG_DIR ...
//
// Each directory holds postguard.js and postguard_bg.wasm (or a wasm file
// named by PKG_DIR:FILE). The builds are measured in turn, three rounds.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const texts = JSON.parse(readFileSync('target/bench/texts.json', 'utf8')).filter((t) => [280, 5000].includes(t.size));
const builds = [];
for (const arg of process.argv.slice(2)) {
  const [dir, file = 'postguard_bg.wasm'] = arg.split(':');
  const mod = await import(`${pathToFileURL(resolve(dir, 'postguard.js')).href}?${builds.length}`);
  await mod.default({ module_or_path: readFileSync(resolve(dir, file)) });
  builds.push({ name: arg, personal: new mod.Checker({ mode: 'personal' }), city: new mod.Checker({ mode: 'city' }) });
}
const p50 = (checker, text) => {
  const n = text.length > 1000 ? 200 : 2000;
  for (let i = 0; i < 20; i++) checker.check(text);
  const t = [];
  for (let i = 0; i < n; i++) { const s = performance.now(); checker.check(text); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  return t[n >> 1] * 1000;
};
const rows = {};
for (let round = 0; round < 3; round++) {
  for (const b of builds) {
    for (const mode of ['personal', 'city']) {
      for (const t of texts) {
        const key = `${b.name} | ${mode} | ${t.kind} | ${t.size}`;
        (rows[key] ??= []).push(p50(b[mode], t.text).toFixed(1));
      }
    }
  }
}
console.log(`Node ${process.version}; p50 of single checks, µs, three rounds`);
for (const [k, v] of Object.entries(rows)) console.log(`| ${k} | ${v.join(' / ')} |`);
