"""Motions whose text stands in a document: the motion of a motion document (every layout: page
text, PDF text with wrapped lines and furniture, OCR, Word, XML) and the motions submitted in a
plenary debate (Handelingen).

A motion is recognised by the conventions every motion follows, not by a layout: it opens with
"De Kamer," (then "gehoord de beraadslaging,"), has clauses that each start with a word of
consideration (constaterende, overwegende, van mening, …) or of request (verzoekt, roept … op,
spreekt uit, draagt … op …), and closes with "en gaat over tot de orde van de dag". Its sponsors
are named in a header ("MOTIE VAN DE LEDEN PODT EN PIRI"), in the signature lines after the
close, and in a debate by the chair ("Deze motie is voorgesteld door de leden Middel en Kamp.");
its number in a debate by the chair too ("Zij krijgt nr. 463 (19637).", ``<motie id="M-34104-210">``).

:func:`find_motions` is pure: lines (blocks with offsets) in, motions with clause blocks and
sponsor spans out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import kamerstuk
from .names import family_key, family_name
from .text import Block, TextBuilder, join_blocks

I = re.IGNORECASE
ANCHOR = re.compile(r"^\W{0,3}de kamer\s*,", I)
MOTION_OPENING = re.compile(r"\bde kamer\s*,", I)  # a text without it holds no motion
PREAMBLE = re.compile(r"^gehoord de beraadslaging(?:en)?\s*[,;.]?", I)
CLOSE = re.compile(r"^en gaat (?:over )?tot de orde van de dag\b[.,;]?", I)
_LEAD = r"(?:(?:en|voorts|tevens|mede|ook|verder|daarnaast|nogmaals|eveneens)\s+)?"
CONSIDERATION_WORDS = (
    r"constaterende|overwegende|overwegend|van mening|van oordeel|(?:mede )?gelet op|gezien|wijzende op|erkennende|"
    r"vaststellende|concluderende|in aanmerking nemende|onderschrijvende|benadrukkende|betreurende|"
    r"verwijzende naar|herinnerende aan|van opvatting|ervan uitgaande|signalerende|opmerkende|meenende|"
    r"ervan overtuigd|kennisnemende|bezorgd|verontrust|zich bewust|van gevoelen|onderkennende|beseffende|"
    r"hechtend aan|hechtende aan|vindende|oordelende|van het oordeel"
)
DICTUM_WORDS = (
    r"verzoekt|roept|spreekt|draagt|besluit|dringt|nodigt|doet een (?:dringend )?(?:beroep|oproep)|"
    r"geeft (?:de regering|het kabinet) in overweging|vraagt (?:de regering|het kabinet)|beveelt|"
    r"stelt (?:de regering|het kabinet)|wenst|verklaart"
)
# "van oordeel is dat" continues a sentence; the clause is "van oordeel(,) dat".
CONSIDERATION = re.compile(r"^" + _LEAD + r"(?:" + CONSIDERATION_WORDS + r")\b(?!\s+(?:is|zijn|was|waren|blijft|wordt)\b)", I)
DICTUM = re.compile(r"^" + _LEAD + r"(?:" + DICTUM_WORDS + r")\b", I)
# Inside a line (a whole motion printed as one paragraph): only the unmistakable clause words
# after a clause's closing punctuation start a new clause.
INLINE_SPLIT = re.compile(
    r"(?<=[;,:])\s+(?=(?:" + _LEAD + r"(?:constaterende|overwegende|van mening|van oordeel|gelet op|verzoekt|roept|"
    r"spreekt|draagt|gehoord de beraadslaging|en gaat over tot de orde van de dag))\b)", I)
CONJUNCTION = re.compile(r"^(?:en|of|tot|noch)\b")
CLAUSE_END = re.compile(r"[;,:.]\s*(?:\d{1,2})?$")

# Headers: "MOTIE VAN HET LID VERHOEVEN", "Nr. 57 MOTIE VAN DE LEDEN PODT EN PIRI",
# "GEWIJZIGDE MOTIE VAN HET LID X C.S. TER VERVANGING VAN DIE GEDRUKT ONDER NR. 12",
# "Motie van de leden Piri (GL-PvdA) en Veldkamp (NSC) over …".
HEADER = re.compile(
    r"(?:^|(?<=[:.\s]))(?P<gewijzigd>(?:nader\s+)?gewijzigde\s+)?motie\s+van\s+(?:het\s+(?:kamer)?lid|de\s+(?:kamer)?leden)\s+"
    r"(?P<names>.+)$", I)
HEADER_STOP = re.compile(r"(?<!\s)\s+(?:over|inzake|betreffende|ten aanzien van|met betrekking tot|ter vervanging|voorgesteld)\b|(?<!\s)\s+[–—-]\s|\t", I)
REPLACES = re.compile(r"ter vervanging van (?:die|de motie)?\s*gedrukt onder nr\.?\s*(?P<number>\d+)", I)
AMENDED_IN_DEBATE = re.compile(r"\bgewijzigd\b[^.]{0,80}?\bdat (?:zij|hij|deze) thans luidt\b", I)
LATER_VERSION = re.compile(r"\bgewijzigd\s*\(\s*nr\.\s*(?P<number>\d+)\s*\)", I)  # "in die zin gewijzigd (nr. 2300) en nader gewijzigd"
MOTION_DASH = re.compile(r"\bmotie-(?P<names>[A-ZÀ-Ý'][^()]{0,150}?)\s{0,3}(?:c\.s\.\s{0,3})?\((?P<ref>[^()]{0,60}?nr\.\s*\d+)\)", I)
CHAIR = re.compile(r"\b(?:gewijzigde |nader gewijzigde )?motie is voorgesteld door (?:het (?:kamer)?lid|de (?:kamer)?leden)\s+"
                   r"(?P<names>[^.]{1,200}?)\s{0,3}\.(?=\s|[A-Z]|$)", I)
NUMBER_GIVEN = re.compile(r"\b(?:zij|hij|deze) krijgt (?:nr|nummer)\.?\s*(?P<number>\d+)(?:\s*,\s*was\s+nr\.?\s*(?P<was>\d+))?\s*\(\s*(?P<dossier>[\d .]+(?:[- ][A-Z0-9]{1,6})?)\s*\)", I)
XML_ID = re.compile(r"^M-(?P<id>.+)$")

PREFIXES = {"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "el", "op", "la", "le", "du", "d'"}
# Words that never stand in a person's name on a signature line.
NOT_NAME_WORDS = {
    "naar", "boven", "ondertekenaars", "ondertekenaar", "eerste", "tweede", "kamer", "kamerlid", "motie", "voorgesteld",
    "voorzitter", "kamerstuk", "vergaderjaar", "nr", "download", "pdf", "dossier", "staten-generaal", "minister",
    "staatssecretaris", "regering", "kabinet", "bron", "gepubliceerd", "onderwerpen", "zie", "publicatie", "datum",
    "issn", "gravenhage", "’s-gravenhage", "'s-gravenhage", "pagina", "inhoud", "zoekveld", "menu", "handelingen",
    "stemmingen", "stemming", "aangenomen", "verworpen", "uitslag", "besluit", "indiener", "indieners", "medeindiener",
    "fractie", "fracties", "lid", "leden", "de kamer", "dag", "orde", "mevrouw", "heer", "overzicht", "status", "zaak",
    "document", "documenten", "agenda", "debat", "plenair", "termijn", "bijlage", "bijlagen",
}
NAME_TOKEN = re.compile(r"^(?:[^\W\d_](?:[^\W\d_'’]+|\.)(?:-[^\W\d_][^\W\d_'’]*)*|(?:[A-Z]\.)+|[^\W\d_'’]{1,4})$")
FURNITURE_LINE = re.compile(
    r"^(?:kst-\S+|ISSN\b.*|[’']s-Gravenhage \d{4}.*|\d{1,3}|(?:Tweede|Eerste) Kamer(?: der Staten-Generaal)?(?:\s+\d{1,3})?"
    r"|(?:Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4},.*|Vergaderjaar \d{4}\s*[–-]\s*\d{4}|Naar boven|[-–—•*|]+)$", I)
# Labels of a page's signature block ("Ondertekenaars", "Eerste ondertekenaar"): passed over.
SIGNATURE_LABEL = re.compile(r"^(?:Ondertekenaars?|(?:Eerste|Mede|Tweede)\s*-?\s*ondertekenaars?|Indiener(?:s|\(s\))?|[-–—]+):?$", I)
ROLE_SUFFIX = re.compile(r",\s*(?:Tweede|Eerste)?\s*Kamerlid\s*$", I)


@dataclass
class MotionFound:
    """One motion's text: clause blocks, sponsors as printed (with their spans), number."""

    start: int  # source span of the whole motion text, "De Kamer," to the close
    end: int
    considerations: list[Block] = field(default_factory=list)
    dictum: list[Block] = field(default_factory=list)
    sponsors: list[tuple[str, int, int]] = field(default_factory=list)  # name, source start, end
    kamerstuk: str | None = None
    replaces: str | None = None
    amended: bool = False
    header: Block | None = None


