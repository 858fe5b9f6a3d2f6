//! False alarms of the `accuracy.*` rules on the City-mode posts of the
//! labelled corpora, counted as in BENCHMARKS.md's Harper table (findings per
//! 100 posts, share of posts flagged):
//!
//!     cargo run --release --example accuracy_false_alarms [-- --list] [--all]
//!
//! Reads tests/corpus/*.jsonl, tests/holdout/*.jsonl and
//! tests/quality/dev/*.jsonl, keeps the posts with "mode": "city", and checks
//! each in City mode with its role. Never reads tests/quality/test/ or
//! tests/city-frozen/ (frozen sets). `--list` prints every finding.

use postguard::{Category, Checker, Context, Mode, Role};
use std::collections::BTreeMap;
use std::path::Path;

fn main() {
    let list = std::env::args().any(|a| a == "--list");
    // Every post, whatever its mode, checked as a City post: a stress test on
    // informal, multilingual and thread text (findings there are judged by hand).
    let all = std::env::args().any(|a| a == "--all");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The misspelling table is built on the first City post with a word in it.
    let t = std::time::Instant::now();
    postguard::accuracy::find_all("Residents will receive a postcard.");
    let table = t.elapsed();
    let t = std::time::Instant::now();
    postguard::accuracy::find_all("Residents will receive a postcard.");
    println!("accuracy detectors, first post (builds the misspelling table): {:.2} ms; again: {:.3} ms", table.as_secs_f64() * 1e3, t.elapsed().as_secs_f64() * 1e3);
    let checker = Checker::rochester();
    let t = std::time::Instant::now();
    checker.check("Residents will receive a postcard.", &Context { mode: Mode::City, role: Role::Staff });
    let first = t.elapsed();
    let t = std::time::Instant::now();
    checker.check("Residents will receive a postcard.", &Context { mode: Mode::City, role: Role::Staff });
    println!("first City-mode check (builds the City rules' regexes it reaches): {:.2} ms; the same check again: {:.3} ms", first.as_secs_f64() * 1e3, t.elapsed().as_secs_f64() * 1e3);
    let (mut posts, mut total, mut flagged) = (0usize, 0usize, 0usize);
    let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
    for dir in ["tests/corpus", "tests/holdout", "tests/quality/dev"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir)).expect(dir).flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "jsonl")) {
            for line in std::fs::read_to_string(&f).expect("read").lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).expect("json");
                if v["mode"] != "city" && !all {
                    continue;
                }
                posts += 1;
                let role = v["role"].as_str().and_then(Role::parse).unwrap_or_default();
                let text = v["text"].as_str().unwrap_or("");
                let found: Vec<_> = checker.check(text, &Context { mode: Mode::City, role }).into_iter().filter(|x| x.category == Category::Accuracy).collect();
                if !found.is_empty() {
                    flagged += 1;
                }
                for x in &found {
                    total += 1;
                    *by_rule.entry(x.rule.clone()).or_default() += 1;
                    if list {
                        let fix = x.fixes.first().map(|f| f.label.as_str()).unwrap_or("-");
                        println!("  {} {} \u{201c}{}\u{201d} -> {}", v["id"].as_str().unwrap_or("?"), x.rule, x.excerpt, fix);
                    }
                }
            }
        }
    }
    println!(
        "{posts} {} posts: {total} accuracy findings on {flagged} posts = {:.1} findings per 100 posts, {:.1}% of posts flagged",
        if all { "posts of every mode, checked as City" } else { "City-mode" },
        100.0 * total as f64 / posts as f64,
        100.0 * flagged as f64 / posts as f64
    );
    for (rule, n) in by_rule {
        println!("    {n:4}  {rule}");
    }
}
