"""Personal names: where a name after a title starts and ends, names written before their
title or set off by commas, and later mentions of a person by name or surname alone."""

from __future__ import annotations

import re

from rasad.extract.actor_base import (
    _CLAUSE_OPENERS,
    _COUNTERPART,
    _FILIATION,
    _LATIN_NAME,
    _MAX_NAME_TOKENS,
    _NAME_PARTICLES,
    _PUNCT_BREAK,
    ActorMention,
    _between,
    norm_words,
)
from rasad.extract.mentions import MentionLayer
from rasad.extract.translit import name_table
from rasad.lexicon.load import is_stopword, official_key
from rasad.lexicon.matcher import strip_article
from rasad.model import Mention, Person, Token
from rasad.text.normalise import NormalisedText

# Words after which a name may open before its title: "التقى … بـ ميشال منسى وزير الدفاع",
# "اتصالا من معالي حسين أمير عبداللهيان وزير خارجية إيران".
_NAME_OPENERS = {"مع", "من", "ب", "بـ", "معالي", "السيد", "السيده", "الرئيس", "الشيخ", "الامير"}


# Ordinals of monarchs, normalised ("الملك عبد الله الثاني", "الملك محمد السادس").
_REGNAL = {"الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن"}


def name_start(tokens: list[Token], first: int) -> int:
    """Where a name that starts at token `first` begins in the normalised text: after the
    conjunction of "وعبد اللطيف" or "وخلدون", which is not a name that begins with و (وليد)."""
    word = tokens[first].text
    rest = word[1:]
    if word.startswith("و") and len(rest) >= 3 and (word,) not in name_table() \
            and ((rest,) in name_table() or rest == "عبد"):
        return tokens[first].nstart + 1
    return tokens[first].nstart


