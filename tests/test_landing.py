"""The landing page for people: the search box, what is new, the numbers that matter (each the
count of the list it links to, and of a SPARQL count), entry points to every view, the charts, and
an overview that is recomputed when the store changes."""
import json
import time
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.store import KnowledgeStore
from kamergraaf.server.moties import UNKNOWN

from .browser import ARTIFACTS, browser_page
from .conftest import ROOT, SEEDS
from .serving import http, running_server

P = ("PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX dcterms: <http://purl.org/dc/terms/> "
     "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX owl: <http://www.w3.org/2002/07/owl#> "
     "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
TOKEN = "landing-test"


@pytest.fixture(scope="module")
def location(tmp_path_factory):
    """Seeds (claims, toezeggingen, questions per fractie) and open-data votes (outcomes, execution
    status, the toezeggingen register), in one store."""
    store = KnowledgeStore(tmp_path_factory.mktemp("landing") / "store")
    results = ingest(store, [SEEDS, ROOT / "tests" / "fixtures" / "odata",
                             *sorted((ROOT / "tests" / "fixtures" / "corpus").glob("handelingen-*stemming*"))])
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    store.close()
    return store.location


@pytest.fixture(scope="module")
def server(location):
    with running_server(location) as (url, _app):
        yield url


def page(url: str) -> BeautifulSoup:
    status, ctype, _headers, body = http("GET", url)
    assert status == 200 and ctype == "text/html", body[:300]
    return BeautifulSoup(body, "html.parser")


def count(server, query: str) -> int:
    _status, _ctype, _headers, body = http("GET", server + "/sparql?" + urllib.parse.urlencode({"query": P + query}),
                                           headers={"Accept": "application/sparql-results+json"})
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def listed(server, href: str) -> int:
    """How many rows the list at `href` holds (its JSON form)."""
    _status, _ctype, _headers, body = http("GET", server + href, headers={"Accept": "application/json"})
    return json.loads(body)["count"]


def tally(soup, table_id: str) -> dict[str, tuple[int, str]]:
    return {row.td.get_text(strip=True): (int(row.find("td", class_="n").get_text()), row.a["href"] if row.a else "")
            for row in soup.find(id=table_id).find_all("tr")}


def test_motion_numbers_match_sparql_and_the_lists_they_link_to(server):
    soup = page(server + "/")
    by_outcome, by_status = tally(soup, "by-outcome"), tally(soup, "by-status")
    motions = count(server, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kg:Motion FILTER NOT EXISTS { ?m owl:sameAs ?x } }")
    assert sum(n for n, _ in by_outcome.values()) == sum(n for n, _ in by_status.values()) == motions
    adopted = count(server, 'SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kg:Motion ; kg:outcome kg:Aangenomen '
                            'FILTER NOT EXISTS { ?m owl:sameAs ?x } }')
    assert adopted > 0 and by_outcome["Aangenomen"] == (adopted, "/moties?outcome=Aangenomen")
    no_claim = count(server, 'SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kg:Motion ; kg:executionStatus kg:NoClaimYet '
                             'FILTER NOT EXISTS { ?m owl:sameAs ?x } }')
    assert no_claim > 0 and by_status["No claim yet"][0] == no_claim
    for label, (n, href) in {**by_outcome, **by_status}.items():
        if label in UNKNOWN.values():  # said in words, never "none"; no filter lists them
            assert href == ""
        else:
            assert href.startswith("/moties?") and listed(server, href) == n, label
    assert "none" not in by_outcome and "none" not in by_status


def test_toezegging_numbers_match_sparql_and_the_lists_they_link_to(server):
    soup = page(server + "/")
    open_link, overdue_link = soup.find(id="open-toezeggingen"), soup.find(id="overdue-toezeggingen")
    opened = count(server, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c kg:commitmentType kg:Toezegging ; "
                           "kg:status kg:Openstaand FILTER NOT EXISTS { ?c kg:retracted true } }")
    assert opened > 0 and int(open_link.strong.get_text()) == opened == listed(server, open_link["href"])
    overdue = int(overdue_link.strong.get_text())
    assert "overdue=1" in overdue_link["href"] and overdue == listed(server, overdue_link["href"]) and 0 < overdue <= opened


def test_what_is_new_lists_documents_by_label_newest_first(server):
    soup = page(server + "/")
    documents = count(server, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }")
    rows = soup.find(id="documents").find_all("tr")[1:]
    assert len(rows) == min(10, documents) and f"of {documents}" in soup.find("nav", class_="pages").get_text()
    dates = [r.find_all("td")[1].get_text() for r in rows]
    assert [d for d in dates if d != "—"] == sorted((d for d in dates if d != "—"), reverse=True)
    _s, _c, _h, body = http("GET", server + "/sparql?" + urllib.parse.urlencode({"query": P + (
        "SELECT ?label WHERE { ?d a kg:Document ; rdfs:label ?label ; dcterms:date ?date } ORDER BY DESC(?date) LIMIT 1")}),
        headers={"Accept": "application/sparql-results+json"})
    newest = json.loads(body)["results"]["bindings"][0]["label"]["value"]
    assert rows[0].td.a.get_text() == newest and rows[0].td.a["href"].startswith("/doc/")  # by label, to its text
    first = page(server + "/?per_page=3")
    second = page(server + "/" + first.find("nav", class_="pages").find("a", class_="next")["href"])
    assert "per_page=3" in first.find("nav", class_="pages").find("a", class_="next")["href"]  # kept across pages
    assert [r.td.get_text() for r in second.find(id="documents").find_all("tr")[1:]] == [r.td.get_text() for r in rows[3:6]]
    claims = soup.find(id="new-claims").find_all("li")
    assert claims and all(li.find("a")["href"].startswith(("/motie/", "/id/")) for li in claims)
    assert all("?start=" in li.find_all("a")[-1]["href"] for li in claims)  # the claim's words in the source
    assert soup.find(id="new-toezeggingen").find("a")["href"].startswith("/toezeggingen?iri=")


def test_links_resolve_and_examples_open_the_editor(server):
    soup = page(server + "/")
    assert soup.find("form", id="search")["action"] == "/search" and soup.find("input", attrs={"name": "q"})
    examples = [a["href"] for a in soup.find(id="examples").find_all("a")]
    assert examples and all(h.startswith("/sparql?q=") for h in examples)
    assert "SELECT" in urllib.parse.parse_qs(urllib.parse.urlparse(examples[0]).query)["q"][0]
    entry = {a["href"].split("?")[0] for a in soup.find(id="entry-points").find_all("a")}
    assert {"/search", "/moties", "/toezeggingen", "/graph", "/path", "/feeds", "/sparql"} <= entry  # /path?from=…&to=…
    hrefs = {a["href"] for a in soup.find_all("a") if a["href"].startswith("/") and not a["href"].startswith("/dumps/")}
    for href in sorted(hrefs):
        status, _ctype, _headers, _body = http("GET", server + href, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})  # as a browser asks
        assert status == 200, href
    data = json.loads(soup.find(id="landing-data").string)
    assert data["answers"]["bars"] and all(b["href"].startswith("/fractie/") for b in data["answers"]["bars"])


