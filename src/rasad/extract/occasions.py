"""Occasions: merge repeats of one real-world event, fill what repeats leave
open, and turn candidates into event records.

Rule 2 of EVENTS.md: one event per occasion and pair of states. Two candidates
of the same type and pair are one occasion unless their dates or their cities
say otherwise.
"""

from __future__ import annotations

import datetime as dt

from rasad.calibration import calibrate
from rasad.codes import CODES, GOLDSTEIN_BY_CAMEO, meet_cameo
from rasad.extract.events import Candidate
from rasad.extract.status import RECALLS
from rasad.model import DIRECTED_TYPES, Actor, Event, Person, Place, Span
from rasad.text.normalise import normalise_string


def _key(c: Candidate) -> tuple[str, str, str]:
    a, b = c.source.country, c.target.country
    if c.type not in DIRECTED_TYPES:
        a, b = sorted((a, b))
    return c.type, a, b


def _dates_agree(a: str | None, b: str | None) -> bool:
    """Unknown dates agree with any; a month agrees with its days; days one apart agree,
    since "أمس" in an agency story is "اليوم" in the paper that prints it next morning."""
    if not a or not b or a.startswith(b) or b.startswith(a):
        return True
    if len(a) == len(b) == 10:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= 1
    return False


def _places_agree(a: Candidate, b: Candidate) -> bool:
    if a.place_recalled or b.place_recalled:
        return True  # a place carried over from earlier sentences says nothing of this occasion
    if a.place and b.place and a.place != b.place:
        return False
    return not (a.location_country and b.location_country and a.location_country != b.location_country)


def _person_key(p: Person) -> str:
    return " ".join(normalise_string(p.name).split())


class Occasion:
    def __init__(self, first: Candidate) -> None:
        self.parts = [first]

    @property
    def head(self) -> Candidate:
        return self.parts[0]

    def accepts(self, c: Candidate) -> bool:
        return all(_dates_agree(p.date, c.date) and _places_agree(p, c) for p in self.parts)

    def date(self) -> tuple[str | None, str]:
        dated = [p for p in self.parts if p.date]
        if not dated:
            return None, ""
        # The most specific date; among equals the earliest, when the occasion began.
        best = min(dated, key=lambda p: (-len(p.date or ""), p.date or ""))
        return best.date, best.date_how

    def location(self) -> tuple[str | None, str | None]:
        # A place the sentence itself gives beats one carried over from earlier sentences.
        parts = sorted(self.parts, key=lambda p: p.place_recalled)
        for p in parts:
            if p.place:
                return p.location_country, p.place
        for p in parts:
            if p.location_country:
                return p.location_country, None
        return None, None


def _best_side(parts: list[Candidate], country: str, attr: str):
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


def pair_key(kind: str, a: str, b: str) -> tuple[str, str, str]:
    if kind not in DIRECTED_TYPES:
        a, b = sorted((a, b))
    return kind, a, b


def merge(cands: list[Candidate], planned_types: set[str] | None = None,
          called_off: set[tuple[str, str, str]] | None = None) -> list[Occasion]:
    """Group candidates into occasions.

    A MEET read only from "discussed" is dropped when the same pair spoke by phone: the
    discussion was the call. An occasion stated only in headings is dropped when the body
    speaks of that type of event as a plan: a headline in the present tense often announces
    what the story says is still to come.
    """
    planned_types = planned_types or set()
    called_off = called_off or set()
    # A visit the story says was cancelled or denied is not an event, wherever else it is named.
    occasions = [o for o in _merge(cands) if _key(o.head) not in called_off]
    # A remark that reads the pair the other way round ("وتأتي هذه الزيارة …") is the visit told.
    told = {_unordered(o) for o in occasions if not _only_recalled(o)}
    occasions = [o for o in occasions if not (_only_recalled(o) and _unordered(o) in told)]
    calls = {_key(o.head)[1:] for o in occasions if o.head.type == "CALL"}
    return [o for o in occasions
            if not (o.head.type == "MEET" and _key(o.head)[1:] in calls and _only_discussed(o))
            and not (o.head.type in planned_types and all(p.sentence.is_heading for p in o.parts))]


def _merge(cands: list[Candidate]) -> list[Occasion]:
    occasions: list[Occasion] = []
    by_key: dict[tuple[str, str, str], list[Occasion]] = {}
    for c in cands:
        if c.source.country == c.target.country:
            continue
        bucket = by_key.setdefault(_key(c), [])
        for occ in bucket:
            if occ.accepts(c):
                occ.parts.append(c)
                break
        else:
            occ = Occasion(c)
            bucket.append(occ)
            occasions.append(occ)
    return occasions


