//! Scoping: sentences, the stretch of text a rule looks in around its
//! anchor (`post`, `sentence`, `nearby`), and each rule's decision over the
//! searched signals (and the page check's statements).

use super::*;

impl Checker {
    /// Evaluate every active rule over the searched signals: the anchor hits
    /// that become findings. With `record`, also say for each rule and anchor
    /// why it did or did not become one (`postguard check --trace`).
    pub(super) fn evaluate(&self, text: &str, ctx: &Context, scratch: &mut Scratch, record: Option<&mut Vec<RuleTrace>>) -> Vec<(usize, Hit)> {
        let mut raw: Vec<(usize, Hit)> = Vec::new();
        let mut record = record;
        for (ri, rule) in self.rules.iter().enumerate() {
            let def = &self.pack.rules[rule.def];
            if !rule_applies(&def.modes, ctx.mode) {
                continue;
            }
            if !def.roles.is_empty() && !def.roles.contains(&ctx.role) {
                continue;
            }
            let name = |i: usize| self.signals[i].name.as_str();
            for &a in &rule.anchors {
                self.search(a, ctx, text, scratch);
            }
            let mut anchors: Vec<Hit> = rule.anchors.iter().flat_map(|&a| scratch.hits[a].iter().copied()).collect();
            if anchors.is_empty() {
                if let Some(r) = record.as_deref_mut() {
                    let names: Vec<&str> = rule.anchors.iter().map(|&a| name(a)).collect();
                    r.push(RuleTrace { rule: def.id.clone(), outcome: format!("no anchor ({} did not match)", names.join(", ")), ..RuleTrace::default() });
                }
                continue;
            }
            anchors.sort_by_key(|h| (h.start, h.end));
            for &s in rule.requires.iter().chain(&rule.requires_or_absent).chain(&rule.unless) {
                self.search(s, ctx, text, scratch);
            }
            if (def.scope != Scope::Post || def.once_per_sentence) && scratch.sentences.is_empty() {
                sentence_starts(&scratch.view.text, &mut scratch.sentences);
            }
            // The start of the sentence of the last anchor reported (`once_per_sentence`).
            let mut reported_in: Option<usize> = None;
            for hit in &anchors {
                let (lo, hi) = scope_bounds(def.scope, &scratch.sentences, scratch.view.text.len(), hit.start);
                let sentence = def.once_per_sentence.then(|| sentence_bounds(&scratch.sentences, scratch.view.text.len(), hit.start).0);
                let disjoint = |h: &Hit| def.requires_may_overlap || h.end <= hit.start || h.start >= hit.end;
                let scoped = |s: usize| in_scope(&scratch.hits[s], &scratch.max_end[s], lo, hi);
                let reaches = |h: &Hit| h.end > lo;
                let required = rule.requires.iter().all(|&s| scoped(s).iter().any(|h| reaches(h) && disjoint(h)))
                    || (!rule.requires_or_absent.is_empty() && !rule.requires_or_absent.iter().any(|&s| scoped(s).iter().any(reaches)));
                let cancelled = rule.unless.iter().any(|&s| scoped(s).iter().any(reaches));
                if let Some(r) = record.as_deref_mut() {
                    let view = &scratch.view;
                    let orig = |a: usize, b: usize| {
                        let (x, y) = view.to_original(a.min(view.text.len()), b.min(view.text.len()));
                        text[x..y].to_string()
                    };
                    let missing: Vec<String> = rule.requires.iter().filter(|&&s| !scoped(s).iter().any(|h| reaches(h) && disjoint(h))).map(|&s| name(s).to_string()).collect();
                    let present: Vec<String> = rule.requires_or_absent.iter().filter(|&&s| scoped(s).iter().any(reaches)).map(|&s| name(s).to_string()).collect();
                    let blocked_by: Vec<String> = rule.unless.iter().filter(|&&s| scoped(s).iter().any(reaches)).map(|&s| name(s).to_string()).collect();
                    let outcome = if !required && !rule.requires_or_absent.is_empty() {
                        let roa: Vec<&str> = rule.requires_or_absent.iter().map(|&s| name(s)).collect();
                        format!("no finding: needs {} in scope, or none of {}; found {}", missing.join(" and "), roa.join(", "), present.join(", "))
                    } else if !required {
                        format!("no finding: missing in scope: {}", missing.join(", "))
                    } else if cancelled {
                        format!("no finding: cancelled by {}", blocked_by.join(", "))
                    } else {
                        "finding".to_string()
                    };
                    r.push(RuleTrace {
                        rule: def.id.clone(),
                        anchor: Some(orig(hit.vstart, hit.vend)),
                        scope: Some(match def.scope {
                            Scope::Post => "post".to_string(),
                            _ => orig(lo, hi.min(view.text.len())),
                        }),
                        missing,
                        blocked_by,
                        outcome,
                    });
                }
                if required && !cancelled {
                    if sentence.is_some() && sentence == reported_in && record.is_none() {
                        continue;
                    }
                    raw.push((ri, *hit));
                    reported_in = sentence;
                    if def.once && record.is_none() {
                        break;
                    }
                }
            }
        }
        raw
    }

