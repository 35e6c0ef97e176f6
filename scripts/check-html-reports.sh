#!/usr/bin/env bash
# Writes the HTML due-diligence report of every fixture product (and of two releases against a
# baseline) and checks each in headless Chromium with scripts/check-html-report.sh.
# Usage: scripts/check-html-reports.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/html-check}"
mkdir -p "$out"
cargo build --quiet --bin clearance
bin=target/debug/clearance

report() {
    local name=$1
    shift
    local status=0
    SOURCE_DATE_EPOCH=1700000000 "$bin" "$@" --quiet --report "$out/$name.html" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "clearance failed for $name (exit $status)" >&2
        exit 1
    fi
    scripts/check-html-report.sh "$out/$name.html" "$out/$name"
}

for tree in fixtures/projects/*/; do
    name=$(basename "$tree")
    if [ -f "$tree/acme-policy.toml" ]; then
        report "$name" scan "$tree" --policy "$tree/acme-policy.toml" --license-text
    else
        report "$name" scan "$tree" --license-text
    fi
done
SOURCE_DATE_EPOCH=1700000000 "$bin" scan fixtures/releases/v3.2.0 --quiet --report "$out/v3.2.0.json"
report releases-baseline scan fixtures/releases/v3.3.0 --baseline "$out/v3.2.0.json"
echo "every HTML report passed"
