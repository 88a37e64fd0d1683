"""Teachers' participation in events: one row per teacher, event and role (a duplicate is refused naming the row
that exists, also when two requests race: the database's unique partial index decides, and its violation becomes
the same 409), registration one by one or in bulk (a list of teachers or a filter; partial or all-or-nothing),
attendance marking after the event, and the reads (a school sees its teachers' rows, a teacher their own).

A school administrator registers only the teachers of their school: teachers are looked up through the teachers'
gate with the caller's `participations:write` scope."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.audit_trail import snapshot
from app.core.errors import Conflict, FieldError, NotFound, Unprocessable
from app.core.pagination import Page, PageParams
from app.events import repository as repo
from app.events import service as events
from app.events.models import PARTICIPATION_ROLES, Event, Participation
from app.events.permissions import EventPerm
from app.events.schemas import (
    AttendanceReport,
    AttendanceRequest,
    BulkParticipationReport,
    BulkParticipationRequest,
    BulkTeacher,
    EventFilters,
    ParticipationCreate,
    ParticipationRead,
    ParticipationUpdate,
)
from app.organizations import service as organizations
from app.reference import service as reference
from app.teachers import service as teachers

MAX_BULK = 5000


# --- reads --------------------------------------------------------------------------------------------------------


async def participation_reads(
    session: AsyncSession, principal: Principal, rows: Sequence[Any]
) -> list[ParticipationRead]:
    """Rows of `repository._participation_rows` as the API shows them, with what the caller may do with each."""
    participations = [r[0] for r in rows]
    orgs = await organizations.names(session, {p.organization_id for p in participations if p.organization_id})
    writable = await repo.ids_in_scope(
        session, principal.scope(EventPerm.PARTICIPATIONS_WRITE), [p.id for p in participations]
    )
    out = []
    for p, event_title, event_start, event_type, event_level, teacher_name in rows:
        out.append(
            ParticipationRead(
                id=p.id,
                municipality_id=p.municipality_id,
                event_id=p.event_id,
                event_title=event_title,
                event_start_date=event_start,
                event_type=event_type,
                event_level=event_level,
                teacher_id=p.teacher_id,
                teacher_name=teacher_name or "",
                organization_id=p.organization_id,
                organization_name=orgs.get(p.organization_id) if p.organization_id else None,
                role=p.role,
                result=p.result,
                hours=p.hours,
                certificate_number=p.certificate_number,
                intends_to_apply=p.intends_to_apply,
                attendance=p.attendance,
                presentation_title=p.presentation_title,
                note=p.note,
                version=p.version,
                created_at=p.created_at,
                updated_at=p.updated_at,
                archived_at=p.archived_at,
                archive_reason=p.archive_reason,
                actions=["update", "archive"] if p.archived_at is None and p.id in writable else [],
            )
        )
    return out


async def reads_by_id(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> list[ParticipationRead]:
    rows = await repo.participation_rows_by_id(session, principal.scope(EventPerm.PARTICIPATIONS_READ), ids)
    order = {pid: i for i, pid in enumerate(ids)}
    rows.sort(key=lambda r: order.get(r[0].id, 0))
    return await participation_reads(session, principal, rows)


def conditions(
    *,
    event_id: uuid.UUID | None,
    teacher_id: uuid.UUID | None,
    organization_id: uuid.UUID | None,
    series_id: uuid.UUID | None,
    role: list[str] | None,
    attendance: list[str] | None,
    result: list[str] | None,
    intends_to_apply: bool | None,
    municipality_id: uuid.UUID | None,
    event_filters: EventFilters,
) -> list[Any]:
    return repo.participation_filters(
        event_id=event_id,
        teacher_id=teacher_id,
        organization_id=organization_id,
        series_id=series_id,
        role=role,
        attendance=attendance,
        result=result,
        intends_to_apply=intends_to_apply,
        municipality_id=municipality_id,
        event_filters_=event_filters,
    )


async def list_participations(
    session: AsyncSession, principal: Principal, conds: list[Any], page: PageParams, include_archived: bool
) -> Page[ParticipationRead]:
    rows, total = await repo.list_participations(
        session, principal.scope(EventPerm.PARTICIPATIONS_READ), conds, page, include_archived
    )
    return Page(
        items=await participation_reads(session, principal, rows), total=total, limit=page.limit, offset=page.offset
    )


async def get_participation(
    session: AsyncSession, principal: Principal, participation_id: uuid.UUID
) -> ParticipationRead:
    p = await repo.participations.get(session, principal.scope(EventPerm.PARTICIPATIONS_READ), participation_id)
    return (await reads_by_id(session, principal, [p.id]))[0]


@dataclass(frozen=True)
class ParticipationFacts:
    """What another module links to a participation needs (the practice bank: a speaker presenting a practice)."""

    id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str
    role: str
    presentation_title: str | None
    event_id: uuid.UUID
    event_title: str
    event_start_date: date
    event_level: str
    archived: bool


async def participation_facts(
    session: AsyncSession, municipality_id: uuid.UUID, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, ParticipationFacts]:
    """The participations among `ids` of the municipality, with their event (others left out). For records of
    another module that the caller already sees inside that municipality."""
    scope = Scope(municipality_ids=frozenset({municipality_id}))
    rows = await repo.participation_rows_by_id(session, scope, list(ids))
    return {
        p.id: ParticipationFacts(
            id=p.id,
            teacher_id=p.teacher_id,
            teacher_name=teacher_name or "",
            role=p.role,
            presentation_title=p.presentation_title,
            event_id=p.event_id,
            event_title=event_title,
            event_start_date=event_start,
            event_level=event_level,
            archived=p.archived_at is not None,
        )
        for p, event_title, event_start, _type, event_level, teacher_name in rows
    }


# --- rules --------------------------------------------------------------------------------------------------------


def check_open(event: Event) -> None:
    if event.archived_at is not None:
        raise Conflict("Мероприятие в архиве: записывать на него нельзя", code="event_archived")
    if event.status == "cancelled":
        raise Conflict("Мероприятие отменено: записывать на него нельзя", code="event_cancelled")


def duplicate(existing: Participation, teacher_name: str, event: Event) -> Conflict:
    """The 409 of a second row for the same teacher, event and role, naming the row that exists."""
    role = PARTICIPATION_ROLES[existing.role]
    return Conflict(
        f"{teacher_name} уже записан(а) на мероприятие «{event.title}» ({event.start_date:%d.%m.%Y}) "
        f"с ролью «{role}» (запись от {existing.created_at:%d.%m.%Y})",
        code="duplicate_participation",
        extra={
            "existing": {
                "id": str(existing.id),
                "teacher_id": str(existing.teacher_id),
                "teacher_name": teacher_name,
                "event_id": str(event.id),
                "event_title": event.title,
                "role": existing.role,
                "role_name": role,
            }
        },
    )


async def organizations_at(session: AsyncSession, teacher_ids: set[uuid.UUID], on: date) -> dict[uuid.UUID, uuid.UUID]:
    """Each teacher's main organization on the event's date, or today's for those without one then."""
    found = await teachers.main_organizations_on(session, teacher_ids, on)
    rest = teacher_ids - set(found)
    if rest and on != date.today():
        found.update(await teachers.main_organizations_on(session, rest, date.today()))
    return found


