//! Policy packs: the declarative description of a social media policy.
//!
//! A pack is data (TOML): the organisation (name, email domains, disclaimer),
//! lexicons (named lists of regex fragments), signals (what to look for: a set
//! of patterns plus an optional validator and context guards), and rules (how
//! signals combine into a finding: an anchor signal, signals it requires and
//! signals that cancel it, the category, severity, clause and messages).
//! Mechanisms live in Rust (`engine/`, `validate.rs`, `detect.rs`), named by
//! the pack; words live here.
//!
//! A pack is a directory (`policy/rochester/`), one file per part, each
//! found from its name:
//!
//! - `pack.toml`: `[pack]`, `[organization]`, optional `[clauses]`, and
//!   `[index] rules`, every rule id in the order rules are listed;
//! - `rules/<category>/<what>.toml`: the rule `<category>.<what>` (its id and
//!   category come from the path); `rules/page-statements/<what>.toml` are
//!   the page check's statements;
//! - `signals/<name>.toml`: the signal `<name>`;
//! - `lexicons/<name>.toml`: the lexicon `<name>` (`entries = [...]`).
//!
//! ([`Pack::from_files`], [`Pack::from_dir`]). The same pack may also be one
//! TOML file with `[lexicons]`, `[signals.NAME]`, `[[rules]]` and
//! `[[page_statements]]` tables ([`Pack::from_toml`]; [`join_files`] turns a
//! directory into one).
//!
//! The Rochester pack is embedded (`build.rs` lists `policy/rochester/`). A
//! City's IT can replace it (`--policy DIR` or a one-file pack) or adjust it
//! with an override ([`PackOverride`]: extra email domains, custom
//! confidential terms, extra disclaimer phrasings, disabled rules, severity
//! changes).
//!
//! Every problem with a pack is a [`PackError`] naming the file, the line and
//! the field; loading never panics.

use crate::finding::{Category, Mode, Role, Severity};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// The policy text the default pack cites (clause texts come from here).
pub const DEFAULT_POLICY_MD: &str = include_str!("../policy/rochester-social-media-policy.md");
pub use crate::pack_join::join_files;
/// Where the embedded pack's files are named from in error messages (`build.rs`).
pub const DEFAULT_PACK_NAME: &str = "policy/rochester";
/// Most entries an override's `email_domains` may have.
pub const MAX_OVERRIDE_DOMAINS: usize = 1_000;
/// Most entries an override's `confidential_terms`, `disclaimers` or `disable` may have.
pub const MAX_OVERRIDE_TERMS: usize = 10_000;
/// Most bytes the phrases of one override list may hold together (what still
/// compiles within the regex size limit, with room to spare).
pub const MAX_OVERRIDE_LIST_BYTES: usize = 1 << 20;

/// A whole policy pack.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub pack: PackMeta,
    pub organization: Organization,
    #[serde(default)]
    pub lexicons: BTreeMap<String, Vec<String>>,
    pub signals: BTreeMap<String, SignalDef>,
    pub rules: Vec<RuleDef>,
    /// The statements a City account's About/bio text must make (the page
    /// check, `src/page.rs`). Optional: a pack without them has no page check.
    #[serde(default)]
    pub page_statements: Vec<PageStatementDef>,
    /// Clause texts by id; the default pack takes them from the policy document.
    #[serde(default)]
    pub clauses: BTreeMap<String, String>,
    /// The clauses in document order with their headings, when they came
    /// from the policy document (empty when the pack lists its own).
    #[serde(skip)]
    pub clause_order: Vec<crate::policy_doc::Clause>,
    /// The files the pack was read from, for errors found after parsing.
    #[serde(skip)]
    pub source: PackSource,
}

/// The text a pack was read from: one file, or a directory's files, each
/// holding one part of the pack. Errors found after parsing (an unknown
/// signal, a pattern that does not compile) are located in it.
#[derive(Debug, Clone, Default)]
pub struct PackSource {
    files: Vec<SourceFile>,
}

#[derive(Debug, Clone)]
struct SourceFile {
    /// The name errors give: `{root}/{path}{suffix}` (`Pack::from_files`).
    name: String,
    text: Cow<'static, str>,
    part: Part,
}

/// What part of a pack a file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// A whole one-file pack: fields keep their full path (`signals.x.patterns[1]`).
    Whole,
    /// `pack.toml` of a directory.
    Top,
    /// A rule or page statement, by id.
    Rule(String),
    Signal(String),
    Lexicon(String),
}

#[cfg(not(target_arch = "wasm32"))]
/// The top file of a pack directory (`pack.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackTop {
    pack: PackMeta,
    organization: Organization,
    #[serde(default)]
    clauses: BTreeMap<String, String>,
    index: PackIndex,
}

#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackIndex {
    /// Every rule and page statement id, in the order rules are listed.
    rules: Vec<String>,
}

#[cfg(not(target_arch = "wasm32"))]
/// A lexicon file (`lexicons/<name>.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    entries: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    pub name: String,
    pub version: String,
    /// Title of the policy document the clause ids refer to.
    pub policy: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub name: String,
    /// Email domains of the organisation; their subdomains count too.
    pub email_domains: Vec<String>,
    /// The disclaimer the policy asks for, inserted by the disclaimer fix.
    pub disclaimer: String,
    /// What separates the labels of `email_domains` in the built-in
    /// `{org_domain}` pattern (a pattern fragment, e.g. `{dot}`, a lexicon of
    /// the ways people write a dot); a plain `\.` when not given.
    #[serde(default)]
    pub domain_dot: Option<String>,
    /// The same for `{org_domain_obf}` (e.g. `{dot_word}`: " dot ", "[.]").
    #[serde(default)]
    pub domain_dot_obfuscated: Option<String>,
}

