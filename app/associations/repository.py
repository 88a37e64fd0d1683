"""Every SQL statement of methodological associations: the scope condition (the municipality, the school of a ШМО,
the association a leader's role names, the associations a teacher is a member of), the list with the share of
planned meetings held (one statement for the whole page), the card's members, plans, meetings and attendance, and
the audit subjects."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, delete, exists, false, func, literal, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.associations.models import (
    Association,
    AssociationMeeting,
    AssociationMeetingAttendance,
    AssociationMeetingPlan,
    AssociationMember,
)
from app.associations.permissions import AssociationPerm
from app.associations.schemas import LEVEL_LABELS, AssociationFilters
from app.core.access import Principal, Scope
from app.core.audit_trail import AuditSubject, describe
from app.core.pagination import PageParams, apply_sort
from app.core.resource import Resource
from app.teachers import service as teachers

A = Association
MB = AssociationMember
PL = AssociationMeetingPlan
MT = AssociationMeeting
AT = AssociationMeetingAttendance


def visible(scope: Scope) -> ColumnElement[bool]:
    """An association is inside the scope when its municipality is, it is a ШМО of one of the scope's schools, it is
    the association the scope names (a leader's), or one of the scope's teachers is (or was) its member."""
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = []
    if scope.municipality_ids:
        conds.append(A.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(A.organization_id.in_(scope.organization_ids))
    if scope.association_ids:
        conds.append(A.id.in_(scope.association_ids))
    if scope.teacher_ids:
        conds.append(A.id.in_(select(MB.association_id).where(MB.teacher_id.in_(scope.teacher_ids))))
    return or_(*conds) if conds else false()


def _of_visible(col: Any, scope: Scope) -> ColumnElement[bool]:
    """A child record (member, plan, meeting) is inside the scope when its association is."""
    if scope.all:
        return true()
    return col.in_(select(A.id).where(visible(scope)))


associations: Resource[Association] = Resource(
    model=Association,
    entity_type="association",
    not_found="Методическое объединение не найдено",
    visible=visible,
    municipality_of=lambda a: a.municipality_id,
    audit_fields=("level", "organization_id", "title", "subject_code", "problem", "leader_teacher_id", "academic_year"),
    if_match_required=True,
)
members: Resource[AssociationMember] = Resource(
    model=AssociationMember,
    entity_type="association_member",
    not_found="Участник методического объединения не найден",
    visible=lambda scope: _of_visible(MB.association_id, scope),
    municipality_of=lambda m: m.municipality_id,
    audit_fields=("association_id", "teacher_id", "joined_on", "left_on"),
    if_match_required=True,
)
plans: Resource[AssociationMeetingPlan] = Resource(
    model=AssociationMeetingPlan,
    entity_type="association_meeting_plan",
    not_found="Заседание плана-графика не найдено",
    visible=lambda scope: _of_visible(PL.association_id, scope),
    municipality_of=lambda p: p.municipality_id,
    audit_fields=("association_id", "planned_date", "topic", "form"),
    if_match_required=True,
)
meetings: Resource[AssociationMeeting] = Resource(
    model=AssociationMeeting,
    entity_type="association_meeting",
    not_found="Заседание не найдено",
    visible=lambda scope: _of_visible(MT.association_id, scope),
    municipality_of=lambda m: m.municipality_id,
    audit_fields=("association_id", "plan_id", "held_on", "topic", "form", "minutes", "minutes_file_id", "decisions"),
    if_match_required=True,
)


# --- the share of planned meetings held ---


def year_bounds(year_col: Any) -> tuple[Any, Any]:
    """The academic year of an association as SQL dates: 1 September … 31 August, both ends included."""
    return func.make_date(year_col, 9, 1), func.make_date(year_col + 1, 8, 31)


def _plan_counts() -> tuple[Any, Any]:
    """(planned, held) of the association in the row, as correlated scalar subqueries: plans (not archived) dated in
    its academic year; of them, those with at least one meeting (not archived) held in that academic year — two
    meetings for one plan count once, a meeting held the day after the year ends counts for none."""
    start, end = year_bounds(A.academic_year)
    in_year = and_(PL.association_id == A.id, PL.archived_at.is_(None), PL.planned_date.between(start, end))
    fulfilled = exists().where(MT.plan_id == PL.id, MT.archived_at.is_(None), MT.held_on.between(start, end))
    planned = select(func.count(PL.id)).where(in_year).correlate(A).scalar_subquery()
    held = select(func.count(PL.id)).where(in_year, fulfilled).correlate(A).scalar_subquery()
    return planned, held


def _members_count(today: date) -> Any:
    return (
        select(func.count(MB.id))
        .where(MB.association_id == A.id, MB.joined_on <= today, or_(MB.left_on.is_(None), MB.left_on >= today))
        .correlate(A)
        .scalar_subquery()
    )


def filters(f: AssociationFilters) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.academic_year is not None:
        out.append(A.academic_year == f.academic_year.year)
    if f.level:
        out.append(A.level == f.level)
    if f.organization_id:
        out.append(A.organization_id == f.organization_id)
    if f.status == "active":
        out.append(A.archived_at.is_(None))
    elif f.status == "archived":
        out.append(A.archived_at.is_not(None))
    if f.teacher_id:
        out.append(A.id.in_(select(MB.association_id).where(MB.teacher_id == f.teacher_id)))
    if f.q:
        out.append(A.title.ilike(f"%{f.q.replace('%', '').replace('_', '')}%"))
    return out


def _list_query(scope: Scope, f: AssociationFilters, sort: str | None, today: date) -> Any:
    leader = teachers.teacher_directory(today, "association_leader")
    planned, held = _plan_counts()
    stmt = (
        select(
            A,
            leader.c.full_name.label("leader_name"),
            planned.label("planned"),
            held.label("held"),
            _members_count(today).label("members_count"),
        )
        .select_from(A)
        .outerjoin(leader, leader.c.teacher_id == A.leader_teacher_id)
        .where(visible(scope), *filters(f))
    )
    sorts = {
        "title": A.title,
        "academic_year": A.academic_year,
        "level": A.level,
        "created_at": A.created_at,
        "updated_at": A.updated_at,
        "leader_name": leader.c.full_name,
    }
    return apply_sort(stmt, sort, sorts, [A.academic_year.desc(), A.level, A.title, A.id])


async def page(
    session: AsyncSession, scope: Scope, f: AssociationFilters, params: PageParams, today: date
) -> tuple[list[Any], int]:
    """A page of rows (the association, its leader's name, planned, held, members) and the total."""
    stmt = _list_query(scope, f, params.sort, today).add_columns(func.count().over().label("total"))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).all()
    if rows:
        return list(rows), int(rows[0].total)
    total = await session.scalar(select(func.count()).select_from(_list_query(scope, f, None, today).subquery()))
    return [], int(total or 0)


async def all_rows(
    session: AsyncSession, scope: Scope, f: AssociationFilters, sort: str | None, today: date, limit: int
) -> list[Any]:
    return list((await session.execute(_list_query(scope, f, sort, today).limit(limit))).all())


async def row(session: AsyncSession, scope: Scope, association_id: uuid.UUID, today: date) -> Any:
    f = AssociationFilters(None, None, None, None, None, None)
    return (await session.execute(_list_query(scope, f, None, today).where(A.id == association_id))).one_or_none()


async def in_scope(session: AsyncSession, scope: Scope, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these associations are inside `scope`."""
    if not ids or scope.empty:
        return set()
    return set((await session.scalars(select(A.id).where(A.id.in_(ids), visible(scope)))).all())


async def municipality_of(session: AsyncSession, association_id: uuid.UUID) -> uuid.UUID | None:
    return await session.scalar(select(A.municipality_id).where(A.id == association_id))


# --- the card's parts ---


async def member_rows(session: AsyncSession, association_id: uuid.UUID, today: date) -> list[Any]:
    person = teachers.teacher_directory(today, "member")
    stmt = (
        select(MB, person.c.full_name.label("teacher_name"), person.c.organization_name.label("organization_name"))
        .join(person, person.c.teacher_id == MB.teacher_id)
        .where(MB.association_id == association_id)
        .order_by(MB.left_on.is_not(None), person.c.full_name, MB.joined_on)
    )
    return list((await session.execute(stmt)).all())


async def plan_list(session: AsyncSession, association_id: uuid.UUID) -> list[AssociationMeetingPlan]:
    stmt = select(PL).where(PL.association_id == association_id).order_by(PL.planned_date, PL.created_at)
    return list((await session.scalars(stmt)).all())


async def meeting_list(session: AsyncSession, association_id: uuid.UUID) -> list[AssociationMeeting]:
    stmt = select(MT).where(MT.association_id == association_id).order_by(MT.held_on, MT.created_at)
    return list((await session.scalars(stmt)).all())


async def attendance_of(session: AsyncSession, meeting_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    if not meeting_ids:
        return {}
    out: dict[uuid.UUID, list[uuid.UUID]] = {}
    for meeting_id, teacher_id in (
        await session.execute(select(AT.meeting_id, AT.teacher_id).where(AT.meeting_id.in_(meeting_ids)))
    ).all():
        out.setdefault(meeting_id, []).append(teacher_id)
    return out


async def set_attendance(session: AsyncSession, meeting: AssociationMeeting, teacher_ids: Sequence[uuid.UUID]) -> None:
    await session.execute(delete(AT).where(AT.meeting_id == meeting.id))
    session.add_all(
        AT(municipality_id=meeting.municipality_id, meeting_id=meeting.id, teacher_id=t)
        for t in dict.fromkeys(teacher_ids)
    )
    await session.flush()


async def members_on(
    session: AsyncSession, association_id: uuid.UUID, teacher_ids: Sequence[uuid.UUID], on: date
) -> set[uuid.UUID]:
    """Which of these teachers are members of the association on the date."""
    if not teacher_ids:
        return set()
    stmt = select(MB.teacher_id).where(
        MB.association_id == association_id,
        MB.teacher_id.in_(teacher_ids),
        MB.joined_on <= on,
        or_(MB.left_on.is_(None), MB.left_on >= on),
    )
    return set((await session.scalars(stmt)).all())


async def is_member(session: AsyncSession, association_id: uuid.UUID, teacher_id: uuid.UUID) -> bool:
    """Is (or was) the teacher a member of the association."""
    stmt = select(exists().where(MB.association_id == association_id, MB.teacher_id == teacher_id))
    return bool(await session.scalar(stmt))


async def open_membership(
    session: AsyncSession, association_id: uuid.UUID, teacher_id: uuid.UUID
) -> AssociationMember | None:
    stmt = select(MB).where(MB.association_id == association_id, MB.teacher_id == teacher_id, MB.left_on.is_(None))
    return (await session.scalars(stmt.limit(1))).first()


async def plan_of(
    session: AsyncSession, association_id: uuid.UUID, plan_id: uuid.UUID
) -> AssociationMeetingPlan | None:
    stmt = select(PL).where(PL.id == plan_id, PL.association_id == association_id)
    return (await session.scalars(stmt)).one_or_none()


# --- a member's growth timeline ---


def _of_teacher_visible(scope: Scope, teacher_id: uuid.UUID) -> ColumnElement[bool]:
    """A teacher's membership or attendance is readable when its association is inside the scope, or the teacher is
    one the scope keeps records of (a school its people: their city association shows in their growth too)."""
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = [visible(scope)]
    if scope.organization_ids or scope.teacher_ids:
        people = teachers.teacher_ids_in_scope(
            Scope(organization_ids=scope.organization_ids, teacher_ids=scope.teacher_ids)
        )
        conds.append(literal(teacher_id).in_(people))
    return or_(*conds)


async def memberships_of(session: AsyncSession, scope: Scope, teacher_id: uuid.UUID) -> list[Any]:
    """(association, joined_on, left_on) of the teacher's memberships — and of the associations they lead without
    a membership row (joined_on, left_on empty) — in associations not archived, as the scope reads them."""
    stmt = (
        select(A, MB.joined_on, MB.left_on)
        .outerjoin(
            MB,
            and_(MB.association_id == A.id, MB.municipality_id == A.municipality_id, MB.teacher_id == teacher_id),
        )
        .where(
            or_(MB.id.is_not(None), A.leader_teacher_id == teacher_id),
            A.archived_at.is_(None),
            _of_teacher_visible(scope, teacher_id),
        )
        .order_by(A.academic_year, MB.joined_on, A.title)
    )
    return list((await session.execute(stmt)).all())


async def meetings_attended(session: AsyncSession, scope: Scope, teacher_id: uuid.UUID) -> list[Any]:
    """(meeting, association title, association level) of the meetings the teacher attended, neither archived."""
    stmt = (
        select(MT, A.title.label("association_title"), A.level.label("association_level"))
        .join(AT, and_(AT.meeting_id == MT.id, AT.municipality_id == MT.municipality_id))
        .join(A, and_(A.id == MT.association_id, A.municipality_id == MT.municipality_id))
        .where(
            AT.teacher_id == teacher_id,
            MT.archived_at.is_(None),
            A.archived_at.is_(None),
            _of_teacher_visible(scope, teacher_id),
        )
        .order_by(MT.held_on, MT.created_at)
    )
    return list((await session.execute(stmt)).all())


# --- the audit log ---


def _audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    return select(literal("association"), cast(A.id, String), func.concat(A.title, " (", A.academic_year, ")")).where(
        A.id.in_(ids), visible(principal.scope(AssociationPerm.READ))
    )


def _child_names(entity: str, model: Any, label: Any) -> Any:
    def names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
        return (
            select(literal(entity), cast(model.id, String), func.concat(A.title, ": ", label))
            .join(A, A.id == model.association_id)
            .where(model.id.in_(ids), visible(principal.scope(AssociationPerm.READ)))
        )

    return names


FIELD_LABELS = {
    "level": "Уровень",
    "organization_id": "Школа",
    "title": "Название",
    "subject_code": "Предмет",
    "problem": "Проблема",
    "leader_teacher_id": "Руководитель",
    "academic_year": "Учебный год",
    "association_id": "Методическое объединение",
    "teacher_id": "Педагог",
    "joined_on": "Дата вступления",
    "left_on": "Дата выхода",
    "planned_date": "Планируемая дата",
    "topic": "Тема",
    "form": "Форма",
    "plan_id": "Заседание плана-графика",
    "held_on": "Дата проведения",
    "minutes": "Протокол",
    "minutes_file_id": "Файл протокола",
    "decisions": "Решения",
    "attendance": "Присутствовали",
}
describe(
    AuditSubject(
        entity_type="association",
        label="Методическое объединение",
        field_labels=FIELD_LABELS,
        value_labels={"level": LEVEL_LABELS},
        names=_audit_names,
        list_label="Методические объединения",
    )
)
describe(
    AuditSubject(
        entity_type="association_member",
        label="Участник методического объединения",
        field_labels=FIELD_LABELS,
        names=_child_names("association_member", MB, teachers.full_name_of(MB.teacher_id)),
        personal=True,
    )
)
describe(
    AuditSubject(
        entity_type="association_meeting_plan",
        label="Заседание плана-графика МО",
        field_labels=FIELD_LABELS,
        names=_child_names("association_meeting_plan", PL, PL.topic),
    )
)
describe(
    AuditSubject(
        entity_type="association_meeting",
        label="Заседание МО",
        field_labels=FIELD_LABELS,
        names=_child_names("association_meeting", MT, MT.topic),
    )
)
