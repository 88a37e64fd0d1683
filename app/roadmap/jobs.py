"""The roadmap's nightly job: occurrences past their due date (before today's Moscow date) and not done or
cancelled become overdue (audited as a change by the system), and the responsible people get one in-app
notification per occurrence due within 14 days (sent once: `reminded_on`). Running it twice changes nothing."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal
from app.core.audit_trail import record
from app.jobs.runner import JobContext
from app.jobs.schedule import nightly
from app.notifications import service as notifications
from app.roadmap import repository as repo
from app.roadmap.service import today_moscow

SOON_DAYS = 14
BATCH = 500


async def run(session: AsyncSession, principal: Principal | None, today: date) -> dict[str, int]:
    """The job's work, callable directly (tests, `python -m app nightly`)."""
    changed = await repo.mark_overdue(session, today)
    for occurrence_id, municipality_id, _ in changed:
        await record(
            session, principal, "update", "roadmap_occurrence", occurrence_id, municipality_id, {"status": "overdue"}
        )
    notified = reminded = 0
    while rows := await repo.due_soon(session, today, today + timedelta(days=SOON_DAYS), BATCH):
        teacher_users = await repo.users_of_teachers(
            session, sorted({t for _, a, _ in rows for t in (a.responsible_teacher_ids or [])}, key=str)
        )
        for occurrence, activity, programme_title in rows:
            users: set[uuid.UUID] = set(activity.responsible_user_ids or [])
            for t in activity.responsible_teacher_ids or []:
                users |= set(teacher_users.get(t, []))
            notified += await notifications.notify(
                session,
                users,
                municipality_id=occurrence.municipality_id,
                kind="roadmap_due_soon",
                title=f"Срок мероприятия {activity.number} — {occurrence.due_on:%d.%m.%Y}",
                body=f"{programme_title}: {activity.title[:300]}",
                link=f"/roadmap/activities/{activity.id}",
            )
            occurrence.reminded_on = today
            reminded += 1
        await session.flush()
    return {"overdue": len(changed), "reminded": reminded, "notifications": notified}


@nightly("roadmap_due", "Дорожные карты: просроченные мероприятия и напоминания о сроках")
async def roadmap_nightly(ctx: JobContext) -> dict[str, Any]:
    out = await run(ctx.session, ctx.principal, today_moscow())
    await ctx.progress(
        out["overdue"] + out["reminded"], message=f"Просрочено: {out['overdue']}, напомнено: {out['reminded']}"
    )
    return out
