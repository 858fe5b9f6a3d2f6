//! The `accuracy.*` rules ([city.g.accurate], City mode only): positives
//! with their spans and fixes, hard negatives, mode gating, overrides, and
//! the frozen cases of tests/accuracy/frozen.txt (written before the last
//! round of tuning, then run once: 43/44).

use postguard::{apply_fix, Category, Checker, Context, Finding, Mode, Role, Severity};
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(Checker::rochester)
}

fn accuracy(text: &str, mode: Mode) -> Vec<Finding> {
    checker().check(text, &Context { mode, role: Role::Staff }).into_iter().filter(|f| f.category == Category::Accuracy).collect()
}

/// Each post has exactly one accuracy finding, of `rule`, on `span`; its fix
/// (if `fixed` is given) turns the post into `fixed`, which has none.
fn positive(rule: &str, text: &str, span: &str, fixed: Option<&str>) {
    let f = accuracy(text, Mode::City);
    assert_eq!(f.len(), 1, "one finding expected on {text:?}, got {:?}", f.iter().map(|x| (&x.rule, &x.excerpt)).collect::<Vec<_>>());
    let x = &f[0];
    assert_eq!(x.rule, rule, "{text:?}");
    assert_eq!(&text[x.byte_start..x.byte_end], span, "span on {text:?}");
    assert_eq!(x.clause, "city.g.accurate");
    match fixed {
        Some(fixed) => {
            assert_eq!(x.fixes.len(), 1, "{text:?}");
            assert_eq!(x.fixes[0].edits.len(), 1, "one edit: {text:?}");
            let out = apply_fix(text, &x.fixes[0]);
            assert_eq!(out, fixed);
            assert!(accuracy(&out, Mode::City).is_empty(), "the fix leaves a finding: {out:?}");
        }
        None => assert!(x.fixes.is_empty(), "no certain fix: {text:?}"),
    }
}

fn negatives(cases: &[&str]) {
    for text in cases {
        let f = accuracy(text, Mode::City);
        assert!(f.is_empty(), "false alarm on {text:?}: {:?}", f.iter().map(|x| (&x.rule, &x.excerpt)).collect::<Vec<_>>());
    }
}

#[test]
fn repeated_words() {
    let r = "accuracy.repeated-word";
    positive(r, "Join us at the the library.", "the the", Some("Join us at the library."));
    positive(r, "Please remember to\nto move your car.", "to\nto", Some("Please remember to move your car."));
    positive(r, "The the plows are out.", "The the", Some("The plows are out."));
    positive(r, "Sign up for for swim lessons.", "for for", Some("Sign up for swim lessons."));
    positive(r, "The street street sweeper is out.", "street street", Some("The street sweeper is out."));
    negatives(&[
        "The bridge had had three inspections.",
        "We said that that plan would change.",
        "What it is is a detour.",
        "They do do it every year.",
        "I told you you could park there.",
        "We gave her her keys back.",
        "Please check in in the lobby.",
        "Sign up up front.",
        "Bye bye, snow! No no no, not again.",
        "It was a very very long night.",
        "Walla Walla is far from Rochester.",
        "Snow\nSnow emergency rules start tonight.",
        "Toot toot! The trolley is back.",
        "Call five five five, one two one two.",
        "Scam alert from someone who just got got.",
        "peb peb leeg pov npav tsis pom zoo rau tus nqi dej tshiab",
        "#snow snow day pics: rochestermn.gov/snow snow",
        "Room 10 10 minutes early",
        "THE THE band is playing.",
    ]);
}

