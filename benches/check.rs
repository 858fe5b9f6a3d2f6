//! Native benchmarks of the PostGuard engine (criterion).
//!
//!   cargo bench --bench check                          # everything
//!   cargo bench --bench check -- --warm-up-time 1 --measurement-time 2   # what scripts/bench.sh runs
//!   cargo bench --bench check -- 'check/dense'         # one group
//!
//! Groups (throughput in bytes, so criterion reports MB/s):
//! - `check/{ordinary,dense,unicode}/{personal,city}/{280,2000,20000,1000000}`:
//!   one `check_with` (reused scratch, as the wasm API does) on a post of that
//!   many characters. Equal MB/s across sizes = cost linear in length.
//! - `check/fresh-scratch/280`: `check` with fresh buffers each call.
//! - `compile/rochester`: parsing and compiling the embedded pack (cold start's Rust part).
//! - `audit/jsonl-10000`: the CLI's `--jsonl` loop over 10,000 corpus posts
//!   (tests/corpus/*.jsonl cycled): parse each line, check, serialise findings.

#[path = "texts.rs"]
mod texts;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use postguard::{Checker, Context, Mode, Role, Scratch};
use std::hint::black_box;
use std::time::Duration;

fn ctx(mode: Mode) -> Context {
    Context { mode, role: Role::Staff }
}

fn check_sizes(c: &mut Criterion) {
    let checker = Checker::rochester();
    let kinds: [(&str, fn(usize) -> String); 3] = [("ordinary", texts::ordinary), ("dense", texts::dense), ("unicode", texts::unicode)];
    for (kind, make) in kinds {
        let mut g = c.benchmark_group(format!("check/{kind}"));
        for mode in [Mode::Personal, Mode::City] {
            for &n in &texts::SIZES {
                let text = make(n);
                g.throughput(Throughput::Bytes(text.len() as u64));
                if n >= 1_000_000 {
                    g.sample_size(10);
                } else {
                    g.sample_size(50);
                }
                let mut scratch = Scratch::default();
                let cx = ctx(mode);
                g.bench_with_input(BenchmarkId::new(mode.as_str(), n), &text, |b, t| {
                    b.iter(|| black_box(checker.check_with(black_box(t), &cx, &mut scratch)))
                });
            }
        }
        g.finish();
    }
    let mut g = c.benchmark_group("check/fresh-scratch");
    let text = texts::ordinary(280);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("280", |b| b.iter(|| black_box(checker.check(black_box(&text), &ctx(Mode::Personal)))));
    g.bench_function("snowplow", |b| b.iter(|| black_box(checker.check(black_box(texts::SNOWPLOW), &ctx(Mode::Personal)))));
    g.finish();
}

fn compile(c: &mut Criterion) {
    let mut g = c.benchmark_group("compile");
    g.sample_size(10);
    g.bench_function("rochester", |b| b.iter(|| black_box(Checker::rochester())));
    g.finish();
}

fn corpus_lines() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("tests/corpus").filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "jsonl")).collect();
    files.sort();
    let mut lines = Vec::new();
    for f in files {
        for l in std::fs::read_to_string(&f).expect("corpus file").lines() {
            if !l.trim().is_empty() {
                lines.push(l.to_string());
            }
        }
    }
    lines
}

#[derive(serde::Deserialize)]
struct In {
    id: String,
    text: String,
    mode: Option<String>,
    role: Option<String>,
}

fn audit(c: &mut Criterion) {
    let checker = Checker::rochester();
    let lines = corpus_lines();
    let input: String = lines.iter().cycle().take(10_000).map(|l| format!("{l}\n")).collect();
    let mut g = c.benchmark_group("audit");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(input.len() as u64));
    g.bench_function("jsonl-10000", |b| {
        let mut scratch = Scratch::default();
        let mut out = Vec::with_capacity(input.len() * 2);
        b.iter(|| {
            out.clear();
            for line in input.lines() {
                let r: In = serde_json::from_str(line).expect("corpus line");
                let cx = Context {
                    mode: r.mode.as_deref().and_then(Mode::parse).unwrap_or(Mode::Personal),
                    role: r.role.as_deref().and_then(Role::parse).unwrap_or(Role::Staff),
                };
                let findings = checker.check_with(&r.text, &cx, &mut scratch);
                serde_json::to_writer(&mut out, &serde_json::json!({ "id": r.id, "findings": findings })).expect("serialise");
                out.push(b'\n');
            }
            black_box(out.len())
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = check_sizes, compile, audit
}
criterion_main!(benches);
