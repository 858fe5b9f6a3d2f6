//! The quality corpus (tests/quality/README.md): posts written by independent
//! annotators from the policy and tests/quality/SPEC.md only, split into a dev
//! part (tune on it) and a frozen test part (only ever run).
//!
//! This test checks the corpus is well formed (every label applies where the
//! spec says, ids and texts unique across both parts) and that precision and
//! recall on the frozen test part do not fall below the floors in
//! tests/quality/floors.txt. The floors are the measured values of the last
//! change that raised them, rounded down: they only ever go up, and nobody
//! lowers one to make a change pass. It prints the test part's counts only,
//! never a post.
#[path = "support/labelled.rs"]
mod labelled;

use labelled::{is_core, Post, Tally};
use postguard::{Category, Checker, Context, Mode, Role};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
#[path = "support/floors.rs"]
mod floors;

fn applies(c: Category, mode: Mode, role: Role) -> bool {
    match c {
        Category::Disclaimer | Category::CityEmail | Category::OfficialPosition => mode == Mode::Personal,
        Category::Political | Category::Endorsement | Category::PersonalViews => mode == Mode::City,
        Category::OpenMeeting => role == Role::Council,
        _ => true,
    }
}

/// A part's posts with their context and expected categories; every post
/// names its mode and role, and every label applies there (SPEC.md).
fn load(part: &str) -> Vec<(Post, Mode, Role, BTreeSet<Category>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/quality").join(part);
    let mut out = Vec::new();
    for f in labelled::jsonl_files(&dir).unwrap_or_else(|e| panic!("{e}")) {
        for p in labelled::read(&f).unwrap_or_else(|e| panic!("{e}")) {
            let at = format!("{}: {}", f.display(), p.id);
            assert!(p.mode.is_some() && p.role.is_some(), "{at}: mode and role are required");
            let (mode, role) = (p.mode().unwrap_or_else(|e| panic!("{e}")), p.role().unwrap_or_else(|e| panic!("{e}")));
            let labels = p.categories().unwrap_or_else(|e| panic!("{at}: {e}"));
            for &c in &labels {
                assert!(applies(c, mode, role), "{at}: {c} does not apply in {mode:?}/{role:?}");
            }
            out.push((p, mode, role, labels));
        }
    }
    out
}

#[test]
fn quality_corpus_is_well_formed() {
    let dev = load("dev");
    let test = load("test");
    assert!(dev.len() >= 100 && test.len() >= 100, "dev {} test {}", dev.len(), test.len());
    let mut ids = HashMap::new();
    let mut texts = HashMap::new();
    for (p, ..) in dev.iter().chain(&test) {
        assert!(ids.insert(p.id.clone(), ()).is_none(), "duplicate id {}", p.id);
        assert!(texts.insert(p.text.clone(), ()).is_none(), "duplicate text ({})", p.id);
    }
}

#[test]
fn frozen_test_part_stays_above_its_floors() {
    let checker = Checker::rochester();
    let posts = load("test");
    let mut n: BTreeMap<&str, Tally> = BTreeMap::new();
    for (p, mode, role, want) in &posts {
        let got: BTreeSet<Category> = checker.check(&p.text, &Context { mode: *mode, role: *role }).iter().map(|f| f.category).collect();
        for &c in &Category::ALL {
            for key in [c.as_str(), if is_core(c) { "core" } else { "secondary" }] {
                n.entry(key).or_default().count(want.contains(&c), got.contains(&c));
            }
        }
    }
    let mut below = Vec::new();
    println!("frozen test part: {} posts", posts.len());
    for (key, (min_p, min_r)) in floors::floors("tests/quality/floors.txt", None) {
        let t = *n.get(key.as_str()).unwrap_or_else(|| panic!("floors.txt: unknown category {key}"));
        let (p, r) = (t.precision().unwrap_or(1.0), t.recall().unwrap_or(1.0));
        println!("{key:<18} P {p:.3} (floor {min_p:.3})  R {r:.3} (floor {min_r:.3})");
        if p + 1e-9 < min_p || r + 1e-9 < min_r {
            below.push(format!("{key}: P {p:.3} < {min_p} or R {r:.3} < {min_r}"));
        }
    }
    assert!(below.is_empty(), "below the floors of tests/quality/floors.txt: {below:?}");
}
