"""Entity resolution: one node per real person and per real document, with the reasons why.

Article graphs mint *key* IRIs from the article alone: a person by the name
(``iris.person_iri``), a document by code, issuer scope and, when the article
dates it, term (``iris.document_iri``). That already makes the common case one
node: the same name read in March and in November. ``resolve`` then looks
across all stored article graphs and corrects the two cases the key gets wrong:

- **Namesakes.** Mentions of one name are clustered by context: two mentions
  are linked when the bodies of their posts share a province; a mention with
  no provincial post (only central posts, or none) joins the one cluster it
  fits, preferring the cluster of its article's province. When a name ends up
  with several clusters, each gets its own node
  (``id/person/hoang-giang-<hash>--lao-cai``); a mention that fits several
  stays on the plain name node and is listed by ``dvkg people --duplicates``.
- **Undated documents.** ``25-NQ/TW`` printed without a date is mapped to the
  one dated ``25-NQ/TW`` of the same scope issued before the article, when
  there is exactly one.

Corrections are applied by renaming the node inside the article graphs that
mention it, so queries over the union see one node per real entity without
knowing about resolution. Every decision (merge, split, document match, and
every renaming as an ``Assignment``) is written with its reason to the named
graph ``id/graph/_resolution``, recomputed from the article graphs: removing
or editing an article changes it too. A person's verdict (``dvkg people
--confirm/--split``) is an ``Override`` in ``id/graph/_overrides``, never
recomputed, and reversible with ``--undo``.

A name's decision rests on the mentions of that name alone, and a document's
on the mentions of its code, so resolution works name by name:

- **After a batch** (``resolve_changes``) only the names and documents of the
  articles written or removed since the last resolution are read again. Ingest
  notes them in ``id/graph/_pending`` (``note_changes``) before it writes the
  articles, so a process killed in between leaves them noted.
- **A full pass** (``resolve``) reads every name; it runs when no resolution
  has completed yet, and for ``dvkg people``.

Names are resolved and written in groups of about ``GROUP_MENTIONS``
mentions; after a batch they are also read a group at a time, by lookups from
the names, where a full pass reads them by scans (about ten times cheaper a
mention), the names of a share of at most ``SHARE_MENTIONS`` mentions at a
time, so that its memory is bounded however large the store (the store is
scanned once, each share's rows kept in temporary files). A group's renames
and records are one transaction, or for more than
``graph.store.STEP_TRIPLES`` triples several (each article graph whole). The
mark ``dvkg:complete`` on the resolution graph is removed before the first
write and put back, with the pending changes dropped, after the last: while it
is missing, the next ingest resolves everything again.
"""
from __future__ import annotations

import pickle
import tempfile
import zlib
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import RDF, XSD, Literal, URIRef

from dvkg.errors import DvkgError
from dvkg.graph import iris
from dvkg.graph.iris import OVERRIDES_GRAPH, PENDING_GRAPH, RESOLUTION_GRAPH, slug
from dvkg.graph.store import Store
from dvkg.graph.terms import Terms, index_triples, ox_triples, to_ox
from dvkg.ontology import DVKG, ELI, FOAF, ORG, OWL, PROV, RDFS, SCHEMA, sparql_prefixes

__all__ = ["Mention", "Candidate", "Resolution", "Forecast", "Identities", "resolve", "resolve_changes", "note_changes",
           "note_keys", "keys_in",
           "is_resolved", "assignments", "add_override",
           "remove_override", "overrides"]

SAME, DIFFERENT = "same", "different"

# The resolution graph's vocabulary as pyoxigraph nodes: its records are written without rdflib.
_DVKG, _TYPE, _SAME_AS = Terms(DVKG), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(OWL.sameAs))
_FOAF, _ORG, _RDFS, _SCHEMA, _ELI = Terms(FOAF), Terms(ORG), Terms(RDFS), Terms(SCHEMA), Terms(ELI)
_RESOLUTION, _PENDING = ox.NamedNode(str(RESOLUTION_GRAPH)), ox.NamedNode(str(PENDING_GRAPH))
_INTEGER = ox.NamedNode(str(XSD.integer))
_DOCUMENTS = str(iris.document_iri("x", "x")).rsplit("/", 2)[0] + "/"  # document keys start with it


@dataclass(slots=True)
class Post:
    title: str
    body: str | None
    date: str | None


@dataclass(slots=True)
class Mention:
    """One name in one article, with the context resolution reads."""

    graph: str
    article: str  # the article's IRI
    label: str  # the article's name
    node: str  # the IRI the article graph uses now
    name: str
    province: str | None  # the article's province
    provinces: set[str] = field(default_factory=set)  # provinces of its non-central posts: strong context
    posts: list[Post] = field(default_factory=list)

    def context(self) -> str:
        if self.posts:
            posts = "; ".join(f"{p.title} {p.body or ''}".strip() + (f" ({p.date})" if p.date else "") for p in self.posts)
        else:
            posts = "no post named"
        return f"{self.label}: {posts}" + (f" [article about {self.province}]" if self.province else "")


@dataclass
class Candidate:
    """A pair of mentions a person should look at: ``dvkg people --confirm/--split ID``."""

    id: str
    name: str
    first: Mention
    second: Mention
    status: str  # "kept apart", "merged", "unresolved"
    reason: str
    verdict: str | None = None  # an override already given for this pair


@dataclass
class Resolution:
    """What ``resolve`` found and did.

    The persons (with the mentions behind each, and why each is one node) and
    the pairs to review are kept when ``details`` is set, for ``dvkg people``;
    otherwise, as after an ingest, they are only counted: kept, they held every
    mention of the store until the pass ended.
    """

    details: bool = True
    renamed: dict[str, dict[str, str]] = field(default_factory=dict)  # graph → {old IRI: new IRI}
    candidates: list[Candidate] = field(default_factory=list)
    decisions: int = 0
    persons: dict[str, list[Mention]] = field(default_factory=dict)  # resolved person IRI → mentions
    reasons: dict[str, str] = field(default_factory=dict)  # resolved person IRI → why it is one node
    written: bool = False
    person_count: int = 0
    candidate_count: int = 0

    def add_person(self, node: str, mentions: list[Mention], reason: str | None) -> None:
        self.person_count += 1
        if self.details:
            self.persons[node] = mentions
            if reason is not None:
                self.reasons[node] = reason

    def add_candidates(self, found: list[Candidate]) -> None:
        self.candidate_count += len(found)
        if self.details:
            self.candidates += found

    def summary(self) -> str:
        moved = sum(len(v) for v in self.renamed.values())
        return (f"resolution: {self.person_count} person(s), {self.decisions} decision(s), "
                f"{moved} node(s) renamed in {len(self.renamed)} article(s), {self.candidate_count} to review")


# ------------------------------------------------------------------ the pass

#: Names (and, after a batch, document codes) are resolved and written in groups of about this many mentions:
#: the records and renames in memory at once are a group's.
GROUP_MENTIONS = 20_000


def resolve(store: Store, *, write: bool = True, details: bool = False) -> Resolution:
    """Recompute identity for every name and document in the store; apply it when ``write``.

    The result keeps the persons and the pairs to review when ``details`` (as ``dvkg people`` reads them),
    else counts them.
    """
    return _Pass(store, write, details).run(None)


