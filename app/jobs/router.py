"""Background jobs: the state, progress and result link of one job, and the caller's own jobs."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter

from app.core.access import Principal, require
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import Page, PageDep
from app.jobs import service
from app.jobs.permissions import JobPerm
from app.jobs.schemas import JobRead

router = APIRouter(prefix="/jobs", tags=["jobs"], responses=problem_responses(401, 403, 422))


@router.get("", operation_id="list_jobs", response_model=Page[JobRead])
async def list_jobs(
    session: SessionDep, principal: Annotated[Principal, require(JobPerm.READ)], page: PageDep
) -> Page[JobRead]:
    """The jobs the caller started, newest first."""
    jobs, total = await service.list_jobs(session, principal, page)
    return Page(items=[service.to_read(j) for j in jobs], total=total, limit=page.limit, offset=page.offset)


@router.get("/{job_id}", operation_id="get_job", response_model=JobRead, responses=problem_responses(404))
async def get_job(
    job_id: uuid.UUID, session: SessionDep, principal: Annotated[Principal, require(JobPerm.READ)]
) -> JobRead:
    """State, progress («done of total»), message, error and the result link. Seen by the starter and by the
    municipality's education department; 404 for anyone else."""
    return service.to_read(await service.get_job(session, principal, job_id))
