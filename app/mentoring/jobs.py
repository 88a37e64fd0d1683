"""The mentoring module's nightly job: an active pair whose end date has passed is finished (audited as a change by
the system), so lists and the mentee's timeline show it as it is."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.jobs.runner import JobContext
from app.jobs.schedule import nightly
from app.mentoring import repository as repo

BATCH = 500


@nightly("mentoring_finish_ended", "Завершение пар наставничества с истёкшим сроком")
async def finish_ended_pairs(ctx: JobContext) -> dict[str, Any]:
    today = date.today()
    finished = 0
    while pairs := await repo.active_pairs_ended_before(ctx.session, today, BATCH):
        for pair in pairs:
            await repo.pairs.update(ctx.session, ctx.principal, pair, {"status": "finished"}, "*")
            finished += 1
        await ctx.session.flush()
        await ctx.progress(finished, message=f"Завершено пар: {finished}")
    return {"finished": finished}
