//! `postguard audit` on synthetic exports built from the platforms' documented
//! structures (tests/audit/fixtures/, folders; the zip and tar.gz forms are
//! made from those folders at run time, so no binary file is committed and
//! the archives can never drift from the folders).

use postguard::{Checker, Context, Mode, Role};
use serde_json::Value;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/audit/fixtures");

fn fixture(p: &str) -> String {
    format!("{FIX}/{p}")
}

fn audit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postguard")).arg("audit").args(args).output().expect("run postguard")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

/// The items (not the `{"line","error"}` lines).
fn items(o: &Output) -> Vec<Value> {
    lines(o).into_iter().filter(|v| v.get("text").is_some()).collect()
}

fn texts(items: &[Value]) -> Vec<&str> {
    items.iter().map(|v| v["text"].as_str().unwrap()).collect()
}

fn field<'a>(items: &'a [Value], key: &str) -> Vec<&'a str> {
    items.iter().map(|v| v[key].as_str().unwrap_or("")).collect()
}

/// Every item's findings are exactly what `check` gives for its text, in
/// `ctx` (the engine call, serialised as `check --jsonl` and `check --format json` do).
fn assert_findings_match_check(items: &[Value], ctx: Context) {
    let checker = Checker::rochester();
    for it in items {
        let text = it["text"].as_str().unwrap();
        let want = serde_json::to_value(checker.check(text, &ctx)).unwrap();
        assert_eq!(it["findings"], want, "findings for {text:?}");
    }
}

