"""The embedded Oxigraph store: one named graph per document (bulk-loaded when new, replaced atomically when changed).

Layout of the dataset:
- ``<base>graph/<doc-id>``: everything one document says, with its provenance;
- ``<base>graph/entities``: shared descriptions of the things documents name (Kamerstukken,
  persons, motions), so that a union-graph query sees each description once;
- ``<base>graph/reference``: reference data (fracties), rewritten on every build.
The default graph of queries is the union of all named graphs.
"""
from __future__ import annotations

import datetime as dt
import gc
import json
import os
import re
import shutil
import urllib.parse
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .. import __version__
from .formats import RDF_FORMATS
from .iris import FOAF, KG, OWL, PROV, Minter

DEFAULT_LOCATION = "./data/store"
# Readers (the server, query, export) open the store's latest snapshot: a RocksDB checkpoint the
# build publishes when it has finished, which nothing ever writes again. Opening the store itself
# while a build writes it is undefined behaviour in RocksDB (half-loaded documents, files deleted
# under the reader). Older snapshots go once they are this old and not the last two.
SNAPSHOT_RETENTION_SECONDS = 600

class StoreError(Exception):
    """A store that cannot be opened or used; the message says why."""


def default_location() -> str:
    return os.environ.get("KAMERGRAAF_STORE") or DEFAULT_LOCATION


def is_remote(location: str) -> bool:
    return str(location).startswith(("http://", "https://"))


