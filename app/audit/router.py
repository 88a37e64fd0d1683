"""The audit log, for the department (own municipality) and the system administrator."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import Field
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.auth.permissions import Perm
from app.auth.principal import Principal, municipality_visible, require
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import Page, PageDep, apply_sort, paginate
from app.core.schemas import ReadModel

router = APIRouter(prefix="/audit-events", tags=["audit"], responses=problem_responses(401, 403, 422))


class AuditEventRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID | None
    occurred_at: datetime
    actor_type: str
    actor_id: uuid.UUID | None
    actor_name: str | None
    action: str
    entity_type: str
    entity_id: uuid.UUID | None
    changes: dict[str, Any] | None = Field(description="Поле → {before, after}")
    request_id: str | None
    ip: str | None


@router.get("", operation_id="list_audit_events", response_model=Page[AuditEventRead])
async def list_audit_events(
    session: SessionDep,
    principal: Annotated[Principal, require(Perm.AUDIT_READ)],
    page: PageDep,
    entity_type: Annotated[str | None, Query(max_length=64)] = None,
    entity_id: uuid.UUID | None = None,
    actor_id: uuid.UUID | None = None,
    action: Annotated[str | None, Query(max_length=32)] = None,
    municipality_id: uuid.UUID | None = None,
    occurred_from: datetime | None = None,
    occurred_to: datetime | None = None,
) -> Page[AuditEventRead]:
    stmt = select(AuditEvent).where(municipality_visible(principal.scope(Perm.AUDIT_READ), AuditEvent.municipality_id))
    for col, val in (
        (AuditEvent.entity_type, entity_type),
        (AuditEvent.entity_id, entity_id),
        (AuditEvent.actor_id, actor_id),
        (AuditEvent.action, action),
        (AuditEvent.municipality_id, municipality_id),
    ):
        if val is not None:
            stmt = stmt.where(col == val)
    if occurred_from:
        stmt = stmt.where(AuditEvent.occurred_at >= occurred_from)
    if occurred_to:
        stmt = stmt.where(AuditEvent.occurred_at <= occurred_to)
    stmt = apply_sort(stmt, page.sort or "-occurred_at", {"occurred_at": AuditEvent.occurred_at}, [AuditEvent.id])
    items, total = await paginate(session, stmt, page)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)
