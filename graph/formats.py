"""Serialisation formats by short name, with their media types (one table for CLI and server)."""
from __future__ import annotations

from typing import NamedTuple

import pyoxigraph as ox


class Format(NamedTuple):
    media_type: str
    oxigraph: object


# SELECT / ASK results (SPARQL 1.1 Query Results formats).
RESULT_FORMATS = {
    "json": Format("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": Format("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": Format("text/csv", ox.QueryResultsFormat.CSV),
    "tsv": Format("text/tab-separated-values", ox.QueryResultsFormat.TSV),
}
# RDF graphs and datasets.
RDF_FORMATS = {
    "turtle": Format("text/turtle", ox.RdfFormat.TURTLE),
    "ntriples": Format("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": Format("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": Format("application/rdf+xml", ox.RdfFormat.RDF_XML),
    "nquads": Format("application/n-quads", ox.RdfFormat.N_QUADS),
    "trig": Format("application/trig", ox.RdfFormat.TRIG),
}
