"""The graph in the embedded store: contents, provenance, evidence, idempotent re-ingest."""

import pyoxigraph as ox
import pytest

from kamergraaf.extract.readers import read_document
from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.iris import Minter
from kamergraaf.graph.store import KnowledgeStore

from .conftest import FORMATS, SEEDS

KG = "https://w3id.org/kamergraaf/def#"
PREFIX = f"PREFIX kg: <{KG}> PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX dcterms: <http://purl.org/dc/terms/> "


def select(store, query):
    result = store.query(PREFIX + query)
    names = [v.value for v in result.variables]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]


def test_answers_of_all_seeds_are_in_the_store(seeded_store):
    [row] = select(seeded_store, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Answer ; dcterms:isPartOf ?d . "
                                 "?d kg:sourceFile ?f FILTER(STRSTARTS(?f, '00')) }")
    assert int(row["n"]) == 38 + 58 + 53


def test_every_selector_quotes_the_source_file_exactly(seeded_store):
    found = select(seeded_store, "SELECT ?file ?exact ?start ?end WHERE { ?x kg:evidence ?e . "
                                 "?e oa:exact ?exact ; oa:start ?start ; oa:end ?end ; dcterms:source ?d . ?d kg:sourceFile ?file }")
    [total] = select(seeded_store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?x kg:evidence ?e }")
    assert len(found) == int(total["n"]) > 400  # every selector is complete
    texts = {}
    for row in found:
        name = row["file"]
        if name not in texts:
            path = SEEDS / name if (SEEDS / name).exists() else FORMATS / name
            texts[name] = read_document(path).source  # for .docx: the text extracted from it
        assert texts[name][int(row["start"]):int(row["end"])] == row["exact"], row
    assert {"000_a18c50dab0394b4b.txt", "kst-36278-32_motie-Rikkers-Oosterkamp.docx"} <= set(texts)


def test_document_graph_records_provenance(seeded_store):
    [row] = select(seeded_store, "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?time ?agent WHERE { "
                                 "GRAPH ?g { ?g prov:wasGeneratedBy ?run . ?run prov:startedAtTime ?time ; "
                                 "prov:wasAssociatedWith ?agent . ?d kg:sourceFile '002_4df700ba5a49d8e6.txt' } }")
    assert row["agent"].endswith("/software/kamergraaf/0.1.0") and row["time"][:4] >= "2026"


