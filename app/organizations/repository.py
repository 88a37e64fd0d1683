"""Every SQL statement of organizations."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope, organization_visible
from app.core.audit_trail import AuditSubject, describe
from app.core.resource import Resource
from app.core.search import text_search
from app.organizations.models import Organization
from app.organizations.permissions import OrganizationPerm
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


def directory(scope: Scope) -> Select[Any]:
    """The organizations inside `scope` that are not archived: id, municipality_id, name, short_name, type_code."""
    return select(
        Organization.id,
        Organization.municipality_id,
        Organization.name,
        Organization.short_name,
        Organization.type_code,
    ).where(visible(scope), Organization.archived_at.is_(None))


# --- how organizations read in the audit log ---


def _audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Select[Any]:
    return select(literal("organization"), cast(Organization.id, String), Organization.short_name).where(
        Organization.id.in_(ids), visible(principal.scope(OrganizationPerm.READ))
    )


describe(
    AuditSubject(
        entity_type="organization",
        label="Организация",
        field_labels={
            "municipality_id": "Муниципалитет",
            "type_code": "Тип организации",
            "name": "Название",
            "short_name": "Краткое название",
            "inn": "ИНН",
            "address": "Адрес",
            "parent_id": "Вышестоящая организация",
            "is_low_results": "ШНОР",
            "is_unfavourable": "ШФНСУ",
            "innovation_level": "Инновационная площадка",
            "is_resource_center": "Ресурсный центр",
            "is_state_owned": "Государственная или муниципальная",
        },
        value_labels={
            "innovation_level": {"municipal": "муниципальная", "regional": "региональная", "federal": "федеральная"}
        },
        names=_audit_names,
    )
)
