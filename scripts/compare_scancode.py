#!/usr/bin/env python3
"""Compare clearance's per-file license detection with ScanCode Toolkit's on the same tree.

Usage:
  compare_scancode.py SCANCODE.json CLEARANCE_REPORT.json [--strip N] [--list FILE.tsv]

SCANCODE.json is the output of `scancode --license --json-pp ...`; CLEARANCE_REPORT.json the
output of `clearance scan DIR --report ...` on the same directory. ScanCode paths start with the
name of the scanned directory: `--strip 1` (the default) drops it so that paths match.

For every file where ScanCode finds a license (`detected_license_expression_spdx`), the two
expressions are compared after normalisation (case, operand order, duplicates, deprecated GNU
ids); also reported: files where only clearance finds a license, by detection tier. `--list`
writes every disagreement as TSV (path, scancode, clearance) for classification.
"""
import argparse
import collections
import json
import re
import sys

TOKEN = re.compile(r"\(|\)|[^\s()]+")

DEPRECATED = {}
for fam, vers in (("GPL", ("1.0", "2.0", "3.0")), ("LGPL", ("2.0", "2.1", "3.0")), ("AGPL", ("1.0", "3.0"))):
    for v in vers:
        DEPRECATED[f"{fam}-{v}".lower()] = f"{fam}-{v}-only".lower()
        DEPRECATED[f"{fam}-{v}+".lower()] = f"{fam}-{v}-or-later".lower()


def parse(expr):
    """A canonical tree: ('t', id) | ('and'|'or', frozenset(children)). None when empty."""
    toks = TOKEN.findall(expr or "")
    if not toks:
        return None
    pos = 0

    def peek():
        return toks[pos].lower() if pos < len(toks) else None

    def take():
        nonlocal pos
        pos += 1
        return toks[pos - 1]

    def atom():
        if peek() == "(":
            take()
            e = disj()
            if peek() == ")":
                take()
            return e
        term = take().lower()
        term = DEPRECATED.get(term, term)
        if peek() == "with":
            take()
            term = f"{term} with {take().lower()}"
        return ("t", term)

    def join(op, items):
        flat = set()
        for i in items:
            if i[0] == op:
                flat |= i[1]
            else:
                flat.add(i)
        return next(iter(flat)) if len(flat) == 1 else (op, frozenset(flat))

    def conj():
        items = [atom()]
        while peek() == "and":
            take()
            items.append(atom())
        return join("and", items)

    def disj():
        items = [conj()]
        while peek() == "or":
            take()
            items.append(conj())
        return join("or", items)

    try:
        return disj()
    except IndexError:
        return ("t", expr.lower())


def ids(tree):
    if tree is None:
        return frozenset()
    if tree[0] == "t":
        return frozenset([tree[1]])
    return frozenset().union(*(ids(c) for c in tree[1]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scancode")
    ap.add_argument("report")
    ap.add_argument("--strip", type=int, default=1)
    ap.add_argument("--list")
    a = ap.parse_args()

    sc = {}
    for f in json.load(open(a.scancode))["files"]:
        if f.get("type") != "file":
            continue
        path = "/".join(f["path"].split("/")[a.strip:])
        sc[path] = f.get("detected_license_expression_spdx") or ""
    ours, tiers = {}, {}
    for f in json.load(open(a.report))["files"]:
        ours[f["path"]] = f.get("expression") or ""
        tiers[f["path"]] = sorted({x["evidence"]["tier"] for x in f.get("findings", [])})

    with_sc = [p for p, e in sc.items() if e]
    exact, same_ids, missing, different = [], [], [], []
    for p in with_sc:
        s, o = parse(sc[p]), parse(ours.get(p, ""))
        if o is None:
            missing.append(p)
        elif s == o:
            exact.append(p)
        elif ids(s) == ids(o):
            same_ids.append(p)
        else:
            different.append(p)
    only_ours = [p for p, e in ours.items() if e and not sc.get(p)]
    n = len(with_sc)
    pct = lambda x: f"{100.0 * len(x) / n:.1f}%" if n else "n/a"
    print(f"files scanned by ScanCode: {len(sc)}; with a ScanCode license: {n}")
    print(f"  same expression:            {len(exact)} ({pct(exact)})")
    print(f"  same licenses, other operators: {len(same_ids)} ({pct(same_ids)})")
    print(f"  different licenses:         {len(different)} ({pct(different)})")
    print(f"  no clearance detection:     {len(missing)} ({pct(missing)})")
    by_tier = collections.Counter(t for p in only_ours for t in tiers.get(p, []))
    print(f"files where only clearance finds a license: {len(only_ours)} (by tier: {dict(by_tier)})")
    if a.list:
        with open(a.list, "w") as out:
            out.write("kind\tpath\tscancode\tclearance\n")
            for kind, paths in (("same-ids", same_ids), ("different", different), ("missing", missing), ("only-clearance", only_ours)):
                for p in sorted(paths):
                    out.write(f"{kind}\t{p}\t{sc.get(p, '')}\t{ours.get(p, '')}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
