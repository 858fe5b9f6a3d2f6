//! Validators: the checks a number or secret must pass after its pattern
//! matched, so that a phone number, an order number or a random digit run is
//! not reported as a Social Security, card or routing number.

use crate::pack::Validator;

/// What a validator judges: a hit's reported part (group `v`, or the whole
/// match).
pub struct Value<'a, F: Fn() -> &'a str> {
    /// The part as it reads in the matching view (lowercase, folded).
    pub view: &'a str,
    /// The original text from where the part starts (to its end of text),
    /// computed only for the validators that need case.
    pub original: F,
    /// Whether the pattern named the part (a `v` group matched).
    pub named: bool,
}

/// Run `validator` on `value`. `stopwords` is the signal's list of words that
/// are not secrets, mailboxes or names (credential, mailbox, capitalized).
pub fn check<'a, F: Fn() -> &'a str>(validator: Validator, hit: &Value<'a, F>, stopwords: &[String]) -> bool {
    let value = hit.view;
    match validator {
        Validator::Ssn => ssn(&digits(value)),
        Validator::Luhn => payment_card(&digits(value)),
        Validator::Aba => aba_routing(&digits(value)),
        Validator::AccountNumber => account_number(&digits(value)),
        Validator::Itin => itin(&digits(value)),
        Validator::LuhnAny => any_card(&digits(value)),
        Validator::Passport => passport(&compact(value)),
        Validator::StateLicense => state_license(&compact(value)),
        Validator::Credential => credential(value, stopwords),
        Validator::Mailbox => mailbox(value, stopwords),
        Validator::Mrz => mrz(value.as_bytes()),
        // The view is lowercase: the case is the original's. A pattern that
        // names no part leaves nothing to judge. A capitalised word the
        // signal lists as not a name ("Tuesday", "Parks") is not one.
        Validator::Capitalized => !hit.named || ((hit.original)().chars().next().is_some_and(char::is_uppercase) && !stopwords.iter().any(|w| w == value)),
    }
}

fn digits(s: &str) -> Vec<u8> {
    s.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect()
}

fn all_same(d: &[u8]) -> bool {
    d.windows(2).all(|w| w[0] == w[1])
}

fn ascending(d: &[u8]) -> bool {
    d.windows(2).all(|w| (w[0] + 1) % 10 == w[1])
}

/// SSA rules: 9 digits; area not 000, 666 or 900-999; group not 00; serial
/// not 0000. Also rejects numbers SSA has voided after public misuse
/// (078-05-1120, 219-09-9999), one repeated digit and 123-45-6789.
pub fn ssn(d: &[u8]) -> bool {
    if d.len() != 9 {
        return false;
    }
    let area = d[0] as u32 * 100 + d[1] as u32 * 10 + d[2] as u32;
    let group = d[3] as u32 * 10 + d[4] as u32;
    let serial = d[5..].iter().fold(0u32, |a, &x| a * 10 + x as u32);
    if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
        return false;
    }
    let n: u64 = d.iter().fold(0, |a, &x| a * 10 + x as u64);
    !(n == 78_051_120 || n == 219_099_999 || all_same(d) || ascending(d))
}

/// Payment card: 13-19 digits, a known issuer prefix (IIN), Luhn checksum.
pub fn payment_card(d: &[u8]) -> bool {
    if !(13..=19).contains(&d.len()) || all_same(d) {
        return false;
    }
    let p = |n: usize| d[..n].iter().fold(0u32, |a, &x| a * 10 + x as u32);
    let known = d[0] == 4 // Visa
        || (51..=55).contains(&p(2)) || (2221..=2720).contains(&p(4)) // Mastercard
        || p(2) == 34 || p(2) == 37 // American Express
        || p(4) == 6011 || p(2) == 65 || (644..=649).contains(&p(3)) // Discover
        || (300..=305).contains(&p(3)) || p(2) == 36 || p(2) == 38 // Diners Club
        || (3528..=3589).contains(&p(4)) // JCB
        || p(2) == 62 // UnionPay
        || matches!(p(4), 5018 | 5020 | 5038 | 5893 | 6304 | 6759 | 6761 | 6762 | 6763) // Maestro
        || (2200..=2204).contains(&p(4)) // Mir
        || p(2) == 60 || p(2) == 81 || p(2) == 82 || p(3) == 508 // RuPay (652x is in Discover's 65)
        || p(4) == 9792; // Troy
    known && luhn(d)
}

