"""Clitic-aware phrase matching over tokens with a token trie.

Arabic attaches conjunctions (و ف), prepositions (ب ل ك) and the article (ال)
to the word that follows, so "وللجيش" must match the entry "الجيش". Entries and
text tokens are compared through the same key: normalised, article removed.
A text token may also shed a conjunction and a preposition, but only the
first token of a phrase (clitics attach to the phrase, not inside it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rasad.text.normalise import normalise_string

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


def strip_article(token: str) -> str:
    if token.startswith("ال") and len(token) > 3:
        return token[2:]
    return token


def entry_key(phrase: str, keep_article: bool = False) -> tuple[str, ...]:
    """The lookup key of a lexicon phrase: normalised tokens without the article.

    Only a written "ال" is an article: "ألبان" (Albanians) folds to "البان" but keeps it.
    """
    out = []
    for raw in phrase.replace("-", " ").split():
        word = normalise_string(raw)
        if not word:
            continue
        out.append(word if keep_article or not raw.startswith("ال") else strip_article(word))
    return tuple(out)


@lru_cache(maxsize=65536)
def inner_forms(token: str) -> tuple[str, ...]:
    """Keys a non-initial token of a phrase may stand for."""
    forms = [token]
    once = strip_article(token)
    if once != token:
        forms.append(once)
        twice = strip_article(once)
        if twice != once:
            forms.append(twice)
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=65536)
def initial_forms(token: str) -> tuple[tuple[str, bool], ...]:
    """Keys the first token of a phrase may stand for, each with 'had a clitic'."""
    out: list[tuple[str, bool]] = [(f, False) for f in inner_forms(token)]
    bases = []
    rest = token
    # و is shed freely; ف only before the article or a preposition ("فالرقة", "فبغداد"), since
    # many words simply begin with ف ("فرقة" is a division, not ف + الرقة).
    if rest[:1] == "و" and len(rest) > 3 or rest[:1] == "ف" and rest[1:3] in ("ال", "لل") or \
            rest[:1] == "ف" and rest[1:2] in ("ب", "ل") and len(rest) > 4:
        rest = rest[1:]
        bases.append(rest)
    for base in [token, *bases]:
        if base[:1] in _PREP and len(base) > 3:
            if base[:2] == "لل" and len(base) > 4:
                bases.append(base[2:])  # ل + ال: the alef of the article is dropped
            bases.append(base[1:])
    for base in bases:
        out.extend((f, True) for f in inner_forms(base))
    seen: dict[str, bool] = {}
    for form, clitic in out:
        if len(form) >= 2 and form not in seen:
            seen[form] = clitic
    return tuple(seen.items())


@dataclass(slots=True)
class Entry:
    kind: str
    phrase: str
    key: tuple[str, ...]
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Hit:
    entry: Entry
    start: int  # token indices [start, end)
    end: int
    clitic: bool


class PhraseMatcher:
    """Longest-match lookup of many phrases (any kinds) over a token list."""

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}
        self.entries: list[Entry] = []

    def add(self, entry: Entry) -> None:
        if not entry.key or not all(entry.key):
            return
        node = self._root
        for part in entry.key:
            node = node.setdefault(part, {})
        node.setdefault("", []).append(entry)
        self.entries.append(entry)

    def add_all(self, entries: Iterable[Entry]) -> None:
        for e in entries:
            self.add(e)

    def lookup(self, phrase: str) -> list[Entry]:
        node: dict[str, Any] | None = self._root
        for part in entry_key(phrase):
            node = node.get(part) if node else None
        return list(node.get("", [])) if node else []

    def match_at(self, tokens: Sequence[str], i: int, stop: int) -> list[Hit]:
        """Every entry that starts at token i (before token index stop)."""
        hits: list[Hit] = []
        for form, clitic in initial_forms(tokens[i]):
            node = self._root.get(form)
            if node is None:
                continue
            j = i + 1
            if "" in node:
                hits.extend(Hit(e, i, j, clitic) for e in node[""])
            frontier = [node]
            while frontier and j < stop:
                nxt = []
                for n in frontier:
                    for f in inner_forms(tokens[j]):
                        child = n.get(f)
                        if child is not None:
                            nxt.append(child)
                            if "" in child:
                                hits.extend(Hit(e, i, j + 1, clitic) for e in child[""])
                frontier = nxt
                j += 1
        return hits

    def find_all(self, tokens: Sequence[str], bounds: Sequence[tuple[int, int]]) -> list[Hit]:
        """All hits, inside each (start, stop) token range (a sentence)."""
        out: list[Hit] = []
        for start, stop in bounds:
            for i in range(start, stop):
                out.extend(self.match_at(tokens, i, stop))
        return out
