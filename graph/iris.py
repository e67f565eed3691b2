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
from functools import lru_cache

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
    "document_scope",
    "document_term",
    "RESOLUTION_GRAPH",
    "OVERRIDES_GRAPH",
    "PENDING_GRAPH",
    "is_article_graph",
    "record_iri",
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


#: Entries kept by the caches of slugs and person IRIs: names recur across articles.
_CACHE_SIZE = 1 << 16


@lru_cache(maxsize=_CACHE_SIZE)
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


_BASE = str(ID)


def _id(path: str) -> URIRef:
    return URIRef(_BASE + path)


def article_iri(article: str) -> URIRef:
    """``000_6cabc671c13fed58.txt`` → ``id/article/000-6cabc671c13fed58-txt``."""
    return _id(f"article/{_key(article)}")


def graph_iri(article: str) -> URIRef:
    """The named graph holding one article's triples: same key as the article."""
    return _id(f"graph/{_key(article)}")


@lru_cache(maxsize=_CACHE_SIZE)
def person_iri(name: str, qualifier: str | None = None) -> URIRef:
    """``Lò Minh Hùng`` and ``LÒ  MINH HÙNG`` → ``id/person/lo-minh-hung-<hash>``.

    The slug alone would make ``Nguyễn Văn Hùng`` and ``Nguyễn Văn Hưng`` one
    person, so a short hash of the name with its marks (case, spacing and
    tone-mark placement folded) keeps them apart. ``qualifier`` is given by
    entity resolution when two people share a name (``graph/resolve.py``):
    ``id/person/hoang-giang-<hash>--lao-cai``.
    """
    base = f"person/{_key(name)}-{_digest(name_key(name))[:6]}"
    return _id(base if not qualifier else f"{base}--{_key(qualifier)}")


def name_key(name: str) -> str:
    """A name with case, spacing and tone-mark placement folded: what makes two spellings one name."""
    return " ".join(normalize_text(name).casefold().split())


def org_iri(name: str) -> URIRef:
    """A body by its canonical name (province included), abbreviations expanded."""
    return _id(f"org/{_key(expand_abbreviations(name))}")


def province_iri(name: str) -> URIRef:
    return _id(f"province/{_key(name)}")


def post_iri(title: str, organization: str | None) -> URIRef:
    """``Phó Bí thư Thường trực`` in ``Tỉnh ủy Sơn La`` → ``id/post/pho-bi-thu-thuong-truc-tinh-uy-son-la``."""
    key = title if organization is None else f"{title} {expand_abbreviations(organization)}"
    return _id(f"post/{_key(key)}")


def membership_iri(article: str, person: str, post: str | URIRef) -> URIRef:
    return _id(f"membership/{_digest(slug(article), slug(person), str(post))}")


def event_iri(article: str, order: int) -> URIRef:
    """The ``order``-th event (from 1) of an article."""
    return _id(f"event/{_key(article)}-{order}")


def document_iri(code: str, scope: str | None = None, term: str | None = None) -> URIRef:
    """``25-NQ/TW`` of the central party, term XI → ``id/document/25-nq-tw/tw/khoa-xi``.

    Spaces and the word ``số`` do not count. Party numbers restart each term
    and provincial numbers are per province, so the key is the code with its
    issuer's scope (``document_scope``) and, when known, its term or year
    (``document_term``). An undated mention gets the key without a term, and
    resolution maps it to the one dated document it can only be.
    """
    words = [w for w in code.split() if slug(w) != "so"]
    parts = [_key(" ".join(words)), scope, term]
    return _id("document/" + "/".join(_key(p) for p in parts if p))


# Symbols after the number that say who issued a document (``25-NQ/TW`` → TW).
_CENTRAL_PARTY = {"tw", "bct", "bbt", "btctw", "bdvtw", "btgtw", "ubkttw", "vptw"}
_NATIONAL_STATE = {"cp", "ttg", "qh", "ubtvqh", "ubtvqh15", "vpcp", "ctn"}
_LOCAL_SYMBOLS = {"tu", "hu", "qu", "thu", "du", "ubnd", "hdnd", "mttq", "bdv", "bcd"}
_TERM_IN_NAME = re.compile(r"\bkh[oó]a\s+([IVXLC]+)\b", re.I)
_YEAR_IN_CODE = re.compile(r"/((?:19|20)\d\d)/")
# Party congress terms: the date each national term began, and the year provincial ones did.
_PARTY_TERMS = (("2001-04-22", "IX"), ("2006-04-25", "X"), ("2011-01-19", "XI"), ("2016-01-28", "XII"),
                ("2021-02-01", "XIII"), ("2026-01-23", "XIV"))
