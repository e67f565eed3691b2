"""dvkg ask: the issue's questions in Vietnamese and English, their paraphrases, ambiguity, and questions it cannot parse."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace, RDF, URIRef

import dvkg
from dvkg.cli import main
from dvkg.queries.ask import QUESTION_FORMS, QuestionError, StoreIndex, ask

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")
SON_LA_CHAIRS = {"Lò Minh Hùng", "Lưu Minh Quân", "Phạm Tất Thắng"}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("ask") / "kg"
    with dvkg.open_store(path) as store:
        dvkg.ingest([CORPUS, ROOT / "examples"], store)
    return path


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory):
    """A store of its own for the CLI (the module's open store holds the lock on the other)."""
    path = tmp_path_factory.mktemp("ask-cli") / "kg"
    with dvkg.open_store(path) as store:
        dvkg.ingest([ROOT / "examples"], store)
    return path


@pytest.fixture(scope="module")
def store(store_path):
    with dvkg.open_store(store_path) as store:
        yield store


def names(reply):
    return {a.text.split(" — ")[0].split(" (")[0] for a in reply.answers}


@pytest.mark.parametrize("question", [
    "Ai chủ trì hội nghị tổng kết Nghị quyết 25 ở Sơn La?",
    "Who chaired the conference reviewing Resolution 25-NQ/TW in Sơn La?",
    "Hội nghị tổng kết Nghị quyết 25-NQ/TW tại tỉnh Sơn La do ai chủ trì?",
    "Ai đồng chủ trì hội nghị về Nghị quyết 25 ở Son La",
    "ai lam chu tri hoi nghi tong ket nghi quyet 25 o son la",
    "Which comrades co-chaired the conference on 25-NQ/TW in Sơn La?",
])
def test_who_chaired_the_son_la_conference(store, question):
    reply = ask(store, question)
    assert reply.query_name == "chaired"
    assert names(reply) == SON_LA_CHAIRS
    for answer in reply.answers:
        assert answer.entity.startswith("https://w3id.org/dvkg/id/person/")
        assert any("chủ trì hội nghị" in e.sentence for e in answer.evidence)
        assert {e.article for e in answer.evidence} <= {"000_6cabc671c13fed58.txt", "son-la-dan-van.txt"}


@pytest.mark.parametrize("question", [
    "Lò Minh Hùng đã chủ trì những hội nghị nào?", "What did Lo Minh Hung chair?", "What did LÒ MINH HÙNG chair?",
    "Đồng chí Lò Minh Hùng làm chủ trì những hội nghị nào?", "Lo Minh Hùng chủ trì gì?",
    "Những hội nghị nào do đồng chí Lò Minh Hùng chủ trì?", "Which events has Lò Minh Hùng chaired?",
])
def test_what_did_lo_minh_hung_chair(store, question):
    reply = ask(store, question)
    assert reply.query_name == "chaired" and "person" in reply.bindings
    assert reply.answers and all("2023-11-28" in a.text and "Tỉnh ủy Sơn La" in a.text for a in reply.answers)
    assert {e.article for a in reply.answers for e in a.evidence} == {"000_6cabc671c13fed58.txt", "son-la-dan-van.txt"}


@pytest.mark.parametrize("question", ["Lò Minh Hùng giữ chức vụ gì?", "What posts does Lò Minh Hùng hold?",
                                      "Chức vụ của đồng chí Lo Minh Hung là gì?", "What position does lo minh hung hold?"])
def test_posts_of_lo_minh_hung(store, question):
    reply = ask(store, question)
    assert reply.query_name == "person-posts"
    assert [a.text for a in reply.answers] == ["Phó Bí thư Thường trực — Tỉnh ủy Sơn La (2023-11-28)"]
    assert reply.answers[0].entity.startswith("https://w3id.org/dvkg/id/post/")
    assert "Lò Minh Hùng, Phó Bí thư Thường trực Tỉnh ủy" in reply.answers[0].evidence[0].sentence


@pytest.mark.parametrize("question", ["Tỉnh nào đã tổng kết Nghị quyết 25-NQ/TW?", "Which provinces reviewed 25-NQ/TW?",
                                      "Những địa phương nào thực hiện Nghị quyết 25?", "Which provinces implemented Resolution 25?"])
def test_which_provinces_reviewed_resolution_25(store, question):
    reply = ask(store, question)
    assert reply.query_name == "document-reviews"
    assert names(reply) == {"Sơn La", "Lào Cai"}
    assert all(a.entity.startswith("https://w3id.org/dvkg/id/province/") and a.evidence for a in reply.answers)


@pytest.mark.parametrize("question", ["Ai dự hội nghị ngày 28/11/2023?", "Who attended events on 2023-11-28?",
                                      "Who attended events on November 28, 2023?", "Ai tham dự hội nghị ngày 28 tháng 11 năm 2023",
                                      "Ai dự hội nghị 28-11-2023?", "Who attended the conference on 28 Nov 2023?"])
def test_who_attended_on_a_day(store, question):
    reply = ask(store, question)
    assert reply.query_name == "participants"
    assert SON_LA_CHAIRS | {"Tráng Thị Xuân"} == names(reply)
    assert all(a.evidence for a in reply.answers)


def test_a_day_with_no_event_has_no_answers(store):
    assert ask(store, "Ai dự hội nghị ngày 1/1/2020?").answers == []


def test_an_ambiguous_name_lists_the_candidates():
    ns = Namespace("https://w3id.org/dvkg/ns#")
    graph = Graph()
    for slug, name in (("lo-minh-hung-1", "Lò Minh Hùng"), ("lo-minh-hung-2", "Lò Minh Hưng")):
        node = URIRef(f"https://w3id.org/dvkg/id/person/{slug}")
        graph.add((node, RDF.type, ns.Person))
        graph.add((node, URIRef("http://xmlns.com/foaf/0.1/name"), Literal(name, lang="vi")))
    with dvkg.open_store(None) as store:
        store.write_article("https://w3id.org/dvkg/id/graph/x", graph)
        reply = ask(store, "What did Lo Minh Hung chair?")
    assert reply.answers == [] and {c.text for c in reply.candidates} == {"Lò Minh Hùng", "Lò Minh Hưng"}
    assert "2 people" in reply.note


@pytest.mark.parametrize("question", ["", "xin chào", "What is the weather in Hanoi?", "} INSERT DATA { <a> <b> <c> } {"])
def test_a_question_it_cannot_parse_lists_the_forms(store, question):
    with pytest.raises(QuestionError) as caught:
        ask(store, question)
    assert all(form in str(caught.value) for form in QUESTION_FORMS)


def test_cli_json_has_question_query_and_answers_with_evidence(cli_store):
    result = CliRunner().invoke(main, ["ask", "Who chaired the conference reviewing Resolution 25-NQ/TW in Sơn La?",
                                       "--store", str(cli_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["question"].startswith("Who chaired") and "SELECT" in record["query"]
    assert {"text", "entity", "evidence"} == set(record["answers"][0])
    assert {"article", "sentence"} == set(record["answers"][0]["evidence"][0])
    assert record["bindings"]["code"] == '"25-NQ/TW"'


def test_cli_text_and_unparsed_question(cli_store):
    ok = CliRunner().invoke(main, ["ask", "Lò Minh Hùng giữ chức vụ gì?", "--store", str(cli_store)])
    assert ok.exit_code == 0 and "Phó Bí thư Thường trực — Tỉnh ủy Sơn La" in ok.output and "“" in ok.output
    bad = CliRunner().invoke(main, ["ask", "xin chào", "--store", str(cli_store)])
    assert bad.exit_code == 2 and bad.output.startswith("Error: cannot answer") and "Traceback" not in bad.output
    assert "What did <person> chair?" in bad.output


def test_the_query_shown_is_the_sparql_run_with_the_anchors_of_its_parameters(store):
    reply = ask(store, "Ai chủ trì hội nghị tổng kết Nghị quyết 25 ở Sơn La?")
    assert "VALUES (?_province) { (<https://w3id.org/dvkg/id/province/son-la>) }" in reply.query
    assert 'VALUES (?_code) { ("25-NQ/TW") }' in reply.query and "# if ?province:" not in reply.query


def test_the_index_knows_the_people_codes_and_provinces_of_the_store(store):
    index = StoreIndex(store)
    assert index.person_names and all(len(iris) == 1 for iris in index.persons.values())
    assert ("nghi quyet", "25-NQ/TW") in index.codes_by_type and index.provinces["son la"][1] == "Sơn La"


def test_the_name_index_is_kept_until_the_store_changes():
    """A second question reuses the index of names; an ingest in between makes it read the store again."""
    with dvkg.open_store(None) as store:
        dvkg.ingest([ROOT / "examples" / "lao-cai-dan-van.txt"], store)
        first = StoreIndex.of(store)
        assert StoreIndex.of(store) is first
        with pytest.raises(QuestionError):  # nobody of the Sơn La article is known yet
            ask(store, "Lò Minh Hùng giữ chức vụ gì?")
        dvkg.ingest([ROOT / "examples" / "son-la-dan-van.txt"], store)
        assert StoreIndex.of(store) is not first
        assert "Phó Bí thư Thường trực" in names(ask(store, "Lò Minh Hùng giữ chức vụ gì?"))
