"""The library behind the CLI: one function per command.

    ingest(paths, store)        articles → facts → triples → store, one transaction per article
    extract(paths)              articles → facts, the store untouched
    query(store, q, params)     named query, .rq file or SPARQL text → rows
    export(store, path, fmt)    the store → Turtle, TriG, N-Quads, JSON-LD
    viz(store, path)            the store → one offline interactive HTML page
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from dvkg.errors import ArticleError, DvkgError, ExtractionError, ValidationError
from dvkg.graph.export import export
from dvkg.graph.html import write_html
from dvkg.graph.network import build_network
from dvkg.graph.store import QueryResult, Store
from dvkg.graph.triples import article_graph, graph_iri
from dvkg.graph.validate import check
from dvkg.ingest.facts import Facts
from dvkg.ontology import PROV
from dvkg.ingest.pipeline import extract_paths
from dvkg.queries.runner import run_query

__all__ = ["IngestReport", "ingest", "extract", "query", "export", "viz", "open_store"]


@dataclass
class IngestReport:
    """What one ``ingest`` run did."""

    written: list[str] = field(default_factory=list)  # articles whose graph was (re)written
    unchanged: list[str] = field(default_factory=list)  # articles already stored as they are
    errors: list[str] = field(default_factory=list)  # one line per input that could not be ingested

    @property
    def ingested(self) -> int:
        return len(self.written) + len(self.unchanged)

    def summary(self) -> str:
        return (
            f"{self.ingested} article(s) ingested: {len(self.written)} written, "
            f"{len(self.unchanged)} unchanged, {len(self.errors)} failed"
        )


def open_store(path: str | Path | None) -> Store:
    """The embedded store in directory ``path`` (created if missing), or in memory for None."""
    if path is not None:
        Path(path).mkdir(parents=True, exist_ok=True)
    return Store.open(path)


def extract(paths: Iterable[str | Path]) -> Iterator[Facts | DvkgError]:
    """Facts for every article under ``paths``; unreadable inputs come out as errors, in order."""
    return extract_paths([str(p) for p in paths])


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    on_article: Callable[[str | None], None] | None = None,
) -> IngestReport:
    """Read, extract and store every article under ``paths``.

    Each article replaces its own named graph in one transaction, after its
    graph has passed the SHACL shapes; a bad article is reported and skipped,
    and nothing already stored is touched. Re-ingesting an unchanged article
    changes nothing. ``on_article`` is called after each input with the
    error line for it, or None when it was stored.
    """
    report = IngestReport()
    now = datetime.now(timezone.utc).replace(microsecond=0)
    for item in extract(paths):
        failed = len(report.errors)
        if isinstance(item, (ArticleError, ExtractionError)):
            report.errors.append(str(item))
        else:
            _store_article(item, store, now, report)
        if on_article is not None:
            on_article(report.errors[-1] if len(report.errors) > failed else None)
    return report


def _store_article(facts: Facts, store: Store, now: datetime, report: IngestReport) -> None:
    graph = article_graph(facts, ingested_at=now)
    try:
        check(graph, article=facts.source)
    except ValidationError as err:
        report.errors.append(str(err))
        return
    # The ingest time is provenance, not content: an article whose facts are
    # unchanged keeps its stored graph, so re-ingesting it is a no-op.
    if store.write_article(graph_iri(facts), graph, volatile=(PROV.generatedAtTime,)):
        report.written.append(facts.article)
    else:
        report.unchanged.append(facts.article)


def query(store: Store, name_or_sparql: str, params: dict[str, object] | None = None) -> QueryResult:
    """Rows of a named query (``chairs``), a ``.rq`` file, or SPARQL text."""
    return run_query(store, name_or_sparql, params)


def viz(store: Store, path: str | Path, *, title: str = "dvkg network") -> Path:
    """Write the store's network as one self-contained HTML page."""
    return write_html(build_network(store.dataset()), path, title=title)
