// The content script's entry point: build.sh bundles it with esbuild into
// extension/content.js (an IIFE: content scripts cannot be ES modules),
// unminified and with a source map. The files share the PostGuard namespace
// object (ns.js) and run in this order; the shared web package (web/) comes
// in through their imports.
import './ns.js';
import './text.js';
import './mirror.js';
import './fields.js';
import './overlay.js';
import './identity.js';
import './fix.js';
import './main.js';
