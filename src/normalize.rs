//! The matching view of a post: a folded copy of the text that every pattern
//! runs on, with a map from each of its bytes back to the original text.
//!
//! People disguise what they type, on purpose or by accident: fullwidth `＠`,
//! Cyrillic letters that look Latin, zero-width spaces inside an address,
//! mathematical bold letters, curly apostrophes, non-breaking spaces. Patterns
//! are written once, against plain lowercase ASCII-ish text; this module folds
//! the post into that form:
//!
//! 1. compatibility decomposition (NFKD) of each character, so fullwidth,
//!    mathematical, circled and superscript forms become their plain letters
//!    and digits, and accented letters lose their combining marks;
//! 2. Default_Ignorable_Code_Point characters (zero-width space and joiners,
//!    soft hyphen, word joiner, bidi controls, variation selectors, tags) are
//!    dropped;
//! 3. decimal digits of every script (General_Category=Nd: Arabic-Indic,
//!    Devanagari, Bengali, Thai, fullwidth, mathematical, segmented ...) become
//!    the ASCII digit of the same value, so `١٢٣-٤٥-٦٧٨٩` is an SSN; except
//!    that a non-ASCII digit standing between two letters is read as the letter
//!    it looks like, if it looks like one (`r০chester`, Bengali zero);
//! 4. characters whose Unicode confusable prototype is a single ASCII letter,
//!    digit, `@` or `.` become that character (`а` → `a`, `ο` → `o`) unless
//!    their compatibility form is an ASCII letter (`𝐈` is an I); a combining
//!    mark with such a prototype (`𝅭` looks like `.`) becomes it when it
//!    follows ASCII text, and is dropped when it sits on a letter of its own
//!    script;
//! 5. dashes become `-` (General_Category=Pd and their confusables: minus
//!    signs, box-drawing horizontals ...), dots become `.` (confusables of
//!    the full stop, the middle dot and the ideographic full stop), curly
//!    quotes become `'` and `"` (both tables generated from Unicode's data:
//!    `DASH_LIKE`, `DOT_LIKE`); a decimal digit that looks like a full stop
//!    (Arabic-Indic zero) is one between two letters;
//! 6. every run of whitespace becomes one space, or one `\n` if the run holds
//!    a line break;
//! 7. letters are lowercased.
//!
//! # Invariant
//!
//! For every byte `i` of the view, `starts[i]` is the byte offset in the
//! original text of the character that produced it and `ends[i]` the end of
//! that character. Both are on `char` boundaries of the original, so a span
//! `[a, b)` of the view maps to the original span from the least `starts[i]`
//! to the greatest `ends[i]` over the span (in order, that is `starts[a]` and
//! `ends[b - 1]`; a right-to-left override run is folded in display order, so
//! its bytes map backwards). The result always slices the original text and
//! covers every character that contributed to the match (including dropped
//! invisible characters in between). ASCII input maps to itself, byte for byte.

