"""Practice bank over HTTP: the list with Russian full-text search, filters and its export, the card, create,
update, archive, the workflow actions (submit, start review, review, publish, return), the reviewer candidates and
the municipality's review criteria (HTTP only; rules in service.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status
from fastapi.responses import StreamingResponse

from app.core.access import Principal, require
from app.core.concurrency import IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import FILE_RESPONSES, attachment, export_responses, stored_file_response
from app.core.pagination import Page, PageDep
from app.core.periods import Period
from app.core.schemas import ArchiveRequest
from app.practices import measures as _measures  # noqa: F401  (registers this module's KPI measures)
from app.practices import service
from app.practices.permissions import PracticePerm
from app.practices.schemas import (
    PracticeCreate,
    PracticeCriteriaList,
    PracticeCriterionCreate,
    PracticeCriterionRead,
    PracticeCriterionUpdate,
    PracticeFilters,
    PracticeKind,
    PracticePublishRequest,
    PracticeRead,
    PracticeReturnRequest,
    PracticeReviewCreate,
    PracticeReviewerCandidates,
    PracticeStartReviewRequest,
    PracticeStatus,
    PracticeTransitionRequest,
    PracticeUpdate,
)

router = APIRouter(tags=["practices"], responses=problem_responses(401, 403, 422))

Format = Annotated[Literal["xlsx", "csv"], Query(description="Формат файла")]
Sort = Annotated[str | None, Query(pattern=r"^-?[a-z_]+$", description="Как в списке")]
ACTION_ERRORS = problem_responses(404, 409, 412, 428)


async def practice_filters(
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Поиск по названию, ключевым словам и описанию (по-русски, с учётом словоформ: "
            '«проектной» найдёт «проектная»; "фраза в кавычках", -исключить, or)',
        ),
    ] = None,
    period: Annotated[
        Period | None,
        Query(description="Учебный год «2024/2025» (или год, полугодие): опубликованные в нём, остальные — созданные"),
    ] = None,
    organization_id: Annotated[uuid.UUID | None, Query(description="Организация практики")] = None,
    status: Annotated[list[PracticeStatus] | None, Query(description="Статусы")] = None,
    level: Annotated[list[str] | None, Query(description="Уровни (коды справочника уровней)")] = None,
    kind: Annotated[list[PracticeKind] | None, Query(description="Виды практик")] = None,
    area: Annotated[list[str] | None, Query(description="Области компетенций (любая из)")] = None,
    subject: Annotated[list[str] | None, Query(description="Предметы (любой из)")] = None,
    teacher_id: Annotated[uuid.UUID | None, Query(description="Автор (педагог)")] = None,
    include_archived: Annotated[bool, Query(description="Показать и архивные")] = False,
) -> PracticeFilters:
    return PracticeFilters(
        (q or "").strip() or None,
        period,
        organization_id,
        list(status) if status else None,
        list(level) if level else None,
        list(kind) if kind else None,
        list(area) if area else None,
        list(subject) if subject else None,
        teacher_id,
        include_archived,
    )


FiltersDep = Annotated[PracticeFilters, Depends(practice_filters)]


@router.get("/practices", operation_id="list_practices", response_model=Page[PracticeRead])
async def list_practices(
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.READ)],
    page: PageDep,
    filters: FiltersDep,
) -> Page[PracticeRead]:
    """Published practices of the municipality, and the drafts and practices in review the caller works on (as an
    author, their school, the methodologist or an assigned expert). With `q`: only matches, best first, each with
    a `snippet`. Sort: `title`, `published_at`, `created_at`, `updated_at`, `status`."""
    return await service.list_practices(session, principal, filters, page)


@router.get(
    "/practices/export",
    operation_id="export_practices",
    response_class=Response,
    responses=export_responses("Практики по фильтрам списка: XLSX или CSV (UTF-8 с BOM, «;»)"),
)
async def export_practices(
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.READ)],
    filters: FiltersDep,
    format: Format = "xlsx",
    sort: Sort = None,
) -> Response:
    """The list with the same filters and order as `GET /practices`, as a spreadsheet (audited)."""
    content = await service.export_practices(session, principal, filters, sort, format)
    return attachment(content, format, f"Банк практик {date.today():%d.%m.%Y}", "practices")


@router.post(
    "/practices",
    operation_id="create_practice",
    status_code=status.HTTP_201_CREATED,
    response_model=PracticeRead,
)
async def create_practice(
    body: PracticeCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.WRITE)],
    response: Response,
) -> PracticeRead:
    """A draft. The organization is one the caller describes practices of; authors are teachers of its
    municipality, at least one of them someone the caller keeps records of (a teacher: themselves)."""
    p = await service.create_practice(session, principal, body)
    set_etag(response, p.version)
    return p


@router.get(
    "/practices/{practice_id}",
    operation_id="get_practice",
    response_model=PracticeRead,
    responses=problem_responses(404),
)
async def get_practice(
    practice_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.READ)],
    response: Response,
) -> PracticeRead:
    p = await service.read_practice(session, principal, practice_id)
    set_etag(response, p.version)
    return p


@router.patch(
    "/practices/{practice_id}",
    operation_id="update_practice",
    response_model=PracticeRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def update_practice(
    practice_id: uuid.UUID,
    body: PracticeUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> PracticeRead:
    """Authors and their school change a draft or a returned practice; the methodologist any. Lists sent replace
    the stored ones. A published practice keeps its publication date."""
    p = await service.update_practice(session, principal, practice_id, body, if_match)
    set_etag(response, p.version)
    return p


@router.post(
    "/practices/{practice_id}/archive",
    operation_id="archive_practice",
    response_model=PracticeRead,
    responses=ACTION_ERRORS,
)
async def archive_practice(
    practice_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> PracticeRead:
    """Archival instead of deletion, with a reason."""
    p = await service.archive_practice(session, principal, practice_id, body.reason, if_match)
    set_etag(response, p.version)
    return p


@router.post(
    "/practices/{practice_id}/submit",
    operation_id="submit_practice",
    response_model=PracticeRead,
    responses=ACTION_ERRORS,
)
async def submit_practice(
    practice_id: uuid.UUID,
    body: PracticeTransitionRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> PracticeRead:
    """A draft or a returned practice goes to the methodologist for review (409 `wrong_status` otherwise)."""
    p = await service.submit(session, principal, practice_id, body.comment, if_match)
    set_etag(response, p.version)
    return p


@router.post(
    "/practices/{practice_id}/start-review",
    operation_id="start_practice_review",
    response_model=PracticeRead,
    responses=ACTION_ERRORS,
)
async def start_practice_review(
    practice_id: uuid.UUID,
    body: PracticeStartReviewRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.PUBLISH)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> PracticeRead:
    """Assign experts to a submitted practice (a new review round). An expert holds `practices:review` in the
    municipality, is not an author and does not work at the authors' school or the practice's organization: 422
    `reviewer_is_author` / `reviewer_same_school` naming the person and the school."""
    p = await service.start_review(session, principal, practice_id, body.reviewer_ids, if_match)
    set_etag(response, p.version)
    return p


@router.get(
    "/practices/{practice_id}/reviewer-candidates",
    operation_id="list_practice_reviewer_candidates",
    response_model=PracticeReviewerCandidates,
    responses=problem_responses(404),
)
async def list_practice_reviewer_candidates(
    practice_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.PUBLISH)],
) -> PracticeReviewerCandidates:
    """The experts of the municipality, each with the reason they cannot review this practice (or none)."""
    return await service.reviewer_candidates(session, principal, practice_id)


@router.post(
    "/practices/{practice_id}/reviews",
    operation_id="review_practice",
    status_code=status.HTTP_201_CREATED,
    response_model=PracticeRead,
    responses=ACTION_ERRORS,
)
async def review_practice(
    practice_id: uuid.UUID,
    body: PracticeReviewCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.REVIEW)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> PracticeRead:
    """An assigned expert records the review: a score for every active criterion (0…its maximum), the
    recommendation and a comment. `If-Match` is the practice's version."""
    p = await service.record_review(session, principal, practice_id, body, if_match)
    set_etag(response, p.version)
    return p


