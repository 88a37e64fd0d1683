"""Courses: list with filters and its export, the PD window per teacher and over the counted teachers (outside it
or leaving it) with its export, the import of a provider's list, card, create, update, archive (HTTP only; rules in
service.py and importer.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status

from app.core.access import Principal, require
from app.core.concurrency import IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import FieldError, Unprocessable, problem_responses
from app.core.exports import attachment, export_responses
from app.core.pagination import Page, PageDep
from app.core.periods import Period
from app.core.schemas import EXAMPLE_MUNICIPALITY_ID, EXAMPLE_ORGANIZATION_ID, ArchiveRequest
from app.courses import importer, service
from app.courses import measures as _measures  # noqa: F401  (registers this module's KPI measures)
from app.courses.permissions import CoursePerm
from app.courses.schemas import (
    CourseCreate,
    CourseFilters,
    CourseImportForm,
    CourseImportReport,
    CourseRead,
    CourseUpdate,
    PdWindowPage,
    ProgramKind,
    TeacherPdStatus,
    WindowState,
)

router = APIRouter(prefix="/courses", tags=["courses"], responses=problem_responses(401, 403, 422))

Format = Annotated[Literal["xlsx", "csv"], Query(description="Формат файла")]
Sort = Annotated[str | None, Query(pattern=r"^-?[a-z_]+$", description="Как в списке")]
OnDate = Annotated[date | None, Query(description="Дата R (по умолчанию — сегодня)")]
Months = Annotated[
    int, Query(ge=0, le=36, description="Кто выходит из 3-летнего срока в ближайшие столько месяцев после R")
]
State = Annotated[
    WindowState | None,
    Query(description="`outside` — только вне срока, `leaving` — только выходящие из срока; по умолчанию оба"),
]
OrgFilter = Annotated[uuid.UUID | None, Query(description="Только педагоги, учитываемые в этой организации")]
MuniFilter = Annotated[uuid.UUID | None, Query(description="Только педагоги этого муниципалитета")]


async def course_filters(
    period: Annotated[
        Period | None, Query(description="Учебный год «2024/2025» (или год, полугодие): курсы, окончившиеся в нём")
    ] = None,
    organization_id: Annotated[uuid.UUID | None, Query(description="Педагог работает в организации")] = None,
    teacher_id: Annotated[uuid.UUID | None, Query(description="Педагог")] = None,
    provider_organization_id: Annotated[uuid.UUID | None, Query(description="Провайдер из справочника")] = None,
    q: Annotated[
        str | None, Query(max_length=100, description="Поиск по программе, провайдеру, № удостоверения")
    ] = None,
    program_kind: Annotated[ProgramKind | None, Query(description="Вид программы")] = None,
    eligible: Annotated[
        bool | None,
        Query(description="`true` — провайдер допустим, `false` — курс у недопустимого провайдера (не засчитывается)"),
    ] = None,
    include_archived: Annotated[bool, Query(description="Показать и архивные записи")] = False,
) -> CourseFilters:
    return CourseFilters(
        period, organization_id, teacher_id, provider_organization_id, q, program_kind, eligible, include_archived
    )


FiltersDep = Annotated[CourseFilters, Depends(course_filters)]


@router.get("", operation_id="list_courses", response_model=Page[CourseRead])
async def list_courses(
    session: SessionDep,
    principal: Annotated[Principal, require(CoursePerm.READ)],
    page: PageDep,
    filters: FiltersDep,
) -> Page[CourseRead]:
    """Courses inside the caller's scope (through their teacher). Sort: `end_date`, `start_date`, `hours`, `title`,
    `teacher_name`, `created_at`, `updated_at`."""
    return await service.list_courses(session, principal, filters, page)


@router.get(
    "/export",
    operation_id="export_courses",
    response_class=Response,
    responses=export_responses("Курсы по фильтрам списка: XLSX или CSV (UTF-8 с BOM, «;»)"),
)
async def export_courses(
    session: SessionDep,
    principal: Annotated[Principal, require(CoursePerm.READ)],
    filters: FiltersDep,
    format: Format = "xlsx",
    sort: Sort = None,
) -> Response:
    """The list with the same filters and order as `GET /courses`, as a spreadsheet (audited)."""
    content = await service.export_courses(session, principal, filters, sort, format)
    return attachment(content, format, f"Курсы повышения квалификации {date.today():%d.%m.%Y}", "courses")


@router.get("/pd-window", operation_id="list_pd_window", response_model=PdWindowPage)
async def list_pd_window(
    session: SessionDep,
    principal: Annotated[Principal, require(CoursePerm.READ)],
    page: PageDep,
    on: OnDate = None,
    months: Months = 6,
    state: State = None,
    organization_id: OrgFilter = None,
    municipality_id: MuniFilter = None,
) -> PdWindowPage:
    """Teachers counted on R (a main employment covering R; counted at its organization) who are outside the 3-year
    window of professional development on R — no counting course with an end date after R − 3 years and not after
    R — or leave it within `months`: in it on R, but no recorded course keeps them in it on R + `months`. A course
    counts unless archived or, started from 1 September 2025, taken with a provider known to be private. The page
    carries the counts and the share in the window (PD-3Y). Sort: `full_name`, `organization_name`,
    `last_course_end`."""
    return await service.pd_window(
        session, principal, on or date.today(), months, page, state, organization_id, municipality_id
    )


@router.get(
    "/pd-window/export",
    operation_id="export_pd_window",
    response_class=Response,
    responses=export_responses("Педагоги вне 3-летнего срока повышения квалификации и выходящие из него: XLSX/CSV"),
)
async def export_pd_window(
    session: SessionDep,
    principal: Annotated[Principal, require(CoursePerm.READ)],
    on: OnDate = None,
    months: Months = 6,
    state: State = None,
    organization_id: OrgFilter = None,
    municipality_id: MuniFilter = None,
    format: Format = "xlsx",
    sort: Sort = None,
) -> Response:
    """The list of `GET /courses/pd-window` as a spreadsheet (audited)."""
    day = on or date.today()
    content = await service.export_pd_window(
        session, principal, day, months, state, sort, format, organization_id, municipality_id
    )
    return attachment(content, format, f"Повышение квалификации на {day:%d.%m.%Y}", "pd-window")


@router.get(
    "/pd-window/{teacher_id}",
    operation_id="get_teacher_pd_status",
    response_model=TeacherPdStatus,
    responses=problem_responses(404),
)
async def get_teacher_pd_status(
    teacher_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(CoursePerm.READ)],
    on: OnDate = None,
) -> TeacherPdStatus:
    """One teacher on R: the last counting course ending on or before R, whether it is inside the 3-year window
    (end date after R − 3 years and not after R), and the day the teacher leaves the window without a new course."""
    return await service.teacher_status(session, principal, teacher_id, on or date.today())


async def import_form(
    file: Annotated[UploadFile, File(description="Список провайдера: XLSX, CSV (;), XLS или ODS")],
    organization_id: Annotated[
        uuid.UUID | None,
        Form(
            description="Организация, в нумерации которой указаны табельные номера (если они есть в файле)",
            examples=[EXAMPLE_ORGANIZATION_ID],
        ),
    ] = None,
    municipality_id: Annotated[
        uuid.UUID | None,
        Form(
            description="Муниципалитет, чьих педагогов содержит список (если не указана организация)",
            examples=[EXAMPLE_MUNICIPALITY_ID],
        ),
    ] = None,
    provider_organization_id: Annotated[
        uuid.UUID | None,
        Form(
            description="Провайдер из справочника — для строк без колонки «Провайдер» (вместо `provider_name`)",
            examples=[EXAMPLE_ORGANIZATION_ID],
        ),
    ] = None,
    provider_name: Annotated[
        str | None,
        Form(
            min_length=2,
            max_length=500,
            description="Провайдер не из справочника — для строк без колонки «Провайдер»",
            examples=["ОГБОУ ДПО «Костромской областной институт развития образования»"],
        ),
    ] = None,
    provider_state_owned: Annotated[
        bool | None,
        Form(description="Этот провайдер — государственная или муниципальная организация", examples=[True]),
    ] = None,
) -> CourseImportForm:
    return CourseImportForm(
        file, organization_id, municipality_id, provider_organization_id, provider_name, provider_state_owned
    )


@router.post(
    "/import",
    operation_id="import_courses",
    response_model=CourseImportReport,
    responses=problem_responses(404, 409, 413),
)
async def import_courses(
    session: SessionDep,
    principal: Annotated[Principal, require(CoursePerm.IMPORT)],
    form: Annotated[CourseImportForm, Depends(import_form)],
    dry_run: Annotated[bool, Form(description="Только проверить, ничего не записывать", examples=[True])] = True,
    skip_invalid: Annotated[
        bool,
        Form(
            description="Загрузить только верные строки, а строки с ошибками пропустить (они есть в отчёте)",
            examples=[False],
        ),
    ] = False,
) -> CourseImportReport:
    """A provider's list (ФИО, дата рождения or табельный номер, программа, часы, даты, № удостоверения; optionally
    провайдер, форма обучения, вид программы per row). The dry run reports every bad row; the apply writes all
    rows, or with `skip_invalid` the good rows only (otherwise 422 `import_has_errors` with the report). People are
    matched among the teachers the caller keeps records of; a course already recorded is not loaded twice."""
    report = await importer.run_import(session, principal, form, dry_run, skip_invalid)
    if not dry_run and not report.applied and (report.errors or report.valid_rows == 0):
        detail = (
            "В файле нет ни одной новой верной строки — ничего не загружено"
            if report.valid_rows == 0
            else "В файле есть ошибки — ничего не загружено"
        )
        raise Unprocessable(
            detail,
            code="import_has_errors",
            errors=[
                FieldError(field=f"line.{e.line}", message=e.message, code=e.column or "row") for e in report.errors
            ],
            extra={"report": report.model_dump(mode="json")},
        )
    return report


@router.post(
    "",
    operation_id="create_course",
    status_code=status.HTTP_201_CREATED,
    response_model=CourseRead,
    responses=problem_responses(409),
)
async def create_course(
    body: CourseCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(CoursePerm.WRITE)],
    response: Response,
) -> CourseRead:
    """A course of a teacher the caller keeps records of; 409 `duplicate_course` (naming it) when the teacher's
    course with the same certificate number, or the same programme ending the same day, is recorded already."""
    course = await service.create_course(session, principal, body)
    set_etag(response, course.version)
    return course


@router.get("/{course_id}", operation_id="get_course", response_model=CourseRead, responses=problem_responses(404))
async def get_course(
    course_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(CoursePerm.READ)],
    response: Response,
) -> CourseRead:
    course = await service.read_course(session, principal, course_id)
    set_etag(response, course.version)
    return course


@router.patch(
    "/{course_id}",
    operation_id="update_course",
    response_model=CourseRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def update_course(
    course_id: uuid.UUID,
    body: CourseUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(CoursePerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> CourseRead:
    """Only the fields sent change; `If-Match` is required (428 without it, 412 when stale)."""
    course = await service.update_course(session, principal, course_id, body, if_match)
    set_etag(response, course.version)
    return course


@router.post(
    "/{course_id}/archive",
    operation_id="archive_course",
    response_model=CourseRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def archive_course(
    course_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(CoursePerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> CourseRead:
    """Archival with a reason instead of deletion (a course archived as recorded in error counts nowhere)."""
    course = await service.archive_course(session, principal, course_id, body.reason, if_match)
    set_etag(response, course.version)
    return course
