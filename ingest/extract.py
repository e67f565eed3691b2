"""From mentions to Facts: events, who did what at them, people and their posts, documents.

``ArticleReader`` walks an article's sentences in order. It keeps the state a
human reader keeps: which province the article is about, the last district
named, the event being reported, the full names already seen (so that
``đồng chí Điền`` is Ma Từ Đông Điền). Roles come from the verbs around a
group of persons: after it (``Các đồng chí: A; B; C, chủ trì hội nghị``) or
fronted (``Chủ trì hội nghị có các đồng chí: A; B``).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .articles import Article
from .dates import DateMention, anniversary_year, find_dates, infer_year, iso, leading_date
from .facts import Document, Event, Evidence, Facts, Person, Position, Role
from .lexicon import Lexicon
from .mentions import DocumentMention, PersonMention, PostMention, RoleVerb, SentenceReader, joint_bodies
from .normalize import UPPER, fold, strip_diacritics

__all__ = ["ArticleReader", "detect_province"]

# Words that end a body name when the place is left out ("Huyện ủy", "UBND xã"), by level.
# Before an event noun, these make it a count or a place, not the event reported ("Trung tâm Hội nghị tỉnh").
_NOT_BEFORE_EVENT = ("các", "những", "nhiều", "cuộc", "tâm", "cung", "nhà", "phòng", "bị")  # "bị": chuẩn bị Đại hội
_LEVEL_OF_END = {
    "huyện ủy": "district", "huyện": "district", "thị ủy": "district", "thị xã": "district",
    "quận ủy": "district", "quận": "district", "xã": "commune", "phường": "commune", "thị trấn": "commune",
    "đặc khu": "commune",
}
# "Tập đoàn ... Việt Nam (TKV)": an abbreviation defined right after a body's name.
# "(TKV)", "(VietinBank)": an abbreviation or a brand of two capitals or more, one word
_DEFINED = re.compile(r"\s*\(([A-ZĐ](?=[^)\s]*[A-ZĐ])[A-Za-zĐđ0-9&-]{1,11})\)")
# A visiting delegation's province: "đoàn công tác tỉnh Hà Giang", "Đoàn đại biểu của thành phố Cần Thơ".
_GUEST = re.compile(r"\b[Đđ]oàn(?: công tác| đại biểu| cán bộ)?(?: của)? (?:tỉnh|thành phố) ((?:" + UPPER + r"\w*\s?){1,4})")
# Bodies whose party committee is named otherwise (the commune's Đảng ủy, a Huyện ủy...).
_NOT_A_UNIT = re.compile(r"(?:Ủy ban nhân dân|Hội đồng nhân dân|UBND|HĐND|Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy)\b")
# A party committee below the province, and the place that follows it, at the end of a body's name.
_LOCAL_COMMITTEE = re.compile(r"\b(?:Huyện ủy|Thị ủy|Quận ủy|Thành ủy|Đảng ủy)(?:\s+" + UPPER + r"\w*(?:\s+" + UPPER + r"\w*){0,3})?$")
_PLACE_IN = re.compile(
    r"\b(Huyện ủy|huyện|Thị ủy|thị xã|Quận ủy|quận|xã|phường|thị trấn|đặc khu)\s+((?:" + UPPER + r"\w*\s?){1,3})"
)


@dataclass
class _EventDraft:
    type: str
    date: DateMention | None
    evidence: Evidence
    organizer: str | None
    roles: list[tuple[str, str, str, Evidence]] = field(default_factory=list)  # kind, name key, verb, evidence
    documents: list[str] = field(default_factory=list)


def detect_province(article: Article, lex: Lexicon) -> str | None:
    """The province an article is about: its metadata, its newspaper's domain, or the one it names most."""
    meta = article.metadata
    for key in ("province", "tinh"):
        if isinstance(meta.get(key), str):
            match = lex.provinces.match(SentenceReader(meta[key], 0, lex).lows, 0)
            if match:
                return match[1].name
    for domain in [meta.get("url") or "", *meta.get("domains", [])]:
        prov = _province_of_domain(domain, lex)
        if prov:
            return prov
    counts = Counter(lex.province_of_variant[m.group(0)] for m in lex.province_pattern.finditer(article.text))
    if len(counts) > 1:
        # "Lai Châu tiếp đoàn công tác tỉnh Hà Giang": the guest is named often, the host is the article's.
        for m in _GUEST.finditer(article.text):
            guest = lex.provinces.match(SentenceReader(m.group(1), 0, lex).lows, 0)
            if guest:
                counts[guest[1].name] -= 1
    return counts.most_common(1)[0][0] if counts else None


def _province_of_domain(domain: str, lex: Lexicon) -> str | None:
    host = re.sub(r"^\w+://", "", domain).split("/")[0].lower()
    for part in host.split("."):
        for slug in (part, part.removeprefix("bao"), part.removeprefix("www")):
            if len(slug) >= 4 and slug in lex.province_by_slug:
                return lex.province_by_slug[slug].name
    return None


