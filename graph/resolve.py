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
resolution graph are written in one transaction.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, Literal, URIRef

from dvkg.errors import DvkgError
from dvkg.graph import iris
from dvkg.graph.iris import OVERRIDES_GRAPH, RESOLUTION_GRAPH, slug
from dvkg.graph.store import Store, _to_ox
from dvkg.ontology import DVKG, OWL, PROV, sparql_prefixes

__all__ = ["Mention", "Candidate", "Resolution", "resolve", "assignments", "add_override", "remove_override",
           "overrides"]

SAME, DIFFERENT = "same", "different"


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
    result.decisions = sum(1 for _, p, o in records if p == RDF.type and o != DVKG.Assignment)
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


# ------------------------------------------------------------------ persons


def _person_mentions(store: Store) -> dict[str, list[Mention]]:
    rows = store.query(sparql_prefixes() + """
        SELECT ?g ?a ?label ?p ?name ?aprov ?m ?title ?date ?oname ?oprov ?level WHERE {
          GRAPH ?g {
            ?p a dvkg:Person ; foaf:name ?name .
            ?a a dvkg:Article ; rdfs:label ?label .
            OPTIONAL { ?a dvkg:province/rdfs:label ?aprov }
            OPTIONAL {
              ?m org:member ?p ; dvkg:title ?title .
              OPTIONAL { ?m dvkg:attestedOn ?date }
              OPTIONAL { ?m org:organization ?o . ?o foaf:name ?oname .
                         OPTIONAL { ?o dvkg:province/rdfs:label ?oprov }
                         OPTIONAL { ?o dvkg:level ?level } }
            }
          }
          FILTER(!CONTAINS(STR(?g), "/id/graph/_"))
        } ORDER BY ?g ?name ?m""").rows
    by_key: dict[str, dict[str, Mention]] = defaultdict(dict)
    seen_posts: set[tuple] = set()
    for g, a, label, p, name, aprov, m, title, date, oname, oprov, level in rows:
        key = _name_key(name)
        mention = by_key[key].get(g)
        if mention is None:
            mention = by_key[key][g] = Mention(g, a, label, p, name, aprov)
        if m and (g, p, m) not in seen_posts:
            seen_posts.add((g, p, m))
            mention.posts.append(Post(title, oname, date))
        if oprov and level != "trung ương":
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
    """Groups of mentions of one name that are one person; the mentions that fit several; the overrides used."""
    index = {m.article: i for i, m in enumerate(mentions)}
    parent = list(range(len(mentions)))
    apart = {frozenset((index[a], index[b])) for pair, (verdict, _) in verdicts.items() if verdict == DIFFERENT
             for a, b in [tuple(pair)] if a in index and b in index}
    forced = {pair: v for pair, v in verdicts.items() if all(a in index for a in pair)}

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def members(root):
        return [i for i in range(len(mentions)) if find(i) == root]

    def allowed(i, j):
        return not any(frozenset((x, y)) in apart for x in members(find(i)) for y in members(find(j)))

    def union(i, j):
        if find(i) != find(j) and allowed(i, j):
            parent[find(j)] = find(i)

    for pair, (verdict, _) in forced.items():
        if verdict == SAME:
            a, b = tuple(pair)
            union(index[a], index[b])
    for i, m in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            if m.provinces & mentions[j].provinces:
                union(i, j)
    roots = list(dict.fromkeys(find(i) for i in range(len(mentions))))
    strong = [r for r in roots if any(mentions[i].provinces for i in members(r))]
    weak = [r for r in roots if r not in strong]
    unresolved = []
    for r in weak:
        fits = [s for s in strong if allowed(r, s)]
        local = [s for s in fits if any(mentions[r].province in mentions[i].provinces for i in members(s))]
        if len(fits) == 1 or len(local) == 1:
            union((fits if len(fits) == 1 else local)[0], r)
        elif not strong:
            pool = next((w for w in weak if w != r and find(w) != find(r) and allowed(w, r)), None)
            if pool is not None:
                union(pool, r)
        elif fits:
            unresolved.extend(members(r))
    groups = {}
    for i in range(len(mentions)):
        if i not in unresolved:
            groups.setdefault(find(i), []).append(mentions[i])
    return list(groups.values()), [mentions[i] for i in unresolved], forced


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
    names = ", ".join(m.label for m in members)
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
        parts.append(f"{', '.join(places) or 'no province'} ({', '.join(m.label for m in members)})")
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
    """Pairs merged only because nothing conflicts, though the articles are about different provinces."""
    found = []
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if a.provinces & b.provinces or not (a.province and b.province) or a.province == b.province:
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
        dated: dict[str, tuple[str, str | None, list[str]]] = {}
        for g, a, label, d, code, scope, term, issued in mentions:
            if term:
                node = str(iris.document_iri(code, scope, term))
                known = dated.setdefault(node, (term, issued, []))
                dated[node] = (term, known[1] or issued, known[2] + [label])
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
            term_of, on, where = dated[fits[0]]
            reason = (f"{code} ({scope}) is undated in {label}; the only {code} of that scope known"
                      + (f" before {before}" if before else "") + f" is of term {term_of}"
                      + (f", issued {on}" if on else "") + f" ({', '.join(sorted(set(where)))})")
            decision = _decision(records, "merge", key, fits[0], [_Doc(a)], reason, {})
            records.append((URIRef(node), OWL.sameAs, URIRef(fits[0])))
            _assign(_Doc(a, g, d), node, fits[0], decision, records, targets)


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
    record = iris.record_iri("assignment", mention.article, base)
    records.extend([
        (record, RDF.type, DVKG.Assignment),
        (record, DVKG.article, URIRef(mention.article)),
        (record, DVKG["from"], URIRef(base)),
        (record, DVKG.to, URIRef(target)),
        (record, DVKG.decision, decision),
    ])