_PROVINCIAL_TERMS = tuple(range(2000, 2031, 5))


def document_scope(code: str, issuer: str | None, province: str | None) -> str:
    """Who numbers the document: ``tw`` (central party), ``nn`` (national state), or a local level with its province.

    ``25-NQ/TW`` → ``tw``; ``33/CT-TTg`` → ``nn``; ``11-CT/TU`` in Sơn La →
    ``tu-son-la``; ``Chương trình hành động số 127`` of ``Tỉnh ủy Lào Cai`` →
    ``tinh-uy-lao-cai``.
    """
    tail = set(slug(code).split("-"))
    if (tail & _CENTRAL_PARTY and "tu" not in tail) or "-trung-uong-" in f"-{slug(code)}-":
        return "tw"
    if tail & _NATIONAL_STATE:
        return "nn"
    local = next((s for s in reversed(slug(code).split("-")) if s in _LOCAL_SYMBOLS), None)
    place = slug(province) if province else None
    if local:
        return f"{local}-{place}" if place else local
    if issuer:
        issuer_key = slug(expand_abbreviations(issuer))
        if "trung-uong" in issuer_key or issuer_key in {"bo-chinh-tri", "ban-bi-thu"}:
            return "tw"
        if place and place not in issuer_key:
            issuer_key = f"{issuer_key}-{place}"
        return issuer_key
    return place or "x"


def document_term(code: str, scope: str, issued: str | None) -> str | None:
    """The numbering period: a party term (``khoa-xi``, ``2020-2025``) or a year; None when unknown.

    A year printed in the code (``15/2020/NĐ-CP``) or a term in its name
    (``Nghị quyết Trung ương 4 khóa XII``) wins over the date.
    """
    printed = _TERM_IN_NAME.search(code)
    if printed:
        return f"khoa-{printed.group(1).lower()}"
    year = _YEAR_IN_CODE.search(code)
    if year:
        return year.group(1)
    if not issued:
        return None
    if scope == "tw":
        terms = [term for begun, term in _PARTY_TERMS if begun <= issued]
        return f"khoa-{terms[-1].lower()}" if terms else None
    if scope.split("-")[0] in {"tu", "hu", "qu", "thu", "du"} or scope.startswith(("tinh-uy", "dang-bo", "ban-thuong-vu")):
        start = max((y for y in _PROVINCIAL_TERMS if f"{y}-10-01" <= issued), default=None)
        return f"{start}-{start + 5}" if start else None
    return issued[:4]  # state documents are numbered per year


def evidence_iri(article: str, start: int, end: int) -> URIRef:
    return _id(f"evidence/{_key(article)}-{start}-{end}")


#: The rebuildable named graph of identity decisions (``graph/resolve.py``).
#: Article slugs never start with ``_``, so these never clash with an article's graph.
RESOLUTION_GRAPH = _id("graph/_resolution")
#: The named graph of a person's own verdicts (``dvkg people --confirm/--split``); never recomputed.
OVERRIDES_GRAPH = _id("graph/_overrides")
#: The names and documents of articles written or removed since the last resolution: what the next one re-reads.
PENDING_GRAPH = _id("graph/_pending")


def is_article_graph(iri: str) -> bool:
    return iri.startswith(str(ID) + "graph/") and not iri.startswith(str(ID) + "graph/_")


def record_iri(kind: str, *parts: str) -> URIRef:
    """A resolution record (merge, split, assignment, override) keyed by what it is about."""
    return _id(f"{kind}/{_digest(*parts)[:12]}")


def statement_iri(subject: str | URIRef, predicate: str | URIRef, obj: str | URIRef, article: str | URIRef) -> URIRef:
    return _id(f"statement/{_digest(str(subject), str(predicate), str(obj), str(article))}")
