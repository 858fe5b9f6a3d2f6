//! Trains the learned scorer (src/scorer.rs) on the dev part of the quality
//! corpus and writes its model into the pack (`policy/rochester/signals/
//! work_voice.toml`, the `[score]` table); `tests/scorer.rs` checks that the
//! pack holds exactly what this gives.
//!
//!   cargo run --release --example train_scorer                 # train, write
//!   cargo run --release --example train_scorer -- --threshold 2.5
//!   cargo run --release --example train_scorer -- --cv 1.5,2,2.5,3
//!
//! `--cv` writes nothing: it estimates how the rule does on writers the model
//! has not seen. For each annotator's batch of the dev part (a file), a model
//! is trained on the other batches and the whole checker is run on that batch;
//! the table adds up, for each threshold, the disclaimer findings with and
//! without `disclaimer.missing-scored`. The frozen test part is never read.
#[path = "../tests/support/labelled.rs"]
mod labelled;
#[path = "../tests/support/scorer_data.rs"]
mod scorer_data;

use postguard::pack::Pack;
use postguard::scorer::{self, Model, Training};
use postguard::{Category, Context};
use std::path::Path;

const RULE: &str = "disclaimer.missing-scored";

fn fail(msg: &str) -> ! {
    eprintln!("train_scorer: {msg}");
    std::process::exit(2)
}

fn current_threshold() -> Option<f64> {
    let pack = Pack::from_dir(Path::new("policy/rochester")).ok()?;
    pack.signals.get(scorer_data::SIGNAL)?.score.as_ref().map(|s| s.threshold)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let examples = scorer_data::dev_examples().unwrap_or_else(|e| fail(&e));
    let mut training = Training::default();
    // Exploring (with --cv): other training settings than the default the pack is trained with.
    for (flag, field) in [("--l2", &mut training.l2), ("--rate", &mut training.rate)] {
        if let Some(v) = value(flag) {
            *field = v.parse().unwrap_or_else(|_| fail(&format!("{flag}: not a number")));
        }
    }
    for (flag, field) in [("--bits", &mut training.bits), ("--epochs", &mut training.epochs)] {
        if let Some(v) = value(flag) {
            *field = v.parse().unwrap_or_else(|_| fail(&format!("{flag}: not a number")));
        }
    }
    if let Some(list) = value("--cv") {
        let thresholds: Vec<f64> = list.split(',').map(|t| t.trim().parse().unwrap_or_else(|_| fail(&format!("--cv: not a number: {t}")))).collect();
        cross_validate(&examples, &training, &thresholds);
        return;
    }
    if training.l2 != Training::default().l2 || training.rate != Training::default().rate || training.bits != Training::default().bits || training.epochs != Training::default().epochs {
        fail("--l2, --rate, --bits and --epochs are for --cv: the pack is trained with Training::default() (tests/scorer.rs retrains it so)");
    }
    let threshold = value("--threshold").map(|t| t.parse().unwrap_or_else(|_| fail("--threshold: not a number"))).or_else(current_threshold).unwrap_or(2.0);
    let data: Vec<(String, bool)> = examples.iter().map(|e| (e.view.clone(), e.label)).collect();
    let model = Model::quantise(training.bits, &scorer::train(&data, &training), threshold);
    let file = std::fs::read_to_string(scorer_data::SIGNAL_FILE).unwrap_or_else(|e| fail(&format!("{}: {e}", scorer_data::SIGNAL_FILE)));
    std::fs::write(scorer_data::SIGNAL_FILE, scorer_data::with_table(&file, &model.table(scorer_data::TRAINED_ON))).unwrap_or_else(|e| fail(&e.to_string()));
    let positives = data.iter().filter(|d| d.1).count();
    println!("trained on {} posts ({} labelled disclaimer), {} weights, threshold {threshold}: wrote {}", data.len(), positives, 1 << training.bits, scorer_data::SIGNAL_FILE);
}

fn cross_validate(examples: &[scorer_data::Example], training: &Training, thresholds: &[f64]) {
    // The rule fires at any score here; each threshold is applied below.
    let folds = scorer_data::out_of_fold(examples, training, -1e300).unwrap_or_else(|e| fail(&e));
    // (tp, fp, fn) without the scored rule, then with it at each threshold.
    let mut without = (0usize, 0usize, 0usize);
    let mut with = vec![(0usize, 0usize, 0usize); thresholds.len()];
    for (g, model, checker) in &folds {
        for e in examples.iter().filter(|e| e.group == *g) {
            let ctx = Context { mode: e.post.mode().unwrap_or_else(|m| fail(&m)), role: e.post.role().unwrap_or_else(|m| fail(&m)) };
            let findings = checker.check(&e.post.text, &ctx);
            let other = findings.iter().any(|f| f.category == Category::Disclaimer && f.rule != RULE);
            let scored = findings.iter().any(|f| f.rule == RULE);
            let score = model.score(&e.view);
            let tally = |t: &mut (usize, usize, usize), found: bool| match (e.label, found) {
                (true, true) => t.0 += 1,
                (false, true) => t.1 += 1,
                (true, false) => t.2 += 1,
                _ => {}
            };
            tally(&mut without, other);
            for (i, &th) in thresholds.iter().enumerate() {
                tally(&mut with[i], other || (scored && score > th));
            }
        }
    }
    let row = |name: String, t: (usize, usize, usize)| {
        let p = t.0 as f64 / (t.0 + t.1).max(1) as f64;
        let r = t.0 as f64 / (t.0 + t.2).max(1) as f64;
        println!("| {name} | {} | {} | {} | {p:.3} | {r:.3} |", t.0, t.1, t.2);
    };
    println!("Leave one batch out: {} batches, {} personal-mode posts of {}", folds.len(), examples.len(), scorer_data::DEV);
    println!("| disclaimer | tp | fp | fn | precision | recall |");
    println!("|---|---|---|---|---|---|");
    row("without the scored rule".into(), without);
    for (i, th) in thresholds.iter().enumerate() {
        row(format!("with it, threshold {th}"), with[i]);
    }
}
