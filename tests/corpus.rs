//! Runs every labelled post in tests/corpus/*.jsonl and tests/holdout/*.jsonl
//! (three corpora by three independent annotators) through the engine and
//! reports precision and recall per category. Fails below 0.95 precision or
//! 0.90 recall for disclaimer, city-email and confidential.
//!
//! `POSTGUARD_CORPUS_VERBOSE=1 cargo test --test corpus -- --nocapture`
//! prints every disagreement.

#[path = "support/labelled.rs"]
mod labelled;

use labelled::{is_core, Post, Tally};
use postguard::{Category, Checker, Context};
use std::collections::{BTreeMap, BTreeSet};

fn load() -> Vec<Post> {
    let mut posts = Vec::new();
    for dir in ["tests/corpus", "tests/holdout"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for f in labelled::jsonl_files(&dir).unwrap_or_else(|e| panic!("{e}")) {
            posts.extend(labelled::read(&f).unwrap_or_else(|e| panic!("{e}")));
        }
    }
    posts
}

#[test]
fn corpus_precision_and_recall() {
    let posts = load();
    assert!(posts.len() >= 250, "corpus has {} posts", posts.len());
    let checker = Checker::rochester();
    let verbose = std::env::var_os("POSTGUARD_CORPUS_VERBOSE").is_some();
    let mut counts: BTreeMap<Category, Tally> = Category::ALL.iter().map(|&c| (c, Tally::default())).collect();
    for p in &posts {
        let ctx = Context { mode: p.mode().expect("mode"), role: p.role().expect("role") };
        let findings = checker.check(&p.text, &ctx);
        let got: BTreeSet<Category> = findings.iter().map(|f| f.category).collect();
        let want = p.categories().unwrap_or_else(|e| panic!("{e}"));
        for &c in &Category::ALL {
            counts.get_mut(&c).unwrap().count(want.contains(&c), got.contains(&c));
        }
        if verbose && got != want {
            let rules: Vec<String> = findings.iter().map(|f| format!("{}[{}]", f.rule, f.excerpt)).collect();
            println!("{} {:?}/{:?} want {:?} got {:?} {:?}\n    {}", p.id, ctx.mode, ctx.role, want, got, rules, p.text.replace('\n', " "));
        }
    }
    println!("{:<18} {:>4} {:>4} {:>4} {:>9} {:>7}", "category", "tp", "fp", "fn", "precision", "recall");
    let mut failures = Vec::new();
    for (c, t) in &counts {
        let (p, r) = (t.precision().unwrap_or(1.0), t.recall().unwrap_or(1.0));
        println!("{:<18} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}", c.as_str(), t.tp, t.fp, t.fn_, p, r);
        if is_core(*c) && (p < 0.95 || r < 0.90) {
            failures.push(format!("{c}: precision {p:.3}, recall {r:.3}"));
        }
    }
    assert!(failures.is_empty(), "below 0.95 precision / 0.90 recall: {failures:?}");
}
