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
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
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


KINDS = {"qa": ("qa_pairs", score_pairs)}


def evaluate(gold_dir: str | Path, root: str | Path = ".") -> dict[str, dict[str, Score]]:
    """{kind: {source file: Score}} for every gold file under gold_dir/<kind>/."""
    pipeline = Pipeline()
    results: dict[str, dict[str, Score]] = {}
    docs = {}
    for kind, (_key, scorer) in KINDS.items():
        for gold_file in sorted(Path(gold_dir).glob(f"{kind}/*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            source = Path(root) / gold["source"]
            if source not in docs:
                docs[source] = pipeline.read(source)
            results.setdefault(kind, {})[gold["source"]] = scorer(docs[source], gold)
    return results


def report(results: dict[str, dict[str, Score]]) -> str:
    lines = [f"{'kind':<6} {'source':<40} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"]
    for kind, per_source in results.items():
        total = Score()
        for source, score in per_source.items():
            total.add(score)
            lines.append(_row(kind, source, score))
        lines.append(_row(kind, "ALL", total))
    return "\n".join(lines)


def _row(kind: str, source: str, s: Score) -> str:
    return (f"{kind:<6} {source:<40} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} "
            f"{s.true_positives:>5} {s.predicted:>5} {s.gold:>5}")
