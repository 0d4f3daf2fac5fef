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
