"""The HTTP API and the dashboard over the event store (``rasad serve``).

```python
from rasad.web import create_app

app = create_app("news.db", token="a long random string")   # token=None: reads only
```

``docs/web.md`` lists the endpoints, the limits and the dashboard's pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(*args: Any, **kwargs: Any) -> FastAPI:
    """See :func:`rasad.web.app.create_app` (imported on first use: FastAPI is not needed by the other commands)."""
    from rasad.web.app import create_app as _create_app

    return _create_app(*args, **kwargs)
