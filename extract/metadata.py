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
    # on a line of its own, or after the addressee on the same line ("… Staten-Generaal Den Haag, 10 november 2023")
    re.compile(r"(?:^|(?<=Staten-Generaal)\s+)\s*(?:Den Haag|['’]s-Gravenhage),\s+" + DATE, re.M),
    re.compile(r"\bVoorgesteld\b[^.;]{0,80}?\b" + DATE),  # "Voorgesteld tijdens het Wetgevingsoverleg van 12 februari 2024"
    re.compile(r"\bVastgesteld\s+" + DATE),
    re.compile(r"^\s*" + DATE + r"\s*$"),  # a motion form as handed in: its date on a line of its own
    re.compile(r"\((?:ontvangen|ingezonden)\s+" + DATE),  # Kamervragen: asked, or answered (preferred, see ANSWER_DATE)
    # the metadata lines of a page copy: "Document date 10-11-2023", "Nummer: 2024D34636, datum: 2024-09-23"
    re.compile(r"\bDocument date\s+(?P<day>\d{2})-(?P<month>\d{2})-(?P<year>\d{4})\b"),
    re.compile(r"\bNummer: \d{4}D\d+, datum: (?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
]
ANSWER_DATE = re.compile(r"\(ontvangen\s+" + DATE)
TITLE = re.compile(
    r"\b(?:Onderwerp|Betreft)\s+(?P<title>.+?)(?=\s+(?:Datum|Ons kenmerk|Onze referentie|Uw kenmerk|Bijlage)\b|$)"
)
# The title line of a page copy of an open-data record: "Brief regering : Overzicht van …",
# "Antwoord schriftelijke vragen : Antwoord op vragen van het lid …", "Officiële titel Vreemdelingenbeleid; …".
PAGE_TITLE = re.compile(r"^(?:(?:Brief regering|Motie|Antwoord schriftelijke vragen|Schriftelijke vragen|Verslag(?: van een)? "
                        r"schriftelijk overleg|Brief commissie)\s*[:;]\s*|Officiële titel\s+)(?P<title>\S.{4,300}?)\s*$", re.M)
# openkamer.nl's copy: the title, the dossier, the kind, then "Nummer: 2024D34636, datum: 2024-09-23".
OPENKAMER_TITLE = re.compile(r"\A\s*(?P<title>[^\n]{5,300}?)[ \t]*\n[^\n]+\n[^\n]+\nNummer: \d{4}D\d+, datum:")
# Kamervragen as printed: "Vragen van de leden X (CDA) en Y (D66) aan de Staatssecretaris … over … (ingezonden 18 augustus 2020)."
QUESTIONS_TITLE = re.compile(r"^(?:Noot \d+[^\n]*\n)?\s*(?P<title>(?:Interpellatiev|V)ragen van (?:het lid|de leden)\b[^\n]{10,400}?)"
                             r"(?:\s*\((?:ingezonden|ingediend)\b[^)]*\))?\.?\s*$", re.M)
# A Kamerstuk's heading: the dossier's title line ("19 637 Vreemdelingenbeleid", "36 800 XX Vaststelling van
# de begrotingsstaten …"), then the paper's own ("Nr. 2478 BRIEF VAN DE STAATSSECRETARIS …", "B VERSLAG VAN …").
DOSSIER_TITLE = re.compile(r"^(?P<dossier>\d{2} ?\d{3}(?: ?- ?\d{1,3})?(?: [IVXLC]{1,5}| [A-Z](?= ))?)\s+(?P<title>[A-Z][^\n]{3,300})$")
PAPER_HEADING = re.compile(r"^(?:Nr\.\s*\d{1,5}|[A-Z]{1,2})\s+(?P<heading>(?:BRIEF|VERSLAG|LIJST|MEMORIE|NOTA|MOTIE|GEWIJZIGDE MOTIE|"
                           r"VERSLAG VAN EEN SCHRIFTELIJK OVERLEG)\b[A-Z0-9 ,.\-–’'()ËÉÈÖÜ]*)$")
