"""Teachers: list with filters, home counts, profile (each read audited), create, update, archive, import."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status
from starlette.concurrency import run_in_threadpool

from app.core.access import Principal, require
from app.core.concurrency import IfMatch, IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import FieldError, Unprocessable, problem_responses
from app.core.exports import content_disposition
from app.core.pagination import Page, PageDep, UpdatedSinceDep, json_page
from app.core.schemas import EXAMPLE_ORGANIZATION_ID, ArchiveRequest
from app.jobs.schemas import JobAccepted
from app.teachers import exporter, importer, service
from app.teachers import jobs as teacher_jobs
from app.teachers import measures as _measures  # noqa: F401  (registers this module's KPI measures)
from app.teachers.permissions import TeacherPerm
from app.teachers.schemas import (
    CategoryStatus,
    ImportForm,
    ImportReport,
    OrganizationTeacherStats,
    TeacherCreate,
    TeacherFilters,
    TeacherListItem,
    TeacherRead,
    TeacherStats,
    TeacherUpdate,
)

router = APIRouter(prefix="/teachers", tags=["teachers"], responses=problem_responses(401, 403, 422))


async def teacher_filters(
    q: Annotated[str | None, Query(max_length=100, description="Поиск по ФИО")] = None,
    municipality_id: uuid.UUID | None = None,
    organization_id: Annotated[list[uuid.UUID] | None, Query(description="Текущее место работы")] = None,
    position: Annotated[list[str] | None, Query(description="Коды должностей (текущая занятость)")] = None,
    subject: Annotated[list[str] | None, Query(description="Коды предметов")] = None,
    category: Annotated[list[str] | None, Query(description="Текущая категория; `none` — без категории")] = None,
    category_status: Annotated[CategoryStatus | None, Query(description="Срок категории")] = None,
    young: Annotated[bool | None, Query(description="Только молодые педагоги (или только не молодые)")] = None,
    external_system: Annotated[str | None, Query(max_length=100)] = None,
    include_archived: bool = False,
) -> TeacherFilters:
    return TeacherFilters(
        q,
        municipality_id,
        organization_id,
        position,
        subject,
        category,
        category_status,
        young,
        external_system,
        include_archived,
    )


FiltersDep = Annotated[TeacherFilters, Depends(teacher_filters)]


@router.get("", operation_id="list_teachers", response_model=Page[TeacherListItem])
async def list_teachers(
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.READ)],
    page: PageDep,
    filters: FiltersDep,
    updated_since: UpdatedSinceDep,
) -> Response:
    rows, total = await service.list_teachers(session, principal, filters, page, updated_since)
    return json_page(rows, total, page)


EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@router.get(
    "/export",
    operation_id="export_teachers",
    response_class=Response,
    responses={
        200: {
            "description": "Файл XLSX или CSV (UTF-8 с BOM, разделитель «;») со списком педагогов по фильтрам",
            "content": {EXPORT_TYPES["xlsx"]: {}, "text/csv": {}},
        },
        202: {"model": JobAccepted, "description": "Строк больше порога: файл формируется фоновой задачей"},
        **problem_responses(422),
    },
)
async def export_teachers(
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.READ)],
    filters: FiltersDep,
    format: Annotated[Literal["xlsx", "csv"], Query(description="Формат файла")] = "xlsx",
    sort: Annotated[str | None, Query(pattern=r"^-?[a-z_]+$", description="Как в списке")] = None,
) -> Response:
    """The teacher list with the same filters and order as `GET /teachers`, as a spreadsheet (audited). It carries
    the personnel number, the job's kind and rate and the category's date, so it can be imported back unchanged."""
    today = date.today()
    ids = await service.export_ids(session, principal, filters, sort, service.MAX_EXPORT_ROWS + 1)
    service.check_export_size(len(ids))
    if teacher_jobs.export_is_large(len(ids)):
        return await teacher_jobs.start_export(session, principal, filters, format, sort, len(ids))
    content, rows = await service.export_file(session, ids, format)
    municipality_id = filters.municipality_id or principal.single_municipality_id()
    await service.record_export(session, principal, filters, format, rows, municipality_id)
    name = f"Педагоги {today:%d.%m.%Y}.{format}"
    return Response(
        content,
        media_type=EXPORT_TYPES[format],
        headers={"Content-Disposition": content_disposition(name, f"teachers-{today:%Y-%m-%d}.{format}")},
    )


@router.get("/stats", operation_id="teacher_stats", response_model=TeacherStats)
async def teacher_stats(
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.READ)],
    municipality_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
) -> TeacherStats:
    """Counts for the home page: teachers, young teachers, categories expiring within 6 months."""
    return TeacherStats(**await service.home_stats(session, principal, municipality_id, organization_id))


@router.get(
    "/stats/by-organization",
    operation_id="teacher_stats_by_organization",
    response_model=Page[OrganizationTeacherStats],
)
async def teacher_stats_by_organization(
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.READ)],
    page: PageDep,
    municipality_id: uuid.UUID | None = None,
) -> Page[OrganizationTeacherStats]:
    """The home-page counts per organization, most urgent first (expired, then expiring categories)."""
    rows, total = await service.stats_by_organization(session, principal, page, municipality_id)
    return Page(
        items=[OrganizationTeacherStats(**row) for row in rows], total=total, limit=page.limit, offset=page.offset
    )


@router.post(
    "",
    operation_id="create_teacher",
    status_code=status.HTTP_201_CREATED,
    response_model=TeacherRead,
    responses=problem_responses(404, 409),
)
async def create_teacher(
    body: TeacherCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.WRITE)],
    response: Response,
) -> TeacherRead:
    teacher = await service.create_and_read(session, principal, body)
    set_etag(response, teacher.version)
    return teacher


@router.get(
    "/import/template",
    operation_id="teacher_import_template",
    response_class=Response,
    responses={
        200: {
            "description": "Шаблон выгрузки отдела кадров: колонки, пример строки, допустимые значения (XLSX)",
            "content": {EXPORT_TYPES["xlsx"]: {}, "text/csv": {}},
        }
    },
)
async def teacher_import_template(
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.IMPORT)],
    format: Annotated[Literal["xlsx", "csv"], Query(description="Формат файла")] = "xlsx",
) -> Response:
    """A file a school fills in (or maps its HR export to) before the import."""
    content = await service.import_template(format, session)
    return Response(
        content,
        media_type=EXPORT_TYPES[format],
        headers={
            "Content-Disposition": content_disposition(
                f"Шаблон импорта педагогов.{format}", f"teachers-import-template.{format}"
            )
        },
    )


async def import_form(
    file: Annotated[UploadFile, File(description="Выгрузка отдела кадров: CSV (;), XLSX, XLS или ODS")],
    organization_id: Annotated[
        uuid.UUID, Form(description="Организация, чья это выгрузка", examples=[EXAMPLE_ORGANIZATION_ID])
    ],
    external_system: Annotated[
        str | None,
        Form(
            max_length=100,
            examples=[f"hr:{EXAMPLE_ORGANIZATION_ID}"],
            description="Система-источник табельных номеров; по умолчанию — нумерация организации "
            "(`hr:<id организации>`). Другую систему может указать только управление образования.",
        ),
    ] = None,
) -> ImportForm:
    return ImportForm(file, organization_id, external_system)


ImportFormDep = Annotated[ImportForm, Depends(import_form)]


@router.post(
    "/import",
    operation_id="import_teachers",
    response_model=ImportReport,
    responses={
        202: {"model": JobAccepted, "description": "Большой файл: загрузка выполняется фоновой задачей"},
        **problem_responses(404, 413),
    },
)
async def import_teachers(
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.IMPORT)],
    form: ImportFormDep,
    dry_run: Annotated[bool, Form(description="Только проверить, ничего не записывать", examples=[True])] = True,
    skip_invalid: Annotated[
        bool,
        Form(
            description="Загрузить только верные строки, а строки с ошибками пропустить (они есть в отчёте)",
            examples=[False],
        ),
    ] = False,
) -> ImportReport:
    """Dry run reports every bad row; apply upserts by external id in one transaction (all or nothing, or with
    `skip_invalid` the good rows only). Matching stays inside the caller's scope; a person of another school of
    the municipality (same full name and birth date) gets a second employment instead of a duplicate card."""
    if not dry_run and (job := await teacher_jobs.maybe_start_import(session, principal, form, skip_invalid)):
        return job  # type: ignore[return-value]
    report = await importer.check_upload(session, principal, form, dry_run, skip_invalid)
    if not dry_run and not report.applied and (report.errors or report.valid_rows == 0):
        detail = (
            "В файле нет ни одной верной строки — ничего не загружено"
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
    "/import/errors",
    operation_id="teacher_import_error_report",
    response_class=Response,
    responses={
        200: {
            "description": "Отчёт об ошибках проверки файла (XLSX): строка, колонка, значение, ошибка",
            "content": {EXPORT_TYPES["xlsx"]: {}},
        },
        **problem_responses(404, 413),
    },
)
async def teacher_import_error_report(
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.IMPORT)],
    form: ImportFormDep,
) -> Response:
    """The dry run of the same file as a spreadsheet to fix the rows in (nothing is written)."""
    report = await importer.check_upload(session, principal, form, dry_run=True)
    content = await run_in_threadpool(exporter.import_error_report, report)
    today = date.today()
    return Response(
        content,
        media_type=EXPORT_TYPES["xlsx"],
        headers={
            "Content-Disposition": content_disposition(
                f"Ошибки импорта педагогов {today:%d.%m.%Y}.xlsx", f"teachers-import-errors-{today:%Y-%m-%d}.xlsx"
            )
        },
    )


@router.get("/{teacher_id}", operation_id="get_teacher", response_model=TeacherRead, responses=problem_responses(404))
async def get_teacher(
    teacher_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.READ)],
    response: Response,
) -> TeacherRead:
    teacher = await service.read_teacher(session, principal, teacher_id)
    set_etag(response, teacher.version)
    return teacher


@router.patch(
    "/{teacher_id}",
    operation_id="update_teacher",
    response_model=TeacherRead,
    responses=problem_responses(404, 409, 412),
)
async def update_teacher(
    teacher_id: uuid.UUID,
    body: TeacherUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.WRITE)],
    response: Response,
    if_match: IfMatch = None,
) -> TeacherRead:
    teacher = await service.update_and_read(session, principal, teacher_id, body, if_match)
    set_etag(response, teacher.version)
    return teacher


@router.post(
    "/{teacher_id}/archive",
    operation_id="archive_teacher",
    response_model=TeacherRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def archive_teacher(
    teacher_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> TeacherRead:
    """Archival instead of deletion (152-ФЗ): history that past KPIs rest on is kept. A person who also works at
    another school is archived by the municipality only (409 `works_elsewhere` for a school)."""
    teacher = await service.archive_and_read(session, principal, teacher_id, body.reason, if_match)
    set_etag(response, teacher.version)
    return teacher
