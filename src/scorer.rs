//! A small learned scorer: a logistic model over a post's words, for what
//! word lists and templates keep missing (issue 13's "small learned scorer").
//!
//! The `linear-score` detector (`crate::detect`) runs a [`Model`] that a
//! signal's `[score]` table holds in the pack: the hashed weights of the
//! matching view's words and word pairs, a bias and a threshold. A post whose
//! score passes the threshold gets one hit, on the sentence that weighs most for
//! it, so a finding still points at words; a rule then decides what the hit
//! means, with the same `requires` and `unless` as any other.
//!
//! The weights are trained on the quality corpus's dev part, never on its
//! frozen test part ([`train`], `examples/train_scorer.rs`, which rewrites the
//! signal's file); `tests/scorer.rs` retrains and checks that the pack holds
//! exactly what the dev part gives. Training and scoring share
//! [`for_each_feature`], so a feature means the same thing in both.

use std::fmt;

/// The most hash bits a model may use (65,536 weights).
pub const MAX_BITS: usize = 16;

/// A trained model, decoded from a signal's `[score]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    bits: usize,
    bias: f64,
    threshold: f64,
    scale: f64,
    weights: Vec<i8>,
}

/// Why a `[score]` table cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Model {
    /// The model of a `[score]` table: `weights` is `2^bits` signed bytes in
    /// hex, each weight `byte * scale`.
    pub fn from_parts(bits: usize, bias: f64, threshold: f64, scale: f64, weights_hex: &str) -> Result<Model, ModelError> {
        if !(1..=MAX_BITS).contains(&bits) {
            return Err(ModelError(format!("bits must be 1 to {MAX_BITS}, got {bits}")));
        }
        for (name, x) in [("bias", bias), ("threshold", threshold), ("scale", scale)] {
            if !x.is_finite() {
                return Err(ModelError(format!("{name} must be a finite number")));
            }
        }
        let want = 2usize << bits;
        if weights_hex.len() != want {
            return Err(ModelError(format!("weights must be {} hex digits (2^{bits} bytes), got {}", want, weights_hex.len())));
        }
        let digit = |c: u8| -> Result<u8, ModelError> {
            match c {
                b'0'..=b'9' => Ok(c - b'0'),
                b'a'..=b'f' => Ok(c - b'a' + 10),
                _ => Err(ModelError(format!("weights must be lowercase hex, found {:?}", c as char))),
            }
        };
        let weights = weights_hex.as_bytes().chunks(2).map(|p| Ok((digit(p[0])? << 4 | digit(p[1])?) as i8)).collect::<Result<Vec<i8>, ModelError>>()?;
        Ok(Model { bits, bias, threshold, scale, weights })
    }

    /// Quantises trained weights (`train`) to a model with `threshold`.
    pub fn quantise(bits: usize, trained: &Trained, threshold: f64) -> Model {
        let max = trained.weights.iter().fold(0f64, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let weights = trained.weights.iter().map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8).collect();
        Model { bits, bias: trained.bias, threshold, scale, weights }
    }

    /// The `[score]` table of a signal file, as `examples/train_scorer.rs`
    /// writes it (numbers in Rust's shortest round-trip form).
    pub fn table(&self, trained_on: &str) -> String {
        let mut out = String::from("[score]\n");
        out.push_str(&format!("trained_on = {trained_on:?}\nbits = {}\nbias = {:?}\nthreshold = {:?}\nscale = {:?}\n", self.bits, self.bias, self.threshold, self.scale));
        out.push_str("weights = \"");
        out.push_str(&self.weights_hex());
        out.push_str("\"\n");
        out
    }

    /// The weights as the pack writes them (lowercase hex).
    pub fn weights_hex(&self) -> String {
        self.weights.iter().map(|w| format!("{:02x}", *w as u8)).collect()
    }

    pub fn bits(&self) -> usize {
        self.bits
    }
    pub fn bias(&self) -> f64 {
        self.bias
    }
    pub fn threshold(&self) -> f64 {
        self.threshold
    }
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// The post's score: the bias plus the weight of every distinct feature.
    pub fn score(&self, view: &str) -> f64 {
        let mut s = self.bias;
        for_each_feature(view, self.bits, |b, _, _, _| s += f64::from(self.weights[b]) * self.scale);
        s
    }

    /// A hit when the score passes the threshold: the sentence whose
    /// features weigh most for it (a feature belongs to the sentence its
    /// last word is in), in view bytes, without its surrounding spaces. One
    /// pass, no allocation: it runs on every personal-mode check.
    pub fn hit(&self, view: &str) -> Option<(usize, usize)> {
        let bytes = view.as_bytes();
        let mut s = self.bias;
        // The sentence being summed: its start, its sum, whether it has a
        // feature; the scan position.
        let (mut from, mut sum, mut has, mut scan) = (0usize, 0f64, false, 0usize);
        let mut best: Option<(f64, usize, usize)> = None;
        // Close every sentence that ends before byte `to`.
        let advance = |to: usize, from: &mut usize, sum: &mut f64, has: &mut bool, scan: &mut usize, best: &mut Option<(f64, usize, usize)>| {
            while *scan < to {
                if crate::normalize::sentence_ends_at(view, *scan) {
                    if *has && best.is_none_or(|(b, _, _)| *sum > b) {
                        *best = Some((*sum, *from, *scan + 1));
                    }
                    (*from, *sum, *has) = (*scan + 1, 0.0, false);
                }
                *scan += 1;
            }
        };
        for_each_feature(view, self.bits, |b, _, end, _| {
            advance(end - 1, &mut from, &mut sum, &mut has, &mut scan, &mut best);
            let w = f64::from(self.weights[b]) * self.scale;
            s += w;
            sum += w;
            has = true;
        });
        advance(bytes.len(), &mut from, &mut sum, &mut has, &mut scan, &mut best);
        if has && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, from, view.len()));
        }
        if s <= self.threshold {
            return None;
        }
        let (_, a, b) = best?;
        let t = &view[a..b];
        let lead = t.len() - t.trim_start().len();
        let span = (a + lead, a + t.trim_end().len());
        (span.0 < span.1).then_some(span)
    }

    /// The score and the features that weigh most either way (`--trace`):
    /// each feature's words and weight, largest magnitude first.
    pub fn explain(&self, view: &str, top: usize) -> (f64, Vec<(String, f64)>) {
        let mut s = self.bias;
        let mut all = Vec::new();
        for_each_feature(view, self.bits, |b, start, end, _| {
            let w = f64::from(self.weights[b]) * self.scale;
            s += w;
            all.push((view[start..end].to_string(), w));
        });
        all.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        all.truncate(top);
        (s, all)
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// Every distinct feature of a view, once, in order of first occurrence:
/// `(bucket, start, end, is_pair)`. A word is a run of letters, digits and
/// apostrophes; the features are each word and each pair of adjacent words,
/// hashed (FNV-1a) into `2^bits` buckets. Two features in one bucket count
/// once, in training as in scoring.
pub fn for_each_feature(view: &str, bits: usize, mut f: impl FnMut(usize, usize, usize, bool)) {
    let bits = bits.clamp(1, MAX_BITS);
    let mask = (1u64 << bits) - 1;
    let mut seen = [0u64; (1 << MAX_BITS) / 64];
    let mut visit = |h: u64, start: usize, end: usize, pair: bool| {
        let b = (h & mask) as usize;
        if seen[b / 64] & (1 << (b % 64)) == 0 {
            seen[b / 64] |= 1 << (b % 64);
            f(b, start, end, pair);
        }
    };
    let mut prev: Option<(usize, usize)> = None;
    let mut start = None;
    let word = |c: char| c.is_alphanumeric() || c == '\'';
    for (i, c) in view.char_indices().chain(std::iter::once((view.len(), ' '))) {
        match (word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                start = None;
                let w = &view[s..i];
                if w.bytes().all(|b| b == b'\'') {
                    continue;
                }
                visit(fnv(fnv(FNV_OFFSET, b"w:"), w.as_bytes()), s, i, false);
                if let Some((ps, pe)) = prev {
                    let h = fnv(fnv(fnv(fnv(FNV_OFFSET, b"b:"), &view.as_bytes()[ps..pe]), b" "), w.as_bytes());
                    visit(h, ps, i, true);
                }
                prev = Some((s, i));
            }
            _ => {}
        }
    }
}

