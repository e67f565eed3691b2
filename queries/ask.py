"""Questions in Vietnamese or English → a named query with bound parameters → answers with evidence.

    Ai chủ trì hội nghị tổng kết Nghị quyết 25 ở Sơn La?   → chaired   (code, province, type)
    What did Lo Minh Hung chair?                           → chaired   (person)
    Lò Minh Hùng giữ chức vụ gì?                           → person-posts (person)
    Which provinces reviewed 25-NQ/TW?                     → document-reviews (document)
    Ai dự hội nghị ngày 28/11/2023?                        → participants (from, to, type)

Parsing is templates in Python, offline: the question is folded (no
diacritics, one tone-mark placement, lower case), its entities are found
with the extractor's lexicons (provinces, event nouns, document types) and
the store's own names (people, documents), and a few keyword patterns pick
the question form. Word order, ``đồng chí``, ``đồng chủ trì``/``làm chủ
trì`` and dates in any common printed form do not matter. Every parameter
is bound as an RDF term by the runner, never pasted into SPARQL.
"""
from __future__ import annotations

import json
import re
import weakref
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rdflib import Literal, URIRef

from dvkg.errors import QueryError
from dvkg.ingest.lexicon import load_json
from dvkg.ingest.normalize import fold, normalize_text
from dvkg.queries.runner import load_query, param_term, render, run_query

__all__ = ["ask", "Answer", "Evidence", "Reply", "QuestionError", "QUESTION_FORMS"]

#: What ``dvkg ask`` understands, shown when a question cannot be parsed.
QUESTION_FORMS = (
    "Ai chủ trì <sự kiện> [tổng kết <văn bản>] [ở <tỉnh>] [ngày <ngày>]?  /  Who chaired <event> [reviewing <document>] [in <province>] [on <date>]?",
    "<người> đã chủ trì những hội nghị nào?  /  What did <person> chair?",
    "<người> giữ chức vụ gì?  /  What posts does <person> hold?",
    "Tỉnh nào đã tổng kết <văn bản>?  /  Which provinces reviewed <document>?",
    "Ai dự hội nghị ngày <ngày>?  /  Who attended events on <date>?",
    "<người> đã dự những sự kiện nào?  /  What did <person> attend?",
    "<người> làm việc với ai?  /  Who does <person> work with?",
)

ID = "https://w3id.org/dvkg/id/"


class QuestionError(QueryError):
    """A question dvkg cannot parse; the message lists the forms it understands."""

    def __init__(self, question: str, reason: str):
        forms = "\n".join(f"  - {form}" for form in QUESTION_FORMS)
        super().__init__(f"cannot answer {question!r}: {reason}. dvkg ask understands:\n{forms}")
        self.question, self.reason = question, reason


@dataclass
class Evidence:
    article: str
    sentence: str


@dataclass
class Answer:
    text: str
    entity: str  # IRI
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Reply:
    """The answer to one question, and how it was found."""

    question: str
    query: str  # the SPARQL run
    query_name: str = ""
    bindings: dict[str, str] = field(default_factory=dict)  # variable → N-Triples term
    answers: list[Answer] = field(default_factory=list)
    candidates: list[Answer] = field(default_factory=list)  # an ambiguous name: who it may be
    note: str = ""

    def to_dict(self) -> dict:
        record = {
            "question": self.question,
            "query": self.query,
            "answers": [_answer_dict(a) for a in self.answers],
            "query_name": self.query_name,
            "bindings": self.bindings,
        }
        if self.candidates:
            record["candidates"] = [_answer_dict(a) for a in self.candidates]
        if self.note:
            record["note"] = self.note
        return record

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        lines = []
        if self.note:
            lines.append(self.note)
        for answer in self.candidates:
            lines.append(f"- {answer.text}  <{answer.entity}>")
        for answer in self.answers:
            lines.append(f"- {answer.text}")
            for ev in answer.evidence:
                lines.append(f"    “{ev.sentence}” ({ev.article})")
        if not self.answers and not self.candidates and not self.note:
            lines.append("No answer in the store.")
        return "\n".join(lines) + "\n"


def _answer_dict(answer: Answer) -> dict:
    return {
        "text": answer.text,
        "entity": answer.entity,
        "evidence": [{"article": e.article, "sentence": e.sentence} for e in answer.evidence],
    }


