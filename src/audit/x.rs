//! X (Twitter) archives: `data/tweets.js` and `data/tweets-partN.js` (older
//! archives: `tweet.js`, `tweet-partN.js`), each `window.YTD.tweets.partN = [
//! {"tweet": {...}}, ... ]`, and `data/account.js` for the user name in links.

use super::json::{each_element_of_script as each_element, str_at, x_date};
use super::{Emit, Item, Kind};
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;

/// Is this path a tweets file of an X archive?
pub fn is_tweets(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some(stem) = name.strip_suffix(".js") else { return false };
    let rest = stem.strip_prefix("tweets").or_else(|| stem.strip_prefix("tweet"));
    match rest {
        Some("") => true,
        Some(r) => r.strip_prefix("-part").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        None => false,
    }
}

pub fn is_account(path: &str) -> bool {
    path.rsplit('/').next() == Some("account.js")
}

pub fn is_notes(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".js").and_then(|s| s.strip_prefix("note-tweet")).is_some_and(|r| {
        r.is_empty() || r.strip_prefix("-part").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Long posts' whole texts by their creation time (Unix seconds). Only the
/// notes are held (a few long posts), never the tweets.
pub type Notes = HashMap<i64, Vec<String>>;

pub fn read_notes(r: &mut dyn Read, notes: &mut Notes) -> Result<(), String> {
    skip_assignment(r, "note_tweet")?;
    each_element(r, &mut |v: Value| {
        let n = v.get("noteTweet").unwrap_or(&v);
        let text = n.get("core").and_then(|c| str_at(c, "text")).or_else(|| n.get("noteTweetResults").and_then(|c| str_at(c, "text")));
        let when = str_at(n, "createdAt").and_then(super::json::any_date);
        if let (Some(t), Some(w)) = (text, when) {
            notes.entry(w.timestamp()).or_default().push(html_escape::decode_html_entities(t).into_owned());
        }
    })
}

/// The note a cut-short tweet came from, if any.
fn whole_text<'a>(text: &str, when: Option<i64>, notes: &'a Notes) -> Option<&'a str> {
    let candidates = notes.get(&when?)?;
    // "first part of the post… https://t.co/abc": drop the link, then the ellipsis.
    let mut head = text.trim_end();
    if let Some(i) = head.rfind("https://t.co/") {
        if !head[i..].contains(char::is_whitespace) {
            head = head[..i].trim_end();
        }
    }
    let head = head.trim_end_matches('…').trim_end();
    candidates.iter().map(String::as_str).find(|n| n.len() > head.len() && n.starts_with(head))
}

/// Skip `window.YTD.<name>.partN = ` and check it names `want` (a prefix of
/// the data set's name, e.g. "tweet" for both "tweet" and "tweets").
fn skip_assignment(r: &mut dyn Read, want: &str) -> Result<(), String> {
    let mut head = Vec::new();
    let mut b = [0u8; 1];
    loop {
        if r.read(&mut b).map_err(|e| e.to_string())? == 0 || head.len() > 200 {
            return Err(format!("expected `window.YTD.{want}s.partN = [` at the start of the file"));
        }
        if b[0] == b'=' {
            break;
        }
        head.push(b[0]);
    }
    let head = String::from_utf8_lossy(&head);
    let head = head.trim_start_matches('\u{feff}').trim();
    let ok = head.strip_prefix("window.YTD.").and_then(|h| h.split_once(".part")).is_some_and(|(name, n)| name.starts_with(want) && n.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(format!("expected `window.YTD.{want}s.partN = [` at the start of the file, found `{}`", head.chars().take(60).collect::<String>()))
    }
}

/// The account's user name, from `data/account.js`.
pub fn read_account(r: &mut dyn Read) -> Result<Option<String>, String> {
    skip_assignment(r, "account")?;
    let mut name = None;
    each_element(r, &mut |v| {
        if name.is_none() {
            name = v.get("account").and_then(|a| str_at(a, "username")).map(str::to_string);
        }
    })?;
    Ok(name)
}

pub fn read_tweets(file: &str, r: &mut dyn Read, username: Option<&str>, notes: &Notes, out: &mut dyn Emit) -> Result<(), String> {
    skip_assignment(r, "tweet")?;
    let mut n = 0usize;
    each_element(r, &mut |v: Value| {
        n += 1;
        let t = v.get("tweet").unwrap_or(&v);
        let id = str_at(t, "id_str").map(str::to_string).or_else(|| t.get("id").map(|i| i.to_string().trim_matches('"').to_string()));
        let Some(full) = str_at(t, "full_text").or_else(|| str_at(t, "text")) else {
            out.bad_item(file, n, "no \"full_text\" in this tweet".into());
            return;
        };
        // Retweets carry someone else's words ("RT @name: ..."); they are not the account's posts.
        if full.starts_with("RT @") || t.get("retweeted").and_then(Value::as_bool) == Some(true) {
            return;
        }
        let mut text = html_escape::decode_html_entities(full).into_owned();
        let date = str_at(t, "created_at").and_then(x_date);
        if let Some(whole) = whole_text(&text, date.map(|d| d.timestamp()), notes) {
            text = whole.to_string();
        }
        if text.trim().is_empty() {
            return;
        }
        let reply = t.get("in_reply_to_status_id_str").or_else(|| t.get("in_reply_to_status_id")).is_some_and(|x| !x.is_null());
        let url = id.as_ref().map(|id| match username {
            Some(u) => format!("https://x.com/{u}/status/{id}"),
            None => format!("https://x.com/i/web/status/{id}"),
        });
        out.item(Item {
            source: "x",
            file: file.to_string(),
            id: id.map(Value::String).unwrap_or(Value::from(n)),
            date,
            kind: if reply { Kind::Reply } else { Kind::Post },
            url,
            text,
            ctx: None,
        });
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn notes_complete_cut_short_tweets() {
        let mut notes = super::Notes::new();
        notes.insert(100, vec!["Other post".into(), "The whole of a long post, with its end.".into()]);
        assert_eq!(super::whole_text("The whole of a long… https://t.co/AbC", Some(100), &notes), Some("The whole of a long post, with its end."));
        assert_eq!(super::whole_text("The whole of a long…", Some(100), &notes), Some("The whole of a long post, with its end."));
        assert_eq!(super::whole_text("The whole of a long…", Some(101), &notes), None, "another second");
        assert_eq!(super::whole_text("Something else…", Some(100), &notes), None, "another text");
        assert!(super::is_notes("data/note-tweet.js") && super::is_notes("data/note-tweet-part1.js") && !super::is_notes("data/note-tweets.json"));
    }

    #[test]
    fn names() {
        for p in ["data/tweets.js", "x/data/tweets-part1.js", "data/tweet.js", "data/tweet-part12.js"] {
            assert!(super::is_tweets(p), "{p}");
        }
        for p in ["data/tweetdeck.js", "data/tweets-part.js", "data/tweets-media.js", "data/deleted-tweets.js", "data/tweets.json"] {
            assert!(!super::is_tweets(p), "{p}");
        }
    }
}
