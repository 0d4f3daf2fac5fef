"""Removing documents — `kamergraaf remove FILE|IRI` and `build --prune` — leaves the store a
build without them would give: their graphs and what only they said gone, the derived graph
recomputed. And a folder's notes (README, SOURCES.md) are no documents of a build."""
import json
import shutil

import pytest
from click.testing import CliRunner

from kamergraaf.cli import main
from kamergraaf.graph.ingest import UnknownDocument, document_files, ingest, remove
from kamergraaf.graph.store import KnowledgeStore

from .conftest import FORMATS, SEEDS
from .test_facts import LETTER_WITH_NUMBER, LETTER_WITHOUT_NUMBER, SECOND_NUMBERED, select, write
from .test_faults import _quads

LETTER = "002_4df700ba5a49d8e6.txt"  # claims motion 19637-3220 fulfilled, and a toezegging from a debate
CLAIM = "SELECT ?c WHERE { ?c kg:target <https://w3id.org/kamergraaf/id/motie/19637-3220> ; kg:claimType kg:Fulfils }"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def searched(store: str) -> set[str]:
    """The documents the search index finds the letter's claim in."""
    found = json.loads(run("search", "--store", store, "--json", '"ten uitvoering gebracht"').output)
    return {hit["doc_id"] for hit in found["hits"]}


def _build(store: str, folder) -> None:
    result = run("build", "--store", store, folder)
    assert result.exit_code == 0, result.output


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def without_letter(tmp_path, seeds):
    """A clean build of the seeds but the letter, from a folder of the same name elsewhere."""
    folder = tmp_path / "clean" / "docs"
    shutil.copytree(seeds, folder)
    (folder / LETTER).unlink()
    _build(str(tmp_path / "clean-store"), folder)
    return _quads(tmp_path / "clean-store")


@pytest.mark.parametrize("name", ["path", "file name", "document IRI", "graph IRI"])
def test_remove_leaves_the_store_a_build_without_the_document_gives(tmp_path, seeds, without_letter, name):
    store = str(tmp_path / "store")
    _build(store, seeds)
    with KnowledgeStore(store) as opened:
        assert select(opened, CLAIM)
        [label] = select(opened, f"SELECT ?l WHERE {{ <https://w3id.org/kamergraaf/id/doc/{LETTER}> "
                                 "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    target = {"path": seeds / LETTER, "file name": LETTER,
              "document IRI": f"https://w3id.org/kamergraaf/id/doc/{LETTER}",
              "graph IRI": f"https://w3id.org/kamergraaf/id/graph/{LETTER}"}[name]
    assert LETTER in searched(store)
    result = run("remove", "--store", store, target)
    assert result.exit_code == 0, result.output
    assert "1 removed" in result.output
    assert f"removed: {target} ({label['l']})" in result.output  # named as people read it
    assert _quads(store) == without_letter
    with KnowledgeStore(store, read_only=True) as snapshot:  # what readers (the server) see: published
        assert not select(snapshot, CLAIM)
        assert not select(snapshot, f"SELECT ?d WHERE {{ ?d kg:sourceFile '{LETTER}' }}")
    assert LETTER not in searched(store)  # the search index follows


def test_removal_recomputes_the_derived_graph(tmp_path):
    """A second motion of the same member made the link of "de motie-Pietersen" ambiguous; with
    that document removed, the link is derived again (as a build of the two would have it)."""
    docs = {"a.txt": LETTER_WITHOUT_NUMBER, "b.txt": LETTER_WITH_NUMBER, "c.txt": SECOND_NUMBERED}
    for name, text in docs.items():
        write(tmp_path / "docs", name, text)
    store = KnowledgeStore(tmp_path / "store")
    ingest(store, [tmp_path / "docs"])
    linked = "SELECT ?s ?n WHERE { ?s a kg:Motion ; owl:sameAs ?n }"
    assert not select(store, linked)
    [result] = remove(store, ["c.txt"])
    assert result.status == "removed"
    [link] = select(store, linked)
    assert link["n"].endswith("/motie/36000-VI-12")
    clean = KnowledgeStore(tmp_path / "clean")
    ingest(clean, [tmp_path / "docs" / "a.txt", tmp_path / "docs" / "b.txt"])
    assert sorted(store.dump_graph(str(store.derived_graph)).splitlines()) == sorted(clean.dump_graph(str(clean.derived_graph)).splitlines())


