//! `postguard`: the command-line checker.
//!
//! ```text
//! postguard check [FILE|-] [--mode personal|city|moderation] [--context FILE] [--role ROLE] [--policy FILE] [--format human|json]
//! postguard check --jsonl [FILE|-]      one JSON object per line in, one per line out
//! postguard page-check [FILE|-] [--policy FILE] [--format human|json]
//!                                       a City account's About/bio text: the statements it lacks (src/page.rs)
//! postguard rules                       every rule with its clause and an example
//! postguard explain RULE                a rule's documentation
//! postguard audit PATH... [--format jsonl|csv|html] [--out FILE] [--since DATE] [--until DATE]
//!                                       every item of platform exports (src/audit/)
//! ```
//!
//! Exit status: 0 clean (or only warnings and info), 1 findings of severity
//! error, 2 usage or input errors.

use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::{ColorChoice, StandardStream}};
use postguard::{Checker, Context, Finding, Mode, Role, Scratch, Severity};
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

mod audit;

#[derive(Parser)]
#[command(name = "postguard", version, about = "Checks social media posts against the City of Rochester (MN) Social Media Policy.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a post (a file, or standard input with `-` or no argument).
    Check {
        /// The post to check; `-` or nothing reads standard input.
        file: Option<String>,
        #[command(flatten)]
        post: PostArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Read one JSON object per line ({"id", "text", "mode", "role", "context"}) and write one result per line.
        #[arg(long, conflicts_with = "format")]
        jsonl: bool,
        /// Moderation mode: a file with the text of the City post the comment
        /// replies to (to judge whether its links are related to it).
        #[arg(long, value_name = "FILE", conflicts_with = "jsonl")]
        context: Option<String>,
        /// Also print every signal's hits (for policy pack authors).
        #[arg(long)]
        trace: bool,
        /// Colour: auto, always or never.
        #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
        color: ColorArg,
    },
    /// Check everything an account posted, from the platforms' own exports.
    ///
    /// Each PATH is a folder, .zip or .tar.gz of an X archive, a Facebook or
    /// Instagram "Download your information" export (JSON), a LinkedIn data
    /// export or a Mastodon archive; or a JSONL or CSV file (a "text" column).
    /// Recognised by their contents, never by their names. The account's own
    /// items; with --mode city (or --mode moderation), others' comments on
    /// the account's posts in JSONL/CSV exports (a "mode" of "moderation", or
    /// a "kind" of "comment" by someone else) are checked in moderation mode
    /// and reported "for review".
    Audit {
        /// Exports to read (folders, .zip, .tar.gz, .jsonl, .csv).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<String>,
        /// jsonl: one line per item; csv: one row per finding; html: a report to read and print.
        #[arg(long, value_enum, default_value_t = AuditFormat::Jsonl)]
        format: AuditFormat,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<String>,
        #[command(flatten)]
        post: PostArgs,
        /// Only items from this date on (YYYY-MM-DD, UTC, or ISO 8601).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only items up to this date, inclusive (YYYY-MM-DD, UTC, or ISO 8601).
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
    },
    /// Check a City account's About/bio text for the statements the policy
    /// requires on every City page (City marking, public records, visitors'
    /// opinions, removal of comments): one finding per missing statement.
    PageCheck {
        /// The About/bio text; `-` or nothing reads standard input.
        file: Option<String>,
        /// A policy pack (a directory like policy/rochester, or one TOML file), or an override file for the embedded Rochester pack.
        #[arg(long, value_name = "FILE")]
        policy: Option<String>,
        /// Output format (json: the list of findings).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also print where each statement was found (for policy pack authors).
        #[arg(long)]
        trace: bool,
        /// Colour: auto, always or never.
        #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
        color: ColorArg,
    },
    /// List every rule with its clause and an example.
    Rules {
        #[arg(long, value_name = "FILE")]
        policy: Option<String>,
    },
    /// Print a rule's documentation.
    Explain {
        /// A rule id, e.g. disclaimer.missing.
        rule: String,
        #[arg(long, value_name = "FILE")]
        policy: Option<String>,
    },
}

/// Who writes, where, and under which policy: shared by `check` and `audit`.
#[derive(Args)]
struct PostArgs {
    /// Whose account the post is for.
    #[arg(long, value_enum, default_value_t = ModeArg::Personal)]
    mode: ModeArg,
    /// The writer's role.
    #[arg(long, value_enum, default_value_t = RoleArg::Staff)]
    role: RoleArg,
    /// A policy pack (a directory like policy/rochester, or one TOML file), or an override file for the embedded Rochester pack.
    #[arg(long, value_name = "FILE")]
    policy: Option<String>,
}

