"""A fast SHACL engine for kamergraaf's shapes: each constraint compiled to one SPARQL query that
Oxigraph answers over the store (or over one document's graph).

It implements the part of SHACL Core (and SHACL-SPARQL constraints) that ``shapes/`` uses — targets
by class, subjects-of and objects-of; property paths that are IRIs or inverse IRIs; min/maxCount,
class, datatype, pattern, in, nodeKind, minLength, minInclusive, or (of classes or of property
counts), node-level class and SPARQL constraints — and refuses anything else when the shapes are
loaded, so a new constraint cannot be skipped silently. pyshacl stays available as the reference
(``kamergraaf validate --engine pyshacl``); tests check that both agree.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from .validate import Violation, ontology_graph, shapes_graph

HANDLED = {SH.path, SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.pattern, SH["in"], SH.nodeKind,
           SH.minLength, SH.minInclusive, SH["or"], SH.message, SH.deactivated, SH.name, SH.description}
KGSH = "https://w3id.org/kamergraaf/shapes#"
CROSS_DOCUMENT = URIRef(KGSH + "crossDocument")
NODE_HANDLED = {SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf, SH.property, SH["class"], SH["or"],
                SH.sparql, SH.message, RDF.type, SH.deactivated, CROSS_DOCUMENT}


# Constraints with one parameter: when is a value ?v in violation of it?
VALUE_FILTERS = {
    SH.datatype: lambda d: f"!isLiteral(?v) || DATATYPE(?v) != {_term(d)}",
    SH.pattern: lambda p: f"isBlank(?v) || !REGEX(STR(?v), {Literal(str(p)).n3()})",
    SH.minLength: lambda n: f"isBlank(?v) || STRLEN(STR(?v)) < {int(n)}",
    SH.minInclusive: lambda low: f"!(?v >= {_term(low)})",
}


class UnsupportedShape(ValueError):
    pass


@dataclass(frozen=True)
class Check:
    query: str  # SELECT ?this … : one row per violating focus node
    message: str
    path: str
    cross_document: bool = False  # about things several documents describe


def _term(node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise UnsupportedShape(f"unsupported term {node!r}")


def _curie(iri: str) -> str:
    from .iris import PREFIXES

    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return iri


class Compiler:
    def __init__(self, shapes: Graph, ontology: Graph | None = None):
        self.shapes = shapes
        self.subclasses = _subclass_closure(ontology if ontology is not None else Graph())

    def is_a(self, variable: str, cls) -> str:
        """`variable` has class `cls` or a subclass of it: the hierarchy comes from the ontology,
        spelled out as VALUES (much faster than an rdfs:subClassOf* path over the data)."""
        classes = " ".join(_term(c) for c in sorted(self.subclasses.get(cls, {cls}), key=str))
        name = f"{variable.lstrip('?')}_class"
        return f"VALUES ?{name} {{ {classes} }} {variable} a ?{name} ."

    def compile(self) -> list[Check]:
        checks = []
        for shape in sorted(set(self.shapes.subjects(RDF.type, SH.NodeShape)), key=str):
            cross = self.shapes.value(shape, CROSS_DOCUMENT) == Literal(True)
            checks.extend(replace(c, cross_document=cross) for c in self.node_shape(shape))
        return checks

    def node_shape(self, shape) -> list[Check]:
        checks = []
        if self.shapes.value(shape, SH.deactivated) == Literal(True):
            return checks
        unknown = set(self.shapes.predicates(shape)) - NODE_HANDLED
        if unknown:
            raise UnsupportedShape(f"{shape}: unsupported {sorted(map(str, unknown))}")
        targets = self.targets(shape)
        if not targets:
            return checks
        target = " UNION ".join(f"{{ {t} }}" for t in targets)
        message = str(self.shapes.value(shape, SH.message) or f"{_curie(str(shape))} violated")
        cls = self.shapes.value(shape, SH["class"])
        if cls is not None:
            checks.append(Check(f"SELECT DISTINCT ?this WHERE {{ {target} FILTER NOT EXISTS {{ {self.is_a('?this', cls)} }} }}",
                                message, ""))
        alternatives = self.shapes.value(shape, SH["or"])
        if alternatives is not None:
            conditions = [self.alternative(member) for member in Collection(self.shapes, alternatives)]
            checks.append(Check(f"SELECT DISTINCT ?this WHERE {{ {target} {' '.join(conditions)} }}", message, ""))
        for sparql in self.shapes.objects(shape, SH.sparql):
            select = str(self.shapes.value(sparql, SH.select)).replace("$this", "?this")
            prefixes, _, body = select.rpartition("SELECT")
            text = str(self.shapes.value(sparql, SH.message) or message)
            checks.append(Check(f"{prefixes} SELECT DISTINCT ?this WHERE {{ {target} {{ SELECT{body} }} }}", text, ""))
        for prop in self.shapes.objects(shape, SH.property):
            checks.extend(self.property(prop, target, message))
        return checks

    def targets(self, shape) -> list[str]:
        found = [self.is_a("?this", c) for c in self.shapes.objects(shape, SH.targetClass)]
        found += [f"?target_s {_term(p)} ?this ." for p in self.shapes.objects(shape, SH.targetObjectsOf)]
        found += [f"?this {_term(p)} ?target_o ." for p in self.shapes.objects(shape, SH.targetSubjectsOf)]
        return found

    def path(self, prop) -> tuple[str, str]:
        """(SPARQL path expression, readable path)."""
        path = self.shapes.value(prop, SH.path)
        if isinstance(path, URIRef):
            return _term(path), _curie(str(path))
        inverse = self.shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
        if isinstance(inverse, URIRef):
            return f"^{_term(inverse)}", f"^{_curie(str(inverse))}"
        raise UnsupportedShape(f"unsupported path {path!r}")

    def alternative(self, member) -> str:
        """One branch of a node-level sh:or, negated: the focus node fails it."""
        if self.shapes.value(member, SH.path) is not None:
            path, _ = self.path(member)
            minimum = self.shapes.value(member, SH.minCount)
            if minimum is None or int(minimum) != 1 or len(set(self.shapes.predicates(member)) - {SH.path, SH.minCount}):
                raise UnsupportedShape("sh:or supports [ sh:path … ; sh:minCount 1 ] members")
            return f"FILTER NOT EXISTS {{ ?this {path} ?alternative_value }}"
        cls = self.shapes.value(member, SH["class"])
        if cls is None:
            raise UnsupportedShape("sh:or supports sh:class and sh:path/sh:minCount members")
        return f"FILTER NOT EXISTS {{ {self.is_a('?this', cls)} }}"

    def property(self, prop, target: str, node_message: str) -> list[Check]:
        if self.shapes.value(prop, SH.deactivated) == Literal(True):
            return []
        unknown = set(self.shapes.predicates(prop)) - HANDLED
        if unknown:
            raise UnsupportedShape(f"property shape: unsupported {sorted(map(str, unknown))}")
        path, readable = self.path(prop)
        message = str(self.shapes.value(prop, SH.message) or node_message)
        value = f"?this {path} ?v ."
        minimum, maximum = self.shapes.value(prop, SH.minCount), self.shapes.value(prop, SH.maxCount)
        minimum = int(minimum) if minimum is not None else 0
        maximum = int(maximum) if maximum is not None else None
        # A value violates the shape when it violates any of the value constraints: one condition.
        violated = " || ".join(f"({condition})" for condition in self.value_conditions(prop))
        checks = []
        if minimum == 1 and maximum is None:  # the common case, and cheaper without counting
            checks.append(f"SELECT DISTINCT ?this WHERE {{ {target} FILTER NOT EXISTS {{ {value} }} }}")
        elif minimum or maximum is not None:
            # The count bounds and the value constraints in one pass over the focus nodes. An error
            # in a value condition (comparing a string with a number, say) is no violation, as in a
            # FILTER; COALESCE keeps it from voiding the count.
            bounds = ([f"?n < {minimum}"] if minimum else []) + ([f"?n > {maximum}"] if maximum is not None else [])
            bad = f" (SUM(COALESCE(IF({violated}, 1, 0), 0)) AS ?bad)" if violated else ""
            values = f"OPTIONAL {{ {value} }}" if minimum else value
            checks.append(f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n){bad} WHERE {{ {target} {values} }} "
                          f"GROUP BY ?this }} FILTER({' || '.join(bounds + (['?bad > 0'] if violated else []))}) }}")
            violated = ""  # checked above
        if violated:
            checks.append(f"SELECT DISTINCT ?this WHERE {{ {target} {value} FILTER({violated}) }}")
        return [Check(query, message, readable) for query in checks]

    def value_conditions(self, prop) -> list[str]:
        """SPARQL conditions under which a value ?v violates one of the property's value constraints."""
        conditions = []
        cls = self.shapes.value(prop, SH["class"])
        if cls is not None:
            conditions.append(f"NOT EXISTS {{ {self.is_a('?v', cls)} }}")
        for constraint, violated in VALUE_FILTERS.items():
            parameter = self.shapes.value(prop, constraint)
            if parameter is not None:
                conditions.append(violated(parameter))
        allowed = self.shapes.value(prop, SH["in"])
        if allowed is not None:
            conditions.append(f"?v NOT IN ({', '.join(_term(t) for t in Collection(self.shapes, allowed))})")
        kind = self.shapes.value(prop, SH.nodeKind)
        if kind is not None:
            test = {SH.IRI: "isIRI(?v)", SH.Literal: "isLiteral(?v)", SH.BlankNode: "isBlank(?v)"}.get(kind)
            if test is None:
                raise UnsupportedShape(f"unsupported sh:nodeKind {kind}")
            conditions.append(f"!{test}")
        alternatives = self.shapes.value(prop, SH["or"])
        if alternatives is not None:
            classes = [self.shapes.value(m, SH["class"]) for m in Collection(self.shapes, alternatives)]
            if any(c is None for c in classes):
                raise UnsupportedShape("property-level sh:or supports sh:class members")
            conditions.append(" && ".join(f"NOT EXISTS {{ {self.is_a('?v', c)} }}" for c in classes))
        return conditions


