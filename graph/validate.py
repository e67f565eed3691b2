"""Check graphs against the dvkg SHACL shapes (``ontology/shapes.ttl``) with pySHACL.

The ontology is passed as ``ont_graph`` so that a target class also reaches its
subclasses; nothing is imported from the network.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pyshacl
from rdflib import RDF, Graph
from rdflib.term import Node

from dvkg.errors import ValidationError
from dvkg.ontology import SH, bind_prefixes, load_ontology, load_shapes

__all__ = ["Violation", "ValidationReport", "validate", "check"]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node broke which constraint on which property."""

    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    value: str | None = None

    def __str__(self) -> str:
        where = f"<{self.focus}>" + (f" {self.path}" if self.path else "")
        return f"{where}: {self.message}"


@dataclass
class ValidationReport:
    conforms: bool
    text: str
    violations: list[Violation] = field(default_factory=list)


def validate(graph: Graph) -> ValidationReport:
    """Validate ``graph`` against the shapes; never raises for a non-conforming graph."""
    conforms, results, text = pyshacl.validate(
        graph,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        do_owl_imports=False,  # nothing may reach the network
        advanced=False,
    )
    return ValidationReport(conforms=bool(conforms), text=text, violations=_violations(results))


def check(graph: Graph, *, article: str) -> ValidationReport:
    """Validate, and raise ``ValidationError`` naming ``article`` and its first violations."""
    report = validate(graph)
    if report.conforms:
        return report
    first = "; ".join(str(v) for v in report.violations[:3])
    more = len(report.violations) - 3
    message = (
        f"article {article}: its graph does not conform to the dvkg shapes "
        f"({len(report.violations)} violation(s)): {first}" + (f"; and {more} more" if more > 0 else "")
    )
    raise ValidationError(message, report=report.text)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return load_shapes()


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return load_ontology()


def _violations(results: Graph) -> list[Violation]:
    bind_prefixes(results)
    found = [_violation(results, r) for r in results.subjects(RDF.type, SH.ValidationResult)]
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.message))


def _violation(results: Graph, result: Node) -> Violation:
    def one(predicate) -> str | None:
        value = results.value(result, predicate)
        return None if value is None else str(value)

    path = results.value(result, SH.resultPath)
    severity = one(SH.resultSeverity) or str(SH.Violation)
    return Violation(
        focus=one(SH.focusNode) or "",
        path=_short(results, path) if path is not None else None,
        message=one(SH.resultMessage) or one(SH.sourceConstraintComponent) or "constraint not met",
        severity=severity.rsplit("#", 1)[-1],
        value=one(SH.value),
    )


def _short(results: Graph, path: Node) -> str:
    """``dvkg:eventType`` rather than the full IRI, when a prefix is known."""
    try:
        return results.namespace_manager.normalizeUri(path)
    except Exception:  # a complex path (blank node): show it as is
        return str(path)