# A plenary record's item: "12 Stemmingen motie asielaanvragen", "24 Stemming motie Onderwijs op andere locatie …".
HANDELINGEN_ITEM = re.compile(r"^(?P<item>\d{1,3})\s+(?P<title>[A-Z][^\n]{4,200}?)\s*$")
# Which Handelingen: "Tweede Kamer der Staten-Generaal2011-2012nr. 103, item 12", "…/h-tk-20172018-70-3/metadata.xml".
HANDELINGEN_NUMBER = [
    re.compile(r"(?P<house>Tweede|Eerste) Kamer der Staten-Generaal\s*(?P<from>\d{4})-(?P<to>\d{4})\s*nr\. (?P<number>\d{1,4})(?:, item (?P<item>\d{1,3}))?"),
    re.compile(r"\bh-(?P<house>tk|ek)-(?P<from>\d{4})(?P<to>\d{4})-(?P<number>\d{1,4})(?:-(?P<item>\d{1,3}))?\b"),
]
ON_THE_AGENDA = re.compile(r"^Aan de orde (?:is|zijn) (?P<title>[^\n]{10,250}?)(?:,\s*te weten\b|[.:]?\s*$)", re.M)
KIND_NAMES = {"kamerbrief": "Kamerbrief", "verslag-schriftelijk-overleg": "Verslag schriftelijk overleg", "motie": "Motie",
              "gewijzigde-motie": "Gewijzigde motie", "kamervragen": "Kamervragen", "antwoord-kamervragen": "Antwoord op Kamervragen",
              "lijst-vragen-antwoorden": "Lijst van vragen en antwoorden", "handelingen": "Handelingen", "document": "Document"}
FUNCTION_WORDS = {"van", "de", "der", "den", "het", "een", "en", "voor", "over", "op", "in", "te", "met", "aan", "inzake", "bij", "tot", "om"}
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
    month = match.group("month")
    try:
        return dt.date(int(match.group("year")), int(month) if month.isdigit() else MONTHS[month], int(match.group("day")))
    except ValueError:
        return None


def dutch_date(date: dt.date) -> str:
    return f"{date.day} {list(MONTHS)[date.month - 1]} {date.year}"


def document_label(doc: Document) -> str:
    """The name a person reads: the title when the document has one; else its kind with its number,
    a letter's signer and the date ("Kamerbrief van de Staatssecretaris van Justitie en Veiligheid,
    16 mei 2024", "Verslag schriftelijk overleg 32317-789", "Handelingen TK 2023-2024 nr. 18, item
    47"); never the file name."""
    if doc.title:
        return doc.title
    number = doc.kamerstuk or doc.metadata.get("handelingen") or doc.metadata.get("kamervraagnummer")
    name = " ".join(filter(None, [KIND_NAMES.get(doc.kind, "Document"), number]))
    if doc.kind == "kamerbrief" and doc.signatories:  # "Kamerbrief van de Staatssecretaris van …"
        name += f" van de {doc.signatories[0].role}"
    if doc.date:
        return f"{name}, {dutch_date(doc.date)}"
    if number or doc.kind not in ("", "document"):
        return name
    opening = next((b.text for b in doc.blocks if b.kind in ("heading", "paragraph") and len(b.text.split()) > 2), "")
    words = opening.split()
    return f"Document: {' '.join(words[:10])}{' …' if len(words) > 10 else ''}" if words else "Document zonder titel"


def heading_case(heading: str) -> str:
    """A heading printed in capitals as a title: "BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN
    VEILIGHEID" → Brief van de Staatssecretaris van Justitie en Veiligheid; "MOTIE VAN DE LEDEN VAN
    HAERSMA BUMA EN BISSCHOP" → Motie van de leden Van Haersma Buma en Bisschop."""
    if heading != heading.upper():
        return heading
    words = heading.lower().split()
    mode = ""  # "office" after a minister or staatssecretaris (a ministry's name), "names" after lid/leden
    for index, word in enumerate(words):
        previous = words[index - 1].lower() if index else ""
        if word.startswith(("minister", "staatssecretaris")):
            mode, words[index] = "office", word.capitalize()
        elif word in ("lid", "leden"):
            mode = "names"
        elif index == 0 or (mode and word not in FUNCTION_WORDS and word != "c.s."):
            words[index] = word[:1].upper() + word[1:]
        elif mode == "names" and previous in ("lid", "leden", "en") and words[index - 1] in ("lid", "leden", "en"):
            words[index] = word.capitalize()  # a family name standing alone: "het lid Van Dijk", "en Van der Graaf"
    return " ".join(words)


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
    _handelingen_number(doc)
    if not doc.kind:
        doc.kind = _kind(doc)
    if doc.kind in ("motie", "gewijzigde-motie") and doc.metadata["motion_texts"]:
        _motion_metadata(doc)
    if doc.kind == "antwoord-kamervragen":  # the answer's date, not the questions'
        match = ANSWER_DATE.search(doc.source[:6000])  # in the source: the date may begin a line of its own
        if match and parse_date(match):
            doc.date, doc.date_span = parse_date(match), doc.span(*_date_extent(match))


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
    if not doc.title:
        _printed_title(doc)


