//! Evasion properties: disguising a post the way people do never hides a
//! finding the plain post has, for every kind of identifier the engine
//! detects (Social Security, payment card, routing, bank account and driver's
//! license numbers, credentials, City email addresses, and the confidential
//! terms an organisation adds).
//!
//! The disguises come from Unicode's own data, not from a hand-picked list:
//! every Default_Ignorable code point that does not reorder text, every
//! decimal digit of every script (General_Category=Nd, from the generated
//! tables), every confusable of `@`, `.` and the ASCII letters, and every
//! dash (General_Category=Pd and its confusables) and dot look-alike of the
//! generated `DASH_LIKE` and `DOT_LIKE` tables as separators.

use postguard::normalize::decimal_value;
use postguard::unicode_tables::{CONFUSABLE_ASCII, DASH_LIKE, DECIMAL_ZEROS, DEFAULT_IGNORABLE, DOT_LIKE};
use postguard::{Checker, Context, Finding, Mode, Role};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::sync::OnceLock;

/// The embedded pack plus custom confidential terms, as City IT would add them.
fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| {
        let o = postguard::PackOverride { confidential_terms: CUSTOM_TERMS.iter().map(|t| t.to_string()).collect(), ..Default::default() };
        Checker::with_override(&o, "test").unwrap()
    })
}

const CUSTOM_TERMS: [&str; 3] = ["Project Bluebird", "Operation Café Noir", "Vault-7 review"];

/// Invisible characters a person (or a paste) can put anywhere: every
/// Default_Ignorable code point except the bidi controls that change the
/// order text is displayed in (those are tested on their own).
fn invisibles() -> &'static [char] {
    static V: OnceLock<Vec<char>> = OnceLock::new();
    V.get_or_init(|| {
        let reorders = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        DEFAULT_IGNORABLE
            .iter()
            .flat_map(|&(lo, hi)| (lo as u32..=hi as u32).filter_map(char::from_u32))
            .filter(|&c| !reorders(c))
            .collect()
    })
}

/// Every decimal digit of every script with value `v`, ASCII included.
fn digits_of(v: u8) -> Vec<char> {
    std::iter::once('0')
        .chain(DECIMAL_ZEROS.iter().copied())
        .filter_map(|z| char::from_u32(z as u32 + v as u32))
        .collect()
}

/// Confusables of `target` (`@`, `.` or a lowercase letter) from Unicode's
/// confusables data. Left out: decimal digits, which are read by their value
/// (`٠` is zero, not a full stop; the digit property covers them), and
/// characters whose compatibility form is another ASCII letter (`𝐈` is a
/// capital I, though confusables.txt lists it under `l`).
fn confusables_of(target: u8) -> Vec<char> {
    let other_letter = |c: char| {
        let mut other = false;
        unicode_normalization::char::decompose_compatible(c, |d| {
            other |= d.is_ascii_alphanumeric() && d.to_ascii_lowercase() as u32 != target as u32
        });
        other
    };
    CONFUSABLE_ASCII
        .iter()
        .filter(|&&(c, t)| t == target && decimal_value(c).is_none() && !other_letter(c))
        .map(|&(c, _)| c)
        .collect()
}

