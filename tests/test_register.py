"""The official toezeggingen register beside the toezeggingen found in documents: one commitment
when a letter states the register's toezegging, and the page says where they disagree (Chromium).
The register records are CONSTRUCTED (../shared/fixtures: no recorded Toezegging response exists);
so are the letters below, written for this test."""
import pytest

from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.store import KnowledgeStore

from .browser import ARTIFACTS, browser_page
from .conftest import ROOT
from .serving import running_server

REGISTER = ROOT / "tests" / "fixtures" / "odata" / "CONSTRUCTED_toezegging_expand.json"
SAME = ("Den Haag, 12 juni 2025\n\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"
        "In het debat over de opvang heb ik het volgende gezegd. Ik zeg toe de Kamer voor het zomerreces per brief te "
        "informeren over de opvanglocaties.\n\nDe Minister voor Asiel en Migratie,\nX. Constructed\n")
OTHER = ("Den Haag, 3 maart 2025\n\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"
         "Ik zeg toe de Kamer voor 1 mei 2025 te informeren over de wachttijden bij de IND.\n\n"
         "De Minister voor Asiel en Migratie,\nX. Constructed\n")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("register")
    (folder / "docs").mkdir()
    (folder / "docs" / "brief-opvang.txt").write_text(SAME, encoding="utf-8")
    (folder / "docs" / "brief-ind.txt").write_text(OTHER, encoding="utf-8")
    store = KnowledgeStore(folder / "store")
    results = ingest(store, [REGISTER, folder / "docs"])
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    return store


def _rows(store):
    from kamergraaf.server.toezeggingen import commitment_rows
    import datetime as dt

    return commitment_rows(store, "https://w3id.org/kamergraaf/id/", dt.date(2026, 12, 1))


def test_register_records_become_commitments_with_the_registers_status(store):
    register = {r["register"]: r for r in _rows(store) if r["document"] == "toezeggingenregister"}
    assert set(register) == {"TZ000000-001", "TZ000000-002"}  # the tombstone is skipped
    assert register["TZ000000-002"]["register_status"] == "Voldaan" and register["TZ000000-002"]["deadline"] == "2025-02-14"
    assert register["TZ000000-001"]["actor"] == "Minister voor Asiel en Migratie"


def test_a_letter_stating_the_registers_toezegging_is_linked_to_it(store):
    letters = {r["file"]: r for r in _rows(store) if r["file"].startswith("brief-")}
    assert letters["brief-opvang.txt"]["register"] == "TZ000000-001"
    assert letters["brief-ind.txt"]["register"] == ""


def test_the_page_shows_register_and_documents_side_by_side_and_where_they_disagree(store):
    with running_server(store.location) as (url, _app), browser_page() as page:
        page.goto(url + "/toezeggingen?today=2026-12-01")
        table = page.locator("#commitments").inner_text()
        assert "toezeggingenregister" in table and "brief-opvang.txt" in table
        assert "register: Voldaan, no letter in the graph claims it" in table
        assert "in a document, not in the register" in table
        page.check("input[name=disagreement]")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**disagreement=1**")
        rows = page.locator("#commitments tbody tr")
        assert rows.count() >= 2 and all(rows.nth(i).locator(".disagreement").count() == 1 for i in range(rows.count()))
        page.screenshot(path=str(ARTIFACTS / "toezeggingen-register.png"), full_page=True)
        assert not page.problems, page.problems
