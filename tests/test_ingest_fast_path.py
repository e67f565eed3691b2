"""The fast ingest path (issue 4) changes how fast, never what is stored.

Ingest builds article graphs as pyoxigraph terms, checks them with the compiled
shapes, guesses new articles' identities before writing (``resolve.Forecast``),
and resolution rewrites only the triples that name a renamed node. Each test
compares that path with the plain one.
"""
from __future__ import annotations

import functools
import gc
import importlib.util
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest

from dvkg import api
from dvkg.graph import resolve as resolution
from dvkg.graph import iris
from dvkg.graph.checked import check_article, parsed_ntriples, renamed_ntriples
from dvkg.graph.iris import RESOLUTION_GRAPH
from dvkg.graph.store import Store, as_ntriples
from dvkg.graph.triples import article_graph, article_triples
from dvkg.graph.validate import validate_fast
from dvkg.ingest import pipeline, version
from dvkg.ontology import FOAF

NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)
GENERATED_AT = "<http://www.w3.org/ns/prov#generatedAtTime>"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"dvkg_tests_{name}_fast", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


article = _load("test_resolve").article
son_la_facts = _load("test_graph_triples").son_la_facts


def _batch() -> list:
    """Namesakes in two provinces (each seen twice), a bare mention, and undated documents."""
    return [
        article("a.txt", "Lào Cai", [("Hoàng Giang", "Phó Bí thư", "Tỉnh ủy Lào Cai")],
                documents=[("18-NQ/TW", None, "2017-10-25")], date="2018-01-01"),
        article("b.txt", "Cà Mau", [("Hoàng Giang", "Giám đốc", "Sở Nội vụ tỉnh Cà Mau")],
                documents=[("18-NQ/TW", None, None)], date="2019-05-05"),
        article("c.txt", "Lào Cai", [("Hoàng Giang", "Bí thư", "Huyện ủy Bát Xát tỉnh Lào Cai")]),
        article("d.txt", "Cà Mau", [("HOÀNG GIANG", "Phó Giám đốc", "Sở Nội vụ tỉnh Cà Mau")],
                documents=[("18-NQ/TW", None, None)], date="2020-02-02"),
        article("e.txt", "Lào Cai", [("Hoàng Giang", "", None)]),
    ]


def _ingest(facts: list, forecast: bool) -> tuple[set[str], resolution.Resolution]:
    with Store.open(None) as store:
        api.store_facts(facts, store, now=NOW, guess_identities=forecast)
        result = resolution.resolve(store)
        return {str(q) for q in store._db if GENERATED_AT not in str(q)}, result


def test_a_guess_renames_nodes_in_the_graph_text_never_a_literal_that_prints_them():
    old, new, other = (ox.NamedNode(f"https://w3id.org/dvkg/id/person/{n}") for n in ("a", "a--lao-cai", "b"))
    knows, name = ox.NamedNode(FOAF.knows), ox.NamedNode(FOAF.name)
    tricky = ox.Literal(f"<{old.value}> .\n<{old.value}> <{old.value}> .", language="vi")  # a name nobody prints
    text = as_ntriples([(old, knows, other), (other, knows, old), (other, name, tricky)])
    renamed = parsed_ntriples(renamed_ntriples(text, {old.value: new.value}))
    assert set(renamed) == {(new, knows, other), (other, knows, new), (other, name, tricky)}
    assert renamed_ntriples(text, {}) is text
    swapped = parsed_ntriples(renamed_ntriples(text, {old.value: other.value, other.value: old.value}))
    assert set(swapped) == {(other, knows, old), (old, knows, other), (old, name, tricky)}  # all at once, not in turn


def test_guessing_identities_before_writing_stores_the_same_graphs_with_fewer_renames():
    plain, plain_result = _ingest(_batch(), forecast=False)
    guessed, guessed_result = _ingest(_batch(), forecast=True)
    assert guessed == plain
    assert _moved(guessed_result) < _moved(plain_result)


def _moved(result: resolution.Resolution) -> int:
    """How many nodes resolution renamed, over all graphs."""
    return sum(len(m) for m in result.renamed.values())


