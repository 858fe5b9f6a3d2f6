#!/usr/bin/env python3
"""Measures the City-account checks of issue 16 on the frozen, independently
written set in tests/city-frozen/ (pages.jsonl, comments.jsonl; see its README),
or on another set of the same format with `--set DIR`: the comment
development set tests/moderation-dev/ (one comments*.jsonl per annotator: each
file is reported on its own, then all of them pooled) or the page development
set tests/page-dev/ (pages.jsonl). Each file present is measured.

    cargo build --release --locked && python3 scripts/city-eval.py [--postguard target/release/postguard]
    python3 scripts/city-eval.py --set tests/moderation-dev [--show-errors]
    python3 scripts/city-eval.py --set tests/page-dev [--show-errors] [--policy OLD.toml]

Prints counts and rates only, never a text: the set is a frozen test that
nobody tunes to (`--show-errors`, which prints the texts of misses and false
alarms, is refused on it; it is for development sets). Page check: for each of the four statements, precision and
recall of "missing" findings. Comment triage: per comment, flagged or not
(precision, recall, false alarms on the harsh-but-allowed comments), and per
kind the recall of a finding with rule `moderation.<kind>`.
"""
import argparse, json, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / 'tests' / 'city-frozen'
SET = FROZEN
POLICY = []  # ['--policy', FILE] to measure a pack other than the embedded one
STATEMENTS = ['city.marked', 'city.g.open-records', 'city.g.visitor-opinions', 'city.g.removal']


def run(cmd, stdin):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f'{" ".join(cmd)} failed ({p.returncode}): {p.stderr.strip()[:500]}')
    return p.stdout


def rate(a, b):
    return f'{a / b:.3f}' if b else 'n/a'


def pages(pg, show=False):
    rows = [json.loads(l) for l in (SET / 'pages.jsonl').read_text().splitlines() if l.strip()]
    tally = {s: [0, 0, 0] for s in STATEMENTS}  # tp, fp, fn on "missing"
    errors = []
    for r in rows:
        unknown = set(r['present']) - set(STATEMENTS)
        if unknown:
            sys.exit(f"{r.get('id', '?')}: unknown statement(s) {sorted(unknown)}")
        out = json.loads(run([pg, 'page-check', '--format', 'json', '-'] + POLICY, r['text']) or '[]')
        found = {f['clause'] for f in out if f.get('category') == 'page-statements'}
        wrong = []
        for s in STATEMENTS:
            want, got = s not in r['present'], s in found
            tally[s][0] += want and got
            tally[s][1] += got and not want
            tally[s][2] += want and not got
            if want != got:
                wrong.append(f"{'false alarm' if got else 'missed'} {s}")
        if show and wrong:
            errors.append(f"{r.get('id', '?')}: {', '.join(wrong)}: {r['text']!r}")
    print(f'## Page check: {len(rows)} pages (a finding = the statement is missing)\n')
    print('| statement | tp | fp | fn | precision | recall |\n|---|---|---|---|---|---|')
    T = [0, 0, 0]
    for s, (tp, fp, fn) in tally.items():
        T = [T[0] + tp, T[1] + fp, T[2] + fn]
        print(f'| {s} | {tp} | {fp} | {fn} | {rate(tp, tp + fp)} | {rate(tp, tp + fn)} |')
    print(f'| all | {T[0]} | {T[1]} | {T[2]} | {rate(T[0], T[0] + T[1])} | {rate(T[0], T[0] + T[2])} |\n')
    if show:
        print('## Page errors (development set only; "false alarm" = reported missing but the text makes it)\n')
        for e in errors:
            print('- ' + e)
        print()


def comment_files():
    """The comment files of the set: `comments.jsonl`, and for a development
    set every `comments*.jsonl` (one per annotator: comments.jsonl,
    comments-2.jsonl, ...). The frozen set is read as it always was."""
    if SET == FROZEN.resolve():
        return [SET / 'comments.jsonl']
    return sorted(SET.glob('comments*.jsonl'), key=lambda p: (p.name != 'comments.jsonl', p.name))


