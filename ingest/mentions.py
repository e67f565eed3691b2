"""Mentions: persons with their posts, bodies, documents and role verbs in one sentence.

The reader works on words, not characters: a sentence becomes its
``Words`` (abbreviations such as ``BTV`` or ``UBND`` are expanded into the words
they stand for, each keeping the offsets of the abbreviation), and the
grammar of the genre is read off those lists with the lexicons:

* ``đồng chí NAME, TITLE ORG, TITLE ORG`` and ``NAME - TITLE ORG``;
* ``TITLE ORG NAME`` (``Phó Bí thư Thường trực Tỉnh ủy Trần Ngọc Tam``);
* lists ``Các đồng chí: NAME, TITLE; NAME, TITLE; ...``, one group;
* document numbers ``25-NQ/TW``, ``33/CT-TTg``, ``15/2020/NĐ-CP`` with type,
  date and issuer (``của Ban Bí thư``).

Names are told from titles and bodies by the lexicons (surnames, title
heads, body words, provinces), never by lists of people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from .dates import iso
from .lexicon import Lexicon, words_of
from .normalize import UPPER, strip_diacritics

__all__ = ["Words", "PostMention", "PersonMention", "BodyMention", "DocumentMention", "RoleVerb", "SentenceReader", "joint_bodies", "words_of_text"]

_WORD_RE = re.compile(
    r"\d+(?:[-–/.]\w+)+"  # dates and document numbers: 3/6/2013, 25-NQ/TW, 15/2020/NĐ-CP
    r"|T\.\s?[ƯW](?!\w)"  # T.Ư, T.W
    r"|TP\.(?=\s?[A-ZĐ])"  # TP. Hồ Chí Minh
    r"|[^\W\d_][\w'’]*(?:-[a-zà-ỹđ][\w'’]*)*"  # words, H'Mông, and foreign names: Tae-seok (not Rịa-Vũng)
    r"|\d+"
    r"|[^\w\s]"
)
_ROMAN = re.compile(r"^[IVXLC]+$")


class Words(NamedTuple):
    """The words of a sentence as parallel lists, one entry a word.

    Lists rather than one object a word: building an object for each word
    made reading a sentence's words two to three times slower (2.5 against
    0.8 ms an article on the test sets, in one run).
    """

    texts: list[str]  # as printed, or the expansion of an abbreviation
    lows: list[str]
    starts: list[int]  # offsets in the article; an abbreviation's words all keep its offsets
    ends: list[int]
    caps: list[bool]  # starts with a capital letter
    alphas: list[bool]


def words_of_text(text: str, offset: int, lex: Lexicon) -> Words:
    """Words of ``text`` with absolute offsets; known abbreviations expanded."""
    matches = list(_WORD_RE.finditer(text))
    texts = [m.group() for m in matches]
    starts = [m.start() + offset for m in matches]
    ends = [m.end() + offset for m in matches]
    abbreviations = lex.abbreviations
    # ``T. Ư`` is the one token printed with a space; every other abbreviation is a token as printed.
    if not abbreviations.keys().isdisjoint(texts) or "T. " in text:
        texts, starts, ends = _expanded(texts, starts, ends, abbreviations)
    lows = [t.casefold() for t in texts]
    caps = [t[0].isupper() for t in texts]
    alphas = [t[0].isalpha() for t in texts]
    return Words(texts, lows, starts, ends, caps, alphas)


def _expanded(texts: list[str], starts: list[int], ends: list[int], abbreviations: dict[str, str]):
    """The words with each known abbreviation replaced by the words it stands for, all at its offsets."""
    new_texts: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    for token, start, end in zip(texts, starts, ends):
        expansion = abbreviations.get(token.replace(" ", "")) if token.isupper() or token == "Tp" else None
        parts = expansion.split() if expansion and expansion != token else [token]
        new_texts.extend(parts)
        new_starts.extend([start] * len(parts))
        new_ends.extend([end] * len(parts))
    return new_texts, new_starts, new_ends


@dataclass
class PostMention:
    title: str
    organization: str | None
    start: int
    end: int
    given: bool = False  # the post the sentence gives (``được bầu giữ chức ...``), not one held before


@dataclass
class PersonMention:
    name: str
    start: int  # of the name
    end: int
    mention_start: int  # of the whole mention (``đồng chí``, a title before the name)
    mention_end: int  # after the descriptor
    first_word: int  # word index where the mention starts
    last_word: int  # word index after the mention
    posts: list[PostMention] = field(default_factory=list)
    group: int = 0
    short: bool = False  # a given name alone (``đồng chí Điền``), resolved later
    title_only: bool = False  # a post alone (``Kết luận, Phó Thủ tướng nhấn mạnh``), resolved later
    shared_posts: list[PostMention] = field(default_factory=list)  # ``các Phó Thủ tướng: A, B``


@dataclass
class BodyMention:
    name: str
    start: int
    end: int
    first_word: int
    last_word: int


@dataclass
class DocumentMention:
    code: str
    type: str | None
    issuer: str | None
    date: str | None
    bad_date: str | None  # a printed date that is not a real date
    start: int
    end: int
    short_number: str | None = None  # ``Nghị quyết 25``: resolved to a full code later
    issuer_before: bool = False  # the issuer is the subject before it (``Tỉnh ủy đã ban hành ...``)


@dataclass
class RoleVerb:
    kind: str
    verb: str
    word: int  # index of its first word
    start: int


_LIST_GLUE = {",", ";", "và", "cùng", ":", "-", "–", "với", "gồm"}
_DASHES = {"-", "–", "—"}
# Words between a person and the post they are given (``được hiệp thương cử giữ chức``, ``tái đắc cử``,
# ``được bầu làm``, ``tiếp tục được tín nhiệm bầu giữ chức``); one of ``_APPOINTING_VERBS`` must be among them.
_APPOINTING = {"được", "hiệp", "thương", "bầu", "cử", "bổ", "nhiệm", "chỉ", "định", "điều", "động", "phân", "công",
               "tái", "tiếp", "tục", "lại", "đắc", "tín", "trúng", "sung"}
_APPOINTING_VERBS = {"bầu", "cử", "nhiệm", "định", "động", "công"}
_PARTY_CODE = re.compile(r"^(\d{1,5})-([A-ZĐ][A-Za-zĐđ]{0,5})/([A-ZĐƯ][A-Za-zĐđƯư.]{0,7}(?:[/-][A-ZĐ]{1,6})*)$")
# What joins the bodies of a joint issuer, and the words after its last body that end it
# ("của Bộ Chính trị, Ban Bí thư về ...").
_JOINT_SEPARATOR = re.compile(r"(, | và )")
_ISSUER_ENDS = frozenset({"về", "ngày", "và", "khóa", "nhiệm", "năm", "tại", "số"})
# a joint number names up to four issuers: 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN
_STATE_CODE = re.compile(r"^(\d{1,6})/(?:(\d{4})/)?([A-ZĐ][A-Za-zĐđ]{0,5})(?:-([A-ZĐ][A-Za-zĐđ0-9]{0,13}(?:-[A-ZĐ][A-Za-zĐđ0-9]{0,13}){0,3}))?$")
_LAW_CODE = re.compile(r"^(\d{1,4})/(\d{4})/((?:UBTV)?QH\d{1,2}|[A-ZĐ]{2,8}\d{1,2})$")  # 31/2024/QH15, 653/2019/UBTVQH14


class SentenceReader:
    """Reads the mentions of one sentence (``text`` starts at ``offset`` in the article)."""

    def __init__(self, text: str, offset: int, lex: Lexicon):
        self.text = text
        self.offset = offset
        self.lex = lex
        self.texts, self.lows, self.starts, self.ends, self.caps, self.alphas = words_of_text(text, offset, lex)
        self.n = len(self.texts)
        self._bodies: list[BodyMention] | None = None

    # ------------------------------------------------------------------
    # names
    def name_at(self, i: int) -> int:
        """Length in words of a person's name starting at word ``i`` (0: none)."""
        lex = self.lex
        if i >= self.n or not self.caps[i] or not self.alphas[i]:
            return 0
        if self._blocks_name(i):
            return 0
        surname = lex.surnames.match(self.lows, i)
        clan = self.lows[i].startswith(("h'", "h’", "k'", "k’"))  # Ê Đê: H'Hen Niê; K'Ho: K'Brơi, a name of one word
        prefixed = self.lows[i] in lex.name_prefixes or clan  # Y Thanh
        # A surname missing from the lexicon still heads a name when a middle name follows: "Sồng Văn Lử".
        middle = (
            not surname
            and i + 2 < self.n
            and not lex.provinces.match(self.lows, i + 1)  # "Báo Gia Lai": a body of a province, not a Mr Báo
            and self.lows[i + 1] in lex.middle_names
            and self.caps[i + 1]
            and self._name_part(i + 2)
        )
        length = surname[0] if surname else (1 if prefixed or middle else 0)
        if not length:
            return 0
        limit = 5 if (prefixed or length > 1) else 4
        while i + length < self.n and length < limit and self._name_part(i + length):
            length += 1
        one_word = clan and self.lows[i].startswith(("k'", "k’")) and len(self.lows[i]) > 3
        if (length < 2 and not one_word) or (surname and length == surname[0]):
            return 0
        name = " ".join(self.texts[i : i + length])
        if strip_diacritics(name).casefold() in lex.not_person_names:
            return 0
        if self.lows[i + length : i + length + 1] == ["số"] and i + length + 1 < self.n and self.texts[i + length + 1].isdigit():
            return 0  # "Trường THPT Lục Ngạn số 1": a numbered place, not a person
        return length

    def _blocks_name(self, i: int) -> bool:
        lex, lows = self.lex, self.lows
        if lows[i] not in lex.name_blocker_starts:
            return False
        unit = lex.body_units.match(lows, i)
        return bool(
            lex.titles.match(lows, i)
            or (unit and unit[0] >= 2)
            or lex.provinces.match(lows, i)
            or self._country_at(i) > 1  # "Hàn Quốc" is not Mr Hàn
            or lex.event_nouns.match(lows, i)
            or lex.document_types.match(lows, i)
        )

    def _country_at(self, i: int) -> int:
        country = self.lex.countries.match(self.lows, i) if self.caps[i] else None
        return country[0] if country else 0

    def _name_part(self, j: int) -> bool:
        text = self.texts[j]
        if not (self.caps[j] and self.alphas[j]) or text.isupper() and len(text) > 1:
            return False
        return not (self.lex.titles.match(self.lows, j) or self._multiword_body(j))

    def _multiword_body(self, j: int) -> bool:
        unit = self.lex.body_units.match(self.lows, j)
        return bool(unit and unit[0] >= 2)

    # ------------------------------------------------------------------
    # persons
    def persons(self) -> list[PersonMention]:
        found: list[PersonMention] = []
        i, group = 0, 0
        starters = self.lex.mention_starters
        while i < self.n:
            if not self.caps[i] and self.lows[i] not in starters:
                i += 1  # most words cannot open a mention: skip them cheaply
                continue
            person = self._person_at(i, after_person=self._continues_list(found, i))
            if person is None:
                i += 1
                continue
            if found and self._continues_list(found, person.first_word):
                person.group = found[-1].group
                if found[-1].shared_posts and not person.posts:
                    person.posts = list(found[-1].shared_posts)
                    person.shared_posts = found[-1].shared_posts
            else:
                group += 1
                person.group = group
            if person.shared_posts:
                person.posts = self._in_bracketed_province(person)
            found.append(person)
            i = max(person.last_word, i + 1)
        _share_given_posts(found, self.lows)
        return found

    def _in_bracketed_province(self, person: PersonMention) -> list[PostMention]:
        """``các Chủ tịch UBND tỉnh: A (Vĩnh Long), B (Đồng Tháp)``: a shared post of a province's body is in
        the province printed in brackets after each name."""
        lows, close = self.lows, person.last_word - 1  # the mention ends after the bracket
        opening = next((k for k in range(close - 1, person.first_word, -1) if lows[k] == "("), None)
        province = self.lex.provinces.match(lows, opening + 1) if lows[close] == ")" and opening is not None else None
        if not province or opening + 1 + province[0] != close:
            return person.posts
        place = " ".join(self.texts[opening + 1 : close])
        return [replace(post, organization=f"{post.organization} {place}")
                if post.organization and post.organization.rsplit(" ", 1)[-1].casefold() == "tỉnh" else post
                for post in person.posts]

    def _continues_list(self, found: list[PersonMention], i: int) -> bool:
        if not found:
            return False
        between = _unbracketed(self.lows[found[-1].last_word : i])  # "ông A (người có uy tín làng X); ông B"
        # "cho hộ ông A và hộ bà B", "gia đình ông C, gia đình bà D": households named by their heads
        if all(w in _LIST_GLUE or w in ("đồng", "chí", "các", "hộ", "gia", "đình") for w in between) and len(between) <= 4:
            return True
        # "...; các đồng chí nguyên lãnh đạo tỉnh qua các thời kỳ: A, ...": a sub-list of the same list
        return (4 < len(between) <= 14 and between[0] in (";", ",") and between[1] == "các" and between[-1] == ":"
                and not any(self.caps[found[-1].last_word : i]))

    def _person_at(self, i: int, after_person: bool) -> PersonMention | None:
        if self.lex.provinces.match(self.lows, i):
            return None  # "Bà Rịa - Vũng Tàu" is no "bà"
        start = i
        honorific = self._honorific(i)
        if honorific:
            i += honorific
            if i < self.n and self.lows[i] == ":":
                i += 1
                i += self._honorific(i)  # "các đồng chí: Thiếu tướng Nguyễn Văn Hòa, ..."
        titled = self._titled_name(i, start) or self._title_only(i, start, bool(honorific))
        if titled:
            return titled
        # "cử tri Nguyễn Văn Tám" is a person, "cử tri Thuận Châu" is not: after such a noun, a full name only.
        loose = honorific and not self.lex.people_nouns.match(self.lows, start)
        length = self.name_at(i) or (self._capitalised_run(i) if loose else 0)
        if length:
            posts, end = self._descriptor(i + length)
            if honorific or posts or after_person:
                return self._person(i, length, start, end, posts)
            return None
        if loose and i < self.n and self.caps[i] and self.alphas[i] and not self._blocks_name(i):
            # ``đồng chí Điền``: a given name alone, to be matched to a full name.
            if i + 1 >= self.n or not self.caps[i + 1]:
                posts, end = self._descriptor(i + 1)
                person = self._person(i, 1, start, end, posts)
                person.short = True
                return person
        return None

    def _title_only(self, i: int, start: int, honorific: bool) -> PersonMention | None:
        """``Kết luận hội nghị, Phó Thủ tướng nhấn mạnh``: a post standing for the one person the
        article names with it; resolved (or dropped) once the whole article is read."""
        opens_clause = start == 0 or self.lows[start - 1] in (",", ":", ";", "(") or honorific
        if i >= self.n or not opens_clause or not self.caps[i]:
            return None
        post, j = self._post(i, before_name=True)
        if post is None or self.name_at(j) or (j < self.n and self.caps[j]):
            return None
        person = self._person(i, j - i, start, j, [])
        person.name = f"{post.title} {post.organization or ''}".strip()
        person.short = person.title_only = True
        return person

    def _capitalised_run(self, i: int) -> int:
        """``bà A Lăng Thị Bơ``, ``ông Rơ Lan Kheo``: after an honorific, 2 to 4 capitalised words are a
        name even when the surname is not in the lexicon."""
        if i >= self.n or not self.caps[i] or self._blocks_name(i):
            return 0
        length = 1
        while i + length < self.n and length < 4 and self._name_part(i + length):
            length += 1
        return length if length >= 2 else 0

    def _honorific(self, i: int) -> int:
        """Words before a name that are neither name nor post: ``các đồng chí``, ``ông``, ``Đại tá``, ``PGS.TS``."""
        start = i
        if i < self.n and self.lows[i] == "các":
            i += 1
        while i < self.n:
            length = self._one_honorific(i)
            if not length:
                break
            i += length
            if i + 1 < self.n and self.lows[i] == "," and self._one_honorific(i + 1):
                i += 1  # "các ông, bà: ..."
        if i == start or (i == start + 1 and self.lows[start] == "các"):
            return 0
        # ``ông``/``bà``/``anh`` are ordinary words too: they start a mention only before a capital.
        if i < self.n and not self.caps[i] and self.lows[i] != ":":
            return 0
        return i - start

    def _one_honorific(self, i: int) -> int:
        lex = self.lex
        if i >= self.n or self.lows[i] not in lex.honorific_starts:
            return 0
        # the longer of the two: "Mẹ Việt Nam Anh hùng" (a rank) is no "Mẹ" (an honorific) before "Việt Nam"
        found = max(lex.honorifics.match(self.lows, i) or (0,), lex.ranks.match(self.lows, i) or (0,))
        if found[0]:
            return found[0]
        j = i
        while j < self.n and (self.lows[j] in lex.academic or (self.lows[j] == "." and j > i)):
            j += 1
        return j - i

    def _titled_name(self, i: int, start: int) -> PersonMention | None:
        """``TITLE ORG NAME``, ``TITLE, TITLE ORG NAME`` and ``các TITLE: NAME, NAME``: the posts come first."""
        if i >= self.n or not (self.caps[i] or self.lows[i] in self.lex.title_prefixes):
            return None
        head = start
        while head and self.lows[head - 1] in ("tổng", "phó"):
            head -= 1  # "của Tổng Giám đốc": read again from "Giám đốc", the title still starts at "Tổng"
        if self.lows[max(0, head - 2) : head] in (["quyền", "của"], ["lệnh", "của"], ["thay", "mặt"]):
            return None  # "Thừa ủy quyền của Chủ tịch nước, Bí thư Tỉnh ủy ... trao": the post is the principal's
        posts: list[PostMention] = []
        j = i
        while True:
            post, j = self._post(j, before_name=True)
            if post is None:
                return None
            posts.append(post)
            if j + 1 < self.n and self.lows[j] == "," and self.lex.titles.match(self.lows, j + 1):
                j += 1  # "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ Đinh Quốc Thái"
                continue
            break
        rank_at = j + 1 if j < self.n and self.lows[j] == "," else j
        rank = self.lex.ranks.match(self.lows, rank_at)
        if rank:
            j = rank_at + rank[0]  # "Bộ trưởng Bộ Công an, Đại tướng Lương Tam Hải": a rank before the name
        elif rank_at > j and posts[-1].organization and (honorific := self._apposed_honorific(rank_at)):
            j = rank_at + honorific  # "Giám đốc Sở Y tế, ông Dương Văn Hiếu, trình bày"
        if self.lows[j : j + 3] == ["qua", "các", "thời"] and self.lows[j + 3 : j + 5] == ["kỳ", ":"]:
            j += 4  # "các đồng chí nguyên Tổng Biên tập Báo Lạng Sơn qua các thời kỳ: A, B"
        gom = j < self.n and self.lows[j] == "gồm"
        j += gom
        shared = gom or (j < self.n and self.lows[j] == ":")
        if shared:
            # "các Phó Thủ tướng: Lê Minh Châu, Vũ Đức Hải", "các Phó Chủ tịch gồm: ông A, bà B": each holds the post
            j += j < self.n and self.lows[j] == ":"
            j += self._apposed_honorific(j) if j < self.n else 0
            rank = self.lex.ranks.match(self.lows, j)
            j += rank[0] if rank else 0  # "các Phó Giám đốc Công an tỉnh: Thượng tá A Dũi, Thượng tá B"
        length = self.name_at(j)
        if not length:
            return None
        more, end = self._descriptor(j + length)
        person = self._person(j, length, start, end, [*posts, *more])
        if shared:
            person.shared_posts = posts
        return person

    def _apposed_honorific(self, i: int) -> int:
        """Length of ``ông``/``bà``/``đồng chí`` at ``i`` (not ``đại biểu``, also a plain noun), else 0."""
        honorific = self.lex.honorifics.match(self.lows, i)
        return honorific[0] if honorific and not self.lex.people_nouns.match(self.lows, i) else 0

    def _person(self, i: int, length: int, start: int, end: int, posts: list[PostMention]) -> PersonMention:
        ends = self.ends
        name = " ".join(self.texts[i : i + length])
        mention_end = ends[end - 1] if end > i + length else ends[i + length - 1]
        return PersonMention(
            name=name,
            start=self.starts[i],
            end=ends[i + length - 1],
            mention_start=self.starts[start],
            mention_end=mention_end,
            first_word=start,
            last_word=max(end, i + length),
            posts=posts,
        )

    # ------------------------------------------------------------------
    # posts
    def _descriptor(self, i: int) -> tuple[list[PostMention], int]:
        """Posts printed after a name: ``, TITLE ORG, TITLE ORG`` or `` - TITLE ORG``; and where they end."""
        posts: list[PostMention] = []
        j = self._skip_photo_note(i)
        while j < self.n:
            k = j
            if self.lows[k] in (",", "(", "kiêm") or self.lows[k] in _DASHES or (posts and self.lows[k] in ("và",)):
                k += 1
            elif posts:
                break
            post, end = self._post(k, before_name=False)
            if post is None or self.name_at(end):
                break  # no post, or the post of the next person ("..., Thứ trưởng Bộ Tư pháp Đỗ Xuân Lợi")
            if posts and posts[-1].organization is None and self.lows[j] in _DASHES and post.organization:
                posts[-1].organization = post.organization  # "Phó Chủ tịch - Tổng Thư ký Ủy ban ...": one body
            posts.append(post)
            j = end
            if j < self.n and self.lows[j] == ")":
                j += 1
            j = self._skip_photo_note(j)
        appointed, end = self._appointed_post(j)
        if appointed is not None:
            posts.append(appointed)
            j = end
        return posts, j

    def _appointed_post(self, j: int) -> tuple[PostMention | None, int]:
        """``, được hiệp thương cử giữ chức TITLE ORG`` (``tái đắc cử TITLE``, ``được bầu làm TITLE``)
        after a name and its posts: the post given."""
        k = j + 1 if j < self.n and self.lows[j] == "," else j
        k = self._skip_posting(k)
        start = k
        while k < self.n and k - start < 8 and (self.lows[k] in _APPOINTING or self._joins_appointing(k)):
            k += 1
        verb = any(w in _APPOINTING_VERBS for w in self.lows[start:k])
        if self.lows[k : k + 2] == ["giữ", "chức"]:
            k += 2
        elif verb and k < self.n and self.lows[k] == "làm":
            k += 1
        elif verb and k + 1 < self.n and self.lows[k] == "vào" and self.lex.body_heads.match(self.lows, k + 1):
            org, end = self._organization(k + 1, before_name=False)  # "được bầu vào Ban Thường vụ Tỉnh ủy"
            member = self._membership(org)
            return (PostMention(*member, self.starts[k], self.ends[end - 1], given=True), end) if member else (None, j)
        elif not verb:
            return None, j
        post, end = self._post(k, before_name=False)
        if post is None or self.name_at(end):
            return None, j
        post.given = True
        return post, end

    def _membership(self, org: str) -> tuple[str, str] | None:
        """(title, body) of a member of ``org``: "Ban Thường vụ Tỉnh ủy" → ("Ủy viên Ban Thường vụ", "Tỉnh ủy"), as
        the post "Ủy viên Ban Thường vụ Tỉnh ủy" reads; a body that is no committee has no plain member."""
        reader = SentenceReader(f"Ủy viên {org}", 0, self.lex)
        post, end = reader._post(0, before_name=False)
        if post is None or end < reader.n or not post.title.startswith("Ủy viên"):
            return None
        return post.title, post.organization

    def _joins_appointing(self, k: int) -> bool:
        """``được điều động, bổ nhiệm``, ``điều động và bổ nhiệm``: a comma or ``và`` between appointing verbs."""
        return self.lows[k] in (",", "và") and k + 1 < self.n and self.lows[k + 1] in _APPOINTING

    def _skip_posting(self, k: int) -> int:
        """``đến nhận công tác tại Đảng bộ tỉnh Điện Biên và`` before ``chỉ định giữ chức``: where a person
        is sent, between their posts and the post they are given."""
        if self.lows[k : k + 4] not in (["đến", "nhận", "công", "tác"], ["về", "nhận", "công", "tác"]):
            return k
        j = k + 4
        if j < self.n and self.lows[j] in ("tại", "ở"):
            _, j = self._organization(j + 1, before_name=False)
        if j < self.n and self.lows[j] in (",", "và"):
            j += 1
        return j if j < self.n and self.lows[j] in _APPOINTING else k

    def _skip_photo_note(self, j: int) -> int:
        """``(thứ hai từ trái sang)``, ``(87 tuổi)``, ``, 96 tuổi,``: a note after a name that is not a post."""
        j = self._skip_age(j)
        if j >= self.n or self.lows[j] != "(":
            return j
        close = next((k for k in range(j + 1, min(j + 14, self.n)) if self.lows[k] == ")"), None)
        if close and not self.lex.titles.match(self.lows, j + 1):
            return close + 1  # "(87 tuổi, Chi bộ khu phố 4)", "(tổ đại biểu huyện Đông Giang)"
        return j

    def _skip_age(self, j: int) -> int:
        """``, 96 tuổi, 75 năm tuổi Đảng, nguyên Trưởng Ban ...``: the post follows the ages (at the last comma)."""
        while True:
            w = self.lows[j : j + 6]
            if len(w) >= 4 and w[0] == w[3] == "," and w[1].isdigit() and w[2] == "tuổi":
                j += 3
            elif len(w) == 6 and w[0] == w[5] == "," and w[1].isdigit() and w[2:5] == ["năm", "tuổi", "đảng"]:
                j += 5
            else:
                return j

    def _post(self, i: int, before_name: bool) -> tuple[PostMention | None, int]:
        lex, lows = self.lex, self.lows
        j = i
        prefix = ""
        if j < self.n and lows[j] in lex.title_prefixes:
            prefix = self.texts[j].lower() if lows[j] == "nguyên" else self.texts[j]
            j += 1
        head = lex.titles.match(lows, j)
        if not head:
            return None, i
        j += head[0]
        title = head[1]
        modifier = lex.title_modifiers.match(lows, j)
        if modifier:
            title += " " + modifier[1]
            j += modifier[0]
        org_start = j
        org, j = self._organization(j, before_name)
        if not org and lex.embeds_body.get(title) and lex.body_heads.match(lows, j - 1) and self.caps[j - 1]:
            # "Trưởng Ban đại diện Hội đồng quản trị ...": the title's last word starts a body named in lower case
            org_start = j - 1
            org, j = self._organization(org_start, before_name)
        if org and title in lex.missions and j + 1 < self.n and lows[j] == "tại" and self.caps[j + 1]:
            place, j = self._organization(j + 1, before_name)  # "Đại sứ Nhật Bản tại Việt Nam"
            org = f"{org} tại {place}"
        unit = lex.embeds_body.get(title)
        if unit and org and not org.startswith(unit) and (unit in lex.one_per_body or not lex.body_heads.match(lows, org_start)):
            org = f"{unit} {org}"  # "Trưởng ban Tổ chức Tỉnh ủy", "Chánh Văn phòng UBND tỉnh"
        if org:
            org, j = self._inside(org, j, before_name)
        if title in lex.split_body:
            title, implied = lex.split_body[title]
            org = f"{implied} {org}".strip() if org else implied
        elif not org and lex.implied_body.get(title):
            org = lex.implied_body[title]
        title = f"{prefix} {title}".strip()
        end = self.ends[j - 1] if j > i else self.ends[i]
        return PostMention(title, org or None, self.starts[i], end), j

    # ------------------------------------------------------------------
    # bodies
    def _organization(self, i: int, before_name: bool) -> tuple[str, int]:
        """The body a post is held in, from word ``i``; stops before a person's name."""
        lex, lows, texts, caps = self.lex, self.lows, self.texts, self.caps
        parts: list[str] = []
        j = i
        # "Trưởng ban Chỉ đạo chuyển đổi số": the head may be the title's last word
        sentence_case = bool(lex.sentence_case_heads.match(lows, i) or (i and lex.sentence_case_heads.match(lows, i - 1)))
        placed = False  # a place ends a sentence-case name: "Ủy ban MTTQ Việt Nam tỉnh Quảng Trị long trọng ..."
        while j < self.n:
            text, cap = texts[j], caps[j]
            if parts and text.isdigit() and len(text) <= 4 and parts[-1].casefold() in lex.numbered_after:
                parts.append(text)  # "Ban Chỉ đạo 35", "Quân khu 2"
                j += 1
                continue
            if not self.alphas[j]:
                if lows[j] in _DASHES and parts and j + 1 < self.n and self._dash_in_name(j):
                    parts.append(text)
                    j += 1
                    continue
                break
            # a country of two words or more ("Ban Pháp chế" is not France): "Đại sứ Đại Hàn Dân Quốc"
            province = (lex.provinces.match(lows, j) or (self._country_at(j) > 1 and lex.countries.match(lows, j))) if cap else None
            if province:
                parts.extend(texts[j : j + province[0]])
                j += province[0]
                placed = True
                continue
            level = lex.levels.match(lows, j)
            unit = lex.body_units.match(lows, j) if cap else None
            if level and not (unit and unit[0] > level[0]):  # "Tỉnh đoàn" is a body, not "tỉnh"
                parts.extend(texts[j : j + level[0]])
                j += level[0]
                named = self._place(j, parts, before_name)
                placed = placed or named > j  # "tỉnh Quảng Trị", not the "xã" of "xã hội"
                j = named
                continue
            if unit and unit[0] >= 2:
                parts.extend(texts[j : j + unit[0]])
                j += unit[0]
                continue
            named = self.name_at(j) if before_name or parts else 0
            if named and " ".join(parts).casefold() in lex.named_after_people:
                parts.extend(texts[j : j + named])  # "Trường Chính trị Hoàng Đình Giong": the school's name
                j += named
                continue
            if named:
                break  # a person's name: "Bộ trưởng Bộ Nội vụ Phạm Văn Tâm, Thứ trưởng Bộ Tư pháp Đỗ Xuân Lợi"
            if parts and lex.titles.match(lows, j) and not unit:
                break
            if unit or (cap and not lex.titles.match(lows, j)):
                parts.append(text)
                j += 1
                continue
            lower = lex.body_lowercase.match(lows, j)
            if lower and parts:
                parts.extend(texts[j : j + lower[0]])
                j += lower[0]
                continue
            if lows[j] == "khóa" and parts and j + 1 < self.n and _ROMAN.match(texts[j + 1]):
                parts.extend([text, texts[j + 1]])
                j += 2
                continue
            if parts and lows[j] == "và" and self._joins_name(j):
                parts.append(text)  # "Sở Văn hóa và Thể thao"
                j += 1
                continue
            tail = lex.body_tails.match(lows, j) if parts and sentence_case and not placed else None
            if tail:  # "Cục Đổi mới sáng tạo", "Ban Quản lý dự án giao thông": not the time, not a verb
                parts.extend(texts[j : j + tail[0]])
                j += tail[0]
                continue
            if parts and sentence_case and not placed and self._continues_name(j):
                parts.append(text)  # "Viện Khoa học tổ chức nhà nước và lao động"
                j += 1
                continue
            break
        while parts and parts[-1].casefold() in ("và", "khóa", "-", "–"):
            parts.pop()
            j -= 1
        return " ".join(parts).replace(" , ", ", "), j

    def _inside(self, org: str, j: int, before_name: bool) -> tuple[str, int]:
        """``Khoa Lịch sử, Trường Đại học Khoa học, Đại học Huế``: a unit named with the bodies it is inside,
        each after a comma (``org`` ends before word ``j``); a title or any other body there is not one of them."""
        if org.split(" ", 1)[0].casefold() not in self.lex.sub_units.starts:
            return org, j  # most bodies are no unit of another: no words to read
        lows, inner = self.lows, org
        unit = self.lex.sub_units.match(list(words_of(inner)), 0)
        while unit and j + 1 < self.n and lows[j] == "," and self.caps[j + 1] and unit[1].match(lows, j + 1):
            inner, end = self._organization(j + 1, before_name)
            if not inner:
                break
            org, j = f"{org}, {inner}", end
            unit = self.lex.sub_units.match(list(words_of(inner)), 0)
        return org, j

    def _joins_name(self, j: int) -> bool:
        """``và`` inside a body's name, before another capitalised word of it (not a new body or person)."""
        k = j + 1
        if k >= self.n or not self.caps[k] or not self.alphas[k]:
            return False
        lex = self.lex
        return not (
            lex.titles.match(self.lows, k) or lex.body_heads.match(self.lows, k) or self.name_at(k)
            or lex.honorifics.match(self.lows, k) or lex.ranks.match(self.lows, k) or lex.provinces.match(self.lows, k)
            or lex.document_types.match(self.lows, k)  # "của Bộ Chính trị và Kế hoạch số 11-KH/TU"
        )

    def _continues_name(self, j: int) -> bool:
        """A lower-case word inside a sentence-case body name, not the verb that follows the name."""
        lex, low = self.lex, self.lows[j]
        if self.caps[j] or low in lex.body_stop_words:
            return False
        if lex.role_verbs.match(self.lows, j) or lex.body_stop_phrases.match(self.lows, j):
            return False
        if low == "tổ" and any(lex.event_nouns.match(self.lows, k) for k in (j + 2, j + 3)):
            return False  # "... tổ chức hội nghị": the organiser's verb
        if low == "và" and j + 1 < self.n and self.caps[j + 1] and not self._joins_name(j):
            return False  # "Chủ tịch UBND tỉnh và Đại tá Nguyễn Mạnh Hiếu": the next person, not the name going on
        return j + 1 < self.n and self.alphas[j + 1] and not self.name_at(j + 1) and not lex.titles.match(self.lows, j + 1) or (
            j + 1 >= self.n or not self.alphas[j + 1]
        )

    def _dash_in_name(self, j: int) -> bool:
        """A dash inside a body's name: "Văn hóa - Xã hội", "Lao động - Thương binh và Xã hội", "Vụ Kế hoạch -
        Tài chính", "Ban Dân tộc - Tôn giáo" (not a title, body, place or person after the dash: "Bí thư Tỉnh ủy -
        Chủ tịch HĐND tỉnh", "UBND tỉnh - Sở Nội vụ")."""
        lex, k = self.lex, j + 1
        before = self.lows[j - 1] if j else ""
        if lex.body_units.match(self.lows, k) and before in ("hóa", "động", "đua", "hội", "binh"):
            return True
        if before.isdigit() and lex.provinces.match(self.lows, k):
            return True  # "Tòa án nhân dân khu vực 2 - Cao Bằng"
        return self.caps[k] and self.alphas[k] and not (
            lex.titles.match(self.lows, k) or lex.body_heads.match(self.lows, k) or self.name_at(k)
            or lex.provinces.match(self.lows, k) or lex.honorifics.match(self.lows, k) or lex.levels.match(self.lows, k)
        )

    def _place(self, j: int, parts: list[str], before_name: bool) -> int:
        """The place name after ``huyện``/``xã``/``Huyện ủy``...; keeps a trailing person's name out."""
        province = self.lex.provinces.match(self.lows, j)
        if province:
            cut = run = j + province[0]
        else:
            run = j
            while run < self.n and self.caps[run] and self.alphas[run] and not self.lex.titles.match(self.lows, run):
                run += 1
            cut = self._split_place_and_name(j, run) if before_name else run
        if cut == run and cut > j and cut < self.n and re.fullmatch(r"\d{1,2}", self.texts[cut]):
            cut += 1  # "phường Hà Giang 1": a place numbered since the 2025 merger
        parts.extend(self.texts[j:cut])
        return cut

    def _split_place_and_name(self, j: int, run: int) -> int:
        # Several split points are possible ("Mai Sơn Nguyễn Văn Bình": Sơn is a
        # surname too); prefer an unambiguous surname, then a three-word name.
        splits = [
            (self.lows[k] in self.lex.ambiguous_surnames, abs(run - k - 3), k)
            for k in range(j, run)
            if self.lex.surnames.match(self.lows, k) and 2 <= run - k <= 4 and (k > j or run - k >= 3)
        ]
        if splits:
            return min(splits)[2]
        if self.name_at(j) and run - j >= 3:
            return j
        return run

    def bodies(self) -> list[BodyMention]:
        """Bodies named in the sentence outside posts: organisers, issuers (read once, asked for often)."""
        if self._bodies is None:
            self._bodies = self._read_bodies()
        return self._bodies

    def _read_bodies(self) -> list[BodyMention]:
        found: list[BodyMention] = []
        i = 0
        while i < self.n:
            if self.caps[i] and self.lex.body_heads.match(self.lows, i):
                name, j = self._organization(i, before_name=True)
                if name and j > i:
                    found.append(BodyMention(name, self.starts[i], self.ends[j - 1], i, j))
                    i = j
                    continue
            i += 1
        return found

    # ------------------------------------------------------------------
    # role verbs
    def role_verbs(self) -> list[RoleVerb]:
        found: list[RoleVerb] = []
        i = 0
        starts = self.lex.role_verbs.starts
        while i < self.n:
            if self.lows[i] not in starts:
                i += 1
                continue
            m = self.lex.role_verbs.match(self.lows, i)
            if m and not self._not_a_role(i, m):
                verb = " ".join(self.texts[i : i + m[0]])
                found.append(RoleVerb(m[1], verb.lower(), i, self.starts[i]))
                i += m[0]
                continue
            i += 1
        return found

    def _not_a_role(self, i: int, m: tuple[int, object]) -> bool:
        length = m[0]
        verb = " ".join(self.lows[i : i + length])
        nxt = self.lows[i + length] if i + length < self.n else ""
        last = self.lows[i + length - 1]
        blocked = self.lex.not_role_after.get(verb, set()) | self.lex.not_role_after.get(last, set())
        if nxt in blocked:
            return True
        # "Kết luận số 43-KL/TW" is a document, "Lễ khai mạc" an event
        if verb in ("kết luận", "khai mạc", "bế mạc") and (nxt and _PARTY_CODE.match(self.texts[i + length])):
            return True
        if verb == "kết luận" and self.lows[i - 2 : i] in (["công", "bố"], ["thông", "báo"], ["dự", "thảo"]):
            return True  # "công bố Kết luận kiểm tra": the document announced
        if verb in ("khai mạc", "bế mạc") and i > 0 and self.lows[i - 1] == "dự":
            return True  # "Dự khai mạc có ...": the opening attended, not a speech
        return i > 0 and self.lows[i - 1] in ("lễ", "phiên", "buổi", "các", "những", "bản")

    # ------------------------------------------------------------------
    # documents
    def documents(self) -> list[DocumentMention]:
        found: list[DocumentMention] = []
        numbers = [i for i, text in enumerate(self.texts) if text[0].isdigit()]  # every code starts with a digit
        for i in numbers:
            symbol = _code_parts(self.texts[i])
            if symbol:
                found.append(self._numbered_document(i, symbol))
        _share_date_and_issuer(found, self.text, self.offset)
        found.extend(self._unnumbered_documents(found))
        found.extend(self._named_resolutions())
        return found

    def _numbered_document(self, i: int, symbol: str) -> DocumentMention:
        lex = self.lex
        doc_type = self._type_before(i) or lex.document_symbols.get(symbol)
        date, bad, j = self._date_after(i + 1)
        issuer, j = self._issuer_after(j)
        if date is None and bad is None and issuer:
            date, bad, j = self._date_after(j)  # "... của Ban Bí thư, ngày 7/1/2019"
        if issuer is None:
            issuer, date, j = self._passed_by(j, date)
        before = issuer is None
        if before:
            issuer = self._issuer_before(i)
        end = self.ends[j - 1] if j > i else self.ends[i]
        return DocumentMention(self.texts[i], doc_type, issuer, date, bad, self.starts[i], end,
                               issuer_before=before and issuer is not None)

    def _passed_by(self, j: int, date: str | None) -> tuple[str | None, str | None, int]:
        """``số 31/2024/QH15 được Quốc hội thông qua ngày 18/1/2024``: the body that passed it, and when."""
        if j >= self.n or self.lows[j] != "được":
            return None, date, j
        name, k = self._organization(j + 1, before_name=False)
        window = self.lows[k : k + 6]
        if not name or not any(w in ("thông", "ban") for w in window[:2]):
            return None, date, j
        k += 2  # "thông qua" / "ban hành"
        while k < self.n and self.lows[k] not in ("ngày", ",", ".", ";") and k - j < 16:
            k += 1  # "tại Kỳ họp thứ 4"
        found, bad, end = self._date_after(k)
        return name, date or found, end if found or bad else k

    def _type_before(self, i: int) -> str | None:
        j = i - 1
        if j >= 0 and self.lows[j] == "số":
            j -= 1
        for length in range(4, 0, -1):
            k = j - length + 1
            if k >= 0:
                m = self.lex.document_types.match(self.lows, k)
                if m and m[0] == length:
                    return m[1]
        return None

    def _date_after(self, j: int) -> tuple[str | None, str | None, int]:
        """``, ngày 3/6/2013`` after a number: (ISO date, bad printed date, next word)."""
        lows, texts, starts = self.lows, self.texts, self.starts
        k = j
        if k < self.n and lows[k] == ",":
            k += 1
        if k < self.n and lows[k] == "ngày":
            k += 1
            if k < self.n:
                m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", texts[k])
                if m:
                    date = iso(int(m[3]), int(m[2]), int(m[1]))
                    return date, (None if date else texts[k]), k + 1
                wordy = re.match(r"(\d{1,2}) tháng (\d{1,2}) năm (\d{4})", self.text[starts[k] - self.offset :])
                if wordy:
                    date = iso(int(wordy[3]), int(wordy[2]), int(wordy[1]))
                    end = starts[k] + len(wordy[0])
                    while k < self.n and starts[k] < end:
                        k += 1
                    return date, (None if date else wordy[0]), k
        return None, None, j

    def _issuer_after(self, j: int) -> tuple[str | None, int]:
        """``của Ban Chấp hành Trung ương Đảng (khóa XI)``: the issuer, and the word after it."""
        lows = self.lows
        k = j
        if k < self.n and lows[k] == "(" and k + 3 < self.n and lows[k + 1] == "khóa":
            k += 4  # "(khóa XI)"
        if k < self.n and lows[k] == ",":
            k += 1
        printed = k < self.n and lows[k] == "của"
        k += printed
        if lows[k : k + 2] == ["hội", "nghị"]:
            # "của Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII": the committee issued it, and
            # so without "của": "... ngày 12/4/2025 Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng"
            body = next((b for b in range(k + 2, min(k + 8, self.n)) if self.lex.body_heads.match(lows, b)), None)
            if body is None and not printed:
                return None, j
            k = body if body is not None else k
        elif not printed:
            return None, j
        # "của Bộ trưởng Bộ Công an": a post issues it, read as a post before a body that starts alike
        name, end = ("", k) if self.lex.titles.match(lows, k) else self._organization(k, before_name=False)
        if not name:
            post, end = self._post(k, before_name=False)
            if post is None:
                return None, j
            return f"{post.title} {post.organization or ''}".strip(), end
        return self._joint_issuer(name, end)

    def _joint_issuer(self, name: str, end: int) -> tuple[str, int]:
        """``của Bộ Chính trị, Ban Bí thư``, ``của Ủy ban Thường vụ Quốc hội, Chính phủ và Đoàn Chủ tịch ...``:
        the bodies that issue it together, as printed. A body after the comma that starts a clause of its own
        (``của Tỉnh ủy, UBND tỉnh đã ban hành ...``) is not one of them."""
        lows = self.lows
        while end + 1 < self.n and lows[end] in (",", "và") and self.lex.body_heads.match(lows, end + 1):
            more, after = self._organization(end + 1, before_name=False)
            if not more or (after < self.n and self.alphas[after] and lows[after] not in _ISSUER_ENDS):
                break
            name = f"{name}{',' if lows[end] == ',' else ' và'} {more}"
            end = after
        return name, end

    def _issuer_before(self, i: int) -> str | None:
        """``Tỉnh ủy đã chỉ đạo xây dựng Chương trình hành động số 127``, ``HĐND xã đã biểu quyết thông qua
        Nghị quyết số 41/NQ-HĐND``: the body that issues it."""
        window = " ".join(self.lows[max(0, i - 9) : i])
        if re.search(r"(?:ban hành|xây dựng|ký|thông qua)(?:\s+\S+){0,4}$", window):
            for body in reversed(self.bodies()):
                if body.last_word <= i and i - body.last_word <= 9:
                    return body.name
            return None
        # "HĐND tỉnh đã biểu quyết thông qua 14 nghị quyết, trong đó có: Nghị quyết số 15/2025/NQ-HĐND":
        # the body that passes a list of them, its subject just before "thông qua"
        passed = re.search(r"thông qua \d+ (?:nghị quyết|văn bản|luật)(?: \S+){0,8}$", " ".join(self.lows[max(0, i - 14) : i]))
        if not passed:
            return None
        verb = i - len(passed.group(0).split())
        return next((body.name for body in reversed(self.bodies()) if body.last_word <= verb and verb - body.last_word <= 3),
                    None)

    def _unnumbered_documents(self, numbered: list[DocumentMention]) -> list[DocumentMention]:
        """``Chương trình hành động số 127`` (a whole document) and ``Nghị quyết 25`` (a short reference)."""
        found = []
        covered = {d.start for d in numbered}
        starts = self.lex.document_types.starts
        for i in range(self.n):
            m = self.caps[i] and self.lows[i] in starts and self.lex.document_types.match(self.lows, i)
            if not m:
                continue
            j = i + m[0]
            has_so = j < self.n and self.lows[j] == "số"
            k = j + 1 if has_so else j
            if k >= self.n or not re.fullmatch(r"\d{1,4}", self.texts[k]) or self.starts[k] in covered:
                continue
            nxt = self.lows[k + 1] if k + 1 < self.n else ""
            if nxt in ("năm", "tháng", "/", "-"):
                continue
            doc_type = m[1]
            start, end = self.starts[i], self.ends[k]
            if has_so and doc_type.startswith(("Chương trình", "Kế hoạch")):
                code = f"{doc_type} số {self.texts[k]}"
                issuer = self._issuer_after(k + 1)[0] or self._issuer_before(i)
                found.append(DocumentMention(code, doc_type, issuer, None, None, start, end))
            else:
                found.append(DocumentMention("", doc_type, None, None, None, start, end, short_number=self.texts[k]))
        return found

    def _named_resolutions(self) -> list[DocumentMention]:
        found = []
        for pattern in self.lex.named_resolutions:
            for m in pattern.finditer(self.text):
                code = re.sub(r"\s+", " ", m.group(0)).strip()
                found.append(DocumentMention(code, "Nghị quyết", None, None, None, m.start() + self.offset, m.end() + self.offset))
        return found


