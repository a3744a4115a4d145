"""Content: what an agreement or activity covers, what was signed, and how the text
qualifies an occasion (the first of its kind, the visitor's rank, how long a visit lasts).

Read only from what the text states for this occasion: the clause of its trigger and the
sentences after it that go on describing it ("وتهدف الاتفاقية إلى …"). The cue words are
data (content.yaml); this module decides where to look.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rasad.extract.occasions import Occasion
from rasad.lexicon.load import ContentRules, Lexicon
from rasad.lexicon.starts import CodedPatterns
from rasad.model import CONTENT_TYPES, Cited, Content, Event, Mention, Sentence, Span, Token
from rasad.text.normalise import NormalisedText

_LOOK_AHEAD = 6  # sentences after an occasion that may go on describing it
_BETWEEN = 15  # sentences between two mentions of an occasion that may describe it
_BEFORE_TRIGGER = 8  # tokens before a signing verb that may name what was signed
_NUMBER_WORDS = {"يوم": 1, "يومين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
                 "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "اسبوع": 7, "اسبوعين": 14}
_DIGITS = re.compile(r"\d+")
_LIST_OPENERS = (":", "؛", ";")  # a sentence ending so introduces the list that follows
_LIST_ITEM = re.compile(r"(?:\d{1,2}[.)\-]|[-•*–])\s")  # "2. الصحة: …", "- التدريب": an item of a list
_NAMED_ACTIVITIES = frozenset({"exercise", "joint-training"})  # triggers that name what kind an activity is
_OTHER_CLAUSES = frozenset({"MEET", "CALL", "VISIT"})  # a trigger of these after a signing opens another clause
_COMMITTEES = frozenset({"joint-committee"})  # MIL_COOP labels of a committee that convenes
# fields a military committee's words name in passing ("الدراسات العسكرية", "الاقتصادي"), not its work
_CIVIL_AREAS = frozenset({"economic", "energy", "health", "culture", "education"})

# The visitor's role (titles.tsv role_en) read as a level, most senior first.
_LEVELS = (
    ("head_of_state", ("president", "king", "emir", "sultan", "head of state", "monarch", "crown prince",
                       "chairman of the sovereignty council", "president of the presidential council")),
    ("head_of_government", ("prime minister", "head of government")),
    ("chief_of_staff", ("chief of staff", "chief of the general staff", "chief of the defence staff",
                        "chiefs of staff", "army chief", "joint chiefs")),
    ("minister", ("minister",)),
    ("commander", ("commander",)),
    # a general officer named by rank alone leads forces, whatever his post
    ("commander", ("general", "field marshal", "admiral", "brigadier", "air marshal")),
)


@dataclass(frozen=True, slots=True)
class _Window:
    """Normalised character range to read cues in."""

    start: int
    end: int
    sentence: int


class _Hits:
    """The cue matches of one pattern set, found once per sentence and kept for the document:
    a story that repeats an occasion is read once, not once per repeat."""

    def __init__(self, patterns: CodedPatterns, text: str, sentences: list[Sentence]) -> None:
        self.patterns, self.text, self.sentences = patterns, text, sentences
        self._by_sentence: dict[int, tuple[list[int], list[tuple[str, int, int]]]] = {}

    def within(self, sentence: int, start: int, end: int) -> list[tuple[str, int, int]]:
        if sentence not in self._by_sentence:
            s = self.sentences[sentence]
            hits = longest_matches(self.patterns, self.text, s.nstart, s.nend)
            self._by_sentence[sentence] = ([h[1] for h in hits], hits)
        starts, hits = self._by_sentence[sentence]
        return [h for h in hits[bisect_left(starts, start):bisect_left(starts, end)] if h[2] <= end]


def _list_item(text: str, s: Sentence) -> bool:
    return _LIST_ITEM.match(text, s.nstart) is not None


class ContentReader:
    def __init__(self, lex: Lexicon) -> None:
        self.rules: ContentRules = lex.content
        self._exchange = lex.cues.get("mutual")  # "تبادل": visits exchanged as a practice

    def read(self, occasions: list[Occasion], events: list[Event], norm: NormalisedText,
             sentences: list[Sentence], tokens: list[Token], triggers: list[Mention]) -> list[Content]:
        """One Content per event; `events` are the records of `occasions`, in the same order."""
        # where another signing is told ("لتبادل المنح" in a list item tells none)
        sign_sentences = {t.sentence for t in triggers if t.value == "SIGN" and t.extra.get("supported", True)}
        # Where, in each sentence, a meeting, call or visit opens a clause of its own.
        self._clause_starts: dict[int, list[int]] = {}
        self._text = norm.text
        for t in triggers:
            # "محضر الاجتماع": a meeting named by the document signed is no clause of its own
            named_by_document = t.tok_start > 0 and any(
                m.end() == len(tokens[t.tok_start - 1].text)
                for _, m in self.rules.instruments.finditer(tokens[t.tok_start - 1].text))
            # "تبادل زيارات الوفود": exchanged visits are an item of what was agreed, not a clause
            exchanged = t.tok_start > 0 and self._exchange is not None \
                and self._exchange.fullmatch(tokens[t.tok_start - 1].text) is not None
            if t.value in _OTHER_CLAUSES and not named_by_document and not exchanged:
                self._clause_starts.setdefault(t.sentence, []).append(t.tok_start)
        for starts in self._clause_starts.values():
            starts.sort()
        # The kind the story gives its activity ("التدريب المشترك ميدوزا"), for the occasions it
        # then tells in plainer words ("والدول المشاركة بالتدريب").
        self._story_kinds = [(t, self.rules.activity_by_trigger[t.extra["trigger"].label]) for t in triggers
                             if t.value == "MIL_COOP" and t.extra.get("supported", True)
                             and t.extra["trigger"].label in _NAMED_ACTIVITIES]
        self._area_hits = _Hits(self.rules.areas, norm.text, sentences)
        self._instrument_hits = _Hits(self.rules.instruments, norm.text, sentences)
        self._qualifier_hits = _Hits(self.rules.qualifiers, norm.text, sentences)
        out = []
        for occ, event in zip(occasions, events, strict=True):
            windows = self._windows(occ, norm, sentences, tokens, triggers, sign_sentences)
            content = Content()
            if event.type == "MIL_COOP":
                content.areas = self._activity_areas(occ, norm, windows)
            elif event.type in CONTENT_TYPES:
                content.areas = self._areas(norm, windows)
            if event.type == "SIGN":
                content.instrument = self._instrument(occ, norm, sentences, tokens)
            content.first = self._first(norm, windows)
            if event.type == "VISIT":
                content.level = visit_level(event)
                content.duration_days, content.duration = self._duration(norm, windows)
            out.append(content)
        return out

    # --- where to look ---------------------------------------------------------
    def _windows(self, occ: Occasion, norm: NormalisedText, sentences: list[Sentence], tokens: list[Token],
                 triggers: list[Mention], sign_sentences: set[int]) -> list[_Window]:
        own = sorted({p.sentence.index for p in occ.parts})
        windows = [self._clause(p.trigger, p.sentence, tokens) for p in occ.parts]
        describes = self.rules.describes.get(occ.head.type)
        if describes is None:
            return windows
        # Sentences among and after its own that go on about this agreement or activity, up to
        # the next signing of another occasion.
        mine = set(own)
        # A few sentences after each of its own: repeats spread over a long story do not make
        # the whole story its description.
        reach = [min(len(sentences), p + 1 + _LOOK_AHEAD) for p in own]
        # between two of its own sentences no more than _BETWEEN apart, every sentence may describe it
        reach = [max(r, nxt) if nxt - p <= _BETWEEN else r for p, r, nxt in zip(own, reach, [*own[1:], -1],
                                                                                strict=True)]
        near = sorted({k for p, r in zip(own, reach, strict=True) for k in range(p + 1, r)} - mine)
        for k in near:
            s = sentences[k]
            if k in sign_sentences and occ.head.type == "SIGN" and k > own[-1]:
                break
            prev = sentences[k - 1]
            closing = norm.text[prev.nstart:s.nstart].rstrip()[-1:]  # the mark that ended the sentence before
            lead_in = bool(windows) and windows[-1].end >= prev.nend and closing in _LIST_OPENERS
            if lead_in or describes.search(norm.text, s.nstart, s.nend):
                windows.append(_Window(s.nstart, s.nend, k))
        # a numbered or bulleted list taken in goes on item by item, however long it is
        k = windows[-1].sentence + 1 if windows else len(sentences)
        while k < len(sentences) and _list_item(norm.text, sentences[k]) and _list_item(norm.text, sentences[k - 1]):
            if k not in mine:
                windows.append(_Window(sentences[k].nstart, sentences[k].nend, k))
            k += 1
        return windows

    def _clause(self, trigger: Mention, s: Sentence, tokens: list[Token]) -> _Window:
        """From a little before the trigger to the next trigger of another type in the sentence
        ("وقّعا مذكرة … كما بحثا …": the talks' topics are not the memorandum's)."""
        if trigger.value not in ("SIGN",):
            return _Window(s.nstart, s.nend, s.index)
        first = max(trigger.tok_start - _BEFORE_TRIGGER, 0)
        while first < trigger.tok_start and tokens[first].sentence != s.index:
            first += 1
        others = self._clause_starts.get(s.index, [])
        # "بحث … التعاون في مجالات الطاقة …، ثم وقع الجانبان مذكرة …": talks told before the
        # signing in the same sentence keep their topics
        start = tokens[first].nstart if first < len(tokens) else s.nstart
        k = bisect_right(others, trigger.tok_start - 1)
        if k > 0:  # start after the last comma between those talks and the signing, or at the verb
            between = self._text[tokens[others[k - 1]].nend:tokens[trigger.tok_start].nstart]
            comma = max(between.rfind(","), between.rfind("،"))
            start = max(start, tokens[others[k - 1]].nend + comma + 1 if comma >= 0
                        else tokens[trigger.tok_start].nstart)
        end = s.nend
        k = bisect_right(others, trigger.tok_end)
        # "ووقّع الجانبان في ختام المباحثات اتفاقية …": talks named between the verb and what was
        # signed only say when; the clause goes on to the document and what it is about
        after = tokens[trigger.tok_end].nstart if trigger.tok_end < len(tokens) else s.nend
        named = self._instrument_hits.within(s.index, after, s.nend)
        while named and k < len(others) and others[k] < len(tokens) and tokens[others[k]].nstart < named[0][1]:
            k += 1
        if k < len(others) and others[k] < len(tokens):
            end = min(end, tokens[others[k]].nstart)
        return _Window(max(start, s.nstart), end, s.index)

    # --- what is there -----------------------------------------------------------
    def _areas(self, norm: NormalisedText, windows: list[_Window]) -> list[Cited]:
        found: dict[str, Cited] = {}
        for w in windows:
            for code, start, end in self._area_hits.within(w.sentence, w.start, w.end):
                if code not in found:
                    found[code] = Cited(code, Span(*norm.to_original(start, end)))
        return list(found.values())

    def _activity_areas(self, occ: Occasion, norm: NormalisedText, windows: list[_Window]) -> list[Cited]:
        """An activity's kind from its trigger, then what the text says it covers. A joint
        committee's work is what it took up, in every field, like an agreement's."""
        if all(p.trigger.extra["trigger"].label in _COMMITTEES for p in occ.parts):
            return [c for c in self._areas(norm, windows) if c.value not in _CIVIL_AREAS]
        found: dict[str, Cited] = {}
        for p in occ.parts:
            kind = self.rules.activity_by_trigger.get(p.trigger.extra["trigger"].label)
            if kind and kind not in found:
                found[kind] = Cited(kind, Span(p.trigger.start, p.trigger.end))
        if not any(p.trigger.extra["trigger"].label in _NAMED_ACTIVITIES for p in occ.parts):
            first = min(p.sentence.index for p in occ.parts)
            named = [(t, k) for t, k in self._story_kinds if t.sentence <= first]
            if named:  # the exercise the story named before, told again in plainer words
                t, kind = named[-1]
                found.setdefault(kind, Cited(kind, Span(t.start, t.end)))
        for cited in self._areas(norm, windows):
            if cited.value in self.rules.activity_areas:
                found.setdefault(cited.value, cited)
        for area, covered in self.rules.absorbs.items():
            if area in found:
                found = {k: v for k, v in found.items() if k not in covered}
        return sorted(found.values(), key=lambda c: c.span.start)

    def _instrument(self, occ: Occasion, norm: NormalisedText, sentences: list[Sentence],
                    tokens: list[Token]) -> Cited | None:
        """The first document named after the signing verb; else the nearest before it."""
        for p in sorted(occ.parts, key=lambda p: p.sentence.index):
            trig_at = tokens[p.trigger.tok_start].nstart if p.trigger.tok_start < len(tokens) else p.sentence.nstart
            hits = self._instrument_hits.within(p.sentence.index, p.sentence.nstart, p.sentence.nend)
            after = [h for h in hits if h[1] >= trig_at]
            before = [h for h in hits if h[1] < trig_at and self._near(tokens, h[1], p.trigger.tok_start)]
            pick = after[0] if after else (before[-1] if before else None)
            if pick is not None:
                return Cited(pick[0], Span(*norm.to_original(pick[1], pick[2])))
        return None

    @staticmethod
    def _near(tokens: list[Token], nstart: int, trig_tok: int) -> bool:
        lo = max(trig_tok - _BEFORE_TRIGGER, 0)
        return any(tokens[k].nstart <= nstart < tokens[k].nend for k in range(lo, min(trig_tok, len(tokens))))

    def _first(self, norm: NormalisedText, windows: list[_Window]) -> Cited | None:
        for w in windows:
            for name, start, end in self._qualifier_hits.within(w.sentence, w.start, w.end):
                if name == "first":
                    return Cited("first", Span(*norm.to_original(start, end)))
        return None

    def _duration(self, norm: NormalisedText, windows: list[_Window]) -> tuple[int | None, Cited | None]:
        for w in windows:
            for name, start, end in self._qualifier_hits.within(w.sentence, w.start, w.end):
                days = duration_days(norm.text[start:end]) if name == "duration" else None
                if days:
                    return days, Cited(str(days), Span(*norm.to_original(start, end)))
        return None, None


def longest_matches(patterns: CodedPatterns, text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Matches of every code's pattern in text[start:end], overlaps resolved in favour of the
    longer one, in text order."""
    hits = [(code, m.start(), m.end()) for code, m in patterns.finditer(text, start, end)]
    hits.sort(key=lambda h: (h[1] - h[2], h[1]))
    kept: list[tuple[str, int, int]] = []
    taken: set[int] = set()  # characters inside a kept match
    for h in hits:
        if not any(c in taken for c in range(h[1], h[2])):
            kept.append(h)
            taken.update(range(h[1], h[2]))
    return sorted(kept, key=lambda h: h[1])


def duration_days(phrase: str) -> int | None:
    """Days in "تستغرق ثلاثة أيام", "لمدة 3 أيام", "تستمر يومين", "لمدة أسبوع"."""
    words = phrase.split()
    digits = _DIGITS.search(phrase)
    unit = 7 if any(w.startswith("اسبوع") for w in words[-1:]) else 1
    if digits:
        return int(digits.group()) * unit
    for w in reversed(words):
        bare = w.removeprefix("ال")
        if bare in _NUMBER_WORDS:
            n = _NUMBER_WORDS[bare]
            if bare in ("يوم", "اسبوع") and len(words) >= 2 and words[-2] in _NUMBER_WORDS:
                continue
            return n if bare in ("يومين", "اسبوعين", "يوم", "اسبوع") else n * unit
    return None


def visit_level(event: Event) -> str | None:
    """The rank of a visit, from the visitor's role, or a delegation."""
    src = event.source
    roles = [*src.offices, src.role or "", (src.person.role if src.person else None) or ""]
    for role in (r.lower() for r in roles if r):
        for level, keys in _LEVELS:
            if any(k in role for k in keys):
                return level
    if "وفد" in src.text:
        return "delegation"
    if src.person is not None or src.text:
        return "official"
    return None
