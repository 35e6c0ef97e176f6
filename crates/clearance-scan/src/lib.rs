//! The scan pipeline of clearance: one pass of a product tree through walk, detect and catalog,
//! and the [`Inventory`] that joins their results.
//!
//! The walker reads every file once, on all cores. For each text file, detection (SPDX tags; full
//! license-text matching for license files) and the catalogers whose globs match run on the bytes
//! already in memory. The [`inventory`] step then gives each component the files under its root,
//! the licenses found there, and a concluded license with its reason.
//!
//! # Example
//! ```no_run
//! use clearance_scan::{scan, NoProgress, ScanOptions};
//! let inventory = scan(std::path::Path::new("."), &ScanOptions::default(), &NoProgress).unwrap();
//! for c in &inventory.components {
//!     println!("{} {:?}", c.purl, c.concluded.expression.as_ref().map(ToString::to_string));
//! }
//! ```

pub mod inventory;

use std::path::Path;

use clearance_catalog::{DiskTree, ManifestFile, Registry};
use clearance_detect::Detector;
use clearance_model::{Component, FileRecord, Inventory, Problem, sha256_hex};
use clearance_walk::{FileInfo, WalkError, WalkOptions, Walker};

pub use clearance_detect::DetectOptions;
pub use clearance_walk;

/// Options of a scan.
#[derive(Clone, Debug, Default)]
pub struct ScanOptions {
    /// Walk options (excludes, symlinks, size limit).
    pub walk: WalkOptions,
    /// Detection options (keep matched texts).
    pub detect: DetectOptions,
    /// The product's third-party notices files, besides those named like one
    /// ([`clearance_detect::is_third_party_notices`]): their text is kept and their findings
    /// belong to no component.
    pub notices: globset::GlobSet,
    /// Keep the text of every license file ([`FileRecord::text`]), for attribution checks and
    /// the notices generator.
    pub keep_license_texts: bool,
}

/// Why a scan could not run at all. Everything else is a [`Problem`] in the inventory.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// The walk could not start.
    #[error(transparent)]
    Walk(#[from] WalkError),
}

/// Result of one file.
struct FileResult {
    record: Option<FileRecord>,
    components: Vec<Component>,
    problems: Vec<Problem>,
}

/// Receives progress of a scan.
pub trait Progress: Sync {
    /// The tree has been enumerated: `files` regular files will be read.
    fn start(&self, files: u64);
    /// One file has been read (called from any thread).
    fn file(&self, info: &FileInfo);
}

/// A [`Progress`] that ignores everything.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _files: u64) {}
    fn file(&self, _info: &FileInfo) {}
}

/// Scans the tree under `root` and returns its inventory.
pub fn scan(
    root: &Path,
    opts: &ScanOptions,
    progress: &dyn Progress,
) -> Result<Inventory, ScanError> {
    // Index the license list while the tree is enumerated.
    let (walker, detector) = rayon::join(|| Walker::new(root, &opts.walk), Detector::new);
    let walker = walker?;
    progress.start(walker.file_count() as u64);
    let registry = Registry::new();
    let tree = DiskTree::new(root);
    let root_name = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| root.to_string_lossy().into_owned());

    // Binary files are read only for the catalogers that select them (package databases).
    let scanned = walker.scan_reading(
        |path| registry.is_manifest(path),
        |info, bytes| {
            let mut components = Vec::new();
            let mut problems = Vec::new();
            for (cataloger, _) in registry.matching(&info.path) {
                let catalog = cataloger.parse(&ManifestFile::new(&info.path, bytes, &tree));
                components.extend(catalog.components);
                problems.extend(catalog.problems);
            }
            if info.kind == clearance_model::FileKind::Binary {
                return FileResult {
                    record: None,
                    components,
                    problems,
                };
            }
            let det = detector.detect_with(&info.path, bytes, opts.detect);
            problems.extend(det.problems);
            let notices_file = clearance_detect::is_third_party_notices(&info.path)
                || opts.notices.is_match(&info.path);
            let keep = det.license_file
                || notices_file
                || !det.findings.is_empty()
                || !det.copyrights.is_empty()
                || !det.references.is_empty();
            let text = (notices_file || (opts.keep_license_texts && det.license_file))
                .then(|| clearance_detect::decode(bytes).into_owned());
            let record = keep.then(|| FileRecord {
                path: info.path.clone(),
                size: info.size,
                sha256: sha256_hex(bytes),
                sha1: clearance_model::sha1_hex(bytes),
                kind: info.kind,
                license_file: det.license_file,
                expression: None,
                findings: det.findings,
                copyrights: det.copyrights,
                references: det.references,
                truncated: det.truncated,
                notices_file,
                text,
            });
            FileResult {
                record,
                components,
                problems,
            }
        },
        |info| progress.file(info),
    );

    let mut files = Vec::new();
    let mut components = Vec::new();
    let mut problems = scanned.problems;
    for (_, r) in scanned.results {
        files.extend(r.record);
        components.extend(r.components);
        problems.extend(r.problems);
    }
    let read_detect = |path: &str| {
        use clearance_catalog::Tree;
        let bytes = tree.read(path).ok()?;
        Some(detector.match_texts(path, &clearance_detect::decode(&bytes)))
    };
    Ok(inventory::build_with(
        root_name,
        components,
        &mut files,
        &mut problems,
        scanned.stats,
        &read_detect,
    ))
}