class ArticleReader:
    """Reads one article's sentences into Facts."""

    def __init__(self, article: Article, lex: Lexicon | None = None):
        self.article = article
        self.lex = lex or Lexicon.default()
        self.text = article.text
        self.province = detect_province(article, self.lex)
        self.events: list[_EventDraft] = []
        self.pending_roles: list[tuple[str, str, str, Evidence]] = []
        self.persons: dict[str, Person] = {}  # folded name → Person
        self.short_names: dict[str, list[PersonMention]] = {}
        self.documents: list[tuple[DocumentMention, Evidence]] = []
        self.warnings: list[str] = []
        self.last_place: dict[str, str] = {}  # level → the place of that level named last
        self.last_body: dict[str, str] = {}  # head ("Sở") → the body of that head named last, for a bare one
        self.sentence_body: dict[str, str] = {}  # the same, in the sentence being read
        self.body_abbreviations: dict[str, str] = {}  # "TKV" → the body printed before "(TKV)"
        self.full_dates: list[DateMention] = []
        # "Chiều 13/6, đoàn công tác ... đã thăm, làm việc tại tỉnh Lai Châu": the date the article opens
        # with, for an event it names only later ("Phát biểu tại buổi làm việc, ...").
        self.opening_date: DateMention | None = None

    # ------------------------------------------------------------------
    def read(self, sentences: list[tuple[int, int]]) -> Facts:
        for start, end in sentences:
            self._sentence(start, end)
        return self._facts()

    def _sentence(self, start: int, end: int) -> None:
        text = self.text[start:end]
        evidence = Evidence(text, start, end)
        reader = SentenceReader(text, start, self.lex)
        documents = reader.documents()
        self._note_dates(text, start, documents)
        self._note_district(text)
        self._note_bodies(reader, text)
        persons = reader.persons()
        self._maybe_start_event(reader, text, evidence)
        for doc in documents:
            self.documents.append((doc, evidence))
            if self.events and doc.code:
                self.events[-1].documents.append(doc.code)
            if doc.bad_date:
                self.warnings.append(f"impossible date {doc.bad_date!r} for document {doc.code or doc.type} (stored as null)")
        sides = self._sides(reader)
        for person in persons:
            side = next((province for start, province, _ in reversed(sides) if province and person.first_word >= start), None)
            body = next((body for start, _, body in reversed(sides) if body and person.first_word >= start), None)
            if body:  # "Về phía BIDV có bà X, Tổng Giám đốc": a bare title is in the body of that side
                person.posts = [replace(post, organization=body) if post.organization is None
                                and post.title not in self.lex.party_default else post for post in person.posts]
            self._add_person(person, evidence, side)
        self._roles(reader, persons, evidence)

    # ------------------------------------------------------------------
    # dates and places
    def _note_dates(self, text: str, offset: int, documents: list[DocumentMention]) -> None:
        doc_spans = [(d.start - offset, d.end - offset) for d in documents]
        for date in find_dates(text):
            if date.year is None or any(s <= date.start <= e + 2 for s, e in doc_spans):
                continue  # a document's date is not evidence of when the event was
            if not date.valid:
                self.warnings.append(f"impossible date {date.text!r} at offset {offset + date.start} (ignored)")
                continue
            self.full_dates.append(date)

    def _note_bodies(self, reader: SentenceReader, text: str) -> None:
        """Bodies named in full, by head, and the abbreviations the article defines: ``Tập đoàn Công nghiệp
        Than - Khoáng sản Việt Nam (TKV)``."""
        self.sentence_body = {}
        for body in reader.bodies():
            head = self.lex.body_heads.match(reader.lows, body.first_word)  # the longest: "Bộ Chính trị" is no "Bộ"
            if not head or body.last_word - body.first_word <= head[0]:
                continue
            for bare in self.lex.bare_heads(head[1]):
                self.last_body[bare] = self.sentence_body[bare] = body.name
            defined = _DEFINED.match(text, body.end - reader.offset)
            if defined:
                self.body_abbreviations[defined[1]] = body.name

    def _named_body(self, org: str | None) -> str | None:
        """A bare head (``Sở``) or an abbreviation the article defined (``Hội đồng thành viên TKV``), in full."""
        if not org:
            return org
        head = self.lex.bare_aliases.get(org, org)  # "Nhà trường": the school
        if head in self.lex.bare_refers:
            return self.last_body.get(head, org)
        for bare in self.lex.bare_refers:  # "Chánh Văn phòng Bộ", "Công đoàn Công ty": of the one named last
            if org.endswith(" " + bare) and bare in self.last_body:
                return f"{org[: -len(bare)]}{self.last_body[bare]}"
        words = org.split(" ")  # "Hội đồng thành viên TKV", "BIDV Chi nhánh Thanh Hóa"
        return " ".join(self.body_abbreviations.get(word, word) for word in words)

    def _note_district(self, text: str) -> None:
        self.last_place.update(self._places(text))

    def _places(self, text: str) -> dict[str, str]:
        """The district and commune named in ``text`` (``huyện Mường La``, ``xã Mậu Duệ``), by level."""
        found: dict[str, str] = {}
        for m in _PLACE_IN.finditer(text):
            place = m.group(2).strip()
            first = place.split()[0]
            if self.lex.surnames.match([first.casefold()], 0) and len(place.split()) >= 3:
                continue  # "Huyện ủy Phạm Văn Bé Năm": a person follows, not a place
            level = _LEVEL_OF_END[m.group(1).casefold()]
            found[level] = place
            found[f"{level} named"] = f"{m.group(1)} {place}"  # "phường Long Châu", for a bare "Đảng ủy"
        return found

    # ------------------------------------------------------------------
    # events
    def _maybe_start_event(self, reader: SentenceReader, text: str, evidence: Evidence) -> None:
        lead = leading_date(text)
        if lead and self.opening_date is None:
            self.opening_date = lead
        opening = text.lstrip("*-–• ").casefold()
        same_day = any(opening.startswith(s) for s in self.lex.same_day)
        found = self._organised_event(reader) or (self._dated_event(reader, lead.end) if lead else None)
        if found is None and same_day:
            # "Cùng ngày, Đoàn giám sát số 3 ... đã có buổi làm việc với ...": another event of that day,
            # unless it names a kind of event already reported ("Cùng ngày, hội nghị đã ...").
            found = self._dated_event(reader, 0)
            if found and found[0] in {e.type for e in self.events}:
                found = None
        if found is None:
            return
        event_type, organizer = found
        if self.events and not (same_day or lead or text.lstrip().startswith("*")):
            return
        date = lead
        if same_day:
            date = self.events[-1].date if self.events else self.opening_date
        last = self.events[-1] if self.events else None
        if last is not None and last.type == event_type and last.date is None and date is not None:
            # "Thủ tướng ... chủ trì Phiên họp Chính phủ" (the headline), then "Sáng 14/10, ... phiên họp":
            # the event named without a date is the one the body dates.
            last.date, last.evidence, last.organizer = date, evidence, last.organizer or organizer
            return
        self.events.append(_EventDraft(event_type, date, evidence, organizer))

    def _organised_event(self, reader: SentenceReader) -> tuple[str, str | None] | None:
        """(event type, organiser) of ``ORG tổ chức EVENT`` in the sentence."""
        if "chức" not in reader.lows:
            return None  # most sentences: one scan in C instead of a loop over the words
        bodies = reader.bodies()
        inside = {k for b in bodies for k in range(b.first_word, b.last_word)}
        lows = reader.lows
        for i in range(reader.n - 1):
            if lows[i] != "tổ" or lows[i + 1] != "chức" or i in inside:
                continue
            for j in (i + 2, i + 3):
                noun = self.lex.event_nouns.match(lows, j) if j < reader.n else None
                if noun:
                    organizer = next((b.name for b in reversed(bodies) if b.last_word <= i and i - b.last_word <= 3), None)
                    return noun[1], organizer
        return None

    def _dated_event(self, reader: SentenceReader, after: int) -> tuple[str, str | None] | None:
        """``Sáng 8/7, Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15 khai mạc``: an event named after the date
        (which ends at character ``after`` of the sentence)."""
        first = next((k for k, start in enumerate(reader.starts) if start - reader.offset >= after), reader.n)
        for j in range(first, reader.n):
            noun = self.lex.event_nouns.match(reader.lows, j)
            if noun and (j == 0 or reader.lows[j - 1] not in _NOT_BEFORE_EVENT) and not reader.texts[j - 1].isdigit():
                return noun[1], None
        return None

    def _event_from_role(self, reader: SentenceReader, verb: RoleVerb, evidence: Evidence) -> None:
        """``... chủ trì hội nghị`` when no ``tổ chức`` sentence came first: the role names the event."""
        for j in range(verb.word + 1, min(verb.word + 5, reader.n)):
            noun = self.lex.event_nouns.match(reader.lows, j)
            if noun:
                date = leading_date(evidence.sentence) or self.opening_date
                self.events.append(_EventDraft(noun[1], date, evidence, None))
                return

    # ------------------------------------------------------------------
    # persons and roles
    def _sides(self, reader: SentenceReader) -> list[tuple[int, str | None, str | None]]:
        """``Về phía tỉnh Bình Định có các đồng chí: ...``, ``Đoàn công tác tỉnh Hà Giang do đồng chí ...``,
        ``tại điểm cầu tỉnh An Giang có ông ...``, ``Về phía BIDV có ...``: (word where each side's people start,
        its province or None, its body or None), for an article about two provinces or two bodies."""
        lows, found = reader.lows, []
        if "phía" not in lows and "đoàn" not in lows and "cầu" not in lows:
            return found
        for i in range(reader.n - 2):
            opens = (lows[i : i + 2] in (["về", "phía"], ["điểm", "cầu"])  # "tại điểm cầu tỉnh An Giang có ông X"
                     or (lows[i] == "đoàn" and (i == 0 or lows[i - 1] != "tỉnh")))
            if not opens:
                continue
            j = i + 1 if lows[i] == "đoàn" else i + 2
            body = self._side_body(reader, j) if lows[i] == "về" else None
            if body:
                found.append((body[0], None, body[1]))
                continue
            while j < reader.n and j - i < 5 and lows[j] in ("công", "tác", "đại", "biểu", "của"):
                j += 1
            if j < reader.n and lows[j] in ("tỉnh", "thành"):
                j += 2 if lows[j] == "thành" else 1
                province = self.lex.provinces.match(lows, j)
                if province:
                    found.append((j + province[0], province[1].name, None))
        return found

    def _side_body(self, reader: SentenceReader, j: int) -> tuple[int, str] | None:
        """``Về phía BIDV có ...``, ``Về phía Ngân hàng Nhà nước có ...``, the side's name from word ``j``: (word
        where its people start, the body), when the side is a body rather than a province."""
        lows = reader.lows
        has = next((k for k in range(j + 1, min(j + 10, reader.n)) if lows[k] == "có"), None)
        if has is None:
            return None
        printed = " ".join(reader.texts[j:has])
        if printed in self.body_abbreviations:
            return has + 1, self.body_abbreviations[printed]
        if self.lex.body_heads.match(lows, j) and not self.lex.levels.match(lows, j):
            return has + 1, printed
        return None

    def _add_person(self, mention: PersonMention, evidence: Evidence, side: str | None = None) -> None:
        if mention.short:
            self.short_names.setdefault(mention.name.casefold(), []).append(mention)
            return
        key = self._alias_of(fold(mention.name))
        person = self.persons.setdefault(key, Person(mention.name))
        if evidence not in person.evidence:
            person.evidence.append(evidence)
        # "Phó Bí thư Đảng ủy xã, Chủ tịch UBND xã Mậu Duệ": one post names the place for both.
        siblings = self._places(" ; ".join(p.organization or "" for p in mention.posts))
        # "Phó Bí thư Đảng ủy, Chủ tịch UBND xã": a bare "Đảng ủy" is that of the commune the article is in.
        for post in mention.posts:
            org = post.organization  # a body of a level ("UBND xã"), not a level's name alone ("Huyện ủy")
            level = _level_of(org) if org and org.casefold() not in _LEVEL_OF_END else None
            if level and f"{level} named" not in siblings and f"{level} named" in self.last_place:
                siblings[f"{level} named"] = self.last_place[f"{level} named"]
        # "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Vĩnh Long" in an article about Cà Mau:
        # a province printed after the last post is that of the bare ones before it (not of a post given now).
        province = self._province_named([p for p in mention.posts if not p.given]) or side
        # "Ủy viên BTV, Trưởng Ban Tuyên giáo Huyện ủy": a bare party post is in the committee a later post names.
        committee = next((m.group(0) for p in mention.posts if not p.given and p.organization
                          for m in [_LOCAL_COMMITTEE.search(p.organization)] if m), None)
        for post in mention.posts:
            # "Bộ trưởng Bộ Nội vụ Phạm Văn Tâm và Thứ trưởng Phùng Văn Lâm": of the Bộ the sentence names
            head = self.lex.titled_heads.get(post.title)
            if post.organization is None and head in self.sentence_body:
                post.organization = self.sentence_body[head]
            post.organization = self._named_body(post.organization)
        for index, post in enumerate(mention.posts):
            title, raw = _party_unit_of(post, mention.posts[index + 1 : index + 2])
            bare_party_post = raw is None and title.removeprefix("nguyên ") in self.lex.party_default
            org = self._complete_org(committee if bare_party_post and committee else raw, title,
                                     siblings, None if post.given else province)
            following = mention.posts[index + 1] if index + 1 < len(mention.posts) else None
            if org is None and title in self.lex.board_seats and following:
                org = self._board_of(following.organization)
            elif org is None and following and following.organization and not following.given and not bare_party_post:
                # "Phó Chỉ huy trưởng, Tham mưu trưởng Bộ Chỉ huy Quân sự tỉnh": two posts in the body printed once
                org = self._complete_org(following.organization, following.title, siblings, province)
            if title.casefold() in self.lex.needs_body and (org is None or org.casefold() in self.lex.team_bodies):
                continue
            if org and self._event_committee(org):
                continue
            if province is None and self._same_post_elsewhere(person, title, org):
                continue
            if org or title:
                person.positions.append(Position(title, org, evidence))

    def _event_committee(self, org: str) -> bool:
        """``Ban Tổ chức Giải``, ``Hội đồng Giám khảo Hội thi``, ``Ban Kiểm phiếu``: a committee of a prize or an
        event, no body."""
        low = org.casefold()
        if any(low == board or low.startswith(board + " ") for board in self.lex.team_boards):
            return True  # "Trưởng Ban Kiểm phiếu": a board of the congress, for its days; "Ban Biên soạn": of a book
        for committee in self.lex.event_committees:
            if low.startswith(committee + " "):
                rest = low[len(committee) + 1 :].split()
                return rest[0] in ("giải", "cuộc") or bool(self.lex.event_nouns.match(rest, 0))
        return False

    def _board_of(self, org: str | None) -> str | None:
        """The body whose board a seat printed bare is on: that of the next post, less a section of it
        (``Trưởng Ban Tổ chức Tổng Liên đoàn Lao động Việt Nam`` → Tổng Liên đoàn Lao động Việt Nam)."""
        if not org:
            return None
        low = org.casefold()
        section = max((s for s in self.lex.party_sections if low.startswith(s + " ")), key=len, default="")
        return self._complete_org(org[len(section):].strip(), "") if section else org

    def _same_post_elsewhere(self, person: Person, title: str, org: str | None) -> bool:
        """``Chủ tịch UBND tỉnh Phạm Anh Khoa`` in an article about Gia Lai, after ``Về phía tỉnh Bình Định ...
        Phạm Anh Khoa, Chủ tịch UBND tỉnh``: the post completed with the article's province is the one already
        read with another province."""
        if not (org and self.province and org.endswith(" " + self.province)):
            return False
        stem = org[: -len(self.province)]
        return any(p.title == title and p.organization and p.organization != org and p.organization.startswith(stem)
                   for p in person.positions)

    def _alias_of(self, key: str) -> str:
        """``bà Kim Loan`` after ``bà Trần Thị Kim Loan``: a name's last two words (an Ê Đê name's first two)
        name the one person with that full name, not a new person."""
        words = key.split()
        if len(words) != 2 or key in self.persons:
            return key
        # "đồng chí Y Ngơn" after "Y Ngơn Niê Kdăm": an Ê Đê name's family name comes last
        prefixed = words[0] in self.lex.name_prefixes or words[0].startswith(("h'", "h’"))
        part = slice(0, 2) if prefixed else slice(-2, None)
        longer = [k for k in self.persons if len(k.split()) >= 3 and k.split()[part] == words]
        return longer[0] if len(longer) == 1 else key

    def _roles(self, reader: SentenceReader, persons: list[PersonMention], evidence: Evidence) -> None:
        """Each group of persons takes the role verbs of the clause before it and right after it."""
        if not persons:
            return
        verbs = reader.role_verbs()
        groups: dict[int, list[PersonMention]] = {}
        for p in persons:
            groups.setdefault(p.group, []).append(p)
        ordered = list(groups.values())
        previous_end = 0
        opened: list[RoleVerb] = []  # the roles the sentence opened with
        for index, group in enumerate(ordered):
            limit = ordered[index + 1][0].first_word if index + 1 < len(ordered) else reader.n
            before = self._fronted_verbs(reader, verbs, previous_end, group[0].first_word)
            if not before:
                before = self._implied_verbs(reader, verbs, previous_end, group[0].first_word, opened)
            opened = opened or before
            after = self._following_verbs(reader, verbs, group[-1].last_word, limit)
            for verb in [*before, *after]:
                if not self.events:
                    self._event_from_role(reader, verb, evidence)
                for person in group:
                    self._add_role(verb, person, evidence)
            previous_end = group[-1].last_word

    def _following_verbs(self, reader: SentenceReader, verbs: list[RoleVerb], start: int, limit: int) -> list[RoleVerb]:
        """``..., Bí thư Tỉnh ủy chủ trì hội nghị``: verbs within a few words after the group, in its clause."""
        lows = reader.lows
        if start + 1 < limit and lows[start] == "," and self.lex.people_nouns.match(lows, start + 1):
            # "Em X, học sinh lớp 7 Trường ..., thay mặt các em phát biểu": what the person is, then the verb
            described = next((k for k in range(start + 1, limit) if lows[k] in (",", ";")), None)
            if described is not None and lows[described] == ",":
                start = described
        stop = next((k for k in range(start, limit) if lows[k] == ";"), limit)
        return [v for v in verbs if start <= v.word < min(stop, start + 14)]

    def _fronted_verbs(self, reader: SentenceReader, verbs: list[RoleVerb], start: int, first_word: int) -> list[RoleVerb]:
        """Verbs of the clause that introduces a group: ``Tới dự và phát biểu tại hội nghị có đồng chí ...``,
        ``Phát biểu kết luận, đồng chí ...``, ``dưới sự chủ trì của đồng chí ...``."""
        before = [v for v in verbs if start <= v.word < first_word]
        if not before:
            return []
        lows = reader.lows
        tail = " ".join(lows[max(start, first_word - 4) : first_word])
        if re.search(r"(?:sự (?:chủ trì|tham dự|đồng chủ trì)|tham luận|phát biểu|bài phát biểu) của$", tail):
            return before[-1:]
        clauses = _clauses(lows, start, first_word)
        if start == 0 and clauses and lows[clauses[-1][1] - 1] == ":":
            # "Tại buổi lễ, đại diện các tầng lớp Nhân dân phát biểu hưởng ứng: ông A, ...; em B, ...": the clause
            # announces the list. Only before the sentence's first group: "Ông A phát biểu: ..." is A's own verb.
            return [v for v in before if clauses[-1][0] <= v.word]
        while len(clauses) > 1 and self.lex.on_behalf.match(lows, clauses[-1][0]):
            clauses.pop()  # the verb is in the clause before "thay mặt ..., đồng chí X"
        while start == 0 and len(clauses) > 1 and not any(reader.caps[clauses[-1][0] : clauses[-1][1]]) and not any(
                clauses[-1][0] <= v.word < clauses[-1][1] for v in before):
            clauses.pop()  # "Báo cáo kết quả tìm kiếm, quy tập, Thượng tá X cho biết": a list inside the verb's object
        if not clauses:
            return []
        first, last = clauses[-1]
        if first == start > 0 and lows[last - 1] == ":" and all(v.kind == "speaker" for v in before if v.word >= first):
            return []  # "Ông A phát biểu: ông B đã ...": A's own verb, announcing what A said (not "A trao ... cho: B")
        opening = [v for v in before if first <= v.word <= first + 2]
        if opening:
            return [v for v in before if first <= v.word < last]
        if last - 1 >= first and lows[last - 1] == "có":
            # "Trong số các cá nhân đoạt giải Nhất có ông X": who is there, named by a clause ending in "có"
            return [v for v in before if first <= v.word < last and v.kind == "attendee"]
        return []

    def _implied_verbs(self, reader: SentenceReader, verbs: list[RoleVerb], start: int, first_word: int,
                       earlier: list[RoleVerb]) -> list[RoleVerb]:
        """Roles no verb names: a quote attributed to someone (``"..." - ông Thuận nói``) makes a
        speaker; ``Cùng tiếp xúc cử tri có bà X`` an attendee; ``...; tại điểm cầu Y có đồng chí Z``
        continues the roles the sentence opened with; ``trao Bằng khen cho 4 cá nhân, trong đó có ông X``
        names one who received it, there."""
        lows = reader.lows
        if first_word >= 2 and lows[first_word - 1] in ("-", "–") and lows[first_word - 2] in ('"', "”", "’"):
            return [RoleVerb("speaker", "phát biểu", first_word, reader.starts[first_word])]
        clauses = _clauses(lows, start, first_word)
        if not clauses:
            return []
        first, last = clauses[-1]
        clause = lows[first:last]
        for household in (["hộ"], ["gia", "đình"]):  # "trong đó có hộ ông A": the household is named by its head
            if clause[-len(household):] == household:
                clause = clause[: -len(household)]
        if clause[-3:] == ["trong", "đó", "có"]:
            given = [v for v in verbs if v.word < first and v.kind == "attendee" and v.verb in self.lex.giving_verbs]
            if given:
                return [RoleVerb("attendee", given[-1].verb, first, reader.starts[first])]
        if clause and clause[-1] in ("có", "là") or clause[-2:] == ["có", "các"]:
            if clause[0] == "cùng":
                return [RoleVerb("attendee", "cùng có", first, reader.starts[first])]
            return earlier
        return []

    def _add_role(self, verb: RoleVerb, person: PersonMention, evidence: Evidence) -> None:
        prefix = "title:" if person.title_only else "short:" if person.short else ""
        key = person.name.casefold() if person.short else self._alias_of(fold(person.name))
        role = (verb.kind, prefix + key, verb.verb, evidence)
        (self.events[-1].roles if self.events else self.pending_roles).append(role)

    # ------------------------------------------------------------------
    # organisations
    def _province_named(self, posts: list[PostMention]) -> str | None:
        """The province the bodies of one mention's posts name, when they name exactly one."""
        lex = self.lex
        named = {lex.province_of_variant[m.group(0)] for post in posts if post.organization
                 for m in lex.province_pattern.finditer(post.organization)}
        return named.pop() if len(named) == 1 else None

    def _complete_org(self, org: str | None, title: str, places: dict[str, str] | None = None,
                      province: str | None = None) -> str | None:
        """Add what the article (or ``province``, when given) fixes: the parent committee, the province, the district."""
        lex = self.lex
        bare_title = title.removeprefix("nguyên ").strip()
        if not org:
            if bare_title not in lex.party_default:
                return None
            org = "Tỉnh ủy"
        return self._complete_named_org(org, places, province or self.province)

    def _complete_named_org(self, org: str, places: dict[str, str] | None, province: str | None) -> str:
        lex = self.lex
        term = re.search(r"\s+(?:khóa [IVXLC]+|nhiệm kỳ \d{4}\s*[-–]\s*\d{4})$", org)
        if term:  # "Hội Nông dân tỉnh khóa IX": complete the body, keep the term after it
            return f"{self._complete_named_org(org[: term.start()], places, province)}{term.group(0)}"
        low = org.casefold()
        city = province and self.lex.province_by_name[province].kind == "thành phố"
        committee = "Thành ủy" if city else "Tỉnh ủy"
        if org == "Tỉnh ủy" and city:
            org, low = committee, committee.casefold()
        if _party_section(low, lex) and not re.search(r"ủy|trung ương|đảng bộ|hội đồng nhân dân|quốc hội", low):
            org += f" {committee}"
            low = org.casefold()
        if province and (low.endswith(("tỉnh ủy", "tỉnh đoàn")) or low.split()[-1] == "tỉnh"):
            return f"{org} {province}"
        if city and (low.endswith(("thành ủy", "thành đoàn")) or low.split()[-1] == "phố"):
            return f"{org} {province}"  # "HĐND thành phố" in an article about Cần Thơ
        if province and low.startswith("sở ") and not self._names_a_place(org):
            return f"{org} {'thành phố' if city else 'tỉnh'} {province}"  # a department of the article's province
        if low == "đảng ủy" and places and (places.get("commune named") or places.get("district named")):
            # "Phó Bí thư Đảng ủy, Chủ tịch UBND phường Long Châu": the Đảng ủy of that ward
            return f"{org} {places.get('commune named') or places['district named']}"
        level = _level_of(low)
        place = (places or {}).get(level) or self.last_place.get(level) if level else None
        return f"{org} {place}" if place else org

    def _names_a_place(self, org: str) -> bool:
        reader = SentenceReader(org, 0, self.lex)
        return any(self.lex.provinces.match(reader.lows, k) for k in range(reader.n)) or bool(_PLACE_IN.search(org))

    # ------------------------------------------------------------------
    def _facts(self) -> Facts:
        names = self._name_resolver()
        events = [self._event(draft, names) for draft in self._events_with_pending()]
        facts = Facts(
            article=self.article.name,
            source=self.article.source,
            text=self.text,
            title=self.article.title,
            published=self.article.published,
            province=self.province,
            events=events,
            people=[self._merged(p) for p in self.persons.values()],
            documents=self._documents(),
            warnings=self.warnings,
            input_key=self.article.input_key,
        )
        for event in facts.events:
            event.documents = self._resolve_codes(event.documents, facts.documents)
        return facts

    def _events_with_pending(self) -> list[_EventDraft]:
        if self.pending_roles:
            if not self.events:
                evidence = self.pending_roles[0][3]
                self.events.append(_EventDraft(self._likely_event_type(), None, evidence, None))
            self.events[0].roles[:0] = self.pending_roles
        return self.events

    def _likely_event_type(self) -> str:
        reader = SentenceReader(self.article.title or "", 0, self.lex)
        for i in range(reader.n):
            noun = self.lex.event_nouns.match(reader.lows, i)
            if noun:
                return noun[1]
        return "hội nghị"

    def _name_resolver(self):
        """Resolves a role's person key: a full name, a given name alone, or a post alone."""
        full = {key: p.name for key, p in self.persons.items()}

        def resolve(key: str) -> str | None:
            if key.startswith("title:"):
                matches = self._holders(key[6:])
            elif key.startswith("short:"):
                given = strip_diacritics(key[6:]).casefold()
                matches = [name for k, name in full.items() if k.split()[-1] == given]
            else:
                return full.get(key)
            return matches[0] if len(matches) == 1 else None

        return resolve

    def _holders(self, post: str) -> list[str]:
        """The persons whose posts in this article read like ``post`` (same title, its body words)."""
        words = fold(post).split()
        found = []
        for person in self.persons.values():
            for pos in person.positions:
                phrase = _phrase(pos)
                if phrase[: len(fold(pos.title).split())] == words[: len(fold(pos.title).split())] and _covers(phrase, words):
                    found.append(person.name)
                    break
        return found

    def _event(self, draft: _EventDraft, resolve) -> Event:
        date = None
        if draft.date:
            year = (
                draft.date.year
                or anniversary_year(draft.evidence.sentence)
                or infer_year(draft.date.day, draft.date.month, self.article.published, self.full_dates)
            )
            date = iso(year, draft.date.month, draft.date.day)
            if year and date is None:
                self.warnings.append(f"impossible event date {draft.date.text!r} (stored as null)")
        event = Event(draft.type, date, draft.evidence)
        if draft.organizer:
            event.organizers.append(self._complete_org(draft.organizer, "") or draft.organizer)
        for kind, key, verb, evidence in draft.roles:
            name = resolve(key)
            if name:
                event.roles.append(Role(kind, name, verb, evidence))
        event.documents = list(dict.fromkeys(draft.documents))
        return event

    def _merged(self, person: Person) -> Person:
        """One position per post: the longest spelling of an organisation wins."""
        kept: list[Position] = []
        for pos in person.positions:
            key = _phrase(pos)
            if any(_covers(_phrase(k), key) and k.title.casefold() == pos.title.casefold() for k in kept):
                continue
            kept = [k for k in kept if not (_covers(key, _phrase(k)) and k.title.casefold() == pos.title.casefold())]
            kept.append(pos)
        return Person(person.name, kept, person.evidence)

    # ------------------------------------------------------------------
    # documents
    def _documents(self) -> list[Document]:
        by_code: dict[str, Document] = {}
        for mention, evidence in self.documents:
            if not mention.code:
                continue
            key = _code_key(mention.code)
            issuer, issuers = self._complete_issuer(mention.issuer)
            if key not in by_code:
                by_code[key] = Document(mention.code, mention.type, issuer, mention.date, evidence, issuers)
                continue
            doc = by_code[key]
            doc.type = doc.type or mention.type
            if not doc.issuer:
                doc.issuer, doc.issuers = issuer, issuers
            doc.date = doc.date or mention.date
        # "Đề án 938": a scheme known by its number alone, unless the article prints its full code ("06-ĐA/TU").
        numbers = {re.split(r"[-/]", code, maxsplit=1)[0] for code in by_code}
        for mention, evidence in self.documents:
            if mention.short_number and mention.type == "Đề án" and mention.short_number not in numbers:
                code = f"Đề án {mention.short_number}"
                by_code.setdefault(_code_key(code), Document(code, mention.type, None, None, evidence))
        return list(by_code.values())

    def _complete_issuer(self, issuer: str | None) -> tuple[str | None, tuple[str, ...]]:
        """The issuer as printed with each body completed (its province...), and a joint issuer's bodies."""
        if not issuer:
            return None, ()
        bodies = [(separator, self._complete_org(body, "") or body) for separator, body in joint_bodies(issuer, self.lex)]
        joint = tuple(body for _, body in bodies) if len(bodies) > 1 else ()
        return "".join(separator + body for separator, body in bodies), joint

    def _resolve_codes(self, codes: list[str], documents: list[Document]) -> list[str]:
        known = {_code_key(d.code): d.code for d in documents}
        return list(dict.fromkeys(known.get(_code_key(c), c) for c in codes))