/// The Luhn mod-10 checksum.
pub fn luhn(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            let x = x as u32;
            if i % 2 == 1 {
                let y = x * 2;
                if y > 9 { y - 9 } else { y }
            } else {
                x
            }
        })
        .sum();
    sum % 10 == 0
}

/// ABA routing transit number: 9 digits, Federal Reserve prefix ranges
/// (00-12, 21-32, 61-72, 80), and 3(d1+d4+d7) + 7(d2+d5+d8) + (d3+d6+d9) ≡ 0 mod 10.
pub fn aba_routing(d: &[u8]) -> bool {
    if d.len() != 9 || all_same(d) {
        return false;
    }
    let prefix = d[0] * 10 + d[1];
    if !matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80) {
        return false;
    }
    let s = 3 * (d[0] as u32 + d[3] as u32 + d[6] as u32) + 7 * (d[1] as u32 + d[4] as u32 + d[7] as u32) + (d[2] as u32 + d[5] as u32 + d[8] as u32);
    s % 10 == 0
}

/// A bank account number: 6-17 digits, not one repeated digit or a 1234... run.
/// The letters and digits of `s`, lowercased (separators dropped).
fn compact(s: &str) -> Vec<u8> {
    s.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase()).collect()
}

/// IRS ITIN: 9XX-GG-SSSS with the group in the ranges the IRS issues
/// (50-65, 70-88, 90-92, 94-99).
pub fn itin(d: &[u8]) -> bool {
    if d.len() != 9 || d[0] != 9 || all_same(d) {
        return false;
    }
    let group = d[3] * 10 + d[4];
    matches!(group, 50..=65 | 70..=88 | 90..=92 | 94..=99)
}

/// A card number whose issuer a card word names ("Visa", "card", "exp",
/// "CVV"): any issuer prefix, the Luhn checksum.
pub fn any_card(d: &[u8]) -> bool {
    (13..=19).contains(&d.len()) && !all_same(d) && !ascending(d) && luhn(d)
}

/// Split a compact value into (leading letters, digits, trailing letters),
/// or None if letters sit between digits in another shape.
fn letters_digits(v: &[u8]) -> Option<(usize, usize, usize)> {
    let lead = v.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = v[lead..].iter().take_while(|b| b.is_ascii_digit()).count();
    let trail = v[lead + digits..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
    (lead + digits + trail == v.len()).then_some((lead, digits, trail))
}

fn digit_values(v: &[u8]) -> Vec<u8> {
    v.iter().filter(|b| b.is_ascii_digit()).map(|b| b - b'0').collect()
}

/// Passport numbers: the US issues 9 digits or a letter and 8 digits; most
/// other countries 1-2 letters and 6-8 digits, or 8-9 digits.
pub fn passport(v: &[u8]) -> bool {
    let Some((lead, digits, trail)) = letters_digits(v) else { return false };
    let d = digit_values(v);
    trail == 0 && lead <= 2 && (6..=9).contains(&digits) && (lead > 0 || digits >= 8) && !all_same(&d) && !ascending(&d)
}

/// US driver's licence and state ID formats (the shapes in the states' own
/// descriptions, as PII analysers list them): 1-2 letters and 4-14 digits
/// (CA, FL, IL, MN, WI ...), 6-14 digits alone (NY, TX, PA ...), digits and
/// one or two trailing letters (9 digits + letter), 3 digits, 2 letters, 4
/// digits (IA), 2 digits, 3 letters, 5-6 digits (NH-style). At least 6
/// digits in all, not one repeated digit, not a counting run.
pub fn state_license(v: &[u8]) -> bool {
    let d = digit_values(v);
    if d.len() < 6 || all_same(&d) || ascending(&d) {
        return false;
    }
    let shape_ok = match letters_digits(v) {
        Some((lead, digits, trail)) => match (lead, trail) {
            (0, 0) => (6..=14).contains(&digits),
            (1..=2, 0) => (5..=14).contains(&digits),
            (0, 1..=2) => (7..=9).contains(&digits),
            (1, 1) => (6..=12).contains(&digits),
            _ => false,
        },
        None => {
            // Letters between digit groups: 999AA9999 (Iowa), 99AAA99999 (New Hampshire).
            let s: String = v.iter().map(|&b| if b.is_ascii_digit() { '9' } else { 'a' }).collect();
            matches!(s.as_str(), "999aa9999" | "99aaa99999" | "99aaa999999")
        }
    };
    shape_ok
}

/// ICAO 9303 check digit of a machine-readable-zone field: digits count as
/// themselves, letters A-Z as 10-35, the filler `<` as 0; weights 7, 3, 1
/// repeating; the sum modulo 10. `None` for any other character.
fn mrz_check_digit(field: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (i, &c) in field.iter().enumerate() {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' => c - b'a' + 10,
            b'A'..=b'Z' => c - b'A' + 10,
            b'<' => 0,
            _ => return None,
        };
        sum += u32::from(v) * [7, 3, 1][i % 3];
    }
    Some((sum % 10) as u8)
}

