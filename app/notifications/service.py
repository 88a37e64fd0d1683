"""Notifications: `notify` (called by other modules when something concerns a person: a new help request for the
methodologists, an answer for the requester) and the addressee's own list, unread count and marking read."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal
from app.core.db import utcnow
from app.core.errors import NotFound
from app.core.pagination import Page
from app.notifications import repository as repo
from app.notifications.models import Notification
from app.notifications.schemas import NotificationRead, UnreadCount


async def notify(
    session: AsyncSession,
    user_ids: Iterable[uuid.UUID],
    *,
    municipality_id: uuid.UUID,
    kind: str,
    title: str,
    body: str | None = None,
    link: str | None = None,
    exclude: uuid.UUID | None = None,
) -> int:
    """One notification to each of `user_ids` (each person once; `exclude` — the actor, who needs no message about
    their own action). `link` is an SPA path naming records by id only. Returns how many were made."""
    wanted = sorted({u for u in user_ids if u != exclude}, key=str)
    repo.add_all(
        session,
        [
            Notification(municipality_id=municipality_id, user_id=u, kind=kind, title=title, body=body, link=link)
            for u in wanted
        ],
    )
    if wanted:
        await session.flush()
    return len(wanted)


def _user_id(principal: Principal) -> uuid.UUID | None:
    """Notifications are a person's own: a machine client has none."""
    return principal.id if principal.kind == "user" else None


async def list_own(
    session: AsyncSession, principal: Principal, unread: bool, limit: int, offset: int
) -> Page[NotificationRead]:
    user_id = _user_id(principal)
    if user_id is None:
        return Page(items=[], total=0, limit=limit, offset=offset)
    rows, total = await repo.page(session, user_id, unread, limit, offset)
    return Page(items=[NotificationRead.model_validate(r) for r in rows], total=total, limit=limit, offset=offset)


async def unread_count(session: AsyncSession, principal: Principal) -> UnreadCount:
    user_id = _user_id(principal)
    return UnreadCount(unread=await repo.unread_count(session, user_id) if user_id else 0)


async def mark_read(session: AsyncSession, principal: Principal, notification_id: uuid.UUID) -> NotificationRead:
    """Mark one's own notification read (again is harmless); someone else's answers 404."""
    user_id = _user_id(principal)
    item = await repo.get_own(session, user_id, notification_id) if user_id else None
    if item is None:
        raise NotFound("Уведомление не найдено")
    if item.read_at is None:
        item.read_at = utcnow()
        await session.flush()
    return NotificationRead.model_validate(item)


async def mark_all_read(session: AsyncSession, principal: Principal) -> UnreadCount:
    user_id = _user_id(principal)
    if user_id is not None:
        await repo.mark_all_read(session, user_id, utcnow())
    return UnreadCount(unread=0)
