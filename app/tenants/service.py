"""Regions and municipalities (the tenants): reads inside the caller's scope and audited writes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal
from app.core.pagination import Page, PageParams
from app.tenants import repository as repo
from app.tenants.models import Municipality, Region
from app.tenants.permissions import TenantPerm
from app.tenants.schemas import (
    MentoringRules,
    MunicipalityCreate,
    MunicipalityRead,
    MunicipalityUpdate,
    RegionCreate,
    RegionUpdate,
)

MUNICIPALITY_FIELDS = frozenset(MunicipalityUpdate.model_fields)


async def municipality_ids_of_region(session: AsyncSession, region_id: uuid.UUID) -> frozenset[uuid.UUID]:
    """For the scoping gate: a regional role reaches every municipality of its region."""
    return await repo.municipality_ids_of_region(session, region_id)


async def municipality_exists(session: AsyncSession, municipality_id: uuid.UUID) -> bool:
    return await repo.find_municipality(session, municipality_id) is not None


async def municipality_region(session: AsyncSession, municipality_id: uuid.UUID) -> uuid.UUID | None:
    """The region of a municipality (None when there is no such municipality)."""
    muni = await repo.find_municipality(session, municipality_id)
    return muni.region_id if muni else None


async def mentoring_rules(session: AsyncSession, municipality_id: uuid.UUID) -> MentoringRules:
    """The municipality's mentoring settings (defaults when there is no such municipality)."""
    muni = await repo.find_municipality(session, municipality_id)
    if muni is None:
        return MentoringRules(max_mentees=3, young_mentors_allowed=False)
    return MentoringRules(
        max_mentees=muni.mentoring_max_mentees, young_mentors_allowed=muni.mentoring_young_mentors_allowed
    )


async def help_response_days(session: AsyncSession, municipality_id: uuid.UUID) -> int:
    """The municipality's answer term of help requests, in working days (3 when there is no such municipality)."""
    muni = await repo.find_municipality(session, municipality_id)
    return muni.help_response_days if muni else 3


async def diagnostics_min_group(session: AsyncSession, municipality_id: uuid.UUID) -> int:
    """The municipality's smallest group shown in corporate deficits below the methodologist role (default 5)."""
    muni = await repo.find_municipality(session, municipality_id)
    return muni.diagnostics_min_group if muni else 5


def help_response_days_sql(municipality_col: Any) -> Any:
    """SQL: the answer term of help requests of the municipality named by `municipality_col` (for list filters)."""
    return repo.help_response_days_of(municipality_col)


async def region_exists(session: AsyncSession, region_id: uuid.UUID) -> bool:
    return await repo.find_region(session, region_id) is not None


async def municipality_names(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    return await repo.municipality_names(session, ids)


async def region_names(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    return await repo.region_names(session, ids)


# --- regions ---


async def list_regions(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    q: str | None,
    include_archived: bool,
    updated_since: datetime | None,
) -> Page[Region]:
    items, total = await repo.regions.list(
        session,
        principal.scope(TenantPerm.REGIONS_READ),
        page,
        repo.region_filters(q),
        include_archived=include_archived,
        updated_since=updated_since,
    )
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


async def get_region(
    session: AsyncSession, principal: Principal, region_id: uuid.UUID, perm: str = TenantPerm.REGIONS_READ
) -> Region:
    return await repo.regions.get(session, principal.scope(perm), region_id)


async def create_region(session: AsyncSession, principal: Principal, body: RegionCreate) -> Region:
    return await repo.regions.create(session, principal, Region(**body.model_dump()))


async def update_region(
    session: AsyncSession, principal: Principal, region_id: uuid.UUID, body: RegionUpdate, if_match: str | None
) -> Region:
    region = await get_region(session, principal, region_id, TenantPerm.REGIONS_READ)
    await repo.regions.update(session, principal, region, body, if_match)
    return region


async def archive_region(
    session: AsyncSession, principal: Principal, region_id: uuid.UUID, reason: str, if_match: str | None
) -> Region:
    region = await get_region(session, principal, region_id, TenantPerm.REGIONS_READ)
    await repo.regions.archive(session, principal, region, reason, if_match)
    return region


# --- municipalities ---


def _may(principal: Principal, perm: str, muni: Municipality) -> bool:
    return muni.archived_at is None and principal.has(perm) and principal.scope(perm).covers_municipality(muni.id)


def municipality_actions(principal: Principal, muni: Municipality) -> list[str]:
    """What this caller may do with this municipality, by the rules the writes use: its settings are changed by
    those holding `municipalities:write` there; it is archived by those who manage regions."""
    out = []
    if _may(principal, TenantPerm.MUNICIPALITIES_WRITE, muni):
        out.append("update")
    if _may(principal, TenantPerm.REGIONS_WRITE, muni):
        out.append("archive")
    return out


def municipality_read(principal: Principal, muni: Municipality) -> MunicipalityRead:
    out = MunicipalityRead.model_validate(muni)
    out.actions = municipality_actions(principal, muni)
    out.readonly_fields = [] if "update" in out.actions else sorted(MUNICIPALITY_FIELDS)
    return out


async def list_municipalities(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    q: str | None,
    region_id: uuid.UUID | None,
    include_archived: bool,
    updated_since: datetime | None,
) -> Page[MunicipalityRead]:
    items, total = await repo.municipalities.list(
        session,
        principal.scope(TenantPerm.MUNICIPALITIES_READ),
        page,
        repo.municipality_filters(q, region_id),
        include_archived=include_archived,
        updated_since=updated_since,
    )
    return Page(
        items=[municipality_read(principal, m) for m in items], total=total, limit=page.limit, offset=page.offset
    )


async def get_municipality(
    session: AsyncSession,
    principal: Principal,
    municipality_id: uuid.UUID,
    perm: str = TenantPerm.MUNICIPALITIES_READ,
) -> Municipality:
    return await repo.municipalities.get(session, principal.scope(perm), municipality_id)


async def read_municipality(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID
) -> MunicipalityRead:
    return municipality_read(principal, await get_municipality(session, principal, municipality_id))


async def create_municipality(
    session: AsyncSession, principal: Principal, body: MunicipalityCreate
) -> MunicipalityRead:
    await get_region(session, principal, body.region_id)
    muni = await repo.municipalities.create(session, principal, Municipality(**body.model_dump()))
    return municipality_read(principal, muni)


async def update_municipality(
    session: AsyncSession,
    principal: Principal,
    municipality_id: uuid.UUID,
    body: MunicipalityUpdate,
    if_match: str | None,
) -> MunicipalityRead:
    muni = await get_municipality(session, principal, municipality_id, TenantPerm.MUNICIPALITIES_WRITE)
    await repo.municipalities.update(session, principal, muni, body, if_match)
    return municipality_read(principal, muni)


async def archive_municipality(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID, reason: str, if_match: str | None
) -> MunicipalityRead:
    muni = await get_municipality(session, principal, municipality_id, TenantPerm.REGIONS_WRITE)
    await repo.municipalities.archive(session, principal, muni, reason, if_match)
    return municipality_read(principal, muni)
