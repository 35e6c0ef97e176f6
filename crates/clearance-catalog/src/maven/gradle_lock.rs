//! Gradle dependency lockfiles
//! (<https://docs.gradle.org/current/userguide/dependency_locking.html>).
//!
//! The single-file format (Gradle 6.8 and later) has one line per module,
//! `group:artifact:version=conf1,conf2`, and an `empty=conf3,conf4` line for configurations that
//! resolve to nothing; `#` starts a comment. The older format has one file per configuration,
//! `gradle/dependency-locks/<configuration>.lockfile`, with bare `group:artifact:version` lines.
//! Neither says which modules are direct dependencies, nor gives the graph.

use std::collections::BTreeSet;

use clearance_model::{Component, Ecosystem, Problem, ProblemCode, Scope};

use super::{maven_name, maven_purl};
use crate::util::source;
use crate::{Catalog, Cataloger, ManifestFile};

/// `gradle.lockfile`, `buildscript-gradle.lockfile`, `settings-gradle.lockfile` and
/// `gradle/dependency-locks/*.lockfile`:
/// the modules Gradle resolved, with a scope read from the configurations that use each.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, maven::GradleLockfile};
/// use clearance_model::Scope;
/// let tree = MemoryTree::default();
/// let lock = b"com.google.guava:guava:32.1.3-jre=compileClasspath,runtimeClasspath\nempty=\n";
/// let catalog = GradleLockfile.parse(&ManifestFile::new("gradle.lockfile", lock, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:maven/com.google.guava/guava@32.1.3-jre");
/// assert_eq!(catalog.components[0].scope, Some(Scope::Runtime));
/// ```
pub struct GradleLockfile;

/// `true` for a configuration used only to build or run tests (`testRuntimeClasspath`,
/// `androidTestCompileClasspath`, `integrationTestRuntimeClasspath`, `testFixturesApi`).
fn is_test_configuration(conf: &str) -> bool {
    conf.starts_with("test") || conf.contains("Test")
}

/// `true` for a classpath that ships: `runtimeClasspath`, or a variant's (`releaseRuntimeClasspath`).
fn is_runtime_configuration(conf: &str) -> bool {
    conf == "runtimeClasspath" || conf.ends_with("RuntimeClasspath")
}

/// The scope of a module from the configurations that resolve it: runtime when a non-test
/// runtime classpath uses it; build when only other non-test configurations do (a compile
/// classpath alone means `compileOnly`, which does not ship; annotation processors and the
/// buildscript classpath run only in the build); test when only test configurations do.
fn scope_of<'a>(confs: impl IntoIterator<Item = &'a str>, buildscript: bool) -> Option<Scope> {
    let mut seen = false;
    let mut non_test = false;
    for conf in confs {
        seen = true;
        if is_test_configuration(conf) {
            continue;
        }
        non_test = true;
        if is_runtime_configuration(conf) && !buildscript {
            return Some(Scope::Runtime);
        }
    }
    if !seen {
        None
    } else if non_test {
        Some(Scope::Build)
    } else {
        Some(Scope::Test)
    }
}

/// The configuration a legacy per-configuration lockfile is for
/// (`gradle/dependency-locks/runtimeClasspath.lockfile` → `runtimeClasspath`).
fn legacy_configuration(path: &str) -> Option<&str> {
    let (dir, name) = path.rsplit_once('/')?;
    if dir == "gradle/dependency-locks" || dir.ends_with("/gradle/dependency-locks") {
        name.strip_suffix(".lockfile")
    } else {
        None
    }
}

