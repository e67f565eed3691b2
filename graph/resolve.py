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
graph ``id/graph/_resolution``, which is rebuilt from the article graphs on
every run: removing or editing an article changes it too. A person's verdict
(``dvkg people --confirm/--split``) is an ``Override`` in ``id/graph/_overrides``,
never recomputed, and reversible with ``--undo``. The renames and the new
resolution graph are written in one transaction, or for a change of more
than ``graph.store.STEP_TRIPLES`` triples in several (each article graph whole);
the graph is marked complete (``dvkg:complete``) after the last, and ingest
resolves again while the mark is missing.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, XSD, Literal, URIRef

from dvkg.errors import DvkgError
from dvkg.graph import iris
from dvkg.graph.iris import OVERRIDES_GRAPH, RESOLUTION_GRAPH, slug
from dvkg.graph.store import Store
from dvkg.graph.terms import to_ox
from dvkg.graph.terms import Terms
from dvkg.ontology import DVKG, ELI, FOAF, ORG, OWL, PROV, RDFS, SCHEMA, sparql_prefixes

__all__ = ["Mention", "Candidate", "Resolution", "Forecast", "resolve", "is_resolved", "assignments", "add_override",
           "remove_override", "overrides"]

SAME, DIFFERENT = "same", "different"

# The resolution graph's vocabulary as pyoxigraph nodes: its records are written without rdflib.
_DVKG, _TYPE, _SAME_AS = Terms(DVKG), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(OWL.sameAs))


@dataclass
class Post:
    title: str
    body: str | None
    date: str | None


@dataclass
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
    """What ``resolve`` found and did."""

    renamed: dict[str, dict[str, str]] = field(default_factory=dict)  # graph → {old IRI: new IRI}
    candidates: list[Candidate] = field(default_factory=list)
    decisions: int = 0
    persons: dict[str, list[Mention]] = field(default_factory=dict)  # resolved person IRI → mentions
    reasons: dict[str, str] = field(default_factory=dict)  # resolved person IRI → why it is one node
    written: bool = False

    def summary(self) -> str:
        moved = sum(len(v) for v in self.renamed.values())
        return (f"resolution: {len(self.persons)} person(s), {self.decisions} decision(s), "
                f"{moved} node(s) renamed in {len(self.renamed)} article(s), {len(self.candidates)} to review")


# ------------------------------------------------------------------ the pass


def resolve(store: Store, *, write: bool = True) -> Resolution:
    """Recompute identity from the stored article graphs; apply it when ``write``."""
    result = Resolution()
    records: list[tuple] = []
    targets: dict[str, dict[str, str]] = defaultdict(dict)  # graph → {current node: target}
    verdicts = overrides(store)
    for key, mentions in sorted(_person_mentions(store).items()):
        _resolve_name(key, mentions, verdicts, result, records, targets)
    _resolve_documents(store, result, records, targets)
    result.renamed = {g: {old: new for old, new in m.items() if old != new} for g, m in targets.items()}
    result.renamed = {g: m for g, m in result.renamed.items() if m}
    result.decisions = sum(1 for _, p, o in records if p == _TYPE and o != _DVKG.Assignment)
    if write:
        result.written = _write(store, result.renamed, records)
    return result


def assignments(store: Store) -> dict[str, dict[str, str]]:
    """Article graph → {key IRI: resolved IRI}, as the last resolution left them: applied to re-ingested articles."""
    rows = store.query(sparql_prefixes() + f"""
        SELECT ?article ?from ?to WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{
          ?x a dvkg:Assignment ; dvkg:article ?article ; dvkg:from ?from ; dvkg:to ?to }} }}""").rows
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for article, old, new in rows:
        found[_graph_of(article)][old] = new
    return dict(found)


# ------------------------------------------------------------------ forecast