# ------------------------------------------------------------------ parsing


@dataclass
class Parsed:
    """What a question asks: its form and the entities found in it."""

    form: str
    english: bool
    persons: list[tuple[str, list[str]]] = field(default_factory=list)  # (name as asked, IRIs)
    code: str | None = None
    province: str | None = None  # IRI
    province_name: str | None = None
    event_type: str | None = None
    date_from: str | None = None
    date_to: str | None = None


_ENGLISH = re.compile(r"\b(who|what|which|whom|did|does|do|chair\w*|attend\w*|posts?|hold\w*|review\w*|provinces?|events?|with)\b")
_CHAIR = re.compile(r"\b(chu tri|chair\w*|co-chair\w*|presid\w*)\b")
_POSTS = re.compile(r"\b(chuc vu|chuc danh|cuong vi|giu chuc|dam nhiem|dam nhan|posts?|positions?|titles?|offices?|holds?)\b")
_REVIEW = re.compile(r"\b(tong ket|so ket|thuc hien|trien khai|quan triet|hoc tap|danh gia|review\w*|implement\w*|discuss\w*)\b")
_WHERE = re.compile(r"\b(tinh nao|dia phuong nao|tinh thanh nao|noi nao|o dau|nhung tinh|cac tinh|provinces?|where|which bod\w*|co quan nao)\b")
_ATTEND = re.compile(r"\b(du|tham du|co mat|attend\w*|participat\w*|present|took part|take part|were at|was at)\b")
_WITH = re.compile(r"\b(lam viec voi|cong tac voi|cung voi ai|voi ai|works? with|worked with|colleagues?|co-?workers?)\b")
_WHO = re.compile(r"^\W*(ai|nhung ai|who|whom)\b|\b(la ai|nhung ai|who)\W*$")


def parse(question: str, index: "StoreIndex") -> Parsed:
    """The form of ``question`` and its entities; QuestionError when no form fits."""
    folded = _fold_question(question)
    english = bool(_ENGLISH.search(folded)) and not re.search(r"\b(ai|nao|gi|nhung)\b", folded)
    parsed = Parsed(form="", english=english)
    parsed.persons = index.persons_in(folded)
    parsed.code = index.document_in(question, folded)
    parsed.province, parsed.province_name = index.province_in(folded)
    parsed.event_type = _event_type_in(folded)
    parsed.date_from, parsed.date_to = _dates_in(folded)
    parsed.form = _form(folded, parsed)
    if not parsed.form:
        raise QuestionError(question, "no question form matches")
    return parsed


def _form(folded: str, p: Parsed) -> str:
    has_person = bool(p.persons)
    asks_who = bool(_WHO.search(folded))
    if has_person and _POSTS.search(folded):
        return "posts"
    if p.code and _WHERE.search(folded) and not _CHAIR.search(folded):
        return "reviews"
    if _CHAIR.search(folded):
        return "chaired-by" if has_person and not asks_who else "who-chaired"
    if has_person and _WITH.search(folded):
        return "works-with"
    if _ATTEND.search(folded) or (asks_who and (p.date_from or p.event_type)):
        return "attended-by" if has_person and not asks_who else "who-attended"
    if p.code and _REVIEW.search(folded):
        return "reviews"
    return ""


def _fold_question(question: str) -> str:
    text = fold(question)
    text = re.sub(r"\b(dong chi|d/c|ong|ba|mr|mrs|ms|comrade)\b\.?", " ", text)
    return " ".join(text.replace("?", " ").split())


# ------------------------------------------------------------------ entities