def _subclass_closure(ontology: Graph) -> dict:
    """class → the class and all its subclasses (rdfs:subClassOf, transitively)."""
    children: dict = {}
    for child, parent in ontology.subject_objects(RDFS.subClassOf):
        children.setdefault(parent, set()).add(child)
    closure = {}
    for cls in set(children) | {c for cs in children.values() for c in cs}:
        found, todo = {cls}, [cls]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        closure[cls] = found
    return closure


@functools.lru_cache(maxsize=1)
def compiled_checks() -> tuple[Check, ...]:
    return tuple(Compiler(shapes_graph(), ontology_graph()).compile())


def validate_store(store: ox.Store, union: bool = True, limit: int = 1000, cross_document_only: bool = False) -> list[Violation]:
    """Run the compiled checks over the store (the union of its graphs by default)."""
    violations = []
    for check in compiled_checks():
        if cross_document_only and not check.cross_document:
            continue
        for row in store.query(check.query, use_default_graph_as_union=union):
            violations.append(Violation(row["this"].value if row["this"] is not None else "", check.path, check.message))
            if len(violations) >= limit:
                return sorted(violations, key=lambda v: (v.focus, v.path, v.message))
    return sorted(violations, key=lambda v: (v.focus, v.path, v.message))


def validate_graphs(*graphs: Graph) -> list[Violation]:
    """Validate rdflib graphs (one document's graph and what it needs) with the compiled checks."""
    return validate_ntriples(*(g.serialize(format="nt", encoding="utf-8").decode("utf-8") for g in graphs))


