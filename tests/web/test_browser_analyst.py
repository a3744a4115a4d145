"""What an analyst does in a real browser: export a view, find a person, read a merged event's reports,
use the map, see the undated events counted, and keep filters from page to page.

Headless Chromium (Debian's) driven by Selenium against ``rasad serve --demo``
with one more document, whose meeting has no date at all. Skipped without
Chromium unless RASAD_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from rasad.web import testing as browser

from .conftest import TOKEN, browser_or_skip
from .test_browser import by_css, load, wait_for, wait_until
from .test_dashboard import UNDATED

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=20) as r:
        return json.load(r)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    browser_or_skip()
    log = tmp_path_factory.mktemp("serve-analyst") / "server.log"
    with browser.live_server(token=TOKEN, log=log) as url:
        doc = json.dumps({"id": "undated-meeting", "text": UNDATED, "source": "صحيفة الاختبار"}).encode()
        request = urllib.request.Request(url + "/documents", data=doc, method="POST", headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request, timeout=60) as r:
            assert json.load(r)["new"] == 1
        yield url


@pytest.fixture(scope="module")
def driver(base: str) -> Iterator[Any]:
    with browser.chromium() as d:
        yield d


def test_export_the_filtered_view(driver: Any, base: str) -> None:
    load(driver, base + "/ui/events?country=Jordan&type=VISIT&type=MEET")
    links = {a.get_attribute("data-format"): a.get_attribute("href") for a in by_css(driver, "#export a[download]")}
    assert set(links) == {"csv", "jsonl", "plover"}
    shown = int(by_css(driver, "#count b")[0].text)
    with urllib.request.urlopen(links["jsonl"], timeout=20) as r:
        rows = [json.loads(line) for line in r.read().decode().splitlines()]
    assert len(rows) == shown >= 1
    assert all(r["type"] in ("VISIT", "MEET") and "JOR" in (r["source"]["country"], r["target"]["country"])
               for r in rows)


def test_search_a_person_and_open_the_page(driver: Any, base: str) -> None:
    load(driver, base + "/ui/persons")
    box = by_css(driver, "input[name='q']")[0]
    box.send_keys("الصفدي")
    box.submit()
    link = wait_for(driver, "table.persons a")
    assert "Safadi" in link.text or "الصفدي" in driver.page_source
    link.click()
    wait_until(driver, lambda d: "/ui/persons/" in d.current_url)
    wait_for(driver, "table.person-events tbody tr")
    assert "أيمن الصفدي" in by_css(driver, "h1")[0].text
    assert by_css(driver, "table.person-events .badge")


def test_merged_event_shows_every_report(driver: Any, base: str) -> None:
    e = _get(base + "/events?limit=1")["items"][0]
    detail = _get(f"{base}/clusters/{e['cluster_id']}")
    load(driver, f"{base}/ui/documents/{e['document_id']}?event={e['event_id']}")
    by_css(driver, f"#event-{e['event_id']} a[href='/ui/clusters/{e['cluster_id']}']")[0].click()
    wait_for(driver, "#reports li.report")
    reports = by_css(driver, "#reports li.report")
    assert len(reports) == len(detail["reports"])
    assert e["document"]["outlet"] in reports[0].text or any(e["document"]["outlet"] in r.text for r in reports)
    assert by_css(driver, "#reports mark.hl-trigger")


def test_map_is_drawn_and_leads_to_the_country(driver: Any, base: str) -> None:
    load(driver, base + "/ui/map?type=VISIT")
    shaded = wait_for(driver, "svg#world a.country path")
    assert len(by_css(driver, "svg#world path")) > 150
    fill = driver.execute_script("return getComputedStyle(arguments[0]).fill", shaded)
    grey = driver.execute_script("return getComputedStyle(document.querySelector('svg#world path.step-0')).fill")
    assert fill != grey  # a country with events stands out
    link = by_css(driver, "svg#world a.country")[0]
    code = link.get_dom_attribute("data-code")
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", link)
    wait_until(driver, lambda d: "/ui/events" in d.current_url)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query)
    assert query == {"type": ["VISIT"], "country": [code]}
    wait_for(driver, "table.events tbody tr")


def test_undated_events_are_counted(driver: Any, base: str) -> None:
    undated = _get(base + "/events?undated=true")["total"]
    assert undated >= 1
    load(driver, base + "/ui/")
    assert by_css(driver, "#undated-card b")[0].text == str(_get(base + "/stats")["undated"])
    load(driver, base + "/ui/events?from=2023")
    note = by_css(driver, "#undated-note")[0]
    assert note.text.startswith(f"{undated} undated")
    note.find_element("css selector", "a").click()
    wait_until(driver, lambda d: "undated=true" in d.current_url)
    assert by_css(driver, "#count b")[0].text == str(undated)


def test_filters_stay_from_page_to_page(driver: Any, base: str) -> None:
    load(driver, base + "/ui/events?type=VISIT&from=2023")
    link = by_css(driver, "table.events a.pair")[0]
    link.click()
    wait_for(driver, "#timeline svg")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query)
    assert query == {"type": ["VISIT"], "from": ["2023"]}
    assert by_css(driver, "input[name='type'][value='VISIT']:checked")
    by_css(driver, ".unit a")[0].click()  # count every report: the filters go along
    wait_until(driver, lambda d: "unit=mentions" in d.current_url)
    assert "type=VISIT" in driver.current_url and "from=2023" in driver.current_url
    swap = [a for a in by_css(driver, "main a") if a.text.startswith("Swap")][0]
    swap.click()
    wait_until(driver, lambda d: "unit=mentions" in d.current_url and "type=VISIT" in d.current_url)
    wait_for(driver, "#timeline svg")
