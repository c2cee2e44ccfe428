#!/usr/bin/env python3
"""Builds clusters-dev3.csv and clusters-dev3-nearmiss.csv from clusters-dev3.txt (same folder).

Deterministic: the texts are shuffled with a fixed seed and get ids g0001… in the shuffled order; cluster
labels are d001… in the order the clusters appear in the source. Run from anywhere:
    python3 tests/Procurement.Quality/data/src-dev3/build.py

Source format (see the head of clusters-dev3.txt): "= key description" starts a cluster, "s" is the shared
source wording (not emitted), "v" an edited variant of it, "p" an own paraphrase, "= -" starts the singleton
block, "~ keyA | keyB | difference" is a near-miss pair, "#" starts a comment.

Checks (any failure stops the build): no duplicate texts (case- and space-normalised), every cluster has an
"s" line and at least two texts, no variant equal to its source, near-miss keys exist and pairs are unique,
no text identical to a text of clusters-dev.csv / clusters-dev2.csv, and no text with token Jaccard >= 0.6
against any of them (such pairs are printed first). Only those two development files are read.
"""
import csv
import os
import random
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
SOURCE = os.path.join(HERE, "clusters-dev3.txt")
SEED = 20261124
JACCARD_LIMIT = 0.6
OLD_SETS = ("clusters-dev.csv", "clusters-dev2.csv")


def norm(text):
    return " ".join(text.lower().split())


def tokens(text):
    return set(re.findall(r"[a-zåäöéü0-9]+", text.lower()))


def jaccard(a, b):
    return len(a & b) / len(a | b) if a | b else 0.0


