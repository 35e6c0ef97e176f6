//! The Maven catalogers run through the registry on the fixtures in `fixtures/ecosystems/maven/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/maven/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("maven", scenario)
}

#[test]
fn fixture_multi_module() {
    insta::assert_json_snapshot!("multi_module", scan("multi-module"));
}

#[test]
fn fixture_debian_maven_repo() {
    insta::assert_json_snapshot!("debian_maven_repo", scan("debian-maven-repo"));
}

#[test]
fn fixture_gradle() {
    insta::assert_json_snapshot!("gradle", scan("gradle"));
}

#[test]
fn fixture_jars() {
    insta::assert_json_snapshot!("jars", scan("jars"));
}

#[test]
fn fixture_jars_corrupt() {
    insta::assert_json_snapshot!("jars_corrupt", scan("jars-corrupt"));
}

#[test]
fn fixture_corrupt() {
    insta::assert_json_snapshot!("corrupt", scan("corrupt"));
}

/// Which files the catalogers pick up, and what an empty one gives: a parse problem for a POM,
/// nothing for a lockfile or version catalog (an empty one lists nothing), a problem without a
/// line for an archive (not a zip), and look-alikes left alone.
#[test]
fn fixture_empty_files_selection() {
    let got = crate::fixture_support::empty_file_outcomes("maven");
    let expected = [
        (
            ".m2/repository/junit/junit/4.13.2/junit-4.13.2.pom",
            "maven-pom",
            "parse problem",
        ),
        (
            ".m2/repository/junit/junit/4.13.2/junit-4.13.2.pom.sha1",
            "",
            "-",
        ),
        (".mvn/wrapper/maven-wrapper.properties", "", "-"),
        ("app/gradle.lockfile", "gradle-lockfile", "nothing"),
        ("app/gradle.lockfile.orig", "", "-"),
        ("build.gradle", "", "-"),
        ("build.gradle.kts", "", "-"),
        ("buildscript-gradle.lockfile", "gradle-lockfile", "nothing"),
        ("core/pom.xml", "maven-pom", "parse problem"),
        ("core/pom.xml.bak", "", "-"),
        ("flattened-pom.xml", "", "-"),
        ("gradle.lockfile", "gradle-lockfile", "nothing"),
        ("gradle.properties", "", "-"),
        (
            "gradle/dependency-locks/runtimeClasspath.lockfile",
            "gradle-lockfile",
            "nothing",
        ),
        (
            "gradle/libs.versions.toml",
            "gradle-version-catalog",
            "nothing",
        ),
        ("gradle/verification-metadata.xml", "", "-"),
        (
            "lib/META-INF/maven/com.google.guava/guava/pom.properties",
            "",
            "-",
        ),
        (
            "lib/META-INF/maven/com.google.guava/guava/pom.xml",
            "maven-pom",
            "parse problem",
        ),
        ("lib/app.jar", "maven-jar", "archive problem"),
        ("lib/app.jar.part", "", "-"),
        ("lib/app.jar.sha1", "", "-"),
        ("libs.versions.toml", "", "-"),
        ("pom.xml", "maven-pom", "parse problem"),
        ("settings-gradle.lockfile", "gradle-lockfile", "nothing"),
        ("settings.gradle", "", "-"),
        ("webapps/shop.war", "maven-jar", "archive problem"),
    ];
    let got: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(p, c, o)| (p.as_str(), c.as_str(), *o))
        .collect();
    assert_eq!(got, expected);
}
