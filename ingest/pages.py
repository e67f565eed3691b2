"""Pages: what a news page holds outside the body text that the article needs, its lead and its date.

Vietnamese news sites print the lead (the *sapo*: the bold first paragraph,
which usually carries the event's date and place) in a block of its own beside
the body, and trafilatura's main-text extraction often leaves it out. They
give the publication time as an ISO time, often in UTC (``17:30Z`` on the 14th
is the 15th in Vietnam), or only as a date line outside the body
(``21/09/2025 | 07:45 GMT+7``).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from lxml import etree, html

from .dates import find_dates, iso

__all__ = ["page_lead", "page_date", "VIETNAM"]

VIETNAM = timezone(timedelta(hours=7))
# A block's class or id naming a lead: "detail-sapo", "article__sapo", "lead", "summary", "chapeau".
_LEAD_NAME = re.compile(r"(?:^|[\s_-])(?:sapo|lead|chapeau|summary|excerpt|teaser|intro|tomtat|tom-tat|description)"
                        r"(?:$|[\s_-])", re.I)
_DATE_NAME = re.compile(r"date|time|publish|ngay-?dang", re.I)
_NOT_ARTICLE = {"header", "footer", "nav", "aside", "head", "script", "style", "noscript", "form"}
_MIN_LEAD = 40  # characters: a lead is a sentence, not a label
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
_DATE_META = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate' or @name='publishdate' or @name='date']/@content",
    "//time[@itemprop='datePublished']/@datetime",
)


def parse(html_text: str):
    """The page as an lxml tree, or None when it cannot be parsed."""
    try:
        return html.fromstring(html_text)
    except (etree.ParserError, ValueError):
        return None


def page_lead(tree) -> str | None:
    """The text of the first block named as a lead, outside the page's header, footer and navigation."""
    if tree is None:
        return None
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_ARTICLE or element.tag == "meta":
            continue
        name = f"{element.get('class', '')} {element.get('id', '')}"
        if not _LEAD_NAME.search(name) or any(a.tag in _NOT_ARTICLE for a in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if len(text) >= _MIN_LEAD:
            return text
    return None


def page_date(tree) -> str | None:
    """The publication date (ISO, in Vietnam's time) from the page's metadata, else from a date line."""
    if tree is None:
        return None
    for path in _DATE_META:
        for value in tree.xpath(path):
            found = _iso_date(str(value))
            if found:
                return found
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "meta"):
            continue
        if _DATE_NAME.search(f"{element.get('class', '')} {element.get('id', '')}"):
            printed = next((iso(d.year, d.month, d.day) for d in find_dates(element.text_content()) if d.year), None)
            if printed:
                return printed
    return None


def _iso_date(value: str) -> str | None:
    m = _ISO.match(value.strip())
    if not m or not iso(int(m[1]), int(m[2]), int(m[3])):
        return None
    day = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0))
    if m[7]:  # a time with its zone: the day it was in Vietnam
        zone = timezone.utc if m[7] == "Z" else _zone(m[7])
        day = day.replace(tzinfo=zone).astimezone(VIETNAM)
    return day.date().isoformat()


def _zone(offset: str) -> timezone:
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))