impl Cataloger for GradleLockfile {
    fn name(&self) -> &'static str {
        "gradle-lockfile"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Maven
    }

    fn globs(&self) -> &'static [&'static str] {
        &[
            "gradle.lockfile",
            "**/gradle.lockfile",
            "buildscript-gradle.lockfile",
            "**/buildscript-gradle.lockfile",
            "settings-gradle.lockfile",
            "**/settings-gradle.lockfile",
            "gradle/dependency-locks/*.lockfile",
            "**/gradle/dependency-locks/*.lockfile",
        ]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let text = String::from_utf8_lossy(file.contents);
        let legacy = legacy_configuration(file.path);
        let file_name = file.path.rsplit('/').next().unwrap_or(file.path);
        // The classpaths of build scripts and settings plugins run only in the build.
        let buildscript =
            file_name.starts_with("buildscript-") || file_name.starts_with("settings-");
        let mut components = Vec::new();
        let mut problems = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let entry = raw.trim().trim_start_matches('\u{feff}');
            if entry.is_empty() || entry.starts_with('#') {
                continue;
            }
            let (coords, confs): (&str, Vec<&str>) = match (legacy, entry.split_once('=')) {
                (_, Some(("empty", _))) => continue,
                (None, Some((coords, confs))) => (
                    coords.trim(),
                    confs
                        .split(',')
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .collect(),
                ),
                (Some(conf), None) => (entry, vec![conf]),
                (None, None) => {
                    problems.push(
                        Problem::new(
                            ProblemCode::ManifestParse,
                            file.path,
                            format!("`{entry}` is not `group:artifact:version=configurations`"),
                        )
                        .at_line(line),
                    );
                    continue;
                }
                (Some(_), Some(_)) => {
                    problems.push(
                        Problem::new(
                            ProblemCode::ManifestParse,
                            file.path,
                            format!("`{entry}` is not `group:artifact:version`"),
                        )
                        .at_line(line),
                    );
                    continue;
                }
            };
            let parts: Vec<&str> = coords.split(':').collect();
            let [group, artifact, version] = parts.as_slice() else {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestParse,
                        file.path,
                        format!("`{entry}` does not start with `group:artifact:version`"),
                    )
                    .at_line(line),
                );
                continue;
            };
            if group.is_empty() || artifact.is_empty() || version.is_empty() {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("`{coords}` has an empty group, artifact or version"),
                    )
                    .at_line(line),
                );
                continue;
            }
            let confs: BTreeSet<&str> = confs.into_iter().collect();
            let mut c = Component::new(
                Ecosystem::Maven,
                maven_name(Some(group), artifact),
                Some(version.to_string()),
                maven_purl(Some(group), artifact, Some(version)),
            );
            c.scope = scope_of(
                confs.iter().copied(),
                buildscript || legacy == Some("buildscript-classpath"),
            );
            c.sources.push(source(self.name(), file.path, Some(line)));
            components.push(c);
        }
        Catalog {
            components,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(path: &str, text: &str) -> Catalog {
        GradleLockfile.parse(&ManifestFile::new(
            path,
            text.as_bytes(),
            &MemoryTree::default(),
        ))
    }

    #[test]
    fn scopes_from_configurations() {
        let s = |confs: &[&str]| scope_of(confs.iter().copied(), false);
        assert_eq!(
            s(&["compileClasspath", "runtimeClasspath"]),
            Some(Scope::Runtime)
        );
        assert_eq!(s(&["releaseRuntimeClasspath"]), Some(Scope::Runtime));
        assert_eq!(s(&["compileClasspath"]), Some(Scope::Build));
        assert_eq!(s(&["annotationProcessor"]), Some(Scope::Build));
        assert_eq!(
            s(&["testCompileClasspath", "testRuntimeClasspath"]),
            Some(Scope::Test)
        );
        assert_eq!(
            s(&[
                "debugAndroidTestRuntimeClasspath",
                "testFixturesRuntimeClasspath"
            ]),
            Some(Scope::Test)
        );
        assert_eq!(s(&[]), None);
        assert_eq!(
            scope_of(["classpath"], true),
            Some(Scope::Build),
            "the buildscript classpath never ships"
        );
        assert_eq!(scope_of(["runtimeClasspath"], true), Some(Scope::Build));
    }

    #[test]
    fn entries_and_bad_lines() {
        let lock = "# This is a Gradle generated file for dependency locking.\n\
                    org.slf4j:slf4j-api:2.0.9=compileClasspath,runtimeClasspath\n\
                    junit:junit\n\
                    broken line\n\
                    :a:1.0=runtimeClasspath\n\
                    org.hamcrest:hamcrest-core:1.3=testRuntimeClasspath\n\
                    empty=annotationProcessor\n";
        let cat = parse("app/gradle.lockfile", lock);
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:maven/org.slf4j/slf4j-api@2.0.9",
                "pkg:maven/org.hamcrest/hamcrest-core@1.3"
            ]
        );
        assert_eq!(cat.components[0].name, "org.slf4j:slf4j-api");
        assert_eq!(cat.components[0].sources[0].line, Some(2));
        assert_eq!(cat.components[0].direct, None);
        assert_eq!(cat.components[1].scope, Some(Scope::Test));
        let problems: Vec<(Option<u32>, ProblemCode)> =
            cat.problems.iter().map(|p| (p.line, p.code)).collect();
        assert_eq!(
            problems,
            [
                (Some(3), ProblemCode::ManifestParse),
                (Some(4), ProblemCode::ManifestParse),
                (Some(5), ProblemCode::ManifestValue),
            ]
        );
        assert_eq!(
            cat.problems[0].message,
            "`junit:junit` is not `group:artifact:version=configurations`"
        );
    }

    #[test]
    fn legacy_per_configuration_lockfile() {
        let lock = "# comment\ncom.squareup.okio:okio:3.6.0\n";
        let cat = parse(
            "gradle/dependency-locks/testRuntimeClasspath.lockfile",
            lock,
        );
        assert_eq!(cat.components.len(), 1);
        assert_eq!(cat.components[0].scope, Some(Scope::Test));
        assert_eq!(cat.components[0].sources[0].line, Some(2));
        let cat = parse(
            "gradle/dependency-locks/buildscript-classpath.lockfile",
            "com.android.tools.build:gradle:8.1.0\n",
        );
        assert_eq!(cat.components[0].scope, Some(Scope::Build));
        let cat = parse(
            "gradle/dependency-locks/runtimeClasspath.lockfile",
            "a:b:1=runtimeClasspath\n",
        );
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems[0].line, Some(1));
        assert_eq!(legacy_configuration("gradle.lockfile"), None);
        let cat = parse(
            "settings-gradle.lockfile",
            "com.gradle:develocity-gradle-plugin:3.17=classpath\n",
        );
        assert_eq!(cat.components[0].scope, Some(Scope::Build));
    }

    #[test]
    fn empty_and_binary_input_do_not_panic() {
        assert_eq!(parse("gradle.lockfile", ""), Catalog::default());
        let cat = GradleLockfile.parse(&ManifestFile::new(
            "gradle.lockfile",
            &[0xff, 0xfe, b'\n', b'=', b'='],
            &MemoryTree::default(),
        ));
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems.len(), 2);
    }
}
