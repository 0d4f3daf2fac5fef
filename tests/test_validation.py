"""Build-time validation: evidence must quote the source; shapes must hold; else refuse."""
from rdflib import Literal

from kamergraaf.extract.pipeline import Pipeline
from kamergraaf.graph import ingest as ingest_module
from kamergraaf.graph.build import build_graphs, reference_graph
from kamergraaf.graph.iris import KG, OA, Minter
from kamergraaf.graph.store import KnowledgeStore
from kamergraaf.graph.validate import check_evidence, validate_graph

from .conftest import FORMATS

SAMPLE = FORMATS / "ah-tk-20202021-3235.xml"


def graphs_of(path):
    return build_graphs(Pipeline().read(path), Minter())


def test_evidence_check_catches_a_wrong_offset():
    doc = Pipeline().read(SAMPLE)
    graphs = build_graphs(doc, Minter())
    assert check_evidence(graphs.document, doc.source) == []
    selector = next(graphs.document.objects(None, KG.evidence))
    start = graphs.document.value(selector, OA.start)
    graphs.document.set((selector, OA.start, Literal(int(start) + 1)))
    [problem] = check_evidence(graphs.document, doc.source)
    assert "exact text differs from the source" in problem.message


def test_shapes_catch_a_question_without_fractie_and_answer():
    graphs = graphs_of(SAMPLE)
    data = graphs.document + graphs.entities + reference_graph(Minter())
    assert validate_graph(data).conforms
    question = next(data.subjects(KG.askedBy, None))
    data.remove((question, KG.askedBy, None))
    data.remove((None, KG.answers, question))
    messages = {v.message for v in validate_graph(data).violations}
    assert {"Every question has an asking fractie.", "Every question has an answer."} <= messages


def test_shapes_check_identifier_patterns():
    graphs = graphs_of(FORMATS / "kst-32545-143.xml")
    data = graphs.document + graphs.entities + reference_graph(Minter())
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
        graphs.document.remove((None, KG.answers, None))  # answers that answer nothing
        return graphs

    monkeypatch.setattr(ingest_module, "build_graphs", broken_build)
    [result] = ingest_module.ingest(store, [SAMPLE])
    assert result.status == "invalid" and "graph refused" in result.reason
    assert store.dump("nquads") == before
