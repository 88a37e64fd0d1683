"""KPI rules of a municipality's own choices and of approval (a service, beside service.py; SQL in repository.py):
the set of indicators it reports on, its targets per academic year, and snapshots — a period's values computed by a
methodologist, submitted, approved (or returned with a comment) by the department, frozen from then on. Four eyes:
the one who submitted a snapshot neither approves nor returns it. Approving supersedes the previous approved one of
the municipality and period (kept, with its history)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import ROLE_GRANTS, Principal, Scope
from app.core.audit_trail import diff, record
from app.core.db import utcnow
from app.core.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from app.core.pagination import PageParams
from app.core.periods import Period
from app.core.resource import check_version
from app.kpi import repository as repo
from app.kpi import service
from app.kpi.models import SNAPSHOT_STATUSES, KpiSnapshot, KpiSnapshotValue
from app.kpi.permissions import KpiPerm
from app.kpi.schemas import (
    KpiSelectionRead,
    KpiSelectionUpdate,
    KpiSnapshotCreate,
    KpiSnapshotDetail,
    KpiSnapshotEvent,
    KpiSnapshotList,
    KpiSnapshotRead,
    KpiTargetItem,
    KpiTargetsRead,
    KpiTargetsUpdate,
    KpiValueRow,
    SnapshotFilters,
    ValuesQuery,
)
from app.notifications import service as notifications
from app.tenants import service as tenants
from app.users import service as users

P = KpiPerm


def _bad(field: str, code: str, message: str) -> Unprocessable:
    return Unprocessable(message, code=code, errors=[FieldError(field=field, code=code, message=message)])


def _unknown_municipality() -> Unprocessable:
    return _bad("body.municipality_id", "unknown_municipality", "Муниципалитет не найден")


def _reader_scope(principal: Principal) -> Scope:
    """Whose municipal KPI records (set, targets, snapshots) a reader sees: its municipalities, and a school-level
    reader its own school's municipality (definitions and approval state, not other schools' data)."""
    scope = principal.scope(P.READ)
    extra = principal.tenant_ids if scope.organization_ids else frozenset()
    return Scope(
        all=scope.all, municipality_ids=scope.municipality_ids | extra, organization_ids=scope.organization_ids
    )


async def _readable_municipality(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID | None
) -> uuid.UUID:
    muni = municipality_id or principal.single_municipality_id()
    if muni is None:
        raise _bad("query.municipality_id", "required", "Укажите муниципалитет")
    if not _reader_scope(principal).covers_municipality(muni) or not await tenants.municipality_exists(session, muni):
        raise NotFound("Муниципалитет не найден")
    return muni


async def _writable_municipality(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID, perm: str
) -> uuid.UUID:
    """A municipality the caller keeps with `perm`; outside its reach — as an unknown one (422)."""
    if not principal.scope(perm).covers_municipality(municipality_id):
        raise _unknown_municipality()
    if not await tenants.municipality_exists(session, municipality_id):
        raise _unknown_municipality()
    return municipality_id


# --- the set ------------------------------------------------------------------------------------------------------


async def get_selection(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID | None
) -> KpiSelectionRead:
    muni = await _readable_municipality(session, principal, municipality_id)
    head = await repo.selection_head(session, muni)
    codes = (await repo.selection_codes(session, {muni})).get(muni, [])
    return KpiSelectionRead(municipality_id=muni, codes=codes, version=head.version if head else 0)


async def update_selection(
    session: AsyncSession, principal: Principal, body: KpiSelectionUpdate, if_match: str | None
) -> KpiSelectionRead:
    """The set replaced as a whole (If-Match of its version: 428 without, 412 stale); every code an indicator of
    the catalogue or of the municipality in force today (422 naming the code); no code twice."""
    muni = await _writable_municipality(session, principal, body.municipality_id, P.WRITE)
    head = await repo.selection_head(session, muni, lock=True)
    check_version(if_match, head.version if head else 0, required=True)
    in_force = await repo.indicators_in_force(session, {muni}, date.today())
    known = {i.code for i in in_force}
    seen: set[str] = set()
    for i, code in enumerate(body.codes):
        if code not in known:
            raise _bad(f"body.codes.{i}", "unknown_indicator", f"Нет показателя «{code}»")
        if code in seen:
            raise _bad(f"body.codes.{i}", "duplicate", f"Показатель «{code}» указан дважды")
        seen.add(code)
    before = (await repo.selection_codes(session, {muni})).get(muni, [])
    head = await repo.replace_selection(session, head, muni, list(body.codes))
    await record(
        session, principal, "update", "kpi_selection", head.id, muni, diff({"codes": before}, {"codes": body.codes})
    )
    return KpiSelectionRead(municipality_id=muni, codes=list(body.codes), version=head.version)


# --- targets ------------------------------------------------------------------------------------------------------


def _academic_year(period: Period, field: str) -> int:
    year = service.academic_year_of(period)
    if year is None:
        raise _bad(field, "academic_year", "Цели задаются на учебный год: «2025/2026»")
    return year


async def get_targets(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID | None, period: Period
) -> KpiTargetsRead:
    muni = await _readable_municipality(session, principal, municipality_id)
    year = _academic_year(period, "query.period")
    targets = await repo.targets_of(session, {muni}, {year})
    items = [KpiTargetItem(code=code, target=float(v)) for (_, _, code), v in sorted(targets.items())]
    return KpiTargetsRead(municipality_id=muni, period=period.code, items=items)


def _check_target(unit: str, value: float, field: str) -> None:
    if unit == "percent" and not 0 <= value <= 100:
        raise _bad(field, "target_range", "Цель-доля — от 0 до 100")
    if unit == "yes_no" and value not in (0, 1):
        raise _bad(field, "target_range", "Цель «да/нет» — 0 или 1")
    if unit == "count" and value < 0:
        raise _bad(field, "target_range", "Цель-количество не может быть отрицательной")


async def update_targets(session: AsyncSession, principal: Principal, body: KpiTargetsUpdate) -> KpiTargetsRead:
    """The academic year's targets replaced as a whole: codes with a number are set, the rest have none. Each is
    checked against its indicator's unit (percent 0…100, yes/no 0 or 1, count ≥ 0)."""
    muni = await _writable_municipality(session, principal, body.municipality_id, P.WRITE)
    year = _academic_year(body.period, "body.period")
    in_force = await repo.indicators_in_force(session, {muni}, service.reference_date(body.period))
    units = {i.code: i.unit for i in in_force}
    wanted: dict[str, Decimal] = {}
    for i, item in enumerate(body.items):
        field = f"body.items.{i}.code"
        if item.code not in units:
            raise _bad(field, "unknown_indicator", f"Нет показателя «{item.code}»")
        if item.code in wanted or any(x.code == item.code for x in body.items[:i]):
            raise _bad(field, "duplicate", f"Показатель «{item.code}» указан дважды")
        if item.target is not None:
            _check_target(units[item.code], item.target, f"body.items.{i}.target")
            wanted[item.code] = Decimal(str(item.target))
    before = await repo.targets_of(session, {muni}, {year})
    await repo.replace_targets(session, muni, year, wanted)
    changes = diff(
        {"targets": {code: float(v) for (_, _, code), v in sorted(before.items())}},
        {"targets": {code: float(v) for code, v in sorted(wanted.items())}},
    )
    if changes:
        await record(session, principal, "update", "kpi_targets", None, muni, {"period": body.period.code, **changes})
    items = [KpiTargetItem(code=code, target=float(v)) for code, v in sorted(wanted.items())]
    return KpiTargetsRead(municipality_id=muni, period=body.period.code, items=items)


