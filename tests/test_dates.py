"""Arabic date expressions: finding them and resolving them against a publication date.

Every sentence here is written for the tests; callers normalise first, so the
tests do too.
"""

from __future__ import annotations

import datetime as dt

import pytest

from rasad.extract.dates import DateMention, find_dates
from rasad.text.normalise import normalise

THU = dt.date(2024, 4, 18)  # a Thursday, 9 Shawwal 1445
NEW_YEAR = dt.date(2025, 1, 2)  # a Thursday, 2 Rajab 1446


def dates(text: str, published: dt.date | None) -> list[DateMention]:
    norm = normalise(text).text
    found = find_dates(norm, published)
    for m in found:
        assert norm[m.start:m.end] == m.text
    return found


def one(text: str, published: dt.date | None) -> DateMention:
    found = dates(text, published)
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------ relative days


@pytest.mark.parametrize(
    ("sentence", "value", "kind", "future"),
    [
        ("وصل الوزير إلى الرباط اليوم في زيارة رسمية.", "2024-04-18", "today", False),
        ("استقبل الرئيس صباح اليوم السفير الجديد.", "2024-04-18", "today", False),
        ("وقّع الجانبان مساء اليوم اتفاقية تعاون.", "2024-04-18", "today", False),
        ("أعلنت الوزارة اليوم (الخميس) وصول الشحنة.", "2024-04-18", "today", False),
        # A weekday that the page's date contradicts wins: the page was dated late.
        ("التقى الوزيران اليوم الأحد في العاصمة.", "2024-04-14", "weekday", False),
        ("التقى الوزيران اليوم الخميس في العاصمة.", "2024-04-18", "today", False),
        ("يصل الوفد الليلة إلى المطار.", "2024-04-18", "today", False),
        ("غادر الوفد الليلة الماضية.", "2024-04-17", "yesterday", False),
        ("اتصل الرئيس أمس بنظيره.", "2024-04-17", "yesterday", False),
        ("اتصل الرئيس امس بنظيره.", "2024-04-17", "yesterday", False),
        ("وصل البارحة وفد عسكري.", "2024-04-17", "yesterday", False),
        ("وصلت الطائرة مساء أمس إلى القاعدة.", "2024-04-17", "yesterday", False),
        ("وصلت الطائرة يوم أمس إلى القاعدة.", "2024-04-17", "yesterday", False),
        ("بحث الوزيران أمس الأربعاء سبل التعاون.", "2024-04-17", "yesterday", False),
        ("بحث الوزيران أمس الثلاثاء سبل التعاون.", "2024-04-16", "weekday", False),
        ("جرت المباحثات أمس الأول في القاهرة.", "2024-04-16", "relative-day", False),
        ("جرت المباحثات أول أمس في القاهرة.", "2024-04-16", "relative-day", False),
        ("جرت المباحثات اول امس في القاهرة.", "2024-04-16", "relative-day", False),
        ("جرت المباحثات أول من أمس في القاهرة.", "2024-04-16", "relative-day", False),
        ("يزور الرئيس الجزائر غدا.", "2024-04-19", "tomorrow", True),
        ("يزور الرئيس الجزائر غداً.", "2024-04-19", "tomorrow", True),
        ("يزور الرئيس الجزائر غدًا الجمعة.", "2024-04-19", "tomorrow", True),
        ("تبدأ المناورات صباح الغد.", "2024-04-19", "tomorrow", True),
        ("تبدأ المناورات بعد غد.", "2024-04-20", "relative-day", True),
        ("سلّمت البحرية الزوارق قبل يومين.", "2024-04-16", "relative-day", False),
        ("وصلت الدفعة الأولى منذ ثلاثة أيام.", "2024-04-15", "relative-day", False),
        ("وصلت الدفعة الأولى قبل 4 أيام.", "2024-04-14", "relative-day", False),
        ("وصلت الدفعة الأولى قبل أسبوعين.", None, "relative-week", False),
    ],
)
def test_relative_days(sentence: str, value: str, kind: str, future: bool) -> None:
    m = one(sentence, THU)
    assert (m.value, m.kind, m.future) == (value, kind, future)


