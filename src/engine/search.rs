//! Searching: each signal once per check over the matching view (its regex,
//! its detector), its hits validated and guarded; composed signals from their
//! parts' hits; the sorted hit lists and their index.

use super::*;

impl Checker {
    /// Search one signal over the view, once per check.
    pub(super) fn search(&self, si: usize, ctx: &Context, original: &str, scratch: &mut Scratch) {
        if scratch.searched[si] {
            return;
        }
        scratch.searched[si] = true;
        let sig = &self.signals[si];
        if !sig.roles.is_empty() && !sig.roles.contains(&ctx.role) {
            return;
        }
        if !sig.all_of.is_empty() {
            self.compose(si, ctx, original, scratch);
            return;
        }
        // Which alternatives the post's literals allow (`prefilter`): for
        // most signals none, and then nothing is expanded or built.
        let prefilter = self.use_prefilter.then(|| self.prefilter.get_or_init(|| prefilter::Prefilter::new(self)));
        let candidates = prefilter.and_then(|p| {
            p.scan(&scratch.view.text, &mut scratch.present);
            p.candidates(si, &scratch.present)
        });
        if sig.detector.is_none() && candidates.as_ref().is_some_and(Vec::is_empty) {
            finish_hits(&mut scratch.hits[si], &mut scratch.max_end[si]);
            return;
        }
        let mut found = Vec::new();
        if let Some(d) = sig.detector {
            let input = detect::Input { view: &scratch.view, original, reply_to: scratch.reply_to.as_deref(), org_domains: &self.pack.organization.email_domains };
            detect::find(d, &sig.words, &input, &mut scratch.accuracy, &mut found);
        }
        let view = &scratch.view;
        let text = view.text.as_str();
        let out = &mut scratch.hits[si];
        let mut push = |start: usize, end: usize, vstart: usize, vend: usize, has_v: bool| -> bool {
            if let Some(v) = sig.validator {
                let value = validate::Value { view: &text[vstart..vend], original: || original.get(view.original_start(vstart)..).unwrap_or(""), named: has_v };
                if !validate::check(v, &value, &sig.stopwords) {
                    return false;
                }
            }
            let (not_before, not_after) = self.guards(si);
            if let Some(nb) = not_before.as_ref().and_then(compile::Guard::regex) {
                let from = floor_boundary(text, start.saturating_sub(sig.window));
                if nb.is_match(&text[from..start]) {
                    return false;
                }
            }
            if let Some(na) = not_after.as_ref().and_then(compile::Guard::regex) {
                let to = ceil_boundary(text, (end + sig.window).min(text.len()));
                if na.is_match(&text[end..to]) {
                    return false;
                }
            }
            // A pattern anchored at a sentence start (`(?:^|[.!?] |\n)`)
            // matches the end of the sentence before: the hit starts at its
            // first word, so an underline or excerpt never begins with ". ".
            // (Only from punctuation or a line break: a detector's hit that
            // starts with a space, " ," before punctuation, keeps it.)
            let hit = &text[start..end];
            let lead = if hit.starts_with(['.', '!', '?', ':', ';', '\n']) { hit.len() - hit.trim_start_matches(['.', '!', '?', ':', ';', ' ', '\n', '\t']).len() } else { 0 };
            let start = if start + lead < end { start + lead } else { start };
            let vstart = if vstart < start && start < vend { start } else { vstart };
            out.push(Hit { start, end, vstart, vend });
            true
        };
        for (s, e) in found {
            push(s, e, s, e, false);
        }
        // Only the alternatives whose literals the post holds, each on its
        // own, their matches merged as one alternation would pick them: the
        // leftmost start, and at one start the first alternative.
        // A long text (a paste, an audited article) is searched with the
        // signal's joined regex, as is any text once that regex is built:
        // one pass over the text instead of one per candidate, worth its
        // one-time build when the text is long.
        let joined = (text.len() >= JOINED_FROM || sig.joined.get().is_some()) && !sig.joined_gave_up.get();
        if let (Some(alts), Some(pre), false) = (candidates, prefilter, joined) {
            if alts.is_empty() {
                finish_hits(&mut scratch.hits[si], &mut scratch.max_end[si]);
                return;
            }
            if let Some(r) = sig.pruned(self, &alts, pre, &scratch.present) {
                // One pass of one regex, as the joined regex would make it.
                let mut caps = r.captures();
                let mut pos = 0;
                while pos <= text.len() {
                    let Some((s, e, v)) = r.find_at(text, pos, caps.as_mut()) else { break };
                    let (vs, ve) = v.unwrap_or((s, e));
                    let accepted = vs < ve && push(s, e, vs, ve, v.is_some());
                    pos = if accepted && e > s { e } else { next_char(text, s) };
                }
                finish_hits(&mut scratch.hits[si], &mut scratch.max_end[si]);
                return;
            }
            let res: Vec<&compile::AltRegex> = alts.iter().filter_map(|&a| sig.alternative(self, si, a as usize)).collect();
            let mut caps: Vec<_> = res.iter().map(|r| r.captures()).collect();
            // Each alternative's next match at or after `pos`: (start, end, v); `None` when it has no more.
            let mut next: Vec<Option<Option<compile::Span3>>> = vec![None; res.len()];
            let mut pos = 0;
            while pos <= text.len() {
                let mut best: Option<(usize, usize, usize, Option<(usize, usize)>)> = None;
                for (j, r) in res.iter().enumerate() {
                    if next[j].is_some_and(|m| m.is_some_and(|(s, _, _)| s < pos)) {
                        next[j] = None;
                    }
                    let m = *next[j].get_or_insert_with(|| r.find_at(text, pos, caps[j].as_mut()));
                    if let Some((s, e, v)) = m {
                        if best.is_none_or(|b| s < b.0) {
                            best = Some((s, e, j, v));
                        }
                    }
                }
                let Some((s, e, _, v)) = best else { break };
                let (vs, ve) = v.unwrap_or((s, e));
                let accepted = vs < ve && push(s, e, vs, ve, v.is_some());
                pos = if accepted && e > s { e } else { next_char(text, s) };
            }
            finish_hits(&mut scratch.hits[si], &mut scratch.max_end[si]);
            return;
        }
        let Some(re) = sig.joined(self.sources(si).source.as_deref(), prefilter.is_some()) else {
            finish_hits(&mut scratch.hits[si], &mut scratch.max_end[si]);
            return;
        };
        // Search from the end of an accepted match, but from just after the
        // start of a rejected one: a validator or guard that drops a match
        // must not hide a shorter or later match of another alternative
        // that starts inside it.
        let mut caps = re.captures();
        let mut pos = 0;
        let mut gave_up = false;
        while pos <= text.len() {
            let Ok(found) = re.try_find_at(text, pos, caps.as_mut()) else {
                gave_up = true;
                break;
            };
            let Some((s, e, v)) = found else { break };
            let (vs, ve) = v.unwrap_or((s, e));
            let accepted = vs < ve && push(s, e, vs, ve, v.is_some());
            pos = if accepted && e > s { e } else { next_char(text, s) };
        }
        if gave_up {
            // Too many DFA states for one joined regex: this signal is
            // searched by its candidate alternatives from now on (each a
            // small DFA), this time too. The same hits, found another way.
            // (Only a checker with the prefilter builds a joined regex that
            // may give up: `CompiledSignal::joined`.)
            sig.joined_gave_up.set();
            scratch.hits[si].clear();
            scratch.searched[si] = false;
            self.search(si, ctx, original, scratch);
            return;
        }
        finish_hits(&mut scratch.hits[si], &mut scratch.max_end[si]);
    }

