"""`kamergraaf fetch` and `sync` against a local server replaying recorded payloads (no internet).

The OData Zaak page is real (tests/fixtures/odata/zaak_page_24.json); split in two pages joined by
an @odata.nextLink of our own making (CONSTRUCTED, in the real shape: `$skiptoken=Id-<guid>`). The
SRU page is real; the documents its records link to are served from other real KOOP XML files
(CONSTRUCTED mapping). The SyncFeed page is the constructed one of ../shared/fixtures.
"""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kamergraaf import __version__
from kamergraaf.cli import main
from kamergraaf.graph.store import KnowledgeStore

from .replay import replaying

FIXTURES = Path(__file__).parent / "fixtures"
ODATA_PATH = "/OData/v4/2.0/Zaak"
KAMERGRAAF = str(Path(sys.executable).with_name("kamergraaf"))


def zaak_pages(pages: int = 2) -> list[bytes]:
    """The real page of 250 Zaak records as `pages` pages, each but the last with a nextLink."""
    records = json.loads((FIXTURES / "odata" / "zaak_page_24.json").read_text(encoding="utf-8"))
    size = -(-len(records) // pages)
    chunks = [records[i : i + size] for i in range(0, len(records), size)]
    bodies = []
    for index, chunk in enumerate(chunks):
        page = {"@odata.context": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Zaak", "value": chunk}
        if index + 1 < len(chunks):
            page["@odata.nextLink"] = f"https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Zaak?$skiptoken=Id-{chunk[-1]['Id']}"
        bodies.append(json.dumps(page, ensure_ascii=False).encode())
    return bodies


def serve_zaak(replay, pages: int = 2, faults: dict[int, list[str]] | None = None) -> list[bytes]:
    bodies = zaak_pages(pages)
    records = json.loads((FIXTURES / "odata" / "zaak_page_24.json").read_text(encoding="utf-8"))
    size = -(-len(records) // pages)
    for index, body in enumerate(bodies):
        when = None if index == 0 else f"$skiptoken=Id-{records[index * size - 1]['Id']}"
        replay.add(ODATA_PATH, body, when=when, faults=(faults or {}).get(index))
    return bodies


def fetch(tmp_path, *args):
    return CliRunner().invoke(main, ["fetch", *args, "--store", str(tmp_path / "store"), "--rate", "50"])


def manifest(tmp_path) -> list[dict]:
    return [json.loads(line) for line in (tmp_path / "raw" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def test_odata_follows_the_next_link_and_keeps_every_page_once(tmp_path):
    with replaying() as replay:
        serve_zaak(replay)
        result = fetch(tmp_path, "odata", "--dossier", "19637", "--from", "2023-01-01", "--base-url", replay.url + "/OData/v4/2.0/")
        assert result.exit_code == 0, result.output
        assert "2 new file(s)" in result.output
        first = replay.requests[0]
        assert "Kamerstukdossier/any(d:d/Nummer eq 19637)" in first["query"]["$filter"][0]
        assert first["headers"]["User-Agent"].startswith(f"kamergraaf/{__version__}")
        assert replay.requests[1]["query"]["$skiptoken"][0].startswith("Id-")  # the next link, verbatim
        entries = manifest(tmp_path)
        assert len(entries) == 2 and len({e["sha256"] for e in entries}) == 2
        assert all(e["content_type"] and e["time"] and (tmp_path / "raw" / e["file"]).exists() for e in entries)
        held = sum(len(json.loads((tmp_path / "raw" / e["file"]).read_text())["value"]) for e in entries)
        assert held == 250
        again = fetch(tmp_path, "odata", "--dossier", "19637", "--from", "2023-01-01", "--base-url", replay.url + "/OData/v4/2.0/")
        assert again.exit_code == 0 and "0 new file(s)" in again.output  # nothing stored twice
        assert "ApiGewijzigdOp gt" in replay.requests[2]["query"]["$filter"][0]  # incremental after a finished run
        assert len({e["sha256"] for e in manifest(tmp_path)}) == 2
        assert len(list((tmp_path / "raw" / "odata").iterdir())) == 2


@pytest.mark.parametrize("faults", [["429", "503"], ["truncate"], ["reset"]])
def test_faults_are_retried_and_nothing_is_lost(tmp_path, faults):
    with replaying() as replay:
        serve_zaak(replay, faults={1: list(faults)})
        result = fetch(tmp_path, "odata", "--base-url", replay.url + "/OData/v4/2.0/")
        assert result.exit_code == 0, result.output
        assert len(manifest(tmp_path)) == 2
        assert len(replay.requests) == 2 + len(faults)


def test_requests_are_spaced_by_the_rate(tmp_path):
    with replaying() as replay:
        serve_zaak(replay, pages=4)
        result = CliRunner().invoke(main, ["fetch", "odata", "--base-url", replay.url + "/OData/v4/2.0/",
                                           "--store", str(tmp_path / "store"), "--rate", "4"])
        assert result.exit_code == 0, result.output
        times = [r["time"] for r in replay.requests]
        assert len(times) == 4 and min(b - a for a, b in zip(times, times[1:])) >= 0.2  # 4 a second: 0.25 s apart


def test_a_conditional_get_answered_304_writes_nothing(tmp_path):
    with replaying() as replay:
        replay.add(ODATA_PATH, zaak_pages(1)[0], etag='"v1"')
        assert fetch(tmp_path, "odata", "--base-url", replay.url + "/OData/v4/2.0/").exit_code == 0
        (tmp_path / "raw" / "state.json").unlink()  # forget the position: the same URL is asked again
        result = fetch(tmp_path, "odata", "--base-url", replay.url + "/OData/v4/2.0/")
        assert result.exit_code == 0 and "0 new file(s)" in result.output
        assert replay.requests[-1]["headers"].get("If-None-Match") == '"v1"'


def test_an_sru_diagnostic_is_an_error_not_an_empty_result(tmp_path):
    with replaying() as replay:
        replay.add("/sru", (FIXTURES / "sources" / "sru_unknown_index_diagnostic.xml").read_bytes(), "application/xml")
        result = fetch(tmp_path, "sru", "--dossier", "36867", "--base-url", replay.url + "/sru")
        assert result.exit_code == 1
        assert "refused the query" in result.output and "unknown prefix" in result.output.lower()


def test_sru_downloads_each_records_document(tmp_path):
    """CONSTRUCTED: the records' XML links are answered with other real KOOP files."""
    with replaying() as replay:
        replay.add("/sru", (FIXTURES / "sources" / "sru_eerstekamer_kamerstukken_page.xml").read_bytes(), "application/xml")
        documents = sorted((FIXTURES / "extra").glob("*.xml"))[:3]
        for letter, document in zip("ABC", documents):
            replay.add(f"/frbr/officielepublicaties/kst/36867/kst-36867-{letter}/1/xml/kst-36867-{letter}.xml",
                       document.read_bytes(), "application/xml")
        result = fetch(tmp_path, "sru", "--dossier", "36867", "--type", "Kamerstuk", "--base-url", replay.url + "/sru")
        assert result.exit_code == 0, result.output
        query = replay.requests[0]["query"]
        assert query["query"] == ['w.dossiernummer==36867 AND w.publicatienaam=="Kamerstuk"'] and query["version"] == ["2.0"]
        saved = [e for e in manifest(tmp_path) if e["file"].startswith("documents/")]
        assert len(saved) == 3
        metadata = [e for e in manifest(tmp_path) if e["file"].startswith("metadata/")]
        assert len(metadata) == 3 and all(e["url"].endswith(".xml#sru-record") for e in metadata)
        assert b"dossiernummer" in (tmp_path / "raw" / metadata[0]["file"]).read_bytes()


def test_syncfeed_continues_from_the_last_entrys_next_link(tmp_path):
    with replaying() as replay:
        page = (FIXTURES / "sources" / "CONSTRUCTED_syncfeed_mixed_categories_page.xml").read_bytes()
        replay.add("/SyncFeed/2.0/Feed", page, "application/atom+xml")
        empty = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>SyncFeed</title></feed>'
        replay.add("/SyncFeed/2.0/Feed", empty, "application/atom+xml", when="skiptoken=99000006")
        result = fetch(tmp_path, "syncfeed", "--category", "Zaak", "--base-url", replay.url + "/SyncFeed/2.0/Feed")
        assert result.exit_code == 0, result.output
        assert replay.requests[1]["query"]["skiptoken"] == ["99000006"]  # the last entry's, not the first's
        state = json.loads((tmp_path / "raw" / "state.json").read_text())
        assert state["syncfeed:Zaak"]["next"].endswith("skiptoken=99000006")  # up to date: asked again next time
        fetch(tmp_path, "syncfeed", "--category", "Zaak", "--base-url", replay.url + "/SyncFeed/2.0/Feed")
        assert replay.requests[2]["query"]["skiptoken"] == ["99000006"]


def test_a_fetch_killed_in_the_middle_resumes_with_no_duplicate_and_no_loss(tmp_path):
    with replaying() as replay:
        bodies = serve_zaak(replay, pages=5, faults={i: ["slow"] for i in range(1, 5)})
        command = [KAMERGRAAF, "fetch", "odata", "--base-url", replay.url + "/OData/v4/2.0/", "--store", str(tmp_path / "store"),
                   "--rate", "50"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            if (tmp_path / "raw" / "manifest.jsonl").exists() and len(manifest(tmp_path)) >= 2:
                break
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        held = len(manifest(tmp_path))
        assert 2 <= held < 5
        resumed = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert resumed.returncode == 0, resumed.stderr
        entries = manifest(tmp_path)
        assert len(entries) == 5 and len({e["url"] for e in entries}) == 5
        import hashlib

        served = [b.replace(b"https://gegevensmagazijn.tweedekamer.nl", replay.url.encode()) for b in bodies]
        assert {e["sha256"] for e in entries} == {hashlib.sha256(b).hexdigest() for b in served}
        assert len(replay.requests) <= 6  # at most the page in flight asked twice


def test_sync_fetches_and_builds_the_new_records(tmp_path):
    with replaying() as replay:
        replay.add("/OData/v4/2.0/Besluit", (FIXTURES / "odata" / "besluiten.json").read_bytes())
        result = CliRunner().invoke(main, ["sync", "odata", "--entity", "Besluit", "--base-url", replay.url + "/OData/v4/2.0/",
                                           "--store", str(tmp_path / "store"), "--rate", "50"])
        assert result.exit_code == 0, result.output
        assert "1 added" in result.output
        with KnowledgeStore(tmp_path / "store", read_only=True) as store:
            outcomes = {r["o"].value.rsplit("#", 1)[-1] for r in store.query(
                "SELECT ?o WHERE { ?e a <https://w3id.org/kamergraaf/def#VoteEvent> ; <https://w3id.org/kamergraaf/def#outcome> ?o }")}
        assert outcomes == {"Aangenomen", "Verworpen"}
        again = CliRunner().invoke(main, ["sync", "odata", "--entity", "Besluit", "--base-url", replay.url + "/OData/v4/2.0/",
                                          "--store", str(tmp_path / "store"), "--rate", "50"])
        assert again.exit_code == 0 and "nothing new to build" in again.output


@pytest.mark.parametrize("option,value", [("--dossier", "19637' or 1 eq 1"), ("--dossier", "abc"), ("--from", "2024-13-01"),
                                          ("--to", "yesterday")])
def test_arguments_that_would_make_a_malformed_filter_are_refused(tmp_path, option, value):
    result = fetch(tmp_path, "odata", option, value, "--base-url", "http://127.0.0.1:9/")
    assert result.exit_code == 2 and option in result.output and "Traceback" not in result.output


def test_a_later_tombstone_retracts_what_was_imported_from_its_record(tmp_path):
    """Sync a decision, then a page (CONSTRUCTED) reporting that Besluit deleted: the motion's
    outcome goes, the files keep what they said, and the same holds built in the other order."""
    tombstone = {"value": [{"Id": "9ea410c3-d0ef-4291-b4ed-01fe9e83d01b", "Verwijderd": True, "BesluitSoort": None}]}
    motion = "<https://w3id.org/kamergraaf/id/motie/zaak-2026Z20773>"
    outcome = f"SELECT ?o WHERE {{ {motion} <https://w3id.org/kamergraaf/def#outcome> ?o }}"
    with replaying() as replay:
        replay.add("/OData/v4/2.0/Besluit", (FIXTURES / "odata" / "besluiten.json").read_bytes())
        sync = ["sync", "odata", "--entity", "Besluit", "--store", str(tmp_path / "store"), "--rate", "50"]
        assert CliRunner().invoke(main, [*sync, "--base-url", replay.url + "/OData/v4/2.0/"]).exit_code == 0
        with KnowledgeStore(tmp_path / "store", read_only=True) as store:
            assert list(store.query(outcome))
        (tmp_path / "later.json").write_text(json.dumps(tombstone), encoding="utf-8")
        result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "store"), str(tmp_path / "later.json")])
        assert result.exit_code == 0, result.output
        with KnowledgeStore(tmp_path / "store", read_only=True) as store:
            assert not list(store.query(outcome))
    other = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "other"), str(tmp_path / "later.json"),
                                      str(FIXTURES / "odata" / "besluiten.json")])
    assert other.exit_code == 0, other.output
    with KnowledgeStore(tmp_path / "other", read_only=True) as store:
        assert not list(store.query(outcome))


