"""Small shared steps of every write: apply a partial update with audit diff, archive with a reason."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.service import diff, record, snapshot
from app.core.concurrency import check_if_match
from app.core.errors import Conflict


async def update_with_audit(
    session: AsyncSession,
    principal: Any,
    obj: Any,
    data: BaseModel,
    if_match: str | None,
    entity_type: str,
    municipality_id: Any,
    fields: list[str] | None = None,
) -> dict[str, Any]:
    check_if_match(if_match, obj.version)
    values = data.model_dump(exclude_unset=True)
    if fields is not None:
        values = {k: v for k, v in values.items() if k in fields}
    before = snapshot(obj, list(values))
    for k, v in values.items():
        setattr(obj, k, v)
    changes = diff(before, snapshot(obj, list(values)))
    if changes:
        await session.flush()
        await record(session, principal, "update", entity_type, obj.id, municipality_id, changes)
    return changes


async def archive_with_audit(
    session: AsyncSession,
    principal: Any,
    obj: Any,
    reason: str,
    if_match: str | None,
    entity_type: str,
    municipality_id: Any,
) -> None:
    check_if_match(if_match, obj.version)
    if obj.archived_at is not None:
        raise Conflict("Запись уже в архиве", code="already_archived")
    obj.archived_at = datetime.now(UTC)
    obj.archive_reason = reason
    await session.flush()
    await record(session, principal, "archive", entity_type, obj.id, municipality_id, {"reason": reason})


async def create_with_audit(
    session: AsyncSession, principal: Any, obj: Any, entity_type: str, municipality_id: Any, fields: list[str]
) -> None:
    session.add(obj)
    await session.flush()
    await record(session, principal, "create", entity_type, obj.id, municipality_id, snapshot(obj, fields))
