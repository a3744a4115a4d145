"""``rasad serve``: the API and the dashboard under uvicorn.

:func:`register` adds the command to the main app. FastAPI and uvicorn are
imported only when the command runs, so the other commands start as fast as
before.
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

PROG = "rasad"
TOKEN_ENV = "RASAD_TOKEN"
MIN_TOKEN = 16  # characters; a shorter token is guessable by anyone who can reach the port


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def demo_articles() -> Path | None:
    """The bundled example articles: beside the package in a source checkout, or in the current folder."""
    for base in (Path(__file__).resolve().parents[3], Path.cwd()):
        path = base / "examples" / "articles.jsonl"
        if path.is_file():
            return path
    return None


def build_demo_store(path: Path | str, articles: Path) -> str:
    """Ingest the example articles into the store at ``path`` (a new SQLite file, or a URL); returns it."""
    from rasad.io.readers import read_documents
    from rasad.store.db import open_store
    from rasad.store.ingest import Ingestor

    with open_store(path) as store:
        summary = Ingestor(store, command="demo").ingest(read_documents([articles]))
    if summary.new == 0:
        raise RuntimeError(f"no example article could be stored from {articles}")
    return str(path)


def serve(
    db: Annotated[str | None, typer.Option(
        "--db", help="The store: a file path or a postgresql:// URL. Default: $RASAD_DB, else ./rasad.db.",
        show_default=False)] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    demo: Annotated[bool, typer.Option(
        "--demo", help="Serve a temporary store holding the bundled example articles (deleted on exit).")] = False,
    max_body_mb: Annotated[float, typer.Option(
        "--max-body-mb", min=0.001, help="Refuse request bodies larger than this many MB.")] = 4.0,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="Another Host name to answer to (a proxy's public name); repeatable. The bound "
                               "address and localhost are always accepted; '*' turns the check off.")] = None,
    cors_origin: Annotated[list[str] | None, typer.Option(
        "--cors-origin", help="An origin whose pages may call the API (https://example.org); repeatable. "
                              "Default: none.")] = None,
    analyze: Annotated[str, typer.Option(
        "--analyze", help="Who may POST /analyze: token (the write token, default), loopback (anyone on this "
                          "machine, no token), off.")] = "token",
    analyze_workers: Annotated[int, typer.Option(
        "--analyze-workers", min=1, max=32, help="Processes that run POST /analyze.")] = 1,
    page_workers: Annotated[int, typer.Option(
        "--page-workers", min=1, max=64, help="Dashboard pages rendered at once; the others wait their turn, "
                                              "so that API reads are not held up.")] = 1,
    analyze_queue: Annotated[int, typer.Option(
        "--analyze-queue", min=1, max=1000, help="Analyses accepted at once per worker, running or waiting; "
                                                 "more are answered 503 with Retry-After.")] = 4,
) -> None:
    """Serve the HTTP API (docs at /docs) and the dashboard (at /).

    Reads are open to anyone who can reach the address. POST /documents and
    POST /analyze need the token in $RASAD_TOKEN (sent as `Authorization:
    Bearer <token>`); without it, writes are off.
    """
    err = _err()
    from rasad.web.analysis import AnalyzeAccess

    try:
        access = AnalyzeAccess(analyze.strip().lower())
    except ValueError:
        err.print(f"{PROG}: error: --analyze must be token, loopback or off, not {analyze!r}", markup=False)
        raise typer.Exit(2) from None
    if demo and db:
        err.print(f"{PROG}: error: --demo serves a temporary store of its own; leave out --db", markup=False)
        raise typer.Exit(2)
    try:
        import uvicorn

        from rasad.store.db import StoreError
        from rasad.web.app import WebOptions, create_app
    except ImportError as exc:
        err.print(f"{PROG}: error: serving needs FastAPI and uvicorn ({exc}): pip install -e .", markup=False)
        raise typer.Exit(2) from None
    token = os.environ.get(TOKEN_ENV) or None
    if token is not None and len(token) < MIN_TOKEN:
        err.print(f"{PROG}: warning: ${TOKEN_ENV} is shorter than {MIN_TOKEN} characters; "
                  "use a long random string", markup=False)
    with ExitStack() as stack:
        url, where = _target(stack, err, db, demo)
        try:
            options = WebOptions(host=host, allowed_hosts=tuple(allowed_host or ()),
                                 cors_origins=tuple(cors_origin or ()), analyze=access,
                                 analyze_workers=analyze_workers, analyze_queue=analyze_queue,
                                 page_workers=page_workers)
            app = create_app(url or None, token=token, max_body=int(max_body_mb * 1024 * 1024), options=options)
        except StoreError as exc:
            err.print(f"{PROG}: error: {exc}", markup=False)
            raise typer.Exit(2) from None
        shown = f"[{host}]" if ":" in host else host
        writes = "on (token from $RASAD_TOKEN)" if token else "off (set $RASAD_TOKEN to allow POST /documents)"
        err.print(f"{PROG}: serving {where} at http://{shown}:{port}/ (API docs at /docs); writes {writes}",
                  markup=False)
        sys.stderr.flush()
        # Hand the interpreter lock over every millisecond rather than every five: a short JSON read
        # then waits less behind the page renders running beside it.
        sys.setswitchinterval(0.001)
        # server_header off: the reply need not say which server software answers.
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False)


def _target(stack: ExitStack, err: Console, db: str | None, demo: bool) -> tuple[str, str]:
    """(store URL, how to name it): the store asked for, or a demo store in a folder removed on exit."""
    from rasad.store.db import StoreError, describe_url, resolve_url

    if not demo:
        return db or "", describe_url(resolve_url(db)).removeprefix("sqlite:///")
    articles = demo_articles()
    if articles is None:
        err.print(f"{PROG}: error: --demo needs examples/articles.jsonl of the rasad source tree "
                  "(run it from the checkout)", markup=False)
        raise typer.Exit(2)
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rasad-demo-")))
    try:
        url = build_demo_store(folder / "demo.db", articles)
    except (StoreError, RuntimeError) as exc:
        err.print(f"{PROG}: error: {exc}", markup=False)
        raise typer.Exit(1) from None
    return url, f"a demo store with the examples of {articles.parent}"


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``rasad`` app."""
    app.command()(serve)
