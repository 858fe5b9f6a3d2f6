//! `postguard audit`: reads the exports people get from the platforms (an X
//! archive, Facebook's and Instagram's "Download your information" JSON,
//! LinkedIn's data export, a Mastodon archive) or plain JSONL/CSV, checks
//! every item the account wrote with the same engine call as `check`, and
//! writes JSONL, CSV (one row per finding) or a self-contained HTML report.
//!
//! Part of the command-line binary only: none of it is in the wasm build.
//!
//! Memory: one input file is read as a stream, one array element (one
//! tweet, post, comment or status) in memory at a time; the JSONL and CSV
//! outputs are written item by item. The HTML report keeps the flagged items
//! (their text and findings) until the end, because its counts and chart
//! come first in the page; clean items are only counted.

mod archive;
mod facebook;
mod instagram;
mod json;
mod linkedin;
mod mastodon;
mod plain;
mod report;
mod x;

use archive::{Container, Entry};
use chrono::{DateTime, Utc};
use postguard::{Checker, Context, Finding, Mode, Role, Scratch, Severity};
use serde::Serialize;
use serde_json::Value;
use std::cell::Cell;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::rc::Rc;
use std::time::Instant;

/// What the account wrote: its own post, a reply, or a comment on someone's
/// post; or (JSONL and CSV only) a public comment someone else wrote on the
/// account's post, checked in moderation mode ([moderation.*]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Post,
    Reply,
    Comment,
    #[serde(rename = "public-comment")]
    PublicComment,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Post => "post",
            Kind::Reply => "reply",
            Kind::Comment => "comment",
            Kind::PublicComment => "public-comment",
        }
    }
}

/// A JSONL or CSV line's own mode and role, and for a comment in moderation
/// mode the text of the City post it replies to.
#[derive(Debug, Clone)]
pub struct Override {
    pub mode: Option<Mode>,
    pub role: Option<Role>,
    pub context: Option<String>,
}

/// One thing the account wrote, decoded to the text people saw.
#[derive(Debug, Clone)]
pub struct Item {
    /// `x`, `facebook`, `instagram`, `linkedin`, `mastodon`, `jsonl` or `csv`.
    pub source: &'static str,
    /// The file's path inside the export.
    pub file: String,
    pub id: Value,
    pub date: Option<DateTime<Utc>>,
    pub kind: Kind,
    pub url: Option<String>,
    pub text: String,
    pub ctx: Option<Override>,
}

/// Where the readers send what they find.
pub trait Emit {
    fn item(&mut self, item: Item);
    /// One item of an export that cannot be read (the `n`th in its file).
    fn bad_item(&mut self, file: &str, n: usize, error: String);
    /// A bad JSONL or CSV line.
    fn bad_line(&mut self, file: &str, line: usize, error: String);
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OutFormat {
    Jsonl,
    Csv,
    Html,
}

pub struct Options {
    pub paths: Vec<String>,
    pub format: OutFormat,
    pub out: Option<String>,
    pub ctx: Context,
    pub since: Option<String>,
    pub until: Option<String>,
}

/// What kind of file an export entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    XAccount,
    XNotes,
    XTweets,
    FacebookPosts,
    FacebookComments,
    InstagramPosts,
    InstagramComments,
    LinkedInShares,
    LinkedInComments,
    MastodonOutbox,
    Jsonl,
    Csv,
}

fn classify(path: &str) -> Option<FileKind> {
    Some(if x::is_account(path) {
        FileKind::XAccount
    } else if x::is_notes(path) {
        FileKind::XNotes
    } else if x::is_tweets(path) {
        FileKind::XTweets
    } else if facebook::is_posts(path) {
        FileKind::FacebookPosts
    } else if facebook::is_comments(path) {
        FileKind::FacebookComments
    } else if instagram::is_posts(path) {
        FileKind::InstagramPosts
    } else if instagram::is_comments(path) {
        FileKind::InstagramComments
    } else if linkedin::is_shares(path) {
        FileKind::LinkedInShares
    } else if linkedin::is_comments(path) {
        FileKind::LinkedInComments
    } else if mastodon::is_outbox(path) {
        FileKind::MastodonOutbox
    } else {
        return None;
    })
}

