//! The names the front ends show come from one source, `src/finding.rs`
//! (see `src/vocab.rs`): the generated files are current, and every copy that
//! cannot be generated (TypeScript unions, the managed-storage schema, the
//! HTML forms) says the same. `POSTGUARD_BLESS=1 cargo test --test vocab`
//! rewrites the generated files.

use postguard::vocab::{render_module, vocabulary};
use regex::Regex;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn generated_files_are_current() {
    let bless = std::env::var_os("POSTGUARD_BLESS").is_some();
    let files = [
        ("web/vocab.mjs", render_module()),
    ];
    let mut stale = Vec::new();
    for (rel, want) in &files {
        let path = root().join(rel);
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if &have != want {
            if bless {
                std::fs::write(&path, want).unwrap();
            } else {
                stale.push(*rel);
            }
        }
    }
    assert!(stale.is_empty(), "stale generated files {stale:?}: run `POSTGUARD_BLESS=1 cargo test --test vocab`");
}

fn ids(terms: &[postguard::vocab::Term]) -> Vec<String> {
    terms.iter().map(|t| t.id.to_string()).collect()
}

/// The members of `export type NAME = "a" | "b" ...;` in the wasm module's TypeScript.
fn ts_union(src: &str, name: &str) -> Vec<String> {
    let start = src.find(&format!("export type {name} = ")).unwrap_or_else(|| panic!("no TypeScript type {name}"));
    let body = &src[start..start + src[start..].find(';').unwrap()];
    Regex::new(r#""([^"]+)""#).unwrap().captures_iter(body).map(|c| c[1].to_string()).collect()
}

#[test]
fn typescript_unions_match() {
    let src = read("src/wasm.rs");
    let v = vocabulary();
    assert_eq!(ts_union(&src, "Category"), ids(&v.categories), "src/wasm.rs Category");
    assert_eq!(ts_union(&src, "Mode"), ids(&v.modes), "src/wasm.rs Mode");
    assert_eq!(ts_union(&src, "Role"), ids(&v.roles), "src/wasm.rs Role");
    let mut sev = ts_union(&src, "Severity");
    let mut want = ids(&v.severities);
    sev.sort();
    want.sort();
    assert_eq!(sev, want, "src/wasm.rs Severity");
}

#[test]
fn managed_schema_matches() {
    let schema: serde_json::Value = serde_json::from_str(&read("extension/managed_schema.json")).unwrap();
    let list = |v: &serde_json::Value| -> Vec<String> {
        v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect()
    };
    let v = vocabulary();
    let p = &schema["properties"];
    assert_eq!(list(&p["role"]["enum"]), ids(&v.roles));
    assert_eq!(list(&p["defaultMode"]["enum"]), v.posting_modes);
    assert_eq!(list(&p["severity"]["additionalProperties"]["enum"]), ids(&v.severities));
}

/// (value, visible text) of a `<select id=ID>`'s options or of the radio
/// buttons named ID, in document order.
fn choices(html: &str, id: &str) -> Vec<(String, String)> {
    let select = Regex::new(&format!(r#"(?s)<select id="{id}"[^>]*>(.*?)</select>"#)).unwrap();
    if let Some(c) = select.captures(html) {
        return Regex::new(r#"<option value="([^"]*)"[^>]*>([^<]*)</option>"#)
            .unwrap()
            .captures_iter(&c[1])
            .map(|o| (o[1].to_string(), o[2].trim().to_string()))
            .collect();
    }
    Regex::new(&format!(r#"<input type="radio" name="{id}"[^>]* value="([^"]*)"[^>]*>\s*([^<]*)<"#))
        .unwrap()
        .captures_iter(html)
        .map(|o| (o[1].to_string(), o[2].trim().to_string()))
        .collect()
}

#[test]
fn forms_offer_the_same_roles_and_modes() {
    let v = vocabulary();
    let roles: Vec<(String, String)> = v.roles.iter().map(|t| (t.id.to_string(), t.label.to_string())).collect();
    for file in ["www/index.html", "extension/options.html", "extension/popup.html", "extension/welcome.html"] {
        assert_eq!(choices(&read(file), "role"), roles, "{file}: the role choices and their labels");
    }
    // The demo page offers every mode; the extension only the posting modes.
    let demo: Vec<String> = choices(&read("www/index.html"), "mode").into_iter().map(|c| c.0).collect();
    assert_eq!(demo, ids(&v.modes), "www/index.html modes");
    let options = choices(&read("extension/options.html"), "defaultMode");
    assert_eq!(options.iter().map(|c| c.0.clone()).collect::<Vec<_>>(), v.posting_modes, "options.html modes");
    let popup = choices(&read("extension/popup.html"), "mode-switch");
    let want: Vec<(String, String)> = std::iter::once((String::new(), "Automatic".to_string()))
        .chain(v.modes.iter().filter(|t| v.posting_modes.contains(&t.id)).map(|t| (t.id.to_string(), t.label.to_string())))
        .collect();
    assert_eq!(popup, want, "popup.html mode switch");
    for (value, text) in options {
        let label = v.modes.iter().find(|t| t.id == value).unwrap().label;
        assert!(text.starts_with(label), "options.html: mode {value} reads {text:?}, not {label:?}");
    }
}

#[test]
fn every_category_has_a_distinct_label() {
    let v = vocabulary();
    let mut labels: Vec<&str> = v.categories.iter().map(|t| t.label).collect();
    labels.sort();
    labels.dedup();
    assert_eq!(labels.len(), v.categories.len());
}