    /// The page check's core (`src/page.rs`): the original byte span of the
    /// first hit of `requires[0]` around which every other `requires` signal
    /// matches in `scope` and no `unless` signal does, or `None` when the
    /// statement is absent. `prepare` must have run on `text`.
    pub(crate) fn statement_evidence(&self, text: &str, st: &CompiledStatement, scope: Scope, scratch: &mut Scratch) -> Option<(usize, usize)> {
        let ctx = Context::default();
        for &s in st.requires.iter().chain(&st.unless) {
            self.search(s, &ctx, text, scratch);
        }
        if scratch.sentences.is_empty() {
            sentence_starts(&scratch.view.text, &mut scratch.sentences);
        }
        let (&anchor, others) = st.requires.split_first()?;
        let len = scratch.view.text.len();
        for hit in &scratch.hits[anchor] {
            let (lo, hi) = scope_bounds(scope, &scratch.sentences, len, hit.start);
            // A hit counts when it lies in the scope; an anchor may run past
            // its sentence's end (a model sentence with "e.g." in it).
            let hi = hi.max(hit.end);
            let scoped = |s: usize| reaches_into(&scratch.hits[s], &scratch.max_end[s], lo, hi);
            if others.iter().all(|&s| scoped(s)) && !st.unless.iter().any(|&s| scoped(s)) {
                return Some(scratch.view.to_original(hit.vstart, hit.vend));
            }
        }
        None
    }
}

/// Sentence starts in the view: after `.`, `!`, `?` followed by a space, and
/// after line breaks. A `.` after an abbreviation ("Mr.", "St.", "Dr.") or a
/// single-letter initial does not end a sentence (`normalize::sentence_ends_at`).
pub(super) fn sentence_starts(view: &str, out: &mut Vec<usize>) {
    out.push(0);
    for i in 0..view.len() {
        if crate::normalize::sentence_ends_at(view, i) && i + 1 < view.len() && out.last() != Some(&(i + 1)) {
            out.push(i + 1);
        }
    }
}

/// The stretch `[lo, hi)` of the view a rule looks in around an anchor hit
/// starting at `pos`: the whole post, its sentence, its sentence and the one
/// before (`nearby`), or its sentence and the ones on both sides (`around`). `starts` are the sentence starts (`sentence_starts`; unused
/// for `post`).
pub(super) fn scope_bounds(scope: Scope, starts: &[usize], len: usize, pos: usize) -> (usize, usize) {
    match scope {
        Scope::Post => (0, usize::MAX),
        Scope::Sentence => sentence_bounds(starts, len, pos),
        Scope::Nearby => {
            let (lo, hi) = sentence_bounds(starts, len, pos);
            (sentence_bounds(starts, len, lo.saturating_sub(1)).0, hi)
        }
        // The sentence and its neighbours on both sides, as for a composed
        // signal's `nearby`: a fact and whom it is about come in either order
        // ("Guess who has six books on divorce on hold? Our pastor.").
        Scope::Around => {
            let (lo, hi) = sentence_bounds(starts, len, pos);
            (sentence_bounds(starts, len, lo.saturating_sub(1)).0, sentence_bounds(starts, len, hi.min(len.saturating_sub(1))).1)
        }
    }
}

fn sentence_bounds(starts: &[usize], len: usize, pos: usize) -> (usize, usize) {
    let i = starts.partition_point(|&s| s <= pos);
    let lo = starts[i.saturating_sub(1)];
    let hi = starts.get(i).copied().unwrap_or(len);
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        let mut s = Vec::new();
        sentence_starts("one. two!\nthree", &mut s);
        assert_eq!(s, vec![0, 4, 9, 10]);
        assert_eq!(sentence_bounds(&s, 15, 6), (4, 9));
        s.clear();
        sentence_starts("old mr. halvorsen's dementia. next", &mut s);
        assert_eq!(s, vec![0, 29]);
        // A title before a name does not end the sentence.
        s.clear();
        sentence_starts("on hold? our pastor, rev. tom aadland.", &mut s);
        assert_eq!(s, vec![0, 8]);
    }

    #[test]
    fn scopes() {
        let text = "one. two. three. four.";
        let mut s = Vec::new();
        sentence_starts(text, &mut s);
        assert_eq!(s, vec![0, 4, 9, 16]);
        let at_two = 6;
        assert_eq!(scope_bounds(Scope::Sentence, &s, text.len(), at_two), (4, 9));
        assert_eq!(scope_bounds(Scope::Nearby, &s, text.len(), at_two), (0, 9));
        assert_eq!(scope_bounds(Scope::Around, &s, text.len(), at_two), (0, 16));
        // At the ends of the post, `around` stops there.
        assert_eq!(scope_bounds(Scope::Around, &s, text.len(), 0), (0, 9));
        assert_eq!(scope_bounds(Scope::Around, &s, text.len(), 18), (9, text.len()));
    }
}
