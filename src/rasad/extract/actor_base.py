"""What the actor stages share: the actor record, the word lists that shape title chains
and names, and small helpers over tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rasad.lexicon.matcher import strip_article
from rasad.model import Mention, Person, Token
from rasad.text.normalise import NormalisedText

_GROUP_KINDS = {"office", "rank", "honorific", "modifier", "institution"}
_PLURAL_ROLE = re.compile(r"(?:ors|ers|ffs|efs|ies)$")  # "ambassadors", "ministers", "chiefs of staff"
_STATES_WORD = re.compile(r"^[بل]?(?:ال)?دول$")
_COUNTERPART = re.compile(r"^[وف]?[بل]?(?:ال)?(?:نظير(?:ه|ها|هم|يه|يها|تها|ته)?|نظراء|نظراءه|نظراي(?:ه|ها|هم))$")
# The two sides, and two officials named as a pair ("الوزيران", "الرئيسين", "الزعيمان").
_PAIR_WORDS = re.compile(r"^[وفبل]*(?:ال)?(?:جانبين|جانبان|بلدين|بلدان|طرفين|طرفان|دولتين|دولتان"
                         r"|وزيران|وزيرين|رييسان|رييسين|زعيمان|زعيمين|حكومتان|حكومتين|جيشان|جيشين|بحريتان|بحريتين|وزارتان|وزارتين|وزارتي|وزارتا)$")
_NAME_PARTICLES = {"بن", "ابن", "بنت", "ال", "ولد", "عبد", "ابو", "ابي", "ام", "بو", "اب", "دي", "فان", "فون"}
CLAUSE_MARKS = re.compile(r"[,،.;:()«»\"]")  # marks that end a phrase: nothing reaches across them
_PUNCT_BREAK = re.compile(r"[,،.;:()\[\]\"'«»!?؟\-–—/|]")
_MAX_NAME_TOKENS = 7  # "محمد بن سلمان بن عبدالعزيز آل سعود"
_FILIATION = {"بن", "ابن", "بنت"}
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'’.]+|[Dd]e|[Vv]an|[Vv]on|[Dd]a|[Ll]e|[Ll]a|bin")
# Function words that end a title chain: an unknown word before them is not part of the title.
_CLAUSE_OPENERS = {"ان", "بان", "وان", "لان", "حضره", "حضرها", "بحضور", "وبحضور", "قال", "قالت", "اكد", "اكدت"}
_CHAIN_BREAKERS = {"في", "الي", "من", "مع", "علي", "عن", "لدي", "خلال", "بعد", "قبل", "الذي", "التي", "ان", "و"}
_MILITARY_NOUN = re.compile(r"عسكري|حربي|بحري|جوي|قوات|جيش|مقاتل|طائر|مسير|سفن|سفين|فرقاط")
# Bodies every state has: naming one says nothing about which state it is.
_GENERIC_BODIES = {"army", "armed forces", "forces", "government", "delegation", "official delegation",
                   "military delegation", "ministry of defence", "ministry of foreign affairs", "authorities",
                   "foreign ministry", "council of ministers",
                   "units", "company", "fund", "agency"}
_RESIDENT_ROLES = ("ambassador", "chargé", "consul", "attaché", "embassy", "consulate")


@dataclass(slots=True)
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
    plural: bool = False  # a nationality adjective in the plural: people of that state ("مدربون روس")

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
    if m.tok_start > 0 and tokens[m.tok_start - 1].sentence == m.sentence \
            and not _PUNCT_BREAK.search(_between(norm, tokens, m.tok_start)):
        return _preposition_token(tokens, m.tok_start, norm)
    return ""



_NAMED_BY_NEXT = frozenset({"شركه", "مجموعه", "جامعه", "تمرين", "مناورات", "مناوره", "عمليه"})
# An adjective agrees with the exercise it follows and names who takes part ("التمرين المصري
# السعودي"); a company or a university may bear a nationality in its name ("الجامعة الأمريكية").
_PARTIES_BY_ADJECTIVE = frozenset({"تمرين", "مناورات", "مناوره"})


def _quoted_name(norm: NormalisedText, tokens: list[Token], m: Mention) -> bool:
    """A place name set in quotes, or right after شركة, names something else."""
    before = _between(norm, tokens, m.tok_start)
    after = _between(norm, tokens, m.tok_end) if m.tok_end < len(tokens) else ""
    if '"' in before and ('"' in after or m.tok_end < len(tokens) and '"' in _between(norm, tokens, m.tok_end + 1)):
        return True
    # "شركة …", "تمرين حماة النيل": a company's, a university's or an exercise's name
    head = strip_article(tokens[m.tok_start - 1].text) if m.tok_start > 0 else ""
    if head in _PARTIES_BY_ADJECTIVE and m.kind == "nisba":
        return False
    return head in _NAMED_BY_NEXT


def _conjoined(word: str, m: Mention | None) -> bool:
    """The word carries a conjunction و that is not part of the title itself (وزير، ولي العهد)."""
    if not word.startswith("و"):
        return False
    if m is None:
        return True
    return bool(m.extra.get("clitic")) and not m.extra["entry"].key[0].startswith("و")


_OCCASION_NOUN = re.compile(r"قمه|هامش|اجتماع|اجتماعات|مؤتمر|منتدي|دوره|اعمال")
_TOPIC_REACH = 5  # words from "الأوضاع في" to a place it still governs
RELATION_NOUNS = frozenset({"علاقات", "علاقه", "تعاون", "شراكه", "تنسيق"})  # after strip_article


def talked_about(a: ActorMention, words: list[str], word_classes: dict[str, frozenset[str]]) -> bool:
    """"بحث الأوضاع في ليبيا", "حول السودان", "العلاقات مع الهند": a place that is talked
    about, not a party to the occasion nor where it happens. `words`: the document's tokens."""
    if a.kind not in ("country", "city", "org"):
        return False
    if a.preposition in word_classes["topic_prepositions"]:
        return True
    if strip_article(a.preposition.lstrip("وب")) in word_classes["pavilion_nouns"]:
        return True  # "جناح جمهورية كوريا في المعرض": a state's stand, at home
    k = a.tok_start - 2
    if strip_article(a.preposition.lstrip("وب")) in word_classes["place_nouns"] and k >= 0:
        # "التطورات في قطاع غزة", "إعادة إعمار مدينة الموصل": the place noun stands between
        if _topic_noun(words[k], word_classes):
            return True
        return words[k] == "في" and k >= 1 and _topic_noun(words[k - 1], word_classes)
    if a.preposition == "مع" and k >= 0 and strip_article(words[k].lstrip("وب")) in RELATION_NOUNS:
        return True
    if a.preposition == "بين":
        # "بحث التوتر القائم على الحدود بين الهند وباكستان": a quarrel between them, talked about
        return any(_topic_noun(words[q], word_classes) for q in range(max(0, a.tok_start - _TOPIC_REACH - 1),
                                                                      a.tok_start - 1))
    return a.preposition == "في" and k >= 0 and _topic_noun(words[k], word_classes)