class StoreIndex:
    """People, documents and provinces of a store, keyed by folded name.

    Building it reads the whole store (about 0.3 s at 1M triples), so
    ``StoreIndex.of`` keeps one per store until the store's ``generation``
    (bumped by every write) moves; a store without one (a SPARQL server,
    written by others too) gets a new index for every question.
    """

    _kept: "weakref.WeakKeyDictionary[object, tuple[int, StoreIndex]]" = weakref.WeakKeyDictionary()

    @classmethod
    def of(cls, store) -> "StoreIndex":
        generation = getattr(store, "generation", None)
        kept = cls._kept.get(store)
        if generation is not None and kept is not None and kept[0] == generation:
            return kept[1]
        index = cls(store)
        if generation is not None:
            cls._kept[store] = (generation, index)
        return index

    def __init__(self, store):
        self.persons: dict[str, set[str]] = {}
        self.person_names: dict[str, str] = {}
        for iri, name in run_query(store, _PERSONS).rows:
            self.persons.setdefault(fold(name), set()).add(iri)
            self.person_names.setdefault(iri, name)
        self.by_surname_suffix: dict[str, set[str]] = {}
        for key, iris in self.persons.items():
            words = key.split()
            for n in range(1, len(words)):
                self.by_surname_suffix.setdefault(" ".join(words[-n:]), set()).update(iris)
        self.codes: dict[str, str] = {}
        self.codes_by_type: list[tuple[str, str]] = []  # (folded type, code)
        for code, doc_type in run_query(store, _DOCUMENTS).rows:
            self.codes[fold(code)] = code
            self.codes_by_type.append((fold(doc_type or ""), code))
        self.provinces: dict[str, tuple[str, str]] = {fold(label): (iri, label) for iri, label in run_query(store, _PROVINCES).rows}
        self._longest = max((len(k.split()) for k in self.persons), default=0)

    def persons_in(self, folded: str) -> list[tuple[str, list[str]]]:
        """Full names in the question (longest first); else a surname-less name after a title."""
        words = folded.split()
        found, used = [], set()
        for n in range(min(self._longest, len(words)), 1, -1):
            for i in range(len(words) - n + 1):
                if used & set(range(i, i + n)):
                    continue
                key = " ".join(words[i : i + n])
                if key in self.persons and key not in _province_keys():
                    found.append((key, sorted(self.persons[key])))
                    used.update(range(i, i + n))
        if found:
            return found
        for n in (3, 2):
            for i in range(len(words) - n + 1):
                key = " ".join(words[i : i + n])
                if key in self.by_surname_suffix and key not in _province_keys():
                    return [(key, sorted(self.by_surname_suffix[key]))]
        return []

    def document_in(self, question: str, folded: str) -> str | None:
        """A document code as printed (``25-NQ/TW``) or a short reference (``Nghị quyết 25``)."""
        for token in re.findall(r"\d+(?:[-/.][\w.]+)+", folded):
            code = self.codes.get(token.strip("."))
            if code:
                return code
        types = _document_types()
        for match in re.finditer(r"\b([a-z ]+?)\s+(?:so\s+|no\.?\s+|number\s+)?(\d{1,5})\b", folded):
            words = match.group(1).split()
            for n in range(min(4, len(words)), 0, -1):
                doc_type = types.get(" ".join(words[-n:]))
                if doc_type is None:
                    continue
                number = match.group(2)
                for typed, code in self.codes_by_type:
                    if typed == doc_type and re.match(rf"{number}(?:\D|$)", code):
                        return code
        return None

    def province_in(self, folded: str) -> tuple[str | None, str | None]:
        words = folded.split()
        names = _province_names()
        for n in range(4, 0, -1):
            for i in range(len(words) - n + 1):
                canonical = names.get(" ".join(words[i : i + n]))
                if canonical:
                    iri, label = self.provinces.get(fold(canonical), (ID + "province/" + _slug(canonical), canonical))
                    return iri, label
        return None, None


