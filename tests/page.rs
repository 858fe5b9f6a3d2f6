//! Rule table for the page check (`Checker::check_page`, src/page.rs): City
//! account About/bio texts, each with exactly the statements it lacks. Every
//! page is both a positive (its missing statements must be reported) and a
//! hard negative (the statements it makes, in its own wording, must not be).
//! The texts are written for this test in the styles of real city and
//! department pages (Facebook About, X and Instagram bios); none is the
//! model wording.
//!
//! `FROZEN` was written first, before the recognisers were tuned, and was
//! committed without being run; it was run once after tuning on `TUNING`
//! (see the git log). Do not tune the pack against it: add new cases to
//! `TUNING` instead, and keep `FROZEN` as the measure of how the recognisers
//! generalise.

use postguard::{apply_fix, Category, Checker};

const MARKED: &str = "page-statements.marked";
const RECORDS: &str = "page-statements.open-records";
const VISITORS: &str = "page-statements.visitor-opinions";
const REMOVAL: &str = "page-statements.removal";

struct Page {
    name: &'static str,
    text: &'static str,
    missing: &'static [&'static str],
}

const FROZEN: &[Page] = &[
    Page {
        name: "library: every statement in its own words",
        text: "Rochester Public Library\nConnecting people with ideas, information and each other since 1865.\nThis page is maintained by library staff. We love hearing from you, but comments that are obscene, threatening, or off-topic may be hidden or deleted.\nViews shared by commenters are their own and are not endorsed by the library or the City of Rochester.\nAnything you post here is public data under Minnesota's Government Data Practices Act.",
        missing: &[],
    },
    Page {
        name: "fire department: no public-records statement",
        text: "Official page of the Rochester Fire Department, Rochester, Minnesota. For emergencies call 911 — this page is not monitored 24/7. Posts and replies by members of the public don't necessarily represent RFD's positions. We reserve the right to remove any comment that violates our social media guidelines.",
        missing: &[RECORDS],
    },
    Page {
        name: "parks Instagram bio: no visitor or removal statement",
        text: "City of Rochester Parks & Recreation 🌳 Trails, pools, rinks & programs for all ages. Messages and comments to this account are government data and may be subject to disclosure.",
        missing: &[VISITORS, REMOVAL],
    },
    Page {
        name: "fan account: not the City's, says so",
        text: "Unofficial fan account for the Rochester Police Department's K-9 unit. Not affiliated with the City. Comments don't reflect the views of RPD. Posts may be deleted if they are abusive. Everything posted here is public information.",
        missing: &[MARKED],
    },
    Page {
        name: "mayor's office: unusual wording throughout",
        text: "Welcome to the official page of Mayor Kim Norton's office at the City of Rochester. Public comments left on our posts are the opinions of their authors, not of the City. Under Minn. Stat. ch. 13, correspondence with this office, including messages sent here, may be released on request. Staff moderate this page and will hide spam, threats and obscene language.",
        missing: &[],
    },
    Page {
        name: "bookmobile: no removal statement",
        text: "Rochester Public Library – Bookmobile\nBringing books to every Rochester neighborhood. Schedule at rochesterpubliclibrary.org.\nPlease keep it friendly: the thoughts you share in the comments are yours, not the library's.\nHeads up: what you write here is a public record under Minnesota law.",
        missing: &[REMOVAL],
    },
    Page {
        name: "council: never names Rochester",
        text: "Your Council, your voice. Meeting agendas and video at the link below. Comments here don't necessarily reflect the views of council members or the City. All posts and comments are subject to the Minnesota Government Data Practices Act. We may remove comments that are off-topic or abusive.",
        missing: &[MARKED],
    },
    Page {
        name: "transit: a links-and-retweets note is not the visitor statement",
        text: "Rochester Public Transit (RPT) — official updates on routes, detours and service alerts. Follows, retweets and links do not imply endorsement by the City. Content on this account, including replies, may be subject to public records requests. Replies containing profanity or spam will be removed.",
        missing: &[VISITORS],
    },
    Page {
        name: "a place, not an owner",
        text: "Rochester, Minnesota 🏙️ Events, news and more. #RochMN",
        missing: &[MARKED, RECORDS, VISITORS, REMOVAL],
    },
    Page {
        name: "animal control: negated records and removal",
        text: "Official account of the City of Rochester Animal Control. Lost pets, adoption events and licensing. Direct messages are not public records and are not shared. The City does not delete comments. Comments by visitors do not reflect City policy.",
        missing: &[RECORDS, REMOVAL],
    },
];

fn run(table: &[Page]) -> Vec<String> {
    let c = Checker::rochester();
    let mut errors = Vec::new();
    for p in table {
        let got: Vec<String> = c.check_page(p.text).into_iter().map(|f| f.rule).collect();
        let mut want: Vec<String> = p.missing.iter().map(|s| s.to_string()).collect();
        want.sort();
        if got != want {
            let found: Vec<String> = c.explain_page(p.text).into_iter().filter_map(|(id, e)| e.map(|(a, b)| format!("{id} at {:?}", &p.text[a..b]))).collect();
            errors.push(format!("{}: missing {got:?}, expected {want:?}; found: {found:?}", p.name));
        }
    }
    errors
}

#[test]
fn frozen_pages() {
    let errors = run(FROZEN);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
