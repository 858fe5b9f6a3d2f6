//! `pack`: arbitrary TOML as a policy pack and as an override file, through
//! the functions the CLI's `--policy` uses. Parsing and compiling must
//! return Ok or an error (no panic, no hang, no unbounded memory); a
//! compiled pack then checks a fixed text and a fuzz-derived one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use postguard::{Checker, Context, Mode, Pack, PackOverride, Role};
use postguard_fuzz::{assert_spans, context};

thread_local! {
    static OVERRIDES: RefCell<Vec<(PackOverride, Checker)>> = const { RefCell::new(Vec::new()) };
}

const FIXED: &str = "As a City of Rochester snowplow driver I can tell you the new routes are a mess. \
                     Email me at jdoe@rochestermn.gov, SSN 212-45-5530. Ｊｏｈｎ\u{200B} said “no”.";

fn exercise(checker: &Checker, text: &str, ctx: &Context) {
    for t in [FIXED, text] {
        let findings = checker.check(t, ctx);
        assert_spans(t, &findings);
    }
    let _ = checker.rules();
}

fuzz_target!(|data: &[u8]| {
    // The TOML comes first; after a NUL, the first byte is the context and the rest a post.
    let (toml, post) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let source = String::from_utf8_lossy(toml);
    let ctx = post.first().map_or(Context { mode: Mode::Personal, role: Role::Staff }, |&b| context(b));
    let text = String::from_utf8_lossy(post.get(1..).unwrap_or_default());

    // The CLI's entry point (`--policy FILE`): a whole pack or an override,
    // by the file's tables. A pack's regexes are all built, as the CLI does.
    let is_pack = postguard::pack::looks_like_pack(&source);
    if is_pack {
        if let Ok(checker) = Checker::from_toml(&source, "fuzz.toml") {
            if checker.precompile().is_ok() {
                exercise(&checker, &text, &ctx);
            }
        }
    } else if let Ok(o) = PackOverride::from_toml(&source, "fuzz.toml") {
        // An empty override is the embedded pack, which `check` fuzzes. A
        // compiled override is kept for the next few inputs: compiling the
        // embedded pack's regexes costs most of a second in this build, and
        // mutations of the post (after the NUL) keep the override.
        if o != PackOverride::default() {
            OVERRIDES.with(|cache| {
                let mut cache = cache.borrow_mut();
                let hit = cache.iter().position(|(k, _)| *k == o);
                let entry = match hit {
                    Some(i) => Some(cache.remove(i)),
                    None => Checker::from_toml(&source, "fuzz.toml").ok().map(|c| (o, c)),
                };
                if let Some((o, checker)) = entry {
                    exercise(&checker, &text, &ctx);
                    cache.insert(0, (o, checker));
                    cache.truncate(4);
                }
            });
        }
    }
    // The other reading, which the CLI would not pick for this file: parse
    // only for an override; a pack (written with inline tables or dotted
    // keys) is compiled and checked too.
    if is_pack {
        let _ = PackOverride::from_toml(&source, "fuzz.toml");
    } else if let Ok(pack) = Pack::from_toml(&source, "fuzz.toml") {
        if let Ok(checker) = Checker::new(pack) {
            if checker.precompile().is_ok() {
                exercise(&checker, &text, &ctx);
            }
        }
    }
});
