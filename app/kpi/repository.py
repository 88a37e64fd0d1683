"""All SQL of KPIs: the passports in force, and the set-based counts — for every unit of the breakdown at once, one
statement per records indicator and one per population for the teacher indicators over it, over the SELECTs the
registered measures contribute (this module knows none of their tables)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, delete, func, literal, or_, select, tuple_, union_all, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Scope, municipality_visible
from app.core.audit_trail import AuditSubject, describe
from app.core.db import utcnow
from app.core.resource import Resource
from app.kpi.models import (
    DIRECTIONS,
    SNAPSHOT_STATUSES,
    UNITS,
    KpiIndicator,
    KpiSelection,
    KpiSelectionSet,
    KpiSnapshot,
    KpiSnapshotValue,
    KpiTarget,
)
from app.organizations import service as organizations
from app.teachers import service as teachers

UNIT_COLUMNS = ("organization_id", "municipality_id")


async def indicators_in_force(
    session: AsyncSession, municipality_ids: Collection[uuid.UUID] | None, on: date | None = None
) -> list[KpiIndicator]:
    """The catalogue's passports and those of these municipalities (all when None), not archived, in force on `on`
    (every version when `on` is None), by code."""
    stmt = select(KpiIndicator).where(KpiIndicator.archived_at.is_(None))
    if municipality_ids is not None:
        stmt = stmt.where(
            or_(KpiIndicator.municipality_id.is_(None), KpiIndicator.municipality_id.in_(list(municipality_ids)))
        )
    if on is not None:
        stmt = stmt.where(
            KpiIndicator.effective_from <= on,
            or_(KpiIndicator.effective_to.is_(None), KpiIndicator.effective_to >= on),
        )
    stmt = stmt.order_by(KpiIndicator.code, KpiIndicator.municipality_id.nulls_first(), KpiIndicator.definition_version)
    return list((await session.scalars(stmt)).all())


def teacher_ids_of(population: Any) -> Any:
    """A SELECT of only `teacher_id` from a population measure's SELECT."""
    sub = population.subquery("of_population")
    return select(sub.c.teacher_id)


def _unit_filter(sub: Any, organization_ids: Collection[uuid.UUID] | None) -> list[Any]:
    return [sub.c.organization_id.in_(list(organization_ids))] if organization_ids is not None else []


async def teacher_counts(
    session: AsyncSession,
    population: Any,
    denominator_condition: Any | None,
    numerator_condition: Any,
    unit_column: str | None,
    organization_ids: Collection[uuid.UUID] | None,
) -> dict[Any, tuple[int, int]]:
    """unit → (numerator, denominator) in ONE statement for every unit: the population (`teacher_id`,
    `organization_id`, `municipality_id`, one row per counted teacher) narrowed by the denominator's condition is
    the denominator; of it, those in the numerator's condition the numerator. `unit_column` None: one total.

    Plain counts: a population has one row per teacher, so `count(DISTINCT teacher_id)` only added a sort of every
    row per unit (the condition subqueries are IN/semi-joins and never multiply rows)."""
    pop = population.subquery("population")
    in_numerator = pop.c.teacher_id.in_(numerator_condition.scalar_subquery())
    unit = pop.c[unit_column] if unit_column else literal(None)
    stmt = (
        select(
            unit.label("unit"),
            func.count().filter(in_numerator).label("numerator"),
            func.count().label("denominator"),
        )
        .select_from(pop)
        .where(*_unit_filter(pop, organization_ids))
    )
    if denominator_condition is not None:
        stmt = stmt.where(pop.c.teacher_id.in_(denominator_condition.scalar_subquery()))
    if unit_column:
        stmt = stmt.group_by(unit)
    return {row.unit: (row.numerator, row.denominator) for row in (await session.execute(stmt)).all()}


