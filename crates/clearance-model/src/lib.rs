//! Data model of clearance, shared by every stage of a scan: the components found in a product
//! tree, the files and license findings with their evidence, the problems met on the way, and the
//! inventory that joins them. No I/O happens here.
//!
//! All paths are relative to the scanned root and use `/` as separator, so that reports and SBOMs
//! are identical whatever the machine.

pub mod declared;
pub mod expr;
pub mod families;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use expr::{LicenseExpr, LicenseTerm};

/// A package ecosystem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ecosystem {
    /// Rust crates (`Cargo.toml`, `Cargo.lock`, `cargo vendor` dirs).
    Cargo,
    /// JavaScript packages (`package.json`, `package-lock.json`, `node_modules`).
    Npm,
    /// Python distributions (`*.dist-info`, `*.egg-info`, lockfiles).
    Python,
    /// Go modules (`go.mod`, `go.sum`, `vendor/modules.txt`).
    Go,
    /// Java packages (`pom.xml`, `gradle.lockfile`, jars).
    Maven,
    /// Ruby gems (`Gemfile.lock`, gemspecs).
    Gem,
    /// PHP packages (`composer.json`, `composer.lock`).
    Composer,
    /// .NET packages (`packages.lock.json`, `*.csproj`, `*.nuspec`).
    Nuget,
    /// Debian packages (`var/lib/dpkg/status`).
    Deb,
    /// Alpine packages (`lib/apk/db/installed`).
    Apk,
    /// RPM packages (`var/lib/rpm/rpmdb.sqlite`).
    Rpm,
    /// Swift packages (`Package.resolved`).
    Swift,
    /// CocoaPods pods (`Podfile.lock`).
    Cocoapods,
    /// Dart and Flutter packages (`pubspec.lock`).
    Pub,
    /// C and C++ packages (`conan.lock`).
    Conan,
    /// Code without a package manager.
    Generic,
}

impl Ecosystem {
    /// The package-url type of the ecosystem.
    pub fn purl_type(self) -> &'static str {
        match self {
            Ecosystem::Cargo => "cargo",
            Ecosystem::Npm => "npm",
            Ecosystem::Python => "pypi",
            Ecosystem::Go => "golang",
            Ecosystem::Maven => "maven",
            Ecosystem::Gem => "gem",
            Ecosystem::Composer => "composer",
            Ecosystem::Nuget => "nuget",
            Ecosystem::Deb => "deb",
            Ecosystem::Apk => "apk",
            Ecosystem::Rpm => "rpm",
            Ecosystem::Swift => "swift",
            Ecosystem::Cocoapods => "cocoapods",
            Ecosystem::Pub => "pub",
            Ecosystem::Conan => "conan",
            Ecosystem::Generic => "generic",
        }
    }

    /// The name shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::Cargo => "cargo",
            Ecosystem::Npm => "npm",
            Ecosystem::Python => "python",
            Ecosystem::Go => "go",
            Ecosystem::Maven => "maven",
            Ecosystem::Gem => "gem",
            Ecosystem::Composer => "composer",
            Ecosystem::Nuget => "nuget",
            Ecosystem::Deb => "deb",
            Ecosystem::Apk => "apk",
            Ecosystem::Rpm => "rpm",
            Ecosystem::Swift => "swift",
            Ecosystem::Cocoapods => "cocoapods",
            Ecosystem::Pub => "pub",
            Ecosystem::Conan => "conan",
            Ecosystem::Generic => "generic",
        }
    }
}

