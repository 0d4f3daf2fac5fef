"""Deadlines in Dutch parliamentary prose resolved to a date interval from the document's date.

``resolve(text, document_date)`` finds the deadline phrase in a sentence ("binnen drie weken",
"medio 2025", "voor het kerstreces", "Q3", "uiterlijk 1 maart") and gives its interval: the first
and last day it allows. A phrase without a year is read from the document's date, forward ("voor
de zomer" written in November is next summer). Recesses come from the Tweede Kamer's calendar in
data/recessen.csv. Phrases with no computable end ("op korte termijn", "zo spoedig mogelijk")
are kept with their text and no end. The conventions are described in docs/deadlines.md.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import functools
import importlib.resources
import re
from dataclasses import dataclass

from .metadata import MONTHS

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Interval:
    """The days a deadline phrase allows, [start, end] inclusive; end None: no computable end."""

    start: dt.date | None
    end: dt.date | None
    exact: str  # the phrase as written
    offsets: tuple[int, int]  # [start, end) of the phrase in the text given to resolve()

    @property
    def computable(self) -> bool:
        return self.end is not None


# -- the recess calendar ----------------------------------------------------------------------------

RECESS_NAMES = {"zomer": "zomerreces", "kerst": "kerstreces", "herfst": "herfstreces", "voorjaars": "voorjaarsreces",
                "krokus": "voorjaarsreces", "mei": "meireces"}


@functools.cache
def recesses() -> dict[tuple[int, str], tuple[dt.date, dt.date]]:
    """(year, recess) → (first day, last day) of the Tweede Kamer's recesses."""
    text = importlib.resources.files(__package__).joinpath("data/recessen.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {(int(r["year"]), r["recess"]): (dt.date.fromisoformat(r["start"]), dt.date.fromisoformat(r["end"])) for r in rows}


def _recess(year: int, name: str) -> tuple[dt.date, dt.date] | None:
    return recesses().get((year, name))


def _after_recess(year: int, name: str) -> tuple[dt.date, dt.date] | None:
    """The sitting period after a recess: from the day after it to the day before the next one."""
    found = _recess(year, name)
    if not found:
        return None
    later = sorted(start for start, _ in recesses().values() if start > found[1])
    return (found[1] + DAY, later[0] - DAY) if later else None


# -- dates ------------------------------------------------------------------------------------------

def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _add_working_days(day: dt.date, count: int) -> dt.date:
    while count > 0:
        day += DAY
        count -= day.weekday() < 5
    return day


SEASONS = {"voorjaar": (3, 5), "lente": (3, 5), "zomer": (6, 8), "najaar": (9, 11), "herfst": (9, 11), "winter": (12, 14)}
PARTS_OF_YEAR = {"begin": (1, 3), "medio": (6, 7), "midden": (6, 7), "half": (6, 7), "eind": (10, 12), "einde": (10, 12)}
PARTS_OF_MONTH = {"begin": (1, 10), "medio": (11, 20), "half": (11, 20), "midden": (11, 20), "eind": (21, 31), "einde": (21, 31)}


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """Months first..last of a year; months past 12 run into the next year (winter: 12..14)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(year, first, 1), _month(end_year, end_month)[1]


def _prinsjesdag(year: int) -> dt.date:
    first = dt.date(year, 9, 1)
    return first + dt.timedelta(days=(1 - first.weekday()) % 7 + 14)  # the third Tuesday of September


# -- phrases ----------------------------------------------------------------------------------------

NUMBERS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
           "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
           "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30, "veertig": 40, "zestig": 60}
ORDINALS = {"eerste": 1, "1e": 1, "tweede": 2, "2e": 2, "derde": 3, "3e": 3, "vierde": 4, "4e": 4, "laatste": 4}
MONTH = "|".join(MONTHS)
NUMBER = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r"|anderhalve|anderhalf|een half|een halve)"
UNIT = r"(?P<unit>werkdagen|werkdag|dagen|dag|weken|week|maanden|maand|kwartalen|kwartaal|jaren|jaar)"
# The year a period is in: written, relative to the document, or (None) left to the document's date.
REL_YEAR = r"(?P<rel>dit jaar|het jaar|volgend jaar|komend jaar|het volgende jaar|het komende jaar)"
YEAR = r"(?:\s+(?:van\s+)?(?:(?P<year>(?:19|20)\d{2})|" + REL_YEAR + r"))?"
RELATIVE = r"(?P<relative>dit|deze|dit komende|het komende|komend|komende|volgend|volgende|aankomend|aankomende)\s+"
RECESS = r"(?P<recess>zomer|kerst|herfst|voorjaars|krokus|mei)reces"
DATE = r"(?P<day>\d{1,2})\s+(?P<month>" + MONTH + r")(?:\s+(?P<dyear>(?:19|20)\d{2}))?"
PAST = r"(?!\s+(?:jl|j\.l|jongstleden|ll|l\.l|laatstleden)\b)"  # "In december jl.": the month gone by
BEFORE = r"(?P<mode>(?:uiterlijk|voor|vóór|niet later dan|ten laatste)\s+(?:in\s+|op\s+)?)?"
# Promises with no date to compute an end from: kept, with their text.
OPEN = (r"op (?:zo )?(?:korte|kortst mogelijke|zo kort mogelijke) termijn|(?:over|binnen) (?:een aantal|enkele|een paar) (?:dagen|weken|maanden)|zo (?:spoedig|snel|voortvarend) mogelijk|"
        r"zo spoedig als mogelijk|binnenkort|spoedig|op een later moment|te zijner tijd|op een nader te bepalen moment|"
        r"binnen afzienbare tijd|(?:in )?de komende (?:periode|tijd|maanden|weken|jaren)|"
        r"(?:tijdens|op|in|bij|voor) de (?:aankomende|komende|eerstvolgende|volgende) (?:informele )?(?:JBZ-Raad|Europese Raden|Europese Raad|Raad|Raden)|"
        r"en marge van de (?:aankomende|komende|eerstvolgende) (?:informele )?JBZ-[Rr]aad|bij een nieuwe herziening|"
        r"(?:zodra|wanneer) [^,.;]{5,120}?(?=\s+(?:zal|zullen)\b|[,.;]|$)")
PATTERNS = [
    ("within", r"(?:binnen|in|over) (?:de komende |een termijn van |uiterlijk )?" + NUMBER + r"\s+" + UNIT + r"(?P<anchor>\s+na\b)?"),
    ("komende", r"de komende " + NUMBER + r"\s+" + UNIT),
    ("date", r"(?<!van )(?<!sinds )(?<!d\.d\. )" + BEFORE + r"(?:op\s+)?" + DATE + PAST),
    ("recess", r"(?P<mode>voor|vóór|na|tijdens|in|uiterlijk in|direct na|meteen na|kort na)\s+het\s+" + RECESS + YEAR),
    ("summer", r"(?P<mode>voor|vóór|na|direct na|kort na)\s+de\s+(?P<what>zomer|kerst|zomervakantie|kerstvakantie|jaarwisseling)(?:\s+van\s+(?P<year>(?:19|20)\d{2}))?"),
    ("kerstmis", r"(?P<mode>voor|vóór)\s+(?P<what>kerstmis)"),
    ("prinsjesdag", BEFORE + r"(?P<what>prinsjesdag)(?:\s+(?P<year>(?:19|20)\d{2}))?"),
    ("quarter", BEFORE + r"(?:in\s+)?(?:het\s+)?(?:(?P<ord>" + "|".join(ORDINALS) + r")\s+kwartaal|Q(?P<q>[1-4]))" + r"(?:[\s-]+(?:van\s+)?(?:(?P<year>(?:19|20)\d{2})|" + REL_YEAR + r"))?"),
    ("half", BEFORE + r"(?:in\s+)?(?:(?:de|het)\s+)?(?P<ord>eerste|tweede)\s+(?:helft|halfjaar|half jaar)" + YEAR),
    ("season", BEFORE + r"(?:in\s+)?(?:(?:het|de)\s+|" + RELATIVE + r")(?P<season>voorjaar|lente|zomer|najaar|herfst|winter)" + YEAR),
    ("season-year", BEFORE + r"(?:in\s+)?(?P<season>voorjaar|lente|zomer|najaar|herfst|winter)\s+(?P<year>(?:19|20)\d{2})"),
    ("part-month", BEFORE + r"(?:in\s+|per\s+)?(?P<part>begin|medio|half|midden|eind|einde)\s+(?:van\s+)?(?P<month>" + MONTH + r")(?:\s+(?P<year>(?:19|20)\d{2}))?"),
    ("part-year", BEFORE + r"(?:(?:aan\s+)?het\s+)?(?P<part>begin|medio|midden|half|eind|einde)\s+(?:van\s+)?(?:(?P<year>(?:19|20)\d{2})|" + REL_YEAR + r")"),
    ("course", r"(?:in|gedurende)\s+de loop van(?:\s+(?:het|de)\s+(?P<season>voorjaar|zomer|najaar|winter))?" + YEAR),
    ("month", BEFORE + r"(?:in\s+|per\s+)?(?:de maand\s+)?(?P<month>" + MONTH + r")(?:\s+(?:van\s+)?(?P<year>(?:19|20)\d{2}))?" + PAST),
    ("relative", r"(?:(?P<mode>voor|vóór|uiterlijk|in)\s+)?" + RELATIVE + r"(?P<unit2>week|maand|kwartaal|jaar)"),
    ("later-this-year", r"(?P<what>later dit jaar|nog dit jaar|dit jaar nog|nog in \d{4}|in de rest van het jaar)"),
    ("year", r"(?:(?P<mode>uiterlijk)\s+)?(?:in|gedurende)\s+(?P<year>(?:19|20)\d{2})"),
    ("open", r"(?:" + OPEN + r")"),
]
COMPILED = [(name, re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w])", re.IGNORECASE)) for name, pattern in PATTERNS]


def resolve(text: str, document_date: dt.date | None) -> Interval | None:
    """The deadline stated in `text` (a phrase or a sentence): the first phrase with a computable
    end, else the first deadline phrase at all (no end), else None."""
    found = phrases(text, document_date)
    computable = [f for f in found if f.computable]
    return (computable or found or [None])[0]


def phrases(text: str, document_date: dt.date | None) -> list[Interval]:
    """Every deadline phrase in `text`, in order; overlapping matches keep the longest."""
    matches = []
    for rank, (name, pattern) in enumerate(COMPILED):  # at the same span, the earlier pattern wins
        for match in pattern.finditer(text):
            matches.append((match.start(), -match.end(), rank, name, match))
    kept, taken_until = [], -1
    for start, negative_end, _rank, name, match in sorted(matches, key=lambda m: m[:3]):
        if start < taken_until:
            continue
        interval = _interval(name, match, document_date)
        if interval is None:
            continue
        taken_until = -negative_end
        exact = match.group().strip()
        lead = len(match.group()) - len(match.group().lstrip())
        kept.append(Interval(interval[0], interval[1], exact, (start + lead, start + lead + len(exact))))
    return kept


def _interval(name: str, m: re.Match, today: dt.date | None) -> tuple[dt.date | None, dt.date | None] | None:
    """(start, end) for one match; (None, None) when it has no computable end; None: not a deadline."""
    found = _bounds(name, m, today)
    if found and today and found[1] and found[1] < today:
        return None  # over before the document was written: a reference, not a deadline
    return found


def _bounds(name: str, m: re.Match, today: dt.date | None) -> tuple[dt.date | None, dt.date | None] | None:
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
    mode = (g.get("mode") or "").strip().split(" ")[0]
    if name == "month" and not mode and not m.group().lower().startswith(("in", "per", "de maand")):
        return None  # a month named in passing is no deadline
    if name == "open":
        return None, None
    if name == "course" and not (g.get("season") or g.get("year") or g.get("rel")):
        return None  # "in de loop van de tijd"
    if name in ("within", "komende"):
        if g.get("anchor"):
            return None, None  # "binnen zes weken na ontvangst": counted from an event, not from the letter
        if today is None:
            return None, None
        return today, _after(today, g["n"], g["unit"])
    if name == "later-this-year":
        year = re.search(r"\d{4}", g["what"])
        if today is None and not year:
            return None, None
        return today, dt.date(int(year.group()) if year else today.year, 12, 31)
    if name == "relative":
        if today is None:
            return None, None
        return _relative(g, mode, today)
    period = _period(name, g, today)
    if period is None:
        return None, None  # no document date, or a year the recess calendar does not cover
    start, end = period
    if name in ("recess", "summer", "kerstmis"):
        return start or today, end  # the recess rules already are "before" / "after"
    if mode in ("voor", "vóór"):
        if g.get("part") in ("eind", "einde"):
            return today, end  # "voor eind 2025": by the end of the year
        return today, start - DAY
    if mode in ("uiterlijk", "niet", "ten"):
        return today, end
    return start, end


def _after(day: dt.date, number: str, unit: str) -> dt.date:
    if number in ("anderhalf", "anderhalve"):
        count = 1.5
    elif number in ("een half", "een halve"):
        count = 0.5
    else:
        count = int(number) if number.isdigit() else NUMBERS[number]
    if unit.startswith("werkdag"):
        return _add_working_days(day, int(count))
    if unit.startswith("dag"):
        return day + dt.timedelta(days=int(count))
    if unit.startswith("we"):
        return day + dt.timedelta(days=round(7 * count))
    months = 1 if unit.startswith("maand") else 3 if unit.startswith("kwarta") else 12
    return _add_months(day, round(months * count))


def _relative(g: dict, mode: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """"volgende week", "deze maand", "volgend kwartaal", "later dit jaar", "voor volgend jaar"."""
    unit, relative = g["unit2"], g["relative"].strip()
    step = 0 if relative in ("dit", "deze") else 1
    if unit == "week":
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=step)
        start, end = monday, monday + dt.timedelta(days=6)
    elif unit == "maand":
        year, month = divmod(today.year * 12 + today.month - 1 + step, 12)
        start, end = _month(year, month + 1)
    elif unit == "kwartaal":
        quarter = (today.month - 1) // 3 + step
        start, end = _months(today.year + quarter // 4, quarter % 4 * 3 + 1, quarter % 4 * 3 + 3)
    else:
        start, end = dt.date(today.year + step, 1, 1), dt.date(today.year + step, 12, 31)
    if mode in ("voor", "vóór") and step:
        return today, start - DAY
    return start, end


def _period(name: str, g: dict, today: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The period a phrase names, in its stated year or else the first one (from the year before
    the document's on) that has not ended by the document's date, once its before/after is applied."""
    if g.get("year") or g.get("dyear"):
        return _in_year(name, g, int(g.get("year") or g.get("dyear")))
    if g.get("rel"):
        if today is None:
            return None
        return _in_year(name, g, today.year + (1 if any(w in g["rel"] for w in ("volgend", "komend")) else 0))
    if g.get("relative"):
        if today is None:
            return None
        if g["relative"] in ("dit", "deze", "dit komende"):
            # "dit najaar": this year's, or the next if it is already past ("dit voorjaar" in December)
            period = _in_year(name, g, today.year)
            return period if period and period[1] >= today else _in_year(name, g, today.year + 1)
        if g["relative"].startswith("volgend"):  # "volgend voorjaar": the first one not yet begun
            return next(filter(None, (_in_year(name, g, y) for y in range(today.year, today.year + 3)
                                      if (_in_year(name, g, y) or (today, today))[0] > today)), None)
    if today is None:
        return None
    mode = (g.get("mode") or "").strip()
    for year in range(today.year - 1, today.year + 3):
        period = _in_year(name, g, year)
        if period is None:
            continue
        # A "voor …" is past once the period starts; an "in …" or "na …" once it ends.
        ends = period[0] - DAY if mode.startswith(("voor", "vóór")) and name not in ("recess", "summer", "kerstmis") else period[1]
        if ends >= today:
            return period
    return None


def _in_year(name: str, g: dict, year: int) -> tuple[dt.date, dt.date] | None:
    if name == "date":
        try:
            day = dt.date(year, MONTHS[g["month"]], int(g["day"]))
        except ValueError:
            return None
        return day, day
    if name == "recess":
        recess = RECESS_NAMES[g["recess"]]
        return _recess_rule(g["mode"], recess, year)
    if name in ("summer", "kerstmis"):
        if g["what"] == "jaarwisseling":  # after it: "begin volgend jaar"
            return (dt.date(year + 1, 1, 1), dt.date(year + 1, 3, 31)) if g["mode"].endswith("na") else (None, dt.date(year, 12, 31))
        return _recess_rule(g["mode"], "kerstreces" if g["what"].startswith("kerst") else "zomerreces", year)
    if name == "prinsjesdag":
        day = _prinsjesdag(year)
        return day, day
    if name == "quarter":
        quarter = ORDINALS[g["ord"]] if g.get("ord") else int(g["q"])
        return _months(year, quarter * 3 - 2, quarter * 3)
    if name == "half":
        return _months(year, 1, 6) if g["ord"] == "eerste" else _months(year, 7, 12)
    if name in ("season", "season-year"):
        return _months(year, *SEASONS[g["season"]])
    if name == "course":
        return _months(year, *SEASONS[g["season"]]) if g.get("season") else _months(year, 1, 12)
    if name == "part-year":
        return _months(year, *PARTS_OF_YEAR[g["part"]])
    if name == "part-month":
        first, last = PARTS_OF_MONTH[g["part"]]
        month_start, month_end = _month(year, MONTHS[g["month"]])
        return month_start.replace(day=first), min(month_end, month_start.replace(day=min(last, month_end.day)))
    if name == "month":
        return _month(year, MONTHS[g["month"]])
    if name == "year":
        return _months(year, 1, 12)
    return None


def _recess_rule(mode: str, recess: str, year: int) -> tuple[dt.date | None, dt.date] | None:
    """"voor het X-reces": up to the day before it; "na het X-reces": the sitting period after it;
    "tijdens/in het X-reces": the recess itself. The start of a "voor" is filled in by the caller."""
    found = _recess(year, recess)
    if found is None:
        return None
    mode = mode.split(" ")[-1]
    if mode in ("voor", "vóór"):
        return None, found[0] - DAY
    if mode == "na":
        return _after_recess(year, recess)
    return found
