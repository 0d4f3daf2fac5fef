"""Vocabulary namespaces and the minting of instance IRIs under a configurable base."""
from __future__ import annotations

import os

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..extract.names import slug



class Vocabulary(Namespace):
    """A namespace that makes each term once: building a document looks up thousands of them."""

    def __getattr__(self, name: str) -> URIRef:
        iri = super().__getattr__(name)
        self.__dict__[name] = iri
        return iri


KG = Vocabulary("https://w3id.org/kamergraaf/def#")
OA = Vocabulary("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
DEFAULT_BASE = "https://w3id.org/kamergraaf/id/"

PREFIXES = {
    "kg": KG, "oa": OA, "org": ORG, "eli": ELI, "opengov": OPENGOV, "dcterms": DCTERMS, "foaf": FOAF, "owl": OWL,
    "prov": PROV, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "xsd": XSD,
}

__all__ = ["KG", "OA", "ORG", "ELI", "OPENGOV", "DCTERMS", "FOAF", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD",
           "PREFIXES", "Minter", "slug", "DEFAULT_BASE"]


class Minter:
    """Instance IRIs: one obvious IRI per thing, so that re-ingest and other documents agree."""

    def __init__(self, base: str | None = None):
        base = base or os.environ.get("KAMERGRAAF_BASE") or DEFAULT_BASE
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def __call__(self, *path: str) -> URIRef:
        return URIRef(self.base + "/".join(path))

    def document(self, doc_id: str) -> URIRef:
        return self("doc", doc_id)

    def graph(self, doc_id: str) -> URIRef:
        return self("graph", doc_id)

    def part(self, doc_id: str, kind: str, ordinal: int) -> URIRef:
        return self("doc", doc_id, kind, str(ordinal))

    def fractie(self, fractie_slug: str) -> URIRef:
        return self("fractie", fractie_slug)

    def kamerstuk(self, identifier: str) -> URIRef:
        return self("kamerstuk", identifier)

    def person(self, name: str) -> URIRef:
        return self("persoon", slug(name))

    def motion(self, key: str) -> URIRef:
        return self("motie", key)

    def vote_event(self, motion_key: str, occasion: str) -> URIRef:
        """One vote on one motion: the same IRI from the Handelingen and from the open data."""
        return self("stemming", motion_key, occasion)

    @property
    def entities_graph(self) -> URIRef:
        return self("graph", "entities")

    @property
    def reference_graph(self) -> URIRef:
        return self("graph", "reference")
