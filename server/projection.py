"""A compact networkx projection of the graph for exploring it: documents, motions, fracties, EU
instruments, commitments, Kamerstukken and persons, with weighted relations between them.

Computed from a handful of aggregate queries and cached per store version, so a graph view never
scans the store per request.
"""
from __future__ import annotations

import threading

import networkx as nx


CLASSES = {
    # class: (colour, vis shape, label in the legend)
    "Document": ("#4e79a7", "box", "document"),
    "Motion": ("#e15759", "diamond", "motion"),
    "Fractie": ("#f28e2b", "dot", "fractie"),
    "EUInstrument": ("#59a14f", "triangle", "EU instrument"),
    "Commitment": ("#d4a017", "star", "commitment"),
    "Kamerstuk": ("#b07aa1", "square", "Kamerstuk"),
    "Person": ("#76b7b2", "dot", "person"),
}
OVERVIEW_CLASSES = ["Document", "Motion", "Fractie", "EUInstrument", "Commitment"]
P = "PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX dcterms: <http://purl.org/dc/terms/> " \
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "

NODES = P + """SELECT ?x ?class ?label ?date WHERE {
  ?x a ?c . VALUES (?c ?class) { (kg:Document "Document") (kg:Motion "Motion") (kg:Fractie "Fractie")
    (kg:EUInstrument "EUInstrument") (kg:Commitment "Commitment") (kg:Kamerstuk "Kamerstuk") (kg:Person "Person") }
  OPTIONAL { ?x rdfs:label ?l } OPTIONAL { ?x skos:prefLabel ?pl } OPTIONAL { ?x dcterms:title ?t }
  OPTIONAL { ?x dcterms:date ?date }
  BIND(COALESCE(?pl, ?t, ?l, STR(?x)) AS ?label)
}"""
EDGES = [
    ("asked in", P + """SELECT ?a ?b (COUNT(?q) AS ?w) WHERE {
        ?q a kg:Question ; kg:askedBy ?a ; dcterms:isPartOf ?b } GROUP BY ?a ?b"""),
    ("mentions", P + """SELECT ?a ?b (COUNT(?m) AS ?w) WHERE {
        ?part dcterms:isPartOf ?a ; kg:hasMention ?m . ?m kg:about ?b .
        ?b a ?c FILTER(?c IN (kg:Motion, kg:EUInstrument, kg:Kamerstuk)) } GROUP BY ?a ?b"""),
    ("claims fulfilled", P + """SELECT ?a ?b (COUNT(?c) AS ?w) WHERE {
        ?c kg:target ?b ; kg:claimType kg:Fulfils ; kg:claimedIn/dcterms:isPartOf ?a } GROUP BY ?a ?b"""),
    ("in line with", P + """SELECT ?a ?b (COUNT(?c) AS ?w) WHERE {
        ?c kg:target ?b ; kg:claimType kg:InLineWith ; kg:claimedIn/dcterms:isPartOf ?a } GROUP BY ?a ?b"""),
    ("commits", P + """SELECT ?a ?b (1 AS ?w) WHERE { ?b kg:statedIn/dcterms:isPartOf ?a }"""),
    ("asked for", P + """SELECT ?a ?b (1 AS ?w) WHERE { ?b kg:inResponseTo/kg:askedBy ?a }"""),
    ("sponsor", P + """SELECT ?a ?b (1 AS ?w) WHERE { ?b kg:sponsor ?a }"""),
    ("member of", P + """SELECT ?a ?b (1 AS ?w) WHERE { ?a kg:memberOf ?b }"""),
    ("text of", P + """SELECT ?a ?b (1 AS ?w) WHERE { ?b kg:describedBy ?a }"""),
    ("is Kamerstuk", P + """SELECT ?a ?b (1 AS ?w) WHERE { { ?a kg:isKamerstuk ?b } UNION { ?a a kg:Motion ; kg:kamerstuk ?b } }"""),
]

_cache: dict = {}
_lock = threading.Lock()


def projection(store, version) -> nx.MultiDiGraph:
    """The projection of `store`, built once per store version."""
    key = (id(store), version)
    with _lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = _build(store)
        return _cache[key]


def _build(store) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for row in store.query(NODES):
        iri = row["x"].value
        if iri in graph and graph.nodes[iri].get("date"):
            continue
        graph.add_node(iri, cls=row["class"].value, label=_short(row["label"].value),
                       date=row["date"].value if row["date"] else "")
    for relation, query in EDGES:
        for row in store.query(query):
            a, b = row["a"].value, row["b"].value
            if a in graph and b in graph:
                graph.add_edge(a, b, relation=relation, weight=int(row["w"].value))
    # A commitment is dated by the document that states it.
    for a, b, data in graph.edges(data=True):
        if data["relation"] == "commits" and not graph.nodes[b]["date"]:
            graph.nodes[b]["date"] = graph.nodes[a]["date"]
    return graph


def _short(label: str, limit: int = 60) -> str:
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1] + "…"
