"""Issue 16's page budget, cold and warm, against baselines of the same run: the landing page,
/moties, /toezeggingen and /search on a real server (`kamergraaf serve` in its own process) over a
store built from N generated documents (bench/corpus.py) or a given store.

Usage: python bench/pages_ab.py [--documents N | --store DIR] [--runs R] [--warmup W]

For each page a fresh server is started: "cold" is the page's first request once the server
answers (what a visitor right after a start or a rebuild waits; the landing page's overview is
computed in the background at start, so it may be ready or not); then W requests to warm up and R
requests "warm", each on a new connection as a browser's first visit makes it. Every warm request of
a page is followed by one of each baseline — a static file (the server's floor: routing, a file) and
`/sparql?query=ASK{}` (a query through the worker pool) — so a noisy moment costs both; the ratios of
the medians are what to compare across machines. Goal (issue 16): ≤ 300 ms at 1 000 documents.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402
from serving import serving_process  # noqa: E402

KAMERGRAAF = str(Path(sys.executable).with_name("kamergraaf"))
GOAL_MS = 300
PAGES = ["/", "/?documents_page=5", "/moties", "/moties?outcome=Aangenomen&page=2&per_page=20", "/fractie/vvd",
         "/toezeggingen", "/toezeggingen?type=Toezegging&overdue=1", "/search?q=Eerdmans", "/search?q=terugkeer"]
BASELINES = {"static": "/static/kamergraaf.css", "ask": "/sparql?query=ASK%7B%7D"}


def get(url: str) -> tuple[float, int, int]:
    """Seconds, status and size of one GET on a new connection (an error status is an answer too)."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return time.perf_counter() - started, status, len(body)


def ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def measure_page(store: Path, page: str, runs: int, warmup: int) -> dict:
    with serving_process(store) as url:
        cold, status, size = get(url + page)
        for _ in range(warmup):
            get(url + page)
        warm, floors = [], {name: [] for name in BASELINES}
        for _ in range(runs):
            warm.append(get(url + page)[0])
            for name, path in BASELINES.items():
                floors[name].append(get(url + path)[0])
    return {"page": page, "status": status, "kb": size / 1000, "cold": cold * 1000, "warm": ms(warm),
            "p95": sorted(warm)[min(runs - 1, round(0.95 * (runs - 1)))] * 1000,
            **{name: ms(samples) for name, samples in floors.items()}}


def report(store: Path, runs: int, warmup: int, documents: str) -> None:
    print(f"Pages, {documents}: a fresh `kamergraaf serve` per page, cold = its first request, "
          f"then {warmup} to warm up and {runs} warm (medians), each followed by the baselines; "
          f"load average {os.getloadavg()[0]:.0f} on {os.cpu_count()} cores at the start.\n", flush=True)
    print("| page | status | KB | cold ms | warm median ms | warm p95 ms | ≤ 300 ms (warm) "
          "| static file ms | ratio to static | ASK ms | ratio to ASK |")
    print("|---|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|", flush=True)
    for page in PAGES:
        r = measure_page(store, page, runs, warmup)
        print(f"| `{r['page']}` | {r['status']} | {r['kb']:.0f} | {r['cold']:.0f} | {r['warm']:.1f} | {r['p95']:.1f} "
              f"| {'yes' if r['warm'] <= GOAL_MS else 'no'} | {r['static']:.1f} | {r['warm'] / r['static']:.1f} "
              f"| {r['ask']:.1f} | {r['warm'] / r['ask']:.1f} |", flush=True)
    print(f"\nload average {os.getloadavg()[0]:.0f} at the end.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--store", type=Path, help="a built store (default: build one from generated documents)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    if args.store:
        report(args.store, args.runs, args.warmup, f"store {args.store} ({args.documents} documents)")
        return
    with tempfile.TemporaryDirectory() as work:
        generate(args.documents, Path(work) / "docs")
        started = time.perf_counter()
        subprocess.run([KAMERGRAAF, "build", "--store", f"{work}/store", f"{work}/docs"], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"{args.documents} documents built in {time.perf_counter() - started:.0f} s\n")
        report(Path(work) / "store", args.runs, args.warmup, f"{args.documents} generated documents")


if __name__ == "__main__":
    main()