/// An override list that adds literal phrases to a signal
/// (`SignalDef::extended_by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideList {
    /// `confidential_terms`: the organisation's own confidential terms.
    ConfidentialTerms,
    /// `disclaimers`: more accepted disclaimer phrasings (and the configured
    /// `disclaimer_text`, which always counts as a disclaimer).
    Disclaimers,
}

impl OverrideList {
    pub fn as_str(self) -> &'static str {
        match self {
            OverrideList::ConfidentialTerms => "confidential_terms",
            OverrideList::Disclaimers => "disclaimers",
        }
    }
}

/// How a signal's matches are validated beyond the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Validator {
    /// US Social Security number rules (area, group, serial).
    Ssn,
    /// Payment card: 13-19 digits, known issuer prefix, Luhn checksum.
    Luhn,
    /// ABA routing number: prefix ranges and the 3-7-1 checksum.
    Aba,
    /// A run of 6-17 digits that is not one repeated digit (bank accounts).
    AccountNumber,
    /// IRS Individual Taxpayer Identification Number: 9 digits, starting with
    /// 9, group 50-65, 70-88, 90-92 or 94-99.
    Itin,
    /// Payment card of any issuer (for a number a card word names): 13-19
    /// digits and the Luhn checksum.
    LuhnAny,
    /// Passport number: 6-9 digits after at most two letters (US: 9 digits or
    /// a letter and 8 digits), not a run of one digit or a counting run.
    Passport,
    /// Driver's licence or state ID number in one of the US states' formats
    /// (letters and digits in the shapes the states issue).
    StateLicense,
    /// A secret value after "password is" etc.: not a stopword, not trivial.
    Credential,
    /// The reported part (group `v`) starts with a capital letter in the original text.
    Capitalized,
    /// An email address: when written with the word "at", the part before it
    /// must not be a word from `stopwords` ("more at example.gov" is a website).
    Mailbox,
    /// The second line of a passport's machine-readable zone (ICAO 9303 TD3,
    /// or TD2): document number, date of birth and expiry each with its
    /// check digit (weights 7, 3, 1).
    Mrz,
}

/// Built-in detectors for what regexes cannot see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Detector {
    /// Runs of Capitalised words that name a person (`names.rs`).
    PersonName,
    /// Links in a comment that are unrelated to the City post it replies to
    /// (`moderation.rs`). Finds nothing when no post is given.
    UnrelatedLink,
    /// A comment that shares no content word with the City post it replies to
    /// (`moderation.rs`): the whole comment, or nothing when no post is given.
    OffTopic,
    /// City posts' mechanical errors ([city.g.accurate]; `accuracy.rs`):
    /// a word typed twice ("the the").
    RepeatedWord,
    /// "a" where the next word takes "an", or the reverse.
    Article,
    /// A word of the common-misspellings list (`src/misspellings.txt`).
    Misspelling,
    /// "could of" / "should of" / "would of" before a past participle.
    CouldOf,
    /// ",,", ";;" or ".." (not an ellipsis).
    DoubledPunctuation,
    /// A space before a comma, period or semicolon.
    SpaceBeforePunctuation,
    /// A bracket that is never closed or never opened.
    UnbalancedBracket,
    /// A learned scorer over the post's words (`crate::scorer`), its model in
    /// the signal's `[score]` table: one hit, on the sentence that weighs most,
    /// when the post's score passes the threshold.
    LinearScore,
}

/// A signal's learned model (`detector = "linear-score"`): written by
/// `examples/train_scorer.rs`, not by hand.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScoreDef {
    /// What the weights were trained on, and how (documentation).
    #[serde(default)]
    pub trained_on: String,
    /// The weights' hash bits: `2^bits` weights.
    pub bits: usize,
    pub bias: f64,
    /// A post scores a hit above this.
    pub threshold: f64,
    /// Each weight is its signed byte times `scale`.
    pub scale: f64,
    /// `2^bits` signed bytes, lowercase hex.
    pub weights: String,
}

/// What to look for. Patterns are regex templates over the matching view
/// (see `normalize.rs`): `{name}` expands to lexicon `name`, a space matches
/// any whitespace or a hyphen, `\b` and `\w` are ASCII. A named group `v` marks the part
/// that is reported (and validated and masked); otherwise the whole match.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SignalDef {
    #[serde(default)]
    pub description: String,
    /// The override list whose phrases are added to this signal's literals
    /// (at most one signal per list).
    #[serde(default)]
    pub extended_by: Option<OverrideList>,
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Literal phrases (matched as written, case-insensitively, on word boundaries).
    #[serde(default)]
    pub literal: Vec<String>,
    pub validate: Option<Validator>,
    /// A match is dropped if one of these matches just before it (within `window` bytes).
    #[serde(default)]
    pub not_preceded_by: Vec<String>,
    /// A match is dropped if one of these matches just after it (within `window` bytes).
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    #[serde(default = "default_window")]
    pub window: usize,
    /// For the `credential` validator: lexicon of words that are not secrets.
    pub stopwords: Option<String>,
    /// A built-in detector whose hits are added to the patterns' hits.
    pub detector: Option<Detector>,
    /// For the `person-name` detector: lexicon of first names (a sentence may start with one).
    pub first_names: Option<String>,
    /// For the `linear-score` detector: its model.
    pub score: Option<ScoreDef>,
    /// Roles whose posts this signal is searched in (empty: all). For phrases
    /// that identify the writer only in a role's context ("my squad").
    #[serde(default)]
    pub roles: Vec<Role>,
    /// A composed signal: it matches where every one of these signals has a
    /// hit in one sentence (or the `scope` it names), the hits together spanning at most `span` bytes
    /// of the matching view ("I" + "work" + "the wastewater plant", in any
    /// order and wording), and none of `none_of` has a hit in that sentence
    /// within `span` bytes of them.
    /// Its hit covers the chosen hits. The parts must be plain signals.
    #[serde(default)]
    pub all_of: Vec<String>,
    /// For `all_of`: signals that cancel a composed hit in its sentence.
    #[serde(default)]
    pub none_of: Vec<String>,
    /// For `all_of`: the most bytes the parts' hits may span together.
    #[serde(default = "default_span")]
    pub span: usize,
    /// For `all_of`: where the other parts may be, around a hit of the first,
    /// as for a rule: its `sentence` (the default), `nearby` (and the one
    /// before), `around` (and the ones just before and after: "the City has
    /// decided ... It's official."), or the `post` (still within `span` bytes).
    #[serde(default = "sentence_scope")]
    pub scope: Scope,
    /// Match the patterns' vowels also as the digits and symbols people type
    /// for them to slip past a word filter ("sh1t", "b!tch", "f*ck", "r3tard",
    /// "@sshole"): `engine::compile::evasions`. For lists of words that are
    /// never acceptable (obscenities, slurs), where the disguise changes
    /// nothing of what the word is.
    #[serde(default)]
    pub evasions: bool,
}

