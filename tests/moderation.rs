//! Rule table for moderation mode: public comments on a City account's posts
//! ([moderation.*]). For each kind, varied positives and hard negatives; and
//! harsh-but-allowed comments about the City, its council, departments,
//! officials and decisions, which are opinions and must never be flagged.
//!
//! `FROZEN` was written before the moderation signals were tuned against the
//! tables above it, and was run only once tuning was over (its result is
//! reported in BENCHMARKS.md); it is not to be edited to make it pass.

use postguard::{Category, Checker, Context, Finding, Mode, Role, Severity};
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(Checker::rochester)
}

fn ctx() -> Context {
    Context { mode: Mode::Moderation, role: Role::Staff }
}

fn check(text: &str, post: Option<&str>) -> Vec<Finding> {
    checker().check_comment(text, post, &ctx())
}

fn rules(text: &str, post: Option<&str>) -> Vec<String> {
    check(text, post).into_iter().map(|f| f.rule).collect()
}

/// Every case of `positives` gets a finding of `rule`; no case of `negatives` does.
/// Failures are collected so one run shows all of them.
fn table(rule: &str, post: Option<&str>, positives: &[&str], negatives: &[&str], errors: &mut Vec<String>) {
    for t in positives {
        let got = rules(t, post);
        if !got.iter().any(|r| r == rule) {
            errors.push(format!("{rule}: missed {t:?} (got {got:?})"));
        }
    }
    for t in negatives {
        let got = rules(t, post);
        if got.iter().any(|r| r == rule) {
            errors.push(format!("{rule}: false alarm on {t:?}"));
        }
    }
}

fn done(errors: Vec<String>) {
    assert!(errors.is_empty(), "{} failures:\n{}", errors.len(), errors.join("\n"));
}

const SNOW_POST: &str = "Snow emergency declared for tonight at 10 p.m. No parking on the even-numbered side of streets until plowing is done. Routes and towing info at rochestermn.gov/snow";
const PARK_POST: &str = "Soldiers Field pool opens Saturday! Swim lessons registration is open now; lifeguard jobs are still available.";
const BUDGET_POST: &str = "The City Council will hold a public hearing on the 2027 budget and tax levy on Monday, December 7, at 6 p.m. in Council Chambers.";

/// Harsh opinions about the City, the council, departments, officials in
/// office, staff as a whole and decisions. None may be flagged at all.
const HARSH_BUT_ALLOWED: &[&str] = &[
    "This council is a joke and the plow crews are useless.",
    "Worst city government in Minnesota. Absolutely pathetic.",
    "The council are a bunch of clowns who never listen to residents.",
    "Whoever designed this roundabout is an idiot.",
    "What a useless department. Three weeks and nobody fixed the pothole.",
    "The mayor's decision to close the pool is stupid and short-sighted.",
    "City hall is full of incompetent bureaucrats wasting our money.",
    "This levy is highway robbery. Shame on every one of you.",
    "Public works clearly doesn't care about the east side.",
    "The mayor is a disgrace and should resign.",
    "You people at city hall are clueless.",
    "Another tax hike? Are you kidding me? Disgusting.",
    "This plan is BS and everyone knows it.",
    "WTF is the council thinking?",
    "I'm pissed off that my street hasn't been plowed in three days.",
    "The police department has lost all my trust.",
    "Spineless council, as usual.",
    "Rochester, you're a joke. Fix the roads before building another skyway.",
    "The people running this city are morons.",
    "Pathetic response from the fire department, my neighbor waited 20 minutes.",
    "This is the dumbest decision the council has made in years.",
    "The council should vote against this rezoning.",
    "I hope the council votes this budget down.",
    "Taxpayers are sick of paying for DMC vanity projects.",
    "Cops in this town are useless.",
    "City staff are overpaid and lazy.",
    "Rochester has the best parks in the state, but the roads are terrible.",
    "Our garbage collectors are the best crew in town, thank you!",
    "I'm going to fight this at the public hearing.",
    "We're going to kill this levy at the ballot box in November.",
    "Council member Ellison is clueless about the east side.",
    "Clowns at city hall strike again.",
];

