"""Diagnostics over HTTP: frameworks, instruments (draft, publish, new version, archive, JSON/XLSX export and
import), campaigns (create, archive, completion per organization, topic ranking), the teacher's assignment
(answers, submission), reminders, and the deficit profiles (HTTP only; rules in service.py)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status

from app.core.access import Principal, require
from app.core.concurrency import IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import MEDIA_TYPES, content_disposition
from app.core.pagination import Page, PageDep
from app.core.schemas import EXAMPLE_MUNICIPALITY_ID, ArchiveRequest
from app.diagnostics import jobs as _jobs  # noqa: F401  (registers the nightly job)
from app.diagnostics import measures as _measures  # noqa: F401  (registers this module's KPI measures)
from app.diagnostics import results, service
from app.diagnostics.permissions import DiagnosticsPerm
from app.diagnostics.results_schemas import (
    Comparison,
    CorporateDeficits,
    CorporateFilters,
    CorporateTeacher,
    DrillDownFilters,
    GroupBy,
)
from app.diagnostics.schemas import (
    AnswersUpdate,
    AssignmentFilters,
    AssignmentRead,
    AssignmentStatus,
    Band,
    CampaignCreate,
    CampaignFilters,
    CampaignRead,
    CampaignUpdate,
    CompletionRow,
    DeficitProfileRead,
    FrameworkRead,
    InstrumentCreate,
    InstrumentFilters,
    InstrumentImportReport,
    InstrumentRead,
    InstrumentSummary,
    InstrumentUpdate,
    Kind,
    MyAssignmentRead,
    NewVersionRequest,
    ProfileFilters,
    TopicResults,
)

P = DiagnosticsPerm
Reader = Annotated[Principal, require(P.READ)]
Writer = Annotated[Principal, require(P.WRITE)]
Answerer = Annotated[Principal, require(P.ANSWER)]
ResultsReader = Annotated[Principal, require(P.RESULTS)]
Monitor = Annotated[Principal, require(P.MONITOR)]
Reminder = Annotated[Principal, require(P.REMIND)]
WRITE_ERRORS = problem_responses(404, 409, 412, 428)

frameworks_router = APIRouter(prefix="/frameworks", tags=["diagnostics"], responses=problem_responses(401, 403, 422))
router = APIRouter(prefix="/instruments", tags=["diagnostics"], responses=problem_responses(401, 403, 422))
campaigns_router = APIRouter(prefix="/campaigns", tags=["diagnostics"], responses=problem_responses(401, 403, 422))
assignments_router = APIRouter(prefix="/assignments", tags=["diagnostics"], responses=problem_responses(401, 403, 422))
profiles_router = APIRouter(
    prefix="/deficit-profiles", tags=["diagnostics"], responses=problem_responses(401, 403, 422)
)
corporate_router = APIRouter(
    prefix="/corporate-deficits", tags=["diagnostics"], responses=problem_responses(401, 403, 422)
)


# --- frameworks ---


@frameworks_router.get("", operation_id="list_frameworks", response_model=Page[FrameworkRead])
async def list_frameworks(session: SessionDep, principal: Reader) -> Page[FrameworkRead]:
    """Competence frameworks: the shipped one (profstandard «Педагог») and the municipality's own, with areas and
    the labour functions each covers."""
    return await service.list_frameworks(session, principal)


@frameworks_router.get(
    "/{framework_id}", operation_id="get_framework", response_model=FrameworkRead, responses=problem_responses(404)
)
async def get_framework(framework_id: uuid.UUID, session: SessionDep, principal: Reader) -> FrameworkRead:
    return await service.read_framework(session, principal, framework_id)


# --- instruments ---


async def instrument_filters(
    kind: Annotated[Kind | None, Query(description="Вид инструмента")] = None,
    status: Annotated[Literal["draft", "published"] | None, Query(description="Состояние версии")] = None,
    family_id: Annotated[uuid.UUID | None, Query(description="Все версии одного инструмента")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Поиск по названию")] = None,
    include_archived: Annotated[bool, Query(description="Показать и архивные")] = False,
) -> InstrumentFilters:
    return InstrumentFilters(kind, status, family_id, q, include_archived)


@router.get("", operation_id="list_instruments", response_model=Page[InstrumentSummary])
async def list_instruments(
    session: SessionDep,
    principal: Reader,
    page: PageDep,
    filters: Annotated[InstrumentFilters, Depends(instrument_filters)],
) -> Page[InstrumentSummary]:
    """Published instruments (shipped and the municipality's own) and — for those who write them — drafts. Sort:
    `title`, `kind`, `created_at`, `updated_at`."""
    return await service.list_instruments(session, principal, filters, page)


@router.post("", operation_id="create_instrument", status_code=status.HTTP_201_CREATED, response_model=InstrumentRead)
async def create_instrument(
    body: InstrumentCreate, session: SessionDep, principal: Writer, response: Response
) -> InstrumentRead:
    """A new instrument as a draft (version 1): sections by competence area with items of four types — `single`
    (one correct option, points), `multiple` (several correct options, points), `scale` (self-assessment 0…N),
    `text` (not scored) — and the scoring scale (bands: below 50 % deficit, below 75 % partial by default)."""
    item = await service.create_instrument(session, principal, body)
    set_etag(response, item.version)
    return item


@router.post("/import", operation_id="import_instrument", response_model=InstrumentImportReport)
async def import_instrument(
    session: SessionDep,
    principal: Writer,
    file: Annotated[UploadFile, File(description="JSON (как при выгрузке) или XLSX: одна строка — одно задание")],
    municipality_id: Annotated[
        uuid.UUID | None,
        Form(description="Муниципалитет-владелец (по умолчанию — ваш)", examples=[EXAMPLE_MUNICIPALITY_ID]),
    ] = None,
    title: Annotated[
        str | None,
        Form(
            max_length=500,
            description="Название (для XLSX; по умолчанию — имя файла)",
            examples=["Диагностика методических дефицитов"],
        ),
    ] = None,
    kind: Annotated[Kind | None, Form(description="Вид инструмента (для XLSX)", examples=["deficit"])] = None,
    dry_run: Annotated[
        bool, Form(description="Только проверить: отчёт об ошибках, ничего не создаётся", examples=[True])
    ] = False,
) -> InstrumentImportReport:
    """Load an instrument as a draft from a file. XLSX columns: Раздел, Область (код), Код, Тип (один ответ /
    несколько ответов / шкала / текст), Задание, Варианты (по строке на вариант, «a) текст»), Верный ответ (ключи
    через запятую), Баллы, Максимум шкалы. With errors nothing is created (422; with `dry_run` — the report)."""
    content = await file.read()
    return await service.import_instrument(
        session,
        principal,
        filename=file.filename or "instrument",
        content=content,
        municipality_id=municipality_id,
        title=title,
        kind=kind,
        dry_run=dry_run,
    )


@router.get(
    "/{instrument_id}", operation_id="get_instrument", response_model=InstrumentRead, responses=problem_responses(404)
)
async def get_instrument(
    instrument_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response
) -> InstrumentRead:
    """The version with its sections, items, scale, the maximum per area and `actions`."""
    item = await service.read_instrument(session, principal, instrument_id)
    set_etag(response, item.version)
    return item


@router.patch(
    "/{instrument_id}", operation_id="update_instrument", response_model=InstrumentRead, responses=WRITE_ERRORS
)
async def update_instrument(
    instrument_id: uuid.UUID,
    body: InstrumentUpdate,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> InstrumentRead:
    """Edit a draft. A published version never changes: 409 `published_immutable` — make a new version."""
    item = await service.update_instrument(session, principal, instrument_id, body, if_match)
    set_etag(response, item.version)
    return item


@router.post(
    "/{instrument_id}/publish", operation_id="publish_instrument", response_model=InstrumentRead, responses=WRITE_ERRORS
)
async def publish_instrument(
    instrument_id: uuid.UUID,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> InstrumentRead:
    """Publish a draft: from now on the version is immutable and campaigns may assign it."""
    item = await service.publish_instrument(session, principal, instrument_id, if_match)
    set_etag(response, item.version)
    return item


@router.post(
    "/{instrument_id}/versions",
    operation_id="create_instrument_version",
    status_code=status.HTTP_201_CREATED,
    response_model=InstrumentRead,
    responses=problem_responses(404, 409),
)
async def create_instrument_version(
    instrument_id: uuid.UUID, body: NewVersionRequest, session: SessionDep, principal: Writer, response: Response
) -> InstrumentRead:
    """A draft copy of a published version: its next version, or for a shipped instrument the municipality's own
    copy (version 1)."""
    item = await service.new_version(session, principal, instrument_id, body)
    set_etag(response, item.version)
    return item


@router.post(
    "/{instrument_id}/archive", operation_id="archive_instrument", response_model=InstrumentRead, responses=WRITE_ERRORS
)
async def archive_instrument(
    instrument_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> InstrumentRead:
    item = await service.archive_instrument(session, principal, instrument_id, body.reason, if_match)
    set_etag(response, item.version)
    return item


@router.get(
    "/{instrument_id}/export",
    operation_id="export_instrument",
    response_class=Response,
    responses={
        200: {
            "description": "Инструмент файлом: JSON (для загрузки обратно) или XLSX (одна строка — одно задание)",
            "content": {"application/json": {}, MEDIA_TYPES["xlsx"]: {}},
        },
        **problem_responses(404),
    },
)
async def export_instrument(
    instrument_id: uuid.UUID,
    session: SessionDep,
    principal: Reader,
    format: Annotated[Literal["json", "xlsx"], Query(description="Формат файла")] = "json",
) -> Response:
    content, name = await service.export_instrument(session, principal, instrument_id, format)
    media = "application/json" if format == "json" else MEDIA_TYPES["xlsx"]
    return Response(
        content,
        media_type=media,
        headers={"Content-Disposition": content_disposition(f"{name}.{format}", f"instrument.{format}")},
    )


# --- campaigns ---


async def campaign_filters(
    instrument_id: Annotated[uuid.UUID | None, Query(description="Версия инструмента")] = None,
    state: Annotated[
        Literal["scheduled", "open", "closed"] | None, Query(description="Ещё не открыт, идёт, закрыт")
    ] = None,
    include_archived: Annotated[bool, Query(description="Показать и архивные")] = False,
) -> CampaignFilters:
    return CampaignFilters(instrument_id, state, include_archived)


@campaigns_router.get("", operation_id="list_campaigns", response_model=Page[CampaignRead])
async def list_campaigns(
    session: SessionDep,
    principal: Reader,
    page: PageDep,
    filters: Annotated[CampaignFilters, Depends(campaign_filters)],
) -> Page[CampaignRead]:
    """Campaigns (мониторинги) of the municipality with the numbers assigned and submitted. Sort: `opens_on`,
    `closes_on`, `title`, `created_at` (default: newest window first)."""
    return await service.list_campaigns(session, principal, filters, page)


@campaigns_router.post(
    "", operation_id="create_campaign", status_code=status.HTTP_201_CREATED, response_model=CampaignRead
)
async def create_campaign(
    body: CampaignCreate, session: SessionDep, principal: Writer, response: Response
) -> CampaignRead:
    """Assign a published instrument version to a target group (organizations, positions, subjects, young teachers
    only) for a window. When the window is open already, every targeted teacher (main job today) gets an
    assignment at once; otherwise on the day it opens (nightly job). `repeat_yearly` makes next year's copy when
    the window closes."""
    item = await service.create_campaign(session, principal, body)
    set_etag(response, item.version)
    return item


@campaigns_router.get(
    "/{campaign_id}", operation_id="get_campaign", response_model=CampaignRead, responses=problem_responses(404)
)
async def get_campaign(
    campaign_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response
) -> CampaignRead:
    item = await service.read_campaign(session, principal, campaign_id)
    set_etag(response, item.version)
    return item


@campaigns_router.patch(
    "/{campaign_id}", operation_id="update_campaign", response_model=CampaignRead, responses=WRITE_ERRORS
)
async def update_campaign(
    campaign_id: uuid.UUID,
    body: CampaignUpdate,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> CampaignRead:
    """Extend or shorten the window, rename, switch the yearly repeat; the opening date and the target group only
    before the assignments are made (409 `already_launched`)."""
    item = await service.update_campaign(session, principal, campaign_id, body, if_match)
    set_etag(response, item.version)
    return item


@campaigns_router.post(
    "/{campaign_id}/archive", operation_id="archive_campaign", response_model=CampaignRead, responses=WRITE_ERRORS
)
async def archive_campaign(
    campaign_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> CampaignRead:
    item = await service.archive_campaign(session, principal, campaign_id, body.reason, if_match)
    set_etag(response, item.version)
    return item


@campaigns_router.get(
    "/{campaign_id}/completion",
    operation_id="get_campaign_completion",
    response_model=list[CompletionRow],
    responses=problem_responses(404),
)
async def get_campaign_completion(
    campaign_id: uuid.UUID, session: SessionDep, principal: Monitor
) -> list[CompletionRow]:
    """Live completion per organization (a school sees its own row): assigned, started, submitted, share
    submitted; the least complete first."""
    return await service.completion(session, principal, campaign_id)


@campaigns_router.get(
    "/{campaign_id}/topics",
    operation_id="get_campaign_topics",
    response_model=TopicResults,
    responses=problem_responses(404),
)
async def get_campaign_topics(campaign_id: uuid.UUID, session: SessionDep, principal: Monitor) -> TopicResults:
    """A topic survey's results: the options of its preference questions ranked by the number of teachers who
    chose them (equal votes share a rank), and the free-text answers without names."""
    return await service.topic_results(session, principal, campaign_id)


@campaigns_router.get(
    "/{campaign_id}/report.docx",
    operation_id="get_campaign_report_docx",
    response_class=Response,
    responses={
        200: {
            "description": "Аналитическая справка по мониторингу (DOCX): участие, уровни по областям и организациям, "
            "потребности, правило скрытия малых групп",
            "content": {MEDIA_TYPES["docx"]: {}},
        },
        **problem_responses(404),
    },
)
async def get_campaign_report_docx(campaign_id: uuid.UUID, session: SessionDep, principal: Monitor) -> Response:
    """The campaign's analytical report: participation per organization, bands per area (in all and per
    organization; a group smaller than the municipality's minimum shows «менее N педагогов — данные скрыты» below
    the methodologist role), the top needs (topic ranking of a survey, the free-text needs) and the suppression
    rule applied. Audited."""
    content, name = await results.campaign_report(session, principal, campaign_id)
    return Response(
        content,
        media_type=MEDIA_TYPES["docx"],
        headers={"Content-Disposition": content_disposition(f"{name}.docx", "campaign-report.docx")},
    )


@campaigns_router.get(
    "/{campaign_id}/results.xlsx",
    operation_id="get_campaign_results_xlsx",
    response_class=Response,
    responses={
        200: {
            "description": "Результаты мониторинга (XLSX): листы «Педагоги» (если доступны индивидуальные "
            "результаты), «Организации», «Области»",
            "content": {MEDIA_TYPES["xlsx"]: {}},
        },
        **problem_responses(404),
    },
)
async def get_campaign_results_xlsx(campaign_id: uuid.UUID, session: SessionDep, principal: Monitor) -> Response:
    """One sheet per level: «Педагоги» (only for those entitled to individuals, inside their reach),
    «Организации» and «Области» (bands per area; small groups hidden below the methodologist role). Audited."""
    content, name = await results.campaign_results(session, principal, campaign_id)
    return Response(
        content,
        media_type=MEDIA_TYPES["xlsx"],
        headers={"Content-Disposition": content_disposition(f"{name}.xlsx", "campaign-results.xlsx")},
    )


# --- assignments ---


async def assignment_filters(
    campaign_id: Annotated[uuid.UUID | None, Query(description="Мониторинг")] = None,
    organization_id: Annotated[uuid.UUID | None, Query(description="Организация")] = None,
    teacher_id: Annotated[uuid.UUID | None, Query(description="Педагог")] = None,
    status: Annotated[list[AssignmentStatus] | None, Query(description="Состояния")] = None,
) -> AssignmentFilters:
    return AssignmentFilters(campaign_id, organization_id, teacher_id, list(status) if status else None)


@assignments_router.get("", operation_id="list_assignments", response_model=Page[AssignmentRead])
async def list_assignments(
    session: SessionDep,
    principal: ResultsReader,
    page: PageDep,
    filters: Annotated[AssignmentFilters, Depends(assignment_filters)],
) -> Page[AssignmentRead]:
    """Assignments with their status (never the answers): a teacher their own, a school its teachers', the
    methodologist the municipality's. `?status=assigned&status=in_progress` — who has not finished. Sort:
    `status`, `submitted_at`, `created_at`."""
    return await service.list_assignments(session, principal, filters, page)


@assignments_router.get(
    "/{assignment_id}",
    operation_id="get_assignment",
    response_model=MyAssignmentRead,
    responses=problem_responses(404),
)
async def get_assignment(
    assignment_id: uuid.UUID, session: SessionDep, principal: Answerer, response: Response
) -> MyAssignmentRead:
    """The teacher's own assignment: the instrument, the saved answers and, after submission, the deficit profile.
    Another teacher's assignment answers 404."""
    item = await service.read_my_assignment(session, principal, assignment_id)
    set_etag(response, item.version)
    return item


