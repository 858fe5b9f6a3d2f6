//! The one source of the names every front end shows: categories, severities,
//! modes and roles, each with its id and its label (`src/finding.rs`).
//!
//! The demo page and the extension cannot call Rust before the wasm is loaded
//! (the content scripts never load it), so the vocabulary is written out as
//! JavaScript: `web/vocab.mjs`, an ES module of the shared web package that the
//! demo page, the extension's pages and the content-script bundle import (the
//! build copies `web/` into `www/web/` and `extension/web/`). `tests/vocab.rs`
//! fails when it differs from [`render_module`], and
//! `POSTGUARD_BLESS=1 cargo test --test vocab` rewrites it. The same test checks the copies that cannot be generated
//! (the TypeScript unions in `src/wasm.rs`, `extension/managed_schema.json`, the
//! role and mode choices in the HTML forms) against this source.

use crate::finding::{Category, Mode, Role, Severity};
use serde::Serialize;

/// An id and the label people read.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub id: &'static str,
    pub label: &'static str,
}

/// Everything a front end needs to name things, in display order.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    /// In documentation order (`Category::ALL`).
    pub categories: Vec<Term>,
    /// Most serious first.
    pub severities: Vec<Term>,
    pub modes: Vec<Term>,
    /// The modes one writes one's own posts in (the extension's default
    /// mode and per-tab switch offer these; moderation reviews others' comments).
    pub posting_modes: Vec<&'static str>,
    pub roles: Vec<Term>,
}

pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        categories: Category::ALL.iter().map(|c| Term { id: c.as_str(), label: c.label() }).collect(),
        severities: Severity::ALL.iter().map(|s| Term { id: s.as_str(), label: s.label() }).collect(),
        modes: Mode::ALL.iter().map(|m| Term { id: m.as_str(), label: m.label() }).collect(),
        posting_modes: Mode::POSTING.iter().map(|m| m.as_str()).collect(),
        roles: Role::ALL.iter().map(|r| Term { id: r.as_str(), label: r.label() }).collect(),
    }
}

const HEADER: &str = "// Generated from src/finding.rs by src/vocab.rs: do not edit.\n// `POSTGUARD_BLESS=1 cargo test --test vocab` rewrites it; `cargo test` fails when it is stale.\n";

/// The vocabulary as a JavaScript object literal (valid JSON), one term per
/// line so that a change reads as a one-line diff; every line after the
/// first is indented by `indent`.
fn literal(indent: &str) -> String {
    let v = vocabulary();
    let q = |s: &str| serde_json::to_string(s).expect("a string serialises");
    let terms = |name: &str, list: &[Term]| {
        let rows: Vec<String> =
            list.iter().map(|t| format!("{indent}    {{ \"id\": {}, \"label\": {} }}", q(t.id), q(t.label))).collect();
        format!("{indent}  {}: [\n{}\n{indent}  ]", q(name), rows.join(",\n"))
    };
    let posting: Vec<String> = v.posting_modes.iter().map(|m| q(m)).collect();
    format!(
        "{{\n{},\n{},\n{},\n{indent}  \"posting_modes\": [{}],\n{}\n{indent}}}",
        terms("categories", &v.categories),
        terms("severities", &v.severities),
        terms("modes", &v.modes),
        posting.join(", "),
        terms("roles", &v.roles),
    )
}

/// `web/vocab.mjs`: the vocabulary as an ES module (the demo page, the extension's
/// pages and worker, and the content-script bundle all import it).
pub fn render_module() -> String {
    let mut s = String::from(HEADER);
    s.push_str("\n/** @typedef {{ id: string, label: string }} Term */\n");
    s.push_str("/** @type {{ categories: Term[], severities: Term[], modes: Term[], posting_modes: string[], roles: Term[] }} */\n");
    s.push_str(&format!("export const VOCAB = {};\n\n", literal("")));
    s.push_str(concat!(
        "export const CATEGORY_LABELS = Object.fromEntries(VOCAB.categories.map((t) => [t.id, t.label]));\n",
        "export const SEVERITY_LABELS = Object.fromEntries(VOCAB.severities.map((t) => [t.id, t.label]));\n",
        "/** 0 for the most serious. */\n",
        "export const SEVERITY_RANK = Object.fromEntries(VOCAB.severities.map((t, i) => [t.id, i]));\n",
        "export const MODE_LABELS = Object.fromEntries(VOCAB.modes.map((t) => [t.id, t.label]));\n",
        "export const ROLE_LABELS = Object.fromEntries(VOCAB.roles.map((t) => [t.id, t.label]));\n",
        "export const ROLES = VOCAB.roles.map((t) => t.id);\n",
        "export const POSTING_MODES = VOCAB.posting_modes;\n",
    ));
    s
}