def new_row(event: Event, teacher_id: uuid.UUID, org_id: uuid.UUID | None, fields: dict[str, Any]) -> Participation:
    return Participation(
        municipality_id=event.municipality_id,
        event_id=event.id,
        teacher_id=teacher_id,
        organization_id=org_id,
        **fields,
    )


async def audit_created(
    session: AsyncSession, principal: Principal, rows: Iterable[Participation], **extra: Any
) -> None:
    for p in rows:
        await repo.participations.audit(
            session, principal, "create", p, {**snapshot(p, list(repo.PARTICIPATION_FIELDS)), **extra}
        )


async def insert_rows(session: AsyncSession, rows: list[Participation]) -> bool:
    """Insert in a savepoint; False when the database refused a duplicate (a concurrent registration won)."""
    try:
        async with session.begin_nested():
            session.add_all(rows)
            await session.flush()
    except IntegrityError as e:
        if "uq_participations" not in str(e.orig):
            raise
        return False
    return True


# --- writes -------------------------------------------------------------------------------------------------------


async def add_participation(
    session: AsyncSession, principal: Principal, event_id: uuid.UUID, body: ParticipationCreate
) -> ParticipationRead:
    event = await events.visible_event(session, principal, event_id)
    check_open(event)
    names = await teachers.names_in_scope(
        session, principal.scope(EventPerm.PARTICIPATIONS_WRITE), {body.teacher_id}, event.municipality_id
    )
    if body.teacher_id not in names:
        raise NotFound("Педагог не найден")
    name = names[body.teacher_id]
    existing = await repo.active_participations(session, event.id, [body.teacher_id], body.role)
    if existing:
        raise duplicate(existing[0], name, event)
    orgs = await organizations_at(session, {body.teacher_id}, event.start_date)
    p = new_row(event, body.teacher_id, orgs.get(body.teacher_id), body.model_dump(exclude={"teacher_id"}))
    if not await insert_rows(session, [p]):
        existing = await repo.active_participations(session, event.id, [body.teacher_id], body.role)
        raise duplicate(existing[0], name, event) if existing else Conflict("Запись уже существует")
    await audit_created(session, principal, [p])
    return (await reads_by_id(session, principal, [p.id]))[0]


