"""Optimistic concurrency over HTTP: GET returns `ETag: "<version>"`, writes take `If-Match` (checked by
`app.core.resource.check_version`: 412 when stale)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Response

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='Версия записи из заголовка ETag (например `"3"`); при расхождении — 412',
    ),
]


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = f'"{version}"'
