"""The queue: procrastinate on the application's PostgreSQL. One task, `mms.run_job`, runs any job of our `jobs`
table by id; the job is enqueued in the same transaction that creates the row (so a rolled-back request leaves no
job behind, and a worker never sees a job whose row is not committed yet)."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid

import procrastinate
from psycopg_pool import AsyncConnectionPool
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

log = logging.getLogger("mms.jobs")

QUEUE = "mms"
TASK_NAME = "mms.run_job"
NIGHTLY_TASK = "mms.nightly"

queue_app = procrastinate.App(connector=procrastinate.PsycopgConnector())


@queue_app.task(name=TASK_NAME, queue=QUEUE)
async def run_job(job_id: str) -> None:
    from app.jobs.runner import execute_job

    await execute_job(uuid.UUID(job_id))


@queue_app.periodic(cron="30 23 * * *", periodic_id="nightly")
@queue_app.task(name=NIGHTLY_TASK, queue=QUEUE, queueing_lock="mms-nightly")
async def run_nightly(timestamp: int) -> None:
    """Every night (02:30 Moscow time): one job per registered nightly kind (`app.jobs.schedule`)."""
    from app.core.db import Database
    from app.jobs.schedule import start_nightly

    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as session:
        jobs = await start_nightly(session)
        await session.commit()
    log.info("nightly jobs queued: %s", len(jobs))


def libpq_url(url: str) -> str:
    """postgresql+asyncpg://… → postgresql://… (psycopg's form; asyncpg's `ssl=` becomes `sslmode=`)."""
    base, _, query = url.partition("?")
    _scheme, _, rest = base.partition("://")
    params = [p.replace("ssl=", "sslmode=", 1) if p.startswith("ssl=") else p for p in query.split("&") if p]
    return f"postgresql://{rest}" + (("?" + "&".join(params)) if params else "")


async def enqueue(session: AsyncSession, job_id: uuid.UUID) -> int:
    """Add the queue entry inside the caller's transaction; procrastinate's trigger wakes the workers."""
    return int(
        await session.scalar(
            text(
                "INSERT INTO procrastinate_jobs (queue_name, task_name, args) "
                "VALUES (:queue, :task, CAST(:args AS jsonb)) RETURNING id"
            ),
            {"queue": QUEUE, "task": TASK_NAME, "args": json.dumps({"job_id": str(job_id)})},
        )
        or 0
    )


async def run_worker(url: str, *, wait: bool = True, concurrency: int = 2, signals: bool = True) -> None:
    """Run a worker on the `mms` queue until stopped (or, with wait=False, until the queue is empty)."""

    pool = AsyncConnectionPool(libpq_url(url), open=False, min_size=1, max_size=concurrency + 2)
    await pool.open(wait=True)  # a pool given to procrastinate is opened (and closed) by its owner
    async with queue_app.open_async(pool=pool):
        log.info("jobs worker started (concurrency %s)", concurrency)
        try:
            await queue_app.run_worker_async(
                queues=[QUEUE], wait=wait, concurrency=concurrency, install_signal_handlers=signals
            )
        finally:
            await pool.close()


def start_inline_worker(url: str, concurrency: int) -> asyncio.Task[None]:
    """The worker inside `serve` (development, `make run`): a task of the server's event loop."""

    async def go() -> None:
        try:
            await run_worker(url, concurrency=concurrency, signals=False)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # the server keeps serving; jobs wait for a worker
            log.error("jobs worker stopped: %s", type(e).__name__)

    return asyncio.create_task(go(), name="mms-jobs-worker")
