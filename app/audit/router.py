"""The audit log, for the department (own municipality) and the system administrator.

Each entry carries display-ready Russian texts (who, what, which record, per field before → after) next to the
raw `changes`, computed with one lookup query per page (`labels.load_names`).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from app.audit import service
from app.audit.permissions import AuditPerm
from app.audit.schemas import AuditEventRead
from app.core.access import Principal, require
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import Page, PageDep

router = APIRouter(prefix="/audit-events", tags=["audit"], responses=problem_responses(401, 403, 422))


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
    return await service.list_events(
        session,
        principal,
        page,
        entity_type=entity_type,
        entity_id=entity_id,
        actor_id=actor_id,
        action=action,
        municipality_id=municipality_id,
        occurred_from=occurred_from,
        occurred_to=occurred_to,
    )
