"""Courses: audited writes with If-Match (the provider's name and ownership taken from the organization's card when
it is one of the dictionary), duplicates refused naming the recorded course, reads with the provider's
eligibility and `actions`, and the PD window (273-ФЗ art. 47: a course at least every 3 years) per teacher and over
the counted teachers: those outside it on a date R and those leaving it in the next N months (PD-3Y)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.core.access import Principal
from app.core.audit_trail import record
from app.core.errors import Conflict, FieldError, NotFound, Unprocessable
from app.core.exports import Column, render
from app.core.pagination import Page, PageParams
from app.core.timeline import TimelineEntry, register_source
from app.courses import repository as repo
from app.courses import rules
from app.courses.models import Course
from app.courses.permissions import CoursePerm
from app.courses.schemas import (
    FORMAT_LABELS,
    PROGRAM_KIND_LABELS,
    WINDOW_LABELS,
    CourseCreate,
    CourseFilters,
    CourseRead,
    CourseUpdate,
    PdWindowItem,
    PdWindowPage,
    TeacherPdStatus,
)
from app.organizations import service as organizations
from app.reference import service as reference
from app.teachers import service as teachers

MAX_EXPORT_ROWS = 50_000


# --- reads ---


def _read(row: Any, writable: set[uuid.UUID]) -> CourseRead:
    c: Course = row[0]
    out = CourseRead.model_validate(c)
    out.teacher_name = row.teacher_name
    out.organization_id = row.organization_id
    out.organization_name = row.organization_name
    out.program_kind_label = PROGRAM_KIND_LABELS.get(c.program_kind, c.program_kind)
    out.format_label = FORMAT_LABELS.get(c.format) if c.format else None
    out.provider_eligible = rules.provider_eligible(c.start_date, c.provider_state_owned)
    if out.provider_eligible is False:
        out.warnings.append(
            "Курс начат после 01.09.2025 у негосударственного провайдера: он не засчитывается в 3-летний срок "
            "повышения квалификации (педагоги общего образования обучаются у государственных и муниципальных "
            "организаций)"
        )
    elif out.provider_eligible is None:
        out.warnings.append(
            "Неизвестно, государственный ли провайдер: с 01.09.2025 это условие зачёта курса. Укажите форму "
            "собственности провайдера."
        )
    if c.archived_at is None and c.id in writable:
        out.actions = ["update", "archive"]
    return out


async def _writable(session: AsyncSession, principal: Principal, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not principal.has(CoursePerm.WRITE):
        return set()
    return await repo.in_scope(session, principal.scope(CoursePerm.WRITE), ids)


async def list_courses(
    session: AsyncSession, principal: Principal, f: CourseFilters, page: PageParams
) -> Page[CourseRead]:
    rows, total = await repo.page(session, principal.scope(CoursePerm.READ), f, page, date.today())
    writable = await _writable(session, principal, [r[0].id for r in rows])
    return Page(items=[_read(r, writable) for r in rows], total=total, limit=page.limit, offset=page.offset)


async def read_course(
    session: AsyncSession, principal: Principal, course_id: uuid.UUID, perm: str = CoursePerm.READ
) -> CourseRead:
    row = await repo.row(session, principal.scope(perm), course_id, date.today())
    if row is None:
        raise NotFound(repo.courses.not_found)
    return _read(row, await _writable(session, principal, [course_id]))


# --- writes ---


async def _provider_fields(session: AsyncSession, principal: Principal, organization_id: uuid.UUID) -> dict[str, Any]:
    """The provider from the organizations' dictionary: its name and ownership as they are today."""
    try:
        org = await organizations.get_visible(session, principal, organization_id)
    except NotFound as e:
        raise Unprocessable(
            errors=[
                FieldError(
                    field="body.provider_organization_id", code="unknown_organization", message="Организация не найдена"
                )
            ]
        ) from e
    return {
        "provider_organization_id": org.id,
        "provider_name": org.short_name,
        "provider_state_owned": org.is_state_owned,
    }


async def _duplicate(
    session: AsyncSession,
    municipality_id: uuid.UUID,
    teacher_id: uuid.UUID,
    title: str,
    end: date,
    document_number: str | None,
    exclude: uuid.UUID | None = None,
) -> None:
    same = await repo.duplicate_of(session, municipality_id, teacher_id, title, end, document_number, exclude)
    if same is not None:
        raise Conflict(
            f"Этот курс педагога уже записан: «{same.title}», {same.start_date:%d.%m.%Y}–{same.end_date:%d.%m.%Y}"
            + (f", удостоверение № {same.document_number}" if same.document_number else ""),
            code="duplicate_course",
            extra={"existing_id": str(same.id)},
        )


