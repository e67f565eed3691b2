"""Turn one article's ``Facts`` into the triples of its named graph.

The graph holds the article with its provenance, the persons, bodies, posts,
events and documents it names, and one reified ``rdf:Statement`` per extracted
fact pointing at the sentence it was read from. Every node is an IRI minted by
``iris``; no blank nodes, so building twice gives the identical graph.

The graph is built as pyoxigraph terms (``article_triples``), which is what
ingest checks and stores; ``article_graph`` gives the same triples as an rdflib
``Graph``. Names, bodies, posts and dates recur across articles, so their
nodes and literals are made once per process (bounded caches).
"""
from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Graph, URIRef

from dvkg.graph import iris
from dvkg.graph.iris import slug
from dvkg.graph.terms import Terms, to_rdflib
from dvkg.ingest.facts import Document, Event, Evidence, Facts, Position
from dvkg.ingest import version
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

#: Entries kept by each cache of recurring nodes and literals (names, bodies, posts, dates).
_CACHE_SIZE = 1 << 16

Triple = tuple[ox.NamedNode, ox.NamedNode, "ox.NamedNode | ox.Literal"]


# --------------------------------------------------------------- public API


def article_iri(facts: Facts) -> URIRef:
    return iris.article_iri(facts.article)


def graph_iri(facts: Facts) -> URIRef:
    """The named graph this article's triples are stored in."""
    return iris.graph_iri(facts.article)


def article_graph(facts: Facts, *, ingested_at: datetime | None = None) -> Graph:
    """All triples of one article as an rdflib graph; ``prov:generatedAtTime`` only when ``ingested_at`` is given."""
    graph = bind_prefixes(Graph())
    for s, p, o in article_triples(facts, ingested_at=ingested_at):
        graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return graph


def article_triples(facts: Facts, *, ingested_at: datetime | None = None) -> list[Triple]:
    """The triples of ``article_graph`` as (subject, predicate, object) pyoxigraph terms, without duplicates.

    The fast path ingest uses: ``check_fast`` and ``Store.write_article`` take them as they are.
    """
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


_DVKG, _RDF, _RDFS, _FOAF, _ORG, _PROV, _SCHEMA, _ELI, _NIF = (
    Terms(n) for n in (DVKG, RDF, RDFS, FOAF, ORG, PROV, SCHEMA, ELI, NIF))
_XSD_DATE, _XSD_DATETIME, _XSD_NON_NEGATIVE = (ox.NamedNode(str(t)) for t in (XSD.date, XSD.dateTime, XSD.nonNegativeInteger))
_ROLE_NODES = {kind: ox.NamedNode(str(predicate)) for kind, predicate in _ROLE_PREDICATES.items()}


def _ox(iri: URIRef) -> ox.NamedNode:
    return ox.NamedNode(iri)


@lru_cache(maxsize=_CACHE_SIZE)
def _iso_date(value: str | None) -> ox.Literal | None:
    """An ``xsd:date`` literal for a real ISO date, else None (an impossible date is dropped)."""
    if not value or not _ISO_DATE.match(value):  # fromisoformat alone also takes week dates
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return ox.Literal(value, datatype=_XSD_DATE)


@lru_cache(maxsize=_CACHE_SIZE)
def _vi(text: str) -> ox.Literal:
    return ox.Literal(text, language="vi")


@lru_cache(maxsize=_CACHE_SIZE)
def _plain(text: str) -> ox.Literal:
    return ox.Literal(text)


def _offset(number: int) -> ox.Literal:
    return ox.Literal(str(number), datatype=_XSD_NON_NEGATIVE)


def _content_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=_CACHE_SIZE)
def _person(name: str) -> tuple[ox.NamedNode, ox.Literal]:
    """A person's node and its name literal (spacing folded)."""
    return _ox(iris.person_iri(name)), _vi(" ".join(name.split()))


@lru_cache(maxsize=_CACHE_SIZE)
def _body(printed: str, province: str | None) -> tuple:
    """What a body's printed name says, in an article about ``province``: its node and triples but the article's.

    (node, canonical name, kinds, name literal, level literal or None, in the province?, parent's printed name or None)
    """
    name = canonical_org_name(printed, province)
    kind = org_class(name)
    kinds = (_DVKG.Organization,) if kind == DVKG.Organization else (_DVKG.Organization, _ox(kind))
    level = org_level(name, province)
    inside = province is not None and _contains_words(name, province)
    return _ox(iris.org_iri(name)), name, kinds, _vi(name), _vi(level) if level else None, inside, parent_body(name)


@lru_cache(maxsize=_CACHE_SIZE)
def _post(title: str, body_name: str | None) -> tuple[ox.NamedNode, ox.Literal, ox.Literal]:
    """A post's node, its title and its label."""
    node = _ox(iris.post_iri(title, body_name))
    return node, _vi(title), _vi(f"{title} {body_name}" if body_name else title)


