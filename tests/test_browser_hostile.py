"""A hostile document — markup and script in its title, its sponsor's name and its text — opened on
every page in headless Chromium: no script of it runs (issue 13, item 2)."""
import urllib.parse

import pytest

from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.store import KnowledgeStore

from .browser import browser_page
from .serving import running_server

PAYLOAD = "</script><img src=x onerror=window.kamergraafPwned=1><script>window.kamergraafPwned=1</script>"
HOSTILE = f"""36 600 Vreemdelingenbeleid

Nr. 7 MOTIE VAN HET LID JANSEN {PAYLOAD}

Voorgesteld 3 oktober 2024

De Kamer,

gehoord de beraadslaging,

constaterende dat {PAYLOAD} in de opvang;

verzoekt de regering {PAYLOAD} te onderzoeken,

en gaat over tot de orde van de dag.

Jansen
"""
BASE = "https://w3id.org/kamergraaf/id/"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "kst-36600-7.txt").write_text(HOSTILE, encoding="utf-8")
    store = KnowledgeStore(folder / "store")
    assert all(r.ok for r in ingest(store, [docs], jobs=1))
    store.close()
    with running_server(folder / "store") as (url, _app):
        yield url


def pages(server):
    motion = BASE + "motie/36600-7"
    return [
        "/", "/graph", "/graph?focus=" + urllib.parse.quote(motion, safe="") + "&depth=2",
        "/path?from=" + urllib.parse.quote(motion, safe="") + "&to=" + urllib.parse.quote(BASE + "persoon/jansen", safe=""),
        "/motie/36600-7", "/toezeggingen", "/doc/kst-36600-7.txt", "/id/motie/36600-7", "/sparql",
    ]


def test_no_script_of_a_hostile_document_runs_on_any_page(server):
    with browser_page() as page:
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages(server):
            response = page.goto(server + path)
            page.wait_for_timeout(300)
            assert response.status < 500, path
            assert "script-src 'self'" in response.headers.get("content-security-policy", ""), path
            assert page.evaluate("window.kamergraafPwned === undefined"), path
        assert dialogs == []


def test_the_graph_data_block_cannot_be_closed_by_a_title(server):
    import urllib.request

    with urllib.request.urlopen(server + "/graph?focus=" + urllib.parse.quote(BASE + "motie/36600-7", safe="")) as response:
        html = response.read().decode()
    block = html.split('<script id="graph-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and "\\u003c/script\\u003e" in block
