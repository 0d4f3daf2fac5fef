"""Time-to-interactive of the graph view in headless Chromium: from navigation start until
vis-network has drawn the view fitted to the canvas (window.kamergraafReady), median of several
runs with a warm server (the first load of each view, which computes its layout, is left out).

Views measured: the seed overview, a motion in focus and a document in focus (seeds), and a
generated graph of 600 documents and 800 motions cut to the 500-node budget (every node, no
groups) and its grouped overview. The server runs in a process of its own (`kamergraaf serve`),
as users run it.

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
from serving import serving_process  # noqa: E402
from synthetic import generate  # noqa: E402

SEED_VIEWS = ["/graph", "/graph?motie=32317-813", "/graph?doc=000_a18c50dab0394b4b.txt"]
BUDGET_VIEWS = ["/graph?group=0", "/graph"]


def tti(url: str, runs: int) -> tuple[float, float, int]:
    """(median, worst) milliseconds to interactive and the nodes drawn."""
    samples, nodes = [], 0
    with browser_page() as page:
        for run in range(runs + 1):
            page.goto(url)
            page.wait_for_function("window.kamergraafReady !== undefined", timeout=60000)
            if run:  # the first run warms the server's layout cache and the browser's cache of vis-network
                samples.append(page.evaluate("window.kamergraafReady"))
            nodes = page.evaluate("window.kamergraafNetwork.body.data.nodes.length")
    return statistics.median(samples), max(samples), nodes


def report(base: str, views: list[str], runs: int, what: str) -> None:
    for view in views:
        median, worst, nodes = tti(base + view, runs)
        print(f"{what} {view}: {nodes} nodes, time to interactive median {median:.0f} ms, worst {worst:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", nargs="?", default="data/store")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with serving_process(args.store) as url:
        report(url, SEED_VIEWS, args.runs, "seeds")
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder) / "store", documents=600, motions=800, instruments=80)
        with serving_process(Path(folder) / "store") as url:
            report(url, BUDGET_VIEWS, args.runs, "generated")


if __name__ == "__main__":
    main()
