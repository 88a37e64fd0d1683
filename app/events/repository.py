"""Every SQL statement of events, series, participation, awards and calendar feeds.

Scope conditions: an event or a series is seen in its municipality and by the school that recorded it (a school's
write scope reaches only its own records); a participation or an award about a teacher is seen by the municipality
and by whoever may see that teacher through the teachers' gate (a school its current staff, a teacher themself).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    cast,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from app.core.access import Scope, organization_visible
from app.core.audit_trail import AuditSubject, describe
from app.core.pagination import PageParams, apply_sort, paginate
from app.core.resource import Resource
from app.core.search import text_search
from app.events.models import (
    ATTENDANCE,
    AWARD_KINDS,
    CONTEST_RESULTS,
    EVENT_FORMATS,
    EVENT_LEVELS,
    EVENT_STATUSES,
    EVENT_TYPES,
    LEVEL_RANKS,
    PARTICIPATION_ROLES,
    Award,
    CalendarFeed,
    Event,
    EventMaterial,
    EventResponsible,
    EventSeries,
    Participation,
)
from app.events.permissions import EventPerm
from app.events.schemas import EventFilters
from app.teachers import service as teachers

# --- scope conditions ---------------------------------------------------------------------------------------------


def event_visible(scope: Scope) -> ColumnElement[bool]:
    return organization_visible(scope, Event.owner_organization_id, Event.municipality_id)


def series_visible(scope: Scope) -> ColumnElement[bool]:
    return organization_visible(scope, EventSeries.owner_organization_id, EventSeries.municipality_id)


def _about_teacher(scope: Scope, municipality_col: Any, teacher_col: Any, *more: ColumnElement[bool]) -> Any:
    """Rows about a teacher: the municipality of the scope, or a teacher the scope's schools/own record reach."""
    if scope.all:
        return true()
    conds: list[Any] = []
    if scope.municipality_ids:
        conds.append(municipality_col.in_(scope.municipality_ids))
    if scope.organization_ids or scope.teacher_ids:
        narrow = Scope(organization_ids=scope.organization_ids, teacher_ids=scope.teacher_ids)
        conds.append(teacher_col.in_(teachers.teacher_ids_in_scope(narrow)))
    conds.extend(more)
    return or_(*conds) if conds else false()


def participation_visible(scope: Scope) -> ColumnElement[bool]:
    return _about_teacher(scope, Participation.municipality_id, Participation.teacher_id)


def award_visible(scope: Scope) -> ColumnElement[bool]:
    own_orgs = [Award.organization_id.in_(scope.organization_ids)] if scope.organization_ids else []
    return _about_teacher(scope, Award.municipality_id, Award.teacher_id, *own_orgs)


EVENT_FIELDS = (
    "type",
    "level",
    "format",
    "status",
    "title",
    "content",
    "start_date",
    "end_date",
    "start_time",
    "end_time",
    "place",
    "url",
    "organizer_organization_id",
    "organizer_name",
    "owner_organization_id",
    "series_id",
    "session_number",
    "audience_positions",
    "audience_subjects",
    "audience_young",
    "audience_note",
    "competence_areas",
)
SERIES_FIELDS = (
    "title",
    "academic_year",
    "goal",
    "tasks",
    "audience_note",
    "order_number",
    "order_date",
    "organizer_organization_id",
    "organizer_name",
    "owner_organization_id",
    "forms_of_work",
    "conclusions",
)
PARTICIPATION_FIELDS = (
    "event_id",
    "teacher_id",
    "organization_id",
    "role",
    "result",
    "hours",
    "certificate_number",
    "intends_to_apply",
    "attendance",
    "presentation_title",
    "note",
)
AWARD_FIELDS = (
    "kind",
    "teacher_id",
    "organization_id",
    "recipient_name",
    "event_id",
    "series_id",
    "awarded_on",
    "issuer",
    "order_number",
    "order_date",
    "text",
)

