"""The endpoint's guards read the query's tokens, as the engine will: no spelling of SERVICE gets a
request out (checked with a real listener that must never be called), and queries nested beyond
reason are refused before the engine's recursive parser sees them."""
import socket
import threading
import urllib.parse

import pytest

from kamergraaf.server.sparqllex import Shape

from .serving import http, serving_process
from .test_server import get


@pytest.fixture(scope="module")
def server(seeded_store):
    """`kamergraaf serve` itself, with its default settings (federation off)."""
    with serving_process(seeded_store.location, "--timeout", "3") as url:
        yield url


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    running = Listener()
    yield running
    running.close()


BYPASSES = [
    "SELECT * WHERE {{ # c\rSERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ <http://a\u00a0#> ?p ?o . SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ <http://a\u3000#> ?p ?o . SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "select * {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }} }}",
]


@pytest.mark.parametrize("template", BYPASSES, ids=range(len(BYPASSES)))
@pytest.mark.parametrize("method", ["get", "form", "direct"])
def test_no_spelling_of_service_reaches_out(server, listener, template, method):
    query = template.format(port=listener.port)
    if method == "get":
        status = get(server, "/sparql", query=query)[0]
    elif method == "form":
        status = http("POST", server + "/sparql", urllib.parse.urlencode({"query": query}).encode(),
                      {"Content-Type": "application/x-www-form-urlencoded"})[0]
    else:
        status = http("POST", server + "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})[0]
    assert status == 403 and listener.connections == 0


@pytest.mark.parametrize("query", [
    "SELECT ?SERVICE WHERE { ?SERVICE ?p ?o } LIMIT 1",
    'SELECT * WHERE { ?s ?p "SERVICE" } LIMIT 1',
    "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:p ?o } LIMIT 1",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # SERVICE <http://example.org/>",
])
def test_service_as_a_name_string_or_comment_is_no_call(server, query):
    assert get(server, "/sparql", query=query)[0] == 200


@pytest.mark.parametrize("query", [
    "SELECT * WHERE " + "{" * 5000 + "}" * 5000,
    "ASK { FILTER(" + "(" * 45000 + "1" + ")" * 45000 + ") }",
])
def test_deeply_nested_queries_are_refused_with_400(server, query):
    status, _, _, body = http("POST", server + "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"nests brackets" in body
    assert get(server, "/sparql", query="ASK {}")[0] == 200  # the query worker is alive


def test_nesting_is_counted_on_tokens():
    assert Shape("SELECT * WHERE { ?s ?p '{{{{{{' }").depth == 1
    assert Shape("SELECT * WHERE { { ?s ?p ?o } UNION { ?s ?p ?o } }").depth == 2
