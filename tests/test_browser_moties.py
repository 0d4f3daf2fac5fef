"""The auditor's motions list and a motion's votes in a real headless Chromium (Debian chromium)."""
import csv
import io
import json
import urllib.parse
import urllib.request

import pytest

from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.store import KnowledgeStore

from .browser import ARTIFACTS, browser_page
from .conftest import ROOT
from .serving import running_server

CORPUS = ROOT / "tests" / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Open-data votes and the corpus's Stemmingen, in one store."""
    store = KnowledgeStore(tmp_path_factory.mktemp("moties") / "store")
    results = ingest(store, [ROOT / "tests" / "fixtures" / "odata", *sorted(CORPUS.glob("handelingen-*stemming*"))])
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    store.close()
    with running_server(store.location) as (url, _app):
        yield url


def _rows(page):
    return page.locator("#motions tbody tr")


def test_moties_filters_sorts_pages_and_exports(server):
    with browser_page() as page:
        page.goto(server + "/moties?today=2026-12-01&per_page=10")
        total = int(page.locator("#count").inner_text())
        assert total > 20 and _rows(page).count() == 10  # the first of several pages
        page.locator("nav.pages a.next").first.click()
        page.wait_for_url("**page=2**")
        assert _rows(page).count() > 0
        page.goto(server + "/moties?today=2026-12-01")
        assert _rows(page).count() == min(total, 50)  # the default page size
        page.select_option("select[name=outcome]", "Aangenomen")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**outcome=Aangenomen**")
        adopted = [page.locator("#motions tbody tr").nth(i).locator("td").nth(4).inner_text() for i in range(_rows(page).count())]
        assert adopted and set(adopted) == {"Aangenomen"}
        assert "19637-3143" in page.locator("#motions").inner_text()  # the corpus's Piri/Kröger motion
        page.click("text=for")  # sort by seats for
        page.wait_for_url("**sort=seats_for**")
        seats = [c for c in (page.locator("#motions tbody tr").nth(i).locator("td").nth(5).inner_text()
                             for i in range(_rows(page).count())) if c]
        assert seats == sorted(seats, key=int, reverse=True)
        csv_href = page.locator("#export-csv").get_attribute("href")
        json_href = page.locator("#export-json").get_attribute("href")
        assert not page.problems, page.problems
    exported = list(csv.DictReader(io.StringIO(urllib.request.urlopen(server + "/moties" + csv_href).read().decode())))
    assert {r["outcome"] for r in exported} == {"Aangenomen"} and len(exported) == len(adopted)
    data = json.loads(urllib.request.urlopen(server + "/moties" + json_href).read())
    assert data["count"] == len(adopted) and all(r["status"] for r in data["rows"])


INK = """(canvas) => { const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) return true; return false; }"""


def test_moties_pages_keep_their_filters_and_charts_count_what_is_listed(server):
    with browser_page() as page:
        page.goto(server + "/moties?today=2026-12-01&per_page=2&outcome=Aangenomen&q=e")
        pager = page.locator("nav.pages").first
        count = int(page.locator("#count").inner_text())
        pages = int(pager.get_attribute("data-pages"))
        assert pages == -(-count // 2) > 2 and f"1–2 of {count}" in pager.inner_text()
        pager.locator(f"a.page:text-is('{pages}')").click()  # the last page, by its number
        page.wait_for_url(f"**page={pages}**")
        for kept in ("outcome=Aangenomen", "q=e", "per_page=2", "today=2026-12-01"):
            assert kept in page.url
        assert _rows(page).count() == count - 2 * (pages - 1)
        assert page.locator("nav.pages .current").first.inner_text() == str(pages)
        assert {page.locator("#motions tbody tr").nth(i).locator("td").nth(4).inner_text()
                for i in range(_rows(page).count())} == {"Aangenomen"}
        page.goto(server + "/moties?today=2026-12-01")
        for key in ("outcome", "status"):
            chart = page.locator(f"canvas[data-key={key}]")
            page.wait_for_function(f"document.querySelector('canvas[data-key={key}]')?.dataset.drawn === 'yes'", timeout=10000)
            assert chart.evaluate(INK)
        data = json.loads(page.locator("#fate-data").inner_text())
        total = int(page.locator("#count").inner_text())
        assert sum(b["count"] for b in data["outcome"]["bars"]) == sum(b["count"] for b in data["status"]["bars"]) == total
        adopted = next(b for b in data["outcome"]["bars"] if b["label"] == "Aangenomen")
        assert json.loads(urllib.request.urlopen(server + adopted["href"] + "&format=json").read())["count"] == adopted["count"]
        page.screenshot(path=str(ARTIFACTS / "moties.png"), full_page=False)
        rows = json.loads(urllib.request.urlopen(server + "/moties?format=json").read())["rows"]
        fractie = next(f["name"] for r in rows for p in r["sponsor_list"] for f in p["fracties"] if f["slug"])
        page.goto(server + "/moties?" + urllib.parse.urlencode({"fractie": fractie}))
        linked = page.locator(f"td.sponsors a[href^='/fractie/']:text-is('{fractie}')")
        assert linked.count() > 0  # sponsors with their fractie, linked to its page
        linked.first.click()
        page.wait_for_url("**/fractie/**")
        assert page.locator("#sponsored tbody tr").count() > 0
        assert page.locator("canvas[data-key=outcome]").count() == 1
        assert not page.problems, page.problems


def test_the_trail_shows_the_outcome_the_votes_and_draws_the_chart(server):
    with browser_page() as page:
        page.goto(server + "/motie/zaak-2026Z08607")
        assert "Aangenomen" in page.locator("#outcome").inner_text()
        page.wait_for_function("document.getElementById('vote-chart')?.dataset.drawn === 'yes'", timeout=10000)
        assert int(page.locator("#vote-chart").get_attribute("data-fracties")) >= 10
        table = page.locator("table.votes").first.inner_text()
        assert "Groep Markuszower" in table and "Oordeel Kamer" in page.content()
        page.screenshot(path=str(ARTIFACTS / "motion-votes.png"), full_page=True)
        assert not page.problems, page.problems


def test_from_a_vote_to_the_fractie_and_how_it_voted(server):
    with browser_page() as page:
        page.goto(server + "/motie/zaak-2026Z08607")
        page.click("table.votes a:text-is('Groep Markuszower')")
        page.wait_for_url("**/fractie/groep-markuszower")
        voted = page.locator("#voted").inner_text()
        assert "Tegen" in voted and "Aangenomen" in voted
        assert not page.problems, page.problems


def test_a_fractie_pages_its_motions_and_its_votes_apart(server):
    with browser_page() as page:
        page.goto(server + "/fractie/groep-markuszower?per_page=1")
        votes = page.locator("nav.pages").last
        total = int(votes.get_attribute("data-pages"))
        assert total > 1 and page.locator("#voted tbody tr").count() == 1
        first = page.locator("#voted tbody tr").inner_text()
        votes.locator("a.next").click()
        page.wait_for_url("**votes_page=2**")
        assert "per_page=1" in page.url and page.locator("#voted tbody tr").inner_text() != first
        assert page.locator("nav.pages").last.locator(".current").inner_text() == "2"
        assert not page.problems, page.problems
