"""Every SQL statement of the audit log: a page of entries inside the reader's municipalities, and the names
behind the ids and codes a page mentions: one UNION of the `names` queries the modules registered for their records
(each through its own gate: a teacher's name only for those who may read the teacher) and the `codes` queries of
the dictionaries. This module knows no other module's tables."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.core.access import Principal, Scope, municipality_visible
from app.core.audit_trail import DICTIONARIES, SUBJECTS
from app.core.pagination import PageParams, apply_sort, paginate


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
    parts = [s.names(principal, id_list) for s in SUBJECTS.values() if s.names is not None]
    parts += [d.codes(code_list) for d in DICTIONARIES.values()]
    if not parts:
        return []
    return [(k, key, n) for k, key, n in (await session.execute(union_all(*parts))).all()]