impl fmt::Display for Ecosystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Builds a package URL (<https://github.com/package-url/purl-spec>).
///
/// Names are normalised the way each ecosystem's purl type asks (PyPI: lower case, `_` → `-`).
///
/// # Example
/// ```
/// use clearance_model::{purl, Ecosystem};
/// assert_eq!(purl(Ecosystem::Npm, Some("@babel"), "core", Some("7.24.0")), "pkg:npm/%40babel/core@7.24.0");
/// assert_eq!(purl(Ecosystem::Python, None, "Typing_Extensions", Some("4.12.2")), "pkg:pypi/typing-extensions@4.12.2");
/// ```
pub fn purl(eco: Ecosystem, namespace: Option<&str>, name: &str, version: Option<&str>) -> String {
    let name = match eco {
        Ecosystem::Python => python_normalised_name(name),
        _ => name.to_string(),
    };
    let built = packageurl::PackageUrl::new(eco.purl_type(), name.as_str()).and_then(|mut p| {
        if let Some(ns) = namespace.filter(|n| !n.is_empty()) {
            p.with_namespace(ns.to_string())?;
        }
        if let Some(v) = version.filter(|v| !v.is_empty()) {
            p.with_version(v.to_string())?;
        }
        Ok(p.to_string())
    });
    built.unwrap_or_else(|_| {
        // packageurl only fails on an empty name or type; keep a readable, still unique form.
        format!("pkg:{}/{}", eco.purl_type(), percent_encode(&name))
    })
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// PEP 503 normalised project name: lower case, runs of `-`, `_`, `.` become one `-`.
pub fn python_normalised_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.trim().chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
        } else {
            if sep && !out.is_empty() {
                out.push('-');
            }
            sep = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The package a purl names, without its version, qualifiers and subpath: `pkg:pypi/attrs@26.1.0`
/// and `pkg:pypi/attrs` are the same package.
///
/// # Example
/// ```
/// assert_eq!(clearance_model::purl_package("pkg:npm/%40babel/core@7.24.0?x=y"), "pkg:npm/%40babel/core");
/// assert_eq!(clearance_model::purl_package("pkg:cargo/serde"), "pkg:cargo/serde");
/// ```
pub fn purl_package(purl: &str) -> &str {
    let end = purl.find(['@', '?', '#']).unwrap_or(purl.len());
    &purl[..end]
}

/// Lower-case hex SHA-256 of `bytes`.
///
/// # Example
/// ```
/// assert_eq!(
///     clearance_model::sha256_hex(b"abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}

/// Lower-case hex SHA-1 of `bytes` (SPDX file checksums).
///
/// # Example
/// ```
/// assert_eq!(clearance_model::sha1_hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
/// ```
pub fn sha1_hex(bytes: &[u8]) -> String {
    use sha1::Digest;
    hex(&sha1::Sha1::digest(bytes))
}

/// Lower-case hex of `bytes`.
pub fn hex(digest: &[u8]) -> String {
    let mut s = String::with_capacity(digest.len() * 2);
    for b in digest.iter() {
        s.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        s.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    s
}

/// An inclusive, 1-based line range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Lines {
    /// First line (1-based).
    pub start: u32,
    /// Last line (inclusive).
    pub end: u32,
}

impl Lines {
    /// A range of lines.
    pub fn new(start: u32, end: u32) -> Self {
        Lines {
            start,
            end: end.max(start),
        }
    }

    /// A single line.
    pub fn one(line: u32) -> Self {
        Lines::new(line, line)
    }
}

impl fmt::Display for Lines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

/// Which detection technique produced a finding, cheapest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// An `SPDX-License-Identifier:` tag.
    SpdxTag,
    /// Full license text matched against the SPDX license list.
    LicenseText,
    /// A license's standard notice ("Licensed under the Apache License, Version 2.0 …").
    Notice,
    /// A short reference to a license: "released under the MIT license", `@license MIT`, a
    /// license URL, a README's license section.
    Reference,
    /// A reference to a license file ("see the file COPYING"), followed to that file.
    FileReference,
}

impl Tier {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::SpdxTag => "spdx-tag",
            Tier::LicenseText => "license-text",
            Tier::Notice => "notice",
            Tier::Reference => "reference",
            Tier::FileReference => "file-reference",
        }
    }
}

/// Where and how a license was found in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// File path, relative to the scanned root.
    pub path: String,
    /// Lines of the file that hold the match.
    pub lines: Lines,
    /// Match confidence from 0 to 1 (1 for a tag).
    pub confidence: f32,
    /// The technique that matched.
    pub tier: Tier,
    /// For a license text or notice that differs from the reference in substance (a word such
    /// as "not" inserted, clauses added), what differs; absent for a faithful copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The matched text, when asked for (`--license-text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The rule that matched, when it is not the license text itself (a notice rule of
    /// ScanCode's dataset: `scancode:gpl-2.0-plus_10.RULE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

impl Evidence {
    /// Evidence of a match in `path` at `lines`.
    pub fn new(path: impl Into<String>, lines: Lines, confidence: f32, tier: Tier) -> Self {
        Evidence {
            path: path.into(),
            lines,
            confidence,
            tier,
            modified: None,
            text: None,
            rule: None,
        }
    }
}

