"""The auditor's pages: the source view of a document with every fact highlighted (`/doc/<id>`)
and the trail of a motion (`/motie/<id>`); the table of commitments is server/toezeggingen.py.

Each page has a stable URL, works without JavaScript, and gives its data as JSON for
``Accept: application/json``.
"""
from __future__ import annotations

import json
import re

from flask import Blueprint, Response, abort, render_template

from ..extract.kamerstuk import url as kamerstuk_url
from ..extract.sentences import sentences
from .graphview import json_for_html, wants_json
from .moties import motion_fate
from .resources import checked_iri

blueprint = Blueprint("audit", __name__)
P = ("PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX dcterms: <http://purl.org/dc/terms/> "
     "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
     "PREFIX owl: <http://www.w3.org/2002/07/owl#> ")
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

def document_facts(store, doc: str) -> list[dict]:
    rows = store.query(P + f"""
        SELECT ?x ?class ?aboutClass ?label ?start ?end ?exact WHERE {{
          ?x kg:evidence ?e . ?e dcterms:source <{doc}> ; oa:start ?start ; oa:end ?end ; oa:exact ?exact .
          ?x a ?class .
          OPTIONAL {{ ?x kg:about ?about . ?about a ?aboutClass }}
          OPTIONAL {{ ?x kg:about/rdfs:label ?aboutLabel }}
          OPTIONAL {{ ?x rdfs:label ?ownLabel }}
          BIND(COALESCE(?aboutLabel, ?ownLabel, "") AS ?label)
        }} ORDER BY ?start""")
    facts = {}
    for row in rows:
        kind = _kind(row["class"].value, _value(row, "aboutClass"))
        if kind is None:
            continue
        key = (row["x"].value, kind)
        facts[key] = {"iri": row["x"].value, "kind": kind, "label": row["label"].value or FACT_KINDS[kind],
                      "start": int(row["start"].value), "end": int(row["end"].value)}
    return sorted(facts.values(), key=lambda f: (f["start"], -f["end"]))


def _kind(cls: str, about: str | None) -> str | None:
    name = cls.rsplit("#", 1)[-1]
    if name == "Mention":
        return {"Kamerstuk": "kamerstuk", "Motion": "motion", "EUInstrument": "eu",
                "ParliamentaryReference": "reference", "Answer": "crossref"}.get((about or "").rsplit("#", 1)[-1])
    return {"Question": "question", "Answer": "answer", "Commitment": "commitment", "FulfilmentClaim": "claim",
            "Signature": "meta", "Document": "meta", "Motion": "meta"}.get(name)


def highlighted(text: str, facts: list[dict]) -> list[dict]:
    """The text cut at every fact boundary; each piece with the facts that cover it."""
    cuts = sorted({0, len(text), *(f["start"] for f in facts), *(f["end"] for f in facts)})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [f for f in facts if f["start"] <= start and end <= f["end"]]
        pieces.append({"start": start, "end": end, "text": text[start:end],
                       "kinds": sorted({f["kind"] for f in covering}),
                       "title": "\n".join(f"{FACT_KINDS[f['kind']]}: {f['label']}" for f in covering)})
    return pieces


@blueprint.get("/doc/<path:doc_id>")
def source_view(doc_id: str):
    site = _site()
    store = site.current()
    doc = checked_iri(str(site.mint.document(doc_id)))
    found = list(store.query(P + f"""SELECT ?text ?file ?title ?date WHERE {{ <{doc}> kg:sourceText ?text ; kg:sourceFile ?file
        OPTIONAL {{ <{doc}> dcterms:title ?title }} OPTIONAL {{ <{doc}> dcterms:date ?date }} }}"""))
    if not found:
        abort(404, description=f"No document {doc_id}.")
    row = found[0]
    text = row["text"].value
    facts = document_facts(store, str(doc))
    info = {"iri": str(doc), "file": row["file"].value, "title": _value(row, "title") or "", "date": _value(row, "date") or ""}
    if wants_json():
        return _json({"document": info, "text": text, "facts": facts})
    counts = {kind: sum(f["kind"] == kind for f in facts) for kind in FACT_KINDS}
    return Response(render_template("source.html", doc=info, pieces=highlighted(text, facts), kinds=FACT_KINDS,
                                    counts=counts, resource="/id/" + str(doc)[len(site.mint.base):]), mimetype="text/html")


# -- motion trail ---------------------------------------------------------------------------------

MARKUP = re.compile(r"<sup>\s*\d+\s*</sup>|</?[A-Za-z][^<>]*>|\*\*|^#+\s*", re.MULTILINE)


def readable(text: str) -> str:
    """A quote for display: markup dropped, whitespace collapsed (the offsets stay on the source)."""
    return " ".join(MARKUP.sub("", text).split())


