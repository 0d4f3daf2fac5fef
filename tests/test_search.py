"""Full-text search (graph/search.py, /search, `kamergraaf search`) over documents written here:
Dutch word forms, compounds, phrases, prefixes, filters, ranking, escaping, offsets, and the index
kept in step with the store by every build."""
import hashlib
import json
import sqlite3
import urllib.parse

import pyoxigraph as ox
import pytest
import tantivy
from click.testing import CliRunner

from kamergraaf.cli import main
from kamergraaf.graph import search
from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.store import KnowledgeStore

from .serving import http, running_server

BRIEF = """Tweede Kamer der Staten-Generaal

32317 JBZ-Raad

Nr. 901 BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 12 maart 2024

De financiële steun aan gemeenten voor de opvang van statushouders wordt verhoogd. Iedere asielaanvraag wordt binnen zes maanden beoordeeld, zodat migranten sneller weten waar zij aan toe zijn. Ook de kustwacht krijgt meer middelen.

Met deze brief geef ik uitvoering aan de motie van het lid Eerdmans (Kamerstuk 32317, nr. 813) over een sterke grensbewaking aan de buitengrenzen.

Ik zal uw Kamer voor de zomer informeren over de uitvoering van de Terugkeerrichtlijn.

De Staatssecretaris van Justitie en Veiligheid,
E. van der Burg
"""
VERSLAG = """Tweede Kamer der Staten-Generaal

21501-20 Europese Raad

Nr. 1999 VERSLAG VAN EEN SCHRIFTELIJK OVERLEG

Vastgesteld 3 juni 2021

Vragen en opmerkingen van de leden van de VVD-fractie

De leden van de VVD-fractie vragen hoe vaak een aanvraag voor gezinshereniging wordt afgewezen. Hoeveel aanvragen waren dat in 2020?

Antwoord

In 2020 werden ruim tweeduizend aanvragen afgewezen. Het kabinet blijft de financiele gevolgen volgen.

Vragen en opmerkingen van de leden van de SP-fractie

De leden van de SP-fractie vragen naar de wachttijden bij de IND en de migratiestromen uit Syrië.

Antwoord

De wachttijden bij de IND lopen op door de hoge instroom. Migratie uit Syrië neemt toe.
"""
HOSTILE = """Tweede Kamer der Staten-Generaal

36410 VI Vaststelling van de begroting

Nr. 77 BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID

Den Haag, 1 februari 2023

Deze brief over grensbewaking bevat <script>alert("x")</script> en <b>vet</b> & tekens. De kustwacht, de kustwacht en nog eens de kustwacht.

De Minister van Justitie en Veiligheid,
D. Yeşilgöz-Zegerius
"""
DOCUMENTS = {"brief-migratie.txt": BRIEF, "verslag-vragen.txt": VERSLAG, "vijandig.txt": HOSTILE}


def _build(folder, location):
    store = KnowledgeStore(location)
    results = ingest(store, [folder])
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    store.close()
    return results


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search-docs")
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    location = tmp_path_factory.mktemp("search-store") / "store"
    _build(folder, location)
    return location


@pytest.fixture(scope="module")
def index(built):
    connection = search.open_index(built)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def server(built):
    with running_server(built) as (url, _app):
        yield url


def _find(index, text, **filters):
    results = search.search(index, text, search.Filters(**filters), per_page=100)
    assert not results.error, results.error
    return results


def _docs(results):
    return {hit["doc_id"] for hit in results.hits}


def _marked(results):
    return {piece["text"] for hit in results.hits for piece in hit["snippet"] if piece["mark"]}


def test_diacritics_either_way(index):
    assert _docs(_find(index, "financiele")) == {"brief-migratie.txt", "verslag-vragen.txt"}
    assert _docs(_find(index, "Financiële")) == {"brief-migratie.txt", "verslag-vragen.txt"}
    assert {"financiële", "financiele"} <= _marked(_find(index, "financiele"))


def test_word_forms_by_the_dutch_stemmer(index):
    found = _find(index, "aanvragen")
    assert "verslag-vragen.txt" in _docs(found)
    assert {"aanvraag", "aanvragen"} <= _marked(found)  # "een aanvraag voor gezinshereniging"
    assert "wachttijden" in _marked(_find(index, "wachttijd"))


