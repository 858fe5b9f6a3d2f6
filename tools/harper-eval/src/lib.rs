//! Spelling and grammar of posts on official City accounts ([city.g.accurate]:
//! "accurate and free of grammatical errors"), with Harper (`harper-core`).
//!
//! **An evaluation, not shipped.** Issue 16 asked for Harper as a second wasm
//! module loaded lazily in City mode; measured, it did not hold up (2.4 MB
//! gzipped, ~1.1 s cold start, 34 findings per 100 correct City posts even
//! after tuning: BENCHMARKS.md "Accuracy"). PostGuard ships `src/accuracy.rs`
//! instead. This crate is its own workspace (tools/harper-eval/Cargo.toml),
//! so the root build and tests never compile harper-core; `./build.sh
//! harper-eval` builds its wasm and measures it again.
//!
//! Findings follow the main engine's schema (src/finding.rs): category
//! `accuracy`, clause `city.g.accurate`, offsets in UTF-16 code units
//! (`start`/`end`) and UTF-8 bytes (`byte_start`/`byte_end`), and Harper's
//! suggestions as fixes, each one edit.

use harper_core::linting::{LintGroup, Suggestion};
use harper_core::spell::{Dictionary, FstDictionary, MergedDictionary, MutableDictionary};
use harper_core::{CharString, TokenKind, Dialect, DictWordMetadata, Document, NounData};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Arc;

pub mod words;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// The clause every finding cites.
pub const CLAUSE: &str = "city.g.accurate";

/// Harper rules switched off because, on correct City posts, they flag style
/// preferences rather than errors (BENCHMARKS.md "Accuracy module" has the
/// counts that made each decision).
pub const DISABLED_RULES: &[&str] = &[
    // Sentence case in headings is a house style ("Snow Emergency Declared").
    "SentenceCapitalization",
    // Readability advice on every long sentence, not an error.
    "LongSentences",
    // "9-11 a.m." -> en dash: typography, not grammar (21 findings on 467 posts).
    "NumericRangeEnDash",
    // The serial comma is a style choice; AP style, which cities follow, omits it.
    "OxfordComma",
    // Flags correct closed compounds: "skyway", "pickleball", "storytime", "passcode".
    "SplitWords",
    // Flags "Re-elect" and similar correct hyphenated prefixes.
    "DisjointPrefixes",
];

/// One text edit, as in src/finding.rs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub replacement: String,
}

/// A suggested fix, as in src/finding.rs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub label: String,
    pub edits: Vec<Edit>,
}

/// One finding, with the main engine's field names and order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub category: &'static str,
    pub severity: &'static str,
    pub clause: &'static str,
    pub message: String,
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub excerpt: String,
    pub fixes: Vec<Fix>,
}

/// Harper with the City's words and PostGuard's rule choices. Create once
/// (it builds Harper's curated dictionary and linters), check many times.
pub struct Accuracy {
    dictionary: Arc<MergedDictionary>,
    linters: LintGroup,
}

impl Accuracy {
    /// Harper with the embedded pack's names (policy/rochester/lexicons/) and the
    /// local proper nouns (accuracy/local-words.txt) as a user dictionary,
    /// plus `extra_words` (a City's own additions).
    pub fn new(extra_words: &[String]) -> Accuracy {
        let mut all: BTreeSet<String> = words::pack_words(words::EMBEDDED_PACK, words::NAME_LEXICONS).unwrap_or_default();
        all.extend(words::local_words());
        all.extend(extra_words.iter().map(|w| w.trim().to_string()).filter(|w| !w.is_empty()));
        // Harper's tokenizer splits "Hy-Vee" at the hyphen: the parts are words too.
        let parts: Vec<String> = all.iter().filter(|w| w.contains('-')).flat_map(|w| w.split('-').map(str::to_string).collect::<Vec<_>>()).filter(|p| p.chars().count() >= 2).collect();
        all.extend(parts);
        Accuracy::with_words(all, DISABLED_RULES)
    }