def source_lines(text: str) -> list[Block]:
    """Each non-blank line of `text`, stripped, as a block with offsets into `text`."""
    lines, position = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029")
        lead = len(body) - len(body.lstrip())
        stripped = body.strip()
        if stripped:
            start = position + lead
            lines.append(Block("line", stripped, list(range(start, start + len(stripped))), start, start + len(stripped)))
        position += len(raw)
    return lines


def _slice(block: Block, start: int, end: int | None = None) -> Block | None:
    end = len(block.text) if end is None else end
    text = block.text[start:end]
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    if not text:
        return None
    offsets = block.offsets[start + lead : start + lead + len(text)]
    return Block(block.kind, text, offsets, offsets[0], offsets[-1] + 1, element=block.element, number=block.number)


def _segments(lines: list[Block]) -> list[Block]:
    """Lines, cut further where a clause word follows a clause's punctuation inside a line, and
    after "De Kamer," when the clauses follow on the same line."""
    out = []
    for line in lines:
        cuts = [0]
        anchor = ANCHOR.match(line.text)
        if anchor and anchor.end() < len(line.text):
            cuts.append(anchor.end())
        cuts += [m.end() for m in INLINE_SPLIT.finditer(line.text)]
        cuts = sorted(set(cuts)) + [len(line.text)]
        for a, b in zip(cuts, cuts[1:]):
            piece = _slice(line, a, b)
            if piece is not None:
                out.append(piece)
    return out


