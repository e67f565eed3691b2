"""Text normalisation: one spelling for one word.

Vietnamese text arrives in NFC or NFD, with old- or new-style tone-mark
placement (``Tỉnh uỷ`` / ``Tỉnh ủy``, ``hoà`` / ``hòa``), non-breaking spaces,
HTML entities and mixed line endings. Everything downstream (offsets,
lexicon look-ups, IRIs) works on the text this module returns.
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

__all__ = ["normalize_text", "canon_tone", "fold", "strip_diacritics"]

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave acute tilde hook dot
_VOWELS = frozenset("aeiouy")
#: A character class of the capital letters of Vietnamese (tone-marked ones too: "Ọi", "Ấn", "Ủy"), for patterns
#: that find a name by its capitals; ``[A-ZĐ]`` misses the capitals that carry a tone mark.
UPPER = "[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]"
# A run of spaces other than one plain space (most runs are one plain space: replacing those too took a
# quarter of normalising an article): one starting with another space character, or two or more.
_OTHER_SPACE = r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_ANY_SPACE = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_SPACES = re.compile(rf"{_OTHER_SPACE}{_ANY_SPACE}*| {_ANY_SPACE}+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# A syllable whose tone mark may sit in the wrong place carries it on a vowel
# beside another vowel; only those go through canon_tone (the rest are
# already canonical). Found in one pass: a whole word (\w+ run) with such a
# pair, tried only from a word's start.
_VOWEL = "aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_TONED = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
# Both cases spelled out rather than re.I, which lower-cases every character it tests (a fifth of the search);
# re.I also matched İ and ı as i, kept here.
_VOWELS_ANY_CASE = _VOWEL + _VOWEL.upper() + "İı"
_TONED_ANY_CASE = _TONED + _TONED.upper()
_TWO_VOWEL_WORD = re.compile(
    rf"\b\w*(?:[{_TONED_ANY_CASE}][{_VOWELS_ANY_CASE}]|[{_VOWELS_ANY_CASE}][{_TONED_ANY_CASE}])\w*")


def normalize_text(text: str) -> str:
    """NFC, one tone-mark placement, plain spaces, ``\\n`` line ends, entities decoded."""
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    return _TWO_VOWEL_WORD.sub(_canon_word, text)


def _canon_word(m: re.Match) -> str:
    return canon_tone(m.group())


@lru_cache(maxsize=65536)
def canon_tone(word: str) -> str:
    """Put the tone mark of one syllable where the traditional rule puts it.

    ``qu``/``gi`` are onsets; a vowel with a quality mark (â ă ê ô ơ ư) takes
    the tone; else with a final consonant the last vowel; else of three vowels
    the middle one; else the first (``hòa``, ``thủy``, ``khỏe``). This is the
    rule of ``shared/eval/score.py``, so the text and the scorer agree.
    """
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) != 1:
        return word
    letters: list[list[str]] = []
    for ch in decomposed:
        if ch in _TONE_MARKS:
            continue
        if unicodedata.combining(ch):
            if not letters:
                return word
            letters[-1][1] += ch
        else:
            letters.append([ch, ""])
    bases = [b.lower() for b, _ in letters]
    if not all(b.isalpha() for b in bases):
        return word
    vowels = [i for i, b in enumerate(bases) if b in _VOWELS]
    if not vowels or vowels[-1] - vowels[0] + 1 != len(vowels):
        return word
    cluster = list(range(vowels[0], vowels[-1] + 1))
    first = cluster[0]
    if len(cluster) > 1 and first > 0 and not letters[first][1]:
        onset = bases[first - 1] + bases[first]
        if onset in ("qu", "gi"):
            cluster = cluster[1:]
    marked = [i for i in cluster if letters[i][1]]
    if marked:
        pos = marked[-1]
    elif cluster[-1] < len(letters) - 1:
        pos = cluster[-1]
    elif len(cluster) >= 3:
        pos = cluster[1]
    else:
        pos = cluster[0]
    letters[pos][1] += tones[0]
    return unicodedata.normalize("NFC", "".join(b + m for b, m in letters))


def strip_diacritics(text: str) -> str:
    """``Lò Minh Hùng`` → ``Lo Minh Hung`` (``đ`` → ``d``)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A key for comparing names: normalised, no diacritics, lower case, single spaces."""
    return " ".join(strip_diacritics(normalize_text(text)).casefold().split())
