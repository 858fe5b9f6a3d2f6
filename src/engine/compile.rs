//! Compiling a pack: lexicon expansion, pattern checks, one regex per signal
//! (built on first use), the built-in templates, and where each error is.

use super::*;
use super::template::{builtins, pieces, Piece};

/// Whether pattern syntax is checked when a pack is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Syntax {
    Check,
    /// The embedded pack (tested) plus escaped literals.
    Trusted,
}

impl Checker {
    pub(super) fn compile(pack: Pack, syntax: Syntax) -> Result<Checker, PackError> {
        // Checking a pattern's syntax costs about as much as parsing it into
        // an NFA; the embedded pack's patterns are checked by the test suite
        // (`the_embedded_pack_compiles_completely`), so a browser's cold start
        // skips it, and expands each signal only when a check reaches it.
        // Packs from files are always expanded and checked here.
        let builtins = builtins(&pack);
        // Lexicons multiply patterns: bound what the whole pack expands to,
        // not only each pattern, or many patterns (or guards) just under
        // MAX_EXPANDED would still exhaust memory and time.
        let expanded = std::cell::Cell::new(0usize);
        let spend = |x: Expanded| -> Result<String, String> {
            expanded.set(expanded.get() + x.raw_len);
            if expanded.get() > MAX_EXPANDED {
                return Err(format!("lexicon references expand the pack's patterns to more than {MAX_EXPANDED} bytes in all"));
            }
            Ok(x.pattern)
        };
        let mut signals = Vec::with_capacity(pack.signals.len());
        let mut index = BTreeMap::new();
        {
        let expander = Expander::new(&pack.lexicons, &builtins);
        for (name, def) in &pack.signals {
            // A pack file's patterns are expanded and checked now, so that its
            // errors are reported up front; the embedded pack's on first use
            // of each signal (`Checker::sources`): a cold start expands only
            // the signals a check reaches.
            let sources = OnceLock::new();
            if syntax == Syntax::Check {
                let _ = sources.set(signal_sources(&pack, &expander, name, def, Syntax::Check, &spend)?);
            }
            let stopwords = match &def.stopwords {
                Some(lex) => pack.lexicons.get(lex).cloned().unwrap_or_default(),
                None => Vec::new(),
            };
            index.insert(name.clone(), signals.len());
            signals.push(CompiledSignal {
                name: name.clone(),
                sources,
                joined: OnceLock::new(),
                joined_gave_up: Flag::default(),
                alternatives: OnceLock::new(),
                pruned: Pruned::default(),
                guards: OnceLock::new(),
                validator: def.validate,
                window: def.window,
                words: match def.detector {
                    Some(_) => detect::Words {
                        first_names: def.first_names.as_ref().and_then(|l| pack.lexicons.get(l)).map(|v| v.iter().cloned().collect()).unwrap_or_default(),
                        stopwords: stopwords.iter().cloned().collect(),
                        // Checked when the pack was loaded (`Pack::validate`).
                        score: def.score.as_ref().and_then(|sc| crate::scorer::Model::from_parts(sc.bits, sc.bias, sc.threshold, sc.scale, &sc.weights).ok()).map(std::sync::Arc::new),
                    },
                    None => detect::Words::default(),
                },
                stopwords,
                roles: def.roles.clone(),
                detector: def.detector,
                all_of: Vec::new(),
                none_of: Vec::new(),
                span: def.span,
                scope: def.scope,
            });
        }
        }
        // A composed signal's parts, by index (the parts may sort after it).
        for (name, def) in &pack.signals {
            let sig = &mut signals[index[name]];
            sig.all_of = def.all_of.iter().map(|s| index[s]).collect();
            sig.none_of = def.none_of.iter().map(|s| index[s]).collect();
        }
        let rules = pack
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| CompiledRule {
                def: i,
                anchors: r.anchor.iter().map(|s| index[s]).collect(),
                requires: r.requires.iter().map(|s| index[s]).collect(),
                requires_or_absent: r.requires_or_absent.iter().map(|s| index[s]).collect(),
                unless: r.unless.iter().map(|s| index[s]).collect(),
            })
            .collect();
        let page = pack
            .page_statements
            .iter()
            .map(|p| CompiledStatement { requires: p.requires.iter().map(|s| index[s]).collect(), unless: p.unless.iter().map(|s| index[s]).collect() })
            .collect();
        let clauses = clause_list(&pack);
        Ok(Checker { pack, builtins, signals, rules, clauses, page, prefilter: OnceLock::new(), use_prefilter: true, embedded: syntax == Syntax::Trusted })
    }

    /// Signal `si`'s joined pattern and guards, expanded on first use (a
    /// pack file's were expanded when it was compiled).
    pub(super) fn sources(&self, si: usize) -> &Sources {
        let sig = &self.signals[si];
        sig.sources.get_or_init(|| {
            let expander = Expander::new(&self.pack.lexicons, &self.builtins);
            let def = &self.pack.signals[&sig.name];
            // The embedded pack (and escaped override literals) only: its
            // patterns are tested to expand and build.
            signal_sources(&self.pack, &expander, &sig.name, def, Syntax::Trusted, &|x: Expanded| Ok(x.pattern)).unwrap_or_default()
        })
    }

    /// Signal `si`'s context guards (`not_preceded_by`, `not_followed_by`):
    /// from its sources when they are expanded, else expanded alone (a
    /// check that searched only some alternatives never expands the rest).
    pub(super) fn guards(&self, si: usize) -> (&Option<Guard>, &Option<Guard>) {
        let sig = &self.signals[si];
        if let Some(s) = sig.sources.get() {
            return (&s.not_before, &s.not_after);
        }
        let (b, a) = sig.guards.get_or_init(|| {
            let expander = Expander::new(&self.pack.lexicons, &self.builtins);
            let def = &self.pack.signals[&sig.name];
            let guard = |list: &[String]| {
                let alts: Result<Vec<String>, String> = list.iter().map(|p| expander.pattern(p).map(|x| format!("(?:{})", x.pattern))).collect();
                alts.ok().filter(|a| !a.is_empty()).map(|a| Guard { source: a.join("|"), re: OnceLock::new() })
            };
            (guard(&def.not_preceded_by), guard(&def.not_followed_by))
        });
        (b, a)
    }

    /// The first pattern or literal of signal `name` that fails to build on
    /// its own: its field path, its text and the error.
    pub(super) fn failing_alternative(&self, name: &str) -> Option<(String, String, String)> {
        let def = self.pack.signals.get(name)?;
        let expander = Expander::new(&self.pack.lexicons, &self.builtins);
        let patterns = def.patterns.iter().enumerate().map(|(i, p)| ("patterns", i, p, expander.pattern(p).map(|x| with_evasions(def, x.pattern))));
        let literals = def.literal.iter().enumerate().map(|(i, l)| ("literal", i, l, Ok(literal_pattern(l))));
        patterns.chain(literals).find_map(|(key, i, text, x)| {
            let message = match x {
                Ok(x) => build(&x).err()?,
                Err(m) => m,
            };
            Some((format!("signals.{name}.{key}[{i}]"), text.clone(), message))
        })
    }
}

