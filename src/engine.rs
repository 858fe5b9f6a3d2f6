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

use crate::finding::{Category, Context, Edit, Finding, Fix, Mode, Role, Severity};
use crate::normalize::Normalized;
use crate::pack::{Detector, FixKind, Mask, OverrideList, Pack, PackError, PackOverride, Scope, Validator};
use crate::policy_doc::Clause;
use crate::{detect, validate};
use regex::{Regex, RegexBuilder};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A compiled policy pack, ready to check posts. Cheap to share; `check`
/// takes `&self`.
#[derive(Debug, Clone)]
pub struct Checker {
    pack: Pack,
    signals: Vec<CompiledSignal>,
    rules: Vec<CompiledRule>,
    clauses: Vec<Clause>,
    /// The page statements' signals (`src/page.rs`), by index.
    pub(crate) page: Vec<CompiledStatement>,
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
    /// The joined pattern (syntax-checked when the pack is compiled).
    source: Option<String>,
    /// The compiled regex and the capture indices of its alternatives' `v`
    /// groups, built on first use: most posts reach only a few signals, and
    /// building every regex up front is most of a cold start.
    compiled: OnceLock<Result<(Regex, Vec<usize>), String>>,
    validator: Option<Validator>,
    not_before: Option<Regex>,
    not_after: Option<Regex>,
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
}

impl CompiledSignal {
    /// The regex, compiled on first use. `None` for a signal without
    /// patterns, or (never for a pack that passed `precompile`) one that
    /// does not fit the size limits.
    fn regex(&self) -> Option<&(Regex, Vec<usize>)> {
        self.try_regex().ok()
    }

    /// The regex, or why it could not be built (once: the result is kept).
    fn try_regex(&self) -> Result<&(Regex, Vec<usize>), &str> {
        self.compiled
            .get_or_init(|| {
                let re = build(self.source.as_deref().ok_or("no patterns")?)?;
                let v: Vec<usize> = re
                    .capture_names()
                    .enumerate()
                    .filter(|(_, n)| n.is_some_and(|n| n.len() > 1 && n.starts_with('v') && n[1..].bytes().all(|b| b.is_ascii_digit())))
                    .map(|(i, _)| i)
                    .collect();
                Ok((re, v))
            })
            .as_ref()
            .map_err(String::as_str)
    }
}

