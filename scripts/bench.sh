#!/usr/bin/env bash
# PostGuard benchmarks, called by `./build.sh bench` after it has built the CLI,
# the wasm package (target/pkg) and the extension. Benchmarks are not tests:
# nothing here fails on a timing (a step that cannot run is reported and skipped).
#
#   scripts/bench.sh            criterion (native), the in-browser wasm/JS/native page, cold start and
#                               memory in Node (tests/bench/cold-start.mjs), extension latency,
#                               `postguard audit` on a 100,000-item synthetic X archive
#   scripts/bench.sh --quick    shorter runs (criterion 0.5 s + 1 s per case, fewer page iterations)
#
# Output: the criterion table (MB/s per size, for the linear-growth check), the
# wasm/JavaScript/native tables with ratios and the targets, and the extension
# latency table. Raw numbers: target/criterion/, target/bench/results.json.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
QUICK=""
WARM=1 MEASURE=2
if [ "${1:-}" = "--quick" ]; then QUICK="--quick"; WARM=0.5; MEASURE=1; fi

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
status=0

log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(rustc --version)"

log "native: cargo bench (criterion, --warm-up-time $WARM --measurement-time $MEASURE)"
# Criterion prints a block per case; keep a compact table: case, median time, median throughput.
cargo bench --locked --bench check -- --warm-up-time "$WARM" --measurement-time "$MEASURE" 2>/dev/null > target/criterion-run.txt || status=1
awk '
  function flush() { if (name != "") printf "%-40s %14s %16s\n", name, t, thr; name=""; t=""; thr="" }
  /^[a-z]/ { flush(); name=$1; if ($2 == "time:") t=$5" "$6; next }
  $1 == "time:" { if (t == "") t=$4" "$5; next }      # (a later "change:" block repeats time:)
  $1 == "thrpt:" { if (thr == "") thr=$4" "$5; next }
  END { flush() }' target/criterion-run.txt > target/criterion-table.txt
printf '%-40s %14s %16s\n' "criterion case" "median time" "median thrpt"
cat target/criterion-table.txt

log "wasm and JavaScript in Chromium, native on the same texts"
node tests/bench/run.mjs $QUICK || { echo "browser bench failed (reported, not fatal)"; status=1; }

log "cold start and memory in Node (a fresh process per run; the heap after 10,000 checks)"
node tests/bench/cold-start.mjs --runs=$([ -n "$QUICK" ] && echo 5 || echo 9) target/pkg || { echo "cold-start bench failed (reported, not fatal)"; status=1; }

log "extension latency (Chromium, Lexical and Draft.js test pages)"
node tests/bench/extension-latency.mjs || true

log "audit: a 100,000-item synthetic X archive (scripts/gen-x-archive.py), release CLI"
# Exit 1 is expected (the archive has error-severity findings); the time is what counts.
if [ -f target/bench/x-archive.zip ] || python3 scripts/gen-x-archive.py 100000 target/bench/x-archive --zip; then
  for fmt in jsonl csv html; do
    start=$(date +%s%N)
    rc=0
    target/release/postguard audit target/bench/x-archive.zip --format "$fmt" --out "target/bench/x-audit.$fmt" || rc=$?
    end=$(date +%s%N)
    awk -v f="$fmt" -v ns=$((end - start)) -v rc=$rc 'BEGIN { printf "audit --format %-5s %6.2f s (exit %s)\n", f, ns / 1e9, rc }'
  done
else
  echo "could not generate the archive (python3?)"; status=1
fi

[ $status -eq 0 ] || echo "bench.sh: some steps could not run (see above); timings never fail the bench"
exit 0
