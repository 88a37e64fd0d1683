"""The diagnostics module's nightly job: campaigns whose window has opened get their assignments (set-based, in
batches of campaigns), and a yearly campaign that has closed gets next year's copy (Zeya: the deficit monitoring
every April, the young-teacher adaptation monitoring every January)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from app.diagnostics import repository as repo
from app.diagnostics import service
from app.jobs.runner import JobContext, job_handler
from app.jobs.schedule import nightly

BATCH = 50


async def open_and_repeat(ctx_session: Any, principal: Any, today: date) -> dict[str, int]:
    """Launch the campaigns open on `today` and repeat the closed yearly ones (the job's work, callable directly)."""
    launched = assigned = repeated = 0
    while campaigns := await repo.campaigns_to_launch(ctx_session, today, BATCH):
        for c in campaigns:
            assigned += await service.launch(ctx_session, principal, c, today)
            launched += 1
    while campaigns := await repo.campaigns_to_repeat(ctx_session, today, BATCH):
        for c in campaigns:
            await service.repeat_campaign(ctx_session, principal, c)
            repeated += 1
    return {"launched": launched, "assigned": assigned, "repeated": repeated}


@nightly("diagnostics_campaigns", "Мониторинги: назначение педагогам при открытии и ежегодный повтор")
async def campaigns_nightly(ctx: JobContext) -> dict[str, Any]:
    out = await open_and_repeat(ctx.session, ctx.principal, date.today())
    await ctx.progress(
        out["launched"] + out["repeated"], message=f"Открыто: {out['launched']}, повторено: {out['repeated']}"
    )
    return out


@job_handler(service.LAUNCH_KIND, "Мониторинг: назначение педагогам")
async def launch_campaign(ctx: JobContext) -> dict[str, Any]:
    await ctx.progress(0, None, "Назначается педагогам", force=True)
    assigned = await service.launch_by_job(ctx.session, ctx.principal, uuid.UUID(ctx.params["campaign_id"]))
    return {"assigned": assigned}
