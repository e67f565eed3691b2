"""The embedded store: one pyoxigraph (RocksDB) directory, one named graph per article.

Articles new to the store are written in groups, each one atomic bulk load
(``add_articles``); writing a stored article replaces its named graph in one
SPARQL Update that deletes and inserts only the triples that differ
(``write_article``). Queries see the union of all named graphs. Nothing here
reaches the network: ``SERVICE`` is refused.
"""
from __future__ import annotations

import csv
import io
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from dvkg.errors import QueryError, StoreError, StoreLockedError
from dvkg.graph.iris import is_article_graph
from dvkg.graph.terms import ox_triples, to_ox
from dvkg.ontology import bind_prefixes

__all__ = ["Store", "QueryResult", "offline_rdflib", "as_ntriples"]

Binding = Node | str


def offline_rdflib() -> None:
    """Stop rdflib's SPARQL engine from reaching the network, for every query in this process.

    By default rdflib loads each ``FROM <http...>``/``FROM NAMED`` graph from
    the web and runs ``SERVICE`` over HTTP. dvkg queries go to Oxigraph, which
    does neither, but pySHACL and any rdflib query a user runs go through
    rdflib: graph loading is switched off and ``SERVICE`` raises.
    """
    import rdflib.plugins.sparql as rdflib_sparql

    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    rdflib_sparql.CUSTOM_EVALS["dvkg_no_service"] = _refuse_rdflib_service


def _refuse_rdflib_service(ctx, part):
    if getattr(part, "name", None) == "ServiceGraphPattern":
        raise QueryError("SERVICE is not allowed: dvkg queries run on the local store only, never over the network")
    raise NotImplementedError()  # any other part: rdflib's own evaluation


offline_rdflib()


@dataclass
class QueryResult:
    """Rows of plain strings (IRIs as their string, unbound as None), ready to display."""

    columns: list[str]
    rows: list[tuple[str | None, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(["" if v is None else v for v in row] for row in self.rows)
        return out.getvalue()

    def to_json(self) -> str:
        """A JSON array with one object per row."""
        records = [dict(zip(self.columns, row)) for row in self.rows]
        return json.dumps(records, ensure_ascii=False, indent=2)

    def to_table(self) -> str:
        """An aligned text table, header underlined."""
        cells = [self.columns] + [["" if v is None else v for v in row] for row in self.rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.columns))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines) + "\n"


