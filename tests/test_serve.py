"""dvkg serve: the read-only SPARQL endpoint queried over HTTP with a real client (httpx), then stopped."""
from __future__ import annotations

import csv
import io
import socket
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import dvkg
from dvkg.errors import StoreError
from dvkg.serve import Server, ServeSettings

httpx = pytest.importorskip("httpx")
ROOT = Path(__file__).resolve().parents[1]
CHAIRS = """PREFIX dvkg: <https://w3id.org/dvkg/ns#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?name WHERE { ?e dvkg:chairedBy/foaf:name ?n BIND(STR(?n) AS ?name) } ORDER BY ?name"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "kg"
    with dvkg.open_store(path) as store:
        dvkg.ingest([ROOT / "examples"], store)
    return path


@pytest.fixture(scope="module")
def server(store_path):
    with Server(ServeSettings(store_path, port=0, timeout=1, max_rows=5)) as running:
        yield running


@pytest.fixture
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


class Listener:
    """A local socket that records whether anything connected to it."""

    def __enter__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.connected = False
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()
        return self

    def _accept(self):
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
                self.connected = True
                conn.close()
            except OSError:
                pass

    def __exit__(self, *exc):
        time.sleep(0.3)
        self._stop = True
        self._thread.join()
        self.sock.close()


def test_it_listens_on_localhost_by_default(server):
    assert server.url.startswith("http://127.0.0.1:")


def test_select_over_get_and_post_in_every_results_format(client):
    by_get = client.get("/query", params={"query": CHAIRS}, headers={"Accept": "application/sparql-results+json"})
    assert by_get.status_code == 200 and by_get.headers["content-type"].startswith("application/sparql-results+json")
    names = [b["name"]["value"] for b in by_get.json()["results"]["bindings"]]
    assert {"Lò Minh Hùng", "Lưu Minh Quân", "Phạm Tất Thắng"} <= set(names)
    as_csv = client.post("/query", data={"query": CHAIRS}, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert [row[0] for row in csv.reader(io.StringIO(as_csv.text))][1:] == names
    as_tsv = client.post("/query", content=CHAIRS, headers={"Content-Type": "application/sparql-query",
                                                            "Accept": "text/tab-separated-values"})
    assert as_tsv.text.splitlines()[0] == "?name" and '"Lò Minh Hùng"' in as_tsv.text
    as_xml = client.get("/query", params={"query": CHAIRS, "format": "xml"})
    literals = [e.text for e in ET.fromstring(as_xml.content).iter("{http://www.w3.org/2005/sparql-results#}literal")]
    assert literals == names


def test_ask_and_construct(client):
    assert client.get("/query", params={"query": "ASK { ?s a <https://w3id.org/dvkg/ns#Person> }"}).json() == {
        "head": {}, "boolean": True}
    turtle = client.get("/query", params={"query": "CONSTRUCT WHERE { ?s a <https://w3id.org/dvkg/ns#Event> }"},
                        headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    assert "https://w3id.org/dvkg/ns#Event" in turtle.text


def test_results_are_capped_and_say_so(client):
    full = client.get("/query", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(full.json()["results"]["bindings"]) == 5
    assert full.headers["x-dvkg-truncated"] == "true" and full.headers["x-dvkg-max-rows"] == "5"
    small = client.get("/query", params={"query": CHAIRS + " LIMIT 2"})
    assert small.headers["x-dvkg-truncated"] == "false"


@pytest.mark.parametrize("request_kwargs", [
    {"url": "/update", "data": {"update": "DROP ALL"}},
    {"url": "/query", "data": {"update": "DROP ALL"}},
    {"url": "/update", "content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
    {"url": "/query", "content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
])
def test_updates_are_refused_and_change_nothing(client, request_kwargs):
    before = client.get("/query", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    assert client.post(**request_kwargs).status_code == 403
    after = client.get("/query", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    assert before == after


def test_an_update_sent_as_a_query_is_a_syntax_error(client):
    response = client.post("/query", data={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert response.status_code == 400


def test_service_never_reaches_the_network(client):
    with Listener() as listener:
        response = client.get("/query", params={"query": f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"})
    assert response.status_code == 400 and "SERVICE" in response.text
    assert not listener.connected


def test_remote_from_names_a_graph_and_is_never_fetched(client):
    with Listener() as listener:
        response = client.get("/query", params={"query": f"SELECT * FROM <{listener.url}> WHERE {{ ?s ?p ?o }}"})
        named = client.get("/query", params={"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": listener.url})
    assert response.status_code == 200 and named.status_code == 200
    assert not listener.connected


def test_a_query_over_the_timeout_is_stopped(client):
    started = time.monotonic()
    response = client.get("/query", params={"query": SLOW})
    assert response.status_code == 503 and "stopped" in response.text
    assert time.monotonic() - started < 6  # the engine's 1 s, or the front's backstop of 1 + 2 s


def test_a_syntax_error_is_a_400_with_the_engine_message(client):
    response = client.get("/query", params={"query": "SELECT ?x WHERE { ?x }"})
    assert response.status_code == 400 and "error at 1:" in response.text


def test_query_page_and_network_page(client):
    page = client.get("/")
    assert page.status_code == 200 and "default-src 'none'" in page.headers["content-security-policy"]
    assert '<script src="/query.js">' in page.text and "textContent" in client.get("/query.js").text
    assert "chaired" in {q["name"] for q in client.get("/queries.json").json()}
    network = client.get("/network")
    assert network.status_code == 200 and "Lò Minh Hùng" in network.text


def test_dvkg_query_works_beside_the_server(server, store_path):
    with dvkg.open_store(store_path) as store:
        assert dvkg.query(store, "chairs").rows


def test_a_missing_store_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        Server(ServeSettings(tmp_path / "nothing", port=0)).start()


def test_the_server_stops(store_path):
    server = Server(ServeSettings(store_path, port=0)).start()
    url = server.url
    assert httpx.get(url + "/query", params={"query": "ASK {}"}).status_code == 200
    server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=2)
