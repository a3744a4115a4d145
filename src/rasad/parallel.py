"""Run a per-document task in worker processes and hand the results back in input order.

Used by ``analyze``, ``explain``, ``ingest`` and ``reprocess`` (``--workers N``).
The task is a picklable callable sent to each worker once, when the worker
starts, so the pipeline and its knowledge files are loaded once per process.

Memory stays bounded whatever the input's size: the input is read in chunks
and at most ``3 × workers`` chunks are in flight; the next chunk is read only
when the oldest one has been handed back. A task that raises for one document
yields a :class:`TaskError` for that document and the batch goes on. Workers
ignore Ctrl-C, which the parent alone handles: it stops reading, cancels what
is queued, has each worker stop after the document in hand and raises
``KeyboardInterrupt`` to its caller as before.

Small inputs (fewer than two chunks of documents) run in the calling process:
starting workers would cost more than it saves.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from rasad.io.readers import Item, Line
from rasad.model import Document

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 32
IN_FLIGHT_PER_WORKER = 3


def default_workers() -> int:
    """The CPUs this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class TaskError:
    """The task raised for this document; ``reason`` is what the skip line says.

    ``doc_id`` names the document when only the task knew it (a line parsed in the
    worker, see :class:`ParsingLines`); else it is empty and the caller's item names it.
    """

    reason: str
    doc_id: str = ""


def error_of(exc: BaseException) -> TaskError:
    return TaskError(f"internal error ({type(exc).__name__}: {exc})")


def apply_task(task: Callable[[Document], R], doc: Document) -> R | TaskError:
    from rasad.budget import TooSlow

    try:
        return task(doc)
    except TooSlow as exc:  # over its time budget (rasad.budget): skipped, the batch goes on
        return TaskError(exc.reason)
    except Exception as exc:  # one bad document must not end a batch of thousands
        return error_of(exc)


# -- the worker side: one task per process, set when the process starts ------------

_task: Callable[[Document], Any] | None = None
_stop: Any = None  # the parent's "stop" (a multiprocessing Event): set when it is interrupted


def _start_worker(task: Callable[[Document], Any], lifeline: Connection, stop: Any) -> None:
    global _task, _stop
    # Ctrl-C reaches the whole process group; only the parent decides what it means.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(lifeline,), daemon=True).start()
    _task, _stop = task, stop
    warm = getattr(task, "warm", None)
    if callable(warm):
        warm()


def _exit_with_parent(lifeline: Connection) -> None:
    """Wait for the parent's end of the lifeline to close, which happens however the parent ends
    (kill -9 included), and end this worker then: an orphan would hold the parent's output open."""
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv()
    os._exit(1)


def _run_chunk(docs: list[Any]) -> list[Any]:
    assert _task is not None, "worker started without a task"
    out = []
    for d in docs:
        if _stop is not None and _stop.is_set():  # the parent was interrupted: nobody reads the rest
            out.extend([TaskError("interrupted")] * (len(docs) - len(out)))
            break
        out.append(apply_task(_task, d))
    return out


# -- the parent side -------------------------------------------------------------------


@dataclass(slots=True)
class _Chunk(Generic[T]):
    items: list[T]
    docs: list[Document]
    future: Future[list[Any]] | None = None


def ordered_map(task: Callable[[Document], R], items: Iterable[T], *, workers: int,
                document: Callable[[T], Document | None],
                chunk: int = CHUNK) -> Iterator[tuple[T, R | TaskError | None]]:
    """``(item, task(document(item)))`` for every item, in input order.

    ``document`` picks the document to run the task on out of an item; items
    for which it returns None (read errors, say) are passed through with None,
    in their place.
    """
    it = iter(items)
    head = list(islice(it, chunk * 2))
    if workers <= 1 or len(head) < chunk * 2:  # the whole input is in ``head``: a small one
        yield from _serial(task, head, it, document)
        return
    yield from _pooled(task, head, it, document, workers, chunk)


def _serial(task: Callable[[Document], R], head: list[T], rest: Iterator[T],
            document: Callable[[T], Document | None]) -> Iterator[tuple[T, R | TaskError | None]]:
    for source in (head, rest):
        for item in source:
            doc = document(item)
            yield item, (None if doc is None else apply_task(task, doc))


