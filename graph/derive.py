"""Facts derived from the whole graph, recomputed after every build (so they stay consistent with
whatever documents are in the store): the status of each commitment."""
from __future__ import annotations

import functools

import pyoxigraph as ox
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

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


@functools.lru_cache(maxsize=1)
def _prepared_status():
    return prepareQuery(STATUS)


def statuses(graph: Graph) -> Graph:
    """The kg:status triples for the commitments of an rdflib graph."""
    result = Graph()
    for triple in graph.query(_prepared_status()):
        result.add(triple)
    return result


def add_statuses(store: ox.Store) -> None:
    """Add the kg:status triples to an in-memory Oxigraph store holding one document's graphs."""
    store.extend([ox.Quad(s, p, o) for s, p, o in store.query(STATUS)])
