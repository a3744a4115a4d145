"""Romanise Arabic personal names into the spellings English-language news uses.

Event records carry each participant's name as written plus ``name_en``. Readers
expect the forms wire services print ("Abdel Fattah al-Sisi", "Tamim bin Hamad
Al Thani", "Recep Tayyip Erdogan"), not a scholarly transliteration, so a name
is rendered in two layers:

1. ``lexicon/data/names_en.tsv`` maps common given names, family names and
   particles, single words or multi-word units matched longest first, to their
   conventional spelling. It covers non-Arab names too: a Russian or Turkish
   name written in Arabic script cannot be recovered by rule.
2. Any other word goes through a rule-based romaniser. It reads the letters
   before folding (ة/ه, ى/ي and إ/ا differ in sound) and any diacritics that
   are present, and inserts short vowels so the result can be pronounced.

Conventions
-----------
* عبد + article name -> ``Abdel <Name>`` ("Abdel Fattah", "Abdel Aziz",
  "Abdel Rahman"); the one exception is عبد الله -> "Abdullah". Joined spellings
  (عبدالفتاح) are split first, so both spellings agree. عبد before a name
  without the article -> "Abd <Name>" (عبد ربه -> "Abd Rabbo").
* The article ال -> lower-case ``al-`` joined by a hyphen, sun letters not
  assimilated ("al-Sisi", "Salah al-Din"); "Al-" when it opens the name.
* آل (ruling-family particle) -> ``Al`` and a space ("Al Thani", "Al Saud").
* بن / ابن / بنت -> ``bin`` / ``ibn`` / ``bint``, lower-case except at the start.
  A Maghrebi surname such as بن علي therefore reads "bin Ali", not "Ben Ali".
* أبو -> ``Abu``, أبي -> ``Abi``; X الله -> one word ("Nasrallah").
* ولد -> ``Ould``. A name holding ولد is Mauritanian, and Mauritanian names
  are printed in French-based spellings: the article is dropped and a few
  given names change (محمد -> "Mohamed", الشيخ -> "Cheikh",
  عبد الله -> "Abdallahi"), as in "Mohamed Ould Cheikh Ghazwani".
* Turkish اوغلو is joined to the word before it as "-oglu".
* Output is plain ASCII letters, spaces and hyphens.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasad.text.normalise import normalise_string

__all__ = ["name_table", "transliterate"]

_DATA_PACKAGE = "rasad.lexicon"
_DATA_FILE = "names_en.tsv"

_FATHA, _DAMMA, _KASRA, _SUKUN = "\u064e", "\u064f", "\u0650", "\u0652"
_TATWEEL = "\u0640"
_SHORT_VOWEL = {_FATHA: "a", _DAMMA: "u", _KASRA: "i", "\u0670": "a"}

_ALEFS = frozenset("اأإآٱ")
_CONSONANT = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ة": "t", "ک": "k", "ڪ": "k", "گ": "g", "ڨ": "g", "پ": "p", "چ": "ch", "ژ": "zh",
    "ڤ": "v", "ہ": "h", "ۀ": "h",
}
# Ayn and hamza have no letter in news spellings ("Saad", "Asma"), but they
# still hold a consonant slot, which decides where short vowels go.
_SILENT = frozenset("عء")
_YA = frozenset("يیې")
# Kurdish spells its vowels out; these letters are vowels wherever they stand.
_KURDISH_VOWEL = {"ۆ": "o", "ێ": "e", "ە": "a"}

# Lower-case particles as the table spells them; a following الله never joins onto one.
_LOWER_PARTICLES = frozenset({"bin", "ibn", "bint", "de", "da", "di", "von", "van", "der", "del", "dos"})

_ABD, _ALLAH, _DIN, _OGLU, _OULD = "عبد", "الله", "الدين", "اوغلو", "ولد"
_AL_FAMILY = "ال"  # آل after folding; the article itself is never written alone

# Mauritanian names follow French-based spellings; keys as in the table.
_MAURITANIAN: dict[tuple[str, ...], str] = {
    ("محمد",): "Mohamed",
    ("احمد",): "Ahmed",
    ("محمود",): "Mahmoud",
    ("شيخ",): "Cheikh",
    ("الشيخ",): "Cheikh",
    ("عبد", "الله"): "Abdallahi",
    ("مصطفي",): "Moustapha",
}


@dataclass(frozen=True, slots=True)
class _Unit:
    """One sound slot of a word: consonant ('C'), silent consonant ('S') or vowel ('V')."""

    kind: str
    text: str
    closed: bool = False  # sukun: the writer said no vowel follows


@dataclass(frozen=True, slots=True)
class _Token:
    raw: str  # letters with any diacritics, tatweel removed
    key: str  # folded and undiacritised, as table keys are

    @classmethod
    def of(cls, raw: str) -> _Token:
        return cls(raw, normalise_string(_letters(raw)))


def _letters(raw: str) -> str:
    return "".join(ch for ch in raw if unicodedata.category(ch) != "Mn")


@lru_cache(maxsize=1)
def name_table() -> dict[tuple[str, ...], str]:
    """The name table: tuple of normalised key tokens -> English spelling."""
    text = resources.files(_DATA_PACKAGE).joinpath("data", _DATA_FILE).read_text(encoding="utf-8")
    table: dict[tuple[str, ...], str] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise ValueError(f"{_DATA_FILE}:{lineno}: expected name_ar<TAB>name_en")
        arabic, english = parts[0].strip(), parts[1].strip()
        if arabic == "name_ar":
            continue
        key = tuple(normalise_string(arabic).split())
        if key and english:
            table[key] = english
    return table


@lru_cache(maxsize=1)
def _max_key_len() -> int:
    return max((len(k) for k in name_table()), default=1)


def _tokenise(name: str) -> list[str]:
    """Split on anything that is neither a letter nor a combining mark."""
    tokens: list[str] = []
    current: list[str] = []
    for ch in name:
        if ch == _TATWEEL:
            continue
        cat = unicodedata.category(ch)
        if cat == "Cf":  # zero-width and direction marks sit inside words
            continue
        if cat.startswith("L") or cat == "Mn":
            current.append(ch)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


def _split_raw(raw: str, n_letters: int) -> tuple[str, str]:
    """Split a raw token after ``n_letters`` letters, keeping marks with their letter."""
    seen = 0
    for idx, ch in enumerate(raw):
        if unicodedata.category(ch) != "Mn":
            if seen == n_letters:
                return raw[:idx], raw[idx:]
            seen += 1
    return raw, ""


def _split_compounds(raw: str) -> list[str]:
    """Undo joined spellings (عبدالعزيز, نصرالله, نورالدين) so they read like the spaced ones."""
    key = normalise_string(_letters(raw))
    if key.startswith("عبدال") and len(key) >= 7:
        head, tail = _split_raw(raw, 3)
        return [head, *_split_compounds(tail)]
    for suffix in (_ALLAH, _DIN, _OGLU):
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            head, tail = _split_raw(raw, len(key) - len(suffix))
            return [*_split_compounds(head), tail]
    return [raw]


def _has_article(raw: str) -> bool:
    # A hamza on the alef (إلهام, ألفت) rules the article out; ال + one letter is a name (الن).
    letters = _letters(raw)
    return len(letters) >= 4 and letters[0] in "اٱ" and letters[1] == "ل"


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _lookup(key: tuple[str, ...], mauritanian: bool) -> str | None:
    if mauritanian and key in _MAURITANIAN:
        return _MAURITANIAN[key]
    return name_table().get(key)


@lru_cache(maxsize=8192)
def _word(raw: str, mauritanian: bool) -> str:
    """Render one token that no multi-word table entry covered."""
    if raw.isascii():
        return raw
    key = normalise_string(_letters(raw))
    found = _lookup((key,), mauritanian)
    if found is not None:
        return found
    if _has_article(raw):
        return "al-" + _stem(raw, mauritanian)
    return _cap(_romanise(raw))


def _stem(raw: str, mauritanian: bool = False) -> str:
    """An article word without its article, capitalised (for al- and Abdel)."""
    stem = _split_raw(raw, 2)[1]
    found = _lookup((normalise_string(_letters(stem)),), mauritanian)
    return found if found is not None else _cap(_romanise(stem))


def _longest_match(
    keys: list[str], i: int, longest: int, mauritanian: bool
) -> tuple[str | None, int]:
    """The longest multi-word table entry starting at ``keys[i]``, if any."""
    for length in range(min(longest, len(keys) - i), 1, -1):
        value = _lookup(tuple(keys[i : i + length]), mauritanian)
        if value is not None:
            return value, length
    return None, 0


def _render(tokens: list[_Token]) -> list[str]:
    keys = [t.key for t in tokens]
    mauritanian = _OULD in keys
    longest = max(_max_key_len(), 2)
    words: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        value, length = _longest_match(keys, i, longest, mauritanian)
        if value is not None:
            i += length
        elif keys[i] == _ABD and i + 1 < n and _has_article(tokens[i + 1].raw):
            value = "Abdel " + _stem(tokens[i + 1].raw, mauritanian)
            i += 2
        elif keys[i] == _AL_FAMILY:
            value = "Al"
            i += 1
        else:
            value = _word(tokens[i].raw, mauritanian)
            i += 1
        if i < n and keys[i] == _ALLAH and value and value not in _LOWER_PARTICLES:
            # Theophoric names are printed as one word: Nasrallah, Atallah.
            value = value + ("llah" if value.endswith("a") else "allah")
            i += 1
        elif i < n and keys[i] == _OGLU and value:
            value += "oglu"
            i += 1
        if value:
            words.append(value)
    if mauritanian:
        words = [_cap(w[3:]) if w.startswith("al-") else w for w in words]
    return words


@lru_cache(maxsize=4096)
def transliterate(name: str) -> str:
    """Romanise an Arabic personal name the way English-language news spells it.

    Diacritics, tatweel and punctuation in the input are tolerated; Latin words
    are passed through. An empty or letterless input gives "".
    """
    tokens: list[_Token] = []
    for raw in _tokenise(name):
        tokens.extend(_Token.of(part) for part in _split_compounds(raw) if part)
    words = _render(tokens)
    if not words:
        return ""
    return _cap(" ".join(words))


# ---------------------------------------------------------------------------
# Rule-based romanisation of a single word


def _clusters(raw: str) -> list[tuple[str, str]]:
    """Pair each letter with the diacritics written on it."""
    out: list[tuple[str, str]] = []
    for ch in raw:
        if unicodedata.category(ch) == "Mn":
            if out:
                out[-1] = (out[-1][0], out[-1][1] + ch)
        else:
            out.append((ch, ""))
    return out


def _mark_vowel(marks: str) -> str | None:
    for m in marks:
        if m in _SHORT_VOWEL:
            return _SHORT_VOWEL[m]
    return None


def _units(raw: str) -> list[_Unit]:
    clusters = _clusters(raw)
    letters = [c for c, _ in clusters]
    n = len(letters)
    # English -son names are common and Arabic names practically never end so.
    son_at = n - 2 if n >= 5 and "".join(letters[-3:]) == "سون" else -1
    units: list[_Unit] = []
    skip = False
    for k, (ch, marks) in enumerate(clusters):
        if skip:
            skip = False
            continue
        nxt = letters[k + 1] if k + 1 < n else ""
        after = letters[k + 2] if k + 2 < n else ""
        prev = units[-1] if units else None
        vowel_mark = _mark_vowel(marks)
        closed = _SUKUN in marks
        extra_vowel = True  # whether a written short vowel still needs adding

        if ch.isascii():
            if ch.isalpha():
                units.append(_Unit("V" if ch.lower() in "aeiou" else "C", ch.lower()))
            continue
        if ch in _ALEFS:
            if k == 0:
                if vowel_mark is None and nxt in ("و", "ي") and after and after not in _ALEFS:
                    # Foreign names open with أو/إي for a plain vowel: Obama, Olga, Iran.
                    units.append(_Unit("V", "o" if nxt == "و" else "i"))
                    skip = True
                else:
                    units.append(_Unit("V", vowel_mark or ("i" if ch == "إ" else "a")))
                extra_vowel = False
            elif ch == "إ":
                units.append(_Unit("V", "i"))
            elif ch == "أ" and (closed or vowel_mark or (prev is not None and prev.kind == "V")):
                units.append(_Unit("S", "", closed))
            else:
                units.append(_Unit("V", "a"))
        elif ch in _KURDISH_VOWEL:
            units.append(_Unit("V", _KURDISH_VOWEL[ch]))
        elif ch == "ى" or (ch == "ة" and k == n - 1):
            units.append(_Unit("V", "a"))
        elif ch == "ؤ":
            if nxt == "و" or vowel_mark or k == 0 or (prev is not None and prev.kind == "V"):
                units.append(_Unit("S", "", closed))
            else:
                units.append(_Unit("V", "u"))
        elif ch == "ئ":
            if nxt in _YA or vowel_mark or k == 0:
                units.append(_Unit("S", "", closed))
            else:
                units.append(_Unit("V", "i"))
        elif ch == "و" or ch in _YA:
            units.extend(_semivowel(ch, k, n, nxt, prev, vowel_mark, closed, son_at == k))
        elif ch in _SILENT:
            units.append(_Unit("S", "", closed))
        elif ch == "ت" and nxt == "ش":
            # تش is how Arabic writes the "ch" of foreign names; Arabic words rarely join them.
            units.append(_Unit("C", "ch", closed))
            skip = True
        elif ch in _CONSONANT:
            units.append(_Unit("C", _CONSONANT[ch], closed))
        else:
            continue
        if extra_vowel and vowel_mark is not None and units and units[-1].kind != "V":
            units.append(_Unit("V", vowel_mark))
    return units


def _semivowel(
    ch: str, k: int, n: int, nxt: str, prev: _Unit | None, vowel_mark: str | None, closed: bool, son: bool
) -> list[_Unit]:
    """و and ي are consonants (w, y) next to vowels and long vowels (u, i) between consonants."""
    is_waw = ch == "و"
    long_vowel = "u" if is_waw else "i"
    glide = "w" if is_waw else "y"
    if son:
        return [_Unit("V", "o")]
    after_vowel = prev is not None and prev.kind == "V" and prev.text != long_vowel
    before_vowel = nxt in _ALEFS or nxt == "ى" or (is_waw and nxt == "ة" and k == n - 2)
    if k == 0 or vowel_mark is not None or after_vowel or before_vowel:
        return [_Unit("C", glide, closed)]
    if not is_waw and nxt == "ة" and k == n - 2:
        # Final ية reads -iya: Fawziya, Atiya.
        return [_Unit("V", "i"), _Unit("C", "y")]
    return [_Unit("V", long_vowel)]


def _medial_inserts(length: int) -> list[int]:
    # Between two vowels: the first consonant closes a syllable, the last opens
    # one, and every pair in between needs a vowel of its own.
    return list(range(1, length - 1, 2))


def _run_inserts(length: int, at_start: bool, at_end: bool) -> list[int]:
    """Where a short 'a' goes inside a run of consonants the script left unvoweled."""
    positions: list[int] = []
    offset = 0
    if at_start:
        if length == 1:
            return positions
        positions.append(0)
        offset = 1
    rest = length - offset
    if at_end:
        if rest >= 2:
            positions += [offset + p for p in _medial_inserts(rest - 1)]
            positions.append(offset + rest - 2)
    else:
        positions += [offset + p for p in _medial_inserts(rest)]
    return positions


def _romanise(raw: str) -> str:
    """Romanise one word by rule, in lower case; '' when nothing audible is left."""
    units = _units(raw)
    inserts: set[int] = set()
    j, n = 0, len(units)
    while j < n:
        if units[j].kind == "V":
            j += 1
            continue
        start = j
        while j < n and units[j].kind != "V":
            j += 1
        inserts.update(start + p for p in _run_inserts(j - start, start == 0, j == n))
    pieces: list[str] = []
    last_vowel = ""
    for idx, unit in enumerate(units):
        if unit.kind == "V":
            # A written short vowel before its own long vowel is one sound.
            if unit.text != last_vowel:
                pieces.append(unit.text)
            last_vowel = unit.text
            continue
        pieces.append(unit.text)
        last_vowel = ""
        if idx in inserts and not unit.closed:
            pieces.append("a")
            last_vowel = "a"
    return "".join(ch for ch in "".join(pieces) if ch.isascii() and ch.isalpha())
