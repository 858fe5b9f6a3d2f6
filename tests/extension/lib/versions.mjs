// The browsers the tests run on, for the output's header and every failure report: a failure on
// a newer Chromium or Firefox ESR than CI had (issue 11) should say so at once.
import { execFileSync } from 'node:child_process';

const cache = new Map();
function ask(bin) {
  if (!cache.has(bin)) {
    let v;
    try { v = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 20000, stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0]; } catch { v = `${bin}: not installed`; }
    cache.set(bin, v);
  }
  return cache.get(bin);
}

export const chromiumVersion = () => ask('/usr/bin/chromium');
export const firefoxVersion = () => ask('/usr/bin/firefox-esr');
export const browsersLine = () => `browsers: ${chromiumVersion()}; ${firefoxVersion()}`;
