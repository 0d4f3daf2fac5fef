"""Members of the Kamer and their fracties: as a text prints them ("het lid Boomsma (NSC)", "De heer
Eerdmans (JA21):", "de leden Van Toorenburg (CDA) en Groothuizen (D66)") and as the members data
record them (extract/data/leden.csv, made from the open data's FractieZetelPersoon records:
``python -m kamergraaf.extract.members RESPONSE.json … > extract/data/leden.csv``).

The open data's fractie is joined by its Fractie_Id (ontology/fracties.csv), never by its name; a
member is found by family name, and only when one member of that name sat on the date asked.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
import sys
from dataclasses import dataclass
from importlib import resources

from . import fracties
from .document import Span
from .motions import NAME, NOT_NAMES
from .names import family_key, standalone

RECORD = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/FractieZetelPersoon({})"
# A name with its fractie in brackets, after the words that say a member is meant, and the next
# names of the same list: "de leden Van Haersma Buma (CDA), Pechtold (D66) en Van der Staaij (SGP)".
MEMBER = r"(?P<name>" + NAME + r")\s*\((?P<party>(?!\d)[^()]{1,30})\)"
CUE = re.compile(r"(?:\b(?:[Hh]et\s+(?:[Kk]amer)?lid|[Dd]e\s+(?:[Kk]amer)?leden|[Kk]amerlid|[Dd]e heer|[Mm]evrouw|[Mm]oties?)(?:\s+|-)"
                 r"|\b[Mm]otie-)(?=" + MEMBER + r")")
CUE_WORDS = {"kamerlid", "lid", "leden", "heer", "mevrouw", "motie", "moties"}
NEXT_MEMBER = re.compile(r"(?:\s*,\s*|\s+en\s+)" + MEMBER)
FIRST_MEMBER = re.compile(MEMBER)
# The chair giving the floor: "Mevrouw Piri, PvdA.", "De heer Drost, ChristenUnie."
ANNOUNCED = re.compile(r"(?:^|(?<=[.!?]\s))(?:De heer|Mevrouw) (?P<name>" + NAME + r"), (?P<party>[A-Z][\w&/ -]{0,28}?)\.(?=\s|$)", re.M)


@dataclass(frozen=True)
class PrintedMember:
    name: str
    fractie: str  # slug
    start: int  # the name and its bracketed fractie
    end: int


def printed_members(text: str) -> list[PrintedMember]:
    """Every member the text names with a fractie (a known one: "(Kamerstuk …)" is none), in
    the order printed."""
    found = []
    for cue in CUE.finditer(text):
        match = FIRST_MEMBER.match(text, cue.end())
        while match:
            slug = fracties.lookup(match.group("party"))
            name = match.group("name").strip()
            if slug is None or name.split()[0].lower() in CUE_WORDS:  # "… en Kamerlid Van Dijk (SGP)": its own cue's
                break
            if name.lower() not in NOT_NAMES and name.split()[-1].lower() not in NOT_NAMES:
                found.append(PrintedMember(name, slug, match.start("name"), match.end()))
            match = NEXT_MEMBER.match(text, match.end())
    for match in ANNOUNCED.finditer(text):
        slug = fracties.lookup(match.group("party"))
        if slug:
            found.append(PrintedMember(match.group("name"), slug, match.start("name"), match.end("party")))
    return sorted(found, key=lambda m: m.start)


def document_members(doc) -> list[tuple[PrintedMember, Span]]:
    """The members a document names with a fractie, each with its place in the source (an XML
    source is markup: its blocks' text is read)."""
    if doc.format == "xml":
        return [(found, doc.block_span(block, found.start, found.end)) for block in doc.blocks
                for found in printed_members(block.text)]
    return [(found, doc.span(found.start, found.end)) for found in printed_members(doc.source)]


# -- the members data ------------------------------------------------------------------------

FIELDS = ["persoon_id", "family_name", "given_name", "fractie", "from", "until", "record"]


def rows_from_odata(payload: dict) -> list[dict]:
    """Members CSV rows from a FractieZetelPersoon response with Persoon and FractieZetel/Fractie
    expanded: a seat whose Fractie_Id the table does not know is left out, not guessed by name."""
    rows = []
    for record in payload.get("value", []):
        person, seat = record.get("Persoon") or {}, record.get("FractieZetel") or {}
        fractie_id = (seat.get("Fractie") or {}).get("Id") or seat.get("Fractie_Id")
        slug = fracties.by_odata_id(fractie_id) if fractie_id else None
        if record.get("Verwijderd") or not slug or not person.get("Achternaam"):
            continue
        family = " ".join(filter(None, [person.get("Tussenvoegsel"), person["Achternaam"]]))
        rows.append({"persoon_id": person.get("Id") or record.get("Persoon_Id"), "family_name": standalone(family),
                     "given_name": person.get("Roepnaam") or person.get("Initialen") or "", "fractie": slug,
                     "from": (record.get("Van") or "")[:10], "until": (record.get("TotEnMet") or "")[:10], "record": record["Id"]})
    return sorted(rows, key=lambda r: (r["family_name"], r["from"], r["record"]))


@dataclass(frozen=True)
class Seat:
    family_name: str
    fractie: str
    start: dt.date | None
    until: dt.date | None
    record: str  # the FractieZetelPersoon record's IRI

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.until is None or day <= self.until)


@functools.lru_cache(maxsize=1)
def seats() -> dict[str, list[Seat]]:
    """Family key → the seats of members of that name, from extract/data/leden.csv."""
    index: dict[str, list[Seat]] = {}
    with resources.files("kamergraaf.extract").joinpath("data/leden.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            seat = Seat(row["family_name"], row["fractie"], _date(row["from"]), _date(row["until"]), RECORD.format(row["record"]))
            index.setdefault(family_key(row["family_name"]), []).append(seat)
    return index


def seat_on(name: str, day: dt.date) -> Seat | None:
    """The seat of the one member of this family name on `day`; None when none, or several, sat."""
    found = {seat.fractie: seat for seat in seats().get(family_key(name), []) if seat.covers(day)}
    return next(iter(found.values())) if len(found) == 1 else None


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


if __name__ == "__main__":
    writer = csv.DictWriter(sys.stdout, FIELDS, lineterminator="\n")
    writer.writeheader()
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8-sig") as f:
            writer.writerows(rows_from_odata(json.load(f)))
