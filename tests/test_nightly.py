"""Nightly jobs: the queue's periodic task starts one job per registered kind, run by the system with progress and
a result; the mentoring one finishes active pairs whose end date has passed, audited as the system's change."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.audit.models import AuditEvent
from app.jobs.models import Job
from app.jobs.queue import NIGHTLY_TASK, queue_app
from app.jobs.runner import execute_job
from app.jobs.schedule import NIGHTLY, NIGHTLY_CRON, start_nightly
from app.mentoring.models import MentoringPair
from tests.factories import make_teacher, make_tenant


def test_the_nightly_task_is_scheduled_every_night() -> None:
    periodic = [p for p in queue_app.periodic_registry.periodic_tasks.values() if p.task.name == NIGHTLY_TASK]
    assert len(periodic) == 1 and periodic[0].cron == NIGHTLY_CRON
    assert "mentoring_finish_ended" in NIGHTLY


async def test_ended_pairs_are_finished_by_the_system(raw_client, engine) -> None:  # type: ignore[no-untyped-def]
    from app.core.db import Database

    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as session:
        t = await make_tenant(session)
        mentee = await make_teacher(session, t.municipality, t.org, last_name="Молодова", birth_date=date(2000, 3, 1))
        mentee2 = await make_teacher(session, t.municipality, t.org, last_name="Юная", birth_date=date(2001, 3, 1))
        ended = MentoringPair(
            municipality_id=t.municipality.id,
            mentor_id=t.teacher.id,
            mentee_id=mentee.id,
            start_date=date(2024, 9, 1),
            end_date=date.today() - timedelta(days=1),
        )
        running = MentoringPair(
            municipality_id=t.municipality.id,
            mentor_id=t.teacher.id,
            mentee_id=mentee2.id,
            start_date=date(2024, 9, 1),
            end_date=date.today(),
        )
        session.add_all([ended, running])
        await session.flush()
        jobs = await start_nightly(session)
        await session.commit()
    job = next(j for j in jobs if j.kind == "mentoring_finish_ended")
    assert job.created_by_type == "system" and job.municipality_id is None
    await execute_job(job.id)
    async with Database.sessionmaker() as session:
        done = await session.get_one(Job, job.id)
        assert done.state == "succeeded", done.error
        assert done.result is not None and done.result["finished"] >= 1
        assert (await session.get_one(MentoringPair, ended.id)).status == "finished"
        assert (await session.get_one(MentoringPair, running.id)).status == "active"  # ends today: still on
        entry = (
            await session.scalars(
                select(AuditEvent).where(AuditEvent.entity_id == ended.id, AuditEvent.action == "update")
            )
        ).one()
        assert entry.actor_type == "system" and entry.changes == {"status": {"before": "active", "after": "finished"}}
        # the system's job is the system administrator's to see, not a school's
        sysadmin = await raw_client.get(f"/api/v1/jobs/{job.id}", headers=t.headers("sysadmin"))
        assert sysadmin.status_code == 200 and sysadmin.json()["state"] == "succeeded"
        school = await raw_client.get(f"/api/v1/jobs/{job.id}", headers=t.headers("school_admin"))
        assert school.status_code == 404
