"""Ingest files into the store: read, extract, build and validate each document — in parallel
worker processes for larger builds — then commit them one by one from a single writer; and remove
documents again (by file or IRI, or those whose files are gone: ``build --prune``).

A document is committed only when its graph passes the evidence check and the SHACL shapes;
otherwise the store is left exactly as it was for that document.
"""
from __future__ import annotations

import functools
import json
import multiprocessing
import os
import queue
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ..lifetime import die_with_parent, limit_memory
from ..extract.document import identifier_of
from ..extract.pipeline import Pipeline
from ..extract.readers import NotADocument, UnreadableDocument, iter_paths, read_document
from .build import build_graphs, reference_graph
from .derive import add_statuses
from .iris import KG, RDFS, Minter
from . import search
from .odata import NotOData, RecordGraphs, is_syncfeed, read_records
from .shacl import digest, load_ntriples, validate_store
from .store import KnowledgeStore, snapshots_folder
from .validate import check_evidence, ontology_graph

ONTOLOGY_GRAPH = "https://w3id.org/kamergraaf/def"
PARALLEL_FROM = 8  # documents; fewer are not worth starting worker processes for
# A build worker's address space (its documents' text, parts, facts, graphs and validation); one
# takes about 90 MB, and a 5 M-character document about 700 MB. One document must never take the
# build, or the machine, down.
WORKER_MEMORY_MB = int(os.environ.get("KAMERGRAAF_WORKER_MEMORY_MB", "3072"))
BATCH = 8  # documents extracted and validated together in a worker
BULK_TRIPLES = 50_000  # new documents are written in bulk loads of about this size
# A folder's own notes — README, SOURCES.md, LICENSE, CHANGELOG, NOTICE, in any case and with any
# suffix — are never parliamentary documents: a build of the folder skips them unread (named on
# their own, a file is read and judged by its content like any other).
FOLDER_NOTES = re.compile(r"(readme|sources|licen[cs]e|changelog|notice)(\.[^.]+)?", re.IGNORECASE)


@dataclass
class IngestResult:
    path: str
    status: str  # added | replaced | unchanged | skipped | removed | unreadable | invalid
    doc_id: str = ""
    triples: int = 0
    reason: str = ""
    size: int = 0  # characters of source text
    warnings: list[str] = field(default_factory=list)  # what the reader repaired (encoding, mojibake)
    label: str = ""  # a removed document's name as people read it (its rdfs:label)

    @property
    def ok(self) -> bool:
        return self.status in ("added", "replaced", "unchanged", "skipped", "removed")


@dataclass
class Prepared:
    """One document, extracted, built and validated, ready to be written."""

    result: IngestResult
    graph_iri: str = ""
    document: str = ""  # N-Triples
    entities: str = ""


@dataclass
class Settings:
    base: str
    pipeline: list[str]
    current: dict[str, str]  # doc id → sha256 of what the store holds
    force: bool
    validate: bool


_settings: Settings | None = None


def _init(settings: Settings, parent: int | None = None) -> None:
    global _settings
    _settings = settings
    if parent is not None:  # a worker process: it must not outlive the build (kill -9 of the build)
        die_with_parent(parent)
        limit_memory(WORKER_MEMORY_MB)


def prepare(paths: list[str]) -> list[Prepared]:
    """Everything for a batch of documents that does not touch the store (runs in a worker process).

    The batch is validated as one graph — the shapes' fixed cost per query is paid once for all
    of them — and only when that finds a problem is each document validated alone, to refuse just
    the documents at fault.
    """
    prepared = [_extract(path) for path in paths]
    built = [p for p in prepared if p.result.status == "added"]
    if _settings.validate and built:
        context = _context_ntriples(_settings.base)
        try:
            together = _violations(built, context)
        except SyntaxError:  # a graph the store cannot parse: found below, alone
            together = True
        if together:
            for p in built:
                try:
                    problems = _violations([p], context)
                except SyntaxError as error:
                    problems = [f"its graph is not valid N-Triples ({error}); please report this file"]
                if problems:
                    p.result = IngestResult(p.result.path, "invalid", p.result.doc_id, reason=_refusal(problems),
                                            size=p.result.size)
        # Record what each graph was validated against, so that `validate` can skip it later.
        for p in built:
            if p.result.status == "added":
                p.document += f'<{p.graph_iri}> <{KG.validatedWith}> "{digest()}" .\n'
    return prepared


