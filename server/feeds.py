"""Feeds to follow the graph without visiting it: Atom feeds of new fulfilment claims, new
toezeggingen and status changes (all of them, or those of one motion, fractie or dossier), and an
iCalendar feed of the deadlines of open toezeggingen; ``/feeds`` lists them.

Every entry is one fact of the graph, identified by the fact's IRI (stable across rebuilds: IRIs
are minted from stable keys), dated by the document or vote that made it (the date a document was
read when it has none), with its quote and links to its page and to the source at its offsets.
Each feed is one SPARQL query, capped at the latest :data:`LATEST` entries.
"""
from __future__ import annotations

import datetime as dt
import re
import threading
import urllib.parse
from dataclasses import dataclass

from feedgenerator import Atom1Feed
from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from icalendar import Calendar, Event
from markupsafe import escape

from .moties import fractie_named
from .passages import source_link
from .resources import checked_iri

blueprint = Blueprint("feeds", __name__)
LATEST = 100  # entries a feed carries: the newest
ATOM = "application/atom+xml"
P = ("PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX dcterms: <http://purl.org/dc/terms/> "
     "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX owl: <http://www.w3.org/2002/07/owl#> "
     "PREFIX prov: <http://www.w3.org/ns/prov#> ")

# What is known of the document ?doc where a fact was said (bound: an unbound ?doc would match any).
# Oxigraph evaluates an OPTIONAL's pattern over the whole store before joining it, so each names
# the class it is about (the labels of documents, not of every resource).
DOCUMENT = ("OPTIONAL { ?doc dcterms:date ?docDate } OPTIONAL { ?doc a kg:Document ; rdfs:label ?docLabels } "
            "OPTIONAL { GRAPH ?g { ?doc kg:sourceFile ?file } ?g prov:wasGeneratedBy/prov:startedAtTime ?read }")
EVIDENCE = "?id kg:evidence [ oa:start ?start ; oa:end ?end ; oa:exact ?exact ] ."
# What an entry can be: each pattern binds ?id (the fact), ?kind, ?subject (the motion or
# toezegging it is about; a motion known by its sponsors as the numbered motion it is), ?doc
# (where it was said), the evidence ?start ?end ?exact, ?detail, and ?own (a date of its own).
# Facts that may lack evidence come as two branches, with and without: Oxigraph would evaluate an
# OPTIONAL evidence (or document) for every fact in the store before the join (ten times slower).
EVENTS = {
    "claim": """?id a kg:FulfilmentClaim ; kg:target ?target ; kg:claimType ?type ; kg:claimedIn/dcterms:isPartOf ?doc .
    EVIDENCE DOCUMENT
    OPTIONAL { ?target owl:sameAs ?numbered } BIND(COALESCE(?numbered, ?target) AS ?subject)
    BIND(IF(?type = kg:Fulfils, "fulfils", "in line with") AS ?detail) BIND("claim" AS ?kind)""",
    "vote": """EITHER { ?id a kg:VoteEvent }
    ?id kg:onMotion ?target ; kg:outcome/skos:prefLabel ?detail ; dcterms:source ?doc . FILTER(LANG(?detail) = "nl")
    FILTER NOT EXISTS { ?id kg:retracted true } DOCUMENT
    OPTIONAL { ?id dcterms:date ?own } OPTIONAL { ?id kg:seatsFor ?for ; kg:seatsAgainst ?against }
    OPTIONAL { ?target owl:sameAs ?numbered } BIND(COALESCE(?numbered, ?target) AS ?subject) BIND("vote" AS ?kind)""",
    # a toezegging stated in a document, and one of the register (its record's date; no document)
    "toezegging": """?id kg:commitmentType kg:Toezegging ; kg:statedIn/dcterms:isPartOf ?doc . EVIDENCE DOCUMENT
    FILTER NOT EXISTS { ?id kg:retracted true } BIND(?id AS ?subject) BIND("toezegging" AS ?kind)""",
    "register": """?id kg:commitmentType kg:Toezegging ; kg:registerNumber ?number ; dcterms:date ?own .
    FILTER NOT EXISTS { ?id kg:statedIn ?part } FILTER NOT EXISTS { ?id kg:retracted true }
    BIND(?id AS ?subject) BIND("toezegging" AS ?kind)""",
}
EITHER = re.compile(r"EITHER \{ ([^{}]*) \}")


