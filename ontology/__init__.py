"""The dvkg vocabulary: namespaces, the ontology (``dvkg.ttl``) and the SHACL shapes (``shapes.ttl``).

Both Turtle files ship inside the package and are read with
``importlib.resources``, so nothing is ever fetched from the network.
"""
from __future__ import annotations

from importlib.resources import files

from rdflib import OWL, RDF, RDFS, XSD, Graph, Namespace

__all__ = [
    "DVKG",
    "ID",
    "ORG",
    "FOAF",
    "SCHEMA",
    "PROV",
    "ELI",
    "NIF",
    "SH",
    "RDF",
    "RDFS",
    "XSD",
    "OWL",
    "PREFIXES",
    "ONTOLOGY_PATH",
    "SHAPES_PATH",
    "bind_prefixes",
    "sparql_prefixes",
    "load_ontology",
    "load_shapes",
]

DVKG = Namespace("https://w3id.org/dvkg/ns#")
#: Minted resources (articles, persons, bodies...) live under this namespace.
ID = Namespace("https://w3id.org/dvkg/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Prefix → namespace, the same in Turtle output, SPARQL queries and the shapes.
PREFIXES: dict[str, str] = {
    "dvkg": str(DVKG),
    "id": str(ID),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "eli": str(ELI),
    "nif": str(NIF),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}

ONTOLOGY_PATH = files(__package__).joinpath("dvkg.ttl")
SHAPES_PATH = files(__package__).joinpath("shapes.ttl")


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the dvkg prefixes on ``graph`` (for readable Turtle) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prefixes() -> str:
    """``PREFIX`` lines for every dvkg prefix, to put in front of a query."""
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


def load_ontology() -> Graph:
    """A fresh graph holding the dvkg vocabulary."""
    return Graph().parse(data=ONTOLOGY_PATH.read_text(encoding="utf-8"), format="turtle")


def load_shapes() -> Graph:
    """A fresh graph holding the dvkg SHACL shapes."""
    return Graph().parse(data=SHAPES_PATH.read_text(encoding="utf-8"), format="turtle")
