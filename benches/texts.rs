//! Benchmark inputs, shared by `benches/check.rs` (criterion) and
//! `examples/bench_native.rs` (which also writes them to JSON for the
//! in-browser benchmark, so wasm, JavaScript and native check the very same
//! strings).
//!
//! Two kinds of text, both deterministic (a fixed-seed generator) and ASCII,
//! so characters = bytes = UTF-16 units:
//!
//! - `ordinary`: everyday post prose, a few City words, no violations
//!   planted on purpose;
//! - `dense`: crowded with near-misses, which make the patterns and
//!   validators work hardest: digit runs (phone numbers, 9- and 16-digit
//!   numbers that fail their checksums, dashed numbers), `@` mentions,
//!   emails at other domains and look-alike City domains, City and
//!   department words, credential-ish phrases, first names with titles.
//!
//! A few non-ASCII posts (fullwidth, Cyrillic look-alikes, emoji, zero-width)
//! are generated separately by `unicode(len)`.

#![allow(dead_code)]

pub const SIZES: [usize; 4] = [280, 2_000, 20_000, 1_000_000];

/// xorshift64*: tiny, deterministic, identical in every build.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() >> 33) as usize % n
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    pub fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
    }
}

const WORDS: &[&str] = &[
    "the", "a", "and", "to", "of", "in", "we", "my", "our", "it", "was", "is", "this", "that", "for", "with", "on", "at", "just", "so",
    "great", "weekend", "morning", "coffee", "friends", "family", "dinner", "garden", "dog", "walk", "lake", "trail", "game", "team",
    "season", "photos", "recipe", "bread", "soup", "music", "concert", "market", "farmers", "kids", "school", "birthday", "party",
    "weather", "sunny", "cold", "snow", "winter", "spring", "summer", "fall", "leaves", "bike", "ride", "book", "club", "movie",
    "night", "happy", "thanks", "everyone", "who", "came", "out", "love", "beautiful", "day", "downtown", "library", "park", "street",
    "neighbors", "community", "festival", "volunteers", "fun", "really", "very", "much", "again", "next", "week", "can't", "wait",
];

const CITY: &[&str] = &[
    "city", "rochester", "council", "police", "rpd", "public works", "snowplow", "routes", "budget", "parks", "transit", "city hall",
    "mayor", "permits", "zoning", "library", "fire department", "potholes", "overtime", "staffing",
];

/// Everyday prose: sentences of common words with an occasional City word.
pub fn ordinary(len: usize) -> String {
    let mut r = Rng::new(0x0D15_EA5E);
    let mut s = String::with_capacity(len + 64);
    while s.len() < len {
        let n = 6 + r.below(12);
        for i in 0..n {
            let w = if r.below(14) == 0 { r.pick(CITY) } else { r.pick(WORDS) };
            if i == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    s.push(f.to_ascii_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push_str(r.pick(&[". ", ". ", "! ", "? ", ".\n"]));
    }
    cut(s, len)
}

/// Text dense with near-misses of every confidential and email pattern.
pub fn dense(len: usize) -> String {
    let mut r = Rng::new(0xBADC_0FFE);
    let mut s = String::with_capacity(len + 128);
    while s.len() < len {
        let piece = match r.below(16) {
            0 => format!("call {}-{}-{} ", r.digits(3), r.digits(3), r.digits(4)),
            // SSN-shaped but invalid area (9xx) or group 00.
            1 => format!("ref 9{}-{}-{} ", r.digits(2), r.digits(2), r.digits(4)),
            2 => format!("order #{} ", r.digits(9)),
            3 => format!("card {} {} {} {} ", r.digits(4), r.digits(4), r.digits(4), r.digits(4)),
            4 => format!("@{}{} ", r.pick(&["mike", "jen", "rochester", "cityhall", "rpd_news"]), r.digits(2)),
            5 => format!("{}@{} ", r.pick(&["jdoe", "a.smith", "info", "mkowalski"]), r.pick(&["gmail.com", "rochester.edu", "rochestermn.com", "mayo.edu", "rochestermn.gov.example.org"])),
            6 => format!("www.rochestermn.gov/{} ", r.pick(&["snow", "parks", "council"])),
            7 => format!("the {} {} ", r.pick(CITY), r.pick(&["meeting", "update", "schedule", "plan"])),
            8 => format!("{} password {} ", r.pick(&["reset your", "never share your", "the"]), r.pick(&["policy", "is expired", "rules"])),
            9 => format!("officer {} and {} ", r.pick(&["friendly", "on duty"]), r.pick(&["mike", "jen", "dave"])),
            10 => format!("routing {} ", r.digits(8)),
            11 => format!("account {} ", r.pick(&["settings", "page", "login"])),
            12 => format!("{}% of {} ", r.digits(2), r.pick(CITY)),
            13 => format!("zip 559{} ", r.digits(2)),
            14 => format!("{} at {} dot com ", r.pick(&["jane", "bob"]), r.pick(&["yahoo", "hotmail"])),
            _ => format!("{} {} {}. ", r.pick(WORDS), r.pick(WORDS), r.pick(WORDS)),
        };
        s.push_str(&piece);
    }
    cut(s, len)
}

/// Non-ASCII text: ordinary prose salted with fullwidth letters, Cyrillic
/// look-alikes, accents, curly quotes, emoji and zero-width spaces.
pub fn unicode(len: usize) -> String {
    let mut r = Rng::new(0x5EED_u64);
    let mut s = String::with_capacity(len * 2 + 64);
    let mut n = 0;
    let salt = ["Ｃｉｔｙ ", "r\u{43E}\u{441}hester ", "café ", "“quoted” ", "🎉 ", "jd\u{200B}oe ", "naïve ", "—", "ｊｄｏｅ＠ｇｍａｉｌ．ｃｏｍ "];
    while n < len {
        let piece = if r.below(5) == 0 { r.pick(&salt).to_string() } else { format!("{} ", r.pick(WORDS)) };
        n += piece.chars().count();
        s.push_str(&piece);
    }
    s.chars().take(len).collect()
}

fn cut(mut s: String, len: usize) -> String {
    s.truncate(len); // ASCII only: every index is a char boundary
    s
}

/// The snowplow post from the issue (two findings in personal mode).
pub const SNOWPLOW: &str = "As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov";
