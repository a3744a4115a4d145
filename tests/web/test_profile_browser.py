"""The pair page's relationship profile in headless Chromium against ``rasad serve --demo``."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from rasad.web import testing as browser

from .conftest import browser_or_skip
from .test_browser import by_css, foreign_requests, load, wait_for, wait_until

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    browser_or_skip()
    with browser.chromium() as d:
        yield d


def test_profile_on_the_pair_page_leads_to_the_evidence(driver: Any, live_url: str) -> None:
    from selenium.webdriver.support import expected_conditions as ec

    with urllib.request.urlopen(live_url + "/pairs/MAR/MRT/profile", timeout=20) as r:
        profile = json.load(r)
    [agreement] = profile["agreements"]
    event_id = agreement["reports"][0]["event_id"]

    browser.set_viewport(driver, 1366, 860, mobile=False)
    load(driver, live_url + "/ui/pairs/MAR/MRT")
    row = wait_for(driver, "#profile table.agreements tbody tr")
    assert "memorandum of understanding" in row.text
    assert [a.text for a in row.find_elements("css selector", ".area")] == ["training", "military medicine"]
    assert by_css(driver, "#profile .card")[0].text.startswith(agreement["date"])
    people = {t.get_attribute("data-side"): t.text for t in by_css(driver, "#profile table.people-table")}
    assert set(people) == {"MAR", "MRT"}
    assert foreign_requests(driver, live_url) == []
    assert driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth") <= 1

    link = row.find_element("css selector", f"a.ev[href='/ui/events/{event_id}']")
    link.click()
    wait_until(driver, ec.staleness_of(link))
    wait_for(driver, "mark.ev.active")
    assert f"event={event_id}" in driver.current_url
    assert "selected" in by_css(driver, f"#event-{event_id}")[0].get_attribute("class")


def test_profile_fits_a_phone(driver: Any, live_url: str) -> None:
    try:
        browser.set_viewport(driver, 390, 844, mobile=True)
        load(driver, live_url + "/ui/pairs/ITA/TUN")
        wait_for(driver, "#profile ul.visit-list li")
        assert "minister" in by_css(driver, "#profile ul.visit-list")[0].text
        assert driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth") <= 1
    finally:
        browser.set_viewport(driver, 1366, 860, mobile=False)
