"""Turn one article's ``Facts`` into the triples of its named graph.

The graph holds the article with its provenance, the persons, bodies, posts,
events and documents it names, and one reified ``rdf:Statement`` per extracted
fact pointing at the sentence it was read from. Every node is an IRI minted by
``iris``; no blank nodes, so building twice gives the identical graph.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from dvkg import config
from dvkg.graph import iris
from dvkg.graph.iris import slug
from dvkg.ingest.facts import Document, Event, Evidence, Facts, Position
from dvkg.ontology import DVKG, ELI, FOAF, NIF, ORG, PROV, SCHEMA, bind_prefixes

__all__ = [
    "article_graph",
    "article_triples",
    "org_level",
    "article_iri",
    "graph_iri",
    "org_class",
    "parent_body",
    "canonical_org_name",
    "event_class",
]

# Head words of a body's name (as slug tokens) → its kind. The longest head
# that starts the name wins, so ``Bộ Chính trị`` is a party body, ``Bộ Tài chính`` a state one.
_ORG_HEADS: dict[str, URIRef] = {
    **dict.fromkeys(
        ["tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "dang uy", "dang bo", "dang doan",
         "bo chinh tri", "ban bi thu", "ban chap hanh", "ban thuong vu", "ban can su", "ban",
         "uy ban kiem tra"],
        DVKG.PartyBody,
    ),
    **dict.fromkeys(
        ["ubnd", "uy ban nhan dan", "hdnd", "hoi dong nhan dan", "chinh phu", "quoc hoi", "thu tuong",
         "bo", "so", "doan dai bieu quoc hoi", "van phong"],
        DVKG.StateBody,
    ),
    **dict.fromkeys(
        ["mttq", "mat tran", "uy ban mttq", "uy ban mat tran", "hoi", "doan", "lien doan"],
        DVKG.MassOrganization,
    ),
}
# Bodies that other bodies sit inside: ``Ban Dân vận Tỉnh ủy Sơn La`` ⊑ ``Tỉnh ủy Sơn La``.
_PARENT_HEADS = ("tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "dang uy", "dang bo",
                 "ubnd", "uy ban nhan dan", "hdnd", "hoi dong nhan dan", "chinh phu", "quoc hoi")
# Names that end in these words leave the province implicit (``UBND tỉnh``, ``Ban Thường vụ Tỉnh ủy``).
_PROVINCE_ENDINGS = (("tỉnh",), ("tỉnh", "ủy"), ("tỉnh", "uỷ"))
_CITY_ENDINGS = (("thành", "phố"), ("thành", "ủy"), ("thành", "uỷ"))
_CENTRAL_CITIES = {"ha-noi", "ho-chi-minh", "thanh-pho-ho-chi-minh", "hai-phong", "da-nang", "can-tho", "hue"}

_EVENT_HEADS: dict[str, URIRef] = {
    **dict.fromkeys(["hoi nghi"], DVKG.Conference),
    **dict.fromkeys(["hop mat", "buoi lam viec", "lam viec", "phien hop", "cuoc hop", "hop", "ky hop",
                     "gap mat", "buoi gap mat"], DVKG.Meeting),
    **dict.fromkeys(["le"], DVKG.Ceremony),
    **dict.fromkeys(["toa dam", "hoi thao"], DVKG.Seminar),
    **dict.fromkeys(["dai hoi"], DVKG.Congress),
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_ROLE_PREDICATES = {"chair": DVKG.chairedBy, "speaker": DVKG.speaker, "attendee": DVKG.attendee}


# --------------------------------------------------------------- public API


def article_iri(facts: Facts) -> URIRef:
    return iris.article_iri(facts.article)


def graph_iri(facts: Facts) -> URIRef:
    """The named graph this article's triples are stored in."""
    return iris.graph_iri(facts.article)


def article_graph(facts: Facts, *, ingested_at: datetime | None = None) -> Graph:
    """All triples of one article; ``prov:generatedAtTime`` only when ``ingested_at`` is given."""
    graph = bind_prefixes(Graph())
    for triple in article_triples(facts, ingested_at=ingested_at):
        graph.add(triple)
    return graph


def article_triples(facts: Facts, *, ingested_at: datetime | None = None) -> list[tuple[URIRef, URIRef, Node]]:
    """The triples of ``article_graph`` as a list without duplicates: the fast path ingest uses."""
    builder = _ArticleGraph(facts)
    builder.add_article(ingested_at)
    for person in facts.people:
        builder.add_person(person.name)
    for order, event in enumerate(facts.events, start=1):
        builder.add_event(order, event)
    for document in facts.documents:
        builder.add_document(document)
    for person in facts.people:
        for position in person.positions:
            builder.add_position(person.name, position)
    return list(builder.triples)


