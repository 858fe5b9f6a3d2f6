// PostGuard content scripts share this one namespace object. Content scripts
// cannot be ES modules: index.mjs imports these files in order and build.sh
// bundles them with esbuild into extension/content.js (unminified, with a
// source map), the one file the manifest lists. What the demo page uses too
// (text extraction, span tracking, fix appliers, labels, el()) is imported
// from the shared web package, web/.
//
// Files: ns.js (this: shared helpers), text.js (text of a field and the map
// back to DOM positions: web/text.mjs), mirror.js (character boxes in textarea/input),
// fields.js (which element is an editable field; sign-up e-mail fields),
// overlay.js (underlines, badge and card in a shadow root outside the page's
// DOM), fix.js (writing a fix through the editor's own input handling),
// main.js (wiring: events, debounced checks, the data-postguard-findings
// attribute).
//
import { el } from '../../web/dom.mjs';

// Privacy: page text goes only to the extension's own background (messages),
// is held in memory while the field is watched, and is never stored or logged.
(() => {
  'use strict';
  if (globalThis.PostGuard?.loaded) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const PG = (globalThis.PostGuard = {
    loaded: false,      // set by main.js once wired (guards double injection)
    api,
    ATTR: 'data-postguard-findings',
    // Per-keystroke cost on the page's main thread (ms), for measurement.
    perf: { events: 0, totalMs: 0, maxMs: 0, checks: 0, draws: 0, drawMs: 0, drawMaxMs: 0, retries: 0 },
    alive: true,        // false once the extension was reloaded or removed
  });

  // Sends a message to the background; resolves to null if the extension is gone.
  // The browser stops an idle service worker (and may stop it while a check is
  // in flight: "message channel closed before a response"); a message wakes it
  // again, so a lost answer is asked for again, twice at most (every message
  // is idempotent).
  PG.send = async function send(msg) {
    for (let attempt = 0; ; attempt++) {
      if (!PG.alive) return null;
      try {
        const res = await api.runtime.sendMessage(msg);
        if (res === undefined && attempt < 2) { PG.perf.retries++; await PG.sleep(150 * (attempt + 1)); continue; } // no answer: the worker went away
        return res ?? null;
      } catch (e) {
        const m = String(e?.message ?? e);
        if (!api.runtime?.id) { // the extension was reloaded or removed: stop quietly
          PG.alive = false;
          try { PG.teardown?.(); } catch { /* page gone */ }
          return null;
        }
        if (attempt < 2 && /message (port|channel) closed|Receiving end|Could not establish connection/i.test(m)) {
          PG.perf.retries++;
          await PG.sleep(150 * (attempt + 1));
          continue;
        }
        return null;
      }
    }
  };

  PG.timed = function timed(bucket, fn) {
    return function (...args) {
      const t0 = performance.now();
      try { return fn.apply(this, args); } finally {
        const ms = performance.now() - t0;
        const p = PG.perf;
        if (bucket === 'draw') { p.draws++; p.drawMs += ms; p.drawMaxMs = Math.max(p.drawMaxMs, ms); } else {
          p.events++; p.totalMs += ms; p.maxMs = Math.max(p.maxMs, ms);
        }
      }
    };
  };

  PG.el = el;

  PG.rectIntersect = function rectIntersect(a, b) {
    const left = Math.max(a.left, b.left), top = Math.max(a.top, b.top);
    const right = Math.min(a.right, b.right), bottom = Math.min(a.bottom, b.bottom);
    if (right <= left || bottom <= top) return null;
    return { left, top, right, bottom, width: right - left, height: bottom - top };
  };

  PG.sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  PG.nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));
})();
