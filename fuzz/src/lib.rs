//! Helpers shared by the fuzz targets: turning fuzz bytes into a check
//! context and into text rich in the Unicode classes that break offset code,
//! and the span invariants every finding must satisfy.

use arbitrary::Unstructured;
use postguard::{Context, Finding, Mode, Role};

/// Characters that break naive text code: invisible, bidi controls,
/// combining marks, compatibility forms, case-mapping oddities, line
/// separators, astral-plane letters, the replacement character.
pub const TRICKY: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{034F}', '\u{180E}',
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    '\u{200E}', '\u{200F}', '\u{061C}', '\u{FE0F}', '\u{E0041}', '\u{E007F}',
    '\u{0301}', '\u{0308}', '\u{0345}', '\u{20DD}', '\u{1AB0}',
    '\u{FF20}', '\u{FF0E}', '\u{FF41}', '\u{FF21}', '\u{FF10}', '\u{FE6B}', '\u{1D41A}', '\u{1D7CE}', '\u{2460}', '\u{00B2}',
    '\u{FFFD}', '\u{2028}', '\u{2029}', '\u{0085}', '\u{00A0}', '\u{3000}', '\u{2003}', '\r', '\n', '\t', '\0', '\u{7F}',
    '\u{FDFA}', '\u{00A8}', '\u{3250}', '\u{33A1}', '\u{00DF}', '\u{0130}', '\u{01C5}', '\u{FB01}', '\u{2260}', '\u{212A}', '\u{2126}', '\u{1E9E}',
    '\u{0430}', '\u{03BF}', '\u{0441}', '\u{2010}', '\u{2019}', '\u{201C}', '\u{3002}', '\u{00B7}',
    '\u{1F389}', '\u{1F469}', '\u{1F1FA}', '\u{1100}', '\u{AC00}', '\u{0627}', '\u{05D0}', '\u{0E01}', '\u{10FFFF}',
];

/// Post material: what the rules look for, so fuzzed text reaches them.
pub const PIECES: &[&str] = &[
    "As a City of Rochester snowplow driver ", "jdoe@rochestermn.gov", "jdoe at rochestermn dot gov", "SSN 212-45-5530",
    "4111 1111 1111 1111", "routing 091000019", "account number is 4455667788", "DL H123456789012", "door code is 4471#",
    "CONFIDENTIAL", "Officer Jensen is on admin leave", "diagnosed with cancer", "The victim, Jane Doe at 1234 5th St SW",
    "Speaking on behalf of the City", "I'll kill him", "Vote for Kim Norton", "use code ROCHESTER for 20% off",
    "I think the new parking ramp", "Councilmember Smith, will you vote", "These are my own opinions and do not represent those of the City.",
    "the budget", "Mr. ", ". ", "! ", "? ", " ", "\n", "@", ".", "-",
];

/// Context from one byte: bit 0 mode, the next bits the role.
pub fn context(b: u8) -> Context {
    let mode = if b & 1 == 0 { Mode::Personal } else { Mode::City };
    let role = Role::ALL[usize::from(b >> 1) % Role::ALL.len()];
    Context { mode, role }
}

/// Text built from fuzz bytes: arbitrary scalar values (a surrogate becomes
/// U+FFFD, as a JavaScript lone surrogate does through wasm-bindgen), tricky
/// characters and post material, interleaved.
pub fn rich_text(u: &mut Unstructured) -> String {
    let mut s = String::new();
    while !u.is_empty() && s.len() < 8192 {
        let Ok(k) = u.int_in_range(0u8..=9) else { break };
        match k {
            0..=2 => s.push(TRICKY[u.choose_index(TRICKY.len()).unwrap_or(0)]),
            3..=4 => s.push_str(PIECES[u.choose_index(PIECES.len()).unwrap_or(0)]),
            5 => {
                let v = u.arbitrary::<u32>().unwrap_or(0) % 0x11_0000;
                s.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
            }
            6 => {
                // A character near a chosen plane/block start.
                let base = [0x0300, 0x2000, 0x2060, 0xFE00, 0xFF00, 0x1D400, 0xE0000, 0xD7F0][u.choose_index(8).unwrap_or(0)];
                let v = base + u32::from(u.arbitrary::<u8>().unwrap_or(0));
                s.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
            }
            _ => {
                // A short run of printable ASCII taken from the input.
                let n = u.int_in_range(1u8..=12).unwrap_or(1);
                for _ in 0..n {
                    let b = u.arbitrary::<u8>().unwrap_or(b' ');
                    s.push(char::from(0x20 + b % 0x5F));
                }
            }
        }
    }
    s
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The span contract of ARCHITECTURE.md ("The finding schema"): byte spans
/// in bounds and on char boundaries, UTF-16 spans equal to the UTF-16
/// length of the prefixes, edits likewise, excerpts bounded.
pub fn assert_spans(text: &str, findings: &[Finding]) {
    for f in findings {
        assert!(f.byte_start <= f.byte_end && f.byte_end <= text.len(), "{} span {}..{} out of 0..{}", f.rule, f.byte_start, f.byte_end, text.len());
        assert!(text.is_char_boundary(f.byte_start) && text.is_char_boundary(f.byte_end), "{} span {}..{} not on char boundaries", f.rule, f.byte_start, f.byte_end);
        assert_eq!(f.start, utf16_len(&text[..f.byte_start]), "{} UTF-16 start", f.rule);
        assert_eq!(f.end, utf16_len(&text[..f.byte_end]), "{} UTF-16 end", f.rule);
        assert!(f.excerpt.chars().count() <= 160, "{} excerpt longer than 160 chars", f.rule);
        for fix in &f.fixes {
            for e in &fix.edits {
                assert!(e.byte_start <= e.byte_end && e.byte_end <= text.len(), "{} edit {}..{} out of 0..{}", f.rule, e.byte_start, e.byte_end, text.len());
                assert!(text.is_char_boundary(e.byte_start) && text.is_char_boundary(e.byte_end), "{} edit not on char boundaries", f.rule);
                assert_eq!(e.start, utf16_len(&text[..e.byte_start]), "{} edit UTF-16 start", f.rule);
                assert_eq!(e.end, utf16_len(&text[..e.byte_end]), "{} edit UTF-16 end", f.rule);
            }
            // Edits of one fix never overlap (they are applied last to first).
            let mut spans: Vec<(usize, usize)> = fix.edits.iter().map(|e| (e.byte_start, e.byte_end)).collect();
            spans.sort_unstable();
            assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "{} fix edits overlap", f.rule);
            let _ = postguard::apply_fix(text, fix);
        }
    }
    // The engine's order (engine.rs `findings`): byte start, byte end, rule id.
    assert!(
        findings.windows(2).all(|w| (w[0].byte_start, w[0].byte_end, &w[0].rule) <= (w[1].byte_start, w[1].byte_end, &w[1].rule)),
        "findings not sorted by (byte_start, byte_end, rule)"
    );
    // One finding per category per stretch of text: findings of one category never overlap.
    for cat in postguard::Category::ALL {
        let mut last: Option<(usize, usize)> = None;
        for f in findings.iter().filter(|f| f.category == cat) {
            if let Some((s, e)) = last {
                assert!(f.byte_start >= e && f.byte_start > s, "{cat} findings overlap: {s}..{e} and {}..{}", f.byte_start, f.byte_end);
            }
            last = Some((f.byte_start, f.byte_end));
        }
    }
}
