"""Reader for plain text from PDF conversion, with or without markdown markup.

Handles what PDF-to-text tools leave behind: line-end hyphenation ("Staatsse-\\ncretaris"), page
furniture ("Tweede Kamer, vergaderjaar 2022–2023, 32 317, nr. 789 3"), paragraphs broken by a page
break, markdown (`**bold**`, `###` headings, links, HTML tags, `<sup>n</sup>` footnote markers with the
footnote text after `---`) and plain-text footnotes ("… gebracht.7" with "7 Kamerstukken …" below).
"""
from __future__ import annotations

import re

from .text import Block, FootnoteMarker, TextBuilder, join_blocks

PAGE_FURNITURE = re.compile(
    r"^\s*(?:Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}, "
    r"(?P<dossier>\d[\d ]*(?:-\d+)?(?: [A-Z]{1,6})?), nr\. (?P<number>\d+)\s+\d+\s*$"
)
SEPARATOR = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
HEADING_PREFIX = re.compile(r"^(#{1,6})\s+")
# A line that is a label on its own ("Antwoord", "**Antwoord**", "Vraag 3") is a block of its own
# even without a blank line after it, as PDF conversion often glues it to the next paragraph.
LABEL_LINE = re.compile(r"^\W*(?:Antwoord|Vraag|Reactie)(?:\s+\d+)?\W*$", re.IGNORECASE)
# Inline markup: footnote markers, HTML tags, markdown links, emphasis markers.
INLINE = re.compile(
    r"<sup>\s*(?P<sup>\d+)\s*</sup>"
    r"|<(?P<autolink>https?://[^<>\s]+)>"
    r"|</?[A-Za-z][^<>]*>"
    r"|\[(?P<link>[^\]\n]+)\]\([^)\s]+\)"
    r"|(?P<emph>\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))"
)
MARKUP_CHARS = re.compile(r"[<\[*_]")  # every INLINE match contains one of these
TERMINAL = re.compile(r"[.?!:;»”\"')\]]\s*(?:\d{1,2})?$")
# A plain-text footnote: "7 Kamerstukken 2023/2024, 19 637, nr. 3220 …" at the start of a paragraph.
PLAIN_FOOTNOTE = re.compile(r"^(\d{1,2}) (?=\S)")
# A plain-text footnote marker: a number glued to the end of a word or punctuation ("gebracht.7").
PLAIN_MARKER = r"(?<=[A-Za-zÀ-ÿ.,;:)»”])({n})(?=[\s.,;:)]|$)"


def _lines(text: str):
    """Yield (line, start offset) without the line break."""
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        yield stripped, pos
        pos += len(line)


def _add_inline(builder: TextBuilder, line: str, start: int, markers: list[FootnoteMarker]) -> int:
    """Append a line with its inline markup removed; return how many characters were emphasis."""
    if not MARKUP_CHARS.search(line):  # most lines: nothing to remove
        builder.add(line, start)
        return 0
    emphasis_chars = 0
    pos = 0
    for match in INLINE.finditer(line):
        if match.start() > pos:
            builder.add(line[pos : match.start()], start + pos)
        if match.group("sup"):
            markers.append(
                FootnoteMarker(len(builder), int(match.group("sup")), start + match.start(), start + match.end())
            )
        elif match.group("link") or match.group("autolink"):
            name = "link" if match.group("link") else "autolink"
            builder.add(match.group(name), start + match.start(name))
        elif match.group("emph"):
            emphasis_chars += 1
        pos = match.end()
    if pos < len(line):
        builder.add(line[pos:], start + pos)
    return emphasis_chars


class _Paragraph:
    """Raw lines of one block before normalisation."""

    def __init__(self, kind: str = "paragraph"):
        self.kind = kind
        self.lines: list[tuple[str, int]] = []


def _group(text: str) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    # Plain-text footnotes sit as "n Text" lines at a page foot; the body resumes on a line that
    # PDF conversion indents. Track the numbering so that only the next footnote number splits.
    last_footnote = 0
    in_footnotes = False

    def close():
        nonlocal current
        if current and current.lines:
            paragraphs.append(current)
        current = None

    for line, start in _lines(text):
        if not line.strip():
            close()
            continue
        if PAGE_FURNITURE.match(line) or SEPARATOR.match(line):
            close()
            single = _Paragraph("furniture" if PAGE_FURNITURE.match(line) else "separator")
            single.lines.append((line, start))
            paragraphs.append(single)
            continue
        stripped = line.strip()
        if HEADING_PREFIX.match(stripped) or LABEL_LINE.match(stripped):
            close()
            single = _Paragraph("heading" if HEADING_PREFIX.match(stripped) else "label")
            single.lines.append((line, start))
            paragraphs.append(single)
            continue
        number = PLAIN_FOOTNOTE.match(line)
        if number and int(number.group(1)) == last_footnote + 1 and (current is None or in_footnotes):
            close()
            last_footnote, in_footnotes = last_footnote + 1, True
        elif line[:1].isspace() and current is not None and (
            in_footnotes or re.search(r"[.?!:]\s*$", current.lines[-1][0])
        ):
            # PDF conversion indents the first line of a new paragraph.
            close()
            in_footnotes = False
        elif current is None:
            in_footnotes = False
        if current is None:
            current = _Paragraph()
        current.lines.append((line, start))
    close()
    return paragraphs