def _topic_noun(word: str, word_classes: dict[str, frozenset[str]]) -> bool:
    """"التطورات", and "والتطورات" after another topic ("العلاقات الثنائية والتطورات في غزة")."""
    nouns = word_classes["topic_nouns"]
    return word in nouns or word[:1] in ("و", "ف") and word[1:] in nouns


def topics(actors: list[ActorMention], words: list[str], word_classes: dict[str, frozenset[str]]) -> set[int]:
    """ids of the places talked about, and of the places listed after one ("الأوضاع في سوريا
    ولبنان واليمن", "في شرق المتوسط وليبيا والسودان": the list goes on from the topic)."""
    out: set[int] = set()
    chain_end = -1
    for a in sorted(actors, key=lambda a: a.tok_start):
        if a.kind not in ("country", "city", "org"):
            chain_end = -1
            continue
        joined = a.tok_start == chain_end and words[a.tok_start].startswith("و")
        # "الأوضاع في شرق المتوسط وليبيا": a few words after "topic في" are still the topic
        after_topic = words[a.tok_start].startswith("و") and any(
            _topic_noun(words[k], word_classes) and words[k + 1] == "في"
            for k in range(max(0, a.tok_start - _TOPIC_REACH), a.tok_start - 1))
        # "على هامش قمة الاتحاد الإفريقي": an organisation that names the occasion is no party
        occasion = a.kind == "org" and bool(_OCCASION_NOUN.search(a.preposition))
        if talked_about(a, words, word_classes) or joined or after_topic or occasion:
            out.add(id(a))
            chain_end = a.tok_end
        else:
            chain_end = -1
    return out


def is_delegation(a: ActorMention) -> bool:
    """A delegation ("وفد", "وفدا عسكريا"): a body that travels and is received as a party."""
    return any("delegation" in h for h in a.heads)


def resident_title(roles: list[str]) -> bool:
    return any(r in role for role in roles for r in _RESIDENT_ROLES)


def _preposition_token(tokens: list[Token], i: int, norm: NormalisedText) -> str:
    if i > 0 and tokens[i - 1].sentence == tokens[i].sentence:
        prev = tokens[i - 1].text
        if prev == "من" and i > 2 and tokens[i - 2].text == "كل" and tokens[i - 3].text == "مع":
            return "مع"  # "مع كل من الرئيس …" ("with both …"): the من of كل من says nothing of origin
        return prev
    return ""


def norm_words(text: str) -> list[str]:
    from rasad.text.normalise import join_name_compounds, normalise_string

    return join_name_compounds(re.findall(r"[\u0621-\u064a]+", normalise_string(text)))
