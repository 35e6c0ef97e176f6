#!/usr/bin/env python3
"""Compare the component sets of two CycloneDX JSON SBOMs by package URL.

Usage:
    compare_sbom_purls.py A.json B.json [--licenses] [--json]

Every component is taken, including nested `components` and `metadata.component`
(the root, marked `[root]`). Purls are normalised for spelling only:

* type lower-cased; namespace, name and version percent-decoded (`%40babel` == `@babel`);
* qualifiers (`?download_url=...&checksum=...`) are split off and reported separately,
  so `pkg:cargo/a@1` and `pkg:cargo/a@1?download_url=...` are the same component;
* qualifier order does not matter.

Printed: counts, only-in-A, only-in-B, same purl with different spelling, qualifiers
that only one side writes, same name+version whose purls still differ (type or
namespace), and with --licenses a license comparison of components in both.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote


@dataclass
class Purl:
    """A parsed package URL with its original spelling."""

    raw: str
    type: str
    namespace: str
    name: str
    version: str
    qualifiers: dict[str, str] = field(default_factory=dict)
    subpath: str = ""

    @property
    def key(self) -> str:
        """The spelling-independent identity (no qualifiers)."""
        ns = f"{self.namespace}/" if self.namespace else ""
        sub = f"#{self.subpath}" if self.subpath else ""
        ver = f"@{self.version}" if self.version else ""
        return f"pkg:{self.type}/{ns}{self.name}{ver}{sub}"


def parse_purl(raw: str) -> Purl | None:
    """Parse `pkg:type/ns/name@version?qualifiers#subpath`; None if not a purl."""
    s = raw.strip()
    if not s.lower().startswith("pkg:"):
        return None
    s = s[4:].lstrip("/")
    subpath = ""
    if "#" in s:
        s, subpath = s.split("#", 1)
        subpath = unquote(subpath.strip("/"))
    qualifiers: dict[str, str] = {}
    if "?" in s:
        s, q = s.split("?", 1)
        for part in q.split("&"):
            if not part:
                continue
            k, _, v = part.partition("=")
            qualifiers[k.lower()] = unquote(v)
    typ, _, rest = s.partition("/")
    if not rest:
        return None
    version = ""
    # the version separator is the last '@' that is not the first char of a segment
    m = re.match(r"^(.*[^/])@([^/@]*)$", rest)
    if m:
        rest, version = m.group(1), unquote(m.group(2))
    segments = [unquote(p) for p in rest.strip("/").split("/") if p]
    if not segments:
        return None
    name = segments[-1]
    namespace = "/".join(segments[:-1])
    return Purl(raw, typ.lower(), namespace, name, version, qualifiers, subpath)


@dataclass
class Comp:
    """One component of a document."""

    purl: Purl
    name: str
    version: str
    group: str
    licenses: str | None
    root: bool


def license_of(comp: dict) -> str | None:
    """The component's licenses as one normalised expression, or None."""
    parts = []
    for entry in comp.get("licenses") or []:
        if "expression" in entry:
            parts.append(str(entry["expression"]))
        elif "license" in entry:
            lic = entry["license"]
            val = lic.get("id") or lic.get("name")
            if val:
                parts.append(str(val))
    if not parts:
        return None
    if len(parts) == 1:
        return normalise_expression(parts[0])
    # several entries: CycloneDX gives no operator; treat as a set (written with AND)
    return " AND ".join(sorted(normalise_expression(p) for p in parts))


def normalise_expression(expr: str) -> str:
    """Sort the operands of a flat expression (one operator, no parentheses)."""
    e = re.sub(r"\s+", " ", expr.strip())
    if "(" in e or ")" in e:
        return e
    for op in (" OR ", " AND "):
        toks = e.split(op)
        if len(toks) > 1 and not any((" OR " in t or " AND " in t) for t in toks):
            return op.join(sorted(toks))
    return e


def walk(comps: list, root: bool, out: list[tuple[dict, bool]]) -> None:
    """Collect components recursively."""
    for c in comps or []:
        if isinstance(c, dict):
            out.append((c, root))
            walk(c.get("components") or [], False, out)


