"""Full-text search over every document's text and every fact, in an index beside the store
(``<store>.search/``): the hits in tantivy (chosen by measurement over SQLite FTS5: docs/search.md,
BENCHMARKS.md), the index's own records — fingerprints, fracties, the compound vocabulary — in SQLite.

Dutch-aware by analysing text in Python the same way for the index and for queries: words are
folded (lower case, diacritics dropped: "financiële" = "financiele") and stemmed with the Snowball
Dutch stemmer (PyStemmer). Three fields are indexed: the folded words (for prefixes, ``migra*``),
their stems (plain words and phrases) and the labels of what a fact is about. For compounds a
trigram index (SQLite's trigram tokenizer) over the stems in the index finds the stems that contain
a query's stem: "aanvraag" also matches "asielaanvraag".

Kept in step by :func:`update` at the end of every build: documents whose fingerprint (text
hash, label, the motions they name with their sponsors' fracties) changed are replaced, those
gone are dropped, in one commit, so readers see the index before or after, never half.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import shutil
import sqlite3
import unicodedata
import urllib.parse
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import Stemmer
import tantivy

SCHEMA_VERSION = 3  # a different version in an index on disk: it is rebuilt from the store
PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_OFFSET = 10_000  # hits before a page
WRITER_HEAP = 100_000_000  # bytes tantivy's writer buffers before it writes a segment
MAX_EXPANSIONS = 100  # compound stems a query word may stand for
MAX_QUERY, MAX_TERMS, MAX_DEPTH = 1000, 50, 10  # characters, words and phrases, nested parentheses
CHUNK = 800  # characters a text hit holds, about; paragraphs are packed up to it
SNIPPET_BEFORE, SNIPPET_AFTER = 90, 200  # characters of context around the first match
WORD = re.compile(r"[^\W_]+")
NOISE = re.compile(r"<sup>\s*\d+\s*</sup>|\*\*")  # footnote markers and bold marks: not shown in snippets
P = ("PREFIX kg: <https://w3id.org/kamergraaf/def#> PREFIX dcterms: <http://purl.org/dc/terms/> "
     "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
# What a hit is: the document's text, or one of the facts found in it.
WHAT = {"text": "text", "question": "question", "answer": "answer", "commitment": "commitment",
        "claim": "fulfilment claim", "motion": "motion", "kamerstuk": "cited Kamerstuk", "eu": "cited EU instrument"}
FACT_CLASSES = {"Question": "question", "Answer": "answer", "Commitment": "commitment",
                "FulfilmentClaim": "claim", "Motion": "motion"}
MENTIONED = {"Kamerstuk": "kamerstuk", "EUInstrument": "eu", "Motion": "motion"}


class SearchError(ValueError):
    """A query or filter that cannot be searched; the message says what to change."""


class NoIndex(SearchError):
    """No search index beside the store (built by a version without search)."""


def index_path(location: str | Path) -> Path:
    return Path(f"{Path(location)}.search")


# -- analysis ---------------------------------------------------------------------------------------

_stemmer = Stemmer.Stemmer("dutch")


COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # diacritics, decomposed


def fold(text: str) -> str:
    """Lower case without diacritics ("Financiële" → "financiele")."""
    return COMBINING.sub("", unicodedata.normalize("NFKD", text.lower()))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(fold(word))


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of every word in `text`, as the index tokenizes it."""
    for match in WORD.finditer(text):
        yield match.start(), match.end(), match.group()


def analysed(text: str) -> tuple[str, str]:
    """The folded words and their stems, as the index's columns hold them (the whole text folded
    at once and stemmed in one call: ten times faster than word by word)."""
    words = WORD.findall(fold(text))
    return " ".join(words), " ".join(_stemmer.stemWords(words))


# -- queries ----------------------------------------------------------------------------------------

@dataclass
class Term:
    stems: list[str]  # one for a word, several for a phrase
    word: str = ""  # a word's folded form
    prefix: str = ""  # folded, for "migra*"
    negated: bool = False
    expansions: set[str] = field(default_factory=set)  # compound stems containing the word's stem


@dataclass
class AllOf:
    included: list  # of Term, AllOf, AnyOf
    excluded: list


@dataclass
class AnyOf:
    parts: list


