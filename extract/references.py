"""Extractors for references to Kamerstukken and to Handelingen, Aanhangsel and committee debates.

Pure functions from normalised text to :class:`Found` items with [start, end) offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import kamerstuk
from .metadata import DATE, MONTHS
from .patterns import Guarded, literal_view

# "32 317", "36 200 VI", "21 501-20", "36410-VI", "29344"
DOSSIER = r"\d{2}[ .]?\d{3}(?:\s?-\s?\d{1,3})?(?:[ -](?:[IVXLC]{1,5}|[A-Z])(?![\w-]))?"
YEAR = r"\d{4}\s?[-/–]\s?\d{2,4}"
KAMERSTUK_REF = re.compile(
    r"(?=[KkVv\d])"  # what every match starts with: lets the scan pass other positions quickly
    r"(?:(?P<prefix>\b(?:Kamerstuk(?:ken)?|KST|kst)\b(?:\s+I{1,2}\b)?,?\s*(?:(?:[Vv]ergaderjaar\s+)?" + YEAR + r",?\s+)?"
    r"|\b[Vv]ergaderjaar\s+" + YEAR + r",?\s+(?:(?:KST|kst)\s+)?)|\b)"
    r"(?P<dossiers>" + DOSSIER + r"(?:\s*(?:,|en)\s*" + DOSSIER + r")*)"
    r"\s*,?\s*(?:nrs?\.?|nummers?)\s*(?P<numbers>\d{1,5}(?:\s*(?:,|en)\s*\d{1,5})*)\b"
)
# Handelingen cite Kamerstukken as "(19637, nr. 2289)" and give a motion its number as
# "Zij krijgt nr. 463 (19637)."
HANDELINGEN_REF = re.compile(r"\(\s*(?P<dossier>(?:\d{2}\s?\d{3}|\d{4,6})(?:\s?-\s?\d{1,3})?(?:[ -](?:[IVXLC]{1,5}|[A-Z]))?)\s*,\s*nrs?\.\s*(?P<numbers>\d{1,5}(?:\s*(?:,|en)\s*\d{1,5})*)\s*\)"
                             r"|\bkrijgt\s+nr\.\s*(?P<given>\d{1,5})\s*\(\s*(?P<given_dossier>(?:\d{2}\s?\d{3}|\d{4,6})(?:\s?-\s?\d{1,3})?(?:[ -](?:[IVXLC]{1,5}|[A-Z]))?)\s*\)")
PARLIAMENTARY_REF = [  # guarded: most texts lack the words "Handelingen", "Aanhangsel", "ommissiedebat"
    ("aanhangsel", Guarded(re.compile(
        r"\bAanhangsel(?: van de)? Handelingen(?:\s+I{1,2})?,?\s+(?P<year>\d{4}\s?[-/–]\s?\d{2,4}),?\s+nr\.?\s*(?P<nr>\d+)"))),
    ("handelingen", Guarded(re.compile(
        r"(?<!Aanhangsel van de )(?<!Aanhangsel )\bHandelingen(?:\s+(?P<chamber>I{1,2}))?,?\s+(?P<year>\d{4}\s?[-/–]\s?\d{2,4}),?\s+"
        r"(?:nr\.?\s*(?P<nr>\d+)|item\s+(?P<item>\d+))"))),
    ("commissiedebat", Guarded(re.compile(
        r"\b[Cc]ommissiedebat(?P<topic>(?:\s+[\w\-–]+){0,8}?)"
        r",?\s+(?:van|op|d\.d\.)\s+(?:" + DATE + r"|(?P<day2>\d{1,2})\s+(?P<month2>" + "|".join(MONTHS) + r")\b)"))),
]


@dataclass
class Found:
    kind: str
    start: int
    end: int
    data: dict = field(default_factory=dict)


def kamerstuk_references(text: str) -> list[Found]:
    """Kamerstuk references; "Kamerstukken 19 637 en 30 573, nr. 2375" is one paper, filed under
    the first dossier; "nrs. 12 en 13" are two."""
    found = []
    for match in KAMERSTUK_REF.finditer(text):
        dossiers = re.split(r"\s*(?:,|\ben\b)\s*", match.group("dossiers"))
        # Without the word Kamerstuk, only the common "32 317, nr. 5" shape counts.
        if not match.group("prefix") and not re.fullmatch(r"\d{2} \d{3}.*", dossiers[0]):
            continue
        try:
            dossier = kamerstuk.normalise_dossier(dossiers[0])
        except ValueError:
            continue
        for number in re.split(r"\s*(?:,|en)\s*", match.group("numbers")):
            identifier = f"{dossier}-{int(number)}"
            if kamerstuk.IDENTIFIER.match(identifier):
                found.append(Found("kamerstuk", match.start(), match.end(), {"identifier": identifier}))
    for match in HANDELINGEN_REF.finditer(text):
        if any(f.start <= match.start() < f.end for f in found):
            continue
        dossier = kamerstuk.normalise_dossier(match.group("dossier") or match.group("given_dossier"))
        for number in re.split(r"\s*(?:,|en)\s*", match.group("numbers") or match.group("given")):
            identifier = f"{dossier}-{int(number)}"
            if kamerstuk.IDENTIFIER.match(identifier):
                found.append(Found("kamerstuk", match.start(), match.end(), {"identifier": identifier}))
    return found


def parliamentary_references(text: str) -> list[Found]:
    """Handelingen, Aanhangsel and committee-debate references, with a stable key."""
    found = []
    lowered = literal_view(text)
    for kind, pattern in PARLIAMENTARY_REF:
        for match in pattern.finditer(text, lowered):
            groups = match.groupdict()
            if kind == "commissiedebat":
                day = groups.get("day") or groups.get("day2")
                month = MONTHS[groups.get("month") or groups.get("month2")]
                year = groups.get("year") or ""
                key = f"{year or 'x'}-{month:02d}-{int(day):02d}"
                topic = (groups.get("topic") or "").strip()
                data = {"key": key, "date": f"{year}-{month:02d}-{int(day):02d}" if year else "", "topic": topic}
            else:
                year = re.sub(r"\s", "", groups["year"]).replace("/", "-").replace("–", "-")
                number = groups.get("nr") or groups.get("item")
                chamber = groups.get("chamber") or "II"
                data = {"key": f"{chamber}-{year}-{number}", "year": year, "number": number}
            data["label"] = match.group().strip()
            found.append(Found(kind, match.start(), match.end(), data))
    return found
