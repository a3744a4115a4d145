"""Load the knowledge files into fast lookup structures, once per process."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from rasad.extract.status import CueRule, Status
from rasad.lexicon.matcher import Entry, PhraseMatcher, entry_key
from rasad.lexicon.starts import WORD_CHARS, CodedPatterns, StartIndex
from rasad.text.normalise import join_name_compounds, normalise_string

_PLACE_QUALIFIERS = ("محافظة", "ولاية", "بلدة")
# "ا": the indefinite accusative ("وفداً عسكرياً هندياً")
NISBA_SUFFIXES = ("", "ه", "ين", "ون", "ان", "تين", "تان", "ات", "ا")

# Clitics before a trigger word and pronoun/number endings after it.
_PREFIX = r"(?:[وف])?(?:لل|[بلك])?(?:ال)?"
_SUFFIX = r"(?:ه|ها|هم|هما|هن|ي|نا|كم|ا|ات|ان|ين|ون|وا|ت|تا|تان|تين)?"
_AR = WORD_CHARS


_LEADING_ARTICLE = re.compile(r"(^|\|)ال(?=[\u0621-\u064a]{2})")


def pattern_core(pattern: str) -> str:
    # Patterns are written as Arabic is spelled; the text they run on is normalised.
    pattern = normalise_string(pattern)
    # The article a phrase is written with may have merged with ل ("للتدريب المشترك"): the
    # clitic prefix (لل, ال) supplies it, so the phrase's own first article is optional here.
    # Optional, not dropped: a word whose root begins with alef-lam ("آليات", "ألغى") takes the
    # article too ("الآليات").
    pattern = _LEADING_ARTICLE.sub(r"\1(?:ال)?", pattern)
    # Inner words of a phrase may carry the article or not ("اتصال مرئي" / "الاتصال المرئي").
    return pattern.replace(" ", r"\s+(?:ال)?")


def wrap_pattern(pattern: str, affixes: bool = True) -> re.Pattern[str]:
    pattern = pattern_core(pattern)
    if affixes:
        return re.compile(rf"(?<![{_AR}]){_PREFIX}(?:{pattern}){_SUFFIX}(?![{_AR}])")
    return re.compile(rf"(?<![{_AR}])(?:{pattern})(?![{_AR}])")


def data_dir() -> Path:
    """The knowledge files in use: $RASAD_DATA (set by --data-dir) or the installed ones."""
    chosen = os.environ.get("RASAD_DATA")
    if chosen:
        return Path(chosen)
    return installed_data_dir()


def installed_data_dir() -> Path:
    return Path(str(resources.files("rasad.lexicon") / "data"))


def read_tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a knowledge TSV as dicts, skipping comments; yields (line number, row)."""
    with path.open(encoding="utf-8", newline="") as f:
        header: list[str] | None = None
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            yield n, dict(zip(header, (c.strip() for c in cells), strict=False))