const EXPECTED: &str = "expected an X archive (data/tweets.js), a Facebook or Instagram \"Download your information\" export in JSON \
     (your_posts_1.json, comments.json, posts_1.json, post_comments_1.json), a LinkedIn export (Shares.csv, Comments.csv), \
     a Mastodon archive (outbox.json), as a folder, .zip or .tar.gz; or a JSONL file ({\"text\": ...} per line) or a CSV file with a \"text\" column";

/// A plain file, by its first bytes.
fn sniff_file(path: &Path) -> Result<FileKind, String> {
    let mut head = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(64 * 1024).read_to_end(&mut head)).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&head);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("window.YTD.tweet") {
        return Ok(FileKind::XTweets);
    }
    if plain::looks_like_jsonl(&head) {
        return Ok(FileKind::Jsonl);
    }
    if t.starts_with('{') && t.contains("\"orderedItems\"") {
        return Ok(FileKind::MastodonOutbox);
    }
    if t.starts_with('{') && (t.contains("\"comments_v2\"") || t.contains("\"group_comments_v2\"")) {
        return Ok(FileKind::FacebookComments);
    }
    let first = t.lines().next().unwrap_or("");
    if first.starts_with("Date,ShareLink,ShareCommentary") {
        return Ok(FileKind::LinkedInShares);
    }
    if first.starts_with("Date,Link,Message") {
        return Ok(FileKind::LinkedInComments);
    }
    if plain::looks_like_csv(&head) {
        return Ok(FileKind::Csv);
    }
    Err(format!("{}: not a known export: {EXPECTED}", path.display()))
}

/// One PATH, opened and sorted out, before any item is read.
struct Plan {
    path: String,
    container: Container,
    files: Vec<(Entry, FileKind)>,
}

fn plan(path: &str) -> Result<Plan, String> {
    let mut container = Container::open(Path::new(path))?;
    let entries = container.entries().map_err(|e| if e.starts_with(path) { e } else { format!("{path}: {e}") })?;
    let files: Vec<(Entry, FileKind)> = if let Container::File(p) = &container {
        let kind = sniff_file(p)?;
        entries.into_iter().map(|e| (e, kind)).collect()
    } else {
        let files: Vec<_> = entries.iter().filter_map(|e| classify(&e.path).map(|k| (e.clone(), k))).collect();
        if files.iter().all(|(_, k)| matches!(k, FileKind::XAccount | FileKind::XNotes)) {
            let meta = |e: &Entry| e.path.contains("your_facebook_activity/") || e.path.contains("your_instagram_activity/");
            let html = entries.iter().any(|e| e.path.ends_with(".html") && meta(e));
            if !html && entries.iter().any(meta) {
                // Facebook and Instagram split a large download into several
                // zip files; a part with only photos and videos is a known
                // export with nothing to check, not an error.
                eprintln!("postguard: {path}: a Facebook or Instagram export part with no posts or comments (media only); nothing to check in it");
                return Ok(Plan { path: path.to_string(), container, files: Vec::new() });
            }
            let hint = if html { " (this looks like a Facebook or Instagram export in HTML format: request it again with Format: JSON)" } else { "" };
            return Err(format!("{path}: not a known export{hint}: {EXPECTED}"));
        }
        files
    };
    Ok(Plan { path: path.to_string(), container, files })
}

/// A `--since`/`--until` bound. A bare date is the start of that day
/// (`--since`) or the end of it (`--until`), in UTC.
fn bound(s: &str, end: bool) -> Result<DateTime<Utc>, String> {
    let d = json::any_date(s).ok_or_else(|| format!("cannot read the date {s:?}: expected YYYY-MM-DD or ISO 8601 (2024-05-01T14:03:00Z)"))?;
    Ok(if end && s.trim().len() == 10 { d + chrono::Duration::days(1) - chrono::Duration::seconds(1) } else { d })
}

pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub error: String,
}

/// What every output needs to know at the end.
pub struct Summary<'a> {
    pub inputs: &'a [String],
    pub ctx: Context,
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
    pub items: u64,
    pub flagged: u64,
    pub problems: &'a [Problem],
}

trait Sink {
    fn item(&mut self, item: &Item, findings: &[Finding]) -> io::Result<()>;
    fn bad_line(&mut self, file: &str, line: usize, error: &str) -> io::Result<()>;
    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()>;
}

