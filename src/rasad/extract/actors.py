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

import re
from dataclasses import dataclass, field

from rasad.extract.mentions import MentionLayer
from rasad.extract.translit import transliterate
from rasad.lexicon.load import Lexicon, is_stopword
from rasad.lexicon.matcher import strip_article
from rasad.model import Mention, Person, Token
from rasad.text.normalise import NormalisedText

_GROUP_KINDS = {"office", "rank", "honorific", "modifier", "institution"}
_CHAIN_KINDS = _GROUP_KINDS | {"nisba"}
# Words that name a state's form before its name ("دولة قطر", "جمهورية النيجر").
_PLURAL_ROLE = re.compile(r"(?:ors|ers|ffs|efs|ies)$")  # "ambassadors", "ministers", "chiefs of staff"
_LEADER_LINKS = {"برياسه", "يتراسه", "يراسه", "ضم", "يضم", "تضم", "برفقه", "يرافقه", "ضمن"}
_STATES_WORD = re.compile(r"^[بل]?(?:ال)?دول$")
_STATE_WORDS = {"دوله", "جمهوريه", "مملكه", "سلطنه", "اماره", "بلاد"}
_LOCATION_PREPS = {"في", "الي", "لدي", "داخل", "نحو", "صوب"}
_COUNTERPART = re.compile(r"^[وف]?[بل]?(?:ال)?نظير(?:ه|ها|هم|يه|تها|ته)?$")
_PAIR_WORDS = re.compile(r"^[وفبل]*(?:ال)?(?:جانبين|جانبان|بلدين|بلدان|طرفين|طرفان|دولتين|دولتان)$")
_NAME_PARTICLES = {"بن", "ابن", "بنت", "ال", "ولد", "عبد", "ابو", "ابي", "ام", "بو", "اب", "دي", "فان", "فون"}
_PUNCT_BREAK = re.compile(r"[,،.;:()\[\]\"'«»!?؟\-–—/|]")
_MAX_NAME_TOKENS = 7  # "محمد بن سلمان بن عبدالعزيز آل سعود"
_FILIATION = {"بن", "ابن", "بنت"}
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'’.]+|[Dd]e|[Vv]an|[Vv]on|[Dd]a|[Ll]e|[Ll]a|bin")
# Function words that end a title chain: an unknown word before them is not part of the title.
# Words inside a title that qualify it without changing who holds it.
_TITLE_FILLERS = {"العام", "العامه", "الاعلي", "السابق", "المكلف", "الجديد", "الاسبق", "العسكري", "الرسمي",
                  "الخاص", "المعتمد", "المفوض", "فوق", "العاده", "والمفوض", "الملكي", "الملكيه", "الاتحادي",
                  "الانتقالي", "الانتقاليه", "المويت", "الموقت", "الموقته", "الشرعيه", "المشترك", "المشتركه",
                  "الصديقه", "الشقيقه", "الصديق", "الشقيق"}
_CLAUSE_OPENERS = {"ان", "بان", "وان", "لان", "حضره", "حضرها", "بحضور", "وبحضور", "قال", "قالت", "اكد", "اكدت"}
_CHAIN_BREAKERS = {"في", "الي", "من", "مع", "علي", "عن", "لدي", "خلال", "بعد", "قبل", "الذي", "التي", "ان", "و"}
_MILITARY_NOUN = re.compile(r"عسكري|حربي|بحري|جوي|قوات|جيش|مقاتل|طائر|مسير|سفن|سفين|فرقاط")
# Bodies every state has: naming one says nothing about which state it is.
_GENERIC_BODIES = {"army", "armed forces", "forces", "government", "delegation", "official delegation",
                   "military delegation", "ministry of defence", "ministry of foreign affairs", "authorities",
                   "units", "company", "fund", "agency"}
_RESIDENT_ROLES = ("ambassador", "chargé", "consul", "attaché", "embassy", "consulate")


