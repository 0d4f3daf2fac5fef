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

from browser import browser_page, close_browser  # noqa: E402
from serving import serving_process  # noqa: E402
from synthetic import generate  # noqa: E402

SEED_VIEWS = ["/graph", "/graph?motie=32317-813", "/graph?doc=000_a18c50dab0394b4b.txt"]
BUDGET_VIEWS = ["/graph?group=0", "/graph"]


# Where the time goes, in ms from navigation start: the page received, graph.js started (the page
# parsed, vis-network evaluated), the network built (vis-network's constructor), the view drawn.
STAGES = """[performance.getEntriesByType('navigation')[0].responseEnd,
  performance.getEntriesByName('graph-script')[0].startTime, performance.getEntriesByName('graph-built')[0].startTime,
  window.kamergraafReady]"""


def tti(url: str, runs: int) -> tuple[list[float], float, int]:
    """The median of each stage, the worst time to interactive and the nodes drawn."""
    samples, nodes = [], 0
    with browser_page() as page:
        for run in range(runs + 1):
            page.goto(url)
            page.wait_for_function("window.kamergraafReady !== undefined", timeout=60000)
            if run:  # the first run warms the server's answer cache and the browser's cache of vis-network
                samples.append(page.evaluate(STAGES))
            nodes = page.evaluate("window.kamergraafNetwork.body.data.nodes.length")
    medians = [statistics.median(stage) for stage in zip(*samples)]
    return medians, max(s[-1] for s in samples), nodes


def report(base: str, views: list[str], runs: int, what: str) -> None:
    for view in views:
        (received, script, built, ready), worst, nodes = tti(base + view, runs)
        print(f"{what} {view}: {nodes} nodes, time to interactive median {ready:.0f} ms, worst {worst:.0f} ms "
              f"(received {received:.0f}, script {script:.0f}, built {built:.0f})")


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
    try:
        main()
    finally:
        close_browser()