@pytest.mark.parametrize(
    ("sentence", "kind", "future"),
    [
        ("وصل الوزير اليوم.", "today", False),
        ("اتصل الرئيس أمس بنظيره.", "yesterday", False),
        ("جرت المباحثات أول أمس.", "relative-day", False),
        ("يزور الرئيس الجزائر غدا.", "tomorrow", True),
        ("اجتمع المجلس الأربعاء.", "weekday", False),
        ("يجتمع المجلس الأربعاء المقبل.", "weekday", True),
        ("زار الوزير بغداد الشهر الماضي.", "relative-month", False),
        ("زار الوزير بغداد في يوليو.", "month", False),
        ("زار الوزير بغداد في 15 أغسطس.", "day-month", False),
        ("تنتهي المهمة في 3 رمضان.", "hijri", False),
    ],
)
def test_relative_without_publication_date(sentence: str, kind: str, future: bool) -> None:
    m = one(sentence, None)
    assert (m.value, m.kind, m.future) == (None, kind, future)


def test_explicit_dates_resolve_without_publication_date() -> None:
    assert one("وُقّع الاتفاق في 27 نوفمبر 2019.", None).value == "2019-11-27"
    assert one("وُقّع الاتفاق في نوفمبر 2019.", None).value == "2019-11"
    assert one("وُقّع الاتفاق في 5 شوال 1445 هـ.", None).value == "2024-04-14"


# ------------------------------------------------------------------ weekdays


@pytest.mark.parametrize(
    ("sentence", "published", "value", "future"),
    [
        ("وصل الوفد الخميس.", THU, "2024-04-18", False),  # bare: this week's, P itself
        ("وصل الوفد الثلاثاء.", THU, "2024-04-16", False),
        ("وصل الوفد يوم الجمعة.", THU, "2024-04-12", False),
        ("وصل الوفد مساء السبت.", THU, "2024-04-13", False),
        ("وصل الوفد صباح يوم الإثنين.", THU, "2024-04-15", False),
        ("وصل الوفد الاثنين.", THU, "2024-04-15", False),
        ("وصل الوفد الخميس الماضي.", THU, "2024-04-11", False),
        ("وصل الوفد الأحد الفائت.", THU, "2024-04-14", False),
        ("وصل الوفد الأحد المنصرم.", THU, "2024-04-14", False),
        ("يصل الوفد الخميس المقبل.", THU, "2024-04-25", True),
        ("يصل الوفد السبت القادم.", THU, "2024-04-20", True),
        # Across the new year.
        ("وصل الوفد الأربعاء الماضي.", NEW_YEAR, "2025-01-01", False),
        ("وصل الوفد الخميس الماضي.", NEW_YEAR, "2024-12-26", False),
        ("وصل الوفد السبت.", NEW_YEAR, "2024-12-28", False),
        ("يصل الوفد الثلاثاء المقبل.", dt.date(2024, 12, 30), "2024-12-31", True),
        ("يصل الوفد الأربعاء المقبل.", dt.date(2024, 12, 30), "2025-01-01", True),
    ],
)
def test_weekdays(sentence: str, published: dt.date, value: str, future: bool) -> None:
    m = one(sentence, published)
    assert (m.value, m.kind, m.future) == (value, "weekday", future)


def test_weekday_span_includes_its_prefix() -> None:
    assert one("وصل الوفد مساء يوم الجمعة إلى المطار.", THU).text == "مساء يوم الجمعه"


# ------------------------------------------------------------------ weeks, months, years


