"""The registry of KPI measures, with no knowledge of any module: each module registers what it can count in its
own `measures.py` (`register_measure(...)`, like permissions' `declare`), and the KPI engine combines them.

A measure counts either **teachers** (a SELECT of `teacher_id`: those satisfying its condition in the period on the
reference date; the engine intersects it with the counted population and counts distinct teachers per unit) or
**records** (a SELECT of one row per record with `organization_id` and `municipality_id`; the engine counts rows per
unit). Filters are typed values (an enum, a set of enum values, a flag), validated here before a measure sees them:
a definition can never carry SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class MeasureKind(StrEnum):
    teachers = "teachers"  # distinct teachers of the population
    records = "records"  # records counted at their organization


class FilterType(StrEnum):
    enum = "enum"  # one value of `values`
    enum_set = "enum_set"  # a non-empty list of values of `values`
    flag = "flag"  # true / false


@dataclass(frozen=True)
class MeasureFilter:
    """One typed filter of a measure: its name, type, allowed values (for enums) and a Russian title."""

    name: str
    type: FilterType
    title: str
    values: tuple[str, ...] = ()
    default: Any = None


@dataclass(frozen=True)
class MeasureContext:
    """What a measure's SQL is built for: the period (both ends included), the reference date R, and the
    municipalities the calculation covers (already limited to the caller's scope by the engine)."""

    start: date
    end: date
    reference_date: date
    municipality_ids: frozenset[Any]
    principal: Any  # the caller, for measures that reuse another module's scoped population


# build(context, validated filters) → a SELECT: `teacher_id` for teacher measures; `organization_id`,
# `municipality_id` (one row per record) for record measures.
MeasureBuilder = Callable[[MeasureContext, Mapping[str, Any]], Any]


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    description: str
    kind: MeasureKind
    module: str
    build: MeasureBuilder = field(repr=False)
    filters: tuple[MeasureFilter, ...] = ()
    # A population measure (counted teachers, young counted teachers) is itself a population, not a condition.
    population: bool = False


class MeasureFilterError(ValueError):
    """A filter value a measure does not accept; `field` names it (`filters.<name>`)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


MEASURES: dict[str, Measure] = {}


def register_measure(
    code: str,
    *,
    name: str,
    description: str,
    kind: MeasureKind,
    module: str,
    build: MeasureBuilder,
    filters: Sequence[MeasureFilter] = (),
    population: bool = False,
) -> Measure:
    """A module registers one measure it can compute (a code is unique across modules)."""
    existing = MEASURES.get(code)
    if existing is not None and existing.module != module:
        raise ValueError(f"measure {code} is already registered by {existing.module}")
    measure = Measure(code, name, description, kind, module, build, tuple(filters), population)
    MEASURES[code] = measure
    return measure


def get_measure(code: str) -> Measure | None:
    return MEASURES.get(code)


def validate_filters(measure: Measure, given: Mapping[str, Any] | None) -> dict[str, Any]:
    """The filters of `measure` checked against their declared types, with defaults filled in (canonical order of
    enum sets: the declared one). Raises MeasureFilterError on an unknown name or a wrong value."""
    given = dict(given or {})
    known = {f.name: f for f in measure.filters}
    for name in given:
        if name not in known:
            raise MeasureFilterError(f"filters.{name}", f"У меры «{measure.name}» нет фильтра «{name}»")
    out: dict[str, Any] = {}
    for f in measure.filters:
        value = given.get(f.name, f.default)
        if value is None:
            continue
        where = f"filters.{f.name}"
        if f.type is FilterType.flag:
            if not isinstance(value, bool):
                raise MeasureFilterError(where, f"«{f.title}»: ожидается да или нет")
        elif f.type is FilterType.enum:
            if not isinstance(value, str) or value not in f.values:
                raise MeasureFilterError(where, f"«{f.title}»: допустимые значения — {', '.join(f.values)}")
        else:
            if not isinstance(value, list) or not value or not all(isinstance(v, str) and v in f.values for v in value):
                raise MeasureFilterError(where, f"«{f.title}»: непустой список из {', '.join(f.values)}")
            value = [v for v in f.values if v in set(value)]
        out[f.name] = value
    return out
