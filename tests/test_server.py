"""The SPARQL 1.1 endpoint and the linked-data server, tested with real clients over HTTP against
`kamergraaf serve` itself (Granian, query worker processes), as users run it."""
import concurrent.futures
import contextlib
import gzip
import json
import urllib.parse

import pytest
from rdflib import Dataset, Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from .serving import http, running_server, serving_process

KG = "https://w3id.org/kamergraaf/def#"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a a <{KG}Answer> }}"
CONSTRUCT = f"CONSTRUCT {{ ?f ?p ?o }} WHERE {{ ?f a <{KG}Fractie> ; ?p ?o }}"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(seeded_store):
    with serving_process(seeded_store.location, "--timeout", "3", "--row-cap", "1000", "--workers", "2") as url:
        yield url


def get(server, path, accept=None, **params):
    query = ("?" + urllib.parse.urlencode(params, doseq=True)) if params else ""
    return http("GET", server + path + query, headers={"Accept": accept} if accept else {})


def sparql_wrapper(server, query, fmt):
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client.query().convert()


# -- real clients ------------------------------------------------------------------------------

def test_sparqlwrapper_in_every_result_format(server):
    assert sparql_wrapper(server, COUNT, JSON)["results"]["bindings"][0]["n"]["value"] == "158"
    xml = sparql_wrapper(server, COUNT, XML)
    assert xml.getElementsByTagName("literal")[0].firstChild.data == "158"
    assert sparql_wrapper(server, COUNT, CSV).decode().splitlines() == ["n", "158"]
    assert sparql_wrapper(server, COUNT, TSV).decode().splitlines() == ["?n", "158"]


def test_sparqlwrapper_construct(server):
    for fmt in (TURTLE, XML, JSONLD, RDFXML):  # RDFXML sends format=rdf+xml
        graph = sparql_wrapper(server, CONSTRUCT, fmt)
        if not isinstance(graph, Graph):
            graph = Graph().parse(data=graph, format="turtle" if fmt == TURTLE else "json-ld")
        assert len(graph) > 19 * 3, fmt


def test_rdflib_sparqlstore(server):
    graph = Graph(store=SPARQLStore(server + "/sparql"))
    rows = list(graph.query(f"SELECT ?label WHERE {{ ?f a <{KG}Fractie> ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }}"))
    assert "GroenLinks-PvdA" in {str(r[0]) for r in rows}


# -- the protocol, case by case ---------------------------------------------------------------