def _extract(path: str) -> Prepared:
    """Read, extract and build one document; a fault in the extractors refuses this document only."""
    try:
        return _extract_one(path)
    except MemoryError:
        return Prepared(IngestResult(str(path), "invalid", reason=f"needs more memory than a build worker may use "
                                     f"({WORKER_MEMORY_MB} MB; KAMERGRAAF_WORKER_MEMORY_MB)"))
    except Exception as error:  # noqa: BLE001 — one document's fault must not end the build
        return Prepared(IngestResult(str(path), "invalid", reason=f"extraction failed ({type(error).__name__}: {error}); "
                                     "please report this file"))


def _extract_one(path: str) -> Prepared:
    """Read, extract and build one document; check that its evidence quotes the source."""
    settings = _settings
    if str(path).lower().endswith(".json") or (str(path).lower().endswith(".xml") and _syncfeed_page(path)):
        return _import_records(path, settings)
    try:
        doc = read_document(path)
    except NotADocument as error:
        return Prepared(IngestResult(str(path), "skipped", reason=error.reason))
    except UnreadableDocument as error:
        return Prepared(IngestResult(str(path), "unreadable", reason=error.reason))
    size = len(doc.source)
    if not settings.force and settings.current.get(doc.identifier) == doc.sha256:
        return Prepared(IngestResult(str(path), "unchanged", doc.identifier, size=size))
    Pipeline(settings.pipeline)(doc)
    if not doc.kind:
        return Prepared(IngestResult(str(path), "skipped", reason="not a parliamentary document (no kind, number, date, "
                                     "signature, motion or questions; a table or software documentation)", size=size))
    graphs = build_graphs(doc, Minter(settings.base))
    problems = check_evidence(graphs.evidence, doc.source)
    if problems:
        return Prepared(IngestResult(str(path), "invalid", doc.identifier, reason=_refusal(problems), size=size))
    return Prepared(IngestResult(str(path), "added", doc.identifier, triples=graphs.triples, size=size,
                                 warnings=doc.metadata.get("warnings", [])),
                    str(graphs.graph_iri), graphs.document, graphs.entities)


def _syncfeed_page(path: str) -> bool:
    try:
        with open(path, "rb") as file:
            return is_syncfeed(file.read(4096))
    except OSError:
        return False


def _import_records(path: str, settings: Settings) -> Prepared:
    """An open-data file (OData records): its decisions on motions, as one graph."""
    try:
        records = read_records(path)
        data = Path(path).read_bytes()
    except (NotOData, OSError) as error:
        return Prepared(IngestResult(str(path), "unreadable", reason=str(error)))
    graphs = RecordGraphs(path, data, Minter(settings.base))
    if not settings.force and settings.current.get(graphs.identifier) == graphs.sha256:
        return Prepared(IngestResult(str(path), "unchanged", graphs.identifier, size=len(data)))
    if not graphs.build(records):
        return Prepared(IngestResult(str(path), "skipped", reason="open-data records, but no motion and no decision on one in them",
                                     size=len(data)))
    return Prepared(IngestResult(str(path), "added", graphs.identifier, triples=len(graphs.g), size=len(data)),
                    str(graphs.graph_iri), graphs.g.text(), graphs.entities.text())


def _refusal(problems: list) -> str:
    shown = "; ".join(str(p) for p in problems[:3])
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return f"graph refused: {shown}{more}"


def _violations(batch: list[Prepared], context: tuple[str, str]) -> list:
    data = load_ntriples(*(p.document + p.entities for p in batch), *context)
    add_statuses(data)  # as the build will derive them for these documents
    return validate_store(data, union=False)


