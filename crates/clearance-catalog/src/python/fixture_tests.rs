//! The Python project and lockfile catalogers run through the registry on the fixtures in
//! `fixtures/ecosystems/python/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/python/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("python", scenario)
}

/// `(cataloger, purl, scope, direct)` of every component of a scan, for spot checks.
fn rows(scan: &Value) -> Vec<(String, String, String, String)> {
    let s = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => "-".to_string(),
        other => other.to_string(),
    };
    scan.as_array()
        .into_iter()
        .flatten()
        .flat_map(|file| {
            let cataloger = s(&file["cataloger"]);
            file["components"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |c| {
                    (
                        cataloger.clone(),
                        s(&c["purl"]),
                        s(&c["scope"]),
                        s(&c["direct"]),
                    )
                })
        })
        .collect()
}

fn has(rows: &[(String, String, String, String)], purl: &str, scope: &str, direct: &str) -> bool {
    rows.iter()
        .any(|(_, p, s, d)| p == purl && s == scope && d == direct)
}

#[test]
fn fixture_requirements() {
    let got = scan("requirements");
    let r = rows(&got);
    assert!(has(&r, "pkg:pypi/flask@3.1.3", "-", "true"), "{r:?}");
    assert!(has(&r, "pkg:pypi/markupsafe@3.0.4", "-", "false"), "{r:?}");
    // Unpinned, with the version from `-c constraints.txt`.
    assert!(has(&r, "pkg:pypi/pytest@8.3.3", "-", "-"), "{r:?}");
    assert!(has(&r, "pkg:pypi/sphinx", "-", "-"), "{r:?}");
    insta::assert_json_snapshot!("requirements", got);
}

#[test]
fn fixture_poetry_lock_v1() {
    let got = scan("poetry-lock-v1");
    let r = rows(&got);
    assert!(has(&r, "pkg:pypi/click@8.1.8", "runtime", "true"), "{r:?}");
    assert!(has(&r, "pkg:pypi/pluggy@1.6.0", "dev", "false"), "{r:?}");
    insta::assert_json_snapshot!("poetry_lock_v1", got);
}

#[test]
fn fixture_poetry_lock_v2_0() {
    let got = scan("poetry-lock-v2.0");
    let r = rows(&got);
    // Lock 2.0 records no group: the scopes come from pyproject.toml and the graph.
    assert!(
        has(&r, "pkg:pypi/colorama@0.4.6", "runtime", "false"),
        "{r:?}"
    );
    assert!(
        has(&r, "pkg:pypi/pysocks@1.7.1", "optional", "true"),
        "{r:?}"
    );
    assert!(has(&r, "pkg:pypi/tomli@2.5.0", "dev", "false"), "{r:?}");
    insta::assert_json_snapshot!("poetry_lock_v2_0", got);
}

#[test]
fn fixture_poetry_lock_v2_1() {
    let got = scan("poetry-lock-v2.1");
    let r = rows(&got);
    assert!(
        has(&r, "pkg:pypi/colorama@0.4.6", "runtime", "false"),
        "{r:?}"
    );
    assert!(
        has(&r, "pkg:pypi/pysocks@1.7.1", "optional", "true"),
        "{r:?}"
    );
    insta::assert_json_snapshot!("poetry_lock_v2_1", got);
}

#[test]
fn fixture_pipfile_lock() {
    let got = scan("pipfile-lock");
    let r = rows(&got);
    assert!(
        has(&r, "pkg:pypi/urllib3@2.8.0", "runtime", "true"),
        "{r:?}"
    );
    assert!(has(&r, "pkg:pypi/pluggy@1.7.0", "dev", "false"), "{r:?}");
    insta::assert_json_snapshot!("pipfile_lock", got);
}

#[test]
fn fixture_uv_lock() {
    let got = scan("uv-lock");
    let r = rows(&got);
    // The fork: both click versions are direct runtime dependencies of the project.
    assert!(has(&r, "pkg:pypi/click@8.1.8", "runtime", "true"), "{r:?}");
    assert!(has(&r, "pkg:pypi/click@8.5.1", "runtime", "true"), "{r:?}");
    assert!(
        has(&r, "pkg:pypi/pysocks@1.7.1", "optional", "true"),
        "{r:?}"
    );
    assert!(
        has(&r, "pkg:pypi/typing-extensions@4.16.0", "dev", "false"),
        "{r:?}"
    );
    insta::assert_json_snapshot!("uv_lock", got);
}

#[test]
fn fixture_pdm_lock() {
    let got = scan("pdm-lock");
    let r = rows(&got);
    assert!(
        has(&r, "pkg:pypi/colorama@0.4.6", "runtime", "false"),
        "{r:?}"
    );
    assert!(
        has(&r, "pkg:pypi/pysocks@1.7.1", "optional", "true"),
        "{r:?}"
    );
    assert!(has(&r, "pkg:pypi/pluggy@1.6.0", "dev", "false"), "{r:?}");
    insta::assert_json_snapshot!("pdm_lock", got);
}

