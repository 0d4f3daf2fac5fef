"""The extraction pipeline: named components run in order over one :class:`Document`.

Add a component with :func:`component` (or pass your own list to :class:`Pipeline`); each is a
function ``(doc) -> None`` that reads what earlier components set and adds its own findings.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .document import Document
from .facts import extract_mentions, extract_statements, link_answers, link_claims, link_commitments, link_motions
from .metadata import document_metadata
from .readers import read_document
from .segment import footnotes, motion_text, passages, question_answer_blocks
from .votes import votes

Component = Callable[[Document], None]

COMPONENTS: dict[str, Component] = {}


def component(name: str):
    """Register a pipeline component under `name`."""

    def register(function: Component) -> Component:
        COMPONENTS[name] = function
        return function

    return register


component("metadata")(document_metadata)
component("question_answer")(question_answer_blocks)
component("motion_text")(motion_text)
component("footnotes")(footnotes)
component("passages")(passages)
component("mentions")(extract_mentions)
component("statements")(extract_statements)
component("link_motions")(link_motions)
component("link_claims")(link_claims)
component("link_commitments")(link_commitments)
component("link_answers")(link_answers)


@component("votes")
def decisions(doc: Document) -> None:
    """The Handelingen's decisions on motions: votes, held over, withdrawn."""
    if doc.kind == "handelingen":
        doc.votes = votes(doc.source)

DEFAULT = ["metadata", "question_answer", "motion_text", "footnotes", "passages", "mentions", "statements",
           "link_motions", "link_claims", "link_commitments", "link_answers", "votes"]


class Pipeline:
    def __init__(self, names: list[str] | None = None):
        self.names = list(names or DEFAULT)
        missing = [n for n in self.names if n not in COMPONENTS]
        if missing:
            raise KeyError(f"unknown pipeline components: {', '.join(missing)}")

    def __call__(self, doc: Document) -> Document:
        for name in self.names:
            COMPONENTS[name](doc)
        return doc

    def read(self, path: str | Path) -> Document:
        return self(read_document(path))
