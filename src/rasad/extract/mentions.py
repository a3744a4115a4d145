"""Mentions: lexicon phrases (countries, nationalities, cities, titles, bodies),
event triggers, cue words and dates, each tied to its tokens and sentence."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from rasad.extract.dates import DATELINE_END, find_dates
from rasad.lexicon.load import Lexicon, Trigger
from rasad.lexicon.matcher import Hit
from rasad.model import Mention, Sentence, Token
from rasad.text.normalise import NormalisedText

# When two phrases overlap, the longer wins; on equal length these kinds win first.
_KIND_RANK = {"office": 0, "rank": 1, "institution": 2, "org": 3, "country": 4, "nisba": 5,
              "city": 6, "modifier": 7, "honorific": 8}

LEXICAL_KINDS = frozenset(_KIND_RANK)
STORY_CUE = "denial"  # the one cue read in every sentence: it speaks for the whole story
# "الرياض 12 يونيو (واس) -", "القاهرة في 12 يونيو /أ ش أ/": a date among the first words of a
# sentence, closed by the agency's tag or a dash, dates the dispatch, not what it reports.
_DATELINE_WORDS = 3


@dataclass
class MentionLayer:
    lexical: list[Mention]  # non-overlapping phrase mentions, in text order
    by_token: dict[int, Mention]  # token index → the phrase mention starting there
    covered: set[int]  # token indices inside any phrase mention
    triggers: list[Mention]
    cues: list[Mention]
    dates: list[Mention]


def _choose(hits: list[Hit]) -> list[list[Hit]]:
    """Keep non-overlapping spans, longest first; alternatives on the same span stay together."""
    groups: dict[tuple[int, int], list[Hit]] = {}
    for h in hits:
        groups.setdefault((h.start, h.end), []).append(h)
    order = sorted(groups.items(), key=lambda kv: (-(kv[0][1] - kv[0][0]), kv[0][0],
                                                     min(_KIND_RANK.get(h.entry.kind, 9) for h in kv[1])))
    taken: set[int] = set()
    chosen: list[list[Hit]] = []
    for (start, end), alts in order:
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        alts.sort(key=lambda h: _KIND_RANK.get(h.entry.kind, 9))
        chosen.append(alts)
    chosen.sort(key=lambda alts: alts[0].start)
    return chosen


def _simile_place(h: Hit, words: list[str]) -> bool:
    """"كبيرة" is not ك + "بيرة" (Al-Bireh): a place does not take the particle ك ("like")."""
    word = words[h.start]
    return h.entry.kind == "city" and h.clitic and word.lstrip("وف").startswith("ك") \
        and not h.entry.key[0].startswith("ك")


_ARTICLE_FORMS = tuple(pre + art for pre in ("", "و", "ف", "ب", "ك", "وب", "فب", "وك") for art in ("ال",)) \
    + ("لل", "ولل", "فلل")


def _article_on_bare_name(h: Hit, words: list[str], adjectives: set[tuple[int, int]]) -> bool:
    """"ألباريس" is not Paris, nor "التركية" the state "تركية": a place named without the
    article does not take one, so a word that has it is something else. (Some papers write
    states with it, "التشاد": a state's name counts unless the word is also its adjective.)"""
    if h.entry.kind not in ("city", "country") or h.entry.phrase.startswith(("ال", "أل", "إل", "آل")):
        return False
    if h.entry.kind == "country" and (h.start, h.end) not in adjectives:
        return False
    word, key = words[h.start], h.entry.key[0]
    return any(word == form + key for form in _ARTICLE_FORMS)


@dataclass
class _SentenceScan:
    """Triggers and cues of one sentence."""

    s: Sentence
    seg: str  # the sentence's normalised text
    norm: NormalisedText
    tokens: list[Token]
    bounds: tuple[int, int]  # the sentence's tokens
    token_span: Callable[[int, int], tuple[int, int]]
    lex: Lexicon
    phrase_at: dict[int, Mention]  # token → the lexicon phrase covering it
    found: dict[int, list[int]] = field(init=False)  # trigger or cue pattern → where it may start

    def __post_init__(self) -> None:
        self.found = self.lex.trigger_and_cue_starts.starts(self.seg)

    def triggers(self) -> list[Mention]:
        seen: dict[str, bool] = {}  # support patterns already looked for in this sentence
        out = []
        index = self.lex.trigger_and_cue_starts
        for i, mt in index.matches(self.seg, self.found, range(len(self.lex.triggers))):
            m = self._trigger(self.lex.triggers[i], mt, seen)
            if m is not None:
                out.append(m)
        return out

    def _trigger(self, trig: Trigger, mt: re.Match[str], seen: dict[str, bool]) -> Mention | None:
        if trig.exclude is not None and trig.exclude.fullmatch(mt.group()):
            return None
        ns, ne = self.s.nstart + mt.start(), self.s.nstart + mt.end()
        ts, te = self.token_span(ns, ne)
        if trig.not_before is not None and te < self.bounds[1] and trig.not_before.fullmatch(self.tokens[te].text):
            return None
        if trig.support_window:
            lo = self._reach(ts, -1, trig.support_window)
            hi = self._reach(te - 1, 1, trig.support_window) + 1
            window = self.norm.text[self.tokens[lo].nstart:self.tokens[hi - 1].nend] if hi > lo else ""
            supported = self.lex.supported(trig, window)
        else:
            supported = self.lex.supported(trig, self.seg, seen)
        os_, oe = self.norm.to_original(ns, ne)
        return Mention("trigger", os_, oe, self.s.index, self.norm.original[os_:oe], ts, te,
                       value=trig.type, role=trig.role,
                       extra={"trigger": trig, "nstart": ns, "nend": ne, "supported": supported})

    def _reach(self, k: int, step: int, words: int) -> int:
        """The token `words` words away from token k (step -1: before it, 1: after it), within
        the sentence; a title, body or state named on the way counts as one word, so that a long
        official title ("الفريق أول … القائد العام للقوات المسلحة وزير الدفاع") does not push
        what the trigger needs out of reach."""
        lo, hi = self.bounds
        counted = 0
        while lo <= k + step < hi and counted < words:
            k += step
            m = self.phrase_at.get(k)
            if m is not None:  # a phrase of the lexicon: jump over it whole
                k = m.tok_end - 1 if step > 0 else m.tok_start
            counted += 1
        return k

    def cues(self, only: str | None = None) -> list[Mention]:
        """The cue words of the sentence; `only`: that cue alone."""
        names = list(self.lex.cues)
        first = len(self.lex.triggers)  # cues follow the triggers in the index
        among = range(first, first + len(names)) if only is None else range(first + names.index(only),
                                                                             first + names.index(only) + 1)
        out = []
        for i, mt in self.lex.trigger_and_cue_starts.matches(self.seg, self.found, among):
            ns, ne = self.s.nstart + mt.start(), self.s.nstart + mt.end()
            ts, te = self.token_span(ns, ne)
            os_, oe = self.norm.to_original(ns, ne)
            out.append(Mention("cue", os_, oe, self.s.index, self.norm.original[os_:oe], ts, te,
                               value=names[i - first]))
        return out


def find_mentions(norm: NormalisedText, sentences: list[Sentence], tokens: list[Token],
                  lex: Lexicon, published) -> MentionLayer:
    words = [t.text for t in tokens]
    bounds: list[tuple[int, int]] = []
    i = 0
    for s in sentences:
        start = i
        while i < len(tokens) and tokens[i].sentence == s.index:
            i += 1
        bounds.append((start, i))

    lexical: list[Mention] = []
    by_token: dict[int, Mention] = {}
    covered: set[int] = set()
    hits = lex.matcher.find_all(words, bounds)
    adjectives = {(h.start, h.end) for h in hits if h.entry.kind == "nisba"}
    hits = [h for h in hits if not _simile_place(h, words) and not _article_on_bare_name(h, words, adjectives)]
    for alts in _choose(hits):
        h = alts[0]
        first, last = tokens[h.start], tokens[h.end - 1]
        ostart, oend = norm.to_original(first.nstart, last.nend)
        data = h.entry.data
        m = Mention(kind=h.entry.kind, start=ostart, end=oend, sentence=first.sentence,
                    text=norm.original[ostart:oend], tok_start=h.start, tok_end=h.end,
                    country=data.get("country"), sector=data.get("sector"), role=data.get("role"),
                    value=data.get("name_en"),
                    extra={"clitic": h.clitic, "alts": [a.entry for a in alts[1:]],
                           "entry": h.entry})
        lexical.append(m)
        by_token[h.start] = m
        covered.update(range(h.start, h.end))

    phrase_at = {k: m for m in lexical for k in range(m.tok_start, m.tok_end)}
    starts = [t.nstart for t in tokens]
    ends = [t.nend for t in tokens]

    def token_span(nstart: int, nend: int) -> tuple[int, int]:
        return bisect_right(ends, nstart), max(bisect_left(starts, nend), bisect_right(ends, nstart) + 1)

    text = norm.text
    triggers: list[Mention] = []
    cues: list[Mention] = []
    for s in sentences:
        scan = _SentenceScan(s, text[s.nstart:s.nend], norm, tokens, bounds[s.index], token_span, lex, phrase_at)
        found = scan.triggers()
        triggers.extend(found)
        # Cues qualify the triggers of their own sentence; elsewhere only a denial counts, for
        # the whole story ("نفت الوزارة الأنباء …"), so the other cue patterns are not run there.
        cues.extend(scan.cues() if found else scan.cues(only=STORY_CUE))
    triggers.sort(key=lambda m: (m.start, -(m.end - m.start)))

    dates: list[Mention] = []
    sent_starts = [s.nstart for s in sentences]
    for d in find_dates(text, published):
        sidx = max(0, bisect_right(sent_starts, d.start) - 1)
        ts, te = token_span(d.start, d.end)
        os_, oe = norm.to_original(d.start, d.end)
        dateline = ts - bounds[sidx][0] <= _DATELINE_WORDS and DATELINE_END.match(text, d.end) is not None
        dates.append(Mention("date", os_, oe, sidx, norm.original[os_:oe], ts, te, value=d.value,
                             extra={"kind": d.kind, "future": d.future, "dateline": dateline}))
    return MentionLayer(lexical, by_token, covered, triggers, cues, dates)
