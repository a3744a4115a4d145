"""Records: each occasion as an event record, with what its repeats leave open filled from
the story (the place of the pair's visit, the date of the talks a signing closed, the
officials named around it), its codes and its calibrated confidence.

Merging repeats into occasions is occasions.py's; this module only reads occasions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rasad.calibration import calibrate
from rasad.codes import CODES, GOLDSTEIN_BY_CAMEO, meet_cameo
from rasad.extract.actor_base import ActorMention
from rasad.extract.events import PlaceReading
from rasad.extract.occasions import Occasion, best_side, person_key
from rasad.model import Actor, Event, Mention, Person, Place, PlaceHow, Sentence, Span
from rasad.text.normalise import NormalisedText

_ByPair = dict[frozenset[str], list[Occasion]]


@dataclass(frozen=True, slots=True)
class StoryContext:
    """What every record of a document may draw on besides its own occasion."""

    by_pair: _ByPair  # the occasions of each pair of states
    published: dt.date | None
    present: frozenset[int]  # sentences that report the day's news (the lead, "حالياً")
    cities: dict[str, set[str]]  # each state's cities the story names
    people: dict[int, list[Person]]  # officials named in each sentence
    reference: str = "publication date"  # what `published` is: the page's date or the lead's
    lasting: frozenset[int] = frozenset()  # sentences that say an occasion went on for days
    # the dates the sentences that name an occasion of each type again give ("وذكر بيان، أمس، أن الاتفاقية")
    recalled: dict[str, dict[int, tuple[str, str]]] = field(default_factory=dict)
    lead_day: LeadDay | None = None


@dataclass(frozen=True, slots=True)
class LeadDay:
    """The day of the news the lead states ("استقبل … أمس"), and the sentences that go on with
    that day's news ("كما استقبل …", "وفي اليوم ذاته …") without a date of their own."""

    day: str
    sentences: frozenset[int]


def to_events(occasions: list[Occasion], published: dt.date | None = None,
              present: frozenset[int] = frozenset(),
              cities: dict[str, set[str]] | None = None,
              people: dict[int, list[Person]] | None = None,
              reference: str = "publication date", lasting: frozenset[int] = frozenset(),
              recalled: dict[str, dict[int, tuple[str, str]]] | None = None,
              lead_day: LeadDay | None = None) -> list[Event]:
    """Records of the occasions. `present` holds the sentences that report news of the day
    (the lead, "حالياً"): an undated event told there is dated to publication. `cities` maps
    each state to the cities of it the story names."""
    by_pair: _ByPair = {}
    for o in occasions:
        by_pair.setdefault(_pair_of(o), []).append(o)
    story = StoryContext(by_pair, published, present, cities or {}, people or {}, reference, lasting,
                         recalled or {}, lead_day)
    return [_record(occ, story) for occ in occasions]


_StoryFacts = tuple[frozenset[int], dict[str, set[str]], dict[int, list[Person]]]


def story_facts(sentences: list[Sentence], norm: NormalisedText, actors: list[ActorMention],
                under_way: re.Pattern[str] | None, dates: list[Mention] = (),
                same_day: tuple[str, ...] = ()) -> _StoryFacts:
    """What records draw on from the whole story: the sentences that report the day's news
    (the first two of the body, any that opens by adding to them, and any that says an occasion
    is under way, but none that
    puts it at another time it does not fix: "الأسبوع الماضي", "في عام 2022", a coming date),
    each state's cities named, and the officials named in each sentence."""
    body = [s for s in sentences if not s.is_heading]
    elsewhen = {d.sentence for d in dates if d.value is None or d.extra.get("future")}
    # "كما تلقى …", "وفي وقت لاحق …": a sentence that opens by adding to the day's news is news of the day
    going_on = {s.index for s in body if same_day and norm.text[s.nstart:s.nend].startswith(same_day)}
    present = ({s.index for s in body[:2]} | going_on | sentences_matching(sentences, norm, under_way)) - elsewhen
    cities: dict[str, set[str]] = {}
    people: dict[int, list[Person]] = {}
    for a in actors:
        if a.kind == "city" and a.country and a.role:
            cities.setdefault(a.country, set()).add(a.role)
        if a.person is not None and a.kind != "person-ref":
            people.setdefault(a.sentence, []).append(a.person)
    return frozenset(present), cities, people


_NEWS_DAYS = 7  # a lead's day this many days before publication at most is the day of its news


