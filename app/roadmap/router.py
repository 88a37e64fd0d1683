"""Programmes and roadmaps: programmes (list, card, create, update, archive, progress by section, the roadmap's
import from XLSX/CSV/DOCX with a dry run, the roadmap as XLSX and the progress report as DOCX), the activities
(list with filters — «мои мероприятия», overdue, due this month, a KPI code —, card, update with the schedule set by
hand) and their occurrences (status, progress reports with evidence). HTTP only; rules in service.py."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status

from app.core.access import Principal, require
from app.core.concurrency import IfMatch, IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import MEDIA_TYPES, content_disposition
from app.core.pagination import Page, PageDep
from app.core.schemas import ArchiveRequest
from app.roadmap import jobs as _nightly_jobs  # noqa: F401  registers the nightly job
from app.roadmap import service
from app.roadmap.permissions import RoadmapPerm
from app.roadmap.schemas import (
    ActivityFilters,
    ActivityRead,
    ActivityUpdate,
    OccurrenceRead,
    OccurrenceStatus,
    OccurrenceUpdate,
    ProgrammeCreate,
    ProgrammeFilters,
    ProgrammeProgress,
    ProgrammeRead,
    ProgrammeStatus,
    ProgrammeTimeline,
    ProgrammeUpdate,
    RoadmapImportReport,
    RoadmapReportCreate,
)

router = APIRouter(prefix="/programmes", tags=["roadmap"], responses=problem_responses(401, 403, 422))
activities_router = APIRouter(
    prefix="/roadmap-activities", tags=["roadmap"], responses=problem_responses(401, 403, 422)
)
occurrences_router = APIRouter(
    prefix="/roadmap-occurrences", tags=["roadmap"], responses=problem_responses(401, 403, 422)
)

Reader = Annotated[Principal, require(RoadmapPerm.READ)]
Writer = Annotated[Principal, require(RoadmapPerm.WRITE)]
Reporter = Annotated[Principal, require(RoadmapPerm.REPORT)]
MAX_UPLOAD = 10 * 1024 * 1024


async def programme_filters(
    status: Annotated[list[ProgrammeStatus] | None, Query(description="Статусы программы")] = None,
    include_archived: Annotated[bool, Query(description="Показать и архивные программы")] = False,
) -> ProgrammeFilters:
    return ProgrammeFilters(list(status) if status else None, include_archived)


@router.get("", operation_id="list_programmes", response_model=Page[ProgrammeRead])
async def list_programmes(
    session: SessionDep,
    principal: Reader,
    page: PageDep,
    filters: Annotated[ProgrammeFilters, Depends(programme_filters)],
) -> Page[ProgrammeRead]:
    """Programmes of the caller's municipality with their stages and sections. Sort: `title`, `period_start`,
    `status`, `updated_at` (default: the latest period first)."""
    return await service.list_programmes(session, principal, filters, page)


@router.post(
    "",
    operation_id="create_programme",
    status_code=status.HTTP_201_CREATED,
    response_model=ProgrammeRead,
    responses=problem_responses(404),
)
async def create_programme(
    body: ProgrammeCreate, session: SessionDep, principal: Writer, response: Response
) -> ProgrammeRead:
    """A programme of a municipality the caller keeps (422 `unknown_municipality` otherwise), with its stages. The
    roadmap is loaded with `POST /programmes/{id}/import`."""
    p = await service.create_programme(session, principal, body)
    set_etag(response, p.version)
    return p


@router.get(
    "/{programme_id}", operation_id="get_programme", response_model=ProgrammeRead, responses=problem_responses(404)
)
async def get_programme(
    programme_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response
) -> ProgrammeRead:
    p = await service.read_programme(session, principal, programme_id)
    set_etag(response, p.version)
    return p


@router.patch(
    "/{programme_id}",
    operation_id="update_programme",
    response_model=ProgrammeRead,
    responses=problem_responses(404, 412, 428),
)
async def update_programme(
    programme_id: uuid.UUID,
    body: ProgrammeUpdate,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> ProgrammeRead:
    """Only the fields sent change; `stages` replace the previous ones. A new period regenerates the activities'
    occurrences (those done or reported stay). `If-Match` is required."""
    p = await service.update_programme(session, principal, programme_id, body, if_match)
    set_etag(response, p.version)
    return p


@router.post(
    "/{programme_id}/archive",
    operation_id="archive_programme",
    response_model=ProgrammeRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def archive_programme(
    programme_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> ProgrammeRead:
    """Archival instead of deletion, with a reason: the programme and its roadmap leave the lists."""
    p = await service.archive_programme(session, principal, programme_id, body.reason, if_match)
    set_etag(response, p.version)
    return p


@router.get(
    "/{programme_id}/progress",
    operation_id="get_programme_progress",
    response_model=ProgrammeProgress,
    responses=problem_responses(404),
)
async def get_programme_progress(programme_id: uuid.UUID, session: SessionDep, principal: Reader) -> ProgrammeProgress:
    """Progress by section: activities, occurrences by status, the percentage done (of all occurrences but the
    cancelled ones, and of those due by today, Moscow time)."""
    return await service.progress(session, principal, programme_id)


@router.get(
    "/{programme_id}/timeline",
    operation_id="get_programme_timeline",
    response_model=ProgrammeTimeline,
    responses=problem_responses(404),
)
async def get_programme_timeline(
    programme_id: uuid.UUID,
    session: SessionDep,
    principal: Reader,
    academic_year: Annotated[
        int | None,
        Query(ge=2000, le=2100, description="Учебный год (2025 — 2025/2026); по умолчанию — весь период программы"),
    ] = None,
) -> ProgrammeTimeline:
    """The roadmap as a timeline by month (a Gantt-like chart): the months of the interval and, per activity, its
    occurrence windows with their status."""
    return await service.timeline(session, principal, programme_id, academic_year)


@router.post(
    "/{programme_id}/import",
    operation_id="import_programme_roadmap",
    response_model=RoadmapImportReport,
    responses=problem_responses(404, 413),
)
async def import_programme_roadmap(
    programme_id: uuid.UUID,
    session: SessionDep,
    principal: Writer,
    file: Annotated[
        UploadFile,
        File(
            description="Дорожная карта: XLSX, CSV (;) или DOCX с таблицей «№ пп, Мероприятия, Сроки выполнения, "
            "Ответственные»"
        ),
    ],
    dry_run: Annotated[bool, Form(description="Только проверить, ничего не записывать", examples=[True])] = True,
) -> RoadmapImportReport:
    """The dry run (default) reports what the file holds: rows, sections with their tasks, timeframes recognised
    and not (with the reasons), responsible people (surname and initials, matched to the municipality's accounts
    and teachers) and organizations matched and not, and what would be created or updated; nothing is written
    (a file that cannot be read is reported in `errors`). `dry_run=false` applies it: sections and activities are
    created or updated by number (a re-import never duplicates), occurrences are generated, reports are kept;
    422 when the file cannot be loaded."""
    content = await file.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        from app.core.errors import PayloadTooLarge

        raise PayloadTooLarge("Файл больше 10 МБ", code="file_too_large")
    return await service.import_roadmap(session, principal, programme_id, file.filename or "", content, dry_run)


@router.get(
    "/{programme_id}/roadmap.xlsx",
    operation_id="export_programme_roadmap",
    response_class=Response,
    responses={
        200: {
            "description": "Дорожная карта в столбцах приказа (№ пп, Мероприятия, Сроки выполнения, Ответственные) "
            "со столбцами «Статус» и «Отчёты», по разделам",
            "content": {MEDIA_TYPES["xlsx"]: {}},
        },
        **problem_responses(404),
    },
)
async def export_programme_roadmap(programme_id: uuid.UUID, session: SessionDep, principal: Reader) -> Response:
    """The roadmap with statuses as XLSX (audited)."""
    content, name = await service.export_roadmap(session, principal, programme_id)
    return Response(
        content,
        media_type=MEDIA_TYPES["xlsx"],
        headers={"Content-Disposition": content_disposition(f"{name}.xlsx", "roadmap.xlsx")},
    )


@router.get(
    "/{programme_id}/progress-report.docx",
    operation_id="export_programme_progress_report",
    response_class=Response,
    responses={
        200: {"description": "Отчёт о ходе реализации программы (DOCX)", "content": {MEDIA_TYPES["docx"]: {}}},
        **problem_responses(404),
    },
)
async def export_programme_progress_report(programme_id: uuid.UUID, session: SessionDep, principal: Reader) -> Response:
    """The programme's progress report as DOCX: passport, progress by section, overdue activities, activities with
    their reports (audited)."""
    content, name = await service.progress_report(session, principal, programme_id)
    return Response(
        content,
        media_type=MEDIA_TYPES["docx"],
        headers={"Content-Disposition": content_disposition(f"{name}.docx", "progress-report.docx")},
    )


# --- activities ---


async def activity_filters(
    programme_id: Annotated[uuid.UUID | None, Query(description="Программа")] = None,
    section_id: Annotated[uuid.UUID | None, Query(description="Раздел дорожной карты")] = None,
    status: Annotated[list[OccurrenceStatus] | None, Query(description="Есть срок в одном из статусов")] = None,
    mine: Annotated[
        bool, Query(description="«Мои мероприятия»: ответственный — я (моя учётная запись или моя запись педагога)")
    ] = False,
    overdue: Annotated[bool, Query(description="Есть просроченный срок")] = False,
    due_this_month: Annotated[bool, Query(description="Есть невыполненный срок в текущем месяце")] = False,
    kpi: Annotated[
        str | None,
        Query(max_length=32, description="Мероприятия, влияющие на показатель KPI (код, например Z-MONITOR)"),
    ] = None,
    needs_review: Annotated[bool | None, Query(description="Срок не распознан: нужно указать даты")] = None,
    include_archived: Annotated[bool, Query(description="Показать и архивные мероприятия")] = False,
) -> ActivityFilters:
    return ActivityFilters(
        programme_id,
        section_id,
        list(status) if status else None,
        mine,
        overdue,
        due_this_month,
        kpi.strip().upper() if kpi else None,
        needs_review,
        include_archived,
    )


@activities_router.get("", operation_id="list_roadmap_activities", response_model=Page[ActivityRead])
async def list_roadmap_activities(
    session: SessionDep,
    principal: Reader,
    page: PageDep,
    filters: Annotated[ActivityFilters, Depends(activity_filters)],
) -> Page[ActivityRead]:
    """Activities of the programmes the caller reads, with their schedule, responsibles, occurrence counts by
    status and state. `?kpi=Z-MONITOR` lists the activities behind an indicator (the KPI dashboard). Sort:
    `number`, `title`, `next_due_on`, `programme`, `updated_at`."""
    return await service.list_activities(session, principal, filters, page)


@activities_router.get(
    "/{activity_id}", operation_id="get_roadmap_activity", response_model=ActivityRead, responses=problem_responses(404)
)
async def get_roadmap_activity(
    activity_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response
) -> ActivityRead:
    """The activity with its occurrences and their reports."""
    a = await service.read_activity(session, principal, activity_id)
    set_etag(response, a.version)
    return a


@activities_router.patch(
    "/{activity_id}",
    operation_id="update_roadmap_activity",
    response_model=ActivityRead,
    responses=problem_responses(404, 412, 428),
)
async def update_roadmap_activity(
    activity_id: uuid.UUID,
    body: ActivityUpdate,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> ActivityRead:
    """Only the fields sent change. `schedule` sets the dates by hand (an activity whose timeframe was not
    recognised); `schedule: null` goes back to the timeframe as written. A new schedule regenerates the
    occurrences (those done, in progress or reported stay). `kpi_codes` must be indicators the municipality knows
    (422 `unknown_kpi_code`). `If-Match` is required."""
    a = await service.update_activity(session, principal, activity_id, body, if_match)
    set_etag(response, a.version)
    return a


# --- occurrences ---


@occurrences_router.patch(
    "/{occurrence_id}",
    operation_id="update_roadmap_occurrence",
    response_model=OccurrenceRead,
    responses=problem_responses(404, 412),
)
async def update_roadmap_occurrence(
    occurrence_id: uuid.UUID,
    body: OccurrenceUpdate,
    session: SessionDep,
    principal: Reporter,
    response: Response,
    if_match: IfMatch = None,
) -> OccurrenceRead:
    """The occurrence's status, by a person responsible for the activity (or who keeps the municipality's
    roadmaps); `If-Match` (optional) guards against a concurrent change."""
    o = await service.update_occurrence(session, principal, occurrence_id, body, if_match)
    set_etag(response, o.version)
    return o


@occurrences_router.post(
    "/{occurrence_id}/reports",
    operation_id="create_roadmap_report",
    status_code=status.HTTP_201_CREATED,
    response_model=OccurrenceRead,
    responses=problem_responses(404),
)
async def create_roadmap_report(
    occurrence_id: uuid.UUID, body: RoadmapReportCreate, session: SessionDep, principal: Reporter
) -> OccurrenceRead:
    """A progress report on the occurrence with its evidence: links, uploaded files, existing records of the
    municipality (an event, a monitoring campaign, a document, an association meeting — 422 `unknown_record` for a
    record that is not there, another municipality's too). `mark_done` marks the occurrence done; otherwise a
    planned or overdue occurrence becomes «in progress»."""
    return await service.create_report(session, principal, occurrence_id, body)
