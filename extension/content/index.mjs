// The content script's entry point: build.sh bundles it with esbuild into
// extension/content.js (an IIFE: content scripts cannot be ES modules),
// unminified and with a source map. Every file under content/ is an ES module
// that imports what it uses (from the others, from the shared web package
// web/, and from ../protocol.mjs) and exports what it offers; importing them
// has no side effect. The modules share no global object: runtime.js (the
// link to the extension: alive, perf counters) and watched.js (the watched
// fields) hold the only shared state, and main.js's startContentScript()
// wires the page.
//
// Module graph (no cycles):
//   runtime.js   api, send(), isAlive(), onGone(), perf, timed()
//   watched.js   the watched fields                      ← runtime
//   fields.js    which element is a field; sign-up and About fields
//   identity.js  the posting identity the compose box shows
//   mirror.js    character boxes in textarea/input
//   fix.js       a fix around web/fix/ (undo grouping, re-check)
//   overlay.js   underlines, badge, card; draw(), scheduleDraw()  ← runtime, mirror, fix, watched
//   main.js      events, checks, the attribute; startContentScript()  ← all of the above
import { startContentScript } from './main.js';
import { perf, isAlive } from './runtime.js';
import { overlayShadow, watchedStates } from './overlay.js';

// Once per frame: the manifest's content script can be injected twice into a
// frame (an extension update, match_about_blank); the second copy does nothing.
// globalThis.PostGuard is the isolated world's read-only handle for the tests
// (tests/extension/lib/isolated.mjs) and measurements; no module reads it, and
// the page's own world never sees it.
if (!globalThis.PostGuard) {
  startContentScript();
  globalThis.PostGuard = Object.freeze({
    loaded: true,
    perf,                          // per-keystroke cost counters (latency.mjs, hardening.mjs)
    get alive() { return isAlive(); },
    overlayShadow,                 // the overlay's closed shadow root, or null
    watchedStates,                 // the watched fields' states (hardening.mjs: memory)
  });
}
