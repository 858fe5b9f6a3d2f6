//! What a pattern's matches must contain: the analysis behind the
//! prefilter (`prefilter`).
//!
//! Every alternative of a signal (one entry of its `patterns`) is analysed
//! from its template: lexicon references are not expanded but stand for
//! what their entries need, so a pattern that expands to 200,000 characters
//! is analysed from its 100. The result is a few *needs*: sets of literal
//! strings such that every match of the alternative contains at least one
//! string of each set ("work", and one of the role nouns). The analysis
//! only claims a need that holds: whatever it cannot reason about needs
//! nothing.
//!
//! `build.rs` runs it over the embedded pack and stores the result
//! ([`Analysis`]), so a cold start only decodes it; a pack file, and an
//! override's literal phrases and email domains, are analysed when a
//! checker first needs them. This file uses nothing of the crate but the
//! template reader and the binary form, so `build.rs` can compile it.

use super::template::{pieces, Piece};
use crate::normalize::Normalized;
use crate::pack::Pack;
use crate::pack_bin::{Bin, Reader};
use regex_syntax::hir::{Class, Hir, HirKind};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// A disjunction of literals: a match contains at least one of them.
/// Shared: a large lexicon's set is needed by many patterns.
pub type Set = Rc<BTreeSet<String>>;

fn set<I: IntoIterator<Item = String>>(i: I) -> Set {
    Rc::new(i.into_iter().collect())
}

/// The shortest literal a need may hold: single letters occur in every
/// post. Two letters ("od", "pw") are common too, but an alternation with
/// one such alternative would otherwise need nothing at all.
const MIN_LITERAL: usize = 2;
/// The most literals a need may hold (a large lexicon's entries).
const MAX_NEED: usize = 4096;
/// The most strings an exactly known sub-pattern may stand for, and the
/// longest of them, before it is treated as unknown.
const MAX_EXACT: usize = 256;
const MAX_EXACT_LEN: usize = 64;
/// The most needs kept per alternative (the most selective ones).
const MAX_NEEDS: usize = 3;

/// What the analysis knows of a sub-pattern.
#[derive(Debug, Clone, Default)]
struct Info {
    /// Every string it matches, when that is a small finite set.
    exact: Option<Set>,
    /// Sets it needs: every match contains a member of each.
    need: Vec<Set>,
}

impl Info {
    fn empty_string() -> Info {
        Info { exact: Some(set([String::new()])), need: Vec::new() }
    }
}

/// A need worth a literal search: every literal long enough to be rare,
/// or a digit or `@` (a number or an address needs one; most prose has none).
fn usable(s: &Set) -> bool {
    !s.is_empty() && s.len() <= MAX_NEED && s.iter().all(|l| l.len() >= MIN_LITERAL || (l.len() == 1 && (l.as_bytes()[0].is_ascii_digit() || l == "@")))
}

/// More selective first: longer shortest literal, then fewer literals.
fn score(s: &Set) -> (usize, std::cmp::Reverse<usize>) {
    (s.iter().map(String::len).min().unwrap_or(0).min(8), std::cmp::Reverse(s.len()))
}

/// Every need of `i`, its exact strings included when they make one.
fn needs_of(i: &Info) -> Vec<Set> {
    let mut v = i.need.clone();
    if let Some(e) = i.exact.as_ref().filter(|e| usable(e)) {
        v.push(e.clone());
    }
    v
}

fn best(mut v: Vec<Set>) -> Vec<Set> {
    v.sort_by(|a, b| score(b).cmp(&score(a)).then_with(|| a.cmp(b)));
    v.dedup_by(|a, b| Rc::ptr_eq(a, b) || a == b);
    v.truncate(MAX_NEEDS);
    v
}

