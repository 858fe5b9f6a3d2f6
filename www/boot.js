// Runs before app.js (a classic script, so it runs even where modules fail):
// if app.js or the engine it imports cannot load (say www/pkg/ was never
// built), say so on the page instead of "Loading the checker…" forever.
(function () {
  'use strict';
  function show() {
    var timing = document.getElementById('timing');
    if (!timing) return;
    timing.textContent = 'The checker could not load. This page needs its WebAssembly engine (pkg/): build it with ./build.sh build.';
    timing.className = 'timing error';
  }
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t.tagName === 'SCRIPT' && t.type === 'module') {
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
      else show();
    }
  }, true);
}());
