"""Named queries: every .rq parses and documents itself; each answers its question on the Sơn La article."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from pyoxigraph import Store as OxStore

from dvkg.errors import QueryError
from dvkg.ingest.facts import Event, Evidence, Role
from dvkg.graph.resolve import resolve
from dvkg.graph.store import Store
from dvkg.graph.triples import article_graph, graph_iri
from dvkg.queries import NamedQuery, list_queries, load_query, run_query
from dvkg.queries.runner import HEADER_KEYS


def _load_fixture():
    path = Path(__file__).with_name("test_graph_triples.py")
    spec = importlib.util.spec_from_file_location("dvkg_tests_son_la_q", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


son_la_facts = _load_fixture().son_la_facts
ARTICLE = "000_6cabc671c13fed58.txt"
REQUIRED = {"chairs", "positions", "documents", "events", "people", "speakers", "attendees"}


@pytest.fixture(scope="module")
def store():
    facts = son_la_facts()
    with Store.open(None) as store:
        store.write_article(graph_iri(facts), article_graph(facts))
        resolve(store)  # as ingest does: `people` reads what resolution counts
        yield store


# ------------------------------------------------------------ the .rq files


def test_the_required_queries_are_shipped():
    assert REQUIRED <= {q.name for q in list_queries()}


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_query_has_a_complete_header(query: NamedQuery):
    assert set(HEADER_KEYS) <= set(query.header), f"{query.source} lacks {set(HEADER_KEYS) - set(query.header)}"
    assert query.name == Path(query.source).stem
    assert query.answers and query.columns and query.example.startswith(f"dvkg query {query.name}")
    for param in query.params:
        assert f"?{param}" in query.text.split("SELECT", 1)[1].split("WHERE", 1)[0], "a parameter must be projected"


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_query_parses_and_returns_its_columns(query: NamedQuery, store):
    OxStore().query(query.text)  # raises SyntaxError if it does not parse
    result = run_query(store, query.name)
    assert result.columns == query.columns
    assert result.rows, f"{query.name} found nothing in the Sơn La article"


# ------------------------------------------------------------ the answers


def test_chairs_are_exactly_the_three_chairs(store):
    result = run_query(store, "chairs")
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    assert sorted(r["person"] for r in rows) == ["Lò Minh Hùng", "Lưu Minh Quân", "Phạm Tất Thắng"]
    assert {(r["type"], r["date"], r["organiser"], r["article"]) for r in rows} == {
        ("hội nghị", "2023-11-28", "Tỉnh ủy Sơn La", ARTICLE)
    }


def test_chairs_of_one_person(store):
    result = run_query(store, "chairs", {"person": "Lò Minh Hùng"})
    assert [row[0] for row in result.rows] == ["Lò Minh Hùng"]


@pytest.mark.parametrize(
    "hostile",
    ['Lò Minh Hùng" || true || "', "x\" } UNION { ?who ?p ?name } #", "} } DROP ALL ; {", "<http://evil/>"],
)
def test_parameters_cannot_change_the_query(store, hostile):
    assert run_query(store, "chairs", {"person": hostile}).rows == []


def test_speakers_and_attendees_follow_role_precedence(store):
    speakers = [row[0] for row in run_query(store, "speakers").rows]
    assert sorted(speakers) == ["Lò Minh Hùng", "Phạm Tất Thắng"]
    assert [row[0] for row in run_query(store, "attendees").rows] == ["Tráng Thị Xuân"]


def test_positions_of_one_person(store):
    result = run_query(store, "positions", {"person": "Lưu Minh Quân"})
    assert {(r[1], r[2]) for r in result.rows} == {
        ("Ủy viên Ban Thường vụ", "Tỉnh ủy Sơn La"),
        ("Trưởng ban", "Ban Dân vận Tỉnh ủy Sơn La"),
    }


def test_documents_list_their_issuer_and_reviewing_events(store):
    result = run_query(store, "documents", {"code": "25-NQ/TW"})
    assert result.rows == [
        ("25-NQ/TW", "Nghị quyết", "Ban Chấp hành Trung ương Đảng", "2013-06-03", f"hội nghị 2023-11-28 ({ARTICLE})")
    ]


def test_events_and_people(store):
    assert run_query(store, "events").rows == [("hội nghị 2023-11-28", "hội nghị", "2023-11-28", "Tỉnh ủy Sơn La", ARTICLE)]
    people = dict(run_query(store, "people").rows)
    assert people["Lò Minh Hùng"] == "1" and len(people) == 4


def test_a_person_in_two_articles_is_one_node_spelt_as_each_article_prints_it():
    first = son_la_facts()
    text = "Đồng chí LÒ MINH HÙNG chủ trì họp mặt."
    ev = Evidence(text, 0, len(text))
    second = son_la_facts(article="002_again.txt", source="002_again.txt", text=text, people=[], documents=[],
                          events=[Event("họp mặt", None, ev, roles=[Role("chair", "LÒ MINH HÙNG", "chủ trì", ev)])])
    with Store.open(None) as store:
        for facts in (first, second):
            store.write_article(graph_iri(facts), article_graph(facts))
        resolve(store)
        chairs = {(row[0], row[5]) for row in run_query(store, "chairs").rows}
        assert ("LÒ MINH HÙNG", "002_again.txt") in chairs and ("Lò Minh Hùng", ARTICLE) in chairs
        assert len(chairs) == 4  # no cross-article mix of spellings
        counts = {int(n) for name, n in run_query(store, "people").rows if name.lower() == "lò minh hùng"}
        assert counts == {2}


# ------------------------------------------------------------ resolution


def test_an_unknown_name_lists_the_known_ones(store):
    with pytest.raises(QueryError, match="known queries: .*chairs"):
        run_query(store, "chiars")


def test_an_undeclared_parameter_is_refused(store):
    with pytest.raises(QueryError, match=r"no parameter \?nobody"):
        run_query(store, "chairs", {"nobody": "x"})


def test_a_query_file_and_literal_sparql_run_too(store, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/dvkg/ns#Person> }", encoding="utf-8")
    assert run_query(store, str(path)).rows == [("4",)]
    assert run_query(store, path.read_text()).rows == [("4",)]


def test_service_is_refused_through_the_runner(store):
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(store, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")


def test_load_query_returns_the_text():
    assert "dvkg:chairedBy" in load_query("chairs").text
