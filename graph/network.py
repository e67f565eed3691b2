"""Project the RDF knowledge graph onto a networkx graph for drawing.

``build_network`` reads the graph with SPARQL only, so it depends on the
vocabulary (``ontology/README.md``) and not on how the triples were written.
Nodes are keyed by IRI string and carry ``kind``, ``label``, ``details`` and
``evidence``; edges carry ``relation`` and ``evidence``.  An evidence item is
``{"sentence", "article", "source"}``: the sentence, the article's headline
and the file or URL it was read from.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

import math
import unicodedata

import networkx as nx
from rdflib import ConjunctiveGraph, Graph, Literal, URIRef

from dvkg.errors import DvkgError

__all__ = [
    "KINDS", "RELATIONS", "build_network", "people_network",
    "ego_network", "document_network", "communities", "find_nodes", "fold", "layout", "network_view",
]

NAMESPACES = {
    "dvkg": "https://w3id.org/dvkg/ns#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "prov": "http://www.w3.org/ns/prov#",
}
PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in NAMESPACES.items())

#: Node kinds, in the order a node typed twice is resolved (a PartyBody is
#: also an Organization; "organisation" is the fallback for untyped bodies).
KINDS = ("person", "party", "state", "mass", "organisation", "province", "document", "event")

#: Edge relations, all written "source <relation> target".
RELATIONS = (
    "chaired", "spoke at", "attended", "organised", "reviews",
    "holds post in", "part of", "held in", "issued",
)

_CLASS_KIND = {
    "dvkg:Person": "person",
    "dvkg:PartyBody": "party",
    "dvkg:StateBody": "state",
    "dvkg:MassOrganization": "mass",
    "dvkg:Organization": "organisation",
    "dvkg:Province": "province",
    "dvkg:Document": "document",
    "dvkg:Event": "event",
    "dvkg:Conference": "event",
    "dvkg:Meeting": "event",
    "dvkg:Ceremony": "event",
    "dvkg:Seminar": "event",
    "dvkg:Congress": "event",
}

KIND_QUERY = PREFIXES + """
SELECT ?node ?class WHERE {
  VALUES ?class { %s }
  ?node a ?class .
}
""" % " ".join(_CLASS_KIND)

LABEL_QUERY = PREFIXES + """
SELECT ?node ?prop ?label WHERE {
  VALUES ?prop { foaf:name rdfs:label schema:name }
  ?node ?prop ?label .
}
"""

# One row per fact a reified statement records, with its sentence and article.
EVIDENCE_QUERY = PREFIXES + """
SELECT ?s ?p ?o ?sentence ?article ?headline ?source WHERE {
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      dvkg:evidence/nif:anchorOf ?sentence .
  OPTIONAL {
    ?st prov:wasDerivedFrom ?article .
    OPTIONAL { ?article schema:headline ?headline }
    OPTIONAL { ?article dvkg:sourceFile ?source }
  }
}
"""

# A post is held either directly (org:holds) or through a dated Membership;
# a post in no known body ("Bí thư") still belongs in the person's details.
HOLDS_QUERY = PREFIXES + """
SELECT ?person ?org ?title ?post ?membership ?date WHERE {
  {
    ?person org:holds ?post .
    OPTIONAL { ?post org:postIn ?org }
    OPTIONAL { ?post dvkg:title ?title }
  } UNION {
    ?membership org:member ?person ; org:organization ?org .
    OPTIONAL { ?membership dvkg:title ?title }
    OPTIONAL { ?membership dvkg:post ?post }
    OPTIONAL { ?membership dvkg:attestedOn ?date }
  }
}
"""

#: relation -> (predicate, whether the edge runs object -> subject, implied
#: kinds of the edge's source and target, so untyped ends still get a node).
DIRECT_RELATIONS = {
    "chaired": ("dvkg:chairedBy", True, "person", "event"),
    "spoke at": ("dvkg:speaker", True, "person", "event"),
    "attended": ("dvkg:attendee", True, "person", "event"),
    "organised": ("dvkg:organizer", True, "organisation", "event"),
    "reviews": ("dvkg:reviews", False, "event", "document"),
    "issued": ("eli:passed_by", True, "organisation", "document"),
    "part of": ("org:subOrganizationOf", False, "organisation", "organisation"),
}

DIRECT_QUERY = PREFIXES + "SELECT ?s ?o WHERE { ?s %s ?o }"

# dvkg:province links bodies, events and articles alike; the subject's kind
# names the edge, and articles (not drawn) get none.
_PROVINCE_RELATION = {"event": "held in"}

# details key -> predicate, per kind; IRI values are shown by their label.
DETAILS = {
    "event": {"type": "dvkg:eventType", "date": "schema:startDate",
              "organisers": "dvkg:organizer", "province": "dvkg:province"},
    "document": {"code": "dvkg:code", "type": "dvkg:documentType",
                 "issued by": "eli:passed_by", "date": "eli:date_document"},
    "body": {"part of": "org:subOrganizationOf", "province": "dvkg:province"},
}
_BODY_KINDS = ("party", "state", "mass", "organisation")

DETAILS_QUERY = PREFIXES + """
SELECT ?node ?key ?value WHERE {
  VALUES (?key ?prop) { %s }
  ?node ?prop ?value .
}
"""

_PARTICIPATION = ("chaired", "spoke at", "attended")


def build_network(graph: Graph) -> nx.MultiDiGraph:
    """Project people, bodies, events, documents and provinces onto a MultiDiGraph.

    ``graph`` may be a plain Graph or a Dataset with one named graph per
    article; a Dataset is read as the union of all its graphs.
    """
    graph = _union(graph)
    facts = _evidence_index(graph)
    about = _evidence_by_node(facts)
    net = nx.MultiDiGraph()
    for node, kind in _kinds(graph).items():
        net.add_node(node, kind=kind, label="", details={}, evidence=[])
    _add_direct_edges(net, graph, facts)
    _add_province_edges(net, graph, facts)
    _add_holds_edges(net, graph, facts, about)
    _add_labels(net, graph)
    _add_details(net, graph)
    for node, data in net.nodes(data=True):
        data["evidence"] = list(about.get(node, []))
    _sort_evidence(net)
    _add_scopes(net)
    return net


def people_network(graph: Graph | nx.MultiDiGraph) -> nx.Graph:
    """People linked when they chaired, spoke at or attended the same event.

    Edge ``weight`` is the number of shared events, ``events`` their ids,
    ``event_labels`` and ``dates`` theirs, and ``evidence`` the sentences saying who took part in them.
    """
    net = graph if isinstance(graph, nx.MultiDiGraph) else build_network(graph)
    people = nx.Graph(view="people")  # the page colours it by community
    for event, data in net.nodes(data=True):
        if data["kind"] != "event":
            continue
        members = sorted({u for u, _, r in net.in_edges(event, data="relation")
                          if r in _PARTICIPATION and net.nodes[u]["kind"] == "person"})
        for person in members:
            people.add_node(person, **net.nodes[person])
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                _link(people, a, b, event)
    for a, b, data in people.edges(data=True):
        data["event_labels"] = [net.nodes[event]["label"] for event in data["events"]]
        data["dates"] = sorted({d for event in data["events"] for d in _own_dates(net, event)})
        data["evidence"] = _merge([], (item for event in data["events"] for person in (a, b)
                                       for edge in net.get_edge_data(person, event, default={}).values()
                                       for item in edge["evidence"]))
    return people


# --- views -----------------------------------------------------------------

def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: "Lò Minh Hùng" -> "lo minh hung" (as the page's search)."""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def find_nodes(net: nx.Graph, name: str) -> list[str]:
    """Nodes labelled ``name`` (diacritics and case ignored), else those whose label contains it."""
    wanted = fold(name)
    labels = {node: fold(data["label"]) for node, data in net.nodes(data=True)}
    exact = [node for node, label in labels.items() if label == wanted]
    return exact or [node for node, label in labels.items() if wanted and wanted in label]


