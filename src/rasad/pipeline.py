"""The stages of one document, in order, and streaming over many documents.

text → normalise (offset map) → sentences, tokens → mentions → actors
→ event candidates → occasions → records
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rasad.extract.actors import ActorFinder, ActorLayer
from rasad.extract.content import ContentReader
from rasad.extract.dates import dispatch_date, lead_date
from rasad.extract.events import Candidate, EventFinder, Rejection
from rasad.extract.mentions import MentionLayer, find_mentions
from rasad.extract.occasions import Occasion, happened, merge
from rasad.extract.records import lead_day, recalled_dates, sentences_matching, story_facts, to_events
from rasad.lexicon.load import Lexicon, data_dir, default_lexicon
from rasad.model import Document, Event, Person, Sentence, Token
from rasad.text.normalise import NormalisedText, normalise
from rasad.text.segment import split_sentences, tokenize


@dataclass
class Analysis:
    """Everything the pipeline learned about one document, layer by layer."""

    doc: Document
    norm: NormalisedText | None = None
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: MentionLayer | None = None
    actors: ActorLayer | None = None
    candidates: list[Candidate] = field(default_factory=list)
    occasions: list[Occasion] = field(default_factory=list)  # merged candidates, each with its status
    rejected: list[Rejection] = field(default_factory=list)  # near-misses and why
    events: list[Event] = field(default_factory=list)

    @property
    def persons(self) -> list[Person]:
        return self.actors.persons if self.actors else []

    def to_record(self) -> dict:
        """The output object of EVENTS.md for this document, plus every person found."""
        seen: set[str] = set()
        persons = []
        for p in self.persons:
            if p.name not in seen:
                seen.add(p.name)
                persons.append(p.to_dict())
        return {"id": self.doc.id, "events": [e.to_dict() for e in self.events], "persons": persons}


class Pipeline:
    """Runs the stages in order; each stage adds one layer to the Analysis."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.actor_finder = ActorFinder(self.lexicon)
        self.event_finder = EventFinder(self.lexicon)
        self.content_reader = ContentReader(self.lexicon)

    def run(self, doc: Document) -> Analysis:
        # The stages allocate many small objects and free them by reference counting; the cyclic
        # collector would walk the growing document again and again, a cost that grows faster
        # than the text (a fifth of the time on a 1 MB document). It resumes after the document.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._run(doc)
        finally:
            if collecting:
                gc.enable()

    def _run(self, doc: Document) -> Analysis:
        a = Analysis(doc=doc)
        a.norm = normalise(doc.text)
        a.sentences = split_sentences(a.norm)
        a.tokens = tokenize(a.norm, a.sentences)
        # Without a publication date, the full date the lead states stands in for it; a page dated
        # after the dispatch it carries tells its news from the dispatch's day.
        when = dispatch_date(a.norm.text, a.sentences, doc.published) or doc.published \
            or lead_date(a.norm.text, a.sentences)
        a.mentions = find_mentions(a.norm, a.sentences, a.tokens, self.lexicon, when)
        a.actors = self.actor_finder.find(a.norm, a.tokens, a.mentions, doc.home_country, when)
        a.candidates, a.rejected = self.event_finder.find(doc, a.norm, a.sentences, a.tokens,
                                                          a.mentions, a.actors)
        a.occasions = merge(a.candidates, a.rejected)
        events = happened(a.occasions)
        present, cities, people = story_facts(a.sentences, a.norm, a.actors.actors, self.lexicon.under_way,
                                              a.mentions.dates, self.lexicon.same_day_openers)
        a.events = to_events(events, when, present, cities, people,
                             reference="publication date" if doc.published else "date stated in the lead",
                             lasting=sentences_matching(a.sentences, a.norm, self.lexicon.lasting),
                             recalled=recalled_dates(self.lexicon.recalls, a.sentences, a.norm, a.mentions.dates),
                             lead_day=lead_day(a.sentences, a.norm, events, when,
                                               self.lexicon.same_day_openers, self.lexicon.same_day))
        contents = self.content_reader.read(events, a.events, a.norm, a.sentences, a.tokens, a.mentions.triggers)
        for event, content in zip(a.events, contents, strict=True):
            event.content = content
        return a

    def pipe(self, docs: Iterable[Document]) -> Iterator[Analysis]:
        for doc in docs:
            yield self.run(doc)


def default_pipeline() -> Pipeline:
    """A pipeline over the knowledge files in use, built once per process and folder."""
    return _pipeline_of(data_dir())


@lru_cache(maxsize=4)
def _pipeline_of(directory: Path) -> Pipeline:
    return Pipeline(default_lexicon())