def _normalise(paragraph: _Paragraph) -> Block:
    builder = TextBuilder()
    markers: list[FootnoteMarker] = []
    level = 0
    emphasis_chars = 0
    for index, (line, start) in enumerate(paragraph.lines):
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        start += lead
        if body.startswith(">"):  # markdown blockquote
            cut = 2 if body.startswith("> ") else 1
            body, start = body[cut:], start + cut
        heading = HEADING_PREFIX.match(body)
        if heading:
            level = len(heading.group(1))
            body, start = body[heading.end() :], start + heading.end()
        if index and len(builder):
            previous = builder.text
            first = body[:1]
            if previous.endswith("-") and len(previous) > 1 and previous[-2].islower() and first.islower():
                builder.pop()  # "Staatsse-" + "cretaris"
            elif not previous.endswith(("-", "/")):
                builder.add_synthetic(" ", start)
        emphasis_chars += _add_inline(builder, body, start, markers)
    text = builder.text
    # Strip whitespace the markup removal may have left at the edges.
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    offsets = builder.offsets[lead:trail]
    markers = [FootnoteMarker(max(0, m.position - lead), m.number, m.start, m.end) for m in markers]
    text = text[lead:trail]
    raw = " ".join(line.strip() for line, _ in paragraph.lines)
    emphasis = ""
    if emphasis_chars and re.match(r"^[#>\s]*(\*\*|__)", raw) and re.search(r"(\*\*|__)\s*(<sup>\s*\d+\s*</sup>)?\s*$", raw):
        emphasis = "bold"
    elif emphasis_chars and re.match(r"^[#>\s]*\*(?!\*)", raw) and raw.rstrip().endswith("*"):
        emphasis = "italic"
    # The block's span is that of its text: surrounding markup ("**", "#### ", a trailing
    # footnote marker) is not part of it.
    if not offsets:
        start = paragraph.lines[0][1]
        offsets_span = (start, start + len(paragraph.lines[0][0].rstrip()))
    else:
        offsets_span = (offsets[0], offsets[-1] + 1)
    return Block(
        kind=paragraph.kind,
        text=text,
        offsets=offsets,
        start=offsets_span[0],
        end=offsets_span[1],
        level=level,
        emphasis=emphasis,
        markers=markers,
    )


def _mark_footnotes(blocks: list[Block]) -> None:
    """Classify footnote paragraphs: markdown `<sup>n</sup> text` and plain-text `n Text`.

    A plain-text paragraph counts as footnote n only if it continues the numbering (n = last + 1)
    and a marker for n occurs in the body text before it, so "38 maatregelen …" is not a footnote.
    """
    last_number = 0
    for index, block in enumerate(blocks):
        if block.kind not in ("paragraph", "heading"):
            continue
        if block.markers and block.markers[0].position == 0:
            number = block.markers[0].number
            block.kind, block.footnote = "footnote", number
            block.markers = block.markers[1:]
            last_number = max(last_number, number)
            continue
        match = PLAIN_FOOTNOTE.match(block.text)
        if not match or int(match.group(1)) != last_number + 1:
            continue
        number = int(match.group(1))
        pattern = re.compile(PLAIN_MARKER.format(n=number))
        for earlier in reversed(blocks[:index]):
            if earlier.kind in ("footnote", "furniture", "separator"):
                continue
            hits = list(pattern.finditer(earlier.text))
            if hits:
                hit = hits[-1]
                ostart, oend = earlier.source_span(hit.start(), hit.end())
                earlier.markers.append(FootnoteMarker(hit.start(), number, ostart, oend))
                earlier.markers.sort(key=lambda m: m.position)
                block.kind, block.footnote = "footnote", number
                last_number = number
                break


def _merge_page_breaks(blocks: list[Block], by_line: bool = False) -> list[Block]:
    """Rejoin a paragraph that a page break (furniture, footnotes, separator) split in two."""
    merged: list[Block] = []
    last_body: int | None = None  # index in merged of the last body paragraph
    # A blank line inside a sentence (next paragraph starts in lower case) is also a break.
    interrupted = False
    for block in blocks:
        if block.kind in ("furniture", "separator", "footnote"):
            merged.append(block)
            interrupted = True
            continue
        if (
            block.kind == "paragraph"
            and (interrupted or (block.text[:1].islower() and not by_line))
            and last_body is not None
            and merged[last_body].kind == "paragraph"
            and not TERMINAL.search(merged[last_body].text)
            and merged[last_body].emphasis == block.emphasis
        ):
            # A page break inside a sentence is a space, not a paragraph break.
            merged[last_body] = join_blocks([merged[last_body], block], separator=" ")
            interrupted = False
            continue
        merged.append(block)
        last_body = len(merged) - 1
        interrupted = False
    return merged


def _one_per_line(text: str) -> list[_Paragraph]:
    paragraphs = []
    for line, start in _lines(text):
        if line.strip():
            paragraph = _Paragraph()
            paragraph.lines.append((line, start))
            paragraphs.append(paragraph)
    return paragraphs


def read_plain_text(text: str) -> list[Block]:
    """Split text (plain or markdown from PDF conversion) into normalised blocks.

    Text without any blank line (e.g. extracted from .docx paragraph by paragraph) has one
    paragraph per line.
    """
    lines = text.strip().splitlines()
    per_line = len(lines) > 3 and all(line.strip() for line in lines)
    blocks = [_normalise(p) for p in (_one_per_line(text) if per_line else _group(text))]
    blocks = [b for b in blocks if b.text or b.kind in ("separator", "furniture")]
    _mark_footnotes(blocks)
    return _merge_page_breaks(blocks, by_line=per_line)
