//! The command line, as a user runs it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SNOWPLOW: &str = "As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov";

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postguard"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run postguard");
    // A run that stops early (a bad policy file) may close its input before
    // it is written: a broken pipe here is the test's race, not a failure.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

/// A copy of the embedded pack's directory under `dir`, to edit.
fn copy_pack(dir: &std::path::Path) -> std::path::PathBuf {
    let to = dir.join("rochester");
    let _ = std::fs::remove_dir_all(&to);
    for (path, text) in postguard::embedded::embedded_files() {
        let file = to.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    to
}

/// Replace `from` (which must be there) by `to` in a file; the new text.
fn edit_file(file: &std::path::Path, from: &str, to: &str) -> String {
    let src = std::fs::read_to_string(file).unwrap();
    assert!(src.contains(from), "{} has no {from:?}", file.display());
    let out = src.replacen(from, to, 1);
    std::fs::write(file, &out).unwrap();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn snowplow_example_reports_disclaimer_and_city_email() {
    let o = run(&["check", "--mode", "personal", "-"], SNOWPLOW.as_bytes());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("warning[disclaimer.missing]"), "{out}");
    assert!(out.contains("error[city-email.address]"), "{out}");
    assert!(out.contains("clause [personal.disclaimer]") && out.contains("clause [city.g.email]"), "{out}");
    assert!(out.contains("fix: Add the disclaimer") && out.contains("fix: Remove the City address"), "{out}");
    // The same text with the policy's disclaimer reports only city-email.
    let with = format!("{SNOWPLOW} These are my own opinions and do not represent those of the City.");
    let o = run(&["check", "--mode", "personal", "--format", "json", "-"], with.as_bytes());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let cats: Vec<&str> = v.as_array().unwrap().iter().map(|f| f["category"].as_str().unwrap()).collect();
    assert_eq!(cats, ["city-email"]);
}

#[test]
fn clean_post_exits_zero_and_city_mode_allows_city_email() {
    let o = run(&["check", "-"], b"Great turnout at the farmers market today!");
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["check", "--mode", "city", "-"], b"Questions? Email streets@rochestermn.gov");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn jsonl_audit_writes_one_line_per_input() {
    let input = concat!(
        "{\"id\": 1, \"text\": \"Email me at jdoe@rochestermn.gov\"}\n",
        "{\"id\": \"b\", \"text\": \"Nice day\", \"mode\": \"city\", \"role\": \"police\"}\n",
        "\n",
        "{\"id\": 3, \"text\": \"🎉 jdoe@rochestermn.gov\"}\n",
        "not json\n",
        "{\"id\": 5, \"text\": \"x\", \"mode\": \"work\"}\n",
    );
    let o = run(&["check", "--jsonl", "-"], input.as_bytes());
    assert_eq!(o.status.code(), Some(2), "bad lines make the run exit 2");
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["id"], 1);
    let f = &lines[0]["findings"][0];
    for key in ["rule", "category", "severity", "clause", "message", "start", "end", "byte_start", "byte_end"] {
        assert!(!f[key].is_null(), "missing {key}");
    }
    assert_eq!(lines[1]["findings"].as_array().unwrap().len(), 0);
    // UTF-16 offsets after an emoji (2 code units, 4 bytes).
    assert_eq!(lines[2]["findings"][0]["start"], 3);
    assert_eq!(lines[2]["findings"][0]["byte_start"], 5);
    assert_eq!(lines[3]["line"], 5);
    assert!(lines[4]["error"].as_str().unwrap().contains("mode"));
}

