//! The checker: compiles a [`Pack`] once, then checks posts against it.
//!
//! # Data flow of one check
//!
//! 1. The post is folded into its matching view ([`Normalized`]): lowercase,
//!    compatibility-folded, invisible characters dropped, look-alikes folded,
//!    with a byte map back to the original.
//! 2. Each signal an active rule needs is searched once over the view (one
//!    compiled regex per signal: its patterns joined in one alternation). Hits
//!    are filtered by the signal's validator and its context guards
//!    (`not_preceded_by`, `not_followed_by`).
//! 3. Each active rule (mode and role match, not disabled) turns its anchor's
//!    hits into findings when its `requires` signals are present in scope and
//!    its `unless` signals are not.
//! 4. Spans are mapped back to the original text, then to UTF-16 offsets in
//!    one pass; excerpts are masked; fixes are built.
//!
//! Compiled state lives in the [`Checker`] and is never rebuilt per check;
//! the per-check scratch (the view and its map) is reused through a
//! [`Scratch`] when the caller keeps one ([`Checker::check_with`]).
//!
//! # Modules, one per concern
//!
//! - this module: the [`Checker`] and its public API, the compiled types,
//!   [`Scratch`];
//! - `compile`: a pack into compiled signals (lexicon expansion, pattern
//!   checks, regexes built on first use) and where a bad pattern is;
//! - `search`: each signal once per check (regex, validator, guards,
//!   detector), composed signals, the hit index;
//! - `scope`: sentences, a rule's scope around its anchor, each rule's
//!   decision (and the page check's statements);
//! - `findings`: findings from rule hits (merging, excerpts, masks, fixes,
//!   UTF-16 offsets).
//!
//! The engine knows no name the pack defines: validators
//! ([`crate::validate`]) and detectors ([`crate::detect`]) are enums the pack
//! names, the override lists extend whichever signal says `extended_by`, and
//! the built-in domain templates take their separators from the pack.

use crate::finding::{Category, Context, Edit, Finding, Fix, Mode, Role, Severity};
use crate::normalize::Normalized;
use crate::pack::{Detector, FixKind, Mask, OverrideList, Pack, PackError, PackOverride, Scope, Validator};
use crate::policy_doc::Clause;
use crate::{detect, validate};
use regex::{Regex, RegexBuilder};
use std::collections::BTreeMap;
use std::sync::OnceLock;

mod analysis;
mod compile;
mod findings;
mod prefilter;
mod scope;
mod search;
mod template;

use compile::Syntax;
use findings::fix_label;
pub use template::ASCII_LOOKALIKES;
pub(crate) use analysis::Analysis;
pub use findings::utf16_offsets;
use scope::{scope_bounds, sentence_starts};
use search::{in_scope, reaches_into};

/// A compiled policy pack, ready to check posts. Cheap to share; `check`
/// takes `&self`.
#[derive(Debug, Clone)]
pub struct Checker {
    pack: Pack,
    /// The built-in templates (`{org_domain}` ...), for expanding a signal on first use.
    builtins: BTreeMap<&'static str, String>,
    signals: Vec<CompiledSignal>,
    rules: Vec<CompiledRule>,
    clauses: Vec<Clause>,
    /// The page statements' signals (`src/page.rs`), by index.
    pub(crate) page: Vec<CompiledStatement>,
    /// Which alternatives can match a post (`prefilter`), built on the first check.
    prefilter: OnceLock<prefilter::Prefilter>,
    /// Whether checks search only the alternatives the prefilter allows
    /// (always, but for the tests that compare the two).
    use_prefilter: bool,
    /// Whether the pack is the embedded one (perhaps with an override's
    /// literals and domains), whose patterns `build.rs` analysed.
    embedded: bool,
}

/// A page statement's signals as indices into the compiled signals.
#[derive(Debug, Clone)]
pub(crate) struct CompiledStatement {
    pub(crate) requires: Vec<usize>,
    pub(crate) unless: Vec<usize>,
}

