// The content scripts are ES modules (extension/content/, bundled by build.sh
// from index.mjs): they import what they use, share no global namespace and
// need no load order. Checked on esbuild's own view of the import graph.
// Run: node --test extension/tools/
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = 'extension/content';

function graph() {
  const r = buildSync({
    entryPoints: [path.join(ROOT, DIR, 'index.mjs')], absWorkingDir: ROOT,
    bundle: true, format: 'iife', write: false, metafile: true, logLevel: 'silent',
  });
  return Object.fromEntries(Object.entries(r.metafile.inputs).map(([f, v]) => [f, v.imports.map((i) => i.path)]));
}

test('every content-script file is in the bundle, and the imports have no cycle', () => {
  const g = graph();
  const files = fs.readdirSync(path.join(ROOT, DIR)).filter((f) => /\.m?js$/.test(f)).map((f) => `${DIR}/${f}`);
  assert.deepEqual(files.filter((f) => !(f in g)), [], 'not imported by index.mjs');
  const cycles = [];
  const state = new Map(); // 1: on the path, 2: done
  const visit = (n, trail) => {
    if (state.get(n) === 1) { cycles.push([...trail, n].join(' -> ')); return; }
    if (state.get(n) === 2) return;
    state.set(n, 1);
    for (const d of g[n] ?? []) visit(d, [...trail, n]);
    state.set(n, 2);
  };
  for (const n of Object.keys(g)) visit(n, []);
  assert.deepEqual(cycles, []);
});

test('no content-script module reads or writes a global PostGuard namespace', () => {
  const bad = [];
  for (const f of fs.readdirSync(path.join(ROOT, DIR))) {
    if (f === 'index.mjs' || !/\.m?js$/.test(f)) continue; // index.mjs leaves the tests' read-only handle
    const src = fs.readFileSync(path.join(ROOT, DIR, f), 'utf8').replace(/\/\/.*$/gm, '');
    if (/globalThis\.PostGuard|\bPG\.|\bwindow\.PostGuard/.test(src)) bad.push(f);
  }
  assert.deepEqual(bad, []);
});