@dataclass
class ActorMention:
    """An actor in one sentence: a title chain, a named person, a country or a nationality."""

    kind: str  # group | country | nisba | person-ref | pair-ref | counterpart
    sentence: int
    tok_start: int
    tok_end: int
    start: int
    end: int
    text: str
    countries: list[str] = field(default_factory=list)
    sector: str | None = None
    role: str | None = None
    person: Person | None = None
    how: str = ""
    preposition: str = ""  # the word or clitic just before (location vs participant)
    host_country: str | None = None  # an ambassador's country of posting ("لدى ليبيا")
    resident: bool = False  # ambassadors and embassies live in the host country
    bodies: tuple[str, ...] = ()  # the institutions named in a title chain (القيادة العامة …)
    heads: tuple[str, ...] = ()  # English names of every institution in the chain (army, embassy …)
    office: bool = False  # the chain names a post (minister, chief of staff), not only a rank
    roles: tuple[str, ...] = ()  # every post (not rank) the chain names ("نائب رئيس الوزراء ووزير الدفاع")
    conjoined: bool = False  # opens with the conjunction و: a further actor in a list, not an apposition
    posting: str | None = None  # a resident's city of posting ("السفير … في عمّان")

    @property
    def country(self) -> str | None:
        return self.countries[0] if self.countries else None


@dataclass
class ActorLayer:
    actors: list[ActorMention]
    persons: list[Person]


def _between(norm: NormalisedText, tokens: list[Token], i: int) -> str:
    """Text between token i-1 and token i (normalised)."""
    if i <= 0 or i >= len(tokens):
        return ""
    return norm.text[tokens[i - 1].nend:tokens[i].nstart]


def _preposition(tokens: list[Token], m: Mention, norm: NormalisedText) -> str:
    first = tokens[m.tok_start].text
    if m.extra.get("clitic"):
        stem = m.extra["entry"].key[0]
        idx = first.find(stem) if stem else -1
        lead = first[:idx] if idx > 0 else first[:1]
        if lead.endswith("ال"):
            lead = lead[:-2]
        elif lead.endswith("لل"):
            lead = lead[:-1]  # ل + ال with the alef dropped: the second ل is the article's
        for ch in lead[::-1]:
            if ch in "بلك":
                return ch
    if m.tok_start > 0 and tokens[m.tok_start - 1].sentence == m.sentence:
        prev = tokens[m.tok_start - 1].text
        if not _PUNCT_BREAK.search(_between(norm, tokens, m.tok_start)):
            return prev
    return ""