def ego_network(net: nx.Graph, name: str, depth: int = 1) -> nx.Graph:
    """Everything within ``depth`` links of the node(s) named ``name``, edges in either direction."""
    centres = find_nodes(net, name)
    if not centres:
        raise DvkgError(f'no node is named "{name}": search the page, or list names with `dvkg query people`')
    undirected = net.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
    return net.subgraph(keep).copy()


def document_network(net: nx.MultiDiGraph, code: str) -> nx.MultiDiGraph:
    """A document, its issuer, the events reviewing it and everyone and everything at those events."""
    wanted = fold(code)
    docs = [node for node, data in net.nodes(data=True) if data["kind"] == "document"
            and wanted in (fold(data["details"].get("code", "")), fold(data["label"]))]
    if not docs:
        known = sorted(str(d["details"].get("code", d["label"])) for _, d in net.nodes(data=True)
                       if d["kind"] == "document")
        raise DvkgError(f'no document "{code}" in the store; known codes: {", ".join(known[:20]) or "none"}')
    undirected = net.to_undirected(as_view=True)
    keep = set(docs)
    for doc in docs:
        for near in undirected[doc]:
            keep.add(near)
            if net.nodes[near]["kind"] == "event":
                keep |= set(undirected[near])
    return net.subgraph(keep).copy()


