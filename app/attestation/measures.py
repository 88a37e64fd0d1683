"""KPI measures of the attestation module: teachers who applied for a category in the period (any outcome).
Registered at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from app.attestation.models import CATEGORIES, Attestation
from app.core.measures import FilterType, MeasureContext, MeasureFilter, MeasureKind, register_measure


def _applicants(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    stmt = select(Attestation.teacher_id).where(
        Attestation.municipality_id.in_(ctx.municipality_ids),
        Attestation.archived_at.is_(None),
        Attestation.applied_on.between(ctx.start, ctx.end),
    )
    if "categories" in filters:
        stmt = stmt.where(Attestation.category_sought.in_(filters["categories"]))
    return stmt


register_measure(
    "attestation.applicants",
    name="Подавшие заявление на аттестацию",
    description="Педагоги с заявлением на аттестацию, поданным в периоде, при любом результате.",
    kind=MeasureKind.teachers,
    module="attestation",
    build=_applicants,
    filters=(MeasureFilter("categories", FilterType.enum_set, "Категории", CATEGORIES),),
)
