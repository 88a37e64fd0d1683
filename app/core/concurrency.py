"""Optimistic concurrency over HTTP: GET returns `ETag: "<version>"`, writes take `If-Match` (checked by
`app.core.resource.check_version`: 412 when stale, 428 when the operation requires it and it is missing).

`IfMatch` and `IfMatchRequired` only declare the header: the check (and so the 428) is the service's
`check_version`. `IfMatchRequired` stays optional for FastAPI (a missing header must reach `check_version` and answer
428, not FastAPI's generic 422); the OpenAPI document shows it as required and lists 428 (`app.core.openapi`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Response

# The mark `app.core.openapi` turns into `required: true` on the parameter (and removes from its schema).
REQUIRED_MARK = "x-if-match-required"

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='Версия записи из заголовка ETag (например `"3"`); при расхождении — 412',
    ),
]

IfMatchRequired = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='Обязательно: версия записи из заголовка ETag (например `"3"`); без заголовка — 428, '
        "при расхождении — 412",
        json_schema_extra={REQUIRED_MARK: True},
    ),
]


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = f'"{version}"'
