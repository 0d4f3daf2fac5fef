"""A remote SPARQL 1.1 store as kamergraaf's store: queries and updates through the SPARQL 1.1
Protocol, whole graphs through the Graph Store HTTP Protocol (one named graph per document,
replaced with PUT; never per-triple updates).

The endpoints default to Oxigraph's layout under the given URL (``/query``, ``/update``,
``/store``); other servers are configured with ``KAMERGRAAF_QUERY_URL``, ``KAMERGRAAF_UPDATE_URL``
and ``KAMERGRAAF_DATA_URL`` (see the README for Apache Jena Fuseki and GraphDB).
"""
from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

RESULT_TYPES = "application/sparql-results+json, application/n-triples;q=0.9"


class RemoteError(OSError):
    pass


class RemoteBackend:
    """The subset of pyoxigraph.Store that kamergraaf uses, over HTTP."""

    def __init__(self, url: str, timeout: float = 300.0):
        base = url.rstrip("/")
        self.url = url
        self.query_url = os.environ.get("KAMERGRAAF_QUERY_URL") or base + "/query"
        self.update_url = os.environ.get("KAMERGRAAF_UPDATE_URL") or base + "/update"
        self.data_url = os.environ.get("KAMERGRAAF_DATA_URL") or base + "/store"
        self.timeout = timeout

    def _request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[str, bytes]:
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            if error.code == 400 and method == "POST" and url == self.query_url:
                raise SyntaxError(detail) from None
            raise RemoteError(f"{method} {url}: HTTP {error.code}: {detail}") from None
        except urllib.error.URLError as error:
            raise RemoteError(f"cannot reach {url}: {error.reason}") from None

    def query(self, query: str, use_default_graph_as_union: bool = False, default_graph=None, named_graphs=None, **_):
        params = []
        if default_graph:
            params += [("default-graph-uri", g.value) for g in default_graph]
        elif use_default_graph_as_union:
            params.append(("union-default-graph", ""))  # Oxigraph's switch; union-by-default stores ignore it
        params += [("named-graph-uri", g.value) for g in named_graphs or []]
        url = self.query_url + ("?" + urllib.parse.urlencode(params) if params else "")
        media_type, body = self._request("POST", url, query.encode("utf-8"), {
            "Content-Type": "application/sparql-query", "Accept": RESULT_TYPES})
        if media_type == "application/sparql-results+json":
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        if media_type == "application/sparql-results+xml":
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        formats = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
                   "application/n-quads": ox.RdfFormat.N_QUADS, "application/rdf+xml": ox.RdfFormat.RDF_XML}
        if media_type not in formats:
            raise RemoteError(f"unexpected result type {media_type} from {self.query_url}")
        return [ox.Triple(t.subject, t.predicate, t.object) for t in ox.parse(body, format=formats[media_type])]

    def update(self, update: str) -> None:
        self._request("POST", self.update_url, update.encode("utf-8"), {"Content-Type": "application/sparql-update"})

    def put_graph(self, graph: str, ntriples: str) -> None:
        """Replace one named graph (Graph Store Protocol PUT)."""
        self._request("PUT", f"{self.data_url}?{urllib.parse.urlencode({'graph': graph})}", ntriples.encode("utf-8"),
                      {"Content-Type": "application/n-triples"})

    def post_graph(self, graph: str, ntriples: str) -> None:
        """Add to one named graph (Graph Store Protocol POST)."""
        self._request("POST", f"{self.data_url}?{urllib.parse.urlencode({'graph': graph})}", ntriples.encode("utf-8"),
                      {"Content-Type": "application/n-triples"})

    def dump(self, format) -> bytes:
        """The whole dataset (all named graphs) as N-Quads or TriG."""
        media = {ox.RdfFormat.N_QUADS: "application/n-quads", ox.RdfFormat.TRIG: "application/trig"}[format]
        _type, body = self._request("GET", self.data_url, headers={"Accept": media})
        return body

    def __len__(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        return int(next(iter(result))["n"].value)

    def flush(self) -> None:
        """Every request is committed by the server."""