async def create_course(session: AsyncSession, principal: Principal, body: CourseCreate) -> CourseRead:
    found = await teachers.teacher_facts(session, principal.scope(CoursePerm.WRITE), {body.teacher_id})
    teacher = found.get(body.teacher_id)
    if teacher is None:
        raise Unprocessable(
            errors=[FieldError(field="body.teacher_id", code="unknown_teacher", message="Педагог не найден")]
        )
    data = body.model_dump()
    await reference.ensure_competence_areas(session, body.competence_areas, "body.competence_areas")
    if body.provider_organization_id is not None:
        data.update(await _provider_fields(session, principal, body.provider_organization_id))
    await _duplicate(session, teacher.municipality_id, teacher.id, body.title, body.end_date, body.document_number)
    course = await repo.courses.create(session, principal, Course(municipality_id=teacher.municipality_id, **data))
    return await read_course(session, principal, course.id, CoursePerm.WRITE)


async def update_course(
    session: AsyncSession, principal: Principal, course_id: uuid.UUID, body: CourseUpdate, if_match: str | None
) -> CourseRead:
    course = await repo.courses.get(session, principal.scope(CoursePerm.WRITE), course_id)
    repo.courses.check_version(course, if_match)
    if course.archived_at is not None:
        raise Conflict("Запись о курсе в архиве: изменить её нельзя", code="archived")
    values = body.model_dump(exclude_unset=True)
    if values.get("competence_areas"):
        await reference.ensure_competence_areas(session, values["competence_areas"], "body.competence_areas")
    if values.get("provider_organization_id") is not None:
        values.update(await _provider_fields(session, principal, values["provider_organization_id"]))
    elif "provider_organization_id" in values and "provider_name" not in values and course.provider_organization_id:
        values["provider_name"] = course.provider_name  # the dictionary's name stays as text
    start, end = values.get("start_date", course.start_date), values.get("end_date", course.end_date)
    if end < start:
        raise Unprocessable(
            errors=[FieldError(field="body.end_date", code="dates", message="Дата окончания курса раньше даты начала")]
        )
    await _duplicate(
        session,
        course.municipality_id,
        course.teacher_id,
        values.get("title", course.title),
        end,
        values.get("document_number", course.document_number),
        exclude=course.id,
    )
    await repo.courses.update(session, principal, course, values, if_match)
    return await read_course(session, principal, course.id, CoursePerm.WRITE)


async def archive_course(
    session: AsyncSession, principal: Principal, course_id: uuid.UUID, reason: str, if_match: str | None
) -> CourseRead:
    course = await repo.courses.get(session, principal.scope(CoursePerm.WRITE), course_id)
    await repo.courses.archive(session, principal, course, reason, if_match)
    return await read_course(session, principal, course.id, CoursePerm.WRITE)


# --- the PD window ---


async def teacher_status(
    session: AsyncSession, principal: Principal, teacher_id: uuid.UUID, on: date
) -> TeacherPdStatus:
    """One teacher's window on R: the last counting course ending on or before R, in the window or not, and the
    day they leave it without a new course."""
    found = await teachers.teacher_facts(session, principal.scope(CoursePerm.READ), {teacher_id})
    teacher = found.get(teacher_id)
    if teacher is None:
        raise NotFound("Педагог не найден")
    w = await repo.teacher_window(session, teacher_id, on)
    end = w["last_course_end"]
    inside = rules.in_window(end, on)
    return TeacherPdStatus(
        teacher_id=teacher_id,
        full_name=teacher.full_name,
        on=on,
        window_start=rules.window_start(on),
        in_window=inside,
        leaves_window_on=rules.leaves_window_on(end) if inside else None,
        **w,
    )


def _window_item(row: dict[str, Any]) -> PdWindowItem:
    end = row["last_course_end"]
    return PdWindowItem(
        teacher_id=row["teacher_id"],
        full_name=row["full_name"],
        organization_id=row["organization_id"],
        organization_name=row["organization_name"],
        position_name=row["position_name"],
        state=row["state"],
        state_label=WINDOW_LABELS[row["state"]],
        last_course_end=end,
        last_course_title=row["last_course_title"],
        leaves_window_on=rules.leaves_window_on(end) if row["state"] == "leaving" and end else None,
    )


def _counted(
    principal: Principal, on: date, organization_id: uuid.UUID | None, municipality_id: uuid.UUID | None
) -> Any:
    return teachers.counted_teachers(
        principal,
        on,
        perm=CoursePerm.READ,
        organization_ids=[organization_id] if organization_id else None,
        municipality_id=municipality_id,
    )