/// A signal's joined pattern (its alternatives numbered `v0`, `v1`, ... where
/// they name their reported part) and its context guards, expanded and folded;
/// with `Syntax::Check`, every pattern's syntax checked and the guards built,
/// each error naming the pattern at fault. `spend` counts the expansion
/// against the pack's total (`MAX_EXPANDED`).
fn signal_sources(pack: &Pack, expander: &Expander, name: &str, def: &crate::pack::SignalDef, syntax: Syntax, spend: &dyn Fn(Expanded) -> Result<String, String>) -> Result<Sources, PackError> {
    let check_syntax = |p: &str| if syntax == Syntax::Check { check_syntax(p) } else { Ok(()) };
    let err = |field: String, needle: &str, message: String| pack.error_at(&field, needle, message);
    let field = |k: &str, i: usize| format!("signals.{name}.{k}[{i}]");
    let mut alts = Vec::new();
    // Where each alternative came from, for errors only a full build finds.
    let mut origins: Vec<(String, &str)> = Vec::new();
    for (i, p) in def.patterns.iter().enumerate() {
        check_lowercase(p).map_err(|m| err(field("patterns", i), p, m))?;
        let x = expander.pattern(p).and_then(spend).map_err(|m| err(field("patterns", i), p, m))?;
        let x = with_evasions(def, x);
        check_syntax(&x).map_err(|m| err(field("patterns", i), p, m))?;
        origins.push((field("patterns", i), p.as_str()));
        alts.push(x);
    }
    for (i, l) in def.literal.iter().enumerate() {
        let x = literal_pattern(l);
        check_syntax(&x).map_err(|m| err(field("literal", i), l, m))?;
        origins.push((field("literal", i), l.as_str()));
        alts.push(x);
    }
    let mut ranges = Vec::with_capacity(alts.len());
    let source = if alts.is_empty() {
        None
    } else {
        // Each alternative may name its reported part `v`; names must be
        // unique in one regex, so number them (v0, v1, ...).
        let mut joined = String::new();
        for (i, a) in alts.iter().enumerate() {
            if i > 0 {
                joined.push('|');
            }
            let start = joined.len();
            joined.push_str(&segment(i, a));
            ranges.push((start, joined.len()));
        }
        check_syntax(&joined).map_err(|m| {
            // Name the first alternative that fails alone, as building each one would have.
            alts.iter().zip(&origins).find_map(|(a, (f, needle))| build(a).err().map(|m| err(f.clone(), needle, m))).unwrap_or_else(|| err(format!("signals.{name}.patterns"), "", m))
        })?;
        Some(joined)
    };
    let guard = |list: &[String], key: &str| -> Result<Option<Guard>, PackError> {
        if list.is_empty() {
            return Ok(None);
        }
        let mut alts = Vec::new();
        for (i, p) in list.iter().enumerate() {
            check_lowercase(p).map_err(|m| err(field(key, i), p, m))?;
            let x = expander.pattern(p).and_then(spend).map_err(|m| err(field(key, i), p, m))?;
            check_syntax(&x).map_err(|m| err(field(key, i), p, m))?;
            alts.push(format!("(?:{x})"));
        }
        let g = Guard { source: alts.join("|"), re: OnceLock::new() };
        if syntax == Syntax::Check {
            // A pack file's guard is built now, so that one too big to
            // build is a pack error; the embedded pack's on first use.
            build(&g.source).map(|re| g.re.get_or_init(|| Some(re))).map_err(|m| {
                let first = list.iter().zip(&alts).enumerate().find_map(|(i, (p, a))| build(&a[3..a.len() - 1]).err().map(|m| err(field(key, i), p, m)));
                first.unwrap_or_else(|| err(format!("signals.{name}.{key}"), "", m))
            })?;
        }
        Ok(Some(g))
    };
    Ok(Sources { source, ranges, not_before: guard(&def.not_preceded_by, "not_preceded_by")?, not_after: guard(&def.not_followed_by, "not_followed_by")? })
}

/// Alternative `i` of a signal as it stands in the joined regex: grouped,
/// its reported part `v` numbered `v{i}` (names must be unique in one regex).
pub(super) fn segment(i: usize, x: &str) -> String {
    format!("(?:{})", x.replace("(?P<v>", &format!("(?P<v{i}>")).replace("(?<v>", &format!("(?<v{i}>")))
}

/// A signal's expanded pattern and guards (`signal_sources`).
#[derive(Debug, Clone, Default)]
pub(super) struct Sources {
    pub(super) source: Option<String>,
    /// Where each alternative (`(?:...)`, in pattern then literal order) is in `source`.
    pub(super) ranges: Vec<(usize, usize)>,
    pub(super) not_before: Option<Guard>,
    pub(super) not_after: Option<Guard>,
}

/// A signal's context guard (`not_preceded_by` or `not_followed_by`): its
/// alternatives joined, built on first use like the signal's own regex.
#[derive(Debug, Clone)]
pub(super) struct Guard {
    pub(super) source: String,
    re: OnceLock<Option<Regex>>,
}

impl Guard {
    /// The regex (`None` only if it does not build, which the embedded
    /// pack's test and a pack file's compile rule out).
    pub(super) fn regex(&self) -> Option<&Regex> {
        self.re.get_or_init(|| build(&self.source).ok()).as_ref()
    }
}