#[test]
fn articles() {
    let r = "accuracy.article";
    positive(r, "The library opens in a hour.", "a hour", Some("The library opens in an hour."));
    positive(r, "A hour from now.", "A hour", Some("An hour from now."));
    positive(r, "It is an unit of measure.", "an unit", Some("It is a unit of measure."));
    positive(r, "We met a FBI agent.", "a FBI", Some("We met an FBI agent."));
    positive(r, "It is a 8-week class.", "a 8", Some("It is an 8-week class."));
    positive(r, "An 12-week class starts.", "An 12", Some("A 12-week class starts."));
    positive(r, "We are hiring a engineer.", "a engineer", Some("We are hiring an engineer."));
    positive(r, "She drove an truck.", "an truck", Some("She drove a truck."));
    positive(r, "It was a honest mistake.", "a honest", Some("It was an honest mistake."));
    positive(r, "An European visitor came.", "An European", Some("A European visitor came."));
    positive(r, "An one-time fee applies.", "An one", Some("A one-time fee applies."));
    positive(r, "He got an 11 on the test and a 18 on the next.", "a 18", Some("He got an 11 on the test and an 18 on the next."));
    negatives(&[
        "The library opens in an hour.",
        "It is a one-time fee for a university group.",
        "A US flag, an FBI agent, an MRI and an NFL game.",
        "It is an 8-week class for an 11-year-old.",
        "An honest mistake, an heir and an honor.",
        "This is an historic day and a historic day.",
        "The SWAT team, a NASA grant, a FAQ, an FAQ, a HUD grant.",
        "Vitamin A and D. Section A of the form.",
        "Part a and part b of the form.",
        "Example of what a MN driver's license looks like. A NW wind.",
        "¡Bienvenidos a todos! Voy a ir a otros eventos para que.",
        "Chương trình an toàn giao thông",
        "The 9 a.m. session, plan-A, A/B testing.",
        "a 1850 map and an 1850 map",
        "Hire an usher? a unit, an umbrella, a uniform, an unidentified car.",
        "Email a.b@rochestermn.gov or visit a rochestermn.gov/apply page.",
        "a X-ray and an X-ray, a xylophone",
        "An 18th-century map, a 1,100-acre park, an 800-pound bear.",
    ]);
}

#[test]
fn misspellings() {
    let r = "accuracy.misspelling";
    positive(r, "Residents will recieve a letter.", "recieve", Some("Residents will receive a letter."));
    positive(r, "Goverment Center is closed.", "Goverment", Some("Government Center is closed."));
    positive(r, "Open untill 5.", "untill", Some("Open until 5."));
    positive(r, "Thanks for thier patience.", "thier", Some("Thanks for their patience."));
    positive(r, "We definately need you.", "definately", Some("We definately need you.".replace("definately", "definitely").as_str()));
    positive(r, "It occured on Monday.", "occured", Some("It occurred on Monday."));
    negatives(&[
        "Residents will receive a letter from the government.",
        // Not in the list: two corrections in the source, or a word itself.
        "We have alot of snow. You cant park here. Malcom and Britian.",
        // ALL-CAPS, links, handles, hashtags, code.
        "RECIEVE https://example.org/recieve @recieve #recieve recieve_date recieve.pdf",
        // Slang, names, Spanish: an unknown word is never reported.
        "ngl the new skyway is lit fr. Kowalski, Nguyen, Vang. Gracias, vecinos, bienvenidos.",
    ]);
}

#[test]
fn could_of() {
    let r = "accuracy.could-of";
    positive(r, "You should of received a notice.", "should of", Some("You should have received a notice."));
    positive(r, "Nobody could of known.", "could of", Some("Nobody could have known."));
    positive(r, "We would of been there.", "would of", Some("We would have been there."));
    negatives(&["We would of course help.", "We would, of course, help.", "What could of all these be?", "The most we could of the three options."]);
}

#[test]
fn punctuation() {
    positive("accuracy.doubled-punctuation", "The pool opens Monday,, weather permitting.", ",,", Some("The pool opens Monday, weather permitting."));
    positive("accuracy.doubled-punctuation", "See you there.. bring bags!", "..", Some("See you there. bring bags!"));
    positive("accuracy.space-before-punctuation", "Rochester , MN is home.", " ,", Some("Rochester, MN is home."));
    positive("accuracy.space-before-punctuation", "The fair is on Tuesday .", " .", Some("The fair is on Tuesday."));
    positive("accuracy.unbalanced-bracket", "Bring a photo ID (a license or passport.", "(", None);
    positive("accuracy.unbalanced-bracket", "Bring a photo ID a license) or passport.", ")", None);
    negatives(&[
        "Thanks for your patience... see you soon! Wait.... what?",
        "Versions 1..5 and ../docs and https://x.org/a..b",
        "Email j.kowalski @ rochestermn . gov for a form.",
        "It is 0 .5 inches. Visit rochestermn.gov . Thanks ;) and :)",
        "Steps: 1) sign up 2) show up. a) first b) second",
        "(see https://x.org/a) and [email me](mailto:a@b.org) and (Minn. Stat. § 13D.05).",
        ", starts a line\n. and so does this",
        "Wink ;) smile :-) sad :( grin (:",
    ]);
}