# --- snapshots ----------------------------------------------------------------------------------------------------


def _user_id(principal: Principal) -> uuid.UUID | None:
    return principal.id if principal.kind == "user" else None


def actions(principal: Principal, s: KpiSnapshot) -> list[str]:
    """What the caller may do with the snapshot now (by the same rules as the operations)."""
    out: list[str] = []
    if (
        s.status == "draft"
        and principal.has(P.SUBMIT)
        and principal.scope(P.SUBMIT).covers_municipality(s.municipality_id)
    ):
        out += ["submit", "discard"]
    if (
        s.status == "submitted"
        and principal.has(P.APPROVE)
        and principal.scope(P.APPROVE).covers_municipality(s.municipality_id)
        and _user_id(principal) != s.submitted_by_id
    ):
        out += ["approve", "return"]
    return out


async def _reads(session: AsyncSession, principal: Principal, items: list[KpiSnapshot]) -> list[KpiSnapshotRead]:
    names = await tenants.municipality_names(session, {s.municipality_id for s in items})
    return [
        KpiSnapshotRead(
            id=s.id,
            municipality_id=s.municipality_id,
            municipality_name=names.get(s.municipality_id, ""),
            period=s.period,
            status=s.status,  # type: ignore[arg-type]
            indicators=list(s.indicators),
            reference_date=s.reference_date,
            created_at=s.created_at,
            created_by_name=s.created_by_name,
            submitted_at=s.submitted_at,
            submitted_by_name=s.submitted_by_name,
            decided_at=s.decided_at,
            decided_by_name=s.decided_by_name,
            comment=s.comment,
            supersedes_id=s.supersedes_id,
            superseded_by_id=s.superseded_by_id,
            version=s.version,
            actions=actions(principal, s),  # type: ignore[arg-type]
        )
        for s in items
    ]


