"""/search in a real headless Chromium: the journalist types a name, reads the hits, and lands on
the source at the matched words."""
import re

import pytest

from .browser import ARTIFACTS, browser_page
from .serving import running_server


@pytest.fixture(scope="module")
def server(seeded_store):
    with running_server(seeded_store.location) as (url, _app):
        yield url


def test_search_eerdmans_to_the_source(server):
    with browser_page() as page:
        page.goto(server + "/search")
        page.fill("header form.header-search input[name=q]", "Eerdmans")  # the box every page has
        page.press("header form.header-search input[name=q]", "Enter")
        page.wait_for_url("**/search?q=Eerdmans")
        hits = page.locator("#hits li.hit")
        assert hits.count() >= 3
        assert re.match(r"\d+ hits", page.locator("#search-count").inner_text())
        assert "Eerdmans" in page.locator("#hits mark").first.inner_text()
        assert page.locator("#hits .hit-resource[href^='/id/motie/']").count() >= 1  # a motion, to its page
        page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=False)
        # Filters keep the query; a kind with no such hit says so.
        page.fill("#search-q", "Eerdmans")
        page.select_option("select[name=kind]", "Kamerbrief")
        page.click("form.search-form button[type=submit]")
        page.wait_for_url("**kind=Kamerbrief**")
        assert page.locator("#hits li.hit").count() >= 1
        page.locator("#hits a.hit-link").first.click()
        page.wait_for_url(re.compile(r"/doc/[^?]+\?start=\d+&end=\d+$"))
        start, end = map(int, re.search(r"start=(\d+)&end=(\d+)", page.url).groups())
        assert end > start
        assert "Eerdmans" in page.locator("#target").inner_text()  # the source view marks the span
        assert not page.problems, page.problems


def test_a_malformed_query_is_a_message_in_the_page(server):
    with browser_page() as page:
        page.goto(server + "/search")
        page.fill("#search-q", "AND OR (")
        page.press("#search-q", "Enter")
        page.wait_for_url("**/search?q=AND+OR+%28**")
        assert "AND needs a word" in page.locator("#search-message").inner_text()
        assert not page.problems, page.problems
