"""The compiled SHACL engine agrees with pyshacl (the reference) on kamergraaf's shapes."""
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from kamergraaf.extract.pipeline import Pipeline
from kamergraaf.graph.build import build_graphs, reference_graph
from kamergraaf.graph.derive import statuses
from kamergraaf.graph.iris import KG, OA, Minter
from kamergraaf.graph.shacl import Compiler, UnsupportedShape, validate_graphs
from kamergraaf.graph.validate import ontology_graph, validate_graph

from .conftest import SEEDS


@pytest.fixture(scope="module")
def document():
    graphs = build_graphs(Pipeline().read(SEEDS / "002_4df700ba5a49d8e6.txt"), Minter())
    data = Graph().parse(data=graphs.document + graphs.entities, format="nt") + reference_graph(Minter())
    data += statuses(data)
    return data


def first(graph, predicate):
    return next(graph.subject_objects(predicate))


MUTATIONS = {
    "none": lambda g: None,
    "claim without target": lambda g: g.remove((first(g, KG.target)[0], KG.target, None)),
    "commitment status missing": lambda g: g.remove((first(g, KG.status)[0], KG.status, None)),
    "deadline not a date": lambda g: g.set((first(g, KG.deadlineText)[0], KG.deadline, Literal("zomer"))),
    "bad identifier": lambda g: g.set((first(g, KG.identifier)[0], KG.identifier, Literal("32 317 nr 5"))),
    "evidence length": lambda g: g.set((first(g, OA.start)[0], OA.start, Literal(int(first(g, OA.start)[1]) + 2))),
    "two claim types": lambda g: g.add((first(g, KG.claimType)[0], KG.claimType, KG.InLineWith)),
    "status not in list": lambda g: g.set((first(g, KG.status)[0], KG.status, URIRef("urn:weird"))),
    "part without document": lambda g: g.remove((URIRef(str(first(g, KG.passageRole)[0])), URIRef("http://purl.org/dc/terms/isPartOf"), None)),
    "negative offset": lambda g: g.set((first(g, OA.start)[0], OA.start, Literal(-1))),
    "string offset": lambda g: g.set((first(g, OA.end)[0], OA.end, Literal("12", datatype=XSD.string))),
    # Count bounds and value constraints of one property are checked in one query: each alone, and both.
    "empty exact text": lambda g: g.set((first(g, OA.exact)[0], OA.exact, Literal(""))),
    "exact text missing": lambda g: g.remove((first(g, OA.exact)[0], OA.exact, None)),
    "source not a document": lambda g: g.set((first(g, DCTERMS.source)[0], DCTERMS.source, URIRef("urn:elsewhere"))),
    "two sources, one not a document": lambda g: g.add((first(g, DCTERMS.source)[0], DCTERMS.source, URIRef("urn:elsewhere"))),
    "offset not comparable": lambda g: g.set((first(g, OA.start)[0], OA.start, Literal("x", datatype=XSD.string))),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_both_engines_find_the_same_violations(document, name):
    data = Graph()
    data += document
    MUTATIONS[name](data)
    reference = {v.focus for v in validate_graph(data).violations if v.severity == "Violation"}
    compiled = {v.focus for v in validate_graphs(data, ontology_graph())}
    assert compiled == reference
    assert bool(compiled) == (name != "none")


def test_unknown_constraints_are_refused():
    shapes = Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:qualifiedMinCount 1 ] .""",
                           format="turtle")
    with pytest.raises(UnsupportedShape):
        Compiler(shapes).compile()
