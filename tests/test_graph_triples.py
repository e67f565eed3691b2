"""article_graph: the triples of one article, checked against the SHACL shapes.

The fixture is the Sơn La article of ``shared/corpus/000_6cabc671c13fed58.txt``
as the gold record (``shared/eval/gold/seeds.jsonl`` line 1) reads it. Other
test files load ``son_la_facts`` from here.
"""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from dvkg.errors import ValidationError
from dvkg.graph import iris
from dvkg.graph.triples import article_graph, article_iri, canonical_org_name, event_class, graph_iri, org_class, parent_body
from dvkg.graph.validate import check, validate, validate_fast
from dvkg.ingest.facts import Document, Event, Evidence, Facts, Person, Position, Role
from dvkg.ontology import DVKG, ELI, FOAF, NIF, ORG, PROV, SCHEMA

SON_LA_TEXT = (
    "Tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới\n\n"
    "Ngày 28/11, Tỉnh ủy Sơn La tổ chức Hội nghị trực tiếp kết hợp với trực tuyến tổng kết 10 năm thực hiện "
    "Nghị quyết số 25-NQ/TW ngày 3/6/2013 của Ban Chấp hành Trung ương Đảng về “Tăng cường và đổi mới sự lãnh "
    "đạo của Đảng đối với công tác dân vận trong tình hình mới”; 5 năm thực hiện Kết luận số 43-KL/TW của Ban "
    "Bí thư; đánh giá 2 năm thực hiện Chỉ thị số 11-CT/TU của Ban Thường vụ Tỉnh ủy về đẩy mạnh thực hiện phong "
    "trào thi đua “Dân vận khéo” giai đoạn 2021 – 2025.\n\n"
    "Các đồng chí: Phạm Tất Thắng, Ủy viên Ban Chấp hành Trung ương Đảng, Phó Trưởng ban Thường trực Ban Dân vận "
    "Trung ương; Lò Minh Hùng, Phó Bí thư Thường trực Tỉnh ủy; Lưu Minh Quân, Ủy viên Ban Thường vụ Tỉnh ủy, "
    "Trưởng ban Dân vận Tỉnh ủy, chủ trì hội nghị.\n\n"
    "Đồng chí Phạm Tất Thắng, Phó Trưởng ban Thường trực Ban Dân vận Trung ương phát biểu tại hội nghị.\n\n"
    "Đồng chí Lò Minh Hùng, Phó Bí thư Thường trực Tỉnh ủy phát biểu tại hội nghị.\n"
    "Đồng chí Tráng Thị Xuân, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh trao bằng khen "
    "cho các tập thể, cá nhân.\n"
)

OPENING = SON_LA_TEXT.split("\n\n")[1]
CHAIRS = SON_LA_TEXT.split("\n\n")[2]
THANG_SPEAKS = SON_LA_TEXT.split("\n\n")[3]
HUNG_SPEAKS, XUAN_AWARDS = SON_LA_TEXT.split("\n\n")[4].splitlines()


def evidence(sentence: str, text: str = SON_LA_TEXT) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


