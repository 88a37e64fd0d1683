"""KPI measures of the practice bank: practices published in the period, counted at the organization they belong
to. Registered at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Date, cast, func, select

from app.core.measures import MeasureContext, MeasureKind, register_measure
from app.practices.models import Practice


def _published(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    published_on = cast(func.timezone("UTC", Practice.published_at), Date)
    return select(
        Practice.organization_id,
        Practice.municipality_id,
        Practice.id.label("record_id"),  # the record, named for the KPI drill-down
        Practice.title.label("title"),
        published_on.label("on"),
    ).where(
        Practice.municipality_id.in_(ctx.municipality_ids),
        Practice.archived_at.is_(None),
        Practice.status == "published",
        published_on.between(ctx.start, ctx.end),
    )


register_measure(
    "practices.published",
    name="Опубликованные практики",
    description="Практики в статусе «опубликована» с датой публикации в периоде, в организации, которой принадлежат.",
    kind=MeasureKind.records,
    module="practices",
    build=_published,
)
