"""``dvkg serve``: a read-only SPARQL 1.1 Protocol endpoint, the network page and a query page.

    client ──HTTP──▶ dvkg front (127.0.0.1:PORT)  ──HTTP──▶ oxigraph serve-read-only (127.0.0.1:random)
                     /            query page                 --location STORE --union-default-graph
                     /network     the HTML network           --timeout-s TIMEOUT
                     /query       SPARQL protocol (GET, POST)
                     /update      403

The SPARQL engine is Oxigraph's own server (the ``oxigraph`` package, the same
engine and on-disk format as pyoxigraph), opened read-only on the store
directory: it refuses updates, and its ``--timeout-s`` cancels long queries.
The small front in this module adds what the server lacks: a result cap
(``max_rows``: rows or triples beyond it are cut and the response says so in
``X-Dvkg-Truncated``), a refusal of ``SERVICE`` before the query reaches the
engine, the network page and a query page. Results come back from the engine as
TSV or N-Triples (one row or triple a line, so the cap reads only what it
keeps) and pyoxigraph writes them in the format asked for: JSON, CSV, TSV or
XML for solutions, Turtle, N-Triples, RDF/XML or JSON-LD for graphs.

``FROM``/``FROM NAMED`` IRIs name graphs of the store: Oxigraph never fetches
them, so no query can reach the network. The read-only server does not lock the
directory, so ``dvkg query`` and ``dvkg ask`` work beside it; ``dvkg ingest``
also opens, but writing while serving is undefined behaviour in Oxigraph: stop
the server first.
"""
from __future__ import annotations

import http.client
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pyoxigraph as ox

from dvkg.errors import DvkgError, StoreError

__all__ = ["ServeSettings", "Server", "serve", "DEFAULT_HOST", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
#: Seconds a query may run before the engine cancels it.
DEFAULT_TIMEOUT = 30.0
#: Rows (or triples) a response holds at most.
DEFAULT_MAX_ROWS = 10_000

_RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML,
}
_GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML, "xml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD,
    "json": ox.RdfFormat.JSON_LD,
}
_UPSTREAM_ACCEPT = "text/tab-separated-values, application/n-triples;q=0.9"


@dataclass(frozen=True)
class ServeSettings:
    store: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS


