"""`/sparql` — the SPARQL 1.1 Protocol (query and, with a token, update), the service
description, and the query editor for browsers."""
from __future__ import annotations

import functools
import urllib.parse

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from ..graph.formats import RDF_FORMATS, RESULT_FORMATS
from ..graph.iris import KG
from .executor import QueryRefused, QueryTimeout, Request
from .sparqllex import Shape, unescape

blueprint = Blueprint("sparql", __name__)

SOLUTION_TYPES = [f.media_type for f in RESULT_FORMATS.values()]
GRAPH_TYPES = [RDF_FORMATS[n].media_type for n in ("turtle", "ntriples", "jsonld", "rdfxml", "nquads")]
# Short names in the `format` (or `output`) parameter, per kind of result: "xml" and "json" mean
# SPARQL results for SELECT/ASK and RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE (as clients expect).
SOLUTION_NAMES = {name: f.media_type for name, f in RESULT_FORMATS.items()}
GRAPH_NAMES = {name: f.media_type for name, f in RDF_FORMATS.items()} | {
    "ttl": "text/turtle", "nt": "application/n-triples", "json-ld": "application/ld+json", "json": "application/ld+json",
    "nq": "application/n-quads", "rdf": "application/rdf+xml", "rdf+xml": "application/rdf+xml", "xml": "application/rdf+xml"}
UPDATE_TYPE = "application/sparql-update"
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization",
        "Access-Control-Expose-Headers": "X-Kamergraaf-Rows, X-Kamergraaf-Truncated, X-Kamergraaf-Truncated-Bytes"}
MAX_NESTING = 100  # brackets deep; the engine's recursive parser must never see thousands


def site():
    return current_app.extensions["kamergraaf"]


def plain(status: int, message: str, headers: dict | None = None) -> Response:
    return Response(message.rstrip("\n") + "\n", status=status, mimetype="text/plain", headers={**CORS, **(headers or {})})


def refusal(text: str) -> Response | None:
    """Why a query or update is refused before it reaches the engine (on its tokens), or None."""
    if "service" not in unescape(text).lower() and sum(map(text.count, "{([")) <= MAX_NESTING:
        return None  # no word SERVICE and too few brackets to nest too deep: nothing to read closer
    shape = Shape(text)
    if shape.depth > MAX_NESTING:
        return plain(400, f"The query nests brackets {shape.depth} deep; at most {MAX_NESTING} are accepted.")
    if shape.federated and not current_app.config["KAMERGRAAF_ALLOW_SERVICE"]:
        return plain(403, "Federated queries (SERVICE) are not enabled on this endpoint.")
    return None


def _params() -> tuple[dict[str, list[str]], str | None]:
    """Protocol parameters from the URL and (for form posts) the body, decoded strictly as UTF-8."""
    sources = [request.query_string]
    if request.method == "POST" and request.mimetype == "application/x-www-form-urlencoded":
        sources.append(request.get_data(cache=True))
    params: dict[str, list[str]] = {}
    for raw in sources:
        for key, value in urllib.parse.parse_qsl(raw.decode("latin-1"), keep_blank_values=True, encoding="latin-1"):
            try:
                key = key.encode("latin-1").decode("utf-8")
                value = value.encode("latin-1").decode("utf-8")
            except UnicodeDecodeError:
                return {}, "The request is not valid UTF-8."
            params.setdefault(key, []).append(value)
    return params, None


def _negotiate(params: dict) -> tuple[str | None, str | None]:
    """The media types for solutions (SELECT/ASK) and for graphs (CONSTRUCT/DESCRIBE)."""
    named = params.get("format", [None])[0] or params.get("output", [None])[0]
    return _media_types(request.headers.get("Accept", ""), named.lower() if named else None)


@functools.lru_cache(maxsize=256)  # clients send the same few Accept headers again and again
def _media_types(accept: str, named: str | None) -> tuple[str | None, str | None]:
    def pick(candidates: list[str], names: dict[str, str]) -> str | None:
        if named:
            wanted = names.get(named, named)
            return wanted if wanted in candidates else None
        accepted = parse_accept_header(accept, MIMEAccept)
        return accepted.best_match(candidates) if accepted else candidates[0]

    return pick(SOLUTION_TYPES, SOLUTION_NAMES), pick(GRAPH_TYPES, GRAPH_NAMES)


