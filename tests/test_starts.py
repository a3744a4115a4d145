"""The start index finds exactly what running every pattern over the text finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.lexicon.load import default_lexicon
from rasad.lexicon.starts import StartIndex
from rasad.text.normalise import normalise_string
from tests.strategies import news_text

_LEX = default_lexicon()
_SETS = {
    "triggers": [t.regex for t in _LEX.triggers],
    "cues": list(_LEX.cues.values()),
    "areas": [rx for _, rx in _LEX.content.areas],
    "support": list(_LEX.support.values()),
}


def _plain(patterns: list[re.Pattern[str]], text: str, start: int, end: int) -> list[tuple[int, tuple[int, int]]]:
    return [(i, m.span()) for i, rx in enumerate(patterns) for m in rx.finditer(text, start, end)]


def _indexed(index: StartIndex, text: str, start: int, end: int) -> list[tuple[int, tuple[int, int]]]:
    return [(i, m.span()) for i, m in index.finditer(text, start, end)]


def test_same_matches_on_written_news() -> None:
    text = normalise_string(
        "وصل وزير الدفاع الأردني إلى روما في زيارة رسمية، وعقد جلسة مباحثات مع نظيره الإيطالي، "
        "ثم تلقى رئيس الأركان اتصالاً هاتفياً من قائد الجيش التونسي. ووقّع الجانبان مذكرة تفاهم "
        "للتعاون في مجالات التدريب والصناعات الدفاعية، ومن المقرر أن يزور الوفد القاهرة الأسبوع المقبل.")
    for name, patterns in _SETS.items():
        index = StartIndex(patterns)
        assert _indexed(index, text, 0, len(text)) == _plain(patterns, text, 0, len(text)), name
    assert _indexed(StartIndex(_SETS["triggers"]), text, 0, len(text)), "the triggers were found"


@settings(max_examples=150, deadline=None, derandomize=True)
@given(news_text(), st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=40))
def test_same_matches_on_any_text_and_bounds(raw: str, cut_start: int, cut_end: int) -> None:
    # Bounds inside words stand for a sentence cut in the middle of an over-long run.
    text = normalise_string(raw.encode("utf-8", "replace").decode("utf-8", "replace"))
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    for patterns in _SETS.values():
        assert _indexed(StartIndex(patterns), text, start, end) == _plain(patterns, text, start, end)


def test_a_small_memory_is_refilled_not_grown() -> None:
    index = StartIndex(_SETS["triggers"], cache_words=3)
    text = "زار وصل الوزير القاهره زياره مباحثات"
    assert _indexed(index, text, 0, len(text)) == _plain(_SETS["triggers"], text, 0, len(text))
    assert len(index._by_word) <= 3