def network_view(net: nx.MultiDiGraph, *, focus: str | None = None, depth: int = 1,
                 document: str | None = None, people_only: bool = False) -> nx.Graph:
    """The part of ``net`` to draw: around a document, then people only, then around a name."""
    if document:
        net = document_network(net, document)
    if people_only:
        net = people_network(net)
    if focus:
        net = ego_network(net, focus, depth)
    return net


def communities(people: nx.Graph, *, seed: int = 0) -> dict[str, int]:
    """node -> community number (0 = the largest), Louvain on the edge weights."""
    groups = nx.community.louvain_communities(people, weight="weight", seed=seed) if len(people) else []
    groups = sorted(groups, key=lambda g: (-len(g), min(g)))
    return {node: i for i, group in enumerate(groups) for node in group}


#: Parts laid out directly (dense Fruchterman-Reingold); bigger ones are split again.
_LAYOUT_PART = 400


def layout(net: nx.Graph, *, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Positions for drawing, fast enough for 10,000 nodes.

    Small graphs get a spring layout.  Larger ones are split into Louvain
    communities: the graph of communities is laid out first, then each
    community inside a disc sized by its node count.
    """
    graph = nx.Graph(net.to_undirected(as_view=True)) if net.is_directed() else nx.Graph(net)
    lonely = sorted(node for node in graph if graph.degree(node) == 0)
    graph.remove_nodes_from(lonely)
    positions = {node: (float(x), float(y)) for node, (x, y) in _layout(graph, seed).items()}
    return positions | _row_below(lonely, positions)


def _row_below(nodes: list[str], positions: dict) -> dict:
    """Unlinked nodes in rows under the drawing, instead of flung to its edges by the springs."""
    if not nodes:
        return {}
    xs = [x for x, _ in positions.values()] or [0.0]
    bottom = min((y for _, y in positions.values()), default=0.0)
    width = max(max(xs) - min(xs), 1.0)
    per_row = max(1, math.ceil(math.sqrt(len(nodes) * 4)))
    step = width / per_row
    return {node: (min(xs) + (i % per_row) * step, bottom - 0.1 - (i // per_row) * step)
            for i, node in enumerate(nodes)}


def _layout(graph: nx.Graph, seed: int) -> dict:
    if len(graph) <= _LAYOUT_PART:
        if len(graph) <= 1:
            return {node: (0.0, 0.0) for node in graph}
        return nx.spring_layout(graph, seed=seed, iterations=60)
    parts = [p for p in nx.community.louvain_communities(graph, seed=seed)]
    if len(parts) == 1:  # cannot split: a cheap layout beats none
        return nx.spectral_layout(graph)
    part_of = {node: i for i, part in enumerate(parts) for node in part}
    coarse = nx.Graph()
    coarse.add_nodes_from(range(len(parts)))
    for a, b in graph.edges():
        i, j = part_of[a], part_of[b]
        if i != j:
            w = coarse.get_edge_data(i, j, {"weight": 0})["weight"]
            coarse.add_edge(i, j, weight=w + 1)
    centres = _layout(coarse, seed)
    spread = math.sqrt(len(graph))
    positions = {}
    for i, part in enumerate(parts):
        radius = math.sqrt(len(part)) / spread / 2
        cx, cy = centres[i]
        for node, (x, y) in _layout(graph.subgraph(part), seed).items():
            positions[node] = (cx + x * radius, cy + y * radius)
    return positions


# --- where and when a node belongs (for the page's filters) -----------------

def _add_scopes(net: nx.MultiDiGraph) -> None:
    """Each node's ``provinces`` (labels) and ``dates`` (ISO), from itself and its events and bodies.

    An event is in the province it was held in, a body in the province it is
    part of (through its parents); a person, document or body is also in the
    provinces and on the dates of the events and bodies it is linked to.
    """
    own = {node: _own_provinces(net, node) for node in net}
    for node, data in net.nodes(data=True):
        provinces, dates = set(own[node]), set(_own_dates(net, node))
        for near in set(net.successors(node)) | set(net.predecessors(node)):
            if net.nodes[near]["kind"] in ("event", *_BODY_KINDS):
                provinces |= own[near]
            if net.nodes[near]["kind"] == "event":
                dates |= set(_own_dates(net, near))
        for _, _, edge in net.out_edges(node, data=True):
            dates |= set(edge.get("dates", ()))
        data["provinces"] = sorted(provinces)
        data["dates"] = sorted(dates)


def _own_provinces(net: nx.MultiDiGraph, node: str) -> set[str]:
    if net.nodes[node]["kind"] == "province":
        return {net.nodes[node]["label"]}
    if net.nodes[node]["kind"] not in ("event", *_BODY_KINDS):
        return set()
    seen, todo, found = {node}, [node], set()
    while todo:  # up the "part of" chain to a province
        for _, parent, relation in net.out_edges(todo.pop(), data="relation"):
            if relation in ("part of", "held in") and parent not in seen:
                seen.add(parent)
                if net.nodes[parent]["kind"] == "province":
                    found.add(net.nodes[parent]["label"])
                else:
                    todo.append(parent)
    return found


def _own_dates(net: nx.MultiDiGraph, node: str) -> list[str]:
    date = net.nodes[node]["details"].get("date", [])
    return [date] if isinstance(date, str) else list(date)


# --- reading the RDF -------------------------------------------------------

def _union(graph: Graph) -> Graph:
    """A plain Graph holding every triple of every named graph.

    Copying avoids switching ``default_union`` on the caller's Dataset (or
    adding a default graph to its store) just to read it.
    """
    if not isinstance(graph, ConjunctiveGraph):  # Dataset subclasses it
        return graph
    union = Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _kinds(graph: Graph) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for row in graph.query(KIND_QUERY):
        node = str(row["node"])
        kinds[node] = _more_specific(kinds.get(node), _kind_of(row["class"]))
    return kinds


def _kind_of(cls: URIRef) -> str:
    return _CLASS_KIND["dvkg:" + str(cls).rsplit("#", 1)[-1]]


def _more_specific(old: str | None, new: str) -> str:
    if old is None:
        return new
    return min(old, new, key=KINDS.index)


def _evidence_index(graph: Graph) -> dict[tuple[str, str, str], list[dict]]:
    """(subject, predicate, object) -> evidence items, each sentence once."""
    index: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for row in graph.query(EVIDENCE_QUERY):
        item = {
            "sentence": str(row["sentence"]),
            "article": str(row["headline"] or row["source"] or row["article"] or ""),
            "source": str(row["source"] or row["article"] or ""),
        }
        key = (str(row["s"]), str(row["p"]), str(row["o"]))
        if item not in index[key]:
            index[key].append(item)
    return index


def _evidence_by_node(facts: dict) -> dict[str, list[dict]]:
    """node -> every sentence behind a statement naming it as subject or object."""
    # dicts keyed by the item's values: a province can have thousands of sentences
    about: dict[str, dict[tuple, dict]] = defaultdict(dict)
    for (s, _, o), items in facts.items():
        for item in items:
            about[s].setdefault(tuple(item.values()), item)
            about[o].setdefault(tuple(item.values()), item)
    return {node: list(items.values()) for node, items in about.items()}


def _expand(qname: str) -> str:
    prefix, local = qname.split(":", 1)
    return NAMESPACES[prefix] + local


# --- edges -----------------------------------------------------------------

def _add_direct_edges(net: nx.MultiDiGraph, graph: Graph, facts: dict) -> None:
    for relation, (predicate, reverse, source_kind, target_kind) in DIRECT_RELATIONS.items():
        for s, o in _pairs(graph, predicate):
            source, target = (o, s) if reverse else (s, o)
            if _ensure(net, source, source_kind) and _ensure(net, target, target_kind):
                _add_edge(net, source, target, relation, facts.get((s, _expand(predicate), o), []))


def _add_province_edges(net: nx.MultiDiGraph, graph: Graph, facts: dict) -> None:
    """dvkg:province: a body is "part of" its province, an event "held in" it."""
    predicate = _expand("dvkg:province")
    for s, o in _pairs(graph, "dvkg:province"):
        if s not in net or not _ensure(net, o, "province"):
            continue  # articles have provinces too, but are not drawn
        relation = _PROVINCE_RELATION.get(net.nodes[s]["kind"], "part of")
        _add_edge(net, s, o, relation, facts.get((s, predicate, o), []))


def _add_holds_edges(net: nx.MultiDiGraph, graph: Graph, facts: dict, about: dict) -> None:
    """Person -> body, one edge per title; the person's posts go in details."""
    holds, post_in = _expand("org:holds"), _expand("org:postIn")
    for row in graph.query(HOLDS_QUERY):
        person, body = str(row["person"]), str(row["org"] or "")
        if not _ensure(net, person, "person"):
            continue
        title, post = str(row["title"] or ""), str(row["post"] or "")
        if body and _ensure(net, body, "organisation"):
            evidence = facts.get((person, holds, post), []) + facts.get((post, post_in, body), [])
            if row["membership"] is not None:
                evidence += about.get(str(row["membership"]), [])
            _add_edge(net, person, body, "holds post in", evidence, title=title)
            if row["date"] is not None:  # when an article attests the post
                _add_date(net.edges[person, body, f"holds post in|{title}"], str(row["date"]))
        posts = net.nodes[person]["details"].setdefault("posts", [])
        if (title, body) not in posts:
            posts.append((title, body))  # labelled once all labels are known


