"""Date filters typed in the Hijri calendar or with Arabic-Indic digits.

An analyst reading Arabic sources thinks in ``١٤٤٥`` as often as in 2024.
A year from 1343 to 1500 (the range of the Umm al-Qura tables in
``hijridate``) cannot be a Gregorian year of modern news, so it is read as
Hijri, as is any year or month written with ``هـ`` or ``AH`` after it; it
becomes the Gregorian days it covers (its first day in ``from``, its last in
``to``). Full Hijri days (``1445-09-01``) are not guessed at: write ``هـ``
to mean one.
"""

from __future__ import annotations

import datetime as dt
import re

from hijridate import Hijri

# Arabic-Indic (٠١٢…) and Eastern Arabic-Indic (۰۱۲…) digits as ASCII digits.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
FIRST_YEAR, LAST_YEAR = 1343, 1500
_HIJRI = re.compile(r"(\d{4})(?:[-/](\d{1,2}))?(?:[-/](\d{1,2}))?\s*(هـ|ه|AH|H)?", re.IGNORECASE)


class HijriError(ValueError):
    """A Hijri date that cannot be converted (out of the tables' range, or no such month)."""


def hijri_bound(value: str, *, end: bool) -> dt.date | None:
    """The Gregorian bound of a Hijri year, month or (marked) day; None when ``value`` is not Hijri."""
    m = _HIJRI.fullmatch(value.strip().translate(DIGITS))
    if m is None:
        return None
    year, month, day, marker = int(m[1]), m[2], m[3], m[4]
    if marker is None and (day is not None or not FIRST_YEAR <= year <= LAST_YEAR):
        return None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise HijriError(f"Hijri years from {FIRST_YEAR} to {LAST_YEAR} can be converted, not {year}")
    try:
        if day is not None:
            g = Hijri(year, int(month or 1), int(day)).to_gregorian()
        else:
            mon = int(month) if month is not None else (12 if end else 1)
            first = Hijri(year, mon, 1)
            g = Hijri(year, mon, first.month_length()).to_gregorian() if end else first.to_gregorian()
    except (ValueError, OverflowError) as exc:
        raise HijriError(f"{value.strip()!r} is not a Hijri date: {exc}") from None
    return dt.date(g.year, g.month, g.day)
