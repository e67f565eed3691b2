"""Synthetic articles in the genre, built from the lexicons only: for benchmarks and tests.

    from dvkg.ingest import synthetic

    for article in synthetic.articles(100_000, seed=1):   # a generator: one article at a time
        article.text, article.chairs, article.people       # the text and what was planted in it

    synthetic.write_jsonl("corpus/", 100_000)             # JSON Lines files of 1,000 records each

Nothing is downloaded and no corpus is read: people are a surname, one or two
middle names and a given name from ``lexicons/surnames.json`` (given names are
drawn from its middle names, most of which are also given names); posts pair
heads of ``titles.json`` with bodies of ``bodies.json`` and a province of
``provinces.json``; events, role verbs and documents come from ``events.json``
and ``documents.json``. Each article is a title line, a dated lead naming the
organising body, the event and the document reviewed, then the chairs in one
of the genre's constructions (``Các đồng chí: NAME, TITLE; NAME, TITLE, chủ
trì ...``, ``Đồng chí NAME, TITLE chủ trì ...``, ``Chủ trì ... có các đồng
chí: ...``, ``TITLE NAME chủ trì ...``, ``đồng chí NAME - TITLE``), attendees,
speakers, an award and filler sentences in shuffled order, so extraction does
the work it does on real articles. The same ``seed`` gives the same articles.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from .lexicon import load_json
from .normalize import strip_diacritics

__all__ = ["SyntheticArticle", "articles", "write_jsonl", "DEFAULT_SEED", "RECORDS_PER_FILE"]

DEFAULT_SEED = 1
#: ``write_jsonl`` starts a new file every this many records, so a reader never holds a huge file.
RECORDS_PER_FILE = 1_000

# Surnames that are also words a title, body or verb starts with; a name would be read as something else.
_NOT_SURNAMES = {"Phó", "Đồng", "Ông", "Từ", "Đoàn", "Nay", "Xa", "Quan", "Danh", "Châu", "Thạch", "Sơn", "Giang",
                 "Hàn", "Quảng", "Bàn", "Cung", "Tôn", "Ninh", "Trình", "Âu", "Cao", "Kim", "Mai", "Hà", "Lâm"}
# Middle names that are not given names (Thị, Văn) or are too short to stand last (A, Seo, Mí).
_NOT_GIVEN = {"Thị", "Văn", "A", "Seo", "Mí", "Như", "Sỹ", "Sĩ", "Viết", "Khắc", "Đăng", "Tất", "Bá", "Hữu", "Công",
              "Đình", "Trọng", "Thế", "Gia", "Kim", "Cao", "Mai", "Hà", "Hoàng"}
_PARTY_TITLES = ("Bí thư", "Phó Bí thư", "Phó Bí thư Thường trực", "Ủy viên Ban Thường vụ")
_STATE_TITLES = ("Chủ tịch", "Phó Chủ tịch")
_STATE_BODIES = ("UBND tỉnh", "HĐND tỉnh", "Ủy ban MTTQ Việt Nam tỉnh")
_SECTIONS = ("Dân vận", "Tổ chức", "Tuyên giáo", "Nội chính", "Kinh tế")
_EVENTS = ("hội nghị", "hội thảo", "tọa đàm", "buổi làm việc", "hội nghị trực tuyến", "lễ", "họp mặt")
_PURPOSES = ("tổng kết {years} năm thực hiện", "sơ kết {years} năm triển khai", "quán triệt, triển khai",
             "đánh giá kết quả thực hiện")
_TOPICS = ("công tác dân vận", "công tác xây dựng Đảng", "phát triển kinh tế - xã hội", "cải cách hành chính",
           "công tác cán bộ", "xây dựng nông thôn mới", "chuyển đổi số")
_FILLER = (
    "Theo báo cáo, toàn tỉnh hiện có {n} mô hình hay, cách làm sáng tạo ở các lĩnh vực.",
    "Sau {years} năm thực hiện, đã có {n} lượt cán bộ, đảng viên được học tập, quán triệt.",
    "Tỷ lệ hộ nghèo giảm còn {pct}%, thu nhập bình quân đầu người đạt {n} triệu đồng.",
    "Các đại biểu tập trung thảo luận, làm rõ những kết quả đạt được, hạn chế và nguyên nhân.",
    "Hội nghị đã thông qua chương trình công tác năm {year} với {n} nhiệm vụ trọng tâm.",
    "Công tác phối hợp giữa các cấp, các ngành tiếp tục được tăng cường, đạt nhiều kết quả tích cực.",
)


@dataclass
class SyntheticArticle:
    """One generated article and the facts planted in it."""

    id: str
    title: str
    text: str  # the title line, a blank line, then the body
    published: str  # ISO date
    province: str
    event_type: str
    event_date: str  # ISO date of the event, printed in the lead
    chairs: list[str] = field(default_factory=list)  # names of the chairs, as printed
    people: dict[str, str] = field(default_factory=dict)  # every name planted → the post printed with it
    documents: list[str] = field(default_factory=list)  # document codes, e.g. 25-NQ/TW

    def to_record(self) -> dict:
        """A JSON Lines record ``dvkg ingest`` reads (``id``, ``title``, ``text``, ``published``)."""
        return {"id": self.id, "title": self.title, "text": self.text, "published": self.published}


def articles(n: int, seed: int = DEFAULT_SEED) -> Iterator[SyntheticArticle]:
    """``n`` generated articles, one at a time (nothing is kept between them)."""
    rng = random.Random(seed)
    for number in range(n):
        yield _article(number, rng)


def write_jsonl(folder: str | Path, n: int, seed: int = DEFAULT_SEED, *, per_file: int = RECORDS_PER_FILE) -> int:
    """Write ``n`` articles as JSON Lines files in ``folder`` (``part-00000.jsonl``...); the bytes written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    size, handle = 0, None
    try:
        for number, article in enumerate(articles(n, seed)):
            if number % per_file == 0:
                if handle:
                    handle.close()
                handle = (folder / f"part-{number // per_file:05d}.jsonl").open("wb")
            line = (json.dumps(article.to_record(), ensure_ascii=False) + "\n").encode("utf-8")
            size += handle.write(line)
    finally:
        if handle:
            handle.close()
    return size


