"""The rdflib baseline: the store's union graph loaded into rdflib's in-memory store, the same
queries on rdflib's engine. Runs in a process of its own (`measure`), so that the many gigabytes
rdflib needs at 10 000 documents are returned when it ends; a query that runs past its limit is
stopped (rdflib evaluates in Python, so an alarm signal interrupts it) and reported as "more than".
"""
from __future__ import annotations

import resource
import signal
import time


class Stopped(Exception):
    pass


def _stop(_signum, _frame):
    raise Stopped


def measure(ntriples: str, queries: list[tuple[str, str, float]], runs: int) -> dict:
    """Load `ntriples` (a file) into rdflib and time each (title, query, limit in seconds).

    Returns {"load_seconds", "peak_rss_mb", "times": {title: [seconds…]}, "stopped": {title: limit}}."""
    from rdflib import Graph

    started = time.perf_counter()
    graph = Graph()
    graph.parse(ntriples, format="nt")
    load_seconds = time.perf_counter() - started
    signal.signal(signal.SIGALRM, _stop)
    times, stopped = {}, {}
    for title, query, limit in queries:
        samples = []
        for _ in range(runs):
            # Repeating: rdflib has bare `except:` clauses that may swallow one alarm.
            signal.setitimer(signal.ITIMER_REAL, limit, 1.0)
            started = time.perf_counter()
            try:
                try:
                    graph.query(query).serialize(format="json")
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            except Stopped:
                stopped[title] = limit
                break
            samples.append(time.perf_counter() - started)
            if samples[-1] > 10:  # one sample of a slow query is enough
                break
        if samples and title not in stopped:
            times[title] = samples
    return {"load_seconds": load_seconds, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "times": times, "stopped": stopped}
