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
use postguard::{Category, Checker, Context, Mode, Role};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
struct Post {
    id: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    role: Option<String>,
    text: String,
    labels: Vec<String>,
}

const CORE: [Category; 3] = [Category::Disclaimer, Category::CityEmail, Category::Confidential];

fn files(spec: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for part in spec.split(',') {
        let p = Path::new(part);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .unwrap_or_else(|e| fail(&format!("{}: {e}", p.display())))
                .map(|e| e.expect("dir entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
                .collect();
            v.sort();
            out.extend(v);
        } else if p.is_file() {
            out.push(p.to_path_buf());
        } else {
            fail(&format!("{part}: no such file or folder"));
        }
    }
    out
}

fn fail(msg: &str) -> ! {
    eprintln!("quality: {msg}");
    std::process::exit(2)
}

fn load(path: &Path) -> Vec<Post> {
    let body = std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    let mut posts = Vec::new();
    for (i, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let p: Post = serde_json::from_str(line).unwrap_or_else(|e| fail(&format!("{}:{}: {e}", path.display(), i + 1)));
        for l in &p.labels {
            if Category::parse(l).is_none() {
                fail(&format!("{}:{}: {}: unknown label {l:?}", path.display(), i + 1, p.id));
            }
        }
        posts.push(p);
    }
    posts
}

#[derive(Default, Clone, Copy)]
struct Count {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Count {
    fn p(&self) -> f64 {
        if self.tp + self.fp == 0 { f64::NAN } else { self.tp as f64 / (self.tp + self.fp) as f64 }
    }
    fn r(&self) -> f64 {
        if self.tp + self.fn_ == 0 { f64::NAN } else { self.tp as f64 / (self.tp + self.fn_) as f64 }
    }
    fn add(&mut self, o: Count) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn fmt(x: f64) -> String {
    if x.is_nan() { "–".into() } else { format!("{x:.3}") }
}

fn main() {
    let mut show_misses = false;
    let mut sets: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--misses" {
            show_misses = true;
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
    println!("| set | posts | category | tp | fp | fn | precision | recall |");
    println!("|---|---|---|---|---|---|---|---|");
    for (name, fs) in &sets {
        let posts: Vec<Post> = fs.iter().flat_map(|f| load(f)).collect();
        let mut counts: BTreeMap<Category, Count> = Category::ALL.iter().map(|&c| (c, Count::default())).collect();
        for p in &posts {
            let ctx = Context {
                mode: p.mode.as_deref().map_or(Mode::Personal, |m| Mode::parse(m).unwrap_or_else(|| fail(&format!("{}: mode {m:?}", p.id)))),
                role: p.role.as_deref().map_or(Role::Staff, |r| Role::parse(r).unwrap_or_else(|| fail(&format!("{}: role {r:?}", p.id)))),
            };
            let findings = checker.check(&p.text, &ctx);
            let got: BTreeSet<Category> = findings.iter().map(|f| f.category).collect();
            let want: BTreeSet<Category> = p.labels.iter().filter_map(|l| Category::parse(l)).collect();
            for &c in &Category::ALL {
                let e = counts.get_mut(&c).expect("every category");
                match (want.contains(&c), got.contains(&c)) {
                    (true, true) => e.tp += 1,
                    (false, true) => e.fp += 1,
                    (true, false) => e.fn_ += 1,
                    _ => {}
                }
            }
            if show_misses && got != want {
                let rules: Vec<String> = findings.iter().map(|f| format!("{}[{}]", f.rule, f.excerpt)).collect();
                eprintln!("{} {:?}/{:?} want {:?} got {:?} {:?}\n    {}", p.id, ctx.mode, ctx.role, want, got, rules, p.text.replace('\n', " "));
            }
        }
        let mut core = Count::default();
        let mut secondary = Count::default();
        for (c, n) in &counts {
            println!("| {name} | {} | {} | {} | {} | {} | {} | {} |", posts.len(), c.as_str(), n.tp, n.fp, n.fn_, fmt(n.p()), fmt(n.r()));
            if CORE.contains(c) { core.add(*n) } else { secondary.add(*n) }
        }
        println!("| {name} | {} | **core pooled** | {} | {} | {} | **{}** | **{}** |", posts.len(), core.tp, core.fp, core.fn_, fmt(core.p()), fmt(core.r()));
        println!("| {name} | {} | **secondary pooled** | {} | {} | {} | **{}** | **{}** |", posts.len(), secondary.tp, secondary.fp, secondary.fn_, fmt(secondary.p()), fmt(secondary.r()));
    }
}