def _printed_title(doc: Document) -> None:
    """A title from the conventions of the copy at hand (the first that applies): a page copy's
    title line, openkamer's first line, Kamervragen's "Vragen van …", the Kamerstuk's heading (the
    dossier's title and the paper's own), a plenary item's heading."""
    head = doc.source[:4000]
    for pattern in (PAGE_TITLE, OPENKAMER_TITLE, QUESTIONS_TITLE):
        match = pattern.search(head)
        if match:
            doc.title = " ".join(match.group("title").split())
            doc.title_span = doc.span(match.start("title"), match.end("title"))
            return
    lines = _printed_lines(head)[:40]
    for index, (text, start) in enumerate(lines):
        dossier = DOSSIER_TITLE.match(text)
        if not dossier or PAPER_HEADING.match(text):
            continue
        for offset, (following, following_start) in enumerate(lines[index + 1 : index + 5], index + 1):
            heading = PAPER_HEADING.match(following)
            if heading:  # the lines in between continue the dossier's title ("Raad Algemene Zaken en Raad Buitenlandse / Zaken")
                dossier_title = " ".join([dossier.group("title").strip(), *(text for text, _ in lines[index + 1 : offset])])
                doc.title = f"{dossier_title}; {heading_case(heading.group('heading').strip())}"
                doc.title_span = doc.span(start + dossier.start("title"), following_start + heading.end("heading"))
                return
    if doc.kind in ("", "handelingen") and _is_handelingen(doc):
        for text, start in lines[:6]:
            item = HANDELINGEN_ITEM.match(text)
            if item:
                doc.title = item.group("title")
                doc.title_span = doc.span(start + item.start("title"), start + item.end("title"))
                return
        business = ON_THE_AGENDA.search(head)  # no item heading: what the chair puts on the agenda
        if business:
            doc.title = " ".join(business.group("title").split())
            doc.title = doc.title[0].upper() + doc.title[1:]
            doc.title_span = doc.span(business.start("title"), business.end("title"))


def _printed_lines(text: str) -> list[tuple[str, int]]:
    """The non-empty printed lines of `text`, stripped, with the offset where each starts."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group().strip()
        if stripped:
            found.append((stripped, match.start() + match.group().index(stripped)))
    return found


def _handelingen_number(doc: Document) -> None:
    """Which plenary record: "TK 2011-2012 nr. 103, item 12" (for its name; see document_label)."""
    for pattern in HANDELINGEN_NUMBER:
        match = pattern.search(doc.source[:3000])
        if match:
            house = "TK" if match.group("house").lower().startswith("t") else "EK"
            item = f", item {match.group('item')}" if match.group("item") else ""
            doc.metadata["handelingen"] = f"{house} {match.group('from')}-{match.group('to')} nr. {match.group('number')}{item}"
            return


def _date_line(doc: Document, block) -> None:
    """The document's own date from a line that gives it ("Den Haag, 1 mei 2024", "Voorgesteld …")."""
    for pattern in DATE_LINES:
        match = pattern.search(block.text)
        if match and parse_date(match):
            doc.date = parse_date(match)
            doc.date_span = doc.block_span(block, *_date_extent(match))
            return


def _date_extent(match: re.Match) -> tuple[int, int]:
    """Where the date itself stands in a date line (day first, or year first as in 2024-09-23)."""
    parts = ("day", "month", "year")
    return min(match.start(p) for p in parts), max(match.end(p) for p in parts)


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
        doc.title = heading_case(re.sub(r"^(?:Nr\.\s*\d{1,5}|[A-Z]{1,2}(?=\s+(?:GEWIJZIGDE\s+)?MOTIE))\s+", "", motion.header.text))
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