_FOAF, _ORG, _RDFS, _SCHEMA, _ELI = Terms(FOAF), Terms(ORG), Terms(RDFS), Terms(SCHEMA), Terms(ELI)


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
    Articles stored before the batch (``known``) keep what resolution gave them.
    """

    def __init__(self, known=()) -> None:
        self.known = set(known)
        self.given: dict[str, dict[str, str]] = {}  # graph → the renames guessed for it (kept for a repeat)
        self.groups: dict[str, list[Counter]] = defaultdict(list)  # name key → each person's provinces, counted
        self.dated: dict[str, dict[str, str | None]] = defaultdict(dict)  # document key → {dated node: issued}

    def renames(self, graph: str, triples) -> dict[str, str]:
        """{key IRI: guessed IRI} for the article graph ``graph`` of ``triples`` (pyoxigraph terms); learns from it."""
        if graph in self.known:
            return {}
        if graph not in self.given:
            view = _GraphView(triples)
            found = self._persons(view)
            found.update(self._documents(view))
            self.given[graph] = found
        return self.given[graph]

    def _persons(self, view: _GraphView) -> dict[str, str]:
        found = {}
        here = view.article_province()
        for node, name in view.persons():
            key, provinces = _name_key(name), view.post_provinces(node)
            groups = self.groups[key]
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
                if target != node.value:
                    found[node.value] = target
        return found

    def _documents(self, view: _GraphView) -> dict[str, str]:
        found, before = {}, view.latest_date()
        documents = list(view.documents())
        for node, key, dated, issued in documents:
            if dated:
                continue
            fits = [n for n, on in self.dated[key].items() if not before or not on or on <= before]
            if len(fits) == 1:
                found[node.value] = fits[0]
        for node, key, dated, issued in documents:
            if dated:
                self.dated[key][node.value] = self.dated[key].get(node.value) or issued
        return found


class _GraphView:
    """One article graph's triples (pyoxigraph terms) by subject and predicate: what ``Forecast`` reads."""

    def __init__(self, triples) -> None:
        self.out: dict = defaultdict(lambda: defaultdict(list))
        self.posts: dict = defaultdict(list)  # person → their memberships
        for s, p, o in triples:
            self.out[s][p].append(o)
            if p == _ORG.member:
                self.posts[o].append(s)

    def one(self, node, predicate) -> str | None:
        values = self.out.get(node, {}).get(predicate)
        return values[0].value if values else None

    def of_type(self, cls) -> list:
        return [s for s, by in self.out.items() if cls in by.get(_TYPE, ())]

    def article_province(self) -> str | None:
        return next((self.one(p, _RDFS.label) for a in self.of_type(_DVKG.Article)
                     for p in self.out[a].get(_DVKG.province, ())), None)

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
            for body in self.out[m].get(_ORG.organization, ()):
                place = next((self.one(p, _RDFS.label) for p in self.out[body].get(_DVKG.province, ())), None)
                if place and self.one(body, _DVKG.level) != "trung ương":
                    found.add(place)
        return found

    def documents(self):
        """(node, key without term, dated?, issued) of each document."""
        for node in self.of_type(_DVKG.Document):
            code, scope = self.one(node, _DVKG.code), self.one(node, _DVKG.scope)
            if code is not None and scope is not None:
                term = self.one(node, _DVKG["term"])
                yield node, str(iris.document_iri(code, scope)), bool(term), self.one(node, _ELI.date_document)


# ------------------------------------------------------------------ persons


