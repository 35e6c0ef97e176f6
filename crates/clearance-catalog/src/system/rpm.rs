//! `var/lib/rpm/rpmdb.sqlite`: the SQLite package database of RPM 4.16 and later (Fedora 33+,
//! RHEL 9, openSUSE), also at `usr/lib/sysimage/rpm/rpmdb.sqlite` where Fedora moved it.
//!
//! The table `Packages(hnum, blob)` holds one RPM header per installed package. A header blob is
//! a big-endian index count and data length, the index entries (tag, type, offset, count; 16
//! bytes each), then the data store
//! (<https://rpm-software-management.github.io/rpm/manual/format_header.html>). The Berkeley DB
//! (`Packages`) and NDB (`Packages.db`) databases of older systems are not read.

use std::collections::BTreeMap;

use clearance_model::{Component, Ecosystem, Problem, ProblemCode};
use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::{os_id, root_of, system_purl, under};
use crate::util::{declared_license, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `rpmdb.sqlite`: every installed RPM package, its declared license, its files, and its
/// dependencies among the installed packages.
pub struct RpmDb;

/// The purl namespace when the root filesystem has no `os-release`.
const DEFAULT_DISTRO: &str = "fedora";

/// Header tags read.
mod tag {
    pub const NAME: i32 = 1000;
    pub const VERSION: i32 = 1001;
    pub const RELEASE: i32 = 1002;
    pub const EPOCH: i32 = 1003;
    pub const VENDOR: i32 = 1011;
    pub const LICENSE: i32 = 1014;
    pub const PACKAGER: i32 = 1015;
    pub const ARCH: i32 = 1022;
    pub const SOURCERPM: i32 = 1044;
    pub const PROVIDENAME: i32 = 1047;
    pub const REQUIRENAME: i32 = 1049;
    pub const DIRINDEXES: i32 = 1116;
    pub const BASENAMES: i32 = 1117;
    pub const DIRNAMES: i32 = 1118;
}

/// Header data types.
mod ty {
    pub const INT32: u32 = 4;
    pub const STRING: u32 = 6;
    pub const STRING_ARRAY: u32 = 8;
    pub const I18NSTRING: u32 = 9;
}

impl Cataloger for RpmDb {
    fn name(&self) -> &'static str {
        "rpm-db"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Rpm
    }

    fn globs(&self) -> &'static [&'static str] {
        &[
            "var/lib/rpm/rpmdb.sqlite",
            "**/var/lib/rpm/rpmdb.sqlite",
            "usr/lib/sysimage/rpm/rpmdb.sqlite",
            "**/usr/lib/sysimage/rpm/rpmdb.sqlite",
        ]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        // SQLite takes an empty file for an empty database: nothing is installed.
        if file.contents.is_empty() {
            return Catalog::default();
        }
        let blobs = match read_blobs(file.contents) {
            Ok(b) => b,
            Err(message) => {
                return Catalog::problem(Problem::new(
                    ProblemCode::ManifestParse,
                    file.path,
                    message,
                ));
            }
        };
        let root = root_of(file.path, "var/lib/rpm/")
            .or_else(|| root_of(file.path, "usr/lib/sysimage/rpm/"))
            .unwrap_or_default();
        let distro = os_id(file.tree, root).unwrap_or_else(|| DEFAULT_DISTRO.to_string());
        let mut problems = Vec::new();
        let mut packages = Vec::new();
        for (hnum, blob) in &blobs {
            match Header::parse(blob).and_then(|h| Package::read(&h, &distro)) {
                Ok(Some(p)) => packages.push(p),
                Ok(None) => {}
                Err(e) => problems.push(Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    format!("package header {hnum}: {e}; skipped"),
                )),
            }
        }
        // Names, provides and files → the package that has them.
        let mut provider: BTreeMap<&str, &str> = BTreeMap::new();
        for p in &packages {
            provider.entry(&p.name).or_insert(&p.purl);
            for n in p.provides.iter().chain(&p.files) {
                provider.entry(n).or_insert(&p.purl);
            }
        }
        let mut components = Vec::new();
        for p in &packages {
            let mut c = Component::new(
                Ecosystem::Rpm,
                p.name.as_str(),
                Some(p.version.clone()),
                p.purl.clone(),
            );
            c.sources.push(source(self.name(), file.path, None));
            c.supplier = p.supplier.clone();
            if let Some(l) = &p.license {
                c.declared.push(declared_license(
                    l,
                    source(self.name(), file.path, None),
                    None,
                ));
            }
            let mut deps: Vec<String> = p
                .requires
                .iter()
                .filter_map(|r| provider.get(r.as_str()))
                .map(|s| s.to_string())
                .filter(|d| *d != p.purl)
                .collect();
            deps.sort();
            deps.dedup();
            c.dependencies = deps;
            let mut owned: Vec<String> = p
                .files
                .iter()
                .filter_map(|f| crate::util::join("", f.trim_start_matches('/')))
                .filter(|f| !f.is_empty())
                .map(|f| under(root, &f))
                .collect();
            owned.sort();
            owned.dedup();
            c.owned_files = owned;
            components.push(c);
        }
        components.sort_by(|a, b| a.purl.cmp(&b.purl));
        Catalog {
            components,
            problems,
        }
    }
}

