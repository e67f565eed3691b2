"""A SPARQL 1.1 server as the store: a real Oxigraph server (`oxigraph serve`), started here on a free port."""
from __future__ import annotations

import gc
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from dvkg import api
from dvkg.cli import main
from dvkg.errors import QueryError, StoreError
from dvkg.graph.remote import RemoteStore, endpoints
from dvkg.ingest import synthetic
from dvkg.queries.runner import list_queries

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [ROOT / "examples", ROOT / "tests" / "data" / "genre" / "articles"]


def _oxigraph() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """An Oxigraph server on 127.0.0.1 with its data in a temporary directory; stopped after the module."""
    port = _free_port()
    process = subprocess.Popen([_oxigraph(), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(f"{url}/query", params={"query": "ASK {}"}, trust_env=False)
            break
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph serve did not start: {process.stderr.read().decode()[-500:]}")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def remote(server):
    """The server's store, emptied before each test."""
    with RemoteStore.connect(server) as store:
        store.update("DROP SILENT ALL")
        yield store


@pytest.fixture(scope="module")
def embedded():
    with api.open_store(None) as store:
        api.ingest(ARTICLES, store)
        yield store


def _content(store) -> dict[str, set[str]]:
    return {g: {str(t) for t in store.graph_triples(g) if "generatedAtTime" not in str(t.predicate)}
            for g in store.graphs()}


# ------------------------------------------------------------------ endpoints


@pytest.mark.parametrize("url, query, update", [
    ("http://127.0.0.1:7878", "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update"),
    ("http://h:3030/dvkg/", "http://h:3030/dvkg/query", "http://h:3030/dvkg/update"),
    ("http://h:3030/dvkg/query", "http://h:3030/dvkg/query", "http://h:3030/dvkg/update"),
    ("https://h:8890/sparql", "https://h:8890/sparql", "https://h:8890/sparql"),
])
def test_endpoints_of_oxigraph_fuseki_and_virtuoso_urls(url, query, update):
    assert endpoints(url) == (query, update)


@pytest.mark.parametrize("url", ["http://", "http://:80/", "ftp://host/x", "http://host:notaport/"])
def test_a_bad_url_is_a_store_error_that_says_what_to_give(url):
    with pytest.raises(StoreError, match="not a server URL: give http"):
        endpoints(url)


# ------------------------------------------------------------------ writing


def test_ingest_into_the_server_stores_what_the_embedded_store_stores(remote, embedded):
    report = api.ingest(ARTICLES, remote)
    assert len(report.written) == len(embedded.articles()) and not report.errors
    assert remote.articles() == embedded.articles()
    assert _content(remote) == _content(embedded)  # article graphs and the resolution graph
    assert len(remote) == len(embedded)

    again = api.ingest(ARTICLES, remote)
    assert again.written == [] and len(again.unchanged) == len(report.written)
    assert len(remote) == len(embedded)


def test_a_second_batch_resolved_on_the_server_gives_what_one_batch_gives(remote, embedded):
    first, second = ARTICLES
    api.ingest([first], remote)
    report = api.ingest([second], remote)  # resolves the names and documents of the second batch only
    assert report.resolution is not None
    assert 0 < report.resolution.person_count < len(api.people(remote).persons)
    assert _content(remote) == _content(embedded)


def test_an_edited_article_has_its_graph_replaced_in_one_update(remote, tmp_path):
    article = next(synthetic.articles(1, seed=9))
    path = tmp_path / "a.txt"
    path.write_text(article.text, encoding="utf-8")
    api.ingest([path], remote)
    (graph,) = remote.articles()
    before = _content(remote)[graph]
    path.write_text(article.text.replace(article.chairs[0], "Nguyễn Văn Thiện"), encoding="utf-8")
    assert api.ingest([path], remote).written == ["a.txt"]
    after = _content(remote)[graph]
    assert after != before and any("Nguyễn Văn Thiện" in t for t in after)
    assert not any(article.chairs[0] in t for t in after)


def test_resolution_larger_than_one_request_goes_in_several(remote, embedded, monkeypatch):
    from dvkg.graph import remote as remote_module

    sent = []
    monkeypatch.setattr(remote_module, "MAX_UPDATE_BYTES", 4000)  # a server that takes small requests only
    monkeypatch.setattr(remote, "update", lambda sparql, send=remote.update: (sent.append(sparql), send(sparql)))
    report = api.ingest(ARTICLES, remote)
    assert _content(remote) == _content(embedded)  # resolution's renames landed, in pieces
    assert report.resolution.renamed and any("DELETE { GRAPH" in update for update in sent)  # renamed on the server

    sent.clear()
    remote.replace_graphs({g: remote.graph_triples(g) for g in remote.graphs()})
    assert len(sent) > 1 and "_resolution" in sent[-1]  # article graphs first, the resolution graph last
    assert _content(remote) == _content(embedded)
    # A graph bigger than a request (resolution's, at 100,000 articles) goes in shares, none over the limit.
    assert max(len(update.encode("utf-8")) for update in sent) <= 4000
    assert sum("_resolution" in update for update in sent) > 1


def test_an_update_goes_as_the_request_body_and_its_text_arrives_whole(remote):
    # Characters a URL-encoded form treats specially (& + % =) and Vietnamese letters, in the body as they are.
    name = 'Lò Minh Hùng & Hoàng Văn Nghiệm + 25% = "đồng chủ trì"'
    literal = name.replace('"', '\\"')
    remote.update(f'INSERT DATA {{ GRAPH <urn:g> {{ <urn:p> <urn:name> "{literal}" }} }}')
    assert remote.query("SELECT ?n WHERE { <urn:p> <urn:name> ?n }").rows == [(name,)]


def test_an_update_or_a_query_leaves_no_copy_of_its_text_behind_for_the_cycle_collector(remote):
    # httpx keeps a request in a reference cycle with its response, so a body handed to it lives until
    # Python's cycle collector runs, which ingest tunes to run rarely: at 100,000 articles the 32 MB
    # update of every group of new articles piled up until it did (the client grew by a gigabyte).
    text = 'INSERT DATA { GRAPH <urn:big> { <urn:s> <urn:p> "' + "x" * 4_000_000 + '" } }'
    gc.collect()
    gc.disable()
    tracemalloc.start()
    try:
        remote.update(text)
        after_update, _ = tracemalloc.get_traced_memory()
        assert len(remote.query("SELECT ?o WHERE { GRAPH <urn:big> { ?s ?p ?o } }").rows[0][0]) == 4_000_000
        after_query, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        gc.enable()
    assert after_update < 1_000_000 and after_query < 1_000_000


class _UpdateEndpoint(BaseHTTPRequestHandler):
    """An update endpoint that notes each request's content type and update text; refuses a body that is
    not a form when ``forms_only`` (as some Virtuoso versions do)."""

    forms_only = False
    seen: list[tuple[str, str]] = []

    def do_POST(self):
        kind = self.headers.get("Content-Type", "")
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        if kind.startswith("application/x-www-form-urlencoded"):
            self.seen.append(("form", parse_qs(body)["update"][0]))
        else:
            self.seen.append((kind, body))
        self.send_response(415 if self.forms_only and not kind.startswith("application/x-www-form") else 204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("forms_only", [False, True], ids=["body", "forms only"])
def test_updates_go_as_the_body_or_as_forms_to_a_server_that_reads_only_forms(forms_only):
    handler = type("Endpoint", (_UpdateEndpoint,), {"forms_only": forms_only, "seen": []})
    endpoint = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=endpoint.serve_forever, daemon=True).start()
    try:
        with RemoteStore(f"http://127.0.0.1:{endpoint.server_port}") as store:
            store.update("INSERT DATA { <urn:a> <urn:b> \"x & y\" }")
            store.update("CLEAR ALL")
    finally:
        endpoint.shutdown()
    direct = "application/sparql-update; charset=utf-8"
    if forms_only:  # refused once as a body, then sent as forms without asking again
        assert handler.seen == [(direct, 'INSERT DATA { <urn:a> <urn:b> "x & y" }'),
                                ("form", 'INSERT DATA { <urn:a> <urn:b> "x & y" }'), ("form", "CLEAR ALL")]
    else:
        assert handler.seen == [(direct, 'INSERT DATA { <urn:a> <urn:b> "x & y" }'), (direct, "CLEAR ALL")]


def test_an_update_the_server_refuses_is_a_store_error_naming_the_endpoint(remote):
    with pytest.raises(StoreError, match=r"refused an update at http://127\.0\.0\.1:\d+/update \(HTTP 400"):
        remote.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> } }")


