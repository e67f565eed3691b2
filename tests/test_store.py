"""Store: one named graph per article in a pyoxigraph directory; export round-trips."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal

from dvkg.errors import QueryError, StoreLockedError
from dvkg.graph import iris
from dvkg.graph.export import export
from dvkg.graph.store import QueryResult, Store
from dvkg.graph.triples import article_graph, graph_iri
from dvkg.graph.validate import validate
from dvkg.ingest.facts import Event, Evidence, Person, Position
from dvkg.ontology import DVKG, FOAF


def _load_fixture():
    path = Path(__file__).with_name("test_graph_triples.py")
    spec = importlib.util.spec_from_file_location("dvkg_tests_son_la", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


son_la = _load_fixture()
son_la_facts = son_la.son_la_facts


@pytest.fixture
def store():
    with Store.open(None) as store:
        yield store


@pytest.fixture
def facts():
    return son_la_facts()


def other_facts():
    text = "Ông Nguyễn Văn A chủ trì buổi làm việc."
    ev = Evidence(text, 0, len(text))
    return son_la_facts(
        article="001_other.txt", source="001_other.txt", text=text, province=None, documents=[],
        events=[Event("buổi làm việc", "2024-05-06", ev, roles=[])],
        people=[Person("Nguyễn Văn A", [Position("Chủ tịch", "UBND tỉnh Bắc Kạn", ev)], [ev])],
    )


# ------------------------------------------------------------------ writing


def test_writing_an_article_stores_its_graph(store, facts):
    graph = article_graph(facts)
    assert store.write_article(graph_iri(facts), graph) is True
    assert len(store) == len(graph)
    assert store.articles() == [str(graph_iri(facts))]


def test_writing_the_same_article_twice_changes_nothing(store, facts):
    store.write_article(graph_iri(facts), article_graph(facts))
    before = len(store)
    assert store.write_article(graph_iri(facts), article_graph(son_la_facts())) is False
    assert len(store) == before


def test_rewriting_an_edited_article_replaces_its_facts(store, facts):
    store.write_article(graph_iri(facts), article_graph(facts))
    edited = son_la_facts()
    edited.events[0].roles = [r for r in edited.events[0].roles if r.person != "Lưu Minh Quân"]
    assert store.write_article(graph_iri(edited), article_graph(edited)) is True
    chairs = store.query(
        "PREFIX dvkg: <https://w3id.org/dvkg/ns#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>"
        " SELECT ?n WHERE { ?e dvkg:chairedBy/foaf:name ?n } ORDER BY ?n"
    )
    assert [r[0] for r in chairs.rows] == ["Lò Minh Hùng", "Phạm Tất Thắng"]
    assert len(store) == len(article_graph(edited))


def test_articles_are_kept_apart_and_removed_one_by_one(store, facts):
    store.write_article(graph_iri(facts), article_graph(facts))
    other = other_facts()
    store.write_article(graph_iri(other), article_graph(other))
    assert len(store.articles()) == 2
    assert store.remove_article(graph_iri(facts)) is True
    assert store.articles() == [str(graph_iri(other))]
    assert len(store) == len(article_graph(other))
    assert store.remove_article(graph_iri(facts)) is False


def test_a_graph_read_back_from_the_store_still_conforms(store, facts):
    store.write_article(graph_iri(facts), article_graph(facts))
    dataset = store.dataset()
    stored = dataset.graph(graph_iri(facts))
    assert len(stored) == len(article_graph(facts))
    assert validate(stored).conforms, validate(stored).text


def test_the_store_persists_across_close_and_open(tmp_path, facts):
    with Store.open(tmp_path / "store") as store:
        store.write_article(graph_iri(facts), article_graph(facts))
        count = len(store)
    with Store.open(tmp_path / "store") as store:
        assert len(store) == count
        assert store.write_article(graph_iri(facts), article_graph(facts)) is False


def test_a_store_in_use_by_another_process_raises_store_locked(tmp_path):
    directory = tmp_path / "store"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); sys.stdin.read()", str(directory)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreLockedError, match="in use by another dvkg process"):
            Store.open(directory)
    finally:
        holder.communicate("")
    Store.open(directory).close()  # free again once the other process is gone


# ------------------------------------------------------------------ querying


def test_queries_see_the_union_of_all_article_graphs(store, facts):
    store.write_article(graph_iri(facts), article_graph(facts))
    other = other_facts()
    store.write_article(graph_iri(other), article_graph(other))
    result = store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/dvkg/ns#Article> }")
    assert result.rows == [("2",)]


def test_bindings_are_terms_not_text(store, facts):
    store.write_article(graph_iri(facts), article_graph(facts))
    query = "SELECT ?p ?name WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?name }"
    hung = store.query(query, {"p": iris.person_iri("Lò Minh Hùng")})
    assert hung.rows == [(str(iris.person_iri("Lò Minh Hùng")), "Lò Minh Hùng")]
    evil = '"} ?p ?q ?name . { "'
    assert store.query(query, {"name": evil}).rows == []
    assert store.query(query, {"name": Literal("Lò Minh Hùng", lang="vi")}).rows != []


def test_rows_come_one_at_a_time_as_query_gives_them(store, facts):
    store.write_article(graph_iri(facts), article_graph(facts))
    query = "SELECT ?g ?p ?name WHERE { GRAPH ?g { ?p <http://xmlns.com/foaf/0.1/name> ?name } } ORDER BY ?name"
    rows = store.rows(query)
    assert next(rows) == store.query(query).rows[0]
    assert [store.query(query).rows[0], *rows] == store.query(query).rows and len(store.query(query)) > 2
    with pytest.raises(QueryError, match="line 3"):
        next(store.rows("SELECT ?s WHERE {\n  ?s ?p \n}"))
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        next(store.rows("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"))


def test_a_syntax_error_is_a_query_error_with_its_position(store):
    with pytest.raises(QueryError) as caught:
        store.query("SELECT ?s WHERE {\n  ?s ?p \n}")
    assert "line 3" in str(caught.value) and caught.value.line == 3
    assert "Traceback" not in str(caught.value)


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o . # no service here\n SERVICE SILENT <http://x.invalid/> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(store, sparql):
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        store.query(sparql)


def test_the_word_service_inside_a_string_or_comment_is_fine(store):
    result = store.query('# SERVICE in a comment\nSELECT ?x WHERE { BIND("SERVICE" AS ?x) }')
    assert result.rows == [("SERVICE",)]


def test_query_result_formats():
    result = QueryResult(["person", "date"], [("Lò Minh Hùng", "2023-11-28"), ("A, B", None)])
    assert result.to_csv() == 'person,date\nLò Minh Hùng,2023-11-28\n"A, B",\n'
    assert '"person": "Lò Minh Hùng"' in result.to_json()
    table = result.to_table().splitlines()
    assert table[0].startswith("person") and set(table[1]) <= {"-", " "}
    assert table[2].index("2023") == table[0].index("date")


# ------------------------------------------------------------------ export


@pytest.fixture
def filled(store, facts):
    store.write_article(graph_iri(facts), article_graph(facts))
    other = other_facts()
    store.write_article(graph_iri(other), article_graph(other))
    return store


def test_turtle_export_merges_the_graphs_and_round_trips(filled, tmp_path):
    path = tmp_path / "out" / "kg.ttl"
    count = export(filled, path, "turtle")
    graph = Graph().parse(path, format="turtle")
    assert len(graph) == count
    assert (iris.person_iri("Lò Minh Hùng"), FOAF.name, Literal("Lò Minh Hùng", lang="vi")) in graph
    assert not list(tmp_path.glob("out/.*.tmp"))  # written through a temporary file, renamed


@pytest.mark.parametrize(("format", "rdflib_format"), [("trig", "trig"), ("nquads", "nquads")])
def test_quad_exports_round_trip(filled, tmp_path, format, rdflib_format):
    path = tmp_path / f"kg.{format}"
    count = export(filled, path, format)
    assert count == len(filled)
    dataset = Dataset().parse(path, format=rdflib_format)
    quads = list(dataset.quads((None, None, None, None)))
    assert len(quads) == count
    assert {str(g) for *_, g in quads} == set(filled.articles())


def test_json_ld_export(filled, tmp_path):
    count = export(filled, tmp_path / "kg.jsonld", "json-ld")
    dataset = Dataset().parse(tmp_path / "kg.jsonld", format="json-ld")
    assert len(list(dataset.quads((None, None, None, None)))) == count


def test_an_event_type_survives_the_export(filled, tmp_path):
    export(filled, tmp_path / "kg.ttl", "turtle")
    graph = Graph().parse(tmp_path / "kg.ttl")
    assert Literal("buổi làm việc", lang="vi") in set(graph.objects(None, DVKG.eventType))


# ------------------------------------------------------------- no network


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    import socket
    import urllib.request

    def refuse(*args, **kwargs):
        raise AssertionError(f"dvkg tried to reach the network: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def test_from_an_http_graph_is_not_fetched_by_the_store(store, facts, no_network):
    store.write_article(graph_iri(facts), article_graph(facts))
    # Oxigraph reads FROM as the name of a local graph (or, with the union default graph, ignores it): never a fetch
    store.query("SELECT * FROM <http://example.invalid/g.ttl> WHERE { ?s ?p ?o }")
    store.query("SELECT * WHERE { GRAPH <http://example.invalid/g.ttl> { ?s ?p ?o } }")


def test_rdflib_neither_loads_from_graphs_nor_runs_service(facts, no_network):
    graph = Dataset()
    for triple in article_graph(facts):
        graph.add(triple)
    graph.query("SELECT * FROM <http://example.invalid/g.ttl> WHERE { ?s ?p ?o } LIMIT 1")  # no fetch
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        list(graph.query("SELECT * WHERE { SERVICE <http://example.invalid/sparql> { ?s ?p ?o } }"))


# ---------------------------------------------------- removal and networks


def test_remove_retracts_one_article_by_its_name(store, facts):
    from dvkg import api

    store.write_article(graph_iri(facts), article_graph(facts))
    other = other_facts()
    store.write_article(graph_iri(other), article_graph(other))
    assert api.remove(store, ["000_6cabc671c13fed58.txt", "nope.txt"]) == (["000_6cabc671c13fed58.txt"], ["nope.txt"])
    assert store.articles() == [str(graph_iri(other))]


def test_replace_graphs_is_one_transaction(store, facts):
    store.write_article(graph_iri(facts), article_graph(facts))
    with pytest.raises(Exception):
        store.replace_graphs({str(graph_iri(facts)): None, "not an iri": []})
    assert store.articles() == [str(graph_iri(facts))]  # the drop did not happen either


def test_graphml_and_csv_exports_hold_the_entity_network(filled, tmp_path):
    import csv

    import networkx as nx

    edges = export(filled, tmp_path / "kg.graphml", "graphml")
    network = nx.read_graphml(tmp_path / "kg.graphml")
    assert network.number_of_edges() == edges > 0
    hung = str(iris.person_iri("Lò Minh Hùng"))
    assert network.nodes[hung]["label"] == "Lò Minh Hùng" and network.nodes[hung]["kind"] == "Person"
    assert any(d["relation"] == "chaired by" and t == hung for _, t, d in network.edges(data=True))
    assert export(filled, tmp_path / "kg.csv", "csv") == edges
    with open(tmp_path / "kg-edges.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == edges and set(rows[0]) == {"Source", "Target", "Relation", "Articles", "Evidence"}
    chaired = next(r for r in rows if r["Target"] == hung and r["Relation"] == "chaired by")
    assert chaired["Articles"] == "000_6cabc671c13fed58.txt" and "Lò Minh Hùng" in chaired["Evidence"]
    with open(tmp_path / "kg-nodes.csv", encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["Id", "Label", "Kind", "Articles"]