def resolve_changes(store: Store, *, details: bool = False) -> Resolution | None:
    """Bring identity up to date after articles were written or removed; None when it already was.

    When the last resolution completed, only the names and documents of the
    articles changed since (``note_changes``) are resolved again: a name's
    decision rests on that name's mentions alone, and a document's on its
    code's, so this writes what a full pass would. After a run cut short,
    everything is resolved again.
    """
    if not is_resolved(store):
        return resolve(store, details=details)
    pending = _Pending.read(store)
    return _Pass(store, True, details).run(pending) if pending else None


def note_changes(store: Store, graphs: dict[str, Iterable]) -> None:
    """Record the names and documents of article graphs about to change (graph IRI → its triples, old and new).

    Written in its own transaction before the articles are: a crash between
    the two costs the next resolution a few names it need not read again, and
    never leaves a change it does not know of. Nothing is noted while no
    resolution is complete (a store's first ingest): the next one reads every
    name anyway, and would only drop the notes (3.6 s at 10,000 articles).
    """
    if is_resolved(store):
        note_keys(store, {graph: keys_in(triples) for graph, triples in graphs.items()})


def note_keys(store: Store, keys: dict[str, tuple[set[str], set[tuple[str, str]]]]) -> None:
    """``note_changes`` of graphs whose keys were read already (graph IRI → ``keys_in`` of its triples),
    for a store whose last resolution completed."""
    lines = []
    for graph, (names, documents) in keys.items():
        g = ox.NamedNode(graph)
        lines += [f"{g} {_DVKG.touchesName} {ox.Literal(key)} .\n" for key in sorted(names)]
        lines += [f"{g} {_DVKG.touchesDocument} {ox.NamedNode(key)} ; {_DVKG.touchesCode} {ox.Literal(code)} .\n"
                  for key, code in sorted(documents)]
    if lines:
        store.update(f"INSERT DATA {{ GRAPH {_PENDING} {{\n{''.join(lines)}}} }}")


def keys_in(triples) -> tuple[set[str], set[tuple[str, str]]]:
    """The name keys of an article graph's persons and the (key, code) of its documents: what ``note_changes``
    records."""
    return Identities.of(ox_triples(triples)).keys()


def assignments(store: Store, graph: str) -> dict[str, str]:
    """{key IRI: resolved IRI} of one article graph as the last resolution left it: applied when it is re-ingested."""
    rows = store.query(sparql_prefixes() + f"""
        SELECT ?from ?to WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{
          ?x a dvkg:Assignment ; dvkg:article <{_article_of(graph)}> ; dvkg:from ?from ; dvkg:to ?to }} }}""").rows
    return dict(rows)


@dataclass
class _Pending:
    """The changes ``note_changes`` recorded since the last resolution."""

    names: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)  # document keys
    codes: set[str] = field(default_factory=set)
    graphs: set[str] = field(default_factory=set)  # article graphs (and verdicts) that noted them

    def __bool__(self) -> bool:
        return bool(self.names or self.documents)

    @classmethod
    def read(cls, store: Store) -> _Pending:
        pending = cls()
        for s, p, o in store.select_terms(f"SELECT ?s ?p ?o WHERE {{ GRAPH {_PENDING} {{ ?s ?p ?o }} }}"):
            if p == _DVKG.touchesName:
                pending.names.add(o.value)
                pending.graphs.add(s.value)
            elif p == _DVKG.touchesDocument:
                pending.documents.add(o.value)
                pending.graphs.add(s.value)
            elif p == _DVKG.touchesCode:
                pending.codes.add(o.value)
        return pending


class _Pass:
    """One resolution: names, then documents, each group read, resolved and written before the next."""

    def __init__(self, store: Store, write: bool, details: bool) -> None:
        self.store, self.write = store, write
        self.result = Resolution(details=details)
        self.verdicts = overrides(store)
        self.seen: set[str] = set()  # the keys resolved: their records are the new ones
        self.unmarked = False  # the mark of a complete resolution is removed before the first change
        # A store's first resolution has no records to replace: not looking them up saves a seventh of it.
        self.recorded = bool(store.query(f"SELECT ?s WHERE {{ GRAPH {_RESOLUTION} {{ ?s ?p ?o }} }} LIMIT 1").rows)

    def run(self, pending: _Pending | None) -> Resolution:
        """Resolve every key (``pending`` None) or those of ``pending``; drop the records of keys no longer named."""
        if pending is None:  # every name: the store read by scans, a share of the names at a time, then
            # resolved and written a group at a time
            articles = _articles(self.store, None)
            for mentions in _person_mentions(self.store, articles):
                for keys in _groups({key: len(found) for key, found in mentions.items()}):
                    self._persons(keys, {key: mentions.pop(key) for key in keys})  # a group leaves memory once written
            self._documents(None, articles)
            stale = _recorded_keys(self.store)
        else:  # the names and codes of the changes: read by lookups, a group at a time
            nodes, counts = _person_nodes(self.store, pending)
            for keys in _groups(counts):
                self._persons(keys, _mentions_of(self.store, {node for key in keys for node in nodes[key]}))
            for codes in _groups(_codes(self.store, pending.codes)):
                self._documents(codes)
            stale = pending.names | pending.documents
        self._apply({}, [], self._old(stale - self.seen))
        if self.write:
            self._finish()
        return self.result

    def _persons(self, keys: list[str], mentions: dict[str, list[Mention]]) -> None:
        records: list[tuple] = []
        targets: dict[str, dict[str, str]] = defaultdict(dict)
        resolved = {key for key in keys if mentions.get(key)}
        for key in sorted(resolved):
            _resolve_name(key, mentions[key], self.verdicts, self.result, records, targets)
        self.seen |= resolved
        self._apply(targets, records, self._old(resolved))

    def _documents(self, codes: list[str] | None, articles: list[tuple] | None = None) -> None:
        records: list[tuple] = []
        targets: dict[str, dict[str, str]] = defaultdict(dict)
        resolved = _resolve_documents(self.store, codes, records, targets, articles)
        if self.write:  # the listings are only written, never reported
            _list_documents(self.store, codes, targets, records)
        self.seen |= resolved
        self._apply(targets, records, self._old(resolved))

    def _old(self, keys: set[str]) -> set[tuple]:
        return _records(self.store, keys) if self.recorded else set()

    def _apply(self, targets: dict[str, dict[str, str]], records: list[tuple], old: set[tuple]) -> None:
        """Count a group's decisions and renames; write them, and its records in place of ``old``."""
        renamed = {g: {a: b for a, b in m.items() if a != b} for g, m in targets.items()}
        renamed = {g: m for g, m in renamed.items() if m}
        for graph, mapping in renamed.items():  # groups of other names may rename other nodes of the same graph
            self.result.renamed.setdefault(graph, {}).update(mapping)
        self.result.decisions += sum(1 for _, p, o in records if p == _TYPE and o != _DVKG.Assignment)
        new = set(records)
        if not self.write or (new == old and not renamed):
            return
        if not self.unmarked:
            self.store.update(f"DELETE DATA {{ {_COMPLETE_DATA} }}")
            self.unmarked = True
        if self.recorded:
            self.store.rename_nodes(renamed, patches={str(RESOLUTION_GRAPH): (old - new, new - old)})
        else:  # a store's first resolution: every record is new, and goes in a bulk load like new articles
            # (10,000 articles: peak 513 MB, against 644 MB with the records in the renames' transactions)
            self.store.rename_nodes(renamed)
            self.store.add_triples(RESOLUTION_GRAPH, new)
        self.result.written = True

    def _finish(self) -> None:
        """Mark the resolution complete and forget the changes it read, in one transaction.

        One process writes a store at a time, so no change was noted since this resolution read them.
        """
        self.store.update(f"DROP SILENT GRAPH {_PENDING} ;\nINSERT DATA {{ {_COMPLETE_DATA} }}")


