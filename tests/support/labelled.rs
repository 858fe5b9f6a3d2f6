//! Labelled posts (one JSON object per line) and precision/recall tallies:
//! shared by tests/corpus.rs, tests/quality.rs and examples/quality.rs
//! (each includes this file with `#[path]`).
#![allow(dead_code)] // each includer uses part of it

use postguard::{Category, Mode, Role};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
pub struct Post {
    pub id: String,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    pub text: String,
    pub labels: Vec<String>,
}

impl Post {
    /// The post's mode (personal when absent).
    pub fn mode(&self) -> Result<Mode, String> {
        self.mode.as_deref().map_or(Ok(Mode::Personal), |m| Mode::parse(m).ok_or_else(|| format!("{}: mode {m:?}", self.id)))
    }

    /// The post's role (staff when absent).
    pub fn role(&self) -> Result<Role, String> {
        self.role.as_deref().map_or(Ok(Role::Staff), |r| Role::parse(r).ok_or_else(|| format!("{}: role {r:?}", self.id)))
    }

    /// The expected categories; an unknown label is an error.
    pub fn categories(&self) -> Result<BTreeSet<Category>, String> {
        self.labels.iter().map(|l| Category::parse(l).ok_or_else(|| format!("{}: unknown label {l:?}", self.id))).collect()
    }
}

/// The `.jsonl` files of a folder, sorted; or the file itself.
pub fn jsonl_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    Ok(files)
}

/// Every post of a `.jsonl` file; an error names the file and line.
pub fn read(path: &Path) -> Result<Vec<Post>, String> {
    let body = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    body.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1)))
        .collect()
}

/// True positives, false positives and false negatives of one category.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Tally {
    pub fn count(&mut self, wanted: bool, found: bool) {
        match (wanted, found) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            _ => {}
        }
    }

    pub fn add(&mut self, o: Tally) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }

    /// Precision, or None when nothing was found.
    pub fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0).then(|| self.tp as f64 / (self.tp + self.fp) as f64)
    }

    /// Recall, or None when nothing was expected.
    pub fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0).then(|| self.tp as f64 / (self.tp + self.fn_) as f64)
    }
}

/// The categories the engine counts as core (the others are secondary).
pub fn is_core(c: Category) -> bool {
    matches!(c, Category::Disclaimer | Category::CityEmail | Category::Confidential)
}
