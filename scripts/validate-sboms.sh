#!/usr/bin/env bash
# Scans every fixture product (and clearance's own repository), writes each SBOM format
# (CycloneDX 1.5 JSON and XML, SPDX 2.3 JSON and tag-value), and validates every document with
# the official tooling: cyclonedx-python-lib (JSON schema, XSD), spdx-tools (pyspdxtools' parser
# and validator) and ntia-conformance-checker (NTIA minimum elements). Then checks that the
# validators reject broken documents.
# Usage: scripts/validate-sboms.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/sbom-validation}"
venv="target/ci-venv"
mkdir -p "$out"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import cyclonedx.validation.xml, spdx_tools, ntia_conformance_checker' 2>/dev/null; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        'cyclonedx-python-lib[json-validation,xml-validation]>=8,<12' \
        'spdx-tools>=0.8,<0.9' 'ntia-conformance-checker>=6,<7'
fi
py="$venv/bin/python"

cargo build --quiet --bin clearance
bin=target/debug/clearance

# scan_to NAME DIR [ARGS...]: writes $out/NAME.{cdx.json,cdx.xml,spdx.json,spdx} and validates
# them; a policy verdict (exit 0 or 1) is fine.
scan_to() {
    local name=$1 dir=$2
    shift 2
    local status=0
    SOURCE_DATE_EPOCH=1700000000 "$bin" scan "$dir" --quiet \
        --sbom "$out/$name.cdx.json" --sbom "$out/$name.cdx.xml" \
        --sbom "$out/$name.spdx.json" --sbom "$out/$name.spdx" "$@" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "clearance failed on $dir (exit $status)" >&2
        exit 1
    fi
    "$py" scripts/validate_sboms.py --known "$out/$name.cdx.json" \
        "$out/$name.cdx.json" "$out/$name.cdx.xml" "$out/$name.spdx.json" "$out/$name.spdx"
}

for tree in fixtures/projects/*/; do
    scan_to "$(basename "$tree")" "$tree" --files
done
# clearance's own files are not listed: its license knowledge base and its tests name every SPDX
# identifier, some newer than the validator's license list, and `+` on identifiers it rejects.
scan_to clearance . --exclude target --exclude fixtures

# Negative controls: each validator must reject a document that breaks its format.
"$py" - "$out" <<'PY'
import json, re, sys
out = sys.argv[1]
doc = json.load(open(f"{out}/clearance.cdx.json"))
doc["components"][0]["type"] = "not-a-component-type"
json.dump(doc, open(f"{out}/broken.cdx.json", "w"))
xml = open(f"{out}/clearance.cdx.xml").read()
open(f"{out}/broken.cdx.xml", "w").write(xml.replace("<components>", "<components><unknown/>", 1))
doc = json.load(open(f"{out}/clearance.spdx.json"))
doc["dataLicense"] = "MIT"
json.dump(doc, open(f"{out}/broken.spdx.json", "w"))
tv = open(f"{out}/clearance.spdx").read()
open(f"{out}/broken.spdx", "w").write(re.sub(r"(?m)^Created: .*\n", "", tv, count=1))
# A supplier the metadata names but the document leaves out.
doc = json.load(open(f"{out}/03_python_venv.spdx.json"))
with_supplier = [p for p in doc["packages"] if p.get("supplier", "NOASSERTION") != "NOASSERTION"]
assert with_supplier, "the fixture has packages with a supplier"
with_supplier[0]["supplier"] = "NOASSERTION"
json.dump(doc, open(f"{out}/ntia-broken.spdx.json", "w"))
PY
for broken in broken.cdx.json broken.cdx.xml broken.spdx.json broken.spdx; do
    if "$py" scripts/validate_sboms.py "$out/$broken" 2>/dev/null; then
        echo "the validator accepted an invalid document: $broken" >&2
        exit 1
    fi
done
if "$py" scripts/validate_sboms.py --known "$out/03_python_venv.cdx.json" "$out/ntia-broken.spdx.json" 2>/dev/null; then
    echo "the NTIA check accepted a document without a known supplier" >&2
    exit 1
fi
echo "negative controls rejected as expected"
