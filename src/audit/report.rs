//! The HTML report: one self-contained page a records officer can open from
//! disk, read, filter and print. No request leaves the page: a Content
//! Security Policy of `default-src 'none'` allows only this file's own style
//! and script, by their SHA-256 hashes (so even a mistake in the escaping
//! could not run a script), and every text from an export is escaped.

use super::{json, Item, Kind, Sink, Summary};
use postguard::{Category, Checker, Finding, Severity};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");
/// `sha256-` + base64 of the SHA-256 of [`CSS`] and [`JS`]; a unit test
/// recomputes them, and tests/audit/report.mjs fails on any CSP refusal.
const CSS_HASH: &str = "sha256-qVDLh1ZEyQo7stx5gKRoETnEfSsTpvaeXoXoZN+l/Iw=";
const JS_HASH: &str = "sha256-KFzRlZGWUi1Sw+xRfbkw8pDTGpA4fKgq0mxLpS/vzLk=";

struct Flagged {
    source: &'static str,
    file: String,
    id: String,
    date: Option<chrono::DateTime<chrono::Utc>>,
    kind: Kind,
    url: Option<String>,
    text: String,
    findings: Vec<Finding>,
}

pub struct HtmlSink<'a, W: Write> {
    out: W,
    checker: &'a Checker,
    flagged: Vec<Flagged>,
}

impl<'a, W: Write> HtmlSink<'a, W> {
    pub fn new(out: W, checker: &'a Checker) -> Self {
        HtmlSink { out, checker, flagged: Vec::new() }
    }
}

fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_safe(s)
}

impl<W: Write> Sink for HtmlSink<'_, W> {
    fn item(&mut self, it: &Item, findings: &[Finding]) -> io::Result<()> {
        if !findings.is_empty() {
            self.flagged.push(Flagged {
                source: it.source,
                file: it.file.clone(),
                id: match &it.id {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => String::new(),
                    v => v.to_string(),
                },
                date: it.date,
                kind: it.kind,
                url: it.url.clone(),
                text: it.text.clone(),
                findings: findings.to_vec(),
            });
        }
        Ok(())
    }
    fn bad_line(&mut self, _: &str, _: usize, _: &str) -> io::Result<()> {
        Ok(()) // listed with the other problems from the summary
    }
    fn finish(mut self: Box<Self>, s: &Summary) -> io::Result<()> {
        // Oldest first; undated items last, in the order read.
        self.flagged.sort_by_key(|f| (f.date.is_none(), f.date));
        let page = render(self.checker, &self.flagged, s);
        self.out.write_all(page.as_bytes())?;
        self.out.flush()
    }
}