def org_class(name: str) -> URIRef:
    """The kind of a body guessed from the head words of its name; plain ``dvkg:Organization`` when unsure."""
    tokens = slug(name).split("-")
    if tokens[:2] == ["thuong", "truc"]:  # ``Thường trực HĐND``: the standing board of that body
        tokens = tokens[2:]
    head = _longest_head(tokens, _ORG_HEADS)
    return _ORG_HEADS[head] if head else DVKG.Organization


def event_class(event_type: str) -> URIRef:
    """``hội nghị`` → ``dvkg:Conference``...; plain ``dvkg:Event`` for other head nouns."""
    head = _longest_head(slug(event_type).split("-"), _EVENT_HEADS)
    return _EVENT_HEADS[head] if head else DVKG.Event


def parent_body(name: str) -> str | None:
    """``Ban Dân vận Tỉnh ủy Sơn La`` → ``Tỉnh ủy Sơn La``: the first body named inside another's name."""
    words = name.split()
    word_slugs = [slug(w) for w in words]
    for start in range(1, len(words)):
        rest = " ".join(s for s in word_slugs[start:] if s).split()
        if _longest_head(rest, dict.fromkeys(_PARENT_HEADS)):
            return " ".join(words[start:])
    return None


_CENTRAL_WORDS = ("trung-uong", "chinh-phu", "quoc-hoi", "bo-chinh-tri", "ban-bi-thu", "thu-tuong", "viet-nam")
_DISTRICT_WORDS = ("huyen", "quan", "thi-xa", "huyen-uy", "quan-uy", "thi-uy")
_COMMUNE_WORDS = ("xa", "phuong", "thi-tran", "dang-uy-xa")


def org_level(name: str, province: str | None = None) -> str | None:
    """The tier a body sits at: ``trung ương``, ``tỉnh``, ``huyện`` or ``xã``; None when the name does not say.

    ``Ban Dân vận Trung ương`` → ``trung ương``; ``Tỉnh ủy Sơn La`` → ``tỉnh``;
    ``Huyện ủy Mường La`` → ``huyện``. ``Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn`` is
    provincial: a province named in the body wins over ``Việt Nam``.
    """
    key = f"-{slug(name)}-"
    has = lambda words: any(f"-{w}-" in key for w in words)  # noqa: E731
    if has(_COMMUNE_WORDS[:3]) and not has(("tinh", "tinh-uy")):
        return "xã"
    if has(_DISTRICT_WORDS):
        return "huyện"
    if has(("tinh", "tinh-uy", "thanh-uy")) or (province and f"-{slug(province)}-" in key):
        return "tỉnh"
    if has(_CENTRAL_WORDS) or slug(name).split("-")[0] == "bo":
        return "trung ương"
    return None


def canonical_org_name(name: str, province: str | None) -> str:
    """The body's name with the article's province added when the name leaves it implicit."""
    name = " ".join(name.split())
    if not province:
        return name
    words = tuple(w.lower() for w in name.split())
    endings = _PROVINCE_ENDINGS + (_CITY_ENDINGS if slug(province) in _CENTRAL_CITIES else ())
    if any(words[-len(end):] == end for end in endings):
        return f"{name} {province}"
    return name


# ------------------------------------------------------------------ helpers


def _longest_head(tokens: list[str], heads) -> str | None:
    for size in range(min(len(tokens), 4), 0, -1):
        candidate = " ".join(tokens[:size])
        if candidate in heads:
            return candidate
    return None


def _iso_date(value: str | None) -> Literal | None:
    """An ``xsd:date`` literal for a real ISO date, else None (an impossible date is dropped)."""
    if not value or not _ISO_DATE.match(value):  # fromisoformat alone also takes week dates
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return Literal(value, datatype=XSD.date)


def _vi(text: str) -> Literal:
    return Literal(text, lang="vi")


def _content_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


