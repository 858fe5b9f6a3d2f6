//! False alarms of the accuracy module on the City-mode posts of the
//! labelled corpora (BENCHMARKS.md "Accuracy module"):
//!
//!     cargo run --release --manifest-path tools/harper-eval/Cargo.toml --example false_alarms [-- --list]
//!
//! Reads tests/corpus/*.jsonl, tests/holdout/*.jsonl and tests/quality/dev/*.jsonl
//! (never tests/quality/test/ or tests/city-frozen/, which are frozen), keeps the posts with
//! "mode": "city", and checks each with three set-ups: Harper as shipped (no
//! user dictionary, all its default rules), with the pack's names as a user
//! dictionary, and as PostGuard ships it (dictionary + DISABLED_RULES).
//! Prints findings per 100 posts and per Harper rule; `--list` prints each
//! finding to review by hand.

use postguard_harper_eval::{words, Accuracy, DISABLED_RULES};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn posts(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["tests/corpus", "tests/holdout", "tests/quality/dev"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "jsonl")) {
            for line in std::fs::read_to_string(&f).unwrap().lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                if v["mode"] == "city" {
                    out.push((v["id"].as_str().unwrap_or("?").to_string(), v["text"].as_str().unwrap_or("").to_string()));
                }
            }
        }
    }
    out
}

fn main() {
    let list = std::env::args().any(|a| a == "--list");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().parent().unwrap();
    let posts = posts(root);
    let mut dict: BTreeSet<String> = words::pack_words(words::EMBEDDED_PACK, words::NAME_LEXICONS).unwrap();
    dict.extend(words::local_words());
    let setups: Vec<(&str, Accuracy)> = vec![
        ("harper defaults, no dictionary", Accuracy::with_words(Vec::new(), &[])),
        ("+ pack dictionary", Accuracy::with_words(dict.clone(), &[])),
        ("+ dictionary, style rules off (shipped)", Accuracy::new(&[])),
    ];
    println!("{} City-mode posts; rules off in the shipped set-up: {}", posts.len(), DISABLED_RULES.join(", "));
    for (name, mut acc) in setups {
        let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
        let (mut total, mut flagged) = (0, 0);
        for (id, text) in &posts {
            let f = acc.check(text);
            if !f.is_empty() {
                flagged += 1;
            }
            for x in &f {
                total += 1;
                *by_rule.entry(x.rule.clone()).or_default() += 1;
                if list && name.ends_with("(shipped)") {
                    println!("  {id} {} \u{201c}{}\u{201d}: {} -> {:?}", x.rule, x.excerpt, x.message, x.fixes.first().map(|f| &f.edits[0].replacement));
                }
            }
        }
        println!(
            "{name}: {total} findings on {flagged} posts = {:.1} findings per 100 posts, {:.1}% of posts flagged",
            100.0 * total as f64 / posts.len() as f64,
            100.0 * flagged as f64 / posts.len() as f64
        );
        let mut rules: Vec<_> = by_rule.into_iter().collect();
        rules.sort_by(|a, b| b.1.cmp(&a.1));
        for (rule, n) in rules {
            println!("    {n:4}  {rule}");
        }
    }
}
