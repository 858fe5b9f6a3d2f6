#!/usr/bin/env python3
"""Generate src/unicode_tables.rs from Unicode's own security data.

Source: the `unicode-security` crate's generated tables (Unicode 18.0
confusables.txt and DerivedCoreProperties Default_Ignorable_Code_Point), which
`cargo fetch` places in the cargo registry (it is a dev-dependency, so it is
there after `cargo test`). A test (tests/unicode_tables.rs) checks the generated
table against the crate's `skeleton()` for every entry, so the table cannot
drift from the data it claims to come from.

We keep only what the matcher needs:
  * DEFAULT_IGNORABLE: every Default_Ignorable_Code_Point range (removed from
    the matching view: zero-width spaces, joiners, soft hyphens, bidi controls,
    variation selectors, tag characters ...);
  * CONFUSABLE_ASCII: non-ASCII characters whose confusable prototype is one
    ASCII letter, digit, '@' or '.', folded to lowercase (Cyrillic 'а' -> 'a',
    Greek 'ο' -> 'o', Cherokee, Latin small capitals, ...). Characters that NFKC
    already folds (fullwidth forms, mathematical alphanumerics) are folded
    before this table is consulted, but are kept: the table is small.

  * DECIMAL_ZEROS: the ZERO of every non-ASCII run of General_Category=Nd
    decimal digits. Unicode encodes each script's decimal digits as one
    contiguous run from 0 to 9 (a stability policy), so a digit's value is its
    distance from the zero before it. From the `unicodedata2` package (PyPI,
    tracks the newest Unicode); the script refuses to run if its Unicode
    version differs from the confusables data.

  * DASH_LIKE: what a reader takes for a hyphen between digits: every
    General_Category=Pd dash, and every character confusable with one (same
    prototype as '-' or as a Pd dash: minus signs, the heavy minus, box-drawing
    horizontals, the katakana prolonged sound mark), except letters of a script
    (Lu/Ll/Lt/Lo: CJK "one", Hangul "eu") and marks, whose look is a
    coincidence of shape. Pd dashes whose prototype is another ASCII symbol
    ('=' for the double hyphen, '~' for the wave dash) are still dashes by
    category; the other '='- and '~'-confusables are not. A Pd character whose
    prototype is a letter (the vertical dashes look like 'l') is that letter.
  * DOT_LIKE: what a reader takes for a full stop inside an address: every
    character whose prototype is '.', the middle dot U+00B7 or the ideographic
    full stop's ring U+02F3, and those prototypes, except letters of a script,
    decimal digits (a digit is a dot only between letters: src/normalize.rs)
    and combining marks (a mark is a dot only on ASCII text).

Usage: pip install unicodedata2 && python3 scripts/gen-unicode-tables.py > src/unicode_tables.rs
"""
import glob, os, re, sys
try:
    import unicodedata2 as ud
except ImportError:
    sys.exit("pip install unicodedata2 first (it carries the newest Unicode character database)")

paths = sorted(glob.glob(os.path.expanduser(
    "~/.cargo/registry/src/*/unicode-security-0.1.*/src/tables.rs")))
if not paths:
    sys.exit("unicode-security is not in the cargo registry: run `cargo fetch` first")
src = open(paths[-1], encoding="utf-8").read()
ver = re.search(r"UNICODE_VERSION: \(u64, u64, u64\) = \((\d+), (\d+), (\d+)\)", src).groups()

def u(s):
    return int(s, 16)

di_block = src[src.index("const DEFAULT_IGNORABLE"):]
di_block = di_block[:di_block.index("];")]
ranges = [(u(a), u(b)) for a, b in re.findall(r"\('\\u\{([0-9a-f]+)\}',\s*'\\u\{([0-9a-f]+)\}'\)", di_block)]

cf_block = src[src.index("const CONFUSABLES: &'static [(char"):]
cf_block = cf_block[:cf_block.index("];")]
pairs = []
for s, targets in re.findall(r"\('\\u\{([0-9a-f]+)\}',\s*&\[([^\]]*)\]\)", cf_block):
    t = [u(x) for x in re.findall(r"\\u\{([0-9a-f]+)\}", targets)]
    c = u(s)
    if c < 0x80 or len(t) != 1:
        continue
    tc = chr(t[0])
    if tc.isascii() and (tc.isalnum() or tc in "@."):
        pairs.append((c, tc.lower()))

if ud.unidata_version != ".".join(ver):
    sys.exit("unicodedata2 has Unicode %s but the confusables data is %s" % (ud.unidata_version, ".".join(ver)))
