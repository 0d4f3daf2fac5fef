"""The graph view, motion trail, commitments table and source view in a real headless Chromium.
Screenshots of each page go to tests/artifacts/."""
import pytest

from .browser import ARTIFACTS, browser_page
from .serving import running_server
from .synthetic import generate

BASE = "https://w3id.org/kamergraaf/id/"


@pytest.fixture(scope="module")
def server(seeded_store):
    with running_server(seeded_store.location) as (url, _app):
        yield url


def wait_for_graph(page):
    page.wait_for_function("window.kamergraafReady !== undefined", timeout=20000)
    return page.evaluate("window.kamergraafNetwork.body.data.nodes.length")


def click_node(page, iri):
    point = page.evaluate("""(iri) => {
        const network = window.kamergraafNetwork;
        const dom = network.canvasToDOM(network.getPosition(iri));
        const box = document.getElementById('network').getBoundingClientRect();
        return { x: box.left + dom.x, y: box.top + dom.y };
    }""", iri)
    page.mouse.click(point["x"], point["y"])


def test_graph_view_renders_and_a_click_opens_the_panel(server):
    with browser_page() as page:
        page.goto(server + "/graph?focus=" + BASE + "motie/32317-813&depth=1")
        assert wait_for_graph(page) >= 3
        click_node(page, BASE + "motie/32317-813")
        page.wait_for_selector("#panel blockquote.quote", timeout=10000)
        panel = page.locator("#panel").inner_text()
        assert "Motie Eerdmans" in panel and "Eerdmans" in page.locator("#panel blockquote.quote").first.inner_text()
        assert page.locator("#panel a", has_text="trail").get_attribute("href") == "/motie/32317-813"
        page.screenshot(path=str(ARTIFACTS / "graph-focus.png"))
        page.goto(server + "/graph")
        overview = wait_for_graph(page)
        page.screenshot(path=str(ARTIFACTS / "graph-overview.png"))
        assert page.problems == []
    assert overview > 50


def test_filtering_reduces_the_nodes(server):
    with browser_page() as page:
        page.goto(server + "/graph")
        before = wait_for_graph(page)
        for name in ("EUInstrument", "Commitment"):
            page.uncheck(f"input[name=class][value={name}]")
        page.click("form.filters button[type=submit]")
        page.wait_for_load_state("load")
        after = wait_for_graph(page)
        assert 0 < after < before
        assert "class=Document" in page.url
        assert page.problems == []


def test_node_budget_holds_in_the_browser(tmp_path):
    generate(tmp_path / "store")
    with running_server(tmp_path / "store") as (url, _app), browser_page() as page:
        page.goto(url + "/graph")
        assert wait_for_graph(page) == 500
        assert "showing 500 of" in page.locator("#status").inner_text()
        page.screenshot(path=str(ARTIFACTS / "graph-budget.png"))
        assert page.problems == []


def test_motion_trail_in_date_order_and_source_link_marks_the_span(server):
    with browser_page() as page:
        page.goto(server + "/motie/32317-813")
        assert page.locator(".verdict").inner_text().startswith("Claimed fulfilled on 2024-05-16")
        kinds = page.locator("ol.timeline .kind").all_inner_texts()
        dates = [d.split(" ·")[0] for d in page.locator("ol.timeline .when strong").all_inner_texts()]
        assert dates == sorted(dates)
        assert kinds.index("acts in line with it") < kinds.index("claims it is fulfilled")
        page.screenshot(path=str(ARTIFACTS / "motion-trail.png"), full_page=True)
        event = page.locator("ol.timeline li.fulfils").first
        expected = event.locator("blockquote").inner_text()
        event.locator("a", has_text="source view").click()
        page.wait_for_selector("#source mark.target")
        marked = " ".join(page.locator("#source mark.target").all_inner_texts())
        assert " ".join(marked.split()) == " ".join(expected.split())
        assert page.locator("#source mark.target").first.is_visible()
        page.screenshot(path=str(ARTIFACTS / "source-view.png"))
        assert page.problems == []


def test_commitments_table_filters_and_exports(server):
    with browser_page() as page:
        page.goto(server + "/toezeggingen")
        total = page.locator("#commitments tbody tr").count()
        page.select_option("select[name=type]", "toezegging")
        page.click("form.filters button[type=submit]")
        page.wait_for_load_state("load")
        rows = page.locator("#commitments tbody tr")
        assert 0 < rows.count() < total
        assert set(page.locator("#commitments tbody tr td:first-child").all_inner_texts()) == {"toezegging"}
        page.screenshot(path=str(ARTIFACTS / "toezeggingen.png"), full_page=True)
        with page.expect_download() as download:
            page.click("#export-csv")
        lines = open(download.value.path(), encoding="utf-8").read().strip().splitlines()
        assert lines[0].startswith("type,") and len(lines) - 1 >= rows.count()
        assert page.problems == []
