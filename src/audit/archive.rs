//! What a PATH is, found from its bytes and never from its name: a folder, a
//! zip file, a tar file (gzip-compressed or not), or one plain file. Each is
//! seen as a list of entries (paths inside the export, `/`-separated) that
//! can be read one at a time, as a stream.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// One file inside an export.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub size: u64,
}

pub enum Container {
    Dir(PathBuf),
    Zip(Box<zip::ZipArchive<BufReader<File>>>),
    Tar { path: PathBuf, gz: bool },
    /// A plain file: the export is that file alone.
    File(PathBuf),
}

/// Reads ahead of the bytes already read go to the progress bar's counter.
pub struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

const GZIP: &[u8] = &[0x1f, 0x8b];

fn is_tar_header(block: &[u8]) -> bool {
    // POSIX ustar ("ustar\0") and old GNU tar ("ustar  \0") both have "ustar" at 257.
    block.len() >= 262 && &block[257..262] == b"ustar"
}

impl Container {
    pub fn open(path: &Path) -> Result<Container, String> {
        let shown = path.display();
        let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: {e}"))?;
        if meta.is_dir() {
            return Ok(Container::Dir(path.to_path_buf()));
        }
        let mut f = File::open(path).map_err(|e| format!("{shown}: {e}"))?;
        let mut head = [0u8; 512];
        let n = read_up_to(&mut f, &mut head).map_err(|e| format!("{shown}: {e}"))?;
        let head = &head[..n];
        if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
            f.seek(SeekFrom::Start(0)).map_err(|e| format!("{shown}: {e}"))?;
            let z = zip::ZipArchive::new(BufReader::new(f)).map_err(|e| format!("{shown}: a damaged zip file: {e}"))?;
            return Ok(Container::Zip(Box::new(z)));
        }
        if head.starts_with(GZIP) {
            let mut gz = flate2::read::GzDecoder::new(File::open(path).map_err(|e| format!("{shown}: {e}"))?);
            let mut block = [0u8; 512];
            let n = read_up_to(&mut gz, &mut block).map_err(|e| format!("{shown}: a damaged gzip file: {e}"))?;
            if is_tar_header(&block[..n]) {
                return Ok(Container::Tar { path: path.to_path_buf(), gz: true });
            }
            return Err(format!("{shown}: a gzip file that holds no tar archive (expected an export: a folder, .zip or .tar.gz)"));
        }
        if is_tar_header(head) {
            return Ok(Container::Tar { path: path.to_path_buf(), gz: false });
        }
        Ok(Container::File(path.to_path_buf()))
    }

    /// Every regular file, in a stable order (natural order of paths, so
    /// `tweets-part2.js` comes before `tweets-part10.js`), except for tar
    /// files, which are listed and later read in archive order.
    pub fn entries(&mut self) -> Result<Vec<Entry>, String> {
        let mut out = Vec::new();
        match self {
            Container::Dir(root) => walk(root, root, &mut out).map_err(|e| format!("{}: {e}", root.display()))?,
            Container::Zip(z) => {
                for i in 0..z.len() {
                    let f = z.by_index_raw(i).map_err(|e| format!("a damaged zip file: {e}"))?;
                    if f.is_file() {
                        out.push(Entry { path: f.name().to_string(), size: f.size() });
                    }
                }
            }
            Container::Tar { path, gz } => {
                let shown = path.display().to_string();
                let mut ar = tar::Archive::new(tar_reader(path, *gz, None)?);
                for e in ar.entries().map_err(|e| format!("{shown}: {e}"))? {
                    let e = e.map_err(|e| format!("{shown}: a damaged tar archive: {e}"))?;
                    if e.header().entry_type().is_file() {
                        let p = e.path().map_err(|e| format!("{shown}: {e}"))?;
                        out.push(Entry { path: p.to_string_lossy().trim_start_matches("./").to_string(), size: e.size() });
                    }
                }
                return Ok(out);
            }
            Container::File(p) => {
                let size = std::fs::metadata(&*p).map(|m| m.len()).unwrap_or(0);
                out.push(Entry { path: p.display().to_string(), size });
            }
        }
        out.sort_by(|a, b| natural_cmp(&a.path, &b.path));
        Ok(out)
    }

    /// Read the entries in `wanted` (paths from [`Container::entries`]), calling
    /// `f` with each entry's path and a stream of its bytes. Folders and zip
    /// files are read in the order of `wanted`; tar files in archive order.
    /// An entry that cannot be opened is passed to `bad` and the rest go on.
    pub fn visit(
        &mut self,
        wanted: &[String],
        count: &Rc<Cell<u64>>,
        f: &mut dyn FnMut(&str, &mut dyn Read),
        bad: &mut dyn FnMut(&str, String),
    ) -> Result<(), String> {
        match self {
            Container::Dir(root) => {
                for w in wanted {
                    match File::open(root.join(w)) {
                        Ok(file) => f(w, &mut Counting { inner: BufReader::with_capacity(1 << 16, file), count: count.clone() }),
                        Err(e) => bad(w, e.to_string()),
                    }
                }
            }
            Container::File(p) => {
                for w in wanted {
                    match File::open(&*p) {
                        Ok(file) => f(w, &mut Counting { inner: BufReader::with_capacity(1 << 16, file), count: count.clone() }),
                        Err(e) => bad(w, e.to_string()),
                    }
                }
            }
            Container::Zip(z) => {
                for w in wanted {
                    match z.by_name(w) {
                        Ok(entry) => f(w, &mut Counting { inner: BufReader::with_capacity(1 << 16, entry), count: count.clone() }),
                        Err(e) => bad(w, format!("cannot read it from the zip file: {e}")),
                    }
                }
            }
            Container::Tar { path, gz } => {
                let shown = path.display().to_string();
                let mut ar = tar::Archive::new(tar_reader(path, *gz, Some(count))?);
                for e in ar.entries().map_err(|e| format!("{shown}: {e}"))? {
                    let e = e.map_err(|e| format!("{shown}: a damaged tar archive: {e}"))?;
                    let p = match e.path() {
                        Ok(p) => p.to_string_lossy().trim_start_matches("./").to_string(),
                        Err(_) => continue,
                    };
                    if wanted.contains(&p) {
                        let mut e = BufReader::with_capacity(1 << 16, e);
                        f(&p, &mut e);
                    }
                }
            }
        }
        Ok(())
    }
}

