"""Every SQL statement of courses: the scope condition (through the teacher), the list with the teacher's name, the
duplicate lookup (also of the import), the PD window per teacher and over the counted teachers (PD-3Y)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, cast, false, func, literal, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.audit_trail import AuditSubject, describe
from app.core.pagination import PageParams, apply_sort
from app.core.resource import Resource
from app.core.search import text_search
from app.courses import rules
from app.courses.models import Course
from app.courses.permissions import CoursePerm
from app.courses.schemas import FORMAT_LABELS, PROGRAM_KIND_LABELS, CourseFilters
from app.teachers import service as teachers

C = Course
AUDIT_FIELDS = (
    "teacher_id",
    "title",
    "program_kind",
    "provider_organization_id",
    "provider_name",
    "provider_state_owned",
    "hours",
    "start_date",
    "end_date",
    "format",
    "document_number",
    "competence_areas",
)


def visible(scope: Scope) -> ColumnElement[bool]:
    """A course is inside the scope when its municipality is, or its teacher is a teacher inside it (a school sees
    the courses of the people who work there now, whenever they took them; a teacher their own)."""
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = []
    if scope.municipality_ids:
        conds.append(C.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids or scope.teacher_ids:
        people = teachers.teacher_ids_in_scope(
            Scope(organization_ids=scope.organization_ids, teacher_ids=scope.teacher_ids)
        )
        conds.append(C.teacher_id.in_(people))
    return or_(*conds) if conds else false()


courses: Resource[Course] = Resource(
    model=Course,
    entity_type="course",
    not_found="Курс не найден",
    visible=visible,
    municipality_of=lambda c: c.municipality_id,
    audit_fields=AUDIT_FIELDS,
    if_match_required=True,
)


def counts() -> ColumnElement[bool]:
    """The course counts towards the PD window: not archived, and its provider not known to be ineligible (a
    private provider for a course started from 1 September 2025)."""
    return and_(
        C.archived_at.is_(None),
        or_(C.start_date < rules.STATE_PROVIDERS_ONLY_FROM, C.provider_state_owned.is_not(False)),
    )


def filters(f: CourseFilters, today: date) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.period is not None:  # courses that ended in the period
        out.append(and_(C.end_date >= f.period.start, C.end_date <= f.period.end))
    if f.organization_id:  # the teacher works there now
        out.append(C.teacher_id.in_(teachers.teacher_ids_working_at([f.organization_id], today)))
    if f.teacher_id:
        out.append(C.teacher_id == f.teacher_id)
    if f.provider_organization_id:
        out.append(C.provider_organization_id == f.provider_organization_id)
    if f.q:
        out.append(text_search(f.q, C.title, C.provider_name, C.document_number))
    if f.program_kind:
        out.append(C.program_kind == f.program_kind)
    if f.eligible is True:
        out.append(or_(C.start_date < rules.STATE_PROVIDERS_ONLY_FROM, C.provider_state_owned.is_(True)))
    elif f.eligible is False:
        out.append(and_(C.start_date >= rules.STATE_PROVIDERS_ONLY_FROM, C.provider_state_owned.is_(False)))
    if not f.include_archived:
        out.append(C.archived_at.is_(None))
    return out


def _list_query(scope: Scope, f: CourseFilters, sort: str | None, today: date) -> Any:
    person = teachers.teacher_directory(today, "person")
    stmt = (
        select(
            C,
            person.c.full_name.label("teacher_name"),
            person.c.organization_id.label("organization_id"),
            person.c.organization_name.label("organization_name"),
        )
        .select_from(C)
        .join(person, person.c.teacher_id == C.teacher_id)
        .where(visible(scope), *filters(f, today))
    )
    sorts = {
        "end_date": C.end_date,
        "start_date": C.start_date,
        "hours": C.hours,
        "title": C.title,
        "teacher_name": person.c.full_name,
        "created_at": C.created_at,
        "updated_at": C.updated_at,
    }
    return apply_sort(stmt, sort, sorts, [C.end_date.desc(), person.c.full_name, C.id])


async def page(
    session: AsyncSession, scope: Scope, f: CourseFilters, params: PageParams, today: date
) -> tuple[list[Any], int]:
    stmt = _list_query(scope, f, params.sort, today).add_columns(func.count().over().label("total"))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).all()
    if rows:
        return list(rows), int(rows[0].total)
    total = await session.scalar(select(func.count()).select_from(_list_query(scope, f, None, today).subquery()))
    return [], int(total or 0)


async def all_rows(
    session: AsyncSession, scope: Scope, f: CourseFilters, sort: str | None, today: date, limit: int
) -> list[Any]:
    return list((await session.execute(_list_query(scope, f, sort, today).limit(limit))).all())


async def row(session: AsyncSession, scope: Scope, course_id: uuid.UUID, today: date) -> Any:
    f = CourseFilters(None, None, None, None, None, None, None, include_archived=True)
    return (await session.execute(_list_query(scope, f, None, today).where(C.id == course_id))).one_or_none()


async def rows_by_id(session: AsyncSession, scope: Scope, ids: Sequence[uuid.UUID], today: date) -> list[Any]:
    f = CourseFilters(None, None, None, None, None, None, None, include_archived=True)
    return list((await session.execute(_list_query(scope, f, None, today).where(C.id.in_(ids)))).all())


async def in_scope(session: AsyncSession, scope: Scope, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    if not ids:
        return set()
    return set((await session.scalars(select(C.id).where(C.id.in_(ids), visible(scope)))).all())


def _same_course(teacher_id: Any, title: str, end: date, document_number: str | None) -> ColumnElement[bool]:
    same = and_(func.lower(C.title) == title.lower(), C.end_date == end)
    if document_number:
        same = or_(same, C.document_number == document_number)
    return and_(C.teacher_id == teacher_id, C.archived_at.is_(None), same)


async def duplicate_of(
    session: AsyncSession,
    municipality_id: uuid.UUID,
    teacher_id: uuid.UUID,
    title: str,
    end: date,
    document_number: str | None,
    exclude: uuid.UUID | None = None,
) -> Course | None:
    """The teacher's recorded course with the same certificate number, or the same programme ending the same day."""
    stmt = select(C).where(C.municipality_id == municipality_id, _same_course(teacher_id, title, end, document_number))
    if exclude is not None:
        stmt = stmt.where(C.id != exclude)
    return (await session.scalars(stmt.order_by(C.created_at).limit(1))).first()


