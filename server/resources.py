"""Dereferenceable resources (`/id/…`), the ontology (`/def`) and the shapes (`/shapes`).

Every instance IRI under the configured base resolves here, and so do the ontology and the
shapes, each in one way: HTML for browsers; Turtle, JSON-LD, RDF/XML or N-Triples by content
negotiation (answers carry ``Vary: Accept``) or by suffix (`.ttl`, `.jsonld`, `.rdf`, `.nt`).
"""
from __future__ import annotations

import functools
import re
from importlib import resources as package_files

import pyoxigraph as ox
from flask import Blueprint, Response, abort, render_template, request
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ..graph.iris import KG, OA, PREFIXES
from .passages import source_link
from .results import PREFIX_IRIS, write_graph

blueprint = Blueprint("resources", __name__)

SUFFIXES = {".ttl": "text/turtle", ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml",
            ".nt": "application/n-triples"}
RDF_TYPES = list(SUFFIXES.values())
SHAPES_PREFIXES = PREFIX_IRIS | {"sh": "http://www.w3.org/ns/shacl#", "kgsh": "https://w3id.org/kamergraaf/shapes#"}
HIDDEN = {str(KG.sourceText)}  # shown as a link to the source view, not inline
INCOMING_LIMIT = 300


# Characters an IRI written <…> in SPARQL may not contain: IRIs from URLs are checked against
# them before they go into a query, so a request cannot change the query it is put in.
NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def checked_iri(iri: str) -> str:
    if NOT_IN_IRI.search(iri):
        abort(404, description="Not a resource of this dataset.")
    return iri


def _site():
    from .sparql import site

    return site()


def curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return iri


def negotiated() -> str:
    """text/html or one of RDF_TYPES, as the Accept header asks (HTML when it names none); 406
    when it accepts none of them."""
    if not request.accept_mimetypes:
        return "text/html"
    best = request.accept_mimetypes.best_match(["text/html", *RDF_TYPES])
    if best is None:
        abort(406, description="Ask for text/html, " + ", ".join(RDF_TYPES) + ".")
    return best


def rdf_response(body: bytes, media_type: str, by_suffix: bool) -> Response:
    # A suffix names one representation; without it the answer depends on the Accept header.
    headers = {"Access-Control-Allow-Origin": "*"} | ({} if by_suffix else {"Vary": "Accept"})
    return Response(body, mimetype=media_type, headers=headers)


@blueprint.get("/id/<path:rest>")
def resource(rest: str):
    site = _site()
    store = site.current()
    iri, media_type = checked_iri(site.mint.base + rest), None
    if not _exists(store, iri):
        for suffix, forced in SUFFIXES.items():
            if rest.endswith(suffix) and _exists(store, site.mint.base + rest[: -len(suffix)]):
                iri, media_type = site.mint.base + rest[: -len(suffix)], forced
                break
        else:
            abort(404, description=f"Nothing is known about <{iri}>.")
    by_suffix = media_type is not None
    media_type = media_type or negotiated()
    if media_type != "text/html":
        triples = store.query(
            f"CONSTRUCT {{ <{iri}> ?p ?o . ?e ?ep ?eo . ?s ?q <{iri}> }} WHERE {{ {{ <{iri}> ?p ?o }} UNION "
            f"{{ <{iri}> <{KG.evidence}> ?e . ?e ?ep ?eo }} UNION {{ SELECT ?s ?q WHERE {{ ?s ?q <{iri}> }} LIMIT {INCOMING_LIMIT} }} }}")
        return rdf_response(write_graph(triples, media_type), media_type, by_suffix)
    return Response(render_template("resource.html", **describe(store, site.mint.base, iri)), mimetype="text/html",
                    headers={"Vary": "Accept"})


def _exists(store, iri: str) -> bool:
    return bool(store.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}"))


def _term(term, base: str) -> dict:
    if isinstance(term, ox.NamedNode):
        local = "/id/" + term.value[len(base):] if term.value.startswith(base) else None
        return {"kind": "iri", "value": term.value, "href": local or term.value, "text": curie(term.value)}
    if isinstance(term, ox.Literal):
        return {"kind": "literal", "value": term.value, "lang": term.language or "",
                "datatype": "" if term.language or term.datatype.value.endswith("#string") else curie(term.datatype.value)}
    return {"kind": "bnode", "value": str(term), "text": str(term)}