class KnowledgeStore:
    def __init__(self, location: str | Path | None = None, mint: Minter | None = None, read_only: bool = False):
        self.location = str(location or default_location())
        self.mint = mint or Minter()
        self.remote = is_remote(self.location)
        self.bulk_loaded = False
        if self.remote:
            from .remote import RemoteBackend

            self.store = RemoteBackend(self.location)
            return
        try:
            if read_only:
                if not Path(self.location).exists():
                    raise StoreError(f"no store at {self.location}: run 'kamergraaf build' first")
                self.store = ox.Store.read_only(snapshot_of(self.location))
            else:
                Path(self.location).parent.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(self.location)
        except OSError as error:
            raise StoreError(f"cannot open the store at {self.location}: {error}") from None

    # -- writing ---------------------------------------------------------------------------
    def document_hashes(self) -> dict[str, str]:
        """Document id (its graph's name) → SHA-256 of the text its graph was made from, for the
        graphs made by this software version."""
        prefix = str(self.mint.graph(""))
        agent = self.mint("software", "kamergraaf", __version__)
        rows = self.store.query(
            f"SELECT ?graph ?sha WHERE {{ GRAPH ?graph {{ ?graph <{PROV.wasGeneratedBy}> ?run . "
            f"?run <{PROV.wasAssociatedWith}> <{agent}> . ?doc <{KG.sha256}> ?sha }} }}")
        return {r["graph"].value[len(prefix):]: r["sha"].value for r in rows if r["graph"].value.startswith(prefix)}

    def document_ids(self) -> set[str]:
        """Ids of the documents whose graphs are complete (have their completion mark), made by
        any version of this software."""
        prefix = str(self.mint.graph(""))
        rows = self.store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g <{PROV.wasGeneratedBy}> ?run }} }}")
        return {r["g"].value[len(prefix):] for r in rows if r["g"].value.startswith(prefix)}

    def add_documents(self, documents: list[tuple[str, str, str]]) -> None:
        """Add new documents — (graph IRI, N-Triples of its graph, of its entity descriptions) — in
        one bulk load: several times faster than a transaction per document.

        A bulk load is not atomic, so each graph's completion mark (the graph's
        prov:wasGeneratedBy) is held back and committed in one transaction after the load: a graph
        without it is what an interrupted build left behind, and :meth:`drop_incomplete` removes it."""
        if self.remote:
            for graph_iri, document, entities in documents:
                self.replace_document(graph_iri, document, entities)  # one PUT per graph is atomic
            return
        entities_graph = str(self.mint.entities_graph)
        bulk, marks = [], []
        for graph_iri, document, entities in documents:
            body, mark = _split_mark(document, graph_iri)
            bulk += (_in_graph(body, graph_iri), _in_graph(entities, entities_graph))
            marks.append(_in_graph(mark, graph_iri))
        # lenient: skip re-checking IRIs — minted from slugged keys, and parsed strictly when validated
        self.store.bulk_load("".join(bulk).encode("utf-8"), format=ox.RdfFormat.N_QUADS, lenient=True)
        self.store.load("".join(marks).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        self.bulk_loaded = True

    def drop_incomplete(self) -> set[str]:
        """Remove document graphs without their completion mark (left by an interrupted build);
        the entities they described (to be refreshed, see :meth:`refresh_entities`)."""
        if self.remote:
            return set()
        prefix = str(self.mint.graph(""))
        marked = {prefix + doc_id for doc_id in self.document_ids()}
        shared = {str(self.mint.entities_graph), str(self.mint.reference_graph), str(self.derived_graph)}
        incomplete = [g.value for g in self.store.named_graphs()
                      if g.value.startswith(prefix) and g.value not in marked | shared]
        described = set()
        for graph in incomplete:
            described |= self.described_by(graph)
            self.store.remove_graph(ox.NamedNode(graph))
        return described

    def described_by(self, graph: str) -> set[str]:
        """The entities a document's graph says something about in the entities graph."""
        rows = list(self.query(f"SELECT ?d WHERE {{ GRAPH <{graph}> {{ <{graph}> <{KG.sharedDescriptions}> ?d }} }}"))
        if not rows:  # a graph made by an earlier version: every entity it refers to
            rows = self.query(f"SELECT DISTINCT ?e WHERE {{ GRAPH <{graph}> {{ ?x ?p ?e }} "
                              f"GRAPH <{self.mint.entities_graph}> {{ ?e ?q ?r }} }}")
            return {row["e"].value for row in rows if isinstance(row["e"], ox.NamedNode)}
        return {line[1 : line.index(">")] for row in rows for line in row["d"].value.split("\n") if line.startswith("<")}

    def refresh_entities(self, entities: set[str]) -> None:
        """Describe `entities` in the entities graph by exactly what the documents in the store
        say of them now: what a changed or removed document alone said goes (a clean build would
        not have it either), in one transaction."""
        if not entities or self.remote:
            return
        lines = []
        rows = self.query(f"SELECT ?d WHERE {{ GRAPH ?g {{ ?g <{KG.sharedDescriptions}> ?d }} }}")
        for row in rows:
            lines += [line for line in row["d"].value.split("\n")
                      if line.startswith("<") and line[1 : line.index(">")] in entities]
        values = " ".join(f"<{entity}>" for entity in sorted(entities))
        graph = self.mint.entities_graph
        self.store.update(f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ VALUES ?s {{ {values} }} GRAPH <{graph}> {{ ?s ?p ?o }} }} ;\n"
                          f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(dict.fromkeys(lines)) + "\n} }")

    def replace_document(self, graph_iri: str, document: str, entities: str) -> None:
        """Replace one document's graph and add its entity descriptions (N-Triples), atomically."""
        if self.remote:
            self.store.put_graph(graph_iri, document)
            self.store.post_graph(str(self.mint.entities_graph), entities)
            return
        self.store.update(
            f"DROP SILENT GRAPH <{graph_iri}> ;\n"
            f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{document}}}\nGRAPH <{self.mint.entities_graph}> {{\n{entities}}} }}")

    def remove_document(self, graph_iri: str) -> set[str]:
        """Drop one document's graph; the entities it described (to be refreshed, see
        :meth:`refresh_entities`)."""
        described = self.described_by(graph_iri)
        self.store.update(f"DROP SILENT GRAPH <{graph_iri}>")
        return described

    def replace_graph(self, iri: str, graph: Graph) -> None:
        if self.remote:
            self.store.put_graph(str(iri), _ntriples(graph))
            return
        self.store.update(f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{_ntriples(graph)}}} }}")

    def prune_entities(self) -> int:
        """Remove entity descriptions that no document (or remaining entity) refers to or describes."""
        entities = self.mint.entities_graph

        def count() -> int:  # only the entities graph changes: counting it, not the whole store, is quick
            return int(next(iter(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{entities}> {{ ?s ?p ?o }} }}")))["n"].value)

        removed_total = 0
        for _ in range(5):
            before = count()
            self.store.update(
                # The derived graph (statuses) is recomputed from what stays: it keeps nothing alive.
                f"DELETE {{ GRAPH <{entities}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{entities}> {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?y ?s }} FILTER (?x != ?s && ?g != <{self.derived_graph}>) }} "
                f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?q ?z }} FILTER (?h != <{entities}> && ?h != <{self.derived_graph}>) }} }}"
            )
            removed = before - count()
            removed_total += removed
            if not removed:
                break
        return removed_total

    def close(self) -> None:
        """Release the store (and its lock on disk) now rather than at garbage collection."""
        self.store = None
        gc.collect()

    def __enter__(self) -> "KnowledgeStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def derived_graph(self):
        return self.mint("graph", "derived")

    def derive(self) -> None:
        """Recompute what follows from all documents together into the derived graph, in one
        transaction: motions linked across documents, and the status of each commitment. Both are
        functions of the documents in the store, never of the order they came in."""
        from .derive import STATUS

        links, aliases = self.motion_links()
        retractions, retracted = self.retractions()
        seats, official = self.member_seats()
        data = links + retractions + self.motion_fates(aliases, retracted) + self.register_links() + seats + self.labels(official)
        # STATUS reads the union, the old derived graph included: harmless, as the derived graph
        # holds statuses (which STATUS does not read) and links to motions (which are no commitments).
        data += ox.serialize(self.query(STATUS), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        if self.remote:
            self.store.put_graph(str(self.derived_graph), data)
            return
        self.store.update(f"DROP SILENT GRAPH <{self.derived_graph}> ;\n"
                          f"INSERT DATA {{ GRAPH <{self.derived_graph}> {{\n{data}}} }}")

    def member_seats(self) -> tuple[str, dict[str, str]]:
        """The members data's word on each person (extract/members.py): on a date the person acts
        (a motion of theirs is dated or mentioned, they sign or vote), the seat of the one member of
        that name then — N-Triples of kg:memberOf and a kg:Membership derived from its record; and
        the members data's spelling of the names it knows (person IRI → name)."""
        from ..extract.members import seat_on

        dcterms = "http://purl.org/dc/terms/"
        rows = self.query(
            f"SELECT DISTINCT ?p ?f ?d WHERE {{ ?p a <{KG.Person}> ; <{FOAF.familyName}> ?f . "
            f"{{ ?m <{KG.sponsor}> ?p ; <{dcterms}date> ?d }} UNION "
            f"{{ ?m <{KG.sponsor}> ?p . ?part <{KG.mentions}> ?m ; <{dcterms}isPartOf>/<{dcterms}date> ?d }} UNION "
            f"{{ ?s <{KG.signer}> ?p . ?doc <{KG.signature}> ?s ; <{dcterms}date> ?d }} UNION "
            f"{{ ?v <{KG.voter}> ?p . ?e <{KG.vote}> ?v ; <{dcterms}date> ?d }} }}")
        lines, official = set(), {}
        for row in rows:
            try:
                seat = seat_on(row["f"].value, dt.date.fromisoformat(row["d"].value))
            except ValueError:
                continue
            if seat is None:
                continue
            person, fractie = row["p"].value, str(self.mint.fractie(seat.fractie))
            membership = f"{person}/zetel/{seat.record.rstrip(')').rsplit('(', 1)[-1]}"
            official[person] = seat.family_name
            lines |= {f"<{person}> <{KG.memberOf}> <{fractie}> .\n", f"<{membership}> a <{KG.Membership}> .\n",
                      f"<{membership}> <http://www.w3.org/ns/org#member> <{person}> .\n",
                      f"<{membership}> <http://www.w3.org/ns/org#organization> <{fractie}> .\n",
                      f"<{membership}> <{PROV.wasDerivedFrom}> <{seat.record}> .\n"}
            for prop, day in ((KG.memberFrom, seat.start), (KG.memberUntil, seat.until)):
                if day:
                    lines.add(f'<{membership}> <{prop}> "{day.isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date> .\n')
        return "".join(sorted(lines)), official

    def labels(self, official: dict[str, str] | None = None) -> str:
        """N-Triples of the one label of each person and each motion (graph.derive): a person's
        spellings counted over the documents that print them (the members data's, `official`,
        first), a motion's sponsors over all."""
        from .derive import label_triples, person_labels

        family = f"<{FOAF.familyName}>"
        spellings: dict[str, dict[str, int]] = {}
        for row in self.query(f"SELECT DISTINCT ?p ?f WHERE {{ ?p a <{KG.Person}> ; {family} ?f }}"):
            spellings.setdefault(row["p"].value, {})[row["f"].value] = 0
        for row in self.query(f"SELECT ?d WHERE {{ GRAPH ?g {{ ?g <{KG.sharedDescriptions}> ?d }} }}"):
            for line in row["d"].value.split("\n"):
                if family in line:
                    person, spelling = line[1 : line.index(">")], json.loads(line[line.index('"') : line.rindex('"') + 1])
                    if spelling in spellings.get(person, {}):
                        spellings[person][spelling] += 1
        motions: dict[str, tuple[list[str], set[str], str | None]] = {}
        for row in self.query(f"SELECT ?m ?id ?zaak WHERE {{ ?m a <{KG.Motion}> OPTIONAL {{ ?m <{KG.kamerstuk}>/<{KG.identifier}> ?id }} "
                              f"OPTIONAL {{ ?m <{KG.zaakNummer}> ?zaak }} }}"):
            number = row["id"] or row["zaak"]
            motions.setdefault(row["m"].value, ([], set(), number.value if number else None))
        for row in self.query(f"SELECT DISTINCT ?m ?p WHERE {{ ?m <{KG.sponsor}> ?p }}"):
            if row["m"].value in motions:
                motions[row["m"].value][0].append(row["p"].value)
        for row in self.query(f"SELECT DISTINCT ?m ?p WHERE {{ ?m <{KG.firstSponsor}> ?p }}"):
            if row["m"].value in motions:
                motions[row["m"].value][1].add(row["p"].value)
        return label_triples(person_labels(spellings, official), motions)

    def motion_index(self) -> dict[str, set[str]]:
        """Sponsor key → Kamerstuk ids of the numbered motions in the store."""
        from ..extract.names import family_key

        rows = self.query(
            f"SELECT ?motion ?id ?name WHERE {{ ?motion a <{KG.Motion}> ; <{KG.kamerstuk}>/<{KG.identifier}> ?id ; "
            f"<{KG.sponsor}>/<http://xmlns.com/foaf/0.1/familyName> ?name }}"
        )
        sponsors: dict[tuple[str, str], set[str]] = {}
        for row in rows:
            sponsors.setdefault((row["motion"].value, row["id"].value), set()).add(family_key(row["name"].value))
        index: dict[str, set[str]] = {}
        for (_motion, identifier), keys in sponsors.items():
            index.setdefault("+".join(sorted(keys)), set()).add(identifier)
        return index

    def motion_links(self) -> str:
        """A motion a document knows only by its sponsors ("de motie-Eerdmans") is the numbered
        motion with the same sponsors, when the store knows exactly one: N-Triples saying so
        (owl:sameAs) and repeating every statement pointing at the first (but a mention's kg:about) at the second, so that a claim
        on "de motie-Eerdmans" is found on motion 36200-VI-23. The documents' own graphs keep what
        they say; these links are rebuilt from the whole store each time (an added motion with the
        same sponsors makes the link ambiguous, and it goes)."""
        index = self.motion_index()
        prefix = str(self.mint.motion("s-"))
        derived = self.derived_graph
        rows = self.query(f"SELECT DISTINCT ?m WHERE {{ GRAPH ?g {{ ?m a <{KG.Motion}> }} "
                          f"FILTER (?g != <{derived}> && STRSTARTS(STR(?m), \"{prefix}\")) }}")
        aliases = {}
        for row in rows:
            numbers = index.get(row["m"].value[len(prefix):], set())
            if len(numbers) == 1:
                aliases[row["m"].value] = str(self.mint.motion(next(iter(numbers))))
        # a motion the open data know only by its zaak ("2025Z09893"), once a record gives its number
        by_zaak: dict[str, set[str]] = {}
        for row in self.query(f"SELECT DISTINCT ?z ?id WHERE {{ GRAPH ?g {{ ?m <{KG.zaakNummer}> ?z ; "
                              f"<{KG.kamerstuk}>/<{KG.identifier}> ?id }} FILTER (?g != <{derived}>) }}"):
            by_zaak.setdefault(row["z"].value, set()).add(row["id"].value)
        for zaak, numbers in by_zaak.items():
            alias = str(self.mint.motion(f"zaak-{zaak}"))
            if len(numbers) == 1 and bool(self.query(f"ASK {{ <{alias}> a <{KG.Motion}> }}")):
                aliases[alias] = str(self.mint.motion(next(iter(numbers))))
        if not aliases:
            return "", aliases
        values = " ".join(f"<{alias}>" for alias in sorted(aliases))
        # (not a mention's kg:about: a mention is about one name as written; follow owl:sameAs)
        incoming = self.query(f"SELECT DISTINCT ?x ?p ?alias WHERE {{ VALUES ?alias {{ {values} }} "
                              f"GRAPH ?g {{ ?x ?p ?alias }} FILTER (?g != <{derived}> && ?p != <{KG.about}>) }}")
        lines = [f"<{alias}> <{OWL.sameAs}> <{motion}> .\n" for alias, motion in sorted(aliases.items())]
        lines += sorted(f"{row['x']} {row['p']} <{aliases[row['alias'].value]}> .\n" for row in incoming)
        return "".join(lines), aliases

    def register_links(self) -> str:
        """N-Triples linking each toezegging found in a document to the register's toezegging it is
        (kg:inRegister): the same wording (half their words shared, the rarer ones counting) and a
        date near it (60 days) when both are known. A link needs one best match."""
        derived = self.derived_graph
        register = [(r["c"].value, r["t"].value, r["d"].value if r["d"] else "") for r in self.query(
            f"SELECT ?c ?t ?d WHERE {{ GRAPH ?g {{ ?c <{KG.registerNumber}> ?n ; <{KG.text}> ?t OPTIONAL {{ ?c <http://purl.org/dc/terms/date> ?d }} }} "
            f"FILTER (?g != <{derived}>) }}")]
        if not register:
            return ""
        found = [(r["c"].value, r["t"].value, r["d"].value if r["d"] else "") for r in self.query(
            f"SELECT ?c ?t ?d WHERE {{ GRAPH ?g {{ ?c <{KG.commitmentType}> <{KG.Toezegging}> ; <{KG.statedIn}> ?part ; <{KG.text}> ?t }} "
            f"FILTER (?g != <{derived}>) OPTIONAL {{ ?part <http://purl.org/dc/terms/isPartOf>/<http://purl.org/dc/terms/date> ?d }} }}")]
        words = {iri: _words(text) for iri, text, _ in register}
        index: dict[str, set[str]] = {}
        for iri, vocabulary in words.items():
            for word in vocabulary:
                index.setdefault(word, set()).add(iri)
        dates = {iri: date for iri, _, date in register}
        lines = []
        for iri, text, date in found:
            own = _words(text)
            candidates = {c for word in own for c in index.get(word, ())}
            scored = []
            for candidate in candidates:
                shared = own & words[candidate]
                overlap = len(shared) / max(1, min(len(own), len(words[candidate])))
                near = not (date and dates[candidate]) or abs((dt.date.fromisoformat(date) - dt.date.fromisoformat(dates[candidate])).days) <= 60
                if overlap >= 0.5 and near:
                    scored.append((overlap, candidate))
            if scored:
                best = max(scored)
                if sum(1 for score, _ in scored if score == best[0]) == 1:
                    lines.append(f"<{iri}> <{KG.inRegister}> <{best[1]}> .\n")
        return "".join(sorted(lines))

    def retractions(self) -> tuple[str, set[str]]:
        """What a later open-data page deleted (a tombstone: ``Verwijderd``): every fact imported from
        that record is marked kg:retracted in the derived graph, and nothing derived counts it. The
        files keep what they said; which came first does not matter."""
        derived = self.derived_graph
        ids = {r["id"].value for r in self.query(f"SELECT DISTINCT ?id WHERE {{ GRAPH ?g {{ ?f <{KG.retractsRecord}> ?id }} "
                                                 f"FILTER (?g != <{derived}>) }}")}
        if not ids:
            return "", set()
        retracted = set()
        for row in self.query(f"SELECT DISTINCT ?s ?r WHERE {{ GRAPH ?g {{ ?s <{PROV.wasDerivedFrom}> ?r }} "
                              f"FILTER (?g != <{derived}> && STRSTARTS(STR(?r), \"https://gegevensmagazijn.tweedekamer.nl/\")) }}"):
            record = row["r"].value
            if "(" in record and record.rstrip(")").rsplit("(", 1)[-1] in {urllib.parse.quote(i, safe="") for i in ids}:
                retracted.add(row["s"].value)
        lines = [f'<{s}> <{KG.retracted}> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n' for s in sorted(retracted)]
        return "".join(lines), retracted

    def motion_fates(self, aliases: dict[str, str], retracted: set[str] = frozenset()) -> str:
        """N-Triples of what became of each motion voted on: its latest decision (kg:outcome), the
        date it was adopted, and for an adopted motion the execution status the claims give:
        claimed fulfilled, in line with only, or no claim yet (`aliases`: motions known by their
        sponsors → the numbered motion, from :meth:`motion_links`)."""
        derived = self.derived_graph
        decisions: dict[str, list[tuple[str, int, str]]] = {}
        for row in self.query(f"SELECT ?e ?m ?o ?d WHERE {{ GRAPH ?g {{ ?e a <{KG.VoteEvent}> ; <{KG.onMotion}> ?m ; <{KG.outcome}> ?o "
                              f"OPTIONAL {{ ?e <http://purl.org/dc/terms/date> ?d }} }} FILTER (?g != <{derived}>) }}"):
            if row["e"].value in retracted:
                continue
            outcome = row["o"].value
            # undated decisions: a motion is held over before it is voted on or withdrawn
            decisions.setdefault(aliases.get(row["m"].value, row["m"].value), []).append(
                (row["d"].value if row["d"] else "", 0 if outcome == str(KG.Aangehouden) else 1, outcome))
        claims: dict[str, set[str]] = {}
        for row in self.query(f"SELECT ?m ?t ?when WHERE {{ GRAPH ?g {{ ?c <{KG.target}> ?m ; <{KG.claimType}> ?t ; "
                              f"<{KG.claimedIn}> ?part }} FILTER (?g != <{derived}>) "
                              f"OPTIONAL {{ ?part <http://purl.org/dc/terms/isPartOf>/<http://purl.org/dc/terms/date> ?when }} }}"):
            claims.setdefault(aliases.get(row["m"].value, row["m"].value), set()).add(
                (row["t"].value, row["when"].value if row["when"] else ""))
        lines = []
        for motion, found in sorted(decisions.items()):
            date, _rank, outcome = max(found)
            lines.append(f"<{motion}> <{KG.outcome}> <{outcome}> .\n")
            if outcome != str(KG.Aangenomen):
                continue
            if date:
                lines.append(f'<{motion}> <{KG.adoptedOn}> "{date}"^^<http://www.w3.org/2001/XMLSchema#date> .\n')
            # a claim dated before the adoption is about something else
            kinds = {kind for kind, when in claims.get(motion, ()) if not (date and when and when < date)}
            status = (KG.ClaimedFulfilled if str(KG.Fulfils) in kinds else KG.InLineWithOnly if kinds else KG.NoClaimYet)
            lines.append(f"<{motion}> <{KG.executionStatus}> <{status}> .\n")
        return "".join(lines)

    def flush(self) -> None:
        if self.location != ":memory:":
            if self.bulk_loaded:
                # Bulk loads leave many small files behind; compacting them keeps queries fast.
                self.store.optimize()
                self.bulk_loaded = False
            self.store.flush()

    def holds(self, path: str | Path) -> bool:
        """Whether `path` is one of the store's own files (or its snapshots', or its search index's)."""
        from .search import index_path

        if self.remote or self.location == ":memory:":
            return False
        try:
            resolved = Path(path).resolve()
        except (OSError, RuntimeError):  # a link that loops: not ours (it is refused as such)
            return False
        return any(resolved.is_relative_to(Path(folder).resolve())
                   for folder in (self.location, snapshots_folder(self.location), index_path(self.location)))

    def publish_snapshot(self) -> None:
        """Make what the store holds now the readers' view: a checkpoint (hard links, so cheap),
        named in ``<store>.snapshots/CURRENT`` by an atomic rename."""
        if self.remote or self.location == ":memory:":
            return
        folder = snapshots_folder(self.location)
        folder.mkdir(exist_ok=True)
        name = f"{time.time_ns()}"
        self.store.backup(str(folder / name))
        pointer = folder / "CURRENT.new"
        pointer.write_text(name + "\n", encoding="utf-8")
        os.replace(pointer, folder / "CURRENT")
        kept = sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: p.name)[-2:]
        for old in folder.iterdir():
            if old.is_dir() and old not in kept and time.time() - old.stat().st_mtime > SNAPSHOT_RETENTION_SECONDS:
                shutil.rmtree(old, ignore_errors=True)

    def open_for_queries(self):
        """A separate read-only handle on the same store (for query worker processes)."""
        return open_for_queries(self.location)

    # -- reading ---------------------------------------------------------------------------
    def query(self, sparql: str, **options):
        options.setdefault("use_default_graph_as_union", True)
        return self.store.query(sparql, **options)

    def documents(self) -> list[dict]:
        rows = self.query(
            f"SELECT ?doc ?file ?graph WHERE {{ GRAPH ?graph {{ ?doc a <{KG.Document}> ; <{KG.sourceFile}> ?file }} }}"
            " ORDER BY ?file"
        )
        return [{"iri": r["doc"].value, "file": r["file"].value, "graph": r["graph"].value} for r in rows]

    def dump(self, fmt: str) -> bytes:
        """The whole dataset as N-Quads or TriG; as Turtle / JSON-LD: the union of all graphs."""
        rdf_format = RDF_FORMATS[fmt].oxigraph
        if fmt in ("nquads", "trig"):
            return self.store.dump(format=rdf_format)
        triples = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        return ox.serialize(triples, format=rdf_format)

    def dump_graph(self, graph: str) -> str:
        """One named graph as N-Triples."""
        triples = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")

    def union_graph(self) -> Graph:
        """All triples of all graphs as one rdflib Graph (for SHACL validation)."""
        graph = Graph()
        graph.parse(data=self.dump("ntriples").decode("utf-8"), format="nt")
        return graph

    def __len__(self) -> int:
        return len(self.store)


