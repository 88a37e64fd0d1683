"""Methodological associations: the rules (a ШМО belongs to a school of the association's municipality, a ГМО to
none; members are teachers of the municipality; a plan line is dated inside the association's academic year;
attendance is a subset of the members on the meeting date; a held meeting names a plan line of its own
association), audited writes with If-Match, reads with names, the share of planned meetings held and `actions`, the
exports, and the members' growth for the association's leader."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.associations import repository as repo
from app.associations.models import (
    Association,
    AssociationMeeting,
    AssociationMeetingPlan,
    AssociationMember,
)
from app.associations.permissions import AssociationPerm
from app.associations.schemas import (
    LEVEL_LABELS,
    STATUS_LABELS,
    AssociationCreate,
    AssociationFilters,
    AssociationRead,
    AssociationRow,
    AttendeeRead,
    MeetingCreate,
    MeetingRead,
    MeetingUpdate,
    MemberCreate,
    MemberRead,
    MemberUpdate,
    PlanCreate,
    PlanRead,
    PlanUpdate,
)
from app.auth.roles import set_association_lookup
from app.core.access import ROLE_GRANTS, Principal, Scope
from app.core.audit_trail import record
from app.core.errors import Conflict, FieldError, NotFound, Unprocessable
from app.core.exports import Column, render
from app.core.pagination import Page, PageParams
from app.core.periods import Period
from app.core.timeline import TimelineEntry, register_source
from app.files import service as files
from app.growth import service as growth
from app.growth.schemas import TeacherGrowth
from app.organizations import service as organizations
from app.reference import service as reference
from app.teachers import service as teachers

MAX_EXPORT_ROWS = 50_000
P = AssociationPerm


def _error(field: str, message: str, code: str = "invalid") -> Unprocessable:
    return Unprocessable(errors=[FieldError(field=field, code=code, message=message)])


def _year(a: Association) -> Period:
    return Period.academic_year(a.academic_year)


def share(planned: int, held: int) -> float | None:
    """held / planned × 100, one decimal; no plan — no value («нет данных»)."""
    return round(100 * held / planned, 1) if planned else None


# --- reads ---


async def _scopes(session: AsyncSession, principal: Principal, ids: list[uuid.UUID]) -> dict[str, set[uuid.UUID]]:
    """For each writing permission, the associations among `ids` the caller may act on with it."""
    out: dict[str, set[uuid.UUID]] = {}
    for perm in (P.WRITE, P.MEETINGS, P.GROWTH):
        out[perm] = await repo.in_scope(session, principal.scope(perm), ids) if principal.has(perm) else set()
    return out


def _actions(a: Association, may: dict[str, set[uuid.UUID]]) -> list[str]:
    out: list[str] = []
    if a.archived_at is None and a.id in may[P.WRITE]:
        out += ["update", "archive", "members"]
    if a.archived_at is None and a.id in may[P.MEETINGS]:
        out.append("meetings")
    if a.id in may[P.GROWTH]:
        out.append("growth")
    return out


def _row(
    r: Any, may: dict[str, set[uuid.UUID]], org_names: dict[uuid.UUID, str], subjects: dict[str, str]
) -> AssociationRow:
    a: Association = r[0]
    planned, held = int(r.planned or 0), int(r.held or 0)
    return AssociationRow(
        id=a.id,
        municipality_id=a.municipality_id,
        level=a.level,
        level_label=LEVEL_LABELS.get(a.level, a.level),
        organization_id=a.organization_id,
        organization_name=org_names.get(a.organization_id) if a.organization_id else None,
        title=a.title,
        subject_code=a.subject_code,
        subject_name=subjects.get(a.subject_code) if a.subject_code else None,
        problem=a.problem,
        leader_teacher_id=a.leader_teacher_id,
        leader_name=r.leader_name,
        academic_year=_year(a).code,
        status="archived" if a.archived_at else "active",
        status_label=STATUS_LABELS["archived" if a.archived_at else "active"],
        members_count=int(r.members_count or 0),
        planned=planned,
        held=held,
        share=share(planned, held),
        version=a.version,
        created_at=a.created_at,
        updated_at=a.updated_at,
        archived_at=a.archived_at,
        archive_reason=a.archive_reason,
        actions=_actions(a, may),
    )


async def _rows(session: AsyncSession, principal: Principal, rows: list[Any]) -> list[AssociationRow]:
    may = await _scopes(session, principal, [r[0].id for r in rows])
    org_names = await organizations.names(session, {r[0].organization_id for r in rows if r[0].organization_id})
    subjects = await reference.subject_names(session) if any(r[0].subject_code for r in rows) else {}
    return [_row(r, may, org_names, subjects) for r in rows]


async def list_associations(
    session: AsyncSession, principal: Principal, f: AssociationFilters, page: PageParams
) -> Page[AssociationRow]:
    rows, total = await repo.page(session, principal.scope(P.READ), f, page, date.today())
    return Page(items=await _rows(session, principal, rows), total=total, limit=page.limit, offset=page.offset)


async def read_association(
    session: AsyncSession, principal: Principal, association_id: uuid.UUID, perm: str = P.READ
) -> AssociationRead:
    today = date.today()
    r = await repo.row(session, principal.scope(perm), association_id, today)
    if r is None:
        raise NotFound(repo.associations.not_found)
    head = (await _rows(session, principal, [r]))[0]
    a: Association = r[0]
    out = AssociationRead(**head.model_dump())
    may_members = "members" in head.actions
    may_meetings = "meetings" in head.actions
    may_growth = "growth" in head.actions
    for m, name, org_name in await repo.member_rows(session, a.id, today):
        out.members.append(
            MemberRead(
                id=m.id,
                teacher_id=m.teacher_id,
                teacher_name=name,
                organization_name=org_name,
                joined_on=m.joined_on,
                left_on=m.left_on,
                is_leader=m.teacher_id == a.leader_teacher_id,
                version=m.version,
                actions=(["update"] if may_members else []) + (["growth"] if may_growth else []),
            )
        )
    year = _year(a)
    meetings = await repo.meeting_list(session, a.id)
    attendance = await repo.attendance_of(session, [m.id for m in meetings])
    names = await teachers.teacher_names(session, {t for ids in attendance.values() for t in ids})
    by_plan: dict[uuid.UUID, list[AssociationMeeting]] = {}
    for m in meetings:
        if m.plan_id and m.archived_at is None:
            by_plan.setdefault(m.plan_id, []).append(m)
    for p in await repo.plan_list(session, a.id):
        done = by_plan.get(p.id, [])
        out.plans.append(
            PlanRead(
                id=p.id,
                planned_date=p.planned_date,
                topic=p.topic,
                form=p.form,
                held=any(year.contains(m.held_on) for m in done),
                meeting_ids=[m.id for m in done],
                version=p.version,
                archived_at=p.archived_at,
                archive_reason=p.archive_reason,
                actions=["update", "archive"] if may_meetings and p.archived_at is None else [],
            )
        )
    file_names = {}
    for m in meetings:
        if m.minutes_file_id and m.minutes_file_id not in file_names:
            try:
                file_names[m.minutes_file_id] = (await files.get_stored(session, m.minutes_file_id)).name
            except NotFound:
                file_names[m.minutes_file_id] = None
    for m in meetings:
        out.meetings.append(
            MeetingRead(
                id=m.id,
                plan_id=m.plan_id,
                held_on=m.held_on,
                topic=m.topic,
                form=m.form,
                minutes=m.minutes,
                minutes_file_id=m.minutes_file_id,
                minutes_file_name=file_names.get(m.minutes_file_id) if m.minutes_file_id else None,
                decisions=m.decisions,
                attendance=sorted(
                    (AttendeeRead(teacher_id=t, teacher_name=names.get(t)) for t in attendance.get(m.id, [])),
                    key=lambda x: x.teacher_name or "",
                ),
                version=m.version,
                archived_at=m.archived_at,
                archive_reason=m.archive_reason,
                actions=["update", "archive"] if may_meetings and m.archived_at is None else [],
            )
        )
    return out


# --- associations ---


async def _leader(session: AsyncSession, scope: Scope, teacher_id: uuid.UUID, municipality_id: uuid.UUID | None) -> Any:
    found = await teachers.teacher_facts(session, scope, {teacher_id})
    facts = found.get(teacher_id)
    if facts is None or (municipality_id is not None and facts.municipality_id != municipality_id):
        raise _error("body.leader_teacher_id", "Педагог не найден", "unknown_teacher")
    if facts.archived:
        raise _error("body.leader_teacher_id", "Педагог в архиве", "archived_teacher")
    return facts


async def create_association(session: AsyncSession, principal: Principal, body: AssociationCreate) -> AssociationRead:
    scope = principal.scope(P.WRITE)
    municipality_id: uuid.UUID | None = None
    if body.organization_id is not None:
        municipality_id = await organizations.municipality_of(session, body.organization_id)
        if municipality_id is None or not scope.covers_organization(body.organization_id, municipality_id):
            raise _error("body.organization_id", "Организация не найдена", "unknown")
    elif not scope.all and not scope.municipality_ids:
        raise _error("body.level", "Городское методическое объединение создаёт муниципалитет", "not_allowed")
    if body.municipality_id is not None:
        if municipality_id is not None and body.municipality_id != municipality_id:
            raise _error("body.municipality_id", "Школа не относится к этому муниципалитету", "mismatch")
        if not scope.covers_municipality(body.municipality_id):
            raise _error("body.municipality_id", "Муниципалитет не найден", "unknown")
        municipality_id = body.municipality_id
    leader = None
    if body.leader_teacher_id is not None:
        leader = await _leader(session, scope, body.leader_teacher_id, municipality_id)
        municipality_id = municipality_id or leader.municipality_id
    if municipality_id is None:
        municipality_id = principal.single_municipality_id()
        if municipality_id is None or not scope.covers_municipality(municipality_id):
            raise _error("body.municipality_id", "Укажите муниципалитет", "required")
    if body.subject_code:
        await reference.ensure_subjects(session, [body.subject_code], "body.subject_code")
    a = Association(
        municipality_id=municipality_id,
        level=body.level,
        organization_id=body.organization_id,
        title=body.title,
        subject_code=body.subject_code,
        problem=body.problem,
        leader_teacher_id=body.leader_teacher_id,
        academic_year=body.academic_year.year,
    )
    await repo.associations.create(session, principal, a)
    if leader is not None:
        await _add_member(session, principal, a, leader.id, _year(a).start)
    return await read_association(session, principal, a.id, P.WRITE)


async def _writable(session: AsyncSession, principal: Principal, association_id: uuid.UUID, perm: str) -> Association:
    a = await repo.associations.get(session, principal.scope(perm), association_id)
    if a.archived_at is not None:
        raise Conflict("Методическое объединение в архиве: изменить его нельзя", code="archived")
    return a


async def update_association(
    session: AsyncSession, principal: Principal, association_id: uuid.UUID, body: Any, if_match: str | None
) -> AssociationRead:
    a = await repo.associations.get(session, principal.scope(P.WRITE), association_id)
    repo.associations.check_version(a, if_match)
    if a.archived_at is not None:
        raise Conflict("Методическое объединение в архиве: изменить его нельзя", code="archived")
    values = body.model_dump(exclude_unset=True)
    subject = values.get("subject_code", a.subject_code)
    problem = values.get("problem", a.problem)
    if not subject and not problem:
        raise _error("body.subject_code", "Укажите предмет или проблему, над которой работает объединение", "required")
    if values.get("subject_code"):
        await reference.ensure_subjects(session, [values["subject_code"]], "body.subject_code")
    new_leader = values.get("leader_teacher_id")
    if new_leader is not None and new_leader != a.leader_teacher_id:
        await _leader(session, principal.scope(P.WRITE), new_leader, a.municipality_id)
    await repo.associations.update(session, principal, a, values, if_match)
    if new_leader is not None and await repo.open_membership(session, a.id, new_leader) is None:
        await _add_member(session, principal, a, new_leader, max(_year(a).start, min(date.today(), _year(a).end)))
    return await read_association(session, principal, a.id, P.WRITE)


async def archive_association(
    session: AsyncSession, principal: Principal, association_id: uuid.UUID, reason: str, if_match: str | None
) -> AssociationRead:
    a = await repo.associations.get(session, principal.scope(P.WRITE), association_id)
    await repo.associations.archive(session, principal, a, reason, if_match)
    return await read_association(session, principal, a.id, P.WRITE)


# --- members ---


async def _add_member(
    session: AsyncSession, principal: Principal, a: Association, teacher_id: uuid.UUID, joined_on: date
) -> AssociationMember:
    if await repo.open_membership(session, a.id, teacher_id) is not None:
        name = (await teachers.teacher_names(session, {teacher_id})).get(teacher_id, "")
        raise Conflict(f"{name} уже участник объединения «{a.title}»", code="already_member")
    m = AssociationMember(
        municipality_id=a.municipality_id, association_id=a.id, teacher_id=teacher_id, joined_on=joined_on
    )
    try:
        async with session.begin_nested():
            await repo.members.create(session, principal, m)
    except IntegrityError:
        raise Conflict(f"Педагог уже участник объединения «{a.title}»", code="already_member") from None
    return m


async def add_member(
    session: AsyncSession, principal: Principal, association_id: uuid.UUID, body: MemberCreate
) -> AssociationRead:
    a = await _writable(session, principal, association_id, P.WRITE)
    found = await teachers.teacher_facts(session, principal.scope(P.WRITE), {body.teacher_id})
    facts = found.get(body.teacher_id)
    if facts is None or facts.municipality_id != a.municipality_id:
        raise _error("body.teacher_id", "Педагог не найден", "unknown_teacher")
    if facts.archived:
        raise _error("body.teacher_id", "Педагог в архиве", "archived_teacher")
    await _add_member(session, principal, a, body.teacher_id, body.joined_on or _year(a).start)
    return await read_association(session, principal, a.id, P.WRITE)


async def update_member(
    session: AsyncSession, principal: Principal, member_id: uuid.UUID, body: MemberUpdate, if_match: str | None
) -> AssociationRead:
    m = await repo.members.get(session, principal.scope(P.WRITE), member_id)
    repo.members.check_version(m, if_match)
    a = await _writable(session, principal, m.association_id, P.WRITE)
    values = body.model_dump(exclude_unset=True)
    joined, left = values.get("joined_on", m.joined_on), values.get("left_on", m.left_on)
    if left is not None and left < joined:
        raise _error("body.left_on", "Дата выхода раньше даты вступления", "dates")
    if "left_on" in values and left is None and m.left_on is not None:
        if await repo.open_membership(session, a.id, m.teacher_id) is not None:
            raise Conflict("Педагог уже снова участник объединения", code="already_member")
    await repo.members.update(session, principal, m, values, if_match)
    return await read_association(session, principal, a.id, P.WRITE)


# --- plan-schedule ---


def _check_in_year(a: Association, day: date, field: str) -> None:
    year = _year(a)
    if not year.contains(day):
        raise _error(
            field,
            f"Дата {day:%d.%m.%Y} вне учебного года объединения {year.code} "
            f"({year.start:%d.%m.%Y} – {year.end:%d.%m.%Y})",
            "outside_academic_year",
        )


async def create_plan(
    session: AsyncSession, principal: Principal, association_id: uuid.UUID, body: PlanCreate
) -> AssociationRead:
    a = await _writable(session, principal, association_id, P.MEETINGS)
    _check_in_year(a, body.planned_date, "body.planned_date")
    p = AssociationMeetingPlan(municipality_id=a.municipality_id, association_id=a.id, **body.model_dump())
    await repo.plans.create(session, principal, p)
    return await read_association(session, principal, a.id, P.MEETINGS)


async def update_plan(
    session: AsyncSession, principal: Principal, plan_id: uuid.UUID, body: PlanUpdate, if_match: str | None
) -> AssociationRead:
    p = await repo.plans.get(session, principal.scope(P.MEETINGS), plan_id)
    repo.plans.check_version(p, if_match)
    a = await _writable(session, principal, p.association_id, P.MEETINGS)
    if p.archived_at is not None:
        raise Conflict("Заседание плана-графика в архиве", code="archived")
    values = body.model_dump(exclude_unset=True)
    if "planned_date" in values:
        _check_in_year(a, values["planned_date"], "body.planned_date")
    await repo.plans.update(session, principal, p, values, if_match)
    return await read_association(session, principal, a.id, P.MEETINGS)


async def archive_plan(
    session: AsyncSession, principal: Principal, plan_id: uuid.UUID, reason: str, if_match: str | None
) -> AssociationRead:
    p = await repo.plans.get(session, principal.scope(P.MEETINGS), plan_id)
    await repo.plans.archive(session, principal, p, reason, if_match)
    return await read_association(session, principal, p.association_id, P.MEETINGS)


# --- meetings held ---


async def _check_meeting(
    session: AsyncSession,
    a: Association,
    held_on: date,
    plan_id: uuid.UUID | None,
    attendance: list[uuid.UUID],
    minutes_file_id: uuid.UUID | None,
) -> None:
    if plan_id is not None:
        plan = await repo.plan_of(session, a.id, plan_id)
        if plan is None or plan.archived_at is not None:
            raise _error("body.plan_id", "Заседание плана-графика этого объединения не найдено", "unknown_plan")
    members = await repo.members_on(session, a.id, attendance, held_on)
    strangers = [t for t in dict.fromkeys(attendance) if t not in members]
    if strangers:
        names = await teachers.teacher_names(session, set(strangers))
        index = attendance.index(strangers[0])
        who = ", ".join(names.get(t) or str(t) for t in strangers)
        raise Unprocessable(
            errors=[
                FieldError(
                    field=f"body.attendance.{index}",
                    code="not_a_member",
                    message=f"Не участник объединения на {held_on:%d.%m.%Y}: {who}",
                )
            ]
        )
    if minutes_file_id is not None:
        try:
            f = await files.get_stored(session, minutes_file_id)
        except NotFound:
            f = None
        if f is None or f.municipality_id != a.municipality_id or f.archived_at is not None:
            raise _error("body.minutes_file_id", "Файл не найден", "unknown_file")


async def create_meeting(
    session: AsyncSession, principal: Principal, association_id: uuid.UUID, body: MeetingCreate
) -> AssociationRead:
    a = await _writable(session, principal, association_id, P.MEETINGS)
    await _check_meeting(session, a, body.held_on, body.plan_id, body.attendance, body.minutes_file_id)
    data = body.model_dump(exclude={"attendance"})
    m = AssociationMeeting(municipality_id=a.municipality_id, association_id=a.id, **data)
    await repo.meetings.create(session, principal, m)
    await repo.set_attendance(session, m, body.attendance)
    if body.attendance:
        await record(
            session,
            principal,
            "update",
            "association_meeting",
            m.id,
            a.municipality_id,
            {"attendance": {"old": [], "new": sorted(map(str, body.attendance))}},
        )
    return await read_association(session, principal, a.id, P.MEETINGS)


async def update_meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, body: MeetingUpdate, if_match: str | None
) -> AssociationRead:
    m = await repo.meetings.get(session, principal.scope(P.MEETINGS), meeting_id)
    repo.meetings.check_version(m, if_match)
    a = await _writable(session, principal, m.association_id, P.MEETINGS)
    if m.archived_at is not None:
        raise Conflict("Заседание в архиве", code="archived")
    values = body.model_dump(exclude_unset=True)
    attendance = values.pop("attendance", None)
    current = (await repo.attendance_of(session, [m.id])).get(m.id, [])
    held_on = values.get("held_on", m.held_on)
    await _check_meeting(
        session,
        a,
        held_on,
        values.get("plan_id") if "plan_id" in values else None,
        attendance if attendance is not None else current,
        values.get("minutes_file_id"),
    )
    extra = None
    if attendance is not None and set(attendance) != set(current):
        extra = {"attendance": {"old": sorted(map(str, current)), "new": sorted(map(str, set(attendance)))}}
    await repo.meetings.update(session, principal, m, values, if_match, extra_changes=extra)
    if attendance is not None and extra is not None:
        await repo.set_attendance(session, m, attendance)
    return await read_association(session, principal, a.id, P.MEETINGS)


async def archive_meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, reason: str, if_match: str | None
) -> AssociationRead:
    m = await repo.meetings.get(session, principal.scope(P.MEETINGS), meeting_id)
    await repo.meetings.archive(session, principal, m, reason, if_match)
    return await read_association(session, principal, m.association_id, P.MEETINGS)


# --- the minutes as a file ---


async def attach_minutes(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, upload: Any, if_match: str | None
) -> AssociationRead:
    """The minutes file of a meeting (checked by the files module: size, type by content), kept by the association's
    municipality (and school, for a ШМО); replaces the one before (which stays in the file store)."""
    m = await repo.meetings.get(session, principal.scope(P.MEETINGS), meeting_id)
    repo.meetings.check_version(m, if_match, required=True)
    a = await _writable(session, principal, m.association_id, P.MEETINGS)
    if m.archived_at is not None:
        raise Conflict("Заседание в архиве", code="archived")
    f = await files.store_upload(
        session,
        principal,
        upload,
        municipality_id=a.municipality_id,
        organization_id=a.organization_id,
        owner_type="association_meeting",
        owner_id=m.id,
    )
    await repo.meetings.update(session, principal, m, {"minutes_file_id": f.id}, if_match)
    return await read_association(session, principal, a.id, P.MEETINGS)


async def minutes_file(session: AsyncSession, principal: Principal, meeting_id: uuid.UUID) -> tuple[Any, bytes]:
    """The meeting's minutes file and its bytes, for those who read the association; the download is audited."""
    m = await repo.meetings.get(session, principal.scope(P.READ), meeting_id)
    f = await files.get_stored(session, m.minutes_file_id) if m.minutes_file_id else None
    if f is None or f.archived_at is not None:
        raise NotFound("У заседания нет файла протокола")
    await record(session, principal, "download", "file", f.id, f.municipality_id, {"name": f.name})
    return f, await files.read_bytes(f)


