"""Named SPARQL queries (``queries/*.rq``) and running them on a store.

Each ``.rq`` file starts with a header of ``# key: value`` comment lines:
``name``, ``answers``, ``columns``, ``params`` and ``example``. Parameters
are bound as RDF terms through the store's substitutions, never pasted into
the query text.

Oxigraph plans a query before it sees the substituted values, so a
parameter that narrows the answer to a few rows would still be applied
after a scan of everything. A query can therefore carry *anchors*: comment
lines ``# if ?param: PATTERN`` inside a group. When ``?param`` is given,
``render`` turns the line into ``VALUES ?_param { TERM } PATTERN`` (with
``?param`` written ``?_param`` in the pattern, so the query's own use of
``?param`` is untouched), which the planner starts from. ``?name@vi``
binds the given string both as a ``@vi`` literal (the form names are stored
in) and as a plain one (documents' labels), for a query that compares the
string alone; ``?from..?to`` binds each day of the range (up to
``MAX_ANCHOR_DAYS``, else the anchor stays off). An anchor must only restate
what the query's filters already require: it makes a query faster, never
different (``tests/test_named_queries.py`` runs each one on and off). The term is
written by pyoxigraph's N-Triples serialiser, so a value with quotes,
braces or ``}`` ``INSERT`` stays one literal.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from dvkg.errors import QueryError
from dvkg.graph.terms import to_ox

if TYPE_CHECKING:  # the runner needs only the store's query method
    from dvkg.graph.store import QueryResult, Store

__all__ = ["NamedQuery", "HEADER_KEYS", "list_queries", "load_query", "run_query", "param_term", "render"]

HEADER_KEYS = ("name", "answers", "columns", "params", "example")
_HEADER_LINE = re.compile(r"^#\s*(\w+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"[?$](\w+)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IRI = re.compile(r"^(https?://|urn:)\S+$")
_ANCHOR = re.compile(
    r"^(?P<indent>[ \t]*)#[ \t]*if[ \t]+(?P<params>(?:[?$]\w+(?:@[a-zA-Z-]+|\.\.[?$]\w+)?[ \t]*)+):[ \t]*(?P<pattern>.*)$",
    re.M,
)
_ANCHOR_PARAM = re.compile(r"[?$](\w+)(?:@([a-zA-Z-]+)|\.\.[?$](\w+))?")
MAX_ANCHOR_DAYS = 366  # a longer ?from..?to range is filtered, not listed


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


@lru_cache(maxsize=1)
def list_queries() -> tuple[NamedQuery, ...]:
    """The queries shipped with dvkg, by name (read once: every named query run looks its text up here)."""
    shipped = files(__package__)
    found = [_parse(entry.read_text(encoding="utf-8"), entry.name) for entry in shipped.iterdir() if entry.name.endswith(".rq")]
    return tuple(sorted(found, key=lambda q: q.name))


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
    return store.query(render(query.text, bindings), bindings or None)


def render(sparql: str, bindings: dict[str, Node] | None) -> str:
    """``sparql`` with the anchors (``# if ?param: PATTERN`` lines) of the given parameters switched on."""
    if not bindings or not _ANCHOR.search(sparql):
        return sparql
    given = {k.lstrip("?$"): v for k, v in bindings.items()}
    return _ANCHOR.sub(lambda m: _anchor(m, given), sparql)


def _anchor(found: re.Match, given: dict[str, Node]) -> str:
    """The anchor line switched on, or left a comment when one of its parameters is not given (or does not fit)."""
    wanted = _ANCHOR_PARAM.findall(found.group("params"))
    values = [_days(given.get(name), given.get(last)) if last
              else [_anchor_term(given.get(name), language), _anchor_term(given.get(name), "")] if language
              else [_anchor_term(given.get(name), "")]
              for name, language, last in wanted]
    if not wanted or any(v is None or None in v for v in values):
        return found.group(0)
    pattern = found.group("pattern")
    for name, _, _ in wanted:
        pattern = re.sub(rf"[?$]{name}\b", f"?_{name}", pattern)
    variables = " ".join(f"?_{name}" for name, _, _ in wanted)
    rows = " ".join(f"({' '.join(row)})" for row in itertools.product(*values))
    return f"{found.group('indent')}VALUES ({variables}) {{ {rows} }} {pattern}"


def _days(first: Node | None, last: Node | None) -> list[str] | None:
    """Every ``xsd:date`` from ``first`` to ``last``: a day range anchors as the list of its days."""
    if not all(isinstance(t, Literal) and t.datatype == XSD.date for t in (first, last)):
        return None
    start, end = date.fromisoformat(str(first)), date.fromisoformat(str(last))
    if not 0 <= (end - start).days < MAX_ANCHOR_DAYS:
        return None
    days = (start + timedelta(days=n) for n in range((end - start).days + 1))
    return [_anchor_term(Literal(day.isoformat(), datatype=XSD.date), "") for day in days]


def _anchor_term(term: Node | None, language: str) -> str | None:
    """The term as N-Triples, written by pyoxigraph so a value is always exactly one term.

    ``?name@vi`` asks for the given string as a literal in that language (the
    form names are stored in); an IRI given for it leaves the anchor off.
    """
    if not isinstance(term, (URIRef, Literal)):
        return None
    if language and (isinstance(term, URIRef) or term.datatype):
        return None
    try:
        return str(ox.Literal(str(term), language=language) if language else to_ox(term))
    except ValueError as error:  # not an IRI, or not a language tag
        raise QueryError(f"cannot bind {term!r}: {error}") from None


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
