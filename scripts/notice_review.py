#!/usr/bin/env python3
"""Exact-match rate of a notice corpus with and without the labels a review found cannot be
read from the text alone.

Usage:
  clearance accuracy --as source --manifest CORPUS/manifest.tsv --errors > errors.txt
  notice_review.py CORPUS/manifest.tsv errors.txt benches/notice-label-review.tsv

The review (a TSV with `file`, `rule`, `expected`, `class`, `reason` columns, `#` comments) was
made by reading every mismatching text against its label; see benches/README.md.
"""
import sys

# Labels that the text alone cannot give: excluded from the "decidable" rate.
UNDECIDABLE = {"needs-context", "label-contradicts-text", "other"}
# Labels that need context, where the detection was wrong as well.
ALSO_WRONG = {"both-wrong"}


def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    manifest, errors, review = sys.argv[1:]
    files = [r[0] for r in rows(manifest)]
    wrong = {r[0] for r in rows(errors) if r[0].startswith("texts/")}
    classes = {r[0]: r[3] for r in rows(review) if r[0] != "file"}
    total = len(files)
    right = sum(1 for f in files if f not in wrong)
    print(f"all labels:        {right}/{total} = {100 * right / total:.2f}%")
    for name, excluded in [
        ("text-decidable", UNDECIDABLE),
        ("text-decidable, both-wrong out too", UNDECIDABLE | ALSO_WRONG),
    ]:
        kept = [f for f in files if classes.get(f) not in excluded]
        ok = sum(1 for f in kept if f not in wrong)
        print(f"{name}: {ok}/{len(kept)} = {100 * ok / len(kept):.2f}% ({total - len(kept)} labels left out)")
    still = sorted(f for f in wrong if classes.get(f) is None)
    if still:
        print(f"mismatches the review has not classified: {len(still)}")
        for f in still:
            print(f"  {f}")


if __name__ == "__main__":
    main()
