"""Input checks every route shares, so no handler has to repeat them and bad input never reaches the database:

- `RejectNulMiddleware` (pure ASGI): a NUL character (PostgreSQL cannot store it in text) in the path, the query
  string, a JSON body or a form body answers 422 problem+json before any route runs. Multipart bodies (file uploads)
  are not buffered here; their text fields that reach the database are covered by the `DataError` handler.
- `reject_unknown_query_params` (a dependency of the API router): a query parameter the route does not declare
  answers 422 (a misspelt filter must not silently return the unfiltered list).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import FieldError, Unprocessable, problem_response

NUL = "\x00"
# Bodies larger than this are passed through unchecked (the routes' own size limits apply).
MAX_CHECKED_BODY = 2 * 1024 * 1024
NUL_MESSAGE = "Недопустимый символ (NUL, код 0)"


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _nul_problem(field: str) -> Any:
    return problem_response(
        422,
        "validation_error",
        "Ошибка в данных",
        "Запрос содержит недопустимый символ (NUL)",
        [FieldError(field=field, message=NUL_MESSAGE, code="nul_character")],
    )


def _query_field_with_nul(query_string: bytes) -> str | None:
    if b"%00" not in query_string and b"\x00" not in query_string:
        return None
    try:
        pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True, encoding="utf-8", errors="replace")
    except ValueError:
        return "query"
    for key, value in pairs:
        if NUL in key or NUL in value:
            return f"query.{key.replace(NUL, '')}"
    return None


def _body_field_with_nul(content_type: str, body: bytes) -> str | None:
    if "json" in content_type:
        # Raw control characters are invalid JSON (the route answers 422 itself); only the escape decodes to NUL.
        if b"\\u0000" not in body:
            return None
        try:
            return "body" if _has_nul(json.loads(body)) else None
        except ValueError:
            return None  # broken JSON: the route answers its own 422
    if content_type.startswith("application/x-www-form-urlencoded"):
        if b"%00" not in body and b"\x00" not in body:
            return None
        for key, value in parse_qsl(body.decode("latin-1"), keep_blank_values=True, errors="replace"):
            if NUL in key or NUL in value:
                return f"body.{key.replace(NUL, '')}"
    return None


class RejectNulMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if NUL in scope.get("path", ""):
            await _nul_problem("path")(scope, receive, send)
            return
        field = _query_field_with_nul(scope.get("query_string", b""))
        if field:
            await _nul_problem(field)(scope, receive, send)
            return
        headers = Headers(scope=scope)
        content_type = headers.get("content-type", "").lower()
        checked = "json" in content_type or content_type.startswith("application/x-www-form-urlencoded")
        try:
            length = int(headers.get("content-length", "0") or 0)
        except ValueError:
            length = 0
        if not checked or scope["method"] in ("GET", "HEAD", "OPTIONS") or length > MAX_CHECKED_BODY:
            await self.app(scope, receive, send)
            return

        messages: list[Message] = []
        body = b""
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if len(body) > MAX_CHECKED_BODY or not message.get("more_body", False):
                break
        field = _body_field_with_nul(content_type, body) if len(body) <= MAX_CHECKED_BODY else None
        if field:
            await _nul_problem(field)(scope, receive, send)
            return

        async def replay() -> Message:
            if messages:
                return messages.pop(0)
            return await receive()

        await self.app(scope, replay, send)


_declared: dict[int, frozenset[str]] = {}


def _query_names(dependant: Dependant, seen: set[int]) -> set[str]:
    if id(dependant) in seen:
        return set()
    seen.add(id(dependant))
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub, seen)
    return names


def _declared_query_params(route: APIRoute) -> frozenset[str]:
    names = _declared.get(id(route))
    if names is None:
        names = frozenset(_query_names(route.dependant, set()))
        _declared[id(route)] = names
    return names


async def reject_unknown_query_params(request: Request) -> None:
    """A query parameter the route does not declare is an error, not silently ignored."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    declared = _declared_query_params(route)
    unknown = [k for k in dict.fromkeys(request.query_params.keys()) if k not in declared]
    if unknown:
        known = ", ".join(sorted(declared)) or "нет"
        raise Unprocessable(
            f"Неизвестный параметр запроса: {', '.join(f'«{k}»' for k in unknown)}",
            errors=[
                FieldError(
                    field=f"query.{k}",
                    message=f"Неизвестный параметр «{k}». Допустимые параметры: {known}",
                    code="unknown_query_parameter",
                )
                for k in unknown
            ],
        )
