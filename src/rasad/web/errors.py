"""Error answers: a JSON object for the API, an HTML page under ``/ui``.

API errors are ``{"error", "message", "details"}``; a person who follows a
bad link in the dashboard gets a page in the dashboard's layout instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from rasad.web.analysis import PoolBusy
from rasad.web.filters import InvalidInput

log = logging.getLogger("rasad.web")

ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type", 422: "invalid",
               500: "internal", 503: "busy"}
_TITLES = {400: "Bad request", 401: "Not signed in", 403: "Not allowed", 404: "Not found",
           405: "Method not allowed", 413: "Too large", 422: "Invalid input", 500: "Server error",
           503: "Busy"}

# (request, status, title, message) -> an HTML page; set by the dashboard when it is mounted.
HtmlErrorPage = Callable[[Request, int, str, str], Response]


def error_json(status: int, message: str, details: list[dict[str, Any]] | None = None,
               headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": ERROR_CODES.get(status, "error"), "message": message, "details": details or []}
    return JSONResponse(body, status_code=status, headers=headers)


def _answer(request: Request, status: int, message: str, details: list[dict[str, Any]] | None = None,
            headers: dict[str, str] | None = None) -> Response:
    page: HtmlErrorPage | None = getattr(request.app.state, "html_error", None)
    path = request.url.path
    if page is not None and (path == "/ui" or path.startswith("/ui/")):
        response = page(request, status, _TITLES.get(status, "Error"), message)
        response.headers.update(headers or {})
        return response
    return error_json(status, message, details, headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else ERROR_CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = "no such page or endpoint (the API is described at /docs)"
        if exc.status_code == 405:
            message = "this method is not allowed here"
        return _answer(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = []
        for e in exc.errors():
            loc = [str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body", "header")]
            msg = e.get("msg", "invalid")
            if e.get("type") == "json_invalid":
                msg = f"the body is not valid JSON ({e.get('ctx', {}).get('error', 'decode error')})"
            details.append({"field": ".".join(loc) or None, "message": msg})
        summary = "; ".join(f"{d['field']}: {d['message']}" if d["field"] else d["message"] for d in details)
        return _answer(request, 422, f"invalid input: {summary}", details)

    @app.exception_handler(InvalidInput)
    async def invalid_input(request: Request, exc: InvalidInput) -> Response:
        detail: dict[str, Any] = {"field": exc.field, "message": exc.message}
        if exc.suggestions:
            detail["suggestions"] = exc.suggestions
        return _answer(request, 422, f"invalid input: {exc.field}: {exc.message}", [detail])

    @app.exception_handler(PoolBusy)
    async def busy(request: Request, exc: PoolBusy) -> Response:
        return _answer(request, 503, str(exc), headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error", exc_info=exc)
        return _answer(request, 500, "internal error; the server log has the details")
