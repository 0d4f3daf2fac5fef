"""A larger, generated graph (for the node budget), written straight into a store in the shape
the builder produces: documents with questions of fracties and mentions of motions and EU instruments."""
import random

import pyoxigraph as ox

KG = "https://w3id.org/kamergraaf/def#"
BASE = "https://w3id.org/kamergraaf/id/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
PART_OF = ox.NamedNode("http://purl.org/dc/terms/isPartOf")
DATE = ox.NamedNode("http://purl.org/dc/terms/date")
FRACTIES = ["vvd", "d66", "pvv", "sp", "cda", "nsc", "bbb", "volt", "sgp", "groenlinks-pvda"]


def node(path):
    return ox.NamedNode(BASE + path)


def kg(name):
    return ox.NamedNode(KG + name)


def generate(location, documents=300, motions=400, instruments=60, seed=1) -> int:
    """Fill the store at `location`; returns the number of nodes the projection will hold."""
    rng = random.Random(seed)
    store = ox.Store(str(location))
    quads = []

    def add(s, p, o, graph):
        quads.append(ox.Quad(s, p, o, graph))

    shared = node("graph/entities")
    for slug in FRACTIES:
        add(node(f"fractie/{slug}"), RDF_TYPE, kg("Fractie"), shared)
        add(node(f"fractie/{slug}"), LABEL, ox.Literal(slug.upper()), shared)
    for i in range(motions):
        add(node(f"motie/s-{i}"), RDF_TYPE, kg("Motion"), shared)
        add(node(f"motie/s-{i}"), LABEL, ox.Literal(f"Motie {i}"), shared)
    for i in range(instruments):
        add(node(f"eu/x{i}"), RDF_TYPE, kg("EUInstrument"), shared)
        add(node(f"eu/x{i}"), LABEL, ox.Literal(f"Verordening {i}"), shared)
    for d in range(documents):
        graph = node(f"graph/gen-{d}")
        doc = node(f"doc/gen-{d}")
        add(doc, RDF_TYPE, kg("Document"), graph)
        add(doc, LABEL, ox.Literal(f"Document {d}"), graph)
        add(doc, DATE, ox.Literal(f"20{10 + d % 15}-0{1 + d % 9}-1{d % 9}", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")), graph)
        for q in range(3):
            question = node(f"doc/gen-{d}/question/{q}")
            add(question, RDF_TYPE, kg("Question"), graph)
            add(question, PART_OF, doc, graph)
            add(question, kg("askedBy"), node(f"fractie/{rng.choice(FRACTIES)}"), graph)
            for m in range(2):
                mention = node(f"doc/gen-{d}/question/{q}/mention/{m}")
                target = node(f"motie/s-{rng.randrange(motions)}") if m == 0 else node(f"eu/x{rng.randrange(instruments)}")
                add(question, kg("hasMention"), mention, graph)
                add(mention, kg("about"), target, graph)
    store.bulk_extend(quads)
    store.flush()
    del store
    return documents + motions + instruments + len(FRACTIES)
