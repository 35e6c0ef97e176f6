//! The Ruby catalogers run through the registry on the fixtures in `fixtures/ecosystems/ruby/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/ruby/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("ruby", scenario)
}
