"""Individual routes (ИОМ): list with filters, the department's summary (counts only), a draft from a deficit profile,
the card (its read audited), the plan of a draft, approve, complete, archive, an action marked done with evidence
and undone, an evidence file's upload and download, the teacher's records offered as evidence (HTTP only; rules in
service.py)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile, status
from fastapi.responses import StreamingResponse

from app.core.access import Principal, require
from app.core.concurrency import IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import FILE_RESPONSES, stored_file_response
from app.core.pagination import Page, PageDep
from app.core.schemas import ArchiveRequest
from app.routes import measures as _measures  # noqa: F401  (registers this module's KPI measures)
from app.routes import service
from app.routes.permissions import RoutesPerm
from app.routes.schemas import (
    ActionDone,
    DraftRequest,
    EvidenceFileRead,
    EvidenceOption,
    RouteFilters,
    RoutePlanUpdate,
    RouteRead,
    RoutesSummary,
    RouteStatus,
    RouteSummary,
)

router = APIRouter(prefix="/individual-routes", tags=["individual-routes"], responses=problem_responses(401, 403, 422))

Reader = Annotated[Principal, require(RoutesPerm.READ)]
Writer = Annotated[Principal, require(RoutesPerm.WRITE)]
Approver = Annotated[Principal, require(RoutesPerm.APPROVE)]
Completer = Annotated[Principal, require(RoutesPerm.COMPLETE)]
CHANGES = problem_responses(404, 409, 412, 428)


@router.get("", operation_id="list_individual_routes", response_model=Page[RouteSummary])
async def list_individual_routes(
    session: SessionDep,
    principal: Reader,
    page: PageDep,
    status: Annotated[list[RouteStatus] | None, Query(description="Статусы маршрута")] = None,
    organization_id: Annotated[uuid.UUID | None, Query(description="Место работы педагога при диагностике")] = None,
    teacher_id: Annotated[uuid.UUID | None, Query(description="Педагог")] = None,
    campaign_id: Annotated[uuid.UUID | None, Query(description="Мониторинг")] = None,
    overdue_only: Annotated[bool, Query(description="Только маршруты с просроченными действиями")] = False,
    include_archived: Annotated[bool, Query(description="Показать и архивные")] = False,
) -> Page[RouteSummary]:
    """Routes inside the caller's scope (a teacher their own, a school its teachers', a methodologist the
    municipality's) with progress and overdue counts. Sort: `updated_at`, `created_at`, `status`, `approved_at`."""
    f = RouteFilters(
        list(status) if status else None, organization_id, teacher_id, campaign_id, overdue_only, include_archived
    )
    return await service.list_routes(session, principal, f, page)


@router.get("/summary", operation_id="individual_routes_summary", response_model=RoutesSummary)
async def individual_routes_summary(
    session: SessionDep,
    principal: Annotated[Principal, require(RoutesPerm.SUMMARY)],
    campaign_id: Annotated[uuid.UUID | None, Query(description="Мониторинг")] = None,
) -> RoutesSummary:
    """Counts of routes (not archived) per status and per organization, with those having an overdue action —
    aggregated figures only, no person is named (the department's view)."""
    return await service.summary(session, principal, campaign_id)


@router.post(
    "/draft",
    operation_id="create_individual_route_draft",
    status_code=status.HTTP_201_CREATED,
    response_model=RouteRead,
    responses=problem_responses(404, 409),
)
async def create_individual_route_draft(
    body: DraftRequest, session: SessionDep, principal: Writer, response: Response
) -> RouteRead:
    """A draft from the teacher's deficit profile: a goal «Преодолеть дефицит: …» per deficit area (and per partial
    area when asked) with proposed actions tagged with that area — upcoming events of the municipality, the
    teacher's courses not yet ended and programmes other teachers took, published practices, the teacher's mentor
    (an active pair) and self-study — each with a deadline. 409 `route_exists` (with `existing_id`) when the
    assignment already has a route; 422 `not_submitted` when the diagnostic was not submitted."""
    r = await service.create_draft(session, principal, body)
    set_etag(response, r.version)
    return r


@router.get(
    "/{route_id}", operation_id="get_individual_route", response_model=RouteRead, responses=problem_responses(404)
)
async def get_individual_route(
    route_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response
) -> RouteRead:
    """The route with its goals, actions (overdue flagged by the Moscow date) and progress; the read is audited."""
    r = await service.read_route(session, principal, route_id)
    set_etag(response, r.version)
    return r


