"""Every SQL statement of regions and municipalities."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Scope, municipality_visible
from app.core.resource import Resource
from app.core.search import text_search
from app.tenants.models import Municipality, Region


def region_visible(scope: Scope) -> ColumnElement[bool]:
    """A region is visible when one of its municipalities is."""
    if scope.all:
        return true()
    return Region.id.in_(select(Municipality.region_id).where(municipality_visible(scope, Municipality.id)))


regions: Resource[Region] = Resource(
    model=Region,
    entity_type="region",
    not_found="Регион не найден",
    visible=region_visible,
    municipality_of=lambda r: None,
    sorts={"name": Region.name, "code": Region.code},
    default_order=(Region.name, Region.id),
    audit_fields=("code", "name"),
)
municipalities: Resource[Municipality] = Resource(
    model=Municipality,
    entity_type="municipality",
    not_found="Муниципалитет не найден",
    visible=lambda scope: municipality_visible(scope, Municipality.id),
    municipality_of=lambda m: m.id,
    sorts={"name": Municipality.name},
    default_order=(Municipality.name, Municipality.id),
    audit_fields=(
        "region_id",
        "name",
        "okato",
        "young_age_limit",
        "young_experience_limit",
        "young_rule",
        "mentoring_max_mentees",
        "mentoring_young_mentors_allowed",
    ),
)


def region_filters(q: str | None) -> list[Any]:
    return [text_search(q, Region.name)] if q else []


def municipality_filters(q: str | None, region_id: uuid.UUID | None) -> list[Any]:
    out: list[Any] = []
    if region_id:
        out.append(Municipality.region_id == region_id)
    if q:
        out.append(text_search(q, Municipality.name))
    return out


async def municipality_ids_of_region(session: AsyncSession, region_id: uuid.UUID) -> frozenset[uuid.UUID]:
    rows = await session.scalars(select(Municipality.id).where(Municipality.region_id == region_id))
    return frozenset(rows.all())


async def find_municipality(session: AsyncSession, municipality_id: uuid.UUID) -> Municipality | None:
    return await session.get(Municipality, municipality_id)


async def find_region(session: AsyncSession, region_id: uuid.UUID) -> Region | None:
    return await session.get(Region, region_id)


async def municipality_names(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    rows = await session.execute(select(Municipality.id, Municipality.name).where(Municipality.id.in_(ids)))
    return {i: n for i, n in rows.all()}


async def region_names(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    return {i: n for i, n in (await session.execute(select(Region.id, Region.name).where(Region.id.in_(ids)))).all()}
