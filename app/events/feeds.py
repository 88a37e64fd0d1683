"""iCalendar subscriptions: a municipality's events, or the events a teacher takes part in, for people who want them
in their own calendar app.

Calendar apps send no Bearer token, and a URL must carry no personal data: an authenticated POST issues an opaque
random token and returns the feed's URL once; only the token's SHA-256 is stored. The feed answers (publicly, by
token) only while it is not revoked and its creator may still see what it lists — an account switched off or a role
taken away ends the feed too. Anything else answers 404.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime, time, timedelta

from icalendar import Calendar
from icalendar import Event as ICalEvent
from sqlalchemy import true
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, load_actor
from app.core.audit_trail import record
from app.core.db import utcnow
from app.core.errors import Conflict, FieldError, NotFound, Unprocessable
from app.core.pagination import Page, PageParams
from app.core.passwords import sha256_hex
from app.events import repository as repo
from app.events.models import EVENT_FORMATS, EVENT_LEVELS, EVENT_TYPES, PARTICIPATION_ROLES, CalendarFeed
from app.events.permissions import EventPerm
from app.events.schemas import FeedCreate, FeedCreated, FeedRead
from app.organizations import service as organizations
from app.teachers import service as teachers
from app.tenants import service as tenants

FEED_PATH = "/api/v1/calendar-feeds/{token}.ics"
FEED_HISTORY_DAYS = 365
FEED_MAX_EVENTS = 2000
ICAL_STATUS = {"planned": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}


def _read(feed: CalendarFeed) -> FeedRead:
    return FeedRead(
        id=feed.id,
        municipality_id=feed.municipality_id,
        kind=feed.kind,  # type: ignore[arg-type]
        teacher_id=feed.teacher_id,
        title=feed.title,
        created_at=feed.created_at,
        revoked_at=feed.revoked_at,
        actions=["revoke"] if feed.revoked_at is None else [],
    )


def _bad(field: str, message: str) -> Unprocessable:
    return Unprocessable(message, errors=[FieldError(field=field, message=message, code="missing")])


async def create_feed(session: AsyncSession, principal: Principal, body: FeedCreate, base_url: str) -> FeedCreated:
    teacher_id: uuid.UUID | None = None
    if body.kind == "municipality":
        municipality_id = body.municipality_id or principal.single_municipality_id()
        if municipality_id is None:
            raise _bad("body.municipality_id", "Укажите муниципалитет")
        if not principal.scope(EventPerm.READ).covers_municipality(municipality_id):
            raise NotFound("Муниципалитет не найден")
        name = (await tenants.municipality_names(session, {municipality_id})).get(municipality_id)
        if name is None:
            raise NotFound("Муниципалитет не найден")
        title = body.title or f"Методические мероприятия: {name}"
    else:
        teacher_id = body.teacher_id or principal.teacher_id
        if teacher_id is None:
            raise _bad("body.teacher_id", "Укажите педагога")
        names = await teachers.names_in_scope(session, principal.scope(EventPerm.FEEDS), {teacher_id})
        if teacher_id not in names:
            raise NotFound("Педагог не найден")
        found = await teachers.municipality_of(session, teacher_id)
        assert found is not None
        municipality_id = found
        title = body.title or (
            "Мои методические мероприятия"
            if teacher_id == principal.teacher_id
            else f"Мероприятия: {names[teacher_id]}"
        )
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(
        municipality_id=municipality_id,
        kind=body.kind,
        teacher_id=teacher_id,
        title=title,
        token_hash=sha256_hex(token),
        created_by_type=principal.kind,
        created_by_id=principal.id,
    )
    session.add(feed)
    await session.flush()
    await record(
        session,
        principal,
        "create",
        "calendar_feed",
        feed.id,
        municipality_id,
        {"kind": body.kind, "teacher_id": teacher_id, "title": title},
    )
    url = base_url.rstrip("/") + FEED_PATH.format(token=token)
    return FeedCreated(**_read(feed).model_dump(), url=url)


def _own(principal: Principal):  # type: ignore[no-untyped-def]
    return true() if principal.is_sysadmin else repo.feeds_of(principal.kind, principal.id)


async def list_feeds(session: AsyncSession, principal: Principal, page: PageParams) -> Page[FeedRead]:
    """One's own subscriptions (their URLs are never shown again)."""
    feeds = await repo.list_feeds(session, repo.feeds_of(principal.kind, principal.id))
    chunk = feeds[page.offset : page.offset + page.limit]
    return Page(items=[_read(f) for f in chunk], total=len(feeds), limit=page.limit, offset=page.offset)