def find_motions(lines: list[Block]) -> list[MotionFound]:
    """Every motion text in a sequence of lines (see the module docstring)."""
    segments = _segments(lines)
    motions: list[MotionFound] = []
    index, previous_end = 0, 0
    while index < len(segments):
        if not ANCHOR.match(segments[index].text):
            index += 1
            continue
        close, closed = None, True
        for j in range(index + 1, min(len(segments), index + 400)):
            if CLOSE.match(segments[j].text):
                close = j
                break
            if ANCHOR.match(segments[j].text):
                break  # the next motion begins: this one was never closed
        if close is None:
            # A motion cut off (a partial copy) still has its clauses; it ends where they end.
            close, closed = _cut_off_end(segments, index), False
            if close is None:
                index += 1
                continue
        found = _motion(segments, index, close, closed)
        if found.considerations or found.dictum:
            _header(found, segments, previous_end, index)
            if closed:
                _after(found, segments, close)
            xml_id = XML_ID.match(segments[index].number)
            if found.kamerstuk is None and xml_id and kamerstuk.IDENTIFIER.match(xml_id.group("id")):
                found.kamerstuk = xml_id.group("id")
            motions.append(found)
            previous_end = close + 1 if closed else close
        index = close + 1 if closed else close  # a cut-off motion ends before the line that follows it
    return motions


def _cut_off_end(segments: list[Block], anchor: int) -> int | None:
    """The index past a cut-off motion's last clause, if clauses follow the anchor."""
    j = anchor + 1
    if j < len(segments) and PREAMBLE.match(segments[j].text):
        j += 1
    if j >= len(segments) or not (CONSIDERATION.match(segments[j].text) or DICTUM.match(segments[j].text)):
        return None
    while j + 1 < len(segments) and not ANCHOR.match(segments[j + 1].text) and not _is_speaker(segments[j + 1].text):
        j += 1
    return j + 1


def _is_speaker(text: str) -> bool:
    return bool(re.match(r"^(?:De|Mevrouw|De heer|Minister|Staatssecretaris)\b[^.]{0,80}:$", text))


def _motion(segments: list[Block], anchor: int, close: int, closed: bool) -> MotionFound:
    """The clauses between "De Kamer," and the close (`closed`), or the last clause of a cut-off copy."""
    end_block = segments[close] if closed else segments[close - 1]
    found = MotionFound(segments[anchor].start, end_block.end)
    clauses: list[tuple[str, list[Block]]] = []
    previous: Block | None = None
    for segment in segments[anchor + 1 : close]:
        text = segment.text
        if FURNITURE_LINE.match(text):
            continue
        if PREAMBLE.match(text):
            previous = segment
            continue
        starts = previous is None or CLAUSE_END.search(previous.text) or PREAMBLE.match(previous.text) or not clauses
        kind = "dictum" if DICTUM.match(text) else "consideration" if CONSIDERATION.match(text) else None
        if kind and starts:
            clauses.append((kind, [segment]))
        elif clauses:
            clauses[-1][1].append(segment)
        previous = segment
    for kind, blocks in clauses:
        joined = _join_lines(blocks)
        (found.dictum if kind == "dictum" else found.considerations).append(joined)
    return found


