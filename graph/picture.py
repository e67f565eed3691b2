"""Static pictures for reports: the network, and one person's timeline (PNG or SVG).

Drawn with matplotlib (Agg, no display, no fonts fetched) from the same
networkx graphs the page shows: ``write_picture`` draws any view (whole,
ego, document, people-only), ``write_timeline`` a person's posts (dated by
the articles that attest them) and the events they chaired, spoke at or
attended. The format follows the file's suffix: ``.png`` or ``.svg``.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx

from dvkg.errors import DvkgError

from .network import communities, find_nodes, layout

__all__ = ["FORMATS", "write_picture", "write_timeline"]

#: Suffix -> matplotlib format.
FORMATS = {".png": "png", ".svg": "svg"}

# kind -> (colour, marker, legend name); the page uses the same colours.
_KIND_STYLE = {
    "person": ("#2f6fb0", "o", "person"),
    "party": ("#c0392b", "s", "party body"),
    "state": ("#d68910", "s", "state body"),
    "mass": ("#27864a", "s", "mass organisation"),
    "organisation": ("#7f8c8d", "s", "organisation"),
    "event": ("#8e44ad", "D", "event"),
    "document": ("#16a085", "^", "document"),
    "province": ("#5d6d7e", "v", "province"),
}
_PALETTE = ["#2f6fb0", "#c0392b", "#27864a", "#d68910", "#8e44ad", "#16a085",
            "#b03a7a", "#5d6d7e", "#7d6608", "#1f618d", "#a04000", "#95a5a6"]
_ROLE_STYLE = {"chaired": ("#c0392b", "D"), "spoke at": ("#d68910", "s"), "attended": ("#2f6fb0", "o")}
#: Label at most this many nodes (the best connected) and edges (when few).
_MAX_NODE_LABELS, _MAX_EDGE_LABELS, _MAX_ARROWS = 40, 80, 2000


def write_picture(network: nx.Graph, path: str | Path, *, title: str = "") -> Path:
    """Draw ``network`` (a view from ``dvkg.graph.network``) to ``path``."""
    path, fmt = _target(path)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(16, 11), dpi=110)
    pos = layout(network)
    people = network.graph.get("view") == "people"
    groups = _groups(network, people)
    size = _sizes(network)
    for (label, colour, marker), nodes in groups.items():
        nx.draw_networkx_nodes(network, pos, nodelist=nodes, node_color=colour, node_shape=marker,
                               node_size=[size[n] for n in nodes], label=f"{label} ({len(nodes)})", ax=ax)
    widths = [min(6.0, 0.6 + d.get("weight", 1) * 0.8) if people else 0.6 for *_, d in network.edges(data=True)]
    arrows = network.is_directed() and network.number_of_edges() <= _MAX_ARROWS  # arrows are slow to draw
    extra = {"arrowsize": 6, "node_size": [size[n] for n in network]} if arrows else {}
    nx.draw_networkx_edges(network, pos, width=widths, edge_color="#999999", alpha=0.6, ax=ax,
                           arrows=arrows, **extra)
    top = sorted(network, key=network.degree, reverse=True)[:_MAX_NODE_LABELS]
    nx.draw_networkx_labels(network, pos, labels={n: network.nodes[n]["label"] for n in top}, font_size=7, ax=ax)
    if network.number_of_edges() <= _MAX_EDGE_LABELS:
        labels = {(u, v): str(d["weight"]) if people else d["relation"] for u, v, d in network.edges(data=True)}
        nx.draw_networkx_edge_labels(network, pos, edge_labels=labels, font_size=6, font_color="#555555", ax=ax)
    ax.set_title(title or f"{len(network)} nodes, {network.number_of_edges()} edges")
    ax.legend(loc="upper left", fontsize=8, markerscale=0.6, frameon=False)
    ax.axis("off")
    return _save(fig, path, fmt)


def write_timeline(network: nx.MultiDiGraph, name: str, path: str | Path) -> Path:
    """Draw the person named ``name``: one row per post, one for events, on a time axis."""
    path, fmt = _target(path)
    person = _one_person(network, name)
    posts, events = _timeline_rows(network, person)
    plt = _pyplot()
    rows = list(posts) + ["events"]
    fig, ax = plt.subplots(figsize=(13, 1.6 + 0.45 * len(rows)), dpi=110)
    for y, post in enumerate(posts):
        days = posts[post]
        ax.plot(days, [y] * len(days), "-o", color="#27864a", markersize=5)
    y_events = len(rows) - 1
    for relation, (colour, marker) in _ROLE_STYLE.items():
        mine = [(day, label) for day, rel, label in events if rel == relation]
        if mine:
            ax.scatter([d for d, _ in mine], [y_events] * len(mine), color=colour, marker=marker, label=relation, zorder=3)
            for day, label in mine:
                ax.annotate(label, (day, y_events), xytext=(0, 8), textcoords="offset points",
                            rotation=30, fontsize=7)
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    ax.set_ylim(-0.7, len(rows) + 0.3)
    ax.set_title(f"{network.nodes[person]['label']}: posts and events")
    if not posts and not events:
        ax.text(0.5, 0.5, "no dated post or event", transform=ax.transAxes, ha="center", color="#666666")
    if events:
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.grid(axis="x", color="#eeeeee")
    fig.autofmt_xdate()
    return _save(fig, path, fmt)


def _timeline_rows(network: nx.MultiDiGraph, person: str) -> tuple[dict, list]:
    """posts: "title, body" -> dates attested; events: (date, relation, label), dated ones only."""
    posts: dict[str, list[date]] = {}
    events = []
    for _, target, data in network.out_edges(person, data=True):
        label = network.nodes[target]["label"]
        if data["relation"] == "holds post in":
            days = [_day(d) for d in data.get("dates", [])]
            if days := [d for d in days if d]:
                posts[", ".join(filter(None, (data.get("title"), label)))] = sorted(days)
        elif data["relation"] in _ROLE_STYLE:
            day = _day(network.nodes[target]["details"].get("date"))
            if day:
                events.append((day, data["relation"], label))
    return posts, sorted(events)


def _one_person(network: nx.Graph, name: str) -> str:
    people = [n for n in find_nodes(network, name) if network.nodes[n]["kind"] == "person"]
    if not people:
        raise DvkgError(f'no person is named "{name}": list names with `dvkg query people`')
    return max(people, key=network.degree)  # the best attested of namesakes


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if isinstance(value, str) else None
    except ValueError:
        return None


def _groups(network: nx.Graph, people: bool) -> dict[tuple, list]:
    groups: dict[tuple, list] = {}
    community = communities(network) if people else {}
    for node, data in network.nodes(data=True):
        if people:
            i = min(community[node], len(_PALETTE) - 1)
            key = (f"community {i + 1}" if i < len(_PALETTE) - 1 else "other communities", _PALETTE[i], "o")
        else:
            colour, marker, label = _KIND_STYLE.get(data["kind"], _KIND_STYLE["organisation"])
            key = (label, colour, marker)
        groups.setdefault(key, []).append(node)
    return dict(sorted(groups.items()))


def _sizes(network: nx.Graph) -> dict[str, float]:
    scale = 1.0 if len(network) < 300 else 0.3
    return {n: scale * (40 + 25 * min(network.degree(n), 40)) for n in network}


def _target(path: str | Path) -> tuple[Path, str]:
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise DvkgError(f"{path}: a picture must end in .png or .svg")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path, FORMATS[path.suffix.lower()]


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: Path, fmt: str) -> Path:
    fig.tight_layout()
    fig.savefig(path, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    _pyplot().close(fig)
    return path
