//! The embedded default pack (City of Rochester, Minnesota), as `build.rs`
//! left it: the pack compiled into its binary form (`pack_bin.rs`), which the
//! engine starts from, and the pack's files as they are, which the CLI's
//! `rules --files`, the tests and the pack tools read.

use crate::pack::Pack;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/rochester_pack.rs"));
}

/// The embedded pack's files: each path relative to `policy/rochester/` and
/// its text. Natively only: the wasm starts from the compiled form and does
/// not carry the files' text.
#[cfg(not(target_arch = "wasm32"))]
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    generated::ROCHESTER_FILES
}

/// The embedded pack compiled at build time (`pack_bin::encode` of the pack
/// `build.rs` read from `policy/rochester/`).
pub fn compiled() -> &'static [u8] {
    generated::ROCHESTER_BIN
}

impl Pack {
    /// The embedded Rochester pack, with clause texts from the embedded
    /// policy: decoded from the form `build.rs` compiled (a mistake in a pack
    /// file fails the build, naming its file, line and field; the bytes come
    /// from the same source as this decoder, so failing here is a build
    /// defect, not an input error). tests/pack_dir.rs checks that it is the
    /// pack the files give.
    pub fn rochester() -> Pack {
        crate::pack_bin::decode(compiled()).expect("the embedded pack decodes (build.rs encoded it)")
    }
}

/// What every pattern of the embedded pack needs (`engine::analysis`), as
/// `build.rs` analysed it.
pub(crate) fn analysis() -> crate::engine::Analysis {
    crate::engine::Analysis::decode(generated::PREFILTER_BIN).expect("the embedded analysis decodes (build.rs encoded it)")
}
