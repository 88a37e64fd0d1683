"""Every SQL statement of the diagnostics results, set-based: the profile rows of a campaign inside a scope with
their group key (organization, municipality, the teacher's position from the job on the campaign's date, each of
the teacher's subjects), the counts of teachers per group, area and band (GROUP BY), the drill-down page, and the
comparison of two campaigns (the rows of both joined per teacher and area; the change by band order)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, cast, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.core.access import Scope
from app.core.pagination import PageParams
from app.diagnostics.models import DiagAssignment, DiagCampaign, DiagProfileArea
from app.teachers import service as teachers
from app.teachers.models import TeacherSubject

PA = DiagProfileArea
A = DiagAssignment
C = DiagCampaign


def rows_visible(scope: Scope, pa: Any = PA) -> ColumnElement[bool]:
    """Profile rows of the municipality, a school's (the workplace when assigned), a teacher's own."""
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = []
    if scope.municipality_ids:
        conds.append(pa.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(pa.organization_id.in_(scope.organization_ids))
    if scope.teacher_ids:
        conds.append(pa.teacher_id.in_(scope.teacher_ids))
    return or_(*conds) if conds else false()


def _keyed(stmt: Any, pa: Any, group_by: str, on: date) -> tuple[Any, Any]:
    """The statement joined to what the group key needs, and the key ('' when not known)."""
    if group_by == "organization":
        return stmt, func.coalesce(cast(pa.organization_id, String), "")
    if group_by == "municipality":
        return stmt, cast(pa.municipality_id, String)
    if group_by == "position":
        d = teachers.teacher_directory(on, "diag_results_directory")
        return stmt.outerjoin(d, d.c.teacher_id == pa.teacher_id), func.coalesce(d.c.position_code, "")
    ts = aliased(TeacherSubject, name="diag_results_subjects")
    return stmt.outerjoin(ts, ts.teacher_id == pa.teacher_id), func.coalesce(ts.subject_code, "")


def _base(campaign_id: uuid.UUID, scope: Scope, group_by: str, on: date) -> Any:
    """One row per profile row (per subject when grouped by subject) with `group_key`."""
    stmt = select(
        PA.teacher_id, PA.area_code, PA.band, PA.percent, PA.organization_id, PA.assignment_id, PA.submitted_at
    )
    stmt, key = _keyed(stmt, PA, group_by, on)
    return stmt.add_columns(key.label("group_key")).where(PA.campaign_id == campaign_id, rows_visible(scope))


def _band_counts(col: Any, teacher: Any) -> list[Any]:
    return [
        func.count(func.distinct(teacher)).label("total"),
        *(func.count(func.distinct(teacher)).filter(col == b).label(b) for b in ("deficit", "partial", "none")),
    ]


async def band_counts(
    session: AsyncSession, campaign_id: uuid.UUID, scope: Scope, group_by: str, on: date
) -> tuple[list[Any], list[Any], list[Any], int]:
    """Per (group, area) and per group the distinct teachers in each band; per area and in all the totals."""
    sub = _base(campaign_id, scope, group_by, on).subquery("diag_results_rows")
    per_group = (
        await session.execute(
            select(sub.c.group_key, sub.c.area_code, *_band_counts(sub.c.band, sub.c.teacher_id)).group_by(
                sub.c.group_key, sub.c.area_code
            )
        )
    ).all()
    sizes = (
        await session.execute(
            select(sub.c.group_key, func.count(func.distinct(sub.c.teacher_id)).label("size")).group_by(sub.c.group_key)
        )
    ).all()
    totals = (
        await session.execute(
            select(sub.c.area_code, *_band_counts(sub.c.band, sub.c.teacher_id)).group_by(sub.c.area_code)
        )
    ).all()
    size = await session.scalar(select(func.count(func.distinct(sub.c.teacher_id))))
    return list(per_group), list(sizes), list(totals), int(size or 0)


async def drill_down(
    session: AsyncSession,
    campaign_id: uuid.UUID,
    scope: Scope,
    group_by: str,
    on: date,
    group: str,
    area_code: str,
    band: str,
    params: PageParams,
) -> tuple[list[Any], int]:
    sub = _base(campaign_id, scope, group_by, on).subquery("diag_results_rows")
    conds = [sub.c.group_key == group, sub.c.area_code == area_code, sub.c.band == band]
    name = teachers.full_name_of(sub.c.teacher_id)
    stmt = (
        select(
            sub.c.teacher_id,
            sub.c.organization_id,
            sub.c.assignment_id,
            sub.c.area_code,
            sub.c.percent,
            sub.c.band,
            name.label("teacher_name"),
            sub.c.submitted_at,
        )
        .where(*conds)
        .distinct()
        .order_by(name, sub.c.teacher_id)
    )
    total = await session.scalar(select(func.count(func.distinct(sub.c.teacher_id))).where(*conds))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).all()
    return list(rows), int(total or 0)


# --- the comparison of two campaigns ---


def band_rank(col: Any) -> Any:
    return case((col == "deficit", 0), (col == "partial", 1), else_=2)


def _pairs(from_id: uuid.UUID, to_id: uuid.UUID, scope: Scope, group_by: str | None, on: date) -> Any:
    """Per teacher and area present in both campaigns: both bands, the change, the group key of the later one."""
    f = aliased(PA, name="diag_from")
    t = aliased(PA, name="diag_to")
    change = case(
        (band_rank(t.band) > band_rank(f.band), "improved"),
        (band_rank(t.band) < band_rank(f.band), "worse"),
        else_="same",
    )
    stmt = select(
        t.teacher_id,
        t.assignment_id,
        t.area_code,
        t.organization_id,
        f.band.label("from_band"),
        t.band.label("to_band"),
        change.label("change"),
        f.submitted_at.label("from_at"),
        t.submitted_at.label("to_at"),
    ).join(f, and_(f.teacher_id == t.teacher_id, f.area_code == t.area_code, f.campaign_id == from_id))
    if group_by is not None:
        stmt, key = _keyed(stmt, t, group_by, on)
    else:
        key = cast("", String)
    return stmt.add_columns(key.label("group_key")).where(t.campaign_id == to_id, rows_visible(scope, t))


def _change_counts(sub: Any) -> list[Any]:
    return [
        func.count(func.distinct(sub.c.teacher_id)).filter(sub.c.change == x).label(x)
        for x in ("improved", "same", "worse")
    ]


async def change_counts(
    session: AsyncSession, from_id: uuid.UUID, to_id: uuid.UUID, scope: Scope, group_by: str | None, on: date
) -> tuple[list[Any], list[Any], list[Any], int]:
    sub = _pairs(from_id, to_id, scope, group_by, on).subquery("diag_pairs")
    per_group: list[Any] = []
    sizes: list[Any] = []
    if group_by is not None:
        per_group = list(
            (
                await session.execute(
                    select(sub.c.group_key, sub.c.area_code, *_change_counts(sub)).group_by(
                        sub.c.group_key, sub.c.area_code
                    )
                )
            ).all()
        )
        sizes = list(
            (
                await session.execute(
                    select(sub.c.group_key, func.count(func.distinct(sub.c.teacher_id)).label("size")).group_by(
                        sub.c.group_key
                    )
                )
            ).all()
        )
    totals = (await session.execute(select(sub.c.area_code, *_change_counts(sub)).group_by(sub.c.area_code))).all()
    size = await session.scalar(select(func.count(func.distinct(sub.c.teacher_id))))
    return per_group, sizes, list(totals), int(size or 0)


async def teacher_changes(
    session: AsyncSession, from_id: uuid.UUID, to_id: uuid.UUID, scope: Scope, on: date, params: PageParams
) -> tuple[list[Any], int]:
    """A page of teachers (by name) present in both campaigns, with every area's row."""
    sub = _pairs(from_id, to_id, scope, None, on).subquery("diag_pairs")
    name = teachers.full_name_of(sub.c.teacher_id)
    ids = select(sub.c.teacher_id, name.label("teacher_name")).distinct().subquery("diag_pair_teachers")
    total = await session.scalar(select(func.count()).select_from(ids))
    page = (
        select(ids.c.teacher_id, ids.c.teacher_name)
        .order_by(ids.c.teacher_name, ids.c.teacher_id)
        .limit(params.limit)
        .offset(params.offset)
        .subquery("diag_pair_page")
    )
    stmt = (
        select(sub, page.c.teacher_name)
        .join(page, page.c.teacher_id == sub.c.teacher_id)
        .order_by(page.c.teacher_name, sub.c.teacher_id, sub.c.area_code)
    )
    return list((await session.execute(stmt)).all()), int(total or 0)


