"""Sentence and token segmentation of normalised Arabic news text.

News pages arrive with headlines, bylines and share lines that carry no final
punctuation, so a line break always ends a sentence, and a short line without
a full stop is marked as a heading.
"""

from __future__ import annotations

import re

from rasad.model import Sentence, Token
from rasad.text.normalise import NormalisedText

# A full stop ends a sentence unless it sits between digits (1.4 مليون).
_SENT_END = re.compile(r"(?<!\d)[.!?](?!\d)|[.!?](?=\s)|\n+|\s*[;]\s*(?=\S)")
_TOKEN = re.compile(r"[\w\u0600-\u06ff]+", re.UNICODE)
_HEADING_MAX_TOKENS = 14


def split_sentences(norm: NormalisedText) -> list[Sentence]:
    text = norm.text
    sentences: list[Sentence] = []
    start = 0

    def flush(end: int, next_start: int) -> None:
        seg_start, seg_end = start, end
        while seg_start < seg_end and text[seg_start].isspace():
            seg_start += 1
        while seg_end > seg_start and text[seg_end - 1].isspace():
            seg_end -= 1
        if seg_end > seg_start and _TOKEN.search(text, seg_start, seg_end):
            ostart, oend = norm.to_original(seg_start, seg_end)
            sentences.append(Sentence(len(sentences), ostart, oend, seg_start, seg_end))

    for m in _SENT_END.finditer(text):
        end = m.end() if m.group().strip() in {".", "!", "?"} else m.start()
        flush(end, m.end())
        start = m.end()
    flush(len(text), len(text))
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
