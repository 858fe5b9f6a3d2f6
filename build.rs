//! Embeds the Rochester policy pack: lists every `.toml` file under
//! `policy/rochester/` (sorted, so the build is reproducible) as
//! `(path relative to the pack, include_str!(file))` in
//! `$OUT_DIR/rochester_pack.rs`, which `src/pack.rs` includes. The files are
//! embedded as they are, so the embedded pack is parsed by the same loader,
//! with the same file:line:field errors, as a pack directory given to the CLI.
//! It also writes the files joined into one TOML file (`src/pack_join.rs`),
//! which the wasm embeds instead (`Pack::rochester`).

use std::path::{Path, PathBuf};

#[path = "src/pack_join.rs"]
mod pack_join;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("policy/rochester");
    // A directory: cargo reruns this script when any file under it changes.
    println!("cargo:rerun-if-changed=policy/rochester");
    println!("cargo:rerun-if-changed=src/pack_join.rs");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let mut out = String::from("/// The embedded pack's files: path relative to `policy/rochester/`, text.\npub static ROCHESTER_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f.strip_prefix(&root).expect("under the root").to_str().expect("UTF-8 path").replace('\\', "/");
        out.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", f.to_str().expect("UTF-8 path")));
    }
    out.push_str("];\n");
    // The same files as one TOML file, for the wasm (see `Pack::rochester`).
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(&root).expect("under the root").to_str().expect("UTF-8 path").replace('\\', "/");
            (rel, std::fs::read_to_string(f).unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display())))
        })
        .collect();
    let refs: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("rochester.toml"), pack_join::join_files(&refs)).expect("write the joined pack");
    out.push_str("/// The embedded pack as one TOML file (`pack_join::join_files`).\npub static ROCHESTER_JOINED: &str = include_str!(concat!(env!(\"OUT_DIR\"), \"/rochester.toml\"));\n");
    std::fs::write(dir.join("rochester_pack.rs"), out).expect("write the embedded pack list");
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path);
        }
    }
}
