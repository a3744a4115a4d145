"""Arabic date expressions, found and resolved against a publication date.

Input is text already passed through ``rasad.text.normalise.normalise`` (so
أإآ→ا, ى→ي, ة→ه, ئ→ي, ASCII digits, no tashkeel or tatweel); every table below
is written in that folded spelling.

How the scan works, and why: running one large alternation at every character
is too slow for the throughput target, so two cheap scans find *anchors* (a
trie-shaped regex over the date words, and runs of ASCII digits). Each anchor
is then extended forward with an anchored ``match`` and backward with a short
end-anchored ``search`` (prefix words such as مساء، منتصف، شهر, ordinal days).
Candidates are resolved, overlaps go to the longest, and adjacent day-level
pieces of one dateline ("الأحد / 5 شوال 1445 هـ الأحد 14 أبريل 2024") are merged
into one mention.

Resolution choices that are not forced by the language:

* a bare weekday is the most recent such day on or before publication;
  with الماضي/الفائت/المنصرم strictly before, with المقبل/القادم strictly after;
* a day and month without a year is the most recent such day on or before
  publication (strictly before with الماضي, after with المقبل, this year with
  الجاري); a month alone is the most recent such month on or before
  publication's month, and "<month> الماضي" is strictly before it;
* a Hijri month without a day resolves to the Gregorian month holding its
  15th day, which is the Gregorian month holding (nearly always) most of its
  days; a Hijri month with a Gregorian year ("رمضان 2024") is the one whose
  middle falls in that year;
* when a Hijri and a Gregorian date are written side by side, the Gregorian
  one wins: the tabular (Umm al-Qura) conversion can be a day off from the
  sighting-based calendar a newsroom prints;
* a year is never a value (the output grammar has no year-only form), but the
  mention is still reported so callers know the event is dated elsewhere;
* "من العام نفسه" and "الشهر ذاته" take the year / month of the nearest earlier
  mention that has one, and stay None when there is none;
* the start of a range written without its year ("بين 25 ديسمبر و3 يناير 2024")
  takes the year written at its end, and a day range ("21 وحتى 28 يوليو") keeps
  its first day;
* ``future`` is set by forward words (غدا، المقبل، القادم، بعد) and also whenever
  the resolved day or month lies after publication.

Left out on purpose: dates in Latin script (bylines such as "Sunday 23 January"),
two-digit years, tense (a bare weekday after "سيبدأ" still resolves backwards),
the eve convention of "ليلة الخميس" (read as Thursday), durations ("منذ 17 شهرا"),
and the risky month names above when nothing around them marks a date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from hijridate import Gregorian, Hijri

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression.

    kind is one of: explicit (Gregorian day with its year), day-month (Gregorian
    day, year inferred), month, hijri (Hijri day), hijri-month, today, yesterday,
    tomorrow, relative-day (أول أمس، بعد غد، قبل يومين), weekday, relative-week,
    relative-month, year. value is None for weeks and years by design, and for
    anything relative when the publication date is unknown.
    """

    start: int  # offsets into the normalised text, end exclusive
    end: int
    text: str
    value: str | None  # "YYYY-MM-DD", "YYYY-MM", or None when unresolvable
    kind: str
    future: bool = False


# ---------------------------------------------------------------- vocabulary

_GREGORIAN: dict[int, tuple[str, ...]] = {
    1: ("يناير", "جانفي", "كانون الثاني", "كانون ثاني"),
    2: ("فبراير", "فيفري", "شباط", "فبرير"),
    3: ("مارس", "اذار"),
    4: ("ابريل", "افريل", "نيسان"),
    5: ("مايو", "ماي", "ايار"),
    6: ("يونيو", "يونيه", "جوان", "حزيران"),
    7: ("يوليو", "يوليه", "جويليه", "يوليوز", "تموز"),
    8: ("اغسطس", "اوت", "غشت", "اب"),
    9: ("سبتمبر", "شتنبر", "ايلول"),
    10: ("اكتوبر", "تشرين الاول", "تشرين اول"),
    11: ("نوفمبر", "نونبر", "تشرين الثاني", "تشرين ثاني"),
    12: ("ديسمبر", "دجنبر", "كانون الاول", "كانون اول"),
}
# Month names that are also common words (آب father, مارس practised, ماي,
# أيار, نيسان the car maker, جوان a first name, غشت cheated): accepted only
# with a day, a year, a qualifier, a prefix such as منتصف, the word شهر, or a
# second month name beside them.
_RISKY = frozenset({"اب", "مارس", "ماي", "ايار", "نيسان", "جوان", "اوت", "غشت"})

_HIJRI: dict[int, tuple[str, ...]] = {
    1: ("محرم", "المحرم"),
    2: ("صفر",),
    3: ("ربيع الاول", "ربيع اول"),
    4: ("ربيع الاخر", "ربيع الثاني", "ربيع ثاني", "ربيع اخر"),
    5: ("جمادي الاولي", "جمادي الاول", "جمادي اولي"),
    6: ("جمادي الاخره", "جمادي الثانيه", "جمادي الاخر", "جمادي الثاني"),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعده", "ذي القعده", "ذا القعده"),
    12: ("ذو الحجه", "ذي الحجه", "ذا الحجه"),
}

