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
    let t = Instant::now();
    checker.check("", &Context::default());
    let first_personal = t.elapsed();
    let t = Instant::now();
    checker.check("", &Context { mode: Mode::City, ..Context::default() });
    let first_city = t.elapsed();
    let t = Instant::now();
    checker.precompile().expect("precompiles");
    let rest = t.elapsed();
    println!("parse {parsed:?}  compile with syntax checks (pack files) {checked:?}  Checker::rochester() (parse + lazy compile) {compiled:?}  first personal check {first_personal:?}  first city check {first_city:?}  remaining regexes {rest:?}");
}
