"""Feeds: Atom feeds of claims, toezeggingen and status changes (all, per motion, fractie and
dossier) and the iCalendar feed of toezegging deadlines, parsed back as a feed reader and a
calendar would (feedparser, lxml, icalendar); the /feeds page in headless Chromium."""
import shutil
import urllib.parse

import feedparser
import icalendar
import pytest
from lxml import etree

from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.store import KnowledgeStore
from kamergraaf.server import feeds
from kamergraaf.server.app import create_app

from .browser import browser_page
from .conftest import ROOT, SEEDS
from .serving import running_server
from .test_browser_hostile import HOSTILE, PAYLOAD
from .test_facts import select

BASE = "https://w3id.org/kamergraaf/id/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
ATOM = "{http://www.w3.org/2005/Atom}"
# A letter in the hostile motion's dossier: it claims the motion fulfilled and makes a toezegging
# with a deadline, both with markup and script in their words.
LETTER = f"""Tweede Kamer der Staten-Generaal

36 600 Vreemdelingenbeleid

Nr. 9 BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 2 december 2024

Met de opening van twee locaties acht ik de motie van het lid Jansen (Kamerstuk 36 600, nr. 7) over {PAYLOAD} ten uitvoering gebracht.

Ik zeg de Kamer toe haar voor de zomer te informeren over {PAYLOAD} en de opvang.

De Staatssecretaris van Justitie en Veiligheid,
E. van der Burg
"""
VOTES = ROOT / "tests" / "fixtures" / "odata" / "besluiten.json"  # dated decisions on motions
REGISTER = ROOT / "tests" / "fixtures" / "odata" / "CONSTRUCTED_toezegging_expand.json"  # the toezeggingen register


