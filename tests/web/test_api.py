"""Every endpoint through FastAPI's TestClient: answers, filters, paging, errors, limits, auth and hostile input."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select

from rasad.model import EVENT_TYPES
from rasad.store import queries
from rasad.store.db import Store
from rasad.store.models import Document, Event
from rasad.store.queries import EventFilter
from rasad.web import create_app
from rasad.web.limits import BodyLimitMiddleware

from .conftest import TOKEN

ARTICLE = ("وصل وزير الدفاع الأردني إلى روما اليوم في زيارة رسمية يلتقي خلالها نظيره الإيطالي "
           "لبحث سبل تعزيز التعاون العسكري بين البلدين.")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def store_of(client: TestClient) -> Store:
    return client.app.state.store  # type: ignore[attr-defined]


def ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.text
    return [r["event_id"] for r in response.json()["items"]]


def expected(client: TestClient, f: EventFilter, sort: str = "-date") -> list[int]:
    return [r["event_id"] for r in queries.find_events(store_of(client), f, sort=sort, limit=None)]


def assert_error(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "message", "details"}
    assert body["message"] and isinstance(body["message"], str)
    if field is not None:
        assert field in body["message"], body
        assert any(d["field"] == field for d in body["details"]), body
    return body


@pytest.fixture(scope="module")
def records(read_client: TestClient) -> list[dict[str, Any]]:
    r = read_client.get("/events", params={"limit": 500})
    assert r.status_code == 200
    items = r.json()["items"]
    assert len(items) >= 5, "the examples give at least five events"
    return items


# -- reading events ---------------------------------------------------------------------------


def test_events_page_has_records_with_document_ids(read_client: TestClient, records: list[dict[str, Any]]) -> None:
    body = read_client.get("/events").json()
    assert body["total"] == len(records) and body["offset"] == 0 and body["limit"] == 50 and body["sort"] == "-date"
    dates = [r["ref_date"] for r in body["items"]]
    assert dates == sorted(dates, reverse=True)
    for r in body["items"]:
        assert r["type"] in EVENT_TYPES
        doc = read_client.get(f"/documents/{r['document_id']}").json()
        assert r["event_id"] in [e["event_id"] for e in doc["events"]]
        assert doc["doc_id"] == r["document"]["id"]


def test_each_filter_selects_what_the_store_selects(read_client: TestClient,
                                                    records: list[dict[str, Any]]) -> None:
    visit = next(r for r in records if r["type"] == "VISIT")
    named = next(r for r in records if r["persons"])
    person = named["persons"][0]
    a, b = visit["source"]["country"], visit["target"]["country"]
    word = max(visit["evidence_text"].split(), key=len)
    outlet = visit["document"]["outlet"]
    cases: list[tuple[dict[str, Any], EventFilter]] = [
        ({"country": a}, EventFilter(countries=[a])),
        ({"country": [a, "JOR"]}, EventFilter(countries=[a, "JOR"])),
        ({"country": f"{a.lower()},jor"}, EventFilter(countries=[a, "JOR"])),
        ({"pair": f"{a},{b}"}, EventFilter(pair=(a, b))),
        ({"pair": f"{b}-{a}"}, EventFilter(pair=(b, a))),
        ({"pair": f"{a},{b}", "directed": "true"}, EventFilter(pair=(a, b), directed=True)),
        ({"pair": f"{b},{a}", "directed": "true"}, EventFilter(pair=(b, a), directed=True)),
        ({"type": "VISIT"}, EventFilter(types=["VISIT"])),
        ({"type": ["meet", "CALL"]}, EventFilter(types=["MEET", "CALL"])),
        ({"sector": "GOV"}, EventFilter(sectors=["GOV"])),
        ({"person": person["name"].split()[-1]}, EventFilter(person=person["name"].split()[-1])),
        ({"person": (person["name_en"] or "x").upper()}, EventFilter(person=(person["name_en"] or "x").upper())),
        ({"from": "2024"}, EventFilter(date_from=queries.dt.date(2024, 1, 1))),
        ({"to": "2023-11"}, EventFilter(date_to=queries.dt.date(2023, 11, 30))),
        ({"from": "2024-01-01", "to": "2024-03-31"},
         EventFilter(date_from=queries.dt.date(2024, 1, 1), date_to=queries.dt.date(2024, 3, 31))),
        ({"source": outlet}, EventFilter(sources=[outlet])),
        ({"text": word}, EventFilter(text=word)),
        ({"cluster": visit["cluster_id"]}, EventFilter(cluster=visit["cluster_id"])),
        ({"country": a, "type": "MEET", "from": "2024-03"}, EventFilter(countries=[a], types=["MEET"],
                                                                         date_from=queries.dt.date(2024, 3, 1))),
    ]
    for params, f in cases:
        got = ids(read_client.get("/events", params=params))
        assert got == expected(read_client, f), params
    # The values above come from the stored records, so each must find something.
    for params in ({"country": a}, {"pair": f"{a},{b}"}, {"type": "VISIT"}, {"person": person["name"].split()[-1]},
                   {"source": outlet}, {"text": word}, {"cluster": visit["cluster_id"]}):
        assert ids(read_client.get("/events", params=params)), params
    assert visit["event_id"] in ids(read_client.get("/events", params={"pair": f"{a},{b}", "directed": "true"}))
    assert visit["event_id"] not in ids(read_client.get("/events", params={"pair": f"{b},{a}", "directed": "true"}))


def test_paging_covers_every_event_once(read_client: TestClient, records: list[dict[str, Any]]) -> None:
    seen: list[int] = []
    offset = 0
    while True:
        body = read_client.get("/events", params={"limit": 2, "offset": offset, "sort": "id"}).json()
        assert body["total"] == len(records)
        if not body["items"]:
            break
        seen += [r["event_id"] for r in body["items"]]
        offset += 2
    assert seen == sorted(r["event_id"] for r in records)
    assert read_client.get("/events", params={"offset": 10_000_000}).json()["items"] == []


def test_every_sort_key_both_ways(read_client: TestClient) -> None:
    for key in queries.EVENT_SORTS:
        for sort in (key, f"-{key}", f"+{key}"):
            body = read_client.get("/events", params={"sort": sort}).json()
            assert body["sort"] == sort
            assert [r["event_id"] for r in body["items"]] == expected(read_client, EventFilter(), sort=sort)
    for key in queries.CLUSTER_SORTS:
        assert read_client.get("/clusters", params={"sort": f"-{key}"}).status_code == 200
    assert_error(read_client.get("/events", params={"sort": "evidence_text"}), 422, "sort")
    assert_error(read_client.get("/events", params={"sort": "--date"}), 422, "sort")
    assert_error(read_client.get("/clusters", params={"sort": "published"}), 422, "sort")


def test_clusters(read_client: TestClient, records: list[dict[str, Any]]) -> None:
    body = read_client.get("/clusters").json()
    assert body["total"] == queries.count_clusters(store_of(read_client), EventFilter())
    assert {c["cluster_id"] for c in body["items"]} == {r["cluster_id"] for r in records}
    visit = next(r for r in records if r["type"] == "VISIT")
    pair = ",".join((visit["source"]["country"], visit["target"]["country"]))
    got = read_client.get("/clusters", params={"pair": pair, "type": "VISIT"}).json()["items"]
    assert [c["cluster_id"] for c in got] == [visit["cluster_id"]]


@pytest.mark.parametrize(("params", "field"), [
    ({"limit": 0}, "limit"), ({"limit": 501}, "limit"), ({"limit": "ten"}, "limit"), ({"offset": -1}, "offset"),
    ({"offset": 10**12}, "offset"), ({"country": "J0R"}, "country"), ({"country": "Jordania"}, "country"),
    ({"country": "XYZ"}, "country"),
    ({"country": ["JOR"] * 51}, "country"), ({"type": "PARADE"}, "type"), ({"sector": "NAVY"}, "sector"),
    ({"from": "2024-13"}, "from"), ({"from": "2024-02-30"}, "from"), ({"to": "yesterday"}, "to"),
    ({"from": "2024-05", "to": "2024-01"}, "from"), ({"directed": "true"}, "directed"),
    ({"directed": "perhaps"}, "directed"), ({"pair": "JOR"}, "pair"), ({"pair": "JOR,JOR"}, "pair"),
    ({"pair": "JOR,EGY,ITA"}, "pair"), ({"cluster": "abc"}, "cluster"), ({"cluster": 0}, "cluster"),
    ({"cluster": 10**30}, "cluster"), ({"person": "x" * 201}, "person"), ({"text": "ن" * 201}, "text"),
    ({"source": "y" * 201}, "source"),
])
def test_invalid_filters_are_422_with_the_field_named(read_client: TestClient, params: dict[str, Any],
                                                     field: str) -> None:
    for path in ("/events", "/clusters", "/countries", "/pairs", "/stats"):
        if path != "/events" and field in ("limit", "offset"):
            continue
        assert_error(read_client.get(path, params=params), 422, field)


# -- hostile values: the SQL that runs never changes ---------------------------------------------------------

HOSTILE = [
    "' OR '1'='1", "'; DROP TABLE events; --", "\" OR 1=1 --", "%", "_", "%%", "\\", "\\%", "') UNION SELECT * FROM "
    "documents --", "1; DELETE FROM documents", "*/ OR /*", "الصفدي' OR 'ا'='ا", "\u202eLRO\u202c", "𝕏𝕐", "\u0000",
    "a\u0000' OR 1=1", "ـــ", "٪", "🙂' --", "x" * 200, "ن" * 200,
]


@pytest.fixture
def statements(read_client: TestClient) -> Iterator[list[str]]:
    """The SQL text of every statement the store runs while the test runs."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = store_of(read_client).read_engine
    # Summaries are cached: turned off here, every request runs its statements.
    cache = read_client.app.state.cache
    ttl, cache.ttl = cache.ttl, 0
    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)
    cache.ttl = ttl


