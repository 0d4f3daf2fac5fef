"""The open-data importer on recorded real payloads (tests/fixtures/odata, copied from
../shared/fixtures/odata): outcomes as BesluitSoort states, seats as the rows or BesluitTekst's
tally give them, mistakes, split fracties, tombstones, provenance."""
import json
from pathlib import Path

import pytest

from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.odata import NotOData, collect, motion_identifier, read_records
from kamergraaf.graph.store import KnowledgeStore

ROOT = Path(__file__).resolve().parent.parent
ODATA = ROOT / "tests" / "fixtures" / "odata"
P = ("PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX dcterms: <http://purl.org/dc/terms/> "
     "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX owl: <http://www.w3.org/2002/07/owl#> ")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = KnowledgeStore(tmp_path_factory.mktemp("odata") / "store")
    results = ingest(store, [ODATA])
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    return store


def rows(store, query):
    result = store.query(P + query)
    names = [v.value for v in result.variables]
    return [{n: (r[n].value if r[n] is not None else None) for n in names} for r in result]


def _motion(zaak: str) -> str:
    return f"https://w3id.org/kamergraaf/id/motie/zaak-{zaak}"


def test_every_decided_motion_gets_the_outcome_its_besluitsoort_states(store):
    besluiten = json.loads((ODATA / "besluiten.json").read_text(encoding="utf-8"))["value"]
    expected = {b["Zaak"][0]["Nummer"]: b["BesluitSoort"].split(" - ")[-1] for b in besluiten if b["Zaak"][0]["Soort"] == "Motie"}
    found = {r["z"]: r["o"].rsplit("#", 1)[-1].lower() for r in rows(store, "SELECT ?z ?o WHERE { ?e a kg:VoteEvent ; kg:onMotion ?m ; kg:outcome ?o . ?m kg:zaakNummer ?z }")}
    assert {z: found[z] for z in expected} == expected
    assert "2026Z07564" not in found  # an amendment is no motion


def _seats(store, zaak):
    [row] = rows(store, f"SELECT ?f ?a WHERE {{ ?e kg:onMotion ?m ; kg:seatsFor ?f ; kg:seatsAgainst ?a . ?m kg:zaakNummer \"{zaak}\" }}")
    return int(row["f"]), int(row["a"])


def test_seats_follow_the_rows_a_mistake_is_not_counted_and_a_split_fractie_counts_once(store):
    assert _seats(store, "2026Z20773") == (69, 78)  # DENK's 3 seats declared a mistake
    [mistake] = rows(store, "SELECT ?v ?n WHERE { ?v kg:mistake true ; kg:seats ?n }")
    assert mistake["n"] == "3"
    assert _seats(store, "2026Z08607") == (80, 70)  # Groep Markuszower: 7 seats less its 3 members voting apart


def test_a_roll_call_tally_in_besluittekst_is_the_total_when_rows_are_missing(store):
    assert _seats(store, "2026Z21728") == (90, 36)  # "Aangenomen (90-36)." with no Stemming rows published


def test_a_motion_known_by_its_zaak_is_linked_to_its_kamerstuk_number(store):
    [row] = rows(store, "SELECT ?o ?a WHERE { <https://w3id.org/kamergraaf/id/motie/19637-3421> kg:outcome ?o ; kg:cabinetAppraisal ?a }")
    assert row["o"].endswith("#Verworpen") and row["a"].endswith("#Ontijdig")
    assert rows(store, f"SELECT ?n WHERE {{ <{_motion('2025Z09893')}> owl:sameAs ?n }}")[0]["n"].endswith("/motie/19637-3421")


def test_member_votes_in_a_roll_call_name_the_member(store):
    found = rows(store, "SELECT ?name WHERE { ?v kg:voter/<http://xmlns.com/foaf/0.1/familyName> ?name ; kg:seats 1 }")
    assert "van Nispen" in {r["name"] for r in found}  # "Nispen van, M." as the open data write it


def test_imported_facts_carry_their_record_and_file(store):
    [row] = rows(store, f"SELECT ?record ?file WHERE {{ ?e kg:onMotion <{_motion('2026Z20773')}> ; prov:wasDerivedFrom ?record ; "
                        "dcterms:source/kg:sourceFile ?file }")
    assert row["record"] == "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Besluit(9ea410c3-d0ef-4291-b4ed-01fe9e83d01b)"
    assert row["file"] == "besluiten.json"


def test_tombstones_are_skipped():
    decisions, _ = collect(read_records(ODATA / "raw_stemming_sample.json"))
    votes = [v for d in decisions.values() for v in d.votes.values()]
    assert votes and not any(v.get("Verwijderd") for v in votes)


def test_a_kamerstuk_id_from_dossier_and_volgnummer_or_the_published_identifier():
    assert motion_identifier({"Volgnummer": 23, "Kamerstukdossier": [{"Nummer": 36200, "Toevoeging": "VI"}]}) == "36200-VI-23"
    assert motion_identifier({"Volgnummer": -1, "Kamerstukdossier": [{"Nummer": 36200, "Toevoeging": None}]}) is None
    assert motion_identifier({"Document": [{"Volgnummer": 3421, "HuidigeDocumentVersie": {"ExterneIdentifier": "kst-19637-3421"}}]}) == "19637-3421"