def _pattern(kind: str, scope: str | tuple[str, ...] = "") -> str:
    """A kind's pattern as SPARQL, `scope` (what narrows it to a motion, fractie or dossier; several:
    a branch each) first in every branch, so that the store looks up the few facts in scope rather
    than all of them; EITHER {head} as the two branches, with evidence and without."""
    if isinstance(scope, tuple):
        return " UNION ".join("{ " + _pattern(kind, one) + " }" for one in scope)
    pattern = EVENTS[kind]
    if "EITHER" in pattern:
        pattern = EITHER.sub(lambda m: f"{{ {scope} {m[1]} . {EVIDENCE} }} UNION "
                                       f"{{ {scope} {m[1]} FILTER NOT EXISTS {{ ?id kg:evidence ?any }} }}", pattern)
    else:
        pattern = scope + " " + pattern
    return pattern.replace("EVIDENCE", EVIDENCE).replace("DOCUMENT", DOCUMENT)


EVENT_QUERY = P + """SELECT ?id ?kind ?subject ?doc ?start ?end ?exact ?detail ?for ?against ?when ?dated
    (SAMPLE(?subjectLabels) AS ?subjectLabel) (SAMPLE(?subjectTexts) AS ?subjectText) (SAMPLE(?docLabels) AS ?docLabel) WHERE {
  EVENTS
  BIND(STR(COALESCE(?own, ?docDate, ?read)) AS ?when) FILTER(BOUND(?when))
  BIND(BOUND(?own) || BOUND(?docDate) AS ?dated)
  OPTIONAL { ?subject a kg:Motion ; rdfs:label ?subjectLabels } OPTIONAL { ?subject a kg:Commitment ; kg:text ?subjectTexts }
} GROUP BY ?id ?kind ?subject ?doc ?start ?end ?exact ?detail ?for ?against ?when ?dated
ORDER BY DESC(?when) ?id LIMIT LATEST"""
# Scopes: per kind of entry, the pattern that keeps the entries of one motion, fractie or dossier
# ({value}: a checked IRI or dossier number); a kind a scope does not name has no entries in it.
# A motion's entries are those about it or about a name of it (owl:sameAs); a fractie's, those
# about its members' motions and the toezeggingen made in answer to its questions; a dossier's,
# those about its motions and those in its Kamerstukken.
def _about(motions: str) -> tuple[str, str]:
    """Facts about the motions `motions` matches (on ?m): on each itself, and on a name of it (two
    branches: a path `owl:sameAs?` would be matched against every node when no motion matches)."""
    return motions.replace("?m ", "?target ", 1), motions + " ?target owl:sameAs ?m ."


SCOPES = {
    "motie": {"claim": _about("VALUES ?m { <{value}> }"), "vote": _about("VALUES ?m { <{value}> }")},
    "fractie": {"claim": _about("?m kg:sponsor/kg:memberOf <{value}> ."), "vote": _about("?m kg:sponsor/kg:memberOf <{value}> ."),
                "toezegging": "?id kg:inResponseTo/kg:askedBy <{value}> .", "register": "?id kg:inResponseTo/kg:askedBy <{value}> ."},
    "dossier": {"claim": (*_about('?m kg:kamerstuk/kg:dossier "{value}" .'), '?doc kg:isKamerstuk/kg:dossier "{value}" .'),
                "vote": _about('?m kg:kamerstuk/kg:dossier "{value}" .'),
                "toezegging": '?doc kg:isKamerstuk/kg:dossier "{value}" . ?id kg:statedIn/dcterms:isPartOf ?doc .'},
}
FEEDS = {  # name → title, the kinds of entry it carries
    "claims": ("Fulfilment claims", ("claim",)),
    "toezeggingen": ("New toezeggingen", ("toezegging", "register")),
    "changes": ("Status changes: motion outcomes and claims on motions and toezeggingen", ("vote", "claim")),
}
SCOPED = ("vote", "claim", "toezegging", "register")  # a motion's, fractie's or dossier's feed: all that happens to it
DOSSIER = re.compile(r"[0-9]{1,6}(-[A-Za-z0-9]{1,10}){0,3}")  # "19637", "36200-VI": safe inside a literal
DOSSIERS_LISTED = 40  # on /feeds: the dossiers with the most motions
MOTION_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+~-]{0,200}")
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # no XML 1.0 document holds these