#[test]
fn fixture_pylock() {
    let got = scan("pylock");
    let r = rows(&got);
    // No graph in the file: direct dependencies get their scope from pyproject.toml, the others
    // are transitive with no scope.
    assert!(has(&r, "pkg:pypi/click@8.5.1", "runtime", "true"), "{r:?}");
    assert!(has(&r, "pkg:pypi/pytest@9.2.0", "dev", "true"), "{r:?}");
    assert!(has(&r, "pkg:pypi/pluggy@1.7.0", "-", "false"), "{r:?}");
    insta::assert_json_snapshot!("pylock", got);
}

#[test]
fn fixture_pyproject() {
    let got = scan("pyproject");
    let r = rows(&got);
    assert!(has(&r, "pkg:pypi/acme-portal", "-", "-"), "{r:?}");
    assert!(has(&r, "pkg:pypi/django", "runtime", "true"), "{r:?}");
    assert!(
        has(&r, "pkg:pypi/psycopg@3.2.3", "runtime", "true"),
        "{r:?}"
    );
    assert!(
        has(&r, "pkg:pypi/acme-proto@0.3.1", "runtime", "true"),
        "{r:?}"
    );
    assert!(
        has(&r, "pkg:pypi/requests@2.32.3", "runtime", "true"),
        "{r:?}"
    );
    // A vendored project lists no dependencies of its own.
    assert!(
        !r.iter().any(|(_, p, _, _)| p.contains("webencodings")),
        "{r:?}"
    );
    insta::assert_json_snapshot!("pyproject", got);
}

#[test]
fn fixture_lockfiles_corrupt() {
    insta::assert_json_snapshot!("lockfiles_corrupt", scan("lockfiles-corrupt"));
}

/// Which files the project and lockfile catalogers pick up, and what an empty one gives.
#[test]
fn fixture_empty_files_selection() {
    let got = crate::fixture_support::empty_file_outcomes("python/projects");
    let expected = [
        ("Pipfile", "", "-"),
        ("Pipfile.lock", "python-pipfile-lock", "parse problem"),
        ("constraints.txt", "", "-"),
        ("dev-requirements.txt", "", "-"),
        ("docs/requirements.txt.bak", "", "-"),
        ("pdm.lock", "python-pdm-lock", "parse problem"),
        ("poetry.lock", "python-poetry-lock", "parse problem"),
        ("poetry.toml", "", "-"),
        ("pylock.toml", "python-pylock", "parse problem"),
        ("pylock.toml.bak", "", "-"),
        ("pyproject.toml", "python-pyproject", "nothing"),
        ("pyproject.toml.orig", "", "-"),
        ("requirements-dev.txt", "python-requirements", "nothing"),
        ("requirements.in", "", "-"),
        ("requirements.txt", "python-requirements", "nothing"),
        ("requirements/base.txt", "python-requirements", "nothing"),
        (
            "requirements/constraints.txt",
            "python-requirements",
            "nothing",
        ),
        ("setup.cfg", "", "-"),
        ("svc/pylock.dev.toml", "python-pylock", "parse problem"),
        ("svc/pyproject.toml", "python-pyproject", "nothing"),
        ("svc/uv.lock", "python-uv-lock", "parse problem"),
        ("uv.toml", "", "-"),
        (
            "venv/lib/python3.12/site-packages/somepkg/requirements.txt",
            "python-requirements",
            "nothing",
        ),
    ];
    let got: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(p, c, o)| (p.as_str(), c.as_str(), *o))
        .collect();
    assert_eq!(got, expected);
}

/// Every prefix of the fixture files (cut every few bytes, also inside UTF-8 sequences) and byte
/// garbage: the catalogers report problems and never panic; what they read has a name.
#[test]
fn truncated_and_garbage_input_never_panics() {
    use crate::{Cataloger, ManifestFile, MemoryTree};
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/ecosystems/python"
    );
    let cases: [(&dyn Cataloger, &str, &str); 6] = [
        (
            &super::PythonRequirements,
            "requirements/requirements.txt",
            "requirements.txt",
        ),
        (
            &super::PythonPoetryLock,
            "poetry-lock-v2.1/poetry.lock",
            "poetry.lock",
        ),
        (
            &super::PythonPoetryLock,
            "poetry-lock-v1/poetry.lock",
            "poetry.lock",
        ),
        (&super::PythonUvLock, "uv-lock/uv.lock", "uv.lock"),
        (
            &super::PythonPipfileLock,
            "pipfile-lock/Pipfile.lock",
            "Pipfile.lock",
        ),
        (
            &super::PythonPyproject,
            "pyproject/pyproject.toml",
            "pyproject.toml",
        ),
    ];
    let tree = MemoryTree::default();
    let mut seed: u32 = 0x2545_f491;
    let mut garbage = Vec::new();
    for _ in 0..4096 {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        garbage.push((seed >> 24) as u8);
    }
    let mut parsed = 0;
    for (cataloger, fixture, path) in cases {
        let bytes = std::fs::read(format!("{root}/{fixture}")).expect("fixture file");
        let mut inputs: Vec<&[u8]> = (0..bytes.len()).step_by(23).map(|n| &bytes[..n]).collect();
        inputs.push(&garbage);
        for input in inputs {
            let cat = cataloger.parse(&ManifestFile::new(path, input, &tree));
            assert!(cat.components.iter().all(|c| !c.name.is_empty()));
            parsed += 1;
        }
    }
    assert!(parsed > 500, "{parsed}");
}
