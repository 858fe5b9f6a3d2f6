//! The native twin of tests/bench/cold-start.mjs's memory run, with a counting
//! allocator: one engine, checked in two modes (personal/staff and city) as the
//! script's two Checkers share one, the snowplow post
//! and a City post first, then 10,000 checks of the same 500 generated posts
//! (the script's generator, in the same f64 arithmetic as JavaScript). Prints
//! the live and peak heap after the first checks and after the 10,000, and the
//! peak after each 1,000. A benchmark, not a test:
//!
//!   cargo run --release --example memory
//!
//! The wasm's memory (what the target is about) is dlmalloc's high-water
//! mark, so it is this peak plus fragmentation and the allocator's own overhead.
use postguard::{Checker, Context, Mode, Role, Scratch};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new >= l.size() {
                let now = LIVE.fetch_add(new - l.size(), Relaxed) + new - l.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static A: Counting = Counting;

const SNOWPLOW: &str = "As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov";

fn mb(n: usize) -> f64 {
    n as f64 / 1048576.0
}

fn main() {
    // One engine for both modes, as the wasm's Checkers with the same policy share one.
    let personal = Checker::rochester();
    let city = &personal;
    let pctx = Context { mode: Mode::Personal, role: Role::Staff };
    let cctx = Context { mode: Mode::City, ..Context::default() };
    let (mut ps, mut cs) = (Scratch::default(), Scratch::default());
    assert!(!personal.check_with(SNOWPLOW, &pctx, &mut ps).is_empty());
    city.check_with("Snow emergency declared: park on the odd side of the street tonight. Details at rochestermn.gov/snow", &cctx, &mut cs);
    println!("after the first checks: live {:.1} MB, peak {:.1} MB", mb(LIVE.load(Relaxed)), mb(PEAK.load(Relaxed)));

    let words: Vec<&str> = SNOWPLOW.split(' ').collect();
    let extra = [
        "Saturday", "permit", "the council", "my supervisor", "SSN 123-45-6789", "call 507-555-0147", "card 4111 1111 1111 1111",
        "j.smith@rochestermn.gov", "library", "water main", "I work at", "our crew", "vote no", "confidential", "idiot",
    ];
    let mut seed = 1.0f64;
    let mut rnd = |n: usize| -> usize {
        seed = (seed * 1103515245.0 + 12345.0) % 2147483648.0;
        (seed % n as f64) as usize
    };
    let mut posts = Vec::with_capacity(500);
    for _ in 0..500 {
        let len = 40 + rnd(1960);
        let mut s = String::new();
        // JavaScript's `s.length` counts UTF-16 units; these words are ASCII.
        while s.len() < len {
            let w = if rnd(4) == 0 { extra[rnd(extra.len())] } else { words[rnd(words.len())] };
            s.push_str(w);
            s.push_str(if rnd(12) == 0 { ". " } else { " " });
        }
        posts.push(s);
    }
    for i in 0..10_000 {
        let p = &posts[i % posts.len()];
        if i % 2 == 1 {
            std::hint::black_box(city.check_with(p, &cctx, &mut cs));
        } else {
            std::hint::black_box(personal.check_with(p, &pctx, &mut ps));
        }
        if (i + 1) % 1000 == 0 {
            println!("after {:>6}: live {:.1} MB, peak {:.1} MB", i + 1, mb(LIVE.load(Relaxed)), mb(PEAK.load(Relaxed)));
        }
    }
}
