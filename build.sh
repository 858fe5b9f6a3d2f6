#!/usr/bin/env bash
# PostGuard build entry point.
#
#   ./build.sh          build everything, check the sample post with the CLI,
#                       then serve the demo page on http://127.0.0.1:8080 (Ctrl-C stops it)
#   ./build.sh build    build everything only (CLI, wasm, demo page, extension zips)
#   ./build.sh test     build, then run every test (Rust, wasm API, demo page, extension)
#   ./build.sh bench    build, then run the benchmarks (native, wasm, JavaScript)
#
# It installs what it needs: the wasm32 target, wasm-bindgen-cli at exactly the
# version in Cargo.lock, the npm tool packages (package-lock.json), and, for
# tests and benchmarks, Debian's chromium and firefox-esr if they are missing.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 2; }

# ---- prerequisites ---------------------------------------------------------

ensure_wasm_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# wasm-bindgen-cli must match the wasm-bindgen crate exactly (Cargo.toml pins
# "=0.2.130"); ensure_wasm_bindgen checks Cargo.lock agrees with this pin.
WASM_BINDGEN_VERSION=0.2.130

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock
}

ensure_wasm_bindgen() {
  local want have locked
  want=$WASM_BINDGEN_VERSION
  locked=$(wasm_bindgen_version)
  [ "$locked" = "$want" ] || die "Cargo.lock has wasm-bindgen ${locked:-none} but build.sh pins wasm-bindgen-cli $want: update WASM_BINDGEN_VERSION with the crate"
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    log "installing wasm-bindgen-cli $want (found: ${have:-none})"
    # Not --locked: the CLI's own lock file names a crate version the registry lacks.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_npm() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm tool packages (package-lock.json)"
    npm ci --no-audit --no-fund
  fi
}

ensure_browsers() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
}

# ---- build -----------------------------------------------------------------

build_native() {
  log "building the native CLI (release)"
  cargo build --release --locked --bin postguard
}

build_wasm() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_npm
  log "building the wasm engine (profile wasm: opt-level s, LTO)"
  cargo build --locked --lib --target wasm32-unknown-unknown --profile wasm
  local raw=target/wasm32-unknown-unknown/wasm/postguard.wasm
  local out=target/pkg
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen "$raw" --out-dir "$out" --target web --out-name postguard
  log "optimising with wasm-opt $(wasm-opt --version | awk '{print $3}') (npm binaryen)"
  wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$out/postguard_bg.wasm" -o "$out/postguard_bg.opt.wasm"
  mv "$out/postguard_bg.opt.wasm" "$out/postguard_bg.wasm"
  for dest in www/pkg extension/pkg; do
    rm -rf "$dest" && mkdir -p "$dest"
    cp "$out"/postguard.js "$out"/postguard.d.ts "$out"/postguard_bg.wasm "$dest"/
  done
  local bytes gz
  bytes=$(stat -c %s "$out/postguard_bg.wasm")
  gz=$(gzip -9 -c "$out/postguard_bg.wasm" | wc -c)
  printf 'postguard_bg.wasm: %s bytes raw, %s bytes gzipped (%s KB)\n' "$bytes" "$gz" "$((gz / 1024))"
}

build_extension() {
  if [ -x scripts/package-extension.sh ]; then
    log "packaging the extension (dist/)"
    scripts/package-extension.sh
  fi
}

build_all() {
  build_native
  build_wasm
  build_extension
}

# ---- jobs ------------------------------------------------------------------

run_main() {
  build_all
  local sample="As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov"
  log "checking the sample post with the embedded Rochester policy"
  printf '%s\n' "$sample"
  printf '%s\n' "$sample" | target/release/postguard check --mode personal - || true
  log "serving the demo page on http://127.0.0.1:8080 (press Ctrl-C to stop)"
  exec node scripts/serve.mjs www 8080
}

run_tests() {
  build_all
  ensure_browsers
  log "Rust tests (unit, rule tables, corpus, pack, CLI)"
  cargo test --locked
  log "wasm API tests (Node)"
  node --test tests/wasm/
  log "demo page tests (headless Chromium)"
  node tests/www/run.mjs
  log "extension tests (settings unit tests; headless Chromium and Firefox end to end)"
  node --test extension/tools/
  node tests/extension/run.mjs
  log "all tests passed"
}

run_bench() {
  build_all
  ensure_browsers
  if [ -x scripts/bench.sh ]; then scripts/bench.sh; else die "scripts/bench.sh is missing"; fi
}

case "${1:-run}" in
  run) run_main ;;
  build) build_all ;;
  test) run_tests ;;
  bench) run_bench ;;
  -h|--help|help) sed -n '2,13p' "$0" ;;
  *) die "unknown job '$1' (try: ./build.sh, ./build.sh build, ./build.sh test, ./build.sh bench)" ;;
esac
