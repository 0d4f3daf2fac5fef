"""The regex helpers that make the extractors cheap must never change what they find."""
import re

import pytest

from kamergraaf.extract.eu import table
from kamergraaf.extract.patterns import any_of, required_literals


@pytest.mark.parametrize("pattern, literals", [
    (r"\bTerugkeerrichtlijn", {"terugkeerrichtlijn"}),
    (r"\bEGKW-?verordening|\bEuropese Grens- en Kustwacht", {"verordening", "uropese grens- en kustwacht"}),  # the parser factors out the common "E"
    (r"\bDublin(?:[- ]?(?:III[- ]?)?verordening|-regels)?\b", {"dublin"}),
    (r"(?:ab)+cdef", {"cdef"}),
    (r"x(?:abc)?y", None),  # nothing of three characters is required
    (r"[Vv]isum|AG", None),  # one branch has no usable literal, so neither does the pattern
])
def test_required_literals(pattern, literals):
    found = required_literals(re.compile(pattern, re.IGNORECASE))
    assert (set(found) if found else None) == literals


def test_every_table_match_contains_a_required_literal():
    """The prefilter of the EU table is sound: every match of every row contains one of its literals."""
    samples = ["Dublinverordening", "Europese Grens- en Kustwachtverordening", "Frontex-verordening",
               "Asiel- en Migratiepact", "GEAS", "herziene Schengengrenscode", "Screeningsverordening",
               "EU-Turkije Verklaring", "Richtlijn Tijdelijke Bescherming", "Eurodac-verordening"]
    matched = 0
    for instrument in table():
        for sample in samples:
            for match in instrument.pattern.finditer(sample):
                matched += 1
                assert instrument.literals is None or any(lit in match.group().lower() for lit in instrument.literals)
    assert matched >= len(samples)


def test_any_of_matches_where_one_would():
    patterns = [re.compile(r"\bzal\b.*\binformeren", re.I), re.compile(r"\bterug\s?komen\b", re.I)]
    combined = any_of(patterns)
    for sentence in ["Ik zal u informeren.", "Ik kom hierop terug komen.", "Niets hier.", "ZAL de Kamer INFORMEREN"]:
        assert bool(combined.search(sentence)) == any(p.search(sentence) for p in patterns)


def test_letters_that_fold_to_ascii_do_not_hide_an_instrument():
    """Case-insensitive matching folds ı to i (and ſ to s); the lower-cased literal test would not."""
    from kamergraaf.extract.eu import eu_instruments

    assert [f.data["key"] for f in eu_instruments("De Dublınverordening geldt.")] == ["dublin-iii"]
