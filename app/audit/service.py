"""The audit log for the department (own municipality) and the system administrator: entries inside the reader's
scope with the Russian texts of `labels`; changes of a personal record (a teacher) the reader may not see are
withheld."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import labels, repository
from app.audit.permissions import AuditPerm
from app.audit.schemas import AuditChangeRead, AuditEventRead
from app.core.access import Principal
from app.core.pagination import Page, PageParams


async def list_events(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    *,
    entity_type: str | None,
    entity_id: uuid.UUID | None,
    actor_id: uuid.UUID | None,
    action: str | None,
    municipality_id: uuid.UUID | None,
    occurred_from: datetime | None,
    occurred_to: datetime | None,
) -> Page[AuditEventRead]:
    events, total = await repository.list_events(
        session,
        principal.scope(AuditPerm.READ),
        page,
        equal={
            "entity_type": entity_type,
            "entity_id": entity_id,
            "actor_id": actor_id,
            "action": action,
            "municipality_id": municipality_id,
        },
        occurred_from=occurred_from,
        occurred_to=occurred_to,
    )
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
                action_label=labels.action_label(e.action, e.entity_type),
                entity_type_label=labels.entity_type_label(e.entity_type),
                entity_label=labels.entity_label(e.entity_type, e.entity_id, names),
                change_list=[
                    AuditChangeRead(**c) for c in labels.change_texts(e.entity_type, e.changes, names, visible)
                ],
            )
        )
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)