def _row_counts(client: TestClient) -> tuple[int, int]:
    with store_of(client).read() as conn:
        return (conn.execute(select(func.count()).select_from(Event)).scalar_one(),
                conn.execute(select(func.count()).select_from(Document)).scalar_one())


# Harmless values of each shape the store tells apart: words; punctuation only (an empty English key);
# a tatweel (an empty Arabic key: folding removes it); control characters only (removed: nothing to match).
BENIGN = ["benign", "-", "ـ", "\u0001"]


@pytest.mark.parametrize("field", ["person", "text", "source"])
def test_hostile_free_text_runs_the_same_sql_and_finds_nothing(read_client: TestClient, statements: list[str],
                                                               field: str) -> None:
    before = _row_counts(read_client)
    for path in ("/events", "/clusters", "/countries", "/pairs", "/stats"):
        harmless = []
        for value in BENIGN:
            statements.clear()
            assert read_client.get(path, params={field: value}).status_code == 200
            harmless.append(list(statements))
        for value in HOSTILE:
            statements.clear()
            r = read_client.get(path, params={field: value})
            assert r.status_code == 200, (path, value, r.text)
            # The statements are those a harmless value runs: the value only ever travels as a parameter.
            assert statements in harmless, (path, value)
            body = r.json()
            items = body["items"] if isinstance(body, dict) and "items" in body else body
            if isinstance(body, dict) and "pairs" in body:
                items = body["pairs"]
            assert items == [], (path, value)
    assert _row_counts(read_client) == before


