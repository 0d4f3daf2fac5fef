"""The benchmark: for each corpus size, generate documents from the seeds, build them into a fresh
store with `kamergraaf build`, and measure ingest throughput, triples, store size, peak RSS, full
validation time and the latency of the auditor's queries — through /sparql, on pyoxigraph directly
and on rdflib's in-memory engine (the baselines), all in the same run. Writes BENCHMARKS.md.

Usage: python bench/run.py [--sizes 100 1000 10000] [--runs 20] [--rdflib-cap 20] [--out BENCHMARKS.md]
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import multiprocessing
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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import pyoxigraph as ox  # noqa: E402

from corpus import generate  # noqa: E402
from kamergraaf.graph.ingest import BULK_TRIPLES  # noqa: E402
from queries import PLAIN_FORMS, auditor_queries  # noqa: E402
from rdflib_baseline import measure as rdflib_measure  # noqa: E402
from serving import running_oxigraph, serving_process  # noqa: E402

KAMERGRAAF = str(Path(sys.executable).with_name("kamergraaf"))
# Whole results, as pyoxigraph direct returns them: no row cap, and time for the slowest aggregate.
SERVE_OPTIONS = ("--timeout", "600", "--row-cap", "100000000")
PLAIN = "plain form: "  # how rdflib's results for an aggregate's plain form are keyed


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


def run_measured(command: list[str]) -> dict:
    """Run `command`; its wall time, CPU time and peak RSS. wait4 gives this process's own usage,
    its worker processes included (getrusage(RUSAGE_CHILDREN) would also count every earlier child
    of the benchmark); peak RSS is the largest of them."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
        elapsed = time.perf_counter() - started
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise SystemExit(f"{command[1]} failed: {stderr[-2000:]}")
    return {"seconds": elapsed, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
            "summary": stdout.strip()}


def build(corpus: Path, store: Path) -> dict:
    return run_measured([KAMERGRAAF, "build", "--store", str(store), str(corpus)])


def writer_floor(store: Path, work: Path) -> dict:
    """The build's quads bulk-loaded alone into a fresh store: what the writer costs whatever the
    extraction costs."""
    quads = work / "quads.nq"
    with quads.open("wb") as out:
        ox.Store.read_only(str(store)).dump(out, format=ox.RdfFormat.N_QUADS)
    try:
        return run_measured([sys.executable, str(ROOT / "bench" / "bulk_load.py"), str(quads), str(work / "floor"),
                             str(BULK_TRIPLES)])
    finally:
        quads.unlink()
        shutil.rmtree(work / "floor", ignore_errors=True)


def validate(store: Path, full: bool = False) -> float:
    started = time.perf_counter()
    process = subprocess.run([KAMERGRAAF, "validate", "--store", str(store), *(["--full"] if full else [])],
                             capture_output=True, text=True)
    if process.returncode != 0:
        raise SystemExit(f"validation failed: {process.stdout[-2000:]}")
    return time.perf_counter() - started


ACCEPT = {"Accept": "application/sparql-results+json"}


def fetch(url: str) -> None:
    """A request on a new connection, as SPARQLWrapper, rdflib's SPARQLStore and curl make them."""
    with urllib.request.urlopen(urllib.request.Request(url, headers=ACCEPT), timeout=600) as response:
        response.read()


class KeepAlive:
    """Requests on one persistent connection, as browsers (YASGUI) and requests.Session make them."""

    def __init__(self, url: str):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=600)

    def get(self, path: str) -> None:
        for attempt in (1, 2):
            try:
                self.connection.request("GET", path, headers=ACCEPT)
                self.connection.getresponse().read()
                return
            except (http.client.HTTPException, ConnectionError):
                if attempt == 2:
                    raise
                self.connection.close()  # the server closed an idle connection: open another
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=600)


