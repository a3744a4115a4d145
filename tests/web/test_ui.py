"""The dashboard's pages as HTML (no browser): what they contain, what they load, how they fail."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from .test_api import HOSTILE

PAGES = ["/ui/", "/ui/events", "/ui/network", "/ui/events?type=VISIT&from=2024", "/ui/network?type=MEET&nodes=5",
         "/ui/map", "/ui/map?country=Jordan", "/ui/persons", "/ui/persons?q=%D8%A7%D9%84"]


class Assets(HTMLParser):
    """Every URL a page makes the browser fetch (scripts, styles, icons, images)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            if a.get("src"):
                self.urls.append(a["src"] or "")
            elif a.get("type") != "application/json":
                self.inline_scripts += 1
        elif tag == "link" and a.get("href"):
            self.urls.append(a["href"] or "")
        elif tag in ("img", "iframe", "source", "video", "audio") and a.get("src"):
            self.urls.append(a["src"] or "")


def assets_of(html: str) -> Assets:
    parser = Assets()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def first(read_client: TestClient) -> dict[str, Any]:
    items = read_client.get("/events", params={"sort": "id"}).json()["items"]
    return next(r for r in items if r["type"] == "VISIT")


def all_pages(first: dict[str, Any]) -> list[str]:
    a, b = first["source"]["country"], first["target"]["country"]
    return PAGES + [f"/ui/pairs/{a}/{b}", f"/ui/documents/{first['document_id']}?event={first['event_id']}"]


def test_every_page_renders_with_local_assets_only(read_client: TestClient, first: dict[str, Any]) -> None:
    for path in all_pages(first):
        r = read_client.get(path)
        assert r.status_code == 200, (path, r.text[:500])
        assert r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'self'" in csp
        page = assets_of(r.text)
        assert page.inline_scripts == 0, path  # the CSP would block them
        assert page.urls, path
        for url in page.urls:
            assert url.startswith("/ui/static/"), (path, url)
            assert read_client.get(url).status_code == 200, url
        # Both languages label the page.
        assert re.search(r'lang="ar"', r.text), path
        assert "Overview" in r.text and "نظرة عامة" in r.text


