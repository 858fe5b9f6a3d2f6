//! Cold start of the engine, natively: pack parse and compile (lazy regexes),
//! then the first check in each mode (which builds the regexes it reaches).
//!
//!   cargo run --release --example cold_start
use postguard::{Checker, Context, Mode, Pack};

use std::time::Instant;

fn main() {
    let t = Instant::now();
    let pack = Pack::rochester();
    let parsed = t.elapsed();
    let t = Instant::now();
    let _checked = Checker::new(pack).expect("pack compiles");
    let checked = t.elapsed();
    let t = Instant::now();
    let checker = Checker::rochester();
    let compiled = t.elapsed();
    // The post tests/bench/cold-start.mjs checks first in Node.
    let snowplow = "As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov";
    let t = Instant::now();
    let findings = checker.check(snowplow, &Context::default());
    let first_personal = t.elapsed();
    assert!(!findings.is_empty(), "the snowplow post has findings");
    // Each of 20 fresh checkers' first check of it (the median).
    let mut firsts: Vec<_> = (0..20)
        .map(|_| {
            let c = Checker::rochester();
            let t = Instant::now();
            std::hint::black_box(c.check(snowplow, &Context::default()));
            t.elapsed()
        })
        .collect();
    firsts.sort();
    let t = Instant::now();
    checker.check("", &Context { mode: Mode::City, ..Context::default() });
    let first_city = t.elapsed();
    // The page check (src/page.rs) builds its own signals' regexes on first use.
    let bio = "Rochester Public Library\nViews shared by commenters are their own, not the City's. We may hide comments that are obscene.";
    let t = Instant::now();
    checker.check_page(bio);
    let first_page = t.elapsed();
    let t = Instant::now();
    for _ in 0..1000 {
        std::hint::black_box(checker.check_page(std::hint::black_box(bio)));
    }
    let warm_page = t.elapsed() / 1000;
    let t = Instant::now();
    checker.precompile().expect("precompiles");
    let rest = t.elapsed();
    println!("parse {parsed:?}  compile with syntax checks (pack files) {checked:?}  Checker::rochester() (parse + lazy compile) {compiled:?}  first personal check (snowplow post) {first_personal:?}, median of 20 fresh checkers {:?}  first city check {first_city:?}  first page check {first_page:?}  warm page check {warm_page:?}  remaining regexes {rest:?}", firsts[10]);
}
