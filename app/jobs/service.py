"""Starting jobs and reading them: a job is seen by its starter and by the municipality's education department
(`jobs:read_any`); anything else answers 404."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal
from app.core.audit_trail import record
from app.core.errors import NotFound
from app.core.pagination import PageParams
from app.core.settings import API_PREFIX
from app.files.service import content_url
from app.jobs import queue, repository
from app.jobs.models import Job
from app.jobs.permissions import JobPerm
from app.jobs.runner import KIND_NAMES
from app.jobs.schemas import JobAccepted, JobRead

STATE_NAMES = {"queued": "В очереди", "running": "Выполняется", "succeeded": "Готово", "failed": "Ошибка"}


def job_url(job_id: uuid.UUID) -> str:
    return f"{API_PREFIX}/jobs/{job_id}"


def to_read(job: Job) -> JobRead:
    return JobRead.model_validate(
        {
            **{name: getattr(job, name) for name in JobRead.model_fields if hasattr(job, name)},
            "kind_name": KIND_NAMES.get(job.kind, job.kind),
            "state_name": STATE_NAMES[job.state],
            "result_url": content_url(job.result_file_id) if job.result_file_id else None,
            "url": job_url(job.id),
        }
    )


def _started_by(principal: Principal) -> ColumnElement[bool]:
    return repository.started_by(principal.kind, principal.id)


def visible(principal: Principal) -> ColumnElement[bool]:
    own = _started_by(principal) if principal.has(JobPerm.READ) else None
    return repository.visible(principal.scope(JobPerm.READ_ANY), own)


async def start_job(
    session: AsyncSession,
    principal: Principal,
    kind: str,
    params: dict[str, Any],
    *,
    municipality_id: uuid.UUID | None,
    organization_id: uuid.UUID | None = None,
    total: int | None = None,
    message: str = "В очереди",
) -> Job:
    """Create the job row and its queue entry in the caller's transaction (audited)."""
    if principal.kind == "client":
        params = {**params, "_client_scopes": sorted(principal.client_scopes)}
    job = Job(
        kind=kind,
        state="queued",
        done=0,
        total=total,
        message=message,
        params=params,
        municipality_id=municipality_id,
        organization_id=organization_id,
        created_by_type=principal.kind,
        created_by_id=principal.id,
        created_by_name=principal.name,
    )
    await repository.add(session, job)
    job.queue_job_id = await queue.enqueue(session, job.id)
    await record(session, principal, "job_started", "job", job.id, municipality_id, {"kind": kind, "total": total})
    return job


def accepted_body(job_id: uuid.UUID, message: str) -> dict[str, Any]:
    """The body of a 202 answer: the job id, its link and a Russian message."""
    return JobAccepted(job_id=job_id, job_url=job_url(job_id), message=message).model_dump(mode="json")


async def get_job(session: AsyncSession, principal: Principal, job_id: uuid.UUID) -> Job:
    job = await repository.get(session, job_id, visible(principal))
    if job is None:
        raise NotFound("Задача не найдена")
    return job


async def list_jobs(session: AsyncSession, principal: Principal, page: PageParams) -> tuple[list[Job], int]:
    """The caller's own jobs, newest first."""
    return await repository.page_of(session, _started_by(principal), page.limit, page.offset)
