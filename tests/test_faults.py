"""Fault injection: a build killed (kill -9) at random points, then run again, leaves the same graph
as one clean build of the same files in another order. Bounded and seeded, so a failure replays."""
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from kamergraaf.graph.store import KnowledgeStore

from .test_facts import LETTER_WITH_NUMBER, LETTER_WITHOUT_NUMBER, SECOND_NUMBERED

ROOT = Path(__file__).resolve().parent.parent
KAMERGRAAF = str(Path(sys.executable).with_name("kamergraaf"))
STARTED = "<http://www.w3.org/ns/prov#startedAtTime>"
SEED, KILLS = 1913, 6


def _files(folder: Path) -> list[Path]:
    """The corpus and extra documents, and letters whose motions are linked across documents."""
    for source in ("corpus", "extra"):
        shutil.copytree(ROOT / "tests" / "fixtures" / source, folder / source)
    for name, text in {"zonder-nummer.txt": LETTER_WITHOUT_NUMBER, "met-nummer.txt": LETTER_WITH_NUMBER,
                       "tweede.txt": SECOND_NUMBERED}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _build(store: Path, files: list[Path]) -> subprocess.Popen:
    return subprocess.Popen([KAMERGRAAF, "build", "--jobs", "2", "--store", str(store), *map(str, files)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _quads(store: Path) -> list[str]:
    """The store's quads, sorted, with the extraction time (the one thing two builds may differ in)
    blanked."""
    with KnowledgeStore(store) as opened:
        lines = opened.dump("nquads").decode("utf-8").splitlines()
    return sorted(line.split(STARTED)[0] + STARTED if STARTED in line else line for line in lines)


def test_a_build_killed_at_random_points_then_rerun_equals_a_clean_build_in_another_order(tmp_path):
    files = _files(tmp_path / "docs")
    rng = random.Random(SEED)
    clean = _build(tmp_path / "clean", list(reversed(files)))
    started = time.monotonic()
    assert clean.wait(120) == 0, clean.stderr.read()
    duration = time.monotonic() - started
    expected = _quads(tmp_path / "clean")
    for kill in range(KILLS):
        store = tmp_path / f"killed-{kill}"
        order = rng.sample(files, len(files))
        if kill % 2:  # a store that already held some of the documents, as after an earlier build
            first = _build(store, order[: len(order) // 2])
            assert first.wait(120) == 0
        killed = _build(store, order)
        delay = rng.uniform(0.2, duration)  # start-up, extraction, bulk loads, linking, compaction
        try:
            killed.wait(delay)
        except subprocess.TimeoutExpired:
            killed.kill()
            killed.wait()
        rerun = _build(store, rng.sample(files, len(files)))
        assert rerun.wait(120) == 0, rerun.stderr.read()
        assert _quads(store) == expected, f"kill {kill} after {delay:.2f} s (seed {SEED})"
