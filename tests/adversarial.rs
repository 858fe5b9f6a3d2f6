//! Adversarial input: 10 MB pastes built to hit each stage's worst case, and
//! policy files that are deeply nested, huge, exponential, mistyped or full
//! of bad regexes. Every one must end with findings whose spans are valid, or
//! with an error naming the field, never a panic or a hang.
//!
//! Run time is printed (`cargo test --test adversarial -- --nocapture`), not
//! asserted as a speed. What is asserted is the shape of the growth: each
//! input is checked at 1 MB and at 10 MB, and ten times the input must not
//! cost anywhere near a hundred times the time (what a quadratic step would
//! cost). The bound is loose (40x, and only when the 10 MB run takes over a
//! second) so a busy machine cannot fail it; a watchdog fails any single
//! check that runs past two minutes.

use postguard::{Checker, Context, Finding, Mode, PackOverride, Role};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const MB: usize = 1 << 20;

fn checker() -> &'static Checker {
    static C: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    C.get_or_init(Checker::rochester)
}

/// `unit` repeated to about `bytes` bytes.
fn fill(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()).max(1))
}

/// Check `text` on a worker thread; fail if it takes longer than the watchdog.
fn timed_check(name: &str, text: String, ctx: Context) -> (Vec<Finding>, Duration, String) {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(8 * MB)
        .spawn(move || {
            let t = Instant::now();
            let f = checker().check(&text, &ctx);
            let _ = tx.send((f, t.elapsed(), text));
        })
        .unwrap();
    rx.recv_timeout(Duration::from_secs(120)).unwrap_or_else(|_| panic!("{name}: no result within 120 s (a hang)"))
}

/// Every span is on char boundaries, inside the text, with UTF-16 offsets
/// equal to the UTF-16 length of the prefix (checked in one pass).
fn assert_spans(name: &str, text: &str, findings: &[Finding]) {
    let mut wanted: Vec<usize> = Vec::new();
    for f in findings {
        assert!(f.byte_start <= f.byte_end && f.byte_end <= text.len(), "{name}: {f:?}");
        assert!(text.is_char_boundary(f.byte_start) && text.is_char_boundary(f.byte_end), "{name}: {f:?}");
        wanted.extend([f.byte_start, f.byte_end]);
        for e in f.fixes.iter().flat_map(|x| &x.edits) {
            assert!(text.is_char_boundary(e.byte_start) && text.is_char_boundary(e.byte_end) && e.byte_end <= text.len());
            wanted.extend([e.byte_start, e.byte_end]);
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    let mut utf16 = std::collections::HashMap::new();
    let (mut units, mut w) = (0usize, 0usize);
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), '\0'))) {
        while w < wanted.len() && wanted[w] == i {
            utf16.insert(i, units);
            w += 1;
        }
        units += c.len_utf16();
    }
    for f in findings {
        assert_eq!((f.start, f.end), (utf16[&f.byte_start], utf16[&f.byte_end]), "{name}: UTF-16 span of {f:?}");
        for e in f.fixes.iter().flat_map(|x| &x.edits) {
            assert_eq!((e.start, e.end), (utf16[&e.byte_start], utf16[&e.byte_end]), "{name}: UTF-16 edit span");
        }
    }
}

/// The inputs the issue names, and the worst cases of each stage of the engine.
fn units() -> Vec<(&'static str, String)> {
    vec![
        ("digits", "1234567890".into()),
        ("nine-digit runs", "212455530 ".into()),
        ("at signs", "@".into()),
        ("emails", "jdoe@rochestermn.gov ".into()),
        ("obfuscated emails", "jdoe [at] rochestermn [dot] gov ".into()),
        ("email look-alikes", "ｊｄｏｅ＠ｒｏｃｈｅｓｔｅｒｍｎ．ｇｏｖ ".into()),
        ("right-to-left overrides", "\u{202E}".into()),
        ("reversed addresses", "\u{202E}vog.nmretsehcor@eodj\u{202C} ".into()),
        ("combining marks", "a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}".into()),
        ("zero-width characters", "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}".into()),
        ("decimal digits of other scripts", "\u{662}\u{661}\u{662}-\u{664}\u{665}-\u{665}\u{665}\u{663}\u{660} ".into()),
        ("SSNs", "SSN 212-45-5530 ".into()),
        ("dots", ".".into()),
        ("newlines", "\n".into()),
        ("emoji", "👩‍👩‍👧🎉".into()),
        ("replacement characters", "\u{FFFD}".into()),
        ("one long word", "a".into()),
        ("self-identification and City topics", "As a City employee the snowplow budget is a mess. ".into()),
        ("names and medical words", "Our coworker Dan Smith has been diagnosed with cancer. ".into()),
        ("credential labels", "password: password: pin pin code ".into()),
        // City mode's accuracy detectors (src/accuracy.rs).
        ("doubled words and articles", "the the a hour an unit could of been ".into()),
        ("misspellings", "recieve goverment ".into()),
        ("opening brackets", "(".into()),
        ("closing brackets in a link", "x.org/)".into()),
        ("list markers", "a)".into()),
        ("punctuation", ",, .. ; , ".into()),
    ]
}

