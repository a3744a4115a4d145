"""The event store: documents and their events in SQLite or PostgreSQL, merged across outlets.

```python
from rasad.io.sources import read_sources
from rasad.store import EventFilter, Ingestor, open_store, queries

with open_store("news.db") as store:              # or "postgresql://user@host/db"; default $RASAD_DB
    summary = Ingestor(store).ingest(read_sources(["feed.jsonl", "https://agency.example/rss"]))
    rows = queries.find_events(store, EventFilter(pair=("JOR", "EGY"), types=["VISIT"]))
```

``docs/store.md`` describes the schema, the merging rule and its limits.
"""

from __future__ import annotations

import importlib
from typing import Any

# Loaded on first use: ``rasad analyze`` imports the command line, which
# imports this package, and should not pay for SQLAlchemy.
_EXPORTS = {
    "Store": "rasad.store.db", "StoreError": "rasad.store.db", "open_store": "rasad.store.db",
    "resolve_url": "rasad.store.db", "IngestSummary": "rasad.store.ingest", "Ingestor": "rasad.store.ingest",
    "EventFilter": "rasad.store.queries",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    if name in ("queries", "exports", "clusters", "models", "ingest", "db", "migrate", "normal"):
        return importlib.import_module(f"rasad.store.{name}")
    raise AttributeError(f"module 'rasad.store' has no attribute {name!r}")
