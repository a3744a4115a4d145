"""Helpers the extraction tests share: how events are compared and described."""

from __future__ import annotations

import re

DIRECTED = {"VISIT", "MIL_AID"}

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def fold(s: str) -> str:
    """Arabic folded the way the scorer compares names."""
    s = _MARKS.sub("", s or "")
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    return " ".join(s.split())


def pair(e):
    """The pair of states of an event: ordered for directed types."""
    if e.type in DIRECTED:
        return (e.source.country, e.target.country)
    return frozenset((e.source.country, e.target.country))


def summary(events) -> str:
    return "; ".join(f"{e.type} {e.source.country}/{e.source.sector}->{e.target.country}/{e.target.sector}"
                     f" at {e.location.country}/{e.location.place} {e.date}" for e in events) or "no events"


def sector(e, country: str) -> str:
    """The sector of the side of an event that is this country."""
    sides = [s for s in (e.source, e.target) if s.country == country]
    assert sides, f"{country} is not a side of {summary([e])}"
    return sides[0].sector


def person(e, name: str):
    """The person of the event whose name holds every word of ``name``."""
    words = fold(name).split()
    for p in e.persons:
        have = fold(p.name).split()
        if all(w in have for w in words):
            return p
    raise AssertionError(f"{name} not among the persons {[p.name for p in e.persons]}")


def check_evidence(text: str, e, *triggers: str) -> None:
    """Some evidence span is the sentence holding one of the trigger words."""
    assert e.evidence, "no evidence"
    for span in e.evidence:
        assert 0 <= span.start < span.end <= len(text)
    spans = [text[s.start:s.end] for s in e.evidence]
    assert any(t in s for s in spans for t in triggers), f"no evidence span holds {triggers}: {spans}"
