"""The auditor's queries the benchmark times: lookups about one thing (a motion's trail, one
document's commitments and claims, where a Kamerstuk is cited) and the aggregate example queries
the query editor offers. Lookups are filled in with things that exist in the store being measured.

The example queries are written for Oxigraph (see `kamergraaf.server.discovery`); PLAIN_FORMS
holds each as first written — every join a triple pattern — so that both engines can be timed on
both forms, and a test checks that each pair gives the same answers (on a generated graph and on
hand-written hard cases).
"""
from __future__ import annotations

from kamergraaf.server.discovery import EXAMPLE_QUERIES, PREFIXES

# (title, query with {iri}, query that picks the IRI)
LOOKUPS = [
    ("Lookup: every claim about one motion (its trail)", """
SELECT ?claim ?type ?document ?date ?quote WHERE {
  ?claim kg:target <{iri}> ; kg:claimType ?type ; kg:claimedIn ?part ; kg:evidence/oa:exact ?quote .
  ?part dcterms:isPartOf ?doc . ?doc kg:sourceFile ?document . OPTIONAL { ?doc dcterms:date ?date }
}""", "SELECT ?x WHERE { ?c kg:target ?x . ?x a kg:Motion } ORDER BY ?x LIMIT 1"),
    ("Lookup: commitments stated in one document, with status", """
SELECT ?commitment ?type ?status ?deadline ?text WHERE {
  ?part dcterms:isPartOf <{iri}> . ?commitment kg:statedIn ?part ; kg:commitmentType ?type ; kg:status ?status ; kg:text ?text .
  OPTIONAL { ?commitment kg:deadline ?deadline }
}""", "SELECT ?x WHERE { ?c kg:statedIn/dcterms:isPartOf ?x } ORDER BY ?x LIMIT 1"),
    ("Lookup: motions one document claims to have carried out", """
SELECT DISTINCT ?motion ?label WHERE {
  ?part dcterms:isPartOf <{iri}> . ?claim kg:claimedIn ?part ; kg:claimType kg:Fulfils ; kg:target ?motion .
  ?motion rdfs:label ?label ; a kg:Motion .
}""", 
     "SELECT ?x WHERE { ?c kg:claimType kg:Fulfils ; kg:target ?m ; kg:claimedIn/dcterms:isPartOf ?x . ?m a kg:Motion } "
     "ORDER BY ?x LIMIT 1"),
    ("Lookup: where one Kamerstuk is cited", """
SELECT ?document ?quote WHERE {
  ?mention kg:about <{iri}> ; kg:evidence/oa:exact ?quote . ?part kg:hasMention ?mention ; dcterms:isPartOf ?doc .
  ?doc kg:sourceFile ?document
}""", 
     "SELECT ?x WHERE { ?x a kg:Kamerstuk . ?m kg:about ?x } GROUP BY ?x ORDER BY DESC(COUNT(?m)) ?x LIMIT 1"),
]


PLAIN_FORMS = {
    "Open toezeggingen with a deadline before a date": PREFIXES + """
SELECT ?deadline ?actor ?text ?document ?doc WHERE {
  ?c a kg:Commitment ; kg:commitmentType kg:Toezegging ; kg:status kg:Openstaand ;
     kg:deadline ?deadline ; kg:actor ?actor ; kg:text ?text ; kg:statedIn/dcterms:isPartOf ?doc . ?doc rdfs:label ?document .
  FILTER (?deadline < "2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date>)
} ORDER BY ?deadline""",
    "Answers per fractie": PREFIXES + """
SELECT ?fractie (COUNT(DISTINCT ?answer) AS ?answers) WHERE {
  ?answer kg:answers ?question . ?question kg:askedBy ?f . ?f skos:prefLabel ?fractie .
} GROUP BY ?fractie ORDER BY DESC(?answers)""",
    "EU instruments cited per document": PREFIXES + """
SELECT ?document ?doc ?instrument ?celex (COUNT(?mention) AS ?mentions) WHERE {
  ?i a kg:EUInstrument ; rdfs:label ?instrument .
  ?mention kg:about ?i . ?part kg:hasMention ?mention ; dcterms:isPartOf ?doc . ?doc a kg:Document ; rdfs:label ?document .
  OPTIONAL { ?i kg:celex ?celex }
} GROUP BY ?document ?doc ?instrument ?celex ORDER BY ?document ?doc DESC(?mentions)""",
}


def auditor_queries(store) -> list[tuple[str, str, str]]:
    """(kind, title, query) for a pyoxigraph store: "lookup" or "aggregate"."""
    queries = []
    for title, template, pick in LOOKUPS:
        rows = list(store.query(PREFIXES + pick, use_default_graph_as_union=True))
        if rows:
            queries.append(("lookup", title, PREFIXES + template.replace("{iri}", rows[0]["x"].value)))
    queries += [("aggregate", title, query) for title, query in EXAMPLE_QUERIES]
    return queries
