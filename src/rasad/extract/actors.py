"""Actors: who acts for which state in each sentence.

A title chain ("قائد الجيش الباكستاني المشير") forms a group; the group takes
its country from a nationality adjective or a country in genitive inside the
chain, its sector from the office or body, and the person named right after
it. Groups without a nationality are resolved afterwards from a person named
before, the same office seen before with a country, or the outlet's home
country. Bare country names and nationality adjectives that stand as
participants ("بحثت قطر وتركيا", "التدريب المصري اليوناني") are actors too.
"""

from __future__ import annotations

import datetime as dt
import re

from rasad.extract.actor_base import (
    _CHAIN_BREAKERS,
    _COUNTERPART,
    _GENERIC_BODIES,
    _GROUP_KINDS,
    _LATIN_NAME,
    _MILITARY_NOUN,
    _PAIR_WORDS,
    _PLURAL_ROLE,
    _PUNCT_BREAK,
    _RESIDENT_ROLES,
    _STATES_WORD,
    ActorLayer,
    ActorMention,
    _between,
    _conjoined,
    _preposition,
    _preposition_token,
    _quoted_name,
    resident_title,
)
from rasad.extract.coreference import Resolver, _dateline_country
from rasad.extract.dates import DATELINE_END
from rasad.extract.mentions import MentionLayer
from rasad.extract.names import NameReader, name_start
from rasad.extract.translit import name_table, transliterate
from rasad.lexicon.load import Lexicon, official_key
from rasad.lexicon.matcher import strip_article
from rasad.model import Mention, Person, Token
from rasad.text.normalise import NormalisedText


def _nationality_after_name(actors: list[ActorMention], officials: dict) -> None:
    """"قائد الجيش محمد أحمد الليبي": a title without a state, its holder's name, then a
    nationality: the nationality is the official's (the adjective is not a party of its own),
    unless name and adjective together are a well-known official ("محمد شياع السوداني")."""
    for k in range(len(actors) - 2, -1, -1):
        a, n = actors[k], actors[k + 1]
        if a.kind == "group" and not a.countries and a.person is not None and n.kind == "nisba" \
                and n.sentence == a.sentence and n.tok_start == a.tok_end and n.countries \
                and official_key(f"{a.person.name} {n.text}") not in officials:
            a.countries = list(n.countries)
            a.how = "nationality after the name"
            if a.person.country is None:
                a.person.country, a.person.how = n.countries[0], a.how
            del actors[k + 1]


DATELINE = "the city the story was filed from"
_BRIEF_PREPOSITIONS = frozenset({"الي", "لدي"})  # "المبعوث … إلى سوريا", "السفير … لدى الأردن"
_COMPANY_NAME_WORDS = 4  # "لوكهيد مارتن", "فينكانتييري": words of a company's name before its state's adjective
# "لشؤون" (normalised) and "المكلف ب…" inside a title: a portfolio before the rank or the name
_PORTFOLIO_WORDS = frozenset({"لشوون", "للشوون", "لشيون", "للشيون", "المكلف", "المكلفه"})
_PORTFOLIO_REACH = 6
_SPANS_SUBJECT = frozenset({"call-received"})  # trigger labels whose phrase runs over the caller


# "بروكسل 9 نيسان (بترا) -", "الرباط 12 مارس 2024 -": the dispatch's day between city and agency
_DATED_DATELINE = re.compile(r"\s+\d{1,2}\s+[\u0621-\u064a]+(?:\s+\d{4})?\s*[(\-–—:/]")


def _dateline(norm, tokens, m: Mention) -> bool:
    """"عمان (بترا) -", "الجزائر - ": a place opening a line before the agency or a dash is the
    city the story was filed from (Amman, Algiers), not the state of the same name."""
    opens = m.tok_start == 0 or tokens[m.tok_start - 1].sentence != m.sentence \
        or "\n" in _between(norm, tokens, m.tok_start)
    end = tokens[m.tok_end - 1].nend
    return opens and bool(DATELINE_END.match(norm.text, end) or _DATED_DATELINE.match(norm.text, end))


def _shadda_marks_city(m: Mention, readings: list) -> bool:
    """"عمّان" written with its shadda is Amman; the state, "عُمان", has none. Normalising drops the
    mark, so it is read from the original text where a writer put it."""
    return "\u0651" in m.text and any(e.kind == "city" for e in readings) \
        and any(e.kind == "country" for e in readings)


_PRONOUN_REACH = 3  # sentences back to the official an honorific pronoun stands for


def _honorific_pronouns(actors: list[ActorMention]) -> list[tuple[ActorMention, ActorMention]]:
    """"استقبل ولي العهد … . كما تلقى سموه اتصالا …": the pronoun is the first official (the
    subject) of the latest sentence before it that names one, within a few sentences; with none,
    the outlet's own (resolved later). Returns (pronoun, official) for officials whose state is
    not known yet: the outlet's own crown prince, untitled, gets his state later."""
    waiting: list[tuple[ActorMention, ActorMention]] = []
    last: ActorMention | None = None  # the first official of the latest sentence that names one
    for a in actors:
        if a.kind == "group" and a.role == "honorific pronoun":
            if last is not None and 0 < a.sentence - last.sentence <= _PRONOUN_REACH:
                if last.countries:
                    _take_official(a, last)
                else:
                    waiting.append((a, last))
        elif a.kind == "group" and (a.office or a.person is not None) and not a.resident \
                and (a.countries or a.office) and (last is None or a.sentence != last.sentence):
            last = a  # (an ambassador is styled سعادة, not سمو or معالي: he is not the one meant)
    return waiting


