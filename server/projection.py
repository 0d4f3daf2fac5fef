"""A compact networkx projection of the graph for exploring it: dossiers, documents, motions,
commitments, EU instruments, Kamerstukken, persons and fracties, with weighted relations between them.

Computed from a handful of aggregate queries and cached per store version, so a graph view never
scans the store per request. Every node carries the short human label the view shows (documents by
their rdfs:label, commitments by type, actor and first words — never a file name) and the few facts
the layout needs (date, dossier).
"""
from __future__ import annotations

import re
import threading

import networkx as nx


CLASSES = {
    # class: (colour, vis shape, label in the legend, layout tier from top to bottom)
    "Dossier": ("#9c755f", "ellipse", "dossier", 0),
    "Document": ("#4e79a7", "box", "document", 1),
    "Motion": ("#e15759", "diamond", "motie", 2),
    "Kamerstuk": ("#b07aa1", "square", "Kamerstuk", 3),
    "EUInstrument": ("#59a14f", "triangle", "EU instrument", 3),
    "Commitment": ("#d4a017", "star", "toezegging / beleidsinzet", 3),
    "Person": ("#76b7b2", "dot", "Kamerlid", 4),
    "Fractie": ("#f28e2b", "dot", "fractie", 5),
}
P = "PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX dcterms: <http://purl.org/dc/terms/> " \
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> " \
    "PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX owl: <http://www.w3.org/2002/07/owl#> "

# One query per class: each knows where its class keeps a human name.
NODES = {
    "Document": P + """SELECT ?x (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?title) (SAMPLE(?f) AS ?file) (MIN(?d) AS ?date)
        (SAMPLE(?k) AS ?number) (SAMPLE(?ds) AS ?dossier) WHERE { ?x a kg:Document OPTIONAL { ?x rdfs:label ?l }
        OPTIONAL { ?x dcterms:title ?t } OPTIONAL { ?x kg:sourceFile ?f }
        OPTIONAL { ?x dcterms:date ?d } OPTIONAL { ?x kg:isKamerstuk ?ks . ?ks kg:identifier ?k OPTIONAL { ?ks kg:dossier ?ds } }
        } GROUP BY ?x""",
    "Motion": P + """SELECT ?x (MIN(?l) AS ?label) (MIN(?d) AS ?date) (SAMPLE(?k) AS ?number) (SAMPLE(?ds) AS ?dossier)
        (SAMPLE(?o) AS ?outcome) (SAMPLE(?s) AS ?status) WHERE { ?x a kg:Motion FILTER NOT EXISTS { ?x owl:sameAs ?other }
        OPTIONAL { ?x rdfs:label ?l } OPTIONAL { ?x dcterms:date ?d }
        OPTIONAL { ?x kg:kamerstuk ?ks . ?ks kg:identifier ?k OPTIONAL { ?ks kg:dossier ?ds } }
        OPTIONAL { ?x kg:outcome/skos:prefLabel ?o FILTER(LANG(?o) = "nl") }
        OPTIONAL { ?x kg:executionStatus/skos:prefLabel ?s FILTER(LANG(?s) = "en") } } GROUP BY ?x""",
    "Commitment": P + """SELECT ?x (SAMPLE(?ty) AS ?kind) (SAMPLE(?a) AS ?actor) (SAMPLE(?tx) AS ?text) (SAMPLE(?l) AS ?label)
        (SAMPLE(?s) AS ?status) (MIN(?d) AS ?date) WHERE { ?x a kg:Commitment FILTER NOT EXISTS { ?x kg:retracted true }
        OPTIONAL { ?x kg:commitmentType/skos:prefLabel ?ty FILTER(LANG(?ty) = "nl") } OPTIONAL { ?x kg:actor ?a }
        OPTIONAL { ?x kg:text ?tx } OPTIONAL { ?x rdfs:label ?l }
        OPTIONAL { ?x kg:status/skos:prefLabel ?s FILTER(LANG(?s) = "nl") }
        OPTIONAL { { ?x dcterms:date ?d } UNION { ?x kg:statedIn/dcterms:isPartOf/dcterms:date ?d } } } GROUP BY ?x""",
    "Fractie": P + """SELECT ?x (SAMPLE(?pl) AS ?label) WHERE { ?x a kg:Fractie
        OPTIONAL { { ?x skos:prefLabel ?pl } UNION { ?x rdfs:label ?pl } } } GROUP BY ?x""",
    "Person": P + """SELECT ?x (SAMPLE(?n) AS ?label) WHERE { ?x a kg:Person
        OPTIONAL { { ?x foaf:name ?n } UNION { ?x rdfs:label ?n } } } GROUP BY ?x""",
    "EUInstrument": P + """SELECT ?x (SAMPLE(?n) AS ?label) WHERE { ?x a kg:EUInstrument
        OPTIONAL { { ?x skos:prefLabel ?n } UNION { ?x rdfs:label ?n } } } GROUP BY ?x""",
    "Kamerstuk": P + """SELECT ?x (SAMPLE(?n) AS ?label) (SAMPLE(?ds) AS ?dossier) WHERE { ?x a kg:Kamerstuk
        OPTIONAL { ?x rdfs:label ?n } OPTIONAL { ?x kg:dossier ?ds } } GROUP BY ?x""",
}
# A motion named before its number was known is one node with its numbered twin.
ALIASES = P + "SELECT ?a ?b WHERE { ?a a kg:Motion ; owl:sameAs ?b }"
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
    ("is Kamerstuk", P + """SELECT ?a ?b (1 AS ?w) WHERE { ?a kg:isKamerstuk ?b }"""),
]
LABEL_LIMIT = 56  # three lines of a wrapped label
FILE_NAME = re.compile(r"\s*(?:—|-|\bin\b)?\s*\S+\.(?:txt|xml|html?|pdf|docx?|odt|md|json)$")  # "… — 003_ab12.txt"
FACTS = ("date", "number", "dossier", "outcome", "status", "kind", "actor")  # kept on the node for layout and filters

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