/// The same through the CLI: `postguard check --format json` on the decoded text.
fn assert_cli_check_agrees(it: &Value, mode: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postguard"))
        .args(["check", "--format", "json", "--mode", mode, "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(it["text"].as_str().unwrap().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(it["findings"], v);
}

fn is_iso(d: &str) -> bool {
    chrono_like(d)
}

// YYYY-MM-DDTHH:MM:SSZ
fn chrono_like(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

fn personal() -> Context {
    Context { mode: Mode::Personal, role: Role::Staff }
}

/// A post over 280 characters: tweets.js has it cut short ("…" and a t.co
/// link), data/note-tweet.js has all of it.
const LONG: &str = "Long thread about the winter parking plan. We have been working on this for months and I want to walk through every part of it: \
the odd-even rules, the snow emergency routes, the tow lots, the new signs on Broadway, and the text alerts that you can sign up for today. \
If anything is unclear, email me at pat.example@rochestermn.gov and I will answer.";

#[test]
fn x_archive_folder() {
    let o = audit(&[&fixture("x")]);
    assert_eq!(o.status.code(), Some(1), "an error-severity finding (a City email) exits 1: {}", stderr(&o));
    assert!(o.stderr.is_empty(), "quiet when standard error is not a terminal: {}", stderr(&o));
    let it = items(&o);
    // 3 + 2 + 2 tweets in three part files (the last ends in ";"); the retweet is left out, and likes are not items.
    assert_eq!(
        texts(&it),
        [
            "Parks & Rec crew did great today <3 Questions? Email me at pat.example@rochestermn.gov",
            "@levywatcher You're an idiot if you think the levy is too high.",
            "As a City of Rochester snowplow driver I can tell you the new routes are a mess.",
            "Farmers market opens Saturday! https://t.co/AbCdEf1234",
            "Vote for Kim Norton on Tuesday! >> polls open at 7",
            LONG,
        ]
    );
    let base = "twitter-2024-05-01-synthetic/data/";
    assert_eq!(
        field(&it, "file"),
        [format!("{base}tweets.js"), format!("{base}tweets.js"), format!("{base}tweets-part1.js"), format!("{base}tweets-part1.js"), format!("{base}tweets-part2.js"), format!("{base}tweets-part2.js")]
    );
    assert_eq!(field(&it, "kind"), ["post", "reply", "post", "post", "post", "post"]);
    assert_eq!(field(&it, "source"), ["x"; 6]);
    // The long post's whole text (from note-tweet.js): the City email is in the part tweets.js cut off.
    assert_eq!(it[5]["findings"][0]["rule"], "city-email.address");
    assert_eq!(it[0]["id"], "1600000000000000001");
    assert_eq!(it[0]["date"], "2023-01-10T15:04:05Z");
    assert_eq!(it[0]["url"], "https://x.com/pat_example/status/1600000000000000001", "the user name comes from data/account.js");
    assert!(field(&it, "date").iter().all(|d| is_iso(d)));
    assert_findings_match_check(&it, personal());
    assert_eq!(it[0]["findings"][0]["rule"], "city-email.address");
    assert_eq!(it[1]["findings"][0]["category"], "conduct");
    assert_cli_check_agrees(&it[0], "personal");
}

#[test]
fn facebook_export_repairs_mojibake() {
    let o = audit(&[&fixture("facebook")]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let it = items(&o);
    // 4 posts (one photo-only, left out) and 2 comments.
    assert_eq!(
        texts(&it),
        [
            "If that inspector shows up again I\u{2019}ll kill him.",
            "Congrats on the new job 🎉🎉",
            "Café Steam on Broadway 😀 — Questions? Email me at pat.example@rochestermn.gov",
            "Our coworker Dan has been diagnosed with cancer, keep him in your thoughts. 🙏",
            "Great turnout at the Thursdays on First naïve art booth!",
        ]
    );
    assert_eq!(field(&it, "kind"), ["comment", "comment", "post", "post", "post"]);
    assert_eq!(field(&it, "date"), ["2023-04-15T00:00:00Z", "2023-05-01T00:00:00Z", "2023-01-10T16:00:00Z", "2023-03-01T00:00:00Z", "2023-04-01T00:00:00Z"]);
    assert!(it.iter().all(|v| v.get("url").is_none()), "Facebook's export has no post links");
    assert_findings_match_check(&it, personal());
    // The span points into the repaired text: after "Café … 😀 — ", in UTF-16 and bytes alike.
    let f = &it[2]["findings"][0];
    assert_eq!(f["rule"], "city-email.address");
    let text = it[2]["text"].as_str().unwrap();
    let (bs, be) = (f["byte_start"].as_u64().unwrap() as usize, f["byte_end"].as_u64().unwrap() as usize);
    assert_eq!(&text[bs..be], "pat.example@rochestermn.gov");
    let prefix16 = text[..bs].encode_utf16().count();
    assert_eq!(f["start"].as_u64().unwrap() as usize, prefix16);
    assert_eq!(it[0]["findings"][0]["rule"], "conduct.threat");
    assert_eq!(it[3]["findings"][0]["rule"], "confidential.medical");
}

#[test]
fn instagram_export() {
    let o = audit(&[&fixture("instagram"), "--mode", "city"]);
    let it = items(&o);
    assert_eq!(
        texts(&it),
        [
            "The Republicans in St. Paul are ruining local government aid.",
            "Beautiful shot ❤\u{fe0f}",
            "Bunch of retards running that meeting.",
            "Joe's Pizza is the best pizza in town, use code ROCHESTER for 20% off! 🍕",
            "Sweet corn season 🌽 naïve little garden",
        ]
    );
    assert_eq!(field(&it, "kind"), ["comment", "comment", "comment", "post", "post"]);
    assert_eq!(field(&it, "date")[3], "2023-01-11T15:13:20Z");
    assert_findings_match_check(&it, Context { mode: Mode::City, role: Role::Staff });
    // City mode: the partisan comment and the endorsement are flagged.
    assert_eq!(it[0]["findings"][0]["category"], "political");
    assert_eq!(it[3]["findings"][0]["category"], "endorsement");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn linkedin_export() {
    let o = audit(&[&fixture("linkedin")]);
    assert_eq!(o.status.code(), Some(0), "warnings only: {}", stderr(&o));
    let it = items(&o);
    assert_eq!(
        texts(&it),
        [
            "Honestly, I think the new parking ramp is a waste of money.",
            "Congratulations, Sam!",
            "Proud of our team.\r\n\"Speaking on behalf of the City: the Broadway bridge will reopen Friday.\"",
            "We're hiring engineers, apply at rochestermn.gov/jobs",
        ],
        "the media-only share has no text and is left out"
    );
    assert_eq!(field(&it, "kind"), ["comment", "comment", "post", "post"]);
    assert_eq!(field(&it, "id")[2], "urn:li:share:7031000000000000001");
    assert_eq!(field(&it, "url")[2], "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7031000000000000001");
    assert_eq!(field(&it, "date")[2], "2023-02-14T16:20:00Z");
    assert_findings_match_check(&it, personal());
    let rules: Vec<&str> = it[2]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"official-position.claim"), "{rules:?}");
}

#[test]
fn mastodon_archive_folder() {
    let o = audit(&[&fixture("mastodon")]);
    let it = items(&o);
    // 6 activities: a boost and a direct message are left out.
    assert_eq!(
        texts(&it),
        [
            "Snow day notes:\nplows out at 4am\nroutes posted & updated\n\nQuestions? Email me at pat.example@rochestermn.gov",
            "council meeting rant\nBunch of retards running that meeting.",
            "@sam This fucking snow will never end.",
            "Followers only: see https://example.com/x?a=1&b=2 1 < 2",
        ]
    );
    assert_eq!(field(&it, "kind"), ["post", "post", "reply", "post"]);
    assert_eq!(field(&it, "date"), ["2023-01-15T14:00:00Z", "2023-02-20T19:30:00Z", "2023-03-10T08:00:00Z", "2023-04-01T10:00:00Z"]);
    assert_eq!(field(&it, "url")[0], "https://mastodon.example/@pat/110000000000000001");
    assert_findings_match_check(&it, personal());
    assert_eq!(o.status.code(), Some(1));
}

// ---- archives made from the folders ----------------------------------------

fn tmp(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("audit");
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out)
        } else if p.file_name().unwrap() != ".gitattributes" {
            out.push(p)
        }
    }
    out.sort();
}