DEADLINES = P + """SELECT ?c (SAMPLE(?texts) AS ?text) (MIN(?ends) AS ?due) (MIN(?starts) AS ?from) (SAMPLE(?phrases) AS ?phrase)
    (SAMPLE(?actors) AS ?actor) (SAMPLE(?docLabels) AS ?docLabel) WHERE {
  ?c kg:commitmentType kg:Toezegging ; kg:status kg:Openstaand ; kg:deadline ?ends .
  FILTER NOT EXISTS { ?c kg:retracted true }
  FILTER NOT EXISTS { ?c (kg:inRegister?)/kg:registerStatus ?done FILTER(?done IN (kg:Voldaan, kg:Vervallen)) }
  OPTIONAL { ?c kg:deadlineStart ?starts } OPTIONAL { ?c kg:deadlineText ?phrases } OPTIONAL { ?c kg:actor ?actors }
  OPTIONAL { ?c kg:text ?ownText } OPTIONAL { ?c rdfs:label ?label } BIND(COALESCE(?ownText, ?label) AS ?texts)
  OPTIONAL { ?c kg:statedIn/dcterms:isPartOf/rdfs:label ?docLabels }
} GROUP BY ?c ORDER BY ?due ?c"""


@dataclass
class Entry:
    id: str
    title: str
    updated: dt.datetime
    page: str
    source: str
    content: str
    kind: str


def _site():
    return current_app.extensions["kamergraaf"]


def _v(row, name: str) -> str:
    return row[name].value if row[name] is not None else ""


def clean(text: str) -> str:
    """Text for a feed: one line, without characters XML cannot carry."""
    return " ".join(NOT_XML.sub(" ", text).split())


def short(text: str, length: int = 90) -> str:
    text = clean(text)
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def _moment(value: str) -> dt.datetime:
    """An xsd:date (midnight UTC) or xsd:dateTime as an aware datetime."""
    if "T" not in value:
        return dt.datetime.combine(dt.date.fromisoformat(value[:10]), dt.time(), dt.timezone.utc)
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


_cache: dict = {}
_cache_lock = threading.Lock()


def cached(site, key: tuple, compute):
    """What `compute` gives, kept per data version: feed readers poll, the data change with builds."""
    key = (site.version, id(site.current()), LATEST, *key)
    with _cache_lock:
        if key not in _cache:
            if len(_cache) >= 128:
                _cache.pop(next(iter(_cache)))
            _cache[key] = compute()
        return _cache[key]


def events(store, base: str, kinds: tuple[str, ...], scope: str = "", value: str = "") -> list[Entry]:
    """The newest entries of `kinds` (in `scope`, one of :data:`SCOPES`, for `value`), in one query."""
    if scope:
        kinds = tuple(kind for kind in kinds if kind in SCOPES[scope])
    union = " UNION ".join("{ " + _pattern(kind, _narrowed(SCOPES[scope][kind], value) if scope else "") + " }"
                           for kind in kinds)
    query = EVENT_QUERY.replace("EVENTS", union).replace("LATEST", str(LATEST))
    entries, seen = [], set()
    for row in store.query(query):
        if row["id"].value in seen:  # a second date or evidence of the same fact
            continue
        seen.add(row["id"].value)
        entries.append(_entry(row, base))
    return entries


def _narrowed(scope: str | tuple[str, ...], value: str) -> str | tuple[str, ...]:
    return tuple(one.replace("{value}", value) for one in scope) if isinstance(scope, tuple) else scope.replace("{value}", value)


def _entries(kinds: tuple[str, ...], scope: str = "", value: str = "") -> list[Entry]:
    site = _site()
    return cached(site, (kinds, scope, value), lambda: events(site.current(), site.mint.base, kinds, scope, value))