@dataclass
class Query:
    """A user's query parsed: its tree of terms, and the terms a snippet should highlight."""

    tree: Term | AllOf | AnyOf
    terms: list[Term]
    notes: list[str]


SYNTAX = re.compile(r'\s*(?:(?P<phrase>"[^"]*"?)|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+))')


def parse(text: str, vocabulary=None) -> Query:
    """A user's query as a tree of terms (AND between terms; OR, NOT, -word, ( ), "phrase",
    prefix*), never passed to an engine's own query parser. Anything that cannot be meant raises
    :class:`SearchError` with a message for the user."""
    if len(text) > MAX_QUERY:
        raise SearchError(f"A query may be at most {MAX_QUERY} characters long.")
    items, notes = [], []
    for match in SYNTAX.finditer(text):
        if match.group("phrase"):
            phrase = match.group("phrase")
            if not phrase.endswith('"') or len(phrase) == 1:
                notes.append("A closing quote was added at the end.")
            items.append(("phrase", phrase.strip('"')))
        elif match.group("open"):
            items.append(("(", ""))
        elif match.group("close"):
            items.append((")", ""))
        else:
            word = match.group("word")
            if word in ("AND", "OR", "NOT"):
                items.append((word, ""))
            elif word.startswith("-") and len(word) > 1:
                items.append(("NOT", ""))
                items.append(("word", word[1:]))
            else:
                items.append(("word", word))
    terms: list[Term] = []
    tree = _Parser(items, terms, notes, vocabulary).parse()
    if len(terms) > MAX_TERMS:
        raise SearchError(f"A query may have at most {MAX_TERMS} words and phrases.")
    if not any(not t.negated for t in terms):
        raise SearchError("Nothing to search for: type a word (a query cannot only exclude words).")
    return Query(tree, terms, notes)


class _Parser:
    """Recursive descent: or := and (OR and)* ; and := unary ([AND] unary)* ; unary := NOT unary | atom."""

    def __init__(self, items, terms, notes, vocabulary):
        self.items, self.at, self.terms, self.notes, self.vocabulary = items, 0, terms, notes, vocabulary
        self.depth = 0

    def peek(self) -> str | None:
        return self.items[self.at][0] if self.at < len(self.items) else None

    def parse(self):
        if not self.items:
            raise SearchError("Type a word to search for.")
        tree = self.disjunction(negated=False)
        if self.peek() == ")":
            raise SearchError("A ')' has no '(' before it.")
        return tree

    def disjunction(self, negated: bool):
        parts = [self.conjunction(negated)]
        while self.peek() == "OR":
            self.at += 1
            parts.append(self.conjunction(negated))
        return parts[0] if len(parts) == 1 else AnyOf(parts)

    def conjunction(self, negated: bool):
        included, excluded = [], []
        while self.peek() not in (None, "OR", ")"):
            if self.peek() == "AND":
                self.at += 1
                if self.peek() in (None, "OR", ")", "AND"):
                    raise SearchError("AND needs a word on each side.")
                continue
            exclude = False
            while self.peek() == "NOT":
                self.at += 1
                exclude = not exclude
            part = self.atom(negated ^ exclude)
            if part is not None:
                (excluded if exclude else included).append(part)
        if not included and excluded:
            raise SearchError("A query cannot only exclude words: add a word to keep, as in asiel NOT opvang.")
        if not included and "OR" in (self.peek(), self.items[self.at - 1][0] if self.at else None):
            raise SearchError("OR needs a word on each side.")
        if not included:
            raise SearchError("Type a word (letters or digits) to search for.")
        return included[0] if len(included) == 1 and not excluded else AllOf(included, excluded)

    def atom(self, negated: bool):
        kind = self.peek()
        if kind is None:
            raise SearchError("NOT needs a word after it.")
        self.at += 1
        if kind == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise SearchError(f"Parentheses may be nested at most {MAX_DEPTH} deep.")
            inner = self.disjunction(negated)
            self.depth -= 1
            if self.peek() != ")":
                raise SearchError("A '(' is not closed.")
            self.at += 1
            return inner
        if kind in ("OR", "AND", ")"):
            raise SearchError(f"{kind} needs a word on each side.")
        value = self.items[self.at - 1][1]
        return self.phrase(value, negated) if kind == "phrase" else self.word(value, negated)

    def phrase(self, value: str, negated: bool) -> Term | None:
        stems = [stem(w) for _s, _e, w in tokens(value)]
        if not stems:
            self.notes.append("An empty phrase was left out.")
            return None
        if len(stems) == 1:
            return self.word(value, negated)
        self.terms.append(Term(stems, negated=negated))
        return self.terms[-1]

    def word(self, value: str, negated: bool) -> Term | None:
        words = [w for _s, _e, w in tokens(value)]
        if value.endswith("*"):
            if len(words) != 1 or len(fold(words[0])) < 2:
                raise SearchError("A * must follow at least two letters of one word, as in migra*.")
            self.terms.append(Term([], prefix=fold(words[0]), negated=negated))
            return self.terms[-1]
        if not words:
            self.notes.append(f"{value!r} has no letters or digits and was left out.")
            return None
        if len(words) > 1:  # "El-Yassini", "2019/1896", "36410-VI-78": its words in a row
            return self.phrase(value, negated)
        s = stem(words[0])
        expansions = self.vocabulary(s) if self.vocabulary else set()
        self.terms.append(Term([s], word=fold(words[0]), negated=negated, expansions=expansions))
        return self.terms[-1]