/// The header blobs of the `Packages` table, in `hnum` order.
fn read_blobs(bytes: &[u8]) -> Result<Vec<(i64, Vec<u8>)>, String> {
    let not_db = |e: rusqlite::Error| format!("not a readable rpm SQLite database: {e}");
    let mut conn = Connection::open_with_flags(
        ":memory:",
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(not_db)?;
    if i32::try_from(bytes.len()).is_err() {
        return Err("database larger than 2 GiB; not read".to_string());
    }
    conn.deserialize_read_exact(MAIN_DB, bytes, bytes.len(), true)
        .map_err(not_db)?;
    let mut stmt = conn
        .prepare("SELECT hnum, blob FROM Packages ORDER BY hnum")
        .map_err(not_db)?;
    let rows = stmt
        .query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?))
        })
        .map_err(not_db)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(r.map_err(not_db)?);
    }
    Ok(out)
}

/// One index entry of a header.
#[derive(Clone, Copy, Debug)]
struct Entry {
    tag: i32,
    ty: u32,
    offset: usize,
    count: usize,
}

/// A parsed RPM header: index entries over a data store.
struct Header<'a> {
    entries: Vec<Entry>,
    data: &'a [u8],
}

/// Largest index count rpm itself accepts.
const MAX_ENTRIES: usize = 0xffff;

fn be_u32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([
        *s.first()?,
        *s.get(1)?,
        *s.get(2)?,
        *s.get(3)?,
    ]))
}

