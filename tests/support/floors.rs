//! Quality floors: `name precision recall` lines in a floors.txt, `#` starts a
//! comment, `[section]` starts a section. Shared by tests/quality.rs,
//! tests/moderation_dev.rs and tests/page_dev.rs (each includes this file
//! with `#[path]`). Floors only ever go up; nobody lowers one to make a change pass.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

/// The floors of `section` in the file at `rel` (from the crate root); `None`
/// is the lines before any `[section]` header.
pub fn floors(rel: &str, section: Option<&str>) -> BTreeMap<String, (f64, f64)> {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let body = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    let mut current: Option<String> = None;
    let mut out = BTreeMap::new();
    for l in body.lines().map(|l| l.split('#').next().unwrap().trim()).filter(|l| !l.is_empty()) {
        if let Some(name) = l.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.to_string());
            continue;
        }
        let w: Vec<&str> = l.split_whitespace().collect();
        assert_eq!(w.len(), 3, "{rel}: {l:?} is not `name precision recall`");
        if current.as_deref() == section {
            let p = w[1].parse().unwrap_or_else(|_| panic!("{rel}: {l:?}: precision"));
            let r = w[2].parse().unwrap_or_else(|_| panic!("{rel}: {l:?}: recall"));
            out.insert(w[0].to_string(), (p, r));
        }
    }
    assert!(!out.is_empty(), "{rel} has no floors for {}", section.unwrap_or("its first section"));
    out
}

/// a / b, and 1.0 when there is nothing to count.
pub fn rate(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}