impl CompiledSignal {
    /// Whether the signal's joined pattern builds within the size limits,
    /// or why not (`precompile`, an override's grown list). The `regex`
    /// crate's builder, for its error messages; the regex is not kept: the
    /// searches run `joined`.
    pub(super) fn try_build(&self, source: Option<&str>) -> Result<(), String> {
        build_signal(source.ok_or("no patterns")?).map(drop)
    }

    /// The joined pattern for searching (`CompiledSignal::joined`), built
    /// once. With `may_give_up` (a checker with the prefilter, which can
    /// search alternative by alternative instead) its lazy DFA gives up on a
    /// text with too many states for its cache; without, it never does.
    pub(super) fn joined(&self, source: Option<&str>, may_give_up: bool) -> Option<&AltRegex> {
        self.joined.get_or_init(|| build_alt_with(source?, JOINED_DFA_CACHE, may_give_up).ok().map(Box::new)).as_deref()
    }

    /// The regex of alternative `a` alone, built once (the prefilter's
    /// candidates, once a signal has built its pruned regexes: `CompiledSignal::pruned`).
    pub(super) fn alternative(&self, c: &Checker, si: usize, a: usize) -> Option<&AltRegex> {
        let slots = self.alternatives.get_or_init(|| (0..c.sources(si).ranges.len()).map(|_| OnceLock::new()).collect());
        slots
            .get(a)?
            .get_or_init(|| {
                let sources = c.sources(si);
                let (s, e) = *sources.ranges.get(a)?;
                build_alt(sources.source.as_deref()?.get(s..e)?).ok()
            })
            .as_ref()
    }

    /// Until a signal has built [`PRUNED_BUILDS`] of them: one regex of its
    /// candidate alternatives `alts`, in order, each lexicon in them
    /// holding only the entries that can match this post (`keep` of the
    /// prefilter). An entry or an alternative that matches nowhere in the
    /// view changes no match of an alternation, so this regex finds what
    /// the whole signal's would; it builds in a fraction of the time (a
    /// cold start). The last few are kept and reused. `None`
    /// after that many builds (the candidates are then searched with their
    /// whole regexes, each built once: `alternative`).
    pub(super) fn pruned(&self, c: &Checker, alts: &[u32], pre: &super::prefilter::Prefilter, present: &super::prefilter::Present) -> Option<std::sync::Arc<AltRegex>> {
        if self.pruned.builds.load(std::sync::atomic::Ordering::Relaxed) >= PRUNED_BUILDS {
            return None;
        }
        let def = c.pack.signals.get(&self.name)?;
        // What decides the pruned regex: the candidates, and which needs of
        // the entries of the lexicons the signal reaches are met. Compared
        // before anything is expanded (expanding is most of a warm check's
        // cost otherwise).
        let relevant = self.pruned.relevant.get_or_init(|| pre.entry_sets(reachable(&c.pack.lexicons, &def.patterns).into_iter()));
        let mut key: Vec<u64> = alts.iter().map(|&a| u64::from(a)).collect();
        key.push(u64::MAX);
        let mut word = 0u64;
        // A signal matched with evasions keeps every entry (below), so which
        // of them the post allows does not change its regex.
        let relevant: &[usize] = if def.evasions { &[] } else { relevant };
        for (i, &s) in relevant.iter().enumerate() {
            word |= u64::from(pre.met(s, present)) << (i % 64);
            if i % 64 == 63 {
                key.push(std::mem::take(&mut word));
            }
        }
        key.push(word);
        let mut last = self.pruned.last.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = last.iter().position(|(prev, _)| *prev == key) {
            // Most recently used last.
            let hit = last.remove(i);
            let re = hit.1.clone();
            last.push(hit);
            return Some(re);
        }
        // A signal matched with evasions keeps every entry: the prefilter's
        // literals are the words as spelt, not as disguised.
        let keep = |lex: &str, i: usize| def.evasions || pre.entry_possible(lex, i, present);
        let expander = Expander::keeping(&c.pack.lexicons, &c.builtins, &keep);
        let mut joined = String::new();
        for &a in alts {
            let a = a as usize;
            let x = match def.patterns.get(a) {
                Some(t) => with_evasions(def, expander.pattern(t).ok()?.pattern),
                None => literal_pattern(def.literal.get(a - def.patterns.len())?),
            };
            if !joined.is_empty() {
                joined.push('|');
            }
            joined.push_str(&segment(a, &x));
        }
        let built = self.pruned.builds.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let re = std::sync::Arc::new(build_alt(&joined).ok()?);
        if built >= PRUNED_BUILDS {
            // The last one: the candidates' whole regexes serve from the next
            // check on, so the kept pruned ones (and their lazy DFA caches)
            // would only be memory.
            *last = Vec::new();
            return Some(re);
        }
        if last.len() >= PRUNED_KEPT {
            last.remove(0);
        }
        last.push((key, re.clone()));
        Some(re)
    }
}

/// How many regexes of only the lexicon entries a post allows a signal
/// builds (one each time its candidates or their entries change) before its
/// candidates' whole regexes are built instead: many posts (an audit) each
/// need their own, typing one post seldom needs a new one.
const PRUNED_BUILDS: u32 = 16;
/// How many of them a signal keeps: a post and its edited or re-pasted
/// versions alternate.
const PRUNED_KEPT: usize = 4;

/// A signal's pruned regex (`CompiledSignal::pruned`). A clone starts afresh.
#[derive(Debug, Default)]
pub(super) struct Pruned {
    builds: std::sync::atomic::AtomicU32,
    /// The needs of the entries of the lexicons the signal reaches.
    relevant: OnceLock<Vec<usize>>,
    /// The last regexes and what each was built for (candidates, then those
    /// needs' state as bits), least recently used first.
    last: std::sync::Mutex<Vec<(Vec<u64>, std::sync::Arc<AltRegex>)>>,
}

/// The lexicons `templates` reach, through other lexicons' entries too.
fn reachable<'a>(lex: &'a BTreeMap<String, Vec<String>>, templates: &'a [String]) -> std::collections::BTreeSet<&'a str> {
    let mut seen = std::collections::BTreeSet::new();
    let mut todo: Vec<&'a str> = templates.iter().map(String::as_str).collect();
    while let Some(t) = todo.pop() {
        for piece in pieces(t) {
            if let Piece::Ref(n) = piece {
                if let Some((k, entries)) = lex.get_key_value(n) {
                    if seen.insert(k.as_str()) {
                        todo.extend(entries.iter().map(String::as_str));
                    }
                }
            }
        }
    }
    seen
}

