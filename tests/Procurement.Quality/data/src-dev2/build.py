#!/usr/bin/env python3
"""Builds clusters-dev2.csv, clusters-dev2-nearmiss.csv and standards-dev2.csv from the .txt sources here.

Deterministic: rows are shuffled with a fixed seed and ids are given in the shuffled order. Run from anywhere:
    python3 tests/Procurement.Quality/data/src-dev2/build.py
Checks: no duplicate texts, near-miss pairs refer to existing clusters, standard ids exist in the catalogue,
no text is identical to a text of the first dev sets, and token overlap (Jaccard >= 0.6) with the first dev sets
is printed for review. Only the development files are read (never the test sets).
"""
import csv
import json
import os
import random
import re
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
ROOT = os.path.abspath(os.path.join(DATA, "..", "..", ".."))
SEED = 20240602


def lines(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f]


def read_clusters():
    clusters, singletons, current = {}, [], None
    for l in lines("clusters-dev2.txt"):
        if not l.strip():
            continue
        if l.startswith("# "):
            head = l[2:].split()[0]
            if head == "singletons":
                current = "-"
            elif re.fullmatch(r"m\d{3}", head):
                current = head
                assert current not in clusters, f"duplicate cluster {current}"
                clusters[current] = []
            else:
                current = None  # a comment line
            continue
        assert current is not None, f"text outside a block: {l}"
        (singletons if current == "-" else clusters[current]).append(l.strip())
    return clusters, singletons


def read_nearmiss(clusters):
    pairs = []
    for l in lines("nearmiss-dev2.txt"):
        if not l.strip() or l.startswith("#"):
            continue
        keys, diff = l.split("|", 1)
        a, b = keys.split()
        assert a in clusters and b in clusters and a != b, l
        pairs.append((a, b, diff.strip()))
    assert len({frozenset(p[:2]) for p in pairs}) == len(pairs), "duplicate near-miss pair"
    return pairs


def read_standards(catalogue):
    rows = []
    for l in lines("standards-dev2.txt"):
        if not l.strip() or l.startswith("#"):
            continue
        ids, text = l.split("|", 1)
        ids = ids.strip()
        gold = [] if ids == "-" else ids.split(";")
        for g in gold:
            assert g in catalogue, f"unknown standard {g}: {l}"
        rows.append((text.strip(), gold))
    return rows


def tokens(text):
    return set(re.findall(r"[a-zåäöéü0-9]+", text.lower()))


def jaccard(a, b):
    return len(a & b) / len(a | b) if a | b else 0.0


def write_csv(name, header, rows):
    with open(os.path.join(DATA, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


def read_dev_texts(name):
    path = os.path.join(DATA, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return [r["text"] for r in csv.DictReader(f)]


def main():
    with open(os.path.join(ROOT, "db", "seed", "standards.json"), encoding="utf-8") as f:
        catalogue = {s["id"] for s in json.load(f)["standards"]}

    clusters, singletons = read_clusters()
    nearmiss = read_nearmiss(clusters)
    standards = read_standards(catalogue)

    items = [(t, k) for k, ts in clusters.items() for t in ts] + [(t, "") for t in singletons]
    for k, ts in clusters.items():
        assert len(ts) >= 2, f"cluster {k} has fewer than two texts"
    texts = [t for t, _ in items] + [t for t, _ in standards]
    dup = [t for t, n in Counter(t.lower() for t, _ in items).items() if n > 1]
    dup += [t for t, n in Counter(t.lower() for t, _ in standards).items() if n > 1]
    assert not dup, f"duplicate texts: {dup}"

    rng = random.Random(SEED)
    rng.shuffle(items)
    rng.shuffle(standards)
    write_csv("clusters-dev2.csv", ["id", "text", "cluster"],
              [(f"e{i:04d}", t, k) for i, (t, k) in enumerate(items, 1)])
    write_csv("clusters-dev2-nearmiss.csv", ["cluster_a", "cluster_b", "difference"], nearmiss)
    write_csv("standards-dev2.csv", ["id", "text", "standards"],
              [(f"f{i:04d}", t, ";".join(g)) for i, (t, g) in enumerate(standards, 1)])

    # Overlap with the first development sets (allowed to be read); identical texts are an error.
    old = read_dev_texts("clusters-dev.csv") + read_dev_texts("standards-dev.csv")
    old_lower = {o.lower() for o in old}
    same = [t for t in texts if t.lower() in old_lower]
    assert not same, f"texts copied from the first dev sets: {same}"
    old_tokens = [(o, tokens(o)) for o in old]
    close = [(round(jaccard(tokens(t), ot), 2), t, o) for t in texts for o, ot in old_tokens if jaccard(tokens(t), ot) >= 0.6]
    for j, t, o in sorted(close, reverse=True):
        print(f"  overlap {j}: {t}  <->  {o}")

    sizes = Counter(len(ts) for ts in clusters.values())
    words = [len(t.split()) for t, _ in items]
    print(f"clusters-dev2: {len(items)} rows, {len(clusters)} clusters of 2+, {len(singletons)} singletons, "
          f"{len(nearmiss)} near-miss pairs; sizes " + ", ".join(f"{n}×{s}" for s, n in sorted(sizes.items(), reverse=True))
          + f"; {min(words)}–{max(words)} words")
    empty = sum(1 for _, g in standards if not g)
    links = Counter(g for _, gs in standards for g in gs)
    print(f"standards-dev2: {len(standards)} rows, {empty} empty ({100 * empty / len(standards):.1f} %), "
          f"{len(standards) - empty} linked, {sum(1 for _, g in standards if len(g) == 2)} with two links, {sum(links.values())} links")
    print("  links per standard: " + ", ".join(f"{k} {v}" for k, v in links.most_common()))
    missing = catalogue - set(links)
    assert not missing, f"standards without a link: {missing}"


if __name__ == "__main__":
    main()
