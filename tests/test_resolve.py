"""Entity resolution: one node per real person and document, namesakes kept apart, every decision explained.

Each test writes short articles built for the case (as ``Facts``) through the
same path ingest uses, then resolves identity over the store.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal

from dvkg import api
from dvkg.cli import main
from dvkg.graph import iris
from dvkg.graph.iris import RESOLUTION_GRAPH
from dvkg.graph.resolve import resolve
from dvkg.graph.store import Store
from dvkg.graph.validate import validate
from dvkg.ingest.facts import Document, Event, Evidence, Facts, Person, Position, Role
from dvkg.ontology import DVKG

NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [ROOT / "examples", ROOT / "tests" / "data" / "genre" / "articles"]  # the demo's and the genre's articles


def article(name: str, province: str | None, people: list[tuple[str, str, str | None]], *, date: str | None = "2024-03-01",
            documents: list[tuple[str, str | None, str | None]] = ()) -> Facts:
    """A one-event article: every person chairs and holds the (title, body) given."""
    text = " ".join(f"Đồng chí {p}, {t} {o or ''} chủ trì hội nghị." for p, t, o in people) or "Hội nghị."
    ev = Evidence(text, 0, len(text))
    event = Event("hội nghị", date, ev, roles=[Role("chair", p, "chủ trì", ev) for p, _, _ in people],
                  documents=[code for code, _, _ in documents])
    persons = [Person(p, [Position(t, o, ev)] if t else [], [ev]) for p, t, o in people]
    docs = [Document(code, "Nghị quyết", issuer, on, ev) for code, issuer, on in documents]
    return Facts(article=name, source=name, text=text, province=province, events=[event], people=persons, documents=docs)


def put(store: Store, *articles: Facts) -> None:
    """Store articles as ``dvkg ingest`` does, then resolve once for the batch."""
    report = api.store_facts(articles, store, now=NOW, guess_identities=False)
    assert not report.errors, report.errors
    resolve(store)


def nodes(store: Store, name: str) -> dict[str, set[str]]:
    """Person node → the articles naming ``name`` with it."""
    rows = store.query(
        "PREFIX dvkg: <https://w3id.org/dvkg/ns#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>"
        " PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
        " SELECT ?p ?label ?n WHERE { GRAPH ?g { ?p a dvkg:Person ; foaf:name ?n . ?a a dvkg:Article ; rdfs:label ?label } }"
    ).rows
    found: dict[str, set[str]] = {}
    for node, label, printed in rows:
        if printed.casefold() == name.casefold():
            found.setdefault(node, set()).add(label)
    return found


def content(store: Store) -> dict[str, set[str]]:
    """Each graph's triples, but the ingest times."""
    return {g: {str(t) for t in store.graph_triples(g) if "generatedAtTime" not in str(t.predicate)}
            for g in store.graphs()}


@pytest.fixture
def store():
    with Store.open(None) as store:
        yield store


MARCH = article("march.txt", "Sơn La", [("Lò Minh Hùng", "Phó Bí thư", "Tỉnh ủy Sơn La")], date="2023-03-02")
NOVEMBER = article("november.txt", "Sơn La", [("LÒ MINH HÙNG", "Phó Bí thư Thường trực", "Tỉnh ủy Sơn La")], date="2023-11-28")
GIANG_LAO_CAI = article("giang-lc.txt", "Lào Cai", [("Hoàng Giang", "Phó Bí thư", "Tỉnh ủy Lào Cai")])
GIANG_CA_MAU = article("giang-cm.txt", "Cà Mau", [("Hoàng Giang", "Giám đốc", "Sở Nội vụ tỉnh Cà Mau")])


# ----------------------------------------------------------------- persons


def test_the_same_person_across_two_articles_is_one_node_with_a_recorded_reason(store):
    put(store, MARCH, NOVEMBER)
    assert nodes(store, "Lò Minh Hùng") == {str(iris.person_iri("Lò Minh Hùng")): {"march.txt", "november.txt"}}
    reasons = store.query(
        f"SELECT ?r WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?d a <https://w3id.org/dvkg/ns#MergeDecision> ;"
        " <https://w3id.org/dvkg/ns#reason> ?r } }").rows
    assert ("same name; posts in Sơn La in every article (march.txt, november.txt)",) in reasons


