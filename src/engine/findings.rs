//! Building findings: original spans, merging per category, excerpts with
//! masks, fixes, and UTF-16 offsets.

use super::*;

impl Checker {
    /// Turn raw rule hits into findings: original spans, UTF-16 offsets,
    /// excerpts, fixes; drop duplicates of one category on one span.
    pub(super) fn findings(&self, text: &str, view: &Normalized, raw: Vec<(usize, Hit)>) -> Vec<Finding> {
        let mut out: Vec<Finding> = Vec::with_capacity(raw.len());
        // One finding per category per stretch of text: in order of position
        // (then rule order), a hit that overlaps an earlier finding of its
        // category is dropped. Linear after the sort, however many hits.
        let mut spans: Vec<(usize, usize, usize, Hit)> = raw
            .into_iter()
            .map(|(ri, hit)| {
                let (bs, be) = view.to_original(hit.vstart, hit.vend);
                (bs, be, ri, hit)
            })
            .collect();
        spans.sort_by_key(|&(bs, be, ri, _)| (bs, ri, be));
        let mut reach = [0usize; Category::ALL.len()];
        // Moderation's kinds share one category but are separate reasons a
        // moderator weighs ("You fucking idiot" is both obscene and
        // harassing): there the stretch is kept per rule.
        let mut reach_rule = vec![0usize; if spans.iter().any(|s| self.pack.rules[self.rules[s.2].def].category == Category::Moderation) { self.rules.len() } else { 0 }];
        for (bs, be, ri, hit) in spans {
            let def = &self.pack.rules[self.rules[ri].def];
            let cat = def.category as usize;
            let reach = if def.category == Category::Moderation { &mut reach_rule[ri] } else { &mut reach[cat] };
            if bs < *reach {
                continue;
            }
            *reach = be.max(bs + 1);
            let (ms, me) = view.to_original(hit.start, hit.end);
            let excerpt = excerpt(text, (ms, me), (bs, be), def.mask);
            let fixes = if def.fix == FixKind::Correct {
                // The anchor's detector knows the one certain correction.
                let detector = self.rules[ri].anchors.iter().find_map(|&a| self.signals[a].detector);
                detector
                    .and_then(|d| crate::accuracy::correction(d, text, bs, be))
                    .map(|(label, s, e, replacement)| vec![Fix { label, edits: vec![Edit { start: s, end: e, byte_start: s, byte_end: e, replacement }] }])
                    .unwrap_or_default()
            } else {
                self.fix(text, def.fix, def.fix_label.as_deref(), bs, be)
            };
            out.push(Finding {
                rule: def.id.clone(),
                category: def.category,
                severity: def.severity,
                clause: def.clause.clone(),
                message: self.expand_message(&def.message),
                start: bs,
                end: be,
                byte_start: bs,
                byte_end: be,
                excerpt,
                fixes,
            });
        }
        out.sort_by(|a, b| a.byte_start.cmp(&b.byte_start).then(a.byte_end.cmp(&b.byte_end)).then(a.rule.cmp(&b.rule)));
        utf16_offsets(text, &mut out);
        out
    }

    pub(super) fn fix(&self, text: &str, kind: FixKind, label: Option<&str>, bs: usize, be: usize) -> Vec<Fix> {
        let label = match fix_label(kind, label) {
            Some(l) => l,
            None => return Vec::new(),
        };
        let edit = match kind {
            FixKind::None | FixKind::Correct => return Vec::new(),
            FixKind::AppendDisclaimer => {
                let d = &self.pack.organization.disclaimer;
                let sep = if text.is_empty() || text.ends_with(char::is_whitespace) { "" } else { " " };
                Edit { start: text.len(), end: text.len(), byte_start: text.len(), byte_end: text.len(), replacement: format!("{sep}{d}") }
            }
            FixKind::Remove => {
                // Take one neighbouring space with the text, so no double space remains.
                let (mut s, e) = (bs, be);
                let before_space = text[..s].ends_with(' ');
                let after_ok = text[e..].is_empty() || text[e..].starts_with([' ', '\n', '.', ',', '!', '?', ';', ':', ')']);
                if before_space && after_ok {
                    s -= 1;
                }
                Edit { start: s, end: e, byte_start: s, byte_end: e, replacement: String::new() }
            }
        };
        vec![Fix { label, edits: vec![edit] }]
    }
}

pub(super) fn fix_label(kind: FixKind, label: Option<&str>) -> Option<String> {
    match kind {
        FixKind::None => None,
        FixKind::AppendDisclaimer => Some(label.unwrap_or("Add the disclaimer").to_string()),
        FixKind::Remove => Some(label.unwrap_or("Remove this text").to_string()),
        FixKind::Correct => Some(label.unwrap_or("Correct it").to_string()),
    }
}

pub(super) const MAX_EXCERPT: usize = 160;

pub(super) fn excerpt(text: &str, whole: (usize, usize), value: (usize, usize), mask: Mask) -> String {
    let (ws, we) = (whole.0.min(value.0), whole.1.max(value.1));
    let s = match mask {
        Mask::None => text[value.0..value.1].to_string(),
        Mask::Digits | Mask::Value => {
            let v = &text[value.0..value.1];
            let masked = if mask == Mask::Digits { validate::mask_digits(v) } else { validate::mask_all(v) };
            format!("{}{}{}", &text[ws..value.0], masked, &text[value.1..we])
        }
    };
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > MAX_EXCERPT {
        let mut t: String = s.chars().take(MAX_EXCERPT - 1).collect();
        t.push('…');
        t
    } else {
        s
    }
}

/// Convert every finding's and edit's byte offsets to UTF-16 code units in one pass.
/// For ASCII text the UTF-16 offsets must already equal the byte offsets (the
/// engine builds findings that way). Public for the fuzz targets only.
#[doc(hidden)]
pub fn utf16_offsets(text: &str, findings: &mut [Finding]) {
    if text.is_ascii() {
        return; // byte offsets are UTF-16 offsets already (they were copied)
    }
    let mut wanted: Vec<usize> = Vec::new();
    for f in findings.iter() {
        wanted.push(f.byte_start);
        wanted.push(f.byte_end);
        for e in f.fixes.iter().flat_map(|x| &x.edits) {
            wanted.push(e.byte_start);
            wanted.push(e.byte_end);
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    let mut map = Vec::with_capacity(wanted.len());
    let mut units = 0usize;
    let mut chars = text.char_indices().peekable();
    for &w in &wanted {
        while let Some(&(i, c)) = chars.peek() {
            if i >= w {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        map.push(units);
    }
    let conv = |b: usize| map[wanted.binary_search(&b).expect("offset collected above")];
    for f in findings.iter_mut() {
        f.start = conv(f.byte_start);
        f.end = conv(f.byte_end);
        for e in f.fixes.iter_mut().flat_map(|x| &mut x.edits) {
            e.start = conv(e.byte_start);
            e.end = conv(e.byte_end);
        }
    }
}
