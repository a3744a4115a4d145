"""Whether an occasion happened: typed codes, and the cue rules that decide them.

The rules are data (``cue_rules`` in triggers.yaml): which cue, how far before and after the
trigger it reaches, which event types it applies to, and the status it gives. A few rules
also need a fact about the sentence that a window cannot state ("the trigger verb is in the
imperfect", "a contrast word stands between"): those facts are the named predicates below,
and the data refers to them by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from rasad.model import Mention, Token


class Status(StrEnum):
    """What the text says of an occasion."""

    HAPPENED = "happened"
    UNDER_WAY = "under_way"
    PLANNED = "planned"
    INVITED = "invited"
    DENIED = "denied"  # denied or called off
    REPORT_DENIED = "report_denied"  # a report the story itself denies
    GENERIC = "generic"  # habitual or general cooperation, no one occasion
    PURPOSE = "purpose"  # the aim of something else ("لإجراء تدريبات")
    TOPIC = "topic"  # a subject of talks
    OPINION = "opinion"
    COMMENT = "comment"  # a remark on an occasion told elsewhere, not a telling of it
    NOT_MILITARY = "not_military"  # relief carried by a force, or a shipment seized: no military aid
    RATIFIED = "ratified"  # instruments of ratification of an agreement signed before


# Statuses of a mention that refers to an occasion without telling it: such mentions join an
# occasion told elsewhere in the story and make one only when the story tells none of its type.
RECALLS = frozenset({Status.COMMENT})


class RejectKind(StrEnum):
    """Why a trigger gave no candidate."""

    CUE = "cue"  # a cue rule gave it a status other than happened
    WEAK_TRIGGER = "weak trigger"
    FEWER_THAN_TWO = "fewer than two states"


_CONTRAST = re.compile(r"^(?:واكتفي|واكتفت|اكتفي|لكن|ولكن|لكنه|لكنها|بينما|غير|بل|الا)$")


@dataclass(frozen=True, slots=True)
class Facts:
    """What the predicates may look at: the sentence's tokens and the story as a whole."""

    tokens: list[Token]
    story_denies: bool  # somewhere the story denies reports ("نفت الوزارة الأنباء …")
    cues: tuple[Mention, ...] = ()  # the sentence's cues


def _imperfect_trigger(cue: Mention, trigger: Mention, facts: Facts) -> bool:
    """"من المقرر أن يزور … ويوقع …": an imperfect verb after a plan word."""
    k = trigger.tok_start
    word = facts.tokens[k].text if k < len(facts.tokens) else ""
    return word.lstrip("وف").startswith("ي")


def _contrast_between(cue: Mention, trigger: Mention, facts: Facts) -> bool:
    """"ألغى زيارته … واكتفى باتصال": a contrast word ends what the denial covers."""
    lo, hi = sorted((cue.tok_end, trigger.tok_start))
    return any(_CONTRAST.match(tok.text) for tok in facts.tokens[lo:hi])


_REALIS_OPENERS = frozenset({"عقب", "اثر", "بعد", "اعقاب", "وعقب", "واثر", "وبعد"})


def _realis_clause_between(cue: Mention, trigger: Mention, facts: Facts) -> bool:
    """"من المنتظر أن يوقّعا غداً، عقب محادثات أجرياها أمس": a clause on what already happened
    ends what the plan word covers."""
    lo, hi = sorted((cue.tok_end, trigger.tok_start))
    return any(tok.text in _REALIS_OPENERS for tok in facts.tokens[lo:hi + 1])


# "ويختتم", "وسيلتقي", "ومن المقرر" (not "ويوم", "ويوليو", nor a name: "وترامب")
_NEW_CLAUSE = re.compile(r"^(?:(?:وي(?!وم|ونيو|وليو|ناير|وسف|حيي|اسر)|وسي|وست)[\u0621-\u064a]{3,}|ومن)$")


def _coordinated_clause_between(cue: Mention, trigger: Mention, facts: Facts) -> bool:
    """"وصل الرئيس أمس، ويختتم زيارته غدا": a later clause of its own, opened by و and an
    imperfect verb (or "ومن المقرر"), holds the plan word; what a finite verb told before it
    happened."""
    if cue.tok_start < trigger.tok_end or _imperfect_trigger(cue, trigger, facts):
        return False
    word = facts.tokens[trigger.tok_start].text.lstrip("وف")
    if word.startswith(("ت", "س", "ن")):
        return False  # "تزور", "ستصل": not a verb in the perfect
    return any(_NEW_CLAUSE.match(tok.text) for tok in facts.tokens[trigger.tok_end:cue.tok_start + 1])


def _purpose_between(cue: Mention, trigger: Mention, facts: Facts) -> bool:
    """"وقّعا مذكرة لإجراء تدريبات العام المقبل": the date belongs to the purpose, not the signing."""
    lo, hi = sorted((trigger.tok_end, cue.tok_start))
    return any(c.value == "purpose" and lo <= c.tok_start < hi for c in facts.cues)


