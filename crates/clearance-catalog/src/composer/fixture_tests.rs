//! The Composer catalogers run through the registry on the fixtures in
//! `fixtures/ecosystems/composer/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/composer/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("composer", scenario)
}