def split_names(cell: str) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def nisba_forms(base: str) -> list[str]:
    """Every inflection of a masculine nisba: ليبي → ليبية، ليبيين، ليبيون …"""
    words = base.split()
    forms = []
    for suffix in NISBA_SUFFIXES:
        forms.append(" ".join(w + suffix if w.endswith(("ي", "ى")) else w for w in words))
    return forms


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    label: str
    regex: re.Pattern[str]
    strength: str
    role: str
    needs: tuple[str, ...]
    exclude: re.Pattern[str] | None = None
    # How many words after the trigger a nationality adjective alone names a party
    # ("تمرين مشترك مصري سعودي"); 0: a nationality is a topic, not a party.
    nisba_reach: int = 0
    # How many words around the trigger its `needs` must be found in; 0: anywhere in the
    # sentence. "وقّع" signs only with the document it signed near it ("وقع انفجار …" does not).
    support_window: int = 0
    # The word right after that makes it another verb: "وقع انفجار" (an explosion happened).
    not_before: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class KnownOfficial:
    """officials.tsv: a person news names without a state, and the years the post was held."""

    country: str
    role: str
    sector: str
    start: int | None
    end: int | None

    def held_in(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


def official_key(name: str) -> tuple[str, ...]:
    """How officials.tsv and the text are compared: normalised words, compound names joined
    ("عبد الله" = "عبدالله"), article dropped."""
    return entry_key(" ".join(join_name_compounds(normalise_string(name).split())))


@dataclass
class ContentRules:
    """content.yaml: cues for what an agreement or activity is about, and qualifiers."""

    areas: CodedPatterns = field(default_factory=lambda: CodedPatterns([]))
    instruments: CodedPatterns = field(default_factory=lambda: CodedPatterns([]))
    describes: dict[str, re.Pattern[str]] = field(default_factory=dict)
    qualifiers: CodedPatterns = field(default_factory=lambda: CodedPatterns([]))
    activity_areas: frozenset[str] = frozenset()  # the only areas a MIL_COOP is read for
    activity_by_trigger: dict[str, str] = field(default_factory=dict)  # trigger label → area it names
    absorbs: dict[str, frozenset[str]] = field(default_factory=dict)  # area → areas it stands for


@dataclass
class Lexicon:
    matcher: PhraseMatcher = field(default_factory=PhraseMatcher)
    triggers: list[Trigger] = field(default_factory=list)
    support: dict[str, re.Pattern[str]] = field(default_factory=dict)
    cues: dict[str, re.Pattern[str]] = field(default_factory=dict)
    cue_rules: list[CueRule] = field(default_factory=list)
    recalls: dict[str, re.Pattern[str]] = field(default_factory=dict)  # event type → nouns naming it again
    # Where each trigger, then each cue (in `cues` order), may start: one pass finds both.
    trigger_and_cue_starts: StartIndex = field(default_factory=lambda: StartIndex([]))
    country_names: dict[str, str] = field(default_factory=dict)  # iso3 → English
    capitals: dict[str, str] = field(default_factory=dict)  # iso3 → English capital name
    org_seats: dict[str, set[str]] = field(default_factory=dict)  # organisation code → its seats (English)
    stopwords: frozenset[str] = frozenset()
    word_classes: dict[str, frozenset[str]] = field(default_factory=dict)  # word_classes.yaml
    under_way: re.Pattern[str] | None = None  # the `under_way` class as one pattern
    same_day_openers: tuple[str, ...] = ()  # the `same_day_openers` class, longest first
    same_day: re.Pattern[str] | None = None  # "في اليوم ذاته": the day the story told before
    lasting: re.Pattern[str] | None = None  # the `lasting_days` class as one pattern
    officials: dict[tuple[str, ...], list[KnownOfficial]] = field(default_factory=dict)  # by name key
    spelling_variants: list[tuple[str, dict]] = field(default_factory=list)  # (name, city data) to add last
    content: ContentRules = field(default_factory=ContentRules)

    def missing_support(self, trigger: Trigger, text: str, seen: dict[str, bool] | None = None) -> str | None:
        """The first `needs` of a trigger that the text does not satisfy, or None. `seen` keeps
        what was found in this text, so that each support pattern runs over it at most once."""
        seen = {} if seen is None else seen
        for need in trigger.needs:
            if not any(self._has_support(n, text, seen) for n in need.split("|")):
                return need
        return None

    def _has_support(self, name: str, text: str, seen: dict[str, bool]) -> bool:
        if name not in seen:
            rx = self.support.get(name)
            seen[name] = rx is not None and rx.search(text) is not None
        return seen[name]

    def supported(self, trigger: Trigger, text: str, seen: dict[str, bool] | None = None) -> bool:
        return self.missing_support(trigger, text, seen) is None

    def lookup(self, phrase: str, kind: str | None = None) -> list[Entry]:
        return [e for e in self.matcher.lookup(phrase) if kind is None or e.kind == kind]


def _load_countries(lex: Lexicon, path: Path) -> None:
    for _, row in read_tsv(path):
        iso = row["iso3"].upper()
        lex.country_names[iso] = row.get("name_en", iso)
        for name in split_names(row.get("names_ar", "")):
            lex.matcher.add(Entry("country", name, entry_key(name), {"country": iso}))
        for base in split_names(row.get("nisba_ar", "")):
            for form in nisba_forms(base):
                lex.matcher.add(Entry("nisba", form, entry_key(form), {"country": iso}))
        for form in split_names(row.get("nisba_plural_ar", "")):
            lex.matcher.add(Entry("nisba", form, entry_key(form), {"country": iso, "plural": True}))


def _load_organisations(lex: Lexicon, path: Path) -> None:
    for _, row in read_tsv(path):
        for name in split_names(row.get("names_ar", "")):
            lex.matcher.add(Entry("org", name, entry_key(name),
                                  {"country": row["code"], "name_en": row.get("name_en", "")}))
        for base in split_names(row.get("nisba_ar", "")):
            for form in nisba_forms(base):
                lex.matcher.add(Entry("nisba", form, entry_key(form), {"country": row["code"]}))
        if row.get("seat_en"):
            lex.org_seats.setdefault(row["code"], set()).add(row["seat_en"])


def _load_cities(lex: Lexicon, path: Path) -> None:
    for _, row in read_tsv(path):
        capital = row.get("capital") == "1"
        iso = row["iso3"].upper()
        if capital:
            lex.capitals.setdefault(iso, row["name_en"])
        try:
            population = int(row.get("population") or 0)
        except ValueError:
            population = 0
        data = {"country": iso, "name_en": row["name_en"], "capital": capital, "population": population}
        names = [row["name_ar"]]
        if row["name_ar"].startswith("مدينة "):
            # A place kept only with its qualifier ("مدينة الزرقاء") is named by the others too.
            bare = row["name_ar"].removeprefix("مدينة ")
            names += [f"{q} {bare}" for q in _PLACE_QUALIFIERS]
        for name in names:
            lex.matcher.add(Entry("city", name, entry_key(name), data))
        if capital or population >= _VARIANT_POPULATION:
            lex.spelling_variants.extend((v, data) for v in long_vowel_variants(row["name_ar"]))


_VARIANT_POPULATION = 500_000


def long_vowel_variants(name: str) -> list[str]:
    """Spellings of a one-word foreign name without one of its inner long alefs: news writes
    "جاكرتا" as often as "جاكارتا". Short words are left alone: dropping a letter there makes
    other words."""
    if " " in name or len(name) < 6:
        return []
    return [name[:k] + name[k + 1:] for k in range(2, len(name) - 2) if name[k] == "ا"]


def _add_spelling_variants(lex: Lexicon) -> None:
    """Variants that name nothing else and are not common words."""
    for variant, data in lex.spelling_variants:
        key = entry_key(variant)
        if not lex.matcher.lookup(variant) and not any(k in lex.stopwords for k in key):
            lex.matcher.add(Entry("city", variant, key, data))
    lex.spelling_variants.clear()


def feminine(title: str) -> str:
    """The office held by a woman: the head noun takes ة ("وزيرة الدفاع", "الرئيسة", "السفيرة")."""
    head, _, rest = title.partition(" ")
    if head.endswith(("ة", "ه", "ي", "ى", "ا", "ء")):
        return title
    return f"{head}ة {rest}".rstrip()


def dual_genitive(title: str) -> str:
    """"وزيرا الدفاع" after a verb is "وزيري الدفاع" after a preposition or as an object."""
    head, _, rest = title.partition(" ")
    if not (head.endswith("ا") and rest and len(head) > 3):
        return title
    return f"{head[:-1]}ي {rest}"


def _load_titles(lex: Lexicon, path: Path) -> None:
    for _, row in read_tsv(path):
        sector = row.get("sector", "-")
        kind = row.get("kind", "office")
        # A courtesy title or a rank counts only with its article: "شيخ" inside "حسن شيخ محمود"
        # is a name, "فريق العمل" is a team, while "الفريق" before a name is a general.
        data = {"role": row.get("role_en", ""), "sector": None if sector == "-" else sector}
        phrase = row["phrase"]
        phrases = [phrase, feminine(phrase), dual_genitive(phrase)] if kind == "office" else [phrase]
        for phrase in dict.fromkeys(phrases):
            key = entry_key(phrase, keep_article=kind in ("honorific", "rank"))
            if phrase == row["phrase"] or not lex.matcher.lookup(phrase):
                lex.matcher.add(Entry(kind, phrase, key, data))


def _load_institutions(lex: Lexicon, path: Path) -> None:
    for _, row in read_tsv(path):
        lex.matcher.add(Entry("institution", row["phrase"], entry_key(row["phrase"]),
                              {"role": row.get("name_en", ""), "sector": row.get("sector") or None,
                               "state": (row.get("country") or "").upper() or None}))


def _load_triggers(lex: Lexicon, path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    defaults = data.get("type_defaults") or {}
    for t in data.get("triggers", []):
        t = {**defaults.get(t.get("type"), {}), **t}
        lex.triggers.append(Trigger(t["type"], t["label"], wrap_pattern(t["pattern"]),
                                    t.get("strength", "strong"), t.get("role", ""),
                                    tuple(t.get("needs", []) or []),
                                    re.compile(normalise_string(t["exclude"])) if t.get("exclude") else None,
                                    int(t.get("nisba_reach", 0)), int(t.get("support_window", 0)),
                                    wrap_pattern(t["not_before"]) if t.get("not_before") else None))
    lex.support = {k: wrap_pattern(v) for k, v in (data.get("support") or {}).items()}
    lex.cues = {k: wrap_pattern(v) for k, v in (data.get("cues") or {}).items()}
    lex.recalls = {k: wrap_pattern(v) for k, v in (data.get("recalls") or {}).items()}
    lex.cue_rules = [cue_rule(r) for r in data.get("cue_rules") or []]
    lex.trigger_and_cue_starts = StartIndex([t.regex for t in lex.triggers] + list(lex.cues.values()))


def cue_rule(raw: dict) -> CueRule:
    """A cue rule of triggers.yaml; raises KeyError or ValueError on a malformed one."""
    types = raw.get("types")
    return CueRule(cue=str(raw["cue"]), status=Status(raw["status"]), before=int(raw["before"]),
                   after=int(raw["after"]), types=frozenset(types) if types else None,
                   except_labels=frozenset(raw.get("except_labels") or ()),
                   when=tuple(raw.get("when") or ()), unless=tuple(raw.get("unless") or ()))


def _load_content(lex: Lexicon, path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rules = lex.content
    rules.areas = CodedPatterns([(code, wrap_pattern(p)) for code, p in (data.get("areas") or {}).items()])
    rules.instruments = CodedPatterns([(code, wrap_pattern(p))
                                       for code, p in (data.get("instruments") or {}).items()])
    rules.describes = {k: wrap_pattern(v) for k, v in (data.get("describes") or {}).items()}
    rules.qualifiers = CodedPatterns([(k, wrap_pattern(v)) for k, v in (data.get("qualifiers") or {}).items()])
    activity = data.get("activity") or {}
    rules.activity_areas = frozenset(activity.get("areas") or ())
    rules.activity_by_trigger = dict(activity.get("by_trigger") or {})
    rules.absorbs = {k: frozenset(v) for k, v in (activity.get("absorbs") or {}).items()}


WORD_CLASSES = ("location_words", "place_prepositions", "origin_words", "state_words", "title_fillers",
                "leader_links", "recipient_bodies", "under_way", "topic_nouns", "topic_prepositions",
                "attendance_words", "observer_words", "clause_breaks", "lasting_days",
                "adjective_heads", "seats", "place_given_names", "title_given_names", "nisba_given_names",
                "honorific_pronouns", "attribution_words", "same_day_openers", "pavilion_nouns",
                "facility_nouns", "reporting_words", "water_nouns", "witness_verbs", "place_nouns", "stance_verbs",
                "witnessed_occasions", "same_day_phrases")


def _load_word_classes(lex: Lexicon, path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    lex.word_classes = {name: frozenset(normalise_string(str(w)) for w in data.get(name) or ())
                        for name in WORD_CLASSES}
    lex.same_day_openers = tuple(sorted(lex.word_classes["same_day_openers"], key=len, reverse=True))
    phrases = sorted(lex.word_classes["same_day_phrases"], key=len, reverse=True)
    lex.same_day = re.compile("|".join(re.escape(p) for p in phrases)) if phrases else None
    phrases = sorted(lex.word_classes["under_way"], key=len, reverse=True)
    lex.under_way = re.compile("|".join(re.escape(p) for p in phrases)) if phrases else None
    phrases = sorted(lex.word_classes["lasting_days"], key=len, reverse=True)
    lex.lasting = re.compile("|".join(re.escape(p) for p in phrases)) if phrases else None


def _year(cell: str) -> int | None:
    return int(cell) if cell.strip().isdigit() else None


def _load_officials(lex: Lexicon, path: Path) -> None:
    for _, row in read_tsv(path):
        official = KnownOfficial(row["country"].upper(), row.get("role_en", ""), row.get("sector") or "GOV",
                                 _year(row.get("from", "")), _year(row.get("to", "")))
        lex.officials.setdefault(official_key(row["name_ar"]), []).append(official)


def _load_stopwords(lex: Lexicon, path: Path) -> None:
    # Kept as written: "الجمعة" (Friday) is a stop word, "جمعة" (a given name) is not.
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.update(normalise_string(line).split())
    lex.stopwords = frozenset(words)


@lru_cache(maxsize=65536)
def clitic_bases(token: str) -> tuple[str, ...]:
    """The token and the token without a leading conjunction or preposition (article kept)."""
    out = [token]
    rest = token
    if rest[:1] in ("و", "ف") and len(rest) >= 3:
        rest = rest[1:]
        out.append(rest)
    if rest[:2] == "لل" and len(rest) > 4:
        out.append("ال" + rest[2:])
    elif rest[:1] in ("ب", "ل", "ك") and len(rest) > 3:
        out.append(rest[1:])
    return tuple(out)


def is_stopword(lex: Lexicon, token: str) -> bool:
    return any(b in lex.stopwords for b in clitic_bases(token))


def _load_context_nisba(lex: Lexicon, path: Path) -> None:
    for _, row in read_tsv(path):
        for form in nisba_forms(row["nisba"]):
            lex.matcher.add(Entry("nisba", form, entry_key(form), {"country": row["iso3"].upper(), "context": True}))


def _load_state_references(lex: Lexicon, path: Path) -> None:
    for _, row in read_tsv(path):
        candidates = [c.strip().upper() for c in row["candidates"].split("|") if c.strip()]
        lex.matcher.add(Entry("country", row["phrase"], entry_key(row["phrase"]),
                              {"country": None, "candidates": candidates}))


LOADERS = {
    "countries.tsv": _load_countries,
    "organisations.tsv": _load_organisations,
    "cities.tsv": _load_cities,
    "titles.tsv": _load_titles,
    "institutions.tsv": _load_institutions,
    "triggers.yaml": _load_triggers,
    "content.yaml": _load_content,
    "stopwords.txt": _load_stopwords,
    "nisba_context.tsv": _load_context_nisba,
    "state_references.tsv": _load_state_references,
    "officials.tsv": _load_officials,
    "word_classes.yaml": _load_word_classes,
}


def load_lexicon(directory: Path | None = None) -> Lexicon:
    directory = directory or data_dir()
    lex = Lexicon()
    for name, loader in LOADERS.items():
        path = directory / name
        if path.exists():
            loader(lex, path)
    _add_spelling_variants(lex)
    return lex


def default_lexicon() -> Lexicon:
    """The knowledge files in use (see data_dir), loaded once per process and folder."""
    return _lexicon_of(data_dir())


@lru_cache(maxsize=4)
def _lexicon_of(directory: Path) -> Lexicon:
    return load_lexicon(directory)


__all__ = ["ContentRules", "KnownOfficial", "official_key", "Lexicon", "Trigger", "default_lexicon", "load_lexicon",
           "read_tsv", "nisba_forms", "split_names", "wrap_pattern", "data_dir"]