events: Resource[Event] = Resource(
    model=Event,
    entity_type="event",
    not_found="Мероприятие не найдено",
    visible=event_visible,
    municipality_of=lambda e: e.municipality_id,
    sorts={
        "start_date": Event.start_date,
        "title": Event.title,
        "level": Event.level_rank,
        "type": Event.type,
        "status": Event.status,
        "created_at": Event.created_at,
        "updated_at": Event.updated_at,
    },
    default_order=(Event.start_date.desc(), Event.start_time.desc().nulls_last(), Event.id),
    audit_fields=EVENT_FIELDS,
    if_match_required=True,
)
series: Resource[EventSeries] = Resource(
    model=EventSeries,
    entity_type="event_series",
    not_found="Цикл мероприятий не найден",
    visible=series_visible,
    municipality_of=lambda s: s.municipality_id,
    sorts={
        "title": EventSeries.title,
        "academic_year": EventSeries.academic_year,
        "order_date": EventSeries.order_date,
        "created_at": EventSeries.created_at,
    },
    default_order=(EventSeries.academic_year.desc(), EventSeries.title, EventSeries.id),
    audit_fields=SERIES_FIELDS,
    if_match_required=True,
)
participations: Resource[Participation] = Resource(
    model=Participation,
    entity_type="participation",
    not_found="Запись участия не найдена",
    visible=participation_visible,
    municipality_of=lambda p: p.municipality_id,
    audit_fields=PARTICIPATION_FIELDS,
    if_match_required=True,
)
awards: Resource[Award] = Resource(
    model=Award,
    entity_type="award",
    not_found="Награда не найдена",
    visible=award_visible,
    municipality_of=lambda a: a.municipality_id,
    audit_fields=AWARD_FIELDS,
    if_match_required=True,
)

EVENT_LOAD = (selectinload(Event.responsibles), selectinload(Event.materials))


# --- events -------------------------------------------------------------------------------------------------------


def event_filters(f: EventFilters) -> list[Any]:
    out: list[Any] = []
    if f.q:
        out.append(text_search(f.q, Event.title, Event.content))
    if f.municipality_id:
        out.append(Event.municipality_id == f.municipality_id)
    if f.type:
        out.append(Event.type.in_(f.type))
    if f.level:
        out.append(Event.level.in_(f.level))
    if f.level_min:
        out.append(Event.level_rank >= LEVEL_RANKS[f.level_min])
    if f.level_max:
        out.append(Event.level_rank <= LEVEL_RANKS[f.level_max])
    if f.format:
        out.append(Event.format == f.format)
    if f.status:
        out.append(Event.status.in_(f.status))
    if f.organizer_organization_id:
        out.append(Event.organizer_organization_id == f.organizer_organization_id)
    if f.organization_id:
        out.append(
            or_(
                Event.organizer_organization_id == f.organization_id,
                Event.owner_organization_id == f.organization_id,
                exists().where(
                    EventResponsible.event_id == Event.id,
                    EventResponsible.municipality_id == Event.municipality_id,
                    EventResponsible.organization_id == f.organization_id,
                ),
            )
        )
    if f.owner == "municipal":
        out.append(Event.owner_organization_id.is_(None))
    elif f.owner == "school":
        out.append(Event.owner_organization_id.is_not(None))
    if f.series_id:
        out.append(Event.series_id == f.series_id)
    if f.period is not None:
        # an event belongs to the period of its start date (the KPI rule), both ends included
        out.append(Event.start_date.between(f.period.start, f.period.end))
    out.extend(overlapping(f.date_from, f.date_to))
    if f.audience_young is not None:
        out.append(Event.audience_young.is_(f.audience_young))
    return out


def overlapping(date_from: date | None, date_to: date | None) -> list[Any]:
    """Events going on some day of the window (a multi-day event counts on every one of its days)."""
    out: list[Any] = []
    if date_to is not None:
        out.append(Event.start_date <= date_to)
    if date_from is not None:
        out.append(func.coalesce(Event.end_date, Event.start_date) >= date_from)
    return out


async def list_events(
    session: AsyncSession, scope: Scope, f: EventFilters, page: PageParams
) -> tuple[list[Event], int]:
    stmt = events.list_query(scope, event_filters(f), sort=page.sort, include_archived=f.include_archived)
    return await paginate(session, stmt.options(*EVENT_LOAD), page)


async def export_events(
    session: AsyncSession, scope: Scope, f: EventFilters, sort: str | None, limit: int
) -> list[Event]:
    stmt = events.list_query(scope, event_filters(f), sort=sort, include_archived=f.include_archived)
    return list((await session.scalars(stmt.options(*EVENT_LOAD).limit(limit))).unique().all())