use crate::unicode_tables::{CONFUSABLE_ASCII, DASH_LIKE, DECIMAL_ZEROS, DEFAULT_IGNORABLE, DOT_LIKE};
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A folded view of a text with its offset map. Reuse one across checks with
/// [`Normalized::fill`] to avoid allocating per check.
#[derive(Debug, Default, Clone)]
pub struct Normalized {
    /// The folded text that patterns run on.
    pub text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Normalized {
    /// Fold `original` into a new view.
    pub fn new(original: &str) -> Normalized {
        let mut n = Normalized::default();
        n.fill(original);
        n
    }

    /// Fold `original` into this view, reusing its buffers.
    pub fn fill(&mut self, original: &str) {
        self.text.clear();
        self.starts.clear();
        self.ends.clear();
        self.text.reserve(original.len());
        self.starts.reserve(original.len());
        self.ends.reserve(original.len());
        // Whitespace run state: None outside a run, Some((saw_newline, start, end)) inside.
        let mut run: Option<(bool, u32, u32)> = None;
        let mut pos = 0;
        while pos < original.len() {
            let ch = original[pos..].chars().next().unwrap_or('\0');
            let len = ch.len_utf8();
            if ch == '\u{202E}' {
                // RIGHT-TO-LEFT OVERRIDE: the run up to POP DIRECTIONAL
                // FORMATTING (or the line's end) is displayed reversed, so a
                // reader sees it reversed: fold it in display order.
                let body_start = pos + len;
                let rest = &original[body_start..];
                let body_len = rest.find(['\u{202C}', '\n']).unwrap_or(rest.len());
                for (i, c) in rest[..body_len].char_indices().rev() {
                    let at = body_start + i;
                    self.fold_one(original, c, at as u32, (at + c.len_utf8()) as u32, &mut run);
                }
                pos = body_start + body_len;
                continue;
            }
            self.fold_one(original, ch, pos as u32, (pos + len) as u32, &mut run);
            pos += len;
        }
        self.flush_run(&mut run);
    }

    /// Fold one character of the original (at `start..end`) into the view.
    #[inline]
    fn fold_one(&mut self, original: &str, ch: char, start: u32, end: u32, run: &mut Option<(bool, u32, u32)>) {
        if ch.is_ascii() {
            // Fast path: ASCII needs only whitespace folding and lowercase.
            if ch.is_ascii_whitespace() {
                extend_run(run, ch == '\n' || ch == '\r', start, end);
            } else if !ch.is_ascii_control() {
                self.flush_run(run);
                self.push_byte(ch.to_ascii_lowercase() as u8, start, end);
            }
            return;
        }
        if ch.is_whitespace() {
            extend_run(run, matches!(ch, '\u{2028}' | '\u{2029}' | '\u{85}'), start, end);
            return;
        }
        if is_ignorable(ch) {
            return;
        }
        if let Some(value) = decimal_value(ch) {
            // A digit of another script: its value, unless it sits between
            // two letters and looks like a letter (a disguised `o`).
            self.flush_run(run);
            // Arabic-Indic zeros look like a full stop (`rochestermn٠gov`).
            let b = match confusable(ch) {
                Some(p) if (p.is_ascii_alphabetic() || p == b'.') && between_letters(original, start as usize, end as usize) => p,
                _ => b'0' + value,
            };
            self.push_byte(b, start, end);
            return;
        }
        if let Some(folded) = fold_symbol(ch) {
            // Symbols whose decomposition would lose their meaning (≠ → =).
            self.flush_run(run);
            for b in folded.bytes() {
                self.push_byte(b, start, end);
            }
            return;
        }
        if let Some(sep) = separator(ch) {
            // A dash or dot look-alike, before its compatibility form (KANGXI
            // RADICAL ONE decomposes to the CJK ideograph, a letter) decides.
            self.flush_run(run);
            self.push_byte(sep, start, end);
            return;
        }
        if let Some(p) = confusable(ch) {
            // A look-alike whose compatibility form is not a Latin letter or
            // digit (lunate sigma `Ϲ` decomposes to `Σ`): its look wins. When
            // the compatibility form is ASCII (`𝐈` is an I, `ſ` an s), that
            // identity wins over the look.
            let mut ascii = false;
            decompose_compatible(ch, |c| ascii |= c.is_ascii_alphanumeric());
            if !ascii && !is_combining_mark(ch) {
                self.flush_run(run);
                self.push_byte(p, start, end);
                return;
            }
        }
        decompose_compatible(ch, |c| {
            if is_combining_mark(c) {
                // A mark that looks like `.` or a letter, put on ASCII text
                // (or on nothing), is a disguise (`rochestermn𝅭gov`); other
                // marks (accents, vowel signs on letters of their own
                // script) are dropped.
                if let Some(p) = confusable(c) {
                    if self.text.as_bytes().last().is_none_or(u8::is_ascii) {
                        self.flush_run(run);
                        self.push_byte(p, start, end);
                    }
                }
                return;
            }
            if is_ignorable(c) {
                return;
            }
            if c.is_whitespace() {
                extend_run(run, false, start, end);
                return;
            }
            self.flush_run(run);
            for lc in fold_char(c).to_lowercase() {
                self.push_char(lc, start, end);
            }
        });
    }

    fn flush_run(&mut self, run: &mut Option<(bool, u32, u32)>) {
        if let Some((newline, s, e)) = run.take() {
            self.push_byte(if newline { b'\n' } else { b' ' }, s, e);
        }
    }

    #[inline]
    fn push_byte(&mut self, b: u8, start: u32, end: u32) {
        self.text.push(b as char);
        self.starts.push(start);
        self.ends.push(end);
    }

    #[inline]
    fn push_char(&mut self, c: char, start: u32, end: u32) {
        let n = c.len_utf8();
        self.text.push(c);
        for _ in 0..n {
            self.starts.push(start);
            self.ends.push(end);
        }
    }

    /// Map a span of the view to the span of the original text it came from.
    /// `a < b <= self.text.len()` must hold; an empty span maps to an empty
    /// span at the original offset of `a` (or the end of the text).
    pub fn to_original(&self, a: usize, b: usize) -> (usize, usize) {
        if a >= b || a >= self.starts.len() {
            let at = self.starts.get(a).copied().unwrap_or_else(|| self.ends.last().copied().unwrap_or(0));
            return (at as usize, at as usize);
        }
        let b = b.min(self.ends.len());
        // Usually starts[a] and ends[b - 1]; a reversed (right-to-left
        // override) run maps out of order, so take the extremes.
        let lo = self.starts[a..b].iter().copied().min().unwrap_or(self.starts[a]);
        let hi = self.ends[a..b].iter().copied().max().unwrap_or(self.ends[b - 1]);
        (lo as usize, hi as usize)
    }

    /// The view span of the original span `[a, b)`: the view bytes of the
    /// characters that start in it (for detectors that read the original
    /// text, `accuracy.rs`). Empty when every character in it was dropped.
    pub fn to_view(&self, a: usize, b: usize) -> (usize, usize) {
        let s = self.starts.partition_point(|&x| (x as usize) < a);
        let e = self.starts.partition_point(|&x| (x as usize) < b).max(s);
        (s, e)
    }

    /// Original byte offset where view byte `i` starts (end of text past the end).
    pub fn original_start(&self, i: usize) -> usize {
        match self.starts.get(i) {
            Some(&s) => s as usize,
            None => self.ends.last().copied().unwrap_or(0) as usize,
        }
    }
}

fn extend_run(run: &mut Option<(bool, u32, u32)>, newline: bool, start: u32, end: u32) {
    match run {
        Some((nl, s, e)) => {
            *nl |= newline;
            *s = (*s).min(start);
            *e = end;
        }
        None => *run = Some((newline, start, end)),
    }
}

/// Whether a sentence of the matching view ends at byte `i`: a line break,
/// or a `!`, `?` or `.` followed by a space or line break, where the `.` does
/// not end a one-letter word or an abbreviation ("St.", "Mr.", "e.g.").
/// Shared by the engine's sentence scopes and the learned scorer.
pub fn sentence_ends_at(view: &str, i: usize) -> bool {
    // Titles written before a name (a dot after them never ends the
    // sentence: "Rev. Tom Aadland", "Prof. Lee"), and others that rarely end one.
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "mx", "dr", "rev", "fr", "msgr", "prof", "hon", "pres", "supt", "asst", "atty", "insp", "sgt", "lt", "capt", "cmdr", "col", "maj", "cpl",
        "det", "ofc", "gov", "sen", "rep", "st", "ave", "jr", "sr", "vs", "etc", "no", "inc", "co", "dept", "approx", "e.g", "i.e", "a.m", "p.m",
    ];
    const LONGEST: usize = 6;
    let b = view.as_bytes();
    match b[i] {
        b'\n' => true,
        b'!' | b'?' => b.get(i + 1).is_some_and(|&n| n == b' ' || n == b'\n'),
        b'.' => {
            // The word before the dot, looked at no further back than the
            // longest abbreviation: a run of dots or a long token must not
            // make a scan quadratic.
            let from = i.saturating_sub(LONGEST + 1);
            let word_start = b[from..i].iter().rposition(|&c| !(c.is_ascii_alphanumeric() || c == b'.')).map_or(from, |p| from + p + 1);
            let whole = word_start > from || from == 0;
            let word = &view[word_start..i];
            b.get(i + 1).is_some_and(|&n| n == b' ' || n == b'\n') && !(whole && (word.len() == 1 || ABBREVIATIONS.contains(&word)))
        }
        _ => false,
    }
}