@pytest.mark.parametrize(
    ("sentence", "published", "value", "kind", "future"),
    [
        ("زار الوزير القاعدة الأسبوع الماضي.", THU, None, "relative-week", False),
        ("يزور الوزير القاعدة الأسبوع المقبل.", THU, None, "relative-week", True),
        ("يزور الوزير القاعدة الأسبوع القادم.", THU, None, "relative-week", True),
        ("زار الوزير القاعدة الشهر الماضي.", THU, "2024-03", "relative-month", False),
        ("زار الوزير القاعدة الشهر الماضي.", NEW_YEAR, "2024-12", "relative-month", False),
        ("تتواصل المناورات خلال الشهر الجاري.", THU, "2024-04", "relative-month", False),
        ("تتواصل المناورات خلال الشهر الحالي.", THU, "2024-04", "relative-month", False),
        ("تبدأ المناورات الشهر المقبل.", dt.date(2024, 12, 15), "2025-01", "relative-month", True),
        ("وصلت الشحنة مطلع الشهر.", THU, "2024-04", "relative-month", False),
        ("وصلت الشحنة في 12 من الشهر الجاري.", THU, "2024-04-12", "day-month", False),
        ("وصلت الشحنة في الثامن عشر من الشهر الماضي.", THU, "2024-03-18", "day-month", False),
        ("وقّع البلدان الاتفاق العام الماضي.", THU, None, "year", False),
        ("وقّع البلدان الاتفاق السنة الماضية.", THU, None, "year", False),
        ("يوقّع البلدان الاتفاق العام المقبل.", THU, None, "year", True),
        ("يوقّع البلدان الاتفاق هذا العام.", THU, None, "year", False),
    ],
)
def test_periods(sentence: str, published: dt.date, value: str | None, kind: str, future: bool) -> None:
    m = one(sentence, published)
    assert (m.value, m.kind, m.future) == (value, kind, future)


def test_same_month_is_not_publication_month() -> None:
    m = one("وصل الوزير في منتصف الشهر نفسه.", THU)
    assert (m.kind, m.value) == ("relative-month", None)


# ------------------------------------------------------------------ month names