def _context() -> Any:
    # forkserver: workers start from a clean process, not a copy of one that may run
    # threads (the progress display) or hold open database connections.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _pooled(task: Callable[[Document], R], head: list[T], rest: Iterator[T],
            document: Callable[[T], Document | None], workers: int,
            chunk: int) -> Iterator[tuple[T, R | TaskError | None]]:
    def chunks() -> Iterator[_Chunk[T]]:
        for src in (iter(head), rest):
            while batch := list(islice(src, chunk)):
                yield _Chunk(batch, [d for d in map(document, batch) if d is not None])

    pending: deque[_Chunk[T]] = deque()
    feed = chunks()
    ctx = _context()
    lifeline, keep = ctx.Pipe(duplex=False)  # the workers read; only this process holds ``keep``
    stop = ctx.Event()
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_start_worker,
                               initargs=(task, lifeline, stop))
    finished = False
    try:
        for c in islice(feed, workers * IN_FLIGHT_PER_WORKER):
            pending.append(_submit(pool, c))
        while pending:
            c = pending.popleft()
            results = _results(c)
            nxt = next(feed, None)
            if nxt is not None:
                pending.append(_submit(pool, nxt))
            yield from _merge(c, results, document)
        finished = True
    finally:
        _close(pool, stop, keep, finished)


def _close(pool: ProcessPoolExecutor, stop: Any, lifeline: Connection, finished: bool) -> None:
    """Shut the pool down; interrupted (Ctrl-C, a closed pipe, a stop request), drop the queued
    chunks and have the workers end theirs after the document in hand.

    The workers are let finish rather than killed: one killed while it writes a result leaves
    the pool's reading thread waiting for the rest of that message, and this process hung
    at exit. Closing the lifeline ends any worker still there (a second Ctrl-C during the wait)."""
    try:
        if not finished:
            stop.set()
        pool.shutdown(wait=True, cancel_futures=not finished)
    finally:
        lifeline.close()


def _submit(pool: ProcessPoolExecutor, c: _Chunk[T]) -> _Chunk[T]:
    if c.docs:
        try:
            c.future = pool.submit(_run_chunk, c.docs)
        except BrokenProcessPool as exc:
            c.future = Future()
            c.future.set_exception(exc)
    return c


def _results(c: _Chunk[T]) -> list[Any]:
    if c.future is None:
        return []
    try:
        return c.future.result()
    except BrokenProcessPool:
        # A worker died (killed, out of memory): its documents fail, and so will the
        # rest, each with this reason, rather than hang or lose track of them.
        return [TaskError("internal error (a worker process died)")] * len(c.docs)


def _merge(c: _Chunk[T], results: list[Any], document: Callable[[T], Document | None]
           ) -> Iterator[tuple[T, Any]]:
    done = iter(results)
    for item in c.items:
        yield item, (None if document(item) is None else next(done))


# -- the tasks of the commands ------------------------------------------------------------


class Records:
    """A document's output record (``Analysis.to_record()``), for ``rasad analyze``; each analysis
    within ``time_budget`` seconds (:mod:`rasad.budget`), run where the task runs.

    With ``encode`` the record comes back as its JSON line (:func:`rasad.io.writers.encode_record`):
    encoding it where it was made spares the process that writes the output both the
    unpickling of a nested record and its encoding, which would otherwise keep that process
    busy beside the workers.
    """

    def __init__(self, time_budget: float | None = None, *, encode: bool = False) -> None:
        self.time_budget = time_budget
        self.encode = encode

    def warm(self) -> None:
        from rasad.pipeline import default_pipeline

        default_pipeline()

    def analyse(self, doc: Document) -> Any:
        from rasad.budget import within
        from rasad.pipeline import default_pipeline

        pipeline = default_pipeline()
        return within(self.time_budget, lambda: pipeline.run(doc))

    def __call__(self, doc: Document) -> dict[str, Any] | str:
        record = self.analyse(doc).to_record()
        if not self.encode:
            return record
        from rasad.io.writers import encode_record

        return encode_record(record)


class Explanations(Records):
    """A document's explanation, for ``rasad explain``."""

    def __call__(self, doc: Document) -> dict[str, Any]:
        from rasad.explain import explain

        return explain(self.analyse(doc))


class ParsingLines(Generic[R]):
    """``task`` for items that may be JSONL lines not yet parsed (:class:`rasad.io.readers.Line`):
    the line is parsed where the task runs, so the process reading the input only reads.

    A line that does not hold a usable document gives its :class:`~rasad.io.readers.ReadError`
    as the result; a document the task fails on gives a :class:`TaskError` that names it.
    """

    def __init__(self, task: Callable[[Document], R], parse: Callable[[Line], Item]) -> None:
        self.task = task
        self.parse = parse

    def warm(self) -> None:
        warm = getattr(self.task, "warm", None)
        if callable(warm):
            warm()

    def __call__(self, item: Document | Line) -> R | Item | TaskError:
        doc = self.parse(item) if isinstance(item, Line) else item
        if not isinstance(doc, Document):  # a ReadError
            return doc
        result = apply_task(self.task, doc)
        return TaskError(result.reason, doc.id) if isinstance(result, TaskError) else result
