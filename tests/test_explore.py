"""Graph view, paths, node panels, source view, motion trail and commitments table — as JSON and HTML."""
import csv
import io
import json
import re
import urllib.parse

import networkx as nx
import pytest

from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.store import KnowledgeStore
from kamergraaf.server.graphview import layout

from .conftest import ROOT
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


def ids(view):
    return {n["id"] for n in view["nodes"]}


FILE_NAME = re.compile(r"\.(txt|xml|docx?|pdf|html?)\b")


def test_overview_is_dossiers_documents_and_motions_on_a_time_axis(server):
    view = get_json(server, "/graph")
    assert {"Dossier", "Document", "Motion"} <= classes(view) <= {"Dossier", "Document", "Motion", "Commitment"}
    assert view["shown"] == len(view["nodes"]) == view["total"] and view["message"] == ""
    tier = {cls: {n["y"] for n in view["nodes"] if n["cls"] == cls} for cls in ("Dossier", "Document", "Motion")}
    assert max(tier["Dossier"]) < min(tier["Document"]) and max(tier["Document"]) < min(tier["Motion"])
    dated = sorted((n for n in view["nodes"] if n["cls"] == "Document" and n["date"]), key=lambda n: (n["y"], n["x"]))
    assert len(dated) >= 4 and [n["date"] for n in dated] == sorted(n["date"] for n in dated)  # read like a calendar
    assert BASE + "motie/32317-813" in ids(view) and "dossier:32317" in ids(view)
    relations = {e["relation"] for e in view["edges"]}
    assert {"in dossier", "mentions", "claims fulfilled", "in line with"} <= relations


def test_the_time_axis_orders_documents_by_date_and_puts_undated_ones_last():
    graph = nx.MultiDiGraph()
    for name, date in (("late", "2024-05-16"), ("year only", "2024"), ("none", ""), ("early", "2015-03-26"), ("mid", "2020-01-01")):
        graph.add_node(name, cls="Document", date=date, label=name)
    positions = layout(graph)
    in_order = sorted(positions, key=lambda n: (positions[n][1], positions[n][0]))
    assert in_order[:3] == ["early", "mid", "late"] and set(in_order[3:]) == {"year only", "none"}


def test_every_label_is_a_human_name_not_a_file_name(server):
    for query in ("", "?group=0", "?doc=002_4df700ba5a49d8e6.txt&group=0", "?class=Commitment&class=Document&group=0"):
        view = get_json(server, "/graph" + query)
        assert view["nodes"] and not [n["label"] for n in view["nodes"] if FILE_NAME.search(n["label"])], query
    commitments = [n["label"] for n in get_json(server, "/graph", doc="000_a18c50dab0394b4b.txt", group="0")["nodes"]
                   if n["cls"] == "Commitment"]
    # type, actor and the first words: "beleidsinzet (kabinet): Het kabinet is voornemens …"
    assert commitments and all(re.match(r"(beleidsinzet|toezegging)( \(.+?\))?: \w", label) for label in commitments)
    assert all(len(label) <= 56 for label in commitments)


@pytest.mark.parametrize("params, focus, around", [
    ({"motie": "32317-813"}, BASE + "motie/32317-813",
     {BASE + "doc/001_3119cb9fa06b7852.txt", BASE + "doc/002_4df700ba5a49d8e6.txt", BASE + "persoon/eerdmans", "dossier:32317"}),
    ({"focus": BASE + "motie/32317-813"}, BASE + "motie/32317-813", {BASE + "doc/002_4df700ba5a49d8e6.txt"}),
    ({"doc": "004_5994d9a14fc837a8.txt"}, BASE + "doc/004_5994d9a14fc837a8.txt", {BASE + "motie/21501-20-963"}),
    # a fractie: its members, the motions they sponsored, the documents claiming them
    ({"fractie": "d66"}, BASE + "fractie/d66",
     {BASE + "persoon/pechtold", BASE + "motie/21501-20-963", BASE + "doc/004_5994d9a14fc837a8.txt"}),
    # a dossier: its motions and the documents naming them
    ({"dossier": "32317"}, "dossier:32317",
     {BASE + "motie/32317-813", BASE + "motie/32317-836", BASE + "doc/002_4df700ba5a49d8e6.txt"}),
])
def test_a_view_starts_from_a_focus_of_each_kind(server, params, focus, around):
    view = get_json(server, "/graph", **params)
    assert view["filters"]["focus"] == focus and focus in ids(view) and around <= ids(view)
    assert view["shown"] < get_json(server, "/graph", group="0")["shown"]
    assert view["title"].startswith("Around ")


