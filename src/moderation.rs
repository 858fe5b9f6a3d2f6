//! Moderation mode's one check that a regex cannot make: is a link in a
//! public comment related to the City post the comment replies to
//! ([moderation.links]: "Hyperlinks to material that is not directly related
//! to the discussion")?
//!
//! Both texts arrive as matching views (lowercase, folded; `normalize.rs`).
//! A link is **related** when any of these holds:
//!
//! 1. its host is one of the organisation's domains or a subdomain
//!    (`rochestermn.gov`): the City's own pages are City business;
//! 2. its host is named in the post (the post links the same site);
//! 3. a content word of the link (host labels other than `www` and the
//!    top-level domain, and path segments, split at non-letters) is a content
//!    word of the post: `startribune.com/snow-emergency-rules` under a post
//!    about a snow emergency;
//! 4. the comment's own words (outside its links) share a content word with
//!    the post: the commenter says what the link is about, in the post's terms
//!    ("Here is the bus schedule: bit.ly/x" under a post about bus routes).
//!
//! Content words are words of four or more letters that are not function
//! words or generic web and social-media words ("http", "page", "thanks",
//! "check", "great", ...), compared after a light suffix stem ("routes" =
//! "route", "plowing" = "plow"). Everything else is reported for review.
//! With no post, nothing is judged: relatedness needs the discussion.

use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;

/// A link: a URL with a scheme, a `www.` host, or a bare host with a common
/// top-level domain; not the domain part of an email address.
fn link_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"(?:https?://|www\.)[^\s<>"'()\[\]]+|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|info|biz|io|co|us|gov|edu|ly|me|shop|store|xyz|online|site|app|tv|gg|club|link|click|live|top|ru|cn|ca|uk|news|blog|tk|example)\b(?:/[^\s<>"'()\[\]]*)?"#)
            .expect("link regex")
    })
}

/// Link spans in `view` (byte offsets), trailing sentence punctuation excluded.
pub fn links(view: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for m in link_regex().find_iter(view) {
        if view[..m.start()].ends_with('@') {
            continue; // an email address, not a link
        }
        let trimmed = m.as_str().trim_end_matches(['.', ',', '!', '?', ';', ':']);
        out.push((m.start(), m.start() + trimmed.len()));
    }
    out
}

/// The host of a link, without scheme, `www.`, port or path.
fn host(link: &str) -> &str {
    let l = link.split_once("://").map_or(link, |(_, r)| r);
    let l = l.split(['/', '?', '#', ':']).next().unwrap_or(l);
    l.strip_prefix("www.").unwrap_or(l)
}

/// A host and its parent domains with at least two labels:
/// `a.b.example.com` gives `a.b.example.com`, `b.example.com`, `example.com`.
fn parents(h: &str) -> impl Iterator<Item = &str> {
    let dots = h.bytes().filter(|&b| b == b'.').count();
    std::iter::once(h).chain(h.match_indices('.').take(dots.saturating_sub(1)).map(move |(i, _)| &h[i + 1..]))
}

const STOP: &[&str] = &[
    // function words
    "about", "above", "after", "again", "against", "also", "because", "been", "before", "being", "below", "between", "both", "could", "does",
    "doing", "down", "during", "each", "even", "ever", "every", "from", "further", "have", "having", "here", "into", "just", "like", "more",
    "most", "much", "must", "only", "other", "over", "same", "should", "some", "such", "than", "that", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "under", "until", "very", "want", "were", "what", "when", "where", "which", "while", "will",
    "with", "would", "your", "yours", "ours", "what's", "it's", "don't", "isn't", "aren't", "really", "still", "need", "know", "think",
    "make", "made", "take", "people", "everyone", "anyone", "someone", "thing", "things", "today", "tomorrow", "week", "year", "time",
    // generic web and social-media words
    "http", "https", "html", "index", "page", "pages", "site", "website", "link", "links", "post", "posts", "status", "watch", "video",
    "article", "news", "story", "read", "click", "check", "visit", "info", "more", "here", "share", "view", "photo", "photos", "thanks",
    "thank", "great", "good", "nice", "awesome", "update", "updates", "please", "free", "best", "online", "home", "blog", "amp", "utm",
    "source", "medium", "campaign", "share", "channel", "profile", "follow", "comment", "comments", "reply",
    // words every City post and comment may hold: no evidence of a shared topic
    "city", "city's", "rochester", "minnesota", "residents", "real",
];

/// Light stem: "routes" -> "route", "plowing" -> "plow", "towed" -> "tow",
/// "cities" -> "city".
fn stem(w: &str) -> String {
    let w = w.trim_matches('\'');
    for (suf, rep) in [("ies", "y"), ("ing", ""), ("es", ""), ("ed", ""), ("s", "")] {
        if let Some(base) = w.strip_suffix(suf) {
            if base.len() >= 3 {
                return format!("{base}{rep}");
            }
        }
    }
    w.to_string()
}

/// Content words of a text (stemmed).
fn content_words(text: &str) -> HashSet<String> {
    text.split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| w.chars().count() >= 4 && !STOP.contains(w))
        .map(stem)
        .filter(|w| w.chars().count() >= 3)
        .collect()
}