/// The start of a passport MRZ's second line (TD3 and TD2 share it):
/// document number (9) and its check digit, nationality (3), date of birth
/// (6) and check digit, sex, expiry (6) and check digit. All three check
/// digits must hold (a random line passes one time in a thousand), and the
/// document number must hold a digit.
pub fn mrz(v: &[u8]) -> bool {
    if v.len() < 28 {
        return false;
    }
    let digit = |i: usize| v[i].is_ascii_digit().then(|| v[i] - b'0');
    let field_ok = |from: usize, to: usize| matches!((mrz_check_digit(&v[from..to]), digit(to)), (Some(a), Some(b)) if a == b);
    let dates = v[13..19].iter().chain(&v[21..27]).all(u8::is_ascii_digit);
    v[..9].iter().any(u8::is_ascii_digit) && dates && field_ok(0, 9) && field_ok(13, 19) && field_ok(21, 27)
}

pub fn account_number(d: &[u8]) -> bool {
    (6..=17).contains(&d.len()) && !all_same(d) && !ascending(d)
}

/// A secret value: at least 4 characters, not a word from `stopwords`, and
/// either holding a digit or symbol or at least 6 characters long.
pub fn credential(value: &str, stopwords: &[String]) -> bool {
    let v = value.trim_matches(|c: char| matches!(c, '"' | '\'' | '`' | '.' | ',' | ';' | ')' | '(' | '!' | '?'));
    let n = v.chars().count();
    if n < 4 || n > 128 {
        return false;
    }
    if stopwords.iter().any(|w| w == v) {
        return false;
    }
    // A plain word is a secret only when long: "password is sunshine" is not
    // worth a false alarm; "hunter22", "4471#" and "correcthorsebattery" are.
    let has_digit_or_symbol = v.chars().any(|c| c.is_ascii_digit() || (c.is_ascii_punctuation() && c != '-'));
    has_digit_or_symbol || n >= 10
}

/// An address written "local at domain" is a mailbox unless `local` is one of
/// `not_mailbox` ("details at rochestermn.gov" is a web address).
pub fn mailbox(value: &str, not_mailbox: &[String]) -> bool {
    match value.split_once(" at ") {
        Some((local, _)) => !not_mailbox.iter().any(|w| w == local.trim()),
        None => true,
    }
}

/// Mask every digit of `s` (of any script: fullwidth, Arabic-Indic,
/// superscript ...) except the last four.
pub fn mask_digits(s: &str) -> String {
    let total = s.chars().filter(|c| c.is_numeric()).count();
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if c.is_numeric() {
                seen += 1;
                if seen + 4 <= total {
                    return '*';
                }
            }
            c
        })
        .collect()
}

