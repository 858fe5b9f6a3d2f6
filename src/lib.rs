//! PostGuard: checks social media posts against a public employer's social
//! media policy, by default the City of Rochester, Minnesota's (Resolution
//! No. 189-17), and says precisely where a post breaks it, citing the clause.
//!
//! ```
//! use postguard::{Checker, Context, Mode};
//! let checker = Checker::rochester();
//! let post = "As a City of Rochester snowplow driver I can tell you the new routes are a mess. \
//!             Email me at jdoe@rochestermn.gov";
//! let findings = checker.check(post, &Context { mode: Mode::Personal, ..Context::default() });
//! let cats: Vec<_> = findings.iter().map(|f| f.category.as_str()).collect();
//! assert_eq!(cats, ["disclaimer", "city-email"]);
//! ```
//!
//! The parts (see ARCHITECTURE.md): [`normalize`] folds text into the
//! matching view; [`pack`] reads policy packs; [`engine`] compiles a pack and
//! runs checks; [`validate`] holds the number and secret validators;
//! [`finding`] is the output contract; [`page`] checks a City account's
//! About/bio text for the statements the policy requires; [`accuracy`] finds
//! mechanical errors in City posts. `wasm` (wasm32 only) is the
//! JavaScript API.

pub mod accuracy;
pub mod embedded;
pub mod engine;
pub mod detect;
pub mod finding;
pub mod moderation;
pub mod names;
pub mod normalize;
pub mod pack;
pub mod pack_bin;
#[doc(hidden)]
pub mod pack_join;
pub mod page;
pub mod policy_doc;
pub mod scorer;
pub mod unicode_tables;
pub mod validate;
/// Writes the names (categories, severities, modes, roles) out for the
/// JavaScript front ends; native only (the wasm carries none of it).
#[cfg(not(target_arch = "wasm32"))]
pub mod vocab;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::{Checker, RuleInfo, RuleTrace, Scratch, ScoreTrace};
pub use finding::{apply_fix, Category, Context, Edit, Finding, Fix, Mode, Role, Severity};
pub use pack::{Pack, PackError, PackOverride};
pub use page::PageStatementInfo;
pub use policy_doc::Clause;

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