def test_a_motion_is_found_by_its_number_and_unknown_foci_are_404(server):
    assert get_json(server, "/graph", motie="21501-20-963")["filters"]["focus"] == BASE + "motie/21501-20-963"
    for params in ("motie=0000-1", "doc=nope.txt", "fractie=nope", "dossier=99999", "focus=urn:x"):
        status, _, _, body = http("GET", f"{server}/graph?{params}", headers={"Accept": "application/json"})
        assert status == 404 and b"not in the graph view" in body


def test_a_motion_view_shows_sponsors_with_their_fractie(server):
    view = get_json(server, "/graph", motie="21501-20-963")
    assert {BASE + "persoon/pechtold", BASE + "fractie/d66", BASE + "fractie/cda", BASE + "fractie/sgp"} <= ids(view)


def test_depth_widens_a_focus(server):
    one = get_json(server, "/graph", doc="004_5994d9a14fc837a8.txt", group="0")
    two = get_json(server, "/graph", doc="004_5994d9a14fc837a8.txt", group="0", depth=2)
    assert ids(one) < ids(two)


def test_leaves_of_one_kind_are_one_group_that_can_be_spread_out(server):
    params = {"doc": "000_a18c50dab0394b4b.txt"}
    view = get_json(server, "/graph", **params)
    groups = [n for n in view["nodes"] if n.get("members")]
    assert groups, view["nodes"]
    beleid = max((g for g in groups if g["label"].endswith(" beleidsinzet")), key=lambda g: len(g["members"]))
    assert beleid["label"] == f"{len(beleid['members'])} beleidsinzet" and len(beleid["members"]) >= 3
    member_ids = {m["id"] for m in beleid["members"]}
    assert not member_ids & ids(view)  # members are inside the group, not drawn
    assert any(e["from"] == BASE + "doc/000_a18c50dab0394b4b.txt" and e["to"] == beleid["id"] for e in view["edges"])
    spread = get_json(server, "/graph", **params, expand=beleid["id"])
    assert member_ids <= ids(spread) and beleid["id"] not in ids(spread)
    everything = get_json(server, "/graph", **params, group="0")
    assert not [n for n in everything["nodes"] if n.get("members")] and everything["shown"] > view["shown"]


def test_fractie_and_dossier_filters_narrow_the_view(server):
    overview = get_json(server, "/graph", group="0")
    d66 = get_json(server, "/graph", fractie="d66", group="0")
    assert 0 < d66["shown"] < overview["shown"] / 3  # the fractie's reach, not most of the graph
    motions = {n["id"] for n in d66["nodes"] if n["cls"] == "Motion"}
    assert motions == {BASE + "motie/21501-20-963"}  # the only motion a D66 member sponsored here
    focused = get_json(server, "/graph", doc="002_4df700ba5a49d8e6.txt", group="0")
    narrowed = get_json(server, "/graph", doc="002_4df700ba5a49d8e6.txt", dossier="32317", group="0")
    assert BASE + "doc/002_4df700ba5a49d8e6.txt" in ids(narrowed) and ids(narrowed) < ids(focused)
    assert {n["id"] for n in narrowed["nodes"] if n["cls"] == "Motion"} == {BASE + "motie/32317-813"}
    dated = get_json(server, "/graph", **{"from": "2024-01-01", "to": "2024-12-31"})
    docs = {n["id"] for n in dated["nodes"] if n["cls"] == "Document"}
    assert docs == {BASE + "doc/001_3119cb9fa06b7852.txt", BASE + "doc/002_4df700ba5a49d8e6.txt"}
    search = get_json(server, "/graph", q="Eerdmans")
    assert any(n["label"].startswith("Motie Eerdmans") for n in search["nodes"]) and search["shown"] < overview["shown"]
    kinds = get_json(server, "/graph", **{"class": ["Document", "Motion"]})
    assert classes(kinds) == {"Document", "Motion"}


def test_shortest_connections(server):
    view = get_json(server, "/path", **{"from": BASE + "fractie/vvd", "to": BASE + "motie/32317-813"})
    assert {BASE + "fractie/vvd", BASE + "motie/32317-813"} <= ids(view) and "shortest connection" in view["title"]


def test_the_panel_of_a_motion_has_sponsors_claims_quotes_and_its_trail(server):
    panel = get_json(server, "/graph/node", iri=BASE + "motie/21501-20-963")
    assert panel["class"] == "Motion" and panel["links"]["trail"] == "/motie/21501-20-963"
    assert panel["links"]["resource"] == "/id/motie/21501-20-963"
    assert {"name": "number", "value": "21501-20-963"} in panel["facts"]
    assert {(s["name"], s["fractie"]) for s in panel["sponsors"]} == {("Pechtold", "D66"), ("Van Haersma Buma", "CDA"),
                                                                      ("Van der Staaij", "SGP")}
    claim = panel["claims"][0]
    assert claim["kind"] == "in line with" and claim["date"] == "2015-03-26" and "kabinetsbeleid" in claim["quote"]
    start, end = (int(v) for v in re.fullmatch(r"/doc/004_5994d9a14fc837a8\.txt\?start=(\d+)&end=(\d+)", claim["source"]).groups())
    text = get_json(server, "/doc/004_5994d9a14fc837a8.txt")["text"]
    assert " ".join(text[start:end].split()) == claim["quote"]