async def teacher_counts_many(
    session: AsyncSession,
    population: Any,
    conditions: Sequence[tuple[Any | None, Any]],
    unit_column: str | None,
    organization_ids: Collection[uuid.UUID] | None,
) -> dict[Any, list[tuple[int, int]]]:
    """unit → [(numerator, denominator) per (denominator condition, numerator condition)] of several indicators
    over the SAME population in ONE statement: the population is read and joined once (at region scale ~30 ms, which
    `teacher_counts` repeats per indicator), each condition a hashed sub-plan, each figure a `count(*) FILTER`.
    The same figures as `teacher_counts` per pair (a unit without a denominator row there is (0, 0) here)."""
    pop = population.subquery("population")
    unit = pop.c[unit_column] if unit_column else literal(None)
    columns: list[Any] = []
    for i, (denominator_condition, numerator_condition) in enumerate(conditions):
        in_numerator = pop.c.teacher_id.in_(numerator_condition.scalar_subquery())
        if denominator_condition is None:
            columns += [func.count().filter(in_numerator).label(f"n{i}"), func.count().label(f"d{i}")]
        else:
            in_denominator = pop.c.teacher_id.in_(denominator_condition.scalar_subquery())
            columns += [
                func.count().filter(and_(in_denominator, in_numerator)).label(f"n{i}"),
                func.count().filter(in_denominator).label(f"d{i}"),
            ]
    stmt = select(unit.label("unit"), *columns).select_from(pop).where(*_unit_filter(pop, organization_ids))
    if unit_column:
        stmt = stmt.group_by(unit)
    out: dict[Any, list[tuple[int, int]]] = {}
    for row in (await session.execute(stmt)).all():
        m = row._mapping
        out[row.unit] = [(m[f"n{i}"], m[f"d{i}"]) for i in range(len(conditions))]
    return out


async def record_counts(
    session: AsyncSession, records: Any, unit_column: str | None, organization_ids: Collection[uuid.UUID] | None
) -> dict[Any, int]:
    """unit → number of records (`organization_id`, `municipality_id`, one row per record) in ONE statement."""
    rec = records.subquery("records")
    unit = rec.c[unit_column] if unit_column else literal(None)
    stmt = (
        select(unit.label("unit"), func.count().label("n")).select_from(rec).where(*_unit_filter(rec, organization_ids))
    )
    if unit_column:
        stmt = stmt.group_by(unit)
    return {row.unit: row.n for row in (await session.execute(stmt)).all()}


async def record_share_counts(
    session: AsyncSession,
    numerator: Any,
    denominator: Any,
    unit_column: str | None,
    organization_ids: Collection[uuid.UUID] | None,
) -> dict[Any, tuple[int, int]]:
    """unit → (numerator records, denominator records) of a share of two records measures, in ONE statement: both
    SELECTs' rows tagged and counted per unit."""
    num, den = numerator.subquery("numerator"), denominator.subquery("denominator")
    rows = union_all(
        select(num.c.organization_id, num.c.municipality_id, literal(True).label("in_numerator")),
        select(den.c.organization_id, den.c.municipality_id, literal(False).label("in_numerator")),
    ).subquery("records")
    unit = rows.c[unit_column] if unit_column else literal(None)
    stmt = (
        select(
            unit.label("unit"),
            func.count().filter(rows.c.in_numerator).label("numerator"),
            func.count().filter(~rows.c.in_numerator).label("denominator"),
        )
        .select_from(rows)
        .where(*_unit_filter(rows, organization_ids))
    )
    if unit_column:
        stmt = stmt.group_by(unit)
    return {row.unit: (row.numerator, row.denominator) for row in (await session.execute(stmt)).all()}


async def units_with_records(
    session: AsyncSession, records: Any, unit_column: str, organization_ids: Collection[uuid.UUID] | None
) -> set[uuid.UUID]:
    """The units with at least one record, in ONE statement: organizations (only `organization_ids` when given) by
    `organization_id`; municipalities by `municipality_id` counting only their own records (`organization_id`
    NULL), not their organizations'."""
    rec = records.subquery("records")
    unit = rec.c[unit_column]
    if unit_column == "municipality_id":
        conds = [rec.c.organization_id.is_(None)]
    else:
        conds = [unit.is_not(None), *_unit_filter(rec, organization_ids)]
    stmt = select(unit).where(*conds).distinct()
    return set((await session.scalars(stmt)).all())


async def organization_units(
    session: AsyncSession, municipality_ids: Collection[uuid.UUID], organization_ids: Collection[uuid.UUID] | None
) -> list[Any]:
    """The organizations (not archived) of these municipalities, or only these ones: id, name, short_name."""
    d = organizations.directory(Scope(municipality_ids=frozenset(municipality_ids)), "units")
    stmt = select(d.c.id, d.c.name, d.c.short_name).order_by(d.c.short_name, d.c.name, d.c.id)
    if organization_ids is not None:
        stmt = stmt.where(d.c.id.in_(list(organization_ids)))
    return list((await session.execute(stmt)).all())


