"""Writing N-Triples directly: what the builder emits and the store bulk-loads.

Building an rdflib Graph per document only to serialise it again cost more than extraction
itself; a document's triples are written once, as lines, and deduplicated as they are added.
"""
from __future__ import annotations

import datetime as dt

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

_INTEGER = f"^^<{XSD.integer}>"


def _escape(text: str) -> str:
    # Chained replaces beat str.translate by far on long texts (a document's source is one literal).
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


class Term(str):
    """An object already in N-Triples syntax (see :func:`typed`)."""


def typed(value: dt.date | dt.datetime | str, datatype: URIRef) -> Term:
    """A typed literal: dates and date-times in their ISO form."""
    lexical = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    return Term(f'"{_escape(lexical)}"^^<{datatype}>')


def term(value) -> str:
    """IRIs (URIRef), plain strings, integers, rdflib Literals and :class:`Term` as N-Triples."""
    if isinstance(value, Term):
        return value
    if isinstance(value, URIRef):
        return f"<{value}>"
    if isinstance(value, Literal):
        lexical = f'"{_escape(str(value))}"'
        if value.language:
            return f"{lexical}@{value.language}"
        return f"{lexical}^^<{value.datatype}>" if value.datatype else lexical
    if isinstance(value, str):
        return f'"{_escape(value)}"'
    if isinstance(value, int) and not isinstance(value, bool):
        return f'"{value}"{_INTEGER}'
    raise TypeError(f"cannot write {value!r} as an RDF term")


class NTriples:
    """An ordered set of triples kept as N-Triples lines (adding a triple twice keeps one)."""

    def __init__(self):
        self._lines: dict[str, None] = {}

    def add(self, triple: tuple) -> None:
        subject, predicate, obj = triple
        self._lines[f"<{subject}> <{predicate}> {term(obj)} .\n"] = None

    def __len__(self) -> int:
        return len(self._lines)

    def text(self) -> str:
        return "".join(self._lines)