def _page(iri: str, base: str) -> str:
    """The local page of a motion or toezegging (or of anything else: its resource page)."""
    if iri.startswith(base + "motie/"):
        return "/motie/" + iri[len(base) + len("motie/"):]
    if iri.startswith(base + "toezegging/") or "/commitment/" in iri:
        return "/toezeggingen?" + urllib.parse.urlencode({"iri": iri})
    return "/id/" + iri[len(base):] if iri.startswith(base) else iri


def _entry(row, base: str) -> Entry:
    kind, subject, doc = _v(row, "kind"), _v(row, "subject"), _v(row, "doc")
    named = clean(_v(row, "subjectLabel")) or short(_v(row, "subjectText")) or subject.rsplit("/", 1)[-1]
    document = clean(_v(row, "docLabel")) or (doc.rsplit("/", 1)[-1] if doc else "")
    when = _v(row, "when")
    toezegging = "/motie/" not in subject
    if kind == "claim":
        what = "fulfilled" if _v(row, "detail") == "fulfils" else "in line with, not fulfilled"
        about = f"Toezegging “{short(_v(row, 'subjectText') or named, 70)}”" if toezegging else named
        title = f"{about}: claimed {what} in {document}"
    elif kind == "vote":
        seats = f" ({_v(row, 'for')}–{_v(row, 'against')})" if _v(row, "for") else ""
        title = f"{named}: {_v(row, 'detail').lower()}{seats}"
    else:
        title = f"Toezegging: {short(_v(row, 'subjectText') or named)}" + (f" — {document}" if document else "")
    source = source_link(doc, base, _v(row, "start"), _v(row, "end")) if doc.startswith(base + "doc/") else ""
    quote = clean(_v(row, "exact") or (_v(row, "subjectText") if kind == "toezegging" else ""))
    dated = f"on {when[:10]}" if _v(row, "dated") == "true" else f"undated; read on {when[:10]}"
    where = (f'<a href="{escape(source)}">{escape(document)}</a>' if source else escape(document)) if document else "the open data"
    content = (f"<blockquote>{escape(quote)}</blockquote>" if quote else "") + f"<p>In {where}, {escape(dated)}.</p>"
    return Entry(row["id"].value, title, _moment(when), _page(subject, base), source, content, kind)


class AtomFeed(Atom1Feed):
    """Atom 1.0 with a second link per entry: rel=related, to the quote in the source."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("generator", "kamergraaf")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("source"):
            handler.addQuickElement("link", "", {"rel": "related", "type": "text/html", "href": item["source"],
                                                 "title": "the quote in the source"})


def atom(title: str, page: str, entries: list[Entry]) -> Response:
    """An Atom feed of `entries`; its id and rel=self are its own absolute URL."""
    root = request.host_url.rstrip("/")
    self_url = root + request.path
    feed = AtomFeed(title=f"kamergraaf — {clean(title)}", link=root + page, description=None, feed_url=self_url,
                    feed_guid=self_url, author_name="kamergraaf", language="en")
    for entry in entries:
        feed.add_item(title=entry.title, link=root + entry.page, description=None, unique_id=entry.id,
                      updateddate=entry.updated, content=entry.content.replace('href="/', f'href="{root}/'),
                      categories=[entry.kind], source=root + entry.source if entry.source else "")
    return Response(feed.writeString("utf-8"), mimetype=ATOM)


@blueprint.get("/feeds/<name>.atom")
def feed(name: str):
    if name not in FEEDS:
        abort(404, description=f"No feed {name}; the feeds are listed at /feeds.")
    title, kinds = FEEDS[name]
    return atom(title, "/toezeggingen" if name == "toezeggingen" else "/moties", _entries(kinds))


@blueprint.get("/feeds/motie/<key>.atom")
def motion_feed(key: str):
    site = _site()
    if not MOTION_KEY.fullmatch(key):
        abort(404, description=f"No motion {key}.")
    motion = checked_iri(f"{site.mint.base}motie/{key}")
    store = site.current()
    labels = [r["l"].value for r in store.query(P + f"SELECT ?l WHERE {{ <{motion}> a kg:Motion ; rdfs:label ?l }} LIMIT 1")]
    if not labels:
        abort(404, description=f"No motion {key}.")
    return atom(labels[0], f"/motie/{key}", _entries(SCOPED, "motie", str(motion)))


@blueprint.get("/feeds/fractie/<slug>.atom")
def fractie_feed(slug: str):
    fractie, name = fractie_named(_site(), slug)
    return atom(f"Fractie {name}", f"/fractie/{slug}", _entries(SCOPED, "fractie", str(fractie)))


@blueprint.get("/feeds/dossier")
def dossier_form():
    """The /feeds page's form: a dossier number to its feed."""
    number = request.args.get("number", "").strip().replace(" ", "")
    if not DOSSIER.fullmatch(number):
        abort(400, description="A dossier is a number such as 19637 or 36200-VI.")
    return redirect(url_for("feeds.dossier_feed", number=number))


