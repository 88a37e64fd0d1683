"""Regions and municipalities (the tenants)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlalchemy import select

from app.auth.permissions import Perm
from app.auth.principal import Principal, municipality_visible, require
from app.core.concurrency import IfMatch, set_etag
from app.core.crud import archive_with_audit, create_with_audit, update_with_audit
from app.core.db import SessionDep
from app.core.errors import NotFound, problem_responses
from app.core.pagination import Page, PageDep, UpdatedSinceDep, apply_sort, paginate
from app.core.schemas import ArchiveRequest
from app.core.search import text_search
from app.tenants.models import Municipality, Region
from app.tenants.schemas import (
    MunicipalityCreate,
    MunicipalityRead,
    MunicipalityUpdate,
    RegionCreate,
    RegionRead,
    RegionUpdate,
)

router = APIRouter(tags=["tenants"], responses=problem_responses(401, 403, 422))

REGION_FIELDS = ["code", "name"]
MUNI_FIELDS = ["region_id", "name", "okato", "young_age_limit", "young_experience_limit", "young_rule"]


def _region_visible(principal: Principal):  # type: ignore[no-untyped-def]
    scope = principal.scope(Perm.REGIONS_READ)
    if scope.all:
        return Region.id.is_not(None)
    return Region.id.in_(select(Municipality.region_id).where(municipality_visible(scope, Municipality.id)))


async def _get_region(session: SessionDep, principal: Principal, region_id: uuid.UUID) -> Region:
    region = await session.scalar(select(Region).where(Region.id == region_id, _region_visible(principal)))
    if region is None:
        raise NotFound("Регион не найден")
    return region


async def _get_municipality(
    session: SessionDep,
    principal: Principal,
    municipality_id: uuid.UUID,
    perm: Perm = Perm.MUNICIPALITIES_READ,
) -> Municipality:
    muni = await session.scalar(
        select(Municipality).where(
            Municipality.id == municipality_id, municipality_visible(principal.scope(perm), Municipality.id)
        )
    )
    if muni is None:
        raise NotFound("Муниципалитет не найден")
    return muni


@router.get("/regions", operation_id="list_regions", response_model=Page[RegionRead])
async def list_regions(
    session: SessionDep,
    principal: Annotated[Principal, require(Perm.REGIONS_READ)],
    page: PageDep,
    updated_since: UpdatedSinceDep,
    q: Annotated[str | None, Query(max_length=100, description="Поиск по названию")] = None,
    include_archived: bool = False,
) -> Page[RegionRead]:
    stmt = select(Region).where(_region_visible(principal))
    if updated_since:
        stmt = stmt.where(Region.updated_at >= updated_since)
    if q:
        stmt = stmt.where(text_search(q, Region.name))
    if not include_archived:
        stmt = stmt.where(Region.archived_at.is_(None))
    stmt = apply_sort(stmt, page.sort, {"name": Region.name, "code": Region.code}, [Region.name, Region.id])
    items, total = await paginate(session, stmt, page)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.post(
    "/regions",
    operation_id="create_region",
    status_code=status.HTTP_201_CREATED,
    response_model=RegionRead,
    responses=problem_responses(409),
)
async def create_region(
    body: RegionCreate, session: SessionDep, principal: Annotated[Principal, require(Perm.REGIONS_WRITE)]
) -> Region:
    region = Region(**body.model_dump())
    await create_with_audit(session, principal, region, "region", None, REGION_FIELDS)
    return region


@router.get(
    "/regions/{region_id}",
    operation_id="get_region",
    response_model=RegionRead,
    responses=problem_responses(404),
)
async def get_region(
    region_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(Perm.REGIONS_READ)],
    response: Response,
) -> Region:
    region = await _get_region(session, principal, region_id)
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
    principal: Annotated[Principal, require(Perm.REGIONS_WRITE)],
    response: Response,
    if_match: IfMatch = None,
) -> Region:
    region = await _get_region(session, principal, region_id)
    await update_with_audit(session, principal, region, body, if_match, "region", None)
    set_etag(response, region.version)
    return region


@router.post(
    "/regions/{region_id}/archive",
    operation_id="archive_region",
    response_model=RegionRead,
    responses=problem_responses(404, 409, 412),
)
async def archive_region(
    region_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(Perm.REGIONS_WRITE)],
    if_match: IfMatch = None,
) -> Region:
    region = await _get_region(session, principal, region_id)
    await archive_with_audit(session, principal, region, body.reason, if_match, "region", None)
    return region


@router.get("/municipalities", operation_id="list_municipalities", response_model=Page[MunicipalityRead])
async def list_municipalities(
    session: SessionDep,
    principal: Annotated[Principal, require(Perm.MUNICIPALITIES_READ)],
    page: PageDep,
    updated_since: UpdatedSinceDep,
    region_id: uuid.UUID | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Поиск по названию")] = None,
    include_archived: bool = False,
) -> Page[MunicipalityRead]:
    stmt = select(Municipality).where(municipality_visible(principal.scope(Perm.MUNICIPALITIES_READ), Municipality.id))
    if updated_since:
        stmt = stmt.where(Municipality.updated_at >= updated_since)
    if region_id:
        stmt = stmt.where(Municipality.region_id == region_id)
    if q:
        stmt = stmt.where(text_search(q, Municipality.name))
    if not include_archived:
        stmt = stmt.where(Municipality.archived_at.is_(None))
    stmt = apply_sort(stmt, page.sort, {"name": Municipality.name}, [Municipality.name, Municipality.id])
    items, total = await paginate(session, stmt, page)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


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
    principal: Annotated[Principal, require(Perm.REGIONS_WRITE)],
) -> Municipality:
    await _get_region(session, principal, body.region_id)
    muni = Municipality(**body.model_dump())
    session.add(muni)
    await session.flush()
    await create_with_audit(session, principal, muni, "municipality", muni.id, MUNI_FIELDS)
    return muni


@router.get(
    "/municipalities/{municipality_id}",
    operation_id="get_municipality",
    response_model=MunicipalityRead,
    responses=problem_responses(404),
)
async def get_municipality(
    municipality_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(Perm.MUNICIPALITIES_READ)],
    response: Response,
) -> Municipality:
    muni = await _get_municipality(session, principal, municipality_id)
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
    principal: Annotated[Principal, require(Perm.MUNICIPALITIES_WRITE)],
    response: Response,
    if_match: IfMatch = None,
) -> Municipality:
    muni = await _get_municipality(session, principal, municipality_id, Perm.MUNICIPALITIES_WRITE)
    await update_with_audit(session, principal, muni, body, if_match, "municipality", muni.id)
    set_etag(response, muni.version)
    return muni


@router.post(
    "/municipalities/{municipality_id}/archive",
    operation_id="archive_municipality",
    response_model=MunicipalityRead,
    responses=problem_responses(404, 409, 412),
)
async def archive_municipality(
    municipality_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(Perm.REGIONS_WRITE)],
    if_match: IfMatch = None,
) -> Municipality:
    muni = await _get_municipality(session, principal, municipality_id, Perm.REGIONS_WRITE)
    await archive_with_audit(session, principal, muni, body.reason, if_match, "municipality", muni.id)
    return muni
