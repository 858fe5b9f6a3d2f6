//! Person-name detection: the one signal that needs the original letter case.
//!
//! A name is a run of two or three Capitalised words ("Kayla Thompson",
//! "Tyler R.", "Mary Jo Peters") in the original text, where no word is on
//! the pack's stop list (place words, institutions, months, days: "Silver
//! Lake Park", "Saint Marys", "City Council" are not people), and the run
//! does not merely start a sentence ("Heard Jenna Kowalski ..." still yields
//! "Jenna Kowalski"; "Great Job" yields nothing) unless its first word is a
//! known first name. ALL-CAPS words are shouting, not names.
//!
//! The search runs over the matching view (so hits are in view offsets like
//! every other signal's) and consults the original text for case through the
//! view's offset map.

use crate::normalize::Normalized;
use std::collections::HashSet;

/// Find name spans (view byte offsets) and push them to `out`.
pub fn find(view: &Normalized, original: &str, first_names: &HashSet<String>, stop: &HashSet<String>, out: &mut Vec<(usize, usize)>) {
    let text = view.text.as_bytes();
    let mut run: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, sentence_initial)
    let mut i = 0;
    let mut sentence_start = true;
    let mut prev_end = 0;
    while i < text.len() {
        let b = text[i];
        if !b.is_ascii_lowercase() {
            if matches!(b, b'.' | b'!' | b'?' | b'\n' | b':' | b'"') {
                // An initial ("R.") does not end a sentence; handled below.
                sentence_start = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && (text[i].is_ascii_lowercase() || text[i] == b'\'' || text[i] == b'-') {
            i += 1;
        }
        let end = i;
        let word = &view.text[start..end];
        let initial = sentence_start;
        sentence_start = false;
        let (cap, shouting) = case_of(view, original, start, end);
        // An initial: one capital letter followed by "." ("Tyler R.").
        let is_initial = end - start == 1 && cap && text.get(end) == Some(&b'.');
        let contiguous = !run.is_empty() && start == prev_end + 1 && text[prev_end] == b' ';
        let usable = cap && !shouting && (end - start >= 2 || is_initial) && !stop.contains(word);
        if usable && (run.is_empty() || contiguous) && run.len() < 3 {
            run.push((start, if is_initial { end + 1 } else { end }, initial));
            if is_initial {
                // The "." after an initial is part of the name, not a sentence end.
                i = end + 1;
                sentence_start = false;
                prev_end = end + 1;
                flush(&mut run, view, first_names, out);
                continue;
            }
        } else {
            flush(&mut run, view, first_names, out);
            if usable {
                run.push((start, end, initial));
            }
        }
        prev_end = end;
    }
    flush(&mut run, view, first_names, out);
}

fn flush(run: &mut Vec<(usize, usize, bool)>, view: &Normalized, first_names: &HashSet<String>, out: &mut Vec<(usize, usize)>) {
    let mut words: &[(usize, usize, bool)] = run;
    if let Some(&(s, e, initial)) = words.first() {
        if initial && !first_names.contains(&view.text[s..e]) {
            words = &words[1..];
        }
    }
    if words.len() >= 2 {
        out.push((words[0].0, words[words.len() - 1].1));
    }
    run.clear();
}

/// Is the word's first letter uppercase in the original, and is the whole word uppercase?
fn case_of(view: &Normalized, original: &str, start: usize, end: usize) -> (bool, bool) {
    let (os, oe) = view.to_original(start, end);
    let Some(w) = original.get(os..oe) else { return (false, false) };
    let mut letters = w.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    let rest: Vec<char> = letters.collect();
    let shouting = first_upper && rest.len() >= 1 && rest.iter().all(|c| c.is_uppercase());
    (first_upper, shouting)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        let view = Normalized::new(s);
        let first: HashSet<String> = ["dan", "bob", "jane"].iter().map(|s| s.to_string()).collect();
        let stop: HashSet<String> = ["park", "lake", "silver", "saint", "marys", "city", "council", "the"].iter().map(|s| s.to_string()).collect();
        let mut out = Vec::new();
        find(&view, s, &first, &stop, &mut out);
        out.into_iter().map(|(a, b)| { let (x, y) = view.to_original(a, b); s[x..y].to_string() }).collect()
    }

    #[test]
    fn finds_people_not_places() {
        assert_eq!(names("The woman at Silver Lake Park is Kayla Thompson, she lives nearby."), ["Kayla Thompson"]);
        assert_eq!(names("Heard Jenna Kowalski in Parks failed."), ["Jenna Kowalski"]);
        assert_eq!(names("Dan Kessler was diagnosed."), ["Dan Kessler"]);
        assert_eq!(names("The 15-year-old, Tyler R., lives here."), ["Tyler R."]);
        assert!(names("Great Job everyone at City Council!").is_empty());
        assert!(names("STOP PANICKING PEOPLE").is_empty());
        assert!(names("").is_empty());
    }
}