# --- members' growth (the association leader's view) ---


def _as_member_reader(principal: Principal, teacher_id: uuid.UUID) -> Principal:
    """The caller reading one member's growth as that member reads their own: the permissions a teacher holds, each
    reaching exactly that teacher. Membership is what grants it (checked before); the audit names the caller."""
    perms = frozenset(ROLE_GRANTS["teacher"])
    own = Scope(teacher_ids=frozenset({teacher_id}))
    return dataclasses.replace(principal, permissions=perms, scopes={p: own for p in perms}, teacher_id=teacher_id)


async def member_growth(
    session: AsyncSession, principal: Principal, association_id: uuid.UUID, teacher_id: uuid.UUID
) -> TeacherGrowth:
    a = await repo.associations.get(session, principal.scope(P.GROWTH), association_id)
    if not await repo.is_member(session, a.id, teacher_id):
        raise NotFound("Педагог не участник этого методического объединения")
    return await growth.growth(session, _as_member_reader(principal, teacher_id), teacher_id)


# --- exports ---

COLUMNS = [
    Column("№", 6, "number"),
    Column("Учебный год", 12),
    Column("Уровень", 8),
    Column("Название", 40),
    Column("Школа", 28),
    Column("Предмет", 20),
    Column("Проблема", 40),
    Column("Руководитель", 32),
    Column("Участников", 10, "number"),
    Column("Заседаний по плану", 10, "number"),
    Column("Проведено", 10, "number"),
    Column("Доля проведённых, %", 10, "number"),
    Column("Статус", 12),
]


