"""The table of commitments (`/toezeggingen`): toezeggingen and beleidsinzet found in documents
beside the official toezeggingen register, where they disagree, and which are overdue (open, and
today later than the end of the deadline's interval, extract/deadlines.py).

The page filters, sorts and pages on the server, works without JavaScript, draws two charts
(static/toezeggingen.js) and gives its rows as JSON (``Accept: application/json`` or
``?format=json``) and CSV (``?format=csv``) with absolute links to the sources.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import threading

from flask import Blueprint, Response, current_app, render_template, request

from .graphview import json_for_html, wants_json
from .moties import paged, requested_today, sorted_rows
from .passages import source_link

blueprint = Blueprint("toezeggingen", __name__)
P = ("PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX dcterms: <http://purl.org/dc/terms/> "
     "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")
MONTHS = "jan feb mrt apr mei jun jul aug sep okt nov dec".split()
TIMELINE_ROWS = 50  # most intervals the timeline draws (the rows of one page)


def _value(row, name):
    return row[name].value if row[name] is not None else None


def _json(data) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, default=str), mimetype="application/json")


# Each property of the commitments in a query of its own, joined here by IRI: over the union of
# 1 000 document graphs one query with a dozen OPTIONALs takes ~18 s, these together ~3 s.
PROPERTIES = {
    "type": "?s kg:commitmentType ?o", "status": "?s kg:status ?o", "actor": "?s kg:actor ?o",
    "text": "?s a kg:Commitment . ?s kg:text ?o",  # not every part's kg:text: a sixth of the rows
    "deadline": "?s kg:deadline ?o", "deadlineStart": "?s kg:deadlineStart ?o", "deadlineText": "?s kg:deadlineText ?o",
    "doc": "?s kg:statedIn/dcterms:isPartOf ?o", "debate": "?s kg:madeAt/rdfs:label ?o",
    "evidence": "?s kg:statedIn ?part ; kg:evidence ?e . ?e oa:start ?start ; oa:end ?end BIND(CONCAT(STR(?start), ',', STR(?end)) AS ?o)",
    "registerNumber": "?s kg:registerNumber ?o", "registerStatus": "?s kg:registerStatus ?o",
    "registerLabel": "?s kg:registerNumber ?n ; rdfs:label ?o", "madeOn": "?s kg:registerNumber ?n ; dcterms:date ?o",
    "inRegister": "?s kg:inRegister ?o", "retracted": "?s kg:retracted true BIND(true AS ?o)",
    "file": "?s kg:sourceFile ?o", "date": "?s kg:sourceFile ?f ; dcterms:date ?o", "label": "?s kg:sourceFile ?f ; rdfs:label ?o",
    "concept": "?s skos:prefLabel ?o FILTER(LANG(?o) = 'nl')",
}
FRACTIES = "SELECT ?s ?o WHERE { ?s kg:inResponseTo/kg:askedBy/skos:prefLabel ?o }"
COLUMNS = ["type", "actor", "fracties", "deadlineText", "deadline_start", "deadline", "status", "overdue", "document", "file",
           "date", "text", "register", "register_status", "disagreement", "source", "iri"]
SORTS = {"deadline", "status", "type", "document", "date", "actor", "fracties"}


def _day(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def interval_label(text: str, start: str, end: str) -> str:
    """A deadline for people: "medio 2025 → 1 jun–31 jul 2025"; "op korte termijn (no computable end)"."""
    if not end:
        return f"{text} (no computable end)" if text else ""
    if not start or start == end:
        span = _day(end)
    elif start[:4] == end[:4]:
        span = f"{_day(start).rsplit(' ', 1)[0]}–{_day(end)}"
    else:
        span = f"{_day(start)}–{_day(end)}"
    return f"{text} → {span}" if text else span


def _graph_rows(store, base: str) -> list[dict]:
    """Every commitment's row as the graph has it, whatever the day (a fixed number of queries)."""
    values = {name: {r["s"].value: r["o"].value for r in store.query(P + f"SELECT ?s ?o WHERE {{ {pattern} }}")}
              for name, pattern in PROPERTIES.items()}
    fracties: dict[str, set] = {}
    for r in store.query(P + FRACTIES):
        fracties.setdefault(r["s"].value, set()).add(r["o"].value)
    concept, rows = values["concept"], []
    for c, kind in values["type"].items():
        if c in values["retracted"] or c not in values["status"]:
            continue
        get = lambda name: values[name].get(c, "")  # noqa: E731
        doc, in_register, entry = get("doc"), bool(get("registerNumber")), get("inRegister")
        deadline, deadline_start, text = get("deadline"), get("deadlineStart"), get("deadlineText")
        rows.append({
            "iri": c, "type": concept.get(kind, ""), "status": concept.get(get("status"), ""), "actor": get("actor"),
            "fracties": ", ".join(sorted(fracties.get(c, ()))), "deadline": deadline, "deadline_start": deadline_start,
            "deadlineText": text, "deadline_label": interval_label(text, deadline_start, deadline),
            "document": values["label"].get(doc) or values["file"].get(doc) or get("debate") or ("toezeggingenregister" if in_register else ""),
            "file": values["file"].get(doc, ""), "date": values["date"].get(doc) or (get("madeOn") if in_register else ""),
            "text": " ".join((get("text") or get("registerLabel")).split()),
            # the source view's path, made absolute per request (the host is the request's)
            "source_path": source_link(doc, base, *get("evidence").split(",")) if doc and get("evidence") else "",
            "register": get("registerNumber") or values["registerNumber"].get(entry, ""),
            "register_status": concept.get(get("registerStatus") or values["registerStatus"].get(entry, ""), ""),
            "in_register": in_register,
        })
    return rows