@router.post(
    "/practices/{practice_id}/publish",
    operation_id="publish_practice",
    response_model=PracticeRead,
    responses=ACTION_ERRORS,
)
async def publish_practice(
    practice_id: uuid.UUID,
    body: PracticePublishRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.PUBLISH)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> PracticeRead:
    """Publish a practice in review with at least one review done. The publication date is recorded once: a
    re-publication after a return keeps it. `published_on` records a past date for historical data (not in the
    future; 409 when the first publication's date is already recorded)."""
    p = await service.publish(session, principal, practice_id, body.comment, if_match, body.published_on)
    set_etag(response, p.version)
    return p


@router.post(
    "/practices/{practice_id}/return",
    operation_id="return_practice",
    response_model=PracticeRead,
    responses=ACTION_ERRORS,
)
async def return_practice(
    practice_id: uuid.UUID,
    body: PracticeReturnRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.PUBLISH)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> PracticeRead:
    """Return a submitted, reviewed or published practice to its authors with a comment."""
    p = await service.return_practice(session, principal, practice_id, body.comment, if_match)
    set_etag(response, p.version)
    return p


@router.get(
    "/practice-criteria",
    operation_id="list_practice_criteria",
    response_model=PracticeCriteriaList,
    responses=problem_responses(404),
)
async def list_practice_criteria(
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.READ)],
    municipality_id: Annotated[uuid.UUID | None, Query(description="Муниципалитет (по умолчанию — ваш)")] = None,
) -> PracticeCriteriaList:
    """The municipality's review criteria (the default set — актуальность, новизна, практическая значимость,
    тиражируемость, качество оформления, 0–3 each — until the methodologist changes it)."""
    return await service.list_criteria(session, principal, municipality_id)