def test_compounds_found_by_their_parts(index):
    found = _find(index, "aanvraag")
    assert "asielaanvraag" in _marked(found)
    assert "brief-migratie.txt" in _docs(found)
    assert "gezinshereniging" in _marked(_find(index, "hereniging"))


def test_phrases_keep_their_order(index):
    assert _docs(_find(index, '"sterke grensbewaking"')) == {"brief-migratie.txt"}
    assert _docs(_find(index, "grensbewaking")) == {"brief-migratie.txt", "vijandig.txt"}
    assert _find(index, '"grensbewaking sterke"').total == 0
    assert "sterke grensbewaking" in _marked(_find(index, '"sterke grensbewaking"'))


def test_prefixes(index):
    found = _find(index, "migra*")
    assert _docs(found) == {"brief-migratie.txt", "verslag-vragen.txt"}
    assert {"migranten", "migratiestromen", "Migratie"} <= _marked(found)
    assert _find(index, "migratiestr*").total >= 1


def test_or_not_and_excluding_words(index):
    assert _docs(_find(index, "wachttijden OR statushouders")) == {"brief-migratie.txt", "verslag-vragen.txt"}
    assert _docs(_find(index, "grensbewaking NOT Eerdmans")) == {"vijandig.txt"}
    assert _docs(_find(index, "grensbewaking -Eerdmans")) == {"vijandig.txt"}
    assert _find(index, "(kustwacht OR wachttijden) AND IND").total >= 1


def test_filter_by_kind(index):
    assert _docs(_find(index, "financiele", kind="Kamerbrief")) == {"brief-migratie.txt"}
    assert _docs(_find(index, "financiele", kind="kg:VerslagSchriftelijkOverleg")) == {"verslag-vragen.txt"}


def test_filter_by_date_range(index):
    assert _docs(_find(index, "grensbewaking", start="2024-01-01")) == {"brief-migratie.txt"}
    assert _docs(_find(index, "grensbewaking", end="2023-12-31")) == {"vijandig.txt"}
    assert _find(index, "grensbewaking", start="2023-02-02", end="2024-03-11").total == 0
    assert "date" in search.search(index, "grensbewaking", search.Filters(start="12-03-2024")).error
    # what Python also reads as a date is read as that day, never a crash
    assert _docs(_find(index, "grensbewaking", start="20240101")) == {"brief-migratie.txt"}
    assert _docs(_find(index, "grensbewaking", start="2024-W01-1")) == {"brief-migratie.txt"}


def test_filter_by_fractie(index):
    vvd = _find(index, "vragen", fractie="VVD")
    assert vvd.total and all(hit["doc_id"] == "verslag-vragen.txt" for hit in vvd.hits)
    facts = [hit for hit in vvd.hits if hit["what"] != "text"]
    assert facts and all("VVD" in hit["title"] for hit in facts)  # the SP's question is not the VVD's
    assert not [hit for hit in _find(index, "wachttijden", fractie="vvd").hits if hit["what"] == "question"]
    assert _docs(_find(index, "financiele", fractie="sp")) == {"verslag-vragen.txt"}  # its document's fracties


def test_filter_by_dossier(index):
    assert _docs(_find(index, "grensbewaking", dossier="32317")) == {"brief-migratie.txt"}
    assert _docs(_find(index, "grensbewaking", dossier="36410")) == {"vijandig.txt"}  # 36410-VI
    assert _docs(_find(index, "grensbewaking", dossier="36410 VI")) == {"vijandig.txt"}
    assert _find(index, "grensbewaking", dossier="99999").total == 0


def test_ranked_best_first(index):
    found = _find(index, "kustwacht")
    assert found.hits[0]["doc_id"] == "vijandig.txt"  # three times in a short text, against once
    scores = [hit["score"] for hit in found.hits]
    assert scores == sorted(scores, reverse=True)


