"""A time budget per document: the last line of defence against input that is too slow.

Cost should grow linearly with a document's size; when some input still finds
a slow path, one document must not stall a batch of thousands. The analysis of
a document runs under a timer; when it fires, :class:`TooSlow` is raised inside
whichever stage is running, the document is reported as skipped and the batch
goes on.

Why a timer signal, not a worker process or checks between stages: the slow
path is one stage working for minutes, so a deadline looked at between stages
would be looked at too late; a worker process per batch would stop it, but
costs a copy of every document and its analysis across a pipe and a process
restart after each kill, and the commands already fan out to processes of
their own. A ``SIGALRM`` timer interrupts the running Python code at the next
bytecode, costs two system calls per document and leaves nothing behind: the
pipeline keeps no state between documents that an interruption could spoil.
It needs the main thread of a POSIX process (as the command line and its
worker processes are); elsewhere (a web server's thread pool, Windows) the
document runs without a budget, and the API's size limits bound it instead.
"""

from __future__ import annotations

import math
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TypeVar

T = TypeVar("T")

DEFAULT_SECONDS = 60.0


class TooSlow(BaseException):
    """The document's analysis ran past its budget.

    A ``BaseException``, as ``KeyboardInterrupt`` is, so that no ``except
    Exception`` inside a stage can swallow it.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"too slow: not analysed within the budget of {seconds:g} s per document")
        self.seconds = seconds

    @property
    def reason(self) -> str:
        return str(self)


class Enforcement(StrEnum):
    """How a budget is held to in this process and thread."""

    timer = "timer"  # SIGALRM interrupts the analysis
    none = "none"  # no budget asked for, or no signals here (a thread, Windows)


def enforcement(seconds: float | None) -> Enforcement:
    if not seconds or not math.isfinite(seconds) or seconds <= 0:
        return Enforcement.none
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return Enforcement.none
    return Enforcement.timer


@contextmanager
def time_budget(seconds: float | None) -> Iterator[Enforcement]:
    """Raise :class:`TooSlow` in the body when it runs longer than ``seconds``."""
    how = enforcement(seconds)
    if how is Enforcement.none:
        yield how
        return
    assert seconds is not None

    def expire(signum: int, frame: object) -> None:
        raise TooSlow(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield how
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def within(seconds: float | None, work: Callable[[], T]) -> T:
    """``work()`` under a budget of ``seconds`` (None or 0: no budget); raises :class:`TooSlow`."""
    with time_budget(seconds):
        return work()
