"""Any slice of real-looking text goes through the whole pipeline without an exception."""

import json
import random
from pathlib import Path

import pytest

from rasad.model import Document
from rasad.pipeline import default_pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl"


def _texts() -> list[str]:
    return [json.loads(line)["text"] for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]


def _variants(text: str, rng: random.Random):
    for _ in range(25):
        a = rng.randrange(len(text))
        b = rng.randrange(a, len(text) + 1)
        piece = text[a:b]
        yield piece  # cut anywhere, mid-word and mid-title included
        yield piece + text[:a]  # sentences glued in the wrong order
        yield '"' + piece + '"'  # a stray quote around everything
        yield piece.replace(" ", "")  # no spaces at all
        yield piece.replace("،", "").replace(".", "")  # no punctuation at all
    yield text[::-1]


@pytest.mark.parametrize("text", _texts(), ids=lambda t: t[:12])
def test_pipeline_survives_mangled_text(text):
    rng = random.Random(7)
    pipeline = default_pipeline()
    for variant in _variants(text, rng):
        analysis = pipeline.run(Document(id="x", text=variant))
        for event in analysis.events:
            for span in event.evidence:
                assert 0 <= span.start <= span.end <= len(variant)


def test_a_story_that_repeats_one_occasion_a_thousand_times_gives_one_event() -> None:
    import rasad

    sentence = "ووقّع وزيرا الدفاع الأردني والإيطالي في عمّان مذكرة تفاهم في مجال التدريب العسكري. "
    events = rasad.analyze(sentence * 1000, published="2024-05-02")
    signs = [e for e in events if e.type == "SIGN"]
    assert len(signs) == 1
    assert signs[0].content.area_codes() == ["training"]
    assert len(signs[0].evidence) == 1000
