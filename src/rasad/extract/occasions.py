"""Occasions: merge repeats of one real-world event, fill what repeats leave
open, and turn candidates into event records.

Rule 2 of EVENTS.md: one event per occasion and pair of states. Two candidates
of the same type and pair are one occasion unless their dates or their cities
say otherwise.
"""

from __future__ import annotations

import datetime as dt

from rasad.extract.events import Candidate, PlaceReading, Rejection, pair_key
from rasad.extract.status import RECALLS, Status
from rasad.model import Person, PlaceHow
from rasad.text.normalise import normalise_string


def _key(c: Candidate) -> tuple[str, str, str]:
    return pair_key(c.type, c.source.country, c.target.country)


def _dates_agree(a: str | None, b: str | None, days: int = 1) -> bool:
    """Unknown dates agree with any; a month agrees with its days; days one apart agree,
    since "أمس" in an agency story is "اليوم" in the paper that prints it next morning."""
    if not a or not b or a.startswith(b) or b.startswith(a):
        return True
    if len(a) == len(b) == 10:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= days
    return False


# A visit runs from arrival to departure: its arrival and its close ("اختتم … زيارة استغرقت
# ثلاثة أيام") are days apart and one visit.
_VISIT_DAYS = 6
# An exercise or a course runs for days or weeks: its start and its close are one activity.
_EXERCISE_DAYS = 14
_NEXT_SENTENCES = 2  # an undated stop told this close to the visit is part of it
_SESSION_LABELS = frozenset({"committee-session", "joint-commission"})  # MEET triggers naming a body's session


_Where = tuple[str | None, str | None, bool]  # (country, city, carried over from earlier sentences)


def _where(c: Candidate) -> _Where:
    return c.location_country, c.place, c.place_recalled


def _places_agree(a: _Where, b: _Where) -> bool:
    if a[2] or b[2]:
        return True  # a place carried over from earlier sentences says nothing of this occasion
    if a[1] and b[1] and a[1] != b[1]:
        return False
    return not (a[0] and b[0] and a[0] != b[0])


def person_key(p: Person) -> str:
    return " ".join(normalise_string(p.name).split())


class Occasion:
    def __init__(self, first: Candidate) -> None:
        self.parts: list[Candidate] = []
        self.status = Status.HAPPENED
        self.why = ""  # for a status other than happened: what in the story decided it
        # The distinct dates and places of the parts: a story that repeats an occasion a
        # thousand times is compared with these few values, not with every repeat.
        self._dates: set[str | None] = set()
        self._wheres: set[_Where] = set()
        self._sentences: set[int] = set()
        self.add(first)

    @property
    def head(self) -> Candidate:
        return self.parts[0]

    def decide(self, status: Status, why: str) -> None:
        self.status, self.why = status, why

    def add(self, c: Candidate) -> None:
        self.parts.append(c)
        self._dates.add(c.date)
        self._wheres.add(_where(c))
        self._sentences.add(c.sentence.index)

    def accepts(self, c: Candidate) -> bool:
        here = _where(c)
        # One visit runs from arrival to departure, whatever cities it takes in, when the dates
        # say so ("يومي 2 و3 دجنبر بالرباط" … "زيارته للقنيطرة"); undated, another city may be
        # another visit ("قمة قازان" before this one to Moscow).
        k = c.sentence.index
        one_stay = c.type == "VISIT" and (bool(c.date) and any(self._dates) or c.date is None and any(
            i in self._sentences for i in range(k - _NEXT_SENTENCES, k + _NEXT_SENTENCES + 1)))
        # An exercise or a committee's session runs at several sites ("بمدينة …", "بالكلية …
        # بالقنيطرة"); its cities do not make it two.
        one_stay = one_stay or c.type == "MIL_COOP" or c.trigger.extra["trigger"].label in _SESSION_LABELS
        wheres = {(w[0], None, w[2]) for w in self._wheres} if one_stay else self._wheres
        if one_stay:
            here = (here[0], None, here[2])
        days = _VISIT_DAYS if c.type == "VISIT" else _EXERCISE_DAYS if c.type == "MIL_COOP" else 1
        return all(_dates_agree(d, c.date, days) for d in self._dates) and all(_places_agree(w, here) for w in wheres)

    def date(self) -> tuple[str | None, str]:
        dated = [p for p in self.parts if p.date]
        if not dated:
            return None, ""
        # The most specific date; among equals the earliest, when the occasion began.
        best = min(dated, key=lambda p: (-len(p.date or ""), p.date or ""))
        return best.date, best.date_how

    def location(self) -> tuple[str | None, str | None]:
        reading = self.location_reading()
        return reading.country, reading.city

    def location_reading(self) -> PlaceReading:
        # A place the sentence itself gives beats one carried over from earlier sentences.
        parts = sorted(self.parts, key=lambda p: p.place_recalled)
        for p in parts:
            if p.place:
                return PlaceReading(p.location_country, p.place, p.place_how, p.place_span)
        for p in parts:
            if p.location_country:
                return PlaceReading(p.location_country, None, p.place_how, p.place_span)
        return PlaceReading(None, None, PlaceHow.NONE, None)