async def bulk_add(
    session: AsyncSession, principal: Principal, event_id: uuid.UUID, body: BulkParticipationRequest
) -> BulkParticipationReport:
    """Register many teachers at once: a list of ids, or everyone now working at an organization / in positions /
    teaching subjects inside the caller's reach. Each teacher is reported as added, a duplicate (with the existing
    row) or refused (not found or outside the caller's reach)."""
    event = await events.visible_event(session, principal, event_id)
    check_open(event)
    scope = principal.scope(EventPerm.PARTICIPATIONS_WRITE)
    refused: list[BulkTeacher] = []
    if body.teacher_ids is not None:
        wanted = list(dict.fromkeys(body.teacher_ids))
        names = await teachers.names_in_scope(session, scope, set(wanted), event.municipality_id)
        refused = [
            BulkTeacher(teacher_id=t, reason="Педагог не найден или не работает в вашей организации")
            for t in wanted
            if t not in names
        ]
        candidates = [t for t in wanted if t in names]
    else:
        if body.organization_id is not None:
            await organizations.get_visible(session, principal, body.organization_id, EventPerm.PARTICIPATIONS_WRITE)
        if body.position:
            await reference.ensure_positions(session, body.position, "body.position")
        if body.subject:
            await reference.ensure_subjects(session, body.subject, "body.subject")
        selected = await teachers.selected_ids(
            session,
            scope,
            organization_id=body.organization_id,
            position=body.position,
            subject=body.subject,
            limit=MAX_BULK + 1,
        )
        if len(selected) > MAX_BULK:
            raise Unprocessable(f"Отбор даёт больше {MAX_BULK} педагогов: уточните его", code="bulk_too_large")
        names = await teachers.names_in_scope(session, scope, set(selected), event.municipality_id)
        candidates = [t for t in selected if t in names]
    fields = {"role": body.role, "hours": body.hours, "attendance": body.attendance}
    orgs = await organizations_at(session, set(candidates), event.start_date)
    for _attempt in range(2):
        existing = {p.teacher_id: p for p in await repo.active_participations(session, event.id, candidates, body.role)}
        dups = [
            BulkTeacher(teacher_id=t, teacher_name=names[t], participation_id=existing[t].id, reason="Уже записан")
            for t in candidates
            if t in existing
        ]
        to_add = [t for t in candidates if t not in existing]
        report = BulkParticipationReport(
            mode=body.mode, applied=False, added=[], skipped_duplicates=dups, refused=refused
        )
        if body.mode == "all_or_nothing" and refused:
            raise Unprocessable(
                f"Не все педагоги могут быть записаны ({len(refused)} не найдены или вне вашей организации): "
                "ничего не добавлено",
                code="bulk_refused",
                extra={"report": report.model_dump(mode="json")},
            )
        if body.mode == "all_or_nothing" and dups:
            raise Conflict(
                f"{len(dups)} из выбранных педагогов уже записаны с этой ролью: ничего не добавлено",
                code="duplicate_participation",
                extra={"report": report.model_dump(mode="json")},
            )
        rows = [new_row(event, t, orgs.get(t), fields) for t in to_add]
        if not rows or await insert_rows(session, rows):
            break
        if body.mode == "all_or_nothing":
            raise Conflict(
                "Пока шла запись, кого-то из педагогов записали на это мероприятие: ничего не добавлено, повторите",
                code="duplicate_participation",
            )
    else:  # pragma: no cover - a second race in a row
        raise Conflict("Список участников меняется одновременно с вами: повторите", code="duplicate_participation")
    await audit_created(session, principal, rows, source="bulk")
    report.added = [
        BulkTeacher(teacher_id=p.teacher_id, teacher_name=names[p.teacher_id], participation_id=p.id) for p in rows
    ]
    report.applied = bool(rows)
    return report


async def writable_participation(
    session: AsyncSession, principal: Principal, participation_id: uuid.UUID
) -> Participation:
    return await repo.participations.get(session, principal.scope(EventPerm.PARTICIPATIONS_WRITE), participation_id)


