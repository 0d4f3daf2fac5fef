"""How a document's kept text (kg:sourceText) is shown to people without moving an offset.

The readers (extract.plaintext, extract.xmlreader) already know a document's structure: blocks of
running text, footnotes and page furniture, with line-end hyphenation undone, lines joined and
markup dropped, and for every character the offset in the kept text it came from. Quotes and the
source view are drawn from those same blocks, so they show what the extractors read while every
oa:start/oa:end keeps pointing at the same characters of kg:sourceText.
"""
from __future__ import annotations

import bisect
import functools
import html
import re
import urllib.parse
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..extract.plaintext import read_plain_text
from ..extract.sentences import sentences
from ..extract.text import Block
from ..extract.xmlreader import BLOCK_ELEMENTS, ENTITY, NOTES, TOKEN, read_xml

RUNNING = ("paragraph", "heading", "label", "footnote")  # blocks a quote may come from
MAX_CONTEXT = 320  # characters of context on either side of a quote's span, at most
# XML elements after which the source view starts a new line (besides the readers' block elements).
XML_BREAKS = BLOCK_ELEMENTS | NOTES | {"al-groep", "spreekbeurt", "agendapunt", "vraag", "antwoord", "item-titel"}
# A line-end hyphen and the line break (and indentation) after it: what the plain-text reader drops
# when it rejoins a word ("verant-\nwoordelijk").
LINE_END_HYPHEN = re.compile(r"-[ \t]*\r?\n[ \t]*(?=\S)")


@functools.lru_cache(maxsize=16)  # a trail quotes a few documents, each several times
def blocks_of(text: str, fmt: str) -> tuple[Block, ...]:
    """The reader's blocks of a document's kept text (the same reader the build used)."""
    try:
        found = read_xml(text)[0] if fmt == "xml" else read_plain_text(text)
    except ValueError:  # kept text no reader takes (it was read once, so this is no real case)
        return ()
    return tuple(b for b in found if b.offsets)


@dataclass(frozen=True)
class Quote:
    """A span shown in its sentence: `before` + `exact` + `after`, as the reader normalised them."""

    before: str
    exact: str
    after: str

    def as_dict(self) -> dict:
        return {"before": self.before, "exact": self.exact, "after": self.after}


def quote(text: str, fmt: str, start: int, end: int) -> Quote:
    """The sentence(s) of the block that holds [start, end) of `text`, with that span cut out.

    Context stops at sentence and block boundaries, so neither a footnote printed in the middle of
    a paragraph nor page furniture is glued to the quote; hyphenation and line breaks are gone."""
    block, first, last = _block_at(blocks_of(text, fmt), start, end)
    if block is None:
        return Quote("", " ".join(text[start:end].split()), "")
    spans = [s for s in sentences(block.text) if s[0] < last and s[1] > first] or [(first, last)]
    left, right = min(spans[0][0], first), max(spans[-1][1], last)
    before, after = block.text[left:first], block.text[last:right]
    if len(before) > MAX_CONTEXT:
        before = "…" + before[-MAX_CONTEXT:].split(" ", 1)[-1]
    if len(after) > MAX_CONTEXT:
        after = after[:MAX_CONTEXT].rsplit(" ", 1)[0] + "…"
    return Quote(before, block.text[first:last], after)


def _block_at(blocks, start: int, end: int) -> tuple[Block | None, int, int]:
    """The running-text block where [start, end) stands, and that span in its text.

    A paragraph rejoined over a page break covers the footnotes printed inside it; it keeps none of
    their characters, so the footnote's own block is the one found for a span in a footnote."""
    best, rank = (None, 0, 0), None
    for block in blocks:
        if block.kind not in RUNNING or block.start >= end or block.end <= start:
            continue
        first = bisect.bisect_left(block.offsets, start)
        last = bisect.bisect_left(block.offsets, end, first)
        # The span's home is the block keeping its first character (a span may run on into a
        # footnote); of two, the one keeping more of it.
        if last > first and (rank is None or (block.offsets[first], first - last) < rank):
            best, rank = (block, first, last), (block.offsets[first], first - last)
    return best


# -- the source view ------------------------------------------------------------------------------
# The kept text is cut into segments: "text" shown as it is, "hidden" (XML markup, a rejoined
# hyphen) kept in the page but not displayed, "entity" (an XML character reference) displayed as the
# character it stands for. Hidden characters stay in the DOM, so an element's textContent is still
# exactly kg:sourceText[start:end] while a person reads the text without tags or hyphens.

@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    role: str  # text | hidden | entity
    shown: str = ""  # entity: the character(s) displayed
    breaks: bool = False  # hidden markup after which a new line starts


def segments(text: str, fmt: str) -> list[Segment]:
    return _xml_segments(text) if fmt == "xml" else _text_segments(text, fmt)


def _xml_segments(text: str) -> list[Segment]:
    found = []
    for match in TOKEN.finditer(text):
        if match.group("cdata") is not None:
            found += [Segment(match.start(), match.start("cdata"), "hidden"),
                      Segment(match.start("cdata"), match.end("cdata"), "text"),
                      Segment(match.end("cdata"), match.end(), "hidden")]
        elif match.group("text") is None:
            name = (match.group("name") or "").rsplit(":", 1)[-1]
            found.append(Segment(match.start(), match.end(), "hidden", breaks=name in XML_BREAKS))
        else:
            pos = match.start()
            for entity in ENTITY.finditer(text, match.start(), match.end()):
                if entity.start() > pos:
                    found.append(Segment(pos, entity.start(), "text"))
                found.append(Segment(entity.start(), entity.end(), "entity", shown=html.unescape(entity.group())))
                pos = entity.end()
            if pos < match.end():
                found.append(Segment(pos, match.end(), "text"))
    return _contiguous(found, len(text))


