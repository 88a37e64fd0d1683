"""Events and their series: reads inside the caller's scope with what the caller may do with each record, and
audited writes with the rules of who records what.

- The municipality (department, methodologists) records events and series of any level; its records carry no
  owning school. A school administrator records events for their own school (`owner_organization_id`), of any level
  but municipal ones, which are the municipality's; they cannot change the municipality's records (403 naming why)
  nor another school's (404: outside their scope).
- PATCH and archive require `If-Match` (428 without it, 412 when stale).

Participation, awards and calendar feeds are in `participation.py`, `awards.py` and `feeds.py` of this package.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.core.access import Principal, Scope
from app.core.audit_trail import diff, snapshot
from app.core.errors import FieldError, Forbidden, NotFound, Unprocessable
from app.core.pagination import Page, PageParams
from app.core.periods import Period
from app.core.settings import API_PREFIX
from app.core.timeline import TimelineEntry, register_source
from app.events import report
from app.events import repository as repo
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
    Event,
    EventMaterial,
    EventResponsible,
    EventSeries,
)
from app.events.permissions import EventPerm
from app.events.schemas import (
    EventBrief,
    EventCreate,
    EventFilters,
    EventRead,
    EventUpdate,
    EventVocabulary,
    MaterialIn,
    MaterialRead,
    ResponsibleOrganizationIn,
    ResponsibleOrganizationRead,
    ResponsiblePersonIn,
    ResponsiblePersonRead,
    SeriesCreate,
    SeriesRead,
    SeriesUpdate,
    VocabularyItem,
    _check_times,
)
from app.files import service as files
from app.files.permissions import FilePerm
from app.organizations import service as organizations
from app.reference import service as reference
from app.teachers import service as teachers
from app.teachers.permissions import TeacherPerm
from app.users import service as users

MUNICIPAL_RECORD = (
    "Это запись муниципалитета: изменить её могут методист или управление образования. "
    "Своих педагогов вы можете записать на это мероприятие."
)
MUNICIPAL_LEVEL = (
    "Мероприятия муниципального уровня вносят методист или управление образования; "
    "своих педагогов вы можете записать на них из календаря"
)
EVENT_SCALARS = frozenset(repo.EVENT_FIELDS) - {"owner_organization_id"}
EVENT_CHILDREN = ("responsible_people", "responsible_organizations", "materials")


def _unprocessable(field: str, message: str, code: str = "invalid") -> Unprocessable:
    return Unprocessable(message, errors=[FieldError(field=field, message=message, code=code)])


# --- who may do what ----------------------------------------------------------------------------------------------


def school_only(scope: Scope, municipality_id: uuid.UUID) -> bool:
    """The scope reaches some schools of the municipality but not the municipality itself (a school administrator)."""
    return not scope.covers_municipality(municipality_id)


def may_write_record(principal: Principal, municipality_id: uuid.UUID, owner_id: uuid.UUID | None) -> bool:
    """The write scope's condition (`repository.event_visible`) on a loaded event or series."""
    return principal.scope(EventPerm.WRITE).covers_organization(owner_id, municipality_id)


def may_register(principal: Principal, municipality_id: uuid.UUID) -> bool:
    """Whether the caller may register some teachers (the municipality's, or their school's) at an event."""
    scope = principal.scope(EventPerm.PARTICIPATIONS_WRITE)
    return scope.covers_municipality(municipality_id) or bool(scope.organization_ids)


def may_award(principal: Principal, municipality_id: uuid.UUID) -> bool:
    scope = principal.scope(EventPerm.AWARDS_WRITE)
    return scope.covers_municipality(municipality_id) or bool(scope.organization_ids)


def event_actions(principal: Principal, e: Event, today: date | None = None) -> list[str]:
    """What this caller may do with this event, by the rules the writes use."""
    if e.archived_at is not None:
        return []
    today = today or date.today()
    out = []
    if may_write_record(principal, e.municipality_id, e.owner_organization_id):
        out += ["update", "archive"]
    if e.status != "cancelled" and may_register(principal, e.municipality_id):
        out.append("add_participants")
        if e.start_date <= today:
            out.append("mark_attendance")
    if may_award(principal, e.municipality_id):
        out.append("award")
    return out


def series_actions(principal: Principal, s: EventSeries) -> list[str]:
    if s.archived_at is not None:
        return []
    out = []
    if may_write_record(principal, s.municipality_id, s.owner_organization_id):
        out += ["update", "archive", "add_session"]
    if may_award(principal, s.municipality_id):
        out.append("award")
    return out