async def update_participation(
    session: AsyncSession,
    principal: Principal,
    participation_id: uuid.UUID,
    body: ParticipationUpdate,
    if_match: str | None,
) -> ParticipationRead:
    p = await writable_participation(session, principal, participation_id)
    repo.participations.check_version(p, if_match)
    fields = set(body.model_fields_set)
    for required in ("role", "intends_to_apply", "attendance"):
        if required in fields and getattr(body, required) is None:
            raise Unprocessable(
                errors=[
                    FieldError(field=f"body.{required}", message="Поле не может быть пустым", code="null_not_allowed")
                ]
            )
    values = {k: getattr(body, k) for k in fields}
    role = values.get("role", p.role)
    result = values["result"] if "result" in values else p.result
    if result is not None and role != "contestant":
        if "result" not in values:  # the role changed away from contestant: its result goes with it
            values["result"] = None
        else:
            raise Unprocessable(
                errors=[
                    FieldError(
                        field="body.result",
                        message="Результат указывается только для участника конкурса",
                        code="result_without_contest",
                    )
                ]
            )
    event_id, teacher_id = p.event_id, p.teacher_id  # the object expires if the savepoint rolls back
    try:
        async with session.begin_nested():
            await repo.participations.update(session, principal, p, values, if_match)
    except IntegrityError as e:
        if "uq_participations" not in str(e.orig):
            raise
        event = await repo.get_event(session, principal.scope(EventPerm.READ), event_id, children=False)
        other = await repo.active_participations(session, event_id, [teacher_id], role)
        names = await teachers.names_in_scope(session, principal.scope(EventPerm.PARTICIPATIONS_WRITE), {teacher_id})
        raise duplicate(other[0], names.get(teacher_id, "Педагог"), event) if other else Conflict() from None
    return (await reads_by_id(session, principal, [p.id]))[0]


async def archive_participation(
    session: AsyncSession, principal: Principal, participation_id: uuid.UUID, reason: str, if_match: str | None
) -> ParticipationRead:
    p = await writable_participation(session, principal, participation_id)
    await repo.participations.archive(session, principal, p, reason, if_match)
    return (await reads_by_id(session, principal, [p.id]))[0]


async def mark_attendance(
    session: AsyncSession, principal: Principal, event_id: uuid.UUID, body: AttendanceRequest
) -> AttendanceReport:
    """Attendance of many participants in one request, after the event. Each item names a participation or a
    teacher (all their rows at this event); an item outside the caller's reach answers 404 for the whole request
    (nothing is changed)."""
    event = await events.visible_event(session, principal, event_id)
    if event.archived_at is not None or event.status == "cancelled":
        raise Conflict("Мероприятие в архиве или отменено: посещение не отмечается", code="event_closed")
    if event.start_date > date.today():
        raise Unprocessable("Мероприятие ещё не началось: посещение отмечается после него", code="event_not_started")
    pids = {i.participation_id for i in body.items if i.participation_id}
    tids = {i.teacher_id for i in body.items if i.teacher_id}
    rows = await repo.participations_for_attendance(
        session, principal.scope(EventPerm.PARTICIPATIONS_WRITE), event.id, pids, tids
    )
    by_id = {p.id: p for p in rows}
    by_teacher: dict[uuid.UUID, list[Participation]] = {}
    for p in rows:
        by_teacher.setdefault(p.teacher_id, []).append(p)
    missing = [
        FieldError(field=f"body.items.{n}", message="Участник этого мероприятия не найден", code="not_found")
        for n, i in enumerate(body.items)
        if (i.participation_id and i.participation_id not in by_id) or (i.teacher_id and i.teacher_id not in by_teacher)
    ]
    if missing:
        raise NotFound("Участник мероприятия не найден (или вне вашей области доступа)", errors=missing)
    wanted: dict[uuid.UUID, str] = {}
    for i in body.items:
        targets = [by_id[i.participation_id]] if i.participation_id else by_teacher[i.teacher_id]  # type: ignore[index]
        for p in targets:
            wanted[p.id] = "attended" if i.attended else "absent"
    changed = 0
    for pid, value in wanted.items():
        p = by_id.get(pid) or next(x for x in rows if x.id == pid)
        if p.attendance != value:
            # an explicit overwrite of one field by the event's organizer: no version to compare
            await repo.participations.update(session, principal, p, {"attendance": value}, "*")
            changed += 1
    return AttendanceReport(updated=changed, items=await reads_by_id(session, principal, list(wanted)))
