#!/usr/bin/env python3
"""Build the category table of clearance's license knowledge base.

Usage:
  build_license_kb.py DATA_DIR policies/licenses.tsv

DATA_DIR is the `licensedcode/data` directory of an installed scancode-toolkit (it holds
`licenses/*.LICENSE`). Each license there has a category curated by ScanCode's maintainers
(ScanCode LicenseDB, CC-BY-4.0). This script maps it to clearance's categories and writes one
row per license id as clearance reports it: the SPDX id where the license has one, else
`LicenseRef-scancode-<key>`. A few licenses are classified by clauses of their own text (the
network clause of the AGPL family) or are clearance's own ids; their rows name that source.

The output is sorted and deterministic; the build never runs this script, it reads the table.
"""
import os
import re
import sys

# ScanCode category -> clearance category.
CATEGORIES = {
    "Permissive": "permissive",
    "Public Domain": "public-domain",
    "Copyleft": "strong-copyleft",
    "Copyleft Limited": "weak-copyleft",
    "Source-available": "source-available",
    "Free Restricted": "source-available",
    "Proprietary Free": "proprietary",
    "Commercial": "proprietary",
    "Patent License": "unknown",
    "Unstated License": "unknown",
    "CLA": "unknown",
}

# Licenses whose copyleft is triggered by use over a network, by a clause of their text.
NETWORK = {
    "AGPL-1.0": "§2(d): a program that interacts with users over a network must offer its source",
    "AGPL-1.0-only": "§2(d): a program that interacts with users over a network must offer its source",
    "AGPL-1.0-or-later": "§2(d): a program that interacts with users over a network must offer its source",
    "AGPL-3.0": "§13: users interacting with the program over a network must be offered its source",
    "AGPL-3.0-only": "§13: users interacting with the program over a network must be offered its source",
    "AGPL-3.0-or-later": "§13: users interacting with the program over a network must be offered its source",
    "OSL-1.0": "§5 (External Deployment): deploying the work to others over a network is distribution",
    "OSL-1.1": "§5 (External Deployment): deploying the work to others over a network is distribution",
    "OSL-2.0": "§5 (External Deployment): deploying the work to others over a network is distribution",
    "OSL-2.1": "§5 (External Deployment): deploying the work to others over a network is distribution",
    "OSL-3.0": "§5 (External Deployment): deploying the work to others over a network is distribution",
    "RPL-1.1": "§1.3 (Deploy): use by others over a network is deployment and requires source",
    "RPL-1.5": "§1.3 (Deploy): use by others over a network is deployment and requires source",
    
}

# clearance's own ids (see clearance_model::declared).
OWN = [
    ("LicenseRef-clearance-bsd-unspecified", "license", "permissive",
     "clearance: \"BSD\" without a clause count; every BSD variant is permissive"),
    ("LicenseRef-clearance-exception-alone", "license", "unknown",
     "clearance: an exception's text without the license it modifies"),
    ("LicenseRef-clearance-proprietary", "license", "proprietary",
     "clearance: declared proprietary (npm UNLICENSED, trove Other/Proprietary)"),
    ("LicenseRef-clearance-public-domain", "license", "public-domain",
     "clearance: a public-domain dedication without a named instrument"),
    ("LicenseRef-clearance-see-license-file", "license", "unknown",
     "clearance: a license given only as a file whose text was not identified"),
]