# Python weekday numbers (Monday = 0).
_WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الثلاثاء": 1, "الثلاثا": 1, "الاربعاء": 2, "الاربعا": 2,
    "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}

_QUAL: dict[str, int] = {
    "الماضي": -1, "الماضيه": -1, "الفايت": -1, "الفايته": -1, "المنصرم": -1, "المنصرمه": -1,
    "الماضيين": -1, "الماضيان": -1,  # "يومي الأحد والاثنين الماضيين"
    "المقبل": 1, "المقبله": 1, "القادم": 1, "القادمه": 1,
    "المقبلين": 1, "المقبلان": 1, "القادمين": 1, "القادمان": 1,
    "الجاري": 0, "الجاريه": 0, "الحالي": 0, "الحاليه": 0,
}

_UNITS = ("الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")


def _ordinals() -> dict[str, int]:
    table: dict[str, int] = {u: i + 1 for i, u in enumerate(_UNITS)}
    table["العاشر"] = 10
    table["الحادي عشر"] = 11
    for i, u in enumerate(_UNITS[1:], start=12):
        table[f"{u} عشر"] = i
    for tens, names in ((20, ("العشرين", "العشرون")), (30, ("الثلاثين", "الثلاثون"))):
        for name in names:
            table[name] = tens
            table[f"الحادي و{name}"] = tens + 1
            if tens == 20:
                for i, u in enumerate(_UNITS[1:], start=2):
                    table[f"{u} و{name}"] = tens + i
    return table


_ORDINALS = _ordinals()

_WORD_NUMBERS = {
    "ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7, "ثمانيه": 8, "تسعه": 9, "عشره": 10,
}


def _canon(s: str) -> str:
    """Collapse runs of whitespace, and "و ال" to "وال", so lookups ignore spacing."""
    return " ".join(s.split()).replace(" و ال", " وال")


# canonical month name -> (calendar "g"/"h", month number, needs context)
_MONTHS: dict[str, tuple[str, int, bool]] = {}
for _m, _names in _GREGORIAN.items():
    for _n in _names:
        _MONTHS[_n] = ("g", _m, _n in _RISKY)
for _m, _names in _HIJRI.items():
    for _n in _names:
        # A one-word Hijri month is usually a personal name (رجب، رمضان، شعبان)
        # or a word (صفر zero, محرم forbidden) unless something dates it.
        _MONTHS[_n] = ("h", _m, " " not in _n)


# ---------------------------------------------------------------- patterns