@pytest.mark.parametrize(
    ("sentence", "published", "value", "kind"),
    [
        ("وُقّع الاتفاق في 27 نوفمبر 2019 بالعاصمة.", THU, "2019-11-27", "explicit"),
        ("وُقّع الاتفاق في 27 نوفمبر/تشرين الثاني 2019 بالعاصمة.", THU, "2019-11-27", "explicit"),
        ("وُقّع الاتفاق في 27 تشرين الثاني (نوفمبر) 2019 بالعاصمة.", THU, "2019-11-27", "explicit"),
        ("وُقّع الاتفاق في 3 كانون الثاني 2021.", THU, "2021-01-03", "explicit"),
        ("وُقّع الاتفاق في 3 كانون الأول 2021.", THU, "2021-12-03", "explicit"),
        ("وُقّع الاتفاق في 9 تشرين الأول 2021.", THU, "2021-10-09", "explicit"),
        ("وُقّع الاتفاق في 14 شباط 2022.", THU, "2022-02-14", "explicit"),
        ("وُقّع الاتفاق في 14 آذار 2022.", THU, "2022-03-14", "explicit"),
        ("وُقّع الاتفاق في 2 نيسان 2022.", THU, "2022-04-02", "explicit"),
        ("وُقّع الاتفاق في 2 أيار 2022.", THU, "2022-05-02", "explicit"),
        ("وُقّع الاتفاق في 20 حزيران 2022.", THU, "2022-06-20", "explicit"),
        ("وُقّع الاتفاق في 20 تموز 2022.", THU, "2022-07-20", "explicit"),
        ("وُقّع الاتفاق في 20 آب 2022.", THU, "2022-08-20", "explicit"),
        ("وُقّع الاتفاق في 20 أيلول 2022.", THU, "2022-09-20", "explicit"),
        ("وُقّع الاتفاق في 11 جانفي 2023.", THU, "2023-01-11", "explicit"),
        ("وُقّع الاتفاق في 11 فيفري 2023.", THU, "2023-02-11", "explicit"),
        ("وُقّع الاتفاق في 11 أفريل 2023.", THU, "2023-04-11", "explicit"),
        ("وُقّع الاتفاق في 11 ماي 2023.", THU, "2023-05-11", "explicit"),
        ("وُقّع الاتفاق في 11 جوان 2023.", THU, "2023-06-11", "explicit"),
        ("وُقّع الاتفاق في 11 جويلية 2023.", THU, "2023-07-11", "explicit"),
        ("وُقّع الاتفاق في 11 أوت 2023.", THU, "2023-08-11", "explicit"),
        ("وُقّع الاتفاق في 11 يونيه 2023.", THU, "2023-06-11", "explicit"),
        ("وُقّع الاتفاق في 11 إبريل 2023.", THU, "2023-04-11", "explicit"),
        ("وُقّع الاتفاق في 5 مارس 2020م.", THU, "2020-03-05", "explicit"),
        ("وُقّع الاتفاق في الخامس من يونيو 2021.", THU, "2021-06-05", "explicit"),
        ("وُقّع الاتفاق في الحادي والعشرين من مارس 2021.", THU, "2021-03-21", "explicit"),
        ("جرت المناورات من 21 وحتى 28 يوليو 2017.", THU, "2017-07-21", "explicit"),
        ("جرت المناورات بين 29-30 ديسمبر 2015.", THU, "2015-12-29", "explicit"),
        ("وُقّع الاتفاق في نوفمبر 2019.", THU, "2019-11", "month"),
        ("وُقّع الاتفاق في مارس من عام 2020.", THU, "2020-03", "month"),
        ("وُقّع الاتفاق في تموز/يوليو 2020.", THU, "2020-07", "month"),
        ("وُقّع الاتفاق في شهر يوليو الماضي.", dt.date(2024, 12, 10), "2024-07", "month"),
        ("وُقّع الاتفاق في شهر يوليو الماضي.", dt.date(2024, 7, 10), "2023-07", "month"),
        ("وُقّع الاتفاق في يوليو.", dt.date(2024, 7, 10), "2024-07", "month"),
        ("وُقّع الاتفاق في يوليو.", dt.date(2024, 6, 10), "2023-07", "month"),
        ("وُقّع الاتفاق منتصف يوليو.", THU, "2023-07", "month"),
        ("وُقّع الاتفاق في أواخر شهر آذار.", THU, "2024-03", "month"),
        ("وُقّع الاتفاق في تموز/يوليو.", THU, "2023-07", "month"),
        ("وُقّع الاتفاق في آب/أغسطس.", THU, "2023-08", "month"),
        ("وُقّع الاتفاق في يوليو من العام الماضي.", THU, "2023-07", "month"),
        ("وُقّع الاتفاق في ديسمبر.", NEW_YEAR, "2024-12", "month"),
        ("وُقّع الاتفاق في ديسمبر الماضي.", NEW_YEAR, "2024-12", "month"),
        ("وُقّع الاتفاق في يناير الماضي.", NEW_YEAR, "2024-01", "month"),
        ("وُقّع الاتفاق في 15 أغسطس.", THU, "2023-08-15", "day-month"),
        ("وُقّع الاتفاق في 15 أبريل.", THU, "2024-04-15", "day-month"),
        ("وُقّع الاتفاق في 18 أبريل.", THU, "2024-04-18", "day-month"),
        ("وُقّع الاتفاق في 30 ديسمبر.", NEW_YEAR, "2024-12-30", "day-month"),
        ("وُقّع الاتفاق في 29 فبراير.", dt.date(2025, 3, 1), "2024-02-29", "day-month"),
        ("وُقّع الاتفاق في 5 مارس الماضي.", THU, "2024-03-05", "day-month"),
        ("وُقّع الاتفاق في 4 آب.", THU, "2023-08-04", "day-month"),
    ],
)
def test_month_names(sentence: str, published: dt.date, value: str, kind: str) -> None:
    m = one(sentence, published)
    assert (m.value, m.kind, m.future) == (value, kind, False)


@pytest.mark.parametrize(
    ("sentence", "published", "value", "kind"),
    [
        ("تبدأ المناورات في يوليو المقبل.", THU, "2024-07", "month"),
        ("تبدأ المناورات في أبريل المقبل.", THU, "2025-04", "month"),
        ("تبدأ المناورات في 10 مايو القادم.", THU, "2024-05-10", "day-month"),
        ("تبدأ المناورات في 25 أبريل الجاري.", THU, "2024-04-25", "day-month"),
        ("تبدأ المناورات في 5 يناير 2030.", THU, "2030-01-05", "explicit"),
        ("تبدأ المناورات في مارس من العام المقبل.", THU, "2025-03", "month"),
    ],
)
def test_future_months(sentence: str, published: dt.date, value: str, kind: str) -> None:
    m = one(sentence, published)
    assert (m.value, m.kind, m.future) == (value, kind, True)