def test_facts_are_hits_with_their_resource(index, server):
    found = _find(index, "Eerdmans")
    motion = next(hit for hit in found.hits if hit["what"] == "motion")
    assert motion["resource"].startswith("/id/motie/") and "Eerdmans" in motion["title"]
    assert http("GET", server + motion["resource"])[0] == 200
    assert motion["trail"] == "/motie/32317-813" and http("GET", server + motion["trail"])[0] == 200
    assert {"claim", "text"} <= {hit["what"] for hit in found.hits}
    eu = _find(index, "Terugkeerrichtlijn")
    assert any(hit["what"] == "eu" and hit["resource"].startswith("/id/eu/") for hit in eu.hits)
    toezegging = _find(index, "zomer informeren")
    assert any(hit["what"] == "commitment" for hit in toezegging.hits)


def test_links_point_at_the_matched_words(index, server):
    for query, word in (("financiele", "financiele"), ("asielaanvraag", "asielaanvraag"), ('"sterke grensbewaking"', "sterke grensbewaking")):
        for hit in _find(index, query).hits:
            doc_id = urllib.parse.unquote(hit["source_view"].split("?")[0][len("/doc/"):])
            _status, _type, _headers, body = http("GET", f"{server}/doc/{doc_id}", headers={"Accept": "application/json"})
            text = json.loads(body)["text"]
            start, end = hit["match"]
            assert hit["source_view"] == f"/doc/{doc_id}?start={start}&end={end}"
            assert search.fold(" ".join(text[start:end].split())) == word


def test_hostile_text_escaped_in_snippets(server):
    status, content_type, _headers, body = http("GET", server + "/search?q=grensbewaking")
    page = body.decode()
    assert status == 200 and content_type.startswith("text/html")
    assert "&lt;script&gt;alert(" in page and "<script>alert" not in page and "&lt;b&gt;vet" in page
    data = json.loads(http("GET", server + "/search?q=grensbewaking&format=json")[3])
    assert any('<script>alert("x")</script>' in hit["snippet"] for hit in data["hits"])  # JSON: the text itself


@pytest.mark.parametrize("query", ['"unclosed', "AND OR (", "*", "NOT", "-", ")", "a*", "OR asiel", "(", '""', "&&&",
                                   "stems : x", 'NEAR("a" "b")', "asiel AND", "(" * 300 + "a" + ")" * 300,
                                   "asiel " * 60, "a" * 5000, "x*y", ".*"])
def test_malformed_queries_answered_with_a_message(server, query):
    status, content_type, _headers, body = http("GET", server + "/search?" + urllib.parse.urlencode({"q": query}))
    assert status == 200 and content_type.startswith("text/html")
    status, _type, _headers, body = http("GET", server + "/search?" + urllib.parse.urlencode({"q": query, "format": "json"}))
    data = json.loads(body)
    assert status == 200
    assert data["error"] or data["notes"] or data["total"] >= 0


def test_malformed_queries_say_what_to_change(index):
    assert "closing quote" in " ".join(search.search(index, '"unclosed').notes)
    assert "AND" in search.search(index, "AND OR (").error
    assert "*" in search.search(index, "*").error
    assert "exclude" in search.search(index, "-asiel").error
    assert "(" in search.search(index, "(asiel").error
    assert "nested" in search.search(index, "(" * 300 + "a" + ")" * 300).error
    assert "at most 50" in search.search(index, "asiel " * 60).error
    assert "1000 characters" in search.search(index, "a" * 5000).error
    assert _docs(_find(index, '"sterke grensbewaking')) == {"brief-migratie.txt"}  # closed for the user


def test_json_for_programs(server):
    for url, headers in ((server + "/search?q=grensbewaking&format=json", None),
                         (server + "/search?q=grensbewaking", {"Accept": "application/json"})):
        status, content_type, _headers, body = http("GET", url, headers=headers)
        assert status == 200 and content_type == "application/json"
        data = json.loads(body)
        assert set(data) == {"query", "filters", "total", "page", "pages", "per_page", "notes", "error", "hits"}
        hit = data["hits"][0]
        assert {"doc_id", "document", "kind", "date", "what", "title", "start", "end", "match", "source_view",
                "score", "snippet"} <= set(hit)
        assert isinstance(hit["snippet"], str) and "grensbewaking" in hit["snippet"]
    data = json.loads(http("GET", server + "/search?q=grensbewaking&kind=Kamerbrief&dossier=32317&format=json")[3])
    assert data["filters"] == {"kind": "Kamerbrief", "dossier": "32317"} and data["total"] >= 1