def compounds(connection: sqlite3.Connection, s: str) -> set[str]:
    """Stems in the index that contain `s`: compounds of which it is a part ("aanvraag" in
    "asielaanvraag"). Short stems only as a compound's last part ("wet" in "vreemdelingenwet",
    not in "wetenschap"); very short ones not at all."""
    if len(s) < 3:
        return set()
    pattern = f"%{s}%" if len(s) >= 5 else f"%{s}"
    rows = connection.execute("SELECT stem FROM vocabulary WHERE stem LIKE ? ORDER BY length(stem), stem LIMIT ?",
                              (pattern, MAX_EXPANSIONS))
    return {row[0] for row in rows} - {s}


def engine_query(schema: tantivy.Schema, node) -> tantivy.Query:
    """The tantivy query of a parsed query's tree: a word matches its stem, the compounds
    containing it (in the text or in the label of what a fact is about) and its folded form."""
    if isinstance(node, AllOf):
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, engine_query(schema, n)) for n in node.included] +
                                           [(tantivy.Occur.MustNot, engine_query(schema, n)) for n in node.excluded])
    if isinstance(node, AnyOf):
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, engine_query(schema, n)) for n in node.parts])
    if node.prefix:
        return tantivy.Query.regex_query(schema, "words", node.prefix + ".*")  # letters and digits only
    if len(node.stems) > 1:
        return tantivy.Query.phrase_query(schema, "stems", node.stems)
    alternatives = [tantivy.Query.term_query(schema, name, s) for s in sorted({*node.stems, *node.expansions})
                    for name in ("stems", "about")]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in
                                        [*alternatives, tantivy.Query.term_query(schema, "words", node.word)]])


# -- the index --------------------------------------------------------------------------------------

META = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE docs (doc_id TEXT PRIMARY KEY, fingerprint TEXT, kind TEXT, kind_label TEXT, fracties TEXT);
CREATE TABLE doc_stems (doc_id TEXT PRIMARY KEY, stems TEXT);  -- apart: the menus read docs on every request
CREATE TABLE fracties (slug TEXT PRIMARY KEY, label TEXT);
CREATE VIRTUAL TABLE vocabulary USING fts5 (stem, tokenize = 'trigram');
"""


def engine_schema() -> tantivy.Schema:
    """One tantivy document per hit: the analysed text, the filters' values, and the hit to show."""
    builder = tantivy.SchemaBuilder()
    for name in ("words", "stems", "about"):
        builder.add_text_field(name, tokenizer_name="default")
    for name in ("doc_id", "kind", "fractie", "dossier"):
        builder.add_text_field(name, tokenizer_name="raw")
    builder.add_integer_field("day", indexed=True, fast=True)  # 20240312
    builder.add_bytes_field("hit", stored=True)  # JSON of what a hit shows
    return builder.build()


@dataclass
class Changes:
    added: int = 0
    replaced: int = 0
    removed: int = 0

    @property
    def any(self) -> bool:
        return bool(self.added or self.replaced or self.removed)


