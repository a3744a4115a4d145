"""The dashboard under real use: hosts, headers, HEAD, HTML errors, the analysis pool, names and Hijri
years in filters, undated events, export, persons, merged events, the map, kept filters and facets."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rasad.store import queries
from rasad.store.queries import EventFilter
from rasad.web import create_app
from rasad.web.analysis import AnalyzeAccess
from rasad.web.app import WebOptions
from rasad.web.cache import SharedCache
from rasad.web.hijri import hijri_bound

from .conftest import TOKEN
from .test_api import ARTICLE, AUTH, store_of

# Written for these tests: a meeting with no date anywhere (no date words, no publication date).
UNDATED = ("التقى وزير الخارجية الأردني أيمن الصفدي نظيره المصري في عمّان لبحث العلاقات الثنائية "
           "بين البلدين.")


@pytest.fixture
def undated_client(fresh_db: str) -> Iterator[TestClient]:
    """The demo store plus one document whose events have no date at all."""
    with TestClient(create_app(fresh_db, token=TOKEN), base_url="http://localhost") as client:
        r = client.post("/documents", json={"id": "undated-meeting", "text": UNDATED, "source": "صحيفة الاختبار"},
                        headers=AUTH)
        assert r.json()["new"] == 1, r.text
        yield client


# -- hosts, headers, HEAD, errors ---------------------------------------------------------------------------


def test_host_header_must_be_one_the_server_answers_to(fresh_db: str) -> None:
    app = create_app(fresh_db, options=WebOptions(host="127.0.0.1", allowed_hosts=("rasad.example.org",)))
    with TestClient(app, base_url="http://localhost") as client:
        for host in ("localhost", "127.0.0.1", "127.0.0.1:8000", "localhost:8000", "[::1]:8000", "rasad.example.org"):
            assert client.get("/events", headers={"Host": host}).status_code == 200, host
        # DNS rebinding: another site's name pointed at this address.
        for host in ("evil.example", "127.0.0.1.evil.example", "localhost.", ""):
            r = client.get("/events", headers={"Host": host})
            assert r.status_code == 400, host
            assert r.headers["x-frame-options"] == "DENY"
    with TestClient(create_app(fresh_db, options=WebOptions(allowed_hosts=("*",))),
                    base_url="http://anything.example") as client:
        assert client.get("/events").status_code == 200


def test_security_headers_on_every_kind_of_response(read_client: TestClient) -> None:
    kinds = {"/events": "default-src 'none'", "/ui/": "script-src 'self';", "/ui/static/style.css": "default-src",
             "/docs": "'unsafe-inline'", "/openapi.json": "default-src 'none'", "/no/such/path": "default-src 'none'",
             "/ui/no-such-page": "script-src 'self';", "/events?limit=0": "default-src 'none'"}
    for path, csp in kinds.items():
        r = read_client.get(path)
        assert csp in r.headers["content-security-policy"], path
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["x-frame-options"] == "DENY", path
        assert r.headers["referrer-policy"] == "no-referrer", path
    # CORS is off unless configured: no page of another origin may read the answers.
    r = read_client.get("/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_when_configured(fresh_db: str) -> None:
    app = create_app(fresh_db, options=WebOptions(cors_origins=("https://analysts.example",)))
    with TestClient(app, base_url="http://localhost") as client:
        ok = client.get("/events", headers={"Origin": "https://analysts.example"})
        assert ok.headers["access-control-allow-origin"] == "https://analysts.example"
        other = client.get("/events", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_head_on_every_get(read_client: TestClient) -> None:
    e = read_client.get("/events", params={"limit": 1}).json()["items"][0]
    a, b = e["source"]["country"], e["target"]["country"]
    paths = ["/events", "/clusters", "/countries", "/pairs", "/stats", f"/events/{e['event_id']}",
             f"/documents/{e['document_id']}", f"/pairs/{a}/{b}/timeline", f"/clusters/{e['cluster_id']}",
             "/persons?q=a", "/export?format=jsonl", "/ui/", "/ui/events", "/ui/network", "/ui/map", "/ui/persons",
             f"/ui/pairs/{a}/{b}", f"/ui/clusters/{e['cluster_id']}", f"/ui/documents/{e['document_id']}",
             "/ui/static/rasad.js", "/docs", "/openapi.json"]
    for path in paths:
        got = read_client.get(path)
        head = read_client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"", path
        assert head.headers["content-type"] == got.headers["content-type"], path
    assert read_client.head("/no/such/path").status_code == 404


def test_errors_under_ui_are_pages_and_the_api_answers_json(read_client: TestClient) -> None:
    for path, status in (("/ui/no-such-page", 404), ("/ui/events?country=Narnia", 422),
                         ("/ui/export?format=xls", 422), ("/ui/clusters/999999", 404),
                         ("/ui/persons/999999", 404), ("/ui/export?from=soon", 422)):
        r = read_client.get(path)
        assert r.status_code == status, path
        assert r.headers["content-type"].startswith("text/html"), path
        assert "<main" in r.text and 'href="/ui/"' in r.text, path
    r = read_client.get("/no/such/path")
    assert r.status_code == 404 and r.json()["error"] == "not_found"


# -- POST /analyze --------------------------------------------------------------------------------------------


def test_analyze_needs_the_token_by_default(read_client: TestClient) -> None:
    assert read_client.post("/analyze", json={"text": ARTICLE}).status_code == 401
    assert read_client.post("/analyze", content=ARTICLE.encode(),
                            headers={"Content-Type": "text/plain", "Authorization": "Bearer wrong"}).status_code == 401
    assert read_client.post("/analyze", json={"text": ARTICLE}, headers=AUTH).status_code == 200


def test_analyze_access_off_and_loopback(fresh_db: str) -> None:
    with TestClient(create_app(fresh_db, token=TOKEN, options=WebOptions(analyze=AnalyzeAccess.OFF)),
                    base_url="http://localhost") as client:
        assert client.post("/analyze", json={"text": ARTICLE}, headers=AUTH).status_code == 403
    app = create_app(fresh_db, options=WebOptions(analyze=AnalyzeAccess.LOOPBACK))
    with TestClient(app, base_url="http://localhost", client=("127.0.0.1", 50000)) as local:
        assert local.post("/analyze", json={"text": ARTICLE}).status_code == 200
        # A form on another site's page posting through the user's browser.
        cross = local.post("/analyze", content=ARTICLE.encode(), headers={
            "Content-Type": "text/plain", "Origin": "https://elsewhere.example", "Sec-Fetch-Site": "cross-site"})
        assert cross.status_code == 403
    with TestClient(app, base_url="http://localhost", client=("192.0.2.7", 50000)) as remote:
        assert remote.post("/analyze", json={"text": ARTICLE}).status_code == 403
    app.state.analysis.close()


def test_a_full_analysis_queue_answers_503_with_retry_after(fresh_db: str) -> None:
    app = create_app(fresh_db, token=TOKEN, options=WebOptions(analyze_queue=2))
    pool = app.state.analysis
    with TestClient(app, base_url="http://localhost") as client:
        for _ in range(pool.capacity):
            pool.reserve()
        try:
            r = client.post("/analyze", json={"text": ARTICLE}, headers=AUTH)
            assert r.status_code == 503 and r.json()["error"] == "busy"
            assert int(r.headers["retry-after"]) >= 1
            assert client.get("/events").status_code == 200  # reads go on
        finally:
            for _ in range(pool.capacity):
                pool.release()
        assert client.post("/analyze", json={"text": ARTICLE}, headers=AUTH).status_code == 200
    pool.close()


# -- filters: names, Hijri years, undated ---------------------------------------------------------------------


@pytest.mark.parametrize("value", ["JOR", "jor", "Jordan", "jordan", "الأردن", "الاردن", "أردن",
                                   "المملكة الأردنية الهاشمية"])
def test_country_filters_take_codes_and_names(read_client: TestClient, value: str) -> None:
    by_code = read_client.get("/events", params={"country": "JOR"}).json()
    got = read_client.get("/events", params={"country": value}).json()
    assert by_code["total"] >= 1 and got["total"] == by_code["total"]
    pair = read_client.get("/events", params={"pair": f"{value},Egypt"}).json()
    assert pair["total"] == read_client.get("/events", params={"pair": "JOR,EGY"}).json()["total"]


def test_an_unknown_country_is_422_with_suggestions(read_client: TestClient) -> None:
    r = read_client.get("/events", params={"country": "Jordon"})
    assert r.status_code == 422
    assert "JOR (Jordan)" in r.json()["details"][0]["suggestions"]
    page = read_client.get("/ui/events", params={"country": "Jordon", "type": "CALL"})
    assert page.status_code == 422
    assert re.search(r'href="/ui/events\?type=CALL&amp;country=JOR">JOR \(Jordan\)</a>', page.text)


def test_hijri_years_and_arabic_digits() -> None:
    import datetime as dt

    assert hijri_bound("1445", end=False) == dt.date(2023, 7, 19)
    assert hijri_bound("١٤٤٥", end=True) == dt.date(2024, 7, 6)
    assert hijri_bound("1445-09", end=False) == dt.date(2024, 3, 11)  # the first of Ramadan 1445
    assert hijri_bound("1445-09-01هـ", end=False) == dt.date(2024, 3, 11)
    assert hijri_bound("2024", end=False) is None  # a Gregorian year stays Gregorian


def test_hijri_year_filters_cover_the_same_days(read_client: TestClient) -> None:
    hijri = read_client.get("/events", params={"from": "١٤٤٥", "to": "1445"}).json()
    gregorian = read_client.get("/events", params={"from": "2023-07-19", "to": "2024-07-06"}).json()
    assert hijri["total"] == gregorian["total"] >= 1
    assert read_client.get("/events", params={"from": "2024-٠٣"}).json()["total"] == read_client.get(
        "/events", params={"from": "2024-03"}).json()["total"]
    assert read_client.get("/events", params={"from": "1600هـ"}).status_code == 422


def test_undated_events_are_counted_and_filterable(undated_client: TestClient) -> None:
    c = undated_client
    everything = c.get("/events").json()["total"]
    undated = c.get("/events", params={"undated": "true"}).json()
    dated = c.get("/events", params={"undated": "false"}).json()
    assert undated["total"] >= 1 and undated["total"] + dated["total"] == everything
    assert all(r["ref_date"] is None for r in undated["items"])
    assert c.get("/events", params={"undated": "true", "from": "2024"}).status_code == 422
    stats = c.get("/stats").json()
    assert stats["undated"] == queries.count_clusters(store_of(c), EventFilter(undated=True)) >= 1
    # The overview and the events page say how many the charts and date ranges leave out.
    overview = c.get("/ui/").text
    assert re.search(rf'id="undated-card"><b>{stats["undated"]}</b>', overview)
    page = c.get("/ui/events", params={"from": "2024"}).text
    note = re.search(r'id="undated-note">(\d+) undated not shown by the date range', page)
    assert note and int(note[1]) == undated["total"]
    assert "undated=true" in page


# -- export ------------------------------------------------------------------------------------------------------


def test_export_streams_every_matching_row_in_each_format(read_client: TestClient) -> None:
    store = store_of(read_client)
    f = EventFilter(countries=["JOR"])
    n = queries.count_events(store, f)
    r = read_client.get("/export", params={"country": "Jordan", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == n >= 1 and all("JOR" in (x["source_country"], x["target_country"]) for x in rows)
    lines = read_client.get("/export", params={"country": "JOR", "format": "jsonl"}).text.splitlines()
    assert sorted(json.loads(x)["event_id"] for x in lines) == sorted(int(x["event_id"]) for x in rows)
    plover = [json.loads(x) for x in read_client.get("/export", params={"country": "JOR", "format": "plover"}).text
              .splitlines()]
    assert len(plover) == n and all("event" in p and "source" in p for p in plover)
    merged = read_client.get("/export", params={"country": "JOR", "format": "csv", "merged": "true"}).text
    assert len(list(csv.DictReader(io.StringIO(merged)))) == queries.count_clusters(store, f)
    # The dashboard's links export what the table shows, with the same filters.
    page = read_client.get("/ui/events", params={"country": "JOR", "type": ["VISIT", "MEET"]}).text
    links = re.findall(r'href="(/ui/export\?[^"]+)"', page)
    assert len(links) == 3 and all("country=JOR" in x and "type=VISIT" in x and "type=MEET" in x for x in links)
    got = read_client.get(links[0].replace("&amp;", "&"))
    assert len(list(csv.DictReader(io.StringIO(got.text)))) == queries.count_events(
        store, EventFilter(countries=["JOR"], types=["VISIT", "MEET"]))


def test_export_pieces_come_one_record_at_a_time() -> None:
    from rasad.store.exports import iter_export

    def records() -> Iterator[dict[str, Any]]:
        for i in range(1200):
            yield {"event_id": i}

    pieces = iter_export(records(), "jsonl")
    assert json.loads(next(pieces)) == {"event_id": 0}  # written before the rest is read
    assert sum(1 for _ in pieces) == 1199


# -- persons, merged events, the map ------------------------------------------------------------------------------


def test_person_search_and_page(undated_client: TestClient) -> None:
    c = undated_client
    for query in ("الصفدي", "صفدي", "Safadi", "safadi"):
        found = c.get("/persons", params={"q": query}).json()
        assert [p["name"] for p in found] == ["أيمن الصفدي"], query
    person = found[0]
    detail = c.get(f"/persons/{person['person_id']}").json()
    assert detail["total"] == person["events"] >= 1
    assert all(any(p["name"] == "أيمن الصفدي" for p in e["persons"]) for e in detail["events"])
    page = c.get(f"/ui/persons/{person['person_id']}").text
    assert "أيمن الصفدي" in page and "MEET" in page or "Meeting" in page
    results = c.get("/ui/persons", params={"q": "الصفدي"}).text
    assert f'href="/ui/persons/{person["person_id"]}"' in results
    assert c.get("/persons/999999").status_code == 404
    # The events table names the person with a link to the page.
    assert f'<a class="person" href="/ui/persons/{person["person_id"]}"' in c.get("/ui/events").text


def test_merged_event_lists_every_report(read_client: TestClient) -> None:
    e = read_client.get("/events", params={"limit": 1}).json()["items"][0]
    detail = read_client.get(f"/clusters/{e['cluster_id']}").json()
    assert detail["cluster"]["cluster_id"] == e["cluster_id"]
    assert len(detail["reports"]) == detail["cluster"]["mentions"]
    assert e["event_id"] in [r["event_id"] for r in detail["reports"]]
    page = read_client.get(f"/ui/clusters/{e['cluster_id']}").text
    assert len(re.findall(r'<li class="report', page)) == len(detail["reports"])
    assert e["document"]["outlet"] in page
    assert f'/ui/documents/{e["document_id"]}?event={e["event_id"]}' in page
    assert 'class="hl-trigger"' in page  # the evidence sentence, its trigger marked


def test_world_map_shades_countries_and_links_with_filters(read_client: TestClient) -> None:
    countries = {c["code"]: c["events"] for c in read_client.get("/countries", params={"type": "VISIT"}).json()}
    page = read_client.get("/ui/map", params={"type": "VISIT"}).text
    linked = dict(re.findall(r'<a href="/ui/events\?type=VISIT&amp;country=(\w+)" class="country" '
                             r'data-code="\w+" data-events="(\d+)"', page))
    on_map = {k: v for k, v in countries.items() if f'data-code="{k}"' in page}
    assert linked and {k: int(v) for k, v in linked.items()} == on_map
    assert page.count("<path d=") > 150  # every country drawn, not only those with events
    assert "http" not in re.search(r"<svg class=\"world\".*?</svg>", page, re.S)[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


# -- kept filters, facets, evidence -------------------------------------------------------------------------------


def test_filters_are_kept_on_links(read_client: TestClient) -> None:
    page = read_client.get("/ui/events", params={"type": "VISIT", "from": "2023", "sort": "id"}).text
    pair_links = re.findall(r'class="pair" href="(/ui/pairs/[^"]+)"', page)
    assert pair_links and all("type=VISIT" in x and "from=2023" in x for x in pair_links)
    e = read_client.get("/events", params={"type": "VISIT", "limit": 1}).json()["items"][0]
    a, b = e["source"]["country"], e["target"]["country"]
    pair = read_client.get(f"/ui/pairs/{a}/{b}", params={"type": "VISIT", "from": "2023", "unit": "mentions"}).text
    swap = re.search(rf'href="(/ui/pairs/{b}/{a}[^"]*)">Swap', pair)[1]
    assert "type=VISIT" in swap and "from=2023" in swap and "unit=mentions" in swap
    count_link = re.search(r'href="\?([^"]+)">count merged events', pair)[1]
    assert "type=VISIT" in count_link and "unit=events" in count_link
    assert re.search(r'name="type" value="VISIT" checked', pair)
    network = read_client.get("/ui/network", params={"type": "VISIT", "from": "2023"}).text
    graph = json.loads(re.search(r'<script type="application/json" id="network-data">(.*?)</script>', network,
                                 re.S)[1])
    assert "type=VISIT" in graph["pair_qs"] and "from=2023" in graph["events_qs"]


def test_facet_counts_beside_the_filters(read_client: TestClient) -> None:
    store = store_of(read_client)
    page = read_client.get("/ui/events", params={"country": "JOR", "type": "VISIT"}).text
    for t, n in re.findall(r'data-facet="(\w+)">(\d+)<', page):
        assert int(n) == queries.count_events(store, EventFilter(countries=["JOR"], types=[t])), t


def test_evidence_is_the_sentence_with_trigger_and_sides_marked(read_client: TestClient) -> None:
    e = next(r for r in read_client.get("/events").json()["items"] if r["type"] == "VISIT")
    page = read_client.get(f"/ui/documents/{e['document_id']}", params={"event": e["event_id"]}).text
    record = re.search(rf'id="event-{e["event_id"]}".*?</section>', page, re.S)[0]
    assert "characters" not in record
    assert f'class="hl-trigger" title="trigger · الفعل">{e["trigger"]}</mark>' in record
    assert f'class="hl-source" title="source · المصدر">{e["source"]["text"]}</mark>' in record


# -- the cache ------------------------------------------------------------------------------------------------------


def test_cache_computes_once_for_concurrent_requests_and_refreshes_in_the_background() -> None:
    cache = SharedCache(ttl=0.2)
    calls: list[int] = []
    gate = threading.Event()

    def slow() -> int:
        calls.append(1)
        gate.wait(5)
        return len(calls)

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow))) for _ in range(8)]
    for t in threads:
        t.start()
    time.sleep(0.1)
    gate.set()
    for t in threads:
        t.join()
    assert results == [1] * 8 and len(calls) == 1  # one computation, seven waiters
    time.sleep(0.25)
    gate.clear()  # the refresh will wait: what the request gets is the old value, at once
    assert cache.get("k", slow) == 1
    gate.set()
    deadline = time.monotonic() + 5
    while cache.get("k", slow) != 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.get("k", slow) == 2
    cache.invalidate()
    assert cache.get("k", slow) == 3  # after a write: computed again before it is served


def test_a_stored_document_shows_at_once(write_client: TestClient) -> None:
    before = write_client.get("/countries").json()
    write_client.post("/documents", json={"id": "new", "text": UNDATED}, headers=AUTH)
    after = write_client.get("/countries").json()
    assert sum(c["events"] for c in after) > sum(c["events"] for c in before)


def test_evidence_words_need_not_be_side_by_side(read_client: TestClient) -> None:
    e = read_client.get("/events", params={"limit": 1}).json()["items"][0]
    words = [w for w in e["evidence_text"].split() if len(w) > 3]
    first, later = words[0], words[5]
    assert f"{first} {later}" not in e["evidence_text"]  # not a phrase of the sentence
    found = read_client.get("/events", params={"text": f"{first} {later}", "limit": 500}).json()["items"]
    assert e["event_id"] in [r["event_id"] for r in found]
    assert all(r["evidence_text"].find(first) < r["evidence_text"].rfind(later) for r in found)
    assert read_client.get("/events", params={"text": f"{first} كلمةغيرموجودة"}).json()["total"] == 0
