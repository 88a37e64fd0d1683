"""Help requests: the list with queues and filters and its export, the card, asking for help, editing while new,
and the transitions — take, consultation, close, reopen — and archive (HTTP only; rules in service.py)."""

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
from app.help_requests import measures as _measures  # noqa: F401  (registers this module's KPI measures)
from app.help_requests import service
from app.help_requests.permissions import HelpRequestPerm
from app.help_requests.schemas import (
    ConsultationCreate,
    HelpRequestClose,
    HelpRequestCreate,
    HelpRequestFilters,
    HelpRequestRead,
    HelpRequestReopen,
    HelpRequestUpdate,
    Queue,
    Resolution,
    State,
)

router = APIRouter(prefix="/help-requests", tags=["help-requests"], responses=problem_responses(401, 403, 422))

Format = Annotated[Literal["xlsx", "csv"], Query(description="Формат файла")]
Sort = Annotated[str | None, Query(pattern=r"^-?[a-z_]+$", description="Как в списке")]
Reader = Annotated[Principal, require(HelpRequestPerm.READ)]
Requester = Annotated[Principal, require(HelpRequestPerm.CREATE)]
Handler = Annotated[Principal, require(HelpRequestPerm.HANDLE)]
TRANSITION_ERRORS = problem_responses(404, 409, 412, 428)


async def request_filters(
    queue: Annotated[
        Queue,
        Query(
            description="Очередь: `all` — все, `new` — новые (не взятые), `mine` — взятые мной в работу, "
            "`overdue` — просроченные (новые, не взятые дольше срока муниципалитета в рабочих днях)"
        ),
    ] = "all",
    period: Annotated[Period | None, Query(description="Учебный год «2025/2026»: по дате обращения")] = None,
    organization_id: Annotated[uuid.UUID | None, Query(description="Организация, от которой обращение")] = None,
    teacher_id: Annotated[uuid.UUID | None, Query(description="Педагог")] = None,
    state: Annotated[list[State] | None, Query(description="Состояния")] = None,
    topic_code: Annotated[list[str] | None, Query(description="Темы (коды областей компетенций)")] = None,
    resolution: Annotated[list[Resolution] | None, Query(description="Итоги закрытых")] = None,
    include_archived: Annotated[bool, Query(description="Показать и архивные")] = False,
) -> HelpRequestFilters:
    return HelpRequestFilters(
        queue,
        period,
        organization_id,
        teacher_id,
        list(state) if state else None,
        list(topic_code) if topic_code else None,
        list(resolution) if resolution else None,
        include_archived,
    )


FiltersDep = Annotated[HelpRequestFilters, Depends(request_filters)]


@router.get("", operation_id="list_help_requests", response_model=Page[HelpRequestRead])
async def list_help_requests(
    session: SessionDep, principal: Reader, page: PageDep, filters: FiltersDep
) -> Page[HelpRequestRead]:
    """Requests inside the caller's scope (the municipality; a school its own; a teacher those made for them).
    Sort: `opened_on`, `state`, `topic_code`, `closed_at`, `created_at`, `updated_at` (default: newest first)."""
    return await service.list_requests(session, principal, filters, page)


@router.get(
    "/export",
    operation_id="export_help_requests",
    response_class=Response,
    responses=export_responses("Обращения по фильтрам списка: XLSX или CSV (UTF-8 с BOM, «;»)"),
)
async def export_help_requests(
    session: SessionDep, principal: Reader, filters: FiltersDep, format: Format = "xlsx", sort: Sort = None
) -> Response:
    """The list with the same filters and order as `GET /help-requests`, as a spreadsheet (audited)."""
    content = await service.export_requests(session, principal, filters, sort, format)
    return attachment(content, format, f"Обращения за методической помощью {date.today():%d.%m.%Y}", "help-requests")


@router.post(
    "",
    operation_id="create_help_request",
    status_code=status.HTTP_201_CREATED,
    response_model=HelpRequestRead,
)
async def create_help_request(
    body: HelpRequestCreate, session: SessionDep, principal: Requester, response: Response
) -> HelpRequestRead:
    """A teacher asks for themselves (`teacher_id` may be left out); a school asks for a teacher of the school or,
    without `teacher_id`, for itself (`organization_id`). The municipality's methodologists are notified."""
    item = await service.create_request(session, principal, body)
    set_etag(response, item.version)
    return item


