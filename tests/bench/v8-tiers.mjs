// One cold start of a wasm build in this Node process, to compare V8's
// compilers (BENCHMARKS.md, ninth session): run it with and without
// `--liftoff-only` or `--no-liftoff` to see how much of the first check is
// V8 compiling functions on their first call. A benchmark, not a test.
//
//   node [--liftoff-only|--no-liftoff] tests/bench/v8-tiers.mjs [PKG_DIR]   (default www/pkg)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const dir = resolve(process.argv[2] || 'www/pkg');
const SNOWPLOW = 'As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov';
const t0 = performance.now();
const wasm = readFileSync(resolve(dir, 'postguard_bg.wasm'));
const mod = await import(pathToFileURL(resolve(dir, 'postguard.js')).href);
const t1 = performance.now();
await mod.default({ module_or_path: wasm });
const t2 = performance.now();
const personal = new mod.Checker({ mode: 'personal', role: 'staff' });
const t3 = performance.now();
if (personal.check(SNOWPLOW).length === 0) throw new Error('the snowplow post gave no finding');
const t4 = performance.now();
personal.check(`${SNOWPLOW} again`);
const t5 = performance.now();
const ms = (x) => Number(x.toFixed(1));
console.log(JSON.stringify({ flags: process.execArgv.join(' '), import: ms(t1 - t0), init: ms(t2 - t1), construct: ms(t3 - t2), first_check: ms(t4 - t3), to_findings: ms(t4 - t0), second_check: Number((t5 - t4).toFixed(2)) }));