/// Every concatenation of a string of `a` with one of `b`, if few and short.
fn product(a: &Set, b: &Set) -> Option<Set> {
    if a.len().saturating_mul(b.len()) > MAX_EXACT {
        return None;
    }
    if a.len() == 1 && a.iter().next().is_some_and(String::is_empty) {
        return Some(b.clone());
    }
    let mut out = BTreeSet::new();
    for x in a.iter() {
        for y in b.iter() {
            if x.len() + y.len() > MAX_EXACT_LEN {
                return None;
            }
            out.insert(format!("{x}{y}"));
        }
    }
    Some(Rc::new(out))
}

/// What the parsed pattern `h` needs; `refs` are its lexicon references'.
fn walk(h: &Hir, refs: &[Info]) -> Info {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Info::empty_string(),
        HirKind::Literal(l) => literal_info(&l.0),
        HirKind::Class(c) => Info { exact: class_strings(c), need: Vec::new() },
        HirKind::Repetition(r) => {
            let sub = walk(&r.sub, refs);
            let exact = match (r.min, r.max) {
                (1, Some(1)) => sub.exact.clone(),
                (0, Some(1)) => sub.exact.as_ref().map(|e| set(e.iter().cloned().chain([String::new()]))),
                _ => None,
            };
            let need = if r.min >= 1 { best(needs_of(&sub)) } else { Vec::new() };
            Info { exact, need }
        }
        HirKind::Capture(c) => match c.name.as_deref().and_then(|n| n.strip_prefix(REF_GROUP)).and_then(|i| i.parse::<usize>().ok()) {
            Some(i) => refs.get(i).cloned().unwrap_or_default(),
            None => walk(&c.sub, refs),
        },
        HirKind::Concat(cs) => {
            let infos: Vec<Info> = cs.iter().map(|c| walk(c, refs)).collect();
            let mut need: Vec<Set> = infos.iter().flat_map(|i| i.need.iter().cloned()).collect();
            // Runs of exactly known parts make longer literals ("city" +
            // "'s" + "s"); a run that grows too large is cut, and what it
            // held so far is still needed.
            let empty = set([String::new()]);
            let mut whole: Option<Set> = Some(empty.clone());
            let mut run = empty.clone();
            for i in &infos {
                match &i.exact {
                    Some(e) => {
                        whole = whole.and_then(|w| product(&w, e));
                        match product(&run, e) {
                            Some(p) => run = p,
                            None => {
                                if usable(&run) {
                                    need.push(run);
                                }
                                run = e.clone();
                            }
                        }
                    }
                    None => {
                        whole = None;
                        if usable(&run) {
                            need.push(run.clone());
                        }
                        run = empty.clone();
                    }
                }
            }
            if usable(&run) {
                need.push(run);
            }
            Info { exact: whole, need: best(need) }
        }
        HirKind::Alternation(cs) => {
            let infos: Vec<Info> = cs.iter().map(|c| walk(c, refs)).collect();
            let mut exact = Some(BTreeSet::new());
            for i in &infos {
                exact = match (exact, &i.exact) {
                    (Some(mut a), Some(e)) if a.len() + e.len() <= MAX_EXACT => {
                        a.extend(e.iter().cloned());
                        Some(a)
                    }
                    _ => None,
                };
            }
            let exact = exact.map(Rc::new);
            // One need for the whole: each alternative's most selective one, pooled.
            let mut pooled = BTreeSet::new();
            let mut all = true;
            for i in &infos {
                match best(needs_of(i)).into_iter().next() {
                    Some(s) if pooled.len() + s.len() <= MAX_NEED => pooled.extend(s.iter().cloned()),
                    _ => {
                        all = false;
                        break;
                    }
                }
            }
            let pooled = Rc::new(pooled);
            Info { exact, need: if all && usable(&pooled) { vec![pooled] } else { Vec::new() } }
        }
    }
}

