"""Every SQL statement of attestation: the scope condition (through the teacher), the list with the teacher's
name, the pending-application lookup and the plan-schedule's rows (the counted teachers' latest categories with
an expiry, beside their pending application)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, cast, false, func, literal, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.attestation.models import Attestation
from app.attestation.permissions import AttestationPerm
from app.attestation.schemas import CATEGORY_LABELS, RESULT_LABELS, AttestationFilters
from app.core.access import Principal, Scope
from app.core.audit_trail import AuditSubject, describe
from app.core.pagination import PageParams, apply_sort
from app.core.resource import Resource
from app.teachers import service as teachers

A = Attestation


def visible(scope: Scope) -> ColumnElement[bool]:
    """An application is inside the scope when its municipality is, or its teacher is a teacher inside it (a school
    sees the applications of the people who work there now, a teacher their own)."""
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = []
    if scope.municipality_ids:
        conds.append(A.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids or scope.teacher_ids:
        people = teachers.teacher_ids_in_scope(
            Scope(organization_ids=scope.organization_ids, teacher_ids=scope.teacher_ids)
        )
        conds.append(A.teacher_id.in_(people))
    return or_(*conds) if conds else false()


attestations: Resource[Attestation] = Resource(
    model=Attestation,
    entity_type="attestation",
    not_found="Заявление на аттестацию не найдено",
    visible=visible,
    municipality_of=lambda a: a.municipality_id,
    audit_fields=("teacher_id", "category_sought", "applied_on", "decided_on", "result", "order_number"),
    if_match_required=True,
)


def status_of() -> Any:
    return func.coalesce(A.result, "pending")


def filters(f: AttestationFilters, today: date) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.period is not None:  # applications dated in the period (K-4.3.2)
        out.append(and_(A.applied_on >= f.period.start, A.applied_on <= f.period.end))
    if f.organization_id:  # the teacher works there now
        out.append(A.teacher_id.in_(teachers.teacher_ids_working_at([f.organization_id], today)))
    if f.teacher_id:
        out.append(A.teacher_id == f.teacher_id)
    if f.category_sought:
        out.append(A.category_sought.in_(f.category_sought))
    if f.status:
        out.append(status_of().in_(f.status))
    if not f.include_archived:
        out.append(A.archived_at.is_(None))
    return out


def _list_query(scope: Scope, f: AttestationFilters, sort: str | None, today: date) -> Any:
    person = teachers.teacher_directory(today, "person")
    stmt = (
        select(
            A,
            person.c.full_name.label("teacher_name"),
            person.c.organization_id.label("organization_id"),
            person.c.organization_name.label("organization_name"),
            person.c.position_name.label("position_name"),
        )
        .select_from(A)
        .join(person, person.c.teacher_id == A.teacher_id)
        .where(visible(scope), *filters(f, today))
    )
    sorts = {
        "applied_on": A.applied_on,
        "decided_on": A.decided_on,
        "teacher_name": person.c.full_name,
        "created_at": A.created_at,
        "updated_at": A.updated_at,
    }
    return apply_sort(stmt, sort, sorts, [A.applied_on.desc(), person.c.full_name, A.id])


async def page(
    session: AsyncSession, scope: Scope, f: AttestationFilters, params: PageParams, today: date
) -> tuple[list[Any], int]:
    """A page of applications (rows: the application and the teacher's name and job) and the total."""
    stmt = _list_query(scope, f, params.sort, today).add_columns(func.count().over().label("total"))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).all()
    if rows:
        return list(rows), int(rows[0].total)
    total = await session.scalar(select(func.count()).select_from(_list_query(scope, f, None, today).subquery()))
    return [], int(total or 0)


async def all_rows(
    session: AsyncSession, scope: Scope, f: AttestationFilters, sort: str | None, today: date, limit: int
) -> list[Any]:
    return list((await session.execute(_list_query(scope, f, sort, today).limit(limit))).all())


async def row(session: AsyncSession, scope: Scope, attestation_id: uuid.UUID, today: date) -> Any:
    f = AttestationFilters(None, None, None, None, None, include_archived=True)
    return (await session.execute(_list_query(scope, f, None, today).where(A.id == attestation_id))).one_or_none()


async def in_scope(session: AsyncSession, scope: Scope, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    if not ids:
        return set()
    return set((await session.scalars(select(A.id).where(A.id.in_(ids), visible(scope)))).all())


async def pending_of(
    session: AsyncSession, municipality_id: uuid.UUID, teacher_id: uuid.UUID, exclude: uuid.UUID | None = None
) -> Attestation | None:
    """The teacher's undecided application (there is at most one)."""
    stmt = select(A).where(
        A.municipality_id == municipality_id, A.teacher_id == teacher_id, A.result.is_(None), A.archived_at.is_(None)
    )
    if exclude is not None:
        stmt = stmt.where(A.id != exclude)
    return (await session.scalars(stmt.limit(1))).first()


async def plan_rows(session: AsyncSession, counted: Any, until: date) -> list[dict[str, Any]]:
    """The counted teachers whose latest category expires by `until` (expired ones too), each with their pending
    application, earliest expiry first."""
    pending = (
        select(A.id, A.category_sought, A.applied_on)
        .where(
            A.teacher_id == counted.c.teacher_id,
            A.municipality_id == counted.c.municipality_id,
            A.result.is_(None),
            A.archived_at.is_(None),
        )
        .order_by(A.applied_on.desc())
        .limit(1)
        .lateral("pending_application")
    )
    stmt = (
        select(
            counted,
            pending.c.id.label("pending_application_id"),
            pending.c.category_sought.label("pending_category_sought"),
            pending.c.applied_on.label("pending_applied_on"),
        )
        .select_from(counted)
        .outerjoin(pending, true())
        .where(counted.c.expires_on.is_not(None), counted.c.expires_on <= until)
        .order_by(counted.c.expires_on, counted.c.full_name, counted.c.teacher_id)
    )
    return [dict(r) for r in (await session.execute(stmt)).mappings().all()]


# --- the audit log ---


def audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    """«Аттестация: <педагог>, <категория>» for the applications among `ids` the reader may see."""
    person = teachers.teacher_directory(date.today(), "audit_person")
    label = case(*((A.category_sought == k, literal(v)) for k, v in CATEGORY_LABELS.items()), else_=A.category_sought)
    return (
        select(
            literal("attestation"),
            cast(A.id, String),
            func.concat("Аттестация: ", person.c.full_name, ", ", label),
        )
        .select_from(A)
        .join(person, person.c.teacher_id == A.teacher_id)
        .where(A.id.in_(ids), visible(principal.scope(AttestationPerm.READ)))
    )


describe(
    AuditSubject(
        entity_type="attestation",
        label="Заявление на аттестацию",
        field_labels={
            "teacher_id": "Педагог",
            "category_sought": "Аттестуется на",
            "applied_on": "Дата заявления",
            "decided_on": "Дата решения",
            "result": "Решение",
            "order_number": "Номер приказа",
        },
        value_labels={"category_sought": CATEGORY_LABELS, "result": RESULT_LABELS},
        names=audit_names,
        personal=True,
        list_label="Заявления на аттестацию",
    )
)
