"""The audit log, for the department (own municipality) and the system administrator.

Each entry carries display-ready Russian texts (who, what, which record, per field before → after) next to the
raw `changes`, computed with one lookup query per page (`labels.load_names`).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import Field
from sqlalchemy import select

from app.audit import labels
from app.audit.models import AuditEvent
from app.audit.permissions import AuditPerm
from app.core.access import Principal, municipality_visible, require
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import Page, PageDep, apply_sort, paginate
from app.core.schemas import ReadModel


class AuditChangeRead(ReadModel):
    field: str = Field(description="Поле (как в `changes`)")
    field_label: str = Field(description="Название поля по-русски")
    before_text: str | None = Field(description="Было, как читает человек; null — значение записано без «было»")
    after_text: str | None = Field(description="Стало (или записанное значение), как читает человек")


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
    changes: dict[str, Any] | None = Field(
        description="Поле → {before, after} (или значение); null, если запись о педагоге, которого вам не видно"
    )
    request_id: str | None
    ip: str | None
    actor_label: str = Field(description="Кто: имя пользователя, «Интеграция «…»» или «Система»")
    action_label: str = Field(description="Действие по-русски")
    entity_type_label: str = Field(description="Вид записи по-русски")
    entity_label: str = Field(
        description="Название записи (ФИО педагога — только тем, кому педагог виден; иначе вид записи)"
    )
    change_list: list[AuditChangeRead] = Field(description="Изменения по полям, готовые к показу")


@router.get("", operation_id="list_audit_events", response_model=Page[AuditEventRead])
async def list_audit_events(
    session: SessionDep,
    principal: Annotated[Principal, require(AuditPerm.READ)],
    page: PageDep,
    entity_type: Annotated[str | None, Query(max_length=64)] = None,
    entity_id: uuid.UUID | None = None,
    actor_id: uuid.UUID | None = None,
    action: Annotated[str | None, Query(max_length=32)] = None,
    municipality_id: uuid.UUID | None = None,
    occurred_from: datetime | None = None,
    occurred_to: datetime | None = None,
) -> Page[AuditEventRead]:
    stmt = select(AuditEvent).where(municipality_visible(principal.scope(AuditPerm.READ), AuditEvent.municipality_id))
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
    events, total = await paginate(session, stmt, page)
    names = await labels.load_names(session, principal, events)
    items = []
    for e in events:
        visible = labels.record_visible(e.entity_type, e.entity_id, names)
        items.append(
            AuditEventRead(
                id=e.id,
                municipality_id=e.municipality_id,
                occurred_at=e.occurred_at,
                actor_type=e.actor_type,
                actor_id=e.actor_id,
                actor_name=e.actor_name,
                action=e.action,
                entity_type=e.entity_type,
                entity_id=e.entity_id,
                changes=e.changes if visible else None,
                request_id=e.request_id,
                ip=e.ip,
                actor_label=labels.actor_label(e.actor_type, e.actor_name),
                action_label=labels.action_label(e.action),
                entity_type_label=labels.entity_type_label(e.entity_type),
                entity_label=labels.entity_label(e.entity_type, e.entity_id, names),
                change_list=[
                    AuditChangeRead(**c) for c in labels.change_texts(e.entity_type, e.changes, names, visible)
                ],
            )
        )
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)
