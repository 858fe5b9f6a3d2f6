//! Warm checks in one checker, alternating the snowplow post and a neutral one (the native
//! twin of tests/bench/alternate.mjs), for profiling the steady state:
//!
//!   cargo build --release --example warm_alternate && perf record -g target/release/examples/warm_alternate
//!
//! Prints the median time per check of each post. A benchmark, not a test.
use postguard::{Checker, Context, Mode, Role, Scratch};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let c = Checker::rochester();
    let ctx = Context { mode: Mode::Personal, role: Role::Staff, ..Context::default() };
    let mut scratch = Scratch::default();
    let s = "As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov";
    let q = "Beautiful sunrise over Silver Lake this morning.";
    let (mut ts, mut tq) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        let t = Instant::now();
        std::hint::black_box(c.check_with(s, &ctx, &mut scratch));
        ts.push(t.elapsed().as_secs_f64() * 1e6);
        let t = Instant::now();
        std::hint::black_box(c.check_with(q, &ctx, &mut scratch));
        tq.push(t.elapsed().as_secs_f64() * 1e6);
    }
    ts.sort_by(f64::total_cmp);
    tq.sort_by(f64::total_cmp);
    println!("median: snowplow {:.1} µs, neutral {:.1} µs ({n} each)", ts[n / 2], tq[n / 2]);
}
