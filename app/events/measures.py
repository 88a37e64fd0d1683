"""KPI measures of the events module: distinct participants of events of the period by level range, type, role and
the intention flag; events started in the period. Registered at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from app.core.measures import FilterType, MeasureContext, MeasureFilter, MeasureKind, register_measure
from app.events.models import EVENT_LEVELS, EVENT_TYPES, LEVEL_RANKS, PARTICIPATION_ROLES, Event, Participation

LEVELS = tuple(EVENT_LEVELS)
_EVENT_FILTERS = (
    MeasureFilter("level_min", FilterType.enum, "Уровень мероприятия не ниже", LEVELS),
    MeasureFilter("level_max", FilterType.enum, "Уровень мероприятия не выше", LEVELS),
    MeasureFilter("types", FilterType.enum_set, "Формы мероприятия", tuple(EVENT_TYPES)),
)


def _event_conditions(ctx: MeasureContext, filters: Mapping[str, Any]) -> list[Any]:
    conds = [
        Event.municipality_id.in_(ctx.municipality_ids),
        Event.archived_at.is_(None),
        Event.status != "cancelled",
        Event.start_date.between(ctx.start, ctx.end),
    ]
    if "level_min" in filters:
        conds.append(Event.level_rank >= LEVEL_RANKS[filters["level_min"]])
    if "level_max" in filters:
        conds.append(Event.level_rank <= LEVEL_RANKS[filters["level_max"]])
    if "types" in filters:
        conds.append(Event.type.in_(filters["types"]))
    return conds


def _participants(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    conds = [
        *_event_conditions(ctx, filters),
        Participation.archived_at.is_(None),
        Participation.attendance != "absent",
    ]
    if "roles" in filters:
        conds.append(Participation.role.in_(filters["roles"]))
    if "intends_to_apply" in filters:
        conds.append(Participation.intends_to_apply.is_(filters["intends_to_apply"]))
    return (
        select(Participation.teacher_id)
        .join(Event, (Event.id == Participation.event_id) & (Event.municipality_id == Participation.municipality_id))
        .where(*conds)
    )


def _events(ctx: MeasureContext, filters: Mapping[str, Any]) -> Any:
    return select(
        Event.organizer_organization_id.label("organization_id"),
        Event.municipality_id.label("municipality_id"),
        Event.id.label("record_id"),  # the record, named for the KPI drill-down
        Event.title.label("title"),
        Event.start_date.label("on"),
    ).where(*_event_conditions(ctx, filters))


register_measure(
    "events.participants",
    name="Участники мероприятий",
    description=(
        "Педагоги, участвовавшие (в любой или указанной роли) в мероприятиях, начавшихся в периоде; отменённые "
        "мероприятия, архивные записи и отметка «отсутствовал» не учитываются. Уровни по порядку: школьный < "
        "муниципальный < межмуниципальный < региональный < межрегиональный < федеральный < международный."
    ),
    kind=MeasureKind.teachers,
    module="events",
    build=_participants,
    filters=(
        *_EVENT_FILTERS,
        MeasureFilter("roles", FilterType.enum_set, "Роли участия", tuple(PARTICIPATION_ROLES)),
        MeasureFilter("intends_to_apply", FilterType.flag, "Намерен применять представленные практики"),
    ),
)
register_measure(
    "events.held",
    name="Мероприятия периода",
    description="Мероприятия (не отменённые), начавшиеся в периоде; учитываются в организации-организаторе.",
    kind=MeasureKind.records,
    module="events",
    build=_events,
    filters=_EVENT_FILTERS,
)