def test_month_of_an_unnamed_year_is_unresolved() -> None:
    m = one("وصل الوزير في مطلع مارس من العام نفسه.", THU)
    assert (m.kind, m.value) == ("month", None)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("زار الوزير القاهرة في يناير 2015، ثم عاد في مطلع مارس من العام نفسه.",
         [("month", "2015-01"), ("month", "2015-03")]),
        ("بدأ التعاون عام 2015، ووُقّع الاتفاق في 5 مارس من العام ذاته.",
         [("year", None), ("explicit", "2015-03-05")]),
        ("وقّع البلدان الاتفاق العام الماضي، ثم في نوفمبر من العام نفسه.",
         [("year", None), ("month", "2023-11")]),
        ("زار الرئيس البلاد في أيار الماضي، وفي منتصف الشهر ذاته وصل وزير الخارجية.",
         [("month", "2023-05"), ("relative-month", "2023-05")]),
        ("زار الرئيس البلاد في 3 أيار 2022، وفي 20 من الشهر نفسه وصل وزير الخارجية.",
         [("explicit", "2022-05-03"), ("day-month", "2022-05-20")]),
    ],
)
def test_same_year_and_month_follow_the_previous_mention(
    sentence: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(m.kind, m.value) for m in dates(sentence, THU)] == expected


# ------------------------------------------------------------------ numeric dates


@pytest.mark.parametrize(
    ("sentence", "value", "kind"),
    [
        ("نُشر البيان بتاريخ 2019/11/27 في الموقع.", "2019-11-27", "explicit"),
        ("نُشر البيان بتاريخ 27/11/2019 في الموقع.", "2019-11-27", "explicit"),
        ("نُشر البيان بتاريخ 27-11-2019 في الموقع.", "2019-11-27", "explicit"),
        ("نُشر البيان بتاريخ 2019-11-27 في الموقع.", "2019-11-27", "explicit"),
        ("نُشر البيان بتاريخ 27.11.2019 في الموقع.", "2019-11-27", "explicit"),
        ("نُشر البيان بتاريخ 03/04/2019 في الموقع.", "2019-04-03", "explicit"),  # day first
        ("نُشر البيان بتاريخ 11/27/2019 في الموقع.", "2019-11-27", "explicit"),
        ("نُشر البيان بتاريخ 1445/10/05 هـ في الموقع.", "2024-04-14", "hijri"),
        ("نُشر البيان بتاريخ 06/يناير/2016 في الموقع.", "2016-01-06", "explicit"),
    ],
)
def test_numeric_dates(sentence: str, value: str, kind: str) -> None:
    m = one(sentence, THU)
    assert (m.value, m.kind) == (value, kind)


# ------------------------------------------------------------------ Hijri


@pytest.mark.parametrize(
    ("sentence", "published", "value", "kind"),
    [
        ("صدر القرار في 05 شوال 1445 هـ.", THU, "2024-04-14", "hijri"),
        ("صدر القرار في 5 شوال 1445هـ.", THU, "2024-04-14", "hijri"),
        ("صدر القرار في 20 ذي القعدة 1435هـ.", THU, "2014-09-15", "hijri"),
        ("صدر القرار في 1 ربيع الأول 1446.", THU, "2024-09-04", "hijri"),
        ("صدر القرار في 1 جمادى الآخرة 1446 هـ.", THU, "2024-12-02", "hijri"),
        ("صدر القرار في العاشر من محرم 1446.", THU, "2024-07-16", "hijri"),
        ("صدر القرار في 3 رمضان.", THU, "2024-03-13", "hijri"),  # most recent 3 Ramadan
        ("صدر القرار في 10 رجب.", NEW_YEAR, "2024-01-22", "hijri"),
        # A Hijri month alone: the Gregorian month holding its 15th day.
        ("صدر القرار في شوال 1445.", THU, "2024-04", "hijri-month"),
        ("صدر القرار خلال شهر رمضان.", THU, "2024-03", "hijri-month"),
        ("صدر القرار خلال شهر رجب.", NEW_YEAR, "2025-01", "hijri-month"),
        ("صدر القرار في منتصف جمادى الأولى.", NEW_YEAR, "2024-11", "hijri-month"),
        ("صدر القرار في رمضان 2024.", THU, "2024-03", "hijri-month"),
    ],
)
def test_hijri(sentence: str, published: dt.date, value: str, kind: str) -> None:
    m = one(sentence, published)
    assert (m.value, m.kind) == (value, kind)


