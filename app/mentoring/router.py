"""Mentoring pairs: list with filters and its export, the young teachers without a mentor on a date (with the
share) and its export, card, create, update, archive (HTTP only; rules in service.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from app.core.access import Principal, require
from app.core.concurrency import IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import attachment, export_responses
from app.core.pagination import Page, PageDep
from app.core.periods import Period
from app.core.schemas import ArchiveRequest
from app.mentoring import jobs as _nightly_jobs  # noqa: F401  registers the nightly job
from app.mentoring import measures as _measures  # noqa: F401  (registers this module's KPI measures)
from app.mentoring import service
from app.mentoring.permissions import MentoringPerm
from app.mentoring.schemas import (
    MentoringForm,
    MentoringPairCreate,
    MentoringPairRead,
    MentoringPairUpdate,
    PairFilters,
    PairStatus,
    YoungWithoutMentorPage,
)

router = APIRouter(prefix="/mentoring-pairs", tags=["mentoring"], responses=problem_responses(401, 403, 422))

Format = Annotated[Literal["xlsx", "csv"], Query(description="Формат файла")]
Sort = Annotated[str | None, Query(pattern=r"^-?[a-z_]+$", description="Как в списке")]


async def pair_filters(
    period: Annotated[
        Period | None,
        Query(description="Учебный год «2024/2025» (или год, полугодие): пары, действовавшие в нём хотя бы день"),
    ] = None,
    organization_id: Annotated[uuid.UUID | None, Query(description="Наставляемый работает в организации")] = None,
    teacher_id: Annotated[uuid.UUID | None, Query(description="Педагог — наставник или наставляемый")] = None,
    mentor_id: Annotated[uuid.UUID | None, Query(description="Наставник")] = None,
    mentee_id: Annotated[uuid.UUID | None, Query(description="Наставляемый")] = None,
    status: Annotated[list[PairStatus] | None, Query(description="Статусы пары")] = None,
    form: Annotated[list[MentoringForm] | None, Query(description="Формы наставничества")] = None,
    include_archived: Annotated[bool, Query(description="Показать и архивные пары")] = False,
) -> PairFilters:
    return PairFilters(
        period,
        organization_id,
        teacher_id,
        mentor_id,
        mentee_id,
        list(status) if status else None,
        list(form) if form else None,
        include_archived,
    )


FiltersDep = Annotated[PairFilters, Depends(pair_filters)]
OnDate = Annotated[date | None, Query(description="Дата, на которую строится список (по умолчанию — сегодня)")]
OrgFilter = Annotated[uuid.UUID | None, Query(description="Только педагоги, учитываемые в этой организации")]
MuniFilter = Annotated[uuid.UUID | None, Query(description="Только педагоги этого муниципалитета")]


@router.get("", operation_id="list_mentoring_pairs", response_model=Page[MentoringPairRead])
async def list_mentoring_pairs(
    session: SessionDep,
    principal: Annotated[Principal, require(MentoringPerm.READ)],
    page: PageDep,
    filters: FiltersDep,
) -> Page[MentoringPairRead]:
    """Pairs inside the caller's scope (a pair is seen by those who see its mentee or its mentor). Sort:
    `start_date`, `end_date`, `status`, `mentee_name`, `mentor_name`, `created_at`, `updated_at`."""
    return await service.list_pairs(session, principal, filters, page)


@router.get(
    "/export",
    operation_id="export_mentoring_pairs",
    response_class=Response,
    responses=export_responses("Пары наставничества по фильтрам списка: XLSX или CSV (UTF-8 с BOM, «;»)"),
)
async def export_mentoring_pairs(
    session: SessionDep,
    principal: Annotated[Principal, require(MentoringPerm.READ)],
    filters: FiltersDep,
    format: Format = "xlsx",
    sort: Sort = None,
) -> Response:
    """The list with the same filters and order as `GET /mentoring-pairs`, as a spreadsheet (audited)."""
    content = await service.export_pairs(session, principal, filters, sort, format)
    return attachment(content, format, f"Наставничество {date.today():%d.%m.%Y}", "mentoring-pairs")


@router.get(
    "/young-without-mentor",
    operation_id="list_young_without_mentor",
    response_model=YoungWithoutMentorPage,
)
async def list_young_without_mentor(
    session: SessionDep,
    principal: Annotated[Principal, require(MentoringPerm.READ)],
    page: PageDep,
    on: OnDate = None,
    organization_id: OrgFilter = None,
    municipality_id: MuniFilter = None,
) -> YoungWithoutMentorPage:
    """Young teachers (by their municipality's rule on the date) counted on the date — a main employment covering
    it — who are not the mentee of a pair covering it (started on or before it, not ended before it), with the
    share of young teachers who are (Z-MENTOR; Zeya's target is 100 %). Sort: `full_name`, `organization_name`,
    `birth_date`, `teaching_since`."""
    return await service.young_without_mentor(
        session, principal, on or date.today(), page, organization_id, municipality_id
    )


@router.get(
    "/young-without-mentor/export",
    operation_id="export_young_without_mentor",
    response_class=Response,
    responses=export_responses("Молодые педагоги без наставника на дату: XLSX или CSV"),
)
async def export_young_without_mentor(
    session: SessionDep,
    principal: Annotated[Principal, require(MentoringPerm.READ)],
    on: OnDate = None,
    organization_id: OrgFilter = None,
    municipality_id: MuniFilter = None,
    format: Format = "xlsx",
    sort: Sort = None,
) -> Response:
    """The list of `GET /mentoring-pairs/young-without-mentor` as a spreadsheet (audited)."""
    day = on or date.today()
    content = await service.export_young_without_mentor(
        session, principal, day, sort, format, organization_id, municipality_id
    )
    return attachment(content, format, f"Молодые педагоги без наставника на {day:%d.%m.%Y}", "young-without-mentor")


@router.post(
    "",
    operation_id="create_mentoring_pair",
    status_code=status.HTTP_201_CREATED,
    response_model=MentoringPairRead,
    responses=problem_responses(409),
)
async def create_mentoring_pair(
    body: MentoringPairCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(MentoringPerm.WRITE)],
    response: Response,
) -> MentoringPairRead:
    """Both people must be teachers the caller may keep records of. 409 `active_mentor_exists` (naming the pair)
    when the mentee already has an active mentor — also when two requests race; 409 `mentee_limit` when the mentor
    already has as many active mentees as the municipality allows; 422 `young_mentor` when the mentor is a young
    teacher on the start date and the municipality does not allow young mentors."""
    pair = await service.create_pair(session, principal, body)
    set_etag(response, pair.version)
    return pair


@router.get(
    "/{mentoring_pair_id}",
    operation_id="get_mentoring_pair",
    response_model=MentoringPairRead,
    responses=problem_responses(404),
)
async def get_mentoring_pair(
    mentoring_pair_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(MentoringPerm.READ)],
    response: Response,
) -> MentoringPairRead:
    pair = await service.read_pair(session, principal, mentoring_pair_id)
    set_etag(response, pair.version)
    return pair


@router.patch(
    "/{mentoring_pair_id}",
    operation_id="update_mentoring_pair",
    response_model=MentoringPairRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def update_mentoring_pair(
    mentoring_pair_id: uuid.UUID,
    body: MentoringPairUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(MentoringPerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> MentoringPairRead:
    """Only the fields sent change; `If-Match` is required (428 without it, 412 when stale). Finishing or cancelling
    a pair without an end date ends it today."""
    pair = await service.update_pair(session, principal, mentoring_pair_id, body, if_match)
    set_etag(response, pair.version)
    return pair


@router.post(
    "/{mentoring_pair_id}/archive",
    operation_id="archive_mentoring_pair",
    response_model=MentoringPairRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def archive_mentoring_pair(
    mentoring_pair_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(MentoringPerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> MentoringPairRead:
    """Archival instead of deletion, with a reason (a pair archived as made in error counts nowhere)."""
    pair = await service.archive_pair(session, principal, mentoring_pair_id, body.reason, if_match)
    set_etag(response, pair.version)
    return pair
