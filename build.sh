#!/usr/bin/env bash
# PostGuard build entry point.
#
#   ./build.sh          build everything, check the sample post with the CLI,
#                       then serve the demo page on http://127.0.0.1:8080 (Ctrl-C stops it)
#   ./build.sh build    build everything only (CLI, wasm, demo page, extension zips)
#   ./build.sh test     build, then run every test (Rust, wasm API, demo page, extension)
#   ./build.sh bench    build, then run the benchmarks (native, wasm, JavaScript)
#   ./build.sh harper-eval
#                       build the Harper evaluation (tools/harper-eval, harper-core, not
#                       shipped) as a wasm into target/harper-eval-pkg and measure it
#   ./build.sh fuzz [SECONDS_PER_TARGET]
#                       fuzz each cargo-fuzz target in fuzz/ in turn (default 600 s
#                       each; needs the nightly toolchain, installs cargo-fuzz)
#
# It installs what it needs: the wasm32 target, wasm-bindgen-cli at exactly the
# version in Cargo.lock, the npm tool packages (package-lock.json), and, for
# tests and benchmarks, Debian's chromium and firefox-esr if they are missing.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

# Each step says how long the job has run ([+m:ss]), so a slow or stuck CI run shows where.
log() { printf '\033[1m==> [+%d:%02d] %s\033[0m\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*" >&2; }
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

# The Harper evaluation (tools/harper-eval: harper-core as a second wasm for
# [city.g.accurate]). Not shipped and not part of build or test: it did not
# hold up (BENCHMARKS.md "Accuracy"); this job reproduces its numbers. Its own
# workspace and target dir: getrandom (via harper-brill -> burn -> rand) needs
# the wasm_js cfg in RUSTFLAGS, which must not touch the main wasm's build.
build_harper_eval() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_npm
  log "building the Harper evaluation (harper-core; profile wasm)"
  RUSTFLAGS='--cfg getrandom_backend="wasm_js"' CARGO_TARGET_DIR=target/harper-eval \
    cargo build --locked --manifest-path tools/harper-eval/Cargo.toml --lib --target wasm32-unknown-unknown --profile wasm
  local raw=target/harper-eval/wasm32-unknown-unknown/wasm/postguard_harper_eval.wasm
  local out=target/harper-eval-pkg
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen "$raw" --out-dir "$out" --target web --out-name accuracy
  wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$out/accuracy_bg.wasm" -o "$out/accuracy_bg.opt.wasm"
  mv "$out/accuracy_bg.opt.wasm" "$out/accuracy_bg.wasm"
  node tests/bench/harper.mjs "$out"
  log "false alarms on the City-mode corpus posts (native)"
  CARGO_TARGET_DIR=target/harper-eval cargo run --locked --release --manifest-path tools/harper-eval/Cargo.toml --example false_alarms
}

# The shared web package (web/: labels, span tracking, fix appliers, el()) is
# copied into the demo page and the extension (www/web/, extension/web/; built,
# not in git, like pkg/), and the content scripts are bundled with esbuild into
# one classic script, extension/content.js: content scripts cannot be ES
# modules. Unminified, with a source map, so the loaded extension stays readable.
build_web() {
  ensure_npm
  log "copying the shared web package (web/) into www/web/ and extension/web/"
  local dest f
  for dest in www/web extension/web; do
    rm -rf "$dest"
    (cd web && find . -type f -name '*.mjs' ! -name '*.test.mjs' -print0) | while IFS= read -r -d '' f; do
      mkdir -p "$dest/$(dirname "$f")"
      cp "web/$f" "$dest/$f"
    done
  done
  log "bundling the content scripts (esbuild $(esbuild --version)): extension/content.js"
  esbuild extension/content/index.mjs --bundle --format=iife --target=chrome116,firefox140 \
    --sourcemap --sources-content=true --charset=utf8 --log-level=warning --outfile=extension/content.js
}

