"""Turn a file into a :class:`Document`: pick the reader, refuse what cannot be read.

Every refusal is an :class:`UnreadableDocument` naming the file and the reason, raised before
anything is written anywhere.
"""
from __future__ import annotations

import errno

import re
from pathlib import Path

from . import formats
from .document import Document
from .plaintext import read_plain_text
from .xmlreader import read_xml

MAX_BYTES = 20_000_000  # a Kamerstuk is kilobytes; anything this large is not one
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # not tab, line feed, form feed or carriage return
MAX_TEXT = 5_000_000  # characters of text, also of text extracted from a small compressed file
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
EXTRACTED = {".pdf", ".doc", ".docx"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | EXTRACTED | {".xml", ".json"}  # .json: open data (graph.odata)
MARKDOWN_HINT = re.compile(r"^#{1,6} |\*\*\S|<sup>\d+</sup>", re.MULTILINE)


class UnreadableDocument(Exception):
    """A file that cannot be ingested; str() names the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class NotADocument(UnreadableDocument):
    """A path not read on purpose (a link to a folder); reported as skipped, which is no failure."""


# Dutch parliamentary text that is not UTF-8 was written in a Western European code page.
LEGACY_ENCODINGS = ["cp1252", "iso8859_15", "latin_1", "cp850", "mac_roman"]
# Double-encoded UTF-8 ("cliÃ«nten", "â€™"): only then is the repair library asked.
MOJIBAKE_HINT = re.compile("[ÃÂ][\u0080-\u00bf\u0152-\u0178\u2018-\u203a]|â€")


def _decode(path: Path, data: bytes, warnings: list[str]) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return repair_mojibake(data.decode("utf-16"), warnings)
        except UnicodeDecodeError as error:
            raise UnreadableDocument(path, f"not valid UTF-16 (offset {error.start}): {error.reason}") from None
    if b"\x00" in data[:8192]:  # later NULs are blanked after decoding
        raise UnreadableDocument(path, "binary file (contains NUL bytes), not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = _legacy(data)
        if text is None:
            raise UnreadableDocument(
                path,
                f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}) and no other encoding "
                "could be told with confidence; convert it to UTF-8 first (e.g. iconv -f latin1 -t utf-8)",
            ) from None
        warnings.append(f"converted from {text[1]} to UTF-8")
        text = text[0]
    controls = len(CONTROL_CHARACTERS.findall(text, 0, 8192))
    if controls > 8:
        raise UnreadableDocument(path, "binary file (control characters), not a text document")
    return repair_mojibake(_blank_controls(text, warnings), warnings)


def _blank_controls(text: str, warnings: list[str]) -> str:
    """Stray NUL and control characters (past the first 8 kB, where a binary file shows) become
    spaces: no XML result or RDF/XML output can carry them, and every offset stays where it was."""
    found = CONTROL_CHARACTERS.findall(text)
    if not found:
        return text
    warnings.append(f"replaced {len(found)} control characters (NUL and the like) by spaces")
    return CONTROL_CHARACTERS.sub(" ", text)


def _legacy(data: bytes) -> tuple[str, str] | None:
    """The text in the legacy encoding charset-normalizer finds without doubt, or None."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None or best.chaos > 0.1:
        return None
    return str(best), best.encoding


def repair_mojibake(text: str, warnings: list[str]) -> str:
    """Undo double-encoded UTF-8 with ftfy (its encoding fixer only: quotes, ligatures and widths
    stay as printed)."""
    if not MOJIBAKE_HINT.search(text):
        return text
    import ftfy

    fixed = ftfy.fix_encoding(text)
    if fixed != text:
        changed = sum(1 for _ in MOJIBAKE_HINT.finditer(text)) - sum(1 for _ in MOJIBAKE_HINT.finditer(fixed))
        warnings.append(f"repaired double-encoded UTF-8 (mojibake) in {max(changed, 1)} places; offsets refer to the repaired text")
    return fixed


def _extracted(path: Path, suffix: str, data: bytes) -> str:
    """Text of the formats that need a library or tool to give it."""
    try:
        if suffix == ".pdf":
            return formats.pdf_text(data)
        if suffix == ".doc":
            return formats.doc_text(str(path))
        return formats.docx_text(data)
    except formats.ExtractionError as error:
        raise UnreadableDocument(path, str(error)) from None


def read_document(path: str | Path) -> Document:
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except (OSError, RuntimeError) as error:  # RuntimeError: a loop (Python < 3.13)
            loops = isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP
            raise UnreadableDocument(path, "a symbolic link that loops" if loops else "a symbolic link to nothing") from None
        if path.is_dir():
            raise NotADocument(path, "a link to a folder, not followed (links can loop); name the folder itself to build it")
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
    metadata: dict = {}
    warnings: list[str] = []

    if suffix in EXTRACTED:
        source = repair_mojibake(_extracted(path, suffix, data), warnings)
        fmt = suffix[1:]
        if fmt == "pdf":
            metadata["pages"] = formats.page_starts(source)  # of the repaired text
        blocks = read_plain_text(source)
    else:
        source = _decode(path, data, warnings)
        if suffix == ".xml":
            fmt = "xml"
            try:
                blocks, found = read_xml(source)
            except ValueError as error:
                raise UnreadableDocument(path, str(error)) from None
            metadata.update(found)
        elif suffix in HTML_SUFFIXES:
            # The page's content as text is what the store keeps; offsets refer to it.
            fmt = "html"
            source = formats.html_text(source)
            blocks = read_plain_text(source)
        else:
            fmt = "markdown" if MARKDOWN_HINT.search(source) else "text"
            blocks = read_plain_text(source)
    if len(source) > MAX_TEXT:
        raise UnreadableDocument(path, f"too much text ({len(source) / 1e6:.1f} M characters; the limit is {MAX_TEXT / 1e6:.0f} M)")
    if not source.strip() or not any(b.text.strip() for b in blocks):
        raise UnreadableDocument(path, "no text in the document")
    metadata["warnings"] = warnings
    return Document(path=str(path), source=source, format=fmt, blocks=blocks, metadata=metadata)


def iter_paths(paths: list[str | Path]) -> list[Path]:
    """Files named directly, and the files inside folders (sorted, hidden files skipped)."""
    found: list[Path] = []
    for item in paths:
        item = Path(item)
        if item.is_dir():
            found.extend(
                p for p in sorted(item.rglob("*"))
                # links that are no file (to a folder, looping, broken) too: each gets its line
                if (p.is_file() or p.is_symlink()) and not any(part.startswith(".") for part in p.relative_to(item).parts)
            )
        else:
            found.append(item)
    return found
