//! The embedded pack compiled at build time: a compact binary form of a
//! parsed and validated [`Pack`].
//!
//! `build.rs` reads `policy/rochester/` with the same loader as the CLI
//! ([`Pack::from_files`], so a mistake in a pack file fails the build with its
//! file, line and field), and writes the result with [`encode`]. The engine
//! starts from [`decode`] of those bytes, natively and in the wasm alike, so
//! the wasm carries no TOML parser, no serde `Deserialize` code for the pack,
//! and none of the pack files' comments and keys.
//!
//! The format is private to one build: the bytes are produced and read by the
//! same source, so there is no version field. Strings are a LEB128 length and
//! UTF-8 bytes; numbers are LEB128; a list is its length and its items; a map
//! is a list of (key, value); `Option` is a 0/1 byte and the value; enums are
//! their variant's index. The macros below list every field and variant, so a
//! field added to a pack type and not here fails to compile (`decode` must
//! build the whole struct, `encode` matches every variant).

use crate::finding::{Category, Mode, Role, Severity};
use crate::pack::{Detector, FixKind, Mask, Organization, OverrideList, Pack, PackMeta, PageStatementDef, RuleDef, ScoreDef, Scope, SignalDef, Validator};
use crate::policy_doc::Clause;
use std::collections::BTreeMap;

/// Encode a pack (its source files are not kept: errors found later in a
/// decoded pack have no file to point into, and the embedded pack is tested).
pub fn encode(pack: &Pack) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 * 1024);
    pack.put(&mut out);
    out
}

/// Decode what [`encode`] wrote. `None` when the bytes are not a whole pack
/// (a build defect: the embedded bytes come from the same source).
pub fn decode(bytes: &[u8]) -> Option<Pack> {
    let mut r = Reader { bytes, at: 0 };
    let pack = Pack::get(&mut r)?;
    (r.at == bytes.len()).then_some(pack)
}

pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }
    /// Whether every byte has been read.
    pub fn finished(&self) -> bool {
        self.at == self.bytes.len()
    }
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
}

/// A value with a binary form.
pub trait Bin: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn get(r: &mut Reader<'_>) -> Option<Self>;
}

impl Bin for usize {
    fn put(&self, out: &mut Vec<u8>) {
        let mut v = *self as u64;
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<usize> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = r.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return usize::try_from(v).ok();
            }
        }
        None
    }
}

impl Bin for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Option<bool> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Bin for f64 {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bits().to_le_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Option<f64> {
        Some(f64::from_bits(u64::from_le_bytes(r.take(8)?.try_into().ok()?)))
    }
}

impl Bin for String {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Option<String> {
        let n = usize::get(r)?;
        String::from_utf8(r.take(n)?.to_vec()).ok()
    }
}

impl<T: Bin> Bin for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Option<T>> {
        match r.byte()? {
            0 => Some(None),
            1 => Some(Some(T::get(r)?)),
            _ => None,
        }
    }
}

impl<A: Bin, B: Bin> Bin for (A, B) {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?))
    }
}

impl<T: Bin> Bin for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        for v in self {
            v.put(out);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Vec<T>> {
        let n = usize::get(r)?;
        // Not trusting `n` for the allocation: at most one item per byte left.
        let mut v = Vec::with_capacity(n.min(r.bytes.len() - r.at));
        for _ in 0..n {
            v.push(T::get(r)?);
        }
        Some(v)
    }
}

impl<T: Bin> Bin for BTreeMap<String, T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        for (k, v) in self {
            k.put(out);
            v.put(out);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<BTreeMap<String, T>> {
        let n = usize::get(r)?;
        let mut m = BTreeMap::new();
        for _ in 0..n {
            let k = String::get(r)?;
            m.insert(k, T::get(r)?);
        }
        Some(m)
    }
}

/// A fieldless enum as its variant's index.
macro_rules! bin_enum {
    ($t:ident { $($v:ident),+ $(,)? }) => {
        impl Bin for $t {
            fn put(&self, out: &mut Vec<u8>) {
                const ALL: &[$t] = &[$($t::$v),+];
                // Every variant is listed: this match has no wildcard arm.
                let _exhaustive = |x: $t| match x { $($t::$v)|+ => () };
                let i = ALL.iter().position(|x| x == self).expect("listed variant");
                out.push(i as u8);
            }
            fn get(r: &mut Reader<'_>) -> Option<$t> {
                const ALL: &[$t] = &[$($t::$v),+];
                ALL.get(usize::from(r.byte()?)).copied()
            }
        }
    };
}

/// A struct, field by field.
macro_rules! bin_struct {
    ($t:ident { $($f:ident),+ $(,)? } $(, default: $($d:ident),+)?) => {
        impl Bin for $t {
            fn put(&self, out: &mut Vec<u8>) {
                // Every field is named: a field missing here fails to compile.
                let $t { $($f),+ $(, $($d: _),+)? } = self;
                $($f.put(out);)+
            }
            fn get(r: &mut Reader<'_>) -> Option<$t> {
                Some($t { $($f: Bin::get(r)?),+ $(, $($d: Default::default()),+)? })
            }
        }
    };
}