impl PostArgs {
    fn context(&self) -> Context {
        Context { mode: self.mode.into(), role: self.role.into() }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ModeArg {
    Personal,
    City,
    /// Others' public comments on a City account's posts ([moderation.*]).
    Moderation,
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Staff,
    Police,
    Council,
    Volunteer,
    Contractor,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum AuditFormat {
    Jsonl,
    Csv,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Mode {
        match m {
            ModeArg::Personal => Mode::Personal,
            ModeArg::City => Mode::City,
            ModeArg::Moderation => Mode::Moderation,
        }
    }
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Staff => Role::Staff,
            RoleArg::Police => Role::Police,
            RoleArg::Council => Role::Council,
            RoleArg::Volunteer => Role::Volunteer,
            RoleArg::Contractor => Role::Contractor,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("postguard: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check { file, post, format, jsonl, trace, color, context } => {
            let checker = load_checker(post.policy.as_deref())?;
            let ctx = post.context();
            let name = file.clone().filter(|f| f != "-").unwrap_or_else(|| "<stdin>".into());
            if jsonl {
                return run_jsonl(&checker, ctx, file.as_deref());
            }
            let text = read_input(file.as_deref())?;
            let findings = match &context {
                Some(path) if ctx.mode == Mode::Moderation => {
                    let post = std::fs::read_to_string(path).map_err(|e| format!("cannot read --context file {path}: {e}"))?;
                    checker.check_comment(&text, Some(&post), &ctx)
                }
                Some(_) => return Err("--context is the City post a comment replies to: use it with --mode moderation".into()),
                None => checker.check(&text, &ctx),
            };
            if trace {
                for (signal, hit) in checker.trace(&text, &ctx) {
                    eprintln!("signal {signal:<24} {hit:?}");
                }
                for s in checker.scores(&text, 8) {
                    let features: Vec<String> = s.features.iter().map(|(w, x)| format!("{x:+.2} {w:?}")).collect();
                    eprintln!("score  {:<24} {:.2} ({} the threshold {:.2}): {}", s.signal, s.score, if s.score > s.threshold { "above" } else { "not above" }, s.threshold, features.join(", "));
                }
                for t in checker.explain(&text, &ctx) {
                    match (&t.anchor, &t.scope) {
                        (Some(a), Some(scope)) => eprintln!("rule   {:<32} anchor {a:?} in {}: {}", t.rule, if scope == "post" { "the post".to_string() } else { format!("{scope:?}") }, t.outcome),
                        _ => eprintln!("rule   {:<32} {}", t.rule, t.outcome),
                    }
                }
            }
            match format {
                Format::Json => {
                    let out = serde_json::to_string_pretty(&findings).map_err(|e| e.to_string())?;
                    println!("{out}");
                }
                Format::Human => render_human(&checker, &name, &text, &findings, color)?,
            }
            Ok(exit_for(&findings))
        }
        Command::Audit { paths, format, out, post, since, until } => {
            let checker = load_checker(post.policy.as_deref())?;
            let format = match format {
                AuditFormat::Jsonl => audit::OutFormat::Jsonl,
                AuditFormat::Csv => audit::OutFormat::Csv,
                AuditFormat::Html => audit::OutFormat::Html,
            };
            let ctx = post.context();
            audit::run(&checker, audit::Options { paths, format, out, ctx, since, until })
        }
        Command::PageCheck { file, policy, format, trace, color } => run_page_check(file.as_deref(), policy.as_deref(), format, trace, color),
        Command::Rules { policy } => {
            let checker = load_checker(policy.as_deref())?;
            let mut out = io::stdout().lock();
            for r in checker.rules() {
                let scope = describe_scope(&r.modes, &r.roles);
                let _ = writeln!(out, "{:<32} {:<18} {:<8} [{}]{}", r.id, r.category.as_str(), r.severity.as_str(), r.clause, scope);
                let _ = writeln!(out, "    {}", r.summary);
                let _ = writeln!(out, "    e.g. {}", r.example);
            }
            // The page check's statements (`postguard page-check`).
            for p in checker.page_statements() {
                let _ = writeln!(out, "{:<32} {:<18} {:<8} [{}] page-check", p.id, p.category.as_str(), p.severity.as_str(), p.clause);
                let _ = writeln!(out, "    {}", p.summary);
                let _ = writeln!(out, "    fix adds: {}", p.model);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule, policy } => {
            let checker = load_checker(policy.as_deref())?;
            let rules = checker.rules();
            if let Some(p) = checker.page_statements().into_iter().find(|p| p.id == rule) {
                let mut out = io::stdout().lock();
                let _ = writeln!(out, "{} ({}, {})\n", p.id, p.category.as_str(), p.severity.as_str());
                let _ = writeln!(out, "What it does\n    {}\n", p.summary);
                let _ = writeln!(out, "Why\n    {}\n", wrap(p.explanation.trim(), 76, "    "));
                let _ = writeln!(out, "Applies\n    to a City account's About/bio text (postguard page-check)\n");
                let _ = writeln!(out, "Fix\n    {}, which adds:\n    {}\n", p.fix, wrap(&p.model, 76, "    "));
                if let Some(c) = checker.clause(&p.clause) {
                    let _ = writeln!(out, "Policy clause [{}] ({})\n    {}", c.id, c.heading, wrap(&c.text, 76, "    "));
                }
                return Ok(ExitCode::SUCCESS);
            }
            let Some(r) = rules.iter().find(|r| r.id == rule) else {
                let page = checker.page_statements();
                let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).chain(page.iter().map(|p| p.id.as_str())).collect();
                return Err(format!("no rule `{rule}`; rules are: {}", ids.join(", ")));
            };
            let mut out = io::stdout().lock();
            let _ = writeln!(out, "{} ({}, {})\n", r.id, r.category.as_str(), r.severity.as_str());
            let _ = writeln!(out, "What it does\n    {}\n", r.summary);
            let _ = writeln!(out, "Why\n    {}\n", wrap(r.explanation.trim(), 76, "    "));
            let _ = writeln!(out, "Applies{}\n", if r.modes.is_empty() && r.roles.is_empty() { " to every post (personal and City accounts; not to others' comments)".to_string() } else { describe_scope(&r.modes, &r.roles) });
            // A moderation rule judged against the City post a comment replies to.
            if let Some(post) = checker.pack().rules.iter().find(|d| d.id == r.id).and_then(|d| d.example_context.as_deref()) {
                let _ = writeln!(out, "The City's post (the examples reply to it)\n    {post}\n");
            }
            let _ = writeln!(out, "Example (flagged)\n    {}\n", r.example);
            let _ = writeln!(out, "Use instead\n    {}\n", r.counter_example);
            if let Some(fix) = &r.fix {
                let _ = writeln!(out, "Fix\n    {fix}\n");
            }
            if let Some(c) = checker.clause(&r.clause) {
                let _ = writeln!(out, "Policy clause [{}] ({})\n    {}", c.id, c.heading, wrap(&c.text, 76, "    "));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `postguard page-check`: the page statements missing from an About text.
/// The exit status follows `check` (1 only for error-severity findings).
fn run_page_check(file: Option<&str>, policy: Option<&str>, format: Format, trace: bool, color: ColorArg) -> Result<ExitCode, String> {
    let checker = load_checker(policy)?;
    if checker.page_statements().is_empty() {
        return Err(format!("the policy pack {} defines no [[page_statements]]: there is nothing to check a page for", policy.unwrap_or("(embedded)")));
    }
    let name = file.filter(|f| *f != "-").unwrap_or("<stdin>").to_string();
    let text = read_input(file)?;
    let findings = checker.check_page(&text);
    if trace {
        for (id, found) in checker.explain_page(&text) {
            match found {
                Some((a, b)) => eprintln!("statement {id:<36} found at bytes {a}..{b}: {:?}", &text[a..b]),
                None => eprintln!("statement {id:<36} missing"),
            }
        }
    }
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&findings).map_err(|e| e.to_string())?),
        Format::Human => render_human(&checker, &name, &text, &findings, color)?,
    }
    Ok(exit_for(&findings))
}

fn describe_scope(modes: &[Mode], roles: &[Role]) -> String {
    let mut s = String::new();
    if !modes.is_empty() {
        s.push_str(&format!(" mode: {}", modes.iter().map(|m| m.as_str()).collect::<Vec<_>>().join("/")));
    }
    if !roles.is_empty() {
        s.push_str(&format!(" role: {}", roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join("/")));
    }
    s
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        if line > 0 && line + 1 + word.len() > width {
            out.push('\n');
            out.push_str(indent);
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}

fn load_checker(policy: Option<&str>) -> Result<Checker, String> {
    match policy {
        None => Ok(Checker::rochester()),
        Some(path) if std::path::Path::new(path).is_dir() => {
            let pack = postguard::Pack::from_dir(std::path::Path::new(path)).map_err(|e| format!("invalid policy pack: {e}"))?;
            let checker = Checker::new(pack).map_err(|e| format!("invalid policy pack: {e}"))?;
            checker.precompile().map_err(|e| format!("invalid policy pack: {e}"))?;
            Ok(checker)
        }
        Some(path) => {
            let source = std::fs::read_to_string(path).map_err(|e| format!("cannot read policy file {path}: {e}"))?;
            let checker = Checker::from_toml(&source, path).map_err(|e| format!("invalid policy file: {e}"))?;
            checker.precompile().map_err(|e| format!("invalid policy file: {e}"))?;
            Ok(checker)
        }
    }
}

fn read_input(file: Option<&str>) -> Result<String, String> {
    let bytes = match file {
        None | Some("-") => {
            let mut b = Vec::new();
            io::stdin().read_to_end(&mut b).map_err(|e| format!("cannot read standard input: {e}"))?;
            b
        }
        Some(path) => std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?,
    };
    String::from_utf8(bytes).map_err(|e| format!("input is not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}

fn exit_for(findings: &[Finding]) -> ExitCode {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn render_human(checker: &Checker, name: &str, text: &str, findings: &[Finding], color: ColorArg) -> Result<(), String> {
    if findings.is_empty() {
        println!("{name}: no policy findings");
        return Ok(());
    }
    let choice = match color {
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
        ColorArg::Auto => {
            if std::io::IsTerminal::is_terminal(&io::stdout()) {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            }
        }
    };
    let writer = StandardStream::stdout(choice);
    let config = term::Config::default();
    let file = SimpleFile::new(name, text);
    for f in findings {
        let sev = match f.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Info => CsSeverity::Note,
        };
        let mut notes = vec![format!("clause [{}]: {}", f.clause, checker.clause(&f.clause).map_or("", |c| c.text.as_str()))];
        for fix in &f.fixes {
            let what = fix
                .edits
                .iter()
                .map(|e| match (e.replacement.is_empty(), e.byte_start == e.byte_end) {
                    (true, _) => format!("delete bytes {}..{}", e.byte_start, e.byte_end),
                    (false, true) => format!("insert {:?}", e.replacement),
                    (false, false) => format!("replace bytes {}..{} with {:?}", e.byte_start, e.byte_end, e.replacement),
                })
                .collect::<Vec<_>>()
                .join(", ");
            notes.push(format!("fix: {} ({what})", fix.label));
        }
        let label = if f.excerpt.is_empty() { f.category.as_str().to_string() } else { format!("{}: {}", f.category.as_str(), f.excerpt) };
        let d = Diagnostic::new(sev)
            .with_message(&f.message)
            .with_code(&f.rule)
            .with_labels(vec![Label::primary((), f.byte_start..f.byte_end).with_message(label)])
            .with_notes(notes);
        let mut lock = writer.lock();
        term::emit_to_write_style(&mut lock, &config, &file, &d).map_err(|e| e.to_string())?;
    }
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    println!("{name}: {} finding(s), {errors} error(s)", findings.len());
    Ok(())
}

#[derive(serde::Deserialize)]
struct JsonlIn {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    role: Option<String>,
    /// Moderation mode: the City post's text the comment replies to.
    #[serde(default)]
    context: Option<String>,
}

/// JSONL audit: one object per line in, one per line out. A bad line gets an
/// `error` object on its output line (with its line number) and the run goes
/// on; the exit status is then 2.
fn run_jsonl(checker: &Checker, default: Context, file: Option<&str>) -> Result<ExitCode, String> {
    let input: Box<dyn BufRead> = match file {
        None | Some("-") => Box::new(io::stdin().lock()),
        Some(path) => Box::new(io::BufReader::new(std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?)),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut scratch = Scratch::default();
    let (mut any_error, mut bad) = (false, false);
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line.map_err(|e| format!("read error: {e}"))?;
        let line = String::from_utf8_lossy(&line);
        if line.trim().is_empty() {
            continue;
        }
        let result = serde_json::from_str::<JsonlIn>(&line).map_err(|e| e.to_string()).and_then(|r| {
            let mode = match r.mode.as_deref() {
                None => default.mode,
                Some(m) => Mode::parse(m).ok_or_else(|| format!("mode: expected \"personal\", \"city\" or \"moderation\", got {m:?}"))?,
            };
            let role = match r.role.as_deref() {
                None => default.role,
                Some(x) => Role::parse(x).ok_or_else(|| format!("role: unknown role {x:?}"))?,
            };
            if r.context.is_some() && mode != Mode::Moderation {
                return Err("context: the City post a comment replies to; only for mode \"moderation\"".to_string());
            }
            Ok((r, Context { mode, role }))
        });
        let value = match result {
            Ok((r, ctx)) => {
                let findings = match &r.context {
                    Some(post) => checker.check_comment(&r.text, Some(post), &ctx),
                    None => checker.check_with(&r.text, &ctx, &mut scratch),
                };
                any_error |= findings.iter().any(|f| f.severity == Severity::Error);
                serde_json::json!({ "id": r.id, "findings": findings })
            }
            Err(e) => {
                bad = true;
                eprintln!("postguard: line {}: {e}", n + 1);
                serde_json::json!({ "line": n + 1, "error": e })
            }
        };
        serde_json::to_writer(&mut out, &value).map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(if bad {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