async def drilldown(
    session: AsyncSession,
    population: Any,
    denominator_condition: Any | None,
    numerator_condition: Any | None,
    organization_ids: Collection[uuid.UUID] | None,
    reference_date: date,
    limit: int,
    offset: int,
) -> tuple[list[Any], int]:
    """The teachers of the denominator (or, with `numerator_condition`, of the numerator), named, with the
    organization they count at, by name; and how many there are."""
    pop = population.subquery("population")
    names = teachers.teacher_directory(reference_date, "names")
    conds = _unit_filter(pop, organization_ids)
    if denominator_condition is not None:
        conds.append(pop.c.teacher_id.in_(denominator_condition.scalar_subquery()))
    if numerator_condition is not None:
        conds.append(pop.c.teacher_id.in_(numerator_condition.scalar_subquery()))
    base = (
        select(pop.c.teacher_id, names.c.full_name, pop.c.organization_id, names.c.organization_name)
        .select_from(pop)
        .join(names, names.c.teacher_id == pop.c.teacher_id)
        .where(*conds)
    )
    total = int(await session.scalar(select(func.count()).select_from(base.subquery())) or 0)
    rows = (await session.execute(base.order_by(names.c.full_name, pop.c.teacher_id).limit(limit).offset(offset))).all()
    return list(rows), total


RECORD_COLUMNS = ("record_id", "title", "on")


def lists_records(records: Any) -> bool:
    """Whether a records measure's SELECT names its records (`record_id`, `title`, `on`) for the drill-down."""
    names = {c.name for c in records.selected_columns}
    return all(c in names for c in RECORD_COLUMNS)


async def drilldown_records(
    session: AsyncSession,
    records: Any,
    organization_ids: Collection[uuid.UUID] | None,
    own_only: bool,
    limit: int,
    offset: int,
) -> tuple[list[Any], int]:
    """The records of a records measure in the scope (only the municipalities' own ones with `own_only`), newest
    first; and how many there are."""
    rec = records.subquery("records")
    conds = [rec.c.organization_id.is_(None)] if own_only else _unit_filter(rec, organization_ids)
    base = select(rec.c.record_id, rec.c.title, rec.c.on, rec.c.organization_id, rec.c.municipality_id).where(*conds)
    total = int(await session.scalar(select(func.count()).select_from(base.subquery())) or 0)
    stmt = base.order_by(rec.c.on.desc().nulls_last(), rec.c.title, rec.c.record_id).limit(limit).offset(offset)
    return list((await session.execute(stmt)).all()), total


indicators: Resource[KpiIndicator] = Resource(
    model=KpiIndicator,
    entity_type="kpi_indicator",
    not_found="Показатель не найден",
    visible=lambda scope: or_(
        KpiIndicator.municipality_id.is_(None), municipality_visible(scope, KpiIndicator.municipality_id)
    ),
    municipality_of=lambda i: i.municipality_id,
    audit_fields=(
        "code",
        "name",
        "description",
        "unit",
        "numerator_measure",
        "numerator_filters",
        "denominator_measure",
        "denominator_filters",
        "decimals",
        "direction",
        "source",
        "effective_from",
    ),
    if_match_required=True,
)


async def own_code_exists(session: AsyncSession, municipality_id: uuid.UUID, code: str) -> bool:
    stmt = select(KpiIndicator.id).where(
        or_(KpiIndicator.municipality_id.is_(None), KpiIndicator.municipality_id == municipality_id),
        func.upper(KpiIndicator.code) == code.upper(),
    )
    return (await session.scalar(stmt.limit(1))) is not None


# --- a municipality's set --------------------------------------------------------------------------------------


