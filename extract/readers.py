"""Turn a file into a :class:`Document`: pick the reader, refuse what cannot be read.

Every refusal is an :class:`UnreadableDocument` naming the file and the reason, raised before
anything is written anywhere.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from .document import Document
from .plaintext import read_plain_text
from .xmlreader import read_xml

MAX_BYTES = 20_000_000  # a Kamerstuk is kilobytes; anything this large is not one
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # not tab, line feed, form feed or carriage return
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUPPORTED = TEXT_SUFFIXES | {".xml", ".docx"}
MARKDOWN_HINT = re.compile(r"^#{1,6} |\*\*\S|<sup>\d+</sup>", re.MULTILINE)


class UnreadableDocument(Exception):
    """A file that cannot be ingested; str() names the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise UnreadableDocument(path, "binary file (contains NUL bytes), not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            path,
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it to UTF-8 first (e.g. iconv -f latin1 -t utf-8)",
        ) from None
    controls = len(CONTROL_CHARACTERS.findall(text, 0, 8192))
    if controls > 8:
        raise UnreadableDocument(path, "binary file (control characters), not a text document")
    return text


def _docx_text(path: Path, data: bytes) -> str:
    """The text of a .docx, one line per non-empty paragraph in body order (tables included:
    Tweede Kamer motions lay out their header in a table). Offsets refer to this text."""
    import docx  # python-docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocument(path, f"not a valid .docx file ({error})") from None
    lines = (Paragraph(p, document).text.strip() for p in document.element.body.iter(qn("w:p")))
    return "\n".join(line for line in lines if line)


def read_document(path: str | Path) -> Document:
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UnreadableDocument(path, "no such file")
    if suffix not in SUPPORTED:
        raise UnreadableDocument(
            path, f"unsupported file type {suffix or '(none)'}; supported: {', '.join(sorted(SUPPORTED))}"
        )
    size = path.stat().st_size
    if size == 0:
        raise UnreadableDocument(path, "empty file")
    if size > MAX_BYTES:
        raise UnreadableDocument(path, f"too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
    data = path.read_bytes()

    if suffix == ".docx":
        source = _docx_text(path, data)
        fmt = "docx"
        blocks = read_plain_text(source)
        metadata: dict = {}
    else:
        source = _decode(path, data)
        if suffix == ".xml":
            fmt = "xml"
            try:
                blocks, metadata = read_xml(source)
            except ValueError as error:
                raise UnreadableDocument(path, str(error)) from None
        else:
            fmt = "markdown" if MARKDOWN_HINT.search(source) else "text"
            blocks = read_plain_text(source)
            metadata = {}
    if not source.strip() or not any(b.text.strip() for b in blocks):
        raise UnreadableDocument(path, "no text in the document")
    return Document(path=str(path), source=source, format=fmt, blocks=blocks, metadata=metadata)


def iter_paths(paths: list[str | Path]) -> list[Path]:
    """Files named directly, and the files inside folders (sorted, hidden files skipped)."""
    found: list[Path] = []
    for item in paths:
        item = Path(item)
        if item.is_dir():
            found.extend(
                p for p in sorted(item.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(item).parts)
            )
        else:
            found.append(item)
    return found
