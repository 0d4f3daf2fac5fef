"""Fractie names as printed → stable fractie slugs, from the table in ontology/fracties.csv."""
from __future__ import annotations

import csv
import functools
import re
from importlib import resources


@functools.lru_cache(maxsize=1)
def table() -> dict[str, dict]:
    """slug → row (label, aliases, name_nl, odata_ids, active_from, active_until, succeeded_by)."""
    with resources.files("kamergraaf.ontology").joinpath("fracties.csv").open(encoding="utf-8") as f:
        return {row["slug"]: row for row in csv.DictReader(f)}


def _key(name: str) -> str:
    return re.sub(r"[\s\-/]+", "", name).casefold()


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    index = {}
    for slug, row in table().items():
        names = [row["label"], row["name_nl"], *filter(None, row["aliases"].split("|"))]
        for name in names:
            index[_key(name)] = slug
    return index


def lookup(name: str) -> str | None:
    """The slug of one fractie name ("VVD", "GroenLinks/PvdA", "PvdA-"), or None."""
    name = name.strip().strip("-").strip()
    name = re.sub(r"[-\s]*fracties?$", "", name, flags=re.IGNORECASE).strip()
    return _aliases().get(_key(name))


def parse(names: str) -> list[str]:
    """Slugs of the fracties in "PvdA- en GroenLinks", "VVD, CDA en SGP", "GroenLinks-PvdA"."""
    whole = lookup(names)
    if whole:
        return [whole]
    slugs = []
    for piece in re.split(r",\s*|\s+en\s+|\s+and\s+", names):
        slug = lookup(piece)
        if slug is None:
            return []
        slugs.append(slug)
    return slugs


@functools.lru_cache(maxsize=1)
def _odata_ids() -> dict[str, str]:
    return {oid: slug for slug, row in table().items() for oid in filter(None, row.get("odata_ids", "").split("|"))}


def by_odata_id(fractie_id: str) -> str | None:
    """The slug of the fractie with this Tweede Kamer open-data Fractie_Id (names are not keys)."""
    return _odata_ids().get(fractie_id)


def label(slug: str) -> str:
    return table()[slug]["label"]