    /// A composed signal (`all_of`): for each hit of its first part, the
    /// nearest hit of every other part in its scope (the same sentence by
    /// default, `SignalDef::scope`) and within
    /// `span` bytes of it; a hit when they span at most `span` bytes
    /// together and no `none_of` signal has a hit in that stretch of the
    /// sentence. Linear in the parts' hits (binary search per part).
    pub(super) fn compose(&self, si: usize, ctx: &Context, original: &str, scratch: &mut Scratch) {
        let sig = &self.signals[si];
        // The first part first: without a hit of it there is nothing to
        // compose, and the other parts (often large, like
        // `identifiable_person`) are not searched, built or kept for it.
        self.search(sig.all_of[0], ctx, original, scratch);
        if !scratch.hits[sig.all_of[0]].is_empty() {
            for &p in sig.all_of[1..].iter().chain(&sig.none_of) {
                self.search(p, ctx, original, scratch);
            }
        }
        let mut out = std::mem::take(&mut scratch.hits[si]);
        out.clear();
        if !scratch.hits[sig.all_of[0]].is_empty() && scratch.sentences.is_empty() {
            sentence_starts(&scratch.view.text, &mut scratch.sentences);
        }
        let len = scratch.view.text.len();
        // Only hits within `span` of the first part's hit can take part (and
        // cancel): a bounded window, so a 10 MB paste that is one long
        // "sentence" dense with hits stays linear.
        for h in &scratch.hits[sig.all_of[0]] {
            let (lo, hi) = scope_bounds(sig.scope, &scratch.sentences, len, h.start);
            let (lo, hi) = (lo.max(h.start.saturating_sub(sig.span)), hi.min(len).min(h.end.saturating_add(sig.span)));
            let (mut s, mut e) = (h.start, h.end);
            let found = sig.all_of[1..].iter().all(|&p| {
                let nearest = in_scope(&scratch.hits[p], &scratch.max_end[p], lo, hi).iter().filter(|x| x.end > lo).min_by_key(|x| x.end.max(e) - x.start.min(s));
                nearest.map(|x| (s, e) = (s.min(x.start), e.max(x.end))).is_some()
            });
            if !found || e - s > sig.span || sig.none_of.iter().any(|&n| reaches_into(&scratch.hits[n], &scratch.max_end[n], lo, hi)) {
                continue;
            }
            out.push(Hit { start: s, end: e, vstart: s, vend: e });
        }
        scratch.hits[si] = out;
        finish_hits(&mut scratch.hits[si], &mut scratch.max_end[si]);
    }
}

