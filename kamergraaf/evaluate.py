"""Precision, recall and F1 of the pipeline against the hand-annotated gold in tests/gold/.

Gold quotes are located in the source text tolerantly (whitespace runs, markdown markup and
`<sup>` markers may differ), searching forward from the previous quote of the same list.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .extract import fracties
from .extract.names import family_key
from .extract.pipeline import Pipeline

MARKUP = r"(?:\*{1,2}|#{1,6} ?|<sup>\d+</sup>|_)*"
# Boundaries may differ by markup characters ("**", "#### ") between gold and prediction.
TOLERANCE = 6


def quote_pattern(quote: str) -> re.Pattern:
    parts = []
    for token in quote.split():
        token = token.replace("**", "").replace("<sup>", "").replace("</sup>", "")
        parts.append(MARKUP.join(re.escape(c) for c in token))
    return re.compile((r"\s*" + MARKUP + r"\s*").join(parts))


def locate(text: str, quote: str, start: int = 0) -> re.Match:
    match = quote_pattern(quote).search(text, start)
    if not match:
        raise LookupError(f"gold quote not found: {quote[:60]!r}")
    return match


@dataclass
class Score:
    true_positives: int = 0  # predictions that match a gold item
    predicted: int = 0
    gold: int = 0
    recall_hits: int | None = None  # gold items matched, when several predictions may match one

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        hits = self.true_positives if self.recall_hits is None else self.recall_hits
        return hits / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        if self.recall_hits is not None or other.recall_hits is not None:
            self.recall_hits = (self.recall_hits if self.recall_hits is not None else self.true_positives) + (
                other.recall_hits if other.recall_hits is not None else other.true_positives)
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold


def gold_pairs(source: str, gold: dict) -> list[tuple[frozenset, int, int, int]]:
    """(fracties, question start, answer start, answer end) of each gold pair."""
    pairs, position = [], 0
    for pair in gold["qa_pairs"]:
        question = locate(source, pair["question_start"], position)
        answer = locate(source, pair["answer_start"], question.end())
        end = locate(source, pair["answer_end"], answer.start())
        slugs = frozenset(fracties.lookup(name) or name for name in pair["fracties"])
        pairs.append((slugs, question.start(), answer.start(), end.end()))
        position = answer.start()
    return pairs


def score_pairs(doc, gold: dict) -> Score:
    expected = gold_pairs(doc.source, gold)
    predicted = [
        (frozenset(answer.answers.fracties), answer.answers.span.start, answer.span.start, answer.span.end)
        for answer in doc.parts_of("answer")
    ]
    unmatched = list(expected)
    hits = 0
    for pred in predicted:
        for item in unmatched:
            if pred[0] == item[0] and all(abs(a - b) <= TOLERANCE for a, b in zip(pred[1:], item[1:])):
                unmatched.remove(item)
                hits += 1
                break
    return Score(hits, len(predicted), len(expected))


def _doc_facts(doc, kind: str) -> list:
    return [(part, fact) for part in doc.parts for fact in part.facts if fact.kind == kind]


def _set_score(predicted: set, expected: set) -> Score:
    return Score(len(predicted & expected), len(predicted), len(expected))


def _sponsor_set(names) -> frozenset:
    return frozenset(family_key(n) for n in names)


def _motion_identity(kamerstuk: str | None, sponsors) -> str | frozenset:
    return kamerstuk or _sponsor_set(sponsors)


class _Cursor:
    """Locates gold sentences in document order, so a sentence the document repeats is found at
    its next occurrence; falls back to the first occurrence for out-of-order annotations."""

    def __init__(self, source: str):
        self.source, self.position = source, 0

    def span(self, quote: str) -> tuple[int, int]:
        try:
            match = locate(self.source, quote, self.position)
        except LookupError:
            match = locate(self.source, quote, 0)
        self.position = match.start() + 1
        return match.start(), match.end()


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_facts(doc, gold: dict) -> dict[str, Score]:
    """Scores per kind of fact for one document (identities as tests/gold/README.md defines)."""
    scores = {}
    scores["kamerstuk"] = _set_score({f.data["identifier"] for _, f in _doc_facts(doc, "kamerstuk")},
                                     {r["id"] for r in gold["kamerstuk_refs"]})
    predicted_motions = set()
    for _, fact in _doc_facts(doc, "motion"):
        predicted_motions.add(_motion_identity(fact.data.get("kamerstuk"), fact.data["sponsors"]))
    scores["motion"] = _set_score(predicted_motions, {_motion_identity(m["kamerstuk"], m["sponsors"]) for m in gold["motions"]})
    celex = {f.data["celex"] for _, f in _doc_facts(doc, "eu-instrument") if f.data["celex"]}
    scores["eu-celex"] = _set_score(celex, {e["celex"] for e in gold["eu_instruments"] if e["celex"]})

    predicted = [(f.span.start, f.span.end, f.data["type"]) for _, f in _doc_facts(doc, "commitment")]
    expected = []
    cursor = _Cursor(doc.source)
    for item in gold["commitments"]:
        start, end = cursor.span(item["sentence"])
        expected.append((start, end, item["type"]))
    for name, types in (("toezegging", {"toezegging"}), ("beleidsinzet", {"beleidsinzet"}),
                        ("commitment", {"toezegging", "beleidsinzet"})):
        pred = [p for p in predicted if p[2] in types]
        gold_items = [e for e in expected if e[2] in types]
        # A commitment of the other type still counts for "commitment" as a whole.
        hits_p = sum(any(_overlaps(p[:2], e[:2]) for e in gold_items) for p in pred)
        hits_r = sum(any(_overlaps(p[:2], e[:2]) for p in pred) for e in gold_items)
        scores[name] = Score(hits_p, len(pred), len(gold_items))
        scores[name].recall_hits = hits_r
    predicted_claims = []
    for _, fact in _doc_facts(doc, "claim"):
        for target_kind, key in fact.data.get("targets", []):
            predicted_claims.append((fact.span.start, fact.span.end, _claim_target(doc, target_kind, key)))
    expected_claims = []
    cursor = _Cursor(doc.source)
    for item in gold["fulfilment_claims"]:
        start, end = cursor.span(item["sentence"])
        kind, _, value = item["target"].partition(":")
        target = ("commitment" if kind == "commitment" else
                  frozenset(family_key(n) for n in re.split(r"[/,]", value)) if kind == "motion-sponsors" else value)
        expected_claims.append((start, end, target))
    hits_r = sum(any(_overlaps(p[:2], e[:2]) and p[2] == e[2] for p in predicted_claims) for e in expected_claims)
    hits_p = sum(any(_overlaps(p[:2], e[:2]) and p[2] == e[2] for e in expected_claims) for p in predicted_claims)
    scores["claim"] = Score(hits_p, len(predicted_claims), len(expected_claims))
    scores["claim"].recall_hits = hits_r
    return scores


def _claim_target(doc, kind: str, key: str):
    if kind == "commitment":
        return "commitment"
    if key.startswith("s-"):
        return frozenset(key[2:].split("+"))
    return key


KINDS = {"qa": score_pairs, "facts": score_facts}


def evaluate(gold_dir: str | Path, root: str | Path = ".") -> dict[str, dict[str, Score]]:
    """{kind: {source file: Score}} for every gold file under gold_dir/qa/ and gold_dir/facts/."""
    pipeline = Pipeline()
    results: dict[str, dict[str, Score]] = {}
    docs = {}
    for folder, scorer in KINDS.items():
        for gold_file in sorted(Path(gold_dir).glob(f"{folder}/*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            source = Path(root) / gold["source"]
            if source not in docs:
                docs[source] = pipeline.read(source)
            scores = scorer(docs[source], gold)
            for kind, score in (scores.items() if isinstance(scores, dict) else [(folder, scores)]):
                results.setdefault(kind, {})[gold["source"]] = score
    return results


def report(results: dict[str, dict[str, Score]]) -> str:
    lines = [f"{'kind':<12} {'source':<40} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"]
    for kind, per_source in results.items():
        total = Score()
        for source, score in per_source.items():
            total.add(score)
            lines.append(_row(kind, source, score))
        lines.append(_row(kind, "ALL", total))
    return "\n".join(lines)


def _row(kind: str, source: str, s: Score) -> str:
    return (f"{kind:<12} {source:<40} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} "
            f"{s.true_positives:>5} {s.predicted:>5} {s.gold:>5}")