def son_la_facts(**changes) -> Facts:
    """The gold reading of the Sơn La article, as ``Facts``; keyword arguments replace fields."""
    opening, chairs = evidence(OPENING), evidence(CHAIRS)
    event = Event(
        type="hội nghị",
        date="2023-11-28",
        evidence=opening,
        organizers=["Tỉnh ủy Sơn La"],
        roles=[
            Role("chair", "Phạm Tất Thắng", "chủ trì", chairs),
            Role("chair", "Lò Minh Hùng", "chủ trì", chairs),
            Role("chair", "Lưu Minh Quân", "chủ trì", chairs),
            Role("speaker", "Phạm Tất Thắng", "phát biểu", evidence(THANG_SPEAKS)),
            Role("speaker", "Lò Minh Hùng", "phát biểu", evidence(HUNG_SPEAKS)),
            Role("attendee", "Lò Minh Hùng", "trao", evidence(XUAN_AWARDS)),  # a chair is never an attendee
            Role("attendee", "Tráng Thị Xuân", "trao", evidence(XUAN_AWARDS)),
        ],
        documents=["25-NQ/TW", "43-KL/TW", "11-CT/TU"],
    )
    people = [
        Person("Phạm Tất Thắng", [
            Position("Ủy viên", "Ban Chấp hành Trung ương Đảng", chairs),
            Position("Phó Trưởng ban Thường trực", "Ban Dân vận Trung ương", chairs),
        ], [chairs]),
        Person("Lò Minh Hùng", [Position("Phó Bí thư Thường trực", "Tỉnh ủy Sơn La", chairs)], [chairs]),
        Person("Lưu Minh Quân", [
            Position("Ủy viên Ban Thường vụ", "Tỉnh ủy Sơn La", chairs),
            Position("Trưởng ban", "Ban Dân vận Tỉnh ủy Sơn La", chairs),
        ], [chairs]),
        Person("Tráng Thị Xuân", [
            Position("Ủy viên Ban Thường vụ", "Tỉnh ủy Sơn La", evidence(XUAN_AWARDS)),
            Position("Phó Chủ tịch Thường trực", "UBND tỉnh Sơn La", evidence(XUAN_AWARDS)),
        ], [evidence(XUAN_AWARDS)]),
    ]
    documents = [
        Document("25-NQ/TW", "Nghị quyết", "Ban Chấp hành Trung ương Đảng", "2013-06-03", opening),
        Document("43-KL/TW", "Kết luận", "Ban Bí thư", None, opening),
        Document("11-CT/TU", "Chỉ thị", "Ban Thường vụ Tỉnh ủy", None, opening),
    ]
    fields = dict(
        article="000_6cabc671c13fed58.txt",
        source="corpus/000_6cabc671c13fed58.txt",
        text=SON_LA_TEXT,
        title="Tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới",
        published=None,
        province="Sơn La",
        events=[event],
        people=people,
        documents=documents,
    )
    fields.update(changes)
    return Facts(**fields)


@pytest.fixture
def facts() -> Facts:
    return son_la_facts()


@pytest.fixture
def graph(facts) -> Graph:
    return article_graph(facts)


XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")  # not rdflib.XSD: pytest probes it and it warns
XSD_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
EVENT = iris.event_iri("000_6cabc671c13fed58.txt", 1)
HUNG = iris.person_iri("Lò Minh Hùng")


def names(graph: Graph, nodes) -> set[str]:
    return {str(graph.value(n, FOAF.name)) for n in nodes}


# ----------------------------------------------------------------- conformance


def test_the_article_graph_conforms_to_the_shapes(graph):
    report = validate(graph)
    assert report.conforms, report.text
    assert report.violations == []


def test_an_event_with_two_types_does_not_conform_and_the_report_names_it(graph):
    graph.add((EVENT, DVKG.eventType, Literal("lễ", lang="vi")))
    report = validate(graph)
    assert not report.conforms
    assert any(v.focus == str(EVENT) and v.path == "dvkg:eventType" for v in report.violations)


def test_a_person_without_a_name_does_not_conform(graph):
    graph.remove((HUNG, FOAF.name, None))
    report = validate(graph)
    assert not report.conforms
    assert [(v.focus, v.path) for v in report.violations] == [(str(HUNG), "foaf:name")]


def test_a_statement_without_evidence_does_not_conform(graph):
    statement = next(graph.subjects(RDF.type, RDF.Statement))
    graph.remove((statement, DVKG.evidence, None))
    assert not validate(graph).conforms


def test_only_a_membership_is_in_an_organisation(graph):
    """body-people reads every subject of org:organization as a membership: the shapes hold each graph to it."""
    graph.add((EVENT, ORG.organization, iris.org_iri("Tỉnh ủy Sơn La")))
    report = validate(graph)
    assert {(v.focus, v.path) for v in report.violations} == {(str(EVENT), "rdf:type")}  # one per type it has


