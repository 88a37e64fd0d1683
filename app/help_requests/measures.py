"""KPI measures of the help requests module: teachers who asked for help in the period, and those whose every
request opened in the period is closed «resolved fully» (by the requests' state at calculation time).
Registered at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, func, select

from app.core.measures import MeasureContext, MeasureKind, register_measure
from app.help_requests.models import HelpRequest


def _opened(ctx: MeasureContext) -> list[Any]:
    return [
        HelpRequest.municipality_id.in_(ctx.municipality_ids),
        HelpRequest.archived_at.is_(None),
        HelpRequest.teacher_id.is_not(None),
        HelpRequest.opened_on.between(ctx.start, ctx.end),
    ]


def _requesters(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    return select(HelpRequest.teacher_id).where(*_opened(ctx))


def _helped_full(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    full = and_(HelpRequest.state == "closed", HelpRequest.resolution == "full")
    return (
        select(HelpRequest.teacher_id).where(*_opened(ctx)).group_by(HelpRequest.teacher_id).having(func.bool_and(full))
    )


register_measure(
    "help_requests.requesters",
    name="Обратившиеся за помощью",
    description="Педагоги, открывшие хотя бы одно обращение за помощью в периоде.",
    kind=MeasureKind.teachers,
    module="help_requests",
    build=_requesters,
)
register_measure(
    "help_requests.helped_full",
    name="Получившие помощь в полном объёме",
    description=(
        "Педагоги, у которых каждое обращение, открытое в периоде, закрыто с результатом «решено полностью» "
        "(по состоянию обращений на момент расчёта)."
    ),
    kind=MeasureKind.teachers,
    module="help_requests",
    build=_helped_full,
)
