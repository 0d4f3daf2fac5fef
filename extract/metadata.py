"""Document-level facts: kind, own Kamerstuk id, date, title, signatories, committee."""
from __future__ import annotations

import datetime as dt
import re

from . import kamerstuk
from .document import Document, Signatory
from .motiontext import MOTION_OPENING, find_motions, source_lines
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
    re.compile(r"\bVoorgesteld\b[^.;]{0,80}?\b" + DATE),  # "Voorgesteld tijdens het Wetgevingsoverleg van 12 februari 2024"
    re.compile(r"\bVastgesteld\s+" + DATE),
    re.compile(r"^\s*" + DATE + r"\s*$"),  # a motion form as handed in: its date on a line of its own
]
TITLE = re.compile(
    r"\b(?:Onderwerp|Betreft)\s+(?P<title>.+?)(?=\s+(?:Datum|Ons kenmerk|Onze referentie|Uw kenmerk|Bijlage)\b|$)"
)
ROLE = r"(?:Minister-President|Minister|Staatssecretaris)(?: van| voor)? [^,]{2,90}?"
SIGNATURE = re.compile(r"^(?:De |Het )?(?P<role>" + ROLE + r"),(?:\s+(?P<name>[A-Z][^,;:]{1,60}))?$")
PERSON_NAME = re.compile(r"^(?:[A-Z]\.)+\s?[^\W\d_][\w' -]+$|^[A-Z][^\W\d_]+(?: [a-z]+)* [A-Z][\w-]+$")
COMMITTEE = re.compile(r"\b(?:[Vv]aste|[Aa]lgemene) commissie voor (?P<name>[A-Z][\w ]+?)(?= heeft| die|,|\.|$)")
MOTION_HEADER = re.compile(r"^MOTIE VAN (?:HET LID|DE LEDEN)\s+(?P<names>.+)$", re.IGNORECASE)
_ID = r"\d{4,6}(?:-\d{1,3})?(?:-[A-Z]{1,6}-(?:\d{1,5}|[A-Z]{1,3})|-\d{1,5})"  # a number at the end, or a letter after a suffix (36120-VI-C)
_DOSSIER = r"\d{2} ?\d{3}(?: ?- ?\d{1,3})?(?: (?:[IVXLC]{1,5}|[A-Z])(?=[\s,]|$))?"
OWN_NUMBER = [  # most explicit first
    re.compile(r"^\s*kst-(?P<id>" + _ID + r")\s*(?:ISSN\b.*)?$", re.M),  # the colophon line, not a link
    re.compile(r"(?:Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}, (?P<dossier>" + _DOSSIER + r"), (?:nr\. )?(?P<number>\d{1,5}|[A-Z]{1,2})\b"),
    re.compile(r"^(?:Kamerstuk|ID:?|Nummer:?)\s+(?P<id>" + _ID + r")\s*$", re.M),
    re.compile(r"^(?P<id>" + _ID + r")\s*$", re.M),
    # the metadata table of a page copy: "Tweede Kamer der Staten-Generaal2016-201719637 nr. 2285", "| 30573 nr. J |"
    re.compile(r"(?:\d{4}-\d{4}|\|\s*)(?P<dossier>\d{5}(?:-\d{1,3})?(?: ?[IVXLC]{1,5})?) nr\. (?P<number>\d{1,5}|[A-Z]{1,2})\b"),
]
DOSSIER_LINE = re.compile(r"^(?P<dossier>" + _DOSSIER + r")(?:\s+\S.*)?$")
NUMBER_LINE = re.compile(r"^(?:Nr\.\s*(?P<number>\d{1,5})|(?P<letter>[A-Z]{1,2})(?=\s+(?:GEWIJZIGDE\s+)?MOTIE\b))")
SPEAKER = re.compile(r"^(?:De (?:voorzitter|minister|staatssecretaris)|Voorzitter|(?:De heer|Mevrouw|Minister|Staatssecretaris)\s+[^:]{2,80})\s*:\s*$")
PLENARY = re.compile(r"^(?:Aan de orde (?:is|zijn)|In stemming (?:komt|komen)|Ik constateer dat)\b", re.M)
KAMERVRAGEN = re.compile(r"\bVragen van (?:het lid|de leden)\b[^\n]{0,400}?\((?:ingezonden|ingediend)\b|\binterpellatievra(?:gen|ag)\b", re.I)
ANSWERED = re.compile(r"\bAntwoord (?:van|op vragen van)\b[^\n]{0,300}\(ontvangen\b|^Antwoord(?: op vraag)? 1\b", re.M)
LIST_OF_QUESTIONS = re.compile(r"\blijst van vragen en antwoorden\b|\bvragen en antwoorden\b[^\n]{0,40}\bvastgesteld\b", re.I)
WRITTEN_CONSULTATION = re.compile(r"\bverslag van een schriftelijk overleg\b|\bverslag (?:uit )?van het gevoerde schriftelijk overleg\b|"
                                  r"\bverslag schriftelijk overleg\b", re.I)
