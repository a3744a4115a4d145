"""``rasad serve`` for real: uvicorn on 127.0.0.1, reached over a socket."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from rasad.cli import app
from rasad.web import testing as browser

from .conftest import TOKEN
from .test_api import ARTICLE


@pytest.fixture(scope="module")
def small_limit_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A demo server that takes bodies of at most 64 KiB."""
    log = tmp_path_factory.mktemp("serve-small") / "server.log"
    with browser.live_server(token=TOKEN, log=log, args=["--max-body-mb", "0.0625"]) as url:
        yield url


def _raw_post(base: str, path: str, head: list[str], chunks: list[bytes]) -> tuple[int, bytes, int]:
    """POST over a plain socket; returns (status, body, bytes of the body that were sent before the answer)."""
    where = urlsplit(base)
    sent = 0
    with socket.create_connection((where.hostname or "127.0.0.1", where.port or 80), timeout=20) as s:
        s.sendall(("\r\n".join([f"POST {path} HTTP/1.1", f"Host: {where.netloc}", *head]) + "\r\n\r\n").encode())
        try:
            for c in chunks:
                s.sendall(c)
                sent += len(c)
        except OSError:
            pass  # the server answered and closed while we were still sending: what the limit is for
        data = b""
        try:
            while b"\r\n\r\n" not in data or len(data) < data.index(b"\r\n\r\n") + 4 + _length(data):
                more = s.recv(65536)
                if not more:
                    break
                data += more
        except OSError:
            pass
    head_part, _, body = data.partition(b"\r\n\r\n")
    status = int(head_part.split(b" ", 2)[1])
    return status, body, sent


def _length(data: bytes) -> int:
    for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return 0


def test_declared_length_over_the_limit_is_refused(small_limit_url: str) -> None:
    status, body, _ = _raw_post(small_limit_url, "/analyze",
                                ["Content-Type: application/json", "Content-Length: 10000000"], [])
    assert status == 413
    assert json.loads(body)["error"] == "too_large"


def test_chunked_body_is_refused_while_it_arrives(small_limit_url: str) -> None:
    chunk = b"x" * 8192
    frames = [f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" for _ in range(400)]  # 3.2 MB offered
    status, body, sent = _raw_post(small_limit_url, "/analyze",
                                   ["Content-Type: text/plain", "Transfer-Encoding: chunked",
                                    f"Authorization: Bearer {TOKEN}"], frames)
    assert status == 413
    assert json.loads(body)["error"] == "too_large"
    # The server still answers afterwards.
    with urllib.request.urlopen(small_limit_url + "/stats", timeout=10) as r:
        assert r.status == 200


def test_writes_over_http_need_the_token(live_url: str) -> None:
    doc = json.dumps({"id": "live", "text": ARTICLE, "published": "2024-03-12"}).encode()
    request = urllib.request.Request(live_url + "/documents", data=doc, method="POST",
                                     headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=20)
    assert refused.value.code == 401
    request.add_header("Authorization", f"Bearer {TOKEN}")
    with urllib.request.urlopen(request, timeout=20) as r:
        body = json.load(r)
    assert body["documents"][0]["status"] in ("new", "duplicate")
    pk = body["documents"][0]["document_id"]
    with urllib.request.urlopen(f"{live_url}/documents/{pk}", timeout=20) as r:
        assert json.load(r)["doc_id"] == "live"


def test_served_pages_name_no_other_host(live_url: str) -> None:
    for path in ("/ui/", "/ui/events", "/ui/network", "/docs"):
        with urllib.request.urlopen(live_url + path, timeout=20) as r:
            html = r.read().decode()
            assert r.headers.get("server") is None
        assert "http://" not in html.replace(live_url, "") and "https://" not in html, path


def test_serve_refuses_demo_with_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--demo", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "--demo" in result.output


def test_serve_reports_a_store_it_cannot_open(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "missing" / "x.db")])
    assert result.exit_code == 2
    assert "no such directory" in result.output


def test_browser_tests_skip_without_a_browser_unless_required(monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import REQUIRE_BROWSER, browser_or_skip

    monkeypatch.setattr(browser, "missing", lambda: "chromium is not installed")
    monkeypatch.delenv(REQUIRE_BROWSER, raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        browser_or_skip()
    monkeypatch.setenv(REQUIRE_BROWSER, "1")
    with pytest.raises(pytest.fail.Exception, match="chromium is not installed"):
        browser_or_skip()
