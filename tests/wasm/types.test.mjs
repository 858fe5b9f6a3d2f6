// The TypeScript declarations are precise: correct uses compile and misuses
// (bad mode, role, policy field, argument types) are rejected by tsc --strict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsc = path.join(here, '../../node_modules/typescript/bin/tsc');
const flags = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'bundler', '--lib', 'esnext,dom', '--skipLibCheck'];

function compile(file) {
  try {
    execFileSync(process.execPath, [tsc, ...flags, path.join(here, 'types', file)], { encoding: 'utf8' });
    return '';
  } catch (e) {
    return e.stdout || String(e);
  }
}

test('correct uses of the API type-check', () => {
  assert.equal(compile('use.ts'), '');
});

test('every misuse is a type error', () => {
  const out = compile('misuse.ts');
  const lines = new Set(out.split('\n').filter((l) => l.includes('misuse.ts(')).map((l) => l.match(/misuse\.ts\((\d+),/)[1]));
  assert.deepEqual([...lines].sort((a, b) => a - b), ['4', '5', '6', '7', '8', '9', '10', '11'], out);
});