/// A literal of the template. A space in it is a class in the regex (a
/// space or a hyphen: `asciify`), so it splits the literal. A character
/// outside ASCII that the view folds to something else (`Normalized`)
/// splits it too: the regex holds the folded form where the template had a
/// plain letter, the letter itself where it had a one-letter class, and the
/// parsed template cannot tell the two apart.
fn literal_info(b: &[u8]) -> Info {
    let text = String::from_utf8_lossy(b);
    let kept = |c: char| c != ' ' && (c.is_ascii() || folds_to_itself(c));
    if text.chars().all(kept) {
        return Info { exact: Some(set([text.into_owned()])), need: Vec::new() };
    }
    let words = text.split(|c: char| !kept(c)).filter(|w| w.len() >= MIN_LITERAL).map(|w| set([w.to_string()]));
    Info { exact: None, need: best(words.collect()) }
}

/// Whether the view keeps `c` as it is.
fn folds_to_itself(c: char) -> bool {
    let mut b = [0; 4];
    let s: &str = c.encode_utf8(&mut b);
    Normalized::new(s).text == s
}

/// The characters of a small class, as strings (a class of many characters
/// is as good as unknown).
fn class_strings(c: &Class) -> Option<Set> {
    let mut out = BTreeSet::new();
    match c {
        Class::Unicode(u) => {
            // A space in a class becomes `\\s` (`asciify`).
            if u.ranges().iter().any(|r| r.start() <= ' ' && ' ' <= r.end()) {
                return None;
            }
            for r in u.ranges() {
                for ch in r.start()..=r.end() {
                    // As for a literal (`literal_info`): a letter the view
                    // folds may stand for its folded form.
                    if !ch.is_ascii() && !folds_to_itself(ch) {
                        return None;
                    }
                    out.insert(ch.to_string());
                    if out.len() > 4 && !out.iter().all(|d| d.len() == 1 && d.as_bytes()[0].is_ascii_digit()) {
                        return None;
                    }
                }
            }
        }
        Class::Bytes(b) => {
            if b.ranges().iter().any(|r| r.start() <= b' ' && b' ' <= r.end()) {
                return None;
            }
            for r in b.ranges() {
                for by in r.start()..=r.end() {
                    if !by.is_ascii() {
                        return None;
                    }
                    out.insert((by as char).to_string());
                    if out.len() > 4 && !out.iter().all(|d| d.len() == 1 && d.as_bytes()[0].is_ascii_digit()) {
                        return None;
                    }
                }
            }
        }
    }
    Some(Rc::new(out))
}

/// The name of the empty group that stands for a lexicon reference while a
/// template is analysed (no pack names a group so).
const REF_GROUP: &str = "__pgref";

/// Analyses templates, each lexicon once.
pub struct Analyzer<'a> {
    lex: &'a BTreeMap<String, Vec<String>>,
    builtins: &'a BTreeMap<&'static str, String>,
    /// Each reference's analysis and whether it reaches a built-in.
    memo: RefCell<BTreeMap<String, (Info, bool)>>,
    /// Each lexicon's entries' needs, in pack order, for the lexicons analysed.
    entries: RefCell<BTreeMap<String, Vec<Vec<Set>>>>,
}