bin_enum!(Category { Disclaimer, CityEmail, Confidential, OfficialPosition, Conduct, Political, Endorsement, PersonalViews, OpenMeeting, PageStatements, Moderation, Accuracy });
bin_enum!(Severity { Info, Warning, Error });
bin_enum!(Mode { Personal, City, Moderation });
bin_enum!(Role { Staff, Police, Council, Volunteer, Contractor });
bin_enum!(OverrideList { ConfidentialTerms, Disclaimers });
bin_enum!(Validator { Ssn, Luhn, Aba, AccountNumber, Itin, LuhnAny, Passport, StateLicense, Credential, Capitalized, Mailbox, Mrz });
bin_enum!(Detector { PersonName, UnrelatedLink, OffTopic, RepeatedWord, Article, Misspelling, CouldOf, DoubledPunctuation, SpaceBeforePunctuation, UnbalancedBracket, LinearScore });
bin_enum!(Scope { Post, Sentence, Nearby, Around });
bin_enum!(Mask { None, Digits, Value });
bin_enum!(FixKind { None, AppendDisclaimer, Remove, Correct });

bin_struct!(PackMeta { name, version, policy });
bin_struct!(Organization { name, email_domains, disclaimer, domain_dot, domain_dot_obfuscated });
bin_struct!(Clause { id, heading, text });
// A signal's description documents the pack for its authors (no code reads it, like the files'
// comments): not in the compiled form.
bin_struct!(SignalDef { extended_by, patterns, literal, validate, not_preceded_by, not_followed_by, window, stopwords, detector, first_names, score, roles, all_of, none_of, span, scope, evasions }, default: description);
bin_struct!(ScoreDef { bits, bias, threshold, scale, weights }, default: trained_on);
bin_struct!(RuleDef {
    id, category, severity, clause, modes, roles, anchor, requires, requires_or_absent, unless, scope, requires_may_overlap, once, once_per_sentence, mask, fix, fix_label, summary,
    message, explanation, example, counter_example, example_mode, example_role, example_context
});
bin_struct!(PageStatementDef { id, clause, severity, requires, unless, scope, model, fix_label, summary, message, explanation });
impl Bin for Pack {
    fn put(&self, out: &mut Vec<u8>) {
        let Pack { pack, organization, lexicons, signals, rules, page_statements, clauses, clause_order, source: _ } = self;
        pack.put(out);
        organization.put(out);
        lexicons.put(out);
        signals.put(out);
        rules.put(out);
        page_statements.put(out);
        clause_order.put(out);
        // The clause texts taken from the policy document are the ordered
        // clauses' texts: written once (the document is 17 KB), rebuilt on
        // decoding. A pack's own `[clauses]` table is written as it is.
        let derived = !clause_order.is_empty() && clause_order.len() == clauses.len() && clause_order.iter().all(|c| clauses.get(&c.id) == Some(&c.text));
        if derived {
            out.push(0);
        } else {
            out.push(1);
            clauses.put(out);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Pack> {
        let (pack, organization, lexicons, signals, rules, page_statements) = (Bin::get(r)?, Bin::get(r)?, Bin::get(r)?, Bin::get(r)?, Bin::get(r)?, Bin::get(r)?);
        let clause_order: Vec<Clause> = Bin::get(r)?;
        let clauses = match r.byte()? {
            0 => clause_order.iter().map(|c| (c.id.clone(), c.text.clone())).collect(),
            1 => Bin::get(r)?,
            _ => return None,
        };
        Some(Pack { pack, organization, lexicons, signals, rules, page_statements, clauses, clause_order, source: Default::default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_bad_bytes_are_refused() {
        for n in [0usize, 1, 127, 128, 300, 1 << 20, usize::MAX] {
            let mut out = Vec::new();
            n.put(&mut out);
            assert_eq!(usize::get(&mut Reader { bytes: &out, at: 0 }), Some(n));
        }
        // Truncated, an invalid bool, a string that is not UTF-8, a huge count.
        assert_eq!(usize::get(&mut Reader { bytes: &[0x80], at: 0 }), None);
        assert_eq!(bool::get(&mut Reader { bytes: &[2], at: 0 }), None);
        assert_eq!(String::get(&mut Reader { bytes: &[2, 0xff, 0xfe], at: 0 }), None);
        assert_eq!(Vec::<String>::get(&mut Reader { bytes: &[0xff, 0xff, 0xff, 0x7f], at: 0 }), None);
        assert!(decode(&[]).is_none());
    }

    #[test]
    fn every_enum_variant_round_trips() {
        fn all<T: Bin + PartialEq + std::fmt::Debug + Copy>(values: &[T]) {
            for &v in values {
                let mut out = Vec::new();
                v.put(&mut out);
                assert_eq!(T::get(&mut Reader { bytes: &out, at: 0 }), Some(v));
            }
        }
        all(&Category::ALL);
        all(&Mode::ALL);
        all(&Role::ALL);
        all(&Severity::ALL);
        all(&[Scope::Post, Scope::Sentence, Scope::Nearby, Scope::Around]);
    }
}
