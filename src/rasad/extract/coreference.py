"""Coreference: giving a state to officials the sentence names without one, from a person
named before, a title in apposition, a delegation they belong to, a body named before with
its state, the outlet's home country or a dateline, in that order."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rasad.extract.actor_base import (
    _NAME_PARTICLES,
    _RESIDENT_ROLES,
    CLAUSE_MARKS,
    ActorMention,
    _between,
    is_delegation,
    norm_words,
    topics,
)
from rasad.lexicon.matcher import strip_article
from rasad.model import Person, Token
from rasad.text.normalise import NormalisedText

_DELEGATION_REACH = 4  # "وفدا من كبار المسؤولين الأمنيين الليبيين": words from the delegation to the adjective
_ALSO = re.compile(r"اضافه الي|الي جانب|فضلا عن|بالاضافه الي")


def _named_before(named: Iterable[tuple[int, str]], sentence: int) -> set[str]:
    """The states a body or office was named with in earlier sentences. Two holders of one office
    in a sentence ("التقى وزير الخارجية وزير الخارجية البريطاني") are two people, of two states;
    an office named later with a state is more often the counterpart than the same person."""
    return {c for s, c in named if s < sentence}


class Resolver:
    """Resolves actors' states; mixed into the actor finder, which provides ``_tokens``."""

    def _specific(self, actors: list[ActorMention], k: int, by_name: dict,
                  body_country: dict) -> tuple[str | None, str]:
        """A country for actors[k] from the text around it: the person named before, a title in
        apposition, "الجانب التركي" before it, or a body named before with its country."""
        a = actors[k]
        if a.person is not None:
            found = next((by_name[key] for key in _name_keys(a.person.name) if key in by_name), None)
            if found is not None:
                return found, "the same person named before with a nationality"
            known = self._known_official(a.person.name)
            if known is not None:
                return known, "a well-known official of that state (officials.tsv)"
        prev = actors[k - 1] if k > 0 else None
        coordinated = a.conjoined
        # In a chain "NAME، OFFICE، OFFICE" every link names the same person.
        chained = prev is not None and prev.kind == "group" and prev.person is not None \
            and prev.sentence == a.sentence and a.tok_start == prev.tok_end
        # "… الجيش اللبناني للتجهيز العميد …": one specifying word may sit between
        adjacent = prev is not None and (a.tok_start == prev.tok_end or (
            a.tok_start - prev.tok_end == 1 and a.preposition.startswith(("لل", "ال"))))
        # "التقى الوزير المصري بالفريق …": a title behind a preposition starts another participant
        first = self._tokens[a.tok_start]
        introduced = first.startswith(("بال", "لل")) or a.preposition in ("مع", "ب", "الي", "من") \
            or self._from_follows(a)  # "استقبل الرئيس اللبناني وفدا من الكونغرس الأمريكي"
        if prev is not None and prev.countries and prev.kind == "group" and prev.sentence == a.sentence \
                and adjacent and not coordinated and not introduced and not (a.office and prev.office) \
                and not _two_named_ranks(a, prev):
            return prev.countries[0], "in apposition to a title with a nationality"
        if prev is not None and prev.countries and prev.kind == "group" and prev.sentence == a.sentence \
                and a.office and 0 < a.tok_start - prev.tok_end <= 8 \
                and _ALSO.search(" ".join(self._tokens[prev.tok_end:a.tok_start])):
            # "التقى قائد الجيش الباكستاني …، إضافة إلى رئيس الوزراء": listed with the one before
            return prev.countries[0], "listed with an official of that state"
        nxt = actors[k + 1] if k + 1 < len(actors) else None
        gap_ok = nxt is not None and (nxt.tok_start == a.tok_end or (
            nxt.tok_start - a.tok_end == 1 and nxt.preposition == "من"))  # "… من الجيش البريطاني"
        if nxt is not None and nxt.countries and nxt.kind == "group" and nxt.sentence == a.sentence \
                and gap_ok and not nxt.conjoined and not _two_named_ranks(a, nxt) \
                and not (a.office and nxt.office and not chained) and not is_delegation(nxt):
            # ("استقبل وزير الدفاع وفدا عسكريا هنديا": a delegation after a title is its object)
            return nxt.countries[0], "in apposition to a title with a nationality"
        if nxt is not None and nxt.countries and nxt.kind == "group" and not nxt.office and a.office \
                and nxt.sentence == a.sentence and nxt.preposition == "في" and 0 < nxt.tok_start - a.tok_end <= 3:
            return nxt.countries[0], "its post is in a body with a nationality"
        if prev is not None and prev.kind == "nisba" and prev.sentence == a.sentence \
                and a.tok_start - prev.tok_end <= 1 and prev.preposition.endswith("جانب"):
            return prev.country, "named as one side (الجانب التركي …)"
        if nxt is not None and nxt.kind == "nisba" and nxt.sentence == a.sentence and self._from_follows(a) \
                and nxt.plural \
                and 0 < nxt.tok_start - a.tok_end <= _DELEGATION_REACH \
                and not CLAUSE_MARKS.search(" ".join(self._tokens[a.tok_end:nxt.tok_start])):
            # people of a nationality (plural adjective), not a body ("من فريق العمل الأمريكي")
            return nxt.country, "a delegation of officials with a nationality"
        known = [c for b in a.bodies if len(c := _named_before(body_country.get(b, ()), a.sentence)) == 1]
        if known:
            return next(iter(known[0])), "the same body named before with its country"
        return None, ""

    def _bare_title_before(self, a: ActorMention, role_country: dict[str, list[tuple[int, str]]]) -> str | None:
        """"وصل وزير الدفاع الإيطالي … . وزار الوزير اليوم …": a bare title with the article
        ("الوزير", "الرئيس") is the holder of such a post named in the sentence or two before,
        when they name one state's only."""
        if not a.office or a.person is not None or not a.role or a.tok_end - a.tok_start != 1 \
                or not self._tokens[a.tok_start].lstrip("وف").startswith("ال"):
            return None
        states = {c for role, named in role_country.items() if role.endswith(a.role)
                  for s, c in named if a.sentence - _BARE_TITLE_REACH <= s < a.sentence}
        return states.pop() if len(states) == 1 else None

    def _from_follows(self, a: ActorMention) -> bool:
        """A delegation followed by من: it comes from the state named next, not the one before."""
        return is_delegation(a) and a.tok_end < len(self._tokens) \
            and self._tokens[a.tok_end] == "من"

    def _known_official(self, name: str) -> str | None:
        """The state of a person officials.tsv knows by this name in the story's year, when
        only one state fits."""
        keys = _name_keys(name)
        for key in keys:
            if len(key) == 1 and len(keys[0]) > 1 and _other_given_name(self.lex.officials, key[0], keys[0]):
                continue  # "ساليفو مودي" is not "ناريندرا مودي", whom the table knows as "مودي" too
            rows = self.lex.officials.get(key, ())
            states = {r.country for r in rows if r.held_in(self._year)}
            if len(states) == 1:
                return states.pop()
        return None

    def _delegation_members(self, actors: list[ActorMention]) -> None:
        """"وفد سوري ضم وزير الخارجية … ووزير الدفاع …": members take the delegation's country."""
        leader: ActorMention | None = None
        last_member: ActorMention | None = None
        for a in actors:
            if a.kind == "group" and a.countries and is_delegation(a):
                leader, last_member = a, None
                continue
            if leader is None or a.sentence != leader.sentence or a.kind != "group" or a.countries:
                continue
            between = set(self._tokens[leader.tok_end:a.tok_start])
            linked = a.tok_start - leader.tok_end <= 8 and between & self._words["leader_links"]
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
        outlet = home
        if dateline and dateline != home:
            home = dateline
        mentioned = {c for a in actors for c in a.countries}
        outlet_home = home
        if home and home not in mentioned:
            home = None
        by_name: dict[tuple[str, ...], str] = {}
        role_country: dict[str, list[tuple[int, str]]] = {}  # office → (sentence, country) where named
        body_country: dict[str, list[tuple[int, str]]] = {}  # body → (sentence, country) where named
        for a in actors:
            if a.kind == "group" and a.countries:
                if a.person is not None:
                    for k in _name_keys(a.person.name):
                        by_name.setdefault(k, a.countries[0])
                for role in a.roles:
                    role_country.setdefault(role, []).append((a.sentence, a.countries[0]))
                for body in a.bodies:
                    body_country.setdefault(body, []).extend((a.sentence, c) for c in a.countries)
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
        _local_officials(actors)
        for a in actors:
            if a.kind == "group" and not a.countries and (found := self._bare_title_before(a, role_country)):
                a.countries, a.how = [found], "the official of that post named just before"
        for a in actors:
            if a.kind == "group" and not a.countries:
                if home and (a.role or a.bodies) and a.sector != "OTH":
                    # a company's chairman is not the outlet's official
                    a.countries, a.how = [home], "home country of the outlet"
                    if outlet and home != outlet and _faces(a, home, actors):
                        # "عمان (سانا) - بحث وزير الخارجية مع نظيره الأردني": the outlet's own
                        # minister abroad, facing an official of the dateline's state
                        a.countries, a.how = [outlet], "home country of the outlet (abroad, facing the host)"
                elif a.office and (known := [c for r in a.roles
                                             if len(c := _named_before(role_country.get(r, ()), a.sentence)) == 1]):
                    a.countries = [next(iter(known[0]))]
                    a.how = "the same office named before with its country"
            if a.person is not None and a.countries and a.person.country is None:
                a.person.country = a.countries[0]
                a.person.how = a.how
        if outlet_home and home is None:
            # "تلقى رئيس الجمهورية … اتصالا من نظيره التركي": an untitled official facing a
            # foreign one belongs to the outlet's country even when the story never names it.
            # So is one received by, or receiving, a foreign official when the sentence names no
            # other state ("استقبل رئيس هيئة الأركان العامة قائد القوات البحرية الفرنسية"); a
            # sentence that names a second state ("حيث استقبله وزير الخارجية في مسقط") is left alone.
            # "في أديس أبابا على هامش قمة …": a summit's city hosts the occasion; it names no side
            sidelines = {a.sentence for a in actors for k in range(max(0, a.tok_start - 3), a.tok_start)
                         if self._tokens[k] == "هامش"}
            states_in = _states_by_sentence([b for b in actors if not (b.sentence in sidelines and b.kind in (
                "country", "city"))], self._tokens, self._words)
            # "التقى وزير الخارجية، اليوم في باريس، وزير الخارجية القطري": a meeting held in a third
            # state's city (not a reception, whose host is the city's) leaves the outlet's official his
            placed = _states_only_placed(actors, self._tokens, self._words)
            for a in actors:
                if a.kind == "group" and not a.countries and (a.role or a.bodies) and a.sector != "OTH" and any(
                        _foreign_party(b, a, outlet_home)
                        and len(states_in.get(a.sentence, set()) - placed.get(a.sentence, set())) == 1
                        for b in actors):
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
            # "الوزير لودريان بنظيره المصري": whoever meets a counterpart is not of the counterpart's state
            sentence_of = {id(a.person): a.sentence for a in actors if a.person is not None}
            facing: dict[int, set[str]] = {}
            for a in actors:
                if a.kind == "counterpart":
                    facing.setdefault(a.sentence, set()).update(a.countries)
            for p in persons:
                if p.country is None:
                    others = facing.get(sentence_of.get(id(p), -1), set())
                    allowed = [c for c in counts if c not in others]
                    if allowed:
                        main = max(allowed, key=lambda c: counts[c])
                        p.country, p.how = main, "the state the story names most (a guess)"