# --- reads --------------------------------------------------------------------------------------------------------


def vocabulary() -> EventVocabulary:
    def items(d: dict[str, str]) -> list[VocabularyItem]:
        return [VocabularyItem(code=c, name=n) for c, n in d.items()]

    return EventVocabulary(
        types=items(EVENT_TYPES),
        levels=[VocabularyItem(code=c, name=n, rank=LEVEL_RANKS[c]) for c, n in EVENT_LEVELS.items()],
        formats=items(EVENT_FORMATS),
        statuses=items(EVENT_STATUSES),
        roles=items(PARTICIPATION_ROLES),
        results=items(CONTEST_RESULTS),
        attendance=items(ATTENDANCE),
        award_kinds=items(AWARD_KINDS),
    )


async def _org_names(session: AsyncSession, events: Sequence[Event]) -> dict[uuid.UUID, str]:
    ids: set[uuid.UUID] = set()
    for e in events:
        ids |= {i for i in (e.organizer_organization_id, e.owner_organization_id) if i}
        if "responsibles" in e.__dict__:
            ids |= {r.organization_id for r in e.responsibles if r.organization_id}
    return await organizations.names(session, ids)


async def event_reads(session: AsyncSession, principal: Principal, events: Sequence[Event]) -> list[EventRead]:
    """The events as the API shows them (their children loaded), with names, counts and actions (a few queries for
    the whole page)."""
    orgs = await _org_names(session, events)
    series = await repo.series_titles(session, {e.series_id for e in events if e.series_id})
    counts = await repo.participant_counts(session, [e.id for e in events])
    today = date.today()
    out = []
    for e in events:
        out.append(
            EventRead(
                id=e.id,
                municipality_id=e.municipality_id,
                series_id=e.series_id,
                series_title=series.get(e.series_id) if e.series_id else None,
                session_number=e.session_number,
                type=e.type,  # type: ignore[arg-type]
                level=e.level,  # type: ignore[arg-type]
                level_rank=LEVEL_RANKS[e.level],
                format=e.format,  # type: ignore[arg-type]
                status=e.status,  # type: ignore[arg-type]
                title=e.title,
                content=e.content,
                start_date=e.start_date,
                end_date=e.end_date,
                start_time=e.start_time,
                end_time=e.end_time,
                place=e.place,
                url=e.url,
                organizer_organization_id=e.organizer_organization_id,
                organizer_organization_name=orgs.get(e.organizer_organization_id)
                if e.organizer_organization_id
                else None,
                organizer_name=e.organizer_name,
                owner_organization_id=e.owner_organization_id,
                owner_organization_name=orgs.get(e.owner_organization_id) if e.owner_organization_id else None,
                audience_positions=list(e.audience_positions or []),
                audience_subjects=list(e.audience_subjects or []),
                audience_young=e.audience_young,
                audience_note=e.audience_note,
                competence_areas=list(e.competence_areas or []),
                responsible_people=[
                    ResponsiblePersonRead(user_id=r.user_id, teacher_id=r.teacher_id, name=r.name, note=r.note)
                    for r in e.responsibles
                    if r.kind == "person"
                ],
                responsible_organizations=[
                    ResponsibleOrganizationRead(
                        organization_id=r.organization_id,  # type: ignore[arg-type]
                        organization_name=orgs.get(r.organization_id) if r.organization_id else None,
                        note=r.note,
                    )
                    for r in e.responsibles
                    if r.kind == "organization"
                ],
                materials=[
                    MaterialRead(
                        id=m.id,
                        title=m.title,
                        file_id=m.file_id,
                        url=m.url,
                        content_url=material_content_url(m.id) if m.file_id else None,
                    )
                    for m in e.materials
                ],
                participant_count=counts.get(e.id, 0),
                version=e.version,
                created_at=e.created_at,
                updated_at=e.updated_at,
                archived_at=e.archived_at,
                archive_reason=e.archive_reason,
                actions=event_actions(principal, e, today),
            )
        )
    return out


