"""KPI rules: which passports apply, the scope of a calculation through the one gate (a school administrator only
their school, a machine client only its tenant), the set-based calculation (for every unit of the breakdown at
once: one statement per records indicator, one per population for the teacher indicators), shares with `null` for
an empty denominator, and the values table."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core import measures as registry
from app.core.access import Principal, Scope
from app.core.cache import TtlCache
from app.core.errors import Conflict, FieldError, NotFound, Unprocessable
from app.core.measures import Measure, MeasureContext, MeasureFilterError, MeasureKind
from app.core.pagination import PageParams
from app.core.periods import Period, PeriodKind
from app.kpi import exporter
from app.kpi import repository as repo
from app.kpi.models import KpiIndicator, KpiSnapshotValue
from app.kpi.permissions import KpiPerm
from app.kpi.schemas import (
    HEADERS,
    DrilldownQuery,
    IndicatorCreate,
    IndicatorList,
    IndicatorPreview,
    IndicatorRead,
    KpiDrilldown,
    KpiDrilldownItem,
    KpiDrilldownRecord,
    KpiExplain,
    KpiIndicatorMeta,
    KpiSnapshotUsed,
    KpiValueRow,
    KpiValues,
    KpiValuesMeta,
    MeasureFilterRead,
    MeasureList,
    MeasureRead,
    ValuesQuery,
)
from app.organizations import service as organizations
from app.tenants import service as tenants

COUNTED = "teachers.counted"
PREVIEW_CODE = "PREVIEW"
PREVIEW_NAME = "Новый показатель (предпросмотр)"


# --- measures and passports ---------------------------------------------------------------------------------------


def list_measures() -> MeasureList:
    items = [
        MeasureRead(
            code=m.code,
            name=m.name,
            description=m.description,
            kind=m.kind.value,
            module=m.module,
            population=m.population,
            filters=[
                MeasureFilterRead(name=f.name, type=f.type.value, title=f.title, values=list(f.values))
                for f in m.filters
            ],
        )
        for m in sorted(registry.MEASURES.values(), key=lambda m: m.code)
    ]
    return MeasureList(items=items, total=len(items))


def _visible_municipalities(principal: Principal, scope: Scope) -> frozenset[uuid.UUID] | None:
    """The municipalities whose own indicators the caller sees (None: all): those of its scope and, for a school's
    reader, its own municipality's (definitions, not data)."""
    if scope.all:
        return None
    return scope.municipality_ids | principal.tenant_ids


INDICATOR_SORTS = ("code", "name", "unit", "effective_from")


async def list_indicators(session: AsyncSession, principal: Principal, page: PageParams) -> IndicatorList:
    """The passports the caller may use (a few dozen: sorted and paged here). Sort: `code` (default), `name`,
    `unit`, `effective_from`; `-field` descending."""
    scope = principal.scope(KpiPerm.READ)
    munis = _visible_municipalities(principal, scope)
    rows = await repo.indicators_in_force(session, munis)
    key = (page.sort or "code").lstrip("-")
    if key not in INDICATOR_SORTS:
        message = f"Сортировка: {', '.join(INDICATOR_SORTS)}"
        raise Unprocessable(message, errors=[FieldError(field="query.sort", code="sort", message=message)])
    rows.sort(key=lambda r: (getattr(r, key), r.code, r.definition_version), reverse=(page.sort or "").startswith("-"))
    items = [IndicatorRead.model_validate(r) for r in rows[page.offset : page.offset + page.limit]]
    return IndicatorList(items=items, total=len(rows))


def check_definition(measure_code: str, filters: dict[str, Any] | None, where: str) -> dict[str, Any]:
    """A passport's measure and filters, validated against the registry (for the indicator editor)."""
    measure = registry.get_measure(measure_code)
    if measure is None:
        message = f"Нет меры «{measure_code}»"
        raise Unprocessable(
            message,
            code="unknown_measure",
            errors=[FieldError(field=f"{where}_measure", code="unknown_measure", message=message)],
        )
    try:
        return registry.validate_filters(measure, filters)
    except MeasureFilterError as exc:
        raise Unprocessable(
            exc.message,
            code="filter",
            errors=[FieldError(field=f"{where}_{exc.field}", code="filter", message=exc.message)],
        ) from exc


def _bad(field: str, code: str, message: str) -> Unprocessable:
    return Unprocessable(message, code=code, errors=[FieldError(field=f"body.{field}", code=code, message=message)])


