"""The library behind the CLI: one function per command.

    ingest(paths, store)        articles → facts → triples → store; no article is ever half written
    extract(paths)              articles → facts, the store untouched
    query(store, q, params)     named query, .rq file or SPARQL text → rows
    export(store, path, fmt)    the store → Turtle, TriG, N-Quads, JSON-LD
    viz(store, path)            the store → one offline interactive HTML page, and PNG/SVG pictures
    remove(store, articles)     retract articles' graphs, then resolve identity again
    validate(store)             every stored graph against the SHACL shapes (pySHACL)
    people(store, ...)          resolved persons, likely duplicates, and verdicts on them
    ask(store, question)        a question in Vietnamese or English → named query → answers with evidence
"""
from __future__ import annotations

import functools
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import URIRef

from dvkg.errors import ArticleError, DvkgError, ExtractionError, ValidationError
from dvkg.graph import resolve as resolution
from dvkg.graph.checked import CheckedGraph, check_article, parsed_ntriples, renamed_ntriples, renamed_triples
from dvkg.graph.export import export
from dvkg.graph.html import write_html
from dvkg.graph.iris import graph_iri as graph_iri_of
from dvkg.graph.network import build_network, network_view
from dvkg.graph.picture import write_picture, write_timeline
from dvkg.graph.remote import RemoteStore, is_store_url
from dvkg.graph.store import QueryResult, Store
from dvkg.graph.validate import ValidationReport, validate as validate_graph
from dvkg.ingest.facts import Facts, Unchanged
from dvkg.ingest.parallel import DEFAULT_BATCH_SIZE, extract_parallel
from dvkg.ingest.pipeline import extract_paths
from dvkg.ontology import DVKG, PROV
from dvkg.queries.runner import run_query

__all__ = ["IngestReport", "ingest", "store_facts", "stored_inputs", "extract", "query", "export", "viz", "open_store",
           "remove", "validate", "people", "review", "ask"]


@dataclass
class IngestReport:
    """What one ``ingest`` run did."""

    written: list[str] = field(default_factory=list)  # articles whose graph was (re)written
    unchanged: list[str] = field(default_factory=list)  # articles already stored as they are
    errors: list[str] = field(default_factory=list)  # one line per input that could not be ingested
    resolution: resolution.Resolution | None = None  # what entity resolution did after the batch
    compacted: bool = False  # whether the store was compacted after it (``ingest``)

    @property
    def ingested(self) -> int:
        return len(self.written) + len(self.unchanged)

    def summary(self) -> str:
        return (
            f"{self.ingested} article(s) ingested: {len(self.written)} written, "
            f"{len(self.unchanged)} unchanged, {len(self.errors)} failed"
        )


def open_store(path: str | Path | None) -> Store:
    """The embedded store in directory ``path`` (created if missing), in memory for None, or, for an
    ``http(s)://`` URL, a SPARQL 1.1 server (``dvkg.graph.remote.RemoteStore``: same methods)."""
    if is_store_url(path):
        return RemoteStore.connect(path)
    if path is not None:
        Path(path).mkdir(parents=True, exist_ok=True)
    return Store.open(path)


def extract(paths: Iterable[str | Path]) -> Iterator[Facts | DvkgError]:
    """Facts for every article under ``paths``; unreadable inputs come out as errors, in order."""
    return extract_paths([str(p) for p in paths])


