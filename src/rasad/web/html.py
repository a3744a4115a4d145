"""Small pieces of the pages' markup, built in Python for the tables' rows.

A table of 50 events called a dozen Jinja macros per row, and a macro call
costs far more than a function call: these few pieces were most of the time
a page took to render. Every value is escaped (``markupsafe``) as Jinja's
autoescaping would.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from rasad.web import data

_DIRECTED = ("VISIT", "MIL_AID")
_ROLE_TITLES = {"trigger": "trigger · الفعل", "source": "source · المصدر", "target": "target · الهدف"}


def country(code: str | None) -> Markup:
    en, ar = data.country_name(code)
    title = f"{en} · {ar}" if ar else en
    return Markup(f'<abbr class="cc" title="{escape(title)}">{escape(code or "")}</abbr>')


def side(s: dict[str, Any]) -> Markup:
    out = country(s.get("country"))
    if s.get("sector"):
        out += Markup(f'<span class="sector">/{escape(s["sector"])}</span>')
    return out


def type_badge(t: str) -> Markup:
    en, ar = data.TYPE_LABELS.get(t, (t, ""))
    return Markup(f'<span class="badge t-{escape(t)}" title="{escape(en)} · {escape(ar)}">{escape(en)}</span>')


def pair_link(r: dict[str, Any], pq: str = "") -> Markup:
    arrow = " → " if r["type"] in _DIRECTED else " – "
    href = f"/ui/pairs/{r['source']['country']}/{r['target']['country']}" + (f"?{pq}" if pq else "")
    return Markup(f'<a class="pair" href="{escape(href)}">{side(r["source"])}{arrow}{side(r["target"])}</a>')


def _window(pieces: list[dict[str, str]], limit: int) -> list[dict[str, str]]:
    """About ``limit`` characters of the sentence, from a little before its first mark, cut with "…"."""
    text_len = sum(len(p["text"]) for p in pieces)
    if text_len <= limit:
        return pieces
    first = 0
    for p in pieces:
        if p["role"]:
            break
        first += len(p["text"])
    start = max(0, min(first - 40, text_len - limit))
    end = start + limit
    out, pos = [], 0
    for p in pieces:
        lo, hi = max(start, pos), min(end, pos + len(p["text"]))
        if lo < hi:
            out.append({"text": p["text"][lo - pos:hi - pos], "role": p["role"]})
        pos += len(p["text"])
    if start > 0:
        out.insert(0, {"text": "… ", "role": ""})
    if end < text_len:
        out.append({"text": " …", "role": ""})
    return out


def evidence(record: dict[str, Any], limit: int | None = None) -> Markup:
    """The evidence sentence with its trigger and sides marked (:func:`rasad.web.data.highlight`), cut to
    about ``limit`` characters around the first mark when given."""
    pieces = data.highlight(record)
    if limit:
        pieces = _window(pieces, limit)
    parts: list[str] = []
    for p in pieces:
        if p["role"]:
            role = p["role"]
            parts.append(f'<mark class="hl-{role}" title="{_ROLE_TITLES[role]}">{escape(p["text"])}</mark>')
        else:
            parts.append(str(escape(p["text"])))
    return Markup('<span class="sentence" lang="ar" dir="rtl">' + "".join(parts) + "</span>")


def persons(r: dict[str, Any], ids: dict[tuple[str, str | None], int] | None = None) -> Markup:
    """The event's officials, each a link to their page when ``ids`` knows them."""
    out = []
    for p in r.get("persons", []):
        label = escape(p.get("name_en") or p["name"])
        title = escape(p.get("role") or "")
        pid = (ids or {}).get((p["name"], p.get("country")))
        if pid:
            out.append(f'<a class="person" href="/ui/persons/{pid}" title="{title}">{label}</a>')
        else:
            out.append(f'<span class="person" title="{title}">{label}</span>')
    return Markup(", ".join(out))