def test_an_unknown_name_is_an_error_and_changes_nothing(tmp_path, seeds):
    store = str(tmp_path / "store")
    _build(store, seeds)
    before = _quads(store)
    result = run("remove", "--store", store, LETTER, "no-such-letter.txt", "https://w3id.org/kamergraaf/id/doc/nothing")
    assert result.exit_code == 1
    assert "not in the store: no-such-letter.txt, https://w3id.org/kamergraaf/id/doc/nothing" in result.output
    assert "nothing was removed" in result.output
    assert _quads(store) == before  # the known letter is not removed either


def test_removing_again_is_a_no_op(tmp_path, seeds):
    store = str(tmp_path / "store")
    _build(store, seeds)
    assert run("remove", "--store", store, LETTER).exit_code == 0
    after = _quads(store)
    again = run("remove", "--store", store, LETTER)
    assert again.exit_code == 1 and f"not in the store: {LETTER}" in again.output
    tolerant = run("remove", "--store", store, "--missing-ok", LETTER)
    assert tolerant.exit_code == 0 and "0 removed" in tolerant.output
    assert _quads(store) == after
    with pytest.raises(UnknownDocument):
        remove(KnowledgeStore(store), [LETTER])


def test_prune_removes_the_documents_whose_files_are_gone(tmp_path, seeds, without_letter):
    store = str(tmp_path / "store")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(FORMATS / "kst-32545-143.xml", other)
    _build(store, seeds)
    _build(store, other)
    (seeds / LETTER).unlink()
    (other / "kst-32545-143.xml").unlink()
    result = run("build", "--prune", "--store", store, seeds)  # the other folder is not built: kept
    assert result.exit_code == 0, result.output
    assert f"removed: {seeds / LETTER} (" in result.output and "): its file is gone" in result.output
    assert "4 unchanged, 1 removed" in result.output
    with KnowledgeStore(store) as opened:
        assert "kst-32545-143.xml" in {d["file"] for d in opened.documents()}
    result = run("build", "--prune", "--store", store, other)
    assert "1 removed" in result.output
    assert _quads(store) == without_letter
    assert "0 removed" in run("build", "--prune", "--store", store, seeds).output  # nothing more to prune


def test_a_moved_file_is_not_pruned(tmp_path, seeds):
    store = str(tmp_path / "store")
    _build(store, seeds)
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.move(seeds / LETTER, moved / LETTER)
    result = run("build", "--prune", "--store", store, seeds, moved)
    assert result.exit_code == 0, result.output
    assert "0 removed" in result.output
    with KnowledgeStore(store) as opened:
        assert select(opened, CLAIM)
    (moved / LETTER).unlink()  # gone from where it was built last
    assert "1 removed" in run("build", "--prune", "--store", store, moved).output


def test_a_folders_notes_are_no_documents(tmp_path, seeds):
    """Skipped unread, however much they look like a Kamerstuk."""
    notes = ("README.md", "SOURCES.md", "LICENSE", "changelog.txt")
    for name in notes:
        (seeds / name).write_text("# Notes\n\nKamerstuk 36 200 VI, nr. 23, 1 mei 2024: de motie van het lid Eerdmans.\n",
                                  encoding="utf-8")
    assert sorted(p.name for p in document_files([seeds])) == sorted(p.name for p in SEEDS.iterdir())
    # named on its own, a file is read and judged by its content
    assert [p.name for p in document_files([seeds / "README.md"])] == ["README.md"]
    result = run("build", "--store", tmp_path / "store", seeds)
    assert result.exit_code == 0 and "5 added, 0 replaced, 0 unchanged, 4 skipped, 0 failed" in result.output
    for name in notes:
        assert f"skipped: {seeds / name}: not a parliamentary document: a folder's notes" in result.output
    with KnowledgeStore(tmp_path / "store") as opened:
        assert {d["file"] for d in opened.documents()} == {p.name for p in SEEDS.iterdir()}