fn month(d: &chrono::DateTime<chrono::Utc>) -> (i32, u32) {
    use chrono::Datelike;
    (d.year(), d.month())
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn render(checker: &Checker, items: &[Flagged], s: &Summary) -> String {
    let mut h = String::with_capacity(64 * 1024 + items.len() * 2048);
    // Counts per category: findings, items, errors.
    let mut per_cat: BTreeMap<Category, (u64, u64, u64)> = BTreeMap::new();
    let mut findings_total = 0u64;
    for it in items {
        let mut seen: Vec<Category> = Vec::new();
        for f in &it.findings {
            let e = per_cat.entry(f.category).or_default();
            e.0 += 1;
            if f.severity == Severity::Error {
                e.2 += 1;
            }
            if !seen.contains(&f.category) {
                seen.push(f.category);
                e.1 += 1;
            }
            findings_total += 1;
        }
    }
    let pack = &checker.pack().pack;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let now = chrono::DateTime::from_timestamp(now, 0).map(|d| json::iso(&d)).unwrap_or_default();

    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '{CSS_HASH}'; script-src '{JS_HASH}'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>PostGuard audit report</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n<h1>PostGuard audit report</h1>\n\
         <p class=\"sub\">Posts, replies and comments checked against {}.</p>\n<dl class=\"meta\">\n",
        esc(&pack.policy)
    );
    let mut meta = |k: &str, v: &str| {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(v));
    };
    meta("Exports", &s.inputs.join(", "));
    let account = match s.ctx.mode {
        postguard::Mode::City => "City account (others' public comments: for review)",
        postguard::Mode::Moderation => "others' public comments on a City account, for review",
        postguard::Mode::Personal => "personal account",
    };
    meta("Account", &format!("{account}, role: {}", s.ctx.role.as_str()));
    meta("Policy pack", &format!("{} {}", pack.name, pack.version));
    if s.since.is_some() || s.until.is_some() {
        meta("Dates", &format!("{} to {}", s.since.unwrap_or("the first item"), s.until.unwrap_or("the last item")));
    }
    meta("Checked", &format!("{} items; {} flagged, with {} findings", s.items, s.flagged, findings_total));
    if !s.problems.is_empty() {
        meta("Problems", &format!("{} (listed at the end)", s.problems.len()));
    }
    meta("Generated", &format!("{now} by postguard {}", postguard::VERSION));
    h.push_str("</dl>\n</header>\n<main>\n");

    // Counts per category.
    h.push_str("<section id=\"summary\">\n<h2>Findings by category</h2>\n");
    if per_cat.is_empty() {
        h.push_str("<p>No item breaks the policy.</p>\n");
    } else {
        h.push_str("<table>\n<thead><tr><th>Category</th><th class=\"n\">Findings</th><th class=\"n\">Items</th><th class=\"n\">Of them errors</th></tr></thead>\n<tbody>\n");
        for (c, (n, items, errors)) in &per_cat {
            let _ = writeln!(h, "<tr><td><span class=\"sw c-{c}\"></span>{c}</td><td class=\"n\">{n}</td><td class=\"n\">{items}</td><td class=\"n\">{errors}</td></tr>");
        }
        let _ = writeln!(h, "</tbody>\n<tfoot><tr><th>All</th><th class=\"n\">{findings_total}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></tfoot>\n</table>", items.len(), per_cat.values().map(|v| v.2).sum::<u64>());
    }
    h.push_str("</section>\n");

    // Timeline.
    h.push_str("<section id=\"timeline\">\n<h2>Findings per month</h2>\n");
    timeline(&mut h, items);
    h.push_str("</section>\n");

    // Filters (shown by the script; without it, every item shows).
    if !items.is_empty() {
        let first = items.iter().find_map(|i| i.date).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        let last = items.iter().rev().find_map(|i| i.date).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        h.push_str("<section id=\"filters\" hidden>\n<fieldset><legend>Categories</legend>\n");
        for (c, (n, _, _)) in &per_cat {
            let _ = writeln!(h, "<label><input type=\"checkbox\" name=\"cat\" value=\"{c}\" checked> <span class=\"sw c-{c}\"></span>{c} ({n})</label>");
        }
        let _ = write!(
            h,
            "</fieldset>\n<fieldset><legend>Dates</legend>\n<label>From <input type=\"date\" id=\"from\" min=\"{first}\" max=\"{last}\"></label>\n\
             <label>To <input type=\"date\" id=\"to\" min=\"{first}\" max=\"{last}\"></label>\n<button type=\"button\" id=\"reset\">Show all</button>\n\
             <output id=\"shown-line\">Showing <span id=\"shown\">{n}</span> of {n} flagged items</output>\n</fieldset>\n</section>\n",
            n = items.len()
        );
    }

    // Every flagged item.
    let _ = writeln!(h, "<section id=\"items\">\n<h2>Flagged items ({})</h2>", items.len());
    for (i, it) in items.iter().enumerate() {
        item(&mut h, checker, i, it);
    }
    h.push_str("</section>\n");

    if !s.problems.is_empty() {
        h.push_str("<section id=\"problems\">\n<h2>Problems</h2>\n<p>These could not be read; everything else was checked.</p>\n<ul>\n");
        for p in s.problems {
            let line = p.line.map(|l| format!(" line {l}")).unwrap_or_default();
            let _ = writeln!(h, "<li><code>{}{}</code>: {}</li>", esc(&p.file), line, esc(&p.error));
        }
        h.push_str("</ul>\n</section>\n");
    }
    let _ = write!(h, "</main>\n<script>{JS}</script>\n</body>\n</html>\n");
    h
}