@router.put(
    "/{route_id}/plan", operation_id="update_individual_route_plan", response_model=RouteRead, responses=CHANGES
)
async def update_individual_route_plan(
    route_id: uuid.UUID,
    body: RoutePlanUpdate,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> RouteRead:
    """The whole plan (title, note, goals with actions): sent with an id — changed, without — added, not sent —
    removed; a done action keeps its mark. Not for a completed route (409)."""
    r = await service.update_plan(session, principal, route_id, body, if_match)
    set_etag(response, r.version)
    return r


@router.post(
    "/{route_id}/approve", operation_id="approve_individual_route", response_model=RouteRead, responses=CHANGES
)
async def approve_individual_route(
    route_id: uuid.UUID, session: SessionDep, principal: Approver, response: Response, if_match: IfMatchRequired = None
) -> RouteRead:
    """Draft → approved (the teacher sees it and marks actions). Not one's own route (403 `own_route`)."""
    r = await service.approve(session, principal, route_id, if_match)
    set_etag(response, r.version)
    return r


@router.post(
    "/{route_id}/complete", operation_id="complete_individual_route", response_model=RouteRead, responses=CHANGES
)
async def complete_individual_route(
    route_id: uuid.UUID, session: SessionDep, principal: Approver, response: Response, if_match: IfMatchRequired = None
) -> RouteRead:
    """Approved or in progress → completed, by an approver (also when not every action is done)."""
    r = await service.complete(session, principal, route_id, if_match)
    set_etag(response, r.version)
    return r


@router.post(
    "/{route_id}/archive", operation_id="archive_individual_route", response_model=RouteRead, responses=CHANGES
)
async def archive_individual_route(
    route_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> RouteRead:
    """Archival instead of deletion, with a reason (an archived route counts nowhere; a new draft may be made)."""
    r = await service.archive(session, principal, route_id, body.reason, if_match)
    set_etag(response, r.version)
    return r


@router.post(
    "/{route_id}/actions/{action_id}/done",
    operation_id="mark_individual_route_action_done",
    response_model=RouteRead,
    responses=CHANGES,
)
async def mark_individual_route_action_done(
    route_id: uuid.UUID,
    action_id: uuid.UUID,
    body: ActionDone,
    session: SessionDep,
    principal: Completer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> RouteRead:
    """The action done, with evidence: a link, a file uploaded for this route, the teacher's own participation or
    course (another's: 422), a note. The first done action puts the route in progress; the last completes it.
    `If-Match` is the route's version."""
    r = await service.mark_done(session, principal, route_id, action_id, body, if_match)
    set_etag(response, r.version)
    return r


@router.post(
    "/{route_id}/actions/{action_id}/undo",
    operation_id="undo_individual_route_action",
    response_model=RouteRead,
    responses=CHANGES,
)
async def undo_individual_route_action(
    route_id: uuid.UUID,
    action_id: uuid.UUID,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> RouteRead:
    """An editor takes back the mark (and its evidence); the route's status follows."""
    r = await service.undo(session, principal, route_id, action_id, if_match)
    set_etag(response, r.version)
    return r


@router.post(
    "/{route_id}/evidence-files",
    operation_id="upload_individual_route_evidence",
    status_code=status.HTTP_201_CREATED,
    response_model=EvidenceFileRead,
    openapi_extra={"requestBody": {"content": {"multipart/form-data": {"example": {"file": "(сертификат, PDF)"}}}}},
    responses={**problem_responses(404, 409), **problem_responses(413)},
)
async def upload_individual_route_evidence(
    route_id: uuid.UUID,
    session: SessionDep,
    principal: Completer,
    file: Annotated[UploadFile, File(description="Подтверждение: PDF, DOCX, PNG, JPEG…")],
) -> EvidenceFileRead:
    """A file for the evidence of an action (the type is decided by the content; the size is limited); then name it
    in `…/actions/{action_id}/done` as `evidence_file_id`."""
    return await service.upload_evidence(session, principal, route_id, file)


@router.get(
    "/{route_id}/actions/{action_id}/evidence-file",
    operation_id="download_individual_route_evidence",
    response_class=StreamingResponse,
    responses={**FILE_RESPONSES, **problem_responses(404)},
)
async def download_individual_route_evidence(
    route_id: uuid.UUID, action_id: uuid.UUID, session: SessionDep, principal: Reader
) -> StreamingResponse:
    """The evidence file of an action, for those who read the route (the download is audited)."""
    f, stream = await service.evidence_file(session, principal, route_id, action_id)
    return stored_file_response(stream, file_id=f.id, name=f.name, content_type=f.content_type, size=f.size)


@router.get(
    "/{route_id}/evidence-options",
    operation_id="list_individual_route_evidence_options",
    response_model=Page[EvidenceOption],
    responses=problem_responses(404),
)
async def list_individual_route_evidence_options(
    route_id: uuid.UUID, session: SessionDep, principal: Completer, page: PageDep
) -> Page[EvidenceOption]:
    """The route's teacher's participations in events (newest first) and courses, to pick one as the evidence of an
    action."""
    return await service.evidence_options(session, principal, route_id, page)
