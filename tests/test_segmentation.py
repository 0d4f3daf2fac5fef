"""Document model and segmentation, per seed and on small constructed documents."""
import datetime as dt
from collections import Counter

import pytest

from kamergraaf.evaluate import evaluate, gold_pairs
from kamergraaf.extract.pipeline import Pipeline

from .conftest import FORMATS, GOLD, ROOT, SEED_FILES, SEEDS, gold

pipeline = Pipeline()
QA_SEEDS = [s for s in SEED_FILES if (GOLD / "qa" / f"{s.stem}.json").exists()]


def read(name):
    return pipeline.read(SEEDS / name if not str(name).startswith("/") else name)


def write(tmp_path, text, name="doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return pipeline.read(path)


@pytest.mark.parametrize("seed", QA_SEEDS, ids=lambda p: p.name)
def test_question_blocks_per_fractie_match_gold(seed):
    doc = pipeline.read(seed)
    expected = Counter(frozenset(p[0]) for p in gold_pairs(doc.source, gold("qa", seed)))
    found = Counter(frozenset(q.fracties) for q in doc.parts_of("question"))
    assert found == expected


def test_every_answer_answers_a_question_of_the_same_document():
    for seed in QA_SEEDS:
        doc = pipeline.read(seed)
        questions = doc.parts_of("question")
        answers = doc.parts_of("answer")
        assert len(questions) == len(answers) > 0
        assert all(a.answers in questions and a.span.start > a.answers.span.end for a in answers)


def test_qa_pairs_reach_the_f1_target_on_every_seed():
    results = evaluate(GOLD, ROOT)["qa"]
    assert set(results) == {f"seeds/{s.name}" for s in QA_SEEDS}
    for source, score in results.items():
        assert score.f1 >= 0.97, (source, score)


def test_table_of_contents_is_not_a_question(tmp_path):
    doc = write(tmp_path, (
        "Vragen en opmerkingen van de leden van de PVV-fractie\n\n"
        "Vragen en opmerkingen van de leden van de VVD-fractie\n\n"
        "Vragen en opmerkingen van de leden van de VVD-fractie\n\n"
        "De leden van de VVD-fractie hebben kennisgenomen van de agenda.\n\n"
        "Kan de minister dit toelichten?\n\nAntwoord\nJa, dat kan zij.\n"))
    [question] = doc.parts_of("question")
    assert question.fracties == ["vvd"]
    assert question.text.startswith("De leden van de VVD-fractie hebben kennisgenomen")
    assert question.text.endswith("Kan de minister dit toelichten?")
    assert doc.parts_of("answer")[0].text == "Ja, dat kan zij."


def test_joint_question_links_both_fracties_and_merged_fractie_is_one():
    doc = read("000_a18c50dab0394b4b.txt")
    assert any(q.fracties == ["pvda", "groenlinks"] for q in doc.parts_of("question"))
    doc = read("003_dfcbf42ef2d25e5b.txt")
    assert any(q.fracties == ["groenlinks-pvda"] for q in doc.parts_of("question"))


def test_answer_ends_where_the_next_question_begins(tmp_path):
    doc = write(tmp_path, (
        "Vragen en opmerkingen van de leden van de SP-fractie\n\n"
        "De leden van de SP-fractie vragen naar de kosten.\n\n"
        "Antwoord\nDe kosten zijn bekend.\n\nZe staan in de begroting.\n\n"
        "Deze leden vragen ook of dit vaker gebeurt?\n\nAntwoord\nNee.\n"))
    first, second = doc.parts_of("answer")
    assert first.text == "De kosten zijn bekend.\n\nZe staan in de begroting."
    assert second.answers.text == "Deze leden vragen ook of dit vaker gebeurt?"


def test_metadata_of_the_seeds():
    doc = read("000_a18c50dab0394b4b.txt")
    assert doc.kind == "verslag-schriftelijk-overleg" and doc.kamerstuk == "32317-789"
    doc = read("001_3119cb9fa06b7852.txt")
    # "## 32317-872 Non-papers …" names the Kamerstuk under discussion, not this document.
    assert doc.kamerstuk is None
    assert doc.date == dt.date(2024, 4, 26) and doc.date_span.exact == "26 april 2024"
    assert doc.title.startswith("Beantwoording gestelde vragen tijdens schriftelijk overleg")
    assert doc.committee == "vaste commissie voor Justitie en Veiligheid"
    assert [(s.role, s.name) for s in doc.signatories] == [
        ("Minister van Justitie en Veiligheid", "D. Yeşilgöz-Zegerius"),
        ("Staatssecretaris van Justitie en Veiligheid", "E. van der Burg")]
    doc = read("002_4df700ba5a49d8e6.txt")
    assert doc.kind == "kamerbrief" and doc.date == dt.date(2024, 5, 16)
    assert doc.signatories[0].name == "E. van der Burg"
    doc = read("003_dfcbf42ef2d25e5b.txt")
    assert doc.title == "Beantwoording vragen schriftelijk overleg Informele JBZ-Raad te Polen op 30 en 31 januari 2025"
    assert doc.signatories[0].role == "Minister van Asiel en Migratie"
    doc = read("004_5994d9a14fc837a8.txt")
    assert doc.kind == "kamerbrief" and doc.date == dt.date(2015, 3, 26)


def test_letters_are_split_into_passages_by_heading():
    doc = read("002_4df700ba5a49d8e6.txt")
    passages = doc.parts_of("passage")
    assert len(passages) >= 3
    assert any(p.title.startswith("Gezamenlijke brief aan de Europese Commissie") for p in passages)
    assert not doc.parts_of("question")
    notes = doc.parts_of("footnote")
    assert [n.footnote for n in notes] == list(range(1, 8))
    assert notes[6].text.startswith("Kamerstukken 2023/2024, 19 637, nr. 3220 Motie van het lid Keijzer")


@pytest.mark.parametrize("name", ["kst-36278-32_motie-Rikkers-Oosterkamp.docx", "kst-36278-32_motie-Rikkers-Oosterkamp.txt"])
def test_motion_document(name):
    doc = pipeline.read(FORMATS / name)
    assert doc.kind == "motie" and doc.kamerstuk == "36278-32"
    assert doc.date == dt.date(2025, 4, 24)
    [motion] = doc.motions
    assert [name for name, _s, _e in motion.sponsors] == ["Rikkers-Oosterkamp"]
    assert motion.kamerstuk == "36278-32"
    [dictum] = doc.parts_of("dictum")
    assert dictum.text.startswith("verzoekt de regering om door het Zorginstituut")
    assert len(doc.parts_of("consideration")) == 2  # two overwegende ("gehoord de beraadslaging" is none)


def test_motion_xml_and_kamervragen_xml():
    doc = pipeline.read(FORMATS / "kst-32545-143.xml")
    assert (doc.kind, doc.kamerstuk, doc.date) == ("motie", "32545-143", dt.date(2021, 7, 6))
    assert [name for name, _s, _e in doc.motions[0].sponsors] == ["Inge van Dijk", "Grinwis"]
    assert len(doc.parts_of("dictum")) == 1
    doc = pipeline.read(FORMATS / "ah-tk-20202021-3235.xml")
    assert doc.kind == "kamervragen"
    questions, answers = doc.parts_of("question"), doc.parts_of("answer")
    assert len(questions) == len(answers) == 9
    assert all(q.fracties == ["d66"] for q in questions)
    assert [a.answers.number for a in answers] == [str(i) for i in range(1, 10)]
