"""Normalised text with a map back to character offsets in the original file.

Readers turn a file into :class:`Block` objects (paragraphs, headings, footnotes …). Each block
holds normalised text — markup removed, line-end hyphenation undone, lines joined — and, for every
character of it, the offset of the character in the original text it came from. Everything
downstream works on normalised text and reports spans through :meth:`Block.source_span`, so every
fact can point at the exact characters of the original file.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class TextBuilder:
    """Accumulates normalised text and the original offset of each of its characters."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.offsets: list[int] = []
        self.markers_pending: list[FootnoteMarker] = []  # footnote markers met while reading (XML <noot>)

    def add(self, text: str, start: int) -> None:
        """Append `text`, copied verbatim from the original at `start`."""
        self._parts.append(text)
        self.offsets.extend(range(start, start + len(text)))

    def add_synthetic(self, text: str, at: int) -> None:
        """Append text that is not in the original (e.g. a space joining two lines)."""
        self._parts.append(text)
        self.offsets.extend([at] * len(text))

    def pop(self) -> None:
        """Remove the last character (used to undo a line-end hyphen)."""
        text = self.text
        self._parts = [text[:-1]]
        self.offsets.pop()

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    def __len__(self) -> int:
        return len(self.offsets)


@dataclass
class FootnoteMarker:
    position: int  # offset in the block's normalised text
    number: int
    start: int  # span of the marker in the original file
    end: int


@dataclass
class Block:
    """A unit of normalised text: a paragraph, heading, label line, footnote or table row."""

    kind: str  # paragraph | heading | label | footnote | furniture | separator
    text: str
    offsets: list[int]
    start: int  # span in the original file, end exclusive
    end: int
    level: int = 0  # heading level (markdown #) or 0
    emphasis: str = ""  # "bold" / "italic" when the whole block is emphasised
    footnote: int | None = None  # number of a footnote block
    markers: list[FootnoteMarker] = field(default_factory=list)
    element: str = ""  # XML: the element the text came from (e.g. "vraag", "antwoord")
    number: str = ""  # XML: the vraag/antwoord number

    def source_span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Map [start, end) of the normalised text to [start, end) in the original file."""
        end = len(self.text) if end is None else end
        if start >= end:
            raise ValueError("empty span")
        return self.offsets[start], self.offsets[end - 1] + 1


def join_blocks(blocks: list[Block], kind: str = "paragraph", separator: str = "\n\n") -> Block:
    """Merge blocks into one; their texts are joined by `separator` (default: a paragraph break)."""
    builder = TextBuilder()
    markers: list[FootnoteMarker] = []
    for block in blocks:
        if len(builder):
            builder.add_synthetic(separator, block.start)
        base = len(builder)
        builder._parts.append(block.text)
        builder.offsets.extend(block.offsets)
        markers.extend(
            FootnoteMarker(m.position + base, m.number, m.start, m.end) for m in block.markers
        )
    first = blocks[0]
    return Block(
        kind=kind,
        text=builder.text,
        offsets=builder.offsets,
        start=first.start,
        end=blocks[-1].end,
        emphasis=first.emphasis if all(b.emphasis == first.emphasis for b in blocks) else "",
        markers=markers,
        level=first.level,
        element=first.element,
        number=first.number,
    )