/// A reference from a file to a license file of its package ("see the file COPYING").
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LicenseFileRef {
    /// The file name as written (`COPYING`, `LICENSE.txt`).
    pub name: String,
    /// 1-based line of the reference.
    pub line: u32,
    /// The file it was followed to, when found in the package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
}

/// A copyright statement found in a file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Copyright {
    /// The statement, normalised ("Copyright (c) 2015-2020 The Foo Authors").
    pub statement: String,
    /// The holder named by it ("The Foo Authors"), when one could be told apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// 1-based line of the statement.
    pub line: u32,
}

/// A license found in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LicenseFinding {
    /// The license expression found.
    pub expression: LicenseExpr,
    /// Where it was found.
    pub evidence: Evidence,
}

/// What the walker made of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// Text (no NUL byte in its head).
    Text,
    /// Binary content; not searched for licenses.
    Binary,
}

/// A file that matters to the inventory: a license file, a manifest, or a file with findings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Path relative to the scanned root.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
    /// SHA-1 of the content, lower-case hex (SPDX requires it of every file).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sha1: String,
    /// Text or binary.
    pub kind: FileKind,
    /// `true` when the file's name marks it as a license file (`LICENSE*`, `COPYING*`, …).
    pub license_file: bool,
    /// The file's license: its findings joined with `AND`, leaving out a finding that another
    /// one already names (a license URL beside the sentence that names the same license).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<LicenseExpr>,
    /// Licenses found in it, in file order.
    pub findings: Vec<LicenseFinding>,
    /// Copyright statements found in it, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copyrights: Vec<Copyright>,
    /// References to license files of its package.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<LicenseFileRef>,
    /// Set when the file was larger than the detection budget and only its beginning was
    /// searched; says how much.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<String>,
    /// `true` for the product's third-party notices files (`THIRD_PARTY_NOTICES*`, or what the
    /// policy's `[product] notices` names): they describe other packages' licenses, so their
    /// findings belong to no component.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub notices_file: bool,
    /// The file's text, kept for notices files and, when asked, license files (attribution
    /// checks and the notices generator read it). Not serialised.
    #[serde(skip)]
    pub text: Option<String>,
}

/// The license of a file from its findings: distinct expressions joined with `AND`, where an
/// expression whose licenses are a strict subset of another's is left out (`MIT` beside
/// `MIT OR Apache-2.0`).
///
/// # Example
/// ```
/// use clearance_model::{file_expression, LicenseExpr};
/// let e = |s: &str| LicenseExpr::parse(s).unwrap();
/// assert_eq!(file_expression([e("MIT"), e("MIT OR Apache-2.0"), e("ISC")].iter()).unwrap().to_string(), "(MIT OR Apache-2.0) AND ISC");
/// ```
pub fn file_expression<'a>(exprs: impl Iterator<Item = &'a LicenseExpr>) -> Option<LicenseExpr> {
    let mut distinct: Vec<&LicenseExpr> = Vec::new();
    for e in exprs {
        if !distinct.iter().any(|d| d.sorted() == e.sorted()) {
            distinct.push(e);
        }
    }
    let ids: Vec<Vec<&str>> = distinct.iter().map(|e| e.license_ids()).collect();
    let kept: Vec<LicenseExpr> = distinct
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            !ids.iter().enumerate().any(|(j, other)| {
                j != *i
                    && other.len() > ids[*i].len()
                    && ids[*i].iter().all(|id| other.contains(id))
            })
        })
        .map(|(_, e)| (*e).clone())
        .collect();
    (!kept.is_empty()).then(|| LicenseExpr::and(kept))
}

/// Where a component was read from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Source {
    /// Name of the cataloger that read it (`cargo-lock`, `npm-package-json`, …).
    pub cataloger: String,
    /// Manifest or lockfile path, relative to the scanned root.
    pub path: String,
    /// Line of the entry in that file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// How a dependency is used, as the manifest or lockfile says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Needed at run time: ships with the product.
    Runtime,
    /// Needed only to develop the product (`devDependencies`, `require-dev`).
    Dev,
    /// Needed only to run the product's tests (Maven `test`, Gradle `testRuntimeClasspath`).
    Test,
    /// Needed only to build the product.
    Build,
    /// Installed only when available.
    Optional,
}