def _trie(words: list[str]) -> str:
    """A regex alternation shaped as a trie, so each position costs O(word length)."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(sub)
                for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        # Greedy optional tail: the longer word is tried first, the shorter on backtrack.
        return body + "?" if "" in node else body

    return build(root)


def _alt(words: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+")
                            for w in sorted(words, key=len, reverse=True)) + ")"


_MONTH = _trie(list(_MONTHS)) + r"(?!\w)"
_Q = _alt(_QUAL) + r"(?!\w)"
_QDIR = _alt(k for k, v in _QUAL.items() if v) + r"(?!\w)"
# "the same year/month": dated by the nearest earlier mention that names one.
_SAME = r"(?:نفسه|ذاته|نفسها|ذاتها)(?!\w)"
_ERA = r"(?:ميلاديه|ميلادي|هجريه|هجري|م|ه)(?!\w)"
_ORD = _alt(_ORDINALS)
_PART = _alt(("صباح", "صبيحه", "مساء", "ظهر", "ظهيره", "عصر", "فجر", "ليل", "ليله", "منتصف ليل",
              "نهار", "ضحي", "عشيه", "غداه"))
_PREFIX = (
    _alt(("مطلع", "مستهل", "بدايه", "بدايات", "اوايل", "اواسط", "منتصف", "اواخر", "نهايه",
          "اخر", "ختام", "اوسط"))
    + "|"
    + _alt(("النصف", "الربع", "الثلث", "الاسبوع", "الاسابيع", "الايام", "الاشهر", "العشر",
            "العشره", "الشهر"))
    + r"\s+" + _alt(_UNITS[:4] + ("الاخير", "الاخيره", "الاولي", "الاواخر", "الاوايل"))
    + r"\s+من"
)

# After a month name: an optional second name (نوفمبر/تشرين الثاني, تموز (يوليو)),
# then a year or a qualifier.
_MONTH_TAIL = (
    rf"(?P<m1>{_MONTH})"
    rf"(?:(?:\s*[/(]\s*|\s+)(?P<m2>{_MONTH})(?:\s*\))?)?"
    r"(?:"
    r"(?:\s*[/\-.,]?\s*|\s+(?:من\s+)?(?:عام|العام|سنه|السنه)\s+)"
    rf"(?P<y>[12][0-9]{{3}})(?![0-9])(?:\s*(?P<era>{_ERA}))?"
    r"|\s+(?:من\s+)?(?:"
    rf"(?P<q>{_Q})|(?:العام|السنه)\s+(?P<yq>{_Q})|(?P<ythis>هذا\s+العام|هذه\s+السنه)(?!\w)"
    rf"|(?P<ysame>(?:العام|السنه)\s+{_SAME}|نفس\s+(?:العام|السنه)(?!\w))"
    r"))?"
)
_DAY_MONTH_RE = re.compile(
    # A range ("29-30 ديسمبر", "20 و21 مايو", "من 21 وحتى 28 يوليو") keeps its first day.
    r"(?P<d>[0-9]{1,2})(?![0-9])"
    r"(?:\s*(?:-|و|الي|حتي|وحتي|ولغايه)\s*[0-9]{1,2}(?![0-9]))?\s*[/\-.]?\s*(?:من\s+)?"
    r"(?:(?P<shahr>شهر)\s+)?" + _MONTH_TAIL
)
_MONTH_RE = re.compile(_MONTH_TAIL)
_NUMERIC_RE = re.compile(
    r"(?P<a>[0-9]{1,4}) ?(?P<s>[/\-.]) ?(?P<b>[0-9]{1,2}) ?(?P=s) ?(?P<c>[0-9]{1,4})(?![0-9])"
    r"(?![.,/\-:][0-9])"
    rf"(?:\s*(?P<era>{_ERA}))?"
)
_YEAR_ERA_RE = re.compile(rf"[12][0-9]{{3}}\s*(?P<era>{_ERA})")

_WEEKDAY_RE = re.compile(
    _alt(_WEEKDAYS) + r"(?!\w)(?!\s+عشر(?!\w))(?:\s+(?P<q>" + _QDIR + "))?"
)
_PERIOD_YEAR_RE = re.compile(
    rf"(?:عام|العام|سنه|السنه)\s+(?P<y>[12][0-9]{{3}})(?![0-9])(?:\s*(?P<era>{_ERA}))?"
)
_PERIOD_QUAL_RE = re.compile(
    rf"(?P<u>الاسبوع|الشهر|العام|السنه|عام|سنه)(?:\s+(?P<q>{_Q})|\s+(?P<same>{_SAME}))?"
)
_AGO_RE = re.compile(
    r"(?P<w>قبل|منذ|بعد)\s+(?:(?P<two>يومين)|(?P<n>[0-9]{1,2}|" + _alt(_WORD_NUMBERS)
    + r")\s+ايام|(?P<one>يوم\s+واحد)|(?P<week>اسبوع|اسبوعين))(?!\w)(?!\s+(?:من|علي|عن)(?!\w))"
)

# Words after اليوم/الليله that make it "the Nth day", "the national day"...
_NOT_TODAY_RE = re.compile(
    r"\s+" + _alt(_UNITS + ("العاشر", "الاخير", "التالي", "السابق", "الموالي", "نفسه", "ذاته",
                            "الوطني", "العالمي", "الدولي", "الختامي", "الافتتاحي", "الموعود",
                            "المحدد", "المشهود", "الاولي", "الاخر", "الذي", "التي")) + r"(?!\w)"
)
_YESTERDAY_FIRST_RE = re.compile(r"\s+الاول(?!\w)")
_DIRE_NEED_RE = re.compile(r"\s+الحاجه(?!\w)")  # "في أمس الحاجة": in dire need
_NIGHT_PAST_RE = re.compile(r"\s+الماضيه(?!\w)")

# Backward extensions, searched in a short window that ends at the anchor.
_BACK_WINDOW = 48
_BACK_PART_RE = re.compile(rf"(?:{_PART}\s+(?:هذا\s+)?(?:يوم\s+)?|(?:هذا\s+)?يوم\s+|هذا\s+)$")
# "من" is required: "قتل 5 الشهر الماضي" is five people, not the 5th.
_BACK_DAY_RE = re.compile(rf"(?:(?<![0-9])(?P<d>[0-9]{{1,2}})|(?P<ord>{_ORD}))\s+من\s+$")
_BACK_THAT_RE = re.compile(r"(?:ذلك|نفس|تلك|ذات)\s+$")
_BACK_BOTH_RE = re.compile(r"(?:بين|كلا|هذين)\s+$")
_BACK_MONTH_RE = re.compile(
    rf"(?:(?P<pre>{_PREFIX})\s+(?:(?P<s1>شهر)\s+)?|(?P<s2>شهر)\s+"
    rf"|(?P<ord>{_ORD})\s+من\s+(?:(?P<s3>شهر)\s+)?)$"
)
_BACK_PERIOD_RE = re.compile(rf"(?:(?P<pre>{_PREFIX})\s+(?:(?:هذا|هذه)\s+)?|(?:هذا|هذه)\s+)$")
_BACK_PREFIX_RE = re.compile(rf"(?:{_PREFIX})\s+(?:(?:عام|العام|سنه)\s+)?$")
# "في 2017،" is a year, "في 2000 موقع" a count: a bare year needs one of these
# words before it and punctuation (or the end) after it.
_BACK_BARE_YEAR_RE = re.compile(r"(?:في|منذ|خلال|حتي|قبل|بعد|بحلول|ومنذ)\s+$")
_AFTER_BARE_YEAR_RE = re.compile(r"\s*(?:[.,;:)\"'!?]|$)|\s+(?:وحتي|حتي|الي|ولغايه)(?!\w)")
_PREV_WORD_RE = re.compile(r"(\w+)\s+$")
_GENERAL_NOUNS = frozenset({
    "الامين", "المدير", "المدعي", "النايب", "المفتش", "المراقب", "القايد", "المنسق", "المفوض",
    "المستشار", "المرشد", "الراي", "القطاع", "العفو", "الاضراب", "الموتمر", "الاتحاد", "الامن",
    "النظام", "الصالح", "المال", "الشان", "الانفاق", "الدين", "الحشد", "الاطار", "التعليم",
    "الادعاء", "الاستنفار", "المشهد", "الوضع", "المزاج", "الطابع", "النقل",
})

_RANGE_GAP_RE = re.compile(r"\s*,?\s*(?:و|الي|حتي|وحتي|ولغايه|-)\s*")
_CONNECTOR_RE = re.compile(r"[\s,/\-()|:]*(?:(?:ال)?موافق(?:\s*ل)?[\s,/\-()|:]*)?")

_REL_WORDS = ("اليوم", "الليله", "امس", "الامس", "البارحه", "غدا", "غد", "الغد", "اول امس",
              "اول من امس", "بعد غد")
_PERIOD_WORDS = ("الاسبوع", "الشهر", "العام", "السنه", "عام", "سنه")
_AGO_WORDS = ("قبل", "منذ", "بعد")

_ANCHOR_KIND: dict[str, str] = {}
for _w in _MONTHS:
    _ANCHOR_KIND[_w] = "month"
for _w in _WEEKDAYS:
    _ANCHOR_KIND[_w] = "weekday"
for _w in _REL_WORDS:
    _ANCHOR_KIND[_w] = "rel"
for _w in _PERIOD_WORDS:
    _ANCHOR_KIND[_w] = "period"
for _w in _AGO_WORDS:
    _ANCHOR_KIND[_w] = "ago"

_ANCHOR_RE = re.compile(_trie(list(_ANCHOR_KIND)) + r"(?!\w)")
_DIGITS_RE = re.compile(r"[0-9]+")

_CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})


# ---------------------------------------------------------------- calendar helpers


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _from_hijri(y: int, m: int, d: int) -> dt.date | None:
    try:
        return Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None


def _to_hijri(day: dt.date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _month_year(py: int, pm: int, m: int, direction: int | None) -> int:
    """Year of month m seen from month pm of year py (either calendar).

    direction None: on or before pm; -1 strictly before; +1 strictly after; 0 the same year.
    """
    if direction is None:
        return py if m <= pm else py - 1
    if direction < 0:
        return py if m < pm else py - 1
    if direction > 0:
        return py if m > pm else py + 1
    return py


def _day_near(p: dt.date, m: int, d: int, direction: int | None) -> dt.date | None:
    """Day d of month m seen from p (directions as in _month_year, but against the day)."""
    if direction == 0:
        return _date(p.year, m, d)
    step = 1 if direction and direction > 0 else -1
    y = p.year
    # Eight years reach back past any 29 February.
    for _ in range(9):
        c = _date(y, m, d)
        if c is not None and (
            (direction is None and c <= p) or (direction == -1 and c < p) or (direction == 1 and c > p)
        ):
            return c
        y += step
    return None


def _hijri_year_near(p: dt.date, m: int, d: int, direction: int | None) -> int | None:
    h = _to_hijri(p)
    if h is None:
        return None
    hy, hm, hd = h
    if direction == 0:
        return hy
    if direction is None:
        return hy if (m, d) <= (hm, hd) else hy - 1
    if direction < 0:
        return hy if (m, d) < (hm, hd) else hy - 1
    return hy if (m, d) > (hm, hd) else hy + 1


def _hijri_month_year(p: dt.date, m: int, direction: int | None) -> int | None:
    h = _to_hijri(p)
    if h is None:
        return None
    return _month_year(h[0], h[1], m, direction)


def _hijri_month_value(hy: int, m: int) -> str | None:
    mid = _from_hijri(hy, m, 15)
    return _ym(mid.year, mid.month) if mid else None


def _hijri_year_for_gregorian(gy: int, m: int) -> int | None:
    """The Hijri year whose month m has its middle inside Gregorian year gy."""
    first = _to_hijri(dt.date(gy, 1, 1)) if 1925 <= gy <= 2077 else None
    if first is None:
        return None
    for hy in (first[0], first[0] + 1):
        mid = _from_hijri(hy, m, 15)
        if mid is not None and mid.year == gy:
            return hy
    return None


# ---------------------------------------------------------------- candidates

# Merge ranks: which piece of a merged dateline supplies the value.
_R_EXPLICIT, _R_HIJRI, _R_DAYMONTH, _R_HIJRI_DM, _R_REL, _R_WEEKDAY, _R_NONE = 6, 5, 4, 3, 2, 1, 0


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    value: str | None
    kind: str
    future: bool
    rank: int
    group: str  # "g" Gregorian day, "h" Hijri day, "r" relative day, "w" weekday, "" not mergeable
    md: tuple[int, int] | None = None  # (month, day or 0) of a Gregorian date missing its year
    same: str = ""  # "year" or "month" when written as "the same year/month"
    year: int | None = None  # Gregorian year a year mention names, for "the same year"


def _word_start(text: str, i: int) -> bool:
    """True when i starts a word, allowing one or two attached proclitics (و ف ب ل ك)."""
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
        if i - j > 2:
            return False
    return text[j:i] in _CLITICS


def _back(rx: re.Pattern[str], text: str, i: int) -> re.Match[str] | None:
    """The longest match of rx ending at i that starts on a word boundary."""
    lo = max(0, i - _BACK_WINDOW)
    while (m := rx.search(text, lo, i)) is not None:
        if _word_start(text, m.start()):
            return m
        lo = m.start() + 1
    return None


def _prev_word_definite(text: str, i: int) -> bool:
    """Whether the word before i carries the article (so the next word is its adjective)."""
    m = _PREV_WORD_RE.search(text, max(0, i - 24), i)
    if m is None:
        return False
    w = m.group(1)
    return w.startswith(("ال", "وال", "بال", "فال", "لل")) and w not in _WEEKDAYS and w != "اليوم"


def _prev_word(text: str, i: int) -> str:
    m = _PREV_WORD_RE.search(text, max(0, i - 24), i)
    if m is None:
        return ""
    w = m.group(1)
    return w[1:] if w[:1] in "وفبل" and w[1:3] == "ال" else w


def _day_value(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _month_cand(mm: re.Match[str], p: dt.date | None, day: int | None, start: int, shahr: bool,
                prefix: bool) -> _Cand | None:
    cal, month, needs_ctx = _MONTHS[_canon(mm.group("m1"))]
    year_s, q, yq, ythis = mm.group("y"), mm.group("q"), mm.group("yq"), mm.group("ythis")
    same = mm.group("ysame")
    if needs_ctx and not (day or year_s or q or yq or ythis or same or shahr or prefix or mm.group("m2")):
        return None
    end = mm.end()
    if same:
        if cal == "g":
            return _Cand(start, end, None, "explicit" if day else "month", False,
                         _R_EXPLICIT if day else _R_NONE, "g" if day else "", (month, day or 0), "year")
        return _Cand(start, end, None, "hijri" if day else "hijri-month", False,
                     _R_HIJRI if day else _R_NONE, "h" if day else "")
    direction = _QUAL[q] if q else None
    year: int | None = int(year_s) if year_s else None
    future = direction == 1
    if year is None and p is not None and (yq or ythis):
        off = _QUAL[yq] if yq else 0
        year = p.year + off
        future = future or off == 1
    elif yq:
        future = future or _QUAL[yq] == 1

    if cal == "g":
        if day is not None:
            if year is not None:
                return _Cand(start, end, _day_value(_date(year, month, day)), "explicit", future,
                             _R_EXPLICIT, "g")
            value = _day_value(_day_near(p, month, day, direction)) if p else None
            return _Cand(start, end, value, "day-month", future, _R_DAYMONTH, "g",
                         None if q else (month, day))
        if year is not None:
            return _Cand(start, end, _ym(year, month), "month", future, _R_NONE, "")
        value = _ym(_month_year(p.year, p.month, month, direction), month) if p else None
        return _Cand(start, end, value, "month", future, _R_NONE, "", None if q else (month, 0))

    # Hijri month.
    hy: int | None = None
    if year is not None:
        hy = year if year < 1600 else _hijri_year_for_gregorian(year, month)
    if day is not None:
        if hy is None and year is None and p is not None:
            hy = _hijri_year_near(p, month, day, direction)
        value = _day_value(_from_hijri(hy, month, day)) if hy else None
        rank = _R_HIJRI if year is not None else _R_HIJRI_DM
        return _Cand(start, end, value, "hijri", future, rank, "h")
    if hy is None and year is None and p is not None:
        hy = _hijri_month_year(p, month, direction)
    return _Cand(start, end, _hijri_month_value(hy, month) if hy else None, "hijri-month", future,
                 _R_NONE, "")


def _from_month_anchor(text: str, i: int, p: dt.date | None) -> _Cand | None:
    mm = _MONTH_RE.match(text, i)
    if mm is None:
        return None
    start, day, shahr, prefix = i, None, False, False
    b = _back(_BACK_MONTH_RE, text, i)
    if b is not None:
        if b.group("ord"):
            # "الأسبوع الأول من يوليو" is a week, not 1 July.
            if not _prev_word_definite(text, b.start()):
                day = _ORDINALS[_canon(b.group("ord"))]
                start = b.start()
                shahr = bool(b.group("s3"))
        else:
            start = b.start()
            prefix = bool(b.group("pre"))
            shahr = bool(b.group("s1") or b.group("s2"))
    return _month_cand(mm, p, day, start, shahr, prefix)


def _from_digits(text: str, i: int, j: int, p: dt.date | None) -> _Cand | None:
    m = _NUMERIC_RE.match(text, i)
    if m is not None:
        c = _numeric(m, p)
        if c is not None:
            return c
    m = _DAY_MONTH_RE.match(text, i)
    if m is not None:
        day = int(m.group("d"))
        if 1 <= day <= 31:
            return _month_cand(m, p, day, i, bool(m.group("shahr")), False)
    if j - i != 4:
        return None
    year = int(text[i:j])
    m = _YEAR_ERA_RE.match(text, i)
    end = m.end() if m is not None else 0
    start = i
    b = _back(_BACK_PREFIX_RE, text, i)
    if b is not None:
        start = b.start()
        end = end or j
    elif (not end and 1900 <= year <= 2100 and _AFTER_BARE_YEAR_RE.match(text, j)
          and _back(_BACK_BARE_YEAR_RE, text, i) is not None):
        end = j
    if not end:
        return None
    return _year_cand(start, end, year, m.group("era") if m else None, p)


def _year_cand(start: int, end: int, year: int, era: str | None, p: dt.date | None) -> _Cand:
    hijri = (era or "").startswith("ه") or year < 1600
    future = False
    if p is not None:
        if hijri:
            h = _to_hijri(p)
            future = h is not None and year > h[0]
        else:
            future = year > p.year
    return _Cand(start, end, None, "year", future, _R_NONE, "", year=None if hijri else year)


def _numeric(m: re.Match[str], p: dt.date | None) -> _Cand | None:
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    if len(a) == 4 and len(c) <= 2:
        y, mo, d = int(a), int(b), int(c)
    elif len(c) == 4 and len(a) <= 2:
        y, mo, d = int(c), int(b), int(a)
        if mo > 12 and d <= 12:  # month-first, the rare US order
            mo, d = d, mo
    else:
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    era = m.group("era") or ""
    if era.startswith("ه") or 1300 <= y <= 1500:
        day = _from_hijri(y, mo, d)
        kind, rank, group = "hijri", _R_HIJRI, "h"
    elif 1800 <= y <= 2200:
        day = _date(y, mo, d)
        kind, rank, group = "explicit", _R_EXPLICIT, "g"
    else:
        return None
    if day is None:
        return None
    return _Cand(m.start(), m.end(), day.isoformat(), kind, False, rank, group)


def _from_weekday(text: str, i: int, p: dt.date | None) -> _Cand | None:
    m = _WEEKDAY_RE.match(text, i)
    if m is None:
        return None
    name = text[i:m.end()].split()[0]
    wd = _WEEKDAYS[name]
    if wd == 0 and _back(_BACK_BOTH_RE, text, i) is not None:
        return None  # "بين الاثنين": between the two
    b = _back(_BACK_PART_RE, text, i)
    start = b.start() if b is not None else i
    q = m.group("q")
    direction = _QUAL[q] if q else None
    value = None
    if p is not None:
        if direction is None:
            day = p - dt.timedelta(days=(p.weekday() - wd) % 7)
        elif direction < 0:
            day = p - dt.timedelta(days=(p.weekday() - wd - 1) % 7 + 1)
        else:
            day = p + dt.timedelta(days=(wd - p.weekday() - 1) % 7 + 1)
        value = day.isoformat()
    return _Cand(start, m.end(), value, "weekday", direction == 1, _R_WEEKDAY, "w")


def _from_rel(text: str, i: int, j: int, p: dt.date | None) -> _Cand | None:
    word = _canon(text[i:j])
    b = _back(_BACK_PART_RE, text, i)
    start = b.start() if b is not None else i
    end = j
    if word in ("اليوم", "الليله"):
        if word == "الليله" and (n := _NIGHT_PAST_RE.match(text, j)):
            offset, kind, end = -1, "yesterday", n.end()
        else:
            if _NOT_TODAY_RE.match(text, j) or _back(_BACK_THAT_RE, text, i) is not None:
                return None
            offset, kind = 0, "today"
    elif word in ("امس", "الامس", "البارحه"):
        if _DIRE_NEED_RE.match(text, j):
            return None
        if word != "البارحه" and (n := _YESTERDAY_FIRST_RE.match(text, j)):
            offset, kind, end = -2, "relative-day", n.end()
        else:
            offset, kind = -1, "yesterday"
    elif word in ("اول امس", "اول من امس"):
        offset, kind = -2, "relative-day"
    elif word == "غدا":
        offset, kind = 1, "tomorrow"
    elif word in ("غد", "الغد"):
        if b is None:
            return None  # الغد alone is "the future" or a newspaper's name
        offset, kind = 1, "tomorrow"
    else:  # بعد غد
        offset, kind = 2, "relative-day"
    value = (p + dt.timedelta(days=offset)).isoformat() if p else None
    return _Cand(start, end, value, kind, offset > 0, _R_REL, "r")


def _from_period(text: str, i: int, j: int, p: dt.date | None) -> _Cand | None:
    unit = text[i:j]
    b = _back(_BACK_PERIOD_RE, text, i)
    # "الأمين العام الحالي": after these nouns العام is the adjective "general".
    if unit == "العام" and b is None and _prev_word(text, i) in _GENERAL_NOUNS:
        return None
    start = b.start() if b is not None else i
    if unit in ("عام", "العام", "سنه", "السنه"):
        m = _PERIOD_YEAR_RE.match(text, i)
        if m is not None:
            return _year_cand(start, m.end(), int(m.group("y")), m.group("era"), p)
    m = _PERIOD_QUAL_RE.match(text, i)
    if m is None:
        return None
    q, same = m.group("q"), m.group("same")
    if q is None and same is None and b is None:
        return None
    direction = _QUAL[q] if q else 0
    future = direction == 1
    unit = m.group("u")
    if unit == "الاسبوع":
        return _Cand(start, m.end(), None, "relative-week", future, _R_NONE, "")
    if unit != "الشهر":
        year = p.year + direction if p is not None and not same else None
        return _Cand(start, m.end(), None, "year", future, _R_NONE, "", year=year)
    ym = None if same or p is None else _add_months(p.year, p.month, direction)
    d = _back(_BACK_DAY_RE, text, start)
    if d is not None:
        # "في 18 من الشهر الجاري": a day in a month named relative to publication.
        day = int(d.group("d")) if d.group("d") else _ORDINALS[_canon(d.group("ord"))]
        value = _day_value(_date(ym[0], ym[1], day)) if ym else None
        return _Cand(d.start(), m.end(), value, "day-month", future, _R_DAYMONTH, "g",
                     (0, day) if same else None, "month" if same else "")
    return _Cand(start, m.end(), _ym(*ym) if ym else None, "relative-month", future, _R_NONE, "",
                 (0, 0) if same else None, "month" if same else "")


def _from_ago(text: str, i: int, p: dt.date | None) -> _Cand | None:
    m = _AGO_RE.match(text, i)
    if m is None:
        return None
    if m.group("week"):
        return _Cand(i, m.end(), None, "relative-week", m.group("w") == "بعد", _R_NONE, "")
    if m.group("two"):
        n = 2
    elif m.group("one"):
        n = 1
    else:
        raw = m.group("n")
        n = int(raw) if raw.isdigit() else _WORD_NUMBERS[raw]
        if not 1 <= n <= 10:
            return None
    sign = 1 if m.group("w") == "بعد" else -1
    value = (p + dt.timedelta(days=sign * n)).isoformat() if p else None
    return _Cand(i, m.end(), value, "relative-day", sign > 0, _R_REL, "r")


# ---------------------------------------------------------------- assembly


def _candidates(text: str, p: dt.date | None) -> list[_Cand]:
    out: list[_Cand] = []
    last_end = -1
    for m in _DIGITS_RE.finditer(text):
        i, j = m.span()
        if i < last_end:
            continue
        if i > 0:
            prev = text[i - 1]
            # Digits glued to a word (F16; "و21" is fine), or the second half of 22:56, 2-5, 3.5.
            if (prev.isdigit() or (prev.isalpha() and not _word_start(text, i))
                    or (prev in ".:/-," and i > 1 and text[i - 2].isdigit())):
                continue
        c = _from_digits(text, i, j, p)
        if c is not None:
            out.append(c)
            last_end = c.end
    last_end = -1
    for m in _ANCHOR_RE.finditer(text):
        i, j = m.span()
        if i < last_end or not _word_start(text, i):
            continue
        kind = _ANCHOR_KIND.get(_canon(m.group()))
        if kind == "month":
            c = _from_month_anchor(text, i, p)
        elif kind == "weekday":
            c = _from_weekday(text, i, p)
        elif kind == "rel":
            c = _from_rel(text, i, j, p)
        elif kind == "period":
            c = _from_period(text, i, j, p)
        elif kind == "ago":
            c = _from_ago(text, i, p)
        else:
            c = None
        if c is not None:
            out.append(c)
            last_end = c.end
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates, the longest first, returned in text order."""
    if len(cands) < 2:
        return cands
    # Chosen spans are disjoint, so sorted by start they are sorted by end too and
    # only the two neighbours of an insertion point can overlap it.
    starts: list[int] = []
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        k = bisect.bisect_left(starts, c.start)
        if (k > 0 and chosen[k - 1].end > c.start) or (k < len(chosen) and chosen[k].start < c.end):
            continue
        starts.insert(k, c.start)
        chosen.insert(k, c)
    return chosen


