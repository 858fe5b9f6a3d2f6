//! Where a check spends its time: folds a bench text into the matching view
//! and times each signal's compiled regex over it (find and captures), so the
//! expensive signals stand out. A profile for BENCHMARKS.md, not a benchmark.
//!
//!   cargo run --release --example profile_signals [-- dense|ordinary [CHARS]]

#[path = "../benches/texts.rs"]
mod texts;

use postguard::normalize::Normalized;
use regex::RegexBuilder;
use std::hint::black_box;
use std::time::Instant;

fn time<F: FnMut() -> usize>(mut f: F) -> (f64, usize) {
    let mut n = f();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        n = black_box(f());
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
    }
    (best, n)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let kind = args.first().map_or("dense", String::as_str);
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let text = if kind == "ordinary" { texts::ordinary(n) } else { texts::dense(n) };
    let t = Instant::now();
    let checker = postguard::Checker::rochester();
    let compile_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let pack = postguard::Pack::rochester();
    let parse_ms = t.elapsed().as_secs_f64() * 1e3;
    drop(pack);
    let t = Instant::now();
    for (_, p) in checker.signal_patterns() {
        if let Some(p) = p {
            black_box(RegexBuilder::new(p).size_limit(32 << 20).dfa_size_limit(8 << 20).build().expect("compiles"));
        }
    }
    let joined_ms = t.elapsed().as_secs_f64() * 1e3;
    println!("Checker::rochester(): {compile_ms:.1} ms (pack parse {parse_ms:.1} ms, building the joined signal regexes alone {joined_ms:.1} ms)");
    let (fold_ms, _) = time(|| Normalized::new(&text).text.len());
    let view = Normalized::new(&text).text;
    println!("{kind} {n} chars: fold {fold_ms:.3} ms");
    let mut rows = Vec::new();
    for (name, pat) in checker.signal_patterns() {
        let Some(pat) = pat else { continue };
        let re = RegexBuilder::new(pat).size_limit(32 << 20).dfa_size_limit(8 << 20).build().expect("compiles");
        let (find_ms, hits) = time(|| re.find_iter(&view).count());
        let (cap_ms, _) = time(|| re.captures_iter(&view).count());
        rows.push((name.to_string(), pat.len(), hits, find_ms, cap_ms));
    }
    rows.sort_by(|a, b| b.3.total_cmp(&a.3));
    let total: f64 = rows.iter().map(|r| r.3).sum();
    println!("{:<26} {:>7} {:>6} {:>9} {:>11}", "signal", "pattern", "hits", "find ms", "captures ms");
    for (name, len, hits, f, c) in &rows {
        println!("{name:<26} {len:>7} {hits:>6} {f:>9.3} {c:>11.3}");
    }
    println!("sum of find: {total:.3} ms");
    let pats: Vec<&str> = checker.signal_patterns().into_iter().filter_map(|(_, p)| p).collect();
    let t = Instant::now();
    let set = regex::RegexSetBuilder::new(&pats).size_limit(64 << 20).dfa_size_limit(32 << 20).build().expect("set compiles");
    let build_ms = t.elapsed().as_secs_f64() * 1e3;
    let (set_ms, hit) = time(|| set.matches(&view).iter().count());
    let corpus: Vec<String> = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/posts-a.jsonl"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(|t| Normalized::new(t).text))
        .collect();
    for pass in 0..3 {
        let t = Instant::now();
        let k: usize = corpus.iter().map(|v| set.matches(v).iter().count()).sum();
        let set_corpus = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let mut k2 = 0;
        for (_, p) in checker.signal_patterns() {
            if let Some(p) = p {
                let re = RegexBuilder::new(p).size_limit(32 << 20).dfa_size_limit(8 << 20).build().expect("compiles");
                let t2 = Instant::now();
                k2 += corpus.iter().filter(|v| re.is_match(v)).count();
                let _ = t2;
            }
        }
        let each = t.elapsed().as_secs_f64() * 1e3;
        println!("corpus ({} posts) pass {pass}: set.matches {set_corpus:.1} ms ({k} signal hits); each signal is_match (incl. build) {each:.1} ms ({k2})", corpus.len());
    }
    println!("RegexSet over all {} signals: build {build_ms:.1} ms, matches() {set_ms:.3} ms, {hit} signals match", pats.len());
}
