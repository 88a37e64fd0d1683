"""Every SQL statement of regions and municipalities."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, literal, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope, municipality_visible
from app.core.audit_trail import AuditSubject, describe
from app.core.resource import Resource
from app.core.search import text_search
from app.tenants.models import Municipality, Region
from app.tenants.permissions import TenantPerm


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
        "help_response_days",
        "diagnostics_min_group",
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


# --- how regions and municipalities read in the audit log ---


def _municipality_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Select[Any]:
    return select(literal("municipality"), cast(Municipality.id, String), Municipality.name).where(
        Municipality.id.in_(ids), municipality_visible(principal.scope(TenantPerm.MUNICIPALITIES_READ), Municipality.id)
    )


def _region_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Select[Any]:
    return select(literal("region"), cast(Region.id, String), Region.name).where(Region.id.in_(ids))


describe(
    AuditSubject(
        entity_type="municipality",
        label="Муниципалитет",
        field_labels={
            "name": "Название",
            "region_id": "Регион",
            "okato": "ОКАТО",
            "young_age_limit": "Молодой педагог: возраст до",
            "young_experience_limit": "Молодой педагог: стаж до (лет)",
            "young_rule": "Молодой педагог: условие",
            "mentoring_max_mentees": "Наставничество: наставляемых у одного наставника",
            "mentoring_young_mentors_allowed": "Наставничество: молодой педагог может быть наставником",
            "help_response_days": "Обращения за помощью: срок ответа (рабочих дней)",
            "diagnostics_min_group": "Диагностика: минимальный размер группы в сводных цифрах",
        },
        value_labels={"young_rule": {"or": "возраст или стаж", "and": "возраст и стаж"}},
        names=_municipality_names,
    )
)
describe(
    AuditSubject(
        entity_type="region",
        label="Регион",
        field_labels={"name": "Название", "code": "Код"},
        names=_region_names,
    )
)


def help_response_days_of(municipality_col: Any) -> Any:
    """SQL: the help-request answer term (working days) of the municipality `municipality_col`."""
    return (
        select(Municipality.help_response_days)
        .where(Municipality.id == municipality_col)
        .correlate_except(Municipality)
        .scalar_subquery()
    )