/// Is `c` a Default_Ignorable_Code_Point?
pub fn is_ignorable(c: char) -> bool {
    if (c as u32) < 0xAD {
        return false;
    }
    DEFAULT_IGNORABLE
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The value of a non-ASCII decimal digit (General_Category=Nd).
pub fn decimal_value(c: char) -> Option<u8> {
    if (c as u32) < 0x660 {
        return None;
    }
    let i = DECIMAL_ZEROS.partition_point(|&z| z <= c);
    let zero = *DECIMAL_ZEROS.get(i.checked_sub(1)?)?;
    let v = c as u32 - zero as u32;
    (v < 10).then_some(v as u8)
}

/// The lowercase ASCII prototype of a non-ASCII confusable, if it has one.
fn confusable(c: char) -> Option<u8> {
    CONFUSABLE_ASCII.binary_search_by(|&(k, _)| k.cmp(&c)).ok().map(|i| CONFUSABLE_ASCII[i].1)
}

/// Are the nearest visible characters before `start` and after `end` (skipping
/// invisible characters and combining marks, at most a few) both letters?
fn between_letters(original: &str, start: usize, end: usize) -> bool {
    let visible = |c: &char| !is_ignorable(*c) && !is_combining_mark(*c);
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && decimal_value(c).is_none());
    letter(original[..start].chars().rev().take(8).find(visible))
        && letter(original[end..].chars().take(8).find(visible))
}