async def event_briefs(session: AsyncSession, events: Sequence[Event]) -> list[EventBrief]:
    orgs = await organizations.names(
        session, {e.organizer_organization_id for e in events if e.organizer_organization_id}
    )
    counts = await repo.participant_counts(session, [e.id for e in events])
    return [
        EventBrief(
            id=e.id,
            series_id=e.series_id,
            session_number=e.session_number,
            type=e.type,  # type: ignore[arg-type]
            level=e.level,  # type: ignore[arg-type]
            format=e.format,  # type: ignore[arg-type]
            status=e.status,  # type: ignore[arg-type]
            title=e.title,
            start_date=e.start_date,
            end_date=e.end_date,
            start_time=e.start_time,
            end_time=e.end_time,
            place=e.place,
            url=e.url,
            organizer=orgs.get(e.organizer_organization_id) if e.organizer_organization_id else e.organizer_name,
            owner_organization_id=e.owner_organization_id,
            participant_count=counts.get(e.id, 0),
        )
        for e in events
    ]


async def list_events(
    session: AsyncSession, principal: Principal, filters: EventFilters, page: PageParams
) -> Page[EventRead]:
    items, total = await repo.list_events(session, principal.scope(EventPerm.READ), filters, page)
    return Page(items=await event_reads(session, principal, items), total=total, limit=page.limit, offset=page.offset)


MAX_CALENDAR_DAYS = 400
MAX_CALENDAR_ITEMS = 2000


def calendar_window(date_from: date | None, date_to: date | None) -> tuple[date, date]:
    """The window of a calendar request: the current month by default; at most 400 days."""
    today = date.today()
    start = date_from or (date_to.replace(day=1) if date_to else today.replace(day=1))
    if date_to is None:
        nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        date_to = date.fromordinal(nxt.toordinal() - 1)
    if date_to < start:
        raise _unprocessable("query.to", "Конец периода раньше начала", "bad_window")
    if (date_to - start).days >= MAX_CALENDAR_DAYS:
        raise _unprocessable("query.to", f"Окно календаря — не больше {MAX_CALENDAR_DAYS} дней", "bad_window")
    return start, date_to


async def calendar(
    session: AsyncSession, principal: Principal, filters: EventFilters, date_from: date, date_to: date
) -> list[EventBrief]:
    f = replace(filters, date_from=date_from, date_to=date_to, include_archived=False)
    events = await repo.calendar(session, principal.scope(EventPerm.READ), f, MAX_CALENDAR_ITEMS)
    return await event_briefs(session, events)


async def get_event(session: AsyncSession, principal: Principal, event_id: uuid.UUID) -> EventRead:
    event = await repo.get_event(session, principal.scope(EventPerm.READ), event_id)
    return (await event_reads(session, principal, [event]))[0]


async def visible_event(
    session: AsyncSession, principal: Principal, event_id: uuid.UUID, perm: str = EventPerm.READ
) -> Event:
    """The event inside the caller's scope for `perm` (without its children), or 404."""
    return await repo.get_event(session, principal.scope(perm), event_id, children=False)


def material_content_url(material_id: uuid.UUID) -> str:
    return f"{API_PREFIX}/event-materials/{material_id}/content"


async def material_content(session: AsyncSession, principal: Principal, material_id: uuid.UUID) -> tuple[Any, Any]:
    """A material's file for whoever may read its event (a teacher at a seminar downloads its presentation without
    the right to browse the municipality's files), audited as a download."""
    material = await repo.material_in(session, principal.scope(EventPerm.READ), material_id)
    if material is None or material.file_id is None:
        raise NotFound("Материал не найден")
    return await files.download_attached(session, principal, material.file_id, material.municipality_id)


# --- checks of what an event refers to ----------------------------------------------------------------------------


async def _owner(
    session: AsyncSession,
    principal: Principal,
    owner_id: uuid.UUID | None,
    municipality_id: uuid.UUID | None,
) -> tuple[uuid.UUID, uuid.UUID | None]:
    """The municipality and owning school of a new event or series. A school-level writer records for their school
    (theirs by default); the municipality's records carry no school. 404 outside the caller's scope."""
    scope = principal.scope(EventPerm.WRITE)
    if owner_id is None and not scope.all and not scope.municipality_ids and len(scope.organization_ids) == 1:
        owner_id = next(iter(scope.organization_ids))
    if owner_id is not None:
        org = await organizations.get_visible(session, principal, owner_id, EventPerm.WRITE)
        if municipality_id is not None and municipality_id != org.municipality_id:
            raise _unprocessable("body.municipality_id", "Школа относится к другому муниципалитету", "bad_municipality")
        return org.municipality_id, org.id
    municipality_id = municipality_id or principal.single_municipality_id()
    if municipality_id is None:
        raise _unprocessable("body.municipality_id", "Укажите муниципалитет", "missing")
    if not scope.covers_municipality(municipality_id):
        if municipality_id in principal.tenant_ids and scope.organization_ids:
            raise Forbidden(MUNICIPAL_RECORD, code="municipal_record")
        raise NotFound("Муниципалитет не найден")
    return municipality_id, None


