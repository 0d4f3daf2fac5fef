"""The query editor and resource pages in a real headless Chromium."""
import re
import urllib.parse

import pytest

from .browser import ARTIFACTS, browser_page
from .serving import running_server

PREFIXES = """PREFIX kg: <https://w3id.org/kamergraaf/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
MOTIONS = PREFIXES + "SELECT ?m ?label WHERE { ?m a kg:Motion ; rdfs:label ?label } ORDER BY ?label LIMIT 5"


@pytest.fixture(scope="module")
def server(seeded_store):
    with running_server(seeded_store.location) as (url, _app):
        yield url


@pytest.fixture(scope="module")
def capped_server(seeded_store):
    """A server whose answers hold at most 50 rows, of at most 20 000 characters."""
    with running_server(seeded_store.location, row_cap=50, max_result_bytes=20_000) as (url, _app):
        yield url


def open_query(page, server, query):
    """The editor opened on a link to `query` (/sparql?q=…), which runs it."""
    page.goto(server + "/sparql?q=" + urllib.parse.quote(query))
    page.wait_for_selector(".yasr table.dataTable tbody tr td", timeout=15000)
    return page.locator(".yasr table.dataTable tbody tr")


def test_query_editor_runs_an_example_and_shows_rows(server):
    with browser_page() as page:
        page.goto(server + "/sparql")
        page.wait_for_selector(".yasqe .CodeMirror")
        page.click("button.example:has-text('Answers per fractie')")
        page.wait_for_selector(".yasr table.dataTable tbody tr", timeout=15000)
        rows = page.locator(".yasr table.dataTable tbody tr")
        assert rows.count() >= 8
        assert "GroenLinks-PvdA" in page.locator(".yasr").inner_text()
        page.screenshot(path=str(ARTIFACTS / "sparql-editor.png"))
        assert page.problems == []


def test_resource_page_shows_its_evidence_quote(server):
    with browser_page() as page:
        page.goto(server + "/id/motie/19637-3220")
        quote = page.locator("blockquote.quote").first
        assert "motie van het lid Keijzer" in quote.inner_text()
        assert "characters" in page.locator("ol.evidence").inner_text()
        page.screenshot(path=str(ARTIFACTS / "resource-page.png"), full_page=True)
        assert page.problems == []


def test_landing_page_without_console_errors(server):
    with browser_page() as page:
        page.goto(server + "/")
        assert page.locator("main h1").inner_text() == "kamergraaf"
        page.screenshot(path=str(ARTIFACTS / "landing.png"), full_page=True)
        assert page.problems == []


def test_a_link_with_a_query_opens_it_in_the_editor_and_runs_it(server):
    with browser_page() as page:
        rows = open_query(page, server, MOTIONS)
        assert page.evaluate("window.kamergraafYasgui.getTab().getQuery()") == MOTIONS
        assert rows.count() == 5
        assert page.problems == []


def test_a_cut_answer_says_so_above_the_rows(capped_server):
    with browser_page() as page:
        rows = open_query(page, capped_server, "SELECT ?s WHERE { ?s ?p ?o }")
        banner = page.locator(".yasr .kg-cut")
        banner.wait_for(state="visible")
        assert rows.count() == 50
        assert banner.inner_text() == ("Showing the first 50 rows; the answer was cut at the row cap — "
                                       "add LIMIT/OFFSET or narrow the query.")
        # An answer within the cap clears it.
        page.click("button.example:has-text('Answers per fractie')")
        page.wait_for_selector(".yasr table.dataTable tbody tr td:has-text('GroenLinks-PvdA')", timeout=15000)
        assert banner.is_hidden()
        # Cut by its size: every document's whole text is more than 20 000 characters.
        open_query(page, capped_server, PREFIXES + "SELECT ?text WHERE { ?d kg:sourceText ?text }")
        banner.wait_for(state="visible")
        assert re.fullmatch(r"Showing the first \d+ rows; the answer was cut when its text reached 20 kB \(the size cap\) — "
                            r"select fewer or shorter values, or add LIMIT/OFFSET\.", banner.inner_text())
        assert page.problems == []


def test_result_iris_open_the_local_page_in_the_same_tab(server):
    with browser_page() as page:
        open_query(page, server, MOTIONS)
        link = page.locator(".yasr a.iri", has_text="motie/").first
        href = link.get_attribute("href")
        assert re.fullmatch(r"/id/motie/[^/]+", href) and link.get_attribute("target") is None
        link.click()
        page.wait_for_url(server + href)
        assert len(page.context.pages) == 1
        assert "Motie" in page.locator("h1").inner_text()
        # An ontology term opens its entry in /def.
        open_query(page, server, PREFIXES + "SELECT ?type WHERE { ?m a ?type FILTER(?type = kg:Motion) } LIMIT 1")
        term = page.locator(".yasr a.iri", has_text="kg:Motion")
        assert term.get_attribute("href") == "/def#Motion"
        term.click()
        page.wait_for_url(server + "/def#Motion")
        assert page.locator("section.term#Motion").is_visible()
        assert page.problems == []


def test_literals_read_as_values(server):
    query = PREFIXES + """SELECT ?date ?count ?label WHERE {
  { SELECT (MAX(?d) AS ?date) (COUNT(?doc) AS ?count) WHERE { ?doc a kg:Document ; dcterms:date ?d } }
  kg:Motion rdfs:label ?label FILTER(LANG(?label) = "nl") }"""
    with browser_page() as page:
        row = open_query(page, server, query).first
        cells = row.locator("td")
        date, count, label = (cells.nth(i).inner_text().strip() for i in (1, 2, 3))
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date), date  # not "2024-05-16"^^xsd:date
        assert re.fullmatch(r"\d+", count), count
        assert "^^" not in row.inner_text() and '"' not in row.inner_text()
        tag = cells.nth(3).locator(".kg-lang")
        assert tag.inner_text() == "nl" and label.endswith("nl")
        assert float(tag.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) < 14  # subtle: smaller than the value
        assert page.problems == []


def test_row_numbers_keep_apart_from_values(server):
    with browser_page() as page:
        open_query(page, server, "SELECT ?s WHERE { ?s ?p ?o }")  # 10 000 rows: five-digit numbers
        page.click(".yasr .dt-paging-button.last")
        page.wait_for_selector(".yasr .rowNumber:text-is('10000')")
        gaps = page.evaluate("""() => [...document.querySelectorAll('.yasr table.dataTable tbody tr')].map(row => {
            const number = row.querySelector('.rowNumber').getBoundingClientRect();
            const value = row.querySelector('td:nth-child(2) span').getBoundingClientRect();
            return value.left - number.right; })""")
        assert gaps and min(gaps) >= 8, gaps
        assert page.problems == []


def test_a_wide_answer_scrolls_inside_its_box(server):
    query = "SELECT * WHERE { ?s ?p ?o . ?s ?p2 ?o2 . ?s ?p3 ?o3 } LIMIT 20"
    with browser_page() as page:
        open_query(page, server, query)
        sizes = page.evaluate("""() => { const box = document.querySelector('.yasr .yasr_results');
            return {page: document.documentElement.scrollWidth, window: window.innerWidth,
                    inner: box.scrollWidth, box: box.clientWidth, overflow: getComputedStyle(box).overflowX}; }""")
        assert sizes["page"] <= sizes["window"], sizes  # the page does not overflow
        assert sizes["inner"] > sizes["box"] and sizes["overflow"] == "auto", sizes  # the box scrolls
        assert page.problems == []


def test_an_aggregate_answer_draws_as_a_chart(server):
    with browser_page() as page:
        page.goto(server + "/sparql")
        page.wait_for_selector(".yasqe .CodeMirror")
        page.click("button.example:has-text('Answers per fractie')")
        page.wait_for_selector(".yasr table.dataTable tbody tr td", timeout=15000)
        page.click(".yasr .select_chart")
        canvas = page.locator(".yasr .kg-chart canvas")
        canvas.wait_for()
        chart = canvas.evaluate("c => { const chart = Chart.getChart(c); return {type: chart.config.type, "
                                "labels: chart.data.labels, values: chart.data.datasets[0].data, "
                                "width: c.width, height: c.height}; }")
        assert chart["type"] == "bar" and "GroenLinks-PvdA" in chart["labels"]
        assert len(chart["values"]) == len(chart["labels"]) >= 8 and all(v > 0 for v in chart["values"])
        assert chart["width"] > 600 and chart["height"] > 300
        assert "answers by fractie" in page.locator(".kg-chart-controls").inner_text()
        page.locator("#yasgui").screenshot(path=str(ARTIFACTS / "sparql-chart.png"))
        # A line instead, at the reader's choice.
        page.select_option(".kg-chart-controls select", "line")
        assert canvas.evaluate("c => Chart.getChart(c).config.type") == "line"
        assert page.problems == []


def test_chart_bars_are_named_by_the_rows_literals_not_their_iris(server):
    parts = PREFIXES + ("SELECT ?doc ?document (COUNT(?part) AS ?parts) WHERE { ?part dcterms:isPartOf ?doc . "
                        "?doc a kg:Document ; rdfs:label ?document } GROUP BY ?doc ?document ORDER BY DESC(?parts)")
    with browser_page() as page:
        open_query(page, server, parts)
        page.click(".yasr .select_chart")
        canvas = page.locator(".yasr .kg-chart canvas")
        canvas.wait_for()
        labels = canvas.evaluate("c => Chart.getChart(c).data.labels")
        assert len(labels) >= 5 and all("doc/" not in name and 0 < len(name) <= 60 for name in labels), labels
        assert any(name.endswith("…") for name in labels)  # the long titles are cut
        assert "by document" in page.locator(".kg-chart-controls").inner_text()
        assert page.problems == []


def test_no_chart_is_offered_without_numbers(server):
    with browser_page() as page:
        open_query(page, server, MOTIONS)
        assert "disabled" in (page.locator(".yasr .select_chart").get_attribute("class") or "")
        assert page.problems == []
