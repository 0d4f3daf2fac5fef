"""Run SPARQL queries in worker processes, so that a timeout really stops the work.

Oxigraph evaluates a query in native code that a Python thread cannot interrupt; a worker process
can be killed. Each worker opens the store read-only and answers one query at a time; a query that
outlives the timeout costs its worker, which is replaced. Results are capped at a row limit and
serialised in the worker, so only bytes cross the process boundary.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass

import pyoxigraph as ox

from ..graph.store import open_for_queries
from ..lifetime import die_with_parent
from .results import capped, write_boolean, write_graph, write_solutions


class QueryTimeout(Exception):
    pass


class QueryRefused(Exception):
    """The query cannot be answered as asked (syntax error, no acceptable format …)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class Request:
    query: str
    default_graphs: list[str] | None  # None: the union of all named graphs
    named_graphs: list[str] | None
    solutions_type: str | None  # media type for SELECT/ASK, None if none is acceptable
    graph_type: str | None  # media type for CONSTRUCT/DESCRIBE
    row_cap: int
    byte_cap: int = 50_000_000  # text in the answer's terms; more rows are cut and the cut reported


@dataclass
class Answer:
    body: bytes
    media_type: str
    rows: int
    truncated: bool  # by the row cap
    cut_by_bytes: bool = False  # by the byte cap


def _term_size(term) -> int:
    return 0 if term is None else len(getattr(term, "value", "") or "") + 8


def _graph_iri(value: str, parameter: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as error:
        raise QueryRefused(400, f"{parameter} is not an IRI ({value!r}: {error}).") from None


def answer(store: ox.Store, request: Request) -> Answer:
    """Evaluate and serialise one query (in a worker, or in-process for tests and tools)."""
    options = {"use_default_graph_as_union": request.default_graphs is None}
    if request.default_graphs is not None:
        options["default_graph"] = [_graph_iri(g, "default-graph-uri") for g in request.default_graphs]
    if request.named_graphs is not None:
        options["named_graphs"] = [_graph_iri(g, "named-graph-uri") for g in request.named_graphs]
    try:
        result = store.query(request.query, **options)
    except RuntimeError as error:
        if "is not supported" in str(error):  # "The custom function <urn:f> is not supported"
            raise QueryRefused(400, f"Query refused: {error}.") from None
        raise
    cap = request.row_cap
    if isinstance(result, ox.QueryBoolean):
        media_type = _need(request.solutions_type)
        return Answer(write_boolean(bool(result), media_type), media_type, 1, False)
    if isinstance(result, ox.QuerySolutions):
        media_type = _need(request.solutions_type)
        variables = [v.value for v in result.variables]
        written = write_solutions(variables, result, media_type, cap, request.byte_cap)
        return Answer(written.body, media_type, written.rows, written.by_rows, written.by_bytes)
    media_type = _need(request.graph_type)
    triples, by_rows, by_bytes = capped(result, cap, request.byte_cap,
                                        lambda t: _term_size(t.subject) + _term_size(t.predicate) + _term_size(t.object))
    body = write_graph(triples, media_type)
    return Answer(body, media_type, len(triples), by_rows, by_bytes)


def _need(media_type: str | None) -> str:
    if media_type is None:
        raise QueryRefused(406, "No acceptable result format for this kind of query.")
    return media_type


def reopen(open_store, location: str, attempts: int = 5):
    """Open the store read-only, retrying briefly: a writer (a build, SPARQL Update) may be deleting
    files that a read-only open was just listing, and the open fails with an I/O error."""
    for attempt in range(attempts):
        try:
            return open_store(location)
        except OSError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1)


def _worker(location: str, snapshot: bool, parent: int, connection) -> None:
    # Ctrl-C reaches the whole process group; the server stops its workers itself (or they see
    # their connection close), so an interrupt must not kill one mid-answer with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker busy with a query never reads its connection: when the server dies (kill -9), the
    # kernel ends it. Workers are started by the executor's spawner thread, which lives as long as
    # the server, because the signal comes when the starting thread ends.
    die_with_parent(parent)
    store, generation = None, None
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return  # the server is gone
        if message is None:
            return
        wanted_generation, request = message
        try:
            if store is None or wanted_generation != generation:
                store, generation = reopen(lambda at: open_for_queries(at, snapshot), location), wanted_generation
            try:
                result = answer(store, request)
            except RuntimeError as error:
                if "No such file" not in str(error):
                    raise
                # A file the handle had not opened yet is gone (a writer compacted the store under
                # a reader that does not read a snapshot): reopen and answer once more.
                store = reopen(lambda at: open_for_queries(at, snapshot), location)
                result = answer(store, request)
            connection.send(("ok", result))
        except SyntaxError as error:
            connection.send(("refused", (400, f"Malformed query: {error}")))
        except QueryRefused as error:
            connection.send(("refused", (error.status, str(error))))
        except Exception as error:  # noqa: BLE001 — reported as a plain message, never a traceback
            connection.send(("refused", (500, f"Query failed: {type(error).__name__}: {error}")))


