//! Catalogers: one per manifest or lockfile format, each selected by file-name globs.
//!
//! A cataloger only parses. It gets one file (path and bytes) plus read access to the rest of the
//! tree, and returns the components it could read *and* the problems it met: a corrupt lockfile
//! gives a problem with a location, plus whatever parsed. [`merge`] then joins what several
//! catalogers found about the same package (a lockfile entry and the installed directory) into
//! one component.
//!
//! # Example
//! ```
//! use clearance_catalog::{Registry, ManifestFile, MemoryTree};
//! let registry = Registry::new();
//! let tree = MemoryTree::default();
//! let json = br#"{"name": "left-pad", "version": "1.3.0", "license": "WTFPL"}"#;
//! let (cataloger, _) = registry.matching("node_modules/left-pad/package.json").next().unwrap();
//! let catalog = cataloger.parse(&ManifestFile::new("node_modules/left-pad/package.json", json, &tree));
//! assert_eq!(catalog.components[0].purl, "pkg:npm/left-pad@1.3.0");
//! ```

pub mod cargo;
pub mod cocoapods;
pub mod composer;
pub mod conan;
pub mod dart;
#[cfg(test)]
mod fixture_support;
pub mod go;
pub mod maven;
mod merge;
pub mod npm;
pub mod nuget;
pub mod python;
pub mod ruby;
pub mod swift;
pub mod system;
mod tree;
mod util;

use clearance_model::{Component, Ecosystem, Problem};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

pub use merge::merge;
pub use tree::{DiskTree, MemoryTree, Tree};

/// One manifest or lockfile handed to a cataloger.
pub struct ManifestFile<'a> {
    /// Path relative to the scanned root, `/`-separated.
    pub path: &'a str,
    /// The file's bytes.
    pub contents: &'a [u8],
    /// Read access to other files of the tree (a workspace root, a `RECORD` beside `METADATA`).
    pub tree: &'a dyn Tree,
}

impl<'a> ManifestFile<'a> {
    /// A manifest file.
    pub fn new(path: &'a str, contents: &'a [u8], tree: &'a dyn Tree) -> Self {
        ManifestFile {
            path,
            contents,
            tree,
        }
    }

    /// The directory that holds the file (`""` at the root).
    pub fn dir(&self) -> &'a str {
        util::parent(self.path)
    }

    /// The contents as UTF-8, or a problem naming the file.
    pub fn text(&self) -> Result<&'a str, Problem> {
        std::str::from_utf8(self.contents).map_err(|e| {
            let line = line_of_offset(self.contents, e.valid_up_to());
            Problem::new(
                clearance_model::ProblemCode::ManifestParse,
                self.path,
                format!("not valid UTF-8 (byte {})", e.valid_up_to()),
            )
            .at_line(line)
        })
    }
}

/// 1-based line number of a byte offset.
pub fn line_of_offset(bytes: &[u8], offset: usize) -> u32 {
    let end = offset.min(bytes.len());
    (memchr_count(b'\n', &bytes[..end]) + 1) as u32
}

fn memchr_count(needle: u8, hay: &[u8]) -> usize {
    hay.iter().filter(|&&b| b == needle).count()
}

/// What a cataloger read from one file.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Catalog {
    /// Components read (possibly partial: what could be read).
    pub components: Vec<Component>,
    /// Problems met, with file and line where known.
    pub problems: Vec<Problem>,
}

impl Catalog {
    /// A catalog with a single problem and nothing read.
    pub fn problem(p: Problem) -> Self {
        Catalog {
            components: Vec::new(),
            problems: vec![p],
        }
    }
}

/// One manifest or lockfile format of one ecosystem, e.g. `npm-package-lock`.
pub trait Cataloger: Send + Sync {
    /// Stable kebab-case name, recorded on each component's sources.
    fn name(&self) -> &'static str;
    /// The ecosystem of the components it produces.
    fn ecosystem(&self) -> Ecosystem;
    /// Globs over the root-relative path that select the files it reads.
    fn globs(&self) -> &'static [&'static str];
    /// Parses one file.
    fn parse(&self, file: &ManifestFile<'_>) -> Catalog;
}