impl Clone for Pruned {
    fn clone(&self) -> Pruned {
        Pruned::default()
    }
}

/// A regex of one or more alternatives and the group indices of their `v`
/// parts. The lower level `regex-automata` API, to turn off the literal
/// prefilter extraction that `regex` always runs: without the `perf-literal`
/// feature it finds nothing to use, and it was two thirds of building a small
/// regex.
///
/// An alternative without a `v` part only needs where a match starts and
/// ends, which a forward and a reverse lazy DFA give: it is a bare
/// `hybrid::regex::Regex`. The meta regex (kept for `v` parts, and for any
/// pattern the lazy DFA cannot take) would also hold a PikeVM and, in every
/// cache, the PikeVM's state sets and slot tables, sized by the NFA: about
/// 1.5 MB of the heap after 10,000 checks, for an engine these searches never
/// run (the meta regex runs it only for captures or when its lazy DFA gives up).
#[derive(Debug)]
pub(super) struct AltRegex {
    engine: AltEngine,
    pub(super) v: Vec<usize>,
}

enum AltEngine {
    Meta(regex_automata::meta::Regex),
    Lazy(std::sync::Arc<regex_automata::hybrid::regex::Regex>, LazyPool),
}

type LazyPool = regex_automata::util::pool::Pool<regex_automata::hybrid::regex::Cache, Box<dyn Fn() -> regex_automata::hybrid::regex::Cache + Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe>>;

fn lazy_pool(re: &std::sync::Arc<regex_automata::hybrid::regex::Regex>) -> LazyPool {
    let re = std::sync::Arc::clone(re);
    regex_automata::util::pool::Pool::new(Box::new(move || re.create_cache()))
}

impl std::fmt::Debug for AltEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AltEngine::Meta(re) => f.debug_tuple("Meta").field(re).finish(),
            AltEngine::Lazy(re, _) => f.debug_tuple("Lazy").field(re).finish(),
        }
    }
}

impl Clone for AltRegex {
    fn clone(&self) -> AltRegex {
        let engine = match &self.engine {
            AltEngine::Meta(re) => AltEngine::Meta(re.clone()),
            AltEngine::Lazy(re, _) => AltEngine::Lazy(std::sync::Arc::clone(re), lazy_pool(re)),
        };
        AltRegex { engine, v: self.v.clone() }
    }
}

/// A flag shared by the checks of one `Checker` (a clone copies its value).
#[derive(Debug, Default)]
pub(super) struct Flag(std::sync::atomic::AtomicBool);

impl Flag {
    pub(super) fn get(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
    pub(super) fn set(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed)
    }
}

impl Clone for Flag {
    fn clone(&self) -> Flag {
        Flag(std::sync::atomic::AtomicBool::new(self.get()))
    }
}

/// A match: start, end and the `v` part.
pub(super) type Span3 = (usize, usize, Option<(usize, usize)>);

impl AltRegex {
    /// Captures for `find_at`, only when the pattern reports a `v` part.
    pub(super) fn captures(&self) -> Option<regex_automata::util::captures::Captures> {
        match &self.engine {
            AltEngine::Meta(re) if !self.v.is_empty() => Some(re.create_captures()),
            _ => None,
        }
    }

    /// The leftmost match at or after `pos`: its start, end and `v` part
    /// (with `caps` from [`AltRegex::captures`]); `Err(())` when the lazy DFA
    /// gave up on this text, which only a regex built to give up does
    /// (`build_alt_with`).
    pub(super) fn try_find_at(&self, text: &str, pos: usize, caps: Option<&mut regex_automata::util::captures::Captures>) -> Result<Option<Span3>, ()> {
        let input = regex_automata::Input::new(text).range(pos..);
        match (&self.engine, caps) {
            (AltEngine::Meta(re), Some(caps)) => {
                re.search_captures(&input, caps);
                Ok(caps.get_match().map(|m| (m.start(), m.end(), self.v.iter().find_map(|&g| caps.get_group(g)).map(|v| (v.start, v.end)))))
            }
            (AltEngine::Meta(re), None) => Ok(re.search(&input).map(|m| (m.start(), m.end(), None))),
            (AltEngine::Lazy(re, pool), _) => {
                let mut cache = pool.get();
                // No quit bytes (no Unicode word boundary: such patterns take
                // the meta regex), so only a give-up threshold can fail it.
                re.try_search(&mut cache, &input).map(|m| m.map(|m| (m.start(), m.end(), None))).map_err(drop)
            }
        }
    }

    /// [`AltRegex::try_find_at`] for a regex built never to give up
    /// (`build_alt`: the alternatives), so a search cannot fail.
    pub(super) fn find_at(&self, text: &str, pos: usize, caps: Option<&mut regex_automata::util::captures::Captures>) -> Option<Span3> {
        self.try_find_at(text, pos, caps).expect("lazy DFA search without quit bytes or give-up")
    }
}

/// An alternative's lazy DFA cache: a quarter of a whole signal's, as the
/// alternatives are smaller and there are about ten times as many.
const ALT_DFA_CACHE: usize = 2 << 20;

/// A joined signal's lazy DFA cache: the `regex` crate's default limit.
const JOINED_DFA_CACHE: usize = 8 << 20;

pub(super) fn build_alt(pattern: &str) -> Result<AltRegex, String> {
    build_alt_with(pattern, ALT_DFA_CACHE, false)
}