def _clauses(lows: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Word ranges between commas and semicolons in ``[start, end)``, leaving out empty ones."""
    found, begin = [], start
    for k in range(start, end + 1):
        if k == end or lows[k] in (",", ";"):
            if any(w[:1].isalpha() for w in lows[begin:k]):
                found.append((begin, k))
            begin = k + 1
    return found


def _code_key(code: str) -> str:
    return re.sub(r"\s+", "", code).casefold().replace("–", "-")


def _phrase(pos: Position) -> list[str]:
    return fold(f"{pos.title} {pos.organization or ''}").split()


def _covers(longer: list[str], shorter: list[str]) -> bool:
    it = iter(longer)
    return all(w in it for w in shorter)


def _party_section(low: str, lex: Lexicon) -> bool:
    """``ban kinh tế``, ``ban tổ chức tỉnh``: a section of a party committee, not ``ban kinh tế - ngân sách`` (a
    council's), ``văn phòng đăng ký đất đai`` (a name of its own) or ``ban tổ chức tổng liên đoàn ...`` (another's)."""
    # a level may follow ("ban dân vận tỉnh"), not more of a name
    return any(low == s or (low.startswith(s + " ") and lex.levels.match(low[len(s) + 1 :].split(), 0))
               for s in lex.party_sections)


def _party_unit_of(post: PostMention, following: list[PostMention]) -> tuple[str, str | None]:
    """(title, body) of a post, a bare ``Đảng ủy``/``Chi bộ``/``Ban cán sự đảng`` being that of the unit the next post names:
    ``Bí thư Đảng ủy, Giám đốc Công an tỉnh`` → Đảng ủy Công an tỉnh; ``Bí thư Chi bộ, Hiệu trưởng Trường
    THCS Chiềng Mung`` → Bí thư of Chi bộ Trường THCS Chiềng Mung. Not beside a council, a people's
    committee or a party committee: ``Phó Bí thư Đảng ủy, Chủ tịch UBND xã`` is the commune's Đảng ủy."""
    cell = re.fullmatch(r"(.+?) [Cc]hi bộ", post.title)
    if cell and post.organization and post.organization[0].islower():
        return cell.group(1), f"Chi bộ {post.organization}"  # "Bí thư Chi bộ bản Nà Ten": the cell of a village
    unit = following[0].organization if following else None
    if not unit or _NOT_A_UNIT.match(unit):
        return post.title, post.organization
    if post.organization in ("Đảng ủy", "Chi bộ", "Ban cán sự đảng"):
        return post.title, f"{post.organization} {unit}"
    if post.organization is None and cell:
        return cell.group(1), f"Chi bộ {unit}"
    return post.title, post.organization


def _level_of(org: str) -> str | None:
    """``district`` or ``commune`` for a body whose name ends in a level without its place (``UBND xã``)."""
    low = org.casefold()
    return next((level for end, level in _LEVEL_OF_END.items() if low.endswith(end)), None)