/// Every cataloger, sorted by name (a test keeps it sorted and unique).
pub static CATALOGERS: &[&dyn Cataloger] = &[
    &system::ApkInstalled,
    &cargo::CargoLock,
    &cargo::CargoToml,
    &cocoapods::CocoapodsPodfileLock,
    &composer::ComposerInstalledJson,
    &composer::ComposerJson,
    &composer::ComposerLock,
    &conan::ConanLock,
    &dart::DartPubspecLock,
    &system::DpkgStatus,
    &go::GoDepLock,
    &go::GoGlideLock,
    &go::GoGovendor,
    &go::GoMod,
    &go::GoSum,
    &go::GoVendorModules,
    &go::GoWork,
    &maven::GradleLockfile,
    &maven::GradleVersionCatalog,
    &maven::MavenJar,
    &maven::MavenPom,
    &npm::NpmPackageJson,
    &npm::NpmPackageLock,
    &npm::NpmPnpmLock,
    &npm::NpmYarnLock,
    &nuget::NugetNuspec,
    &nuget::NugetPackagesConfig,
    &nuget::NugetPackagesLock,
    &nuget::NugetProject,
    &nuget::NugetProjectAssets,
    &python::PythonDistInfo,
    &python::PythonEggInfo,
    &python::PythonPdmLock,
    &python::PythonPipfileLock,
    &python::PythonPoetryLock,
    &python::PythonPylock,
    &python::PythonPyproject,
    &python::PythonRequirements,
    &python::PythonUvLock,
    &system::RpmDb,
    &ruby::RubyGemfileLock,
    &ruby::RubyGemspec,
    &swift::SwiftPackageResolved,
];

/// The catalogers with their globs compiled into one matcher.
pub struct Registry {
    set: GlobSet,
    owners: Vec<usize>,
}

impl Default for Registry {
    fn default() -> Self {
        Self::new()
    }
}

impl Registry {
    /// Compiles the globs of every cataloger in [`CATALOGERS`].
    pub fn new() -> Self {
        let mut builder = GlobSetBuilder::new();
        let mut owners = Vec::new();
        for (i, c) in CATALOGERS.iter().enumerate() {
            for g in c.globs() {
                let glob = GlobBuilder::new(g)
                    .literal_separator(true)
                    .build()
                    .unwrap_or_else(|e| {
                        panic!("cataloger {} has an invalid glob {g}: {e}", c.name())
                    });
                builder.add(glob);
                owners.push(i);
            }
        }
        let set = builder.build().expect("cataloger globs compile");
        Registry { set, owners }
    }