impl<'a> Analyzer<'a> {
    pub fn new(lex: &'a BTreeMap<String, Vec<String>>, builtins: &'a BTreeMap<&'static str, String>) -> Analyzer<'a> {
        Analyzer { lex, builtins, memo: Default::default(), entries: Default::default() }
    }

    /// The needs of one pattern template (at most [`MAX_NEEDS`], most
    /// selective first), and whether it reaches a built-in template (whose
    /// text an override's email domains change).
    pub fn pattern(&self, t: &str) -> (Vec<Set>, bool) {
        let (info, builtin) = self.template(t, 0);
        (best(needs_of(&info)), builtin)
    }

    /// A template, parsed as written: [`literal_info`] and
    /// [`class_strings`] account for what `asciify` will make of it.
    fn template(&self, t: &str, depth: usize) -> (Info, bool) {
        if depth > 8 {
            return (Info::default(), false);
        }
        if let Some(i) = plain(t) {
            return (i, false);
        }
        let (mut p, mut refs) = (String::new(), Vec::new());
        for piece in pieces(t) {
            match piece {
                Piece::Text(s) => p.push_str(s),
                Piece::Ref(n) => {
                    p.push_str(&format!("(?P<{REF_GROUP}{}>)", refs.len()));
                    refs.push(n);
                }
            }
        }
        let (infos, builtin) = gather(refs.iter().map(|n| self.reference(n, depth + 1)));
        // A reference inside a class (never in a sane pack) makes the
        // template fail to parse: it then needs nothing.
        (regex_info(&p, &infos), builtin)
    }

    fn reference(&self, name: &str, depth: usize) -> (Info, bool) {
        if let Some(i) = self.memo.borrow().get(name) {
            return i.clone();
        }
        let out = if let Some(b) = self.builtins.get(name) {
            (self.template(b, depth).0, true)
        } else if let Some(items) = self.lex.get(name) {
            // A lexicon is the alternation of its entries.
            let (infos, builtin) = gather(items.iter().map(|s| self.template(s, depth + 1)));
            self.entries.borrow_mut().insert(name.to_string(), infos.iter().map(|i| best(needs_of(i))).collect());
            let alts: Vec<String> = (0..items.len()).map(|i| format!("(?P<{REF_GROUP}{i}>)")).collect();
            (if alts.is_empty() { Info::default() } else { regex_info(&format!("(?:{})", alts.join("|")), &infos) }, builtin)
        } else {
            (Info::default(), false)
        };
        self.memo.borrow_mut().insert(name.to_string(), out.clone());
        out
    }
}

/// Analyses in order, and whether any reaches a built-in.
fn gather(parts: impl Iterator<Item = (Info, bool)>) -> (Vec<Info>, bool) {
    let mut builtin = false;
    let infos = parts
        .map(|(i, b)| {
            builtin |= b;
            i
        })
        .collect();
    (infos, builtin)
}

/// The needs of a literal phrase (custom terms, extra disclaimers) from its
/// folded text (`literal_pattern`): its ASCII words.
pub fn literal_needs(folded: &str) -> Vec<Set> {
    best(folded.split(' ').filter(|w| w.len() >= MIN_LITERAL && w.is_ascii()).map(|w| set([w.to_string()])).collect())
}

/// What a template that is plain words needs, without parsing it (most
/// lexicon entries): what `walk` gives for it. A space is a class of
/// several characters (`asciify`), so each word is its own literal.
fn plain(t: &str) -> Option<Info> {
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ' || b == b'\'' || b == b',' || b == b'&' || b == b'@' || b == b'/' || b == b':' || b == b'!' || b == b'#') {
        return None;
    }
    if !t.contains(' ') {
        return Some(Info { exact: Some(set([t.to_string()])), need: Vec::new() });
    }
    Some(Info { exact: None, need: best(t.split(' ').filter(|w| w.len() >= MIN_LITERAL).map(|w| set([w.to_string()])).collect()) })
}

/// What a (folded) pattern needs, its reference groups standing for `refs`.
fn regex_info(p: &str, refs: &[Info]) -> Info {
    match regex_syntax::ParserBuilder::new().build().parse(p) {
        Ok(h) => walk(&h, refs),
        Err(_) => Info::default(),
    }
}

/// The needs of every pattern of a pack, as interned literal and set ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    pub literals: Vec<String>,
    /// Each need: the ids of its literals.
    pub sets: Vec<Vec<usize>>,
    /// Per signal, per pattern: its needs (set ids) and whether it reaches a built-in.
    pub signals: BTreeMap<String, Vec<(Vec<usize>, bool)>>,
    /// Per lexicon the patterns reach, per entry (pack order): its needs.
    pub lexicons: BTreeMap<String, Vec<Vec<usize>>>,
    /// The built-in templates the analysis read.
    pub builtins: BTreeMap<String, String>,
}