zeros = []
for c in range(0x80, 0x110000):
    ch = chr(c)
    if ud.category(ch) == "Nd" and ud.decimal(ch) == 0:
        assert all(ud.decimal(chr(c + i), -1) == i for i in range(10)), hex(c)
        zeros.append(c)
LETTER = {"Lu", "Ll", "Lt", "Lo"}
proto = {}
for s_, targets in re.findall(r"\('\\u\{([0-9a-f]+)\}',\s*&\[([^\]]*)\]\)", cf_block):
    t = [u(x) for x in re.findall(r"\\u\{([0-9a-f]+)\}", targets)]
    if len(t) == 1:
        proto[u(s_)] = t[0]
pd = [c for c in range(0x80, 0x110000) if ud.category(chr(c)) == "Pd"]
dash_protos = {0x2D} | {proto[c] for c in pd if c in proto and proto[c] >= 0x80}
dash_like = set(pd) | {c for c, t in proto.items() if t in dash_protos and c >= 0x80
                       and ud.category(chr(c)) not in LETTER and not ud.category(chr(c)).startswith("M")}
dash_like |= {t for t in dash_protos if t >= 0x80}
# A vertical dash looks like a bar: where confusables.txt gives an ASCII letter or digit as the
# prototype, the look wins (U+FE31 is an 'l' between letters), as for every other confusable.
looks_alnum = lambda c: c in proto and proto[c] < 0x80 and chr(proto[c]).isalnum()
dash_like = {c for c in dash_like if not looks_alnum(c)}
dot_protos = {0x2E, 0xB7, 0x2F3}
dot_like = {c for c, t in proto.items() if t in dot_protos and c >= 0x80}
dot_like |= {t for t in dot_protos if t >= 0x80} | {0x2E33, 0x387}
dot_like = {c for c in dot_like if ud.category(chr(c)) not in LETTER | {"Nd"} and not ud.category(chr(c)).startswith("M")}
assert not dash_like & dot_like, sorted(dash_like & dot_like)
nd_count = sum(1 for c in range(0x80, 0x110000) if ud.category(chr(c)) == "Nd")
assert nd_count == 10 * len(zeros), (nd_count, len(zeros))

out = []
out.append("// @generated by scripts/gen-unicode-tables.py from Unicode %s.%s.%s data" % ver)
out.append("// (confusables.txt and Default_Ignorable_Code_Point, via the unicode-security crate).")
out.append("// Do not edit by hand; tests/unicode_tables.rs checks it against the source.")
out.append("")
out.append("/// Unicode version of the data below.")
out.append("pub const UNICODE_VERSION: (u8, u8, u8) = (%s, %s, %s);" % ver)
out.append("")
out.append("/// Default_Ignorable_Code_Point ranges (inclusive), sorted.")
out.append("pub const DEFAULT_IGNORABLE: &[(char, char)] = &[")
for a, b in ranges:
    out.append("    ('\\u{%x}', '\\u{%x}')," % (a, b))
out.append("];")
out.append("")
out.append("/// Non-ASCII characters whose confusable prototype is one ASCII letter, digit, '@' or '.',")
out.append("/// mapped to that character in lowercase. Sorted by the first field.")
out.append("pub const CONFUSABLE_ASCII: &[(char, u8)] = &[")
for c, t in pairs:
    out.append("    ('\\u{%x}', b'%s')," % (c, t))
out.append("];")
out.append("")
out.append("/// The ZERO of every non-ASCII run of decimal digits (General_Category=Nd), sorted.")
out.append("/// Each run holds the digits 0 to 9 in order, so `c - zero` is the value of `c`.")
out.append("pub const DECIMAL_ZEROS: &[char] = &[")
for z in zeros:
    out.append("    '\\u{%x}'," % z)
out.append("];")
def char_table(name, doc, chars):
    out.append("")
    out.extend("/// " + line for line in doc)
    out.append("pub const %s: &[char] = &[" % name)
    for c in sorted(chars):
        out.append("    '\\u{%x}', // %s" % (c, ud.name(chr(c), "?")))
    out.append("];")

char_table("DASH_LIKE", ["Non-ASCII characters read as a hyphen: General_Category=Pd and their confusables",
                         "(see scripts/gen-unicode-tables.py for the exact rule), sorted."], dash_like)
char_table("DOT_LIKE", ["Non-ASCII characters read as a full stop: confusables of '.', of the middle dot and",
                        "of the ideographic full stop (see scripts/gen-unicode-tables.py), sorted."], dot_like)
print("\n".join(out))