/// `build_alt` with a lazy DFA cache of `cache` bytes; with `may_give_up`,
/// the lazy DFAs give up as the meta regex's do (after three cache clears
/// that each found fewer than ten bytes per state), and
/// [`AltRegex::try_find_at`] reports it instead of falling back to a slower
/// engine.
pub(super) fn build_alt_with(pattern: &str, cache: usize, may_give_up: bool) -> Result<AltRegex, String> {
    use regex_automata::{hybrid, meta, nfa::thompson};
    let meta = |pattern: &str| {
        meta::Regex::builder()
            .configure(meta::Config::new().auto_prefilter(false).nfa_size_limit(Some(32 << 20)).hybrid_cache_capacity(cache))
            .build(pattern)
            .map_err(|e| e.to_string())
    };
    // A `v` part is a group named `v<n>`: without that text the pattern has
    // none, and the meta regex is not built at all.
    if pattern.contains("(?P<v") || pattern.contains("(?<v") {
        let re = meta(pattern)?;
        let v: Vec<usize> = re
            .group_info()
            .pattern_names(regex_automata::PatternID::ZERO)
            .enumerate()
            .filter(|(_, n)| n.is_some_and(is_value_group))
            .map(|(i, _)| i)
            .collect();
        if !v.is_empty() {
            return Ok(AltRegex { engine: AltEngine::Meta(re), v });
        }
    }
    let v = Vec::new();
    // Parsed once, then compiled forward and in reverse, as the meta regex
    // does (`hybrid::regex::Builder::build` would parse the pattern twice).
    let lazy = || -> Result<hybrid::regex::Regex, String> {
        let hir = regex_automata::util::syntax::parse(pattern).map_err(|e| e.to_string())?;
        let nfa_config = thompson::Config::new().nfa_size_limit(Some(32 << 20)).shrink(false).which_captures(thompson::WhichCaptures::Implicit);
        let fwd = thompson::Compiler::new().configure(nfa_config.clone()).build_from_hir(&hir).map_err(|e| e.to_string())?;
        let rev = thompson::Compiler::new()
            .configure(nfa_config.which_captures(thompson::WhichCaptures::None).reverse(true))
            .build_from_hir(&hir)
            .map_err(|e| e.to_string())?;
        drop(hir);
        let mut dfa_config = hybrid::dfa::Config::new().cache_capacity(cache).skip_cache_capacity_check(true);
        if may_give_up {
            dfa_config = dfa_config.minimum_cache_clear_count(Some(3)).minimum_bytes_per_state(Some(10));
        }
        let fwd = hybrid::dfa::Builder::new().configure(dfa_config.clone()).build_from_nfa(fwd).map_err(|e| e.to_string())?;
        let rev = hybrid::dfa::Builder::new()
            .configure(dfa_config.match_kind(regex_automata::MatchKind::All).prefilter(None).specialize_start_states(false))
            .build_from_nfa(rev)
            .map_err(|e| e.to_string())?;
        Ok(hybrid::regex::Builder::new().build_from_dfas(fwd, rev))
    };
    let engine = match lazy() {
        Ok(re) => {
            let re = std::sync::Arc::new(re);
            let pool = lazy_pool(&re);
            AltEngine::Lazy(re, pool)
        }
        // A Unicode word boundary (the lazy DFA would have to quit on
        // non-ASCII text): the meta regex, which falls back to its PikeVM.
        Err(_) => AltEngine::Meta(meta(pattern)?),
    };
    Ok(AltRegex { engine, v })
}

/// An expanded alternative of signal `def` as it is searched: with
/// [`evasions`] where the signal asks for them.
fn with_evasions(def: &crate::pack::SignalDef, x: String) -> String {
    if def.evasions {
        evasions(&x)
    } else {
        x
    }
}

/// `SignalDef::evasions`: every vowel that is a literal of expanded pattern
/// `p` (outside a class, an escape, group syntax or a counted repetition)
/// also matches what people type for it to get a word past a filter: the
/// digit or symbol that looks like it (`3` for `e`, `1`, `!` and `|` for
/// `i`, `0` for `o`, `@` and `4` for `a`) and `*`, the censor's blank. So
/// `b!tch`, `sh1t`, `f*ck` and `r3tard` are the words they stand for without
/// a list of their spellings. Consonants stay as they are: a digit for one
/// is rare, and a word of consonants alone (`bs`) would match codes (`b5`).
pub(super) fn evasions(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() * 3);
    let (mut i, mut class) = (0usize, 0usize);
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                out.push(c);
                if let Some(&n) = chars.get(i + 1) {
                    out.push(n);
                }
                i += 2;
                continue;
            }
            '[' => {
                class += 1;
                out.push(c);
                i += 1;
                // A `]` first in a class (after an optional `^`) is a literal.
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    out.push(']');
                    i += 1;
                }
                continue;
            }
            ']' if class > 0 => class -= 1,
            // Group syntax: `(?:`, `(?-u:`, `(?P<v0>`, `(?i)`.
            '(' if class == 0 && chars.get(i + 1) == Some(&'?') => {
                while i < chars.len() {
                    out.push(chars[i]);
                    i += 1;
                    if matches!(chars[i - 1], ':' | ')' | '>') {
                        break;
                    }
                }
                continue;
            }
            // A counted repetition: `{2,}`.
            '{' if class == 0 => {
                while i < chars.len() {
                    out.push(chars[i]);
                    i += 1;
                    if chars[i - 1] == '}' {
                        break;
                    }
                }
                continue;
            }
            _ => {}
        }
        let typed = match c {
            'a' if class == 0 => "[a@4*]",
            'e' if class == 0 => "[e3*]",
            'i' if class == 0 => "[i1!|*]",
            'o' if class == 0 => "[o0*]",
            'u' if class == 0 => "[u*]",
            _ => "",
        };
        if typed.is_empty() {
            out.push(c);
        } else {
            out.push_str(typed);
        }
        i += 1;
    }
    out
}

/// A `v<n>` group: the value a signal's validator checks.
fn is_value_group(name: &str) -> bool {
    name.len() > 1 && name.starts_with('v') && name[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A signal's regex and the capture indices of its alternatives' `v` groups.
fn build_signal(source: &str) -> Result<(Regex, Vec<usize>), String> {
    let re = build(source)?;
    let v: Vec<usize> = re
        .capture_names()
        .enumerate()
        .filter(|(_, n)| n.is_some_and(is_value_group))
        .map(|(i, _)| i)
        .collect();
    Ok((re, v))
}

pub(super) fn build(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .size_limit(32 << 20)
        .dfa_size_limit(8 << 20)
        .build()
        .map_err(|e| match e {
            regex::Error::Syntax(s) => s.lines().last().unwrap_or("invalid pattern").trim().to_string(),
            regex::Error::CompiledTooBig(n) => format!("pattern compiles to more than {n} bytes; split it"),
            other => other.to_string(),
        })
}

/// Check a pattern's syntax without compiling it: the parser runs, and the
/// compiler stops at once on the zero size limit. (Fully building every
/// alternative as well as the joined pattern used to cost about half of pack
/// compilation.) The joined pattern is built in full; only if that fails is
/// each alternative built, to name the one at fault.
pub(super) fn check_syntax(pattern: &str) -> Result<(), String> {
    match RegexBuilder::new(pattern).size_limit(0).build() {
        Ok(_) | Err(regex::Error::CompiledTooBig(_)) => Ok(()),
        Err(_) => build(pattern).map(drop),
    }
}

/// Patterns run on lowercase text: an uppercase letter could never match.
pub(super) fn check_lowercase(p: &str) -> Result<(), String> {
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('p') | Some('P') => {
                    if chars.peek() == Some(&'{') {
                        for c in chars.by_ref() {
                            if c == '}' {
                                break;
                            }
                        }
                    } else {
                        chars.next();
                    }
                }
                _ => {}
            }
            continue;
        }
        if c == '(' && chars.peek() == Some(&'?') {
            // Group flags and names, e.g. (?P<v>...) or (?-u:...).
            chars.next();
            if chars.peek() == Some(&'P') {
                chars.next();
            }
            continue;
        }
        if c.is_ascii_uppercase() {
            return Err(format!("patterns run on lowercase text, so `{c}` can never match; write it in lowercase"));
        }
    }
    Ok(())
}