#[test]
fn harsh_opinions_about_the_city_are_never_flagged() {
    let mut errors = Vec::new();
    for t in HARSH_BUT_ALLOWED {
        for post in [None, Some(SNOW_POST), Some(BUDGET_POST)] {
            let f = check(t, post);
            if !f.is_empty() {
                errors.push(format!("flagged {t:?}: {:?}", f.iter().map(|f| (&f.rule, &f.excerpt)).collect::<Vec<_>>()));
                break;
            }
        }
    }
    assert!(HARSH_BUT_ALLOWED.len() >= 20);
    done(errors);
}

#[test]
fn private_info() {
    let mut e = Vec::new();
    table(
        "moderation.private-info",
        None,
        &[
            "Her SSN is 212-45-5530, look it up.",
            "Here's his card number lol 4111 1111 1111 1111",
            "The guy who plowed my car in lives at 1412 9th St SE, go tell him.",
            "Her cell is 507-555-0143, call her and complain.",
            "his phone number is (507) 555-0199",
            "My neighbor's license is A123456789012, he parks in the street every night.",
        ],
        &[
            "Call the City Clerk at 507-328-2900 with questions.",
            "Our office is at 201 4th St SE, Room 104.",
            "The project costs 4,111,111 dollars.",
            "Who do I call about my water bill? Account ending in nothing, I just moved.",
            "I live on 9th St SE and nobody has plowed.",
            "For appeals call the County Assessor's office. Their number is 507-328-7640.",
            "Library guest Wi-Fi: network RPL-Guest, password readmore2026.",
        ],
        &mut e,
    );
    done(e);
}

#[test]
fn private_info_is_never_reported_as_confidential() {
    let f = check("Her SSN is 212-45-5530 and her card is 4111 1111 1111 1111", None);
    assert!(f.len() >= 2);
    assert!(f.iter().all(|f| f.category == Category::Moderation && f.rule == "moderation.private-info"));
    assert!(f.iter().all(|f| !f.excerpt.contains("5530") || f.excerpt.contains('*')), "values are masked: {f:?}");
    assert!(!f.iter().any(|f| f.excerpt.contains("212-45")));
}

#[test]
fn threats() {
    let mut e = Vec::new();
    table(
        "moderation.threat",
        None,
        &[
            "I'll kill you if you post that again.",
            "Watch your back, Karen.",
            "We know where you live.",
            "Somebody should burn city hall down.",
            "That inspector deserves a bullet.",
            "Hope someone runs her over.",
            "Kill yourself.",
        ],
        &[
            "We're going to kill this levy at the ballot box in November.",
            "The snow is killing me.",
            "My kids are going to destroy the new splash pad, they love it.",
            "The Honkers are going to destroy the Mankato team tonight!",
            "Vote them out in November, that's how we fight this.",
            "This budget will kill small businesses downtown.",
        ],
        &mut e,
    );
    done(e);
}

#[test]
fn slurs() {
    let mut e = Vec::new();
    table(
        "moderation.slur",
        None,
        &["Send those wetbacks back.", "Bunch of retards running the meeting.", "No more towelheads in our neighborhood.", "f@ggots like you ruin everything", "Send those w3tbacks back"],
        &["The fire retardant on the bridge deck is holding up.", "Spice it up with some chili flakes.", "The coon hound at the dog park is adorable."],
        &mut e,
    );
    done(e);
}

#[test]
fn harassment() {
    let mut e = Vec::new();
    table(
        "moderation.harassment",
        None,
        &[
            "You're an idiot and nobody on this street likes you.",
            "Shut up, Dave. Nobody asked you.",
            "Officer Jensen is a liar and a pig.",
            "Everyone go report her page.",
            "Go back to your own country.",
            "Linda is such a moron for parking there.",
            "Nice rack, lifeguard girl.",
        ],
        &[
            "This council is a joke and the plow crews are useless.",
            "The mayor is a disgrace and should resign.",
            "Whoever designed this roundabout is an idiot.",
            "I disagree with you, Dave, the levy pays for the plows.",
            "That was a stupid mistake by the bus company.",
            "Thanks to the plow driver who cleared our cul-de-sac!",
        ],
        &mut e,
    );
    done(e);
}

