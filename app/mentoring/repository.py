"""Every SQL statement of mentoring pairs: the scope condition (a pair is seen by those who see its mentee or its
mentor), the list with the people's names, the one-active-mentor and mentee-limit lookups, and the young teachers
without a pair covering a date (the Z-MENTOR population)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, exists, false, func, literal, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.audit_trail import AuditSubject, describe
from app.core.pagination import PageParams, apply_sort
from app.core.resource import Resource
from app.mentoring.models import MentoringPair
from app.mentoring.permissions import MentoringPerm
from app.mentoring.schemas import FORM_LABELS, STATUS_LABELS, PairFilters
from app.teachers import service as teachers

P = MentoringPair


def visible(scope: Scope) -> ColumnElement[bool]:
    """A pair is inside the scope when its municipality is, or its mentee or mentor is a teacher inside it (a school
    sees the pairs of the people who work there now, a teacher the pairs they are in)."""
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = []
    if scope.municipality_ids:
        conds.append(P.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids or scope.teacher_ids:
        people = teachers.teacher_ids_in_scope(
            Scope(organization_ids=scope.organization_ids, teacher_ids=scope.teacher_ids)
        )
        conds.append(or_(P.mentee_id.in_(people), P.mentor_id.in_(people)))
    return or_(*conds) if conds else false()


AUDIT_FIELDS = ("mentor_id", "mentee_id", "form", "goal", "start_date", "end_date", "status", "outcome")

pairs: Resource[MentoringPair] = Resource(
    model=MentoringPair,
    entity_type="mentoring_pair",
    not_found="Пара наставничества не найдена",
    visible=visible,
    municipality_of=lambda p: p.municipality_id,
    audit_fields=AUDIT_FIELDS,
    if_match_required=True,
)


def covers(on: Any) -> ColumnElement[bool]:
    """The pair covers the date (Z-MENTOR): started on or before it, not ended before it, not archived."""
    return and_(P.start_date <= on, or_(P.end_date.is_(None), P.end_date >= on), P.archived_at.is_(None))


def filters(f: PairFilters, today: date) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.period is not None:  # pairs that were in force at some time during the period
        out.append(and_(P.start_date <= f.period.end, or_(P.end_date.is_(None), P.end_date >= f.period.start)))
    if f.organization_id:  # the mentee works there now
        out.append(P.mentee_id.in_(teachers.teacher_ids_working_at([f.organization_id], today)))
    if f.teacher_id:
        out.append(or_(P.mentor_id == f.teacher_id, P.mentee_id == f.teacher_id))
    if f.mentor_id:
        out.append(P.mentor_id == f.mentor_id)
    if f.mentee_id:
        out.append(P.mentee_id == f.mentee_id)
    if f.status:
        out.append(P.status.in_(f.status))
    if f.form:
        out.append(P.form.in_(f.form))
    if not f.include_archived:
        out.append(P.archived_at.is_(None))
    return out


def _list_query(scope: Scope, f: PairFilters, sort: str | None, today: date) -> Any:
    mentor = teachers.teacher_directory(today, "mentor")
    mentee = teachers.teacher_directory(today, "mentee")
    stmt = (
        select(
            P,
            mentor.c.full_name.label("mentor_name"),
            mentor.c.organization_name.label("mentor_organization_name"),
            mentee.c.full_name.label("mentee_name"),
            mentee.c.organization_id.label("mentee_organization_id"),
            mentee.c.organization_name.label("mentee_organization_name"),
        )
        .select_from(P)
        .join(mentor, mentor.c.teacher_id == P.mentor_id)
        .join(mentee, mentee.c.teacher_id == P.mentee_id)
        .where(visible(scope), *filters(f, today))
    )
    sorts = {
        "start_date": P.start_date,
        "end_date": P.end_date,
        "status": P.status,
        "created_at": P.created_at,
        "updated_at": P.updated_at,
        "mentee_name": mentee.c.full_name,
        "mentor_name": mentor.c.full_name,
    }
    return apply_sort(stmt, sort, sorts, [mentee.c.full_name, P.start_date.desc(), P.id])


async def page(
    session: AsyncSession, scope: Scope, f: PairFilters, params: PageParams, today: date
) -> tuple[list[Any], int]:
    """A page of pairs (rows: the pair and the people's names) and the total, in one statement."""
    stmt = _list_query(scope, f, params.sort, today).add_columns(func.count().over().label("total"))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).all()
    if rows:
        return list(rows), int(rows[0].total)
    total = await session.scalar(select(func.count()).select_from(_list_query(scope, f, None, today).subquery()))
    return [], int(total or 0)


async def all_rows(session: AsyncSession, scope: Scope, f: PairFilters, sort: str | None, today: date, limit: int):  # type: ignore[no-untyped-def]
    """Up to `limit` rows of the list, in its order (exports)."""
    return list((await session.execute(_list_query(scope, f, sort, today).limit(limit))).all())


async def row(session: AsyncSession, scope: Scope, pair_id: uuid.UUID, today: date) -> Any:
    f = PairFilters(None, None, None, None, None, None, None, include_archived=True)
    return (await session.execute(_list_query(scope, f, None, today).where(P.id == pair_id))).one_or_none()