@pytest.mark.parametrize("make", [lambda server: RemoteStore.connect(server), lambda server: api.open_store(None)],
                         ids=["server", "embedded"])
def test_rename_nodes_renames_subjects_and_objects_and_leaves_other_graphs(server, make):
    """Both stores rename a node wherever it stands in the named graph, both ends of a triple included."""
    a, b, c, p = (ox.NamedNode(f"urn:x:{n}") for n in "abcp")
    a2, b2 = ox.NamedNode("urn:x:a2"), ox.NamedNode("urn:x:b2")
    g1, g2 = "https://w3id.org/dvkg/id/graph/one", "https://w3id.org/dvkg/id/graph/two"
    with make(server) as store:
        if isinstance(store, RemoteStore):
            store.update("DROP SILENT ALL")
        store.write_article(g1, [(a, p, b), (c, p, a), (a, p, a), (a, p, ox.Literal("Lò Minh Hùng", language="vi"))])
        store.write_article(g2, [(a, p, b)])
        store.rename_nodes({g1: {a.value: a2.value, b.value: b2.value}})
        assert {tuple(t) for t in store.graph_triples(g1)} == {
            (a2, p, b2), (c, p, a2), (a2, p, a2), (a2, p, ox.Literal("Lò Minh Hùng", language="vi"))}
        assert {tuple(t) for t in store.graph_triples(g2)} == {(a, p, b)}


