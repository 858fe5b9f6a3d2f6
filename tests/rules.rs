//! Table-driven rule tests: for each rule, posts it must flag (with the span
//! it must report) and hard negatives it must not flag. Written from the
//! policy, independently of the corpus in tests/corpus/.

use postguard::{apply_fix, Category, Checker, Context, Finding, Mode, Role};
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(Checker::rochester)
}

fn check(text: &str, mode: Mode, role: Role) -> Vec<Finding> {
    checker().check(text, &Context { mode, role })
}

fn cats(text: &str, mode: Mode, role: Role) -> Vec<Category> {
    let mut c: Vec<Category> = check(text, mode, role).iter().map(|f| f.category).collect();
    c.dedup();
    c
}

/// Assert `cat` is reported on every post, and (when given) on exactly the quoted span.
fn assert_flags(cat: Category, mode: Mode, role: Role, cases: &[(&str, Option<&str>)]) {
    for (text, span) in cases {
        let f = check(text, mode, role);
        let hit = f.iter().find(|f| f.category == cat).unwrap_or_else(|| panic!("{cat} not reported on: {text}\n  got: {:?}", f.iter().map(|f| &f.rule).collect::<Vec<_>>()));
        if let Some(span) = span {
            assert_eq!(&text[hit.byte_start..hit.byte_end], *span, "wrong span on: {text}");
        }
    }
}

fn assert_clean(cat: Category, mode: Mode, role: Role, cases: &[&str]) {
    for text in cases {
        let f = check(text, mode, role);
        assert!(!f.iter().any(|f| f.category == cat), "{cat} wrongly reported on: {text}\n  got: {:?}", f.iter().map(|f| (&f.rule, &f.excerpt)).collect::<Vec<_>>());
    }
}

const P: Mode = Mode::Personal;
const C: Mode = Mode::City;
const STAFF: Role = Role::Staff;

// ---------------------------------------------------------------- disclaimer

#[test]
fn disclaimer_missing_positives() {
    assert_flags(Category::Disclaimer, P, STAFF, &[
        ("As a City of Rochester snowplow driver I can tell you the new routes are a mess.", Some("As a City of Rochester snowplow driver")),
        ("I'm a City employee and the budget cuts to the library are a disaster.", None),
        ("I work for the City and our department is badly understaffed this winter.", None),
        ("As an RPD officer, response times downtown have doubled since the staffing cuts.", None),
        ("I've worked at Rochester Public Works for 12 years and this is the worst salt shortage I've seen.", None),
        ("Rochester firefighter here. The new station on 55th will cut response times in half.", None),
        ("I serve on the Planning Commission and the rezoning on Broadway is a bad idea.", None),
        ("City of Rochester engineer. The roundabout on 19th St is going to work, trust me.", None),
        ("Proud City employee — the council made the right call on the levy.", None),
        ("As your council member, I think the new parking ramp fees are too high.", None),
        ("Library staffer here: the new Saturday hours start next month, finally.", None),
        ("I volunteer with Rochester Parks and Rec and the trail budget is way too small.", None),
        ("My coworkers at Public Works are exhausted from the overtime this storm.", None),
        ("I'm a plow driver for the City and the new routes make no sense.", None),
        ("We at the Rochester Fire Department are stretched thin: two stations share one ladder truck.", None),
        ("As a contractor on the City's bridge project, we're three weeks behind because of the utility relocation.", None),
        // A negated or mocked disclaimer does not count.
        ("I'm a City employee and these are NOT my own opinions: the whole department thinks the budget is broken.", None),
        ("As a City planner, the zoning rewrite is a mess. Views my own lol jk", None),
        // Disguised with fullwidth and invisible characters.
        ("Ａｓ a City of Rochester snow\u{200B}plow driver, the new routes are a mess.", None),
    ]);
    // Self-identification in free wording (`disclaimer.missing-work-tie`): a work tie near a City unit.
    assert_flags(Category::Disclaimer, P, STAFF, &[
        ("My crew at the water plant has run on two operators all month and the new budget makes it worse.", None),
        ("Been at the library 11 yrs and the new hold system is a disaster for patrons.", None),
        ("Ice arena zamboni driver here, and the rink schedule the council approved leaves no time for maintenance.", None),
        // A span of service in words, without a subject.
        ("Been plowing for Public Works going on twelve years and this salt budget is the thinnest yet.", None),
    ]);
}

#[test]
fn disclaimer_missing_negatives() {
    assert_clean(Category::Disclaimer, P, STAFF, &[
        // With a disclaimer, in many phrasings and positions.
        "As a City of Rochester snowplow driver I can tell you the new routes are a mess. These are my own opinions and do not represent those of the City.",
        "Views are my own, not the City's. As a City employee I think the levy is too high.",
        "I work for the City (opinions mine alone) and the budget process needs work.",
        "Speaking as a private citizen: I'm a City planner and the Broadway rezoning worries me.",
        "I'm an RPD officer but I'm not speaking for the department: staffing is our biggest problem. #ViewsMyOwn",
        "As a City employee, the snow routes could be better. My views do not reflect those of my employer.",
        // Not a City Representative, or no longer one.
        "As a Rochester resident I can tell you the new snow routes are a mess.",
        "As a former City employee, the budget process was always chaotic.",
        "I used to work for the City and the plow routes were better back then.",
        "My husband is a City employee and he says the budget is tight this year.",
        "As a Mayo Clinic nurse I see how bad the roads get after a storm.",
        "I work for the City of Rochester, NY and our garbage trucks are ancient.",
        // A City Representative talking about something unrelated.
        "As a City employee, I have to say this taco truck on 4th is amazing.",
        "I work for the City but today is all about my daughter's first deer!",
        "Rochester firefighter here, and my kids just made the hockey team!",
        "I'm a City employee and I'm running the Twin Cities marathon this weekend.",
        // Career news without a view on City business, another employer, another Rochester.
        "15 years at the library today! Cake at 2, come say hi.",
        "Thrilled to announce I've joined Rochester Public Works as a project engineer!",
        "As an Olmsted County deputy, I think the new jail schedule is a mess.",
        "Rochester, NY council here: our snow budget vote is Tuesday and I'm a yes.",
        "Public Works crew here, and my own views, not the City's: the salt budget is too small.",
        "I work at the water plant. Anybody know a good mechanic on the north side?",
        // Disclaimers with the subject first, in the first person, or elliptical.
        "As a City bus mechanic: the new fleet schedule leaves no slack for repairs. These are my own thoughts.",
        "Parks crew here. I can only speak for myself, but the trail mowing cuts will show by July.",
        "I'm a City engineer and I'm replying as myself and not for the City: the roundabout design is sound.",
        "Planning staff here: the rezoning timeline slipped again. Just my read, not an official City answer.",
        "RPL staff, own views - not the library's or the City's: the fine-free policy is working.",
    ]);
    // Speaking for a City unit identifies the writer as its representative.
    assert_flags(Category::Disclaimer, P, STAFF, &[
        ("Speaking on behalf of Public Works: the alley plowing cuts are permanent this winter.", None),
        ("On behalf of the Rochester Public Library, the branch budget will not cover Sunday hours.", None),
        ("Speaking for the entire department here: the new overtime rules start with the March schedule.", None),
    ]);
    // A council member lining up votes with colleagues identifies as a member (and the
    // open-meeting rule warns about the deliberation itself).
    assert_flags(Category::Disclaimer, P, Role::Council, &[
        ("@cm_okafor you good with 2% on the utility rate? Sam and Lena are in.", None),
        ("@ward4_jules are you a yes on the trail easement Monday? I think Priya is.", None),
        // What only a member writes about their own body.
        ("Proud to cast a yes vote tonight on the Quarry Hill trail bond. Northwest kids deserve it.", None),
        ("We on the Airport Commission will take up the hangar lease rates at our next commission meeting.", None),
    ]);
    assert_clean(Category::Disclaimer, P, Role::Council, &[
        // An election call is not a body's vote, and names no colleague.
        "Whatever your party, if you vote for the levy cap you are voting against your own plowed streets.",
        // With a disclaimer.
        "@cm_okafor you good with 2% on the utility rate? Sam and Lena are in. Views my own, not the council's.",
    ]);
    // Disclaimers only apply to personal accounts.
    assert_clean(Category::Disclaimer, C, STAFF, &["As a City of Rochester snowplow driver I can tell you the new routes are a mess."]);
}

