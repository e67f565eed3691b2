"""Articles: read plain text, HTML pages and JSON Lines, and clean them.

``read_articles(paths)`` yields an ``Article`` per readable article and an
``ArticleError`` per unreadable one, so a batch reports bad files in one line
each and goes on. Cleaning leaves out page furniture: comment forms,
related-news lists, share buttons, image file names and photo credits.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Container, Iterable, Iterator

from dvkg.errors import ArticleError

from . import pages, version
from .facts import Unchanged
from .normalize import normalize_text

__all__ = ["Article", "read_articles", "read_article", "article_from_text", "clean_text", "ARTICLE_SUFFIXES"]

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
MAX_BYTES = 20_000_000  # a single "article" larger than this is not an article

# A line that opens page furniture: everything from it on is left out.
_SECTION_END = re.compile(
    r"^(?:bình luận|ý kiến bạn đọc|gửi bình luận|viết bình luận|tin cùng chuyên mục|có thể bạn quan tâm|"
    r"tin mới(?: nhất| hơn)?|tin liên quan|bài liên quan|tin khác|các tin khác|tin đọc nhiều|xem nhiều nhất|"
    r"đọc nhiều nhất|đọc thêm|xem thêm|gửi cho bạn bè|phản hồi|thông tin người gửi phản hồi|chia sẻ bài viết|"
    r"bạn còn \d+/\d+ ký tự|tin tức liên quan|cùng chuyên mục|bài viết liên quan|tin bài liên quan|"
    r"từ khóa|tags?|bài viết khác|tin bài khác|các bài viết khác|tin khác cùng chuyên mục)\s*:?\s*$",
    re.I,
)
# Of those, the headings of a box that sites also put inside the body: a few linked headlines, then
# the article goes on. The box is left out; the article resumes at the next paragraph, if one comes.
_INLINE_BOX = re.compile(r"^(?:tin liên quan|bài liên quan|tin tức liên quan|tin bài liên quan|bài viết liên quan|"
                         r"đọc thêm|xem thêm)\s*:?\s*$", re.I)
_BOX_LINES = 8  # a box holds a few headlines; a paragraph further on is the page's, not the article's
_FOOTER = re.compile(r"giấy phép|tổng biên tập|điện thoại|bản quyền|địa chỉ|email|fax", re.I)
# Lines that are furniture wherever they stand.
_JUNK_LINE = re.compile(
    r"^(?:\S+\.(?:jpe?g|png|gif|webp|bmp)|[A-Z][a-z]+(?:[A-Z][a-z]+)+|(?:fb|yt|zl|tw|in|zalo|facebook|twitter|email|print|in bài)"
    r"(?:\s+(?:fb|yt|zl|tw|in|zalo|facebook|twitter|email|print))*|\(?[\w.-]+\.(?:vn|com|org|net)(?:\.vn)?\)?|"
    r"chia sẻ|lưu|in|quay lại|về trang chủ|theo dõi .{0,30}trên google news|\*+|-+|_+|"
    r"(?:tin|bài|ảnh|tin và ảnh|bài và ảnh|tin, ảnh|bài, ảnh|tin/ảnh|bài/ảnh|nguồn|theo)\s*:\s*.{1,50}|\(?theo [^.]{1,40}\)?|"
    r"(?:xem thêm|đọc thêm|tin liên quan|bài liên quan)\s*:.*|[•▪►»]\s.*)\s*$",
    re.I,
)
_PHOTO_CREDIT = re.compile(r"\s*[.(]?\s*(?:Ảnh|Nguồn ảnh|Ảnh minh họa)\s*:\s*[^.\n]{1,40}\)?\s*$")
_DATE_IN_LINE = re.compile(r"(?<!\d)(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?!\d)")
# What may stand beside the date on a date line: "Thứ Ba, 23/7/2024", "12/10/2020 - 19:57",
# "Cập nhật: 08:30 ngày 12/10/2020 (GMT+7)", "21/12/2022 00:00".
_DATE_LINE_REST = re.compile(
    r"^(?:\W|\d{1,2}[:h]\d{2}(?::\d{2})?|gmt|\+\d+|thứ|hai|ba|tư|năm|sáu|bảy|chủ|nhật|cập|nhật|đăng|ngày|lúc|"
    r"thời|gian|xuất|bản|giờ|sáng|chiều|am|pm|\s)*$",
    re.I,
)
_DOMAIN = re.compile(r"\b((?:www\.)?[a-z0-9-]+(?:\.(?:org|com|gov|net))?\.vn)\b")
_BYLINE = re.compile(r"^(?:[A-ZĐ][\w.]*\s?){1,4}(?:\s*[-–,]\s*(?:[A-ZĐ][\w.]*\s?){1,4})*$")


@dataclass
class Article:
    """One article, cleaned and normalised: the input of extraction."""

    name: str  # file name, path relative to the folder given, or record id
    source: str  # the path or URL it was read from
    text: str  # the cleaned, normalised body (title first)
    title: str | None = None
    published: str | None = None  # ISO date, from metadata or the printed date line
    metadata: dict = field(default_factory=dict)

    @cached_property
    def input_key(self) -> str:
        """``version.input_key`` of this article: computed once, whether reading or extraction asks first."""
        return version.input_key(self)


def read_articles(paths: Iterable[str | Path], *,
                  stored: Container[str] = ()) -> Iterator[Article | ArticleError | Unchanged]:
    """Every article under ``paths`` (files or folders), in a stable order.

    Unreadable inputs come out as ``ArticleError`` items, not exceptions, so
    that one bad file never stops a batch. An article whose input key
    (``version.input_key``) is in ``stored`` comes out as ``Unchanged``: its
    graph is stored as this input and these rules give it, so there is
    nothing to extract.
    """
    for item in _read_paths(paths):
        if stored and isinstance(item, Article) and item.input_key in stored:
            yield Unchanged(item.name)
        else:
            yield item


def _read_paths(paths: Iterable[str | Path]) -> Iterator[Article | ArticleError]:
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                yield ArticleError(str(path), f"no articles here (looked for {', '.join(ARTICLE_SUFFIXES)} files)")
            for file in files:
                yield from _read_file(file, file.relative_to(path).as_posix())
        elif path.exists():
            yield from _read_file(path, path.name)
        else:
            yield ArticleError(str(path), "no such file or folder")


def read_article(path: str | Path) -> Article:
    """The one article in ``path`` (raises ``ArticleError``)."""
    for item in _read_file(Path(path), Path(path).name):
        if isinstance(item, ArticleError):
            raise item
        return item
    raise ArticleError(str(path), "no article in this file")


def _read_file(path: Path, name: str) -> Iterator[Article | ArticleError]:
    try:
        if path.suffix.lower() == ".jsonl":
            yield from _read_jsonl(path, name)
            return
        raw = _read_bytes(path)
        text = decode(raw, str(path))
        if path.suffix.lower() in (".html", ".htm") or _looks_like_html(text):
            yield _article_from_html(text, name, str(path))
        else:
            yield article_from_text(text, name, str(path))
    except ArticleError as err:
        yield err


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(str(path), f"file is {size:,} bytes, larger than an article can be ({MAX_BYTES:,})")
        return path.read_bytes()
    except OSError as err:
        raise ArticleError(str(path), f"cannot be read: {err.strerror or err}") from None


def decode(raw: bytes, source: str) -> str:
    """UTF-8 (with or without BOM, or UTF-16 with BOM); else a detected legacy encoding such as Windows-1258."""
    if not raw.strip():
        raise ArticleError(source, "file is empty")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:4096]:
        raise ArticleError(source, "looks like a binary file, not text (it contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _decode_legacy(raw, source)


def _decode_legacy(raw: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    # Vietnamese legacy pages are almost always Windows-1258; try it first so
    # the detector does not settle on a look-alike Western code page.
    for encoding in ("cp1258",):
        try:
            text = raw.decode(encoding)
            if re.search(r"[\u0300-\u0323]", text) or re.search(r"[ăâđêôơư]", text, re.I):
                return text
        except UnicodeDecodeError:
            pass
    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise ArticleError(source, "is not UTF-8 and its encoding could not be detected; convert it to UTF-8")
    return str(best)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _article_from_html(html_text: str, name: str, source: str) -> Article:
    import trafilatura

    body = trafilatura.extract(html_text, include_comments=False, include_tables=False, favor_precision=True)
    if not body or len(body.strip()) < 40:
        raise ArticleError(source, "HTML page has no article text (only navigation or an empty body)")
    meta = trafilatura.extract_metadata(html_text)
    tree = pages.parse(html_text)
    title = meta.title if meta is not None else None
    # The page's own date first: trafilatura's guess may be a date in an image's address.
    published = pages.page_date(tree) or (meta.date if meta is not None and meta.date else None)
    lead = pages.page_lead(tree)
    if lead and lead[:60] not in " ".join(body.split()):
        body = f"{lead}\n\n{body}"  # the lead block beside the body, with the event's date and place
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return article_from_text(text, name, source, published=published, metadata={"url": meta.url if meta else None})


def _read_jsonl(path: Path, name: str) -> Iterator[Article | ArticleError]:
    raw = _read_bytes(path)
    text = decode(raw, str(path))
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield ArticleError(where, f"not valid JSON ({err.msg} at column {err.colno})")
            continue
        try:
            yield _article_from_record(record, name, where)
        except ArticleError as err:
            yield err


def _article_from_record(record, name: str, where: str) -> Article:
    if not isinstance(record, dict):
        raise ArticleError(where, "a JSON Lines record must be an object with a 'text' or 'html' field")
    rid = record.get("id") or record.get("article") or record.get("url")
    if not rid:
        raise ArticleError(where, "record has no 'id', 'article' or 'url' to name it by")
    meta = {k: v for k, v in record.items() if k not in ("text", "html", "content")}
    published = _iso_or_none(record.get("published") or record.get("date"))
    source = record.get("url") or where
    body = record.get("text") or record.get("content")
    if isinstance(body, str) and body.strip():
        title = record.get("title")
        if title and not body.lstrip().startswith(title):
            body = f"{title}\n\n{body}"
        return article_from_text(body, str(rid), source, published=published, metadata=meta)
    if isinstance(record.get("html"), str):
        art = _article_from_html(record["html"], str(rid), source)
        art.published = published or art.published
        art.metadata.update(meta)
        return art
    raise ArticleError(where, "record has no 'text' or 'html' field with content")


def _iso_or_none(value) -> str | None:
    if not isinstance(value, str):
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    return f"{m[1]}-{m[2]}-{m[3]}" if m else None


def article_from_text(
    text: str, name: str, source: str, *, published: str | None = None, metadata: dict | None = None
) -> Article:
    """Clean ``text`` into an Article; the printed date line fills ``published`` if metadata has none."""
    text = normalize_text(text)
    metadata = dict(metadata or {})
    metadata.setdefault("domains", sorted(set(_DOMAIN.findall(text))) if ".vn" in text else [])  # most name none
    lines, printed = clean_lines(text.split("\n"))
    body = "\n".join(lines).strip()
    if len(body) < 20:
        raise ArticleError(source, "has no article text after cleaning")
    title = next((ln for ln in lines if ln.strip()), None)
    return Article(name, source, body, title=title, published=published or printed, metadata=metadata)


def clean_text(text: str) -> str:
    """The cleaned body of ``text`` (normalised)."""
    return "\n".join(clean_lines(normalize_text(text).split("\n"))[0]).strip()


def clean_lines(lines: list[str]) -> tuple[list[str], str | None]:
    """Lines of the article proper, and the publication date printed near the top."""
    kept: list[str] = []
    published = None
    resume_at = 0
    for index, line in enumerate(lines):
        if index < resume_at:
            continue  # a box of related headlines inside the body
        line = line.strip()
        if _SECTION_END.match(line) and kept:
            resume_at = _after_inline_box(lines, index) if _INLINE_BOX.match(line) else None
            if resume_at is None:
                break
            continue
        date = _date_line(line)
        if date:
            if index < 12 and published is None:
                published = _valid_iso(date)
            continue
        if "Ảnh" in line or "ảnh" in line:  # what every credit holds: most lines are not tried at every position
            line = _PHOTO_CREDIT.sub("", line)
        if _JUNK_LINE.match(line) and line:
            continue
        if line and kept and line == kept[-1]:
            continue  # a caption printed twice
        kept.append(line)
    _drop_trailing_byline(kept)
    return _squeeze_blank(kept), published


def _after_inline_box(lines: list[str], heading: int) -> int | None:
    """Where the article goes on after a related-news box opened at ``heading``: the first line within
    ``_BOX_LINES`` that reads as a paragraph (long, a sentence's end, no footer words); None if none does."""
    for index in range(heading + 1, min(heading + 1 + _BOX_LINES, len(lines))):
        line = lines[index].strip()
        if len(line) >= 160 and line[-1] in ".!?”\"" and not _FOOTER.search(line):
            return index
    return None


def _date_line(line: str) -> re.Match | None:
    """The date of a line that prints nothing but a date (and a weekday, a time, "Cập nhật")."""
    if len(line) > 60:
        return None
    m = _DATE_IN_LINE.search(line)
    if m and _DATE_LINE_REST.match(line[: m.start()] + " " + line[m.end() :]):
        return m
    return None


def _valid_iso(m: re.Match) -> str | None:
    d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
    import datetime

    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _drop_trailing_byline(lines: list[str]) -> None:
    while lines and not lines[-1]:
        lines.pop()
    if lines and len(lines[-1]) <= 60 and _BYLINE.match(lines[-1]) and not lines[-1].endswith("."):
        lines.pop()


def _squeeze_blank(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return out