def _meta(folder: Path) -> sqlite3.Connection:
    """The index's own records (fingerprints, fracties, the compound vocabulary); an index of
    another schema version is removed, to be rebuilt from the store."""
    path = folder / "meta.sqlite"
    if path.exists():
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            version = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError:
            version = None
        if version and version[0] == str(SCHEMA_VERSION):
            return connection
        connection.close()
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "tantivy").mkdir(parents=True)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")  # readers keep their view while a build writes
    connection.executescript(META)
    connection.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
    return connection


def update(store) -> Changes:
    """Bring the index beside `store` in step with the documents it holds."""
    if store.remote or store.location == ":memory:":
        return Changes()
    current = fingerprints(store)
    folder = index_path(store.location)
    connection = _meta(folder)
    try:
        held = dict(connection.execute("SELECT doc_id, fingerprint FROM docs"))
        gone = [d for d in held if d not in current]
        changed = [d for d, f in current.items() if held.get(d) != f]
        if not gone and not changed:
            return Changes()  # nothing written: an unchanged build leaves the index as it was
        documents = [document_rows(store, doc_id) for doc_id in changed]
        # First the hits, in one tantivy commit (readers see all of it or none); then the records,
        # in one transaction. Should the second fail, the next build finds the fingerprints old
        # and writes those documents again.
        index = tantivy.Index(engine_schema(), path=str(folder / "tantivy"), reuse=True)
        writer = index.writer(WRITER_HEAP, 1)
        try:
            for doc_id in gone + [d for d in changed if d in held]:
                writer.delete_documents_by_term("doc_id", doc_id)
            stems: dict[str, set[str]] = defaultdict(set)
            for doc in documents:
                for row in doc.rows:
                    document, row_stems = _engine_document(doc, row)
                    writer.add_document(document)
                    stems[doc.doc_id] |= row_stems
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        writer.wait_merging_threads()
        connection.execute("BEGIN IMMEDIATE")
        for table in ("docs", "doc_stems"):
            connection.executemany(f"DELETE FROM {table} WHERE doc_id = ?", [(d,) for d in gone])
        connection.executemany("INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?)", [
            (doc.doc_id, current[doc.doc_id], doc.kind, doc.kind_label, " ".join(sorted(doc.fracties)))
            for doc in documents])
        connection.executemany("INSERT OR REPLACE INTO doc_stems VALUES (?, ?)",
                               [(doc.doc_id, " ".join(sorted(stems[doc.doc_id]))) for doc in documents])
        _fracties(connection, store)
        _vocabulary(connection)
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('base', ?)", (store.mint.base,))  # for /id/ links
        connection.execute("COMMIT")
        replaced = sum(d in held for d in changed)
        return Changes(added=len(changed) - replaced, replaced=replaced, removed=len(gone))
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()


def _engine_document(doc: DocumentRows, row: Row) -> tuple[tantivy.Document, set[str]]:
    """A hit as tantivy's document, and its stems (for the compound vocabulary)."""
    words, stems = analysed(row.text)
    about = analysed(row.about)[1]
    # A fact's own fracties (who asked, who sponsored) when it has any, else its document's; a
    # dossier also under its number alone ("36410-VI" is found by "36410").
    fracties = row.fracties or doc.fracties
    dossiers = {d for k in row.dossiers | doc.dossiers for d in (k, k.split("-")[0])}
    shown = {"doc_id": doc.doc_id, "what": row.what, "start": row.start, "end": row.end, "text": row.text,
             "title": row.title, "fact": row.fact, "document": doc.label, "kind": doc.kind,
             "kind_label": doc.kind_label, "date": doc.date}
    fields = {"words": words, "stems": stems, "about": about, "doc_id": doc.doc_id,
              "kind": doc.kind.lower(), "fractie": sorted(fracties), "dossier": sorted(dossiers),
              "hit": json.dumps(shown, ensure_ascii=False).encode("utf-8")}
    if doc.date:
        fields["day"] = int(doc.date[:10].replace("-", ""))
    return tantivy.Document(**fields), {*stems.split(), *about.split()}