/// A tar file's bytes; with `count`, the compressed bytes read are counted
/// (the entries' sizes are uncompressed, so the bar uses the file's size).
fn tar_reader(path: &Path, gz: bool, count: Option<&Rc<Cell<u64>>>) -> Result<Box<dyn Read>, String> {
    let f = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let f: Box<dyn Read> = match count {
        Some(c) => Box::new(Counting { inner: BufReader::new(f), count: c.clone() }),
        None => Box::new(BufReader::new(f)),
    };
    Ok(if gz { Box::new(flate2::read::GzDecoder::new(f)) } else { f })
}

fn read_up_to(r: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Entry>) -> io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let t = e.file_type()?;
        let p = e.path();
        if t.is_dir() {
            walk(root, &p, out)?;
        } else if t.is_file() {
            let rel = p.strip_prefix(root).unwrap_or(&p);
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            out.push(Entry { path: rel, size: e.metadata()?.len() });
        }
    }
    Ok(())
}

/// Compare paths with runs of digits compared as numbers.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, _) => return std::cmp::Ordering::Less,
            (_, None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let na = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let nb = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (da, db) = (trim_zeros(&a[..na]), trim_zeros(&b[..nb]));
                let o = da.len().cmp(&db.len()).then(da.cmp(db));
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
                a = &a[na..];
                b = &b[nb..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    // `.` before anything else: `tweets.js` (part 0) before `tweets-part1.js`.
                    let key = |c: u8| if c == b'.' { 0 } else { c };
                    return key(*x).cmp(&key(*y));
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(d: &[u8]) -> &[u8] {
    let k = d.iter().take_while(|&&c| c == b'0').count();
    &d[k..]
}

#[cfg(test)]
mod tests {
    #[test]
    fn natural_order() {
        let mut v = vec!["data/tweets-part10.js", "data/tweets.js", "data/tweets-part2.js", "data/tweets-part1.js"];
        v.sort_by(|a, b| super::natural_cmp(a, b));
        assert_eq!(v, ["data/tweets.js", "data/tweets-part1.js", "data/tweets-part2.js", "data/tweets-part10.js"]);
    }
}