def _guesses(forecast: resolution.Forecast, *articles) -> dict[str, str]:
    """The forecast's renames for the last of ``articles``, after it has learnt from all of them in turn."""
    renamed = {}
    for facts in articles:
        checked = check_article(facts, ingested_at=NOW)
        renamed = forecast.renames(checked.iri, checked.identities)
    return renamed


def test_the_forecast_remembers_only_the_names_met_most_recently():
    lao_cai = article("a.txt", "Lào Cai", [("Hoàng Giang", "Phó Bí thư", "Tỉnh ủy Lào Cai")])
    ca_mau = article("b.txt", "Cà Mau", [("Hoàng Giang", "Giám đốc", "Sở Nội vụ tỉnh Cà Mau")])
    first, second = (article(f"{n}.txt", "Sơn La", [(name, "Bí thư", "Tỉnh ủy Sơn La")])
                     for n, name in (("x", "Lò Văn Một"), ("y", "Cầm Thị Hai")))
    lao_cai_again = article("c.txt", "Lào Cai", [("Hoàng Giang", "Bí thư", "Huyện ủy Bát Xát tỉnh Lào Cai")])

    # Remembered: the Lào Cai namesake makes the Cà Mau one another person, qualified by province.
    assert list(_guesses(resolution.Forecast(graphs=10, names=2), lao_cai, first, ca_mau).values()) == [
        str(iris.person_iri("Hoàng Giang", "ca-mau"))]
    # Two other names since: forgotten, so no guess (resolution will rename instead).
    forgetful = resolution.Forecast(graphs=10, names=2)
    assert _guesses(forgetful, lao_cai, first, second, ca_mau) == {}
    assert len(forgetful.groups) == 2
    # Met again in between, the name is recent again and outlives the older of the two others.
    assert _guesses(resolution.Forecast(graphs=10, names=2), lao_cai, first, lao_cai_again, second, ca_mau)


def test_a_forecast_that_forgets_still_stores_the_same_graphs(monkeypatch):
    # Another name between every two articles of _batch: a forecast of one name forgets Hoàng Giang each time.
    others = [article(f"other-{n}.txt", "Sơn La", [(name, "Bí thư", "Tỉnh ủy Sơn La")])
              for n, name in enumerate(("Lò Văn Một", "Cầm Thị Hai", "Quàng Văn Ba", "Tòng Thị Bốn", "Lường Văn Năm"))]
    batch = lambda: [facts for pair in zip(_batch(), others) for facts in pair]  # noqa: E731
    plain, _ = _ingest(batch(), forecast=False)
    remembering, remembered = _ingest(batch(), forecast=True)
    monkeypatch.setattr(resolution, "Forecast", functools.partial(resolution.Forecast, names=1))
    forgetful, forgot = _ingest(batch(), forecast=True)
    assert forgetful == remembering == plain
    assert _moved(remembered) < _moved(forgot)

def test_the_shipped_shapes_compile_so_ingest_never_falls_back_to_pyshacl():
    from dvkg.graph.validate import _compiled

    assert _compiled() is not None  # pySHACL takes some 60 times longer on every article


def test_the_compiled_shapes_read_pyoxigraph_triples_as_they_read_rdflib_graphs():
    facts = son_la_facts()
    triples = article_triples(facts)
    assert all(isinstance(t, (ox.NamedNode, ox.Literal)) for triple in triples for t in triple)
    assert validate_fast(triples).conforms and validate_fast(article_graph(facts)).conforms
    nameless = article_graph(facts)
    nameless.remove((None, FOAF.name, None))
    found = validate_fast([t for t in triples if t[1].value != str(FOAF.name)]).violations
    assert found and {(v.focus, v.path, v.message) for v in found} == {
        (v.focus, v.path, v.message) for v in validate_fast(nameless).violations}