def fingerprints(store) -> dict[str, str]:
    """Document id → a hash of what its hits are made from: its text's SHA-256 and label, and
    what other documents may change about it (the labels of the motions it names, their
    sponsors' fracties)."""
    prefix = str(store.mint.graph(""))
    parts: dict[str, list[str]] = defaultdict(list)
    for row in store.query(P + "SELECT ?g ?sha ?label WHERE { GRAPH ?g { ?d a kg:Document ; kg:sha256 ?sha ; "
                           "rdfs:label ?label FILTER EXISTS { ?d kg:sourceText ?text } } }"):
        parts[row["g"].value].append(f"{row['sha'].value}\t{row['label'].value}")
    for row in store.query(P + """SELECT DISTINCT ?g ?m ?label ?f WHERE {
            GRAPH ?g { { ?m kg:describedBy ?d } UNION { ?n kg:about ?m } } ?m a kg:Motion
            OPTIONAL { ?m rdfs:label ?label } OPTIONAL { ?m kg:sponsor/kg:memberOf ?f } }"""):
        if row["g"].value in parts:
            parts[row["g"].value].append("\t".join(row[n].value if row[n] else "" for n in ("m", "label", "f")))
    return {g[len(prefix):]: hashlib.sha256("\n".join(sorted(p)).encode()).hexdigest()
            for g, p in parts.items() if g.startswith(prefix)}


@dataclass
class Row:
    what: str
    start: int
    end: int
    text: str
    title: str = ""
    fact: str = ""
    about: str = ""  # the label of what a fact is about (indexed, not shown as text)
    fracties: set[str] = field(default_factory=set)
    dossiers: set[str] = field(default_factory=set)


@dataclass
class DocumentRows:
    doc_id: str
    label: str
    kind: str
    kind_label: str
    date: str | None
    fracties: set[str]
    dossiers: set[str]
    rows: list[Row]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def document_rows(store, doc_id: str) -> DocumentRows:
    """The hits of one document: its text in paragraphs, and each fact with its evidence span."""
    d, g = store.mint.document(doc_id), store.mint.graph(doc_id)
    info = next(iter(store.query(P + f"""SELECT ?text ?label ?type ?typeLabel ?date WHERE {{
        GRAPH <{g}> {{ <{d}> kg:sourceText ?text ; rdfs:label ?label ; kg:documentType ?type
                       OPTIONAL {{ <{d}> dcterms:date ?date }} }}
        OPTIONAL {{ ?type rdfs:label ?typeLabel }} }} LIMIT 1""")))
    text = info["text"].value
    rows = [Row("text", s, e, text[s:e]) for s, e in chunks(text)]
    facts: dict[str, Row] = {}
    for r in store.query(P + f"""SELECT ?x ?class ?start ?end ?label ?about ?aboutClass ?aboutLabel ?dictum WHERE {{
            GRAPH <{g}> {{ ?x kg:evidence ?e . ?e oa:start ?start ; oa:end ?end }}
            ?x a ?class FILTER(?class IN (kg:Question, kg:Answer, kg:Commitment, kg:FulfilmentClaim, kg:Motion, kg:Mention))
            OPTIONAL {{ ?x rdfs:label ?label }}
            OPTIONAL {{ ?x kg:about ?about . ?about a ?aboutClass
                        FILTER(?aboutClass IN (kg:Kamerstuk, kg:EUInstrument, kg:Motion))
                        OPTIONAL {{ ?about rdfs:label ?aboutLabel }} }}
            OPTIONAL {{ GRAPH <{g}> {{ ?x kg:dictum ?dictum }} }} }}"""):
        cls = _local(r["class"].value)
        if cls == "Mention":
            if r["aboutClass"] is None:
                continue
            what, fact, title = MENTIONED[_local(r["aboutClass"].value)], r["about"].value, _value(r, "aboutLabel")
        else:
            what, fact, title = FACT_CLASSES[cls], r["x"].value, _value(r, "label").split(" — ")[0]
        start, end = int(r["start"].value), int(r["end"].value)
        key = r["x"].value
        if key in facts and facts[key].end - facts[key].start >= end - start:
            continue  # a motion's evidence: its whole text, not a sponsor's name
        about = " ".join(x for x in (title if what in MENTIONED.values() else "", _value(r, "dictum")) if x)
        facts[key] = Row(what, start, end, text[start:end], title or WHAT[what], fact, about)
    for r in store.query(P + f"""SELECT ?x ?f ?dossier WHERE {{
            GRAPH <{g}> {{ ?x kg:evidence ?e }}
            {{ ?x kg:askedBy ?f }} UNION {{ ?x kg:answers/kg:askedBy ?f }} UNION {{ ?x kg:sponsor/kg:memberOf ?f }}
            UNION {{ ?x kg:about/kg:sponsor/kg:memberOf ?f }} UNION {{ ?x kg:about/kg:dossier ?dossier }}
            UNION {{ ?x kg:kamerstuk/kg:dossier ?dossier }} UNION {{ ?x kg:about/kg:kamerstuk/kg:dossier ?dossier }} }}"""):
        row = facts.get(r["x"].value)
        if row is not None and r["f"] is not None:
            row.fracties.add(_local(r["f"].value))
        if row is not None and r["dossier"] is not None:
            row.dossiers.add(r["dossier"].value.upper())
    dossiers = {r["k"].value.upper() for r in store.query(P + f"""SELECT ?k WHERE {{
        {{ <{d}> kg:isKamerstuk/kg:dossier ?k }} UNION {{ ?m kg:describedBy <{d}> ; kg:kamerstuk/kg:dossier ?k }} }}""")}
    rows += sorted(facts.values(), key=lambda row: (row.start, row.what))
    return DocumentRows(doc_id, info["label"].value, _local(info["type"].value),
                        _value(info, "typeLabel") or _local(info["type"].value), _value(info, "date") or None,
                        {f for row in facts.values() for f in row.fracties}, dossiers, rows)


