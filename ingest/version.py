"""The extractor's version: the release plus a fingerprint of the rules that turn an article into its graph.

Each article graph records it (``dvkg:extractorVersion``), and the input key
of an article (``input_key``) includes it: an article read again with the
same text, metadata and rules gives the same graph, so ingest can leave it as
stored without extracting it again; any change to the code, the lexicons or
the ontology changes the fingerprint, and the next ingest reads every article
anew. Nobody has to remember to bump a number.
"""
from __future__ import annotations

import hashlib
import json
from fnmatch import fnmatch
from functools import lru_cache
from importlib import resources
from typing import Iterator

__all__ = ["RULE_FILES", "rule_files", "extractor_version", "input_key"]

#: (package, folder inside it, file pattern) of every file whose content decides an article's graph.
RULE_FILES = (
    ("dvkg.ingest", "", "*.py"),
    ("dvkg.ingest", "lexicons", "*.json"),
    ("dvkg.graph", "", "triples.py"),
    ("dvkg.graph", "", "iris.py"),
    ("dvkg.graph", "", "terms.py"),
    ("dvkg.ontology", "", "*.ttl"),
    ("dvkg", "", "config.py"),
)


def rule_files() -> Iterator[tuple[str, bytes]]:
    """(``package/folder/file``, content) of each file ``RULE_FILES`` names, in a fixed order."""
    for package, folder, pattern in RULE_FILES:
        root = resources.files(package)
        if folder:
            root = root.joinpath(folder)
        for entry in sorted((e for e in root.iterdir() if fnmatch(e.name, pattern)), key=lambda e: e.name):
            yield f"{package}/{folder + '/' if folder else ''}{entry.name}", entry.read_bytes()


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """dvkg's release (``0.1.0+``) and the first 12 hex digits of a SHA-256 over the rule files (names and bytes)."""
    from dvkg import __version__  # at call time: dvkg's package imports ingest, not the other way round

    digest = hashlib.sha256()
    for name, content in rule_files():
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def input_key(article) -> str:
    """What an article's graph depends on, hashed: the extractor's version and the article as read.

    ``article`` is an ``ingest.articles.Article``: its name, source, cleaned
    text, title, publication date and metadata all count.
    """
    record = [extractor_version(), article.name, article.source, article.text, article.title, article.published,
              article.metadata]
    data = json.dumps(record, ensure_ascii=False, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()
