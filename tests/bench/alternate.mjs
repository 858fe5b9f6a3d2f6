// Warm checks in one Checker, alternating the snowplow post and a neutral one (as a person
// pasting, editing and re-pasting does), in Node 20: the first check, checks 2-8 (V8 still
// runs new code in its baseline tier), and the median of the last 150 of 300 each.
// A benchmark, not a test: it prints, it asserts nothing.
//
//   node tests/bench/alternate.mjs [PKG_DIR]     (default www/pkg)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const dir = resolve(process.argv[2] || 'www/pkg');
const wasm = readFileSync(resolve(dir, 'postguard_bg.wasm'));
const mod = await import(pathToFileURL(resolve(dir, 'postguard.js')).href);
await mod.default({ module_or_path: wasm });
const c = new mod.Checker({ mode: 'personal', role: 'staff' });
const S = 'As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov';
const N = 'Beautiful sunrise over Silver Lake this morning.';
const ts = { S: [], N: [] };
for (let i = 0; i < 300; i++) for (const [k, t] of [['S', S], ['N', N]]) { const t0 = performance.now(); c.check(t); ts[k].push(performance.now() - t0); }
const med = (a) => { const b = a.slice(-150).sort((x, y) => x - y); return b[75].toFixed(3); };
console.log(`S first ${ts.S[0].toFixed(1)}, then ${ts.S.slice(1, 8).map((x) => x.toFixed(1)).join(' ')}; median of last 150: S ${med(ts.S)} ms, N ${med(ts.N)} ms`);