_BARE_TITLE_REACH = 2  # sentences back to the post a bare title ("الوزير") names again


def _other_given_name(officials: dict, family: str, full: tuple[str, ...]) -> bool:
    """The table knows someone of this family name by a full name other than this one."""
    return any(len(k) > 1 and k[-1] == family and k != full for k in officials)


def _states_only_placed(actors: list[ActorMention], words: list[str],
                        word_classes: dict[str, frozenset[str]]) -> dict[int, set[str]]:
    """Per sentence without a reception, the states named only as where something happens
    ("في باريس")."""
    out: dict[int, set[str]] = {}
    named: dict[int, set[str]] = {}
    for a in actors:
        where = a.kind in ("city", "country") and a.preposition in ("في", "ب")
        (out if where else named).setdefault(a.sentence, set()).update(a.countries)
    received = {a.sentence for a in actors for k in range(max(0, a.tok_start - 4), a.tok_start)
                if words[k].lstrip("و").startswith(("استقبل", "استقبال", "يستقبل", "تستقبل"))}
    return {k: v - named.get(k, set()) for k, v in out.items() if k not in received}


_LOCAL_ROLES = frozenset({"governor", "mayor"})


def _local_officials(actors: list[ActorMention]) -> None:
    """"زار السفير الأمريكي محافظة البصرة والتقى المحافظ": a governor or a mayor governs a place;
    with no state of his own he is of the place his sentence names, not of the outlet."""
    for a in actors:
        if a.kind != "group" or a.countries or not set(a.roles or (a.role,)) & _LOCAL_ROLES:
            continue
        places = [b for b in actors if b.sentence == a.sentence and b.kind in ("city", "country") and b.countries]
        if places:
            nearest = min(places, key=lambda b: abs(b.tok_start - a.tok_start))
            a.countries, a.how = list(nearest.countries[:1]), "a local official of the place named"
            if a.person is not None and a.person.country is None:
                a.person.country, a.person.how = a.countries[0], a.how