def test_check_raises_a_validation_error_naming_the_article_and_the_node(graph):
    graph.add((EVENT, SCHEMA.startDate, Literal("28/11/2023")))
    with pytest.raises(ValidationError) as caught:
        check(graph, article="000_6cabc671c13fed58.txt")
    message = str(caught.value)
    assert "000_6cabc671c13fed58.txt" in message and str(EVENT) in message
    assert caught.value.report


def test_sparse_facts_still_conform():
    bare = Facts(article="x.txt", source="x.txt", text="Ông A dự.", events=[
        Event(type="lễ kỷ niệm", date="2024-02-30", evidence=Evidence("Ông A dự.", 0, 9),
              roles=[Role("attendee", "Ông A", "dự", Evidence("Ông A dự.", 0, 9))], documents=["Kế hoạch số 5"]),
    ], people=[Person("Ông A", [Position("Chủ tịch", None, Evidence("Ông A dự.", 0, 9))])])
    graph = article_graph(bare)
    assert validate(graph).conforms, validate(graph).text
    event = iris.event_iri("x.txt", 1)
    assert graph.value(event, SCHEMA.startDate) is None  # 30 February is dropped, not written
    assert (event, RDF.type, DVKG.Ceremony) in graph


# ------------------------------------------------------------------- content


def test_the_article_carries_its_provenance(graph, facts):
    article = article_iri(facts)
    assert graph.value(article, DVKG.sourceFile) == Literal("corpus/000_6cabc671c13fed58.txt")
    assert str(graph.value(article, DVKG.contentHash)).startswith("sha256:")
    assert graph.value(article, DVKG.extractorVersion) is not None
    assert graph.value(article, PROV.generatedAtTime) is None  # only when an ingest time is given
    assert graph.value(article, DVKG.province) == iris.province_iri("Sơn La")


def test_ingest_time_is_recorded_when_given(facts):
    at = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    graph = article_graph(facts, ingested_at=at)
    stamp = graph.value(article_iri(facts), PROV.generatedAtTime)
    assert stamp.datatype == XSD_DATETIME and stamp.toPython() == at


def test_the_event_has_its_type_date_organiser_and_people(graph):
    assert (EVENT, RDF.type, DVKG.Conference) in graph
    assert graph.value(EVENT, DVKG.eventType) == Literal("hội nghị", lang="vi")
    assert graph.value(EVENT, SCHEMA.startDate) == Literal("2023-11-28", datatype=XSD_DATE)
    assert names(graph, graph.objects(EVENT, DVKG.organizer)) == {"Tỉnh ủy Sơn La"}
    assert names(graph, graph.objects(EVENT, DVKG.chairedBy)) == {"Phạm Tất Thắng", "Lò Minh Hùng", "Lưu Minh Quân"}
    assert names(graph, graph.objects(EVENT, DVKG.speaker)) == {"Phạm Tất Thắng", "Lò Minh Hùng"}
    assert names(graph, graph.objects(EVENT, DVKG.attendee)) == {"Tráng Thị Xuân"}
    codes = {str(graph.value(d, DVKG.code)) for d in graph.objects(EVENT, DVKG.reviews)}
    assert codes == {"25-NQ/TW", "43-KL/TW", "11-CT/TU"}