async def _check_organizer(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID, organization_id: uuid.UUID | None
) -> None:
    if organization_id is None:
        return
    if not await organizations.visible_ids(session, principal, {organization_id}, municipality_id):
        raise _unprocessable(
            "body.organizer_organization_id", "Организация не найдена в этом муниципалитете", "unknown_organization"
        )


async def _check_series(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID, series_id: uuid.UUID | None
) -> None:
    """A session is added only to a series the caller may change (of the event's municipality)."""
    if series_id is None:
        return
    s = await repo.series_in(session, principal.scope(EventPerm.WRITE), series_id)
    if s is None or s.municipality_id != municipality_id or s.archived_at is not None:
        raise _unprocessable(
            "body.series_id", "Цикл не найден (или вы не можете добавлять в него заседания)", "bad_series"
        )


def _check_level(principal: Principal, municipality_id: uuid.UUID, level: str) -> None:
    if level == "municipal" and school_only(principal.scope(EventPerm.WRITE), municipality_id):
        raise Forbidden(
            MUNICIPAL_LEVEL,
            code="municipal_level",
            errors=[FieldError(field="body.level", message=MUNICIPAL_LEVEL, code="municipal_level")],
        )


async def _responsibles(
    session: AsyncSession,
    principal: Principal,
    municipality_id: uuid.UUID,
    people: Sequence[ResponsiblePersonIn],
    orgs: Sequence[ResponsibleOrganizationIn],
) -> list[EventResponsible]:
    teacher_ids = {p.teacher_id for p in people if p.teacher_id}
    user_ids = {p.user_id for p in people if p.user_id}
    teacher_names = await teachers.names_in_scope(
        session, principal.scope(TeacherPerm.READ), teacher_ids, municipality_id
    )
    if teacher_ids - set(teacher_names):
        raise _unprocessable("body.responsible_people", "Педагог не найден", "unknown_teacher")
    user_names = await users.names_in_municipality(session, municipality_id, user_ids)
    if user_ids - set(user_names):
        raise _unprocessable("body.responsible_people", "Пользователь не найден в этом муниципалитете", "unknown_user")
    org_ids = {o.organization_id for o in orgs}
    if org_ids - await organizations.visible_ids(session, principal, org_ids, municipality_id):
        raise _unprocessable(
            "body.responsible_organizations", "Организация не найдена в этом муниципалитете", "unknown_organization"
        )
    out = [
        EventResponsible(
            municipality_id=municipality_id,
            kind="person",
            user_id=p.user_id,
            teacher_id=p.teacher_id,
            name=(p.name or "").strip()
            or (teacher_names.get(p.teacher_id) if p.teacher_id else user_names.get(p.user_id))  # type: ignore[arg-type]
            or "",
            note=p.note,
            sort_order=i,
        )
        for i, p in enumerate(people)
    ]
    out += [
        EventResponsible(
            municipality_id=municipality_id,
            kind="organization",
            organization_id=o.organization_id,
            name="",
            note=o.note,
            sort_order=len(people) + i,
        )
        for i, o in enumerate(orgs)
    ]
    return out


async def _materials(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID, materials: Sequence[MaterialIn]
) -> list[EventMaterial]:
    for m in materials:
        if m.file_id is None:
            continue
        try:
            f = await files.get_visible(session, principal, m.file_id, FilePerm.READ)
        except NotFound:
            f = None
        if f is None or f.municipality_id != municipality_id or f.archived_at is not None:
            raise _unprocessable("body.materials", "Файл не найден", "unknown_file")
    return [
        EventMaterial(municipality_id=municipality_id, file_id=m.file_id, url=m.url, title=m.title, sort_order=i)
        for i, m in enumerate(materials)
    ]


