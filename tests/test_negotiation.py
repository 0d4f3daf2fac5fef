"""Linked data as clients ask for it: /def, /shapes and /id/… in every RDF format by Accept header
and by suffix (with Vary: Accept when the header decided), Turtle and TriG with the project's
prefixes, JSON-LD with them as its @context (the same triples: read back with rdflib), and error
pages — HTML with the site's navigation for browsers, plain text for programs."""
import gzip
import json
import urllib.parse
from collections import Counter

import pytest
from rdflib import BNode, Dataset, Graph
from rdflib.compare import isomorphic

from kamergraaf.graph.iris import PREFIXES

from .serving import http, running_server

KG = "https://w3id.org/kamergraaf/def#"
MOTION = "/id/motie/32317-813"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FORMATS = {  # media type: (suffix, rdflib parser)
    "text/turtle": (".ttl", "turtle"),
    "application/ld+json": (".jsonld", "json-ld"),
    "application/rdf+xml": (".rdf", "xml"),
    "application/n-triples": (".nt", "nt"),
}
RESOURCES = ["/def", "/shapes", MOTION]


@pytest.fixture(scope="module")
def server(seeded_store):
    with running_server(seeded_store.location) as (url, _app):
        yield url


def get(server, path, accept=None):
    return http("GET", server + path, headers={"Accept": accept} if accept else {})


def parsed(body: bytes, parser: str) -> Graph:
    return Graph().parse(data=body.decode("utf-8"), format=parser)


def same_triples(a: Graph, b: Graph) -> bool:
    """The same triples, blank nodes aside (the shapes have hundreds, and rdflib's isomorphism
    test takes seconds on them): every triple with its blank nodes blanked, counted."""
    def blanked(graph):
        return Counter(tuple("_" if isinstance(term, BNode) else term for term in triple) for triple in graph)
    return len(a) == len(b) and blanked(a) == blanked(b)


@pytest.mark.parametrize("path", RESOURCES)
@pytest.mark.parametrize("media_type", sorted(FORMATS))
def test_every_format_by_accept_and_by_suffix_gives_the_same_triples(server, path, media_type):
    suffix, parser = FORMATS[media_type]
    status, ctype, headers, by_accept = get(server, path, media_type)
    assert (status, ctype) == (200, media_type)
    assert "Accept" in headers.get("Vary", "")
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, ctype, headers, by_suffix = get(server, path + suffix)
    assert (status, ctype) == (200, media_type)
    graph = parsed(by_accept, parser)
    assert len(graph) >= 4
    assert same_triples(graph, parsed(by_suffix, parser))
    # Every format says the same: compared with the N-Triples, the format without any shorthand.
    _, _, _, ntriples = get(server, path + ".nt")
    assert same_triples(graph, parsed(ntriples, "nt"))


@pytest.mark.parametrize("path", RESOURCES)
def test_browsers_get_the_page_and_unknown_types_a_406(server, path):
    status, ctype, headers, body = get(server, path, BROWSER)
    assert (status, ctype) == (200, "text/html") and b"<nav" in body
    assert "Accept" in headers.get("Vary", "")
    for suffix in (".ttl", ".jsonld", ".rdf", ".nt"):
        assert f'href="{path}{suffix}"'.encode() in body  # the page links every format
    status, ctype, _, body = get(server, path, "image/png")
    assert (status, ctype) == (406, "text/plain") and b"text/turtle" in body


def test_the_shapes_answer_json_ld_when_asked_for_it(server):
    # It used to answer Turtle whatever was asked.
    status, ctype, _, body = get(server, "/shapes", "application/ld+json")
    assert (status, ctype) == (200, "application/ld+json")
    document = json.loads(body)
    assert document["@context"]["sh"] == "http://www.w3.org/ns/shacl#"
    assert any("sh:NodeShape" in json.dumps(node.get("@type", "")) or
               "sh:NodeShape" in json.dumps(node.get("rdf:type", "")) for node in document["@graph"])


def test_turtle_carries_the_project_prefixes(server):
    status, _, _, body = get(server, MOTION, "text/turtle")
    text = body.decode()
    assert status == 200
    assert f"@prefix kg: <{KG}> ." in text and "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ." in text
    assert "kg:Motion" in text and f"<{KG}Motion>" not in text  # the prefixes are used, not only declared
    namespaces = dict(parsed(body, "turtle").namespaces())
    assert str(namespaces["kg"]) == KG


def test_json_ld_carries_the_prefixes_as_its_context(server):
    status, _, _, body = get(server, MOTION + ".jsonld")
    document = json.loads(body)
    assert document["@context"] == {name: str(namespace) for name, namespace in PREFIXES.items()}
    node = next(n for n in document["@graph"] if n["@id"].endswith("/motie/32317-813") and "rdf:type" in n)
    assert {"@id": "kg:Motion"} in node["rdf:type"] and "rdfs:label" in node
    # A JSON-LD reader gets the triples the N-Triples hold.
    _, _, _, ntriples = get(server, MOTION + ".nt")
    assert isomorphic(parsed(body, "json-ld"), parsed(ntriples, "nt"))