_VERBAL_NOUNS = ("تسليم", "تزويد", "تقديم")  # aid's verbal nouns, whose labels hold verbs too
_NOUN_LABELS = frozenset({"gift", "signing"})  # labels whose patterns are all nouns ("هبة", "توقيع")
_NOUN_PREFIXES = ("وبال", "وال", "بال", "لل", "ال", "وب", "ول", "و", "ب", "ل")


def _verbal_noun_trigger(cue: Mention, trigger: Mention, facts: Facts) -> bool:
    """"بحث الوزيران إمكانية توقيع اتفاقية": the act named as a noun ("توقيع"), which a word of
    intent or discussion governs; a finite verb ("وقّعا") tells the act itself."""
    if trigger.extra["trigger"].label in _NOUN_LABELS:
        return True
    k = trigger.tok_start
    word = facts.tokens[k].text if k < len(facts.tokens) else ""
    for prefix in _NOUN_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 3:
            word = word[len(prefix):]
            break
    return word.startswith(_VERBAL_NOUNS)


def _story_denies(cue: Mention, trigger: Mention, facts: Facts) -> bool:
    return facts.story_denies


def _agency_before(cue: Mention, trigger: Mention, facts: Facts) -> bool:
    """"وكالة الأنباء": the agency, not a report."""
    k = cue.tok_start
    return k > 0 and facts.tokens[k - 1].text.endswith("وكاله")


Predicate = Callable[[Mention, Mention, Facts], bool]
PREDICATES: dict[str, Predicate] = {
    "imperfect_trigger": _imperfect_trigger,
    "contrast_between": _contrast_between,
    "realis_clause_between": _realis_clause_between,
    "purpose_between": _purpose_between,
    "coordinated_clause_between": _coordinated_clause_between,
    "story_denies": _story_denies,
    "verbal_noun_trigger": _verbal_noun_trigger,
    "agency_before": _agency_before,
}

FUTURE_DATE = "future_date"  # the cue name of a date the dates stage marks as future


@dataclass(frozen=True, slots=True)
class CueRule:
    """A cue within `before` tokens before the trigger's start, or `after` tokens after its
    end, gives the occasion `status` (`after` < 0: only cues before the trigger count)."""

    cue: str
    status: Status
    before: int
    after: int
    types: frozenset[str] | None = None  # event types it applies to; None: all
    except_labels: frozenset[str] = frozenset()  # trigger labels it does not apply to
    when: tuple[str, ...] = ()  # predicates that must hold
    unless: tuple[str, ...] = ()  # predicates that must not hold

    def reaches(self, cue: Mention, trigger: Mention) -> bool:
        if trigger.tok_start <= cue.tok_start and cue.tok_end < trigger.tok_end:
            return False  # a word of the trigger's own phrase ("برنامجا" in "برنامجا تدريبيا")
        if cue.tok_start <= trigger.tok_start:
            return trigger.tok_start - cue.tok_start <= self.before
        if self.after < 0:
            return False
        return cue.tok_start <= trigger.tok_end + self.after

    def applies(self, cue: Mention, trigger: Mention, label: str, facts: Facts) -> bool:
        if self.types is not None and trigger.value not in self.types:
            return False
        if label in self.except_labels or not self.reaches(cue, trigger):
            return False
        return all(PREDICATES[p](cue, trigger, facts) for p in self.when) and \
            not any(PREDICATES[p](cue, trigger, facts) for p in self.unless)


@dataclass(frozen=True, slots=True)
class Verdict:
    status: Status
    cue: Mention
    rule: CueRule


def judge(trigger: Mention, label: str, cues: list[Mention], dates: list[Mention], rules: list[CueRule],
          facts: Facts) -> Verdict | None:
    """The first rule, in the data's order, that a cue of the sentence satisfies; None: nothing
    says the occasion did not happen."""
    by_name: dict[str, list[Mention]] = {}
    for c in cues:
        by_name.setdefault(c.value or "", []).append(c)
    by_name[FUTURE_DATE] = [d for d in dates if d.extra.get("future")]
    for rule in rules:
        for cue in by_name.get(rule.cue, ()):
            if rule.applies(cue, trigger, label, facts):
                return Verdict(rule.status, cue, rule)
    return None


_SAYS = {
    Status.PLANNED: "plan or expectation", Status.INVITED: "an invitation, not a happening",
    Status.DENIED: "denied or called off", Status.REPORT_DENIED: "a report the story denies",
    Status.GENERIC: "general or habitual, not one occasion", Status.PURPOSE: "aim, not a happening",
    Status.TOPIC: "a subject of talks, not a happening", Status.OPINION: "opinion or proposal",
    Status.COMMENT: "a remark on an occasion told elsewhere",
    Status.NOT_MILITARY: "relief or a seized shipment, not military aid",
    Status.RATIFIED: "ratification of an agreement signed before, not a signing",
}


def describe(verdict: Verdict) -> str:
    """A line for people: what the status means and the words that gave it."""
    return f"{_SAYS.get(verdict.status, verdict.status.value)} ({verdict.cue.text})"
