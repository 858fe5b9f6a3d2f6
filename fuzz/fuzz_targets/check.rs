//! `check`: arbitrary text through the embedded Rochester pack, in every
//! mode and role. First byte: context (bit 0 mode, bits 1.. role) and how
//! the rest becomes text (bits 5-6): lossy UTF-8, strict UTF-8 (else
//! lossy), or text built from arbitrary and tricky characters.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use postguard::{Checker, Scratch};
use postguard_fuzz::{assert_spans, context, rich_text};
use std::cell::RefCell;
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(Checker::rochester)
}

thread_local! {
    // Reused across inputs, as the extension and the CLI reuse theirs.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else { return };
    let ctx = context(head & 0x1F);
    let text: String = match (head >> 5) & 3 {
        0 | 3 => String::from_utf8_lossy(rest).into_owned(),
        1 => match std::str::from_utf8(rest) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(rest).into_owned(),
        },
        _ => rich_text(&mut Unstructured::new(rest)),
    };
    let c = checker();
    let findings = c.check(&text, &ctx);
    assert_spans(&text, &findings);
    // Deterministic, and the same with reused (dirty) scratch buffers.
    let again = SCRATCH.with(|s| c.check_with(&text, &ctx, &mut s.borrow_mut()));
    assert_eq!(findings, again, "a second check of the same text differs");
});