@functools.lru_cache(maxsize=2)
def _context_ntriples(base: str) -> tuple[str, str]:
    """What every document is validated with: the fracties and the ontology (class hierarchy)."""
    return _nt(reference_graph(Minter(base))), _nt(ontology_graph())


def _nt(graph: Graph) -> str:
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


def ingest(
    store: KnowledgeStore,
    paths: list[str | Path],
    pipeline: Pipeline | None = None,
    force: bool = False,
    validate: bool = True,
    on_result: Callable[[IngestResult], None] | None = None,
    jobs: int | None = None,
    prune: bool = False,
) -> list[IngestResult]:
    """Build `paths` into the store; with `prune`, also remove the documents built before from the
    folders among `paths` whose files are gone."""
    pipeline = pipeline or Pipeline()
    store.replace_graph(store.mint.reference_graph, reference_graph(store.mint))
    # The ontology too, so that SPARQL users find the labels of classes and concepts (statuses, types).
    store.replace_graph(ONTOLOGY_GRAPH, ontology_graph())
    changed_entities = store.drop_incomplete()  # described by graphs that go or change: refreshed at the end
    current = store.document_hashes()
    existing = store.document_ids()  # also graphs made by other versions: those are replaced too
    settings = Settings(store.mint.base, pipeline.names, current, force, validate)
    files = [str(p) for p in document_files(paths) if not store.holds(p)]  # `build .` must not read the store itself
    seen: dict[str, str] = {}
    results = [IngestResult(str(p), "skipped", reason=NOTES_REASON) for p in folder_notes(paths)]
    for result in results:
        if on_result:
            on_result(result)
    additions: list[Prepared] = []
    with Writer() as writer:
        for prepared in _prepared(files, settings, jobs):
            result = prepared.result
            if result.doc_id and result.doc_id in seen and result.status not in ("unreadable",):
                result = IngestResult(result.path, "invalid", result.doc_id,
                                      reason=f"same file name as {seen[result.doc_id]} in this build; rename one of them")
            elif result.status == "added":
                seen[result.doc_id] = result.path
                if result.doc_id in existing:
                    result.status = "replaced"
                    changed_entities |= store.described_by(prepared.graph_iri)
                    writer.submit(store.replace_document, prepared.graph_iri, prepared.document, prepared.entities)
                else:
                    additions.append(prepared)
                    if sum(p.result.triples for p in additions) >= BULK_TRIPLES:
                        writer.submit(store.add_documents, _documents(additions))
                        additions = []
            elif result.doc_id:
                seen[result.doc_id] = result.path
            results.append(result)
            if on_result:
                on_result(result)
        if additions:
            writer.submit(store.add_documents, _documents(additions))
    sources = SourcePaths(store)
    sources.record({r.doc_id: r.path for r in results if r.doc_id and r.status in ("added", "replaced", "unchanged")})
    if prune:
        for doc_id, path in sources.gone_from([p for p in paths if Path(p).is_dir()], keep=set(seen)).items():
            results.append(IngestResult(path, "removed", doc_id, label=_label(store, doc_id)))
            changed_entities |= _drop(store, doc_id, sources)
            if on_result:
                on_result(results[-1])
    finish(store, changed_entities)
    sources.save()
    return results


def finish(store: KnowledgeStore, changed_entities: set[str]) -> None:
    """The whole-graph steps that end every change of the store's documents (a build, a removal):
    drop orphaned entity descriptions; recompute what is derived from all documents together
    (motions linked across documents, commitment statuses); publish the readers' snapshot; bring
    the search index in step. Each leaves an unchanged store unchanged, and none depends on the
    order the documents came in."""
    store.refresh_entities(changed_entities)
    store.prune_entities()
    store.derive()
    store.flush()
    store.publish_snapshot()
    search.update(store)


NOTES_REASON = "not a parliamentary document: a folder's notes (README, SOURCES, LICENSE, CHANGELOG, NOTICE), not read"


def document_files(paths: list[str | Path]) -> list[Path]:
    """The files a build of `paths` reads: those named, and those in the folders named but for
    the folders' own notes (:func:`folder_notes`)."""
    notes = set(folder_notes(paths))
    return [p for p in iter_paths(paths) if p not in notes]


