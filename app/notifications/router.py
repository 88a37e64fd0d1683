"""Notifications of the caller: the list (newest first, optionally unread only), the unread count (polled by the
SPA's bell), marking one or all read (HTTP only; rules in service.py)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app.core.access import Principal, require
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import MAX_LIMIT, Page
from app.notifications import service
from app.notifications.permissions import NotificationPerm
from app.notifications.schemas import NotificationRead, UnreadCount

router = APIRouter(prefix="/notifications", tags=["notifications"], responses=problem_responses(401, 403, 422))
Reader = Annotated[Principal, require(NotificationPerm.READ)]


@router.get("", operation_id="list_notifications", response_model=Page[NotificationRead])
async def list_notifications(
    session: SessionDep,
    principal: Reader,
    unread: Annotated[bool, Query(description="Только непрочитанные")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Сколько записей вернуть")] = 20,
    offset: Annotated[int, Query(ge=0, le=2**31, description="Сколько записей пропустить")] = 0,
) -> Page[NotificationRead]:
    """The caller's own notifications, newest first."""
    return await service.list_own(session, principal, unread, limit, offset)


@router.get("/unread-count", operation_id="count_unread_notifications", response_model=UnreadCount)
async def count_unread_notifications(session: SessionDep, principal: Reader) -> UnreadCount:
    return await service.unread_count(session, principal)


@router.post("/read-all", operation_id="read_all_notifications", response_model=UnreadCount)
async def read_all_notifications(session: SessionDep, principal: Reader) -> UnreadCount:
    """Mark every own notification read."""
    return await service.mark_all_read(session, principal)


@router.post(
    "/{notification_id}/read",
    operation_id="read_notification",
    response_model=NotificationRead,
    responses=problem_responses(404),
)
async def read_notification(notification_id: uuid.UUID, session: SessionDep, principal: Reader) -> NotificationRead:
    """Mark an own notification read (someone else's answers 404)."""
    return await service.mark_read(session, principal, notification_id)
