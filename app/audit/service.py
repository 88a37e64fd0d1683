"""Writing audit entries: every create/update/archive with before/after, and reads of personal profiles."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent


def _jsonable(v: Any) -> Any:
    if isinstance(v, date | datetime):
        return v.isoformat()
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, list | tuple | set | frozenset):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    return v


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {f: _jsonable(getattr(obj, f)) for f in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """{field: {"before": …, "after": …}} for the fields that changed."""
    return {
        k: {"before": before.get(k), "after": after.get(k)}
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


async def record(
    session: AsyncSession,
    principal: Any,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | None,
    municipality_id: uuid.UUID | None,
    changes: dict[str, Any] | None = None,
) -> None:
    """Add an audit entry to the current transaction (so it commits or rolls back with the change)."""
    session.add(
        AuditEvent(
            municipality_id=municipality_id,
            actor_type=getattr(principal, "kind", "system") if principal else "system",
            actor_id=getattr(principal, "id", None),
            actor_name=getattr(principal, "name", None),
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            changes=_jsonable(changes) if changes else None,
            request_id=getattr(principal, "request_id", None),
            ip=getattr(principal, "ip", None),
        )
    )
