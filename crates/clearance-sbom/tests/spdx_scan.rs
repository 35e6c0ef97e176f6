//! SPDX documents of a real scan of a fixture project, with and without files.

use std::path::Path;

use clearance_sbom::{SbomOptions, spdx_json, spdx_tag_value};

fn inventory() -> clearance_model::Inventory {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/projects/03_python_venv");
    clearance_scan::scan(&root, &Default::default(), &clearance_scan::NoProgress).unwrap()
}

fn opts(files: bool) -> SbomOptions {
    SbomOptions {
        // A fixed time, whatever `SOURCE_DATE_EPOCH` says.
        timestamp: Some("2024-05-01T12:00:00Z".into()),
        tool_version: "0.0.0-test".into(),
        files,
        license_text: false,
    }
}

#[test]
fn python_venv_spdx() {
    let inv = inventory();
    for files in [false, true] {
        let suffix = if files { "files" } else { "packages" };
        let json = String::from_utf8(spdx_json(&inv, &opts(files)).unwrap()).unwrap();
        insta::assert_snapshot!(format!("python_venv_{suffix}_json"), json);
        let tv = String::from_utf8(spdx_tag_value(&inv, &opts(files)).unwrap()).unwrap();
        insta::assert_snapshot!(format!("python_venv_{suffix}_tv"), tv);
    }
}