def _row(v: KpiSnapshotValue, period: str) -> KpiValueRow:
    value = float(v.value) if v.value is not None else None
    target = float(v.target) if v.target is not None else None
    return KpiValueRow(
        indicator=v.indicator,
        period=period,
        unit_kind=v.unit_kind,  # type: ignore[arg-type]
        unit_id=v.unit_id,
        unit_name=v.unit_name,
        numerator=v.numerator,
        denominator=v.denominator,
        value=value,
        target=target,
        status=service.row_status(value, target, v.direction),  # type: ignore[arg-type]
        source="snapshot",
    )


SORTS = ("period", "created_at", "status")


async def list_snapshots(
    session: AsyncSession, principal: Principal, f: SnapshotFilters, page: PageParams
) -> KpiSnapshotList:
    """Snapshots of the caller's municipalities, newest period first; filters: municipality, period, status."""
    if page.sort and page.sort.lstrip("-") not in SORTS:
        message = f"Сортировка: {', '.join(SORTS)}"
        raise Unprocessable(message, errors=[FieldError(field="query.sort", code="sort", message=message)])
    conds = repo.snapshot_conditions(f.municipality_id, f.period.code if f.period else None, f.status)
    rows, total = await repo.snapshots.list(session, _reader_scope(principal), page, conds)
    return KpiSnapshotList(
        items=await _reads(session, principal, rows), total=total, limit=page.limit, offset=page.offset
    )


async def read_snapshot(session: AsyncSession, principal: Principal, snapshot_id: uuid.UUID) -> KpiSnapshotDetail:
    """The snapshot with its rows (a school-level reader: only its schools' rows) and its history."""
    s = await repo.snapshots.get(session, _reader_scope(principal), snapshot_id)
    return await _detail(session, principal, s)


async def _detail(session: AsyncSession, principal: Principal, s: KpiSnapshot) -> KpiSnapshotDetail:
    (base,) = await _reads(session, principal, [s])
    scope = principal.scope(P.READ)
    orgs = None if scope.covers_municipality(s.municipality_id) else scope.organization_ids
    values = await repo.snapshot_values(session, [(s.municipality_id, s.id)], orgs)
    return KpiSnapshotDetail(
        **base.model_dump(),
        rows=[_row(v, s.period) for v in values],
        history=[KpiSnapshotEvent.model_validate(e) for e in s.history],
    )


def _event(action: str, principal: Principal, comment: str | None = None) -> dict[str, Any]:
    return {"at": utcnow().isoformat(), "action": action, "by_name": principal.name, "comment": comment}


