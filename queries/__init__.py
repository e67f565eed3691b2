"""dvkg.queries: the named SPARQL queries shipped as ``*.rq`` files, and their runner."""
from __future__ import annotations

from dvkg.queries.runner import NamedQuery, list_queries, load_query, param_term, run_query

__all__ = ["NamedQuery", "list_queries", "load_query", "run_query", "param_term"]