@blueprint.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    if request.method == "OPTIONS":
        return Response(status=204, headers=CORS)
    params, problem = _params()
    if problem:
        return plain(400, problem)
    body_query = body_update = None
    if request.method == "POST":
        if request.mimetype == "application/sparql-query":
            body_query = _body_text()
        elif request.mimetype == UPDATE_TYPE:
            body_update = _body_text()
        elif request.mimetype != "application/x-www-form-urlencoded":
            return plain(400, f"Unsupported content type {request.mimetype or '(none)'}: use "
                              "application/x-www-form-urlencoded, application/sparql-query or application/sparql-update.")
        if body_query is False or body_update is False:
            return plain(400, "The request body is not valid UTF-8.")
    queries = params.get("query", []) + ([body_query] if body_query is not None else [])
    updates = params.get("update", []) + ([body_update] if body_update is not None else [])
    if updates:
        return _update(updates, queries)
    if len(queries) > 1:
        return plain(400, "More than one query was given; send exactly one.")
    if not queries:
        return _without_query(params)
    query = queries[0]
    if len(query.encode()) > current_app.config["KAMERGRAAF_MAX_QUERY_BYTES"]:
        return plain(413, "The query is too long.")
    refused = refusal(query)
    if refused is not None:
        return refused
    solutions_type, graph_type = _negotiate(params)
    if solutions_type is None and graph_type is None:
        return plain(406, "No acceptable result format: ask for one of " + ", ".join(SOLUTION_TYPES + GRAPH_TYPES) + ".")
    current = site()
    current.current()  # pick up a rebuilt store
    cap = current_app.config["KAMERGRAAF_ROW_CAP"]
    try:
        answer = current.executor.run(Request(
            query=query,
            default_graphs=params.get("default-graph-uri") or None,
            named_graphs=params.get("named-graph-uri") or None,
            solutions_type=solutions_type, graph_type=graph_type, row_cap=cap,
            byte_cap=current_app.config["KAMERGRAAF_MAX_RESULT_BYTES"]), client=request.remote_addr or "")
    except QueryTimeout as error:
        return plain(503, f"Query timeout: {error}.")
    except QueryRefused as error:
        return plain(error.status, str(error))
    headers = {**CORS, "X-Kamergraaf-Rows": str(answer.rows), "Vary": "Accept"}
    if answer.truncated:
        headers["X-Kamergraaf-Truncated"] = str(cap)
        headers["Warning"] = f'199 kamergraaf "result truncated to the first {cap} rows (row cap)"'
    elif answer.cut_by_bytes:
        limit = current_app.config["KAMERGRAAF_MAX_RESULT_BYTES"]
        headers["X-Kamergraaf-Truncated-Bytes"] = str(limit)
        headers["Warning"] = (f'199 kamergraaf "result truncated to the first {answer.rows} rows: their text reached '
                              f'{limit} bytes (byte cap)"')
    return Response(answer.body, mimetype=answer.media_type, headers=headers)


def _body_text():
    try:
        return request.get_data(cache=True).decode("utf-8")
    except UnicodeDecodeError:
        return False


def _update(updates: list[str], queries: list[str]) -> Response:
    token = current_app.config["KAMERGRAAF_UPDATE_TOKEN"]
    if not token:
        return plain(403, "This endpoint is read-only: SPARQL Update is not enabled.")
    if request.headers.get("Authorization", "") != f"Bearer {token}":
        return plain(403, "SPARQL Update needs the update token (Authorization: Bearer …).",
                     {"WWW-Authenticate": 'Bearer realm="kamergraaf"'})
    if len(updates) > 1 or queries:
        return plain(400, "Send exactly one update and no query.")
    refused = refusal(updates[0])
    if refused is not None:
        return refused
    current = site()
    try:
        current.store.store.update(updates[0])
    except SyntaxError as error:
        return plain(400, f"Malformed update: {error}")
    current.store.flush()
    current.store.publish_snapshot()  # what `kamergraaf query` and `export` read
    current.changed()
    return Response(status=204, headers=CORS)


def _without_query(params: dict) -> Response:
    """No query: the editor for browsers, the service description for RDF clients."""
    rdf_types = [RDF_FORMATS[n].media_type for n in ("turtle", "ntriples", "jsonld", "rdfxml")]
    best = request.accept_mimetypes.best_match(["text/html", *rdf_types]) if request.accept_mimetypes else None
    if best == "text/html":
        from .discovery import EXAMPLE_QUERIES
        from .graphview import json_for_html
        from .results import PREFIX_IRIS

        cap = current_app.config["KAMERGRAAF_ROW_CAP"]
        # What the editor's table needs to link IRIs to this server's pages and to shorten them.
        config = {"base": site().mint.base, "vocabulary": str(KG), "prefixes": PREFIX_IRIS}
        return Response(render_template("sparql.html", examples=EXAMPLE_QUERIES, config=json_for_html(config),
                                        row_cap=f"{cap:,}".replace(",", "\N{NO-BREAK SPACE}")), mimetype="text/html")
    if best in rdf_types:
        from .discovery import service_description

        return Response(service_description(site(), best), mimetype=best, headers=CORS)
    return plain(400, "Missing 'query' parameter.")