def _join_lines(blocks: list[Block]) -> Block:
    """Wrapped lines as one clause: a line-end hyphen inside a word is undone."""
    if len(blocks) == 1:
        return blocks[0]
    builder = TextBuilder()
    for block in blocks:
        text = builder.text
        if len(builder):
            if text.endswith("-") and len(text) > 1 and text[-2].islower() and block.text[:1].islower() \
                    and not CONJUNCTION.match(block.text):
                builder.pop()
            elif text.endswith("-") and CONJUNCTION.match(block.text):
                builder.add_synthetic(" ", block.start)  # "asiel-" + "en migratiebeleid"
            elif not text.endswith("-"):  # "Noord-" + "Holland" keeps its hyphen and no space
                builder.add_synthetic(" ", block.start)
        builder._parts.append(block.text)
        builder.offsets.extend(block.offsets)
    joined = join_blocks(blocks, separator=" ")
    joined.text, joined.offsets = builder.text, builder.offsets
    return joined


def _header(found: MotionFound, segments: list[Block], since: int, anchor: int) -> None:
    """Sponsors and replaced number from the header lines before "De Kamer,"."""
    window = segments[max(since, anchor - 25) : anchor]
    for segment in window:
        if AMENDED_IN_DEBATE.search(segment.text):
            found.amended = True
            dash = MOTION_DASH.search(segment.text)
            if dash:
                found.replaces = _reference(dash.group("ref"))
                later = LATER_VERSION.findall(segment.text)
                if later and found.replaces:
                    found.replaces = f"{kamerstuk.split(found.replaces)[0]}-{later[-1]}"
                _add_names(found, segment, dash.start("names"), dash.group("names"))
    for segment in window:
        match = HEADER.search(segment.text)
        if not match or not _header_case_ok(segment.text, match):
            continue
        found.header = found.header or segment
        found.amended = found.amended or bool(match.group("gewijzigd"))
        names = match.group("names")
        stop = HEADER_STOP.search(names)
        _add_names(found, segment, match.start("names"), names[: stop.start()] if stop else names)
        replaced = REPLACES.search(segment.text)
        if replaced:
            found.replaces = replaced.group("number")  # completed with the dossier once the number is known
        break


def _header_case_ok(text: str, match: re.Match) -> bool:
    """Headers are capitals ("MOTIE VAN …"); in running text "motie van het lid" is a mention,
    unless it opens the line or follows a label ("Motie : Motie van het lid Dijk over …")."""
    word = text[match.start() : match.end()]
    return word[:5].isupper() or match.start() == 0 or text[: match.start()].rstrip().endswith(":")


def _reference(text: str) -> str | None:
    match = re.search(r"(?P<dossier>\d[\d .]*\d(?:[- ][A-Z0-9]{1,6})?)\s*,\s*nr\.\s*(?P<number>\d+)", text)
    if not match:
        return None
    try:
        return kamerstuk.identifier(match.group("dossier"), match.group("number"))
    except ValueError:
        return None


def _after(found: MotionFound, segments: list[Block], close: int) -> None:
    """Signature lines after the close; in a debate the chair's sponsors and number."""
    if close < len(segments):
        rest = CLOSE.match(segments[close].text)
        tail = _slice(segments[close], rest.end()) if rest else None
        following = ([tail] if tail is not None else []) + segments[close + 1 : close + 40]
    else:
        following = []
    for segment in following:
        if ANCHOR.match(segment.text):
            break
        if SIGNATURE_LABEL.match(segment.text) or FURNITURE_LINE.match(segment.text) and segment.text.isdigit():
            continue
        role = ROLE_SUFFIX.search(segment.text)
        if role:
            segment = _slice(segment, 0, role.start())
        names = _signature_names(segment.text)
        if names is None:
            break
        for start, name in names:
            _add_name(found, segment, start, name)
    for segment in following[:12]:
        if ANCHOR.match(segment.text):
            break
        chair = CHAIR.search(segment.text)
        if chair:
            _add_names(found, segment, chair.start("names"), chair.group("names"))
        given = NUMBER_GIVEN.search(segment.text)
        if given and found.kamerstuk is None:
            try:
                found.kamerstuk = kamerstuk.identifier(given.group("dossier"), given.group("number"))
                if given.group("was"):  # "Zij krijgt nr. 931, was nr. 920 (19637)."
                    found.replaces = kamerstuk.identifier(given.group("dossier"), given.group("was"))
            except ValueError:
                pass
            break


