//! Detectors: what a signal finds by code rather than by pattern. A pack
//! names one with `detector = "..."` on a signal (the [`Detector`] enum), and
//! the lexicons it reads with `first_names` and `stopwords`; the engine runs
//! every detector the same way, through [`find`], and knows none by name.
//!
//! - `person-name` (`crate::names`): runs of Capitalised words that name people;
//! - `unrelated-link`, `off-topic` (`crate::moderation`): a comment's links, or
//!   the whole comment, unrelated to the City post it replies to (nothing
//!   when no post is given);
//! - `linear-score` (`crate::scorer`): a post whose learned score over its
//!   words passes the model's threshold, on the sentence that weighs most;
//! - the accuracy detectors (`crate::accuracy`): mechanical errors in the
//!   original text, found in one analysis shared by all of them.

use crate::normalize::Normalized;
use crate::pack::Detector;
use std::collections::HashSet;

/// The word lists a detector's signal names in the pack, lowercase.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// `first_names`: first names (a sentence may start with one).
    pub first_names: HashSet<String>,
    /// `stopwords`: Capitalised words that are not names.
    pub stopwords: HashSet<String>,
    /// `[score]`: the `linear-score` detector's model.
    pub score: Option<std::sync::Arc<crate::scorer::Model>>,
}

/// What a detector reads.
pub struct Input<'a> {
    /// The post's matching view.
    pub view: &'a Normalized,
    /// The post as written.
    pub original: &'a str,
    /// Moderation mode: the matching view of the City post the comment replies to.
    pub reply_to: Option<&'a str>,
    /// The organisation's email domains (links to them are related).
    pub org_domains: &'a [String],
}

/// Every span of the view where `detector` finds something, appended to
/// `out`. `accuracy` holds the accuracy detectors' analysis of this post once
/// one of them has run (`None` before): the others reuse it.
pub fn find(detector: Detector, words: &Words, input: &Input, accuracy: &mut Option<Vec<(Detector, usize, usize)>>, out: &mut Vec<(usize, usize)>) {
    let text = input.view.text.as_str();
    match detector {
        Detector::PersonName => crate::names::find(input.view, input.original, &words.first_names, &words.stopwords, out),
        Detector::UnrelatedLink => {
            if let Some(post) = input.reply_to {
                out.extend(crate::moderation::unrelated_links(text, post, input.org_domains));
            }
        }
        Detector::OffTopic => {
            if let Some(span) = input.reply_to.and_then(|post| crate::moderation::unrelated_text(text, post)) {
                out.push(span);
            }
        }
        Detector::LinearScore => {
            if let Some(span) = words.score.as_ref().and_then(|m| m.hit(text)) {
                out.push(span);
            }
        }
        Detector::RepeatedWord | Detector::Article | Detector::Misspelling | Detector::CouldOf | Detector::DoubledPunctuation | Detector::SpaceBeforePunctuation | Detector::UnbalancedBracket => {
            // Over the original text (case matters), mapped to the view.
            let all = accuracy.get_or_insert_with(|| crate::accuracy::find_all(input.original));
            for &(_, a, b) in all.iter().filter(|x| x.0 == detector) {
                let (s, e) = input.view.to_view(a, b);
                if s < e {
                    out.push((s, e));
                }
            }
        }
    }
}