#[derive(Serialize)]
struct JsonlOut<'a> {
    source: &'a str,
    file: &'a str,
    id: &'a Value,
    date: Option<String>,
    kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    text: &'a str,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct BadLineOut<'a> {
    file: &'a str,
    line: usize,
    error: &'a str,
}

struct JsonlSink<W: Write>(W);

impl<W: Write> Sink for JsonlSink<W> {
    fn item(&mut self, it: &Item, findings: &[Finding]) -> io::Result<()> {
        let o = JsonlOut { source: it.source, file: &it.file, id: &it.id, date: it.date.as_ref().map(json::iso), kind: it.kind, url: it.url.as_deref(), text: &it.text, findings };
        serde_json::to_writer(&mut self.0, &o)?;
        self.0.write_all(b"\n")
    }
    fn bad_line(&mut self, file: &str, line: usize, error: &str) -> io::Result<()> {
        serde_json::to_writer(&mut self.0, &BadLineOut { file, line, error })?;
        self.0.write_all(b"\n")
    }
    fn finish(mut self: Box<Self>, _: &Summary) -> io::Result<()> {
        self.0.flush()
    }
}

struct CsvSink<W: Write>(csv::Writer<W>);

/// A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@` (or a tab or
/// carriage return) as a formula; post text and ids are data, so such a cell
/// is written with a leading `'` (OWASP's advice for CSV injection).
fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn item(&mut self, it: &Item, findings: &[Finding]) -> io::Result<()> {
        let id = match &it.id {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            v => v.to_string(),
        };
        let date = it.date.as_ref().map(json::iso).unwrap_or_default();
        for f in findings {
            let (start, end) = (f.start.to_string(), f.end.to_string());
            self.0.write_record([
                it.source,
                &it.file,
                &cell(&id),
                &date,
                it.kind.as_str(),
                &cell(it.url.as_deref().unwrap_or("")),
                &f.rule,
                f.category.as_str(),
                f.severity.as_str(),
                &f.clause,
                &start,
                &end,
                &cell(&f.excerpt),
                &f.message,
            ])?;
        }
        Ok(())
    }
    fn bad_line(&mut self, _: &str, _: usize, _: &str) -> io::Result<()> {
        Ok(()) // on standard error only: a CSV row is one finding
    }
    fn finish(mut self: Box<Self>, _: &Summary) -> io::Result<()> {
        self.0.flush()
    }
}

struct Driver<'a> {
    checker: &'a Checker,
    ctx: Context,
    scratch: Scratch,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    sink: Box<dyn Sink + 'a>,
    write_error: Option<io::Error>,
    items: u64,
    flagged: u64,
    undated: u64,
    any_error: bool,
    problems: Vec<Problem>,
    archive: String,
    bar: Progress,
}

impl Driver<'_> {
    fn problem(&mut self, file: &str, line: Option<usize>, error: String) {
        let at = match line {
            Some(n) => format!(" line {n}"),
            None => String::new(),
        };
        let archive = if self.archive == file { String::new() } else { format!("{}: ", self.archive) };
        self.bar.println(&format!("postguard: {archive}{file}{at}: {error}"));
        self.problems.push(Problem { file: file.to_string(), line, error });
    }
}