fn default_span() -> usize {
    120
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => Ok(vec![s]),
        OneOrMany::Many(v) if !v.is_empty() => Ok(v),
        OneOrMany::Many(_) => Err(serde::de::Error::custom("expected a signal name or a non-empty list of signal names")),
    }
}

fn default_window() -> usize {
    40
}

/// Where a rule's other signals must appear, relative to its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Anywhere in the post.
    #[default]
    Post,
    /// In the same sentence (or line) as the anchor.
    Sentence,
    /// In the anchor's sentence or the one before it ("Robert Hale, 82, was
    /// found in his basement. He was taken to Saint Marys").
    Nearby,
    /// In the anchor's sentence or the ones on both sides of it: a fact and
    /// whom it is about, in either order ("Guess who has six books on divorce
    /// on hold? Our pastor.").
    Around,
}

/// How the excerpt of a finding hides its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Mask {
    #[default]
    None,
    /// Every digit but the last four becomes `*`.
    Digits,
    /// Every character of the value becomes `*`.
    Value,
}

/// What fix a rule offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FixKind {
    #[default]
    None,
    /// Append the organisation's disclaimer to the end of the post.
    AppendDisclaimer,
    /// Delete the flagged text.
    Remove,
    /// The one certain correction of an `accuracy.rs` detector's error
    /// (the anchor signal's detector computes it); no fix when there is none.
    Correct,
}

/// One rule: how signals combine into a finding, and its documentation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub clause: String,
    /// Modes the rule applies in (empty: personal and city; a moderation rule
    /// must list "moderation", see `engine::rule_applies`).
    #[serde(default)]
    pub modes: Vec<Mode>,
    /// Roles the rule applies to (empty: all).
    #[serde(default)]
    pub roles: Vec<Role>,
    /// The signal (or signals) whose matches become findings.
    #[serde(deserialize_with = "one_or_many")]
    pub anchor: Vec<String>,
    /// Each of these signals must also match in scope (outside the anchor's span).
    #[serde(default)]
    pub requires: Vec<String>,
    /// Alternative to `requires`: the requirement also holds when none of
    /// these signals matches in scope. (A City employee speaking about their
    /// work needs the disclaimer even without a listed City topic, unless the
    /// post is about their private life.)
    #[serde(default)]
    pub requires_or_absent: Vec<String>,
    /// If any of these signals matches in scope, the anchor is not a finding.
    #[serde(default)]
    pub unless: Vec<String>,
    /// Where `requires` and `unless` must match, around each anchor hit: the
    /// `post` (the default), its `sentence`, `nearby` (that sentence and the
    /// one before) or `around` (that sentence and the ones on both sides).
    #[serde(default)]
    pub scope: Scope,
    /// May a `requires` match overlap the anchor? (A name inside "the victim,
    /// Jane Doe" counts; a City topic inside the self-identification does not.)
    #[serde(default)]
    pub requires_may_overlap: bool,
    /// Report only the first anchor (one finding per post).
    #[serde(default)]
    pub once: bool,
    /// Report only the first anchor in each sentence: one finding per fact
    /// ("on paid leave while HR looks into it" has two anchors and one fact).
    #[serde(default)]
    pub once_per_sentence: bool,
    #[serde(default)]
    pub mask: Mask,
    #[serde(default)]
    pub fix: FixKind,
    #[serde(default)]
    pub fix_label: Option<String>,
    /// One line: what the rule catches.
    pub summary: String,
    /// The finding's message: what is wrong and why. `{org}` and `{disclaimer}` expand.
    pub message: String,
    /// Longer documentation (shown by `postguard explain`, the demo page and the extension).
    pub explanation: String,
    /// A post the rule flags.
    pub example: String,
    /// A similar post the rule does not flag.
    pub counter_example: String,
    /// Context the examples are checked in (defaults: first listed mode and role).
    #[serde(default)]
    pub example_mode: Option<Mode>,
    #[serde(default)]
    pub example_role: Option<Role>,
    /// For moderation rules that need the post a comment replies to: the
    /// post the examples are checked against.
    #[serde(default)]
    pub example_context: Option<String>,
}

/// One statement the page check looks for in an account's About/bio text
/// (`[[page_statements]]`; see `src/page.rs`). The statement is present when,
/// for some hit of the first `requires` signal, every other `requires` signal
/// matches in its `scope` and no `unless` signal does. Each signal stands for
/// a concept (who posts, what the law makes of it, who may remove it ...),
/// so any wording of those concepts counts, not only the model sentence.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageStatementDef {
    /// Stable id, `page-statements.what`.
    pub id: String,
    pub clause: String,
    pub severity: Severity,
    /// Concept signals that must all match in one scope (the first one anchors it).
    pub requires: Vec<String>,
    /// Signals that cancel the statement in that scope ("not an official page").
    #[serde(default)]
    pub unless: Vec<String>,
    /// `sentence`, `nearby` (the anchor's sentence and the one before) or
    /// `around` (and the one after too); not `post`.
    #[serde(default = "sentence_scope")]
    pub scope: Scope,
    /// The model sentence the fix appends. A City replaces it in its own pack.
    pub model: String,
    pub fix_label: String,
    /// One line: what the statement is.
    pub summary: String,
    /// The finding's message when it is missing. `{org}` expands.
    pub message: String,
    pub explanation: String,
}

