"""The Flask application factory: SPARQL endpoint and landing page over a KnowledgeStore."""
from __future__ import annotations

import html

import pyoxigraph as ox
from flask import Flask, Response, request

from ..graph.formats import RDF_FORMATS, RESULT_FORMATS
from ..graph.iris import KG
from ..graph.store import KnowledgeStore

SELECT_TYPES = {f.media_type: f.oxigraph for f in RESULT_FORMATS.values()}
GRAPH_TYPES = {f.media_type: f.oxigraph for name, f in RDF_FORMATS.items() if name not in ("nquads", "trig")}
FORMAT_NAMES = {name: f.media_type for name, f in (RESULT_FORMATS | RDF_FORMATS).items()}


def create_app(store: KnowledgeStore, **config) -> Flask:
    app = Flask(__name__)
    app.config.update(STORE_LOCATION=store.location, **config)
    app.extensions["kamergraaf.store"] = store

    @app.get("/")
    def landing():
        rows = store.query(
            "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class "
            f"FILTER(STRSTARTS(STR(?class), \"{KG}\")) }} GROUP BY ?class ORDER BY ?class"
        )
        counts = "".join(
            f"<li>{html.escape(r['class'].value.rsplit('#', 1)[-1])}: {r['n'].value}</li>" for r in rows
        )
        docs = "".join(f"<li>{html.escape(d['file'])}</li>" for d in store.documents())
        body = (
            "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>kamergraaf</title></head>"
            "<body><h1>kamergraaf</h1><p>A knowledge graph of Dutch migration-policy commitments.</p>"
            f"<h2>What the graph holds</h2><ul>{counts}</ul><h2>Documents</h2><ul>{docs}</ul>"
            "<p>SPARQL endpoint: <a href='/sparql'>/sparql</a></p></body></html>"
        )
        return Response(body, mimetype="text/html")

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql():
        query = request.values.get("query")
        if not query:
            return Response("Missing 'query' parameter.\n", status=400, mimetype="text/plain")
        try:
            result = store.query(query)
        except SyntaxError as error:
            return Response(f"Malformed query: {error}\n", status=400, mimetype="text/plain")
        is_graph = isinstance(result, ox.QueryTriples)
        types = GRAPH_TYPES if is_graph else SELECT_TYPES
        wanted = FORMAT_NAMES.get(request.values.get("format", ""), request.values.get("format"))
        if wanted in types:
            mimetype = wanted
        elif not request.accept_mimetypes:
            mimetype = next(iter(types))  # no Accept header: the default format
        else:
            mimetype = request.accept_mimetypes.best_match(list(types))
        if mimetype is None:
            return Response("No acceptable result format.\n", status=406, mimetype="text/plain")
        if is_graph:
            data = ox.serialize(result, format=types[mimetype])
        else:
            data = result.serialize(format=types[mimetype])
        return Response(data, mimetype=mimetype)

    @app.errorhandler(Exception)
    def internal_error(error):
        from werkzeug.exceptions import HTTPException

        if isinstance(error, HTTPException):
            return error
        app.logger.exception("request failed")
        return Response("Internal error.\n", status=500, mimetype="text/plain")

    return app