# The names, codes and provinces of the whole store, read as whole-store scans
# joined by hash (sub-SELECTs), each made distinct first: shared nodes repeat
# in every article graph naming them, and a join of them over the union of
# the graphs would pair every mention with every other.
_PERSONS = """PREFIX dvkg: <https://w3id.org/dvkg/ns#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?person ?name WHERE {
  { SELECT DISTINCT ?person WHERE { GRAPH ?g { ?person a dvkg:Person } } }
  { SELECT DISTINCT ?person ?name WHERE { GRAPH ?g { ?person foaf:name ?name } } }
}"""
_DOCUMENTS = """PREFIX dvkg: <https://w3id.org/dvkg/ns#>
SELECT DISTINCT ?code ?type WHERE {
  { SELECT DISTINCT ?d WHERE { GRAPH ?g { ?d a dvkg:Document } } }
  { SELECT DISTINCT ?d ?code WHERE { GRAPH ?g { ?d dvkg:code ?code } } }
  OPTIONAL { SELECT DISTINCT ?d ?type WHERE { GRAPH ?g { ?d dvkg:documentType ?type } } }
}"""
_PROVINCES = """PREFIX dvkg: <https://w3id.org/dvkg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?province ?label WHERE {
  { SELECT DISTINCT ?province WHERE { GRAPH ?g { ?province a dvkg:Province } } }
  { SELECT DISTINCT ?province ?label WHERE { GRAPH ?g { ?province rdfs:label ?label } } }
}"""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@lru_cache(maxsize=1)
def _province_names() -> dict[str, str]:
    """Folded name or variant → canonical province name, from the extractor's gazetteer."""
    names = {}
    for entry in load_json("provinces")["provinces"]:
        for variant in [entry["name"], *entry.get("variants", [])]:
            names[fold(variant)] = entry["name"]
    return names


@lru_cache(maxsize=1)
def _province_keys() -> frozenset[str]:
    return frozenset(_province_names())


_ENGLISH_DOCUMENTS = {
    "resolution": "nghi quyet", "conclusion": "ket luan", "directive": "chi thi", "decision": "quyet dinh",
    "project": "de an", "scheme": "de an", "plan": "ke hoach", "programme": "chuong trinh", "program": "chuong trinh",
    "action programme": "chuong trinh hanh dong", "action program": "chuong trinh hanh dong", "decree": "nghi dinh",
    "circular": "thong tu", "law": "luat", "regulation": "quy dinh", "instruction": "huong dan",
}


@lru_cache(maxsize=1)
def _document_types() -> dict[str, str]:
    """Folded document type (Vietnamese or English) → folded Vietnamese type, from the extractor's lexicon."""
    types = {fold(t): fold(t) for t in load_json("documents")["types"]}
    types.update(_ENGLISH_DOCUMENTS)
    return types


_ENGLISH_EVENTS = {
    "conference": "hội nghị", "conferences": "hội nghị", "meeting": "họp mặt", "meetings": "họp mặt",
    "ceremony": "lễ", "ceremonies": "lễ", "seminar": "hội thảo", "seminars": "hội thảo", "workshop": "hội thảo",
    "congress": "đại hội", "congresses": "đại hội", "forum": "diễn đàn", "session": "kỳ họp", "working session": "buổi làm việc",
}


@lru_cache(maxsize=1)
def _event_nouns() -> dict[str, str]:
    """Folded event noun (Vietnamese or English) → the event type dvkg stores, from the extractor's lexicon."""
    nouns = {fold(k): normalize_text(v) for k, v in load_json("events")["nouns"].items()}
    nouns.update(_ENGLISH_EVENTS)
    return nouns


def _event_type_in(folded: str) -> str | None:
    words = folded.split()
    nouns = _event_nouns()
    for n in range(4, 0, -1):
        for i in range(len(words) - n + 1):
            key = " ".join(words[i : i + n])
            if key in nouns and not (n == 1 and key == "le" and i + 1 < len(words) and words[i + 1] in ("minh", "van", "thi")):
                return nouns[key]
    return None


# ------------------------------------------------------------------ dates

_MONTHS = {m: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")], start=1) for m in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_PATTERNS = (
    (re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})\b"), ("d", "m", "y")),
    (re.compile(r"\b(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:nam|,|/)?\s*(\d{4})\b"), ("d", "m", "y")),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})\b"), ("d", "M", "y")),
    (re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"), ("M", "d", "y")),
)
_MONTH_PATTERNS = (
    (re.compile(r"\bthang\s+(\d{1,2})\s*(?:nam|/|-|,)?\s*(\d{4})\b"), ("m", "y")),
    (re.compile(rf"\b({_MONTH})\.?,?\s+(\d{{4}})\b"), ("M", "y")),
    (re.compile(r"\b(\d{4})-(\d{1,2})\b"), ("y", "m")),
    (re.compile(r"(?<![\d/.-])(\d{1,2})/(\d{4})\b"), ("m", "y")),
)
_YEAR = re.compile(r"\b(?:nam|in|year|during)\s+(\d{4})\b")