async def calendar(session: AsyncSession, scope: Scope, f: EventFilters, limit: int) -> list[Event]:
    stmt = events.list_query(scope, event_filters(f), include_archived=False).order_by(None)
    stmt = stmt.order_by(Event.start_date, Event.start_time.nulls_first(), Event.title, Event.id)
    return list((await session.scalars(stmt.limit(limit))).all())


async def get_event(session: AsyncSession, scope: Scope, event_id: uuid.UUID, *, children: bool = True) -> Event:
    return await events.get(session, scope, event_id, *(EVENT_LOAD if children else ()))


async def material_in(session: AsyncSession, scope: Scope, material_id: uuid.UUID) -> EventMaterial | None:
    """A material of an event inside `scope` (the material is as visible as its event)."""
    stmt = (
        select(EventMaterial)
        .join(Event, (Event.id == EventMaterial.event_id) & (Event.municipality_id == EventMaterial.municipality_id))
        .where(EventMaterial.id == material_id, event_visible(scope))
    )
    return (await session.scalars(stmt)).one_or_none()


async def event_in(session: AsyncSession, scope: Scope, event_id: uuid.UUID) -> Event | None:
    """The event if it lies inside `scope` (no 404: the caller decides what to answer)."""
    return (await session.scalars(events.select(scope).where(Event.id == event_id))).one_or_none()


