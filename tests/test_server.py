"""The minimal server: a real HTTP server on 127.0.0.1 answering SPARQL over GET."""
import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from werkzeug.serving import make_server

from kamergraaf.server.app import create_app

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/kamergraaf/def#Answer> }"


@pytest.fixture(scope="module")
def server(seeded_store):
    http = make_server("127.0.0.1", 0, create_app(seeded_store), threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()


def get(url, accept=None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read().decode()


def sparql(server, query, accept=None):
    return get(f"{server}/sparql?{urllib.parse.urlencode({'query': query})}", accept)


def test_select_defaults_to_sparql_json(server):
    status, ctype, body = sparql(server, COUNT)
    assert (status, ctype) == (200, "application/sparql-results+json")
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "158"


def test_content_negotiation(server):
    assert sparql(server, COUNT, "text/csv")[2].splitlines() == ["n", "158"]
    status, ctype, body = sparql(server, "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/kamergraaf/def#Fractie> ; ?p ?o } LIMIT 3",
                                 "application/n-triples")
    assert (status, ctype) == (200, "application/n-triples") and len(body.strip().splitlines()) == 3
    assert sparql(server, COUNT, "image/png")[0] == 406


def test_malformed_query_is_a_400_without_traceback(server):
    status, ctype, body = sparql(server, "SELECT WHERE {")
    assert status == 400 and ctype == "text/plain" and "Traceback" not in body


def test_landing_page_counts(server):
    status, ctype, body = get(server + "/")
    assert status == 200 and ctype == "text/html"
    assert "Answer: 158" in body and "000_a18c50dab0394b4b.txt" in body