class Server:
    """The engine and the front, started together and stopped together."""

    def __init__(self, settings: ServeSettings):
        self.settings = settings
        self._engine: subprocess.Popen | None = None
        self._front: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.engine_port = 0

    @property
    def url(self) -> str:
        host, port = self._front.server_address[:2] if self._front else (self.settings.host, self.settings.port)
        return f"http://{host}:{port}"

    def start(self) -> Server:
        store = self.settings.store
        if not (store.is_dir() and any(store.iterdir())):
            raise StoreError(f"no store in {store}: run `dvkg ingest ... --store {store}` first")
        self.engine_port = _free_port()
        self._engine = subprocess.Popen(
            [_oxigraph(), "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{self.engine_port}",
             "--union-default-graph", "--timeout-s", str(max(1, round(self.settings.timeout)))],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        _wait_for(self.engine_port, self._engine)
        try:
            self._front = ThreadingHTTPServer((self.settings.host, self.settings.port), _handler(self))
        except OSError as error:
            self.stop()
            raise DvkgError(f"cannot listen on {self.settings.host}:{self.settings.port}: {error.strerror}") from None
        self._front.daemon_threads = True
        self._thread = threading.Thread(target=self._front.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._front is not None:
            self._front.shutdown()
            self._front.server_close()
            self._front = None
        if self._engine is not None:
            self._engine.terminate()
            try:
                self._engine.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._engine.kill()
            self._engine = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ------------------------------------------------------------ pages

    _network: bytes | None = None

    def network_page(self) -> bytes:
        """The network of the store as one offline page, built on first request."""
        if self._network is None:
            import tempfile

            from dvkg.graph.html import write_html
            from dvkg.graph.network import build_network
            from dvkg.graph.store import Store

            with Store.open(self.settings.store) as store, tempfile.TemporaryDirectory() as tmp:
                path = write_html(build_network(store.dataset()), Path(tmp) / "graph.html", title="dvkg network")
                self._network = Path(path).read_bytes()
        return self._network


def serve(settings: ServeSettings, *, ready=None) -> None:
    """Run until interrupted (Ctrl-C); ``ready(url)`` is called once the endpoint answers."""
    with Server(settings) as server:
        if ready:
            ready(server.url)
        try:
            while server._engine and server._engine.poll() is None:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass


# ------------------------------------------------------------------ engine


def _oxigraph() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise DvkgError("the oxigraph server is not installed: pip install oxigraph (a dependency of dvkg)")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            message = process.stderr.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"the oxigraph server stopped: {message[-1] if message else 'no message'}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise StoreError(f"the oxigraph server did not start within {seconds:.0f} s")


# ------------------------------------------------------------------ the front

_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'" r'|<[^<>"{}|^`\\\x00-\x20]*>' r"|#[^\n]*",
    re.S,
)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)


class _Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _handler(server: Server):
    settings = server.settings

    class Handler(BaseHTTPRequestHandler):
        server_version = "dvkg"
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet: the CLI prints the URL, not every request
            pass

        def do_GET(self):
            path, _, query = self.path.partition("?")
            if path in ("/", "/index.html"):
                return self._send(200, _QUERY_PAGE.encode("utf-8"), "text/html; charset=utf-8", page=True)
            if path == "/query.js":
                return self._send(200, _QUERY_JS.encode("utf-8"), "text/javascript; charset=utf-8")
            if path == "/queries.json":
                return self._send(200, _named_queries_json(), "application/json")
            if path in ("/network", "/network.html"):
                return self._send(200, server.network_page(), "text/html; charset=utf-8")
            if path in ("/query", "/sparql"):
                return self._sparql(parse_qs(query, keep_blank_values=True))
            if path == "/update":
                return self._error(403, "this endpoint is read-only: updates are refused")
            return self._error(404, f"no page {path}; try / (query page), /query (SPARQL) or /network")

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")  # read even when refused: keep-alive
            path = urlsplit(self.path).path
            if path == "/update":
                return self._error(403, "this endpoint is read-only: updates are refused")
            if path not in ("/query", "/sparql"):
                return self._error(404, f"POST to /query, not {path}")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
            if kind == "application/sparql-query":
                params["query"] = [body]
            elif kind == "application/sparql-update":
                return self._error(403, "this endpoint is read-only: updates are refused")
            else:
                params.update(parse_qs(body, keep_blank_values=True))
            return self._sparql(params)

        # -------------------------------------------------------- SPARQL

        def _sparql(self, params: dict[str, list[str]]):
            try:
                query = _checked_query(params)
                status, kind, data, truncated = _forward(server, params, query)
                body, content_type = _reserialize(kind, data, self._wanted(params))
            except _Refused as refused:
                return self._error(refused.status, str(refused))
            extra = {"X-Dvkg-Truncated": "true" if truncated else "false", "X-Dvkg-Max-Rows": str(settings.max_rows)}
            return self._send(status, body, content_type, extra)

        def _wanted(self, params) -> str:
            fmt = (params.get("format") or [""])[0].lower()
            if fmt:
                return fmt
            accept = (self.headers.get("Accept") or "").lower()
            for media, name in (("sparql-results+json", "json"), ("text/csv", "csv"), ("tab-separated", "tsv"),
                                ("sparql-results+xml", "xml"), ("text/turtle", "turtle"), ("n-triples", "ntriples"),
                                ("rdf+xml", "rdfxml"), ("ld+json", "jsonld"), ("application/json", "json"),
                                ("application/xml", "xml")):
                if media in accept:
                    return name
            return ""

        def _error(self, status: int, message: str):
            self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

        def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None, page: bool = False):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            if page:
                self.send_header("Content-Security-Policy",
                                 "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'")
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


def _checked_query(params: dict[str, list[str]]) -> str:
    if "update" in params:
        raise _Refused(403, "this endpoint is read-only: updates are refused")
    queries = params.get("query") or []
    if len(queries) != 1 or not queries[0].strip():
        raise _Refused(400, "give exactly one SPARQL query in the `query` parameter")
    if _SERVICE.search(_LEXEMES.sub(" ", queries[0])):
        raise _Refused(400, "SERVICE is not allowed: this endpoint never reaches the network")
    return queries[0]


