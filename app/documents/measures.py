"""KPI measures of documents: approved documents (not drafts, not archived) in force in the period's academic year —
the «наличие» criteria of Kislovodsk (KV-1…5) as yes/no indicators. A document of a school counts at that school, a
document of the municipality (`organization_id` NULL) at the municipality itself. Registered at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select

from app.core.measures import FilterType, MeasureContext, MeasureFilter, MeasureKind, register_measure
from app.core.periods import ACADEMIC_YEAR_START_MONTH
from app.documents.models import DOCUMENT_TYPES, Document


def academic_year_of(day: date) -> int:
    """The academic year a day belongs to, as the year it starts in (2022 for 2023-05-01)."""
    return day.year if day.month >= ACADEMIC_YEAR_START_MONTH else day.year - 1


def _present(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    first, last = academic_year_of(ctx.start), academic_year_of(ctx.end)
    conds = [
        Document.municipality_id.in_(ctx.municipality_ids),
        Document.archived_at.is_(None),
        Document.status == "approved",
        Document.academic_year <= last,
        func.coalesce(Document.last_academic_year, Document.academic_year) >= first,
    ]
    if "type" in filters:
        conds.append(Document.type == filters["type"])
    return select(
        Document.organization_id.label("organization_id"),
        Document.municipality_id.label("municipality_id"),
        Document.id.label("record_id"),
        Document.doc_date.label("on"),
        Document.title.label("title"),
    ).where(*conds)


register_measure(
    "documents.present",
    name="Утверждённые документы учебного года",
    description=(
        "Документы (не черновики, не в архиве), действующие в учебном году периода: документ на несколько лет "
        "учитывается в каждом году от первого до последнего. Документ школы учитывается в школе, документ "
        "муниципалитета — в муниципалитете (не в организациях). В показателе «да/нет»: да, если у единицы есть "
        "хотя бы один такой документ."
    ),
    kind=MeasureKind.records,
    module="documents",
    build=_present,
    filters=(MeasureFilter("type", FilterType.enum, "Вид документа", DOCUMENT_TYPES),),
)
