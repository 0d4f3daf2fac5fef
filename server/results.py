"""Serialisation of (capped) query results in the SPARQL 1.1 result formats and RDF formats.

Oxigraph serialises a whole result; the endpoint caps results at a row limit, so SELECT/ASK
results are written here from the rows actually sent (W3C SPARQL 1.1 Query Results JSON, XML,
CSV and TSV formats). Graphs — CONSTRUCT/DESCRIBE results, resource descriptions, ontology and
shapes — are written by :func:`write_graph`, with the project's prefixes.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..graph.formats import RDF_FORMATS
from ..graph.iris import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_STRING_NODE = ox.NamedNode(XSD_STRING)
BARE_TSV = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("integer", "decimal", "double", "boolean")}


def _json_literal(term: ox.Literal) -> dict:
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    if term.datatype == XSD_STRING_NODE:
        return {"type": "literal", "value": term.value}
    return {"type": "literal", "value": term.value, "datatype": term.datatype.value}


# By exact type: a result has thousands of terms, and one dictionary look-up beats a chain of tests.
JSON_TERMS = {
    ox.NamedNode: lambda term: {"type": "uri", "value": term.value},
    ox.BlankNode: lambda term: {"type": "bnode", "value": term.value},
    ox.Literal: _json_literal,
    ox.Triple: lambda term: {"type": "triple", "value": {"subject": _json_term(term.subject),
                                                         "predicate": _json_term(term.predicate),
                                                         "object": _json_term(term.object)}},
}


def _json_term(term) -> dict:
    return JSON_TERMS[type(term)](term)


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}</predicate>"
                f"<object>{_xml_term(term.object)}</object></triple>")
    raise TypeError(f"unexpected term {term!r}")


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _tsv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and term.datatype.value in BARE_TSV and not term.language:
        return term.value
    return str(term).replace("\t", "\\t").replace("\n", "\\n")


@dataclass
class Written:
    body: bytes
    rows: int  # rows written
    by_rows: bool  # cut at the row cap
    by_bytes: bool  # cut at the size cap


def write_solutions(variables: list[str], rows: Iterable, media_type: str,
                    row_cap: int | None = None, byte_cap: int | None = None) -> Written:
    """SELECT results: `rows` are pyoxigraph QuerySolution objects, read one at a time. Writing
    stops at `row_cap` rows, or before the row that takes the rows' text past `byte_cap`
    characters (at least one row is written): measured on the text written, so a cap costs nothing
    per term, and rows past it are never read."""
    if media_type == "application/sparql-results+json":
        head, pieces, separator, tail = _json_solutions(variables, rows)
    elif media_type == "application/sparql-results+xml":
        head = ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
                + "".join(f"<variable name={quoteattr(v)}/>" for v in variables) + "</head><results>")
        pieces = ("<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
                                       for v in variables if row[v] is not None) + "</result>" for row in rows)
        separator, tail = "", "</results></sparql>\n"
    elif media_type == "text/csv":
        line = _csv_lines()
        head, pieces, separator, tail = line(variables), (line([_csv_value(row[v]) for v in variables]) for row in rows), "", ""
    elif media_type == "text/tab-separated-values":
        head = "\t".join(f"?{v}" for v in variables) + "\n"
        pieces = ("\t".join(_tsv_value(row[v]) for v in variables) + "\n" for row in rows)
        separator, tail = "", ""
    else:
        raise ValueError(media_type)
    kept, by_rows, by_bytes = capped(pieces, row_cap, byte_cap)
    return Written((head + separator.join(kept) + tail).encode(), len(kept), by_rows, by_bytes)


def capped(pieces: Iterable, row_cap: int | None, byte_cap: int | None, size=len) -> tuple[list, bool, bool]:
    """At most `row_cap` of `pieces` whose sizes stay within `byte_cap`; (pieces, over rows, over bytes)."""
    kept, total = [], 0
    for piece in pieces:
        if row_cap is not None and len(kept) == row_cap:
            return kept, True, False
        total += size(piece)
        if byte_cap is not None and total > byte_cap and kept:
            return kept, False, True
        kept.append(piece)
    return kept, False, False


def _csv_lines():
    """A function writing one CSV record as text (quoting as the csv module does)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(values: list[str]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()
    return line


def _json_solutions(variables: list[str], rows: Iterable) -> tuple[str, Iterator[str], str, str]:
    # Results repeat terms (one document in many rows): each distinct term is encoded once.
    encoded: dict = {}

    def text(term) -> str:
        found = encoded.get(term)
        if found is None:
            found = encoded[term] = json.dumps(JSON_TERMS[type(term)](term), ensure_ascii=False, separators=(",", ":"))
        return found

    keys = [json.dumps(v, ensure_ascii=False) + ":" for v in variables]
    pieces = ("{" + ",".join(key + text(term) for key, term in zip(keys, row) if term is not None) + "}" for row in rows)
    head = json.dumps(variables, ensure_ascii=False)
    return f'{{"head":{{"vars":{head}}},"results":{{"bindings":[', pieces, ",", "]}}"


def write_boolean(value: bool, media_type: str) -> bytes:
    if media_type == "application/sparql-results+json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if media_type == "application/sparql-results+xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    return (("true" if value else "false") + "\n").encode()


# -- graphs -------------------------------------------------------------------------------------

RDF_BY_MEDIA_TYPE = {f.media_type: f.oxigraph for f in RDF_FORMATS.values()}
PREFIX_IRIS = {name: str(namespace) for name, namespace in PREFIXES.items()}
LOCAL_NAME = re.compile(r"[A-Za-z_][\w.-]*")  # the rest of a compact IRI no reader can misread


def write_graph(triples: Iterable, media_type: str, prefixes: dict[str, str] = PREFIX_IRIS) -> bytes:
    """Triples (or quads) in `media_type`: Turtle, TriG and RDF/XML with `prefixes` (the
    project's), JSON-LD compacted on them under an ``@context``; N-Triples and N-Quads have none."""
    rdf_format = RDF_BY_MEDIA_TYPE[media_type]
    statements = by_subject(triples)
    if rdf_format == ox.RdfFormat.JSON_LD:
        return with_context(ox.serialize(statements, format=rdf_format), prefixes)
    return ox.serialize(statements, format=rdf_format, prefixes=prefixes)


def by_subject(statements: Iterable) -> list:
    """The statements grouped by (graph and) subject, in the order subjects first appear: the
    writers describe a subject in one block only when its statements are consecutive."""
    groups: dict = {}
    for statement in statements:
        groups.setdefault((getattr(statement, "graph", None), statement.subject), []).append(statement)
    return [statement for group in groups.values() for statement in group]


def with_context(expanded: bytes, prefixes: dict[str, str]) -> bytes:
    """Oxigraph's JSON-LD (expanded: full IRIs, no context) with `prefixes` as its ``@context``
    and property names, types and node IRIs written as compact IRIs on them (`kg:Motion`): the
    same triples for a JSON-LD reader, and keys a person can read. Oxigraph writes node objects
    (``@id``, properties with lists of values) inside at most one level of named graphs."""
    prefix_of = {namespace: name for name, namespace in prefixes.items()}
    known: dict[str, str] = {}  # a result repeats its IRIs: each is looked at once

    def iri(value: str) -> str:
        found = known.get(value)
        if found is None:
            cut = max(value.rfind("#"), value.rfind("/")) + 1
            prefix = prefix_of.get(value[:cut])
            found = known[value] = f"{prefix}:{value[cut:]}" if prefix and LOCAL_NAME.fullmatch(value[cut:]) else value
        return found

    def term(value: dict) -> dict:
        if "@id" in value:
            return {"@id": iri(value["@id"])}
        if "@type" in value:
            value["@type"] = iri(value["@type"])
        return value

    def node(item: dict) -> dict:
        out = {}
        for key, values in item.items():
            if key == "@id":
                out[key] = iri(values)
            elif key == "@graph":
                out[key] = [node(n) for n in values]
            elif key == "@type":
                out[key] = [iri(t) for t in values]
            else:
                out[iri(key)] = [term(v) for v in values]
        return out

    document = {"@context": prefixes, "@graph": [node(n) for n in json.loads(expanded)]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