@router.get(
    "/{help_request_id}",
    operation_id="get_help_request",
    response_model=HelpRequestRead,
    responses=problem_responses(404),
)
async def get_help_request(
    help_request_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response
) -> HelpRequestRead:
    """The request with its consultations and what the caller may do with it (`actions`)."""
    item = await service.read_request(session, principal, help_request_id)
    set_etag(response, item.version)
    return item


@router.patch(
    "/{help_request_id}",
    operation_id="update_help_request",
    response_model=HelpRequestRead,
    responses=TRANSITION_ERRORS,
)
async def update_help_request(
    help_request_id: uuid.UUID,
    body: HelpRequestUpdate,
    session: SessionDep,
    principal: Requester,
    response: Response,
    if_match: IfMatchRequired = None,
) -> HelpRequestRead:
    """The requesting side corrects its request while it is new (409 `wrong_state` once taken)."""
    item = await service.update_request(session, principal, help_request_id, body, if_match)
    set_etag(response, item.version)
    return item


@router.post(
    "/{help_request_id}/take",
    operation_id="take_help_request",
    response_model=HelpRequestRead,
    responses=TRANSITION_ERRORS,
)
async def take_help_request(
    help_request_id: uuid.UUID,
    session: SessionDep,
    principal: Handler,
    response: Response,
    if_match: IfMatchRequired = None,
) -> HelpRequestRead:
    """A methodologist takes a new request (becomes its assignee; the requester is notified). 409 `wrong_state`
    when it is not new."""
    item = await service.take_request(session, principal, help_request_id, if_match)
    set_etag(response, item.version)
    return item


@router.post(
    "/{help_request_id}/consultations",
    operation_id="add_help_consultation",
    status_code=status.HTTP_201_CREATED,
    response_model=HelpRequestRead,
    responses=TRANSITION_ERRORS,
)
async def add_help_consultation(
    help_request_id: uuid.UUID,
    body: ConsultationCreate,
    session: SessionDep,
    principal: Handler,
    response: Response,
    if_match: IfMatchRequired = None,
) -> HelpRequestRead:
    """Record a consultation (date, form, who, notes); a new request is taken at the same time. 409 `wrong_state`
    on a closed request."""
    item = await service.add_consultation(session, principal, help_request_id, body, if_match)
    set_etag(response, item.version)
    return item


@router.post(
    "/{help_request_id}/close",
    operation_id="close_help_request",
    response_model=HelpRequestRead,
    responses=TRANSITION_ERRORS,
)
async def close_help_request(
    help_request_id: uuid.UUID,
    body: HelpRequestClose,
    session: SessionDep,
    principal: Handler,
    response: Response,
    if_match: IfMatchRequired = None,
) -> HelpRequestRead:
    """Close a request in work with a resolution (`full` / `partial` / `none`) and a comment; the requester is
    notified. 409 `wrong_state` unless it is in work."""
    item = await service.close_request(session, principal, help_request_id, body, if_match)
    set_etag(response, item.version)
    return item


@router.post(
    "/{help_request_id}/reopen",
    operation_id="reopen_help_request",
    response_model=HelpRequestRead,
    responses=TRANSITION_ERRORS,
)
async def reopen_help_request(
    help_request_id: uuid.UUID,
    body: HelpRequestReopen,
    session: SessionDep,
    principal: Requester,
    response: Response,
    if_match: IfMatchRequired = None,
) -> HelpRequestRead:
    """The requesting side reopens a closed request within 14 days after the day it was closed (`reopen_until`);
    later: 409 `reopen_expired`. The request returns to work with the same methodologist; the consultations stay."""
    item = await service.reopen_request(session, principal, help_request_id, body, if_match)
    set_etag(response, item.version)
    return item


@router.post(
    "/{help_request_id}/archive",
    operation_id="archive_help_request",
    response_model=HelpRequestRead,
    responses=TRANSITION_ERRORS,
)
async def archive_help_request(
    help_request_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Handler,
    response: Response,
    if_match: IfMatchRequired = None,
) -> HelpRequestRead:
    """Archival instead of deletion, with a reason (e.g. a duplicate, made in error)."""
    item = await service.archive_request(session, principal, help_request_id, body.reason, if_match)
    set_etag(response, item.version)
    return item
