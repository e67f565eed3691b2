"""The named-query library on the corpus: each query answers its question with real rows, filters filter, parameters stay data."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import dvkg
from dvkg.errors import QueryError
from dvkg.ingest.articles import read_article
from dvkg.ingest.version import extractor_version, input_key
from dvkg.queries import list_queries, run_query
from dvkg.queries.runner import _ANCHOR, _ANCHOR_PARAM, param_term, render

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
ID = "https://w3id.org/dvkg/id/"
SON_LA = URIRef(ID + "province/son-la")
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")


@pytest.fixture(scope="module")
def store():
    with dvkg.open_store(None) as store:
        report = dvkg.ingest([CORPUS, ROOT / "examples"], store)
        assert report.ingested >= 5
        yield store


def rows(store, query, **params):
    result = run_query(store, query, params)
    return [dict(zip(result.columns, row)) for row in result.rows]


def person(store, name):
    found = {r["person"] for r in rows(store, "person-posts", name=name)}
    assert len(found) == 1, found
    return URIRef(found.pop())


def test_the_library_has_at_least_twelve_documented_queries():
    queries = list_queries()
    assert len(queries) >= 12
    for query in queries:
        assert query.answers and query.columns and query.example.startswith(f"dvkg query {query.name}")


@pytest.mark.parametrize("name", ["chaired", "participants", "person-posts", "body-events", "body-people", "document-reviews",
                                  "co-chairs", "co-attendance", "documents-by-issuer", "awards", "mentions", "articles"])
def test_every_new_query_finds_rows_in_the_corpus(store, name):
    assert rows(store, name)


# ------------------------------------------------------------ who chaired what, and the filters


def test_chaired_gives_the_three_son_la_chairs_with_their_sentence(store):
    found = rows(store, "chaired", province=SON_LA, code="25-NQ/TW")
    assert {r["name"] for r in found} == {"Lò Minh Hùng", "Lưu Minh Quân", "Phạm Tất Thắng"}
    assert all("chủ trì hội nghị" in r["sentence"] for r in found)
    assert {r["article"] for r in found} == {"000_6cabc671c13fed58.txt", "son-la-dan-van.txt"}
    assert {r["organiserName"] for r in found} == {"Tỉnh ủy Sơn La"}


def test_chaired_filters_by_person_body_province_dates_and_document(store):
    hung = person(store, "Lò Minh Hùng")
    assert {r["name"] for r in rows(store, "chaired", person=hung)} == {"Lò Minh Hùng"}
    assert {r["name"] for r in rows(store, "chaired", name="Phan Thị Na")} == {"Phan Thị Na"}
    by_body = rows(store, "chaired", body=URIRef(ID + "org/tinh-uy-son-la"))
    assert by_body and {r["organiserName"] for r in by_body} == {"Tỉnh ủy Sơn La"}
    assert rows(store, "chaired", body=URIRef(ID + "org/tinh-uy-lao-cai")) == []
    bac_kan = rows(store, "chaired", province=URIRef(ID + "province/bac-kan"))
    assert {r["name"] for r in bac_kan} == {"Ma Từ Đông Điền", "Phan Thị Na"}
    assert rows(store, "chaired", **{"from": "2023-11-28", "to": "2023-11-28"})
    assert rows(store, "chaired", **{"from": "2023-11-29"}) == []  # undated events are left out of a date range
    assert {r["document"] for r in rows(store, "chaired", code="06-ĐA/TU")} == {"06-ĐA/TU"}
    assert rows(store, "chaired", code="99-NQ/TW") == []


def test_participants_on_a_day_with_roles(store):
    found = rows(store, "participants", **{"from": "2023-11-28", "to": "2023-11-28"})
    roles = {(r["name"], r["role"]) for r in found}
    assert {("Lò Minh Hùng", "chair"), ("Lò Minh Hùng", "speaker"), ("Tráng Thị Xuân", "attendee")} <= roles
    assert {r["date"] for r in found} == {"2023-11-28"}
    assert {r["role"] for r in rows(store, "participants", role="speaker")} == {"speaker"}


# ------------------------------------------------------------ people, bodies, documents


def test_posts_of_a_person_over_time_with_sources(store):
    found = rows(store, "person-posts", name="Lưu Minh Quân")
    assert {(r["title"], r["organisation"]) for r in found} >= {("Trưởng ban", "Ban Dân vận Tỉnh ủy Sơn La")}
    assert all(r["sentence"] and r["article"] and r["date"] == "2023-11-28" for r in found)


def test_events_and_people_of_a_body(store):
    events = rows(store, "body-events", bodyName="Tỉnh ủy Sơn La")
    assert {r["date"] for r in events} == {"2023-11-28"} and len({r["article"] for r in events}) == 2
    people = {r["name"] for r in rows(store, "body-people", bodyName="Tỉnh ủy Sơn La")}
    assert {"Lò Minh Hùng", "Lưu Minh Quân", "Tráng Thị Xuân"} <= people  # Lưu Minh Quân also via Ban Dân vận


def test_which_provinces_reviewed_a_document_when_and_chaired_by_whom(store):
    found = rows(store, "document-reviews", code="25-NQ/TW")
    assert {r["provinceName"] for r in found} == {"Sơn La", "Lào Cai"}
    son_la = [r for r in found if r["provinceName"] == "Sơn La"]
    assert {r["date"] for r in son_la} == {"2023-11-28"} and "Lò Minh Hùng" in son_la[0]["chairs"]
    assert {r["provinceName"] for r in rows(store, "document-reviews", province=SON_LA)} == {"Sơn La"}


def test_every_event_has_its_articles_province_which_document_reviews_reads(store):
    # document-reviews reads the event's province alone: it relies on ingest
    # writing the article's province on each event of the article's graph.
    pairs = store.query("""
        PREFIX dvkg: <https://w3id.org/dvkg/ns#>
        SELECT ?article ?event ?articleProvince ?eventProvince WHERE {
          GRAPH ?g { ?article a dvkg:Article ; dvkg:mentions ?event . ?event dvkg:eventType ?type .
                     OPTIONAL { ?article dvkg:province ?articleProvince }
                     OPTIONAL { ?event dvkg:province ?eventProvince } } }""").rows
    assert len(pairs) >= 5 and {p[2] for p in pairs} >= {str(SON_LA), None}
    assert [p for p in pairs if p[2] != p[3]] == []


def test_co_chairs_and_co_attendance_count_events_together(store):
    hung = person(store, "Lò Minh Hùng")
    chairs = {r["otherName"]: int(r["events"]) for r in rows(store, "co-chairs", person=hung)}
    assert chairs == {"Lưu Minh Quân": 2, "Phạm Tất Thắng": 2}  # two articles report the conference
    together = {r["otherName"] for r in rows(store, "co-attendance", person=hung)}
    assert {"Tráng Thị Xuân", "Lưu Minh Quân", "Phạm Tất Thắng"} <= together


def test_documents_by_issuer_and_type(store):
    found = rows(store, "documents-by-issuer", issuerName="Ban Bí thư")
    assert [(r["code"], r["type"]) for r in found] == [("43-KL/TW", "Kết luận")]
    assert {r["code"] for r in rows(store, "documents-by-issuer", type="Chỉ thị")} >= {"33/CT-TTg"}


#: documents-by-issuer counted from the article graphs at every run, as it was before resolution listed them
#: (the date apart: the first one printed for the document).
DOCUMENTS_FROM_THE_ARTICLES = """
PREFIX dvkg: <https://w3id.org/dvkg/ns#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?issuer ?issuerName ?type ?code ?document (COUNT(DISTINCT ?event) AS ?events)
WHERE {
  GRAPH ?g {
    ?document eli:passed_by ?issuer ; a dvkg:Document ; dvkg:code ?code .
    ?issuer foaf:name ?issuerLabel .
    OPTIONAL { ?document dvkg:documentType ?typeName }
    OPTIONAL { ?event dvkg:reviews ?document }
  }
  BIND(STR(?issuerLabel) AS ?issuerName)
  BIND(STR(?typeName) AS ?type)
}
GROUP BY ?issuer ?issuerName ?type ?code ?document
"""
FIRST_DATES = """SELECT ?document (MIN(?issued) AS ?date)
WHERE { GRAPH ?g { ?document <http://data.europa.eu/eli/ontology#date_document> ?issued } } GROUP BY ?document"""


def test_documents_by_issuer_lists_what_the_articles_say_of_each_document(store):
    """The listing resolution writes gives the rows that grouping every mention in the article graphs gives."""
    listed = rows(store, "documents-by-issuer")
    counted = store.query(DOCUMENTS_FROM_THE_ARTICLES)
    assert len(listed) >= 5
    assert sorted((tuple(r[c] for c in counted.columns) for r in listed), key=str) == sorted(counted.rows, key=str)
    assert any(int(r["events"]) >= 2 for r in listed)  # a document reviewed at more than one event
    first = dict(store.query(FIRST_DATES).rows)
    assert {r["document"]: r["date"] for r in listed} == {r["document"]: first.get(r["document"]) for r in listed}
    assert any(r["date"] for r in listed)


def test_awards_given(store):
    found = {(r["name"], r["award"]) for r in rows(store, "awards")}
    assert ("Tráng Thị Xuân", "bằng khen") in found
    assert ("Bùi Tiến Lực", "Kỷ niệm chương “Vì sự nghiệp dân vận”") in found


def test_articles_mentioning_an_entity(store):
    found = rows(store, "mentions", label="Lò Minh Hùng")
    assert {r["article"] for r in found} == {"000_6cabc671c13fed58.txt", "son-la-dan-van.txt"}
    assert {r["kinds"] for r in found} == {"Person"}


def test_articles_mentioning_a_document_found_by_its_label(store):
    """A document's label is a plain string, a person's a @vi one: the label anchor finds both."""
    found = rows(store, "mentions", label="25-NQ/TW")
    assert {r["kinds"] for r in found} == {"Document"}
    assert {"son-la-dan-van.txt", "lao-cai-dan-van.txt", "000_6cabc671c13fed58.txt"} <= {r["article"] for r in found}


def test_articles_lists_what_was_read_with_the_extractor_and_input_hash(store):
    found = {r["article"]: r for r in rows(store, "articles")}
    assert set(found) == {p.name for p in CORPUS.glob("*.txt")} | {p.name for p in (ROOT / "examples").iterdir()
                                                                    if p.suffix in (".txt", ".html")}
    son_la = found["son-la-dan-van.txt"]
    assert son_la["source"] == str(ROOT / "examples" / "son-la-dan-van.txt")
    assert son_la["extractor"] == extractor_version()
    assert son_la["input"] == input_key(read_article(son_la["source"]))
    assert son_la["headline"].startswith("Sơn La")


def test_articles_published_in_a_date_range(store):
    july = {r["article"] for r in rows(store, "articles", **{"from": "2024-07-01", "to": "2024-07-31"})}
    assert july == {"001_4210ff3868224523.txt", "bac-kan-dan-van-kheo.html"}
    since = {r["article"]: r["published"] for r in rows(store, "articles", **{"from": "2022-01-01"})}  # no anchor
    assert since == {"001_4210ff3868224523.txt": "2024-07-23", "003_3c8f3140ddaf6f44.txt": "2022-12-21",
                     "bac-kan-dan-van-kheo.html": "2024-07-23"}


# ------------------------------------------------------------ safe parameters

HOSTILE = ['Lò Minh Hùng" || true || "', 'x" } UNION { ?a ?b ?c } #', "} INSERT DATA { <urn:x> <urn:y> <urn:z> } {",
           "25-NQ/TW\") } DROP ALL ; #", "<http://evil/>", "'; DELETE WHERE { ?s ?p ?o } #"]


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("name, param", [("chaired", "name"), ("chaired", "code"), ("person-posts", "name"),
                                         ("body-events", "bodyName"), ("document-reviews", "code"),
                                         ("documents-by-issuer", "type"), ("mentions", "label"), ("awards", "name")])
def test_a_hostile_value_is_only_a_value(store, name, param, hostile):
    before = len(store)
    assert run_query(store, name, {param: hostile}).rows == []
    assert len(store) == before


# ------------------------------------------------------------ anchors: faster, never different

def someone(query: str) -> str:
    """A person the query has rows for: Tráng Thị Xuân attends and hands awards, Lò Minh Hùng chairs and speaks."""
    return "Tráng Thị Xuân" if query in {"attendees", "awards"} else "Lò Minh Hùng"


# A value from the corpus for every parameter an anchor ("# if ?param: ...") starts from.
ANCHOR_VALUES = {
    "person": lambda store, query: someone(query) if query in {"chairs", "speakers", "attendees", "positions", "career"}
    else person(store, someone(query)),
    "name": lambda store, query: someone(query),
    "province": lambda store, query: SON_LA,
    "code": lambda store, query: "25-NQ/TW",
    "from": lambda store, query: "2024-07-23" if query == "articles" else "2023-11-28",
    "to": lambda store, query: "2024-07-23" if query == "articles" else "2023-11-28",
    "body": lambda store, query: URIRef(ID + "org/tinh-uy-son-la"),
    "bodyName": lambda store, query: "Tỉnh ủy Sơn La",
    "document": lambda store, query: URIRef(rows(store, "document-reviews", code="25-NQ/TW")[0]["document"]),
    "entity": lambda store, query: person(store, someone(query)),
    "label": lambda store, query: someone(query),
    "event": lambda store, query: URIRef(rows(store, "chaired", province=SON_LA)[0]["event"]),
    "issuer": lambda store, query: URIRef(ID + "org/ban-bi-thu"),
    "issuerName": lambda store, query: "Ban Bí thư",
    "type": lambda store, query: "Nghị quyết" if query == "documents-by-issuer" else "hội nghị",
    "source": lambda store, query: str(ROOT / "examples" / "son-la-dan-van.txt"),
}


def anchored_params(query) -> list[str]:
    return sorted({name for line in query.text.splitlines() if (found := _ANCHOR.match(line))
                   for name, _, last in _ANCHOR_PARAM.findall(found.group("params")) for name in (name, last) if name})


@pytest.mark.parametrize("query", [q for q in list_queries() if anchored_params(q)], ids=lambda q: q.name)
def test_an_anchor_gives_the_rows_the_filters_give(store, query):
    """Each anchor only restates a filter: with it on, a query finds the same rows as with it off."""
    params = anchored_params(query)
    for given in [[p] for p in params if p not in ("from", "to")] + [["from", "to"]] * ("from" in params):
        bindings = {p: param_term(ANCHOR_VALUES[p](store, query.name)) for p in given}
        anchored = render(query.text, bindings)
        assert anchored != query.text, f"{query.name}: no anchor switched on by {given}"
        expected = store.query(query.text, bindings).rows
        assert sorted(store.query(anchored, bindings).rows, key=str) == sorted(expected, key=str), (query.name, given)
        assert expected or given in (["issuer"], ["issuerName"], ["type"]), (query.name, given)


def test_anchors_render_a_value_as_one_term():
    text = "SELECT ?x WHERE {\n  # if ?name@vi: ?x <urn:p> ?name .\n  # if ?from..?to: ?x <urn:d> ?from .\n}"
    hostile = Literal('x" } INSERT DATA { <urn:a> <urn:b> <urn:c> } #\n')
    rendered = render(text, {"name": hostile})
    assert ('VALUES (?_name) { ("x\\" } INSERT DATA { <urn:a> <urn:b> <urn:c> } #\\n"@vi) '
            '("x\\" } INSERT DATA { <urn:a> <urn:b> <urn:c> } #\\n") } ?x <urn:p> ?_name .') in rendered
    assert "# if ?from" in rendered  # not given: left a comment
    days = render(text, {"from": param_term("2023-11-28"), "to": param_term("2023-11-30")})
    assert days.count("^^<http://www.w3.org/2001/XMLSchema#date>") == 3 and "?x <urn:d> ?_from ." in days
    assert render(text, {"from": param_term("2020-01-01"), "to": param_term("2023-01-01")}) == text  # too long a range
    assert render(text, {"name": URIRef("https://example.org/x")}) == text  # an IRI is no name


def test_an_iri_parameter_that_is_not_an_iri_is_refused(store):
    with pytest.raises(QueryError, match="cannot bind"):
        run_query(store, "chaired", {"province": "https://example.org/a>b"})


def test_the_people_of_a_body_hold_posts_in_it_or_its_committees(store):
    """Regression: the body's own posts were read from a BIND the UNION could not see, so every post of every
    person in an article naming the body came back."""
    found = rows(store, "body-people", body=URIRef(ID + "org/tinh-uy-son-la"))
    assert {r["organisation"] for r in found} == {"Tỉnh ủy Sơn La", "Ban Dân vận Tỉnh ủy Sơn La"}


@pytest.mark.parametrize("name, given", [("chaired", ["province", "code", "type"]), ("chaired", ["person", "from", "to"]),
                                         ("participants", ["person", "from", "to"]), ("person-posts", ["person", "name"]),
                                         ("document-reviews", ["code", "province"])])
def test_anchors_together_give_the_rows_the_filters_give(store, name, given):
    query = next(q for q in list_queries() if q.name == name)
    bindings = {p: param_term(ANCHOR_VALUES[p](store, name)) for p in given}
    expected = store.query(query.text, bindings).rows
    assert expected and sorted(store.query(render(query.text, bindings), bindings).rows, key=str) == sorted(expected, key=str)