class NameReader:
    """Reads personal names; mixed into the actor finder, which provides ``lex``."""

    def _name_like(self, tok: str, first: bool, after_rank: bool = False) -> bool:
        if _LATIN_NAME.fullmatch(tok):
            return True  # names are sometimes left in Latin script ("السيدة Sandra De Waele")
        if not re.fullmatch(r"[\u0621-\u064a]+", tok) or len(tok) < 2 or _COUNTERPART.match(tok):
            return False  # ("نظيرتها" is the counterpart met, not a name)
        if is_stopword(self.lex, tok) and (tok in self.lex.stopwords or (tok,) not in name_table()):
            return False  # a stopword with a clitic may be a given name ("فيصل" is not ف + "يصل")
        if first and tok.startswith(("وال", "بال", "لل")):
            return False
        if first and tok.startswith("و") and (tok,) not in name_table() and (tok[1:],) not in name_table():
            return False  # "ويتلقى", "وأكد": a conjunction and a verb, not a name (وليد، وائل are)
        # A name rarely opens with the article, except right after a rank ("الفريق أول السعيد …")
        # or when the rest is a given name ("رئيس الوزراء التونسي الحبيب الصيد").
        return not (first and tok.startswith("ال") and not after_rank and (tok[2:],) not in name_table())

    def _foreign_wa_name(self, tok: str) -> bool:
        """"وونغ", "ويليامز": a foreign name that begins with و, not و and a word or a name."""
        rest = tok[1:]
        if (tok,) in name_table():
            return True
        return (rest,) not in name_table() and not is_stopword(self.lex, rest) and not rest.startswith("ال") \
            and tok[:2] in ("وو", "وي", "وا")

    def read_name(self, norm: NormalisedText, tokens: list[Token], layer: MentionLayer,
                  i: int, sentence: int, trigger_tokens: set[int], after_rank: bool = False,
                  after_honorific: bool = False, open_gap: bool = False,
                  family_nisba: bool = False) -> tuple[int, int] | None:
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
            if family_nisba and j - i >= 2 and covered is not None and covered.kind == "nisba" \
                    and tok.startswith("ال") and covered.tok_end == j + 1:
                # "رئيس الوزراء العراقي محمد شياع السوداني": the title has its state already, so
                # an adjective after two name words is the family name
                j += 1
                break
            if j - i >= 2 and covered is not None and covered.kind == "nisba" and covered.tok_end == j + 1 \
                    and official_key(" ".join(t.text for t in tokens[i:j + 1])) in self.lex.officials:
                j += 1  # "محمد شياع السوداني": a well-known official whose family name is an adjective
                break
            if j == i and covered is not None and covered.tok_end == j + 1 and (
                    covered.kind in ("country", "city") and tok in self._words["place_given_names"]
                    or covered.kind == "nisba" and tok in self._words["nisba_given_names"]) \
                    and j + 1 < len(tokens) and tokens[j + 1].sentence == sentence \
                    and j + 1 not in layer.covered and self._name_like(tokens[j + 1].text, first=False):
                j += 1  # "جورجيا ميلوني", "تركي بن بندر": a given name that is also a place or a state's adjective
                continue
            if covered is not None and covered.kind in ("office", "rank") and covered.tok_end == j + 1 \
                    and tok in self._words["title_given_names"] and j + 1 < len(tokens) \
                    and tokens[j + 1].sentence == sentence and j + 1 not in layer.covered \
                    and self._name_like(tokens[j + 1].text, first=False):
                j += 1  # "حسين أمير عبداللهيان": a title that is also a given name
                continue
            if j in layer.covered or j in trigger_tokens:
                break
            if tok in _NAME_PARTICLES:
                j += 1
                continue
            if j > i and tok in _REGNAL:
                j += 1  # "عبد الله الثاني", "محمد السادس": the ordinal of a monarch ends the name
                break
            if j - i >= 2 and tokens[j - 2].text in _FILIATION and not tok.startswith("ال"):
                break  # after "بن سلمان" only another particle or a family name in ال- follows
            # After an honorific (الشيخ، الأمير) a name follows even if it is also a common word (صباح).
            honoured = j == i and after_honorific and j + 1 < len(tokens) \
                and self._name_like(tokens[j + 1].text, first=False)
            # "علي" (Ali) and "على" (on) fold to one form; the written ي tells the name.
            ali = tok == "علي" and norm.original[norm.origin[tokens[j].nend - 1]] == "ي"
            # "الرئيس السيسي": a well-known official's family name, article and all
            known = j == i and tok.startswith("ال") and (strip_article(tok),) in self.lex.officials
            # "ألينا", "ألكسندر": written with hamza, the letters are not the article
            known = known or j == i and tok.startswith("ال") and norm.original[norm.origin[tokens[j].nstart]] in "أإآ" \
                and not is_stopword(self.lex, tok)  # "إلى" is a preposition, not "ألينا"
            if not (after_particle and re.fullmatch(r"[\u0621-\u064a]+", tok)) and not honoured and not ali \
                    and not known \
                    and not self._name_like(tok, first=(j == i), after_rank=after_rank):
                break
            if j > i and tok.startswith("و") and tokens[j - 1].text not in _NAME_PARTICLES and len(tok) > 3 \
                    and not self._foreign_wa_name(tok):
                break  # "واللواء …", "ومحمد …": a coordinated second actor, not part of this name
            j += 1
        while j > i and tokens[j - 1].text in _NAME_PARTICLES:
            j -= 1
        if j == i:
            return None
        return i, j

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
        """"… إن صدام حفتر نائب قائدها …": two to five name words right before a title, opened
        by a clause boundary, a verb or a preposition."""
        # "التقى بدر عبد العاطي، وزير الخارجية …": a comma may set the title off the name
        # … and quotes may set the name off ("استقبل "عبد اللطيف لوديي"، الوزير المنتدب")
        gap = _between(norm, tokens, i).replace('"', "").strip()
        comma = gap in (",", "،", "")
        if not comma and _PUNCT_BREAK.search(gap):
            return None
        for length in (5, 4, 3, 2):
            a = i - length
            if a < 0 or tokens[a].sentence != sentence:
                continue
            if self._words_of_name(norm, tokens, layer, a, i, trigger_tokens) \
                    and self._opens_name(norm, tokens, a, sentence, trigger_tokens):
                return a, i
        return None

    def _words_of_name(self, norm, tokens, layer, a: int, i: int, trigger_tokens) -> bool:
        if any(k in layer.covered or k in trigger_tokens for k in range(a, i)):
            return False
        if any(_PUNCT_BREAK.search(_between(norm, tokens, k)) for k in range(a + 1, i)):
            return False  # a name in quotes is whole: no quote or comma inside it
        if not all(self._name_like(tokens[k].text, first=(k == a)) or (k > a and tokens[k].text in _NAME_PARTICLES)
                   for k in range(a, i)):
            return False
        # four or five words before a title are a name only with بن/ولد in it
        return i - a <= 3 or any(tokens[k].text in _FILIATION for k in range(a, i))

    @staticmethod
    def _opens_name(norm, tokens, a: int, sentence: int, trigger_tokens) -> bool:
        return a == 0 or tokens[a - 1].sentence != sentence \
            or bool(_PUNCT_BREAK.search(_between(norm, tokens, a).replace('"', ""))) \
            or tokens[a - 1].text in _CLAUSE_OPENERS or (a - 1) in trigger_tokens or tokens[a - 1].text in _NAME_OPENERS

    def _name_follows(self, tokens, layer: MentionLayer, k: int, sentence: int) -> bool:
        if k >= len(tokens) or tokens[k].sentence != sentence:
            return False
        return k not in layer.covered and self._name_like(tokens[k].text, first=True, after_rank=True) \
            or tokens[k].text in _NAME_PARTICLES or layer.by_token.get(k) is not None

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
        name_words = {w for key in keys for w in key}

        def key_word(text: str, first: bool) -> str:
            # "وغولر": a conjunction on the first word of a name mentioned again
            if first and len(text) > 4 and text[0] in "وف" and strip_article(text[1:]) in name_words:
                text = text[1:]
            return strip_article(text)

        i = 0
        while i < len(tokens):
            if i in taken or i in layer.covered or key_word(tokens[i].text, True) not in name_words:
                i += 1
                continue
            matched = None
            for length in (4, 3, 2, 1):
                if i + length > len(tokens) or tokens[i + length - 1].sentence != tokens[i].sentence:
                    continue
                words = tuple(key_word(t.text, k == 0) for k, t in enumerate(tokens[i:i + length]))
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