@pytest.mark.parametrize("content,reason", [
    (b"[1, 2, 3]", "no open-data records"), (b"{\"value\": [", "not valid JSON"), (b"\xff\xfe{}", "not UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
])
def test_bad_json_is_refused_with_its_reason(tmp_path, content, reason):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(NotOData, match=reason):
        read_records(path)


def test_the_example_query_lists_adopted_motions_with_no_claim_yet(store):
    from kamergraaf.server.discovery import EXAMPLE_QUERIES

    found = rows(store, dict(EXAMPLE_QUERIES)["Adopted motions with no fulfilment claim yet"])
    assert {r["adopted"] for r in found} >= {"2026-10-08", "2026-05-12"}
    assert all(r["motion"] for r in found)


def test_fracties_are_joined_by_their_open_data_id_and_keep_their_name_history(store):
    from kamergraaf.extract import fracties

    assert fracties.by_odata_id("65b21c25-91e8-4844-a67c-bc5866e457b5") == "lid-keijzer"  # ActorFractie "Keijzer"
    voted = {r["f"].rsplit("/", 1)[-1] for r in rows(store, "SELECT DISTINCT ?f WHERE { ?v kg:fractie ?f }")}
    assert {"lid-keijzer", "groep-markuszower", "nsc", "groenlinks-pvda"} <= voted
    [history] = rows(store, "SELECT ?next ?until WHERE { <https://w3id.org/kamergraaf/id/fractie/groenlinks-pvda> "
                            "dcterms:isReplacedBy ?next ; kg:activeUntil ?until }")
    assert history["next"].endswith("/fractie/pro") and history["until"] == "2026-06-08"


def test_records_repeated_by_an_expansion_count_once():
    """A $expand repeats a Besluit under every Stemming (and a page may hold a record twice)."""
    records = read_records(ODATA / "besluiten.json")
    once, _ = collect(records)
    twice, _ = collect(records + json.loads(json.dumps(records)))
    assert {k: len(d.votes) for k, d in once.items()} == {k: len(d.votes) for k, d in twice.items()}
    nested, _ = collect(read_records(ODATA / "raw_stemming_expanded.json"))
    [decision] = nested.values()  # three Stemming rows, each with the same Besluit nested in it
    assert len(decision.votes) == 3 and decision.zaak["Soort"] == "Motie"


def test_double_encoded_text_in_records_is_repaired(tmp_path):
    path = tmp_path / "zaak.json"
    record = {"Id": "z1", "Soort": "Motie", "Nummer": "2026Z00001", "Onderwerp": "Motie van het lid Kröger over coördinatie"}
    path.write_text(json.dumps({"value": [record]}, ensure_ascii=False).encode("utf-8").decode("latin-1"), encoding="utf-8")
    [read] = read_records(path)
    assert read["Onderwerp"] == record["Onderwerp"]


def test_record_values_cannot_break_out_of_an_iri(tmp_path):
    """A number or Id holding spaces, brackets or N-Triples syntax is written inside the IRI, escaped."""
    hostile = 'TZ1> <http://www.w3.org/2000/01/rdf-schema#comment> "INJECTED" .\n<http://example.org/s'
    records = {"value": [{"Id": "t 1>", "Nummer": hostile, "Tekst": "De minister zegt toe te informeren.", "Status": "Openstaand",
                          "DatumNakoming": None, "KamerbriefNakoming": None, "Verwijderd": False}]}
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "register.json").write_text(json.dumps(records), encoding="utf-8")
    store = KnowledgeStore(tmp_path / "store")
    [result] = ingest(store, [tmp_path / "docs"])
    assert result.ok, result.reason
    assert not rows(store, 'SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#comment> "INJECTED" }')
    [commitment] = rows(store, "SELECT ?c ?n WHERE { ?c kg:registerNumber ?n }")
    assert commitment["n"] == hostile and " " not in commitment["c"]


def test_a_line_separator_in_a_title_survives_a_rebuild(tmp_path):
    """U+2028 stands raw in an N-Triples literal; the shared descriptions are split on line feeds only."""
    zaak = {"Id": "z1", "Soort": "Motie", "Nummer": "2026Z00002", "Onderwerp": "Motie van het lid Podt\u2028Jansen over opvang"}
    path = tmp_path / "docs" / "zaak.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"value": [zaak]}), encoding="utf-8")
    store = KnowledgeStore(tmp_path / "store")
    assert all(r.ok for r in ingest(store, [path.parent]))
    zaak["Kabinetsappreciatie"] = "Ontraden"
    path.write_text(json.dumps({"value": [zaak]}), encoding="utf-8")
    [result] = ingest(store, [path.parent])
    assert result.status == "replaced"


def test_a_syncfeed_page_lands_in_the_graph_as_its_records_do(tmp_path):
    """CONSTRUCTED page (../shared/fixtures): a zaak, its besluit and a stemming, a deleted document,
    and a toezegging whose kamerbriefNakoming repeats (the live feed's drift from the XSD)."""
    page = ROOT / "tests" / "fixtures" / "sources" / "CONSTRUCTED_syncfeed_mixed_categories_page.xml"
    store = KnowledgeStore(tmp_path / "store")
    [result] = ingest(store, [page])
    assert result.ok and result.status == "added", result.reason
    motion = rows(store, f"SELECT ?o ?a WHERE {{ <{_motion('2025Z09891')}> kg:outcome ?o ; kg:cabinetAppraisal ?a }}")
    assert motion and motion[0]["o"].endswith("#Verworpen") and motion[0]["a"].endswith("#Ontraden")
    letters = rows(store, "SELECT ?l WHERE { ?c kg:registerNumber \"TZ000000-001\" ; kg:kamerbriefNakoming ?l }")
    assert {r["l"] for r in letters} == {"0000Z00001", "0000Z00002"}