/// The longest a pattern, and all of a pack's patterns together, may grow by
/// lexicon expansion (the embedded pack's longest, self-identification, is
/// about 130 KB).
pub(super) const MAX_EXPANDED: usize = 1 << 20;

/// Expand `{name}` references to lexicons and built-ins. `{3}` and `{1,2}`
/// (repetition) are left alone; `\{` is a literal brace.
pub(super) fn expand(t: &str, lex: &BTreeMap<String, Vec<String>>, builtins: &BTreeMap<&str, String>, depth: usize) -> Result<String, String> {
    if depth > 8 {
        return Err(TOO_DEEP.into());
    }
    let too_long = || format!("lexicon references expand this pattern to more than {MAX_EXPANDED} bytes");
    let mut out = String::with_capacity(t.len());
    for piece in pieces(t) {
        let n = match piece {
            Piece::Text(s) => {
                out.push_str(s);
                continue;
            }
            Piece::Ref(n) => n,
        };
        let body = if let Some(b) = builtins.get(n) {
            expand(b, lex, builtins, depth + 1)?
        } else if let Some(items) = lex.get(n) {
            let mut items: Vec<&String> = items.iter().collect();
            items.sort_by_key(|s| std::cmp::Reverse(s.len()));
            // Checked as the parts grow: many items that each stay
            // under the limit must not pile up first.
            let mut parts = Vec::with_capacity(items.len());
            let mut len = out.len();
            for s in items {
                let x = expand(s, lex, builtins, depth + 1)?;
                len += x.len() + 1;
                if len > MAX_EXPANDED {
                    return Err(too_long());
                }
                parts.push(x);
            }
            if parts.is_empty() {
                EMPTY_LEXICON.to_string()
            } else {
                format!("(?:{})", parts.join("|"))
            }
        } else {
            return Err(format!("unknown lexicon `{{{n}}}`"));
        };
        out.push_str(&body);
        if out.len() > MAX_EXPANDED {
            // Lexicons that refer to each other can multiply a pattern
            // exponentially: stop long before memory or time run out.
            return Err(too_long());
        }
    }
    Ok(out)
}

/// What an empty lexicon expands to: it matches nothing.
const EMPTY_LEXICON: &str = "[^\\s\\S]";
const TOO_DEEP: &str = "lexicon references nest more than 8 deep (a cycle?)";

/// A pattern expanded and made ASCII-cheap: `asciify(expand(p))`, and the
/// length `expand(p)` has (what [`MAX_EXPANDED`] bounds).
pub(super) struct Expanded {
    pub(super) pattern: String,
    pub(super) raw_len: usize,
}

/// One reference's body, built once per compile: a lexicon used by thirty
/// patterns is expanded and folded once, not thirty times (that was most of
/// `Checker::new` after parsing; BENCHMARKS.md).
struct Body {
    /// `asciify` of the expanded body, started outside a class.
    ascii: String,
    /// Whether the body leaves a class open (never in a sane pack; kept so
    /// that the result is exactly `asciify(expand(p))` whatever the input).
    ends_in_class: bool,
    raw_len: usize,
    /// How many levels of `expand` the body needed (its own and its
    /// references'), for the same nesting limit as `expand`.
    height: usize,
}

/// [`expand`] then [`asciify`], with each reference's body built once and
/// reused; the result (and every error) is what those two give.
/// `tests::the_expander_is_expand_then_asciify` checks it on every pattern
/// and guard of the embedded pack.
pub(super) struct Expander<'a> {
    lex: &'a BTreeMap<String, Vec<String>>,
    builtins: &'a BTreeMap<&'static str, String>,
    bodies: std::cell::RefCell<BTreeMap<&'a str, std::rc::Rc<Body>>>,
    /// Which entries of a lexicon (by name and index in the pack) to
    /// expand: all, or those the prefilter says can match a post.
    keep: Option<&'a dyn Fn(&str, usize) -> bool>,
}

impl<'a> Expander<'a> {
    pub(super) fn new(lex: &'a BTreeMap<String, Vec<String>>, builtins: &'a BTreeMap<&'static str, String>) -> Expander<'a> {
        Expander { lex, builtins, bodies: Default::default(), keep: None }
    }

    /// An expander that leaves out the lexicon entries `keep` refuses: a
    /// pattern for one post, whose other entries cannot match anywhere in
    /// it (`prefilter`). An alternation without them finds the same matches.
    pub(super) fn keeping(lex: &'a BTreeMap<String, Vec<String>>, builtins: &'a BTreeMap<&'static str, String>, keep: &'a dyn Fn(&str, usize) -> bool) -> Expander<'a> {
        Expander { lex, builtins, bodies: Default::default(), keep: Some(keep) }
    }

    pub(super) fn pattern(&self, t: &str) -> Result<Expanded, String> {
        let (mut out, mut in_class) = (String::with_capacity(t.len() + 16), false);
        let (raw_len, _) = self.template(t, 0, &mut out, &mut in_class)?;
        Ok(Expanded { pattern: out, raw_len })
    }