# ------------------------------------------------------------------ pieces


@dataclass(frozen=True)
class _Words:
    surnames: tuple[str, ...]
    middles: tuple[str, ...]
    inner: tuple[str, ...]  # middle names that may open a two-word middle: none is also a surname
    given: tuple[str, ...]
    provinces: tuple[str, ...]
    documents: tuple[tuple[str, str], ...]  # (type, symbol)
    not_names: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    names = load_json("surnames")
    surnames = tuple(s for s in names["surnames"] if " " not in s and s not in _NOT_SURNAMES)
    middles = tuple(m for m in names["middle_names"] if m not in ("A", "Seo", "Mí"))
    inner = tuple(m for m in middles if m not in names["surnames"])
    given = tuple(m for m in names["middle_names"] if m not in _NOT_GIVEN and m not in surnames)
    provinces = tuple(p["name"] for p in load_json("provinces")["provinces"] if p["kind"] == "tỉnh")
    types = set(load_json("documents")["types"])
    symbols = load_json("documents")["symbols"]
    documents = tuple((t, s) for s, t in symbols.items() if t in types and s in ("NQ", "KL", "CT", "QĐ", "KH", "CTr"))
    not_names = frozenset(strip_diacritics(n).casefold() for n in names["not_person_names"])
    return _Words(surnames, middles, inner, given, provinces, documents, not_names)


def _name(rng: random.Random, taken: set[str]) -> str:
    words = _words()
    while True:
        middle = rng.choice(words.middles) if rng.random() < 0.85 else f"{rng.choice(words.inner)} {rng.choice(words.middles)}"
        name = f"{rng.choice(words.surnames)} {middle} {rng.choice(words.given)}"
        if name not in taken and strip_diacritics(name).casefold() not in words.not_names and len(set(name.split())) == len(name.split()):
            taken.add(name)
            return name


def _post(rng: random.Random) -> str:
    """A post as printed after a name: ``Phó Bí thư Thường trực Tỉnh ủy``, ``Chủ tịch UBND tỉnh``..."""
    kind = rng.random()
    if kind < 0.4:
        return f"{rng.choice(_PARTY_TITLES)} Tỉnh ủy"
    if kind < 0.75:
        return f"{rng.choice(_STATE_TITLES)} {rng.choice(_STATE_BODIES)}"
    section = rng.choice(_SECTIONS)
    return f"Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng ban {section} Tỉnh ủy" if rng.random() < 0.5 else f"Trưởng ban {section} Tỉnh ủy"


def _date(rng: random.Random) -> date:
    return date(2015, 1, 1) + timedelta(days=rng.randrange(3650))


