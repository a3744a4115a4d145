"""Fixtures for the API and dashboard tests: a store of the bundled examples, apps over it, a live server.

The example articles go through the real pipeline, so the tests see real
evidence offsets into real Arabic text. Expected results are taken from the
store's own query functions rather than written out, so they stay right
when the pipeline improves.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasad.web import testing as browser

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles.jsonl"
TOKEN = "test-token-0123456789abcdef"
REQUIRE_BROWSER = "RASAD_REQUIRE_BROWSER"
PG_ENV = "RASAD_TEST_PG_URL"


def _build(path: Path) -> str:
    from rasad.web.cli import build_demo_store

    return build_demo_store(path, EXAMPLES)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding the example articles (read-only: tests that write copy it first)."""
    return _build(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def fresh_db(demo_db: str, tmp_path: Path) -> str:
    """A copy of the demo store that a test may write to."""
    target = tmp_path / "demo.db"
    shutil.copyfile(demo_db, target)
    return str(target)


def reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    from rasad.store.db import resolve_url

    engine = create_engine(resolve_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def read_client(request: pytest.FixtureRequest, demo_db: str) -> Iterator[TestClient]:
    """The app over the demo store, writes on (shared by the tests that only read), on each backend.

    PostgreSQL needs RASAD_TEST_PG_URL, a database that may be wiped (``.ci/run`` starts one).
    """
    from rasad.web import create_app
    from rasad.web.cli import build_demo_store

    url = demo_db
    if request.param == "postgresql":
        pg = os.environ.get(PG_ENV)
        if not pg:
            pytest.skip(f"the API tests on PostgreSQL need {PG_ENV} (.ci/run starts a throw-away server and sets it)")
        reset_postgres(pg)
        url = build_demo_store(pg, EXAMPLES)
    with TestClient(create_app(url, token=TOKEN), base_url="http://localhost") as client:
        yield client


@pytest.fixture
def write_client(fresh_db: str) -> Iterator[TestClient]:
    from rasad.web import create_app

    with TestClient(create_app(fresh_db, token=TOKEN), base_url="http://localhost") as client:
        yield client


def browser_or_skip() -> None:
    """Skip when no browser can be driven here, unless CI demands one (then fail)."""
    why = browser.missing()
    if why is None:
        return
    if os.environ.get(REQUIRE_BROWSER) == "1":
        pytest.fail(f"{REQUIRE_BROWSER}=1 but the browser tests cannot run: {why}")
    pytest.skip(f"browser tests need Chromium and its driver: {why}")


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``rasad serve --demo`` on 127.0.0.1 with writes on; its base URL."""
    log = tmp_path_factory.mktemp("serve") / "server.log"
    try:
        with browser.live_server(token=TOKEN, log=log) as url:
            yield url
    except RuntimeError as exc:
        pytest.fail(f"{exc}\n{log.read_text(errors='replace')[-3000:] if log.exists() else ''}")
