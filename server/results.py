"""Serialisation of (capped) query results in the SPARQL 1.1 result formats and RDF formats.

Oxigraph serialises a whole result; the endpoint caps results at a row limit, so SELECT/ASK
results are written here from the rows actually sent (W3C SPARQL 1.1 Query Results JSON, XML,
CSV and TSV formats).
"""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

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


def write_solutions(variables: list[str], rows: list, media_type: str) -> bytes:
    """SELECT results: `rows` are pyoxigraph QuerySolution objects."""
    if media_type == "application/sparql-results+json":
        return _json_solutions(variables, rows)
    if media_type == "application/sparql-results+xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head><results>")
        for row in rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>" for v in variables if row[v] is not None]
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode()
    if media_type == "text/csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([_csv_value(row[v]) for v in variables])
        return buffer.getvalue().encode()
    if media_type == "text/tab-separated-values":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join(_tsv_value(row[v]) for v in variables) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(media_type)


def _json_solutions(variables: list[str], rows: list) -> bytes:
    # Results repeat terms (one document in many rows): each distinct term is encoded once.
    encoded: dict = {}

    def text(term) -> str:
        found = encoded.get(term)
        if found is None:
            found = encoded[term] = json.dumps(JSON_TERMS[type(term)](term), ensure_ascii=False, separators=(",", ":"))
        return found

    keys = [json.dumps(v, ensure_ascii=False) + ":" for v in variables]
    bindings = ",".join("{" + ",".join(key + text(term) for key, term in zip(keys, row) if term is not None) + "}"
                        for row in rows)
    head = json.dumps(variables, ensure_ascii=False)
    return f'{{"head":{{"vars":{head}}},"results":{{"bindings":[{bindings}]}}}}'.encode()


def write_boolean(value: bool, media_type: str) -> bytes:
    if media_type == "application/sparql-results+json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if media_type == "application/sparql-results+xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    return (("true" if value else "false") + "\n").encode()
