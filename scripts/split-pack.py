#!/usr/bin/env python3
"""Split a one-file policy pack (the old `policy/rochester.toml` layout) into a
pack directory, one file per rule, signal and lexicon:

    DIR/pack.toml                         [pack], [organization], [clauses], [index] (rule order)
    DIR/rules/<category>/<what>.toml      the rule <category>.<what> (page statements too:
                                          rules/page-statements/<what>.toml)
    DIR/signals/<name>.toml               the signal <name>
    DIR/lexicons/<name>.toml              the lexicon <name> (`entries = [...]`)

The text is moved, not re-serialised: every comment stays with the item it
precedes (a comment block directly above a lexicon, signal or rule goes into
its file), and the section dividers (`# ----`) are dropped. The result is
checked: parsed back with tomllib it must equal the input, item by item.

It also brings a pack written for an older engine up to date: the signals an
override extends name the override list (`extended_by`), and `[organization]`
names the separators of the built-in domain patterns (`domain_dot`,
`domain_dot_obfuscated`), where the engine used to know the names `custom_term`,
`disclaimer`, `dot` and `dot_word`.

Usage (rerun whenever the one-file pack changes, e.g. from main before a merge):

    python3 scripts/split-pack.py policy/rochester.toml policy/rochester
    git show main:policy/rochester.toml > /tmp/r.toml && python3 scripts/split-pack.py /tmp/r.toml policy/rochester

DIR's rules/, signals/ and lexicons/ are replaced; other files in DIR are kept.
"""
import re
import shutil
import sys
import tomllib
from pathlib import Path

HEADER = """\
# PostGuard policy pack: {name}.
# {policy}; clause ids refer to policy/rochester-social-media-policy.md.
#
# This directory is the pack; its path is what `postguard --policy` takes, and
# the build embeds it (build.rs). Every name leads to one file:
#   rules/<category>/<what>.toml   the rule <category>.<what>: its documentation
#                                  (summary, message, explanation), example and
#                                  counter-example, modes and roles, scope, and the
#                                  signals it combines (anchor, requires, unless);
#                                  rules/page-statements/ holds the page check's statements
#   signals/<name>.toml            the signal <name>: what to look for (patterns,
#                                  literals, a validator or detector, guards, or
#                                  `all_of` other signals)
#   lexicons/<name>.toml           the lexicon <name>, written {{name}} in patterns
# ARCHITECTURE.md ("The policy pack") explains every field.
#
# Regexes are written as TOML literal strings ('...', or '''...''' when they
# hold an apostrophe), so backslashes are single.
"""

INDEX_COMMENT = """\
# Every rule and page statement of the pack, in the order `postguard rules`
# lists them and findings at one position are reported. Each id names its file
# (rules/<category>/<what>.toml); a file not listed here, or an id without a
# file, is an error.
"""

DIVIDER = re.compile(r"^# ?-{5,}\s*$")
TITLE = re.compile(r"^# --- (.*?) ?-*\s*$")
# Comments about the one-file layout itself, which the directory replaces.
STRUCTURAL = ("# Signals", "# Rules. Order is")
LEX_ENTRY = re.compile(r"^([a-z_][a-z0-9_]*)\s*=")


def split(text):
    lines = text.split("\n")
    section = None
    starts = []  # (line index, kind, name)
    inside = None  # the delimiter of the multi-line string a line is in
    for i, line in enumerate(lines):
        was_inside = inside
        rest = line
        while True:
            if inside is None:
                found = [(rest.find(d), d) for d in ('"""', "'''") if d in rest]
                if not found:
                    break
                at, inside = min(found)
                rest = rest[at + 3:]
            else:
                at = rest.find(inside)
                if at < 0:
                    break
                rest = rest[at + 3:]
                inside = None
        if was_inside:
            continue
        if line.startswith("["):
            h = line.strip()
            if h == "[[rules]]":
                starts.append((i, "rule", None))
                section = "rules"
            elif h == "[[page_statements]]":
                starts.append((i, "page", None))
                section = "page"
            elif h.startswith("[signals."):
                starts.append((i, "signal", h[len("[signals."):-1]))
                section = "signals"
            elif h in ("[pack]", "[organization]", "[lexicons]", "[clauses]"):
                starts.append((i, h[1:-1], None))
                section = h[1:-1]
            else:
                sys.exit(f"line {i + 1}: unexpected table {h}")
        elif section == "lexicons":
            m = LEX_ENTRY.match(line)
            if m:
                starts.append((i, "lexicon", m.group(1)))
    items = []
    orphans = []
    carried = {}
    for k, (s, kind, name) in enumerate(starts):
        lead = s
        while lead > 0 and lines[lead - 1].startswith("#"):
            lead -= 1
        items.append([lead, s, kind, name])
    for k, it in enumerate(items):
        end = items[k + 1][0] if k + 1 < len(items) else len(lines)
        body = lines[it[1]:end]
        while True:
            while body and not body[-1].strip():
                body.pop()
            # A comment block after a blank line at the end of an item is a
            # section comment (it precedes a divider or a group): not the item's.
            j = len(body)
            while j > 0 and body[j - 1].startswith("#"):
                j -= 1
            if j < len(body) and j > 0 and not body[j - 1].strip():
                block = [l for l in body[j:] if not DIVIDER.match(l)]
                del body[j:]
                if block and not any(block[0].startswith(s) for s in STRUCTURAL):
                    # A group's comment: it goes with the group's first item.
                    carried[k + 1] = block + [""] + carried.get(k + 1, [])
                else:
                    orphans.append(block)
                continue
            break
        lead = carried.get(k, []) + [l for l in lines[it[0]:it[1]] if not DIVIDER.match(l)]
        lead = [("# " + TITLE.match(l).group(1)) if TITLE.match(l) else l for l in lead]
        it.append(lead)
        it.append(body)
    return items, orphans