def _children_snapshot(e: Event) -> dict[str, Any]:
    return {
        "responsible_people": [
            [str(r.user_id) if r.user_id else None, str(r.teacher_id) if r.teacher_id else None, r.name, r.note]
            for r in e.responsibles
            if r.kind == "person"
        ],
        "responsible_organizations": [
            [str(r.organization_id), r.note] for r in e.responsibles if r.kind == "organization"
        ],
        "materials": [[m.title, str(m.file_id) if m.file_id else None, m.url] for m in e.materials],
    }


def _same_children(current: list[Any], wanted: list[Any], key: Any) -> bool:
    return [key(x) for x in current] == [key(x) for x in wanted]


async def _apply_children(
    session: AsyncSession, principal: Principal, event: Event, body: EventCreate | EventUpdate, fields: set[str]
) -> None:
    m = event.municipality_id
    current_people = [r for r in event.responsibles if r.kind == "person"]
    current_orgs = [r for r in event.responsibles if r.kind == "organization"]
    people = body.responsible_people if "responsible_people" in fields else None
    orgs = body.responsible_organizations if "responsible_organizations" in fields else None
    if people is not None or orgs is not None:
        wanted = await _responsibles(
            session,
            principal,
            m,
            people if people is not None else [_person_in(r) for r in current_people],
            orgs if orgs is not None else [_org_in(r) for r in current_orgs],
        )
        key = lambda r: (r.kind, r.user_id, r.teacher_id, r.organization_id, r.name, r.note)  # noqa: E731
        if not _same_children(list(event.responsibles), wanted, key):
            event.responsibles = wanted
    if "materials" in fields and body.materials is not None:
        wanted_m = await _materials(session, principal, m, body.materials)
        key_m = lambda x: (x.title, x.file_id, x.url)  # noqa: E731
        if not _same_children(list(event.materials), wanted_m, key_m):
            event.materials = wanted_m


def _person_in(r: EventResponsible) -> ResponsiblePersonIn:
    return ResponsiblePersonIn.model_construct(user_id=r.user_id, teacher_id=r.teacher_id, name=r.name, note=r.note)


def _org_in(r: EventResponsible) -> ResponsibleOrganizationIn:
    return ResponsibleOrganizationIn.model_construct(organization_id=r.organization_id, note=r.note)


# --- event writes -------------------------------------------------------------------------------------------------


async def create_event(session: AsyncSession, principal: Principal, body: EventCreate) -> EventRead:
    municipality_id, owner_id = await _owner(session, principal, body.owner_organization_id, body.municipality_id)
    _check_level(principal, municipality_id, body.level)
    await _check_organizer(session, principal, municipality_id, body.organizer_organization_id)
    await _check_series(session, principal, municipality_id, body.series_id)
    await reference.ensure_positions(session, body.audience_positions, "body.audience_positions")
    await reference.ensure_subjects(session, body.audience_subjects, "body.audience_subjects")
    await reference.ensure_competence_areas(session, body.competence_areas, "body.competence_areas")
    event = Event(
        municipality_id=municipality_id,
        owner_organization_id=owner_id,
        **body.model_dump(include=set(EVENT_SCALARS)),
    )
    event.responsibles, event.materials = [], []
    await _apply_children(session, principal, event, body, set(EVENT_CHILDREN))
    session.add(event)
    await session.flush()
    await repo.events.audit(
        session, principal, "create", event, {**snapshot(event, list(repo.EVENT_FIELDS)), **_children_snapshot(event)}
    )
    return (await event_reads(session, principal, [event]))[0]


async def writable_event(session: AsyncSession, principal: Principal, event_id: uuid.UUID) -> Event:
    """The event if the caller may change it; a municipal record the caller sees but may not change answers 403
    naming why, anything else outside the write scope 404."""
    try:
        return await repo.get_event(session, principal.scope(EventPerm.WRITE), event_id)
    except NotFound:
        seen = await repo.event_in(session, principal.scope(EventPerm.READ), event_id)
        if seen is not None and seen.owner_organization_id is None and principal.has(EventPerm.WRITE):
            raise Forbidden(MUNICIPAL_RECORD, code="municipal_record") from None
        raise


