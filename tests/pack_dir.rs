//! The pack directory (`policy/rochester/`): the embedded pack is the
//! directory, the one-file form is the same pack, and every problem in a
//! directory is an error naming the file in it, the line and the field.

use postguard::embedded::embedded_files;
use postguard::pack::{join_files, Pack};
use postguard::{Checker, Context, Mode, PackError};
use std::borrow::Cow;
use std::path::Path;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/policy/rochester");

/// The embedded pack's files without `remove` and with `edits` applied:
/// (path, text to replace, replacement); an empty `from` replaces the whole
/// file, or adds it.
fn files(edits: &[(&str, &str, &str)], remove: &[&str]) -> Vec<(String, Cow<'static, str>)> {
    let mut out: Vec<(String, Cow<'static, str>)> = embedded_files().iter().filter(|(p, _)| !remove.contains(p)).map(|&(p, t)| (p.to_string(), Cow::Borrowed(t))).collect();
    for &(path, from, to) in edits {
        match out.iter_mut().find(|(p, _)| p == path) {
            Some((_, text)) if !from.is_empty() => {
                assert!(text.contains(from), "{path} has no {from:?}");
                *text = Cow::Owned(text.replacen(from, to, 1));
            }
            Some((_, text)) => *text = Cow::Owned(to.to_string()),
            None => out.push((path.to_string(), Cow::Owned(to.to_string()))),
        }
    }
    out
}

/// The error loading (and compiling, and building every regex of) a pack.
fn error(edits: &[(&str, &str, &str)], remove: &[&str]) -> PackError {
    let r = Pack::from_files("pk", "", files(edits, remove)).and_then(Checker::new).and_then(|c| c.precompile().map(|_| c));
    match r {
        Ok(_) => panic!("accepted the edits {edits:?}"),
        Err(e) => e,
    }
}

/// The 1-based line of the first line of `path` (after the edits) holding `needle`.
fn line_of(edits: &[(&str, &str, &str)], path: &str, needle: &str) -> usize {
    let f = files(edits, &[]);
    let text = &f.iter().find(|(p, _)| p == path).unwrap().1;
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{path} has no {needle:?}")) + 1
}

fn assert_error(e: &PackError, file: &str, line: Option<usize>, field: &str, message: &str) {
    assert_eq!(e.file, file, "{e}");
    assert_eq!(e.line, line, "{e}");
    assert_eq!(e.field, field, "{e}");
    assert!(e.message.contains(message), "{e}");
}

#[test]
fn the_embedded_pack_is_the_directory() {
    let disk = Checker::new(Pack::from_dir(Path::new(ROOT)).unwrap()).unwrap();
    let embedded = Checker::rochester();
    assert_eq!(disk.rules(), embedded.rules());
    assert_eq!(disk.page_statements(), embedded.page_statements());
    assert_eq!(disk.signal_patterns(), embedded.signal_patterns());
    assert_eq!(disk.pack().lexicons, embedded.pack().lexicons);
    // Every file of the directory is embedded.
    let mut on_disk = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p.strip_prefix(ROOT).unwrap().to_str().unwrap().replace('\\', "/"));
            }
        }
    }
    walk(Path::new(ROOT), &mut on_disk);
    on_disk.sort();
    let embedded: Vec<&str> = embedded_files().iter().map(|(p, _)| *p).collect();
    assert_eq!(on_disk, embedded);
}

#[test]
fn a_rule_file_is_found_from_its_id() {
    let c = Checker::rochester();
    for r in c.rules().iter().map(|r| r.id.clone()).chain(c.page_statements().iter().map(|p| p.id.clone())) {
        let (cat, what) = r.split_once('.').unwrap();
        assert!(Path::new(ROOT).join(format!("rules/{cat}/{what}.toml")).is_file(), "{r}");
    }
    for (name, _) in c.signal_patterns() {
        assert!(Path::new(ROOT).join(format!("signals/{name}.toml")).is_file(), "{name}");
    }
    for name in c.pack().lexicons.keys() {
        assert!(Path::new(ROOT).join(format!("lexicons/{name}.toml")).is_file(), "{name}");
    }
}

#[test]
fn the_one_file_form_is_the_same_pack() {
    let joined = join_files(embedded_files());
    let one = Checker::from_toml(&joined, "joined.toml").unwrap();
    one.precompile().unwrap();
    let dir = Checker::rochester();
    assert_eq!(one.rules(), dir.rules());
    assert_eq!(one.page_statements(), dir.page_statements());
    assert_eq!(one.signal_patterns(), dir.signal_patterns());
    let post = "As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov";
    let ctx = Context { mode: Mode::Personal, ..Context::default() };
    assert_eq!(one.check(post, &ctx), dir.check(post, &ctx));
}