/// A random valid identifier in a sentence that gives it its context.
/// Returns the post and the rule it must trigger.
fn post() -> impl Strategy<Value = (String, &'static str)> {
    let ssn = (1u32..900, 1u32..100, 1u32..10000, 0usize..3, 0usize..3).prop_filter_map("SSA rules", |(a, g, s, sep, ctx)| {
        if a == 666 || (a, g, s) == (123, 45, 6789) || (a, g, s) == (78, 5, 1120) || (a, g, s) == (219, 9, 9999) {
            return None;
        }
        let d = format!("{a:03}{g:02}{s:04}");
        if d.bytes().all(|b| b == d.as_bytes()[0]) {
            return None;
        }
        let n = [format!("{a:03}-{g:02}-{s:04}"), format!("{a:03} {g:02} {s:04}"), format!("{a:03}{g:02}{s:04}")][sep].clone();
        let lead = ["Her SSN is", "social security number:", "SSN#"][ctx];
        Some((format!("{lead} {n} so HR can fix the form"), "confidential.ssn"))
    });
    let card = (prop::sample::select(vec!["4", "51", "55", "37", "6011"]), prop::collection::vec(0u8..10, 14), any::<bool>()).prop_map(|(iin, body, spaced)| {
        let len = if iin == "37" { 15 } else { 16 };
        let mut d: Vec<u8> = iin.bytes().map(|b| b - b'0').collect();
        d.extend(body.iter().take(len - 1 - d.len()));
        d.push(luhn_check_digit(&d));
        let s: String = d.iter().map(|x| (b'0' + x) as char).collect();
        let s = if spaced { s.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(" ") } else { s };
        (format!("Paying the permit fee with {s} exp 09/28"), "confidential.payment-card")
    });
    let routing = (prop::sample::select(vec![1u8, 2, 9, 11, 21, 26, 31, 61, 71, 80]), prop::collection::vec(0u8..10, 6)).prop_map(|(pfx, body)| {
        let mut d = vec![pfx / 10, pfx % 10];
        d.extend(body);
        let s = 3 * (d[0] + d[3] + d[6]) as u32 + 7 * (d[1] + d[4] + d[7]) as u32 + (d[2] + d[5]) as u32;
        d.push(((10 - s % 10) % 10) as u8);
        let s: String = d.iter().map(|x| (b'0' + x) as char).collect();
        (format!("Send the refund to routing {s} please"), "confidential.bank")
    });
    let account = prop::collection::vec(0u8..10, 8..12).prop_filter_map("not a run", |d| {
        let s: String = d.iter().map(|x| (b'0' + x) as char).collect();
        let run = d.windows(2).all(|w| w[1] == (w[0] + 1) % 10) || d.iter().all(|&x| x == d[0]);
        (!run).then(|| (format!("My checking account number is {s}, just direct deposit"), "confidential.bank-account"))
    });
    let dl = (prop::sample::select(('A'..='Z').collect::<Vec<_>>()), prop::collection::vec(0u8..10, 12)).prop_map(|(l, d)| {
        let s: String = d.iter().map(|x| (b'0' + x) as char).collect();
        (format!("Driver left the scene, DL {l}{s} if anyone knows him"), "confidential.drivers-license")
    });
    let credential = ("[a-z]{3,6}[0-9]{2,4}[#!]?", 0usize..3).prop_map(|(secret, k)| {
        let lead = ["the garage door code is", "wifi password:", "My password is"][k];
        (format!("Reminder for the crew: {lead} {secret} thanks"), "confidential.credential")
    });
    let email = (
        "[a-z]{1,8}(\\.[a-z]{1,6})?[0-9]{0,2}",
        prop::sample::select(vec!["", "parks.", "rpu.", "police."]),
        prop::sample::select(vec![("@", "."), (" at ", " dot "), (" [at] ", " [dot] "), ("(at)", "(dot)")]),
    )
        .prop_map(|(local, sub, (at, dot))| {
            // Spelled out, "up at rochestermn dot gov" reads as an English phrase, which the
            // engine rightly leaves alone (the pack's not_mailbox words): a spelled-out address
            // is one when its local part looks like a mailbox (a digit, as people add them).
            let local = if at == "@" || local.bytes().any(|b| b.is_ascii_digit()) { local } else { format!("{local}7") };
            let address = format!("{local}@{sub}rochestermn.gov").replace('@', at);
            let address = if dot == "." { address } else { address.replace(".rochestermn.gov", &format!("{dot}rochestermn.gov")).replace(".gov", &format!("{dot}gov")) };
            (format!("Questions? Email me at {address} anytime"), "city-email.address")
        });
    let custom = (prop::sample::select(CUSTOM_TERMS.to_vec()), any::<bool>()).prop_map(|(term, upper)| {
        let term = if upper { term.to_uppercase() } else { term.to_string() };
        (format!("Can't wait for {term} to launch!"), "confidential.custom-term")
    });
    prop_oneof![ssn, card, routing, account, dl, credential, email, custom]
}

fn luhn_check_digit(d: &[u8]) -> u8 {
    // Digits from the right, the check digit's neighbour doubled first.
    let sum: u32 = d.iter().rev().enumerate().map(|(i, &x)| {
        let x = x as u32;
        if i % 2 == 0 { let y = x * 2; if y > 9 { y - 9 } else { y } } else { x }
    }).sum();
    ((10 - sum % 10) % 10) as u8
}

/// A disguise of a post, with where each of the plain post's char boundaries
/// went: `before[i]`..=`after[i]` is the range of disguised offsets that
/// boundary `i` of the plain text may land on (invisible characters inserted
/// there lie between the two).
struct Disguised {
    text: String,
    before: Vec<usize>,
    after: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Plan {
    /// Per plain char: (replace it?, pick, invisible to insert before it?).
    choices: Vec<(bool, usize, Option<usize>)>,
}

fn plan() -> impl Strategy<Value = Plan> {
    prop::collection::vec((prop::bool::weighted(0.5), any::<usize>(), prop::option::weighted(0.3, any::<usize>())), 200)
        .prop_map(|choices| Plan { choices })
}

/// Which characters a disguise may replace.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// Insert invisible characters only.
    Invisible,
    /// Digits become decimal digits of other scripts with the same value.
    Digits,
    /// `@` and `.` become their confusables.
    AtAndDot,
    /// Letters become their confusables (Cyrillic, Greek, Cherokee, Latin small capitals ...).
    Letters,
    /// `-` becomes any dash (Pd and its confusables), `.` any dot look-alike.
    Separators,
    /// All of the above at once.
    All,
}