def test_namesakes_in_two_provinces_stay_two_people(store):
    put(store, GIANG_LAO_CAI, GIANG_CA_MAU)
    found = nodes(store, "Hoàng Giang")
    assert found == {
        str(iris.person_iri("Hoàng Giang", "lao-cai")): {"giang-lc.txt"},
        str(iris.person_iri("Hoàng Giang", "ca-mau")): {"giang-cm.txt"},
    }
    chairs = {row[0] for row in api.query(store, "chairs").rows}
    assert chairs == {"Hoàng Giang"}  # the queries need not know: the nodes differ
    people = api.query(store, "people").rows
    assert people == [("Hoàng Giang", "1"), ("Hoàng Giang", "1")]


def test_a_mention_without_a_post_joins_the_namesake_of_its_province(store):
    bare = article("giang-bare.txt", "Lào Cai", [("Hoàng Giang", "", None)])
    put(store, GIANG_LAO_CAI, GIANG_CA_MAU, bare)
    assert nodes(store, "Hoàng Giang")[str(iris.person_iri("Hoàng Giang", "lao-cai"))] == {"giang-lc.txt", "giang-bare.txt"}


def test_a_central_official_met_in_two_provinces_is_one_person(store):
    a = article("a.txt", "Sơn La", [("Phạm Tất Thắng", "Phó Trưởng ban", "Ban Dân vận Trung ương")])
    b = article("b.txt", "Lào Cai", [("Phạm Tất Thắng", "Phó Trưởng ban", "Ban Dân vận Trung ương")])
    put(store, a, b)
    assert len(nodes(store, "Phạm Tất Thắng")) == 1


def test_removing_an_article_undoes_the_split_it_caused(store):
    put(store, GIANG_LAO_CAI, GIANG_CA_MAU)
    removed, missing = api.remove(store, ["giang-cm.txt"])
    assert (removed, missing) == (["giang-cm.txt"], [])
    assert nodes(store, "Hoàng Giang") == {str(iris.person_iri("Hoàng Giang")): {"giang-lc.txt"}}
    assert not store.query(f"SELECT ?x WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?x a <{DVKG.Assignment}> }} }}").rows


def test_reingesting_a_resolved_article_changes_nothing(store):
    put(store, GIANG_LAO_CAI, GIANG_CA_MAU)
    before = {str(q) for q in store._db}
    report = api.store_facts([GIANG_LAO_CAI, GIANG_CA_MAU], store, now=NOW)
    assert report.unchanged == ["giang-lc.txt", "giang-cm.txt"] and not report.written
    assert resolve(store).written is False
    assert {str(q) for q in store._db} == before


def test_an_edited_article_is_resolved_again(store):
    put(store, GIANG_LAO_CAI, GIANG_CA_MAU)
    moved = article("giang-cm.txt", "Cà Mau", [("Hoàng Giang", "Phó Bí thư", "Tỉnh ủy Lào Cai")])
    put(store, moved)  # the edit now places him in Lào Cai too: one person again
    assert nodes(store, "Hoàng Giang") == {str(iris.person_iri("Hoàng Giang")): {"giang-lc.txt", "giang-cm.txt"}}


def test_a_verdict_splits_or_merges_and_can_be_undone(store):
    put(store, GIANG_LAO_CAI, GIANG_CA_MAU)
    [pair] = api.people(store).candidates
    assert pair.status == "kept apart" and "Lào Cai" in pair.reason and "Cà Mau" in pair.reason
    api.review(store, pair.id, "same", "moved from Lào Cai to Cà Mau")
    assert nodes(store, "Hoàng Giang") == {str(iris.person_iri("Hoàng Giang")): {"giang-lc.txt", "giang-cm.txt"}}
    reason = store.query(f"SELECT ?r WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?d <https://w3id.org/dvkg/ns#reason> ?r }} }}")
    assert any("override: moved from Lào Cai to Cà Mau" in r[0] for r in reason.rows)
    put(store, GIANG_CA_MAU)  # a verdict survives re-ingesting
    assert len(nodes(store, "Hoàng Giang")) == 1
    assert api.review(store, pair.id, None) == "undone"
    assert len(nodes(store, "Hoàng Giang")) == 2