#[test]
fn disclaimer_fix_appends_the_policy_text_and_clears_the_finding() {
    let text = "As a City of Rochester snowplow driver I can tell you the new routes are a mess.";
    let f = check(text, P, STAFF);
    let d = f.iter().find(|f| f.category == Category::Disclaimer).unwrap();
    assert_eq!(d.clause, "personal.disclaimer");
    let fixed = apply_fix(text, &d.fixes[0]);
    assert_eq!(fixed, format!("{text} These are my own opinions and do not represent those of the City."));
    assert!(cats(&fixed, P, STAFF).is_empty(), "{fixed}");
}

// ---------------------------------------------------------------- city email

#[test]
fn city_email_positives() {
    assert_flags(Category::CityEmail, P, STAFF, &[
        ("Email me at jdoe@rochestermn.gov", Some("jdoe@rochestermn.gov")),
        ("Questions? JDOE@ROCHESTERMN.GOV", Some("JDOE@ROCHESTERMN.GOV")),
        ("reach me: j.doe@pw.rochestermn.gov.", Some("j.doe@pw.rochestermn.gov")),
        ("jdoe at rochestermn dot gov", Some("jdoe at rochestermn dot gov")),
        ("jdoe [at] rochestermn [dot] gov", Some("jdoe [at] rochestermn [dot] gov")),
        ("jdoe(at)rochestermn(dot)gov for the signup", Some("jdoe(at)rochestermn(dot)gov")),
        ("write to jdoe {at} rochestermn {dot} gov", Some("jdoe {at} rochestermn {dot} gov")),
        ("mail: laura.h at rochestermn.gov", Some("laura.h at rochestermn.gov")),
        ("jdoe＠rochestermn．gov", Some("jdoe＠rochestermn．gov")),
        // The words other languages use for "@" and ".", written as people type them.
        ("Schreibt an m.weber klammeraffe rochestermn punkt gov", Some("m.weber klammeraffe rochestermn punkt gov")),
        ("scrivete a l.rossi chiocciola rochestermn punto gov", Some("l.rossi chiocciola rochestermn punto gov")),
        ("пишите: a.petrova собака rochestermn точка gov", Some("a.petrova собака rochestermn точка gov")),
        ("j\u{200B}doe@roch\u{200D}estermn.gov", Some("j\u{200B}doe@roch\u{200D}estermn.gov")),
        ("jdoe@r\u{43E}chestermn.g\u{3BF}v", Some("jdoe@r\u{43E}chestermn.g\u{3BF}v")),
        ("jdoe﹫rochestermn.gov", Some("jdoe﹫rochestermn.gov")),
        ("<a href=\"mailto:jdoe@rochestermn.gov\">mail</a>", Some("jdoe@rochestermn.gov")),
        ("(jdoe@rochestermn.gov)", Some("jdoe@rochestermn.gov")),
        ("Vendo mi bici: lgarcia arroba rochestermn punto gov", Some("lgarcia arroba rochestermn punto gov")),
        ("pwright -at- rochestermn -dot- gov", None),
        ("jdoe%40rochestermn.gov", Some("jdoe%40rochestermn.gov")),
        ("jdoe(a)rochestermn(dot)gov", Some("jdoe(a)rochestermn(dot)gov")),
        ("jdoe #at# rochestermn #dot# gov", Some("jdoe #at# rochestermn #dot# gov")),
        ("jdoe at rochestermn period gov", Some("jdoe at rochestermn period gov")),
        ("mpatel&#64;rochestermn&#46;gov", Some("mpatel&#64;rochestermn&#46;gov")),
        ("\u{24D9}\u{24D3}\u{24DE}\u{24D4}@rochestermn.gov", None),
        ("🎉🎉 party RSVP to jdoe@rochestermn.gov 🎉", Some("jdoe@rochestermn.gov")),
    ]);
}

#[test]
fn city_email_negatives() {
    assert_clean(Category::CityEmail, P, STAFF, &[
        "Snow emergency info: www.rochestermn.gov/snow",
        "See https://www.rochestermn.gov/departments/public-works for the schedule",
        "More details at rochestermn.gov",
        "Visit us at rochestermn.gov/parks",
        "Details at rochestermn dot gov slash snow",
        "jdoe@rochestermn.gov.evil.com is a phishing address, don't click",
        "Contact x@notrochestermn.gov",
        "write to jdoe@rochestermngov.com",
        "My personal email is jdoe@gmail.com",
        "County questions go to info@co.olmsted.mn.us",
        "State contact: someone@state.mn.us",
        "Follow @RochesterMNgov for updates",
        "I can never remember my @rochestermn.gov password",
        "The city website rochestermn.gov has the map",
        "Call the City at 507-328-2000",
    ]);
    // In city mode a City contact address is normal.
    assert_clean(Category::CityEmail, C, STAFF, &["Questions about leaf pickup? Email streets@rochestermn.gov"]);
}

// ---------------------------------------------------------------- confidential

#[test]
fn confidential_positives() {
    let masked = |text: &str, excerpt_part: &str| {
        let f = check(text, P, STAFF);
        let c = f.iter().find(|f| f.category == Category::Confidential).unwrap_or_else(|| panic!("not flagged: {text}"));
        assert!(c.excerpt.contains(excerpt_part), "excerpt {:?} should contain {excerpt_part:?}", c.excerpt);
    };
    masked("Her SSN is 212-45-5530, can HR fix the form?", "***-**-5530");
    masked("social security number 212 45 5530", "*** ** 5530");
    masked("Paying with 4111 1111 1111 1111 exp 09/28", "**** **** **** 1111");
    masked("routing 091000019 acct 4455667788", "*****0019");
    masked("Reminder for the crew: the garage door code is 4471#", "*****");
    assert_flags(Category::Confidential, P, STAFF, &[
        ("SSN: 212455530", Some("212455530")),
        ("ss# 471.18.2256 for the form", None),
        ("Card: 5500-0000-0000-0004", Some("5500-0000-0000-0004")),
        ("Amex 3782 822463 10005 if you need it", None),
        ("My checking account number is 4455667788", Some("4455667788")),
        ("DL H123456789012 if anyone knows him", Some("H123456789012")),
        ("driver's license number A 123 456 789 012", None),
        ("the wifi password is Engine2Ladder!26", Some("Engine2Ladder!26")),
        ("pw: hunter22", None),
        ("my API key is AKIAIOSFODNN7EXAMPLE oops", None),
        ("CONFIDENTIAL - do not forward: the audit found $40k missing", None),
        ("[Internal only] layoffs are coming in March", None),
        ("Not supposed to share this, but the chief is retiring in March.", None),
        ("In last night's closed session the council agreed to settle the Hanson lawsuit.", None),
        ("Officer Jensen is on admin leave while IA investigates the complaint.", None),
        ("Our coworker Dan Kessler was just diagnosed with stage 3 colon cancer.", None),
        ("The victim, Jane Doe at 1234 5th St SW, is still in the hospital.", None),
        ("The 15-year-old arrested at Mayo High, Tyler R., lives two doors down.", None),
        ("Between us, the City's bottom line in the AFSCME talks is a 3% raise.", None),
        ("His SSN is \u{FF15}51-2\u{200B}0-3948", Some("\u{FF15}51-2\u{200B}0-3948")),
    ]);
}