async def participant_counts(session: AsyncSession, event_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    ids = list(event_ids)
    if not ids:
        return {}
    rows = await session.execute(
        select(Participation.event_id, func.count(func.distinct(Participation.teacher_id)))
        .where(Participation.event_id.in_(ids), Participation.archived_at.is_(None))
        .group_by(Participation.event_id)
    )
    return {eid: int(n) for eid, n in rows.all()}


async def series_titles(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    rows = await session.execute(select(EventSeries.id, EventSeries.title).where(EventSeries.id.in_(ids)))
    return {sid: t for sid, t in rows.all()}


async def event_titles(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    rows = await session.execute(select(Event.id, Event.title).where(Event.id.in_(ids)))
    return {eid: t for eid, t in rows.all()}


# --- series -------------------------------------------------------------------------------------------------------


def series_filters(
    q: str | None,
    municipality_id: uuid.UUID | None,
    academic_year: int | None,
    owner_organization_id: uuid.UUID | None,
) -> list[Any]:
    out: list[Any] = []
    if q:
        out.append(text_search(q, EventSeries.title))
    if municipality_id:
        out.append(EventSeries.municipality_id == municipality_id)
    if academic_year is not None:
        out.append(EventSeries.academic_year == academic_year)
    if owner_organization_id:
        out.append(EventSeries.owner_organization_id == owner_organization_id)
    return out


async def session_counts(session: AsyncSession, series_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    ids = list(series_ids)
    if not ids:
        return {}
    rows = await session.execute(
        select(Event.series_id, func.count())
        .where(Event.series_id.in_(ids), Event.archived_at.is_(None))
        .group_by(Event.series_id)
    )
    return {sid: int(n) for sid, n in rows.all()}


async def sessions_of(session: AsyncSession, scope: Scope, series_id: uuid.UUID) -> list[Event]:
    stmt = (
        events.select(scope)
        .where(Event.series_id == series_id, Event.archived_at.is_(None))
        .order_by(Event.session_number.nulls_last(), Event.start_date, Event.id)
    )
    return list((await session.scalars(stmt)).all())


async def series_in(session: AsyncSession, scope: Scope, series_id: uuid.UUID) -> EventSeries | None:
    return (await session.scalars(series.select(scope).where(EventSeries.id == series_id))).one_or_none()


# --- the analytical report of a series: three set-based queries, whatever the number of sessions ---


def _report_sessions(scope: Scope, series_id: uuid.UUID, *columns: Any) -> Select[Any]:
    """The series' sessions inside the scope, not archived (an event archived as entered in error is no session)."""
    return events.select(scope, *columns).where(Event.series_id == series_id, Event.archived_at.is_(None))


async def report_sessions(session: AsyncSession, scope: Scope, series_id: uuid.UUID) -> list[Event]:
    """The sessions by date, with their responsible people and organizations (one query)."""
    stmt = (
        _report_sessions(scope, series_id)
        .options(joinedload(Event.responsibles))
        .order_by(Event.start_date, Event.start_time.nulls_first(), Event.session_number.nulls_last(), Event.id)
    )
    return list((await session.scalars(stmt)).unique().all())


# A teacher counts once per session whatever their roles there; «отсутствовал» is no participation.
_PRESENT = Participation.attendance != "absent"


def _distinct_teachers(*conds: ColumnElement[bool]) -> Any:
    return func.count(func.distinct(Participation.teacher_id)).filter(*conds)


async def report_session_counts(
    session: AsyncSession, scope: Scope, series_id: uuid.UUID
) -> dict[uuid.UUID, tuple[int, int]]:
    """Per session: (teachers present or registered without a mark, of them marked present)."""
    stmt = (
        select(
            Participation.event_id,
            _distinct_teachers(_PRESENT),
            _distinct_teachers(Participation.attendance == "attended"),
        )
        .where(
            Participation.event_id.in_(_report_sessions(scope, series_id, Event.id)),
            Participation.archived_at.is_(None),
        )
        .group_by(Participation.event_id)
    )
    return {eid: (int(total), int(attended)) for eid, total, attended in (await session.execute(stmt)).all()}


async def report_organization_counts(
    session: AsyncSession, scope: Scope, series_id: uuid.UUID
) -> tuple[list[tuple[uuid.UUID | None, int, int, int]], tuple[int, int]]:
    """Per organization of the participants (None: not recorded): (organization, teachers, sessions they attended,
    speakers), and the series' totals (distinct teachers, sessions with anyone) — one query, by ROLLUP."""
    stmt = (
        select(
            func.grouping(Participation.organization_id),
            Participation.organization_id,
            func.count(func.distinct(Participation.teacher_id)),
            func.count(func.distinct(Participation.event_id)),
            _distinct_teachers(Participation.role == "speaker"),
        )
        .where(
            Participation.event_id.in_(_report_sessions(scope, series_id, Event.id)),
            Participation.archived_at.is_(None),
            _PRESENT,
        )
        .group_by(func.rollup(Participation.organization_id))
    )
    rows, totals = [], (0, 0)
    for grouped, org_id, teachers_n, sessions_n, speakers_n in (await session.execute(stmt)).all():
        if grouped:
            totals = (int(teachers_n), int(sessions_n))
        else:
            rows.append((org_id, int(teachers_n), int(sessions_n), int(speakers_n)))
    return rows, totals


# --- participation ------------------------------------------------------------------------------------------------


def participation_filters(
    *,
    event_id: uuid.UUID | None = None,
    teacher_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    series_id: uuid.UUID | None = None,
    role: Sequence[str] | None = None,
    attendance: Sequence[str] | None = None,
    result: Sequence[str] | None = None,
    intends_to_apply: bool | None = None,
    municipality_id: uuid.UUID | None = None,
    event_filters_: EventFilters | None = None,
) -> list[Any]:
    out: list[Any] = []
    if event_id:
        out.append(Participation.event_id == event_id)
    if teacher_id:
        out.append(Participation.teacher_id == teacher_id)
    if organization_id:
        out.append(Participation.organization_id == organization_id)
    if series_id:
        out.append(Event.series_id == series_id)
    if role:
        out.append(Participation.role.in_(role))
    if attendance:
        out.append(Participation.attendance.in_(attendance))
    if result:
        out.append(Participation.result.in_(result))
    if intends_to_apply is not None:
        out.append(Participation.intends_to_apply.is_(intends_to_apply))
    if municipality_id:
        out.append(Participation.municipality_id == municipality_id)
    if event_filters_ is not None:
        out.extend(event_filters(event_filters_))
        if not event_filters_.include_archived:
            out.append(Event.archived_at.is_(None))  # an event archived as entered in error counts nowhere
    return out


def _participation_rows(scope: Scope, conditions: Sequence[Any], sort: str | None, include_archived: bool) -> Any:
    name = teachers.full_name_of(Participation.teacher_id)
    stmt = (
        select(
            Participation,
            Event.title.label("event_title"),
            Event.start_date.label("event_start_date"),
            Event.type.label("event_type"),
            Event.level.label("event_level"),
            name.label("teacher_name"),
        )
        .join(Event, and_(Event.id == Participation.event_id, Event.municipality_id == Participation.municipality_id))
        .where(participation_visible(scope), *conditions)
    )
    if not include_archived:
        stmt = stmt.where(Participation.archived_at.is_(None))
    sorts = {
        "event_start_date": Event.start_date,
        "teacher_name": name,
        "role": Participation.role,
        "attendance": Participation.attendance,
        "created_at": Participation.created_at,
    }
    return apply_sort(stmt, sort, sorts, [Event.start_date.desc(), name, Participation.role, Participation.id])


async def list_participations(
    session: AsyncSession, scope: Scope, conditions: Sequence[Any], page: PageParams, include_archived: bool
) -> tuple[list[Any], int]:
    stmt = _participation_rows(scope, conditions, page.sort, include_archived)
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = (await session.execute(stmt.limit(page.limit).offset(page.offset))).all()
    return list(rows), int(total or 0)


async def export_participations(
    session: AsyncSession, scope: Scope, conditions: Sequence[Any], sort: str | None, include_archived: bool, limit: int
) -> list[Any]:
    stmt = _participation_rows(scope, conditions, sort, include_archived)
    return list((await session.execute(stmt.limit(limit))).all())


async def participation_rows_by_id(session: AsyncSession, scope: Scope, ids: Sequence[uuid.UUID]) -> list[Any]:
    if not ids:
        return []
    stmt = _participation_rows(scope, [Participation.id.in_(ids)], None, include_archived=True)
    return list((await session.execute(stmt)).all())


async def ids_in_scope(session: AsyncSession, scope: Scope, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these participations lie inside `scope`."""
    if not ids:
        return set()
    stmt = participations.select(scope, Participation.id).where(Participation.id.in_(ids))
    return set((await session.scalars(stmt)).all())


async def active_participations(
    session: AsyncSession, event_id: uuid.UUID, teacher_ids: Iterable[uuid.UUID], role: str | None = None
) -> list[Participation]:
    """The active rows of these teachers at an event (of one role, when given)."""
    ids = list(teacher_ids)
    if not ids:
        return []
    stmt = select(Participation).where(
        Participation.event_id == event_id, Participation.teacher_id.in_(ids), Participation.archived_at.is_(None)
    )
    if role is not None:
        stmt = stmt.where(Participation.role == role)
    return list((await session.scalars(stmt)).all())


async def participations_for_attendance(
    session: AsyncSession,
    scope: Scope,
    event_id: uuid.UUID,
    participation_ids: set[uuid.UUID],
    teacher_ids: set[uuid.UUID],
) -> list[Participation]:
    stmt = participations.select(scope).where(
        Participation.event_id == event_id,
        Participation.archived_at.is_(None),
        or_(Participation.id.in_(participation_ids), Participation.teacher_id.in_(teacher_ids)),
    )
    return list((await session.scalars(stmt)).all())


# --- awards -------------------------------------------------------------------------------------------------------


def award_filters(
    *,
    teacher_id: uuid.UUID | None,
    organization_id: uuid.UUID | None,
    event_id: uuid.UUID | None,
    series_id: uuid.UUID | None,
    kind: Sequence[str] | None,
    municipality_id: uuid.UUID | None,
    period_start: date | None,
    period_end: date | None,
) -> list[Any]:
    out: list[Any] = []
    if teacher_id:
        out.append(Award.teacher_id == teacher_id)
    if organization_id:
        out.append(Award.organization_id == organization_id)
    if event_id:
        out.append(Award.event_id == event_id)
    if series_id:
        out.append(Award.series_id == series_id)
    if kind:
        out.append(Award.kind.in_(kind))
    if municipality_id:
        out.append(Award.municipality_id == municipality_id)
    if period_start and period_end:
        out.append(Award.awarded_on.between(period_start, period_end))
    return out


def _award_rows(scope: Scope, conditions: Sequence[Any], sort: str | None, include_archived: bool) -> Any:
    name = teachers.full_name_of(Award.teacher_id)
    stmt = (
        select(
            Award, name.label("teacher_name"), Event.title.label("event_title"), EventSeries.title.label("series_title")
        )
        .outerjoin(Event, Event.id == Award.event_id)
        .outerjoin(EventSeries, EventSeries.id == Award.series_id)
        .where(award_visible(scope), *conditions)
    )
    if not include_archived:
        stmt = stmt.where(Award.archived_at.is_(None))
    sorts = {"awarded_on": Award.awarded_on, "kind": Award.kind, "teacher_name": name, "created_at": Award.created_at}
    return apply_sort(stmt, sort, sorts, [Award.awarded_on.desc(), Award.id])


async def list_awards(
    session: AsyncSession, scope: Scope, conditions: Sequence[Any], page: PageParams, include_archived: bool
) -> tuple[list[Any], int]:
    stmt = _award_rows(scope, conditions, page.sort, include_archived)
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = (await session.execute(stmt.limit(page.limit).offset(page.offset))).all()
    return list(rows), int(total or 0)


async def award_ids_in_scope(session: AsyncSession, scope: Scope, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    if not ids:
        return set()
    stmt = awards.select(scope, Award.id).where(Award.id.in_(ids))
    return set((await session.scalars(stmt)).all())


async def award_row(session: AsyncSession, scope: Scope, award_id: uuid.UUID) -> Any:
    return (await session.execute(_award_rows(scope, [Award.id == award_id], None, True))).one_or_none()


# --- calendar feeds -----------------------------------------------------------------------------------------------


def feeds_of(actor_type: str, actor_id: uuid.UUID) -> ColumnElement[bool]:
    return and_(CalendarFeed.created_by_type == actor_type, CalendarFeed.created_by_id == actor_id)


async def list_feeds(session: AsyncSession, condition: ColumnElement[bool]) -> list[CalendarFeed]:
    stmt = select(CalendarFeed).where(condition).order_by(CalendarFeed.created_at.desc(), CalendarFeed.id)
    return list((await session.scalars(stmt.limit(200))).all())


async def get_feed(session: AsyncSession, feed_id: uuid.UUID, condition: ColumnElement[bool]) -> CalendarFeed | None:
    return (await session.scalars(select(CalendarFeed).where(CalendarFeed.id == feed_id, condition))).one_or_none()


async def feed_by_token_hash(session: AsyncSession, token_hash: str) -> CalendarFeed | None:
    return (
        await session.scalars(
            select(CalendarFeed).where(CalendarFeed.token_hash == token_hash, CalendarFeed.revoked_at.is_(None))
        )
    ).one_or_none()


async def feed_events(
    session: AsyncSession, municipality_id: uuid.UUID, teacher_id: uuid.UUID | None, since: date, limit: int
) -> list[tuple[Event, list[str]]]:
    """The events a feed lists from `since` on: all of a municipality's, or those a teacher takes part in (with the
    teacher's roles)."""
    conds = [Event.municipality_id == municipality_id, Event.archived_at.is_(None), *overlapping(since, None)]
    if teacher_id is None:
        stmt = select(Event, literal(None)).where(*conds)
    else:
        roles = (
            select(func.array_agg(func.distinct(Participation.role)))
            .where(
                Participation.event_id == Event.id,
                Participation.teacher_id == teacher_id,
                Participation.archived_at.is_(None),
            )
            .scalar_subquery()
        )
        stmt = (
            select(Event, roles)
            .where(*conds)
            .where(
                exists().where(
                    Participation.event_id == Event.id,
                    Participation.municipality_id == municipality_id,
                    Participation.teacher_id == teacher_id,
                    Participation.archived_at.is_(None),
                )
            )
        )
    stmt = stmt.order_by(Event.start_date, Event.id).limit(limit)
    return [(e, list(r or [])) for e, r in (await session.execute(stmt)).all()]


# --- how these records read in the audit log ----------------------------------------------------------------------


def _names(principal: Any, ids: Sequence[uuid.UUID]) -> Select[Any]:
    def by_id(kind: str, name: Any, id_col: Any, cond: Any) -> Select[Any]:
        return select(literal(kind), cast(id_col, String), name).where(id_col.in_(ids), cond)

    return union_all(  # type: ignore[return-value]
        by_id("event", Event.title, Event.id, event_visible(principal.scope(EventPerm.READ))),
        by_id("event_series", EventSeries.title, EventSeries.id, series_visible(principal.scope(EventPerm.READ))),
        by_id(
            "participation",
            func.concat(teachers.full_name_of(Participation.teacher_id), " — ", Participation.role),
            Participation.id,
            participation_visible(principal.scope(EventPerm.PARTICIPATIONS_READ)),
        ),
        by_id(
            "award",
            func.coalesce(teachers.full_name_of(Award.teacher_id), Award.recipient_name, Award.kind),
            Award.id,
            award_visible(principal.scope(EventPerm.AWARDS_READ)),
        ),
    )


_EVENT_LABELS = {
    "type": "Вид",
    "level": "Уровень",
    "format": "Формат",
    "status": "Статус",
    "title": "Название",
    "content": "Содержание",
    "start_date": "Дата начала",
    "end_date": "Дата окончания",
    "start_time": "Время начала",
    "end_time": "Время окончания",
    "place": "Место",
    "url": "Ссылка",
    "organizer_organization_id": "Организатор",
    "organizer_name": "Организатор (вне муниципалитета)",
    "owner_organization_id": "Внесла школа",
    "series_id": "Цикл",
    "session_number": "Номер заседания",
    "audience_positions": "Для должностей",
    "audience_subjects": "Для предметов",
    "audience_young": "Для молодых педагогов",
    "audience_note": "Для кого",
    "competence_areas": "Области компетенций",
    "responsible_people": "Ответственные",
    "responsible_organizations": "Ответственные организации",
    "materials": "Материалы",
}
_VALUES = {
    "type": EVENT_TYPES,
    "level": EVENT_LEVELS,
    "format": EVENT_FORMATS,
    "status": EVENT_STATUSES,
    "role": PARTICIPATION_ROLES,
    "result": CONTEST_RESULTS,
    "attendance": ATTENDANCE,
    "kind": AWARD_KINDS,
}

describe(
    AuditSubject(
        entity_type="event",
        label="Мероприятие",
        field_labels=_EVENT_LABELS,
        value_labels={k: v for k, v in _VALUES.items() if k in _EVENT_LABELS},
        names=_names,
        list_label="Список мероприятий",
    )
)
describe(
    AuditSubject(
        entity_type="event_series",
        label="Цикл мероприятий",
        field_labels={
            "title": "Название",
            "academic_year": "Учебный год",
            "goal": "Цель",
            "tasks": "Задачи",
            "audience_note": "На кого ориентирован",
            "order_number": "Номер приказа",
            "order_date": "Дата приказа",
            "organizer_organization_id": "Организатор",
            "organizer_name": "Организатор (вне муниципалитета)",
            "owner_organization_id": "Ведёт школа",
            "forms_of_work": "Формы работы",
            "conclusions": "Выводы",
        },
        names=_names,
    )
)
describe(
    AuditSubject(
        entity_type="participation",
        label="Участие в мероприятии",
        field_labels={
            "event_id": "Мероприятие",
            "teacher_id": "Педагог",
            "organization_id": "Организация педагога",
            "role": "Роль",
            "result": "Результат",
            "hours": "Часы",
            "certificate_number": "Номер сертификата",
            "intends_to_apply": "Намерен применить практику",
            "attendance": "Посещение",
            "presentation_title": "Тема выступления",
            "note": "Примечание",
            "source": "Источник",
        },
        value_labels={k: _VALUES[k] for k in ("role", "result", "attendance")},
        names=_names,
        personal=True,
        list_label="Список участников",
    )
)
describe(
    AuditSubject(
        entity_type="award",
        label="Награда",
        field_labels={
            "kind": "Вид",
            "teacher_id": "Педагог",
            "organization_id": "Организация",
            "recipient_name": "Кому (вне реестра)",
            "event_id": "Мероприятие",
            "series_id": "Цикл",
            "awarded_on": "Дата награждения",
            "issuer": "Кем выдана",
            "order_number": "Номер приказа",
            "order_date": "Дата приказа",
            "text": "Текст",
        },
        value_labels={"kind": AWARD_KINDS},
        names=_names,
        personal=True,
    )
)
describe(
    AuditSubject(
        entity_type="calendar_feed",
        label="Подписка на календарь",
        field_labels={"kind": "Что содержит", "teacher_id": "Педагог", "title": "Название"},
        value_labels={"kind": {"municipality": "мероприятия муниципалитета", "teacher": "мероприятия педагога"}},
    )
)