async def update_event(
    session: AsyncSession, principal: Principal, event_id: uuid.UUID, body: EventUpdate, if_match: str | None
) -> EventRead:
    event = await writable_event(session, principal, event_id)
    repo.events.check_version(event, if_match)
    fields = set(body.model_fields_set)
    for required in ("type", "level", "format", "status", "title", "start_date", "audience_young"):
        if required in fields and getattr(body, required) is None:
            raise _unprocessable(f"body.{required}", "Поле не может быть пустым", "null_not_allowed")
    values = {k: getattr(body, k) for k in fields & EVENT_SCALARS}
    merged = {k: values.get(k, getattr(event, k)) for k in ("start_date", "end_date", "start_time", "end_time")}
    try:
        _check_times(**merged)
    except ValueError as e:
        raise _unprocessable("body.end_date", str(e), "bad_dates") from None
    if "level" in values:
        _check_level(principal, event.municipality_id, values["level"])
    if values.get("organizer_organization_id"):
        await _check_organizer(session, principal, event.municipality_id, values["organizer_organization_id"])
    if values.get("series_id") and values["series_id"] != event.series_id:
        await _check_series(session, principal, event.municipality_id, values["series_id"])
    if values.get("audience_positions"):
        await reference.ensure_positions(session, values["audience_positions"], "body.audience_positions")
    if values.get("audience_subjects"):
        await reference.ensure_subjects(session, values["audience_subjects"], "body.audience_subjects")
    if values.get("competence_areas"):
        await reference.ensure_competence_areas(session, values["competence_areas"], "body.competence_areas")
    before = _children_snapshot(event)
    await _apply_children(session, principal, event, body, fields)
    children = diff(before, _children_snapshot(event))
    await repo.events.update(session, principal, event, values, if_match, extra_changes=children)
    return (await event_reads(session, principal, [event]))[0]


async def archive_event(
    session: AsyncSession, principal: Principal, event_id: uuid.UUID, reason: str, if_match: str | None
) -> EventRead:
    event = await writable_event(session, principal, event_id)
    await repo.events.archive(session, principal, event, reason, if_match)
    return (await event_reads(session, principal, [event]))[0]


# --- series -------------------------------------------------------------------------------------------------------


async def series_reads(
    session: AsyncSession, principal: Principal, items: Sequence[EventSeries], sessions: list[EventBrief] | None = None
) -> list[SeriesRead]:
    ids: set[uuid.UUID] = set()
    for s in items:
        ids |= {i for i in (s.organizer_organization_id, s.owner_organization_id) if i}
    orgs = await organizations.names(session, ids)
    counts = await repo.session_counts(session, [s.id for s in items])
    return [
        SeriesRead(
            id=s.id,
            municipality_id=s.municipality_id,
            owner_organization_id=s.owner_organization_id,
            owner_organization_name=orgs.get(s.owner_organization_id) if s.owner_organization_id else None,
            title=s.title,
            academic_year=Period.academic_year(s.academic_year).code,
            goal=s.goal,
            tasks=s.tasks,
            audience_note=s.audience_note,
            order_number=s.order_number,
            order_date=s.order_date,
            organizer_organization_id=s.organizer_organization_id,
            organizer_organization_name=orgs.get(s.organizer_organization_id) if s.organizer_organization_id else None,
            organizer_name=s.organizer_name,
            forms_of_work=s.forms_of_work,
            conclusions=s.conclusions,
            session_count=counts.get(s.id, 0),
            sessions=sessions,
            version=s.version,
            created_at=s.created_at,
            updated_at=s.updated_at,
            archived_at=s.archived_at,
            archive_reason=s.archive_reason,
            actions=series_actions(principal, s),
        )
        for s in items
    ]


async def list_series(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    *,
    q: str | None,
    municipality_id: uuid.UUID | None,
    period: Period | None,
    owner_organization_id: uuid.UUID | None,
    include_archived: bool,
) -> Page[SeriesRead]:
    if period is not None and period.kind.value != "academic_year":
        raise _unprocessable("query.academic_year", "Укажите учебный год, например «2021/2022»", "bad_period")
    items, total = await repo.series.list(
        session,
        principal.scope(EventPerm.READ),
        page,
        repo.series_filters(q, municipality_id, period.year if period else None, owner_organization_id),
        include_archived=include_archived,
    )
    return Page(items=await series_reads(session, principal, items), total=total, limit=page.limit, offset=page.offset)


async def get_series(session: AsyncSession, principal: Principal, series_id: uuid.UUID) -> SeriesRead:
    scope = principal.scope(EventPerm.READ)
    s = await repo.series.get(session, scope, series_id)
    sessions = await event_briefs(session, await repo.sessions_of(session, scope, s.id))
    return (await series_reads(session, principal, [s], sessions))[0]