fn disguise(plain: &str, plan: &Plan, kind: Kind) -> Disguised {
    let mut text = String::new();
    let (mut before, mut after) = (vec![0; plain.len() + 1], vec![0; plain.len() + 1]);
    let invisible = matches!(kind, Kind::Invisible | Kind::All);
    for (n, (i, c)) in plain.char_indices().enumerate() {
        let (replace, pick, zw) = plan.choices[n % plan.choices.len()];
        before[i] = text.len();
        if invisible {
            if let Some(z) = zw {
                text.push(invisibles()[z % invisibles().len()]);
            }
        }
        after[i] = text.len();
        let pool: Vec<char> = match (kind, c) {
            (Kind::Digits | Kind::All, '0'..='9') => digits_of(c as u8 - b'0'),
            (Kind::AtAndDot | Kind::All, '@' | '.') => confusables_of(c as u8),
            (Kind::Letters | Kind::All, 'a'..='z' | 'A'..='Z') => confusables_of(c.to_ascii_lowercase() as u8),
            (Kind::Separators, '-') => DASH_LIKE.to_vec(),
            (Kind::Separators, '.') => DOT_LIKE.to_vec(),
            _ => vec![],
        };
        if replace && !pool.is_empty() {
            text.push(pool[pick % pool.len()]);
        } else {
            text.push(c);
        }
    }
    before[plain.len()] = text.len();
    after[plain.len()] = text.len();
    Disguised { text, before, after }
}

fn check(text: &str) -> Vec<Finding> {
    checker().check(text, &Context { mode: Mode::Personal, role: Role::Staff })
}