impl Scope {
    /// The name used in manifests, policies and reports (`runtime`, `dev`, `build`, `optional`).
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Runtime => "runtime",
            Scope::Dev => "dev",
            Scope::Build => "build",
            Scope::Test => "test",
            Scope::Optional => "optional",
        }
    }

    /// How much a dependency of this scope ships, for choosing between scopes when several
    /// paths lead to a package (one shipping path is enough for its license to apply): runtime
    /// 3, optional 2, build 1, dev and test 0.
    pub fn shipping_rank(self) -> u8 {
        match self {
            Scope::Runtime => 3,
            Scope::Optional => 2,
            Scope::Build => 1,
            Scope::Dev | Scope::Test => 0,
        }
    }
}

/// A license as a manifest declares it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeclaredLicense {
    /// The string as written (`MIT/Apache-2.0`, `SEE LICENSE IN LICENSE.md`, a classifier).
    pub raw: String,
    /// The SPDX expression it was read as, when one could be formed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<LicenseExpr>,
    /// How the raw string was read.
    pub reading: declared::Reading,
    /// A file the manifest points to for the license text (Cargo `license-file`, npm
    /// `SEE LICENSE IN`), relative to the scanned root.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license_file: Option<String>,
    /// Notes on how it was read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The manifest it came from.
    pub source: Source,
}

/// Why a component's concluded license is what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConclusionReason {
    /// The declared license and the license texts in the component agree.
    Agree,
    /// Only a declared license is known (no license text found in the component's files).
    DeclaredOnly,
    /// Only license texts were found; nothing was declared.
    DetectedOnly,
    /// The license texts name licenses the declaration does not: both are kept (`AND`) and the
    /// component needs review.
    Conflict,
    /// Neither declared nor detected.
    None,
}

/// A component's concluded license.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Concluded {
    /// The expression the policy evaluates; absent when nothing is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<LicenseExpr>,
    /// Why.
    pub reason: ConclusionReason,
    /// A sentence for the reader.
    pub explanation: String,
    /// Set when a license text in the component's key files differs from the license in
    /// substance: which text, and how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
}

/// Who wrote a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The product's own code (a workspace member, the root `package.json`).
    FirstParty,
    /// A dependency.
    ThirdParty,
}

/// A package found in the tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Package URL; the component's identity in the inventory.
    pub purl: String,
    /// Ecosystem.
    pub ecosystem: Ecosystem,
    /// Package name as the ecosystem spells it (`@babel/core`, `serde`).
    pub name: String,
    /// Version, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// First or third party.
    pub origin: Origin,
    /// Scope, when a manifest or lockfile says it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// `true` for a direct dependency of the product, `false` for a transitive one, when a
    /// manifest or lockfile says which.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct: Option<bool>,
    /// Directories that hold the installed package, relative to the scanned root. Empty when the
    /// package is only named by a lockfile.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roots: Vec<String>,
    /// Files owned by the package when its format lists them (Python `RECORD`); these take
    /// precedence over directory ownership.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owned_files: Vec<String>,
    /// Licenses declared by its manifests (one per source that declares one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declared: Vec<DeclaredLicense>,
    /// Licenses found in its license files and tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub detected: Vec<LicenseFinding>,
    /// The license the policy evaluates.
    pub concluded: Concluded,
    /// Where the component was read from.
    pub sources: Vec<Source>,
    /// Purls of the components it depends on (from lockfiles), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<String>,
    /// Copyright statements found in its files, de-duplicated, in path order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copyrights: Vec<String>,
    /// Its own license files (`LICENSE*`, `COPYING*`, `NOTICE*` at its root or in its
    /// `licenses/` directory), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub license_files: Vec<String>,
    /// The organisation or person that distributes the package, as its metadata names it
    /// (Debian `Maintainer`, RPM `Vendor`, a supplier SBOM's `supplier`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    /// Its authors as its manifest names them (`authors` in `Cargo.toml`, `author` in
    /// `package.json`, `Author` in Python metadata), in manifest order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Checksums of the package's distributed archive, from lockfiles (`Cargo.lock` checksum,
    /// npm `integrity`, …), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hashes: Vec<Checksum>,
}

