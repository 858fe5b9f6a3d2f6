//! Pattern templates as the pack writes them: `{name}` references to
//! lexicons and to the built-in templates (the organisation's email
//! domains), read the same way by the expander (`compile`) and by the
//! prefilter's analysis (`analysis`). `build.rs` compiles this file too, so
//! it uses nothing of the crate but the pack types.

use crate::pack::Pack;
use std::collections::BTreeMap;

/// The ASCII spellings that Unicode's confusables data gives the same
/// skeleton as a lowercase letter (the view is lowercase, so `I` is `i`):
/// `rochestermn.g0v`, `rochesterrn.gov`. `tests/unicode.rs` derives this
/// table from the `unicode-security` crate's skeletons of every ASCII
/// character and letter pair, and checks it is whole.
pub const ASCII_LOOKALIKES: &[(char, &[&str])] = &[('i', &["1", "l", "|"]), ('l', &["1", "i", "|"]), ('m', &["rn"]), ('o', &["0"])];

/// One letter of an organisation domain as a pattern: the letter or an ASCII
/// look-alike of it.
fn domain_char(c: char) -> String {
    match ASCII_LOOKALIKES.iter().find(|(l, _)| *l == c) {
        Some((_, alts)) => {
            let alts: Vec<String> = alts.iter().map(|a| regex_syntax::escape(a)).collect();
            format!("(?:{}|{})", regex_syntax::escape(&c.to_string()), alts.join("|"))
        }
        None => regex_syntax::escape(&c.to_string()),
    }
}

/// Built-in template names: the organisation's email domains.
pub fn builtins(pack: &Pack) -> BTreeMap<&'static str, String> {
    let doms = |sep: &str| {
        let alts: Vec<String> = pack
            .organization
            .email_domains
            .iter()
            .map(|d| d.split('.').map(|l| l.chars().map(domain_char).collect::<String>()).collect::<Vec<_>>().join(sep))
            .collect();
        format!("(?:{})", alts.join("|"))
    };
    let mut m = BTreeMap::new();
    // The separators are the pack's to name (`domain_dot`, `domain_dot_obfuscated`).
    let dot = pack.organization.domain_dot.as_deref().unwrap_or("\\.");
    m.insert("org_domain", doms(dot));
    m.insert("org_domain_obf", doms(pack.organization.domain_dot_obfuscated.as_deref().unwrap_or(dot)));
    // Labels with optional spaces between letters and around dots: "rochester mn . gov".
    let spaced: Vec<String> = pack
        .organization
        .email_domains
        .iter()
        .map(|d| d.split('.').map(|l| l.chars().map(domain_char).collect::<Vec<_>>().join(" ?")).collect::<Vec<_>>().join(" ?\\. ?"))
        .collect();
    m.insert("org_domain_spaced", format!("(?:{})", spaced.join("|")));
    m
}

/// A piece of a pattern template: text (an escape kept whole with its
/// character, so `\\{` is text; a brace that opens no name is text too: `{3}`,
/// `{1,2}`) or a `{name}` reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'t> {
    Text(&'t str),
    Ref(&'t str),
}

/// A template's pieces in order: how [`expand`] and [`Expander`] read it.
pub fn pieces(t: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = t;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut i = 0;
        while let Some(j) = rest[i..].find(['\\', '{']) {
            let at = i + j;
            if rest[at..].starts_with('\\') {
                i = at + 1 + rest[at + 1..].chars().next().map_or(0, char::len_utf8);
                continue;
            }
            let tail = &rest[at..];
            if let Some(n) = tail.find('}').map(|c| &tail[1..c]).filter(|n| is_reference(n)) {
                if at > 0 {
                    let text = &rest[..at];
                    rest = &rest[at..];
                    return Some(Piece::Text(text));
                }
                rest = &tail[n.len() + 2..];
                return Some(Piece::Ref(n));
            }
            i = at + 1;
        }
        let text = std::mem::take(&mut rest);
        Some(Piece::Text(text))
    })
}

/// Is `n` (between braces) a lexicon or built-in name, not a repetition?
fn is_reference(n: &str) -> bool {
    !n.is_empty() && n.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b == b'_') && n.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

