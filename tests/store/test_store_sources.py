"""Reading HTML pages (trafilatura) and RSS/Atom feeds (feedparser), from files and from a local web server."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasad.cli import app
from rasad.io.html import html_text, html_to_document
from rasad.io.readers import ReadError
from rasad.io.sources import read_sources
from rasad.model import Document
from rasad.store import queries
from rasad.store.db import open_store
from rasad.store.queries import EventFilter

# Articles written for these tests.
VISIT_P1 = "وصل وزير الدفاع الأردني إلى روما صباح اليوم في زيارة رسمية تستغرق يومين على رأس وفد عسكري."
VISIT_P2 = "واستقبل وزير الدفاع الإيطالي ضيفه الأردني في مقر الوزارة، وبحث الجانبان سبل تطوير التعاون الدفاعي."
CALL_TEXT = "أجرى وزير الخارجية العماني اتصالا هاتفيا مع نظيره الكويتي أمس بحثا فيه العلاقات الثنائية."
AID_TEXT = "سلّمت تركيا الجيش الصومالي دفعة من المركبات العسكرية في مقديشو أمس في إطار برنامج الدعم."

PAGE = f"""<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>وزير الدفاع الأردني في روما | موقع الأخبار</title>
<meta property="og:site_name" content="موقع الأخبار">
<meta property="article:published_time" content="2024-03-12T09:30:00+03:00">
<link rel="canonical" href="https://news.example/2024/03/12/visit">
</head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li>
<li><a href="/eco">اقتصاد</a></li></ul></nav>
<article><h1>وزير الدفاع الأردني في روما</h1>
<p>{VISIT_P1}</p>
<p>{VISIT_P2}</p>
<p>وأكد الوزيران في ختام اللقاء حرص بلديهما على مواصلة التنسيق في القضايا ذات الاهتمام المشترك.</p>
</article>
<aside><h2>الأكثر قراءة</h2><ul><li><a href="/x">نتائج مباريات الدوري المحلي</a></li></ul></aside>
<footer>جميع الحقوق محفوظة</footer>
</body></html>"""

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>وكالة الأنباء التجريبية</title><link>https://agency.example/</link>
<item><title>اتصال هاتفي عماني كويتي</title><link>{{base}}/call.html</link><guid>agency-1001</guid>
<pubDate>Wed, 08 May 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{CALL_TEXT}&lt;/p&gt;</description></item>
<item><title>تسليم مركبات عسكرية</title><link>{{base}}/aid.html</link><guid>agency-1002</guid>
<pubDate>Thu, 09 May 2024 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{AID_TEXT}</p><p>وحضر مراسم التسليم قادة من الجانبين.</p>]]></content:encoded>
<description>ملخص قصير</description></item>
<item><title>Weather</title><link>{{base}}/weather.html</link><guid>agency-1003</guid>
<description>Sunny spells and light winds are expected tomorrow.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>نشرة الدفاع</title><id>urn:defence</id>
<updated>2024-05-09T12:00:00Z</updated>
<entry><title>زيارة</title><id>urn:defence:1</id><link href="https://defence.example/1"/>
<published>2024-03-12T07:00:00Z</published><updated>2024-03-13T07:00:00Z</updated>
<content type="html">&lt;p&gt;{VISIT_P1}&lt;/p&gt;</content></entry>
<entry><title>مساعدة</title><id>urn:defence:2</id><link href="https://defence.example/2"/>
<updated>2024-05-09T07:00:00Z</updated><summary>{AID_TEXT}</summary></entry>
</feed>"""


def _docs(items: Iterator) -> tuple[list[Document], list[ReadError]]:
    docs, errors = [], []
    for item, _origin in items:
        (errors if isinstance(item, ReadError) else docs).append(item)
    return docs, errors


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "visit.html"
    page.write_text(PAGE, encoding="utf-8")
    (doc,), errors = _docs(read_sources([page]))
    assert errors == []
    assert doc.id == "visit" and doc.published == dt.date(2024, 3, 12)
    assert VISIT_P1 in doc.text and VISIT_P2 in doc.text
    assert "الرئيسية" not in doc.text and "مباريات" not in doc.text and "الحقوق" not in doc.text
    assert doc.title and "وزير الدفاع الأردني" in doc.title
    assert doc.url == "https://news.example/2024/03/12/visit" and doc.source == "موقع الأخبار"