@assignments_router.put(
    "/{assignment_id}/answers",
    operation_id="save_assignment_answers",
    response_model=MyAssignmentRead,
    responses=WRITE_ERRORS,
)
async def save_assignment_answers(
    assignment_id: uuid.UUID,
    body: AnswersUpdate,
    session: SessionDep,
    principal: Answerer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> MyAssignmentRead:
    """Save answers as they go (autosave; resumable): the answers sent replace the saved ones, `null` clears one.
    409 `already_submitted`, `campaign_closed`, `campaign_not_open`; 422 names each wrong answer."""
    item = await service.save_answers(session, principal, assignment_id, body, if_match)
    set_etag(response, item.version)
    return item


@assignments_router.post(
    "/{assignment_id}/submit",
    operation_id="submit_assignment",
    response_model=MyAssignmentRead,
    responses=WRITE_ERRORS,
)
async def submit_assignment(
    assignment_id: uuid.UUID,
    session: SessionDep,
    principal: Answerer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> MyAssignmentRead:
    """Submit once: the answers are scored into the deficit profile (per area: score, maximum, percent, band).
    Blank items score 0. 409 `already_submitted`; after the window — 409 `campaign_closed`."""
    item = await service.submit(session, principal, assignment_id, if_match)
    set_etag(response, item.version)
    return item


@assignments_router.post(
    "/{assignment_id}/remind",
    operation_id="remind_assignment",
    response_model=AssignmentRead,
    responses=problem_responses(404, 409, 429),
)
async def remind_assignment(assignment_id: uuid.UUID, session: SessionDep, principal: Reminder) -> AssignmentRead:
    """Remind a teacher who has not submitted (a notification; recorded). One per assignment per 24 hours: 429
    `reminder_too_soon` with `Retry-After` (seconds)."""
    return await service.remind(session, principal, assignment_id)


# --- deficit profiles ---


async def profile_filters(
    campaign_id: Annotated[uuid.UUID | None, Query(description="Мониторинг")] = None,
    organization_id: Annotated[uuid.UUID | None, Query(description="Организация")] = None,
    teacher_id: Annotated[uuid.UUID | None, Query(description="Педагог")] = None,
    band: Annotated[Band | None, Query(description="Есть область с этим уровнем")] = None,
    area_code: Annotated[str | None, Query(max_length=64, description="Область компетенций (с `band` — в ней)")] = None,
) -> ProfileFilters:
    return ProfileFilters(campaign_id, organization_id, teacher_id, band, area_code)


@profiles_router.get("", operation_id="list_deficit_profiles", response_model=Page[DeficitProfileRead])
async def list_deficit_profiles(
    session: SessionDep,
    principal: ResultsReader,
    page: PageDep,
    filters: Annotated[ProfileFilters, Depends(profile_filters)],
) -> Page[DeficitProfileRead]:
    """Deficit profiles of submitted diagnostics: a teacher their own, a school administrator the school's
    teachers, a methodologist the municipality. The department reads aggregated figures only (403 here). Sort:
    `submitted_at` (default: newest first)."""
    return await service.list_profiles(session, principal, filters, page)


@profiles_router.get(
    "/{assignment_id}",
    operation_id="get_deficit_profile",
    response_model=DeficitProfileRead,
    responses=problem_responses(404),
)
async def get_deficit_profile(
    session: SessionDep, principal: ResultsReader, assignment_id: uuid.UUID
) -> DeficitProfileRead:
    """One deficit profile by its assignment: a teacher their own, a school administrator a teacher of the school, a
    methodologist one of the municipality (404 outside the reach or before submission). Reading someone else's
    profile is audited."""
    return await service.read_profile(session, principal, assignment_id)


# --- corporate deficits and re-diagnosis ---


async def corporate_filters(
    campaign_id: Annotated[uuid.UUID, Query(description="Мониторинг")],
    group_by: Annotated[GroupBy, Query(description="Группировка")] = "organization",
) -> CorporateFilters:
    return CorporateFilters(campaign_id, group_by)


@corporate_router.get(
    "", operation_id="get_corporate_deficits", response_model=CorporateDeficits, responses=problem_responses(404)
)
async def get_corporate_deficits(
    session: SessionDep, principal: Monitor, filters: Annotated[CorporateFilters, Depends(corporate_filters)]
) -> CorporateDeficits:
    """Corporate deficits of a campaign: per group (organization, subject, position, municipality) and per area
    the number and share of teachers in each band, the group size, and the total. A methodologist sees the
    municipality, a school administrator only its school, the department aggregated figures only. A group smaller
    than the municipality's minimum (default 5) shows no figures (`suppressed`, with the reason) to anyone below
    the methodologist role."""
    return await results.corporate_deficits(session, principal, filters)


async def drill_down_filters(
    campaign_id: Annotated[uuid.UUID, Query(description="Мониторинг")],
    group: Annotated[str, Query(max_length=64, description="Ключ группы (из `groups[].key`)")],
    area: Annotated[str, Query(max_length=64, description="Область компетенций", examples=["subject"])],
    band: Annotated[Band, Query(description="Уровень")],
    group_by: Annotated[GroupBy, Query(description="Группировка")] = "organization",
) -> DrillDownFilters:
    return DrillDownFilters(campaign_id, group_by, group, area, band)


@corporate_router.get(
    "/teachers",
    operation_id="list_corporate_deficit_teachers",
    response_model=Page[CorporateTeacher],
    responses=problem_responses(404),
)
async def list_corporate_deficit_teachers(
    session: SessionDep,
    principal: ResultsReader,
    page: PageDep,
    filters: Annotated[DrillDownFilters, Depends(drill_down_filters)],
) -> Page[CorporateTeacher]:
    """Drill-down: the teachers of one group with one band in one area — only for those entitled to individual
    results (a school its teachers, a methodologist the municipality); the department gets 403. A group hidden
    from the caller stays hidden (403 `group_suppressed`). Every teacher shown is recorded in the audit log."""
    return await results.drill_down(session, principal, filters, page)


@corporate_router.get(
    "/comparison",
    operation_id="get_deficit_comparison",
    response_model=Comparison,
    responses=problem_responses(404),
)
async def get_deficit_comparison(
    session: SessionDep,
    principal: Monitor,
    page: PageDep,
    from_campaign_id: Annotated[uuid.UUID, Query(description="Первый мониторинг")],
    to_campaign_id: Annotated[uuid.UUID, Query(description="Повторный мониторинг")],
    group_by: Annotated[GroupBy | None, Query(description="Группировка (необязательно)")] = None,
) -> Comparison:
    """Re-diagnosis: for the teachers who submitted both campaigns, the change per area — improved, same, worse
    (band order deficit < partial < none) — in all, per group (suppressed like corporate deficits) and, for those
    entitled to individuals, per teacher (paged by `limit`/`offset`) with the route actions completed between the
    two submissions (`null` while the routes module is not connected)."""
    return await results.comparison(session, principal, from_campaign_id, to_campaign_id, group_by, page)