async def create_snapshot(session: AsyncSession, principal: Principal, body: KpiSnapshotCreate) -> KpiSnapshotDetail:
    """A draft computed now: every indicator asked (default: the municipality's set, else the catalogue) for the
    municipality's total and each of its organizations, with the targets of the academic year. One open (draft or
    submitted) snapshot per municipality and period (409)."""
    muni = await _writable_municipality(session, principal, body.municipality_id, P.SUBMIT)
    period = body.period
    if await repo.open_snapshot_exists(session, muni, period.code):
        raise Conflict(
            f"Срез за {period.code} уже готовится или ждёт утверждения: отправьте, утвердите или отмените его",
            code="open_snapshot_exists",
        )
    r = service.reference_date(period)
    known = {i.code for i in await repo.indicators_in_force(session, {muni}, r)}
    if body.indicators:
        codes = list(dict.fromkeys(body.indicators))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise _bad("body.indicators", "unknown_indicator", f"Нет показателя: {', '.join(unknown)}")
    else:  # the set (codes of indicators not in force for the period are left out) or the catalogue
        codes = [c for c in await service.default_codes(session, frozenset({muni}), r) if c in known]
    if not codes:
        raise _bad("body.indicators", "no_indicators", "Нет показателей для среза")
    live: list[KpiValueRow] = []
    meta: dict[str, Any] = {}
    for breakdown in ("none", "organization"):
        query = ValuesQuery(codes, [period], None, muni, None, breakdown, "live")  # type: ignore[arg-type]
        table = await service.values(session, principal, query)
        live += table.rows
        meta = table.meta.indicators
    s = KpiSnapshot(
        municipality_id=muni,
        period=period.code,
        period_start=period.start,
        period_end=period.end,
        reference_date=r,
        status="draft",
        indicators=list(meta),
        created_by_id=_user_id(principal),
        created_by_name=principal.name,
        history=[_event("created", principal)],
    )
    await repo.snapshots.create(session, principal, s)
    order = {code: i for i, code in enumerate(meta)}
    live.sort(key=lambda row: (order[row.indicator], row.unit_kind != "municipality"))
    repo.add_snapshot_values(
        session,
        [
            KpiSnapshotValue(
                municipality_id=muni,
                snapshot_id=s.id,
                indicator=row.indicator,
                definition_version=meta[row.indicator].definition_version,
                unit=meta[row.indicator].unit,
                decimals=meta[row.indicator].decimals,
                direction=meta[row.indicator].direction,
                unit_kind=row.unit_kind,
                unit_id=row.unit_id,
                unit_name=row.unit_name,
                position=i,
                numerator=row.numerator,
                denominator=row.denominator,
                value=Decimal(str(row.value)) if row.value is not None else None,
                target=Decimal(str(row.target)) if row.target is not None else None,
            )
            for i, row in enumerate(live)
        ],
    )
    await session.flush()
    return await _detail(session, principal, s)


async def _for_transition(
    session: AsyncSession,
    principal: Principal,
    snapshot_id: uuid.UUID,
    perm: str,
    if_match: str | None,
    required: bool = True,
) -> KpiSnapshot:
    await repo.lock_snapshot(session, snapshot_id)
    s = await repo.snapshots.get(session, principal.scope(perm), snapshot_id)
    repo.snapshots.check_version(s, if_match, required=required)
    return s


def _wrong_state(s: KpiSnapshot, what: str) -> Conflict:
    return Conflict(
        f"Срез сейчас в состоянии «{SNAPSHOT_STATUSES[s.status]}»: {what} нельзя",
        code="wrong_status",
        extra={"status": s.status},
    )


async def _move(
    session: AsyncSession,
    principal: Principal,
    s: KpiSnapshot,
    action: str,
    status: str,
    event: str,
    comment: str | None,
    **values: Any,
) -> None:
    before = s.status
    s.status = status
    for k, v in values.items():
        setattr(s, k, v)
    if comment is not None:
        s.comment = comment
    s.history = [*s.history, _event(event, principal, comment)]
    s.updated_at = utcnow()
    await session.flush()
    if status in ("approved", "superseded"):
        service.VALUES_CACHE.clear()  # what /kpi/values serves by default changes with it
    changes: dict[str, Any] = {"status": {"before": before, "after": status}}
    if comment:
        changes["comment"] = comment
    await repo.snapshots.audit(session, principal, action, s, changes)


def _approvers() -> list[str]:
    return sorted(role for role, grants in ROLE_GRANTS.items() if P.APPROVE in grants and role != "sysadmin")


def link_of(snapshot_id: uuid.UUID) -> str:
    return f"/kpi/snapshots/{snapshot_id}"


async def _notify(
    session: AsyncSession, principal: Principal, s: KpiSnapshot, who: set[uuid.UUID], kind: str, title: str
) -> None:
    names = await tenants.municipality_names(session, {s.municipality_id})
    await notifications.notify(
        session,
        who,
        municipality_id=s.municipality_id,
        kind=kind,
        title=title,
        body=f"Показатели за {s.period} — {names.get(s.municipality_id, '')}",
        link=link_of(s.id),
        exclude=_user_id(principal),
    )