def test_remove_drops_the_article_graph(remote):
    api.ingest([ROOT / "examples"], remote)
    removed, missing = api.remove(remote, ["son-la-dan-van.txt", "nothing.txt"])
    assert removed == ["son-la-dan-van.txt"] and missing == ["nothing.txt"]
    assert not any("son-la" in g for g in remote.articles()) and len(remote.articles()) == 2


# ------------------------------------------------------------------ reading


def _example_params(example: str) -> dict[str, str]:
    words = shlex.split(example)
    return dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--param")


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_every_named_query_answers_on_the_server_as_on_the_embedded_store(named, server, embedded):
    with RemoteStore.connect(server) as remote:
        if remote.articles() != embedded.articles():
            remote.update("DROP SILENT ALL")
            api.ingest(ARTICLES, remote)
        for params in ({}, _example_params(named.example)):
            expected = api.query(embedded, named.name, params)
            got = api.query(remote, named.name, params)
            assert got.columns == expected.columns
            assert _unordered(got.rows) == _unordered(expected.rows), params


def _unordered(rows) -> list:
    """Rows sorted, and GROUP_CONCAT cells too: SPARQL leaves the order of a group's values open."""
    cell = lambda v: sorted(re.split(r"[;,] ", v)) if v else v  # noqa: E731
    return sorted((tuple(cell(v) for v in row) for row in rows), key=str)


def test_sparql_text_errors_and_service_are_caught_before_the_server(remote):
    with pytest.raises(QueryError, match="line 1, column"):
        remote.query("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        remote.query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert remote.query("ASK { ?s ?p ?o }").rows == [("false",)]


def test_export_and_people_read_the_server(remote, embedded, tmp_path):
    api.ingest(ARTICLES, remote)
    assert api.export(remote, tmp_path / "r.nq", "nquads") == api.export(embedded, tmp_path / "e.nq", "nquads")
    assert sorted(api.people(remote).persons) == sorted(api.people(embedded).persons)


# ------------------------------------------------------------------ the CLI


def test_cli_ingests_with_workers_into_the_server_and_queries_it(remote, tmp_path):
    synthetic.write_jsonl(tmp_path, 12, seed=4)
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(tmp_path), "--store", remote.url, "--workers", "2", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"12 article(s) ingested: 12 written, 0 unchanged, 0 failed; store {remote.url} holds" in result.output
    chairs = runner.invoke(main, ["query", "chairs", "--store", remote.url, "--format", "csv"])
    assert chairs.exit_code == 0 and len(chairs.output.splitlines()) > 12


def test_cli_says_in_one_line_when_the_server_is_not_there():
    port = _free_port()
    result = CliRunner().invoke(main, ["query", "chairs", "--store", f"http://127.0.0.1:{port}"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: cannot reach the SPARQL server at http://127.0.0.1:{port}/query (connection refused or host not "
        "found); start it (e.g. `oxigraph serve --location DIR --bind 127.0.0.1:7878`) or check --store"]


def test_cli_names_a_url_without_an_endpoint(server):
    result = CliRunner().invoke(main, ["query", "chairs", "--store", f"{server}/nothing/here"])
    assert result.exit_code == 2 and result.output.startswith(f"Error: no SPARQL endpoint at {server}/nothing/here/query")


def test_serve_refuses_a_server_url(server):
    result = CliRunner().invoke(main, ["serve", "--store", server])
    assert result.exit_code == 2 and "is a SPARQL server already" in result.output
