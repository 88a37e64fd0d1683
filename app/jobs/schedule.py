"""Nightly jobs: work the system does by itself every night (closing what expired, reminders), each kind a job of
its own with progress and a result, visible in the jobs list of the system administrator.

A module registers a nightly kind with `@nightly("kind", "Название")` on a job handler (it receives the usual
`JobContext`, with the system as principal). The queue's periodic task `mms.nightly` (the worker started by
`make run`, or `python -m app worker` in production) starts one job per registered kind at NIGHTLY_CRON (UTC);
`python -m app nightly` starts them at once.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import system_principal
from app.jobs.models import Job
from app.jobs.runner import Handler, job_handler
from app.jobs.service import start_job

NIGHTLY_CRON = "30 23 * * *"  # 02:30 Moscow time
NIGHTLY: dict[str, str] = {}


def nightly(kind: str, name_ru: str) -> Callable[[Handler], Handler]:
    """Register a job handler that runs every night (and by `python -m app nightly`)."""

    def register(fn: Handler) -> Handler:
        NIGHTLY[kind] = name_ru
        return job_handler(kind, name_ru)(fn)

    return register


async def start_nightly(session: AsyncSession) -> list[Job]:
    """Queue one job per nightly kind, started by the system (in the caller's transaction)."""
    system = system_principal()
    return [
        await start_job(session, system, kind, {}, municipality_id=None, message="В очереди (ночная задача)")
        for kind in sorted(NIGHTLY)
    ]
