//! Inputs found while fuzzing (`./build.sh fuzz`, see README.md), kept as
//! regression tests. Each reproducer is inline.

use postguard::{Checker, Pack};
use std::time::{Duration, Instant};

/// A small valid pack; `{LEXICONS}`, `{PATTERNS}` and `{GUARDS}` are filled in by the tests.
const PACK: &str = r#"
[pack]
name = "Fuzz"
version = "1"
policy = "Fuzz policy"

[organization]
name = "the Town"
email_domains = ["town.example.gov"]
disclaimer = "My views only."

[lexicons]
{LEXICONS}

[signals.word]
patterns = [{PATTERNS}]
not_preceded_by = [{GUARDS}]

[[rules]]
id = "conduct.word"
category = "conduct"
severity = "warning"
clause = "personal.disclaimer"
anchor = "word"
summary = "s"
message = "m"
explanation = "e"
example = "x"
counter_example = "y"
"#;

/// Lexicons `l1`..`l5` where `{l1}` alone expands to about 400 KB: under the
/// per-pattern limit (1 MiB), 16^4 copies of a 3-byte word in its group.
fn lexicons() -> String {
    let mut s = String::new();
    for i in 1..5 {
        s.push_str(&format!("l{i} = ['{}']\n", format!("{{l{}}}", i + 1).repeat(16)));
    }
    s.push_str("l5 = ['abc']\n");
    s
}

fn pack(extra_lexicons: &str, patterns: &str, guards: &str) -> String {
    PACK.replace("{LEXICONS}", &format!("{}{extra_lexicons}", lexicons())).replace("{PATTERNS}", patterns).replace("{GUARDS}", guards)
}

fn compile(source: &str) -> (Result<Checker, postguard::PackError>, Duration) {
    let t = Instant::now();
    let r = Pack::from_toml(source, "fuzz.toml").and_then(Checker::new);
    (r, t.elapsed())
}

#[test]
fn the_reproducer_pack_compiles_without_the_bomb() {
    let (r, _) = compile(&pack("", "'\\bword\\b'", "'not '"));
    assert!(r.is_ok(), "{:?}", r.err());
}

/// A lexicon of 3,000 items that each expand to 400 KB: every item is under
/// the per-pattern limit, but the parts were all built (1.2 GB) before the
/// joined pattern was measured. Now the growing parts are measured.
#[test]
fn a_wide_lexicon_of_large_items_is_stopped_as_it_grows() {
    let wide = format!("wide = [{}]\n", vec!["'{l1}'"; 3000].join(", "));
    let (r, t) = compile(&pack(&wide, "'{wide}'", "'not '"));
    let e = r.err().expect("refused");
    assert_eq!(e.field, "signals.word.patterns[0]");
    assert!(e.message.contains("expand"), "{e:?}");
    assert!(t < Duration::from_secs(20), "took {t:?}");
}

/// Three patterns of 400 KB each: each under the per-pattern limit, so the
/// pack compiled (1.2 MB of patterns; with more patterns, unbounded memory
/// and minutes of syntax checking). Now the pack's total is bounded too.
#[test]
fn many_large_patterns_are_bounded_in_total() {
    let (r, t) = compile(&pack("", "'{l1}', '{l1}', '{l1}'", "'not '"));
    let e = r.err().expect("refused");
    assert_eq!(e.field, "signals.word.patterns[2]");
    assert!(e.message.contains("in all"), "{e:?}");
    assert!(t < Duration::from_secs(20), "took {t:?}");
}

/// The same through the context guards, which are built eagerly.
#[test]
fn many_large_guards_are_bounded_in_total() {
    let (r, _) = compile(&pack("", "'\\bword\\b'", "'{l1}', '{l1}', '{l1}'"));
    let e = r.err().expect("refused");
    assert_eq!(e.field, "signals.word.not_preceded_by[2]");
    assert!(e.message.contains("in all"), "{e:?}");
}
