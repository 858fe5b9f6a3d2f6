//! Which alternatives of which signals can match a post at all, from one
//! pass over it.
//!
//! The analysis (`analysis`) gives each alternative of a signal a few
//! needs: sets of literals of which every match contains one. A check runs
//! one Aho-Corasick pass over the matching view to see which literals
//! occur, and searches a signal's alternatives whose needs are all met, each
//! with its own regex: none for most signals on most posts. The signal's
//! joined regex of all alternatives, tens of thousands of characters after
//! lexicon expansion, is built only for a long text (`search`); a signal
//! whose alternatives need nothing the analysis can name has all of them as
//! candidates.
//!
//! Exactness: an alternative dropped here cannot match anywhere in the
//! view, and the matches of the remaining alternatives, merged as an
//! alternation picks them (leftmost start; at one start, the first
//! alternative), are exactly the joined regex's (`search`).
//! `tests/prefilter.rs` checks both on the corpora and on every pattern.

use super::analysis::{literal_needs, Analysis, Interner};
#[cfg(not(target_arch = "wasm32"))]
use super::analysis::Analyzer;
use super::Checker;

/// The literals of every signal's alternatives, the one automaton that
/// finds them, and each alternative's needs.
#[derive(Debug, Clone)]
pub(super) struct Prefilter {
    ac: Literals,
    /// How many needs there are (a need: literals of which one must occur).
    needs: usize,
    /// Per signal, per alternative (patterns, then literals): its needs
    /// (set ids); an alternative with none is always searched.
    alts: Vec<Vec<Vec<usize>>>,
    /// Per lexicon, per entry (pack order): its needs.
    entries: std::collections::BTreeMap<String, Vec<Vec<usize>>>,
    /// The needs each literal is in: literal `l`'s are
    /// `in_sets[in_start[l]..in_start[l + 1]]`. A scan marks the needs of
    /// the literals it finds, so whether a need is met is one lookup.
    in_start: Vec<u32>,
    in_sets: Vec<u32>,
}

#[cfg(not(target_arch = "wasm32"))]
fn analyse(c: &Checker) -> Analysis {
    Analysis::of(&c.pack, &c.builtins)
}

#[cfg(target_arch = "wasm32")]
fn analyse(_: &Checker) -> Analysis {
    Analysis::default()
}

/// The id of a new need of `words` (a literal phrase's), its literals
/// found in or added to `a`.
fn word_set(a: &mut Analysis, words: &super::analysis::Set) -> usize {
    let mut ids: Vec<usize> = words
        .iter()
        .map(|w| {
            a.literals.iter().position(|l| l == w).unwrap_or_else(|| {
                a.literals.push(w.clone());
                a.literals.len() - 1
            })
        })
        .collect();
    ids.sort_unstable();
    a.sets.push(ids);
    a.sets.len() - 1
}

/// Per check: which literals occur, and which needs are met.
#[derive(Debug, Default)]
pub(super) struct Present {
    done: bool,
    literal: Vec<bool>,
    set: Vec<bool>,
}