async def _definition(
    session: AsyncSession, principal: Principal, body: IndicatorCreate | IndicatorPreview
) -> KpiIndicator:
    """An unsaved passport from an editor's definition, checked as for saving: the municipality within the caller's
    reach, measures known, filters valid for them; a share (`percent`) of two measures of one kind — teachers over
    teachers or records over records; a count with no denominator; yes/no over a records measure with no
    denominator. A municipality outside the caller's reach answers as an unknown one."""
    muni = body.municipality_id or principal.single_municipality_id()
    if muni is None or not principal.scope(KpiPerm.WRITE).covers_municipality(muni):
        raise _bad("municipality_id", "unknown_municipality", "Муниципалитет не найден")
    if not await tenants.municipality_exists(session, muni):
        raise _bad("municipality_id", "unknown_municipality", "Муниципалитет не найден")
    num_filters = check_definition(body.numerator_measure, body.numerator_filters, "body.numerator")
    num = _measure(body.numerator_measure)
    den_filters: dict[str, Any] = {}
    if body.unit == "percent":
        if body.denominator_measure is None:
            raise _bad("denominator_measure", "denominator_required", "У доли нужен знаменатель")
        den_filters = check_definition(body.denominator_measure, body.denominator_filters, "body.denominator")
        den = _measure(body.denominator_measure)
        if num.kind is not den.kind:
            raise _bad(
                "denominator_measure",
                "share_kinds",
                "Доля считается из мер одного вида: педагоги из педагогов или записи из записей",
            )
    elif body.denominator_measure is not None:
        what = "показателя-количества" if body.unit == "count" else "показателя «да/нет»"
        raise _bad("denominator_measure", "no_denominator", f"У {what} нет знаменателя")
    if body.unit == "yes_no" and num.kind is not MeasureKind.records:
        raise _bad(
            "numerator_measure",
            "yes_no_records",
            "Показатель «да/нет» строится из меры записей (например, наличие документа): да — есть хотя бы одна",
        )
    return KpiIndicator(
        municipality_id=muni,
        code=body.code or PREVIEW_CODE,
        name=body.name or PREVIEW_NAME,
        description=body.description or PREVIEW_NAME,
        unit=body.unit,
        periodicity="academic_year",
        numerator_measure=body.numerator_measure,
        numerator_filters=num_filters,
        denominator_measure=body.denominator_measure,
        denominator_filters=den_filters,
        factor=Decimal(100) if body.unit == "percent" else Decimal(1),
        decimals=0 if body.unit == "yes_no" else body.decimals,
        direction=body.direction,
        source=body.source,
        definition_version=1,
        effective_from=body.effective_from,
    )


async def create_indicator(session: AsyncSession, principal: Principal, body: IndicatorCreate) -> IndicatorRead:
    """A municipality's own indicator (the definition checked as `_definition` says); the code unique among the
    catalogue's and the municipality's."""
    ind = await _definition(session, principal, body)
    assert ind.municipality_id is not None
    if await repo.own_code_exists(session, ind.municipality_id, body.code):
        raise Conflict("Показатель с таким кодом уже есть", code="code_taken")
    await repo.indicators.create(session, principal, ind)
    VALUES_CACHE.clear()
    return IndicatorRead.model_validate(ind)


# --- scope of a calculation ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class CalcScope:
    kind: str  # organization | municipality | region
    id: uuid.UUID
    name: str
    municipality_ids: frozenset[uuid.UUID]
    organization_ids: frozenset[uuid.UUID] | None  # None: every organization of the municipalities


def _one_scope_error() -> Unprocessable:
    return Unprocessable(
        errors=[
            FieldError(
                field="query.municipality_id",
                code="scope",
                message="Укажите ровно одно: organization_id, municipality_id или region_id",
            )
        ]
    )


