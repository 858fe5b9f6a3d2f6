// Teardown that cannot hang a suite. A browser's close() waits for the browser to answer, and
// a net.Server's close() waits for every open connection to end; either can wait forever (seen
// once in CI: all of Firefox's checks had passed, then the run sat in its teardown until the
// 90-minute limit). Each close here is bounded, and what did not close in time is killed and
// named on stderr, so the suite ends with its own summary.
import { spawnSync } from 'node:child_process';

const timer = (ms) => {
  let t;
  const p = new Promise((r) => { t = setTimeout(() => r('timeout'), ms); });
  return { p, cancel: () => clearTimeout(t) };
};

// Waits for `promise` for at most `ms`; resolves 'done', 'failed' or 'timeout'.
export async function within(ms, promise) {
  const t = timer(ms);
  try {
    return await Promise.race([Promise.resolve(promise).then(() => 'done', () => 'failed'), t.p]);
  } finally { t.cancel(); }
}

// puppeteer-core's Browser (Firefox over WebDriver BiDi, or Chromium): close(), else SIGKILL.
export async function closePuppeteer(browser, what, ms = 20000) {
  if (!browser) return;
  const r = await within(ms, browser.close());
  if (r === 'timeout') {
    const proc = typeof browser.process === 'function' ? browser.process() : null;
    console.error(`  note: ${what} did not close within ${ms / 1000} s; killed (pid ${proc?.pid ?? '?'})`);
    try { proc?.kill('SIGKILL'); } catch { /* already gone */ }
  }
}

// A Playwright browser or persistent context: close(), else SIGKILL every process whose command
// line names `marker` (the context's own --user-data-dir, so no other browser is touched).
export async function closePlaywright(closable, what, marker, ms = 20000) {
  if (!closable) return;
  const r = await within(ms, closable.close());
  if (r === 'timeout') {
    console.error(`  note: ${what} did not close within ${ms / 1000} s; killed`);
    if (marker) spawnSync('pkill', ['-KILL', '-f', marker]);
  }
}

// A net/http server that forgets its open sockets when closed: close() resolves once the
// listener is closed, whatever the connections were doing.
export function trackSockets(server) {
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  return () => new Promise((resolve) => {
    server.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
}