def _decision(records, kind: str, key: str, about, members, reason: str, forced) -> URIRef:
    about = [about] if isinstance(about, str) else about
    record = iris.record_iri(kind, key, *about)
    records.extend([
        (record, RDF.type, DVKG.MergeDecision if kind == "merge" else DVKG.SplitDecision),
        (record, DVKG.nameKey, Literal(key)),
        (record, DVKG.reason, Literal(reason)),
    ])
    records.extend((record, DVKG.about, URIRef(node)) for node in about)
    records.extend((record, DVKG.article, URIRef(m.article)) for m in members)
    records.extend((record, DVKG.override, _override_iri(pair)) for pair in forced)
    return record


def _write(store: Store, renamed: dict[str, dict[str, str]], records: list[tuple]) -> bool:
    new = {str(ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o))) for s, p, o in records}
    old = {str(t) for t in store.graph_triples(RESOLUTION_GRAPH)}
    if new == old and not renamed:
        return False
    changes: dict[str, list | None] = {}
    for graph, mapping in renamed.items():
        swap = {ox.NamedNode(k): ox.NamedNode(v) for k, v in mapping.items()}
        changes[graph] = [ox.Triple(swap.get(t.subject, t.subject), t.predicate, swap.get(t.object, t.object))
                          for t in store.graph_triples(graph)]
    if new != old:
        changes[str(RESOLUTION_GRAPH)] = [ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in records]
    store.replace_graphs(changes)
    return True


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
    kept = [t for t in store.graph_triples(OVERRIDES_GRAPH) if t.subject != _to_ox(node)]
    triples = [(node, RDF.type, DVKG.Override), (node, DVKG.nameKey, Literal(_name_key(candidate.name))),
               (node, DVKG.verdict, Literal(verdict)), (node, PROV.generatedAtTime, Literal(at, datatype=_DATETIME))]
    triples += [(node, DVKG.article, URIRef(a)) for a in sorted(pair)]
    if reason:
        triples.append((node, DVKG.reason, Literal(reason)))
    store.replace_graphs({str(OVERRIDES_GRAPH): kept + [ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in triples]})
    resolve(store)
    return candidate


def remove_override(store: Store, candidate_id: str) -> bool:
    """Take back a verdict; False when the pair had none. Resolution runs again."""
    pairs = [pair for key, found in overrides(store).items() for pair in found
             if _pair_id(key, *sorted(pair)) == candidate_id]
    if not pairs:
        return False
    node = _to_ox(_override_iri(pairs[0]))
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
