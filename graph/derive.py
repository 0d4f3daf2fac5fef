"""Facts derived from the whole graph, recomputed after every build (so they stay consistent with
whatever documents are in the store): the status of each commitment."""
from __future__ import annotations

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
    """The kg:status triples for the commitments of an rdflib graph."""
    result = Graph()
    for triple in graph.query(STATUS):
        result.add(triple)
    return result
