"""Kamerstuk identifiers: "32 317, nr. 789" → 32317-789; "36 200 VI, nr. 23" → 36200-VI-23."""
from __future__ import annotations

import re

# A number at the end, or an Eerste Kamer letter: after a suffix (36120-VI-C) or straight after the
# dossier (30573-J) — there not a Roman numeral of two or more, which is a suffix ("36410-VI").
IDENTIFIER = re.compile(r"^\d{4,6}(?:-[0-9]{1,3})?(?:(?:-[A-Z]{1,6})?-\d{1,5}|-[A-Z]{1,6}-[A-Z]{1,3}|-(?![IVXLC]{2,}$)[A-Z]{1,3})$")
URL = "https://zoek.officielebekendmakingen.nl/kst-{}"


def normalise_dossier(dossier: str) -> str:
    """"32 317" → 32317; "36 200 VI" → 36200-VI; "21 501-20" → 21501-20; "36410-VI" stays."""
    dossier = dossier.strip()
    match = re.match(r"^(\d[\d .]*\d|\d)(?:\s*-\s*(\d{1,3}))?(?:[\s-]+([A-Z]{1,6}))?$", dossier)
    if not match:
        raise ValueError(f"not a dossier number: {dossier!r}")
    number = re.sub(r"[ .]", "", match.group(1))
    parts = [number]
    if match.group(2):
        parts.append(match.group(2))
    if match.group(3):
        parts.append(match.group(3))
    return "-".join(parts)


def identifier(dossier: str, number: str | int) -> str:
    return f"{normalise_dossier(dossier)}-{int(str(number).strip())}"


def split(identifier: str) -> tuple[str, str]:
    """"36200-VI-23" → ("36200-VI", "23"); "36120-VI-C" → ("36120-VI", "C")."""
    dossier, _, number = identifier.rpartition("-")
    return dossier, number


def url(identifier: str) -> str:
    return URL.format(identifier)