def _foreign_party(b: ActorMention, a: ActorMention, home: str) -> bool:
    """b, in a's sentence, is another state's party facing a: for an official, a counterpart, an
    official or a delegation; for a body or a force, its counterpart or another state's force
    joined to it ("نفذت القوات البحرية تدريبا مع البحرية الفرنسية")."""
    if b.sentence != a.sentence or not b.countries or b.countries[0] == home or b.kind not in ("counterpart", "group"):
        return False
    if b.kind == "counterpart":
        return True
    if a.role:
        return b.office or is_delegation(b)
    return not b.office and bool(b.bodies) and (b.preposition == "مع" or b.conjoined)


def _faces(a: ActorMention, state: str, actors: list[ActorMention]) -> bool:
    """An official of `state` is named in a's sentence: a is someone else, facing them."""
    return any(b is not a and b.sentence == a.sentence and b.countries[:1] == [state]
               and b.kind in ("group", "counterpart") and (b.office or b.person is not None or b.kind == "counterpart")
               for b in actors)


def _states_by_sentence(actors: list[ActorMention], words: list[str],
                        word_classes: dict[str, frozenset[str]]) -> dict[int, set[str]]:
    """The states each sentence names, by any mention but a place talked about."""
    out: dict[int, set[str]] = {}
    talked = topics(actors, words, word_classes)
    for a in actors:
        if id(a) not in talked:
            out.setdefault(a.sentence, set()).update(a.countries)
    return out


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


def _two_named_ranks(a: ActorMention, b: ActorMention) -> bool:
    """"التقى الفريق أحمد خليفة الفريق أول متين غوراك": two named officers side by side are two people."""
    return a.person is not None and b.person is not None and not a.office and not b.office