/// Spans of `comment` (a matching view) holding links unrelated to `post`
/// (a matching view), by the rules in the module documentation.
/// `org_domains` are the organisation's own domains.
pub fn unrelated_links(comment: &str, post: &str, org_domains: &[String]) -> Vec<(usize, usize)> {
    let spans = links(comment);
    if spans.is_empty() {
        return spans;
    }
    let post_words = content_words(post);
    // The post's hosts, and every parent domain of each (`a.b.com` gives
    // `a.b.com`, `b.com`, `com`'s excluded): a comment's host is "named in the
    // post" when it is one of the post's hosts or a parent or child of one.
    // Sets, so a long comment with many links stays linear.
    let mut post_hosts: HashSet<&str> = HashSet::new();
    let mut post_parents: HashSet<&str> = HashSet::new();
    for &(s, e) in &links(post) {
        let h = host(&post[s..e]);
        post_hosts.insert(h);
        post_parents.extend(parents(h));
    }
    // The comment's own words, links blanked out.
    let mut own = String::with_capacity(comment.len());
    let mut last = 0;
    for &(s, e) in &spans {
        own.push_str(&comment[last..s]);
        own.push(' ');
        last = e;
    }
    own.push_str(&comment[last..]);
    if !content_words(&own).is_disjoint(&post_words) {
        return Vec::new(); // rule 4: the comment speaks of the post's topic
    }
    spans
        .into_iter()
        .filter(|&(s, e)| {
            let link = &comment[s..e];
            let h = host(link);
            let mine: Vec<&str> = parents(h).collect();
            if org_domains.iter().any(|d| mine.contains(&d.as_str())) {
                return false; // rule 1: the organisation's domain or a subdomain
            }
            if mine.iter().any(|p| post_hosts.contains(p)) || post_parents.contains(h) {
                return false; // rule 2: the post's host, or a parent or child of it
            }
            // Rule 3: the link's own words, without the top-level domain.
            let rest = link.split_once("://").map_or(link, |(_, r)| r);
            let tld_at = h.rfind('.').map_or(h.len(), |i| i);
            let words = format!("{} {}", &h[..tld_at], &rest[h.len().min(rest.len())..]);
            let words = words.replace(['-', '_', '.', '/', '?', '=', '&', '+'], " ");
            content_words(&words).is_disjoint(&post_words)
        })
        .collect()
}

/// The whole comment (trimmed, byte offsets in `comment`) when it shares no
/// content word with `post`, its links' words included: nothing in the
/// comment speaks of the post's topic ([moderation.off-topic]). This alone is
/// weak evidence (a short "Thanks!" shares nothing either), so the pack pairs
/// it with a signal that says what the comment is about instead (a request
/// for a plumber, a lost cat, a birthday). Without a post, or with a post or a
/// comment that has no content words, nothing is judged.
pub fn unrelated_text(comment: &str, post: &str) -> Option<(usize, usize)> {
    let post_words = content_words(&post.replace(['-', '_', '.', '/', '?', '=', '&', '+'], " "));
    if post_words.is_empty() {
        return None;
    }
    let words = content_words(&comment.replace(['-', '_', '.', '/', '?', '=', '&', '+'], " "));
    if words.is_empty() || !words.is_disjoint(&post_words) {
        return None;
    }
    let start = comment.len() - comment.trim_start().len();
    let end = comment.trim_end().len();
    (start < end).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(comment: &str, post: &str) -> Vec<String> {
        unrelated_links(comment, post, &["rochestermn.gov".to_string()]).into_iter().map(|(s, e)| comment[s..e].to_string()).collect()
    }

    const POST: &str = "snow emergency declared: no parking on even sides of streets until plowing is done. routes at rochestermn.gov/snow";

    #[test]
    fn related_and_unrelated() {
        assert_eq!(run("make $500 a day from home: cashfast.biz/join", POST), vec!["cashfast.biz/join"]);
        assert_eq!(run("check out my channel https://youtube.com/@gamerguy", POST), vec!["https://youtube.com/@gamerguy"]);
        assert!(run("the map is at www.rochestermn.gov/snow-map.", POST).is_empty());
        assert!(run("kttc has the list: https://kttc.com/2026/12/05/snow-emergency-parking/", POST).is_empty());
        assert!(run("i wish they plowed my street first lol bit.ly/3xyz", POST).is_empty());
        assert!(run("email me at joe@gmail.com", POST).is_empty());
        assert_eq!(links("see example.com."), vec![(4, 15)]);
        assert_eq!(parents("a.b.example.com").collect::<Vec<_>>(), ["a.b.example.com", "b.example.com", "example.com"]);
        // A subdomain of the post's site, and the parent of a site the post names.
        assert!(run("sign up at swim.ymca.org", "lessons at ymca.org/swim").is_empty());
        assert!(run("sign up at ymca.org", "lessons at swim.ymca.org").is_empty());
        assert_eq!(run("see fakeymca.org", "lessons at ymca.org"), vec!["fakeymca.org"]);
    }

    #[test]
    fn unrelated_text_needs_no_shared_word() {
        let c = "  anyone know a good dentist that takes medica?  ";
        assert_eq!(unrelated_text(c, POST).map(|(s, e)| &c[s..e]), Some("anyone know a good dentist that takes medica?"));
        assert_eq!(unrelated_text("will they plow my street tonight?", POST), None, "plow = plowing");
        assert_eq!(unrelated_text("is parking allowed on sundays?", POST), None, "parking = parking");
        assert_eq!(unrelated_text("ok", POST), None, "no content words: not judged");
        assert_eq!(unrelated_text("anyone know a good dentist?", ""), None, "no post: not judged");
    }
}
