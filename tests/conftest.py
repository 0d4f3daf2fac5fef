import json
import shutil
from pathlib import Path

import pytest

from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.store import KnowledgeStore

from .browser import close_browser

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FORMATS = ROOT / "tests" / "fixtures" / "formats"
GOLD = ROOT / "tests" / "gold"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def gold(kind: str, seed: Path) -> dict:
    return json.loads((GOLD / kind / f"{seed.stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory):
    """A store on disk holding the seeds and the format samples, built once per session."""
    location = tmp_path_factory.mktemp("store") / "store"
    store = KnowledgeStore(location)
    results = ingest(store, [SEEDS, FORMATS])
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    return store


@pytest.fixture
def workdir(tmp_path):
    """A folder with copies of the seeds, for tests that add bad files next to good ones."""
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    return docs


def pytest_sessionfinish(session, exitstatus):
    close_browser()  # the one Chromium the browser tests shared
