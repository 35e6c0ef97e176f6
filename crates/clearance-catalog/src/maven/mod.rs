//! Java: Maven POMs and Gradle lockfiles.
//!
//! - `pom.xml` and `*.pom`: one project (a module of the product, or a published POM in a
//!   Maven-layout repository directory such as `~/.m2/repository` or `/usr/share/maven-repo`),
//!   with its parent chain resolved inside the scanned tree, its properties interpolated, its
//!   declared licenses and its `<dependencies>`. A first-party POM also yields one component per
//!   dependency, known only by its coordinates. See [`MavenPom`].
//! - `gradle.lockfile` (Gradle 6.8 and later), `buildscript-gradle.lockfile`,
//!   `settings-gradle.lockfile` and the older
//!   per-configuration `gradle/dependency-locks/*.lockfile`: every resolved module, with the
//!   configurations that use it. See [`GradleLockfile`].
//! - `gradle/libs.versions.toml` (and other `gradle/*.versions.toml`): the libraries a Gradle
//!   version catalog declares, by coordinates. See [`GradleVersionCatalog`].
//!
//! - `*.jar` (and `*.war`, `*.ear`, `*.aar`): the Maven artifacts a Java archive embeds in
//!   `META-INF/maven/`, or its `META-INF/MANIFEST.MF`, and the jars nested in it. See
//!   [`MavenJar`].

mod gradle_lock;
mod jar;
mod pom;
mod version_catalog;

pub use gradle_lock::GradleLockfile;
pub use jar::{MAX_NESTED_JAR, MAX_TEXT_ENTRY, MAX_TEXT_TOTAL, MavenJar};
pub use pom::MavenPom;
pub use version_catalog::GradleVersionCatalog;

use clearance_model::{Ecosystem, purl};

/// The purl of Maven coordinates (`pkg:maven/org.slf4j/slf4j-api@2.0.9`).
fn maven_purl(group: Option<&str>, artifact: &str, version: Option<&str>) -> String {
    purl(Ecosystem::Maven, group, artifact, version)
}

/// The component name of Maven coordinates: `group:artifact`, or the artifact alone when the
/// group is unknown.
fn maven_name(group: Option<&str>, artifact: &str) -> String {
    match group.filter(|g| !g.is_empty()) {
        Some(g) => format!("{g}:{artifact}"),
        None => artifact.to_string(),
    }
}

#[cfg(test)]
mod fixture_tests;
