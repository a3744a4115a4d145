"""``POST /analyze`` work, kept away from the threads that answer reads.

Analysing a long article is seconds of pure-Python CPU. Run on the server's
own threads, it holds the interpreter lock and every read waits behind it
(48 posts of 200 KB made ``GET /events`` wait 9 s). Here analyses run in a
small pool of worker *processes*, each with its own pipeline, and the number
of analyses accepted at once (running plus waiting) is bounded: past that the
server answers 503 with ``Retry-After`` rather than queueing without end.

Who may ask is :class:`AnalyzeAccess`: by default the same bearer token as
``POST /documents``, since a plain-text POST needs no CORS preflight and any
page a user opens could otherwise spend this server's CPU.
"""

from __future__ import annotations

import asyncio
import enum
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any

DEFAULT_WORKERS = 1
DEFAULT_QUEUE = 4  # analyses accepted at once per worker, running or waiting
RETRY_AFTER_S = 5


class AnalyzeAccess(enum.StrEnum):
    """Who may call ``POST /analyze``."""

    TOKEN = "token"  # the write token, as for POST /documents (the default)
    LOOPBACK = "loopback"  # no token, but only from this machine and not from another site's page
    OFF = "off"  # nobody


class PoolBusy(Exception):
    """Every slot of the pool is taken; the client should come back after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the analysis queue is full; retry after {retry_after} s")
        self.retry_after = retry_after


_pipeline: Any = None
TEXT_TYPES = ("text/plain",)


def _warm() -> None:
    """Load the pipeline (knowledge files, matchers) once per worker, before the first request needs it."""
    global _pipeline
    from rasad.pipeline import default_pipeline

    _pipeline = default_pipeline()


def _analyse(body: bytes, ctype: str) -> dict[str, Any]:
    """Parse, check and analyse one request body; in the worker, so that none of it holds up the server.

    Returns ``{"record": …}``, or ``{"invalid": [field, message]}`` for a body that cannot be used
    (exceptions do not always survive the trip between processes).
    """
    from rasad.web.app import parse_analysis_body
    from rasad.web.filters import InvalidInput

    try:
        doc = parse_analysis_body(body, ctype)
    except InvalidInput as exc:
        return {"invalid": [exc.field, exc.message]}
    if _pipeline is None:
        _warm()
    return {"record": _pipeline.run(doc).to_record()}


class AnalysisPool:
    """A bounded pool of analysis processes, started on first use.

    A request first reserves a slot (before its body is even read:
    a full pool costs a refused request almost nothing), then runs.
    """

    def __init__(self, workers: int = DEFAULT_WORKERS, queue: int | None = None) -> None:
        self.workers = max(1, workers)
        self.capacity = self.workers * (queue if queue is not None else DEFAULT_QUEUE)
        self._slots = threading.BoundedSemaphore(self.capacity)
        self._executor: ProcessPoolExecutor | None = None
        self._start_lock = threading.Lock()

    def _pool(self) -> ProcessPoolExecutor:
        with self._start_lock:
            if self._executor is None:
                # forkserver, not fork: the server has threads, and a forked copy of a locked lock never unlocks.
                context = multiprocessing.get_context("forkserver")
                self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_warm)
            return self._executor

    def reserve(self) -> None:
        if not self._slots.acquire(blocking=False):
            raise PoolBusy(RETRY_AFTER_S)

    def release(self) -> None:
        self._slots.release()

    async def run(self, body: bytes, ctype: str) -> dict[str, Any]:
        """Analyse in a worker, with a slot reserved; the slot is freed when the work ends."""
        try:
            future = self._pool().submit(_analyse, body, ctype)
        except BaseException:
            self._slots.release()
            raise
        # Freed when the work ends, not when the client stops waiting: a client that hangs up does
        # not stop the process, so its work still counts against the bound.
        future.add_done_callback(lambda _f: self._slots.release())
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        with self._start_lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None
