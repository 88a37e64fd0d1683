"""Optimistic concurrency: GET returns `ETag: "<version>"`, writes take `If-Match` and answer 412 when stale."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Response

from app.core.errors import PreconditionFailed, Unprocessable

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='Версия записи из заголовка ETag (например `"3"`); при расхождении — 412',
    ),
]


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = f'"{version}"'


def check_if_match(if_match: str | None, current_version: int) -> None:
    if if_match is None or if_match.strip() == "*":
        return
    raw = if_match.strip().removeprefix("W/").strip('"')
    try:
        wanted = int(raw)
    except ValueError as e:
        raise Unprocessable("Заголовок If-Match должен содержать ETag записи", code="bad_if_match") from e
    if wanted != current_version:
        raise PreconditionFailed(
            "Запись изменил другой пользователь. Обновите данные и повторите.",
            extra={"current_version": current_version},
        )