def _take_official(pronoun: ActorMention, official: ActorMention) -> None:
    pronoun.countries, pronoun.sector, pronoun.person = list(official.countries[:1]), official.sector, official.person
    pronoun.how = "the official named before, by his style"


def _counterpart_forces(actors: list[ActorMention], words: list[str]) -> None:
    """"القوات البحرية المصرية ونظيرتها الفرنسية": the counterpart of a force is a force, not an
    official who travels or is received."""
    for k, a in enumerate(actors):
        if a.kind != "counterpart" or a.person is not None or not words[a.tok_start].lstrip("وب").startswith("نظيرت"):
            continue
        prev = next((b for b in reversed(actors[:k]) if b.sentence == a.sentence and b.kind == "group"), None)
        if prev is not None and prev.heads and not prev.office and prev.person is None:
            a.kind, a.heads, a.bodies = "group", prev.heads, prev.bodies
            a.role, a.roles, a.office = None, (), False
            a.sector = prev.sector or a.sector


_EXERCISE_NAME = "exercise-name"  # the trigger label of exercises named by their name alone


def _nisba_reading(m: Mention) -> str | None:
    """The state a country mention also names as its adjective ("والسعودية" after "المصرية")."""
    for e in (m.extra["entry"], *m.extra["alts"]):
        if e.kind == "nisba" and e.data.get("country") == m.country:
            return m.country
    return None


def _trigger_words(m: Mention) -> range | tuple[int, int]:
    """The tokens of a trigger that end a name: all of them, but for a phrase that spans its
    subject ("أجرى الرئيس عبد الفتاح السيسي اتصالا"), only its first and last words."""
    if m.extra["trigger"].label in _SPANS_SUBJECT:
        return (m.tok_start, m.tok_end - 1)
    return range(m.tok_start, m.tok_end)


