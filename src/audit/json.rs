//! Streaming helpers shared by the export readers: one array element at a
//! time out of a JSON document (so a file is never held whole), Facebook's
//! mojibake repair, and the date formats the platforms use.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::io::Read;

/// Calls `f` with each element of the document's array, one element in
/// memory at a time. The document is either that array, or an object with
/// the array under one of `keys` (other members are skipped unread into
/// memory). Elements already passed to `f` stay delivered if the document
/// turns out to be damaged further on: the error says where.
pub fn each_element<R: Read>(r: R, keys: &[&str], f: &mut dyn FnMut(Value)) -> Result<(), String> {
    each_element_then(r, keys, f, false)
}

/// [`each_element`], but what follows the array is not read (X's
/// `window.YTD... = [...]` files may end in a `;`).
pub fn each_element_of_script<R: Read>(r: R, f: &mut dyn FnMut(Value)) -> Result<(), String> {
    each_element_then(r, &[], f, true)
}

fn each_element_then<R: Read>(r: R, keys: &[&str], f: &mut dyn FnMut(Value), script: bool) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_reader(r);
    let mut found = false;
    Top { keys, f, found: &mut found }.deserialize(&mut de).map_err(|e| e.to_string())?;
    if !script {
        de.end().map_err(|e| e.to_string())?;
    }
    if !found {
        return Err(if keys.is_empty() {
            "expected a JSON array".to_string()
        } else {
            format!("expected a JSON array, or an object with an array under {}", keys.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(" or "))
        });
    }
    Ok(())
}

struct Top<'a> {
    keys: &'a [&'a str],
    f: &'a mut dyn FnMut(Value),
    found: &'a mut bool,
}

struct Elements<'a>(&'a mut dyn FnMut(Value));

impl<'de> DeserializeSeed<'de> for Top<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON array or object")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        *self.found = true;
        Elements(self.f).visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(k) = map.next_key::<String>()? {
            if !*self.found && self.keys.contains(&k.as_str()) {
                *self.found = true;
                map.next_value_seed(Elements(&mut *self.f))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Elements<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Elements<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(v) = seq.next_element::<Value>()? {
            (self.0)(v);
        }
        Ok(())
    }
}

/// Facebook and Instagram write each UTF-8 byte of a string as its own
/// `\u00XX` escape (`\u00c3\u00a9` for `é`, four escapes for an emoji).
/// When every character of `s` is below U+0100 and the bytes they stand for
/// are valid UTF-8, return that text; otherwise `s` is already real text.
pub fn fix_mojibake(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| ('\u{80}'..='\u{ff}').contains(&c)) || s.chars().any(|c| c > '\u{ff}') {
        return Cow::Borrowed(s);
    }
    let bytes: Vec<u8> = s.chars().map(|c| c as u32 as u8).collect();
    match String::from_utf8(bytes) {
        Ok(t) => Cow::Owned(t),
        Err(_) => Cow::Borrowed(s),
    }
}

/// A string field, `None` when absent, null or not a string.
pub fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// A Unix time in seconds (number or numeric string).
pub fn unix_time(v: &Value) -> Option<DateTime<Utc>> {
    let secs = match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64))?,
        Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    DateTime::from_timestamp(secs, 0)
}

/// X's `created_at`: `Wed Oct 10 20:19:24 +0000 2018`.
pub fn x_date(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_str(s, "%a %b %d %H:%M:%S %z %Y").ok().map(|d| d.with_timezone(&Utc))
}

/// A date as people and the platforms write them: RFC 3339 / ISO 8601 with
/// an offset or `Z`, `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS` (UTC,
/// LinkedIn's form), or a bare `YYYY-MM-DD` (midnight UTC).
pub fn any_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    for f in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(d.and_utc());
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc())
}

/// The one output form: `2018-10-10T20:19:24Z`.
pub fn iso(d: &DateTime<Utc>) -> String {
    d.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake() {
        assert_eq!(fix_mojibake("Caf\u{00c3}\u{00a9}"), "Café");
        assert_eq!(fix_mojibake("\u{00f0}\u{009f}\u{0098}\u{0080}"), "😀");
        assert_eq!(fix_mojibake("Café"), "Café"); // real Latin-1 text that is not UTF-8 stays
        assert_eq!(fix_mojibake("plain"), "plain");
        assert_eq!(fix_mojibake("é 😀"), "é 😀");
    }

    #[test]
    fn streams_elements() {
        let mut got = vec![];
        each_element(&br#"{"a": {"b": [1]}, "items": [1, {"x": 2}], "z": 3}"#[..], &["items"], &mut |v| got.push(v)).unwrap();
        assert_eq!(got.len(), 2);
        let mut n = 0;
        let e = each_element(&b"[1, 2, 3"[..], &[], &mut |_| n += 1).unwrap_err();
        assert_eq!(n, 3, "{e}");
        assert!(each_element(&br#"{"other": []}"#[..], &["items"], &mut |_| ()).unwrap_err().contains("\"items\""));
    }

    #[test]
    fn dates() {
        assert_eq!(iso(&x_date("Wed Oct 10 20:19:24 +0000 2018").unwrap()), "2018-10-10T20:19:24Z");
        assert_eq!(iso(&x_date("Wed Oct 10 20:19:24 +0200 2018").unwrap()), "2018-10-10T18:19:24Z");
        assert_eq!(iso(&any_date("2023-01-05 14:03:22").unwrap()), "2023-01-05T14:03:22Z");
        assert_eq!(iso(&any_date("2023-01-05T14:03:22.000-06:00").unwrap()), "2023-01-05T20:03:22Z");
        assert_eq!(iso(&any_date("2023-01-05").unwrap()), "2023-01-05T00:00:00Z");
        assert_eq!(iso(&unix_time(&serde_json::json!(1577836800)).unwrap()), "2020-01-01T00:00:00Z");
        assert!(any_date("yesterday").is_none());
    }
}
