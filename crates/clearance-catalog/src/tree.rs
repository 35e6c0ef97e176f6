//! Read access to the scanned tree for catalogers that need a second file.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// Read-only access to files of the scanned tree by root-relative, `/`-separated path.
///
/// Paths that would leave the root (absolute, or with `..`) are refused.
pub trait Tree: Send + Sync {
    /// Reads a whole file.
    fn read(&self, path: &str) -> io::Result<Vec<u8>>;
    /// `true` when a regular file exists at `path`.
    fn is_file(&self, path: &str) -> bool;
}

fn check_relative(path: &str) -> io::Result<()> {
    if path.starts_with('/') || path.split('/').any(|c| c == "..") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{path}` is outside the scanned tree"),
        ));
    }
    Ok(())
}

/// The tree on disk under a root directory.
#[derive(Debug, Clone)]
pub struct DiskTree {
    root: PathBuf,
}

impl DiskTree {
    /// A tree rooted at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DiskTree { root: root.into() }
    }

    fn full(&self, path: &str) -> io::Result<PathBuf> {
        check_relative(path)?;
        Ok(if path.is_empty() {
            self.root.clone()
        } else {
            self.root.join(Path::new(path))
        })
    }
}

impl Tree for DiskTree {
    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.full(path)?)
    }

    fn is_file(&self, path: &str) -> bool {
        self.full(path)
            .ok()
            .and_then(|p| std::fs::symlink_metadata(p).ok())
            .is_some_and(|m| m.is_file())
    }
}

/// An in-memory tree, for tests and for catalogers run on a single file.
#[derive(Debug, Clone, Default)]
pub struct MemoryTree {
    files: BTreeMap<String, Vec<u8>>,
}

impl MemoryTree {
    /// Adds a file.
    pub fn with(mut self, path: &str, contents: impl Into<Vec<u8>>) -> Self {
        self.files.insert(path.to_string(), contents.into());
        self
    }
}

impl Tree for MemoryTree {
    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        check_relative(path)?;
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("`{path}` not found")))
    }

    fn is_file(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }
}
