"""The auditor's pages: the source view of a document with every fact highlighted (`/doc/<id>`),
the trail of a motion (`/motie/<id>`) and the table of commitments (`/toezeggingen`).

Each page has a stable URL, works without JavaScript, and gives its data as JSON for
``Accept: application/json`` (the table also as CSV).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

from flask import Blueprint, Response, abort, render_template, request

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


# -- commitments ----------------------------------------------------------------------------------

COMMITMENTS = P + """SELECT ?c ?type ?status ?actor ?deadline ?deadlineText ?text ?file ?doc ?date ?start ?end ?debate
    ?registerNumber ?registerStatus ?linkedNumber ?linkedStatus ?madeOn
    (GROUP_CONCAT(DISTINCT ?fractie; separator=", ") AS ?fracties) WHERE {
  ?c a kg:Commitment ; kg:commitmentType/skos:prefLabel ?type ; kg:status/skos:prefLabel ?status .
  FILTER(LANG(?type) = "nl" && LANG(?status) = "nl") FILTER NOT EXISTS { ?c kg:retracted true }
  OPTIONAL { ?c kg:actor ?actor } OPTIONAL { ?c kg:deadline ?deadline } OPTIONAL { ?c kg:deadlineText ?deadlineText }
  OPTIONAL { ?c kg:text ?ownText } OPTIONAL { ?c rdfs:label ?label }
  BIND(COALESCE(?ownText, ?label) AS ?text)
  OPTIONAL { ?c kg:statedIn/dcterms:isPartOf ?doc . ?doc kg:sourceFile ?file OPTIONAL { ?doc dcterms:date ?date } }
  OPTIONAL { ?c kg:evidence [ oa:start ?start ; oa:end ?end ] }
  OPTIONAL { ?c kg:madeAt/rdfs:label ?debate }
  OPTIONAL { ?c kg:inResponseTo/kg:askedBy/skos:prefLabel ?fractie }
  OPTIONAL { ?c kg:registerNumber ?registerNumber OPTIONAL { ?c dcterms:date ?madeOn } }
  OPTIONAL { ?c kg:registerStatus/skos:prefLabel ?registerStatus FILTER(LANG(?registerStatus) = "nl") }
  OPTIONAL { ?c kg:inRegister ?entry . ?entry kg:registerNumber ?linkedNumber
             OPTIONAL { ?entry kg:registerStatus/skos:prefLabel ?linkedStatus FILTER(LANG(?linkedStatus) = "nl") } }
} GROUP BY ?c ?type ?status ?actor ?deadline ?deadlineText ?text ?file ?doc ?date ?start ?end ?debate
    ?registerNumber ?registerStatus ?linkedNumber ?linkedStatus ?madeOn"""
COLUMNS = ["type", "actor", "fracties", "deadline", "deadlineText", "status", "overdue", "document", "date", "text",
           "register", "register_status", "disagreement", "source", "iri"]
SORTS = {"deadline", "status", "type", "document", "date", "actor", "fracties"}


def commitment_rows(store, base: str, today: dt.date) -> list[dict]:
    rows = []
    for r in store.query(COMMITMENTS):
        deadline = _value(r, "deadline")
        doc = _value(r, "doc")
        source = (f"/doc/{doc[len(base) + len('doc/'):]}#char={r['start'].value},{r['end'].value}"
                  if doc and r["start"] is not None else "")
        rows.append({
            "iri": r["c"].value, "type": r["type"].value, "status": r["status"].value, "actor": _value(r, "actor") or "",
            "fracties": _value(r, "fracties") or "", "deadline": deadline or "", "deadlineText": _value(r, "deadlineText") or "",
            "overdue": bool(deadline and deadline < today.isoformat() and r["status"].value == "Openstaand"),
            "document": _value(r, "file") or (_value(r, "debate") or ""), "date": _value(r, "date") or "",
            "text": " ".join((_value(r, "text") or "").split()), "source": source,
            "register": _value(r, "registerNumber") or _value(r, "linkedNumber") or "",
            "register_status": _value(r, "registerStatus") or _value(r, "linkedStatus") or "",
            "in_register": bool(_value(r, "registerNumber")),
        })
        if rows[-1]["in_register"]:
            rows[-1]["document"] = rows[-1]["document"] or "toezeggingenregister"
            rows[-1]["date"] = rows[-1]["date"] or _value(r, "madeOn") or ""
    _disagreements(rows, today)
    return rows


def _disagreements(rows: list[dict], today: dt.date) -> None:
    """Where the register and the documents disagree, in words, on each row."""
    has_register = any(r["in_register"] for r in rows)
    claimed = {r["register"] for r in rows if not r["in_register"] and r["register"] and r["status"] == "Voldaan"}
    for r in rows:
        note = ""
        if r["register_status"] in ("Voldaan", "Vervallen"):
            r["overdue"] = False  # the register says it is done with it
        if r["in_register"]:
            if r["register_status"] == "Voldaan" and r["status"] != "Voldaan" and r["register"] not in claimed:
                note = "register: Voldaan, no letter in the graph claims it"
            elif r["register_status"] == "Openstaand" and r["deadline"] and r["deadline"] < today.isoformat():
                note = "deadline passed while the register says Openstaand"
        elif r["type"].lower() == "toezegging" and has_register:
            if not r["register"]:
                note = "in a document, not in the register"
            elif r["status"] == "Voldaan" and r["register_status"] == "Openstaand":
                note = "a letter claims it fulfilled; the register says Openstaand"
        r["disagreement"] = note


def filter_rows(rows: list[dict], args) -> list[dict]:
    for field in ("type", "status"):
        if args.get(field):
            rows = [r for r in rows if r[field].lower() == args[field].lower()]
    if args.get("fractie"):
        rows = [r for r in rows if args["fractie"].lower() in [f.strip().lower() for f in r["fracties"].split(",")]]
    if args.get("document"):
        rows = [r for r in rows if r["document"] == args["document"]]
    if args.get("disagreement") in ("1", "true", "yes"):
        rows = [r for r in rows if r["disagreement"]]
    if args.get("overdue") in ("1", "true", "yes"):
        rows = [r for r in rows if r["overdue"]]
    if args.get("iri"):
        rows = [r for r in rows if r["iri"] == args["iri"]]
    if args.get("q"):
        needle = args["q"].lower()
        rows = [r for r in rows if needle in r["text"].lower() or needle in r["actor"].lower()]
    sort = args.get("sort", "deadline") if args.get("sort", "deadline") in SORTS else "deadline"
    # Empty values sort last either way.
    rows.sort(key=lambda r: (r[sort] == "", r[sort], r["document"], r["text"]), reverse=args.get("order") == "desc")
    return rows


@blueprint.get("/toezeggingen")
def commitments_page():
    site = _site()
    try:
        today = dt.date.fromisoformat(request.args["today"]) if request.args.get("today") else dt.date.today()
    except ValueError:
        abort(400, "today must be a date as YYYY-MM-DD.")
    rows = filter_rows(commitment_rows(site.current(), site.mint.base, today), request.args)
    fmt = request.args.get("format") or ("json" if wants_json() else
                                         "csv" if request.accept_mimetypes.best_match(["text/html", "text/csv"]) == "text/csv" else "html")
    if fmt == "json":
        return _json({"count": len(rows), "today": today.isoformat(), "rows": rows})
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return Response(buffer.getvalue(), mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=toezeggingen.csv"})
    all_rows = commitment_rows(site.current(), site.mint.base, today)
    choices = {field: sorted({r[field] for r in all_rows if r[field]}) for field in ("type", "status", "document")}
    choices["fractie"] = sorted({f.strip() for r in all_rows for f in r["fracties"].split(",") if f.strip()})
    return Response(render_template("commitments.html", rows=rows, total=len(all_rows), choices=choices, args=request.args,
                                    today=today.isoformat()), mimetype="text/html")
