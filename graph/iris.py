"""IRIs for everything dvkg mints, following the table of ``ontology/README.md``.

Every IRI is a pure function of its key, so the same name read from two
articles (or twice from one) lands on the same node, and rebuilding a graph
gives the very same IRIs. Slugs fold case, spacing and every diacritic, so
tone-mark placement (``uỷ``/``ủy``) never matters.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from dvkg.ingest.normalize import normalize_text
from dvkg.ontology import ID

__all__ = [
    "slug",
    "expand_abbreviations",
    "article_iri",
    "graph_iri",
    "person_iri",
    "org_iri",
    "province_iri",
    "post_iri",
    "membership_iri",
    "event_iri",
    "document_iri",
    "evidence_iri",
    "statement_iri",
]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")

# Abbreviations folded into one key, so ``UBND tỉnh Sơn La`` and
# ``Ủy ban nhân dân tỉnh Sơn La`` are one body.
_ABBREVIATIONS = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "TƯ": "Trung ương",
    "TW": "Trung ương",
}


def slug(text: str) -> str:
    """``Tỉnh uỷ Sơn La`` → ``tinh-uy-son-la``: NFC, no diacritics, ``đ`` → ``d``, lower case, ``-`` between words."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return _NOT_SLUG.sub("-", bare.lower()).strip("-")


def expand_abbreviations(name: str) -> str:
    """``UBND tỉnh Sơn La`` → ``Ủy ban nhân dân tỉnh Sơn La`` (whole words only)."""
    return " ".join(_ABBREVIATIONS.get(word, word) for word in name.split())


def _key(text: str) -> str:
    """A slug that is never empty: a name of punctuation only still gets a stable key."""
    return slug(text) or "x-" + _digest(text)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _id(path: str) -> URIRef:
    return URIRef(ID[path])


def article_iri(article: str) -> URIRef:
    """``000_6cabc671c13fed58.txt`` → ``id/article/000-6cabc671c13fed58-txt``."""
    return _id(f"article/{_key(article)}")


def graph_iri(article: str) -> URIRef:
    """The named graph holding one article's triples: same key as the article."""
    return _id(f"graph/{_key(article)}")


def person_iri(name: str) -> URIRef:
    """``Lò Minh Hùng`` and ``LÒ  MINH HÙNG`` → ``id/person/lo-minh-hung-<hash>``.

    The slug alone would make ``Nguyễn Văn Hùng`` and ``Nguyễn Văn Hưng`` one
    person, so a short hash of the name with its marks (case, spacing and
    tone-mark placement folded) keeps them apart.
    """
    marked = " ".join(normalize_text(name).casefold().split())
    return _id(f"person/{_key(name)}-{_digest(marked)[:6]}")


def org_iri(name: str) -> URIRef:
    """A body by its canonical name (province included), abbreviations expanded."""
    return _id(f"org/{_key(expand_abbreviations(name))}")


def province_iri(name: str) -> URIRef:
    return _id(f"province/{_key(name)}")


def post_iri(title: str, organization: str | None) -> URIRef:
    """``Phó Bí thư Thường trực`` in ``Tỉnh ủy Sơn La`` → ``id/post/pho-bi-thu-thuong-truc-tinh-uy-son-la``."""
    key = title if organization is None else f"{title} {expand_abbreviations(organization)}"
    return _id(f"post/{_key(key)}")


def membership_iri(article: str, person: str, post: URIRef) -> URIRef:
    return _id(f"membership/{_digest(slug(article), slug(person), str(post))}")


def event_iri(article: str, order: int) -> URIRef:
    """The ``order``-th event (from 1) of an article."""
    return _id(f"event/{_key(article)}-{order}")


def document_iri(code: str) -> URIRef:
    """``25-NQ/TW`` → ``id/document/25-nq-tw``; spaces and the word ``số`` do not count."""
    words = [w for w in code.split() if slug(w) != "so"]
    return _id(f"document/{_key(' '.join(words))}")


def evidence_iri(article: str, start: int, end: int) -> URIRef:
    return _id(f"evidence/{_key(article)}-{start}-{end}")


def statement_iri(subject: URIRef, predicate: URIRef, obj: URIRef, article: URIRef) -> URIRef:
    return _id(f"statement/{_digest(str(subject), str(predicate), str(obj), str(article))}")
