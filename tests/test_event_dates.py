"""The date of an event, as the text states it, resolved against the publication date.

Each sentence states one event; the sentences are written for these tests.
"""

from __future__ import annotations

import pytest

import rasad

THU = "2024-04-18"  # a Thursday
MON = "2024-04-22"  # the Monday after
SAT = "2024-04-20"  # the Saturday before that Monday
AUTUMN = "2024-10-05"
LATER = "2025-01-02"  # after every explicit date below


def _summary(events) -> str:
    return "; ".join(f"{e.type} {e.source.country}->{e.target.country} {e.date}" for e in events) or "no events"


def the_date(text: str, type_: str, published: str | None) -> str | None:
    events = rasad.analyze(text, published=published)
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, f"expected one {type_}, got: {_summary(events)}"
    return found[0].date


TODAY = "استقبل وزير الخارجية البحريني اليوم في المنامة سفير اليابان لدى المملكة، وبحث معه العلاقات الثنائية."
YESTERDAY = "أجرى وزير الخارجية الأردني أمس اتصالا هاتفيا مع نظيره الكويتي تناول المستجدات الإقليمية."
DAY_BEFORE = "التقى رئيس الوزراء اللبناني أول أمس في بيروت وزير الخارجية الفرنسي، وبحثا الأوضاع في المنطقة."
LAST_WEDNESDAY = "وصل رئيس أركان الجيش الباكستاني إلى الدوحة الأربعاء الماضي في زيارة رسمية لقطر."
ON_THURSDAY = "وقع وزير الدفاع السعودي ونظيره الأمريكي، يوم الخميس في واشنطن، مذكرة تفاهم للتعاون الدفاعي."
IN_TAMMUZ = "زار قائد القوات البحرية العمانية الهند في شهر تموز الماضي، والتقى خلال الزيارة قائد البحرية الهندية."
IN_JULY = "زار قائد القوات البحرية العمانية الهند في يوليو الماضي على رأس وفد عسكري رفيع."


@pytest.mark.parametrize(
    ("text", "type_", "published", "expected"),
    [
        (TODAY, "MEET", THU, "2024-04-18"),
        (YESTERDAY, "CALL", THU, "2024-04-17"),
        (DAY_BEFORE, "MEET", THU, "2024-04-16"),
        (LAST_WEDNESDAY, "VISIT", MON, "2024-04-17"),
        (ON_THURSDAY, "SIGN", SAT, "2024-04-18"),
        (IN_TAMMUZ, "VISIT", AUTUMN, "2024-07"),
        (IN_JULY, "VISIT", AUTUMN, "2024-07"),
        (IN_JULY, "VISIT", THU, "2023-07"),  # the most recent July before publication
    ],
    ids=["today", "yesterday", "day-before-yesterday", "last-wednesday", "on-thursday", "tammuz-last",
         "july-last", "july-last-year-before"],
)
def test_relative_dates(text: str, type_: str, published: str, expected: str) -> None:
    assert the_date(text, type_, published) == expected


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        ("وقع وزير الداخلية التونسي ونظيره الجزائري في 15 آب 2024 اتفاقية للتعاون الأمني على الحدود.",
         "SIGN", "2024-08-15"),
        ("تسلمت القوات الجوية العراقية من كوريا الجنوبية في ٢٠ مارس ٢٠٢٣ دفعة جديدة من الطائرات المقاتلة.",
         "MIL_AID", "2023-03-20"),
        ("استقبل ولي العهد السعودي في جدة يوم 10 رمضان 1445 هـ رئيس الوزراء الباكستاني.",
         "MEET", "2024-03-20"),
    ],
    ids=["levantine-month", "hindi-digits", "hijri"],
)
def test_explicit_dates(text: str, type_: str, expected: str) -> None:
    assert the_date(text, type_, None) == expected
    assert the_date(text, type_, LATER) == expected


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        (TODAY, "MEET"),
        (YESTERDAY, "CALL"),
        (DAY_BEFORE, "MEET"),
        (LAST_WEDNESDAY, "VISIT"),
        (ON_THURSDAY, "SIGN"),
        (IN_JULY, "VISIT"),
    ],
    ids=["today", "yesterday", "day-before-yesterday", "last-wednesday", "on-thursday", "july-last"],
)
def test_relative_dates_without_publication_are_none(text: str, type_: str) -> None:
    assert the_date(text, type_, None) is None


