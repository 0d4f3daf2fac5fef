"""Facts derived from the whole graph, recomputed after every build (so they stay consistent with
whatever documents are in the store): the status of each commitment; the one label of each person
and each motion, chosen from the spellings of every document."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from ..extract.names import preferred_spelling, standalone
from .iris import FOAF, KG, RDFS

# Openstaand unless a fulfilment claim (kg:Fulfils) in another, not earlier, document targets it.
STATUS = f"""
PREFIX kg: <{KG}>
PREFIX dcterms: <http://purl.org/dc/terms/>
CONSTRUCT {{ ?commitment kg:status ?status }} WHERE {{
  ?commitment a kg:Commitment .
  OPTIONAL {{ ?commitment kg:statedIn/dcterms:isPartOf ?made . OPTIONAL {{ ?made dcterms:date ?madeOn }} }}
  OPTIONAL {{
    ?claim kg:target ?commitment ; kg:claimType kg:Fulfils ; kg:claimedIn/dcterms:isPartOf ?claimedDoc .
    OPTIONAL {{ ?claimedDoc dcterms:date ?claimedOn }}
    FILTER (!BOUND(?made) || ?claimedDoc != ?made)
    FILTER (!BOUND(?madeOn) || !BOUND(?claimedOn) || ?claimedOn >= ?madeOn)
  }}
  BIND (IF(BOUND(?claim), kg:Voldaan, kg:Openstaand) AS ?status)
}}"""


def statuses(graph: Graph) -> Graph:
    """The kg:status triples for the commitments of an rdflib graph (derived as add_statuses does)."""
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    derived = ox.serialize(store.query(STATUS), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=derived.decode("utf-8"), format="nt")


def add_statuses(store: ox.Store) -> None:
    """Add the kg:status triples to an in-memory Oxigraph store holding one document's graphs."""
    store.extend([ox.Quad(s, p, o) for s, p, o in store.query(STATUS)])


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def person_labels(spellings: dict[str, dict[str, int]], official: dict[str, str] | None = None) -> dict[str, str]:
    """Person IRI → the one name shown: the members data's spelling when it knows the person,
    else the preferred of the spellings the documents print (spelling → number of documents)."""
    official = official or {}
    labels = {}
    for person, found in spellings.items():
        standing_alone: dict[str, int] = {}  # "van der Staaij" and "Van der Staaij" are one spelling
        for spelling, count in found.items():
            standing_alone[standalone(spelling)] = standing_alone.get(standalone(spelling), 0) + count
        labels[person] = official.get(person) or preferred_spelling(standing_alone)
    return labels


def motion_label(sponsors: list[str], first: set[str], number: str | None) -> str:
    """"Motie Van Haersma Buma, Pechtold, Van der Staaij (21501-20-963)": the sponsors' labels,
    the first signer first (whoever a document prints first; several: in alphabetical order),
    then the others alphabetically — the same label whatever order the documents came in."""
    names = sorted(set(sponsors), key=lambda n: (n not in first, n.casefold(), n))
    return " ".join(filter(None, ["Motie", ", ".join(names), f"({number})" if number and names else number]))


def label_triples(persons: dict[str, str], motions: dict[str, tuple[list[str], set[str], str | None]]) -> str:
    """N-Triples of the one rdfs:label (and foaf:name) of each person, the one rdfs:label of each
    motion (sponsor IRIs, first-printed sponsor IRIs, number or zaak)."""
    lines = []
    for person, name in sorted(persons.items()):
        lines.append(f"<{person}> <{RDFS}label> {_literal(name)} .\n")
        lines.append(f"<{person}> <{FOAF}name> {_literal(name)} .\n")
    for motion, (sponsors, first, number) in sorted(motions.items()):
        label = motion_label([persons[p] for p in sponsors if p in persons],
                             {persons[p] for p in first if p in persons}, number)
        lines.append(f"<{motion}> <{RDFS}label> {_literal(label)} .\n")
    return "".join(lines)