def test_pages_of_hits(server):
    first = json.loads(http("GET", server + "/search?q=de&per_page=2&format=json")[3])
    second = json.loads(http("GET", server + "/search?q=de&per_page=2&page=2&format=json")[3])
    assert first["pages"] > 1 and len(first["hits"]) == 2 and first["hits"] != second["hits"]
    page = http("GET", server + "/search?q=de&per_page=2&page=2")[3].decode()
    assert 'rel="next"' in page and 'rel="prev"' in page and "page 2 of" in page


def test_pages_far_beyond_the_hits_are_a_message(server, index):
    for page in ("1000000000000", "10" * 20, "-3", "x"):
        status, _type, _headers, body = http("GET", server + f"/search?q=de&page={page}&format=json")
        assert status == 200
    data = json.loads(http("GET", server + "/search?q=de&page=1000000000000&format=json")[3])
    assert "first 10000 hits" in data["error"] and data["hits"] == []
    assert search.search(index, "de", per_page=10**12).per_page == search.MAX_PER_PAGE
    assert http("GET", server + "/search?q=de")[0] == 200  # the server lives on


def test_page_form_and_filters(server):
    page = http("GET", server + "/search?q=vragen&fractie=vvd")[3].decode()
    assert 'name="q"' in page and 'value="vragen"' in page
    assert '<option value="vvd" selected>' in page and '<option value="Kamerbrief"' in page
    assert 'class="hit-link" href="/doc/verslag-vragen.txt?start=' in page
    empty = http("GET", server + "/search")
    assert empty[0] == 200 and b'id="hits"' not in empty[3]
    assert '<a href="/search">Search</a>' in page and '<form class="header-search" method="get" action="/search"' in page


def test_cli_search(built):
    runner = CliRunner()
    result = runner.invoke(main, ["search", "grensbewaking", "--store", str(built), "--dossier", "32317"])
    assert result.exit_code == 0, result.output
    assert "hits" in result.output and "[grensbewaking]" in result.output and "/doc/brief-migratie.txt?start=" in result.output
    result = runner.invoke(main, ["search", "Eerdmans", "--store", str(built), "--json", "--kind", "Kamerbrief"])
    data = json.loads(result.output)
    assert data["total"] >= 1 and any(hit.get("resource", "").startswith("/id/motie/") for hit in data["hits"])
    result = runner.invoke(main, ["search", "AND OR (", "--store", str(built)])
    assert result.exit_code == 1 and "AND needs a word" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["search", "vragen", "--store", str(built), "--from", "2021", "--json"])
    assert "date" in json.loads(result.output)["error"]


def test_no_index_is_a_message(tmp_path):
    location = tmp_path / "store"
    KnowledgeStore(location).close()
    with running_server(location) as (url, _app):
        status, _type, _headers, body = http("GET", url + "/search?q=asiel")
    assert status == 200 and b"kamergraaf build" in body
    result = CliRunner().invoke(main, ["search", "asiel", "--store", str(location)])
    assert result.exit_code == 1 and "kamergraaf build" in result.output


