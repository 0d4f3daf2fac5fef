"""The auditor's pages: the source view of a document with every fact highlighted (`/doc/<id>`)
and the trail of a motion (`/motie/<id>`); the table of commitments is server/toezeggingen.py.

Each page has a stable URL, works without JavaScript, and gives its data as JSON for
``Accept: application/json``.
"""
from __future__ import annotations

import datetime as dt
import json

from flask import Blueprint, Response, abort, render_template, request

from ..extract.kamerstuk import url as kamerstuk_url
from ..extract.metadata import MONTHS
from .graphview import json_for_html, wants_json
from .moties import motion_fate
from .passages import quote, source_html, source_link
from .resources import checked_iri

blueprint = Blueprint("audit", __name__)
P = ("PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX dcterms: <http://purl.org/dc/terms/> "
     "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
     "PREFIX owl: <http://www.w3.org/2002/07/owl#> ")
MONTH_NAMES = list(MONTHS)
# Kinds of highlighted fact, in the order of the legend.
FACT_KINDS = {
    "question": "question", "answer": "answer", "kamerstuk": "Kamerstuk", "motion": "motion",
    "eu": "EU instrument", "reference": "Handelingen / debate", "commitment": "commitment",
    "claim": "fulfilment claim", "crossref": "reference to an answer", "meta": "title, date, signature",
}


def _site():
    from .sparql import site

    return site()


def _json(data) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, default=str), mimetype="application/json")


def _value(row, name):
    return row[name].value if row[name] is not None else None


# -- source view ----------------------------------------------------------------------------------

def document_facts(store, doc: str, base: str) -> list[dict]:
    """Every fact with evidence in the document: kind, label, span, its resource page and, for a
    motion or a claim about one, the motion's trail."""
    rows = store.query(P + f"""
        SELECT ?x ?class ?about ?aboutClass ?label ?start ?end ?motion WHERE {{
          ?x kg:evidence ?e . ?e dcterms:source <{doc}> ; oa:start ?start ; oa:end ?end .
          ?x a ?class .
          OPTIONAL {{ ?x kg:about ?about . ?about a ?aboutClass }}
          OPTIONAL {{ ?x kg:about/rdfs:label ?aboutLabel }}
          OPTIONAL {{ ?x rdfs:label ?ownLabel }}
          OPTIONAL {{ {{ ?x kg:about ?m }} UNION {{ ?x kg:target ?m }} UNION {{ ?x a kg:Motion BIND(?x AS ?m) }}
                      ?m a kg:Motion OPTIONAL {{ ?m owl:sameAs ?canonical }} BIND(COALESCE(?canonical, ?m) AS ?motion) }}
          BIND(COALESCE(?aboutLabel, ?ownLabel, "") AS ?label)
        }} ORDER BY ?start""")
    facts = {}
    for row in rows:
        kind = _kind(row["class"].value, _value(row, "aboutClass"))
        if kind is None:
            continue
        shown = _value(row, "about") if row["class"].value.endswith("#Mention") else row["x"].value
        motion = _value(row, "motion")
        facts[(row["x"].value, kind)] = {
            "iri": row["x"].value, "kind": kind, "kind_label": FACT_KINDS[kind],
            "label": row["label"].value or FACT_KINDS[kind], "start": int(row["start"].value), "end": int(row["end"].value),
            "resource": _local(shown, base),
            "trail": _trail(motion, base) if motion and kind in ("motion", "claim") else None}
    return sorted(facts.values(), key=lambda f: (f["start"], -f["end"]))


def _local(iri: str, base: str) -> str:
    return "/id/" + iri[len(base):] if iri.startswith(base) else iri


def _trail(motion: str, base: str) -> str | None:
    prefix = base + "motie/"
    return "/motie/" + motion[len(prefix):] if motion.startswith(prefix) else None