def test_a_weak_merge_is_listed_and_can_be_split(store):
    a = article("a.txt", "Lào Cai", [("Nguyễn Văn Bình", "", None)])
    b = article("b.txt", "Cà Mau", [("Nguyễn Văn Bình", "", None)])
    put(store, a, b)
    [pair] = api.people(store).candidates
    assert pair.status == "merged" and len(nodes(store, "Nguyễn Văn Bình")) == 1
    api.review(store, pair.id, "different", "two people")
    assert len(nodes(store, "Nguyễn Văn Bình")) == 2


def test_a_common_name_lists_one_pair_per_two_provinces_and_a_short_reason(store):
    # 24 articles about three provinces naming one post-less Nguyễn Văn Bình: every article pair
    # from different provinces would be 192 pairs to review; the same kinds of context are 3.
    provinces = ["Lào Cai", "Cà Mau", "Sơn La"]
    put(store, *(article(f"b{n:02d}.txt", provinces[n % 3], [("Nguyễn Văn Bình", "", None)]) for n in range(24)))
    pairs = api.people(store).candidates
    assert len(nodes(store, "Nguyễn Văn Bình")) == 1
    assert len(pairs) == 3 and {p.status for p in pairs} == {"merged"}
    assert {frozenset((p.first.province, p.second.province)) for p in pairs} == {
        frozenset(pair) for pair in [provinces[:2], provinces[1:], provinces[::2]]}
    reasons = [r[0] for r in store.query(
        f"SELECT ?r WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?d <https://w3id.org/dvkg/ns#reason> ?r }} }}").rows]
    assert any(r.endswith("b09.txt and 14 more)") for r in reasons), reasons


def test_the_resolution_graph_conforms_to_the_shapes(store):
    put(store, GIANG_LAO_CAI, GIANG_CA_MAU, MARCH, NOVEMBER, SON_LA_25)
    assert api.query(store, "documents-by-issuer").rows  # a document listed too
    [pair] = api.people(store).candidates
    api.review(store, pair.id, "different", "checked")
    assert api.validate(store) == {}
    assert validate(store.dataset().graph(RESOLUTION_GRAPH)).conforms


@pytest.mark.parametrize("breaks", [None, "second name", "no articles", "second code", "no count"])
def test_the_fast_checker_judges_resolved_persons_and_listed_documents_as_pyshacl_does(store, breaks):
    from dvkg.graph.validate import validate_fast

    put(store, GIANG_LAO_CAI, GIANG_CA_MAU, MARCH, NOVEMBER, SON_LA_25)
    records = store.dataset().graph(RESOLUTION_GRAPH)
    node = next(records.subjects(DVKG.articleCount, None))
    listing = next(records.subjects(DVKG.listedDocument, None))
    if breaks == "second name":
        records.add((node, DVKG.printedName, Literal("Lò Minh Hùng")))
    elif breaks == "no articles":
        records.set((node, DVKG.articleCount, Literal(0)))
    elif breaks == "second code":
        records.add((listing, DVKG.listedCode, Literal("25/NQ-TW")))
    elif breaks == "no count":
        records.remove((listing, DVKG.reviewCount, None))
    full, fast = validate(records), validate_fast(records)
    assert fast.conforms == full.conforms == (breaks is None)
    assert {(v.focus, v.path) for v in fast.violations} == {(v.focus, v.path) for v in full.violations}


