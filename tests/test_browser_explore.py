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


def drawn(page):
    """Every node's box (shape and label) in canvas pixels, the canvas's size and the label size on screen."""
    return page.evaluate("""() => {
        const network = window.kamergraafNetwork;
        const canvas = document.querySelector('#network canvas');
        const boxes = network.body.data.nodes.getIds().map((id) => {
            const box = network.getBoundingBox(id);
            const a = network.canvasToDOM({ x: box.left, y: box.top }), b = network.canvasToDOM({ x: box.right, y: box.bottom });
            return { id, left: a.x, top: a.y, right: b.x, bottom: b.y };
        });
        return { boxes, width: canvas.clientWidth, height: canvas.clientHeight,
                 font: network.getScale() * network.body.nodes[boxes[0].id].options.font.size };
    }""")


def overlapping(boxes):
    return [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


@pytest.mark.parametrize("query", ["?group=0&budget=30", "", "?motie=32317-813", "?doc=000_a18c50dab0394b4b.txt"])
def test_nodes_inside_the_canvas_apart_and_readable(server, query):
    with browser_page() as page:
        page.goto(server + "/graph" + query)
        count = wait_for_graph(page)
        view = drawn(page)
        outside = [b["id"] for b in view["boxes"] if b["left"] < 0 or b["top"] < 0 or b["right"] > view["width"] or b["bottom"] > view["height"]]
        assert not outside, outside
        assert not overlapping(view["boxes"])
        assert view["font"] >= 10.5, view["font"]  # pixels on screen, as first drawn
        assert page.problems == []
    assert count == 30 if "budget=30" in query else count >= 3


def test_a_motion_in_focus_and_its_panel(server):
    with browser_page() as page:
        page.goto(server + "/graph?motie=21501-20-963")
        assert wait_for_graph(page) >= 5
        click_node(page, BASE + "motie/21501-20-963")
        page.wait_for_selector("#panel blockquote.quote", timeout=10000)
        panel = page.locator("#panel").inner_text()
        assert "Motie Van Haersma Buma" in panel and "21501-20-963" in panel
        assert "Pechtold (D66)" in panel and "Van der Staaij (SGP)" in panel
        assert "kabinetsbeleid" in page.locator("#panel blockquote.quote").first.inner_text()
        assert page.locator("#panel a", has_text="trail").get_attribute("href") == "/motie/21501-20-963"
        assert page.locator("#panel a", has_text="resource page").get_attribute("href") == "/id/motie/21501-20-963"
        source = page.locator("#panel a.source-link").first.get_attribute("href")
        assert source.startswith("/doc/004_5994d9a14fc837a8.txt?start=")
        box = page.locator("#network").bounding_box()
        page.mouse.move(box["x"] + 5, box["y"] + 5)  # off the node: no tooltip over the picture
        page.wait_for_timeout(400)
        page.screenshot(path=str(ARTIFACTS / "graph-focus.png"))
        page.screenshot(path=str(ARTIFACTS / "graph-view.png"), full_page=True)
        # connect it to another node: the shortest connection opens /path
        page.click("#connect-from")
        click_node(page, BASE + "fractie/d66")
        page.wait_for_selector("#panel a.path-link", timeout=10000)
        page.click("#panel a.path-link")
        page.wait_for_url("**/path?**")
        assert "shortest connection" in page.locator("h1").inner_text() and wait_for_graph(page) >= 2
        assert page.problems == []


def test_a_group_lists_its_members_and_spreads_out(server):
    with browser_page() as page:
        page.goto(server + "/graph?doc=000_a18c50dab0394b4b.txt")
        before = wait_for_graph(page)
        group = page.evaluate("window.kamergraafNetwork.body.data.nodes.get().filter((n) => n.members && n.label.endsWith(' beleidsinzet'))"
                              ".sort((a, b) => b.members.length - a.members.length)[0]")
        click_node(page, group["id"])
        page.wait_for_selector("#panel ul.members")
        assert page.locator("#panel h2").inner_text() == group["label"]
        assert page.locator("#panel ul.members li").count() == len(group["members"])
        page.locator("#panel a.member-facts").first.click()
        page.wait_for_selector("#panel dl")
        assert "actor" in page.locator("#panel dl").inner_text()
        click_node(page, group["id"])
        page.click("#panel a.expand")
        page.wait_for_url("**expand=**")
        assert wait_for_graph(page) == before - 1 + len(group["members"])
        assert page.problems == []


def test_overview_and_filters_narrow_it(server):
    with browser_page() as page:
        page.goto(server + "/graph")
        before = wait_for_graph(page)
        page.screenshot(path=str(ARTIFACTS / "graph-overview.png"))
        page.select_option("select[name=fractie]", "d66")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**fractie=d66**")
        after = wait_for_graph(page)
        assert 0 < after < before / 2 and page.locator("h1").inner_text() == "Around D66"
        page.select_option("select[name=dossier]", "21501-20")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**dossier=21501-20**")
        assert 0 < wait_for_graph(page) < after
        assert page.problems == []


def test_node_budget_holds_in_the_browser(tmp_path):
    generate(tmp_path / "store")
    with running_server(tmp_path / "store") as (url, _app), browser_page() as page:
        page.goto(url + "/graph?group=0")
        assert wait_for_graph(page) == 500
        assert "showing 500 of" in page.locator("#status").inner_text()
        view = drawn(page)
        assert not [b for b in view["boxes"] if b["left"] < 0 or b["right"] > view["width"]]
        page.screenshot(path=str(ARTIFACTS / "graph-budget.png"))
        assert page.problems == []


def test_motion_trail_in_date_order_and_source_link_marks_the_span(server):
    with browser_page() as page:
        page.goto(server + "/motie/32317-813")
        verdict = page.locator(".verdict").inner_text()
        assert verdict.startswith("Claimed fulfilled on 16 mei 2024 in Kamerbrief") and ".txt" not in verdict
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
