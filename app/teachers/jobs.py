"""Teacher work that runs in the background: a large list export (the file lands in file storage) and a large
import apply (row progress). The small cases stay synchronous in the router; these reuse the same functions."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date
from typing import Any

from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal
from app.core.settings import get_settings
from app.files import service as files
from app.jobs import service as jobs
from app.jobs.runner import JobContext, JobFailed, job_handler
from app.jobs.schedule import nightly
from app.organizations import service as organizations
from app.organizations.models import Organization
from app.teachers import service
from app.teachers.permissions import TeacherPerm
from app.teachers.schemas import ImportForm, TeacherFilters

EXPORT_KIND = "teachers_export"
IMPORT_KIND = "teachers_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_TYPES = {"xlsx": XLSX, "csv": "text/csv"}


def _accepted(job_id: uuid.UUID, message: str) -> JSONResponse:
    body = jobs.accepted_body(job_id, message)
    return JSONResponse(body, status_code=202, headers={"Location": body["job_url"]})


# ---- export ------------------------------------------------------------------------------------------------------


def export_is_large(rows: int) -> bool:
    return rows > get_settings().jobs_export_threshold


async def start_export(
    session: AsyncSession, principal: Principal, filters: TeacherFilters, format: str, sort: str | None, rows: int
) -> JSONResponse:
    """`GET /teachers/export` above the threshold: 202 with the job link; the file comes as the job's result."""
    params = {"filters": _jsonable(dataclasses.asdict(filters)), "format": format, "sort": sort}
    job = await jobs.start_job(
        session,
        principal,
        EXPORT_KIND,
        params,
        municipality_id=filters.municipality_id or principal.single_municipality_id(),
        total=rows,
    )
    return _accepted(job.id, f"Выгрузка {rows} строк формируется в фоне — файл появится по ссылке задачи")


def _jsonable(v: Any) -> Any:
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, list):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    return v


@job_handler(EXPORT_KIND, "Выгрузка списка педагогов")
async def run_export(ctx: JobContext) -> dict[str, Any]:
    from app.teachers import service as teachers

    session, principal, p = ctx.session, ctx.principal, ctx.params
    raw = dict(p["filters"])
    if raw.get("municipality_id"):
        raw["municipality_id"] = uuid.UUID(raw["municipality_id"])
    if raw.get("organization_id"):
        raw["organization_id"] = [uuid.UUID(x) for x in raw["organization_id"]]
    filters = TeacherFilters(**raw)
    today = date.today()
    principal.require(TeacherPerm.READ)
    ids = await teachers.export_ids(session, principal, filters, p.get("sort"), teachers.MAX_EXPORT_ROWS)
    await ctx.progress(0, len(ids), "Собираются строки", force=True)
    fmt = p["format"]
    content, rows = await teachers.export_file(session, ids, fmt, ctx.progress)
    file = await ctx.save_result_file(f"Педагоги {today:%d.%m.%Y}.{fmt}", content, EXPORT_TYPES[fmt])
    await teachers.record_export(
        session, principal, filters, fmt, rows, ctx.job.municipality_id, job_id=ctx.job.id, file_id=file.id
    )
    return {"rows": rows, "format": fmt}


# ---- import ------------------------------------------------------------------------------------------------------


async def _import_org(session: AsyncSession, principal: Principal, organization_id: uuid.UUID) -> Organization:
    """The organization of the import inside the caller's import scope (404 otherwise), through the Resource."""
    return await organizations.get_visible(session, principal, organization_id, TeacherPerm.IMPORT)


async def maybe_start_import(
    session: AsyncSession, principal: Principal, form: ImportForm, skip_invalid: bool
) -> JSONResponse | None:
    """An import apply of more rows than the threshold goes to the background (202 with the job link); None for
    a small file, which the router handles as before (the upload is rewound for it)."""
    from app.teachers import importer

    org = await _import_org(session, principal, form.organization_id)
    system = importer.check_external_system(principal, org, form.external_system)
    content = await form.file.read(importer.MAX_BYTES + 1)
    await form.file.seek(0)
    if len(content) > importer.MAX_BYTES:
        return None  # the router answers 413
    filename = files.clean_name(form.file.filename)
    sheet = await importer.read_upload(filename, content)
    if isinstance(sheet, importer.FileError) or len(sheet.rows) <= get_settings().jobs_import_threshold:
        return None
    stored = await files.store_file(
        session,
        principal,
        municipality_id=org.municipality_id,
        organization_id=org.id,
        name=filename,
        content=content,
        content_type=form.file.content_type or "application/octet-stream",
        owner_type="teachers_import",
        owner_id=org.id,
    )
    job = await jobs.start_job(
        session,
        principal,
        IMPORT_KIND,
        {"organization_id": str(org.id), "system": system, "skip_invalid": skip_invalid, "file_id": str(stored.id)},
        municipality_id=org.municipality_id,
        organization_id=org.id,
        total=len(sheet.rows),
    )
    return _accepted(job.id, f"Загрузка {len(sheet.rows)} строк выполняется в фоне — следите за ходом по ссылке задачи")


@job_handler(IMPORT_KIND, "Загрузка педагогов из файла")
async def run_import(ctx: JobContext) -> dict[str, Any]:
    from app.teachers import importer

    session, principal, p = ctx.session, ctx.principal, ctx.params
    principal.require(TeacherPerm.IMPORT)
    org = await _import_org(session, principal, uuid.UUID(p["organization_id"]))
    stored = await files.get_stored(session, uuid.UUID(p["file_id"]))
    await ctx.progress(0, None, "Проверяется файл", force=True)
    sheet = await importer.read_upload(stored.name, await files.read_bytes(stored))
    report = await importer.run_import(
        session, principal, org, stored.name, sheet, False, p["system"], p["skip_invalid"], progress=ctx.progress
    )
    result = report.model_dump(mode="json")
    if not report.applied:
        detail = (
            "В файле нет ни одной верной строки — ничего не загружено"
            if report.valid_rows == 0
            else "В файле есть ошибки — ничего не загружено"
        )
        raise JobFailed(detail, result)
    return result


# ---- nightly -----------------------------------------------------------------------------------------------------


@nightly("teacher_stats_refresh", "Пересчёт статистики педагогов на новый день")
async def refresh_stats(ctx: JobContext) -> dict[str, Any]:
    """Youth and category expiry move with the date: the kept home figures of every municipality are recomputed
    for the new day, so the first reader of the morning does not pay for it."""
    recomputed = await service.refresh_all_stats(ctx.session)
    await ctx.progress(recomputed, recomputed, message=f"Пересчитано муниципалитетов: {recomputed}", force=True)
    return {"municipalities": recomputed}