def test_hostile_values_in_coded_filters_are_refused_before_any_sql(read_client: TestClient,
                                                                    statements: list[str]) -> None:
    for field in ("country", "pair", "type", "sector", "from", "to", "cluster", "sort"):
        for value in HOSTILE:
            statements.clear()
            r = read_client.get("/events", params={field: value})
            assert r.status_code == 422, (field, value, r.text)
            assert statements == [], (field, value)
    for value in HOSTILE[:8]:
        r = read_client.get(f"/pairs/{value}/JOR/timeline")
        assert r.status_code in (404, 422), r.text
    # A code that names nothing is refused, with the names it is closest to.
    err = assert_error(read_client.get("/events", params={"country": "Egipt"}), 422, "country")
    assert "EGY (Egypt)" in err["details"][0]["suggestions"]


def test_well_formed_codes_run_the_same_sql_whatever_they_are(read_client: TestClient,
                                                              statements: list[str]) -> None:
    shapes = []
    for code in ("JOR", "NATO", "sau", "Qatar", "الأردن"):
        statements.clear()
        assert read_client.get("/events", params={"country": code, "pair": f"{code},ITA",
                                                  "from": "2024", "cluster": 2**31 - 1}).status_code == 200
        shapes.append(list(statements))
    assert all(s == shapes[0] for s in shapes)


