"""A SPARQL 1.1 server as the store: one named graph per article, over HTTP.

    RemoteStore.connect("http://127.0.0.1:7878")          # Oxigraph: /query and /update
    RemoteStore.connect("http://127.0.0.1:3030/dvkg")     # a Fuseki dataset: /dvkg/query, /dvkg/update
    RemoteStore.connect("http://127.0.0.1:8890/sparql")   # Virtuoso: one endpoint for both

It offers the methods of the embedded ``Store`` that dvkg uses (``write_article``,
``add_articles``, ``add_triples``, ``has_graph``, ``remove_article``, ``replace_graphs``, ``rename_nodes``,
``graph_triples``, ``articles``, ``graphs``, ``query``, ``dataset``, ``len``, ``close``),
so every command works on either.

- **Writes** are SPARQL 1.1 Update requests, each sent as the request's body
  (``application/sparql-update``; forms to a server that refuses that, see
  ``RemoteStore.update``). Writing an article is one request,
  ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``, which the
  server applies as one transaction (Oxigraph and Fuseki/TDB2 run an update
  request in one transaction), so a reader sees the old graph or the new one.
  Like the embedded store, an article whose facts are unchanged is not
  written again. Resolution's renames are ``DELETE``/``INSERT ... WHERE``
  updates the server runs on the triples naming a renamed node, in one
  request, or in several when they exceed ``MAX_UPDATE_BYTES``; a graph
  too big for one request (resolution's, over 300 MB at 100,000 articles)
  goes in shares after its ``DROP``, and resolution marks its graph complete
  only after the last.
- **Reads** are SPARQL queries over the union of the named graphs: the request
  asks for it with Oxigraph's ``union-default-graph`` parameter (other servers
  ignore it: Fuseki needs ``tdb2:unionDefaultGraph true`` on the dataset,
  Virtuoso's default graph is the union already). Parameters are bound by a
  ``VALUES`` block at the end of the query's outer group, never pasted into
  patterns; ``SERVICE`` is refused before the query leaves, and syntax errors
  are found locally (by pyoxigraph's parser) with their line and column.
- Nothing but the given URL is contacted: HTTP proxies from the environment are
  not used.
"""
from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import Dataset, URIRef

from dvkg.errors import QueryError, StoreError
from dvkg.graph.iris import is_article_graph
from dvkg.graph.store import (
    QueryResult,
    _LEXEMES,
    _binding_term,
    _display,
    _lasting,
    _refuse_service,
    _result,
    _stored_form,
    _syntax_error,
    as_ntriples,
)
from dvkg.graph.terms import ox_triples, to_ox
from dvkg.ontology import bind_prefixes

__all__ = ["RemoteStore", "is_store_url", "endpoints", "DEFAULT_TIMEOUT"]

#: Seconds a request may take (a big resolution update or export can take a while); connecting: 5 s.
DEFAULT_TIMEOUT = 300.0
#: Bytes of one update request at most when several graphs are replaced together (Oxigraph refuses > 128 MiB).
MAX_UPDATE_BYTES = 32 * 2**20
_RESULTS_JSON = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"
#: What a server that reads SPARQL updates only from forms answers an update sent as the body.
_FORM_ONLY = {400, 405, 406, 415}


def is_store_url(store: object) -> bool:
    """True when ``--store`` names a server (``http://`` or ``https://``) rather than a directory."""
    return isinstance(store, str) and store.lower().startswith(("http://", "https://"))


def endpoints(url: str) -> tuple[str, str]:
    """(query endpoint, update endpoint) of a server URL.

    ``.../sparql`` is one endpoint for both (Virtuoso); ``.../query`` pairs with
    ``.../update``; any other URL is a base: ``BASE/query`` and ``BASE/update``
    (Oxigraph's root, a Fuseki dataset).
    """
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise StoreError(f"--store {url!r} is not a server URL: give http(s)://HOST:PORT/PATH of a SPARQL 1.1 "
                         "server, or a directory for the embedded store")
    path = parts.path.rstrip("/")
    at = lambda p: urlunsplit((parts.scheme, parts.netloc, p, parts.query, ""))  # noqa: E731
    if path.endswith("/sparql"):
        return at(path), at(path)
    if path.endswith("/query"):
        return at(path), at(path[: -len("query")] + "update")
    return at(path + "/query"), at(path + "/update")


