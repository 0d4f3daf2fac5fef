"""The query editor's example queries are written for Oxigraph's joins; each must give the same
answers as its plain form (bench/queries.py): on a generated graph, and on a small graph written
for the cases a rewrite could get wrong (filters, missing and repeated values, joint questions)."""
import sys
from collections import Counter

import pyoxigraph as ox
import pytest

from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.store import KnowledgeStore
from kamergraaf.server.discovery import EXAMPLE_QUERIES

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate  # noqa: E402
from queries import PLAIN_FORMS  # noqa: E402

# Documents d1, d2 with parts; commitments c1–c8 (statuses in the derived graph, as the build
# writes them); answers a1–a3 to questions q1–q3; instruments i1–i3 mentioned in m1–m5.
CASES = """
@prefix kg: <https://w3id.org/kamergraaf/def#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <http://example.org/> .

:g1 {
  :d1 a kg:Document ; kg:sourceFile "d1.txt" ; rdfs:label "Kamerbrief 1" .
  :d2 a kg:Document ; kg:sourceFile "d2.txt" ; rdfs:label "Kamerbrief 2" .
  :p1 dcterms:isPartOf :d1 . :p2 dcterms:isPartOf :d2 .
  :c1 a kg:Commitment ; kg:commitmentType kg:Toezegging ; kg:deadline "2024-06-01"^^xsd:date ;
      kg:actor "ik" ; kg:text "open, due in 2024" ; kg:statedIn :p1 .
  :c2 a kg:Commitment ; kg:commitmentType kg:Toezegging ; kg:deadline "2024-01-01"^^xsd:date ;
      kg:actor "ik" ; kg:text "kept" ; kg:statedIn :p1 .
  :c3 a kg:Commitment ; kg:commitmentType kg:Beleidsinzet ; kg:deadline "2024-03-01"^^xsd:date ;
      kg:actor "kabinet" ; kg:text "policy, not a promise" ; kg:statedIn :p1 .
  :c4 a kg:Commitment ; kg:commitmentType kg:Toezegging ; kg:deadline "2025-01-01"^^xsd:date ;
      kg:actor "ik" ; kg:text "due on the day" ; kg:statedIn :p1 .
  :c5 a kg:Commitment ; kg:commitmentType kg:Toezegging ; kg:deadline "2026-01-01"^^xsd:date ;
      kg:actor "ik" ; kg:text "due later" ; kg:statedIn :p1 .
  :c6 a kg:Commitment ; kg:commitmentType kg:Toezegging ; kg:actor "ik" ; kg:text "no deadline" ; kg:statedIn :p1 .
  :c7 a kg:Commitment ; kg:commitmentType kg:Toezegging ; kg:deadline "2023-05-01"^^xsd:date ;
      kg:actor "minister" , "staatssecretaris" ; kg:text "two actors" ; kg:statedIn :p2 .
  :c8 kg:commitmentType kg:Toezegging ; kg:deadline "2023-01-01"^^xsd:date ;
      kg:actor "ik" ; kg:text "typed nowhere" ; kg:statedIn :p2 .
  :q1 kg:askedBy :vvd . :q2 kg:askedBy :pvda , :gl . :q3 kg:askedBy :vvd .
  :a1 kg:answers :q1 . :a2 kg:answers :q2 . :a3 kg:answers :q2 .
  :p1 kg:hasMention :m1 , :m2 . :p2 kg:hasMention :m3 , :m4 , :m5 .
  :m1 kg:about :i1 . :m2 kg:about :i1 . :m3 kg:about :i2 . :m4 kg:about :i3 . :m5 kg:about :kst .
}
:derived {
  :c1 kg:status kg:Openstaand . :c2 kg:status kg:Voldaan . :c3 kg:status kg:Openstaand .
  :c4 kg:status kg:Openstaand . :c5 kg:status kg:Openstaand . :c6 kg:status kg:Openstaand .
  :c7 kg:status kg:Openstaand . :c8 kg:status kg:Openstaand .
}
:entities {
  :vvd skos:prefLabel "VVD" . :pvda skos:prefLabel "PvdA" . :gl skos:prefLabel "GroenLinks" , "GL"@nl .
  :i1 a kg:EUInstrument ; rdfs:label "Dublinverordening" ; kg:celex "32013R0604" .
  :i2 a kg:EUInstrument ; rdfs:label "Terugkeerrichtlijn" , "Richtlijn 2008/115/EG" ; kg:celex "32008L0115" .
  :i3 a kg:EUInstrument ; rdfs:label "Asiel- en Migratiepact" .
  :kst a kg:Kamerstuk ; rdfs:label "Kamerstuk 32317-1" .
}
"""
# What the plain forms answer on CASES (rows per example), so that the cases do matter.
EXPECTED_ROWS = {"Open toezeggingen with a deadline before a date": 3, "Answers per fractie": 4,
                 "EU instruments cited per document": 4}


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    generate(40, folder / "corpus")
    store = KnowledgeStore(folder / "store")
    assert all(r.ok for r in ingest(store, [folder / "corpus"], jobs=1))
    return store.store


