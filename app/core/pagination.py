"""Uniform lists: limit (capped) + offset, `total` in the body, `sort` checked against an allow-list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Response
from pydantic import BaseModel
from pydantic_core import to_json
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import FieldError, Unprocessable

T = TypeVar("T")

MAX_LIMIT = 200
MAX_OFFSET = 2**63 - 1  # PostgreSQL bigint: a larger OFFSET is refused by the driver


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class PageParams(BaseModel):
    limit: int
    offset: int
    sort: str | None


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Сколько записей вернуть")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Сколько записей пропустить")] = 0,
    sort: Annotated[
        str | None, Query(description="Поле сортировки; `-поле` — по убыванию", pattern=r"^-?[a-z_]+$")
    ] = None,
) -> PageParams:
    return PageParams(limit=limit, offset=offset, sort=sort)


PageDep = Annotated[PageParams, Depends(page_params)]


async def updated_since_param(
    updated_since: Annotated[
        datetime | None,
        Query(
            description=(
                "Только записи, изменённые в этот момент или позже (ISO 8601, например `2025-09-01T00:00:00Z`; "
                "без часового пояса — UTC). Для инкрементальной синхронизации: сохраните время начала запроса "
                "и передайте его в следующий раз."
            )
        ),
    ] = None,
) -> datetime | None:
    if updated_since is not None and updated_since.tzinfo is None:
        return updated_since.replace(tzinfo=UTC)
    return updated_since


UpdatedSinceDep = Annotated[datetime | None, Depends(updated_since_param)]


def sort_order(sort: str | None, allowed: Mapping[str, Any], default: Sequence[Any]) -> list[Any]:
    """The ORDER BY of `?sort=[-]field` (checked against the allow-list, 422 otherwise), then `default` as the
    tie-breaker so pages are stable."""
    if not sort:
        return list(default)
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in allowed:
        raise Unprocessable(
            f"Сортировка по полю «{key}» недоступна",
            errors=[FieldError(field="query.sort", message=f"Допустимо: {', '.join(sorted(allowed))}", code="sort")],
        )
    col = allowed[key]
    return [col.desc().nulls_last() if desc else col.asc().nulls_last(), *default]


def apply_sort(stmt: Select[Any], sort: str | None, allowed: Mapping[str, Any], default: Sequence[Any]) -> Select[Any]:
    return stmt.order_by(*sort_order(sort, allowed, default))


def json_page(items: list[dict[str, Any]], total: int, params: PageParams) -> Response:
    """A page serialised straight from rows, for the hottest lists: no model object per row. The rows' keys are
    the documented item schema's fields (the route keeps `response_model=Page[Item]` for the OpenAPI; the contract
    tests — schemathesis and the generated client — check the answers against it)."""
    body = {"items": items, "total": total, "limit": params.limit, "offset": params.offset}
    return Response(to_json(body), media_type="application/json")


async def paginate(session: AsyncSession, stmt: Select[Any], params: PageParams) -> tuple[list[Any], int]:
    """Run a page of `stmt` and its total count (count over the unordered, unpaged statement)."""
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).unique()
    return list(rows.scalars().all()), int(total or 0)


def contains_pattern(text: str) -> str:
    """An ILIKE pattern for 'contains text', with the user's % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