    /// Expand template `t` at nesting `depth` into `out` (asciified, in
    /// `in_class` state); returns the raw expansion's length and the height.
    fn template(&self, t: &str, depth: usize, out: &mut String, in_class: &mut bool) -> Result<(usize, usize), String> {
        if depth > 8 {
            return Err(TOO_DEEP.into());
        }
        let too_long = || format!("lexicon references expand this pattern to more than {MAX_EXPANDED} bytes");
        let (mut raw, mut height) = (0usize, 1usize);
        // Template text not yet folded (text pieces are folded together, so a
        // class that spans two of them folds as one).
        let mut seg = String::new();
        for piece in pieces(t) {
            let n = match piece {
                Piece::Text(s) => {
                    seg.push_str(s);
                    continue;
                }
                Piece::Ref(n) => n,
            };
            raw += seg.len();
            asciify_into(out, &seg, in_class);
            seg.clear();
            let body = self.body(n, depth)?;
            if raw + body.raw_len.saturating_sub(3) > MAX_EXPANDED {
                return Err(too_long());
            }
            if *in_class {
                // Inside a class the body folds differently: as `asciify` would, uncached.
                asciify_into(out, &expand(&format!("{{{n}}}"), self.lex, self.builtins, depth)?, in_class);
            } else {
                out.push_str(&body.ascii);
                *in_class = body.ends_in_class;
            }
            raw += body.raw_len;
            height = height.max(1 + body.height);
            if raw > MAX_EXPANDED {
                return Err(too_long());
            }
        }
        raw += seg.len();
        asciify_into(out, &seg, in_class);
        Ok((raw, height))
    }

    /// The body of reference `name` met at nesting `depth`.
    fn body(&self, name: &str, depth: usize) -> Result<std::rc::Rc<Body>, String> {
        if let Some(b) = self.bodies.borrow().get(name) {
            if depth + b.height <= 8 {
                return Ok(b.clone());
            }
            return Err(TOO_DEEP.into());
        }
        let too_long = || format!("lexicon references expand this pattern to more than {MAX_EXPANDED} bytes");
        let (mut ascii, mut in_class) = (String::new(), false);
        let (key, raw_len, height) = if let Some((&k, b)) = self.builtins.get_key_value(name) {
            let (raw, h) = self.template(b, depth + 1, &mut ascii, &mut in_class)?;
            (k, raw, h)
        } else if let Some((k, items)) = self.lex.get_key_value(name) {
            let mut items: Vec<(usize, &String)> = items.iter().enumerate().filter(|&(i, _)| self.keep.is_none_or(|keep| keep(k, i))).collect();
            items.sort_by_key(|(_, s)| std::cmp::Reverse(s.len()));
            let items: Vec<&String> = items.into_iter().map(|(_, s)| s).collect();
            if items.is_empty() {
                ascii.push_str(EMPTY_LEXICON);
                (k.as_str(), EMPTY_LEXICON.len(), 0)
            } else {
                ascii.push_str("(?:");
                let (mut raw, mut h) = (3usize, 0usize);
                for (j, s) in items.into_iter().enumerate() {
                    if j > 0 {
                        ascii.push('|');
                    }
                    let (x, xh) = self.template(s, depth + 1, &mut ascii, &mut in_class)?;
                    raw += x + 1;
                    h = h.max(xh);
                    if raw > MAX_EXPANDED {
                        return Err(too_long());
                    }
                }
                ascii.push(')');
                (k.as_str(), raw, h)
            }
        } else {
            return Err(format!("unknown lexicon `{{{name}}}`"));
        };
        let body = std::rc::Rc::new(Body { ascii, ends_in_class: in_class, raw_len, height });
        self.bodies.borrow_mut().insert(key, body.clone());
        Ok(body)
    }
}

/// Make a pattern cheap for the lazy DFA: ASCII word boundaries and classes
/// (the view is mostly ASCII; Unicode `\b` forces the slow engines), and a
/// space matches any whitespace or a hyphen. A non-ASCII literal outside a class is folded
/// as the view folds it (`Normalized`), so a pack author writes words as
/// people type them: Cyrillic `собака` is `co6aкa` in the view (confusables
/// folded), Arabic `انا` is `lنl`, `≠` is `=`. Each character is folded alone
/// (a quantifier after it keeps applying to it alone: several characters are
/// grouped, none is an empty group).
pub(super) fn asciify(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    asciify_into(&mut out, p, &mut false);
    out
}

/// [`asciify`] of `p` appended to `out`, starting inside a character class
/// when `in_class` is set; `in_class` is left as `p` leaves it.
pub(super) fn asciify_into(out: &mut String, p: &str, in_class: &mut bool) {
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(n) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match (n, *in_class) {
                    ('b', false) => out.push_str("(?-u:\\b)"),
                    ('w', false) => out.push_str("[0-9a-z_]"),
                    ('W', false) => out.push_str("[^0-9a-z_]"),
                    ('d', false) => out.push_str("[0-9]"),
                    ('D', false) => out.push_str("[^0-9]"),
                    ('s', false) => out.push_str("(?-u:\\s)"),
                    ('w', true) => out.push_str("0-9a-z_"),
                    ('d', true) => out.push_str("0-9"),
                    _ => {
                        out.push('\\');
                        out.push(n);
                    }
                }
            }
            '[' if !*in_class => {
                *in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().unwrap_or(']'));
                }
            }
            ']' if *in_class => {
                *in_class = false;
                out.push(']');
            }
            // The view's only whitespace is ' ' and '\\n' (normalize.rs folds
            // every White_Space run), so ASCII `\\s` matches what Unicode `\\s`
            // would, as one byte class instead of a UTF-8 automaton per use.
            // A hyphen counts as a space between words: people join the words
            // of a phrase with one ("last-chance agreement", "hands-down").
            ' ' if *in_class => out.push_str("\\s"),
            ' ' => out.push_str("(?-u:[\\s-])"),
            c if !c.is_ascii() && !*in_class => {
                let folded = Normalized::new(c.encode_utf8(&mut [0; 4])).text;
                let esc = regex::escape(&folded);
                if folded.chars().count() == 1 {
                    out.push_str(&esc);
                } else {
                    out.push_str("(?:");
                    out.push_str(&esc);
                    out.push(')');
                }
            }
            _ => out.push(c),
        }
    }
}

