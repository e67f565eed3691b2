"""Write a network as one self-contained HTML page (vis-network, inlined).

The page must open offline and leak nothing: vis-network's JS and CSS are read
from the pyvis package and inlined, and a Content-Security-Policy forbids any
request.  pyvis's own template is not used because it pulls Bootstrap and
other assets from CDNs even in ``cdn_resources="in_line"`` mode.

Article text is untrusted.  It reaches the page only as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&``
escaped, and the page's script writes it with ``textContent``.
"""
from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Graph

from .network import build_network

__all__ = ["DEFAULT_TITLE", "TEMPLATE_DIR", "VIS_DIR", "write_html", "render_html"]

DEFAULT_TITLE = "dvkg network"
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


def _page_data(network: nx.MultiDiGraph) -> dict:
    """Only what the page shows; IRIs stay as node ids."""
    nodes = [
        {"id": node, "kind": data["kind"], "label": data["label"],
         "details": data["details"], "evidence": data["evidence"],
         "degree": network.degree(node)}
        for node, data in network.nodes(data=True)
    ]
    edges = [
        {"from": u, "to": v, "relation": data["relation"], "title": data.get("title", ""),
         "evidence": data["evidence"]}
        for u, v, data in network.edges(data=True)
    ]
    return {"nodes": nodes, "edges": edges}


def _json_for_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub(r"[<>&]", lambda m: _JSON_ESCAPES[m.group()], text)


def _script(file) -> str:
    """JS text that cannot close its <script> element early."""
    text = file.read_text(encoding="utf-8")
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")


def _style(file) -> str:
    return re.sub(r"</(style)", r"<\\/\1", file.read_text(encoding="utf-8"), flags=re.I)