    /// Harper with exactly these user words and these rules off (benchmarks
    /// compare with and without the dictionary).
    pub fn with_words(user_words: impl IntoIterator<Item = String>, disabled: &[&str]) -> Accuracy {
        let mut user = MutableDictionary::new();
        user.extend_words(user_words.into_iter().map(|w| {
            let proper = w.chars().next().is_some_and(char::is_uppercase);
            let meta = DictWordMetadata {
                noun: proper.then(|| NounData { is_proper: Some(true), ..Default::default() }),
                ..Default::default()
            };
            (w.chars().collect::<CharString>(), meta)
        }));
        let mut merged = MergedDictionary::new();
        merged.add_dictionary(FstDictionary::curated());
        merged.add_dictionary(Arc::new(user));
        let dictionary = Arc::new(merged);
        let mut linters = LintGroup::new_curated(dictionary.clone(), Dialect::American);
        for rule in disabled {
            linters.config.set_rule_enabled(*rule, false);
        }
        Accuracy { dictionary, linters }
    }

    /// Does the user dictionary (or Harper's) know this word?
    pub fn knows(&self, word: &str) -> bool {
        let chars: Vec<char> = word.chars().collect();
        self.dictionary.contains_word(&chars)
    }

    /// Check a post. Findings are sorted by position and do not overlap.
    pub fn check(&mut self, text: &str) -> Vec<Finding> {
        let source: Vec<char> = text.chars().collect();
        let map = OffsetMap::new(&source);
        let skip = social_spans(&source);
        let doc = Document::new_plain_english(text, &*self.dictionary);
        // Posts in Spanish, Somali, Vietnamese...: Harper checks English only.
        if !likely_english(&doc, &*self.dictionary) {
            return Vec::new();
        }
        let mut out: Vec<(Finding, u8)> = Vec::new();
        for (rule, lints) in self.linters.organized_lints(&doc) {
            for lint in lints {
                let (s, e) = (lint.span.start, lint.span.end.min(source.len()));
                if s >= e || skip.iter().any(|&(a, b)| s < b && a < e) {
                    continue;
                }
                let excerpt: String = source[s..e].iter().collect();
                if rule == "SpellCheck" && !spelling_applies(&source, s, &excerpt) {
                    continue;
                }
                let mut fixes = Vec::new();
                for sug in lint.suggestions.iter().take(3) {
                    let (fs, fe, replacement) = match sug {
                        Suggestion::ReplaceWith(c) => (s, e, c.iter().collect::<String>()),
                        Suggestion::InsertAfter(c) => (e, e, c.iter().collect::<String>()),
                        Suggestion::Remove => (s, e, String::new()),
                    };
                    let label = match sug {
                        Suggestion::Remove => format!("Remove \u{201c}{excerpt}\u{201d}"),
                        Suggestion::InsertAfter(_) => format!("Insert \u{201c}{replacement}\u{201d}"),
                        Suggestion::ReplaceWith(_) => format!("Replace with \u{201c}{replacement}\u{201d}"),
                    };
                    fixes.push(Fix {
                        label,
                        edits: vec![Edit {
                            start: map.utf16[fs],
                            end: map.utf16[fe],
                            byte_start: map.bytes[fs],
                            byte_end: map.bytes[fe],
                            replacement,
                        }],
                    });
                }
                let finding = Finding {
                    rule: format!("accuracy.{}", kebab(&rule)),
                    category: "accuracy",
                    severity: "warning",
                    clause: CLAUSE,
                    message: lint.message.clone(),
                    start: map.utf16[s],
                    end: map.utf16[e],
                    byte_start: map.bytes[s],
                    byte_end: map.bytes[e],
                    excerpt,
                    fixes,
                };
                out.push((finding, lint.priority));
            }
        }
        // One finding per place: the earliest, then Harper's most important.
        out.sort_by(|a, b| (a.0.start, a.1, a.0.end).cmp(&(b.0.start, b.1, b.0.end)));
        let mut kept: Vec<Finding> = Vec::new();
        for (f, _) in out {
            if kept.last().is_some_and(|k| f.start < k.end) {
                continue;
            }
            kept.push(f);
        }
        kept
    }
}

/// Harper's `is_doc_likely_english` calls any text of 7 words or fewer with
/// one unknown word "not English", which would hide exactly the misspellings
/// of a short post. Here: English when at least 60% of the words are known.
fn likely_english(doc: &Document, dict: &impl Dictionary) -> bool {
    let (mut total, mut known) = (0usize, 0usize);
    for tok in doc.get_tokens() {
        if let TokenKind::Word(_) = tok.kind {
            total += 1;
            if dict.contains_word(tok.get_ch(doc.get_source())) {
                known += 1;
            }
        }
    }
    total == 0 || known * 10 >= total * 6
}

/// Char index -> UTF-16 and UTF-8 offsets (one past the end included).
struct OffsetMap {
    utf16: Vec<usize>,
    bytes: Vec<usize>,
}