/// The text length (bytes of the view) from which a signal's candidate
/// alternatives are searched with its joined regex (`Checker::search`).
const JOINED_FROM: usize = 4096;

/// Sort a signal's hits by position and compute their running maximum end.
pub(super) fn finish_hits(hits: &mut [Hit], max_end: &mut Vec<usize>) {
    hits.sort_unstable_by_key(|h| (h.start, h.end));
    max_end.clear();
    let mut m = 0;
    max_end.extend(hits.iter().map(|h| {
        m = m.max(h.end);
        m
    }));
}

/// The hits that overlap `[lo, hi)`, found by binary search. `hits` is
/// sorted by start and `max_end` is its running maximum end (see `finish_hits`).
pub(super) fn in_scope<'a>(hits: &'a [Hit], max_end: &[usize], lo: usize, hi: usize) -> &'a [Hit] {
    let max_end = &max_end[..hits.len().min(max_end.len())];
    let first = max_end.partition_point(|&e| e <= lo);
    let last = hits.partition_point(|h| h.start < hi);
    if first >= last {
        &[]
    } else {
        &hits[first..last]
    }
}

/// Whether a hit reaches into `[lo, hi)` (see `in_scope`).
pub(super) fn reaches_into(hits: &[Hit], max_end: &[usize], lo: usize, hi: usize) -> bool {
    in_scope(hits, max_end, lo, hi).iter().any(|h| h.end > lo)
}

/// The byte offset just after the character at `i` (or past the end).
pub(super) fn next_char(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(i + 1, |c| i + c.len_utf8())
}

pub(super) fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(super) fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}