#[test]
fn ten_megabyte_pastes_are_checked_in_linear_time_with_valid_spans() {
    let mut report = Vec::new();
    for (name, unit) in units() {
        // Personal mode with the police role runs the most rules; city mode
        // adds the political, endorsement and personal-views rules.
        for ctx in [Context { mode: Mode::Personal, role: Role::Police }, Context { mode: Mode::City, role: Role::Council }] {
            let (small, t1, small_text) = timed_check(name, fill(&unit, MB), ctx);
            assert_spans(name, &small_text, &small);
            drop(small_text);
            let (big, t10, big_text) = timed_check(name, fill(&unit, 10 * MB), ctx);
            assert_spans(name, &big_text, &big);
            let ratio = t10.as_secs_f64() / t1.as_secs_f64().max(0.002);
            report.push(format!(
                "{name:40} {:8} 1 MB {:7.1} ms   10 MB {:8.1} ms ({:5.1} MB/s, {:.1}x)  findings {}",
                ctx.mode.as_str(),
                t1.as_secs_f64() * 1e3,
                t10.as_secs_f64() * 1e3,
                10.0 / t10.as_secs_f64(),
                ratio,
                big.len()
            ));
            // Both conditions, so that a scheduling hiccup on a fast input
            // cannot fail the test: only a slow step that grows super-linearly.
            assert!(ratio < 40.0 || t10 < Duration::from_secs(1), "{name}: 10x the input took {ratio:.1}x the time (1 MB {t1:?}, 10 MB {t10:?}): super-linear");
        }
    }
    println!("{}", report.join("\n"));
}

fn pack_error(source: &str) -> postguard::PackError {
    match Checker::from_toml(source, "bad.toml").and_then(|c| c.precompile().map(|_| c)) {
        Ok(_) => panic!("accepted: {}", &source[..source.len().min(200)]),
        Err(e) => e,
    }
}

fn override_error(source: &str) -> postguard::PackError {
    match PackOverride::from_toml(source, "o.toml").and_then(|o| Checker::with_override(&o, "o.toml")) {
        Ok(_) => panic!("accepted: {}", &source[..source.len().min(200)]),
        Err(e) => e,
    }
}

/// The embedded pack as one TOML file (its directory joined), to mutate as text.
fn pack() -> &'static str {
    static PACK: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PACK.get_or_init(|| postguard::pack::join_files(postguard::embedded::embedded_files()))
}

/// The composed self-identification signal's parts.
const COMPOSED: &str = "all_of = [\"work_tie\", \"city_unit\"]";

/// The start of the routing-number signal's pattern, a place to put things.
const ROUTING: &str = "patterns = ['\\b(?:{routing_context})";

/// `source` with the first `from` replaced (which must be there, so that a
/// test cannot pass on an unchanged pack).
fn edit(source: &str, from: &str, to: &str) -> String {
    assert!(source.contains(from), "the pack has no {from:?}");
    source.replacen(from, to, 1)
}

