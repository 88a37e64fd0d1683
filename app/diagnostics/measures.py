"""KPI measures of diagnostics. Registered at start-up.

- `diagnostics.deficit_teachers` (teachers): teachers with at least one area in the «дефицит» band in a diagnostic
  submitted in the period (the denominator of K-4.1.3) — the submission date in Moscow time; campaigns in the archive
  count nowhere; filter `kind` (deficit / adaptation).
- `diagnostics.campaign_with_submission` (records): campaigns of the municipality (a municipal record, no
  organization) that opened in the period and received at least one submission (Zeya's Z-MONITOR: «мониторинг
  проведён»); filter `kind`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Date, Uuid, cast, exists, func, null, select

from app.core.measures import FilterType, MeasureContext, MeasureFilter, MeasureKind, register_measure
from app.diagnostics.models import DiagAssignment, DiagCampaign, DiagInstrument, DiagProfileArea

KINDS = ("deficit", "adaptation", "topic_survey")
TIME_ZONE = "Europe/Moscow"


def _deficit_teachers(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    day = cast(func.timezone(TIME_ZONE, DiagProfileArea.submitted_at), Date)
    stmt = (
        select(DiagProfileArea.teacher_id.label("teacher_id"))
        .join(DiagCampaign, DiagCampaign.id == DiagProfileArea.campaign_id)
        .where(
            DiagProfileArea.municipality_id.in_(ctx.municipality_ids),
            DiagProfileArea.band == "deficit",
            day.between(ctx.start, ctx.end),
            DiagCampaign.archived_at.is_(None),
        )
    )
    if "kind" in filters:
        stmt = stmt.join(DiagInstrument, DiagInstrument.id == DiagCampaign.instrument_id).where(
            DiagInstrument.kind == filters["kind"]
        )
    return stmt


def _campaigns(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    submitted = exists().where(DiagAssignment.campaign_id == DiagCampaign.id, DiagAssignment.status == "submitted")
    stmt = (
        select(
            cast(null(), Uuid).label("organization_id"),
            DiagCampaign.municipality_id.label("municipality_id"),
            DiagCampaign.id.label("record_id"),
            DiagCampaign.opens_on.label("on"),
            DiagCampaign.title.label("title"),
        )
        .join(DiagInstrument, DiagInstrument.id == DiagCampaign.instrument_id)
        .where(
            DiagCampaign.municipality_id.in_(ctx.municipality_ids),
            DiagCampaign.archived_at.is_(None),
            DiagCampaign.opens_on.between(ctx.start, ctx.end),
            submitted,
        )
    )
    if "kind" in filters:
        stmt = stmt.where(DiagInstrument.kind == filters["kind"])
    return stmt


KIND_FILTER = MeasureFilter("kind", FilterType.enum, "Вид диагностики", KINDS)

register_measure(
    "diagnostics.deficit_teachers",
    name="Педагоги с дефицитом по итогам диагностики",
    description=(
        "Педагоги, у которых хотя бы одна область компетенций на уровне «дефицит» в диагностике, отправленной в "
        "периоде (дата отправки по московскому времени); мониторинги в архиве не учитываются."
    ),
    kind=MeasureKind.teachers,
    module="diagnostics",
    build=_deficit_teachers,
    filters=(KIND_FILTER,),
)
register_measure(
    "diagnostics.campaign_with_submission",
    name="Проведённые мониторинги",
    description=(
        "Мониторинги муниципалитета (запись муниципалитета, не организации), открытые в периоде и получившие хотя "
        "бы одну отправленную анкету."
    ),
    kind=MeasureKind.records,
    module="diagnostics",
    build=_campaigns,
    filters=(KIND_FILTER,),
)