def best_side(parts: list[Candidate], country: str, attr: str):
    """The most specific actor the occasion's mentions give for one country."""
    best = None
    for p in parts:
        side = getattr(p, attr)
        if side.country != country:
            other = p.target if attr == "source" else p.source
            if other.country != country:
                continue
            side = other
        score = (side.actor is not None and side.actor.kind in ("group", "person-ref", "counterpart"),
                 side.actor is not None and side.actor.person is not None)
        if best is None or score > best[0]:
            best = (score, side)
    return best[1]


def _only_discussed(occ: Occasion) -> bool:
    return all(p.trigger.extra["trigger"].label == "discuss" for p in occ.parts)


def _unordered(occ: Occasion) -> tuple[str, frozenset[str]]:
    return occ.head.type, frozenset((occ.head.source.country, occ.head.target.country))


def _only_recalled(occ: Occasion) -> bool:
    return all(p.status in RECALLS for p in occ.parts)


def merge(cands: list[Candidate], rejected: list[Rejection] = ()) -> list[Occasion]:
    """Group candidates into occasions and decide, over the whole story, what each is.

    A pair the story says called off or denied an occasion of a type has none of that type,
    wherever else it is named. A MEET read only from "discussed" is the phone call of the same
    pair, when there is one. An occasion stated only in headings is a plan when the body speaks
    of that type of event as one: a headline in the present tense often announces what the
    story says is still to come. A remark that reads a pair the other way round ("وتأتي هذه
    الزيارة …") is the occasion told. Every occasion is returned, with its status.
    """
    planned_types = {r.type for r in rejected if r.status is Status.PLANNED}
    called_off = {pair_key(*p) for r in rejected if r.status is Status.DENIED for p in r.pairs}
    occasions = _merge(cands)
    for o in occasions:
        if _key(o.head) in called_off:
            o.decide(Status.DENIED, "the story says it was called off or denied")
    live = [o for o in occasions if o.status is Status.HAPPENED]
    told = {_unordered(o) for o in live if not _only_recalled(o)}
    calls = {_key(o.head)[1:] for o in live if o.head.type == "CALL"}
    for o in live:
        _decide_in_story(o, told, calls, planned_types)
    return occasions


def _decide_in_story(o: Occasion, told: set, calls: set, planned_types: set[str]) -> None:
    if _only_recalled(o) and _unordered(o) in told:
        o.decide(Status.COMMENT, "a remark on an occasion the story tells")
    elif o.head.type == "MEET" and _key(o.head)[1:] in calls and _only_discussed(o):
        o.decide(Status.COMMENT, "the talks were the phone call between the same pair")
    elif o.head.type in planned_types and all(p.sentence.is_heading for p in o.parts):
        o.decide(Status.PLANNED, "a headline of an occasion the story calls a plan")


def happened(occasions: list[Occasion]) -> list[Occasion]:
    """The occasions that are events: those the story says happened or are under way."""
    return [o for o in occasions if o.status in (Status.HAPPENED, Status.UNDER_WAY)]


def _merge(cands: list[Candidate]) -> list[Occasion]:
    occasions: list[Occasion] = []
    by_key: dict[tuple[str, str, str], list[Occasion]] = {}
    for c in cands:
        if c.source.country == c.target.country:
            continue
        bucket = by_key.setdefault(_key(c), [])
        for occ in bucket:
            if occ.accepts(c):
                occ.add(c)
                break
        else:
            occ = Occasion(c)
            bucket.append(occ)
            occasions.append(occ)
    return occasions
