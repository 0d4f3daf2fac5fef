"""Lookup latency through `/sparql` and a linked-data page, this checkout against a baseline, in the same run.

    python bench/lookup_ab.py BASELINE_KAMERGRAAF [--docs 300] [--runs 200]

BASELINE_KAMERGRAAF is the `kamergraaf` command of another install (as for bench/ingest_ab.py).
One generated corpus is built once by this checkout; each version's `serve` then answers the same
requests, in turn (A B, B A, …, on new connections), so that drift of the machine's speed falls on
both. Reported: per request the median of each, and the median of the pairwise ratios.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
CURRENT = Path(sys.executable).parent / "kamergraaf"

import pyoxigraph as ox  # noqa: E402

from queries import auditor_queries  # noqa: E402
from serving import free_port  # noqa: E402


def serve(kamergraaf: Path, store: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([str(kamergraaf), "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=1).read()
            return process, url
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{kamergraaf} serve did not start")


def fetch(url: str) -> float:
    started = time.perf_counter()
    accept = "application/sparql-results+json" if "/sparql?" in url else "text/html"
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("baseline", type=Path)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(args.docs), str(work / "corpus")],
                       check=True, capture_output=True)
        subprocess.run([str(CURRENT), "build", "--store", str(work / "store"), str(work / "corpus")], check=True,
                       capture_output=True)
        lookups = [(title, "/sparql?" + urllib.parse.urlencode({"query": query}))
                   for kind, title, query in auditor_queries(ox.Store.read_only(str(work / "store"))) if kind == "lookup"]
        servers = [serve(CURRENT, work / "store"), serve(args.baseline, work / "store")]
        try:
            motion = next(iter(ox.Store.read_only(str(work / "store")).query(
                "SELECT ?m WHERE { ?m a <https://w3id.org/kamergraaf/def#Motion> } LIMIT 1",
                use_default_graph_as_union=True)))["m"].value
            lookups.append(("page of a motion (/id/motie/…)", "/id/" + motion.split("/id/", 1)[1]))
            print(f"corpus: {args.docs} generated documents; {args.runs} paired requests each")
            print(f"{'request':<48} {'this ms':>8} {'base ms':>8} {'ratio':>6}")
            ratios = []
            for title, path in lookups:
                for _process, url in servers:
                    fetch(url + path)  # warm up
                pairs = []
                for run in range(args.runs):  # A B, B A, …: neither always goes first
                    if run % 2:
                        base_seconds = fetch(servers[1][1] + path)
                        pairs.append((fetch(servers[0][1] + path), base_seconds))
                    else:
                        pairs.append((fetch(servers[0][1] + path), fetch(servers[1][1] + path)))
                this, base = (statistics.median(p[i] for p in pairs) for i in (0, 1))
                ratio = statistics.median(a / b for a, b in pairs)
                ratios.append(ratio)
                print(f"{title[:48]:<48} {this * 1000:>8.2f} {base * 1000:>8.2f} {ratio:>6.3f}")
            print(f"median ratio this/baseline: {statistics.median(ratios):.3f}")
        finally:
            for process, _url in servers:
                process.terminate()
                process.wait(10)


if __name__ == "__main__":
    main()
