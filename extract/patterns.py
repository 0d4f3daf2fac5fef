"""Making many regular expressions cheap to run.

- :func:`any_of`: one pattern that matches wherever any of several would — one scan instead of
  one per pattern, when the question is only *whether* one matches.
- :func:`required_literals`: strings of which every match contains at least one. A text that
  contains none of them cannot match, and a substring test is far cheaper than a regex scan.
  Derived from the pattern itself, so the patterns stay the only statement of what is matched.
- :class:`Guarded`: a pattern that is only run on texts containing one of its required literals;
  :class:`GuardedAny` several, behind one test of all their literals; :func:`literal_view` gives
  the lower-cased text those tests read (made once per text).
"""
from __future__ import annotations

import re
from re import _constants as c  # the parser's opcodes (Python ≥ 3.11)
from re import _parser

MIN_LENGTH = 3  # shorter literals filter too little to be worth a test
# Letters that match other letters case-insensitively (ſ ~ s, ı/İ ~ i, K ~ k): with them in a text,
# a literal test on its lower-cased form could miss a match, so such texts are never filtered.
CASE_FOLDING_SPECIALS = "ſıİ\u212a"


def any_of(patterns: list[re.Pattern]) -> re.Pattern:
    """One pattern whose search succeeds exactly when one of `patterns`' searches would."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)


def required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-cased strings such that every match of `pattern` contains one of them, or None when
    the pattern has no such set (then it must always be run)."""
    found = _sequence(_parser.parse(pattern.pattern, pattern.flags))
    return frozenset(found) if found else None


def literal_view(text: str) -> str | None:
    """The lower-cased `text` that literal tests read, or None if they cannot be trusted on it."""
    lowered = text.lower()
    if lowered.isascii() or not any(special in text for special in CASE_FOLDING_SPECIALS):
        return lowered
    return None


class Guarded:
    """A compiled pattern whose scans are skipped on texts that lack all its required literals."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        literals = required_literals(pattern)
        self.literals = tuple(sorted(literals)) if literals else None

    def may_occur_in(self, lowered: str | None) -> bool:
        """Whether a match may occur in the text whose :func:`literal_view` is `lowered`."""
        return self.literals is None or lowered is None or any(map(lowered.__contains__, self.literals))

    def search(self, text: str, lowered: str | None) -> re.Match | None:
        return self.pattern.search(text) if self.may_occur_in(lowered) else None

    def finditer(self, text: str, lowered: str | None):
        return self.pattern.finditer(text) if self.may_occur_in(lowered) else iter(())


class GuardedAny:
    """Whether one of several patterns matches: one literal test for all of them, then each
    pattern whose own literals occur (cheaper than one scan of their alternation)."""

    def __init__(self, patterns: list[re.Pattern]):
        self.union = Guarded(any_of(patterns))
        self.guarded = [Guarded(pattern) for pattern in patterns]

    def search(self, text: str, lowered: str | None) -> re.Match | None:
        """The match of the first pattern (in the given order) that matches, or None."""
        if not self.union.may_occur_in(lowered):
            return None
        return next((match for guarded in self.guarded if (match := guarded.search(text, lowered))), None)


def _ascii_literal(op, argument) -> bool:
    # Case-insensitive matching folds non-ASCII letters in ways str.lower() does not (µ ~ μ,
    # σ ~ ς, İ ~ i): only ASCII characters make literals, so that lower-cased text can be searched.
    return op is c.LITERAL and argument < 128


def _leading_run(items) -> str:
    run = ""
    for op, argument in items:
        if not _ascii_literal(op, argument):
            break
        run += chr(argument).lower()
    return run


def _sequence(items) -> set[str] | None:
    """The best requirement of a sequence: one literal run, or one group's alternatives."""
    candidates: list[set[str]] = []
    run = ""
    for op, argument in items:
        if _ascii_literal(op, argument):
            run += chr(argument).lower()
            continue
        if op is c.BRANCH:
            branches = [_sequence(branch) for branch in argument[1]]
            if all(branches):
                candidates.append(set().union(*branches))
            if run:
                # The parser factors a common prefix out of the alternatives ("\bAVG|\bAlgemene" is
                # "A" then "VG|lgemene"): the prefix followed by each alternative's own start.
                candidates.append({run + _leading_run(branch) for branch in argument[1]})
        if run:
            candidates.append({run})
            run = ""
        if op is c.SUBPATTERN:
            inner = _sequence(argument[-1])
            if inner:
                candidates.append(inner)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and argument[0] >= 1:
            inner = _sequence(argument[2])
            if inner:
                candidates.append(inner)
    if run:
        candidates.append({run})
    usable = [candidate for candidate in candidates if min(map(len, candidate)) >= MIN_LENGTH]
    # The most selective requirement: the one whose shortest alternative is longest.
    return max(usable, key=lambda candidate: min(map(len, candidate)), default=None)

