"""Where the patterns of a set may match, found once per distinct word instead of at every character.

Every trigger, cue and content pattern is wrapped (``wrap_pattern``) so that nothing word-like
stands before a match: a match can only begin where a word begins, and only if that word is the
start of some text the pattern accepts. The ``regex`` library's partial matching answers that
second question for a word on its own (``match(word, partial=True)`` is not None when the word
is a whole match or could be extended into one). The answer is kept per word, so a stream of
news tests each distinct word once against each pattern, and then runs a pattern on the text
only where it may start. The matches are those of ``pattern.finditer`` over the same text:
the index only skips places where the pattern cannot match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import regex

WORD_CHARS = "\u0621-\u064a0-9A-Za-z_"  # what the wrapped patterns treat as inside a word
_WORD = re.compile(f"[{WORD_CHARS}]+")

# Distinct words remembered per index; past this the memory is cleared and refilled, so a
# stream of endless new words costs time, never unbounded memory.
CACHE_WORDS = 50_000
_PREFIX_LETTERS = 2


class StartIndex:
    """For each word, which of a set of word-bounded patterns may start with it."""

    def __init__(self, patterns: Sequence[re.Pattern[str]], cache_words: int = CACHE_WORDS) -> None:
        self.patterns = list(patterns)
        # Compiled when first needed: the regex library parses patterns slowly, and a worker
        # process that meets few new words should not pay for all of them at start.
        self._partial: list[Any] = [None] * len(self.patterns)
        self._by_word: dict[str, tuple[int, ...]] = {}
        self._by_prefix: dict[str, tuple[int, ...]] = {}  # a word's first letters → patterns they may start
        self._cache_words = cache_words

    def may_start(self, word: str) -> tuple[int, ...]:
        """Indices of the patterns that may match text beginning with ``word``."""
        found = self._by_word.get(word)
        if found is None:
            # Only the patterns that may start with the word's first letters, known per prefix
            # (a few thousand prefixes serve every word), are tried on the whole word.
            head = word[:_PREFIX_LETTERS]
            maybe = self._by_prefix.get(head)
            if maybe is None:
                maybe = self._by_prefix[head] = tuple(
                    i for i in range(len(self.patterns)) if self._partial_of(i).match(head, partial=True))
            found = maybe if head == word else tuple(i for i in maybe if self._partial_of(i).match(word, partial=True))
            if len(self._by_word) >= self._cache_words:
                self._by_word.clear()
            self._by_word[word] = found
        return found

    def _partial_of(self, i: int) -> Any:
        rx = self._partial[i]
        if rx is None:
            rx = self._partial[i] = regex.compile(self.patterns[i].pattern)
        return rx

    def starts(self, text: str, start: int = 0, end: int | None = None) -> dict[int, list[int]]:
        """Pattern index → the word starts in ``text[start:end]`` where it may match, in order;
        patterns that may match nowhere are left out."""
        out: dict[int, list[int]] = {}
        known = self._by_word
        for m in _WORD.finditer(text, start, len(text) if end is None else end):
            word = m.group()
            found = known.get(word)
            if found is None:
                found = self.may_start(word)
            if found:
                pos = m.start()
                for i in found:
                    out.setdefault(i, []).append(pos)
        return out

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, re.Match[str]]]:
        """(pattern index, match) for every pattern in order, each pattern's matches in text order:
        what ``pattern.finditer(text, start, end)`` gives for each pattern in turn."""
        end = len(text) if end is None else end
        return self.matches(text, self.starts(text, start, end), range(len(self.patterns)), end)

    def matches(self, text: str, found: dict[int, list[int]], among: range,
                end: int | None = None) -> list[tuple[int, re.Match[str]]]:
        """``finditer`` for the patterns in `among`, from the places ``starts`` found."""
        end = len(text) if end is None else end
        out: list[tuple[int, re.Match[str]]] = []
        for i in sorted(k for k in found if k in among):
            rx, reached = self.patterns[i], -1
            for pos in found[i]:
                if pos < reached:
                    continue  # inside the previous match: finditer would not start here either
                m = rx.match(text, pos, end)
                if m is not None:
                    reached = m.end()
                    out.append((i, m))
        return out


class CodedPatterns:
    """Patterns that each name a code (an area, an instrument, a qualifier), with their index."""

    def __init__(self, coded: Sequence[tuple[str, re.Pattern[str]]]) -> None:
        self.codes = [code for code, _ in coded]
        self.index = StartIndex([rx for _, rx in coded])

    def __iter__(self) -> Iterator[tuple[str, re.Pattern[str]]]:
        return iter(zip(self.codes, self.index.patterns, strict=True))

    def __len__(self) -> int:
        return len(self.codes)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[str, re.Match[str]]]:
        """(code, match) for each code in order, as its pattern's finditer gives them."""
        return [(self.codes[i], m) for i, m in self.index.finditer(text, start, end)]
