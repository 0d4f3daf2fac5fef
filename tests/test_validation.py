"""Build-time validation: evidence must quote the source; shapes must hold; else refuse."""
import dataclasses

from rdflib import Graph, Literal, URIRef

from kamergraaf.extract.pipeline import Pipeline
from kamergraaf.graph import ingest as ingest_module
from kamergraaf.graph.build import build_graphs, reference_graph
from kamergraaf.graph.iris import KG, OA, Minter
from kamergraaf.graph.store import KnowledgeStore
from kamergraaf.graph.validate import check_evidence, validate_graph

from .conftest import FORMATS

SAMPLE = FORMATS / "ah-tk-20202021-3235.xml"


def graph_of(path) -> Graph:
    """A document's graph and entities with the fracties, as one rdflib graph."""
    graphs = build_graphs(Pipeline().read(path), Minter())
    return Graph().parse(data=graphs.document + graphs.entities, format="nt") + reference_graph(Minter())


def test_evidence_check_catches_a_wrong_offset():
    doc = Pipeline().read(SAMPLE)
    graphs = build_graphs(doc, Minter())
    assert check_evidence(graphs.evidence, doc.source) == []
    # The selectors written are the ones checked: each appears in the graph with its offsets.
    written = Graph().parse(data=graphs.document, format="nt")
    for selector in graphs.evidence:
        assert written.value(URIRef(selector.iri), OA.start) == Literal(selector.start)
        assert written.value(URIRef(selector.iri), OA.exact) == Literal(selector.exact)
    shifted = dataclasses.replace(graphs.evidence[0], start=graphs.evidence[0].start + 1)
    [problem] = check_evidence([shifted, *graphs.evidence[1:]], doc.source)
    assert "exact text differs from the source" in problem.message


def test_shapes_catch_a_question_with_two_answers_or_a_non_fractie_asking():
    data = graph_of(SAMPLE)
    assert validate_graph(data).conforms
    question = next(data.subjects(KG.askedBy, None))
    answers = list(data.subjects(KG.answers, question))
    data.add((next(a for a in data.subjects(KG.answers, None) if a not in answers), KG.answers, question))
    data.add((question, KG.askedBy, URIRef("https://w3id.org/kamergraaf/id/doc/not-a-fractie")))
    messages = {v.message for v in validate_graph(data).violations}
    assert {"A question is asked by fracties.", "A question has at most one answer."} <= messages


def test_a_question_nothing_answers_yet_is_valid():
    data = graph_of(SAMPLE)
    question = next(data.subjects(KG.askedBy, None))
    for answer in list(data.subjects(KG.answers, question)):  # the answer is not there (yet)
        data.remove((answer, None, None))
        data.remove((None, None, answer))
    data.remove((question, KG.askedBy, None))
    assert validate_graph(data).conforms, validate_graph(data).violations


def test_shapes_check_identifier_patterns():
    data = graph_of(FORMATS / "kst-32545-143.xml")
    kamerstuk = next(data.subjects(KG.identifier, None))
    data.set((kamerstuk, KG.identifier, Literal("32 545 nr 143")))
    assert any("Kamerstuk identifier looks like" in v.message for v in validate_graph(data).violations)


def test_build_refuses_an_invalid_document_and_keeps_the_store(tmp_path, monkeypatch):
    store = KnowledgeStore(tmp_path / "store")
    ingest_module.ingest(store, [FORMATS / "kst-32545-143.xml"])
    before = store.dump("nquads")
    real_build = ingest_module.build_graphs

    def broken_build(doc, mint):
        graphs = real_build(doc, mint)
        # Answers that answer nothing.
        graphs.document = "".join(line for line in graphs.document.splitlines(True) if f"<{KG.answers}>" not in line)
        return graphs

    monkeypatch.setattr(ingest_module, "build_graphs", broken_build)
    [result] = ingest_module.ingest(store, [SAMPLE])
    assert result.status == "invalid" and "graph refused" in result.reason
    assert store.dump("nquads") == before
