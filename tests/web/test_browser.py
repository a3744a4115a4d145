"""The dashboard in a real browser: headless Chromium (Debian's) driven by Selenium against ``rasad serve --demo``.

Skipped when Chromium or its driver is absent, unless RASAD_REQUIRE_BROWSER=1
(``.ci/run`` sets it after installing them), which turns the skip into a failure.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from rasad.web import testing as browser

try:
    from selenium.webdriver.support import expected_conditions as ec
except ImportError:  # the tests skip (or fail, in CI) in the driver fixture with the reason
    ec = None

from .conftest import browser_or_skip

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    browser_or_skip()
    with browser.chromium() as d:
        yield d


@pytest.fixture(scope="module")
def base(driver: Any, live_url: str) -> str:
    return live_url


@pytest.fixture(scope="module")
def events(base: str) -> list[dict[str, Any]]:
    with urllib.request.urlopen(base + "/events?limit=200", timeout=20) as r:
        return json.load(r)["items"]


def by_css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def wait_for(driver: Any, selector: str, timeout: float = 10) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, selector)))


def wait_until(driver: Any, condition: Any, timeout: float = 10) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def load(driver: Any, url: str) -> None:
    driver.get(url)
    wait_for(driver, "body")


def foreign_requests(driver: Any, base: str) -> list[str]:
    names = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [n for n in names if not n.startswith(base)]


def test_each_page_loads_and_draws(driver: Any, base: str, events: list[dict[str, Any]]) -> None:
    e = events[0]
    pages = {
        "/ui/": "[data-chart='timeline'] svg rect.bar",
        "/ui/events": "table.events tbody tr",
        "/ui/network": "#network svg a.node circle",
        f"/ui/pairs/{e['source']['country']}/{e['target']['country']}": "#timeline svg rect.bar",
        f"/ui/documents/{e['document_id']}?event={e['event_id']}": "mark.ev.active",
    }
    for path, drawn in pages.items():
        load(driver, base + path)
        assert wait_for(driver, drawn), path
        assert driver.title.endswith("· rasad"), path
        assert foreign_requests(driver, base) == [], path
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (path, overflow)


def test_filter_the_table(driver: Any, base: str, events: list[dict[str, Any]]) -> None:
    load(driver, base + "/ui/events")
    assert len(by_css(driver, "table.events tbody tr")) == min(len(events), 50)
    wanted = events[-1]["type"]
    old_table = by_css(driver, "table.events")[0]
    by_css(driver, f"input[name='type'][value='{wanted}']")[0].click()
    by_css(driver, "#filters button[type='submit']")[0].click()
    wait_until(driver, ec.staleness_of(old_table))  # the new page, not the old one with the box ticked
    wait_for(driver, f"input[name='type'][value='{wanted}']:checked")
    expected = [r for r in events if r["type"] == wanted]
    assert len(expected) >= 1

    from selenium.common.exceptions import WebDriverException

    def filtered_rows(d: Any) -> bool:
        # read the rows afresh each time: the page may still be replacing the table
        try:
            rows = d.find_elements("css selector", "table.events tbody tr")
            return len(rows) == len(expected) and all(
                r.find_elements("css selector", f".badge.t-{wanted}") for r in rows)
        except WebDriverException:
            return False

    wait_until(driver, filtered_rows)
    assert by_css(driver, "#count b")[0].text == str(len(expected))
    assert f"type={wanted}" in driver.current_url

    # A filter that matches nothing says so; an invalid one says why.
    load(driver, base + "/ui/events?person=" + "nobody%20at%20all")
    assert "No event matches" in driver.page_source
    load(driver, base + "/ui/events?from=someday")
    assert "Invalid filter" in by_css(driver, "[role='alert']")[0].text


def test_open_an_event_and_see_its_evidence(driver: Any, base: str, events: list[dict[str, Any]]) -> None:
    # The event whose document has the most events: its evidence must stand out from the others'.
    per_doc: dict[int, int] = {}
    for r in events:
        per_doc[r["document_id"]] = per_doc.get(r["document_id"], 0) + 1
    target = max(events, key=lambda r: (per_doc[r["document_id"]], -r["event_id"]))
    load(driver, base + "/ui/events?sort=id")
    link = by_css(driver, f"tr[data-event='{target['event_id']}'] a.open")[0]
    link.click()
    wait_until(driver, ec.staleness_of(link))
    wait_for(driver, "mark.ev.active")
    assert f"/ui/documents/{target['document_id']}" in driver.current_url

    text_box = by_css(driver, "#doc-text")[0]
    assert driver.execute_script("return getComputedStyle(arguments[0]).direction", text_box) == "rtl"
    assert text_box.find_element("xpath", "ancestor::*[@lang='ar'][1]").get_attribute("dir") == "rtl"
    active = by_css(driver, "mark.ev.active")
    highlighted = " ".join(m.text for m in active)
    assert highlighted and set(highlighted.split()) <= set(target["evidence_text"].split())
    # Highlighted means visibly so: a background that is not transparent.
    bg = driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", active[0])
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    record = by_css(driver, f"#event-{target['event_id']}")[0]
    assert "selected" in record.get_attribute("class")
    assert target["type"] in record.text or record.find_elements("css selector", f".badge.t-{target['type']}")
    assert record.get_attribute("dir") is None or record.find_element("xpath", "ancestor::aside").get_attribute(
        "dir") == "ltr"

    # Choosing another event's record moves the highlight to its evidence.
    others = [r for r in events if r["document_id"] == target["document_id"] and r["event_id"] != target["event_id"]]
    if others:
        other = others[0]
        # The badge, not the heading's middle: that is the pair link, which leaves the page.
        by_css(driver, f"#event-{other['event_id']} h3 .badge")[0].click()
        active = by_css(driver, "mark.ev.active")
        assert active and all(str(other["event_id"]) in m.get_attribute("data-events").split() for m in active), (
            driver.current_url)
        assert "selected" in by_css(driver, f"#event-{other['event_id']}")[0].get_attribute("class")


def test_open_a_pair_timeline(driver: Any, base: str) -> None:
    load(driver, base + "/ui/")
    link = by_css(driver, "ol.pairs li a")[0]
    href = link.get_attribute("href")
    link.click()
    wait_until(driver, ec.staleness_of(link))
    wait_for(driver, "#timeline svg")
    assert driver.current_url == href
    a, b = href.rstrip("/").split("/")[-2:]
    with urllib.request.urlopen(f"{base}/pairs/{a}/{b}/timeline", timeout=20) as r:
        line = json.load(r)
    bars = by_css(driver, "#timeline svg rect.bar")
    assert len(bars) == sum(1 for m in line["months"] for t in m["counts"] if m["counts"][t])
    assert by_css(driver, "#timeline svg path.gold")
    assert len(by_css(driver, "#timeline svg g.month")) == len(line["months"])
    assert by_css(driver, "table.events tbody tr")


def test_network_links_to_pairs_and_countries(driver: Any, base: str) -> None:
    with urllib.request.urlopen(base + "/countries", timeout=20) as r:
        countries = json.load(r)
    load(driver, base + "/ui/network")
    wait_for(driver, "#network svg a.node")
    assert len(by_css(driver, "#network svg a.node")) == min(len(countries), 40)
    edge = by_css(driver, "#network svg a.edge")[0]
    href = edge.get_dom_attribute("href")
    assert href.startswith("/ui/pairs/")
    edge.click()
    wait_until(driver, ec.staleness_of(edge))
    wait_for(driver, "#timeline svg")
    assert driver.current_url == base + href
    load(driver, base + "/ui/network")
    node = wait_for(driver, "#network svg a.node")
    code = node.get_dom_attribute("data-code")
    node.click()
    wait_until(driver, ec.staleness_of(node))
    wait_for(driver, "table.events")
    assert driver.current_url == f"{base}/ui/events?country={code}"


def test_phone_width(driver: Any, base: str, events: list[dict[str, Any]]) -> None:
    e = events[0]
    try:
        browser.set_viewport(driver, 390, 844, mobile=True)
        for path in ("/ui/", "/ui/events", f"/ui/documents/{e['document_id']}?event={e['event_id']}",
                     f"/ui/pairs/{e['source']['country']}/{e['target']['country']}", "/ui/network"):
            load(driver, base + path)
            overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (path, overflow)
        # The document's text and its records stack: the records come below the text.
        load(driver, base + f"/ui/documents/{e['document_id']}?event={e['event_id']}")
        text_box, records = by_css(driver, "article.doc")[0], by_css(driver, "aside.records")[0]
        assert records.location["y"] > text_box.location["y"] + text_box.size["height"] - 1
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_api_docs_render_offline(driver: Any, base: str) -> None:
    load(driver, base + "/docs")
    title = wait_for(driver, ".swagger-ui .info .title", timeout=20)
    assert "rasad" in title.text
    assert by_css(driver, ".opblock-summary-path")
    assert foreign_requests(driver, base) == []
