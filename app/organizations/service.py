"""Organizations: reads inside the caller's scope with what the caller may do with each record, and audited
writes with the fields each role may change (the municipal programmes' flags are the municipality's)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.errors import FieldError, Forbidden, NotFound, Unprocessable
from app.core.pagination import Page, PageParams
from app.organizations import repository as repo
from app.organizations.models import Organization
from app.organizations.permissions import MUNICIPAL_FIELDS, OrganizationPerm
from app.organizations.schemas import OrganizationCreate, OrganizationRead, OrganizationUpdate
from app.reference import service as reference

EDITABLE_FIELDS = frozenset(OrganizationUpdate.model_fields)
FIELD_LABELS = {
    "is_low_results": "ШНОР",
    "is_unfavourable": "ШФНСУ",
    "innovation_level": "Инновационная площадка",
    "is_resource_center": "Ресурсный центр",
    "is_state_owned": "Государственная (муниципальная)",
    "type_code": "Тип организации",
}

# Filled by a higher module (teachers) at import: how many people currently work at an organization. Organizations
# know nothing of teachers; the card shows the number when the teachers module is there.
TeacherCounter = Callable[[AsyncSession, Organization], Awaitable[int]]
teacher_counters: list[TeacherCounter] = []


def _may_manage(principal: Principal, org: Organization) -> bool:
    return principal.scope(OrganizationPerm.MANAGE).covers_municipality(org.municipality_id)


def _may_write(principal: Principal, org: Organization) -> bool:
    return principal.scope(OrganizationPerm.WRITE).covers_organization(org.id, org.municipality_id)


def readonly_fields(principal: Principal, org: Organization) -> list[str]:
    """The fields this caller may not change on this record (the same rule `update_organization` applies)."""
    if not _may_write(principal, org) or org.archived_at is not None:
        return sorted(EDITABLE_FIELDS)
    return [] if _may_manage(principal, org) else sorted(MUNICIPAL_FIELDS)


def actions(principal: Principal, org: Organization) -> list[str]:
    """What this caller may do with this record, by the rules the writes use."""
    out = []
    if org.archived_at is None and _may_write(principal, org):
        out.append("update")
    if org.archived_at is None and _may_manage(principal, org):
        out.append("archive")
    return out


def to_read(principal: Principal, org: Organization, teacher_count: int | None = None) -> OrganizationRead:
    out = OrganizationRead.model_validate(org)
    out.teacher_count = teacher_count
    out.actions = actions(principal, org)
    out.readonly_fields = readonly_fields(principal, org)
    return out


async def _check_parent(
    session: AsyncSession, municipality_id: uuid.UUID, parent_id: uuid.UUID | None, self_id: uuid.UUID | None = None
) -> None:
    if parent_id is None:
        return
    parent = await repo.find(session, parent_id)
    if parent is None or parent.municipality_id != municipality_id or parent_id == self_id:
        raise Unprocessable(
            errors=[
                FieldError(
                    field="body.parent_id",
                    code="bad_parent",
                    message="Головная организация не найдена в этом муниципалитете",
                )
            ]
        )


async def list_organizations(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    *,
    q: str | None,
    municipality_id: uuid.UUID | None,
    type_code: list[str] | None,
    flags: dict[str, bool | None],
    innovation_level: str | None,
    include_archived: bool,
    updated_since: datetime | None,
) -> Page[OrganizationRead]:
    items, total = await repo.organizations.list(
        session,
        principal.scope(OrganizationPerm.READ),
        page,
        repo.filters(q, municipality_id, type_code, flags, innovation_level),
        include_archived=include_archived,
        updated_since=updated_since,
    )
    return Page(items=[to_read(principal, o) for o in items], total=total, limit=page.limit, offset=page.offset)


async def get_visible(
    session: AsyncSession, principal: Principal, organization_id: uuid.UUID, perm: str = OrganizationPerm.READ
) -> Organization:
    """The organization inside the caller's scope for `perm`, or 404 (for other modules too)."""
    return await repo.organizations.get(session, principal.scope(perm), organization_id)


async def visible_ids(
    session: AsyncSession,
    principal: Principal,
    ids: set[uuid.UUID],
    municipality_id: uuid.UUID | None = None,
    perm: str = OrganizationPerm.READ,
) -> set[uuid.UUID]:
    return await repo.visible_ids(session, principal.scope(perm), ids, municipality_id)


async def municipality_of(session: AsyncSession, organization_id: uuid.UUID) -> uuid.UUID | None:
    """The municipality of an organization, or None when there is none (callers then answer «not found»)."""
    org = await repo.find(session, organization_id)
    return org.municipality_id if org else None


def directory(scope: Scope, name: str = "organization_directory") -> Any:
    """A subquery (named `name`) of the organizations inside `scope` that are not archived — `id`,
    `municipality_id`, `name`, `short_name`, `type_code` — for other modules' set-based reports and scope
    conditions (one row per organization)."""
    return repo.directory(scope).subquery(name)


async def names(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    return await repo.names(session, ids)


async def get_organization(session: AsyncSession, principal: Principal, organization_id: uuid.UUID) -> OrganizationRead:
    org = await get_visible(session, principal, organization_id)
    count = await teacher_counters[0](session, org) if teacher_counters else None
    return to_read(principal, org, count)


async def create_organization(
    session: AsyncSession, principal: Principal, body: OrganizationCreate
) -> OrganizationRead:
    if not principal.scope(OrganizationPerm.MANAGE).covers_municipality(body.municipality_id):
        raise NotFound("Муниципалитет не найден")
    await reference.ensure_organization_type(session, body.type_code, "body.type_code")
    await _check_parent(session, body.municipality_id, body.parent_id)
    org = await repo.organizations.create(session, principal, Organization(**body.model_dump()))
    return to_read(principal, org)


async def update_organization(
    session: AsyncSession,
    principal: Principal,
    organization_id: uuid.UUID,
    body: OrganizationUpdate,
    if_match: str | None,
) -> OrganizationRead:
    org = await get_visible(session, principal, organization_id, OrganizationPerm.WRITE)
    repo.organizations.check_version(org, if_match)
    locked = set(readonly_fields(principal, org))
    refused = sorted(f for f in body.model_fields_set & locked if getattr(body, f) != getattr(org, f))
    if refused:
        raise Forbidden(
            "Эти поля может изменить только управление образования: "
            + ", ".join(f"«{FIELD_LABELS.get(f, f)}»" for f in refused),
            code="readonly_field",
            errors=[
                FieldError(field=f"body.{f}", code="readonly", message="Поле может изменить только муниципалитет")
                for f in refused
            ],
        )
    if body.type_code:
        await reference.ensure_organization_type(session, body.type_code, "body.type_code")
    if "parent_id" in body.model_fields_set:
        await _check_parent(session, org.municipality_id, body.parent_id, org.id)
    await repo.organizations.update(session, principal, org, body, if_match)
    return to_read(principal, org)


async def archive_organization(
    session: AsyncSession, principal: Principal, organization_id: uuid.UUID, reason: str, if_match: str | None
) -> OrganizationRead:
    org = await get_visible(session, principal, organization_id, OrganizationPerm.MANAGE)
    await repo.organizations.archive(session, principal, org, reason, if_match)
    return to_read(principal, org)