async def _calc_scope(
    session: AsyncSession, principal: Principal, q: ValuesQuery | DrilldownQuery, perm: str = KpiPerm.READ
) -> CalcScope:
    """Where the calculation runs, limited by the caller's scope for `perm` (outside it: 404)."""
    given = [x for x in (q.organization_id, q.municipality_id, q.region_id) if x is not None]
    if len(given) != 1:
        raise _one_scope_error()
    scope = principal.scope(perm)
    if q.organization_id is not None:
        muni = await organizations.municipality_of(session, q.organization_id)
        if muni is None or not scope.covers_organization(q.organization_id, muni):
            raise NotFound()
        names = await organizations.names(session, {q.organization_id})
        return CalcScope(
            "organization",
            q.organization_id,
            names.get(q.organization_id, ""),
            frozenset({muni}),
            frozenset({q.organization_id}),
        )
    if q.municipality_id is not None:
        names = await tenants.municipality_names(session, {q.municipality_id})
        if q.municipality_id not in names:
            raise NotFound()
        if scope.covers_municipality(q.municipality_id):
            orgs: frozenset[uuid.UUID] | None = None
        else:
            mine = await organizations.visible_ids(
                session, principal, set(scope.organization_ids), q.municipality_id, perm
            )
            if not mine:
                raise NotFound()
            orgs = frozenset(mine)
        return CalcScope(
            "municipality", q.municipality_id, names[q.municipality_id], frozenset({q.municipality_id}), orgs
        )
    assert q.region_id is not None
    munis = await tenants.municipality_ids_of_region(session, q.region_id)
    if not scope.all:
        munis = munis & scope.municipality_ids
    if not munis:
        raise NotFound()
    region_names = await tenants.region_names(session, {q.region_id})
    return CalcScope("region", q.region_id, region_names.get(q.region_id, ""), frozenset(munis), None)


async def _units(session: AsyncSession, cs: CalcScope, breakdown: str) -> tuple[str, list[Unit]]:
    """The rows of the breakdown, with names, in name order: every unit appears, also those with no records."""
    if breakdown == "none":
        return cs.kind, [Unit(cs.id, cs.name)]
    if breakdown == "municipality":
        if cs.kind != "region":
            raise Unprocessable(
                errors=[
                    FieldError(
                        field="query.breakdown",
                        code="breakdown",
                        message="Разбивка по муниципалитетам — только для региона",
                    )
                ]
            )
        names = await tenants.municipality_names(session, set(cs.municipality_ids))
        return "municipality", sorted((Unit(i, n) for i, n in names.items()), key=lambda u: u.name)
    if cs.kind == "region":
        raise Unprocessable(
            errors=[
                FieldError(
                    field="query.breakdown",
                    code="breakdown",
                    message="Для региона — разбивка по муниципалитетам (breakdown=municipality)",
                )
            ]
        )
    rows = await repo.organization_units(session, cs.municipality_ids, cs.organization_ids)
    return "organization", [Unit(r.id, r.short_name or r.name) for r in rows]


# --- calculation --------------------------------------------------------------------------------------------------


def reference_date(period: Period, today: date | None = None) -> date:
    """R: the period's last day, or today while the period is running."""
    return period.reference_date(today or date.today())


def _measure(code: str | None) -> Measure:
    m = registry.get_measure(code or "")
    if m is None:
        raise Unprocessable(detail=f"Мера «{code}» не зарегистрирована")
    return m


def _teacher_condition(measure: Measure, ctx: MeasureContext, filters: dict[str, Any]) -> Any:
    """A SELECT of `teacher_id` for a teacher measure (a population measure gives its teachers)."""
    built = measure.build(ctx, registry.validate_filters(measure, filters))
    if measure.population:
        return repo.teacher_ids_of(built)
    return built


@dataclass(frozen=True)
class Figures:
    numerator: int
    denominator: int | None


def _records(measure: Measure, ctx: MeasureContext, filters: dict[str, Any] | None) -> Any:
    """A records measure's SELECT (`organization_id`, `municipality_id`, one row per record)."""
    return measure.build(ctx, registry.validate_filters(measure, filters))


async def _presence(session: AsyncSession, records: Any, unit_column: str | None, cs: CalcScope) -> dict[Any, Figures]:
    """A yes/no indicator: an organization has it when it has at least one record; a municipality when it has a
    record of its own (`organization_id` NULL: a municipality's document, not its schools'); the total of a region
    counts its municipalities that have it over its municipalities (the value is yes only when all have it).
    Units without a record are absent (no)."""
    if unit_column == "organization_id":
        orgs = await repo.units_with_records(session, records, "organization_id", cs.organization_ids)
        return {u: Figures(1, None) for u in orgs}
    if unit_column is None and cs.kind == "organization":
        orgs = await repo.units_with_records(session, records, "organization_id", cs.organization_ids)
        return {None: Figures(1 if orgs else 0, None)}
    own = await repo.units_with_records(session, records, "municipality_id", None)
    if unit_column == "municipality_id":
        return {u: Figures(1, None) for u in own}
    if cs.kind == "municipality":
        return {None: Figures(1 if cs.id in own else 0, None)}
    return {None: Figures(len(own & cs.municipality_ids), len(cs.municipality_ids))}