def _digest(folder):
    """The index's files, but SQLite's write-ahead log and its shared-memory file (readers touch those)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(("-wal", "-shm", ".lock")))
    return hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in files)).hexdigest()


def _count_of(location, doc_id):
    with search.open_index(location) as index:
        return index.searcher.search(tantivy.Query.term_query(index.schema, "doc_id", doc_id)).count


def _write(folder, documents=DOCUMENTS):
    folder.mkdir(exist_ok=True)
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_index_kept_in_step_with_builds(tmp_path):
    folder, location = tmp_path / "docs", tmp_path / "store"
    _write(folder)
    _build(folder, location)
    path = search.index_path(location)
    with search.open_index(location) as index:
        assert _docs(search.search(index, "kustwacht")) == {"brief-migratie.txt", "vijandig.txt"}
    # Rebuilt unchanged: nothing written.
    before = _digest(path)
    store = KnowledgeStore(location)
    assert not search.update(store).any
    store.close()
    _build(folder, location)
    assert _digest(path) == before
    # A replaced document: its old words gone, its new ones found.
    _write(folder, {"vijandig.txt": HOSTILE.replace("kustwacht", "marechaussee")})
    _build(folder, location)
    with search.open_index(location) as index:
        assert _docs(search.search(index, "kustwacht")) == {"brief-migratie.txt"}
        assert _docs(search.search(index, "marechaussee")) == {"vijandig.txt"}
        assert index.meta.execute("SELECT count(*) FROM docs").fetchone()[0] == 3
    hits = _count_of(location, "vijandig.txt")
    assert hits == 1  # replaced, not added beside the old one
    # A document gone from the store: gone from the index (the store's graph dropped as a removal does).
    assert _count_of(location, "verslag-vragen.txt") > 0
    store = KnowledgeStore(location)
    store.store.remove_graph(ox.NamedNode(str(store.mint.graph("verslag-vragen.txt"))))
    changes = search.update(store)
    store.close()
    assert (changes.removed, changes.added, changes.replaced) == (1, 0, 0)
    assert _count_of(location, "verslag-vragen.txt") == 0
    with search.open_index(location) as index:
        assert search.search(index, "wachttijden").total == 0
        assert index.meta.execute("SELECT count(*) FROM docs").fetchone()[0] == 2


def test_readers_never_see_a_half_updated_index(tmp_path, monkeypatch):
    folder, location = tmp_path / "docs", tmp_path / "store"
    _write(folder)
    _build(folder, location)
    reader = search.open_index(location)
    before = search.search(reader, "kustwacht").total
    assert before >= 2
    # A build replaces two documents while a reader reads: the reader keeps the state it opened.
    changed = {name: DOCUMENTS[name].replace("kustwacht", "marechaussee") for name in ("vijandig.txt", "brief-migratie.txt")}
    _write(folder, changed)
    _build(folder, location)
    assert search.search(reader, "kustwacht").total == before and search.search(reader, "marechaussee").total == 0
    reader.close()
    with search.open_index(location) as reader:  # the next request: all of the new state
        assert search.search(reader, "kustwacht").total == 0 and search.search(reader, "marechaussee").total == before
    # A write that fails half-way leaves the index as it was.
    _write(folder, {name: DOCUMENTS[name] for name in changed})
    calls = []
    real = search._engine_document

    def failing(doc, row):
        calls.append(doc.doc_id)
        if len(set(calls)) == 2:
            raise RuntimeError("disk full")
        return real(doc, row)

    monkeypatch.setattr(search, "_engine_document", failing)
    with pytest.raises(RuntimeError):
        _build(folder, location)
    assert len(set(calls)) == 2
    with search.open_index(location) as reader:
        assert search.search(reader, "marechaussee").total == before and search.search(reader, "kustwacht").total == 0
    monkeypatch.setattr(search, "_engine_document", real)
    store = KnowledgeStore(location)
    assert search.update(store).replaced == 2  # the next build completes it
    store.close()
    with search.open_index(location) as reader:
        assert search.search(reader, "kustwacht").total == before and search.search(reader, "marechaussee").total == 0


def test_another_schema_version_is_rebuilt(built, tmp_path, monkeypatch):
    folder = tmp_path / "old.search"
    folder.mkdir()
    connection = sqlite3.connect(folder / "meta.sqlite")
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    connection.execute("INSERT INTO meta VALUES ('schema', '0')")
    connection.commit()
    connection.close()
    monkeypatch.setattr(search, "index_path", lambda location: folder)
    store = KnowledgeStore(built, read_only=True)
    assert search.update(store).added == 3
    with search.open_index(built) as index:
        assert search.search(index, "kustwacht").total >= 2


def test_snippets_leave_out_footnote_markers_not_words():
    text = "Zoals gemeld in de motie van het lid Eerdmans<sup>3</sup>, is **dit** gedaan."
    query = search.parse("Eerdmans")
    pieces = search.snippet(text, search.matched(text, query))
    assert search.plain(pieces, ("[", "]")) == "Zoals gemeld in de motie van het lid [Eerdmans], is dit gedaan."


def test_a_build_of_the_folder_holding_the_index_does_not_read_it(tmp_path):
    _write(tmp_path)
    location = tmp_path / "data" / "store"
    _build(tmp_path, location)
    assert any(search.index_path(location).rglob("*.idx"))
    store = KnowledgeStore(location)
    results = ingest(store, [tmp_path])
    store.close()
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    assert not [r for r in results if ".search" in r.path]
