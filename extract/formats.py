"""Readers for formats whose text must be extracted first: PDF, Word 97 (.doc), .docx and saved
HTML pages. Each returns the text the store keeps as ``kg:sourceText`` (all offsets refer to it).

Libraries, chosen by measurement on a real Tweede Kamer PDF (README, "Libraries"): pypdfium2
(PDFium) for PDF — the fastest of pypdf, pdfplumber, pymupdf and PDFium there (3.3 ms a page
against 10.5, 42.7 and 3.9), with the reading order of the printed page; Debian's antiword (or
catdoc) for .doc; python-docx for .docx; BeautifulSoup for HTML.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile

PAGE_BREAK = "\f"  # between PDF pages in the kept text, so a page is a span of it too
MAX_UNPACKED = 30_000_000  # bytes a .docx may unpack to; a Kamerstuk's parts are a few MB
MIN_TEXT_PER_PAGE = 20  # characters: below this on every page, the PDF is a scan
DOC_TOOLS = (("catdoc", ["catdoc", "-w", "-d", "utf-8"]), ("antiword", ["antiword", "-w", "0", "-m", "UTF-8.txt"]))  # catdoc keeps table cells apart by tabs, antiword draws them
# Site furniture of saved officielebekendmakingen / tweedekamer.nl pages.
HTML_DROP = ["script", "style", "noscript", "nav", "header", "footer", "form", "button", "svg", "iframe"]
HTML_DROP_CLASSES = re.compile(r"\b(?:breadcrumb|skiplink|navigation|menu|metadata|meta-data|ondertekenaars|footer|header|"
                               r"share|social|cookie|print|naar-boven|back-to-top)\b", re.IGNORECASE)
BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "br",
              "blockquote", "dd", "dt", "ul", "ol"}


class ExtractionError(ValueError):
    """The format is right but its text cannot be had; the message says why."""


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, pages separated by form feeds (a page is a span of the text)."""
    import pypdfium2

    pages = []
    try:
        document = pypdfium2.PdfDocument(data)
        try:
            for page in document:
                pages.append(page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
        finally:
            document.close()
    except pypdfium2.PdfiumError as error:
        raise ExtractionError(f"not a readable PDF ({error})") from None
    if not pages:
        raise ExtractionError("the PDF has no pages")
    if all(len(p.strip()) < MIN_TEXT_PER_PAGE for p in pages):
        raise ExtractionError("the PDF has no text layer (a scan?); run OCR on it first (e.g. ocrmypdf) and build the result")
    return ("\n" + PAGE_BREAK).join(pages)


def page_starts(text: str) -> list[int]:
    """Where each page of a PDF's kept text starts."""
    return [0] + [i + 1 for i, char in enumerate(text) if char == PAGE_BREAK]


def doc_text(path: str) -> str:
    """The text of a Word 97 .doc through catdoc (or antiword), Debian tools made for it."""
    found = [(name, command) for name, command in DOC_TOOLS if shutil.which(command[0])]
    if not found:
        raise ExtractionError("reading a Word 97 .doc needs catdoc or antiword: install one (apt-get install catdoc)")
    failures = []
    for name, command in found:
        try:
            # An absolute path: a file name starting with "-" is no option to the tool.
            done = subprocess.run([*command, os.path.abspath(path)], capture_output=True, timeout=60)
        except subprocess.TimeoutExpired:
            failures.append(f"{name} took longer than 60 s")
            continue
        except OSError as error:
            failures.append(f"{name}: {error.strerror}")
            continue
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.decode("utf-8", errors="replace")
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        failures.append(f"{name}: {message[0] if message else 'no text'}")
    raise ExtractionError(f"not a readable Word 97 .doc ({'; '.join(failures)})")


def docx_text(data: bytes) -> str:
    """The text of a .docx, one line per non-empty paragraph in body order (tables included:
    Tweede Kamer motions lay out their header in a table)."""
    import docx  # python-docx
    from docx.oxml.ns import qn
    from lxml import etree
    from docx.text.paragraph import Paragraph

    _check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ExtractionError(f"not a valid .docx file ({error})") from None
    except etree.LxmlError as error:  # XMLSyntaxError and the like: a malformed part inside
        raise ExtractionError(f"not a valid .docx file (malformed XML inside: {error})") from None
    lines = (Paragraph(p, document).text.strip() for p in document.element.body.iter(qn("w:p")))
    return "\n".join(line for line in lines if line)


def _check_package(data: bytes) -> None:
    """Refuse a .docx whose parts would unpack to more than a Kamerstuk ever holds (a zip bomb),
    before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except zipfile.BadZipFile as error:
        raise ExtractionError(f"not a valid .docx file ({error})") from None
    if unpacked > MAX_UNPACKED:
        raise ExtractionError(f"the .docx unpacks to {unpacked / 1e6:.0f} MB (the limit is {MAX_UNPACKED / 1e6:.0f} MB): "
                              "not a parliamentary document")


def html_text(markup: str) -> str:
    """The content of a saved page: one line per block element, site furniture dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    # Collect first, then remove: a removed tag's descendants are skipped (no search per tag).
    furniture = list(soup(HTML_DROP))
    furniture += [tag for tag in soup.find_all(True)
                  if HTML_DROP_CLASSES.search(" ".join(tag.get("class") or []) + " " + (tag.get("id") or ""))]
    for tag in furniture:
        if tag.parent is not None:
            tag.extract()
    main = soup.find("main") or soup.find("article") or soup.body or soup
    for tag in main.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (re.sub(r"[ \t\xa0]+", " ", line).strip() for line in main.get_text().splitlines())
    text, blank = [], False
    for line in lines:
        if not line:
            blank = bool(text)
            continue
        if blank:
            text.append("")
        text.append(line)
        blank = False
    return "\n".join(text)