async def _compute(
    session: AsyncSession, ind: KpiIndicator, ctx: MeasureContext, unit_column: str | None, cs: CalcScope
) -> dict[Any, Figures]:
    """unit → figures of one indicator, in one statement for every unit."""
    num = _measure(ind.numerator_measure)
    if num.kind is MeasureKind.records:
        records = _records(num, ctx, ind.numerator_filters)
        if ind.unit == "yes_no":
            return await _presence(session, records, unit_column, cs)
        if ind.denominator_measure:  # a share of records: numerator and denominator rows per unit, one statement
            den_records = _records(_measure(ind.denominator_measure), ctx, ind.denominator_filters)
            pairs = await repo.record_share_counts(session, records, den_records, unit_column, cs.organization_ids)
            return {u: Figures(n, d) for u, (n, d) in pairs.items()}
        counts = await repo.record_counts(session, records, unit_column, cs.organization_ids)
        return {u: Figures(n, None) for u, n in counts.items()}
    den = _measure(ind.denominator_measure) if ind.denominator_measure else _measure(COUNTED)
    population_measure = den if den.population else _measure(COUNTED)
    population = population_measure.build(ctx, {})
    den_condition = None if den.population else _teacher_condition(den, ctx, ind.denominator_filters or {})
    num_condition = _teacher_condition(num, ctx, ind.numerator_filters or {})
    counts2 = await repo.teacher_counts(
        session, population, den_condition, num_condition, unit_column, cs.organization_ids
    )
    has_den = ind.denominator_measure is not None
    return {u: Figures(n, d if has_den else None) for u, (n, d) in counts2.items()}


async def _compute_many(
    session: AsyncSession, inds: list[KpiIndicator], ctx: MeasureContext, unit_column: str | None, cs: CalcScope
) -> dict[str, dict[Any, Figures]]:
    """code → unit → figures of several indicators (the same as `_compute` of each): the teacher indicators over
    the same population (counted or young teachers) in ONE statement (`repo.teacher_counts_many`: the population
    read once, not once per indicator), the records indicators one statement each."""
    out: dict[str, dict[Any, Figures]] = {}
    groups: dict[str, list[tuple[KpiIndicator, Any, Any]]] = {}
    for ind in inds:
        num = _measure(ind.numerator_measure)
        if num.kind is MeasureKind.records:
            out[ind.code] = await _compute(session, ind, ctx, unit_column, cs)
            continue
        den = _measure(ind.denominator_measure) if ind.denominator_measure else _measure(COUNTED)
        population_measure = den if den.population else _measure(COUNTED)
        den_condition = None if den.population else _teacher_condition(den, ctx, ind.denominator_filters or {})
        num_condition = _teacher_condition(num, ctx, ind.numerator_filters or {})
        groups.setdefault(population_measure.code, []).append((ind, den_condition, num_condition))
    for code, members in groups.items():
        counts = await repo.teacher_counts_many(
            session,
            _measure(code).build(ctx, {}),
            [(den_condition, num_condition) for _, den_condition, num_condition in members],
            unit_column,
            cs.organization_ids,
        )
        for i, (ind, _, _) in enumerate(members):
            has_den = ind.denominator_measure is not None
            out[ind.code] = {u: Figures(f[i][0], f[i][1] if has_den else None) for u, f in counts.items()}
    return out


def share(ind: KpiIndicator, f: Figures) -> float | None:
    """factor × numerator / denominator rounded to the passport's decimals; None when the denominator is 0; a
    count is its numerator. Yes/no: 1.0 or 0.0 for one unit (denominator None); for an aggregate (a region's
    municipalities) 1.0 only when all of them have it, None when there are none."""
    if ind.unit == "yes_no":
        if f.denominator is None:
            return 1.0 if f.numerator > 0 else 0.0
        if f.denominator == 0:
            return None
        return 1.0 if f.numerator >= f.denominator else 0.0
    if f.denominator is None:
        return float(f.numerator)
    if f.denominator == 0:
        return None
    raw = Decimal(ind.factor) * Decimal(f.numerator) / Decimal(f.denominator)
    return float(raw.quantize(Decimal(1).scaleb(-ind.decimals), rounding=ROUND_HALF_UP))


