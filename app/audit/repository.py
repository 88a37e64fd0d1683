"""Every SQL statement of the audit log: a page of entries inside the reader's municipalities, and the names
behind the ids and codes a page mentions (one UNION query; a teacher's name only through the teachers' gate)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.auth.models import ApiClient, User
from app.core.access import Principal, Scope, municipality_visible, organization_visible
from app.core.pagination import PageParams, apply_sort, paginate
from app.organizations.models import Organization
from app.organizations.permissions import OrganizationPerm
from app.reference.models import OrganizationType, Position, QualificationCategory, Subject
from app.teachers import service as teachers
from app.teachers.models import Teacher
from app.tenants.models import Municipality, Region
from app.tenants.permissions import TenantPerm

CODE_KINDS = frozenset({"org_type", "position", "subject", "category"})


async def list_events(
    session: AsyncSession,
    scope: Scope,
    page: PageParams,
    *,
    equal: dict[str, Any],
    occurred_from: datetime | None,
    occurred_to: datetime | None,
) -> tuple[list[AuditEvent], int]:
    """A page of the entries inside `scope` (by municipality), newest first unless sorted otherwise; `equal` maps
    a column name (entity_type, entity_id, actor_id, action, municipality_id) to the value it must have."""
    stmt = select(AuditEvent).where(municipality_visible(scope, AuditEvent.municipality_id))
    for name, val in equal.items():
        if val is not None:
            stmt = stmt.where(getattr(AuditEvent, name) == val)
    if occurred_from:
        stmt = stmt.where(AuditEvent.occurred_at >= occurred_from)
    if occurred_to:
        stmt = stmt.where(AuditEvent.occurred_at <= occurred_to)
    stmt = apply_sort(stmt, page.sort or "-occurred_at", {"occurred_at": AuditEvent.occurred_at}, [AuditEvent.id])
    return await paginate(session, stmt, page)


async def names(
    session: AsyncSession, principal: Principal, id_list: list[uuid.UUID], code_list: list[str]
) -> list[tuple[str, str, str]]:
    """(kind, id or code, name) of every record among `id_list` the reader may see and every dictionary code."""

    def by_id(kind: str, name: Any, id_col: Any, *where: Any) -> Any:
        return select(literal(kind), cast(id_col, String), name).where(id_col.in_(id_list), *where)

    def by_code(kind: str, table: Any) -> Any:
        return select(literal(kind), table.code, table.name).where(table.code.in_(code_list))

    teacher_name = func.concat_ws(" ", Teacher.last_name, Teacher.first_name, Teacher.middle_name)
    parts = [
        # The one gate of teacher reads: a name only for those who may read this teacher.
        teachers.visible_teachers(principal, literal("teacher"), cast(Teacher.id, String), teacher_name).where(
            Teacher.id.in_(id_list)
        ),
        by_id(
            "organization",
            Organization.short_name,
            Organization.id,
            organization_visible(principal.scope(OrganizationPerm.READ), Organization.id, Organization.municipality_id),
        ),
        by_id(
            "municipality",
            Municipality.name,
            Municipality.id,
            municipality_visible(principal.scope(TenantPerm.MUNICIPALITIES_READ), Municipality.id),
        ),
        by_id("region", Region.name, Region.id),
        by_id("user", User.full_name, User.id),
        by_id("api_client", ApiClient.name, ApiClient.id),
        by_code("org_type", OrganizationType),
        by_code("position", Position),
        by_code("subject", Subject),
        by_code("category", QualificationCategory),
    ]
    return [(k, key, n) for k, key, n in (await session.execute(union_all(*parts))).all()]
