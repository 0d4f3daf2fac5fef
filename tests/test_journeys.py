"""Issue 16's acceptance, walked as its users walk it, in a real headless Chromium against a real
server on the seeded store: a journalist (search "Eerdmans" → the motion → its trail → the quote in
the source), an auditor (toezeggingen, overdue only → export CSV → a row's source) and a
linked-data user (an example query → its chart → a result IRI → the local page). Every step checks
what the person sees; a screenshot of each view goes to tests/artifacts/journey-*.png (copied to
docs/ by hand)."""
import csv
import json
import re
import urllib.parse

import pytest

from kamergraaf.graph.iris import DEFAULT_BASE

from .browser import ARTIFACTS, browser_page
from .conftest import SEEDS
from .serving import http, running_server

P = ("PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX oa: <http://www.w3.org/ns/oa#> "
     "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
SLOW = 30_000  # ms: the machine is shared; a step may wait for a busy query worker


@pytest.fixture(scope="module")
def server(seeded_store):
    with running_server(seeded_store.location) as (url, _app):
        yield url


def shot(page, name: str, part: str | None = None) -> None:
    """The view as the user sees it (or just the part of the page named by a selector)."""
    target = page.locator(part) if part else page
    target.screenshot(path=str(ARTIFACTS / f"journey-{name}.png"))


def span_of(url: str) -> tuple[str, int, int]:
    """The document id and the ?start&end of a source view's address."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qs(parts.query)
    return urllib.parse.unquote(parts.path.removeprefix("/doc/")), int(query["start"][0]), int(query["end"][0])


def link_span(url: str) -> tuple[str, int, int]:
    """The span a source link names: ?start=S&end=E, or the older #char=S,E."""
    legacy = re.search(r"/doc/([^?#]+)#char=(\d+),(\d+)$", url)
    if legacy:
        return urllib.parse.unquote(legacy[1]), int(legacy[2]), int(legacy[3])
    return span_of(url)


def kept_text(server, doc_id: str) -> str:
    """The document's text as the store keeps it (the text every offset counts in)."""
    status, _ctype, _headers, body = http("GET", server + "/doc/" + urllib.parse.quote(doc_id),
                                          headers={"Accept": "application/json"})
    assert status == 200, body[:300]
    return json.loads(body)["text"]


def evidence_exact(store, doc_id: str, start: int, end: int, fact: str | None = None) -> set[str]:
    """oa:exact of the evidence at exactly this span of the document (of `fact` if given)."""
    subject = f"<{fact}>" if fact else "?x"
    rows = store.query(P + f"""SELECT DISTINCT ?exact WHERE {{
        {subject} kg:evidence ?e . ?e dcterms:source <{DEFAULT_BASE}doc/{doc_id}> ;
        oa:start {start} ; oa:end {end} ; oa:exact ?exact }}""")
    return {row["exact"].value for row in rows}


def assert_source_view_marks(page, server, store, fact: str | None = None) -> str:
    """The source view marks one span, in view, whose text is the file's slice and the evidence's
    oa:exact at those offsets; returns the marked text."""
    page.wait_for_selector("#source mark#target", timeout=SLOW)
    doc_id, start, end = span_of(page.url)
    text = kept_text(server, doc_id)
    marked = page.eval_on_selector("#source mark#target", "e => e.textContent")
    assert marked == text[start:end] and marked.strip()
    seed = SEEDS / doc_id
    if seed.exists():  # a seed's offsets count in the file's own text
        assert seed.read_text(encoding="utf-8")[start:end] == marked
    assert evidence_exact(store, doc_id, start, end, fact) == {marked}
    assert page.locator("#source mark#target").is_visible()
    assert page.eval_on_selector("#source mark#target", "e => { const r = e.getBoundingClientRect();"
                                                         " return r.bottom > 0 && r.top < window.innerHeight; }")
    return marked


def test_a_journalist_searches_a_name_and_reads_the_motions_quote_in_its_source(server, seeded_store):
    with browser_page() as page:
        page.set_default_timeout(SLOW)
        page.goto(server + "/")
        assert page.locator("main h1").inner_text() == "kamergraaf"
        box = page.locator("main form#search input[name=q]")  # the landing page's own search box
        box.fill("Eerdmans")
        shot(page, "landing")
        page.locator("main form#search button[type=submit]").click()
        page.wait_for_url("**/search?q=Eerdmans")
        assert re.match(r"\d+ hits", page.locator("#search-count").inner_text())
        hit = page.locator("#hits li.hit.what-motion", has_text="Motie Eerdmans").first
        assert hit.locator(".what").inner_text().lower() == "motion"  # shown in capitals
        assert "Eerdmans" in hit.locator("mark").first.inner_text()  # the name highlighted in the snippet
        shot(page, "search")

        hit.locator("a.hit-resource").click()
        page.wait_for_url(re.compile(r"/id/motie/[^/?#]+$"))
        motion_page = page.url
        assert page.locator("h1").inner_text().startswith("Motie Eerdmans")
        shot(page, "motion")

        page.locator("p.trail-link a").click()
        page.wait_for_url(motion_page.replace("/id/motie/", "/motie/"))
        assert page.locator("h1").inner_text().startswith("Motie Eerdmans")
        assert page.locator(".verdict").inner_text().startswith("Claimed fulfilled on ")
        claim = page.locator("ol.timeline li.event.fulfils").first
        assert claim.locator(".kind").inner_text() == "claims it is fulfilled"
        quote = claim.locator("blockquote.quote a.quote-link")
        shown = quote.inner_text()
        shot(page, "trail")

        quote.click()
        page.wait_for_url(re.compile(r"/doc/[^?]+\?start=\d+&end=\d+$"))
        marked = assert_source_view_marks(page, server, seeded_store)
        assert " ".join(marked.split()) == " ".join(shown.split())  # the quote read is the words marked
        assert page.locator("#source mark#target").count() == 1
        shot(page, "source")
        assert page.problems == []


def test_an_auditor_exports_the_overdue_toezeggingen_and_opens_a_rows_source(server, seeded_store):
    with browser_page() as page:
        page.set_default_timeout(SLOW)
        page.goto(server + "/toezeggingen")
        everything = int(page.locator("#count").inner_text())
        overdue = int(page.locator("#overdue-count").inner_text())
        assert 0 < overdue < everything
        page.check("form.filters input[name=overdue]")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**overdue=1**")
        rows = page.locator("#commitments tbody tr")
        assert rows.count() == overdue == int(page.locator("#count").inner_text())
        assert all("overdue" in (rows.nth(i).get_attribute("class") or "").split() for i in range(rows.count()))
        assert page.locator("#commitments tbody tr .overdue-marker").count() == overdue
        shown = {rows.nth(i).get_attribute("data-iri"): rows.nth(i).locator("a.source").get_attribute("href")
                 for i in range(rows.count())}
        shot(page, "toezeggingen-overdue")

        with page.expect_download() as download:
            page.click("#export-csv")
        with open(download.value.path(), encoding="utf-8", newline="") as exported:
            table = list(csv.DictReader(exported))
        assert {row["iri"] for row in table} == set(shown)  # the rows the page shows, only those
        assert all(row["overdue"] == "True" and row["status"] == "Openstaand" for row in table)
        assert all(row["source"].startswith(server + "/doc/") for row in table)  # absolute: they work pasted anywhere
        assert all(row["document"] and row["document"] != row["file"] for row in table)  # named by label
        row = table[0]
        assert shown[row["iri"]] == row["source"]

        page.goto(row["source"])  # the auditor pastes the row's link
        page.wait_for_url(re.compile(r"/doc/[^?]+\?start=\d+&end=\d+$"))
        assert span_of(page.url) == link_span(row["source"])  # the row's span, whichever link form
        marked = assert_source_view_marks(page, server, seeded_store, fact=row["iri"])
        assert " ".join(row["text"].split()) in " ".join(marked.split()) or \
            " ".join(marked.split()) in " ".join(row["text"].split())
        shot(page, "toezegging-source")
        assert page.problems == []


def test_a_linked_data_user_charts_an_example_and_follows_a_result_iri(server, seeded_store):
    with browser_page() as page:
        page.set_default_timeout(SLOW)
        page.goto(server + "/")
        # An aggregate (a chart's case) whose rows name resources: mentions per instrument and document.
        example = page.locator("#examples a", has_text="EU instruments cited per document")
        href = example.get_attribute("href")
        assert href.startswith("/sparql?q=")
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)["q"][0]
        example.click()
        page.wait_for_url("**/sparql?q=**")
        page.wait_for_selector(".yasr table.dataTable tbody tr td", timeout=SLOW)
        assert page.evaluate("window.kamergraafYasgui.getTab().getQuery()") == query  # it opened in the editor
        assert page.locator(".yasr table.dataTable tbody tr").count() >= 3
        assert "Dublinverordening" in page.locator(".yasr").inner_text()
        shot(page, "sparql-editor")

        page.click(".yasr .select_chart")
        canvas = page.locator(".yasr .kg-chart canvas")
        canvas.wait_for()
        drawn = canvas.evaluate("""c => { const chart = Chart.getChart(c);
            const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let inked = 0; for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
            return {labels: chart.data.labels, values: chart.data.datasets[0].data, inked: inked}; }""")
        assert len(drawn["labels"]) == len(drawn["values"]) >= 3 and all(v > 0 for v in drawn["values"])
        assert any("Dublinverordening" in str(label) for label in drawn["labels"])
        assert drawn["inked"] > 1000  # bars and axes on the canvas, not an empty box
        shot(page, "sparql-chart", ".yasr")

        page.click(".yasr .select_table")
        page.wait_for_selector(".yasr table.dataTable tbody tr td")
        iris = page.locator(".yasr table.dataTable a.iri.local[href^='/id/']")
        assert iris.count() > 0, "the example's answer shows no result IRI to follow (only labels and numbers)"
        iri = iris.first
        local, full = iri.get_attribute("href"), iri.get_attribute("title")
        assert iri.get_attribute("target") is None
        labels = {row["label"].value for row in seeded_store.query(
            P + f"SELECT ?label WHERE {{ <{full}> rdfs:label|<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }}")}
        with page.expect_response(server + local) as response:
            iri.click()
        assert response.value.status == 200
        page.wait_for_url(server + local)  # the local page, same origin, same tab
        assert len(page.context.pages) == 1
        heading = page.locator("h1").inner_text()
        assert labels and any(label in heading for label in labels), (labels, heading)
        shot(page, "resource")
        assert page.problems == []
