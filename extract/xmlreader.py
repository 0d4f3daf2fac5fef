"""Reader for officielebekendmakingen XML (`officiele-publicatie`: kamerstuk and kamervragen).

Text offsets point into the XML file itself: a small tokenizer walks the source, keeping the
position of every text character (entities decode to the span of the entity).
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from .text import Block, FootnoteMarker, TextBuilder

TOKEN = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[(?P<cdata>.*?)\]\]>|<!DOCTYPE[^>]*>"
    r"|<(?P<close>/)?(?P<name>[A-Za-z_][\w.:-]*)(?P<attrs>[^>]*?)(?P<selfclose>/)?>"
    r"|(?P<text>[^<]+)",
    re.DOTALL,
)
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);")
ATTR = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"|([\w:-]+)\s*=\s*\'([^\']*)\'')
# Elements whose text forms one block; inline elements inside them (naam, datum, extref …) are
# part of that block's text.
MAX_DEPTH = 200  # official publications nest a few dozen deep; deeper is a fault or an attack
NOTES = {"noot", "voetnoot"}
NOTE_NUMBERS = {"noot.nr", "nootnr"}
BLOCK_ELEMENTS = {
    "al", "titel", "tekstregel", "dossiernr", "stuknr", "datumtekst", "nr", "kamervraagnummer",
    "kamervraagomschrijving", "kop", "li", "entry", "voetnoot", "onderwerp", "ondertekening",
    "spreker",  # Handelingen: "Minister De Jonge:" opens a turn
    "raadnr",  # "<dossiernr>21 501</dossiernr>-<raadnr>20</raadnr>": dossier 21501-20
}


def check_well_formed(source: str) -> None:
    """Raise ValueError with the parser's message if the XML is not well-formed."""
    try:
        ET.fromstring(source.lstrip("\ufeff \t\r\n").encode("utf-8"))  # a BOM or blank line before the declaration
    except ET.ParseError as error:
        raise ValueError(f"malformed XML: {error}") from None


def _add_text(builder: TextBuilder, raw: str, start: int) -> None:
    """Append raw XML text: entities decoded, whitespace runs collapsed to one space."""
    pos = 0
    pieces = []
    for match in ENTITY.finditer(raw):
        pieces.append((raw[pos : match.start()], start + pos, False))
        pieces.append((match.group(), start + match.start(), True))
        pos = match.end()
    pieces.append((raw[pos:], start + pos, False))
    for piece, offset, is_entity in pieces:
        if is_entity:
            builder.add_synthetic(html.unescape(piece), offset)
            continue
        for i, char in enumerate(piece):
            if char.isspace():
                if len(builder) and not builder.text.endswith(" "):
                    builder.add_synthetic(" ", offset + i)
            else:
                builder.add(char, offset + i)


def read_xml(source: str) -> tuple[list[Block], dict]:
    """Blocks of text with offsets into the XML source, and the publication's metadata."""
    check_well_formed(source)
    blocks: list[Block] = []
    stack: list[tuple[str, dict]] = []
    builder: TextBuilder | None = None
    block_depth = 0
    block_start = 0
    metadata: dict = {"attributes": []}

    # A footnote (<noot>) inside a paragraph is a block of its own: the paragraph keeps a marker
    # where it stood, so its text reads on as printed ("… beschouw ik de motie¹ als afgedaan").
    outer: list[tuple[TextBuilder, int, int]] = []
    notes: list[Block] = []
    note_number = ""

    for match in TOKEN.finditer(source):
        if match.group("name"):
            name = match.group("name")
            if match.group("close"):
                while stack and stack[-1][0] != name:
                    stack.pop()
                if stack:
                    stack.pop()
                if builder is not None and len(stack) < block_depth:
                    if outer and name in NOTES:
                        _finish(notes, builder, stack, name, block_start, match.start(), note_number)
                        builder, block_depth, block_start = outer.pop()
                        if builder.markers_pending:
                            builder.markers_pending[-1].number = int(note_number) if note_number.isdigit() else 0
                            builder.markers_pending[-1].end = match.end()
                    else:
                        _finish(blocks, builder, stack, name, block_start, match.start())
                        builder = None
                        blocks.extend(notes)
                        notes = []
                continue
            attrs = {m.group(1) or m.group(3): m.group(2) or m.group(4) or "" for m in ATTR.finditer(match.group("attrs"))}
            metadata["attributes"].append((name, attrs, [s[0] for s in stack]))
            if match.group("selfclose"):
                continue
            stack.append((name, attrs))
            if len(stack) > MAX_DEPTH:
                raise ValueError(f"XML nested deeper than {MAX_DEPTH} elements; not a publication")
            if builder is not None and name in NOTES:
                builder.markers_pending.append(FootnoteMarker(len(builder), 0, match.start(), match.end()))
                outer.append((builder, block_depth, block_start))
                builder, block_depth, block_start, note_number = TextBuilder(), len(stack), match.end(), ""
            elif builder is None and name in BLOCK_ELEMENTS:
                builder = TextBuilder()
                block_depth = len(stack)
                block_start = match.end()
            elif builder is not None and len(builder) and not builder.text.endswith(" "):
                # An element boundary inside a block separates words ("<al>A</al><al>B</al>").
                if name in BLOCK_ELEMENTS:
                    builder.add_synthetic(" ", match.start())
        elif match.group("text") is not None and builder is not None:
            if outer and stack and stack[-1][0] in NOTE_NUMBERS:
                note_number += match.group("text").strip()
                continue
            _add_text(builder, match.group("text"), match.start())
        elif match.group("cdata") is not None and builder is not None:
            builder.add(match.group("cdata"), match.start("cdata"))
    if not any(b.text for b in blocks):
        blocks = _any_schema(source)  # a package of another schema (PLOOI and the like) around the text
    return blocks, _metadata(metadata)


