//! Mastodon's archive ("Request your archive", a `.tar.gz`): `outbox.json`, an
//! ActivityPub `OrderedCollection` whose `orderedItems` are `Create` activities
//! (the account's statuses: `object` is a `Note` with HTML `content`, a
//! `summary` content warning, `inReplyTo`, `published`, `url`) and `Announce`
//! activities (boosts, skipped). Direct messages (addressed to neither the
//! public nor the followers) are skipped.

use super::json::{any_date, each_element, str_at};
use super::{Emit, Item, Kind};
use serde_json::Value;
use std::io::Read;

pub fn is_outbox(path: &str) -> bool {
    path.rsplit('/').next() == Some("outbox.json")
}

const PUBLIC: [&str; 3] = ["https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"];

fn addressed(v: &Value) -> Vec<&str> {
    let mut out = Vec::new();
    for k in ["to", "cc"] {
        match v.get(k) {
            Some(Value::String(s)) => out.push(s.as_str()),
            Some(Value::Array(a)) => out.extend(a.iter().filter_map(Value::as_str)),
            _ => {}
        }
    }
    out
}

fn is_direct(activity: &Value, object: &Value) -> bool {
    let mut to = addressed(object);
    if to.is_empty() {
        to = addressed(activity);
    }
    if to.is_empty() {
        return false; // no addressing at all: not known to be private
    }
    !to.iter().any(|a| PUBLIC.contains(a) || a.ends_with("/followers"))
}

pub fn read_outbox(file: &str, r: &mut dyn Read, out: &mut dyn Emit) -> Result<(), String> {
    let mut n = 0usize;
    each_element(r, &["orderedItems"], &mut |a: Value| {
        n += 1;
        if str_at(&a, "type") != Some("Create") {
            return; // Announce (a boost), Like, ...
        }
        let Some(o) = a.get("object").filter(|o| o.is_object()) else {
            out.bad_item(file, n, "a Create activity with no object".into());
            return;
        };
        if is_direct(&a, o) {
            return;
        }
        let body = str_at(o, "content").map(html_to_text).unwrap_or_default();
        let cw = str_at(o, "summary").map(str::trim).filter(|s| !s.is_empty());
        let text = match cw {
            Some(cw) if body.is_empty() => cw.to_string(),
            Some(cw) => format!("{cw}\n{body}"),
            None => body,
        };
        if text.trim().is_empty() {
            return;
        }
        let id = str_at(o, "id").or_else(|| str_at(&a, "id")).map(str::to_string);
        let url = match o.get("url") {
            Some(Value::String(u)) => Some(u.clone()),
            Some(Value::Array(a)) => a.iter().find_map(|u| u.as_str().or_else(|| str_at(u, "href"))).map(str::to_string),
            Some(Value::Object(_)) => o.get("url").and_then(|u| str_at(u, "href")).map(str::to_string),
            _ => None,
        }
        .or_else(|| id.clone());
        let reply = o.get("inReplyTo").is_some_and(|r| !r.is_null());
        out.item(Item {
            source: "mastodon",
            file: file.to_string(),
            id: id.map(Value::String).unwrap_or(Value::from(n)),
            date: str_at(o, "published").or_else(|| str_at(&a, "published")).and_then(any_date),
            kind: if reply { Kind::Reply } else { Kind::Post },
            url,
            text,
            ctx: None,
        });
    })
}

/// Mastodon's status HTML (its sanitiser allows `p`, `br`, `a`, `span`, and
/// on newer servers lists, quotes, `pre`, `code` and inline emphasis) as plain
/// text: `<br>` is a line break, paragraphs, list items and block quotes
/// are separated by a blank line or a line break, every other tag is dropped
/// (its text kept: a link's hidden `https://` prefix too, so links read in
/// full), and entities are decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        let tag = &rest[lt..];
        if tag.starts_with("<!--") {
            rest = tag.find("-->").map_or("", |e| &tag[e + 3..]);
            continue;
        }
        let Some(end) = tag_end(tag) else {
            // A lone `<` is text.
            out.push('<');
            rest = &tag[1..];
            continue;
        };
        let inner = &tag[1..end];
        let closing = inner.starts_with('/');
        let name: String = inner.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("br", _) => out.push('\n'),
            ("p" | "blockquote" | "pre" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => block_break(&mut out, "\n\n"),
            ("li", false) => block_break(&mut out, "\n"),
            _ => {}
        }
        rest = &tag[end + 1..];
    }
    push_text(&mut out, rest);
    let trimmed = out.trim_end_matches(['\n', ' ']);
    trimmed.trim_start_matches('\n').to_string()
}

/// The index of the `>` closing the tag at the start of `s`, skipping quoted
/// attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

fn push_text(out: &mut String, s: &str) {
    if !s.is_empty() {
        out.push_str(&html_escape::decode_html_entities(s));
    }
}

fn block_break(out: &mut String, sep: &str) {
    if out.is_empty() {
        return;
    }
    while out.ends_with(' ') {
        out.pop();
    }
    let have = out.len() - out.trim_end_matches('\n').len();
    for _ in have..sep.len() {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    #[test]
    fn html() {
        assert_eq!(html_to_text("<p>One<br />two</p><p>Three &amp; four &lt;3</p>"), "One\ntwo\n\nThree & four <3");
        assert_eq!(
            html_to_text(r#"<p>See <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="ellipsis">example.com/a</span><span class="invisible">?b=1&amp;c=2</span></a> <span class="h-card"><a href="https://m.example/@bob" class="u-url mention">@<span>bob</span></a></span></p>"#),
            "See https://example.com/a?b=1&c=2 @bob"
        );
        assert_eq!(html_to_text("<ul><li>a</li><li>b</li></ul>"), "a\nb");
        assert_eq!(html_to_text("1 < 2 and <b>bold</b>"), "1 < 2 and bold");
        assert_eq!(html_to_text("a <"), "a <");
        assert_eq!(html_to_text(r#"<a title="x>y">z</a>"#), "z");
    }
}
