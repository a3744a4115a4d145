"""A run-on "sentence" is cut into pieces of bounded length at clause boundaries; real sentences are untouched."""

from __future__ import annotations

from conftest import ARABIC_CALL, ARABIC_VISIT

from rasad.model import Document
from rasad.pipeline import default_pipeline
from rasad.text.normalise import normalise
from rasad.text.segment import MAX_SENTENCE_CHARS, Cut, cut_point, split_sentences

CLAUSE = "وبحث الجانبان سبل تطوير التعاون الدفاعي بين البلدين في مجالات التدريب وتأمين الحدود البحرية"


def test_a_sentence_under_the_bound_is_one_sentence() -> None:
    text = "، ".join([CLAUSE] * 10) + "."
    assert len(text) < MAX_SENTENCE_CHARS
    assert len(split_sentences(normalise(text))) == 1


def test_a_run_on_sentence_is_cut_after_a_comma_within_the_bound() -> None:
    text = "، ".join([CLAUSE] * 200)  # about 19,000 characters, no full stop
    norm = normalise(text)
    sents = split_sentences(norm)
    assert len(sents) > 1
    for s in sents:
        assert s.nend - s.nstart <= MAX_SENTENCE_CHARS
        assert norm.text[s.nstart:s.nend].startswith("وبحث")  # every piece starts a clause
    # Nothing is lost: each piece keeps the comma it was cut after, and only the space goes.
    assert " ".join(norm.text[s.nstart:s.nend] for s in sents) == norm.text


def test_without_commas_the_cut_falls_before_the_conjunction() -> None:
    text = " ".join([CLAUSE] * 200)
    cut, how = cut_point(text, 0, len(text))
    assert how is Cut.conjunction and text[cut] == "و" and text[cut - 1] == " "
    assert cut <= MAX_SENTENCE_CHARS


def test_text_without_spaces_is_cut_hard_at_the_bound() -> None:
    text = "ب" * (3 * MAX_SENTENCE_CHARS + 5)
    assert cut_point(text, 0, len(text)) == (MAX_SENTENCE_CHARS, Cut.hard)
    sents = split_sentences(normalise(text))
    assert [s.nend - s.nstart for s in sents] == [MAX_SENTENCE_CHARS] * 3 + [5]


def test_events_are_found_in_every_piece_of_a_run_on_document() -> None:
    # The same two reports, glued without full stops far past the bound: each is still read.
    filler = "، ".join([CLAUSE] * 40)
    text = f"{ARABIC_VISIT.rstrip('.')}، {filler}، {ARABIC_CALL.rstrip('.')}"
    analysis = default_pipeline().run(Document(id="glued", text=text, published=None))
    assert len(analysis.sentences) > 1
    assert {e.type for e in analysis.events} >= {"VISIT", "CALL"}
    for e in analysis.events:
        for span in e.evidence:
            assert 0 <= span.start < span.end <= len(text)
