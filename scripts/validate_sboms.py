#!/usr/bin/env python3
"""Validate SBOMs with the official tooling of each format.

- CycloneDX 1.5 JSON (`*.cdx.json`) against the JSON schema and XML (`*.cdx.xml`) against the
  XSD, with cyclonedx-python-lib.
- SPDX 2.3 JSON (`*.spdx.json`) and tag-value (`*.spdx`) with spdx-tools (the library behind
  `pyspdxtools`): parsed and fully validated.
- NTIA minimum elements of each SPDX document with ntia-conformance-checker: the SBOM author,
  timestamp, dependency relationships, and every component's name and identifier must be there,
  and the document must validate. A component may lack a supplier or a version only when its own
  metadata names none: `--known FILE.cdx.json` gives clearance's CycloneDX document of the same
  scan, and every component that has a supplier or version there must have it in the SPDX one.

Usage: validate_sboms.py [--known CDX_JSON] FILE...
Exit status 0 when every file is valid, 1 otherwise.
"""
import json
import sys


def cyclonedx_json(path):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    with open(path, encoding="utf-8") as f:
        error = JsonStrictValidator(SchemaVersion.V1_5).validate_str(f.read())
    return [] if error is None else [str(error)]


def cyclonedx_xml(path):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.xml import XmlValidator

    with open(path, encoding="utf-8") as f:
        error = XmlValidator(SchemaVersion.V1_5).validate_str(f.read())
    return [] if error is None else [str(error)]


def spdx(path):
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    try:
        doc = parse_file(path)
    except Exception as e:  # the parser raises its own error types with every message
        return [f"cannot parse: {e}"]
    return [m.validation_message for m in validate_full_spdx_document(doc)]


def ntia(path, known):
    from ntia_conformance_checker import NTIAChecker

    checker = NTIAChecker(file=path)
    errors = []
    for what, ok in [
        ("SBOM author", checker.doc_author),
        ("creation timestamp", checker.doc_timestamp),
        ("dependency relationships", checker.dependency_relationships),
    ]:
        if not ok:
            errors.append(f"NTIA: no {what}")
    for what, missing in [
        ("name", checker.components_without_names),
        ("identifier", checker.components_without_identifiers),
    ]:
        if missing:
            errors.append(f"NTIA: components without a {what}: {missing}")
    for m in checker.validation_messages or []:
        errors.append(f"NTIA validation: {m}")
    lacking = {
        "supplier": sorted(n for n, _ in checker.components_without_suppliers),
        "version": sorted(n for n, _ in checker.components_without_versions),
    }
    if known is not None:
        for field, names in lacking.items():
            wrong = sorted(set(names) & known[field])
            if wrong:
                errors.append(f"NTIA: {field} known but not written for {wrong}")
    print(
        f"  NTIA: {len(lacking['supplier'])} component(s) without a supplier, "
        f"{len(lacking['version'])} without a version in their metadata"
    )
    return errors


def known_fields(path):
    """Names of the components that have a supplier / a version in a CycloneDX JSON document."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    comps = list(doc.get("components", []))
    root = doc.get("metadata", {}).get("component")
    if root:
        comps.append(root)
    return {
        "supplier": {c["name"] for c in comps if c.get("supplier", {}).get("name")},
        "version": {c["name"] for c in comps if c.get("version")},
    }


def main(argv):
    known = None
    if argv[:1] == ["--known"]:
        known = known_fields(argv[1])
        argv = argv[2:]
    if not argv:
        print("no SBOM to validate", file=sys.stderr)
        return 1
    failed = 0
    for path in argv:
        if path.endswith(".cdx.json"):
            kind, errors = "CycloneDX 1.5 JSON", cyclonedx_json(path)
        elif path.endswith(".cdx.xml"):
            kind, errors = "CycloneDX 1.5 XML", cyclonedx_xml(path)
        elif path.endswith(".spdx.json") or path.endswith(".spdx"):
            kind, errors = "SPDX 2.3", spdx(path)
            if not errors:
                errors = ntia(path, known)
        else:
            print(f"unknown SBOM kind: {path}", file=sys.stderr)
            failed += 1
            continue
        if errors:
            failed += 1
            print(f"INVALID {kind}: {path}", file=sys.stderr)
            for e in errors:
                print(f"  {e}", file=sys.stderr)
        else:
            print(f"valid {kind}: {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
