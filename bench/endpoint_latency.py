"""Latency of the auditor's queries (lookups and aggregates) through /sparql versus pyoxigraph directly.

Usage: python bench/endpoint_latency.py [STORE] [--runs N]
Builds nothing: point it at a built store (default ./data/store). Prints per-query medians and the
median ratio endpoint / direct, measured in the same run (this machine is noisy; ratios travel).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import pyoxigraph as ox  # noqa: E402

from queries import auditor_queries  # noqa: E402
from serving import serving_process  # noqa: E402


def timed(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", nargs="?", default="data/store")
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    direct = ox.Store.read_only(args.store)
    ratios = []
    with serving_process(args.store, "--timeout", "600", "--row-cap", "100000000") as url:
        urllib.request.urlopen(url + "/graph", timeout=600).read()  # let the server finish warming up
        print(f"{'query':<55} {'direct ms':>10} {'endpoint ms':>12} {'ratio':>7}")
        for _kind, title, query in auditor_queries(direct):
            def through_endpoint():
                request = urllib.request.Request(url + "/sparql?" + urllib.parse.urlencode({"query": query}),
                                                 headers={"Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(request) as response:
                    response.read()

            def straight():
                result = direct.query(query, use_default_graph_as_union=True)
                result.serialize(format=ox.QueryResultsFormat.JSON)

            through_endpoint(), straight()  # warm up
            t_direct, t_endpoint = timed(straight, args.runs), timed(through_endpoint, args.runs)
            ratios.append(t_endpoint / t_direct)
            print(f"{title[:55]:<55} {t_direct * 1000:>10.2f} {t_endpoint * 1000:>12.2f} {t_endpoint / t_direct:>7.1f}")
    print(f"median ratio endpoint/direct: {statistics.median(ratios):.1f}")


if __name__ == "__main__":
    main()
