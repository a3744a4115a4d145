"""A pair's relationship profile (``rasad profile``), from events whose content the tests decide."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from rasad.cli import app
from rasad.model import Cited, Content, Document, Span
from rasad.store.db import Store
from rasad.store.ingest import Ingestor
from rasad.store.profile import Trend, pair_profile

from .conftest import Spec, StubPipeline

runner = CliRunner()

JOR_MIN = ("يوسف العيسوي", "Yousef Al-Issawi", "JOR")
EGY_MIN = ("محمد زكي", "Mohamed Zaki", "EGY")
JOR_KING = ("عبدالله الثاني", "Abdullah II", "JOR")
EGY_PRES = ("عبد الفتاح السيسي", "Abdel Fattah el-Sisi", "EGY")

# Short Arabic reports written for these tests, one per document.
TEXTS = {
    "visit-2022": "وصل وزير الدفاع المصري إلى عمّان اليوم في زيارة رسمية والتقى نظيره الأردني.",
    "sign-2023-a": "وقع الأردن ومصر في القاهرة مذكرة تفاهم للتعاون في التدريب والأمن البحري، هي الأولى من نوعها.",
    "sign-2023-b": "وقّع البلدان في القاهرة اتفاقية للتعاون العسكري تشمل التدريب وأمن الحدود.",
    "visit-2024": "بدأ العاهل الأردني اليوم أول زيارة رسمية له إلى القاهرة تستمر يومين.",
    "drill-2024": "اختتمت القوات الأردنية والمصرية تمرينًا مشتركًا على الحدود.",
    "call": "أجرى الوزير الأردني اتصالًا هاتفيًا بنظيره المصري.",
    "other-pair": "التقى وزير الدفاع الأردني نظيره السعودي في الرياض.",
}
PUBLISHED = {"visit-2022": "2022-03-10", "sign-2023-a": "2023-06-01", "sign-2023-b": "2023-06-02",
             "visit-2024": "2024-02-02", "drill-2024": "2024-02-03", "call": None, "other-pair": "2023-01-01"}
OUTLETS = {"visit-2022": "بترا", "sign-2023-a": "بترا", "sign-2023-b": "الأهرام", "visit-2024": "الأهرام",
           "drill-2024": "الغد", "call": None, "other-pair": "واس"}


def _cite(doc: str, value: str, words: str) -> Cited:
    start = TEXTS[doc].index(words)
    return Cited(value, Span(start, start + len(words)))


SPECS = {
    "visit-2022": [
        Spec("VISIT", "EGY", "JOR", date="2022-03-10", place="Amman", location="JOR", goldstein=1.9,
             persons=[EGY_MIN], roles=["minister of defence"], content=Content(level="minister")),
        Spec("MEET", "EGY", "JOR", date="2022-03-10", place="Amman", location="JOR", goldstein=2.8,
             persons=[EGY_MIN, JOR_MIN], roles=["minister of defence", "minister of defence"]),
    ],
    "sign-2023-a": [Spec("SIGN", "JOR", "EGY", date="2023-05-31", place="Cairo", location="EGY", goldstein=8.0,
                         persons=[JOR_MIN, EGY_MIN], content=Content(
                             areas=[_cite("sign-2023-a", "training", "التدريب"),
                                    _cite("sign-2023-a", "maritime", "الأمن البحري")],
                             instrument=_cite("sign-2023-a", "memorandum", "مذكرة تفاهم"),
                             first=_cite("sign-2023-a", "first", "الأولى من نوعها")))],
    "sign-2023-b": [Spec("SIGN", "EGY", "JOR", date="2023-05-31", place="Cairo", location="EGY", goldstein=8.0,
                         persons=[EGY_MIN], content=Content(
                             areas=[_cite("sign-2023-b", "training", "التدريب"),
                                    _cite("sign-2023-b", "border_security", "أمن الحدود")],
                             instrument=_cite("sign-2023-b", "agreement", "اتفاقية")))],
    "visit-2024": [Spec("VISIT", "JOR", "EGY", date="2024-02-02", place="Cairo", location="EGY", goldstein=1.9,
                        persons=[JOR_KING, EGY_PRES], roles=["king", "president"], content=Content(
                            level="head_of_state", first=_cite("visit-2024", "first", "أول زيارة"),
                            duration_days=2, duration=_cite("visit-2024", "2", "يومين")))],
    "drill-2024": [Spec("MIL_COOP", "JOR", "EGY", date="2024-02-03", goldstein=7.0, sectors=("MIL", "MIL"),
                        content=Content(areas=[_cite("drill-2024", "exercises", "تمرينًا مشتركًا")]))],
    "call": [Spec("CALL", "JOR", "EGY", persons=[JOR_MIN, EGY_MIN], goldstein=1.0)],
    "other-pair": [Spec("MEET", "JOR", "SAU", date="2023-01-01", place="Riyadh", location="SAU",
                        persons=[JOR_MIN])],
}


@pytest.fixture
def jor_egy(store: Store) -> Store:
    docs = [Document(id=k, text=t, source=OUTLETS[k],
                     published=dt.date.fromisoformat(PUBLISHED[k]) if PUBLISHED[k] else None)
            for k, t in TEXTS.items()]
    summary = Ingestor(store, StubPipeline(SPECS)).ingest(docs)
    assert (summary.new, summary.failed) == (len(TEXTS), 0)
    return store


def test_profile_of_a_pair(jor_egy: Store) -> None:
    p = pair_profile(jor_egy, "egy", "jor")
    assert (p.a, p.b) == ("EGY", "JOR")
    # Two reports of one signing make one occasion; the JOR–SAU meeting is not theirs.
    assert (p.occasions, p.reports, p.documents, p.undated) == (6, 7, 6, 1)
    # Four named outlets, and the undated call's document with none counts as a source of its own.
    assert p.outlets == 4 and sorted(p.outlet_names) == sorted(["بترا", "الأهرام", "الغد"])
    assert p.first_contact is not None and (p.first_contact.type, p.first_contact.date) == ("VISIT", "2022-03-10")
    assert p.latest_contact is not None and (p.latest_contact.type, p.latest_contact.date) == ("MIL_COOP",
                                                                                             "2024-02-03")
    years = {y.year: {t: n for t, n in y.counts.items() if n} for y in p.years}
    assert years == {"2022": {"VISIT": 1, "MEET": 1}, "2023": {"SIGN": 1}, "2024": {"VISIT": 1, "MIL_COOP": 1},
                     "undated": {"CALL": 1}}
    assert [y.goldstein_mean for y in p.years if y.year != "undated"] == [2.35, 8.0, 4.45]
    assert p.trend is Trend.rising and p.trend_slope == 1.05


def test_agreements_areas_and_visits(jor_egy: Store) -> None:
    p = pair_profile(jor_egy, "JOR", "EGY")
    [sign] = p.agreements
    assert (sign.date, sign.place, sign.location_country) == ("2023-05-31", "Cairo", "EGY")
    assert sign.instrument == "memorandum"  # the first report names a memorandum
    assert sign.areas == ["training", "maritime", "border_security"]
    assert sign.first is True
    assert {x.name_en for x in sign.persons} == {"Yousef Al-Issawi", "Mohamed Zaki"}
    assert [r.doc_id for r in sign.reports] == ["sign-2023-a", "sign-2023-b"]
    assert all(r.quote for r in sign.reports)
    [drill] = p.cooperation
    assert drill.areas == ["exercises"]
    assert [(a.year, a.areas) for a in p.areas_by_year] == [
        ("2023", {"training": 1, "maritime": 1, "border_security": 1}), ("2024", {"exercises": 1})]

    assert list(p.visits) == ["JOR>EGY", "EGY>JOR"]
    [royal] = p.visits["JOR>EGY"]
    assert (royal.level, royal.first, royal.duration_days, royal.place) == ("head_of_state", True, 2, "Cairo")
    [minister] = p.visits["EGY>JOR"]
    assert (minister.level, minister.first, minister.duration_days) == ("minister", False, None)


def test_people_of_each_side(jor_egy: Store) -> None:
    p = pair_profile(jor_egy, "JOR", "EGY")
    jor = {t.name_en: t for t in p.people["JOR"]}
    egy = {t.name_en: t for t in p.people["EGY"]}
    assert set(jor) == {"Yousef Al-Issawi", "Abdullah II"} and set(egy) == {"Mohamed Zaki", "Abdel Fattah el-Sisi"}
    # The meeting, the signing (two reports, one occasion) and the call; the JOR–SAU meeting is not counted.
    issawi = jor["Yousef Al-Issawi"]
    assert (issawi.occasions, issawi.types) == (3, {"MEET": 1, "SIGN": 1, "CALL": 1})
    assert (issawi.first_date, issawi.last_date) == ("2022-03-10", "2023-05-31")
    # Roles by the number of reports that give them: "minister" in three, "minister of defence" in two.
    assert (egy["Mohamed Zaki"].occasions, egy["Mohamed Zaki"].roles) == (4, ["minister", "minister of defence"])
    assert [t.name_en for t in p.people["EGY"]] == ["Mohamed Zaki", "Abdel Fattah el-Sisi"]  # busiest first


def test_date_range_and_an_empty_pair(jor_egy: Store) -> None:
    p = pair_profile(jor_egy, "JOR", "EGY", date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 12, 31))
    assert (p.occasions, p.undated, [o.type for o in p.contacts]) == (1, 0, ["SIGN"])
    assert p.reports == 2 and p.trend is Trend.unknown
    assert p.visits == {"JOR>EGY": [], "EGY>JOR": []}
    capped = pair_profile(jor_egy, "JOR", "EGY", max_contacts=2)
    assert (len(capped.contacts), capped.contacts_total) == (2, 6)
    # The latest dated ones, oldest first; the undated call is the first to go.
    assert [(o.type, o.date) for o in capped.contacts] == [("VISIT", "2024-02-02"), ("MIL_COOP", "2024-02-03")]
    assert pair_profile(jor_egy, "JOR", "EGY").contacts[-1].type == "CALL"  # uncapped: undated ones last
    # Visits and activities are capped alike (the latest kept); agreements never are.
    one = pair_profile(jor_egy, "JOR", "EGY", max_contacts=1)
    assert ([o.date for o in one.visits["JOR>EGY"]], one.visits["EGY>JOR"]) == (["2024-02-02"], [])
    assert (len(one.agreements), len(one.cooperation), one.years[0].counts["VISIT"]) == (1, 1, 1)
    empty = pair_profile(jor_egy, "JOR", "USA")
    assert (empty.occasions, empty.first_contact, empty.years, empty.outlets) == (0, None, [], 0)


def test_profile_command(jor_egy: Store, store_url: str) -> None:
    result = runner.invoke(app, ["profile", "JOR", "EGY", "--db", store_url], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Jordan (JOR) – Egypt (EGY): relationship profile" in out
    assert "First contact: 2022-03-10 VISIT EGY → JOR Amman, JOR" in out
    assert "memorandum of understanding" in out and "training, maritime, border security" in out
    assert "head of state" in out and "Goldstein trend: rising (+1.05 a year)" in out

    result = runner.invoke(app, ["profile", "JOR", "EGY", "--db", store_url, "-f", "json", "--from", "2024"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["date_from"], data["occasions"], data["trend"]) == ("2024-01-01", 2, "unknown")
    assert data["visits"]["JOR>EGY"][0]["reports"][0]["doc_id"] == "visit-2024"

    result = runner.invoke(app, ["profile", "JOR", "EGY", "--db", store_url, "-f", "md"])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("# Jordan (JOR) – Egypt (EGY): relationship profile\n")
    agreements = md.split("## Agreements signed")[1].split("##")[0]
    assert "| 2023-05-31 | memorandum of understanding | training, maritime, border security | Cairo, EGY | yes |" \
        in agreements


@pytest.mark.parametrize(("args", "message"), [
    (["JOR", "JOR"], "the two sides of a pair must differ"),
    (["JOR", "E1"], "is not a country code"),
    (["JOR", "EGY", "--from", "2024", "--to", "2023"], "--from 2024 is after --to 2023"),
])
def test_profile_command_refuses_bad_input(store_url: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["profile", *args, "--db", store_url])
    assert result.exit_code == 2
    assert message in result.stderr