def folder_notes(paths: list[str | Path]) -> list[Path]:
    """The notes (:data:`FOLDER_NOTES`) in the folders among `paths`: skipped unread."""
    named = {Path(p) for p in paths}
    return [p for p in iter_paths(paths) if p not in named and FOLDER_NOTES.fullmatch(p.name)]


class UnknownDocument(Exception):
    """Names given to `remove` that are no document in the store; str() lists them."""

    def __init__(self, names: list[str]):
        super().__init__("not in the store: " + ", ".join(names))
        self.names = names


def remove(store: KnowledgeStore, names: list[str], missing_ok: bool = False) -> list[IngestResult]:
    """Remove documents — each named by its source file (path or file name) or its IRI (the
    document's or its graph's) — with what only they said: their graphs, the entity descriptions
    no other document supports; then the derived graph is recomputed and a snapshot published,
    as by a build (:func:`finish`). A name that is no document in the store raises
    :class:`UnknownDocument` before anything changes, unless `missing_ok` (it is then reported
    as skipped)."""
    sources = SourcePaths(store)
    held = store.document_ids()
    found = {name: _document_named(store, name, held, sources) for name in names}
    unknown = [name for name, doc_id in found.items() if doc_id is None]
    if unknown and not missing_ok:
        raise UnknownDocument(unknown)
    results, changed = [], set()
    for name, doc_id in found.items():
        if doc_id is None:
            results.append(IngestResult(name, "skipped", reason="not in the store"))
        elif doc_id not in {r.doc_id for r in results}:
            results.append(IngestResult(name, "removed", doc_id, label=_label(store, doc_id)))
            changed |= _drop(store, doc_id, sources)
    if any(r.status == "removed" for r in results):
        finish(store, changed)
        sources.save()
    return results


def _document_named(store: KnowledgeStore, name: str, held: set[str], sources: SourcePaths) -> str | None:
    """The id of the document `name` stands for, if the store holds it."""
    for prefix in (str(store.mint.document("")), str(store.mint.graph(""))):
        if name.startswith(prefix):
            doc_id = name[len(prefix):]
            return doc_id if doc_id in held else None
    recorded = sources.document_at(name)
    if recorded in held:
        return recorded
    doc_id = identifier_of(Path(name).name)  # the file name is the document's id (graph.build)
    return doc_id if doc_id in held else None


def _label(store: KnowledgeStore, doc_id: str) -> str:
    rows = list(store.query(f"SELECT ?l WHERE {{ <{store.mint.document(doc_id)}> <{RDFS.label}> ?l }} LIMIT 1"))
    return rows[0]["l"].value if rows else doc_id


def _drop(store: KnowledgeStore, doc_id: str, sources: SourcePaths) -> set[str]:
    """Drop one document's graph; the entities it described (to be refreshed by finish())."""
    sources.forget(doc_id)
    return store.remove_document(str(store.mint.graph(doc_id)))