def load(path: str) -> tuple[list[Comp], list[dict]]:
    """Load a CycloneDX JSON file; return its components with purls and those without."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    found: list[tuple[dict, bool]] = []
    meta = (doc.get("metadata") or {}).get("component")
    if isinstance(meta, dict):
        walk([meta], True, found)
    walk(doc.get("components") or [], False, found)
    comps, without = [], []
    for c, root in found:
        p = parse_purl(c.get("purl") or "")
        if p is None:
            without.append(c)
            continue
        comps.append(
            Comp(p, c.get("name", ""), c.get("version", ""), c.get("group", ""), license_of(c), root)
        )
    return comps, without


def by_key(comps: list[Comp]) -> dict[str, list[Comp]]:
    """Index components by normalised purl key."""
    d: dict[str, list[Comp]] = defaultdict(list)
    for c in comps:
        d[c.purl.key].append(c)
    return d


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--licenses", action="store_true", help="compare licenses of components in both")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()

    a_comps, a_without = load(args.a)
    b_comps, b_without = load(args.b)
    a, b = by_key(a_comps), by_key(b_comps)
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    both = sorted(set(a) & set(b))

    # same purl, different raw spelling (without qualifiers)
    def bare(raw: str) -> str:
        return raw.split("?", 1)[0].split("#", 1)[0]

    spelling = []
    qual_a: Counter = Counter()
    qual_b: Counter = Counter()
    for k in both:
        ra = sorted({bare(c.purl.raw) for c in a[k]})
        rb = sorted({bare(c.purl.raw) for c in b[k]})
        if ra != rb:
            spelling.append((k, ra, rb))
        qa = set().union(*(c.purl.qualifiers for c in a[k]))
        qb = set().union(*(c.purl.qualifiers for c in b[k]))
        for q in qa - qb:
            qual_a[q] += 1
        for q in qb - qa:
            qual_b[q] += 1

    # same name+version, different identity (type, namespace, ...)
    def nv(c: Comp) -> tuple[str, str]:
        full = f"{c.purl.namespace}/{c.purl.name}" if c.purl.namespace else c.purl.name
        return (full.lower(), c.purl.version)

    a_nv = defaultdict(set)
    for k in only_a:
        for c in a[k]:
            a_nv[nv(c)].add(k)
    b_nv = defaultdict(set)
    for k in only_b:
        for c in b[k]:
            b_nv[nv(c)].add(k)
    same_nv = sorted((n, sorted(a_nv[n]), sorted(b_nv[n])) for n in set(a_nv) & set(b_nv))

    dup_a = {k: len(v) for k, v in a.items() if len(v) > 1}
    dup_b = {k: len(v) for k, v in b.items() if len(v) > 1}

    lic = None
    if args.licenses:
        agree, differ, miss_a, miss_b, miss_both = [], [], [], [], []
        for k in both:
            la = sorted({c.licenses for c in a[k] if c.licenses})
            lb = sorted({c.licenses for c in b[k] if c.licenses})
            if not la and not lb:
                miss_both.append(k)
            elif not la:
                miss_a.append((k, lb))
            elif not lb:
                miss_b.append((k, la))
            elif la == lb:
                agree.append(k)
            else:
                differ.append((k, la, lb))
        lic = {
            "agree": agree,
            "differ": differ,
            "missing_in_a": miss_a,
            "missing_in_b": miss_b,
            "missing_in_both": miss_both,
        }

    root = lambda comps: sorted(c.purl.key for c in comps if c.root)  # noqa: E731
    if args.json:
        json.dump(
            {
                "a": {"file": args.a, "components": len(a_comps), "unique": len(a), "without_purl": len(a_without), "root": root(a_comps), "duplicates": dup_a},
                "b": {"file": args.b, "components": len(b_comps), "unique": len(b), "without_purl": len(b_without), "root": root(b_comps), "duplicates": dup_b},
                "both": len(both),
                "only_in_a": only_a,
                "only_in_b": only_b,
                "spelling": spelling,
                "qualifiers_only_in_a": dict(sorted(qual_a.items())),
                "qualifiers_only_in_b": dict(sorted(qual_b.items())),
                "same_name_version_different_purl": same_nv,
                "licenses": lic,
            },
            sys.stdout,
            indent=2,
        )
        print()
        return 0

    def show(label: str, comps: list[Comp], idx: dict, without: list, dups: dict) -> None:
        print(f"{label}: {len(comps)} components with purl ({len(idx)} distinct), "
              f"{len(without)} without purl, root {root(comps) or '-'}")
        for k, n in sorted(dups.items()):
            print(f"    listed {n} times: {k}")

    show(f"A {args.a}", a_comps, a, a_without, dup_a)
    show(f"B {args.b}", b_comps, b, b_without, dup_b)
    print(f"in both: {len(both)}   only in A: {len(only_a)}   only in B: {len(only_b)}")
    tag = lambda k, idx: " [root]" if any(c.root for c in idx[k]) else ""  # noqa: E731
    print(f"\n== only in A ({len(only_a)})")
    for k in only_a:
        print(f"  {k}{tag(k, a)}")
    print(f"\n== only in B ({len(only_b)})")
    for k in only_b:
        print(f"  {k}{tag(k, b)}")
    print(f"\n== same name+version, different purl ({len(same_nv)})")
    for n, ka, kb in same_nv:
        print(f"  {n[0]}@{n[1]}: A {ka}  B {kb}")
    print(f"\n== same purl, different spelling ({len(spelling)})")
    for k, ra, rb in spelling[:20]:
        print(f"  {k}: A {ra}  B {rb}")
    if len(spelling) > 20:
        print(f"  ... and {len(spelling) - 20} more")
    print("\n== qualifiers only one side writes (components in both)")
    for side, q in (("A", qual_a), ("B", qual_b)):
        for name, n in sorted(q.items()):
            print(f"  {side}: {name} on {n} components")
    if lic is not None:
        print("\n== licenses of components in both")
        print(f"  agree {len(lic['agree'])}  differ {len(lic['differ'])}  "
              f"only A has one {len(lic['missing_in_b'])}  only B has one {len(lic['missing_in_a'])}  "
              f"neither {len(lic['missing_in_both'])}")
        for k, la, lb in lic["differ"]:
            print(f"  differ  {k}: A {la}  B {lb}")
        for k, la in lic["missing_in_b"]:
            print(f"  A only  {k}: {la}")
        for k, lb in lic["missing_in_a"]:
            print(f"  B only  {k}: {lb}")
        for k in lic["missing_in_both"]:
            print(f"  neither {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
