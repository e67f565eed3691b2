"""Write the whole store to one file: Turtle (all graphs merged), TriG, N-Quads, JSON-LD,
or the network of entities as GraphML or CSV (for Gephi and spreadsheets).

The file is written beside its target and renamed into place, so a reader
never sees half an export and a failed export leaves the old file intact.

GraphML and CSV hold the entities (persons, bodies, posts, provinces, events,
documents) as nodes and the facts between them as edges, each edge with the
articles that state it and one evidence sentence; the reification, evidence
and provenance nodes are left out. CSV is two files: ``NAME-nodes.csv``
(``Id,Label,Kind,Articles``) and ``NAME-edges.csv``
(``Source,Target,Relation,Articles,Evidence``), the columns Gephi's
spreadsheet import reads.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import networkx as nx

from rdflib import Dataset, Graph

from dvkg.errors import DvkgError
from dvkg.graph.store import Store
from dvkg.ontology import bind_prefixes, sparql_prefixes

__all__ = ["FORMATS", "NETWORK_FORMATS", "export", "entity_network"]

#: Export format → rdflib serializer name.
FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "json-ld": "json-ld"}
#: Formats of the entity network (networkx): nodes and edges, no RDF.
NETWORK_FORMATS = ("graphml", "csv")
_ALIASES = {"ttl": "turtle", "nq": "nquads", "jsonld": "json-ld"}


def export(store: Store, path: str | Path, format: str = "turtle") -> int:
    """Write ``store`` to ``path``; returns the number of triples (turtle) or quads written."""
    name = _ALIASES.get(format.lower(), format.lower())
    if name in NETWORK_FORMATS:
        return _export_network(store, Path(path), name)
    if name not in FORMATS:
        known = ", ".join([*FORMATS, *NETWORK_FORMATS])
        raise DvkgError(f"unknown export format {format!r}; use one of: {known}")
    dataset = store.dataset()
    if name == "turtle":
        data: Graph | Dataset = _merged(dataset)
        count = len(data)
    else:
        data, count = dataset, sum(1 for _ in dataset.quads((None, None, None, None)))
    _write_atomically(Path(path), data.serialize(format=FORMATS[name], encoding="utf-8"))
    return count


_KINDS = ("Person", "PartyBody", "StateBody", "MassOrganization", "Organization", "Province", "Post", "Document",
          "Conference", "Meeting", "Ceremony", "Seminar", "Congress", "Event")
_RELATIONS = {
    "dvkg:chairedBy": "chaired by", "dvkg:speaker": "speaker", "dvkg:attendee": "attendee",
    "dvkg:organizer": "organiser", "dvkg:reviews": "reviews", "org:holds": "holds", "org:postIn": "post in",
    "org:subOrganizationOf": "part of", "dvkg:province": "province", "eli:passed_by": "passed by",
}


def entity_network(store: Store) -> nx.MultiDiGraph:
    """Entities as nodes (``label``, ``kind``, ``articles``), facts as edges keyed by relation."""
    network = nx.MultiDiGraph()
    kinds = store.query(sparql_prefixes() + """
        SELECT ?n (SAMPLE(STR(?l)) AS ?label) (GROUP_CONCAT(DISTINCT STR(?c); separator=" ") AS ?classes)
               (COUNT(DISTINCT ?g) AS ?articles)
        WHERE { GRAPH ?g { ?n a ?c ; rdfs:label ?l } FILTER(STRSTARTS(STR(?c), STR(dvkg:))) } GROUP BY ?n""").rows
    for node, label, classes, articles in kinds:
        names = {c.rsplit("#", 1)[-1] for c in classes.split()}
        kind = next((k for k in _KINDS if k in names), None)
        if kind:
            network.add_node(node, label=label, kind=kind, articles=int(articles))
    values = " ".join(p for p in _RELATIONS)
    edges = store.query(sparql_prefixes() + f"""
        SELECT ?s ?p ?o (GROUP_CONCAT(DISTINCT ?name; separator="; ") AS ?articles) (SAMPLE(?sentence) AS ?evidence)
        WHERE {{
          VALUES ?p {{ {values} }}
          GRAPH ?g {{
            ?s ?p ?o . ?a a dvkg:Article ; rdfs:label ?name .
            OPTIONAL {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; dvkg:evidence/nif:anchorOf ?sentence }}
          }}
        }} GROUP BY ?s ?p ?o""").rows
    short = {str(v): k for k, v in _expanded().items()}
    for s, p, o, articles, evidence in edges:
        if s in network and o in network:
            relation = _RELATIONS[short[p]]
            network.add_edge(s, o, key=relation, relation=relation, articles=articles, evidence=evidence or "")
    return network


def _expanded() -> dict:
    from dvkg.ontology import PREFIXES

    return {k: PREFIXES[k.split(":")[0]] + k.split(":")[1] for k in _RELATIONS}


def _export_network(store: Store, path: Path, name: str) -> int:
    """Write GraphML, or the two CSV files; the number of edges written."""
    network = entity_network(store)
    if name == "graphml":
        out = io.BytesIO()
        nx.write_graphml(network, out, encoding="utf-8")
        _write_atomically(path, out.getvalue())
        return network.number_of_edges()
    nodes = [("Id", "Label", "Kind", "Articles")] + [
        (n, d["label"], d["kind"], d["articles"]) for n, d in sorted(network.nodes(data=True))
    ]
    edges = [("Source", "Target", "Relation", "Articles", "Evidence")] + sorted(
        (s, o, d["relation"], d["articles"], d["evidence"]) for s, o, d in network.edges(data=True)
    )
    stem = path.with_suffix("") if path.suffix == ".csv" else path
    for suffix, rows in (("-nodes.csv", nodes), ("-edges.csv", edges)):
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)
        _write_atomically(stem.with_name(stem.name + suffix), text.getvalue().encode("utf-8"))
    return network.number_of_edges()


def _merged(dataset: Dataset) -> Graph:
    """All named graphs in one graph: Turtle has no place for graph names."""
    merged = bind_prefixes(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; an export is meant to be shared
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