#[test]
fn confidential_negatives() {
    assert_clean(Category::Confidential, P, STAFF, &[
        "Call the City Clerk at 507-328-2900 with questions.",
        "ZIP 55901-1234, order #123456789",
        "Invalid SSNs like 000-12-3456, 666-12-3456, 900-12-3456, 123-00-4567 and 123-45-0000 are never issued.",
        "Part number 201-33-4455 fits the Lennox units.",
        "Stripe's test card 4242 4242 4242 4242 works in sandbox mode.",
        "Card 4111 1111 1111 1112 was declined (typo).",
        "Tracking 1Z999AA10123456784 shows it in Chicago.",
        "Our deck permit R202611250034 got approved!",
        "Never share your password, even with IT.",
        "Reset your password at the help desk.",
        "Password must be 12 characters.",
        "Report concerns on our confidential tip line, 507-328-2999.",
        "The council will meet in closed session at 5 pm under Minn. Stat. 13D.05.",
        "Attorney-client privilege is an important legal protection.",
        "The City Administrator's salary of $180,000 is in the published budget.",
        "The council approved the final discipline for the officer, as announced in the public report.",
        "I had surgery last week and I'm feeling much better, thanks!",
        "Police arrested a 34-year-old man for burglary, according to the RPD press release.",
        "The council ratified the AFSCME contract on Monday; the agreement is posted online.",
        "Building permit B2024-00123 is public record.",
    ]);
}

