"""Organizations: list with filters, card, create, update, archive."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlalchemy import func, select

from app.auth.permissions import Perm
from app.auth.principal import Principal, organization_visible, require
from app.core.concurrency import IfMatch, set_etag
from app.core.crud import archive_with_audit, create_with_audit, update_with_audit
from app.core.db import SessionDep
from app.core.errors import FieldError, NotFound, Unprocessable, problem_responses
from app.core.pagination import Page, PageDep, UpdatedSinceDep, apply_sort, paginate
from app.core.schemas import ArchiveRequest
from app.core.search import text_search
from app.organizations.models import Organization
from app.organizations.schemas import (
    InnovationLevel,
    OrganizationCreate,
    OrganizationRead,
    OrganizationUpdate,
)
from app.reference.models import OrganizationType
from app.reference.service import ensure_codes
from app.teachers.models import Employment, employed_on

router = APIRouter(prefix="/organizations", tags=["organizations"], responses=problem_responses(401, 403, 422))

FIELDS = list(OrganizationCreate.model_fields)
SORTS = {
    "name": Organization.name,
    "short_name": Organization.short_name,
    "type_code": Organization.type_code,
    "created_at": Organization.created_at,
}


async def get_visible_organization(
    session: SessionDep,
    principal: Principal,
    organization_id: uuid.UUID,
    perm: Perm = Perm.ORGANIZATIONS_READ,
) -> Organization:
    org = await session.scalar(
        select(Organization).where(
            Organization.id == organization_id, organization_visible(principal.scope(perm), Organization)
        )
    )
    if org is None:
        raise NotFound("Организация не найдена")
    return org


async def _check_parent(
    session: SessionDep,
    municipality_id: uuid.UUID,
    parent_id: uuid.UUID | None,
    self_id: uuid.UUID | None = None,
) -> None:
    if parent_id is None:
        return
    parent = await session.get(Organization, parent_id)
    if parent is None or parent.municipality_id != municipality_id or parent_id == self_id:
        raise Unprocessable(
            errors=[
                FieldError(
                    field="body.parent_id",
                    code="bad_parent",
                    message="Головная организация не найдена в этом муниципалитете",
                )
            ]
        )


async def _teacher_count(session: SessionDep, org: Organization) -> int:
    today = date.today()
    return int(
        await session.scalar(
            select(func.count(func.distinct(Employment.teacher_id))).where(
                Employment.municipality_id == org.municipality_id,
                Employment.organization_id == org.id,
                employed_on(Employment, today),
            )
        )
        or 0
    )


@router.get("", operation_id="list_organizations", response_model=Page[OrganizationRead])
async def list_organizations(
    session: SessionDep,
    principal: Annotated[Principal, require(Perm.ORGANIZATIONS_READ)],
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
    stmt = select(Organization).where(organization_visible(principal.scope(Perm.ORGANIZATIONS_READ), Organization))
    if updated_since:
        stmt = stmt.where(Organization.updated_at >= updated_since)
    if q:
        stmt = stmt.where(text_search(q, Organization.name, Organization.short_name))
    if municipality_id:
        stmt = stmt.where(Organization.municipality_id == municipality_id)
    if type_code:
        stmt = stmt.where(Organization.type_code.in_(type_code))
    for col, val in (
        (Organization.is_low_results, is_low_results),
        (Organization.is_unfavourable, is_unfavourable),
        (Organization.is_resource_center, is_resource_center),
    ):
        if val is not None:
            stmt = stmt.where(col.is_(val))
    if innovation_level:
        stmt = stmt.where(Organization.innovation_level == innovation_level)
    if not include_archived:
        stmt = stmt.where(Organization.archived_at.is_(None))
    stmt = apply_sort(stmt, page.sort, SORTS, [Organization.short_name, Organization.id])
    items, total = await paginate(session, stmt, page)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


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
    principal: Annotated[Principal, require(Perm.ORGANIZATIONS_MANAGE)],
    response: Response,
) -> Organization:
    if not principal.scope(Perm.ORGANIZATIONS_MANAGE).covers_municipality(body.municipality_id):
        raise NotFound("Муниципалитет не найден")
    await ensure_codes(session, OrganizationType, [body.type_code], "body.type_code")
    await _check_parent(session, body.municipality_id, body.parent_id)
    org = Organization(**body.model_dump())
    await create_with_audit(session, principal, org, "organization", body.municipality_id, FIELDS)
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
    principal: Annotated[Principal, require(Perm.ORGANIZATIONS_READ)],
    response: Response,
) -> OrganizationRead:
    org = await get_visible_organization(session, principal, organization_id)
    set_etag(response, org.version)
    out = OrganizationRead.model_validate(org)
    out.teacher_count = await _teacher_count(session, org)
    return out


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
    principal: Annotated[Principal, require(Perm.ORGANIZATIONS_WRITE)],
    response: Response,
    if_match: IfMatch = None,
) -> Organization:
    org = await get_visible_organization(session, principal, organization_id, Perm.ORGANIZATIONS_WRITE)
    if body.type_code:
        await ensure_codes(session, OrganizationType, [body.type_code], "body.type_code")
    if "parent_id" in body.model_fields_set:
        await _check_parent(session, org.municipality_id, body.parent_id, org.id)
    await update_with_audit(session, principal, org, body, if_match, "organization", org.municipality_id)
    set_etag(response, org.version)
    return org


@router.post(
    "/{organization_id}/archive",
    operation_id="archive_organization",
    response_model=OrganizationRead,
    responses=problem_responses(403, 404, 409, 412),
)
async def archive_organization(
    organization_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(Perm.ORGANIZATIONS_MANAGE)],
    if_match: IfMatch = None,
) -> Organization:
    org = await get_visible_organization(session, principal, organization_id, Perm.ORGANIZATIONS_MANAGE)
    await archive_with_audit(session, principal, org, body.reason, if_match, "organization", org.municipality_id)
    return org