def test_people_duplicates_on_the_command_line(tmp_path):
    path = tmp_path / "kg"
    with api.open_store(path) as store:
        put(store, GIANG_LAO_CAI, GIANG_CA_MAU)
    result = CliRunner().invoke(main, ["people", "--duplicates", "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert "Hoàng Giang: kept apart" in result.output and "giang-lc.txt: Phó Bí thư Tỉnh ủy Lào Cai" in result.output
    pair = result.output.split()[0]
    confirmed = CliRunner().invoke(main, ["people", "--confirm", pair, "--reason", "same man", "--store", str(path)])
    assert "recorded as same" in confirmed.output
    listed = CliRunner().invoke(main, ["people", "Hoàng Giang", "--store", str(path)])
    assert "2 article(s)" in listed.output and "override: same man" in listed.output


# --------------------------------------------------------------- documents

RESOLUTION_25 = ("25-NQ/TW", "Ban Chấp hành Trung ương Đảng", "2013-06-03")


def test_a_document_reviewed_in_two_provinces_is_one_node(store):
    son_la = article("sl.txt", "Sơn La", [], documents=[RESOLUTION_25], date="2023-11-28")
    lao_cai = article("lc.txt", "Lào Cai", [], documents=[("25-NQ/TW", None, None)], date="2023-12-06")
    put(store, son_la, lao_cai)
    rows = api.query(store, "documents", {"code": "25-NQ/TW"}).rows
    assert len(rows) == 1 and rows[0][3] == "2013-06-03"
    assert "(sl.txt)" in rows[0][4] and "(lc.txt)" in rows[0][4]
    dated = str(iris.document_iri("25-NQ/TW", "tw", "khoa-xi"))
    assert {s for s, in store.query("SELECT DISTINCT ?d WHERE { ?e <https://w3id.org/dvkg/ns#reviews> ?d }").rows} == {dated}


def test_party_numbers_restart_each_term(store):
    old = article("a.txt", None, [], documents=[("18-NQ/TW", None, "2017-10-25")], date="2018-01-01")
    new = article("b.txt", None, [], documents=[("18-NQ/TW", None, "2022-06-16")], date="2023-01-01")
    undated = article("c.txt", None, [], documents=[("18-NQ/TW", None, None)], date="2019-05-05")
    put(store, old, new, undated)
    reviewed = {r for r, in store.query("SELECT DISTINCT ?d WHERE { ?e <https://w3id.org/dvkg/ns#reviews> ?d }").rows}
    # two resolutions; the undated one of 2019 can only be the 2017 one
    assert reviewed == {str(iris.document_iri("18-NQ/TW", "tw", "khoa-xii")), str(iris.document_iri("18-NQ/TW", "tw", "khoa-xiii"))}


def test_provincial_documents_of_two_provinces_stay_apart(store):
    a = article("a.txt", "Sơn La", [], documents=[("11-CT/TU", "Ban Thường vụ Tỉnh ủy", None)])
    b = article("b.txt", "Lào Cai", [], documents=[("11-CT/TU", "Ban Thường vụ Tỉnh ủy", None)])
    put(store, a, b)
    assert len(store.query("SELECT DISTINCT ?d WHERE { ?d a <https://w3id.org/dvkg/ns#Document> }").rows) == 2


# ------------------------------------------------------------------ career


def test_career_lists_posts_by_date_with_sources(store):
    put(store, NOVEMBER, MARCH)
    rows = api.query(store, "career").rows
    assert [(r[1], r[2], r[4]) for r in rows] == [
        ("2023-03-02", "Phó Bí thư", "march.txt"),
        ("2023-11-28", "Phó Bí thư Thường trực", "november.txt"),
    ]
    assert all(r[5].startswith("Đồng chí") for r in rows)  # the sentence that attests it
    assert len({r[6] for r in rows}) == 1
    assert [r[4] for r in api.query(store, "career", {"person": "Lò Minh Hùng"}).rows] == ["march.txt"]


def _graphs(store: Store) -> dict[str, set]:
    return {g: set(store.graph_triples(g)) for g in store.graphs()}


def test_a_big_resolution_is_written_in_steps_with_the_same_result(store, monkeypatch):
    import dvkg.graph.store as store_module

    whole = Store.open(None)
    put(whole, GIANG_LAO_CAI, GIANG_CA_MAU, MARCH, NOVEMBER)
    put(store, GIANG_LAO_CAI, MARCH)
    updates = []
    monkeypatch.setattr(store_module, "STEP_TRIPLES", 7)
    monkeypatch.setattr(Store, "_update", lambda self, text, real=Store._update: (updates.append(text), real(self, text)))
    api.store_facts([GIANG_CA_MAU, NOVEMBER], store, now=NOW, guess_identities=False)
    api.resolution.resolve_changes(store)  # both names again: their records replaced
    assert _graphs(store) == _graphs(whole)
    steps = [text for text in updates if "INSERT DATA { GRAPH <" + str(RESOLUTION_GRAPH) in text]
    assert len(steps) > 2  # the records went in many small transactions, the mark last
    assert max(text.count(" .\n") for text in steps) <= 7 and "#complete>" in updates[-1]


def test_every_rename_is_counted_when_groups_of_names_rename_nodes_of_one_article(store, monkeypatch):
    from dvkg.graph import resolve as resolution

    monkeypatch.setattr(resolution, "GROUP_MENTIONS", 1)  # each name its own group
    lao_cai = article("lc.txt", "Lào Cai", [("Hoàng Giang", "Phó Bí thư", "Tỉnh ủy Lào Cai"),
                                            ("Trần Văn Minh", "Giám đốc", "Sở Nội vụ tỉnh Lào Cai")])
    ca_mau = article("cm.txt", "Cà Mau", [("Hoàng Giang", "Giám đốc", "Sở Nội vụ tỉnh Cà Mau"),
                                          ("Trần Văn Minh", "Phó Bí thư", "Tỉnh ủy Cà Mau")])
    api.store_facts([lao_cai, ca_mau], store, now=NOW, guess_identities=False)
    result = resolve(store)
    assert sorted(len(mapping) for mapping in result.renamed.values()) == [2, 2]  # two namesakes split in each
    assert "4 node(s) renamed in 2 article(s)" in result.summary()


def test_a_stores_first_resolution_loads_its_records_in_bulk(store, monkeypatch):
    whole = Store.open(None)
    put(whole, GIANG_LAO_CAI, GIANG_CA_MAU, MARCH, NOVEMBER)
    updates = []
    monkeypatch.setattr(Store, "_update", lambda self, text, real=Store._update: (updates.append(text), real(self, text)))
    put(store, GIANG_LAO_CAI, GIANG_CA_MAU, MARCH, NOVEMBER)
    assert _graphs(store) == _graphs(whole) and store.graph_triples(RESOLUTION_GRAPH)
    assert not [text for text in updates if "INSERT DATA { GRAPH <" + str(RESOLUTION_GRAPH) in text and "#complete>" not in text]
    assert not [text for text in updates if f"INSERT DATA {{ GRAPH <{iris.PENDING_GRAPH}>" in text]  # nothing noted before it


def test_a_resolution_cut_short_is_finished_by_the_next_ingest(store, monkeypatch):
    import dvkg.graph.store as store_module
    from dvkg.graph.resolve import is_resolved

    whole = Store.open(None)
    put(whole, GIANG_LAO_CAI, GIANG_CA_MAU)
    monkeypatch.setattr(store_module, "STEP_TRIPLES", 5)
    calls = []

    def crash_on_the_fourth(self, text, real=Store._update):
        calls.append(text)
        if len(calls) == 4:
            raise OSError("killed")
        real(self, text)

    monkeypatch.setattr(Store, "_update", crash_on_the_fourth)
    with pytest.raises(OSError):
        put(store, GIANG_LAO_CAI, GIANG_CA_MAU)
    assert not is_resolved(store) and _graphs(store) != _graphs(whole)
    monkeypatch.undo()
    report = api.ingest([], store)  # nothing new to write: the missing mark alone makes it resolve
    assert report.resolution is not None and is_resolved(store)
    assert _graphs(store) == _graphs(whole)
    assert api.ingest([], store).resolution is None  # and once finished, not again


# ------------------------------------------------------------ resolving the changes only

SON_LA_25 = article("sl.txt", "Sơn La", [("Lò Minh Hùng", "Phó Bí thư", "Tỉnh ủy Sơn La")], documents=[RESOLUTION_25],
                    date="2023-11-28")
LAO_CAI_25 = article("lc.txt", "Lào Cai", [("Hoàng Giang", "Phó Bí thư", "Tỉnh ủy Lào Cai")],
                     documents=[("25-NQ/TW", None, None)], date="2023-12-06")
GIANG_MOVED = article("giang-cm.txt", "Cà Mau", [("Hoàng Giang", "Phó Bí thư", "Tỉnh ủy Lào Cai")])
#: Batches of a store's life: (articles written, articles removed). Each step changes identity: a first
#: resolution, a namesake split with an undated document matched, an edit that merges again, two new
#: namesakes in one batch (written with the nodes ingest guesses), an edit that swaps the name it prints,
#: a removal that takes the dated document away, an article that names nothing.
STEPS = [
    ([GIANG_LAO_CAI, MARCH], []),
    ([GIANG_CA_MAU, NOVEMBER, SON_LA_25, LAO_CAI_25], []),
    ([GIANG_MOVED], []),
    ([article("hung-sl.txt", "Sơn La", [("Trần Văn Hưng", "Giám đốc", "Sở Tài chính tỉnh Sơn La")]),
      article("hung-cm.txt", "Cà Mau", [("Trần Văn Hưng", "Giám đốc", "Sở Tài chính tỉnh Cà Mau")])], []),
    ([article("march.txt", "Sơn La", [("Trần Văn Hưng", "Phó Giám đốc", "Sở Tài chính tỉnh Sơn La")])], []),
    ([], ["sl.txt"]),
    ([article("quiet.txt", None, [])], ["giang-lc.txt"]),
]


def test_resolving_the_changes_only_writes_what_a_full_resolution_writes(store):
    present: dict[str, Facts] = {}
    for written, removed in STEPS:
        api.store_facts(written, store, now=NOW)
        api.remove(store, removed)  # resolves the removals' names and documents
        resolution_run = api.resolution.resolve_changes(store)
        present.update((a.article, a) for a in written)
        for name in removed:
            present.pop(name)
        whole = Store.open(None)
        put(whole, *present.values())
        assert _graphs(store) == _graphs(whole)
        assert iris.PENDING_GRAPH not in {iris.URIRef(g) for g in store.graphs()}
    assert resolution_run is None  # the removal in the last step had already resolved its changes


def test_the_listing_of_a_document_follows_the_articles_that_name_it(store):
    """documents-by-issuer reads what resolution lists: a new article reviewing the document counts at once,
    and a removed one stops counting."""
    def listed():
        return [(r[3], r[4], r[5], r[6]) for r in api.query(store, "documents-by-issuer").rows]

    dated = str(iris.document_iri("25-NQ/TW", "tw", "khoa-xi"))
    put(store, SON_LA_25)
    assert listed() == [("25-NQ/TW", "2013-06-03", dated, "1")]
    api.store_facts([article("hb.txt", "Hòa Bình", [], documents=[RESOLUTION_25], date="2023-12-01")], store, now=NOW)
    api.resolution.resolve_changes(store)
    assert listed() == [("25-NQ/TW", "2013-06-03", dated, "2")]
    api.remove(store, ["sl.txt"])
    assert listed() == [("25-NQ/TW", "2013-06-03", dated, "1")]
    api.remove(store, ["hb.txt"])
    assert listed() == []


def test_a_batch_reads_again_only_the_names_and_documents_it_names(store):
    put(store, GIANG_LAO_CAI, GIANG_CA_MAU, MARCH)
    api.store_facts([NOVEMBER], store, now=NOW)
    done = api.resolution.resolve_changes(store, details=True)
    assert set(done.persons) == {str(iris.person_iri("Lò Minh Hùng"))}  # Hoàng Giang was not read again
    assert {m.label for m in done.persons[str(iris.person_iri("Lò Minh Hùng"))]} == {"march.txt", "november.txt"}


def test_an_ingest_counts_the_persons_and_pairs_it_resolves_without_holding_their_mentions(store):
    report = api.store_facts([GIANG_LAO_CAI, GIANG_CA_MAU, MARCH, NOVEMBER], store, now=NOW)
    assert not report.errors
    done = api.resolution.resolve_changes(store)  # as ingest resolves
    shown = api.people(store)  # as dvkg people reads the same store
    assert len(shown.persons) == 3 and len(shown.candidates) == 1  # two Hoàng Giang kept apart: one pair to review
    assert (done.person_count, done.candidate_count) == (len(shown.persons), len(shown.candidates))
    assert not done.persons and not done.candidates and not done.reasons
    assert done.summary().startswith("resolution: 3 person(s)") and done.summary().endswith("1 to review")


def test_articles_written_by_a_run_that_stopped_before_resolving_are_resolved_by_the_next(store):
    put(store, GIANG_LAO_CAI)
    api.store_facts([GIANG_CA_MAU], store, now=NOW, guess_identities=False)  # then the process was killed
    report = api.ingest([], store)  # nothing new to write: what is pending makes it resolve
    assert report.resolution is not None and report.resolution.renamed
    whole = Store.open(None)
    put(whole, GIANG_LAO_CAI, GIANG_CA_MAU)
    assert _graphs(store) == _graphs(whole)
    assert api.ingest([], store).resolution is None


def test_resolving_every_few_articles_of_an_ingest_gives_what_resolving_once_gives(monkeypatch):
    with Store.open(None) as once, Store.open(None) as often:
        api.ingest(SAMPLES, once)
        calls = []
        real = api.resolution.resolve_changes
        monkeypatch.setattr(api.resolution, "resolve_changes", lambda store: calls.append(store) or real(store))
        report = api.ingest(SAMPLES, often, write_group=2, resolve_every=3)
        assert len(calls) > 2 and report.resolution is not None  # resolved along the way, then once more
        assert content(often) == content(once)


def test_a_full_pass_that_reads_a_share_of_the_names_at_a_time_writes_what_one_read_writes(monkeypatch):
    from dvkg.graph import resolve as resolution

    reads = []  # the mentions each read of names held (copied: the pass pops them as it writes)
    real = resolution._mentions

    def noted(*args):
        mentions = real(*args)
        reads.append({key: list(found) for key, found in mentions.items()})
        return mentions

    monkeypatch.setattr(resolution, "_mentions", noted)
    with Store.open(None) as whole, Store.open(None) as shared:
        for store in (whole, shared):
            assert not api.store_facts(api.extract(SAMPLES), store, now=NOW, guess_identities=False).errors
        monkeypatch.setattr(resolution, "SHARE_MENTIONS", 12)
        shares = resolution._share_count(shared)
        # A node not minted from its name points to another share than its name's: its posts must follow it.
        graph, node, name = next((g, p, n) for g, p, n in shared.query(
            "SELECT ?g ?p ?n WHERE { GRAPH ?g { ?m <http://www.w3.org/ns/org#member> ?p . "
            "?p <http://xmlns.com/foaf/0.1/name> ?n } } ORDER BY ?g ?p").rows)
        stray = next(f"{iris.person_iri('x')}-{i}" for i in range(100)
                     if resolution._node_share(f"{iris.person_iri('x')}-{i}", shares)
                     != resolution._name_share(iris.name_key(name), shares))
        for store in (whole, shared):
            store.rename_nodes({graph: {node: stray}})
        monkeypatch.setattr(resolution, "SHARE_MENTIONS", 10**9)
        once = resolve(whole)
        (one_read,) = reads
        reads.clear()
        monkeypatch.setattr(resolution, "SHARE_MENTIONS", 12)
        monkeypatch.setattr(resolution, "GROUP_MENTIONS", 1)  # a group per name: several write to one graph
        in_shares = resolve(shared)
        counts = [sum(len(found) for found in mentions.values()) for mentions in reads]
        assert len(reads) == shares > 3 and max(counts) < sum(counts) / 2
        together = {}
        for mentions in reads:
            assert not together.keys() & mentions.keys()  # each name in one share
            together.update(mentions)
        assert together == one_read  # every mention, with its posts and provinces
        assert any(m.node == stray and m.posts for m in together[iris.name_key(name)])
        assert content(shared) == content(whole)
        assert in_shares.renamed == once.renamed and in_shares.summary() == once.summary()  # every rename counted