/// Trained weights, before quantising.
#[derive(Debug, Clone)]
pub struct Trained {
    pub bias: f64,
    pub weights: Vec<f64>,
}

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub bits: usize,
    pub epochs: usize,
    pub rate: f64,
    pub l2: f64,
    pub seed: u64,
}

impl Default for Training {
    fn default() -> Training {
        Training { bits: 14, epochs: 30, rate: 0.2, l2: 0.01, seed: 1 }
    }
}

/// Logistic regression by stochastic gradient descent over `(view, label)`
/// examples, deterministic for a seed: each epoch visits the examples in an
/// order shuffled by a xorshift generator; L2 shrinks the weights a step
/// touches.
pub fn train(examples: &[(String, bool)], t: &Training) -> Trained {
    let feats: Vec<Vec<usize>> = examples
        .iter()
        .map(|(v, _)| {
            let mut f = Vec::new();
            for_each_feature(v, t.bits, |b, _, _, _| f.push(b));
            f
        })
        .collect();
    let mut w = vec![0f64; 1 << t.bits.clamp(1, MAX_BITS)];
    let mut bias = 0f64;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = t.seed.max(1);
    for _ in 0..t.epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let z = bias + feats[i].iter().map(|&b| w[b]).sum::<f64>();
            let p = 1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp());
            let g = p - if examples[i].1 { 1.0 } else { 0.0 };
            for &b in &feats[i] {
                w[b] -= t.rate * (g + t.l2 * w[b]);
            }
            bias -= t.rate * (g + t.l2 * bias);
        }
    }
    Trained { bias, weights: w }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_words_and_pairs_once_each() {
        let mut got = Vec::new();
        for_each_feature("our crew, our crew", 16, |_, s, e, pair| got.push(("our crew, our crew"[s..e].to_string(), pair)));
        // "crew our" is a pair too (the comma is not a word).
        assert_eq!(got, vec![("our".into(), false), ("crew".into(), false), ("our crew".into(), true), ("crew, our".into(), true)]);
    }

    #[test]
    fn bad_tables_are_refused() {
        assert!(Model::from_parts(0, 0.0, 1.0, 1.0, "").is_err());
        assert!(Model::from_parts(2, 0.0, 1.0, 1.0, "00").is_err());
        assert!(Model::from_parts(2, 0.0, 1.0, 1.0, "0011zz33").is_err());
        assert!(Model::from_parts(2, f64::NAN, 1.0, 1.0, "00112233").is_err());
        let m = Model::from_parts(2, 0.0, 1.0, 1.0, "007f81ff").unwrap();
        assert_eq!(m.weights, vec![0, 127, -127, -1]);
        assert_eq!(m.weights_hex(), "007f81ff");
    }

    #[test]
    fn a_trained_model_separates_its_examples_and_points_at_words() {
        let ex: Vec<(String, bool)> = [("my crew patched the main", true), ("our crew fixed the plant", true), ("my dog ate the main course", false), ("the plant in my kitchen", false)]
            .iter()
            .map(|(t, l)| (t.to_string(), *l))
            .collect();
        let m = Model::quantise(10, &train(&ex, &Training { bits: 10, epochs: 50, ..Training::default() }), 0.0);
        assert!(m.score("my crew patched it") > m.score("my dog ate it"));
        let text = "the main broke. my crew patched it. ";
        let (a, b) = m.hit(text).expect("a hit");
        assert_eq!(&text[a..b], "my crew patched it.");
        // Text after the last word (an emoji) is not part of its sentence.
        let text = "the main broke. my crew patched it. \u{1f602}";
        let (a, b) = m.hit(text).expect("a hit");
        assert_eq!(&text[a..b], "my crew patched it.");
        assert_eq!(m.hit("my dog ate it"), None);
    }
}
