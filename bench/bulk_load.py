"""The writer's floor: load N-Quads into a fresh embedded store as the build's writer does — bulk
loads of LINES lines (the build's BULK_TRIPLES), then compaction — and nothing else. The benchmark
runs this in a process of its own on the quads a build produced, so that its CPU time can be set
beside the build's; it imports only pyoxigraph, so that little else is counted.

Usage: python bench/bulk_load.py QUADS.nq STORE LINES
"""
from __future__ import annotations

import sys
from itertools import islice

import pyoxigraph as ox


def main(nquads: str, location: str, lines: int) -> None:
    store = ox.Store(location)
    with open(nquads, "rb") as source:
        while chunk := b"".join(islice(source, lines)):
            store.bulk_load(chunk, format=ox.RdfFormat.N_QUADS, lenient=True)
    store.optimize()
    store.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
