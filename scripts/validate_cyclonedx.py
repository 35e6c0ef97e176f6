#!/usr/bin/env python3
"""Validate CycloneDX 1.5 JSON documents against the official schema (cyclonedx-python-lib).

Usage: validate_cyclonedx.py FILE...
Exit status 0 when every file is valid, 1 otherwise.
"""
import sys

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator


def main(paths):
    validator = JsonStrictValidator(SchemaVersion.V1_5)
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = f.read()
        error = validator.validate_str(data)
        if error is None:
            print(f"valid CycloneDX 1.5: {path}")
        else:
            failed += 1
            print(f"INVALID CycloneDX 1.5: {path}: {error}", file=sys.stderr)
    if not paths:
        print("no SBOM to validate", file=sys.stderr)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
