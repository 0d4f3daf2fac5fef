"""The regex helpers that make the extractors cheap must never change what they find."""
import re

import pytest

from kamergraaf.extract.eu import table
from kamergraaf.extract import claims, commitments, motions, references
from kamergraaf.extract.patterns import Guarded, GuardedAny, any_of, literal_view, required_literals


@pytest.mark.parametrize("pattern, literals", [
    (r"\bTerugkeerrichtlijn", {"terugkeerrichtlijn"}),
    (r"\bEGKW-?verordening|\bEuropese Grens- en Kustwacht", {"verordening", "uropese grens- en kustwacht"}),  # the parser factors out the common "E"
    (r"\bDublin(?:[- ]?(?:III[- ]?)?verordening|-regels)?\b", {"dublin"}),
    (r"(?:ab)+cdef", {"cdef"}),
    (r"x(?:abc)?y", None),  # nothing of three characters is required
    (r"[Vv]isum|AG", None),  # one branch has no usable literal, so neither does the pattern
    (r"\bAVG\b|\bAlgemene [Vv]erordening", {"avg", "algemene "}),  # the factored-out "A" joins each branch
    (r"kamer|kamerstuk|ka", None),
    (r"İzmir-akkoord", {"zmir-akkoord"}),  # non-ASCII letters fold beyond str.lower(): they end a literal
    (r"ΟΔΟΣ", None),
    (r"µg/l", {"g/l"}),  # the shared "ka" then "mer|merstuk|": the empty alternative leaves "ka" only
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
                assert instrument.may_occur_in(literal_view(match.group()))
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


GUARDED = ([g for g in (commitments.TOEZEGGING_INFORM, commitments.ANY_TOEZEGGING, commitments.ANY_BELEIDSINZET)]
           + [commitments.ONLY_CONSIDER, commitments.OTHERS_FIRST, commitments.PAST_ONLY, motions.MENTION]
           + [g for _kind, g in claims.PATTERNS] + [g for _kind, g in references.PARLIAMENTARY_REF])


def _patterns(guarded):
    return guarded.guarded if isinstance(guarded, GuardedAny) else [guarded]


def test_guards_never_skip_a_match_in_the_seeds():
    """Every match of every guarded extractor pattern in the seed texts contains one of its literals."""
    from pathlib import Path

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("seeds").glob("*.txt"))]
    matched = 0
    for guarded in GUARDED:
        for one in _patterns(guarded):
            for text in texts:
                for match in one.pattern.finditer(text):
                    matched += 1
                    assert one.may_occur_in(literal_view(match.group())), (one.pattern.pattern, match.group())
    assert matched > 100


def test_guarded_any_finds_what_the_alternation_finds():
    sentences = ["De Kamer wordt hierover voor de zomer geïnformeerd.", "Ik kom hierop terug.", "Het kabinet zal dit doen.",
                 "Niets hier.", "UW KAMER ZAL WORDEN GEÏNFORMEERD", "Uw Kamer ontvangt voor de zomer een brief."]
    for sentence in sentences:
        for guarded in (commitments.ANY_TOEZEGGING, commitments.ANY_BELEIDSINZET):
            plain = any_of([g.pattern for g in guarded.guarded])
            assert bool(guarded.search(sentence, literal_view(sentence))) == bool(plain.search(sentence))


def test_a_guard_skips_texts_without_its_literals_and_not_texts_with_folding_letters():
    guarded = Guarded(re.compile(r"\bterug\s?komen\b", re.IGNORECASE))
    assert guarded.search("Daar kom ik later op.", literal_view("Daar kom ik later op.")) is None
    assert not guarded.may_occur_in(literal_view("niets"))
    assert literal_view("teruſ") is None and guarded.may_occur_in(None)  # ſ folds to s: never filtered


@pytest.mark.parametrize("pattern, text", [("İzmir-akkoord", "het Izmir-akkoord"), ("ΟΔΟΣ", "ΟΔΟΣ"), ("µg/l", "5 μg/l")])
def test_guards_hold_for_letters_that_fold_beyond_lower(pattern, text):
    guarded = Guarded(re.compile(pattern, re.IGNORECASE))
    assert guarded.pattern.search(text) and guarded.search(text, literal_view(text))


def test_kamerstuk_pattern_lookahead_changes_no_match():
    """KAMERSTUK_REF starts with a lookahead for the characters every match starts with."""
    from pathlib import Path

    lookahead = "(?=[KkVv\\d])"
    assert references.KAMERSTUK_REF.pattern.startswith(lookahead)
    without = re.compile(references.KAMERSTUK_REF.pattern[len(lookahead):])
    for path in sorted(Path("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert [m.span() for m in references.KAMERSTUK_REF.finditer(text)] == [m.span() for m in without.finditer(text)]


def test_eu_candidates_keep_instruments_of_a_part_with_folding_letters():
    """The table is narrowed once per document; a part whose letters fold to ASCII (ı) keeps every row."""
    from kamergraaf.extract.eu import candidates, eu_instruments

    parts = ["Over de Terugkeerrichtlijn.", "De Dublınverordening geldt."]
    rows = candidates(parts)
    assert {"return-directive", "dublin-iii"} <= {row.key for row in rows}
    assert [f.data["key"] for f in eu_instruments(parts[1], instruments=rows)] == ["dublin-iii"]
    assert "dublin-iii" not in {row.key for row in candidates([parts[0]])}  # narrowed when no letter folds