def _value(row, name: str) -> str:
    return row[name].value if row[name] is not None else ""


def chunks(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of `text`: paragraphs packed up to about CHUNK characters, a long
    paragraph cut at a space."""
    spans = []
    for match in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text):
        start, end = match.start(), match.end()
        while end - start > 2 * CHUNK:
            cut = text.rfind(" ", start + CHUNK // 2, start + CHUNK * 3 // 2)
            cut = cut if cut > start else start + CHUNK
            spans.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if spans and end - spans[-1][0] <= CHUNK and match.start() - spans[-1][1] < 4:
            spans[-1] = (spans[-1][0], end)  # pack short paragraphs (headings) with their neighbours
        else:
            spans.append((start, end))
    return spans


def _fracties(connection: sqlite3.Connection, store) -> None:
    """The fracties' names, for the filter and its menu."""
    names = {}
    for row in store.query(P + "SELECT ?f ?label WHERE { ?f a kg:Fractie ; rdfs:label ?label }"):
        names.setdefault(_local(row["f"].value), row["label"].value)
    connection.execute("DELETE FROM fracties")
    connection.executemany("INSERT INTO fracties VALUES (?, ?)", sorted(names.items()))


def _vocabulary(connection: sqlite3.Connection) -> None:
    """The stems in the index, in the trigram index that finds compounds (see :func:`compounds`)."""
    now = {s for (stems,) in connection.execute("SELECT stems FROM doc_stems") for s in stems.split()}
    held = {row[0]: row[1] for row in connection.execute("SELECT stem, rowid FROM vocabulary")}
    connection.executemany("DELETE FROM vocabulary WHERE rowid = ?", [(held[s],) for s in held.keys() - now])
    connection.executemany("INSERT INTO vocabulary (stem) VALUES (?)", [(s,) for s in sorted(now - held.keys())])


# -- searching --------------------------------------------------------------------------------------

@dataclass
class Filters:
    kind: str = ""
    start: str = ""  # ISO dates, inclusive
    end: str = ""
    fractie: str = ""
    dossier: str = ""

    def checked(self) -> Filters:
        """These filters with their dates written as YYYY-MM-DD (Python reads "20240516" and
        "2024-W20-1" as dates too); SearchError for what is no date."""
        days = {}
        for name, attribute in (("from", "start"), ("to", "end")):
            value = getattr(self, attribute)
            try:
                days[attribute] = dt.date.fromisoformat(value).isoformat() if value else ""
            except ValueError:
                raise SearchError(f"The '{name}' date must be a date as 2024-05-16, not {value!r}.") from None
        return dataclasses.replace(self, **days)


@dataclass
class Results:
    query: str
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    hits: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class SearchIndex:
    """A reader of the index: the hits of one tantivy commit (a request sees one state, whatever
    a build writes meanwhile) and the index's records."""

    def __init__(self, folder: Path):
        self.meta = sqlite3.connect(f"file:{folder / 'meta.sqlite'}?mode=rw", uri=True, check_same_thread=False)
        self.meta.execute("PRAGMA busy_timeout = 5000")
        index = _engine_index(folder / "tantivy")
        self.schema = index.schema
        self.searcher = index.searcher()
        base = self.meta.execute("SELECT value FROM meta WHERE key = 'base'").fetchone()
        self.base = base[0] if base else ""

    def close(self) -> None:
        self.meta.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_opened: dict[tuple[str, int], tantivy.Index] = {}


def _engine_index(folder: Path) -> tantivy.Index:
    """The tantivy index in `folder`, opened once per process (opening costs more than a search)
    and brought to its last commit; a folder made anew (another schema version) is opened anew."""
    key = (str(folder), folder.stat().st_ino)
    if key not in _opened:
        index = tantivy.Index.open(str(folder))
        index.config_reader(reload_policy="manual")
        _opened[key] = index
    index = _opened[key]
    index.reload()
    return index


def open_index(location: str | Path) -> SearchIndex:
    folder = index_path(location)
    if not (folder / "meta.sqlite").exists():
        raise NoIndex("There is no search index for this store yet: run 'kamergraaf build' (it makes one).")
    return SearchIndex(folder)


def search(index: SearchIndex, text: str, filters: Filters | None = None, page: int = 1,
           per_page: int = PER_PAGE) -> Results:
    """One page of hits, best first (BM25), each with a snippet and the offsets of its first match."""
    per_page = min(MAX_PER_PAGE, max(1, per_page))
    results = Results(text, page=max(1, page), per_page=per_page)
    if (results.page - 1) * per_page > MAX_OFFSET:  # tantivy holds offset + limit hits in memory
        results.error = (f"Only the first {MAX_OFFSET} hits can be paged through: add a word or a filter "
                         "to narrow the search.")
        return results
    try:
        query = parse(text, lambda s: compounds(index.meta, s))
        filters = (filters or Filters()).checked()
    except SearchError as error:
        results.error = str(error)
        return results
    results.notes = query.notes
    clauses = [(tantivy.Occur.Must, engine_query(index.schema, query.tree))]
    clauses += [(tantivy.Occur.Must, tantivy.Query.const_score_query(q, 0.0)) for q in _filters(index, filters)]
    try:
        found = index.searcher.search(tantivy.Query.boolean_query(clauses), limit=per_page, count=True,
                                      offset=(results.page - 1) * per_page)
    except ValueError as error:  # never expected: no user text reaches a query parser
        results.error = f"The query could not be run ({error}); please rephrase it."
        return results
    results.total = found.count
    results.hits = [_hit(json.loads(bytes(index.searcher.doc(address)["hit"][0])), score, query, index.base)
                    for score, address in found.hits]
    return results


def _filters(index: SearchIndex, filters: Filters) -> list[tantivy.Query]:
    schema, queries = index.schema, []
    if filters.kind:
        queries.append(tantivy.Query.term_query(schema, "kind", _local(filters.kind.removeprefix("kg:")).lower()))
    if filters.start or filters.end:
        day = lambda value: int(value.replace("-", "")) if value else None  # noqa: E731
        queries.append(tantivy.Query.range_query(schema, "day", tantivy.FieldType.Integer, day(filters.start),
                                                 day(filters.end)))
    if filters.fractie:
        found = index.meta.execute("SELECT slug FROM fracties WHERE lower(slug) = lower(?) OR lower(label) = lower(?)",
                                   (filters.fractie, filters.fractie)).fetchone()
        queries.append(tantivy.Query.term_query(schema, "fractie", found[0] if found else filters.fractie.lower()))
    if filters.dossier:
        queries.append(tantivy.Query.term_query(schema, "dossier", "-".join(filters.dossier.upper().split())))
    return queries


def _hit(shown: dict, score: float, query: Query, base: str) -> dict:
    start, end, text, what, fact = shown["start"], shown["end"], shown["text"], shown["what"], shown["fact"]
    matches = matched(text, query)
    first = (start + matches[0][0], start + matches[0][1]) if matches else (start, end)
    hit = {"doc_id": shown["doc_id"], "document": shown["document"], "kind": shown["kind"],
           "kind_label": shown["kind_label"], "date": shown["date"], "what": what, "what_label": WHAT[what],
           "title": shown["title"] if what != "text" else shown["document"], "start": start, "end": end,
           "match": list(first), "matches": [[start + s, start + e] for s, e in matches],
           "source_view": f"/doc/{urllib.parse.quote(shown['doc_id'], safe='/~._-')}?start={first[0]}&end={first[1]}", "score": round(score, 4),
           "snippet": snippet(text, matches)}
    if fact:
        hit["fact"] = fact
        hit["resource"] = "/id/" + fact[len(base):] if base and fact.startswith(base) else fact
        if what == "motion" and base and fact.startswith(base + "motie/"):
            hit["trail"] = "/motie/" + fact[len(base) + len("motie/"):]  # what became of it
    return hit


def matched(text: str, query: Query) -> list[tuple[int, int]]:
    """[start, end) of the words in `text` that the query's (not excluded) terms match."""
    words = list(tokens(text))
    folded = fold("\n".join(w for _s, _e, w in words)).split("\n")  # one call for all: the offsets stay the words'
    stems = _stemmer.stemWords(folded)
    spans = []
    for term in (t for t in query.terms if not t.negated):
        if term.prefix:
            spans += [(s, e) for (s, e, _w), f in zip(words, folded) if f.startswith(term.prefix)]
        elif len(term.stems) == 1:
            wanted = {term.stems[0], *term.expansions}
            spans += [(s, e) for (s, e, _w), st in zip(words, stems) if st in wanted]
        else:
            n = len(term.stems)
            spans += [(words[i][0], words[i + n - 1][1]) for i in range(len(words) - n + 1) if stems[i : i + n] == term.stems]
    merged: list[tuple[int, int]] = []
    for s, e in sorted(set(spans)):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def snippet(text: str, matches: list[tuple[int, int]]) -> list[dict]:
    """Pieces of text around the first match, each {"text", "mark"}; the template escapes them."""
    first = matches[0][0] if matches else 0
    start = max(0, first - SNIPPET_BEFORE)
    if start:
        start = text.find(" ", start, first) + 1 or start
    end = min(len(text), first + SNIPPET_AFTER)
    if end < len(text):
        space = text.rfind(" ", max(first, end - 40), end)
        end = space if space > first else end
    pieces = [{"text": "…", "mark": False}] if start else []
    at = start
    for s, e in matches:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        if s > at:
            pieces.append({"text": NOISE.sub("", text[at:s]).replace("\n", " "), "mark": False})
        pieces.append({"text": text[s:e].replace("\n", " "), "mark": True})
        at = e
    if at < end:
        pieces.append({"text": NOISE.sub("", text[at:end]).replace("\n", " "), "mark": False})
    if end < len(text):
        pieces.append({"text": "…", "mark": False})
    return pieces


def plain(pieces: list[dict], mark: tuple[str, str] = ("", "")) -> str:
    return "".join(f"{mark[0]}{p['text']}{mark[1]}" if p["mark"] else p["text"] for p in pieces)


def kinds_and_fracties(index: SearchIndex) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The choices of the filters' menus: document kinds and fracties that the index holds."""
    kinds = index.meta.execute("SELECT DISTINCT kind, kind_label FROM docs ORDER BY kind_label").fetchall()
    present = {f for (names,) in index.meta.execute("SELECT fracties FROM docs") for f in names.split()}
    fracties = [(slug, label) for slug, label in index.meta.execute("SELECT slug, label FROM fracties ORDER BY label")
                if slug in present]
    return kinds, fracties


def as_json(results: Results, filters: Filters) -> dict:
    """What programs get, from /search?format=json and `kamergraaf search --json`: snippets as plain text."""
    return {"query": results.query, "filters": {k: v for k, v in vars(filters).items() if v}, "total": results.total,
            "page": results.page, "pages": results.pages, "per_page": results.per_page, "notes": results.notes,
            "error": results.error, "hits": [{**hit, "snippet": plain(hit["snippet"])} for hit in results.hits]}