def lead_day(sentences: list[Sentence], norm: NormalisedText, occasions: list[Occasion], published: dt.date | None,
             same_day_openers: tuple[str, ...] = (), same_day: re.Pattern[str] | None = None) -> LeadDay | None:
    """The full day an occasion told in the story's first two sentences took place on, and the
    sentences that go on with that day's news: those two, any that opens by adding to them, and
    any that says "the same day"."""
    lead = {s.index for s in [s for s in sentences if not s.is_heading][:2]}
    if not lead:
        return None
    dated = sorted((min(p.sentence.index for p in o.parts), o.date()[0]) for o in occasions
                   if any(p.sentence.index in lead for p in o.parts) and len(o.date()[0] or "") == 10)
    day = dated[0][1] if dated else None
    if day is None or (published is not None and not 0 <= (published - dt.date.fromisoformat(day)).days <= _NEWS_DAYS):
        return None
    going_on = {s.index for s in sentences if s.index > max(lead)
                and (same_day_openers and norm.text[s.nstart:s.nend].startswith(same_day_openers)
                     or same_day is not None and _found_in(same_day, norm, s))}
    return LeadDay(day, frozenset(lead | going_on))


def sentences_matching(sentences: list[Sentence], norm: NormalisedText,
                       rx: re.Pattern[str] | None) -> frozenset[int]:
    """The sentences in which `rx` finds something (none when there is no pattern)."""
    if rx is None:
        return frozenset()
    return frozenset(s.index for s in sentences if _found_in(rx, norm, s))


def _found_in(rx: re.Pattern[str], norm: NormalisedText, s: Sentence) -> bool:
    return rx.search(norm.text, s.nstart, s.nend) is not None


def _record(occ: Occasion, story: StoryContext) -> Event:
    head = occ.head
    src = best_side(occ.parts, head.source.country, "source")
    tgt = best_side(occ.parts, head.target.country, "target")
    where = _place(occ, src.country, tgt.country, story)
    loc_country, place = where.country, where.city
    date, date_how = _date(occ, story)
    code = CODES[head.type]
    cameo, goldstein = code.cameo, code.goldstein
    if head.type == "MEET":
        cameo = meet_cameo(src.country, tgt.country, loc_country, any(p.negotiation for p in occ.parts))
        goldstein = GOLDSTEIN_BY_CAMEO.get(cameo, goldstein)
    # Raw score: the best mention's, a little more for each repeat; then the mapping
    # fitted on the dev set turns it into the share of such events that are right.
    confidence = calibrate(min(0.98, max(p.confidence for p in occ.parts) + 0.03 * (len(occ.parts) - 1)))
    return Event(
        type=head.type,
        source=_actor(src),
        target=_actor(tgt),
        location=Place(loc_country, place),
        date=date,
        persons=_persons(occ, src.country, tgt.country, story),
        evidence=_evidence(occ),
        confidence=confidence,
        cameo=cameo,
        plover=code.plover,
        plover_mode=code.plover_mode,
        goldstein=goldstein,
        trigger=head.trigger.text,
        rule=head.rule,
        date_how=date_how,
        place_how=where.how,
        place_evidence=where.span,
    )


def _place(occ: Occasion, a: str, b: str, story: StoryContext) -> PlaceReading:
    reading = occ.location_reading()
    # The visits of the same pair, where a meeting or signing without a place took place.
    pair_visits = [v for v in story.by_pair.get(frozenset((a, b)), ()) if v.head.type == "VISIT"]
    if occ.head.type in ("MEET", "SIGN", "MIL_COOP") and reading.country not in (a, b) and pair_visits:
        visit = pair_visits[0].location_reading()
        reading = PlaceReading(visit.country, visit.city, PlaceHow.VISIT_OF_PAIR, visit.span)
    if occ.head.type == "MEET" and reading.city is None and reading.country:
        for v in pair_visits:
            visit = v.location_reading()
            if visit.country == reading.country and visit.city:
                reading = PlaceReading(visit.country, visit.city, PlaceHow.VISIT_OF_PAIR, visit.span)
    cities = story.cities.get(reading.country or "", ())
    if reading.country and reading.city is None and len(cities) == 1:
        # the only city of that state the story names
        reading = PlaceReading(reading.country, next(iter(cities)), PlaceHow.ONLY_CITY, reading.span)
    return reading


