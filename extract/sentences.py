"""Sentence boundaries in normalised Dutch parliamentary text (abbreviations are not ends)."""
from __future__ import annotations

import functools
import re

ABBREVIATIONS = {
    "nr", "nrs", "c.s", "o.a", "i.v.m", "d.d", "jl", "a.s", "bijv", "e.d", "incl", "art", "cf", "t.a.v",
    "m.b.t", "z.g", "zgn", "resp", "vs", "dhr", "mevr", "ca", "etc", "o.m", "m.n", "i.c", "t.b.v", "e.a",
    "blz", "p", "jo", "lid", "mln", "mld", "min", "prof", "dr", "mr", "ir", "drs", "st", "n.a.v", "i.o.m",
}
BOUNDARY = re.compile(r"[.!?…](?:\d{1,2}(?=\s))?[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9À-Ý])")


INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")


@functools.lru_cache(maxsize=32)  # the commitment and the claim extractor split the same parts
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of each sentence of `text`."""
    spans, start = [], 0
    for match in BOUNDARY.finditer(text):
        words = text[start : match.start()].split()
        token = words[-1].lower().lstrip("(") if words else ""
        if token in ABBREVIATIONS or INITIALS.fullmatch(token):
            continue  # "nr.", "c.s.", initials such as "E." or "M.H.M." do not end a sentence
        spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return tuple((s, e) for s, e in spans if text[s:e].strip())


def sentence_at(text: str, position: int) -> tuple[int, int]:
    for start, end in sentences(text):
        if start <= position < end:
            return start, end
    return 0, len(text)