def test_a_page_of_tombstones_is_kept_raw_and_built_as_retractions(tmp_path):
    tombstones = {"value": [{"Id": f"00000000-0000-4000-8000-00000000000{i}", "Verwijderd": True, "Soort": None, "Nummer": None}
                            for i in range(3)]}
    with replaying() as replay:
        replay.add(ODATA_PATH, json.dumps(tombstones).encode())
        result = CliRunner().invoke(main, ["sync", "odata", "--base-url", replay.url + "/OData/v4/2.0/",
                                           "--store", str(tmp_path / "store"), "--rate", "50"])
        assert result.exit_code == 0, result.output
        assert "1 new file(s)" in result.output and "1 added" in result.output  # its retractions
        with KnowledgeStore(tmp_path / "store", read_only=True) as store:
            assert len(list(store.query("SELECT ?id WHERE { ?f <https://w3id.org/kamergraaf/def#retractsRecord> ?id }"))) == 3


def test_a_deleted_raw_file_is_fetched_again(tmp_path):
    with replaying() as replay:
        replay.add(ODATA_PATH, zaak_pages(1)[0], etag='"v1"')
        assert fetch(tmp_path, "odata", "--base-url", replay.url + "/OData/v4/2.0/").exit_code == 0
        [entry] = manifest(tmp_path)
        (tmp_path / "raw" / entry["file"]).unlink()
        (tmp_path / "raw" / "state.json").unlink()
        result = fetch(tmp_path, "odata", "--base-url", replay.url + "/OData/v4/2.0/")
        assert result.exit_code == 0, result.output
        assert "If-None-Match" not in replay.requests[-1]["headers"] and (tmp_path / "raw" / entry["file"]).exists()


def test_a_finished_sru_run_asks_again_next_time(tmp_path):
    with replaying() as replay:
        replay.add("/sru", (FIXTURES / "sources" / "sru_eerstekamer_kamerstukken_page.xml").read_bytes(), "application/xml")
        for letter, document in zip("ABC", sorted((FIXTURES / "extra").glob("*.xml"))[:3]):
            replay.add(f"/frbr/officielepublicaties/kst/36867/kst-36867-{letter}/1/xml/kst-36867-{letter}.xml",
                       document.read_bytes(), "application/xml")
        for _ in range(2):
            assert fetch(tmp_path, "sru", "--dossier", "36867", "--base-url", replay.url + "/sru").exit_code == 0
        assert sum(1 for r in replay.requests if r["path"] == "/sru") == 2
