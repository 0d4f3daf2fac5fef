"""Votes on motions in the Handelingen (Stemmingen): which motion, the outcome, and how each fractie
voted, as the chair states it.

The conventions, in every period's wording:

- the item: "In stemming komt de (gewijzigde) motie-Piri/Kröger (19637, nr. 3143)." (also
  "de motie van het lid X (…)", Eerste Kamer "(34 775-VI, letter N)", "(…, nr. 15, was nr. 12)");
- the chair's finding: "Ik constateer dat de (aanwezige) leden van de fracties van A, B en C voor deze
  motie hebben gestemd en de leden van de overige fracties / de fracties van D en E ertegen, zodat
  zij is aangenomen." — either side may come first, the other may be "de overige fracties";
- "met algemene stemmen aangenomen"; a hoofdelijke stemming's tally: "met 75 tegen 74 stemmen",
  "Voor de motie hebben 75 leden gestemd, ertegen 74";
- motions held over or withdrawn: "stel ik voor, zijn motie (…) aan te houden. … Daartoe wordt
  besloten." and "Aangezien de motie-X (…) is ingetrokken, …".

:func:`votes` is pure: text in, :class:`VoteFound` items with offsets into the text out.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import kamerstuk

I = re.IGNORECASE
def _motion(prefix: str = "", bare: bool = False) -> str:
    """A motion as the chair names it, its Kamerstuk in brackets: "de motie-Piri/Kröger (19637, nr. 3143)",
    "(36 200 VI, nr. 23)", "(21 501-20, nr. 1354)", "(34 775-VI, letter N)", "(…, nr. 15, was nr. 12)".
    Group names carry `prefix` (a pattern may hold two); `bare`: also "zijn motie (…)"."""
    p = prefix
    ref = (rf"(?P<{p}dossier>\d{{2}}\s?\d{{3}}(?:\s?-\s?\d{{1,3}})?(?:[ -](?:[IVXLC]{{1,5}}|[A-Z]))?)\s*,\s*"
           rf"(?:nr\.\s*(?P<{p}number>\d{{1,5}})|letter\s+(?P<{p}letter>[A-Z]{{1,2}}))"
           rf"(?:\s*,\s*was\s+(?:nr\.\s*(?P<{p}was>\d{{1,5}})|letter\s+(?P<{p}was_letter>[A-Z]{{1,2}})))?")
    named = rf"(?:-|\s+van\s+(?:het\s+lid|de\s+leden)\s+)(?P<{p}sponsors>[^()\n]{{1,200}}?)\s*(?:over\s+[^()]{{1,300}}?)?"
    return (rf"(?P<{p}gewijzigd>gewijzigde\s+)?motie(?:{named}{'|' if bare else ''})\s*\(\s*" + ref + r"\s*\)")


NAMED = re.compile(r"\bde\s+" + _motion(), I)  # the item: the motion named last before the chair's finding
FINDING = re.compile(r"\b(?:Ik\s+constateer|Ik\s+stel\s+vast|Ik\s+concludeer)\s+dat\s+(?P<body>[^.]{0,2000}?)"
                     r",?\s*zodat\s+(?:zij|deze(?:\s+(?:gewijzigde\s+)?motie)?|de\s+(?:gewijzigde\s+)?motie)\s+(?:is\s+)?(?P<outcome>aangenomen|verworpen)", I)
UNANIMOUS = re.compile(r"\bmet\s+algemene\s+stemmen\s+(?:is\s+)?aangenomen\b", I)
TALLY = re.compile(r"\bmet\s+(?P<yes>\d{1,3})\s+(?:stemmen\s+voor\s+en\s+(?P<no3>\d{1,3})\s+(?:stemmen\s+)?tegen|tegen\s+(?P<no>\d{1,3})\s+stemmen)"
                   r"\s+(?:is\s+|wordt\s+)?(?P<outcome>aangenomen|verworpen)\b"
                   r"|\bVoor\s+(?:de|deze)\s+(?:gewijzigde\s+)?motie\s+hebben\s+(?P<yes2>\d{1,3})\s+leden\s+gestemd\s*,\s*"
                   r"(?:en\s+)?ertegen\s+(?P<no2>\d{1,3})\b[^.]{0,40}\.\s*(?:Zij|Deze\s+motie)\s+is\s+(?:dus\s+|derhalve\s+)?"
                   r"(?P<outcome2>aangenomen|verworpen)", I)
HELD = re.compile(r"\b(?:stel\s+ik\s+voor|wordt\s+voorgesteld)\s*,?\s*(?:zijn|haar|hun|de)\s+" + _motion(bare=True) +
                  r"[^.]{0,60}?\baan\s+te\s+houden\b", I)
DECIDED = re.compile(r"\bDaartoe\s+wordt\s+besloten\b", I)
# "… ware het niet dat de heer Van der Staaij de motie wil aanhouden": the member holds it over
WISH_TO_HOLD = re.compile(r"\b(?:zijn|haar|de|deze)\s+(?:gewijzigde\s+)?motie\s+(?:wil|wenst)\s+aan\s*(?:te\s+)?houden\b", I)
NUMBER_GIVEN = re.compile(r"\bkrijgt\s+nr\.\s*(?P<number>\d{1,5})\s*\(\s*(?P<dossier>\d{2}\s?\d{3}(?:\s?-\s?\d{1,3})?(?:[ -](?:[IVXLC]{1,5}|[A-Z]))?)\s*\)"
                          r"|\(\s*(?P<dossier2>\d{2}\s?\d{3}(?:\s?-\s?\d{1,3})?(?:[ -](?:[IVXLC]{1,5}|[A-Z]))?)\s*,\s*nr\.\s*(?P<number2>\d{1,5})\s*\)", I)
WITHDRAWN = re.compile(r"\b(?:Aangezien|Omdat|Nu)\s+de\s+" + _motion() + r"\s+(?:is\s+)?ingetrokken\b"
                       r"|\bDe\s+" + _motion("w_") + r"\s+is\s+ingetrokken\b", I)
# who voted one way: "de (aanwezige) leden van de fractie(s) van …", "het lid Omtzigt", "de overige fracties"
SIDES = re.compile(r"(?P<first>.+?)\s+(?P<pos>voor|tegen)\s+(?:deze|de)\s+(?:gewijzigde\s+)?motie\s+(?:hebben|heeft)\s+gestemd"
                   r"(?:\s*,?\s*en\s+(?P<second>.+?)\s+(?P<pos2>ertegen|ervoor|daartegen|daarvoor)(?:\s+(?:hebben|heeft)\s+gestemd)?)?\s*$",
                   I | re.S)
REMAINDER = re.compile(r"^(?:de\s+)?(?:aanwezige\s+)?(?:leden\s+van\s+de\s+)?(?:overige|andere)\s+(?:aanwezige\s+)?(?:fracties|leden)$", I)
GROUP_PREFIX = re.compile(r"^(?:de\s+)?(?:aanwezige\s+)?leden\s+van\s+de\s+fracties?\s+van\s+", I)
NAME_SPLIT = re.compile(r"\s*,\s*|\s+en\s+(?=(?:de\s+|het\s+)?\S)")
# what stands before a fractie's name in a list: "de", "het", "de leden van de fractie van", "(het) lid" stays
LEAD = re.compile(r"^(?:(?:de\s+)?(?:aanwezige\s+)?leden\s+van\s+de\s+fracties?\s+van\s+|(?:de\s+)?fractie\s+van\s+)?(?:de\s+|het\s+(?=lid\s)|het\s+)?", I)


@dataclass
class Position:
    name: str  # the fractie as printed ("PvdA", "Lid Omtzigt", "Groep Bontes/Van Klaveren")
    position: str  # "voor" | "tegen"
    start: int
    end: int


@dataclass
class VoteFound:
    motion: str | None  # the motion's Kamerstuk id ("19637-3143")
    sponsors: list[str]
    outcome: str  # aangenomen | verworpen | aangehouden | ingetrokken
    start: int  # the chair's sentence (or the item, for held and withdrawn motions)
    end: int
    item_start: int
    item_end: int
    gewijzigd: bool = False
    replaces: str | None = None  # "was nr. 12": the motion this gewijzigde motie replaces
    unanimous: bool = False
    positions: list[Position] = field(default_factory=list)
    remainder: str | None = None  # "voor" | "tegen": how the fracties not named voted
    tally: tuple[int, int] | None = None  # (for, against) in a hoofdelijke stemming


def _identifier(match: re.Match, prefix: str = "") -> tuple[str | None, str | None]:
    group = lambda name: match.group(prefix + name)  # noqa: E731
    try:
        dossier = kamerstuk.normalise_dossier(group("dossier"))
    except (ValueError, TypeError):
        return None, None
    number = group("number") or group("letter")
    was = group("was") or group("was_letter")
    return f"{dossier}-{number}", (f"{dossier}-{was}" if was else None)


def _sponsors(text: str) -> list[str]:
    """"Piri/Kröger" → [Piri, Kröger]; "Van der Staaij c.s." → [Van der Staaij]."""
    text = re.sub(r"\s+c\.s\.?$", "", text.strip(), flags=I)
    return [name.strip() for name in re.split(r"\s*/\s*|\s+en\s+", text) if name.strip()]


def votes(text: str) -> list[VoteFound]:
    found: list[VoteFound] = []
    named = list(NAMED.finditer(text))
    ends = [m.end() for m in named]
    previous_end = 0
    decisions = sorted([m for pattern in (FINDING, TALLY, UNANIMOUS) for m in pattern.finditer(text)], key=lambda m: m.start())
    for decision in decisions:
        if decision.start() < previous_end:
            continue  # a finding inside one already read ("… met algemene stemmen …" in a longer one)
        last = bisect.bisect_right(ends, decision.start()) - 1  # the motion named last before the finding
        if last < 0 or named[last].start() < previous_end or decision.start() - named[last].end() > 6000:
            continue
        item = named[last]
        vote = _decision(text, decision)
        motion, replaces = _identifier(item)
        vote.motion, vote.replaces, vote.sponsors = motion, replaces, _sponsors(item.group("sponsors") or "")
        vote.gewijzigd, vote.item_start, vote.item_end = bool(item.group("gewijzigd")), item.start(), item.end()
        found.append(vote)
        previous_end = decision.end()
    for match in HELD.finditer(text):
        decided = DECIDED.search(text, match.end(), match.end() + 1500)
        if decided or len(text) - match.end() < 300:  # decided, or the copy ends before it could say so
            motion, _ = _identifier(match)
            found.append(VoteFound(motion, _sponsors(match.group("sponsors") or ""), "aangehouden",
                                   match.start(), match.end(), match.start(), match.end()))
    for match in WISH_TO_HOLD.finditer(text):
        given = list(NUMBER_GIVEN.finditer(text, max(0, match.start() - 3000), match.start()))
        if given:
            last = given[-1]
            try:
                dossier = kamerstuk.normalise_dossier(last.group("dossier") or last.group("dossier2"))
            except ValueError:
                continue
            start = _sentence_start(text, match.start())
            end = text.find(".", match.end()) + 1 or match.end()
            found.append(VoteFound(f"{dossier}-{last.group('number') or last.group('number2')}", [], "aangehouden",
                                   start, end, last.start(), last.end()))
    for match in WITHDRAWN.finditer(text):
        prefix = "w_" if match.group("w_dossier") else ""
        motion, _ = _identifier(match, prefix)
        found.append(VoteFound(motion, _sponsors(match.group(prefix + "sponsors") or ""), "ingetrokken",
                               match.start(), match.end(), match.start(), match.end()))
    unique = {}
    for vote in sorted(found, key=lambda v: v.item_start):
        unique.setdefault((vote.motion, vote.outcome) if vote.motion else (id(vote),), vote)
    return list(unique.values())


def _decision(text: str, decision: re.Match) -> VoteFound:
    start, end = _sentence_start(text, decision.start()), decision.end()
    groups = decision.groupdict()
    if "body" in groups:
        vote = VoteFound(None, [], decision.group("outcome").lower(), start, end, 0, 0)
        _positions(vote, decision)
        return vote
    if "yes" in groups:
        yes = int(decision.group("yes") or decision.group("yes2"))
        no = int(decision.group("no") or decision.group("no2") or decision.group("no3"))
        outcome = (decision.group("outcome") or decision.group("outcome2")).lower()
        return VoteFound(None, [], outcome, start, end, 0, 0, tally=(yes, no))
    return VoteFound(None, [], "aangenomen", start, end, 0, 0, unanimous=True)


def _sentence_start(text: str, at: int) -> int:
    stop = max(text.rfind(". ", 0, at), text.rfind(":", 0, at), text.rfind("\n", 0, at))
    start = stop + 1 if stop >= 0 else 0
    return start + len(text[start:at]) - len(text[start:at].lstrip())


def _positions(vote: VoteFound, finding: re.Match) -> None:
    body, body_start = finding.group("body"), finding.start("body")
    sides = SIDES.match(body)
    if sides is None:
        return
    for who, word in (("first", "pos"), ("second", "pos2")):
        if sides.group(who) is None:
            continue
        position = "voor" if sides.group(word).lower() in ("voor", "ervoor", "daarvoor") else "tegen"
        text, at = sides.group(who), body_start + sides.start(who)
        if REMAINDER.match(text.strip()):
            vote.remainder = position
            continue
        vote.positions += _names(text, at, position)


def _names(text: str, at: int, position: str) -> list[Position]:
    """The fracties in "de aanwezige leden van de fracties van de SP, de PvdD en het lid Omtzigt"."""
    prefix = GROUP_PREFIX.match(text)
    cursor = prefix.end() if prefix else 0
    names = []
    for piece in NAME_SPLIT.split(text[cursor:]):
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        lead = LEAD.match(piece)
        core = piece[lead.end():].strip()
        name = ("Lid " + core[4:]) if core.lower().startswith("lid ") else core
        if name:
            at_core = at + start + lead.end()
            names.append(Position(name, position, at_core, at_core + len(core)))
    return names
