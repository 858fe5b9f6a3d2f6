// Cold start and memory of one or more builds of the wasm engine in Node
// (issue "Engine v2", targets: import to the first findings of a
// personal-mode post under 20 ms; the wasm heap after 10,000 checks under
// 16 MB). A benchmark, not a test: it prints, it asserts nothing.
//
//   node tests/bench/cold-start.mjs [--runs=7] [PKG_DIR ...]     (default www/pkg)
//
// Each run is a fresh Node process (a service worker woken after a pause
// starts from nothing too): it reads the .wasm from disk, imports the
// bindings, instantiates, constructs a personal-mode Checker and checks the
// snowplow post; then a City-mode Checker's first check. The memory run
// checks 10,000 posts (the bench texts' kinds, both modes, the lengths people
// post) with one Checker per mode and reports the wasm memory's size, which
// never shrinks: the high-water mark.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const SNOWPLOW = 'As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov';

async function child(dir, what) {
  const t0 = performance.now();
  const wasm = readFileSync(resolve(dir, 'postguard_bg.wasm'));
  const mod = await import(pathToFileURL(resolve(dir, 'postguard.js')).href);
  const t1 = performance.now();
  const exports = await mod.default({ module_or_path: wasm });
  const t2 = performance.now();
  const personal = new mod.Checker({ mode: 'personal', role: 'staff' });
  const t3 = performance.now();
  const found = personal.check(SNOWPLOW);
  const t4 = performance.now();
  if (found.length === 0) throw new Error('the snowplow post gave no finding');
  const city = new mod.Checker({ mode: 'city' });
  const t5 = performance.now();
  city.check('Snow emergency declared: park on the odd side of the street tonight. Details at rochestermn.gov/snow');
  const t6 = performance.now();
  const out = { import: t1 - t0, init: t2 - t1, construct: t3 - t2, first_check: t4 - t3, to_findings: t4 - t0, city_first: t6 - t5 };
  if (what === 'memory') {
    const words = SNOWPLOW.split(' ');
    const posts = [];
    // 500 distinct posts of 40 to 2,000 characters: the snowplow words shuffled
    // with numbers, addresses and other words, so the lazy DFAs meet new states.
    let seed = 1;
    const rnd = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const extra = ['Saturday', 'permit', 'the council', 'my supervisor', 'SSN 123-45-6789', 'call 507-555-0147', 'card 4111 1111 1111 1111', 'j.smith@rochestermn.gov', 'library', 'water main', 'I work at', 'our crew', 'vote no', 'confidential', 'idiot'];
    for (let i = 0; i < 500; i++) {
      const len = 40 + rnd(1960);
      let s = '';
      while (s.length < len) s += (rnd(4) === 0 ? extra[rnd(extra.length)] : words[rnd(words.length)]) + (rnd(12) === 0 ? '. ' : ' ');
      posts.push(s);
    }
    const before = exports.memory.buffer.byteLength;
    for (let i = 0; i < 10000; i++) (i % 2 ? city : personal).check(posts[i % posts.length]);
    out.memory_before = before;
    out.memory_after = exports.memory.buffer.byteLength;
  }
  process.stdout.write(JSON.stringify(out));
}

if (process.env.POSTGUARD_COLD_CHILD) {
  const [dir, what] = process.env.POSTGUARD_COLD_CHILD.split('|');
  await child(dir, what);
} else {
  const args = process.argv.slice(2);
  const runs = Number((args.find((a) => a.startsWith('--runs=')) || '--runs=7').slice(7));
  const dirs = args.filter((a) => !a.startsWith('--'));
  if (dirs.length === 0) dirs.push('www/pkg');
  const self = fileURLToPath(import.meta.url);
  const spawn = (dir, what) => {
    const r = spawnSync(process.execPath, [self], { env: { ...process.env, POSTGUARD_COLD_CHILD: `${dir}|${what}` }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${dir}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`Node ${process.version}; ${runs} fresh processes per build, interleaved; median (min-max), ms`);
  const results = Object.fromEntries(dirs.map((d) => [d, []]));
  for (let i = 0; i < runs; i++) for (const d of dirs) results[d].push(spawn(d, 'time'));
  const keys = ['import', 'init', 'construct', 'first_check', 'to_findings', 'city_first'];
  console.log(`| build | ${keys.join(' | ')} |`);
  console.log(`|---|${keys.map(() => '---').join('|')}|`);
  for (const d of dirs) {
    const cells = keys.map((k) => {
      const xs = results[d].map((r) => r[k]);
      return `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)})`;
    });
    console.log(`| ${d} | ${cells.join(' | ')} |`);
  }
  for (const d of dirs) {
    const m = spawn(d, 'memory');
    console.log(`${d}: wasm memory ${(m.memory_before / 2 ** 20).toFixed(1)} MB after the first checks, ${(m.memory_after / 2 ** 20).toFixed(1)} MB after 10,000 more`);
  }
}
