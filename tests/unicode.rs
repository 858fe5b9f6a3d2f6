//! Unicode robustness: the offset map, arbitrary input, disguised text, and
//! the generated Unicode tables against Unicode's own data.

use postguard::normalize::{is_ignorable, Normalized};
use postguard::{Category, Checker, Context, Mode, Role};
use proptest::prelude::*;
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(Checker::rochester)
}

/// Text that mixes ASCII post material with the characters that break naive code.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("jdoe@rochestermn.gov".to_string()),
        Just("As a City employee the budget".to_string()),
        Just("SSN 212-45-5530".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("🎉".to_string()),
        Just("👩‍👩‍👧".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{202E}vog.nmretsehcor\u{202C}".to_string()),
        Just("\u{202E}".to_string()),
        Just("＠".to_string()),
        Just("ﬁ".to_string()),
        Just("İ".to_string()),
        Just("ß".to_string()),
        Just("\u{FFFD}".to_string()),
        Just("ǅ".to_string()),
        "[a-zA-Z0-9@.\\- ]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Every span of the view maps to a span of the original on char boundaries.
    #[test]
    fn offset_map_stays_on_char_boundaries(s in tricky_text()) {
        let n = Normalized::new(&s);
        let len = n.text.len();
        let mut cuts: Vec<usize> = (0..=len).filter(|&i| n.text.is_char_boundary(i)).collect();
        cuts.truncate(40);
        for (i, &a) in cuts.iter().enumerate() {
            for &b in &cuts[i..] {
                let (x, y) = n.to_original(a, b);
                prop_assert!(x <= y && y <= s.len());
                prop_assert!(s.is_char_boundary(x) && s.is_char_boundary(y));
            }
        }
    }

    /// check() never panics, and every finding's spans are consistent: bytes on
    /// char boundaries, UTF-16 offsets equal to the UTF-16 length of the prefix.
    #[test]
    fn findings_have_consistent_spans(s in tricky_text(), city in any::<bool>(), police in any::<bool>()) {
        let ctx = Context { mode: if city { Mode::City } else { Mode::Personal }, role: if police { Role::Police } else { Role::Staff } };
        let found = checker().check(&s, &ctx);
        // Sorted by (byte_start, byte_end, rule), and the same every time,
        // including with a reused scratch buffer after another text.
        let key = |f: &postguard::Finding| (f.byte_start, f.byte_end, f.rule.clone());
        prop_assert!(found.windows(2).all(|w| key(&w[0]) <= key(&w[1])), "not sorted");
        let mut scratch = postguard::Scratch::default();
        let _ = checker().check_with("As a City employee: jdoe@rochestermn.gov 212-45-5530", &ctx, &mut scratch);
        let again = checker().check_with(&s, &ctx, &mut scratch);
        prop_assert_eq!(format!("{found:?}"), format!("{again:?}"));
        for f in found {
            prop_assert!(f.byte_start <= f.byte_end && f.byte_end <= s.len());
            prop_assert!(s.is_char_boundary(f.byte_start) && s.is_char_boundary(f.byte_end));
            prop_assert_eq!(f.start, s[..f.byte_start].encode_utf16().count());
            prop_assert_eq!(f.end, s[..f.byte_end].encode_utf16().count());
            for e in f.fixes.iter().flat_map(|x| &x.edits) {
                prop_assert!(s.is_char_boundary(e.byte_start) && s.is_char_boundary(e.byte_end));
                prop_assert_eq!(e.start, s[..e.byte_start].encode_utf16().count());
            }
        }
    }
}

/// Disguise `s` in one of several ways a person might, deterministically by `k`.
fn disguise(s: &str, k: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        let c2 = match k % 6 {
            // fullwidth forms
            0 if c.is_ascii_graphic() => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
            // Cyrillic look-alikes
            1 => match c { 'a' => 'а', 'e' => 'е', 'o' => 'о', 'p' => 'р', 'c' => 'с', 'x' => 'х', 'y' => 'у', _ => c },
            // mathematical bold letters
            2 if c.is_ascii_lowercase() => char::from_u32(0x1D41A + (c as u32 - 'a' as u32)).unwrap_or(c),
            _ => c,
        };
        out.push(c2);
        // zero-width characters and soft hyphens between letters
        if k % 6 == 3 && i % 2 == 0 { out.push('\u{200B}'); }
        if k % 6 == 4 && i % 3 == 1 { out.push('\u{00AD}'); }
        if k % 6 == 5 && i % 4 == 2 { out.push('\u{2060}'); }
    }
    out
}

