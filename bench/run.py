"""The benchmark: for each corpus size, generate documents from the seeds, build them into a fresh
store with `kamergraaf build`, and measure ingest throughput, triples, store size, peak RSS, full
validation time and the latency of the auditor's queries — through /sparql, on pyoxigraph directly
and on rdflib's in-memory engine (the baselines), all in the same run. Writes BENCHMARKS.md.

Usage: python bench/run.py [--sizes 100 1000 10000] [--runs 20] [--rdflib-max 1000] [--out BENCHMARKS.md]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
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
sys.path.insert(0, str(ROOT / "bench"))

import pyoxigraph as ox  # noqa: E402

from corpus import generate  # noqa: E402
from queries import auditor_queries  # noqa: E402
from serving import running_oxigraph, serving_process  # noqa: E402

KAMERGRAAF = str(Path(sys.executable).with_name("kamergraaf"))
# Whole results, as pyoxigraph direct returns them: no row cap, and time for the slowest aggregate.
SERVE_OPTIONS = ("--timeout", "600", "--row-cap", "100000000")


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(function, runs: int) -> list[float]:
    function()  # warm up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def disk_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(corpus: Path, store: Path) -> dict:
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen([KAMERGRAAF, "build", "--store", str(store), str(corpus)], stdout=out, stderr=err)
        # wait4 gives this build's own usage: the largest of its process and its worker processes
        # (getrusage(RUSAGE_CHILDREN) would also count every earlier child of the benchmark).
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - started
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise SystemExit(f"build failed: {stderr[-2000:]}")
    return {"seconds": elapsed, "peak_rss_mb": usage.ru_maxrss / 1024, "summary": stdout.strip()}


def validate(store: Path, full: bool = False) -> float:
    started = time.perf_counter()
    process = subprocess.run([KAMERGRAAF, "validate", "--store", str(store), *(["--full"] if full else [])],
                             capture_output=True, text=True)
    if process.returncode != 0:
        raise SystemExit(f"validation failed: {process.stdout[-2000:]}")
    return time.perf_counter() - started


def fetch(url: str) -> None:
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        response.read()


def query_latencies(store: Path, runs: int, rdflib_max_quads: int) -> list[dict]:
    direct = ox.Store.read_only(str(store))
    rows = []
    with serving_process(store, *SERVE_OPTIONS) as url:
        fetch(url + "/graph")  # waits for the graph view's projection, which a new server computes first
        for kind, title, query in auditor_queries(direct):
            def endpoint():
                fetch(url + "/sparql?" + urllib.parse.urlencode({"query": query}))

            def oxigraph():
                direct.query(query, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)

            repeat = runs * 5 if kind == "lookup" else runs  # lookups take milliseconds
            rows.append({"kind": kind, "query": title, "query_text": query,
                         "endpoint": timed(endpoint, repeat), "direct": timed(oxigraph, repeat)})
    # rdflib last: a big in-memory graph in this process would slow the other measurements down.
    if len(direct) <= rdflib_max_quads:
        from rdflib import Dataset

        graph = Dataset(default_union=True)
        graph.parse(data=direct.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
        for row in rows:
            if row["kind"] == "aggregate":  # the baseline the targets name; lookups compare with direct
                row["rdflib"] = timed(lambda: graph.query(row["query_text"]).serialize(format="json"), max(3, runs // 5))
    return rows


def remote_run(corpus: Path, work: Path, runs: int) -> dict:
    """The same build and queries with the store in a real `oxigraph serve` on 127.0.0.1."""
    with running_oxigraph(work / "remote") as url:
        built = build(corpus, url)
        validation = validate(url)
        rows = []
        with serving_process(url, *SERVE_OPTIONS) as endpoint_url:
            fetch(endpoint_url + "/graph")
            for _kind, title, query in auditor_queries(ox.Store.read_only(str(work / "store"))):
                encoded = urllib.parse.urlencode({"query": query})
                rows.append({"query": title,
                             "endpoint": timed(lambda: fetch(f"{endpoint_url}/sparql?{encoded}"), runs),
                             "direct": timed(lambda: fetch(f"{url}/query?union-default-graph&{encoded}"), runs)})
        return {"built": built, "validation": validation, "latencies": rows}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))) / 1024 / 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}, pyoxigraph {ox.__version__}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rdflib-max", type=int, default=2_000_000, help="largest store (quads) to load into rdflib")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--remote", action="store_true", help="also build into and query a real oxigraph server")
    parser.add_argument("--full-max", type=int, default=1000, help="largest size to time a full validation for")
    parser.add_argument("--remote-max", type=int, default=1000, help="largest size to run against the remote store")
    args = parser.parse_args()
    sections = []
    for size in args.sizes:
        work = Path(tempfile.mkdtemp(prefix=f"kamergraaf-bench-{size}-"))
        try:
            corpus = work / "corpus"
            paths = generate(size, corpus)
            megabytes = sum(p.stat().st_size for p in paths) / 1e6
            built = build(corpus, work / "store")
            quads = len(ox.Store.read_only(str(work / "store")))
            validation = (validate(work / "store"), validate(work / "store", full=True) if size <= args.full_max else None)
            runs = max(5, args.runs * 1000 // max(size, 1000))  # fewer repetitions of the slow, large runs
            latencies = query_latencies(work / "store", runs, args.rdflib_max)
            sections.append(report(size, megabytes, built, quads, disk_size(work / "store"), validation, latencies))
            if args.remote and size <= args.remote_max:
                sections.append(remote_report(size, megabytes, remote_run(corpus, work, runs)))
            print("\n".join(sections[-2:] if args.remote and size <= args.remote_max else sections[-1:]), flush=True)
            args.out.write_text(header() + "\n".join(sections), encoding="utf-8")  # after every size
        finally:
            shutil.rmtree(work, ignore_errors=True)
    args.out.write_text(header() + "\n".join(sections), encoding="utf-8")


def header() -> str:
    return (f"# Benchmarks\n\n{dt.date.today().isoformat()} · {machine()}\n\n"
            "Produced by `python bench/run.py` (see `bench/README.md`). Every figure comes from one run on this machine;\n"
            "compare the ratios within a run, not absolute times across machines.\n")


def report(size, megabytes, built, quads, disk, validation, latencies) -> str:
    seconds = built["seconds"]
    lines = [f"\n## {size} documents\n",
             f"- source text: {megabytes:.1f} MB; build: {seconds:.1f} s → **{megabytes / seconds:.2f} MB/s** "
             f"({megabytes / seconds / (os.cpu_count() or 1):.2f} MB/s per core), {size / seconds:.1f} documents/s",
             f"- quads: {quads:,}; store on disk: {disk / 1e6:.0f} MB; peak RSS of the build: {built['peak_rss_mb']:.0f} MB",
             f"- validation after the build (`kamergraaf validate`: what changed, plus the cross-document shapes): "
             f"{validation[0]:.2f} s; every shape over the whole store (`--full`): "
             + (f"{validation[1]:.2f} s" if validation[1] is not None else "not run at this size"),
             f"- build summary: `{built['summary']}`\n",
             "| auditor query | /sparql median ms | p95 ms | pyoxigraph direct median ms | endpoint − direct ms | rdflib median ms | rdflib / endpoint |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in latencies:
        endpoint, direct = statistics.median(row["endpoint"]) * 1000, statistics.median(row["direct"]) * 1000
        rdflib = statistics.median(row["rdflib"]) * 1000 if "rdflib" in row else None
        lines.append(f"| {row['query']} | {endpoint:.2f} | {percentile(row['endpoint'], 0.95) * 1000:.2f} | {direct:.2f} | "
                     f"{endpoint - direct:.2f} | {f'{rdflib:.1f}' if rdflib else ('—' if row['kind'] == 'lookup' else 'not run')} | "
                     f"{f'{rdflib / endpoint:.1f}×' if rdflib else '—'} |")
    return "\n".join(lines) + "\n"


def remote_report(size, megabytes, remote) -> str:
    seconds = remote["built"]["seconds"]
    lines = [f"\n### {size} documents, remote store (`oxigraph serve` on 127.0.0.1)\n",
             f"- build: {seconds:.1f} s → **{megabytes / seconds:.2f} MB/s**, {size / seconds:.1f} documents/s; "
             f"validation after the build {remote['validation']:.2f} s\n",
             "| auditor query | /sparql (over the remote store) median ms | p95 ms | oxigraph server direct median ms | difference ms |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for row in remote["latencies"]:
        endpoint, direct = statistics.median(row["endpoint"]) * 1000, statistics.median(row["direct"]) * 1000
        lines.append(f"| {row['query']} | {endpoint:.2f} | {percentile(row['endpoint'], 0.95) * 1000:.2f} | {direct:.2f} | {endpoint - direct:.2f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