def _dates_in(folded: str) -> tuple[str | None, str | None]:
    """(first day, last day) of the date, month or year a question names; (None, None) if none."""
    for pattern, order in _DAY_PATTERNS:
        for m in pattern.finditer(folded):
            parts = _parts(m, order)
            day = _date(parts.get("y"), parts.get("m"), parts.get("d"))
            if day:
                return day, day
    for pattern, order in _MONTH_PATTERNS:
        for m in pattern.finditer(folded):
            parts = _parts(m, order)
            first = _date(parts["y"], parts["m"], 1)
            if first:
                following = date(parts["y"] + (parts["m"] == 12), parts["m"] % 12 + 1, 1)
                return first, date.fromordinal(following.toordinal() - 1).isoformat()
    m = _YEAR.search(folded)
    if m:
        return f"{m[1]}-01-01", f"{m[1]}-12-31"
    return None, None


def _parts(m: re.Match, order: tuple[str, ...]) -> dict[str, int]:
    parts = {}
    for key, value in zip(order, m.groups()):
        parts["m" if key == "M" else key] = _MONTHS[value] if key == "M" else int(value)
    return parts


def _date(year, month, day) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except (TypeError, ValueError):
        return None


# ------------------------------------------------------------------ answering


def ask(store, question: str, index: StoreIndex | None = None) -> Reply:
    """Answer ``question`` from ``store``: the named query run, its bindings and answers with evidence."""
    if not question or not question.strip():
        raise QuestionError(question, "the question is empty")
    index = index or StoreIndex.of(store)
    parsed = parse(question, index)
    if len(parsed.persons) == 1 and len(parsed.persons[0][1]) > 1:
        return _ambiguous(question, parsed, index)
    return _ANSWERERS[parsed.form](store, question, parsed, index)


def _ambiguous(question: str, parsed: Parsed, index: StoreIndex) -> Reply:
    asked, iris = parsed.persons[0]
    reply = Reply(question, "", note=f"“{asked}” may be any of {len(iris)} people; ask again with one of these names:")
    reply.candidates = [Answer(index.person_names.get(iri, iri), iri) for iri in iris]
    return reply


def _run(store, name: str, question: str, params: dict[str, object]) -> tuple[Reply, list[dict]]:
    params = {k: v for k, v in params.items() if v is not None}
    result = run_query(store, name, params)
    terms = {k: param_term(v) for k, v in params.items()}
    bindings = {k: _nt(term) for k, term in terms.items()}
    reply = Reply(question, render(load_query(name).text, terms), query_name=name, bindings=bindings)
    return reply, [dict(zip(result.columns, row)) for row in result.rows]


def _nt(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal) and term.datatype:
        return f'"{term}"^^<{term.datatype}>'
    return json.dumps(str(term), ensure_ascii=False)


def _group(rows: list[dict], key: str, text) -> list[Answer]:
    """One answer per distinct ``key`` value, in order of first appearance, with its distinct evidence."""
    answers: dict[str, Answer] = {}
    for row in rows:
        answer = answers.get(row[key])
        if answer is None:
            answer = answers[row[key]] = Answer(text(row, rows), row[key])
        evidence = Evidence(row.get("article") or "", row.get("sentence") or "")
        if evidence.sentence and evidence not in answer.evidence:
            answer.evidence.append(evidence)
    return list(answers.values())


def _person(parsed: Parsed) -> str | None:
    return parsed.persons[0][1][0] if parsed.persons else None


def _when(row: dict) -> str:
    return f" {row['date']}" if row.get("date") else ""


def _who_chaired(store, question, parsed, index) -> Reply:
    reply, rows = _run(store, "chaired", question, {
        "code": parsed.code, "province": parsed.province and URIRef(parsed.province), "type": parsed.event_type,
        "from": parsed.date_from, "to": parsed.date_to,
    })
    verb = "chaired" if parsed.english else "chủ trì"

    def text(row, all_rows):
        events = sorted({f"{r['type']}{_when(r)}" + (f", {r['organiserName']}" if r.get("organiserName") else "")
                         for r in all_rows if r["person"] == row["person"]})
        return f"{row['name']} — {verb} {'; '.join(events)}"

    reply.answers = _group(rows, "person", text)
    return reply


