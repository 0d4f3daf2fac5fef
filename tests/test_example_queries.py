"""The query editor's example queries are written for Oxigraph's joins; each must give the same
answers as its plain form (bench/queries.py) on a graph where every one of them finds rows."""
import sys
from collections import Counter

import pytest

from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.store import KnowledgeStore
from kamergraaf.server.discovery import EXAMPLE_QUERIES

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate  # noqa: E402
from queries import PLAIN_FORMS  # noqa: E402


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    generate(40, folder / "corpus")
    store = KnowledgeStore(folder / "store")
    assert all(r.ok for r in ingest(store, [folder / "corpus"], jobs=1))
    return store


def answers(store, query) -> Counter:
    return Counter(tuple(str(term) for term in row) for row in store.store.query(query, use_default_graph_as_union=True))


@pytest.mark.parametrize("title", sorted(PLAIN_FORMS))
def test_example_query_answers_as_its_plain_form(generated_store, title):
    example = dict(EXAMPLE_QUERIES)[title]
    assert example != PLAIN_FORMS[title]
    found = answers(generated_store, example)
    assert found, "the generated graph should hold answers to every example"
    assert found == answers(generated_store, PLAIN_FORMS[title])
