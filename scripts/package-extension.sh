#!/usr/bin/env bash
# Packages the browser extension (called by build.sh after the wasm build).
#
#   scripts/package-extension.sh
#
# Writes
#   dist/postguard-chrome.zip    Chrome and Edge (Manifest V3, background service worker)
#   dist/postguard-firefox.zip   Firefox (background module script, gecko id)
# from extension/ (which must hold pkg/, made by ./build.sh build), and lints
# the Firefox build with `web-ext lint` (offline): zero errors and zero warnings required.
# The build directories stay in target/extension/{chrome,firefox}/ (Firefox's
# about:debugging can load target/extension/firefox/manifest.json directly).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SRC=extension
OUT=target/extension
DIST=dist

die() { printf 'package-extension.sh: %s\n' "$*" >&2; exit 2; }
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

for f in postguard.js postguard_bg.wasm; do
  [ -f "$SRC/pkg/$f" ] || die "extension/pkg/$f is missing: run ./build.sh build first (it builds the wasm engine into extension/pkg/)"
done
command -v node >/dev/null || die "node is required"
command -v zip >/dev/null || die "zip is required (apt-get install zip)"

# What ships: everything the manifest uses; not the docs, the icon tool, the TypeScript
# types or the content scripts' sources (content/: bundled into content.js by build.sh,
# whose source map, shipped beside it, carries them for the browser's debugger).
[ -f "$SRC/content.js" ] || die "extension/content.js is missing: run ./build.sh build first (it bundles content/ with esbuild)"
copy_tree() {
  local dest=$1
  rm -rf "$dest" && mkdir -p "$dest"
  (cd "$SRC" && find . -type f \
      ! -path './tools/*' ! -path './content/*' ! -name '*.test.mjs' ! -name 'README.md' ! -name '*.d.ts' ! -name '.*' -print0) |
    while IFS= read -r -d '' f; do
      mkdir -p "$dest/$(dirname "$f")"
      cp "$SRC/$f" "$dest/$f"
    done
}

log "Chrome/Edge build: $OUT/chrome"
copy_tree "$OUT/chrome"

log "Firefox build: $OUT/firefox (manifest generated from the Chrome one)"
copy_tree "$OUT/firefox"
node - "$SRC/manifest.json" "$OUT/firefox/manifest.json" <<'JS'
const fs = require('fs');
const [src, dest] = process.argv.slice(2);
const m = JSON.parse(fs.readFileSync(src, 'utf8'));
// Firefox refuses a service_worker-only background: a module background script instead.
m.background = { scripts: ['background.js'], type: 'module' };
delete m.minimum_chrome_version;
// Firefox reads enterprise settings from policies.json ("3rdparty"), not from managed_schema.
delete m.storage;
m.browser_specific_settings = {
  gecko: {
    id: 'postguard@rochestermn.example',
    strict_min_version: '140.0',
    data_collection_permissions: { required: ['none'] },
  },
  // Desktop only is tested; Android needs 142 for data_collection_permissions.
  gecko_android: { strict_min_version: '142.0' },
};
fs.writeFileSync(dest, JSON.stringify(m, null, 2) + '\n');
JS

mkdir -p "$DIST"
rm -f "$DIST/postguard-chrome.zip" "$DIST/postguard-firefox.zip"
(cd "$OUT/chrome" && zip -q -r -X "$ROOT/$DIST/postguard-chrome.zip" .)
(cd "$OUT/firefox" && zip -q -r -X "$ROOT/$DIST/postguard-firefox.zip" .)

log "web-ext lint (Firefox build)"
WEBEXT="$ROOT/node_modules/.bin/web-ext"
[ -x "$WEBEXT" ] || die "node_modules/.bin/web-ext is missing: run npm ci"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
set +e
"$WEBEXT" lint --source-dir "$OUT/firefox" --output json --no-input --no-config-discovery >"$report" 2>/dev/null
set -e
node - "$report" <<'JS'
const fs = require('fs');
const raw = fs.readFileSync(process.argv[2], 'utf8');
const start = raw.indexOf('{');
if (start < 0) { console.error('web-ext lint printed no report:\n' + raw); process.exit(2); }
const r = JSON.parse(raw.slice(start));
const show = (kind, list) => {
  for (const m of list) console.error(`  ${kind} ${m.code}: ${m.message}${m.description ? ` (${String(m.description).replace(/\s+/g, ' ').slice(0, 240)})` : ''}${m.file ? ` (${m.file}${m.line ? ':' + m.line : ''})` : ''}`);
};
const errors = r.errors || [], warnings = r.warnings || [], notices = r.notices || [];
console.error(`web-ext lint: ${errors.length} errors, ${warnings.length} warnings, ${notices.length} notices`);
show('error', errors);
show('warning', warnings);
if (errors.length || warnings.length) process.exit(1);
JS

for z in "$DIST/postguard-chrome.zip" "$DIST/postguard-firefox.zip"; do
  printf '%s: %s bytes\n' "$z" "$(stat -c %s "$z")"
done