async def selection_head(
    session: AsyncSession, municipality_id: uuid.UUID, *, lock: bool = False
) -> KpiSelectionSet | None:
    stmt = select(KpiSelectionSet).where(KpiSelectionSet.municipality_id == municipality_id)
    if lock:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def selection_codes(session: AsyncSession, municipality_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """municipality → its set's codes in order (municipalities without a set are absent)."""
    stmt = (
        select(KpiSelection.municipality_id, KpiSelection.code)
        .where(KpiSelection.municipality_id.in_(list(municipality_ids)))
        .order_by(KpiSelection.municipality_id, KpiSelection.position)
    )
    out: dict[uuid.UUID, list[str]] = {}
    for row in (await session.execute(stmt)).all():
        out.setdefault(row.municipality_id, []).append(row.code)
    return out


async def replace_selection(
    session: AsyncSession, head: KpiSelectionSet | None, municipality_id: uuid.UUID, codes: list[str]
) -> KpiSelectionSet:
    """The set replaced as a whole; the head made (version 1) or its version moved."""
    if head is None:
        head = KpiSelectionSet(municipality_id=municipality_id)
        session.add(head)
        await session.flush()
    else:
        head.updated_at = utcnow()
    await session.execute(delete(KpiSelection).where(KpiSelection.municipality_id == head.municipality_id))
    session.add_all(
        [KpiSelection(municipality_id=head.municipality_id, code=c, position=i) for i, c in enumerate(codes)]
    )
    await session.flush()
    return head


# --- targets --------------------------------------------------------------------------------------------------------


async def targets_of(
    session: AsyncSession, municipality_ids: Collection[uuid.UUID], academic_years: Collection[int]
) -> dict[tuple[uuid.UUID, int, str], Decimal]:
    """(municipality, academic year, code) → target."""
    if not municipality_ids or not academic_years:
        return {}
    stmt = select(KpiTarget.municipality_id, KpiTarget.academic_year, KpiTarget.code, KpiTarget.target).where(
        KpiTarget.municipality_id.in_(list(municipality_ids)), KpiTarget.academic_year.in_(list(academic_years))
    )
    return {(r.municipality_id, r.academic_year, r.code): r.target for r in (await session.execute(stmt)).all()}


async def replace_targets(
    session: AsyncSession, municipality_id: uuid.UUID, academic_year: int, targets: dict[str, Decimal]
) -> None:
    await session.execute(
        delete(KpiTarget).where(KpiTarget.municipality_id == municipality_id, KpiTarget.academic_year == academic_year)
    )
    session.add_all(
        [
            KpiTarget(municipality_id=municipality_id, academic_year=academic_year, code=code, target=value)
            for code, value in targets.items()
        ]
    )
    await session.flush()


# --- snapshots ------------------------------------------------------------------------------------------------------

snapshots: Resource[KpiSnapshot] = Resource(
    model=KpiSnapshot,
    entity_type="kpi_snapshot",
    not_found="Срез показателей не найден",
    visible=lambda scope: municipality_visible(scope, KpiSnapshot.municipality_id),
    municipality_of=lambda s: s.municipality_id,
    sorts={"period": KpiSnapshot.period_start, "created_at": KpiSnapshot.created_at, "status": KpiSnapshot.status},
    default_order=(KpiSnapshot.period_start.desc(), KpiSnapshot.created_at.desc(), KpiSnapshot.id),
    audit_fields=("period", "status", "indicators", "comment"),
    if_match_required=True,
)


def snapshot_conditions(municipality_id: uuid.UUID | None, period: str | None, status: str | None) -> list[Any]:
    conds: list[Any] = []
    if municipality_id is not None:
        conds.append(KpiSnapshot.municipality_id == municipality_id)
    if period is not None:
        conds.append(KpiSnapshot.period == period)
    if status is not None:
        conds.append(KpiSnapshot.status == status)
    return conds


async def lock_snapshot(session: AsyncSession, snapshot_id: uuid.UUID) -> None:
    """Serialise transitions of one snapshot (SELECT … FOR UPDATE of its row)."""
    await session.execute(select(KpiSnapshot.id).where(KpiSnapshot.id == snapshot_id).with_for_update())


async def open_snapshot_exists(session: AsyncSession, municipality_id: uuid.UUID, period: str) -> bool:
    stmt = select(KpiSnapshot.id).where(
        KpiSnapshot.municipality_id == municipality_id,
        KpiSnapshot.period == period,
        KpiSnapshot.status.in_(("draft", "submitted")),
    )
    return (await session.scalar(stmt.limit(1))) is not None


async def approved_snapshot(
    session: AsyncSession, municipality_id: uuid.UUID, period: str, *, lock: bool = False
) -> KpiSnapshot | None:
    stmt = select(KpiSnapshot).where(
        KpiSnapshot.municipality_id == municipality_id, KpiSnapshot.period == period, KpiSnapshot.status == "approved"
    )
    if lock:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def approved_snapshots(
    session: AsyncSession, municipality_ids: Collection[uuid.UUID], periods: Collection[str]
) -> list[KpiSnapshot]:
    """The approved snapshot of each of these municipalities and periods (at most one each)."""
    if not municipality_ids or not periods:
        return []
    stmt = select(KpiSnapshot).where(
        KpiSnapshot.municipality_id.in_(list(municipality_ids)),
        KpiSnapshot.period.in_(list(periods)),
        KpiSnapshot.status == "approved",
    )
    return list((await session.scalars(stmt)).all())


async def snapshot_values(
    session: AsyncSession,
    keys: Collection[tuple[uuid.UUID, uuid.UUID]],
    organization_ids: Collection[uuid.UUID] | None = None,
) -> list[Any]:
    """The frozen rows of these (municipality, snapshot) pairs (only these organizations' and no totals when
    `organization_ids` is given), in their order: plain rows with the table's columns (read-only; ORM entities cost
    ~5 ms per 500 rows on every `mode=approved` read)."""
    if not keys:
        return []
    stmt = select(*KpiSnapshotValue.__table__.c).where(
        tuple_(KpiSnapshotValue.municipality_id, KpiSnapshotValue.snapshot_id).in_(list(keys))
    )
    if organization_ids is not None:
        stmt = stmt.where(
            KpiSnapshotValue.unit_kind == "organization", KpiSnapshotValue.unit_id.in_(list(organization_ids))
        )
    stmt = stmt.order_by(KpiSnapshotValue.snapshot_id, KpiSnapshotValue.position)
    return list((await session.execute(stmt)).all())


def add_snapshot_values(session: AsyncSession, values: list[KpiSnapshotValue]) -> None:
    session.add_all(values)


async def set_snapshot_targets(
    session: AsyncSession, snapshot: KpiSnapshot, targets: dict[str, Decimal | None]
) -> None:
    """The targets of a snapshot's rows as they are now (at approval)."""
    for code, value in targets.items():
        await session.execute(
            update(KpiSnapshotValue)
            .where(
                KpiSnapshotValue.municipality_id == snapshot.municipality_id,
                KpiSnapshotValue.snapshot_id == snapshot.id,
                KpiSnapshotValue.indicator == code,
            )
            .values(target=value)
        )


describe(
    AuditSubject(
        entity_type="kpi_indicator",
        label="Показатель (KPI)",
        field_labels={
            "code": "Код",
            "name": "Наименование",
            "description": "Определение",
            "unit": "Единица",
            "numerator_measure": "Мера числителя",
            "numerator_filters": "Фильтры числителя",
            "denominator_measure": "Мера знаменателя",
            "denominator_filters": "Фильтры знаменателя",
            "decimals": "Знаков после запятой",
            "direction": "Направление",
            "source": "Источник",
            "effective_from": "Действует с",
        },
        value_labels={"unit": UNITS, "direction": DIRECTIONS},
        list_label="Показатели (KPI)",
    )
)

describe(
    AuditSubject(
        entity_type="kpi_snapshot",
        label="Срез показателей (KPI)",
        field_labels={"period": "Период", "status": "Состояние", "indicators": "Показатели", "comment": "Комментарий"},
        value_labels={"status": SNAPSHOT_STATUSES},
        list_label="Срезы показателей (KPI)",
        action_labels={
            "submit": "Отправка на утверждение",
            "approve": "Утверждение",
            "return": "Возврат на доработку",
            "discard": "Отмена",
            "supersede": "Замена новым утверждённым",
        },
    )
)
describe(
    AuditSubject(
        entity_type="kpi_selection",
        label="Набор показателей (KPI) муниципалитета",
        field_labels={"codes": "Показатели"},
    )
)
describe(
    AuditSubject(
        entity_type="kpi_targets",
        label="Цели показателей (KPI) на учебный год",
        field_labels={"period": "Учебный год", "targets": "Цели"},
    )
)
