"""Calendar subscriptions (iCalendar): issue a feed URL (shown once), list and revoke one's own, and the public
feed itself, read by calendar apps with the token in the URL (HTTP only; rules in feeds.py)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Request, Response, status

from app.core.access import Principal, require
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import Page, PageDep
from app.events import feeds
from app.events.permissions import EventPerm
from app.events.schemas import FeedCreate, FeedCreated, FeedRead

router = APIRouter(prefix="/calendar-feeds", tags=["events"])
Manager = Annotated[Principal, require(EventPerm.FEEDS)]
PROTECTED = problem_responses(401, 403, 422)


@router.get("", operation_id="list_calendar_feeds", response_model=Page[FeedRead], responses=PROTECTED)
async def list_calendar_feeds(session: SessionDep, principal: Manager, page: PageDep) -> Page[FeedRead]:
    """Your calendar subscriptions, newest first (their URLs are shown only when created)."""
    return await feeds.list_feeds(session, principal, page)


@router.post(
    "",
    operation_id="create_calendar_feed",
    status_code=status.HTTP_201_CREATED,
    response_model=FeedCreated,
    responses={**PROTECTED, **problem_responses(404, 409)},
)
async def create_calendar_feed(
    body: FeedCreate, request: Request, session: SessionDep, principal: Manager
) -> FeedCreated:
    """A subscription to a municipality's events (`municipality`) or to the events a teacher takes part in
    (`teacher`: yourself by default). The answer carries the feed's URL once: it holds an opaque secret key and no
    personal data. Anyone with the URL reads the feed until it is revoked, so share it as you would a password."""
    return await feeds.create_feed(session, principal, body, str(request.base_url))


@router.post(
    "/{feed_id}/revoke",
    operation_id="revoke_calendar_feed",
    response_model=FeedRead,
    responses={**PROTECTED, **problem_responses(404, 409)},
)
async def revoke_calendar_feed(feed_id: uuid.UUID, session: SessionDep, principal: Manager) -> FeedRead:
    """The feed's URL stops working at once (404)."""
    return await feeds.revoke_feed(session, principal, feed_id)


@router.get(
    "/{token}.ics",
    operation_id="calendar_feed_ics",
    response_class=Response,
    responses={
        200: {"description": "Календарь в формате iCalendar (RFC 5545)", "content": {"text/calendar": {}}},
        **problem_responses(404),
    },
)
async def calendar_feed_ics(token: str, session: SessionDep) -> Response:
    """The public feed read by calendar apps (no Bearer token: the key is in the URL). Events from a year ago on;
    times are the municipality's local time. 404 for an unknown or revoked key, or when the feed's creator no longer
    sees its events."""
    content = await feeds.render_feed(session, token)
    return Response(
        content,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="events.ics"'},
    )
