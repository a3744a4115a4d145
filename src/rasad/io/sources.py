"""Everything ``rasad ingest`` reads: files, folders, standard input, HTML pages, feeds and http(s) URLs.

:func:`read_sources` yields ``(item, origin)`` pairs, where ``item`` is a
document or a :class:`~rasad.io.readers.ReadError` (bad input never raises)
and ``origin`` says where it came from. Text, JSONL and JSON go through
:class:`~rasad.io.readers.DocumentReader`; ``.html`` pages through
trafilatura; RSS/Atom feeds (``.rss``, ``.atom``, ``.xml``) through
feedparser. A URL is fetched once and read as a feed or a page, by what the
server says it is and what it looks like.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

import rasad
from rasad.io.feeds import FEED_SUFFIXES, looks_like_feed, read_feed
from rasad.io.html import HTML_SUFFIXES, MARKUP_FACTOR, html_to_document
from rasad.io.readers import DEFAULT_MAX_BYTES, SUFFIXES, DocumentReader, Item, ReadError, read_bounded, walk_files

ALL_SUFFIXES = SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES
DEFAULT_TIMEOUT = 30.0


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def iter_all_files(root: Path) -> Iterator[Path | ReadError]:
    """Readable files under ``root``, recursively, sorted, hidden files and folders skipped;
    then an error for each folder that could not be listed."""
    return walk_files(root, ALL_SUFFIXES)


class SourceReader:
    def __init__(self, *, max_bytes: int = DEFAULT_MAX_BYTES, defaults: Mapping[str, str] | None = None,
                 follow_links: bool = False, timeout: float = DEFAULT_TIMEOUT,
                 stdin: BinaryIO | None = None) -> None:
        self.max_bytes = max_bytes
        self.defaults = {k: v for k, v in (defaults or {}).items() if v}
        self.follow_links = follow_links
        self.timeout = timeout
        self.docs = DocumentReader(max_bytes=max_bytes, defaults=self.defaults, stdin=stdin)

    def read(self, paths: Iterable[str | Path]) -> Iterator[tuple[Item, str]]:
        for path in paths:
            value = str(path)
            if is_url(value):
                yield from self.read_url(value)
            elif value == "-":
                for item in self.docs.read([value]):
                    yield item, "<stdin>"
            else:
                p = Path(value)
                if p.is_dir():
                    for f in iter_all_files(p):
                        if isinstance(f, ReadError):
                            yield f, f.source
                        else:
                            yield from self.read_file(f)
                elif p.exists():
                    yield from self.read_file(p)
                else:
                    yield ReadError("", value, "no such file or directory"), value

    def read_file(self, path: Path) -> Iterator[tuple[Item, str]]:
        suffix = path.suffix.lower()
        origin = str(path)
        if suffix not in HTML_SUFFIXES + FEED_SUFFIXES:
            for item in self.docs.read_file(path):
                yield item, origin
            return
        try:
            size = path.stat().st_size
            if size > self.max_bytes * MARKUP_FACTOR:
                yield ReadError(path.stem, origin, f"file of {size / 1048576:.3g} MB is over the size limit"), origin
                return
            data = read_bounded(path, self.max_bytes * MARKUP_FACTOR)
            if len(data) > self.max_bytes * MARKUP_FACTOR:  # a pipe or a device: no size to check first
                yield ReadError(path.stem, origin, "over the size limit"), origin
                return
        except OSError as exc:
            yield ReadError(path.stem, origin, f"cannot read: {exc.strerror or exc}"), origin
            return
        if suffix in HTML_SUFFIXES:
            yield html_to_document(data, doc_id=path.stem, source=origin, max_bytes=self.max_bytes,
                                   defaults=self.defaults), origin
        else:
            for item in read_feed(data, origin, max_bytes=self.max_bytes, defaults=self.defaults,
                                  fetch_page=self._page if self.follow_links else None):
                yield item, origin

    # -- the web ------------------------------------------------------------------

    def fetch(self, url: str) -> tuple[bytes, str, str]:
        """GET ``url``: (body, content type, final URL after redirects). Raises OSError or ValueError."""
        request = urllib.request.Request(url, headers={
            "User-Agent": f"rasad/{rasad.__version__} (news event extraction)",
            "Accept": "application/rss+xml, application/atom+xml, application/xml, text/html;q=0.9, */*;q=0.5",
        })
        limit = self.max_bytes * MARKUP_FACTOR
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            body = response.read(limit + 1)
            if len(body) > limit:
                raise ValueError(f"response over {limit / 1048576:.3g} MB")
            return body, response.headers.get("Content-Type", ""), response.geturl()

    def _get(self, url: str) -> tuple[bytes, str, str] | ReadError:
        try:
            return self.fetch(url)
        except urllib.error.HTTPError as exc:
            return ReadError(url, url, f"HTTP {exc.code} {exc.reason}")
        except urllib.error.URLError as exc:
            return ReadError(url, url, f"cannot fetch: {exc.reason}")
        except (OSError, ValueError) as exc:
            return ReadError(url, url, f"cannot fetch: {exc}")

    def _page(self, url: str) -> Item:
        got = self._get(url)
        if isinstance(got, ReadError):
            return got
        body, _, final = got
        return html_to_document(body, doc_id=url, source=url, url=final, max_bytes=self.max_bytes,
                                defaults=self.defaults)

    def read_url(self, url: str) -> Iterator[tuple[Item, str]]:
        got = self._get(url)
        if isinstance(got, ReadError):
            yield got, url
            return
        body, ctype, final = got
        ctype = ctype.lower()
        if any(t in ctype for t in ("rss", "atom", "xml")) or (not ctype.startswith("text/html")
                                                                and looks_like_feed(body)):
            for item in read_feed(body, url, max_bytes=self.max_bytes, defaults=self.defaults,
                                  fetch_page=self._page if self.follow_links else None):
                yield item, url
        else:
            yield html_to_document(body, doc_id=url, source=url, url=final, max_bytes=self.max_bytes,
                                   defaults=self.defaults), url


def read_sources(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 defaults: Mapping[str, str] | None = None, follow_links: bool = False,
                 timeout: float = DEFAULT_TIMEOUT, stdin: BinaryIO | None = None) -> Iterator[tuple[Item, str]]:
    """``(document or ReadError, origin)`` for every document in ``paths`` (files, folders, ``-``, URLs)."""
    reader = SourceReader(max_bytes=max_bytes, defaults=defaults, follow_links=follow_links, timeout=timeout,
                          stdin=stdin)
    return reader.read(paths)
