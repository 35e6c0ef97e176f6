//! The walker of clearance: enumerates a product tree once, then reads its files in parallel.
//!
//! Compliance scans what ships, so `.gitignore` is not honoured (`node_modules/` is usually
//! ignored by git and always shipped); only explicit exclude globs and `.git` are left out.
//! Symbolic links are not followed unless asked. Unreadable entries, symlink loops, FIFOs,
//! sockets, devices and over-large files are reported as [`Problem`]s and never stop the walk.
//!
//! # Example
//! ```no_run
//! use clearance_walk::{WalkOptions, Walker};
//! let walker = Walker::new("path/to/product", &WalkOptions::default()).unwrap();
//! let scanned = walker.scan(|file, bytes| (file.path.clone(), bytes.len()), |_| {});
//! for (info, (path, len)) in &scanned.results {
//!     println!("{path}: {len} bytes ({:?})", info.kind);
//! }
//! ```

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use clearance_model::{FileKind, Problem, ProblemCode, WalkStats};
use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;

/// Bytes read to decide whether a file is text or binary (as git and ripgrep do: a NUL byte in
/// the head means binary).
pub const SNIFF_LEN: usize = 8 * 1024;

/// Options of a walk.
#[derive(Clone, Debug)]
pub struct WalkOptions {
    /// Globs of paths to leave out. A glob without `/` matches a file or directory name at any
    /// depth (`target`, `*.min.js`); a glob with `/` matches the root-relative path
    /// (`docs/**`, `web/node_modules`). A trailing `/` is ignored. `.git` is always left out
    /// unless [`WalkOptions::include_git`] is set.
    pub excludes: Vec<String>,
    /// Follow symbolic links (loops are detected and reported).
    pub follow_symlinks: bool,
    /// Text files (and binary files read for a cataloger) larger than this are not read
    /// (reported as `too-large`).
    pub max_file_size: u64,
    /// Walk `.git` directories too.
    pub include_git: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            excludes: Vec::new(),
            follow_symlinks: false,
            max_file_size: 32 * 1024 * 1024,
            include_git: false,
        }
    }
}

/// Errors that stop a walk before it starts.
#[derive(Debug, thiserror::Error)]
pub enum WalkError {
    /// The root does not exist or cannot be read.
    #[error("cannot read `{path}`")]
    Root {
        /// The root as given.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The root is not a directory.
    #[error("`{0}` is not a directory")]
    NotADirectory(PathBuf),
    /// An exclude glob does not compile.
    #[error("invalid exclude glob `{glob}`: {message}")]
    Glob {
        /// The glob as given.
        glob: String,
        /// What is wrong with it.
        message: String,
    },
}

/// A file found by the walk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileInfo {
    /// Root-relative, `/`-separated path (lossily decoded if the name is not UTF-8).
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Text or binary, from the content.
    pub kind: FileKind,
}

struct Entry {
    path: String,
    abs: PathBuf,
    size: u64,
}

/// A prepared walk over one root.
pub struct Walker {
    root: PathBuf,
    entries: Vec<Entry>,
    problems: Vec<Problem>,
    stats: WalkStats,
    max_file_size: u64,
}

/// What [`Walker::scan`] returns.
pub struct Scanned<T> {
    /// One result per text file read, in no particular order.
    pub results: Vec<(FileInfo, T)>,
    /// Problems from the enumeration and the reads.
    pub problems: Vec<Problem>,
    /// Counts.
    pub stats: WalkStats,
}

fn compile_excludes(opts: &WalkOptions) -> Result<GlobSet, WalkError> {
    let mut b = GlobSetBuilder::new();
    let mut patterns: Vec<String> = opts.excludes.clone();
    if !opts.include_git {
        patterns.push(".git".to_string());
    }
    for raw in &patterns {
        let g = raw.trim().trim_end_matches('/');
        let g = g.strip_prefix("./").unwrap_or(g);
        if g.is_empty() {
            continue;
        }
        let pattern = if g.contains('/') {
            g.to_string()
        } else {
            format!("**/{g}")
        };
        let glob = globset::GlobBuilder::new(&pattern)
            .literal_separator(true)
            .build()
            .or_else(|_| Glob::new(&pattern))
            .map_err(|e| WalkError::Glob {
                glob: raw.clone(),
                message: e.kind().to_string(),
            })?;
        b.add(glob);
    }
    b.build().map_err(|e| WalkError::Glob {
        glob: patterns.join(", "),
        message: e.to_string(),
    })
}