# -- one event, one document ------------------------------------------------------------------------------------


def test_event_detail(read_client: TestClient, records: list[dict[str, Any]]) -> None:
    for r in records:
        body = read_client.get(f"/events/{r['event_id']}").json()
        assert body["event"] == r
        assert body["cluster"]["cluster_id"] == r["cluster_id"]
        assert r["event_id"] in [s["event_id"] for s in body["sources"]]
        doc = read_client.get(f"/documents/{r['document_id']}").json()
        assert body["evidence"], r
        for span in body["evidence"]:
            assert doc["text"][span["start"]:span["end"]] == span["text"]
            assert span["text"].strip() in r["evidence_text"]
    assert_error(read_client.get("/events/999999"), 404)
    assert_error(read_client.get("/events/0"), 422, "event_id")
    assert_error(read_client.get("/events/abc"), 422, "event_id")
    assert_error(read_client.get(f"/events/{10**20}"), 422, "event_id")
    assert_error(read_client.get("/events/1%27%20OR%201=1"), 422, "event_id")


def test_document_detail(read_client: TestClient, records: list[dict[str, Any]]) -> None:
    doc_ids = {r["document_id"] for r in records}
    for pk in doc_ids:
        body = read_client.get(f"/documents/{pk}").json()
        assert body["id"] == pk and body["text"]
        assert {e["event_id"] for e in body["events"]} == {r["event_id"] for r in records if r["document_id"] == pk}
        assert body["evidence"]
        for span in body["evidence"]:
            assert body["text"][span["start"]:span["end"]] == span["text"]
    assert_error(read_client.get("/documents/999999"), 404)
    assert_error(read_client.get("/documents/-1"), 422, "document_id")


# -- statistics ------------------------------------------------------------------------------------------------


def test_pair_timeline(read_client: TestClient, records: list[dict[str, Any]]) -> None:
    visit = next(r for r in records if r["type"] == "VISIT")
    a, b = visit["source"]["country"], visit["target"]["country"]
    store = store_of(read_client)
    body = read_client.get(f"/pairs/{a}/{b}/timeline").json()
    assert body["pair"] == [a, b] and body["unit"] == "events"
    assert sum(m["total"] for m in body["months"]) + body["undated"] == queries.count_clusters(
        store, EventFilter(pair=(a, b)))
    assert body["names"][a]["en"] and body["names"][a]["ar"]
    for m in body["months"]:
        assert m["total"] == sum(m["counts"].values())
    mentions = read_client.get(f"/pairs/{b.lower()}/{a.lower()}/timeline", params={"mentions": "true"}).json()
    assert sum(m["total"] for m in mentions["months"]) + mentions["undated"] == queries.count_events(
        store, EventFilter(pair=(a, b)))
    only = read_client.get(f"/pairs/{a}/{b}/timeline", params={"type": "VISIT", "directed": "true"}).json()
    assert only["totals"]["VISIT"] >= 1 and sum(only["totals"].values()) == only["totals"]["VISIT"]
    assert read_client.get("/pairs/ISL/NZL/timeline").json()["months"] == []
    assert_error(read_client.get(f"/pairs/{a}/{a}/timeline"), 422, "b")
    assert_error(read_client.get("/pairs/J0R/EGY/timeline"), 422, "a")
    assert_error(read_client.get("/pairs/Jordania/EGY/timeline"), 422, "a")
    assert_error(read_client.get(f"/pairs/{a}/{b}/timeline", params={"from": "soon"}), 422, "from")