# Ids of the SPDX license list newer than the ScanCode data, classified from their texts on the
# SPDX list; those whose terms are unusual are left `unknown`, for a human to read.
SPDX_NEWER = {
    "ALGLIB-Documentation": "permissive", "Advanced-Cryptics-Dictionary": "permissive",
    "BOLA-1.1": "permissive", "BSD-2-Clause-pos-unchanged": "permissive",
    "BSD-3-Clause-OpenWebUI": "unknown", "BSD-3-Clause-Tso": "permissive",
    "BSD-Mark-Modifications": "permissive", "BSD-Source-Code-no-disclaimer": "permissive",
    "BSD-Source-alt-GPL": "permissive", "BSD-ask-to-endorse": "permissive",
    "Brian-Gladman-3-Clause-no-conversion": "permissive", "Buddy": "unknown",
    "Bugroff": "permissive", "CAPEC-tou": "permissive", "CC-BY-NC-3.0-IGO": "non-commercial",
    "ESA-PL-permissive-2.4": "permissive", "ESA-PL-strong-copyleft-2.4": "strong-copyleft",
    "ESA-PL-weak-copyleft-2.4": "weak-copyleft", "FDK-MPEG-H": "unknown",
    "GFDL-1.1-invariants": "weak-copyleft", "GFDL-1.1-no-invariants": "weak-copyleft",
    "GFDL-1.2-invariants": "weak-copyleft", "GFDL-1.2-no-invariants": "weak-copyleft",
    "GFDL-1.3-invariants": "weak-copyleft", "GFDL-1.3-no-invariants": "weak-copyleft",
    "HPND-SMC": "permissive", "HPND-sell-variant-critical-systems": "permissive",
    "Hippocratic-3.0-core": "source-available", "ISO-permission": "permissive",
    "Informatica": "unknown", "MIT-STK": "permissive", "MMPL-1.0.1": "unknown",
    "MVT-1.1": "unknown", "NIST-PD-TNT": "public-domain", "NOASSERTION": "unknown",
    "OSC-1.0": "unknown", "OSSP": "permissive", "OpenMDW-1.0": "permissive",
    "ParaType-Free-Font-1.3": "permissive", "SGMLUG-PM": "permissive", "TekHVC": "permissive",
    "UnRAR": "source-available", "Vixie-Cron": "permissive", "WTFNMFPL": "permissive",
    "WordNet": "permissive", "X11-no-permit-persons": "permissive", "atc-game": "unknown",
    "hyphen-bulgarian": "permissive",
}
SPDX_NEWER_EXCEPTIONS = {
    "Classpath-exception-2.0-short": "weak-copyleft", "Google-Patent-WebM": "permissive",
    "Simple-Library-Usage-exception": "weak-copyleft",
    "Spelling-Provider-LGPL-exception": "weak-copyleft",
    "kvirc-openssl-exception": "weak-copyleft", "rsync-linking-exception": "weak-copyleft",
    "sqlitestudio-OpenSSL-exception": "weak-copyleft",
}

NON_COMMERCIAL = re.compile(r"(?i)(^|-)NC(-|$)|non-?commercial")


def front_matter(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    parts = text.split("---", 2)
    fields = {}
    if len(parts) >= 3:
        for line in parts[1].splitlines():
            m = re.match(r"^([a-z_]+):\s*(.*)$", line)
            if m:
                fields[m.group(1)] = m.group(2).strip()
    return fields


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    data_dir, out = sys.argv[1:]
    rows = {}
    lic_dir = os.path.join(data_dir, "licenses")
    for name in sorted(os.listdir(lic_dir)):
        if not name.endswith(".LICENSE"):
            continue
        f = front_matter(os.path.join(lic_dir, name))
        key = f.get("key", name[: -len(".LICENSE")])
        if f.get("is_deprecated") == "yes":
            continue
        spdx = f.get("spdx_license_key") or f"LicenseRef-scancode-{key}"
        kind = "exception" if f.get("is_exception") == "yes" else "license"
        category = CATEGORIES.get(f.get("category", ""), "unknown")
        source = f"ScanCode LicenseDB `{key}`: {f.get('category', 'no category')}"
        restricted = category in ("source-available", "proprietary")
        if restricted and (
            NON_COMMERCIAL.search(spdx) or NON_COMMERCIAL.search(f.get("name", ""))
        ):
            category = "non-commercial"
            source += "; non-commercial use only"
        if spdx in NETWORK:
            category = "network-copyleft"
            source += f"; network clause, {NETWORK[spdx]}"
        rows[spdx] = (kind, category, source)
    for spdx, kind, category, source in OWN:
        rows[spdx] = (kind, category, source)
    for table, kind in ((SPDX_NEWER, "license"), (SPDX_NEWER_EXCEPTIONS, "exception")):
        for spdx, category in table.items():
            if spdx not in rows:
                rows[spdx] = (kind, category, "SPDX license list (newer than the ScanCode data): "
                              + ("terms not classified, read the text" if category == "unknown"
                                 else "classified from its text"))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# clearance license knowledge base: the category of every license id clearance reports.\n")
        f.write("# Generated by scripts/build_license_kb.py from ScanCode LicenseDB (scancode-toolkit 32.5.0,\n")
        f.write("# licensedcode/data/licenses; CC-BY-4.0, https://github.com/aboutcode-org/scancode-toolkit):\n")
        f.write("# each row's source names the ScanCode license and its category, or the clause or rule that\n")
        f.write("# decided otherwise. OSI approval and FSF libre flags come from the SPDX license list.\n")
        f.write("# Categories: permissive, public-domain, weak-copyleft, strong-copyleft, network-copyleft,\n")
        f.write("# source-available, non-commercial, proprietary, unknown.\n")
        f.write("id\tkind\tcategory\tsource\n")
        for spdx in sorted(rows, key=str.lower):
            kind, category, source = rows[spdx]
            f.write(f"{spdx}\t{kind}\t{category}\t{source}\n")
    print(f"{len(rows)} ids written to {out}")


if __name__ == "__main__":
    main()
