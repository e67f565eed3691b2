"""The lexicons the extractor reads: titles, bodies, provinces, surnames, events, documents.

The data lives in ``lexicons/*.json`` beside this module; this module loads
it once and turns it into look-up tables keyed by lower-cased word tuples, so
a phrase of any length is found at a token position in one dict look-up per
length.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalize import normalize_text, strip_diacritics

__all__ = ["Lexicon", "PhraseTable", "load_json", "LEXICON_FILES"]

_MISSING = object()

LEXICON_FILES = ("titles", "bodies", "provinces", "surnames", "events", "documents")


def load_json(name: str) -> dict:
    """A lexicon file's data, with every string normalised like article text."""
    text = resources.files("dvkg.ingest").joinpath("lexicons", f"{name}.json").read_text(encoding="utf-8")
    return json.loads(normalize_text(text))


def words_of(phrase: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in re.findall(r"[\w'’.]+|[^\w\s]", phrase))


class PhraseTable:
    """Phrases found by their lower-cased words; the longest match wins."""

    def __init__(self, phrases: dict[str, object]):
        self._table: dict[tuple[str, ...], object] = {}
        self._lengths: dict[str, list[int]] = {}
        for phrase, value in phrases.items():
            key = words_of(phrase)
            if not key:
                continue
            self._table[key] = value
            lengths = self._lengths.setdefault(key[0], [])
            if len(key) not in lengths:
                lengths.append(len(key))
        for lengths in self._lengths.values():
            lengths.sort(reverse=True)
        #: The words a phrase starts with: ``match`` finds nothing at any other word.
        self.starts = frozenset(self._lengths)

    def match(self, words: list[str], i: int) -> tuple[int, object] | None:
        """(length, value) of the longest phrase starting at ``words[i]`` (lower-cased words)."""
        if i >= len(words):
            return None
        lengths = self._lengths.get(words[i])
        if lengths is None:  # most words start no phrase: the common way out, kept short
            return None
        room = len(words) - i
        for n in lengths:
            if n <= room:
                value = self._table.get(tuple(words[i : i + n]), _MISSING)
                if value is not _MISSING:
                    return n, value
        return None

    def __contains__(self, phrase: str) -> bool:
        return words_of(phrase) in self._table


@dataclass(frozen=True)
class Province:
    name: str
    slug: str
    after_2025: bool
    merged_into: str | None
    kind: str = "tỉnh"  # or "thành phố": a centrally-run city


