//! Facebook's "Download your information" export, JSON format. Your posts:
//! `your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_N.json`
//! (older exports: `posts/your_posts_N.json`), an array of
//! `{"timestamp", "data": [{"post": "..."}], "attachments", "title"}`. Your
//! comments: `.../comments_and_reactions/comments.json` (older:
//! `comments/comments.json`), `{"comments_v2": [{"timestamp", "data":
//! [{"comment": {"timestamp", "comment", "author"}}], "title"}]}`, and the
//! same shape in `groups/your_comments_in_groups.json` (`group_comments_v2`).
//! Every string is UTF-8 written as Latin-1 escapes: see [`fix_mojibake`].

use super::json::{each_element, fix_mojibake, str_at, unix_time};
use super::{Emit, Item, Kind};
use serde_json::Value;
use std::io::Read;

fn name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

pub fn is_posts(path: &str) -> bool {
    let n = name(path);
    ["your_posts_", "your_posts__check_ins__photos_and_videos_"].iter().any(|p| {
        n.strip_prefix(p).and_then(|r| r.strip_suffix(".json")).is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
    })
}

pub fn is_comments(path: &str) -> bool {
    let n = name(path);
    let dir = path.rsplit('/').nth(1).unwrap_or("");
    (n == "comments.json" && (dir == "comments" || dir == "comments_and_reactions")) || n == "your_comments_in_groups.json"
}

pub fn read_posts(file: &str, r: &mut dyn Read, out: &mut dyn Emit) -> Result<(), String> {
    let mut n = 0usize;
    each_element(r, &["status_updates"], &mut |v: Value| {
        n += 1;
        let Some(data) = v.get("data").and_then(Value::as_array) else {
            // A post with no data (a photo, a check-in) has no text to check.
            return;
        };
        let text: Vec<String> = data.iter().filter_map(|d| str_at(d, "post")).map(|s| fix_mojibake(s).into_owned()).filter(|s| !s.trim().is_empty()).collect();
        if text.is_empty() {
            return;
        }
        out.item(Item {
            source: "facebook",
            file: file.to_string(),
            id: Value::String(n.to_string()),
            date: v.get("timestamp").and_then(unix_time),
            kind: Kind::Post,
            url: None,
            text: text.join("\n"),
            ctx: None,
        });
    })
}

pub fn read_comments(file: &str, r: &mut dyn Read, out: &mut dyn Emit) -> Result<(), String> {
    let mut n = 0usize;
    each_element(r, &["comments_v2", "group_comments_v2", "comments"], &mut |v: Value| {
        n += 1;
        let c = v.get("data").and_then(Value::as_array).and_then(|d| d.iter().find_map(|d| d.get("comment")));
        let Some(c) = c else { return };
        let Some(text) = str_at(c, "comment").map(|s| fix_mojibake(s).into_owned()) else {
            out.bad_item(file, n, "a comment with no \"comment\" text".into());
            return;
        };
        if text.trim().is_empty() {
            return;
        }
        out.item(Item {
            source: "facebook",
            file: file.to_string(),
            id: Value::String(n.to_string()),
            date: c.get("timestamp").or_else(|| v.get("timestamp")).and_then(unix_time),
            kind: Kind::Comment,
            url: None,
            text,
            ctx: None,
        });
    })
}
