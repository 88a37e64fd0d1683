"""Every SQL statement of the jobs module (the queue's own SQL lives in procrastinate, see queue.py)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, case, cast, false, func, literal, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.audit_trail import AuditSubject, describe
from app.jobs.models import Job
from app.jobs.permissions import JobPerm
from app.jobs.runner import KIND_NAMES


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


# --- how background jobs read in the audit log ---

JOB = "Фоновая задача"


def _audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Select[Any]:
    """A job is named by its kind («Выгрузка списка педагогов»), for those who may see the job."""
    name: Any = case(dict(KIND_NAMES), value=Job.kind, else_=literal(JOB)) if KIND_NAMES else literal(JOB)
    own = started_by(principal.kind, principal.id) if principal.has(JobPerm.READ) else None
    return select(literal("job"), cast(Job.id, String), name).where(
        Job.id.in_(ids), visible(principal.scope(JobPerm.READ_ANY), own)
    )


describe(
    AuditSubject(
        entity_type="job",
        label=JOB,
        field_labels={
            "kind": "Вид задачи",
            "total": "Записей к обработке",
            "error": "Ошибка",
            "result_file_id": "Файл результата",
        },
        names=_audit_names,
        formatters={"kind": lambda value, reader: KIND_NAMES.get(str(value), reader.text("", value))},
        action_labels={
            "job_started": "Запуск задачи",
            "job_succeeded": "Задача выполнена",
            "job_failed": "Сбой задачи",
        },
    )
)