def test_get_and_both_posts(server):
    status, ctype, _, body = get(server, "/sparql", query=COUNT)
    assert (status, ctype) == (200, "application/sparql-results+json") and b'"158"' in body
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    status, _, _, body = http("POST", server + "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and b'"158"' in body
    status, _, _, body = http("POST", server + "/sparql", COUNT.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 200 and b'"158"' in body


@pytest.mark.parametrize("accept,expected", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/html;q=0.9, text/csv", "text/csv"), ("*/*", "application/sparql-results+json"),
])
def test_select_content_negotiation(server, accept, expected):
    status, ctype, _, _ = get(server, "/sparql", accept, query=COUNT)
    assert (status, ctype) == (200, expected)


@pytest.mark.parametrize("accept,parser", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"), ("application/n-quads", "nquads"),
])
def test_construct_content_negotiation(server, accept, parser):
    status, ctype, _, body = get(server, "/sparql", accept, query=CONSTRUCT)
    assert (status, ctype) == (200, accept)
    assert len(Dataset().parse(data=body.decode(), format=parser) if parser == "nquads" else Graph().parse(data=body.decode(), format=parser)) > 50


def test_format_parameter(server):
    assert get(server, "/sparql", query=COUNT, format="csv")[1] == "text/csv"
    assert get(server, "/sparql", query=CONSTRUCT, format="jsonld")[1] == "application/ld+json"


def test_format_names_are_case_insensitive(server):
    status, ctype, _, body = get(server, "/sparql", format="APPLICATION/SPARQL-RESULTS+JSON", query=COUNT)
    assert (status, ctype) == (200, "application/sparql-results+json") and json.loads(body)["results"]
    assert get(server, "/sparql", format="CSV", query=COUNT)[1] == "text/csv"


def test_dataset_parameters(server):
    graph = "https://w3id.org/kamergraaf/id/graph/002_4df700ba5a49d8e6.txt"
    status, _, _, body = get(server, "/sparql", query=f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a a <{KG}Document> }}",
                             **{"default-graph-uri": graph})
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "1"
    status, _, _, body = get(server, "/sparql", query="SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                             **{"named-graph-uri": graph})
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [graph]


@pytest.mark.parametrize("make_request,status", [
    (lambda s: get(s, "/sparql", query="SELECT WHERE {"), 400),
    (lambda s: get(s, "/sparql", query=[COUNT, COUNT]), 400),
    (lambda s: http("POST", s + "/sparql", COUNT.encode(), {"Content-Type": "text/plain"}), 400),
    (lambda s: http("GET", s + "/sparql?query=SELECT%20%3Fx%20WHERE%20%7B%20%3Fx%20%3Fp%20%22%FF%FE%22%20%7D"), 400),
    (lambda s: http("POST", s + "/sparql", b"SELECT * WHERE { ?s ?p \"\xff\" }", {"Content-Type": "application/sparql-query"}), 400),
    (lambda s: http("PUT", s + "/sparql", COUNT.encode(), {"Content-Type": "application/sparql-query"}), 405),
    (lambda s: http("DELETE", s + "/sparql"), 405),
    (lambda s: get(s, "/sparql", "image/png", query=COUNT), 406),
    (lambda s: get(s, "/sparql", "application/sparql-results+json", query=CONSTRUCT), 406),
    (lambda s: get(s, "/sparql", update="INSERT DATA { <urn:a> <urn:b> <urn:c> }"), 403),
    (lambda s: http("POST", s + "/sparql", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", {"Content-Type": "application/sparql-update"}), 403),
    (lambda s: get(s, "/sparql", query="SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"), 403),
    (lambda s: http("POST", s + "/sparql", ("SELECT * WHERE { ?s ?p ?o } # " + "x" * 150_000).encode(),
                    {"Content-Type": "application/sparql-query"}), 413),
    (lambda s: http("POST", s + "/sparql", ("SELECT * WHERE { ?s ?p ?o } # " + "x" * 300_000).encode(),
                    {"Content-Type": "application/sparql-query"}), 413),
], ids=["syntax", "two-queries", "content-type", "bad-encoding-get", "bad-encoding-post", "put", "delete",
        "not-acceptable", "not-acceptable-graph", "update-get", "update-post", "service", "too-long", "too-large"])
def test_protocol_errors(server, make_request, status):
    got, ctype, _, body = make_request(server)
    assert got == status, body
    assert ctype == "text/plain" and b"Traceback" not in body and b"<html" not in body.lower()


def test_service_keyword_inside_a_string_is_not_a_service_call(server):
    status, _, _, _ = get(server, "/sparql", query='SELECT * WHERE { ?s ?p "SERVICE" } LIMIT 1')
    assert status == 200


def test_row_cap_is_reported(server):
    status, _, headers, body = get(server, "/sparql", "text/csv", query="SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and headers["X-Kamergraaf-Truncated"] == "1000" and "row cap" in headers["Warning"]
    import csv
    import io

    assert len(list(csv.reader(io.StringIO(body.decode())))) == 1001
    status, _, headers, _ = get(server, "/sparql", query=COUNT)
    assert "X-Kamergraaf-Truncated" not in headers and headers["X-Kamergraaf-Rows"] == "1"


def test_timeout_stops_the_query_and_the_endpoint_recovers(server):
    import time

    started = time.monotonic()
    status, _, _, body = get(server, "/sparql", query=SLOW)
    assert status == 503 and b"timeout" in body.lower()
    assert time.monotonic() - started < 10
    status, _, _, body = get(server, "/sparql", query=COUNT)
    assert status == 200 and b'"158"' in body


def test_cors_for_other_origins(server):
    _, _, headers, _ = get(server, "/sparql", query=COUNT)
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, _, headers, _ = http("OPTIONS", server + "/sparql", headers={"Origin": "http://example.org",
                                                                        "Access-Control-Request-Method": "POST"})
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]


def test_concurrent_clients_get_the_serial_answers(server):
    queries = [COUNT, CONSTRUCT, f"SELECT ?id WHERE {{ ?k a <{KG}Kamerstuk> ; <{KG}identifier> ?id }} ORDER BY ?id",
               f"ASK {{ ?m a <{KG}Motion> }}", f"SELECT ?l WHERE {{ ?f a <{KG}Fractie> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }} ORDER BY ?l"]
    serial = {q: get(server, "/sparql", "text/csv" if "SELECT" in q else None, query=q)[3] for q in queries}

    def client(number):
        answers = []
        for i in range(50):
            query = queries[(number + i) % len(queries)]
            status, _, _, body = get(server, "/sparql", "text/csv" if "SELECT" in query else None, query=query)
            answers.append((status, query, body))
        return answers

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        results = [a for batch in pool.map(client, range(20)) for a in batch]
    assert len(results) == 1000
    assert all(status == 200 for status, _, _ in results)
    for _status, query, body in results:
        if query == CONSTRUCT:
            assert Graph().parse(data=body.decode(), format="turtle").isomorphic(Graph().parse(data=serial[query].decode(), format="turtle"))
        else:
            assert body == serial[query]


# -- discovery and resources ----------------------------------------------------------------------

def test_service_description(server):
    status, ctype, _, body = get(server, "/sparql", "text/turtle")
    assert (status, ctype) == (200, "text/turtle")
    graph = Graph().parse(data=body.decode(), format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, None, __import__("rdflib").URIRef(sd + "SPARQL11Query")) in graph
    assert (None, None, __import__("rdflib").URIRef(sd + "UnionDefaultGraph")) in graph


def test_void_and_dumps(server):
    status, ctype, _, body = get(server, "/.well-known/void", "text/turtle")
    assert (status, ctype) == (200, "text/turtle")
    graph = Graph().parse(data=body.decode(), format="turtle")
    void = "http://rdfs.org/ns/void#"
    triples = int(next(graph.objects(None, __import__("rdflib").URIRef(void + "triples"))))
    assert triples > 9000
    assert len(list(graph.objects(None, __import__("rdflib").URIRef(void + "classPartition")))) > 10
    for kind, fmt in (("nq", "nquads"), ("trig", "trig")):
        status, ctype, _, body = get(server, f"/dumps/kamergraaf.{kind}.gz")
        assert (status, ctype) == (200, "application/gzip")
        dataset = Dataset().parse(data=gzip.decompress(body).decode(), format=fmt)
        assert len(list(dataset.quads((None, None, None, None)))) == triples


def test_resource_pages_by_negotiation_and_suffix(server):
    path = "/id/motie/32317-813"
    status, ctype, _, body = get(server, path, "text/html")
    assert (status, ctype) == (200, "text/html") and b"Motie van het lid Eerdmans" in body and b"source view" in body
    for suffix, accept, parser in ((".ttl", "text/turtle", "turtle"), (".jsonld", "application/ld+json", "json-ld"),
                                   (".nt", "application/n-triples", "nt")):
        for url, header in ((path + suffix, None), (path, accept)):
            status, ctype, _, body = get(server, url, header)
            assert (status, ctype) == (200, accept)
            graph = Graph().parse(data=body.decode(), format=parser)
            assert len(graph) >= 4
    assert get(server, "/id/motie/does-not-exist")[0] == 404
    assert get(server, "/id/../../etc/passwd")[0] == 404


@pytest.mark.parametrize("path", [
    "/id/x%3E%20%3Fp%20%3Fo%20%7D%20UNION%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%23",  # x> ?p ?o } UNION { ?s ?p ?o } #
    "/motie/x%3E%20a%20%3Fc%20%7D%20%23", "/doc/a%22b%3E", "/graph/node?iri=x%3E%20%3Fp",
])
def test_iris_from_urls_cannot_change_a_query(server, path):
    status, ctype, _, body = get(server, path, "text/html")  # a browser: the error page
    assert status == 404 and ctype == "text/html" and b"Traceback" not in body and b"<nav" in body
    status, ctype, _, body = get(server, path, "*/*")  # a program: the plain message
    assert status == 404 and ctype == "text/plain" and b"Traceback" not in body


def test_document_and_evidence_pages(server):
    status, _, _, body = get(server, "/id/doc/000_a18c50dab0394b4b.txt/answer/1", "text/html")
    assert status == 200 and b"Het kabinet zal op de Raad" in body and b"characters" in body


def test_ontology_and_shapes(server):
    status, ctype, _, body = get(server, "/def", "text/html")
    assert status == 200 and b"kg:FulfilmentClaim" in body and b"toezegging" in body
    status, ctype, _, body = get(server, "/def", "text/turtle")
    assert ctype == "text/turtle" and len(Graph().parse(data=body.decode(), format="turtle")) > 300
    status, ctype, _, body = get(server, "/shapes", "text/turtle")
    assert ctype == "text/turtle" and b"sh:NodeShape" in body


def test_landing_page(server):
    status, ctype, _, body = get(server, "/", "text/html")
    assert status == 200 and b"kg:Answer" in body and b"000_a18c50dab0394b4b.txt" in body and b"Last build" in body


def test_update_with_token(tmp_path):
    from kamergraaf.graph.ingest import ingest
    from kamergraaf.graph.store import KnowledgeStore

    from .conftest import FORMATS

    with KnowledgeStore(tmp_path / "store") as store:
        ingest(store, [FORMATS / "kst-32545-143.xml"])
    with serving_process(tmp_path / "store", "--update-token", "s3cret") as url:
        update = b"INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
        status, _, _, _ = http("POST", url + "/sparql", update, {"Content-Type": "application/sparql-update",
                                                                  "Authorization": "Bearer wrong"})
        assert status == 403
        status, _, _, _ = http("POST", url + "/sparql", update, {"Content-Type": "application/sparql-update",
                                                                  "Authorization": "Bearer s3cret"})
        assert status == 204
        status, _, _, body = get(url, "/sparql", query="ASK { <urn:a> <urn:b> <urn:c> }")
        assert status == 200, body
        assert json.loads(body)["boolean"] is True


def test_a_build_while_serving_is_picked_up(tmp_path):
    """The server reads the store read-only; after a build adds a document, queries see it."""
    import time

    from kamergraaf.graph.ingest import ingest
    from kamergraaf.graph.store import KnowledgeStore
    from kamergraaf.server.app import RECHECK_SECONDS

    from .conftest import FORMATS

    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?d a <{KG}Document> }}"
    with KnowledgeStore(tmp_path / "store") as store:
        ingest(store, [FORMATS / "kst-32545-143.xml"])
    with running_server(tmp_path / "store") as (url, _app):
        def documents_served():
            body = get(url, "/sparql", "application/sparql-results+json", query=count)[3]
            return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

        assert documents_served() == 1
        with KnowledgeStore(tmp_path / "store") as store:
            ingest(store, [FORMATS / "ah-tk-20202021-3235.xml"])
        time.sleep(RECHECK_SECONDS + 0.1)
        assert documents_served() == 2


def test_query_workers_retry_opening_a_store_that_is_being_written():
    from kamergraaf.server.executor import reopen

    failures = iter([OSError("IO error: No such file or directory"), OSError("IO error")])

    def flaky(location):
        failure = next(failures, None)
        if failure:
            raise failure
        return f"store at {location}"

    assert reopen(flaky, "here") == "store at here"
    with pytest.raises(OSError):
        reopen(lambda location: (_ for _ in ()).throw(OSError("gone")), "here", attempts=2)


@pytest.mark.parametrize("path,params", [
    ("/graph", {"depth": "abc", "focus": "https://w3id.org/kamergraaf/id/motie/32317-813"}),
    ("/graph", {"budget": "veel"}),
    ("/toezeggingen", {"today": "notadate"}),
    ("/sparql", {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "default-graph-uri": "not an iri"}),
    ("/sparql", {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "named-graph-uri": "<bad>"}),
    ("/sparql", {"query": "SELECT (<urn:no-such-function>(1) AS ?x) {}"}),
])
def test_bad_parameters_are_400_with_the_reason(server, path, params):
    status, ctype, _, body = get(server, path, **params)
    assert status == 400, body
    assert b"Traceback" not in body and b"Internal" not in body


def test_a_result_is_cut_by_its_size_too(seeded_store):
    """The row cap alone lets a few thousand source texts make hundreds of MB: a byte cap cuts too."""
    from .serving import running_server

    with running_server(seeded_store.location, max_result_bytes=200_000) as (url, _app):
        status, _, headers, body = get(url, "/sparql", "application/sparql-results+json",
                                       query="SELECT ?t WHERE { ?d <https://w3id.org/kamergraaf/def#sourceText> ?t }")
    rows = json.loads(body)["results"]["bindings"]
    assert status == 200 and headers["X-Kamergraaf-Truncated-Bytes"] == "200000" and "byte cap" in headers["Warning"]
    assert 1 <= len(rows) < 10 and len(body) < 400_000


def _from(address: str, url: str, timeout: float = 60) -> tuple[int, bytes, float]:
    """GET `url` from a loopback source address of our own (127.0.0.2, …): another client."""
    import http.client
    import time

    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout, source_address=(address, 0))
    started = time.monotonic()
    connection.request("GET", parts.path + "?" + parts.query)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, time.monotonic() - started


