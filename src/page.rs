//! The page check: does a City account's About/bio text make the statements
//! the policy requires of every City site? (`postguard page-check`,
//! `checker.checkPage(text)`.)
//!
//! The statements are data (`[[page_statements]]` in the pack): for the
//! Rochester pack, that the page is the City's or a department's
//! [city.marked], that what is posted is subject to public-records law
//! [city.g.open-records], that visitors' comments are not the City's views
//! [city.g.visitor-opinions], and that the City may remove comments
//! [city.g.removal]. Each names concept signals (`[signals.page_*]`): one
//! for each part of the statement (who posts, what the law makes of it, who
//! may remove what), each written as the many ways people say that part. A
//! statement is present when, around a hit of its first signal, all of its
//! signals match in one sentence (or that sentence and the one before:
//! `scope = "nearby"`) and none of its `unless` signals does; negations
//! ("we do not delete comments") are guards on the signals. So any wording of
//! the concepts counts, not only the model sentence.
//!
//! A finding reports a statement that is missing. Its span is empty and lies
//! at the end of the text, where its fix inserts the pack's model sentence
//! (`start == end ==` the text's length, as for the disclaimer fix); its
//! excerpt is empty.

use crate::engine::{Checker, Scratch};
use crate::finding::{Category, Edit, Finding, Fix, Severity};

/// Public description of a page statement (for the demo page, the extension
/// and `postguard page-check --list`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PageStatementInfo {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub clause: String,
    pub summary: String,
    pub explanation: String,
    /// The sentence the fix appends.
    pub model: String,
    pub fix: String,
}

impl Checker {
    /// Check a City account's About/bio text: one finding per required
    /// statement it lacks, sorted by rule id (all share the empty span at the
    /// end of the text). Empty when the pack has no page statements.
    pub fn check_page(&self, text: &str) -> Vec<Finding> {
        self.check_page_with(text, &mut Scratch::default())
    }

    /// [`Checker::check_page`], reusing `scratch`.
    pub fn check_page_with(&self, text: &str, scratch: &mut Scratch) -> Vec<Finding> {
        self.prepare(text, scratch);
        let mut out = Vec::new();
        for (def, st) in self.pack().page_statements.iter().zip(&self.page) {
            if self.statement_evidence(text, st, def.scope, scratch).is_some() {
                continue;
            }
            let end = text.len();
            let replacement = format!("{}{}", separator(text), self.expand_message(def.model.trim()));
            out.push(Finding {
                rule: def.id.clone(),
                category: Category::PageStatements,
                severity: def.severity,
                clause: def.clause.clone(),
                message: self.expand_message(&def.message),
                start: end,
                end,
                byte_start: end,
                byte_end: end,
                excerpt: String::new(),
                fixes: vec![Fix { label: def.fix_label.clone(), edits: vec![Edit { start: end, end, byte_start: end, byte_end: end, replacement }] }],
            });
        }
        out.sort_by(|a, b| a.rule.cmp(&b.rule));
        crate::engine::utf16_offsets(text, &mut out);
        out
    }

    /// Where each page statement was found: `(id, Some(original byte span of
    /// the anchoring words))`, or `None` when missing. For `--trace` and tests.
    pub fn explain_page(&self, text: &str) -> Vec<(String, Option<(usize, usize)>)> {
        let mut scratch = Scratch::default();
        self.prepare(text, &mut scratch);
        self.pack().page_statements.iter().zip(&self.page).map(|(def, st)| (def.id.clone(), self.statement_evidence(text, st, def.scope, &mut scratch))).collect()
    }

    /// Every page statement with its documentation, in pack order.
    pub fn page_statements(&self) -> Vec<PageStatementInfo> {
        self.pack()
            .page_statements
            .iter()
            .map(|d| PageStatementInfo {
                id: d.id.clone(),
                category: Category::PageStatements,
                severity: d.severity,
                clause: d.clause.clone(),
                summary: d.summary.clone(),
                explanation: self.expand_message(&d.explanation),
                model: self.expand_message(d.model.trim()),
                fix: d.fix_label.clone(),
            })
            .collect()
    }
}

/// What goes between the text and an appended sentence: nothing after
/// whitespace or in an empty text; a line break in a text laid out in lines
/// (bios often are); a space after closing punctuation; otherwise ". ", so
/// the appended sentence does not run on from the last words.
fn separator(text: &str) -> &'static str {
    let Some(last) = text.chars().next_back() else { return "" };
    if last.is_whitespace() {
        ""
    } else if text.contains('\n') {
        "\n"
    } else if last.is_alphanumeric() {
        ". "
    } else {
        " "
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators() {
        assert_eq!(separator(""), "");
        assert_eq!(separator("Official page. "), "");
        assert_eq!(separator("City of Rochester\nOfficial page"), "\n");
        assert_eq!(separator("Official page."), " ");
        assert_eq!(separator("Official page of Rochester Public Works"), ". ");
        assert_eq!(separator("Welcome! 🚒"), " ");
    }

    #[test]
    fn an_empty_page_lacks_every_statement_and_the_fixes_insert_at_the_end() {
        let c = Checker::rochester();
        let f = c.check_page("");
        assert_eq!(f.len(), c.pack().page_statements.len());
        assert!(f.len() >= 4);
        for x in &f {
            assert_eq!((x.start, x.end, x.byte_start, x.byte_end), (0, 0, 0, 0));
            assert_eq!(x.category, Category::PageStatements);
            assert_eq!(x.fixes[0].edits[0].replacement, c.page_statements().iter().find(|p| p.id == x.rule).unwrap().model);
        }
    }

    #[test]
    fn the_model_sentences_satisfy_their_own_statements() {
        let c = Checker::rochester();
        let all: String = c.page_statements().iter().map(|p| p.model.clone()).collect::<Vec<_>>().join(" ");
        assert_eq!(c.check_page(&all), vec![], "{all}");
        for p in c.page_statements() {
            let ids: Vec<String> = c.check_page(&p.model).into_iter().map(|f| f.rule).collect();
            assert!(!ids.contains(&p.id), "{} does not satisfy itself: {}", p.id, p.model);
        }
    }

    #[test]
    fn utf16_offsets_of_the_end() {
        let c = Checker::rochester();
        let f = c.check_page("Bienvenue 🚒");
        assert!(!f.is_empty());
        assert_eq!(f[0].byte_start, "Bienvenue 🚒".len());
        assert_eq!(f[0].start, "Bienvenue 🚒".encode_utf16().count());
        assert_eq!(f[0].fixes[0].edits[0].start, f[0].start);
    }
}
