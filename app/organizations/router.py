"""Organizations: list with filters, card, create, update, archive (HTTP only; rules in service.py)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from app.core.access import Principal, require
from app.core.concurrency import IfMatch, IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import Page, PageDep, UpdatedSinceDep
from app.core.schemas import ArchiveRequest
from app.organizations import service
from app.organizations.permissions import OrganizationPerm
from app.organizations.schemas import (
    InnovationLevel,
    OrganizationCreate,
    OrganizationRead,
    OrganizationUpdate,
)

router = APIRouter(prefix="/organizations", tags=["organizations"], responses=problem_responses(401, 403, 422))


@router.get("", operation_id="list_organizations", response_model=Page[OrganizationRead])
async def list_organizations(
    session: SessionDep,
    principal: Annotated[Principal, require(OrganizationPerm.READ)],
    page: PageDep,
    updated_since: UpdatedSinceDep,
    q: Annotated[str | None, Query(max_length=100, description="Поиск по названию")] = None,
    municipality_id: uuid.UUID | None = None,
    type_code: Annotated[list[str] | None, Query(description="Типы организаций")] = None,
    is_low_results: bool | None = None,
    is_unfavourable: bool | None = None,
    innovation_level: InnovationLevel | None = None,
    is_resource_center: bool | None = None,
    include_archived: bool = False,
) -> Page[OrganizationRead]:
    return await service.list_organizations(
        session,
        principal,
        page,
        q=q,
        municipality_id=municipality_id,
        type_code=type_code,
        flags={
            "is_low_results": is_low_results,
            "is_unfavourable": is_unfavourable,
            "is_resource_center": is_resource_center,
        },
        innovation_level=innovation_level,
        include_archived=include_archived,
        updated_since=updated_since,
    )


@router.post(
    "",
    operation_id="create_organization",
    status_code=status.HTTP_201_CREATED,
    response_model=OrganizationRead,
    responses=problem_responses(404, 409),
)
async def create_organization(
    body: OrganizationCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(OrganizationPerm.MANAGE)],
    response: Response,
) -> OrganizationRead:
    org = await service.create_organization(session, principal, body)
    set_etag(response, org.version)
    return org


@router.get(
    "/{organization_id}",
    operation_id="get_organization",
    response_model=OrganizationRead,
    responses=problem_responses(404),
)
async def get_organization(
    organization_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(OrganizationPerm.READ)],
    response: Response,
) -> OrganizationRead:
    org = await service.get_organization(session, principal, organization_id)
    set_etag(response, org.version)
    return org


@router.patch(
    "/{organization_id}",
    operation_id="update_organization",
    response_model=OrganizationRead,
    responses=problem_responses(404, 409, 412),
)
async def update_organization(
    organization_id: uuid.UUID,
    body: OrganizationUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(OrganizationPerm.WRITE)],
    response: Response,
    if_match: IfMatch = None,
) -> OrganizationRead:
    org = await service.update_organization(session, principal, organization_id, body, if_match)
    set_etag(response, org.version)
    return org


@router.post(
    "/{organization_id}/archive",
    operation_id="archive_organization",
    response_model=OrganizationRead,
    responses=problem_responses(403, 404, 409, 412, 428),
)
async def archive_organization(
    organization_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(OrganizationPerm.MANAGE)],
    if_match: IfMatchRequired = None,
) -> OrganizationRead:
    return await service.archive_organization(session, principal, organization_id, body.reason, if_match)