/// Identifiers PII analysers know beyond the Minnesota set: SSNs grouped by
/// spaces or dots, ITINs, passports, other states' licences, cards of any
/// issuer that the post calls a card. Each with the span it must report.
#[test]
fn other_identifiers_positives() {
    let rule = |text: &str, id: &str, span: &str| {
        let f = check(text, P, STAFF);
        let hit = f.iter().find(|f| f.rule == id).unwrap_or_else(|| panic!("{id} not reported on: {text}\n  got: {:?}", f.iter().map(|f| &f.rule).collect::<Vec<_>>()));
        assert_eq!(&text[hit.byte_start..hit.byte_end], span, "wrong span on: {text}");
    };
    rule("Can someone fix the form, mine says 212 45 5530 and it is wrong", "confidential.ssn", "212 45 5530");
    rule("new hire paperwork: 536.22.9184 (please shred after)", "confidential.ssn", "536.22.9184");
    rule("Her ITIN is 912-78-4521, can someone update the vendor form?", "confidential.itin", "912-78-4521");
    rule("taxpayer ID 9317 04567? no wait, 931 70 4567", "confidential.itin", "931 70 4567");
    rule("Scanned her passport for the trip, passport no. C03005988, sending it to the travel desk", "confidential.passport", "C03005988");
    rule("Found a passport at Silver Lake: passport number 488839667, name Garcia", "confidential.passport", "488839667");
    rule("Wisconsin driver's license S530-4608-3012-04 was left at the front desk", "confidential.drivers-license-state", "S530-4608-3012-04");
    rule("the guy's CA drivers license is A7345128 if anyone sees him", "confidential.drivers-license-state", "A7345128");
    rule("Iowa DL# 384AB2917 on the towed car", "confidential.drivers-license-state", "384AB2917");
    rule("NY driver license number 493 256 871 was on the ticket", "confidential.drivers-license-state", "493 256 871");
    // A state's name or postal code before "license" names a driver's licence; Minnesota's shape in the card's 4-4-4-1 grouping.
    rule("my Texas license is 27384916, name on it Dana", "confidential.drivers-license-state", "27384916");
    rule("lost wallet: MN license F482-1196-0322-7, reward", "confidential.drivers-license", "F482-1196-0322-7");
    // Credentials: the longer verb wins ("is still", "has been"), free words between label and verb.
    rule("the wifi pw at the water plant is still Plant2019! lol", "confidential.credential", "Plant2019!");
    rule("our alarm code at the maintenance shop has been 4-1-9-7 forever", "confidential.credential", "4-1-9-7");
    rule("Lost my Verve card 5061 4738 2910 4539 512 exp 11/27, please cancel it", "confidential.payment-card-named", "5061 4738 2910 4539 512");
    rule("1004 738291 04536 exp 03/29 cvv 123 - whose card is this", "confidential.payment-card-named", "1004 738291 04536");
    // A 15-digit American Express number grouped 4-6-5, and with dots.
    rule("Amex 3782 822463 10005 for the catering deposit", "confidential.payment-card", "3782 822463 10005");
    rule("pls charge 4111.1111.1111.1111 thanks", "confidential.payment-card", "4111.1111.1111.1111");
    // Any entry control's code, a keypad's code without the word "code", published secret shapes.
    rule("FYI the staff entrance code is now 5521 at the north rec center", "confidential.credential", "5521");
    rule("bay door keypad is 7719# after 10pm", "confidential.credential", "7719#");
    rule("use this, it works: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyb2NoIn0.Qm9ndXNTaWduYXR1cmVYeXo", "confidential.credential", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyb2NoIn0.Qm9ndXNTaWduYXR1cmVYeXo");
    rule("my key sk-proj-Ab3dE5fG7hJ9kL1mN3pQ5rS7 stopped working", "confidential.credential", "sk-proj-Ab3dE5fG7hJ9kL1mN3pQ5rS7");
    // Security information in plain words; the City's position in a pending negotiation.
    rule("FYI the motion sensor in the east stairwell has been dead since March, nobody fixed it", "confidential.security", "motion sensor in the east stairwell has been dead");
    rule("The shop alarm only covers the office, the parts cage is wide open at night.", "confidential.security", "alarm only covers");
    rule("Loading dock at the transit garage is unmonitored after 11 on Sundays.", "confidential.security", "unmonitored after");
    rule("The police union wants 6%. Between us, council is comfortable going to 4.5 before the mediator even asks.", "confidential.negotiations", "comfortable going to 4");
    // A state named earlier in the sentence makes a plain "license number" a driver's licence;
    // "license ID"; a letter and its digits with a space; "Lic #" with a postal code.
    rule("Ohio says the license number on my renewal is WB482913, apparently", "confidential.drivers-license-state", "WB482913");
    rule("renewing my NY license ID 492 817 305 online tonight", "confidential.drivers-license-state", "492 817 305");
    rule("other driver wrote Lic #: WI S530 4608 3012 04 on the form", "confidential.drivers-license-state", "S530 4608 3012 04");
    // A passport's letter-and-8-digits shape later in the clause, even on the next chat line.
    rule("passport card for the trip, number's on the back: C41729380", "confidential.passport", "C41729380");
    rule("what's your passport # for the hotel form\nme: X70215836", "confidential.passport", "X70215836");
    // A lock and its code further on; a camera that stays pointed the wrong way.
    rule("spare keys are in the lockbox by the shed, code 3817", "confidential.credential", "3817");
    rule("the camera over the salt dome has been pointed at the ground since the ice storm", "confidential.security", "camera over the salt dome has been pointed at the ground");
    // Fact classes in more words: a test failed with words between, a hyphen for a space,
    // service cut for not paying, a patron's holds; people named by their workplace.
    rule("Marta at the front counter failed her random drug test last week", "confidential.personnel", "failed her random drug test");
    rule("Devon in billing is on a last-chance agreement now", "confidential.personnel", "last-chance agreement");
    rule("Mrs. Olander on 9th Street had her power cut off for nonpayment", "confidential.customer-account", "power cut off");
    rule("Pastor Dale Finch has four books on grief on hold at the branch", "confidential.patron-record", "books on grief on hold");
}

#[test]
fn other_identifiers_negatives() {
    assert_clean(Category::Confidential, P, STAFF, &[
        // A licence number without a number, a state without a licence, cameras pointed on purpose.
        "Ohio says my license number is printed on the back now, not the front.",
        "Renewed my Iowa license online, took five minutes.",
        "The nature center's camera will be pointed at the sky for the meteor shower tonight.",
        "Passport photos at the library are $15, bring cash or card.",
        // Invoice and request numbers shaped like an SSN.
        "Please chase INV 412-77-0193, it's 60 days past due.",
        // Grouped like an SSN but something else, or invalid.
        "Bowling scores tonight: 212, 245, 253 and 198.",
        "Room numbers 000 12 3456 are not assigned.",
        "Order 536.22.9184 shipped.",
        "Version 123.45.6789 of the app is out.",
        "Call 507 328 2900 for the Clerk.",
        "$212 45 5530",
        // ITIN-shaped but an invalid group, or a work order.
        "Work order 912-45-1234 is closed.",
        "Ticket 912-70-1234 was resolved.",
        // Passports: fees, photos, hours, phone numbers.
        "Passport photos are $15 at the Clerk's office, renewals take 6 to 8 weeks.",
        "Passport appointments: call 507-328-2900.",
        "Passport acceptance hours change on 12/15/2026.",
        // Licences: classes, dates, counts, another kind of licence.
        "Driver's license renewals moved to 2027 for most people.",
        "Driver's license class D test is at 10 am.",
        "Driver's license offices served 125000 people last year",
        "Business license number 2024-00123 is public record.",
        "Contractor license 20654321 is listed on the state site.",
        "Texas license plates like ABC 1234 are easy to spot.",
        "The wifi password is still the same as last year, ask the front desk.",
        // Cards: test numbers presented as such, gift cards, unknown issuers without a card word.
        "Stripe's test card 4242 4242 4242 4242 works in sandbox mode.",
        "Use the sample Visa 4111 1111 1111 1111 in the demo.",
        "Tracking number 9400 1000 0000 0000 0000 00 arrives Friday.",
        "Gift card 6006 4912 3456 7890 has $20 on it.",
        "QA note: Amex's documented test number 378282246310005 still fails on the staging form.",
        "Para probar el formulario usen la tarjeta de prueba 5555 5555 5555 4444, no es real.",
        // Not a credential: a label inside a word, a door with a distance or a decade.
        "Shoutout to the Pines Diner - best pancakes in town!",
        "The side door is 200 feet past the ramp entrance.",
        "The back door is 1990s-era and sticks in winter.",
        // Published on purpose: guest Wi-Fi, a public meeting's passcode.
        "Visitor Wi-Fi at the Civic Center: network MCC-Visit, password Welcome2027!",
        "Public hearing on the levy via Zoom: meeting ID 842 1190 3321, passcode 449021.",
        // Security talk that reveals nothing: new cameras, a driver's blind spot.
        "We installed new cameras that cover the whole skate park.",
        "Check your blind spot before you merge onto Hwy 52.",
    ]);
}

#[test]
fn confidential_applies_in_both_modes_and_police_is_stricter() {
    let t = "Her SSN is 212-45-5530";
    assert!(cats(t, C, STAFF).contains(&Category::Confidential));
    let arrest = "Booked a 22-year-old on 4th St for DWI last night.";
    assert!(check(arrest, P, Role::Police).iter().any(|f| f.rule == "confidential.police-case"));
    assert!(!check(arrest, P, STAFF).iter().any(|f| f.rule == "confidential.police-case"));
}

/// A 911 caller's or tipster's identity (Minn. Stat. 13.82, subd. 17) given away: where the call
/// came from, who phoned it in, with the person identifiable.
#[test]
fn callers_and_tipsters_identified() {
    for t in [
        "The noise complaint about the Saturday party came from the couple in the corner duplex on 9th.",
        "Big thanks to Dale Ferris for phoning in the plate on that hit-and-run.",
    ] {
        assert!(check(t, P, STAFF).iter().any(|f| f.rule == "confidential.law-enforcement"), "{t}");
    }
    for t in [
        // Nobody identifiable, or the writer's own call.
        "The noise complaint came from somebody on the block, no idea who.",
        "I called in the plate myself and they found the car an hour later.",
    ] {
        assert!(!check(t, P, STAFF).iter().any(|f| f.rule == "confidential.law-enforcement"), "{t}");
    }
}

/// Active criminal investigative data (Minn. Stat. 13.82, subd. 7) in an officer's own words:
/// who the investigation is looking at, its evidence, a pending warrant or lab result, the case
/// being worked. Only an officer writes it, so it also identifies the writer (disclaimer).
#[test]
fn police_active_investigation_details() {
    let posts = [
        "On the mailbox thefts along Elton Hills Dr: we're zeroing in on a guy in a gray Civic. Hang tight.",
        "We have the driver on doorbell camera at two of the houses, just waiting on the warrant now.",
        "Still working that rash of garage break-ins near Quarry Hill. Lock up, folks.",
    ];
    for t in posts {
        let f = check(t, P, Role::Police);
        assert!(f.iter().any(|f| f.rule == "confidential.police-operation"), "{t}: {f:?}");
        assert!(f.iter().any(|f| f.category == Category::Disclaimer), "{t}: {f:?}");
        // Anyone else saying the same is not an officer disclosing a case.
        assert!(!check(t, P, STAFF).iter().any(|f| f.rule == "confidential.police-operation"), "{t}");
    }
    for t in [
        "We're working on it and will post updates on the department's page.",
        "We're looking at a busy weekend downtown with the marathon, plan for detours.",
        "The warrant in the Kutzky Park case was served last week and charges are public.",
    ] {
        assert!(!check(t, P, Role::Police).iter().any(|f| f.rule == "confidential.police-operation"), "{t}");
    }
}

#[test]
fn custom_confidential_terms_from_an_override() {
    let o = postguard::PackOverride { confidential_terms: vec!["Project Bluebird".into()], ..Default::default() };
    let c = Checker::with_override(&o, "test").unwrap();
    let f = c.check("Can't wait for Project Bluebird to launch!", &Context::default());
    assert!(f.iter().any(|f| f.rule == "confidential.custom-term"));
    assert!(c.check("New bluebird houses at Quarry Hill!", &Context::default()).is_empty());
}

// ---------------------------------------------------------------- other rules

#[test]
fn official_position() {
    assert_flags(Category::OfficialPosition, P, STAFF, &[
        ("Speaking on behalf of the City: the bridge reopens Friday.", None),
        ("The City's official position is that the pool stays closed.", None),
        ("Official City statement: the water is safe.", None),
        // A body's official line given out as the writer's news (`official_announcement`).
        ("I can tell you the City's official position on the dog park is final.", Some("I can tell you the City's official position")),
    ]);
    // A guard that drops one alternative's match must not hide another's: `official_claim`'s
    // "tell you the City's position" is dropped (followed by "on the"), its "the City's
    // official position on ... is" starts inside it and is still found.
    let hits = Checker::rochester().trace("I can tell you the City's official position on the dog park is final.", &Context { mode: P, role: STAFF });
    assert!(hits.iter().any(|(s, h)| s == "official_claim" && h == "the City's official position on the dog park is"), "{hits:?}");
    assert_clean(Category::OfficialPosition, P, STAFF, &["I'm not speaking for the City, but I hope the bridge reopens.", "The City posted its official update on the website."]);
    // A body's decision given out as the writer's news (`official_announcement`).
    assert_flags(Category::OfficialPosition, P, STAFF, &[
        ("You heard it here first: the Park Board has decided to close the east tennis courts for good.", None),
        ("I can confirm the council is cancelling the Thursday night market next year.", None),
        ("It's official, the library board will not renew the cafe lease. Take it from me.", None),
        // The decision and the announcement a sentence apart (`scope = "around"`), in either order.
        ("The council has officially decided to close the Eastside pool. It's official, folks.", None),
        ("You heard it here first. The transit department is eliminating the Sunday 12.", None),
    ]);
    assert_clean(Category::OfficialPosition, P, STAFF, &[
        // Reporting a decision, asking about one, or disclaiming one is not a claim.
        "The council decided last night to delay the levy vote; the minutes are online.",
        "Does anyone know what the City's official position on backyard chickens is?",
        "Nothing I post here is an official City statement.",
        "My views don't reflect the official position of the City of Rochester.",
    ]);
}

#[test]
fn conduct() {
    assert_flags(Category::Conduct, P, STAFF, &[
        ("If that inspector shows up again I'll kill him.", None),
        ("This fucking snow will never end.", None),
        ("You're an idiot if you think the levy is too high.", None),
        ("we know where you live", None),
        // Threats to expose, and rallying people against a person.
        ("Return my ladder by Friday, Gary, or I tell your whole church about the bankruptcy.", None),
        ("Keep lying about the budget and I'll post all the emails you sent me last spring.", None),
        ("Everybody go flood the parks director's voicemail till he resigns.", None),
        ("lets all show up at Pam's house after the meeting and let her hear it", None),
        // People called pests or throwbacks, with or without an article.
        ("People who let their dogs foul the trail are parasites.", None),
        ("Anyone who blocks the bike lane is a knuckle-dragging caveman.", None),
        ("maybe if you weren't such an entitled brat you'd read the schedule", None),
    ]);
    assert_clean(Category::Conduct, P, STAFF, &[
        // The same words said of animals and things.
        "Ticks are parasites, so check your dog after every hike at Quarry Hill.",
        "The brats are on the grill at the Parks picnic, come hungry!",
        "The exhibit's Neanderthal skull is a cast, the real one is in Germany.",
        "We're going to kill it at the half marathon this weekend!",
        "Cutting the bus route is going to hurt the seniors on the west side.",
        "I'll post all the photos from the cleanup day tonight!",
        "Everyone will find out about the new trail map on Monday.",
        "The fire retardant coating is holding up well.",
        "Dick's Sporting Goods has skates on sale.",
        "What a mistake I made parking there, lol.",
        "Scunthorpe and Penistone are towns in England.",
    ]);
}

#[test]
fn city_account_rules() {
    assert_flags(Category::Political, C, STAFF, &[("Vote for Kim Norton on Tuesday!", None), ("The Republicans in St. Paul are ruining local government aid.", None), ("Vote YES on the sales tax question!", None)]);
    assert_clean(Category::Political, C, STAFF, &["Polls are open 7 a.m. to 8 p.m. Find your polling place online.", "Candidate filing for City Council opens June 2.", "Vote for your favorite park photo!"]);
    assert_clean(Category::Political, P, STAFF, &["Vote for Kim Norton on Tuesday!"]);
    assert_flags(Category::Endorsement, C, STAFF, &[("Joe's Pizza is the best pizza in town, use code ROCHESTER for 20% off!", None)]);
    assert_clean(Category::Endorsement, C, STAFF, &["Thanks to everyone who came to the farmers market.", "The new parking ramp opens Monday."]);
    assert_flags(Category::PersonalViews, C, STAFF, &[("Honestly, I think the new parking ramp is a waste of money.", None)]);
    assert_clean(Category::PersonalViews, C, STAFF, &["The new parking ramp on 1st Ave SW opens Monday with 600 spaces."]);
}

/// An official account marking a view as its own (`stance_aside`): a stance adverbial asked as a
/// question, a view announced as one's own. Not the account's playful "we", nor a warning's
/// "Seriously though:".
#[test]
fn city_account_marking_a_view_as_its_own() {
    assert_flags(Category::PersonalViews, C, STAFF, &[
        ("Leaf pickup starts Monday. Also, frankly? The county's new tipping fee is a mess.", Some("Also, frankly?")),
        ("Controversial opinion from the account team: alley parking should be banned.", Some("Controversial opinion")),
        ("Pools close Labor Day. This is not City policy, it's just me, but they should stay open.", None),
    ]);
    assert_clean(Category::PersonalViews, C, STAFF, &[
        "Seriously though: park off the snow routes or you will be towed.",
        "Real talk: the snow emergency starts at 10 p.m.",
        "Honestly? We love seeing your snowman photos! Tag us.",
        "Is the pool open? Honestly, we're still checking with Parks.",
        "Great turnout at Rochesterfest #sorrynotsorry for the traffic on Broadway",
    ]);
}

#[test]
fn open_meeting_only_for_council() {
    let t = "Councilmember Smith, will you vote for the rezoning if we add the setback amendment?";
    assert!(cats(t, P, Role::Council).contains(&Category::OpenMeeting));
    assert!(!cats(t, P, STAFF).contains(&Category::OpenMeeting));
    assert!(!cats("The rezoning is on Monday's agenda; residents can comment at the hearing.", P, Role::Council).contains(&Category::OpenMeeting));
}

/// Lining up votes in free word order (Minn. Stat. 13D.01; `city.g.open-meeting`): a trade
/// whose condition comes later in the sentence, a joint outcome conditioned on what others do, a
/// count toward a majority, walking in as a bloc, with other members addressed or joined as "you
/// and I". Only a member writes these, so they also identify the writer (disclaimer). Explaining
/// one's own vote, or a question a member asks staff before a meeting, is neither.
#[test]
fn open_meeting_vote_lining_in_free_word_order() {
    let posts = [
        "@priya_ward3 I'll back the library levy at the workshop if you drop your objection to the trail bond.",
        "If you and Marcus both hold out for the smaller lot, the parking ordinance fails 4-3 on Tuesday.",
        "Heritage commissioners: the three of us are against the demolition permit, so let's walk in aligned on the 9th.",
        "You and I plus Omar gets us to four on the fee schedule. Can you get to yes before Monday?",
    ];
    for t in posts {
        let f = check(t, P, Role::Council);
        assert!(f.iter().any(|f| f.category == Category::OpenMeeting), "{t}: {f:?}");
        assert!(f.iter().any(|f| f.category == Category::Disclaimer), "{t}: {f:?}");
    }
    assert_clean(Category::OpenMeeting, P, Role::Council, &[
        "I voted no on the parking ordinance last night: the fee hits evening workers hardest.",
        "Question for staff before Thursday's meeting: does the traffic study count the new school?",
        "If you want to weigh in on the trail bond, public comment opens at 6 on Tuesday.",
        "Residents keep asking where I stand on the levy. I'm undecided and I'll listen at the hearing.",
    ]);
}

/// The disclaimer as a hashtag in any order of its words: #myviewsonly, #opinionsmineonly.
#[test]
fn disclaimer_hashtag_word_orders() {
    for tag in ["#myviewsonly", "#OpinionsMineOnly", "#viewsmyown"] {
        let t = format!("As a City of Rochester bus driver I think the new Route 5 schedule is a mess. {tag}");
        assert!(!cats(&t, P, STAFF).contains(&Category::Disclaimer), "{t}");
    }
}

/// Self-identification as a combination, beyond one sentence's templates: a sign-off naming the
/// job, "from someone who answers the ... line", a work tie and the City's own mailbox a sentence
/// apart, service years with an idiom ("the fourth year running") that is not a hobby.
#[test]
fn disclaimer_work_tie_combinations() {
    assert_flags(Category::Disclaimer, P, STAFF, &[
        ("The new budget leaves the plow fleet short three trucks again this winter. — one of the Public Works operators who drives them", None),
        ("Heads up from someone who answers the RPU outage line: the downtown feeder work means two hours without power Saturday, not twenty minutes.", None),
        ("Questions about the new rental licensing rules? I'm one of the inspectors. Send them to pat.lee@rochestermn.gov and I'll answer what I can.", None),
        ("POV: you've worked for the City for 9 years and the training budget got cut for the fourth year running.", None),
    ]);
    assert_clean(Category::Disclaimer, P, STAFF, &[
        // A resident's sign-off, a volunteer build for another organisation, running as a pastime.
        "The City finally fixed the potholes on our street. — a grateful neighbor on the NE side",
        "I was on the crew that built the Habitat house on 5th Ave last summer, best week of my year. The City inspector signed it off in a day.",
        "Went running along the Zumbro trail before work and the new City bike lanes are a mess.",
    ]);
}

/// Self-identification from how people say they hold a job (issue 13, fifth-commission round):
/// a contractor's crew doing the City's work, a desk or counter staffed, work handled in the first
/// person, a named workplace's coworkers, pride in serving at a City unit, "those of us behind the
/// desk". And the organisations that are not the City, named by their kind (an affiliate, an
/// association), saying one is not City staff, "in the city" as a place, a job left.
#[test]
fn disclaimer_work_ties_in_more_wordings() {
    assert_flags(Category::Disclaimer, P, Role::Contractor, &[
        ("We're the crew doing the Elton Hills sewer relining for the City, so yes, the detour stays until August.", Some("We're the crew doing the Elton Hills sewer relining for the City")),
    ]);
    assert_flags(Category::Disclaimer, P, STAFF, &[
        ("Staffing the permit counter at City Hall all week and the new fee schedule is confusing everyone.", Some("Staffing the permit counter at City Hall")),
        ("I processed her rental license renewal at the Neighborhood Services counter and the inspection backlog is real.", None),
        ("Heads up to my ice arena coworkers: the Zamboni budget got cut again and the old machine won't last the season.", Some("my ice arena coworkers")),
        ("Proud to serve at the Rochester Public Library, where the Sunday hours cut is going to hurt families.", None),
        ("Those of us behind the circulation desk at RPL know the new hold limits are unpopular.", None),
    ]);
    assert_clean(Category::Disclaimer, P, STAFF, &[
        "I work at the Rochester Area Habitat for Humanity affiliate and the City's new housing levy will help our builds.",
        "Not a City employee, just a neighbor: the plows on 11th Ave were great last night.",
        "My running crew loops Silver Lake every Saturday and the City finally fixed the path lights.",
        "I work in the city, live in Stewartville, and the new downtown ramp rates are steep.",
        "Left my job at the Rec Center in May; glad to see the City finally replacing the boards.",
    ]);
    assert_clean(Category::Disclaimer, P, Role::Volunteer, &[
        "As treasurer of the Slatterly Park neighborhood association I think the City should fix the park lights.",
    ]);
}

/// Records read at work and given away (Minn. Stat. 13.02, 13.685, 13.82): a customer's account
/// looked up, who called in a complaint; with a person identifiable by their street, in the
/// sentence before, the same or the next. Security information in plain words (a building's
/// unstaffed hours, a sensor that is broken), and text marked internal in its own sentence.
#[test]
fn confidential_records_security_and_markings_in_more_words() {
    assert_flags(Category::Confidential, P, STAFF, &[
        ("Pulled up their account at my desk today: the family on Quarry Ridge Ln hasn't paid the electric bill since spring.", None),
        ("I do complaint intake, so I see who calls. It was the retired teacher on 4th Ave SE who reported your fence.", None),
        ("Nobody is at the Cascade Lake lift station building after 3 on Fridays and the gate sensor has been broken since August.", None),
        ("Our internal-only draft of the fee study says permit fees go up 12 percent next year.", Some("Our internal-only draft")),
        ("Pasting it here: 'CONFIDENTIAL. Do not forward. Three positions in Facilities will be cut in March.'", None),
    ]);
    assert_clean(Category::Confidential, P, STAFF, &[
        "I looked up my own account and the autopay finally went through, so ignore my earlier post.",
        "Internal-only memos, confidential drafts, and still nobody can find the stapler.",
        "Nobody's at the East branch library after 8 on Sundays, so plan your returns for Saturday.",
        "I know who called the plow complaint line about our street, it was me, sorry neighbors.",
    ]);
}

/// A passport's machine-readable zone needs no label: three ICAO 9303 check digits hold
/// (the specimen line from ICAO Doc 9303 Part 4); one wrong check digit is an order number.
/// A new password given in a later clause, with a letter then a digit or symbol; not a time.
/// Other languages' words for "@" and "." in brackets, and more languages' words.
#[test]
fn identifiers_in_more_shapes() {
    assert_flags(Category::Confidential, P, STAFF, &[
        ("The kiosk OCR'd my passport page as L898902C36UTO7408122F1204159ZE184226B<<<<<10 and I posted it by mistake.", Some("L898902C36UTO7408122F1204159")),
        ("Whoever reset the pump station login: the sticky note says it's now Zumbr0!Falls and please don't change it again.", None),
    ]);
    assert_clean(Category::Confidential, P, STAFF, &[
        "Reset my password last night and it's now 10pm and I'm still locked out of the timesheet app.",
        "Order tracking L898902C36UTO7408123F1204159 shows it shipped.",
    ]);
    assert_flags(Category::CityEmail, P, Role::Volunteer, &[
        ("For the sister-city visit, send questions to mkoenig [at] rochestermn (punkt) gov please.", Some("mkoenig [at] rochestermn (punkt) gov")),
        ("Reach the program desk: tnovak kukac rochestermn pont gov", Some("tnovak kukac rochestermn pont gov")),
    ]);
}

/// Not-public data in free words (Minn. Stat. 13.43, 13D.03, 13.37): a person's personal phone
/// or home address with whose it is; a bank account after a routing number or under another
/// language's label; the City's room to move in a negotiation; discipline not yet final; one
/// holder of a title ("my supervisor in Facilities") as the identifiable person.
#[test]
fn confidential_facts_in_free_words() {
    let cases: [(&str, &[&str]); 7] = [
        ("Anyone who needs Denise from the parks office this weekend, her cell is 507-555-0199.", &["confidential.home-contact"]),
        ("Para ayudar a la familia Ortiz: numero de ruta 091000019, numero de cuenta 44120087. Gracias!", &["confidential.bank", "confidential.bank-account"]),
        ("Donations for the Ortiz family: routing 091000019, account 4412-0087-33.", &["confidential.bank-account"]),
        ("Between us, management has room to go to 4.5% in the Teamsters talks.", &["confidential.negotiations"]),
        ("Union contract update: we won't budge until after the holidays, they'll blink first.", &["confidential.negotiations"]),
        ("My supervisor at the transit garage is on paid leave while HR finishes looking into the complaint.", &["confidential.personnel"]),
        ("The new streets superintendent is fighting his firing and nothing's final yet.", &["confidential.personnel"]),
    ];
    for (t, rules) in cases {
        let f = check(t, P, STAFF);
        for r in rules {
            assert!(f.iter().any(|f| f.rule == *r), "{r} not reported on: {t}\n  got: {:?}", f.iter().map(|f| &f.rule).collect::<Vec<_>>());
        }
    }
    assert_clean(Category::Confidential, P, STAFF, &[
        "Call the Parks office at 507-328-2525 for shelter reservations.",
        "The council approved the final contract with the Teamsters: 3.5% a year for three years.",
        "HR is looking into new software for timesheets.",
        "The police chief said the investigation into the crash is ongoing.",
    ]);
}

/// A City account recommending a business in free words ([moderation.endorsement]): who sent you, a
/// team that swears by a firm, a switch recommended, a plug tagged as not sponsored.
#[test]
fn endorsement_in_free_words() {
    assert_flags(Category::Endorsement, C, STAFF, &[
        ("Need a tent for your block party? Olmsted Tent & Event has a great selection, tell them the Parks team sent you!", None),
        ("Our forestry crew swears by Northland Tree Supply for pruning saws.", None),
        ("For the shelter roof we'd recommend going with Cedar Valley Roofing, they did the Soldiers Field job.", None),
        ("Trail cleanup was fueled by Kwik Trip coffee this morning #notsponsored", None),
    ]);
    assert_clean(Category::Endorsement, C, STAFF, &[
        "Tell them what you think at the public hearing on Tuesday.",
        "We'd recommend using the online form to report potholes, it goes straight to the crews.",
    ]);
}

/// What the post itself says is public is not a disclosure (issue 13's false alarms): an arrest
/// from the public arrest log (Minn. Stat. 13.82, subd. 2), a processor's documented test values,
/// a published test card presented as one in the sentence before, a public meeting's passcode.
/// A person's own bank details and a staff password still are.
#[test]
fn public_and_documented_values_are_not_disclosures() {
    let clean = [
        ("From the public arrest log: 52 y/o female booked for DWI on Civic Center Dr last night.", P, Role::Police),
        ("Use the public test cards when you try the new payment form. Visa 4242 4242 4242 4242 always succeeds.", P, Role::Contractor),
        ("For the ACH demo use the processor's documented test bank details: routing 110000000, account number 000123456789.", P, Role::Contractor),
        ("Join Thursday's Heritage Preservation Commission meeting online: Zoom ID 845 1120 3391, passcode 771204.", C, STAFF),
    ];
    for (t, mode, role) in clean {
        assert_clean(Category::Confidential, mode, role, &[t]);
    }
    assert_flags(Category::Confidential, P, STAFF, &[
        ("My routing number is 091000019 and account number 44120087, please send the refund there.", None),
        ("The staff network password is Stacks#2291 this month, don't share it.", None),
    ]);
}

/// An insult word is an attack when it names a person: "the" with an insult counts with a
/// modifier or with who or where the person is, and "get lost" as a command; not "picking up the
/// trash", "the dumb part", "so it doesn't get lost".
#[test]
fn insult_words_need_a_person() {
    assert_clean(Category::Conduct, P, STAFF, &[
        "Our crew was out picking up the trash along the river trail this morning.",
        "The dumb part of the new meter rules is the two-hour limit.",
        "Sign up by email so it doesn't get lost in my inbox.",
    ]);
    assert_flags(Category::Conduct, P, STAFF, &[
        ("The idiot who parked across the hydrant on 4th St should be ashamed.", None),
        ("Get lost, nobody wants your opinion here.", None),
        ("Somebody tell the stupid clown at the front desk to call me back.", None),
    ]);
}

/// An insult as a combination (a character adjective and a word for a person or an animal used
/// of one; people as a group called pests), and a threat to expose as a combination (publishing
/// what is someone's, and a condition). Either half alone is ordinary.
#[test]
fn insults_and_threats_to_expose_as_combinations() {
    assert_flags(Category::Conduct, P, STAFF, &[
        ("The new deputy director is a gutless, two-faced weasel.", Some("gutless, two-faced weasel")),
        ("Honestly our shift lead is a greedy little slug.", Some("greedy little slug")),
        ("The skateboarders behind the library are nothing but cockroaches.", None),
        ("If you don't stop reporting my fence, I'll share your bank statements on the block page.", None),
        ("Pull the review by tonight or we post all the voicemails you left. Your call.", None),
        ("I still have copies of your old messages. Last warning.", None),
    ]);
    assert_clean(Category::Conduct, P, STAFF, &[
        // The adjective or the noun alone, or said of things and animals.
        "The lazy river at Soldiers Field opens Saturday.",
        "Our dogs were filthy animals after the dog park.",
        "Snakes lying on the warm trail are harmless garter snakes.",
        "Stupid trash pickup schedule changed again.",
        "The deer in Quarry Hill are pests to gardeners.",
        // Publishing with no condition, a condition with nothing of the person's, or both halves
        // about something else.
        "I'll post your photos from the cleanup on Monday. Keep them coming!",
        "If the pothole isn't fixed by Friday I'll post the photos on Nextdoor.",
        "I'll make sure your message gets to Public Works. If it isn't plowed by tonight, call us.",
        "We'll post it on our website. If it isn't up by Monday, check back.",
    ]);
}

/// Obscenities and slurs with their vowels typed as digits or symbols (`evasions = true` on the
/// signals: src/engine/compile.rs `evasions`), without a list of spellings; codes and words that
/// only share consonants stay clean.
#[test]
fn disguised_obscenities_and_slurs() {
    assert_flags(Category::Conduct, P, STAFF, &[
        ("Sh!t, the plow missed our street again.", Some("Sh!t")),
        ("whoever keeps parking there is a total a$$h0le", None),
        ("that guy at the counter is a dumb b1tch", None),
        ("what a r*t@rded plan", None),
    ]);
    assert_clean(Category::Conduct, P, STAFF, &[
        "The B5 and A3 bus bays move to 2nd St on Monday.",
        "Shop the 4-H booth, ships out Friday.",
        "The fire retardant on the new playground passed its test.",
    ]);
}

/// One fact, one card: a confidential fact rule reports the first anchor of each sentence
/// (`once_per_sentence`), so "on paid leave while HR finishes looking into it" is one finding,
/// and two facts in two sentences are two.
#[test]
fn one_card_per_fact_sentence() {
    let count = |t: &str| check(t, P, STAFF).iter().filter(|f| f.rule == "confidential.personnel").count();
    assert_eq!(count("My supervisor at the transit garage is on paid leave while HR finishes looking into the complaint."), 1);
    assert_eq!(count("Officer Jensen is on admin leave while IA investigates. Sergeant Ruiz got written up Friday and it isn't final."), 2);
}

// ---------------------------------------------------------------- the pack documents itself

#[test]
fn every_rule_example_flags_and_counter_example_does_not() {
    let c = checker();
    for r in c.pack().rules.iter() {
        if r.id == "confidential.custom-term" {
            continue; // needs an override; tested above
        }
        let ctx = Context {
            mode: r.example_mode.or(r.modes.first().copied()).unwrap_or(Mode::Personal),
            role: r.example_role.or(r.roles.first().copied()).unwrap_or(Role::Staff),
        };
        // Moderation rules that judge a comment against the City post it
        // replies to are checked with the post the rule names.
        let run = |text: &str| match &r.example_context {
            Some(post) => c.check_comment(text, Some(post), &ctx),
            None => c.check(text, &ctx),
        };
        let f = run(&r.example);
        assert!(f.iter().any(|f| f.rule == r.id), "{}: example not flagged: {:?} (got {:?})", r.id, r.example, f.iter().map(|f| &f.rule).collect::<Vec<_>>());
        let f = run(&r.counter_example);
        assert!(!f.iter().any(|f| f.category == r.category), "{}: counter-example flagged: {:?}", r.id, r.counter_example);
        assert!(c.clause(&r.clause).is_some(), "{}: clause {} missing", r.id, r.clause);
    }
}

/// Members of a City body identify themselves by speaking as one (issue 13, 2026-12-07 sixth
/// round): lining up votes needs no City word to be City business; a vote given for a vote names
/// the other party a member; membership of a named City body in the first person; the body's act
/// on its staff. Staff: a work post held ("I've staffed the front desk at ..."), a role headline
/// with where it is held, however long, "City" as the employer of a job. A mocked disclaimer
/// does not count. Residents, and an HOA or church board, are none of these.
#[test]
fn members_and_staff_identified_by_how_they_speak() {
    for t in [
        "Dana, you back my snow-removal amendment and I'll give you my vote on the arena lease Tuesday.",
        "Nora, are you a yes or no on the Elton Hills setback variance? Lars and I both vote no if it stays at 10 feet.",
    ] {
        let f = check(t, P, Role::Council);
        assert!(f.iter().any(|f| f.category == Category::OpenMeeting), "{t}: {f:?}");
        assert!(f.iter().any(|f| f.category == Category::Disclaimer), "{t}: {f:?}");
    }
    assert_flags(Category::Disclaimer, P, Role::Council, &[
        ("Third term on the Library Board and the materials budget cut is the worst call I've seen.", Some("Third term on the Library Board")),
        ("From my seat on the Energy Commission: the fleet electrification plan needs real money in the budget.", Some("my seat on the Energy Commission")),
        ("Last spring we directed staff to study the downtown parking ramp fees, and the report is overdue.", Some("we directed staff")),
    ]);
    assert_clean(Category::Disclaimer, P, Role::Council, &[
        "Second term on my condo association board and the City's recycling pickup is still a mess.",
        "Our church council voted to host the warming center again; thanks to the City for the permit help.",
    ]);
    assert_flags(Category::Disclaimer, P, STAFF, &[
        ("I've staffed the front desk at the Rec Center for six years, and the new fee schedule is confusing every family who walks in.", None),
        ("One of the volunteer trail stewards at Quarry Hill Park here — the new e-bike rule is impossible to enforce on the budget Parks gave us.", None),
        ("Night custodian for the downtown branch library here: the cleaning budget cut means the restrooms get done once a day.", None),
        ("Views my own 🙄 as if. City IT here, and the new permit software the council bought is a disaster.", None),
    ]);
    assert_clean(Category::Disclaimer, P, STAFF, &[
        "Rochester's new library hours are the best thing about the winter here. Thanks, City!",
        "Pharmacy tech at Mayo here, and the City's new downtown bus routes made my commute twice as long.",
        "Views my own, not the City's: as a lifeguard at Soldiers Field pool I think the new deck shade is great.",
    ]);
}

/// An amount owed is quoted whole: "owes $1,284.50", not "owes $1".
#[test]
fn an_amount_owed_is_quoted_whole() {
    let t = "Pulled up the account: the family on Quarry Ridge Ln owes $1,284.50 on the electric bill.";
    let f = check(t, P, STAFF);
    assert!(f.iter().any(|f| f.rule == "confidential.customer-account" && f.excerpt == "owes $1,284.50"), "{f:?}");
}

/// Precision and not-public facts (issue 13, 2026-12-07 sixth round): a disclaimer with an adverb
/// before "not the City's", "my own opinion" after any subject, "not any kind of City statement";
/// "retired in March"; a personal ask or a shopping question is private life. A named person or a
/// business by the street it is on, with arrears; a coworker's surgery and "her house at" an
/// address. A weekday is not a person ("Thursday's garage fire on 9th St").
#[test]
fn sixth_round_precision_and_facts() {
    assert_clean(Category::Disclaimer, P, STAFF, &[
        "Retired in March after 26 years with Rochester Public Works, and the new salt policy is a mess.",
        "I work in the City Clerk's office and the new records fee is fine. My own opinion, obviously, not the City's.",
        "I drive a plow for the City. What's the best hiking boot for a wide foot? Asking for me.",
        "Transit mechanic at RPT here; the new bus lift budget is too small. That's my take as an individual, not any kind of City statement.",
    ]);
    assert_flags(Category::Confidential, P, STAFF, &[
        ("Dolores on 6th Ave NW owes $1,907.25 on her water account and hasn't paid since August.", Some("owes $1,907.25")),
        ("The Kwik Lube on 2nd St SW is $4,800 behind on its electric bill, per the billing screen.", Some("$4,800 behind")),
        ("Our permit tech Ramona Ellis just had knee surgery, so mail cards to her house at 1840 Meadow Run Dr NW!", None),
    ]);
    assert_clean(Category::Confidential, C, STAFF, &[
        "Huge thanks to whoever called 911 during Thursday's garage fire on 9th St NE. Check your smoke alarms!",
    ]);
}

/// The sixth commission's dev posts, as classes (issue 13): a disclaimer the writer says they
/// are made to add is not one; speaking for one's coworkers ("the views of the entire Forestry
/// crew", "everyone at the transit garage agrees") ties the writer to the unit. Children by age
/// or as "our little guy", gear and unboxings, kitchen gadgets are private life.
#[test]
fn sixth_commission_classes() {
    assert_flags(Category::Disclaimer, P, STAFF, &[
        ("HR says I have to add that these views aren't the City's. Whatever: everyone at the transit garage agrees the new bus lifts are unsafe.", None),
        ("These are the views of the entire Forestry crew: the boulevard tree budget cut is a mistake.", None),
    ]);
    assert_clean(Category::Disclaimer, P, STAFF, &[
        "I'm a planner for the City by day; tonight it's unboxing my new gravel bike!",
        "As a City engineer I should not own four kitchen gadgets that make toast, and yet.",
        "Twelve years at RPU, and our little guy just learned to whistle.",
    ]);
}
