"""The source view and the motion trail in a real headless Chromium (issue 16, deliverable 6): from a
motion's trail a quote opens the source with exactly its span marked and scrolled into view; a
highlighted fact opens a panel whose links lead to its resource page and the motion's trail."""
import json
import urllib.parse

import pytest

from .browser import ARTIFACTS, browser_page
from .serving import http, running_server

@pytest.fixture(scope="module")
def server(seeded_store):
    with running_server(seeded_store.location) as (url, _app):
        yield url


def kept_text(server, source_view: str) -> str:
    path = urllib.parse.urlsplit(source_view).path
    return json.loads(http("GET", server + path, headers={"Accept": "application/json"})[3])["text"]


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect();"
                                           " return r.bottom > 0 && r.top < window.innerHeight; }")


def test_a_trail_quote_opens_the_source_at_exactly_its_span(server):
    with browser_page() as page:
        page.goto(server + "/motie/32317-813")
        assert page.locator(".verdict").inner_text().startswith("Claimed fulfilled on 16 mei 2024 in ")
        quotes = page.locator("ol.timeline blockquote.quote")
        assert quotes.count() >= 3
        for text in quotes.all_inner_texts():
            assert "Onder andere Kamerstukken" not in text  # no footnote glued to a quote
        page.screenshot(path=str(ARTIFACTS / "motion-trail.png"), full_page=True)
        event = page.locator("ol.timeline li.mention").last
        exact = event.locator("blockquote mark").inner_text()
        href = event.locator("blockquote a").get_attribute("href")
        event.locator("blockquote a").click()
        page.wait_for_selector("#source mark#target")
        start, end = (int(v[0]) for v in (urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)[k] for k in ("start", "end")))
        assert page.url.endswith(href)
        text = kept_text(server, href)
        assert page.eval_on_selector("#source mark#target", "e => e.textContent") == text[start:end]
        assert " ".join(page.locator("#source mark#target").inner_text().split()) == " ".join(exact.split())
        assert in_viewport(page, "#source mark#target") and page.evaluate("window.scrollY") > 0
        assert page.locator("#source mark").count() == 1
        page.screenshot(path=str(ARTIFACTS / "source-view.png"))
        assert page.problems == []


def test_a_highlight_opens_its_links_to_resource_and_trail(server):
    with browser_page() as page:
        page.goto(server + "/doc/002_4df700ba5a49d8e6.txt")
        motion = page.locator("#source a.fact.f-motion").first
        motion.click()
        panel = page.locator("#fact-panel")
        assert panel.is_visible() and "Motie Eerdmans" in panel.inner_text()
        assert panel.locator("a", has_text="resource page").first.get_attribute("href") == "/id/motie/32317-813"
        panel.locator("a", has_text="trail").first.click()
        page.wait_for_url("**/motie/32317-813")
        assert page.locator("h1").inner_text().startswith("Motie")
        page.go_back()
        page.locator("#source a.fact.f-claim").first.click()
        assert page.locator("#fact-panel a", has_text="trail").first.get_attribute("href") == "/motie/32317-813"
        page.locator("#fact-panel button.close").click()
        assert not page.locator("#fact-panel").is_visible()
        assert page.problems == []


def test_the_source_view_hides_rejoined_hyphens_and_older_links_still_mark(server):
    with browser_page() as page:
        text = kept_text(server, "/doc/002_4df700ba5a49d8e6.txt")
        start = text.index("onderhan-")
        end = text.index("proces", start) + len("proces")
        page.goto(server + f"/doc/002_4df700ba5a49d8e6.txt#char={start},{end}")  # the link form before ?start&end
        page.wait_for_selector("#source mark#target")
        mark = page.locator("#source mark#target")
        assert mark.inner_text() == "onderhandelingsproces"  # as read; the file's hyphen and line break hidden
        assert page.eval_on_selector("#source mark#target", "e => e.textContent") == text[start:end] == "onderhan-\ndelingsproces"
        assert "onderhan-" not in page.locator("#source").inner_text()
        assert page.problems == []