def test_countries_and_pairs(read_client: TestClient, records: list[dict[str, Any]]) -> None:
    countries = read_client.get("/countries").json()
    codes = {r["source"]["country"] for r in records} | {r["target"]["country"] for r in records}
    assert {c["code"] for c in countries} == codes
    for c in countries:
        n = read_client.get("/events", params={"country": c["code"]}).json()["total"]
        assert c["events"] == c["as_source"] + c["as_target"] == n
        assert c["name_en"] and c["partners"] >= 1
    assert any(c["name_ar"] for c in countries)
    pairs = read_client.get("/pairs").json()
    assert sum(p["events"] for p in pairs) == len(records)
    assert [p["events"] for p in pairs] == sorted((p["events"] for p in pairs), reverse=True)
    visits = read_client.get("/pairs", params={"type": "VISIT"}).json()
    assert all(p["by_type"]["VISIT"] == p["events"] for p in visits)
    assert read_client.get("/countries", params={"type": "CALL"}).json()[0]["by_type"]["CALL"] >= 1


def test_stats(read_client: TestClient, records: list[dict[str, Any]]) -> None:
    body = read_client.get("/stats").json()
    assert body["store"]["events"] == len(records)
    assert body["store"]["documents"] >= len({r["document_id"] for r in records})
    assert body["unit"] == "events" and body["months"]
    assert len(body["pairs"]) <= 10
    mentions = read_client.get("/stats", params={"mentions": "true", "type": "VISIT"}).json()
    assert sum(m["counts"]["VISIT"] for m in mentions["months"]) == sum(r["type"] == "VISIT" for r in records)
    assert_error(read_client.get("/stats", params={"top": 0}), 422, "top")


# -- analysis --------------------------------------------------------------------------------------------------