def read_source():
    """Returns (clusters, singletons, nearmiss): clusters is key -> {"desc", "s", "texts": [(kind, text)]}."""
    clusters, singletons, nearmiss, current = {}, [], [], None
    with open(SOURCE, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n").strip()
            where = f"clusters-dev3.txt:{n}"
            if not line or line.startswith("#"):
                continue
            tag, _, rest = line.partition(" ")
            rest = rest.strip()
            if tag == "=":
                key, _, desc = rest.partition(" ")
                if key == "-":
                    current = "-"
                else:
                    assert re.fullmatch(r"[a-z][a-z0-9]*", key), f"{where}: bad cluster key {key!r}"
                    assert key not in clusters, f"{where}: duplicate cluster {key}"
                    clusters[key] = {"desc": desc.strip(), "s": None, "texts": []}
                    current = key
            elif tag == "~":
                parts = [p.strip() for p in rest.split("|")]
                assert len(parts) == 3 and all(parts), f"{where}: near-miss needs 'keyA | keyB | difference'"
                nearmiss.append((parts[0], parts[1], parts[2], where))
            elif tag in ("s", "v", "p"):
                assert rest, f"{where}: empty text"
                assert current is not None, f"{where}: text outside a block"
                if current == "-":
                    assert tag == "p", f"{where}: singletons are 'p' lines"
                    singletons.append(rest)
                elif tag == "s":
                    assert clusters[current]["s"] is None, f"{where}: second source line in {current}"
                    clusters[current]["s"] = rest
                else:
                    clusters[current]["texts"].append((tag, rest))
            else:
                raise AssertionError(f"{where}: unknown line {line!r}")
    return clusters, singletons, nearmiss


def read_old_texts():
    texts = []
    for name in OLD_SETS:
        path = os.path.join(DATA, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8", newline="") as f:
                texts += [(name, r["text"]) for r in csv.DictReader(f)]
    return texts


def write_csv(name, header, rows):
    with open(os.path.join(DATA, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    clusters, singletons, nearmiss = read_source()
    errors = []

    for key, c in clusters.items():
        if c["s"] is None:
            errors.append(f"cluster {key} has no source line")
        if len(c["texts"]) < 2:
            errors.append(f"cluster {key} has fewer than two texts")
        for kind, text in c["texts"]:
            if kind == "v" and c["s"] is not None and norm(text) == norm(c["s"]):
                errors.append(f"variant equal to its source in {key}: {text}")

    pairs = set()
    for a, b, _, where in nearmiss:
        if a not in clusters or b not in clusters or a == b:
            errors.append(f"{where}: near-miss keys must be two existing clusters: {a}, {b}")
        if frozenset((a, b)) in pairs:
            errors.append(f"{where}: duplicate near-miss pair {a} | {b}")
        pairs.add(frozenset((a, b)))

    items = [(t, k, kind) for k, c in clusters.items() for kind, t in c["texts"]] + [(t, "", "p") for t in singletons]
    dup = [t for t, n in Counter(norm(t) for t, _, _ in items).items() if n > 1]
    if dup:
        errors.append(f"duplicate texts: {dup}")

    old = read_old_texts()
    old_norm = {norm(t) for _, t in old}
    for t, _, _ in items:
        if norm(t) in old_norm:
            errors.append(f"text identical to a first/second dev set text: {t}")
    old_tokens = [(name, o, tokens(o)) for name, o in old]
    close = []
    for t, _, _ in items:
        tt = tokens(t)
        for name, o, ot in old_tokens:
            j = jaccard(tt, ot)
            if j >= JACCARD_LIMIT:
                close.append((round(j, 2), t, name, o))
    print(f"Token overlap (Jaccard >= {JACCARD_LIMIT}) with {', '.join(OLD_SETS)}: "
          + ("none" if not close else f"{len(close)} pair(s)"))
    for j, t, name, o in sorted(close, reverse=True):
        print(f"  {j}: {t}  <->  [{name}] {o}")
    if close:
        errors.append("texts too close to the earlier dev sets (rewrite them)")

    if errors:
        for e in errors:
            print("ERROR: " + e, file=sys.stderr)
        sys.exit(1)

    labels = {k: f"d{i:03d}" for i, k in enumerate(clusters, 1)}
    rng = random.Random(SEED)
    shuffled = list(items)
    rng.shuffle(shuffled)
    write_csv("clusters-dev3.csv", ["id", "text", "cluster"],
              [(f"g{i:04d}", t, labels[k] if k else "") for i, (t, k, _) in enumerate(shuffled, 1)])
    write_csv("clusters-dev3-nearmiss.csv", ["cluster_a", "cluster_b", "difference"],
              [(labels[a], labels[b], d) for a, b, d, _ in nearmiss])

    # Counts for the README.
    sizes = Counter(len(c["texts"]) for c in clusters.values())
    clustered = [(k, kind) for t, k, kind in items if k]
    variants = sum(1 for _, kind in clustered if kind == "v")
    shares = [sum(1 for kind, _ in c["texts"] if kind == "v") / len(c["texts"]) for c in clusters.values()]
    words = [len(t.split()) for t, _, _ in items]
    size_text = ", ".join(f"{n}×{s}" for s, n in sorted(sizes.items(), reverse=True))
    print(f"clusters-dev3: {len(items)} rows, {len(clusters)} clusters of 2+, {len(singletons)} singletons, "
          f"{len(nearmiss)} near-miss pairs")
    print(f"  cluster sizes {min(sizes)}–{max(sizes)} ({size_text})")
    print(f"  texts in clusters: {len(clustered)}, of which {variants} ({100 * variants / len(clustered):.1f} %) "
          f"template variants and {len(clustered) - variants} own paraphrases "
          f"(per cluster {100 * min(shares):.0f}–{100 * max(shares):.0f} % variants)")
    print(f"  text length {min(words)}–{max(words)} words")
    print()
    print("| Set | Rows | Clusters (≥ 2 texts) | Singletons | Near-miss pairs | Cluster sizes |")
    print("|---|---|---|---|---|---|")
    print(f"| clusters-dev3 | {len(items)} | {len(clusters)} | {len(singletons)} | {len(nearmiss)} | "
          f"{min(sizes)}–{max(sizes)} ({size_text}) |")


if __name__ == "__main__":
    main()
