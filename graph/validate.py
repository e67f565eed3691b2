"""Check graphs against the dvkg SHACL shapes (``ontology/shapes.ttl``).

Two engines read the same shapes file:

- ``validate``/``check``: pySHACL, the full SHACL Core, used by ``dvkg validate``
  and the tests. The ontology is passed as ``ont_graph`` so that a target class
  also reaches its subclasses; nothing is imported from the network.
- ``check_fast``: the subset of SHACL Core the shapes use (target classes with
  their subclasses, ``targetSubjectsOf``, ``nodeKind``, ``minCount``/``maxCount``, ``datatype``,
  ``class``, ``pattern``, ``minLength``, ``in``, ``minInclusive``, ``or`` of
  datatypes, ``lessThanOrEquals``), compiled once into Python checks over
  pyoxigraph terms: one pass indexes the triples, then each target node is
  checked. Ingest uses it for every article: about 60 times faster than
  pySHACL on an article graph (0.3 against 20 ms), with the same verdicts (``tests/test_graph_triples.py``
  compares them; typed literals are judged well-formed by rdflib, as pySHACL does).
  A shapes file using anything else makes ``check_fast`` fall back to pySHACL
  (``tests/test_ingest_fast_path.py`` checks that the shipped one does not).

Both take rdflib graphs or (subject, predicate, object) tuples of pyoxigraph terms.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import re
from typing import Iterable

import pyoxigraph as ox
import pyshacl
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from dvkg.errors import ValidationError
from dvkg.graph.terms import index_triples, ox_triples, to_ox, to_rdflib
from dvkg.ontology import SH, bind_prefixes, load_ontology, load_shapes

__all__ = ["Violation", "ValidationReport", "validate", "check", "check_fast", "validate_fast"]


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


def validate(graph: Graph | Iterable[tuple]) -> ValidationReport:
    """Validate ``graph`` against the shapes; never raises for a non-conforming graph."""
    conforms, results, text = pyshacl.validate(
        _as_graph(graph),
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        do_owl_imports=False,  # nothing may reach the network
        advanced=False,
    )
    return ValidationReport(conforms=bool(conforms), text=text, violations=_violations(results))


def check(graph: Graph | Iterable[tuple], *, article: str, fast: bool = False) -> ValidationReport:
    """Validate, and raise ``ValidationError`` naming ``article`` and its first violations."""
    report = validate_fast(graph) if fast else validate(graph)
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


# ------------------------------------------------------------ the fast engine


def check_fast(triples: Iterable[tuple], *, article: str) -> ValidationReport:
    """``check`` with the compiled subset of SHACL Core: what ingest runs on every article."""
    return check(triples, article=article, fast=True)


def validate_fast(triples: Iterable[tuple]) -> ValidationReport:
    """The verdict of ``validate`` for the shapes dvkg ships, without pySHACL.

    ``triples`` are pyoxigraph terms (``article_triples``) or rdflib ones (a ``Graph``).
    """
    compiled = _compiled()
    if compiled is None:  # the shapes use more than the subset: the full engine decides
        return validate(_as_graph(triples))
    index = _Index(triples)
    found = []
    for shape in compiled:
        for focus in shape.focus_nodes(index):
            shape.check(focus, index, found)
    found.sort(key=lambda v: (v.focus, v.path or "", v.message))
    text = "Conforms: True" if not found else "\n".join(str(v) for v in found)
    return ValidationReport(conforms=not found, text=text, violations=found)


def _as_graph(triples) -> Graph:
    if isinstance(triples, Graph):
        return triples
    graph = Graph()
    for s, p, o in triples:
        graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return graph


_TYPE = ox.NamedNode(str(RDF.type))


class _Index:
    """Subject → predicate → objects, and the instances of every class: one pass over the triples."""

    def __init__(self, triples: Iterable[tuple]) -> None:
        # triples of rdflib terms (tests, pySHACL's callers) are converted first
        self.out, self.by_type = index_triples(ox_triples(triples), _TYPE)

    def instances(self, classes: frozenset) -> list:
        if len(classes) == 1:
            return self.by_type.get(next(iter(classes)), [])
        return list(dict.fromkeys(n for c in classes for n in self.by_type.get(c, ())))

    def values(self, node, path) -> list:
        found = self.out.get(node)
        return found.get(path, _NONE) if found else _NONE

    def subjects_of(self, predicates: frozenset) -> list:
        return [s for s, by_predicate in self.out.items() if not predicates.isdisjoint(by_predicate)]

    def is_a(self, node, classes: frozenset) -> bool:
        return not classes.isdisjoint(self.values(node, _TYPE))


_NONE: list = []
_EMPTY: dict = {}
_NODE_KINDS = {
    SH.IRI: lambda n: isinstance(n, ox.NamedNode),
    SH.Literal: lambda n: isinstance(n, ox.Literal),
    SH.BlankNode: lambda n: isinstance(n, ox.BlankNode),
    SH.BlankNodeOrIRI: lambda n: isinstance(n, (ox.BlankNode, ox.NamedNode)),
    SH.IRIOrLiteral: lambda n: isinstance(n, (ox.NamedNode, ox.Literal)),
}
_PROPERTY_KEYS = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.pattern,
                  SH.minLength, SH["in"], SH.minInclusive, SH["or"], SH.lessThanOrEquals, SH.message}
_NODE_KEYS = {RDF.type, SH.targetClass, SH.targetSubjectsOf, SH.nodeKind, SH.property}
_LANG_STRING = str(RDF.langString)
_STRING = str(XSD.string)


class _Unsupported(Exception):
    pass


class _Property:
    """One ``sh:property`` shape, its constants as pyoxigraph terms; ``check`` adds what a focus node breaks."""

    def __init__(self, shapes: Graph, node: Node, subclasses) -> None:
        keys = set(shapes.predicates(node))
        if keys - _PROPERTY_KEYS:
            raise _Unsupported(keys - _PROPERTY_KEYS)
        one = lambda p: shapes.value(node, p)  # noqa: E731
        path = one(SH.path)
        if not isinstance(path, URIRef):
            raise _Unsupported("complex path")
        self.path = to_ox(path)
        self.min_count = int(one(SH.minCount)) if one(SH.minCount) is not None else None
        self.max_count = int(one(SH.maxCount)) if one(SH.maxCount) is not None else None
        self.datatype, self.node_kind = one(SH.datatype), one(SH.nodeKind)
        self.classes = frozenset(map(to_ox, subclasses(one(SH["class"])))) if one(SH["class"]) is not None else None
        self.pattern = re.compile(str(one(SH.pattern))) if one(SH.pattern) is not None else None
        self.min_length = int(one(SH.minLength)) if one(SH.minLength) is not None else None
        self.min_inclusive = one(SH.minInclusive)
        self.allowed = frozenset(map(to_ox, Collection(shapes, one(SH["in"])))) if one(SH["in"]) is not None else None
        self.any_datatype = None
        if one(SH["or"]) is not None:
            members = list(Collection(shapes, one(SH["or"])))
            if any(set(shapes.predicates(m)) != {SH.datatype} for m in members):
                raise _Unsupported("sh:or of anything but datatypes")
            self.any_datatype = {str(shapes.value(m, SH.datatype)) for m in members}
        self.less_or_equal = to_ox(one(SH.lessThanOrEquals)) if one(SH.lessThanOrEquals) is not None else None
        self.message = str(one(SH.message)) if one(SH.message) is not None else None
        self.short = _short(shapes, path)
        self.value_checks = [check for check in self._value_checks() if check is not None]

    def check(self, focus, values: list, index: _Index, found: list) -> None:
        """``values``: the focus node's values on ``path``."""
        if self.min_count is not None and len(values) < self.min_count:
            self._add(found, focus, f"Less than {self.min_count} values on {self.short}", None)
        if self.max_count is not None and len(values) > self.max_count:
            self._add(found, focus, f"More than {self.max_count} values on {self.short}", None)
        for value in values:
            for check in self.value_checks:
                problem = check(value, focus, index)
                if problem:
                    self._add(found, focus, problem, value)
                    break

    def _add(self, found: list, focus, text: str, value) -> None:
        found.append(Violation(focus=focus.value, path=self.short, message=self.message or text,
                               value=None if value is None else value.value))

    def _value_checks(self):
        """One function per constraint on each value, in the order of the reference engine: first failure wins."""
        datatype, kind, classes, pattern = self.datatype, self.node_kind, self.classes, self.pattern
        iri = str(datatype)
        yield (lambda v, f, i: None if _has_datatype(v, iri) else
               f"Value is not Literal with datatype {datatype}") if datatype is not None else None
        anyone = self.any_datatype
        yield (lambda v, f, i: None if any(_has_datatype(v, d) for d in anyone) else
               "Value does not conform to any of the sh:or datatypes") if anyone is not None else None
        is_kind = _NODE_KINDS[kind] if kind is not None else None  # looked up once: an rdflib key hashes slowly
        yield (lambda v, f, i: None if is_kind(v) else
               f"Value is not of node kind {kind}") if kind is not None else None
        yield (lambda v, f, i: None if i.is_a(v, classes) else
               f"Value does not have class {sorted(c.value for c in classes)[0]}") if classes is not None else None
        yield (lambda v, f, i: None if not isinstance(v, ox.BlankNode) and pattern.search(v.value) else
               f"Value does not match pattern {pattern.pattern!r}") if pattern is not None else None
        shortest = self.min_length
        yield (lambda v, f, i: None if not isinstance(v, ox.BlankNode) and len(v.value) >= shortest else
               f"Value is shorter than {shortest} characters") if shortest is not None else None
        allowed = self.allowed
        yield (lambda v, f, i: None if v in allowed else "Value is not in the allowed list") if allowed is not None else None
        bound = self.min_inclusive
        yield (lambda v, f, i: None if _at_least(v, bound) else
               f"Value is less than {bound}") if bound is not None else None
        other = self.less_or_equal
        yield (lambda v, f, i: next((f"Value is not <= the value of {other.value}" for o in i.values(f, other)
                                     if not _at_most(v, o)), None)) if other is not None else None