async def revoke_feed(session: AsyncSession, principal: Principal, feed_id: uuid.UUID) -> FeedRead:
    feed = await repo.get_feed(session, feed_id, _own(principal))
    if feed is None:
        raise NotFound("Подписка не найдена")
    if feed.revoked_at is not None:
        raise Conflict("Подписка уже отозвана", code="already_revoked")
    feed.revoked_at = utcnow()
    await session.flush()
    await record(session, principal, "archive", "calendar_feed", feed.id, feed.municipality_id, {"reason": "отозвана"})
    return _read(feed)


async def render_feed(session: AsyncSession, token: str) -> bytes:
    """The iCalendar file of a feed token, or 404 (unknown, revoked, or its creator no longer sees the events)."""
    if not 20 <= len(token) <= 100:
        raise NotFound("Календарь не найден")
    feed = await repo.feed_by_token_hash(session, sha256_hex(token))
    if feed is None:
        raise NotFound("Календарь не найден")
    actor = await load_actor(session, feed.created_by_type, feed.created_by_id)
    if actor is None:
        raise NotFound("Календарь не найден")
    if feed.kind == "municipality":
        allowed = actor.scope(EventPerm.READ).covers_municipality(feed.municipality_id)
    else:
        allowed = bool(await teachers.visible_ids(session, actor.scope(EventPerm.FEEDS), {feed.teacher_id}))  # type: ignore[arg-type]
    if not allowed:
        raise NotFound("Календарь не найден")
    since = date.today() - timedelta(days=FEED_HISTORY_DAYS)
    rows = await repo.feed_events(session, feed.municipality_id, feed.teacher_id, since, FEED_MAX_EVENTS)
    orgs = await organizations.names(
        session, {e.organizer_organization_id for e, _ in rows if e.organizer_organization_id}
    )
    cal = Calendar()
    cal.add("prodid", "-//Муниципальная методическая служба//Мероприятия//RU")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", feed.title)
    for e, roles in rows:
        item = ICalEvent()
        item.add("uid", f"{e.id}@mms")
        item.add("dtstamp", e.updated_at)
        item.add("sequence", e.version)
        item.add("summary", e.title)
        if e.start_time is not None:  # local time of the municipality (floating: no time zone is stored)
            item.add("dtstart", datetime.combine(e.start_date, e.start_time))
            if e.end_time is not None:
                item.add("dtend", datetime.combine(e.end_date or e.start_date, e.end_time))
            elif e.end_date and e.end_date != e.start_date:
                item.add("dtend", datetime.combine(e.end_date, time(23, 59)))
        else:  # whole days; DTEND is exclusive
            item.add("dtstart", e.start_date)
            item.add("dtend", (e.end_date or e.start_date) + timedelta(days=1))
        if e.place or e.url:
            item.add("location", e.place or e.url)
        if e.url:
            item.add("url", e.url)
        organizer = orgs.get(e.organizer_organization_id) if e.organizer_organization_id else e.organizer_name
        lines = [f"{EVENT_TYPES[e.type].capitalize()}, {EVENT_LEVELS[e.level]} уровень, {EVENT_FORMATS[e.format]}"]
        if organizer:
            lines.append(f"Организатор: {organizer}")
        if roles:
            lines.append("Роль: " + ", ".join(PARTICIPATION_ROLES[r] for r in sorted(roles)))
        if e.content:
            lines.append(e.content)
        item.add("description", "\n".join(lines))
        item.add("status", ICAL_STATUS[e.status])
        item.add("categories", [EVENT_TYPES[e.type], EVENT_LEVELS[e.level]])
        cal.add_component(item)
    return cal.to_ical()
