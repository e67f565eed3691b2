"""build_network / people_network on a hand-built graph, as the pipeline would write it."""
from __future__ import annotations

import itertools

import networkx as nx
import pytest
from rdflib import RDF, RDFS, BNode, Dataset, Graph, Literal, Namespace, URIRef

from dvkg.graph import network
from dvkg.graph.network import build_network, people_network

DVKG = Namespace("https://w3id.org/dvkg/ns#")
ID = Namespace("https://w3id.org/dvkg/id/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

ARTICLE = ID["article/hoi-nghi-son-la"]
EVENT = ID["event/hoi-nghi-son-la-1"]
HUNG = ID["person/lo-minh-hung"]
XSS = ID["person/script-alert-1-script"]
PHONG = ID["person/nguyen-thanh-phong"]
DOC = ID["document/25-nq-tw"]
TINH_UY = ID["org/tinh-uy-son-la"]
BAN_DAN_VAN = ID["org/ban-dan-van-tinh-uy-son-la"]
MTTQ = ID["org/uy-ban-mttq-tinh-son-la"]
SON_LA = ID["province/son-la"]
POST = ID["post/pho-bi-thu-thuong-truc-tinh-uy-son-la"]

SENTENCE_CHAIR = "Đồng chí Lò Minh Hùng chủ trì hội nghị."
SENTENCE_XSS = 'Ông "><img src=x onerror=alert(1)> đồng chủ trì.'
SENTENCE_REVIEW = "Hội nghị tổng kết 10 năm thực hiện Nghị quyết 25-NQ/TW."

_ids = itertools.count()


def add_fact(g: Graph, s, p, o, sentence: str, article=ARTICLE) -> None:
    """Write a triple and its reified statement, as graph/triples does."""
    g.add((s, p, o))
    n = next(_ids)
    st, ev = ID[f"statement/{n}"], ID[f"evidence/{n}"]
    g.add((st, RDF.type, RDF.Statement))
    for prop, value in ((RDF.subject, s), (RDF.predicate, p), (RDF.object, o)):
        g.add((st, prop, value))
    g.add((st, DVKG.evidence, ev))
    g.add((st, PROV.wasDerivedFrom, article))
    g.add((ev, RDF.type, DVKG.Evidence))
    g.add((ev, NIF.anchorOf, Literal(sentence, lang="vi")))


def sample_dataset() -> Dataset:
    """Two articles, each in its own named graph, sharing people and a document."""
    ds = Dataset()
    g = ds.graph(ID["graph/hoi-nghi-son-la"])
    g.add((ARTICLE, RDF.type, DVKG.Article))
    g.add((ARTICLE, SCHEMA.headline, Literal("Sơn La tổng kết Nghị quyết 25", lang="vi")))
    g.add((ARTICLE, DVKG.sourceFile, Literal("articles/son-la.txt")))
    g.add((ARTICLE, DVKG.province, SON_LA))  # articles have provinces, but are not nodes
    for person, name in ((HUNG, "Lò Minh Hùng"), (XSS, "<script>alert(1)</script>"),
                         (PHONG, "Nguyễn Thành Phong")):
        g.add((person, RDF.type, DVKG.Person))
        g.add((person, FOAF.name, Literal(name, lang="vi")))
    g.add((EVENT, RDF.type, DVKG.Conference))
    g.add((EVENT, DVKG.eventType, Literal("hội nghị", lang="vi")))
    g.add((EVENT, SCHEMA.startDate, Literal("2024-03-01", datatype=XSD_DATE)))
    add_fact(g, EVENT, DVKG.chairedBy, HUNG, SENTENCE_CHAIR)
    add_fact(g, EVENT, DVKG.chairedBy, XSS, SENTENCE_XSS)
    add_fact(g, EVENT, DVKG.attendee, PHONG, SENTENCE_CHAIR)
    add_fact(g, EVENT, DVKG.organizer, BAN_DAN_VAN, SENTENCE_REVIEW)
    add_fact(g, EVENT, DVKG.reviews, DOC, SENTENCE_REVIEW)
    g.add((EVENT, DVKG.province, SON_LA))
    g.add((DOC, RDF.type, DVKG.Document))
    g.add((DOC, DVKG.code, Literal("25-NQ/TW")))
    g.add((DOC, DVKG.documentType, Literal("Nghị quyết", lang="vi")))
    for body, cls, name in ((TINH_UY, DVKG.PartyBody, "Tỉnh ủy Sơn La"),
                            (BAN_DAN_VAN, DVKG.PartyBody, "Ban Dân vận Tỉnh ủy Sơn La")):
        g.add((body, RDF.type, cls))
        g.add((body, RDF.type, DVKG.Organization))  # a body typed twice is its narrower kind
        g.add((body, RDFS.label, Literal(name, lang="vi")))
    g.add((BAN_DAN_VAN, ORG.subOrganizationOf, TINH_UY))
    g.add((TINH_UY, DVKG.province, SON_LA))
    g.add((SON_LA, RDF.type, DVKG.Province))
    g.add((SON_LA, RDFS.label, Literal("Sơn La", lang="vi")))
    g.add((POST, RDF.type, DVKG.Post))
    g.add((POST, DVKG.title, Literal("Phó Bí thư Thường trực", lang="vi")))
    g.add((POST, ORG.postIn, TINH_UY))
    add_fact(g, HUNG, ORG.holds, POST, SENTENCE_CHAIR)
    bi_thu = ID["post/bi-thu"]  # a post in no known body
    g.add((bi_thu, DVKG.title, Literal("Bí thư", lang="vi")))
    add_fact(g, PHONG, ORG.holds, bi_thu, SENTENCE_CHAIR)

    # A second article: the same two people at another event, and a Membership.
    other = ID["article/mttq"]
    g2 = ds.graph(ID["graph/mttq"])
    g2.add((other, SCHEMA.headline, Literal("MTTQ họp mặt", lang="vi")))
    event2 = ID["event/mttq-1"]
    g2.add((event2, RDF.type, DVKG.Meeting))
    g2.add((event2, DVKG.eventType, Literal("họp mặt", lang="vi")))
    add_fact(g2, event2, DVKG.speaker, HUNG, "Ông Hùng phát biểu.", article=other)
    add_fact(g2, event2, DVKG.attendee, XSS, "Có mặt.", article=other)
    g2.add((MTTQ, RDF.type, DVKG.MassOrganization))
    g2.add((MTTQ, RDFS.label, Literal("Ủy ban MTTQ tỉnh Sơn La", lang="vi")))
    membership = ID["membership/abc"]
    g2.add((membership, RDF.type, ORG.Membership))
    g2.add((membership, ORG.member, PHONG))
    g2.add((membership, ORG.organization, MTTQ))
    g2.add((membership, DVKG.title, Literal("Chủ tịch", lang="vi")))
    add_fact(g2, membership, ORG.member, PHONG, "Ông Phong, Chủ tịch Ủy ban MTTQ.", article=other)
    return ds


@pytest.fixture(scope="module")
def net() -> nx.MultiDiGraph:
    return build_network(sample_dataset())


def relations(net: nx.MultiDiGraph, source, target) -> set[str]:
    return {d["relation"] for d in net.get_edge_data(str(source), str(target), default={}).values()}


def test_nodes_have_kinds_from_their_classes(net):
    kinds = {n: d["kind"] for n, d in net.nodes(data=True)}
    assert kinds[str(HUNG)] == "person"
    assert kinds[str(EVENT)] == "event"
    assert kinds[str(DOC)] == "document"
    assert kinds[str(TINH_UY)] == "party"
    assert kinds[str(MTTQ)] == "mass"
    assert kinds[str(SON_LA)] == "province"
    assert str(ARTICLE) not in net and str(POST) not in net
    assert set(kinds.values()) <= set(network.KINDS)


def test_edges_use_only_the_documented_relations(net):
    assert {r for _, _, r in net.edges(data="relation")} <= set(network.RELATIONS)


def test_public_api():
    assert network.__all__ == [
        "KINDS", "RELATIONS", "build_network", "people_network",
        "ego_network", "document_network", "communities", "find_nodes", "fold", "layout", "network_view",
    ]


def test_every_named_graph_is_read(net):
    assert str(ID["event/mttq-1"]) in net
    assert relations(net, HUNG, ID["event/mttq-1"]) == {"spoke at"}


def test_a_plain_graph_works_too():
    plain = Graph()
    for s, p, o, _ in sample_dataset().quads((None, None, None, None)):
        plain.add((s, p, o))
    assert set(build_network(plain).nodes) == set(build_network(sample_dataset()).nodes)


def test_event_is_chaired_by_two_people_and_reviews_a_document(net):
    assert relations(net, HUNG, EVENT) == {"chaired"}
    assert relations(net, XSS, EVENT) == {"chaired"}
    assert relations(net, PHONG, EVENT) == {"attended"}
    assert relations(net, BAN_DAN_VAN, EVENT) == {"organised"}
    assert relations(net, EVENT, DOC) == {"reviews"}


def test_bodies_and_provinces(net):
    assert relations(net, BAN_DAN_VAN, TINH_UY) == {"part of"}
    assert relations(net, TINH_UY, SON_LA) == {"part of"}
    assert relations(net, EVENT, SON_LA) == {"held in"}


def test_posts_held_directly_or_through_a_membership(net):
    assert relations(net, HUNG, TINH_UY) == {"holds post in"}
    assert relations(net, PHONG, MTTQ) == {"holds post in"}
    assert net.nodes[str(HUNG)]["details"]["posts"] == ["Phó Bí thư Thường trực, Tỉnh ủy Sơn La"]
    assert sorted(net.nodes[str(PHONG)]["details"]["posts"]) == ["Bí thư", "Chủ tịch, Ủy ban MTTQ tỉnh Sơn La"]
    (edge,) = net.get_edge_data(str(PHONG), str(MTTQ)).values()
    assert [e["sentence"] for e in edge["evidence"]] == ["Ông Phong, Chủ tịch Ủy ban MTTQ."]


def test_labels_and_details(net):
    assert net.nodes[str(HUNG)]["label"] == "Lò Minh Hùng"
    assert net.nodes[str(XSS)]["label"] == "<script>alert(1)</script>"
    assert net.nodes[str(DOC)]["label"] == "Nghị quyết 25-NQ/TW"
    event = net.nodes[str(EVENT)]
    assert event["label"] == "hội nghị 2024-03-01"
    assert event["details"] == {
        "type": "hội nghị", "date": "2024-03-01",
        "organisers": "Ban Dân vận Tỉnh ủy Sơn La", "province": "Sơn La",
    }
    assert net.nodes[str(DOC)]["details"] == {"code": "25-NQ/TW", "type": "Nghị quyết"}


def test_edges_carry_their_sentence_and_article(net):
    (edge,) = net.get_edge_data(str(XSS), str(EVENT)).values()
    assert edge["evidence"] == [{
        "sentence": SENTENCE_XSS,
        "article": "Sơn La tổng kết Nghị quyết 25",
        "source": "articles/son-la.txt",
    }]


def test_nodes_carry_every_sentence_about_them(net):
    sentences = {e["sentence"] for e in net.nodes[str(HUNG)]["evidence"]}
    assert sentences == {SENTENCE_CHAIR, "Ông Hùng phát biểu."}
    # one sentence backing two facts is listed once
    assert [e["sentence"] for e in net.nodes[str(PHONG)]["evidence"]].count(SENTENCE_CHAIR) == 1


def test_the_same_fact_from_two_articles_is_one_edge():
    ds = sample_dataset()
    again = ds.graph(ID["graph/again"])
    add_fact(again, EVENT, DVKG.chairedBy, HUNG, "Lại chủ trì.", article=ID["article/again"])
    (edge,) = build_network(ds).get_edge_data(str(HUNG), str(EVENT)).values()
    assert [e["sentence"] for e in edge["evidence"]] == [SENTENCE_CHAIR, "Lại chủ trì."]  # sorted by article


def test_untyped_ends_take_the_kind_the_relation_implies():
    g = Graph()
    g.add((EVENT, DVKG.chairedBy, HUNG))
    g.add((EVENT, DVKG.reviews, DOC))
    g.add((BNode(), DVKG.province, SON_LA))  # subject kind unknown: no edge
    net = build_network(g)
    assert {n: d["kind"] for n, d in net.nodes(data=True)} == {
        str(HUNG): "person", str(EVENT): "event", str(DOC): "document"}
    assert net.nodes[str(HUNG)]["label"] == "lo-minh-hung"


def test_people_network_weights_shared_events(net):
    people = people_network(net)
    assert people[str(HUNG)][str(XSS)]["weight"] == 2
    assert people[str(HUNG)][str(PHONG)]["weight"] == 1
    assert set(people.nodes) == {str(HUNG), str(XSS), str(PHONG)}
    assert people_network(sample_dataset()).edges[str(HUNG), str(XSS)]["weight"] == 2



def test_people_network_edges_carry_events_dates_and_sentences(net):
    edge = people_network(net)[str(HUNG)][str(XSS)]
    assert set(edge["event_labels"]) == {"hội nghị 2024-03-01", "họp mặt"}
    assert edge["dates"] == ["2024-03-01"]
    assert {e["sentence"] for e in edge["evidence"]} >= {SENTENCE_CHAIR, SENTENCE_XSS, "Ông Hùng phát biểu."}
    assert people_network(net).graph["view"] == "people"


def test_fold_ignores_diacritics_case_and_spacing():
    assert network.fold("  Lò Minh   Hùng ") == network.fold("lo minh hung") == "lo minh hung"
    assert network.fold("Đảng ủy") == "dang uy"


def test_ego_network_by_name_and_depth(net):
    near = network.ego_network(net, "Lo Minh Hung", depth=1)
    assert set(near) == {str(HUNG), str(EVENT), str(ID["event/mttq-1"]), str(TINH_UY)}
    assert str(DOC) in network.ego_network(net, "lò minh hùng", depth=2)
    with pytest.raises(network.DvkgError, match='no node is named "Nobody"'):
        network.ego_network(net, "Nobody")


def test_document_network_is_everything_around_one_resolution(net):
    around = network.document_network(net, "25-nq/tw")
    assert {str(DOC), str(EVENT), str(HUNG), str(XSS), str(PHONG), str(BAN_DAN_VAN), str(SON_LA)} == set(around)
    with pytest.raises(network.DvkgError, match="known codes: 25-NQ/TW"):
        network.document_network(net, "99-NQ/TW")


def test_network_view_combines_document_people_and_focus(net):
    people = network.network_view(net, document="25-NQ/TW", people_only=True, focus="Nguyen Thanh Phong")
    assert set(people) == {str(HUNG), str(XSS), str(PHONG)}
    assert people.graph["view"] == "people"


def test_communities_number_every_person(net):
    groups = network.communities(people_network(net))
    assert set(groups) == {str(HUNG), str(XSS), str(PHONG)} and min(groups.values()) == 0


def test_nodes_know_their_provinces_and_dates(net):
    hung = net.nodes[str(HUNG)]
    assert hung["provinces"] == ["Sơn La"]  # chaired an event held there, holds a post in its Tỉnh ủy
    assert hung["dates"] == ["2024-03-01"]
    assert net.nodes[str(ID["event/mttq-1"])]["provinces"] == []


def test_posts_attested_through_a_membership_are_dated():
    ds = sample_dataset()
    g = ds.graph(ID["graph/mttq"])
    g.add((ID["membership/abc"], DVKG.attestedOn, Literal("2024-05-01", datatype=XSD_DATE)))
    (edge,) = build_network(ds).get_edge_data(str(PHONG), str(MTTQ)).values()
    assert edge["dates"] == ["2024-05-01"]


def test_layout_places_every_node_even_in_big_graphs(monkeypatch):
    monkeypatch.setattr(network, "_LAYOUT_PART", 10)
    graph = nx.connected_caveman_graph(6, 8)  # 48 nodes: split into communities
    pos = network.layout(graph)
    assert set(pos) == set(graph) and len(set(pos.values())) == len(graph)