@blueprint.get("/feeds/dossier/<number>.atom")
def dossier_feed(number: str):
    if not DOSSIER.fullmatch(number):
        abort(404, description=f"No dossier {number}: a dossier is a number such as 19637 or 36200-VI.")
    return atom(f"Dossier {number}", "/moties?" + urllib.parse.urlencode({"dossier": number}), _entries(SCOPED, "dossier", number))


def deadlines(store, base: str, root: str) -> bytes:
    """One all-day VEVENT per open toezegging with a deadline, on the day it falls due (the end of
    its interval); its UID is the toezegging's IRI, so a calendar keeps it across rebuilds."""
    calendar = Calendar()
    calendar.add("prodid", "-//kamergraaf//toezeggingen//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "kamergraaf — deadlines of open toezeggingen")
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for row in store.query(DEADLINES):
        due = dt.date.fromisoformat(_v(row, "due")[:10])
        text = clean(_v(row, "text"))
        event = Event()
        event.add("uid", row["c"].value)
        event.add("dtstamp", stamp)
        event.add("dtstart", due)
        event.add("dtend", due + dt.timedelta(days=1))
        event.add("summary", f"Toezegging due: {short(text, 70)}")
        window = f"between {_v(row, 'from')[:10]} and {due}" if _v(row, "from") else f"by {due}"
        said = f" ({clean(_v(row, 'phrase'))})" if _v(row, "phrase") else ""
        lines = [text, f"Due {window}{said}."]
        if _v(row, "actor"):
            lines.append(f"Actor: {clean(_v(row, 'actor'))}.")
        if _v(row, "docLabel"):
            lines.append(f"In: {clean(_v(row, 'docLabel'))}.")
        event.add("description", "\n".join(lines))
        event.add("url", root + _page(row["c"].value, base))
        calendar.add_component(event)
    return calendar.to_ical()


@blueprint.get("/feeds/toezeggingen.ics")
def deadline_calendar():
    site = _site()
    root = request.host_url.rstrip("/")
    calendar = cached(site, ("ics", root), lambda: deadlines(site.current(), site.mint.base, root))
    return Response(calendar, mimetype="text/calendar",
                    headers={"Content-Disposition": "inline; filename=toezeggingen.ics"})


@blueprint.get("/feeds")
def feeds_page():
    """Every feed: the three over everything, the calendar, one per fractie, and the dossiers with
    the most motions (any other by its number, in a form)."""
    store = _site().current()
    fracties = [{"slug": r["f"].value.rsplit("/", 1)[-1], "name": r["name"].value} for r in store.query(
        P + 'SELECT ?f (SAMPLE(?n) AS ?name) WHERE { ?f a kg:Fractie ; skos:prefLabel ?n } GROUP BY ?f ORDER BY LCASE(?name)')]
    dossiers = [r["d"].value for r in store.query(P + f"""SELECT ?d (COUNT(DISTINCT ?m) AS ?n) WHERE {{
        ?m a kg:Motion ; kg:kamerstuk/kg:dossier ?d }} GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT {DOSSIERS_LISTED}""")
        if DOSSIER.fullmatch(r["d"].value)]
    return render_template("feeds.html", feeds=[(url_for("feeds.feed", name=name), title) for name, (title, _) in FEEDS.items()],
                           fracties=fracties, dossiers=dossiers, latest=LATEST)