def _printed_date(day: date, rng: random.Random) -> str:
    lead = rng.choice(("Ngày", "Sáng", "Chiều", "Ngày"))
    if rng.random() < 0.2:
        return f"{lead} {day.day} tháng {day.month} năm {day.year}"
    return f"{lead} {day.day}/{day.month}/{day.year}"


def _document(rng: random.Random, year: int) -> tuple[str, str]:
    """(phrase naming the document, its code)."""
    doc_type, symbol = rng.choice(_words().documents)
    number = rng.randrange(1, 120)
    if rng.random() < 0.6:
        issuer_code, issuer = "TW", rng.choice(("Ban Chấp hành Trung ương Đảng", "Bộ Chính trị", "Ban Bí thư"))
    else:
        issuer_code, issuer = "TU", "Tỉnh ủy"
    code = f"{number}-{symbol}/{issuer_code}"
    issued = date(year - rng.randrange(1, 10), rng.randrange(1, 13), rng.randrange(1, 29))
    return f"{doc_type} số {code} ngày {issued.day}/{issued.month}/{issued.year} của {issuer}", code


def _listed(people: list[tuple[str, str]]) -> str:
    return "; ".join(f"{name}, {post}" for name, post in people)


def _chair_sentence(rng: random.Random, event: str, chairs: list[tuple[str, str]]) -> str:
    if len(chairs) > 1:
        if rng.random() < 0.5:
            return f"Các đồng chí: {_listed(chairs)}, chủ trì {event}."
        return f"Chủ trì {event} có các đồng chí: {_listed(chairs)}."
    (name, post), = chairs
    form = rng.randrange(3)
    if form == 0:
        return f"Đồng chí {name}, {post} chủ trì {event}."
    if form == 1 and "," not in post:
        return f"{post} {name} chủ trì {event}."
    return f"Đồng chí {name} - {post} chủ trì {event}."


def _article(number: int, rng: random.Random) -> SyntheticArticle:
    words = _words()
    province = rng.choice(words.provinces)
    day = _date(rng)
    event = rng.choice(_EVENTS)
    taken: set[str] = set()
    chairs = [(_name(rng, taken), _post(rng)) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
    attendees = [(_name(rng, taken), _post(rng)) for _ in range(rng.randrange(0, 3))]
    awarder = (_name(rng, taken), _post(rng))
    years = rng.choice((5, 10, 15, 20))
    document, code = _document(rng, day.year)
    topic = rng.choice(_TOPICS)
    purpose = rng.choice(_PURPOSES).format(years=years)
    organiser = rng.choice(("Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "UBND tỉnh", "Ban Dân vận Tỉnh ủy"))
    noun = "buổi lễ" if event == "lễ" else event
    title = f"{province}: {purpose[0].upper()}{purpose[1:]} {code} về {topic}"
    lead = f"{_printed_date(day, rng)}, {organiser} {province} tổ chức {noun} {purpose} {document} về {topic}."
    head = rng.choice(chairs)[0]
    body = [_chair_sentence(rng, noun, chairs)]
    if attendees:
        body.append(f"Dự {noun} có các đồng chí: {_listed(attendees)}." if len(attendees) > 1
                    else f"Tham dự {noun} có đồng chí {attendees[0][0]}, {attendees[0][1]}.")
    fillers = rng.sample(_FILLER, 3)
    body += [f.format(n=rng.randrange(20, 2000), years=years, pct=round(rng.uniform(1, 9), 2), year=day.year + 1)
             for f in fillers]
    body.append(f"Phát biểu kết luận {noun}, đồng chí {head} đề nghị các cấp, các ngành tiếp tục đưa {topic} vào cuộc sống.")
    body.append(f"Dịp này, đồng chí {awarder[0]}, {awarder[1]} trao bằng khen cho {rng.randrange(3, 40)} tập thể và "
                f"{rng.randrange(3, 60)} cá nhân có thành tích xuất sắc.")
    text = "\n\n".join([title, lead, *body])
    people = dict(chairs + attendees + [awarder])
    return SyntheticArticle(
        id=f"synthetic-{number:07d}", title=title, text=text,
        published=(day + timedelta(days=rng.randrange(0, 3))).isoformat(), province=province,
        event_type="lễ" if event == "lễ" else ("hội nghị" if event.startswith("hội nghị") else event),
        event_date=day.isoformat(), chairs=[name for name, _ in chairs], people=people, documents=[code],
    )