def test_hijri_day_that_does_not_exist_is_unresolved() -> None:
    m = one("صدر القرار في 30 شوال 1445 هـ.", THU)  # Shawwal 1445 has 29 days
    assert (m.kind, m.value) == ("hijri", None)


# ------------------------------------------------------------------ datelines and merging


@pytest.mark.parametrize(
    ("sentence", "value", "text"),
    [
        (
            "الأحد / 05 / شوال / 1445 هـ الاحد 14 أبريل 2024 22:56 الرياض",
            "2024-04-14",
            "الاحد / 05 / شوال / 1445 ه الاحد 14 ابريل 2024",
        ),
        (
            "الأحد 14 أبريل 2024م الموافق 5 شوال 1445هـ",
            "2024-04-14",
            "الاحد 14 ابريل 2024م الموافق 5 شوال 1445ه",
        ),
        ("وصل أمس الخميس 5 مارس 2020 إلى عمّان", "2020-03-05", "امس الخميس 5 مارس 2020"),
        ("وصل أمس الأربعاء (17 أبريل/نيسان 2024) إلى عمّان", "2024-04-17",
         "امس الاربعاء (17 ابريل/نيسان 2024)"),
        ("جرى اللقاء اليوم الخميس 18 أبريل 2024 في القصر", "2024-04-18",
         "اليوم الخميس 18 ابريل 2024"),
    ],
)
def test_datelines_merge_into_one_mention(sentence: str, value: str, text: str) -> None:
    m = one(sentence, THU)
    assert (m.value, m.kind, m.text) == (value, "explicit", text)


def test_weekday_merges_with_a_day_without_year() -> None:
    m = one("جرى اللقاء يوم الخميس الموافق 18 أبريل في القصر", THU)
    assert (m.value, m.kind, m.text) == ("2024-04-18", "day-month", "يوم الخميس الموافق 18 ابريل")


def test_today_with_weekday_in_brackets() -> None:
    m = one("أعلن الجيش اليوم (الخميس) تسلم الطائرات.", THU)
    assert (m.text, m.value, m.kind) == ("اليوم (الخميس)", "2024-04-18", "today")
    m = one("أعلن الجيش اليوم (الأحد) تسلم الطائرات.", THU)  # the page was dated late
    assert (m.text, m.value, m.kind) == ("اليوم (الاحد)", "2024-04-14", "weekday")


def test_listed_weekdays_stay_apart() -> None:
    found = dates("تُعقد الجلسات الأحد، الاثنين.", THU)
    assert [m.value for m in found] == ["2024-04-14", "2024-04-15"]


def test_day_with_attached_conjunction() -> None:
    found = dates("زار القاهرة في 5 مارس و21 مايو 2023.", THU)
    assert [(m.text, m.value) for m in found] == [("5 مارس", "2023-03-05"), ("21 مايو 2023", "2023-05-21")]


def test_range_start_borrows_the_year_across_new_year() -> None:
    found = dates("جرت المناورات بين 25 ديسمبر و3 يناير 2024.", THU)
    assert [m.value for m in found] == ["2023-12-25", "2024-01-03"]


def test_unrelated_dates_stay_apart() -> None:
    found = dates("وصل في 5 مارس 2020، 9 يونيو 2021 غادر.", THU)
    assert [m.value for m in found] == ["2020-03-05", "2021-06-09"]


# ------------------------------------------------------------------ years


@pytest.mark.parametrize(
    ("sentence", "text", "future"),
    [
        ("جرت المحاولة في عام 2016 بالعاصمة.", "عام 2016", False),
        ("جرت المحاولة عام 2016 بالعاصمة.", "عام 2016", False),
        ("جرت المحاولة في العام 2016 بالعاصمة.", "العام 2016", False),
        ("جرت المحاولة سنة 2016 بالعاصمة.", "سنه 2016", False),
        ("جرت المحاولة في منتصف عام 2019.", "منتصف عام 2019", False),
        ("جرت المحاولة أواخر 2019.", "اواخر 2019", False),
        ("جرت المحاولة في 2016م.", "2016م", False),
        ("افتُتح العام الدراسي 1445هـ.", "1445ه", False),
        ("تُستكمل الصفقة بحلول عام 2030.", "عام 2030", True),
        ("وقّع البلدان اتفاقيات في 2017، منها اتفاقية دفاع.", "2017", False),
        ("يتعاون البلدان منذ 2016 وحتى الآن.", "2016", False),
    ],
)
def test_years_are_reported_without_value(sentence: str, text: str, future: bool) -> None:
    m = one(sentence, THU)
    assert (m.text, m.value, m.kind, m.future) == (text, None, "year", future)