impl Emit for Driver<'_> {
    fn item(&mut self, item: Item) {
        if self.since.is_some() || self.until.is_some() {
            match item.date {
                None => {
                    self.undated += 1;
                    return;
                }
                Some(d) if self.since.is_some_and(|s| d < s) || self.until.is_some_and(|u| d > u) => return,
                _ => {}
            }
        }
        let (mut ctx, post) = match &item.ctx {
            None => (self.ctx, None),
            Some(o) => (Context { mode: o.mode.unwrap_or(self.ctx.mode), role: o.role.unwrap_or(self.ctx.role) }, o.context.as_deref()),
        };
        // Others' comments on the account's posts are moderated, not checked
        // as the account's own words; moderation is for City accounts only.
        if item.kind == Kind::PublicComment {
            if ctx.mode == Mode::Personal {
                let id = match &item.id {
                    Value::String(s) => s.clone(),
                    v => v.to_string(),
                };
                self.problem(&item.file, None, format!("item {id} skipped: a public comment by someone else is checked only for a City account (--mode city)"));
                return;
            }
            ctx.mode = Mode::Moderation;
        }
        let findings = if ctx.mode == Mode::Moderation {
            self.checker.check_comment(&item.text, post, &ctx)
        } else {
            self.checker.check_with(&item.text, &ctx, &mut self.scratch)
        };
        self.items += 1;
        if !findings.is_empty() {
            self.flagged += 1;
        }
        self.any_error |= findings.iter().any(|f| f.severity == Severity::Error);
        if self.write_error.is_none() {
            if let Err(e) = self.sink.item(&item, &findings) {
                self.write_error = Some(e);
            }
        }
        self.bar.tick(self.items);
    }
    fn bad_item(&mut self, file: &str, n: usize, error: String) {
        self.problem(file, None, format!("item {n} skipped: {error}"));
    }
    fn bad_line(&mut self, file: &str, line: usize, error: String) {
        if self.write_error.is_none() {
            if let Err(e) = self.sink.bad_line(file, line, &error) {
                self.write_error = Some(e);
            }
        }
        self.problem(file, Some(line), error);
    }
}

/// The progress bar: on standard error when it is a terminal, nothing otherwise.
/// Its length is the bytes to read (known before the first item: file sizes,
/// zip entries' sizes, a tar file's size), so the ETA holds for any mix of
/// small and large items; the message counts items and their rate.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    bytes: Rc<Cell<u64>>,
    start: Instant,
}

impl Progress {
    fn new(total: u64, bytes: Rc<Cell<u64>>) -> Progress {
        let bar = io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::with_draw_target(Some(total), indicatif::ProgressDrawTarget::stderr_with_hz(10));
            let style = indicatif::ProgressStyle::with_template("{wide_bar} {percent:>3}% {msg} ETA {eta}").unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            b.set_style(style);
            b
        });
        Progress { bar, bytes, start: Instant::now() }
    }
    fn tick(&self, items: u64) {
        if let Some(b) = &self.bar {
            b.set_position(self.bytes.get());
            if items % 256 == 1 {
                let secs = self.start.elapsed().as_secs_f64().max(1e-3);
                b.set_message(format!("{items} items, {:.0} items/s", items as f64 / secs));
            }
        }
    }
    fn println(&self, line: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
    fn finish(&self, items: u64) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
            let secs = self.start.elapsed().as_secs_f64();
            eprintln!("postguard: {items} items checked in {secs:.2} s ({:.0} items/s)", items as f64 / secs.max(1e-3));
        }
    }
}