#[test]
fn obscene() {
    let mut e = Vec::new();
    table(
        "moderation.obscene",
        None,
        &[
            "Fix the fucking roads.",
            "What a shitshow.",
            "f*** this city",
            "Eat shit, plow guy.",
            "Go to hell you bastards",
            // evasions
            "Fix the f u c k i n g roads",
            "What a sh1tshow",
            "f.u.c.k the plow guy",
            "ｆｕｃｋ this city",
        ],
        &["Fix the damn roads, this is BS.", "WTF happened to the bus schedule?", "I'm pissed off about the parking tickets.", "Scunthorpe has better roads.", "Shiitake mushrooms at the farmers market!"],
        &mut e,
    );
    done(e);
}

#[test]
fn spam() {
    let mut e = Vec::new();
    table(
        "moderation.spam",
        None,
        &[
            "Make $500 a day working from home! DM me for info.",
            "I earned $3,000 a week trading bitcoin with my mentor. WhatsApp +1 555 201 8899",
            "Check out my page for cheap followers!",
            "Link in my bio for free gift cards",
            "We buy houses for cash, any condition. Call now!",
            "Roof damage from the storm? Call us at 507-555-0111 for a free estimate.",
        ],
        &[
            "I work from home and the plows never reach my street.",
            "Does the City ever make the pool free for kids?",
            "Thanks for the update, I'll check the page.",
            "DM me if you want to carpool to the hearing.",
            "The new Kwik Trip on 55th is open.",
            "Phishing alert: that email is fake. Don't click the link!",
        ],
        &mut e,
    );
    done(e);
}

#[test]
fn endorsements() {
    let mut e = Vec::new();
    table(
        "moderation.endorsement",
        None,
        &[
            "Vote no on the school levy!",
            "Re-elect Mayor Norton!",
            "Ellison for mayor 2026!",
            "I'm voting yes on the sales tax referendum.",
            "Joe's Pizza is the best pizza in town, use code ROCH for 20% off.",
            "I highly recommend calling Apex Plumbing, they fixed my pipes in an hour.",
            "Don't vote for Smith, he will raise your taxes.",
        ],
        &[
            "The council should vote against this rezoning.",
            "Rochester has the best parks in the state.",
            "Where do I vote on Tuesday?",
            "Thanks to the candidates who came to the forum.",
            "I support the new bike lanes.",
            "Our plow drivers are the best crew in town.",
            "20 years married today to the best woman in Rochester.",
        ],
        &mut e,
    );
    done(e);
}

#[test]
fn unrelated_links() {
    let mut e = Vec::new();
    table(
        "moderation.unrelated-link",
        Some(SNOW_POST),
        &[
            "Great deals on sneakers at kickzoutlet.shop",
            "lol watch this https://youtube.com/watch?v=dQw4w9WgXcQ",
            "Visit www.cheap-meds-online.biz",
            "https://bit.ly/3abcxyz",
        ],
        &[
            "The map is at www.rochestermn.gov/snow-map.",
            "KTTC has the list: https://kttc.com/2026/12/05/snow-emergency-parking/",
            "Last time they towed my car anyway bit.ly/3xyz",
            "Same link as the post: rochestermn.gov/snow",
            "email me at joe@gmail.com about carpooling",
        ],
        &mut e,
    );
    // Without the post, links are not judged.
    for t in ["Great deals on sneakers at kickzoutlet.shop", "https://bit.ly/3abcxyz"] {
        if rules(t, None).iter().any(|r| r == "moderation.unrelated-link") {
            e.push(format!("judged a link without the post: {t:?}"));
        }
    }
    // The same link is related under a post about it.
    table("moderation.unrelated-link", Some(PARK_POST), &["Great deals on sneakers at kickzoutlet.shop"], &["Swim lesson schedule: https://www.ymca.org/swim-lessons"], &mut e);
    done(e);
}

