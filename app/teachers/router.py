"""Teachers: list with filters, home counts, profile (each read audited), create, update, archive, import."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status
from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.core.access import Principal, require
from app.core.audit_trail import record
from app.core.concurrency import IfMatch, set_etag
from app.core.db import SessionDep
from app.core.errors import FieldError, PayloadTooLarge, Unprocessable, problem_responses
from app.core.exports import content_disposition, render
from app.core.pagination import Page, PageDep, UpdatedSinceDep, apply_sort
from app.core.schemas import EXAMPLE_ORGANIZATION_ID, ArchiveRequest
from app.core.search import text_search
from app.jobs.schemas import JobAccepted
from app.organizations import service as organizations_service
from app.organizations.models import Organization
from app.reference.models import Position, QualificationCategory, Subject
from app.reference.service import reference_names
from app.teachers import exporter, importer, rules, service
from app.teachers import jobs as teacher_jobs
from app.teachers.models import Teacher, TeacherCategory, TeacherExternalId, TeacherSubject
from app.teachers.permissions import TeacherPerm
from app.teachers.schemas import (
    ImportReport,
    OrganizationTeacherStats,
    TeacherCreate,
    TeacherListItem,
    TeacherRead,
    TeacherStats,
    TeacherUpdate,
)

router = APIRouter(prefix="/teachers", tags=["teachers"], responses=problem_responses(401, 403, 422))

CategoryStatus = Literal["expiring", "expired", "valid", "none"]


@dataclass(frozen=True)
class TeacherFilters:
    q: str | None
    municipality_id: uuid.UUID | None
    organization_id: list[uuid.UUID] | None
    position: list[str] | None
    subject: list[str] | None
    category: list[str] | None
    category_status: CategoryStatus | None
    young: bool | None
    external_system: str | None
    include_archived: bool

    def summary(self) -> dict[str, object]:
        """The filters for the audit log of an export (the search text is not kept: it may be a name)."""
        out: dict[str, object] = {}
        for key, value in self.__dict__.items():
            if value in (None, False, []):
                continue
            out[key] = "задан" if key == "q" else value
        return out


def teacher_filters(
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


def filtered_ids(principal: Principal, f: TeacherFilters, sort: str | None, today: date) -> Select[Any]:
    """Ids of the visible teachers that match the filters, in the requested order (stage 1 of lists and exports)."""
    stmt = service.visible_teachers(principal, Teacher.id)
    if f.q:
        for word in f.q.split()[:3]:
            stmt = stmt.where(text_search(word, Teacher.last_name, Teacher.first_name, Teacher.middle_name))
    if f.municipality_id:
        stmt = stmt.where(Teacher.municipality_id == f.municipality_id)
    if f.organization_id or f.position:
        stmt = stmt.where(service.current_employment_exists(today, f.organization_id, f.position))
    if f.subject:
        stmt = stmt.where(
            select(TeacherSubject.teacher_id)
            .where(TeacherSubject.teacher_id == Teacher.id, TeacherSubject.subject_code.in_(f.subject))
            .exists()
        )
    current_category = service.latest_category_col(TeacherCategory.category_code)
    current_expiry = service.latest_category_col(TeacherCategory.expires_on)
    if f.category:
        cond = current_category.in_([c for c in f.category if c != rules.NO_CATEGORY])
        stmt = stmt.where(or_(cond, current_category.is_(None)) if rules.NO_CATEGORY in f.category else cond)
    if f.category_status == "expired":
        stmt = stmt.where(current_expiry < today)
    elif f.category_status == "expiring":
        stmt = stmt.where(current_expiry >= today, current_expiry <= today + timedelta(days=rules.EXPIRY_WARNING_DAYS))
    elif f.category_status == "valid":
        stmt = stmt.where(current_category.is_not(None), or_(current_expiry.is_(None), current_expiry >= today))
    elif f.category_status == "none":
        stmt = stmt.where(current_category.is_(None))
    if f.young is not None:
        is_young = service.young_condition(today)
        stmt = stmt.where(is_young if f.young else ~is_young)
    if f.external_system:
        stmt = stmt.where(
            select(TeacherExternalId.id)
            .where(TeacherExternalId.teacher_id == Teacher.id, TeacherExternalId.system == f.external_system)
            .exists()
        )
    if not f.include_archived:
        stmt = stmt.where(Teacher.archived_at.is_(None))
    sorts = {
        "last_name": Teacher.last_name,
        "birth_date": Teacher.birth_date,
        "created_at": Teacher.created_at,
        "category_expires_on": current_expiry,
        "updated_at": Teacher.updated_at,
    }
    return apply_sort(stmt, sort, sorts, [Teacher.last_name, Teacher.first_name, Teacher.id])


async def view_rows(session: AsyncSession, ids: list[uuid.UUID], today: date) -> dict[uuid.UUID, Any]:
    """Stage 2: the list columns (current job, latest category, subjects, young) of these teachers."""
    result = await session.execute(service.list_view_query(), {"ids": ids, "on": today})
    return {row["id"]: row for row in result.mappings()}


@router.get("", operation_id="list_teachers", response_model=Page[TeacherListItem])
async def list_teachers(
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.READ)],
    page: PageDep,
    filters: FiltersDep,
    updated_since: UpdatedSinceDep,
) -> Page[TeacherListItem]:
    today = date.today()
    # Stage 1 filters, sorts and pages teacher ids only; stage 2 computes the view columns (current job, latest
    # category, subjects, young) for that page alone, in one column select: lists are hot, ORM objects are not.
    stmt = filtered_ids(principal, filters, page.sort, today)
    if updated_since:
        # A teacher's updated_at also moves when their employments, subjects or categories change.
        stmt = stmt.where(Teacher.updated_at >= updated_since)
    total = int(await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)
    page_ids = list((await session.scalars(stmt.limit(page.limit).offset(page.offset))).all())
    rows = await view_rows(session, page_ids, today)
    # Rows come typed from our own query (every field, subjects coalesced to []): construct without re-validating.
    items = [
        TeacherListItem.model_construct(
            **rows[i], category_warning=rules.expiry_warning(rows[i]["category_expires_on"], today)
        )
        for i in page_ids
    ]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


MAX_EXPORT_ROWS = 50_000
EXPORT_CHUNK = 1_000
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
    ids = list((await session.scalars(filtered_ids(principal, filters, sort, today).limit(MAX_EXPORT_ROWS + 1))).all())
    if len(ids) > MAX_EXPORT_ROWS:
        raise Unprocessable(
            f"Слишком много строк для выгрузки (больше {MAX_EXPORT_ROWS:,}). Уточните фильтры.".replace(",", " "),
            code="export_too_large",
        )
    if teacher_jobs.export_is_large(len(ids)):
        return await teacher_jobs.start_export(session, principal, filters, format, sort, len(ids))
    rows: dict[uuid.UUID, Any] = {}
    extra: dict[uuid.UUID, dict[str, Any]] = {}
    for i in range(0, len(ids), EXPORT_CHUNK):
        rows.update(await view_rows(session, ids[i : i + EXPORT_CHUNK], today))
        extra.update(await service.import_columns(session, ids[i : i + EXPORT_CHUNK], today))
    subjects = await reference_names(session, Subject)
    categories = await reference_names(session, QualificationCategory)
    table = [exporter.teacher_row(rows[i], subjects, categories, today, extra.get(i)) for i in ids]
    content = await run_in_threadpool(render, format, exporter.TEACHER_COLUMNS, table, "Педагоги")
    await record(
        session,
        principal,
        "export",
        "teacher",
        None,
        filters.municipality_id or principal.single_municipality_id(),
        {"format": format, "rows": len(table), "filters": filters.summary()},
    )
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
    teacher = await service.create_teacher(session, principal, body)
    teacher = await service.get_visible_teacher(session, principal, teacher.id, TeacherPerm.WRITE)
    set_etag(response, teacher.version)
    return await service.profile_view(session, teacher)


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
    positions = await reference_names(session, Position)
    subjects = await reference_names(session, Subject)
    categories = await reference_names(session, QualificationCategory)
    content = await run_in_threadpool(exporter.import_template, format, positions, subjects, categories)
    return Response(
        content,
        media_type=EXPORT_TYPES[format],
        headers={
            "Content-Disposition": content_disposition(
                f"Шаблон импорта педагогов.{format}", f"teachers-import-template.{format}"
            )
        },
    )


@dataclass(frozen=True)
class ImportForm:
    file: UploadFile
    organization_id: uuid.UUID
    external_system: str | None


def import_form(
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


async def _check_import(
    session: AsyncSession, principal: Principal, form: ImportForm, dry_run: bool, skip_invalid: bool = False
) -> tuple[Organization, ImportReport]:
    org = await organizations_service.get_visible(session, principal, form.organization_id, TeacherPerm.IMPORT)
    system = importer.check_external_system(principal, org, form.external_system)
    content = await form.file.read(importer.MAX_BYTES + 1)
    if len(content) > importer.MAX_BYTES:
        raise PayloadTooLarge("Файл больше 10 МБ: разделите выгрузку по организациям", code="file_too_large")
    filename = "".join(ch for ch in (form.file.filename or "") if ch.isprintable())
    sheet = await importer.read_upload(filename, content)
    report = await importer.run_import(session, principal, org, filename, sheet, dry_run, system, skip_invalid)
    return org, report


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
    _, report = await _check_import(session, principal, form, dry_run, skip_invalid)
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
    _, report = await _check_import(session, principal, form, dry_run=True)
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
    teacher = await service.get_visible_teacher(session, principal, teacher_id)
    await record(session, principal, "read", "teacher", teacher.id, teacher.municipality_id)
    set_etag(response, teacher.version)
    return await service.profile_view(session, teacher)


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
    teacher = await service.get_visible_teacher(session, principal, teacher_id, TeacherPerm.WRITE)
    await service.update_teacher(session, principal, teacher, body, if_match)
    set_etag(response, teacher.version)
    return await service.profile_view(session, teacher)


@router.post(
    "/{teacher_id}/archive",
    operation_id="archive_teacher",
    response_model=TeacherRead,
    responses=problem_responses(404, 409, 412),
)
async def archive_teacher(
    teacher_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.WRITE)],
    response: Response,
    if_match: IfMatch = None,
) -> TeacherRead:
    """Archival instead of deletion (152-ФЗ): history that past KPIs rest on is kept. A person who also works at
    another school is archived by the municipality only (409 `works_elsewhere` for a school)."""
    teacher = await service.get_visible_teacher(session, principal, teacher_id, TeacherPerm.WRITE)
    await service.archive_teacher(session, principal, teacher, body.reason, if_match)
    set_etag(response, teacher.version)
    return await service.profile_view(session, teacher)