@pytest.fixture(scope="module")
def cases_store():
    store = ox.Store()
    store.load(CASES.encode(), format=ox.RdfFormat.TRIG)
    return store


def answers(store, query) -> Counter:
    return Counter(tuple(str(term) for term in row) for row in store.query(query, use_default_graph_as_union=True))


@pytest.mark.parametrize("title", sorted(PLAIN_FORMS))
def test_example_query_answers_as_its_plain_form(generated_store, title):
    example = dict(EXAMPLE_QUERIES)[title]
    assert example != PLAIN_FORMS[title]
    found = answers(generated_store, example)
    assert found, "the generated graph should hold answers to every example"
    assert found == answers(generated_store, PLAIN_FORMS[title])


@pytest.mark.parametrize("title", sorted(PLAIN_FORMS))
def test_example_query_answers_as_its_plain_form_on_hard_cases(cases_store, title):
    plain = answers(cases_store, PLAIN_FORMS[title])
    assert sum(plain.values()) == EXPECTED_ROWS[title]
    assert answers(cases_store, dict(EXAMPLE_QUERIES)[title]) == plain


def test_the_hard_cases_are_the_ones_meant(cases_store):
    toezeggingen = answers(cases_store, dict(EXAMPLE_QUERIES)["Open toezeggingen with a deadline before a date"])
    assert sorted(row[2] for row in toezeggingen.elements()) == ['"open, due in 2024"', '"two actors"', '"two actors"']
    per_fractie = {row[0]: row[1] for row in answers(cases_store, dict(EXAMPLE_QUERIES)["Answers per fractie"])}
    assert per_fractie == {'"VVD"': '"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
                           '"PvdA"': '"2"^^<http://www.w3.org/2001/XMLSchema#integer>',
                           '"GroenLinks"': '"2"^^<http://www.w3.org/2001/XMLSchema#integer>',
                           '"GL"@nl': '"2"^^<http://www.w3.org/2001/XMLSchema#integer>'}


def test_motions_claimed_as_fulfilled_give_one_row_per_claim(seeded_store):
    """One label per motion (graph.derive): no claim is listed twice under two spellings or two
    orders of its sponsors ("Motie El Yassini" / "Motie el-Yassini", "Boomsma, Rajkowski" / "Rajkowski, Boomsma")."""
    query = dict(EXAMPLE_QUERIES)["Motions claimed as fulfilled, by document and date"]
    found = list(seeded_store.query(query))
    [claims] = seeded_store.query(
        "PREFIX kg: <https://w3id.org/kamergraaf/def#> SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { "
        "?c a kg:FulfilmentClaim ; kg:target ?m . ?m a kg:Motion "
        "FILTER NOT EXISTS { ?m <http://www.w3.org/2002/07/owl#sameAs> ?numbered } }")
    assert len(found) == int(claims["n"].value) == 14
    labels = {row["motion"].value for row in found}
    assert "Motie El Yassini (29861-82)" in labels and "Motie el-Yassini (29861-82)" not in labels
    assert "Motie Boomsma, Rajkowski" in labels and "Motie Rajkowski, Boomsma" not in labels