@lru_cache(maxsize=_CACHE_SIZE)
def _document(code: str, issuer: str | None, issued: str | None, province: str | None) -> tuple:
    """A document's node, scope and term (or None), from its code and, as the article prints them, its issuer
    and date, in an article about ``province``: codes recur across articles."""
    issuer = canonical_org_name(issuer, province) if issuer else None
    scope = iris.document_scope(code, issuer, province)
    on = _iso_date(issued)
    term = iris.document_term(code, scope, on.value if on is not None else None)
    return _ox(iris.document_iri(code, scope, term)), scope, term


@lru_cache(maxsize=_CACHE_SIZE)
def _event_kind(event_type: str) -> ox.NamedNode | None:
    kind = event_class(event_type)
    return None if kind == DVKG.Event else _ox(kind)


@lru_cache(maxsize=_CACHE_SIZE)
def _province(name: str) -> tuple[ox.NamedNode, ox.Literal]:
    return _ox(iris.province_iri(name)), _vi(name)


class _ArticleGraph:
    """Accumulates one article's triples; first spelling of a name wins its label."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.triples: dict[Triple, None] = {}  # insertion-ordered set
        # Its "add": ``setdefault`` inserts a new triple (value None) and leaves a present one in place,
        # without a Python call for each of the ~230 triples of an article.
        self.add = self.triples.setdefault
        self.article = _ox(article_iri(self.facts))
        self.by_code = {}
        for document in facts.documents:
            self.by_code.setdefault(document.code, document)
        self.province = _province(facts.province) if facts.province else None
        self.labelled: set = set()
        self.documents: set = set()  # documents whose attributes are written
        self.attested: list = []  # the memberships' date, found once

    # -- the article

    def add_article(self, ingested_at: datetime | None) -> None:
        facts, a, add = self.facts, self.article, self.add
        add((a, _RDF.type, _DVKG.Article))
        add((a, _RDFS.label, _plain(facts.article)))
        add((a, _DVKG.sourceFile, _plain(facts.source)))
        add((a, _DVKG.contentHash, ox.Literal(_content_hash(facts.text))))
        add((a, _DVKG.extractorVersion, _plain(version.extractor_version())))
        if facts.input_key:
            add((a, _DVKG.inputHash, _plain(facts.input_key)))
        if facts.title:
            add((a, _SCHEMA.headline, ox.Literal(facts.title, language="vi")))
        published = _iso_date(facts.published)
        if published is not None:
            add((a, _SCHEMA.datePublished, published))
        if ingested_at is not None:
            add((a, _PROV.generatedAtTime, ox.Literal(ingested_at.isoformat(), datatype=_XSD_DATETIME)))
        publisher = _publisher(facts.source)
        if publisher:
            add((a, _SCHEMA.publisher, _plain(publisher)))
        if self.province is not None:
            province, label = self.province
            add((province, _RDF.type, _DVKG.Province))
            add((province, _RDFS.label, label))
            add((a, _DVKG.province, province))

    # -- nodes

    def add_person(self, name: str) -> ox.NamedNode:
        person, printed = _person(name)
        if self._first_time(person):
            add = self.add
            add((person, _RDF.type, _DVKG.Person))
            add((person, _FOAF.name, printed))
            add((person, _RDFS.label, printed))
            add((self.article, _DVKG.mentions, person))
        return person

    def add_org(self, printed: str) -> ox.NamedNode:
        body, _, kinds, name, level, inside, parent = _body(printed, self.facts.province)
        if not self._first_time(body):
            return body
        add = self.add
        for kind in kinds:
            add((body, _RDF.type, kind))
        add((body, _FOAF.name, name))
        add((body, _RDFS.label, name))
        if level is not None:
            add((body, _DVKG.level, level))
        add((self.article, _DVKG.mentions, body))
        if inside and self.province is not None:
            add((body, _DVKG.province, self.province[0]))
        if parent:
            add((body, _ORG.subOrganizationOf, self.add_org(parent)))
        return body

    def add_document_node(self, code: str) -> ox.NamedNode:
        """A document keyed by code, issuer scope and term (``iris.document_iri``)."""
        known = self.by_code.get(code)
        document, scope, term = _document(code, known.issuer if known else None, known.date if known else None,
                                          self.facts.province)
        if self._first_time(document):
            add = self.add
            add((document, _RDF.type, _DVKG.Document))
            add((document, _DVKG.code, _plain(code)))
            add((document, _RDFS.label, _plain(code)))
            add((document, _DVKG.scope, _plain(scope)))
            if term:
                add((document, _DVKG["term"], _plain(term)))
            add((self.article, _DVKG.mentions, document))
        return document

    def add_document(self, document: Document) -> ox.NamedNode:
        node = self.add_document_node(document.code)
        if node in self.documents:  # the same code listed twice: keep the first reading
            return node
        self.documents.add(node)
        if document.type:
            self.add((node, _DVKG.documentType, _vi(document.type)))
        for issuer in document.issuers or ([document.issuer] if document.issuer else []):
            self.add((node, _ELI.passed_by, self.add_org(issuer)))  # each body of a joint issuer
        issued = _iso_date(document.date)
        if issued is not None:
            self.add((node, _ELI.date_document, issued))
        return node

    # -- events

    def add_event(self, order: int, event: Event) -> ox.NamedNode:
        node = _ox(iris.event_iri(self.facts.article, order))
        add = self.add
        add((node, _RDF.type, _DVKG.Event))
        kind = _event_kind(event.type)
        if kind is not None:
            add((node, _RDF.type, kind))
        add((node, _DVKG.eventType, _vi(event.type)))
        on = _iso_date(event.date)
        add((node, _RDFS.label, _vi(f"{event.type} {on.value}" if on is not None else event.type)))
        if on is not None:
            add((node, _SCHEMA.startDate, on))
        if self.province is not None:
            add((node, _DVKG.province, self.province[0]))
        add((self.article, _DVKG.mentions, node))
        self._add_event_facts(node, event)
        return node

    def _add_event_facts(self, node: ox.NamedNode, event: Event) -> None:
        for name in event.organizers:
            self.add_fact(node, _DVKG.organizer, self.add_org(name), event.evidence)
        for kind, predicate in _ROLE_NODES.items():
            for name in event.people(kind):
                self.add_fact(node, predicate, self.add_person(name), _role_evidence(event, kind, name))
        for code in event.documents:
            self.add_fact(node, _DVKG.reviews, self.add_document_node(code), event.evidence)

    # -- posts and memberships

    def add_position(self, name: str, position: Position) -> None:
        person = self.add_person(name)
        body = self.add_org(position.organization) if position.organization else None
        body_name = _body(position.organization, self.facts.province)[1] if body is not None else None
        post, title, label = _post(position.title, body_name)
        if self._first_time(post):
            add = self.add
            add((post, _RDF.type, _DVKG.Post))
            add((post, _DVKG.title, title))
            add((post, _RDFS.label, label))
            if body is not None:
                add((post, _ORG.postIn, body))
        self.add_fact(person, _ORG.holds, post, position.evidence)
        self._add_membership(name, person, post, body, title)

    def _add_membership(self, name: str, person, post, body, title: ox.Literal) -> None:
        membership = _ox(iris.membership_iri(self.facts.article, name, post.value))
        if not self._first_time(membership):
            return
        add = self.add
        add((membership, _RDF.type, _DVKG.Membership))
        add((membership, _ORG.member, person))
        add((membership, _DVKG.post, post))
        add((membership, _DVKG.title, title))
        add((membership, _PROV.wasDerivedFrom, self.article))
        if body is not None:
            add((membership, _ORG.organization, body))
        attested = self._attested_on()
        if attested is not None:
            add((membership, _DVKG.attestedOn, attested))

    def _attested_on(self) -> ox.Literal | None:
        """The article's first event date, else its publication date."""
        if not self.attested:
            dates = [on for on in (_iso_date(event.date) for event in self.facts.events) if on is not None]
            self.attested.append(dates[0] if dates else _iso_date(self.facts.published))
        return self.attested[0]

    # -- reified facts

    def add_fact(self, subject: ox.NamedNode, predicate: ox.NamedNode, obj: ox.NamedNode, evidence: Evidence) -> None:
        """The triple itself, and an ``rdf:Statement`` saying which sentence it was read from."""
        add = self.add
        add((subject, predicate, obj))
        article = self.article
        statement = _ox(iris.statement_iri(subject.value, predicate.value, obj.value, article.value))
        if not self._first_time(statement):  # one statement per fact: its first sentence
            return
        add((statement, _RDF.type, _RDF.Statement))
        add((statement, _RDF.subject, subject))
        add((statement, _RDF.predicate, predicate))
        add((statement, _RDF.object, obj))
        add((statement, _DVKG.evidence, self._evidence(evidence)))
        add((statement, _PROV.wasDerivedFrom, article))

    def _evidence(self, evidence: Evidence) -> ox.NamedNode:
        node = _ox(iris.evidence_iri(self.facts.article, evidence.start, evidence.end))
        if self._first_time(node):
            add = self.add
            add((node, _RDF.type, _DVKG.Evidence))
            add((node, _NIF.anchorOf, ox.Literal(evidence.sentence)))
            add((node, _NIF.beginIndex, _offset(evidence.start)))
            add((node, _NIF.endIndex, _offset(evidence.end)))
            add((node, _NIF.referenceContext, self.article))
        return node

    def _first_time(self, node) -> bool:
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