def test_renaming_nodes_rewrites_only_the_triples_that_name_them():
    with Store.open(None) as store:
        facts = son_la_facts()
        store.write_article("https://w3id.org/dvkg/id/graph/x", article_triples(facts))
        before = {(q.subject, q.predicate, q.object) for q in store._db}
        old = next(s for s, p, o in before if s.value.startswith("https://w3id.org/dvkg/id/person/"))
        new = ox.NamedNode(old.value + "--son-la")
        store.rename_nodes({"https://w3id.org/dvkg/id/graph/x": {old.value: new.value}})
        after = {(q.subject, q.predicate, q.object) for q in store._db}
        swap = lambda t: t if t != old else new  # noqa: E731
        assert after == {(swap(s), p, swap(o)) for s, p, o in before}


def test_a_much_cited_document_is_named_in_reasons_by_ten_articles_and_a_count():
    # Each undated mention has its own reason; listing every article of the dated one grew the graph quadratically.
    dated = [article(f"{n:02d}.txt", None, [], documents=[("18-NQ/TW", None, "2017-10-25")], date="2018-01-01")
             for n in range(12)]
    undated = article("undated.txt", None, [], documents=[("18-NQ/TW", None, None)], date="2019-05-05")
    with Store.open(None) as store:
        api.store_facts([*dated, undated], store, now=NOW, guess_identities=False)
        resolution.resolve(store)
        reasons = [r for r, in store.query(f"SELECT ?r WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ "
                                           "?d <https://w3id.org/dvkg/ns#reason> ?r } }").rows if "undated" in r]
    assert reasons == ["18-NQ/TW (tw) is undated in undated.txt; the only 18-NQ/TW of that scope known before "
                       "2019-05-05 is of term khoa-xii, issued 2017-10-25 (00.txt, 01.txt, 02.txt, 03.txt, 04.txt, "
                       "05.txt, 06.txt, 07.txt, 08.txt, 09.txt and 2 more)"]


def test_new_articles_written_in_groups_are_stored_as_written_one_at_a_time():
    a, b, c, d, e = _batch()
    b_edited = article("b.txt", "Cà Mau", [("Hoàng Giang", "Phó Giám đốc", "Sở Nội vụ tỉnh Cà Mau")])
    stored = {}
    for group in (1, 3):
        with Store.open(None) as store:
            api.store_facts([a], store, now=NOW, write_group=group)
            # a is stored already; b comes twice in one group, the second time edited
            report = api.store_facts([b, c, a, b_edited, d, e], store, now=NOW, write_group=group)
            assert report.written == ["b.txt", "c.txt", "b.txt", "d.txt", "e.txt"]
            assert report.unchanged == ["a.txt"]
            stored[group] = {str(q) for q in store._db}
            posts = {title for title, in store.query(
                "SELECT ?t WHERE { GRAPH ?g { ?a <https://w3id.org/dvkg/ns#sourceFile> 'b.txt' . "
                "?m <https://w3id.org/dvkg/ns#title> ?t } }").rows}
            assert posts == {"Phó Giám đốc"}
    assert stored[3] == stored[1]


# ------------------------------------------------------------ articles read again


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DVKG_NS = "https://w3id.org/dvkg/ns#"


def _stored_without_ingest_time(store: Store) -> set[str]:
    return {str(q) for q in store._db if GENERATED_AT not in str(q)}


def _no_extraction(article):
    raise AssertionError(f"{article.name} was extracted again")


def test_an_article_read_again_unchanged_is_not_extracted_again(monkeypatch):
    with Store.open(None) as store:
        first = api.ingest([EXAMPLES], store)
        before = _stored_without_ingest_time(store)
        monkeypatch.setattr(pipeline, "extract", _no_extraction)
        again = api.ingest([EXAMPLES], store)
        assert sorted(again.unchanged) == sorted(first.written) and len(first.written) == 3
        assert again.written == [] and again.errors == []
        assert _stored_without_ingest_time(store) == before