def test_every_fact_is_reified_with_its_sentence(graph):
    # 1 organiser + 3 chairs + 2 speakers + 1 attendee + 3 documents + 7 posts held
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    assert len(statements) == 17
    for statement in statements:
        triple = tuple(graph.value(statement, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        assert triple in graph
        ev = graph.value(statement, DVKG.evidence)
        start, end = (graph.value(ev, p).toPython() for p in (NIF.beginIndex, NIF.endIndex))
        assert SON_LA_TEXT[start:end] == str(graph.value(ev, NIF.anchorOf))


def test_the_speech_evidence_is_the_speech_sentence(graph):
    statement = next(
        s for s in graph.subjects(RDF.predicate, DVKG.speaker) if graph.value(s, RDF.object) == HUNG
    )
    assert str(graph.value(graph.value(statement, DVKG.evidence), NIF.anchorOf)) == HUNG_SPEAKS


def test_positions_become_posts_and_memberships_attested_on_the_event_date(graph):
    post = iris.post_iri("Phó Bí thư Thường trực", "Tỉnh ủy Sơn La")
    assert (HUNG, ORG.holds, post) in graph
    assert graph.value(post, ORG.postIn) == iris.org_iri("Tỉnh ủy Sơn La")
    membership = graph.value(None, ORG.member, HUNG)
    assert graph.value(membership, DVKG.post) == post
    assert graph.value(membership, DVKG.attestedOn) == Literal("2023-11-28", datatype=XSD_DATE)


def test_bodies_get_their_kind_parent_and_province(graph):
    ban_dan_van = iris.org_iri("Ban Dân vận Tỉnh ủy Sơn La")
    tinh_uy = iris.org_iri("Tỉnh ủy Sơn La")
    assert (ban_dan_van, RDF.type, DVKG.PartyBody) in graph
    assert graph.value(ban_dan_van, ORG.subOrganizationOf) == tinh_uy
    assert (iris.org_iri("UBND tỉnh Sơn La"), RDF.type, DVKG.StateBody) in graph
    assert graph.value(tinh_uy, DVKG.province) == iris.province_iri("Sơn La")


def test_a_document_issuer_gets_the_articles_province(graph):
    directive = iris.document_iri("11-CT/TU", "tu-son-la")  # undated: no term in its key
    assert graph.value(directive, ELI.passed_by) == iris.org_iri("Ban Thường vụ Tỉnh ủy Sơn La")
    resolution = iris.document_iri("25-NQ/TW", "tw", "khoa-xi")
    assert graph.value(resolution, ELI.date_document) == Literal("2013-06-03", datatype=XSD_DATE)
    assert graph.value(directive, ELI.date_document) is None
    assert str(graph.value(resolution, DVKG.scope)) == "tw" and str(graph.value(resolution, DVKG["term"])) == "khoa-xi"


def test_each_body_of_a_joint_issuer_passed_the_document(facts):
    joint = Document("43-KL/TW", "Kết luận", "Bộ Chính trị, Ban Bí thư", None, facts.documents[1].evidence,
                     ("Bộ Chính trị", "Ban Bí thư"))
    graph = article_graph(son_la_facts(documents=[facts.documents[0], joint, facts.documents[2]]))
    conclusion = iris.document_iri("43-KL/TW", "tw")
    assert set(graph.objects(conclusion, ELI.passed_by)) == {iris.org_iri("Bộ Chính trị"), iris.org_iri("Ban Bí thư")}
    assert validate(graph).conforms and validate_fast(graph).conforms


@pytest.mark.parametrize(
    ("code", "issuer", "province", "issued", "key"),
    [
        ("25-NQ/TW", "Ban Chấp hành Trung ương Đảng", "Sơn La", "2013-06-03", "25-nq-tw/tw/khoa-xi"),
        ("18-NQ/TW", None, None, "2017-10-25", "18-nq-tw/tw/khoa-xii"),  # party numbers restart each term:
        ("18-NQ/TW", None, None, "2022-06-16", "18-nq-tw/tw/khoa-xiii"),  # two different 18-NQ/TW
        ("11-CT/TU", "Ban Thường vụ Tỉnh ủy Sơn La", "Sơn La", None, "11-ct-tu/tu-son-la"),
        ("11-CT/TU", "Ban Thường vụ Tỉnh ủy Lào Cai", "Lào Cai", None, "11-ct-tu/tu-lao-cai"),
        ("06-ĐA/TU", "Tỉnh ủy Bắc Kạn", "Bắc Kạn", "2017-12-14", "06-da-tu/tu-bac-kan/2015-2020"),
        ("33/CT-TTg", "Thủ tướng Chính phủ", "Lào Cai", "2021-11-26", "33-ct-ttg/nn/2021"),
        ("123/2023/NQ-HĐND", None, "Lào Cai", None, "123-2023-nq-hdnd/hdnd-lao-cai/2023"),
        ("Nghị quyết Trung ương 4 khóa XII", None, None, None, "nghi-quyet-trung-uong-4-khoa-xii/tw/khoa-xii"),
    ],
)
def test_documents_are_keyed_by_code_scope_and_term(code, issuer, province, issued, key):
    scope = iris.document_scope(code, issuer, province)
    assert iris.document_iri(code, scope, iris.document_term(code, scope, issued)) == URIRef(
        "https://w3id.org/dvkg/id/document/" + key
    )


def test_bodies_carry_their_level(graph):
    levels = {str(graph.value(o, FOAF.name)): str(graph.value(o, DVKG.level)) for o in graph.subjects(RDF.type, DVKG.Organization)}
    assert levels["Tỉnh ủy Sơn La"] == "tỉnh"
    assert levels["Ban Dân vận Trung ương"] == "trung ương"
    assert levels["UBND tỉnh Sơn La"] == "tỉnh"


def test_a_url_source_names_its_publisher():
    facts = son_la_facts(source="https://www.baosonla.vn/chinh-tri/hoi-nghi-123.htm")
    graph = article_graph(facts)
    assert str(graph.value(article_iri(facts), SCHEMA.publisher)) == "baosonla.vn"
    assert validate(graph).conforms


def test_membership_has_no_date_when_the_article_fixes_none():
    undated = son_la_facts(events=[])
    graph = article_graph(undated)
    assert list(graph.objects(None, DVKG.attestedOn)) == []
    assert validate(graph).conforms


# ------------------------------------------------------------- determinism


def test_building_twice_gives_the_identical_graph_without_blank_nodes(facts):
    first, second = article_graph(facts), article_graph(son_la_facts())
    assert set(first) == set(second)
    assert isomorphic(first, second)
    assert not any(isinstance(term, BNode) for triple in first for term in triple)


def test_graph_iri_and_article_iri_are_keyed_by_the_article_name(facts):
    assert graph_iri(facts) == URIRef("https://w3id.org/dvkg/id/graph/000-6cabc671c13fed58-txt")
    assert article_iri(facts) == URIRef("https://w3id.org/dvkg/id/article/000-6cabc671c13fed58-txt")


def test_the_same_name_in_two_spellings_is_one_person():
    assert iris.person_iri("Lò Minh Hùng") == iris.person_iri("LÒ  MINH HÙNG") == iris.person_iri("lò minh hùng")
    assert iris.org_iri("Tỉnh uỷ Sơn La") == iris.org_iri("Tỉnh ủy Sơn La")
    assert iris.org_iri("UBND tỉnh Sơn La") == iris.org_iri("Ủy ban nhân dân tỉnh Sơn La")


def test_slug():
    assert iris.slug("Đồng chí Lò Minh Hùng!") == "dong-chi-lo-minh-hung"
    assert iris.slug("25-NQ/TW") == "25-nq-tw"
    assert iris.slug("Hoà  bình") == iris.slug("Hòa bình") == "hoa-binh"


def test_document_codes_ignore_spaces_and_the_word_so():
    assert iris.document_iri("Chỉ thị số 11-CT/TU") != iris.document_iri("11-CT/TU")  # the type is part of it
    assert iris.document_iri("25 - NQ/TW") == iris.document_iri("25-NQ/TW")
    assert iris.document_iri("Kế hoạch số 5") == iris.document_iri("Kế hoạch 5")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Tỉnh ủy Sơn La", DVKG.PartyBody),
        ("Ban Dân vận Tỉnh ủy Sơn La", DVKG.PartyBody),
        ("Bộ Chính trị", DVKG.PartyBody),
        ("Ban Bí thư", DVKG.PartyBody),
        ("UBND tỉnh Sơn La", DVKG.StateBody),
        ("Hội đồng nhân dân tỉnh", DVKG.StateBody),
        ("Bộ Tài chính", DVKG.StateBody),
        ("Sở Nội vụ", DVKG.StateBody),
        ("Quốc hội", DVKG.StateBody),
        ("Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn", DVKG.MassOrganization),
        ("Hội Nông dân tỉnh", DVKG.MassOrganization),
        ("Đoàn Thanh niên", DVKG.MassOrganization),
        ("Liên đoàn Lao động tỉnh", DVKG.MassOrganization),
        ("Công ty ABC", DVKG.Organization),
    ],
)
def test_org_class_from_the_head_word(name, kind):
    assert org_class(name) == kind