def test_the_overview_is_recomputed_when_the_store_changes(location, server):
    with running_server(location, update_token=TOKEN) as (url, _app):
        before = page(url + "/")
        adopted = tally(before, "by-outcome")["Aangenomen"][0]
        update = P + """INSERT DATA { GRAPH <urn:landing-test> {
            <https://w3id.org/kamergraaf/id/doc/landing-test.txt> a kg:Document ; kg:sourceFile "landing-test.txt" ;
                rdfs:label "Een nieuwe brief over terugkeer" ; dcterms:date "2099-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .
            <https://w3id.org/kamergraaf/id/motie/99999-1> a kg:Motion ; rdfs:label "Motie Test (99999-1)" ;
                kg:outcome kg:Aangenomen ; kg:executionStatus kg:NoClaimYet } }"""
        status, _c, _h, body = http("POST", url + "/sparql", data=update.encode(), headers={
            "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
        assert status == 204, body
        after = page(url + "/")
        assert after.find(id="documents").find_all("tr")[1].td.get_text(strip=True) == "Een nieuwe brief over terugkeer"
        assert tally(after, "by-outcome")["Aangenomen"][0] == adopted + 1


def test_in_chromium_the_search_box_submits_and_the_charts_are_drawn(server):
    with browser_page() as browser:
        browser.goto(server + "/")
        for key in ("outcome", "status", "answers"):
            browser.wait_for_function(f"document.querySelector('canvas[data-key={key}]')?.dataset.drawn === 'yes'",
                                      timeout=10000)
        assert browser.evaluate("""() => [...document.querySelectorAll('canvas.bar-chart')].every((c) => {
            const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) return true;
            return false; })""")  # every canvas has ink on it
        browser.screenshot(path=str(ARTIFACTS / "landing.png"), full_page=True)
        assert not browser.problems, browser.problems
        browser.click("header nav a:text-is('Moties')")
        browser.wait_for_url("**/moties")
        browser.go_back()
        browser.click("#entry-points a:text-is('Toezeggingen')")
        browser.wait_for_url("**/toezeggingen")
        browser.go_back()
        browser.click("#open-toezeggingen")
        browser.wait_for_url("**/toezeggingen?type=Toezegging&status=Openstaand")
        browser.go_back()
        browser.fill("#search-q", "Eerdmans terugkeer")
        browser.press("#search-q", "Enter")
        browser.wait_for_url("**/search?q=Eerdmans+terugkeer")


def test_when_the_data_changes_the_caches_fill_again_before_anyone_asks(location):
    from kamergraaf.server import discovery

    with running_server(location) as (_url, app):
        site = app.extensions["kamergraaf"]
        site.changed()  # what a build underneath the server leads to
        deadline = time.monotonic() + 120
        while discovery._overview_cache.get("key", (None,))[0] != site.version and time.monotonic() < deadline:
            time.sleep(0.2)
        assert discovery._overview_cache["key"][0] == site.version  # no request for / was made


def test_moties_date_filters_read_every_way_of_writing_a_date_alike(server):
    dated = listed(server, "/moties?from=2000-01-01")
    assert dated > 0 and listed(server, "/moties?from=20000101") == dated  # compared as 2000-01-01, not as text
    assert http("GET", server + "/moties?from=gisteren", headers={"Accept": "application/json"})[0] == 400