LETTER = re.compile(r"^(?:Aan de Voorzitter van de|Geachte (?:voorzitter|Voorzitter)|BRIEF VAN DE)\b|\bKamerbrief\b", re.M)
PARLIAMENTARY_WORDS = re.compile(r"\b(?:Kamer|kamerstuk|motie|minister|staatssecretaris|kabinet|regering|fractie|Handelingen|"
                                 r"Staten-Generaal|vergaderjaar|toezegging)\b", re.I)
QUESTION_HEADING = re.compile(r"\bVragen en opmerkingen van de leden van de\b|^Inbreng van de\b")


def parse_date(match: re.Match) -> dt.date | None:
    try:
        return dt.date(int(match.group("year")), MONTHS[match.group("month")], int(match.group("day")))
    except ValueError:
        return None


def document_metadata(doc: Document) -> None:
    """Pipeline component: fill kind, kamerstuk, date, title, signatories and committee; find the
    motion texts (their parts are the motion_text component's work)."""
    if MOTION_OPENING.search(doc.source):  # most documents hold no motion text: not worth cutting into lines
        lines = [b for b in doc.blocks if b.kind in ("paragraph", "heading", "label")] if doc.format == "xml" \
            else source_lines(doc.source)
        doc.metadata["motion_texts"] = find_motions(lines)
    else:
        doc.metadata["motion_texts"] = []
    if doc.format == "xml":
        _xml_metadata(doc)
        for block in doc.blocks:
            if doc.date is not None:
                break
            _date_line(doc, block)
    else:
        _text_metadata(doc)
    if not doc.kind:
        doc.kind = _kind(doc)
    if doc.kind in ("motie", "gewijzigde-motie") and doc.metadata["motion_texts"]:
        _motion_metadata(doc)


def latest_date(doc: Document) -> dt.date | None:
    dates = [parse_date(m) for b in doc.body for m in re.finditer(DATE, b.text)]
    dates = [d for d in dates if d]
    return max(dates) if dates else None


def _kind(doc: Document) -> str:
    """What the document is, from the conventions of each kind (see the module docstring)."""
    head = "\n".join(b.text for b in doc.blocks[:40])
    root = doc.metadata.get("root")
    motions = doc.metadata.get("motion_texts", [])
    if not (root or motions or doc.date or doc.kamerstuk or doc.signatories) and _not_parliamentary(doc):
        return ""
    if root == "handelingen" or (not root and _is_handelingen(doc)):
        return "handelingen"
    if root == "kamervragen" or KAMERVRAGEN.search(head):
        return "antwoord-kamervragen" if ANSWERED.search(doc.source) else "kamervragen"
    if motions and (motions[0].header is not None or len(motions) == 1 and motions[0].start < 3000):
        return "gewijzigde-motie" if motions[0].amended or motions[0].replaces else "motie"
    if LIST_OF_QUESTIONS.search(head):
        return "lijst-vragen-antwoorden"
    labels = sum(1 for b in doc.blocks if b.kind == "label" and b.text.strip("*#: ").lower() == "antwoord")
    if WRITTEN_CONSULTATION.search(head) or (labels and any(QUESTION_HEADING.search(b.text) for b in doc.blocks)):
        return "verslag-schriftelijk-overleg"
    if doc.date or LETTER.search(head) or doc.signatories:
        return "kamerbrief"
    return "document"


def _is_handelingen(doc: Document) -> bool:
    """A plenary record: speakers' turns ("De voorzitter:", "De heer Middel (PvdA):") and the
    chair's business ("Aan de orde is …", "In stemming komt …")."""
    turns = sum(1 for b in doc.blocks[:400] if SPEAKER.match(b.text))
    business = bool(PLENARY.search("\n".join(b.text for b in doc.blocks[:60])))
    return turns >= 2 or (turns and business) or (business and bool(re.search(r"^Handeling", doc.source[:200], re.M)))