fn timeline(h: &mut String, items: &[Flagged]) {
    let mut counts: BTreeMap<(i32, u32), BTreeMap<Category, u64>> = BTreeMap::new();
    for it in items {
        if let Some(d) = &it.date {
            let m = counts.entry(month(d)).or_default();
            for f in &it.findings {
                *m.entry(f.category).or_default() += 1;
            }
        }
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        h.push_str("<p>No flagged item has a date.</p>\n");
        return;
    };
    let mut months = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last {
        months.push((y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    let max = counts.values().map(|c| c.values().sum::<u64>()).max().unwrap_or(1).max(1);
    let n = months.len() as f64;
    let (left, top, plot_h, bottom) = (40.0, 12.0, 180.0, 34.0);
    // The plot is 860 units wide whatever the span; bars are at most 56 wide.
    let slot = (860.0 / n).max(3.0);
    let bar = (slot * 0.76).min(56.0);
    let width = left + slot * n + 12.0;
    let height = top + plot_h + bottom;
    let _ = writeln!(
        h,
        "<svg class=\"chart\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"Findings per month, {} to {}, by category\">",
        format_args!("{}-{:02}", first.0, first.1),
        format_args!("{}-{:02}", last.0, last.1)
    );
    // Axis and gridlines at 0, half and the maximum.
    for v in [0, max / 2, max] {
        if v == 0 && max > 0 || v > 0 {
            let yv = top + plot_h - plot_h * v as f64 / max as f64;
            let _ = writeln!(h, "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{yv:.1}\" y2=\"{yv:.1}\" stroke=\"#ccc\" stroke-width=\"1\"/><text x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{v}</text>", width - 8.0, left - 6.0, yv + 4.0);
        }
    }
    let every = months.len() <= 24;
    for (i, (y, m)) in months.iter().enumerate() {
        let x = left + slot * i as f64;
        let mut base = top + plot_h;
        if let Some(c) = counts.get(&(*y, *m)) {
            for cat in Category::ALL {
                let Some(&k) = c.get(&cat) else { continue };
                let hgt = plot_h * k as f64 / max as f64;
                base -= hgt;
                let _ = writeln!(
                    h,
                    "<rect x=\"{:.1}\" y=\"{base:.1}\" width=\"{:.1}\" height=\"{hgt:.1}\" fill=\"{}\"><title>{} {y}, {cat}: {k}</title></rect>",
                    x + (slot - bar) / 2.0,
                    bar,
                    color(cat),
                    MONTHS[*m as usize - 1]
                );
            }
        }
        let lx = x + slot / 2.0;
        let ly = top + plot_h + 14.0;
        if every {
            let _ = writeln!(h, "<text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\">{}</text>", MONTHS[*m as usize - 1]);
        }
        if *m == 1 || i == 0 {
            let _ = writeln!(h, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\" font-weight=\"bold\">{y}</text>", if every { lx } else { x }, ly + if every { 14.0 } else { 0.0 }, if every { "middle" } else { "start" });
        }
    }
    h.push_str("</svg>\n<p class=\"legend\">");
    let present: Vec<Category> = Category::ALL.into_iter().filter(|c| counts.values().any(|m| m.contains_key(c))).collect();
    for c in present {
        let _ = write!(h, "<span><span class=\"sw c-{c}\"></span>{c}</span> ");
    }
    h.push_str("</p>\n");
}

/// The strong colour of each category (the same as `--c` in report.css).
fn color(c: Category) -> &'static str {
    match c {
        Category::Disclaimer => "#b35c00",
        Category::CityEmail => "#a40000",
        Category::Confidential => "#6a1b9a",
        Category::OfficialPosition => "#1f5fa8",
        Category::Conduct => "#c2185b",
        Category::Political => "#2e7d32",
        Category::Endorsement => "#00796b",
        Category::PersonalViews => "#5d4037",
        Category::OpenMeeting => "#455a64",
        Category::PageStatements => "#37474f",
        Category::Moderation => "#7b5800",
        Category::Accuracy => "#3949ab",
    }
}

fn item(h: &mut String, checker: &Checker, i: usize, it: &Flagged) {
    let mut cats: Vec<Category> = it.findings.iter().map(|f| f.category).collect();
    cats.sort();
    cats.dedup();
    let cat_list = cats.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ");
    let date = it.date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let _ = writeln!(h, "<article class=\"item c-{}\" id=\"item-{}\" data-cats=\"{}\" data-date=\"{}\">", cats[0], i + 1, cat_list, date);
    h.push_str("<header>");
    match &it.date {
        Some(d) => {
            let _ = write!(h, "<time datetime=\"{0}\">{1}</time>", json::iso(d), d.format("%Y-%m-%d %H:%M UTC"));
        }
        None => h.push_str("<span>no date</span>"),
    }
    let kind = if it.kind == Kind::PublicComment { "public comment by someone else" } else { it.kind.as_str() };
    let _ = write!(h, "<span>{} {}</span><span class=\"where\">{}", esc(it.source), kind, esc(&it.file));
    if !it.id.is_empty() {
        let _ = write!(h, " · {}", esc(&it.id));
    }
    h.push_str("</span>");
    if let Some(u) = it.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
        let _ = write!(h, "<a href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">Original post</a>", esc(u));
    }
    h.push_str("</header>\n<p class=\"text\">");
    highlight(h, &it.text, &it.findings);
    h.push_str("</p>\n<ul class=\"findings\">\n");
    for f in &it.findings {
        let _ = write!(
            h,
            "<li><span class=\"badge c-{}\">{}</span> <span class=\"sev-{}\">{}</span> <code>{}</code> {}",
            f.category,
            f.category,
            f.severity,
            // A moderation finding is a reason to review someone's comment, not a verdict.
            if f.category == Category::Moderation { "for review" } else { f.severity.as_str() },
            esc(&f.rule),
            esc(&f.message)
        );
        if !f.excerpt.is_empty() {
            let _ = write!(h, " <q class=\"excerpt\">{}</q>", esc(&f.excerpt));
        }
        match checker.clause(&f.clause) {
            Some(c) => {
                let _ = write!(h, "\n<blockquote><cite>Policy [{}], {}:</cite> {}</blockquote>", esc(&c.id), esc(&c.heading), esc(&c.text));
            }
            None => {
                let _ = write!(h, "\n<blockquote><cite>Policy [{}]</cite></blockquote>", esc(&f.clause));
            }
        }
        h.push_str("</li>\n");
    }
    h.push_str("</ul>\n</article>\n");
}

/// The text with every finding's span in a `<mark>` (overlapping spans are
/// split at each edge; a piece inside several is marked once, in the colour
/// of the first finding over it, with every rule in its title).
fn highlight(h: &mut String, text: &str, findings: &[Finding]) {
    let spans: Vec<(usize, usize, &Finding)> = findings
        .iter()
        .filter(|f| f.byte_start < f.byte_end && f.byte_end <= text.len() && text.is_char_boundary(f.byte_start) && text.is_char_boundary(f.byte_end))
        .map(|f| (f.byte_start, f.byte_end, f))
        .collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (s, e, _) in &spans {
        cuts.push(*s);
        cuts.push(*e);
    }
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let over: Vec<&Finding> = spans.iter().filter(|(s, e, _)| *s <= a && b <= *e).map(|(_, _, f)| *f).collect();
        let piece = esc(&text[a..b]);
        if over.is_empty() {
            h.push_str(&piece);
        } else {
            let title = over.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>().join(", ");
            let _ = write!(h, "<mark class=\"c-{}\" title=\"{}\">{piece}</mark>", over[0].category, esc(&title));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    fn b64(bytes: &[u8]) -> String {
        const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for c in bytes.chunks(3) {
            let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
            for i in 0..4 {
                if i <= c.len() {
                    out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    #[test]
    fn csp_hashes_match_the_inline_style_and_script() {
        assert_eq!(CSS_HASH, format!("sha256-{}", b64(&Sha256::digest(CSS.as_bytes()))));
        assert_eq!(JS_HASH, format!("sha256-{}", b64(&Sha256::digest(JS.as_bytes()))));
    }

    #[test]
    fn highlight_escapes_and_splits_overlaps() {
        let checker = Checker::rochester();
        let text = "<b>x</b> Email jdoe@rochestermn.gov & more";
        let findings = checker.check(text, &postguard::Context::default());
        assert!(!findings.is_empty());
        let mut h = String::new();
        highlight(&mut h, text, &findings);
        assert!(h.starts_with("&lt;b&gt;x&lt;&#x2F;b&gt;") || h.starts_with("&lt;b&gt;x&lt;/b&gt;"), "{h}");
        assert!(h.contains("<mark class=\"c-city-email\""), "{h}");
        assert!(!h.contains("<b>"));
    }
}
