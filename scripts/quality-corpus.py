#!/usr/bin/env python3
"""The quality corpus's dev/test split (tests/quality/README.md).

  scripts/quality-corpus.py split SRC.jsonl...   validate each annotator's file and split it
                                                 into tests/quality/dev/NAME.jsonl and
                                                 tests/quality/test/NAME.jsonl (NAME = the
                                                 file's stem); prints counts only, never a post
  scripts/quality-corpus.py move ID...           a test post someone has looked at goes to dev
                                                 (write a new one for test in its place)
  scripts/quality-corpus.py check                validate every file under tests/quality/ and
                                                 print the counts table README.md carries

The split is stratified: within one annotator's file, posts are grouped by their label set,
ordered by a salted SHA-256 of their id, and dealt alternately to dev and test, so both parts
get the same mix of categories and hard negatives. It is deterministic: the same input gives
the same split. Nothing here prints a post's text, so running it does not unfreeze the test
part.
"""
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
Q = ROOT / "tests" / "quality"
SALT = b"postguard-quality-2026-12"
CATEGORIES = {
    "disclaimer": "personal", "city-email": "personal", "official-position": "personal",
    "confidential": None, "conduct": None,
    "political": "city", "endorsement": "city", "personal-views": "city",
    "open-meeting": "council",
}
MODES = {"personal", "city"}
ROLES = {"staff", "police", "council", "volunteer", "contractor"}
KEYS = ["id", "platform", "mode", "role", "text", "labels", "note"]


def die(msg):
    print(f"quality-corpus: {msg}", file=sys.stderr)
    sys.exit(2)


def applies(cat, post):
    where = CATEGORIES[cat]
    if where is None:
        return True
    if where == "council":
        return post["role"] == "council"
    return post["mode"] == where


def read(path):
    posts = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            p = json.loads(line)
        except json.JSONDecodeError as e:
            die(f"{path}:{n}: not JSON: {e}")
        problems = []
        for k in ["id", "mode", "role", "text", "labels"]:
            if k not in p:
                problems.append(f"missing {k}")
        if problems:
            die(f"{path}:{n}: {', '.join(problems)}")
        if p["mode"] not in MODES:
            problems.append(f"mode {p['mode']!r}")
        if p["role"] not in ROLES:
            problems.append(f"role {p['role']!r}")
        if not isinstance(p["text"], str):
            problems.append("text is not a string")
        for label in p["labels"]:
            if label not in CATEGORIES:
                problems.append(f"unknown label {label!r}")
            elif not applies(label, p):
                problems.append(f"label {label!r} does not apply in mode {p['mode']}/role {p['role']}")
        if p["labels"] != sorted(set(p["labels"])):
            problems.append("labels not sorted and unique")
        if problems:
            die(f"{path}:{n}: {p.get('id')}: {'; '.join(problems)}")
        posts.append(p)
    ids = Counter(p["id"] for p in posts)
    dup = [i for i, c in ids.items() if c > 1]
    if dup:
        die(f"{path}: duplicate ids {dup[:5]}")
    texts = Counter(p["text"] for p in posts)
    if any(c > 1 for c in texts.values()):
        die(f"{path}: {sum(c - 1 for c in texts.values() if c > 1)} duplicate texts")
    return posts


def write(path, posts):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for p in posts:
            ordered = {k: p[k] for k in KEYS if k in p}
            ordered.update({k: v for k, v in p.items() if k not in ordered})
            f.write(json.dumps(ordered, ensure_ascii=False) + "\n")


def key(post):
    return hashlib.sha256(SALT + post["id"].encode()).hexdigest()


def split(sources):
    for src in map(Path, sources):
        posts = read(src)
        strata = defaultdict(list)
        for p in posts:
            strata[" ".join(p["labels"]) + "|" + p["mode"]].append(p)
        dev, test = [], []
        turn = 0
        for s in sorted(strata):
            for p in sorted(strata[s], key=key):
                (dev if turn % 2 == 0 else test).append(p)
                turn += 1
        order = {p["id"]: i for i, p in enumerate(posts)}
        dev.sort(key=lambda p: order[p["id"]])
        test.sort(key=lambda p: order[p["id"]])
        write(Q / "dev" / f"{src.stem}.jsonl", dev)
        write(Q / "test" / f"{src.stem}.jsonl", test)
        print(f"{src.stem}: {len(posts)} posts -> dev {len(dev)}, test {len(test)}")


def move(ids):
    want = set(ids)
    for f in sorted((Q / "test").glob("*.jsonl")):
        posts = read(f)
        keep = [p for p in posts if p["id"] not in want]
        moved = [p for p in posts if p["id"] in want]
        if moved:
            dev = Q / "dev" / f.name
            write(dev, (read(dev) if dev.exists() else []) + moved)
            write(f, keep)
            for p in moved:
                want.discard(p["id"])
                print(f"moved {p['id']} to {dev.relative_to(ROOT)}")
    if want:
        die(f"not in the test part: {sorted(want)}")


def check():
    rows = []
    seen_ids, seen_texts = {}, {}
    for part in ["dev", "test"]:
        posts = []
        for f in sorted((Q / part).glob("*.jsonl")):
            for p in read(f):
                if p["id"] in seen_ids:
                    die(f"{f}: id {p['id']} also in {seen_ids[p['id']]}")
                if p["text"] in seen_texts:
                    die(f"{f}: {p['id']} has the same text as {seen_texts[p['text']]}")
                seen_ids[p["id"]] = f.name
                seen_texts[p["text"]] = p["id"]
                posts.append(p)
        clean = sum(1 for p in posts if not p["labels"])
        rows.append((part, len(posts), clean, posts))
    print("| part | posts | clean | " + " | ".join(CATEGORIES) + " |")
    print("|---|---|---|" + "---|" * len(CATEGORIES))
    for part, n, clean, posts in rows:
        cells = []
        for c in CATEGORIES:
            pos = sum(1 for p in posts if c in p["labels"])
            neg = sum(1 for p in posts if applies(c, p) and c not in p["labels"])
            cells.append(f"{pos} / {neg}")
        print(f"| {part} | {n} | {clean} | " + " | ".join(cells) + " |")
    print("\n(cells: positives / applicable negatives)")


def main(argv):
    if len(argv) < 2:
        die(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd in ("-h", "--help"):
        print(__doc__)
    elif cmd == "split" and args:
        split(args)
    elif cmd == "move" and args:
        move(args)
    elif cmd == "check" and not args:
        check()
    else:
        die(f"usage: see {Path(argv[0]).name} --help")


if __name__ == "__main__":
    main(sys.argv)
