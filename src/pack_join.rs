//! A pack directory's files as one TOML file: the one-file form
//! `Pack::from_toml` reads (`scripts/split-pack.py` goes the other way).
//! Comments are kept. Plain text work with no dependency, so that `build.rs`
//! can include this file too (the wasm embeds the Rochester pack joined).

/// The one-file TOML of a pack directory's files (path relative to the
/// pack, `/`-separated; text). `[index] rules` of `pack.toml` gives the
/// order of the rules; a file the layout does not know is left out (loading
/// the directory reports it).
pub fn join_files(files: &[(&str, &str)]) -> String {
    let get = |path: &str| files.iter().find(|(p, _)| *p == path).map(|(_, t)| *t);
    let top = get("pack.toml").unwrap_or("");
    // pack.toml without its [index] table (and the comment above it); the
    // ids in the table, in order.
    let lines: Vec<&str> = top.lines().collect();
    let at = lines.iter().position(|l| l.trim() == "[index]").unwrap_or(lines.len());
    let mut from = at;
    while from > 0 && lines[from - 1].starts_with('#') {
        from -= 1;
    }
    let resume = (at + 1..lines.len()).find(|&i| lines[i].starts_with('[')).unwrap_or(lines.len());
    let mut order = Vec::new();
    for l in &lines[(at + 1).min(lines.len())..resume] {
        let l = l.split('#').next().unwrap_or("");
        let mut rest = l;
        while let Some(open) = rest.find('"') {
            let Some(close) = rest[open + 1..].find('"') else { break };
            order.push(&rest[open + 1..open + 1 + close]);
            rest = &rest[open + close + 2..];
        }
    }
    let mut out = String::new();
    for l in lines[..from].iter().chain(&lines[resume..]) {
        out.push_str(l);
        out.push('\n');
    }
    out.push_str("\n[lexicons]\n");
    for (path, text) in files {
        if let Some(name) = path.strip_prefix("lexicons/").and_then(|p| p.strip_suffix(".toml")) {
            let mut done = false;
            for l in text.lines() {
                match l.strip_prefix("entries") {
                    Some(rest) if !done => {
                        out.push_str(name);
                        out.push_str(rest);
                        done = true;
                    }
                    _ => out.push_str(l),
                }
                out.push('\n');
            }
        }
    }
    for (path, text) in files {
        if let Some(name) = path.strip_prefix("signals/").and_then(|p| p.strip_suffix(".toml")) {
            out.push_str(&format!("\n[signals.{name}]\n"));
            // A table of the signal's own (`[score]`) becomes its sub-table.
            for l in text.lines() {
                match l.strip_prefix('[').and_then(|k| k.trim_end().strip_suffix(']')).filter(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')) {
                    Some(key) => out.push_str(&format!("[signals.{name}.{key}]")),
                    None => out.push_str(l),
                }
                out.push('\n');
            }
        }
    }
    for page in [false, true] {
        for id in &order {
            let (cat, what) = id.split_once('.').unwrap_or((id, ""));
            let Some(text) = get(&format!("rules/{cat}/{what}.toml")) else { continue };
            // The page check's statements (category `page-statements`).
            if (cat == "page-statements") != page {
                continue;
            }
            if page {
                out.push_str(&format!("\n[[page_statements]]\nid = \"{id}\"\n{text}"));
            } else {
                out.push_str(&format!("\n[[rules]]\nid = \"{id}\"\ncategory = \"{cat}\"\n{text}"));
            }
        }
    }
    out
}