def test_question_links_and_fracties(seeded_store):
    found = select(seeded_store, "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                                 "SELECT ?label (COUNT(?q) AS ?n) WHERE { ?q a kg:Question ; kg:askedBy ?f . "
                                 "?f skos:prefLabel ?label . ?a kg:answers ?q } GROUP BY ?label")
    counts = {r["label"]: int(r["n"]) for r in found}
    assert counts["PvdA"] == counts["GroenLinks"] == 5  # the joint questions of seed 000
    assert counts["GroenLinks-PvdA"] == 6 + 10


def test_own_kamerstuk_and_motion_document(seeded_store):
    found = select(seeded_store, "SELECT ?f ?id WHERE { ?d kg:sourceFile ?f ; kg:isKamerstuk ?k . ?k kg:identifier ?id }")
    ids = {r["f"]: r["id"] for r in found}
    assert ids["000_a18c50dab0394b4b.txt"] == "32317-789"
    assert "001_3119cb9fa06b7852.txt" not in ids
    [motion] = select(seeded_store, "PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?m ?name ?dictum WHERE { "
                                    "?m a kg:Motion ; kg:kamerstuk/kg:identifier '36278-32' ; kg:sponsor/foaf:familyName ?name ; "
                                    "kg:dictum ?dictum }  LIMIT 1")
    assert motion["m"].endswith("/motie/36278-32") and motion["name"] == "Rikkers-Oosterkamp"
    # The .txt and .docx of the same motion are two documents describing one motion node.
    [row] = select(seeded_store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?m kg:describedBy ?d FILTER(STRENDS(STR(?m), '/motie/36278-32')) }")
    assert int(row["n"]) == 2


def test_union_sees_each_shared_description_once(seeded_store):
    found = select(seeded_store, "SELECT ?id WHERE { ?k a kg:Kamerstuk ; kg:identifier ?id }")
    ids = [r["id"] for r in found]
    assert len(ids) == len(set(ids))


def test_reingest_of_unchanged_documents_changes_nothing(tmp_path):
    store = KnowledgeStore(tmp_path / "store")
    ingest(store, [SEEDS])
    before = store.dump("nquads")
    results = ingest(store, [SEEDS])
    assert {r.status for r in results} == {"unchanged"}
    assert store.dump("nquads") == before


def test_forced_reingest_replaces_the_graph_without_leftovers(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    path = docs / "brief.txt"
    path.write_text("Den Haag, 1 mei 2024\n\nKamerstuk 32 317, nr. 1 en\n\nDe Staatssecretaris van Justitie en Veiligheid,\nE. van der Burg\n", encoding="utf-8")
    store = KnowledgeStore(tmp_path / "store")
    ingest(store, [docs])
    first = len(store)
    path.write_text("Den Haag, 2 mei 2024\n\nEen korte brief.\n", encoding="utf-8")
    [result] = ingest(store, [docs])
    assert result.status == "replaced"
    dates = select(store, "SELECT ?date WHERE { ?d kg:sourceFile 'brief.txt' ; dcterms:date ?date }")
    assert [r["date"] for r in dates] == ["2024-05-02"]
    # The signer of the first version is no longer described by anything.
    assert not select(store, "SELECT ?p WHERE { ?p a kg:Person }")
    assert len(store) < first


def test_configurable_instance_base(tmp_path):
    store = KnowledgeStore(tmp_path / "store", mint=Minter("http://example.org/kg/"))
    ingest(store, [FORMATS / "kst-32545-143.xml"])
    docs = select(store, "SELECT ?d WHERE { ?d a kg:Document }")
    assert docs[0]["d"] == "http://example.org/kg/doc/kst-32545-143.xml"


def test_graph_left_incomplete_by_an_interrupted_build_is_rebuilt(tmp_path):
    """New documents are bulk-loaded (not atomic); their completion mark is committed after the load.
    A graph without it is removed by the next build and written again in full."""
    clean = KnowledgeStore(tmp_path / "clean")
    ingest(clean, [SEEDS / "002_4df700ba5a49d8e6.txt"])
    expected = select(clean, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")

    store = KnowledgeStore(tmp_path / "store")
    graph = Minter().graph("002_4df700ba5a49d8e6")
    # What a build interrupted during the bulk load leaves: part of the graph, no completion mark.
    partial = [f"<{graph}> <{KG}sourceFile> \"002_4df700ba5a49d8e6.txt\" <{graph}> .\n",
               f"<urn:stale> <{KG}text> \"half written\" <{graph}> .\n"]
    store.store.load("".join(partial).encode(), format=ox.RdfFormat.N_QUADS)
    [result] = ingest(store, [SEEDS / "002_4df700ba5a49d8e6.txt"])
    assert result.status == "added"
    assert not select(store, "SELECT ?o WHERE { <urn:stale> ?p ?o }")
    assert select(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == expected


def test_a_failed_write_stops_the_build_with_its_error(tmp_path):
    """Writes run on the writer thread; a failure there reaches the caller, and later writes are not made."""
    from kamergraaf.graph.ingest import Writer

    store = KnowledgeStore(tmp_path / "store")
    written = []

    def fail():
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        with Writer() as writer:
            writer.submit(written.append, 1)
            writer.submit(fail)
            writer.submit(written.append, 2)
    assert written == [1]


def test_drop_incomplete_keeps_the_shared_and_derived_graphs(seeded_store):
    statuses = select(seeded_store, "SELECT (COUNT(*) AS ?n) WHERE { ?c kg:status ?s }")
    assert seeded_store.drop_incomplete() == set()
    assert select(seeded_store, "SELECT (COUNT(*) AS ?n) WHERE { ?c kg:status ?s }") == statuses


def test_a_document_quoting_its_own_completion_mark_is_written_whole(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    path = docs / "quote.txt"
    path.write_text("Den Haag, 1 mei 2024\n\nPlaceholder.\n", encoding="utf-8")
    graph = Minter().graph(read_document(path).identifier)
    quoted = f"<{graph}> <http://www.w3.org/ns/prov#wasGeneratedBy> <urn:x> ."
    path.write_text(f"Den Haag, 1 mei 2024\n\nDe regel {quoted} staat in deze brief.\n", encoding="utf-8")
    store = KnowledgeStore(tmp_path / "store")
    [result] = ingest(store, [docs])
    assert result.status == "added"
    runs = select(store, f"SELECT ?run WHERE {{ GRAPH <{graph}> {{ <{graph}> <http://www.w3.org/ns/prov#wasGeneratedBy> ?run }} }}")
    assert len(runs) == 1 and runs[0]["run"] != "urn:x"
    [text] = select(store, "SELECT ?t WHERE { ?d kg:sourceFile 'quote.txt' ; kg:sourceText ?t }")
    assert quoted in text["t"]


def test_a_graph_made_by_another_version_is_replaced_not_added_to(tmp_path):
    store = KnowledgeStore(tmp_path / "store")
    seed = SEEDS / "002_4df700ba5a49d8e6.txt"
    ingest(store, [seed])
    before = len(store)
    # Make the stored graph look as if an older version of kamergraaf had made it.
    store.store.update("PREFIX prov: <http://www.w3.org/ns/prov#> DELETE { GRAPH ?g { ?run prov:wasAssociatedWith ?a } } "
                       "INSERT { GRAPH ?g { ?run prov:wasAssociatedWith <urn:kamergraaf:0.0.1> } } "
                       "WHERE { GRAPH ?g { ?run prov:wasAssociatedWith ?a } }")
    [result] = ingest(store, [seed])
    assert result.status == "replaced"
    assert len(store) == before
    assert not select(store, "SELECT ?run WHERE { ?run <http://www.w3.org/ns/prov#wasAssociatedWith> <urn:kamergraaf:0.0.1> }")


def test_different_file_names_are_different_documents(tmp_path):
    """'a b.txt' and 'a-b.txt', 'é.txt' and 'ü.txt': each its own document, in one build or two."""
    from kamergraaf.extract.document import identifier_of

    names = ["a b.txt", "a-b.txt", "é.txt", "ü.txt", "a~20b.txt"]
    assert len({identifier_of(n) for n in names}) == len(names)
    store = KnowledgeStore(tmp_path / "store")
    for folder, name in enumerate(names):
        docs = tmp_path / f"col{folder}"
        docs.mkdir()
        (docs / name).write_text(f"Den Haag, {folder + 1} mei 2024\n\nIk zal uw Kamer informeren over {name}.\n", encoding="utf-8")
        [result] = ingest(store, [docs])
        assert result.status == "added", (name, result)
    files = select(store, "SELECT ?f WHERE { ?d kg:sourceFile ?f }")
    assert sorted(r["f"] for r in files) == sorted(names)


def test_a_document_cut_short_leaves_no_stale_facts(tmp_path):
    """Cutting a file and rebuilding gives what a clean build of the cut file gives."""
    full = ("Den Haag, 1 mei 2024\n\nIk zal uw Kamer voor de zomer informeren over de opvang.\n\n"
            "Hiermee voldoe ik aan de toezegging die ik in het debat heb gedaan.\n")
    cut = full.split("\n\nHiermee")[0] + "\n"
    docs, clean_docs = tmp_path / "docs", tmp_path / "clean"
    docs.mkdir()
    clean_docs.mkdir()
    (docs / "brief.txt").write_text(full, encoding="utf-8")
    store = KnowledgeStore(tmp_path / "store")
    ingest(store, [docs])
    (docs / "brief.txt").write_text(cut, encoding="utf-8")
    ingest(store, [docs])
    (clean_docs / "brief.txt").write_text(cut, encoding="utf-8")
    clean = KnowledgeStore(tmp_path / "clean-store")
    ingest(clean, [clean_docs])
    everything = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?p != <http://www.w3.org/ns/prov#startedAtTime>) }"
    assert {tuple(r.values()) for r in select(store, everything)} == {tuple(r.values()) for r in select(clean, everything)}
