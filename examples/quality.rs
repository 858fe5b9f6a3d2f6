//! Precision and recall per category on labelled posts (the corpus method of
//! tests/quality/README.md), as the Markdown table QUALITY.md carries.
//!
//!   cargo run --release --example quality -- dev=tests/quality/dev test=tests/quality/test \
//!       old=tests/corpus,tests/holdout
//!   cargo run --release --example quality -- --misses dev=tests/quality/dev
//!
//! Each argument is `NAME=PATH[,PATH...]`; a PATH is a `.jsonl` file or a folder
//! of them. `--misses` prints every disagreement (id, expected, found, text),
//! and refuses to do so for the frozen test part (tests/quality/test/): nobody
//! tunes to a test post. A post counts for a category only where the category
//! applies (tests/quality/SPEC.md): a false positive outside its mode or role
//! is still counted, since the engine should never produce one.
//!
//! The dev part is the learned scorer's training data (src/scorer.rs), so a
//! dev post is checked by a checker whose scorer was trained on the other
//! annotators' batches (`scorer_data::out_of_fold`): dev numbers and misses
//! stay out-of-sample, as the test part's are. `--in-sample` uses the pack's
//! own model instead.
#[path = "../tests/support/labelled.rs"]
mod labelled;
#[path = "../tests/support/scorer_data.rs"]
mod scorer_data;

use labelled::{is_core, Post, Tally};
use postguard::{Category, Checker, Context};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn fail(msg: &str) -> ! {
    eprintln!("quality: {msg}");
    std::process::exit(2)
}

fn files(spec: &str) -> Vec<PathBuf> {
    spec.split(',')
        .flat_map(|part| {
            let p = Path::new(part);
            if !p.exists() {
                fail(&format!("{part}: no such file or folder"));
            }
            labelled::jsonl_files(p).unwrap_or_else(|e| fail(&e))
        })
        .collect()
}

fn fmt(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{x:.3}"))
}

fn main() {
    let mut show_misses = false;
    let mut in_sample = false;
    let mut sets: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--misses" {
            show_misses = true;
        } else if a == "--in-sample" {
            in_sample = true;
        } else if let Some((name, spec)) = a.split_once('=') {
            sets.push((name.to_string(), files(spec)));
        } else {
            fail(&format!("expected NAME=PATH[,PATH...] or --misses, got {a:?}"));
        }
    }
    if sets.is_empty() {
        fail("usage: quality [--misses] NAME=PATH[,PATH...] ...");
    }
    let frozen = Path::new("tests/quality/test");
    if show_misses && sets.iter().flat_map(|(_, f)| f).any(|f| f.starts_with(frozen) || f.canonicalize().ok().zip(frozen.canonicalize().ok()).is_some_and(|(a, b)| a.starts_with(b))) {
        fail("--misses on the frozen test part (tests/quality/test/) is refused: run it, never tune to it; move a post you have looked at to dev and write a new one");
    }
    let checker = Checker::rochester();
    let dev = Path::new(scorer_data::DEV).canonicalize().ok();
    let in_dev = |f: &Path| f.canonicalize().ok().zip(dev.clone()).is_some_and(|(a, b)| a.starts_with(b));
    let needs_folds = !in_sample && sets.iter().flat_map(|(_, f)| f).any(|f| in_dev(f));
    let folds: BTreeMap<String, Checker> = if needs_folds {
        let examples = scorer_data::dev_examples().unwrap_or_else(|e| fail(&e));
        let threshold = postguard::pack::Pack::rochester().signals.get(scorer_data::SIGNAL).and_then(|s| s.score.as_ref()).map_or(f64::INFINITY, |s| s.threshold);
        scorer_data::out_of_fold(&examples, &postguard::scorer::Training::default(), threshold).unwrap_or_else(|e| fail(&e)).into_iter().map(|(g, _, c)| (g, c)).collect()
    } else {
        BTreeMap::new()
    };
    println!("| set | posts | category | tp | fp | fn | precision | recall |");
    println!("|---|---|---|---|---|---|---|---|");
    for (name, fs) in &sets {
        // Each post with the checker it is measured with: out-of-fold for a dev batch.
        let posts: Vec<(Post, &Checker)> = fs
            .iter()
            .flat_map(|f| {
                let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
                let c = if in_dev(f) { folds.get(stem).unwrap_or(&checker) } else { &checker };
                labelled::read(f).unwrap_or_else(|e| fail(&e)).into_iter().map(move |p| (p, c))
            })
            .collect();
        let mut counts: BTreeMap<Category, Tally> = Category::ALL.iter().map(|&c| (c, Tally::default())).collect();
        for (p, checker) in &posts {
            let ctx = Context { mode: p.mode().unwrap_or_else(|e| fail(&e)), role: p.role().unwrap_or_else(|e| fail(&e)) };
            let findings = checker.check(&p.text, &ctx);
            let got: BTreeSet<Category> = findings.iter().map(|f| f.category).collect();
            let want = p.categories().unwrap_or_else(|e| fail(&e));
            for &c in &Category::ALL {
                counts.get_mut(&c).expect("every category").count(want.contains(&c), got.contains(&c));
            }
            if show_misses && got != want {
                let rules: Vec<String> = findings.iter().map(|f| format!("{}[{}]", f.rule, f.excerpt)).collect();
                eprintln!("{} {:?}/{:?} want {:?} got {:?} {:?}\n    {}", p.id, ctx.mode, ctx.role, want, got, rules, p.text.replace('\n', " "));
            }
        }
        let mut core = Tally::default();
        let mut secondary = Tally::default();
        for (c, n) in &counts {
            println!("| {name} | {} | {} | {} | {} | {} | {} | {} |", posts.len(), c.as_str(), n.tp, n.fp, n.fn_, fmt(n.precision()), fmt(n.recall()));
            if is_core(*c) { core.add(*n) } else { secondary.add(*n) }
        }
        println!("| {name} | {} | **core pooled** | {} | {} | {} | **{}** | **{}** |", posts.len(), core.tp, core.fp, core.fn_, fmt(core.precision()), fmt(core.recall()));
        println!("| {name} | {} | **secondary pooled** | {} | {} | {} | **{}** | **{}** |", posts.len(), secondary.tp, secondary.fp, secondary.fn_, fmt(secondary.precision()), fmt(secondary.recall()));
    }
}