def to_events(occasions: list[Occasion], published: dt.date | None = None,
              present: frozenset[int] = frozenset(),
              cities: dict[str, set[str]] | None = None,
              people: dict[int, list[Person]] | None = None) -> list[Event]:
    """Records of the occasions. `present` holds the sentences that report news of the day
    (the lead, "حالياً"): an undated event told there is dated to publication. `cities` maps
    each state to the cities of it the story names."""
    visits = [o for o in occasions if o.head.type == "VISIT"]
    events: list[Event] = []
    for occ in occasions:
        head = occ.head
        src = _best_side(occ.parts, head.source.country, "source")
        tgt = _best_side(occ.parts, head.target.country, "target")
        loc_country, place = occ.location()
        if head.type in ("MEET", "SIGN", "MIL_COOP") and loc_country not in (src.country, tgt.country):
            for v in visits:
                pair = {v.head.source.country, v.head.target.country}
                if pair == {src.country, tgt.country}:
                    loc_country, place = v.location()
                    break
        if head.type == "MEET" and place is None and loc_country:
            for v in visits:
                vc, vp = v.location()
                if vc == loc_country and vp and {v.head.source.country, v.head.target.country} == \
                        {src.country, tgt.country}:
                    place = vp
        if loc_country and place is None and len((cities or {}).get(loc_country, ())) == 1:
            place = next(iter(cities[loc_country]))  # the only city of that state the story names
        date, date_how = occ.date()
        if date is None and head.type in ("SIGN", "MIL_COOP", "MEET"):
            date, date_how = _date_nearby(occ, occasions)
        if date is None and published is not None and any(p.sentence.index in present for p in occ.parts):
            date, date_how = published.isoformat(), "reported as news of the day: the publication date"
        persons: list[Person] = []
        seen: set[str] = set()
        for p in occ.parts:
            for person in p.persons:
                k = _person_key(person)
                if k not in seen:
                    seen.add(k)
                    persons.append(person)
        if not persons and head.type in ("SIGN", "MIL_COOP"):
            persons = _persons_nearby(occ, occasions)
        # Officials of either state named in the sentence before or after the event's own
        # ("وجرى التسليم بحضور السفيرة الأمريكية …"); a visit lists its visitors only.
        states = {src.country} if head.type == "VISIT" else {src.country, tgt.country}
        around = {p.sentence.index + d for p in occ.parts for d in (-1, 0, 1)}
        for k in sorted(around):
            for person in (people or {}).get(k, []):
                if person.country in states and _person_key(person) not in seen:
                    seen.add(_person_key(person))
                    persons.append(person)
        code = CODES[head.type]
        cameo, goldstein = code.cameo, code.goldstein
        if head.type == "MEET":
            cameo = meet_cameo(src.country, tgt.country, loc_country, any(p.negotiation for p in occ.parts))
            goldstein = GOLDSTEIN_BY_CAMEO.get(cameo, goldstein)
        # Raw score: the best mention's, a little more for each repeat; then the mapping
        # fitted on the dev set turns it into the share of such events that are right.
        confidence = calibrate(min(0.98, max(p.confidence for p in occ.parts) + 0.03 * (len(occ.parts) - 1)))
        events.append(Event(
            type=head.type,
            source=_actor(src),
            target=_actor(tgt),
            location=Place(loc_country, place),
            date=date,
            persons=persons,
            evidence=_evidence(occ),
            confidence=confidence,
            cameo=cameo,
            plover=code.plover,
            plover_mode=code.plover_mode,
            goldstein=goldstein,
            trigger=head.trigger.text,
            rule=head.rule,
            date_how=date_how,
        ))
    return events


def _related(occ: Occasion, occasions: list[Occasion], window: int = 2):
    """Occasions of the same pair told in the few sentences before (the talks a signing closed)."""
    pair = {occ.head.source.country, occ.head.target.country}
    first = min(p.sentence.index for p in occ.parts)
    for other in occasions:
        if other is occ or {other.head.source.country, other.head.target.country} != pair:
            continue
        if any(0 <= first - p.sentence.index <= window for p in other.parts):
            yield other


def _date_nearby(occ: Occasion, occasions: list[Occasion]) -> tuple[str | None, str]:
    for other in _related(occ, occasions):
        date, how = other.date()
        if date:
            return date, f"{how} (the occasion it closed)"
    return None, ""


def _persons_nearby(occ: Occasion, occasions: list[Occasion]) -> list[Person]:
    for other in _related(occ, occasions):
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
                 person=a.person if a else None, how=side.how, role=a.role if a else None)


def _evidence(occ: Occasion) -> list[Span]:
    spans: dict[int, Span] = {}
    for p in occ.parts:
        spans.setdefault(p.sentence.index, Span(p.sentence.start, p.sentence.end))
    return [spans[k] for k in sorted(spans)]
