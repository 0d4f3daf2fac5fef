"""Facts derived from the whole graph, recomputed after every build (so they stay consistent with
whatever documents are in the store): the status of each commitment."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from .iris import KG

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
