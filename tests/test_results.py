"""The endpoint's own result writers (they write the capped rows) say what Oxigraph's would."""
import pyoxigraph as ox
import pytest

from kamergraaf.server.results import write_solutions

DATA = """
<urn:a> <urn:p> "plain" , "taal"@nl , "7"^^<http://www.w3.org/2001/XMLSchema#integer> , _:b , <urn:c> .
<urn:c> <urn:p> "tab\\there \\"quoted\\" and\\nnewline" .
"""
QUERY = "SELECT ?s ?o ?missing WHERE { ?s <urn:p> ?o OPTIONAL { ?s <urn:none> ?missing } } ORDER BY ?s ?o"
FORMATS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "text/tab-separated-values": ox.QueryResultsFormat.TSV}


@pytest.fixture(scope="module")
def store():
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.TURTLE)
    return store


def _solutions(body: bytes, result_format) -> list[tuple]:
    parsed = ox.parse_query_results(body, format=result_format)
    return [tuple(row) for row in parsed]


@pytest.mark.parametrize("media_type", sorted(FORMATS))
def test_writer_agrees_with_oxigraph(store, media_type):
    result = store.query(QUERY)
    variables = [v.value for v in result.variables]
    rows = list(result)
    ours = write_solutions(variables, rows, media_type).body
    theirs = store.query(QUERY).serialize(format=FORMATS[media_type])
    assert _solutions(ours, FORMATS[media_type]) == _solutions(theirs, FORMATS[media_type])
    assert len(rows) == 6
