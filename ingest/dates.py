"""Dates as the genre prints them, and the year a day-and-month belongs to.

``Ngày 28/11``, ``Sáng 8/7``, ``12-10-2020``, ``ngày 3 tháng 6 năm 2013``,
``Sáng nay (20/1)``. An impossible date (``15/15/2022``) is reported, never
repaired: the caller stores null.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates", "leading_date", "iso", "infer_year", "anniversary_year"]

# Each pattern opens with a lookahead for a digit, so the engine skips other positions before the lookbehind.
_NUMERIC = re.compile(r"(?=\d)(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/-]|\.\d)")
_WORDY = re.compile(r"(?=\d)(?<!\d)(\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?", re.I)
# An outlet's dateline before a sentence's date: "TTO - ", "(ĐCSVN) - ", "(Chinhphu.vn) - ", "BẮC GIANG - ".
# "HÀ NỘI, 20/11 (TTXVN) - ": a wire dateline with its day and agency.
_OUTLET = r"\(?[A-ZĐ][\w.]{1,15}(?: [A-ZĐ][\w.]{1,15}){0,2}\)?"
_AGENCY = r"(?:\s*\([A-ZĐ][\w.]{1,15}\))?\s*[-–]\s*"
_DATELINE = r"^(?:" + _OUTLET + r"(?:,\s*\d{1,2}/\d{1,2}(?:/\d{4})?)?" + _AGENCY + r")?"
# "Sáng thứ Hai (3/3)", "Chủ nhật, ngày 2/3": a weekday between the day-part and the date.
_WEEKDAY = r"thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật"
# A day-part or "ngày" right before a date makes a bare d/m a date (not a score or ratio).
_LEAD = re.compile(
    _DATELINE
    + r"(?:(?:trước đó|sau đó|cùng ngày|trong khi đó|tiếp đó)\s*,\s*)?"
    r"\W*(?:(?:vào |trong )?(?:sáng|chiều|tối|trưa|đêm|ngày|hôm nay|hôm qua|sáng nay|chiều nay|tối nay|trưa nay|"
    r"sáng qua|chiều qua|tối qua|trưa qua|" + _WEEKDAY + r")"
    r"(?: (?:ngày|nay|hôm qua|" + _WEEKDAY + r"))?\s*(?:\(|,)?\s*(?:ngày\s*)?)"
    r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?",
    re.I,
)
_LEAD_WORDY = re.compile(
    _DATELINE + r"\W*(?:sáng|chiều|tối|trưa|ngày)\s+(?:ngày\s+)?(\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?",
    re.I,
)
# "HÀ NỘI, 20/11 (TTXVN) - Chiều nay, ...": "today" is the wire dateline's day.
_WIRE_TODAY = re.compile(
    "^" + _OUTLET + r",\s*(\d{1,2})/(\d{1,2})(?:/(\d{4}))?" + _AGENCY + r"(?:sáng|chiều|tối|trưa|hôm) nay\b", re.I)
# An event of several days, dated by its first: "Trong 2 ngày 14 và 15/7/2022, ...", "Trong hai ngày 14-15/7",
# "Trong 2 ngày 30/9 và 1/10/2025", "Từ ngày 30/10 đến 1/11/2025". Groups: first day, its month and year when
# printed, the last day's month and year.
_LEAD_SPAN = re.compile(
    _DATELINE + r"\W*(?:(?:trong |sau )?(?:\d|hai|ba|bốn|năm) ngày\s*(?:\(|,)?\s*(?:từ )?|(?:(?:sáng|chiều) )?từ )"
    r"(?:ngày )?(\d{1,2})(?:\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?)?"
    r"\s*(?:và|-|–|đến|tới)\s*(?:ngày )?\d{1,2}\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?",
    re.I,
)
# A time of day and a date between commas after an opening clause; "ngày" alone is left out, as
# "Nghị quyết số 25-NQ/TW, ngày 3/6/2013, của ..." dates a document, not the event.
_LEAD_AFTER_CLAUSE = re.compile(
    r",\s*(?:vào )?(?:sáng|chiều|tối|trưa)(?: nay)?\s*(?:\(|,)?\s*(?:ngày\s*)?"
    r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?\)?\s*,(?=\s*(?:tại\s|(?-i:[A-ZĐ])))",
    re.I,
)
# "Thực hiện Kế hoạch số 1520/KH-BDTTG ngày 15/9/2025 của Bộ ..., ngày 28/11, tại ..., Bộ ... tổ chức": after a
# clause that cites a document, "ngày" and a day without a year (a document prints its year) dates the event.
_DAY_AFTER_CITATION = re.compile(
    r",\s*ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})()\s*,(?=\s*(?:tại\s|(?-i:[A-ZĐ])))", re.I)
# a document's own date, which does not stop the event's from following its clause
_CITED_DATE = re.compile(r"số\s*\S*\d\S*\s+ngày\s*\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?", re.I)
_BEFORE_A_DAY = ("ngày", "sáng", "chiều", "tối", "trưa", "nay", "đến", "từ", "(")  # what makes a bare d/m a date
_CLAUSE_CHARS = 160  # the opening clause is short: a date further on is not the sentence's
_A_DATE = re.compile(r"\d{1,2}\s*[/.-]\s*\d")
_A_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DateMention:
    day: int
    month: int
    year: int | None
    start: int
    end: int
    text: str

    @property
    def valid(self) -> bool:
        return _real(self.year or 2000, self.month, self.day)


def iso(year: int | None, month: int, day: int) -> str | None:
    """``YYYY-MM-DD``, or None when the year is unknown or the date impossible."""
    if year is None or not _real(year, month, day):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _real(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
        return 1900 <= year <= 2100
    except ValueError:
        return False


def find_dates(text: str) -> list[DateMention]:
    """Every d/m[/y] and ``d tháng m năm y`` in ``text``; a d/m needs ``ngày``/a day-part before it."""
    found: list[DateMention] = []
    for m in _NUMERIC.finditer(text):
        year = int(m[3]) if m[3] else None
        if year is None and not text[: m.start()].rstrip().lower().endswith(_BEFORE_A_DAY):
            continue
        found.append(DateMention(int(m[1]), int(m[2]), year, m.start(), m.end(), m[0]))
    for m in _WORDY.finditer(text):
        found.append(DateMention(int(m[1]), int(m[2]), int(m[3]) if m[3] else None, m.start(), m.end(), m[0]))
    return sorted(found, key=lambda d: d.start)


def leading_date(sentence: str) -> DateMention | None:
    """The date a sentence opens with: ``Ngày 28/11, ...``, ``Sáng nay (20/1), ...``, ``Ngày 24 tháng 10 năm 2025``;
    or that follows its opening clause: ``Sau ba ngày làm việc khẩn trương, chiều 30/9/2025, Đại hội ...``."""
    if _A_DIGIT.search(sentence) is None:
        return None  # every form below holds a digit; most sentences hold none
    span = _LEAD_SPAN.match(sentence)
    if span:
        month = int(span[2] or span[4])
        year = int(span[3] or span[5]) if span[3] or span[5] else None
        if not span[3] and year and month > int(span[4]):
            year -= 1  # "từ 30/12 đến 2/1/2026": the first day is in the year before
        return DateMention(int(span[1]), month, year, span.start(1), span.end(), span[0])
    m = _LEAD.match(sentence) or _LEAD_WORDY.match(sentence) or _WIRE_TODAY.match(sentence) or _after_clause(sentence)
    if not m:
        return None
    return DateMention(int(m[1]), int(m[2]), int(m[3]) if m[3] else None, m.start(1), m.end(), m[0])


def _after_clause(sentence: str) -> re.Match | None:
    m = _LEAD_AFTER_CLAUSE.search(sentence, 0, _CLAUSE_CHARS)
    if m is None or m.start() < 3 or _A_DATE.search(sentence, 0, m.start()):
        m = _DAY_AFTER_CITATION.search(sentence, 0, _CLAUSE_CHARS)
        if m is None or m.start() < 3 or _A_DATE.search(_CITED_DATE.sub(" ", sentence[: m.start()])):
            return None  # no opening clause, or one that holds a date of its own (not a cited document's)
    return m


def infer_year(day: int, month: int, published: str | None, evidence: list[DateMention]) -> int | None:
    """The year of a day and month printed without one, from the article's own evidence.

    The publication date fixes it (an event is not reported before it
    happens: a later day-month belongs to the year before). Without one, a
    full date printed in the article body that falls shortly before the
    event (``Đến 30/10/2023`` in a report of 28/11) fixes it. Otherwise None.
    """
    if published:
        pub = dt.date.fromisoformat(published)
        year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
        return year if _real(year, month, day) else None
    candidates = []
    for d in evidence:
        if d.year is None or not d.valid:
            continue
        when = dt.date(d.year, d.month, d.day)
        if _real(d.year, month, day) and 0 <= (dt.date(d.year, month, day) - when).days <= 120:
            candidates.append(d.year)
    return max(candidates) if candidates else None


_ANNIVERSARY = re.compile(
    r"kỷ niệm\s+\d+\s+năm[^()]{0,120}\((?:\d{1,2}[/.-]\d{1,2}[/.-])?\d{4}\s*[-–]\s*(?:\d{1,2}[/.-]\d{1,2}[/.-])?(\d{4})\)",
    re.I,
)


def anniversary_year(sentence: str) -> int | None:
    """``lễ kỷ niệm 50 năm Ngày thành lập Trường (1967 - 2017)``: the year the event names for itself."""
    m = _ANNIVERSARY.search(sentence)
    return int(m[1]) if m else None