/// Mask every non-space character of `s`.
pub fn mask_all(s: &str) -> String {
    s.chars().map(|c| if c.is_whitespace() { c } else { '*' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Vec<u8> {
        digits(s)
    }

    #[test]
    fn ssn_rules() {
        for ok in ["123-45-6780", "078-05-1121", "665-12-3456", "899-99-9999", "001-01-0001"] {
            assert!(ssn(&d(ok)), "{ok}");
        }
        for bad in ["000-12-3456", "666-12-3456", "900-12-3456", "987-65-4321", "123-00-4567", "123-45-0000", "078-05-1120", "219-09-9999", "111-11-1111", "123-45-6789", "12-345-678"] {
            assert!(!ssn(&d(bad)), "{bad}");
        }
    }

    #[test]
    fn cards() {
        for ok in ["4111 1111 1111 1111", "5500-0000-0000-0004", "3782 822463 10005", "6011111111111117", "4012888888881881", "2223000048400011", "30569309025904", "3530111333300000", "6759649826438453", "2200 4738 2910 4531"] {
            assert!(payment_card(&d(ok)), "{ok}");
        }
        for bad in ["4111 1111 1111 1112", "1234 5678 9012 3456", "0000000000000000", "9111111111111111", "411111111111"] {
            assert!(!payment_card(&d(bad)), "{bad}");
        }
    }

    #[test]
    fn itins() {
        for ok in ["912-70-1234", "900-50-1234", "999-99-8765", "965-94-0001", "931 88 4567"] {
            assert!(itin(&d(ok)), "{ok}");
        }
        for bad in ["912-45-1234", "912-66-1234", "912-93-1234", "812-70-1234", "999-99-9999", "912-70-123"] {
            assert!(!itin(&d(bad)), "{bad}");
        }
    }

    #[test]
    fn any_issuer_cards() {
        // UATP (1...), Mir (2200), RuPay (6521), Verve (5061): Luhn-valid.
        for ok in ["1004 738291 04536", "2200 4738 2910 4531", "6521 4738 2910 4534", "5061 4738 2910 4539 512"] {
            assert!(any_card(&d(ok)), "{ok}");
        }
        for bad in ["1004 738291 04537", "0000 0000 0000 0000", "1234 5678 9012 3456 7"] {
            assert!(!any_card(&d(bad)), "{bad}");
        }
    }

    #[test]
    fn passports() {
        for ok in ["A47382915", "C03005988", "488839667", "AB5193726", "X9876543", "L8941233"] {
            assert!(passport(&compact(ok)), "{ok}");
        }
        for bad in ["1234567", "A1234", "111111111", "ABC1234567", "123456789", "A12345678B"] {
            assert!(!passport(&compact(bad)), "{bad}");
        }
    }

    #[test]
    fn machine_readable_zones() {
        // ICAO 9303's own specimen (Part 4, Appendix A): L898902C3 UTO 740812 F 120415
        assert!(mrz(b"l898902c36uto7408122f1204159zE184226b<<<<<10"));
        assert!(mrz(b"l898902c36uto7408122f1204159"));
        // One digit of the document number changed: its check digit fails.
        assert!(!mrz(b"l898912c36uto7408122f1204159zE184226b<<<<<10"));
        // The birth date's check digit wrong.
        assert!(!mrz(b"l898902c36uto7408123f1204159zE184226b<<<<<10"));
        assert!(!mrz(b"l898902c36uto7408122f12041"));
        assert!(!mrz(b"<<<<<<<<<0uto0000000<0000000"));
    }

    #[test]
    fn state_licences() {
        // CA A1234567, FL S123-456-78-901-0, IL S123-4567-8901, NY 123 456 789,
        // TX 27384916, WI S530-4608-3012-04, IA 384AB2917, MN H384729105527.
        for ok in ["A7345123", "S123-456-78-901-0", "S153-4767-8921", "493 256 871", "27384916", "S530-4608-3012-04", "384AB2917", "H384729105527", "WD47391826"] {
            assert!(state_license(&compact(ok)), "{ok}");
        }
        for bad in ["2027", "A123", "111111111", "1234567", "S123-4567-8901", "ABCDEFG", "A12B34C56", "12-34"] {
            assert!(!state_license(&compact(bad)), "{bad}");
        }
    }

    #[test]
    fn routing_numbers() {
        for ok in ["091000019", "011000015", "021000021", "122105278"] {
            assert!(aba_routing(&d(ok)), "{ok}");
        }
        for bad in ["091000018", "123456789", "000000000", "991000019", "55901123"] {
            assert!(!aba_routing(&d(bad)), "{bad}");
        }
    }

    #[test]
    fn credentials() {
        let stop = vec!["expired".to_string(), "required".to_string()];
        assert!(credential("hunter22", &stop));
        assert!(credential("tr0ub4dor&3", &stop));
        assert!(credential("4471#", &stop));
        assert!(!credential("sunshine", &stop));
        assert!(credential("correcthorsebattery", &stop));
        assert!(!credential("expired", &stop));
        assert!(!credential("abc", &stop));
        assert!(!credential("cat", &stop));
    }

    #[test]
    fn masks() {
        assert_eq!(mask_digits("123-45-5530"), "***-**-5530");
        assert_eq!(mask_digits("4111 1111 1111 1111"), "**** **** **** 1111");
        assert_eq!(mask_digits("\u{662}\u{661}\u{662}-\u{664}\u{665}-\u{665}\u{665}\u{663}\u{660}"), "***-**-\u{665}\u{665}\u{663}\u{660}");
        assert_eq!(mask_digits("２１２-４５-5530"), "***-**-5530");
        assert_eq!(mask_all("hunter22"), "********");
    }
}