/// A hash algorithm of a [`Checksum`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum HashAlgorithm {
    /// MD5.
    #[serde(rename = "MD5")]
    Md5,
    /// SHA-1.
    #[serde(rename = "SHA-1")]
    Sha1,
    /// SHA-256.
    #[serde(rename = "SHA-256")]
    Sha256,
    /// SHA-384.
    #[serde(rename = "SHA-384")]
    Sha384,
    /// SHA-512.
    #[serde(rename = "SHA-512")]
    Sha512,
}

impl HashAlgorithm {
    /// The algorithm's name as CycloneDX writes it (`SHA-256`).
    pub fn as_str(self) -> &'static str {
        match self {
            HashAlgorithm::Md5 => "MD5",
            HashAlgorithm::Sha1 => "SHA-1",
            HashAlgorithm::Sha256 => "SHA-256",
            HashAlgorithm::Sha384 => "SHA-384",
            HashAlgorithm::Sha512 => "SHA-512",
        }
    }

    /// Length of a digest of this algorithm in hex digits.
    pub fn hex_len(self) -> usize {
        match self {
            HashAlgorithm::Md5 => 32,
            HashAlgorithm::Sha1 => 40,
            HashAlgorithm::Sha256 => 64,
            HashAlgorithm::Sha384 => 96,
            HashAlgorithm::Sha512 => 128,
        }
    }
}

/// A checksum: an algorithm and a lower-case hex digest.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Checksum {
    /// The algorithm.
    pub algorithm: HashAlgorithm,
    /// Lower-case hex digest.
    pub value: String,
}

impl Checksum {
    /// A checksum from a hex digest; `None` when `hex` is not a digest of that algorithm.
    ///
    /// # Example
    /// ```
    /// use clearance_model::{Checksum, HashAlgorithm};
    /// let c = Checksum::from_hex(HashAlgorithm::Sha1, "A9993E364706816ABA3E25717850C26C9CD0D89D").unwrap();
    /// assert_eq!(c.value, "a9993e364706816aba3e25717850c26c9cd0d89d");
    /// assert!(Checksum::from_hex(HashAlgorithm::Sha256, "a9993e").is_none());
    /// ```
    pub fn from_hex(algorithm: HashAlgorithm, hex: &str) -> Option<Checksum> {
        let hex = hex.trim();
        (hex.len() == algorithm.hex_len() && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(
            || Checksum {
                algorithm,
                value: hex.to_ascii_lowercase(),
            },
        )
    }
}

impl Component {
    /// A component with nothing known yet but its identity.
    pub fn new(
        ecosystem: Ecosystem,
        name: impl Into<String>,
        version: Option<String>,
        purl: String,
    ) -> Self {
        Component {
            purl,
            ecosystem,
            name: name.into(),
            version,
            origin: Origin::ThirdParty,
            scope: None,
            direct: None,
            roots: Vec::new(),
            owned_files: Vec::new(),
            declared: Vec::new(),
            detected: Vec::new(),
            concluded: Concluded {
                expression: None,
                reason: ConclusionReason::None,
                explanation: String::new(),
                modified: None,
            },
            sources: Vec::new(),
            dependencies: Vec::new(),
            copyrights: Vec::new(),
            license_files: Vec::new(),
            supplier: None,
            authors: Vec::new(),
            hashes: Vec::new(),
        }
    }
}

/// Stable codes for problems met during a scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemCode {
    /// A file or directory could not be read.
    Unreadable,
    /// A symbolic link was not followed.
    Symlink,
    /// A symbolic link loop.
    SymlinkLoop,
    /// A FIFO, socket or device file.
    SpecialFile,
    /// A file larger than the size limit.
    TooLarge,
    /// A file name that is not valid UTF-8 (shown with replacement characters).
    NonUtf8Path,
    /// A manifest or lockfile that could not be parsed (in whole or in part).
    ManifestParse,
    /// A manifest value that is out of place (unknown lockfile version, missing field, …).
    ManifestValue,
    /// A license file the manifest points to is missing.
    MissingLicenseFile,
    /// An `SPDX-License-Identifier` tag whose expression does not parse.
    InvalidSpdxTag,
    /// A manifest inside a third-party package that is not the package's own (its tests'
    /// `requirements.txt`, a packaging template): it describes how that package is built, not
    /// what the product ships, so its entries are not inventoried.
    DependencyTooling,
}