#[test]
fn every_finding_is_for_review_and_cites_its_clause() {
    let c = checker();
    let samples = [
        "Her SSN is 212-45-5530.",
        "I'll kill you.",
        "Send those wetbacks back.",
        "You're an idiot.",
        "Fix the fucking roads.",
        "Make $500 a day working from home! DM me for info.",
        "Vote no on the school levy!",
        "Great deals on sneakers at kickzoutlet.shop",
        "Parks director Jane Roe embezzled the donation money.",
    ];
    let mut kinds = std::collections::BTreeSet::new();
    for t in samples {
        let f = check(t, Some(SNOW_POST));
        assert!(!f.is_empty(), "{t:?}");
        for f in f {
            kinds.insert(f.rule.clone());
            assert_eq!(f.category, Category::Moderation);
            assert!(f.rule.starts_with("moderation."));
            assert_ne!(f.severity, Severity::Error, "never 'must remove': {}", f.rule);
            assert!(f.message.starts_with("For review"), "{}", f.message);
            assert!(f.message.contains("[moderation.1]") && f.message.contains("[moderation.3]"), "{}", f.message);
            assert!(f.message.contains("never for the opinion"), "{}", f.message);
            assert!(f.fixes.is_empty(), "no fix deletes someone's comment: {}", f.rule);
            assert!(f.clause.starts_with("moderation."), "{}", f.clause);
            assert!(c.clause(&f.clause).is_some(), "clause {} exists", f.clause);
            for id in ["moderation.1", "moderation.3"] {
                assert!(c.clause(id).is_some(), "clause {id} exists");
            }
        }
    }
    assert_eq!(kinds.len(), 9, "{kinds:?}");
}

#[test]
fn moderation_mode_runs_only_moderation_rules_and_other_modes_none() {
    // A comment with an SSN, a threat and partisan support: only moderation findings.
    let t = "Vote for Smith! His SSN is 212-45-5530 and I'll kill him if he loses.";
    let f = check(t, None);
    assert!(f.iter().all(|f| f.category == Category::Moderation), "{f:?}");
    // And a City post or a personal post never gets a moderation finding.
    for mode in [Mode::Personal, Mode::City] {
        let f = checker().check(t, &Context { mode, role: Role::Staff });
        assert!(!f.is_empty());
        assert!(f.iter().all(|f| f.category != Category::Moderation), "{mode:?}: {f:?}");
    }
    // check() in moderation mode is check_comment without a post.
    let a = checker().check(t, &ctx());
    assert_eq!(a, check(t, None));
}

#[test]
fn spans_cover_the_words_not_the_punctuation_before_them() {
    let t = "The guy who blocked the plow is a menace. Vote no on the levy!";
    let f = check(t, None);
    let e: Vec<&str> = f.iter().filter(|f| f.rule == "moderation.endorsement").map(|f| &t[f.byte_start..f.byte_end]).collect();
    assert_eq!(e, ["Vote no"]);
}

#[test]
fn offsets_are_utf16_for_non_ascii_comments() {
    let t = "😀 Fix the fucking roads";
    let f = check(t, None);
    assert_eq!(f.len(), 1);
    let units: Vec<u16> = t.encode_utf16().collect();
    assert_eq!(String::from_utf16(&units[f[0].start..f[0].end]).unwrap(), "fucking");
    assert_eq!(&t[f[0].byte_start..f[0].byte_end], "fucking");
}