def _add_date(edge: dict, date: str) -> None:
    dates = edge.setdefault("dates", [])
    if date not in dates:
        dates.append(date)
        dates.sort()


def _pairs(graph: Graph, predicate: str) -> Iterator[tuple[str, str]]:
    for row in graph.query(DIRECT_QUERY % predicate):
        if isinstance(row["o"], URIRef):
            yield str(row["s"]), str(row["o"])


def _ensure(net: nx.MultiDiGraph, node: str, kind: str | None) -> bool:
    """Make sure ``node`` is drawn, typing it by the relation if it is untyped."""
    if node in net:
        return True
    if kind is None:
        return False
    net.add_node(node, kind=kind, label="", details={}, evidence=[])
    return True


def _add_edge(net: nx.MultiDiGraph, source: str, target: str, relation: str,
              evidence: list[dict], title: str = "") -> None:
    key = f"{relation}|{title}"  # the same fact from two articles is one edge
    if net.has_edge(source, target, key):
        _merge(net.edges[source, target, key]["evidence"], evidence)
        return
    net.add_edge(source, target, key=key, relation=relation, title=title,
                 evidence=_merge([], evidence))


def _merge(into: list[dict], items: Iterable[dict]) -> list[dict]:
    for item in items:
        if item not in into:
            into.append(item)
    return into


