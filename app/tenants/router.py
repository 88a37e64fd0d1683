"""Regions and municipalities (the tenants): HTTP only, each operation calls one service function."""

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
from app.tenants import service
from app.tenants.models import Region
from app.tenants.permissions import TenantPerm
from app.tenants.schemas import (
    MunicipalityCreate,
    MunicipalityRead,
    MunicipalityUpdate,
    RegionCreate,
    RegionRead,
    RegionUpdate,
)

router = APIRouter(tags=["tenants"], responses=problem_responses(401, 403, 422))


@router.get("/regions", operation_id="list_regions", response_model=Page[RegionRead])
async def list_regions(
    session: SessionDep,
    principal: Annotated[Principal, require(TenantPerm.REGIONS_READ)],
    page: PageDep,
    updated_since: UpdatedSinceDep,
    q: Annotated[str | None, Query(max_length=100, description="Поиск по названию")] = None,
    include_archived: bool = False,
) -> Page[RegionRead]:
    return await service.list_regions(session, principal, page, q, include_archived, updated_since)  # type: ignore[return-value]


@router.post(
    "/regions",
    operation_id="create_region",
    status_code=status.HTTP_201_CREATED,
    response_model=RegionRead,
    responses=problem_responses(409),
)
async def create_region(
    body: RegionCreate, session: SessionDep, principal: Annotated[Principal, require(TenantPerm.REGIONS_WRITE)]
) -> Region:
    return await service.create_region(session, principal, body)


@router.get(
    "/regions/{region_id}",
    operation_id="get_region",
    response_model=RegionRead,
    responses=problem_responses(404),
)
async def get_region(
    region_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(TenantPerm.REGIONS_READ)],
    response: Response,
) -> Region:
    region = await service.get_region(session, principal, region_id)
    set_etag(response, region.version)
    return region


@router.patch(
    "/regions/{region_id}",
    operation_id="update_region",
    response_model=RegionRead,
    responses=problem_responses(404, 409, 412),
)
async def update_region(
    region_id: uuid.UUID,
    body: RegionUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(TenantPerm.REGIONS_WRITE)],
    response: Response,
    if_match: IfMatch = None,
) -> Region:
    region = await service.update_region(session, principal, region_id, body, if_match)
    set_etag(response, region.version)
    return region


@router.post(
    "/regions/{region_id}/archive",
    operation_id="archive_region",
    response_model=RegionRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def archive_region(
    region_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(TenantPerm.REGIONS_WRITE)],
    if_match: IfMatchRequired = None,
) -> Region:
    return await service.archive_region(session, principal, region_id, body.reason, if_match)


@router.get("/municipalities", operation_id="list_municipalities", response_model=Page[MunicipalityRead])
async def list_municipalities(
    session: SessionDep,
    principal: Annotated[Principal, require(TenantPerm.MUNICIPALITIES_READ)],
    page: PageDep,
    updated_since: UpdatedSinceDep,
    region_id: uuid.UUID | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Поиск по названию")] = None,
    include_archived: bool = False,
) -> Page[MunicipalityRead]:
    return await service.list_municipalities(session, principal, page, q, region_id, include_archived, updated_since)


@router.post(
    "/municipalities",
    operation_id="create_municipality",
    status_code=status.HTTP_201_CREATED,
    response_model=MunicipalityRead,
    responses=problem_responses(404, 409),
)
async def create_municipality(
    body: MunicipalityCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(TenantPerm.REGIONS_WRITE)],
) -> MunicipalityRead:
    return await service.create_municipality(session, principal, body)


@router.get(
    "/municipalities/{municipality_id}",
    operation_id="get_municipality",
    response_model=MunicipalityRead,
    responses=problem_responses(404),
)
async def get_municipality(
    municipality_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(TenantPerm.MUNICIPALITIES_READ)],
    response: Response,
) -> MunicipalityRead:
    muni = await service.read_municipality(session, principal, municipality_id)
    set_etag(response, muni.version)
    return muni


@router.patch(
    "/municipalities/{municipality_id}",
    operation_id="update_municipality",
    response_model=MunicipalityRead,
    responses=problem_responses(404, 412),
)
async def update_municipality(
    municipality_id: uuid.UUID,
    body: MunicipalityUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(TenantPerm.MUNICIPALITIES_WRITE)],
    response: Response,
    if_match: IfMatch = None,
) -> MunicipalityRead:
    muni = await service.update_municipality(session, principal, municipality_id, body, if_match)
    set_etag(response, muni.version)
    return muni


@router.post(
    "/municipalities/{municipality_id}/archive",
    operation_id="archive_municipality",
    response_model=MunicipalityRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def archive_municipality(
    municipality_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(TenantPerm.REGIONS_WRITE)],
    if_match: IfMatchRequired = None,
) -> MunicipalityRead:
    return await service.archive_municipality(session, principal, municipality_id, body.reason, if_match)