/// Interns literals and sets.
#[derive(Default)]
pub struct Interner {
    literal_ids: BTreeMap<String, usize>,
    set_ids: BTreeMap<Vec<usize>, usize>,
}

impl Interner {
    /// An interner that already holds `a`'s literals and sets.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub fn of(a: &Analysis) -> Interner {
        Interner {
            literal_ids: a.literals.iter().enumerate().map(|(i, l)| (l.clone(), i)).collect(),
            set_ids: a.sets.iter().enumerate().map(|(i, s)| (s.clone(), i)).collect(),
        }
    }

    /// The id of need `s` in `a`, adding it and its new literals.
    pub fn set(&mut self, a: &mut Analysis, s: &Set) -> usize {
        let mut ids: Vec<usize> = s
            .iter()
            .map(|l| {
                *self.literal_ids.entry(l.clone()).or_insert_with(|| {
                    a.literals.push(l.clone());
                    a.literals.len() - 1
                })
            })
            .collect();
        ids.sort_unstable();
        *self.set_ids.entry(ids.clone()).or_insert_with(|| {
            a.sets.push(ids);
            a.sets.len() - 1
        })
    }
}

impl Analysis {
    /// Analyse every pattern of `pack`, whose built-ins are `builtins`
    /// (`build.rs`, a pack file's checker, the test that compares).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub fn of(pack: &Pack, builtins: &BTreeMap<&'static str, String>) -> Analysis {
        let an = Analyzer::new(&pack.lexicons, builtins);
        let mut a = Analysis { builtins: builtins.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(), ..Analysis::default() };
        let mut int = Interner::default();
        for (name, def) in &pack.signals {
            let alts = def
                .patterns
                .iter()
                .map(|p| {
                    let (needs, builtin) = an.pattern(p);
                    // Matched with evasions (`compile::evasions`), a word needs
                    // none of the literals it is spelt with: always a candidate.
                    let needs = if def.evasions { Vec::new() } else { needs };
                    (needs.iter().map(|s| int.set(&mut a, s)).collect(), builtin)
                })
                .collect();
            a.signals.insert(name.clone(), alts);
        }
        for (name, entries) in an.entries.into_inner() {
            let e = entries.iter().map(|needs| needs.iter().map(|s| int.set(&mut a, s)).collect()).collect();
            a.lexicons.insert(name, e);
        }
        // Literal ids in sorted order, as the binary form keeps them.
        let mut order: Vec<usize> = (0..a.literals.len()).collect();
        order.sort_by(|&x, &y| a.literals[x].cmp(&a.literals[y]));
        let mut rank = vec![0; order.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        a.literals = order.iter().map(|&i| std::mem::take(&mut a.literals[i])).collect();
        for set in &mut a.sets {
            for l in set.iter_mut() {
                *l = rank[*l];
            }
            set.sort_unstable();
        }
        a
    }

