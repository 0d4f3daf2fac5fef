"""Document-level facts: kind, own Kamerstuk id, date, title, signatories, committee."""
from __future__ import annotations

import datetime as dt
import re

from . import kamerstuk
from .document import Document, Signatory
from .plaintext import PAGE_FURNITURE

MONTHS = {
    m: i
    for i, m in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november december".split(), 1
    )
}
DATE = r"(?P<day>\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})"
DATE_LINES = [
    re.compile(r"\bDatum\s+" + DATE),
    re.compile(r"^\s*(?:Den Haag|'s-Gravenhage),\s+" + DATE),
    re.compile(r"^\s*Voorgesteld\s+" + DATE),
]
TITLE = re.compile(
    r"\b(?:Onderwerp|Betreft)\s+(?P<title>.+?)(?=\s+(?:Datum|Ons kenmerk|Onze referentie|Uw kenmerk|Bijlage)\b|$)"
)
ROLE = r"(?:Minister-President|Minister|Staatssecretaris)(?: van| voor)? [^,]{2,90}?"
SIGNATURE = re.compile(r"^(?:De |Het )?(?P<role>" + ROLE + r"),(?:\s+(?P<name>[A-Z][^,;:]{1,60}))?$")
PERSON_NAME = re.compile(r"^(?:[A-Z]\.)+\s?[^\W\d_][\w' -]+$|^[A-Z][^\W\d_]+(?: [a-z]+)* [A-Z][\w-]+$")
COMMITTEE = re.compile(r"\b(?:[Vv]aste|[Aa]lgemene) commissie voor (?P<name>[A-Z][\w ]+?)(?= heeft| die|,|\.|$)")
MOTION_HEADER = re.compile(r"^MOTIE VAN (?:HET LID|DE LEDEN)\s+(?P<names>.+)$", re.IGNORECASE)
QUESTION_HEADING = re.compile(r"\bVragen en opmerkingen van de leden van de\b|^Inbreng van de\b")


def parse_date(match: re.Match) -> dt.date | None:
    try:
        return dt.date(int(match.group("year")), MONTHS[match.group("month")], int(match.group("day")))
    except ValueError:
        return None


def document_metadata(doc: Document) -> None:
    """Pipeline component: fill kind, kamerstuk, date, title, signatories and committee."""
    if doc.format == "xml":
        _xml_metadata(doc)
    else:
        _text_metadata(doc)
    if not doc.kind:
        doc.kind = _kind(doc)


def latest_date(doc: Document) -> dt.date | None:
    dates = [parse_date(m) for b in doc.body for m in re.finditer(DATE, b.text)]
    dates = [d for d in dates if d]
    return max(dates) if dates else None


def _kind(doc: Document) -> str:
    texts = [b.text for b in doc.blocks[:60]]
    if any(MOTION_HEADER.match(t) for t in texts):
        return "motie"
    labels = sum(1 for b in doc.blocks if b.kind == "label" and b.text.strip("*#: ").lower() == "antwoord")
    if labels and any(QUESTION_HEADING.search(b.text) for b in doc.blocks):
        return "verslag-schriftelijk-overleg"
    if doc.date or any(t.startswith("Aan de Voorzitter") for t in texts):
        return "kamerbrief"
    return "document"


def _text_metadata(doc: Document) -> None:
    for block in doc.blocks:
        if block.kind == "furniture" and not doc.kamerstuk:
            match = PAGE_FURNITURE.match(block.text)
            if match:
                doc.kamerstuk = kamerstuk.identifier(match.group("dossier"), match.group("number"))
                doc.dossier = kamerstuk.split(doc.kamerstuk)[0]
        if block.kind not in ("paragraph", "heading"):
            continue
        if doc.date is None:
            for pattern in DATE_LINES:
                match = pattern.search(block.text)
                if match and parse_date(match):
                    doc.date = parse_date(match)
                    doc.date_span = doc.block_span(block, match.start("day"), match.end("year"))
                    break
        if not doc.title:
            match = TITLE.search(block.text)
            if match:
                doc.title = match.group("title").strip()
                doc.title_span = doc.block_span(block, match.start("title"), match.end("title"))
        if not doc.committee:
            match = COMMITTEE.search(block.text)
            if match:
                doc.committee = "vaste commissie voor " + match.group("name").strip()
    _signatories(doc)
    _motion_metadata(doc)


def _signatories(doc: Document) -> None:
    blocks = [b for b in doc.blocks if b.kind in ("paragraph", "heading")]
    for index, block in enumerate(blocks):
        if len(block.text) > 160:
            continue
        match = SIGNATURE.match(block.text)
        if not match:
            continue
        role = match.group("role").strip()
        if match.group("name"):
            span = doc.block_span(block, match.start("name"), match.end("name"))
            doc.signatories.append(Signatory(role, match.group("name").strip(), span))
        elif index + 1 < len(blocks) and PERSON_NAME.match(blocks[index + 1].text):
            name_block = blocks[index + 1]
            doc.signatories.append(Signatory(role, name_block.text, doc.block_span(name_block)))


def _motion_metadata(doc: Document) -> None:
    """Motion documents: "36 278" / "Nr. 32" header lines give the Kamerstuk id."""
    header = [b for b in doc.blocks[:15] if b.kind == "paragraph"]
    if not any(MOTION_HEADER.match(b.text) for b in header):
        return
    dossier = next((b.text for b in header if re.fullmatch(r"\d{2} ?\d{3}(?:[ -][A-Z0-9]{1,6})?", b.text)), None)
    number = next((m.group(1) for b in header if (m := re.fullmatch(r"Nr\.\s*(\d+)", b.text))), None)
    if dossier and number and not doc.kamerstuk:
        doc.kamerstuk = kamerstuk.identifier(dossier, number)
        doc.dossier = kamerstuk.normalise_dossier(dossier)
    if not doc.title:
        title_block = next(b for b in header if MOTION_HEADER.match(b.text))
        doc.title = title_block.text
        doc.title_span = doc.block_span(title_block)


def _xml_metadata(doc: Document) -> None:
    meta = doc.metadata
    by_element: dict[str, list] = {}
    for block in doc.blocks:
        by_element.setdefault(block.element, []).append(block)
    if meta.get("date"):
        doc.date = dt.date.fromisoformat(meta["date"])
    date_block = (by_element.get("datumtekst") or by_element.get("kamervraagomschrijving") or [None])[0]
    if date_block is not None and doc.date:
        match = re.search(DATE, date_block.text)
        if match:
            doc.date_span = doc.block_span(date_block, match.start(), match.end())
    if meta.get("root") == "kamervragen":
        doc.kind = "kamervragen"
        number = by_element.get("kamervraagnummer")
        subject = by_element.get("kamervraagomschrijving")
        if subject:
            doc.title, doc.title_span = subject[0].text, doc.block_span(subject[0])
        if number:
            doc.metadata["kamervraagnummer"] = number[0].text
        return
    dossier = by_element.get("dossiernr")
    stuknr = by_element.get("stuknr")
    if dossier and stuknr:
        number = re.search(r"\d+", stuknr[0].text)
        if number:
            doc.kamerstuk = kamerstuk.identifier(dossier[0].text, number.group())
            doc.dossier = kamerstuk.normalise_dossier(dossier[0].text)
    titles = by_element.get("titel", [])
    stuk_title = next((b for b in titles if MOTION_HEADER.match(b.text)), titles[-1] if titles else None)
    if stuk_title is not None:
        doc.title, doc.title_span = stuk_title.text, doc.block_span(stuk_title)
    if stuk_title is not None and MOTION_HEADER.match(stuk_title.text):
        doc.kind = "motie"