def _has_datatype(value, datatype: str) -> bool:
    """Whether ``value`` is a well-formed literal of ``datatype`` (an IRI string)."""
    if not isinstance(value, ox.Literal):
        return False
    if value.language:
        return datatype == _LANG_STRING
    own = value.datatype.value
    return own == datatype and (own == _STRING or _well_typed(value.value, own))


@lru_cache(maxsize=1 << 16)
def _well_typed(lexical: str, datatype: str) -> bool:
    """rdflib's (and so pySHACL's) judgement of a typed literal: does the text parse as its datatype?"""
    return not getattr(Literal(lexical, datatype=URIRef(datatype)), "ill_typed", False)


@lru_cache(maxsize=1 << 16)
def _python(term) -> object:
    return to_rdflib(term).toPython()


def _at_least(value, bound: Node) -> bool:
    try:
        return isinstance(value, ox.Literal) and _python(value) >= bound.toPython()
    except TypeError:
        return False


def _at_most(value, other) -> bool:
    try:
        return _python(value) <= _python(other)
    except TypeError:
        return False


class _NodeShape:
    def __init__(self, shapes: Graph, node: Node, subclasses) -> None:
        keys = set(shapes.predicates(node))
        if keys - _NODE_KEYS:
            raise _Unsupported(keys - _NODE_KEYS)
        self.targets = frozenset(to_ox(c) for t in shapes.objects(node, SH.targetClass) for c in subclasses(t))
        self.subjects_of = frozenset(to_ox(p) for p in shapes.objects(node, SH.targetSubjectsOf))
        self.node_kind = shapes.value(node, SH.nodeKind)
        self.is_kind = _NODE_KINDS[self.node_kind] if self.node_kind is not None else None
        self.properties = [_Property(shapes, p, subclasses) for p in shapes.objects(node, SH.property)]

    def focus_nodes(self, index: _Index) -> list:
        found = index.instances(self.targets)
        if self.subjects_of:
            found = list(dict.fromkeys([*found, *index.subjects_of(self.subjects_of)]))
        return found

    def check(self, focus, index: _Index, found: list) -> None:
        if self.is_kind is not None and not self.is_kind(focus):
            found.append(Violation(focus=focus.value, path=None, message=f"Node is not of kind {self.node_kind}"))
        by_predicate = index.out.get(focus, _EMPTY)
        for prop in self.properties:
            values = by_predicate.get(prop.path)
            if values is not None or prop.min_count:  # no value can break a minimum count only: most calls saved
                prop.check(focus, values or _NONE, index, found)


@lru_cache(maxsize=1)
def _compiled() -> list[_NodeShape] | None:
    shapes, ontology = _shapes(), _ontology()

    def subclasses(cls: Node) -> frozenset:
        return frozenset(ontology.transitive_subjects(RDFS.subClassOf, cls))

    try:
        return [_NodeShape(shapes, node, subclasses) for node in shapes.subjects(RDF.type, SH.NodeShape)]
    except (_Unsupported, KeyError):
        return None
