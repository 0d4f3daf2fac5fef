"""What became of each motion: the auditor's list (`/moties`) and a motion's votes for its trail.

Every row comes from the graph: the outcome, adoption date and execution status the build derived
(graph.store.KnowledgeStore.motion_fates), the seats of its votes, the cabinet's appraisal. The list
filters, sorts and pages on the server; the same rows come as JSON (``Accept: application/json`` or
``?format=json``) and CSV (``?format=csv``).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

from flask import Blueprint, Response, abort, current_app, render_template, request

from .graphview import wants_json
from .resources import checked_iri

blueprint = Blueprint("moties", __name__)
P = ("PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX dcterms: <http://purl.org/dc/terms/> "
     "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX owl: <http://www.w3.org/2002/07/owl#> ")
# One row per motion: a name linked to its number (owl:sameAs) is listed once, under the number.
MOTIONS = P + """SELECT ?m ?identifier ?dossier (SAMPLE(?anyLabel) AS ?label) (SAMPLE(?anyTitle) AS ?title) (MIN(?anyDate) AS ?date) ?outcome
    ?status ?appraisal ?adopted
    (SAMPLE(?for) AS ?seatsFor) (SAMPLE(?against) AS ?seatsAgainst) (MAX(?voted) AS ?votedOn)
    (GROUP_CONCAT(DISTINCT ?sponsorName; separator="; ") AS ?sponsors)
    (GROUP_CONCAT(DISTINCT ?sponsorFractie; separator="; ") AS ?fracties) WHERE {
  ?m a kg:Motion ; rdfs:label ?anyLabel . FILTER NOT EXISTS { ?m owl:sameAs ?numbered }
  OPTIONAL { ?m kg:kamerstuk ?k . ?k kg:identifier ?identifier ; kg:dossier ?dossier }
  OPTIONAL { ?m dcterms:title ?anyTitle } OPTIONAL { ?m dcterms:date ?anyDate }
  OPTIONAL { ?m kg:outcome/skos:prefLabel ?outcome FILTER(LANG(?outcome) = "nl") }
  OPTIONAL { ?m kg:executionStatus/skos:prefLabel ?status FILTER(LANG(?status) = "en") }
  OPTIONAL { ?m kg:cabinetAppraisal/skos:prefLabel ?appraisal FILTER(LANG(?appraisal) = "nl") }
  OPTIONAL { ?m kg:adoptedOn ?adopted }
  OPTIONAL { ?e kg:onMotion ?m . FILTER NOT EXISTS { ?e kg:retracted true }
             OPTIONAL { ?e dcterms:date ?voted } OPTIONAL { ?e kg:seatsFor ?for ; kg:seatsAgainst ?against } }
  OPTIONAL { ?m kg:sponsor ?p . ?p foaf:name ?sponsorName OPTIONAL { ?p kg:memberOf/skos:prefLabel ?sponsorFractie } }
} GROUP BY ?m ?identifier ?dossier ?outcome ?status ?appraisal ?adopted"""
COLUMNS = ["number", "title", "sponsors", "fracties", "date", "outcome", "seats_for", "seats_against", "appraisal",
           "status", "days_open", "dossier", "page", "iri"]
SORTS = {"number", "date", "outcome", "status", "seats_for", "seats_against", "appraisal", "days_open", "dossier"}
PER_PAGE, MAX_PER_PAGE = 50, 1000


def _value(row, name: str) -> str:
    term = row[name]
    return term.value if term is not None else ""


def motion_rows(store, base: str, today: dt.date) -> list[dict]:
    rows = []
    for r in store.query(MOTIONS):
        iri = r["m"].value
        adopted = _value(r, "adopted")
        status = _value(r, "status")
        days = (today - dt.date.fromisoformat(adopted)).days if adopted and status == "No claim yet" else None
        rows.append({
            "iri": iri, "number": _value(r, "identifier"), "dossier": _value(r, "dossier"),
            "title": " ".join((_value(r, "title") or _value(r, "label")).split()),
            "sponsors": _value(r, "sponsors"), "fracties": _value(r, "fracties"),
            "date": _value(r, "adopted") or _value(r, "votedOn") or _value(r, "date"),
            "outcome": _value(r, "outcome"), "status": status, "appraisal": _value(r, "appraisal"),
            "seats_for": int(_value(r, "seatsFor")) if _value(r, "seatsFor") else None,
            "seats_against": int(_value(r, "seatsAgainst")) if _value(r, "seatsAgainst") else None,
            "days_open": days, "page": "/motie/" + iri[len(base) + len("motie/"):],
        })
    return rows


def _date_arg(name: str) -> str:
    value = request.args.get(name, "")
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            abort(400, f"{name} must be a date as YYYY-MM-DD.")
    return value


def filter_rows(rows: list[dict], args) -> list[dict]:
    for field in ("outcome", "status", "appraisal", "dossier"):
        if args.get(field):
            rows = [r for r in rows if r[field].lower() == args[field].lower()]
    if args.get("fractie"):
        wanted = args["fractie"].lower()
        rows = [r for r in rows if wanted in [f.strip().lower() for f in r["fracties"].split(";")]]
    since, until = _date_arg("from"), _date_arg("to")
    if since:
        rows = [r for r in rows if r["date"] and r["date"] >= since]
    if until:
        rows = [r for r in rows if r["date"] and r["date"] <= until]
    if args.get("q"):
        needle = args["q"].lower()
        rows = [r for r in rows if needle in r["title"].lower() or needle in r["sponsors"].lower() or needle in r["number"].lower()]
    sort = args.get("sort") if args.get("sort") in SORTS else "date"
    descending = args.get("order", "desc" if sort == "date" else "asc") == "desc"
    present = [r for r in rows if r[sort] not in ("", None)]
    missing = [r for r in rows if r[sort] in ("", None)]  # empty values last, either way
    present.sort(key=lambda r: (r[sort], r["number"], r["iri"]), reverse=descending)
    return present + sorted(missing, key=lambda r: (r["number"], r["iri"]))


@blueprint.get("/moties")
def motions_page():
    site = current_app.extensions["kamergraaf"]
    try:
        today = dt.date.fromisoformat(request.args["today"]) if request.args.get("today") else dt.date.today()
        page = int(request.args.get("page", "1"))
        per_page = min(MAX_PER_PAGE, max(1, int(request.args.get("per_page", PER_PAGE))))
    except ValueError:
        abort(400, "today must be a date as YYYY-MM-DD; page and per_page whole numbers.")
    all_rows = motion_rows(site.current(), site.mint.base, today)
    rows = filter_rows(list(all_rows), request.args)
    fmt = request.args.get("format") or ("json" if wants_json() else "html")
    if fmt == "json":
        return Response(json.dumps({"count": len(rows), "today": today.isoformat(), "rows": rows}, ensure_ascii=False),
                        mimetype="application/json")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return Response(buffer.getvalue(), mimetype="text/csv", headers={"Content-Disposition": "attachment; filename=moties.csv"})
    pages = max(1, -(-len(rows) // per_page))
    page = min(max(1, page), pages)
    choices = {field: sorted({r[field] for r in all_rows if r[field]}) for field in ("outcome", "status", "appraisal", "dossier")}
    choices["fractie"] = sorted({f.strip() for r in all_rows for f in r["fracties"].split(";") if f.strip()})
    return Response(render_template("moties.html", rows=rows[(page - 1) * per_page : page * per_page], count=len(rows),
                                    total=len(all_rows), choices=choices, args=request.args, page=page, pages=pages,
                                    today=today.isoformat()), mimetype="text/html")


VOTES = P + """SELECT ?e ?date ?outcome ?for ?against ?others ?source ?f ?fractie ?position ?seats ?mistake ?voter WHERE {
  ?e kg:onMotion ?motion ; kg:outcome/skos:prefLabel ?outcome FILTER(LANG(?outcome) = "nl")
  VALUES ?motion { MOTIONS } FILTER NOT EXISTS { ?e kg:retracted true }
  OPTIONAL { ?e dcterms:date ?date } OPTIONAL { ?e kg:seatsFor ?for } OPTIONAL { ?e kg:seatsAgainst ?against }
  OPTIONAL { ?e kg:othersVoted/skos:prefLabel ?others FILTER(LANG(?others) = "nl") }
  OPTIONAL { ?e dcterms:source/kg:sourceFile ?source }
  OPTIONAL { ?e kg:vote ?v . ?v kg:position/skos:prefLabel ?position FILTER(LANG(?position) = "nl")
             OPTIONAL { ?v kg:fractie ?f . ?f skos:prefLabel ?fractie } OPTIONAL { ?v kg:seats ?seats }
             OPTIONAL { ?v kg:mistake ?mistake } OPTIONAL { ?v kg:voter/foaf:name ?voter } }
} ORDER BY ?date ?e ?fractie"""


def motion_fate(store, motion: str) -> dict:
    """The motion's outcome, status, appraisal and each vote with how every fractie voted."""
    aliases = [r["a"].value for r in store.query(P + f"SELECT ?a WHERE {{ ?a owl:sameAs <{motion}> }}")]
    head = list(store.query(P + f"""SELECT ?outcome ?status ?appraisal ?adopted WHERE {{
        OPTIONAL {{ <{motion}> kg:outcome/skos:prefLabel ?outcome FILTER(LANG(?outcome) = "nl") }}
        OPTIONAL {{ <{motion}> kg:executionStatus/skos:prefLabel ?status FILTER(LANG(?status) = "en") }}
        OPTIONAL {{ <{motion}> kg:cabinetAppraisal/skos:prefLabel ?appraisal FILTER(LANG(?appraisal) = "nl") }}
        OPTIONAL {{ <{motion}> kg:adoptedOn ?adopted }} }}"""))
    events: dict[str, dict] = {}
    values = " ".join(f"<{m}>" for m in [motion, *aliases])
    for r in store.query(VOTES.replace("MOTIONS", values)):
        event = events.setdefault(r["e"].value, {
            "date": _value(r, "date"), "outcome": _value(r, "outcome"), "source": _value(r, "source"),
            "seats_for": _value(r, "for"), "seats_against": _value(r, "against"), "others": _value(r, "others"), "votes": {}})
        if r["position"] is not None:
            name = f"{_value(r, 'voter')} ({_value(r, 'fractie')})" if _value(r, "voter") else _value(r, "fractie")
            vote = event["votes"].setdefault(name, {"name": name, "fractie": _value(r, "fractie"), "slug": _value(r, "f").rsplit("/", 1)[-1],
                                                    "position": _value(r, "position"),
                                                    "seats": int(_value(r, "seats") or 0), "mistake": bool(_value(r, "mistake") == "true")})
            vote["seats"] = max(vote["seats"], int(_value(r, "seats") or 0))
    for event in events.values():
        event["votes"] = sorted(event["votes"].values(), key=lambda v: (v["position"], -v["seats"], v["name"]))
    first = head[0] if head else None
    return {"outcome": _value(first, "outcome") if first else "", "status": _value(first, "status") if first else "",
            "appraisal": _value(first, "appraisal") if first else "", "adopted": _value(first, "adopted") if first else "",
            "votes": sorted(events.values(), key=lambda e: (e["date"] == "", e["date"]))}


