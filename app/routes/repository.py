"""Every SQL statement of individual routes: the scope condition (the municipality's routes, a school's — the
teacher's workplace at the diagnostic —, a teacher's own), the list with progress and overdue counts, the
department's summary, the deficit profile a draft is built from, the records a draft proposes (upcoming events,
the teacher's courses, published practices tagged with the area; the teacher's mentor) and the teacher's own
participations and courses offered as evidence."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    String,
    Uuid,
    any_,
    case,
    cast,
    column,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
    values,
)
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.audit_trail import AuditSubject, describe
from app.core.pagination import PageParams, apply_sort
from app.core.resource import Resource
from app.courses.models import Course
from app.diagnostics.models import DiagAssignment, DiagCampaign, DiagProfileArea
from app.events.models import Event, Participation
from app.files.models import StoredFile
from app.mentoring.models import MentoringPair
from app.practices.models import Practice
from app.routes.models import ACTION_KINDS, ROUTE_STATUSES, IndividualRoute, RouteAction
from app.routes.permissions import RoutesPerm
from app.routes.schemas import RouteFilters
from app.teachers import service as teachers

R = IndividualRoute
RA = RouteAction


def visible(scope: Scope) -> ColumnElement[bool]:
    """The municipality's routes, a school's (the teacher's workplace at the diagnostic), a teacher's own."""
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = []
    if scope.municipality_ids:
        conds.append(R.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(R.organization_id.in_(scope.organization_ids))
    if scope.teacher_ids:
        conds.append(R.teacher_id.in_(scope.teacher_ids))
    return or_(*conds) if conds else false()


AUDIT_FIELDS = ("teacher_id", "assignment_id", "title", "note", "status")

routes: Resource[IndividualRoute] = Resource(
    model=IndividualRoute,
    entity_type="individual_route",
    not_found="Индивидуальный маршрут не найден",
    visible=visible,
    municipality_of=lambda r: r.municipality_id,
    audit_fields=AUDIT_FIELDS,
    if_match_required=True,
)


# --- the list ---


def action_counts(today: date) -> Any:
    """Per route: actions, done, overdue (planned with a deadline before today) and the nearest open deadline."""
    planned = RA.status == "planned"
    return (
        select(
            RA.route_id.label("route_id"),
            func.count().label("total"),
            func.count().filter(RA.status == "done").label("done"),
            func.count().filter(planned, RA.deadline < today).label("overdue"),
            func.min(RA.deadline).filter(planned).label("next_deadline"),
        )
        .group_by(RA.route_id)
        .subquery("route_actions")
    )


def _conditions(f: RouteFilters, today: date) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.status:
        out.append(R.status.in_(f.status))
    if f.organization_id:
        out.append(R.organization_id == f.organization_id)
    if f.teacher_id:
        out.append(R.teacher_id == f.teacher_id)
    if f.campaign_id:
        out.append(R.campaign_id == f.campaign_id)
    if f.overdue_only:
        out.append(
            exists().where(RA.route_id == R.id, RA.status == "planned", RA.deadline < today),
        )
    if not f.include_archived:
        out.append(R.archived_at.is_(None))
    return out


SORTS = {
    "updated_at": R.updated_at,
    "created_at": R.created_at,
    "status": R.status,
    "approved_at": R.approved_at,
}


async def page(
    session: AsyncSession, scope: Scope, f: RouteFilters, params: PageParams, today: date
) -> tuple[list[Any], int]:
    counts = action_counts(today)
    conds = [visible(scope), *_conditions(f, today)]
    stmt = (
        select(
            R,
            DiagCampaign.title.label("campaign_title"),
            counts.c.total,
            counts.c.done,
            counts.c.overdue,
            counts.c.next_deadline,
        )
        .join(DiagCampaign, DiagCampaign.id == R.campaign_id)
        .outerjoin(counts, counts.c.route_id == R.id)
        .where(*conds)
    )
    stmt = apply_sort(stmt, params.sort, SORTS, [R.updated_at.desc(), R.id])
    total = await session.scalar(select(func.count()).select_from(R).where(*conds))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).all()
    return list(rows), int(total or 0)


async def counts_of(session: AsyncSession, route_id: uuid.UUID, today: date) -> Any:
    counts = action_counts(today)
    return (await session.execute(select(counts).where(counts.c.route_id == route_id))).one_or_none()


async def campaign_title(session: AsyncSession, campaign_id: uuid.UUID) -> str | None:
    return await session.scalar(select(DiagCampaign.title).where(DiagCampaign.id == campaign_id))


async def summary(session: AsyncSession, scope: Scope, campaign_id: uuid.UUID | None, today: date) -> list[Any]:
    """Per organization: routes by status and those with an overdue action (not archived)."""
    overdue = exists().where(RA.route_id == R.id, RA.status == "planned", RA.deadline < today)
    stmt = (
        select(
            R.organization_id,
            func.count().label("total"),
            *[func.count().filter(R.status == s).label(s) for s in ROUTE_STATUSES],
            func.count().filter(overdue).label("with_overdue"),
        )
        .where(visible(scope), R.archived_at.is_(None))
        .group_by(R.organization_id)
    )
    if campaign_id is not None:
        stmt = stmt.where(R.campaign_id == campaign_id)
    return list((await session.execute(stmt)).all())


# --- drafting ---


def _assignments_visible(scope: Scope) -> ColumnElement[bool]:
    A = DiagAssignment
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = []
    if scope.municipality_ids:
        conds.append(A.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(A.organization_id.in_(scope.organization_ids))
    if scope.teacher_ids:
        conds.append(A.teacher_id.in_(scope.teacher_ids))
    return or_(*conds) if conds else false()


async def assignment(session: AsyncSession, scope: Scope, assignment_id: uuid.UUID) -> Any:
    """(assignment, campaign) inside the scope, or None."""
    stmt = (
        select(DiagAssignment, DiagCampaign)
        .join(DiagCampaign, DiagCampaign.id == DiagAssignment.campaign_id)
        .where(DiagAssignment.id == assignment_id, _assignments_visible(scope))
    )
    return (await session.execute(stmt)).one_or_none()


async def route_of_assignment(session: AsyncSession, assignment_id: uuid.UUID) -> IndividualRoute | None:
    stmt = select(R).where(R.assignment_id == assignment_id, R.archived_at.is_(None))
    return (await session.scalars(stmt.limit(1))).first()


async def lock_assignment(session: AsyncSession, assignment_id: uuid.UUID) -> None:
    """Serialise two drafts of one assignment (released at the end of the transaction)."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(f"route:{assignment_id}", 0))))


async def profile(session: AsyncSession, assignment_id: uuid.UUID) -> list[DiagProfileArea]:
    """The deficit profile of the assignment: deficit areas first, then partial, weakest first."""
    order = case((DiagProfileArea.band == "deficit", 0), (DiagProfileArea.band == "partial", 1), else_=2)
    stmt = (
        select(DiagProfileArea)
        .where(DiagProfileArea.assignment_id == assignment_id)
        .order_by(order, DiagProfileArea.percent, DiagProfileArea.area_code)
    )
    return list((await session.scalars(stmt)).all())


async def upcoming_events(
    session: AsyncSession, municipality_id: uuid.UUID, area: str, today: date, limit: int
) -> list[Event]:
    stmt = (
        select(Event)
        .where(
            Event.municipality_id == municipality_id,
            literal(area, String) == any_(Event.competence_areas),
            Event.start_date >= today,
            Event.archived_at.is_(None),
            Event.status != "cancelled",
        )
        .order_by(Event.start_date, Event.title)
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())


async def teacher_courses(
    session: AsyncSession, teacher_id: uuid.UUID, area: str, today: date, limit: int
) -> list[Course]:
    """The teacher's courses (enrolments) tagged with the area that have not ended yet."""
    stmt = (
        select(Course)
        .where(
            Course.teacher_id == teacher_id,
            literal(area, String) == any_(Course.competence_areas),
            Course.end_date >= today,
            Course.archived_at.is_(None),
        )
        .order_by(Course.end_date, Course.title)
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())


async def programmes_taken(
    session: AsyncSession, municipality_id: uuid.UUID, teacher_id: uuid.UUID, area: str, limit: int
) -> list[Any]:
    """Programmes (title and provider) other teachers of the municipality took for the area, the most taken first,
    one record each (the latest) — not those the teacher has taken or is taking: rows (id, title, provider_name)."""
    own = select(Course.title).where(Course.teacher_id == teacher_id, Course.archived_at.is_(None))
    group = (Course.title, Course.provider_name)
    ranked = (
        select(
            Course.id,
            Course.title,
            Course.provider_name,
            func.count().over(partition_by=group).label("taken"),
            func.row_number().over(partition_by=group, order_by=(Course.end_date.desc(), Course.id)).label("rn"),
        )
        .where(
            Course.municipality_id == municipality_id,
            literal(area, String) == any_(Course.competence_areas),
            Course.archived_at.is_(None),
            Course.teacher_id != teacher_id,
            Course.title.not_in(own),
        )
        .subquery("programmes")
    )
    stmt = (
        select(ranked.c.id, ranked.c.title, ranked.c.provider_name)
        .where(ranked.c.rn == 1)
        .order_by(ranked.c.taken.desc(), ranked.c.title)
        .limit(limit)
    )
    return list((await session.execute(stmt)).all())


async def published_practices(
    session: AsyncSession, municipality_id: uuid.UUID, area: str, limit: int
) -> list[Practice]:
    stmt = (
        select(Practice)
        .where(
            Practice.municipality_id == municipality_id,
            literal(area, String) == any_(Practice.competence_areas),
            Practice.status == "published",
            Practice.archived_at.is_(None),
        )
        .order_by(Practice.published_at.desc().nulls_last(), Practice.title)
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())


async def active_mentor_pair(session: AsyncSession, municipality_id: uuid.UUID, teacher_id: uuid.UUID) -> Any:
    stmt = select(MentoringPair).where(
        MentoringPair.municipality_id == municipality_id,
        MentoringPair.mentee_id == teacher_id,
        MentoringPair.status == "active",
        MentoringPair.archived_at.is_(None),
    )
    return (await session.scalars(stmt.limit(1))).first()


# --- evidence ---


async def own_participation(session: AsyncSession, teacher_id: uuid.UUID, participation_id: uuid.UUID) -> Any:
    """(participation, event title) when it is the teacher's own (not archived), else None."""
    stmt = (
        select(Participation, Event.title)
        .join(Event, Event.id == Participation.event_id)
        .where(
            Participation.id == participation_id,
            Participation.teacher_id == teacher_id,
            Participation.archived_at.is_(None),
        )
    )
    return (await session.execute(stmt)).one_or_none()


async def own_course(session: AsyncSession, teacher_id: uuid.UUID, course_id: uuid.UUID) -> Course | None:
    stmt = select(Course).where(Course.id == course_id, Course.teacher_id == teacher_id, Course.archived_at.is_(None))
    return (await session.scalars(stmt)).first()


async def route_file(session: AsyncSession, route_id: uuid.UUID, file_id: uuid.UUID) -> StoredFile | None:
    stmt = select(StoredFile).where(
        StoredFile.id == file_id,
        StoredFile.owner_type == "individual_route",
        StoredFile.owner_id == route_id,
        StoredFile.archived_at.is_(None),
    )
    return (await session.scalars(stmt)).first()


async def evidence_titles(session: AsyncSession, actions: Sequence[RouteAction]) -> dict[uuid.UUID, str]:
    """Names of the records the done actions point at (event titles, course titles, file names)."""
    p_ids = {a.evidence_participation_id for a in actions if a.evidence_participation_id}
    c_ids = {a.evidence_course_id for a in actions if a.evidence_course_id}
    f_ids = {a.evidence_file_id for a in actions if a.evidence_file_id}
    out: dict[uuid.UUID, str] = {}
    if p_ids:
        stmt = select(Participation.id, Event.title).join(Event, Event.id == Participation.event_id)
        out |= {r[0]: r[1] for r in (await session.execute(stmt.where(Participation.id.in_(p_ids)))).all()}
    if c_ids:
        out |= {
            r[0]: r[1] for r in (await session.execute(select(Course.id, Course.title).where(Course.id.in_(c_ids))))
        }
    if f_ids:
        stmt2 = select(StoredFile.id, StoredFile.name).where(StoredFile.id.in_(f_ids))
        out |= {r[0]: r[1] for r in (await session.execute(stmt2)).all()}
    return out


async def evidence_options(session: AsyncSession, teacher_id: uuid.UUID, limit: int = 200) -> list[dict[str, Any]]:
    """The teacher's participations (newest first) and courses, to pick as evidence."""
    parts = (
        await session.execute(
            select(Participation.id, Event.title, Event.start_date)
            .join(Event, Event.id == Participation.event_id)
            .where(Participation.teacher_id == teacher_id, Participation.archived_at.is_(None))
            .order_by(Event.start_date.desc())
            .limit(limit)
        )
    ).all()
    courses = (
        await session.execute(
            select(Course.id, Course.title, Course.end_date)
            .where(Course.teacher_id == teacher_id, Course.archived_at.is_(None))
            .order_by(Course.end_date.desc())
            .limit(limit)
        )
    ).all()
    return [{"kind": "participation", "id": r[0], "title": r[1], "on": r[2]} for r in parts] + [
        {"kind": "course", "id": r[0], "title": r[1], "on": r[2]} for r in courses
    ]


# --- the audit log ---


def audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    """«ИОМ: <педагог>» for the routes among `ids` the reader may see."""
    teacher = teachers.teacher_directory(date.today(), "audit_route_teacher")
    return (
        select(literal("individual_route"), cast(R.id, String), func.concat("ИОМ: ", teacher.c.full_name))
        .select_from(R)
        .join(teacher, teacher.c.teacher_id == R.teacher_id)
        .where(R.id.in_(ids), visible(principal.scope(RoutesPerm.READ)))
    )


describe(
    AuditSubject(
        entity_type="individual_route",
        label="Индивидуальный образовательный маршрут",
        field_labels={
            "teacher_id": "Педагог",
            "assignment_id": "Диагностика",
            "title": "Название",
            "note": "Комментарий",
            "status": "Статус",
            "goals": "Цели",
            "actions": "Действия",
            "action": "Действие",
            "evidence": "Подтверждение",
        },
        value_labels={"status": ROUTE_STATUSES, "kind": ACTION_KINDS},
        names=audit_names,
        personal=True,
        list_label="Индивидуальные маршруты",
        action_labels={
            "approve": "Утверждён",
            "complete": "Завершён",
            "action_done": "Действие выполнено",
            "action_undone": "Отметка о выполнении снята",
        },
    )
)


async def ref_exists(
    session: AsyncSession, kind: str, ref_id: uuid.UUID, municipality_id: uuid.UUID, teacher_id: uuid.UUID
) -> bool:
    """The record an action names: an event or a course of the municipality, a published practice of the municipality,
    a mentoring pair of the teacher as mentee (none archived)."""
    if kind == "event":
        cond: Any = select(Event.id).where(
            Event.id == ref_id, Event.municipality_id == municipality_id, Event.archived_at.is_(None)
        )
    elif kind == "course":
        cond = select(Course.id).where(
            Course.id == ref_id, Course.teacher_id == teacher_id, Course.archived_at.is_(None)
        )
    elif kind == "practice":
        cond = select(Practice.id).where(
            Practice.id == ref_id,
            Practice.municipality_id == municipality_id,
            Practice.status == "published",
            Practice.archived_at.is_(None),
        )
    elif kind == "mentor":
        cond = select(MentoringPair.id).where(
            MentoringPair.id == ref_id, MentoringPair.mentee_id == teacher_id, MentoringPair.archived_at.is_(None)
        )
    else:
        return False
    return (await session.scalar(cond.limit(1))) is not None


async def completed_actions_between(
    session: AsyncSession, spans: Sequence[tuple[uuid.UUID, datetime, datetime]]
) -> dict[uuid.UUID, int]:
    """Per teacher: route actions marked done after the earlier submission and up to the later one (routes in the
    archive count nowhere) — the «what was done in between» column of a re-diagnosis comparison. One statement."""
    if not spans:
        return {}
    span = values(
        column("teacher_id", Uuid),
        column("from_at", DateTime(timezone=True)),
        column("to_at", DateTime(timezone=True)),
        name="spans",
    ).data([tuple(s) for s in spans])
    stmt = (
        select(span.c.teacher_id, func.count(RouteAction.id))
        .join(IndividualRoute, IndividualRoute.teacher_id == span.c.teacher_id)
        .join(RouteAction, RouteAction.route_id == IndividualRoute.id)
        .where(
            IndividualRoute.archived_at.is_(None),
            RouteAction.status == "done",
            RouteAction.done_at > span.c.from_at,
            RouteAction.done_at <= span.c.to_at,
        )
        .group_by(span.c.teacher_id)
    )
    return {teacher_id: n for teacher_id, n in (await session.execute(stmt)).all()}
