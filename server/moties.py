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
import threading
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, render_template, request

from .graphview import json_for_html, wants_json
from .resources import checked_iri

blueprint = Blueprint("moties", __name__)
P = ("PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX dcterms: <http://purl.org/dc/terms/> "
     "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX owl: <http://www.w3.org/2002/07/owl#> ")
# One row per motion: a name linked to its number (owl:sameAs) is listed once, under the number.
MOTIONS = P + """SELECT ?m ?identifier ?dossier (SAMPLE(?anyLabel) AS ?label) (SAMPLE(?anyTitle) AS ?title) (MIN(?anyDate) AS ?date) ?outcome
    ?status ?appraisal ?adopted
    (SAMPLE(?for) AS ?seatsFor) (SAMPLE(?against) AS ?seatsAgainst) (MAX(?voted) AS ?votedOn)
    (GROUP_CONCAT(DISTINCT CONCAT(STR(?p), "\\t", ?sponsorName, "\\t", COALESCE(?sponsorFractie, ""), "\\t",
                                  COALESCE(STR(?fractie), "")); separator="\\n") AS ?sponsoredBy) WHERE {
  ?m a kg:Motion ; rdfs:label ?anyLabel . FILTER NOT EXISTS { ?m owl:sameAs ?numbered }
  OPTIONAL { ?m kg:kamerstuk ?k . ?k kg:identifier ?identifier ; kg:dossier ?dossier }
  OPTIONAL { ?m dcterms:title ?anyTitle } OPTIONAL { ?m dcterms:date ?anyDate }
  OPTIONAL { ?m kg:outcome/skos:prefLabel ?outcome FILTER(LANG(?outcome) = "nl") }
  OPTIONAL { ?m kg:executionStatus/skos:prefLabel ?status FILTER(LANG(?status) = "en") }
  OPTIONAL { ?m kg:cabinetAppraisal/skos:prefLabel ?appraisal FILTER(LANG(?appraisal) = "nl") }
  OPTIONAL { ?m kg:adoptedOn ?adopted }
  OPTIONAL { ?e kg:onMotion ?m . FILTER NOT EXISTS { ?e kg:retracted true }
             OPTIONAL { ?e dcterms:date ?voted } OPTIONAL { ?e kg:seatsFor ?for ; kg:seatsAgainst ?against } }
  OPTIONAL { ?m kg:sponsor ?p . ?p foaf:name ?sponsorName OPTIONAL { ?p kg:memberOf ?fractie . ?fractie skos:prefLabel ?sponsorFractie } }
} GROUP BY ?m ?identifier ?dossier ?outcome ?status ?appraisal ?adopted"""
COLUMNS = ["number", "title", "sponsors", "fracties", "date", "outcome", "seats_for", "seats_against", "appraisal",
           "status", "days_open", "dossier", "page", "iri"]
SORTS = {"number", "date", "outcome", "status", "seats_for", "seats_against", "appraisal", "days_open", "dossier"}
PER_PAGE, MAX_PER_PAGE = 50, 1000


def _value(row, name: str) -> str:
    term = row[name]
    return term.value if term is not None else ""


def _sponsors(packed: str, base: str) -> list[dict]:
    """The motion's sponsors, once each, with their fractie(s) when known: the query packs one line
    per person, name and fractie (a person may have several names or fracties over time)."""
    people: dict[str, dict] = {}
    for line in filter(None, packed.split("\n")):
        person, name, fractie, fractie_iri = (line.split("\t") + ["", "", ""])[:4]
        entry = people.setdefault(person, {"name": name, "fracties": []})
        if fractie and fractie not in [f["name"] for f in entry["fracties"]]:
            entry["fracties"].append({"name": fractie, "slug": fractie_iri.rsplit("/", 1)[-1] if fractie_iri.startswith(base) else ""})
    return sorted(people.values(), key=lambda p: p["name"])


def _fresh_rows(store, base: str) -> list[dict]:
    """One dict per motion, everything except what depends on the day asked about."""
    rows = []
    for r in store.query(MOTIONS):
        iri = r["m"].value
        sponsors = _sponsors(_value(r, "sponsoredBy"), base)
        rows.append({
            "iri": iri, "number": _value(r, "identifier"), "dossier": _value(r, "dossier"),
            "title": " ".join((_value(r, "title") or _value(r, "label")).split()),
            "sponsors": "; ".join(p["name"] for p in sponsors),
            "fracties": "; ".join(sorted({f["name"] for p in sponsors for f in p["fracties"]})),
            "sponsor_list": sponsors,
            "date": _value(r, "adopted") or _value(r, "votedOn") or _value(r, "date"),
            "outcome": _value(r, "outcome"), "status": _value(r, "status"), "appraisal": _value(r, "appraisal"),
            "adopted": _value(r, "adopted"),
            "seats_for": int(_value(r, "seatsFor")) if _value(r, "seatsFor") else None,
            "seats_against": int(_value(r, "seatsAgainst")) if _value(r, "seatsAgainst") else None,
            "page": "/motie/" + iri[len(base) + len("motie/"):],
        })
    return rows


