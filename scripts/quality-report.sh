#!/usr/bin/env bash
# Regenerates the measured tables of QUALITY.md (issue 13's corpus method):
# per-category precision and recall on the quality corpus's dev part, its
# frozen test part, and the older corpora, plus the corpus counts.
#
#   scripts/quality-report.sh > target/quality-tables.md
#
# Paste the output into QUALITY.md under "Measured", with the date. It prints
# counts and rates only, never a post of the test part.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Measured on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD) with:"
echo
echo '```sh'
echo 'cargo run --release --example quality -- dev=tests/quality/dev test=tests/quality/test old=tests/corpus,tests/holdout'
echo 'python3 scripts/quality-corpus.py check'
echo '```'
echo
cargo run --quiet --release --locked --example quality -- dev=tests/quality/dev test=tests/quality/test old=tests/corpus,tests/holdout
echo
python3 scripts/quality-corpus.py check
