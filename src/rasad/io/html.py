"""Read a news page saved as HTML: its main text, title, date, URL and site name, through trafilatura.

A page carries menus, related stories and comments around the article;
trafilatura keeps the article. The publication date comes from the page's
metadata (``article:published_time``, JSON-LD, the URL …), preferring the
original date over a later modification.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasad.io.readers import DEFAULT_MAX_BYTES, DocumentReader, Item, ReadError

HTML_SUFFIXES = (".html", ".htm")
# Markup, scripts and styles around the article easily outweigh its text.
MARKUP_FACTOR = 8


def html_to_document(data: bytes | str, *, doc_id: str, source: str, url: str | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES, defaults: Mapping[str, str] | None = None) -> Item:
    """One HTML page as a :class:`~rasad.model.Document`, or a :class:`ReadError` saying why not."""
    size = len(data)
    if size > max_bytes * MARKUP_FACTOR:
        return ReadError(doc_id, source, f"HTML page of {size / 1048576:.3g} MB is over the size limit")
    if not (data.strip() if isinstance(data, str) else data.strip()):
        return ReadError(doc_id, source, "empty text")
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a broken install
        return ReadError(doc_id, source, f"cannot read HTML: trafilatura is not installed ({exc})")
    try:
        result = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        return ReadError(doc_id, source, f"cannot parse the HTML ({type(exc).__name__}: {exc})")
    if result is None:
        return ReadError(doc_id, source, "no article text found in the HTML")
    meta = result if isinstance(result, dict) else result.as_dict()
    text = meta.get("text") or ""
    if not text.strip():
        return ReadError(doc_id, source, "no article text found in the HTML")
    obj: dict[str, Any] = {"id": doc_id, "text": text}
    if meta.get("title"):
        obj["title"] = meta["title"]
    if meta.get("date"):
        obj["published"] = str(meta["date"])[:10]
    page_url = url or meta.get("url")
    if page_url:
        obj["url"] = page_url
    if meta.get("sitename"):
        obj["source"] = meta["sitename"]
    return DocumentReader(max_bytes=max_bytes, defaults=defaults)._make(doc_id, source, obj)


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's summary), one line per block element."""
    if "<" not in fragment:
        import html

        return html.unescape(fragment).strip()
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml rejects some fragments outright; then the tags are noise, not structure
        import re

        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for el in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
