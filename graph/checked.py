"""Checked graphs: an article's facts built into its graph, checked against the shapes, ready to write.

    check_article(facts, ingested_at=now)   → CheckedGraph, or raises ValidationError

Everything ingest does to one article that needs no store runs here, so that
worker processes do it where they extracted the article (``dvkg ingest
--workers N``) and the one process that writes only renames and loads: with
two workers, that process had been the limit (bench/README.md). The graph
travels as N-Triples text, the form it waits in for its bulk load
(``Store.add_articles``), with the ``Identities`` the guess of resolution
reads; ``renamed_ntriples`` applies that guess to the text (``renamed_triples`` to triples).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pyoxigraph as ox

from dvkg.graph.resolve import Identities
from dvkg.graph.store import as_ntriples
from dvkg.graph.triples import article_triples, graph_iri
from dvkg.graph.validate import check_fast
from dvkg.ingest.facts import Facts

__all__ = ["CheckedGraph", "check_article", "renamed_ntriples", "renamed_triples", "parsed_ntriples"]


@dataclass(frozen=True, slots=True)
class CheckedGraph:
    """One article's graph, conforming to the shapes, as its key IRIs name its persons and documents."""

    iri: str  # the article's named graph
    article: str  # the article's name, as ingest reports it
    ntriples: str  # its triples (``as_ntriples``)
    identities: Identities  # what resolution's guess reads of it


def check_article(facts: Facts, *, ingested_at: datetime) -> CheckedGraph:
    """Build the graph of ``facts`` and check it with the compiled shapes; ``ValidationError`` when it fails."""
    triples = article_triples(facts, ingested_at=ingested_at)
    check_fast(triples, article=facts.source)
    return CheckedGraph(str(graph_iri(facts)), facts.article, as_ntriples(triples), Identities.of(triples))


def renamed_ntriples(text: str, renames: dict[str, str] | None) -> str:
    """N-Triples ``text`` with the nodes ``renames`` maps (IRI → IRI) renamed, as subject and as object.

    A renamed node is a person or a document, never a predicate; matched at the
    start of a line or before its closing `` .``, so no literal can match
    (an N-Triples literal has no raw line break). The shapes were checked on
    the graph as the article gives it: the renames are resolution's, which
    renames stored graphs the same way.
    """
    if not renames:
        return text
    if not renames.keys().isdisjoint(renames.values()):  # a chain (a → b, b → c): rename all at once instead
        return as_ntriples(renamed_triples(parsed_ntriples(text), renames))
    text = "\n" + text
    for old, new in renames.items():
        text = text.replace(f"\n<{old}> ", f"\n<{new}> ").replace(f" <{old}> .\n", f" <{new}> .\n")
    return text[1:]


def renamed_triples(triples: list, renames: dict[str, str]) -> list:
    """``triples`` (pyoxigraph terms) with the nodes ``renames`` maps renamed, all at once; each triple once."""
    swap = {ox.NamedNode(k): ox.NamedNode(v) for k, v in renames.items()}
    return list(dict.fromkeys((swap.get(s, s), p, swap.get(o, o)) for s, p, o in triples))


def parsed_ntriples(text: str) -> list[tuple]:
    """The triples of N-Triples ``text`` as pyoxigraph terms: a checked graph that replaces a stored one."""
    return [(t.subject, t.predicate, t.object) for t in ox.parse(text.encode("utf-8"), ox.RdfFormat.N_TRIPLES)]