def _share_given_posts(persons: list[PersonMention], lows: list[str]) -> None:
    """``các đồng chí A và B được bầu giữ chức Phó Bí thư Tỉnh ủy``: the post given to the last of a list
    is given to the members just before it printed without a post of their own, and to those joined to the
    next by ``và`` or ``;`` (``đồng chí A, Giám đốc Sở Tài chính và đồng chí B, Bí thư Huyện ủy trúng cử ...``)."""
    waiting: list[PersonMention] = []
    for index, person in enumerate(persons):
        if waiting and waiting[-1].group != person.group:
            waiting = []
        given = [post for post in person.posts if post.given]
        if not given:
            after = persons[index + 1] if index + 1 < len(persons) else None
            joined = after is not None and after.group == person.group and any(
                w in ("và", ";") for w in lows[person.last_word : after.first_word])
            waiting = waiting + [person] if not person.posts or joined else []
            continue
        for other in waiting:
            other.posts = other.posts + given
        waiting = []


def _share_date_and_issuer(documents: list[DocumentMention], text: str, offset: int) -> None:
    """``Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị``:
    one date and issuer printed once for a run of numbers; and ``Ban Thường vụ Tỉnh ủy đã ban hành
    Kế hoạch số 05-KH/TU ngày 8/7/2025 về ... và Kế hoạch số 09-KH/TU về ...``: one subject issues both."""
    pairs = list(zip(documents, documents[1:]))
    for earlier, later in reversed(pairs):
        between = text[earlier.end - offset : later.start - offset]
        if earlier.type != later.type or not re.fullmatch(r"\s*(?:,|và|;)?\s*(?:[\w ]{0,25}?số)?\s*", between):
            continue
        if not (earlier.date or earlier.bad_date):
            earlier.date = later.date
        if not earlier.issuer:
            earlier.issuer = later.issuer
    for earlier, later in pairs:
        between = text[earlier.end - offset : later.start - offset]
        if (later.issuer is None and earlier.issuer_before and later.code
                and _issuer_symbol(later.code) == _issuer_symbol(earlier.code)
                and re.search(r"(?:,|\bvà|;)\s*(?:[\w ]{0,25}?số)?\s*$", between) and _no_new_subject(between)):
            later.issuer, later.issuer_before = earlier.issuer, True