_cache: dict = {}
_cache_lock = threading.Lock()


def motion_rows(site, today: dt.date) -> list[dict]:
    """Every motion's row, computed once per data version (one whole-graph query, ~1 s at 1 000
    documents) and shared by /moties, /fractie and the landing page; days open counted to `today`."""
    store = site.current()
    key = (site.version, id(store))
    with _cache_lock:
        if _cache.get("key") != key:
            _cache.update(key=key, rows=_fresh_rows(store, site.mint.base))
        rows = _cache["rows"]
    return [{**r, "days_open": (today - dt.date.fromisoformat(r["adopted"])).days
             if r["adopted"] and r["status"] == "No claim yet" else None} for r in rows]


def _date_arg(args, name: str) -> str:
    """The date `args[name]` as YYYY-MM-DD (how the rows write it: "20240516" is read, then
    compared as 2024-05-16), or ""; 400 for what is no date."""
    value = args.get(name, "")
    try:
        return dt.date.fromisoformat(value).isoformat() if value else ""
    except ValueError:
        abort(400, f"{name} must be a date as YYYY-MM-DD.")


def filter_rows(rows: list[dict], args) -> list[dict]:
    for field in ("outcome", "status", "appraisal", "dossier"):
        if args.get(field):
            rows = [r for r in rows if r[field].lower() == args[field].lower()]
    if args.get("fractie"):
        wanted = args["fractie"].lower()
        rows = [r for r in rows if wanted in [f.strip().lower() for f in r["fracties"].split(";")]]
    since, until = _date_arg(args, "from"), _date_arg(args, "to")
    if since:
        rows = [r for r in rows if r["date"] and r["date"] >= since]
    if until:
        rows = [r for r in rows if r["date"] and r["date"] <= until]
    if args.get("q"):
        needle = args["q"].lower()
        rows = [r for r in rows if needle in r["title"].lower() or needle in r["sponsors"].lower() or needle in r["number"].lower()]
    sort = args.get("sort") if args.get("sort") in SORTS else "date"
    descending = args.get("order", "desc" if sort == "date" else "asc") == "desc"
    return sorted_rows(rows, sort, descending, ("number", "iri"))


def sorted_rows(rows: list[dict], field: str, descending: bool, then: tuple[str, ...]) -> list[dict]:
    """`rows` by `field`, ties by the fields `then`; rows without a value last, either way."""
    present = [r for r in rows if r[field] not in ("", None)]
    missing = [r for r in rows if r[field] in ("", None)]
    present.sort(key=lambda r: (r[field], *(r[f] for f in then)), reverse=descending)
    return present + sorted(missing, key=lambda r: tuple(r[f] for f in then))


def page_numbers(page: int, pages: int) -> list[int | None]:
    """The page links to show: the first, the last and two either side of `page`; None for a gap."""
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def requested_today() -> dt.date:
    """The day the page is as of: `today=` (for auditors looking back, and tests) or today."""
    try:
        return dt.date.fromisoformat(request.args["today"]) if request.args.get("today") else dt.date.today()
    except ValueError:
        abort(400, "today must be a date as YYYY-MM-DD.")


