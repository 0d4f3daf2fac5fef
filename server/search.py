"""`/search`: full-text search over the documents and their facts (graph/search.py), as a page
with filters and pages, and as JSON for programs (``?format=json`` or ``Accept: application/json``).

A query the engine cannot take is answered 200 with a message saying what to change, never an error.
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request

from ..graph import search as engine
from .graphview import wants_json

blueprint = Blueprint("search", __name__)


def _site():
    from .sparql import site

    return site()


def filters_of(args) -> engine.Filters:
    return engine.Filters(kind=args.get("kind", "").strip(), start=args.get("from", "").strip(),
                          end=args.get("to", "").strip(), fractie=args.get("fractie", "").strip(),
                          dossier=args.get("dossier", "").strip())


def _whole(value: str, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@blueprint.get("/search")
def search_page():
    site = _site()
    text = request.args.get("q", "").strip()
    page = max(1, _whole(request.args.get("page"), 1))
    per_page = min(engine.MAX_PER_PAGE, max(1, _whole(request.args.get("per_page"), engine.PER_PAGE)))
    results, kinds, fracties = engine.Results(text, page=page, per_page=per_page), [], []
    try:
        index = engine.open_index(site.location)
    except engine.NoIndex as error:
        results.error = str(error)
    else:
        with index:
            kinds, fracties = engine.kinds_and_fracties(index)
            if text:
                results = engine.search(index, text, filters_of(request.args), page, per_page)
    if wants_json():
        return Response(json.dumps(engine.as_json(results, filters_of(request.args)), ensure_ascii=False),
                        mimetype="application/json")
    kept = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
    return Response(render_template("search.html", results=results, args=request.args, kinds=kinds, fracties=fracties,
                                    kept=kept), mimetype="text/html")
