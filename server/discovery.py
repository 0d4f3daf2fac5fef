"""What a client can learn about the dataset: the landing page's overview, the SPARQL service
description, the VoID description, example queries and the dumps."""
from __future__ import annotations

import gzip
import threading
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, abort, request, url_for

from ..graph.formats import RDF_FORMATS
from ..graph.iris import KG
from .passages import source_link
from .results import PREFIX_IRIS, write_graph

blueprint = Blueprint("discovery", __name__)

PREFIXES = """PREFIX kg: <https://w3id.org/kamergraaf/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
# Written for Oxigraph, which joins a triple pattern by looking each row up in its indexes (a few
# µs a row) and joins subqueries by hashing (about 1 µs a row, scans included): whole-graph
# questions join subqueries, and a selective filter comes first. bench/queries.py keeps the plain
# form of each, and a test checks that both give the same answers. (Oxigraph's union default graph
# holds a triple once per named graph it is in; a join would repeat such rows, FILTER EXISTS does
# not. Our graphs state a commitment's type and status once.)
EXAMPLE_QUERIES = [
    ("Motions claimed as fulfilled, by document and date", PREFIXES + """
SELECT ?motion ?claim ?document ?date ?quote WHERE {
  ?c a kg:FulfilmentClaim ; kg:target ?m ; kg:claimType ?type ;
     kg:claimedIn/dcterms:isPartOf ?doc ; kg:evidence/oa:exact ?quote .
  ?m a kg:Motion ; rdfs:label ?motion .
  FILTER NOT EXISTS { ?m owl:sameAs ?numbered }  # "de motie-Eerdmans", linked to its number: listed once, by number
  ?type skos:prefLabel ?claim FILTER(LANG(?claim) = "en")
  ?doc rdfs:label ?document . OPTIONAL { ?doc dcterms:date ?date }
} ORDER BY ?motion ?date"""),
    ("Adopted motions with no fulfilment claim yet", PREFIXES + """
SELECT ?motion ?adopted ?title ?forSeats ?againstSeats WHERE {
  ?m kg:executionStatus kg:NoClaimYet ; rdfs:label ?label .
  OPTIONAL { ?m kg:adoptedOn ?adopted } OPTIONAL { ?m dcterms:title ?title }
  OPTIONAL { ?vote kg:onMotion ?m ; kg:outcome kg:Aangenomen ; kg:seatsFor ?forSeats ; kg:seatsAgainst ?againstSeats }
  BIND(COALESCE(?number, ?label) AS ?motion) OPTIONAL { ?m kg:kamerstuk/kg:identifier ?number }
} ORDER BY ?adopted"""),
    ("How each fractie voted on a motion", PREFIXES + """
SELECT ?motion ?date ?fractie ?position ?seats WHERE {
  ?vote kg:onMotion ?m ; kg:vote ?v . OPTIONAL { ?vote dcterms:date ?date }
  ?m rdfs:label ?motion . ?v kg:fractie/skos:prefLabel ?fractie ; kg:position/skos:prefLabel ?position .
  FILTER(LANG(?position) = "nl") OPTIONAL { ?v kg:seats ?seats }
  FILTER NOT EXISTS { ?v kg:mistake true }
} ORDER BY ?motion ?date ?position DESC(?seats)"""),
    ("Open toezeggingen with a deadline before a date", PREFIXES + """
