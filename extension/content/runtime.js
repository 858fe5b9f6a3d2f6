// The content script's link to the extension, and the little state every part
// of it shares (this module is the only holder of it; no global namespace):
// - api: browser.* / chrome.* of the isolated world;
// - isAlive(): false once send() found the extension reloaded or removed
//   (then the handler given to onGone() leaves the page as it was);
// - perf: per-keystroke cost on the page's main thread (ms), for measurement
//   (read by the tests through the handle index.mjs leaves in the isolated world);
// - send(): a message to the background; timed(): counts a handler's cost.
//
// Privacy: page text goes only to the extension's own background (messages),
// is held in memory while the field is watched, and is never stored or logged.

import { sleep } from '../../web/fix/steps.mjs';

export const api = globalThis.browser ?? globalThis.chrome;

export const perf = { events: 0, totalMs: 0, maxMs: 0, checks: 0, draws: 0, drawMs: 0, drawMaxMs: 0, retries: 0 };

let alive = true;
let goneHandler = null;

export function isAlive() { return alive; }

// What to do once the extension is gone (main.js: remove the attribute and the overlay).
export function onGone(fn) { goneHandler = fn; }

// Sends a message to the background; resolves to null if the extension is gone.
// The browser stops an idle service worker (and may stop it while a check is
// in flight: "message channel closed before a response"); a message wakes it
// again, so a lost answer is asked for again, twice at most (every message
// is idempotent).
export async function send(msg) {
  for (let attempt = 0; ; attempt++) {
    if (!alive) return null;
    try {
      const res = await api.runtime.sendMessage(msg);
      if (res === undefined && attempt < 2) { perf.retries++; await sleep(150 * (attempt + 1)); continue; } // no answer: the worker went away
      return res ?? null;
    } catch (e) {
      const m = String(e?.message ?? e);
      if (!api.runtime?.id) { // the extension was reloaded or removed: stop quietly
        alive = false;
        try { goneHandler?.(); } catch { /* page gone */ }
        return null;
      }
      if (attempt < 2 && /message (port|channel) closed|Receiving end|Could not establish connection/i.test(m)) {
        perf.retries++;
        await sleep(150 * (attempt + 1));
        continue;
      }
      return null;
    }
  }
}

// Wraps fn so its time is counted in perf ('draw', or an event handler).
export function timed(bucket, fn) {
  return function (...args) {
    const t0 = performance.now();
    try { return fn.apply(this, args); } finally {
      const ms = performance.now() - t0;
      const p = perf;
      if (bucket === 'draw') { p.draws++; p.drawMs += ms; p.drawMaxMs = Math.max(p.drawMaxMs, ms); } else {
        p.events++; p.totalMs += ms; p.maxMs = Math.max(p.maxMs, ms);
      }
    }
  };
}