async def visible_series(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, perm: str = EventPerm.READ
) -> EventSeries:
    return await repo.series.get(session, principal.scope(perm), series_id)


async def create_series(session: AsyncSession, principal: Principal, body: SeriesCreate) -> SeriesRead:
    municipality_id, owner_id = await _owner(session, principal, body.owner_organization_id, body.municipality_id)
    await _check_organizer(session, principal, municipality_id, body.organizer_organization_id)
    values = body.model_dump(exclude={"municipality_id", "owner_organization_id", "academic_year"})
    s = EventSeries(
        municipality_id=municipality_id, owner_organization_id=owner_id, academic_year=body.academic_year.year, **values
    )
    await repo.series.create(session, principal, s)
    return (await series_reads(session, principal, [s], []))[0]


async def writable_series(session: AsyncSession, principal: Principal, series_id: uuid.UUID) -> EventSeries:
    try:
        return await repo.series.get(session, principal.scope(EventPerm.WRITE), series_id)
    except NotFound:
        seen = await repo.series_in(session, principal.scope(EventPerm.READ), series_id)
        if seen is not None and seen.owner_organization_id is None and principal.has(EventPerm.WRITE):
            raise Forbidden(MUNICIPAL_RECORD, code="municipal_record") from None
        raise


async def update_series(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, body: SeriesUpdate, if_match: str | None
) -> SeriesRead:
    s = await writable_series(session, principal, series_id)
    repo.series.check_version(s, if_match)
    fields = set(body.model_fields_set)
    for required in ("title", "academic_year"):
        if required in fields and getattr(body, required) is None:
            raise _unprocessable(f"body.{required}", "Поле не может быть пустым", "null_not_allowed")
    values = {k: getattr(body, k) for k in fields}
    if "academic_year" in values:
        values["academic_year"] = values["academic_year"].year
    if values.get("organizer_organization_id"):
        await _check_organizer(session, principal, s.municipality_id, values["organizer_organization_id"])
    await repo.series.update(session, principal, s, values, if_match)
    return await get_series(session, principal, s.id)


async def archive_series(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, reason: str, if_match: str | None
) -> SeriesRead:
    s = await writable_series(session, principal, series_id)
    await repo.series.archive(session, principal, s, reason, if_match)
    return (await series_reads(session, principal, [s]))[0]


# --- the analytical report of a series ---------------------------------------------------------------------------


def _responsible_lines(e: Event, orgs: dict[uuid.UUID, str]) -> list[str]:
    """«О.Б. Бучина, заместитель заведующего МБУ ГЦОКО», then «Управленческая команда школы № 29» (an organization
    as the order names it, else its name)."""
    out = []
    for r in e.responsibles:
        if r.kind == "person":
            out.append(", ".join(x for x in (r.name, r.note) if x))
        else:
            out.append(r.note or (orgs.get(r.organization_id, "") if r.organization_id else ""))
    return [x for x in out if x]


def report_file_name(title: str) -> str:
    """«Аналитическая справка — <title>.docx», without the characters file systems refuse, at most ~100 characters."""
    clean = " ".join(re.sub(r'[\\/:*?"<>|\x00-\x1f]', " ", title).split())
    if len(clean) > 80:
        clean = clean[:79].rstrip() + "…"
    return f"Аналитическая справка — {clean}.docx"


