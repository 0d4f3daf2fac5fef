"""Graph view, paths, node panels, source view, motion trail and commitments table — as JSON and HTML."""
import csv
import io
import json
import urllib.parse

import pytest

from .serving import http, running_server
from .synthetic import generate

BASE = "https://w3id.org/kamergraaf/id/"


@pytest.fixture(scope="module")
def server(seeded_store):
    with running_server(seeded_store.location) as (url, _app):
        yield url


def get_json(server, path, **params):
    query = ("?" + urllib.parse.urlencode(params, doseq=True)) if params else ""
    status, ctype, _, body = http("GET", server + path + query, headers={"Accept": "application/json"})
    assert status == 200, body
    assert ctype == "application/json"
    return json.loads(body)


def classes(view):
    return {n["cls"] for n in view["nodes"]}


def test_overview_holds_documents_motions_fracties_instruments(server):
    view = get_json(server, "/graph")
    assert {"Document", "Motion", "Fractie", "EUInstrument"} <= classes(view) and "Kamerstuk" not in classes(view)
    assert view["shown"] == len(view["nodes"]) == view["total"] and view["message"] == ""
    assert all("x" in n and "y" in n and n["size"] > 0 for n in view["nodes"])
    relations = {e["label"] for e in view["edges"]}
    assert {"asked in", "mentions", "claims fulfilled", "in line with"} <= relations


def test_filters_reduce_the_view(server):
    everything = get_json(server, "/graph")["shown"]
    motions_only = get_json(server, "/graph", **{"class": ["Document", "Motion"]})
    assert classes(motions_only) == {"Document", "Motion"} and motions_only["shown"] < everything
    vvd = get_json(server, "/graph", fractie=BASE + "fractie/vvd")
    assert 0 < vvd["shown"] < everything
    dated = get_json(server, "/graph", **{"from": "2024-01-01", "to": "2024-12-31"})
    docs = [n for n in dated["nodes"] if n["cls"] == "Document"]
    assert docs and dated["shown"] < everything
    assert {n["id"] for n in docs} <= {BASE + "doc/001_3119cb9fa06b7852.txt", BASE + "doc/002_4df700ba5a49d8e6.txt"}
    search = get_json(server, "/graph", q="Eerdmans")
    assert any(n["label"].startswith("Motie Eerdmans") for n in search["nodes"]) and search["shown"] < everything


def test_focus_and_depth(server):
    focus = BASE + "motie/32317-813"
    one = get_json(server, "/graph", focus=focus, depth=1)
    two = get_json(server, "/graph", focus=focus, depth=2)
    assert focus in {n["id"] for n in one["nodes"]} and one["shown"] < two["shown"]
    assert {n["id"] for n in one["nodes"]} >= {BASE + "doc/001_3119cb9fa06b7852.txt", BASE + "doc/002_4df700ba5a49d8e6.txt"}


def test_shortest_connections(server):
    view = get_json(server, "/path", **{"from": BASE + "fractie/vvd", "to": BASE + "motie/32317-813"})
    ids = {n["id"] for n in view["nodes"]}
    assert {BASE + "fractie/vvd", BASE + "motie/32317-813"} <= ids and "shortest connection" in view["title"]


def test_node_panel_has_quotes_and_links(server):
    panel = get_json(server, "/graph/node", iri=BASE + "motie/19637-3220")
    assert panel["class"] == "Motion" and panel["links"]["trail"] == "/motie/19637-3220"
    assert any("Keijzer" in q["exact"] for q in panel["evidence"])
    assert panel["evidence"][0]["source_view"].startswith("/doc/002_4df700ba5a49d8e6.txt#char=")


def test_node_budget_on_a_larger_graph(tmp_path):
    generated = generate(tmp_path / "store")
    with running_server(tmp_path / "store") as (url, _app):
        view = get_json(url, "/graph")
        nodes = view["total"]
        assert generated >= nodes > 500  # the overview leaves out what nothing links to
        assert view["shown"] == len(view["nodes"]) == 500
        assert view["message"] == f"showing 500 of {nodes} — narrow the filter"
        small = get_json(url, "/graph", budget=50)
        assert small["shown"] == 50
        status, _, _, body = http("GET", url + "/graph?budget=120")
        assert status == 200 and b"showing 120 of" in body


def test_motion_trail_lists_claims_in_date_order(server):
    trail = get_json(server, "/motie/32317-813")
    claims = [(e["date"], e["kind"], e["document"]) for e in trail["events"] if e["kind"] != "mention"]
    assert claims == [("2024-04-26", "in line with", "001_3119cb9fa06b7852.txt"),
                      ("2024-05-16", "fulfils", "002_4df700ba5a49d8e6.txt")]
    assert trail["verdict"] == "claimed fulfilled on 2024-05-16 in 002_4df700ba5a49d8e6.txt"
    assert trail["officielebekendmakingen"] == "https://zoek.officielebekendmakingen.nl/kst-32317-813"
    dates = [e["date"] for e in trail["events"] if e["date"]]
    assert dates == sorted(dates)


def test_motion_trail_without_fulfilment_and_with_dictum(server):
    trail = get_json(server, "/motie/36200-VI-23")
    assert trail["verdict"] == "no fulfilment claim found" and trail["events"]
    text = get_json(server, "/motie/36278-32")
    assert text["dictum"].startswith("verzoekt de regering") and text["sponsors"][0]["name"] == "Rikkers-Oosterkamp"
    assert http("GET", server + "/motie/0000-0")[0] == 404


def test_commitments_table_filters_sorts_and_exports(server):
    everything = get_json(server, "/toezeggingen")
    assert everything["count"] >= 60
    toezeggingen = get_json(server, "/toezeggingen", type="toezegging")
    assert 0 < toezeggingen["count"] < everything["count"] and {r["type"] for r in toezeggingen["rows"]} == {"toezegging"}
    vvd = get_json(server, "/toezeggingen", fractie="VVD")
    assert vvd["count"] and all("VVD" in r["fracties"] for r in vvd["rows"])
    overdue = get_json(server, "/toezeggingen", overdue="1", today="2026-01-01")
    assert overdue["count"] and all(r["overdue"] and r["deadline"] < "2026-01-01" for r in overdue["rows"])
    assert get_json(server, "/toezeggingen", overdue="1", today="2000-01-01")["count"] == 0
    by_deadline = [r["deadline"] for r in get_json(server, "/toezeggingen", sort="deadline")["rows"] if r["deadline"]]
    assert by_deadline == sorted(by_deadline)
    status, ctype, _, body = http("GET", server + "/toezeggingen?type=toezegging&format=csv")
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert ctype == "text/csv" and len(rows) == toezeggingen["count"] and rows[0]["type"] == "toezegging"
    voldaan = get_json(server, "/toezeggingen", status="Voldaan")
    assert voldaan["count"] >= 1


def test_source_view_facts_point_into_the_text(server):
    doc = get_json(server, "/doc/002_4df700ba5a49d8e6.txt")
    text = doc["text"]
    kinds = {f["kind"] for f in doc["facts"]}
    assert {"kamerstuk", "motion", "eu", "commitment", "claim"} <= kinds
    claim = next(f for f in doc["facts"] if f["kind"] == "claim")
    assert " ".join(text[claim["start"]:claim["end"]].split()).endswith("die ik met deze brief als uitgevoerd beschouw.2")
    status, ctype, _, body = http("GET", server + "/doc/002_4df700ba5a49d8e6.txt")
    assert status == 200 and ctype == "text/html" and b'class="f-claim' in body
    assert http("GET", server + "/doc/nope.txt")[0] == 404
