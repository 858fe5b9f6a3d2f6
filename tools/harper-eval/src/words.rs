//! The user dictionary: names of the City, its departments, places and people,
//! derived from the policy pack's lexicons, plus local proper nouns.
//!
//! Lexicon entries are lowercase regex fragments (policy/rochester/lexicons/). Each
//! entry's alternatives are expanded (`rec(?:reation)?` gives "rec" and
//! "recreation", `clerk'?s` gives "clerk's" and "clerks"), entries with
//! character classes or repetitions are skipped, and the words are kept.

use std::collections::BTreeSet;

/// The top file of the pack the main engine embeds (`[organization] name`).
pub const EMBEDDED_PACK: &str = include_str!("../../../policy/rochester/pack.toml");

/// The lexicons that hold names, from the pack the main engine embeds: the
/// City and its departments, other local organisations and places, states,
/// first names, political names, titles and street abbreviations. (The others
/// hold phrases, insults or regex parts.) Each is its file's text
/// (`entries = [...]`).
pub const NAME_LEXICONS: &[(&str, &str)] = &[
    ("org", include_str!("../../../policy/rochester/lexicons/org.toml")),
    ("dept", include_str!("../../../policy/rochester/lexicons/dept.toml")),
    ("not_city", include_str!("../../../policy/rochester/lexicons/not_city.toml")),
    ("us_state", include_str!("../../../policy/rochester/lexicons/us_state.toml")),
    ("first_names", include_str!("../../../policy/rochester/lexicons/first_names.toml")),
    ("party", include_str!("../../../policy/rochester/lexicons/party.toml")),
    ("title", include_str!("../../../policy/rochester/lexicons/title.toml")),
    ("street_kind", include_str!("../../../policy/rochester/lexicons/street_kind.toml")),
];

/// Local proper nouns (accuracy/local-words.txt): one per line, `#` comments.
pub const LOCAL_WORDS: &str = include_str!("../local-words.txt");

/// The words of the name lexicons (`(name, file text)`) and of the pack
/// top file's `[organization] name`, as written (lowercase).
pub fn pack_words(pack_toml: &str, lexicons: &[(&str, &str)]) -> Result<BTreeSet<String>, String> {
    let value: toml::Table = toml::from_str(pack_toml).map_err(|e| e.to_string())?;
    let mut out = BTreeSet::new();
    for (name, text) in lexicons {
        let lex: toml::Table = toml::from_str(text).map_err(|e| format!("lexicon {name}: {e}"))?;
        for entry in lex.get("entries").and_then(|v| v.as_array()).into_iter().flatten() {
            if let Some(s) = entry.as_str() {
                for phrase in expand(s) {
                    out.extend(split_words(&phrase));
                }
            }
        }
    }
    if let Some(name) = value.get("organization").and_then(|o| o.get("name")).and_then(|v| v.as_str()) {
        out.extend(split_words(name));
    }
    Ok(out)
}

/// The local proper nouns, one multi-word name giving each of its words.
pub fn local_words() -> BTreeSet<String> {
    LOCAL_WORDS
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .flat_map(split_words)
        .collect()
}

fn split_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| w.chars().count() >= 2 && w.chars().any(char::is_alphabetic))
        .map(str::to_string)
        .collect()
}

/// The literal strings a simple regex fragment matches: groups with `|`
/// alternatives, `?` after a character or a group, escaped punctuation.
/// Anything else (classes, repetitions, `\w`, lexicon references) gives none.
pub fn expand(re: &str) -> Vec<String> {
    let chars: Vec<char> = re.chars().collect();
    match parse_alt(&chars, &mut 0) {
        Some(v) if v.len() <= 64 => v,
        _ => Vec::new(),
    }
}

fn parse_alt(c: &[char], i: &mut usize) -> Option<Vec<String>> {
    let mut alts = Vec::new();
    let mut cur = vec![String::new()];
    while *i < c.len() {
        let ch = c[*i];
        let atom: Vec<String> = match ch {
            ')' => break,
            '|' => {
                *i += 1;
                alts.extend(std::mem::replace(&mut cur, vec![String::new()]));
                continue;
            }
            '(' => {
                *i += 1;
                if c.get(*i) == Some(&'?') {
                    if c.get(*i + 1) != Some(&':') {
                        return None;
                    }
                    *i += 2;
                }
                let inner = parse_alt(c, i)?;
                if c.get(*i) != Some(&')') {
                    return None;
                }
                *i += 1;
                inner
            }
            '\\' => {
                let n = *c.get(*i + 1)?;
                if n.is_alphanumeric() {
                    return None;
                }
                *i += 2;
                vec![n.to_string()]
            }
            '[' | '{' | '*' | '+' | '^' | '$' | '.' => return None,
            _ => {
                *i += 1;
                vec![ch.to_string()]
            }
        };
        let atom = if c.get(*i) == Some(&'?') {
            *i += 1;
            let mut a = atom;
            a.push(String::new());
            a
        } else {
            atom
        };
        cur = cur.iter().flat_map(|p| atom.iter().map(move |a| format!("{p}{a}"))).collect();
        if cur.len() > 64 {
            return None;
        }
    }
    alts.extend(cur);
    Some(alts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_fragments() {
        assert_eq!(expand("parks and rec(?:reation)?"), vec!["parks and recreation", "parks and rec"]);
        assert_eq!(expand("city clerk'?s office"), vec!["city clerk's office", "city clerks office"]);
        assert_eq!(expand("planning (?:and|&) zoning"), vec!["planning and zoning", "planning & zoning"]);
        assert_eq!(expand("st\\.? marys"), vec!["st. marys", "st marys"]);
        assert!(expand("mayo\\w*").is_empty());
        assert!(expand("{dept}").is_empty());
        assert!(expand("schools?").contains(&"school".to_string()));
    }

    #[test]
    fn pack_gives_city_names() {
        let w = pack_words(EMBEDDED_PACK, NAME_LEXICONS).unwrap();
        for word in ["rochester", "rpd", "rpu", "olmsted", "rctc", "klobuchar", "minnesota", "hy-vee"] {
            assert!(w.contains(word), "{word} missing");
        }
        // Not the conduct or email lexicons.
        assert!(!w.contains("arroba"));
    }
}
