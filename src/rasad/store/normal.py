"""How the store compares text: document identity, names, outlets and search terms.

Everything that is matched is folded the same way on the way in and on the
way out, so a query typed with hamza, tashkeel or another alef finds what the
news wrote without them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from rasad.text.normalise import normalise_string

_NON_WORD = re.compile(r"[^\w]+")
MAX_URL_KEY = 2000


def fold(text: str) -> str:
    """Arabic letter folding (the pipeline's), whitespace runs as one space, case folded."""
    return " ".join(normalise_string(text).split()).casefold()


def content_hash(text: str) -> str:
    """sha256 of the folded text: the same story re-spaced or re-diacritised hashes the same."""
    return hashlib.sha256(" ".join(normalise_string(text).split()).encode("utf-8")).hexdigest()


def latin_key(name: str) -> str:
    """An English name for matching: no accents, no punctuation, case folded ("Al-Sisi" = "al sisi")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", plain).split()).casefold()


def normalise_url(url: str) -> str:
    """Scheme and host lower-cased, fragment dropped: the forms of one URL that are the same page."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def document_key(url: str | None, text: str) -> str:
    """A document's identity: its URL when it has one, else the hash of its content."""
    if url and url.strip():
        norm = normalise_url(url)
        if len(norm) > MAX_URL_KEY:
            return "url-sha256:" + hashlib.sha256(norm.encode("utf-8")).hexdigest()
        return "url:" + norm
    return "sha256:" + content_hash(text)


def clip(value: str | None, limit: int) -> str | None:
    """Fit a value into its column (PostgreSQL refuses over-long strings; SQLite would keep them)."""
    if value is None:
        return None
    return value if len(value) <= limit else value[: limit - 1] + "…"


def pair_key(a: str, b: str) -> str:
    """The unordered pair as one value ("JOR-ITA" and "ITA-JOR" are both "ITA-JOR")."""
    lo, hi = sorted((a, b))
    return f"{lo}-{hi}"


def date_bound(value: str, *, end: bool) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as a bound of a range: a year or month stands for its
    first day (a start) or its last (an end); None when the text is none of these."""
    v = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            return dt.date.fromisoformat(v)
        if re.fullmatch(r"\d{4}-\d{2}", v):
            first = dt.date(int(v[:4]), int(v[5:7]), 1)
            if not end:
                return first
            nxt = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        if re.fullmatch(r"\d{4}", v):
            return dt.date(int(v), 12, 31) if end else dt.date(int(v), 1, 1)
    except ValueError:
        return None
    return None