def comments(pg, show=False):
    files = comment_files()
    pooled = []
    for f in files:
        rows = [json.loads(l) for l in f.read_text().splitlines() if l.strip()]
        out = check_comments(pg, rows)
        pooled += list(zip(rows, out))
        report(f'{f.name}', list(zip(rows, out)), show)
    if len(files) > 1:
        report('pooled (' + ' + '.join(f.name for f in files) + ')', pooled, False)


def check_comments(pg, rows):
    lines = ''.join(json.dumps({'id': r['id'], 'text': r['text'], 'mode': 'moderation', 'context': r['context']}) + '\n' for r in rows)
    out = [json.loads(l) for l in run([pg, 'check', '--jsonl', '-'] + POLICY, lines).splitlines() if l.strip()]
    if len(out) != len(rows):
        sys.exit(f'expected {len(rows)} results, got {len(out)}')
    return out


def report(name, pairs, show):
    tp = fp = fn = tn = 0
    kinds = {}
    other_categories = 0
    errors = []
    for r, o in pairs:
        fs = o.get('findings', [])
        other_categories += sum(1 for f in fs if f.get('category') != 'moderation')
        rules = {f['rule'] for f in fs if f.get('category') == 'moderation'}
        want, got = bool(r['kinds']), bool(rules)
        tp += want and got; fp += got and not want; fn += want and not got; tn += not want and not got
        for k in r['kinds']:
            t = kinds.setdefault(k, [0, 0, 0])  # found, labelled, found where not labelled
            t[1] += 1
            t[0] += f'moderation.{k}' in rules
        for rule in rules:
            k = rule.split('.', 1)[1]
            if k not in r['kinds']:
                kinds.setdefault(k, [0, 0, 0])[2] += 1
        if show:
            want_k = {f'moderation.{k}' for k in r['kinds']}
            miss, extra = sorted(want_k - rules), sorted(rules - want_k)
            if miss or extra:
                errors.append(f"{r['id']}: missed {[m.split('.', 1)[1] for m in miss]} extra {[m.split('.', 1)[1] for m in extra]}: {r['text']!r}")
    print(f'## Comment triage, {name}: {len(pairs)} comments, {sum(1 for r, _ in pairs if not r["kinds"])} to leave alone\n')
    print('| | flagged | not flagged |\n|---|---|---|')
    print(f'| a listed kind | {tp} | {fn} |\n| allowed (opinions, questions, related links) | {fp} | {tn} |\n')
    print(f'Per comment: precision {rate(tp, tp + fp)}, recall {rate(tp, tp + fn)}; allowed comments flagged: {fp} of {fp + tn}. '
          f'Findings in a category other than moderation: {other_categories}.\n')
    print('| kind | labelled | found (rule moderation.<kind>) | recall | found where not labelled | precision |\n|---|---|---|---|---|---|')
    for k, (hit, n, extra) in sorted(kinds.items()):
        print(f'| {k} | {n} | {hit} | {rate(hit, n)} | {extra} | {rate(hit, hit + extra)} |')
    print()
    if show:
        print(f'## Errors, {name} (development set only)\n')
        for e in errors:
            print('- ' + e)
        print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--postguard', default=str(ROOT / 'target' / 'release' / 'postguard'))
    ap.add_argument('--set', help='a directory with comments.jsonl and/or pages.jsonl in the frozen set\'s format')
    ap.add_argument('--show-errors', action='store_true', help='print the texts of misses and false alarms (not on the frozen set)')
    ap.add_argument('--policy', help='a policy pack to check with instead of the embedded one (e.g. the base commit\'s, for a before/after)')
    a = ap.parse_args()
    global SET, POLICY
    if a.set:
        SET = Path(a.set).resolve()
    if a.policy:
        POLICY = ['--policy', a.policy]
    if a.show_errors and SET == FROZEN.resolve():
        sys.exit('--show-errors is refused on the frozen set: nobody tunes to it')
    has_pages, has_comments = (SET / 'pages.jsonl').exists(), (SET / 'comments.jsonl').exists()
    if not (has_pages or has_comments):
        sys.exit(f'{SET}: neither pages.jsonl nor comments.jsonl')
    if has_pages:
        pages(a.postguard, a.show_errors)
    if has_comments:
        comments(a.postguard, a.show_errors)


if __name__ == '__main__':
    main()