#[test]
fn only_in_city_mode() {
    let text = "Residents will recieve a letter in a hour at the the library,, (see below";
    assert_eq!(accuracy(text, Mode::City).len(), 5);
    assert!(accuracy(text, Mode::Personal).is_empty());
    assert!(checker().check_comment(text, None, &Context::default()).iter().all(|f| f.category != Category::Accuracy));
}

#[test]
fn rules_are_listed_and_overridable() {
    let rules = checker().rules();
    let ids: Vec<&str> = rules.iter().filter(|r| r.category == Category::Accuracy).map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["accuracy.repeated-word", "accuracy.article", "accuracy.misspelling", "accuracy.could-of", "accuracy.doubled-punctuation", "accuracy.space-before-punctuation", "accuracy.unbalanced-bracket"]
    );
    for r in rules.iter().filter(|r| r.category == Category::Accuracy) {
        assert_eq!(r.clause, "city.g.accurate");
        assert_eq!(r.modes, [Mode::City]);
        assert!(r.severity <= Severity::Warning, "{} is advice, never an error", r.id);
    }
    let o = Checker::from_toml("disable = [\"accuracy.misspelling\"]\n[severity]\n\"accuracy.article\" = \"info\"\n", "o.toml").unwrap();
    let f = o.check("We recieve it in a hour.", &Context { mode: Mode::City, role: Role::Staff });
    assert!(f.iter().all(|x| x.rule != "accuracy.misspelling"));
    assert_eq!(f.iter().find(|x| x.rule == "accuracy.article").map(|x| x.severity), Some(Severity::Info));
}

#[test]
fn utf16_offsets_and_fixes_with_non_ascii_text() {
    // Emoji before the error: UTF-16 offsets differ from bytes.
    let text = "❄️ Snow update: we will recieve 🚒 more salt.";
    let f = accuracy(text, Mode::City);
    assert_eq!(f.len(), 1);
    let units: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(String::from_utf16(&units[f[0].start..f[0].end]).unwrap(), "recieve");
    let e = &f[0].fixes[0].edits[0];
    assert_eq!(String::from_utf16(&units[e.start..e.end]).unwrap(), "recieve");
}

/// The frozen cases (tests/accuracy/frozen.txt), written after the first
/// precision fixes on the corpora and before any change made for them.
/// First run (2026-12-06 02:40 UTC, before any change made for them): 43/44
/// right; the miss was "untill" in "Leaf pickup continues untill December
/// 1.", a five-word line with no function word that the language guess took
/// for another language (the guess now needs six words, per sentence).
/// The test fails if the score falls below it.
#[test]
fn frozen_cases() {
    let src = include_str!("accuracy/frozen.txt");
    let (mut right, mut total) = (0, 0);
    let mut wrong = Vec::new();
    for line in src.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (want, text) = line.split_once('\t').expect("RULE<TAB>POST");
        let text = text.replace("\\n", "\n");
        let got: Vec<String> = accuracy(&text, Mode::City).into_iter().map(|f| f.rule).collect();
        total += 1;
        let ok = if want == "-" { got.is_empty() } else { got == [want] };
        if ok {
            right += 1;
        } else {
            wrong.push(format!("{want}: {text:?} -> {got:?}"));
        }
    }
    println!("frozen accuracy cases: {right}/{total} right");
    for w in &wrong {
        println!("  {w}");
    }
    assert!(total >= 40);
    assert!(right >= FIRST_RIGHT, "{right}/{total} right, below the first result {FIRST_RIGHT}:\n{}", wrong.join("\n"));
}

/// The frozen set's first result.
const FIRST_RIGHT: usize = 43;

#[test]
fn at_most_a_thousand_findings_of_one_kind() {
    let text = "(".repeat(5000);
    let f = accuracy(&text, Mode::City);
    assert_eq!(f.len(), postguard::accuracy::MAX_PER_DETECTOR);
    assert_eq!(f[0].byte_start, 0, "the first ones are kept");
}
