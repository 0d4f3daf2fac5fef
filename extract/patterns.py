"""Making many regular expressions cheap to run.

- :func:`any_of`: one pattern that matches wherever any of several would — one scan instead of
  one per pattern, when the question is only *whether* one matches.
- :func:`required_literals`: strings of which every match contains at least one. A text that
  contains none of them cannot match, and a substring test is far cheaper than a regex scan — so a
  table of many patterns (the EU instruments) skips, per text, the patterns that cannot occur in
  it. Derived from the pattern itself, so the table stays data only.
"""
from __future__ import annotations

import re
from re import _constants as c  # the parser's opcodes (Python ≥ 3.11)
from re import _parser

MIN_LENGTH = 3  # shorter literals filter too little to be worth a test


def any_of(patterns: list[re.Pattern]) -> re.Pattern:
    """One pattern whose search succeeds exactly when one of `patterns`' searches would."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)


def required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-cased strings such that every match of `pattern` contains one of them, or None when
    the pattern has no such set (then it must always be run)."""
    found = _sequence(_parser.parse(pattern.pattern, pattern.flags))
    return frozenset(found) if found else None


def _sequence(items) -> set[str] | None:
    """The best requirement of a sequence: one literal run, or one group's alternatives."""
    candidates: list[set[str]] = []
    run = ""
    for op, argument in items:
        if op is c.LITERAL:
            run += chr(argument).lower()
            continue
        if run:
            candidates.append({run})
            run = ""
        if op is c.BRANCH:
            branches = [_sequence(branch) for branch in argument[1]]
            if all(branches):
                candidates.append(set().union(*branches))
        elif op is c.SUBPATTERN:
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