def paged(rows: list, args, name: str = "page", per_page: int = PER_PAGE) -> tuple[list, dict]:
    """The rows of the page `args[name]` asks for (per_page rows each) and what the page links need."""
    try:
        page = int(args.get(name, "1"))
        per_page = min(MAX_PER_PAGE, max(1, int(args.get("per_page", per_page))))
    except ValueError:
        abort(400, "page and per_page must be whole numbers.")
    pages = max(1, -(-len(rows) // per_page))
    page = min(max(1, page), pages)
    return rows[(page - 1) * per_page : page * per_page], {
        "name": name, "page": page, "pages": pages, "count": len(rows), "numbers": page_numbers(page, pages),
        "first": (page - 1) * per_page + 1 if rows else 0, "last": min(page * per_page, len(rows))}


# What a bar of rows without a value stands for: a motion with no vote in the data has no outcome,
# and only an adopted motion has an execution status.
UNKNOWN = {"outcome": "no vote on record", "status": "not known to be adopted"}


def tally(rows: list[dict], field: str, link: dict) -> list[dict]:
    """How many rows have each value of `field`, most first, each with the /moties link that lists
    them (`link`: the filters kept); rows without a value make one bar, UNKNOWN[field], which no
    filter selects."""
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[field]] = counts.get(r[field], 0) + 1
    return [{"label": value or UNKNOWN.get(field, "unknown"), "count": n,
             "href": "/moties?" + urlencode({**link, field: value}) if value else ""}
            for value, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def fate_charts(rows: list[dict], link: dict, titles=("Motions by outcome", "Motions by execution status")) -> dict:
    """The two charts of what became of `rows`: by outcome and by execution status."""
    return {"outcome": {"title": titles[0], "bars": tally(rows, "outcome", link)},
            "status": {"title": titles[1], "bars": tally(rows, "status", link)}}


@blueprint.get("/moties")
def motions_page():
    site = current_app.extensions["kamergraaf"]
    today = requested_today()
    all_rows = motion_rows(site, today)
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
    shown, pager = paged(rows, request.args)
    choices = {field: sorted({r[field] for r in all_rows if r[field]}) for field in ("outcome", "status", "appraisal", "dossier")}
    choices["fractie"] = sorted({f.strip() for r in all_rows for f in r["fracties"].split(";") if f.strip()})
    kept = {k: v for k, v in request.args.items() if v and k not in ("page", "sort", "order", "format")}
    charts = json_for_html(fate_charts(rows, kept))
    return Response(render_template("moties.html", rows=shown, pager=pager, count=len(rows), total=len(all_rows),
                                    choices=choices, args=request.args, today=today.isoformat(), charts=charts),
                    mimetype="text/html")


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


FRACTIE_VOTES = P + """SELECT ?m (SAMPLE(?l) AS ?label) ?number ?date ?position ?outcome ?seats WHERE {
  ?v kg:fractie <FRACTIE> ; kg:position/skos:prefLabel ?position . FILTER(LANG(?position) = "nl")
  FILTER NOT EXISTS { ?v kg:mistake true }
  ?e kg:vote ?v ; kg:onMotion ?m ; kg:outcome/skos:prefLabel ?outcome . FILTER(LANG(?outcome) = "nl")
  OPTIONAL { ?e dcterms:date ?date } OPTIONAL { ?v kg:seats ?seats }
  OPTIONAL { ?m kg:kamerstuk/kg:identifier ?number }
  OPTIONAL { ?m rdfs:label ?l }
} GROUP BY ?m ?number ?date ?position ?outcome ?seats ORDER BY DESC(?date) ?label"""


def fractie_named(site, slug: str) -> tuple[str, str]:
    """The IRI and name of the fractie with this slug; 404 when there is none."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,80}", slug):  # fractie slugs only: the IRI goes into queries
        abort(404, description="No such fractie.")
    iri = checked_iri(str(site.mint.fractie(slug)))
    names = [r["l"].value for r in site.current().query(P + f"SELECT ?l WHERE {{ <{iri}> skos:prefLabel ?l }} LIMIT 1")]
    if not names:
        abort(404, description=f"No fractie {slug}.")
    return iri, names[0]


@blueprint.get("/fractie/<slug>")
def fractie_page(slug: str):
    """A fractie: the motions its members sponsored and how they fared; how it voted."""
    site = current_app.extensions["kamergraaf"]
    iri, name = fractie_named(site, slug)
    store = site.current()
    rows = filter_rows([r for r in motion_rows(site, requested_today())
                        if any(f["slug"] == slug for p in r["sponsor_list"] for f in p["fracties"])], {})
    votes = [{"motion": r["m"].value, "label": _value(r, "label"), "number": _value(r, "number"), "date": _value(r, "date"),
              "position": _value(r, "position"), "outcome": _value(r, "outcome"), "seats": _value(r, "seats"),
              "page": "/motie/" + r["m"].value[len(site.mint.base) + len("motie/"):]}
             for r in store.query(FRACTIE_VOTES.replace("FRACTIE", str(iri)))]
    if wants_json():
        return Response(json.dumps({"fractie": name, "sponsored": rows, "votes": votes}, ensure_ascii=False),
                        mimetype="application/json")
    sponsored, sponsored_pager = paged(rows, request.args)
    voted, votes_pager = paged(votes, request.args, "votes_page")
    charts = json_for_html(fate_charts(rows, {"fractie": name}, ("Its members' motions by outcome", "… by execution status")))
    return Response(render_template("fractie.html", name=name, iri=str(iri), rows=sponsored, pager=sponsored_pager,
                                    votes=voted, votes_pager=votes_pager, args=request.args, charts=charts),
                    mimetype="text/html")