impl Prefilter {
    /// The embedded pack's needs come from `build.rs` (unless an override's
    /// email domains changed the built-ins a pattern reaches); a pack
    /// file's, and literal phrases', are analysed here.
    pub(super) fn new(c: &Checker) -> Prefilter {
        // A pack file's patterns (and lexicons) are analysed here; the wasm
        // only ever checks the embedded pack (`wasm.rs`), and carries no analyser.
        let mut a = match c.embedded {
            true => crate::embedded::analysis(),
            false => analyse(c),
        };
        // An override's email domains change the built-ins.
        let same_builtins = a.builtins.len() == c.builtins.len() && c.builtins.iter().all(|(k, v)| a.builtins.get(*k) == Some(v));
        let mut interner: Option<Interner> = None;
        #[cfg(not(target_arch = "wasm32"))]
        let analyzer = Analyzer::new(&c.pack.lexicons, &c.builtins);
        let mut alts = Vec::with_capacity(c.signals.len());
        for sig in &c.signals {
            let Some(def) = c.pack.signals.get(&sig.name) else {
                alts.push(Vec::new());
                continue;
            };
            let pre = a.signals.remove(&sig.name).filter(|v| v.len() == def.patterns.len());
            let mut per: Vec<Vec<usize>> = Vec::with_capacity(def.patterns.len() + def.literal.len());
            for (i, p) in def.patterns.iter().enumerate() {
                match pre.as_ref().map(|v| &v[i]).filter(|(_, builtin)| same_builtins || !builtin) {
                    Some((needs, _)) => per.push(needs.clone()),
                    #[cfg(not(target_arch = "wasm32"))]
                    None => {
                        let (needs, _) = analyzer.pattern(p);
                        let int = interner.get_or_insert_with(|| Interner::of(&a));
                        per.push(needs.iter().map(|s| int.set(&mut a, s)).collect());
                    }
                    // An override's domains changed a built-in this pattern
                    // reaches: it is always searched.
                    #[cfg(target_arch = "wasm32")]
                    None => {
                        let _ = (p, &mut interner);
                        per.push(Vec::new());
                    }
                }
            }
            // Literal phrases (an override's, the disclaimer): a few words
            // each, found in the table without indexing all of it.
            for l in &def.literal {
                let needs = literal_needs(&crate::normalize::Normalized::new(l.trim()).text);
                per.push(needs.iter().map(|s| word_set(&mut a, s)).collect());
            }
            alts.push(per);
        }
        let ac = Literals::new(&a.literals);
        // Invert the needs: for each literal, the needs it is in (counting sort).
        let mut in_start = vec![0u32; a.literals.len() + 1];
        for set in &a.sets {
            for &l in set {
                in_start[l + 1] += 1;
            }
        }
        for l in 0..a.literals.len() {
            in_start[l + 1] += in_start[l];
        }
        let mut fill = in_start.clone();
        let mut in_sets = vec![0u32; in_start[a.literals.len()] as usize];
        for (id, set) in a.sets.iter().enumerate() {
            for &l in set {
                in_sets[fill[l] as usize] = id as u32;
                fill[l] += 1;
            }
        }
        Prefilter { ac, needs: a.sets.len(), alts, entries: a.lexicons, in_start, in_sets }
    }

    /// Find which literals occur in `view` (once per check).
    pub(super) fn scan(&self, view: &str, p: &mut Present) {
        if p.done {
            return;
        }
        p.done = true;
        p.literal.clear();
        p.set.clear();
        p.set.resize(self.needs, false);
        p.literal.resize(self.ac.len(), false);
        let (in_start, in_sets, set) = (&self.in_start, &self.in_sets, &mut p.set);
        self.ac.scan(view.as_bytes(), &mut p.literal, |l| {
            for &s in &in_sets[in_start[l] as usize..in_start[l + 1] as usize] {
                set[s as usize] = true;
            }
        });
    }

    /// The alternatives of signal `si` that can match, or `None` for a
    /// signal without alternatives (a detector's, a composed one). A signal
    /// whose alternatives need nothing the analysis can name (words spelt
    /// with a class per letter) has all of them: they are still searched
    /// as candidates, without the joined regex's literal extraction (which
    /// finds nothing useful in them and was most of a cold first check).
    pub(super) fn candidates(&self, si: usize, p: &Present) -> Option<Vec<u32>> {
        let alts = self.alts.get(si).filter(|a| !a.is_empty())?;
        Some((0..alts.len() as u32).filter(|&a| alts[a as usize].iter().all(|&s| self.met(s, p))).collect())
    }

    /// Whether entry `i` of lexicon `lex` can match in the view `p` was
    /// scanned for (an entry or lexicon not analysed always can).
    pub(super) fn entry_possible(&self, lex: &str, i: usize, p: &Present) -> bool {
        let Some(needs) = self.entries.get(lex).and_then(|e| e.get(i)) else { return true };
        needs.iter().all(|&s| self.met(s, p))
    }

