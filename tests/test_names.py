"""One node and one label per person and per motion, whatever the spelling or the sponsors' order a
document prints, and whatever order the documents are built in (docs/names.md)."""
import pytest

from kamergraaf.extract.names import family_key, preferred_spelling, standalone
from kamergraaf.extract.motions import sponsor_key
from kamergraaf.graph.derive import motion_label, person_labels
from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.store import KnowledgeStore

RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
LETTER = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, {date}

Betreft Uitvoering moties {subject}

Geachte voorzitter,

{body}

De Staatssecretaris van Justitie en Veiligheid,
J. Jansen
"""
FIRST = LETTER.format(date="3 april 2024", subject="vreemdelingenbeleid", body=(
    "Met deze brief voer ik de motie-el-Yassini (Kamerstuk 29 861, nr. 82) uit. "
    "Daarmee is ook de motie van de leden Rajkowski en Kroger uitgevoerd. "
    "De motie van het lid van der Staaij (Kamerstuk 32 317, nr. 836) is hiermee afgedaan."))
SECOND = LETTER.format(date="7 mei 2024", subject="asielbeleid", body=(
    "Hiermee is de motie van het lid El Yassini (Kamerstuk 29 861, nr. 82) uitgevoerd. "
    "Ook de motie-Kröger/Rajkowski over de opvang is hiermee uitgevoerd. "
    "De motie-Van der Staaij (Kamerstuk 32 317, nr. 836) acht ik uitgevoerd."))


@pytest.mark.parametrize("printed, shown", [
    ("van der Staaij", "Van der Staaij"), ("el-Yassini", "El Yassini"), ("El Yassini", "El Yassini"),
    ("Kröger", "Kröger"), ("van Haersma Buma", "Van Haersma Buma"), ("Yeşilgöz-Zegerius", "Yeşilgöz-Zegerius"),
])
def test_a_family_name_standing_alone(printed, shown):
    assert standalone(printed) == shown


def test_spelling_variants_share_a_key_and_sponsor_orders_too():
    assert len({family_key(n) for n in ["el-Yassini", "El Yassini", "Y. el Yassini", "EL YASSINI"]}) == 1
    assert family_key("Kröger") == family_key("Kroger")
    assert sponsor_key(["Rajkowski", "Boomsma"]) == sponsor_key(["boomsma", "Rajkowski"])


def test_the_preferred_spelling_keeps_diacritics_then_counts_then_a_fixed_order():
    assert preferred_spelling({"Kroger": 5, "Kröger": 1}) == "Kröger"
    assert preferred_spelling({"Bikker": 1, "Biker": 3}) == "Biker"
    assert preferred_spelling({"B": 2, "A": 2}) == preferred_spelling({"A": 2, "B": 2}) == "A"
    assert person_labels({"p": {"van der Staaij": 2, "Van der Staaij": 1}}) == {"p": "Van der Staaij"}
    assert person_labels({"p": {"Kroger": 1}}, {"p": "Kröger"}) == {"p": "Kröger"}


def test_a_motion_label_names_the_first_signer_first_then_the_others_alphabetically():
    assert motion_label(["Van der Staaij", "Pechtold", "Van Haersma Buma"], {"Van Haersma Buma"}, "21501-20-963") == \
        "Motie Van Haersma Buma, Pechtold, Van der Staaij (21501-20-963)"
    assert motion_label(["Rajkowski", "Boomsma"], {"Rajkowski", "Boomsma"}, None) == "Motie Boomsma, Rajkowski"
    assert motion_label([], set(), "2025Z09893") == "Motie 2025Z09893"


def build(tmp_path, name, order):
    folder = tmp_path / name
    folder.mkdir()
    store = KnowledgeStore(tmp_path / f"{name}-store")
    for index, text in enumerate(order):
        path = folder / f"{index}.txt"
        path.write_text(text, encoding="utf-8")
        assert all(r.ok for r in ingest(store, [path], jobs=1))
    return store


def labels(store):
    rows = store.query("SELECT ?s ?label WHERE { { ?s a <https://w3id.org/kamergraaf/def#Motion> } UNION "
                       "{ ?s a <https://w3id.org/kamergraaf/def#Person> } ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }")
    found = {}
    for row in rows:
        found.setdefault(row["s"].value, set()).add(row["label"].value)
    return found


def test_variants_and_sponsor_orders_make_one_node_with_one_label_in_any_build_order(tmp_path):
    forward, backward = labels(build(tmp_path, "forward", [FIRST, SECOND])), labels(build(tmp_path, "backward", [SECOND, FIRST]))
    # the file names differ (0.txt, 1.txt) but no label depends on them
    assert forward == backward
    assert all(len(found) == 1 for found in forward.values()), forward
    shown = {next(iter(found)) for found in forward.values()}
    assert {"El Yassini", "Kröger", "Rajkowski", "Van der Staaij", "Motie El Yassini (29861-82)",
            "Motie Van der Staaij (32317-836)", "Motie Kröger, Rajkowski"} <= shown, shown


# -- members with their fractie ----------------------------------------------------------------

from kamergraaf.extract.members import printed_members, rows_from_odata, seat_on  # noqa: E402

from .conftest import ROOT  # noqa: E402


@pytest.mark.parametrize("text,expected", [
    ("de motie van de leden Van Haersma Buma (CDA), Pechtold (D66) en Van der Staaij (SGP) ingediend",
     [("Van Haersma Buma", "cda"), ("Pechtold", "d66"), ("Van der Staaij", "sgp")]),
    ("De heer Eerdmans (JA21):\nVoorzitter.", [("Eerdmans", "ja21")]),
    ("Mevrouw Ellemeet ( GroenLinks ):", [("Ellemeet", "groenlinks")]),
    ("Vragen van de leden Van Toorenburg (CDA) en Groothuizen (D66) aan de Staatssecretaris",
     [("Van Toorenburg", "cda"), ("Groothuizen", "d66")]),
    ("zoals het lid Voortman (GL) verzocht", [("Voortman", "groenlinks")]),
    ("Motie van de leden Piri (GL-PvdA) en Veldkamp (NSC) over het postennet", [("Piri", "groenlinks-pvda"), ("Veldkamp", "nsc")]),
    ("de motie-Boomsma (NSC) en Kamerlid Van Dijk (SGP)", [("Boomsma", "nsc"), ("Van Dijk", "sgp")]),
    ("Dank u wel. De heer Drost, ChristenUnie.\nMevrouw Piri, PvdA.", [("Drost", "christenunie"), ("Piri", "pvda")]),
    ("Mevrouw Piri, voorzitter van de commissie. De heer Jansen, Den Haag.", []),
    # not a fractie in brackets, or no member meant
    ("de motie van het lid Brekelmans (Kamerstuk 36 200 VI, nr. 23)", []),
    ("het lid Jansen (2024) en de heer Klaver (voorzitter)", []),
    ("De Staatssecretaris van Justitie en Veiligheid (JenV) en Nederland (NL)", []),
])
def test_members_printed_with_their_fractie(text, expected):
    found = printed_members(text)
    assert [(m.name, m.fractie) for m in found] == expected
    assert all(text[m.start:m.end].startswith(m.name) and text[m.start:m.end] != m.name for m in found)


def test_the_members_data_join_the_fractie_by_its_open_data_id_never_by_name():
    import json

    payload = json.loads((ROOT / "tests/fixtures/odata/members.json").read_text(encoding="utf-8"))
    rows = rows_from_odata(payload)
    assert {(r["family_name"], r["fractie"], r["from"]) for r in rows} >= {("Van der Lee", "pro", "2026-06-10"), ("Flach", "sgp", "2023-12-06")}
    # an id the fracties table does not know is left out, whatever its Afkorting says
    payload["value"][0]["FractieZetel"]["Fractie"] = {"Id": "00000000-0000-0000-0000-000000000000", "Afkorting": "VVD"}
    assert "Clemminck" not in {r["family_name"] for r in rows_from_odata(payload)}


def test_a_seat_on_a_date_from_the_members_csv():
    import datetime as dt

    seat = seat_on("Van der Lee", dt.date(2026, 7, 1))
    assert seat.fractie == "pro" and seat.record.endswith("FractieZetelPersoon(a88bdaf1-1f41-4e8e-ada2-02eab50e6021)")
    assert seat_on("van der Lee", dt.date(2026, 1, 1)) is None  # before the seat began
    assert seat_on("Jansen", dt.date(2026, 7, 1)) is None


MEMBER_LETTER = LETTER.format(date="{date}", subject="opvang", body=(
    "Hiermee voer ik de motie van het lid Westerveld (Kamerstuk 36 800 XX, nr. 12) uit. "
    "Zoals het lid Boomsma (NSC) vroeg, is ook de motie van het lid Boomsma (Kamerstuk 36 800 XX, nr. 13) uitgevoerd."))


def test_a_fractie_from_the_text_has_its_words_and_one_from_the_members_data_its_record(tmp_path):
    store = build(tmp_path, "members", [MEMBER_LETTER.replace("{date}", "1 juli 2026")])
    rows = {(r["who"].value, r["fractie"].value, r["source"].value) for r in store.query("""
        PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?who ?fractie ?source WHERE { ?m a kg:Membership ; org:member/<http://www.w3.org/2000/01/rdf-schema#label> ?who ;
          org:organization ?f . ?p kg:memberOf ?f . ?m org:member ?p . BIND(STRAFTER(STR(?f), "/fractie/") AS ?fractie)
          { ?m kg:evidence/oa:exact ?source } UNION { ?m prov:wasDerivedFrom ?r BIND(STR(?r) AS ?source) } }""")}
    assert ("Boomsma", "nsc", "Boomsma (NSC)") in rows
    assert ("Westerveld", "pro", "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/FractieZetelPersoon(7878ad7f-216a-4a16-a04c-07423a1a2ff2)") in rows
    earlier = build(tmp_path, "earlier", [MEMBER_LETTER.replace("{date}", "1 juli 2024")])  # before her seat in the data began
    assert not earlier.query("ASK { ?p <https://w3id.org/kamergraaf/def#memberOf> <https://w3id.org/kamergraaf/id/fractie/pro> }")


def test_every_document_has_one_readable_label_never_its_file_name(seeded_store):
    rows = list(seeded_store.query("""PREFIX kg: <https://w3id.org/kamergraaf/def#>
        SELECT ?file (COUNT(DISTINCT ?label) AS ?labels) (SAMPLE(?label) AS ?name) WHERE {
          ?d a kg:Document ; kg:sourceFile ?file OPTIONAL { ?d <http://www.w3.org/2000/01/rdf-schema#label> ?label } } GROUP BY ?file"""))
    names = {r["file"].value: r["name"].value for r in rows}
    assert all(int(r["labels"].value) == 1 for r in rows), rows
    assert all(file not in name and not name.endswith((".txt", ".xml", ".pdf", ".docx", ".doc")) for file, name in names.items()), names
    assert names["000_a18c50dab0394b4b.txt"] == "Verslag schriftelijk overleg 32317-789"
    assert names["002_4df700ba5a49d8e6.txt"] == "Kamerbrief van de Staatssecretaris van Justitie en Veiligheid, 16 mei 2024"
    assert names["001_3119cb9fa06b7852.txt"].startswith("Beantwoording gestelde vragen tijdens schriftelijk overleg")
