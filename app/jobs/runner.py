"""Running a job: its handler (registered by the module that owns the job kind) gets a `JobContext` with the
starter's principal — loaded again, so a job never runs with rights that were taken away — a work session whose
transaction commits with the job's result, and `progress()`, written in its own short transactions so a poller
sees it while the work is under way. A failure rolls the work back and keeps a Russian error on the job."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, load_actor, system_principal
from app.core.audit_trail import record
from app.core.db import Database
from app.core.errors import AppError
from app.files.models import StoredFile
from app.files.service import store_file
from app.jobs.models import Job

log = logging.getLogger("mms.jobs")

Handler = Callable[["JobContext"], Awaitable[dict[str, Any] | None]]
HANDLERS: dict[str, Handler] = {}
KIND_NAMES: dict[str, str] = {}
PROGRESS_EVERY_SECONDS = 0.5
INTERNAL_ERROR = "Внутренняя ошибка при выполнении задачи. Повторите позже или обратитесь к администратору."


class JobFailed(Exception):
    """A handler's refusal with a Russian message for the person who started the job (and, e.g., a report)."""

    def __init__(self, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.result = result


def job_handler(kind: str, name_ru: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of `kind` (a module's jobs.py, imported by its router)."""

    def register(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        KIND_NAMES[kind] = name_ru
        return fn

    return register


@dataclass
class JobContext:
    job: Job
    principal: Principal
    session: AsyncSession  # the work transaction: committed together with the job's result
    result_file: StoredFile | None = None
    _last_progress: float = field(default=0.0)

    @property
    def params(self) -> dict[str, Any]:
        return self.job.params

    async def progress(
        self, done: int, total: int | None = None, message: str | None = None, force: bool = False
    ) -> None:
        """Report progress (throttled to a write every half second unless forced)."""
        now = time.monotonic()
        if not force and now - self._last_progress < PROGRESS_EVERY_SECONDS:
            return
        self._last_progress = now
        values: dict[str, Any] = {"done": max(done, 0)}
        if total is not None:
            values["total"] = total
        if message is not None:
            values["message"] = message[:500]
        await _update(self.job.id, **values)

    async def save_result_file(self, name: str, content: bytes, content_type: str) -> StoredFile:
        assert self.job.municipality_id is not None, "a result file belongs to a municipality"
        self.result_file = await store_file(
            self.session,
            self.principal,
            municipality_id=self.job.municipality_id,
            organization_id=self.job.organization_id,
            name=name,
            content=content,
            content_type=content_type,
            owner_type="job",
            owner_id=self.job.id,
        )
        return self.result_file


async def _update(job_id: uuid.UUID, **values: Any) -> None:
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        await s.execute(update(Job).where(Job.id == job_id).values(**values))
        await s.commit()


async def load_principal(session: AsyncSession, job: Job) -> Principal | None:
    """The starter as they are now (roles, active), or None if they can no longer act; the system for its own
    scheduled jobs."""
    if job.created_by_type == "system":
        return system_principal()
    if not job.created_by_type or not job.created_by_id:
        return None
    scopes = frozenset(job.params.get("_client_scopes", []))
    return await load_actor(session, job.created_by_type, job.created_by_id, scopes)


async def execute_job(job_id: uuid.UUID) -> None:
    """Run one job to its end (called by the worker's task, or directly by tests)."""
    assert Database.sessionmaker is not None, "database is not configured"
    async with Database.sessionmaker() as s:
        claimed = await s.execute(
            update(Job)
            .where(Job.id == job_id, Job.state == "queued")
            .values(state="running", started_at=datetime.now(UTC), message="Выполняется")
            .returning(Job.id)
        )
        await s.commit()
        if claimed.first() is None:
            log.info("job %s is not queued any more: skipped", job_id)
            return
    try:
        async with Database.sessionmaker() as session:
            job = await session.get_one(Job, job_id)
            handler = HANDLERS.get(job.kind)
            if handler is None:
                raise JobFailed("Неизвестный вид задачи")
            principal = await load_principal(session, job)
            if principal is None:
                raise JobFailed("Учётная запись, запустившая задачу, отключена — задача не выполнена")
            ctx = JobContext(job=job, principal=principal, session=session)
            result = await handler(ctx)
            job.state = "succeeded"
            job.finished_at = datetime.now(UTC)
            job.result = result
            job.result_file_id = ctx.result_file.id if ctx.result_file else None
            job.message = "Готово"
            await session.refresh(job, ["done", "total"])  # progress was written by other transactions
            if job.total is not None:
                job.done = job.total
            await record(
                session,
                principal,
                "job_succeeded",
                "job",
                job.id,
                job.municipality_id,
                {"kind": job.kind, "result_file_id": job.result_file_id},
            )
            await session.commit()
    except Exception as e:  # every failure ends in a readable state
        result = e.result if isinstance(e, JobFailed) else None
        if isinstance(e, JobFailed | AppError):
            error = str(e.detail if isinstance(e, AppError) else e)
        else:
            # Only the class: a message may quote personal data or SQL parameters.
            log.error("job %s failed: %s", job_id, type(e).__name__)
            error = INTERNAL_ERROR
        await _fail(job_id, error, result)


async def _fail(job_id: uuid.UUID, error: str, result: dict[str, Any] | None = None) -> None:
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        job = await s.get_one(Job, job_id)
        job.state, job.error, job.finished_at, job.message = "failed", error, datetime.now(UTC), "Ошибка"
        job.result = result
        await record(s, None, "job_failed", "job", job.id, job.municipality_id, {"kind": job.kind, "error": error})
        await s.commit()