/// Whether pattern syntax is checked when a pack is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Check,
    /// The embedded pack (tested) plus escaped literals.
    Trusted,
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
            if let Some(sig) = checker.signals.iter().find(|s| Some(s.name.as_str()) == signal && grew && s.source.is_some()) {
                if let Err(message) = sig.try_regex() {
                    return Err(PackError { file: file.to_string(), line: None, column: None, field: field.to_string(), message: format!("too large to compile: {message}") });
                }
            }
        }
        Ok(checker)
    }

    fn compile(pack: Pack, syntax: Syntax) -> Result<Checker, PackError> {
        // Checking a pattern's syntax costs about as much as parsing it into
        // an NFA; the embedded pack's patterns are checked by the test suite
        // (`the_embedded_pack_compiles_completely`), so a browser's cold start
        // skips it. Packs from files are always checked.
        let check_syntax = |p: &str| if syntax == Syntax::Check { check_syntax(p) } else { Ok(()) };
        let err = |field: String, needle: &str, message: String| pack.error_at(&field, needle, message);
        let builtins = builtins(&pack);
        // Lexicons multiply patterns: bound what the whole pack expands to,
        // not only each pattern, or many patterns (or guards) just under
        // MAX_EXPANDED would still exhaust memory and time.
        let expanded = std::cell::Cell::new(0usize);
        let spend = |x: String| -> Result<String, String> {
            expanded.set(expanded.get() + x.len());
            if expanded.get() > MAX_EXPANDED {
                return Err(format!("lexicon references expand the pack's patterns to more than {MAX_EXPANDED} bytes in all"));
            }
            Ok(x)
        };
        let mut signals = Vec::with_capacity(pack.signals.len());
        let mut index = BTreeMap::new();
        for (name, def) in &pack.signals {
            let field = |k: &str, i: usize| format!("signals.{name}.{k}[{i}]");
            let mut alts = Vec::new();
            // Where each alternative came from, for errors only a full build finds.
            let mut origins: Vec<(String, &str)> = Vec::new();
            for (i, p) in def.patterns.iter().enumerate() {
                check_lowercase(p).map_err(|m| err(field("patterns", i), p, m))?;
                let x = expand(p, &pack.lexicons, &builtins, 0).and_then(spend).map_err(|m| err(field("patterns", i), p, m))?;
                let x = asciify(&x);
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
            let source = if alts.is_empty() {
                None
            } else {
                // Each alternative may name its reported part `v`; names must be
                // unique in one regex, so number them (v0, v1, ...).
                let joined = alts
                    .iter()
                    .enumerate()
                    .map(|(i, a)| format!("(?:{})", a.replace("(?P<v>", &format!("(?P<v{i}>")).replace("(?<v>", &format!("(?<v{i}>"))))
                    .collect::<Vec<_>>()
                    .join("|");
                check_syntax(&joined).map_err(|m| {
                    // Name the first alternative that fails alone, as building each one would have.
                    alts.iter().zip(&origins).find_map(|(a, (f, needle))| build(a).err().map(|m| err(f.clone(), needle, m))).unwrap_or_else(|| err(format!("signals.{name}.patterns"), "", m))
                })?;
                Some(joined)
            };
            let guard = |list: &[String], key: &str| -> Result<Option<Regex>, PackError> {
                if list.is_empty() {
                    return Ok(None);
                }
                let mut alts = Vec::new();
                for (i, p) in list.iter().enumerate() {
                    check_lowercase(p).map_err(|m| err(field(key, i), p, m))?;
                    let x = asciify(&expand(p, &pack.lexicons, &builtins, 0).and_then(spend).map_err(|m| err(field(key, i), p, m))?);
                    check_syntax(&x).map_err(|m| err(field(key, i), p, m))?;
                    alts.push(format!("(?:{x})"));
                }
                build(&alts.join("|")).map(Some).map_err(|m| {
                    let first = list.iter().zip(&alts).enumerate().find_map(|(i, (p, a))| build(&a[3..a.len() - 1]).err().map(|m| err(field(key, i), p, m)));
                    first.unwrap_or_else(|| err(format!("signals.{name}.{key}"), "", m))
                })
            };
            let stopwords = match &def.stopwords {
                Some(lex) => pack.lexicons.get(lex).cloned().unwrap_or_default(),
                None => Vec::new(),
            };
            index.insert(name.clone(), signals.len());
            signals.push(CompiledSignal {
                name: name.clone(),
                source,
                compiled: OnceLock::new(),
                validator: def.validate,
                not_before: guard(&def.not_preceded_by, "not_preceded_by")?,
                not_after: guard(&def.not_followed_by, "not_followed_by")?,
                window: def.window,
                words: match def.detector {
                    Some(_) => detect::Words {
                        first_names: def.first_names.as_ref().and_then(|l| pack.lexicons.get(l)).map(|v| v.iter().cloned().collect()).unwrap_or_default(),
                        stopwords: stopwords.iter().cloned().collect(),
                    },
                    None => detect::Words::default(),
                },
                stopwords,
                roles: def.roles.clone(),
                detector: def.detector,
                all_of: Vec::new(),
                none_of: Vec::new(),
                span: def.span,
            });
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
        Ok(Checker { pack, signals, rules, clauses, page })
    }

    /// Each signal's compiled pattern (its alternatives joined), by signal
    /// name: for tools that translate the pack to other regex engines (the
    /// JavaScript benchmark rival). `None` for a signal with no patterns.
    pub fn signal_patterns(&self) -> Vec<(&str, Option<&str>)> {
        self.signals.iter().map(|s| (s.name.as_str(), s.source.as_deref())).collect()
    }

    /// Build every signal's regex now instead of on first use. The CLI does
    /// this for a pack file, so that a pattern too big to compile is reported
    /// as a pack error up front; the browser leaves it lazy (cold start).
    /// An error names the file the pack was read from, the line and the
    /// pattern at fault.
    pub fn precompile(&self) -> Result<(), PackError> {
        for sig in &self.signals {
            if sig.source.is_some() {
                if let Err(message) = sig.try_regex() {
                    let (field, needle, message) = self.failing_alternative(&sig.name).unwrap_or_else(|| (format!("signals.{}.patterns", sig.name), String::new(), message.to_string()));
                    return Err(self.pack.error_at(&field, &needle, message));
                }
            }
        }
        Ok(())
    }

    /// The first pattern or literal of signal `name` that fails to build on
    /// its own: its field path, its text and the error.
    fn failing_alternative(&self, name: &str) -> Option<(String, String, String)> {
        let def = self.pack.signals.get(name)?;
        let builtins = builtins(&self.pack);
        let patterns = def.patterns.iter().enumerate().map(|(i, p)| ("patterns", i, p, expand(p, &self.pack.lexicons, &builtins, 0).map(|x| asciify(&x))));
        let literals = def.literal.iter().enumerate().map(|(i, l)| ("literal", i, l, Ok(literal_pattern(l))));
        patterns.chain(literals).find_map(|(key, i, text, x)| {
            let message = match x {
                Ok(x) => build(&x).err()?,
                Err(m) => m,
            };
            Some((format!("signals.{name}.{key}[{i}]"), text.clone(), message))
        })
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
        scratch.hits.resize_with(self.signals.len(), Vec::new);
        scratch.max_end.resize_with(self.signals.len(), Vec::new);
        scratch.searched.clear();
        scratch.searched.resize(self.signals.len(), false);
        for h in &mut scratch.hits {
            h.clear();
        }
    }

    /// Evaluate every active rule over the searched signals: the anchor hits
    /// that become findings. With `record`, also say for each rule and anchor
    /// why it did or did not become one (`postguard check --trace`).
    fn evaluate(&self, text: &str, ctx: &Context, scratch: &mut Scratch, record: Option<&mut Vec<RuleTrace>>) -> Vec<(usize, Hit)> {
        let mut raw: Vec<(usize, Hit)> = Vec::new();
        let mut record = record;
        for (ri, rule) in self.rules.iter().enumerate() {
            let def = &self.pack.rules[rule.def];
            if !rule_applies(&def.modes, ctx.mode) {
                continue;
            }
            if !def.roles.is_empty() && !def.roles.contains(&ctx.role) {
                continue;
            }
            let name = |i: usize| self.signals[i].name.as_str();
            for &a in &rule.anchors {
                self.search(a, ctx, text, scratch);
            }
            let mut anchors: Vec<Hit> = rule.anchors.iter().flat_map(|&a| scratch.hits[a].iter().copied()).collect();
            if anchors.is_empty() {
                if let Some(r) = record.as_deref_mut() {
                    let names: Vec<&str> = rule.anchors.iter().map(|&a| name(a)).collect();
                    r.push(RuleTrace { rule: def.id.clone(), outcome: format!("no anchor ({} did not match)", names.join(", ")), ..RuleTrace::default() });
                }
                continue;
            }
            anchors.sort_by_key(|h| (h.start, h.end));
            for &s in rule.requires.iter().chain(&rule.requires_or_absent).chain(&rule.unless) {
                self.search(s, ctx, text, scratch);
            }
            if def.scope != Scope::Post && scratch.sentences.is_empty() {
                sentence_starts(&scratch.view.text, &mut scratch.sentences);
            }
            for hit in &anchors {
                let (lo, hi) = match def.scope {
                    Scope::Post => (0, usize::MAX),
                    Scope::Sentence => sentence_bounds(&scratch.sentences, scratch.view.text.len(), hit.start),
                    Scope::Nearby => {
                        let (lo, hi) = sentence_bounds(&scratch.sentences, scratch.view.text.len(), hit.start);
                        (sentence_bounds(&scratch.sentences, scratch.view.text.len(), lo.saturating_sub(1)).0, hi)
                    }
                };
                let disjoint = |h: &Hit| def.requires_may_overlap || h.end <= hit.start || h.start >= hit.end;
                let scoped = |s: usize| in_scope(&scratch.hits[s], &scratch.max_end[s], lo, hi);
                let reaches = |h: &Hit| h.end > lo;
                let required = rule.requires.iter().all(|&s| scoped(s).iter().any(|h| reaches(h) && disjoint(h)))
                    || (!rule.requires_or_absent.is_empty() && !rule.requires_or_absent.iter().any(|&s| scoped(s).iter().any(reaches)));
                let cancelled = rule.unless.iter().any(|&s| scoped(s).iter().any(reaches));
                if let Some(r) = record.as_deref_mut() {
                    let view = &scratch.view;
                    let orig = |a: usize, b: usize| {
                        let (x, y) = view.to_original(a.min(view.text.len()), b.min(view.text.len()));
                        text[x..y].to_string()
                    };
                    let missing: Vec<String> = rule.requires.iter().filter(|&&s| !scoped(s).iter().any(|h| reaches(h) && disjoint(h))).map(|&s| name(s).to_string()).collect();
                    let present: Vec<String> = rule.requires_or_absent.iter().filter(|&&s| scoped(s).iter().any(reaches)).map(|&s| name(s).to_string()).collect();
                    let blocked_by: Vec<String> = rule.unless.iter().filter(|&&s| scoped(s).iter().any(reaches)).map(|&s| name(s).to_string()).collect();
                    let outcome = if !required && !rule.requires_or_absent.is_empty() {
                        let roa: Vec<&str> = rule.requires_or_absent.iter().map(|&s| name(s)).collect();
                        format!("no finding: needs {} in scope, or none of {}; found {}", missing.join(" and "), roa.join(", "), present.join(", "))
                    } else if !required {
                        format!("no finding: missing in scope: {}", missing.join(", "))
                    } else if cancelled {
                        format!("no finding: cancelled by {}", blocked_by.join(", "))
                    } else {
                        "finding".to_string()
                    };
                    r.push(RuleTrace {
                        rule: def.id.clone(),
                        anchor: Some(orig(hit.vstart, hit.vend)),
                        scope: Some(match def.scope {
                            Scope::Post => "post".to_string(),
                            _ => orig(lo, hi.min(view.text.len())),
                        }),
                        missing,
                        blocked_by,
                        outcome,
                    });
                }
                if required && !cancelled {
                    raw.push((ri, *hit));
                    if def.once && record.is_none() {
                        break;
                    }
                }
            }
        }
        raw
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

    /// The page check's core (`src/page.rs`): the original byte span of the
    /// first hit of `requires[0]` around which every other `requires` signal
    /// matches in `scope` and no `unless` signal does, or `None` when the
    /// statement is absent. `prepare` must have run on `text`.
    pub(crate) fn statement_evidence(&self, text: &str, st: &CompiledStatement, scope: Scope, scratch: &mut Scratch) -> Option<(usize, usize)> {
        let ctx = Context::default();
        for &s in st.requires.iter().chain(&st.unless) {
            self.search(s, &ctx, text, scratch);
        }
        if scratch.sentences.is_empty() {
            sentence_starts(&scratch.view.text, &mut scratch.sentences);
        }
        let (&anchor, others) = st.requires.split_first()?;
        let len = scratch.view.text.len();
        for hit in &scratch.hits[anchor] {
            let (lo, hi) = match scope {
                Scope::Post => (0, usize::MAX),
                Scope::Sentence => sentence_bounds(&scratch.sentences, len, hit.start),
                Scope::Nearby => {
                    let (lo, hi) = sentence_bounds(&scratch.sentences, len, hit.start);
                    (sentence_bounds(&scratch.sentences, len, lo.saturating_sub(1)).0, hi)
                }
            };
            // A hit counts when it lies in the scope; an anchor may run past
            // its sentence's end (a model sentence with "e.g." in it).
            let hi = hi.max(hit.end);
            let scoped = |s: usize| reaches_into(&scratch.hits[s], &scratch.max_end[s], lo, hi);
            if others.iter().all(|&s| scoped(s)) && !st.unless.iter().any(|&s| scoped(s)) {
                return Some(scratch.view.to_original(hit.vstart, hit.vend));
            }
        }
        None
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

    /// Search one signal over the view, once per check.
    fn search(&self, si: usize, ctx: &Context, original: &str, scratch: &mut Scratch) {
        if scratch.searched[si] {
            return;
        }
        scratch.searched[si] = true;
        let sig = &self.signals[si];
        if !sig.roles.is_empty() && !sig.roles.contains(&ctx.role) {
            return;
        }
        if !sig.all_of.is_empty() {
            self.compose(si, ctx, original, scratch);
            return;
        }
        let mut found = Vec::new();
        if let Some(d) = sig.detector {
            let input = detect::Input { view: &scratch.view, original, reply_to: scratch.reply_to.as_deref(), org_domains: &self.pack.organization.email_domains };
            detect::find(d, &sig.words, &input, &mut scratch.accuracy, &mut found);
        }
        let view = &scratch.view;
        let text = view.text.as_str();
        let out = &mut scratch.hits[si];
        let mut push = |start: usize, end: usize, vstart: usize, vend: usize, has_v: bool| -> bool {
            if let Some(v) = sig.validator {
                let value = validate::Value { view: &text[vstart..vend], original: || original.get(view.original_start(vstart)..).unwrap_or(""), named: has_v };
                if !validate::check(v, &value, &sig.stopwords) {
                    return false;
                }
            }
            if let Some(nb) = &sig.not_before {
                let from = floor_boundary(text, start.saturating_sub(sig.window));
                if nb.is_match(&text[from..start]) {
                    return false;
                }
            }
            if let Some(na) = &sig.not_after {
                let to = ceil_boundary(text, (end + sig.window).min(text.len()));
                if na.is_match(&text[end..to]) {
                    return false;
                }
            }
            out.push(Hit { start, end, vstart, vend });
            true
        };
        for (s, e) in found {
            push(s, e, s, e, false);
        }
        let Some((re, v_groups)) = sig.regex() else {
            finish_hits(&mut scratch.hits[si], &mut scratch.max_end[si]);
            return;
        };
        // Search from the end of an accepted match, but from just after the
        // start of a rejected one: a validator or guard that drops a match
        // must not hide a shorter or later match of another alternative
        // that starts inside it.
        let mut pos = 0;
        if !v_groups.is_empty() {
            let mut locs = re.capture_locations();
            while pos <= text.len() {
                let Some(m) = re.captures_read_at(&mut locs, text, pos) else { break };
                let v = v_groups.iter().find_map(|&g| locs.get(g));
                let (vs, ve) = v.unwrap_or((m.start(), m.end()));
                let accepted = vs < ve && push(m.start(), m.end(), vs, ve, v.is_some());
                pos = if accepted && m.end() > m.start() { m.end() } else { next_char(text, m.start()) };
            }
        } else {
            while pos <= text.len() {
                let Some(m) = re.find_at(text, pos) else { break };
                let accepted = m.start() < m.end() && push(m.start(), m.end(), m.start(), m.end(), false);
                pos = if accepted { m.end() } else { next_char(text, m.start()) };
            }
        }
        finish_hits(&mut scratch.hits[si], &mut scratch.max_end[si]);
    }

    /// A composed signal (`all_of`): for each hit of its first part, the
    /// nearest hit of every other part in the same sentence and within
    /// `span` bytes of it; a hit when they span at most `span` bytes
    /// together and no `none_of` signal has a hit in that stretch of the
    /// sentence. Linear in the parts' hits (binary search per part).
    fn compose(&self, si: usize, ctx: &Context, original: &str, scratch: &mut Scratch) {
        let sig = &self.signals[si];
        for &p in sig.all_of.iter().chain(&sig.none_of) {
            self.search(p, ctx, original, scratch);
        }
        let mut out = std::mem::take(&mut scratch.hits[si]);
        out.clear();
        if !scratch.hits[sig.all_of[0]].is_empty() && scratch.sentences.is_empty() {
            sentence_starts(&scratch.view.text, &mut scratch.sentences);
        }
        let len = scratch.view.text.len();
        // Only hits within `span` of the first part's hit can take part (and
        // cancel): a bounded window, so a 10 MB paste that is one long
        // "sentence" dense with hits stays linear.
        for h in &scratch.hits[sig.all_of[0]] {
            let (lo, hi) = sentence_bounds(&scratch.sentences, len, h.start);
            let (lo, hi) = (lo.max(h.start.saturating_sub(sig.span)), hi.min(h.end.saturating_add(sig.span)));
            let (mut s, mut e) = (h.start, h.end);
            let found = sig.all_of[1..].iter().all(|&p| {
                let nearest = in_scope(&scratch.hits[p], &scratch.max_end[p], lo, hi).iter().filter(|x| x.end > lo).min_by_key(|x| x.end.max(e) - x.start.min(s));
                nearest.map(|x| (s, e) = (s.min(x.start), e.max(x.end))).is_some()
            });
            if !found || e - s > sig.span || sig.none_of.iter().any(|&n| reaches_into(&scratch.hits[n], &scratch.max_end[n], lo, hi)) {
                continue;
            }
            out.push(Hit { start: s, end: e, vstart: s, vend: e });
        }
        scratch.hits[si] = out;
        finish_hits(&mut scratch.hits[si], &mut scratch.max_end[si]);
    }

    /// Turn raw rule hits into findings: original spans, UTF-16 offsets,
    /// excerpts, fixes; drop duplicates of one category on one span.
    fn findings(&self, text: &str, view: &Normalized, raw: Vec<(usize, Hit)>) -> Vec<Finding> {
        let mut out: Vec<Finding> = Vec::with_capacity(raw.len());
        // One finding per category per stretch of text: in order of position
        // (then rule order), a hit that overlaps an earlier finding of its
        // category is dropped. Linear after the sort, however many hits.
        let mut spans: Vec<(usize, usize, usize, Hit)> = raw
            .into_iter()
            .map(|(ri, hit)| {
                let (bs, be) = view.to_original(hit.vstart, hit.vend);
                (bs, be, ri, hit)
            })
            .collect();
        spans.sort_by_key(|&(bs, be, ri, _)| (bs, ri, be));
        let mut reach = [0usize; Category::ALL.len()];
        // Moderation's kinds share one category but are separate reasons a
        // moderator weighs ("You fucking idiot" is both obscene and
        // harassing): there the stretch is kept per rule.
        let mut reach_rule = vec![0usize; if spans.iter().any(|s| self.pack.rules[self.rules[s.2].def].category == Category::Moderation) { self.rules.len() } else { 0 }];
        for (bs, be, ri, hit) in spans {
            let def = &self.pack.rules[self.rules[ri].def];
            let cat = def.category as usize;
            let reach = if def.category == Category::Moderation { &mut reach_rule[ri] } else { &mut reach[cat] };
            if bs < *reach {
                continue;
            }
            *reach = be.max(bs + 1);
            let (ms, me) = view.to_original(hit.start, hit.end);
            let excerpt = excerpt(text, (ms, me), (bs, be), def.mask);
            let fixes = if def.fix == FixKind::Correct {
                // The anchor's detector knows the one certain correction.
                let detector = self.rules[ri].anchors.iter().find_map(|&a| self.signals[a].detector);
                detector
                    .and_then(|d| crate::accuracy::correction(d, text, bs, be))
                    .map(|(label, s, e, replacement)| vec![Fix { label, edits: vec![Edit { start: s, end: e, byte_start: s, byte_end: e, replacement }] }])
                    .unwrap_or_default()
            } else {
                self.fix(text, def.fix, def.fix_label.as_deref(), bs, be)
            };
            out.push(Finding {
                rule: def.id.clone(),
                category: def.category,
                severity: def.severity,
                clause: def.clause.clone(),
                message: self.expand_message(&def.message),
                start: bs,
                end: be,
                byte_start: bs,
                byte_end: be,
                excerpt,
                fixes,
            });
        }
        out.sort_by(|a, b| a.byte_start.cmp(&b.byte_start).then(a.byte_end.cmp(&b.byte_end)).then(a.rule.cmp(&b.rule)));
        utf16_offsets(text, &mut out);
        out
    }

    fn fix(&self, text: &str, kind: FixKind, label: Option<&str>, bs: usize, be: usize) -> Vec<Fix> {
        let label = match fix_label(kind, label) {
            Some(l) => l,
            None => return Vec::new(),
        };
        let edit = match kind {
            FixKind::None | FixKind::Correct => return Vec::new(),
            FixKind::AppendDisclaimer => {
                let d = &self.pack.organization.disclaimer;
                let sep = if text.is_empty() || text.ends_with(char::is_whitespace) { "" } else { " " };
                Edit { start: text.len(), end: text.len(), byte_start: text.len(), byte_end: text.len(), replacement: format!("{sep}{d}") }
            }
            FixKind::Remove => {
                // Take one neighbouring space with the text, so no double space remains.
                let (mut s, e) = (bs, be);
                let before_space = text[..s].ends_with(' ');
                let after_ok = text[e..].is_empty() || text[e..].starts_with([' ', '\n', '.', ',', '!', '?', ';', ':', ')']);
                if before_space && after_ok {
                    s -= 1;
                }
                Edit { start: s, end: e, byte_start: s, byte_end: e, replacement: String::new() }
            }
        };
        vec![Fix { label, edits: vec![edit] }]
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

fn fix_label(kind: FixKind, label: Option<&str>) -> Option<String> {
    match kind {
        FixKind::None => None,
        FixKind::AppendDisclaimer => Some(label.unwrap_or("Add the disclaimer").to_string()),
        FixKind::Remove => Some(label.unwrap_or("Remove this text").to_string()),
        FixKind::Correct => Some(label.unwrap_or("Correct it").to_string()),
    }
}

fn clause_list(pack: &Pack) -> Vec<Clause> {
    if !pack.clause_order.is_empty() {
        return pack.clause_order.clone();
    }
    pack.clauses.iter().map(|(id, text)| Clause { id: id.clone(), heading: String::new(), text: text.clone() }).collect()
}

const MAX_EXCERPT: usize = 160;

fn excerpt(text: &str, whole: (usize, usize), value: (usize, usize), mask: Mask) -> String {
    let (ws, we) = (whole.0.min(value.0), whole.1.max(value.1));
    let s = match mask {
        Mask::None => text[value.0..value.1].to_string(),
        Mask::Digits | Mask::Value => {
            let v = &text[value.0..value.1];
            let masked = if mask == Mask::Digits { validate::mask_digits(v) } else { validate::mask_all(v) };
            format!("{}{}{}", &text[ws..value.0], masked, &text[value.1..we])
        }
    };
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > MAX_EXCERPT {
        let mut t: String = s.chars().take(MAX_EXCERPT - 1).collect();
        t.push('…');
        t
    } else {
        s
    }
}

/// Convert every finding's and edit's byte offsets to UTF-16 code units in one pass.
/// For ASCII text the UTF-16 offsets must already equal the byte offsets (the
/// engine builds findings that way). Public for the fuzz targets only.
#[doc(hidden)]
pub fn utf16_offsets(text: &str, findings: &mut [Finding]) {
    if text.is_ascii() {
        return; // byte offsets are UTF-16 offsets already (they were copied)
    }
    let mut wanted: Vec<usize> = Vec::new();
    for f in findings.iter() {
        wanted.push(f.byte_start);
        wanted.push(f.byte_end);
        for e in f.fixes.iter().flat_map(|x| &x.edits) {
            wanted.push(e.byte_start);
            wanted.push(e.byte_end);
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    let mut map = Vec::with_capacity(wanted.len());
    let mut units = 0usize;
    let mut chars = text.char_indices().peekable();
    for &w in &wanted {
        while let Some(&(i, c)) = chars.peek() {
            if i >= w {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        map.push(units);
    }
    let conv = |b: usize| map[wanted.binary_search(&b).expect("offset collected above")];
    for f in findings.iter_mut() {
        f.start = conv(f.byte_start);
        f.end = conv(f.byte_end);
        for e in f.fixes.iter_mut().flat_map(|x| &mut x.edits) {
            e.start = conv(e.byte_start);
            e.end = conv(e.byte_end);
        }
    }
}

/// Sort a signal's hits by position and compute their running maximum end.
fn finish_hits(hits: &mut [Hit], max_end: &mut Vec<usize>) {
    hits.sort_unstable_by_key(|h| (h.start, h.end));
    max_end.clear();
    let mut m = 0;
    max_end.extend(hits.iter().map(|h| {
        m = m.max(h.end);
        m
    }));
}

/// The hits that overlap `[lo, hi)`, found by binary search. `hits` is
/// sorted by start and `max_end` is its running maximum end (see `finish_hits`).
fn in_scope<'a>(hits: &'a [Hit], max_end: &[usize], lo: usize, hi: usize) -> &'a [Hit] {
    let max_end = &max_end[..hits.len().min(max_end.len())];
    let first = max_end.partition_point(|&e| e <= lo);
    let last = hits.partition_point(|h| h.start < hi);
    if first >= last {
        &[]
    } else {
        &hits[first..last]
    }
}

/// Whether a hit reaches into `[lo, hi)` (see `in_scope`).
fn reaches_into(hits: &[Hit], max_end: &[usize], lo: usize, hi: usize) -> bool {
    in_scope(hits, max_end, lo, hi).iter().any(|h| h.end > lo)
}

/// The byte offset just after the character at `i` (or past the end).
fn next_char(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(i + 1, |c| i + c.len_utf8())
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Sentence starts in the view: after `.`, `!`, `?` followed by a space, and
/// after line breaks. A `.` after an abbreviation ("Mr.", "St.", "Dr.") or a
/// single-letter initial does not end a sentence.
fn sentence_starts(view: &str, out: &mut Vec<usize>) {
    const ABBREVIATIONS: &[&str] = &["mr", "mrs", "ms", "dr", "st", "ave", "jr", "sr", "vs", "etc", "no", "sgt", "lt", "capt", "det", "ofc", "gov", "sen", "rep", "inc", "co", "dept", "approx", "e.g", "i.e", "a.m", "p.m"];
    const LONGEST: usize = 6;
    out.push(0);
    let b = view.as_bytes();
    for i in 0..b.len() {
        let end = match b[i] {
            b'\n' => true,
            b'!' | b'?' => b.get(i + 1).is_some_and(|&n| n == b' ' || n == b'\n'),
            b'.' => {
                // The word before the dot, looked at no further back than the
                // longest abbreviation: a run of dots or a long token must not
                // make this scan quadratic.
                let from = i.saturating_sub(LONGEST + 1);
                let word_start = b[from..i].iter().rposition(|&c| !(c.is_ascii_alphanumeric() || c == b'.')).map_or(from, |p| from + p + 1);
                let whole = word_start > from || from == 0;
                let word = &view[word_start..i];
                b.get(i + 1).is_some_and(|&n| n == b' ' || n == b'\n') && !(whole && (word.len() == 1 || ABBREVIATIONS.contains(&word)))
            }
            _ => false,
        };
        if end && i + 1 < b.len() && out.last() != Some(&(i + 1)) {
            out.push(i + 1);
        }
    }
}

fn sentence_bounds(starts: &[usize], len: usize, pos: usize) -> (usize, usize) {
    let i = starts.partition_point(|&s| s <= pos);
    let lo = starts[i.saturating_sub(1)];
    let hi = starts.get(i).copied().unwrap_or(len);
    (lo, hi)
}

fn build(pattern: &str) -> Result<Regex, String> {
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
fn check_syntax(pattern: &str) -> Result<(), String> {
    match RegexBuilder::new(pattern).size_limit(0).build() {
        Ok(_) | Err(regex::Error::CompiledTooBig(_)) => Ok(()),
        Err(_) => build(pattern).map(drop),
    }
}

/// Patterns run on lowercase text: an uppercase letter could never match.
fn check_lowercase(p: &str) -> Result<(), String> {
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

/// Built-in template names: the organisation's email domains.
fn builtins(pack: &Pack) -> BTreeMap<&'static str, String> {
    let doms = |sep: &str| {
        let alts: Vec<String> = pack
            .organization
            .email_domains
            .iter()
            .map(|d| d.split('.').map(regex::escape).collect::<Vec<_>>().join(sep))
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
        .map(|d| d.split('.').map(|l| l.chars().map(|c| regex::escape(&c.to_string())).collect::<Vec<_>>().join(" ?")).collect::<Vec<_>>().join(" ?\\. ?"))
        .collect();
    m.insert("org_domain_spaced", format!("(?:{})", spaced.join("|")));
    m
}

/// The longest a pattern, and all of a pack's patterns together, may grow by
/// lexicon expansion (the embedded pack's longest, self-identification, is
/// about 130 KB).
const MAX_EXPANDED: usize = 1 << 20;

/// Expand `{name}` references to lexicons and built-ins. `{3}` and `{1,2}`
/// (repetition) are left alone; `\{` is a literal brace.
fn expand(t: &str, lex: &BTreeMap<String, Vec<String>>, builtins: &BTreeMap<&str, String>, depth: usize) -> Result<String, String> {
    if depth > 8 {
        return Err("lexicon references nest more than 8 deep (a cycle?)".into());
    }
    let too_long = || format!("lexicon references expand this pattern to more than {MAX_EXPANDED} bytes");
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(i) = rest.find(['\\', '{']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with('\\') {
            let n = tail[1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&tail[..1 + n]);
            rest = &tail[1 + n..];
            continue;
        }
        let close = tail.find('}');
        let name = close.map(|c| &tail[1..c]);
        match name {
            Some(n) if !n.is_empty() && n.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b == b'_') && n.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') => {
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
                        // An empty lexicon matches nothing.
                        "[^\\s\\S]".to_string()
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
                rest = &tail[close.unwrap_or(0) + 1..];
            }
            _ => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Make a pattern cheap for the lazy DFA: ASCII word boundaries and classes
/// (the view is mostly ASCII; Unicode `\b` forces the slow engines), and a
/// space matches any whitespace.
fn asciify(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut in_class = false;
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(n) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match (n, in_class) {
                    ('b', false) => out.push_str("(?-u:\\b)"),
                    ('w', false) => out.push_str("[0-9a-z_]"),
                    ('W', false) => out.push_str("[^0-9a-z_]"),
                    ('d', false) => out.push_str("[0-9]"),
                    ('D', false) => out.push_str("[^0-9]"),
                    ('w', true) => out.push_str("0-9a-z_"),
                    ('d', true) => out.push_str("0-9"),
                    _ => {
                        out.push('\\');
                        out.push(n);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().unwrap_or(']'));
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            ' ' => out.push_str("\\s"),
            _ => out.push(c),
        }
    }
    out
}

/// A literal phrase (custom terms, extra disclaimers) as a pattern over the view.
fn literal_pattern(l: &str) -> String {
    let folded = Normalized::new(l.trim()).text;
    let body = asciify(&regex::escape(&folded));
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let pre = if word(folded.chars().next()) { "(?-u:\\b)" } else { "" };
    let post = if word(folded.chars().last()) { "(?-u:\\b)" } else { "" };
    format!("{pre}{body}{post}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expand_lexicons_and_repetition() {
        let mut lex = BTreeMap::new();
        lex.insert("role".to_string(), vec!["officer".to_string(), "plow driver".to_string()]);
        let b = BTreeMap::new();
        assert_eq!(expand(r"as a {role} \d{3}", &lex, &b, 0).unwrap(), r"as a (?:plow driver|officer) \d{3}");
        assert!(expand("{nope}", &lex, &b, 0).is_err());
        assert_eq!(asciify(r"\bas a [\w.]\d"), r"(?-u:\b)as\sa\s[0-9a-z_.][0-9]");
    }

    #[test]
    fn the_embedded_pack_compiles_completely() {
        // With every pattern's syntax checked, as for a pack file...
        assert!(Checker::new(Pack::rochester()).is_ok());
        // ...and built: the browser trusts the embedded pack because of this test.
        let c = Checker::rochester();
        assert!(c.precompile().is_ok());
        assert!(c.signals.iter().all(|s| s.source.is_none() || s.compiled.get().is_some_and(Result::is_ok)));
    }

    #[test]
    fn uppercase_in_patterns_is_an_error() {
        assert!(check_lowercase("City").is_err());
        assert!(check_lowercase(r"(?P<v>\d+)\p{Greek}\S").is_ok());
    }

    #[test]
    fn sentences() {
        let mut s = Vec::new();
        sentence_starts("one. two!\nthree", &mut s);
        assert_eq!(s, vec![0, 4, 9, 10]);
        assert_eq!(sentence_bounds(&s, 15, 6), (4, 9));
        s.clear();
        sentence_starts("old mr. halvorsen's dementia. next", &mut s);
        assert_eq!(s, vec![0, 29]);
    }
}
