"""RFC 6749 §5.2 errors of the token endpoint: JSON with `error` and `error_description` (Russian), plus the
problem fields (`title`, `status`, `code`, `detail`) the SPA reads, so OAuth libraries never take a failure for a
token. A route class gives the token route its own exception handlers; they run after the request's dependencies
have closed (the database session has already rolled back), exactly like the application-wide handlers.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.types import Receive, Scope, Send

from app.core.errors import PROBLEM_JSON, AppError, Problem, TooManyRequests

OAuthErrorCode = Literal[
    "invalid_request", "invalid_client", "invalid_grant", "invalid_scope", "unsupported_grant_type", "slow_down"
]


class OAuthError(BaseModel):
    """An error of the token endpoint (RFC 6749 §5.2) that is also a problem+json body (RFC 9457)."""

    error: OAuthErrorCode = Field(description="Код ошибки OAuth 2.0 (RFC 6749 §5.2)")
    error_description: str = Field(description="Описание ошибки для человека, на русском")
    type: str = "about:blank"
    title: str = Field(description="Краткое название ошибки")
    status: int = Field(description="HTTP-статус")
    code: str = Field(description="Стабильный код ошибки приложения (например, `token_reused`)")
    detail: str | None = Field(default=None, description="То же, что error_description")


class InvalidRequest(AppError):
    status = 400
    code = "invalid_request"
    title = "Некорректный запрос"


class UnsupportedGrantType(AppError):
    status = 400
    code = "unsupported_grant_type"
    title = "Неподдерживаемый тип запроса токена"


class InvalidGrant(AppError):
    status = 400
    code = "invalid_grant"
    title = "Неверные данные для входа"


class InvalidScope(AppError):
    status = 400
    code = "invalid_scope"
    title = "Недопустимые права"


class InvalidClient(AppError):
    status = 401
    code = "invalid_client"
    title = "Неверный клиент"

    def __init__(self, detail: str | None = None, **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": 'Basic realm="mms", charset="UTF-8"'})
        super().__init__(detail, **kw)


_ERROR_OF: list[tuple[type[AppError], OAuthErrorCode]] = [
    (InvalidGrant, "invalid_grant"),
    (InvalidClient, "invalid_client"),
    (InvalidScope, "invalid_scope"),
    (UnsupportedGrantType, "unsupported_grant_type"),
    (TooManyRequests, "slow_down"),
]


def oauth_error_response(exc: AppError) -> JSONResponse:
    error: OAuthErrorCode = next((e for cls, e in _ERROR_OF if isinstance(exc, cls)), "invalid_request")
    status = exc.status if exc.status in (400, 401, 429) else 400
    body = OAuthError(
        error=error, error_description=exc.detail, title=exc.title, status=status, code=exc.code, detail=exc.detail
    )
    headers = {"Cache-Control": "no-store", "Pragma": "no-cache", **(exc.headers or {})}
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


async def _app_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return oauth_error_response(exc)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(tuple(e.get("loc", ()))[-1:] == ("grant_type",) and e.get("type") != "missing" for e in errors):
        return oauth_error_response(
            UnsupportedGrantType("Поддерживаются grant_type: password, refresh_token, client_credentials")
        )
    fields = sorted({str(tuple(e.get("loc", ("",)))[-1]) for e in errors})
    return oauth_error_response(InvalidRequest(f"Неверные или недостающие параметры: {', '.join(fields)}"))


class OAuthTokenRoute(APIRoute):
    """An APIRoute whose AppError and validation errors are rendered as RFC 6749 errors."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Starlette looks the exception handlers up in the scope (set by its ExceptionMiddleware) when it runs the
        # route: ours take precedence for this route only.
        handlers, status_handlers = scope.get("starlette.exception_handlers", ({}, {}))
        scope["starlette.exception_handlers"] = (
            {**handlers, AppError: _app_error, RequestValidationError: _validation_error},
            status_handlers,
        )
        await super().handle(scope, receive, send)


def token_error_responses() -> dict[int | str, dict[str, Any]]:
    """`responses=` of the token operation (RFC 6749 §5.2)."""
    return {
        400: {
            "model": OAuthError,
            "description": (
                "`invalid_request` — нет или неверен параметр; `unsupported_grant_type` — неизвестный grant_type; "
                "`invalid_grant` — неверный логин или пароль, refresh-токен истёк, отозван или использован повторно "
                "(`code`: `token_reused`); `invalid_scope` — запрошены права, не выданные клиенту"
            ),
        },
        401: {
            "model": OAuthError,
            "description": "`invalid_client` — неверный client_id или секрет, клиент отключён (с `WWW-Authenticate`)",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string"}, "description": 'Basic realm="mms"'}},
        },
        429: {
            "model": OAuthError,
            "description": "`slow_down` — слишком много неудачных попыток; повторите через `Retry-After` секунд",
            "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Через сколько секунд"}},
        },
        # Declared so that FastAPI does not add a 422 this operation never answers (its validation errors are 400).
        "4XX": {
            "model": Problem,
            "description": "Другие ошибки запроса (например, слишком большое тело) — problem+json",
            "content": {PROBLEM_JSON: {}},
        },
    }