fn sentence_scope() -> Scope {
    Scope::Sentence
}

/// Adjustments to a pack: what City IT (or a user's settings) may change.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PackOverride {
    /// Extra organisation email domains (subdomains count too).
    #[serde(default)]
    pub email_domains: Vec<String>,
    /// Custom confidential terms, e.g. project code names.
    #[serde(default)]
    pub confidential_terms: Vec<String>,
    /// Extra accepted disclaimer phrasings.
    #[serde(default)]
    pub disclaimers: Vec<String>,
    /// Replace the disclaimer text the fix inserts.
    #[serde(default)]
    pub disclaimer_text: Option<String>,
    /// Rule ids to switch off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Rule id → new severity.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
}

/// A problem with a pack or override file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The field, as a path: `rules[3].severity`, `signals.ssn.patterns[1]`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if self.field.is_empty() {
            write!(f, ": {}", self.message)
        } else {
            write!(f, ": field `{}`: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for PackError {}

impl Pack {
    #[cfg(not(target_arch = "wasm32"))]
    /// Parse a one-file pack from TOML. `file` names it in errors. Clause
    /// texts not given in the pack's `[clauses]` table come from the embedded
    /// policy document.
    pub fn from_toml(source: &str, file: &str) -> Result<Pack, PackError> {
        Pack::parse_one(Cow::Owned(source.to_string()), file)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn parse_one(source: Cow<'static, str>, file: &str) -> Result<Pack, PackError> {
        let mut pack: Pack = toml::from_str(&source).map_err(|e| toml_error(&source, 0, file, &e))?;
        pack.source = PackSource { files: vec![SourceFile { name: file.to_string(), text: source, part: Part::Whole }] };
        pack.finish()
    }

    /// Read a pack directory (see the module documentation) from disk. Errors
    /// name the file under `dir`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_dir(dir: &std::path::Path) -> Result<Pack, PackError> {
        fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, Cow<'static, str>)>) -> Result<(), PackError> {
            let io = |p: &std::path::Path, e: std::io::Error| PackError { file: p.display().to_string(), line: None, column: None, field: String::new(), message: format!("cannot read: {e}") };
            let mut entries: Vec<_> = std::fs::read_dir(dir).map_err(|e| io(dir, e))?.collect::<Result<_, _>>().map_err(|e| io(dir, e))?;
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                let path = entry.path();
                if path.is_dir() {
                    walk(root, &path, out)?;
                } else if path.extension().is_some_and(|x| x == "toml") {
                    let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
                    let rel = path.strip_prefix(root).unwrap_or(&path);
                    let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                    out.push((rel.join("/"), Cow::Owned(text)));
                }
            }
            Ok(())
        }
        let mut files = Vec::new();
        walk(dir, dir, &mut files)?;
        let root = dir.display().to_string();
        Pack::from_files(root.trim_end_matches(['/', '\\']), "", files)
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// Build a pack from a pack directory's `.toml` files: each path relative
    /// to the directory (`/`-separated) and its text. `root` and `suffix`
    /// name the files in errors (`{root}/{path}{suffix}`).
    pub fn from_files(root: &str, suffix: &str, files: Vec<(String, Cow<'static, str>)>) -> Result<Pack, PackError> {
        let name = |path: &str| format!("{root}/{path}{suffix}");
        let plain = |file: String, message: String| PackError { file, line: None, column: None, field: String::new(), message };
        let top_text = files.iter().find(|(p, _)| p == "pack.toml").map(|(_, t)| t.clone()).ok_or_else(|| plain(name("pack.toml"), "missing: a pack directory needs a pack.toml ([pack], [organization], [index])".into()))?;
        let top: PackTop = toml::from_str(&top_text).map_err(|e| toml_error(&top_text, 0, &name("pack.toml"), &e))?;
        let mut source = vec![SourceFile { name: name("pack.toml"), text: top_text, part: Part::Top }];
        let mut lexicons = BTreeMap::new();
        let mut signals = BTreeMap::new();
        let mut rules = BTreeMap::new();
        let mut statements = BTreeMap::new();
        for (path, text) in files {
            let file = name(&path);
            let stem = |p: &str| p.strip_suffix(".toml").filter(|s| valid_name(s)).map(str::to_string);
            let parts: Vec<&str> = path.split('/').collect();
            match parts[..] {
                ["pack.toml"] => continue,
                ["lexicons", f] if stem(f).is_some() => {
                    let lex: LexiconFile = toml::from_str(&text).map_err(|e| toml_error(&text, 0, &file, &e))?;
                    let n = stem(f).unwrap_or_default();
                    lexicons.insert(n.clone(), lex.entries);
                    source.push(SourceFile { name: file, text, part: Part::Lexicon(n) });
                }
                ["signals", f] if stem(f).is_some() => {
                    let sig: SignalDef = toml::from_str(&text).map_err(|e| toml_error(&text, 0, &file, &e))?;
                    let n = stem(f).unwrap_or_default();
                    signals.insert(n.clone(), sig);
                    source.push(SourceFile { name: file, text, part: Part::Signal(n) });
                }
                ["rules", cat, f] if f.ends_with(".toml") => {
                    let what = &f[..f.len() - 5];
                    let id = format!("{cat}.{what}");
                    if !valid_rule_id(&id) || what.contains('.') {
                        return Err(plain(file, format!("`{id}` is not a rule id: name the file rules/<category>/<what>.toml, lowercase words joined by `-`")));
                    }
                    // The id and category come from the path: the file holds
                    // the rest. They are prepended to the text so that serde
                    // fills them, and error spans are shifted back.
                    if cat == Category::PageStatements.as_str() {
                        let prefix = format!("id = \"{id}\"\n");
                        let st: PageStatementDef = toml::from_str(&format!("{prefix}{text}")).map_err(|e| toml_error(&text, prefix.len(), &file, &e))?;
                        statements.insert(id.clone(), st);
                    } else {
                        if !Category::ALL.iter().any(|c| c.as_str() == cat) {
                            let all: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
                            return Err(plain(file, format!("`{cat}` is not a category; rules/ holds one folder per category: {}", all.join(", "))));
                        }
                        let prefix = format!("id = \"{id}\"\ncategory = \"{cat}\"\n");
                        let rule: RuleDef = toml::from_str(&format!("{prefix}{text}")).map_err(|e| toml_error(&text, prefix.len(), &file, &e))?;
                        rules.insert(id.clone(), rule);
                    }
                    source.push(SourceFile { name: file, text, part: Part::Rule(id) });
                }
                _ => {
                    return Err(plain(
                        file,
                        "not part of a pack: a pack directory holds pack.toml, rules/<category>/<what>.toml, signals/<name>.toml and lexicons/<name>.toml (lowercase names, `_` in signal and lexicon names, `-` in rule names)".into(),
                    ))
                }
            }
        }
        let top_file = &source[0];
        let index_err = |needle: &str, message: String| PackError { file: top_file.name.clone(), line: locate(&top_file.text, "index.rules", needle), column: None, field: "index.rules".into(), message };
        let mut pack = Pack {
            pack: top.pack,
            organization: top.organization,
            lexicons,
            signals,
            rules: Vec::new(),
            page_statements: Vec::new(),
            clauses: top.clauses,
            clause_order: Vec::new(),
            source: PackSource::default(),
        };
        for id in &top.index.rules {
            if let Some(r) = rules.remove(id) {
                pack.rules.push(r);
            } else if let Some(st) = statements.remove(id) {
                pack.page_statements.push(st);
            } else if pack.rules.iter().any(|r| &r.id == id) || pack.page_statements.iter().any(|p| &p.id == id) {
                return Err(index_err(&format!("\"{id}\""), format!("`{id}` is listed twice")));
            } else {
                let (cat, what) = id.split_once('.').unwrap_or((id, ""));
                return Err(index_err(&format!("\"{id}\""), format!("no rule `{id}`: there is no file rules/{cat}/{what}.toml")));
            }
        }
        if let Some(id) = rules.keys().chain(statements.keys()).next() {
            let (cat, what) = id.split_once('.').unwrap_or((id, ""));
            return Err(plain(name(&format!("rules/{cat}/{what}.toml")), format!("the rule `{id}` is not listed in pack.toml's `[index] rules`: add it where it belongs in the order")));
        }
        pack.source = PackSource { files: source };
        pack.finish()
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// Fill the clauses from the policy document when the pack lists none,
    /// then validate.
    fn finish(mut self) -> Result<Pack, PackError> {
        if self.clauses.is_empty() {
            self.clause_order = crate::policy_doc::parse_clauses(DEFAULT_POLICY_MD);
            self.clauses = self.clause_order.iter().map(|c| (c.id.clone(), c.text.clone())).collect();
        }
        self.validate()?;
        Ok(self)
    }

    /// An error about `field` (a path in the one-file form: `rules[3].clause`,
    /// `signals.ssn.patterns[1]`, `lexicons.role`), located in the file that
    /// holds it: its line is the first line holding `needle` after the start
    /// of the part, and the field is given relative to that file.
    pub fn error_at(&self, field: &str, needle: &str, message: String) -> PackError {
        let whole = self.source.files.iter().find(|f| f.part == Part::Whole);
        let (file, local) = match whole {
            Some(f) => (Some(f), field.to_string()),
            None => {
                let index = |list: &str| -> Option<(usize, String)> {
                    let rest = field.strip_prefix(list)?.strip_prefix('[')?;
                    let (i, rest) = rest.split_once(']')?;
                    Some((i.parse().ok()?, rest.trim_start_matches('.').to_string()))
                };
                let dotted = |list: &str| -> Option<(String, String)> {
                    let rest = field.strip_prefix(list)?;
                    let end = rest.find(['.', '[']).unwrap_or(rest.len());
                    Some((rest[..end].to_string(), rest[end..].trim_start_matches('.').to_string()))
                };
                let (part, local) = if let Some((i, rest)) = index("rules") {
                    (self.rules.get(i).map(|r| Part::Rule(r.id.clone())), rest)
                } else if let Some((i, rest)) = index("page_statements") {
                    (self.page_statements.get(i).map(|r| Part::Rule(r.id.clone())), rest)
                } else if let Some((n, rest)) = dotted("signals.") {
                    (Some(Part::Signal(n)), rest)
                } else if let Some((n, rest)) = dotted("lexicons.") {
                    (Some(Part::Lexicon(n)), format!("entries{rest}"))
                } else {
                    (Some(Part::Top), field.to_string())
                };
                (part.and_then(|p| self.source.files.iter().find(|f| f.part == p)), local)
            }
        };
        match file {
            Some(f) => PackError { file: f.name.clone(), line: locate(&f.text, &local, needle), column: None, field: local, message },
            None => PackError { file: String::new(), line: None, column: None, field: field.to_string(), message },
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// Check the pack's internal references (compiling patterns is checked
    /// by the engine, which reports through the same error type).
    fn validate(&self) -> Result<(), PackError> {
        let err = |field: String, needle: &str, message: String| self.error_at(&field, needle, message);
        if self.organization.disclaimer.trim().is_empty() {
            return Err(err("organization.disclaimer".into(), "disclaimer", "must not be empty".into()));
        }
        for (i, d) in self.organization.email_domains.iter().enumerate() {
            if let Err(m) = check_domain(d) {
                return Err(err(format!("organization.email_domains[{i}]"), d, m));
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, r) in self.rules.iter().enumerate() {
            let field = |name: &str| format!("rules[{i}].{name}");
            if !seen.insert(r.id.as_str()) {
                return Err(err(field("id"), &r.id, format!("duplicate rule id `{}`", r.id)));
            }
            if !valid_rule_id(&r.id) {
                return Err(err(field("id"), &r.id, format!("`{}` is not a rule id (lowercase words joined by `.` and `-`)", r.id)));
            }
            if !self.clauses.contains_key(&r.clause) {
                return Err(err(field("clause"), &r.clause, format!("unknown clause `{}`", r.clause)));
            }
            for (name, list) in [("anchor", &r.anchor[..]), ("requires", &r.requires[..]), ("requires_or_absent", &r.requires_or_absent[..]), ("unless", &r.unless[..])] {
                for s in list {
                    if !self.signals.contains_key(s) {
                        return Err(err(field(name), s, format!("unknown signal `{s}`")));
                    }
                }
            }
        }
        for (i, st) in self.page_statements.iter().enumerate() {
            let field = |name: &str| format!("page_statements[{i}].{name}");
            if !seen.insert(st.id.as_str()) {
                return Err(err(field("id"), &st.id, format!("duplicate rule id `{}`", st.id)));
            }
            if !valid_rule_id(&st.id) {
                return Err(err(field("id"), &st.id, format!("`{}` is not a rule id (lowercase words joined by `.` and `-`)", st.id)));
            }
            if !self.clauses.contains_key(&st.clause) {
                return Err(err(field("clause"), &st.clause, format!("unknown clause `{}`", st.clause)));
            }
            if st.requires.is_empty() {
                return Err(err(field("requires"), "requires", "must name at least one signal".into()));
            }
            if st.scope == Scope::Post {
                return Err(err(field("scope"), "scope", "must be `sentence`, `nearby` or `around` (a statement is a sentence or two)".into()));
            }
            if st.model.trim().is_empty() {
                return Err(err(field("model"), "model", "must not be empty: it is the sentence the fix adds".into()));
            }
            for (name, list) in [("requires", &st.requires[..]), ("unless", &st.unless[..])] {
                for s in list {
                    if !self.signals.contains_key(s) {
                        return Err(err(field(name), s, format!("unknown signal `{s}`")));
                    }
                }
            }
        }
        for (name, s) in &self.signals {
            if s.all_of.is_empty() && !s.none_of.is_empty() {
                return Err(err(format!("signals.{name}.none_of"), "none_of", "`none_of` needs `all_of`".to_string()));
            }
            if s.all_of.is_empty() && s.scope != Scope::Sentence {
                return Err(err(format!("signals.{name}.scope"), "scope", "`scope` is for composed signals (`all_of`): a plain signal's patterns say where they match".to_string()));
            }
            let own = !s.patterns.is_empty() || !s.literal.is_empty() || s.detector.is_some() || s.validate.is_some() || !s.not_preceded_by.is_empty() || !s.not_followed_by.is_empty();
            if !s.all_of.is_empty() && own {
                return Err(err(format!("signals.{name}.all_of"), "all_of", "a composed signal (`all_of`) has no patterns, literals, detector, validator or guards of its own (put guards on its parts)".to_string()));
            }
            for (key, list) in [("all_of", &s.all_of), ("none_of", &s.none_of)] {
                for part in list {
                    match self.signals.get(part) {
                        None => return Err(err(format!("signals.{name}.{key}"), part, format!("unknown signal `{part}`"))),
                        Some(p) if !p.all_of.is_empty() => {
                            return Err(err(format!("signals.{name}.{key}"), part, format!("`{part}` is itself composed; the parts of a composed signal must be plain signals")))
                        }
                        Some(_) => {}
                    }
                }
            }
            for (key, lex) in [("stopwords", &s.stopwords), ("first_names", &s.first_names)] {
                if let Some(sw) = lex {
                    if !self.lexicons.contains_key(sw) {
                        return Err(err(format!("signals.{name}.{key}"), sw, format!("unknown lexicon `{sw}`")));
                    }
                }
            }
            match (&s.score, s.detector) {
                (Some(sc), Some(Detector::LinearScore)) => {
                    if let Err(e) = crate::scorer::Model::from_parts(sc.bits, sc.bias, sc.threshold, sc.scale, &sc.weights) {
                        return Err(err(format!("signals.{name}.score"), "score", e.0));
                    }
                }
                (None, Some(Detector::LinearScore)) => return Err(err(format!("signals.{name}.detector"), "linear-score", "the `linear-score` detector needs a `[score]` table (examples/train_scorer.rs writes it)".to_string())),
                (Some(_), _) => return Err(err(format!("signals.{name}.score"), "score", "a `[score]` table is for the `linear-score` detector".to_string())),
                (None, _) => {}
            }
            if let Some(list) = s.extended_by {
                if let Some((other, _)) = self.signals.iter().find(|(n, o)| *n != name && o.extended_by == Some(list)) {
                    if other < name {
                        return Err(err(format!("signals.{name}.extended_by"), "extended_by", format!("`{}` already extends signal `{other}`; one signal takes an override list", list.as_str())));
                    }
                }
            }
        }
        Ok(())
    }

    /// The signal an override list adds its phrases to (`extended_by`).
    pub fn extended_by(&self, list: OverrideList) -> Option<&str> {
        self.signals.iter().find(|(_, s)| s.extended_by == Some(list)).map(|(n, _)| n.as_str())
    }

    /// Apply an override. `file` names it in errors.
    pub fn apply(&mut self, o: &PackOverride, file: &str) -> Result<(), PackError> {
        let err = |field: String, message: String| PackError { file: file.to_string(), line: None, column: None, field, message };
        for (field, len, max) in [
            ("email_domains", o.email_domains.len(), MAX_OVERRIDE_DOMAINS),
            ("confidential_terms", o.confidential_terms.len(), MAX_OVERRIDE_TERMS),
            ("disclaimers", o.disclaimers.len(), MAX_OVERRIDE_TERMS),
            ("disable", o.disable.len(), MAX_OVERRIDE_TERMS),
        ] {
            if len > max {
                return Err(err(field.into(), format!("has {len} entries; at most {max} are allowed")));
            }
        }
        for (i, d) in o.email_domains.iter().enumerate() {
            let d = d.trim().trim_start_matches('@').to_ascii_lowercase();
            check_domain(&d).map_err(|m| err(format!("email_domains[{i}]"), m))?;
            if !self.organization.email_domains.contains(&d) {
                self.organization.email_domains.push(d);
            }
        }
        for (list, field) in [(OverrideList::ConfidentialTerms, &o.confidential_terms), (OverrideList::Disclaimers, &o.disclaimers)] {
            let (field, list, signal) = (list.as_str(), field, self.extended_by(list).map(str::to_string));
            for (i, t) in list.iter().enumerate() {
                if t.trim().chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                    return Err(err(format!("{field}[{i}]"), "must contain at least two letters or digits".into()));
                }
                if t.len() > 500 {
                    return Err(err(format!("{field}[{i}]"), "is longer than 500 bytes".into()));
                }
            }
            let bytes: usize = list.iter().map(|t| t.len()).sum();
            if bytes > MAX_OVERRIDE_LIST_BYTES {
                return Err(err(field.into(), format!("holds {bytes} bytes in all; at most {MAX_OVERRIDE_LIST_BYTES} are allowed")));
            }
            if !list.is_empty() {
                let sig = signal
                    .and_then(|s| self.signals.get_mut(&s))
                    .ok_or_else(|| err(field.into(), format!("this pack has no signal to extend (a signal with `extended_by = \"{field}\"`)")))?;
                sig.literal.extend(list.iter().map(|t| t.trim().to_string()));
            }
        }
        if let Some(d) = &o.disclaimer_text {
            if d.trim().is_empty() {
                return Err(err("disclaimer_text".into(), "must not be empty".into()));
            }
            self.organization.disclaimer = d.trim().to_string();
            // The configured disclaimer always counts as a disclaimer.
            if let Some(sig) = self.extended_by(OverrideList::Disclaimers).map(str::to_string).and_then(|s| self.signals.get_mut(&s)) {
                sig.literal.push(self.organization.disclaimer.clone());
            }
        }
        for (i, id) in o.disable.iter().enumerate() {
            if !self.rules.iter().any(|r| &r.id == id) && !self.page_statements.iter().any(|p| &p.id == id) {
                return Err(err(format!("disable[{i}]"), format!("unknown rule `{id}`")));
            }
        }
        self.rules.retain(|r| !o.disable.contains(&r.id));
        self.page_statements.retain(|p| !o.disable.contains(&p.id));
        for (id, sev) in &o.severity {
            let page = self.page_statements.iter_mut().find(|p| &p.id == id).map(|p| &mut p.severity);
            match self.rules.iter_mut().find(|r| &r.id == id).map(|r| &mut r.severity).or(page) {
                Some(r) => *r = *sev,
                None if o.disable.contains(id) => {}
                None => return Err(err(format!("severity.{id}"), format!("unknown rule `{id}`"))),
            }
        }
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl PackOverride {
    /// Parse an override file (TOML).
    pub fn from_toml(source: &str, file: &str) -> Result<PackOverride, PackError> {
        toml::from_str(source).map_err(|e| toml_error(source, 0, file, &e))
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// Does this TOML look like a whole pack (rather than an override)?
pub fn looks_like_pack(source: &str) -> bool {
    // A pack has top-level keys an override never has, however it spells
    // them (`[pack]`, `pack = { ... }`, `[[ rules ]]`, `signals.x.patterns`).
    const PACK_KEYS: [&str; 6] = ["pack", "organization", "lexicons", "signals", "rules", "clauses"];
    match toml::from_str::<toml::Table>(source) {
        Ok(table) => table.keys().any(|k| PACK_KEYS.contains(&k.as_str())),
        // Not valid TOML: guess from the table headers, so the error comes
        // from the parser the author meant.
        Err(_) => source.lines().any(|l| {
            let l: String = l.chars().filter(|c| !c.is_whitespace()).collect();
            PACK_KEYS.iter().any(|k| l == format!("[{k}]") || l.starts_with(&format!("[{k}.")) || l.starts_with(&format!("[[{k}]]")))
        }),
    }
}

fn check_domain(d: &str) -> Result<(), String> {
    let ok = !d.is_empty()
        && d.len() <= 253
        && d.contains('.')
        && d.split('.').all(|l| {
            !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-') && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    if ok {
        Ok(())
    } else {
        Err(format!("`{d}` is not a lowercase domain name like `example.gov`"))
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// A signal or lexicon name: what `{name}` may refer to.
fn valid_name(n: &str) -> bool {
    n.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b == b'_') && n.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(not(target_arch = "wasm32"))]
fn valid_rule_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-') && !id.starts_with('.') && !id.ends_with('.')
}

#[cfg(not(target_arch = "wasm32"))]
/// Turn a TOML error into a [`PackError`] with the line, column and the
/// field path (`rules[3].modes`) worked out from the source.
///
/// `skip` bytes were prepended to `source` before parsing (a rule file's id
/// and category, which come from its path): spans are shifted back by as
/// much, and one inside them is a key the file must not set.
fn toml_error(source: &str, skip: usize, file: &str, e: &toml::de::Error) -> PackError {
    let (line, column, field) = match e.span() {
        Some(span) if span.start >= skip => {
            let start = span.start - skip;
            let (line, col) = line_col(source, start);
            (Some(line), Some(col), field_at(source, start))
        }
        Some(_) => {
            let message = "`id` and `category` come from the file's path (rules/<category>/<what>.toml); remove them".to_string();
            let line = source.lines().position(|l| l.starts_with("id") || l.starts_with("category")).map(|i| i + 1);
            return PackError { file: file.to_string(), line, column: None, field: String::new(), message };
        }
        None => (None, None, String::new()),
    };
    let mut message = e.message().trim().to_string();
    if message.is_empty() {
        message = e.to_string();
    }
    if skip > 0 && message.starts_with("duplicate key") && (field == "id" || field == "category") {
        message = "`id` and `category` come from the file's path (rules/<category>/<what>.toml); remove them".to_string();
    }
    PackError { file: file.to_string(), line, column, field, message }
}


#[cfg(not(target_arch = "wasm32"))]
fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}

#[cfg(not(target_arch = "wasm32"))]
/// The dotted path of the key at `offset`: the enclosing table header (with
/// array-of-tables indices) plus the key on that line.
fn field_at(source: &str, offset: usize) -> String {
    let mut table = String::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut pos = 0;
    let mut key = String::new();
    for line in source.split_inclusive('\n') {
        let t = line.trim();
        if pos > offset {
            break;
        }
        if let Some(name) = t.strip_prefix("[[").and_then(|r| r.split("]]").next()) {
            let name = name.trim().to_string();
            let n = counts.entry(name.clone()).or_insert(0);
            table = format!("{name}[{n}]");
            *n += 1;
            key.clear();
        } else if let Some(name) = t.strip_prefix('[').and_then(|r| r.split(']').next()) {
            table = name.trim().to_string();
            key.clear();
        } else if let Some((k, _)) = t.split_once('=') {
            if !t.starts_with('#') {
                key = k.trim().trim_matches('"').to_string();
            }
        }
        pos += line.len();
    }
    match (table.is_empty(), key.is_empty()) {
        (true, _) => key,
        (false, true) => table,
        (false, false) => format!("{table}.{key}"),
    }
}

/// Best-effort line of a field in the source: find the table or rule the
/// path names, then the first line after it containing `needle`.
pub(crate) fn locate(source: &str, field: &str, needle: &str) -> Option<usize> {
    let lines: Vec<&str> = source.lines().collect();
    let mut start = 0;
    let array = ["rules", "page_statements"].into_iter().find_map(|a| field.strip_prefix(a).and_then(|r| r.strip_prefix('[')).map(|r| (a, r)));
    if let Some((array, rest)) = array {
        let idx: usize = rest.split(']').next()?.parse().ok()?;
        let header = format!("[[{array}]]");
        let mut n = 0;
        for (i, l) in lines.iter().enumerate() {
            if l.trim() == header {
                if n == idx {
                    start = i;
                    break;
                }
                n += 1;
            }
        }
    } else if let Some(rest) = field.strip_prefix("signals.") {
        let name = rest.split('.').next()?;
        let header = format!("[signals.{name}]");
        start = lines.iter().position(|l| l.trim() == header).unwrap_or(0);
    } else if let Some(rest) = field.strip_prefix("lexicons.") {
        let name = rest.split(['.', '[']).next()?;
        start = lines.iter().position(|l| l.trim_start().starts_with(&format!("{name} ="))).unwrap_or(0);
    }
    let probe: String = needle.chars().take(40).collect();
    if probe.is_empty() {
        return Some(start + 1);
    }
    lines.iter().enumerate().skip(start).find(|(_, l)| l.contains(&probe)).map(|(i, _)| i + 1).or(Some(start + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pack_is_recognised_however_its_tables_are_written() {
        for pack in ["[pack]\nname = 'x'", "[ pack ]\nname = 'x'", "pack = { name = 'x' }", "[[ rules ]]\nid = 'a'", "signals.word.patterns = ['x']", "[signals.word]\npatterns = ['x'"] {
            assert!(looks_like_pack(pack), "{pack}");
        }
        for o in ["email_domains = ['x.gov']", "disable = []\n[severity]\n'conduct.attack' = 'info'", "confidential_terms = ['pack']", ""] {
            assert!(!looks_like_pack(o), "{o}");
        }
    }

    #[test]
    fn embedded_pack_loads() {
        let p = Pack::rochester();
        assert!(p.organization.email_domains.contains(&"rochestermn.gov".to_string()));
        assert!(!p.rules.is_empty());
    }

    #[test]
    fn syntax_error_names_line_and_field() {
        let src = "[pack]\nname = \"x\"\nversion = \"1\"\npolicy = \"p\"\n[organization]\nname = \"X\"\nemail_domains = \"x.gov\"\ndisclaimer = \"d\"\n";
        let e = Pack::from_toml(src, "my.toml").unwrap_err();
        assert_eq!(e.file, "my.toml");
        assert_eq!(e.line, Some(7));
        assert_eq!(e.field, "organization.email_domains");
        assert!(e.to_string().starts_with("my.toml:7:"), "{e}");
    }

    #[test]
    fn unknown_field_is_named() {
        let e = PackOverride::from_toml("email_domain = [\"x.gov\"]\n", "o.toml").unwrap_err();
        assert!(e.message.contains("email_domain"), "{}", e.message);
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn override_rejects_unknown_rule_and_bad_domain() {
        let mut p = Pack::rochester();
        let o = PackOverride { disable: vec!["nope.rule".into()], ..Default::default() };
        let e = p.apply(&o, "o.toml").unwrap_err();
        assert_eq!(e.field, "disable[0]");
        let o = PackOverride { email_domains: vec!["not a domain".into()], ..Default::default() };
        let e = p.apply(&o, "o.toml").unwrap_err();
        assert_eq!(e.field, "email_domains[0]");
    }

    #[test]
    fn override_adds_and_disables() {
        let mut p = Pack::rochester();
        let first = p.rules[0].id.clone();
        let o = PackOverride {
            email_domains: vec!["@Example.GOV".into()],
            disable: vec![first.clone()],
            ..Default::default()
        };
        p.apply(&o, "o").unwrap();
        assert!(p.organization.email_domains.contains(&"example.gov".to_string()));
        assert!(!p.rules.iter().any(|r| r.id == first));
    }
}
