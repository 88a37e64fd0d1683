"""Every SQL statement of notifications: always those of one addressee (the caller), newest first."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.notifications.models import Notification

N = Notification


def _own(user_id: uuid.UUID, unread: bool, tenants: frozenset[uuid.UUID] = frozenset()) -> list:  # type: ignore[type-arg]
    """The addressee's own (inside the municipalities the person belongs to, when they belong to any)."""
    conds = [N.user_id == user_id]
    if tenants:
        conds.append(N.municipality_id.in_(tenants))
    if unread:
        conds.append(N.read_at.is_(None))
    return conds


async def page(
    session: AsyncSession, user_id: uuid.UUID, unread: bool, limit: int, offset: int
) -> tuple[list[Notification], int]:
    stmt = select(N).where(*_own(user_id, unread)).order_by(N.created_at.desc(), N.id.desc())
    rows = list((await session.scalars(stmt.limit(limit).offset(offset))).all())
    total = await session.scalar(select(func.count()).where(*_own(user_id, unread)))
    return rows, int(total or 0)


async def unread_count(session: AsyncSession, user_id: uuid.UUID) -> int:
    return int(await session.scalar(select(func.count()).where(*_own(user_id, True))) or 0)


async def get_own(session: AsyncSession, user_id: uuid.UUID, notification_id: uuid.UUID) -> Notification | None:
    return await session.scalar(select(N).where(N.id == notification_id, N.user_id == user_id))


async def mark_all_read(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> int:
    result = await session.execute(
        update(N)
        .where(N.user_id == user_id, N.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def add_all(session: AsyncSession, items: Sequence[Notification]) -> None:
    session.add_all(list(items))