class Store:
    """A dvkg store in ``path`` (a directory), or in memory when ``path`` is None."""

    def __init__(self, inner: ox.Store, path: Path | None):
        self._store: ox.Store | None = inner
        self.path = path
        # Bumped by every write. The directory is locked to this process, so an
        # unchanged number means unchanged data: what is derived from the whole
        # store (the name index of ``dvkg ask``) can be kept until it moves.
        self.generation = 0

    @classmethod
    def open(cls, path: str | Path | None) -> Store:
        if path is None:
            return cls(ox.Store(), None)
        path = Path(path)
        try:
            return cls(ox.Store(str(path)), path)
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreLockedError(
                    f"store {path} is in use by another dvkg process; wait for it or use another --store"
                ) from None
            raise StoreError(f"cannot open store {path}: {error}") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the directory (and its lock)."""
        if self._store is not None and self.path is not None:
            self._store.flush()
        self._store = None  # dropping the last reference closes RocksDB

    def compact(self) -> None:
        """Compact the database files: RocksDB drops superseded entries and the write-ahead logs, and merges
        its files (Oxigraph advises it after a batch load)."""
        self._db.optimize()

    @property
    def _db(self) -> ox.Store:
        if self._store is None:
            raise StoreError("the store is closed")
        return self._store

    # ------------------------------------------------------------- writing

    def write_article(self, graph_iri: str | URIRef, graph, *, volatile: tuple[URIRef, ...] = (),
                      stored: list[ox.Triple] | None = None) -> bool:
        """Replace the named graph ``graph_iri`` with ``graph``; False when it was already identical.

        ``graph`` is an rdflib graph or any iterable of (subject, predicate,
        object) in rdflib or pyoxigraph terms. Triples whose predicate is in
        ``volatile`` (an ingest time) do not count as a change: an article whose
        facts are the same is left as stored. Either way it is one transaction:
        a reader (or a crash) sees the old graph or the new one, never a mix.
        ``stored``: the graph's ``graph_triples``, when the caller has read them
        already (they are not read again).
        """
        name = ox.NamedNode(str(graph_iri))
        triples = ox_triples(graph)
        if not self._db.contains_named_graph(name):  # a new article: one atomic insert
            with self._writing():
                if triples:
                    self._db.extend([ox.Quad(s, p, o, name) for s, p, o in triples])
                else:
                    self._db.add_graph(name)
            return True
        new = _stored_form(triples)
        stored = self._stored_triples(name) if stored is None else {(t.subject, t.predicate, t.object) for t in stored}
        if _lasting(new, volatile) == _lasting(stored, volatile):
            return False
        self._update(_replacement(name, stored, new))  # one update request = one transaction
        return True

    def add_articles(self, graphs: dict[str, str]) -> None:
        """Write several article graphs that are new to the store (graph IRI → ``as_ntriples`` of its triples),
        all of them or none.

        One bulk load: Oxigraph writes the quads as sorted RocksDB files and
        ingests them in one atomic step, at about a third of a transaction's
        cost a quad (``bench/README.md``). A crash leaves every one of these
        graphs or none of them. A graph already stored would be merged with,
        not replaced: use ``write_article`` for those. An empty graph is not
        stored (an article graph always holds its article). The graphs are
        read as one TriG document, so a blank node gets a fresh label, the
        same in every graph of the call that names it (article graphs have none).
        """
        self._bulk_load(graphs)

    def add_triples(self, graph_iri: str | URIRef, triples) -> None:
        """Add triples to a named graph (stored or not) in one bulk load: all of them or none.

        For a large write of new triples: a transaction holds all of them in
        memory and RocksDB's write buffers, a bulk load writes sorted files.
        """
        self._bulk_load({str(graph_iri): as_ntriples(triples)})

    def _bulk_load(self, graphs: dict[str, str]) -> None:
        """One atomic bulk load of named graphs given as N-Triples text (graph IRI → ``as_ntriples``)."""
        document = "".join([f"{ox.NamedNode(str(iri))} {{\n{text}}}\n" for iri, text in graphs.items()])
        with self._writing():
            # Lenient: the IRIs are not checked again, each was checked when its pyoxigraph term was made.
            self._db.bulk_load(document.encode("utf-8"), ox.RdfFormat.TRIG, lenient=True)

    def has_graph(self, graph_iri: str | URIRef) -> bool:
        """Whether the named graph is stored."""
        return self._db.contains_named_graph(ox.NamedNode(str(graph_iri)))

    def remove_article(self, graph_iri: str | URIRef) -> bool:
        """Drop the named graph; False when there was none."""
        if not self.has_graph(graph_iri):
            return False
        self._update(f"DROP SILENT GRAPH {ox.NamedNode(str(graph_iri))}")
        return True

    def replace_graphs(self, graphs: dict[str, list[ox.Triple] | None]) -> None:
        """Replace (or, for None, drop) several named graphs in one transaction.

        Entity resolution uses it for its overrides graph; only the triples
        that differ are written.
        """
        self.rename_nodes({}, graphs)

    def rename_nodes(self, renamed: dict[str, dict[str, str]], graphs: dict[str, list | None] | None = None, *,
                     patches: dict[str, tuple[set, set]] | None = None) -> None:
        """Rename nodes inside named graphs (graph IRI → {old IRI: new IRI}), replace ``graphs`` and patch ``patches``.

        ``patches`` (graph IRI → (triples to delete, triples to insert)) change
        part of a graph: a resolution of a few names rewrites their records only.

        Only the triples that name an old IRI are rewritten, as subject or
        object: entity resolution applies its decisions to the article graphs
        this way, together with its own graph. A change of up to
        ``STEP_TRIPLES`` triples is one transaction, so a crash leaves all or
        none. A larger one (a resolution that replaces the records of many
        names) goes in transactions of about that many triples,
        the article graphs first and each whole: one SPARQL update holds its
        whole text and parse in memory, about 4 KB a triple. Resolution marks
        its graph done only after the last step (``graph/resolve.py``), so a
        run cut short is finished by the next one.

        The write buffers are then flushed to disk: resolution renames a group
        of names at a time, and RocksDB kept each group's writes in memory
        (a first resolution of 40,000 synthetic articles grew from 640 to 930
        MB over its groups; flushed, it stays about 800).
        """
        edits = []  # (graph, triples to delete, triples to insert, an update to run first)
        for iri, mapping in sorted(renamed.items()):
            name = ox.NamedNode(str(iri))
            swap = {ox.NamedNode(k): ox.NamedNode(v) for k, v in mapping.items()}
            touched = {(q.subject, q.predicate, q.object) for old in swap for q in (
                *self._db.quads_for_pattern(old, None, None, name), *self._db.quads_for_pattern(None, None, old, name))}
            moved = {(swap.get(s, s), p, swap.get(o, o)) for s, p, o in touched}
            edits.append((name, touched - moved, moved - touched, ""))
        for iri, triples in sorted((graphs or {}).items()):
            name = ox.NamedNode(str(iri))
            if triples is None:
                edits.append((name, set(), set(), f"DROP SILENT GRAPH {name}"))
            else:
                edits.append(_replacing(name, self._stored_triples(name), set(ox_triples(triples))))
        for iri, (gone, added) in sorted((patches or {}).items()):
            edits.append((ox.NamedNode(str(iri)), set(gone) - set(added), set(added) - set(gone), ""))
        for text in _steps(edits):
            self._update(text)
        if edits and self.path is not None:
            with self._writing():
                self._db.flush()

    def graph_triples(self, graph_iri: str | URIRef) -> list[ox.Triple]:
        """The triples of one named graph, as pyoxigraph terms."""
        name = ox.NamedNode(str(graph_iri))
        return [q.triple for q in self._db.quads_for_pattern(None, None, None, name)]

    def select_terms(self, sparql: str) -> list[tuple]:
        """The rows of a SELECT over the union of the named graphs, as pyoxigraph terms in column order."""
        return [tuple(solution) for solution in self._db.query(sparql, use_default_graph_as_union=True)]

    def update(self, sparql: str) -> None:
        """Run one SPARQL Update: one transaction (``RemoteStore.update`` sends one to a server)."""
        self._update(sparql)

    def _update(self, update: str) -> None:
        with self._writing():
            self._db.update(update)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            yield
        except OSError as error:
            raise StoreError(f"cannot write store {self.path or '(memory)'}: {error}") from None
        finally:
            self.generation += 1  # even after a failure: what was read before may be stale

    def _stored_triples(self, name: ox.NamedNode) -> set[tuple]:
        return {(q.subject, q.predicate, q.object) for q in self._db.quads_for_pattern(None, None, None, name)}

    # ------------------------------------------------------------- reading

    def articles(self) -> list[str]:
        """The IRIs of the article graphs, one per article, sorted (not the resolution graphs)."""
        return [g for g in self.graphs() if is_article_graph(g)]

    def graphs(self) -> list[str]:
        """The IRIs of every named graph, sorted: the articles' and ``id/graph/_resolution``, ``_overrides``."""
        return sorted(g.value for g in self._db.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return len(self._db)

    def query(self, sparql: str, bindings: dict[str, Binding] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all named graphs.

        ``bindings`` fix variables (``{"person": "Lò Minh Hùng"}``) through
        pyoxigraph's substitutions: values are terms, never pasted into the text.
        A ``str`` value is an IRI when it looks like one, else a plain literal.
        """
        _refuse_service(sparql)
        with self._reading(sparql):
            substitutions = {ox.Variable(k.lstrip("?$")): to_ox(_binding_term(v)) for k, v in (bindings or {}).items()}
            results = self._db.query(sparql, use_default_graph_as_union=True, substitutions=substitutions or None)
            return _result(results)

    def rows(self, sparql: str) -> Iterator[tuple[str | None, ...]]:
        """The rows of a SELECT as ``query`` gives them, one at a time, so that a scan of the whole store
        (resolution's first pass reads every person this way) is never held in memory at once."""
        _refuse_service(sparql)
        with self._reading(sparql):
            for solution in self._db.query(sparql, use_default_graph_as_union=True):
                yield _row(solution)

    @contextmanager
    def _reading(self, sparql: str) -> Iterator[None]:
        """A query's failures as dvkg's errors: a syntax error with its position, a store that cannot be read."""
        try:
            yield
        except SyntaxError as error:
            raise _syntax_error(error, sparql) from None
        except (RuntimeError, ValueError, TypeError) as error:
            raise QueryError(f"cannot run the query: {error}") from None
        except OSError as error:
            raise StoreError(f"cannot read store {self.path or '(memory)'}: {error}") from None

    def dataset(self) -> Dataset:
        """All named graphs as an rdflib ``Dataset`` (for export)."""
        dataset = Dataset()
        bind_prefixes(dataset)
        data = self._db.dump(format=ox.RdfFormat.N_QUADS)
        if data:
            dataset.parse(data=data.decode("utf-8"), format="nquads")
        return dataset


# ------------------------------------------------------------ term helpers


def as_ntriples(graph) -> str:
    """A graph (rdflib or pyoxigraph triples) as N-Triples lines: the form new articles wait in for ``add_articles``.

    Text rather than terms because ingest holds a thousand articles before it
    writes them: as term tuples they are a quarter of a million objects that
    Python's garbage collector scans again at each of its full passes
    (0.9 ms an article at 2,000 articles); a string is never scanned.
    """
    return "".join([f"{s} {p} {o} .\n" for s, p, o in ox_triples(graph)])


# Literals of these datatypes come back from the store as they went in; others may be canonicalised.
_AS_GIVEN = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}
_SCRATCH = ox.NamedNode("urn:dvkg:scratch")


def _stored_form(triples: list[tuple]) -> set[tuple]:
    """The triples in the form the store gives them back.

    pyoxigraph canonicalises some literals (every integer type becomes
    ``xsd:integer``, ``+00:00`` becomes ``Z``), so each typed literal goes
    once through a scratch in-memory store (``_canonical``) before the new
    graph is compared with the stored one.
    """
    return {(s, p, _canonical(o)) if isinstance(o, ox.Literal) and o.datatype.value not in _AS_GIVEN else (s, p, o)
            for s, p, o in triples}


@lru_cache(maxsize=1 << 16)
def _canonical(literal: ox.Literal) -> ox.Literal:
    scratch = ox.Store()
    scratch.add(ox.Quad(_SCRATCH, _SCRATCH, literal))
    return next(iter(scratch)).object


def _lasting(triples: set[tuple], volatile: tuple[URIRef, ...]) -> set[tuple]:
    if not volatile:
        return triples
    skip = {ox.NamedNode(str(p)) for p in volatile}
    return {t for t in triples if t[1] not in skip}


#: Triples one update writes at most (``Store.rename_nodes``).
STEP_TRIPLES = 50_000


def _replacement(name: ox.NamedNode, stored: set[tuple], new: set[tuple]) -> str:
    """The update that turns the graph ``name`` from ``stored`` into ``new``: only the triples that differ."""
    return _edit(*_replacing(name, stored, new))


def _replacing(name: ox.NamedNode, stored: set[tuple], new: set[tuple]) -> tuple:
    """(graph, triples to delete, triples to insert, an update to run first) turning ``name`` from ``stored`` into ``new``.

    A literal the store would canonicalise (``_stored_form``) is deleted and
    inserted again: more work, the same result. ``DELETE DATA`` takes no
    blank nodes, so a graph losing one is dropped and written anew.
    """
    gone = stored - new
    if not new or any(isinstance(t, ox.BlankNode) for triple in gone for t in triple):
        return name, set(), new, f"DROP SILENT GRAPH {name} ;\nCREATE SILENT GRAPH {name}"
    return name, gone, new - stored, ""


def _edit(name: ox.NamedNode, gone: set[tuple], added: set[tuple], first: str = "") -> str:
    parts = [first] if first else []
    if gone:
        parts.append(f"DELETE DATA {{ GRAPH {name} {{\n{_lines(gone)} }} }}")
    if added:
        parts.append(f"INSERT DATA {{ GRAPH {name} {{\n{_lines(added)} }} }}")
    return " ;\n".join(parts)


def _steps(edits: list[tuple]):
    """The edits as updates of at most ``STEP_TRIPLES`` triples each (so one update when they are that few), in
    order: a graph's first update, deletions, insertions."""
    parts, size = [], 0
    for text, count in (piece for edit in edits for piece in _pieces(*edit)):
        if parts and size + count > STEP_TRIPLES:
            yield " ;\n".join(parts)
            parts, size = [], 0
        parts.append(text)
        size += count
    if parts:
        yield " ;\n".join(parts)


def _pieces(name: ox.NamedNode, gone: set[tuple], added: set[tuple], first: str):
    """(update text, triples) of one edit, written when asked for: an article graph's whole (a graph half
    renamed would keep two nodes for one person), any other graph's ``STEP_TRIPLES`` triples at most each
    (resolution rewrites its own graph from the article graphs on every run)."""
    if is_article_graph(name.value):
        if first or gone or added:
            yield _edit(name, gone, added, first), len(gone) + len(added)
        return
    if first:
        yield first, 0
    for triples, deleting in ((list(gone), True), (list(added), False)):
        for start in range(0, len(triples), STEP_TRIPLES):
            chunk = set(triples[start:start + STEP_TRIPLES])
            yield (_edit(name, chunk, set()) if deleting else _edit(name, set(), chunk)), len(chunk)


def _lines(triples: set[tuple]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


_IRI_LIKE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


def _binding_term(value: Binding) -> Node:
    if isinstance(value, Node):
        return value
    if _IRI_LIKE.match(value) and ("://" in value or value.startswith("urn:")):
        return URIRef(value)
    return Literal(value)


def _display(term) -> str | None:
    if term is None:
        return None
    if term.__class__ is ox.BlankNode:
        return f"_:{term.value}"
    return term.value


def _result(results) -> QueryResult:
    """Plain strings straight from pyoxigraph's terms: a solution iterates its values in column order."""
    if isinstance(results, ox.QueryBoolean):
        return QueryResult(["ask"], [("true" if bool(results) else "false",)])
    if isinstance(results, ox.QueryTriples):
        rows = [(_display(t.subject), _display(t.predicate), _display(t.object)) for t in results]
        return QueryResult(["subject", "predicate", "object"], rows)
    return QueryResult([v.value for v in results.variables], [_row(solution) for solution in results])


def _row(solution: ox.QuerySolution) -> tuple[str | None, ...]:
    """A solution's values in column order, as plain strings."""
    return tuple([None if t is None else f"_:{t.value}" if t.__class__ is ox.BlankNode else t.value for t in solution])


# ------------------------------------------------------------ query checks

# Strings, IRIs and comments are blanked out before looking for SERVICE, so a
# name containing the word cannot trip the check and a comment cannot hide it.
_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*",
    re.S,
)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)


def _refuse_service(sparql: str) -> None:
    if _SERVICE.search(_LEXEMES.sub(" ", sparql)):
        raise QueryError("SERVICE is not allowed: dvkg queries run on the local store only, never over the network")


_POSITION = re.compile(r"error at (\d+):(\d+)")


def _syntax_error(error: SyntaxError, sparql: str) -> QueryError:
    """A QueryError with pyoxigraph's message, its line:column and the offending line."""
    message = str(error)
    found = _POSITION.search(message)
    if not found:
        return QueryError(f"SPARQL syntax error: {message}")
    line, column = int(found.group(1)), int(found.group(2))
    lines = sparql.splitlines()
    excerpt = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = " " * max(column - 1, 0) + "^"
    detail = message[found.end():].lstrip(": ")
    query_error = QueryError(f"SPARQL syntax error at line {line}, column {column}: {detail}\n  {excerpt}\n  {caret}")
    query_error.line, query_error.column, query_error.detail = line, column, message
    return query_error