def test_analyze_json_and_plain_text_store_nothing(read_client: TestClient) -> None:
    before = _row_counts(read_client)
    r = read_client.post("/analyze", json={"id": "x1", "text": ARTICLE, "published": "2024-03-12"}, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["id"] == "x1"
    (visit,) = [e for e in body["events"] if e["type"] == "VISIT"]
    assert (visit["source"]["country"], visit["target"]["country"]) == ("JOR", "ITA")
    assert visit["date"] == "2024-03-12"
    span = visit["evidence"][0]
    assert ARTICLE[span["start"]:span["end"]].startswith("وصل")
    plain = read_client.post("/analyze", content=ARTICLE.encode(), headers={"Content-Type": "text/plain", **AUTH})
    assert plain.status_code == 200 and [e["type"] for e in plain.json()["events"]] == [
        e["type"] for e in body["events"]]
    assert _row_counts(read_client) == before


@pytest.mark.parametrize(("body", "ctype", "status", "field"), [
    (b"", "application/json", 422, "body"),
    (b"{", "application/json", 422, "body"),
    (b"{'text': 'single quotes'}", "application/json", 422, "body"),
    (b"\xff\xfe\xfa", "application/json", 422, "body"),
    (b"[]", "application/json", 422, "body"),
    (b'"just a string"', "application/json", 422, "body"),
    (b"[" * 100000 + b"]" * 100000, "application/json", 422, "body"),
    (b'{"title": "no text"}', "application/json", 422, "text"),
    (b'{"text": 42}', "application/json", 422, "text"),
    (b'{"text": "   "}', "application/json", 422, "text"),
    (b'{"text": "English only, no Arabic at all."}', "application/json", 422, "text"),
    (json.dumps({"text": ARTICLE, "published": "12/03/2024"}).encode(), "application/json", 422, "published"),
    (json.dumps({"text": ARTICLE, "home_country": "Jordan"}).encode(), "application/json", 422, "home_country"),
    (json.dumps({"text": ARTICLE, "home_country": "1; "}).encode(), "application/json", 422, "body"),
    (b"\xff\xfe", "text/plain", 422, "body"),
    (ARTICLE.encode(), "application/xml", 415, None),
])
def test_analyze_refuses_malformed_bodies(read_client: TestClient, body: bytes, ctype: str, status: int,
                                          field: str | None) -> None:
    r = read_client.post("/analyze", content=body, headers={"Content-Type": ctype, **AUTH})
    err = assert_error(r, status)
    if field:
        assert field in err["message"], err


# -- writing -----------------------------------------------------------------------------------------------------


def test_writes_are_off_without_a_configured_token(fresh_db: str) -> None:
    with TestClient(create_app(fresh_db, token=None), base_url="http://localhost") as client:
        before = _row_counts(client)
        for headers in ({}, AUTH, {"Authorization": "Bearer "}):
            r = client.post("/documents", json={"text": ARTICLE}, headers=headers)
            assert "RASAD_TOKEN" in assert_error(r, 403)["message"]
        assert _row_counts(client) == before


@pytest.mark.parametrize("header", [
    None, "", "Bearer", "Bearer ", f"Basic {TOKEN}", f"bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", "Bearer wrong",
    f"Bearer {TOKEN.upper()}", "Bearer ' OR 1=1 --", "Bearer \u00e9\u00e9", f"Token {TOKEN}",
])
def test_writes_need_the_right_token(write_client: TestClient, header: str | None) -> None:
    before = _row_counts(write_client)
    headers = {} if header is None else {"Authorization": header.encode("utf-8")}
    r = write_client.post("/documents", json={"text": ARTICLE}, headers=headers)
    assert_error(r, 401)
    assert r.headers.get("www-authenticate") == "Bearer"
    assert _row_counts(write_client) == before


def test_token_is_compared_in_constant_time(write_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import hmac

    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr("rasad.web.app.hmac.compare_digest", spy)
    write_client.post("/documents", json={"text": ARTICLE}, headers={"Authorization": "Bearer guess"})
    assert calls == [(b"guess", TOKEN.encode())]


def test_documents_are_stored_once_and_readable(write_client: TestClient) -> None:
    before = _row_counts(write_client)
    doc = {"id": "rome-visit", "text": ARTICLE, "published": "2024-03-12", "source": "وكالة الاختبار",
           "home_country": "JOR"}
    r = write_client.post("/documents", json=doc, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["new"], body["duplicate"], body["failed"]) == (1, 0, 0)
    (result,) = body["documents"]
    assert result["status"] == "new" and result["events"] >= 1
    stored = write_client.get(f"/documents/{result['document_id']}").json()
    assert stored["doc_id"] == "rome-visit" and stored["text"] == ARTICLE
    assert len(stored["events"]) == result["events"]
    found = write_client.get("/events", params={"source": "الاختبار"}).json()
    assert found["total"] == result["events"]
    again = write_client.post("/documents", json=[doc, {"text": ARTICLE + " وأضاف الوزير."}], headers=AUTH).json()
    assert [d["status"] for d in again["documents"]] == ["duplicate", "new"]
    assert again["documents"][0]["document_id"] == result["document_id"]
    assert _row_counts(write_client)[1] == before[1] + 2


@pytest.mark.parametrize(("payload", "field"), [
    ([], "body"),
    ([{"text": ARTICLE}] * 101, "body"),
    ([{"text": ARTICLE}, {"text": "no arabic here"}], "[1].text"),
    ([{"text": ARTICLE}, "not an object"], "[1]"),
    ({"text": ARTICLE, "published": "2024-02-30"}, "body"),
    ({"text": ARTICLE, "url": "u" * 3000}, "url"),
])
def test_invalid_documents_store_nothing(write_client: TestClient, payload: Any, field: str) -> None:
    before = _row_counts(write_client)
    err = assert_error(write_client.post("/documents", json=payload, headers=AUTH), 422)
    assert field in err["message"], err
    assert _row_counts(write_client) == before


# -- limits and errors ---------------------------------------------------------------------------------------------


def test_body_over_the_limit_is_413(fresh_db: str) -> None:
    with TestClient(create_app(fresh_db, token=TOKEN, max_body=2048), base_url="http://localhost") as client:
        big = json.dumps({"text": ARTICLE * 40}).encode()
        assert len(big) > 2048
        for path, headers in (("/analyze", AUTH), ("/documents", AUTH)):
            r = client.post(path, content=big, headers={"Content-Type": "application/json", **headers})
            assert "2048" in assert_error(r, 413)["message"]

            def chunks() -> Iterator[bytes]:
                for i in range(0, len(big), 500):
                    yield big[i:i + 500]

            r = client.post(path, content=chunks(), headers={"Content-Type": "application/json", **headers})
            assert_error(r, 413)
        small = client.post("/analyze", json={"text": ARTICLE}, headers=AUTH)
        assert small.status_code == 200


def test_body_limit_stops_reading_a_chunked_body_early() -> None:
    """At the ASGI level: without Content-Length, the body is refused as soon as it passes the limit."""
    reads = 0
    sent: list[dict[str, Any]] = []

    async def endless() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": b"x" * 1000, "more_body": reads < 10_000}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def app(scope: Any, receive: Any, send_: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        raise AssertionError("the whole body was read")

    scope = {"type": "http", "method": "POST", "path": "/analyze", "headers": [(b"content-type", b"text/plain")]}
    asyncio.run(BodyLimitMiddleware(app, max_body=5000)(scope, endless, send))  # type: ignore[arg-type]
    assert reads == 6  # five chunks fit, the sixth passes the limit
    assert sent[0]["status"] == 413
    assert json.loads(sent[1]["body"])["error"] == "too_large"


def test_declared_length_over_the_limit_is_refused_unread() -> None:
    reads = 0

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": b"", "more_body": False}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def app(scope: Any, receive_: Any, send_: Any) -> None:
        raise AssertionError("the app must not be called")

    scope = {"type": "http", "method": "POST", "path": "/documents", "headers": [(b"content-length", b"999999")]}
    asyncio.run(BodyLimitMiddleware(app, max_body=1000)(scope, receive, send))  # type: ignore[arg-type]
    assert reads == 0 and sent[0]["status"] == 413


def test_unknown_paths_and_methods_answer_json(read_client: TestClient) -> None:
    assert_error(read_client.get("/nothing-here"), 404)
    assert_error(read_client.delete("/events"), 405)
    assert_error(read_client.put("/documents/1", json={}), 405)


def test_openapi_and_offline_docs(read_client: TestClient) -> None:
    spec = read_client.get("/openapi.json").json()
    for path in ("/analyze", "/documents", "/events", "/events/{event_id}", "/documents/{document_id}",
                 "/pairs/{a}/{b}/timeline", "/countries", "/stats", "/clusters", "/pairs"):
        assert path in spec["paths"], path
    assert "requestBody" in spec["paths"]["/analyze"]["post"]
    for page in ("/docs", "/redoc"):
        html = read_client.get(page).text
        assert "http://" not in html and "https://" not in html, page
        for asset in ("/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css",
                      "/docs-assets/redoc.standalone.js"):
            if asset.rsplit("/", 1)[1].split(".")[0] in html:
                assert read_client.get(asset).status_code == 200, asset