def _kind(cls: str, about: str | None) -> str | None:
    name = cls.rsplit("#", 1)[-1]
    if name == "Mention":
        return {"Kamerstuk": "kamerstuk", "Motion": "motion", "EUInstrument": "eu",
                "ParliamentaryReference": "reference", "Answer": "crossref"}.get((about or "").rsplit("#", 1)[-1])
    return {"Question": "question", "Answer": "answer", "Commitment": "commitment", "FulfilmentClaim": "claim",
            "Signature": "meta", "Document": "meta", "Motion": "motion"}.get(name)


def _target(args, length: int) -> tuple[int, int] | None:
    """?start=S&end=E as a span of the text; anything else (missing, not a number, out of range) is
    no target, without an error: a stale link still opens the document."""
    try:
        start, end = int(args.get("start", "")), int(args.get("end", ""))
    except ValueError:
        return None
    return (start, end) if 0 <= start < end <= length else None


@blueprint.get("/doc/<path:doc_id>")
def source_view(doc_id: str):
    site = _site()
    store = site.current()
    doc = checked_iri(str(site.mint.document(doc_id)))
    found = list(store.query(P + f"""SELECT ?text ?file ?label ?format ?date WHERE {{ <{doc}> kg:sourceText ?text ; kg:sourceFile ?file
        OPTIONAL {{ <{doc}> rdfs:label ?label }} OPTIONAL {{ <{doc}> kg:format ?format }} OPTIONAL {{ <{doc}> dcterms:date ?date }} }} LIMIT 1"""))
    if not found:
        abort(404, description=f"No document {doc_id}.")
    row = found[0]
    text, fmt = row["text"].value, _value(row, "format") or "text"
    facts = document_facts(store, str(doc), site.mint.base)
    info = {"iri": str(doc), "file": row["file"].value, "label": _value(row, "label") or row["file"].value,
            "format": fmt, "date": _value(row, "date") or ""}
    target = _target(request.args, len(text))
    if wants_json():
        return _json({"document": info, "text": text, "facts": facts,
                      "target": {"start": target[0], "end": target[1]} if target else None})
    counts = {kind: sum(f["kind"] == kind for f in facts) for kind in FACT_KINDS}
    panel = [{k: f[k] for k in ("kind_label", "label", "start", "end", "resource", "trail")} for f in facts]
    return Response(render_template("source.html", doc=info, body=source_html(text, fmt, facts, target), kinds=FACT_KINDS,
                                    counts=counts, facts_data=json_for_html(panel), target=target,
                                    target_quote=quote(text, fmt, *target) if target else None,
                                    resource=_local(str(doc), site.mint.base)), mimetype="text/html")


# -- motion trail ---------------------------------------------------------------------------------