def _no_new_subject(between: str) -> bool:
    """No sentence end, and no subject that could issue the next one, between two numbers: a ``;`` may
    separate the items of one list (``thông qua 14 nghị quyết, trong đó có: ...; Nghị quyết số ...``)
    when nothing capitalised but the next one's type stands between them."""
    if "." in between:
        return False
    if ";" not in between:
        return True
    head = re.sub(r";\s*\w+(?: \w+){0,3}? số\s*$", "", between)
    return not re.search(UPPER, head)


def _unbracketed(words: list[str]) -> list[str]:
    """``words`` after the bracket that closes what a person is, printed after the name: ``(người có uy tín
    làng X); ``, or the rest of a bracket a post was read from: ``, xã Ea Kiết, tỉnh Đắk Lắk); ``."""
    if ")" not in words:
        return words
    close = len(words) - 1 - words[::-1].index(")")
    if "(" in words[1:close]:
        return words  # a bracket of its own between two people
    return words[close + 1 :]


def joint_bodies(issuer: str, lex: Lexicon) -> list[tuple[str, str]]:
    """The bodies of a joint issuer, each with the separator printed before it (``""`` for the first):
    ``Bộ Chính trị, Ban Bí thư`` → ``[("", "Bộ Chính trị"), (", ", "Ban Bí thư")]``. Splits only where a
    body's head follows, as ``_joint_issuer`` joins them (``Ban Tuyên giáo và Dân vận`` is one body)."""
    pieces = _JOINT_SEPARATOR.split(issuer)
    bodies = [("", pieces[0])]
    for separator, piece in zip(pieces[1::2], pieces[2::2]):
        if lex.body_heads.match(list(words_of(piece)), 0):
            bodies.append((separator, piece))
        else:
            before, body = bodies[-1]
            bodies[-1] = (before, f"{body}{separator}{piece}")
    return bodies


def _issuer_symbol(code: str) -> str:
    """``TU`` of ``05-KH/TU``, ``UBND`` of ``12/QĐ-UBND``: the part of a number that names its issuer."""
    return code.rsplit("/", 1)[-1].rsplit("-", 1)[-1]


def _code_parts(token: str) -> str | None:
    """The type symbol of a document number (``NQ`` of ``25-NQ/TW``), or None if ``token`` (starting with a digit) is not one."""
    m = _PARTY_CODE.match(token)
    if m:
        return m[2]
    m = _LAW_CODE.match(token)
    if m:
        return "QH" if m[3].startswith("QH") else "NQ"
    m = _STATE_CODE.match(token)
    if m and m[4]:
        return m[3]
    return None