impl<'a> Header<'a> {
    fn parse(blob: &'a [u8]) -> Result<Header<'a>, String> {
        let (Some(il), Some(dl)) = (be_u32(blob, 0), be_u32(blob, 4)) else {
            return Err("blob shorter than a header".to_string());
        };
        let (il, dl) = (il as usize, dl as usize);
        if il > MAX_ENTRIES {
            return Err(format!("{il} index entries is more than a header holds"));
        }
        let index_end = 8 + il * 16;
        let data = index_end
            .checked_add(dl)
            .and_then(|end| blob.get(index_end..end))
            .ok_or_else(|| "header is cut short".to_string())?;
        let mut entries = Vec::with_capacity(il);
        for i in 0..il {
            let at = 8 + i * 16;
            let field = |k: usize| be_u32(blob, at + k * 4).unwrap_or_default();
            entries.push(Entry {
                tag: field(0) as i32,
                ty: field(1),
                offset: field(2) as usize,
                count: field(3) as usize,
            });
        }
        Ok(Header { entries, data })
    }

    fn entry(&self, tag: i32) -> Option<&Entry> {
        self.entries.iter().find(|e| e.tag == tag)
    }

    /// A string tag (the first string of an array or i18n tag).
    fn string(&self, tag: i32) -> Option<String> {
        let e = self.entry(tag)?;
        match e.ty {
            ty::STRING | ty::STRING_ARRAY | ty::I18NSTRING => {
                self.strings_at(e.offset, 1).into_iter().next()
            }
            _ => None,
        }
    }

    /// A string-array tag.
    fn strings(&self, tag: i32) -> Vec<String> {
        match self.entry(tag) {
            Some(e) if e.ty == ty::STRING_ARRAY => self.strings_at(e.offset, e.count),
            _ => Vec::new(),
        }
    }

    fn strings_at(&self, offset: usize, count: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut at = offset;
        for _ in 0..count {
            let Some(rest) = self.data.get(at..) else {
                break;
            };
            let Some(len) = rest.iter().position(|&b| b == 0) else {
                break;
            };
            out.push(String::from_utf8_lossy(rest.get(..len).unwrap_or_default()).into_owned());
            at += len + 1;
        }
        out
    }

    /// An INT32 (array) tag.
    fn int32s(&self, tag: i32) -> Vec<u32> {
        match self.entry(tag) {
            Some(e) if e.ty == ty::INT32 => (0..e.count)
                .map_while(|i| be_u32(self.data, e.offset.checked_add(i * 4)?))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// What the cataloger takes from one header.
struct Package {
    name: String,
    /// `[epoch:]version-release`.
    version: String,
    purl: String,
    license: Option<String>,
    /// `Vendor`, else `Packager`.
    supplier: Option<String>,
    provides: Vec<String>,
    requires: Vec<String>,
    /// Absolute paths of its files.
    files: Vec<String>,
}

impl Package {
    /// `None` for the `gpg-pubkey` entries rpm keeps for imported signing keys.
    fn read(h: &Header<'_>, distro: &str) -> Result<Option<Package>, String> {
        let name = h.string(tag::NAME).ok_or("no NAME tag")?;
        if name == "gpg-pubkey" {
            return Ok(None);
        }
        let version = h.string(tag::VERSION).ok_or("no VERSION tag")?;
        let release = h.string(tag::RELEASE);
        let epoch = h.int32s(tag::EPOCH).first().copied();
        let arch = h.string(tag::ARCH);
        let vr = match &release {
            Some(r) => format!("{version}-{r}"),
            None => version,
        };
        let epoch_s = epoch.map(|e| e.to_string());
        let purl = system_purl(
            Ecosystem::Rpm,
            distro,
            &name,
            Some(&vr),
            &[
                ("arch", arch.as_deref()),
                ("epoch", epoch_s.as_deref()),
                ("upstream", h.string(tag::SOURCERPM).as_deref()),
            ],
        );
        let full_version = match epoch {
            Some(e) => format!("{e}:{vr}"),
            None => vr,
        };
        let dirs = h.strings(tag::DIRNAMES);
        let files = h
            .strings(tag::BASENAMES)
            .into_iter()
            .zip(h.int32s(tag::DIRINDEXES))
            .filter_map(|(base, i)| Some(format!("{}{base}", dirs.get(i as usize)?)))
            .collect();
        Ok(Some(Package {
            name,
            version: full_version,
            purl,
            license: h.string(tag::LICENSE).filter(|l| !l.trim().is_empty()),
            supplier: [tag::VENDOR, tag::PACKAGER]
                .into_iter()
                .filter_map(|t| h.string(t))
                .map(|s| s.trim().to_string())
                .find(|s| !s.is_empty()),
            provides: h.strings(tag::PROVIDENAME),
            requires: h.strings(tag::REQUIRENAME),
            files,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a header blob from (tag, type, value) entries.
    pub(super) fn header(entries: &[(i32, u32, Value)]) -> Vec<u8> {
        let mut index = Vec::new();
        let mut data = Vec::new();
        for (tag, t, v) in entries {
            if *t == ty::INT32 {
                while data.len() % 4 != 0 {
                    data.push(0);
                }
            }
            let offset = data.len() as u32;
            let count = match v {
                Value::Str(s) => {
                    data.extend_from_slice(s.as_bytes());
                    data.push(0);
                    1
                }
                Value::Strs(ss) => {
                    for s in ss {
                        data.extend_from_slice(s.as_bytes());
                        data.push(0);
                    }
                    ss.len() as u32
                }
                Value::Ints(is) => {
                    for i in is {
                        data.extend_from_slice(&i.to_be_bytes());
                    }
                    is.len() as u32
                }
            };
            for x in [*tag as u32, *t, offset, count] {
                index.extend_from_slice(&x.to_be_bytes());
            }
        }
        let mut blob = Vec::new();
        blob.extend_from_slice(&(entries.len() as u32).to_be_bytes());
        blob.extend_from_slice(&(data.len() as u32).to_be_bytes());
        blob.extend(index);
        blob.extend(data);
        blob
    }

    #[derive(Clone)]
    pub(super) enum Value {
        Str(&'static str),
        Strs(Vec<&'static str>),
        Ints(Vec<u32>),
    }

    fn bash() -> Vec<u8> {
        header(&[
            (tag::NAME, ty::STRING, Value::Str("bash")),
            (tag::VERSION, ty::STRING, Value::Str("5.2.15")),
            (tag::RELEASE, ty::STRING, Value::Str("5.fc39")),
            (tag::LICENSE, ty::STRING, Value::Str("GPL-3.0-or-later")),
            (tag::ARCH, ty::STRING, Value::Str("x86_64")),
            (
                tag::REQUIRENAME,
                ty::STRING_ARRAY,
                Value::Strs(vec!["libc.so.6()(64bit)", "rpmlib(X)"]),
            ),
            (tag::DIRINDEXES, ty::INT32, Value::Ints(vec![0, 1])),
            (
                tag::BASENAMES,
                ty::STRING_ARRAY,
                Value::Strs(vec!["bash", "bash"]),
            ),
            (
                tag::DIRNAMES,
                ty::STRING_ARRAY,
                Value::Strs(vec!["/usr/bin/", "/usr/share/licenses/bash/"]),
            ),
        ])
    }

    #[test]
    fn header_fields() {
        let blob = bash();
        let h = Header::parse(&blob).unwrap();
        let p = Package::read(&h, "fedora").unwrap().unwrap();
        assert_eq!(p.purl, "pkg:rpm/fedora/bash@5.2.15-5.fc39?arch=x86_64");
        assert_eq!(p.version, "5.2.15-5.fc39");
        assert_eq!(p.license.as_deref(), Some("GPL-3.0-or-later"));
        assert_eq!(p.files, ["/usr/bin/bash", "/usr/share/licenses/bash/bash"]);
        assert_eq!(p.requires, ["libc.so.6()(64bit)", "rpmlib(X)"]);
        assert_eq!(p.supplier, None);
    }

    #[test]
    fn vendor_else_packager_is_the_supplier() {
        let with = |entries: &[(i32, u32, Value)]| {
            let mut all = vec![
                (tag::NAME, ty::STRING, Value::Str("a")),
                (tag::VERSION, ty::STRING, Value::Str("1")),
            ];
            all.extend(entries.iter().cloned());
            let blob = header(&all);
            Package::read(&Header::parse(&blob).unwrap(), "fedora")
                .unwrap()
                .unwrap()
                .supplier
        };
        assert_eq!(
            with(&[
                (tag::VENDOR, ty::STRING, Value::Str("Fedora Project")),
                (tag::PACKAGER, ty::STRING, Value::Str("Fedora Build System")),
            ])
            .as_deref(),
            Some("Fedora Project")
        );
        assert_eq!(
            with(&[
                (tag::VENDOR, ty::STRING, Value::Str(" ")),
                (tag::PACKAGER, ty::STRING, Value::Str("Jane <jane@x.org>")),
            ])
            .as_deref(),
            Some("Jane <jane@x.org>")
        );
        // A vendor of the wrong type is no vendor.
        assert_eq!(
            with(&[(tag::VENDOR, ty::INT32, Value::Ints(vec![1]))]),
            None
        );
    }

    #[test]
    fn epoch_and_source_rpm() {
        let blob = header(&[
            (tag::NAME, ty::STRING, Value::Str("openssl-libs")),
            (tag::VERSION, ty::STRING, Value::Str("3.1.1")),
            (tag::RELEASE, ty::STRING, Value::Str("4.fc39")),
            (tag::EPOCH, ty::INT32, Value::Ints(vec![1])),
            (tag::ARCH, ty::STRING, Value::Str("x86_64")),
            (
                tag::SOURCERPM,
                ty::STRING,
                Value::Str("openssl-3.1.1-4.fc39.src.rpm"),
            ),
        ]);
        let p = Package::read(&Header::parse(&blob).unwrap(), "fedora")
            .unwrap()
            .unwrap();
        assert_eq!(p.version, "1:3.1.1-4.fc39");
        assert_eq!(
            p.purl,
            "pkg:rpm/fedora/openssl-libs@3.1.1-4.fc39?arch=x86_64&epoch=1&upstream=openssl-3.1.1-4.fc39.src.rpm"
        );
    }

    #[test]
    fn broken_headers_are_errors_not_panics() {
        assert!(Header::parse(&[]).is_err());
        assert!(Header::parse(&[0, 0, 0, 1, 0, 0, 0, 0]).is_err());
        assert!(Header::parse(&[0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]).is_err());
        // An entry pointing past the data store reads as missing.
        let mut blob = bash();
        let cut = blob.len() - 10;
        blob.truncate(cut);
        assert!(Header::parse(&blob).is_err());
        let small = header(&[(tag::NAME, ty::STRING, Value::Str("x"))]);
        let h = Header::parse(&small).unwrap();
        let bad = Header {
            entries: vec![Entry {
                tag: tag::DIRINDEXES,
                ty: ty::INT32,
                offset: 1_000_000,
                count: 3,
            }],
            data: h.data,
        };
        assert!(bad.int32s(tag::DIRINDEXES).is_empty());
        let nameless = header(&[(tag::VERSION, ty::STRING, Value::Str("1"))]);
        assert!(Package::read(&Header::parse(&nameless).unwrap(), "fedora").is_err());
    }

    #[test]
    fn gpg_pubkeys_are_not_packages() {
        let blob = header(&[
            (tag::NAME, ty::STRING, Value::Str("gpg-pubkey")),
            (tag::VERSION, ty::STRING, Value::Str("18b8e74c")),
        ]);
        assert!(
            Package::read(&Header::parse(&blob).unwrap(), "fedora")
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn not_a_database_is_a_problem() {
        let tree = crate::MemoryTree::default();
        let cat = RpmDb.parse(&ManifestFile::new(
            "var/lib/rpm/rpmdb.sqlite",
            b"this is not SQLite",
            &tree,
        ));
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
    }
}