# The demo page's service worker precache list (www/sw-precache.js, not in
# git): every page file with its SHA-256, so each build is a new offline cache.
build_www() {
  log "stamping the demo page's offline cache (www/sw-precache.js)"
  node scripts/precache.mjs www
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
  build_web
  build_www
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

# A browser suite that stops answering must fail with its name, not run into CI's time limit:
# bounded SECS CMD... runs CMD under timeout(1) (the suites' own watchdogs and bounded
# teardown come first; this is the last line of defence).
# Every JavaScript suite runs under node:test with one reporter (tests/support/reporter.mjs),
# which prints like cargo test: a line per test, ok or FAILED, and a "test result:" line.
# --test-force-exit: once a suite's tests are done, a browser child that did not exit cannot
# hold the run open. The unit tests (no browser) run as parallel files under --test; each
# browser suite runs alone (the machine has 2 cores; two browser suites at once starve both).
NODE_TEST=(node --test-force-exit --test-reporter=./tests/support/reporter.mjs --test-reporter-destination=stdout)

bounded() {
  local secs=$1; shift
  local rc=0
  timeout --kill-after=30 "$secs" "$@" || rc=$?
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    printf 'build.sh: "%s" did not finish within %s s and was stopped\n' "$*" >&2
  fi
  return "$rc"
}

run_tests() {
  build_all
  ensure_browsers
  log "testing on $(chromium --version 2>/dev/null | head -n 1) and $(firefox-esr --version 2>/dev/null | head -n 1)"
  log "Rust tests (unit, rule tables, corpus, pack, CLI)"
  cargo test --locked
  log "audit report (headless Chromium: no outside request, filters, screenshots)"
  bounded 900 "${NODE_TEST[@]}" tests/audit/report.mjs
  log "JavaScript unit tests (wasm API in Node, shared web package, message protocol, extension settings, network policy)"
  bounded 900 "${NODE_TEST[@]}" --test tests/wasm/ web/ extension/protocol.test.mjs extension/tools/ tests/extension/lib/
  log "JSDoc types of the shared web package and the message protocol (tsc --noEmit)"
  bounded 300 tsc --noEmit -p tsconfig.json
  log "demo page tests (headless Chromium)"
  bounded 1200 "${NODE_TEST[@]}" tests/www/run.mjs
  log "extension tests (headless Chromium and Firefox end to end)"
  bounded 2100 "${NODE_TEST[@]}" tests/extension/run.mjs
  log "all tests passed"
}

run_bench() {
  build_all
  ensure_browsers
  if [ -x scripts/bench.sh ]; then scripts/bench.sh; else die "scripts/bench.sh is missing"; fi
}

# ---- fuzzing ---------------------------------------------------------------

# The targets in fuzz/fuzz_targets/, run one after another (one fuzzer process
# at a time). Committed seeds live in fuzz/seeds/TARGET/; what the fuzzer
# finds goes to fuzz/corpus/TARGET/ (kept between runs, not committed) and
# crashes to fuzz/artifacts/TARGET/.
FUZZ_TARGETS=(check pack offsets)

ensure_cargo_fuzz() {
  if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    log "installing the nightly toolchain (cargo-fuzz needs it)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! command -v cargo-fuzz >/dev/null; then
    log "installing cargo-fuzz"
    cargo install cargo-fuzz --locked
  fi
}

run_fuzz() {
  local secs=${1:-600}
  [[ $secs =~ ^[1-9][0-9]*$ ]] || die "fuzz: SECONDS_PER_TARGET must be a positive whole number, got '$secs'"
  ensure_cargo_fuzz
  cd fuzz
  # No sanitizer: the crate has no unsafe code, and AddressSanitizer makes the
  # regex compilation the pack target does 5x slower. Debug assertions and
  # overflow checks stay on (cargo-fuzz's default).
  local fuzz=(cargo +nightly fuzz)
  log "building the fuzz targets"
  "${fuzz[@]}" build --sanitizer none
  local t logf summary=() failed=0
  for t in "${FUZZ_TARGETS[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    logf=target/fuzz-$t.log
    local dict=()
    [ -f "dicts/$t.dict" ] && dict=("-dict=dicts/$t.dict")
    local before
    before=$(find "artifacts/$t" -type f | wc -l)
    log "fuzzing $t for ${secs} s (log: fuzz/$logf)"
    set +e
    nice -n 10 "${fuzz[@]}" run --sanitizer none "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "${dict[@]}" \
      >"$logf" 2>&1 &
    local pid=$!
    # Show libFuzzer's progress lines and any failure while it runs.
    tail -n +1 -f "$logf" --pid=$pid | grep --line-buffered -E '^#[0-9]+[[:space:]]+(INITED|pulse|DONE)|ERROR|SUMMARY|panicked|Test unit written|^Done '
    wait $pid
    local rc=$?
    set -e
    local last runs cov ft eps crashes
    last=$(grep -E '^#[0-9]+[[:space:]]+(pulse|DONE|NEW|REDUCE|INITED)' "$logf" | tail -n 1 || true)
    runs=$(awk '/stat::number_of_executed_units:/ {print $2}' "$logf" | tail -n 1)
    [ -n "$runs" ] || runs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")
    cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$last")
    ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
    eps=$(awk '/stat::average_exec_per_sec:/ {print $2}' "$logf" | tail -n 1)
    crashes=$(( $(find "artifacts/$t" -type f | wc -l) - before ))
    if [ "$rc" -ne 0 ]; then failed=1; fi
    summary+=("$(printf '%-8s %s s, %s runs (%s exec/s), cov %s, ft %s, corpus %s files, %s new crash/timeout/oom artifacts, exit %s' \
      "$t" "$secs" "${runs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" "$(find "corpus/$t" -type f | wc -l)" "$crashes" "$rc")")
  done
  log "fuzzing summary"
  printf '%s\n' "${summary[@]}"
  [ "$failed" = 0 ] || die "a fuzz target failed: see fuzz/artifacts/ and fuzz/target/fuzz-TARGET.log (reproduce: cd fuzz && cargo +nightly fuzz run -s none TARGET ARTIFACT)"
}

case "${1:-run}" in
  run) run_main ;;
  build) build_all ;;
  test) run_tests ;;
  bench) run_bench ;;
  harper-eval) build_harper_eval ;;
  fuzz) run_fuzz "${2:-600}" ;;
  -h|--help|help) sed -n '2,18p' "$0" ;;
  *) die "unknown job '$1' (try: ./build.sh, ./build.sh build, ./build.sh test, ./build.sh bench, ./build.sh harper-eval, ./build.sh fuzz)" ;;
esac
