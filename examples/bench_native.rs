//! Native side of the in-browser benchmark (tests/bench/): writes the bench
//! texts to JSON, so the wasm and JavaScript runs check the very same strings,
//! then times the native engine on them with the page's method (p50/p95/p99
//! of single `check_with` calls), and prints the results as JSON.
//!
//!   cargo run --release --example bench_native -- --texts target/bench/texts.json > target/bench/native.json
//!   cargo run --release --example bench_native -- --quick      # fewer iterations
//!
//! Texts: benches/texts.rs (`ordinary`, `dense` at 280, 2,000, 5,000,
//! 20,000 and 1,000,000 characters, and the snowplow post).

#[path = "../benches/texts.rs"]
mod texts;

use postguard::{Checker, Context, Mode, Role, Scratch};
use std::hint::black_box;
use std::time::Instant;

/// The sizes the page measures (the criterion sizes plus the 5,000 target).
pub const PAGE_SIZES: [usize; 5] = [280, 2_000, 5_000, 20_000, 1_000_000];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Iterations for a text of `n` chars: about 0.3 s (quick: 0.1 s) of work, at least 5.
pub fn iterations(n: usize, quick: bool) -> usize {
    let budget = if quick { 1_500_000 } else { 6_000_000 };
    (budget / n.max(1)).clamp(5, 2_000)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let texts_out = args.iter().position(|a| a == "--texts").and_then(|i| args.get(i + 1)).cloned();

    let mut texts: Vec<(String, usize, String)> = Vec::new();
    for &n in &PAGE_SIZES {
        texts.push(("ordinary".into(), n, texts::ordinary(n)));
        texts.push(("dense".into(), n, texts::dense(n)));
    }
    texts.push(("snowplow".into(), texts::SNOWPLOW.len(), texts::SNOWPLOW.to_string()));
    if let Some(path) = texts_out {
        let list: Vec<_> = texts.iter().map(|(k, n, t)| serde_json::json!({ "kind": k, "size": n, "text": t })).collect();
        std::fs::write(&path, serde_json::to_string(&list).expect("JSON")).expect("write texts");
    }

    let t0 = Instant::now();
    let checker = Checker::rochester();
    let compile_ms = t0.elapsed().as_secs_f64() * 1e3;
    let mut rows = Vec::new();
    for mode in [Mode::Personal, Mode::City] {
        let cx = Context { mode, role: Role::Staff };
        for (kind, n, text) in &texts {
            let mut scratch = Scratch::default();
            let findings = checker.check_with(text, &cx, &mut scratch).len();
            for _ in 0..3 {
                black_box(checker.check_with(text, &cx, &mut scratch));
            }
            let iters = iterations(*n, quick);
            let mut times = Vec::with_capacity(iters);
            for _ in 0..iters {
                let t = Instant::now();
                black_box(checker.check_with(black_box(text), &cx, &mut scratch));
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
            times.sort_by(|a, b| a.total_cmp(b));
            let p50 = percentile(&times, 0.5);
            rows.push(serde_json::json!({
                "kind": kind, "size": n, "mode": mode.as_str(), "iterations": iters, "findings": findings,
                "p50_ms": p50, "p95_ms": percentile(&times, 0.95), "p99_ms": percentile(&times, 0.99),
                "mb_s": text.len() as f64 / 1e6 / (p50 / 1e3),
            }));
        }
    }
    println!("{}", serde_json::json!({ "compile_ms": compile_ms, "rows": rows }));
}
