"""Sentence and token segmentation of normalised Arabic news text.

News pages arrive with headlines, bylines and share lines that carry no final
punctuation, so a line break always ends a sentence, and a short line without
a full stop is marked as a heading.

A sentence longer than :data:`MAX_SENTENCE_CHARS` is cut into pieces: the
event grammar looks at every actor and cue of a sentence for each trigger in
it, so one run-on "sentence" of a megabyte (a page without full stops, a
hostile input) would cost the square of its length. Real news sentences are far
shorter, so the cut only ever touches text that is not prose.
"""

from __future__ import annotations

import re
from enum import StrEnum

from rasad.model import Sentence, Token
from rasad.text.normalise import NormalisedText

# A full stop ends a sentence unless it sits between digits (1.4 مليون), numbers an item of
# a list at the start of a line ("2. الصحة: مذكرة تفاهم …": the item is one sentence), or
# closes a one-letter abbreviation ("د. خالد", "اللواء أ.ح").
_ABBREVIATION = r"(?<![\s.(][\u0621-\u064a])(?<!^[\u0621-\u064a])"
_SENT_END = re.compile(rf"{_ABBREVIATION}(?:(?<!\d)[.!?](?!\d)|(?<!^\d)(?<!^\d\d)[.!?](?=\s))|\n+|\s*[;]\s*(?=\S)",
                       re.M)
_TOKEN = re.compile(r"[\w\u0600-\u06ff]+", re.UNICODE)
_HEADING_MAX_TOKENS = 14

# Three times the longest sentence of the dev set (528 characters) and about 200 words:
# past this, a "sentence" is a list or a page that lost its punctuation.
MAX_SENTENCE_CHARS = 1500
# A cut looks back this far from the bound for a clause boundary before it settles for less.
_CUT_WINDOW = 500
# Clause boundaries, best first: a comma or colon, then a word that starts with the
# conjunction و (which opens most clauses of a run-on Arabic sentence), then any space.
_COMMA = re.compile(r"[,:]\s*")
_AND = re.compile(r"\s+(?=و)")
_SPACE = re.compile(r"\s+")


class Cut(StrEnum):
    """Where an over-long sentence was cut, best first."""

    comma = "comma"
    conjunction = "conjunction"
    space = "space"
    hard = "hard"  # no space in the window: a token is cut in two


def cut_point(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> tuple[int, Cut]:
    """Where to end the piece of ``text[start:end]`` that begins at ``start``.

    Returns an index in ``(start, start + limit]`` and how it was chosen: after
    the last clause boundary that falls within the last :data:`_CUT_WINDOW`
    characters of the bound.
    """
    bound = min(end, start + limit)
    lo = max(start + 1, bound - _CUT_WINDOW)
    for rx, how in ((_COMMA, Cut.comma), (_AND, Cut.conjunction), (_SPACE, Cut.space)):
        last = None
        for m in rx.finditer(text, lo, bound):
            last = m
        if last is not None and last.end() > start:
            return last.end(), how
    return bound, Cut.hard


def _pieces(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """``[start, end)`` as spans of at most ``limit`` characters, cut at clause boundaries."""
    out = []
    while end - start > limit:
        cut, _ = cut_point(text, start, end, limit)
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def split_sentences(norm: NormalisedText, max_chars: int = MAX_SENTENCE_CHARS) -> list[Sentence]:
    text = norm.text
    sentences: list[Sentence] = []

    def flush(seg_start: int, seg_end: int) -> None:
        while seg_start < seg_end and text[seg_start].isspace():
            seg_start += 1
        while seg_end > seg_start and text[seg_end - 1].isspace():
            seg_end -= 1
        if seg_end - seg_start > max_chars:
            for a, b in _pieces(text, seg_start, seg_end, max_chars):
                flush(a, b)
            return
        if seg_end > seg_start and _TOKEN.search(text, seg_start, seg_end):
            ostart, oend = norm.to_original(seg_start, seg_end)
            sentences.append(Sentence(len(sentences), ostart, oend, seg_start, seg_end))

    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end() if m.group().strip() in {".", "!", "?"} else m.start()
        flush(start, end)
        start = m.end()
    flush(start, len(text))
    for s in sentences:
        body = text[s.nstart:s.nend]
        s.is_heading = body[-1] not in ".!?:\"'" and len(_TOKEN.findall(body)) <= _HEADING_MAX_TOKENS
    return sentences


def tokenize(norm: NormalisedText, sentences: list[Sentence]) -> list[Token]:
    tokens: list[Token] = []
    text = norm.text
    for s in sentences:
        for m in _TOKEN.finditer(text, s.nstart, s.nend):
            tokens.append(Token(m.group(), m.start(), m.end(), s.index))
    return tokens