# ------------------------------------------------------------------ digits from other scripts


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("وُقّع الاتفاق في ٢٧ نوفمبر ٢٠١٩.", "2019-11-27"),
        ("وُقّع الاتفاق في ۲۷ نوفمبر ۲۰۱۹.", "2019-11-27"),
        ("نُشر البيان بتاريخ ٢٧/١١/٢٠١٩.", "2019-11-27"),
        ("صدر القرار في ٥ شوال ١٤٤٥ هـ.", "2024-04-14"),
        ("صدر القرار في ٥ شوّال ١٤٤٥ هـ.", "2024-04-14"),
    ],
)
def test_eastern_digits(sentence: str, value: str) -> None:
    assert one(sentence, THU).value == value


# ------------------------------------------------------------------ not dates


@pytest.mark.parametrize(
    "sentence",
    [
        "انطلقت الطائرة عند الساعة 22:56 بتوقيت المكان.",
        "تسلّم سلاح الجو 6 طائرات من طراز F-16 الحديثة.",
        "ارتفعت الصادرات بنسبة 12.5% خلال الربع.",
        "نشر الجيش 2000 جندي على الحدود.",
        "انتشرت القوات في 2000 موقع.",
        "بدأ التدريب بعد أسبوع من المحادثات.",
        "مارس الوفد ضغوطا كبيرة على الطرفين.",
        "يمارس المجلس صلاحياته كاملة.",
        "قال الأب إن ابنه التحق بالجيش.",
        "زار رجب طيب أردوغان العاصمة.",
        "التقى رمضان عبد الله بنظيره.",
        "بدأ المشروع من الصفر.",
        "البلدان في أمس الحاجة إلى التعاون.",
        "أكد الأمين العام الحالي للحلف دعمه.",
        "في ذلك اليوم وصلت الطائرات.",
        "أقيم اليوم الوطني للبلاد بحضور الوزير.",
        "في اليوم الأول من الزيارة التقى نظيره.",
        "انتهى الخلاف بين الاثنين.",
        "شاركت الأحد عشر دولة في التمرين.",
        "قرأ صحيفة الغد الأردنية.",
        "يقع المبنى في الطابق 3 من المجمع.",
        "صدر القرار رقم 1/2/3 للجنة.",
        "وقّع العقد قبل يومين من الانتخابات.",
        "ستتسلم الوحدة الجديدة طائرات نيسان للنقل.",
    ],
)
def test_not_dates(sentence: str) -> None:
    assert dates(sentence, THU) == []


def test_mentions_sorted_and_disjoint() -> None:
    text = (
        "وصل وزير الدفاع إلى العاصمة أمس الأربعاء في زيارة تستمر حتى الجمعة المقبل، "
        "بعد أن وقّع البلدان في 27 نوفمبر 2019 اتفاقية تعاون جُدّدت في مارس الماضي، "
        "ويُنتظر أن تُستكمل الصفقة بحلول عام 2030، وفق بيان صدر اليوم."
    )
    found = dates(text, THU)
    assert [m.kind for m in found] == ["yesterday", "weekday", "explicit", "month", "year", "today"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert found[1].future and found[1].value == "2024-04-19"


def test_datetime_publication_is_accepted() -> None:
    assert one("وصل الوزير أمس.", dt.datetime(2024, 4, 18, 9, 30)).value == "2024-04-17"


def test_plural_and_dual_qualifiers_of_weekdays() -> None:
    import datetime as dt

    from rasad.extract.dates import find_dates
    from rasad.text.normalise import normalise

    found = find_dates(normalise("يزور الرئيس مصر يومي الأحد والاثنين المقبلين").text, dt.date(2025, 12, 3))
    assert found[-1].value == "2025-12-08" and found[-1].future
    found = find_dates(normalise("زار الرئيس مصر يومي السبت والأحد الماضيين").text, dt.date(2025, 12, 3))
    assert found[-1].value == "2025-11-30" and not found[-1].future
