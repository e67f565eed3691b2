"""write_html: one self-contained, offline, XSS-safe page."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace

from dvkg.graph import html as page
from dvkg.graph.html import write_html
from dvkg.graph.network import build_network

DVKG = Namespace("https://w3id.org/dvkg/ns#")
ID = Namespace("https://w3id.org/dvkg/id/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PROV = Namespace("http://www.w3.org/ns/prov#")

SCRIPT_NAME = "<script>alert(1)</script>"
IMG_SENTENCE = 'Ông "><img src=x onerror=alert(1)> chủ trì, xem <a href="https://evil.example">đây</a>.'
HEADLINE = "</script><script>alert(2)</script>"


def hostile_graph() -> Graph:
    """An event chaired by two people, one named like a script, reviewing a document."""
    g = Graph()
    event, doc, article = ID["event/a-1"], ID["document/25-nq-tw"], ID["article/a"]
    people = {ID["person/lo-minh-hung"]: "Lò Minh Hùng", ID["person/x"]: SCRIPT_NAME}
    g.add((event, RDF.type, DVKG.Conference))
    g.add((event, DVKG.eventType, Literal("hội nghị", lang="vi")))
    g.add((doc, RDF.type, DVKG.Document))
    g.add((doc, DVKG.code, Literal("25-NQ/TW")))
    g.add((event, DVKG.reviews, doc))
    g.add((article, SCHEMA.headline, Literal(HEADLINE)))
    for i, (person, name) in enumerate(people.items()):
        g.add((person, RDF.type, DVKG.Person))
        g.add((person, FOAF.name, Literal(name, lang="vi")))
        g.add((event, DVKG.chairedBy, person))
        st, ev = ID[f"statement/{i}"], ID[f"evidence/{i}"]
        for p, o in ((RDF.subject, event), (RDF.predicate, DVKG.chairedBy), (RDF.object, person),
                     (DVKG.evidence, ev), (PROV.wasDerivedFrom, article)):
            g.add((st, p, o))
        g.add((ev, NIF.anchorOf, Literal(IMG_SENTENCE)))
    return g


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> str:
    path = write_html(build_network(hostile_graph()), tmp_path_factory.mktemp("page") / "n.html",
                      title='<b>"dvkg"</b>')
    return path.read_text(encoding="utf-8")


def embedded_data(text: str) -> dict:
    match = re.search(r'<script type="application/json" id="dvkg-data">(.*?)</script>', text, re.S)
    return json.loads(match.group(1))


def test_write_html_returns_the_path(tmp_path):
    path = write_html(build_network(hostile_graph()), tmp_path / "sub" / "page.html")
    assert path == tmp_path / "sub" / "page.html" and path.is_file()


def test_an_rdf_graph_is_projected_first(tmp_path):
    text = write_html(hostile_graph(), tmp_path / "p.html").read_text(encoding="utf-8")
    assert "Lò Minh Hùng" in text


def test_nothing_is_loaded_from_a_host(written):
    assert not re.search(r"<script[^>]*\bsrc\s*=", written, re.I)
    assert not re.search(r"<link\b", written, re.I)
    for attr in re.finditer(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", written, re.I):
        pytest.fail(f"remote reference in page: {attr.group()}")
    assert "default-src 'none'" in written  # and the CSP forbids requests anyway


def test_vis_network_is_inlined(written):
    vis = (page.VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    assert vis[-2000:] in written
    assert "vis-network" in written and "new vis.Network" in written


def test_xss_payloads_appear_only_escaped(written):
    assert "<script>alert" not in written
    assert "<img src=x" not in written
    assert '<a href="https://evil' not in written
    assert "</script><script>alert(2)" not in written
    # exactly our script elements, none made by the data
    assert written.count("</script>") == 4
    assert "&lt;b&gt;&quot;dvkg&quot;&lt;/b&gt;" in written  # the title is HTML-escaped


def test_payloads_survive_as_text_in_the_data(written):
    data = embedded_data(written)
    labels = {n["label"] for n in data["nodes"]}
    assert SCRIPT_NAME in labels and "Lò Minh Hùng" in labels
    (edge,) = [e for e in data["edges"] if e["to"].endswith("/person/x") or e["from"].endswith("/person/x")]
    assert edge["relation"] == "chaired"
    (ref,) = edge["ev"]  # sentences and articles are listed once, by index
    sentence, article = data["sentences"][ref]
    assert sentence == IMG_SENTENCE and data["articles"][article] == [HEADLINE, str(ID["article/a"])]


def test_each_sentence_is_listed_once(written):
    data = embedded_data(written)
    assert [s for s, _ in data["sentences"]] == [IMG_SENTENCE]  # both facts cite the same sentence


def test_big_graphs_come_laid_out(monkeypatch):
    monkeypatch.setattr(page, "PHYSICS_LIMIT", 2)
    data = embedded_data(page.render_html(build_network(hostile_graph())))
    assert data["positioned"] is True
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def test_small_graphs_are_laid_out_by_the_page(written):
    data = embedded_data(written)
    assert data["positioned"] is False and "x" not in data["nodes"][0]


def test_page_sizes_nodes_by_degree(written):
    degrees = {n["label"]: n["degree"] for n in embedded_data(written)["nodes"]}
    assert degrees == {"hội nghị": 3, "Lò Minh Hùng": 1, SCRIPT_NAME: 1, "25-NQ/TW": 1}


def test_page_script_writes_data_only_as_text():
    js = (page.TEMPLATE_DIR / "network.js").read_text(encoding="utf-8")
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js


needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


@needs_node
def test_search_ignores_diacritics():
    fold_js = Path(str(page.TEMPLATE_DIR / "fold.js"))
    script = f"const fold = require({json.dumps(str(fold_js))});" \
             "console.log(JSON.stringify([fold('Lò Minh Hùng'), fold('Lo Minh Hung'), fold('Đảng ủy')]));"
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == ["lo minh hung", "lo minh hung", "dang uy"]


@needs_node
def test_page_scripts_parse(written, tmp_path):
    for i, body in enumerate(re.findall(r"<script>(.*?)</script>", written, re.S)):
        script = tmp_path / f"s{i}.js"
        script.write_text(body, encoding="utf-8")
        subprocess.run(["node", "--check", str(script)], check=True)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    import dvkg

    store = tmp_path_factory.mktemp("store") / "s"
    with dvkg.open_store(store) as opened:
        dvkg.ingest([Path(__file__).resolve().parent.parent / "examples"], opened)
    return store


def test_viz_command_views_and_pictures(sample_store, tmp_path):
    from click.testing import CliRunner

    from dvkg.cli import main

    def viz(*args):
        return CliRunner().invoke(main, ["viz", "--store", str(sample_store), *map(str, args)])

    result = viz("--document", "25-NQ/TW", "--png", tmp_path / "doc.png", "--svg", tmp_path / "doc.svg")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "doc.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "doc.svg").read_text(encoding="utf-8")
    assert not (tmp_path / "graph.html").exists()  # pictures alone write no page
    result = viz("--people-only", "--focus", "Lo Minh Hung", "--out", tmp_path / "p.html")
    assert result.exit_code == 0, result.output
    data = embedded_data((tmp_path / "p.html").read_text(encoding="utf-8"))
    assert data["view"] == "people" and "Lò Minh Hùng" in {n["label"] for n in data["nodes"]}
    assert all(n["kind"] == "person" and "community" in n for n in data["nodes"])
    result = viz("--timeline", "Lò Minh Hùng", "--png", tmp_path / "t.png")
    assert result.exit_code == 0 and (tmp_path / "t.png").stat().st_size > 1000
    result = viz("--focus", "Nobody", "--out", tmp_path / "x.html")
    assert result.exit_code == 2 and 'no node is named "Nobody"' in result.output
    assert viz("--timeline", "Lò Minh Hùng").exit_code == 2  # a timeline needs --png or --svg
