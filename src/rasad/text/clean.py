"""Characters no output or database can hold, replaced on the way in.

A JSON string may carry a lone surrogate (``"\\ud800"``), which no UTF-8
writer can encode, and NUL, which PostgreSQL refuses in text and SQLite keeps.
Both become U+FFFD REPLACEMENT CHARACTER, one character for one, so every
offset into the text stays where it was and the same document is the same text
in a file, in SQLite and in PostgreSQL.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with NUL and lone surrogates replaced by U+FFFD (same length)."""
    return _UNSTORABLE.sub(REPLACEMENT, text)


def clean_optional(text: str | None) -> str | None:
    return None if text is None else clean_text(text)