class Lexicon:
    """All lexicons, loaded and indexed. Use ``Lexicon.default()``."""

    def __init__(self):
        titles = load_json("titles")
        bodies = load_json("bodies")
        surnames = load_json("surnames")
        events = load_json("events")
        documents = load_json("documents")
        self._load_titles(titles)
        self._load_bodies(bodies)
        self._load_provinces(load_json("provinces"))
        self._load_names(surnames)
        self._load_events(events)
        self._load_documents(documents)
        # A word no phrase of these tables starts with cannot block a name, open an honorific or a role:
        # tested first, as most words of a sentence are such words.
        self.name_blocker_starts = (self.titles.starts | self.body_units.starts | self.provinces.starts
                                    | self.countries.starts | self.event_nouns.starts | self.document_types.starts)
        self.honorific_starts = self.honorifics.starts | self.ranks.starts | frozenset(self.academic)

    @staticmethod
    @lru_cache(maxsize=1)
    def default() -> "Lexicon":
        return Lexicon()

    # -- titles ---------------------------------------------------------
    def _load_titles(self, data: dict) -> None:
        self.titles = PhraseTable({h: h for h in data["heads"]})
        self.title_modifiers = PhraseTable({m: m for m in data["modifiers"]})
        self.title_prefixes = {p.casefold() for p in data["prefixes"]}
        self.embeds_body = data["embeds_body"]
        self.implied_body = data["implied_body"]
        self.split_body = data["split_body"]
        self.party_default = set(data["party_default"])
        self.abbreviations = data["abbreviations"]
        self.honorifics = PhraseTable({h: h for h in data["honorifics"]})
        # A role in a team, not a post, unless a body is named: "Trưởng đoàn giám sát", "thành viên đoàn kiểm tra".
        self.needs_body = {t.casefold() for t in data["needs_body"]}
        self.team_bodies = {t.casefold() for t in data["team_bodies"]}
        self.one_per_body = set(data["one_per_body"])
        self.board_seats = set(data["board_seats"])
        self.missions = set(data["missions"])
        self.titled_heads = data["titled_heads"]
        self.event_committees = [c.casefold() for c in data["event_committees"]]
        # Boards whose members hold a role in a team, no post: a congress's (Ban Kiểm phiếu), one piece of work's
        # (Ban Biên soạn), a contest's (Ban Giám khảo); whatever follows their name.
        self.team_boards = [c.casefold() for c in data["congress_boards"] + data["work_boards"]]
        # Honorifics that are also plain nouns ("cử tri Thuận Châu": the voters of a place): before a full name only.
        self.people_nouns = PhraseTable({h: h for h in data["people_nouns"]})
        self.ranks = PhraseTable({r: r for r in data["ranks"]})
        self.academic = {a.casefold() for a in data["academic_abbreviations"]}
        # Lower-case words that may open a person mention; any other lower-case word cannot.
        self.mention_starters = {"các", *self.title_prefixes, *self.academic}
        self.mention_starters |= {words_of(h)[0] for h in [*data["honorifics"], *data["ranks"], *data["heads"]]}

    # -- bodies ---------------------------------------------------------
    def _load_bodies(self, data: dict) -> None:
        self.body_heads = PhraseTable({h: h for h in data["heads"]})
        units = {p: p for p in data["phrases"]}
        units.update({h: h for h in data["heads"]})
        self.body_units = PhraseTable(units)
        self.body_lowercase = PhraseTable({w: w for w in data["lowercase"]})
        self.levels = PhraseTable(data["levels"])
        self.party_sections = [s.casefold() for s in data["party_sections"]]
        self.body_kinds = data["kinds"]
        self.sentence_case_heads = PhraseTable({h: h for h in data["sentence_case_heads"]})
        self.body_stop_words = set(data["stop_words"])
        self.body_stop_phrases = PhraseTable({p: p for p in data["stop_phrases"]})  # verbs after a body's name
        self.body_tails = PhraseTable({p: p for p in data["tails"]})  # lower-case phrases inside a body's name
        self.bare_refers = set(data["bare_refers"])
        self.bare_aliases = data["bare_aliases"]
        self.numbered_after = {w.casefold() for w in data["numbered_after"]}
        self.named_after_people = {h.casefold() for h in data["named_after_people"]}
        self.sub_units = PhraseTable({unit: PhraseTable({h: h for h in parents}) for unit, parents in data["sub_units"].items()})

    @lru_cache(maxsize=None)  # one lexicon per process, a few hundred heads
    def bare_heads(self, head: str) -> tuple[str, ...]:
        """The bare heads a body of ``head`` is later printed as: its own, and a shorter one when ``head`` is only
        a form of it (``Công ty TNHH ...`` is "Công ty"; ``Bộ Chỉ huy``, a kind of body of its own, is no "Bộ")."""
        kinds = {kind_head for heads in self.body_kinds.values() for kind_head in heads}
        return tuple(bare for bare in self.bare_refers if bare == head or (head.startswith(bare + " ") and head not in kinds))

    # -- provinces --------------------------------------------------------
    def _load_provinces(self, data: dict) -> None:
        names: dict[str, Province] = {}
        self.province_by_slug: dict[str, Province] = {}
        for entry in data["provinces"]:
            prov = Province(entry["name"], entry["slug"], entry["after_2025"], entry.get("merged_into"), entry["kind"])
            for variant in [entry["name"], *entry.get("variants", [])]:
                names[variant] = prov
            for slug in [entry["slug"], *entry.get("slug_aliases", [])]:
                self.province_by_slug[slug] = prov
        self.provinces = PhraseTable(names)
        self.countries = PhraseTable({c: c for c in data["countries"]})
        # One pass over a whole article to count the provinces it names (as printed, capitalised).
        self.province_of_variant = {variant: prov.name for variant, prov in names.items()}
        self.province_by_name = {prov.name: prov for prov in names.values()}
        alternatives = sorted(names, key=len, reverse=True)
        # The lookahead of first letters lets the regex engine skip most positions without the lookbehind.
        firsts = "".join(sorted({re.escape(name[0]) for name in alternatives}))
        self.province_pattern = re.compile(rf"(?=[{firsts}])(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")

    # -- names ----------------------------------------------------------
    def _load_names(self, data: dict) -> None:
        surnames = list(data["surnames"])
        self.surnames = PhraseTable({s: s for s in surnames})
        # One-letter prefixes but "H" (H'Hen is caught by its apostrophe): Y Thanh (Ê Đê), A Pớt (Xơ Đăng, Ba Na).
        self.name_prefixes = {p.casefold() for p in data["personal_prefixes"] if len(p) > 1 or p in ("Y", "A")}
        self.middle_names = {m.casefold() for m in data["middle_names"]}
        self.ambiguous_surnames = {s.casefold() for s in data["ambiguous_surnames"]}
        self.not_person_names = {strip_diacritics(n).casefold() for n in data["not_person_names"]}

    # -- events ---------------------------------------------------------
    def _load_events(self, data: dict) -> None:
        self.event_nouns = PhraseTable(data["nouns"])
        self.event_classes = data["classes"]
        self.same_day = [s.casefold() for s in data["same_day"]]
        # "Phát biểu tại buổi lễ, thay mặt thế hệ trẻ, đồng chí ...": a clause about whom the person stands for.
        self.on_behalf = PhraseTable({p: p for p in data["on_behalf"]})
        roles = {}
        for kind, verbs in data["roles"].items():
            roles.update({v: kind for v in verbs})
        self.role_verbs = PhraseTable(roles)
        self.not_role_after = {k: set(v) for k, v in data["not_role_after"].items()}
        self.giving_verbs = set(data["giving_verbs"])

    # -- documents --------------------------------------------------------
    def _load_documents(self, data: dict) -> None:
        self.document_types = PhraseTable({t: t for t in data["types"]})
        self.document_symbols = data["symbols"]
        self.named_resolutions = [re.compile(p) for p in data["named_resolution_patterns"]]