# Counts 5 million rows: about 1.5 s here, longer than the short lane allows, far within the timeout.
MEDIUM = "SELECT (COUNT(*) AS ?n) WHERE { { SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 5000000 } }"


def test_slow_queries_leave_room_for_short_ones(seeded_store):
    """Two clients' slow queries take both regular workers: a third client's short query is answered
    at once in the short lane, its slow one is told the server is busy. One client's two slow
    queries take one regular worker only: another client's query of a second or two still runs."""
    import threading
    import time

    def hold(address, url):
        with contextlib.suppress(OSError):
            _from(address, url)

    with serving_process(seeded_store.location, "--timeout", "6", "--workers", "2") as url:
        def query(text):
            return f"{url}/sparql?query={urllib.parse.quote(text)}"

        for clients in (["127.0.0.2", "127.0.0.3"], ["127.0.0.2", "127.0.0.2"]):
            busy = [threading.Thread(target=hold, args=(c, query(SLOW)), daemon=True) for c in clients]
            for thread in busy:
                thread.start()
                time.sleep(0.1)
            time.sleep(1.3)  # the slow queries run (one client's second one in the lane, stopped after 1 s)
            if len(set(clients)) == 2:
                status, body, seconds = _from("127.0.0.4", query(COUNT))
                assert status == 200 and b'"158"' in body and seconds < 2, (status, seconds)
                status, body, seconds = _from("127.0.0.4", query(SLOW))
                assert status == 503 and b"busy" in body and seconds < 3, (status, body, seconds)
            else:
                status, body, seconds = _from("127.0.0.4", query(MEDIUM))
                assert status == 200 and b'"5000000"' in body, (status, body[:200])
            for thread in busy:
                thread.join()


def test_a_fractie_page_takes_fractie_slugs_only(seeded_store):
    from kamergraaf.server.app import create_app

    app = create_app(seeded_store.location)
    try:
        client = app.test_client()
        assert client.get("/fractie/vvd").status_code == 200
        hostile = "/fractie/volt> a ?z . SERVICE <http://127.0.0.1:9/x> { ?s ?p ?l } } #"
        assert client.get(hostile).status_code == 404
    finally:
        app.extensions["kamergraaf"].executor.close()


def test_the_spawner_survives_a_worker_that_cannot_be_started(seeded_store, monkeypatch):
    from kamergraaf.server import executor

    real, failures = executor._Worker, []

    def flaky(*args):
        if not failures:
            failures.append(1)
            raise OSError(24, "Too many open files")
        return real(*args)

    monkeypatch.setattr(executor, "_Worker", flaky)
    pool = executor.QueryExecutor(seeded_store.location, workers=1, timeout=20)
    try:
        answer = pool.run(executor.Request(query="ASK {}", default_graphs=None, named_graphs=None,
                                           solutions_type="application/sparql-results+json", graph_type=None, row_cap=10,
                                           byte_cap=1000), client="a")
        assert answer.rows == 1 and failures == [1]
    finally:
        pool.close()
