"""Validation: SHACL shapes (pyshacl) and the evidence check against the source text."""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import SH

from .build import Selector
from .iris import KG, OA


@functools.lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    graph = Graph()
    for item in resources.files("kamergraaf.shapes").iterdir():
        if item.name.endswith(".ttl"):
            graph.parse(data=item.read_text(encoding="utf-8"), format="turtle")
    return graph


@functools.lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology, mixed into validation so that sh:class sees the class hierarchy."""
    text = resources.files("kamergraaf.ontology").joinpath("kamergraaf.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}"


@dataclass
class Report:
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    def text(self, limit: int = 50) -> str:
        if self.conforms and not self.violations:
            return "Conforms: the graph satisfies every shape."
        lines = [f"{len(self.violations)} problem(s):"]
        lines += [f"- {v}" for v in self.violations[:limit]]
        if len(self.violations) > limit:
            lines.append(f"… and {len(self.violations) - limit} more")
        return "\n".join(lines)


def validate_graph(data: Graph) -> Report:
    """SHACL-validate `data` against the shapes in shapes/."""
    _conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none", advanced=True,
        allow_warnings=True
    )
    report = Report()
    for result in results.subjects(SH.resultSeverity, None):
        severity = results.value(result, SH.resultSeverity)
        report.violations.append(Violation(
            focus=str(results.value(result, SH.focusNode)),
            path=_path_text(results.value(result, SH.resultPath)),
            message=str(results.value(result, SH.resultMessage) or "constraint violated"),
            severity=str(severity).rsplit("#", 1)[-1],
        ))
    report.violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return report


def _path_text(path) -> str:
    if path is None:
        return ""
    text = str(path)
    for prefix, namespace in (("kg:", str(KG)), ("oa:", str(OA))):
        text = text.replace(namespace, prefix)
    return text if len(text) < 80 else "(complex path)"


def check_evidence(selectors: Iterable[Selector], source: str) -> list[Violation]:
    """Every selector's exact text must equal the source text at [start, end)."""
    problems = []
    for selector in selectors:
        if source[selector.start : selector.end] != selector.exact:
            problems.append(Violation(
                selector.iri, "oa:exact",
                f"exact text differs from the source at [{selector.start}, {selector.end}): "
                f"{source[selector.start:selector.end][:40]!r} ≠ {selector.exact[:40]!r}",
            ))
    return problems