    #[allow(dead_code)]
    /// The binary form: literals sorted and front-coded (the length shared
    /// with the previous one, then the rest), each set's sorted ids as
    /// deltas: about half the bytes of the plain form.
    pub fn encode(&self) -> Vec<u8> {
        let mut order: Vec<usize> = (0..self.literals.len()).collect();
        order.sort_by(|&a, &b| self.literals[a].cmp(&self.literals[b]));
        let mut rank = vec![0; order.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        let mut out = Vec::new();
        order.len().put(&mut out);
        let mut prev = "";
        for &i in &order {
            let l = self.literals[i].as_str();
            let shared = prev.bytes().zip(l.bytes()).take_while(|(a, b)| a == b).count();
            let shared = (0..=shared).rev().find(|&n| l.is_char_boundary(n)).unwrap_or(0);
            shared.put(&mut out);
            l[shared..].to_string().put(&mut out);
            prev = l;
        }
        self.sets.len().put(&mut out);
        for set in &self.sets {
            let mut ids: Vec<usize> = set.iter().map(|&l| rank[l]).collect();
            ids.sort_unstable();
            ids.len().put(&mut out);
            let mut last = 0;
            for id in ids {
                (id - last).put(&mut out);
                last = id;
            }
        }
        (self.signals.clone(), self.builtins.clone()).put(&mut out);
        self.lexicons.put(&mut out);
        out
    }

    /// What [`Analysis::encode`] wrote (literal ids are then in sorted
    /// order), or `None` for bytes that are not that.
    pub fn decode(bytes: &[u8]) -> Option<Analysis> {
        let mut r = Reader::new(bytes);
        let n = usize::get(&mut r)?;
        let mut literals: Vec<String> = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            let shared = usize::get(&mut r)?;
            let rest = String::get(&mut r)?;
            let mut l = literals.last().and_then(|p| p.get(..shared)).unwrap_or("").to_string();
            if l.len() != shared {
                return None;
            }
            l.push_str(&rest);
            literals.push(l);
        }
        let n = usize::get(&mut r)?;
        let mut sets = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            let len = usize::get(&mut r)?;
            let mut ids = Vec::with_capacity(len.min(bytes.len()));
            let mut last = 0usize;
            for _ in 0..len {
                last = last.checked_add(usize::get(&mut r)?)?;
                if last >= literals.len() {
                    return None;
                }
                ids.push(last);
            }
            sets.push(ids);
        }
        let (signals, builtins) = <(BTreeMap<String, Vec<(Vec<usize>, bool)>>, BTreeMap<String, String>)>::get(&mut r)?;
        let lexicons = <BTreeMap<String, Vec<Vec<usize>>> as Bin>::get(&mut r)?;
        r.finished().then_some(Analysis { literals, sets, signals, builtins, lexicons })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every need of `template` (over `lex`) holds on each string of
    /// `matches`, which the template's regex matches whole; returns the needs.
    fn sound(template: &str, lex: &[(&str, &[&str])], matches: &[&str]) -> Vec<Vec<String>> {
        let lex: BTreeMap<String, Vec<String>> = lex.iter().map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect())).collect();
        let builtins = BTreeMap::new();
        let (needs, _) = Analyzer::new(&lex, &builtins).pattern(template);
        for m in matches {
            for n in &needs {
                assert!(n.iter().any(|l| m.contains(l.as_str())), "{template:?}: need {n:?} fails on the match {m:?}");
            }
        }
        needs.iter().map(|n| n.iter().cloned().collect()).collect()
    }

    #[test]
    fn needs_are_words_and_lexicon_entries() {
        let lex: &[(&str, &[&str])] = &[("role", &["plow driver", "clerk", "city's {dept}"]), ("dept", &["parks", "public works"])];
        let n = sound("i work (?:as|for) (?:a |the )?{role}", lex, &["i work as a plow driver", "i work for the city's parks", "i-work as clerk"]);
        assert!(n.contains(&vec!["work".to_string()]), "{n:?}");
        // The role lexicon: each entry's most selective word.
        assert!(n.iter().any(|s| s.contains(&"clerk".to_string()) && s.len() == 3), "{n:?}");
    }

    #[test]
    fn optional_and_repeated_parts_need_nothing_of_their_own() {
        // Few enough strings to list: one of them.
        assert_eq!(sound("ab(?:cde)?fg", &[], &["abfg", "abcdefg"]), vec![vec!["abcdefg".to_string(), "abfg".to_string()]]);
        let n = sound("abc(?:de|xy)?fgh", &[], &["abcfgh", "abcdefgh", "abcxyfgh"]);
        assert_eq!(n, vec![vec!["abcdefgh".to_string(), "abcfgh".to_string(), "abcxyfgh".to_string()]]);
        // Unbounded: only what every repetition holds.
        let n = sound("abc(?:de|xy)*fgh", &[], &["abcfgh", "abcdexyfgh"]);
        assert!(n.iter().flatten().all(|l| l == "abc" || l == "fgh"), "{n:?}");
        assert_eq!(sound("(?:wxyz)*q", &[], &["q"]), Vec::<Vec<String>>::new());
        let n = sound("(?:wxyz)+q", &[], &["wxyzq", "wxyzwxyzq"]);
        assert!(n.contains(&vec!["wxyz".to_string()]), "{n:?}");
    }

    #[test]
    fn spaces_hyphens_and_folded_letters_split_literals() {
        // A space matches a hyphen or a newline too; `[ x]` becomes `[\sx]`.
        let n = sound("city hall", &[], &["city hall", "city-hall", "city\nhall"]);
        assert!(!n.iter().flatten().any(|l| l.contains(' ')), "{n:?}");
        let n = sound("abc[ x]def", &[], &["abc\ndef", "abcxdef"]);
        assert!(!n.iter().flatten().any(|l| l.len() > 3), "{n:?}");
        // A letter outside ASCII is folded (Cyrillic о is o in the view).
        let n = sound("dоgsled", &[], &["dogsled"]);
        assert!(n.iter().flatten().all(|l| l.is_ascii() && "dogsled".contains(l.as_str())), "{n:?}");
    }

    #[test]
    fn small_classes_and_alternations_multiply() {
        let n = sound("e[-.]?mail", &[], &["email", "e-mail", "e.mail"]);
        assert_eq!(n, vec![vec!["e-mail".to_string(), "e.mail".to_string(), "email".to_string()]]);
        // Digits: a number needs one, though one character is too short a literal otherwise.
        let n = sound("[0-9]{3}-[0-9]{4}", &[], &["555-1234"]);
        assert!(n.iter().all(|s| s.len() == 10 && s.iter().all(|d| d.len() == 1 && d.as_bytes()[0].is_ascii_digit())) && !n.is_empty(), "{n:?}");
        assert_eq!(sound("[a-e]{3}x", &[], &["abcx"]), Vec::<Vec<String>>::new());
        let n = sound("(?:ssn|social)#", &[], &["ssn#", "social#"]);
        assert!(n.contains(&vec!["social#".to_string(), "ssn#".to_string()]), "{n:?}");
    }

    #[test]
    fn what_it_cannot_read_needs_nothing() {
        // A reference inside a class reads as a class of the placeholder
        // group's characters, more than four: it needs nothing of its own.
        assert_eq!(sound("[{dept}]xyz", &[("dept", &["parks"])], &["pxyz", "kxyz"]), vec![vec!["xyz".to_string()]]);
        // An unknown lexicon, a pattern that does not parse.
        assert!(sound("abc{nowhere}def", &[], &["abcdef"]).iter().all(|n| n.len() == 1));
        assert_eq!(sound("abc(def", &[], &[]), Vec::<Vec<String>>::new());
    }

    #[test]
    fn the_embedded_analysis_is_the_packs() {
        let pack = Pack::rochester();
        let fresh = Analysis::of(&pack, &super::super::template::builtins(&pack));
        assert!(fresh == crate::embedded::analysis(), "build.rs analysed the pack differently from the engine");
        assert_eq!(Analysis::decode(&fresh.encode()), Some(fresh.clone()));
        let bytes = fresh.encode();
        assert_eq!(Analysis::decode(&bytes[..bytes.len() - 1]), None);
        // Most patterns need something: what the prefilter is for.
        let (all, some) = fresh.signals.values().flatten().fold((0, 0), |(a, s), (n, _)| (a + 1, s + usize::from(!n.is_empty())));
        assert!(some * 10 >= all * 8, "only {some} of {all} patterns need a literal");
    }
}