/// A literal phrase (custom terms, extra disclaimers) as a pattern over the view.
pub(super) fn literal_pattern(l: &str) -> String {
    let folded = Normalized::new(l.trim()).text;
    let body = asciify(&regex::escape(&folded));
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let pre = if word(folded.chars().next()) { "(?-u:\\b)" } else { "" };
    let post = if word(folded.chars().last()) { "(?-u:\\b)" } else { "" };
    format!("{pre}{body}{post}")
}

#[cfg(test)]
mod tests {
    /// `evasions` turns literal vowels into classes and leaves regex syntax alone.
    #[test]
    fn evasions_change_only_literal_vowels() {
        assert_eq!(evasions("bitch"), "b[i1!|*]tch");
        // Escapes, classes, group syntax and counted repetitions are copied.
        assert_eq!(evasions(r"(?:f\*{2,}(?-u:\b)[a-z]|(?P<v0>shit)\w)"), r"(?:f\*{2,}(?-u:\b)[a-z]|(?P<v0>sh[i1!|*]t)\w)");
        assert_eq!(evasions("[]a]e[^]o]"), "[]a][e3*][^]o]");
        // The result is a regex that finds the disguised words, and no more than that.
        let re = regex::Regex::new(&evasions(r"(?-u:\b)(?:shit|retard(?:s|ed)?|bs)(?-u:\b)")).unwrap();
        for hit in ["sh1t", "sh!t", "sh*t", "r3tard", "r*t@rd", "bs"] {
            assert!(re.is_match(hit), "{hit}");
        }
        for miss in ["b5", "b$", "shot", "sh1p", "retort"] {
            assert!(!re.is_match(miss), "{miss}");
        }
    }

    use super::*;

    #[test]
    fn expand_lexicons_and_repetition() {
        let mut lex = BTreeMap::new();
        lex.insert("role".to_string(), vec!["officer".to_string(), "plow driver".to_string()]);
        let b = BTreeMap::new();
        assert_eq!(expand(r"as a {role} \d{3}", &lex, &b, 0).unwrap(), r"as a (?:plow driver|officer) \d{3}");
        assert!(expand("{nope}", &lex, &b, 0).is_err());
        assert_eq!(asciify(r"\bas a [\w.]\d\s"), r"(?-u:\b)as(?-u:[\s-])a(?-u:[\s-])[0-9a-z_.][0-9](?-u:\s)");
        // Non-ASCII literals fold as the view does; in a class they stay.
        assert_eq!(asciify("собака"), Normalized::new("собака").text);
        assert_eq!(asciify("ﬁ?"), "(?:fi)?");
        assert_eq!(asciify("[—–]"), "[—–]");
        // A space in a class is a class item, `\\s` (a group there would be its characters).
        assert_eq!(asciify("a[ ._]b [^ ]"), r"a[\s._]b(?-u:[\s-])[^\s]");
    }

    #[test]
    fn a_template_splits_into_text_and_references() {
        use Piece::{Ref, Text};
        // An escaped brace is text; `{3}` and `{1,2}` are repetitions; an escaped backslash
        // does not escape the brace after it; a name inside a stray brace is still a name.
        let got: Vec<Piece> = pieces(r"a\{b} {x}{3} {1,2}\\{y}{a{b}").collect();
        assert_eq!(got, vec![Text(r"a\{b} "), Ref("x"), Text(r"{3} {1,2}\\"), Ref("y"), Text("{a"), Ref("b")]);
        assert_eq!(pieces("").count(), 0);
        assert_eq!(pieces("\\").collect::<Vec<_>>(), vec![Text("\\")]);
    }

    #[test]
    fn the_expander_is_expand_then_asciify() {
        // On every pattern and guard of the embedded pack, and on edge cases:
        // the cached bodies give exactly what expanding and folding the whole
        // pattern gives, with the same errors.
        let pack = Pack::rochester();
        let b = builtins(&pack);
        let ex = Expander::new(&pack.lexicons, &b);
        let mut n = 0;
        for def in pack.signals.values() {
            for p in def.patterns.iter().chain(&def.not_preceded_by).chain(&def.not_followed_by) {
                let want = expand(p, &pack.lexicons, &b, 0).unwrap();
                let got = ex.pattern(p).unwrap();
                assert_eq!(got.pattern, asciify(&want), "{p}");
                assert_eq!(got.raw_len, want.len(), "{p}");
                n += 1;
            }
        }
        assert!(n > 500, "{n} patterns");
        let mut lex = BTreeMap::new();
        lex.insert("a".to_string(), vec!["x {b} y".to_string(), "ü".to_string()]);
        lex.insert("b".to_string(), vec!["\\bz\\d{2}".to_string(), "[ \\w]".to_string()]);
        lex.insert("empty".to_string(), vec![]);
        lex.insert("cycle".to_string(), vec!["{cycle}".to_string()]);
        let deep: Vec<String> = (0..10).map(|i| format!("l{i}")).collect();
        for (i, name) in deep.iter().enumerate() {
            lex.insert(name.clone(), vec![if i == 9 { "end".to_string() } else { format!("{{l{}}}", i + 1) }]);
        }
        let b = BTreeMap::new();
        let ex = Expander::new(&lex, &b);
        for p in ["{a} {b} {a}", "[{a}]", "{empty}|{a}", "\\{a} {3} {1,2}", "{l2}", "{l1}", "{l0}", "{l3} {l1}", "{cycle}", "{nope}", "{a}{l0}"] {
            let want = expand(p, &lex, &b, 0).map(|x| (asciify(&x), x.len()));
            let got = ex.pattern(p).map(|x| (x.pattern, x.raw_len));
            assert_eq!(got, want, "{p}");
        }
    }

    #[test]
    fn the_embedded_pack_compiles_completely() {
        // With every pattern's syntax checked, as for a pack file...
        assert!(Checker::new(Pack::rochester()).is_ok());
        // ...and built: the browser trusts the embedded pack because of this test.
        let c = Checker::rochester();
        assert!(c.precompile().is_ok());
        assert!((0..c.signals.len()).all(|i| c.sources(i).source.is_none() || c.signals[i].try_build(c.sources(i).source.as_deref()).is_ok()));
    }

    #[test]
    fn uppercase_in_patterns_is_an_error() {
        assert!(check_lowercase("City").is_err());
        assert!(check_lowercase(r"(?P<v>\d+)\p{Greek}\S").is_ok());
    }
}