async def export_associations(
    session: AsyncSession, principal: Principal, f: AssociationFilters, sort: str | None, fmt: str
) -> bytes:
    rows = await repo.all_rows(session, principal.scope(P.READ), f, sort, date.today(), MAX_EXPORT_ROWS + 1)
    if len(rows) > MAX_EXPORT_ROWS:
        raise Unprocessable(
            f"Слишком много строк для выгрузки (больше {MAX_EXPORT_ROWS:,}). Уточните фильтры.".replace(",", " "),
            code="export_too_large",
        )
    items = await _rows(session, principal, rows)
    table = [
        [
            i,
            x.academic_year,
            x.level_label,
            x.title,
            x.organization_name,
            x.subject_name,
            x.problem,
            x.leader_name,
            x.members_count,
            x.planned,
            x.held,
            x.share,
            x.status_label,
        ]
        for i, x in enumerate(items, start=1)
    ]
    await record(
        session,
        principal,
        "export",
        "association",
        None,
        principal.single_municipality_id(),
        {"format": fmt, "rows": len(table), "filters": f.summary()},
    )
    return await run_in_threadpool(render, fmt, COLUMNS, table, "Методобъединения")  # type: ignore[arg-type]


# --- for app.auth: an association leader's role names an association ---


async def municipality_of(session: AsyncSession, association_id: uuid.UUID) -> uuid.UUID | None:
    return await repo.municipality_of(session, association_id)


