"""KPI measures of the teachers module: the populations every share is taken over — counted teachers and young
counted teachers on the reference date (DOMAIN.md «Counted teachers», «Young»). Registered at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core.measures import MeasureContext, MeasureKind, register_measure
from app.teachers import repository


def _population(ctx: MeasureContext, young: bool | None) -> Any:
    """`teacher_id`, `organization_id` (of the main employment covering R), `municipality_id` of the counted
    teachers of the calculation's municipalities (the KPI engine has already applied the caller's scope): the
    same rows as `repository.counted`, built set-based for whole municipalities (`repository.population`)."""
    return repository.population(ctx.municipality_ids, ctx.reference_date, young=young)


def _counted(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    return _population(ctx, None)


def _young(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    return _population(ctx, True)


register_measure(
    "teachers.counted",
    name="Учитываемые педагоги",
    description=(
        "Педагоги, не архивированные, с основным местом работы, действующим на дату отсчёта (начало ≤ даты, "
        "окончание пусто или ≥ даты); совместительство не учитывается. Педагог учитывается в организации "
        "основного места работы на дату отсчёта."
    ),
    kind=MeasureKind.teachers,
    module="teachers",
    build=_counted,
    population=True,
)
register_measure(
    "teachers.young",
    name="Молодые учитываемые педагоги",
    description=(
        "Учитываемые педагоги, молодые на дату отсчёта по правилу муниципалитета (по умолчанию: моложе 35 полных "
        "лет или стаж меньше 3 полных лет)."
    ),
    kind=MeasureKind.teachers,
    module="teachers",
    build=_young,
    population=True,
)
