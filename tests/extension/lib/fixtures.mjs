// Installs the fixture packages (if needed) and bundles the test pages with esbuild.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PAGES } from '../fixtures/pages.mjs';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const FIXTURES = path.join(ROOT, 'tests/extension/fixtures');
export const OUT = path.join(ROOT, 'target/ext-fixtures');

export function ensureFixturePackages(log = console.log) {
  const nm = path.join(FIXTURES, 'node_modules');
  const stamp = path.join(nm, '.package-lock.json');
  const lock = path.join(FIXTURES, 'package-lock.json');
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  log('installing the editor packages for the test pages (npm ci --prefix tests/extension/fixtures)');
  execFileSync('npm', ['ci', '--prefix', FIXTURES, '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: 'inherit', cwd: ROOT });
}

export async function bundlePages(log = console.log) {
  const esbuild = await import(path.join(ROOT, 'node_modules/esbuild/lib/main.js'));
  fs.mkdirSync(OUT, { recursive: true });
  const entryPoints = Object.fromEntries(PAGES.map((p) => [p.name, path.join(FIXTURES, 'src', p.entry)]));
  const t0 = Date.now();
  await esbuild.build({
    entryPoints, outdir: OUT, bundle: true, format: 'iife', target: 'chrome120', minify: true,
    jsx: 'automatic', define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    logLevel: 'warning', legalComments: 'none', nodePaths: [path.join(FIXTURES, 'node_modules')],
    absWorkingDir: FIXTURES,
  });
  log(`bundled ${PAGES.length} test pages with esbuild in ${Date.now() - t0} ms -> ${path.relative(ROOT, OUT)}/`);
}
