"""The document object that every pipeline component reads and enriches."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .text import Block


SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]")


def identifier_of(name: str) -> str:
    """The document id of a file name: readable where it can be, and different for different names."""
    return SAFE_NAME.sub(lambda m: "".join(f"~{byte:02x}" for byte in m.group().encode("utf-8")), name) or "document"


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the original file text, with the exact text there."""

    start: int
    end: int
    exact: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> "Span":
        return cls(start, end, source[start:end])


@dataclass
class Fact:
    """Something an extractor found in a part: kind, data, and where it stands."""

    kind: str  # kamerstuk | reference | motion | eu-instrument | commitment | claim | crossref
    span: Span  # in the original file
    start: int  # in the part's normalised text
    end: int
    data: dict = field(default_factory=dict)


@dataclass
class Part:
    """A question, answer, passage (letter section), footnote or motion paragraph."""

    kind: str  # question | answer | passage | footnote | consideration | dictum
    ordinal: int
    text: str
    span: Span
    blocks: list[Block] = field(default_factory=list)
    fracties: list[str] = field(default_factory=list)  # asking fracties (questions)
    answers: "Part | None" = None  # the question an answer answers
    title: str = ""  # section heading (passages)
    footnote: int | None = None  # footnote number (footnotes)
    number: str = ""  # Kamervragen vraag/antwoord number
    motion: int | None = None  # consideration / dictum: index in Document.motions
    speaker: str = ""  # plenary record: who speaks ("Minister De Jonge", "De heer Hijink (SP)")
    joined: Block | None = None  # the blocks as one normalised text with offsets
    facts: list[Fact] = field(default_factory=list)

    def fact(self, doc: "Document", kind: str, start: int, end: int, **data) -> Fact:
        """Record a fact found at [start, end) of this part's text."""
        found = Fact(kind, doc.span(*self.joined.source_span(start, end)), start, end, data)
        self.facts.append(found)
        return found

    def facts_of(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]


@dataclass
class Signatory:
    role: str  # "Minister van Asiel en Migratie"
    name: str
    span: Span


@dataclass
class Document:
    """One source file, its normalised blocks, and everything the pipeline found in it."""

    path: str  # as given on the command line
    source: str  # the original text (for .docx: the text extracted from it)
    format: str  # text | markdown | xml | docx
    blocks: list[Block]
    kind: str = ""  # verslag-schriftelijk-overleg | kamerbrief | motie | kamervragen | document
    kamerstuk: str | None = None  # own Kamerstuk id, e.g. "32317-789"
    dossier: str | None = None
    date: dt.date | None = None
    date_span: Span | None = None
    title: str = ""
    title_span: Span | None = None
    committee: str = ""
    signatories: list[Signatory] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    motions: list = field(default_factory=list)  # motion texts in the document (motiontext.MotionFound)
    votes: list = field(default_factory=list)  # decisions on motions (votes.VoteFound)
    metadata: dict = field(default_factory=dict)  # reader-provided facts (XML metadata)

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def identifier(self) -> str:
        """Stable id from the file name (with extension, so that a motion as .txt and as .docx are two
        documents): the same file ingested again is the same document. Every character outside
        [A-Za-z0-9_.-] is written as ~ and its UTF-8 bytes in hex ("a b.txt" → a~20b.txt, "é.txt" →
        ~c3~a9.txt), so two different names never share an id ("a b.txt" and "a-b.txt" stay two)."""
        return identifier_of(Path(self.path).name)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()

    @property
    def reference_date(self) -> dt.date | None:
        """The document's date, or else the latest full date its text mentions (a report of a
        written consultation often has no date of its own but cites the meeting it is about)."""
        if self.date:
            return self.date
        from .metadata import latest_date

        return latest_date(self)

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.source, start, end)

    def block_span(self, block: Block, start: int = 0, end: int | None = None) -> Span:
        return self.span(*block.source_span(start, end))

    def parts_of(self, kind: str) -> list[Part]:
        return [p for p in self.parts if p.kind == kind]

    @property
    def body(self) -> list[Block]:
        """Blocks that carry running text (no page furniture, separators or footnotes)."""
        return [b for b in self.blocks if b.kind in ("paragraph", "heading", "label")]
