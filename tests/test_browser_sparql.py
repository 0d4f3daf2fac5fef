"""The query editor and resource pages in a real headless Chromium."""
import pytest

from .browser import ARTIFACTS, browser_page
from .serving import running_server


@pytest.fixture(scope="module")
def server(seeded_store):
    with running_server(seeded_store.location) as (url, _app):
        yield url


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
        assert "What the graph holds" in page.content()
        page.screenshot(path=str(ARTIFACTS / "landing.png"), full_page=True)
        assert page.problems == []