async def recorded_for(session: AsyncSession, municipality_id: uuid.UUID, teacher_ids: set[uuid.UUID]) -> list[Any]:
    """(id, teacher, lower(title), end date, certificate number) of these teachers' courses (the import's
    duplicates, compared in one pass)."""
    if not teacher_ids:
        return []
    stmt = select(C.id, C.teacher_id, func.lower(C.title), C.end_date, C.document_number).where(
        C.municipality_id == municipality_id, C.teacher_id.in_(teacher_ids), C.archived_at.is_(None)
    )
    return list((await session.execute(stmt)).all())


# --- the PD window ---


async def teacher_window(session: AsyncSession, teacher_id: uuid.UUID, on: date) -> dict[str, Any]:
    """The teacher's last counting course ending on or before `on`, and the courses and hours in the window."""
    start = rules.window_start(on)
    last = (
        await session.execute(
            select(C.id, C.title, C.end_date)
            .where(C.teacher_id == teacher_id, counts(), C.end_date <= on)
            .order_by(C.end_date.desc(), C.created_at.desc())
            .limit(1)
        )
    ).one_or_none()
    n, hours = (
        await session.execute(
            select(func.count(), func.coalesce(func.sum(C.hours), 0)).where(
                C.teacher_id == teacher_id, counts(), C.end_date > start, C.end_date <= on
            )
        )
    ).one()
    return {
        "last_course_id": last[0] if last else None,
        "last_course_title": last[1] if last else None,
        "last_course_end": last[2] if last else None,
        "courses_in_window": int(n),
        "hours_in_window": int(hours),
    }


