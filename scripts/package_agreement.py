#!/usr/bin/env python3
"""Per-package agreement of detected and declared licenses in a clearance report.

Usage:
  package_agreement.py REPORT.json [--list]

For every third-party component that ships a license file at its root (`LICENSE*`, `COPYING*`,
`NOTICE*`, … directly in the component's directory, or in a Python distribution's `.dist-info`
directory or its `licenses/` folder, with a finding in it) and declares a valid
SPDX license (read as an SPDX expression or mapped from a well-known name; not a `LicenseRef-`):

* the license files agree when every license detected in them is one the declaration names
  (by family: a text cannot tell `-only` from `-or-later`; `Python-2.0.1` is the text of
  `Python-2.0`), so a package declaring `MIT OR Apache-2.0` and shipping only `LICENSE-MIT`
  agrees;
* the conclusion agrees when clearance concluded "agree" from all the component's key files
  (license files anywhere in it, README license sections, manifests): stricter, since a README
  that names the licenses of bundled code makes a conflict for review.

Prints both shares; `--list` prints every component whose license files disagree, and every
conflict, with declared and detected licenses, for classification.
"""
import argparse
import json
import re
import sys

TOKEN = re.compile(r"[()]|[^\s()]+")


def families(expr):
    """The license families an expression names: `GPL-2.0-or-later` and `GPL-2.0-only` are
    `GPL-2.0`; an exception stays with its license."""
    out = set()
    toks = [t for t in TOKEN.findall(expr or "") if t not in ("(", ")")]
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.upper() in ("AND", "OR"):
            i += 1
            continue
        base = re.sub(r"(-only|-or-later|\+)$", "", t)
        base = {"Python-2.0.1": "Python-2.0"}.get(base, base)
        if i + 2 < len(toks) and toks[i + 1].upper() == "WITH":
            base = f"{base} WITH {toks[i + 2]}"
            i += 2
        out.add(base)
        i += 1
    return out


def at_root(path, roots):
    """`True` for a file directly in one of the component's root directories, or anywhere in a
    Python distribution's metadata directory (`.dist-info/licenses/…`)."""
    parent = path.rsplit("/", 1)[0]
    return parent in roots or re.search(r"\.(?:dist|egg)-info(?:/|$)", parent) is not None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report")
    ap.add_argument("--list", action="store_true", help="list the components that disagree")
    args = ap.parse_args()
    with open(args.report, encoding="utf-8") as f:
        report = json.load(f)
    license_files = {f["path"] for f in report.get("files", []) if f.get("license_file")}
    total = agree = files_agree = declared_found = 0
    missing = []
    reasons = {}
    others = []
    file_others = []
    for c in report["components"]:
        if c.get("origin") != "third-party":
            continue
        declared = [
            d for d in c.get("declared", [])
            if d.get("reading") in ("spdx", "mapped")
            and d.get("expression")
            and "LicenseRef-" not in d["expression"]
        ]
        roots = c.get("roots", [])
        shipped = [
            f for f in c.get("detected", [])
            if f["evidence"]["path"] in license_files and at_root(f["evidence"]["path"], roots)
        ]
        if not declared or not shipped:
            continue
        total += 1
        named = set().union(*(families(d["expression"]) for d in declared))
        found = set().union(*(families(f["expression"]) for f in shipped))
        # The declaration is found when its licenses are among those of the license files (one
        # of them for a plain choice `A OR B`, all of them otherwise).
        def present(expr):
            fams = families(expr)
            plain_choice = " OR " in expr and " AND " not in expr
            return bool(fams & found) if plain_choice else fams <= found
        if any(present(d["expression"]) for d in declared):
            declared_found += 1
        else:
            missing.append((c["purl"], " | ".join(sorted({d["expression"] for d in declared})),
                            " | ".join(sorted(found))))
        if found <= named:
            files_agree += 1
        else:
            file_others.append((c["purl"], " | ".join(sorted({d["expression"] for d in declared})),
                                " | ".join(sorted(found - named))))
        reason = c["concluded"]["reason"]
        reasons[reason] = reasons.get(reason, 0) + 1
        if reason == "agree":
            agree += 1
        else:
            others.append((c["purl"], " | ".join(sorted({d["expression"] for d in declared})),
                           " | ".join(sorted({f["expression"] for f in shipped})), reason))
    if total == 0:
        print("no component ships a license file and declares a valid license")
        return 1
    print(f"components with a license file at their root and a valid declared license: {total}")
    print(f"  license files agree with the declaration: {files_agree} ({100 * files_agree / total:.1f}%)")
    print(f"  declared license found in the license files: {declared_found} ({100 * declared_found / total:.1f}%)")
    print(f"  conclusion agrees (all key files): {agree} ({100 * agree / total:.1f}%)")
    print(f"  by conclusion: {dict(sorted(reasons.items()))}")
    if args.list:
        for purl, declared, extra in sorted(file_others):
            print(f"license-files\t{purl}\tdeclared: {declared}\tnot declared: {extra}")
        for purl, declared, detected in sorted(missing):
            print(f"declared-not-found\t{purl}\tdeclared: {declared}\tin license files: {detected}")
        for purl, declared, detected, reason in sorted(others):
            print(f"conclusion\t{purl}\t{reason}\tdeclared: {declared}\tin license files: {detected}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