class ActorFinder(NameReader, Resolver):
    def __init__(self, lex: Lexicon) -> None:
        self._words = lex.word_classes  # function-word classes (word_classes.yaml)
        self.lex = lex
        self._weight: dict[str, int] = {}  # how often the current story names each state
        self._tokens: list[str] = []  # the current story's words

    def find(self, norm: NormalisedText, tokens: list[Token], layer: MentionLayer,
             home_country: str | None, published: dt.date | None = None) -> ActorLayer:
        actors: list[ActorMention] = []
        persons: list[Person] = []
        trigger_tokens = {t for m in layer.triggers for t in _trigger_words(m) if m.extra.get("supported", True)}
        # "تمرين حماة النيل": a place in the name of an exercise is no place nor state
        exercise_names = {t for m in layer.triggers if m.extra["trigger"].label == _EXERCISE_NAME
                          for t in range(m.tok_start, m.tok_end)}
        # How often each state is named unambiguously: decides names that are two places.
        weight: dict[str, int] = {}
        for m in layer.lexical:
            if m.kind in ("country", "nisba", "city") and m.country and not m.extra["alts"]:
                weight[m.country] = weight.get(m.country, 0) + 1
        self._weight = weight
        self._tokens = [t.text for t in tokens]
        self._year = published.year if published else None
        self._home = home_country
        i = 0
        n = len(tokens)
        while i < n:
            m = layer.by_token.get(i)
            tok = tokens[i].text
            if m is not None and m.kind in ("honorific", "office") and self._named_after(tokens, i):
                i = m.tok_end  # "مطار الملك خالد": a place named after a king, not the king
                continue
            if m is not None and m.kind in _GROUP_KINDS:
                i = self._group(norm, tokens, layer, i, actors, persons, trigger_tokens)
                continue
            if _COUNTERPART.match(tok):
                i = self._group(norm, tokens, layer, i, actors, persons, trigger_tokens, counterpart=True)
                continue
            if m is None and tok.removeprefix("و") in self._words["honorific_pronouns"]:
                # "تلقى سموه اتصالا …": the official the story is about, by his style alone
                ostart, oend = norm.to_original(tokens[i].nstart, tokens[i].nend)
                actors.append(ActorMention("group", tokens[i].sentence, i, i + 1, ostart, oend,
                                           norm.original[ostart:oend], role="honorific pronoun",
                                           preposition=_preposition_token(tokens, i, norm)))
            elif _PAIR_WORDS.match(tok):
                ostart, oend = norm.to_original(tokens[i].nstart, tokens[i].nend)
                actors.append(ActorMention("pair-ref", tokens[i].sentence, i, i + 1, ostart, oend,
                                           norm.original[ostart:oend], how="the two sides named before"))
            elif m is not None and m.kind == "nisba" and actors and actors[-1].kind == "counterpart" \
                    and actors[-1].tok_end == i and tok.startswith("و"):
                i = self._second_counterpart(norm, tokens, layer, m, actors, persons, trigger_tokens)
                continue
            elif m is not None and m.kind == "nisba" and m.extra["entry"].data.get("context"):
                i = m.tok_end  # an adjective that is a nationality only inside a title
                continue
            elif m is not None and m.kind in ("country", "org", "nisba", "city"):
                if m.tok_start not in exercise_names:
                    self._place_or_country(norm, tokens, m, actors, weight)
                i = m.tok_end
                continue
            i += 1
        _nationality_after_name(actors, self.lex.officials)
        waiting = _honorific_pronouns(actors)
        _counterpart_forces(actors, self._tokens)
        self._link_names(norm, tokens, layer, actors, persons)
        self._resolve(actors, persons, home_country, _dateline_country(norm, tokens, actors))
        for pronoun, official in waiting:
            if official.countries:
                _take_official(pronoun, official)
        _escorts_of_residents(actors, self._tokens)
        return ActorLayer(actors, persons)

    def _named_after(self, tokens: list[Token], i: int) -> bool:
        """The title at token i names a facility after a person ("مطار الملك خالد")."""
        if i == 0 or tokens[i - 1].sentence != tokens[i].sentence:
            return False
        word = tokens[i - 1].text
        stems = {word, word[1:], word[2:]} if word[:1] in "وفبلك" else {word}
        # a noun named after someone is in construct, without the article: "مطار الملك خالد",
        # but "لدى وصوله المطار وزير الخارجية" names the minister
        return any(w in self._words["facility_nouns"] for w in stems)

    def _reading(self, m: Mention, weight: dict[str, int], city_cue: bool | str = False):
        """The entry a place mention stands for: a city after "مدينة" or after its own state's
        adjective, else whichever state the story names most, then the outlet's own (its own
        capital: "عمان" in a Jordanian paper is Amman), the state before a city on ties."""
        readings = [e for e in (m.extra["entry"], *m.extra["alts"])
                    if e.kind in ("country", "org", "nisba", "city")] or [m.extra["entry"]]
        home = self._home

        def score(e) -> tuple:
            country = e.data.get("country")
            is_city = e.kind == "city"
            cue = is_city and (city_cue is True or (isinstance(city_cue, str) and city_cue == country))
            return (cue, weight.get(country, 0), country == home, not is_city, e.data.get("population", 0))

        return max(readings, key=score)

    def _place_or_country(self, norm, tokens, m: Mention, actors: list[ActorMention],
                          weight: dict[str, int]) -> None:
        """A country, nationality or city mention; a name that is both (عمان: Oman and Amman,
        الجزائر: Algeria and Algiers, طرابلس: two capitals) is read from its context."""
        prep = _preposition(tokens, m, norm)
        if _quoted_name(norm, tokens, m):
            return  # “فيكتوريا”، “عدن أدي”: a company's, an airport's or an exercise's name
        if prep in self._words["water_nouns"] and not m.extra.get("clitic"):
            return  # "في بحر الصين الجنوبي": a sea's name
        readings = [m.extra["entry"], *m.extra["alts"]]
        readings = [e for e in readings if e.kind in ("country", "org", "nisba", "city")]
        dateline = _dateline(norm, tokens, m)
        city_cue = dateline or prep.endswith(("مدينه", "العاصمه", "بمدينه", "بالعاصمه", "ميناء", "مطار")) \
            or _shadda_marks_city(m, readings)
        # Only the latest actor can end where this mention starts: actors are found in text order.
        last = actors[-1] if actors else None
        prev_nisba = last if last is not None and last.tok_end == m.tok_start and last.kind == "nisba" else None

        best = self._reading(m, weight, city_cue or (prev_nisba.country if prev_nisba is not None else False))
        country = best.data.get("country")
        if best.kind == "country" and not m.extra.get("clitic") and prep in self._words["adjective_heads"]:
            return  # "اتفاق دعم مالي": the adjective (financial), not the state that shares its spelling
        if best.kind == "country" and m.tok_end < len(tokens) and tokens[m.tok_end].text == "العاصمه" \
                and country in self.lex.capitals:
            # "بتونس العاصمة", "الجزائر العاصمة": the capital city, not the state
            actors.append(ActorMention("city", m.sentence, m.tok_start, m.tok_end + 1, m.start, m.end, m.text,
                                       [country], "GOV", role=self.lex.capitals[country],
                                       preposition=prep, how="the capital named after its state"))
            return
        if best.data.get("candidates"):
            # "المملكة": the kingdom the story is about, if it names one; else the outlet's, if it is one
            named = [c for c in best.data["candidates"] if weight.get(c, 0) > 0]
            if self._home in best.data["candidates"] and (not named or self._home in named):
                # the outlet's own kingdom, when the story does not name only another one
                named = [self._home]
                weight = {**weight, self._home: 1}
            if not named:
                return
            country = max(named, key=lambda c: weight[c])
        if best.kind == "city":
            actors.append(ActorMention("city", m.sentence, m.tok_start, m.tok_end, m.start, m.end, m.text,
                                       [country] if country else [], "GOV", role=best.data.get("name_en"),
                                       preposition=prep,
                                       how=DATELINE if dateline else "capital standing for its state"))
            return
        kind = best.kind
        if kind == "nisba" and prep.endswith("العاصمه") and country in self.lex.capitals:
            # "العاصمة التونسية" is Tunis
            actors.append(ActorMention("city", m.sentence, m.tok_start, m.tok_end, m.start, m.end, m.text,
                                       [country], "GOV", role=self.lex.capitals[country],
                                       preposition=_preposition_token(tokens, m.tok_start - 1, norm),
                                       how="the capital the adjective names"))
            return
        sector = "MIL" if kind == "nisba" and _MILITARY_NOUN.search(prep) else "GOV"
        plural = kind == "nisba" and (bool(best.data.get("plural"))
                                      or self._tokens[m.tok_end - 1].endswith(("يين", "يون")))
        actors.append(ActorMention(kind, m.sentence, m.tok_start, m.tok_end, m.start, m.end, m.text,
                                   [country] if country else [], sector, preposition=prep,
                                   how="nationality adjective" if kind == "nisba" else "country named",
                                   plural=plural))
        if kind == "country":
            city = next((e for e in readings if e.kind == "city" and e.data.get("country") == country), None)
            if city is not None:
                actors[-1].role = city.data.get("name_en")

    def _group(self, norm, tokens, layer: MentionLayer, i: int, actors, persons, trigger_tokens,
               counterpart: bool = False) -> int:
        sentence = tokens[i].sentence
        n = len(tokens)
        countries: list[str] = []
        sector: str | None = None
        roles: list[str] = []
        modifiers: list[str] = []
        bodies: list[str] = []
        heads: list[str] = []
        posting: str | None = None
        offices: list[str] = []
        has_office = False
        last_start: int | None = None
        host: str | None = None
        resident = False
        how = ""
        nisba_end = -1  # where the last adjective of nationality read ends
        j = i
        if counterpart:
            roles.append("counterpart")
            j = i + 1
        while j < n and tokens[j].sentence == sentence:
            m = layer.by_token.get(j)
            tok = tokens[j].text
            if j > i and tok in self._words["leader_links"]:
                break  # "وفدا عسكريا بريطانيا برئاسة قائد …": the leader is an actor of his own
            if m is None:
                stem = strip_article(tok)
                after = layer.by_token.get(j + 1)
                if stem in self._words["state_words"] and after is not None and after.kind == "country":
                    j += 1
                    continue
                if _STATES_WORD.match(tok) and not countries and (roles or bodies):
                    # "قادة الأركان بدول الجزائر، ومالي، والنيجر": one title, several states
                    listed, k = self._country_list(norm, tokens, layer, j + 1, sentence)
                    if len(listed) >= 2:
                        countries.extend(listed)
                        how = "states listed after the title"
                        j = k
                        continue
                if tok in ("في", "كل") and not countries and (roles or counterpart):
                    # "نظرائه في كل من السعودية والإمارات وقطر", "سفراء كل من الصين وروسيا": one
                    # title for the officials of each state listed
                    k = j + 1 if tok == "في" else j
                    if k + 1 < n and tokens[k].text == "كل" and tokens[k + 1].text == "من":
                        k += 2
                    listed, end = self._country_list(norm, tokens, layer, k, sentence) if k > j else ([], k)
                    if len(listed) >= 2:
                        countries.extend(listed)
                        how = "states listed after the title"
                        j = end
                        continue
                if tok == "في" and j + 1 < n and not countries and roles and not resident_title(roles) \
                        and (layer.by_token.get(j + 1) or Mention("", 0, 0, 0, "")).kind == "institution":
                    j += 1  # "رئيس قسم العمليات في القيادة العامة للجيش الجزائري": the post's body
                    continue
                if tok == "في" and j + 1 < n and not countries and (roles or bodies or heads) \
                        and not resident_title(roles):
                    k = j + 1
                    if strip_article(tokens[k].text) in self._words["state_words"]:
                        k += 1
                    nxt = layer.by_token.get(k) or layer.by_token.get(j + 1)
                    # (a name that is also a city, read as the city, is where the official is)
                    if nxt is not None and nxt.kind in ("country", "org") and nxt.country \
                            and self._reading(nxt, self._weight).kind != "city":
                        # "القائد العام للقوات المسلحة في جمهورية النيجر", "الممثلة العليا … في الاتحاد الأوروبي"
                        countries.append(nxt.country)
                        how = "country of the office"
                        j = nxt.tok_end
                        continue
                if tok == "لدي" and j + 1 < n and tokens[j + 1].text in ("البلاد", "المملكه", "الدوله") \
                        and resident_title(roles):
                    j += 2  # "لدى البلاد": posted here, the host is the story's own country
                    continue
                if tok in ("لدي", "في") and j + 1 < n and resident_title(roles):
                    nxt = layer.by_token.get(j + 1)
                    if nxt is not None and nxt.kind in ("country", "city"):
                        reading = self._reading(nxt, self._weight)
                        host = reading.data.get("country")
                        if reading.kind == "city" and tok == "في":
                            posting = reading.data.get("name_en")  # "السفير الإيطالي في عمّان": where he serves
                        j = nxt.tok_end
                        continue
                if countries and (roles or heads) and tok in _PORTFOLIO_WORDS:
                    # "كبير مستشاري وزارة الدفاع البريطانية لشؤون الشرق الأوسط الفريق جون لوريمر"
                    k = self._portfolio_end(norm, tokens, layer, j, sentence)
                    if k:
                        j = k
                        continue
                if roles and roles[-1] == "minister" and tok.startswith("ال") and j + 1 < n \
                        and tokens[j + 1].sentence == sentence and j + 1 not in layer.covered \
                        and self._name_like(tokens[j + 1].text, first=True):
                    j += 1  # "وزيرة التخطيط رانيا المشاط": a portfolio the titles do not list
                    continue
                if tok in self._words["title_fillers"] and j > i:
                    j += 1
                    continue
                if not countries and "company" in heads and (k := self._company_state(tokens, layer, j, sentence)):
                    # "شركة لوكهيد مارتن الأمريكية": a company's name, then its state's adjective
                    nisba = layer.by_token[k]
                    countries.append(nisba.country)
                    how = "a company of that state"
                    j = nisba.tok_end
                    continue
                after_rank = last_start is not None and layer.by_token[last_start].kind == "rank"
                # after a rank comes the officer's name ("الجنرال بوشعيب عروب"), not words of a post
                skip = self._inner_words(norm, tokens, layer, j, sentence) \
                    if (roles or bodies or heads) and not countries and not counterpart and not after_rank else 0
                if skip and not (roles or bodies) and getattr(layer.by_token.get(j + skip), "kind", "") != "nisba":
                    skip = 0  # a force's own words up to its state ("الجيش الوطني الصومالي"), no further body
                if skip:
                    j += skip
                    continue
                break
            if j > i and _PUNCT_BREAK.search(_between(norm, tokens, j)):
                break
            if j > i and (roles or bodies) and m.kind in ("office", "rank") and m.tok_end == j + 1 \
                    and tok in self._words["title_given_names"] and j + 1 < n and j + 1 not in layer.covered \
                    and tokens[j + 1].sentence == sentence and self._name_like(tokens[j + 1].text, first=False):
                break  # "وزير المكتب السلطاني سلطان النعماني": the name begins with a word that is a title
            if m.kind in _GROUP_KINDS and countries and m.kind in ("office", "honorific") \
                    and len(m.extra["entry"].key) == 1 and not self._name_follows(tokens, layer, m.tok_end, sentence):
                break  # "أطلع الرئيس الأمريكي الأمير على …": a second person, not a further title
            if m.kind == "office" and countries and self._other_state_follows(tokens, layer, m.tok_end, countries):
                break  # "وزير الدفاع المغربي وزير الدفاع لجمهورية النيجر": a second official
            if j > i and m.kind in ("office", "rank") and m.extra.get("clitic") \
                    and tok.startswith(("ب", "ل")) and not tok.startswith("لل"):
                break  # "وزير الدفاع المصري بالفريق …": a title behind ب is the person met
            if j > i and (countries or roles) and m.kind == "institution" and m.role and "delegation" in m.role \
                    and not tok.startswith("ال"):
                break  # "استقبل الرئيس اللبناني وفدا من …": the delegation received is another party
            if j > i and m.kind == "rank" and m.extra.get("clitic") and tok.startswith("و"):
                break  # "رئيس الأركان واللواء ركن …": a second officer (no one holds two ranks)
            if j > i and m.kind == "rank" and heads and not roles and not modifiers:
                break  # "التقى الوفد الجنرال بوشعيب عروب": a body has no rank; the officer is another
            if m.kind in _GROUP_KINDS:
                last_start = j
                if m.kind == "modifier":
                    modifiers.append(m.role or "")
                else:
                    if m.sector and (sector is None or (m.kind == "office" and not roles)):
                        sector = m.sector if sector is None or m.kind == "office" else sector
                    if m.kind in ("office", "rank") and m.role:
                        roles.append(m.role)
                    if m.kind == "office":
                        has_office = True
                        # a specific post ("وزير الدفاع") or a definite bare one ("الرئيس" is the
                        # president named before); "رئيس هيئة العمليات" heads something else
                        definite = tokens[j].text.lstrip("وفبل").startswith("ال")
                        if m.role and (len(m.extra["entry"].key) >= 2 or definite):
                            offices.append(" ".join([*modifiers, m.role]).strip())
                        # "قائد القيادة العامة": the body inside the title identifies it too
                        inner = " ".join(m.extra["entry"].key[1:])
                        for body in self.lex.lookup(inner, "institution") if inner else []:
                            if body.data.get("role") not in _GENERIC_BODIES:
                                bodies.append(body.key)
                    if m.kind == "honorific" and not roles:
                        roles.append(m.role or "")
                    if m.kind == "institution" and m.role and m.role.endswith(("embassy", "consulate")):
                        resident = True
                    if m.kind == "institution" and m.role:
                        heads.append(m.role)
                    state = m.extra["entry"].data.get("state") if m.kind == "institution" else None
                    if state and state not in countries:
                        countries.append(state)  # "البنتاغون", "جيش الدفاع": the name says whose
                        how = how or "a body that belongs to one state"
                    if m.kind == "institution" and m.role not in _GENERIC_BODIES:
                        bodies.append(m.extra["entry"].key)
                if j > i and countries and m.extra.get("clitic") and tokens[j].text.startswith("و"):
                    break  # "…الليبي واللواء …": a second actor begins
                j = m.tok_end
                continue
            if m.kind == "country" and len(countries) >= 2 and j == nisba_end and (same := _nisba_reading(m)):
                # "القوات المصرية والأردنية والسعودية والفرنسية": a state's name spelt as its
                # adjective goes on a list of adjectives (after one adjective, "المصري والسعودية"
                # may as well name the state)
                countries.append(same)
                nisba_end = j = m.tok_end
                continue
            if m.kind == "nisba" and m.extra["entry"].data.get("context") and tok.startswith("و") \
                    and j > i and j != nisba_end:
                j = m.tok_end  # "وزيرة الاقتصاد والمالية": a portfolio (finance), not a nationality (Malian)
                continue
            if m.kind == "nisba":
                if j > i and tok in self._words["nisba_given_names"] and m.tok_end < n \
                        and tokens[m.tok_end].sentence == sentence and m.tok_end not in layer.covered \
                        and self._name_like(tokens[m.tok_end].text, first=False):
                    break  # "الفريق الركن تركي بن بندر": the name begins with a word that is an adjective
                if m.tok_end < n and strip_article(tokens[m.tok_end].text) in ("صنع", "صناعه"):
                    break  # "منظومات الدفاع الجوي الأمريكية الصنع": where the weapons were made
                if m.country and m.country not in countries:
                    countries.append(m.country)
                    how = "explicit nationality"
                nisba_end = j = m.tok_end
                continue
            if m.kind in ("country", "city") and countries and resident_title(roles) \
                    and m.extra.get("clitic") and tok.startswith("ب"):
                host = m.country  # "سفير إيطاليا بتونس": the country of posting
                j = m.tok_end
                continue
            if m.kind in ("country", "org") and m.country is None:
                break  # "لإمارة …": a form of state, resolved elsewhere or not at all
            if m.kind == "country" and not countries and roles and _PLURAL_ROLE.search(roles[-1]):
                # "سفيري الصين وأوكرانيا": one plural title, several states
                listed, k = self._country_list(norm, tokens, layer, j, sentence)
                if len(listed) >= 2:
                    countries.extend(listed)
                    how = "states listed after the title"
                    j = k
                    continue
            if m.kind in ("country", "org") and not countries:
                prev = tokens[j - 1].text if j > 0 else ""
                if prev not in self._words["place_prepositions"] and not m.extra.get("clitic") \
                        or tok.startswith("ل") and not roles:
                    countries.append(m.country)
                    how = "country in genitive"
                    j = m.tok_end
                    continue
                if m.extra.get("clitic") and tok.startswith(("ل", "لل", "ب")) \
                        and (roles or modifiers or bodies or heads):
                    countries.append(m.country)
                    how = "country in genitive"
                    j = m.tok_end
                    continue
            break
        if j == i:
            return i + 1
        role = " ".join([*modifiers, roles[0]]).strip() if roles else " ".join(modifiers) or None
        if role and any(r in (role or "") for r in _RESIDENT_ROLES):
            resident = True
        last = layer.by_token.get(last_start) if last_start is not None else None
        after_rank = last is not None and last.kind in ("rank", "honorific")
        span = self.read_name(norm, tokens, layer, j, sentence, trigger_tokens, after_rank,
                              after_honorific=last is not None and last.kind == "honorific",
                              family_nisba=bool(countries))
        if span is None and roles and countries and not counterpart:
            # "المبعوث الأمريكي إلى سوريا توم براك", "المبعوث الخاص للشرق الأوسط ستيف ويتكوف": the
            # post's destination or brief between the title and the name
            span = self._name_after_brief(norm, tokens, layer, j, sentence, trigger_tokens)
        if span is None and roles and j < n and tokens[j].sentence == sentence \
                and _between(norm, tokens, j).strip() in (",", "،"):
            # "رئيس المجلس الرئاسي الليبي، محمد المنفي، …": the name in apposition after a comma
            span = self._name_in_commas(norm, tokens, layer, j, sentence, trigger_tokens)
        if span is None and roles and not counterpart:
            span = self._name_before(norm, tokens, layer, i, sentence, trigger_tokens)
            if span is not None and actors and actors[-1].tok_end > span[0]:
                span = None  # the name in commas of the official before: "…، عبد اللطيف لوديي، مساعد …"

        if span is not None and after_rank and span[1] - span[0] == 1 and tokens[span[0]].text.startswith("ال"):
            span = None  # a lone word in ال- after a rank is an adjective, not a name
        person = None
        end_tok = j
        start_tok = i
        if span is not None and (roles or counterpart):
            a, b = span
            if a < i:
                start_tok = a
            else:
                end_tok = b
            ostart, oend = norm.to_original(name_start(tokens, a), tokens[b - 1].nend)
            name = norm.original[ostart:oend]
            person = Person(name=name, name_en=transliterate(name), country=None, role=role,
                            sector=sector, start=ostart, end=oend)
            persons.append(person)
        if not counterpart and not roles and sector is None:
            return max(j, i + 1)
        ostart, oend = norm.to_original(tokens[start_tok].nstart, tokens[end_tok - 1].nend)
        kind = "counterpart" if counterpart else "group"
        if counterpart:
            # "نظيره": the same office as the official named just before
            before = next((a for a in reversed(actors) if a.sentence == sentence and a.kind == "group"), None)
            if before is not None:
                sector = before.sector
                role = before.role
        if sector is None:
            sector = "GOV" if (roles or counterpart) else None
        actors.append(ActorMention(kind, sentence, i, end_tok, ostart, oend, norm.original[ostart:oend],
                                   countries, sector, role, person, how,
                                   preposition=_preposition_token(tokens, i, norm),
                                   host_country=host, resident=resident, bodies=tuple(bodies),
                                   heads=tuple(heads), office=has_office, posting=posting, roles=tuple(offices),
                                   conjoined=_conjoined(tokens[i].text, layer.by_token.get(i))))
        return end_tok

    def _second_counterpart(self, norm, tokens, layer, m: Mention, actors, persons, trigger_tokens) -> int:
        """"ونظيريه الأردني أيمن الصفدي والعراقي فؤاد حسين": the second of two counterparts."""
        first = actors[-1]
        span = self.read_name(norm, tokens, layer, m.tok_end, m.sentence, trigger_tokens)
        person = None
        end = m.tok_end
        if span is not None:
            ostart, oend = norm.to_original(name_start(tokens, span[0]), tokens[span[1] - 1].nend)
            name = norm.original[ostart:oend]
            person = Person(name=name, name_en=transliterate(name), country=m.country, role=first.role,
                            sector=first.sector, start=ostart, end=oend, how="explicit nationality")
            persons.append(person)
            end = span[1]
        ostart, oend = norm.to_original(tokens[m.tok_start].nstart, tokens[end - 1].nend)
        actors.append(ActorMention("counterpart", m.sentence, m.tok_start, end, ostart, oend,
                                   norm.original[ostart:oend], [m.country] if m.country else [], first.sector,
                                   first.role, person, "explicit nationality", conjoined=True))
        return end

    @staticmethod
    def _country_list(norm, tokens, layer: MentionLayer, j: int, sentence: int) -> tuple[list[str], int]:
        """Countries listed from token j ("الجزائر، ومالي، والنيجر"), skipping a region name
        before them ("دول الساحل الإفريقي مالي …"); returns the codes and the token after the list."""
        found: list[str] = []
        k = j
        skipped = 0
        while k < len(tokens) and tokens[k].sentence == sentence:
            m = layer.by_token.get(k)
            if m is not None and m.kind == "country" and m.country:
                if m.country not in found:
                    found.append(m.country)
                k = m.tok_end
                continue
            if not found and skipped < 3 and m is None and not _PUNCT_BREAK.search(_between(norm, tokens, k + 1)):
                skipped += 1  # a region's name before the list
                k += 1
                continue
            break
        return found, k

    def _company_state(self, tokens: list[Token], layer: MentionLayer, j: int, sentence: int) -> int:
        """The token of the nationality adjective after a company's name of a few words, or 0."""
        for k in range(j, min(j + _COMPANY_NAME_WORDS + 1, len(tokens))):
            if tokens[k].sentence != sentence:
                return 0
            m = layer.by_token.get(k)
            if m is not None:
                return k if m.kind == "nisba" and m.country and k > j else 0
            if not self._name_like(tokens[k].text, first=k == j) and not _LATIN_NAME.fullmatch(tokens[k].text):
                return 0
        return 0

    @staticmethod
    def _portfolio_end(norm, tokens, layer: MentionLayer, j: int, sentence: int) -> int:
        """After "لشؤون …" in a title: the token where the rank or title before the name comes
        back, within a few words and no punctuation; 0 when none does."""
        for k in range(j + 1, min(j + _PORTFOLIO_REACH, len(tokens))):
            if tokens[k].sentence != sentence:
                return 0
            gap = _between(norm, tokens, k)
            if _PUNCT_BREAK.search(gap):
                # "… المكلف بإدارة الدفاع الوطني، عبد اللطيف لوديي،": the name after the comma
                return k if gap.strip() in (",", "،") else 0
            m = layer.by_token.get(k)
            if m is not None:
                return k if m.kind in ("rank", "honorific") else 0
        return 0

    def _inner_words(self, norm, tokens, layer: MentionLayer, j: int, sentence: int) -> int:
        """How many unknown words ("فيلق مشاة", "لشؤون المحاربين القدامى") sit between an office
        and the body or nationality that completes it; 0 when nothing completes it."""
        portfolio = tokens[j].text.startswith("و") and self._portfolio_then_comma(norm, tokens, layer, j)
        if portfolio:
            return portfolio
        if (tokens[j].text,) in name_table() and not tokens[j].text.startswith("ال"):
            return 0  # "رئيس الوزراء محمد شياع السوداني": a name, and the adjective after it is his family's
        for k in range(j, min(j + 5, len(tokens))):
            if tokens[k].sentence != sentence or (k > j and _PUNCT_BREAK.search(_between(norm, tokens, k))):
                return 0
            m = layer.by_token.get(k)
            if m is not None:
                genitive = m.kind == "country" and m.extra.get("clitic") and tokens[k].text.startswith("ل")
                return k - j if k > j and (m.kind in ("nisba", "institution") or genitive) else 0
            word = tokens[k].text
            after = layer.by_token.get(k + 1)
            if word == "في" and k > j and after is not None and after.kind == "country":
                return k - j  # "قائد الانقلاب العسكري في باكستان": the office's country follows
            if word.startswith("و") and k == j and (self._nisba_within(layer, tokens, k + 1, sentence)
                                                    or self._portfolio_then_comma(norm, tokens, layer, k)):
                continue  # "وزير الخارجية وشؤون المغتربين الأردني": one office with two portfolios
            if not re.fullmatch(r"[\u0621-\u064a]+", word) or _COUNTERPART.match(word) \
                    or word.startswith("و") or word in _CHAIN_BREAKERS:
                return 0
        return 0

    def _name_after_brief(self, norm, tokens, layer: MentionLayer, j: int, sentence: int,
                          trigger_tokens) -> tuple[int, int] | None:
        """The name after "إلى/لدى + a state" or after "ل…" words of a brief, when at least two name
        words follow and nothing stands between."""
        k = j
        if k < len(tokens) and tokens[k].text in _BRIEF_PREPOSITIONS:
            m = layer.by_token.get(k + 1)
            if m is None or m.kind not in ("country", "org", "city"):
                return None
            k = m.tok_end
        else:
            while k < min(j + 3, len(tokens)) and tokens[k].sentence == sentence and k not in layer.covered \
                    and (tokens[k].text.startswith("لل") if k == j else tokens[k].text.startswith("ال")):
                k += 1
        if k == j or k >= len(tokens) or tokens[k].sentence != sentence \
                or any(_PUNCT_BREAK.search(_between(norm, tokens, q)) for q in range(j, k + 1)):
            return None
        span = self.read_name(norm, tokens, layer, k, sentence, trigger_tokens)
        return span if span is not None and span[1] - span[0] >= 2 else None

    def _portfolio_then_comma(self, norm, tokens, layer: MentionLayer, k: int) -> int:
        """"وزير الشؤون الخارجية والجالية الوطنية بالخارج، أحمد عطاف": a second portfolio up to
        the comma before the name; returns how many words it takes, or 0."""
        for q in range(k, min(k + 4, len(tokens))):
            if tokens[q].sentence != tokens[k].sentence or q in layer.covered and q > k:
                return 0
            if q > k and tokens[q].text.startswith("و"):
                return 0
            if q + 1 < len(tokens) and _between(norm, tokens, q + 1).strip() in (",", "،"):
                return q + 1 - k
        return 0

    def _other_state_follows(self, tokens, layer: MentionLayer, k: int, countries: list[str]) -> bool:
        """A nationality or a state other than `countries` completes the title starting here."""
        j = k
        while j < min(k + 4, len(tokens)):
            m = layer.by_token.get(j)
            if m is None:
                if strip_article(tokens[j].text.lstrip("لب")) in self._words["state_words"]:
                    j += 1
                    continue
                return False
            if m.kind in ("nisba", "country", "org") and m.country and m.country not in countries:
                return True  # "… الأمين العام لحلف الناتو": an organisation's post
            if m.kind not in ("institution",):
                return False
            j = m.tok_end  # "مستشار وزارة الدفاع الفرنسية": past the body to its adjective
        return False

    @staticmethod
    def _nisba_within(layer: MentionLayer, tokens, k: int, sentence: int, span: int = 3) -> bool:
        for q in range(k, min(k + span, len(tokens))):
            if tokens[q].sentence != sentence:
                return False
            m = layer.by_token.get(q)
            if m is not None:
                return m.kind == "nisba"
        return False


def _escorts_of_residents(actors: list[ActorMention], words: list[str]) -> None:
    """"السفيرة الأمريكية لدى البلاد والوفد المرافق لها": the delegation with a resident
    ambassador lives where she does; it travels no more than she does."""
    for prev, a in zip(actors, actors[1:], strict=False):
        if prev.resident and a.sentence == prev.sentence and a.tok_start == prev.tok_end \
                and any("delegation" in h for h in a.heads) and a.countries == prev.countries[:1] \
                and a.tok_end < len(words) and words[a.tok_end].startswith("المرافق"):
            a.resident = True