def _pick(indicators: list[KpiIndicator], codes: list[str], munis: frozenset[uuid.UUID]) -> list[KpiIndicator]:
    """Per requested code the passport that applies: the municipality's own (when the scope is one municipality)
    over the catalogue's, the highest version in force."""
    by_code: dict[str, KpiIndicator] = {}
    for ind in indicators:
        if ind.municipality_id is not None and (len(munis) != 1 or ind.municipality_id not in munis):
            continue
        cur = by_code.get(ind.code)
        if (
            cur is None
            or (cur.municipality_id is None and ind.municipality_id is not None)
            or (
                (cur.municipality_id is None) == (ind.municipality_id is None)
                and ind.definition_version > cur.definition_version
            )
        ):
            by_code[ind.code] = ind
    unknown = [c for c in codes if c not in by_code]
    if unknown:
        raise Unprocessable(
            errors=[
                FieldError(
                    field="query.indicators", code="unknown_indicator", message=f"Нет показателя: {', '.join(unknown)}"
                )
            ]
        )
    return [by_code[c] for c in codes]


# --- targets, statuses, the default set -------------------------------------------------------------------------


def academic_year_of(period: Period) -> int | None:
    """The academic year (its starting year) whose targets a period is measured against; None for a calendar year
    or half-year (targets are set per academic year)."""
    return period.year if period.kind is PeriodKind.academic_year else None


def row_status(value: float | None, target: float | None, direction: str) -> str:
    """met / close / missed against the target (higher is better: ≥ target met, ≥ 90 % of it close; lower is
    better mirrored: ≤ target met, ≤ 110 % of it close); no_data without a value, no_target without a target."""
    if value is None:
        return "no_data"
    if target is None:
        return "no_target"
    if direction == "lower":
        return "met" if value <= target else "close" if value <= target * 1.1 else "missed"
    return "met" if value >= target else "close" if value >= target * 0.9 else "missed"


def _known(indicators: list[KpiIndicator], codes: list[str], munis: frozenset[uuid.UUID]) -> list[KpiIndicator]:
    """Like `_pick`, but codes without a passport in force are left out (a set chosen earlier, a demo set naming
    indicators that come later)."""
    known = {
        i.code for i in indicators if i.municipality_id is None or (len(munis) == 1 and i.municipality_id in munis)
    }
    return _pick(indicators, [c for c in codes if c in known], munis)


async def default_codes(session: AsyncSession, municipality_ids: frozenset[uuid.UUID], on: date) -> list[str]:
    """The indicators of a calculation without `indicators`: the municipality's chosen set (one municipality), else
    every catalogue indicator in force, by code (a region passes no municipality: sets differ between them)."""
    if len(municipality_ids) == 1:
        chosen = (await repo.selection_codes(session, municipality_ids)).get(next(iter(municipality_ids)))
        if chosen:
            return chosen
    return list(
        dict.fromkeys(i.code for i in await repo.indicators_in_force(session, None, on) if i.municipality_id is None)
    )


def _frozen_unit_kind(cs: CalcScope, unit_kind: str) -> str | None:
    """Which rows of approved snapshots stand for this table's units: organizations' rows, or the municipalities'
    totals (a municipality's whole total, or each municipality of a region); a region's total is never frozen."""
    if unit_kind == "organization":
        return "organization"
    if unit_kind == "municipality" and cs.organization_ids is None:
        return "municipality"
    return None