def test_parent_body_and_canonical_name():
    assert parent_body("Ban Dân vận Tỉnh ủy Sơn La") == "Tỉnh ủy Sơn La"
    assert parent_body("Ban cán sự Đảng UBND tỉnh Sơn La") == "UBND tỉnh Sơn La"
    assert parent_body("Tỉnh ủy Sơn La") is None
    assert parent_body("Ban Dân vận Trung ương") is None
    assert canonical_org_name("Ban Thường vụ Tỉnh ủy", "Sơn La") == "Ban Thường vụ Tỉnh ủy Sơn La"
    assert canonical_org_name("UBND tỉnh", "Sơn La") == "UBND tỉnh Sơn La"
    assert canonical_org_name("Tỉnh ủy Hà Tĩnh", "Sơn La") == "Tỉnh ủy Hà Tĩnh"
    assert canonical_org_name("Ban Bí thư", "Sơn La") == "Ban Bí thư"


def test_event_class_from_the_type():
    assert event_class("hội nghị") == DVKG.Conference
    assert event_class("họp mặt") == DVKG.Meeting
    assert event_class("buổi làm việc") == DVKG.Meeting
    assert event_class("lễ") == DVKG.Ceremony
    assert event_class("tọa đàm") == DVKG.Seminar
    assert event_class("đại hội") == DVKG.Congress
    assert event_class("chương trình") == DVKG.Event


