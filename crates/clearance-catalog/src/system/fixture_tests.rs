//! The system-package catalogers run through the registry on the fixtures in
//! `fixtures/ecosystems/deb/`, `fixtures/ecosystems/apk/` and `fixtures/ecosystems/rpm/`.

use serde_json::Value;

use crate::fixture_support::{empty_file_outcomes, scan_fixture};

fn deb(scenario: &str) -> Value {
    scan_fixture("deb", scenario)
}

fn apk(scenario: &str) -> Value {
    scan_fixture("apk", scenario)
}

#[test]
fn fixture_deb_bookworm() {
    insta::assert_json_snapshot!("deb_bookworm", deb("bookworm"));
}

#[test]
fn fixture_deb_distroless() {
    insta::assert_json_snapshot!("deb_distroless", deb("distroless"));
}

#[test]
fn fixture_deb_ubuntu_jammy() {
    insta::assert_json_snapshot!("deb_ubuntu_jammy", deb("ubuntu-jammy"));
}

#[test]
fn fixture_deb_corrupt() {
    insta::assert_json_snapshot!("deb_corrupt", deb("corrupt"));
}

#[test]
fn fixture_apk_alpine() {
    insta::assert_json_snapshot!("apk_alpine_3_19", apk("alpine-3.19"));
}

#[test]
fn fixture_apk_corrupt() {
    insta::assert_json_snapshot!("apk_corrupt", apk("corrupt"));
}

fn rpm(scenario: &str) -> Value {
    scan_fixture("rpm", scenario)
}

#[test]
fn fixture_rpm_fedora() {
    insta::assert_json_snapshot!("rpm_fedora_39", rpm("fedora-39"));
}

#[test]
fn fixture_rpm_corrupt() {
    insta::assert_json_snapshot!("rpm_corrupt", rpm("corrupt"));
}

/// Which files the rpm cataloger picks up, and what an empty one gives (SQLite reads an empty
/// file as an empty database: nothing installed).
#[test]
fn fixture_rpm_empty_files_selection() {
    let got = outcomes("rpm");
    let expected = [
        ("rootfs/var/lib/rpm/rpmdb.sqlite", "rpm-db", "nothing"),
        ("rpmdb.sqlite", "", "-"),
        ("usr/lib/sysimage/rpm/rpmdb.sqlite", "rpm-db", "nothing"),
        ("var/lib/rpm/Packages", "", "-"),
        ("var/lib/rpm/Packages.db", "", "-"),
        ("var/lib/rpm/rpmdb.sqlite", "rpm-db", "nothing"),
        ("var/lib/rpm/rpmdb.sqlite-shm", "", "-"),
        ("var/lib/rpm/rpmdb.sqlite-wal", "", "-"),
    ];
    assert_eq!(as_strs(&got), expected);
}

fn outcomes(ecosystem: &str) -> Vec<(String, String, &'static str)> {
    empty_file_outcomes(ecosystem)
}

fn as_strs<'a>(got: &'a [(String, String, &'static str)]) -> Vec<(&'a str, &'a str, &'static str)> {
    got.iter()
        .map(|(p, c, o)| (p.as_str(), c.as_str(), *o))
        .collect()
}

/// Which files the dpkg cataloger picks up, and what an empty one gives: an empty database is a
/// root filesystem with nothing installed, so it gives nothing (and no problem).
#[test]
fn fixture_deb_empty_files_selection() {
    let got = outcomes("deb");
    let expected = [
        ("debian/control", "", "-"),
        ("debian/copyright", "", "-"),
        ("rootfs/var/lib/dpkg/status", "dpkg-status", "nothing"),
        ("status", "", "-"),
        ("usr/share/doc/zlib1g/copyright", "", "-"),
        ("var/lib/dpkg/available", "", "-"),
        ("var/lib/dpkg/info/zlib1g.list", "", "-"),
        ("var/lib/dpkg/status", "dpkg-status", "nothing"),
        ("var/lib/dpkg/status-old", "", "-"),
        ("var/lib/dpkg/status.d/libc6", "dpkg-status", "nothing"),
        (
            "var/lib/dpkg/status.d/libc6.md5sums",
            "dpkg-status",
            "nothing",
        ),
    ];
    assert_eq!(as_strs(&got), expected);
}

/// Which files the apk cataloger picks up, and what an empty one gives (nothing installed).
#[test]
fn fixture_apk_empty_files_selection() {
    let got = outcomes("apk");
    let expected = [
        ("etc/apk/repositories", "", "-"),
        ("etc/apk/world", "", "-"),
        ("installed", "", "-"),
        ("lib/apk/db/installed", "apk-installed", "nothing"),
        ("lib/apk/db/installed.old", "", "-"),
        ("lib/apk/db/scripts.tar", "", "-"),
        ("lib/apk/db/triggers", "", "-"),
        ("rootfs/lib/apk/db/installed", "apk-installed", "nothing"),
    ];
    assert_eq!(as_strs(&got), expected);
}