#[test]
fn rules_and_explain() {
    let o = run(&["rules"], b"");
    let out = stdout(&o);
    assert!(out.contains("disclaimer.missing") && out.contains("[personal.disclaimer]") && out.contains("e.g. "), "{out}");
    let o = run(&["explain", "city-email.address"], b"");
    let out = stdout(&o);
    assert!(out.contains("What it does") && out.contains("Example (flagged)") && out.contains("Policy clause [city.g.email]"), "{out}");
    let o = run(&["explain", "no.such.rule"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no rule `no.such.rule`"));
}

#[test]
fn bad_policy_file_names_file_line_and_field() {
    let dir = std::env::temp_dir().join(format!("postguard-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("override.toml");
    std::fs::write(&bad, "email_domains = [\"ci.example.gov\"]\ndisable = \"conduct.profanity\"\n").unwrap();
    let o = run(&["check", "--policy", bad.to_str().unwrap(), "-"], b"hello");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("override.toml:2:") && err.contains("field `disable`"), "{err}");
    // A good override adds a domain.
    let good = dir.join("good.toml");
    std::fs::write(&good, "email_domains = [\"ci.example.gov\"]\nconfidential_terms = [\"Project Bluebird\"]\n").unwrap();
    let o = run(&["check", "--policy", good.to_str().unwrap(), "--format", "json", "-"], b"mail a@ci.example.gov about Project Bluebird");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<&str> = v.as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["city-email.address", "confidential.custom-term"]);
    // A full pack with a broken regex names the signal's pattern: in a pack
    // directory, the signal's file, the line and the field in that file...
    let pack_dir = copy_pack(&dir);
    let src = edit_file(&pack_dir.join("signals/threat.toml"), "'''\\bwatch your back\\b''',", "'''\\bwatch (your back''',");
    let line = src.lines().position(|l| l.contains("watch (your back")).unwrap() + 1;
    let o = run(&["check", "--policy", pack_dir.to_str().unwrap(), "-"], b"hello");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains(&format!("rochester/signals/threat.toml:{line}: field `patterns[")), "{err}");
    // ...and in a one-file pack, the file and the field's whole path.
    let pack = dir.join("pack.toml");
    let files: Vec<(&str, &str)> = postguard::embedded::embedded_files().iter().map(|&(p, t)| (p, if p == "signals/threat.toml" { src.as_str() } else { t })).collect();
    std::fs::write(&pack, postguard::pack::join_files(&files)).unwrap();
    let o = run(&["check", "--policy", pack.to_str().unwrap(), "-"], b"hello");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("pack.toml:") && err.contains("signals.threat.patterns["), "{err}");
    // The pack directory as it is checks like the embedded pack.
    let o = run(&["check", "--policy", concat!(env!("CARGO_MANIFEST_DIR"), "/policy/rochester"), "--format", "json", "-"], SNOWPLOW.as_bytes());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<&str> = v.as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["disclaimer.missing", "city-email.address"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn input_errors_exit_two() {
    let o = run(&["check", "-"], &[0x66, 0xff, 0x66]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not UTF-8"));
    let o = run(&["check", "/no/such/file"], b"");
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["check", "--mode", "work", "-"], b"");
    assert_eq!(o.status.code(), Some(2));
}

/// `check --trace` (README, ARCHITECTURE.md) prints each signal's hits before the findings;
/// it panicked on every input until its scratch buffers were sized like check's.
#[test]
fn trace_prints_signal_hits() {
    let o = run(&["check", "--trace", "--mode", "personal", "-"], SNOWPLOW.as_bytes());
    let all = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.status.code(), Some(1), "{all}");
    assert!(!all.contains("panicked"), "{all}");
    assert!(all.contains("org_email") && all.contains("jdoe@rochestermn.gov"), "{all}");
    assert!(all.contains("self_id"), "{all}");
    // Then each rule's decision: the disclaimer rule fired on the self-identification; a rule
    // with no anchor says which signal did not match.
    assert!(all.lines().any(|l| l.starts_with("rule   disclaimer.missing") && l.contains("As a City of Rochester snowplow driver") && l.ends_with("finding")), "{all}");
    assert!(all.lines().any(|l| l.starts_with("rule   confidential.ssn") && l.contains("no anchor")), "{all}");
    // With the disclaimer the rule is cancelled, and the trace says by what.
    let with = format!("{SNOWPLOW} These are my own opinions and do not represent those of the City.");
    let o = run(&["check", "--trace", "--mode", "personal", "-"], with.as_bytes());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.lines().any(|l| l.starts_with("rule   disclaimer.missing") && l.contains("cancelled by disclaimer")), "{err}");
    let o = run(&["check", "--trace", "-"], b"hello");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

/// `postguard page-check` (issue 16): one finding per missing statement, as JSON
/// or as diagnostics; `--policy` overrides and packs, with file:line errors.
#[test]
fn page_check() {
    let bio = "Official page of Rochester Public Works. Comments welcome!";
    let o = run(&["page-check", "--format", "json", "-"], bio.as_bytes());
    assert_eq!(o.status.code(), Some(0), "warnings only: {}", stdout(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v.as_array().unwrap();
    let clauses: Vec<&str> = list.iter().map(|f| f["clause"].as_str().unwrap()).collect();
    assert_eq!(clauses, ["city.g.open-records", "city.g.removal", "city.g.visitor-opinions"]);
    for f in list {
        assert_eq!(f["category"], "page-statements");
        assert_eq!((f["start"].as_u64(), f["end"].as_u64()), (Some(bio.len() as u64), Some(bio.len() as u64)));
        let edit = &f["fixes"][0]["edits"][0];
        assert_eq!(edit["start"].as_u64(), Some(bio.len() as u64));
        assert!(edit["replacement"].as_str().unwrap().starts_with(' '));
    }
    // Applying every fix leaves nothing missing.
    let fixed = format!("{bio}{}", list.iter().map(|f| f["fixes"][0]["edits"][0]["replacement"].as_str().unwrap()).collect::<String>());
    let o = run(&["page-check", "-"], fixed.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("no policy findings"), "{}", stdout(&o));
    // Human output names the rule, the clause and the fix; a file argument works.
    let dir = std::env::temp_dir().join(format!("postguard-page-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("about.txt");
    std::fs::write(&file, "Rochester, Minnesota. Events and news.").unwrap();
    let o = run(&["page-check", "--color", "never", file.to_str().unwrap()], b"");
    let out = stdout(&o);
    assert!(out.contains("warning[page-statements.marked]") && out.contains("clause [city.marked]") && out.contains("fix: Add that the page is the City's"), "{out}");
    assert!(out.contains("4 finding(s)"), "{out}");
    // An override may disable a statement or change its severity.
    let o_file = dir.join("o.toml");
    std::fs::write(&o_file, "disable = [\"page-statements.visitor-opinions\"]\n[severity]\n\"page-statements.removal\" = \"error\"\n").unwrap();
    let o = run(&["page-check", "--policy", o_file.to_str().unwrap(), "--format", "json", "-"], bio.as_bytes());
    assert_eq!(o.status.code(), Some(1), "an error-severity finding exits 1");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<&str> = v.as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["page-statements.open-records", "page-statements.removal"]);
    // A City's own pack replaces the model sentence the fix appends.
    let pack = copy_pack(&dir);
    let model = "model = \"Comments and opinions posted by visitors do not necessarily reflect the views of the City of Rochester.\"";
    edit_file(&pack.join("rules/page-statements/visitor-opinions.toml"), model, "model = \"Visitors' comments are their own, not the City's.\"");
    let o = run(&["page-check", "--policy", pack.to_str().unwrap(), "--format", "json", "-"], bio.as_bytes());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let visitors = v.as_array().unwrap().iter().find(|f| f["rule"] == "page-statements.visitor-opinions").unwrap();
    assert_eq!(visitors["fixes"][0]["edits"][0]["replacement"], " Visitors' comments are their own, not the City's.");
    // A broken statement in a pack is an error naming the file, the line and the field.
    let bad = edit_file(&pack.join("rules/page-statements/removal.toml"), "requires = [\"page_removal\", \"page_removal_object\"]", "requires = [\"page_removal\", \"no_such_signal\"]");
    let o = run(&["page-check", "--policy", pack.to_str().unwrap(), "-"], bio.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    let line = bad.lines().position(|l| l.contains("no_such_signal")).unwrap() + 1;
    assert!(err.contains(&format!("rules/page-statements/removal.toml:{line}: field `requires`")) && err.contains("unknown signal `no_such_signal`"), "{err}");
    // A pack without page statements has nothing to check a page for.
    std::fs::remove_dir_all(pack.join("rules/page-statements")).unwrap();
    let top = std::fs::read_to_string(pack.join("pack.toml")).unwrap();
    let top: String = top.lines().filter(|l| !l.contains("\"page-statements.")).map(|l| format!("{l}\n")).collect();
    std::fs::write(pack.join("pack.toml"), top).unwrap();
    let o = run(&["page-check", "--policy", pack.to_str().unwrap(), "-"], bio.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("defines no [[page_statements]]"));
    // `rules` lists the statements, `explain` documents them with their clause.
    let o = run(&["rules"], b"");
    assert!(stdout(&o).contains("page-statements.removal") && stdout(&o).contains("[city.g.removal] page-check"), "{}", stdout(&o));
    let o = run(&["explain", "page-statements.open-records"], b"");
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0));
    assert!(out.contains("Policy clause [city.g.open-records]") && out.contains("Add the public-records statement, which adds:"), "{out}");
    // --trace says where each statement was found.
    let o = run(&["page-check", "--trace", "-"], bio.as_bytes());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("page-statements.marked") && err.contains("\"Official page of Rochester Public Works") && err.contains("missing"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn moderation_mode_from_the_command_line() {
    // A harsh opinion about the City: no finding.
    let o = run(&["check", "--mode", "moderation", "-"], b"This council is a joke and the plow crews are useless.");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("no policy findings"), "{}", stdout(&o));
    // Harassment of a person: for review, a warning (exit 0), citing the clauses.
    let o = run(&["check", "--mode", "moderation", "-"], b"You're an idiot, Dave.");
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("warning[moderation.harassment]") && out.contains("For review") && out.contains("[moderation.1]") && out.contains("[moderation.3]"), "{out}");
    // --context: the City post the comment replies to (for unrelated links).
    let post = std::env::temp_dir().join(format!("postguard-cli-post-{}.txt", std::process::id()));
    std::fs::write(&post, "Snow emergency tonight: no parking on even sides of streets until plowing is done.").unwrap();
    let o = run(&["check", "--mode", "moderation", "--format", "json", "--context", post.to_str().unwrap(), "-"], b"Great deals on sneakers at kickzoutlet.shop");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["rule"], "moderation.unrelated-link");
    assert_eq!(v[0]["category"], "moderation");
    // Without the post the link is not judged.
    let o = run(&["check", "--mode", "moderation", "--format", "json", "-"], b"Great deals on sneakers at kickzoutlet.shop");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap(), serde_json::json!([]));
    // --context outside moderation mode is an error.
    let o = run(&["check", "--mode", "city", "--context", post.to_str().unwrap(), "-"], b"x");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--mode moderation"));
    std::fs::remove_file(&post).ok();
    // JSONL lines {"id","text","mode":"moderation","context"?}.
    let input = concat!(
        "{\"id\": 1, \"text\": \"Great deals on sneakers at kickzoutlet.shop\", \"mode\": \"moderation\", \"context\": \"Snow emergency: no parking on even sides of streets.\"}\n",
        "{\"id\": 2, \"text\": \"Her SSN is 212-45-5530\", \"mode\": \"moderation\"}\n",
        "{\"id\": 3, \"text\": \"Her SSN is 212-45-5530\"}\n",
        "{\"id\": 4, \"text\": \"x\", \"context\": \"a post\"}\n",
    );
    let o = run(&["check", "--jsonl", "-"], input.as_bytes());
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["findings"][0]["rule"], "moderation.unrelated-link");
    assert_eq!(lines[1]["findings"][0]["rule"], "moderation.private-info");
    assert_eq!(lines[1]["findings"][0]["category"], "moderation");
    assert_eq!(lines[2]["findings"][0]["category"], "confidential", "a personal post keeps its own rules");
    assert!(lines[3]["error"].as_str().unwrap().contains("moderation"));
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn accuracy_in_city_mode_from_the_command_line() {
    let post = b"Residents will recieve a postcard in a hour.";
    // City mode: two warnings (exit 0), each with its fix and clause.
    let o = run(&["check", "--mode", "city", "-"], post);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("warning[accuracy.misspelling]") && out.contains("warning[accuracy.article]"), "{out}");
    assert!(out.contains("[city.g.accurate]") && out.contains("replace bytes 15..22 with \"receive\""), "{out}");
    let o = run(&["check", "--mode", "city", "--format", "json", "-"], post);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<&str> = v.as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["accuracy.misspelling", "accuracy.article"]);
    assert_eq!(v[1]["fixes"][0]["edits"][0]["replacement"], "an");
    // Personal mode: not checked.
    let o = run(&["check", "--mode", "personal", "--format", "json", "-"], post);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap(), serde_json::json!([]));
    // Listed and explained like every rule.
    let o = run(&["rules"], b"");
    assert!(stdout(&o).contains("accuracy.repeated-word"), "{}", stdout(&o));
    let o = run(&["explain", "accuracy.misspelling"], b"");
    assert!(stdout(&o).contains("Wikipedia"), "{}", stdout(&o));
}