#[derive(Debug, Clone)]
struct CompiledSignal {
    name: String,
    /// The joined pattern and the context guards: expanded when a pack file
    /// is compiled, on first use for the embedded pack (`Checker::sources`).
    sources: OnceLock<compile::Sources>,
    /// The joined pattern (all alternatives in one regex) as the searches
    /// run it, for long texts, built on first use (`compile::build_alt_with`):
    /// lazy DFAs that give up rather than fall back to a PikeVM, as the
    /// `regex` crate's did after a few cache clears (`work_tie` took 2 s on
    /// 1 MB of prose that way); the signal is then searched alternative by
    /// alternative (`joined_gave_up`).
    joined: OnceLock<Option<Box<compile::AltRegex>>>,
    /// Set once the joined regex's lazy DFA gave up on a text (too many
    /// states for its cache: `work_tie` on prose of 200 KB): from then on
    /// the signal is searched alternative by alternative at any length.
    joined_gave_up: compile::Flag,
    /// Each alternative's own regex and `v` group, built on first use past
    /// the signal's first checks: a check searches only the alternatives
    /// whose literals the post holds (`prefilter`).
    alternatives: OnceLock<Box<[OnceLock<Option<compile::AltRegex>>]>>,
    /// During its first checks, one regex of the candidates with only a
    /// post's lexicon entries (`CompiledSignal::pruned`).
    pruned: compile::Pruned,
    /// The context guards alone, when the sources were not needed (`Checker::guards`).
    guards: OnceLock<(Option<compile::Guard>, Option<compile::Guard>)>,
    validator: Option<Validator>,
    window: usize,
    stopwords: Vec<String>,
    roles: Vec<Role>,
    detector: Option<Detector>,
    /// The word lists the signal's detector reads (`first_names`, `stopwords`).
    words: detect::Words,
    /// A composed signal's parts, cancelling signals and widest span
    /// (`SignalDef::all_of`); empty for a plain signal.
    all_of: Vec<usize>,
    none_of: Vec<usize>,
    span: usize,
    /// For a composed signal: where its other parts may be (`SignalDef::scope`).
    scope: Scope,
}

#[derive(Debug, Clone)]
struct CompiledRule {
    def: usize,
    anchors: Vec<usize>,
    requires: Vec<usize>,
    requires_or_absent: Vec<usize>,
    unless: Vec<usize>,
}

/// Public description of a rule (for `postguard rules`, the demo page, the extension).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RuleInfo {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub clause: String,
    pub modes: Vec<Mode>,
    pub roles: Vec<Role>,
    pub summary: String,
    pub explanation: String,
    pub example: String,
    pub counter_example: String,
    pub fix: Option<String>,
}

/// A learned scorer's decision on a post (`Checker::scores`).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreTrace {
    pub signal: String,
    pub score: f64,
    pub threshold: f64,
    /// The features that weigh most either way: words of the view, weight.
    pub features: Vec<(String, f64)>,
}

/// One rule's decision on one anchor hit (`Checker::explain`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleTrace {
    pub rule: String,
    /// The anchor's text, or None when the anchor signal did not match.
    pub anchor: Option<String>,
    /// The text of the scope the other signals were looked for in ("post" for the whole post).
    pub scope: Option<String>,
    /// `requires` signals with no hit in scope.
    pub missing: Vec<String>,
    /// `unless` signals that matched in scope.
    pub blocked_by: Vec<String>,
    /// "finding", or why not.
    pub outcome: String,
}

/// Reusable per-check buffers.
#[derive(Debug, Default)]
pub struct Scratch {
    view: Normalized,
    hits: Vec<Vec<Hit>>,
    /// Per signal, `max_end[i]` = the greatest `end` among `hits[..=i]`
    /// (hits are sorted by start), so the hits that reach into a scope are
    /// found by binary search, not by a scan: a huge paste with thousands of
    /// hits stays linear.
    max_end: Vec<Vec<usize>>,
    searched: Vec<bool>,
    sentences: Vec<usize>,
    /// Moderation mode: the matching view of the City post the comment
    /// replies to, when given (`Checker::check_comment`).
    reply_to: Option<String>,
    /// City mode: every accuracy detector's spans over the original text
    /// (`accuracy::find_all`), computed on the first accuracy signal
    /// searched and shared by the others.
    accuracy: Option<Vec<(Detector, usize, usize)>>,
    /// Which of the prefilter's literals the view holds (`prefilter`).
    present: prefilter::Present,
}

/// One validated match of a signal, in view byte offsets.
#[derive(Debug, Clone, Copy)]
struct Hit {
    /// Whole match.
    start: usize,
    end: usize,
    /// Reported part (group `v`, or the whole match).
    vstart: usize,
    vend: usize,
}

impl Checker {
    /// The embedded Rochester policy.
    pub fn rochester() -> Checker {
        Checker::compile(Pack::rochester(), Syntax::Trusted).expect("embedded pack compiles")
    }

    /// Compile a pack. Errors name the pack field that failed.
    pub fn new(pack: Pack) -> Result<Checker, PackError> {
        Checker::compile(pack, Syntax::Check)
    }

