"""The spaCy pipeline: a blank Vietnamese pipeline with dvkg's rule components.

    dvkg_sentences  sets sentence starts (line breaks; . ! ? before a capital)
    dvkg_facts      reads the sentences with the lexicons into ``doc._.facts``
                    and puts persons, posts, bodies and documents in ``doc.spans``

Nothing is downloaded: the pipeline is built from code and the lexicon files.
Components are registered here and only here, when ``build_pipeline`` runs.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Container, Iterable, Iterator

import numpy
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from dvkg.errors import ExtractionError

from .articles import Article, read_articles
from .extract import ArticleReader
from .facts import Facts, Unchanged
from .lexicon import Lexicon

__all__ = ["build_pipeline", "extract", "extract_paths", "sentences"]

# A sentence ends at . ! ? … before a capital letter, a quote or a digit, but
# not after an initial (``Q. Hùng``) or an abbreviation (``TP.``, ``Th.S``, ``PGS.``); it does
# after a Roman numeral or an acronym (``khóa XIX. Dự hội nghị ...``).
# The lookahead first: without it every lookbehind runs at every character (0.6 against 0.08 ms an article).
_SENTENCE_END = re.compile(r"(?=[.!?…])(?<!\b[A-ZĐ])(?<!\bTP)(?<!\bTh)(?<!\bTS)(?<!\bThS)(?<!\bGS)(?<!\bPGS)(?<!\bBS)(?<!\bKS)[.!?…]+[\"”’)]*\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9*])")
_registered = False


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``; a line break always ends one."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for m in _SENTENCE_END.finditer(line):
            end = m.start() + len(m.group(0).rstrip())
            _add_span(spans, line, offset, start, end)
            start = m.end()
        _add_span(spans, line, offset, start, len(line))
        offset += len(line) + 1
    return spans


def _add_span(spans: list[tuple[int, int]], line: str, offset: int, start: int, end: int) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((offset + start + lead, offset + start + lead + len(stripped)))


def _register() -> None:
    global _registered
    if _registered:
        return
    if not Doc.has_extension("facts"):
        Doc.set_extension("facts", default=None)
    if not Doc.has_extension("article"):
        Doc.set_extension("article", default=None)
    Language.component("dvkg_sentences", assigns=["token.is_sent_start"])(_sentence_component)
    Language.component("dvkg_facts", assigns=["doc._.facts", "doc.spans"], requires=["token.is_sent_start"])(
        _facts_component
    )
    _registered = True


def _sentence_component(doc: Doc) -> Doc:
    spans = sentences(_text(doc))
    doc.user_data["dvkg_sentences"] = spans  # exact spans, without trailing white space
    if not len(doc):
        return doc
    # One array write: setting token.is_sent_start one by one re-checks the
    # whole doc's annotation each time and is quadratic in practice.
    offsets = doc.to_array([IDX]).astype("int64")
    flags = numpy.where(numpy.isin(offsets, [start for start, _ in spans]), 1, -1)
    flags[0] = 1
    doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))  # spaCy's arrays are uint64; -1 wraps
    return doc


def _text(doc: Doc) -> str:
    """The doc's text: its article's when it has one (``Doc.text`` joins every token anew)."""
    article = doc._.article
    return article.text if article is not None else doc.text


def _facts_component(doc: Doc) -> Doc:
    article = doc._.article or Article("<text>", "<text>", doc.text)
    spans = doc.user_data.get("dvkg_sentences") or sentences(article.text)
    facts = ArticleReader(article, Lexicon.default()).read(spans)
    doc._.facts = facts
    _fill_spans(doc, facts)
    return doc


def _fill_spans(doc: Doc, facts: Facts) -> None:
    persons, documents = [], []
    for person in facts.people:
        for ev in person.evidence:
            i = ev.sentence.find(person.name)
            span = doc.char_span(ev.start + i, ev.start + i + len(person.name), label="PERSON", alignment_mode="expand") if i >= 0 else None
            if span is not None:
                persons.append(span)
    for document in facts.documents:
        ev = document.evidence
        i = ev.sentence.find(document.code)
        span = doc.char_span(ev.start + i, ev.start + i + len(document.code), label="DOCUMENT", alignment_mode="expand") if i >= 0 else None
        if span is not None:
            documents.append(span)
    doc.spans["persons"] = persons
    doc.spans["documents"] = documents


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """A blank Vietnamese pipeline with the rule tokenizer and dvkg's components."""
    _register()
    # spaCy's Vietnamese tokenizer needs pyvi for word segmentation; dvkg's
    # rules read syllables, so the plain rule tokenizer is enough and offline.
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
    nlp.add_pipe("dvkg_sentences")
    nlp.add_pipe("dvkg_facts")
    return nlp


def extract(article: Article) -> Facts:
    """The facts of one article."""
    nlp = build_pipeline()
    doc = nlp.make_doc(article.text)
    doc._.article = article
    try:
        for _, component in nlp.pipeline:
            doc = component(doc)
    except Exception as err:  # a bug on one article must not stop a batch
        raise ExtractionError(f"{article.source}: extraction failed ({type(err).__name__}: {err})") from err
    return doc._.facts


def extract_paths(paths: Iterable[str], *, stored: Container[str] = ()) -> Iterator[Facts | Unchanged | Exception]:
    """Facts for every article under ``paths``; bad inputs come out as errors, in order.

    Articles whose input key is in ``stored`` are not extracted: they come out as ``Unchanged``.
    """
    for item in read_articles(paths, stored=stored):
        if isinstance(item, (Exception, Unchanged)):
            yield item
            continue
        try:
            yield extract(item)
        except ExtractionError as err:
            yield err