# Elements that stay inside a paragraph's text in any schema.
INLINE = {"b", "i", "u", "em", "strong", "a", "span", "sup", "sub", "nadruk", "extref", "intref", "br", "font", "small"}


def _any_schema(source: str) -> list[Block]:
    """The text of an XML document of an unknown schema: one block per run of text between
    block-level tags, metadata elements (any name containing "meta") left out."""
    blocks: list[Block] = []
    builder = TextBuilder()
    stack: list[str] = []
    in_meta = 0  # how many open elements are metadata

    def flush():
        nonlocal builder
        text = builder.text.strip()
        if text and len(re.findall(r"\w", text)) > 1:
            lead = len(builder.text) - len(builder.text.lstrip())
            offsets = builder.offsets[lead : lead + len(text)]
            blocks.append(Block("paragraph", text, offsets, offsets[0], offsets[-1] + 1, element=stack[-1] if stack else ""))
        builder = TextBuilder()

    for match in TOKEN.finditer(source):
        name = match.group("name")
        if name:
            local = name.rsplit(":", 1)[-1].lower()
            if local not in INLINE:
                flush()
            if match.group("close"):
                while stack:
                    closed = stack.pop()
                    in_meta -= "meta" in closed
                    if closed == local:
                        break
            elif not match.group("selfclose"):
                stack.append(local)
                in_meta += "meta" in local
            continue
        if in_meta:
            continue
        if match.group("text") is not None:
            _add_text(builder, match.group("text"), match.start())
        elif match.group("cdata") is not None:
            builder.add(match.group("cdata"), match.start("cdata"))
    flush()
    return blocks


def _finish(blocks, builder, stack, name, start, end, note_number: str | None = None):
    text = builder.text.strip()
    if not text:
        return
    lead = len(builder.text) - len(builder.text.lstrip())
    offsets = builder.offsets[lead : lead + len(text)]
    path = [s[0] for s in stack]
    container = next((p for p in reversed(path) if p in ("vraag", "antwoord", "noot", "voetnoot")), "")
    # Handelingen: a motion's text carries the motion's id (<motie id="M-34104-210">).
    motion_id = next((attrs.get("id", "") for element, attrs in reversed(stack) if element == "motie"), "")
    block = Block(
        kind="heading" if name in ("titel", "kop") else "paragraph",
        text=text,
        offsets=offsets,
        start=offsets[0],
        end=offsets[-1] + 1,
        element=f"{container}/{name}" if container else name,
        number=motion_id,
    )
    if name == "tekstregel" or "kamerstukkop" in path or "kamervraagkop" in path:
        block.kind = "furniture"
    if note_number is not None:
        block.kind, block.footnote = "footnote", int(note_number) if note_number.isdigit() else None
    lead_markers = [m for m in builder.markers_pending if m.position >= lead]
    block.markers = [FootnoteMarker(min(m.position - lead, max(len(text) - 1, 0)), m.number, m.start, m.end) for m in lead_markers]
    blocks.append(block)


def _metadata(raw: dict) -> dict:
    """Kamerstuk number, date and root kind from the attribute stream."""
    names = {name for name, _attrs, _path in raw["attributes"]}
    meta: dict = {"root": next((n for n in ("kamervragen", "kamerstuk", "handelingen") if n in names), None)}
    for name, attrs, _path in raw["attributes"]:
        if name == "datum" and "isodatum" in attrs and "date" not in meta:
            meta["date"] = attrs["isodatum"]
        if name == "meta" and attrs.get("name") == "OVERHEIDop.externMetadataRecord":
            meta["record"] = attrs.get("content", "")
    return meta