def test_without_a_publication_date_the_leads_full_date_stands_in() -> None:
    import rasad

    text = "الرباط - الأربعاء 4 ديسمبر 2024. استقبل وزير الدفاع المغربي اليوم نظيره الفرنسي."
    meet = next(e for e in rasad.analyze(text) if e.type == "MEET")
    assert meet.date == "2024-12-04"  # "اليوم" read against the dateline's day


def test_a_date_deep_in_the_story_is_no_reference() -> None:
    import rasad

    text = ("استقبل وزير الدفاع المغربي اليوم نظيره الفرنسي. وتناول اللقاء التعاون العسكري. "
            "وأشاد الوزيران بالعلاقات. وكان البلدان قد وقعا في 3 مارس 2015 اتفاقية للتعاون الدفاعي.")
    meet = next(e for e in rasad.analyze(text) if e.type == "MEET")
    assert meet.date is None  # nothing fixes "today" when the only full date is background


def test_an_exercise_that_went_on_for_days_is_dated_to_the_month() -> None:
    import rasad

    text = "نفذت القوات المصرية واليونانية تدريبا بحريا مشتركا في البحر المتوسط. واستمرت فعاليات التدريب لعدة أيام."
    (drill,) = rasad.analyze(text, published="2025-11-26")
    assert drill.date == "2025-11"
    (drill,) = rasad.analyze(text.split(".")[0] + ".", published="2025-11-26")
    assert drill.date == "2025-11-26"  # told as the day's news, with nothing saying it lasted


def test_an_undated_signing_takes_the_date_of_the_next_sentence_that_names_it_again() -> None:
    import rasad

    text = ("قالت القوات الليبية إن نائب قائدها وقع اتفاقية تعاون عسكري مع قائد الجيش الباكستاني. "
            "وذكر بيان، أمس الخميس، أن الاتفاقية تعزز التعاون.")
    (sign,) = rasad.analyze(text, published="2025-12-19")
    assert sign.date == "2025-12-18"
    assert "names the occasion again" in sign.date_how


def test_a_dated_sentence_about_something_else_gives_no_date() -> None:
    import rasad

    text = ("قالت القوات الليبية إن نائب قائدها وقع اتفاقية تعاون عسكري مع قائد الجيش الباكستاني. "
            "وكانت الأمطار قد هطلت أمس الخميس على المدينة.")
    (sign,) = rasad.analyze(text, published="2025-12-19")
    assert sign.date != "2025-12-18"


@pytest.mark.parametrize(("text", "expected"), [
    # the dispatch's date yields to the day the sentence gives its occasion
    ("الرياض 18 أبريل (واس) - استقبل وزير الدفاع السعودي، أمس، في مكتبه بالرياض وزير الدفاع الباكستاني.",
     "2024-04-17"),
    ("القاهرة في 18 أبريل /أ ش أ/ استقبل الرئيس المصري يوم الثلاثاء وزير الخارجية الأمريكي.", "2024-04-16"),
    # alone, the dispatch's date is the occasion's
    ("الرياض 18 أبريل (واس) - استقبل وزير الدفاع السعودي في مكتبه بالرياض وزير الدفاع الباكستاني.",
     "2024-04-18"),
])
def test_a_datelines_date_yields_to_the_occasions_own(text: str, expected: str) -> None:
    assert the_date(text, "MEET", THU) == expected


@pytest.mark.parametrize("text", [
    "أجرى وزير الخارجية العماني الأسبوع الماضي زيارة رسمية إلى إيران التقى خلالها الرئيس الإيراني.",
    "وكان البلدان قد وقعا في عام 2019 مذكرة تفاهم للتعاون العسكري، كما وقع وزيرا الدفاع العماني والإيراني اتفاقية.",
])
def test_a_time_the_text_does_not_fix_is_not_the_publication_date(text: str) -> None:
    events = rasad.analyze(text, published=THU)
    assert events and all(e.date != THU for e in events), _summary(events)


