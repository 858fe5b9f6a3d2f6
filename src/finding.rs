//! The finding type: the contract between the engine and every front end
//! (CLI, wasm API, demo page, extension). See ARCHITECTURE.md.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of policy problem a finding is. A fixed, documented set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Personal mode: identifies as a City Representative, speaks about City
    /// business, and has no disclaimer ([personal.disclaimer]).
    Disclaimer,
    /// Personal mode: a City email address in the post ([city.g.email]).
    CityEmail,
    /// Both modes: not-public data under the MN Government Data Practices Act.
    Confidential,
    /// Personal mode: claims to state the City's position ([personal.brand]).
    OfficialPosition,
    /// Both modes: threats, harassment, obscenity, slurs, personal attacks.
    Conduct,
    /// City mode: partisan views or campaign support ([city.g.partisan]).
    Political,
    /// City mode: promoting a product, service or company ([moderation.endorsement]).
    Endorsement,
    /// City mode: personal opinions on an official account ([city.no-personal-use]).
    PersonalViews,
    /// Council role: deliberating a pending matter in public ([city.g.open-meeting]).
    OpenMeeting,
    /// Page check: a City account's About/bio text lacks a statement the
    /// policy requires ([city.marked], [city.g.open-records],
    /// [city.g.visitor-opinions], [city.g.removal]; `src/page.rs`).
    PageStatements,
    /// Moderation mode: a public comment on a City account that may be one of
    /// the kinds the policy lets staff remove ([moderation.2]); for review.
    Moderation,
    /// City mode: a mechanical error on an official account, a word typed
    /// twice, a misspelling, "a" for "an" ([city.g.accurate]; `src/accuracy.rs`).
    Accuracy,
}

impl Category {
    /// Every category, in documentation order.
    pub const ALL: [Category; 12] = [
        Category::Disclaimer,
        Category::CityEmail,
        Category::Confidential,
        Category::OfficialPosition,
        Category::Conduct,
        Category::Political,
        Category::Endorsement,
        Category::PersonalViews,
        Category::OpenMeeting,
        Category::PageStatements,
        Category::Moderation,
        Category::Accuracy,
    ];

    /// The category's name as used in JSON and the `data-postguard-findings` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Disclaimer => "disclaimer",
            Category::CityEmail => "city-email",
            Category::Confidential => "confidential",
            Category::OfficialPosition => "official-position",
            Category::Conduct => "conduct",
            Category::Political => "political",
            Category::Endorsement => "endorsement",
            Category::PersonalViews => "personal-views",
            Category::OpenMeeting => "open-meeting",
            Category::PageStatements => "page-statements",
            Category::Moderation => "moderation",
            Category::Accuracy => "accuracy",
        }
    }

    /// The category's name as people read it: the demo page, the extension's
    /// card and the audit report all show this one wording (`src/vocab.rs`).
    pub fn label(self) -> &'static str {
        match self {
            Category::Disclaimer => "Disclaimer needed",
            Category::CityEmail => "City email address",
            Category::Confidential => "Confidential data",
            Category::OfficialPosition => "Speaking for the City",
            Category::Conduct => "Conduct",
            Category::Political => "Political content",
            Category::Endorsement => "Endorsement",
            Category::PersonalViews => "Personal views",
            Category::OpenMeeting => "Open meeting law",
            Category::PageStatements => "Page statements",
            Category::Moderation => "Comment moderation",
            Category::Accuracy => "Accuracy",
        }
    }

    /// Parse a category name.
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// Most serious first: the order in which front ends list findings.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "Info",
            Severity::Warning => "Warning",
            Severity::Error => "Error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whose account the post is written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// A City Representative on their own personal account.
    #[default]
    Personal,
    /// Staff posting on an official City account.
    City,
    /// Staff reviewing other people's public comments on a City account's
    /// posts ([moderation.*]): only `moderation` rules run.
    Moderation,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Personal, Mode::City, Mode::Moderation];
    /// The modes one writes one's own posts in (moderation reviews others' comments).
    pub const POSTING: [Mode; 2] = [Mode::Personal, Mode::City];
    /// How the mode is named to people.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Personal => "Personal account",
            Mode::City => "City account",
            Mode::Moderation => "Moderating comments",
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Personal => "personal",
            Mode::City => "city",
            Mode::Moderation => "moderation",
        }
    }
    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// The writer's relationship to the City.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Staff,
    /// Rochester Police Department employee ([police.1]).
    Police,
    /// Council, board, commission or committee member.
    Council,
    Volunteer,
    Contractor,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Staff, Role::Police, Role::Council, Role::Volunteer, Role::Contractor];
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Police => "police",
            Role::Council => "council",
            Role::Volunteer => "volunteer",
            Role::Contractor => "contractor",
        }
    }
    /// How the role is named to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Staff => "City staff",
            Role::Police => "Police department",
            Role::Council => "Council member",
            Role::Volunteer => "Volunteer or board member",
            Role::Contractor => "Contractor or agent",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// What the check needs to know about the writer and the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Context {
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub role: Role,
}

/// One text edit. Offsets are into the checked text, in both UTF-16 code
/// units (`start`, `end`: JavaScript indices) and UTF-8 bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub replacement: String,
}

/// A suggested fix: apply all of its edits (last to first; they never overlap).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub label: String,
    pub edits: Vec<Edit>,
}

/// One place where a post breaks the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, e.g. `disclaimer.missing`.
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    /// The policy clause id the rule cites, e.g. `personal.disclaimer`.
    pub clause: String,
    /// Plain English: what is wrong and why.
    pub message: String,
    /// Span in UTF-16 code units.
    pub start: usize,
    pub end: usize,
    /// Span in UTF-8 bytes.
    pub byte_start: usize,
    pub byte_end: usize,
    /// The flagged text, with confidential values masked.
    pub excerpt: String,
    pub fixes: Vec<Fix>,
}

/// Apply one fix to `text` (UTF-8 byte offsets), returning the new text.
/// Edits that do not fall on character boundaries are skipped.
pub fn apply_fix(text: &str, fix: &Fix) -> String {
    let mut edits: Vec<&Edit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.byte_start));
    let mut out = text.to_string();
    for e in edits {
        if e.byte_start <= e.byte_end
            && e.byte_end <= out.len()
            && out.is_char_boundary(e.byte_start)
            && out.is_char_boundary(e.byte_end)
        {
            out.replace_range(e.byte_start..e.byte_end, &e.replacement);
        }
    }
    out
}
