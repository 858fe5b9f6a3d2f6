//! Instagram's "Download your information" export, JSON format. Posts:
//! `your_instagram_activity/content/posts_N.json` (older: `content/posts_N.json`),
//! an array of `{"media": [{"uri", "creation_timestamp", "title"}], "title",
//! "creation_timestamp"}` where the caption is the post's `title` (or its one
//! medium's); reels: `content/reels.json`, `{"ig_reels_media": [same]}`.
//! Comments: `comments/post_comments_N.json`, an array of `{"string_map_data":
//! {"Comment": {"value"}, "Media Owner": {"value"}, "Time": {"timestamp"}}}`,
//! and `comments/reels_comments.json`, `{"comments_reels_comments": [same]}`.
//! Strings are written as Latin-1 escapes of UTF-8, as on Facebook.

use super::json::{each_element, fix_mojibake, str_at, unix_time};
use super::{Emit, Item, Kind};
use serde_json::Value;
use std::io::Read;

fn numbered(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix).and_then(|r| r.strip_suffix(".json")).is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

pub fn is_posts(path: &str) -> bool {
    let mut parts = path.rsplit('/');
    let (n, dir) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    (dir == "content" || dir == "media") && (numbered(n, "posts_") || n == "reels.json")
}

pub fn is_comments(path: &str) -> bool {
    let mut parts = path.rsplit('/');
    let (n, dir) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    dir == "comments" && (numbered(n, "post_comments_") || n == "post_comments.json" || n == "reels_comments.json")
}

pub fn read_posts(file: &str, r: &mut dyn Read, out: &mut dyn Emit) -> Result<(), String> {
    let mut n = 0usize;
    each_element(r, &["ig_reels_media", "ig_posts"], &mut |v: Value| {
        n += 1;
        let media = v.get("media").and_then(Value::as_array);
        let first = media.and_then(|m| m.first());
        let caption = str_at(&v, "title").filter(|t| !t.is_empty()).or_else(|| first.and_then(|m| str_at(m, "title")));
        let Some(caption) = caption.map(|c| fix_mojibake(c).into_owned()).filter(|c| !c.trim().is_empty()) else { return };
        let date = v.get("creation_timestamp").or_else(|| first.and_then(|m| m.get("creation_timestamp"))).and_then(unix_time);
        out.item(Item {
            source: "instagram",
            file: file.to_string(),
            id: Value::String(n.to_string()),
            date,
            kind: Kind::Post,
            url: None,
            text: caption,
            ctx: None,
        });
    })
}

pub fn read_comments(file: &str, r: &mut dyn Read, out: &mut dyn Emit) -> Result<(), String> {
    let mut n = 0usize;
    each_element(r, &["comments_reels_comments", "comments_media_comments"], &mut |v: Value| {
        n += 1;
        let m = v.get("string_map_data");
        let Some(text) = m.and_then(|m| m.get("Comment")).and_then(|c| str_at(c, "value")) else {
            out.bad_item(file, n, "a comment with no \"string_map_data\".\"Comment\".\"value\"".into());
            return;
        };
        let text = fix_mojibake(text).into_owned();
        if text.trim().is_empty() {
            return;
        }
        out.item(Item {
            source: "instagram",
            file: file.to_string(),
            id: Value::String(n.to_string()),
            date: m.and_then(|m| m.get("Time")).and_then(|t| t.get("timestamp")).and_then(unix_time),
            kind: Kind::Comment,
            url: None,
            text,
            ctx: None,
        });
    })
}
