"""What was agreed, over HTTP and on the dashboard: the area filter and a pair's relationship profile.

The demo store holds the example articles, analysed by the real pipeline: the
Moroccan–Mauritanian memorandum on training and military medicine, the
Saudi–Pakistani naval exercise and the Italian minister's visit to Tunisia.
Expected values are read from the store's own records where they can be.
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from .test_api import AUTH


def _items(client: TestClient, query: str, path: str = "/events") -> list[dict[str, Any]]:
    r = client.get(f"{path}?{query}")
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_events_and_clusters_filter_by_area(read_client: TestClient) -> None:
    signs = _items(read_client, "type=SIGN&pair=MAR,MRT")
    assert [(e["areas"], e["instrument"]) for e in signs] == [(["training", "medical"], "memorandum")]
    assert [e["event_id"] for e in _items(read_client, "area=medical")] == [signs[0]["event_id"]]
    maritime = _items(read_client, "area=maritime,medical&sort=id")
    assert sorted((e["type"], e["pair"] if "pair" in e else sorted((e["source"]["country"], e["target"]["country"])))
                  for e in maritime) == [("MIL_COOP", ["PAK", "SAU"]), ("SIGN", ["MAR", "MRT"])]
    assert _items(read_client, "area=cyber") == []
    [merged] = _items(read_client, "area=exercises", "/clusters")
    assert (merged["type"], merged["areas"]) == ("MIL_COOP", ["exercises", "maritime"])
    # Every content key is in every record, empty where nothing is stated.
    visit = _items(read_client, "type=VISIT")[0]
    assert (visit["areas"], visit["instrument"], visit["level"]) == ([], None, "minister")


def test_an_unknown_area_is_refused(read_client: TestClient) -> None:
    r = read_client.get("/events?area=sport")
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "area"
    assert "is not an area of cooperation" in r.json()["message"]


def test_profile_endpoint(read_client: TestClient) -> None:
    r = read_client.get("/pairs/MRT/MAR/profile")
    assert r.status_code == 200, r.text
    p = r.json()
    sign = _items(read_client, "type=SIGN&pair=MAR,MRT")[0]
    assert (p["a"], p["b"], p["occasions"], p["reports"]) == ("MRT", "MAR", 1, 1)
    [agreement] = p["agreements"]
    assert (agreement["instrument"], agreement["areas"], agreement["date"]) == (
        "memorandum", ["training", "medical"], sign["date"])
    assert [x["event_id"] for x in agreement["reports"]] == [sign["event_id"]]
    assert agreement["reports"][0]["quote"] and p["trend"] == "unknown"
    assert p["first_contact"]["cluster_id"] == p["latest_contact"]["cluster_id"] == agreement["cluster_id"]
    assert {t["name"] for side in p["people"].values() for t in side} == {x["name"] for x in sign["persons"]}

    visit = read_client.get("/pairs/ITA/TUN/profile").json()["visits"]["ITA>TUN"]
    assert [(v["level"], v["place"]) for v in visit] == [("minister", "Tunis")]

    for path, field in (("/pairs/MAR/MAR/profile", "b"), ("/pairs/MAR/MRT/profile?from=2024-13", "from"),
                        ("/pairs/MAR/MRT/profile?from=2024&to=2023", "from"), ("/pairs/M1/MRT/profile", "a")):
        r = read_client.get(path)
        assert r.status_code == 422, path
        assert r.json()["details"][0]["field"] == field, path


def test_profile_schema_is_in_the_openapi_document(read_client: TestClient) -> None:
    spec = read_client.get("/openapi.json").json()
    op = spec["paths"]["/pairs/{a}/{b}/profile"]["get"]
    assert op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/PairProfile")
    props = spec["components"]["schemas"]["PairProfile"]["properties"]
    assert {"first_contact", "latest_contact", "years", "agreements", "areas_by_year", "people", "visits", "trend",
            "outlets", "contacts"} <= set(props)
    occasion = spec["components"]["schemas"]["Occasion"]["properties"]
    assert {"instrument", "areas", "level", "first", "duration_days", "reports"} <= set(occasion)
    assert {p["name"] for p in op["parameters"]} >= {"a", "b", "from", "to", "contacts"}
    records = spec["components"]["schemas"]["EventRecord"]["properties"]
    assert {"areas", "area_evidence", "instrument", "first", "level", "duration_days"} <= set(records)


def test_pair_page_shows_the_profile(read_client: TestClient) -> None:
    sign = _items(read_client, "type=SIGN&pair=MAR,MRT")[0]
    html = read_client.get("/ui/pairs/MAR/MRT").text
    profile = html.split('id="profile"')[1].split("</section>")[0]
    agreements = profile.split('class="events agreements"')[1].split("</table>")[0]
    assert "memorandum of understanding" in agreements
    assert '<span class="area">training</span>' in agreements and "military medicine" in agreements
    assert f'href="/ui/events/{sign["event_id"]}"' in agreements
    assert "People of Morocco" in profile and "People of Mauritania" in profile

    html = read_client.get("/ui/pairs/ITA/TUN").text
    visits = html.split('data-visitor="ITA" data-host="TUN"')[1].split("</ul>")[0]
    assert '<span class="level">minister</span>' in visits and "Tunis" in visits
    assert read_client.get("/ui/pairs/ITA/TUN?from=2024-13").status_code == 422


def test_events_table_filters_by_area(read_client: TestClient) -> None:
    html = read_client.get("/ui/events?area=exercises").text
    rows = html.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr ") == 1 and "t-MIL_COOP" in rows
    assert '<span class="areas">exercises, maritime</span>' in rows  # each row shows its areas
    assert '<option value="exercises" selected>' in html
    assert read_client.get("/ui/events?area=sport").status_code == 422


def test_analyze_answers_with_the_content(read_client: TestClient) -> None:
    text = ("وقع رئيس أركان الجيش الموريتاني ونظيره المغربي في نواكشوط اليوم مذكرة تفاهم للتعاون العسكري "
            "في مجالات التدريب والتأهيل والخدمات الطبية العسكرية.")
    r = read_client.post("/analyze", json={"text": text, "published": "2024-04-02"}, headers=AUTH)
    assert r.status_code == 200, r.text
    [sign] = [e for e in r.json()["events"] if e["type"] == "SIGN"]
    assert sign["instrument"] == "memorandum" and "training" in sign["areas"]
    ev = sign["instrument_evidence"]
    assert text[ev["start"]:ev["end"]] == "مذكرة تفاهم"
