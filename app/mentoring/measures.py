"""KPI measures of the mentoring module: mentees of a pair covering the reference date. Registered at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import or_, select

from app.core.measures import MeasureContext, MeasureKind, register_measure
from app.mentoring.models import MentoringPair


def _mentees(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    r = ctx.reference_date
    return select(MentoringPair.mentee_id.label("teacher_id")).where(
        MentoringPair.municipality_id.in_(ctx.municipality_ids),
        MentoringPair.archived_at.is_(None),
        MentoringPair.status != "cancelled",
        MentoringPair.start_date <= r,
        or_(MentoringPair.end_date.is_(None), MentoringPair.end_date >= r),
    )


register_measure(
    "mentoring.mentees",
    name="Наставляемые",
    description="Педагоги — наставляемые в паре, действующей на дату отсчёта (начало ≤ даты, окончание пусто или ≥).",
    kind=MeasureKind.teachers,
    module="mentoring",
    build=_mentees,
)