#[test]
fn disguised_positives_are_still_found_with_exact_spans() {
    let cases = [
        ("Email me at ", "jdoe@rochestermn.gov", Category::CityEmail),
        ("or ", "jane.q.public@parks.rochestermn.gov", Category::CityEmail),
        ("His SSN is ", "212-45-5530", Category::Confidential),
        ("card ", "4111 1111 1111 1111", Category::Confidential),
    ];
    for (prefix, secret, cat) in cases {
        for k in 0..6 {
            let hidden = disguise(secret, k);
            let text = format!("🎉 {prefix}{hidden} thanks");
            let f = checker().check(&text, &Context::default());
            let hit = f.iter().find(|f| f.category == cat).unwrap_or_else(|| panic!("{cat} missed in disguise {k}: {text:?}"));
            // The span covers the disguised text; an invisible character after
            // its last visible one is not part of the match.
            let expected = hidden.trim_end_matches(is_ignorable);
            assert_eq!(&text[hit.byte_start..hit.byte_end], expected, "span in disguise {k}");
            let utf16: Vec<u16> = text.encode_utf16().collect();
            assert_eq!(String::from_utf16(&utf16[hit.start..hit.end]).unwrap(), expected);
        }
    }
}

#[test]
fn disguised_negatives_stay_clean() {
    for k in 0..6 {
        let text = format!("Snow rules: {}", disguise("www.rochestermn.gov/snow", k));
        assert!(checker().check(&text, &Context::default()).is_empty(), "{text:?}");
        let text = format!("Call {}", disguise("507-328-2000", k));
        assert!(checker().check(&text, &Context::default()).is_empty(), "{text:?}");
    }
}

#[test]
fn huge_and_odd_inputs_do_not_panic() {
    let c = checker();
    let ctx = Context::default();
    for s in ["", " ", "\u{FFFD}\u{FFFD}", "@@@@@@@@", "\u{202E}", "\u{202E}\u{202E}\n\u{202C}", &"9".repeat(100_000), &"a@".repeat(50_000), &"🎉".repeat(20_000)] {
        let _ = c.check(s, &ctx);
    }
    let big = "As a City employee the budget is a mess. jdoe@rochestermn.gov ".repeat(20_000);
    let f = c.check(&big, &ctx);
    assert!(f.iter().filter(|f| f.category == Category::CityEmail).count() == 20_000);
}

/// The generated tables agree with the unicode-security crate (Unicode's data).
#[test]
fn unicode_tables_match_unicode_data() {
    use postguard::unicode_tables::{CONFUSABLE_ASCII, DEFAULT_IGNORABLE};
    for &(c, ascii) in CONFUSABLE_ASCII {
        let skeleton: String = unicode_security::skeleton(&c.to_string()).collect();
        let folded: String = skeleton.chars().flat_map(char::to_lowercase).collect();
        // The skeleton may decompose first (NFD); its single base letter is what we fold to.
        let base: String = folded.chars().filter(|ch| ch.is_ascii()).collect();
        assert_eq!(base, (ascii as char).to_string(), "U+{:04X}", c as u32);
    }
    for &(lo, hi) in DEFAULT_IGNORABLE {
        for cp in lo as u32..=hi as u32 {
            if let Some(c) = char::from_u32(cp) {
                assert!(is_ignorable(c));
                assert_eq!(unicode_security::skeleton(&c.to_string()).count(), 0, "U+{cp:04X} should be ignorable");
            }
        }
    }
    assert!(!is_ignorable('a') && !is_ignorable('é'));
}

/// Every confusable folds to its ASCII prototype between Latin letters,
/// except where its compatibility form is itself an ASCII letter or digit
/// (`𝐈` is an I and `ſ` an s, whatever they look like) and decimal digits,
/// which fold to their value.
#[test]
fn every_confusable_folds_to_its_prototype() {
    use postguard::normalize::decimal_value;
    use postguard::unicode_tables::CONFUSABLE_ASCII;
    let mut checked = 0;
    for &(c, ascii) in CONFUSABLE_ASCII {
        let mut nfkd_ascii = false;
        unicode_normalization::char::decompose_compatible(c, |d| nfkd_ascii |= d.is_ascii_alphanumeric());
        if decimal_value(c).is_some() || nfkd_ascii {
            continue;
        }
        assert_eq!(Normalized::new(&format!("a{c}a")).text, format!("a{}a", ascii as char), "U+{:04X}", c as u32);
        checked += 1;
    }
    assert!(checked > 600, "{checked}");
}