def dossier_node(number: str) -> str:
    """Dossiers are no resources of the store (only a Kamerstuk's kg:dossier number): the projection
    names their nodes thus, and no IRI is pretended."""
    return f"dossier:{number}"


def _text(row, name: str) -> str:
    return " ".join(row[name].value.split()) if row[name] is not None else ""


def _build(store) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for cls, query in NODES.items():
        rows = store.query(query)
        names = [v.value for v in rows.variables if v.value in FACTS]
        for row in rows:
            iri = row["x"].value
            if iri in graph:  # typed twice: the first class wins
                continue
            facts = {name: _text(row, name) for name in names}
            name = " ".join(_label(cls, row, iri).split())
            graph.add_node(iri, cls=cls, label=_short(name), name=name, **{"date": "", **facts})
    alias = {row["a"].value: row["b"].value for row in store.query(ALIASES)}
    for relation, query in EDGES:
        for row in store.query(query):
            a, b = alias.get(row["a"].value, row["a"].value), alias.get(row["b"].value, row["b"].value)
            if a in graph and b in graph and a != b:
                graph.add_edge(a, b, relation=relation, weight=int(row["w"].value))
    for node, data in list(graph.nodes(data=True)):
        if data["cls"] in ("Document", "Motion") and data.get("dossier"):
            dossier = dossier_node(data["dossier"])
            if dossier not in graph:
                graph.add_node(dossier, cls="Dossier", label=f"Dossier {data['dossier']}", name=f"Dossier {data['dossier']}",
                               date="", number=data["dossier"])
            graph.add_edge(dossier, node, relation="in dossier", weight=1)
    # A motion with no date of its own sits on the time axis at the first document that names it.
    for node, data in graph.nodes(data=True):
        if data["cls"] == "Motion" and not data["date"]:
            dates = [graph.nodes[d]["date"] for d in graph.predecessors(node)
                     if graph.nodes[d]["cls"] == "Document" and graph.nodes[d]["date"]]
            data["date"] = min(dates, default="")
    return graph


def _label(cls: str, row, iri: str) -> str:
    if cls == "Commitment":
        # "Toezegging (staatssecretaris): Ik zal de Kamer …" — the generated rdfs:label names a file.
        kind, actor = _text(row, "kind") or "toezegging", _text(row, "actor")
        text = _text(row, "text") or FILE_NAME.sub("", _text(row, "label"))
        return f"{kind}{f' ({actor})' if actor else ''}: {text}" if text else kind
    if cls == "Document":
        # Its rdfs:label, unless that is only the file name (an older build): then its title or its date.
        label = _text(row, "label")
        if not label or label == _text(row, "file"):
            label = _text(row, "title") or " ".join(filter(None, ("Document", _text(row, "number"), _text(row, "date"))))
        return label
    return _text(row, "label") or iri.rsplit("/", 1)[-1]


def _short(label: str, limit: int = LABEL_LIMIT) -> str:
    """At most `limit` characters; a closing "(36410-VI-85)" (a motion's number) is kept whole."""
    if len(label) <= limit:
        return label
    tail = label[label.rindex(" (") :] if label.endswith(")") and " (" in label and len(label) - label.rindex(" (") < limit / 2 else ""
    return label[: limit - 1 - len(tail)].rstrip(" ,") + "…" + tail