def load_ntriples(*documents: str) -> ox.Store:
    """An in-memory store holding N-Triples texts in its default graph."""
    store = ox.Store()
    # The bulk loader parses as strictly as load() and is a third faster into a store nobody else reads.
    store.bulk_load("".join(documents).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def validate_ntriples(*documents: str) -> list[Violation]:
    return validate_store(load_ntriples(*documents), union=False)


@functools.lru_cache(maxsize=1)
def digest() -> str:
    """Fingerprint of what a document is validated against: the shapes and the ontology."""
    import hashlib
    from importlib import resources

    text = "".join(resources.files(package).joinpath("kamergraaf.ttl").read_text(encoding="utf-8")
                   for package in ("kamergraaf.shapes", "kamergraaf.ontology"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def validate_incremental(knowledge_store) -> tuple[list[Violation], int]:
    """Validation that grows with what changed: documents whose graphs were not validated with the
    current shapes are validated one by one (with the entities they refer to); the cross-document
    shapes run over the whole store. Returns the violations and the number of documents checked."""
    from .iris import KG

    mark = f"<{KG.validatedWith}>"
    stale = [r["g"].value for r in knowledge_store.query(
        f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g <http://www.w3.org/ns/prov#wasGeneratedBy> ?run }} "
        f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?g {mark} \"{digest()}\" }} }} }}")]
    violations = []
    context = [knowledge_store.dump_graph(str(knowledge_store.mint.reference_graph)), _ontology_ntriples()]
    for graph in stale:
        own = knowledge_store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        linked = knowledge_store.query(
            f"CONSTRUCT {{ ?e ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?q ?e }} GRAPH ?h {{ ?e ?p ?o }} FILTER(?h != <{graph}>) }}")
        documents = [ox.serialize(own, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
                     ox.serialize(linked, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), *context]
        violations.extend(v for v in validate_ntriples(*documents))
    violations.extend(validate_store(knowledge_store, cross_document_only=True))
    return sorted(set(violations), key=lambda v: (v.focus, v.path, v.message)), len(stale)


@functools.lru_cache(maxsize=1)
def _ontology_ntriples() -> str:
    return ontology_graph().serialize(format="nt", encoding="utf-8").decode("utf-8")