/// The generated separator tables agree with Unicode's confusables data: every
/// dot look-alike's skeleton is a full stop, a middle dot or the ideographic
/// full stop's ring; every dash's skeleton is `-`, the long-dash prototype
/// U+30FC, itself (a Pd dash with no other prototype) or the `=`/`~` that
/// confusables.txt gives for the double hyphens and the wave dash (Pd by
/// category); none of them looks like a letter or digit.
#[test]
fn separator_tables_match_unicode_data() {
    use postguard::unicode_tables::{DASH_LIKE, DOT_LIKE};
    // The skeleton is decomposed (NFD): `⸚` is `-` with a diaeresis. Its base is what it looks like.
    let skeleton = |c: char| unicode_security::skeleton(&c.to_string()).filter(|&x| !unicode_normalization::char::is_combining_mark(x)).collect::<String>();
    for &c in DOT_LIKE {
        let s = skeleton(c);
        assert!(["." , "\u{B7}", "\u{2F3}"].contains(&s.as_str()) || s == c.to_string(), "U+{:04X} skeleton {s:?}", c as u32);
    }
    for &c in DASH_LIKE {
        let s = skeleton(c);
        assert!(["-", "\u{30FC}", "=", "~"].contains(&s.as_str()) || s == c.to_string(), "U+{:04X} skeleton {s:?}", c as u32);
        assert!(!s.chars().any(|x| x.is_ascii_alphanumeric()), "U+{:04X} looks like {s:?}", c as u32);
    }
    assert!(DASH_LIKE.windows(2).all(|w| w[0] < w[1]) && DOT_LIKE.windows(2).all(|w| w[0] < w[1]), "sorted for binary search");
    assert!(!DASH_LIKE.iter().any(|c| DOT_LIKE.contains(c)));
}

#[test]
fn ascii_lookalikes_of_domain_letters_are_unicodes() {
    // The engine lets a letter of an organisation domain be written as the
    // ASCII characters or letter pairs Unicode's confusables data gives the
    // same skeleton (upper or lower case: the view is lowercase). Derive that
    // set here and compare it with the engine's table, both ways.
    use unicode_security::confusable_detection::skeleton;
    let sk = |s: &str| skeleton(s).collect::<String>();
    let mut spellings: Vec<String> = (0x21u8..0x7f).map(|b| (b as char).to_string()).collect();
    for a in b'a'..=b'z' {
        for b in b'a'..=b'z' {
            spellings.push(format!("{}{}", a as char, b as char));
        }
    }
    let mut derived: Vec<(char, Vec<String>)> = Vec::new();
    for c in 'a'..='z' {
        let (lower, upper) = (sk(&c.to_string()), sk(&c.to_ascii_uppercase().to_string()));
        let mut same: Vec<String> = spellings
            .iter()
            .filter(|s| (sk(s) == lower || sk(s) == upper) && !s.eq_ignore_ascii_case(&c.to_string()))
            .map(|s| s.to_ascii_lowercase())
            .filter(|s| s != &c.to_string())
            .collect();
        same.sort();
        same.dedup();
        if !same.is_empty() {
            derived.push((c, same));
        }
    }
    let table: Vec<(char, Vec<String>)> = postguard::engine::ASCII_LOOKALIKES
        .iter()
        .map(|(c, alts)| {
            let mut v: Vec<String> = alts.iter().map(|s| s.to_string()).collect();
            v.sort();
            (*c, v)
        })
        .collect();
    assert_eq!(table, derived);
    // And the engine reads them in a City address.
    let c = checker();
    for post in ["write to jo@rochestermn.g0v", "write to jo@rochesterrnn.gov", "write to jo@r0chestermn.gov"] {
        assert!(c.check(post, &Context::default()).iter().any(|f| f.category == Category::CityEmail), "{post}");
    }
    assert!(c.check("write to jo@rochester0n.gov", &Context::default()).iter().all(|f| f.category != Category::CityEmail));
}
