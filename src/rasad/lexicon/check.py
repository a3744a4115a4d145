"""Validate the knowledge files in rasad/lexicon/data (``rasad lexicon check``).

Each data file has a checker, registered in CHECKERS under the file's name, that reads the
file on its own and reports what is malformed in it. Checks that need several files (a city
named like a country, an organisation named like a city) run afterwards over the names that
NAME_SOURCES collect from every file, compared the way the matcher compares them: normalised,
article removed. A file in the data directory without a checker is reported, so a new
knowledge file cannot slip in unchecked.

Another module adds its own file with::

    @register("titles.tsv")
    def check_titles(path: Path) -> list[Issue]: ...

and, to take part in the cross-file checks, ``NAME_SOURCES["titles.tsv"] = read_title_names``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from rasad.lexicon.load import nisba_forms
from rasad.lexicon.matcher import entry_key
from rasad.text.normalise import normalise_string

ERROR = "error"
WARNING = "warning"

# Organisation codes the event specification allows; anything else is IGO.
ORG_CODES = frozenset({"UNO", "NATO", "EU", "AU", "ARL", "GCC", "OIC", "IMCTC", "ICOL", "IGO"})
# Codes ISO 3166-1 does not assign but the data uses: Kosovo.
EXTRA_ISO3 = frozenset({"XKX"})

_LATIN = re.compile(r"[A-Za-z]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# What an undiacritised Arabic name may contain once normalised: letters, spaces, hyphens.
_NAME_CHARS = re.compile("^[\u0621-\u064a -]+$")
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")


@dataclass(frozen=True)
class Issue:
    file: str
    line: int  # 1-based; 0 for the file as a whole
    severity: str  # "error" | "warning"
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"


Checker = Callable[[Path], list[Issue]]
CHECKERS: dict[str, Checker] = {}


def register(file_name: str) -> Callable[[Checker], Checker]:
    def wrap(checker: Checker) -> Checker:
        CHECKERS[file_name] = checker
        return checker

    return wrap


def default_data_dir() -> Path:
    from rasad.lexicon.load import data_dir

    return data_dir()


def check_lexicon(data_dir: Path | None = None) -> list[Issue]:
    """Every problem found in the data files, file by file, then those between files."""
    import rasad.lexicon.check_content  # noqa: F401  (registers the content file checker)
    import rasad.lexicon.check_grammar  # noqa: F401  (registers the grammar files' checkers)

    directory = Path(data_dir) if data_dir is not None else default_data_dir()
    issues: list[Issue] = []
    for path in sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith(".")):
        checker = CHECKERS.get(path.name)
        if checker is None:
            issues.append(Issue(path.name, 0, WARNING, "no checker"))
            continue
        issues.extend(checker(path))
    issues.extend(check_across_files(directory))
    return issues


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]
    raw: str


def read_table(path: Path, columns: tuple[str, ...]) -> tuple[list[Row], list[Issue]]:
    """Rows of a TSV whose header must be exactly `columns`; malformed rows become issues."""
    name = path.name
    issues: list[Issue] = []
    rows: list[Row] = []
    header_seen = False
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            header_seen = True
            if tuple(c.strip() for c in cells) != columns:
                issues.append(Issue(name, n, ERROR, f"header is {cells}, expected {list(columns)}"))
                return rows, issues
            continue
        if len(cells) != len(columns):
            issues.append(Issue(name, n, ERROR, f"{len(cells)} columns, expected {len(columns)}"))
            continue
        if any(c != c.strip() for c in cells):
            issues.append(Issue(name, n, WARNING, "space at the start or end of a cell"))
        rows.append(Row(n, {c: v.strip() for c, v in zip(columns, cells, strict=True)}, raw))
    if not header_seen:
        issues.append(Issue(name, 0, ERROR, "no header line"))
    return rows, issues


def split_names(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def key_text(name: str) -> str:
    return " ".join(entry_key(name))


def arabic_name_issues(name: str, what: str) -> list[tuple[str, str]]:
    """(severity, message) for one Arabic name as the data files are meant to hold it."""
    if not name:
        return [(ERROR, f"empty {what}")]
    if _LATIN.search(name):
        return [(ERROR, f"{what} {name!r} contains Latin letters")]
    normalised = normalise_string(name)
    if not normalised.strip() or not _ARABIC_LETTER.search(normalised) or not entry_key(name):
        return [(ERROR, f"{what} {name!r} is empty once normalised")]
    out: list[tuple[str, str]] = []
    if not _NAME_CHARS.match(normalised):
        out.append((WARNING, f"{what} {name!r} has characters other than Arabic letters, spaces and hyphens"))
    if _DIACRITICS.search(name):
        out.append((WARNING, f"{what} {name!r} is diacritised; the matcher ignores the marks"))
    return out


@lru_cache(maxsize=1)
def valid_iso3() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | EXTRA_ISO3


def _duplicate_rows(name: str, rows: list[Row]) -> list[Issue]:
    first: dict[str, int] = {}
    issues = []
    for row in rows:
        if row.raw in first:
            issues.append(Issue(name, row.line, ERROR, f"duplicate of line {first[row.raw]}"))
        else:
            first[row.raw] = row.line
    return issues


# --------------------------------------------------------------------------- countries.tsv

COUNTRY_COLUMNS = ("iso3", "name_en", "names_ar", "nisba_ar", "nisba_plural_ar")


@register("countries.tsv")
def check_countries(path: Path) -> list[Issue]:
    name = path.name
    rows, issues = read_table(path, COUNTRY_COLUMNS)
    issues += _duplicate_rows(name, rows)
    seen_iso: dict[str, int] = {}
    # The matcher key of every name and nisba, with the row that holds it, so that a second
    # use, in this row or another, is caught: the matcher could only ever return one of them.
    names: dict[str, tuple[int, str]] = {}
    nisbas: dict[str, tuple[int, str]] = {}
    for row in rows:
        iso = row.cells["iso3"]
        if iso != iso.upper() or iso.upper() not in valid_iso3():
            issues.append(Issue(name, row.line, ERROR, f"unknown ISO 3166-1 alpha-3 code {iso!r}"))
        if iso in seen_iso:
            issues.append(Issue(name, row.line, ERROR, f"{iso} already on line {seen_iso[iso]}"))
        seen_iso.setdefault(iso, row.line)
        if not row.cells["name_en"]:
            issues.append(Issue(name, row.line, ERROR, "empty name_en"))
        if not split_names(row.cells["names_ar"]):
            issues.append(Issue(name, row.line, ERROR, f"{iso} has no Arabic name"))
        for column, table, what in (("names_ar", names, "name"), ("nisba_ar", nisbas, "nisba"),
                                    ("nisba_plural_ar", nisbas, "plural nisba")):
            for entry in split_names(row.cells[column]):
                issues += [Issue(name, row.line, sev, msg) for sev, msg in arabic_name_issues(entry, what)]
                # The loader inflects only words that end in ي (ى folds into it).
                words = normalise_string(entry).split()
                if column == "nisba_ar" and not (words and words[-1].endswith("ي")):
                    issues.append(Issue(name, row.line, ERROR, f"nisba {entry!r} does not end in ي"))
                k = key_text(entry)
                if not k:
                    continue
                if k in table:
                    line, other_iso = table[k]
                    where = "this row" if line == row.line else f"line {line} ({other_iso})"
                    issues.append(Issue(name, row.line, ERROR, f"{what} {entry!r} repeats one on {where}"))
                else:
                    table[k] = (row.line, iso)
    missing = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in seen_iso)
    if missing:
        issues.append(Issue(name, 0, WARNING, "ISO countries without a row: " + " ".join(missing)))
    return issues


# --------------------------------------------------------------------------- cities.tsv

CITY_COLUMNS = ("name_ar", "name_en", "iso3", "geonameid", "population", "capital")


@register("cities.tsv")
def check_cities(path: Path) -> list[Issue]:
    name = path.name
    rows, issues = read_table(path, CITY_COLUMNS)
    issues += _duplicate_rows(name, rows)
    names: dict[tuple[str, str], int] = {}
    places: dict[str, tuple[int, tuple[str, str, str, str]]] = {}
    for row in rows:
        c = row.cells
        issues += [Issue(name, row.line, sev, msg) for sev, msg in arabic_name_issues(c["name_ar"], "name_ar")]
        if not c["name_en"] or _ARABIC_LETTER.search(c["name_en"]):
            issues.append(Issue(name, row.line, ERROR, f"name_en {c['name_en']!r} is not an English name"))
        if c["iso3"] not in valid_iso3():
            issues.append(Issue(name, row.line, ERROR, f"unknown ISO 3166-1 alpha-3 code {c['iso3']!r}"))
        if not c["geonameid"].isdigit() or int(c["geonameid"]) == 0:
            issues.append(Issue(name, row.line, ERROR, f"geonameid {c['geonameid']!r} is not a GeoNames id"))
        if not c["population"].isdigit():
            issues.append(Issue(name, row.line, ERROR, f"population {c['population']!r} is not a number"))
        if c["capital"] not in {"0", "1"}:
            issues.append(Issue(name, row.line, ERROR, f"capital {c['capital']!r} is not 0 or 1"))
        k = key_text(c["name_ar"])
        if k and len(k.replace(" ", "")) < 3:
            issues.append(Issue(name, row.line, WARNING, f"name {c['name_ar']!r} is too short to match safely"))
        # Several places may share a name (طرابلس in Libya and in Lebanon); one place may not
        # list the same name twice.
        if (k, c["geonameid"]) in names:
            issues.append(Issue(name, row.line, ERROR,
                                f"{c['name_ar']!r} for {c['geonameid']} already on line {names[(k, c['geonameid'])]}"))
        names.setdefault((k, c["geonameid"]), row.line)
        facts = (c["name_en"], c["iso3"], c["population"], c["capital"])
        first = places.setdefault(c["geonameid"], (row.line, facts))
        if first[1] != facts:
            issues.append(Issue(name, row.line, ERROR,
                                f"place {c['geonameid']} disagrees with line {first[0]}: {facts} vs {first[1]}"))
    return issues


# --------------------------------------------------------------------------- organisations.tsv

ORG_COLUMNS = ("code", "name_en", "names_ar", "nisba_ar", "seat_en")


@register("organisations.tsv")
def check_organisations(path: Path) -> list[Issue]:
    name = path.name
    rows, issues = read_table(path, ORG_COLUMNS)
    issues += _duplicate_rows(name, rows)
    names: dict[str, int] = {}
    for row in rows:
        code = row.cells["code"]
        if code not in ORG_CODES:
            issues.append(Issue(name, row.line, ERROR,
                                f"organisation code {code!r} is not one of {' '.join(sorted(ORG_CODES))}"))
        if not row.cells["name_en"]:
            issues.append(Issue(name, row.line, ERROR, "empty name_en"))
        entries = split_names(row.cells["names_ar"])
        if not entries:
            issues.append(Issue(name, row.line, ERROR, "no Arabic name"))
        for entry in entries:
            issues += [Issue(name, row.line, sev, msg) for sev, msg in arabic_name_issues(entry, "name")]
            k = key_text(entry)
            if k in names:
                issues.append(Issue(name, row.line, ERROR, f"name {entry!r} repeats one on line {names[k]}"))
            names.setdefault(k, row.line)
        for entry in split_names(row.cells["nisba_ar"]):
            issues += [Issue(name, row.line, sev, msg) for sev, msg in arabic_name_issues(entry, "nisba")]
            words = normalise_string(entry).split()
            if not (words and words[-1].endswith("ي")):  # the loader inflects only words in ي
                issues.append(Issue(name, row.line, ERROR, f"nisba {entry!r} does not end in ي"))
    return issues


# --------------------------------------------------------------------------- across files


@dataclass(frozen=True)
class NameEntry:
    """One phrase a data file puts into the matcher, as the cross-file checks see it."""

    key: str
    text: str
    kind: str  # country, nisba, org, city, …
    target: str  # what the phrase resolves to: an iso3 or organisation code
    file: str
    line: int
    capital: bool = False


NameSource = Callable[[Path], Iterator[NameEntry]]


def _rows_quietly(path: Path, columns: tuple[str, ...]) -> list[Row]:
    # Malformed rows are already reported by the file's own checker.
    return read_table(path, columns)[0]


def country_names(path: Path) -> Iterator[NameEntry]:
    for row in _rows_quietly(path, COUNTRY_COLUMNS):
        iso = row.cells["iso3"]
        for entry in split_names(row.cells["names_ar"]):
            yield NameEntry(key_text(entry), entry, "country", iso, path.name, row.line)
        for base in split_names(row.cells["nisba_ar"]):
            for form in dict.fromkeys(nisba_forms(base)):
                yield NameEntry(key_text(form), form, "nisba", iso, path.name, row.line)
        for entry in split_names(row.cells["nisba_plural_ar"]):
            yield NameEntry(key_text(entry), entry, "nisba", iso, path.name, row.line)


def organisation_names(path: Path) -> Iterator[NameEntry]:
    for row in _rows_quietly(path, ORG_COLUMNS):
        for entry in split_names(row.cells["names_ar"]):
            yield NameEntry(key_text(entry), entry, "org", row.cells["code"], path.name, row.line)


def city_names(path: Path) -> Iterator[NameEntry]:
    for row in _rows_quietly(path, CITY_COLUMNS):
        c = row.cells
        yield NameEntry(key_text(c["name_ar"]), c["name_ar"], "city", c["iso3"], path.name, row.line,
                        c["capital"] == "1")


NAME_SOURCES: dict[str, NameSource] = {
    "countries.tsv": country_names,
    "organisations.tsv": organisation_names,
    "cities.tsv": city_names,
}


def _compatible(a: NameEntry, b: NameEntry) -> bool:
    """Whether two entries with the same key can live together."""
    if a.target == b.target and {a.kind, b.kind} <= {"country", "nisba"}:
        return True  # تركية is both Türkiye and the feminine of تركي
    if a.kind == b.kind == "city":
        return True  # ambiguous place names are kept on purpose; context decides
    if "city" in {a.kind, b.kind} and {a.kind, b.kind} <= {"city", "country", "nisba"}:
        city, other = (a, b) if a.kind == "city" else (b, a)
        # A capital may carry its country's name (الكويت، تونس، جيبوتي, whose nisba is the
        # same word): the country reading wins and the city one is taken after "العاصمة"
        # or "مدينة".
        return city.capital and city.target == other.target
    return False


def check_across_files(directory: Path) -> list[Issue]:
    entries: dict[str, list[NameEntry]] = defaultdict(list)
    for file_name, source in NAME_SOURCES.items():
        path = directory / file_name
        if path.is_file():
            for entry in source(path):
                if entry.key:
                    entries[entry.key].append(entry)
    issues: list[Issue] = []
    reported: set[tuple[str, int, str, int]] = set()
    for group in entries.values():
        for i, later in enumerate(group):
            for earlier in group[:i]:
                if earlier.file == later.file and earlier.kind == later.kind:
                    continue  # same-file repeats are the file checker's business
                if _compatible(earlier, later):
                    continue
                pair = (earlier.file, earlier.line, later.file, later.line)
                if pair in reported:
                    continue
                reported.add(pair)
                issues.append(Issue(later.file, later.line, WARNING, _clash_message(earlier, later)))
    return issues


def _clash_message(earlier: NameEntry, later: NameEntry) -> str:
    if {earlier.kind, later.kind} == {"country", "city"}:
        city, country = (later, earlier) if later.kind == "city" else (earlier, later)
        return (f"city name {city.text!r} ({city.target}) is also the name of country {country.target} "
                f"({country.file}:{country.line}) but is not flagged as its capital")
    return (f"{later.kind} {later.text!r} ({later.target}) has the same key as {earlier.kind} "
            f"{earlier.text!r} ({earlier.target}) at {earlier.file}:{earlier.line}: one of them is unreachable")


__all__ = [
    "CHECKERS", "ERROR", "Issue", "NAME_SOURCES", "NameEntry", "ORG_CODES", "Row", "WARNING",
    "arabic_name_issues", "check_across_files", "check_lexicon", "default_data_dir", "read_table",
    "register", "split_names",
]