/// The mechanisms of issue 16 item 2 (threat grammar, slur inventory and
/// discriminatory remarks, private facts about others, name-calling against
/// criticism, ads and scams, candidates): cases written here, none taken from
/// the development set, with the hard negatives each mechanism must leave alone.
#[test]
fn generalised_mechanisms() {
    let mut e = Vec::new();
    table(
        "moderation.threat",
        None,
        &[
            "Someone should slash his tires.",
            "Somebody needs to teach that inspector a lesson.",
            "Hope somebody runs him over on his way home.",
            "Would be a shame if something happened to your truck.",
            "I'm gonna break his windows if he does it again.",
            "Someone should hang him from a tree.",
            "Fix it or else.",
            "I'll find out where the meter maid lives.",
        ],
        &[
            "I'll shoot you an email with the details.",
            "We should hang them on the bridge railings like last year.",
            "This heat is killing me.",
            "Let's beat the rush and go early.",
            "Watch your step on the ice by the library.",
            "We're going to fight this at the hearing.",
        ],
        &mut e,
    );
    table(
        "moderation.slur",
        None,
        &["Somalis are animals.", "Deport all the Mexicans.", "Muslims should go back to where they came from.", "This town is overrun with immigrants.", "Women can't drive, everyone knows that."],
        &["Immigrants are not criminals, they are our neighbors.", "Women are the backbone of this neighborhood.", "The Somali community center is hosting a job fair.", "Crackers and cheese at the library open house!"],
        &mut e,
    );
    table(
        "moderation.private-info",
        None,
        &["She is on food stamps and lives at 412 Elm St.", "Her plate is ABC 123, she parks in the fire lane.", "He's in rehab again, his wife told everyone.", "Call him at 507-555-0100 and tell him what you think."],
        &["If you live on 5th Ave, move your car tonight.", "I live on 9th St SE and my phone is 507-555-0100.", "Call Public Works at 507-328-2400, they fixed mine.", "My mom has diabetes and can't shovel, any help for seniors?"],
        &mut e,
    );
    table(
        "moderation.harassment",
        None,
        &["The mayor is a spineless weasel.", "@jdoe you're a rude miserable jerk.", "Learn to read, moron.", "Everyone email her and let her know."],
        &["The mayor is clueless about snow removal.", "You people never plow the east side.", "You idiots at city hall did it again.", "Thanks for nothing, geniuses."],
        &mut e,
    );
    table(
        "moderation.endorsement",
        None,
        &["Go to Joe's Diner, they have the best pancakes, love it!", "Sarah 2026!", "Fall sale at Hilltop Hardware, 20% off all snow shovels!"],
        &["Class of 2026!", "Doesn't matter who you vote for.", "Vote them all out.", "Take your kids to the library, the story time is amazing!"],
        &mut e,
    );
    table(
        "moderation.spam",
        None,
        &["GIVEAWAY! First 50 people to share get a free $500 gift card", "I make six figures from my phone, link in bio", "Fall sale at Hilltop Hardware, 20% off all snow shovels!"],
        &["The giveaway of free trees at the park was lovely, thank you City.", "Do not click the link in that fake text."],
        &mut e,
    );
    table(
        "moderation.off-topic",
        Some(SNOW_POST),
        &["Can anyone recommend a good electrician? Our outlets keep sparking.", "Lost my black lab near Quarry Hill, please call if you see him", "Happy anniversary to my wonderful wife Ann!"],
        &[
            "Does anyone know if the plows will come down 5th tonight?",
            "Anyone know where I'm supposed to park if I have no driveway?",
            "Who else thinks the towing fines are too high?",
            "Thanks!",
        ],
        &mut e,
    );
    // Without the post, the topic is not judged.
    if rules("Can anyone recommend a good electrician?", None).iter().any(|r| r == "moderation.off-topic") {
        e.push("judged the topic without the post".to_string());
    }
    table(
        "moderation.libel",
        None,
        &["Officer Mark Hale planted evidence in my brother's car.", "Councilman Greg Tollefson took kickbacks from the paving contractor.", "Parks director Jane Roe embezzled the donation money."],
        &["This council is bought and paid for by developers.", "The city is stealing our money with these fees.", "Tom Berg did not steal the money, get your facts right.", "The thief who stole my bike is still out there."],
        &mut e,
    );
    done(e);
}