def test_a_statements_day_is_not_the_day_of_the_occasion_it_reports() -> None:
    text = ("بحث رئيس الأركان الكويتي مع قائد القوات البحرية الإيطالية خلال لقائهما الأحد الماضي سبل التعاون. "
            "وذكرت مديرية التوجيه المعنوي في بيان لها اليوم أن الجانبين استعرضا خلال اللقاء برامج التدريب.")
    events = rasad.analyze(text, published=THU, home_country="KWT")
    assert [(e.type, e.date) for e in events] == [("MEET", "2024-04-14")]
    # the reverse: the day of an announcement dates an occasion the sentence tells as its own news
    assert the_date("أعلنت وزارة الدفاع الأردنية اليوم وصول شحنة مدرعات مقدمة من الولايات المتحدة.",
                    "MIL_AID", THU) == THU


def test_an_occasion_told_after_kama_later_in_the_story_is_of_the_day() -> None:
    import rasad

    text = ("استقبل ولي العهد الكويتي اليوم وزير الخارجية الإيطالي. وبحث الجانبان العلاقات الثنائية. "
            "وأشاد الوزير بمستوى التعاون. كما تلقى سموه اتصالا هاتفيا من الرئيس القبرصي.")
    (call,) = [e for e in rasad.analyze(text, published="2025-03-04") if e.type == "CALL"]
    assert call.date == "2025-03-04"
    # the reverse: a later sentence with no such opening and no date is left undated
    text = ("استقبل ولي العهد الكويتي اليوم وزير الخارجية الإيطالي. وبحث الجانبان العلاقات الثنائية. "
            "وأشاد الوزير بمستوى التعاون. وتلقى ولي العهد الكويتي اتصالا هاتفيا من الرئيس القبرصي.")
    (call,) = [e for e in rasad.analyze(text, published="2025-03-04") if e.type == "CALL"]
    assert call.date is None


# A page dated a day or more after the dispatch it carries: the dateline's day is the story's today.
DISPATCH_LATE = "المنامة في 30 ديسمبر / بنا / استقبل وزير الخارجية البحريني اليوم سفير اليابان لدى المملكة."
DISPATCH_UNDATED = "المنامة / بنا / استقبل وزير الخارجية البحريني اليوم سفير اليابان لدى المملكة."
DISPATCH_OLD = "المنامة في 12 ديسمبر / بنا / استقبل وزير الخارجية البحريني اليوم سفير اليابان لدى المملكة."


def test_the_dispatch_day_is_the_story_today_when_the_page_is_later() -> None:
    assert the_date(DISPATCH_LATE, "MEET", LATER) == "2024-12-30"


def test_without_a_dispatch_day_today_is_the_page_date() -> None:
    assert the_date(DISPATCH_UNDATED, "MEET", LATER) == LATER


def test_a_dispatch_day_weeks_before_the_page_is_not_taken_for_today() -> None:
    # more than a few days apart: the page is what dates the story, not an old dateline
    assert the_date(DISPATCH_OLD, "MEET", LATER) == LATER


def _dates_of(text: str, published: str) -> dict[tuple[str, str, str], str | None]:
    return {(e.type, *sorted((e.source.country, e.target.country))): e.date
            for e in rasad.analyze(text, published=published)}


def test_news_told_on_with_the_lead_takes_the_day_the_lead_dates() -> None:
    text = ("استقبل وزير الخارجية العماني في مسقط أمس نظيره الياباني. "
            "وتلقى الوزير العماني اتصالا هاتفيا من نظيره الإيطالي.\n"
            "وأشار البيان إلى عمق العلاقات.\n"
            "كما استقبل الوزير العماني سفير البرازيل لدى السلطنة.\n"
            "واستقبل في اليوم ذاته وزير الدولة الكيني.")
    got = _dates_of(text, MON)
    assert {got[("MEET", "JPN", "OMN")], got[("CALL", "ITA", "OMN")], got[("MEET", "BRA", "OMN")],
            got[("MEET", "KEN", "OMN")]} == {"2024-04-21"}


def test_a_lead_dated_long_before_is_no_day_of_news_and_a_later_sentence_stays_undated() -> None:
    text = ("كانت آخر زيارة لوزير الخارجية العماني إلى طوكيو في الخامس من مارس. "
            "وتلقى الوزير العماني اتصالا هاتفيا من نظيره الإيطالي.\n"
            "وأشار البيان إلى عمق العلاقات.\n"
            "واستقبل الوزير العماني وزير الدولة الكيني.")
    got = _dates_of(text, MON)
    assert got[("CALL", "ITA", "OMN")] == MON  # news of the day: the publication date
    assert got[("MEET", "KEN", "OMN")] is None