async def in_scope(session: AsyncSession, scope: Scope, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these pairs are inside `scope` (the write scope: what the caller may change)."""
    if not ids:
        return set()
    return set((await session.scalars(select(P.id).where(P.id.in_(ids), visible(scope)))).all())


async def lock_mentor(session: AsyncSession, mentor_id: uuid.UUID) -> None:
    """Serialise the writes that give a mentor a pair (the mentee limit is a count: two requests at once must not
    both see room for one more). Released at the end of the transaction."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(f"mentor:{mentor_id}", 0))))


async def active_pair_of(
    session: AsyncSession, municipality_id: uuid.UUID, mentee_id: uuid.UUID, exclude: uuid.UUID | None = None
) -> MentoringPair | None:
    """The mentee's active pair (there is at most one)."""
    stmt = select(P).where(
        P.municipality_id == municipality_id, P.mentee_id == mentee_id, P.status == "active", P.archived_at.is_(None)
    )
    if exclude is not None:
        stmt = stmt.where(P.id != exclude)
    return (await session.scalars(stmt.limit(1))).first()


async def active_mentees(
    session: AsyncSession, municipality_id: uuid.UUID, mentor_id: uuid.UUID, exclude: uuid.UUID | None = None
) -> int:
    stmt = select(func.count()).where(
        P.municipality_id == municipality_id, P.mentor_id == mentor_id, P.status == "active", P.archived_at.is_(None)
    )
    if exclude is not None:
        stmt = stmt.where(P.id != exclude)
    return int(await session.scalar(stmt) or 0)


# --- young teachers without a mentor on a date ---


def _has_pair(counted: Any, on: date) -> ColumnElement[bool]:
    return exists().where(
        P.mentee_id == counted.c.teacher_id, P.municipality_id == counted.c.municipality_id, covers(on)
    )


async def young_mentoring_counts(session: AsyncSession, counted: Any, on: date) -> tuple[int, int]:
    """(young counted teachers, those of them who are the mentee of a pair covering the date) — Z-MENTOR."""
    stmt = select(func.count(), func.count().filter(_has_pair(counted, on))).select_from(counted)
    young, with_mentor = (await session.execute(stmt)).one()
    return int(young), int(with_mentor)


def _without_mentor(counted: Any, on: date, sort: str | None) -> Any:
    previous = (
        select(P.mentor_id, P.end_date)
        .where(P.mentee_id == counted.c.teacher_id, P.archived_at.is_(None), P.start_date <= on)
        .order_by(P.end_date.desc().nulls_first(), P.start_date.desc())
        .limit(1)
        .lateral("previous_pair")
    )
    mentor = teachers.teacher_directory(on, "previous_mentor")
    stmt = (
        select(
            counted,
            mentor.c.full_name.label("last_mentor_name"),
            previous.c.end_date.label("last_pair_end_date"),
        )
        .select_from(counted)
        .outerjoin(previous, true())
        .outerjoin(mentor, mentor.c.teacher_id == previous.c.mentor_id)
        .where(~_has_pair(counted, on))
    )
    sorts = {
        "full_name": counted.c.full_name,
        "organization_name": counted.c.organization_name,
        "birth_date": counted.c.birth_date,
        "teaching_since": counted.c.teaching_since,
    }
    return apply_sort(stmt, sort, sorts, [counted.c.organization_name, counted.c.full_name, counted.c.teacher_id])


async def young_without_mentor(
    session: AsyncSession, counted: Any, on: date, params: PageParams
) -> tuple[list[Any], int]:
    stmt = _without_mentor(counted, on, params.sort).add_columns(func.count().over().label("total"))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).mappings().all()
    if rows:
        return [dict(r) for r in rows], int(rows[0]["total"])
    total = await session.scalar(select(func.count()).select_from(_without_mentor(counted, on, None).subquery()))
    return [], int(total or 0)


async def all_young_without_mentor(
    session: AsyncSession, counted: Any, on: date, sort: str | None, limit: int
) -> list[dict[str, Any]]:
    rows = (await session.execute(_without_mentor(counted, on, sort).limit(limit))).mappings().all()
    return [dict(r) for r in rows]


# --- the audit log ---


def audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    """«Наставничество: <наставляемый>» for the pairs among `ids` the reader may see."""
    mentee = teachers.teacher_directory(date.today(), "audit_mentee")
    return (
        select(
            literal("mentoring_pair"),
            cast(P.id, String),
            func.concat("Наставничество: ", mentee.c.full_name),
        )
        .select_from(P)
        .join(mentee, mentee.c.teacher_id == P.mentee_id)
        .where(P.id.in_(ids), visible(principal.scope(MentoringPerm.READ)))
    )


describe(
    AuditSubject(
        entity_type="mentoring_pair",
        label="Пара наставничества",
        field_labels={
            "mentor_id": "Наставник",
            "mentee_id": "Наставляемый",
            "form": "Форма наставничества",
            "goal": "Цель",
            "start_date": "Дата начала",
            "end_date": "Дата окончания",
            "status": "Статус",
            "outcome": "Итог",
        },
        value_labels={"form": FORM_LABELS, "status": STATUS_LABELS},
        names=audit_names,
        personal=True,
        list_label="Пары наставничества",
    )
)


async def active_pairs_ended_before(session: AsyncSession, on: date, limit: int) -> list[MentoringPair]:
    """Up to `limit` active pairs whose end date has passed (every municipality: the nightly closing)."""
    stmt = (
        select(MentoringPair)
        .where(P.status == "active", P.end_date < on, P.archived_at.is_(None))
        .order_by(P.municipality_id, P.end_date, P.id)
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())