set_association_lookup(municipality_of)


# --- the teacher's growth timeline (read by app.growth) ---


async def timeline(session: AsyncSession, principal: Principal, teacher_id: uuid.UUID) -> list[TimelineEntry]:
    """The teacher's memberships (a member or the leader of an association for its academic year) and the meetings
    they attended (date, topic), for a caller who reads that association or keeps records of the teacher."""
    if not principal.has(P.READ):
        return []
    scope = principal.scope(P.READ)
    out: list[TimelineEntry] = []
    for a, joined_on, left_on in await repo.memberships_of(session, scope, teacher_id):
        year = _year(a)
        role = "Руководитель" if a.leader_teacher_id == teacher_id else "Участник"
        out.append(
            TimelineEntry(
                kind="association",
                kind_label=f"{role} {LEVEL_LABELS.get(a.level, a.level)}",
                record_id=a.id,
                start=joined_on or year.start,
                end=left_on or year.end,
                title=a.title,
                detail=f"{role.lower()} методического объединения, {year.code} учебный год",
            )
        )
    for row in await repo.meetings_attended(session, scope, teacher_id):
        m: AssociationMeeting = row[0]
        level = LEVEL_LABELS.get(row.association_level, row.association_level)
        out.append(
            TimelineEntry(
                kind="association",
                kind_label=f"Заседание {level}",
                record_id=m.id,
                start=m.held_on,
                title=m.topic,
                detail="; ".join(x for x in (row.association_title, m.form) if x),
            )
        )
    return out


register_source("associations", timeline)