class _Worker:
    def __init__(self, context, location: str, snapshot: bool):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(location, snapshot, os.getpid(), child), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


class _Pool:
    """Worker processes that answer one query at a time each, stopped after `timeout` seconds."""

    def __init__(self, context, location: str, snapshot: bool, workers: int, timeout: float):
        self.context, self.location, self.snapshot, self.timeout = context, location, snapshot, timeout
        self.idle: queue.Queue[_Worker] = queue.Queue()
        # Every worker, replacements included, is started by this one thread (see _worker).
        self._wanted: queue.Queue[bool] = queue.Queue()
        threading.Thread(target=self._spawn, name="kamergraaf-query-spawner", daemon=True).start()
        for _ in range(workers):
            self._wanted.put(True)

    def _spawn(self) -> None:
        # This thread must never end while the server runs: its workers die with it (PDEATHSIG).
        # Its children inherit its signal mask: Ctrl-C (sent to the whole group) must not reach a
        # worker still starting up, before it could ignore it, with a traceback.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        while self._wanted.get():
            for attempt in range(1000):
                try:
                    self.idle.put(_Worker(self.context, self.location, self.snapshot))
                    break
                except Exception:  # noqa: BLE001 — out of processes or files for now: try again
                    time.sleep(min(5.0, 0.1 * 2 ** attempt))

    def _replace(self, worker: _Worker) -> None:
        """Stop a worker (the only way to stop native query evaluation) and have another started."""
        worker.stop()
        self._wanted.put(True)

    def run(self, worker: _Worker, generation: int, request: Request) -> Answer:
        try:
            worker.connection.send((generation, request))
            if not worker.connection.poll(self.timeout):
                self._replace(worker)
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
            status, payload = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise QueryRefused(500, "The query worker failed; try again.") from None
        self.idle.put(worker)
        if status == "refused":
            raise QueryRefused(*payload)
        return payload

    def close(self) -> None:
        self._wanted.put(False)
        while not self.idle.empty():
            worker = self.idle.get_nowait()
            try:
                worker.connection.send(None)
            except OSError:
                pass
            worker.stop()


class QueryExecutor:
    """The query workers over the store at `location`, shared so that slow queries cannot shut
    short ones out:

    - a client (by address) runs at most ``workers - 1`` queries at once on the regular workers
      (at least one), so one client's slow queries always leave a worker to the others;
    - when every regular worker is busy, a query goes to the *short lane*: one more worker that
      stops any query after `lane_timeout` seconds. A short query is answered at once; a slow one
      is told (503) that the server is busy, and may try again.
    """

    def __init__(self, location: str, workers: int = 2, timeout: float = 10.0, snapshot: bool = True,
                 lane_timeout: float = 1.0):
        self.timeout = timeout
        self.generation = 0
        context = multiprocessing.get_context("spawn")
        self._pool = _Pool(context, location, snapshot, workers, timeout)
        self._lane = _Pool(context, location, snapshot, 1, min(lane_timeout, timeout))
        self._per_client = max(1, workers - 1)
        self._running: dict[str, int] = {}  # client → queries on regular workers (no entry: none)
        self._turn = threading.Condition()

    def _claim(self, client: str, timeout: float | None = None) -> bool:
        """Take one of the client's shares of the regular workers (waiting up to `timeout`)."""
        with self._turn:
            if not self._turn.wait_for(lambda: self._running.get(client, 0) < self._per_client, timeout):
                return False
            self._running[client] = self._running.get(client, 0) + 1
            return True

    def _release(self, client: str) -> None:
        with self._turn:
            self._running[client] -= 1
            if not self._running[client]:
                del self._running[client]
            self._turn.notify_all()

    def refresh(self) -> None:
        """The store changed on disk: workers reopen it before their next query."""
        self.generation += 1

    def run(self, request: Request, client: str = "") -> Answer:
        started = time.monotonic()
        worker = None
        if self._claim(client, 0):
            try:
                worker = self._pool.idle.get_nowait()
            except queue.Empty:
                self._release(client)
        if worker is None:
            try:  # every regular worker busy, or this client's share in use: the short lane
                lane = self._lane.idle.get_nowait()
            except queue.Empty:
                lane = None
            if lane is not None:
                try:
                    return self._lane.run(lane, self.generation, request)
                except QueryTimeout:
                    raise QueryTimeout(f"the server is busy with other queries, and this one did not finish within "
                                       f"the {self._lane.timeout:g} s allowed while it is; try again later") from None
            if not self._claim(client, self.timeout):
                raise QueryTimeout(f"this client's other queries kept its share of the workers for {self.timeout:g} s")
            try:
                worker = self._pool.idle.get(timeout=max(0.0, self.timeout - (time.monotonic() - started)))
            except queue.Empty:
                self._release(client)
                raise QueryTimeout(f"all query workers stayed busy for {self.timeout:g} s") from None
        try:
            return self._pool.run(worker, self.generation, request)
        finally:
            self._release(client)

    def close(self) -> None:
        self._pool.close()
        self._lane.close()
