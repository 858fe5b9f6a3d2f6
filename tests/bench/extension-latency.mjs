#!/usr/bin/env node
// Extension latency, for ./build.sh bench: keystroke → data-postguard-findings time (minus the
// content script's debounce) and the main-thread time the content script adds per keystroke, on
// the Lexical (facebook.com) and Draft.js (x.com) test pages, with and without the extension.
//
//   node tests/bench/extension-latency.mjs [--runs=5] [--pages=lexical,draft] [--delay=40]
//
// The measurement itself is tests/extension/latency.mjs (the extension team's harness: HTTPS
// host-mapped test server, real editor bundles, MutationObserver on the attribute, CDP
// Performance.getMetrics, long tasks, performance.measure); this script runs it with the
// extension built by ./build.sh build (extension/pkg) and never fails the bench on a timing.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const harness = path.join(ROOT, 'tests/extension/latency.mjs');
if (!fs.existsSync(path.join(ROOT, 'extension/pkg/postguard_bg.wasm'))) {
  console.log('extension latency: skipped (extension/pkg is missing: run ./build.sh build)');
  process.exit(0);
}
if (!fs.existsSync(harness)) {
  console.log('extension latency: skipped (tests/extension/latency.mjs is missing)');
  process.exit(0);
}
const args = process.argv.slice(2);
if (!args.some((a) => a.startsWith('--runs='))) args.push('--runs=3');
const r = spawnSync(process.execPath, [harness, ...args], { cwd: ROOT, stdio: 'inherit', timeout: 15 * 60_000 });
if (r.status !== 0) console.log(`extension latency: the harness exited with ${r.status ?? r.signal} (reported, not failed: benchmarks are not tests)`);
