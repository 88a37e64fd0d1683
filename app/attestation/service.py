"""Attestation: applications (one undecided per teacher), the decision that writes the teacher's category history
through the teachers module (and takes it back when the application is archived as made in error), audited writes
with If-Match, reads with `actions`, and the 5-year plan-schedule.

The plan-schedule (Kislovodsk criterion 3) is built by ACADEMIC years (1 September – 31 August, the period helper):
for five academic years from `from_year`, the teachers counted today (main employment) whose current category
expires in that year; a category that has already expired before the first year is due in the first year and
marked overdue. Categories without expiry (первая/высшая granted from 1 September 2023, педагог-методист,
педагог-наставник) are not in the plan, nor are teachers without a category."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.attestation import exporter
from app.attestation import repository as repo
from app.attestation.models import Attestation
from app.attestation.permissions import AttestationPerm
from app.attestation.schemas import (
    CATEGORY_CODES,
    CATEGORY_LABELS,
    PLAN_YEARS,
    STATUS_LABELS,
    AttestationCreate,
    AttestationDecision,
    AttestationFilters,
    AttestationPlan,
    AttestationRead,
    AttestationUpdate,
    PlanRow,
    PlanYear,
)
from app.core.access import Principal
from app.core.audit_trail import record
from app.core.errors import Conflict, FieldError, NotFound, Unprocessable
from app.core.exports import Column, render
from app.core.pagination import Page, PageParams
from app.core.periods import Period
from app.core.timeline import TimelineEntry, register_source
from app.organizations import service as organizations
from app.teachers import rules
from app.teachers import service as teachers
from app.tenants import service as tenants

MAX_EXPORT_ROWS = 50_000
MAX_PLAN_ROWS = 20_000


def order_text(number: str) -> str:
    """The order as people write it: «приказ № 123-к»; a number typed with its own wording («приказ министерства
    № 1234») is kept as it is."""
    return number if number.lower().startswith("приказ") else f"приказ № {number}"


def legal_basis(a: Attestation) -> str:
    """The basis written into the teacher's category history: the order and the decision's date."""
    return f"{order_text(a.order_number or '')} от {a.decided_on:%d.%m.%Y}"[:300]


# --- reads ---


def _read(row: Any, writable: set[uuid.UUID], deciders: set[uuid.UUID]) -> AttestationRead:
    a: Attestation = row[0]
    out = AttestationRead.model_validate(a)
    out.teacher_name = row.teacher_name
    out.organization_id = row.organization_id
    out.organization_name = row.organization_name
    out.position_name = row.position_name
    out.category_sought_label = CATEGORY_LABELS.get(a.category_sought, a.category_sought)
    out.status = a.result or "pending"
    out.status_label = STATUS_LABELS[out.status]
    if a.result == "granted" and a.decided_on is not None:
        out.category_code = CATEGORY_CODES[a.category_sought]
        out.category_expires_on = rules.category_expiry(out.category_code, a.decided_on)
    if a.archived_at is None:
        if a.result is None and a.id in writable:
            out.actions.append("update")
        if a.result is None and a.id in deciders:
            out.actions.append("decide")
        if a.id in writable:
            out.actions.append("archive")
    return out


async def _scoped(session: AsyncSession, principal: Principal, perm: str, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not principal.has(perm):
        return set()
    return await repo.in_scope(session, principal.scope(perm), ids)


async def _reads(session: AsyncSession, principal: Principal, rows: list[Any]) -> list[AttestationRead]:
    ids = [r[0].id for r in rows]
    writable = await _scoped(session, principal, AttestationPerm.WRITE, ids)
    deciders = await _scoped(session, principal, AttestationPerm.DECIDE, ids)
    return [_read(r, writable, deciders) for r in rows]


async def list_attestations(
    session: AsyncSession, principal: Principal, f: AttestationFilters, page: PageParams
) -> Page[AttestationRead]:
    rows, total = await repo.page(session, principal.scope(AttestationPerm.READ), f, page, date.today())
    return Page(items=await _reads(session, principal, rows), total=total, limit=page.limit, offset=page.offset)


async def read_attestation(
    session: AsyncSession, principal: Principal, attestation_id: uuid.UUID, perm: str = AttestationPerm.READ
) -> AttestationRead:
    row = await repo.row(session, principal.scope(perm), attestation_id, date.today())
    if row is None:
        raise NotFound(repo.attestations.not_found)
    return (await _reads(session, principal, [row]))[0]


# --- writes ---


async def _pending_conflict(
    session: AsyncSession, municipality_id: uuid.UUID, teacher_id: uuid.UUID, exclude: uuid.UUID | None
) -> Conflict | None:
    existing = await repo.pending_of(session, municipality_id, teacher_id, exclude)
    if existing is None:
        return None
    return Conflict(
        f"У педагога уже есть заявление на рассмотрении: {CATEGORY_LABELS[existing.category_sought]}, от "
        f"{existing.applied_on:%d.%m.%Y}. Внесите по нему решение или отправьте его в архив.",
        code="pending_application_exists",
        extra={"existing_id": str(existing.id)},
    )


async def create_attestation(session: AsyncSession, principal: Principal, body: AttestationCreate) -> AttestationRead:
    found = await teachers.teacher_facts(session, principal.scope(AttestationPerm.WRITE), {body.teacher_id})
    teacher = found.get(body.teacher_id)
    if teacher is None:
        raise Unprocessable(
            errors=[FieldError(field="body.teacher_id", code="unknown_teacher", message="Педагог не найден")]
        )
    if teacher.archived:
        raise Unprocessable(
            errors=[FieldError(field="body.teacher_id", code="archived_teacher", message="Педагог в архиве")]
        )
    conflict = await _pending_conflict(session, teacher.municipality_id, teacher.id, None)
    if conflict is not None:
        raise conflict
    a = Attestation(municipality_id=teacher.municipality_id, **body.model_dump())
    try:
        async with session.begin_nested():
            await repo.attestations.create(session, principal, a)
    except IntegrityError:  # a concurrent request filed one first
        conflict = await _pending_conflict(session, teacher.municipality_id, teacher.id, None)
        if conflict is None:
            raise
        raise conflict from None
    return await read_attestation(session, principal, a.id, AttestationPerm.WRITE)


def _undecided(a: Attestation) -> None:
    if a.archived_at is not None:
        raise Conflict("Заявление в архиве: изменить его нельзя", code="archived")
    if a.result is not None:
        raise Conflict(
            "По заявлению уже внесено решение. Если оно внесено по ошибке, отправьте заявление в архив "
            "(категория будет убрана из истории педагога) и внесите заново.",
            code="already_decided",
        )


async def update_attestation(
    session: AsyncSession,
    principal: Principal,
    attestation_id: uuid.UUID,
    body: AttestationUpdate,
    if_match: str | None,
) -> AttestationRead:
    a = await repo.attestations.get(session, principal.scope(AttestationPerm.WRITE), attestation_id)
    repo.attestations.check_version(a, if_match)
    _undecided(a)
    await repo.attestations.update(session, principal, a, body, if_match)
    return await read_attestation(session, principal, a.id, AttestationPerm.WRITE)


async def decide(
    session: AsyncSession,
    principal: Principal,
    attestation_id: uuid.UUID,
    body: AttestationDecision,
    if_match: str | None,
) -> AttestationRead:
    """Record the commission's decision; a granted one writes the category into the teacher's history (granted on
    the decision's date, expiry by the rules in force, the order as its basis), audited on the teacher too."""
    scope = principal.scope(AttestationPerm.DECIDE)
    a = await repo.attestations.get(session, scope, attestation_id)
    repo.attestations.check_version(a, if_match)
    _undecided(a)
    if body.decided_on < a.applied_on:
        raise Unprocessable(
            errors=[
                FieldError(
                    field="body.decided_on",
                    code="before_application",
                    message=f"Дата решения раньше даты заявления ({a.applied_on:%d.%m.%Y})",
                )
            ]
        )
    await repo.attestations.update(session, principal, a, body, if_match)
    if a.result == "granted":
        await teachers.grant_category(
            session, principal, scope, a.teacher_id, CATEGORY_CODES[a.category_sought], body.decided_on, legal_basis(a)
        )
    return await read_attestation(session, principal, a.id, AttestationPerm.DECIDE)


async def archive_attestation(
    session: AsyncSession, principal: Principal, attestation_id: uuid.UUID, reason: str, if_match: str | None
) -> AttestationRead:
    """Archive with a reason; a granted application's category leaves the teacher's history with it (a record
    archived as made in error counts nowhere)."""
    scope = principal.scope(AttestationPerm.WRITE)
    a = await repo.attestations.get(session, scope, attestation_id)
    await repo.attestations.archive(session, principal, a, reason, if_match)
    if a.result == "granted" and a.decided_on is not None:
        await teachers.withdraw_category(
            session, principal, scope, a.teacher_id, CATEGORY_CODES[a.category_sought], a.decided_on
        )
    return await read_attestation(session, principal, a.id, AttestationPerm.WRITE)


# --- the 5-year plan-schedule ---


async def build_plan(
    session: AsyncSession,
    principal: Principal,
    from_year: int | None = None,
    organization_id: uuid.UUID | None = None,
    municipality_id: uuid.UUID | None = None,
) -> AttestationPlan:
    today = date.today()
    first = Period.academic_year(from_year) if from_year else Period.current("academic_year", today)
    years = [first]
    for _ in range(PLAN_YEARS - 1):
        years.append(years[-1].next())
    owner = ""
    if organization_id is not None:
        org = await organizations.get_visible(session, principal, organization_id)
        owner, municipality_id = org.short_name, municipality_id or org.municipality_id
    elif municipality_id is not None:
        owner = (await tenants.municipality_names(session, {municipality_id})).get(municipality_id, "")
    counted = teachers.counted_teachers(
        principal,
        today,
        perm=AttestationPerm.READ,
        organization_ids=[organization_id] if organization_id else None,
        municipality_id=municipality_id,
        with_category=True,
    )
    rows = await repo.plan_rows(session, counted, years[-1].end)
    if len(rows) > MAX_PLAN_ROWS:
        raise Unprocessable("Слишком много педагогов для одного плана: выберите организацию", code="plan_too_large")
    by_year: dict[Period, list[PlanRow]] = {y: [] for y in years}
    for r in rows:
        overdue = r["expires_on"] < first.start
        year = first if overdue else next(y for y in years if y.contains(r["expires_on"]))
        by_year[year].append(
            PlanRow(
                number=0,
                teacher_id=r["teacher_id"],
                full_name=r["full_name"],
                organization_id=r["organization_id"],
                organization_name=r["organization_name"],
                position_name=r["position_name"],
                category_code=r["category_code"],
                category_name=r["category_name"],
                granted_on=r["granted_on"],
                expires_on=r["expires_on"],
                attestation_year=year.code,
                overdue=overdue,
                pending_application_id=r["pending_application_id"],
                pending_category_sought=r["pending_category_sought"],
                pending_applied_on=r["pending_applied_on"],
            )
        )
    # numbered in the printed order: by year, then by expiry within the year (overdue first)
    n = 0
    for y in years:
        for row in by_year[y]:
            n += 1
            row.number = n
    title = (
        "План-график аттестации педагогических работников"
        + (f" {owner}" if owner else "")
        + f" на {years[0].code}–{years[-1].code} учебные годы"
    )
    return AttestationPlan(
        title=title,
        from_year=first.year,
        years=[
            PlanYear(academic_year=y.code, start=y.start, end=y.end, count=len(by_year[y]), teachers=by_year[y])
            for y in years
        ],
        total=n,
        organization_id=organization_id,
        municipality_id=municipality_id,
        built_on=today,
    )


async def export_plan(session: AsyncSession, principal: Principal, plan: AttestationPlan, fmt: str) -> bytes:
    subtitle = f"Составлен {plan.built_on:%d.%m.%Y} по срокам действия квалификационных категорий"
    await record(
        session,
        principal,
        "export",
        "attestation",
        None,
        plan.municipality_id or principal.single_municipality_id(),
        {
            "format": fmt,
            "rows": plan.total,
            "filters": {
                "list": "plan",
                "from_year": plan.from_year,
                **({"organization_id": str(plan.organization_id)} if plan.organization_id else {}),
            },
        },
    )
    if fmt == "csv":
        return exporter.plan_csv(plan)
    return await run_in_threadpool(exporter.plan_xlsx, plan, subtitle)


# --- the list's export ---

LIST_COLUMNS = [
    Column("№", 6, "number"),
    Column("ФИО", 32),
    Column("Организация", 24),
    Column("Должность", 24),
    Column("Аттестуется на", 30),
    Column("Дата заявления", 12, "date"),
    Column("Состояние", 16),
    Column("Дата решения", 12, "date"),
    Column("Номер приказа", 24),
    Column("Срок действия категории", 14, "date"),
    Column("В архиве", 10),
]


async def export_attestations(
    session: AsyncSession, principal: Principal, f: AttestationFilters, sort: str | None, fmt: str
) -> bytes:
    rows = await repo.all_rows(
        session, principal.scope(AttestationPerm.READ), f, sort, date.today(), MAX_EXPORT_ROWS + 1
    )
    if len(rows) > MAX_EXPORT_ROWS:
        raise Unprocessable("Слишком много строк для выгрузки. Уточните фильтры.", code="export_too_large")
    table = []
    for i, r in enumerate(rows, start=1):
        item = _read(r, set(), set())
        table.append(
            [
                i,
                item.teacher_name,
                item.organization_name,
                item.position_name,
                item.category_sought_label,
                item.applied_on,
                item.status_label,
                item.decided_on,
                item.order_number,
                item.category_expires_on,
                "да" if item.archived_at else "",
            ]
        )
    await record(
        session,
        principal,
        "export",
        "attestation",
        None,
        principal.single_municipality_id(),
        {"format": fmt, "rows": len(table), "filters": f.summary()},
    )
    return await run_in_threadpool(render, fmt, LIST_COLUMNS, table, "Аттестация")  # type: ignore[arg-type]


# --- the teacher's growth timeline (read by app.growth) ---


async def timeline(session: AsyncSession, principal: Principal, teacher_id: uuid.UUID) -> list[TimelineEntry]:
    """The teacher's attestation applications the caller may read, as timeline entries (dated by the decision
    when there is one)."""
    if not principal.has(AttestationPerm.READ):
        return []
    f = AttestationFilters(None, None, teacher_id, None, None, include_archived=False)
    rows = await repo.all_rows(session, principal.scope(AttestationPerm.READ), f, None, date.today(), 1_000)
    out = []
    for row in rows:
        a: Attestation = row[0]
        status = a.result or "pending"
        detail = f"заявление от {a.applied_on:%d.%m.%Y}; {STATUS_LABELS.get(status, status)}"
        if a.order_number:
            detail += f", {order_text(a.order_number)}"
        out.append(
            TimelineEntry(
                kind="attestation",
                kind_label="Аттестация",
                record_id=a.id,
                start=a.decided_on or a.applied_on,
                title="Аттестация: " + CATEGORY_LABELS.get(a.category_sought, a.category_sought),
                detail=detail,
            )
        )
    return out


register_source("attestation", timeline)
