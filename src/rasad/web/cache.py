"""Aggregates the dashboard draws, computed once per key however many people ask at once.

The overview, the country list, the network and the map each summarise the
whole store (or a large filtered part of it): on 100,000 events one such
summary takes up to a second of database work. Computing it on every page
load, or once per concurrent request whenever a copy expires, is what made
eight analysts wait seconds. Here:

- **one computation per key**: the first request for a key computes it under
  that key's lock; requests arriving meanwhile wait for that result instead
  of starting their own (single flight);
- **stale while revalidating**: once a value exists, a request after its
  time to live gets the old value at once and one background thread
  recomputes it, so no page load waits for a whole-store scan after the
  first;
- **writes invalidate**: :meth:`SharedCache.invalidate` (called after the
  API stores documents) bumps a generation; older values are recomputed on
  their next use rather than served for their remaining lifetime.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")
log = logging.getLogger("rasad.web")

DEFAULT_TTL = 30.0  # seconds a summary is served before it is refreshed in the background
MAX_KEYS = 512  # filtered summaries are keyed by their filters: bound how many are kept


@dataclass
class _Entry:
    lock: threading.Lock = field(default_factory=threading.Lock)
    value: Any = None
    made_at: float = -1.0  # monotonic time of the value; -1: none yet
    generation: int = -1
    refreshing: bool = False


class SharedCache:
    """Single-flight, stale-while-revalidate cache of computed values (thread-safe)."""

    def __init__(self, ttl: float = DEFAULT_TTL, max_keys: int = MAX_KEYS) -> None:
        self.ttl = ttl
        self.max_keys = max_keys
        self._entries: dict[Hashable, _Entry] = {}
        self._guard = threading.Lock()
        self._generation = 0
        self.computations = 0  # how many times a value was computed (tests and the benchmark read it)

    def invalidate(self) -> None:
        with self._guard:
            self._generation += 1

    def _entry(self, key: Hashable) -> _Entry:
        with self._guard:
            entry = self._entries.get(key)
            if entry is None:
                if len(self._entries) >= self.max_keys:
                    # Drop the oldest values; their keys are recomputed when asked again.
                    for old in sorted(self._entries, key=lambda k: self._entries[k].made_at)[: self.max_keys // 4]:
                        del self._entries[old]
                entry = self._entries[key] = _Entry()
            return entry

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        if self.ttl <= 0:  # caching off: every request computes (and sees the store as it is)
            return make()
        entry = self._entry(key)
        generation = self._generation
        if entry.made_at >= 0 and entry.generation == generation:
            if time.monotonic() - entry.made_at >= self.ttl:
                self._refresh_in_background(entry, make)
            return entry.value
        with entry.lock:
            # Another request may have computed it while this one waited for the lock.
            if entry.made_at >= 0 and entry.generation == generation:
                return entry.value
            self._compute(entry, make, generation)
            return entry.value

    def _compute(self, entry: _Entry, make: Callable[[], Any], generation: int) -> None:
        value = make()
        self.computations += 1
        entry.value, entry.made_at, entry.generation = value, time.monotonic(), generation

    def _refresh_in_background(self, entry: _Entry, make: Callable[[], Any]) -> None:
        with self._guard:
            if entry.refreshing:
                return
            entry.refreshing = True
        generation = self._generation

        def run() -> None:
            try:
                with entry.lock:
                    self._compute(entry, make, generation)
            except Exception:  # the old value stays; the next request after the TTL tries again
                log.exception("refreshing a cached summary failed")
            finally:
                entry.refreshing = False

        threading.Thread(target=run, name="rasad-cache-refresh", daemon=True).start()