    /// The catalogers whose globs match `path` (root-relative, `/`-separated), each once, with
    /// the index of the cataloger in [`CATALOGERS`].
    pub fn matching<'a>(
        &'a self,
        path: &str,
    ) -> impl Iterator<Item = (&'static dyn Cataloger, usize)> + 'a {
        let mut hits: Vec<usize> = self
            .set
            .matches(path)
            .into_iter()
            .map(|m| self.owners[m])
            .collect();
        hits.sort_unstable();
        hits.dedup();
        hits.into_iter().map(|i| (CATALOGERS[i], i))
    }

    /// `true` when any cataloger reads `path`.
    pub fn is_manifest(&self, path: &str) -> bool {
        self.set.is_match(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogers_are_sorted_and_unique() {
        let names: Vec<&str> = CATALOGERS.iter().map(|c| c.name()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
        for n in names {
            assert!(
                n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{n} is not kebab-case"
            );
        }
    }

    /// `docs/ecosystems.md` names every cataloger.
    #[test]
    fn every_cataloger_is_documented() {
        let docs = include_str!("../../../docs/ecosystems.md");
        for c in CATALOGERS {
            assert!(
                docs.contains(&format!("`{}`", c.name())),
                "docs/ecosystems.md does not name `{}`",
                c.name()
            );
        }
    }

    /// Every cataloger has at least one fixture scenario (outside `empty-files/`) with a file it
    /// reads: `fixtures/ecosystems/<ecosystem>/<scenario>/…`.
    #[test]
    fn every_cataloger_has_fixtures() {
        let root = std::path::Path::new(fixture_support::FIXTURES);
        let mut paths = Vec::new();
        fixture_support::files(root, root, &mut paths);
        let registry = Registry::new();
        for c in CATALOGERS {
            let covered = paths.iter().any(|p| {
                let mut parts = p.splitn(3, '/');
                let (_, scenario, rel) = (parts.next(), parts.next(), parts.next());
                scenario != Some("empty-files")
                    && rel.is_some_and(|rel| {
                        registry.matching(rel).any(|(m, _)| m.name() == c.name())
                    })
            });
            assert!(covered, "cataloger `{}` has no fixture scenario", c.name());
        }
    }

    #[test]
    fn globs_select_expected_files() {
        let r = Registry::new();
        let names = |p: &str| r.matching(p).map(|(c, _)| c.name()).collect::<Vec<_>>();
        assert_eq!(names("Cargo.toml"), ["cargo-toml"]);
        assert_eq!(names("vendor/serde/Cargo.toml"), ["cargo-toml"]);
        assert_eq!(names("Cargo.lock"), ["cargo-lock"]);
        assert_eq!(names("web/package.json"), ["npm-package-json"]);
        assert_eq!(
            names("node_modules/@scope/a/package.json"),
            ["npm-package-json"]
        );
        assert_eq!(names("web/package-lock.json"), ["npm-package-lock"]);
        assert_eq!(names("yarn.lock"), ["npm-yarn-lock"]);
        assert_eq!(names("packages/web/yarn.lock"), ["npm-yarn-lock"]);
        assert!(names("yarn.lock.bak").is_empty());
        assert_eq!(names("pnpm-lock.yaml"), ["npm-pnpm-lock"]);
        assert_eq!(names("apps/web/pnpm-lock.yaml"), ["npm-pnpm-lock"]);
        assert!(names("pnpm-workspace.yaml").is_empty());
        assert_eq!(
            names("lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA"),
            ["python-dist-info"]
        );
        assert_eq!(names("src/foo.egg-info/PKG-INFO"), ["python-egg-info"]);
        assert_eq!(names("Gemfile.lock"), ["ruby-gemfile-lock"]);
        assert_eq!(names("apps/web/gems.locked"), ["ruby-gemfile-lock"]);
        assert_eq!(names("acme.gemspec"), ["ruby-gemspec"]);
        assert_eq!(
            names("vendor/bundle/ruby/3.2.0/specifications/rack-3.0.8.gemspec"),
            ["ruby-gemspec"]
        );
        assert_eq!(names("composer.json"), ["composer-json"]);
        assert_eq!(
            names("vendor/symfony/console/composer.json"),
            ["composer-json"]
        );
        assert_eq!(names("app/composer.lock"), ["composer-lock"]);
        assert_eq!(
            names("vendor/composer/installed.json"),
            ["composer-installed-json"]
        );
        assert_eq!(
            names("web/vendor/composer/installed.json"),
            ["composer-installed-json"]
        );
        assert!(names("installed.json").is_empty());
        assert!(names("vendor/composer/installed.php").is_empty());
        assert!(names("Gemfile").is_empty());
        assert!(names("Gemfile.lock.bak").is_empty());
        assert_eq!(names("pom.xml"), ["maven-pom"]);
        assert_eq!(names("core/pom.xml"), ["maven-pom"]);
        assert_eq!(
            names(".m2/repository/org/slf4j/slf4j-api/2.0.9/slf4j-api-2.0.9.pom"),
            ["maven-pom"]
        );
        assert_eq!(names("gradle.lockfile"), ["gradle-lockfile"]);
        assert_eq!(names("app/gradle.lockfile"), ["gradle-lockfile"]);
        assert_eq!(names("buildscript-gradle.lockfile"), ["gradle-lockfile"]);
        assert_eq!(names("settings-gradle.lockfile"), ["gradle-lockfile"]);
        assert_eq!(
            names("app/gradle/dependency-locks/runtimeClasspath.lockfile"),
            ["gradle-lockfile"]
        );
        assert!(names("pom.xml.bak").is_empty());
        assert_eq!(names("app.jar"), ["maven-jar"]);
        assert_eq!(names("lib/slf4j-api-2.0.9.jar"), ["maven-jar"]);
        assert_eq!(names("webapps/shop.war"), ["maven-jar"]);
        assert_eq!(names("deploy/shop.ear"), ["maven-jar"]);
        assert_eq!(names("libs/appcompat-1.6.1.aar"), ["maven-jar"]);
        assert!(names("lib/app.jar.sha1").is_empty());
        assert!(names("lib/app.jar.part").is_empty());
        assert_eq!(
            names("gradle/libs.versions.toml"),
            ["gradle-version-catalog"]
        );
        assert_eq!(
            names("tools/gradle/deps.versions.toml"),
            ["gradle-version-catalog"]
        );
        assert!(names("libs.versions.toml").is_empty());
        assert!(names("build.gradle").is_empty());
        assert_eq!(names("src/App/App.csproj"), ["nuget-project"]);
        assert_eq!(names("App.fsproj"), ["nuget-project"]);
        assert_eq!(names("src/Lib/Lib.vbproj"), ["nuget-project"]);
        assert_eq!(names("src/App/packages.lock.json"), ["nuget-packages-lock"]);
        assert_eq!(names("packages.config"), ["nuget-packages-config"]);
        assert_eq!(
            names(".nuget/packages/newtonsoft.json/13.0.3/newtonsoft.json.nuspec"),
            ["nuget-nuspec"]
        );
        assert!(names("src/App/App.csproj.user").is_empty());
        assert_eq!(
            names("src/App/obj/project.assets.json"),
            ["nuget-project-assets"]
        );
        assert!(names("src/App/project.assets.json").is_empty());
        assert!(names("Directory.Packages.props").is_empty());
        assert_eq!(names("go.mod"), ["go-mod"]);
        assert_eq!(names("cmd/tool/go.mod"), ["go-mod"]);
        assert_eq!(names("go.sum"), ["go-sum"]);
        assert_eq!(names("go.work.sum"), ["go-sum"]);
        assert_eq!(names("go.work"), ["go-work"]);
        assert_eq!(names("Gopkg.lock"), ["go-dep-lock"]);
        assert!(names("Gopkg.toml").is_empty());
        assert_eq!(names("vendor/vendor.json"), ["go-govendor"]);
        assert_eq!(names("glide.lock"), ["go-glide-lock"]);
        assert!(names("vendor.json").is_empty());
        assert_eq!(names("vendor/modules.txt"), ["go-vendor-modules"]);
        assert_eq!(names("svc/vendor/modules.txt"), ["go-vendor-modules"]);
        assert!(names("modules.txt").is_empty());
        assert!(names("go.mod.bak").is_empty());
        assert_eq!(names("requirements.txt"), ["python-requirements"]);
        assert_eq!(names("svc/requirements-dev.txt"), ["python-requirements"]);
        assert_eq!(names("requirements/prod.txt"), ["python-requirements"]);
        assert_eq!(names("poetry.lock"), ["python-poetry-lock"]);
        assert_eq!(names("svc/Pipfile.lock"), ["python-pipfile-lock"]);
        assert_eq!(names("uv.lock"), ["python-uv-lock"]);
        assert_eq!(names("libs/core/pyproject.toml"), ["python-pyproject"]);
        assert_eq!(names("pylock.toml"), ["python-pylock"]);
        assert_eq!(names("app/pdm.lock"), ["python-pdm-lock"]);
        assert_eq!(names("svc/pylock.dev.toml"), ["python-pylock"]);
        assert!(names("requirements.in").is_empty());
        assert!(names("docs/requirements/index.md").is_empty());
        assert!(names("Pipfile").is_empty());
        assert_eq!(names("var/lib/dpkg/status"), ["dpkg-status"]);
        assert_eq!(names("rootfs/var/lib/dpkg/status"), ["dpkg-status"]);
        assert_eq!(names("var/lib/dpkg/status.d/libc6"), ["dpkg-status"]);
        assert_eq!(names("lib/apk/db/installed"), ["apk-installed"]);
        assert_eq!(names("image/lib/apk/db/installed"), ["apk-installed"]);
        assert_eq!(names("var/lib/rpm/rpmdb.sqlite"), ["rpm-db"]);
        assert_eq!(names("usr/lib/sysimage/rpm/rpmdb.sqlite"), ["rpm-db"]);
        assert_eq!(names("image/var/lib/rpm/rpmdb.sqlite"), ["rpm-db"]);
        assert!(names("var/lib/rpm/rpmdb.sqlite-wal").is_empty());
        assert!(names("var/lib/dpkg/status-old").is_empty());
        assert!(names("var/lib/dpkg/status.d/sub/x").is_empty());
        assert!(names("usr/share/doc/zlib1g/copyright").is_empty());
        assert_eq!(names("Package.resolved"), ["swift-package-resolved"]);
        assert_eq!(
            names("App.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved"),
            ["swift-package-resolved"]
        );
        assert!(names("Package.swift").is_empty());
        assert_eq!(names("pubspec.lock"), ["dart-pubspec-lock"]);
        assert_eq!(names("apps/mobile/pubspec.lock"), ["dart-pubspec-lock"]);
        assert!(names("pubspec.yaml").is_empty());
        assert_eq!(names("conan.lock"), ["conan-lock"]);
        assert_eq!(names("build/conan.lock"), ["conan-lock"]);
        assert!(names("conanfile.txt").is_empty());
        assert_eq!(names("Podfile.lock"), ["cocoapods-podfile-lock"]);
        assert_eq!(names("ios/Podfile.lock"), ["cocoapods-podfile-lock"]);
        assert!(names("ios/Pods/Manifest.lock").is_empty());
        assert!(names("Podfile").is_empty());
        assert!(names("src/Cargo.toml.orig").is_empty());
        assert!(names("src/package.json5").is_empty());
    }
}