# --- the campaign report ---


async def participation(session: AsyncSession, campaign_id: uuid.UUID, scope: Scope) -> list[Any]:
    """Per organization: assigned and submitted (the assignments inside the scope)."""
    conds: list[ColumnElement[bool]] = [A.campaign_id == campaign_id]
    if not scope.all:
        c: list[ColumnElement[bool]] = []
        if scope.municipality_ids:
            c.append(A.municipality_id.in_(scope.municipality_ids))
        if scope.organization_ids:
            c.append(A.organization_id.in_(scope.organization_ids))
        conds.append(or_(*c) if c else false())
    stmt = (
        select(
            A.organization_id,
            func.count().label("assigned"),
            func.count().filter(A.status == "submitted").label("submitted"),
        )
        .where(*conds)
        .group_by(A.organization_id)
    )
    return list((await session.execute(stmt)).all())


async def teacher_rows(session: AsyncSession, campaign_id: uuid.UUID, scope: Scope) -> list[Any]:
    """Every profile row of the campaign inside the scope with the teacher's name (for the XLSX sheet)."""
    name = teachers.full_name_of(PA.teacher_id)
    stmt = (
        select(
            PA.teacher_id,
            name.label("teacher_name"),
            PA.organization_id,
            PA.area_code,
            PA.percent,
            PA.band,
            PA.submitted_at,
        )
        .where(PA.campaign_id == campaign_id, rows_visible(scope))
        .order_by(name, PA.teacher_id, PA.area_code)
    )
    return list((await session.execute(stmt)).all())


async def campaign(session: AsyncSession, campaign_id: uuid.UUID) -> DiagCampaign | None:
    return await session.get(C, campaign_id)