def _forward(server: Server, params: dict[str, list[str]], query: str) -> tuple[int, str, bytes, bool]:
    """Run ``query`` on the engine; (status, "results"|"graph", the kept lines, whether rows were cut)."""
    form = [("query", query)] + [(k, v) for k in ("default-graph-uri", "named-graph-uri") for v in params.get(k, [])]
    connection = http.client.HTTPConnection("127.0.0.1", server.engine_port, timeout=server.settings.timeout + 2)
    try:
        connection.request("POST", "/query", body=urlencode(form).encode("utf-8"), headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": _UPSTREAM_ACCEPT})
        response = connection.getresponse()
        if response.status != 200:
            message = response.read().decode("utf-8", "replace").strip()
            raise _Refused(400 if response.status < 500 else 502, message or f"engine answered {response.status}")
        kind = "graph" if "n-triples" in (response.getheader("Content-Type") or "") else "results"
        limit = server.settings.max_rows + (1 if kind == "results" else 0)  # TSV has a header line
        lines, truncated = [], False
        for line in response:
            if len(lines) >= limit:
                truncated = True
                break
            lines.append(line)
        return 200, kind, b"".join(lines), truncated
    except (socket.timeout, TimeoutError):
        raise _Refused(503, f"the query ran longer than {server.settings.timeout:g} s and was stopped") from None
    finally:
        connection.close()


def _reserialize(kind: str, data: bytes, wanted: str) -> tuple[bytes, str]:
    try:
        if kind == "graph":
            fmt = _GRAPH_FORMATS.get(wanted, ox.RdfFormat.N_TRIPLES)
            triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
            return ox.serialize(triples, format=fmt) or b"", fmt.media_type
        fmt = _RESULT_FORMATS.get(wanted, ox.QueryResultsFormat.JSON)
        results = ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
        body = results.serialize(format=fmt)
        return body, fmt.media_type
    except SyntaxError:
        text = data.decode("utf-8", "replace")
        if "cancelled" in text or "timeout" in text.lower():
            raise _Refused(503, "the query ran longer than the endpoint's timeout and was stopped") from None
        raise _Refused(502, "the engine's answer could not be read: " + text.strip().splitlines()[-1][:300]) from None


def _named_queries_json() -> bytes:
    from dvkg.queries.runner import list_queries

    return json.dumps([{"name": q.name, "answers": q.answers, "text": q.text} for q in list_queries()],
                      ensure_ascii=False).encode("utf-8")


_QUERY_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dvkg SPARQL</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 1.5em; }
textarea { width: 100%; height: 16em; font: 13px monospace; }
table { border-collapse: collapse; margin-top: 1em; } td, th { border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; }
#status { margin-left: 1em; color: #555; }
</style></head>
<body>
<h1>dvkg: query the graph</h1>
<p>Read-only SPARQL 1.1 endpoint at <code>/query</code> (GET or POST; JSON, CSV, TSV, XML).
The default graph is the union of the article graphs. <a href="/network">The network</a>.</p>
<label>Named query <select id="named"><option value="">(write your own)</option></select></label>
<p id="answers"></p>
<textarea id="sparql">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20</textarea>
<p><button id="run">Run</button><span id="status"></span></p>
<table id="results"></table>
<script src="/query.js"></script>
</body></html>
"""

# Everything from the store is shown with textContent, never as HTML.
_QUERY_JS = """'use strict';
const $ = (id) => document.getElementById(id);
let named = [];
fetch('/queries.json').then((r) => r.json()).then((list) => {
  named = list;
  for (const q of list) { const o = document.createElement('option'); o.value = q.name; o.textContent = q.name; $('named').appendChild(o); }
});
$('named').addEventListener('change', () => {
  const q = named.find((x) => x.name === $('named').value);
  $('answers').textContent = q ? q.answers : '';
  if (q) $('sparql').value = q.text;
});
$('run').addEventListener('click', async () => {
  $('status').textContent = 'running…'; const table = $('results'); table.replaceChildren();
  const started = performance.now();
  const response = await fetch('/query', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json' }, body: $('sparql').value });
  if (!response.ok) { $('status').textContent = 'Error: ' + await response.text(); return; }
  const data = await response.json();
  const ms = Math.round(performance.now() - started);
  if ('boolean' in data) { $('status').textContent = String(data.boolean) + ' (' + ms + ' ms)'; return; }
  const vars = data.head.vars; const head = table.insertRow();
  for (const v of vars) { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); }
  for (const b of data.results.bindings) { const row = table.insertRow(); for (const v of vars) row.insertCell().textContent = b[v] ? b[v].value : ''; }
  const cut = response.headers.get('X-Dvkg-Truncated') === 'true' ? ' (cut at ' + response.headers.get('X-Dvkg-Max-Rows') + ')' : '';
  $('status').textContent = data.results.bindings.length + ' rows' + cut + ', ' + ms + ' ms';
});
"""
