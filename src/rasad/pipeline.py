"""The stages of one document, in order, and streaming over many documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rasad.model import Document, Event, Mention, Person, Sentence, Token
from rasad.text.normalise import NormalisedText, normalise


@dataclass
class Analysis:
    """Everything the pipeline learned about one document, layer by layer."""

    doc: Document
    norm: NormalisedText | None = None
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)  # near-misses and why

    def to_record(self) -> dict:
        """The output object of EVENTS.md for this document, plus every person found."""
        return {
            "id": self.doc.id,
            "events": [e.to_dict() for e in self.events],
            "persons": [p.to_dict() for p in self.persons],
        }


class Pipeline:
    def run(self, doc: Document) -> Analysis:
        analysis = Analysis(doc=doc)
        analysis.norm = normalise(doc.text)
        return analysis

    def pipe(self, docs: Iterable[Document]) -> Iterator[Analysis]:
        for doc in docs:
            yield self.run(doc)


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline()
