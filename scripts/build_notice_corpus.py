#!/usr/bin/env python3
"""Build a labelled corpus of license notices from ScanCode Toolkit's license rules.

ScanCode's license dataset (CC-BY-4.0, https://github.com/aboutcode-org/scancode-toolkit) holds
thousands of license notices collected from real packages, each labelled with its license
expression. This script turns a sample of them into a corpus that `clearance accuracy` scores:

  build_notice_corpus.py DATA_DIR OUT_DIR [--kind notice|reference|text|tag] [--sample N] [--seed S]

DATA_DIR is the `licensedcode/data` directory of an installed scancode-toolkit (it holds
`licenses/*.LICENSE` and `rules/*.RULE`). OUT_DIR receives one text file per rule, under an opaque
name, and `manifest.tsv` (`file<TAB>expected SPDX expression`).

Only rules held out of clearance's own rule index are sampled (one in sixteen, by a hash of the
rule's file name; `--include-indexed` lifts this). Only rules whose license keys all have an SPDX id are kept (ScanCode's own `LicenseRef-scancode-*`
keys cannot be compared), and false-positive rules are left out. `{{ }}` required-phrase markers
are removed. The sample is deterministic: rules are ordered by the SHA-256 of their file name and
the seed.

Then:  clearance accuracy --manifest OUT_DIR/manifest.tsv --as source
"""
import argparse
import hashlib
import os
import re
import sys


def front_matter(text):
    """(fields, body) of a ScanCode .RULE/.LICENSE file (YAML-ish front matter between ---)."""
    parts = text.split("---", 2)
    if len(parts) < 3:
        return {}, text
    fields = {}
    for line in parts[1].splitlines():
        m = re.match(r"^([a-z_]+):\s*(.*)$", line)
        if m:
            fields[m.group(1)] = m.group(2).strip()
    return fields, parts[2]


def spdx_keys(data_dir):
    keys = {}
    lic_dir = os.path.join(data_dir, "licenses")
    for name in os.listdir(lic_dir):
        if not name.endswith(".LICENSE"):
            continue
        with open(os.path.join(lic_dir, name), encoding="utf-8", errors="replace") as f:
            fields, _ = front_matter(f.read())
        key = fields.get("key") or name[: -len(".LICENSE")]
        spdx = fields.get("spdx_license_key", "")
        if spdx and not spdx.startswith("LicenseRef-"):
            keys[key] = spdx
    return keys


TOKEN = re.compile(r"\(|\)|[^\s()]+")


def to_spdx(expression, keys):
    out = []
    for tok in TOKEN.findall(expression):
        low = tok.lower()
        if low in ("and", "or", "with"):
            out.append(low.upper())
        elif tok in "()":
            out.append(tok)
        elif tok in keys:
            out.append(keys[tok])
        else:
            return None
    return " ".join(out).replace("( ", "(").replace(" )", ")")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--kind", default="notice", choices=["notice", "reference", "text", "tag"])
    ap.add_argument("--sample", type=int, default=1000)
    ap.add_argument("--seed", default="clearance")
    ap.add_argument("--min-words", type=int, default=8)
    ap.add_argument("--include-indexed", action="store_true", help="also sample rules that clearance indexes")
    a = ap.parse_args()

    keys = spdx_keys(a.data_dir)
    rules_dir = os.path.join(a.data_dir, "rules")
    flag = f"is_license_{a.kind}"
    candidates = []
    for name in sorted(os.listdir(rules_dir)):
        if not name.endswith(".RULE"):
            continue
        with open(os.path.join(rules_dir, name), encoding="utf-8", errors="replace") as f:
            fields, body = front_matter(f.read())
        if fields.get(flag) != "yes" or fields.get("is_false_positive") == "yes":
            continue
        # Only the rules held out of clearance's rule index (see
        # crates/clearance-detect/examples/build_scancode_index.rs): the same hash test.
        if not a.include_indexed and hashlib.sha256(f"clearance-holdout:{name}".encode()).hexdigest()[0] != "0":
            continue
        expr = to_spdx(fields.get("license_expression", ""), keys)
        if not expr:
            continue
        body = body.replace("{{", "").replace("}}", "").strip("\n")
        if len(re.findall(r"\w+", body)) < a.min_words:
            continue
        rank = hashlib.sha256((a.seed + name).encode()).hexdigest()
        candidates.append((rank, name, expr, body))
    candidates.sort()
    chosen = candidates[: a.sample]
    os.makedirs(os.path.join(a.out_dir, "texts"), exist_ok=True)
    with open(os.path.join(a.out_dir, "manifest.tsv"), "w", encoding="utf-8") as m:
        m.write(f"# {len(chosen)} ScanCode {a.kind} rules with SPDX labels (of {len(candidates)}); data CC-BY-4.0, ScanCode Toolkit\n")
        for rank, name, expr, body in chosen:
            opaque = f"texts/{a.kind}_{rank[:12]}.txt"
            with open(os.path.join(a.out_dir, opaque), "w", encoding="utf-8") as f:
                f.write(body + "\n")
            m.write(f"{opaque}\t{expr}\n")
    with open(os.path.join(a.out_dir, "SOURCES.tsv"), "w", encoding="utf-8") as s:
        for rank, name, expr, body in chosen:
            s.write(f"texts/{a.kind}_{rank[:12]}.txt\t{name}\n")
    print(f"{len(chosen)} of {len(candidates)} {a.kind} rules written to {a.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
