//! Print the pack's signals (compiled patterns and metadata) and rules as
//! JSON, for tools that translate the pack to another regex engine (the
//! JavaScript rival in tests/bench/rival.js).
//!
//!   cargo run --release --example export_patterns > target/bench/patterns.json
//!
//! `signals[i].pattern` is the engine's compiled pattern for the signal (its
//! alternatives joined, lexicons expanded, `\b` ASCII), in the regex crate's
//! syntax; it runs on the folded matching view (src/normalize.rs). Context
//! guards (`not_preceded_by`/`not_followed_by`) and detectors are not
//! exported (their compiled form is private to the engine).

fn main() {
    let checker = postguard::Checker::rochester();
    let pack = checker.pack();
    let lex = |name: &Option<String>| name.as_ref().and_then(|l| pack.lexicons.get(l)).cloned().unwrap_or_default();
    let signals: Vec<serde_json::Value> = checker
        .signal_patterns()
        .into_iter()
        .map(|(name, pattern)| {
            let def = &pack.signals[name];
            serde_json::json!({
                "name": name,
                "pattern": pattern,
                "validate": def.validate.map(|v| format!("{v:?}")),
                "stopwords": lex(&def.stopwords),
                "roles": def.roles,
                "window": def.window,
                "detector": def.detector.map(|d| format!("{d:?}")),
            })
        })
        .collect();
    let rules: Vec<serde_json::Value> = pack
        .rules
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.id, "category": r.category, "severity": r.severity, "modes": r.modes, "roles": r.roles,
                "anchor": r.anchor, "requires": r.requires, "unless": r.unless,
                "scope": format!("{:?}", r.scope), "requires_may_overlap": r.requires_may_overlap, "once": r.once, "once_per_sentence": r.once_per_sentence,
                "mask": format!("{:?}", r.mask),
            })
        })
        .collect();
    let out = serde_json::json!({ "signals": signals, "rules": rules });
    println!("{}", serde_json::to_string_pretty(&out).expect("JSON"));
}
