"""Latency of the pages people open first — the landing page, /moties (a filtered page, a later
page), a fractie's page, /toezeggingen, /search — on a real server (`kamergraaf serve` in its own
process), for a store built from N generated documents (bench/corpus.py) or a given store.

Usage: python bench/pages.py [--documents N | --store DIR] [--runs R]
Reports, per page, the first request after the server is up (the overview and the motion rows are
computed once per data version and kept) and the median and p95 of R requests after it, each on a
new connection as a browser's first visit makes it. The target (issue 16) is ≤ 300 ms at 1 000
documents.
"""
from __future__ import annotations

import argparse
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
PAGES = ["/", "/?documents_page=5", "/moties", "/moties?outcome=Aangenomen&page=2&per_page=20", "/moties?page=3",
         "/fractie/vvd", "/toezeggingen", "/toezeggingen?overdue=1", "/search?q=terugkeer"]


def get(url: str) -> tuple[float, int, int]:
    """Seconds, status and size of one GET on a new connection (an error status is an answer too)."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return time.perf_counter() - started, status, len(body)


def measure(store: Path, runs: int) -> None:
    with serving_process(store) as url:
        print(f"{'page':<48} {'status':>6} {'KB':>7} {'first ms':>9} {'median ms':>10} {'p95 ms':>8}", flush=True)
        for page in PAGES:
            first, status, size = get(url + page)
            samples = sorted(get(url + page)[0] for _ in range(runs))
            p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
            print(f"{page:<48} {status:>6} {size / 1000:>7.0f} {first * 1000:>9.0f} "
                  f"{statistics.median(samples) * 1000:>10.1f} {p95 * 1000:>8.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--store", type=Path, help="a built store (default: build one from generated documents)")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    if args.store:
        measure(args.store, args.runs)
        return
    with tempfile.TemporaryDirectory() as work:
        generate(args.documents, Path(work) / "docs")
        started = time.perf_counter()
        subprocess.run([KAMERGRAAF, "build", "--store", f"{work}/store", f"{work}/docs"], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"{args.documents} documents built in {time.perf_counter() - started:.0f} s")
        measure(Path(work) / "store", args.runs)


if __name__ == "__main__":
    main()
