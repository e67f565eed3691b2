"""Write the whole store to one file: Turtle (all graphs merged), TriG, N-Quads or JSON-LD.

The file is written beside its target and renamed into place, so a reader
never sees half an export and a failed export leaves the old file intact.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from dvkg.errors import DvkgError
from dvkg.graph.store import Store
from dvkg.ontology import bind_prefixes

__all__ = ["FORMATS", "export"]

#: Export format → rdflib serializer name.
FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "json-ld": "json-ld"}
_ALIASES = {"ttl": "turtle", "nq": "nquads", "jsonld": "json-ld"}


def export(store: Store, path: str | Path, format: str = "turtle") -> int:
    """Write ``store`` to ``path``; returns the number of triples (turtle) or quads written."""
    name = _ALIASES.get(format.lower(), format.lower())
    if name not in FORMATS:
        raise DvkgError(f"unknown export format {format!r}; use one of: {', '.join(FORMATS)}")
    dataset = store.dataset()
    if name == "turtle":
        data: Graph | Dataset = _merged(dataset)
        count = len(data)
    else:
        data, count = dataset, sum(1 for _ in dataset.quads((None, None, None, None)))
    _write_atomically(Path(path), data.serialize(format=FORMATS[name], encoding="utf-8"))
    return count


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