def write(path, lines):
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines).strip("\n") + "\n"
    path.write_text(text, encoding="utf-8")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    text = src.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    items, orphans = split(text)
    for o in orphans:
        first = next((l for l in o if not DIVIDER.match(l)), "")
        print(f"dropped a section comment: {first[:70]}", file=sys.stderr)
    for d in ("rules", "signals", "lexicons"):
        shutil.rmtree(out / d, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    top = {"pack": [], "organization": [], "clauses": []}
    order = []
    for it in items:
        _, _, kind, name, lead, body = it
        if kind in top:
            top[kind] = lead + body
        elif kind == "lexicons":
            continue
        elif kind == "lexicon":
            first = LEX_ENTRY.sub("entries =", body[0], count=1)
            write(out / "lexicons" / f"{name}.toml", lead + [first] + body[1:])
        elif kind == "signal":
            body = body[1:]
            write(out / "signals" / f"{name}.toml", lead + body)
        elif kind in ("rule", "page"):
            body = body[1:]
            rid = None
            keep = []
            for line in body:
                m = re.match(r'^(id|category) = "([^"]*)"\s*$', line)
                if m and m.group(1) == "id" and rid is None:
                    rid = m.group(2)
                    continue
                if m and m.group(1) == "category":
                    continue
                keep.append(line)
            cat, what = rid.split(".", 1)
            order.append(rid)
            write(out / "rules" / cat / f"{what}.toml", lead + keep)
    # Mechanisms the pack names (older packs left them to the engine).
    org = top["organization"]
    if not any(l.startswith("domain_dot") for l in org):
        org += [
            "# How the built-in {org_domain} and {org_domain_obf} patterns separate the labels",
            "# of `email_domains` (pattern fragments; a plain `\\.` when left out).",
            "domain_dot = '{dot}'",
            "domain_dot_obfuscated = '{dot_word}'",
        ]
    for name, field in (("custom_term", "confidential_terms"), ("disclaimer", "disclaimers")):
        p = out / "signals" / f"{name}.toml"
        if p.exists():
            t = p.read_text(encoding="utf-8")
            if "extended_by" not in t:
                lines = t.rstrip("\n").split("\n")
                at = next(i for i, l in enumerate(lines) if l.startswith("description")) + 1
                lines.insert(at, f'extended_by = "{field}"')
                write(p, lines)
    pack_toml = HEADER.format(name=data["pack"]["name"], policy=data["pack"]["policy"]).split("\n")
    pack_toml += top["pack"] + [""] + top["organization"]
    if top["clauses"]:
        pack_toml += [""] + top["clauses"]
    pack_toml += ["", INDEX_COMMENT.rstrip("\n"), "[index]", "rules = ["] + [f'  "{r}",' for r in order] + ["]"]
    write(out / "pack.toml", pack_toml)
    check(data, out, order)
    print(f"{out}: {len(order)} rules and page statements, {len(data['signals'])} signals, {len(data.get('lexicons', {}))} lexicons")


def check(data, out, order):
    """The directory parses back to the one-file pack (plus the new fields)."""
    top = tomllib.loads((out / "pack.toml").read_text(encoding="utf-8"))
    assert top["index"]["rules"] == order
    org = dict(top["organization"])
    org.pop("domain_dot", None)
    org.pop("domain_dot_obfuscated", None)
    assert org == data["organization"], "organization"
    assert top["pack"] == data["pack"], "pack"
    assert top.get("clauses", {}) == data.get("clauses", {}), "clauses"
    lex = {p.stem: tomllib.loads(p.read_text(encoding="utf-8"))["entries"] for p in (out / "lexicons").glob("*.toml")}
    assert lex == data.get("lexicons", {}), "lexicons"
    sig = {}
    for p in (out / "signals").glob("*.toml"):
        s = tomllib.loads(p.read_text(encoding="utf-8"))
        s.pop("extended_by", None)
        sig[p.stem] = s
    assert sig == data["signals"], "signals"
    rules = []
    pages = []
    for rid in order:
        cat, what = rid.split(".", 1)
        r = tomllib.loads((out / "rules" / cat / f"{what}.toml").read_text(encoding="utf-8"))
        if cat == "page-statements":
            pages.append({"id": rid, **r})
        else:
            rules.append({"id": rid, "category": cat, **r})
    assert rules == data["rules"], "rules"
    assert pages == data.get("page_statements", []), "page statements"


if __name__ == "__main__":
    main()