STOPWORDS = {"zijn", "wordt", "worden", "deze", "over", "voor", "naar", "door", "zegt", "toe", "kamer", "brief", "minister",
             "staatssecretaris", "informeren", "zal", "zullen", "heeft", "hebben", "worden", "daarover", "welke", "onder"}


def _words(text: str) -> set[str]:
    """The words of a commitment that say what it is about (four letters or more, no function words)."""
    return {w for w in re.findall(r"[a-zà-ÿ]{4,}", text.lower()) if w not in STOPWORDS}


def open_for_queries(location: str, snapshot: bool = True):
    """A read-only handle: on the latest snapshot, or on the store itself (`snapshot=False`, for a
    server that writes the store itself through SPARQL Update)."""
    if is_remote(location):
        from .remote import RemoteBackend

        return RemoteBackend(location)
    return ox.Store.read_only(snapshot_of(location) if snapshot else location)


def snapshots_folder(location: str) -> Path:
    return Path(f"{Path(location)}.snapshots")


def snapshot_of(location: str) -> str:
    """The latest published snapshot of the store at `location`, or the store itself if there is
    none (a store built by an earlier version)."""
    try:
        name = (snapshots_folder(location) / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError:
        return str(location)
    path = snapshots_folder(location) / name
    return str(path) if name and path.is_dir() else str(location)


def snapshot_stamp(location: str) -> int:
    """Changes when a build publishes a snapshot (or, without snapshots, when the store changes)."""
    pointer = snapshots_folder(location) / "CURRENT"
    try:
        return pointer.stat().st_mtime_ns
    except OSError:
        return os.stat(location).st_mtime_ns


def _in_graph(ntriples: str, graph: str) -> str:
    """N-Triples as N-Quads in `graph`. Every line ends in " .\n" and no literal holds a raw line
    break (N-Triples escapes it), so one replace does it."""
    return ntriples.replace(" .\n", f" <{graph}> .\n")


def _split_mark(document: str, graph_iri: str) -> tuple[str, str]:
    """A document's N-Triples without, and with only, its completion mark (one line). Searched
    for at the start of a line: a literal may quote the same text, but never a raw line break."""
    mark = f"<{graph_iri}> <{PROV.wasGeneratedBy}> "
    start = 0 if document.startswith(mark) else document.find("\n" + mark) + 1
    if start == 0 and not document.startswith(mark):
        return document, ""
    end = document.index("\n", start) + 1
    return document[:start] + document[end:], document[start:end]


def _ntriples(graph: Graph) -> str:
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