@router.post(
    "/practice-criteria",
    operation_id="create_practice_criterion",
    status_code=status.HTTP_201_CREATED,
    response_model=PracticeCriterionRead,
    responses=problem_responses(409),
)
async def create_practice_criterion(
    body: PracticeCriterionCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.PUBLISH)],
    response: Response,
) -> PracticeCriterionRead:
    c = await service.create_criterion(session, principal, body)
    set_etag(response, c.version)
    return c


@router.patch(
    "/practice-criteria/{criterion_id}",
    operation_id="update_practice_criterion",
    response_model=PracticeCriterionRead,
    responses=problem_responses(404, 412, 428),
)
async def update_practice_criterion(
    criterion_id: uuid.UUID,
    body: PracticeCriterionUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(PracticePerm.PUBLISH)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> PracticeCriterionRead:
    """Rename, rescale, reorder or switch off a criterion (reviews already done keep the criteria they used)."""
    c = await service.update_criterion(session, principal, criterion_id, body, if_match)
    set_etag(response, c.version)
    return c


@router.get(
    "/practice-materials/{practice_material_id}/content",
    operation_id="download_practice_material",
    response_class=StreamingResponse,
    responses={**FILE_RESPONSES, **problem_responses(404)},
)
async def download_practice_material(
    practice_material_id: uuid.UUID, session: SessionDep, principal: Annotated[Principal, require(PracticePerm.READ)]
) -> StreamingResponse:
    """A material's file for whoever reads the practice; the download is audited."""
    f, stream = await service.material_content(session, principal, practice_material_id)
    return stored_file_response(stream, file_id=f.id, name=f.name, content_type=f.content_type, size=f.size)