def test_html_without_an_article(tmp_path: Path) -> None:
    assert isinstance(html_to_document(b"", doc_id="e", source="e.html"), ReadError)
    item = html_to_document("<html><body><p>Hello world, nothing Arabic here at all.</p></body></html>",
                            doc_id="en", source="en.html")
    assert isinstance(item, ReadError) and item.reason in ("no Arabic text", "no article text found in the HTML")


def test_html_text_of_fragments() -> None:
    assert html_text("<p>سطر أول</p><p>سطر <b>ثان</b></p>") == "سطر أول\nسطر ثان"
    assert html_text("نص &amp; بلا وسوم") == "نص & بلا وسوم"


def test_rss_and_atom_files(tmp_path: Path) -> None:
    (tmp_path / "agency.rss").write_text(RSS.replace("{base}", "https://agency.example"), encoding="utf-8")
    (tmp_path / "defence.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "broken.xml").write_text("ليست هذه خلاصة أخبار", encoding="utf-8")
    docs, errors = _docs(read_sources([tmp_path]))
    assert [d.id for d in docs] == ["agency-1001", "agency-1002", "urn:defence:1", "urn:defence:2"]
    call, aid, visit, aid2 = docs
    assert call.text == CALL_TEXT and call.published == dt.date(2024, 5, 8)
    assert call.url == "https://agency.example/call.html" and call.source == "وكالة الأنباء التجريبية"
    assert aid.text.startswith(AID_TEXT) and "قادة" in aid.text  # full content beats the summary
    assert visit.text == VISIT_P1 and visit.published == dt.date(2024, 3, 12)  # published beats updated
    assert aid2.published == dt.date(2024, 5, 9) and aid2.source == "نشرة الدفاع"
    assert [(e.source, e.reason.split(" (")[0]) for e in errors] == [
        (str(tmp_path / "agency.rss") + "#3", "no Arabic text"),
        (str(tmp_path / "broken.xml"), "not an RSS or Atom feed")]


@pytest.fixture
def web(tmp_path: Path) -> Iterator[str]:
    """A web server on 127.0.0.1 serving a folder with a feed and the pages it links to."""
    root = tmp_path / "site"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "feed.xml").write_text(RSS.replace("{base}", base), encoding="utf-8")
    (root / "call.html").write_text(PAGE.replace(VISIT_P1, CALL_TEXT + " " + VISIT_P1), encoding="utf-8")
    (root / "aid.html").write_text(PAGE.replace(VISIT_P1, AID_TEXT), encoding="utf-8")
    (root / "visit.html").write_text(PAGE, encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def test_ingest_a_feed_and_a_page_over_http(web: str, store_url: str) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "--db", store_url, f"{web}/feed.xml", f"{web}/visit.html",
                                 f"{web}/missing.html"])
    assert result.exit_code == 0, result.output
    assert "read 5 documents" in result.stdout
    assert "new              3" in result.stdout and "failed           2" in result.stdout
    assert "HTTP 404" in result.stderr and "no Arabic text" in result.stderr
    with open_store(store_url) as store:
        events = queries.find_events(store, EventFilter(), sort="date", limit=None)
        by_outlet = {(e["document"]["outlet"], e["type"]) for e in events}
        assert ("وكالة الأنباء التجريبية", "CALL") in by_outlet
        assert ("وكالة الأنباء التجريبية", "MIL_AID") in by_outlet
        assert ("موقع الأخبار", "VISIT") in by_outlet
        urls = {e["document"]["url"] for e in events}
        assert f"{web}/call.html" in urls
    failures = runner.invoke(app, ["failures", "--db", store_url])
    assert "2 failed documents" in failures.stdout and "HTTP 404 File not found" in failures.stdout
    # The feed again: nothing new (same entry URLs).
    again = runner.invoke(app, ["ingest", "--db", store_url, f"{web}/feed.xml"])
    assert "duplicate        2" in again.stdout and "new              0" in again.stdout


def test_follow_links_reads_the_full_pages(web: str, store_url: str) -> None:
    docs, errors = _docs(read_sources([f"{web}/feed.xml"], follow_links=True))
    assert [d.id for d in docs] == ["agency-1001", "agency-1002"]
    assert VISIT_P2 in docs[0].text and CALL_TEXT in docs[0].text  # the page, not the one-line summary
    assert errors[0].doc_id == "agency-1003"


def test_unreachable_server_is_a_failure(store_url: str) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    docs, errors = _docs(read_sources([f"http://127.0.0.1:{port}/feed.xml"], timeout=5))
    assert docs == [] and errors[0].reason.startswith("cannot fetch")
