"""Search engines compared, and /search timed: SQLite FTS5 (the standard library's sqlite3) against
tantivy (PyPI `tantivy`, what graph/search.py uses), on the same analysed text of N generated
documents (bench/corpus.py).

Both engines get the same input — every document cut into the hits graph/search.py indexes, each
with its folded words and Snowball stems (the analysis, the same for both, is timed apart) — and
answer the same queries, parsed once by graph/search.py (compound stems found in the FTS5
vocabulary, used by both): the best 20 hits and the number of all. Reported: index build time,
median and p95 query latency, and the ratios tantivy / FTS5.

With --store DIR (a store built by `kamergraaf build`, which makes its search index), /search
is also timed on a real server (`kamergraaf serve` in its own process), as JSON and as the page,
each request on a new connection. The target (issue 16) is ≤ 300 ms at 1 000 documents.

Usage: python bench/search_ab.py [--documents 1000 | --corpus DIR] [--runs 20] [--store DIR [--pages-only]]
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import tantivy  # noqa: E402

from corpus import generate  # noqa: E402
from kamergraaf.graph import search as engine  # noqa: E402

QUERIES = ["asiel", "Eerdmans", "financiële steun", "aanvraag", '"veilig derde land"', "migra*",
           "Dublinverordening terugkeer", "asiel NOT opvang", "grensbewaking", "toezegging Kamer informeren"]
# The first two are baselines in the same run: a static file, and the page without a query.
PAGE_QUERIES = ["/static/search.css", "/search", "/search?q=asiel", "/search?q=Eerdmans", "/search?q=aanvraag&page=3", '/search?q=%22veilig+derde+land%22',
                "/search?q=migra*&kind=Kamerbrief", "/search?q=terugkeer&from=2022-01-01&to=2024-12-31",
                "/search?q=asiel&fractie=VVD", "/search?q=motie&dossier=32317", "/search?q=asiel&format=json"]


def analysed_rows(folder: Path) -> list[tuple[str, str]]:
    rows = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        rows += [engine.analysed(text[start:end]) for start, end in engine.chunks(text)]
    return rows


def build_fts5(rows, path: Path) -> tuple[float, sqlite3.Connection]:
    started = time.perf_counter()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE VIRTUAL TABLE fts USING fts5 (words, stems, about, tokenize = 'unicode61 remove_diacritics 2')")
    connection.execute("CREATE VIRTUAL TABLE fts_terms USING fts5vocab (fts, 'col')")
    connection.execute("CREATE VIRTUAL TABLE vocabulary USING fts5 (stem, tokenize = 'trigram')")
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO fts (rowid, words, stems, about) VALUES (?, ?, ?, '')",
                           ((i, w, s) for i, (w, s) in enumerate(rows, 1)))
    connection.execute("INSERT INTO vocabulary (stem) SELECT DISTINCT term FROM fts_terms WHERE col = 'stems'")
    connection.execute("COMMIT")
    return time.perf_counter() - started, connection


def build_tantivy(rows, path: Path) -> tuple[float, tantivy.Index]:
    started = time.perf_counter()
    index = tantivy.Index(engine.engine_schema(), path=str(path))
    writer = index.writer(engine.WRITER_HEAP, 1)  # one thread: the machine's cores are shared
    for words, stems in rows:
        writer.add_document(tantivy.Document(words=words, stems=stems, about=""))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return time.perf_counter() - started, index


def fts5_expression(node) -> str:
    """The same tree as an FTS5 expression: every term quoted, as graph/search.py first did it."""
    if isinstance(node, engine.AllOf):
        expression = " AND ".join(fts5_expression(n) for n in node.included)
        for n in node.excluded:
            expression = f"({expression} NOT {fts5_expression(n)})"
        return f"({expression})"
    if isinstance(node, engine.AnyOf):
        return "(" + " OR ".join(fts5_expression(n) for n in node.parts) + ")"
    if node.prefix:
        return f'words : "{node.prefix}"*'
    if len(node.stems) > 1:
        return 'stems : "' + " ".join(node.stems) + '"'
    alternatives = " OR ".join(f'"{s}"' for s in sorted({*node.stems, *node.expansions}))
    return f'({{stems about}} : ({alternatives}) OR words : "{node.word}")'


def fts5_search(connection, expression: str):
    total = connection.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (expression,)).fetchone()[0]
    best = connection.execute("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 20",
                              (expression,)).fetchall()
    return total, [row[0] for row in best]


def tantivy_search(index: tantivy.Index, query: tantivy.Query):
    result = index.searcher().search(query, 20, count=True)
    return result.count, [address for _score, address in result.hits]


def timed(function, runs: int) -> tuple[float, float]:
    function()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def engines(documents: int, runs: int, corpus: Path | None) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = corpus or Path(temporary) / "corpus"
        if corpus is None:
            generate(documents, folder)
        started = time.perf_counter()
        rows = analysed_rows(folder)
        analysis = time.perf_counter() - started
        characters = sum(len(w) for w, _s in rows)
        print(f"{len(list(folder.glob('*.txt')))} documents, {len(rows)} hits, {characters / 1e6:.1f} M characters; "
              f"analysis (fold + Snowball stems, both engines): {analysis:.2f} s\n")
        fts_time, connection = build_fts5(rows, Path(temporary) / "fts.sqlite")
        (Path(temporary) / "tantivy").mkdir()
        tantivy_time, index = build_tantivy(rows, Path(temporary) / "tantivy")
        print("| | FTS5 | tantivy | tantivy / FTS5 |\n|---|---:|---:|---:|")
        print(f"| index build | {fts_time:.2f} s | {tantivy_time:.2f} s | {tantivy_time / fts_time:.2f} |")
        ratios = []
        for text in QUERIES:
            query = engine.parse(text, lambda s: engine.compounds(connection, s))
            expression, compiled = fts5_expression(query.tree), engine.engine_query(index.schema, query.tree)
            fts_total, _ = fts5_search(connection, expression)
            tantivy_total, _ = tantivy_search(index, compiled)
            fts_median, fts_p95 = timed(lambda: fts5_search(connection, expression), runs)
            t_median, t_p95 = timed(lambda: tantivy_search(index, compiled), runs)
            ratios.append(t_median / fts_median)
            agree = "" if fts_total == tantivy_total else f" (hits {fts_total} vs {tantivy_total})"
            print(f"| `{text}`: {fts_total} hits{agree} | {fts_median * 1e3:.2f} ms (p95 {fts_p95 * 1e3:.2f}) | "
                  f"{t_median * 1e3:.2f} ms (p95 {t_p95 * 1e3:.2f}) | {t_median / fts_median:.3f} |")
        print(f"| queries, geometric mean of the ratios | | | {statistics.geometric_mean(ratios):.3f} |")


def pages(store: Path, runs: int) -> None:
    from serving import serving_process

    with serving_process(store) as url:
        print("\n| /search request | median | p95 |\n|---|---:|---:|")
        for path in PAGE_QUERIES:
            def fetch():
                urllib.request.urlopen(url + path, timeout=60).read()
            median, p95 = timed(fetch, runs)
            print(f"| `{path}` | {median * 1e3:.1f} ms | {p95 * 1e3:.1f} ms |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=None, help="a folder of documents instead of a generated one")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--store", type=Path, default=None, help="also time /search on a server of this store")
    parser.add_argument("--pages-only", action="store_true", help="with --store: only time /search")
    args = parser.parse_args()
    if not (args.pages_only and args.store):
        engines(args.documents, args.runs, args.corpus)
    if args.store:
        pages(args.store, args.runs)