/// Round 2 (issue 16): slurs from a public list, discriminatory remarks as a
/// group plus what is said of it, threats as ultimatums and veiled forms,
/// mockery and pile-on calls. Cases written here, none taken from a
/// development set; the negatives are the homographs, counter-speech,
/// welcomes, safety notices and idioms each mechanism must leave alone.
#[test]
fn round_two_mechanisms() {
    let mut e = Vec::new();
    table(
        "moderation.slur",
        None,
        &[
            "Somalis in this town are nothing but welfare moochers.",
            "Immigrants come here and bring crime and drugs into our neighborhoods.",
            "Typical Mexican driving, no signal and no insurance.",
            "All Muslims are the same, they want sharia law here.",
            "Of course it was a black guy who did it.",
            "Gay people shouldn't be around kids at the library, they're groomers.",
            "Transgenderism is a mental illness and the city shouldn't celebrate it.",
            "Trans women are men, period.",
            "That's what you get for electing a woman as mayor.",
            "She only got the chief job because she's black.",
            "Hmong families breed like rabbits and take over every park.",
            "Refugees don't belong in Rochester, send them back.",
            "We don't want a mosque in our neighborhood.",
            "The Chinese virus started all this.",
            "Go back where you came from.",
            "Another DEI hire running the department.",
            "Those illegals are why rents went up.",
            "Mexicans always leave trash at the park.",
            "Women can't plow snow, put a man in charge.",
            "This kike landlord raised my rent again.",
            "Look at all the gooks at the Asian market.",
            "Keep those dirty Somalis out of our pool.",
            "Disabled people are a drain on the taxpayers, lazy leeches.",
            "Islam is a cancer on this country.",
            "These people need to go back to their own country.",
            "The Hmong kids from that neighborhood are all in gangs.",
            "Somali taxi drivers are filthy and can't drive.",
        ],
        &[
            "Immigrants are welcome here and make Rochester stronger.",
            "Calling Somalis criminals is racist and wrong.",
            "The Hmong New Year celebration at the Civic Center was wonderful.",
            "Support for refugee families who lost their homes in the flood is needed.",
            "Muslims in Rochester raised $5,000 for the food shelf.",
            "Women always do the heavy lifting at the food shelf, thank you.",
            "The Mexican restaurant on Broadway is taking over the old Kmart spot.",
            "There is a lot of misinformation claiming immigrants bring crime; statistics show they are less likely to commit crimes.",
            "Homo sapiens evolved in Africa.",
            "The Negro Leagues exhibit at the library is great.",
            "Plant natives, invasive species are taking over the trails.",
            "Hate crimes against Muslims are rising and the city needs to act.",
            "Our Somali neighbors shoveled our whole block.",
            "All immigrants are required to bring ID to the clinic.",
            "The black ice on 37th is dangerous, please salt it.",
            "Women's shelter needs donations of winter coats.",
            "Typical Minnesota weather, snow in April.",
            "Don't call people illegals, it's dehumanizing.",
            "The gay pride parade route is posted at rochestermn.gov.",
            "My spade broke while digging out the hydrant.",
            "Great Halloween party, my kid dressed as a spook.",
        ],
        &mut e,
    );
    table(
        "moderation.threat",
        None,
        &[
            "You've been warned, inspector.",
            "Your days are numbered, Councilman.",
            "Keep towing my car and see what happens.",
            "Don't be surprised if your windows get broken one night.",
            "I'd pay to see someone punch that meter maid.",
            "There's a bullet with his name on it.",
            "We're coming for you, Mayor.",
            "Next council meeting I'm going to show up armed.",
            "I'll make you pay for this, Jensen.",
            "I'm going to key his car if he plows in my driveway again.",
            "Someone should egg the mayor's house.",
            "I'll smash his windows the next time he tickets me.",
            "I'm gonna drive my truck through the front of city hall.",
            "I hope someone slashes his tires tonight.",
            "I'll kick his ass if I see him at Hy-Vee.",
            "Somebody needs to take him out.",
            "Touch my fence again and see what happens. I keep a bat by the door.",
            "Tow my car one more time and I swear your tow truck gets its windows smashed.",
            "Approve this and it'll burn before the first tenant moves in.",
            "I know where that inspector lives.",
            "Shame if something happened to his new truck.",
        ],
        &[
            "I'll key in the numbers tomorrow.",
            "You have been warned about the ice on the trail, be careful.",
            "Keep it up and see what happens to the budget.",
            "Take out the trash before 7 a.m.",
            "We're coming for the pancake breakfast!",
            "They're going to smash the old pavement and repave.",
            "The Kwik Trip next to us was vandalized last night.",
            "Egg hunt at Silver Lake Park is Saturday!",
        ],
        &mut e,
    );
    table(
        "moderation.harassment",
        None,
        &[
            "Cry more, Brad.",
            "Found the idiot.",
            "You must be fun at parties.",
            "Post her address so we can all see who she is.",
            "Somebody call his boss and get him fired.",
            "Let's make her life hell until she moves.",
            "You're disgusting and worthless.",
            "@mike_r you are a joke of a human.",
        ],
        &[
            "Call your boss and ask for the day off for voting.",
            "You're not worthless, things will get better.",
            "Get him fired? No, he did a great job on the trail.",
            "The city is garbage at plowing.",
        ],
        &mut e,
    );
    // No moderation finding at all on safety notices, festival posts and
    // idioms that share the words of threats and discriminatory remarks.
    for t in [
        "If you see a downed power line, stay back, you could get hurt.",
        "Bring a bat and glove to the softball clinic Saturday!",
        "Next time bring your own bags, the store charges for them.",
        "Grab your matches and marshmallows, the bonfire is at 7!",
        "The old barn burned down last year, so sad.",
        "Mark my words, the levy will pass next time.",
        "My kids will be ash-covered after the campfire lol.",
        "I swear the plows skip our street every time.",
        "I know where the library drop box is, it's by the north door.",
        "Try the new cafe, it's great. Try me on that.",
        "Somali taxi drivers were honored at the council meeting for their storm work.",
        "The Mexican folk dance group is taking over the stage at 3, don't miss it!",
        "Full of Hmong families enjoying the festival, what a great day.",
    ] {
        let got = rules(t, None);
        if !got.is_empty() {
            e.push(format!("false alarm on {t:?}: {got:?}"));
        }
    }
    // Weak words ("trash", "rats", "deported", "go back") count only as what
    // is said of a group ("Somalis are lazy", "should go back"), never in a
    // sentence where the group cleans up, suffers or is reported on; a weapon
    // counts in an ultimatum only when held or brought.
    table("moderation.slur", None, &[
            "Somalis are lazy and dirty.",
            "Refugees should all go back.",
            "Muslims need to be deported.",
            "All Mexicans are criminals.",
            "Typical Somali driver.",
        ], &[], &mut e);
    table("moderation.threat", None, &[
            "Plow my driveway in one more time and see what happens. I've got a bat.",
        ], &[], &mut e);
    for t in [
        "Women volunteers picked up trash along the river all morning.",
        "Somali families helped clean up garbage in Soldiers Field park.",
        "Refugee families are dealing with rats in their apartments and the landlord won't fix it.",
        "Mexican families were ruined by the flood and need help.",
        "Hmong students go back to school Monday.",
        "Somali families fear being deported after the new federal rules.",
        "All refugees are vetted by the State Department before they arrive.",
        "The Japanese garden has typical Japanese maples.",
        "Immigrants are the backbone of our farms.",
        "Muslim women should be able to swim in the pool in modest clothing.",
        "Black families were hit hardest by the pandemic.",
        "One more time for the people in the back: the gun buyback is Saturday at the police station.",
        "Next time you go hunting, store your rifles unloaded and locked.",
        "I swear the bats in our attic are back, who do I call?",
    ] {
        let got = rules(t, None);
        if !got.is_empty() {
            e.push(format!("false alarm on {t:?}: {got:?}"));
        }
    }
    done(e);
}