#[test]
fn the_compiled_pack_is_the_pack_the_files_give() {
    // build.rs compiles the files into the bytes the engine starts from
    // (src/pack_bin.rs); read here from the same files by the CLI's loader,
    // the pack encodes to the same bytes, and decoding loses nothing.
    let files = embedded_files().iter().map(|&(p, t)| (p.to_string(), Cow::Borrowed(t))).collect();
    let from_files = Pack::from_files("policy/rochester", "", files).unwrap();
    let compiled = postguard::embedded::compiled();
    assert_eq!(postguard::pack_bin::encode(&from_files), compiled);
    assert_eq!(postguard::pack_bin::encode(&Pack::rochester()), compiled);
    let (a, b) = (Checker::new(from_files).unwrap(), Checker::rochester());
    assert_eq!(a.rules(), b.rules());
    assert_eq!(a.page_statements(), b.page_statements());
    assert_eq!(a.signal_patterns(), b.signal_patterns());
    assert_eq!(a.pack().clause_order, b.pack().clause_order);
    assert_eq!(a.pack().clauses, b.pack().clauses);
    // A cut or altered form is refused, not misread.
    assert!(postguard::pack_bin::decode(&compiled[..compiled.len() - 1]).is_none());
    let mut longer = compiled.to_vec();
    longer.push(0);
    assert!(postguard::pack_bin::decode(&longer).is_none());
}

#[test]
fn syntax_and_type_errors_name_the_file_line_and_field() {
    let edits = [("rules/conduct/threat.toml", "severity = \"error\"", "severity = \"fatal\"")];
    let e = error(&edits, &[]);
    assert_error(&e, "pk/rules/conduct/threat.toml", Some(line_of(&edits, "rules/conduct/threat.toml", "fatal")), "severity", "fatal");
    assert!(e.to_string().starts_with(&format!("pk/rules/conduct/threat.toml:{}:", e.line.unwrap())), "{e}");
    let edits = [("lexicons/dot.toml", "entries = [", "entries = 3\nx = [")];
    let e = error(&edits, &[]);
    assert_eq!((e.file.as_str(), e.line), ("pk/lexicons/dot.toml", Some(line_of(&edits, "lexicons/dot.toml", "entries = 3"))), "{e}");
    let edits = [("signals/ssn.toml", "validate = \"ssn\"", "validate = \"crc32\"")];
    let e = error(&edits, &[]);
    assert_error(&e, "pk/signals/ssn.toml", Some(line_of(&edits, "signals/ssn.toml", "crc32")), "validate", "crc32");
    let edits = [("pack.toml", "[organization]", "[organization]\ncolour = 3")];
    let e = error(&edits, &[]);
    assert_error(&e, "pk/pack.toml", Some(line_of(&edits, "pack.toml", "colour")), "organization.colour", "colour");
}

#[test]
fn a_rule_takes_its_id_and_category_from_its_path() {
    let e = error(&[("rules/conduct/threat.toml", "", "id = \"conduct.threat\"\nseverity = \"error\"\n")], &[]);
    assert_eq!((e.file.as_str(), e.line), ("pk/rules/conduct/threat.toml", Some(1)), "{e}");
    assert!(e.message.contains("come from the file's path"), "{e}");
    let e = error(&[("rules/conduct/threat.toml", "clause =", "category = \"political\"\nclause =")], &[]);
    assert!(e.message.contains("come from the file's path"), "{e}");
    let e = error(&[("rules/nonsense/thing.toml", "", "severity = \"error\"\n")], &[]);
    assert_eq!(e.file, "pk/rules/nonsense/thing.toml");
    assert!(e.message.contains("not a category"), "{e}");
    let e = error(&[("rules/conduct/Bad_Name.toml", "", "severity = \"error\"\n")], &[]);
    assert!(e.message.contains("not a rule id"), "{e}");
}

#[test]
fn the_index_and_the_rule_files_agree() {
    // A rule file the index does not list.
    let threat = embedded_files().iter().find(|(p, _)| *p == "rules/conduct/threat.toml").unwrap().1;
    let e = error(&[("rules/conduct/threat-copy.toml", "", threat)], &[]);
    assert_eq!(e.file, "pk/rules/conduct/threat-copy.toml");
    assert!(e.message.contains("not listed in pack.toml"), "{e}");
    // A listed id without a file.
    let e = error(&[], &["rules/conduct/threat.toml"]);
    assert_error(&e, "pk/pack.toml", Some(line_of(&[], "pack.toml", "\"conduct.threat\"")), "index.rules", "no rule `conduct.threat`");
    // Listed twice.
    let edits = [("pack.toml", "  \"conduct.threat\",", "  \"conduct.threat\",\n  \"conduct.threat\",")];
    let e = error(&edits, &[]);
    assert!(e.message.contains("listed twice"), "{e}");
    // No pack.toml; a file the layout does not know.
    let e = error(&[], &["pack.toml"]);
    assert_eq!(e.file, "pk/pack.toml");
    let e = error(&[("notes.toml", "", "x = 1\n")], &[]);
    assert_eq!(e.file, "pk/notes.toml");
    assert!(e.message.contains("not part of a pack"), "{e}");
}