def _date(occ: Occasion, story: StoryContext) -> tuple[str | None, str]:
    date, date_how = occ.date()
    if date is None and (year := next((p for p in occ.parts if p.year_only), None)):
        return None, year.date_how  # "عام 2019": not the day of the news, nor of the occasion next to it
    if date is None:
        date, date_how = _date_recalled(occ, story)
    if date is None and occ.head.type in ("SIGN", "MIL_COOP", "MEET"):
        date, date_how = _date_nearby(occ, story.by_pair)
    told_on_lead_day = story.lead_day is not None and any(p.sentence.index in story.lead_day.sentences
                                                          for p in occ.parts)
    if date is None and told_on_lead_day and story.lead_day is not None:
        date, date_how = story.lead_day.day, "told with the day's news the lead dates"
    if date is None and story.published is not None and any(p.sentence.index in story.present for p in occ.parts):
        date, date_how = story.published.isoformat(), f"reported as news of the day: the {story.reference}"
        if any(p.sentence.index + d in story.lasting for p in occ.parts for d in (0, 1, 2)):
            # "استمرت فعاليات التدريب لعدة أيام": the day of the news is not the day it took place
            date, date_how = date[:7], f"went on for days, reported in the month of the {story.reference}"
    return date, date_how


def _persons(occ: Occasion, a: str, b: str, story: StoryContext) -> list[Person]:
    persons: list[Person] = []
    seen: set[str] = set()
    for p in occ.parts:
        for person in p.persons:
            k = person_key(person)
            if k not in seen:
                seen.add(k)
                persons.append(person)
    if not persons and occ.head.type in ("SIGN", "MIL_COOP"):
        persons = _persons_nearby(occ, story.by_pair)
    # Officials of either state named in the sentence before or after the event's own
    # ("وجرى التسليم بحضور السفيرة الأمريكية …"); a visit lists its visitors only.
    states = {a} if occ.head.type == "VISIT" else {a, b}
    around = {p.sentence.index + d for p in occ.parts for d in (-1, 0, 1)}
    for k in sorted(around):
        for person in story.people.get(k, []):
            if person.country in states and person_key(person) not in seen:
                seen.add(person_key(person))
                persons.append(person)
    return persons


def _pair_of(occ: Occasion) -> frozenset[str]:
    return frozenset((occ.head.source.country, occ.head.target.country))


def _related(occ: Occasion, by_pair: _ByPair, window: int = 2):
    """Occasions of the same pair told in the few sentences before (the talks a signing closed)."""
    first = min(p.sentence.index for p in occ.parts)
    for other in by_pair.get(_pair_of(occ), ()):
        if other is not occ and any(0 <= first - p.sentence.index <= window for p in other.parts):
            yield other


def _date_recalled(occ: Occasion, story: StoryContext) -> tuple[str | None, str]:
    """"وقّع … اتفاقية. وذكر بيان، أمس الخميس، أن الاتفاقية …": the sentence right after an
    undated occasion names it again with a date."""
    dated = story.recalled.get(occ.head.type, {})
    for p in occ.parts:
        found = dated.get(p.sentence.index + 1)
        if found is not None:
            return found[0], f"{found[1]} (the next sentence names the occasion again)"
    return None, ""


def recalled_dates(recalls: dict[str, re.Pattern[str]], sentences: list[Sentence], norm: NormalisedText,
                   dates: list[Mention]) -> dict[str, dict[int, tuple[str, str]]]:
    """For each event type, the sentences that name an occasion of it again and state a date
    (the first one of the sentence that is not in the future)."""
    first: dict[int, tuple[str, str]] = {}
    for d in dates:
        if d.value and not d.extra.get("future") and d.sentence not in first:
            first[d.sentence] = (d.value, f"{d.extra.get('kind')}: {d.text}")
    out: dict[str, dict[int, tuple[str, str]]] = {}
    for kind, rx in recalls.items():
        out[kind] = {k: v for k, v in first.items() if _found_in(rx, norm, sentences[k])}
    return out


def _date_nearby(occ: Occasion, by_pair: _ByPair) -> tuple[str | None, str]:
    for other in _related(occ, by_pair):
        date, how = other.date()
        if date:
            return date, f"{how} (the occasion it closed)"
    return None, ""


def _persons_nearby(occ: Occasion, by_pair: _ByPair) -> list[Person]:
    for other in _related(occ, by_pair):
        found: list[Person] = []
        for part in other.parts:
            found.extend(p for p in part.persons if all(p is not q for q in found))
        if found:
            return found
    return []


def _actor(side) -> Actor:
    a = side.actor
    return Actor(country=side.country, sector=side.sector or "GOV", text=side.text,
                 start=a.start if a else -1, end=a.end if a else -1,
                 person=a.person if a else None, how=side.how, role=a.role if a else None,
                 offices=a.roles if a else ())


def _evidence(occ: Occasion) -> list[Span]:
    spans: dict[int, Span] = {}
    for p in occ.parts:
        spans.setdefault(p.sentence.index, Span(p.sentence.start, p.sentence.end))
    return [spans[k] for k in sorted(spans)]