def _person_mentions(store: Store) -> dict[str, list[Mention]]:
    """Name key → one mention per article graph naming it, with the article's province and the person's posts.

    Three flat queries (persons, articles, memberships) joined here: Oxigraph
    answers each with index scans, where one query with nested OPTIONALs
    over every graph grew much slower than the store.
    """
    prefixes = sparql_prefixes()
    articles: dict[str, tuple] = {}
    for g, a, label, aprov in store.query(prefixes + """
        SELECT ?g ?a ?label ?aprov WHERE { GRAPH ?g {
          ?a a dvkg:Article ; rdfs:label ?label . OPTIONAL { ?a dvkg:province/rdfs:label ?aprov } } }""").rows:
        articles.setdefault(g, (a, label, aprov))
    posts: dict[tuple, list] = defaultdict(list)  # (graph, person) → (membership, title, date, body, province, level)
    for g, p, m, *post in store.query(prefixes + """
        SELECT ?g ?p ?m ?title ?date ?oname ?oprov ?level WHERE { GRAPH ?g {
          ?m org:member ?p ; dvkg:title ?title .
          OPTIONAL { ?m dvkg:attestedOn ?date }
          OPTIONAL { ?m org:organization ?o . ?o foaf:name ?oname .
                     OPTIONAL { ?o dvkg:province/rdfs:label ?oprov }
                     OPTIONAL { ?o dvkg:level ?level } } } }""").rows:
        posts[g, p].append((m, *post))
    by_key: dict[str, dict[str, Mention]] = defaultdict(dict)
    seen_posts: set[tuple] = set()
    persons = store.query(prefixes + "SELECT ?g ?p ?name WHERE { GRAPH ?g { ?p a dvkg:Person ; foaf:name ?name } }").rows
    for g, p, name in sorted(persons, key=lambda row: (row[0], row[2])):
        if g not in articles or "/id/graph/_" in g:
            continue
        key = _name_key(name)
        mention = by_key[key].get(g)
        if mention is None:
            mention = by_key[key][g] = Mention(g, *articles[g][:2], p, name, articles[g][2])
        for m, title, date, oname, oprov, level in sorted(posts.get((g, p), ()), key=lambda row: row[0]):
            if (g, p, m) not in seen_posts:  # posts in membership order, each once
                seen_posts.add((g, p, m))
                mention.posts.append(Post(title, oname, date))
            if oprov and level != "trung ương":  # the provinces of its non-central bodies: strong context
                mention.provinces.add(oprov)
    return {key: sorted(found.values(), key=lambda x: x.graph) for key, found in by_key.items()}


@lru_cache(maxsize=65536)
def _name_key(name: str) -> str:
    return iris.name_key(name)


def _resolve_name(key, mentions, verdicts, result, records, targets) -> None:
    base = str(iris.person_iri(mentions[0].name))
    if len(mentions) == 1 and not verdicts.get(key):
        _assign(mentions[0], base, base, None, records, targets)
        result.persons[base] = mentions
        return
    groups, unresolved, forced = _cluster(mentions, verdicts.get(key, {}))
    if len(groups) <= 1:
        members = groups[0] if groups else mentions
        decision = _decision(records, "merge", key, base, members, _merge_reason(members, forced), forced)
        for m in members:
            _assign(m, base, base, decision, records, targets)
        result.persons[base] = members
        result.reasons[base] = _merge_reason(members, forced)
        result.candidates += _weak_merges(key, members, verdicts.get(key, {}))
        return
    qualifiers = _qualifiers(groups)
    split_reason = _split_reason(groups, forced)
    nodes = [str(iris.person_iri(mentions[0].name, q)) for q in qualifiers]
    split = _decision(records, "split", key, nodes, [m for g in groups for m in g], split_reason, forced)
    for node, members in zip(nodes, groups):
        merge = _decision(records, "merge", key, node, members, _merge_reason(members, forced), forced) if len(members) > 1 else split
        for m in members:
            _assign(m, base, node, merge, records, targets)
        result.persons[node] = members
        result.reasons[node] = split_reason
    for m in unresolved:
        _assign(m, base, base, split, records, targets)
    if unresolved:
        result.persons[base] = unresolved
        result.reasons[base] = "fits more than one of the people of this name: left unresolved"
    result.candidates += _apart(key, groups, unresolved, split_reason, verdicts.get(key, {}))


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