#[test]
fn a_scope_is_only_for_composed_signals() {
    // `scope` says where a composed signal's parts may be; on a plain signal it is an error
    // naming the file, line and field; on a composed one it parses.
    let edits = [("signals/threat.toml", "description =", "scope = \"nearby\"\ndescription =")];
    let e = error(&edits, &[]);
    assert_error(&e, "pk/signals/threat.toml", Some(1), "scope", "composed signals");
    let files = files(&[("signals/official_announcement.toml", "scope = \"around\"", "scope = \"post\"")], &[]);
    assert!(Pack::from_files("pk", "", files).is_ok());
}

#[test]
fn reference_and_pattern_errors_name_the_file_that_holds_them() {
    let path = "rules/disclaimer/missing.toml";
    let edits = [(path, "unless = [\"disclaimer\",", "unless = [\"no_such_signal\",")];
    let e = error(&edits, &[]);
    assert_error(&e, "pk/rules/disclaimer/missing.toml", Some(line_of(&edits, path, "no_such_signal")), "unless", "unknown signal `no_such_signal`");
    let edits = [("rules/page-statements/removal.toml", "requires = [\"page_removal\",", "requires = [\"page_nope\",")];
    let e = error(&edits, &[]);
    assert_error(&e, "pk/rules/page-statements/removal.toml", Some(line_of(&edits, "rules/page-statements/removal.toml", "page_nope")), "requires", "unknown signal");
    // A pattern that does not parse, one that names no lexicon, one in uppercase.
    for (from, to, message) in [("'''\\bwatch your back\\b'''", "'''\\bwatch (your back'''", "unclosed"), ("'''\\bwatch your back\\b'''", "'''\\b{no_such_lexicon} your back\\b'''", "unknown lexicon"), ("'''\\bwatch your back\\b'''", "'''\\bWatch your back\\b'''", "lowercase")] {
        let edits = [("signals/threat.toml", from, to)];
        let e = error(&edits, &[]);
        let line = line_of(&edits, "signals/threat.toml", &to[3..12]);
        assert_eq!((e.file.as_str(), e.line), ("pk/signals/threat.toml", Some(line)), "{e}");
        assert!(e.field.starts_with("patterns["), "{e}");
        assert!(e.message.contains(message), "{e}");
    }
    // A signal naming an unknown lexicon as its stopwords.
    let edits = [("signals/credential.toml", "stopwords = \"", "stopwords = \"nope")];
    let e = error(&edits, &[]);
    assert_eq!((e.file.as_str(), e.field.as_str()), ("pk/signals/credential.toml", "stopwords"), "{e}");
}

#[test]
fn override_lists_extend_the_signal_that_names_them() {
    // Two signals cannot take one list.
    let edits = [("signals/city_topic.toml", "description", "extended_by = \"disclaimers\"\ndescription")];
    let e = error(&edits, &[]);
    assert!(e.file.ends_with("signals/disclaimer.toml") || e.file.ends_with("signals/city_topic.toml"), "{e}");
    assert!(e.message.contains("already extends"), "{e}");
    // The list goes to whichever signal names it, whatever its name.
    let renamed = embedded_files().iter().find(|(p, _)| *p == "signals/custom_term.toml").unwrap().1;
    let mut f = files(&[("signals/project_names.toml", "", renamed), ("rules/confidential/custom-term.toml", "\"custom_term\"", "\"project_names\"")], &["signals/custom_term.toml"]);
    f.sort();
    let c = Checker::new(Pack::from_files("pk", "", f).unwrap()).unwrap();
    let mut pack = c.pack().clone();
    pack.apply(&postguard::PackOverride { confidential_terms: vec!["Project Bluebird".into()], ..Default::default() }, "o.toml").unwrap();
    let c = Checker::new(pack).unwrap();
    let found = c.check("Cannot wait for Project Bluebird to launch", &Context::default());
    assert!(found.iter().any(|f| f.rule == "confidential.custom-term"), "{found:?}");
    // A pack with no such signal refuses the list, naming the field.
    let f = files(&[("signals/custom_term.toml", "extended_by = \"confidential_terms\"\n", "")], &[]);
    let mut pack = Pack::from_files("pk", "", f).unwrap();
    let e = pack.apply(&postguard::PackOverride { confidential_terms: vec!["Project Bluebird".into()], ..Default::default() }, "o.toml").unwrap_err();
    assert_eq!(e.field, "confidential_terms");
}

#[test]
fn the_cli_reads_a_pack_directory_from_disk() {
    // Pack::from_dir names files by the directory's path.
    let dir = std::env::temp_dir().join(format!("postguard-pack-dir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in embedded_files() {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let text = if *path == "rules/conduct/threat.toml" { text.replacen("severity = \"error\"", "severity = 1", 1) } else { text.to_string() };
        std::fs::write(file, text).unwrap();
    }
    let e = Pack::from_dir(&dir).unwrap_err();
    assert_eq!(e.file, format!("{}/rules/conduct/threat.toml", dir.display()));
    assert_eq!(e.field, "severity");
    let _ = std::fs::remove_dir_all(&dir);
}