class RemoteStore:
    """A dvkg store on a SPARQL 1.1 server at ``url``. Use ``RemoteStore.connect``."""

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT, union_default_graph: bool = True):
        self.url = url
        self.path = url  # what the CLI prints where the embedded store prints its directory
        self.generation = None  # other clients write to a server too: nothing derived from it is kept
        self.query_url, self.update_url = endpoints(url)
        self.union_default_graph = union_default_graph
        self._direct_updates: bool | None = None  # updates as the request body; None until the server says
        self._client: httpx.Client | None = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=5.0), trust_env=False, follow_redirects=False,
            headers={"User-Agent": "dvkg"},
        )

    @classmethod
    def connect(cls, url: str, **options) -> RemoteStore:
        """Open the store at ``url`` and check that a SPARQL endpoint answers there."""
        store = cls(url, **options)
        try:
            store._true("ASK {}")
        except BaseException:
            store.close()
            raise
        return store

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None

    def compact(self) -> None:
        """Nothing to do: the server manages its own files."""

    # ------------------------------------------------------------- writing

    def write_article(self, graph_iri: str | URIRef, graph, *, volatile: tuple[URIRef, ...] = (),
                      stored: list[ox.Triple] | None = None) -> bool:
        """Replace the named graph ``graph_iri`` with ``graph`` in one update; False when already identical.

        Triples whose predicate is in ``volatile`` (an ingest time) do not count as a change.
        ``stored``: the graph's ``graph_triples``, when the caller has read them already (not asked for again).
        """
        triples = _stored_form(ox_triples(graph))  # in the form the server gives them back
        stored = {(t.subject, t.predicate, t.object) for t in (self.graph_triples(graph_iri) if stored is None else stored)}
        if stored and _lasting(triples, volatile) == _lasting(stored, volatile):
            return False
        self._update_in_requests(_replace(str(graph_iri), triples))
        return True

    def add_articles(self, graphs: dict[str, str]) -> None:
        """Write several article graphs new to the store (graph IRI → ``as_ntriples`` of its triples): in one
        update request (one transaction on the server), or in several of whole articles when they exceed
        ``MAX_UPDATE_BYTES``."""
        self._update_in_requests([part for iri, text in graphs.items() for part in _replace_text(str(iri), text)])

    def add_triples(self, graph_iri: str | URIRef, triples) -> None:
        """Add triples to a named graph: ``INSERT DATA``, in shares when large."""
        self.rename_nodes({}, patches={str(graph_iri): (set(), set(ox_triples(triples)))})

    def has_graph(self, graph_iri: str | URIRef) -> bool:
        """Whether the named graph holds a triple."""
        return self._true(f"ASK {{ GRAPH {_iri(graph_iri)} {{ ?s ?p ?o }} }}") == "true"

    def remove_article(self, graph_iri: str | URIRef) -> bool:
        """Drop the named graph; False when there was none."""
        name = _iri(graph_iri)
        if not self.has_graph(graph_iri):
            return False
        self.update(f"DROP SILENT GRAPH {name}")
        return True

    def replace_graphs(self, graphs: dict[str, list[ox.Triple] | None]) -> None:
        """Replace (or, for None, drop) several named graphs: one update request, or several when large."""
        self.rename_nodes({}, graphs)

    def rename_nodes(self, renamed: dict[str, dict[str, str]], graphs: dict[str, list | None] | None = None, *,
                     patches: dict[str, tuple[set, set]] | None = None) -> None:
        """Rename nodes inside named graphs (graph IRI → {old IRI: new IRI}), replace ``graphs`` and patch ``patches``
        (graph IRI → (triples to delete, triples to insert)).

        A rename is a ``DELETE``/``INSERT ... WHERE`` the server runs on the
        triples naming the old IRI, so no graph travels to this process and back.
        Servers cap a request's size (Oxigraph: 128 MiB), so the changes go in
        requests of at most ``MAX_UPDATE_BYTES``, each one transaction; article
        graphs first, the resolution graphs last, so an interrupted resolution
        is redone from the article graphs next time.
        """
        parts = [(iri, _renaming(iri, mapping)) for iri, mapping in renamed.items() if mapping]
        for iri, triples in (graphs or {}).items():
            parts += [(iri, part) for part in (
                [f"DROP SILENT GRAPH {_iri(iri)}"] if triples is None else _replace(str(iri), triples))]
        for iri, (gone, added) in (patches or {}).items():
            parts += [(iri, part) for part in _patch(str(iri), set(gone) - set(added), set(added) - set(gone))]
        parts.sort(key=lambda kv: (not is_article_graph(kv[0]), kv[0]))  # stable: a graph's parts keep their order
        self._update_in_requests([part for _, part in parts])

    def _update_in_requests(self, parts: list[str]) -> None:
        """The updates ``parts``, in order, as few requests of at most ``MAX_UPDATE_BYTES`` as they fit in."""
        batch: list[str] = []
        size = 0
        for part in parts:
            length = len(part.encode("utf-8")) + len(" ;\n")
            if batch and size + length > MAX_UPDATE_BYTES:
                self.update(" ;\n".join(batch))
                batch, size = [], 0
            batch.append(part)
            size += length
        if batch:
            self.update(" ;\n".join(batch))

    def update(self, sparql: str) -> None:
        """Send one SPARQL Update request (one transaction on the server).

        The update is the request's body ("update via POST directly" in the SPARQL 1.1 Protocol), not a
        URL-encoded form: encoding a group of a thousand new articles (35 MB of N-Triples, 62 MB once
        encoded) took this process 1.7 s, and the cost curve's 10k server row went from 71 to 82-84
        articles/s without it. A server that refuses the body on its first update (the protocol
        allows both; some Virtuoso versions read only forms) is sent forms from then on.
        """
        if self._direct_updates is not False:
            response = self._post(self.update_url, accept="*/*", body=sparql.encode("utf-8"),
                                  content_type="application/sparql-update; charset=utf-8")
            if response.status_code < 400:
                self._direct_updates = True
                return
            if self._direct_updates or response.status_code not in _FORM_ONLY:
                raise self._refused(response)
        response = self._post(self.update_url, accept="*/*", form={"update": sparql})
        if response.status_code >= 400:
            raise self._refused(response)
        self._direct_updates = False

    def _refused(self, response: httpx.Response) -> StoreError:
        return StoreError(f"the SPARQL server refused an update at {self.update_url} (HTTP {response.status_code}: "
                          f"{_message(response)}); check that this endpoint accepts SPARQL Update")

    # ------------------------------------------------------------- reading

    def select_terms(self, sparql: str) -> list[tuple]:
        """The rows of a SELECT over the union of the named graphs, as pyoxigraph terms in column order."""
        return [tuple(solution) for solution in self._solutions(sparql)]

    def graph_triples(self, graph_iri: str | URIRef) -> list[ox.Triple]:
        """The triples of one named graph, as pyoxigraph terms."""
        rows = self._solutions(f"SELECT ?s ?p ?o WHERE {{ GRAPH {_iri(graph_iri)} {{ ?s ?p ?o }} }}")
        return [ox.Triple(row["s"], row["p"], row["o"]) for row in rows]

    def articles(self) -> list[str]:
        """The IRIs of the article graphs, sorted (not the resolution graphs)."""
        return [g for g in self.graphs() if is_article_graph(g)]

    def graphs(self) -> list[str]:
        """The IRIs of every named graph that holds a triple, sorted."""
        rows = self._solutions("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"].value for row in rows if isinstance(row["g"], ox.NamedNode))

    def __len__(self) -> int:
        rows = self._solutions("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].value) if rows else 0

    def rows(self, sparql: str) -> Iterator[tuple[str | None, ...]]:
        """``query``'s rows one at a time (the server's answer is read whole first)."""
        yield from self.query(sparql).rows

    def query(self, sparql: str, bindings: dict | None = None) -> QueryResult:
        """Run a SPARQL query over the union of the named graphs; ``bindings`` fix variables to terms."""
        _refuse_service(sparql)
        _check_syntax(sparql)
        text = _with_values(sparql, bindings) if bindings else sparql
        response = self._request(text)
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind == _N_TRIPLES:
            triples = ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)
            rows = [(_display(t.subject), _display(t.predicate), _display(t.object)) for t in triples]
            return QueryResult(["subject", "predicate", "object"], rows)
        return _result(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON))

    def dataset(self) -> Dataset:
        """All named graphs as an rdflib ``Dataset`` (for export, validation and the network)."""
        dataset = Dataset()
        bind_prefixes(dataset)
        rows = self._solutions("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        lines = "".join(f"{ox.Quad(r['s'], r['p'], r['o'], r['g'])} .\n" for r in rows)
        if lines:
            dataset.parse(data=lines, format="nquads")
        return dataset

    # ------------------------------------------------------------- HTTP

    def _solutions(self, sparql: str) -> list:
        return list(ox.parse_query_results(self._request(sparql).content, format=ox.QueryResultsFormat.JSON))

    def _true(self, sparql: str) -> str:
        result = ox.parse_query_results(self._request(sparql).content, format=ox.QueryResultsFormat.JSON)
        return "true" if bool(result) else "false"

    def _request(self, sparql: str) -> httpx.Response:
        form = {"query": sparql}
        if self.union_default_graph:
            form["union-default-graph"] = ""
        response = self._post(self.query_url, accept=f"{_RESULTS_JSON}, {_N_TRIPLES};q=0.9", form=form)
        if response.status_code == 404:
            raise StoreError(f"no SPARQL endpoint at {self.query_url} (HTTP 404); give the server's base URL "
                             "(http://HOST:PORT for Oxigraph, http://HOST:3030/DATASET for Fuseki) or its "
                             "/sparql endpoint (Virtuoso)")
        if response.status_code >= 400:
            raise QueryError(f"the SPARQL server at {self.query_url} refused the query (HTTP "
                             f"{response.status_code}: {_message(response)})")
        return response

    def _post(self, url: str, *, accept: str, form: dict | None = None, body: bytes = b"",
              content_type: str | None = None) -> httpx.Response:
        """POST ``form`` (URL-encoded, as httpx encodes ``data=``) or ``body`` (of ``content_type``) to ``url``."""
        if form is not None:
            body, content_type = urlencode(form).encode("ascii"), "application/x-www-form-urlencoded"
        if self._client is None:
            raise StoreError(f"the store {self.url} is closed")
        headers = {"Accept": accept, "Content-Type": content_type, "Content-Length": str(len(body))}
        try:
            with self._client.stream("POST", url, content=_Sent(body), headers=headers) as answer:
                # The answer is copied out of httpx's response, which lives in the request's cycle (``_Sent``).
                return httpx.Response(answer.status_code, headers=answer.headers, content=b"".join(answer.iter_raw()))
        except httpx.TimeoutException:
            raise StoreError(f"the SPARQL server at {url} did not answer in time; check that it is running "
                             "and not overloaded") from None
        except httpx.HTTPError as error:
            raise StoreError(f"cannot reach the SPARQL server at {url} ({_reason(error)}); start it (e.g. "
                             "`oxigraph serve --location DIR --bind 127.0.0.1:7878`) or check --store") from None


class _Sent(httpx.SyncByteStream):
    """A request's body, let go of as it is sent.

    httpx keeps each request in a reference cycle with its response, so a body
    handed to it as bytes (and an answer read into the response) lives until
    Python's cycle collector frees the cycle. Ingest tunes the collector to run
    rarely (``api._long_run_collector``), and the 32 MB update of every group of
    new articles piled up until it ran: at 100,000 articles the client grew from
    about 0.7 to 1.6-2.1 GB over the stream's last quarter. (The Content-Length
    header keeps the body one piece, not chunked.)
    """

    def __init__(self, body: bytes) -> None:
        self._body = body

    def __iter__(self) -> Iterator[bytes]:
        body, self._body = self._body, b""
        yield body


# ------------------------------------------------------------------ helpers


def _iri(iri: str | URIRef) -> str:
    return str(ox.NamedNode(str(iri)))


def _renaming(iri: str, mapping: dict[str, str]) -> str:
    """The updates that rename each old IRI of ``mapping`` inside the graph ``iri``, as subject, then as object."""
    g = _iri(iri)
    parts = []
    for old, new in sorted(mapping.items()):
        old, new = _iri(old), _iri(new)
        parts.append(f"DELETE {{ GRAPH {g} {{ {old} ?p ?o }} }} INSERT {{ GRAPH {g} {{ {new} ?p ?o }} }} "
                     f"WHERE {{ GRAPH {g} {{ {old} ?p ?o }} }}")
        parts.append(f"DELETE {{ GRAPH {g} {{ ?s ?p {old} }} }} INSERT {{ GRAPH {g} {{ ?s ?p {new} }} }} "
                     f"WHERE {{ GRAPH {g} {{ ?s ?p {old} }} }}")
    return " ;\n".join(parts)


def _replace(iri: str, triples) -> list[str]:
    """The updates that replace the named graph ``iri`` with ``triples`` (rdflib or pyoxigraph terms), sorted."""
    return _replace_text(iri, as_ntriples(triples))


def _replace_text(iri: str, text: str) -> list[str]:
    """``_replace`` of a graph given as N-Triples text (``as_ntriples``).

    One update, unless the triples exceed half of ``MAX_UPDATE_BYTES``: then the first drops the graph and
    inserts a first share, and each of the next inserts another (resolution's graph at 100,000 articles is
    over 300 MB; an article graph is a few kB). Applied in order they leave the whole graph.
    """
    name = _iri(iri)
    if not text:
        return [f"DROP SILENT GRAPH {name} ;\nCREATE SILENT GRAPH {name}"]
    inserts = [f"INSERT DATA {{ GRAPH {name} {{\n{share}}} }}" for share in _shares(text)]
    return [f"DROP SILENT GRAPH {name} ;\n{inserts[0]}", *inserts[1:]]


def _patch(iri: str, gone: set, added: set) -> list[str]:
    """The updates that delete ``gone`` from the graph ``iri`` and insert ``added``, in shares like ``_replace``."""
    name = _iri(iri)
    return ([f"DELETE DATA {{ GRAPH {name} {{\n{share}}} }}" for share in _shares(as_ntriples(gone))]
            + [f"INSERT DATA {{ GRAPH {name} {{\n{share}}} }}" for share in _shares(as_ntriples(added))])


def _shares(text: str) -> list[str]:
    """The lines of N-Triples text sorted, in shares of at most half of ``MAX_UPDATE_BYTES``; none for none.

    Split at line breaks only: N-Triples escapes one inside a literal, so each ends a triple.
    """
    shares, share, size = [], [], 0
    for line in sorted(text.split("\n")[:-1]):
        line += "\n"
        length = len(line.encode("utf-8"))
        if share and size + length > MAX_UPDATE_BYTES // 2:
            shares.append("".join(share))
            share, size = [], 0
        share.append(line)
        size += length
    return shares + ["".join(share)] if share else shares


def _check_syntax(sparql: str) -> None:
    """Parse ``sparql`` with pyoxigraph (on an empty store), so a syntax error has its line and column."""
    try:
        ox.Store().query(sparql)
    except SyntaxError as error:
        raise _syntax_error(error, sparql) from None
    except (RuntimeError, ValueError, TypeError) as error:
        raise QueryError(f"cannot run the query: {error}") from None


_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def _with_values(sparql: str, bindings: dict) -> str:
    """``sparql`` with ``VALUES (?a ?b) { (term term) }`` as the last element of its outer group.

    Inline data at the end of a group is joined with the group before its
    filters run, so a parameter fixes the variable everywhere in the group,
    filters and BINDs included, as a substitution does.
    """
    masked = _LEXEMES.sub(lambda m: " " * len(m.group()), sparql)
    where = _WHERE.search(masked)
    start = where.end() - 1 if where else masked.find("{")
    if start < 0:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    depth = 0
    for end in range(start, len(masked)):
        depth += {"{": 1, "}": -1}.get(masked[end], 0)
        if depth == 0:
            break
    else:
        raise QueryError("cannot bind parameters: the query's WHERE group is not closed")
    names = " ".join(f"?{k.lstrip('?$')}" for k in bindings)
    values = " ".join(_term(v) for v in bindings.values())
    return f"{sparql[:end]}\n  VALUES ({names}) {{ ({values}) }}\n{sparql[end:]}"


def _term(value) -> str:
    term = to_ox(_binding_term(value))
    if isinstance(term, ox.BlankNode):
        raise QueryError("a query parameter cannot be a blank node")
    return str(term)


def _message(response: httpx.Response) -> str:
    text = response.text.strip().splitlines()
    return text[0][:300] if text else response.reason_phrase


def _reason(error: httpx.HTTPError) -> str:
    if isinstance(error, httpx.ConnectError):
        return "connection refused or host not found"
    return f"{type(error).__name__}: {error}"