pub fn run(checker: &Checker, opts: Options) -> Result<ExitCode, String> {
    let since = opts.since.as_deref().map(|s| bound(s, false)).transpose()?;
    let until = opts.until.as_deref().map(|s| bound(s, true)).transpose()?;
    // Every PATH is recognised before anything is written: a wrong path is
    // exit 2 with no partial output.
    let mut plans = opts.paths.iter().map(|p| plan(p)).collect::<Result<Vec<_>, _>>()?;
    let total: u64 = plans
        .iter()
        .map(|p| match &p.container {
            Container::Tar { path, .. } => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            _ => p.files.iter().filter(|(_, k)| !matches!(k, FileKind::XAccount | FileKind::XNotes)).map(|(e, _)| e.size).sum(),
        })
        .sum();

    let out: Box<dyn Write> = match &opts.out {
        Some(f) if f != "-" => Box::new(io::BufWriter::new(std::fs::File::create(f).map_err(|e| format!("cannot write {f}: {e}"))?)),
        _ => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let sink: Box<dyn Sink> = match opts.format {
        OutFormat::Jsonl => Box::new(JsonlSink(out)),
        OutFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["source", "file", "id", "date", "kind", "url", "rule", "category", "severity", "clause", "start", "end", "excerpt", "message"]).map_err(|e| e.to_string())?;
            Box::new(CsvSink(w))
        }
        OutFormat::Html => Box::new(report::HtmlSink::new(out, checker)),
    };
    let bytes = Rc::new(Cell::new(0u64));
    let mut d = Driver {
        checker,
        ctx: opts.ctx,
        scratch: Scratch::default(),
        since,
        until,
        sink,
        write_error: None,
        items: 0,
        flagged: 0,
        undated: 0,
        any_error: false,
        problems: Vec::new(),
        archive: String::new(),
        bar: Progress::new(total, bytes.clone()),
    };

    for plan in &mut plans {
        d.archive = plan.path.clone();
        read_export(plan, &bytes, &mut d)?;
    }
    if d.undated > 0 {
        d.bar.println(&format!("postguard: {} item(s) without a date were left out by --since/--until", d.undated));
    }
    d.bar.finish(d.items);
    let summary = Summary {
        inputs: &opts.paths,
        ctx: opts.ctx,
        since: opts.since.as_deref(),
        until: opts.until.as_deref(),
        items: d.items,
        flagged: d.flagged,
        problems: &d.problems,
    };
    if let Some(e) = d.write_error.take() {
        return Err(format!("cannot write the output: {e}"));
    }
    d.sink.finish(&summary).map_err(|e| format!("cannot write the output: {e}"))?;
    Ok(if !d.problems.is_empty() {
        ExitCode::from(2)
    } else if d.any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn read_export(plan: &mut Plan, bytes: &Rc<Cell<u64>>, d: &mut Driver) -> Result<(), String> {
    // X: the user name (for links to the posts) and the long posts' whole
    // texts come first.
    let mut username: Option<String> = None;
    let mut notes = x::Notes::new();
    let first: Vec<String> = plan.files.iter().filter(|(_, k)| matches!(k, FileKind::XAccount | FileKind::XNotes)).map(|(e, _)| e.path.clone()).collect();
    if !first.is_empty() && plan.files.iter().any(|(_, k)| *k == FileKind::XTweets) {
        let kinds: std::collections::HashMap<&str, FileKind> = plan.files.iter().map(|(e, k)| (e.path.as_str(), *k)).collect();
        let discard = Rc::new(Cell::new(0));
        let mut unreadable: Vec<(String, String)> = Vec::new();
        plan.container.visit(
            &first,
            &discard,
            &mut |file, r| {
                if kinds.get(file) == Some(&FileKind::XAccount) {
                    match x::read_account(r) {
                        Ok(u) => username = username.take().or(u),
                        Err(e) => d.problem(file, None, format!("damaged file, so the user name is unknown (links use x.com/i/web/status/ID): {e}")),
                    }
                } else if let Err(e) = x::read_notes(r, &mut notes) {
                    d.problem(file, None, format!("damaged file, so posts over 280 characters may be checked cut short: {e}"));
                }
            },
            &mut |file, e| unreadable.push((file.to_string(), e)),
        )?;
        for (file, e) in unreadable {
            d.problem(&file, None, e);
        }
    }
    let wanted: Vec<String> = plan.files.iter().filter(|(_, k)| !matches!(k, FileKind::XAccount | FileKind::XNotes)).map(|(e, _)| e.path.clone()).collect();
    let kinds: std::collections::HashMap<String, FileKind> = plan.files.iter().map(|(e, k)| (e.path.clone(), *k)).collect();
    let mut unreadable: Vec<(String, String)> = Vec::new();
    plan.container.visit(
        &wanted,
        bytes,
        &mut |file, r| {
            let res = match kinds[file] {
                FileKind::XTweets => x::read_tweets(file, r, username.as_deref(), &notes, d),
                FileKind::FacebookPosts => facebook::read_posts(file, r, d),
                FileKind::FacebookComments => facebook::read_comments(file, r, d),
                FileKind::InstagramPosts => instagram::read_posts(file, r, d),
                FileKind::InstagramComments => instagram::read_comments(file, r, d),
                FileKind::LinkedInShares => linkedin::read(file, r, true, d),
                FileKind::LinkedInComments => linkedin::read(file, r, false, d),
                FileKind::MastodonOutbox => mastodon::read_outbox(file, r, d),
                FileKind::Jsonl => plain::read_jsonl(file, r, d),
                FileKind::Csv => plain::read_csv(file, r, d),
                FileKind::XAccount | FileKind::XNotes => Ok(()),
            };
            if let Err(e) = res {
                d.problem(file, None, format!("damaged file: {e}; the items before the damage were checked, the rest of this file was skipped"));
            }
        },
        &mut |file, e| unreadable.push((file.to_string(), e)),
    )?;
    for (file, e) in unreadable {
        d.problem(&file, None, e);
    }
    Ok(())
}