async def series_report(session: AsyncSession, principal: Principal, series_id: uuid.UUID) -> tuple[bytes, str]:
    """The series' analytical report as DOCX and its file name. Read with the card's
    permission and scope (404 outside); a few set-based queries whatever the number of sessions; the export is
    audited on the series."""
    scope = principal.scope(EventPerm.READ)
    s = await repo.series.get(session, scope, series_id)
    events = await repo.report_sessions(session, scope, s.id)
    per_session = await repo.report_session_counts(session, scope, s.id)
    per_org, (total_teachers, total_sessions) = await repo.report_organization_counts(session, scope, s.id)

    responsible_orgs = [r.organization_id for e in events for r in e.responsibles if r.organization_id]
    speaking_orgs = [org_id for org_id, _, _, speakers in per_org if speakers and org_id]
    org_ids = {*responsible_orgs, *speaking_orgs, *(o for o, *_ in per_org if o)}
    if s.organizer_organization_id:
        org_ids.add(s.organizer_organization_id)
    orgs = await organizations.names(session, org_ids)

    # the responsible organizations in the order of the sessions, then the speakers' organizations by name
    speakers_by_name = sorted(speaking_orgs, key=lambda o: orgs.get(o, ""))
    presenters = list(dict.fromkeys(orgs.get(o, "") for o in [*responsible_orgs, *speakers_by_name]))
    by_org = sorted(
        (
            report.ReportOrganization(
                name=orgs.get(org_id, "") if org_id else report.NO_ORGANIZATION, participants=n, sessions=sessions
            )
            for org_id, n, sessions, _ in per_org
        ),
        key=lambda o: (o.name == report.NO_ORGANIZATION, -o.participants, o.name),
    )
    data = report.SeriesReport(
        title=s.title,
        standing_seminar=bool(events) and all(e.type == "pds_session" for e in events),
        academic_year=Period.academic_year(s.academic_year).code,
        goal=s.goal,
        tasks=s.tasks,
        audience_note=s.audience_note,
        forms_of_work=s.forms_of_work,
        organizer=orgs.get(s.organizer_organization_id) if s.organizer_organization_id else s.organizer_name,
        order_number=s.order_number,
        order_date=s.order_date,
        sessions=[
            report.ReportSession(
                title=e.title,
                start_date=e.start_date,
                end_date=e.end_date,
                cancelled=e.status == "cancelled",
                content=e.content,
                responsible=_responsible_lines(e, orgs),
                participants=per_session.get(e.id, (0, 0))[0],
                attended=per_session.get(e.id, (0, 0))[1],
            )
            for e in events
        ],
        organizations=by_org,
        total_participants=total_teachers,
        total_sessions_attended=total_sessions,
        presenters=[p for p in presenters if p],
        conclusions=s.conclusions,
        generated_at=datetime.now(UTC),
    )
    content = await run_in_threadpool(report.render, data)
    await repo.series.audit(session, principal, "export", s, {"format": "docx"})
    return content, report_file_name(s.title)


# --- the teacher's growth timeline (read by app.growth) ---


async def timeline(session: AsyncSession, principal: Principal, teacher_id: uuid.UUID) -> list[TimelineEntry]:
    """The teacher's participations (event, role, result, hours; absences left out) and awards the caller may
    read, as timeline entries."""
    from app.events import awards as awards_service
    from app.events import participation as participation_service

    out: list[TimelineEntry] = []
    first = PageParams(limit=200, offset=0, sort=None)
    if principal.has(EventPerm.PARTICIPATIONS_READ):
        conds = participation_service.conditions(
            event_id=None,
            teacher_id=teacher_id,
            organization_id=None,
            series_id=None,
            role=None,
            attendance=["registered", "attended"],
            result=None,
            intends_to_apply=None,
            municipality_id=None,
            event_filters=EventFilters(),
        )
        page = await participation_service.list_participations(session, principal, conds, first, False)
        for p in page.items:
            role = PARTICIPATION_ROLES.get(p.role, p.role)
            if p.result:
                role += f" ({CONTEST_RESULTS.get(p.result, p.result)})"
            detail = f"{role}; {EVENT_LEVELS.get(p.event_level, p.event_level)} уровень"
            if p.presentation_title:
                detail += f"; тема: {p.presentation_title}"
            out.append(
                TimelineEntry(
                    kind="event",
                    kind_label=EVENT_TYPES.get(p.event_type, p.event_type).capitalize(),
                    record_id=p.id,
                    start=p.event_start_date,
                    title=p.event_title,
                    detail=detail,
                    hours=float(p.hours) if p.hours else None,
                )
            )
    if principal.has(EventPerm.AWARDS_READ):
        awards = await awards_service.list_awards(
            session,
            principal,
            first,
            teacher_id=teacher_id,
            organization_id=None,
            event_id=None,
            series_id=None,
            kind=None,
            municipality_id=None,
            period=None,
            include_archived=False,
        )
        for a in awards.items:
            basis = a.event_title or a.series_title
            out.append(
                TimelineEntry(
                    kind="award",
                    kind_label="Награда",
                    record_id=a.id,
                    start=a.awarded_on,
                    title=AWARD_KINDS.get(a.kind, a.kind).capitalize() + (f": {basis}" if basis else ""),
                    detail="; ".join(
                        x for x in (a.issuer, f"приказ № {a.order_number}" if a.order_number else None) if x
                    )
                    or None,
                )
            )
    return out


register_source("events", timeline)