    /// Load a pack (or an override of the default pack) from TOML source and compile it.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_toml(source: &str, file: &str) -> Result<Checker, PackError> {
        if crate::pack::looks_like_pack(source) {
            let pack = Pack::from_toml(source, file)?;
            Checker::compile(pack, Syntax::Check)
        } else {
            let o = PackOverride::from_toml(source, file)?;
            Checker::with_override(&o, file)
        }
    }

    /// The default pack with an override applied.
    pub fn with_override(o: &PackOverride, file: &str) -> Result<Checker, PackError> {
        let mut pack = Pack::rochester();
        pack.apply(o, file)?;
        // An override adds only escaped literal phrases to the embedded pack.
        let checker = Checker::compile(pack, Syntax::Trusted)?;
        // Build the regexes the override grew now, not lazily at the first
        // check, so that a list too big to compile is an error naming its
        // field rather than a rule that silently never fires.
        for (list, grew) in [(OverrideList::ConfidentialTerms, !o.confidential_terms.is_empty()), (OverrideList::Disclaimers, !o.disclaimers.is_empty() || o.disclaimer_text.is_some())] {
            let (field, signal) = (list.as_str(), checker.pack.extended_by(list));
            if let Some((si, sig)) = checker.signals.iter().enumerate().find(|(si, s)| Some(s.name.as_str()) == signal && grew && checker.sources(*si).source.is_some()) {
                if let Err(message) = sig.try_build(checker.sources(si).source.as_deref()) {
                    return Err(PackError { file: file.to_string(), line: None, column: None, field: field.to_string(), message: format!("too large to compile: {message}") });
                }
            }
        }
        Ok(checker)
    }

    /// Each signal's compiled pattern (its alternatives joined), by signal
    /// name: for tools that translate the pack to other regex engines (the
    /// JavaScript benchmark rival). `None` for a signal with no patterns.
    pub fn signal_patterns(&self) -> Vec<(&str, Option<&str>)> {
        (0..self.signals.len()).map(|i| (self.signals[i].name.as_str(), self.sources(i).source.as_deref())).collect()
    }

    /// Build every signal's regex now instead of on first use. The CLI does
    /// this for a pack file, so that a pattern too big to compile is reported
    /// as a pack error up front; the browser leaves it lazy (cold start).
    /// An error names the file the pack was read from, the line and the
    /// pattern at fault.
    pub fn precompile(&self) -> Result<(), PackError> {
        for (si, sig) in self.signals.iter().enumerate() {
            let sources = self.sources(si);
            if sources.source.is_some() {
                if let Err(message) = sig.try_build(sources.source.as_deref()) {
                    let (field, needle, message) = self.failing_alternative(&sig.name).unwrap_or_else(|| (format!("signals.{}.patterns", sig.name), String::new(), message.to_string()));
                    return Err(self.pack.error_at(&field, &needle, message));
                }
            }
            // A pack file's guards were built when it was compiled; the
            // embedded pack's are built here (its test calls this).
            for (g, key) in [(&sources.not_before, "not_preceded_by"), (&sources.not_after, "not_followed_by")] {
                if let Some(g) = g {
                    if g.regex().is_none() {
                        let message = compile::build(&g.source).err().unwrap_or_default();
                        return Err(self.pack.error_at(&format!("signals.{}.{key}", sig.name), "", message));
                    }
                }
            }
        }
        Ok(())
    }

    /// The pack this checker was compiled from.
    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    /// Every rule, in pack order.
    pub fn rules(&self) -> Vec<RuleInfo> {
        self.pack
            .rules
            .iter()
            .map(|r| RuleInfo {
                id: r.id.clone(),
                category: r.category,
                severity: r.severity,
                clause: r.clause.clone(),
                modes: r.modes.clone(),
                roles: r.roles.clone(),
                summary: r.summary.clone(),
                explanation: self.expand_message(&r.explanation),
                example: r.example.clone(),
                counter_example: r.counter_example.clone(),
                fix: fix_label(r.fix, r.fix_label.as_deref()),
            })
            .collect()
    }

    /// A clause of the policy by id.
    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.id == id)
    }

    /// Every clause, in document order.
    pub fn clauses(&self) -> &[Clause] {
        &self.clauses
    }

    /// Check a post. Allocates fresh scratch buffers; use [`Checker::check_with`]
    /// on hot paths.
    pub fn check(&self, text: &str, ctx: &Context) -> Vec<Finding> {
        self.check_with(text, ctx, &mut Scratch::default())
    }

    /// Check a post, reusing `scratch` between calls.
    pub fn check_with(&self, text: &str, ctx: &Context, scratch: &mut Scratch) -> Vec<Finding> {
        self.prepare(text, scratch);
        let raw = self.evaluate(text, ctx, scratch, None);
        self.findings(text, &scratch.view, raw)
    }

    /// Check a public comment on a City account's post (moderation mode,
    /// whatever `ctx.mode` says). `post` is the text of the City's post the
    /// comment replies to, when known: only then can a link be judged
    /// unrelated to it ([moderation.links]; see `crate::moderation`).
    pub fn check_comment(&self, text: &str, post: Option<&str>, ctx: &Context) -> Vec<Finding> {
        let ctx = Context { mode: Mode::Moderation, ..*ctx };
        let mut scratch = Scratch { reply_to: post.map(|p| Normalized::new(p).text), ..Scratch::default() };
        self.check_with(text, &ctx, &mut scratch)
    }

    /// Fold `text` into the scratch's view and size and clear its per-signal
    /// buffers: what every pass over a post (check, explain, trace) starts with.
    pub(crate) fn prepare(&self, text: &str, scratch: &mut Scratch) {
        scratch.view.fill(text);
        scratch.sentences.clear();
        scratch.accuracy = None;
        scratch.present.reset();
        scratch.hits.resize_with(self.signals.len(), Vec::new);
        scratch.max_end.resize_with(self.signals.len(), Vec::new);
        scratch.searched.clear();
        scratch.searched.resize(self.signals.len(), false);
        for h in &mut scratch.hits {
            h.clear();
        }
    }

    /// Why each active rule did or did not report (for pack authors:
    /// `postguard check --trace`): per anchor hit, its scope, the required
    /// signals missing in it and the `unless` signals that cancelled it.
    pub fn explain(&self, text: &str, ctx: &Context) -> Vec<RuleTrace> {
        let mut scratch = Scratch::default();
        self.prepare(text, &mut scratch);
        let mut out = Vec::new();
        self.evaluate(text, ctx, &mut scratch, Some(&mut out));
        out
    }

    /// Every signal's hits on `text` (for pack authors: `postguard check --trace`):
    /// signal name and the original text of each hit.
    pub fn trace(&self, text: &str, ctx: &Context) -> Vec<(String, String)> {
        let mut scratch = Scratch::default();
        self.prepare(text, &mut scratch);
        let mut out = Vec::new();
        for si in 0..self.signals.len() {
            self.search(si, ctx, text, &mut scratch);
            for h in &scratch.hits[si] {
                let (a, b) = scratch.view.to_original(h.vstart, h.vend);
                out.push((self.signals[si].name.clone(), text[a..b].to_string()));
            }
        }
        out
    }

    /// Each learned scorer's decision on a post (`--trace`): the signal, its
    /// score, its threshold and the features that weigh most either way (the
    /// words of the matching view and their weights).
    pub fn scores(&self, text: &str, top: usize) -> Vec<ScoreTrace> {
        let view = crate::normalize::Normalized::new(text);
        self.signals
            .iter()
            .filter_map(|sig| sig.words.score.as_ref().map(|m| (sig, m)))
            .map(|(sig, m)| {
                let (score, features) = m.explain(&view.text, top);
                ScoreTrace { signal: sig.name.clone(), score, threshold: m.threshold(), features }
            })
            .collect()
    }

    /// The signals whose joined regex gave up on a long text and that are
    /// searched alternative by alternative since (`tests/prefilter.rs`).
    #[doc(hidden)]
    pub fn joined_gave_up(&self) -> Vec<&str> {
        self.signals.iter().filter(|s| s.joined_gave_up.get()).map(|s| s.name.as_str()).collect()
    }

    /// The same checker without the prefilter: every alternative of every
    /// signal a check reaches is searched (`tests/prefilter.rs` compares).
    #[doc(hidden)]
    pub fn without_prefilter(mut self) -> Checker {
        self.use_prefilter = false;
        self
    }

    pub(crate) fn expand_message(&self, m: &str) -> String {
        m.replace("{org}", &self.pack.organization.name).replace("{disclaimer}", &self.pack.organization.disclaimer)
    }
}

/// Whether a rule listing `modes` runs in `mode`. A rule that lists no
/// modes runs on a writer's own posts (personal and City mode), never in
/// moderation mode: there the text is someone else's comment, and only the
/// rules written for it (`modes = ["moderation"]`) apply.
pub(crate) fn rule_applies(modes: &[Mode], mode: Mode) -> bool {
    if modes.is_empty() {
        mode != Mode::Moderation
    } else {
        modes.contains(&mode)
    }
}

fn clause_list(pack: &Pack) -> Vec<Clause> {
    if !pack.clause_order.is_empty() {
        return pack.clause_order.clone();
    }
    pack.clauses.iter().map(|(id, text)| Clause { id: id.clone(), heading: String::new(), text: text.clone() }).collect()
}
