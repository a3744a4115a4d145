"""Events: a trigger plus the actors, place and date of its sentence.

Each sentence is read on its own; what a sentence leaves open (the second
party of "اللقاء", the host of a visit) is taken from the document's last
pair of states. Repeats of one occasion are merged later (occasions.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import combinations

from rasad.extract.actor_base import CLAUSE_MARKS, is_delegation, topics
from rasad.extract.actors import DATELINE, ActorLayer, ActorMention
from rasad.extract.mentions import MentionLayer
from rasad.extract.status import RECALLS, Facts, RejectKind, Status, describe, judge
from rasad.lexicon.load import Lexicon
from rasad.lexicon.matcher import strip_article
from rasad.model import DIRECTED_TYPES, Document, Mention, Person, PlaceHow, Sentence, Span, Token
from rasad.text.normalise import NormalisedText, normalise_string

_MAX_PARTIES = 10
# "في", "إلى" and their forms with a pronoun; not "اليابان", which only begins like "إلى"
_IN_OR_TO = re.compile(r"^(?:في|الي)(?:ها|ه|هم|هما)?$")
_RECEIVER_VERBS = re.compile(r"^[وف]?(?:تسلمت|استلم|استلمت|يتسلم|تتسلم|يستلم|تستلم|استلام|تسلمها|تسلم|تسلمه)")
_EVENT_NOUN = re.compile(r"قمه|هامش|اجتماع|اجتماعات|مؤتمر|منتدي|اطار|دوره|اعمال|تحالف")
_OFFICIAL_KINDS = ("group", "person-ref", "counterpart")
_MEETING_VERBS = frozenset({"meet", "meeting", "receive"})  # labels of meeting in person (not "بحث")
_LEAVING = frozenset({"depart", "return"})  # trigger labels of leaving a place or coming back
_SUBJECT_REACH = 10  # words of a subject between a visit verb and where it goes
_THE_COUNTRY = frozenset({"البلاد", "للبلاد", "بالبلاد"})  # normalised: the outlet's own state, in its copy
_ORG_CODES = {"UNO", "EU", "AU", "ARL", "GCC", "OIC", "IGO"}  # NATO, IMCTC, ICOL are not 3 letters
_AMBIGUOUS_RECEIVE = re.compile(r"^[وف]?تسلم$")
_GIVER_WORDS = frozenset({"قبل", "جانب", "طرف", "الجانب", "الحكومه", "حكومه"})  # "من قبل", "من الجانب"
_SIDE_NOUNS = ("جانب", "طرف")
_WHERE_WHEN_WORDS = 9  # "إلى العاصمة المؤقتة عدن، اليوم الثلاثاء،": between a verb and its subject
_PLACE_WORDS = frozenset(normalise_string(w) for w in ("إلى", "في", "العاصمة", "المؤقتة", "مدينة", "بمدينة", "ميناء",
                                                        "مطار"))
_SECOND_VERB = re.compile(r"^و[يت][\u0621-\u064a]{3,}$")  # "ويتلقى", "وتستقبل": and + a present-tense verb
_IN_PERSON = frozenset({"meet", "meeting"})  # MEET labels that say the sides were in one room
_SCHOOLING = frozenset({"graduation", "training-course"})  # MIL_COOP labels of a school's trainees
_RECALLED_HOWS = ("party named before", "the two sides named before")
_HE_THAT = frozenset({"انه", "وانه", "بانه", "لانه"})
_ONE_PERSON = re.compile(r"[^ه]ه$|ها$")  # "استقباله", "استقبالها": one person, not "هم" or "هما"
_MATERIEL_REACH = 6  # words between the materiel and the adjective naming its maker
_VISIT_SIGNS = re.compile(r"زيار[هت]|وفد|الزائر|المرافق|يرافقه|قادما|وصل|راس|قمه")


@dataclass(slots=True)
class Side:
    country: str
    sector: str
    text: str
    actor: ActorMention | None = None
    how: str = ""


@dataclass(frozen=True, slots=True)
class PlaceReading:
    country: str | None
    city: str | None
    how: PlaceHow
    span: Span | None  # the words it was read from


_NOWHERE = PlaceReading(None, None, PlaceHow.NONE, None)
# How a candidate's date reads when the nearest date names only a year ("التي وقعها البلدان
# عام 2019"): the occasion is not today's, and a record's date has no year-only form.
YEAR_ONLY = "only the year is told"


@dataclass(slots=True)
class Candidate:
    type: str
    source: Side
    target: Side
    sentence: Sentence
    trigger: Mention
    location_country: str | None = None
    place: str | None = None
    date: str | None = None
    date_how: str = ""
    persons: list[Person] = field(default_factory=list)
    confidence: float = 0.5
    rule: str = ""
    negotiation: bool = False
    place_recalled: bool = False  # the place came from earlier sentences, not this one
    place_how: PlaceHow = PlaceHow.NONE
    place_span: Span | None = None
    status: Status = Status.HAPPENED
    year_only: bool = False  # the nearest date names only a year: no day or month to give


@dataclass(slots=True)
class Rejection:
    type: str
    sentence: int
    trigger: str
    kind: RejectKind
    reason: str  # for people: the status or the missing support, with the words
    pairs: list[tuple[str, str, str]] = field(default_factory=list)  # (type, source, target) it would have had
    status: Status | None = None  # for a cue: what it says of the occasion


class EventFinder:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        # the buildings that seat one state's bodies, keyed like an actor's bodies
        self.seats = frozenset(tuple(strip_article(w) for w in p.split()) for p in lex.word_classes["seats"])
        # "هبة", "شحنة": what is given, whose maker's adjective names the giver ("هبة بريطانية")
        self.gift_nouns = [t.regex for t in lex.triggers if t.type == "MIL_AID" and t.role == "gift"]

    def find(self, doc: Document, norm: NormalisedText, sentences: list[Sentence], tokens: list[Token],
             mentions: MentionLayer, actors: ActorLayer) -> tuple[list[Candidate], list[Rejection]]:
        out: list[Candidate] = []
        rejected: list[Rejection] = []
        self.token_words = [t.text for t in tokens]
        self.norm = norm
        by_sent_actors = _by_sentence(actors.actors)
        by_sent_trig = _by_sentence(mentions.triggers)
        by_sent_cue = _by_sentence(mentions.cues)
        by_sent_date = _by_sentence(mentions.dates)

        # Directions of the visits told so far, as (host, visitor) pairs, to orient a later
        # "الزيارة" that names both states without saying who travelled.
        reversed_visits: set[tuple[str, str]] = set()
        story_denies = any(c.value == "denial" for c in mentions.cues)
        told: set[tuple[str, str, str]] = set()  # (type, country, country) of the candidates so far
        aid_told: set[tuple[str, str]] = set()  # (giver, receiver) of the aid told so far
        planned: set[tuple[str, str, str]] = set()  # (type, country, country) the story called a plan
        last_pair: list[Side] = []  # the states the story was last about (two or more)
        by_phone = False  # those states were last told speaking by phone
        last_place = _NOWHERE
        for s in sentences:
            trigs = by_sent_trig.get(s.index, [])
            seg = norm.text[s.nstart:s.nend]
            s_actors = by_sent_actors.get(s.index, [])
            ctx = _SentenceContext(self, doc, s, seg, tokens, s_actors, by_sent_cue.get(s.index, []),
                                   by_sent_date.get(s.index, []), last_pair, last_place, norm.text,
                                   reversed_visits)
            ctx.told = told
            ctx.aid_told = aid_told
            ctx.by_phone = by_phone
            ctx.facts = Facts(tokens, story_denies, tuple(ctx.cues))
            ctx.second_verbs = sorted(t.tok_start for t in trigs if _SECOND_VERB.match(tokens[t.tok_start].text)
                                      or _after_comma(norm.text, tokens, t.tok_start))
            if not trigs:
                parties = ctx.distinct_parties()
                if len(parties) >= 2 and not _names_the_two_before(s_actors):
                    last_pair, by_phone = parties, False
                    last_place = ctx.place_reading()
                continue
            found: list[Candidate] = []
            done_types: set[str] = set()
            dates_done: dict[str, set[str | None]] = {}
            support_seen: dict[str, bool] = {}  # support patterns looked for in this sentence
            unsided_signs: list[Mention] = []  # signings that name no two states of their own
            for t in trigs:
                trig = t.extra["trigger"]
                if trig.type in done_types and trig.label not in _NEXT_STOP:
                    # One sentence may tell of several occasions of a type on different dates
                    # ("the first visit in January, a second in March"); a tour after a visit
                    # names more stops ("بعد زيارة … في ختام جولة شملت مالي والنيجر").
                    own_date = ctx.date(t, strict=True)[0]
                    if (own_date is None or own_date in dates_done.get(trig.type, ())) \
                            and not ctx.own_clause_pair(t):
                        continue
                if not t.extra["supported"] and not (trig.needs == ("pair_in_sentence",)
                                                     and ctx.joint_subjects(t)):
                    missing = self.lex.missing_support(trig, seg, support_seen)
                    if missing is None:  # in the sentence, but not near enough
                        missing = f"{'/'.join(trig.needs)} within {trig.support_window} words"
                    rejected.append(Rejection(trig.type, s.index, t.text, RejectKind.WEAK_TRIGGER,
                                              f"weak trigger without {missing}"))
                    continue
                verdict = judge(t, trig.label, ctx.cues, ctx.dates, self.lex.cue_rules, ctx.facts)
                if verdict is not None and verdict.status is Status.UNDER_WAY:
                    verdict = None  # "تختتم غدا فعاليات التمرين": going on now, whatever comes tomorrow
                if verdict is not None and verdict.status not in RECALLS:
                    pairs = [(c.type, c.source.country, c.target.country) for c in ctx.build(t)]
                    rejected.append(Rejection(trig.type, s.index, t.text, RejectKind.CUE, describe(verdict),
                                              pairs, verdict.status))
                    if verdict.status is Status.PLANNED:
                        planned.update(pair_key(*p) for p in pairs)
                    if verdict.status is not Status.TOPIC:
                        # a plan or a denial speaks for the sentence; a subject of talks
                        # ("في إطار خطة التدريبات المشتركة، انطلقت فعاليات التدريب …") only for itself
                        done_types.add(trig.type)
                    continue
                made = ctx.build(t)
                if made and _recalls_a_plan(made, planned) and ctx.definite(t):
                    # "ستشارك … في مناورات مع … . وأوضحت الوزارة أن المناورات ستتضمن …": the
                    # occasion named again, with the parties of the plan, is that plan
                    rejected.append(Rejection(trig.type, s.index, t.text, RejectKind.CUE,
                                              "an occasion the story called a plan, named again",
                                              [(c.type, c.source.country, c.target.country) for c in made],
                                              Status.PLANNED))
                    continue
                if trig.type == "SIGN" and len(made) > 1 and ctx.clause_names_no_state(t):
                    made = _signed_by_who_met(made, found)
                if verdict is not None:  # a remark on an occasion: it may join one, never make one
                    for c in made:
                        c.status = verdict.status
                if made:
                    found.extend(made)
                    done_types.add(trig.type)
                    dates_done.setdefault(trig.type, set()).update(c.date for c in made)
                elif trig.type == "SIGN":
                    unsided_signs.append(t)
                else:
                    rejected.append(Rejection(trig.type, s.index, t.text, RejectKind.FEWER_THAN_TWO,
                                              "fewer than two states identified"))
            signed = ctx.signed_at_meeting(unsided_signs[0], found) \
                if unsided_signs and "SIGN" not in done_types else []
            found.extend(signed)
            rejected.extend(Rejection("SIGN", s.index, t.text, RejectKind.FEWER_THAN_TWO,
                                      "fewer than two states identified") for t in unsided_signs[bool(signed):])
            found = _settle(found, "CALL" in done_types)
            _meet_where_visiting(found, ctx.place()[0])
            for c in found:
                if c.type == "VISIT" and (c.source.country, c.target.country) not in reversed_visits:
                    reversed_visits.add((c.target.country, c.source.country))
                if c.type == "MIL_AID":
                    aid_told.add((c.source.country, c.target.country))
            out.extend(found)
            told.update((c.type, *sorted((c.source.country, c.target.country))) for c in found)
            before = last_pair
            last_pair, last_place = _story_after(ctx, found, last_pair, last_place)
            if last_pair is not before:
                by_phone = bool(found) and all(c.type == "CALL" for c in found)
        return out, rejected


_BETWEEN_TYPES = frozenset({"SIGN", "CALL", "MEET"})  # types whose parties a following "بين X و Y" names
_STAR_TYPES = frozenset({"SIGN", "CALL", "MIL_COOP"})  # "X مع A وB": X with each of them
_CLAUSED = frozenset({"SIGN", "MEET", "CALL", "MIL_COOP"})  # undirected types whose parties share a clause
_NEEDS_DESTINATION = frozenset({"arrive"})
_COMING = frozenset({"قادما", "قادمه", "قادمين", "قادمون", "آتيا", "اتيا"})
# Triggers that name a further stop after a visit told in the same sentence ("غادر القاهرة
# متوجها إلى الجزائر", "بعد زيارة … في ختام جولة شملت …")
_NEXT_STOP = frozenset({"tour", "head-to"})  # triggers that make a visit only with a named destination
_IMPLIED = "official received in the host's country"
_ATTENDED = frozenset({"SIGN", "MIL_COOP"})  # occasions an official attends in person
_SEPARATELY = re.compile(r"كلا علي حد[هي]|كلا علي حدا|كل علي حد[هي]|بشكل منفصل|بصوره منفصله|كل منهما علي حد[هي]")
_MET_VERB = re.compile(r"^[وف]?التق(?:ي|ت|يا|وا|تا|اه|اها|اهم|اهما|ينا)$")  # التقى and its forms
_ELIDED = "the subject of the sentence before"
_WAS = frozenset({"كان", "وكان", "كانت", "وكانت", "فكان"})
_SUBJECT_VERBS = frozenset({"meet", "meeting", "receive", "call-received"})  # labels whose verbs take a subject
_OWN_STATE = frozenset({"بلاده", "بلادها", "بلادنا", "بلدها", "بلده", "حكومته", "حكومتها", "جيشه", "جيشها"})
# a definite dual or plural of a meeting noun: the several meetings the story told
_MANY_TOLD = re.compile(r"^[وفب]?(?:ال|خلال)?(?:لقاءين|لقائين|لقاءات|اجتماعين|اجتماعات|اتصالين|اتصالات)$")
_GROUP_CALL = re.compile(r"ثلاثي|رباعي|خماسي|جماعي|متعدد")  # a call or a signing among more than two
_PRONOUN_END = re.compile(r"(?:ه|ها|هم|هما)$")


def _traveller(a: ActorMention) -> bool:
    """Someone who can travel: an official with a post or a name, or a delegation."""
    return bool(a.role or a.person or is_delegation(a))


def _stays(side: Side) -> bool:
    """A side that cannot travel: a body named with no post, person or delegation."""
    return side.actor is not None and side.actor.kind == "group" and not _traveller(side.actor)


def _delegation(side: Side) -> bool:
    return side.actor is not None and is_delegation(side.actor)


def _official(side: Side) -> bool:
    return side.actor is not None and side.actor.kind in _OFFICIAL_KINDS


def _pair(c: Candidate) -> frozenset[str]:
    return frozenset((c.source.country, c.target.country))


def pair_key(kind: str, a: str, b: str) -> tuple[str, str, str]:
    if kind not in DIRECTED_TYPES:
        a, b = sorted((a, b))
    return kind, a, b


def _recalls_a_plan(made: list[Candidate], planned: set[tuple[str, str, str]]) -> bool:
    """Every candidate has a side taken from earlier sentences, and its pair is one the story
    called a plan."""
    return all(pair_key(c.type, c.source.country, c.target.country) in planned
               and (c.source.how in _RECALLED_HOWS or c.target.how in _RECALLED_HOWS) for c in made)


def _comma_before(text: str, tokens: list[Token], k: int) -> bool:
    return k > 0 and any(p in text[tokens[k - 1].nend:tokens[k].nstart] for p in ",،")


def _after_comma(text: str, tokens: list[Token], k: int) -> bool:
    """", واجتمع": a word joined by و right after a comma opens a clause of its own."""
    return tokens[k].text.startswith("و") and _comma_before(text, tokens, k)


def _settle(found: list[Candidate], called_here: bool) -> list[Candidate]:
    """The candidates of one sentence, less those its other candidates rule out."""
    if called_here:
        # talks held by phone or video: no meeting of the same pair, no one travelled for them
        called = {_pair(c) for c in found if c.type == "CALL"}
        found = [c for c in found if not (c.type == "MEET" and (
            c.trigger.extra["trigger"].role == "talks" or _pair(c)
            in called)) and not (c.type == "VISIT" and c.rule == _IMPLIED
                                 and _pair(c) in called)]
    found = _drop_meetings_among_hosts(_drop_implied_beside_explicit(found))
    # two companies' deal is no event between states; a state's with a company is
    return [c for c in found if not (c.source.sector == "OTH" and c.target.sector == "OTH")]


def _names_the_two_before(actors: list[ActorMention]) -> bool:
    """"الجانبان", "الوزيران": the sentence's actors point back to the story's two sides."""
    return any(a.kind == "pair-ref" for a in actors)


def _story_after(ctx: _SentenceContext, found: list[Candidate], last_pair: list[Side],
                 last_place: PlaceReading) -> tuple[list[Side], PlaceReading]:
    """The states and the place the story is about after a sentence with triggers."""
    parties = ctx.distinct_parties()
    # "وبحث الوزيران الأزمة بين السودان وتشاد": the two named before act; the others are talked about
    pointed_back = _names_the_two_before(ctx.actors) and not found
    if len(parties) >= 2 and not pointed_back:
        last_pair = parties
    elif found:
        last_pair = [found[0].source, found[0].target]
    elided = next((c for c in found if c.rule == _ELIDED), None)
    if elided is not None:
        # "كما استقبل … . كما استقبل …": the subject goes on through the chain, first
        subject = elided.source if elided.source.how == "party named before" else elided.target
        last_pair = [subject, *(p for p in last_pair if p.country != subject.country)]
    here = next((PlaceReading(c.location_country, c.place, c.place_how, c.place_span)
                 for c in found if c.location_country), None)
    if here is None and len(parties) >= 2:
        here = ctx.place_reading()
    if here is not None and here.country:
        last_place = here
    return last_pair, last_place


def _signed_by_who_met(signed: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """"التقى الوزير التونسي نظيره الإيطالي، واجتمع رئيس الأركان الليبي بقائد الجيش المصري، وتم
    التوقيع على المحضر": a signing whose clause names no state is between those who met in
    the sentence, not between every pair of the states it names."""
    met = {_pair(c) for c in found if c.type in ("MEET", "MIL_COOP")}
    return [c for c in signed if _pair(c) in met]


def _drop_meetings_among_hosts(found: list[Candidate]) -> list[Candidate]:
    """"زار السعودية ثم مصر والأردن، والتقى رؤساء تلك الدول": a traveller on a tour meets each
    host; the hosts, visited one after another, do not meet each other."""
    hosts: dict[str, set[str]] = {}
    for c in found:
        if c.type == "VISIT":
            hosts.setdefault(c.source.country, set()).add(c.target.country)
    toured = set().union(*(h for h in hosts.values() if len(h) >= 2)) if hosts else set()
    if not toured:
        return found
    return [c for c in found if not (c.type == "MEET" and c.source.country in toured
                                     and c.target.country in toured)]


def _drop_implied_beside_explicit(found: list[Candidate]) -> list[Candidate]:
    """A visit the sentence states outright replaces any visit inferred from its meeting."""
    explicit = {_pair(c) for c in found
                if c.type == "VISIT" and c.rule != _IMPLIED}
    return [c for c in found if not (c.type == "VISIT" and c.rule == _IMPLIED
                                     and _pair(c) in explicit)]


def _meet_where_visiting(found: list[Candidate], own_place: str | None) -> None:
    """"زار … باكستان حيث التقى …": a meeting told with a visit happens at the visit's place."""
    for c in found:
        if c.type != "MEET":
            continue
        for v in found:
            if v.type == "VISIT" and {v.source.country, v.target.country} == {c.source.country, c.target.country}:
                if c.location_country != v.location_country or not c.place:
                    c.location_country, c.place = v.location_country, v.place or c.place
                    c.place_how, c.place_span = v.place_how, v.place_span
                c.place_recalled = False
                break