def _text_segments(text: str, fmt: str) -> list[Segment]:
    """The text as it is, except the line-end hyphens that the reader took out of a word."""
    candidates = list(LINE_END_HYPHEN.finditer(text))
    dropped = _dropped(blocks_of(text, fmt), [m.start() for m in candidates]) if candidates else set()
    return _contiguous([Segment(m.start(), m.end(), "hidden") for m in candidates if m.start() in dropped], len(text))


def _contiguous(found: list[Segment], length: int) -> list[Segment]:
    """The segments in order with every gap between them filled by plain text."""
    whole, pos = [], 0
    for segment in found:
        if segment.start > pos:
            whole.append(Segment(pos, segment.start, "text"))
        whole.append(segment)
        pos = segment.end
    if pos < length:
        whole.append(Segment(pos, length, "text"))
    return whole


def _dropped(blocks, positions: list[int]) -> set[int]:
    """Those positions inside a block whose character no block keeps in its normalised text (a
    hyphen the reader removed; one it kept, as in "EU-\nlidstaten", is part of the word)."""
    dropped = set()
    for position in positions:
        covered = kept = False
        for block in blocks:
            if block.start <= position < block.end:
                covered = True
                i = bisect.bisect_left(block.offsets, position)
                kept = kept or (i < len(block.offsets) and block.offsets[i] == position)
        if covered and not kept:
            dropped.add(position)
    return dropped


def source_html(text: str, fmt: str, facts: list[dict], target: tuple[int, int] | None) -> Markup:
    """The kept text as HTML: each fact's characters a link (`a.fact`, data-facts: indexes into
    `facts`), the target span one `mark#target`. Every piece of text is escaped."""
    parts = segments(text, fmt)
    snap = _snapper([s for s in parts if s.role == "entity"])
    spans = [(snap(f["start"]), snap(f["end"])) for f in facts]
    if target:
        target = (snap(target[0]), snap(target[1]))
        target = target if target[0] < target[1] else None
    cuts = {0, len(text), *(s.start for s in parts), *(p for span in spans for p in span), *(target or ())}
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    ends = [s.end for s in parts]
    by_start = sorted(range(len(facts)), key=lambda i: spans[i][0])
    out: list[str] = []
    active: list[int] = []
    waiting = 0  # by_start[waiting:] have not begun yet
    group: tuple | None = None  # the facts of the open link
    for a, b in zip(cuts, cuts[1:]):
        while waiting < len(by_start) and spans[by_start[waiting]][0] <= a:
            active.append(by_start[waiting])
            waiting += 1
        active = [i for i in active if spans[i][1] > a]
        covering = tuple(sorted(active))
        if target and a == target[0]:
            out.append(_close(group))
            out.append('<mark class="target" id="target">')
            group = None
        if covering != group:
            out.append(_close(group))
            out.append(_open(covering, facts, spans))
            group = covering
        out.append(_piece(text, a, b, parts[bisect.bisect_right(ends, a)]))
        if target and b == target[1]:
            out.append(_close(group))
            out.append("</mark>")
            group = None
    out.append(_close(group))
    return Markup("".join(out))


def _snapper(entities: list[Segment]):
    """A boundary inside an XML character reference moves to its end: a reference is one character."""
    starts = [e.start for e in entities]

    def snap(position: int) -> int:
        i = bisect.bisect_right(starts, position) - 1
        if i >= 0 and entities[i].start < position < entities[i].end:
            return entities[i].end
        return position
    return snap


def _open(covering: tuple, facts: list[dict], spans: list[tuple[int, int]]) -> str:
    if not covering:
        return ""
    inner = min(covering, key=lambda i: spans[i][1] - spans[i][0])  # the most specific fact
    kinds = " ".join(sorted({"f-" + facts[i]["kind"] for i in covering}))
    title = "\n".join(f"{facts[i]['kind_label']}: {facts[i]['label']}" for i in covering)
    return (f'<a class="fact {kinds}" href="{escape(facts[inner]["resource"])}" '
            f'data-facts="{" ".join(map(str, covering))}" title="{escape(title)}">')


def _close(group: tuple | None) -> str:
    return "</a>" if group else ""


def _piece(text: str, a: int, b: int, segment: Segment) -> str:
    raw = escape(text[a:b])
    if segment.role == "text":
        return str(raw)
    if segment.role == "entity":
        return f'<span class="src-entity" data-char="{escape(segment.shown)}">{raw}</span>'
    br = '<span class="src-break"></span>' if segment.breaks and b == segment.end else ""
    return f'<span class="src-hidden">{raw}</span>{br}'


def source_link(doc: str, base: str, start=None, end=None) -> str:
    """The source view of a document (its IRI), with [start, end) of its kept text marked when given."""
    link = "/doc/" + urllib.parse.quote(doc[len(base) + len("doc/"):], safe="/~._-")
    return link if start in (None, "") or end in (None, "") else f"{link}?start={start}&end={end}"
