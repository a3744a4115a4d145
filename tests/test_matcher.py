"""Clitic-aware phrase matching."""

from rasad.lexicon.load import nisba_forms
from rasad.lexicon.matcher import Entry, PhraseMatcher, entry_key, initial_forms
from rasad.text.normalise import normalise_string


def _matcher(*phrases: str) -> PhraseMatcher:
    m = PhraseMatcher()
    for p in phrases:
        m.add(Entry("x", p, entry_key(p)))
    return m


def _spans(m: PhraseMatcher, words: list[str]) -> list[tuple[int, int, str]]:
    words = [normalise_string(w) for w in words]
    return [(h.start, h.end, h.entry.phrase) for h in m.find_all(words, [(0, len(words))])]


def test_conjunction_preposition_and_article_are_shed():
    forms = dict(initial_forms("وللجيش"))
    assert "جيش" in forms and forms["جيش"] is True
    assert "قوات" in dict(initial_forms("بالقوات"))


def test_words_that_begin_with_a_clitic_letter_still_match_whole():
    m = _matcher("ليبيا", "بنغازي", "فرنسا", "وزير الدفاع")
    assert _spans(m, ["ليبيا"]) == [(0, 1, "ليبيا")]
    assert _spans(m, ["بنغازي"]) == [(0, 1, "بنغازي")]
    assert _spans(m, ["وفرنسا"]) == [(0, 1, "فرنسا")]
    assert _spans(m, ["ووزير", "الدفاع"]) == [(0, 2, "وزير الدفاع")]


def test_longest_and_shorter_phrases_are_both_reported():
    m = _matcher("رئيس", "رئيس الاركان", "رئيس الاركان العامه")
    got = _spans(m, ["رئيس", "الاركان", "العامه", "للجيش"])
    assert (0, 3, "رئيس الاركان العامه") in got and (0, 1, "رئيس") in got


def test_nisba_inflections():
    forms = set(nisba_forms("ليبي"))
    assert {"ليبي", "ليبيه", "ليبيين", "ليبيون"} <= forms
    assert "كوريه جنوبيه" in set(nisba_forms("كوري جنوبي"))
    m = _matcher(*nisba_forms("باكستاني"))
    assert _spans(m, ["والباكستانيين"])[0][:2] == (0, 1)


def test_fa_is_a_clitic_only_before_the_article_or_a_preposition():
    m = _matcher("الرقة", "بغداد")
    assert _spans(m, ["فرقة"]) == []  # a military division, not ف + الرقة
    assert _spans(m, ["فالرقة"]) == [(0, 1, "الرقة")]
    assert _spans(m, ["فبغداد"]) == [(0, 1, "بغداد")]
