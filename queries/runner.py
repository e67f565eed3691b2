"""Named SPARQL queries (``queries/*.rq``) and running them on a store.

Each ``.rq`` file starts with a header of ``# key: value`` comment lines:
``name``, ``answers``, ``columns``, ``params`` and ``example``. Parameters
are bound as RDF terms through the store's substitutions, never pasted into
the query text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from dvkg.errors import QueryError

if TYPE_CHECKING:  # the runner needs only the store's query method
    from dvkg.graph.store import QueryResult, Store

__all__ = ["NamedQuery", "HEADER_KEYS", "list_queries", "load_query", "run_query", "param_term"]

HEADER_KEYS = ("name", "answers", "columns", "params", "example")
_HEADER_LINE = re.compile(r"^#\s*(\w+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"[?$](\w+)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IRI = re.compile(r"^(https?://|urn:)\S+$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    answers: str
    columns: list[str]
    params: list[str]  # variable names without ``?``
    example: str
    text: str
    source: str = ""  # the file it was read from

    @property
    def header(self) -> dict[str, str]:
        return _header(self.text)


def list_queries() -> list[NamedQuery]:
    """The queries shipped with dvkg, by name."""
    shipped = files(__package__)
    found = [_parse(entry.read_text(encoding="utf-8"), entry.name) for entry in shipped.iterdir() if entry.name.endswith(".rq")]
    return sorted(found, key=lambda q: q.name)


def load_query(name: str) -> NamedQuery:
    """The shipped query called ``name``; QueryError listing the known names otherwise."""
    for query in list_queries():
        if query.name == name:
            return query
    known = ", ".join(q.name for q in list_queries())
    raise QueryError(f"no query named {name!r}; known queries: {known}")


def run_query(store: Store, name_or_path_or_sparql: str, params: dict[str, object] | None = None) -> QueryResult:
    """Run a named query, a ``.rq`` file, or SPARQL text on ``store``."""
    query = _resolve(name_or_path_or_sparql)
    params = {k.lstrip("?$"): v for k, v in (params or {}).items()}
    unknown = sorted(set(params) - set(query.params))
    if unknown and "params" in query.header:  # undeclared parameters only in a query that declares its own
        allowed = ", ".join(f"?{p}" for p in query.params) or "none"
        named = ", ".join(f"?{u}" for u in unknown)
        raise QueryError(f"query {query.name!r} has no parameter {named}; its parameters: {allowed}")
    bindings = {k: param_term(v) for k, v in params.items()}
    return store.query(query.text, bindings or None)


def param_term(value: object) -> Node:
    """A parameter value as the RDF term dvkg stores for it.

    An RDF term passes through; ``http(s)://`` and ``urn:`` strings are IRIs;
    ``YYYY-MM-DD`` is an ``xsd:date``; anything else is a plain string, which
    the shipped queries compare with names, titles, types and codes as printed.
    """
    if isinstance(value, Node):
        return value
    text = str(value)
    if _IRI.match(text):
        return URIRef(text)
    if _ISO_DATE.match(text) and _is_date(text):
        return Literal(text, datatype=XSD.date)
    return Literal(" ".join(text.split()))


def _resolve(spec: str) -> NamedQuery:
    if spec.endswith(".rq"):
        path = Path(spec)
        if not path.is_file():
            raise QueryError(f"query file {spec} not found")
        return _parse(path.read_text(encoding="utf-8"), str(path))
    if re.fullmatch(r"[\w-]+", spec):  # a bare word can only be a name, never SPARQL
        return load_query(spec)
    return NamedQuery(name="", answers="", columns=[], params=[], example="", text=spec)


def _parse(text: str, source: str) -> NamedQuery:
    header = _header(text)
    return NamedQuery(
        name=header.get("name") or Path(source).stem,
        answers=header.get("answers", ""),
        columns=[c.strip() for c in header.get("columns", "").split(",") if c.strip()],
        params=_PARAM.findall(header.get("params", "")),
        example=header.get("example", ""),
        text=text,
        source=source,
    )


def _header(text: str) -> dict[str, str]:
    """The leading ``# key: value`` lines."""
    header: dict[str, str] = {}
    for line in text.splitlines():
        found = _HEADER_LINE.match(line)
        if not found:
            break
        header[found.group(1).lower()] = found.group(2)
    return header


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