def test_root_goes_to_the_overview(read_client: TestClient) -> None:
    r = read_client.get("/", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/ui/"


def test_overview_lists_counts_pairs_and_latest(read_client: TestClient) -> None:
    stats = read_client.get("/stats").json()
    html = read_client.get("/ui/").text
    assert f"<b>{stats['store']['events']}</b>" in html
    for p in stats["pairs"]:
        assert f'href="/ui/pairs/{p["pair"][0]}/{p["pair"][1]}"' in html
    assert 'data-chart="timeline"' in html and 'id="months-data"' in html
    assert html.count("<tr data-event=") == min(10, stats["store"]["events"])


def test_events_table_filters_and_pages(read_client: TestClient, first: dict[str, Any]) -> None:
    html = read_client.get("/ui/events", params={"type": "VISIT"}).text
    total = read_client.get("/events", params={"type": "VISIT"}).json()["total"]
    assert f"<b>{total}</b> event reports" in html
    assert html.count('<span class="badge t-VISIT"') == total
    assert 'value="VISIT" checked' in html
    link = f'/ui/documents/{first["document_id"]}?event={first["event_id"]}'
    assert link in html
    empty = read_client.get("/ui/events", params={"person": "nobody at all"}).text
    assert "No event matches these filters" in empty


def test_invalid_filters_show_a_message_not_an_error_page(read_client: TestClient) -> None:
    for params in ({"country": "J0R"}, {"from": "soon"}, {"type": "PARADE"}, {"sort": "x"}, {"cluster": "abc"}):
        r = read_client.get("/ui/events", params=params)
        assert r.status_code == 422
        assert 'role="alert"' in r.text and "Invalid filter" in r.text
    r = read_client.get("/ui/network", params={"from": "2024-99"})
    assert r.status_code == 422 and "Invalid filter" in r.text


def test_hostile_values_in_page_filters_are_escaped_and_harmless(read_client: TestClient) -> None:
    for value in HOSTILE + ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"]:
        for field in ("person", "text", "source", "country", "pair", "from", "type", "sort"):
            r = read_client.get("/ui/events", params={field: value})
            assert r.status_code in (200, 422), (field, value)
            assert "<script>alert(1)" not in r.text and "<img src=x" not in r.text
        r = read_client.get("/ui/network", params={"from": value, "nodes": value})
        assert r.status_code in (200, 422)
        r = read_client.get(f"/ui/pairs/{quote(value[:20], safe='')}/JOR")
        assert r.status_code in (200, 404, 422)


def test_document_page_marks_every_event_and_reads_right_to_left(read_client: TestClient,
                                                                 first: dict[str, Any]) -> None:
    doc = read_client.get(f"/documents/{first['document_id']}").json()
    html = read_client.get(f"/ui/documents/{first['document_id']}", params={"event": first["event_id"]}).text
    assert re.search(r'<article class="panel doc" lang="ar" dir="rtl">', html)
    text_block = html.split('id="doc-text">', 1)[1].split("</div>", 1)[0]
    marks = re.findall(r'<mark class="ev t-(\w+)[^"]*" data-events="([\d ]+)"[^>]*>(.*?)</mark>', text_block, re.S)
    assert marks
    covered = {int(i) for _, ids, _ in marks for i in ids.split()}
    assert covered == {e["event_id"] for e in doc["events"]}
    # The marked pieces put back together with the rest give the text, unchanged.
    plain = re.sub(r"<[^>]+>", "", text_block)
    import html as html_lib

    assert html_lib.unescape(plain) == doc["text"]
    active = re.findall(r'<mark class="ev [^"]*\bactive\b[^"]*" data-events="([\d ]+)"', text_block)
    assert active and all(str(first["event_id"]) in ids.split() for ids in active)
    for e in doc["events"]:
        assert f'id="event-{e["event_id"]}"' in html
    assert f'class="record t-{first["type"]} selected" id="event-{first["event_id"]}"' in html


def test_event_link_opens_its_document(read_client: TestClient, first: dict[str, Any]) -> None:
    r = read_client.get(f"/ui/events/{first['event_id']}", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith(f"/ui/documents/{first['document_id']}?event={first['event_id']}")
    assert read_client.get("/ui/events/999999").status_code == 404
    assert read_client.get("/ui/documents/999999").status_code == 404
    assert read_client.get(f"/ui/documents/{10**12}").status_code == 404


def test_pair_page(read_client: TestClient, first: dict[str, Any]) -> None:
    a, b = first["source"]["country"], first["target"]["country"]
    html = read_client.get(f"/ui/pairs/{a}/{b}").text
    assert 'data-chart="timeline"' in html and 'id="timeline-data"' in html
    assert f"?event={first['event_id']}" in html
    assert read_client.get(f"/ui/pairs/{a}/{a}").status_code == 422
    assert read_client.get(f"/ui/pairs/{a}/{b}", params={"unit": "mentions"}).status_code == 200
    assert read_client.get("/ui/pairs/ISL/NZL").status_code == 200
    assert read_client.get("/ui/pairs/ZZZ/YYY").status_code == 422


def test_static_files_cannot_escape_their_folder(read_client: TestClient) -> None:
    for path in ("/ui/static/../app.py", "/ui/static/%2e%2e/app.py", "/ui/static/..%2fapp.py"):
        assert read_client.get(path).status_code == 404, path


def test_stored_text_cannot_inject_markup_or_script_links(write_client: TestClient) -> None:
    from .test_api import ARTICLE, AUTH

    doc = {"id": "<script>alert(1)</script>", "title": "<img src=x onerror=alert(1)>", "text": ARTICLE + " <b>x</b>",
           "url": "javascript:alert(1)", "source": "</script><script>alert(2)</script>", "published": "2024-03-12"}
    r = write_client.post("/documents", json=doc, headers=AUTH)
    pk = r.json()["documents"][0]["document_id"]
    for path in (f"/ui/documents/{pk}", "/ui/", "/ui/events"):
        html = write_client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>x</b>" not in html, path
        assert 'href="javascript:' not in html, path
