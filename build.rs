//! Compiles the Rochester policy pack at build time.
//!
//! Reads every `.toml` file under `policy/rochester/` with the pack loader of
//! `src/pack.rs` (the one the CLI uses for `--policy`), so a mistake in a pack
//! file fails the build with its file, line and field, and writes:
//!
//! - `$OUT_DIR/rochester.bin`: the parsed and validated pack in the binary
//!   form of `src/pack_bin.rs`, which the engine decodes at start-up (no TOML
//!   parser in the wasm; `src/embedded.rs`);
//! - `$OUT_DIR/rochester_pack.rs`: that, and the files as they are (sorted,
//!   so the build is reproducible), for the tests.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

// The pack loader and the types it fills, compiled into this script as they
// are compiled into the crate (they use nothing else of it).
#[allow(dead_code, unused_imports)]
#[path = "src/finding.rs"]
mod finding;
#[allow(dead_code, unused_imports)]
#[path = "src/pack.rs"]
mod pack;
#[allow(dead_code)]
#[path = "src/pack_bin.rs"]
mod pack_bin;
#[allow(dead_code)]
#[path = "src/pack_join.rs"]
mod pack_join;
#[allow(dead_code)]
#[path = "src/policy_doc.rs"]
mod policy_doc;
// The prefilter's analysis of every pattern (src/engine/analysis.rs), and
// the template reader it uses.
#[allow(dead_code)]
#[path = "src/engine/analysis.rs"]
mod analysis;
#[allow(dead_code)]
#[path = "src/engine/template.rs"]
mod template;
// The view's folding, which the analysis applies to a pattern's non-ASCII letters.
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;
#[allow(dead_code)]
#[path = "src/unicode_tables.rs"]
mod unicode_tables;
// The learned scorer's model, which the loader checks (`[score]` tables).
#[allow(dead_code)]
#[path = "src/scorer.rs"]
mod scorer;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("policy/rochester");
    // A directory: cargo reruns this script when any file under it changes.
    println!("cargo:rerun-if-changed=policy/rochester");
    println!("cargo:rerun-if-changed=policy/rochester-social-media-policy.md");
    for f in ["finding", "pack", "pack_bin", "pack_join", "policy_doc", "engine/analysis", "engine/template", "normalize", "unicode_tables", "scorer"] {
        println!("cargo:rerun-if-changed=src/{f}.rs");
    }
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let rel = |f: &Path| f.strip_prefix(&root).expect("under the root").to_str().expect("UTF-8 path").replace('\\', "/");
    let mut out = String::from("/// The embedded pack's files: path relative to `policy/rochester/`, text.\n#[cfg(not(target_arch = \"wasm32\"))]\npub static ROCHESTER_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        out.push_str(&format!("    ({:?}, include_str!({:?})),\n", rel(f), f.to_str().expect("UTF-8 path")));
    }
    out.push_str("];\n");
    let texts: Vec<(String, Cow<'static, str>)> =
        files.iter().map(|f| (rel(f), Cow::Owned(std::fs::read_to_string(f).unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display()))))).collect();
    // Errors name the files as the repository does (`policy/rochester/signals/x.toml:3`).
    let pack = match pack::Pack::from_files(pack::DEFAULT_PACK_NAME, "", texts) {
        Ok(p) => p,
        Err(e) => {
            // cargo shows a build script's stderr when it fails.
            eprintln!("error: the policy pack does not load: {e}");
            std::process::exit(1);
        }
    };
    let dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("rochester.bin"), pack_bin::encode(&pack)).expect("write the compiled pack");
    out.push_str("/// The embedded pack compiled (`pack_bin::encode`).\npub static ROCHESTER_BIN: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/rochester.bin\"));\n");
    let analysis = analysis::Analysis::of(&pack, &template::builtins(&pack));
    std::fs::write(dir.join("prefilter.bin"), analysis.encode()).expect("write the pattern analysis");
    out.push_str("/// What every pattern of the embedded pack needs (`engine::analysis`).\npub static PREFILTER_BIN: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/prefilter.bin\"));\n");
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