def _window_query(counted: Any, on: date, horizon: date, state: str | None, sort: str | None) -> Any:
    """The counted teachers with their last counting course on R and on the horizon, and their state."""
    last = (
        select(C.title, C.end_date)
        .where(C.teacher_id == counted.c.teacher_id, C.municipality_id == counted.c.municipality_id, counts())
        .where(C.end_date <= on)
        .order_by(C.end_date.desc(), C.created_at.desc())
        .limit(1)
        .lateral("last_course")
    )
    last_by_horizon = (
        select(func.max(C.end_date))
        .where(C.teacher_id == counted.c.teacher_id, C.municipality_id == counted.c.municipality_id, counts())
        .where(C.end_date <= horizon)
        .scalar_subquery()
    )
    inside = last.c.end_date > rules.window_start(on)
    stays = last_by_horizon > rules.window_start(horizon)
    state_col = case((inside.is_not(True), literal("outside")), (stays.is_not(True), literal("leaving")), else_=None)
    stmt = (
        select(
            counted.c.teacher_id,
            counted.c.full_name,
            counted.c.organization_id,
            counted.c.organization_name,
            counted.c.position_name,
            state_col.label("state"),
            last.c.end_date.label("last_course_end"),
            last.c.title.label("last_course_title"),
        )
        .select_from(counted)
        .outerjoin(last, true())
    )
    stmt = stmt.where(state_col == state) if state else stmt.where(state_col.is_not(None))
    sorts = {
        "full_name": counted.c.full_name,
        "organization_name": counted.c.organization_name,
        "last_course_end": last.c.end_date,
    }
    return apply_sort(
        stmt, sort, sorts, [last.c.end_date.asc().nullsfirst(), counted.c.full_name, counted.c.teacher_id]
    )


async def window_counts(session: AsyncSession, counted: Any, on: date, horizon: date) -> dict[str, int]:
    """How many counted teachers are in the window on R (PD-3Y's numerator), outside it, leaving it by the
    horizon."""
    sub = _window_query(counted, on, horizon, None, None).subquery()
    everyone = select(func.count()).select_from(counted).scalar_subquery()
    stmt = select(
        everyone,
        func.count().filter(sub.c.state == "outside"),
        func.count().filter(sub.c.state == "leaving"),
    ).select_from(sub)
    total, outside, leaving = (await session.execute(stmt)).one()
    return {"counted": int(total), "outside": int(outside), "leaving": int(leaving)}


async def window_page(
    session: AsyncSession, counted: Any, on: date, horizon: date, state: str | None, params: PageParams
) -> tuple[list[dict[str, Any]], int]:
    stmt = _window_query(counted, on, horizon, state, params.sort).add_columns(func.count().over().label("total"))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).mappings().all()
    if rows:
        return [dict(r) for r in rows], int(rows[0]["total"])
    total = await session.scalar(
        select(func.count()).select_from(_window_query(counted, on, horizon, state, None).subquery())
    )
    return [], int(total or 0)


async def window_rows(
    session: AsyncSession, counted: Any, on: date, horizon: date, state: str | None, sort: str | None, limit: int
) -> list[dict[str, Any]]:
    rows = (await session.execute(_window_query(counted, on, horizon, state, sort).limit(limit))).mappings().all()
    return [dict(r) for r in rows]


# --- the audit log ---


def audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    """«Курс «<программа>»: <педагог>» for the courses among `ids` the reader may see."""
    person = teachers.teacher_directory(date.today(), "audit_person")
    return (
        select(
            literal("course"),
            cast(C.id, String),
            func.concat("Курс «", C.title, "»: ", person.c.full_name),
        )
        .select_from(C)
        .join(person, person.c.teacher_id == C.teacher_id)
        .where(C.id.in_(ids), visible(principal.scope(CoursePerm.READ)))
    )


describe(
    AuditSubject(
        entity_type="course",
        label="Курс повышения квалификации",
        field_labels={
            "teacher_id": "Педагог",
            "title": "Программа",
            "program_kind": "Вид программы",
            "provider_organization_id": "Провайдер (из справочника)",
            "provider_name": "Провайдер",
            "provider_state_owned": "Провайдер государственный или муниципальный",
            "hours": "Часов",
            "start_date": "Дата начала",
            "end_date": "Дата окончания",
            "format": "Форма обучения",
            "document_number": "Номер удостоверения",
            "competence_areas": "Области компетенций",
        },
        value_labels={"program_kind": PROGRAM_KIND_LABELS, "format": FORMAT_LABELS},
        names=audit_names,
        personal=True,
        list_label="Курсы повышения квалификации",
    )
)