SELECT ?deadline ?actor ?text ?document ?doc WHERE {
  ?c kg:deadline ?deadline FILTER (?deadline < "2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date>)
  FILTER EXISTS { ?c a kg:Commitment ; kg:commitmentType kg:Toezegging ; kg:status kg:Openstaand }
  ?c kg:actor ?actor ; kg:text ?text ; kg:statedIn/dcterms:isPartOf ?doc . ?doc rdfs:label ?document .
} ORDER BY ?deadline"""),
    ("Answers per fractie", PREFIXES + """
SELECT ?fractie (COUNT(DISTINCT ?answer) AS ?answers) WHERE {
  { SELECT ?answer ?question WHERE { ?answer kg:answers ?question } }
  { SELECT ?question ?f WHERE { ?question kg:askedBy ?f } }
  { SELECT ?f ?fractie WHERE { ?f skos:prefLabel ?fractie } }
} GROUP BY ?fractie ORDER BY DESC(?answers)"""),
    ("EU instruments cited per document", PREFIXES + """
SELECT ?document ?doc ?instrument ?celex (COUNT(?mention) AS ?mentions) WHERE {
  { SELECT ?i ?instrument ?celex WHERE { ?i a kg:EUInstrument ; rdfs:label ?instrument . OPTIONAL { ?i kg:celex ?celex } } }
  { SELECT ?mention ?i WHERE { ?mention kg:about ?i } }
  { SELECT ?part ?mention WHERE { ?part kg:hasMention ?mention } }
  { SELECT ?part ?doc WHERE { ?part dcterms:isPartOf ?doc } }
  { SELECT ?doc ?document WHERE { ?doc a kg:Document ; rdfs:label ?document } }
} GROUP BY ?document ?doc ?instrument ?celex ORDER BY ?document ?doc DESC(?mentions)"""),
]


LATEST = 10  # documents, claims and toezeggingen the landing page lists as new
DOCUMENTS = PREFIXES + """SELECT ?doc (SAMPLE(?l) AS ?label) (SAMPLE(?f) AS ?file) (MAX(?d) AS ?date) (SAMPLE(?k) AS ?kamerstuk) WHERE {
  ?doc a kg:Document ; kg:sourceFile ?f . OPTIONAL { ?doc rdfs:label ?l } OPTIONAL { ?doc dcterms:date ?d }
  OPTIONAL { ?doc kg:isKamerstuk/kg:identifier ?k }
} GROUP BY ?doc ORDER BY DESC(?date) ?label"""
# What is new, in two steps: the newest LATEST (subqueries, joined by hashing: 0.7 s at 1 000
# documents on a busy machine, where triple patterns took 1.1 s), then what the page shows of just
# those (VALUES first; an OPTIONAL on a variable another OPTIONAL may leave unbound scans every label).
NEWEST = PREFIXES + """SELECT ?c ?doc ?date WHERE {
  { SELECT ?c ?part WHERE { WHAT } }
  { SELECT ?part ?doc WHERE { ?part dcterms:isPartOf ?doc } }
  { SELECT ?doc ?date WHERE { ?doc a kg:Document ; dcterms:date ?date } }
} ORDER BY DESC(?date) ?c LIMIT %d""" % LATEST
NEWEST_CLAIMS = NEWEST.replace("WHAT", "?c a kg:FulfilmentClaim ; kg:claimedIn ?part")
NEWEST_TOEZEGGINGEN = NEWEST.replace("WHAT", "?c kg:commitmentType kg:Toezegging ; kg:statedIn ?part "
                                             "FILTER NOT EXISTS { ?c kg:retracted true }")
# The motion by its number where it has one.
CLAIM_DETAILS = PREFIXES + """PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?c ?m ?claim (SAMPLE(?l) AS ?label) (SAMPLE(?ml) AS ?motion) (SAMPLE(?start) AS ?from) (SAMPLE(?end) AS ?to) WHERE {
  VALUES (?c ?doc) { ROWS }
  ?c kg:target ?target ; kg:claimType/skos:prefLabel ?claim FILTER(LANG(?claim) = "en")
  OPTIONAL { ?target owl:sameAs ?numbered OPTIONAL { ?numbered rdfs:label ?numberedLabel } }
  OPTIONAL { ?target rdfs:label ?targetLabel }
  BIND(COALESCE(?numbered, ?target) AS ?m) BIND(COALESCE(?numberedLabel, ?targetLabel) AS ?ml)
  OPTIONAL { ?doc rdfs:label ?l } OPTIONAL { ?c kg:evidence [ oa:start ?start ; oa:end ?end ] }
} GROUP BY ?c ?m ?claim"""
TOEZEGGING_DETAILS = PREFIXES + """SELECT ?c (SAMPLE(?t) AS ?text) (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?deadline)
    (SAMPLE(?start) AS ?from) (SAMPLE(?end) AS ?to) WHERE {
  VALUES (?c ?doc) { ROWS }
  OPTIONAL { ?c kg:text ?t } OPTIONAL { ?doc rdfs:label ?l } OPTIONAL { ?c kg:deadline ?d }
  OPTIONAL { ?c kg:evidence [ oa:start ?start ; oa:end ?end ] }
} GROUP BY ?c"""
ANSWERS_PER_FRACTIE = PREFIXES + """SELECT ?f (SAMPLE(?name) AS ?fractie) (COUNT(DISTINCT ?answer) AS ?answers) WHERE {
  { SELECT ?answer ?question WHERE { ?answer kg:answers ?question } }
  { SELECT ?question ?f WHERE { ?question kg:askedBy ?f } }
  { SELECT ?f ?name WHERE { ?f skos:prefLabel ?name } }
} GROUP BY ?f ORDER BY DESC(?answers)"""
# The landing page's counts of toezeggingen, each the count of the /toezeggingen list it links to.
TOEZEGGING_LISTS = {"open": {"type": "Toezegging", "status": "Openstaand"}, "overdue": {"type": "Toezegging", "overdue": "1"}}

_overview_cache: dict = {}
_overview_lock = threading.Lock()


def overview(site, args) -> dict:
    """What the landing page shows, computed with a few whole-graph queries once per data version
    and day (overdue depends on the day), shared by every request until the store changes; the
    documents newest first, LATEST a page (`?documents_page=`)."""
    import datetime as dt

    from .moties import paged

    store = site.current()
    key = (site.version, id(store), dt.date.today())
    with _overview_lock:
        if _overview_cache.get("key") != key:
            _overview_cache.clear()
            _overview_cache.update(key=key, value=_overview(site, store, key[2]))
        value = _overview_cache["value"]
    documents, pager = paged(value["all_documents"], args, "documents_page", LATEST)
    return {**value, "documents": documents, "documents_pager": pager, "args": args}


def _overview(site, store, today) -> dict:
    from .graphview import json_for_html
    from .moties import fate_charts, motion_rows
    from .toezeggingen import cached_rows, filter_rows

    base = site.mint.base
    local = lambda iri: "/id/" + iri[len(base):] if iri.startswith(base) else iri  # noqa: E731
    source = lambda doc, r: source_link(doc, base, r["from"] and r["from"].value, r["to"] and r["to"].value)  # noqa: E731
    text = lambda r, name: r[name].value if r[name] is not None else ""  # noqa: E731
    counts = [(r["class"].value.rsplit("#", 1)[-1], int(r["n"].value)) for r in store.query(
        f"SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?class FILTER(STRSTARTS(STR(?class), \"{KG}\")) }} "
        "GROUP BY ?class ORDER BY DESC(?n)")]
    documents = [{"page": local(r["doc"].value), "source": source_link(r["doc"].value, base),
                  "label": text(r, "label") or text(r, "file"), "file": text(r, "file"), "date": text(r, "date"),
                  "kamerstuk": text(r, "kamerstuk")} for r in store.query(DOCUMENTS)]
    claims = [{**newest, "page": local(newest["c"]), "motion": " ".join(text(r, "motion").split()), "claim": text(r, "claim"),
               "trail": "/motie/" + r["m"].value[len(base) + len("motie/"):] if r["m"].value.startswith(base + "motie/") else local(r["m"].value),
               "document": text(r, "label"), "source": source(newest["doc"], r),
               "path": "/path?" + urlencode({"from": r["m"].value, "to": newest["doc"]})}
              for newest, r in _newest(store, NEWEST_CLAIMS, CLAIM_DETAILS)]
    toezeggingen = [{**newest, "page": local(newest["c"]), "text": " ".join(text(r, "text").split()), "document": text(r, "label"),
                     "source": source(newest["doc"], r), "deadline": text(r, "deadline"),
                     "list": "/toezeggingen?" + urlencode({"iri": newest["c"]})}
                    for newest, r in _newest(store, NEWEST_TOEZEGGINGEN, TOEZEGGING_DETAILS)]
    answers = [{"label": text(r, "fractie"), "count": int(r["answers"].value),
                "href": "/fractie/" + r["f"].value.rsplit("/", 1)[-1] if r["f"].value.startswith(base) else ""}
               for r in store.query(ANSWERS_PER_FRACTIE)]
    commitments = cached_rows(site, today)
    built = next(iter(store.query(
        "SELECT (MAX(?t) AS ?last) WHERE { ?run <http://www.w3.org/ns/prov#startedAtTime> ?t }")))["last"]
    motions = motion_rows(site, today)
    fates = fate_charts(motions, {})
    answers = {"title": "Answers per fractie", "bars": answers}
    return {
        "counts": counts, "all_documents": documents, "claims": claims, "toezeggingen": toezeggingen,
        "motion_count": len(motions), "fates": fates, "chart_data": json_for_html({**fates, "answers": answers}),
        "toezegging_counts": {name: {"count": len(filter_rows(list(commitments), args)), "href": "/toezeggingen?" + urlencode(args)}
                              for name, args in TOEZEGGING_LISTS.items()},
        "last_build": built.value if built else "never", "triples": len(store),
        "examples": [(title, "/sparql?" + urlencode({"q": query})) for title, query in EXAMPLE_QUERIES],
    }


def _newest(store, newest: str, details: str) -> list[tuple[dict, object]]:
    """The newest things (`newest`: ?c ?doc ?date, newest first), each with its row of `details`."""
    rows = [{"c": r["c"].value, "doc": r["doc"].value, "date": r["date"].value} for r in store.query(newest)]
    if not rows:
        return []
    values = " ".join(f"(<{r['c']}> <{r['doc']}>)" for r in rows)
    found = {r["c"].value: r for r in store.query(details.replace("ROWS", values))}
    return [(r, found[r["c"]]) for r in rows if r["c"] in found]


def _endpoint_url() -> str:
    return url_for("sparql.endpoint", _external=True)


def service_description(site, media_type: str) -> bytes:
    endpoint = _endpoint_url()
    formats = " , ".join(f"<{uri}>" for uri in (
        "http://www.w3.org/ns/formats/SPARQL_Results_JSON", "http://www.w3.org/ns/formats/SPARQL_Results_XML",
        "http://www.w3.org/ns/formats/SPARQL_Results_CSV", "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
        "http://www.w3.org/ns/formats/Turtle", "http://www.w3.org/ns/formats/N-Triples",
        "http://www.w3.org/ns/formats/JSON-LD", "http://www.w3.org/ns/formats/RDF_XML"))
    languages = "sd:SPARQL11Query" + (" , sd:SPARQL11Update" if site.writable else "")
    turtle = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage {languages} ;
    sd:resultFormat {formats} ;
    sd:feature sd:UnionDefaultGraph , sd:BasicFederatedQuery ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ;
        void:triples {len(site.current())} ] ; void:inDataset <{url_for('discovery.void', _external=True)}> ] .
"""
    if not site.settings["ALLOW_SERVICE"]:
        turtle = turtle.replace(" , sd:BasicFederatedQuery", "")
    return _convert(turtle, media_type)


def _convert(turtle: str, media_type: str) -> bytes:
    if media_type == "text/turtle":
        return turtle.encode()
    return write_graph(ox.parse(turtle, format=ox.RdfFormat.TURTLE), media_type)


@blueprint.get("/.well-known/void")
def void():
    from .sparql import CORS, site

    current = site()
    store = current.current()
    root = request.url_root.rstrip("/")
    classes = [(r["class"].value, int(r["n"].value)) for r in store.query(
        "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class")]
    examples = [r["s"].value for r in store.query(
        f"SELECT (SAMPLE(?x) AS ?s) WHERE {{ ?x a ?class FILTER(?class IN (<{KG.Document}>, <{KG.Motion}>, "
        f"<{KG.Commitment}>, <{KG.EUInstrument}>)) }} GROUP BY ?class")]
    distinct = lambda what: int(next(iter(store.query(f"SELECT (COUNT(DISTINCT ?{what}) AS ?n) WHERE {{ ?s ?p ?o }}")))["n"].value)  # noqa: E731
    partitions = " ,\n".join(f"[ void:class <{c}> ; void:entities {n} ]" for c, n in classes)
    turtle = f"""@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{root}/.well-known/void> a void:Dataset ;
    dcterms:title "kamergraaf" ;
    dcterms:description "A knowledge graph of Dutch migration-policy commitments from parliamentary documents."@en ;
    void:sparqlEndpoint <{root}/sparql> ;
    void:uriSpace "{current.mint.base}" ;
    void:vocabulary <https://w3id.org/kamergraaf/def#> ;
    void:triples {len(store)} ;
    void:distinctSubjects {distinct('s')} ;
    void:properties {distinct('p')} ;
    void:dataDump <{root}/dumps/kamergraaf.nq.gz> , <{root}/dumps/kamergraaf.trig.gz> ;
    void:exampleResource {" , ".join(f"<{e}>" for e in examples) or "<>"} ;
    void:classPartition {partitions or "[]"} .
"""
    formats = [RDF_FORMATS[n].media_type for n in ("turtle", "ntriples", "jsonld", "rdfxml")]
    best = request.accept_mimetypes.best_match(formats) if request.accept_mimetypes else "text/turtle"
    if best is None:
        abort(406)
    return Response(_convert(turtle, best), mimetype=best, headers={**CORS, "Vary": "Accept"})


_dump_cache: dict = {}
_dump_lock = threading.Lock()


@blueprint.get("/dumps/kamergraaf.<kind>.gz")
def dump(kind: str):
    from .sparql import site

    if kind not in ("nq", "trig"):
        abort(404)
    current = site()
    store = current.current()
    key = (kind, current.version, id(store))
    with _dump_lock:
        if key not in _dump_cache:
            for stale in [k for k in _dump_cache if k[1:] != key[1:]]:
                del _dump_cache[stale]
            _dump_cache[key] = gzip.compress(_dump(store, kind), mtime=0)
        body = _dump_cache[key]
    return Response(body, mimetype="application/gzip",
                    headers={"Content-Disposition": f"attachment; filename=kamergraaf.{kind}.gz"})


def _dump(store, kind: str) -> bytes:
    """The whole dataset as N-Quads, or as TriG with the project's prefixes (the store writes
    TriG without them; N-Quads read back and written again is one streaming pass)."""
    nquads = store.dump("nquads")
    if kind == "nq":
        return nquads
    return ox.serialize(ox.parse(nquads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG, prefixes=PREFIX_IRIS)