impl ProblemCode {
    /// The kebab-case code.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::Unreadable => "unreadable",
            ProblemCode::Symlink => "symlink",
            ProblemCode::SymlinkLoop => "symlink-loop",
            ProblemCode::SpecialFile => "special-file",
            ProblemCode::TooLarge => "too-large",
            ProblemCode::NonUtf8Path => "non-utf8-path",
            ProblemCode::ManifestParse => "manifest-parse",
            ProblemCode::ManifestValue => "manifest-value",
            ProblemCode::MissingLicenseFile => "missing-license-file",
            ProblemCode::InvalidSpdxTag => "invalid-spdx-tag",
            ProblemCode::DependencyTooling => "dependency-tooling",
        }
    }

    /// `true` when the problem means a file was not scanned.
    pub fn is_skip(self) -> bool {
        matches!(
            self,
            ProblemCode::Unreadable
                | ProblemCode::Symlink
                | ProblemCode::SymlinkLoop
                | ProblemCode::SpecialFile
                | ProblemCode::TooLarge
        )
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem met during the scan. Problems never stop a scan; they are reported.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Problem {
    /// The file it concerns, relative to the scanned root (`.` for the root itself).
    pub path: String,
    /// Line in that file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Stable code.
    pub code: ProblemCode,
    /// What happened, for a human.
    pub message: String,
}

impl Problem {
    /// A problem about a file.
    pub fn new(code: ProblemCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line: None,
            code,
            message: message.into(),
        }
    }

    /// The same problem at a line.
    pub fn at_line(mut self, line: u32) -> Self {
        self.line = Some(line);
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {} [{}]", self.path, l, self.message, self.code),
            None => write!(f, "{}: {} [{}]", self.path, self.message, self.code),
        }
    }
}

/// Counts from the walk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkStats {
    /// Regular files seen (scanned or not).
    pub files: u64,
    /// Bytes in the files that were read.
    pub bytes: u64,
    /// Text files searched.
    pub text_files: u64,
    /// Binary files recognised and not searched.
    pub binary_files: u64,
    /// Files or entries skipped (see the problems for why).
    pub skipped: u64,
    /// Directories and files left out by `--exclude` globs.
    pub excluded: u64,
    /// Modification time of the newest file walked, in seconds since the Unix epoch: the time of
    /// the content described (the SBOM timestamp when the build gives none). Not serialised.
    #[serde(skip)]
    pub newest_mtime: Option<i64>,
}

/// A file of the product's own code that carries a license other than the product's: copied
/// code, a GPL header in a proprietary tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForeignLicense {
    /// The file.
    pub path: String,
    /// The license it carries (all its findings joined with `AND`).
    pub expression: LicenseExpr,
    /// The findings.
    pub findings: Vec<LicenseFinding>,
    /// The product's own license, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_license: Option<LicenseExpr>,
}

/// The whole result of a scan: what the product contains.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inventory {
    /// Name of the scanned root (its directory name).
    pub root_name: String,
    /// Every component, sorted by purl.
    pub components: Vec<Component>,
    /// Files that carry license information (license files and files with findings), sorted by
    /// path.
    pub files: Vec<FileRecord>,
    /// Files of the product's own code under a license that is not the product's, sorted by
    /// path.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign: Vec<ForeignLicense>,
    /// Problems, sorted by path, line and code.
    pub problems: Vec<Problem>,
    /// Walk counts.
    pub stats: WalkStats,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purls_per_ecosystem() {
        assert_eq!(
            purl(Ecosystem::Cargo, None, "serde", Some("1.0.200")),
            "pkg:cargo/serde@1.0.200"
        );
        assert_eq!(purl(Ecosystem::Npm, None, "lodash", None), "pkg:npm/lodash");
        assert_eq!(
            purl(Ecosystem::Python, None, "Zope.Interface", Some("6.0")),
            "pkg:pypi/zope-interface@6.0"
        );
        assert_eq!(
            purl(Ecosystem::Generic, None, "third_party/zlib", None),
            "pkg:generic/third_party%2Fzlib"
        );
    }

    #[test]
    fn python_names() {
        assert_eq!(python_normalised_name("Foo__Bar-.baz"), "foo-bar-baz");
    }

    #[test]
    fn problem_display() {
        let p = Problem::new(
            ProblemCode::ManifestParse,
            "a/package.json",
            "expected value",
        )
        .at_line(3);
        assert_eq!(
            p.to_string(),
            "a/package.json:3: expected value [manifest-parse]"
        );
    }
}
