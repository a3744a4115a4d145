"""Read RSS and Atom feeds (files or bytes fetched from a URL) into documents, through feedparser.

Each entry becomes one document: its link is the URL (and so its identity in
the store), its id the entry's ``id``/``guid`` (else the link), its text the
entry's full content when the feed carries it, else the summary, as plain
text. The feed's title names the outlet. Feeds that carry only a teaser can
have each linked page fetched and read in full instead (``fetch_page``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from rasad.io.html import html_text
from rasad.io.readers import DEFAULT_MAX_BYTES, DocumentReader, Item, ReadError

FEED_SUFFIXES = (".rss", ".atom", ".xml")


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a response or file are an RSS or Atom document."""
    sample = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return sample.startswith(b"<?xml") or b"<rss" in sample or b"<feed" in sample or b"<rdf:rdf" in sample


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
            except (ValueError, AttributeError):
                continue
    return None


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") if isinstance(content, Mapping) else None
        if value and value.strip():
            return html_text(value)
    summary = entry.get("summary") or entry.get("description") or ""
    return html_text(summary)


def read_feed(data: bytes, source: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
              defaults: Mapping[str, str] | None = None,
              fetch_page: Callable[[str], Item] | None = None) -> Iterator[Item]:
    """Yield a document (or a ReadError) for every entry of the feed in ``data``.

    ``source`` is the file or URL the feed came from (for ids and messages).
    ``fetch_page(url)``, when given, reads an entry's linked page; the entry's
    own text is used when that fails.
    """
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            yield ReadError("", source, f"not an RSS or Atom feed ({problem})")
        elif not parsed.get("version"):
            yield ReadError("", source, "not an RSS or Atom feed")
        return
    feed = parsed.get("feed") or {}
    outlet = feed.get("title") or None
    reader = DocumentReader(max_bytes=max_bytes, defaults=defaults)
    for i, entry in enumerate(entries, 1):
        link = entry.get("link") or None
        doc_id = str(entry.get("id") or link or f"{source}#{i}")
        where = f"{source}#{i}"
        obj: dict[str, Any] = {"id": doc_id, "text": _entry_text(entry)}
        if entry.get("title"):
            obj["title"] = html_text(entry["title"])
        published = _entry_date(entry)
        if published:
            obj["published"] = published
        if link:
            obj["url"] = link
        if outlet:
            obj["source"] = outlet
        if fetch_page and link:
            page = fetch_page(link)
            if not isinstance(page, ReadError):
                obj["text"] = page.text
                obj["title"] = obj.get("title") or page.title
                obj.setdefault("published", page.published.isoformat() if page.published else None)
        yield reader._make(doc_id, where, obj)
