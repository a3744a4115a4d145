"""Arabic normalisation that keeps a map back to the original text.

Every character of the normalised string remembers the index of the original
character it came from, so any span found on normalised text can be reported
in the caller's offsets. Normalisation never inserts characters; it only
deletes (tashkeel, tatweel, zero-width marks) or replaces one for one.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

# Fold letter variants that spelling in the wild uses interchangeably.
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ؤ": "و",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ہ": "ه",
    "ک": "ك", "ڪ": "ك",
    "ڤ": "ف", "ڨ": "ق", "گ": "ك", "پ": "ب", "چ": "ج", "ژ": "ز",
    "٬": ",", "،": ",", "؛": ";", "؟": "?", "٪": "%",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
    "–": "-", "—": "-", "‐": "-", "−": "-",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Extended (Persian/Urdu) digits

# Deleted outright: harakat, tanween, shadda, sukun, superscript alef, Quranic
# marks, tatweel, and invisible formatting characters that break matching.
_DROP = set(range(0x0610, 0x061B)) | set(range(0x064B, 0x0660)) | {0x0670, 0x0640}
_DROP |= set(range(0x06D6, 0x06EE)) | {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF, 0x061C}
_DROP |= set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))

_TABLE: dict[int, str | None] = {ord(k): v for k, v in _FOLD.items()}
_TABLE.update({c: None for c in _DROP})


def normalise_string(text: str) -> str:
    """Normalise a string without keeping offsets (lexicon entries, user queries)."""
    return text.translate(_TABLE)


_NAME_HEADS = frozenset({"عبد", "ابو", "ابي"})


def join_name_compounds(words: list[str]) -> list[str]:
    """"عبد الله" and "عبدالله" are one name, written apart or together: join the two words of a
    compound name (normalised words in, normalised words out) so that both spellings compare equal."""
    out: list[str] = []
    for w in words:
        if out and out[-1] in _NAME_HEADS and w.startswith("ال"):
            out[-1] += w
        else:
            out.append(w)
    return out


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """Normalised text plus, for each of its characters, the original index."""

    original: str
    text: str
    origin: Sequence[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) back to the original text."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


_DROPPED = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_DROP)) + "]")


def normalise(text: str) -> NormalisedText:
    # Every replacement is one character for one, so only the deleted characters shift the
    # offsets: the map is the runs of kept indices between them, built in C, not per character.
    origin = array("l")  # a machine-word array: a tenth of the memory of a tuple of ints
    kept_from = 0
    for m in _DROPPED.finditer(text):
        origin.extend(range(kept_from, m.start()))
        kept_from = m.end()
    origin.extend(range(kept_from, len(text)))
    return NormalisedText(text, text.translate(_TABLE), origin)