#[test]
fn deeply_nested_policy_files_are_errors_not_stack_overflows() {
    for source in [
        format!("disable = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        format!("a = {}1{}\n", "{ b = ".repeat(50_000), " }".repeat(50_000)),
        (1..2_000).map(|i| format!("[{}]\n", vec!["t"; i].join("."))).collect(),
    ] {
        let e = override_error(&source);
        assert!(!e.message.is_empty(), "{e:?}");
        let e = pack_error(&source);
        assert!(!e.message.is_empty(), "{e:?}");
    }
}

#[test]
fn wrong_types_unknown_fields_and_bad_regexes_name_the_field() {
    let cases: Vec<(String, &str)> = vec![
        (edit(pack(), "[signals.routing_number]", "[signals.routing_number]\nflavour = \"x\""), "signals.routing_number.flavour"),
        (edit(pack(), "patterns = ['\\b(?:{routing_context})", "patterns = ['((((\\b(?:{routing_context})"), "signals.routing_number.patterns[0]"),
        (edit(pack(), "patterns = ['\\b(?:{routing_context})", "patterns = ['{no_such_lexicon}\\b(?:{routing_context})"), "signals.routing_number.patterns[0]"),
        (edit(pack(), "patterns = ['\\b(?:{routing_context})", "patterns = ['(?:(?:a{1000}){1000}){50}\\b(?:{routing_context})"), "signals.routing_number.patterns[0]"),
        (edit(pack(), "validate = \"aba\"", "validate = 9"), "signals.routing_number.validate"),
        (edit(pack(), "validate = \"aba\"", "validate = \"crc32\""), "signals.routing_number.validate"),
        (edit(pack(), "id = \"disclaimer.missing\"", "id = []"), "rules[0].id"),
        (edit(pack(), "severity = \"warning\"", "severity = \"fatal\""), "rules[0].severity"),
        (edit(pack(), "\n[lexicons]\n", "\ncolour = 3\n[lexicons]\n"), "organization.colour"),
        // Composed signals: parts must exist and be plain; a composed signal
        // has nothing of its own to search; `none_of` needs `all_of`.
        (edit(pack(), COMPOSED, "all_of = [\"work_tie\", \"no_such_signal\"]"), "signals.self_id_composed.all_of"),
        (edit(pack(), COMPOSED, "all_of = [\"work_tie\", \"self_id_composed\"]"), "signals.self_id_composed.all_of"),
        (edit(pack(), COMPOSED, "all_of = [\"work_tie\", \"city_unit\"]\npatterns = ['x']"), "signals.self_id_composed.all_of"),
        (edit(pack(), COMPOSED, "all_of = [\"work_tie\", \"city_unit\"]\nnot_preceded_by = ['x']"), "signals.self_id_composed.all_of"),
        (edit(pack(), COMPOSED, "all_of = []"), "signals.self_id_composed.none_of"),
        (edit(pack(), "none_of = [\"not_own_city_job\"]", "none_of = [\"nobody\"]"), "signals.self_id_composed.none_of"),
    ];
    for (source, field) in cases {
        let e = pack_error(&source);
        assert!(e.field == field || e.field.starts_with(&format!("{field}.")) || e.field.starts_with(&format!("{field}[")), "wanted {field}, got {e:?}");
        assert!(!e.message.is_empty());
        assert_eq!(e.file, "bad.toml");
        assert!(e.line.is_some(), "{e:?}");
    }
    for (source, field) in [
        ("colour = \"red\"", "colour"),
        ("disable = 5", "disable"),
        ("disable = [\"no.such-rule\"]", "disable[0]"),
        ("severity = { \"city-email.address\" = \"fatal\" }", "severity"),
        ("email_domains = [\"not a domain\"]", "email_domains[0]"),
        ("confidential_terms = [\"x\"]", "confidential_terms[0]"),
        ("disclaimer_text = \"  \"", "disclaimer_text"),
    ] {
        let e = override_error(source);
        assert!(e.field.starts_with(field), "{source}: wanted {field}, got {e:?}");
    }
}

#[test]
fn lexicons_that_multiply_are_stopped_before_they_exhaust_memory() {
    // Ten references per level, seven levels: 10^7 copies if expanded.
    let mut lex = String::from("\n[lexicons]\nl7 = ['abcdefghij']\n");
    for i in (0..7).rev() {
        lex.push_str(&format!("l{i} = ['{}']\n", format!("{{l{}}}", i + 1).repeat(10)));
    }
    let source = edit(&edit(pack(), "\n[lexicons]\n", &lex), ROUTING, "patterns = ['{l0}\\b(?:{routing_context})");
    let t = Instant::now();
    let e = pack_error(&source);
    assert!(e.message.contains("expand"), "{e:?}");
    assert!(t.elapsed() < Duration::from_secs(60), "took {:?}", t.elapsed());
    // A cycle is an error too.
    let source = edit(&edit(pack(), "\n[lexicons]\n", "\n[lexicons]\nla = ['{lb}']\nlb = ['{la}']\n"), ROUTING, "patterns = ['{la}\\b(?:{routing_context})");
    assert!(pack_error(&source).message.contains("deep"));
}

#[test]
fn huge_policy_files_parse_or_fail_in_bounded_time() {
    // 200,000 lexicon entries: compiles, or is refused as too large, by name.
    let entries: Vec<String> = (0..200_000).map(|i| format!("'w{i:06}x'")).collect();
    let source = edit(&edit(pack(), "\n[lexicons]\n", &format!("\n[lexicons]\nhuge = [{}]\n", entries.join(", "))), ROUTING, "patterns = ['{huge}\\b(?:{routing_context})");
    let t = Instant::now();
    match Checker::from_toml(&source, "huge.toml").and_then(|c| c.precompile()) {
        Ok(()) => {}
        Err(e) => assert!(e.field.starts_with("signals.routing_number.patterns"), "{e:?}"),
    }
    println!("200,000-entry lexicon: {:?}", t.elapsed());
    // Override lists over their limits are refused by count or size, naming the field.
    let terms = |n: usize, len: usize| (0..n).map(|i| format!("\"Project {}\"", format!("{i:0len$}"))).collect::<Vec<_>>().join(",");
    let e = override_error(&format!("confidential_terms = [{}]", terms(10_001, 6)));
    assert_eq!(e.field, "confidential_terms");
    assert!(e.message.contains("at most 10000"), "{e:?}");
    let e = override_error(&format!("disclaimers = [{}]", terms(5_000, 400)));
    assert_eq!(e.field, "disclaimers");
    assert!(e.message.contains("bytes"), "{e:?}");
    let domains = (0..1_001).map(|i| format!("\"d{i}.example.gov\"")).collect::<Vec<_>>().join(",");
    assert_eq!(override_error(&format!("email_domains = [{domains}]")).field, "email_domains");
    // The largest allowed list works, and its terms are found.
    let o = PackOverride::from_toml(&format!("confidential_terms = [{}]", terms(10_000, 6)), "o.toml").unwrap();
    let c = Checker::with_override(&o, "o.toml").unwrap();
    let f = c.check("Can't wait for Project 009876 to launch", &Context::default());
    assert!(f.iter().any(|f| f.rule == "confidential.custom-term"), "{f:?}");
}

mod pack_properties {
    use super::*;
    use proptest::prelude::*;

    /// A mutation of the embedded pack: cut a byte range, repeat a line, or
    /// splice in text that breaks TOML, types or regexes.
    fn mutate(cut: (usize, usize), line: usize, at: usize, insert: &str, kind: u8) -> String {
        let floor = |i: usize| (0..=i.min(pack().len())).rev().find(|&j| pack().is_char_boundary(j)).unwrap_or(0);
        match kind % 3 {
            0 => {
                let (a, b) = (floor(cut.0 % pack().len()), floor(cut.1 % pack().len()));
                let (a, b) = (a.min(b), floor(a.max(b).min(a.min(b) + 400)));
                format!("{}{}", &pack()[..a], &pack()[b..])
            }
            1 => {
                let lines: Vec<&str> = pack().lines().collect();
                let l = line % lines.len();
                let mut out = lines[..=l].to_vec();
                out.extend_from_slice(&lines[l..]);
                out.join("\n")
            }
            _ => {
                let a = floor(at % pack().len());
                format!("{}{}{}", &pack()[..a], insert, &pack()[a..])
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// A mutated pack compiles, or fails with a message and (when the
        /// text locates it) a line; when it compiles, checks keep the span
        /// invariants. Never a panic.
        #[test]
        fn mutated_packs_compile_or_name_the_problem(
            cut in (any::<usize>(), any::<usize>()), line in any::<usize>(), at in any::<usize>(), kind in any::<u8>(),
            insert in prop_oneof![Just("'".to_string()), Just("[".to_string()), Just("(".to_string()), Just("{x}".to_string()),
                Just("= 5\n".to_string()), Just("\n[signals.x]\npatterns = 3\n".to_string()), Just("\\".to_string()), "\\PC{0,8}"],
        ) {
            let source = mutate(cut, line, at, &insert, kind);
            match Checker::from_toml(&source, "m.toml").and_then(|c| c.precompile().map(|_| c)) {
                Err(e) => {
                    prop_assert!(!e.message.is_empty());
                    prop_assert_eq!(e.file, "m.toml");
                }
                Ok(c) => {
                    let text = "As a City employee: jdoe@rochestermn.gov, SSN 212-45-5530 🎉 e\u{301}";
                    let f = c.check(text, &Context::default());
                    assert_spans("mutated pack", text, &f);
                }
            }
        }

        /// Any override built from the keys and value shapes an override can
        /// have parses and applies, or fails naming a field.
        #[test]
        fn arbitrary_overrides_apply_or_name_the_field(
            entries in prop::collection::vec((
                prop::sample::select(vec!["email_domains", "confidential_terms", "disclaimers", "disclaimer_text", "disable", "severity", "colour"]),
                prop_oneof![
                    Just("[]".to_string()), Just("5".to_string()), Just("\"\"".to_string()), Just("{}".to_string()),
                    "[a-z.@ ]{0,20}".prop_map(|s| format!("[{s:?}]")),
                    "[a-z.@ ]{0,20}".prop_map(|s| format!("{s:?}")),
                    Just("{ \"city-email.address\" = \"info\" }".to_string()),
                    Just("[\"conduct.profanity\"]".to_string()),
                ],
            ), 0..5),
        ) {
            let mut seen = std::collections::HashSet::new();
            let source: String = entries.iter().filter(|(k, _)| seen.insert(*k)).map(|(k, v)| format!("{k} = {v}\n")).collect();
            match PackOverride::from_toml(&source, "o.toml").and_then(|o| Checker::with_override(&o, "o.toml")) {
                Err(e) => {
                    prop_assert!(!e.field.is_empty() && !e.message.is_empty(), "{source}: {e:?}");
                }
                Ok(c) => {
                    let text = "Email jdoe@rochestermn.gov";
                    assert_spans("override", text, &c.check(text, &Context::default()));
                }
            }
        }
    }
}
