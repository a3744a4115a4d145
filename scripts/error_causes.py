"""Why events are missed or spurious: every scoring error on the dev set, put down to one cause.

usage: python scripts/error_causes.py [GOLD.jsonl] [--details]

Events are matched exactly as ``../shared/eval/score.py`` matches them (its functions are
imported from the file). Each gold event left unmatched (missed) and each predicted event
left unmatched (spurious) gets the first cause that fits, compared with the other errors of
its document: a missed VISIT A→B beside a spurious VISIT B→A is a reversed direction, a
missed event beside a spurious one of the same type sharing one state is a wrong actor
country, and so on. Matched events with a wrong date or place are counted apart. Prints
Markdown for docs/quality.md; ``--details`` adds one line per error (document id, type,
states, cause) and no article text.

Without ``../shared`` beside the project there is nothing to measure: exit 0 with a note.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from devset import DEV_GOLD, SCORER, Scored, exit_if_absent, load_scorer, run

from rasad.extract.occasions import pair_key
from rasad.model import Event

# Cues in an event's own sentences that say it did not (yet) happen.
_UNREAL_CUES = frozenset({"plan", "denial", "hope_subject", "opinion"})

MISSED_CAUSES = (
    "direction reversed",
    "wrong type",
    "actor country wrong",
    "occasions merged",  # gold has more events of this type and pair than were predicted
    "fact taken for plan or denial",
    "trigger missed (the states are in another event)",
    "actor missed (trigger found, fewer than two states)",
    "weak trigger without support",
    "trigger or actor missed",
)
SPURIOUS_CAUSES = (
    "direction reversed",
    "wrong type",
    "actor country wrong",
    "occasion split",  # more events of this type and pair were predicted than gold has
    "plan taken for fact",
    "type not in gold for these states",
    "no gold event between these states",
    "article has no in-scope event",
)

Ev = dict[str, Any]


def _pair(scorer: ModuleType, e: Ev) -> frozenset[str]:
    return frozenset((scorer.country(e.get("source")), scorer.country(e.get("target"))))


def _ends(scorer: ModuleType, e: Ev) -> tuple[str, str]:
    return scorer.country(e.get("source")), scorer.country(e.get("target"))


class Doc:
    def __init__(self, scored: Scored, scorer: ModuleType) -> None:
        self.s = scored
        self.scorer = scorer
        matched_ids = {id(x) for pair in scored.matched for x in pair}
        self.missed = [g for g in scored.gold if id(g) not in matched_ids]
        self.spurious = [p for p in scored.pred if id(p) not in matched_ids and p.get("type") in scorer.TYPES]
        self.matched_keys = {scorer.key(p) for _, p in scored.matched}

    def _event(self, record: Ev) -> Event:
        return self.s.analysis.events[next(i for i, p in enumerate(self.s.pred) if p is record)]

    def _reversed(self, e: Ev, others: list[Ev]) -> bool:
        a, b = _ends(self.scorer, e)
        return e["type"] in self.scorer.DIRECTED and any(
            o["type"] == e["type"] and _ends(self.scorer, o) == (b, a) for o in others)

    def _wrong_type(self, e: Ev, others: list[Ev]) -> bool:
        return any(o["type"] != e["type"] and _pair(self.scorer, o) == _pair(self.scorer, e) for o in others)

    def _one_state_shared(self, e: Ev, others: list[Ev]) -> bool:
        pair = _pair(self.scorer, e)
        return any(o["type"] == e["type"] and len(_pair(self.scorer, o) & pair) == 1 for o in others)

    def missed_cause(self, g: Ev) -> str:
        sc, a = self.scorer, self.s.analysis
        if self._reversed(g, self.spurious):
            return "direction reversed"
        if self._wrong_type(g, self.spurious):
            return "wrong type"
        if self._one_state_shared(g, self.spurious):
            return "actor country wrong"
        if sc.key(g) in self.matched_keys:
            return "occasions merged"
        key = sc.key(g)
        for r in a.rejected:
            if r.reason.startswith(("plan", "future", "denied", "aim", "opinion", "a subject")) and any(
                    pair_key(*p) == pair_key(key[0], *_ends(sc, g)) for p in r.pairs):
                return "fact taken for plan or denial"
        if any(_pair(sc, p) == _pair(sc, g) for p in self.s.pred):
            return "trigger missed (the states are in another event)"
        if any(r.type == g["type"] and r.reason.startswith("fewer than two") for r in a.rejected):
            return "actor missed (trigger found, fewer than two states)"
        if any(r.type == g["type"] and r.reason.startswith("weak trigger") for r in a.rejected):
            return "weak trigger without support"
        return "trigger or actor missed"

    def spurious_cause(self, p: Ev) -> str:
        sc = self.scorer
        if self._reversed(p, self.missed):
            return "direction reversed"
        if self._wrong_type(p, self.missed):
            return "wrong type"
        if self._one_state_shared(p, self.missed):
            return "actor country wrong"
        if sc.key(p) in self.matched_keys:
            return "occasion split"
        if self._unreal(self._event(p)):
            return "plan taken for fact"
        if any(_pair(sc, g) == _pair(sc, p) for g in self.s.gold):
            return "type not in gold for these states"
        if not self.s.gold:
            return "article has no in-scope event"
        return "no gold event between these states"

    def _unreal(self, event: Event) -> bool:
        a = self.s.analysis
        spans = {(s.start, s.end) for s in event.evidence}
        sentences = {s.index for s in a.sentences if (s.start, s.end) in spans}
        if a.mentions is None:
            return False
        return any(c.sentence in sentences and c.value in _UNREAL_CUES for c in a.mentions.cues) or any(
            d.sentence in sentences and d.extra.get("future") for d in a.mentions.dates)

    def argument_errors(self) -> list[str]:
        out = []
        sc = self.scorer
        for g, p in self.s.matched:
            if g.get("date") and g["date"] != p.get("date"):
                out.append("date missing" if not p.get("date") else "date wrong")
            gl, pl = g.get("location") or {}, p.get("location") or {}
            # Country and city are scored apart, as score.py does: a wrong country with the
            # right city name cannot happen, but a right country with no city can.
            if gl.get("country") and sc.loc_country(g) != sc.loc_country(p):
                out.append("place: country wrong")
            if gl.get("place") and sc.norm_place(gl["place"]) != sc.norm_place(pl.get("place")):
                out.append("place: city missing" if not pl.get("place") else "place: city wrong")
        return out

    def argument_scored(self) -> Counter[str]:
        n: Counter[str] = Counter()
        for g, _ in self.s.matched:
            n["date"] += bool(g.get("date"))
            n["country"] += bool((g.get("location") or {}).get("country"))
            n["city"] += bool((g.get("location") or {}).get("place"))
        return n


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", type=Path, default=DEV_GOLD)
    ap.add_argument("--details", action="store_true", help="one line per error: document, type, states, cause")
    args = ap.parse_args(argv)
    exit_if_absent(args.gold, SCORER)
    scorer = load_scorer(SCORER)

    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    arguments: Counter[str] = Counter()
    scored: Counter[str] = Counter()
    details: list[str] = []
    n_gold = n_pred = n_matched = 0
    for s in run(args.gold, scorer):
        doc = Doc(s, scorer)
        n_gold += len(s.gold)
        n_pred += len([p for p in s.pred if p.get("type") in scorer.TYPES])
        n_matched += len(s.matched)
        for g in doc.missed:
            cause = doc.missed_cause(g)
            missed[cause] += 1
            details.append(f"{s.id}\tmissed\t{g['type']}\t{'->'.join(_ends(scorer, g))}\t{cause}")
        for p in doc.spurious:
            cause = doc.spurious_cause(p)
            spurious[cause] += 1
            details.append(f"{s.id}\tspurious\t{p['type']}\t{'->'.join(_ends(scorer, p))}\t{cause}")
        arguments.update(doc.argument_errors())
        scored.update(doc.argument_scored())

    print(f"Dev set: {n_gold} gold events, {n_pred} predicted, {n_matched} matched; "
          f"{sum(missed.values())} missed, {sum(spurious.values())} spurious.")
    print()
    print("| cause | missed | spurious | all |")
    print("|---|---|---|---|")
    # Every cause gets its row, zero or not, so that tables from two runs line up.
    for cause in dict.fromkeys((*MISSED_CAUSES, *SPURIOUS_CAUSES)):
        m = missed[cause] if cause in MISSED_CAUSES else "–"
        sp = spurious[cause] if cause in SPURIOUS_CAUSES else "–"
        print(f"| {cause} | {m} | {sp} | {missed[cause] + spurious[cause]} |")
    print(f"| **all** | {sum(missed.values())} | {sum(spurious.values())} | "
          f"{sum(missed.values()) + sum(spurious.values())} |")
    print()
    print("| matched events: argument | wrong | scored |")
    print("|---|---|---|")
    for name in ("date wrong", "date missing"):
        print(f"| {name} | {arguments[name]} | {scored['date']} |")
    print(f"| place: country wrong | {arguments['place: country wrong']} | {scored['country']} |")
    for name in ("place: city wrong", "place: city missing"):
        print(f"| {name} | {arguments[name]} | {scored['city']} |")
    if args.details:
        print()
        print("```")
        print("\n".join(details))
        print("```")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