/// Root-relative `/` path of `abs`; the second value is `false` when the name had to be decoded
/// lossily.
fn relative(root: &Path, abs: &Path) -> (String, bool) {
    let rel = abs.strip_prefix(root).unwrap_or(abs);
    let mut out = String::new();
    let mut exact = true;
    for c in rel.components() {
        let s = c.as_os_str();
        let part = match s.to_str() {
            Some(p) => p.to_string(),
            None => {
                exact = false;
                s.to_string_lossy().into_owned()
            }
        };
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&part);
    }
    (out, exact)
}

fn io_problem(code: ProblemCode, path: &str, what: &str, e: &io::Error) -> Problem {
    Problem::new(
        code,
        if path.is_empty() { "." } else { path },
        format!("{what}: {e}"),
    )
}

impl Walker {
    /// Enumerates the tree under `root`. Fails only when the root itself cannot be walked or an
    /// exclude glob is invalid; everything else becomes a problem.
    pub fn new(root: impl AsRef<Path>, opts: &WalkOptions) -> Result<Walker, WalkError> {
        let root = root.as_ref().to_path_buf();
        let meta = std::fs::metadata(&root).map_err(|source| WalkError::Root {
            path: root.clone(),
            source,
        })?;
        if !meta.is_dir() {
            return Err(WalkError::NotADirectory(root));
        }
        let excludes = compile_excludes(opts)?;
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        let mut stats = WalkStats::default();

        let mut it = walkdir::WalkDir::new(&root)
            .follow_links(opts.follow_symlinks)
            .sort_by_file_name()
            .into_iter();
        loop {
            let entry = match it.next() {
                None => break,
                Some(Ok(e)) => e,
                Some(Err(e)) => {
                    let (path, _) = e.path().map(|p| relative(&root, p)).unwrap_or_default();
                    stats.skipped += 1;
                    if let Some(ancestor) = e.loop_ancestor() {
                        let (anc, _) = relative(&root, ancestor);
                        problems.push(Problem::new(
                            ProblemCode::SymlinkLoop,
                            path,
                            format!(
                                "symbolic link loop back to `{}`; not followed",
                                if anc.is_empty() { "." } else { &anc }
                            ),
                        ));
                    } else {
                        let io = e
                            .io_error()
                            .map_or_else(|| e.to_string(), ToString::to_string);
                        problems.push(Problem::new(
                            ProblemCode::Unreadable,
                            if path.is_empty() {
                                ".".to_string()
                            } else {
                                path
                            },
                            format!("cannot read: {io}"),
                        ));
                    }
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let (path, exact) = relative(&root, entry.path());
            let ft = entry.file_type();
            if excludes.is_match(&path) {
                stats.excluded += 1;
                if ft.is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
            if !exact {
                problems.push(Problem::new(
                    ProblemCode::NonUtf8Path,
                    path.clone(),
                    "file name is not valid UTF-8; shown with replacement characters and scanned",
                ));
            }
            if ft.is_dir() {
                continue;
            }
            if ft.is_symlink() {
                stats.skipped += 1;
                let target = std::fs::read_link(entry.path())
                    .map(|t| t.to_string_lossy().into_owned())
                    .unwrap_or_default();
                problems.push(Problem::new(
                    ProblemCode::Symlink,
                    path,
                    format!("symbolic link to `{target}`; not followed"),
                ));
                continue;
            }
            if !ft.is_file() {
                stats.skipped += 1;
                problems.push(Problem::new(
                    ProblemCode::SpecialFile,
                    path,
                    format!("{}; not read", special_kind(&ft)),
                ));
                continue;
            }
            stats.files += 1;
            match entry.metadata() {
                Ok(m) => {
                    let mtime = m
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .and_then(|d| i64::try_from(d.as_secs()).ok());
                    if mtime > stats.newest_mtime {
                        stats.newest_mtime = mtime;
                    }
                    entries.push(Entry {
                        path,
                        abs: entry.into_path(),
                        size: m.len(),
                    });
                }
                Err(e) => {
                    stats.skipped += 1;
                    let io = e
                        .io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string);
                    problems.push(Problem::new(
                        ProblemCode::Unreadable,
                        path,
                        format!("cannot stat: {io}"),
                    ));
                }
            }
        }
        Ok(Walker {
            root,
            entries,
            problems,
            stats,
            max_file_size: opts.max_file_size,
        })
    }

    /// The root being walked.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Number of regular files to read.
    pub fn file_count(&self) -> usize {
        self.entries.len()
    }

    /// Reads every regular file in parallel (on the current rayon pool) and calls `visit` with
    /// the content of each text file. Binary files are recognised from their first
    /// [`SNIFF_LEN`] bytes and not read further. `progress` is called once per file.
    pub fn scan<T, V, P>(self, visit: V, progress: P) -> Scanned<T>
    where
        T: Send,
        V: Fn(&FileInfo, &[u8]) -> T + Sync,
        P: Fn(&FileInfo) + Sync,
    {
        self.scan_reading(|_| false, visit, progress)
    }

    /// Like [`Walker::scan`], and binary files whose path `read_binary` selects (package
    /// databases, archives a cataloger reads) are read whole, within the size limit, and
    /// visited too, with [`FileInfo::kind`] [`FileKind::Binary`].
    pub fn scan_reading<T, R, V, P>(self, read_binary: R, visit: V, progress: P) -> Scanned<T>
    where
        T: Send,
        R: Fn(&str) -> bool + Sync,
        V: Fn(&FileInfo, &[u8]) -> T + Sync,
        P: Fn(&FileInfo) + Sync,
    {
        let max = self.max_file_size;
        let outcomes: Vec<Outcome<T>> = self
            .entries
            .par_iter()
            .map_init(Vec::new, |buf, entry| {
                let outcome = read_one(entry, max, buf, &read_binary, &visit);
                let info = match &outcome {
                    Outcome::Text(info, _, _)
                    | Outcome::BinaryRead(info, _)
                    | Outcome::Binary(info) => info.clone(),
                    Outcome::Skipped(_) => FileInfo {
                        path: entry.path.clone(),
                        size: entry.size,
                        kind: FileKind::Binary,
                    },
                };
                progress(&info);
                outcome
            })
            .collect();
        let mut stats = self.stats;
        let mut problems = self.problems;
        let mut results = Vec::with_capacity(outcomes.len());
        for o in outcomes {
            match o {
                Outcome::Text(info, bytes, value) => {
                    stats.text_files += 1;
                    stats.bytes += bytes;
                    results.push((info, value));
                }
                Outcome::Binary(_) => stats.binary_files += 1,
                Outcome::BinaryRead(info, value) => {
                    stats.binary_files += 1;
                    results.push((info, value));
                }
                Outcome::Skipped(p) => {
                    stats.skipped += 1;
                    problems.push(p);
                }
            }
        }
        Scanned {
            results,
            problems,
            stats,
        }
    }
}

enum Outcome<T> {
    Text(FileInfo, u64, T),
    Binary(FileInfo),
    BinaryRead(FileInfo, T),
    Skipped(Problem),
}

/// `true` when the head of a file looks binary: a NUL byte, unless the file starts with a UTF-16
/// byte-order mark (UTF-16 text is full of NULs).
pub fn looks_binary(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    memchr::memchr(0, head).is_some()
}

fn read_one<T>(
    entry: &Entry,
    max: u64,
    buf: &mut Vec<u8>,
    read_binary: &impl Fn(&str) -> bool,
    visit: &impl Fn(&FileInfo, &[u8]) -> T,
) -> Outcome<T> {
    let mut f = match File::open(&entry.abs) {
        Ok(f) => f,
        Err(e) => {
            return Outcome::Skipped(io_problem(
                ProblemCode::Unreadable,
                &entry.path,
                "cannot open",
                &e,
            ));
        }
    };
    buf.clear();
    // Read the head first: binary files are not read further.
    if let Err(e) = (&mut f).take(SNIFF_LEN as u64).read_to_end(buf) {
        return Outcome::Skipped(io_problem(
            ProblemCode::Unreadable,
            &entry.path,
            "cannot read",
            &e,
        ));
    }
    let mut info = FileInfo {
        path: entry.path.clone(),
        size: entry.size,
        kind: FileKind::Text,
    };
    if looks_binary(buf) {
        info.kind = FileKind::Binary;
        if !read_binary(&entry.path) {
            return Outcome::Binary(info);
        }
    }
    // Text files, and binary files a cataloger reads, are read whole within the limit.
    let kind = match info.kind {
        FileKind::Text => "text",
        FileKind::Binary => "binary",
    };
    if entry.size > max {
        return Outcome::Skipped(Problem::new(
            ProblemCode::TooLarge,
            entry.path.clone(),
            format!(
                "{kind} file of {} bytes is over the {max}-byte limit; not read",
                entry.size
            ),
        ));
    }
    if buf.len() == SNIFF_LEN {
        // Bounded by the limit even if the file grew since it was listed.
        if let Err(e) = (&mut f)
            .take(max.saturating_sub(SNIFF_LEN as u64) + 1)
            .read_to_end(buf)
        {
            return Outcome::Skipped(io_problem(
                ProblemCode::Unreadable,
                &entry.path,
                "cannot read",
                &e,
            ));
        }
        if buf.len() as u64 > max {
            return Outcome::Skipped(Problem::new(
                ProblemCode::TooLarge,
                entry.path.clone(),
                format!("{kind} file grew over the {max}-byte limit while being read; not read"),
            ));
        }
    }
    info.size = buf.len() as u64;
    let value = visit(&info, buf);
    match info.kind {
        FileKind::Text => Outcome::Text(info, buf.len() as u64, value),
        FileKind::Binary => Outcome::BinaryRead(info, value),
    }
}

#[cfg(unix)]
fn special_kind(ft: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        "named pipe (FIFO)"
    } else if ft.is_socket() {
        "socket"
    } else if ft.is_block_device() {
        "block device"
    } else if ft.is_char_device() {
        "character device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_ft: &std::fs::FileType) -> &'static str {
    "special file"
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn scan_paths(root: &Path, opts: &WalkOptions) -> (Vec<String>, Vec<Problem>, WalkStats) {
        let w = Walker::new(root, opts).unwrap();
        let s = w.scan(|f, _| f.path.clone(), |_| {});
        let mut paths: Vec<String> = s.results.into_iter().map(|(_, p)| p).collect();
        paths.sort();
        let mut problems = s.problems;
        problems.sort();
        (paths, problems, s.stats)
    }

    #[test]
    fn walks_text_skips_binary_and_git() {
        let d = tempfile::tempdir().unwrap();
        fs::create_dir_all(d.path().join(".git/objects")).unwrap();
        fs::write(d.path().join(".git/config"), "x").unwrap();
        fs::create_dir_all(d.path().join("node_modules/a")).unwrap();
        fs::write(
            d.path().join("node_modules/a/index.js"),
            "module.exports = 1;",
        )
        .unwrap();
        fs::write(d.path().join("blob.bin"), [0u8, 1, 2, 3]).unwrap();
        fs::write(d.path().join("README"), "hello").unwrap();
        let (paths, problems, stats) = scan_paths(d.path(), &WalkOptions::default());
        assert_eq!(paths, ["README", "node_modules/a/index.js"]);
        assert!(problems.is_empty());
        assert_eq!(stats.binary_files, 1);
        assert_eq!(stats.text_files, 2);
        assert_eq!(stats.files, 3);
        assert_eq!(stats.excluded, 1);
    }

    #[test]
    fn excludes_by_name_and_by_path() {
        let d = tempfile::tempdir().unwrap();
        for p in [
            "target/debug/x.txt",
            "docs/a.md",
            "src/docs/b.md",
            "src/lib.rs",
        ] {
            let full = d.path().join(p);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(full, "x").unwrap();
        }
        let opts = WalkOptions {
            excludes: vec!["target/".into(), "docs/**".into()],
            ..WalkOptions::default()
        };
        let (paths, _, _) = scan_paths(d.path(), &opts);
        assert_eq!(paths, ["src/docs/b.md", "src/lib.rs"]);
    }

    #[test]
    fn invalid_glob_is_an_error() {
        let d = tempfile::tempdir().unwrap();
        let opts = WalkOptions {
            excludes: vec!["a[".into()],
            ..WalkOptions::default()
        };
        assert!(matches!(
            Walker::new(d.path(), &opts),
            Err(WalkError::Glob { .. })
        ));
    }

    #[test]
    fn missing_root_and_file_root() {
        let d = tempfile::tempdir().unwrap();
        assert!(matches!(
            Walker::new(d.path().join("nope"), &WalkOptions::default()),
            Err(WalkError::Root { .. })
        ));
        fs::write(d.path().join("f"), "x").unwrap();
        assert!(matches!(
            Walker::new(d.path().join("f"), &WalkOptions::default()),
            Err(WalkError::NotADirectory(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_fifos_and_loops() {
        let d = tempfile::tempdir().unwrap();
        fs::create_dir_all(d.path().join("a/b")).unwrap();
        fs::write(d.path().join("a/b/f.txt"), "x").unwrap();
        std::os::unix::fs::symlink("../..", d.path().join("a/b/up")).unwrap();
        std::os::unix::fs::symlink("f.txt", d.path().join("a/b/link.txt")).unwrap();
        let fifo = d.path().join("pipe");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());

        let (paths, problems, _) = scan_paths(d.path(), &WalkOptions::default());
        assert_eq!(paths, ["a/b/f.txt"]);
        let codes: Vec<_> = problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
        assert_eq!(
            codes,
            [
                ("a/b/link.txt", ProblemCode::Symlink),
                ("a/b/up", ProblemCode::Symlink),
                ("pipe", ProblemCode::SpecialFile)
            ]
        );

        let follow = WalkOptions {
            follow_symlinks: true,
            ..WalkOptions::default()
        };
        let (paths, problems, _) = scan_paths(d.path(), &follow);
        assert_eq!(paths, ["a/b/f.txt", "a/b/link.txt"]);
        assert!(
            problems
                .iter()
                .any(|p| p.code == ProblemCode::SymlinkLoop && p.path == "a/b/up"),
            "{problems:?}"
        );
    }

    #[test]
    fn selected_binary_files_are_read_whole() {
        let d = tempfile::tempdir().unwrap();
        let db: Vec<u8> = b"SQLite format 3\0"
            .iter()
            .copied()
            .chain((0..20_000u32).map(|i| (i % 251) as u8))
            .collect();
        std::fs::create_dir_all(d.path().join("var/lib/rpm")).unwrap();
        std::fs::write(d.path().join("var/lib/rpm/rpmdb.sqlite"), &db).unwrap();
        std::fs::write(d.path().join("logo.png"), b"\x89PNG\0\0").unwrap();
        std::fs::write(d.path().join("a.txt"), b"text").unwrap();
        let w = Walker::new(d.path(), &WalkOptions::default()).unwrap();
        let s = w.scan_reading(
            |p| p.ends_with("rpmdb.sqlite"),
            |f, b| (f.path.clone(), f.kind, b.len()),
            |_| {},
        );
        let mut got: Vec<_> = s.results.into_iter().map(|(_, v)| v).collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("a.txt".to_string(), FileKind::Text, 4),
                (
                    "var/lib/rpm/rpmdb.sqlite".to_string(),
                    FileKind::Binary,
                    db.len()
                )
            ]
        );
        assert_eq!((s.stats.text_files, s.stats.binary_files), (1, 2));
        // Over the size limit: reported, not read.
        let small = WalkOptions {
            max_file_size: 100,
            ..WalkOptions::default()
        };
        let s = Walker::new(d.path(), &small).unwrap().scan_reading(
            |p| p.ends_with("rpmdb.sqlite"),
            |f, _| f.path.clone(),
            |_| {},
        );
        assert!(
            s.problems
                .iter()
                .any(|p| p.code == ProblemCode::TooLarge && p.path == "var/lib/rpm/rpmdb.sqlite"),
            "{:?}",
            s.problems
        );
    }

    #[test]
    fn too_large_text_is_reported() {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join("big.txt"), "a".repeat(20_000)).unwrap();
        fs::write(d.path().join("big.bin"), [0u8; 20_000]).unwrap();
        let opts = WalkOptions {
            max_file_size: 10_000,
            ..WalkOptions::default()
        };
        let (paths, problems, stats) = scan_paths(d.path(), &opts);
        assert!(paths.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, ProblemCode::TooLarge);
        assert_eq!(stats.binary_files, 1);
    }

    #[test]
    fn large_text_is_read_whole() {
        let d = tempfile::tempdir().unwrap();
        let text = "line\n".repeat(10_000);
        fs::write(d.path().join("long.txt"), &text).unwrap();
        let w = Walker::new(d.path(), &WalkOptions::default()).unwrap();
        let s = w.scan(|_, b| b.len(), |_| {});
        assert_eq!(s.results[0].1, text.len());
        assert_eq!(s.stats.bytes, text.len() as u64);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn non_utf8_names_are_scanned_and_reported() {
        use std::os::unix::ffi::OsStrExt;
        let d = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        fs::write(d.path().join(name), "x").unwrap();
        let (paths, problems, _) = scan_paths(d.path(), &WalkOptions::default());
        assert_eq!(paths, ["caf\u{fffd}.txt"]);
        assert_eq!(problems[0].code, ProblemCode::NonUtf8Path);
    }

    #[test]
    fn utf16_with_bom_is_text() {
        assert!(!looks_binary(&[0xFF, 0xFE, b'M', 0, b'I', 0]));
        assert!(looks_binary(b"ELF\0\x01"));
        assert!(!looks_binary(b"plain"));
    }
}