def _resolve_documents(store: Store, result, records, targets) -> None:
    """An undated document → the one dated document of its code and scope issued before the article."""
    rows = store.query(sparql_prefixes() + """
        SELECT ?g ?a ?label ?d ?code ?scope ?term ?issued WHERE {
          GRAPH ?g {
            ?d a dvkg:Document ; dvkg:code ?code ; dvkg:scope ?scope .
            ?a a dvkg:Article ; rdfs:label ?label .
            OPTIONAL { ?d dvkg:term ?term }
            OPTIONAL { ?d eli:date_document ?issued }
          }
        } ORDER BY ?g ?d""").rows
    dates = _article_dates(store)
    groups: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        g, a, label, d, code, scope, term, issued = row
        groups[str(iris.document_iri(code, scope))].append(row)
    for key, mentions in sorted(groups.items()):
        dated: dict[str, list] = {}  # dated node → [term, issued, labels of the articles naming it]
        for g, a, label, d, code, scope, term, issued in mentions:
            if term:
                known = dated.setdefault(str(iris.document_iri(code, scope, term)), [term, issued, []])
                known[1] = known[1] or issued
                known[2].append(label)
        where: dict[str, str] = {}  # dated node → its articles, as the reasons list them
        for g, a, label, d, code, scope, term, issued in mentions:
            node = str(iris.document_iri(code, scope, term))
            if term or not dated:
                targets[g][d] = node
                continue
            before = dates.get(g)
            fits = [n for n, (_, on, _) in dated.items() if not before or not on or on <= before]
            if len(fits) != 1:
                targets[g][d] = node
                continue
            term_of, on, labels = dated[fits[0]]
            if fits[0] not in where:
                where[fits[0]] = _some(sorted(set(labels)))
            reason = (f"{code} ({scope}) is undated in {label}; the only {code} of that scope known"
                      + (f" before {before}" if before else "") + f" is of term {term_of}"
                      + (f", issued {on}" if on else "") + f" ({where[fits[0]]})")
            decision = _decision(records, "merge", key, fits[0], [_Doc(a)], reason, {})
            records.append((ox.NamedNode(node), _SAME_AS, ox.NamedNode(fits[0])))
            _assign(_Doc(a, g, d), node, fits[0], decision, records, targets)


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


def _article_dates(store: Store) -> dict[str, str]:
    """Each article graph's latest date: its events' and its publication date."""
    rows = store.query(sparql_prefixes() + """
        SELECT ?g (MAX(STR(?on)) AS ?date) WHERE {
          GRAPH ?g { { ?a a dvkg:Article ; schema:datePublished ?on } UNION { ?e schema:startDate ?on } }
        } GROUP BY ?g""").rows
    return {g: on for g, on in rows if on}


# ------------------------------------------------------------------- records


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


def _write(store: Store, renamed: dict[str, dict[str, str]], records: list[tuple]) -> bool:
    new = set(records)
    old = {(t.subject, t.predicate, t.object) for t in store.graph_triples(RESOLUTION_GRAPH)}
    complete = _COMPLETE in old
    old.discard(_COMPLETE)
    if new == old and not renamed and complete:
        return False
    if complete:
        store.update(f"DELETE DATA {{ {_COMPLETE_DATA} }}")
    # Only the triples naming a renamed node are rewritten, together with the records.
    store.rename_nodes(renamed, {str(RESOLUTION_GRAPH): records} if new != old else {},
                       stored={str(RESOLUTION_GRAPH): old})
    store.update(f"INSERT DATA {{ {_COMPLETE_DATA} }}")
    return True


def is_resolved(store: Store) -> bool:
    """Whether the last resolution wrote all its steps (and so identity needs no new run until the store changes)."""
    graph, mark, _ = _COMPLETE
    return bool(store.query(f"SELECT ?done WHERE {{ GRAPH {graph} {{ {graph} {mark} ?done }} }}").rows)


def _graph_of(article_iri: str) -> str:
    return article_iri.replace("/id/article/", "/id/graph/", 1)


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
    resolve(store)
    return candidate


def remove_override(store: Store, candidate_id: str) -> bool:
    """Take back a verdict; False when the pair had none. Resolution runs again."""
    pairs = [pair for key, found in overrides(store).items() for pair in found
             if _pair_id(key, *sorted(pair)) == candidate_id]
    if not pairs:
        return False
    node = to_ox(_override_iri(pairs[0]))
    before = store.graph_triples(OVERRIDES_GRAPH)
    kept = [t for t in before if t.subject != node]
    if len(kept) == len(before):
        return False
    store.replace_graphs({str(OVERRIDES_GRAPH): kept})
    resolve(store)
    return True


def _find(store: Store, candidate_id: str) -> Candidate:
    found = resolve(store, write=False).candidates
    for candidate in found:
        if candidate.id == candidate_id:
            return candidate
    raise DvkgError(f"no pair {candidate_id!r} to review; `dvkg people --duplicates` lists them with their ids")


_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
