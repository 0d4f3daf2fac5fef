"""Time-to-interactive of /graph in headless Chromium: from navigation start until vis-network has
drawn the graph (window.kamergraafReady), median of several runs, for the seed graph and for a
generated graph cut to the 500-node budget.

Usage: python bench/graph_tti.py [STORE] [--runs N]   (STORE: a built store, default ./data/store)
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import browser_page  # noqa: E402
from serving import running_server  # noqa: E402
from synthetic import generate  # noqa: E402


def tti(url: str, runs: int) -> tuple[float, int]:
    samples, nodes = [], 0
    with browser_page() as page:
        for _ in range(runs):
            page.goto(url)
            page.wait_for_function("window.kamergraafReady !== undefined", timeout=60000)
            samples.append(page.evaluate("window.kamergraafReady"))
            nodes = page.evaluate("window.kamergraafNetwork.body.data.nodes.length")
    return statistics.median(samples), nodes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", nargs="?", default="data/store")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with running_server(args.store) as (url, _app):
        ms, nodes = tti(url + "/graph", args.runs)
        print(f"seeds overview: {nodes} nodes, median time-to-interactive {ms:.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder) / "store", documents=600, motions=800, instruments=80)
        with running_server(Path(folder) / "store") as (url, _app):
            ms, nodes = tti(url + "/graph?budget=500", args.runs)
            print(f"generated graph at the budget: {nodes} nodes, median time-to-interactive {ms:.0f} ms")


if __name__ == "__main__":
    main()
