#!/usr/bin/env python3
"""Builds clusters-test2.csv and clusters-test2-nearmiss.csv from clusters-test2.txt.

Deterministic: cluster keys become r001… in source order, rows are shuffled with a fixed seed and
ids t0001… are given in the shuffled order. Run: python3 build.py (from any directory).
"""
import collections
import csv
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
SRC = os.path.join(HERE, "clusters-test2.txt")
OUT = os.path.join(DATA, "clusters-test2.csv")
OUT_NM = os.path.join(DATA, "clusters-test2-nearmiss.csv")
SEED = 20261123


def parse():
    clusters = collections.OrderedDict()  # key -> {"s": source, "items": [(kind, text)]}
    singletons = []
    nearmiss = []
    key = None
    for n, raw in enumerate(open(SRC, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        tag, _, rest = line.partition(" ")
        rest = rest.strip()
        if tag == "=":
            key = rest
            if key != "-":
                assert key not in clusters, f"line {n}: duplicate cluster key {key}"
                clusters[key] = {"s": None, "items": []}
        elif tag == "s":
            assert key and key != "-", f"line {n}: source outside a cluster"
            clusters[key]["s"] = rest
        elif tag in ("v", "p"):
            assert key, f"line {n}: text outside a block"
            if key == "-":
                assert tag == "p", f"line {n}: singletons are own wordings"
                singletons.append(rest)
            else:
                clusters[key]["items"].append((tag, rest))
        elif tag == "~":
            parts = [p.strip() for p in rest.split("|")]
            assert len(parts) == 3, f"line {n}: near-miss needs a | b | difference"
            nearmiss.append(tuple(parts))
        else:
            sys.exit(f"line {n}: unknown tag {tag!r}")
    return clusters, singletons, nearmiss


def norm(t):
    return re.sub(r"\s+", " ", t.strip().lower())


def main():
    clusters, singletons, nearmiss = parse()
    labels = {k: f"r{i:03d}" for i, k in enumerate(clusters, 1)}

    rows = []
    for k, c in clusters.items():
        for kind, text in c["items"]:
            rows.append((text, labels[k], kind))
    rows += [(t, "", "p") for t in singletons]

    # ---- checks
    errors = []
    seen = {}
    for text, lab, _ in rows:
        if norm(text) in seen:
            errors.append(f"duplicate text: {text!r}")
        seen[norm(text)] = lab
    for k, c in clusters.items():
        if len(c["items"]) < 2:
            errors.append(f"cluster {k} has {len(c['items'])} text(s)")
        if any(kind == "v" for kind, _ in c["items"]) and not c["s"]:
            errors.append(f"cluster {k} has variants but no source wording")
        for kind, text in c["items"]:
            if kind == "v" and norm(text) == norm(c["s"] or ""):
                errors.append(f"cluster {k}: variant identical to its source: {text!r}")
    pairs = set()
    for a, b, d in nearmiss:
        for x in (a, b):
            if x not in clusters:
                errors.append(f"near-miss refers to unknown cluster {x}")
        if a == b:
            errors.append(f"near-miss pair with itself: {a}")
        p = tuple(sorted((a, b)))
        if p in pairs:
            errors.append(f"near-miss pair twice: {a} {b}")
        pairs.add(p)
        if not d:
            errors.append(f"near-miss {a} {b} without difference")
    if errors:
        sys.exit("\n".join(errors))

    # ---- write
    random.Random(SEED).shuffle(rows)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["id", "text", "cluster"])
        for i, (text, lab, _) in enumerate(rows, 1):
            w.writerow([f"t{i:04d}", text, lab])
    with open(OUT_NM, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["cluster_a", "cluster_b", "difference"])
        for a, b, d in nearmiss:
            w.writerow([labels[a], labels[b], d])

    # ---- re-read and report
    with open(OUT, encoding="utf-8", newline="") as f:
        back = list(csv.DictReader(f))
    assert len(back) == len(rows)
    sizes = collections.Counter(r["cluster"] for r in back if r["cluster"])
    assert all(v >= 2 for v in sizes.values())
    with open(OUT_NM, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            assert r["cluster_a"] in sizes and r["cluster_b"] in sizes
    hist = collections.Counter(sizes.values())
    in_clusters = sum(sizes.values())
    variants = sum(1 for _, lab, kind in rows if lab and kind == "v")
    words = [len(t.split()) for t, _, _ in rows]
    print(f"rows {len(rows)}, clusters {len(sizes)}, singletons {len(singletons)}, near-miss pairs {len(nearmiss)}")
    print("cluster sizes: " + ", ".join(f"{n}×{s}" for s, n in sorted(hist.items())))
    print(f"texts in clusters {in_clusters}: template variants {variants} ({100 * variants / in_clusters:.1f} %), "
          f"own paraphrases {in_clusters - variants}")
    print(f"text length {min(words)}–{max(words)} words")
    per = [sum(1 for kind, _ in c["items"] if kind == "v") / len(c["items"]) for c in clusters.values()]
    print(f"per-cluster variant share: min {min(per):.2f}, max {max(per):.2f}")


if __name__ == "__main__":
    main()