def query_latencies(store: Path, work: Path, runs: int, rdflib_cap: float) -> tuple[list[dict], dict | None]:
    direct = ox.Store.read_only(str(store))
    rows = []
    with serving_process(store, *SERVE_OPTIONS) as url:
        fetch(url + "/graph")  # waits for the graph view's projection, which a new server computes first
        client = KeepAlive(url)
        for kind, title, query in auditor_queries(direct):
            path = "/sparql?" + urllib.parse.urlencode({"query": query})

            def oxigraph():
                direct.query(query, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)

            repeat = runs * 5 if kind == "lookup" else runs  # lookups take milliseconds
            rows.append({"kind": kind, "query": title, "query_text": query,
                         "endpoint": timed(lambda: fetch(url + path), repeat),
                         "keep_alive": timed(lambda: client.get(path), repeat), "direct": timed(oxigraph, repeat)})
            if title in PLAIN_FORMS:  # the same question as first written: how much its form matters
                rows[-1]["plain_direct"] = timed(lambda: direct.query(
                    PLAIN_FORMS[title], use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON),
                    max(3, runs // 5))
    return rows, rdflib_baseline(direct, work, rows, runs, rdflib_cap)


def rdflib_baseline(direct: ox.Store, work: Path, rows: list[dict], runs: int, cap: float) -> dict | None:
    """The aggregate queries (the baseline the targets name; lookups compare with direct) on rdflib,
    in the form the endpoint offers and in their plain form (usually rdflib's faster one), each
    stopped at `cap` times its /sparql median. Last, and in a process of its own: rdflib's
    in-memory graph takes gigabytes."""
    if cap <= 0:
        return None
    ntriples = work / "union.nt"
    with ntriples.open("wb") as out:  # the union of the named graphs, as the endpoint queries it
        direct.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }").serialize(out, format=ox.RdfFormat.N_TRIPLES)
    queries = []
    for row in rows:
        if row["kind"] == "aggregate":
            limit = max(1.0, cap * statistics.median(row["endpoint"]))
            queries.append((row["query"], row["query_text"], limit))
            if row["query"] in PLAIN_FORMS:
                queries.append((PLAIN + row["query"], PLAIN_FORMS[row["query"]], limit))
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        baseline = pool.submit(rdflib_measure, str(ntriples), queries, max(3, runs // 5)).result()
    ntriples.unlink()
    baseline["cap"] = cap
    for row in rows:
        for key, title in (("rdflib", row["query"]), ("rdflib_plain", PLAIN + row["query"])):
            if title in baseline["times"]:
                row[key] = baseline["times"][title]
            elif title in baseline["stopped"]:
                row[key + "_stopped"] = baseline["stopped"][title]
    return baseline


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
    parser.add_argument("--rdflib-cap", type=float, default=20,
                        help="stop an rdflib query at this many times its /sparql median (0: no rdflib baseline)")
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
            built["floor"] = writer_floor(work / "store", work)
            quads = len(ox.Store.read_only(str(work / "store")))
            validation = (validate(work / "store"), validate(work / "store", full=True) if size <= args.full_max else None)
            runs = max(5, args.runs * 1000 // max(size, 1000))  # fewer repetitions of the slow, large runs
            latencies, baseline = query_latencies(work / "store", work, runs, args.rdflib_cap)
            sections.append(report(size, megabytes, built, quads, disk_size(work / "store"), validation, latencies, baseline))
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


def report(size, megabytes, built, quads, disk, validation, latencies, baseline) -> str:
    seconds = built["seconds"]
    lines = [f"\n## {size} documents\n",
             f"- source text: {megabytes:.1f} MB; build: {seconds:.1f} s → **{megabytes / seconds:.2f} MB/s** "
             f"({megabytes / seconds / (os.cpu_count() or 1):.2f} MB/s per core), {size / seconds:.1f} documents/s",
             f"- quads: {quads:,}; store on disk: {disk / 1e6:.0f} MB; peak RSS of the build: {built['peak_rss_mb']:.0f} MB",
             f"- CPU time of the build: {built['cpu_seconds']:.1f} s, {built['cpu_seconds'] / size * 1000:.1f} ms per document "
             f"(1 MB/s per core would allow {megabytes / size * 1000:.1f} ms); the same quads bulk-loaded alone into a fresh "
             f"store, as the writer loads them: {built['floor']['seconds']:.1f} s, {built['floor']['cpu_seconds'] / size * 1000:.1f} ms "
             f"of CPU per document ({built['floor']['cpu_seconds'] / built['cpu_seconds']:.0%} of the build's)",
             f"- validation after the build (`kamergraaf validate`: what changed, plus the cross-document shapes): "
             f"{validation[0]:.2f} s; every shape over the whole store (`--full`): "
             + (f"{validation[1]:.2f} s" if validation[1] is not None else "not run at this size"),
             f"- build summary: `{built['summary']}`",
             (f"- rdflib baseline: the union graph loaded into rdflib's in-memory store in {baseline['load_seconds']:.0f} s "
              f"(its process peaked at {baseline['peak_rss_mb'] / 1024:.1f} GB); each query stopped at "
              f"{baseline['cap']:g}× its /sparql median\n" if baseline else "- rdflib baseline: not run\n"),
             "| auditor query | /sparql median ms | p95 ms | kept-alive median ms | pyoxigraph direct median ms "
             "| endpoint − direct ms | kept-alive − direct ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in latencies:
        endpoint, direct = statistics.median(row["endpoint"]) * 1000, statistics.median(row["direct"]) * 1000
        kept = statistics.median(row["keep_alive"]) * 1000
        lines.append(f"| {row['query']} | {endpoint:.2f} | {percentile(row['endpoint'], 0.95) * 1000:.2f} | {kept:.2f} | "
                     f"{direct:.2f} | {endpoint - direct:.2f} | {kept - direct:.2f} |")
    if baseline:
        lines += ["", "| aggregate query | /sparql median ms | pyoxigraph direct, plain form ms (3 or more runs) | rdflib ms "
                  "| rdflib, plain form ms | rdflib (its faster form) / endpoint |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for row in latencies:
            if row["kind"] == "aggregate":
                lines.append(rdflib_row(row))
    return "\n".join(lines) + "\n"


def rdflib_row(row: dict) -> str:
    """rdflib on both forms of an aggregate; a stopped query counts as its limit, a lower bound."""
    endpoint = statistics.median(row["endpoint"]) * 1000
    plain = f"{statistics.median(row['plain_direct']) * 1000:.1f}" if "plain_direct" in row else "(same form)"
    cells, bounds = [], []
    for key in ("rdflib", "rdflib_plain"):
        if key in row:
            bounds.append((statistics.median(row[key]) * 1000, False))
            cells.append(f"{bounds[-1][0]:.1f}")
        elif key + "_stopped" in row:
            bounds.append((row[key + "_stopped"] * 1000, True))
            cells.append(f"> {bounds[-1][0]:.0f} (stopped)")
        else:
            cells.append("(same form)" if key == "rdflib_plain" else "not run")
    best, stopped = min(bounds, default=(None, False))
    ratio = "—" if best is None else f"{'> ' if stopped else ''}{best / endpoint:.1f}×"
    return f"| {row['query']} | {endpoint:.2f} | {plain} | {cells[0]} | {cells[1]} | {ratio} |"


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
