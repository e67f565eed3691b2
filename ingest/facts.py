"""Facts: what the extractor found in one article, each with its evidence.

This is the boundary between ``ingest`` (which knows no RDF) and ``graph``.
``Facts.to_record()`` gives the extraction record of ``shared/eval/SCHEMA.md``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Evidence", "Position", "Person", "Document", "Role", "Event", "Facts", "Unchanged", "ROLE_KINDS"]

RoleKind = Literal["chair", "speaker", "attendee"]
#: Role kinds in order of precedence: a chair who also speaks is listed as both
#: chair and speaker; an attendee is only someone who neither chairs nor speaks.
ROLE_KINDS: tuple[RoleKind, ...] = ("chair", "speaker", "attendee")


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact was read from.

    ``start``/``end`` are character offsets of the sentence in the article's
    normalised text (``Facts.text``), so ``text[start:end] == sentence``.
    """

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Position:
    """A post a person is said to hold: ``Phó Bí thư Thường trực`` in ``Tỉnh ủy Sơn La``."""

    title: str
    organization: str | None
    evidence: Evidence


@dataclass
class Person:
    name: str
    positions: list[Position] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Document:
    """A resolution, conclusion, directive...: ``25-NQ/TW``, type ``Nghị quyết``."""

    code: str
    type: str | None
    issuer: str | None  # as printed: "Bộ Chính trị, Ban Bí thư" for two bodies issuing it together
    date: str | None  # ISO YYYY-MM-DD
    evidence: Evidence
    issuers: tuple[str, ...] = ()  # a joint issuer's bodies, one by one; empty for one body


@dataclass(frozen=True)
class Role:
    """``person`` acted as ``kind`` at an event; ``verb`` is the word that says so."""

    kind: RoleKind
    person: str
    verb: str
    evidence: Evidence


@dataclass
class Event:
    type: str  # lower-case head noun: "hội nghị", "họp mặt", "lễ"...
    date: str | None  # ISO YYYY-MM-DD or None when the text does not fix it
    evidence: Evidence
    organizers: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # codes

    def people(self, kind: RoleKind) -> list[str]:
        """Names in role ``kind``, first mention first, by the precedence of ROLE_KINDS."""
        chairs = _unique(r.person for r in self.roles if r.kind == "chair")
        speakers = _unique(r.person for r in self.roles if r.kind == "speaker")
        if kind == "chair":
            return chairs
        if kind == "speaker":
            return speakers
        taken = set(chairs) | set(speakers)
        return [p for p in _unique(r.person for r in self.roles if r.kind == "attendee") if p not in taken]


@dataclass
class Facts:
    """Everything extracted from one article."""

    article: str  # the article's name: file name, or path relative to the folder given
    source: str  # where it was read from: a path or a URL
    text: str  # the normalised text all offsets refer to
    title: str | None = None
    published: str | None = None  # ISO date printed in the article
    province: str | None = None  # the province the article is about, when it fixes one
    events: list[Event] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. an impossible date seen and dropped
    input_key: str | None = None  # ``version.input_key`` of the article read

    def to_record(self) -> dict:
        """The extraction record of ``shared/eval/SCHEMA.md``."""
        return {
            "article": self.article,
            "published": self.published,
            "events": [
                {
                    "type": e.type,
                    "date": e.date,
                    "organizers": list(e.organizers),
                    "chairs": e.people("chair"),
                    "speakers": e.people("speaker"),
                    "attendees": e.people("attendee"),
                    "documents": list(e.documents),
                }
                for e in self.events
            ],
            "people": [
                {
                    "name": p.name,
                    "positions": [{"title": q.title, "organization": q.organization} for q in p.positions],
                }
                for p in self.people
            ],
            "documents": [
                {"code": d.code, "type": d.type, "issuer": d.issuer, "date": d.date} for d in self.documents
            ],
        }

    def explain(self) -> dict:
        """The record with each fact's evidence (sentence and offsets)."""
        ev = lambda e: {"sentence": e.sentence, "start": e.start, "end": e.end}  # noqa: E731
        record = self.to_record()
        for rec_event, event in zip(record["events"], self.events):
            rec_event["evidence"] = ev(event.evidence)
            rec_event["roles"] = [
                {"kind": r.kind, "person": r.person, "verb": r.verb, "evidence": ev(r.evidence)} for r in event.roles
            ]
        for rec_person, person in zip(record["people"], self.people):
            rec_person["evidence"] = [ev(e) for e in person.evidence]
            for rec_pos, pos in zip(rec_person["positions"], person.positions):
                rec_pos["evidence"] = ev(pos.evidence)
        for rec_doc, doc in zip(record["documents"], self.documents):
            rec_doc["evidence"] = ev(doc.evidence)
        record["province"] = self.province
        record["warnings"] = list(self.warnings)
        return record


def _unique(items) -> list:
    return list(dict.fromkeys(items))


@dataclass(frozen=True)
class Unchanged:
    """An article left unread: the store already holds the graph of this very input (``version.input_key``)."""

    article: str  # its name, as ``Facts.article``
