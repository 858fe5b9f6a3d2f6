//! Plain inputs: JSONL (the `check --jsonl` input: one `{"id", "text",
//! "mode"?, "role"?, "context"?}` object per line, and here also `"date"?`,
//! `"url"?`, `"kind"?`), and CSV with a header row naming a `text` column (and
//! optionally `id`, `date`, `url`, `kind`, `mode`, `role`, `context`). A bad
//! line is reported as `{"line", "error"}` and the rest go on.
//!
//! Others' comments on the account's posts: `kind` `public-comment` (checked
//! in moderation mode under `--mode city`), or `mode` `moderation`; `context`
//! is the City post's text the comment replies to.

use super::{Emit, Item, Kind, Override};
use postguard::{Mode, Role};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;

/// Line numbers for CSV records, counted from the bytes themselves (the csv
/// crate's own line count is one short after CRLF line ends). The reader
/// notes where each line feed is; [`Lines::line_at`] turns a record's byte
/// offset into its line. Offsets are dropped once passed, so this holds only
/// the line feeds of the bytes the CSV reader has buffered ahead.
pub struct Lines<R> {
    inner: R,
    pos: u64,
    feeds: Rc<RefCell<(VecDeque<u64>, u64)>>,
}

#[derive(Clone)]
pub struct LineAt(Rc<RefCell<(VecDeque<u64>, u64)>>);

impl<R: Read> Lines<R> {
    pub fn new(inner: R) -> (Lines<R>, LineAt) {
        let feeds = Rc::new(RefCell::new((VecDeque::new(), 0)));
        (Lines { inner, pos: 0, feeds: feeds.clone() }, LineAt(feeds))
    }
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut f = self.feeds.borrow_mut();
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' {
                f.0.push_back(self.pos + i as u64);
            }
        }
        self.pos += n as u64;
        Ok(n)
    }
}

impl LineAt {
    /// The 1-based line of a record starting at `offset` (after CRLF, the csv
    /// crate puts a record's start on the line feed ending the line before);
    /// offsets must not go backwards.
    pub fn line_at(&self, offset: u64) -> usize {
        let mut f = self.0.borrow_mut();
        while f.0.front().is_some_and(|&p| p <= offset) {
            f.0.pop_front();
            f.1 += 1;
        }
        f.1 as usize + 1
    }
}

#[derive(serde::Deserialize)]
struct Line {
    #[serde(default)]
    id: Value,
    text: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    date: Option<Value>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    context: Option<String>,
}

/// A line's own mode and role; what it leaves out comes from the command line.
fn context(mode: Option<&str>, role: Option<&str>, post: Option<&str>) -> Result<Option<Override>, String> {
    if mode.is_none() && role.is_none() && post.is_none() {
        return Ok(None);
    }
    let mode = mode.map(|m| Mode::parse(m).ok_or_else(|| format!("mode: expected \"personal\", \"city\" or \"moderation\", got {m:?}"))).transpose()?;
    let role = role.map(|r| Role::parse(r).ok_or_else(|| format!("role: unknown role {r:?}"))).transpose()?;
    Ok(Some(Override { mode, role, context: post.map(str::to_string) }))
}

fn kind(k: Option<&str>) -> Result<Kind, String> {
    match k.unwrap_or("post") {
        "" | "post" => Ok(Kind::Post),
        "reply" => Ok(Kind::Reply),
        "comment" => Ok(Kind::Comment),
        "public-comment" => Ok(Kind::PublicComment),
        other => Err(format!("kind: expected \"post\", \"reply\", \"comment\" or \"public-comment\", got {other:?}")),
    }
}

fn date(d: Option<&str>) -> Result<Option<chrono::DateTime<chrono::Utc>>, String> {
    match d.map(str::trim).filter(|d| !d.is_empty()) {
        None => Ok(None),
        Some(d) => super::json::any_date(d).map(Some).ok_or_else(|| format!("date: expected ISO 8601 (e.g. 2024-05-01T14:03:00Z or 2024-05-01), got {d:?}")),
    }
}

/// Is the first non-blank line of `head` a JSON object?
pub fn looks_like_jsonl(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let Some(first) = text.trim_start_matches('\u{feff}').lines().find(|l| !l.trim().is_empty()) else { return false };
    first.trim_start().starts_with('{') && serde_json::from_str::<serde_json::Map<String, Value>>(first).is_ok()
}

/// Is `head` a CSV whose header row names a `text` column?
pub fn looks_like_csv(head: &[u8]) -> bool {
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_reader(head);
    let mut rec = csv::StringRecord::new();
    matches!(rdr.read_record(&mut rec), Ok(true)) && rec.iter().any(|h| h.trim_start_matches('\u{feff}').trim().eq_ignore_ascii_case("text"))
}

pub fn read_jsonl(file: &str, r: &mut dyn Read, out: &mut dyn Emit) -> Result<(), String> {
    let r = BufReader::new(r);
    for (n, line) in r.split(b'\n').enumerate() {
        let line = line.map_err(|e| e.to_string())?;
        let line = String::from_utf8_lossy(&line);
        if line.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<Line>(&line).map_err(|e| e.to_string()).and_then(|l| {
            let ctx = context(l.mode.as_deref(), l.role.as_deref(), l.context.as_deref())?;
            let d = match &l.date {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => date(Some(s))?,
                Some(v @ Value::Number(_)) => Some(super::json::unix_time(v).ok_or("date: out of range")?),
                Some(_) => return Err("date: expected a string".to_string()),
            };
            Ok(Item {
                source: "jsonl",
                file: file.to_string(),
                kind: kind(l.kind.as_deref())?,
                id: l.id,
                date: d,
                url: l.url,
                text: l.text,
                ctx,
            })
        });
        match parsed {
            Ok(item) => out.item(item),
            Err(e) => out.bad_line(file, n + 1, e),
        }
    }
    Ok(())
}

pub fn read_csv(file: &str, r: &mut dyn Read, out: &mut dyn Emit) -> Result<(), String> {
    let (r, lines) = Lines::new(r);
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(r);
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim_start_matches('\u{feff}').trim().eq_ignore_ascii_case(name));
    let text_i = col("text").ok_or("expected a header row with a \"text\" column")?;
    let (id_i, date_i, url_i, kind_i, mode_i, role_i, context_i) = (col("id"), col("date"), col("url"), col("kind"), col("mode"), col("role"), col("context"));
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    return Err(e.to_string());
                }
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                let msg = match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!("expected {expected_len} fields, found {len}"),
                    _ => e.to_string(),
                };
                out.bad_line(file, line, msg);
                continue;
            }
        }
        let line = rec.position().map_or(0, |p| lines.line_at(p.byte()));
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).filter(|s| !s.is_empty());
        let parsed = (|| {
            Ok::<_, String>(Item {
                source: "csv",
                file: file.to_string(),
                id: get(id_i).map_or(Value::from(line), |s| Value::String(s.to_string())),
                date: date(get(date_i))?,
                kind: kind(get(kind_i))?,
                url: get(url_i).map(str::to_string),
                text: rec.get(text_i).unwrap_or("").to_string(),
                ctx: context(get(mode_i), get(role_i), get(context_i))?,
            })
        })();
        match parsed {
            Ok(item) => out.item(item),
            Err(e) => out.bad_line(file, line, e),
        }
    }
    Ok(())
}