/// Every finding of the plain post has a finding of the same rule in the
/// disguised post, over the same characters.
fn still_found(plain: &str, rule: &str, plan: &Plan, kind: Kind) -> Result<(), TestCaseError> {
    let found = check(plain);
    prop_assert!(found.iter().any(|f| f.rule == rule), "generator bug: plain post not flagged {rule}: {plain:?} -> {found:#?}");
    let d = disguise(plain, plan, kind);
    let hidden = check(&d.text);
    for f in &found {
        let ok = hidden.iter().any(|h| {
            h.rule == f.rule
                && (d.before[f.byte_start]..=d.after[f.byte_start]).contains(&h.byte_start)
                && (d.before[f.byte_end]..=d.after[f.byte_end]).contains(&h.byte_end)
        });
        prop_assert!(ok, "{kind:?} hid {} ({}..{}) in {:?}\nplain: {plain:?}\nfound: {:?}", f.rule, f.byte_start, f.byte_end, d.text,
            hidden.iter().map(|h| (&h.rule, &d.text[h.byte_start..h.byte_end])).collect::<Vec<_>>());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn invisible_characters_never_hide_a_finding((plain, rule) in post(), plan in plan()) {
        still_found(&plain, rule, &plan, Kind::Invisible)?;
    }

    #[test]
    fn digits_of_other_scripts_never_hide_a_finding((plain, rule) in post(), plan in plan()) {
        still_found(&plain, rule, &plan, Kind::Digits)?;
    }

    #[test]
    fn confusable_at_and_dot_never_hide_a_finding((plain, rule) in post(), plan in plan()) {
        still_found(&plain, rule, &plan, Kind::AtAndDot)?;
    }

    #[test]
    fn confusable_letters_never_hide_a_finding((plain, rule) in post(), plan in plan()) {
        still_found(&plain, rule, &plan, Kind::Letters)?;
    }

    #[test]
    fn dashes_and_dots_of_every_script_never_hide_a_finding((plain, rule) in post(), plan in plan()) {
        still_found(&plain, rule, &plan, Kind::Separators)?;
    }

    #[test]
    fn all_disguises_at_once_never_hide_a_finding((plain, rule) in post(), plan in plan()) {
        still_found(&plain, rule, &plan, Kind::All)?;
    }
}

/// Each pool the properties draw from is what Unicode says it is, so a
/// property cannot pass by drawing from an empty or wrong set.
#[test]
fn disguise_pools_come_from_unicode_data() {
    assert!(invisibles().len() > 4000, "{}", invisibles().len());
    assert!(invisibles().contains(&'\u{200B}') && invisibles().contains(&'\u{FEFF}') && !invisibles().contains(&'\u{202E}'));
    for v in 0..10 {
        let pool = digits_of(v);
        assert!(pool.len() >= 70, "{v}: {}", pool.len());
        assert!(pool.iter().all(|c| c.is_numeric()));
    }
    assert!(digits_of(4).contains(&'\u{9EA}') && digits_of(0).contains(&'\u{FF10}'));
    assert!(confusables_of(b'@').contains(&'\u{FF20}'));
    let dots = confusables_of(b'.');
    assert!(dots.contains(&'\u{2024}') && dots.contains(&'\u{1D16D}') && !dots.contains(&'\u{660}'), "{dots:?}");
    assert!(confusables_of(b'a').len() > 10);
}

/// Every identifier kind, each digit replaced by every script's digit of the
/// same value, in turn: a full sweep, not a sample.
#[test]
fn every_script_digit_sweep() {
    let cases = [
        ("Her SSN is 212-45-5530 so HR can fix the form", "confidential.ssn"),
        ("Paying the permit fee with 4111 1111 1111 1111 exp 09/28", "confidential.payment-card"),
        ("Send the refund to routing 091000019 please", "confidential.bank"),
        ("My checking account number is 4455667788, just direct deposit", "confidential.bank-account"),
        ("Driver left the scene, DL H123456789012 if anyone knows him", "confidential.drivers-license"),
        ("the garage door code is 4471# thanks", "confidential.credential"),
        ("Email me at jdoe42@rochestermn.gov", "city-email.address"),
        ("the Vault-7 review is Friday", "confidential.custom-term"),
    ];
    for (plain, rule) in cases {
        for z in std::iter::once('0').chain(DECIMAL_ZEROS.iter().copied()) {
            let text: String = plain
                .chars()
                .map(|c| if c.is_ascii_digit() { char::from_u32(z as u32 + (c as u32 - '0' as u32)).unwrap() } else { c })
                .collect();
            let f = check(&text);
            assert!(f.iter().any(|f| f.rule == rule), "zero U+{:04X}: {rule} missed in {text:?}", z as u32);
        }
    }
}

/// Every dash of DASH_LIKE (Unicode's Pd dashes and their confusables) as the
/// separators of an SSN, a card and a licence; every dot look-alike of
/// DOT_LIKE, and the digits that look like a full stop, as the dots of a City
/// address: a full sweep.
#[test]
fn every_dash_and_dot_sweep() {
    assert!(DASH_LIKE.len() >= 30 && DASH_LIKE.contains(&'\u{2013}') && DASH_LIKE.contains(&'\u{2212}') && DASH_LIKE.contains(&'\u{FF0D}'));
    assert!(DOT_LIKE.len() >= 25 && DOT_LIKE.contains(&'\u{FF0E}') && DOT_LIKE.contains(&'\u{3002}'));
    for &d in DASH_LIKE {
        for (plain, rule) in [
            ("Her SSN is 212-45-5530 so HR can fix the form", "confidential.ssn"),
            ("Paying the permit fee with 4111-1111-1111-1111 exp 09/28", "confidential.payment-card"),
            ("Driver left the scene, DL H-123-456-789-012 if anyone knows him", "confidential.drivers-license"),
        ] {
            let text = plain.replace('-', &d.to_string());
            assert!(check(&text).iter().any(|f| f.rule == rule), "U+{:04X} as a dash hid {rule} in {text:?}", d as u32);
        }
    }
    // Arabic-Indic and extended Arabic-Indic zeros look like a full stop (confusables.txt).
    let digit_dots: Vec<char> = CONFUSABLE_ASCII.iter().filter(|&&(c, t)| t == b'.' && decimal_value(c).is_some()).map(|&(c, _)| c).collect();
    assert!(digit_dots.contains(&'\u{660}') && digit_dots.contains(&'\u{6F0}'), "{digit_dots:?}");
    for &d in DOT_LIKE.iter().chain(&digit_dots) {
        let text = format!("Questions? Email me at jane{d}doe@parks{d}rochestermn{d}gov anytime");
        let f = check(&text);
        let hit = f.iter().find(|f| f.rule == "city-email.address");
        assert!(hit.is_some(), "U+{:04X} as a dot hid the address in {text:?}", d as u32);
        let h = hit.unwrap();
        assert!(text[h.byte_start..h.byte_end].ends_with("gov"), "U+{:04X}: span {:?}", d as u32, &text[h.byte_start..h.byte_end]);
    }
}
