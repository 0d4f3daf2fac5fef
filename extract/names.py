"""Person names as printed: family names and slugs for stable keys."""
from __future__ import annotations

import re
import unicodedata

TUSSENVOEGSELS = {"van", "de", "der", "den", "ter", "ten", "te", "el", "'t", "in", "het", "la", "le"}


def slug(text: str) -> str:
    """"Van Haersma Buma" → van-haersma-buma; "Yeşilgöz-Zegerius" → yesilgoz-zegerius."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def family_name(name: str) -> str:
    """The family name of a printed name: "E. van der Burg" → van der Burg, "Inge van Dijk" →
    van Dijk; a name starting with a tussenvoegsel ("Van Haersma Buma") is kept whole."""
    tokens = name.split()
    initials = False
    while len(tokens) > 1 and re.fullmatch(r"(?:[A-Z][a-z]?\.)+", tokens[0]):
        tokens.pop(0)
        initials = True
    if not initials and len(tokens) > 1 and tokens[0].lower() not in TUSSENVOEGSELS:
        tokens.pop(0)  # a given name
    return " ".join(tokens)


def family_key(name: str) -> str:
    """Case-free key of a family name: "Van der Staaij" and "van der Staaij" agree."""
    return slug(family_name(name))


def standalone(family: str) -> str:
    """A family name as printed on its own, the Dutch way: a leading tussenvoegsel capitalised and
    set apart by a space ("van der Staaij" → Van der Staaij, "el-Yassini" → El Yassini)."""
    tokens = family.split()
    if tokens and "-" in tokens[0] and tokens[0].split("-", 1)[0].lower() in TUSSENVOEGSELS:
        head, rest = tokens[0].split("-", 1)
        tokens[0:1] = [head, rest]
    text = " ".join(tokens)
    return text[:1].upper() + text[1:]


def preferred_spelling(spellings: dict[str, int]) -> str:
    """The one spelling shown of a name printed several ways (spelling → how often): the one that
    keeps its diacritics (Kröger, not Kroger: lost in copies, never added), then the most
    frequent, then the first in code-point order, so that no build order changes it."""
    return min(spellings, key=lambda s: (-sum(1 for c in s if ord(c) > 127), -spellings[s], s))
