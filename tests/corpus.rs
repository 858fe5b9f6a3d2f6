//! Runs every labelled post in tests/corpus/*.jsonl and tests/holdout/*.jsonl
//! (three corpora by three independent annotators) through the engine and
//! reports precision and recall per category. Fails below 0.95 precision or
//! 0.90 recall for disclaimer, city-email and confidential.
//!
//! `POSTGUARD_CORPUS_VERBOSE=1 cargo test --test corpus -- --nocapture`
//! prints every disagreement.

use postguard::{Category, Checker, Context, Mode, Role};
use std::collections::{BTreeMap, BTreeSet};

#[derive(serde::Deserialize)]
struct Post {
    id: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    role: Option<String>,
    text: String,
    labels: Vec<String>,
}

fn load() -> Vec<Post> {
    let mut files = Vec::new();
    for dir in ["tests/corpus", "tests/holdout"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        files.extend(std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "jsonl")));
    }
    files.sort();
    let mut posts = Vec::new();
    for f in files {
        let body = std::fs::read_to_string(&f).unwrap();
        for (i, line) in body.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let p: Post = serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: {e}", f.display(), i + 1));
            for l in &p.labels {
                assert!(Category::parse(l).is_some(), "{}: unknown label {l}", p.id);
            }
            posts.push(p);
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
    // category -> (tp, fp, fn)
    let mut counts: BTreeMap<Category, (usize, usize, usize)> = Category::ALL.iter().map(|&c| (c, (0, 0, 0))).collect();
    for p in &posts {
        let ctx = Context {
            mode: p.mode.as_deref().map_or(Mode::Personal, |m| Mode::parse(m).expect("mode")),
            role: p.role.as_deref().map_or(Role::Staff, |r| Role::parse(r).expect("role")),
        };
        let findings = checker.check(&p.text, &ctx);
        let got: BTreeSet<Category> = findings.iter().map(|f| f.category).collect();
        let want: BTreeSet<Category> = p.labels.iter().filter_map(|l| Category::parse(l)).collect();
        for &c in &Category::ALL {
            let e = counts.get_mut(&c).unwrap();
            match (want.contains(&c), got.contains(&c)) {
                (true, true) => e.0 += 1,
                (false, true) => e.1 += 1,
                (true, false) => e.2 += 1,
                _ => {}
            }
        }
        if verbose && got != want {
            let rules: Vec<String> = findings.iter().map(|f| format!("{}[{}]", f.rule, f.excerpt)).collect();
            println!("{} {:?}/{:?} want {:?} got {:?} {:?}\n    {}", p.id, ctx.mode, ctx.role, want, got, rules, p.text.replace('\n', " "));
        }
    }
    println!("{:<18} {:>4} {:>4} {:>4} {:>9} {:>7}", "category", "tp", "fp", "fn", "precision", "recall");
    let mut failures = Vec::new();
    for (c, (tp, fp, fn_)) in &counts {
        let p = if tp + fp == 0 { 1.0 } else { *tp as f64 / (tp + fp) as f64 };
        let r = if tp + fn_ == 0 { 1.0 } else { *tp as f64 / (tp + fn_) as f64 };
        println!("{:<18} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}", c.as_str(), tp, fp, fn_, p, r);
        if matches!(c, Category::Disclaimer | Category::CityEmail | Category::Confidential) && (p < 0.95 || r < 0.90) {
            failures.push(format!("{c}: precision {p:.3}, recall {r:.3}"));
        }
    }
    assert!(failures.is_empty(), "below 0.95 precision / 0.90 recall: {failures:?}");
}