def _not_parliamentary(doc: Document) -> bool:
    """Software documentation (code spans, commands) or a table of files, not a parliamentary text."""
    lines = [line.strip() for line in doc.source.splitlines() if line.strip()]
    if not lines:
        return True
    code = sum(1 for line in lines if "`" in line or line.startswith("$ "))
    table = sum(1 for line in lines if line.startswith("|"))
    return code >= 0.1 * len(lines) or table >= 0.6 * len(lines) or not PARLIAMENTARY_WORDS.search(doc.source)


def own_number(doc: Document) -> str | None:
    """The document's own Kamerstuk id from its colophon, page furniture, metadata line or header."""
    text = doc.source if len(doc.source) < 8_000 else doc.source[:4000] + "\n" + doc.source[-3000:]  # header, colophon
    for pattern in OWN_NUMBER:
        for match in pattern.finditer(text):
            found = _identifier(match)
            if found:
                return found
    # The header: the dossier's line, then "Nr. 23 …" within a few lines. Read as printed lines
    # (a block joins wrapped lines, and the header's lines may share one block) and as blocks.
    printed = [line.strip() for line in doc.source[:3000].splitlines() if line.strip()][:40]
    lines = printed + [""] * 10 + [b.text for b in doc.blocks[:30]]
    for index, line in enumerate(lines):
        dossier = DOSSIER_LINE.match(line)
        if not dossier:
            continue
        for following in lines[index + 1 : index + 10]:
            number = NUMBER_LINE.match(following)
            if number:
                try:
                    return f"{kamerstuk.normalise_dossier(dossier.group('dossier'))}-{number.group('number') or number.group('letter')}"
                except ValueError:
                    break
    return None


def _identifier(match: re.Match) -> str | None:
    groups = match.groupdict()
    if groups.get("id"):
        found = groups["id"]
    else:
        try:
            dossier = kamerstuk.normalise_dossier(groups["dossier"])
        except ValueError:
            return None
        number = groups["number"]
        found = f"{dossier}-{int(number) if number.isdigit() else number}"
    return found if kamerstuk.IDENTIFIER.match(found) else None


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
            _date_line(doc, block)
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
    if not doc.kamerstuk:
        doc.kamerstuk = own_number(doc)
        if doc.kamerstuk:
            doc.dossier = kamerstuk.split(doc.kamerstuk)[0]


def _date_line(doc: Document, block) -> None:
    """The document's own date from a line that gives it ("Den Haag, 1 mei 2024", "Voorgesteld …")."""
    for pattern in DATE_LINES:
        match = pattern.search(block.text)
        if match and parse_date(match):
            doc.date = parse_date(match)
            doc.date_span = doc.block_span(block, match.start("day"), match.end("year"))
            return


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
    """A motion document: its own number and title from its header; the motion text carries
    the number, and the number it replaces gets its dossier."""
    motion = doc.metadata["motion_texts"][0]
    if motion.kamerstuk is None and doc.kamerstuk:
        motion.kamerstuk = doc.kamerstuk
    if motion.replaces and motion.replaces.isdigit() and motion.kamerstuk:
        motion.replaces = f"{kamerstuk.split(motion.kamerstuk)[0]}-{motion.replaces}"
    if not doc.title and motion.header is not None:
        doc.title = motion.header.text
        doc.title_span = doc.span(motion.header.start, motion.header.end)


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
        council = by_element.get("raadnr")
        dossier_text = dossier[0].text + (f"-{council[0].text.strip()}" if council and council[0].text.strip().isdigit() else "")
        if number:
            doc.kamerstuk = kamerstuk.identifier(dossier_text, number.group())
            doc.dossier = kamerstuk.normalise_dossier(dossier_text)
    titles = by_element.get("titel", [])
    stuk_title = next((b for b in titles if MOTION_HEADER.match(b.text)), titles[-1] if titles else None)
    if stuk_title is not None:
        doc.title, doc.title_span = stuk_title.text, doc.block_span(stuk_title)
    if stuk_title is not None and MOTION_HEADER.match(stuk_title.text):
        doc.kind = "motie"