impl OffsetMap {
    fn new(source: &[char]) -> OffsetMap {
        let mut utf16 = Vec::with_capacity(source.len() + 1);
        let mut bytes = Vec::with_capacity(source.len() + 1);
        let (mut u, mut b) = (0, 0);
        for c in source {
            utf16.push(u);
            bytes.push(b);
            u += c.len_utf16();
            b += c.len_utf8();
        }
        utf16.push(u);
        bytes.push(b);
        OffsetMap { utf16, bytes }
    }
}

/// Spans (char indices) that are not prose: web addresses, email addresses,
/// hashtags and @handles. Harper reads them as words; a City post is full of
/// them ("#SnowEmergency", "@RochesterMNGov", "rochestermn.gov/snow").
fn social_spans(source: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < source.len() {
        if source[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < source.len() && !source[i].is_whitespace() {
            i += 1;
        }
        let tok = &source[start..i];
        let word: String = tok.iter().collect();
        let lower = word.to_lowercase();
        let is_social = tok.iter().any(|&c| c == '#' || c == '@')
            || lower.contains("://")
            || lower.starts_with("www.")
            // A dot between letters with no space: a domain or a file name.
            || tok.windows(3).any(|w| w[0].is_alphanumeric() && w[1] == '.' && w[2].is_alphabetic())
                && !tok.windows(2).any(|w| w[0] == '.' && w[1] == '.');
        if is_social {
            out.push((start, i));
        }
    }
    out
}

/// Whether an unknown word is prose to spell-check, rather than a name:
/// acronyms and codes (all capitals, or with digits: "RFP", "ROCHESTER20"),
/// initials ("F."), and capitalised words inside a sentence ("Lindqvist",
/// "Scheels"), which are proper nouns Harper's dictionary cannot know. A
/// capitalised first word of a sentence is still checked.
fn spelling_applies(source: &[char], start: usize, word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if word.chars().any(|c| c.is_ascii_digit()) || letters.len() <= 1 {
        return false;
    }
    if letters.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    if letters[0].is_uppercase() {
        let prev = source[..start].iter().rev().find(|c| !c.is_whitespace() && !matches!(c, '"' | '\u{201c}' | '(' | '\''));
        return matches!(prev, None | Some('.' | '!' | '?' | ':' | '\n'));
    }
    true
}

/// "SpellCheck" -> "spell-check".
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Vec<Finding> {
        Accuracy::new(&[]).check(text)
    }

    #[test]
    fn misspelling_found_with_fix() {
        let f = check("The libary will be closed on Monday.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].excerpt, "libary");
        assert_eq!(f[0].category, "accuracy");
        assert_eq!(f[0].clause, CLAUSE);
        assert_eq!((f[0].start, f[0].end, f[0].byte_start, f[0].byte_end), (4, 10, 4, 10));
        assert!(f[0].fixes.iter().any(|x| x.edits[0].replacement == "library"), "{f:?}");
    }

    #[test]
    fn offsets_are_utf16_and_bytes() {
        let f = check("\u{1F600} Caf\u{e9} hours: the libary opens at 9.");
        let lib = f.iter().find(|f| f.excerpt == "libary").expect("libary flagged");
        let text = "\u{1F600} Caf\u{e9} hours: the libary opens at 9.";
        assert_eq!(&text[lib.byte_start..lib.byte_end], "libary");
        let utf16: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&utf16[lib.start..lib.end]).unwrap(), "libary");
    }

    #[test]
    fn city_names_are_not_flagged() {
        for text in [
            "Rochester Public Works crews are plowing Broadway Avenue tonight.",
            "The Rochester Police Department and RPD officers thank Olmsted County.",
            "Rochester Public Library hours change on Monday.",
        ] {
            let f = check(text);
            assert!(f.is_empty(), "{text}: {f:?}");
        }
    }

    #[test]
    fn hashtags_handles_and_addresses_are_not_prose() {
        let f = check("Details at rochestermn.gov/snoww and https://example.org/xyzzyq #SnowEmergncy @RochesterMNGovv");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn grammar_error_found() {
        let f = check("We will open the the gym an hour later.");
        assert!(!f.is_empty());
    }

    #[test]
    fn rules_are_kebab_case() {
        assert_eq!(kebab("SpellCheck"), "spell-check");
        assert_eq!(kebab("AnA"), "an-a");
    }
}