async def pd_window(
    session: AsyncSession,
    principal: Principal,
    on: date,
    months: int,
    page: PageParams,
    state: str | None = None,
    organization_id: uuid.UUID | None = None,
    municipality_id: uuid.UUID | None = None,
) -> PdWindowPage:
    horizon = rules.add_months(on, months)
    counted = _counted(principal, on, organization_id, municipality_id)
    numbers = await repo.window_counts(session, counted, on, horizon)
    rows, total = await repo.window_page(session, counted, on, horizon, state, page)
    inside = numbers["counted"] - numbers["outside"]
    return PdWindowPage(
        items=[_window_item(r) for r in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
        on=on,
        months=months,
        horizon=horizon,
        counted=numbers["counted"],
        in_window=inside,
        outside=numbers["outside"],
        leaving=numbers["leaving"],
        share=round(100 * inside / numbers["counted"], 1) if numbers["counted"] else None,
    )


# --- exports ---

COURSE_COLUMNS = [
    Column("№", 6, "number"),
    Column("ФИО", 32),
    Column("Организация", 24),
    Column("Программа", 48),
    Column("Вид программы", 22),
    Column("Провайдер", 36),
    Column("Провайдер допустим", 12),
    Column("Часов", 8, "number"),
    Column("Дата начала", 12, "date"),
    Column("Дата окончания", 12, "date"),
    Column("Форма обучения", 16),
    Column("№ удостоверения", 20),
    Column("В архиве", 10),
]
WINDOW_COLUMNS = [
    Column("№", 6, "number"),
    Column("ФИО", 32),
    Column("Организация", 24),
    Column("Должность", 24),
    Column("Состояние", 28),
    Column("Последний курс окончен", 14, "date"),
    Column("Последний курс", 48),
    Column("Вне срока с", 14, "date"),
]
YES_NO = {True: "да", False: "нет", None: "неизвестно"}


def _check_size(rows: int) -> None:
    if rows > MAX_EXPORT_ROWS:
        raise Unprocessable("Слишком много строк для выгрузки. Уточните фильтры.", code="export_too_large")


async def export_courses(
    session: AsyncSession, principal: Principal, f: CourseFilters, sort: str | None, fmt: str
) -> bytes:
    rows = await repo.all_rows(session, principal.scope(CoursePerm.READ), f, sort, date.today(), MAX_EXPORT_ROWS + 1)
    _check_size(len(rows))
    table = []
    for i, r in enumerate(rows, start=1):
        c = _read(r, set())
        table.append(
            [
                i,
                c.teacher_name,
                c.organization_name,
                c.title,
                c.program_kind_label,
                c.provider_name,
                YES_NO[c.provider_eligible],
                c.hours,
                c.start_date,
                c.end_date,
                c.format_label,
                c.document_number,
                "да" if c.archived_at else "",
            ]
        )
    await record(
        session,
        principal,
        "export",
        "course",
        None,
        principal.single_municipality_id(),
        {"format": fmt, "rows": len(table), "filters": f.summary()},
    )
    return await run_in_threadpool(render, fmt, COURSE_COLUMNS, table, "Курсы")  # type: ignore[arg-type]


async def export_pd_window(
    session: AsyncSession,
    principal: Principal,
    on: date,
    months: int,
    state: str | None,
    sort: str | None,
    fmt: str,
    organization_id: uuid.UUID | None = None,
    municipality_id: uuid.UUID | None = None,
) -> bytes:
    horizon = rules.add_months(on, months)
    counted = _counted(principal, on, organization_id, municipality_id)
    rows = await repo.window_rows(session, counted, on, horizon, state, sort, MAX_EXPORT_ROWS + 1)
    _check_size(len(rows))
    table = []
    for i, r in enumerate(rows, start=1):
        item = _window_item(r)
        table.append(
            [
                i,
                item.full_name,
                item.organization_name,
                item.position_name,
                item.state_label,
                item.last_course_end,
                item.last_course_title,
                item.leaves_window_on,
            ]
        )
    await record(
        session,
        principal,
        "export",
        "course",
        None,
        principal.single_municipality_id(),
        {
            "format": fmt,
            "rows": len(table),
            "filters": {
                "list": "pd_window",
                "on": on.isoformat(),
                "months": months,
                **({"state": state} if state else {}),
                **({"organization_id": str(organization_id)} if organization_id else {}),
            },
        },
    )
    return await run_in_threadpool(render, fmt, WINDOW_COLUMNS, table, "Повышение квалификации")  # type: ignore[arg-type]


# --- the teacher's growth timeline (read by app.growth) ---


async def timeline(session: AsyncSession, principal: Principal, teacher_id: uuid.UUID) -> list[TimelineEntry]:
    """The teacher's courses the caller may read, as timeline entries."""
    if not principal.has(CoursePerm.READ):
        return []
    f = CourseFilters(None, None, teacher_id, None, None, None, None, include_archived=False)
    rows = await repo.all_rows(session, principal.scope(CoursePerm.READ), f, None, date.today(), TIMELINE_LIMIT)
    out = []
    for row in rows:
        c: Course = row[0]
        kind = PROGRAM_KIND_LABELS.get(c.program_kind, c.program_kind)
        detail = "; ".join(
            p
            for p in (
                kind,
                f"провайдер: {c.provider_name}" if c.provider_name else None,
                f"документ № {c.document_number}" if c.document_number else None,
            )
            if p
        )
        out.append(
            TimelineEntry(
                kind="course",
                kind_label="Курсы",
                record_id=c.id,
                start=c.start_date,
                end=c.end_date,
                title=c.title,
                detail=detail or None,
                hours=c.hours,
            )
        )
    return out


TIMELINE_LIMIT = 1_000


register_source("courses", timeline)
