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
use postguard::{Category, Checker, Context, Mode, Role};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

#[derive(serde::Deserialize)]
struct Post {
    id: String,
    mode: String,
    role: String,
    text: String,
    labels: Vec<String>,
}

fn applies(c: Category, mode: Mode, role: Role) -> bool {
    match c {
        Category::Disclaimer | Category::CityEmail | Category::OfficialPosition => mode == Mode::Personal,
        Category::Political | Category::Endorsement | Category::PersonalViews => mode == Mode::City,
        Category::OpenMeeting => role == Role::Council,
        _ => true,
    }
}

fn load(part: &str) -> Vec<(Post, Mode, Role, BTreeSet<Category>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/quality").join(part);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let body = std::fs::read_to_string(&f).unwrap();
        for (i, line) in body.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let at = format!("{}:{}", f.display(), i + 1);
            let p: Post = serde_json::from_str(line).unwrap_or_else(|e| panic!("{at}: {e}"));
            let mode = Mode::parse(&p.mode).unwrap_or_else(|| panic!("{at}: mode {:?}", p.mode));
            let role = Role::parse(&p.role).unwrap_or_else(|| panic!("{at}: role {:?}", p.role));
            let mut labels = BTreeSet::new();
            for l in &p.labels {
                let c = Category::parse(l).unwrap_or_else(|| panic!("{at}: unknown label {l:?}"));
                assert!(applies(c, mode, role), "{at}: {l} does not apply in {mode:?}/{role:?}");
                labels.insert(c);
            }
            out.push((p, mode, role, labels));
        }
    }
    out
}

/// `category precision recall` lines; `core` is the pooled core categories.
fn floors() -> BTreeMap<String, (f64, f64)> {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/quality/floors.txt");
    let body = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    body.lines()
        .map(|l| l.split('#').next().unwrap().trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(w.len(), 3, "floors.txt: {l:?}");
            (w[0].to_string(), (w[1].parse().expect("precision"), w[2].parse().expect("recall")))
        })
        .collect()
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
    let mut n: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (p, mode, role, want) in &posts {
        let got: BTreeSet<Category> = checker.check(&p.text, &Context { mode: *mode, role: *role }).iter().map(|f| f.category).collect();
        for &c in &Category::ALL {
            let core = matches!(c, Category::Disclaimer | Category::CityEmail | Category::Confidential);
            for key in [c.as_str(), if core { "core" } else { "secondary" }] {
                let e = n.entry(key).or_default();
                match (want.contains(&c), got.contains(&c)) {
                    (true, true) => e.0 += 1,
                    (false, true) => e.1 += 1,
                    (true, false) => e.2 += 1,
                    _ => {}
                }
            }
        }
    }
    let mut below = Vec::new();
    println!("frozen test part: {} posts", posts.len());
    for (key, (min_p, min_r)) in floors() {
        let (tp, fp, fn_) = *n.get(key.as_str()).unwrap_or_else(|| panic!("floors.txt: unknown category {key}"));
        let p = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
        let r = if tp + fn_ == 0 { 1.0 } else { tp as f64 / (tp + fn_) as f64 };
        println!("{key:<18} P {p:.3} (floor {min_p:.3})  R {r:.3} (floor {min_r:.3})");
        if p + 1e-9 < min_p || r + 1e-9 < min_r {
            below.push(format!("{key}: P {p:.3} < {min_p} or R {r:.3} < {min_r}"));
        }
    }
    assert!(below.is_empty(), "below the floors of tests/quality/floors.txt: {below:?}");
}
