"""One error model: AppError subclasses rendered as RFC 9457 application/problem+json with a stable `code`."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    field: str = Field(description="dotted path of the field, e.g. `body.last_name` or `query.limit`")
    message: str
    code: str


class Problem(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    code: str
    errors: list[FieldError] | None = None


class AppError(Exception):
    status = 400
    code = "bad_request"
    title = "Некорректный запрос"

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        if code:
            self.code = code
        self.errors = errors
        self.headers = headers
        self.extra = extra or {}


class NotFound(AppError):
    status = 404
    code = "not_found"
    title = "Не найдено"


class Unauthorized(AppError):
    status = 401
    code = "unauthorized"
    title = "Требуется вход"

    def __init__(self, detail: str | None = None, **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": 'Bearer realm="mms"'})
        super().__init__(detail, **kw)


class Forbidden(AppError):
    status = 403
    code = "forbidden"
    title = "Недостаточно прав"


class Conflict(AppError):
    status = 409
    code = "conflict"
    title = "Конфликт данных"


class PreconditionFailed(AppError):
    status = 412
    code = "version_conflict"
    title = "Запись изменена другим пользователем"


class PreconditionRequired(AppError):
    status = 428
    code = "if_match_required"
    title = "Нужна версия записи (If-Match)"


class Unprocessable(AppError):
    status = 422
    code = "validation_error"
    title = "Ошибка в данных"


class PayloadTooLarge(AppError):
    status = 413
    code = "payload_too_large"
    title = "Файл слишком большой"


class TooManyRequests(AppError):
    status = 429
    code = "too_many_requests"
    title = "Слишком много попыток"


def problem_response(
    status: int,
    code: str,
    title: str,
    detail: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "code": code}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = [e.model_dump() for e in errors]
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


# Russian messages for pydantic's error types; anything else falls back to a generic message.
_RU = {
    "missing": "Обязательное поле",
    "extra_forbidden": "Неизвестное поле",
    "string_too_short": "Слишком короткое значение",
    "string_too_long": "Слишком длинное значение",
    "string_type": "Ожидается строка",
    "string_pattern_mismatch": "Неверный формат",
    "int_parsing": "Ожидается целое число",
    "int_type": "Ожидается целое число",
    "float_parsing": "Ожидается число",
    "bool_parsing": "Ожидается да/нет",
    "date_parsing": "Неверная дата (ожидается ГГГГ-ММ-ДД)",
    "date_from_datetime_parsing": "Неверная дата (ожидается ГГГГ-ММ-ДД)",
    "date_type": "Неверная дата",
    "datetime_parsing": "Неверные дата и время",
    "uuid_parsing": "Неверный идентификатор",
    "uuid_type": "Неверный идентификатор",
    "enum": "Недопустимое значение",
    "literal_error": "Недопустимое значение",
    "greater_than_equal": "Значение слишком мало",
    "less_than_equal": "Значение слишком велико",
    "greater_than": "Значение слишком мало",
    "less_than": "Значение слишком велико",
    "value_error": "Недопустимое значение",
    "list_type": "Ожидается список",
    "model_attributes_type": "Ожидается объект",
    "dict_type": "Ожидается объект",
    "json_invalid": "Некорректный JSON",
}


def _validation_errors(exc: RequestValidationError) -> list[FieldError]:
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        etype = err.get("type", "value_error")
        msg = _RU.get(etype, "Недопустимое значение")
        if etype == "value_error":
            # our own validators raise ValueError with a Russian message
            ctx_err = (err.get("ctx") or {}).get("error")
            if ctx_err:
                msg = str(ctx_err)
        elif "input" in err and err["input"] is None and etype not in ("missing", "value_error"):
            # `null` for a field that cannot be empty (a PATCH leaves such a field out instead)
            etype, msg = "null_not_allowed", "Поле не может быть пустым: укажите значение или не передавайте поле"
        out.append(FieldError(field=".".join(loc), message=msg, code=etype))
    return out


def _request_id(request: Request) -> str:
    return str(request.scope.get("state", {}).get("request_id", "-"))


BAD_BODY_DETAIL = (
    "Не удалось разобрать тело запроса: проверьте его формат (JSON, форма или multipart/form-data с границей "
    "частей) и заголовок Content-Type"
)


def _route_table(app: Any) -> list[tuple[Any, set[str]]]:
    """(path regex, methods) of every documented route, built once per application."""
    table = getattr(app.state, "route_methods", None)
    if table is None:
        from fastapi.routing import iter_route_contexts
        from starlette.routing import compile_path

        table = []
        for rc in iter_route_contexts(app.router.routes):
            if rc.path and rc.methods and getattr(rc.original_route, "include_in_schema", False):
                table.append((compile_path(rc.path)[0], set(rc.methods)))
        app.state.route_methods = table
    return table


def allowed_methods(request: Request) -> list[str]:
    """Every method of every API route whose path matches this one (Starlette's own 405 names only the first
    route's methods, but GET and PATCH of one path are two routes)."""
    path = request.scope.get("path", "")
    methods: set[str] = set()
    for regex, route_methods in _route_table(request.app):
        if regex.match(path):
            methods |= route_methods
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        return problem_response(exc.status, exc.code, exc.title, exc.detail, exc.errors, exc.headers, exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(
            422, "validation_error", "Ошибка в данных", "Проверьте выделенные поля", _validation_errors(exc)
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {404: "Не найдено", 405: "Метод не поддерживается", 401: "Требуется вход"}
        if exc.status_code == 400:
            # The framework's own 400s (broken body or multipart) carry English details: answer in Russian.
            return problem_response(400, "bad_body", "Некорректный запрос", BAD_BODY_DETAIL)
        if exc.status_code == 405:
            methods = allowed_methods(request)
            return problem_response(
                405,
                "method_not_allowed",
                titles[405],
                f"Допустимые методы: {', '.join(methods)}" if methods else None,
                headers={"Allow": ", ".join(methods)},
            )
        return problem_response(
            exc.status_code,
            {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error"),
            titles.get(exc.status_code, "Ошибка запроса"),
            None if exc.status_code in titles else str(exc.detail),
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(StaleDataError)
    async def _stale(_: Request, __: StaleDataError) -> JSONResponse:
        e = PreconditionFailed("Запись изменил другой пользователь. Обновите данные и повторите.")
        return problem_response(e.status, e.code, e.title, e.detail)

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        log.warning("integrity error: %s rid=%s", type(exc.orig).__name__, _request_id(request))
        return problem_response(409, "conflict", "Конфликт данных", "Запись противоречит существующим данным")

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> JSONResponse:
        # A value the database cannot take (a NUL in a multipart text field, a number out of range, …): the
        # caller's input, so 422. Only the class is logged: the message and parameters may hold personal data.
        log.warning("data error: %s rid=%s", type(exc.orig).__name__, _request_id(request))
        return problem_response(
            422,
            "validation_error",
            "Ошибка в данных",
            "Значение не может быть сохранено: недопустимые символы или число вне допустимого диапазона",
        )

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        return unhandled_error(exc, _request_id(request))


def _exception_class(exc: BaseException) -> str:
    name = f"{type(exc).__module__}.{type(exc).__qualname__}"
    orig = getattr(exc, "orig", None)  # SQLAlchemy's wrapper: name the driver's error class too
    return f"{name} ({type(orig).__module__}.{type(orig).__qualname__})" if orig is not None else name


def unhandled_error(exc: BaseException, request_id: str) -> JSONResponse:
    """Log an unexpected error and answer 500. No message or traceback goes to the log: they may quote SQL
    parameters or values (names, search text, logins). The class and the request id find the request."""
    log.error("unhandled error: %s rid=%s", _exception_class(exc), request_id)
    return problem_response(500, "internal_error", "Внутренняя ошибка сервера", extra={"request_id": request_id})


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: documents the problem+json errors it can return."""
    descriptions = {
        400: "Некорректный запрос",
        401: "Нет или просрочен токен",
        403: "Недостаточно прав",
        404: "Не найдено (или вне вашей области доступа)",
        409: "Конфликт с существующими данными",
        412: "Версия записи устарела (If-Match)",
        428: "Не передана версия записи (If-Match)",
        422: "Ошибка в данных",
        429: "Слишком много попыток",
    }
    return {
        s: {"model": Problem, "description": descriptions.get(s, "Ошибка"), "content": {PROBLEM_JSON: {}}}
        for s in statuses
    }