async def values(session: AsyncSession, principal: Principal, q: ValuesQuery, today: date | None = None) -> KpiValues:
    """The values table of the requested indicators (default: the municipality's set, else the catalogue) for the
    scope, one level of breakdown, for each period asked (a trend over academic years): per period, one statement
    for every unit per records indicator and per population of teacher indicators (`_compute_many`). In `approved`
    mode the rows an approved snapshot holds (its
    organizations' rows, its municipality's total) come from it (`source=snapshot`), the rest is computed now.
    Each row carries its municipality's target for the academic year and the status against it."""
    cs = await _calc_scope(session, principal, q)
    unit_kind, units = await _units(session, cs, q.breakdown)
    periods = sorted(set(q.periods), key=lambda p: (p.start, p.end))
    explicit = q.indicators is not None
    codes = (
        list(dict.fromkeys(q.indicators or []))
        if explicit
        else await default_codes(
            session, cs.municipality_ids if cs.kind != "region" else frozenset(), reference_date(periods[-1], today)
        )
    )
    unit_column = {"organization": "organization_id", "municipality": "municipality_id"}.get(q.breakdown)
    single = next(iter(cs.municipality_ids)) if len(cs.municipality_ids) == 1 else None
    years = {y for p in periods if (y := academic_year_of(p)) is not None}
    targets = await repo.targets_of(session, cs.municipality_ids, years)
    frozen: dict[tuple[str, str, uuid.UUID], KpiSnapshotValue] = {}
    used: list[KpiSnapshotUsed] = []
    kind = _frozen_unit_kind(cs, unit_kind)
    if q.mode == "approved" and kind is not None:
        snaps = await repo.approved_snapshots(session, cs.municipality_ids, [p.code for p in periods])
        by_id = {sn.id: sn for sn in snaps}
        wanted = {u.id for u in units}
        contributing: set[uuid.UUID] = set()
        for v in await repo.snapshot_values(session, [(sn.municipality_id, sn.id) for sn in snaps]):
            if v.unit_kind == kind and v.unit_id in wanted:
                frozen[(by_id[v.snapshot_id].period, v.indicator, v.unit_id)] = v
                contributing.add(v.snapshot_id)
        used = [
            KpiSnapshotUsed(
                period=sn.period,
                municipality_id=sn.municipality_id,
                snapshot_id=sn.id,
                status="approved",
                approved_at=sn.decided_at,
            )
            for sn in sorted(snaps, key=lambda x: (x.period_start, str(x.municipality_id)))
            if sn.id in contributing
        ]
    rows: list[KpiValueRow] = []
    references: dict[str, date] = {}
    chosen: list[KpiIndicator] = []
    for period in periods:
        r = reference_date(period, today)
        references[period.code] = r
        in_force = await repo.indicators_in_force(session, cs.municipality_ids, r)
        chosen = (_pick if explicit else _known)(in_force, codes, cs.municipality_ids)
        ctx = MeasureContext(period.start, period.end, r, cs.municipality_ids, principal)
        year = academic_year_of(period)
        live = [ind for ind in chosen if any((period.code, ind.code, u.id) not in frozen for u in units)]
        computed = await _compute_many(session, live, ctx, unit_column, cs)
        for ind in chosen:
            figures = computed.get(ind.code, {})
            empty = Figures(0, 0 if ind.denominator_measure else None)
            for unit in units:
                fr = frozen.get((period.code, ind.code, unit.id))
                if fr is not None:
                    numerator, denominator = fr.numerator, fr.denominator
                    value = float(fr.value) if fr.value is not None else None
                    target = float(fr.target) if fr.target is not None else None
                    source = "snapshot"
                else:
                    f = figures.get(unit.id if unit_column else None, empty)
                    numerator, denominator, value = f.numerator, f.denominator, share(ind, f)
                    muni = unit.id if unit_kind == "municipality" else single if unit_kind == "organization" else None
                    t = targets.get((muni, year, ind.code)) if muni is not None and year is not None else None
                    target = float(t) if t is not None else None
                    source = "live"
                rows.append(
                    KpiValueRow(
                        indicator=ind.code,
                        period=period.code,
                        unit_kind=unit_kind,  # type: ignore[arg-type]
                        unit_id=unit.id,
                        unit_name=unit.name,
                        numerator=numerator,
                        denominator=denominator,
                        value=value,
                        target=target,
                        status=row_status(value, target, ind.direction),  # type: ignore[arg-type]
                        source=source,  # type: ignore[arg-type]
                    )
                )
    last = periods[-1].code
    meta = KpiValuesMeta(
        period=last,
        reference_date=references[last],
        periods=[p.code for p in periods],
        reference_dates=references,
        breakdown=q.breakdown,
        mode=q.mode,
        indicators={
            ind.code: KpiIndicatorMeta(
                name=ind.name,
                unit=ind.unit,  # type: ignore[arg-type]
                decimals=ind.decimals,
                definition_version=ind.definition_version,
                direction=ind.direction,  # type: ignore[arg-type]
            )
            for ind in chosen
        },
        snapshots=used,
    )
    return KpiValues(headers=HEADERS, rows=rows, meta=meta)