class _ArticleGraph:
    """Accumulates one article's triples; first spelling of a name wins its label."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.triples: dict[tuple, None] = {}  # insertion-ordered set
        self.article = article_iri(self.facts)
        self.by_code = {}
        for document in facts.documents:
            self.by_code.setdefault(document.code, document)
        self.province = iris.province_iri(self.facts.province) if self.facts.province else None
        self.labelled: set[URIRef] = set()
        self.documents: set[URIRef] = set()  # documents whose attributes are written

    # -- the article

    def add(self, triple: tuple) -> None:
        self.triples[triple] = None

    def add_article(self, ingested_at: datetime | None) -> None:
        facts, a, add = self.facts, self.article, self.add
        add((a, RDF.type, DVKG.Article))
        add((a, RDFS.label, Literal(facts.article)))
        add((a, DVKG.sourceFile, Literal(facts.source)))
        add((a, DVKG.contentHash, Literal(_content_hash(facts.text))))
        add((a, DVKG.extractorVersion, Literal(config.EXTRACTOR_VERSION)))
        if facts.title:
            add((a, SCHEMA.headline, _vi(facts.title)))
        published = _iso_date(facts.published)
        if published is not None:
            add((a, SCHEMA.datePublished, published))
        if ingested_at is not None:
            add((a, PROV.generatedAtTime, Literal(ingested_at.isoformat(), datatype=XSD.dateTime)))
        publisher = _publisher(facts.source)
        if publisher:
            add((a, SCHEMA.publisher, Literal(publisher)))
        if self.province is not None:
            add((self.province, RDF.type, DVKG.Province))
            add((self.province, RDFS.label, _vi(facts.province)))
            add((a, DVKG.province, self.province))

    # -- nodes

    def add_person(self, name: str) -> URIRef:
        person = iris.person_iri(name)
        if self._first_time(person):
            self.add((person, RDF.type, DVKG.Person))
            self.add((person, FOAF.name, _vi(" ".join(name.split()))))
            self.add((person, RDFS.label, _vi(" ".join(name.split()))))
            self.add((self.article, DVKG.mentions, person))
        return person

    def add_org(self, printed: str) -> URIRef:
        name = canonical_org_name(printed, self.facts.province)
        body = iris.org_iri(name)
        if not self._first_time(body):
            return body
        add = self.add
        kind = org_class(name)
        add((body, RDF.type, DVKG.Organization))
        if kind != DVKG.Organization:
            add((body, RDF.type, kind))
        add((body, FOAF.name, _vi(name)))
        add((body, RDFS.label, _vi(name)))
        level = org_level(name, self.facts.province)
        if level:
            add((body, DVKG.level, _vi(level)))
        add((self.article, DVKG.mentions, body))
        if self.province is not None and _contains_words(name, self.facts.province):
            add((body, DVKG.province, self.province))
        parent = parent_body(name)
        if parent:
            add((body, ORG.subOrganizationOf, self.add_org(parent)))
        return body

    def add_document_node(self, code: str) -> URIRef:
        """A document keyed by code, issuer scope and term (``iris.document_iri``)."""
        known = self.by_code.get(code)
        issuer = canonical_org_name(known.issuer, self.facts.province) if known and known.issuer else None
        scope = iris.document_scope(code, issuer, self.facts.province)
        issued = _iso_date(known.date) if known else None
        term = iris.document_term(code, scope, str(issued) if issued is not None else None)
        document = iris.document_iri(code, scope, term)
        if self._first_time(document):
            self.add((document, RDF.type, DVKG.Document))
            self.add((document, DVKG.code, Literal(code)))
            self.add((document, RDFS.label, Literal(code)))
            self.add((document, DVKG.scope, Literal(scope)))
            if term:
                self.add((document, DVKG["term"], Literal(term)))
            self.add((self.article, DVKG.mentions, document))
        return document

    def add_document(self, document: Document) -> URIRef:
        node = self.add_document_node(document.code)
        if node in self.documents:  # the same code listed twice: keep the first reading
            return node
        self.documents.add(node)
        if document.type:
            self.add((node, DVKG.documentType, _vi(document.type)))
        if document.issuer:
            self.add((node, ELI.passed_by, self.add_org(document.issuer)))
        issued = _iso_date(document.date)
        if issued is not None:
            self.add((node, ELI.date_document, issued))
        return node

    # -- events

    def add_event(self, order: int, event: Event) -> URIRef:
        node = iris.event_iri(self.facts.article, order)
        add = self.add
        add((node, RDF.type, DVKG.Event))
        kind = event_class(event.type)
        if kind != DVKG.Event:
            add((node, RDF.type, kind))
        add((node, DVKG.eventType, _vi(event.type)))
        on = _iso_date(event.date)
        add((node, RDFS.label, _vi(f"{event.type} {on}" if on is not None else event.type)))
        if on is not None:
            add((node, SCHEMA.startDate, on))
        if self.province is not None:
            add((node, DVKG.province, self.province))
        add((self.article, DVKG.mentions, node))
        self._add_event_facts(node, event)
        return node

    def _add_event_facts(self, node: URIRef, event: Event) -> None:
        for name in event.organizers:
            self.add_fact(node, DVKG.organizer, self.add_org(name), event.evidence)
        for kind, predicate in _ROLE_PREDICATES.items():
            for name in event.people(kind):
                self.add_fact(node, predicate, self.add_person(name), _role_evidence(event, kind, name))
        for code in event.documents:
            self.add_fact(node, DVKG.reviews, self.add_document_node(code), event.evidence)

    # -- posts and memberships

    def add_position(self, name: str, position: Position) -> None:
        person = self.add_person(name)
        body = self.add_org(position.organization) if position.organization else None
        body_name = canonical_org_name(position.organization, self.facts.province) if body else None
        post = iris.post_iri(position.title, body_name)
        add = self.add
        if self._first_time(post):
            add((post, RDF.type, DVKG.Post))
            add((post, DVKG.title, _vi(position.title)))
            add((post, RDFS.label, _vi(f"{position.title} {body_name}" if body_name else position.title)))
            if body is not None:
                add((post, ORG.postIn, body))
        self.add_fact(person, ORG.holds, post, position.evidence)
        self._add_membership(name, person, post, body, position)

    def _add_membership(self, name: str, person: URIRef, post: URIRef, body: URIRef | None, position: Position) -> None:
        membership = iris.membership_iri(self.facts.article, name, post)
        add = self.add
        if not self._first_time(membership):
            return
        add((membership, RDF.type, DVKG.Membership))
        add((membership, ORG.member, person))
        add((membership, DVKG.post, post))
        add((membership, DVKG.title, _vi(position.title)))
        add((membership, PROV.wasDerivedFrom, self.article))
        if body is not None:
            add((membership, ORG.organization, body))
        attested = self._attested_on()
        if attested is not None:
            add((membership, DVKG.attestedOn, attested))

    def _attested_on(self) -> Literal | None:
        """The article's first event date, else its publication date."""
        for event in self.facts.events:
            on = _iso_date(event.date)
            if on is not None:
                return on
        return _iso_date(self.facts.published)

    # -- reified facts

    def add_fact(self, subject: URIRef, predicate: URIRef, obj: URIRef, evidence: Evidence) -> None:
        """The triple itself, and an ``rdf:Statement`` saying which sentence it was read from."""
        add = self.add
        add((subject, predicate, obj))
        statement = iris.statement_iri(subject, predicate, obj, self.article)
        if not self._first_time(statement):  # one statement per fact: its first sentence
            return
        add((statement, RDF.type, RDF.Statement))
        add((statement, RDF.subject, subject))
        add((statement, RDF.predicate, predicate))
        add((statement, RDF.object, obj))
        add((statement, DVKG.evidence, self._evidence(evidence)))
        add((statement, PROV.wasDerivedFrom, self.article))

    def _evidence(self, evidence: Evidence) -> URIRef:
        node = iris.evidence_iri(self.facts.article, evidence.start, evidence.end)
        if self._first_time(node):
            add = self.add
            add((node, RDF.type, DVKG.Evidence))
            add((node, NIF.anchorOf, Literal(evidence.sentence)))
            add((node, NIF.beginIndex, Literal(str(evidence.start), datatype=XSD.nonNegativeInteger)))
            add((node, NIF.endIndex, Literal(str(evidence.end), datatype=XSD.nonNegativeInteger)))
            add((node, NIF.referenceContext, self.article))
        return node

    def _first_time(self, node: URIRef) -> bool:
        if node in self.labelled:
            return False
        self.labelled.add(node)
        return True


def _role_evidence(event: Event, kind: str, name: str) -> Evidence:
    """The sentence of the first role of ``kind`` naming ``name``."""
    return next(r.evidence for r in event.roles if r.kind == kind and r.person == name)


def _publisher(source: str) -> str | None:
    """The host of a URL source (``baosonla.vn``); None for a file."""
    if "://" not in source:
        return None
    host = source.split("://", 1)[1].split("/", 1)[0].split("@")[-1].split(":")[0]
    return host.removeprefix("www.") or None


def _contains_words(text: str, words: str) -> bool:
    return f"-{slug(words)}-" in f"-{slug(text)}-"
