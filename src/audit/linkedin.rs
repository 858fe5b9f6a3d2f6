//! LinkedIn's data export ("Get a copy of your data"): `Shares.csv`
//! (`Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility`) and
//! `Comments.csv` (`Date,Link,Message`); dates are `YYYY-MM-DD HH:MM:SS` in UTC.

use super::json::any_date;
use super::{Emit, Item, Kind};
use serde_json::Value;
use std::io::Read;

pub fn is_shares(path: &str) -> bool {
    path.rsplit('/').next() == Some("Shares.csv")
}

pub fn is_comments(path: &str) -> bool {
    path.rsplit('/').next() == Some("Comments.csv")
}

/// The URN in a LinkedIn link (`.../feed/update/urn%3Ali%3Ashare%3A123/`),
/// which is the post's id.
fn urn(link: &str) -> Option<String> {
    let last = link.trim_end_matches('/').rsplit('/').next()?;
    let decoded = last.replace("%3A", ":").replace("%3a", ":");
    let decoded = decoded.split('?').next().unwrap_or(&decoded).to_string();
    decoded.starts_with("urn:li:").then_some(decoded)
}

pub fn read(file: &str, r: &mut dyn Read, shares: bool, out: &mut dyn Emit) -> Result<(), String> {
    let (text_col, link_col) = if shares { ("ShareCommentary", "ShareLink") } else { ("Message", "Link") };
    let (r, lines) = super::plain::Lines::new(r);
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(r);
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name);
    let text_i = col(text_col).ok_or_else(|| format!("expected a \"{text_col}\" column (found: {})", headers.iter().collect::<Vec<_>>().join(",")))?;
    let (date_i, link_i) = (col("Date"), col(link_col));
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    return Err(e.to_string());
                }
                out.bad_item(file, line, e.to_string());
                continue;
            }
        }
        let line = rec.position().map_or(0, |p| lines.line_at(p.byte()));
        let text = rec.get(text_i).unwrap_or("");
        if text.trim().is_empty() {
            continue;
        }
        let date_s = date_i.and_then(|i| rec.get(i)).unwrap_or("");
        let date = any_date(date_s);
        if date.is_none() && !date_s.is_empty() {
            out.bad_item(file, line, format!("unreadable date {date_s:?}"));
            continue;
        }
        let link = link_i.and_then(|i| rec.get(i)).filter(|l| !l.is_empty());
        out.item(Item {
            source: "linkedin",
            file: file.to_string(),
            id: Value::String(link.and_then(urn).unwrap_or_else(|| format!("line {line}"))),
            date,
            kind: if shares { Kind::Post } else { Kind::Comment },
            url: link.map(str::to_string),
            text: text.to_string(),
            ctx: None,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn urns() {
        assert_eq!(super::urn("https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7012345/").as_deref(), Some("urn:li:share:7012345"));
        assert_eq!(super::urn("https://www.linkedin.com/feed/update/urn:li:activity:7012345?commentUrn=x").as_deref(), Some("urn:li:activity:7012345"));
        assert_eq!(super::urn("https://example.com/x"), None);
    }
}