fn make_zip(folder: &str, dest: &Path) {
    let root = Path::new(FIX).join(folder);
    let mut files = Vec::new();
    walk(&root, &mut files);
    let mut z = zip::ZipWriter::new(File::create(dest).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for f in files {
        let name = f.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        z.start_file(name, opts).unwrap();
        z.write_all(&std::fs::read(&f).unwrap()).unwrap();
    }
    z.finish().unwrap();
}

fn make_tar_gz(folder: &str, dest: &Path) {
    let root = Path::new(FIX).join(folder);
    let gz = flate2::write::GzEncoder::new(File::create(dest).unwrap(), flate2::Compression::default());
    let mut t = tar::Builder::new(gz);
    let mut files = Vec::new();
    walk(&root, &mut files);
    for f in files {
        t.append_path_with_name(&f, f.strip_prefix(&root).unwrap()).unwrap();
    }
    t.into_inner().unwrap().finish().unwrap();
}

#[test]
fn zip_and_tar_gz_give_the_same_items_as_the_folders() {
    for folder in ["x", "facebook", "instagram", "linkedin", "mastodon"] {
        let want = audit(&[&fixture(folder)]);
        // Names say nothing: the zip is called .bin, the tar.gz .dat.
        let z = tmp(&format!("{folder}-export.bin"));
        make_zip(folder, &z);
        let got = audit(&[z.to_str().unwrap()]);
        assert_eq!(String::from_utf8_lossy(&got.stdout), String::from_utf8_lossy(&want.stdout), "zip of {folder}: {}", stderr(&got));
        assert_eq!(got.status.code(), want.status.code());
        let t = tmp(&format!("{folder}-export.dat"));
        make_tar_gz(folder, &t);
        let got = audit(&[t.to_str().unwrap()]);
        // A tar file is read in archive order, one pass: the same lines, maybe in another order.
        let sorted = |o: &Output| {
            let mut v: Vec<String> = String::from_utf8_lossy(&o.stdout).lines().map(str::to_string).collect();
            v.sort();
            v
        };
        assert_eq!(sorted(&got), sorted(&want), "tar.gz of {folder}: {}", stderr(&got));
        assert_eq!(got.status.code(), want.status.code());
    }
}

#[test]
fn several_exports_in_one_run() {
    let o = audit(&[&fixture("x"), &fixture("mastodon")]);
    let it = items(&o);
    assert_eq!(it.len(), 6 + 4);
    assert_eq!(field(&it, "source")[6..], ["mastodon"; 4]);
}

// ---- damage and unknown input --------------------------------------------------

#[test]
fn damaged_file_is_named_and_the_rest_is_kept() {
    let o = audit(&[&fixture("x-damaged")]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("archive/data/tweets-part1.js") && err.contains("damaged file"), "{err}");
    let it = items(&o);
    // tweets.js (2) and tweets-part2.js (1) whole; from part1, the tweet before the damage.
    assert_eq!(
        texts(&it),
        ["Email me at pat.example@rochestermn.gov", "Nice day at Silver Lake", "This fucking snow will never end.", "Speaking on behalf of the City: the Broadway bridge will reopen Friday."]
    );
    assert_findings_match_check(&it, personal());
    // In the report too.
    let html = tmp("damaged.html");
    let o = audit(&[&fixture("x-damaged"), "--format", "html", "--out", html.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("id=\"problems\"") && page.contains("archive&#x2F;data&#x2F;tweets-part1.js"), "the report lists the damaged file");
}

#[test]
fn damaged_zip_and_wrong_content_in_a_known_file() {
    // A zip cut short: exit 2 naming it.
    let z = tmp("cut.zip");
    make_zip("x", &z);
    let bytes = std::fs::read(&z).unwrap();
    let cut = tmp("cut-short.zip");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let o = audit(&[cut.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cut-short.zip"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    // A tweets.js that is not X's format.
    let d = tmp("wrong-x");
    std::fs::create_dir_all(d.join("data")).unwrap();
    std::fs::write(d.join("data/tweets.js"), "console.log('hello')").unwrap();
    std::fs::write(d.join("data/tweets-part1.js"), "window.YTD.tweets.part1 = [{\"tweet\": {\"id_str\": \"1\", \"full_text\": \"ok &amp; fine\", \"created_at\": \"Tue Jan 10 15:04:05 +0000 2023\"}}, {\"tweet\": {\"id_str\": \"2\"}}]").unwrap();
    let o = audit(&[d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("data/tweets.js") && err.contains("window.YTD.tweets.partN"), "{err}");
    assert!(err.contains("data/tweets-part1.js: item 2 skipped"), "one bad item is reported: {err}");
    assert_eq!(texts(&items(&o)), ["ok & fine"], "and the good item is kept");
}

#[test]
fn unknown_input_is_exit_2_naming_it() {
    let o = audit(&[&fixture("unknown")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("fixtures/unknown: not a known export"), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "nothing is written before every PATH is recognised");
    let o = audit(&[&fixture("x"), &fixture("unknown/notes/readme.txt")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("readme.txt: not a known export"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let o = audit(&[&fixture("does-not-exist")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does-not-exist"));
}

// ---- JSONL and CSV input ---------------------------------------------------------

#[test]
fn jsonl_input_reports_bad_lines_and_keeps_the_rest() {
    let o = audit(&[&fixture("plain/posts.jsonl")]);
    assert_eq!(o.status.code(), Some(2), "bad lines exit 2, as in check --jsonl");
    let all = lines(&o);
    let bad: Vec<(u64, &str)> = all.iter().filter(|v| v.get("error").is_some()).map(|v| (v["line"].as_u64().unwrap(), v["error"].as_str().unwrap())).collect();
    assert_eq!(bad.len(), 3, "{bad:?}");
    assert_eq!(bad[0].0, 4);
    assert!(bad[1].1.contains("mode") && bad[2].1.contains("date"), "{bad:?}");
    let it = items(&o);
    assert_eq!(texts(&it), ["Email me at pat.example@rochestermn.gov", "Vote for Kim Norton on Tuesday!", "Ice rink open at Soldiers Field"]);
    assert_eq!(field(&it, "date"), ["2023-05-01T15:00:00Z", "", "2023-05-02T00:00:00Z"]);
    assert_eq!(it[1]["date"], Value::Null);
    assert_eq!(it[0]["id"], 1);
    assert_eq!(field(&it, "kind"), ["post", "reply", "post"]);
    // Line 2 asks for city mode: a partisan post is flagged there.
    assert_eq!(it[1]["findings"], serde_json::to_value(Checker::rochester().check("Vote for Kim Norton on Tuesday!", &Context { mode: Mode::City, role: Role::Staff })).unwrap());
    assert_eq!(it[1]["findings"][0]["category"], "political");
    assert_findings_match_check(&[it[0].clone(), it[2].clone()], personal());
}

#[test]
fn csv_input_reports_bad_rows() {
    let o = audit(&[&fixture("plain/posts.csv")]);
    assert_eq!(o.status.code(), Some(2));
    let all = lines(&o);
    let bad: Vec<&Value> = all.iter().filter(|v| v.get("error").is_some()).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0]["line"], 3);
    assert_eq!(bad[0]["error"], "expected 5 fields, found 4");
    let it = items(&o);
    assert_eq!(texts(&it), ["Her SSN is 212-45-5530, can someone in HR fix the form?", "Multi-line\r\ntext, quoted \"like this\""]);
    assert_eq!(field(&it, "id"), ["c1", "c3"]);
    assert_eq!(field(&it, "kind"), ["post", "comment"]);
    assert_findings_match_check(&it, personal());
}

// ---- outputs ------------------------------------------------------------------------

#[test]
fn csv_output_has_one_row_per_finding() {
    let o = audit(&[&fixture("x"), &fixture("facebook"), "--format", "csv"]);
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(rdr.headers().unwrap().iter().collect::<Vec<_>>(), ["source", "file", "id", "date", "kind", "url", "rule", "category", "severity", "clause", "start", "end", "excerpt", "message"]);
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let j = items(&audit(&[&fixture("x"), &fixture("facebook")]));
    let n: usize = j.iter().map(|v| v["findings"].as_array().unwrap().len()).sum();
    assert_eq!(rows.len(), n);
    let email = rows.iter().find(|r| &r[1] == "twitter-2024-05-01-synthetic/data/tweets.js" && &r[6] == "city-email.address").unwrap();
    assert_eq!(&email[3], "2023-01-10T15:04:05Z");
    assert_eq!(&email[12], "pat.example@rochestermn.gov");
    assert_eq!(&email[9], "city.g.email");
    // A cell a spreadsheet would run as a formula is written as text.
    let d = tmp("formula.jsonl");
    std::fs::write(&d, "{\"id\": \"=1+1\", \"text\": \"Email me at jdoe@rochestermn.gov\"}\n").unwrap();
    let o = audit(&[d.to_str().unwrap(), "--format", "csv"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains(",'=1+1,"), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn html_report_is_self_contained_and_escaped() {
    let out = tmp("report.html");
    let o = audit(&[&fixture("x"), &fixture("facebook"), &fixture("mastodon"), "--format", "html", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "--out writes the file only");
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-"));
    for outside in ["<link", "src=", "url(", "@import", "http-equiv=\"refresh\""] {
        assert!(!page.contains(outside), "no outside resource ({outside})");
    }
    // Every flagged item, once: count them against the JSONL run.
    let j = items(&audit(&[&fixture("x"), &fixture("facebook"), &fixture("mastodon")]));
    let flagged = j.iter().filter(|v| !v["findings"].as_array().unwrap().is_empty()).count();
    assert_eq!(page.matches("<article class=\"item").count(), flagged);
    // Post text is escaped ("<3" in a tweet), and the flagged words are marked.
    assert!(page.contains("did great today &lt;3"));
    assert!(page.contains("<mark class=\"c-city-email\" title=\"city-email.address\">pat.example@rochestermn.gov</mark>"));
    // The clause is quoted from the policy, and the original post linked.
    let clause = Checker::rochester().clause("city.g.email").unwrap().text.clone();
    assert!(page.contains(&*html_escape::encode_safe(&clause)));
    assert!(page.contains("href=\"https:&#x2F;&#x2F;x.com&#x2F;pat_example&#x2F;status&#x2F;1600000000000000001\""));
    // The timeline and the filters.
    assert!(page.contains("<svg class=\"chart\"") && page.contains("<title>Jan 2023, city-email: 3</title>"), "three City emails in January 2023 (X, Facebook, Mastodon)");
    assert!(page.contains("name=\"cat\" value=\"conduct\""));
}

#[test]
fn since_and_until_select_by_date() {
    let o = audit(&[&fixture("x"), "--since", "2023-02-01", "--until", "2023-05-06"]);
    let it = items(&o);
    assert_eq!(field(&it, "date"), ["2023-02-03T22:15:00Z", "2023-03-06T06:30:00Z", "2023-05-06T13:00:00Z"], "--until includes its whole day");
    let o = audit(&[&fixture("x"), "--since", "last week"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("last week"));
}

#[test]
fn a_jsonl_file_is_known_by_its_contents_not_its_name() {
    let d = tmp("posts.zip");
    std::fs::copy(fixture("plain/posts.jsonl"), &d).unwrap();
    let o = audit(&[d.to_str().unwrap()]);
    assert_eq!(items(&o).len(), 3);
}

#[test]
fn hostile_text_and_links_stay_text_in_the_report() {
    let out = tmp("hostile.html");
    let o = audit(&[&fixture("plain/hostile.jsonl"), "--format", "html", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let page = std::fs::read_to_string(&out).unwrap();
    assert_eq!(page.matches("<article class=\"item").count(), 2);
    assert_eq!(page.matches("<script").count(), 1, "only the report's own script");
    assert_eq!(page.matches("<style").count(), 1, "only the report's own style");
    assert!(!page.contains("<img") && !page.contains("</article><style>"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!page.contains("javascript:"), "a javascript: URL is never a link");
    assert!(page.contains("href=\"https:&#x2F;&#x2F;example.com&#x2F;&quot;&gt;&lt;script&gt;"), "an https URL is linked, escaped");
}

#[test]
fn a_media_only_part_of_a_split_facebook_download_is_not_an_error() {
    let d = tmp("fb-part-2");
    std::fs::create_dir_all(d.join("your_facebook_activity/posts/media/Album_1")).unwrap();
    std::fs::write(d.join("your_facebook_activity/posts/media/Album_1/1.jpg"), b"\xff\xd8\xff").unwrap();
    let o = audit(&[&fixture("facebook"), d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("media only"), "{}", stderr(&o));
    assert_eq!(items(&o).len(), 5);
    // An export in HTML format is refused with the way out.
    let h = tmp("fb-html");
    std::fs::create_dir_all(h.join("your_facebook_activity/posts")).unwrap();
    std::fs::write(h.join("your_facebook_activity/posts/your_posts_1.html"), "<html></html>").unwrap();
    let o = audit(&[h.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Format: JSON"), "{}", stderr(&o));
}

// ---- others' public comments on a City account's posts ---------------------

#[test]
fn public_comments_are_moderated_for_a_city_account() {
    let post = "Snow emergency tonight at 10 p.m. No parking on even sides of streets until plowing is done.";
    let path = tmp("comments.jsonl");
    let lines = [
        serde_json::json!({"id": "p1", "text": post, "kind": "post"}),
        serde_json::json!({"id": "c1", "text": "This council is a joke and the plow crews are useless.", "kind": "public-comment", "context": post}),
        serde_json::json!({"id": "c2", "text": "Great deals on sneakers at kickzoutlet.shop", "kind": "public-comment", "context": post}),
        serde_json::json!({"id": "c3", "text": "Her SSN is 212-45-5530", "kind": "public-comment"}),
    ];
    std::fs::write(&path, lines.iter().map(|l| l.to_string() + "\n").collect::<String>()).unwrap();
    let o = audit(&[path.to_str().unwrap(), "--mode", "city"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let it = items(&o);
    assert_eq!(field(&it, "kind"), ["post", "public-comment", "public-comment", "public-comment"]);
    assert_eq!(it[1]["findings"], serde_json::json!([]), "a harsh opinion is not flagged");
    assert_eq!(it[2]["findings"][0]["rule"], "moderation.unrelated-link");
    assert_eq!(it[3]["findings"][0]["rule"], "moderation.private-info", "never confidential");
    assert_eq!(it[3]["findings"][0]["excerpt"], "SSN is ***********");
    // The same through check_comment.
    let checker = Checker::rochester();
    let ctx = Context { mode: Mode::City, role: Role::Staff };
    assert_eq!(it[2]["findings"], serde_json::to_value(checker.check_comment("Great deals on sneakers at kickzoutlet.shop", Some(post), &ctx)).unwrap());
    // The HTML report shows them as for review.
    let html = tmp("comments.html");
    let o = audit(&[path.to_str().unwrap(), "--mode", "city", "--format", "html", "--out", html.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("public comment by someone else") && page.contains(">for review</span>"), "report labels");
    assert!(!page.contains(">warning</span> <code>moderation."));
    // A personal account does not moderate: the comments are skipped, each named.
    let o = audit(&[path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(field(&items(&o), "kind"), ["post"]);
    let err = stderr(&o);
    assert!(err.contains("item c1 skipped") && err.contains("--mode city"), "{err}");
    // CSV with a context column.
    let csv = tmp("comments.csv");
    std::fs::write(&csv, format!("id,kind,text,context\nc2,public-comment,Great deals on sneakers at kickzoutlet.shop,\"{post}\"\n")).unwrap();
    let o = audit(&[csv.to_str().unwrap(), "--mode", "city"]);
    assert_eq!(items(&o)[0]["findings"][0]["rule"], "moderation.unrelated-link", "{}", stderr(&o));
}
