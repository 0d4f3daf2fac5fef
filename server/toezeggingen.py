"""The table of commitments (`/toezeggingen`): toezeggingen and beleidsinzet found in documents
beside the official toezeggingen register, where they disagree, and which are overdue.

The page works without JavaScript and gives its rows as JSON (``Accept: application/json`` or
``?format=json``) and CSV (``?format=csv``).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

from flask import Blueprint, Response, abort, current_app, render_template, request

from .graphview import wants_json

blueprint = Blueprint("toezeggingen", __name__)
P = ("PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX dcterms: <http://purl.org/dc/terms/> "
     "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")


def _value(row, name):
    return row[name].value if row[name] is not None else None


def _json(data) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, default=str), mimetype="application/json")



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
    site = current_app.extensions["kamergraaf"]
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