def test_the_panel_of_a_commitment_and_of_a_document(server):
    view = get_json(server, "/graph", doc="000_a18c50dab0394b4b.txt", group="0")
    commitment = next(n["id"] for n in view["nodes"] if n["cls"] == "Commitment" and "(kabinet)" in n["label"])
    panel = get_json(server, "/graph/node", iri=commitment)
    facts = {f["name"]: f["value"] for f in panel["facts"]}
    assert facts["type"] in ("beleidsinzet", "toezegging") and facts["actor"] == "kabinet" and facts["status"]
    quote = panel["claims"][0]
    assert quote["quote"] and quote["source"].startswith("/doc/000_a18c50dab0394b4b.txt?start=")
    doc = get_json(server, "/graph/node", iri=BASE + "doc/002_4df700ba5a49d8e6.txt")
    facts = {f["name"]: f["value"] for f in doc["facts"]}
    assert facts["date"] == "2024-05-16" and doc["links"]["source"] == "/doc/002_4df700ba5a49d8e6.txt"
    counts = {(c["relation"], c["kind"]): c["count"] for c in doc["counts"]}
    assert counts[("claims fulfilled", "motie")] == 2 and counts[("commits", "toezegging / beleidsinzet")] == 3
    assert get_json(server, "/graph/node", iri="dossier:32317")["links"]["moties"] == "/moties?dossier=32317"
    assert http("GET", server + "/graph/node?iri=urn:nothing")[0] == 404


@pytest.fixture(scope="module")
def voted(tmp_path_factory):
    """Open-data votes and the corpus's Stemmingen: motions with an outcome and an execution status."""
    store = KnowledgeStore(tmp_path_factory.mktemp("voted") / "store")
    results = ingest(store, [ROOT / "tests" / "fixtures" / "odata", *sorted((ROOT / "tests" / "fixtures" / "corpus").glob("handelingen-*stemming*"))])
    assert all(r.ok for r in results)
    store.close()
    with running_server(store.location) as (url, _app):
        yield url


def test_the_panel_of_a_motion_has_its_outcome_and_execution_status(voted):
    row = next(r for r in get_json(voted, "/moties")["rows"] if r["status"] and r["outcome"])
    panel = get_json(voted, "/graph/node", iri=row["iri"])
    facts = {f["name"]: f["value"] for f in panel["facts"]}
    assert facts["outcome"] == row["outcome"] and facts["execution status"] == row["status"]


def test_node_budget_on_a_larger_graph(tmp_path):
    generate(tmp_path / "store")
    with running_server(tmp_path / "store") as (url, _app):
        view = get_json(url, "/graph", group="0")
        nodes = view["total"]
        assert nodes > 500 and view["shown"] == len(view["nodes"]) == 500
        assert view["message"] == f"showing 500 of {nodes} — narrow the filter"
        assert get_json(url, "/graph")["shown"] <= 500  # grouped, within the budget too
        assert get_json(url, "/graph", budget=50)["shown"] == 50
        status, _, _, body = http("GET", url + "/graph?budget=120&group=0")
        assert status == 200 and b"showing 120 of" in body
        assert http("GET", url + "/graph?budget=many")[0] == 400


def test_a_sponsor_printed_in_two_spellings_is_one_sponsor_on_the_trail(server):
    # "El Yassini" and "el-Yassini" in the seeds: one person, listed once, by the one chosen name
    assert [p["name"] for p in get_json(server, "/motie/29861-82")["sponsors"]] == ["El Yassini"]


def test_motion_trail_lists_claims_in_date_order(server):
    trail = get_json(server, "/motie/32317-813")
    claims = [(e["date"], e["kind"], e["file"]) for e in trail["events"] if e["kind"] != "mention"]
    assert claims == [("2024-04-26", "in line with", "001_3119cb9fa06b7852.txt"),
                      ("2024-05-16", "fulfils", "002_4df700ba5a49d8e6.txt")]
    # documents named by their rdfs:label, not their file
    assert trail["verdict"].startswith("claimed fulfilled on ") and "Kamerbrief" in trail["verdict"] and ".txt" not in trail["verdict"]
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


def test_toezeggingen_sorted_descending_keep_the_undated_last(server):
    for order in ("asc", "desc"):
        rows = get_json(server, "/toezeggingen", sort="deadline", order=order, per_page="500")["rows"]
        deadlines = [r["deadline"] for r in rows]
        dated = [d for d in deadlines if d]
        assert dated and "" in deadlines and deadlines == dated + [""] * (len(deadlines) - len(dated))
        assert dated == sorted(dated, reverse=order == "desc")