async def submit(
    session: AsyncSession, principal: Principal, snapshot_id: uuid.UUID, comment: str | None, if_match: str | None
) -> KpiSnapshotDetail:
    s = await _for_transition(session, principal, snapshot_id, P.SUBMIT, if_match)
    if s.status != "draft":
        raise _wrong_state(s, "отправить его на утверждение")
    await _move(
        session,
        principal,
        s,
        "submit",
        "submitted",
        "submitted",
        comment,
        submitted_by_id=_user_id(principal),
        submitted_by_name=principal.name,
        submitted_at=utcnow(),
    )
    department = await users.active_user_ids_with_roles(session, s.municipality_id, _approvers())
    await _notify(session, principal, s, set(department), "kpi_snapshot_submitted", "Срез показателей ждёт утверждения")
    return await _detail(session, principal, s)


def _four_eyes(principal: Principal, s: KpiSnapshot) -> None:
    if _user_id(principal) is not None and _user_id(principal) == s.submitted_by_id:
        raise Forbidden(
            "Срез отправлен на утверждение вами: утвердить или вернуть его должен другой сотрудник",
            code="four_eyes",
        )


async def approve(
    session: AsyncSession, principal: Principal, snapshot_id: uuid.UUID, comment: str | None, if_match: str | None
) -> KpiSnapshotDetail:
    """Approve a submitted snapshot: its values become what reports and integrations get for the period; the
    approved snapshot before it is superseded (kept, with history). The targets are stamped as they are now."""
    s = await _for_transition(session, principal, snapshot_id, P.APPROVE, if_match)
    if s.status != "submitted":
        raise _wrong_state(s, "утвердить его")
    _four_eyes(principal, s)
    previous = await repo.approved_snapshot(session, s.municipality_id, s.period, lock=True)
    if previous is not None:
        await _move(session, principal, previous, "supersede", "superseded", "superseded", None, superseded_by_id=s.id)
    year = service.academic_year_of(Period.parse(s.period))
    if year is not None:
        targets = await repo.targets_of(session, {s.municipality_id}, {year})
        await repo.set_snapshot_targets(
            session, s, {code: targets.get((s.municipality_id, year, code)) for code in s.indicators}
        )
    await _move(
        session,
        principal,
        s,
        "approve",
        "approved",
        "approved",
        comment,
        decided_by_id=_user_id(principal),
        decided_by_name=principal.name,
        decided_at=utcnow(),
        supersedes_id=previous.id if previous is not None else None,
    )
    if s.submitted_by_id:
        await _notify(session, principal, s, {s.submitted_by_id}, "kpi_snapshot_approved", "Срез показателей утверждён")
    return await _detail(session, principal, s)


async def return_snapshot(
    session: AsyncSession, principal: Principal, snapshot_id: uuid.UUID, comment: str, if_match: str | None
) -> KpiSnapshotDetail:
    """Return a submitted snapshot with a comment (what to fix); the methodologist prepares a new one."""
    s = await _for_transition(session, principal, snapshot_id, P.APPROVE, if_match)
    if s.status != "submitted":
        raise _wrong_state(s, "вернуть его на доработку")
    _four_eyes(principal, s)
    await _move(
        session,
        principal,
        s,
        "return",
        "returned",
        "returned",
        comment,
        decided_by_id=_user_id(principal),
        decided_by_name=principal.name,
        decided_at=utcnow(),
    )
    if s.submitted_by_id:
        await _notify(
            session,
            principal,
            s,
            {s.submitted_by_id},
            "kpi_snapshot_returned",
            "Срез показателей возвращён на доработку",
        )
    return await _detail(session, principal, s)


async def discard(
    session: AsyncSession, principal: Principal, snapshot_id: uuid.UUID, if_match: str | None
) -> KpiSnapshotDetail:
    """Discard a draft (kept as `discarded`, with its history)."""
    s = await _for_transition(session, principal, snapshot_id, P.SUBMIT, if_match, required=False)
    if s.status != "draft":
        raise _wrong_state(s, "отменить его")
    await _move(session, principal, s, "discard", "discarded", "discarded", None)
    return await _detail(session, principal, s)
