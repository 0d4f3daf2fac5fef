"""Ingest files into the store: read, extract, build, validate, then commit — or refuse.

A document is committed only when its graph passes the evidence check and the SHACL shapes;
otherwise the store is left exactly as it was for that document.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from ..extract.pipeline import Pipeline
from ..extract.readers import UnreadableDocument, iter_paths, read_document
from ..extract.motions import sponsor_key
from .build import build_graphs, reference_graph
from .derive import statuses
from .store import KnowledgeStore
from .validate import check_evidence, ontology_graph, validate_graph

ONTOLOGY_GRAPH = "https://w3id.org/kamergraaf/def"


@dataclass
class IngestResult:
    path: str
    status: str  # added | replaced | unchanged | unreadable | invalid
    doc_id: str = ""
    triples: int = 0
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("added", "replaced", "unchanged")


def ingest(
    store: KnowledgeStore,
    paths: list[str | Path],
    pipeline: Pipeline | None = None,
    force: bool = False,
    validate: bool = True,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    pipeline = pipeline or Pipeline()
    reference = reference_graph(store.mint)
    store.replace_graph(store.mint.reference_graph, reference)
    # The ontology too, so that SPARQL users find the labels of classes and concepts (statuses, types).
    store.replace_graph(ONTOLOGY_GRAPH, ontology_graph())
    existing = {d["graph"] for d in store.documents()}
    seen: dict[str, str] = {}
    results = []
    motion_index = store.motion_index()
    for path in iter_paths(paths):
        result = _ingest_one(store, path, pipeline, reference, existing, seen, force, validate, motion_index)
        results.append(result)
        if on_result:
            on_result(result)
    # Whole-graph steps: resolve motions across documents, drop orphaned entity descriptions,
    # recompute commitment statuses. Each leaves an unchanged store unchanged.
    store.merge_motions()
    store.prune_entities()
    store.derive()
    store.flush()
    return results


def _ingest_one(store, path, pipeline, reference, existing, seen, force, validate, motion_index) -> IngestResult:
    try:
        doc = read_document(path)
    except UnreadableDocument as error:
        return IngestResult(str(path), "unreadable", reason=error.reason)
    doc.metadata["motion_index"] = motion_index
    pipeline(doc)
    if doc.identifier in seen:
        return IngestResult(str(path), "invalid", doc.identifier,
                            reason=f"same file name as {seen[doc.identifier]} in this build; rename one of them")
    seen[doc.identifier] = str(path)
    if not force and store.is_current(doc.identifier, doc.sha256):
        return IngestResult(str(path), "unchanged", doc.identifier)
    graphs = build_graphs(doc, store.mint)
    problems = check_evidence(graphs.document, doc.source)
    if validate and not problems:
        data = Graph()
        for part in (graphs.document, graphs.entities, reference):
            data += part
        data += statuses(data)  # as the build will derive them for this document alone
        problems = [v for v in validate_graph(data).violations if v.severity == "Violation"]
    if problems:
        shown = "; ".join(str(p) for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        return IngestResult(str(path), "invalid", doc.identifier, reason=f"graph refused: {shown}{more}")
    status = "replaced" if str(graphs.graph_iri) in existing else "added"
    store.replace_document(graphs)
    for part in doc.parts:
        for fact in part.facts_of("motion"):
            if fact.data.get("kamerstuk") and not fact.data.get("resolved"):
                motion_index.setdefault(sponsor_key(fact.data["sponsors"]), set()).add(fact.data["kamerstuk"])
    return IngestResult(str(path), status, doc.identifier, triples=len(graphs.document))
