"""The one exception tree of dvkg.

    DvkgError                 base: the CLI prints ``Error: <message>`` and exits 2
    ├── ArticleError          one input file or record cannot be read as an article
    ├── ExtractionError       the extractor failed on an article
    ├── StoreError            the store cannot be opened, read or written
    │   └── StoreLockedError  another process holds the store
    ├── ValidationError       a graph does not conform to the SHACL shapes
    └── QueryError            a SPARQL query is malformed or refers to nothing known

Messages say what happened, where (file, line, article) and what to do.
"""
from __future__ import annotations

__all__ = [
    "DvkgError",
    "ArticleError",
    "ExtractionError",
    "StoreError",
    "StoreLockedError",
    "ValidationError",
    "QueryError",
]


class DvkgError(Exception):
    """Base of every error dvkg raises on purpose."""


class ArticleError(DvkgError):
    """An input file or record is not a usable article.

    ``source`` names the file (and record) so a batch can report and go on.
    """

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class ExtractionError(DvkgError):
    """The extractor failed on one article."""


class StoreError(DvkgError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process has the store open for writing."""


class ValidationError(DvkgError):
    """A graph does not conform to the dvkg SHACL shapes."""

    def __init__(self, message: str, report: str = ""):
        super().__init__(message)
        self.report = report


class QueryError(DvkgError):
    """A SPARQL query is malformed, or a named query does not exist."""