FRACTIE_VOTES = P + """SELECT ?m ?label ?number ?date ?position ?outcome ?seats WHERE {
  ?v kg:fractie <FRACTIE> ; kg:position/skos:prefLabel ?position . FILTER(LANG(?position) = "nl")
  FILTER NOT EXISTS { ?v kg:mistake true }
  ?e kg:vote ?v ; kg:onMotion ?m ; kg:outcome/skos:prefLabel ?outcome . FILTER(LANG(?outcome) = "nl")
  OPTIONAL { ?e dcterms:date ?date } OPTIONAL { ?v kg:seats ?seats }
  OPTIONAL { ?m kg:kamerstuk/kg:identifier ?number }
  { SELECT ?m (SAMPLE(?l) AS ?label) WHERE { ?m rdfs:label ?l } GROUP BY ?m }
} ORDER BY DESC(?date) ?label"""


@blueprint.get("/fractie/<slug>")
def fractie_page(slug: str):
    """A fractie: the motions its members sponsored and how they fared; how it voted."""
    site = current_app.extensions["kamergraaf"]
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,80}", slug):  # fractie slugs only: the IRI goes into queries
        abort(404, description="No such fractie.")
    iri = checked_iri(str(site.mint.fractie(slug)))
    store = site.current()
    names = [r["l"].value for r in store.query(P + f'SELECT ?l WHERE {{ <{iri}> skos:prefLabel ?l }}')]
    if not names:
        abort(404, description=f"No fractie {slug}.")
    rows = filter_rows(motion_rows(store, site.mint.base, dt.date.today()), {"fractie": names[0]})
    votes = [{"motion": r["m"].value, "label": _value(r, "label"), "number": _value(r, "number"), "date": _value(r, "date"),
              "position": _value(r, "position"), "outcome": _value(r, "outcome"), "seats": _value(r, "seats"),
              "page": "/motie/" + r["m"].value[len(site.mint.base) + len("motie/"):]}
             for r in store.query(FRACTIE_VOTES.replace("FRACTIE", str(iri)))]
    if wants_json():
        return Response(json.dumps({"fractie": names[0], "sponsored": rows, "votes": votes}, ensure_ascii=False),
                        mimetype="application/json")
    return Response(render_template("fractie.html", name=names[0], iri=str(iri), rows=rows, votes=votes), mimetype="text/html")
