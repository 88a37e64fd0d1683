"""Every SQL statement of the jobs module (the queue's own SQL lives in procrastinate, see queue.py)."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, and_, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Scope
from app.jobs.models import Job


def started_by(actor_type: str, actor_id: uuid.UUID) -> ColumnElement[bool]:
    return and_(Job.created_by_type == actor_type, Job.created_by_id == actor_id)


def visible(any_scope: Scope, own: ColumnElement[bool] | None) -> ColumnElement[bool]:
    """The municipality's jobs inside `any_scope` (the department), and the caller's own (`own`)."""
    if any_scope.all:
        return true()
    conds = [own] if own is not None else []
    if any_scope.municipality_ids:
        conds.append(Job.municipality_id.in_(any_scope.municipality_ids))
    return or_(*conds) if conds else false()


async def add(session: AsyncSession, job: Job) -> None:
    session.add(job)
    await session.flush()


async def get(session: AsyncSession, job_id: uuid.UUID, condition: ColumnElement[bool]) -> Job | None:
    return await session.scalar(select(Job).where(Job.id == job_id, condition))


async def page_of(
    session: AsyncSession, condition: ColumnElement[bool], limit: int, offset: int
) -> tuple[list[Job], int]:
    """Jobs matching `condition`, newest first, and how many there are."""
    total = int(await session.scalar(select(func.count()).select_from(Job).where(condition)) or 0)
    rows = await session.scalars(
        select(Job).where(condition).order_by(Job.created_at.desc(), Job.id).limit(limit).offset(offset)
    )
    return list(rows.all()), total
