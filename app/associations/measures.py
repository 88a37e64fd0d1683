"""KPI measures of methodological associations: the plan-schedule's meetings due in the period, those of them held
(Zeya 2.10, Z-GMO-PLAN), and the meetings held in the period. Records count at the association's organization: a
school association (ШМО) at its school, a city association (ГМО) at the municipality itself (`organization_id`
NULL) — so a per-organization breakdown shows only school associations, and the municipality's total counts both.
Registered at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import exists, select

from app.associations.models import LEVELS, Association, AssociationMeeting, AssociationMeetingPlan
from app.core.measures import FilterType, MeasureContext, MeasureFilter, MeasureKind, register_measure

_LEVEL = MeasureFilter("level", FilterType.enum, "Уровень объединения (city — ГМО, school — ШМО)", LEVELS)


def _association_conditions(ctx: MeasureContext, filters: Mapping[str, Any]) -> list[Any]:
    conds = [Association.municipality_id.in_(ctx.municipality_ids), Association.archived_at.is_(None)]
    if "level" in filters:
        conds.append(Association.level == filters["level"])
    return conds


def _due_until(ctx: MeasureContext) -> Any:
    """The last day that counts: the period's end, or the reference date while the period runs."""
    return min(ctx.end, ctx.reference_date)


def _plans(ctx: MeasureContext, filters: Mapping[str, Any], *, held: bool) -> Any:
    PL, MT = AssociationMeetingPlan, AssociationMeeting
    last = _due_until(ctx)
    conds = [
        *_association_conditions(ctx, filters),
        PL.archived_at.is_(None),
        PL.planned_date.between(ctx.start, last),
    ]
    if held:
        conds.append(
            exists().where(
                MT.plan_id == PL.id,
                MT.municipality_id == PL.municipality_id,
                MT.archived_at.is_(None),
                MT.held_on.between(ctx.start, last),
            )
        )
    return (
        select(
            Association.organization_id.label("organization_id"),
            Association.municipality_id.label("municipality_id"),
            PL.id.label("record_id"),
            PL.planned_date.label("on"),
            PL.topic.label("title"),
        )
        .join(Association, (Association.id == PL.association_id) & (Association.municipality_id == PL.municipality_id))
        .where(*conds)
    )


def _planned(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    return _plans(ctx, filters, held=False)


def _held_per_plan(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    return _plans(ctx, filters, held=True)


def _held(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    MT = AssociationMeeting
    return (
        select(
            Association.organization_id.label("organization_id"),
            Association.municipality_id.label("municipality_id"),
            MT.id.label("record_id"),
            MT.held_on.label("on"),
            MT.topic.label("title"),
        )
        .join(Association, (Association.id == MT.association_id) & (Association.municipality_id == MT.municipality_id))
        .where(
            *_association_conditions(ctx, filters),
            MT.archived_at.is_(None),
            MT.held_on.between(ctx.start, _due_until(ctx)),
        )
    )


register_measure(
    "associations.meetings_planned",
    name="Заседания методобъединений по плану-графику",
    description=(
        "Строки плана-графика заседаний (не в архиве) методобъединений (не в архиве) с плановой датой в периоде — "
        "в идущем периоде по дату отсчёта. ШМО учитываются в своей школе, ГМО — в муниципалитете (не в "
        "организациях)."
    ),
    kind=MeasureKind.records,
    module="associations",
    build=_planned,
    filters=(_LEVEL,),
)
register_measure(
    "associations.meetings_held_per_plan",
    name="Проведённые заседания плана-графика",
    description=(
        "Из заседаний плана-графика с плановой датой в периоде (в идущем — по дату отсчёта) те, по которым "
        "проведено заседание (не в архиве) в том же периоде; два заседания по одной строке плана — одно. ШМО "
        "учитываются в своей школе, ГМО — в муниципалитете."
    ),
    kind=MeasureKind.records,
    module="associations",
    build=_held_per_plan,
    filters=(_LEVEL,),
)
register_measure(
    "associations.meetings_held",
    name="Проведённые заседания методобъединений",
    description=(
        "Заседания методобъединений (не в архиве), проведённые в периоде, по плану или вне его. ШМО учитываются в "
        "своей школе, ГМО — в муниципалитете."
    ),
    kind=MeasureKind.records,
    module="associations",
    build=_held,
    filters=(_LEVEL,),
)