def _resolve_same(cands: list[_Cand]) -> None:
    """Date "من العام نفسه" / "الشهر ذاته" by the nearest earlier mention naming a year / month."""
    year: int | None = None
    month: tuple[int, int] | None = None
    for c in cands:
        if c.same and c.md is not None:
            m, d = c.md
            if c.same == "year" and year is not None:
                c.value = _day_value(_date(year, m, d)) if d else _ym(year, m)
            elif c.same == "month" and month is not None:
                c.value = _day_value(_date(month[0], month[1], d)) if d else _ym(*month)
        if c.value and c.kind != "hijri-month":
            year, month = int(c.value[:4]), (int(c.value[:4]), int(c.value[5:7]))
        elif c.kind == "year" and c.year is not None:
            year, month = c.year, None


def _borrow_years(text: str, cands: list[_Cand]) -> None:
    """Give "5 مارس" in "بين 5 مارس و21 مايو 2023" the year written after it."""
    for k in range(len(cands) - 2, -1, -1):
        c, nxt = cands[k], cands[k + 1]
        if c.md is None or not nxt.value or nxt.kind not in ("explicit", "month"):
            continue
        if _RANGE_GAP_RE.fullmatch(text, c.end, nxt.start) is None:
            continue
        (month, day), y = c.md, int(nxt.value[:4])
        # A range runs forwards: "25 ديسمبر و3 يناير 2024" starts in 2023.
        if (month, day) > (int(nxt.value[5:7]), int(nxt.value[8:10] or 0)):
            y -= 1
        c.value = _day_value(_date(y, month, day)) if day else _ym(y, month)
        c.kind = "explicit" if day else "month"
        c.rank = _R_EXPLICIT if day else _R_NONE
        c.md = None