def _context(text: str, start: int, end: int) -> str:
    """The sentence(s) of the source around [start, end), for a mention's quote."""
    window_start = max(0, start - 600)
    window = text[window_start : min(len(text), end + 600)]
    spans = sentences(re.sub(r"\s", " ", window))
    inside = [(s, e) for s, e in spans if s < end - window_start and e > start - window_start]
    if not inside:
        return readable(text[start:end])
    return readable(window[inside[0][0] : inside[-1][1]])


def motion_trail(store, base: str, key: str) -> dict | None:
    motion = checked_iri(f"{base}motie/{key}")
    rows = list(store.query(P + f"""SELECT ?label ?identifier ?dictum ?textDoc WHERE {{ <{motion}> a kg:Motion ; rdfs:label ?label .
        OPTIONAL {{ <{motion}> kg:kamerstuk/kg:identifier ?identifier }} OPTIONAL {{ <{motion}> kg:dictum ?dictum }}
        OPTIONAL {{ <{motion}> kg:describedBy/kg:sourceFile ?textDoc }} }} LIMIT 1"""))
    if not rows:
        return None
    head = rows[0]
    sponsors = [{"name": r["name"].value, "fractie": _value(r, "fractie"), "iri": r["p"].value} for r in store.query(P + f"""
        SELECT ?p ?name (SAMPLE(?f) AS ?fractie) WHERE {{ <{motion}> kg:sponsor ?p . ?p foaf:familyName ?name
        OPTIONAL {{ ?p kg:memberOf/skos:prefLabel ?f }} }} GROUP BY ?p ?name ORDER BY ?name""")]
    texts: dict[str, str] = {}

    def source(doc):
        if doc not in texts:
            texts[doc] = next(iter(store.query(f"SELECT ?t WHERE {{ <{doc}> <https://w3id.org/kamergraaf/def#sourceText> ?t }}")))["t"].value
        return texts[doc]

    events = []
    for r in store.query(P + f"""SELECT ?part ?partClass ?doc ?file ?date ?start ?end WHERE {{
            ?part kg:hasMention ?m ; a ?partClass ; dcterms:isPartOf ?doc .
            {{ ?m kg:about <{motion}> }} UNION {{ ?m kg:about ?alias . ?alias owl:sameAs <{motion}> }}
            ?m
               kg:evidence [ oa:start ?start ; oa:end ?end ] . ?doc kg:sourceFile ?file OPTIONAL {{ ?doc dcterms:date ?date }} }}"""):
        start, end = int(r["start"].value), int(r["end"].value)
        events.append({"kind": "mention", "part": r["partClass"].value.rsplit("#", 1)[-1], "document": r["file"].value,
                       "doc": r["doc"].value, "date": _value(r, "date") or "", "start": start, "end": end,
                       "quote": _context(source(r["doc"].value), start, end)})
    for r in store.query(P + f"""SELECT ?type ?part ?partClass ?doc ?file ?date ?start ?end ?exact WHERE {{
            ?c kg:target <{motion}> ; kg:claimType ?type ; kg:claimedIn ?part ; kg:evidence [ oa:start ?start ; oa:end ?end ; oa:exact ?exact ] .
            ?part a ?partClass ; dcterms:isPartOf ?doc . ?doc kg:sourceFile ?file OPTIONAL {{ ?doc dcterms:date ?date }} }}"""):
        events.append({"kind": "fulfils" if r["type"].value.endswith("Fulfils") else "in line with",
                       "part": r["partClass"].value.rsplit("#", 1)[-1], "document": r["file"].value, "doc": r["doc"].value,
                       "date": _value(r, "date") or "", "start": int(r["start"].value), "end": int(r["end"].value),
                       "quote": readable(r["exact"].value)})
    # A mention inside a claim's sentence is part of that claim, not an event of its own.
    claims = [e for e in events if e["kind"] != "mention"]
    events = [e for e in events if e["kind"] != "mention" or not any(
        c["doc"] == e["doc"] and c["start"] <= e["start"] and e["end"] <= c["end"] for c in claims)]
    # Dated events in date order; undated ones after them, by document and position.
    events.sort(key=lambda e: (e["date"] == "", e["date"], e["document"], e["start"], e["kind"]))
    for event in events:
        event["source_view"] = f"/doc/{event['doc'][len(base) + len('doc/'):]}#char={event['start']},{event['end']}"
    fulfilled = [e for e in events if e["kind"] == "fulfils"]
    if fulfilled:
        first = fulfilled[0]
        verdict = f"claimed fulfilled on {first['date'] or 'an unknown date'} in {first['document']}"
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
    return Response(render_template("motion.html", **trail, resource="/id/motie/" + key, chart_data=json_for_html(chart)),
                    mimetype="text/html")
