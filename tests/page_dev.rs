//! The page development set (tests/page-dev/README.md): City and non-City
//! About/bio texts written by an independent annotator from the policy and the
//! label spec only, tuned on freely. This test holds the page check to the
//! floors in tests/page-dev/floors.txt, so a change that loses precision or
//! recall on it fails `cargo test`. The floors are measured values rounded
//! down; they only ever go up. Numbers on a set one tunes on are optimistic:
//! the frozen set (tests/city-frozen/) is the honest measure.
//!
//! As in scripts/city-eval.py, a finding means "the statement is missing": per
//! statement, a finding is a hit where the text does not make the statement
//! (it is not in `present`) and a false alarm where it does; precision is the
//! share of findings that are right, recall the share of missing statements
//! reported. Precision matters as much as recall: a City page told it lacks a
//! statement it makes stops trusting the tool.

use postguard::{Category, Checker};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
#[path = "support/floors.rs"]
mod floors;

/// Label (the clause a page statement cites) for each statement.
const STATEMENTS: &[&str] = &["city.marked", "city.g.open-records", "city.g.visitor-opinions", "city.g.removal"];

struct Row {
    id: String,
    text: String,
    present: BTreeSet<String>,
}

fn rows() -> Vec<Row> {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/page-dev/pages.jsonl");
    let body = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    let mut out = Vec::new();
    for (n, l) in body.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        let s = |k: &str| v[k].as_str().unwrap_or_else(|| panic!("line {}: {k} is not a string", n + 1)).to_string();
        let present: BTreeSet<String> = v["present"]
            .as_array()
            .unwrap_or_else(|| panic!("line {}: present is not a list", n + 1))
            .iter()
            .map(|k| k.as_str().expect("label").to_string())
            .collect();
        for k in &present {
            assert!(STATEMENTS.contains(&k.as_str()), "line {}: unknown label {k}", n + 1);
        }
        out.push(Row { id: s("id"), text: s("text"), present });
    }
    out
}

#[test]
fn development_set_stays_above_its_floors() {
    let checker = Checker::rochester();
    let rows = rows();
    assert!(rows.len() >= 90, "the development set has {} pages", rows.len());
    let ids: BTreeSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), rows.len(), "ids are unique");
    // Every statement of the pack is measured, under the label it cites.
    let clauses: BTreeSet<String> = checker.page_statements().into_iter().map(|p| p.clause).collect();
    assert_eq!(clauses, STATEMENTS.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>());

    // label -> (tp, fp, fn) on "missing"
    let mut per: BTreeMap<&str, (usize, usize, usize)> = STATEMENTS.iter().map(|s| (*s, (0, 0, 0))).collect();
    let mut wrong = Vec::new();
    for r in &rows {
        let found = checker.check_page(&r.text);
        assert!(found.iter().all(|f| f.category == Category::PageStatements), "{}: only page statements", r.id);
        let missing: BTreeSet<&str> = found.iter().map(|f| f.clause.as_str()).collect();
        for s in STATEMENTS {
            let (want, got) = (!r.present.contains(*s), missing.contains(s));
            let e = per.get_mut(s).unwrap();
            e.0 += (want && got) as usize;
            e.1 += (got && !want) as usize;
            e.2 += (want && !got) as usize;
            if want != got {
                wrong.push(format!("{}: {} {s}", r.id, if got { "false alarm" } else { "missed" }));
            }
        }
    }
    let floors = floors::floors("tests/page-dev/floors.txt", None);
    let mut errors = Vec::new();
    let mut check = |name: &str, p: f64, r: f64| {
        let (fp_, fr) = floors.get(name).copied().unwrap_or_else(|| panic!("floors.txt has no line for {name}"));
        println!("{name:<24} precision {p:.3} (floor {fp_:.2})  recall {r:.3} (floor {fr:.2})");
        if p + 1e-9 < fp_ || r + 1e-9 < fr {
            errors.push(format!("{name}: precision {p:.3} / recall {r:.3} below floors {fp_} / {fr}"));
        }
    };
    let (mut tp, mut fp, mut fnn) = (0, 0, 0);
    for (s, (t, f, n)) in &per {
        check(s, floors::rate(*t, t + f), floors::rate(*t, t + n));
        tp += t;
        fp += f;
        fnn += n;
    }
    check("all", floors::rate(tp, tp + fp), floors::rate(tp, tp + fnn));
    for w in &wrong {
        println!("{w}");
    }
    assert!(errors.is_empty(), "{}\n(python3 scripts/city-eval.py --set tests/page-dev --show-errors prints the texts)", errors.join("\n"));
}