class SourcePaths:
    """Where each document's file was when it was last built (absolute paths), kept beside the
    store's snapshots in ``sources.json``: the graph records only the file name (kg:sourceFile),
    and ``build --prune`` must know which folder a document came from. Documents built before
    this record existed are not in it, and are never pruned."""

    def __init__(self, store: KnowledgeStore):
        local = not store.remote and store.location != ":memory:"
        self.file = snapshots_folder(store.location) / "sources.json" if local else None
        self.paths: dict[str, str] = {}
        if self.file is not None:
            try:
                self.paths = json.loads(self.file.read_text(encoding="utf-8"))
            except (OSError, ValueError):  # none yet (or unreadable): nothing is known to be pruned
                self.paths = {}

    def record(self, built: dict[str, str]) -> None:
        self.paths.update({doc_id: os.path.abspath(path) for doc_id, path in built.items()})

    def forget(self, doc_id: str) -> None:
        self.paths.pop(doc_id, None)

    def document_at(self, path: str) -> str | None:
        wanted = os.path.abspath(path)
        return next((doc_id for doc_id, recorded in self.paths.items() if recorded == wanted), None)

    def gone_from(self, folders: list[str | Path], keep: set[str]) -> dict[str, str]:
        """Documents (id → recorded path) built from inside `folders` whose files are gone, but
        those in `keep` (built again in this build, from elsewhere)."""
        roots = [Path(os.path.abspath(folder)) for folder in folders]
        return {doc_id: path for doc_id, path in sorted(self.paths.items())
                if doc_id not in keep and any(Path(path).is_relative_to(root) for root in roots)
                and not os.path.lexists(path)}

    def save(self) -> None:
        if self.file is None:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_suffix(".new")
        temporary.write_text(json.dumps(self.paths, indent=0, sort_keys=True, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.file)


def _documents(additions: list[Prepared]) -> list[tuple[str, str, str]]:
    return [(p.graph_iri, p.document, p.entities) for p in additions]


class Writer:
    """The one writer: store writes run in order on a thread of their own, so that the next
    documents are received and handed to the workers while a bulk load runs (Oxigraph releases
    the interpreter lock while it loads). A failed write is raised in the caller."""

    def __init__(self):
        self.queue: queue.Queue = queue.Queue(maxsize=2)  # bounded: memory stays flat
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="kamergraaf-writer", daemon=True)

    def __enter__(self) -> Writer:
        self.thread.start()
        return self

    def submit(self, write: Callable, *arguments) -> None:
        self._raise()
        self.queue.put((write, arguments))

    def __exit__(self, *exc_info) -> None:
        self.queue.put(None)
        self.thread.join()
        if exc_info[0] is None:
            self._raise()

    def _run(self) -> None:
        while (item := self.queue.get()) is not None:
            if self.error is None:  # after a failure, drain without writing
                write, arguments = item
                try:
                    write(*arguments)
                except BaseException as error:  # noqa: BLE001 — handed to the caller
                    self.error = error

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error


def _prepared(files: list[str], settings: Settings, jobs: int | None) -> Iterable[Prepared]:
    jobs = jobs or os.cpu_count() or 1
    batches = deque(files[i : i + BATCH] for i in range(0, len(files), BATCH))
    if jobs <= 1 or len(files) < PARALLEL_FROM:
        _init(settings)
        for batch in batches:
            yield from prepare(batch)
        return
    while batches:
        suspects: list[str] = []
        with _pool(jobs, settings) as pool:
            # A bounded window of batches in flight: finished ones wait for the writer in order,
            # and memory stays flat however many documents there are.
            pending = deque((batch, pool.submit(prepare, batch)) for batch in _take(batches, jobs * 4))
            while pending:
                batch, future = pending.popleft()
                try:
                    prepared = future.result()
                except BrokenProcessPool:  # a worker died (native code out of memory, a crash)
                    suspects = [path for b in [batch, *(b for b, _ in pending)] for path in b]
                    break
                pending.extend((b, pool.submit(prepare, b)) for b in _take(batches, 1))
                yield from prepared
        yield from _one_by_one(suspects, settings)


def _take(batches: deque, count: int) -> list:
    return [batches.popleft() for _ in range(min(count, len(batches)))]


def _pool(jobs: int, settings: Settings) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_init,
                               initargs=(settings, os.getpid()))


def _one_by_one(paths: list[str], settings: Settings) -> Iterable[Prepared]:
    """The documents a dead worker held, each in a worker of its own: the one that ends its
    worker again is refused, the others go in."""
    pool = None
    for path in paths:
        pool = pool or _pool(1, settings)
        try:
            yield from pool.submit(prepare, [path]).result()
        except BrokenProcessPool:
            pool.shutdown(wait=False)
            pool = None
            yield Prepared(IngestResult(path, "invalid", reason=f"the worker reading it ended abruptly (out of memory? "
                                        f"a worker may use {WORKER_MEMORY_MB} MB; KAMERGRAAF_WORKER_MEMORY_MB)"))
    if pool is not None:
        pool.shutdown()
