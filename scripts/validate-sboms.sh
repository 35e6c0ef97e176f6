#!/usr/bin/env bash
# Scans every fixture product (and clearance's own repository), writes CycloneDX 1.5 JSON SBOMs,
# and validates each against the official CycloneDX 1.5 JSON schema with cyclonedx-python-lib.
# Usage: scripts/validate-sboms.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/sbom-validation}"
venv="target/ci-venv"
mkdir -p "$out"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import cyclonedx.validation.json' 2>/dev/null; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'cyclonedx-python-lib[json-validation]>=8,<12'
fi

cargo build --quiet --bin clearance
bin=target/debug/clearance

# scan_to NAME DIR [ARGS...]: writes $out/NAME.cdx.json; a policy verdict (exit 0 or 1) is fine.
sboms=()
scan_to() {
    local name=$1 dir=$2
    shift 2
    local status=0
    SOURCE_DATE_EPOCH=1700000000 "$bin" scan "$dir" --quiet --sbom "$out/$name.cdx.json" "$@" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "clearance failed on $dir (exit $status)" >&2
        exit 1
    fi
    sboms+=("$out/$name.cdx.json")
}

for tree in fixtures/projects/*/; do
    scan_to "$(basename "$tree")" "$tree"
done
scan_to clearance . --exclude target --exclude fixtures

"$venv/bin/python" scripts/validate_cyclonedx.py "${sboms[@]}"

# Negative control: the validator must reject a document that breaks the schema.
broken="$out/broken.cdx.json"
"$venv/bin/python" - "$out/clearance.cdx.json" "$broken" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["components"][0]["type"] = "not-a-component-type"
json.dump(doc, open(sys.argv[2], "w"))
PY
if "$venv/bin/python" scripts/validate_cyclonedx.py "$broken" 2>/dev/null; then
    echo "the validator accepted an invalid document" >&2
    exit 1
fi
echo "negative control rejected as expected"
