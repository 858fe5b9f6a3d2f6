//! The comment development sets (tests/moderation-dev/README.md): comments on
//! City posts written by independent annotators from the policy and the
//! label spec only, one file per annotator (`comments.jsonl`,
//! `comments-2.jsonl`), tuned on freely. This test holds the moderation checks
//! to the floors in tests/moderation-dev/floors.txt, one section per file, so
//! a change that loses recall or precision on either fails `cargo test`. The floors are measured
//! values rounded down; they only ever go up. Numbers on a set one tunes on
//! are optimistic: the frozen set (tests/city-frozen/) is the honest measure.
//!
//! Per comment: flagged (any `moderation.*` finding) or not, against labelled
//! (any kind) or allowed (`[]`). Per kind: a finding of rule
//! `moderation.<kind>` is a hit where the kind is labelled, a false alarm
//! where it is not.

use postguard::{Category, Checker, Context, Mode, Role};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
#[path = "support/floors.rs"]
mod floors;

const KINDS: &[&str] = &["private-info", "threat", "obscene", "harassment", "slur", "spam", "unrelated-link", "endorsement", "libel", "off-topic"];

struct Row {
    id: String,
    context: String,
    text: String,
    kinds: BTreeSet<String>,
}

fn rows(file: &str) -> Vec<Row> {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/moderation-dev").join(file);
    let body = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    let mut out = Vec::new();
    for (n, l) in body.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        let s = |k: &str| v[k].as_str().unwrap_or_else(|| panic!("line {}: {k} is not a string", n + 1)).to_string();
        let kinds: BTreeSet<String> = v["kinds"]
            .as_array()
            .unwrap_or_else(|| panic!("line {}: kinds is not a list", n + 1))
            .iter()
            .map(|k| k.as_str().expect("kind").to_string())
            .collect();
        for k in &kinds {
            assert!(KINDS.contains(&k.as_str()), "line {}: unknown kind {k}", n + 1);
        }
        out.push(Row { id: s("id"), context: s("context"), text: s("text"), kinds });
    }
    out
}

#[test]
fn development_set_stays_above_its_floors() {
    above_floors("comments.jsonl", 240);
}

#[test]
fn second_development_set_stays_above_its_floors() {
    above_floors("comments-2.jsonl", 300);
}

fn above_floors(file: &str, min_rows: usize) {
    let checker = Checker::rochester();
    let ctx = Context { mode: Mode::Moderation, role: Role::Staff };
    let rows = rows(file);
    assert!(rows.len() >= min_rows, "{file} has {} comments", rows.len());
    let ids: BTreeSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), rows.len(), "ids are unique");

    let (mut tp, mut fp, mut fnn) = (0, 0, 0);
    // kind -> (hits, labelled, false alarms)
    let mut per: BTreeMap<&str, (usize, usize, usize)> = KINDS.iter().map(|k| (*k, (0, 0, 0))).collect();
    for r in &rows {
        let found = checker.check_comment(&r.text, Some(&r.context), &ctx);
        assert!(found.iter().all(|f| f.category == Category::Moderation), "{}: only moderation findings", r.id);
        let got: BTreeSet<String> = found.iter().filter_map(|f| f.rule.strip_prefix("moderation.").map(str::to_string)).collect();
        let (want, flagged) = (!r.kinds.is_empty(), !got.is_empty());
        tp += (want && flagged) as usize;
        fp += (!want && flagged) as usize;
        fnn += (want && !flagged) as usize;
        for k in KINDS {
            let e = per.get_mut(k).unwrap();
            let (l, g) = (r.kinds.contains(*k), got.contains(*k));
            e.0 += (l && g) as usize;
            e.1 += l as usize;
            e.2 += (!l && g) as usize;
        }
    }
    // Lines before any [section] are the first set's (comments.jsonl).
    let floors = floors::floors("tests/moderation-dev/floors.txt", Some(file).filter(|&f| f != "comments.jsonl"));
    println!("{file}:");
    let mut errors = Vec::new();
    let mut check = |name: &str, p: f64, r: f64| {
        let (fp_, fr) = floors.get(name).copied().unwrap_or_else(|| panic!("floors.txt has no line for {name}"));
        println!("{name:<16} precision {p:.3} (floor {fp_:.2})  recall {r:.3} (floor {fr:.2})");
        if p + 1e-9 < fp_ || r + 1e-9 < fr {
            errors.push(format!("{name}: precision {p:.3} / recall {r:.3} below floors {fp_} / {fr}"));
        }
    };
    check("comments", floors::rate(tp, tp + fp), floors::rate(tp, tp + fnn));
    for (k, (hit, n, extra)) in &per {
        check(k, floors::rate(*hit, hit + extra), floors::rate(*hit, *n));
    }
    let allowed = rows.iter().filter(|r| r.kinds.is_empty()).count();
    let max_fp = floors.get("allowed-flagged").map(|f| f.1 as usize).expect("floors.txt: allowed-flagged");
    println!("allowed comments flagged: {fp} of {allowed} (at most {max_fp})");
    if fp > max_fp {
        errors.push(format!("{fp} allowed comments flagged, at most {max_fp}"));
    }
    assert!(errors.is_empty(), "{file}:\n{}", errors.join("\n"));
}