def _chaired_by(store, question, parsed, index) -> Reply:
    reply, rows = _run(store, "chaired", question, {
        "person": URIRef(_person(parsed)), "type": parsed.event_type, "code": parsed.code,
        "province": parsed.province and URIRef(parsed.province), "from": parsed.date_from, "to": parsed.date_to,
    })

    def text(row, all_rows):
        documents = sorted({r["document"] for r in all_rows if r["event"] == row["event"] and r.get("document")})
        about = (" — " + ("reviewing " if parsed.english else "về ") + ", ".join(documents)) if documents else ""
        by = f", {row['organiserName']}" if row.get("organiserName") else ""
        return f"{row['type']}{_when(row)}{by}{about}"

    reply.answers = _group(rows, "event", text)
    return reply


def _posts(store, question, parsed, index) -> Reply:
    reply, rows = _run(store, "person-posts", question, {"person": URIRef(_person(parsed))})

    def text(row, all_rows):
        dates = sorted({r["date"] for r in all_rows if r["post"] == row["post"] and r.get("date")})
        when = f" ({', '.join(dates)})" if dates else ""
        return f"{row['title']} — {row['organisation'] or '?'}{when}"

    reply.answers = _group(rows, "post", text)
    return reply


def _reviews(store, question, parsed, index) -> Reply:
    reply, rows = _run(store, "document-reviews", question, {
        "code": parsed.code, "province": parsed.province and URIRef(parsed.province),
    })
    by_body = bool(re.search(r"\b(co quan|which bod\w*|bodies|don vi)\b", _fold_question(question)))
    key = "body" if by_body else "province"
    rows = [r for r in rows if r.get(key)]
    chaired = "chaired by" if parsed.english else "chủ trì"

    def text(row, all_rows):
        same = [r for r in all_rows if r[key] == row[key]]
        events = sorted({f"{r['type']}{_when(r)}" + (f" ({r['body']})" if r.get("body") and key != "body" else "")
                         + (f", {chaired} {r['chairs']}" if r.get("chairs") else "") for r in same})
        head = row["body"] if by_body else row["provinceName"]
        return f"{head} — {'; '.join(events)}"

    reply.answers = _group(rows, key, text)
    return reply


def _who_attended(store, question, parsed, index) -> Reply:
    reply, rows = _run(store, "participants", question, {
        "type": parsed.event_type, "from": parsed.date_from, "to": parsed.date_to,
    })
    reply.answers = _group(rows, "person", _attended_text(parsed))
    return reply


def _attended_by(store, question, parsed, index) -> Reply:
    reply, rows = _run(store, "participants", question, {
        "person": URIRef(_person(parsed)), "type": parsed.event_type, "from": parsed.date_from, "to": parsed.date_to,
    })

    def text(row, all_rows):
        roles = sorted({_role(r["role"], parsed.english) for r in all_rows if r["event"] == row["event"]})
        return f"{row['type']}{_when(row)} ({', '.join(roles)})"

    reply.answers = _group(rows, "event", text)
    return reply


def _attended_text(parsed: Parsed):
    def text(row, all_rows):
        same = [r for r in all_rows if r["person"] == row["person"]]
        roles = sorted({_role(r["role"], parsed.english) for r in same})
        events = sorted({f"{r['type']}{_when(r)}" for r in same})
        return f"{row['name']} ({', '.join(roles)}) — {'; '.join(events)}"

    return text


def _role(role: str, english: bool) -> str:
    return role if english else {"chair": "chủ trì", "speaker": "phát biểu", "attendee": "dự"}.get(role, role)


def _works_with(store, question, parsed, index) -> Reply:
    reply, rows = _run(store, "co-attendance", question, {"person": URIRef(_person(parsed))})
    times = "event(s) together" if parsed.english else "sự kiện cùng dự"
    reply.answers = [Answer(f"{r['otherName']} — {r['events']} {times}" + (f", last {r['last']}" if r.get("last") else ""),
                            r["other"]) for r in rows]
    return reply


_ANSWERERS = {
    "who-chaired": _who_chaired,
    "chaired-by": _chaired_by,
    "posts": _posts,
    "reviews": _reviews,
    "who-attended": _who_attended,
    "attended-by": _attended_by,
    "works-with": _works_with,
}
