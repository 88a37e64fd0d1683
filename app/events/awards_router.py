"""Awards (letters of thanks, diplomas, honorary certificates) for events and series: list, card, create, update,
archive (HTTP only; rules in awards.py)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from app.core.access import Principal, require
from app.core.concurrency import IfMatch, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import Page, PageDep
from app.core.periods import Period
from app.core.schemas import ArchiveRequest
from app.events import awards
from app.events.permissions import EventPerm
from app.events.router import WRITE_ERRORS
from app.events.schemas import AwardCreate, AwardKind, AwardRead, AwardUpdate

router = APIRouter(prefix="/awards", tags=["awards"], responses=problem_responses(401, 403, 422))
Reader = Annotated[Principal, require(EventPerm.AWARDS_READ)]
Writer = Annotated[Principal, require(EventPerm.AWARDS_WRITE)]


@router.get("", operation_id="list_awards", response_model=Page[AwardRead])
async def list_awards(
    session: SessionDep,
    principal: Reader,
    page: PageDep,
    teacher_id: Annotated[uuid.UUID | None, Query(description="Педагог")] = None,
    organization_id: Annotated[uuid.UUID | None, Query(description="Организация")] = None,
    event_id: Annotated[uuid.UUID | None, Query(description="Мероприятие")] = None,
    series_id: Annotated[uuid.UUID | None, Query(description="Цикл")] = None,
    kind: Annotated[list[AwardKind] | None, Query(description="Виды наград")] = None,
    municipality_id: uuid.UUID | None = None,
    period: Annotated[
        Period | None, Query(description="Период по дате награждения: учебный год «2021/2022», год, полугодие")
    ] = None,
    include_archived: bool = False,
) -> Page[AwardRead]:
    """Awards inside your scope, newest first. Sort: `awarded_on`, `kind`, `teacher_name`, `created_at`."""
    return await awards.list_awards(
        session,
        principal,
        page,
        teacher_id=teacher_id,
        organization_id=organization_id,
        event_id=event_id,
        series_id=series_id,
        kind=list(kind) if kind else None,
        municipality_id=municipality_id,
        period=period,
        include_archived=include_archived,
    )


@router.post(
    "",
    operation_id="create_award",
    status_code=status.HTTP_201_CREATED,
    response_model=AwardRead,
    responses=problem_responses(404, 409),
)
async def create_award(body: AwardCreate, session: SessionDep, principal: Writer, response: Response) -> AwardRead:
    """To a teacher (inside your reach) or an organization, for an event or a series (or neither)."""
    award = await awards.create_award(session, principal, body)
    set_etag(response, award.version)
    return award


@router.get("/{award_id}", operation_id="get_award", response_model=AwardRead, responses=problem_responses(404))
async def get_award(award_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response) -> AwardRead:
    award = await awards.get_award(session, principal, award_id)
    set_etag(response, award.version)
    return award


@router.patch("/{award_id}", operation_id="update_award", response_model=AwardRead, responses=WRITE_ERRORS)
async def update_award(
    award_id: uuid.UUID,
    body: AwardUpdate,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatch = None,
) -> AwardRead:
    """The award's wording, date and order; the recipient and the subject are not changed (archive and re-enter).
    Requires `If-Match`."""
    award = await awards.update_award(session, principal, award_id, body, if_match)
    set_etag(response, award.version)
    return award


@router.post("/{award_id}/archive", operation_id="archive_award", response_model=AwardRead, responses=WRITE_ERRORS)
async def archive_award(
    award_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatch = None,
) -> AwardRead:
    award = await awards.archive_award(session, principal, award_id, body.reason, if_match)
    set_etag(response, award.version)
    return award