class ActorFinder:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._weight: dict[str, int] = {}  # how often the current story names each state
        self._tokens: list[str] = []  # the current story's words

    def _name_like(self, tok: str, first: bool, after_rank: bool = False) -> bool:
        if _LATIN_NAME.fullmatch(tok):
            return True  # names are sometimes left in Latin script ("السيدة Sandra De Waele")
        if not re.fullmatch(r"[\u0621-\u064a]+", tok) or len(tok) < 2:
            return False
        if is_stopword(self.lex, tok):
            return False
        if first and tok.startswith(("وال", "بال", "لل")):
            return False
        # A name rarely opens with the article, except right after a rank ("الفريق أول السعيد …").
        return not (first and tok.startswith("ال") and not after_rank)

    def read_name(self, norm: NormalisedText, tokens: list[Token], layer: MentionLayer,
                  i: int, sentence: int, trigger_tokens: set[int], after_rank: bool = False,
                  after_honorific: bool = False, open_gap: bool = False) -> tuple[int, int] | None:
        """Token span of a personal name starting at token i, or None."""
        j = i
        quoted = 0 < i < len(tokens) and _between(norm, tokens, i).strip() == '"'  # رئيس النيجر "محمد بازوم"
        while j < len(tokens) and tokens[j].sentence == sentence and j - i < _MAX_NAME_TOKENS:
            gap = _between(norm, tokens, j)
            if _PUNCT_BREAK.search(gap) and not ((quoted or open_gap) and j == i) and not (j > i and gap == "-"):
                break
            tok = tokens[j].text
            after_particle = j > i and tokens[j - 1].text in _NAME_PARTICLES
            covered = layer.by_token.get(j)
            if after_particle and covered is not None and covered.kind == "honorific":
                j = covered.tok_end  # "محمد ولد الشيخ أحمد": الشيخ is part of the name here
                continue
            if j > i and tokens[j - 1].text == "عبد" and re.fullmatch(r"[\u0621-\u064a]+", tok):
                j = covered.tok_end if covered is not None else j + 1  # "عبد الأمير", "عبد الملك"
                continue
            if covered is not None and covered.kind == "city" and j > i \
                    and self._surname_city(norm, tokens, j, covered):
                j = covered.tok_end  # "لويد جيه أوستن": a surname that is also a city
                continue
            if j in layer.covered or j in trigger_tokens:
                break
            if tok in _NAME_PARTICLES:
                j += 1
                continue
            if j - i >= 2 and tokens[j - 2].text in _FILIATION and not tok.startswith("ال"):
                break  # after "بن سلمان" only another particle or a family name in ال- follows
            # After an honorific (الشيخ، الأمير) a name follows even if it is also a common word (صباح).
            honoured = j == i and after_honorific and j + 1 < len(tokens) \
                and self._name_like(tokens[j + 1].text, first=False)
            # "علي" (Ali) and "على" (on) fold to one form; the written ي tells the name.
            ali = tok == "علي" and norm.original[norm.origin[tokens[j].nend - 1]] == "ي"
            if not (after_particle and re.fullmatch(r"[\u0621-\u064a]+", tok)) and not honoured and not ali \
                    and not self._name_like(tok, first=(j == i), after_rank=after_rank):
                break
            if j > i and tok.startswith("و") and tokens[j - 1].text not in _NAME_PARTICLES and len(tok) > 3:
                break  # "واللواء …": a coordinated second actor, not part of this name
            j += 1
        while j > i and tokens[j - 1].text in _NAME_PARTICLES:
            j -= 1
        if j == i:
            return None
        return i, j

    def find(self, norm: NormalisedText, tokens: list[Token], layer: MentionLayer,
             home_country: str | None) -> ActorLayer:
        actors: list[ActorMention] = []
        persons: list[Person] = []
        trigger_tokens = {t for m in layer.triggers for t in range(m.tok_start, m.tok_end)
                          if m.extra.get("supported", True)}
        # How often each state is named unambiguously: decides names that are two places.
        weight: dict[str, int] = {}
        for m in layer.lexical:
            if m.kind in ("country", "nisba", "city") and m.country and not m.extra["alts"]:
                weight[m.country] = weight.get(m.country, 0) + 1
        self._weight = weight
        self._tokens = [t.text for t in tokens]
        i = 0
        n = len(tokens)
        while i < n:
            m = layer.by_token.get(i)
            tok = tokens[i].text
            if m is not None and m.kind in _GROUP_KINDS:
                i = self._group(norm, tokens, layer, i, actors, persons, trigger_tokens)
                continue
            if _COUNTERPART.match(tok):
                i = self._group(norm, tokens, layer, i, actors, persons, trigger_tokens, counterpart=True)
                continue
            if _PAIR_WORDS.match(tok):
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
                self._place_or_country(norm, tokens, m, actors, weight)
                i = m.tok_end
                continue
            i += 1
        self._link_names(norm, tokens, layer, actors, persons)
        self._resolve(actors, persons, home_country, _dateline_country(norm, tokens, actors))
        return ActorLayer(actors, persons)

    @staticmethod
    def _reading(m: Mention, weight: dict[str, int], city_cue: bool | str = False):
        """The entry a place mention stands for: a city after "مدينة" or after its own state's
        adjective, else whichever state the story names most, the state before a city on ties."""
        readings = [e for e in (m.extra["entry"], *m.extra["alts"])
                    if e.kind in ("country", "org", "nisba", "city")] or [m.extra["entry"]]

        def score(e) -> tuple:
            country = e.data.get("country")
            is_city = e.kind == "city"
            cue = is_city and (city_cue is True or (isinstance(city_cue, str) and city_cue == country))
            return (cue, weight.get(country, 0), not is_city, e.data.get("population", 0))

        return max(readings, key=score)

    def _place_or_country(self, norm, tokens, m: Mention, actors: list[ActorMention],
                          weight: dict[str, int]) -> None:
        """A country, nationality or city mention; a name that is both (عمان: Oman and Amman,
        الجزائر: Algeria and Algiers, طرابلس: two capitals) is read from its context."""
        prep = _preposition(tokens, m, norm)
        if _quoted_name(norm, tokens, m):
            return  # “فيكتوريا”، “عدن أدي”: a company's, an airport's or an exercise's name
        readings = [m.extra["entry"], *m.extra["alts"]]
        readings = [e for e in readings if e.kind in ("country", "org", "nisba", "city")]
        city_cue = prep.endswith(("مدينه", "العاصمه", "بمدينه", "بالعاصمه", "ميناء", "مطار"))
        prev_nisba = next((a for a in reversed(actors) if a.tok_end == m.tok_start and a.kind == "nisba"), None)

        best = self._reading(m, weight, city_cue or (prev_nisba.country if prev_nisba is not None else False))
        country = best.data.get("country")
        if best.kind == "country" and m.tok_end < len(tokens) and tokens[m.tok_end].text == "العاصمه" \
                and country in self.lex.capitals:
            # "بتونس العاصمة", "الجزائر العاصمة": the capital city, not the state
            actors.append(ActorMention("city", m.sentence, m.tok_start, m.tok_end + 1, m.start, m.end, m.text,
                                       [country], "GOV", role=self.lex.capitals[country],
                                       preposition=prep, how="the capital named after its state"))
            return
        if best.data.get("candidates"):
            # "المملكة": the kingdom the story is about, if it names one
            named = [c for c in best.data["candidates"] if weight.get(c, 0) > 0]
            if not named:
                return
            country = max(named, key=lambda c: weight[c])
        if best.kind == "city":
            actors.append(ActorMention("city", m.sentence, m.tok_start, m.tok_end, m.start, m.end, m.text,
                                       [country] if country else [], "GOV", role=best.data.get("name_en"),
                                       preposition=prep, how="capital standing for its state"))
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
        actors.append(ActorMention(kind, m.sentence, m.tok_start, m.tok_end, m.start, m.end, m.text,
                                   [country] if country else [], sector, preposition=prep,
                                   how="nationality adjective" if kind == "nisba" else "country named"))
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
        j = i
        if counterpart:
            roles.append("counterpart")
            j = i + 1
        while j < n and tokens[j].sentence == sentence:
            m = layer.by_token.get(j)
            tok = tokens[j].text
            if j > i and tok in _LEADER_LINKS:
                break  # "وفدا عسكريا بريطانيا برئاسة قائد …": the leader is an actor of his own
            if m is None:
                stem = strip_article(tok)
                after = layer.by_token.get(j + 1)
                if stem in _STATE_WORDS and after is not None and after.kind == "country":
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
                if tok == "في" and j + 1 < n and not countries and roles and not resident_title(roles) \
                        and (layer.by_token.get(j + 1) or Mention("", 0, 0, 0, "")).kind == "institution":
                    j += 1  # "رئيس قسم العمليات في القيادة العامة للجيش الجزائري": the post's body
                    continue
                if tok == "في" and j + 1 < n and not countries and (roles or bodies) and not resident_title(roles):
                    k = j + 1
                    if strip_article(tokens[k].text) in _STATE_WORDS:
                        k += 1
                    nxt = layer.by_token.get(k) or layer.by_token.get(j + 1)
                    if nxt is not None and nxt.kind == "country":
                        countries.append(nxt.country)  # "القائد العام للقوات المسلحة في جمهورية النيجر"
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
                if tok in _TITLE_FILLERS and j > i:
                    j += 1
                    continue
                skip = self._inner_words(norm, tokens, layer, j, sentence) \
                    if (roles or bodies) and not countries and not counterpart else 0
                if skip:
                    j += skip
                    continue
                break
            if j > i and _PUNCT_BREAK.search(_between(norm, tokens, j)):
                break
            if m.kind in _GROUP_KINDS and countries and m.kind in ("office", "honorific") \
                    and len(m.extra["entry"].key) == 1 and not self._name_follows(tokens, layer, m.tok_end, sentence):
                break  # "أطلع الرئيس الأمريكي الأمير على …": a second person, not a further title
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
            if m.kind == "nisba":
                if m.tok_end < n and strip_article(tokens[m.tok_end].text) in ("صنع", "صناعه"):
                    break  # "منظومات الدفاع الجوي الأمريكية الصنع": where the weapons were made
                if m.country and m.country not in countries:
                    countries.append(m.country)
                    how = "explicit nationality"
                j = m.tok_end
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
                if prev not in _LOCATION_PREPS and not m.extra.get("clitic") or tok.startswith("ل") and not roles:
                    countries.append(m.country)
                    how = "country in genitive"
                    j = m.tok_end
                    continue
                if m.extra.get("clitic") and tok.startswith(("ل", "لل", "ب")) and (roles or modifiers or bodies):
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
                              after_honorific=last is not None and last.kind == "honorific")
        if span is None and roles and j < n and tokens[j].sentence == sentence \
                and _between(norm, tokens, j).strip() in (",", "،"):
            # "رئيس المجلس الرئاسي الليبي، محمد المنفي، …": the name in apposition after a comma
            span = self._name_in_commas(norm, tokens, layer, j, sentence, trigger_tokens)
        if span is None and roles and not counterpart:
            span = self._name_before(norm, tokens, layer, i, sentence, trigger_tokens)
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
            ostart, oend = norm.to_original(tokens[a].nstart, tokens[b - 1].nend)
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
            ostart, oend = norm.to_original(tokens[span[0]].nstart, tokens[span[1] - 1].nend)
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

    @staticmethod
    def _surname_city(norm, tokens, j: int, city: Mention) -> bool:
        if city.extra.get("clitic") or city.extra["entry"].data.get("capital"):
            return False
        end = city.tok_end
        return end >= len(tokens) or tokens[end].sentence != tokens[j].sentence \
            or bool(_PUNCT_BREAK.search(_between(norm, tokens, end)))

    def _name_in_commas(self, norm, tokens, layer, j: int, sentence: int, trigger_tokens) -> tuple[int, int] | None:
        span = self.read_name(norm, tokens, layer, j, sentence, trigger_tokens, open_gap=True)
        if span is None or span[1] - span[0] < 2:
            return None
        end = span[1]
        closed = end >= len(tokens) or tokens[end].sentence != sentence \
            or _PUNCT_BREAK.search(_between(norm, tokens, end))
        return span if closed else None

    def _name_before(self, norm, tokens, layer, i: int, sentence: int, trigger_tokens) -> tuple[int, int] | None:
        """"… إن صدام حفتر نائب قائدها …": two or three name words right before a title,
        opened by a clause boundary."""
        for length in (3, 2):
            a = i - length
            if a < 0 or tokens[a].sentence != sentence:
                continue
            if any(k in layer.covered or k in trigger_tokens for k in range(a, i)):
                continue
            if any(_PUNCT_BREAK.search(_between(norm, tokens, k)) for k in range(a + 1, i + 1)):
                continue
            if not all(self._name_like(tokens[k].text, first=(k == a)) for k in range(a, i)):
                continue
            opened = a == 0 or tokens[a - 1].sentence != sentence \
                or _PUNCT_BREAK.search(_between(norm, tokens, a)) or tokens[a - 1].text in _CLAUSE_OPENERS
            if opened:
                return a, i
        return None

    def _inner_words(self, norm, tokens, layer: MentionLayer, j: int, sentence: int) -> int:
        """How many unknown words ("فيلق مشاة", "لشؤون المحاربين القدامى") sit between an office
        and the body or nationality that completes it; 0 when nothing completes it."""
        portfolio = tokens[j].text.startswith("و") and self._portfolio_then_comma(norm, tokens, layer, j)
        if portfolio:
            return portfolio
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

    def _name_follows(self, tokens, layer: MentionLayer, k: int, sentence: int) -> bool:
        if k >= len(tokens) or tokens[k].sentence != sentence:
            return False
        return k not in layer.covered and self._name_like(tokens[k].text, first=True, after_rank=True) \
            or tokens[k].text in _NAME_PARTICLES or layer.by_token.get(k) is not None

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

    @staticmethod
    def _nisba_within(layer: MentionLayer, tokens, k: int, sentence: int, span: int = 3) -> bool:
        for q in range(k, min(k + span, len(tokens))):
            if tokens[q].sentence != sentence:
                return False
            m = layer.by_token.get(q)
            if m is not None:
                return m.kind == "nisba"
        return False

    def _link_names(self, norm, tokens, layer, actors: list[ActorMention], persons: list[Person]) -> None:
        """Later mentions of a person by full name or surname alone become actors."""
        if not persons:
            return
        keys: dict[tuple[str, ...], Person] = {}
        for p in persons:
            parts = tuple(strip_article(w) for w in norm_words(p.name))
            if not parts:
                continue
            keys.setdefault(parts, p)
            if len(parts) >= 2:
                keys.setdefault((parts[-1],), p)
                if parts[-1] in _NAME_PARTICLES:
                    continue
                keys.setdefault((parts[0], parts[-1]), p)
        taken = {t for a in actors for t in range(a.tok_start, a.tok_end)}
        i = 0
        while i < len(tokens):
            if i in taken or i in layer.covered:
                i += 1
                continue
            matched = None
            for length in (4, 3, 2, 1):
                if i + length > len(tokens) or tokens[i + length - 1].sentence != tokens[i].sentence:
                    continue
                words = tuple(strip_article(t.text.lstrip("وف") if k == 0 and len(t.text) > 4 and
                                            t.text[0] in "وف" and strip_article(t.text[1:]) in
                                            {w for key in keys for w in key} else t.text)
                              for k, t in enumerate(tokens[i:i + length]))
                p = keys.get(words)
                if p is not None and length == 1 and is_stopword(self.lex, tokens[i].text):
                    p = None  # "صباح اليوم" is the morning, not Sheikh Sabah
                if p is not None and len(words[0]) > 2:
                    matched = (length, p)
                    break
            if matched:
                length, p = matched
                ostart, oend = norm.to_original(tokens[i].nstart, tokens[i + length - 1].nend)
                actors.append(ActorMention("person-ref", tokens[i].sentence, i, i + length, ostart, oend,
                                           norm.original[ostart:oend], [], p.sector, p.role, p,
                                           "person named before"))
                i += length
            else:
                i += 1
        actors.sort(key=lambda a: a.tok_start)

    @staticmethod
    def _specific(actors: list[ActorMention], k: int, by_name: dict, body_country: dict) -> tuple[str | None, str]:
        """A country for actors[k] from the text around it: the person named before, a title in
        apposition, "الجانب التركي" before it, or a body named before with its country."""
        a = actors[k]
        if a.person is not None:
            found = next((by_name[key] for key in _name_keys(a.person.name) if key in by_name), None)
            if found is not None:
                return found, "the same person named before with a nationality"
        prev = actors[k - 1] if k > 0 else None
        coordinated = a.conjoined
        # In a chain "NAME، OFFICE، OFFICE" every link names the same person.
        chained = prev is not None and prev.kind == "group" and prev.person is not None \
            and prev.sentence == a.sentence and a.tok_start == prev.tok_end
        # "… الجيش اللبناني للتجهيز العميد …": one specifying word may sit between
        adjacent = prev is not None and (a.tok_start == prev.tok_end or (
            a.tok_start - prev.tok_end == 1 and a.preposition.startswith(("لل", "ال"))))
        if prev is not None and prev.countries and prev.kind == "group" and prev.sentence == a.sentence \
                and adjacent and not coordinated and not (a.office and prev.office) \
                and not _two_named_ranks(a, prev):
            return prev.countries[0], "in apposition to a title with a nationality"
        nxt = actors[k + 1] if k + 1 < len(actors) else None
        gap_ok = nxt is not None and (nxt.tok_start == a.tok_end or (
            nxt.tok_start - a.tok_end == 1 and nxt.preposition == "من"))  # "… من الجيش البريطاني"
        if nxt is not None and nxt.countries and nxt.kind == "group" and nxt.sentence == a.sentence \
                and gap_ok and not nxt.conjoined and not _two_named_ranks(a, nxt) \
                and not (a.office and nxt.office and not chained):
            return nxt.countries[0], "in apposition to a title with a nationality"
        if nxt is not None and nxt.countries and nxt.kind == "group" and not nxt.office and a.office \
                and nxt.sentence == a.sentence and nxt.preposition == "في" and 0 < nxt.tok_start - a.tok_end <= 3:
            return nxt.countries[0], "its post is in a body with a nationality"
        if prev is not None and prev.kind == "nisba" and prev.sentence == a.sentence \
                and a.tok_start - prev.tok_end <= 1 and prev.preposition.endswith("جانب"):
            return prev.country, "named as one side (الجانب التركي …)"
        known = [next(iter(body_country[b])) for b in a.bodies if len(body_country.get(b, ())) == 1]
        if known:
            return known[0], "the same body named before with its country"
        return None, ""

    def _delegation_members(self, actors: list[ActorMention]) -> None:
        """"وفد سوري ضم وزير الخارجية … ووزير الدفاع …": members take the delegation's country."""
        leader: ActorMention | None = None
        last_member: ActorMention | None = None
        for a in actors:
            if a.kind == "group" and a.countries and "delegation" in " ".join(a.heads):
                leader, last_member = a, None
                continue
            if leader is None or a.sentence != leader.sentence or a.kind != "group" or a.countries:
                continue
            linked = a.tok_start - leader.tok_end <= 8 and set(self._tokens[leader.tok_end:a.tok_start]) & _LEADER_LINKS
            # "… ضم وزير الخارجية أسعد الشيباني ووزير الدفاع …": the next member, joined by و
            listed = last_member is not None and a.conjoined and a.tok_start - last_member.tok_end <= 1
            if linked or listed:
                a.countries, a.how = list(leader.countries[:1]), "member of a delegation with a nationality"
                if a.person is not None and a.person.country is None:
                    a.person.country, a.person.how = a.countries[0], a.how
                last_member = a

    def _resolve(self, actors: list[ActorMention], persons: list[Person], home: str | None,
                 dateline: str | None = None) -> None:
        """Give a country to actors the text names without one, most specific evidence first.

        The outlet's home country is the last resort; a dateline abroad ("الدوحة 22 سبتمبر
        (شينخوا)") replaces it, since an agency reporting from a foreign capital names that
        country's officials without nationality too.
        """
        if dateline and dateline != home:
            home = dateline
        mentioned = {c for a in actors for c in a.countries}
        outlet_home = home
        if home and home not in mentioned:
            home = None
        by_name: dict[tuple[str, ...], str] = {}
        role_country: dict[str, set[str]] = {}
        body_country: dict[str, set[str]] = {}
        for a in actors:
            if a.kind == "group" and a.countries:
                if a.person is not None:
                    for k in _name_keys(a.person.name):
                        by_name.setdefault(k, a.countries[0])
                for role in a.roles:
                    role_country.setdefault(role, set()).add(a.countries[0])
                for body in a.bodies:
                    body_country.setdefault(body, set()).update(a.countries)
        self._delegation_members(actors)
        # Specific evidence first, twice, so that a person resolved in one sentence
        # resolves the same person elsewhere.
        for _ in range(2):
            for k, a in enumerate(actors):
                if a.kind != "group" or a.countries:
                    continue
                found, how = self._specific(actors, k, by_name, body_country)
                if found is not None:
                    a.countries, a.how = [found], how
                    if a.person is not None:
                        for key in _name_keys(a.person.name):
                            by_name.setdefault(key, found)
        for k, a in enumerate(actors):
            if a.kind == "counterpart" and not a.countries:
                # "وصل الوزير الإيطالي إلى الجزائر … مع نظيره أحمد عطاف": the host's minister
                before = next((b for b in reversed(actors[:k]) if a.sentence - 1 <= b.sentence <= a.sentence
                               and b.kind in ("group", "person-ref") and b.countries), None)
                places = [b.countries[0] for b in actors if a.sentence - 1 <= b.sentence <= a.sentence
                          and b.countries and b.kind in ("city", "country") and b.tok_end <= a.tok_start
                          and (before is None or b.countries[0] != before.countries[0])]
                found, how = None, ""
                if before is not None and len(set(places)) == 1:
                    found, how = places[0], "counterpart in the country the visitor came to"
                elif before is not None:
                    # "… نظيره عبد الأمير الشمري. وأكد الوزير العراقي …": named with his state next
                    later = next((b for b in actors[k + 1:] if b.sentence == a.sentence + 1 and b.kind == "group"
                                  and b.office and b.countries and b.countries[0] != before.countries[0]), None)
                    if later is not None:
                        found, how = later.countries[0], "counterpart whose state the next sentence gives"
                if found is not None:
                    a.countries, a.how = [found], how
                    if a.person is not None and a.person.country is None:
                        a.person.country, a.person.how = found, how
        for a in actors:
            if a.kind == "group" and not a.countries:
                if home and (a.role or a.bodies) and a.sector != "OTH":
                    # a company's chairman is not the outlet's official
                    a.countries, a.how = [home], "home country of the outlet"
                elif a.office and (known := [r for r in a.roles if len(role_country.get(r, ())) == 1]):
                    a.countries = [next(iter(role_country[known[0]]))]
                    a.how = "the same office named before with its country"
            if a.person is not None and a.countries and a.person.country is None:
                a.person.country = a.countries[0]
                a.person.how = a.how
        if outlet_home and home is None:
            # "تلقى رئيس الجمهورية … اتصالا من نظيره التركي": an untitled official facing a
            # foreign one belongs to the outlet's country even when the story never names it.
            for a in actors:
                if a.kind == "group" and not a.countries and a.role and a.sector != "OTH" and any(
                        b.kind == "counterpart" and b.sentence == a.sentence and b.countries
                        and b.countries[0] != outlet_home for b in actors):
                    a.countries = [outlet_home]
                    a.how = "home country of the outlet (its counterpart is foreign)"
                    if a.person is not None and a.person.country is None:
                        a.person.country = outlet_home
                        a.person.how = a.how

        for a in actors:
            if a.kind == "person-ref" and a.person is not None and a.person.country:
                a.countries = [a.person.country]
                a.sector = a.person.sector or a.sector
                a.resident = any(r in (a.person.role or "") for r in _RESIDENT_ROLES)
        # A named official whose state nothing in the text gives is most likely of the state
        # the story is mostly about; the person record says it is a guess.
        # Ambassadors and attachés are guests: their states are not where the story happens.
        counts: dict[str, int] = {}
        for a in actors:
            if a.resident:
                continue
            for c in a.countries:
                if len(c) == 3 and a.kind != "org":
                    counts[c] = counts.get(c, 0) + (2 if a.kind == "group" else 1)
        if counts:
            main = max(counts, key=lambda c: counts[c])
            for p in persons:
                if p.country is None:
                    p.country, p.how = main, "the state the story names most (a guess)"


