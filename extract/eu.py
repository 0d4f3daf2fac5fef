"""EU instruments, by number ("Verordening (EU) 2019/1896", "Richtlijn 2004/82/EG", "COM(2023) 755
final") and by name ("Dublinverordening", "Terugkeerrichtlijn" …).

Numbers follow the EU's own numbering rules, so CELEX and ELI are computed; names come from the
table ``ontology/eu-instruments.csv`` (data, not code), where a row may hold only for documents of a
period (a proposal until its adoption, the adopted act after).
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources

from .patterns import Guarded, literal_view
from .references import Found

ACT = r"(?P<act>[Vv]erordening|[Rr]ichtlijn|[Bb]esluit|[Uu]itvoeringsverordening|[Gg]edelegeerde verordening|[Kk]aderbesluit)"
BY_NUMBER = [
    # Verordening (EU) 2019/1896, Richtlijn (EU) 2024/1346, Verordening (EU) nr. 604/2013, (EG) nr. 810/2009
    re.compile(ACT + r"\s*\((?P<org>EU|EG|EEG|Euratom)\)\s*(?:[Nn]r\.?\s*)?(?P<a>\d{1,4})/(?P<b>\d{1,4})\b"),
    # Richtlijn 2004/82/EG, Richtlijn 2013/32/EU
    re.compile(ACT + r"\s+(?P<a>\d{2,4})/(?P<b>\d{1,4})/(?P<org>EU|EG|EEG)\b"),
]
COM = re.compile(r"\bCOM\s*\(\s*(?P<year>\d{4})\s*\)\s*(?P<number>\d{1,4})(?:\s*(?:final|def(?:initief)?\.?))?")
COM_URL = re.compile(r"\b(?:uri=)?COM:(?P<year>\d{4}):(?P<number>\d{1,4})")
CELEX_URL = re.compile(r"CELEX(?::|%3A)(?P<celex>[0-9]{5}[A-Z]{1,2}[0-9]{4}(?:\(\d{2}\))?)")
ACT_TYPES = {"verordening": "R", "uitvoeringsverordening": "R", "gedelegeerde verordening": "R",
             "richtlijn": "L", "besluit": "D", "kaderbesluit": "F"}
ELI_TYPES = {"R": "reg", "L": "dir", "D": "dec"}


@dataclass(frozen=True)
class Instrument:
    key: str
    label: str
    celex: str | None
    pattern: re.Pattern | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    guard: Guarded | None = None  # the pattern with the literals every match contains

    def may_occur_in(self, lowered: str | None) -> bool:
        """`lowered`: the :func:`~.patterns.literal_view` of a text."""
        return self.guard is None or self.guard.may_occur_in(lowered)

    def holds_on(self, date: dt.date | None) -> bool:
        if date is None:
            return self.valid_until is None  # undated documents: the current act
        return (self.valid_from is None or date >= self.valid_from) and (
            self.valid_until is None or date <= self.valid_until)

    @property
    def eli(self) -> str | None:
        return eli(self.celex)


def eli(celex: str | None) -> str | None:
    """ELI of a legal act from its CELEX number: 32019R1896 → http://data.europa.eu/eli/reg/2019/1896/oj."""
    match = re.fullmatch(r"3(\d{4})([RLD])(\d{4})", celex or "")
    if not match:
        return None
    year, kind, number = match.groups()
    return f"http://data.europa.eu/eli/{ELI_TYPES[kind]}/{year}/{int(number)}/oj"


@functools.lru_cache(maxsize=1)
def table() -> list[Instrument]:
    rows = []
    with resources.files("kamergraaf.ontology").joinpath("eu-instruments.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            pattern = re.compile(row["pattern"], re.IGNORECASE)
            rows.append(Instrument(
                key=row["key"], label=row["label"], celex=row["celex"] or None,
                pattern=pattern, guard=Guarded(pattern),
                valid_from=dt.date.fromisoformat(row["valid_from"]) if row["valid_from"] else None,
                valid_until=dt.date.fromisoformat(row["valid_until"]) if row["valid_until"] else None,
            ))
    return rows


@functools.lru_cache(maxsize=64)
def holding_on(date: dt.date | None) -> list[Instrument]:
    return [instrument for instrument in table() if instrument.holds_on(date)]


def by_celex(celex: str) -> Instrument | None:
    return next((i for i in table() if i.celex == celex), None)


def _numbered(match: re.Match) -> str | None:
    kind = ACT_TYPES[match.group("act").lower()]
    a, b = int(match.group("a")), int(match.group("b"))
    # Since 2015 acts are numbered year/number; before, regulations were number/year.
    if match.group(0).count("/") == 2 or (1950 <= a <= 2100 and not 1950 <= b <= 2100):
        year, number = a, b
    else:
        year, number = b, a
    if year < 100:
        year += 1900 if year > 50 else 2000
    return f"3{year}{kind}{number:04d}"


def _by_number(start: int, end: int, celex: str, printed: str) -> Found:
    known = by_celex(celex)
    return Found("eu-instrument", start, end, {
        "celex": celex, "key": known.key if known else celex, "label": known.label if known else printed})


def candidates(texts: list[str], date: dt.date | None = None) -> list[Instrument]:
    """The table rows holding on `date` that may be named in any of `texts`: one literal test per
    document, so that each of its parts is tested against the few rows left."""
    lowered = literal_view("\n".join(texts))
    return [instrument for instrument in holding_on(date) if instrument.may_occur_in(lowered)]


def eu_instruments(text: str, date: dt.date | None = None, context: str = "",
                   instruments: list[Instrument] | None = None) -> list[Found]:
    """EU instruments in `text`; `date` (the document's) chooses between a proposal and its act;
    `context` is text that cites this one (for a footnote: the sentence with its marker);
    `instruments` narrows the table rows looked for (default: all holding on `date`)."""
    found = []
    # Each scan below is skipped when the text lacks a string that every match contains.
    for pattern in BY_NUMBER if "/" in text else ():
        for match in pattern.finditer(text):
            found.append(_by_number(match.start(), match.end(), _numbered(match), match.group().strip()))
    for pattern in (COM, COM_URL) if "COM" in text else ():
        for match in pattern.finditer(text):
            sentence = context + " " + text[max(0, match.start() - 200) : match.end()]
            # A COM document is a proposal unless the text calls it a communication.
            kind = "DC" if re.search(r"\b[Mm]ededeling\b", sentence) else "PC"
            celex = f"5{match.group('year')}{kind}{int(match.group('number')):04d}"
            found.append(_by_number(match.start(), match.end(), celex, f"COM({match.group('year')}) {match.group('number')}"))
    for match in CELEX_URL.finditer(text) if "CELEX" in text else ():
        found.append(_by_number(match.start(), match.end(), match.group("celex"), match.group("celex")))
    lowered = literal_view(text)
    for instrument in holding_on(date) if instruments is None else instruments:
        if not instrument.may_occur_in(lowered):
            continue
        for match in instrument.pattern.finditer(text):
            found.append(Found("eu-instrument", match.start(), match.end(), {
                "celex": instrument.celex, "key": instrument.key, "label": instrument.label}))
    return sorted(found, key=lambda f: (f.start, f.end))
