#!/usr/bin/env python3
"""Inter-annotator agreement on the quality corpus's dev part.

  scripts/quality-agreement.py [tests/quality/agreement/second-annotator.jsonl]

A second, independent annotator labelled a random sample of dev posts blind to the first
labels (the same spec and policy, nothing else). Per category: how often both said yes, the
first only, the second only, observed agreement and Cohen's kappa over the sample. It tells
how far the labels themselves can be trusted, i.e. how much of a measured miss is the
checker's and how much is the category's vagueness.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATS = ["disclaimer", "city-email", "official-position", "confidential", "conduct", "political",
        "endorsement", "personal-views", "open-meeting"]


def main():
    second_path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/quality/agreement/second-annotator.jsonl"
    first = {}
    for f in (ROOT / "tests/quality/dev").glob("*.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                p = json.loads(line)
                first[p["id"]] = set(p["labels"])
    second = {}
    for line in second_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            if r["id"] not in first:
                sys.exit(f"{r['id']} is not a dev post")
            second[r["id"]] = set(r["labels"])
    n = len(second)
    print(f"{n} dev posts labelled by both annotators\n")
    print("| category | both | first only | second only | agreement | Cohen's kappa |")
    print("|---|---|---|---|---|---|")
    for c in CATS:
        a = sum(1 for i in second if c in first[i] and c in second[i])
        b = sum(1 for i in second if c in first[i] and c not in second[i])
        d = sum(1 for i in second if c not in first[i] and c in second[i])
        e = n - a - b - d
        po = (a + e) / n
        p1, p2 = (a + b) / n, (a + d) / n
        pe = p1 * p2 + (1 - p1) * (1 - p2)
        kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
        print(f"| {c} | {a} | {b} | {d} | {po:.3f} | {kappa:.2f} |")
    exact = sum(1 for i in second if first[i] == second[i])
    print(f"\nidentical label sets: {exact} of {n} ({exact / n:.0%})")


if __name__ == "__main__":
    main()