def _on(rows: list[dict], today: dt.date) -> list[dict]:
    """The rows as of `today`: overdue (open, today past the interval's end) and disagreements."""
    iso = today.isoformat()
    rows = [{**r, "overdue": bool(r["deadline"] and r["deadline"] < iso and r["status"] == "Openstaand")} for r in rows]
    _disagreements(rows, today)
    rows.sort(key=_default_order)  # filter_rows keeps this order unless asked for another
    return rows


def _default_order(row: dict) -> tuple:
    return row["deadline"] == "", row["deadline"], row["document"], row["text"]


def commitment_rows(store, base: str, today: dt.date) -> list[dict]:
    return _on(_graph_rows(store, base), today)


_cache: dict = {}
_cache_lock = threading.Lock()


def _cached(site, today: dt.date) -> dict:
    """The rows as of `today` and the filters' choices, computed once per data version and day (the
    query takes ~1 s at 1 000 documents; a request then only filters, sorts and pages)."""
    store = site.current()
    key = (site.version, id(store), today)
    with _cache_lock:
        if _cache.get("key") != key:
            if _cache.get("graph_key") != key[:2]:
                _cache.update(graph_key=key[:2], graph_rows=_graph_rows(store, site.mint.base))
            rows = _on(_cache["graph_rows"], today)
            choices = {field: sorted({r[field] for r in rows if r[field]}) for field in ("type", "status")}
            choices["fractie"] = sorted({f.strip() for r in rows for f in r["fracties"].split(",") if f.strip()})
            _cache.update(key=key, rows=rows, choices=choices)
        return {"rows": _cache["rows"], "choices": _cache["choices"]}


def cached_rows(site, today: dt.date) -> list[dict]:
    """commitment_rows, shared by the page and the landing page (do not change the list: copy it)."""
    return _cached(site, today)["rows"]


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
    if args.get("document"):  # part of the document's name or file name (there may be thousands)
        needle = args["document"].lower()
        rows = [r for r in rows if needle in r["document"].lower() or needle in r["file"].lower()]
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
    if sort != "deadline" or args.get("order") == "desc":  # rows come by deadline (_on): sorted once per day
        rows = sorted_rows(rows, sort, args.get("order") == "desc", ("document", "text"))
    return rows


def _with_sources(rows: list[dict]) -> list[dict]:
    """Each row with the absolute link to its sentence in the source view (for CSV readers too)."""
    root = request.url_root.rstrip("/")
    return [{**r, "source": root + r["source_path"] if r["source_path"] else ""} for r in rows]


QUARTERS = {f"{month:02d}": f"Q{(month - 1) // 3 + 1}" for month in range(1, 13)}


def charts(rows: list[dict], page_rows: list[dict]) -> dict:
    """What static/toezeggingen.js draws: the commitments by status per quarter they were made (all
    rows the filters keep) and the deadline intervals of the rows on this page, on a time axis."""
    periods: dict[str, dict[str, int]] = {}
    for r in rows:
        if r["date"]:
            state = "Over tijd" if r["overdue"] else r["status"]
            counts = periods.setdefault(r["date"][:5] + QUARTERS[r["date"][5:7]], {})
            counts[state] = counts.get(state, 0) + 1
    states = sorted({state for counts in periods.values() for state in counts})
    order = sorted(periods)
    return {
        "status": {"title": "Commitments by status, per quarter they were made", "periods": order,
                   "series": [{"label": state, "counts": [periods[p].get(state, 0) for p in order]} for state in states]},
        "timeline": {"title": "Deadlines of the commitments on this page",
                     "bars": [{"label": (r["deadlineText"] or r["register"] or r["type"])[:40], "start": r["deadline_start"] or r["deadline"],
                               "end": r["deadline"], "overdue": r["overdue"], "status": r["status"], "text": r["text"][:120]}
                              for r in page_rows if r["deadline"]][:TIMELINE_ROWS]},
    }


@blueprint.get("/toezeggingen")
def commitments_page():
    site = current_app.extensions["kamergraaf"]
    today = requested_today()
    cached = _cached(site, today)
    all_rows = cached["rows"]
    rows = filter_rows(list(all_rows), request.args)
    fmt = request.args.get("format") or ("json" if wants_json() else
                                         "csv" if request.accept_mimetypes.best_match(["text/html", "text/csv"]) == "text/csv" else "html")
    if fmt == "json":
        return _json({"count": len(rows), "today": today.isoformat(), "rows": _with_sources(rows)})
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(_with_sources(rows))
        return Response(buffer.getvalue(), mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=toezeggingen.csv"})
    shown, pager = paged(rows, request.args)
    shown = _with_sources(shown)
    return Response(render_template("commitments.html", rows=shown, pager=pager, count=len(rows), total=len(all_rows),
                                    overdue=sum(r["overdue"] for r in rows), choices=cached["choices"], args=request.args,
                                    today=today.isoformat(), charts=json_for_html(charts(rows, shown))), mimetype="text/html")
