//! Reads clause texts out of the policy document (`policy/*.md`), where every
//! clause starts with its id in brackets: `[personal.disclaimer] If a City
//! Representative ...`, list items `- [city.g.email] City Representatives
//! must never ...`, and section headings `## Personal Social Media Use [personal]`.

/// One clause of the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub id: String,
    /// The heading of the section the clause is in.
    pub heading: String,
    /// The clause's own words, joined into one paragraph (list items keep a
    /// line of their own, starting with "- ").
    pub text: String,
}

/// Parse every clause, in document order.
pub fn parse_clauses(md: &str) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::new();
    let mut heading = String::new();
    let mut open = false; // is the last clause still collecting lines?
    for raw in md.lines() {
        let line = raw.trim_end();
        let t = line.trim_start();
        if let Some(h) = t.strip_prefix("## ") {
            let (title, id) = split_trailing_id(h);
            heading = title.to_string();
            if let Some(id) = id {
                out.push(Clause { id: id.to_string(), heading: heading.clone(), text: title.to_string() });
            }
            open = false;
            continue;
        }
        if t.is_empty() || t.starts_with('#') {
            open = false;
            continue;
        }
        let body = t.strip_prefix("- ").unwrap_or(t);
        if let Some((id, rest)) = leading_id(body) {
            out.push(Clause { id: id.to_string(), heading: heading.clone(), text: rest.trim().to_string() });
            open = true;
            continue;
        }
        if open {
            if let Some(last) = out.last_mut() {
                if t.starts_with("- ") {
                    last.text.push('\n');
                    last.text.push_str(t);
                } else {
                    if !last.text.is_empty() {
                        last.text.push(' ');
                    }
                    last.text.push_str(t);
                }
            }
        }
    }
    out
}

fn leading_id(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix('[')?;
    let end = rest.find(']')?;
    let id = &rest[..end];
    if is_id(id) {
        Some((id, &rest[end + 1..]))
    } else {
        None
    }
}

fn split_trailing_id(h: &str) -> (&str, Option<&str>) {
    let h = h.trim();
    if let Some(stripped) = h.strip_suffix(']') {
        if let Some(open) = stripped.rfind('[') {
            let id = &stripped[open + 1..];
            if is_id(id) {
                return (stripped[..open].trim(), Some(id));
            }
        }
    }
    (h, None)
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::DEFAULT_POLICY_MD;

    #[test]
    fn parses_the_rochester_policy() {
        let clauses = parse_clauses(DEFAULT_POLICY_MD);
        let get = |id: &str| clauses.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("missing {id}"));
        let d = get("personal.disclaimer");
        assert!(d.text.starts_with("If a City Representative chooses"));
        assert!(d.text.ends_with("do not represent those of the City.\""));
        assert_eq!(d.heading, "Personal Social Media Use");
        assert_eq!(get("city.g.email").text, "City Representatives must never use their City email account or password in conjunction with any personal social media platform.");
        assert!(get("city.professional").text.ends_with("positive organizational image:"));
        assert!(get("definition.2").text.contains("\n- Blogs"));
        assert_eq!(get("personal").text, "Personal Social Media Use");
        // Every id is unique.
        let mut ids: Vec<_> = clauses.iter().map(|c| &c.id).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n);
        assert!(n > 60, "{n}");
    }
}
