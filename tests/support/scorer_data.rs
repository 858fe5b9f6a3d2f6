//! The learned scorer's training data (src/scorer.rs): the dev part of the
//! quality corpus, never the frozen test part. Shared by
//! examples/train_scorer.rs and tests/scorer.rs (each includes this file with
//! `#[path]`, after `labelled.rs`).
#![allow(dead_code)]

use super::labelled;
use postguard::normalize::Normalized;
use postguard::{Category, Mode};
use std::path::Path;

/// Where the training posts are.
pub const DEV: &str = "tests/quality/dev";
/// The signal file whose `[score]` table the trainer writes.
pub const SIGNAL_FILE: &str = "policy/rochester/signals/work_voice.toml";
/// The signal's name.
pub const SIGNAL: &str = "work_voice";
/// What the table says it was trained on.
pub const TRAINED_ON: &str = "tests/quality/dev: personal-mode posts, label disclaimer (examples/train_scorer.rs, Training::default())";

/// One training example: the annotator's batch (the file), the post, its
/// matching view and whether it is labelled `disclaimer`.
pub struct Example {
    pub group: String,
    pub post: labelled::Post,
    pub view: String,
    pub label: bool,
}

/// Every personal-mode post of the dev part, in file order.
pub fn dev_examples() -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    for f in labelled::jsonl_files(Path::new(DEV))? {
        let group = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        for post in labelled::read(&f)? {
            if post.mode()? != Mode::Personal {
                continue;
            }
            let label = post.categories()?.contains(&Category::Disclaimer);
            let view = Normalized::new(&post.text).text;
            out.push(Example { group: group.clone(), post, view, label });
        }
    }
    Ok(out)
}

/// The signal file with its `[score]` table replaced by `table`.
pub fn with_table(file: &str, table: &str) -> String {
    let head = file.find("\n[score]").map_or(file, |i| &file[..=i]);
    format!("{}{}", head, table)
}

/// The embedded pack with `model` as the scorer's model.
pub fn pack_with(model: &postguard::scorer::Model) -> Result<postguard::pack::Pack, String> {
    let mut pack = postguard::pack::Pack::rochester();
    let sig = pack.signals.get_mut(SIGNAL).ok_or_else(|| format!("no {SIGNAL} signal in the pack"))?;
    let old = sig.score.take().ok_or_else(|| format!("{SIGNAL} has no [score] table"))?;
    sig.score = Some(postguard::pack::ScoreDef { trained_on: old.trained_on, bits: model.bits(), bias: model.bias(), threshold: model.threshold(), scale: model.scale(), weights: model.weights_hex() });
    Ok(pack)
}

/// For each annotator's batch of the dev part, the checker whose scorer was
/// trained on the other batches (with `training`, at `threshold`): how the
/// scorer does on writers it has not seen. The dev part is the scorer's
/// training data, so its numbers with the pack's own model are in-sample.
pub fn out_of_fold(examples: &[Example], training: &postguard::scorer::Training, threshold: f64) -> Result<Vec<(String, postguard::scorer::Model, postguard::Checker)>, String> {
    let groups: std::collections::BTreeSet<&str> = examples.iter().map(|e| e.group.as_str()).collect();
    groups
        .into_iter()
        .map(|g| {
            let data: Vec<(String, bool)> = examples.iter().filter(|e| e.group != g).map(|e| (e.view.clone(), e.label)).collect();
            let model = postguard::scorer::Model::quantise(training.bits, &postguard::scorer::train(&data, training), threshold);
            let checker = postguard::Checker::new(pack_with(&model)?).map_err(|e| e.to_string())?;
            Ok((g.to_string(), model, checker))
        })
        .collect()
}
