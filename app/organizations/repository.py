"""Every SQL statement of organizations."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Scope, organization_visible
from app.core.resource import Resource
from app.core.search import text_search
from app.organizations.models import Organization
from app.organizations.schemas import OrganizationCreate


def visible(scope: Scope) -> ColumnElement[bool]:
    return organization_visible(scope, Organization.id, Organization.municipality_id)


organizations: Resource[Organization] = Resource(
    model=Organization,
    entity_type="organization",
    not_found="Организация не найдена",
    visible=visible,
    municipality_of=lambda o: o.municipality_id,
    sorts={
        "name": Organization.name,
        "short_name": Organization.short_name,
        "type_code": Organization.type_code,
        "created_at": Organization.created_at,
    },
    default_order=(Organization.short_name, Organization.id),
    audit_fields=tuple(OrganizationCreate.model_fields),
)


def filters(
    q: str | None,
    municipality_id: uuid.UUID | None,
    type_code: list[str] | None,
    flags: dict[str, bool | None],
    innovation_level: str | None,
) -> list[Any]:
    out: list[Any] = []
    if q:
        out.append(text_search(q, Organization.name, Organization.short_name))
    if municipality_id:
        out.append(Organization.municipality_id == municipality_id)
    if type_code:
        out.append(Organization.type_code.in_(type_code))
    for name, val in flags.items():
        if val is not None:
            out.append(getattr(Organization, name).is_(val))
    if innovation_level:
        out.append(Organization.innovation_level == innovation_level)
    return out


async def find(session: AsyncSession, organization_id: uuid.UUID) -> Organization | None:
    return await session.get(Organization, organization_id)


async def visible_ids(
    session: AsyncSession, scope: Scope, ids: set[uuid.UUID], municipality_id: uuid.UUID | None = None
) -> set[uuid.UUID]:
    """Which of `ids` are organizations inside the scope (and the municipality, when given)."""
    stmt = select(Organization.id).where(Organization.id.in_(ids), visible(scope))
    if municipality_id is not None:
        stmt = stmt.where(Organization.municipality_id == municipality_id)
    return set((await session.scalars(stmt)).all())


async def names(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    return dict(
        (await session.execute(select(Organization.id, Organization.short_name).where(Organization.id.in_(ids)))).all()
    )  # type: ignore[arg-type]
