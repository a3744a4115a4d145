"""PNG screenshots of every dashboard page, at a laptop's width and a phone's.

    python scripts/screenshots.py docs/screenshots/      # the demo store (the bundled examples)
    python scripts/screenshots.py shots/ --db news.db    # a store of your own

Starts ``rasad serve`` on 127.0.0.1 and drives Debian's headless Chromium
(``apt-get install chromium chromium-driver``) through Selenium. Each page is
captured whole (its full height, up to a cap) as ``NAME-desktop.png`` and
``NAME-phone.png``; ``pair-profile`` is the relationship profile section
alone, of a pair that signed an agreement.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from rasad.web import testing as browser

SIZES = {"desktop": (1366, 860, False), "phone": (390, 844, True)}
MAX_HEIGHT = 5000  # px: a long table is cut here rather than making a huge image
# Captures of one part of a page rather than the whole page: name → CSS selector.
SECTIONS = {"pair-profile": "#profile"}


def pages(base: str) -> dict[str, str]:
    """Page name → path, with ids taken from the store being served."""
    with urllib.request.urlopen(base + "/events?limit=200&sort=date", timeout=10) as r:
        events = json.load(r)["items"]
    out = {"overview": "/ui/", "events": "/ui/events", "network": "/ui/network", "map": "/ui/map",
           "persons": "/ui/persons", "api-docs": "/docs"}
    if events:
        # A document with several events, their evidence overlapping, shows the highlighting best.
        per_doc: dict[int, int] = {}
        for r in events:
            per_doc[r["document_id"]] = per_doc.get(r["document_id"], 0) + 1
        e = max(events, key=lambda r: (per_doc[r["document_id"]], len(r["evidence"]), -r["event_id"]))
        out["events-filtered"] = f"/ui/events?type={e['type']}"
        out["document"] = f"/ui/documents/{e['document_id']}?event={e['event_id']}"
        out["pair"] = f"/ui/pairs/{e['source']['country']}/{e['target']['country']}"
        merged = max(events, key=lambda r: (r.get("cluster_sources") or 0, -r["event_id"]))
        out["merged-event"] = f"/ui/clusters/{merged['cluster_id']}"
        named = [p for r in events for p in r["persons"] if p.get("name_en")]
        if named:
            query = urllib.parse.quote(named[0]["name"])
            out["persons"] = f"/ui/persons?q={query}"
            with urllib.request.urlopen(f"{base}/persons?q={query}", timeout=10) as r:
                found = json.load(r)
            if found:
                out["person"] = f"/ui/persons/{found[0]['person_id']}"
        signed = [r for r in events if r["type"] == "SIGN"]
        if signed:
            # The pair with the most occasions among those that signed something.
            pairs = {tuple(sorted((r["source"]["country"], r["target"]["country"]))) for r in signed}
            a, b = max(pairs, key=lambda p: sum(1 for r in events
                                                if {r["source"]["country"], r["target"]["country"]} == set(p)))
            out["pair-profile"] = f"/ui/pairs/{a}/{b}"
    return out


def capture(driver: Any, url: str, path: Path, width: int, height: int, mobile: bool) -> None:
    browser.set_viewport(driver, width, height, mobile=mobile)
    driver.get(url)
    time.sleep(0.4)  # charts are drawn after DOMContentLoaded; give the layout a moment
    full = int(driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)"))
    browser.set_viewport(driver, width, min(max(full, height), MAX_HEIGHT), mobile=mobile)
    driver.execute_script("window.scrollTo(0, 0)")
    time.sleep(0.3)
    section = SECTIONS.get(path.stem.rsplit("-", 1)[0])
    if section:
        from selenium.webdriver.common.by import By

        driver.find_element(By.CSS_SELECTOR, section).screenshot(str(path))
    else:
        driver.save_screenshot(str(path))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="where to write the PNG files (created if absent)")
    ap.add_argument("--db", help="serve this store instead of the demo store")
    args = ap.parse_args()
    why = browser.missing()
    if why:
        print(f"screenshots: {why}", file=sys.stderr)
        return 2
    args.folder.mkdir(parents=True, exist_ok=True)
    written = []
    with browser.live_server(args.db, log=args.folder / "server.log") as base, browser.chromium() as driver:
        for name, path in pages(base).items():
            for size, (w, h, mobile) in SIZES.items():
                target = args.folder / f"{name}-{size}.png"
                capture(driver, base + path, target, w, h, mobile)
                written.append(target)
    for p in written:
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
