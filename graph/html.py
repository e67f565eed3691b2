"""Write a network as one self-contained HTML page (vis-network, inlined).

The page must open offline and leak nothing: vis-network's JS and CSS are read
from the pyvis package and inlined, and a Content-Security-Policy forbids any
request.  pyvis's own template is not used because it pulls Bootstrap and
other assets from CDNs even in ``cdn_resources="in_line"`` mode.

Article text is untrusted.  It reaches the page only as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&``
escaped, and the page's script writes it with ``textContent`` (vis-network
shows string tooltips with ``innerText``).

Large graphs: up to ``PHYSICS_LIMIT`` nodes the page lays the graph out
itself (vis-network physics, stopped once stable); above it, positions are
computed here (``network.layout``) and the page draws them with physics off,
so 10,000 nodes are interactive in a few seconds.
"""
from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Graph

from .network import build_network, communities, layout

__all__ = ["DEFAULT_TITLE", "PHYSICS_LIMIT", "TEMPLATE_DIR", "VIS_DIR", "write_html", "render_html"]

DEFAULT_TITLE = "dvkg network"
#: Above this many nodes, positions are computed in Python and physics stays off.
PHYSICS_LIMIT = 800
#: Pixels per unit of ``layout`` coordinates, per square root of the node count.
_SPREAD = 45
#: The page template and the page's own JS/CSS.
TEMPLATE_DIR = resources.files(__package__) / "templates"
#: vis-network as bundled with pyvis (the version pyvis itself uses).
VIS_DIR = resources.files("pyvis") / "lib" / "vis-9.1.2"

_PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
# Inside a JSON string these escapes mean the same characters, but the HTML
# parser can no longer see a tag, a comment or an entity in the data.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def write_html(network: nx.MultiDiGraph | Graph, path: str | Path, *,
               title: str = DEFAULT_TITLE) -> Path:
    """Write ``network`` (or an RDF graph, projected first) to ``path``; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(network, title=title), encoding="utf-8")
    return path


def render_html(network: nx.MultiDiGraph | Graph, *, title: str = DEFAULT_TITLE) -> str:
    """The page as a string."""
    if isinstance(network, Graph):
        network = build_network(network)
    parts = {
        "title": html.escape(title),
        "data": _json_for_script(_page_data(network)),
        "vis_css": _style(VIS_DIR / "vis-network.css"),
        "vis_js": _script(VIS_DIR / "vis-network.min.js"),
        "css": _style(TEMPLATE_DIR / "network.css"),
        "fold_js": _script(TEMPLATE_DIR / "fold.js"),
        "js": _script(TEMPLATE_DIR / "network.js"),
    }
    template = (TEMPLATE_DIR / "network.html").read_text(encoding="utf-8")
    # One pass, so text substituted in is never scanned for placeholders again.
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)


def _page_data(network: nx.Graph) -> dict:
    """Only what the page shows; IRIs stay as node ids.

    Sentences and articles are listed once (``sentences``: [text, article
    index], ``articles``: [headline, source]); nodes and edges point at them
    by index in ``ev``, which keeps a 10,000-node page small.
    """
    table = _EvidenceTable()
    people = network.graph.get("view") == "people"
    community = communities(network) if people else {}
    nodes = [_page_node(network, node, data, table, community) for node, data in network.nodes(data=True)]
    edges = [_page_edge(u, v, data, table, network) for u, v, data in network.edges(data=True)]
    positioned = len(network) > PHYSICS_LIMIT
    if positioned:
        scale = _SPREAD * max(1.0, len(network) ** 0.5)
        positions = layout(network)
        for item in nodes:
            x, y = positions[item["id"]]
            item["x"], item["y"] = round(x * scale, 1), round(y * scale, 1)
    return {"view": "people" if people else "network", "positioned": positioned,
            "nodes": nodes, "edges": edges, "sentences": table.sentences, "articles": table.articles}


def _page_node(network: nx.Graph, node: str, data: dict, table: "_EvidenceTable", community: dict) -> dict:
    item = {"id": node, "kind": data["kind"], "label": data["label"], "details": data["details"],
            "ev": table.refs(data.get("evidence", [])), "degree": network.degree(node),
            "provinces": data.get("provinces", []), "dates": data.get("dates", [])}
    if node in community:
        item["community"] = community[node]
    return item


def _page_edge(u: str, v: str, data: dict, table: "_EvidenceTable", network: nx.Graph) -> dict:
    item = {"from": u, "to": v, "relation": data.get("relation", "co-attended"),
            "title": data.get("title", ""), "ev": table.refs(data.get("evidence", [])),
            "dates": data.get("dates", [])}
    if "weight" in data:  # people view: shared events, shown by label
        item["weight"] = data["weight"]
        item["events"] = sorted(data.get("event_labels") or data.get("events", []))
    return item


class _EvidenceTable:
    """Each sentence and each article stored once; items become indices."""

    def __init__(self) -> None:
        self.sentences: list[list] = []
        self.articles: list[list[str]] = []
        self._sentence: dict[tuple, int] = {}
        self._article: dict[tuple, int] = {}

    def refs(self, evidence: list[dict]) -> list[int]:
        return [self._ref(item) for item in evidence]

    def _ref(self, item: dict) -> int:
        article = (item.get("article", ""), item.get("source", ""))
        if article not in self._article:
            self._article[article] = len(self.articles)
            self.articles.append(list(article))
        key = (item["sentence"], self._article[article])
        if key not in self._sentence:
            self._sentence[key] = len(self.sentences)
            self.sentences.append(list(key))
        return self._sentence[key]


def _json_for_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub(r"[<>&]", lambda m: _JSON_ESCAPES[m.group()], text)


def _script(file) -> str:
    """JS text that cannot close its <script> element early."""
    text = file.read_text(encoding="utf-8")
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")


def _style(file) -> str:
    return re.sub(r"</(style)", r"<\\/\1", file.read_text(encoding="utf-8"), flags=re.I)