#: New articles written together in one atomic bulk load (``Store.add_articles``).
WRITE_GROUP = 1000


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    on_article: Callable[[str | None], None] | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    write_group: int = WRITE_GROUP,
    resolve_every: int | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read, extract and store every article under ``paths``.

    Each article's graph must pass the SHACL shapes; a bad article is reported
    and skipped, and nothing already stored is touched. Articles new to the
    store are written ``write_group`` at a time in one atomic bulk load; an
    article already stored is replaced in its own transaction, and one that is
    unchanged is left as it is. Either way a crash leaves no article half
    written, and rerunning the same command writes what is missing.
    ``on_article`` is called once per input, when it is done: with its error
    line, or with None (a new article may still wait for its group).

    An article whose input hash is stored (the same name, source, text and
    metadata, read by the same rules: ``dvkg.ingest.version``) is not
    extracted again and counts as unchanged.

    Extraction runs in this process, in ``workers`` processes, or on the Dask
    cluster at ``scheduler`` (``tcp://HOST:PORT``), ``batch_size`` articles a
    task; then the workers also build and check each article's graph
    (``dvkg.graph.checked``), articles arrive in the order they are done, and
    this process alone writes them to the store (see ``dvkg.ingest.parallel``).

    Identity is resolved once at the end, or also after about every
    ``resolve_every`` new articles: then the first resolution of an empty
    store reads that many articles, and each later one the names and codes
    of the articles since, so a very large first ingest never holds every
    mention of the store in memory at once.

    A run that at least doubles an embedded store then compacts it (``Store.compact``).
    ``on_stage`` is told of these two stages as they start ("resolving
    identity", "compacting the store").
    """
    now = datetime.now(timezone.utc).replace(microsecond=0)
    stage = on_stage or (lambda name: None)
    with _long_run_collector():
        stored = stored_inputs(store)
        items = _extracted(paths, workers, scheduler, batch_size, stored, now)
        report = store_facts(items, store, on_article=on_article, write_group=write_group, now=now,
                             resolve_every=resolve_every)
        # Identity across articles, once per batch: the names and documents of the articles written (or
        # written by a run that stopped before resolving), or everything when the last resolution was cut short.
        stage("resolving identity")
        report.resolution = resolution.resolve_changes(store) or report.resolution
        # Compacting drops the entries that resolution and replaced articles superseded and merges
        # RocksDB's files (Oxigraph advises it after a batch load): the store shrinks by about 14 %
        # (75 against 86 MB per 1,000 articles). It costs time in step with the store's size (2-3 s
        # a million quads), so it is paid when a run at least doubles the store: a constant share
        # of ingest (about 0.5 ms an article), however the store grows.
        if isinstance(store, Store) and report.written and len(report.written) >= len(stored):
            stage("compacting the store")
            store.compact()
            report.compacted = True
    return report


@contextmanager
def _long_run_collector():
    """Python's cycle collector tuned for a long ingest, and put back after.

    Extraction makes and drops millions of small objects while the process
    holds large lasting ones (the lexicons, the identity guess, the store's
    article list), which the default thresholds had the collector scan over
    and over. Objects made before the run are frozen (left out of
    collections until the run ends) and collections are rarer.
    ``bench/ingest_speed.py`` at 2,000 articles, the same code with and
    without this, side by side: 55 against 62 and 74 against 84 articles a
    second (bench/README.md).
    """
    thresholds = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def store_facts(
    items: Iterable[Facts | CheckedGraph | Unchanged | DvkgError],
    store: Store,
    *,
    on_article: Callable[[str | None], None] | None = None,
    write_group: int = WRITE_GROUP,
    now: datetime | None = None,
    guess_identities: bool = True,
    resolve_every: int | None = None,
) -> IngestReport:
    """``ingest`` after extraction and before identity resolution: build, check and write each article's graph.

    ``items`` are extracted articles (or their graphs, built and checked by
    ``check_article`` with the same ``now``), or errors to report. Persons and
    documents of articles already stored keep the nodes the last resolution
    gave them; those of new articles get the ones it will most likely give
    (``guess_identities``), so it has little to rename. ``now`` is the ingest
    time written in the provenance (default: the current second).
    """
    report = IngestReport()
    stored = store.articles()
    writer = _ArticleWriter(store, report, on_article, write_group, stored, resolve_every)
    now = now or datetime.now(timezone.utc).replace(microsecond=0)
    forecast = resolution.Forecast(graphs=writer.group) if guess_identities else None
    for item in items:
        if isinstance(item, Facts):  # extracted here: built and checked here too
            try:
                item = check_article(item, ingested_at=now)
            except ValidationError as err:
                item = err
        if isinstance(item, (ArticleError, ExtractionError, ValidationError)):
            writer.failed(str(item))
        elif isinstance(item, Unchanged):
            writer.done(report.unchanged, item.article)
        else:
            _store_article(item, writer, forecast)
    writer.flush()
    return report


def stored_inputs(store: Store) -> set[str]:
    """The input hashes of the stored articles (the ``input`` column of ``queries/articles.rq``).

    Read by the one pattern that holds them: listing the articles with every column took 290 ms at
    4,600 articles, this 16 ms, and ingest reads them before every batch.
    """
    return {value for value, in store.query(
        f"SELECT ?input WHERE {{ GRAPH ?g {{ ?article <{DVKG.inputHash}> ?input }} }}").rows}


def _extracted(paths, workers: int, scheduler: str | None, batch_size: int, stored: set[str],
               now: datetime) -> Iterator[Facts | CheckedGraph | Unchanged | DvkgError]:
    paths = [str(p) for p in paths]
    if scheduler is None and workers <= 1:
        return extract_paths(paths, stored=stored)
    return extract_parallel(paths, workers=workers, scheduler=scheduler, batch_size=batch_size, stored=stored,
                            then=functools.partial(check_article, ingested_at=now))


def _store_article(checked: CheckedGraph, writer: _ArticleWriter, forecast: resolution.Forecast | None) -> None:
    """Write a checked graph, its nodes named as the last resolution named them, or for a new article as the
    next one likely will."""
    if checked.iri in writer.stored:
        triples = parsed_ntriples(checked.ntriples)
        renamed = resolution.assignments(writer.store, checked.iri)
        writer.replace(checked.iri, renamed_triples(triples, renamed) if renamed else triples, checked.article)
    else:
        renamed = forecast.renames(checked.iri, checked.identities) if forecast is not None else None
        writer.add(checked.iri, renamed_ntriples(checked.ntriples, renamed), checked.identities, checked.article)


class _ArticleWriter:
    """Writes checked article graphs, new ones in groups and stored ones one at a time, and reports each."""

    def __init__(self, store: Store, report: IngestReport, on_article, group: int, stored: Iterable[str],
                 resolve_every: int | None = None):
        self.store, self.report, self.on_article, self.group = store, report, on_article, max(1, group)
        self.new: dict[str, str] = {}  # graph IRI → a new article not written yet, as N-Triples (``as_ntriples``)
        self.keys: dict[str, tuple] = {}  # graph IRI → the names and documents of that article, to note
        self.stored = set(stored)  # graph IRIs in the store: read once, not asked for article by article
        self.resolve_every, self.unresolved = resolve_every, 0
        # Changes are noted for resolution only once one has completed (``resolution.note_changes``).
        self.noting = resolution.is_resolved(store)

    def replace(self, graph: str, triples: list, article: str) -> None:
        """Write the graph of an article already stored, in its own transaction."""
        if graph in self.new:  # written earlier in this group: stored first, then replaced
            self.flush()
        # The ingest time is provenance, not content: an article whose facts are
        # unchanged keeps its stored graph, so re-ingesting it is a no-op.
        stored = None
        if self.noting:  # the names and documents of the old graph and of the new, the old read once for both
            stored = self.store.graph_triples(graph)
            resolution.note_keys(self.store, {graph: resolution.keys_in([*stored, *triples])})
        changed = self.store.write_article(graph, triples, volatile=(PROV.generatedAtTime,), stored=stored)
        self.done(self.report.written if changed else self.report.unchanged, article)

    def add(self, graph: str, ntriples: str, identities: resolution.Identities, article: str) -> None:
        """Hold the graph of an article new to the store (``as_ntriples``) for its group's bulk load."""
        if graph in self.new:  # the same article twice in a group: the second replaces the first
            self.replace(graph, parsed_ntriples(ntriples), article)
            return
        self.new[graph] = ntriples
        if self.noting:
            self.keys[graph] = identities.keys()
        self.done(self.report.written, article)
        if len(self.new) >= self.group:
            self.flush()

    def flush(self) -> None:
        if self.new:
            resolution.note_keys(self.store, self.keys)
            self.store.add_articles(self.new)
            self.stored.update(self.new)
            self.unresolved += len(self.new)
            self.new, self.keys = {}, {}
        if self.resolve_every and self.unresolved >= self.resolve_every:
            self.report.resolution = resolution.resolve_changes(self.store) or self.report.resolution
            self.unresolved, self.noting = 0, True

    def done(self, outcome: list[str], article: str) -> None:
        outcome.append(article)
        if self.on_article is not None:
            self.on_article(None)

    def failed(self, error: str) -> None:
        self.report.errors.append(error)
        if self.on_article is not None:
            self.on_article(error)


def remove(store: Store, articles: Iterable[str]) -> tuple[list[str], list[str]]:
    """Retract articles by name (``000_x.txt``), article IRI or graph IRI; (removed, not found).

    Each removal drops one named graph in one transaction; the names and
    documents it named are then resolved again, so a namesake split that
    rested on a removed article goes too.
    """
    removed, missing = [], []
    for name in articles:
        graph = _graph_for(name)
        resolution.note_changes(store, {graph: store.graph_triples(graph)})  # nothing for a graph not stored
        (removed if store.remove_article(graph) else missing).append(name)
    if removed:
        resolution.resolve_changes(store)
    return removed, missing


def _graph_for(name: str) -> str:
    if "/id/graph/" in name:
        return name
    if "/id/article/" in name:
        return name.replace("/id/article/", "/id/graph/", 1)
    return str(graph_iri_of(Path(name).name if "/" in name and not name.startswith("http") else name))


def validate(store: Store, *, on_graph: Callable[[str], None] | None = None) -> dict[str, ValidationReport]:
    """Every stored graph (articles and resolution) checked with pySHACL; graph IRI → report of those that fail."""
    failing = {}
    dataset = store.dataset()
    for graph in store.graphs():
        report = validate_graph(dataset.graph(URIRef(graph)))
        if not report.conforms:
            failing[graph] = report
        if on_graph is not None:
            on_graph(graph)
    return failing


def people(store: Store) -> resolution.Resolution:
    """Persons as resolved, with the mentions behind each node and the pairs worth a look (no write)."""
    return resolution.resolve(store, write=False, details=True)


def review(store: Store, pair: str, verdict: str | None, reason: str = "") -> str:
    """Give (``same``/``different``) or take back (None) a verdict on a pair listed by ``people --duplicates``."""
    if verdict is None:
        return "undone" if resolution.remove_override(store, pair) else "no verdict to undo"
    if verdict not in (resolution.SAME, resolution.DIFFERENT):
        raise DvkgError(f"verdict must be 'same' or 'different', not {verdict!r}")
    candidate = resolution.add_override(store, pair, verdict, reason)
    return f"{candidate.name}: {candidate.first.label} and {candidate.second.label} recorded as {verdict}"


def query(store: Store, name_or_sparql: str, params: dict[str, object] | None = None) -> QueryResult:
    """Rows of a named query (``chairs``), a ``.rq`` file, or SPARQL text."""
    return run_query(store, name_or_sparql, params)


def ask(store: Store, question: str):
    """Answer a question (``Ai chủ trì hội nghị ... ở Sơn La?``) with a named query; a ``Reply`` with evidence.

    A question no form fits raises ``QuestionError`` (a ``QueryError``) listing the forms understood.
    """
    from dvkg.queries.ask import ask as answer

    return answer(store, question)


def viz(
    store: Store,
    path: str | Path | None,
    *,
    title: str = "dvkg network",
    focus: str | None = None,
    depth: int = 1,
    document: str | None = None,
    people_only: bool = False,
    pictures: Iterable[str | Path] = (),
    timeline: str | None = None,
) -> list[Path]:
    """Write the store's network as one self-contained HTML page (``path``) and static pictures.

    The view is the whole graph, or what is around ``document`` (a code such as
    ``25-NQ/TW``), people only (co-participation, weighted), and/or within
    ``depth`` links of ``focus`` (a name). ``pictures`` (.png/.svg) draw the
    same view, or the person ``timeline`` names. Returns the files written.
    """
    whole = build_network(store.dataset())
    shown = network_view(whole, focus=focus, depth=depth, document=document, people_only=people_only)
    written = [write_html(shown, path, title=title)] if path is not None else []
    for picture in pictures:
        written.append(write_timeline(whole, timeline, picture) if timeline else write_picture(shown, picture, title=title))
    return written
