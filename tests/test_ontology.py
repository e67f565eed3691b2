"""The vocabulary and its shapes: complete against ontology/README.md, and used consistently."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

import dvkg.ontology as ontology
from dvkg.graph.triples import article_graph
from dvkg.ontology import DVKG, SH, load_ontology, load_shapes
from dvkg.queries import list_queries

README = Path(ontology.__file__).with_name("README.md").read_text(encoding="utf-8")
ONTOLOGY = load_ontology()
SHAPES = load_shapes()


def _readme_terms() -> set[URIRef]:
    return {DVKG[name] for name in re.findall(r"`dvkg:(\w+)`", README)}


def _dvkg_terms_in(text: str) -> set[URIRef]:
    return {DVKG[name] for name in re.findall(r"\bdvkg:(\w+)", text)}


def test_the_files_ship_with_the_package():
    assert ontology.ONTOLOGY_PATH.is_file() and ontology.SHAPES_PATH.is_file()
    assert len(ONTOLOGY) > 100 and len(SHAPES) > 50


@pytest.mark.parametrize("term", sorted(_readme_terms()), ids=lambda t: t.split("#")[-1])
def test_every_readme_term_is_defined_with_labels_and_a_comment(term):
    kinds = set(ONTOLOGY.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, f"{term} is not defined"
    languages = {label.language for label in ONTOLOGY.objects(term, RDFS.label)}
    assert {"vi", "en"} <= languages
    assert ONTOLOGY.value(term, RDFS.comment) is not None


@pytest.mark.parametrize(
    ("term", "super_term"),
    [
        (DVKG.Article, "https://schema.org/NewsArticle"),
        (DVKG.Article, "http://www.w3.org/ns/prov#Entity"),
        (DVKG.Person, "http://xmlns.com/foaf/0.1/Person"),
        (DVKG.Organization, "http://www.w3.org/ns/org#Organization"),
        (DVKG.PartyBody, str(DVKG.Organization)),
        (DVKG.Conference, str(DVKG.Event)),
        (DVKG.Document, "http://data.europa.eu/eli/ontology#LegalResource"),
        (DVKG.Evidence, "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#String"),
        (DVKG.Post, "http://www.w3.org/ns/org#Post"),
        (DVKG.Membership, "http://www.w3.org/ns/org#Membership"),
        (DVKG.Province, "https://schema.org/AdministrativeArea"),
    ],
)
def test_classes_link_to_the_vocabularies_they_refine(term, super_term):
    assert (term, RDFS.subClassOf, URIRef(super_term)) in ONTOLOGY


def test_properties_refine_their_standard_counterparts():
    assert (DVKG.organizer, RDFS.subPropertyOf, URIRef("https://schema.org/organizer")) in ONTOLOGY
    assert (DVKG.code, RDFS.subPropertyOf, URIRef("http://data.europa.eu/eli/ontology#id_local")) in ONTOLOGY


def test_every_class_the_pipeline_writes_has_a_shape():
    targets = set(SHAPES.objects(None, SH.targetClass))
    written = {DVKG.Article, DVKG.Person, DVKG.Organization, DVKG.Province, DVKG.Post, DVKG.Membership,
               DVKG.Event, DVKG.Document, DVKG.Evidence, RDF.Statement}
    assert written <= targets


def test_the_shapes_are_valid_shacl():
    conforms, _, text = pyshacl.validate(SHAPES, shacl_graph=SHAPES, meta_shacl=True, inference="none")
    assert conforms, text


def test_shapes_and_queries_use_only_defined_dvkg_terms():
    defined = set(ONTOLOGY.subjects(RDF.type, None))
    used = _dvkg_terms_in(ontology.SHAPES_PATH.read_text(encoding="utf-8"))
    for query in list_queries():
        used |= _dvkg_terms_in(query.text)
    assert used - defined == set()


def test_the_graph_writer_uses_only_defined_dvkg_terms():
    path = Path(__file__).with_name("test_graph_triples.py")
    spec = importlib.util.spec_from_file_location("dvkg_tests_son_la_o", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    graph: Graph = article_graph(module.son_la_facts())
    used = {t for triple in graph for t in triple if isinstance(t, URIRef) and t.startswith(str(DVKG))}
    assert used - set(ONTOLOGY.subjects(RDF.type, None)) == set()


def test_the_turtle_prefixes_match_the_python_namespaces():
    for text in (ontology.ONTOLOGY_PATH.read_text(encoding="utf-8"), ontology.SHAPES_PATH.read_text(encoding="utf-8")):
        for prefix, namespace in re.findall(r"@prefix (\w+):\s+<([^>]+)>", text):
            if prefix in ontology.PREFIXES:
                assert ontology.PREFIXES[prefix] == namespace, prefix


def test_loading_gives_a_fresh_graph_each_time():
    first = load_ontology()
    first.remove((None, None, None))
    assert len(load_ontology()) == len(ONTOLOGY)
