"""dvkg: a knowledge graph of Vietnamese political news.

    import dvkg
    with dvkg.open_store("dvkg-store") as store:
        dvkg.ingest(["examples/"], store)
        print(dvkg.query(store, "chairs").to_table())
"""
from __future__ import annotations

from dvkg.api import IngestReport, export, extract, ingest, open_store, query, viz
from dvkg.errors import (
    ArticleError,
    DvkgError,
    ExtractionError,
    QueryError,
    StoreError,
    StoreLockedError,
    ValidationError,
)
from dvkg.graph.store import QueryResult, Store
from dvkg.ingest.articles import Article
from dvkg.ingest.facts import Facts

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleError",
    "DvkgError",
    "ExtractionError",
    "Facts",
    "IngestReport",
    "QueryError",
    "QueryResult",
    "Store",
    "StoreError",
    "StoreLockedError",
    "ValidationError",
    "export",
    "extract",
    "ingest",
    "open_store",
    "query",
    "viz",
]