def _groups(counts: dict[str, int]) -> Iterator[list[str]]:
    """The keys of ``counts`` (key → mentions), sorted, in groups of about ``GROUP_MENTIONS`` mentions."""
    group, size = [], 0
    for key in sorted(counts):
        if group and size + counts[key] > GROUP_MENTIONS:
            yield group
            group, size = [], 0
        group.append(key)
        size += counts[key]
    if group:
        yield group


def _values(name: str, terms: Iterable) -> str:
    return f"VALUES ?{name} {{ {' '.join(str(t) for t in terms)} }}"


def _chunks(items: Iterable, size: int = 500) -> Iterator[list]:
    """Sorted ``items`` in lists of ``size``: Oxigraph joins a VALUES block of 2,000 graphs several times slower
    a row than one of 500."""
    items = sorted(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


# ------------------------------------------------------------------ forecast

# How many names and documents a Forecast remembers: about 45 MB (700 bytes a name, its provinces counted).
FORECAST_NAMES = 65_536


class Forecast:
    """The nodes resolution will most likely give the persons and documents of articles new to the store.

    Ingest renames a new article's key IRIs by it before writing, so the
    resolution that ends the batch finds most nodes where it puts them and
    rewrites few triples. It follows ``resolve``'s rules on what the batch has
    shown so far: a name whose posts lie in provinces that share nothing is
    split, each person qualified by their province; an undated document is the
    one dated document of its code and scope issued before the article. It
    learns from the batch only, and a wrong guess costs a rename, never a wrong
    graph: ``resolve`` decides from what is stored and renames whatever differs.
    Ingest asks only for articles new to the store: stored ones keep what
    resolution gave them.

    What it learns is bounded, so that memory stays flat however long the
    stream: it remembers the ``names`` names and documents seen most recently
    (a name met again after that many others starts afresh, which costs at
    most a rename), and the renames of the last ``graphs`` graphs, so that an
    article met twice before it is written is guessed the same both times
    (ingest writes new articles in groups: ``graphs`` must be at least the
    group's size).
    """

    def __init__(self, *, graphs: int, names: int = FORECAST_NAMES) -> None:
        self.names, self.graphs = names, graphs
        self.given: OrderedDict[str, dict[str, str]] = OrderedDict()  # graph → the renames guessed for it
        self.groups: OrderedDict[str, list[Counter]] = OrderedDict()  # name key → each person's provinces, counted
        self.dated: OrderedDict[str, dict[str, str | None]] = OrderedDict()  # document key → {dated node: issued}

    def renames(self, graph: str, identities: Identities) -> dict[str, str]:
        """{key IRI: guessed IRI} for the article graph ``graph`` (``Identities.of`` its triples); learns from it."""
        if graph in self.given:
            return self.given[graph]
        found = self._persons(identities)
        found.update(self._documents(identities))
        return _remember(self.given, graph, found, self.graphs)

    def _persons(self, identities: Identities) -> dict[str, str]:
        found = {}
        here = identities.province
        for node, name, provinces in identities.persons:
            key = _name_key(name)
            groups = _remember(self.groups, key, self.groups.get(key) or [], self.names)
            if provinces:  # this mention joins (and links) the groups sharing a province with it
                group = Counter(provinces)
                for other in [g for g in groups if provinces & g.keys()]:
                    group.update(other)
                    groups.remove(other)
                groups.append(group)
            else:  # no provincial post: the one group of the article's province, if the name is split
                local = [g for g in groups if here in g]
                group = local[0] if len(local) == 1 else None
            if group is not None and len(groups) > 1:
                target = str(iris.person_iri(name, slug(group.most_common(1)[0][0])))
                if target != node:
                    found[node] = target
        return found

    def _documents(self, identities: Identities) -> dict[str, str]:
        found, before = {}, identities.latest
        for node, key, _, dated, issued in identities.documents:
            if dated:
                continue
            fits = [n for n, on in self.dated.get(key, _NO_VALUES).items() if not before or not on or on <= before]
            if len(fits) == 1:
                found[node] = fits[0]
        for node, key, _, dated, issued in identities.documents:
            if dated:
                nodes = _remember(self.dated, key, self.dated.get(key) or {}, self.names)
                nodes[node] = nodes.get(node) or issued
        return found


@dataclass(frozen=True, slots=True)
class Identities:
    """What the guess of resolution reads of one article graph: its persons and documents, with their context.

    Small and plain, so that a worker process builds it beside the graph and
    sends it back with the graph's text (``graph/checked.py``), and the process
    that writes never indexes the triples again.
    """

    province: str | None  # the article's province
    latest: str | None  # the latest date the graph gives (published, or an event's)
    persons: tuple[tuple[str, str, frozenset[str]], ...]  # (node IRI, name, provinces of their non-central posts)
    documents: tuple[tuple[str, str, str, bool, str | None], ...]  # (node IRI, key without term, code, dated?, issued)

    @classmethod
    def of(cls, triples) -> Identities:
        """Those of an article graph's triples (pyoxigraph terms)."""
        view = _GraphView(triples)
        return cls(view.article_province(), view.latest_date(),
                   tuple((node.value, name, frozenset(view.post_provinces(node))) for node, name in view.persons()),
                   tuple((node.value, *rest) for node, *rest in view.documents()))

    def keys(self) -> tuple[set[str], set[tuple[str, str]]]:
        """``keys_in`` of the graph: its persons' name keys and its documents' (key, code)."""
        return {_name_key(name) for _, name, _ in self.persons}, {(key, code) for _, key, code, _, _ in self.documents}


def _remember(recent: OrderedDict, key, value, bound: int):
    """``value``, stored under ``key`` as the most recent entry of ``recent``, which keeps its ``bound`` latest."""
    recent[key] = value
    recent.move_to_end(key)
    while len(recent) > bound:
        recent.popitem(last=False)
    return value


_NO_VALUES: dict = {}


class _GraphView:
    """One article graph's triples (pyoxigraph terms) by subject and predicate: what ``Forecast`` reads."""

    def __init__(self, triples) -> None:
        self.out, self.posts = index_triples(triples, _ORG.member)  # posts: person → their memberships

    def one(self, node, predicate) -> str | None:
        values = self.out.get(node, _NO_VALUES).get(predicate)
        return values[0].value if values else None

    def of_type(self, cls) -> list:
        return [s for s, by in self.out.items() if cls in by.get(_TYPE, ())]

    def article_province(self) -> str | None:
        return next((self.one(p, _RDFS.label) for a in self.of_type(_DVKG.Article)
                     for p in self.out.get(a, _NO_VALUES).get(_DVKG.province, ())), None)

    def latest_date(self) -> str | None:
        dates = [o.value for by in self.out.values() for p in (_SCHEMA.datePublished, _SCHEMA.startDate)
                 for o in by.get(p, ())]
        return max(dates, default=None)

    def persons(self):
        for node in self.of_type(_DVKG.Person):
            name = self.one(node, _FOAF.name)
            if name is not None:
                yield node, name

    def post_provinces(self, person) -> set[str]:
        """The provinces of the non-central bodies of the person's posts (``_person_mentions``)."""
        found = set()
        for m in self.posts.get(person, ()):
            for body in self.out.get(m, _NO_VALUES).get(_ORG.organization, ()):
                place = next((self.one(p, _RDFS.label) for p in self.out.get(body, _NO_VALUES).get(_DVKG.province, ())),
                             None)
                if place and self.one(body, _DVKG.level) != "trung ương":
                    found.add(place)
        return found

    def documents(self):
        """(node, key without term, code, dated?, issued) of each document."""
        for node in self.of_type(_DVKG.Document):
            code, scope = self.one(node, _DVKG.code), self.one(node, _DVKG.scope)
            if code is not None and scope is not None:
                term = self.one(node, _DVKG["term"])
                yield node, str(iris.document_iri(code, scope)), code, bool(term), self.one(node, _ELI.date_document)


# ------------------------------------------------------------------ persons


def _person_nodes(store: Store, pending: _Pending) -> tuple[dict[str, set[str]], dict[str, int]]:
    """Name key → its person nodes, and name key → its mentions, for the names of the changed articles.

    A name's mentions are on its key node, on the nodes of the last split of
    that name (the ``about`` of its decisions), or on nodes ingest guessed in
    the changed articles: resolution renamed every other article's nodes to
    the first two.
    """
    prefixes = sparql_prefixes()
    nodes = {key: {str(iris.person_iri(key))} for key in pending.names}
    for part in _chunks(pending.names):
        for key, node in store.query(prefixes + f"""SELECT ?key ?node WHERE {{ {_values("key", map(ox.Literal, part))}
                GRAPH {_RESOLUTION} {{ ?d dvkg:nameKey ?key ; dvkg:about ?node }} }}""").rows:
            nodes[key].add(node)
    for part in _chunks(pending.graphs):
        for node, name in store.query(prefixes + f"""SELECT ?p ?name WHERE {{ {_values("g", map(ox.NamedNode, part))}
                GRAPH ?g {{ ?p a dvkg:Person ; foaf:name ?name }} }}""").rows:
            if _name_key(name) in nodes:
                nodes[_name_key(name)].add(node)
    key_of = {node: key for key, found in nodes.items() for node in found}
    counts: Counter = Counter()
    for part in _chunks(key_of):
        for node, mentions in store.query(prefixes + f"""SELECT ?p (COUNT(?g) AS ?c) WHERE {{
                {_values("p", map(ox.NamedNode, part))} GRAPH ?g {{ ?p a ?type FILTER(?type = dvkg:Person) }} }}
                GROUP BY ?p""").rows:
            counts[key_of[node]] += int(mentions)
    return nodes, {key: counts[key] for key in nodes}


#: A full pass reads the mentions of the store's names a share at a time, each share about this many
#: mentions at most (one per person and article graph), so that its memory stays bounded however large
#: the store: reading a mention takes about 1.4 KB, so a share is about 350 MB. The store is scanned once
#: and each share's rows kept in temporary files (``_spill``), so shares cost little time: 100,000
#: synthetic articles (380,002 mentions) took 349 s and peaked at 1,210 MB in two shares, against 344 s
#: and 1,405 MB read at once, and 474 s and 1,275 MB when each share scanned the store again
#: (bench/README.md). A store of up to about 65,000 articles is read in one share.
SHARE_MENTIONS = 250_000


def _share_count(store: Store) -> int:
    """How many shares a full pass reads the names in: of at most ``SHARE_MENTIONS`` mentions each."""
    mentions = int(store.query(sparql_prefixes() + """SELECT (COUNT(*) AS ?n) WHERE {
        GRAPH ?g { ?p a ?type FILTER(?type = dvkg:Person) } }""").rows[0][0])
    return max(1, -(-mentions // SHARE_MENTIONS))


def _person_mentions(store: Store, articles: list[tuple]) -> Iterator[dict[str, list[Mention]]]:
    """Name key → one mention per article graph naming it, with the article's province and the person's posts:
    every name of the store, a share of the names at a time (``_share_count``); ``articles`` are
    ``_articles(store, None)``.

    Three flat queries (persons, articles, memberships) joined here: Oxigraph
    answers each with one index scan, where one query with nested OPTIONALs
    over every graph grew much slower than the store. The persons and
    memberships are read row by row (``Store.rows``), by the query
    ``_mentions_of`` runs for a few persons (``_POSTS``). With one share the
    rows stream into the mentions; with several, both scans are written once to
    a temporary directory, a pair of files a share (``_spill``), and each share
    is read back from its files.
    """
    prefixes = sparql_prefixes()
    shares = _share_count(store)
    persons = store.rows(prefixes + "SELECT ?g ?p ?name WHERE { GRAPH ?g { ?p a dvkg:Person ; foaf:name ?name } }")
    posts = store.rows(prefixes + _POSTS.format(values=""))
    if shares == 1:
        yield _mentions(persons, posts, articles)
        return
    with tempfile.TemporaryDirectory(prefix="dvkg-names-") as directory:
        for persons_file, posts_file in _spill(persons, posts, shares, Path(directory)):
            yield _mentions(_read_rows(persons_file), _read_rows(posts_file), articles)


def _spill(persons: Iterable[tuple], posts: Iterable[tuple], shares: int, directory: Path) -> list[tuple[Path, Path]]:
    """Write the rows of the persons' and the memberships' scans to a file of each per share; the pairs of files.

    A person's row goes to the share of its name key, so each name is read
    whole in one share. A membership's row does not give its person's name, so
    it goes to the share its person's node points to: a node is minted from its
    name (``iris.person_iri``, which a split extends with ``--`` and a province),
    and a name's share is that of the node its key mints. A node that does not
    point to its name's share (none, as dvkg mints them) is remembered from the
    persons' scan, which comes first, and its memberships follow it.
    """
    files = [(directory / f"persons-{share}", directory / f"posts-{share}") for share in range(shares)]
    moved: dict[tuple[str, str], int] = {}  # (graph, node) → its name's share, where the node points elsewhere
    with _RowFiles([pair[0] for pair in files]) as write:
        for row in persons:
            share = _name_share(_name_key(row[2]), shares)
            if share != _node_share(row[1], shares):
                moved[row[0], row[1]] = share
            write(share, row)
    with _RowFiles([pair[1] for pair in files]) as write:
        for row in posts:
            share = moved.get((row[0], row[1]))
            write(_node_share(row[1], shares) if share is None else share, row)
    return files


def _node_share(node: str, shares: int) -> int:
    """The share a person's node points to: by its IRI without the ``--`` of a split (the same in every process)."""
    return zlib.crc32(node.split("--", 1)[0].encode("utf-8")) % shares


@lru_cache(maxsize=65536)
def _name_share(key: str, shares: int) -> int:
    return _node_share(str(iris.person_iri(key)), shares)


class _RowFiles:
    """Rows written to one of several files, pickled in chunks (``_read_rows`` reads them back)."""

    CHUNK = 4096

    def __init__(self, paths: list[Path]) -> None:
        self.files = [open(path, "wb") for path in paths]
        self.chunks: list[list[tuple]] = [[] for _ in paths]

    def __call__(self, index: int, row: tuple) -> None:
        chunk = self.chunks[index]
        chunk.append(row)
        if len(chunk) >= self.CHUNK:
            pickle.dump(chunk, self.files[index], protocol=pickle.HIGHEST_PROTOCOL)
            chunk.clear()

    def __enter__(self) -> _RowFiles:
        return self

    def __exit__(self, *exc) -> None:
        for file, chunk in zip(self.files, self.chunks):
            if chunk:
                pickle.dump(chunk, file, protocol=pickle.HIGHEST_PROTOCOL)
            file.close()


def _read_rows(path: Path) -> Iterator[tuple]:
    with open(path, "rb") as file:
        while True:
            try:
                yield from pickle.load(file)
            except EOFError:
                return


def _mentions_of(store: Store, nodes: set[str]) -> dict[str, list[Mention]]:
    """``_person_mentions`` of the persons of ``nodes`` only, looked up from them.

    Oxigraph's plan for a VALUES block depends on the form of the patterns,
    as measured at 11,000 articles: the type is matched by FILTER (``?p a
    dvkg:Person`` beside the block took 6 s for 2,000 nodes, against 0.1 s),
    each OPTIONAL is one pattern whose subject COALESCE turns into a key, and
    blocks hold 500 values (``_chunks``). A mention costs about ten times what
    it costs in the scans of ``_person_mentions``: this pays when the names
    asked for are a small part of the store.
    """
    prefixes = sparql_prefixes()
    persons, posts = [], []
    for part in _chunks(nodes):
        values = _values("p", map(ox.NamedNode, part))
        persons += store.query(prefixes + f"""SELECT ?g ?p ?name WHERE {{ {values}
            GRAPH ?g {{ ?p a ?type ; foaf:name ?name FILTER(?type = dvkg:Person) }} }}""").rows
        posts += store.query(prefixes + _POSTS.format(values=values)).rows
    return _mentions(persons, posts, _articles(store, {g for g, _, _ in persons}))


# Memberships with their title, date and body (name, province, level): of every person, or of those a VALUES
# block names. Each OPTIONAL is one pattern; a node it may not find is turned into a key with COALESCE, so the
# next one looks up nothing instead of everything.
_POSTS = """
    SELECT ?g ?p ?m ?title ?date ?oname ?oprov ?level WHERE {{ {values} GRAPH ?g {{
      ?m org:member ?p ; dvkg:title ?title .
      OPTIONAL {{ ?m dvkg:attestedOn ?date }}
      OPTIONAL {{ ?m org:organization ?o }}
      BIND(COALESCE(?o, <urn:none>) AS ?body)
      OPTIONAL {{ ?body foaf:name ?oname }}
      OPTIONAL {{ ?body dvkg:level ?level }}
      OPTIONAL {{ ?body dvkg:province ?province }}
      BIND(COALESCE(?province, <urn:none>) AS ?place)
      OPTIONAL {{ ?place rdfs:label ?oprov }} }} }}"""


def _mentions(persons: Iterable[tuple], posts: Iterable[tuple], articles: Iterable[tuple]) -> dict[str, list[Mention]]:
    """Name key → mentions, from the rows of the three queries of ``_person_mentions``: the articles are read
    first, then the memberships, then the persons.

    What it keeps is about every mention of the store on a first pass, so
    each repeated value is kept once: a graph's IRI and its article's as the
    article row gives them, and one string per title, body, province and date.
    """
    first: dict[str, tuple] = {}  # graph → (graph, article, label, province)
    for g, a, label, aprov in articles:
        first.setdefault(g, (g, a, label, aprov))
    one: dict = {}
    by_post: dict[tuple, list] = defaultdict(list)  # (graph, person) → (membership, title, date, body, province)
    for g, p, m, title, date, oname, oprov, level in posts:
        if g in first:
            strong = oprov if oprov and level != "trung ương" else None  # a non-central body's province: strong context
            by_post[first[g][0], p].append((m, *(one.setdefault(v, v) for v in (title, date, oname, strong))))
    by_key: dict[str, dict[str, Mention]] = defaultdict(dict)
    for g, name, p in sorted((first[g][0], name, p) for g, p, name in persons
                             if g in first and iris.is_article_graph(g)):
        key = _name_key(name)
        mention = by_key[key].get(g)
        if mention is None:
            mention = by_key[key][g] = Mention(*first[g][:3], p, name, first[g][3])
        # A node is one person row of its graph (one name each, ontology/shapes.ttl), or, where resolution gave two
        # nodes of one name key the same IRI, two rows of the same mention: its posts are read with the first.
        seen = None
        for m, title, date, oname, strong in sorted(by_post.pop((g, p), ()), key=lambda row: row[0]):
            if m != seen:  # posts in membership order, each once
                mention.posts.append(Post(title, oname, date))
                seen = m
            if strong:
                mention.provinces.add(strong)
    return {key: sorted(found.values(), key=lambda x: x.graph) for key, found in by_key.items()}


@lru_cache(maxsize=65536)
def _name_key(name: str) -> str:
    return iris.name_key(name)


def _resolve_name(key, mentions, verdicts, result, records, targets) -> None:
    base = str(iris.person_iri(mentions[0].name))
    if len(mentions) == 1 and not verdicts.get(key):
        _assign(mentions[0], base, base, None, records, targets)
        _person(key, base, mentions, None, result, records)
        return
    groups, unresolved, forced = _cluster(mentions, verdicts.get(key, {}))
    if len(groups) <= 1:
        members = groups[0] if groups else mentions
        reason = _merge_reason(members, forced)
        decision = _decision(records, "merge", key, base, members, reason, forced)
        for m in members:
            _assign(m, base, base, decision, records, targets)
        _person(key, base, members, reason, result, records)
        result.add_candidates(_weak_merges(key, members, verdicts.get(key, {})))
        return
    qualifiers = _qualifiers(groups)
    split_reason = _split_reason(groups, forced)
    nodes = [str(iris.person_iri(mentions[0].name, q)) for q in qualifiers]
    split = _decision(records, "split", key, nodes, [m for g in groups for m in g], split_reason, forced)
    for node, members in zip(nodes, groups):
        merge = _decision(records, "merge", key, node, members, _merge_reason(members, forced), forced) if len(members) > 1 else split
        for m in members:
            _assign(m, base, node, merge, records, targets)
        _person(key, node, members, split_reason, result, records)
    for m in unresolved:
        _assign(m, base, base, split, records, targets)
    if unresolved:
        reason = "fits more than one of the people of this name: left unresolved"
        _person(key, base, unresolved, reason, result, records)
    result.add_candidates(_apart(key, groups, unresolved, split_reason, verdicts.get(key, {})))


def _person(key: str, node: str, mentions: list[Mention], reason: str | None, result: Resolution, records: list) -> None:
    """A resolved person: the mentions behind the node, and what ``queries/people.rq`` reads of it.

    The number of articles naming the person and the name as the first of
    them prints it are written beside the decisions: counting them from the
    article graphs took that query 100 ms at a million triples, reading them
    here 40. They belong to the name key, so they are replaced with its records.
    """
    result.add_person(node, mentions, reason)
    subject = ox.NamedNode(node)
    records.extend([(subject, _DVKG.nameKey, ox.Literal(key)),
                    (subject, _DVKG.articleCount, ox.Literal(str(len(mentions)), datatype=_INTEGER)),
                    (subject, _DVKG.printedName, ox.Literal(mentions[0].name))])


def _cluster(mentions: list[Mention], verdicts: dict[frozenset, tuple[str, str]]):
    """Groups of mentions of one name that are one person; the mentions that fit several; the overrides used.

    Linear in the mentions of the name unless a verdict keeps two of them
    apart: then every linked pair is tried in order, as a refusal depends on it.
    """
    index = {m.article: i for i, m in enumerate(mentions)}
    parent = list(range(len(mentions)))
    members_of = {i: [i] for i in range(len(mentions))}  # root → its mentions
    apart = {frozenset((index[a], index[b])) for pair, (verdict, _) in verdicts.items() if verdict == DIFFERENT
             for a, b in [tuple(pair)] if a in index and b in index}
    forced = {pair: v for pair, v in verdicts.items() if all(a in index for a in pair)}

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def members(root):
        return sorted(members_of.get(root, ()))

    def allowed(i, j):
        return not apart or not any(frozenset((x, y)) in apart for x in members(find(i)) for y in members(find(j)))

    def union(i, j):
        if find(i) != find(j) and allowed(i, j):
            root, absorbed = find(i), find(j)
            parent[absorbed] = root
            members_of[root].extend(members_of.pop(absorbed))

    for pair, (verdict, _) in forced.items():
        if verdict == SAME:
            a, b = tuple(pair)
            union(index[a], index[b])
    for i, j in (_all_linked(mentions) if apart else _linked(mentions)):
        union(i, j)
    roots = list(dict.fromkeys(find(i) for i in range(len(mentions))))
    strong = [r for r in roots if any(mentions[i].provinces for i in members_of[r])]
    weak = [r for r in roots if r not in set(strong)]
    # Only mentions without provinces join a strong group below, so each group's provinces stay as they are.
    places = {s: set().union(*(mentions[i].provinces for i in members_of[s])) for s in strong}
    unresolved = []
    if not strong and not apart:  # nothing tells them apart: one person
        for r in weak[1:]:
            union(weak[0], r)
        weak = []
    for r in weak:
        fits = [s for s in strong if allowed(r, s)]
        local = [s for s in fits if mentions[r].province in places[s]]
        if len(fits) == 1 or len(local) == 1:
            union((fits if len(fits) == 1 else local)[0], r)
        elif not strong:
            pool = next((w for w in weak if w != r and find(w) != find(r) and allowed(w, r)), None)
            if pool is not None:
                union(pool, r)
        elif fits:
            unresolved.extend(members(r))
    left_out = set(unresolved)
    groups = {}
    for i in range(len(mentions)):
        if i not in left_out:
            groups.setdefault(find(i), []).append(mentions[i])
    return list(groups.values()), [mentions[i] for i in unresolved], forced


def _linked(mentions: list[Mention]):
    """Pairs whose posts share a province: each mention with the first one holding each of its provinces."""
    first: dict[str, int] = {}
    for j, mention in enumerate(mentions):
        for province in sorted(mention.provinces):
            if province in first:
                yield first[province], j
            else:
                first[province] = j


def _all_linked(mentions: list[Mention]):
    """Every pair whose posts share a province, in order."""
    for i, m in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            if m.provinces & mentions[j].provinces:
                yield i, j


def _qualifiers(groups: list[list[Mention]]) -> list[str]:
    """A readable, unique suffix per person of one name: the province of their posts."""
    taken: Counter = Counter()
    found = []
    for number, members in enumerate(groups, start=1):
        provinces = Counter(p for m in members for p in m.provinces) or Counter(m.province for m in members if m.province)
        word = slug(provinces.most_common(1)[0][0]) if provinces else f"n{number}"
        taken[word] += 1
        found.append(word if taken[word] == 1 else f"{word}-{taken[word]}")
    return found


def _merge_reason(members: list[Mention], forced) -> str:
    shared = set.intersection(*(m.provinces for m in members)) if members and all(m.provinces for m in members) else set()
    names = _some([m.label for m in members])
    said = _verdicts_text(forced, SAME)
    if shared:
        why = f"same name; posts in {', '.join(sorted(shared))} in every article ({names})"
    elif any(m.provinces for m in members):
        places = sorted({p for m in members for p in m.provinces})
        why = f"same name; posts in {', '.join(places)} where stated, nothing conflicting ({names})"
    else:
        why = f"same name and no conflicting context ({names})"
    return why + (f"; {said}" if said else "")


def _split_reason(groups: list[list[Mention]], forced) -> str:
    parts = []
    for members in groups:
        places = sorted({p for m in members for p in m.provinces}) or sorted({m.province for m in members if m.province})
        parts.append(f"{', '.join(places) or 'no province'} ({_some([m.label for m in members])})")
    said = _verdicts_text(forced, DIFFERENT)
    return "same name, contexts conflict: posts in " + " vs ".join(parts) + (f"; {said}" if said else "")


def _verdicts_text(forced, verdict: str) -> str:
    reasons = [f"override: {why}" if why else "override" for v, why in forced.values() if v == verdict]
    return "; ".join(sorted(set(reasons)))


def _apart(key, groups, unresolved, reason, verdicts) -> list[Candidate]:
    found = []
    firsts = [g[0] for g in groups]
    for i, a in enumerate(firsts):
        for b in firsts[i + 1:]:
            found.append(_candidate(key, a, b, "kept apart", reason, verdicts))
    for m in unresolved:
        for a in firsts:
            found.append(_candidate(key, m, a, "unresolved", "fits more than one person of this name", verdicts))
    return found


def _weak_merges(key, members: list[Mention], verdicts) -> list[Candidate]:
    """Pairs merged only because nothing conflicts, though the articles are about different provinces.

    Mentions with the same article province and the same post provinces make
    the same pairs, so one pair is listed for each two such kinds (the first
    mention of each): a common name named in thousands of articles gives a
    list a person can read, and costs kinds², not articles².
    """
    kinds: dict[tuple, Mention] = {}
    for m in members:
        if m.province:
            kinds.setdefault((m.province, frozenset(m.provinces)), m)
    found = []
    firsts = list(kinds.values())
    for i, a in enumerate(firsts):
        for b in firsts[i + 1:]:
            if a.provinces & b.provinces or a.province == b.province:
                continue
            found.append(_candidate(key, a, b, "merged", "same name, articles about different provinces, no post in common", verdicts))
    return found


def _candidate(key, a: Mention, b: Mention, status, reason, verdicts) -> Candidate:
    verdict = verdicts.get(frozenset((a.article, b.article)))
    return Candidate(_pair_id(key, a.article, b.article), a.name, a, b, status, reason, verdict[0] if verdict else None)


def _pair_id(key: str, first: str, second: str) -> str:
    return str(iris.record_iri("pair", key, *sorted((first, second)))).rsplit("/", 1)[-1][:8]


# ----------------------------------------------------------------- documents


def _codes(store: Store, codes: set[str]) -> dict[str, int]:
    """Document code → its mentions, for ``codes``."""
    found = dict.fromkeys(codes, 0)
    for part in _chunks(codes):
        found.update((code, int(n)) for code, n in store.query(sparql_prefixes() + f"""SELECT ?code (COUNT(?d) AS ?c)
            WHERE {{ {_values("code", map(ox.Literal, part))} GRAPH ?g {{ ?d dvkg:code ?code }} }}
            GROUP BY ?code""").rows)
    return found


def _resolve_documents(store: Store, codes: list[str] | None, records, targets,
                       articles: list[tuple] | None = None) -> set[str]:
    """An undated document → the one dated document of its code and scope issued before the article.

    Reads the documents of ``codes``, or every document (None); returns their keys (code and scope).
    Only a key with dated and undated mentions needs its articles' names and dates (for the match and
    its reason): they are looked up for those alone, which after a batch is a small part of the
    mentions read (a much-cited code is printed with its date in most articles). ``articles``: every
    article's ``_articles``, when a full pass has read them for the persons (not read again).
    """
    found = store.query(sparql_prefixes() + f"""
        SELECT ?g ?d ?code ?scope ?term ?issued WHERE {{
          {_values("code", map(ox.Literal, codes)) if codes is not None else ""}
          GRAPH ?g {{
            ?d dvkg:code ?code ; a ?type ; dvkg:scope ?scope FILTER(?type = dvkg:Document)
            OPTIONAL {{ ?d dvkg:term ?term }}
            OPTIONAL {{ ?d eli:date_document ?issued }}
          }}
        }}""").rows
    groups: dict[str, list[tuple]] = defaultdict(list)
    for row in sorted(found, key=lambda row: (row[0], row[1])):
        if iris.is_article_graph(row[0]):
            groups[str(iris.document_iri(row[2], row[3]))].append(row)
    mixed = {key for key, rows in groups.items() if len({bool(row[4]) for row in rows}) == 2}
    graphs = {row[0] for key in mixed for row in groups[key]}
    if articles is None:
        articles = _articles(store, graphs if codes is not None else None, provinces=False)
    labels = {g: label for g, _, label, _ in articles}
    dates = _article_dates(store, {row[0] for key in mixed for row in groups[key] if not row[4]}
                           if codes is not None else None)
    for key, mentions in sorted(groups.items()):
        dated: dict[str, list] = {}  # dated node → [term, issued, labels of the articles naming it]
        for g, d, code, scope, term, issued in mentions:
            if term:
                known = dated.setdefault(str(iris.document_iri(code, scope, term)), [term, issued, []])
                known[1] = known[1] or issued
                if key in mixed:
                    known[2].append(labels.get(g, g))
        where: dict[str, str] = {}  # dated node → its articles, as the reasons list them
        for g, d, code, scope, term, issued in mentions:
            node = str(iris.document_iri(code, scope, term))
            if term or not dated:
                targets[g][d] = node
                continue
            before = dates.get(g)
            fits = [n for n, (_, on, _) in dated.items() if not before or not on or on <= before]
            if len(fits) != 1:
                targets[g][d] = node
                continue
            term_of, on, named = dated[fits[0]]
            if fits[0] not in where:
                where[fits[0]] = _some(sorted(set(named)))
            reason = (f"{code} ({scope}) is undated in {labels.get(g, g)}; the only {code} of that scope known"
                      + (f" before {before}" if before else "") + f" is of term {term_of}"
                      + (f", issued {on}" if on else "") + f" ({where[fits[0]]})")
            article = _article_of(g)
            decision = _decision(records, "merge", key, fits[0], [_Doc(article)], reason, {})
            records.append((ox.NamedNode(node), _SAME_AS, ox.NamedNode(fits[0])))
            _assign(_Doc(article, g, d), node, fits[0], decision, records, targets)
    return set(groups)


def _list_documents(store: Store, codes: list[str] | None, targets, records) -> None:
    """What ``queries/documents-by-issuer.rq`` lists of the documents of ``codes`` (or of every one), as resolved.

    One record per resolved document, issuer, issuer's name, type and code as
    printed, with the first date printed for it and the number of events that
    review it. Grouping every mention at each run cost the query most of its
    time (figures in the query). The records belong to the document's key, so
    they are replaced with its decisions whenever an article naming it changes.
    """
    values = _values("code", map(ox.Literal, codes)) if codes is not None else ""
    found: dict[tuple, tuple[list, set]] = defaultdict(lambda: ([], set()))
    for g, d, code, scope, issuer, name, kind, issued, event in store.select_terms(sparql_prefixes() + f"""
            SELECT ?g ?d ?code ?scope ?issuer ?name ?type ?issued ?event WHERE {{ {values}
              GRAPH ?g {{
                ?d dvkg:code ?code ; dvkg:scope ?scope ; eli:passed_by ?issuer .
                ?issuer foaf:name ?name .
                OPTIONAL {{ ?d dvkg:documentType ?type }}
                OPTIONAL {{ ?d eli:date_document ?issued }}
                OPTIONAL {{ ?event dvkg:reviews ?d }}
              }}
            }}"""):
        if not iris.is_article_graph(g.value):
            continue
        node = targets.get(g.value, {}).get(d.value, d.value)
        dates, events = found[(str(iris.document_iri(code.value, scope.value)), node, issuer, name, kind, code)]
        if issued is not None:
            dates.append(issued)
        if event is not None:
            events.add(event)
    for (key, node, issuer, name, kind, code), (dates, events) in found.items():
        record = ox.NamedNode(iris.record_iri("listing", node, issuer.value, str(name), str(kind), code.value))
        records.extend([(record, _DVKG.nameKey, ox.Literal(key)),
                        (record, _DVKG.listedDocument, ox.NamedNode(node)),
                        (record, _DVKG.listedIssuer, issuer),
                        (record, _DVKG.listedIssuerName, name),
                        (record, _DVKG.listedCode, code),
                        (record, _DVKG.reviewCount, ox.Literal(str(len(events)), datatype=_INTEGER))])
        if kind is not None:
            records.append((record, _DVKG.listedType, kind))
        if dates:
            records.append((record, _DVKG.listedDate, min(dates, key=lambda date: date.value)))


#: Articles a decision's reason names at most: a common name or a much-cited document is in
#: thousands of articles, and each undated mention of a document gets its own reason.
_REASON_ARTICLES = 10


def _some(labels: list[str]) -> str:
    """``a, b, c``; past ``_REASON_ARTICLES`` names, the first ones and how many more."""
    if len(labels) <= _REASON_ARTICLES:
        return ", ".join(labels)
    return ", ".join(labels[:_REASON_ARTICLES]) + f" and {len(labels) - _REASON_ARTICLES} more"


@dataclass
class _Doc:
    article: str
    graph: str = ""
    node: str = ""


def _articles(store: Store, graphs: set[str] | None, *, provinces: bool = True) -> list[tuple]:
    """(graph, article, label, province) of the article graphs ``graphs``, or of every one (None).

    The province is read by a query of its own: as an OPTIONAL it made
    Oxigraph read every label of the store for each VALUES block.
    """
    parts = [""] if graphs is None else [_values("g", map(ox.NamedNode, part)) for part in _chunks(graphs)]
    found, places = [], {}
    for values in parts:
        found += store.query(sparql_prefixes() + f"""SELECT ?g ?a ?label WHERE {{ {values}
            GRAPH ?g {{ ?a a dvkg:Article ; rdfs:label ?label }} }}""").rows
        if provinces:
            places.update(((g, a), place) for g, a, place in store.query(sparql_prefixes() + f"""
                SELECT ?g ?a ?place WHERE {{ {values}
                GRAPH ?g {{ ?a a dvkg:Article ; dvkg:province ?province . ?province rdfs:label ?place }} }}""").rows)
    return [(g, a, label, places.get((g, a))) for g, a, label in found]


def _article_dates(store: Store, graphs: set[str] | None) -> dict[str, str]:
    """Each article graph's latest date (its events' and its publication date), of ``graphs`` or every one."""
    query = """SELECT ?g (MAX(STR(?on)) AS ?date) WHERE {{ {values}
        GRAPH ?g {{ {{ ?a a dvkg:Article ; schema:datePublished ?on }} UNION {{ ?e schema:startDate ?on }} }}
        }} GROUP BY ?g"""
    parts = [""] if graphs is None else [_values("g", map(ox.NamedNode, part)) for part in _chunks(graphs)]
    return {g: on for values in parts for g, on in store.query(sparql_prefixes() + query.format(values=values)).rows
            if on}


# ------------------------------------------------------------------- records


def _recorded_keys(store: Store) -> set[str]:
    """The name and document keys the resolution graph holds decisions on."""
    return {key for key, in store.query(sparql_prefixes() + f"""
        SELECT DISTINCT ?key WHERE {{ GRAPH {_RESOLUTION} {{ ?d dvkg:nameKey ?key }} }}""").rows}


def _records(store: Store, keys: set[str]) -> set[tuple]:
    """The resolution graph's records on ``keys``: their decisions, and the assignments and ``sameAs`` from
    their key nodes."""
    found: set[tuple] = set()
    sources = [str(iris.person_iri(key)) if not key.startswith(_DOCUMENTS) else key for key in keys]
    for part in _chunks(keys):
        found.update(store.select_terms(sparql_prefixes() + f"""SELECT ?s ?p ?o WHERE {{
            {_values("key", map(ox.Literal, part))} GRAPH {_RESOLUTION} {{ ?s dvkg:nameKey ?key ; ?p ?o }} }}"""))
    for part in _chunks(sources):
        values = _values("from", map(ox.NamedNode, part))
        found.update(store.select_terms(sparql_prefixes() + f"""SELECT ?s ?p ?o WHERE {{
            {values} GRAPH {_RESOLUTION} {{ ?s dvkg:from ?from ; ?p ?o }} }}"""))
        found.update((s, _SAME_AS, o) for s, o in store.select_terms(sparql_prefixes() + f"""SELECT ?from ?o WHERE {{
            {values} GRAPH {_RESOLUTION} {{ ?from {_SAME_AS} ?o }} }}"""))
    return found


def _assign(mention, base: str, target: str, decision, records, targets) -> None:
    targets[mention.graph][mention.node] = target
    if base == target:
        return
    record = ox.NamedNode(iris.record_iri("assignment", mention.article, base))
    records.extend([
        (record, _TYPE, _DVKG.Assignment),
        (record, _DVKG.article, ox.NamedNode(mention.article)),
        (record, _DVKG["from"], ox.NamedNode(base)),
        (record, _DVKG.to, ox.NamedNode(target)),
        (record, _DVKG.decision, decision),
    ])


def _decision(records, kind: str, key: str, about, members, reason: str, forced) -> ox.NamedNode:
    """Record a merge or split decision (pyoxigraph terms, like every record) and return its node."""
    about = [about] if isinstance(about, str) else about
    record = ox.NamedNode(iris.record_iri(kind, key, *about))
    records.extend([
        (record, _TYPE, _DVKG.MergeDecision if kind == "merge" else _DVKG.SplitDecision),
        (record, _DVKG.nameKey, ox.Literal(key)),
        (record, _DVKG.reason, ox.Literal(reason)),
    ])
    records.extend((record, _DVKG.about, ox.NamedNode(node)) for node in about)
    records.extend((record, _DVKG.article, ox.NamedNode(m.article)) for m in members)
    records.extend((record, _DVKG.override, ox.NamedNode(_override_iri(pair))) for pair in forced)
    return record


#: Written on the resolution graph after the last step of a resolution (``Store.rename_nodes`` writes a big
#: one in steps): while it is missing, the next ingest resolves again, so a run cut short is finished.
_COMPLETE = (ox.NamedNode(str(RESOLUTION_GRAPH)), _DVKG.complete, ox.Literal("true", datatype=ox.NamedNode(str(XSD.boolean))))
_COMPLETE_DATA = f"GRAPH {_COMPLETE[0]} {{ {' '.join(str(t) for t in _COMPLETE)} . }}"


def is_resolved(store: Store) -> bool:
    """Whether the last resolution wrote all its steps (and so identity needs no new run until the store changes)."""
    graph, mark, _ = _COMPLETE
    return bool(store.query(f"SELECT ?done WHERE {{ GRAPH {graph} {{ {graph} {mark} ?done }} }}").rows)


def _article_of(graph_iri: str) -> str:
    return graph_iri.replace("/id/graph/", "/id/article/", 1)


# ----------------------------------------------------------------- overrides


def overrides(store: Store) -> dict[str, dict[frozenset, tuple[str, str]]]:
    """Name key → {pair of article IRIs: (verdict, reason)}."""
    rows = store.query(sparql_prefixes() + f"""
        SELECT ?x ?key ?verdict ?reason (GROUP_CONCAT(STR(?a); separator=" ") AS ?articles) WHERE {{
          GRAPH <{OVERRIDES_GRAPH}> {{
            ?x a dvkg:Override ; dvkg:nameKey ?key ; dvkg:verdict ?verdict ; dvkg:article ?a .
            OPTIONAL {{ ?x dvkg:reason ?reason }} }} }} GROUP BY ?x ?key ?verdict ?reason""").rows
    found: dict[str, dict[frozenset, tuple[str, str]]] = defaultdict(dict)
    for _, key, verdict, reason, articles in rows:
        found[key][frozenset(articles.split())] = (verdict, reason or "")
    return dict(found)


def _override_iri(pair: frozenset) -> URIRef:
    return iris.record_iri("override", *sorted(pair))


def add_override(store: Store, candidate_id: str, verdict: str, reason: str = "") -> Candidate:
    """Record that the pair ``candidate_id`` is one person (``same``) or two (``different``), then resolve again."""
    candidate = _find(store, candidate_id)
    pair = frozenset((candidate.first.article, candidate.second.article))
    node = _override_iri(pair)
    at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    kept = [t for t in store.graph_triples(OVERRIDES_GRAPH) if t.subject != to_ox(node)]
    triples = [(node, RDF.type, DVKG.Override), (node, DVKG.nameKey, Literal(_name_key(candidate.name))),
               (node, DVKG.verdict, Literal(verdict)), (node, PROV.generatedAtTime, Literal(at, datatype=_DATETIME))]
    triples += [(node, DVKG.article, URIRef(a)) for a in sorted(pair)]
    if reason:
        triples.append((node, DVKG.reason, Literal(reason)))
    store.replace_graphs({str(OVERRIDES_GRAPH): kept + [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples]})
    _resolve_name_again(store, to_ox(node), _name_key(candidate.name))
    return candidate


def remove_override(store: Store, candidate_id: str) -> bool:
    """Take back a verdict; False when the pair had none. Resolution runs again."""
    pairs = [(key, pair) for key, found in overrides(store).items() for pair in found
             if _pair_id(key, *sorted(pair)) == candidate_id]
    if not pairs:
        return False
    key, pair = pairs[0]
    node = to_ox(_override_iri(pair))
    before = store.graph_triples(OVERRIDES_GRAPH)
    kept = [t for t in before if t.subject != node]
    if len(kept) == len(before):
        return False
    store.replace_graphs({str(OVERRIDES_GRAPH): kept})
    _resolve_name_again(store, node, key)
    return True


def _resolve_name_again(store: Store, override: ox.NamedNode, key: str) -> None:
    """Resolve the one name a verdict is about (and whatever else is pending)."""
    store.update(f"INSERT DATA {{ GRAPH {_PENDING} {{ {override} {_DVKG.touchesName} {ox.Literal(key)} }} }}")
    resolve_changes(store)


def _find(store: Store, candidate_id: str) -> Candidate:
    found = resolve(store, write=False, details=True).candidates
    for candidate in found:
        if candidate.id == candidate_id:
            return candidate
    raise DvkgError(f"no pair {candidate_id!r} to review; `dvkg people --duplicates` lists them with their ids")


_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