/// Written before tuning; run only after it (see the module comment).
const FROZEN: &[(&str, Option<&str>, Option<&str>)] = &[
    // (comment, post, expected rule or None for "no finding at all")
    ("Your plow driver is a fat slob and I know which truck is his.", None, Some("moderation.harassment")),
    ("Stop wasting money on bike lanes, nobody uses them.", None, None),
    ("The library director should be ashamed of these cuts.", None, None),
    ("Honestly the worst snow removal I've seen in 20 years of living here.", None, None),
    ("Mark my words: if the council passes this, I will find you, Councilman.", None, Some("moderation.threat")),
    ("Earn $200 per hour from your phone, message me to join.", None, Some("moderation.spam")),
    ("Vote yes on Question 1 for the library!", None, Some("moderation.endorsement")),
    ("Gary's routing number is 091000019 and account 123456789, send him a bill.", None, Some("moderation.private-info")),
    ("Buy cheap watches at replicawatches.top", Some(PARK_POST), Some("moderation.unrelated-link")),
    ("Here's the swim lesson sign-up: rochestermn.gov/swim", Some(PARK_POST), None),
    ("These tax increases are insane. The council has lost its mind.", Some(BUDGET_POST), None),
    ("Shut your mouth, Brenda, you don't even live here.", None, Some("moderation.harassment")),
];

#[test]
fn frozen_cases_written_before_tuning() {
    let mut errors = Vec::new();
    for (t, post, want) in FROZEN {
        let got = rules(t, *post);
        match want {
            Some(r) if !got.iter().any(|g| g == r) => errors.push(format!("missed {r} on {t:?} (got {got:?})")),
            None if !got.is_empty() => errors.push(format!("false alarm on {t:?}: {got:?}")),
            _ => {}
        }
    }
    done(errors);
}