def _compatible(group: list[_Cand], nxt: _Cand) -> bool:
    if not nxt.group:
        return False
    kinds = {c.group for c in group}
    if nxt.group == "w":
        # Two weekdays side by side are a list ("الأحد، الاثنين"), unless a date sits between.
        return group[-1].group != "w"
    if nxt.group in kinds:
        return False
    if nxt.group in "gh" and nxt.value:
        for c in group:
            if c.group in "gh" and c.value and len(c.value) == 10:
                gap = abs((dt.date.fromisoformat(c.value) - dt.date.fromisoformat(nxt.value)).days)
                if gap > 2:
                    return False
    return True


def _merge(text: str, cands: list[_Cand]) -> list[list[_Cand]]:
    groups: list[list[_Cand]] = []
    for c in cands:
        if groups:
            g = groups[-1]
            last = g[-1]
            if (last.group and _compatible(g, c)
                    and _CONNECTOR_RE.fullmatch(text, last.end, c.start) is not None):
                g.append(c)
                continue
        groups.append([c])
    return groups


_PAGE_RELATIVE = frozenset({"today", "yesterday"})  # days counted from the page's date


def _is_future(value: str | None, flagged: bool, p: dt.date | None) -> bool:
    if flagged or value is None or p is None:
        return flagged
    if len(value) == 10:
        return value > p.isoformat()
    return value > _ym(p.year, p.month)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Date expressions in normalised text, sorted and non-overlapping, resolved against published."""
    if isinstance(published, dt.datetime):
        published = published.date()
    out: list[DateMention] = []
    cands = _select(_candidates(text, published))
    _borrow_years(text, cands)
    _resolve_same(cands)
    for group in _merge(text, cands):
        best = max(group, key=lambda c: (c.rank, c.value is not None))
        if best.kind in _PAGE_RELATIVE:
            # "اليوم الاثنين" on a page dated Tuesday: the page was dated late, the weekday is the day
            best = next((c for c in group if c.kind == "weekday" and c.value and not c.future
                         and c.value != best.value), best)
        start, end = group[0].start, group[-1].end
        # Close a bracket the span opened: "اليوم (الأحد)".
        if end < len(text) and text[end] == ")" and text.count("(", start, end) > text.count(")", start, end):
            end += 1
        out.append(DateMention(start, end, text[start:end], best.value, best.kind,
                               _is_future(best.value, best.future, published)))
    return out


def lead_date(text: str, sentences: list, lead: int = 3) -> dt.date | None:
    """The day a story without a publication date tells of: the first full date ("الخميس 16 مارس
    2023") in its first lines, where a dateline or the lead gives it. Relative dates and the
    lead's undated news resolve against it as against a publication date."""
    if not sentences:
        return None
    end = sentences[min(lead, len(sentences)) - 1].nend
    for d in find_dates(text[:end], None):
        if d.kind == "explicit" and d.value and len(d.value) == 10:
            return dt.date.fromisoformat(d.value)
    return None


_DISPATCH_REACH = 40  # characters from the start of the story a dispatch's own day may stand in
_DISPATCH_LAG = 3  # days a page may be dated after the dispatch it carries
DATELINE_END = re.compile(r"\s*[(\-–—:/]")  # what closes a dateline's city or date
_DIGIT = re.compile(r"\d")


def dispatch_date(text: str, sentences: list, published: dt.date | None) -> dt.date | None:
    """The day a dispatch was filed, when its dateline states it and the page is dated a day or
    three later ("أبوظبي في 31 ديسمبر / وام / - استقبل … اليوم" on a page of 2 January): the story's
    "today" and "yesterday" are the dispatch's."""
    if published is None or not sentences or not _DIGIT.search(text, 0, _DISPATCH_REACH + 20):
        return None  # no day in the dateline: most stories, spared the date reader
    if isinstance(published, dt.datetime):
        published = published.date()
    end = sentences[0].nend
    for d in find_dates(text[:end], published):
        if d.start > _DISPATCH_REACH:
            break
        if d.kind != "explicit" and d.kind != "day-month" or not d.value or len(d.value) != 10:
            continue
        if not DATELINE_END.match(text, d.end):
            continue
        day = dt.date.fromisoformat(d.value)
        return day if 0 < (published - day).days <= _DISPATCH_LAG else None
    return None
