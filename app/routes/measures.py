"""KPI measures of individual routes. Registered at start-up.

- `routes.teachers_with_route` (teachers): teachers with a route that is not a draft and not archived, drawn from a
  diagnostic submitted in the period (the submission date in Moscow time; campaigns in the archive count nowhere) —
  the numerator of K-4.1.3 (the engine counts it inside its denominator, `diagnostics.deficit_teachers`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Date, cast, func, select

from app.core.measures import MeasureContext, MeasureKind, register_measure
from app.diagnostics.models import DiagAssignment, DiagCampaign
from app.routes.models import IndividualRoute

TIME_ZONE = "Europe/Moscow"


def _teachers_with_route(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    day = cast(func.timezone(TIME_ZONE, DiagAssignment.submitted_at), Date)
    return (
        select(IndividualRoute.teacher_id.label("teacher_id"))
        .join(DiagAssignment, DiagAssignment.id == IndividualRoute.assignment_id)
        .join(DiagCampaign, DiagCampaign.id == IndividualRoute.campaign_id)
        .where(
            IndividualRoute.municipality_id.in_(ctx.municipality_ids),
            IndividualRoute.status != "draft",
            IndividualRoute.archived_at.is_(None),
            DiagAssignment.status == "submitted",
            day.between(ctx.start, ctx.end),
            DiagCampaign.archived_at.is_(None),
        )
    )


register_measure(
    "routes.teachers_with_route",
    name="Педагоги с ИОМ по итогам диагностики",
    description=(
        "Педагоги с индивидуальным образовательным маршрутом (не черновик, не в архиве), составленным по "
        "диагностике, отправленной в периоде (дата отправки по московскому времени); мониторинги в архиве не "
        "учитываются."
    ),
    kind=MeasureKind.teachers,
    module="routes",
    build=_teachers_with_route,
)
