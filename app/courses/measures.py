"""KPI measures of the courses module: teachers with professional development in the last 3 years
(273-ФЗ art. 47: a course whose end date is after R − 3 years and not after R). Registered at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from app.core.measures import MeasureContext, MeasureKind, register_measure
from app.courses.models import Course


def _pd_3y(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    r = ctx.reference_date
    try:
        since = r.replace(year=r.year - 3)
    except ValueError:  # 29 February
        since = r.replace(year=r.year - 3, day=28)
    return select(Course.teacher_id).where(
        Course.municipality_id.in_(ctx.municipality_ids),
        Course.archived_at.is_(None),
        Course.end_date > since,
        Course.end_date <= r,
    )


register_measure(
    "courses.pd_3y",
    name="Повышение квалификации за 3 года",
    description="Педагоги с курсом, окончившимся после даты отсчёта минус 3 года и не позже даты отсчёта.",
    kind=MeasureKind.teachers,
    module="courses",
    build=_pd_3y,
)
