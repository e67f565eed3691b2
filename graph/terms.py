"""RDF terms in the two libraries dvkg uses: pyoxigraph (ingest, the store) and rdflib (tests, pySHACL, export).

Ingest builds, checks and stores pyoxigraph terms without going through
rdflib; these helpers cross over where a caller holds the other kind.
"""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import XSD, BNode, Literal, URIRef

__all__ = ["Terms", "OX_TERMS", "to_ox", "to_rdflib", "ox_triples", "index_triples"]

#: The pyoxigraph term classes (an article graph holds only these).
OX_TERMS = (ox.NamedNode, ox.Literal, ox.BlankNode)
_XSD_STRING = str(XSD.string)


class Terms:
    """The IRIs of an rdflib namespace as pyoxigraph nodes, each made once: ``Terms(DVKG).Person``."""

    def __init__(self, namespace) -> None:
        self._base = str(namespace)

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        node = ox.NamedNode(self._base + name)
        setattr(self, name, node)
        return node

    __getitem__ = __getattr__


def to_ox(term):
    """An rdflib term as a pyoxigraph term; a pyoxigraph term as it is."""
    if isinstance(term, OX_TERMS):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}: not an IRI, blank node or literal")


def to_rdflib(term):
    """A pyoxigraph term as the rdflib term it stands for (a plain literal for ``xsd:string``)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, (URIRef, BNode, Literal)):
        return term
    raise TypeError(f"not an RDF term: {term!r}")


def ox_triples(graph) -> list[tuple]:
    """(subject, predicate, object) in pyoxigraph terms, from rdflib or pyoxigraph triples.

    A triple holds pyoxigraph terms when its predicate is one, tested inline:
    this runs for every triple an ingest checks and writes.
    """
    named = ox.NamedNode
    return [t if type(t[1]) is named else (to_ox(t[0]), to_ox(t[1]), to_ox(t[2])) for t in graph]


def index_triples(triples, inverse) -> tuple[dict, dict]:
    """One graph's (pyoxigraph) triples as {subject: {predicate: [objects]}}, and {object: [subjects]} of the
    predicate ``inverse``: one pass, for the checks ingest runs on every article.

    Plain dicts filled by hand: nested defaultdicts made building this a third of the identity guess.
    """
    out: dict = {}
    back: dict = {}
    for s, p, o in triples:
        by_predicate = out.get(s)
        if by_predicate is None:
            by_predicate = out[s] = {}
        values = by_predicate.get(p)
        if values is None:
            by_predicate[p] = [o]
        else:
            values.append(o)
        if p == inverse:
            back.setdefault(o, []).append(s)
    return out, back
