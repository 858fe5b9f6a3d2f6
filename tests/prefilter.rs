//! The prefilter (src/engine/prefilter.rs) changes how much of a pack a
//! check searches, never what it finds: every signal's hits, with and
//! without it, on every labelled post outside the frozen test part, on the
//! benchmark texts (dense with near-misses) and under an override.

#[path = "support/labelled.rs"]
mod labelled;
#[path = "../benches/texts.rs"]
#[allow(dead_code)]
mod texts;

use postguard::{Checker, Context, Mode, PackOverride, Role};
use std::path::Path;

fn same(with: &Checker, without: &Checker, text: &str, ctx: &Context, what: &str) -> usize {
    let (a, b) = (with.trace(text, ctx), without.trace(text, ctx));
    assert!(a == b, "{what}: the prefilter changed the hits\nwith:    {a:?}\nwithout: {b:?}");
    a.len()
}

#[test]
fn every_signal_finds_the_same_with_and_without_the_prefilter() {
    let with = Checker::rochester();
    let without = Checker::rochester().without_prefilter();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let (mut posts, mut hits) = (0, 0);
    for dir in ["quality/dev", "corpus", "holdout"] {
        for file in labelled::jsonl_files(&root.join(dir)).expect("corpus files") {
            for p in labelled::read(&file).expect("labelled posts") {
                let ctx = Context { mode: p.mode().unwrap_or(Mode::Personal), role: p.role().unwrap_or(Role::Staff), ..Context::default() };
                hits += same(&with, &without, &p.text, &ctx, &p.id);
                posts += 1;
            }
        }
    }
    // Comments in moderation mode, page texts with the page check too.
    for (dir, mode) in [("moderation-dev", Mode::Moderation), ("page-dev", Mode::City)] {
        for file in labelled::jsonl_files(&root.join(dir)).expect("corpus files") {
            for line in std::fs::read_to_string(&file).expect("readable").lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).expect("JSON lines");
                let text = v["text"].as_str().expect("a text");
                hits += same(&with, &without, text, &Context { mode, ..Context::default() }, line);
                if dir == "page-dev" {
                    assert_eq!(format!("{:?}", with.check_page(text)), format!("{:?}", without.check_page(text)), "{line}");
                }
                posts += 1;
            }
        }
    }
    assert!(posts > 3000 && hits > 5000, "{posts} posts, {hits} hits: the corpora were not read");
    for (kind, text) in [("dense", texts::dense(20_000)), ("ordinary", texts::ordinary(20_000)), ("unicode", texts::unicode(5_000))] {
        for mode in [Mode::Personal, Mode::City, Mode::Moderation] {
            same(&with, &without, &text, &Context { mode, ..Context::default() }, kind);
        }
    }
}

/// A long text whose joined regex gives up (too many lazy-DFA states:
/// `work_tie` on prose) is searched alternative by alternative instead, the
/// first time and every time after, and finds what the reference finds.
#[test]
fn a_joined_regex_that_gives_up_is_searched_by_alternatives_with_the_same_hits() {
    let with = Checker::rochester();
    let without = Checker::rochester().without_prefilter();
    let text = texts::ordinary(300_000);
    let ctx = Context { mode: Mode::Personal, ..Context::default() };
    let first = same(&with, &without, &text, &ctx, "ordinary 300,000, first");
    assert!(!with.joined_gave_up().is_empty(), "no joined regex gave up on 300,000 characters of prose: this test no longer tests the fallback");
    assert!(without.joined_gave_up().is_empty(), "the reference checker's joined regexes never give up");
    assert_eq!(same(&with, &without, &text, &ctx, "ordinary 300,000, again"), first);
    // Short posts after it: the signals that gave up take the candidate path.
    same(&with, &without, &texts::dense(2_000), &ctx, "dense 2,000 after");
}

#[test]
fn an_override_is_prefiltered_by_its_own_domains_and_phrases() {
    let o = PackOverride { email_domains: vec!["example.org".into()], confidential_terms: vec!["Project Bluebird".into()], disclaimers: vec!["Views mine alone".into()], ..PackOverride::default() };
    let with = Checker::with_override(&o, "override").expect("override compiles");
    let without = Checker::with_override(&o, "override").expect("override compiles").without_prefilter();
    let post = "Email me at jane@example.org about project-bluebird; the City's plan is a mess. Views mine alone.";
    let hits = with.trace(post, &Context::default());
    assert!(hits.iter().any(|(_, t)| t.contains("example.org")), "{hits:?}");
    assert!(hits.iter().any(|(_, t)| t.eq_ignore_ascii_case("project-bluebird")), "{hits:?}");
    same(&with, &without, post, &Context::default(), "override");
}
