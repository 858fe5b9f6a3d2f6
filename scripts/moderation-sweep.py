#!/usr/bin/env python3
"""Precision sweep for moderation mode: runs every post of tests/corpus/,
tests/holdout/ and tests/quality/dev/ (posts by City staff and others, none of
them comments to moderate, so nearly every moderation finding on them is a
false alarm to read) as a comment in moderation mode, with two policy packs,
and prints each finding that one pack gives and the other does not, with its
text. Never reads tests/city-frozen/.

    cargo build --locked
    mkdir -p /tmp/old && git archive main policy/rochester | tar -x -C /tmp/old
    python3 scripts/moderation-sweep.py --old /tmp/old/policy/rochester [--new policy/rochester] [--postguard target/debug/postguard]

(--old and --new take what `postguard --policy` takes: a pack directory or a one-file pack.)
"""
import argparse, json, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / 'tests' / 'corpus').glob('*.jsonl')) + sorted((ROOT / 'tests' / 'holdout').glob('*.jsonl')) + sorted((ROOT / 'tests' / 'quality' / 'dev').glob('*.jsonl'))


def run(pg, policy, rows):
    lines = ''.join(json.dumps({'id': r['id'], 'text': r['text'], 'mode': 'moderation'}) + '\n' for r in rows)
    p = subprocess.run([pg, 'check', '--jsonl', '-', '--policy', policy], input=lines, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f'postguard failed ({p.returncode}): {p.stderr[:500]}')
    out = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    assert len(out) == len(rows), (len(out), len(rows))
    return [{(f['rule'], f.get('excerpt') or f.get('text') or '') for f in o.get('findings', []) if f.get('category') == 'moderation'} for o in out]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--postguard', default=str(ROOT / 'target' / 'debug' / 'postguard'))
    ap.add_argument('--old', required=True)
    ap.add_argument('--new', default=str(ROOT / 'policy' / 'rochester'))
    a = ap.parse_args()
    rows = [json.loads(l) for f in FILES for l in f.read_text().splitlines() if l.strip()]
    old, new = run(a.postguard, a.old, rows), run(a.postguard, a.new, rows)
    gained = lost = 0
    for r, o, n in zip(rows, old, new):
        og, ng = {x[0] for x in o}, {x[0] for x in n}
        for rule in sorted(ng - og):
            gained += 1
            print(f'+ {rule} {r["id"]}: {r["text"][:300]!r}')
        for rule in sorted(og - ng):
            lost += 1
            print(f'- {rule} {r["id"]}: {r["text"][:300]!r}')
    print(f'{len(rows)} posts; posts flagged: old {sum(1 for o in old if o)}, new {sum(1 for n in new if n)}; rule findings only in new: {gained}, only in old: {lost}')


if __name__ == '__main__':
    main()
