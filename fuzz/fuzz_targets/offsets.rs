//! `offsets`: the matching view's byte map (src/normalize.rs) and the
//! byte-to-UTF-16 conversion (engine::utf16_offsets) on arbitrary text.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use postguard::normalize::Normalized;
use postguard::{Category, Finding, Severity};
use postguard_fuzz::rich_text;
use std::cell::RefCell;

thread_local! {
    static REUSED: RefCell<Normalized> = RefCell::new(Normalized::default());
}

/// The UTF-16 offset of every char boundary, counted independently of the engine.
fn utf16_table(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() + 1);
    let mut units = 0;
    for (i, c) in text.char_indices() {
        out.push((i, units));
        units += c.len_utf16();
    }
    out.push((text.len(), units));
    out
}

fn check_view(text: &str) {
    let n = Normalized::new(text);
    let view = n.text.as_str();
    let len = view.len();
    let rtl = text.contains('\u{202E}');
    let mut prev: Option<(usize, usize)> = None;
    for i in 0..len {
        // to_original(i, i + 1) is exactly (starts[i], ends[i]).
        let (s, e) = n.to_original(i, i + 1);
        assert!(s < e && e <= text.len(), "view byte {i} maps to {s}..{e} of 0..{}", text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "view byte {i} maps to {s}..{e}, not char boundaries");
        assert_eq!(n.original_start(i), s);
        // Outside right-to-left override runs the map is monotone.
        if let (false, Some((ps, pe))) = (rtl, prev) {
            assert!(ps <= s && pe <= e, "map not monotone at view byte {i}: {ps}..{pe} then {s}..{e}");
        }
        prev = Some((s, e));
        // ASCII maps to itself: a non-space view byte is the lowercased original byte.
        if text.is_ascii() && view.as_bytes()[i] != b' ' && view.as_bytes()[i] != b'\n' {
            assert_eq!(e - s, 1);
            assert_eq!(view.as_bytes()[i], text.as_bytes()[s].to_ascii_lowercase());
        }
    }
    // Spans between view char boundaries map to the hull of their bytes'
    // origins (the first 32 boundaries, for speed).
    let map: Vec<(usize, usize)> = (0..len).map(|i| n.to_original(i, i + 1)).collect();
    let cuts: Vec<usize> = (0..=len).filter(|&i| view.is_char_boundary(i)).take(32).collect();
    for (k, &a) in cuts.iter().enumerate() {
        let (mut lo, mut hi) = (usize::MAX, 0);
        let mut i = a;
        for &b in &cuts[k..] {
            while i < b {
                lo = lo.min(map[i].0);
                hi = hi.max(map[i].1);
                i += 1;
            }
            let (x, y) = n.to_original(a, b);
            assert!(x <= y && y <= text.len() && text.is_char_boundary(x) && text.is_char_boundary(y), "to_original({a}, {b}) = {x}..{y}");
            if a < b {
                assert_eq!((x, y), (lo, hi), "to_original({a}, {b}) is not the hull of its bytes");
            }
        }
    }
    // Refilling a used view gives the same result as a fresh one.
    REUSED.with(|r| {
        let mut r = r.borrow_mut();
        r.fill(text);
        assert_eq!(r.text, n.text);
        for i in 0..len {
            assert_eq!(r.to_original(i, i + 1), n.to_original(i, i + 1));
        }
    });
}

fn check_utf16(text: &str) {
    // One empty finding per char boundary, plus one spanning pairs of them, as the engine builds them.
    let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
    let mut findings: Vec<Finding> = bounds
        .iter()
        .zip(bounds.iter().rev())
        .map(|(&a, &b)| {
            let (s, e) = (a.min(b), a.max(b));
            Finding {
                rule: String::new(),
                category: Category::Conduct,
                severity: Severity::Info,
                clause: String::new(),
                message: String::new(),
                start: s,
                end: e,
                byte_start: s,
                byte_end: e,
                excerpt: String::new(),
                fixes: Vec::new(),
            }
        })
        .collect();
    postguard::engine::utf16_offsets(text, &mut findings);
    let table = utf16_table(text);
    let units = |b: usize| table[table.binary_search_by_key(&b, |&(i, _)| i).expect("a char boundary")].1;
    // Inverse: the char boundary at UTF-16 offset `u` (each boundary has a distinct offset).
    let byte_at = |u: usize| table.binary_search_by_key(&u, |&(_, n)| n).ok().map(|k| table[k].0);
    let total = table.last().map_or(0, |&(_, n)| n);
    for f in &findings {
        assert_eq!(f.start, units(f.byte_start), "UTF-16 offset of byte {}", f.byte_start);
        assert_eq!(f.end, units(f.byte_end), "UTF-16 offset of byte {}", f.byte_end);
        assert!(f.start <= f.end && f.end <= total);
        // Round trip: the UTF-16 offset leads back to the same char boundary.
        assert_eq!(byte_at(f.start), Some(f.byte_start));
        assert_eq!(byte_at(f.end), Some(f.byte_end));
    }
    assert_eq!(total, text.encode_utf16().count());
}

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else { return };
    let text = if head & 1 == 0 { String::from_utf8_lossy(rest).into_owned() } else { rich_text(&mut Unstructured::new(rest)) };
    check_view(&text);
    check_utf16(&text);
});