def dutch_date(iso: str) -> str:
    """2024-05-16 → 16 mei 2024 (the way the documents write it)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def motion_trail(store, base: str, key: str) -> dict | None:
    motion = checked_iri(f"{base}motie/{key}")
    rows = list(store.query(P + f"""SELECT ?label ?identifier ?dictum ?textDoc WHERE {{ <{motion}> a kg:Motion ; rdfs:label ?label .
        OPTIONAL {{ <{motion}> kg:kamerstuk/kg:identifier ?identifier }} OPTIONAL {{ <{motion}> kg:dictum ?dictum }}
        OPTIONAL {{ <{motion}> kg:describedBy/rdfs:label ?textDoc }} }} LIMIT 1"""))
    if not rows:
        return None
    head = rows[0]
    sponsors = [{"name": r["name"].value, "fractie": _value(r, "fractie"), "iri": r["p"].value} for r in store.query(P + f"""
        SELECT ?p (SAMPLE(?n) AS ?name) (SAMPLE(?f) AS ?fractie) WHERE {{ <{motion}> kg:sponsor ?p . ?p foaf:name ?n
        OPTIONAL {{ ?p kg:memberOf/skos:prefLabel ?f }} }} GROUP BY ?p ORDER BY ?name""")]  # foaf:name: the one chosen of all spellings
    texts: dict[str, tuple[str, str]] = {}

    def source(doc):
        if doc not in texts:
            row = next(iter(store.query(P + f"SELECT ?t ?f WHERE {{ <{doc}> kg:sourceText ?t OPTIONAL {{ <{doc}> kg:format ?f }} }}")))
            texts[doc] = (row["t"].value, _value(row, "f") or "text")
        return texts[doc]

    def event(kind, r):
        start, end = int(r["start"].value), int(r["end"].value)
        doc = r["doc"].value
        return {"kind": kind, "part": r["partClass"].value.rsplit("#", 1)[-1], "document": _value(r, "label") or r["file"].value,
                "file": r["file"].value, "doc": doc, "date": _value(r, "date") or "", "start": start, "end": end,
                "quote": quote(*source(doc), start, end).as_dict(), "source_view": source_link(doc, base, start, end)}

    documents = "?doc kg:sourceFile ?file OPTIONAL { ?doc rdfs:label ?label } OPTIONAL { ?doc dcterms:date ?date }"
    events = [event("mention", r) for r in store.query(P + f"""SELECT ?partClass ?doc ?file ?label ?date ?start ?end WHERE {{
            ?part kg:hasMention ?m ; a ?partClass ; dcterms:isPartOf ?doc .
            {{ ?m kg:about <{motion}> }} UNION {{ ?m kg:about ?alias . ?alias owl:sameAs <{motion}> }}
            ?m kg:evidence [ oa:start ?start ; oa:end ?end ] . {documents} }}""")]
    events += [event("fulfils" if r["type"].value.endswith("Fulfils") else "in line with", r) for r in store.query(P + f"""
        SELECT ?type ?partClass ?doc ?file ?label ?date ?start ?end WHERE {{
            ?c kg:target <{motion}> ; kg:claimType ?type ; kg:claimedIn ?part ; kg:evidence [ oa:start ?start ; oa:end ?end ] .
            ?part a ?partClass ; dcterms:isPartOf ?doc . {documents} }}""")]
    # A mention inside a claim's sentence is part of that claim, not an event of its own.
    claims = [e for e in events if e["kind"] != "mention"]
    events = [e for e in events if e["kind"] != "mention" or not any(
        c["doc"] == e["doc"] and c["start"] <= e["start"] and e["end"] <= c["end"] for c in claims)]
    # Dated events in date order; undated ones after them, by document and position.
    events.sort(key=lambda e: (e["date"] == "", e["date"], e["file"], e["start"], e["kind"]))
    fulfilled = [e for e in events if e["kind"] == "fulfils"]
    if fulfilled:
        first = fulfilled[0]
        verdict = f"claimed fulfilled on {dutch_date(first['date']) if first['date'] else 'an unknown date'} in {first['document']}"
    else:
        verdict = "no fulfilment claim found"
    identifier = _value(head, "identifier")
    return {"iri": motion, "label": head["label"].value, "identifier": identifier,
            "officielebekendmakingen": kamerstuk_url(identifier) if identifier else None,
            "dictum": _value(head, "dictum"), "text_document": _value(head, "textDoc"), "sponsors": sponsors,
            "events": events, "verdict": verdict, "fulfilled": bool(fulfilled), "fate": motion_fate(store, motion)}


@blueprint.get("/motie/<path:key>")
def motion_page(key: str):
    site = _site()
    trail = motion_trail(site.current(), site.mint.base, key)
    if trail is None:
        abort(404, description=f"No motion {key}.")
    if wants_json():
        return _json(trail)
    chart = [{"date": v["date"], "votes": [{"name": x["name"], "position": x["position"], "seats": x["seats"]}
                                           for x in v["votes"] if not x["mistake"]]} for v in trail["fate"]["votes"]]
    return Response(render_template("motion.html", **trail, key=key, resource="/id/motie/" + key, chart_data=json_for_html(chart)),
                    mimetype="text/html")