def sparql(server, query, accept):
    return http("GET", server + "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})


def test_construct_results_with_prefixes_and_context(server):
    query = f"CONSTRUCT {{ ?m a <{KG}Motion> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }} " \
            f"WHERE {{ ?m a <{KG}Motion> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
    status, ctype, _, turtle = sparql(server, query, "text/turtle")
    assert (status, ctype) == (200, "text/turtle")
    assert f"@prefix kg: <{KG}> ." in turtle.decode() and "a kg:Motion" in turtle.decode()
    status, ctype, _, jsonld = sparql(server, query, "application/ld+json")
    assert (status, ctype) == (200, "application/ld+json")
    assert json.loads(jsonld)["@context"]["kg"] == KG
    _, _, _, ntriples = sparql(server, query, "application/n-triples")
    assert len(parsed(ntriples, "nt")) > 10
    assert isomorphic(parsed(turtle, "turtle"), parsed(ntriples, "nt"))
    assert isomorphic(parsed(jsonld, "json-ld"), parsed(ntriples, "nt"))


def test_the_trig_dump_carries_the_prefixes(server):
    status, _, _, body = get(server, "/dumps/kamergraaf.trig.gz")
    trig = gzip.decompress(body).decode()
    assert status == 200 and f"@prefix kg: <{KG}> ." in trig and "kg:Motion" in trig
    _, _, _, nquads = get(server, "/dumps/kamergraaf.nq.gz")
    dataset = Dataset()
    dataset.parse(data=trig, format="trig")
    plain = Dataset()
    plain.parse(data=gzip.decompress(nquads).decode(), format="nquads")
    assert len(dataset) == len(plain) > 1000


def test_void_as_json_ld_has_a_context(server):
    status, ctype, _, body = get(server, "/.well-known/void", "application/ld+json")
    assert (status, ctype) == (200, "application/ld+json") and "@context" in json.loads(body)


def test_a_browser_gets_an_html_404_with_navigation_and_the_message_escaped(server):
    status, ctype, headers, body = get(server, "/id/motie/&x<b>", BROWSER)
    assert (status, ctype) == (404, "text/html")
    assert b"<nav" in body and b'href="/sparql"' in body and b'href="/"' in body
    assert b"Traceback" not in body and b"<b>" not in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, ctype, _, body = get(server, "/id/motie/&x", BROWSER)
    assert status == 404 and b"Nothing is known about &lt;https://w3id.org/kamergraaf/id/motie/&amp;x&gt;" in body
    status, ctype, _, body = get(server, "/no/such/page", BROWSER)
    assert (status, ctype) == (404, "text/html") and b"404" in body and b"<nav" in body


@pytest.mark.parametrize("accept", [None, "*/*", "text/turtle", "application/json"])
def test_programs_get_a_plain_404(server, accept):
    status, ctype, _, body = get(server, "/id/motie/does-not-exist", accept)
    assert (status, ctype) == (404, "text/plain")
    assert body.startswith(b"404 Not Found: Nothing is known about <https://w3id.org/kamergraaf/id/motie/does-not-exist>")


def test_the_endpoint_keeps_its_protocol_answers_for_browsers_too(server):
    status, ctype, headers, body = http("PUT", server + "/sparql", headers={"Accept": BROWSER})
    assert (status, ctype) == (405, "text/plain") and "GET" in headers["Allow"]
    status, ctype, headers, body = http("PUT", server + "/def", headers={"Accept": BROWSER})
    assert (status, ctype) == (405, "text/html") and "GET" in headers["Allow"] and b"<nav" in body


def test_json_ld_compaction_keeps_every_triple_of_a_dataset():
    """Named graphs, blank nodes, typed and tagged literals, and IRIs no compact IRI can spell."""
    import pyoxigraph as ox

    from kamergraaf.server.results import write_graph

    trig = f"""@prefix kg: <{KG}> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <http://example.org/g> {{
      <http://example.org/a> a kg:Motion ; kg:seats 3 ; kg:date "2024-05-16"^^xsd:date ; kg:text "tekst"@nl ;
        kg:about [ kg:text "blank" ] ; kg:x <{KG}> , <{KG}a/b> , <{KG}9lives> , <http://example.org/kg:x> .
    }}
    <http://example.org/a> kg:text "in the default graph" ."""
    quads = list(ox.parse(trig.encode(), format=ox.RdfFormat.TRIG))
    document = json.loads(write_graph(quads, "application/ld+json"))
    text = json.dumps(document)
    assert document["@context"]["kg"] == KG and '"kg:seats"' in text and '"xsd:date"' in text
    assert f'"{KG}a/b"' in text and f'"{KG}9lives"' in text and f'"{KG}"' in text  # left whole
    back = Dataset()
    back.parse(data=json.dumps(document), format="json-ld")
    expected = Dataset()
    expected.parse(data=trig, format="trig")

    def blanked(dataset):
        return Counter(tuple("_" if isinstance(t, BNode) else str(getattr(t, "identifier", t)) for t in quad)
                       for quad in dataset.quads((None, None, None, None)))
    assert blanked(back) == blanked(expected) and sum(blanked(back).values()) == len(quads) == 11
