"""The real documents of tests/fixtures/corpus/ (copies of ../shared/corpus/) against the gold
annotated by reading them (tests/gold/corpus/): every file builds or is refused on purpose, every
selector quotes its source, and the measures that meet issue 12's targets stay above them."""
from pathlib import Path

import pytest

from kamergraaf.evaluate import TARGETS, Score, evaluate_corpus
from kamergraaf.extract.pipeline import Pipeline
from kamergraaf.graph.build import build_graphs
from kamergraaf.graph.iris import Minter
from kamergraaf.graph.validate import check_evidence

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "tests/fixtures/corpus"


@pytest.fixture(scope="module")
def result():
    return evaluate_corpus(ROOT / "tests/gold", ROOT)


def test_every_corpus_document_has_gold():
    documents = {p.name for p in CORPUS.iterdir() if p.name != "SOURCES.md"}
    annotated = {p.stem for p in (ROOT / "tests/gold/corpus").glob("*.json") if not p.stem.startswith("extra-")}
    assert {Path(d).stem for d in documents} == annotated


def test_every_corpus_file_is_read(result):
    assert result.errors == {}
    assert len(result.documents) >= 40


@pytest.mark.parametrize("path", sorted(p for folder in (CORPUS, CORPUS.parent / "extra") for p in folder.iterdir()
                                         if p.name != "SOURCES.md"), ids=lambda p: p.name)
def test_every_selector_equals_its_source_text(path):
    doc = Pipeline().read(path)
    graphs = build_graphs(doc, Minter())
    assert graphs.evidence and check_evidence(graphs.evidence, doc.source) == []


def _total(result, measure, kind=None):
    score = Score()
    for group, scores in result.totals("kind").items():
        if kind in (None, group) and measure in scores:
            score.add(scores[measure])
    return score


@pytest.mark.parametrize("measure,kind,precision,recall", TARGETS, ids=lambda v: str(v))
def test_targets_met(result, measure, kind, precision, recall):
    score = _total(result, measure, kind)
    assert score.gold and score.precision >= precision and score.recall >= recall, (score.precision, score.recall)


def test_evaluate_command_checks_the_targets():
    from click.testing import CliRunner

    from kamergraaf.cli import main

    outcome = CliRunner().invoke(main, ["evaluate", str(ROOT / "tests/gold"), "--root", str(ROOT), "--corpus", "--check"])
    assert outcome.exit_code == 0, outcome.output
    assert "by layout:" in outcome.output and "motion-sponsors" in outcome.output
