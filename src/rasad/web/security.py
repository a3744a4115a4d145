"""What every response carries and every request must show: security headers, a trusted Host, HEAD.

- **Host.** A page on another site can make a browser resolve its own name to
  127.0.0.1 (DNS rebinding) and then read this server as if it were that site;
  the request still carries the other site's name in ``Host``. Only the names
  this server answers to are let through (Starlette's
  ``TrustedHostMiddleware``): by default the address it is bound to,
  ``localhost``, ``127.0.0.1`` and ``[::1]``.
- **Headers.** Every response, JSON, HTML, static file or error alike, says
  not to sniff types, not to send referrers, and not to be framed; each kind
  gets a Content-Security-Policy that allows what it needs and nothing more.
- **CORS** is off unless origins are configured (Starlette's ``CORSMiddleware``).
- **HEAD** is answered for every GET: as the GET, without the body.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Dashboard pages: scripts, styles and requests from this server only.
UI_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
          "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
# Swagger UI and ReDoc start from an inline script and ReDoc runs a worker from a blob; both are our files.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; "
            "base-uri 'none'; form-action 'self'")
# JSON, CSV and the rest: nothing to run, nothing to frame.
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

COMMON_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
DEFAULT_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")


def csp_for(path: str) -> str:
    if path.startswith("/ui"):
        return UI_CSP
    if path.startswith(("/docs", "/redoc")):
        return DOCS_CSP
    return DATA_CSP


def trusted_hosts(bound: str | None, extra: Sequence[str] = ()) -> list[str]:
    """The Host names to accept: the bound address (unless a wildcard), the loopback names, and ``extra``."""
    hosts = list(DEFAULT_HOSTS)
    if bound and bound not in ("0.0.0.0", "::", ""):
        hosts.append(f"[{bound}]" if ":" in bound and not bound.startswith("[") else bound)
    hosts.extend(h.strip() for h in extra if h.strip())
    return list(dict.fromkeys(hosts))


class SecurityHeadersMiddleware:
    """Adds :data:`COMMON_HEADERS` and the path's Content-Security-Policy to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = csp_for(scope.get("path", "")).encode()

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in _REPLACED]
                headers += [(k.encode(), v.encode()) for k, v in COMMON_HEADERS.items()]
                headers.append((b"content-security-policy", csp))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


_REPLACED = {k.encode() for k in COMMON_HEADERS} | {b"content-security-policy"}


class HeadMiddleware:
    """Answer HEAD as GET without the body (FastAPI routes declare GET alone, and would answer 405)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def no_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)


class PageLimitMiddleware:
    """At most ``limit`` dashboard pages are rendered at once; the rest wait their turn without running.

    A page costs several times what a JSON read costs, almost all of it
    Python holding the interpreter lock. With every page a team asks for
    running at once, a cheap ``GET /events`` waits behind all of them; with
    the pages queued here, it shares the processor with ``limit`` of them only.
    """

    def __init__(self, app: ASGIApp, limit: int = 1) -> None:
        import asyncio

        self.app = app
        self._slots = asyncio.Semaphore(limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith("/ui") or path.startswith("/ui/static"):
            await self.app(scope, receive, send)
            return
        async with self._slots:
            await self.app(scope, receive, send)
