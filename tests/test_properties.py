"""Properties that hold for any input: the text layer, the readers and the whole pipeline.

Hypothesis draws the inputs with a fixed seed (``derandomize``) and a bounded
number of examples, so the suite is repeatable and quick; ``bench/fuzz.py``
runs the same properties over thousands of documents before a release.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import document_objects, jsonl_bytes, news_text, wild_text

from rasad.budget import within
from rasad.io.readers import ReadError, read_documents
from rasad.model import Document
from rasad.pipeline import default_pipeline
from rasad.text.normalise import normalise
from rasad.text.segment import MAX_SENTENCE_CHARS, split_sentences, tokenize

CI = settings(derandomize=True, max_examples=60, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def budget_for(text: str) -> float:
    """A generous time bound: two seconds plus a millisecond a character, hundreds of times the
    measured cost, so only a blow-up (quadratic or worse) reaches it."""
    return 2.0 + len(text) / 1000


def check_analysis(doc: Document) -> None:
    """The pipeline's promises for one document (raises on any break)."""
    analysis = within(budget_for(doc.text), lambda: default_pipeline().run(doc))
    n = len(doc.text)
    for s in analysis.sentences:
        assert 0 <= s.start <= s.end <= n
        assert s.nend - s.nstart <= MAX_SENTENCE_CHARS
    for e in analysis.events:
        assert e.evidence
        for span in e.evidence:
            assert 0 <= span.start < span.end <= n
        evidence = " ".join(doc.text[span.start:span.end] for span in e.evidence)
        assert e.trigger and e.trigger in evidence, (e.trigger, evidence)
        assert e.source.country and e.target.country
    record = analysis.to_record()
    assert record["id"] == doc.id


@CI
@given(wild_text)
def test_normalise_maps_every_character_back_in_order(text: str) -> None:
    norm = normalise(text)
    assert len(norm.origin) == len(norm.text)
    assert all(0 <= o < len(text) for o in norm.origin)
    assert list(norm.origin) == sorted(set(norm.origin))
    for i in range(0, len(norm.text), 7):
        start, end = norm.to_original(i, min(len(norm.text), i + 5))
        assert 0 <= start <= end <= len(text)


@CI
@given(st.one_of(wild_text, news_text(max_words=600)))
def test_sentences_and_tokens_are_ordered_bounded_and_inside_the_text(text: str) -> None:
    norm = normalise(text)
    sents = split_sentences(norm)
    last = 0
    for i, s in enumerate(sents):
        assert s.index == i
        assert last <= s.nstart < s.nend <= len(norm.text)
        assert s.nend - s.nstart <= MAX_SENTENCE_CHARS
        assert 0 <= s.start < s.end <= len(text)
        last = s.nend
    for t in tokenize(norm, sents):
        s = sents[t.sentence]
        assert s.nstart <= t.nstart < t.nend <= s.nend
        assert norm.text[t.nstart:t.nend] == t.text


@CI
@given(document_objects())
def test_any_input_object_is_a_document_or_a_reason(obj: dict) -> None:
    try:
        doc = Document.from_dict(obj)
    except ValueError as exc:
        assert str(exc)
        return
    assert isinstance(doc.id, str) and isinstance(doc.text, str)
    assert "\x00" not in doc.text and not any(0xD800 <= ord(c) <= 0xDFFF for c in doc.text)
    doc.text.encode("utf-8")


@CI
@given(objects=st.lists(document_objects(), max_size=4),
       junk=st.lists(st.binary(max_size=60), max_size=4),
       suffix=st.sampled_from([".jsonl", ".json", ".txt"]))
def test_the_readers_never_raise_on_any_bytes(tmp_path_factory, objects: list[dict], junk: list[bytes],
                                              suffix: str) -> None:
    path = Path(tmp_path_factory.mktemp("fuzz")) / f"input{suffix}"
    path.write_bytes(jsonl_bytes(objects, junk) if suffix != ".txt" or not junk else junk[0] + b"\n" * 2)
    for item in read_documents([path], max_bytes=200_000):
        assert isinstance(item, Document | ReadError)
        if isinstance(item, ReadError):
            assert item.reason and "\n" not in item.reason
        else:
            item.text.encode("utf-8")


@CI
@given(text=news_text(), published=st.one_of(st.none(), st.dates()), home=st.sampled_from([None, "JOR", "TUN"]))
def test_the_pipeline_keeps_its_promises_on_any_news_like_text(text: str, published, home) -> None:
    try:
        doc = Document.from_dict({"id": "fuzz", "text": text, "home_country": home,
                                  "published": published.isoformat() if published else None})
    except ValueError:
        return  # a date outside the supported range: refused before the pipeline
    check_analysis(doc)


@settings(CI, max_examples=5)
@given(news_text(max_words=400), st.integers(min_value=3, max_value=12))
def test_the_pipeline_keeps_its_promises_on_long_run_on_text(text: str, copies: int) -> None:
    # The same words repeated without a full stop: thousands of characters in one "sentence".
    run_on = " و".join([text.replace(".", " ").replace("\n", " ")] * copies)
    check_analysis(Document(id="run-on", text=run_on))