# --- labels, details, evidence on nodes ------------------------------------

_LABEL_PRIORITY = [_expand(q) for q in ("foaf:name", "rdfs:label", "schema:name")]


def _add_labels(net: nx.MultiDiGraph, graph: Graph) -> None:
    best: dict[str, tuple[tuple[int, int], str]] = {}
    for row in graph.query(LABEL_QUERY):
        node = str(row["node"])
        rank = (_LABEL_PRIORITY.index(str(row["prop"])), _lang_rank(row["label"]))
        if node in net and (node not in best or rank < best[node][0]):
            best[node] = (rank, str(row["label"]))
    for node, data in net.nodes(data=True):
        data["label"] = best[node][1] if node in best else ""


def _lang_rank(label: Literal) -> int:
    lang = getattr(label, "language", None)
    return 0 if lang == "vi" else 1 if not lang else 2


def _add_details(net: nx.MultiDiGraph, graph: Graph) -> None:
    for group, fields in DETAILS.items():
        values = " ".join(f'("{key}" {prop})' for key, prop in fields.items())
        for row in graph.query(DETAILS_QUERY % values):
            node = str(row["node"])
            if node in net and _details_group(net.nodes[node]["kind"]) == group:
                shown = _show(net, row["value"])
                bucket = net.nodes[node]["details"].setdefault(str(row["key"]), [])
                if shown not in bucket:
                    bucket.append(shown)
    for node, data in net.nodes(data=True):
        data["details"] = _tidy(net, data["details"])
        data["label"] = data["label"] or _fallback_label(node, data)