def test_ingest_gives_the_cycle_collector_back_as_it_found_it(monkeypatch):
    def collector():
        return gc.get_threshold(), gc.get_freeze_count()

    before, during = collector(), []
    store_facts = api.store_facts

    def noting_store_facts(*args, **kwargs):
        during.append(collector())
        return store_facts(*args, **kwargs)

    def failing_store_facts(*args, **kwargs):
        raise RuntimeError("the disk is full")

    with Store.open(None) as store:
        monkeypatch.setattr(api, "store_facts", noting_store_facts)
        assert len(api.ingest([EXAMPLES], store).written) == 3
        assert during[0][0] != before[0] and during[0][1] > before[1]  # tuned and frozen for the run
        assert collector() == before
        monkeypatch.setattr(api, "store_facts", failing_store_facts)
        with pytest.raises(RuntimeError):
            api.ingest([EXAMPLES], store)
        assert collector() == before


def test_an_article_whose_metadata_changed_is_read_again(tmp_path):
    record = {"id": "lai-chau-1", "title": "Lai Châu tổng kết công tác dân vận",
              "text": (EXAMPLES / "lao-cai-dan-van.txt").read_text(encoding="utf-8")}
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with Store.open(None) as store:
        assert len(api.ingest([feed], store).written) == 1
        feed.write_text(json.dumps({**record, "title": "Lào Cai: dân vận ở vùng cao"}, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        report = api.ingest([feed], store)
        assert len(report.written) == 1 and report.unchanged == []
        headlines = store.query("SELECT ?h WHERE { ?a <https://schema.org/headline> ?h }").rows
        assert headlines == [("Lào Cai: dân vận ở vùng cao",)]


def test_new_rules_read_every_article_again_and_record_their_version(monkeypatch):
    with Store.open(None) as store:
        api.ingest([EXAMPLES], store)
        monkeypatch.setattr(version, "extractor_version", lambda: "0.1.0+000000000000")
        report = api.ingest([EXAMPLES], store)
        assert len(report.written) == 3 and report.unchanged == []
        recorded = store.query(f"SELECT DISTINCT ?v WHERE {{ ?a <{DVKG_NS}extractorVersion> ?v }}").rows
        assert recorded == [("0.1.0+000000000000",)]
        assert len(api.stored_inputs(store)) == 3
        monkeypatch.setattr(pipeline, "extract", _no_extraction)
        assert len(api.ingest([EXAMPLES], store).unchanged) == 3


def test_the_extractor_version_covers_every_rule_file():
    covered = {name for name, _ in version.rule_files()}
    package = Path(version.__file__).parent
    assert {f"dvkg.ingest/{p.name}" for p in package.glob("*.py")} <= covered
    assert {f"dvkg.ingest/lexicons/{p.name}" for p in package.glob("lexicons/*.json")} <= covered
    assert {"dvkg.graph/triples.py", "dvkg.graph/iris.py", "dvkg.ontology/shapes.ttl"} <= covered
    assert re.fullmatch(r"0\.1\.0\+[0-9a-f]{12}", version.extractor_version())


def test_a_run_that_doubles_the_store_compacts_it_and_a_smaller_one_does_not(tmp_path):
    compactions = []

    class Watched(Store):
        def compact(self):
            compactions.append(len(self))
            super().compact()

    feed = tmp_path / "feed.jsonl"
    record = {"id": "lai-chau-1", "text": (EXAMPLES / "lao-cai-dan-van.txt").read_text(encoding="utf-8")}
    feed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with Watched.open(tmp_path / "store") as store:
        stages = []
        first = api.ingest([EXAMPLES], store, on_stage=stages.append)
        assert first.compacted and stages == ["resolving identity", "compacting the store"]
        assert compactions == [len(store)]

        stages.clear()
        second = api.ingest([feed], store, on_stage=stages.append)  # one article into a store of three
        assert len(second.written) == 1 and not second.compacted
        assert stages == ["resolving identity"] and len(compactions) == 1

        third = api.ingest([EXAMPLES, feed], store)  # nothing new: nothing to compact
        assert third.written == [] and not third.compacted and len(compactions) == 1
        held = len(store)
    with Store.open(tmp_path / "store") as reopened:  # compaction lost nothing
        assert len(reopened) == held and len(api.stored_inputs(reopened)) == 4