/// Symbols folded before decomposition, because NFKD would turn them into
/// something else (`≠` decomposes to `=` plus a combining stroke).
fn fold_symbol(c: char) -> Option<&'static str> {
    match c {
        '\u{2260}' => Some("!="),
        _ => None,
    }
}

/// `-` or `.` for a non-ASCII dash or dot look-alike (generated tables).
#[inline]
fn separator(c: char) -> Option<u8> {
    if DASH_LIKE.binary_search(&c).is_ok() {
        Some(b'-')
    } else if DOT_LIKE.binary_search(&c).is_ok() {
        Some(b'.')
    } else {
        None
    }
}

/// Fold one already-decomposed character: punctuation variants, then
/// Unicode confusables with an ASCII prototype.
fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '\u{00B4}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        _ if (c as u32) < 0x80 => c,
        _ => match separator(c) {
            Some(b) => b as char,
            None => confusable(c).map_or(c, char::from),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(s: &str) -> String {
        Normalized::new(s).text
    }

    #[test]
    fn ascii_is_lowercased_and_spaces_collapse() {
        assert_eq!(view("Email  ME\t at\n\n X"), "email me at\nx");
    }

    #[test]
    fn fullwidth_and_math_letters_fold() {
        assert_eq!(view("ｊｄｏｅ＠ｒｏｃｈｅｓｔｅｒｍｎ．ｇｏｖ"), "jdoe@rochestermn.gov");
        assert_eq!(view("𝐫𝐨𝐜𝐡𝐞𝐬𝐭𝐞𝐫𝐦𝐧"), "rochestermn");
        assert_eq!(view("﹫"), "@");
    }

    #[test]
    fn invisible_characters_vanish() {
        assert_eq!(view("jd\u{200B}oe@roch\u{00AD}estermn\u{2060}.gov\u{FEFF}"), "jdoe@rochestermn.gov");
    }

    #[test]
    fn cyrillic_and_greek_lookalikes_fold() {
        // Cyrillic о, с, е, р and Greek ο.
        assert_eq!(view("r\u{43E}\u{441}h\u{435}st\u{435}rmn.g\u{3BF}v"), "rochestermn.gov");
    }

    #[test]
    fn accents_are_stripped_and_quotes_folded() {
        assert_eq!(view("José’s “café” — ok"), "jose's \"cafe\" - ok");
    }

    #[test]
    fn spans_map_back_to_original() {
        let original = "🎉 Ｅmail: j\u{200B}doe＠rochestermn.gov!";
        let n = Normalized::new(original);
        let at = n.text.find("jdoe@").unwrap();
        let end = n.text.find(".gov").unwrap() + 4;
        let (a, b) = n.to_original(at, end);
        assert_eq!(&original[a..b], "j\u{200B}doe＠rochestermn.gov");
    }

    #[test]
    fn right_to_left_override_is_read_in_display_order() {
        let original = "mail jdoe@\u{202E}vog.nmretsehcor\u{202C} now";
        let n = Normalized::new(original);
        assert_eq!(n.text, "mail jdoe@rochestermn.gov now");
        let at = n.text.find("rochestermn.gov").unwrap();
        let (a, b) = n.to_original(at, at + "rochestermn.gov".len());
        // The span covers the reversed run (its characters, in any order).
        assert_eq!(&original[a..b], "vog.nmretsehcor");
    }

    #[test]
    fn decimal_digits_of_every_script_fold_to_their_value() {
        assert_eq!(view("\u{661}\u{662}\u{663}-\u{664}\u{665}-\u{666}\u{667}\u{668}\u{669}"), "123-45-6789");
        // Bengali four looks like 8 and Bengali seven like 9: the value wins.
        assert_eq!(view("\u{9EA}\u{9ED}"), "47");
        assert_eq!(view("\u{1FBF1}\u{1FBF2}\u{1D7D1}\u{FF14}\u{E55}"), "12345");
        for &zero in crate::unicode_tables::DECIMAL_ZEROS {
            for v in 0..10u8 {
                let c = char::from_u32(zero as u32 + v as u32).unwrap();
                assert_eq!(view(&format!("#{c}")), format!("#{v}"), "{c:?}");
            }
        }
    }

    #[test]
    fn a_digit_between_letters_reads_as_the_letter_it_looks_like() {
        // Bengali and Devanagari zeros look like `o`.
        assert_eq!(view("r\u{9E6}chester"), "rochester");
        assert_eq!(view("r\u{200B}\u{966}\u{200B}chester"), "rochester");
        // Next to a digit, or at a word edge, it is a digit.
        assert_eq!(view("a\u{966}12"), "a012");
        assert_eq!(view("\u{966}x"), "0x");
    }

    #[test]
    fn marks_that_look_like_a_dot_on_latin_text_are_dots() {
        assert_eq!(view("jdoe@rochestermn\u{1D16D}gov"), "jdoe@rochestermn.gov");
        assert_eq!(view("rochestermn\u{ABEC}gov"), "rochestermn.gov");
        // The same marks in their own script are dropped like any mark.
        let telugu = view("\u{C38}\u{C02}\u{C16}\u{C4D}\u{C2F}");
        assert!(!telugu.bytes().any(|b| b.is_ascii_alphanumeric()), "{telugu:?}");
        // Accents on Latin letters are still dropped.
        assert_eq!(view("cafe\u{301}"), "cafe");
    }

    #[test]
    fn empty_and_whitespace_only() {
        assert_eq!(view(""), "");
        assert_eq!(view("   "), " ");
        let n = Normalized::new("");
        assert_eq!(n.to_original(0, 0), (0, 0));
    }
}