def _by_sentence(items: list) -> dict[int, list]:
    """Mentions or actors grouped by the index of their sentence, in text order."""
    out: dict[int, list] = {}
    for item in items:
        out.setdefault(item.sentence, []).append(item)
    return out


class _SentenceContext:
    def __init__(self, finder: EventFinder, doc: Document, s: Sentence, seg: str, tokens: list[Token],
                 actors: list[ActorMention], cues: list[Mention], dates: list[Mention],
                 last_pair: list[Side],
                 last_place: PlaceReading, norm_text: str,
                 reversed_visits: set[tuple[str, str]]) -> None:
        self.finder = finder
        self.doc = doc
        self.s = s
        self.seg = seg
        self.tokens = tokens
        self.actors = actors
        self.cues = cues
        self.dates = dates
        self.last_pair = last_pair
        self.last_place = last_place
        self.norm_text = norm_text
        self.reversed_visits = reversed_visits
        self.told: set[tuple[str, str, str]] = set()  # (type, country, country) of earlier sentences
        self.aid_told: set[tuple[str, str]] = set()  # (giver, receiver) of aid told in earlier sentences
        self.by_phone = False  # the story's last two states were told speaking by phone
        self.facts = Facts(tokens, False)
        self.words = finder.lex.word_classes
        self._tok_end: int | None = None
        self._tok_start: int | None = None
        self._watching: list[ActorMention] | None = None  # observers of the sentence (_observers)
        self._lists: dict[str, list[ActorMention]] = {}  # word class → the states listed after its words
        self._sources: dict[int, tuple[bool, bool]] = {}  # actor id → (reported by it, cited as source)
        self._nisba_pairs: list[ActorMention] | None = None  # (_pair_nisbas)
        self._breaks: list[int] | None = None  # (_clause_breaks)
        self._dates_of: dict[int, tuple[str | None, str]] = {}  # trigger → its date (date)
        self._persons: list[Person] | None = None  # (persons_of)
        self._topics: set[int] | None = None  # ids of the places talked about (_is_topic)
        self.second_verbs: list[int] = []  # triggers that are a verb joined by و ("ويتلقى"), in order
        self.nisba_ends = {b.tok_end for b in actors if b.kind == "nisba"}  # "مصري سعودي": one list
        # Where the sentence says things happened does not depend on the trigger: read once.
        self._locations: list[ActorMention] | None = None
        self._place_readings: dict[frozenset[str] | None, PlaceReading] = {}

    # --- parties -------------------------------------------------------------
    def _is_location(self, a: ActorMention) -> bool:
        if a.kind not in ("country", "city", "org"):
            return False
        prep = a.preposition
        return prep in self.words["location_words"] or prep in ("ب", "ل") or bool(_IN_OR_TO.match(prep))

    def _is_topic(self, a: ActorMention) -> bool:
        if self._topics is None:
            self._topics = topics(self.actors, self.finder.token_words, self.words)
        return id(a) in self._topics

    def _attends(self, a: ActorMention) -> bool:
        """"بحضور السفير الأمريكي": there, but not a party to the occasion."""
        k = a.tok_start - 1
        if k < 0 or not (a.preposition in self.words["attendance_words"]
                         or self.tokens[k].text in self.words["attendance_words"]):
            return False
        # "حضرة صاحب السمو" is an honorific, "حضره الوزير" a verb: the written ة tells them apart
        if self.tokens[k].text.lstrip("و") != "حضره":
            return True
        start, end = self.finder.norm.to_original(self.tokens[k].nstart, self.tokens[k].nend)
        return not self.finder.norm.original[start:end].endswith("ة")

    def _witness_or_venue(self, a: ActorMention) -> bool:
        """"وشهد التوقيع رئيس الوزراء الإثيوبي", "في قصر الإليزيه", "بمقر وزارة الخارجية
        السعودية": one who looks on, or the building where it happens, beside the parties."""
        k = a.tok_start - 1
        if k >= 1 and self.tokens[k].text in self.words["witnessed_occasions"] \
                and self.tokens[k - 1].text in self.words["witness_verbs"]:
            return True
        return a.kind == "group" and a.person is None and not a.office and bool(a.heads) \
            and (a.preposition in ("في", "داخل") or a.preposition.endswith("مقر"))

    def participants(self, t: Mention) -> list[ActorMention]:
        out = []
        for a in self.actors:
            if self._is_topic(a):
                continue
            if not a.countries and a.kind != "pair-ref":
                continue
            if a.kind in ("country", "org"):
                to_receiver = t.value == "MIL_AID" and a.preposition in ("الي", "ل")
                origin = a.preposition in self.words["origin_words"]
                if (self._is_location(a) and not to_receiver) or origin and t.value == "VISIT":
                    continue
                if a.preposition == "من" and t.value in ("MEET", "CALL") and not self._delegation_before(a):
                    continue  # "العائدون من تركيا": where someone came from, not who met
                if a.kind == "org" and _EVENT_NOUN.search(a.preposition):
                    continue  # "قمة مجموعة بريكس": the organisation names the occasion, not a party
            elif a.kind == "city":
                # "وصلت إلى نيامي شحنة أسلحة روسية": aid sent to a capital goes to its state
                to_capital = t.value == "MIL_AID" and a.preposition in ("الي", "ل") \
                    and self.finder.lex.capitals.get(a.country) == a.role
                if (self._is_location(a) and not to_capital) or not a.text \
                        or a.preposition in self.words["origin_words"] or a.how == DATELINE:
                    continue  # "بروكسل (بترا) -": where the story was filed from is no party
                if a.preposition.endswith(("مدينه", "العاصمه", "مطار")):
                    continue
                if self.finder.lex.capitals.get(a.country) != a.role:
                    continue  # only a capital stands for its state ("واشنطن", "بكين")
            elif a.kind == "nisba":
                # "القضية الفلسطينية" is a topic; a nationality is a party to drills, aid and committees
                reach = t.extra["trigger"].nisba_reach
                near = reach and (t.tok_end <= a.tok_start <= t.tok_end + reach or a.tok_start in self.nisba_ends)
                side = a.preposition.endswith(_SIDE_NOUNS)  # "مع الجانب الكوري": the Korean side
                # "فريق من المدربين الأمريكيين": people of a nationality before the trigger act in it
                people = t.value == "MIL_COOP" and reach and 0 <= t.tok_start - a.tok_end <= reach \
                    and a.plural
                inside = t.tok_start <= a.tok_start < t.tok_end  # "اللجنة العسكرية السعودية العراقية"
                if not near and not side and not people and not inside and a not in self._pair_nisbas():
                    continue
            out.append(a)
        watching = self._observers()
        if watching:
            out = [a for a in out if a not in watching]
        out = [a for a in out if not self._reports(a, t)]
        attending = [a for a in out if self._attends(a) or self._witness_or_venue(a)
                     or a.preposition.lstrip("وف") in self.words["stance_verbs"]]
        if t.value == "MIL_COOP":
            # "بين القوات السودانية ونظيرتها المصرية، بحضور ملحقين عسكريين من السعودية وروسيا"
            attending += [a for a in out if a in self._listed_after("attendance_words") and a not in attending]
        # One who looks on at drills that a state is told to carry out is no party to them, even
        # where the drills are that state's own ("نفذ الجيش تمرينا بالذخيرة الحية بحضور الملحق
        # العسكري الأمريكي"); where no force or official but those present is named, they are the sides.
        acting = {c for a in out if a not in attending for c in a.countries}
        performer = t.value == "MIL_COOP" and any(
            a.kind in _OFFICIAL_KINDS and a.countries and a.tok_end <= self._first_word_of("attendance_words")
            for a in out if a not in attending)
        if attending and len(acting) >= 2 and t.value in ("MEET", "CALL", "SIGN", "MIL_COOP"):
            out = [a for a in out if a not in attending]
        elif performer:  # (a venue stays: "دورة في الأكاديمية العسكرية الفرنسية" is training there)
            out = [a for a in out if not (self._attends(a) or a in self._listed_after("attendance_words"))]
        if t.value in _CLAUSED:
            out = self._in_own_clause(t, out)
        officials = {c for a in out if a.kind in _OFFICIAL_KINDS for c in a.countries}
        if len(officials) >= 2 and t.value in ("MEET", "CALL", "SIGN"):
            # Two states' officials are named: other states in the sentence are topics
            # ("أكد دعم تركيا لوحدة أراضي اليمن والصومال"), not parties.
            out = [a for a in out if a.kind in _OFFICIAL_KINDS or a.kind == "pair-ref"
                   or any(c in officials for c in a.countries)]
        return out

    def joint_subjects(self, t: Mention) -> bool:
        """"بحث وزير الدفاع العماني ووزير الدفاع البريطاني …": two states' officials joined by و
        right after the verb are the two sides, as "مع" would say."""
        officials = sorted((a for a in self.actors if a.kind in _OFFICIAL_KINDS and a.countries),
                           key=lambda a: a.tok_start)
        first = next((a for a in officials if 0 <= a.tok_start - t.tok_end <= 1), None)
        if first is None:
            return False
        return any(a.tok_start >= first.tok_end and a.tok_start - first.tok_end <= 5
                   and self.tokens[a.tok_start].text.startswith("و")
                   and set(a.countries).isdisjoint(first.countries) for a in officials)

    def _breaks_clause(self, k: int) -> bool:
        """Token k opens another clause: a word of the class, or "، ثم" (a bare "ثم" only lists:
        "زار السعودية ثم مصر")."""
        word = self.tokens[k].text
        if word in self.words["clause_breaks"]:
            return True
        return word == "ثم" and _comma_before(self.norm_text, self.tokens, k)

    def _clause_breaks(self) -> list[int]:
        """The sentence's tokens that open another clause, in order (found once per sentence)."""
        if self._breaks is None:
            self._breaks = [k for k in range(self._sentence_start(), self._sentence_end()) if self._breaks_clause(k)]
        return self._breaks

    def _pair_nisbas(self) -> list[ActorMention]:
        """"الجانبان السعودي والباكستاني", "البلدين المصري واليوناني": nationality adjectives that
        name the two sides."""
        if self._nisba_pairs is not None:
            return self._nisba_pairs
        out: list[ActorMention] = []
        end = -1
        after_pair = False
        for a in sorted(self.actors, key=lambda a: a.tok_start):
            if a.kind in ("pair-ref", "counterpart"):
                end = a.tok_end  # "نظرائه الأردني والمصري": counterparts named by nationality
                after_pair = True
            elif a.kind == "nisba" and (a.tok_start == end or after_pair and a.tok_start == end + 1):
                # one word may come between: "وزارتا الدفاع المصرية والتركية"
                out.append(a)
                end = a.tok_end
                after_pair = False
        self._nisba_pairs = out
        return out

    def _own_clause(self, t: Mention) -> tuple[int, int]:
        """The tokens of the trigger's own clause: from the break before it to the break after."""
        lo, hi = self._sentence_start(), self._sentence_end()
        breaks = self._clause_breaks()
        before = bisect_left(breaks, t.tok_start)
        start = breaks[before - 1] + 1 if before > 0 else lo
        # "… يستقبل رئيس وزراء إسبانيا ويتلقى اتصالا من …": a second verb opens a second clause
        verbs = self.second_verbs
        opened = bisect_right(verbs, t.tok_start)
        if opened:
            start = max(start, verbs[opened - 1])
        after = bisect_left(breaks, t.tok_end)
        end = breaks[after] if after < len(breaks) else hi
        return start, min([end, *(k for k in self.second_verbs if k >= t.tok_end)])

    def own_clause_pair(self, t: Mention) -> bool:
        """"التقى … نظيره الإيطالي، واجتمع رئيس الأركان الليبي بقائد الجيش المصري": a trigger that
        opens its own clause and names two states there tells an occasion of its own."""
        if t.tok_start not in self.second_verbs:
            return False
        start, end = self._own_clause(t)
        return len({c for a in self.actors if start <= a.tok_start < end for c in a.countries}) >= 2

    def clause_names_no_state(self, t: Mention) -> bool:
        start, end = self._own_clause(t)
        return not any(a.countries and start <= a.tok_start < end for a in self.actors)

    def _in_own_clause(self, t: Mention, parts: list[ActorMention]) -> list[ActorMention]:
        """"وقعت مصر واليونان اتفاقية … ردا على الاتفاق الذي وقعته تركيا مع ليبيا": the parties are
        named in the trigger's own clause; states in a clause opened by "ردا على", "بعد", "التي"
        or "منذ" belong to something else, when the own clause names two states."""
        start, end = self._own_clause(t)
        inside = [a for a in parts if start <= a.tok_start < end]
        states = {c for a in inside for c in a.countries}
        if len(states) == 1 and start > self._sentence_start():
            # "التقى الرئيس المصري السفير الفرنسي، ثم أجرى اتصالا مع الرئيس التركي": the subject
            # of the sentence goes on into the clause that follows
            subject = next((a for a in parts if a.tok_start < start and a.kind in _OFFICIAL_KINDS
                            and a.countries and not states & set(a.countries)), None)
            if subject is not None and subject is next((a for a in parts if a.countries), None):
                return [subject, *inside]
        return inside if len(states) >= 2 else parts

    def _reports(self, a: ActorMention, t: Mention) -> bool:
        """"قالت الخارجية الأمريكية إن إيران زودت روسيا …", "… وفق الاستخبارات البريطانية": who
        says or is cited as the source reports the occasion; it is no party to it."""
        words = self.finder.token_words
        said, cited = self._source_words(a)
        that = next((k for k in range(a.tok_end, t.tok_start) if words[k] == "ان"), None) if said else None
        if that is not None:
            # unless the report speaks of the reporter's own ("أكد الوزير الأمريكي أن بلاده سلمت …",
            # "قالت القوات الليبية إن نائب قائدها وقع …"): the report names its subject's state
            return not any(words[k] in _OWN_STATE for k in range(that, t.tok_start)) and any(
                b.countries and that < b.tok_start < t.tok_start for b in self.actors)
        return cited

    def _source_words(self, a: ActorMention) -> tuple[bool, bool]:
        """Whether a reporting word, and whether a word citing a source, stands right before a
        (read once per actor and sentence)."""
        known = self._sources.get(id(a))
        if known is None:
            words = self.finder.token_words
            before = range(max(self._sentence_start(), a.tok_start - 2), a.tok_start)
            known = self._sources[id(a)] = (
                any(words[k] in self.words["reporting_words"] for k in before),
                any(words[k].removeprefix("و") in self.words["attribution_words"] for k in before))
        return known

    def _observers(self) -> list[ActorMention]:
        """"بمشاركة مراقبين من الولايات المتحدة وفرنسا وتركيا": the states of a list that follows
        an observer word watch the occasion; they are not parties to it."""
        if self._watching is None:
            self._watching = self._find_observers()
        return self._watching

    def _find_observers(self) -> list[ActorMention]:
        return self._listed_after("observer_words")

    def _first_word_of(self, word_class: str) -> int:
        """The first token of the sentence in the class, or the sentence's end."""
        words = self.words[word_class]
        end = self._sentence_end()
        return next((k for k in range(self._sentence_start(), end) if self.tokens[k].text in words), end)

    def _listed_after(self, word_class: str) -> list[ActorMention]:
        """The states of the lists that follow a word of the class ("مراقبين من …", "بحضور …"),
        found once per sentence and class."""
        found = self._lists.get(word_class)
        if found is None:
            found = self._lists[word_class] = self._find_listed_after(word_class)
        return found

    def _find_listed_after(self, word_class: str) -> list[ActorMention]:
        words = self.words[word_class]
        starts = [k for k in range(self._sentence_start(), self._sentence_end()) if self.tokens[k].text in words]
        if not starts:
            return []
        listed = sorted((a for a in self.actors if a.kind in ("country", "org", "nisba", "city")),
                        key=lambda a: a.tok_start)
        out: list[ActorMention] = []
        for k in starts:
            reach = k + 4  # "مراقبين عسكريين من": the list begins a few words after the noun
            for a in listed:
                if a.tok_start <= k or a in out:
                    continue
                joined = self.tokens[a.tok_start].text.startswith("و")
                if a.tok_start > reach and not (joined and a.tok_start <= reach + 4):
                    break
                out.append(a)
                # the list goes on through "و" and commas, and past "ودول خليجية أخرى"
                reach = a.tok_end + 1
        return out

    def _delegation_before(self, a: ActorMention) -> bool:
        k = a.tok_start - 2
        return k >= 0 and bool(re.search(r"وفد|الوفد|وفدا|ممثل|ممثلين|مسوول|مسوولين|نظير|نظراء|نظراي|قاد[هت]|وزراء",
                                         self.tokens[k].text))

    def distinct_parties(self) -> list[Side]:
        """The states this sentence is about, for the sentences after it; when two states'
        officials are named, the others are only talked about."""
        sides: dict[str, Side] = {}
        officials = {c for a in self.actors if a.kind in _OFFICIAL_KINDS for c in a.countries}
        for a in self.actors:
            if a.kind == "country" and (self._is_location(a) or self._is_topic(a)):
                continue
            if len(officials) >= 2 and not any(c in officials for c in a.countries):
                continue
            if a.kind in ("group", "person-ref", "counterpart", "country") and a.countries:
                for c in a.countries:
                    sides.setdefault(c, Side(c, a.sector or "GOV", a.text, a))
        return list(sides.values())

    def sides(self, parts: list[ActorMention]) -> list[Side]:
        """One side per country, the most specific actor for each, in order of appearance."""
        rank = {"group": 0, "counterpart": 0, "person-ref": 1, "country": 2, "org": 2, "city": 3, "nisba": 3}
        best: dict[str, Side] = {}
        order: list[str] = []
        named = {c for a in parts if a.kind != "pair-ref" for c in a.countries}
        for a in parts:
            if a.kind == "pair-ref":
                if len(named) >= 2:
                    continue
                for side in self.last_pair:
                    if side.country not in best:
                        best[side.country] = Side(side.country, side.sector, side.text, side.actor,
                                                  "the two sides named before")
                        order.append(side.country)
                continue
            for c in a.countries:
                sector = a.sector or "GOV"
                if c not in best:
                    best[c] = Side(c, sector, a.text, a, a.how)
                    order.append(c)
                else:
                    cur = best[c]
                    # an official beats a country's name; one who lives abroad (an ambassador)
                    # stands for his state only when nobody else does
                    if cur.actor is None or (rank.get(a.kind, 4), a.resident) < (rank.get(cur.actor.kind, 4),
                                                                                  cur.actor.resident):
                        best[c] = Side(c, sector, a.text, a, a.how)
        return [best[c] for c in order]

    def locations(self) -> list[ActorMention]:
        if self._locations is None:
            self._locations = [a for a in self.actors if a.kind in ("country", "city") and a.countries
                               and (self._is_location(a) or a.kind == "city") and not self._is_topic(a)]
        return self._locations

    def place(self, prefer: set[str] | None = None) -> tuple[str | None, str | None]:
        """(country, city) where the sentence says the event happened."""
        reading = self.place_reading(prefer)
        return reading.country, reading.city

    def place_reading(self, prefer: set[str] | None = None) -> PlaceReading:
        """Where the sentence says the event happened, how, and from which words."""
        key = frozenset(prefer) if prefer else None
        if key not in self._place_readings:
            self._place_readings[key] = self._read_place(prefer)
        return self._place_readings[key]

    def _placed_by_dateline(self) -> bool:
        """The sentence's place is only the city its dispatch was filed from."""
        span = self.place_reading().span
        return span is not None and any(a.how == DATELINE and (a.start, a.end) == (span.start, span.end)
                                        for a in self.actors)

    def _read_place(self, prefer: set[str] | None) -> PlaceReading:
        locs = self.locations()
        # A city introduced as a place ("في مسقط") before a bare one, which may be a name ("مارك لانكستر").
        cities = sorted((a for a in locs if a.kind == "city"), key=lambda a: not self._is_location(a))
        for a in cities:
            if not prefer or a.country in prefer:
                return PlaceReading(a.country, a.role, PlaceHow.NAMED, Span(a.start, a.end))
        for a in self.actors:
            # "العاصمة التونسية": the capital of the state the adjective names
            if a.kind == "nisba" and a.preposition.endswith("العاصمه") and a.country in self.finder.lex.capitals \
                    and (not prefer or a.country in prefer):
                return PlaceReading(a.country, self.finder.lex.capitals[a.country], PlaceHow.CAPITAL_OF_NATIONALITY,
                                    Span(a.start, a.end))
        for a in locs:
            if a.kind == "country" and (not prefer or a.country in prefer):
                city = a.role if a.preposition.endswith(("مدينه", "العاصمه")) else None
                return PlaceReading(a.country, city, PlaceHow.NAMED, Span(a.start, a.end))
        for a in self.actors:
            # "في البنتاغون", "بقصر الاتحادية": the seat of a body of one state is in that state
            if a.kind == "group" and a.bodies and a.bodies[0] in self.finder.seats and len(a.countries) == 1 \
                    and (a.preposition in ("في", "ب") or a.preposition.endswith("مقر")) \
                    and (not prefer or a.countries[0] in prefer):
                return PlaceReading(a.countries[0], None, PlaceHow.SEAT_OF_BODY, Span(a.start, a.end))
        for a in self.actors:
            if a.posting and a.host_country and (not prefer or a.host_country in prefer):
                # the city where a party's ambassador serves
                return PlaceReading(a.host_country, a.posting, PlaceHow.POSTING, Span(a.start, a.end))
        return PlaceReading(None, None, PlaceHow.NONE, None)

    def date(self, t: Mention, strict: bool = False) -> tuple[str | None, str]:
        """The date nearest the trigger; strict: only one within a few words of it."""
        if not strict:
            if id(t) not in self._dates_of:
                self._dates_of[id(t)] = self._nearest_date(t, False)
            return self._dates_of[id(t)]
        return self._nearest_date(t, True)

    def _nearest_date(self, t: Mention, strict: bool) -> tuple[str | None, str]:
        best = None
        # the dispatch's date yields to a date the sentence gives its occasion ("… (واس) - استقبل … أمس")
        own = any(d.value and not d.extra.get("future") and not d.extra.get("dateline") for d in self.dates)
        for d in self.dates:
            year_only = d.value is None and d.extra.get("kind") == "year"  # "عام 2019": no day or month
            if (d.value is None and not year_only) or d.extra.get("future") or (own and d.extra.get("dateline")):
                continue
            if t.tok_start > d.tok_end and self._reported_on(d):
                continue  # "ذكرت … في بيان لها اليوم أن الجانبين استعرضا …": the statement's day
            dist = abs(d.tok_start - t.tok_start)
            if strict and not (0 <= d.tok_start - t.tok_end <= 4):
                continue
            if best is None or dist < best[0]:
                best = (dist, d)
        if best is None:
            return None, ""
        if best[1].value is None:
            return None, f"{YEAR_ONLY}: {best[1].text}"
        return best[1].value, f"{best[1].extra.get('kind')}: {best[1].text}"

    def _reported_on(self, d: Mention) -> bool:
        """The date follows a word of reporting within a couple of words."""
        return any(self.tokens[k].text in self.words["reporting_words"]
                   for k in range(max(self._sentence_start(), d.tok_start - 2), d.tok_start))

    def persons_of(self, sides: list[Side]) -> list[Person]:
        countries = {s.country for s in sides}
        if self._persons is None:  # the sentence's persons in order, each once
            self._persons = list({id(a.person): a.person for a in self.actors if a.person is not None}.values())
        # a person's state is read now: the visit builder may give one to an untitled official
        return [p for p in self._persons if p.country in countries]

    # --- builders ------------------------------------------------------------
    def build(self, t: Mention) -> list[Candidate]:
        kind = t.value
        parts = self.participants(t)
        sides = self.sides(parts)
        if kind == "VISIT":
            return self._visits(t, sides)
        if kind == "MIL_AID":
            return self._aid(t, parts, sides)
        return self._undirected(t, sides)

    def signed_at_meeting(self, t: Mention, found: list[Candidate]) -> list[Candidate]:
        """"اختتمت أعمال الحوار العسكري الجزائري-الأمريكي بالتوقيع على محضر": a signing that names
        no sides of its own closes the session the sentence tells, and its sides sign."""
        met = [c for c in found if c.type in ("MEET", "MIL_COOP")]
        if len({_pair(c) for c in met}) != 1:
            return []
        m = met[0]
        c = self._candidate(t, "SIGN", m.source, m.target, "the sides of the meeting in the sentence", 0.7)
        c.location_country, c.place, c.place_recalled = m.location_country, m.place, m.place_recalled
        c.place_how, c.place_span = m.place_how, m.place_span
        return [c]

    def _complete(self, t: Mention, sides: list[Side]) -> tuple[list[Side], str]:
        if len(sides) >= 2:
            host = self._exercise_host(t, sides)
            if host is not None:
                return sides + [host], "parties named in the sentence and the host of the place"
            return sides, "parties named in the sentence"
        have = {s.country for s in sides}
        extra: list[Side] = []
        anaphoric = self.definite(t)
        subject = self._elided_subject(t, sides)
        if subject is not None:
            return sides + [subject], _ELIDED
        if sides and not any(s.country in have for s in self.last_pair) and not anaphoric:
            pass  # the sentence is about someone else than the story so far
        elif self.by_phone and t.extra["trigger"].label in _MEETING_VERBS and not anaphoric:
            pass  # "تلقى اتصالا من الرئيس الفرنسي. والتقى الرئيس وفدا من شيوخ القبائل": no meeting by phone
        else:
            for side in self.last_pair:
                if side.country not in have:
                    extra.append(Side(side.country, side.sector, side.text, side.actor, "party named before"))
                    have.add(side.country)
        if len(sides) + len(extra) >= 2 and not self._protocol_reception(t, sides):
            return sides + extra, "parties from the sentences before"
        loc, _ = self.place()
        if loc and loc not in have and t.value in ("MEET", "SIGN", "MIL_COOP") and not self._own_envoy_there(loc, have):
            extra.append(Side(loc, "GOV", "", None, "host country of the place"))
            return sides + extra, "second party from the place"
        return sides, ""

    def _own_envoy_there(self, loc: str, have: set[str]) -> bool:
        """"وكان في استقباله سفير بلاده لدى مصر": the one who met him is his own state's envoy
        posted there, not an official of the state he is in."""
        return any(a.resident and a.host_country == loc and set(a.countries) <= have and a.countries
                   for a in self.actors)

    def _exercise_host(self, t: Mention, sides: list[Side]) -> Side | None:
        """"انطلق في حفر الباطن تمرين … بمشاركة قوات من مصر والسودان": the state an exercise is
        held in, named as its place in the sentence, takes part in it with its guests."""
        if t.value != "MIL_COOP":
            return None
        reading = self.place_reading()
        if reading.country is None or reading.how != PlaceHow.NAMED or self._placed_by_dateline() \
                or reading.country in {s.country for s in sides}:
            return None
        return Side(reading.country, "MIL", "", None, "host country of the place")

    def _elided_subject(self, t: Mention, sides: list[Side]) -> Side | None:
        """"… التقى الوزير السعودي الممثلة العليا … . كما التقى وزير خارجية بلجيكا": a verb with no
        subject before it and one party after it, its object, goes on with the subject of the
        sentence before, not with every state that sentence named."""
        if len(sides) != 1 or t.value not in ("MEET", "CALL") or t.extra["trigger"].label not in _SUBJECT_VERBS \
                or not self.last_pair or self.definite(t):
            return None
        only = sides[0]
        if only.actor is None or only.actor.tok_start < t.tok_end \
                or any(a.countries and a.tok_end <= t.tok_start for a in self.actors):
            return None
        first = self.last_pair[0]
        if first.country == only.country or first.actor is None or first.actor.kind not in _OFFICIAL_KINDS:
            return None
        return Side(first.country, first.sector, first.text, first.actor, "party named before")

    def _protocol_reception(self, t: Mention, sides: list[Side]) -> bool:
        """"وجرت له مراسم استقبال رسمية", "وكان في استقباله سفير بلاده": a reception that names no
        official of the other side is the protocol of an arrival, not a meeting of the two."""
        if t.value != "MEET" or t.extra["trigger"].label != "receive":
            return False
        if not _PRONOUN_END.search(t.text.rstrip()):
            return True  # "استقبل رئيس الوزراء …" with one side named: its guest is not the story's
        return not any(_official(s) and not (s.actor is not None and s.actor.resident) for s in sides)

    def definite(self, t: Mention) -> bool:
        """A trigger noun with the article ("اللقاء", "الاتفاقية") points back to an occasion
        the story has already introduced."""
        word = self.tokens[t.tok_start].text if t.tok_start < len(self.tokens) else ""
        if _MET_VERB.match(word):
            return False  # "التقى": a verb whose root begins with the article's letters
        return word.startswith(("ال", "وال", "بال", "لل", "خلال"))

    def _candidate(self, t: Mention, kind: str, a: Side, b: Side, rule: str, base: float) -> Candidate:
        date, how = self.date(t)
        c = Candidate(kind, a, b, self.s, t, date=date, date_how=how, rule=rule,
                      year_only=how.startswith(YEAR_ONLY))
        c.persons = self.persons_of([a, b])
        conf = base
        for side in (a, b):
            if side.actor is None or side.how in ("party named before", "home country", "host country of the place"):
                conf -= 0.12
            elif side.actor.person is not None:
                conf += 0.05
        if t.extra["trigger"].strength == "weak":
            conf -= 0.08
        if self.s.is_heading:
            conf -= 0.05
        c.confidence = max(0.05, min(0.97, conf))
        c.negotiation = t.extra["trigger"].role == "talks"
        return c

    def _undirected(self, t: Mention, sides: list[Side]) -> list[Candidate]:
        sides = self._between_parties(t, sides)
        sides, rule = self._complete(t, sides)
        if len(sides) < 2:
            return []
        if t.value == "MEET" and t.role == "talks" and not any(
                s.actor is not None and s.actor.kind in _OFFICIAL_KINDS for s in sides):
            return []  # "مباحثات حول تعاون عسكري مع روسيا": talks between states in general, no one met
        out = []
        reading = self.place_reading()
        recalled_only = all(s.how in _RECALLED_HOWS for s in sides)
        place_recalled = False
        story_pair = {p.country for p in self.last_pair}
        if self.last_place.country and (recalled_only or reading.country is None and (
                rule.startswith("parties from") or any(s.country in story_pair for s in sides))):
            # the meeting goes on where the story already is; a place in a sentence that names
            # none of the parties belongs to something else ("تشهد فيه مالي … العاصمة باماكو")
            last = self.last_place
            reading = PlaceReading(last.country, last.city, PlaceHow.RECALLED, last.span)
            place_recalled = True
        if reading.country is None and t.value == "MEET" and t.extra["trigger"].label in _IN_PERSON \
                and (home := self._outlet_official(sides)) is not None:
            # "التقى وزير الدفاع بوزير الدفاع اليمني": the outlet's own official, with no place
            # abroad named, met his guest at home
            reading = PlaceReading(home.country, None, PlaceHow.OUTLET_HOME, None)
        loc, place = reading.country, reading.city
        named = [s for s in sides if s.how not in _RECALLED_HOWS]
        recalled = [s for s in sides if s.how in _RECALLED_HOWS]
        host = self._host(t, sides) if len(sides) > 2 else None
        if host is not None:
            # "يستقبل الرئيس سفراء اليابان وكندا والبرازيل": the host meets each guest; the
            # guests, received one after another, do not meet each other.
            pairs = [(host, b) for b in sides if b is not host]
        elif (school := self._school_and_trainees(t, sides)) is not None:
            pairs = [(school, b) for b in sides if b is not school]  # "تخريج ضباط من فلسطين والبحرين"
        elif self._only_trainees(t, sides):
            pairs = []  # "تخرج دورة من الدارسين الوافدين من السودان وليبيا": their school's state is not named
        elif _SEPARATELY.search(self.seg) and len(sides) > 2:
            pairs = [(sides[0], b) for b in sides[1:]]  # "كلا على حدة": each guest met the host alone
        elif named and recalled:
            # The sentence names one side; the others come from the story so far: each of
            # them met the named side ("خلال لقاءاته مع رؤساء الدول الأربع"). A pronoun for one
            # person ("في استقباله") is the official told of, not every state listed with him.
            word = self.tokens[t.tok_start].text
            if _ONE_PERSON.search(word) and any(_official(r) for r in recalled):
                recalled = [r for r in recalled if _official(r)][:1]
            pairs = list(combinations(named[:_MAX_PARTIES], 2)) + [(a, b) for a in named for b in recalled]
        elif t.value in _STAR_TYPES - {"MIL_COOP"} and len(sides) > 2 and not _GROUP_CALL.search(self.seg) \
                and not self._listed_together(sides):
            # a call or a signing joins two unless the text says it joined more ("اتصال هاتفي
            # ثلاثي", "مذكرة تفاهم ثلاثية") or lists the states together: the first-named with each
            pairs = [(sides[0], b) for b in sides[1:_MAX_PARTIES]]
        else:
            pairs = list(combinations(sides[:_MAX_PARTIES], 2))
        if rule.startswith("parties from") and _MANY_TOLD.match(self.tokens[t.tok_start].text):
            # "وجرى خلال اللقاءين …": the meetings told, each with its own pair, not a new one
            # between every state they named
            pairs = [(a, b) for a, b in pairs if (t.value, *sorted((a.country, b.country))) in self.told]
        for a, b in pairs:
            c = self._candidate(t, t.value, a, b, rule, 0.75)
            if t.value != "CALL":
                c.location_country, c.place = loc, place
                c.place_how, c.place_span = reading.how, reading.span
                c.place_recalled = place_recalled
                if loc is None and t.role == "receive":
                    h = self._receiving(t, a, b)
                    c.location_country = h.country
                    c.place_how = PlaceHow.HOST_OF_RECEPTION
                    c.place_span = Span(h.actor.start, h.actor.end) if h.actor is not None else None
            out.append(c)
        told = place_recalled and self.definite(t) and any(
            ("MEET", *sorted((a.country, b.country))) in self.told for a, b in pairs)
        if t.value == "MEET" and len(sides) >= 2 and not told:
            # "في ختام اللقاء" recalls a meeting already told, with its visit
            out.extend(self._implied_visits(t, sides, loc, place))
        elif t.value in _ATTENDED and len(sides) >= 2 and loc is not None and not place_recalled:
            # Rule 3: an official who signs or takes part in an exercise in another state's
            # city is on a visit there; forces taking part are the exercise, not visitors.
            def attends(s: Side) -> bool:  # an official: named, titled, or the counterpart of one
                return s.actor is not None and (s.actor.person is not None or s.actor.office
                                                or s.actor.kind == "counterpart")

            attending = [s for s in sides if attends(s)]
            out.extend(self._implied_visits(t, attending + [s for s in sides if not attends(s) and
                                                            s.country == loc], loc, place))
        return out

    def _listed_together(self, sides: list[Side]) -> bool:
        """The states are one list joined by و ("رؤساء كينيا وأوغندا وتنزانيا"): named together."""
        actors = sorted((s.actor for s in sides if s.actor is not None), key=lambda a: a.tok_start)
        return len(actors) == len(sides) and all(
            b.tok_start - a.tok_end <= 1 and self.tokens[b.tok_start].text.startswith("و")
            for a, b in zip(actors, actors[1:], strict=False))

    def _between_parties(self, t: Mention, sides: list[Side]) -> list[Side]:
        """"شهد الرئيس توقيع اتفاق بين رواندا والكونغو": the states after بين are the parties of
        the signing; whoever witnessed it is not one."""
        if t.value not in _BETWEEN_TYPES:
            return sides
        end = self._sentence_end()
        at = next((k for k in range(t.tok_end, min(end, t.tok_end + 8)) if self.tokens[k].text == "بين"), None)
        if at is None:
            return sides
        named = sorted((s for s in sides if s.actor is not None and s.actor.tok_start > at
                        and s.actor.kind != "pair-ref"), key=lambda s: s.actor.tok_start)
        if len(named) < 2:
            return sides
        # "بين أمير قطر وولي عهد السعودية بناء على تنسيق من ترامب": the two joined by و after بين;
        # a state named further on did something else
        joined = [named[0]]
        for s in named[1:]:
            if s.actor.tok_start - joined[-1].actor.tok_end > 1 \
                    or not self.tokens[s.actor.tok_start].text.startswith("و"):
                break
            joined.append(s)
        return joined if len(joined) >= 2 else named

    def _sentence_start(self) -> int:
        """The index of the sentence's first token."""
        if self._tok_start is None:
            self._tok_start = bisect_left(self.tokens, self.s.nstart, key=lambda tok: tok.nstart)
        return self._tok_start

    def _sentence_end(self) -> int:
        """The index after the sentence's last token."""
        if self._tok_end is None:
            self._tok_end = bisect_left(self.tokens, self.s.nend, key=lambda tok: tok.nstart)
        return self._tok_end

    def _host(self, t: Mention, sides: list[Side]) -> Side | None:
        """The official who receives, when a receiving verb has one subject ("استقبل الوزير …"),
        or who meets a list of guests ("التقى الوزير بنظرائه من كينيا وغانا وأذربيجان")."""
        meets_guests = t.value == "MEET" and t.tok_end - t.tok_start == 1
        # "وقعت قطر اتفاقيات مع ألمانيا وإيطاليا": one signatory's agreements with each, not a
        # treaty among all; a state or a ministry signs as well as an official does
        signs_with = t.value in _STAR_TYPES
        if t.role != "receive" and not meets_guests and not signs_with:
            return None
        subject = self._subject_of(t, [s.actor for s in sides if s.actor is not None and (
            s.actor.kind in _OFFICIAL_KINDS or signs_with and len(s.actor.countries) == 1)])
        if subject is None:
            return None
        if t.role != "receive" and not self._guests_after(t, subject, sides):
            return None
        return next((s for s in sides if s.actor is subject), None)

    def _outlet_official(self, sides: list[Side]) -> Side | None:
        """The side that is an official of the outlet's own country, if one is."""
        home = self.doc.home_country
        return next((s for s in sides if home and s.country == home and _official(s)), None) \
            if home and any(s.country != home for s in sides) else None

    def _school_and_trainees(self, t: Mention, sides: list[Side]) -> Side | None:
        """A school's graduation or course with trainees of several states, listed after من: the
        school's state trains each of them; the trainees do not train each other."""
        if t.value != "MIL_COOP" or t.extra["trigger"].label not in _SCHOOLING or len(sides) < 3 \
                or any(s.actor is None for s in sides):
            return None
        ordered = sorted(sides, key=lambda s: s.actor.tok_start)
        school, trainees = ordered[0], ordered[1:]
        if school.actor.kind == "country" and self._after_from(school.actor.tok_start):
            return None  # "من السودان وليبيا وتشاد": the first trainee, not a school
        listed = self._after_from(trainees[0].actor.tok_start)
        return school if listed and trainees[0].actor.tok_start >= school.actor.tok_end else None

    def _after_from(self, k: int) -> bool:
        return k >= 1 and "من" in {self.tokens[j].text for j in range(max(0, k - 2), k)}

    def _only_trainees(self, t: Mention, sides: list[Side]) -> bool:
        """Every state named is one of the trainees listed after من: none trains another."""
        if t.value != "MIL_COOP" or t.extra["trigger"].label not in _SCHOOLING or len(sides) < 2 \
                or any(s.actor is None for s in sides):
            return False
        first = min(sides, key=lambda s: s.actor.tok_start).actor
        return first.kind == "country" and self._after_from(first.tok_start) and first.tok_start > t.tok_start

    def _receiving(self, t: Mention, a: Side, b: Side) -> Side:
        """Which of two sides received the other. "خلال استقباله وزير الدفاع الفرنسي": the
        pronoun is the host, so the official right after the verbal noun is the guest; otherwise
        the verb's subject receives ("استقبل الرئيس …")."""
        word = self.tokens[t.tok_end - 1].text
        right_after = next((s for s in (a, b) if s.actor is not None and 0 <= s.actor.tok_start - t.tok_end <= 1), None)
        if right_after is not None and self._welcomed_by(t):
            return right_after  # "وكان في استقباله قائد المنطقة": the one after welcomed him
        if right_after is not None and _PRONOUN_END.search(word):
            return b if right_after is a else a
        # the subject is read over every mention, not only the one chosen to stand for its state
        subject = self._subject_of(t, [m for m in self.actors if m.countries and m.kind != "nisba"])
        if subject is not None and subject.countries[0] == b.country:
            return b
        return a

    def _welcomed_by(self, t: Mention) -> bool:
        """"كان في استقباله …": the pronoun is the guest, and whoever is named next received him."""
        k = t.tok_start
        return k >= 2 and self.tokens[k - 1].text == "في" and self.tokens[k - 2].text in _WAS

    def _guests_after(self, t: Mention, subject: ActorMention, sides: list[Side]) -> bool:
        """Everyone else comes after the subject, introduced by ب, مع or كلا من ("التقى الوزير بـ …"),
        not joined to it by و as a second subject ("التقى الوزيران المصري واليمني")."""
        others = [s.actor for s in sides if s.actor is not None and s.actor is not subject]
        if not others or any(a.tok_start < subject.tok_end for a in others):
            return False
        first = min(a.tok_start for a in others)
        words = [self.tokens[k].text for k in range(subject.tok_end, first + 1)]
        if t.value == "MIL_COOP":
            # "نفذت القوات الأردنية تمرينا مع …": with each; "… بمشاركة وحدات من …": all together
            return "مع" in words
        return any(w in ("مع", "كلا", "كل") or w.startswith("ب") and len(w) > 2 for w in words) or (
            t.value == "CALL" and "من" in words)  # "تلقى اتصالات من قادة …"

    def _implied_visits(self, t: Mention, sides: list[Side], loc: str | None, place: str | None) -> list[Candidate]:
        """A foreign official received or met in the host's country is on a visit there."""
        host = loc
        if host is None and t.role == "receive":
            if len(sides) == 2:
                host = self._receiving(t, sides[0], sides[1]).country
            else:
                subject = self._subject_of(t, [s.actor for s in sides if s.actor is not None])
                host = subject.countries[0] if subject is not None else sides[0].country
        if host is None:
            return []
        # Met at a place neither side rules ("على هامش قمة الرياض", "في تركمانستان"): both
        # sides travelled there, provided the place is stated in this very sentence.
        third = host not in {s.country for s in sides}
        if third and (loc is None or self.place()[0] != host or self._placed_by_dateline()):
            return []  # "واشنطن / قنا / التقى وزير الخارجية الأردني نظيره العراقي": no one travelled
        if (t.role == "talks" or t.extra["trigger"].label == "discuss") and not self._stated_place(host):
            return []  # "بحث … خلال الاتصال": talking is not travelling, unless "في مسقط" says where
        if not (_VISIT_SIGNS.search(self.seg) or loc is not None or t.role == "receive"):
            return []
        out = []
        for side in sides:
            if side.country == host or side.actor is None or side.actor.resident:
                continue
            if side.actor.kind not in ("group", "person-ref", "counterpart") or self._at_own_seat(side, place):
                continue
            host_side = next((s for s in sides if s.country == host), Side(host, side.sector, "", None))
            c = self._candidate(t, "VISIT", side, host_side, _IMPLIED, 0.6)
            c.persons = self.persons_of([side])
            c.location_country, c.place = host, place if loc == host else None
            here = self.place_reading()
            c.place_how, c.place_span = (here.how, here.span) if here.country == host else \
                (PlaceHow.HOST_OF_RECEPTION, None)
            out.append(c)
        return out

    def _outlets_traveller(self, v: Side, host: str) -> Side:
        """"بكين (الأهرام) - تفقد وزير الدولة … خلال زيارته إلى الصين": an untitled official given
        the dateline's state as the outlet's, who travels to that very state, is the outlet's own."""
        home = self.doc.home_country
        if v.country == host and home and home != host and v.actor is not None \
                and v.actor.how == "home country of the outlet":
            return Side(home, v.sector, v.text, v.actor, "home country of the outlet (travelling abroad)")
        return v

    def _at_own_seat(self, side: Side, city: str | None) -> bool:
        """An organisation's official in the city of its headquarters is at home there."""
        return city is not None and city in self.finder.lex.org_seats.get(side.country, ())

    def _visits(self, t: Mention, sides: list[Side]) -> list[Candidate]:
        role = t.role
        if t.extra["trigger"].strength == "weak" and self._materiel_follows(t):
            return []  # "وصول 100 عربة مدرعة إلى لبنان" is a delivery, not a visit
        word = self.tokens[t.tok_start].text if t.tok_start < len(self.tokens) else ""
        # "عودتهم", "وصوله": the pronoun on the verb points back to a traveller named before it
        pronoun_word = bool(_PRONOUN_END.search(t.text.rstrip()))  # the written ة of "زيارة" is no pronoun
        pronoun = bool(_PRONOUN_END.search(word)) and any(
            a.kind in _OFFICIAL_KINDS and _traveller(a) and a.tok_end <= t.tok_start for a in self.actors)
        if t.extra["trigger"].strength == "weak" and not pronoun and not any(
                a.kind in _OFFICIAL_KINDS and _traveller(a) and self._beside(a, t) for a in self.actors):
            return []  # "الوصول إلى تسوية": arriving needs a traveller right by the verb
        dests: list[ActorMention] = []
        origin_from: list[ActorMention] = []
        for a in self.actors:
            if a.kind not in ("country", "city") or not a.countries or self._is_topic(a):
                continue
            if (a.preposition in self.words["origin_words"] or a.preposition.endswith("من")
                    or self._from_before(a)) and not self._each_of(a):
                origin_from.append(a)
            elif self._is_location(a) or (a.kind in ("country", "city") and a.tok_start >= t.tok_end):
                dests.append(a)
        if role == "return":
            dests = origin_from or [d for d in dests if d.tok_start > t.tok_end]
        if t.extra["trigger"].label in _LEAVING:
            # "غادر وزير الخارجية المصري القاهرة متوجها إلى …", "عاد … إلى المنامة بعد زيارة إلى
            # لندن": the traveller's own state is left or come back to, never visited
            subject = next((a for a in self.actors if a.kind in _OFFICIAL_KINDS and a.countries
                            and self._beside(a, t)), None)
            if subject is not None:
                dests = [d for d in dests if d.countries[0] not in subject.countries]
        visitors = [s for s in sides if not (s.actor is not None and s.actor.resident)]
        going_to = {d.countries[0] for d in dests}
        visitors = [self._outlets_traveller(v, v.country) if v.country in going_to else v for v in visitors]
        home = self.doc.home_country
        if home and not any(v.actor is not None and v.actor.kind in ("group", "person-ref") for v in visitors):
            # "وصل رئيس هيئة الأركان العامة إلى إسلام آباد" in a Saudi outlet: the untitled
            # traveller is the outlet's own official.
            bare = next((a for a in self.actors if a.kind == "group" and not a.countries and a.role
                         and not a.resident), None)
            if bare is not None:
                visitors.insert(0, Side(home, bare.sector or "GOV", bare.text, bare, "home country of the outlet"))
                if bare.person is not None and (bare.person.country is None or bare.person.how.endswith("(a guess)")):
                    bare.person.country, bare.person.how = home, "home country of the outlet"
        after = [d for d in dests if d.tok_start >= t.tok_start]
        before = [d for d in dests if d.tok_start < t.tok_start]
        ordered = after + before
        host_countries: list[str] = []
        places: dict[str, str | None] = {}
        dest_at: dict[str, int] = {}
        dest_span: dict[str, Span] = {}
        visitor_countries = {s.country for s in visitors if s.actor is not None and s.actor.kind != "country"}
        for d in ordered:
            c = d.countries[0]
            if c in visitor_countries and len(visitor_countries) == 1:
                continue
            if c not in host_countries:
                host_countries.append(c)
                places[c] = d.role if d.kind == "city" else None
                dest_at[c] = d.tok_end
                dest_span[c] = Span(d.start, d.end)
            elif d.kind == "city" and not places.get(c):
                places[c] = d.role
        tour = t.extra["trigger"].label == "tour" or len(host_countries) > 1 and "ثم" in self.seg
        if not tour:
            # "زار مصر والأردن", "زيارة إلى فيتنام ولاوس": states joined to the destination are
            # destinations too; a state named elsewhere in the sentence is something else
            host_countries = host_countries[:1] + self._joined_to(t, host_countries[:1], after, dest_at)
        if role != "return" and host_countries:
            # "وصل إلى الكويت قادما من البحرين": the stop before this one was a visit too
            for a in origin_from:
                c = a.countries[0]
                if self._came_from(a) and c not in host_countries and c not in visitor_countries:
                    host_countries.append(c)
                    places[c] = a.role if a.kind == "city" else None
        relative = self._relative_subject(t, sides)
        if relative is not None and not any(d.tok_start - t.tok_end <= 2 for d in after):
            host_countries = []  # "… الذي يزور المملكة": the antecedent visits; a place further on is another matter
            visitors = [relative]
        home = self.doc.home_country
        if not host_countries and home and self._to_the_country(t) \
                and any(v.country != home and v.actor is not None and v.actor.kind in _OFFICIAL_KINDS
                        for v in visitors):
            # "الذي يزور البلاد حاليا": in an outlet's copy, "البلاد" is its own state
            host_countries = [home]
            places[home] = None
        if not host_countries and t.extra["trigger"].label in _NEEDS_DESTINATION:
            return []  # "وصول القادة إلى قاعة الاجتماع": arriving somewhere that is no state
        if not host_countries:
            # No destination named: the other party hosts ("استقبله"، "بحث مع الجانب …").
            if len(sides) >= 2:
                visitor, host = sides[0], sides[1]
                if relative is not None:
                    visitor = relative
                    host = next(s for s in sides if s.country != relative.country)
                elif (visitor.country, host.country) in self.reversed_visits:
                    visitor, host = host, visitor  # the story already told this visit the other way round
                elif (host.country, visitor.country) in self.reversed_visits:
                    pass  # "وخلال الزيارة، التقى …": the visit the story told, this way round
                elif not _official(visitor) and _official(host) or _stays(visitor) and not _stays(host):
                    # a place, a state or a body ("كلية القيادة والأركان") does not travel; an official does
                    visitor, host = host, visitor
                elif _delegation(host) and not _delegation(visitor):
                    visitor, host = host, visitor  # "زيارة الوفد التركي": a delegation is who travels
                elif self.doc.home_country == visitor.country and host.country != visitor.country \
                        and _official(host) and not _stays(host):
                    visitor, host = host, visitor
                # an ambassador moving about the state he is posted to makes no visit
                host_countries = [] if visitor.actor is not None and visitor.actor.resident else [host.country]
                places[host.country] = None
                visitors = [visitor]
            elif len(sides) == 1 and self.last_pair:
                other = [p for p in self.last_pair if p.country != sides[0].country]
                if other and (sides[0].country, other[0].country) in self.reversed_visits and self.definite(t):
                    # "وخلال الزيارة، التقى رئيس الأركان التركي": the one named hosted the visit told
                    visitors, host_countries = [other[0]], [sides[0].country]
                    places[sides[0].country] = None
                elif other:
                    host_countries = [other[0].country]
                    places[other[0].country] = None
        out = []
        host_countries = [h for h in host_countries if len(h) == 3 and h not in _ORG_CODES]
        if not tour and self.definite(t) and not any(_official(v) for v in visitors):
            return []  # "وتأتي الزيارة بعد …": the visit told already; the states here are others
        if tour and not any(_official(v) for v in visitors):
            # "وتأتي الزيارة بعد جولة شملت الأردن وإثيوبيا": the stops are hosts; the traveller is
            # the one whose visit the story told, if it told one
            travellers = {v for _, v in self.reversed_visits}
            visitors = [Side(travellers.pop(), "GOV", "", None, "the traveller the story told of")] \
                if len(travellers) == 1 else []
        for host in host_countries:
            # ("زار الوفد كلا من الأردن ولبنان": a state listed among the destinations is no visitor)
            vs = [v for v in visitors if v.country != host and (v.actor is None or v.actor.kind != "nisba")
                  and not (v.actor is not None and v.actor.kind == "country" and v.country in host_countries)
                  and not self._at_own_seat(v, places.get(host))]
            if not vs:
                continue
            # An official (a title or a named person) travels; a country or capital is the host.
            # An official travels, a body ("كلية القيادة والأركان") does not; among officials the
            # one right by the visit noun or verb ("زيارة وزير الخارجية التنزاني"); then a state.
            # ("وصوله", "زيارته": the pronoun points back to a traveller named before)
            v = min(vs, key=lambda v: (0 if v.actor is not None and v.actor.kind in _OFFICIAL_KINDS else 1,
                                       0 if v.actor is not None and _traveller(v.actor) else 1,
                                       0 if v.actor is not None and not pronoun_word and self._beside(v.actor, t)
                                       else 1))
            host_side = next((s for s in sides if s.country == host), None)
            target = host_side or Side(host, v.sector, "", None, "destination named")
            c = self._candidate(t, "VISIT", v, target, "visitor travels to the host's country", 0.78)
            c.persons = self.persons_of([v])
            if host_side is None:
                c.confidence += 0.1  # the destination is explicit; a missing host official is no doubt
            c.location_country, c.place = host, places.get(host) or self._city_in(host)
            c.place_how = PlaceHow.DESTINATION if host in dest_span else PlaceHow.HOST_OF_RECEPTION
            c.place_span = dest_span.get(host)
            if tour and dest_at.get(host) is not None:
                own = self._date_after(dest_at[host])
                if own:
                    c.date, c.date_how = own
            out.append(c)
        return out

    def _to_the_country(self, t: Mention) -> bool:
        """"زار البلاد", "يزور البلاد", "وصل الوزير الهندي إلى البلاد": the visit goes to "the
        country", right after the trigger or its subject."""
        subject = {k for a in self.actors for k in range(a.tok_start, a.tok_end)}
        for k in range(t.tok_end, min(t.tok_end + _SUBJECT_REACH, len(self.tokens))):
            word = self.tokens[k].text
            if self.tokens[k].sentence != self.s.index:
                return False
            if word in _THE_COUNTRY:
                return True
            if k not in subject and word not in ("الي", "ارض"):
                return False
        return False

    def _city_in(self, country: str) -> str | None:
        """The one city of `country` the sentence names ("غادر مطار القاهرة … بعد زيارة لمصر")."""
        cities = {a.role for a in self.actors if a.kind == "city" and a.country == country and a.role}
        return cities.pop() if len(cities) == 1 else None

    def _stated_place(self, country: str) -> bool:
        """The sentence says the occasion took place in `country`; an agency's dateline
        ("عمان (بترا) -") says where the story was filed, not where anyone went."""
        return any(a.countries == [country] and a.how != DATELINE for a in self.locations())

    def _came_from(self, a: ActorMention) -> bool:
        """"قادما من البحرين": where a traveller came from on his way here."""
        k = a.tok_start - 2
        return k >= 0 and self.tokens[k + 1].text == "من" and self.tokens[k].text in _COMING

    def _joined_to(self, t: Mention, first: list[str], after: list[ActorMention],
                   dest_at: dict[str, int]) -> list[str]:
        """The states listed right after the first destination, joined to it by و, when that one
        is where the trigger goes ("إلى فيتنام ولاوس", "زار مصر والأردن"), not a state talked of."""
        head = next((d for d in after if first and d.countries[0] == first[0]), None)
        if head is None or first[0] not in dest_at or head.tok_start < t.tok_end:
            return []
        # the object of the verb: nothing but its subject's words between ("زار الوزير التركي مصر")
        subject = {k for a in self.actors if a is not head for k in range(a.tok_start, a.tok_end)}
        if not self._is_location(head) and not self._each_of(head) \
                and not all(k in subject for k in range(t.tok_end, head.tok_start)):
            return []
        end, out = dest_at[first[0]], []
        for d in after:
            if d.tok_start < end:
                continue
            capital = d.kind == "city" and self.finder.lex.capitals.get(d.country) == d.role  # "بيروت ودمشق"
            if d.tok_start != end or not self.tokens[d.tok_start].text.startswith("و") \
                    or not (d.kind == "country" or capital):
                break
            if d.countries[0] not in first and d.countries[0] not in out:
                out.append(d.countries[0])
            end = d.tok_end
        return out

    def _each_of(self, a: ActorMention) -> bool:
        """"شملت كلا من مالي والنيجر": من after كل/كلا lists, it does not say where from."""
        k = a.tok_start - 2
        return k >= 0 and self.tokens[k].text in ("كل", "كلا", "لكل") and self.tokens[k + 1].text == "من"

    def _from_before(self, a: ActorMention) -> bool:
        """"… من مدينة أنقرة": من two words back, with only a place word between."""
        k = a.tok_start
        return k >= 2 and self.tokens[k - 2].text == "من" and self.tokens[k - 1].text in (
            "مدينه", "العاصمه", "ميناء", "مطار")

    def _beside(self, a: ActorMention, t: Mention) -> bool:
        """The actor is the verb's subject: within three words of it, with no punctuation between,
        or after it past a place and a day only ("عاد إلى العاصمة عدن، اليوم الثلاثاء، وزير الدفاع")."""
        if a.tok_start > t.tok_end and self._only_where_and_when(t.tok_end, a.tok_start):
            return True
        if 0 <= a.tok_start - t.tok_end <= 3:
            lo, hi = t.tok_end, a.tok_start
        elif 0 <= t.tok_start - a.tok_end <= 3:
            lo, hi = a.tok_end, t.tok_start
        else:
            return False
        start = self.tokens[lo - 1].nend if lo > 0 else 0
        end = self.tokens[hi].nstart if hi < len(self.tokens) else start
        return not re.search(r"[,.;:()]", self.norm_text[start:end])

    def _only_where_and_when(self, lo: int, hi: int) -> bool:
        """Tokens lo..hi are a place and a day, with their prepositions, and nothing else."""
        if hi - lo > _WHERE_WHEN_WORDS:
            return False
        said = {k for b in self.actors if b.kind in ("city", "country")
                for k in range(b.tok_start, b.tok_end)}
        said |= {k for d in self.dates for k in range(d.tok_start, d.tok_end)}
        return all(k in said or self.tokens[k].text in _PLACE_WORDS for k in range(lo, hi)) \
            and not re.search(r"[.;:()]", self.norm_text[self.tokens[lo].nstart:self.tokens[hi].nstart])

    def _on_materiel(self, a: ActorMention, t: Mention) -> bool:
        """The adjective qualifies materiel or the gift ("مسيرات إيرانية الصنع", "هبة بريطانية",
        "طائرات من طراز تي-50 الكورية"), not a receiving body ("للجيش الوطني الصومالي")."""
        rx = self.finder.lex.support.get("materiel")
        if rx is None:
            return False
        owned = {k for b in self.actors if b is not a for k in range(b.tok_start, b.tok_end)}
        for k in range(a.tok_start - 1, max(self._sentence_start(), a.tok_start - _MATERIEL_REACH) - 1, -1):
            word = self.tokens[k].text
            if k in owned or word.startswith(("ل", "الي")) or CLAUSE_MARKS.search(word):
                return False  # another party, or the goods' recipient, comes between
            if (t.role == "gift" and t.tok_start <= k < t.tok_end) or rx.search(word) \
                    or any(g.fullmatch(word) for g in self.finder.gift_nouns):
                return True
        return False

    def _materiel_near(self, t: Mention) -> bool:
        """Materiel named as what arrived: within six words after the verb or two before it."""
        rx = self.finder.lex.support.get("materiel")
        if rx is None:
            return False
        lo, hi = max(0, t.tok_start - 2), min(len(self.tokens), t.tok_end + 6)
        window = " ".join(tok.text for tok in self.tokens[lo:hi] if tok.sentence == self.s.index)
        return bool(rx.search(window))

    def _materiel_follows(self, t: Mention) -> bool:
        rx = self.finder.lex.support.get("materiel")
        if rx is None:
            return False
        end = min(len(self.tokens), t.tok_end + 4)
        window = " ".join(tok.text for tok in self.tokens[t.tok_end:end] if tok.sentence == self.s.index)
        return bool(rx.search(window))

    def _relative_subject(self, t: Mention, sides: list[Side]) -> Side | None:
        """The antecedent of "الذي يزور" / "التي تزور": the official named just before."""
        if t.tok_start == 0 or self.tokens[t.tok_start - 1].text not in ("الذي", "التي", "اللذين", "الذين"):
            return None
        before = [s for s in sides if s.actor is not None and s.actor.tok_end <= t.tok_start
                  and s.actor.kind in ("group", "person-ref", "counterpart")]
        if not before:
            return None
        return max(before, key=lambda s: s.actor.tok_end)

    def _date_after(self, tok: int) -> tuple[str, str] | None:
        """The date written right after a tour stop ("… للسعودية في فبراير 2020، ثم تونس …")."""
        for d in self.dates:
            if d.value and not d.extra.get("future") and 0 <= d.tok_start - tok <= 4:
                return d.value, f"{d.extra.get('kind')}: {d.text}"
        return None

    def _from_someone(self, t: Mention) -> bool:
        """"تسلم … من الجانب الأمريكي", "من قبل الحكومة": من after the verb names who gave; "من
        المدرعات" (some of the vehicles) or "من الجنود" in a second clause does not."""
        starts = {a.tok_start for a in self.actors if a.countries or a.kind in _OFFICIAL_KINDS}
        return any(self.tokens[k].text == "من" and (k + 1 in starts or k + 1 < len(self.tokens)
                                                    and self.tokens[k + 1].text in _GIVER_WORDS)
                   for k in range(t.tok_end, self._sentence_end() - 1))

    def _masculine_subject(self, t: Mention, parts: list[ActorMention]) -> bool:
        """"تسلم" with a masculine subject is the past "تسلَّم" (received): "she hands over" would
        need a feminine one ("تسلم القوات …"). "إنه تسلم", "تسلم الجيش": received."""
        if t.tok_start > 0 and self.tokens[t.tok_start - 1].text in _HE_THAT:
            return True
        subject = self._subject_of(t, parts)
        if subject is None or subject.kind not in _OFFICIAL_KINDS:
            return False
        head = strip_article(self.tokens[subject.tok_start].text.lstrip("وف"))
        return not head.endswith(("ه", "ات"))

    def _own_state_subject(self, t: Mention, parts: list[ActorMention]) -> ActorMention | None:
        """"أكد الوزير الأمريكي أن بلاده سلمت أوكرانيا …": "بلاده" before the verb is the state of
        the official named before it."""
        k = t.tok_start - 1
        if k < self._sentence_start() or self.tokens[k].text not in _OWN_STATE:
            return None
        return next((a for a in reversed(self.actors) if a.countries and a.tok_end <= k
                     and a.kind in _OFFICIAL_KINDS), None)

    def _subject_of(self, t: Mention, parts: list[ActorMention]) -> ActorMention | None:
        """The participant right before a verb (SVO) or right after it (VSO)."""
        # "بيروت - قدمت فرنسا …": the city a story is filed from heads it and acts in nothing
        parts = [a for a in parts if a.how != DATELINE]
        before = [a for a in parts if a.countries and 0 <= t.tok_start - a.tok_end <= 1]
        if before:
            return before[-1]
        after = [a for a in parts if a.countries and 0 <= a.tok_start - t.tok_end <= 1]
        return after[0] if after else None

    def _aid(self, t: Mention, parts: list[ActorMention], sides: list[Side]) -> list[Candidate]:
        def side_of(a: ActorMention) -> Side:
            return next(s for s in sides if s.country == a.countries[0])

        # Prepositions are read on every mention, not only on the one chosen to stand for a state.
        givers = [side_of(a) for a in parts if a.countries and a.preposition in self.words["origin_words"]]
        receivers = [side_of(a) for a in parts if a.countries and a.preposition in ("الي", "ل")]
        if t.role == "arrive":
            givers = [g for g in givers if g not in receivers]
        sides2, rule = self._complete(t, sides)
        if len(sides2) < 2:
            return []
        word = self.tokens[t.tok_start].text if t.tok_start < len(self.tokens) else ""
        # "تسلّم" is both "received" and "hands over": with "من" after it, it received.
        receiver_subject = bool(_RECEIVER_VERBS.match(word)) and (
            bool(givers) or self._from_someone(t) or not _AMBIGUOUS_RECEIVE.match(word)
            or self._masculine_subject(t, parts))
        # "المسيرات الإيرانية", "مقاتلات روسية": the maker's nationality on the materiel names the giver
        origin = [s for s in sides if s.actor is not None and s.actor.kind == "nisba" and self._on_materiel(s.actor, t)]
        if origin and not givers:
            givers = origin[:1]
        if givers:
            giver = givers[0]
            # "هبة من الصين وأخرى من بريطانيا": a giver is never the receiver
            giving = {g.country for g in givers}
            receiver = next((s for s in sides2 if s.country not in giving), None)
        elif receivers:
            receiver = receivers[0]
            giver = next((s for s in sides2 if s.country != receiver.country), None)
        elif receiver_subject:
            receiver, giver = sides2[0], sides2[1]
        elif (subject := self._own_state_subject(t, parts) or self._subject_of(t, parts)) is not None \
                and len(sides2) == 2:
            # "بكين سلّمت صربيا …" / "سلّمت الصين صربيا …": the subject of a giving verb gives
            subject_side = next((s for s in sides2 if s.country == subject.countries[0]), None)
            other = next((s for s in sides2 if s.country != subject.countries[0]), None)
            if _RECEIVER_VERBS.match(word) and not _AMBIGUOUS_RECEIVE.match(word):
                receiver, giver = subject_side, other
            else:
                giver, receiver = subject_side, other
        else:
            mil = [s for s in sides2 if s.sector in ("MIL", "SEC") and s.actor is not None
                   and s.actor.kind == "group" and set(s.actor.heads) & self.words["recipient_bodies"]]
            if mil and len(mil) < len(sides2):
                receiver = mil[0]
                giver = next(s for s in sides2 if s.country != receiver.country)
            else:
                giver, receiver = sides2[0], sides2[1]
                if (receiver.country, giver.country) in self.aid_told:
                    # "بمناسبة تسلّم الزوارق": nothing here says who gave; the story already did
                    giver, receiver = receiver, giver
        if giver is None or receiver is None:
            return []
        if rule.startswith("parties from") and (receiver.country, giver.country) in self.aid_told \
                and (giver.country, receiver.country) not in self.aid_told:
            # "وقال مسؤول في وزارة الدفاع الصومالية إن الشحنة تتضمن …": the shipment the story
            # told, one side named again, still goes the way it was told
            giver, receiver = receiver, giver
        if t.role == "arrive" and not self._materiel_near(t):
            return []  # "وصلت إليه البحرية", "وصول السفينة": something arrives, not a delivery
        c = self._candidate(t, "MIL_AID", giver, receiver, rule or "materiel handed over", 0.72)
        here = self.place_reading(prefer={receiver.country})
        c.location_country = here.country or receiver.country
        c.place = here.city
        c.place_how, c.place_span = (here.how, here.span) if here.country else (PlaceHow.RECEIVER, None)
        return [c]
