//! Print every signal's compiled pattern as JSON, for tools that translate
//! the pack to another regex engine (the JavaScript rival in tests/bench/).
//!
//!   cargo run --release --example export_patterns > target/bench/patterns.json
//!
//! Output: `[{"name": "...", "pattern": "..." | null}, ...]`, in the engine's
//! signal order. Patterns are in the regex crate's syntax and run on the
//! folded matching view (src/normalize.rs); see tests/bench/rival.js for the
//! translation to JavaScript.

fn main() {
    let checker = postguard::Checker::rochester();
    let list: Vec<serde_json::Value> = checker.signal_patterns().into_iter().map(|(name, pattern)| serde_json::json!({ "name": name, "pattern": pattern })).collect();
    println!("{}", serde_json::to_string_pretty(&list).expect("JSON"));
}