async def _drilldown_records(
    session: AsyncSession, ind: KpiIndicator, ctx: MeasureContext, cs: CalcScope, q: DrilldownQuery, page: PageParams
) -> KpiDrilldown:
    """The records behind an indicator of records, newest first: those of the numerator or (a share of records) of
    the denominator. For yes/no, the records that make the «yes»: the organization's, or the municipalities' own."""
    if q.part == "denominator" and not ind.denominator_measure:
        message = "У этого показателя нет знаменателя"
        raise Unprocessable(message, errors=[FieldError(field="query.part", code="no_denominator", message=message)])
    code, filters = (
        (ind.numerator_measure, ind.numerator_filters)
        if q.part == "numerator"
        else (ind.denominator_measure, ind.denominator_filters)
    )
    records = _records(_measure(code), ctx, filters)
    if not repo.lists_records(records):
        message = "Мера этого показателя не называет свои записи"
        raise Unprocessable(message, errors=[FieldError(field="query.indicator", code="records", message=message)])
    own_only = ind.unit == "yes_no" and cs.kind != "organization"
    rows, total = await repo.drilldown_records(session, records, cs.organization_ids, own_only, page.limit, page.offset)
    figures = (await _compute(session, ind, ctx, None, cs)).get(
        None, Figures(0, 0 if ind.denominator_measure else None)
    )
    names = await organizations.names(session, {r.organization_id for r in rows if r.organization_id is not None})
    explain = KpiExplain(
        indicator=ind.code,
        definition_version=ind.definition_version,
        period=q.period.code,
        reference_date=ctx.reference_date,
        population_measure=code or ind.numerator_measure,
        numerator_measure=ind.numerator_measure,
        numerator_filters=ind.numerator_filters or {},
        denominator_measure=ind.denominator_measure,
        denominator_filters=ind.denominator_filters or {},
        numerator=figures.numerator,
        denominator=figures.denominator,
        value=share(ind, figures),
    )
    items = [
        KpiDrilldownRecord(
            record_id=r.record_id,
            title=r.title,
            on=r.on,
            organization_id=r.organization_id,
            organization_name=names.get(r.organization_id) if r.organization_id else None,
            municipality_id=r.municipality_id,
        )
        for r in rows
    ]
    return KpiDrilldown(items=[], records=items, total=total, explain=explain)


async def drilldown(
    session: AsyncSession, principal: Principal, q: DrilldownQuery, page: PageParams, today: date | None = None
) -> KpiDrilldown:
    """The teachers counted in an indicator's numerator or denominator for the scope and period, paged by name,
    with the explanation: definition version, reference date, filters and the counts."""
    if page.sort not in (None, "full_name"):
        message = "Сортировка: full_name"
        raise Unprocessable(message, errors=[FieldError(field="query.sort", code="sort", message=message)])
    cs = await _calc_scope(session, principal, q, KpiPerm.DRILLDOWN)
    r = reference_date(q.period, today)
    ind = _pick(await repo.indicators_in_force(session, cs.municipality_ids, r), [q.indicator], cs.municipality_ids)[0]
    num = _measure(ind.numerator_measure)
    ctx = MeasureContext(q.period.start, q.period.end, r, cs.municipality_ids, principal)
    if num.kind is MeasureKind.records:
        return await _drilldown_records(session, ind, ctx, cs, q, page)
    den = _measure(ind.denominator_measure) if ind.denominator_measure else _measure(COUNTED)
    population = (den if den.population else _measure(COUNTED)).build(ctx, {})
    den_condition = None if den.population else _teacher_condition(den, ctx, ind.denominator_filters or {})
    num_condition = _teacher_condition(num, ctx, ind.numerator_filters or {})
    figures = (await _compute(session, ind, ctx, None, cs)).get(None, Figures(0, 0))
    rows, total = await repo.drilldown(
        session,
        population,
        den_condition,
        num_condition if q.part == "numerator" else None,
        cs.organization_ids,
        r,
        page.limit,
        page.offset,
    )
    explain = KpiExplain(
        indicator=ind.code,
        definition_version=ind.definition_version,
        period=q.period.code,
        reference_date=r,
        population_measure=(den if den.population else _measure(COUNTED)).code,
        numerator_measure=ind.numerator_measure,
        numerator_filters=ind.numerator_filters or {},
        denominator_measure=ind.denominator_measure,
        denominator_filters=ind.denominator_filters or {},
        numerator=figures.numerator,
        denominator=figures.denominator if ind.denominator_measure else None,
        value=share(ind, figures if ind.denominator_measure else Figures(figures.numerator, None)),
    )
    items = [
        KpiDrilldownItem(
            teacher_id=row.teacher_id,
            full_name=row.full_name,
            organization_id=row.organization_id,
            organization_name=row.organization_name,
        )
        for row in rows
    ]
    return KpiDrilldown(items=items, total=total, explain=explain)