def _signature_names(text: str) -> list[tuple[int, str]] | None:
    """The names on a signature line ("Veldkamp", "Van der Plas", "Podt / Piri"), or None when
    the line is not one."""
    if len(text) > 80 or re.search(r"\d|[:;?!]|\.\s*$(?<![A-Z]\.)", text):
        return None
    names = []
    for part in re.finditer(r"[^/,]+", text):
        name = part.group().strip()
        if not name:
            continue
        if not _looks_like_name(name):
            return None
        names.append((part.start() + len(part.group()) - len(part.group().lstrip()), name))
    return names or None


def _looks_like_name(name: str) -> bool:
    tokens = name.split()
    if not 1 <= len(tokens) <= 5 or name.lower() in NOT_NAME_WORDS:
        return False
    if any(t.lower().strip(".,") in NOT_NAME_WORDS for t in tokens):
        return False
    if not all(NAME_TOKEN.match(t) for t in tokens):
        return False
    # Lower-case words only as prefixes; the family name itself is capitalised; no word in capitals
    # but initials ("VVD" is no name).
    if any(t[:1].islower() and t.lower() not in PREFIXES and "-" not in t for t in tokens):
        return False
    if any(len(t) > 1 and t.isupper() and not t.endswith(".") for t in tokens) and not name.isupper():
        return False
    return tokens[-1][:1].isupper() or "-" in tokens[-1]


def _add_names(found: MotionFound, block: Block, offset: int, names: str) -> None:
    """Names as a header or the chair lists them: "X, Y EN Z", "X/Y", "X c.s.", "X (CDA)"."""
    for start, raw in _pieces(names):
        cleaned = re.sub(r"\s*\([^()]*\)?|\s+c\.\s?s\.?.*$|\s*[.,:;]+$", "", raw, flags=I).strip()
        if not cleaned or len(cleaned.split()) > 5:
            continue
        name = _as_printed(cleaned)
        if _looks_like_name(name):
            _add_name(found, block, offset + start + (len(raw) - len(raw.lstrip())), name, len(cleaned))


def _pieces(names: str) -> list[tuple[int, str]]:
    """"X, Y en Z" → [(0, "X"), (3, "Y"), (9, "Z")]: split at commas, slashes and "en"."""
    cuts = [(m.start(), m.end()) for m in re.finditer(r"\s*[,/]\s*|\s+en\s+", names, I)]
    bounds = [0] + [e for _, e in cuts]
    ends = [s for s, _ in cuts] + [len(names)]
    return [(a, names[a:b]) for a, b in zip(bounds, ends) if names[a:b].strip()]


def _add_name(found: MotionFound, block: Block, start: int, name: str, length: int | None = None) -> None:
    length = length if length is not None else len(name)
    entry = (name, block.offsets[start], block.offsets[start + length - 1] + 1)
    for index, (known, _s, _e) in enumerate(found.sponsors):
        if _same_person(known, name):
            # The header may give the family name only ("VAN DIJK"), the signature it in full.
            if len(name) > len(known):
                found.sponsors[index] = entry
            return
    found.sponsors.append(entry)


def _same_person(a: str, b: str) -> bool:
    """"Van Dijk" and "Jasper van Dijk" are one sponsor; "Jasper van Dijk" and "Inge van Dijk" two."""
    if family_key(a) != family_key(b):
        return False
    given_a, given_b = (n[: len(n) - len(family_name(n))].strip().lower() for n in (a, b))
    return not given_a or not given_b or given_a == given_b


def _as_printed(name: str) -> str:
    """A name in capitals as it is written: "VAN DER PLAS" → Van der Plas, "JASPER VAN DIJK" →
    Jasper van Dijk, "FABER-VAN DE KLASHORST" → Faber-Van de Klashorst."""
    if not name.isupper():
        return name
    words = []
    for i, word in enumerate(name.split()):
        parts = [p.capitalize() for p in word.split("-")]
        word = "-".join(parts)
        if i and word.lower() in PREFIXES:
            word = word.lower()
        words.append(word)
    return " ".join(words)