def describe(store, base: str, iri: str) -> dict:
    """What the HTML page of a resource shows."""
    outgoing = []
    for row in store.query(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} ORDER BY ?p ?o"):
        if row["p"].value in HIDDEN:
            outgoing.append({"property": _term(row["p"], base), "value": {"kind": "literal", "value": f"({len(row['o'].value)} characters — see the source view)", "lang": "", "datatype": ""}})
            continue
        outgoing.append({"property": _term(row["p"], base), "value": _term(row["o"], base)})
    incoming = [{"subject": _term(r["s"], base), "property": _term(r["p"], base),
                 "label": r["label"].value if r["label"] else ""} for r in store.query(
        f"SELECT ?s ?p (SAMPLE(?l) AS ?label) WHERE {{ ?s ?p <{iri}> OPTIONAL {{ ?s <{RDFS.label}> ?l }} }} "
        f"GROUP BY ?s ?p ORDER BY ?p ?s LIMIT {INCOMING_LIMIT}")]
    label = next((o["value"]["value"] for o in outgoing if o["property"]["value"] == str(RDFS.label)), iri.rsplit("/", 1)[-1])
    types = [o["value"] for o in outgoing if o["property"]["value"] == str(RDF.type)]
    evidence = [{"exact": r["exact"].value, "start": int(r["start"].value), "end": int(r["end"].value),
                 "document": _term(r["doc"], base), "document_label": (r["docLabel"] or r["file"]).value,
                 "file": r["file"].value, "via": _term(r["via"], base)}
                for r in store.query(f"""
        SELECT ?exact ?start ?end ?doc ?docLabel ?file ?via WHERE {{
          {{ <{iri}> <{KG.evidence}> ?e . BIND(<{iri}> AS ?via) }}
          UNION {{ ?via <{KG.about}> <{iri}> ; <{KG.evidence}> ?e }}
          ?e <{OA.exact}> ?exact ; <{OA.start}> ?start ; <{OA.end}> ?end ; <http://purl.org/dc/terms/source> ?doc .
          ?doc <{KG.sourceFile}> ?file OPTIONAL {{ ?doc <{RDFS.label}> ?docLabel }}
        }} ORDER BY ?file ?start LIMIT 200""")]
    for quote in evidence:
        quote["source_view"] = source_link(quote["document"]["value"], base, quote["start"], quote["end"])
    return {"iri": iri, "label": label, "types": types, "outgoing": outgoing, "incoming": incoming,
            "evidence": evidence, "incoming_limit": INCOMING_LIMIT}


# -- ontology and shapes ------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _package_text(package: str, name: str) -> str:
    return package_files.files(package).joinpath(name).read_text(encoding="utf-8")


def _ontology_terms() -> dict:
    graph = Graph().parse(data=_package_text("kamergraaf.ontology", "kamergraaf.ttl"), format="turtle")

    def text(term, predicate, lang):
        return next((str(v) for v in graph.objects(term, predicate) if getattr(v, "language", None) == lang), "")

    def entry(term):
        return {"name": str(term).split("#", 1)[-1], "iri": str(term),
                "label_nl": text(term, RDFS.label, "nl"), "label_en": text(term, RDFS.label, "en"),
                "comment_nl": text(term, RDFS.comment, "nl"), "comment_en": text(term, RDFS.comment, "en"),
                "domain": [curie(str(d)) for d in graph.objects(term, RDFS.domain)],
                "range": [curie(str(r)) for r in graph.objects(term, RDFS.range)],
                "parents": [curie(str(p)) for p in graph.objects(term, RDFS.subClassOf)],
                "types": [curie(str(t)) for t in graph.objects(term, RDF.type)]}

    ours = lambda t: isinstance(t, URIRef) and str(t).startswith(str(KG))  # noqa: E731
    classes = sorted((entry(t) for t in graph.subjects(RDF.type, OWL.Class) if ours(t)), key=lambda e: e["name"])
    properties = sorted((entry(t) for t in set(graph.subjects(RDF.type, OWL.ObjectProperty)) |
                         set(graph.subjects(RDF.type, OWL.DatatypeProperty)) if ours(t)), key=lambda e: e["name"])
    known = {e["iri"] for e in classes + properties}
    concepts = sorted((entry(t) for t in set(graph.subjects(RDFS.label, None)) if ours(t) and str(t) not in known),
                      key=lambda e: e["name"])
    return {"classes": classes, "properties": properties, "concepts": concepts}


@functools.lru_cache(maxsize=16)
def _package_graph(package: str, media_type: str, prefixes: tuple) -> bytes:
    """A package's Turtle file as written (with its comments), or converted to `media_type`."""
    text = _package_text(package, "kamergraaf.ttl")
    if media_type == "text/turtle":
        return text.encode()
    return write_graph(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE), media_type, dict(prefixes))


def _package_answer(package: str, suffix: str | None, page, prefixes: dict = PREFIX_IRIS) -> Response:
    """The ontology or the shapes: the page `page()` renders for browsers, or RDF."""
    media_type = SUFFIXES["." + suffix] if suffix else negotiated()
    if media_type == "text/html":
        return Response(page(), mimetype="text/html", headers={"Vary": "Accept"})
    return rdf_response(_package_graph(package, media_type, tuple(prefixes.items())), media_type, suffix is not None)


@blueprint.get("/def")
@blueprint.get("/def.<any(ttl, jsonld, rdf, nt):suffix>")
def ontology(suffix: str | None = None):
    return _package_answer("kamergraaf.ontology", suffix, lambda: render_template("def.html", **_ontology_terms()))


@blueprint.get("/shapes")
@blueprint.get("/shapes.<any(ttl, jsonld, rdf, nt):suffix>")
def shapes(suffix: str | None = None):
    return _package_answer("kamergraaf.shapes", suffix, lambda: render_template(
        "shapes.html", turtle=_package_text("kamergraaf.shapes", "kamergraaf.ttl")), SHAPES_PREFIXES)