def _name_keys(name: str) -> list[tuple[str, ...]]:
    """Ways a person is named again: in full, by the first two names, by the family name."""
    parts = tuple(strip_article(w) for w in norm_words(name))
    keys = [parts]
    if len(parts) >= 3 and parts[1] not in _NAME_PARTICLES:
        keys.append(parts[:2])
    if len(parts) >= 2 and parts[-1] not in _NAME_PARTICLES:
        keys.append((parts[-1],))
    return keys


def _dateline_country(norm: NormalisedText, tokens: list[Token], actors: list[ActorMention]) -> str | None:
    """The country of a dateline city opening one of the first lines ("الدوحة 22 سبتمبر (شينخوا)")."""
    for a in actors:
        if a.sentence > 3:
            break
        if a.kind != "city" or not a.countries:
            continue
        first_of_sentence = a.tok_start == 0 or tokens[a.tok_start - 1].sentence != a.sentence
        if not first_of_sentence or a.tok_end >= len(tokens):
            continue
        gap = _between(norm, tokens, a.tok_end)
        if "(" in gap or "-" in gap or "/" in gap or tokens[a.tok_end].text.isdigit():
            return a.countries[0]
    return None


def _quoted_name(norm: NormalisedText, tokens: list[Token], m: Mention) -> bool:
    """A place name set in quotes, or right after شركة, names something else."""
    before = _between(norm, tokens, m.tok_start)
    after = _between(norm, tokens, m.tok_end) if m.tok_end < len(tokens) else ""
    if '"' in before and ('"' in after or m.tok_end < len(tokens) and '"' in _between(norm, tokens, m.tok_end + 1)):
        return True
    return m.tok_start > 0 and strip_article(tokens[m.tok_start - 1].text) in ("شركه", "مجموعه", "جامعه")


def _two_named_ranks(a: ActorMention, b: ActorMention) -> bool:
    """"التقى الفريق أحمد خليفة الفريق أول متين غوراك": two named officers side by side are two people."""
    return a.person is not None and b.person is not None and not a.office and not b.office


def _conjoined(word: str, m: Mention | None) -> bool:
    """The word carries a conjunction و that is not part of the title itself (وزير، ولي العهد)."""
    if not word.startswith("و"):
        return False
    if m is None:
        return True
    return bool(m.extra.get("clitic")) and not m.extra["entry"].key[0].startswith("و")


def resident_title(roles: list[str]) -> bool:
    return any(r in role for role in roles for r in _RESIDENT_ROLES)


def _preposition_token(tokens: list[Token], i: int, norm: NormalisedText) -> str:
    if i > 0 and tokens[i - 1].sentence == tokens[i].sentence:
        return tokens[i - 1].text
    return ""


def norm_words(text: str) -> list[str]:
    from rasad.text.normalise import normalise_string

    return re.findall(r"[\u0621-\u064a]+", normalise_string(text))