def _details_group(kind: str) -> str:
    return "body" if kind in _BODY_KINDS else kind


def _show(net: nx.MultiDiGraph, value) -> str:
    """A linked node is shown by its label, a literal as written."""
    if isinstance(value, URIRef) and str(value) in net:
        return net.nodes[str(value)]["label"] or _tail(str(value))
    return str(value)


def _tidy(net: nx.MultiDiGraph, details: dict) -> dict:
    """Single values as strings, several sorted; a person's posts as "title, body"."""
    tidy = {}
    for key, values in details.items():
        if key == "posts":
            values = [", ".join(filter(None, (t, b and _show(net, URIRef(b))))) for t, b in values]
        values = sorted(values)  # query order is arbitrary
        tidy[key] = values[0] if len(values) == 1 and key != "posts" else values
    return tidy


def _fallback_label(node: str, data: dict) -> str:
    """Events and documents are often unnamed: "hội nghị, 2024-03-01", "Nghị quyết 25-NQ/TW"."""
    details = data["details"]
    if data["kind"] == "event":
        parts = [details.get("type"), details.get("date")]
    elif data["kind"] == "document":
        parts = [details.get("type"), details.get("code")]
    else:
        parts = []
    text = " ".join(p for p in parts if isinstance(p, str))
    return text or _tail(node)


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _sort_evidence(net: nx.MultiDiGraph) -> None:
    """Query results come in no set order; sorting keeps pages and diffs stable."""
    key = lambda e: (e["article"], e["sentence"])  # noqa: E731
    for _, data in net.nodes(data=True):
        data["evidence"].sort(key=key)
    for _, _, data in net.edges(data=True):
        data["evidence"].sort(key=key)


def _link(people: nx.Graph, a: str, b: str, event: str) -> None:
    if people.has_edge(a, b):
        people.edges[a, b]["weight"] += 1
        people.edges[a, b]["events"].append(event)
    else:
        people.add_edge(a, b, weight=1, events=[event])
