"""The SPARQL 1.1 grammar's terminals, enough to tell what a query *does* before the engine sees it:
whether it calls a remote service (the SERVICE keyword) and how deeply it nests.

The endpoint's guards read tokens, not text: a word in a string, an IRI, a comment, a variable
(``?SERVICE``) or a prefixed name (``ex:service``) is no keyword, and a comment ends at a carriage
return as the grammar says (``# c\\rSERVICE <…>`` calls the service). Codepoint escapes
(``\\u0053ERVICE``) are undone first, as the grammar prescribes and the engine does.
"""
from __future__ import annotations

import re

CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
TOKEN = re.compile(
    r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\')'
    r'|(?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)'
    r"|(?P<comment>#[^\r\n]*)"
    r"|(?P<var>[?$][^\s{}()\[\]<>,;.\"'#*+/=!|^&\\-]+)"
    r"|(?P<name>[^\W\d][\w.\-·]*:[\w.\-:%\\·]*|:[\w.\-:%\\·]*|[^\W\d]\w*)"
    r"|(?P<open>[{(\[])|(?P<close>[})\]])"
    r"|(?P<other>[\s\S])",
    re.UNICODE,
)


def unescape(query: str) -> str:
    """SPARQL's codepoint escapes undone (\\u0053 → S), as before parsing."""
    if "\\u" not in query and "\\U" not in query:
        return query
    return CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if int(m.group(1) or m.group(2), 16) <= 0x10FFFF
                         else m.group(), query)


class Shape:
    """What the lexer saw: the keywords used and the deepest nesting of brackets. The query is read
    both as written and with its codepoint escapes undone, and what either reading shows counts:
    an escape inside an IRI must not hide a keyword behind what one reading takes for a comment."""

    def __init__(self, query: str):
        self.keywords: set[str] = set()
        self.depth = 0
        for text in {query, unescape(query)}:
            self._read(text)

    def _read(self, text: str) -> None:
        level = 0
        for match in TOKEN.finditer(text):
            kind = match.lastgroup
            if kind == "name" and ":" not in match.group():
                self.keywords.add(match.group().upper())
            elif kind == "open":
                level += 1
                self.depth = max(self.depth, level)
            elif kind == "close":
                level -= 1

    @property
    def federated(self) -> bool:
        return "SERVICE" in self.keywords