async def preview(
    session: AsyncSession, principal: Principal, body: IndicatorPreview, today: date | None = None
) -> KpiValues:
    """The values of an unsaved definition (the indicator editor's live preview) for one period in its
    municipality: the municipality's total row first, then a row per organization. The definition is checked as
    for saving (422 naming the field); nothing is stored and nothing audited — it is a read."""
    ind = await _definition(session, principal, body)
    assert ind.municipality_id is not None
    muni = ind.municipality_id
    names = await tenants.municipality_names(session, {muni})
    cs = CalcScope("municipality", muni, names.get(muni, ""), frozenset({muni}), None)
    _, units = await _units(session, cs, "organization")
    r = reference_date(body.period, today)
    ctx = MeasureContext(body.period.start, body.period.end, r, cs.municipality_ids, principal)
    empty = Figures(0, 0 if ind.denominator_measure else None)
    total = (await _compute(session, ind, ctx, None, cs)).get(None, empty)
    per_org = await _compute(session, ind, ctx, "organization_id", cs)

    def row(kind: str, unit: Unit, f: Figures) -> KpiValueRow:
        value = share(ind, f)
        return KpiValueRow(
            indicator=ind.code,
            period=body.period.code,
            unit_kind=kind,  # type: ignore[arg-type]
            unit_id=unit.id,
            unit_name=unit.name,
            numerator=f.numerator,
            denominator=f.denominator,
            value=value,
            target=None,
            status=row_status(value, None, ind.direction),  # type: ignore[arg-type]
        )

    rows = [row("municipality", Unit(cs.id, cs.name), total)]
    rows += [row("organization", u, per_org.get(u.id, empty)) for u in units]
    meta = KpiValuesMeta(
        period=body.period.code,
        reference_date=r,
        periods=[body.period.code],
        reference_dates={body.period.code: r},
        breakdown="organization",
        mode="live",
        indicators={
            ind.code: KpiIndicatorMeta(
                name=ind.name,
                unit=ind.unit,  # type: ignore[arg-type]
                decimals=ind.decimals,
                definition_version=ind.definition_version,
                direction=ind.direction,  # type: ignore[arg-type]
            )
        },
    )
    return KpiValues(headers=HEADERS, rows=rows, meta=meta)


def etag_of(content: bytes) -> str:
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


@dataclass(frozen=True)
class RenderedValues:
    """A values table rendered once: its bytes, ETag and, for a file, the download name."""

    content: bytes
    etag: str
    format: str
    period: str


# Approved values served from snapshots are what integrations poll: a response made only of frozen rows is kept for
# a few seconds per caller and query (cleared in this worker when a snapshot is approved or superseded, or an
# indicator changes; other workers see it within VALUES_CACHE_SECONDS). Responses with any live row are never kept.
VALUES_CACHE_SECONDS = 5.0
VALUES_CACHE: TtlCache[RenderedValues] = TtlCache(VALUES_CACHE_SECONDS, maxsize=4096)


def _values_key(principal: Principal, q: ValuesQuery, fmt: str) -> tuple[Any, ...]:
    return (
        principal.kind,
        principal.id,
        principal.scope(KpiPerm.READ),
        tuple(q.indicators) if q.indicators is not None else None,
        tuple(p.code for p in q.periods),
        q.organization_id,
        q.municipality_id,
        q.region_id,
        q.breakdown,
        q.mode,
        fmt,
    )


async def rendered_values(
    session: AsyncSession, principal: Principal, q: ValuesQuery, fmt: str, today: date | None = None
) -> RenderedValues:
    """The values table as JSON, CSV or XLSX bytes with its ETag (the JSON's digest; a file's adds its format). An
    approved table made only of snapshot rows comes from VALUES_CACHE while it is fresh."""
    key = _values_key(principal, q, fmt)
    if today is None and (hit := VALUES_CACHE.get(key)) is not None:
        return hit
    body = await values(session, principal, q, today)
    as_json = body.model_dump_json().encode()
    etag = etag_of(as_json)
    if fmt == "json":
        out = RenderedValues(as_json, etag, fmt, body.meta.period)
    else:
        content = await exporter.export_values(body, fmt)
        out = RenderedValues(content, etag.rstrip('"') + f'-{fmt}"', fmt, body.meta.period)
    if q.mode == "approved" and body.rows and all(r.source == "snapshot" for r in body.rows):
        VALUES_CACHE.put(key, out)
    return out


UNIT_KIND_RU = {"organization": "Организация", "municipality": "Муниципалитет", "region": "Регион"}