def hostile_folder(folder):
    folder.mkdir(parents=True)
    (folder / "kst-36600-7.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "kst-36600-9.txt").write_text(LETTER, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("feeds")
    hostile = hostile_folder(folder / "hostile")
    store = KnowledgeStore(folder / "store")
    assert all(r.ok for r in ingest(store, [SEEDS, hostile, VOTES, REGISTER], jobs=1))
    store.close()
    return folder


@pytest.fixture(scope="module")
def client(built):
    app = create_app(built / "store")
    yield app.test_client()
    app.extensions["kamergraaf"].executor.close()


@pytest.fixture(scope="module")
def store(built):
    with KnowledgeStore(built / "store", read_only=True) as opened:
        yield opened


def atom(client, path):
    response = client.get(path, base_url="http://feeds.example:8080")
    assert response.status_code == 200, response.data
    assert response.mimetype == "application/atom+xml"
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.bozo_exception  # well-formed Atom
    return parsed, etree.fromstring(response.data)


def ids(parsed) -> set[str]:
    return {entry.id for entry in parsed.entries}


def test_claims_feed_entries_link_their_page_and_the_quote_at_its_offsets(client, store):
    parsed, tree = atom(client, "/feeds/claims.atom")
    [self_link] = tree.findall(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "http://feeds.example:8080/feeds/claims.atom"  # absolute, its own URL
    claims = {r["c"] for r in select(store, "SELECT ?c WHERE { ?c a kg:FulfilmentClaim }")}
    assert ids(parsed) == claims  # every claim, each once, identified by its IRI
    dates = [entry.updated for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)  # newest first
    entry = next(e for e in parsed.entries if e.id.startswith(BASE + "doc/kst-36600-9.txt/"))
    [names] = select(store, f"""SELECT ?motion ?letter WHERE {{ <{BASE}motie/36600-7> <{RDFS}label> ?motion .
        <{BASE}doc/kst-36600-9.txt> <{RDFS}label> ?letter }}""")
    assert entry.title == f"{names['motion']}: claimed fulfilled in {names['letter']}"  # names people read
    assert entry.updated.startswith("2024-12-02")  # the letter's date
    [page] = [l.href for l in entry.links if l.rel == "alternate"]
    [source] = [l.href for l in entry.links if l.rel == "related"]
    assert page == "http://feeds.example:8080/motie/36600-7"
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(source).query)
    start, end = int(query["start"][0]), int(query["end"][0])
    assert source.startswith("http://feeds.example:8080/doc/kst-36600-9.txt?")
    [text] = select(store, f"SELECT ?t WHERE {{ <{BASE}doc/kst-36600-9.txt> kg:sourceText ?t }}")
    quote = text["t"][start:end]
    assert quote.startswith("Met de opening") and quote.endswith("ten uitvoering gebracht.")
    assert " ".join(quote.split()) in entry.content[0].value.replace("&lt;", "<").replace("&gt;", ">")


def test_hostile_words_are_escaped_in_titles_and_content(client):
    parsed, tree = atom(client, "/feeds/toezeggingen.atom")
    entry = next(e for e in parsed.entries if e.id.startswith(BASE + "doc/kst-36600-9.txt/"))
    assert "over </script><img src=x" in entry.title  # the title reads as written: text, not markup
    raw = etree.tostring(tree, encoding="unicode")
    assert "<script" not in raw and "<img" not in raw  # no element of the payload in the feed
    [element] = [e for e in tree.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == entry.id]
    html = element.findtext(f"{ATOM}content")  # the HTML a reader renders: the payload as text in it
    assert "&lt;/script&gt;&lt;img src=x onerror=" in html and "<img" not in html
    assert element.find(f"{ATOM}content").get("type") == "html"


def test_toezeggingen_feed_has_those_of_documents_and_of_the_register(client, store):
    parsed, _ = atom(client, "/feeds/toezeggingen.atom")
    stated = {r["c"] for r in select(store, "SELECT ?c WHERE { ?c kg:commitmentType kg:Toezegging ; kg:statedIn ?p }")}
    register = {r["c"]: r["d"] for r in select(store, "SELECT ?c ?d WHERE { ?c kg:commitmentType kg:Toezegging ; "
                                                   "kg:registerNumber ?n ; dcterms:date ?d }")}
    assert register and ids(parsed) == stated | set(register)
    assert all(e.updated.startswith(register[e.id]) for e in parsed.entries if e.id in register)  # the record's date


def test_changes_feed_has_votes_and_claims_with_the_date_of_the_vote(client, store):
    parsed, _ = atom(client, "/feeds/changes.atom")
    kinds = {entry.tags[0].term for entry in parsed.entries}
    assert kinds == {"vote", "claim"}
    votes = {r["e"]: r["d"] for r in select(store, "SELECT ?e ?d WHERE { ?e a kg:VoteEvent ; dcterms:date ?d }")}
    dated = [e for e in parsed.entries if e.id in votes]
    assert dated and all(e.updated.startswith(votes[e.id]) for e in dated)
    assert any(" aangenomen (" in e.title or " verworpen (" in e.title for e in dated)  # outcome and seats


def test_a_motions_feed_has_only_what_happened_to_it(client):
    parsed, tree = atom(client, "/feeds/motie/36600-7.atom")
    assert [e.tags[0].term for e in parsed.entries] == ["claim"] and parsed.entries[0].link.endswith("/motie/36600-7")
    assert tree.find(f"{ATOM}link[@rel='alternate']").get("href").endswith("/motie/36600-7")
    assert client.get("/feeds/motie/no-such-motion.atom").status_code == 404


def test_a_motions_trail_links_its_feed(client):
    page = client.get("/motie/36600-7", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml"' in page and 'href="/feeds/motie/36600-7.atom"' in page
    assert client.get("/feeds/motie/36600-7.atom").status_code == 200


def test_a_fracties_feed_has_its_members_motions_and_the_toezeggingen_it_asked_for(client, store):
    parsed, _ = atom(client, "/feeds/fractie/sgp.atom")
    expected = {r["x"] for r in select(store, """SELECT ?x WHERE {
        { ?x a kg:FulfilmentClaim ; kg:target ?m } UNION { ?x a kg:VoteEvent ; kg:onMotion ?m } UNION { ?x kg:commitmentType kg:Toezegging . BIND(?x AS ?m) }
        { ?m kg:sponsor/kg:memberOf <https://w3id.org/kamergraaf/id/fractie/sgp> }
        UNION { ?m kg:inResponseTo/kg:askedBy <https://w3id.org/kamergraaf/id/fractie/sgp> }
        UNION { ?m owl:sameAs/kg:sponsor/kg:memberOf <https://w3id.org/kamergraaf/id/fractie/sgp> } }""")}
    assert expected and ids(parsed) == expected
    assert client.get("/feeds/fractie/no-such-fractie.atom").status_code == 404
    assert client.get("/feeds/fractie/%3E%20%7D.atom").status_code == 404  # no query injection


def test_a_dossiers_feed_has_its_motions_and_its_kamerstukken(client):
    parsed, _ = atom(client, "/feeds/dossier/36600.atom")
    assert {e.tags[0].term for e in parsed.entries} == {"claim", "toezegging"}
    assert all(e.id.startswith(BASE + "doc/kst-36600-9.txt/") for e in parsed.entries)
    assert not atom(client, "/feeds/dossier/99999.atom")[0].entries
    assert client.get('/feeds/dossier/1"%7D.atom').status_code == 404


def test_a_feed_carries_the_latest_entries_only(client, monkeypatch):
    everything, _ = atom(client, "/feeds/toezeggingen.atom")
    monkeypatch.setattr(feeds, "LATEST", 3)
    latest, _ = atom(client, "/feeds/toezeggingen.atom")
    assert [e.id for e in latest.entries] == [e.id for e in everything.entries[:3]]


def calendar_of(location) -> icalendar.Calendar:
    app = create_app(location)
    try:
        response = app.test_client().get("/feeds/toezeggingen.ics")
    finally:
        app.extensions["kamergraaf"].executor.close()
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(response.data)


def test_the_deadline_calendar_has_open_toezeggingen_with_stable_uids(built, tmp_path, store):
    events = calendar_of(built / "store").walk("VEVENT")
    due = {r["c"]: r["d"] for r in select(store, """SELECT ?c ?d WHERE { ?c kg:commitmentType kg:Toezegging ;
        kg:status kg:Openstaand ; kg:deadline ?d }""")}
    done = {r["c"] for r in select(store, "SELECT ?c WHERE { ?c kg:inRegister?/kg:registerStatus ?s FILTER(?s IN (kg:Voldaan, kg:Vervallen)) }")}
    assert due.keys() & done  # the register says it is done with one: no deadline to keep
    assert {str(e["UID"]) for e in events} == set(due) - done
    for event in events:
        assert event["DTSTART"].dt.isoformat() == due[str(event["UID"])]  # on the day it falls due
        assert event["DTSTAMP"].dt.tzinfo is not None
        assert str(event["URL"]).startswith("http://localhost/toezeggingen?iri=")
    mine = next(e for e in events if str(e["UID"]).startswith(BASE + "doc/kst-36600-9.txt/"))
    assert PAYLOAD in str(mine["DESCRIPTION"]) and "voor de zomer" in str(mine["DESCRIPTION"])
    # A rebuild (elsewhere, from copies) gives the same events the same UIDs.
    shutil.copytree(built / "hostile", tmp_path / "hostile")
    again = KnowledgeStore(tmp_path / "store")
    ingest(again, [tmp_path / "hostile"], jobs=1)
    again.close()
    uids = {str(e["UID"]) for e in calendar_of(tmp_path / "store").walk("VEVENT")}
    assert uids and uids <= {str(e["UID"]) for e in events}


def test_the_feeds_page_lists_every_feed_and_each_answers(built):
    with running_server(built / "store") as (url, _app), browser_page() as page:
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(url + "/feeds")
        assert page.locator("h1").inner_text() == "Feeds"
        links = page.locator("main a[type]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert {"/feeds/claims.atom", "/feeds/toezeggingen.atom", "/feeds/changes.atom", "/feeds/toezeggingen.ics",
                "/feeds/fractie/sgp.atom", "/feeds/dossier/36600.atom"} <= set(links)
        alternate = page.locator("link[rel=alternate][type='application/atom+xml']").evaluate_all(
            "links => links.map(l => l.getAttribute('href'))")
        assert "/feeds/claims.atom" in alternate
        for link in links:
            assert page.request.get(url + link).status == 200, link
        page.locator("nav a[href='/feeds']").click()
        page.wait_for_url(url + "/feeds")
        assert not errors, errors


def test_a_feed_is_kept_until_a_build_changes_the_data(tmp_path):
    """Feeds are computed once per data version (readers poll them); a build is seen at once."""
    import time

    folder = hostile_folder(tmp_path / "docs")
    store = KnowledgeStore(tmp_path / "store")
    ingest(store, [folder / "kst-36600-7.txt"], jobs=1)
    app = create_app(tmp_path / "store")
    try:
        client = app.test_client()
        assert not feedparser.parse(client.get("/feeds/claims.atom").data).entries
        ingest(store, [folder], jobs=1)  # the letter claiming the motion fulfilled
        time.sleep(0.6)  # the server looks for a new snapshot twice a second
        [entry] = feedparser.parse(client.get("/feeds/claims.atom").data).entries
        assert entry.id.startswith(BASE + "doc/kst-36600-9.txt/")
    finally:
        app.extensions["kamergraaf"].executor.close()
        store.close()


def test_any_dossiers_feed_opens_from_the_form(built):
    with running_server(built / "store") as (url, _app), browser_page() as page:
        page.goto(url + "/feeds")
        page.fill("#dossier-feed input[name=number]", "36600")
        with page.expect_navigation():
            page.click("#dossier-feed button")
        assert page.url == url + "/feeds/dossier/36600.atom"
        assert page.request.get(url + "/feeds/dossier?number=1%22%7D").status == 400  # a number, or nothing