# ------------------------------------------- the fast engine agrees with pySHACL


def _broken_graphs():
    yield "conforms", lambda g: None
    yield "two event types", lambda g: g.add((EVENT, DVKG.eventType, Literal("lễ", lang="vi")))
    yield "no name", lambda g: g.remove((HUNG, FOAF.name, None))
    yield "a bad date", lambda g: g.add((EVENT, SCHEMA.startDate, Literal("28/11/2023")))
    yield "an ill-typed date", lambda g: g.set((EVENT, SCHEMA.startDate, Literal("2023-02-30", datatype=XSD_DATE)))
    yield "no evidence", lambda g: g.remove((next(g.subjects(RDF.type, RDF.Statement)), DVKG.evidence, None))
    yield "a bad hash", lambda g: g.set((article_iri(son_la_facts()), DVKG.contentHash, Literal("md5:x")))
    yield "a chair who is no person", lambda g: g.add((EVENT, DVKG.chairedBy, EVENT))
    yield "an offset past the end", lambda g: g.set((next(g.subjects(RDF.type, DVKG.Evidence)), NIF.beginIndex,
                                                     Literal(10**6)))
    yield "a blank node person", lambda g: g.add((BNode("b"), RDF.type, DVKG.Person))
    yield "an unknown level", lambda g: g.add((iris.org_iri("Tỉnh ủy Sơn La"), DVKG.level, Literal("vùng", lang="vi")))
    yield "an event in an organisation", lambda g: g.add((EVENT, ORG.organization, iris.org_iri("Tỉnh ủy Sơn La")))


@pytest.mark.parametrize(("case", "breaks"), list(_broken_graphs()), ids=[c for c, _ in _broken_graphs()])
def test_the_fast_checker_gives_pyshacls_verdict(case, breaks):

    graph = article_graph(son_la_facts())
    breaks(graph)
    full, fast = validate(graph), validate_fast(graph)
    assert fast.conforms == full.conforms
    assert {(v.focus, v.path) for v in fast.violations} == {(v.focus, v.path) for v in full.violations}