    /// The needs of every entry of the lexicons `names` (sorted set ids):
    /// what decides which entries a post allows.
    pub(super) fn entry_sets<'a>(&self, names: impl Iterator<Item = &'a str>) -> Vec<usize> {
        let mut v: Vec<usize> = names.filter_map(|n| self.entries.get(n)).flatten().flatten().copied().collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Whether need `s` is met in the scanned view (marked by `scan`; a
    /// need the analysis does not know always is).
    pub(super) fn met(&self, s: usize, p: &Present) -> bool {
        p.set.get(s).copied().unwrap_or(true)
    }
}

impl Present {
    pub(super) fn reset(&mut self) {
        self.done = false;
    }
}

/// No literal ends at this state.
const NONE: u32 = u32::MAX;

/// An Aho-Corasick automaton over the prefilter's literals, reporting every
/// literal that occurs (overlapping ones too).
///
/// Hand-written rather than the `aho-corasick` crate, which was measured:
/// building its automaton for the pack's ~5,700 literals took 2.5 ms
/// natively and about 35 ms of a cold start in the wasm, most of it finding
/// children in sparse lists while inserting. Here the literals are inserted
/// in sorted order, so each new node is its parent's last child and
/// insertion never searches; the trie is then numbered breadth-first, so a
/// state's children are consecutive and its transitions are one slice of
/// labels (the root's are a 256-entry table).
#[derive(Debug, Clone, Default)]
pub(super) struct Literals {
    root: Vec<u32>,
    /// State `s`'s children are `start[s] + 1 ..= start[s + 1]`, labelled
    /// `labels[start[s]..start[s + 1]]` (ascending).
    start: Vec<u32>,
    labels: Vec<u8>,
    fail: Vec<u32>,
    /// The literal that ends at each state, or [`NONE`].
    out: Vec<u32>,
    /// The nearest state down the failure links where a literal ends (0: none).
    dict: Vec<u32>,
    count: usize,
}

impl Literals {
    pub(super) fn new(literals: &[String]) -> Literals {
        let mut order: Vec<usize> = (0..literals.len()).filter(|&i| !literals[i].is_empty()).collect();
        order.sort_unstable_by(|&a, &b| literals[a].as_bytes().cmp(literals[b].as_bytes()));
        order.dedup_by(|a, b| literals[*a] == literals[*b]);
        // The trie as a linked arena: first child, next sibling, label, literal.
        let (mut first, mut next, mut label, mut out) = (vec![NONE], vec![NONE], vec![0u8], vec![NONE]);
        let mut last_child = vec![NONE];
        let mut path: Vec<u32> = vec![0];
        let mut prev: &[u8] = &[];
        for &i in &order {
            let l = literals[i].as_bytes();
            let shared = prev.iter().zip(l).take_while(|(a, b)| a == b).count();
            path.truncate(shared + 1);
            for &b in &l[shared..] {
                let parent = *path.last().unwrap_or(&0) as usize;
                let node = first.len() as u32;
                first.push(NONE);
                next.push(NONE);
                label.push(b);
                out.push(NONE);
                last_child.push(NONE);
                match last_child[parent] {
                    NONE => first[parent] = node,
                    c => next[c as usize] = node,
                }
                last_child[parent] = node;
                path.push(node);
            }
            out[*path.last().unwrap_or(&0) as usize] = i as u32;
            prev = l;
        }
        // Breadth-first numbering: children consecutive.
        let n = first.len();
        let (mut start, mut labels, mut bout) = (Vec::with_capacity(n + 1), Vec::with_capacity(n), Vec::with_capacity(n));
        let mut queue = Vec::with_capacity(n);
        queue.push(0u32);
        let mut head = 0;
        while head < queue.len() {
            let old = queue[head] as usize;
            head += 1;
            start.push(labels.len() as u32);
            bout.push(out[old]);
            let mut c = first[old];
            while c != NONE {
                labels.push(label[c as usize]);
                queue.push(c);
                c = next[c as usize];
            }
        }
        start.push(labels.len() as u32);
        let mut a = Literals { root: vec![0; 256], start, labels, fail: vec![0; n], out: bout, dict: vec![0; n], count: literals.len() };
        for k in a.start[0]..a.start[1] {
            a.root[a.labels[k as usize] as usize] = k + 1;
        }
        // Failure links and dictionary links, parents before children.
        for s in 0..n as u32 {
            let (lo, hi) = (a.start[s as usize], a.start[s as usize + 1]);
            for k in lo..hi {
                let (child, b) = (k + 1, a.labels[k as usize]);
                let f = if s == 0 {
                    0
                } else {
                    let mut f = a.fail[s as usize];
                    loop {
                        if let Some(t) = a.step(f, b) {
                            break t;
                        }
                        if f == 0 {
                            break 0;
                        }
                        f = a.fail[f as usize];
                    }
                };
                a.fail[child as usize] = f;
                a.dict[child as usize] = if a.out[f as usize] != NONE { f } else { a.dict[f as usize] };
            }
        }
        a
    }

    /// How many literal ids there are (the largest id plus one).
    pub(super) fn len(&self) -> usize {
        self.count
    }

    fn step(&self, s: u32, b: u8) -> Option<u32> {
        if s == 0 {
            return Some(self.root[b as usize]).filter(|&t| t != 0);
        }
        let (lo, hi) = (self.start[s as usize] as usize, self.start[s as usize + 1] as usize);
        self.labels[lo..hi].iter().position(|&l| l == b).map(|k| (lo + k) as u32 + 1)
    }

    /// Mark in `seen` (indexed by literal id) every literal that occurs in
    /// `text`, calling `first` with each the first time it is found.
    pub(super) fn scan(&self, text: &[u8], seen: &mut [bool], mut first: impl FnMut(usize)) {
        if self.out.is_empty() {
            return;
        }
        let mut s = 0u32;
        for &b in text {
            s = loop {
                if let Some(t) = self.step(s, b) {
                    break t;
                }
                if s == 0 {
                    break 0;
                }
                s = self.fail[s as usize];
            };
            let mut o = if self.out[s as usize] != NONE { s } else { self.dict[s as usize] };
            while o != 0 {
                let l = self.out[o as usize] as usize;
                if let Some(x) = seen.get_mut(l).filter(|x| !**x) {
                    *x = true;
                    first(l);
                }
                o = self.dict[o as usize];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Literals;

    /// Every literal found is in the text, and every literal in the text is
    /// found, over many small alphabets' literal sets and texts (overlaps,
    /// prefixes, suffixes and repeats are the common case there).
    #[test]
    fn the_automaton_finds_exactly_the_literals_that_occur() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut rand = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for round in 0..400 {
            let alphabet: &[u8] = if round % 2 == 0 { b"ab" } else { b"abc." };
            let word = |rand: &mut dyn FnMut(u64) -> u64, max: u64| -> String {
                let len = 1 + rand(max) as usize;
                (0..len).map(|_| alphabet[rand(alphabet.len() as u64) as usize] as char).collect()
            };
            let literals: Vec<String> = (0..1 + rand(12)).map(|_| word(&mut rand, 5)).collect();
            let a = Literals::new(&literals);
            for _ in 0..20 {
                let text = word(&mut rand, 30);
                let mut seen = vec![false; a.len()];
                a.scan(text.as_bytes(), &mut seen, |_| ());
                for (i, l) in literals.iter().enumerate() {
                    // A repeated literal is reported under its first id.
                    if !literals[..i].contains(l) {
                        assert_eq!(seen[i], text.contains(l.as_str()), "literal {l:?} in {text:?} (literals {literals:?})");
                    }
                }
            }
        }
        // Several bytes and non-ASCII literals, and the empty automaton.
        let lits: Vec<String> = ["work", "cowork", "or", "rochester", "مدينة", "100"].iter().map(|s| s.to_string()).collect();
        let a = Literals::new(&lits);
        let mut seen = vec![false; a.len()];
        a.scan("my coworker in مدينة".as_bytes(), &mut seen, |_| ());
        assert_eq!(seen, [true, true, true, false, true, false]);
        Literals::new(&[]).scan(b"anything", &mut [], |_| ());
    }
}
