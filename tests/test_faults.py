"""Fault injection: a build killed (kill -9) at random points, then run again, leaves the same graph
as one clean build of the same files in another order. Bounded and seeded, so a failure replays."""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
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


def test_a_server_sees_the_store_before_or_after_a_build_never_during(tmp_path):
    """Queries during a build get 200 and the documents of a finished build: the old set, or the
    new one once the build has published its snapshot; never a half-loaded store, never a 500."""
    from .serving import http, serving_process

    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "300", str(corpus)], check=True, capture_output=True)
    store = tmp_path / "store"
    assert _build(store, [ROOT / "seeds"]).wait(60) == 0
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?d a <https://w3id.org/kamergraaf/def#Document> }"
    url = "/sparql?query=" + urllib.parse.quote(count)
    seen, failures = [], []
    with serving_process(store) as base:
        build = _build(store, [ROOT / "seeds", corpus])
        while build.poll() is None:
            status, _type, _headers, body = http("GET", base + url, headers={"Accept": "application/sparql-results+json"})
            if status != 200:
                failures.append((status, body[:200]))
            else:
                seen.append(int(json.loads(body)["results"]["bindings"][0]["n"]["value"]))
        assert build.returncode == 0
        time.sleep(1)  # the server looks for a new snapshot twice a second
        status, _type, _headers, body = http("GET", base + url, headers={"Accept": "application/sparql-results+json"})
        final = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert not failures, failures[:3]
    assert final == 305 and len(seen) > 10
    assert set(seen) <= {5, 305}, sorted(set(seen))


def _with_corpus(folder: Path) -> Path:
    shutil.copytree(ROOT / "tests" / "fixtures" / "corpus", folder)
    return folder


def test_a_document_needing_more_memory_than_a_worker_may_use_is_refused_alone(tmp_path):
    docs = _with_corpus(tmp_path / "docs")
    seed = (ROOT / "seeds" / "000_a18c50dab0394b4b.txt").read_text(encoding="utf-8")
    (docs / "huge.txt").write_text((seed * 200)[:4_900_000], encoding="utf-8")  # ~700 MB to extract
    result = subprocess.run([KAMERGRAAF, "build", "--jobs", "2", "--store", str(tmp_path / "store"), str(docs)],
                            capture_output=True, text=True, env={**os.environ, "KAMERGRAAF_WORKER_MEMORY_MB": "450"},
                            timeout=300)
    assert result.returncode == 1
    assert f"error: {docs / 'huge.txt'}: needs more memory than a build worker may use (450 MB" in result.stderr + result.stdout
    assert "1 failed" in result.stdout and "Traceback" not in result.stderr
    with KnowledgeStore(tmp_path / "store", read_only=True) as store:
        assert len(store.documents()) == len(list((ROOT / "tests" / "fixtures" / "corpus").iterdir())) - 1  # SOURCES.md is skipped


def test_a_worker_killed_during_a_build_costs_no_document(tmp_path):
    """kill -9 of one build worker (as the OOM killer would): its documents are read again, one by
    one, and the build ends as a clean one does."""
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "120", str(corpus)], check=True, capture_output=True)
    build = _build(tmp_path / "store", [corpus])
    from .test_cli import _children_of, _cmdline

    workers = []
    for _ in range(300):
        workers = [pid for pid in _children_of(build.pid) if b"spawn_main" in _cmdline(pid)]
        if workers or build.poll() is not None:
            break
        time.sleep(0.05)
    assert workers, "the build ended before its workers could be seen"
    time.sleep(0.5)
    os.kill(workers[0], signal.SIGKILL)
    assert build.wait(300) == 0, build.stderr.read()
    clean = _build(tmp_path / "clean", [corpus])
    assert clean.wait(300) == 0
    assert _quads(tmp_path / "store") == _quads(tmp_path / "clean")


def test_documents_cut_to_half_and_rebuilt_equal_a_clean_build_of_the_halves(tmp_path):
    """A changed document takes back what it alone said, also about entities other documents
    describe too (a motion's label and sponsors, a person's name as printed)."""
    docs = _with_corpus(tmp_path / "docs")
    assert _build(tmp_path / "store", [docs]).wait(120) == 0
    for path in docs.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    assert _build(tmp_path / "store", [docs]).wait(120) == 0
    assert _build(tmp_path / "clean", [docs]).wait(120) == 0
    assert _quads(tmp_path / "store") == _quads(tmp_path / "clean")
