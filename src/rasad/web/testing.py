"""Headless Chromium and a live server, for the browser tests, the screenshots and the API benchmark.

Uses Debian's ``chromium`` and ``chromium-driver`` through Selenium (``pip
install -e ".[dev]"``); nothing here downloads a browser. The server is
``rasad serve`` in a subprocess on 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMEDRIVER = ("/usr/bin/chromedriver",)
# No network beyond what the page asks of our server, no first-run work, no sandbox (CI runs as root).
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         "--disable-default-apps", "--hide-scrollbars", "--lang=en-GB")


def _first(paths: Sequence[str], name: str) -> str | None:
    for p in paths:
        if os.access(p, os.X_OK):
            return p
    return shutil.which(name)


def missing() -> str | None:
    """Why a browser cannot be driven here, or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    if _first(CHROMIUM, "chromium") is None:
        return "chromium is not installed (apt-get install chromium chromium-driver)"
    if _first(CHROMEDRIVER, "chromedriver") is None:
        return "chromedriver is not installed (apt-get install chromium-driver)"
    return None


@contextmanager
def chromium(width: int = 1366, height: int = 900) -> Iterator[Any]:
    """A headless Chromium with a fresh profile, removed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="rasad-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = _first(CHROMIUM, "chromium") or CHROMIUM[0]
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    service = Service(executable_path=_first(CHROMEDRIVER, "chromedriver") or CHROMEDRIVER[0])
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver: Any, width: int, height: int, *, mobile: bool = False) -> None:
    """Lay the page out at ``width`` × ``height`` CSS pixels (a phone: touch, scale 2)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(db: str | None = None, *, token: str | None = None, timeout: float = 60.0,
                log: Path | None = None, args: Sequence[str] = ()) -> Iterator[str]:
    """``rasad serve`` on 127.0.0.1 (``--demo`` unless ``db`` is given); yields its base URL."""
    port = free_port()
    cmd = [sys.executable, "-m", "rasad.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--db", db] if db else ["--demo"]
    cmd += list(args)
    env = {k: v for k, v in os.environ.items() if k != "RASAD_TOKEN"}
    if token:
        env["RASAD_TOKEN"] = token
    out = log.open("wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"rasad serve exited with status {proc.returncode}"
                                   + (f"; see {log}" if log else ""))
            try:
                with urllib.request.urlopen(base + "/stats", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"rasad serve did not answer on {base} within {timeout:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        if log and hasattr(out, "close"):
            out.close()
