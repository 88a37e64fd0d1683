"""Every SQL statement of programmes and roadmaps: the scope conditions (a programme and its activities are read by
everyone who reads the municipality; an activity is reported on by those whose scope covers the municipality, its
responsible organization or teacher, or whose account it names), the activity list with its occurrence counts, the
progress by section, the lookups the import matches against (people, organizations, KPI codes), the evidence
records checked inside the municipality and the nightly job's statements."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, exists, false, func, literal, or_, select, true, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PgUUID
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.audit_trail import AuditSubject, describe
from app.core.pagination import PageParams, apply_sort
from app.core.resource import Resource
from app.roadmap.models import Activity, Occurrence, Programme, Report, Section, Stage
from app.roadmap.permissions import RoadmapPerm
from app.roadmap.schemas import OCCURRENCE_STATUS_LABELS, PROGRAMME_STATUS_LABELS, ActivityFilters

A, Occ = Activity, Occurrence
OPEN = ("planned", "in_progress", "overdue")


def _uuids(ids: Sequence[uuid.UUID]) -> Any:
    return cast(list(ids), ARRAY(PgUUID(as_uuid=True)))


def programme_visible(scope: Scope) -> ColumnElement[bool]:
    if scope.all:
        return true()
    conds = []
    if scope.municipality_ids:
        conds.append(Programme.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(Programme.organization_id.in_(scope.organization_ids))
    return or_(*conds) if conds else false()


def activity_visible(scope: Scope, user_id: uuid.UUID | None = None) -> ColumnElement[bool]:
    """Read: the municipality. Report: also the activities naming the scope's organizations or teachers, or the
    account itself."""
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = []
    if scope.municipality_ids:
        conds.append(A.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(A.responsible_organization_ids.overlap(_uuids(sorted(scope.organization_ids))))
    if scope.teacher_ids:
        conds.append(A.responsible_teacher_ids.overlap(_uuids(sorted(scope.teacher_ids))))
    if user_id is not None:
        conds.append(A.responsible_user_ids.contains(_uuids([user_id])))
    return or_(*conds) if conds else false()


PROGRAMME_FIELDS = (
    "organization_id",
    "title",
    "period_start",
    "period_end",
    "goal",
    "tasks",
    "expected_results",
    "basis_text",
    "basis_document_id",
    "status",
)
ACTIVITY_FIELDS = (
    "number",
    "title",
    "timeframe_text",
    "schedule_kind",
    "starts_on",
    "due_on",
    "rrule",
    "window_months",
    "schedule_note",
    "needs_review",
    "responsible_text",
    "kpi_codes",
    "section_id",
)

programmes: Resource[Programme] = Resource(
    model=Programme,
    entity_type="roadmap_programme",
    not_found="Программа не найдена",
    visible=programme_visible,
    municipality_of=lambda p: p.municipality_id,
    sorts={
        "title": Programme.title,
        "period_start": Programme.period_start,
        "status": Programme.status,
        "updated_at": Programme.updated_at,
    },
    default_order=(Programme.period_start.desc(), Programme.title, Programme.id),
    audit_fields=PROGRAMME_FIELDS,
    if_match_required=True,
)
activities: Resource[Activity] = Resource(
    model=Activity,
    entity_type="roadmap_activity",
    not_found="Мероприятие не найдено",
    visible=activity_visible,
    municipality_of=lambda a: a.municipality_id,
    audit_fields=ACTIVITY_FIELDS,
    if_match_required=True,
)


def _occurrence_visible(scope: Scope) -> ColumnElement[bool]:
    return Occ.activity_id.in_(select(A.id).where(activity_visible(scope)))


occurrences: Resource[Occurrence] = Resource(
    model=Occurrence,
    entity_type="roadmap_occurrence",
    not_found="Срок мероприятия не найден",
    visible=_occurrence_visible,
    municipality_of=lambda o: o.municipality_id,
    audit_fields=("starts_on", "due_on", "status", "done_on"),
)


# --- programmes ---


async def programme_page(
    session: AsyncSession, scope: Scope, status: list[str] | None, include_archived: bool, page: PageParams
) -> tuple[list[Programme], int]:
    conds = [Programme.status.in_(status)] if status else []
    return await programmes.list(session, scope, page, conds, include_archived=include_archived)


async def stages_of(session: AsyncSession, programme_ids: Sequence[uuid.UUID]) -> list[Stage]:
    stmt = select(Stage).where(Stage.programme_id.in_(programme_ids)).order_by(Stage.programme_id, Stage.position)
    return list((await session.scalars(stmt)).all())


async def replace_stages(session: AsyncSession, programme: Programme, stages: list[dict[str, Any]]) -> None:
    for s in await stages_of(session, [programme.id]):
        await session.delete(s)
    await session.flush()
    for i, s in enumerate(stages):
        session.add(Stage(municipality_id=programme.municipality_id, programme_id=programme.id, position=i, **s))
    await session.flush()


async def sections_of(session: AsyncSession, programme_ids: Sequence[uuid.UUID]) -> list[Section]:
    stmt = select(Section).where(Section.programme_id.in_(programme_ids)).order_by(Section.programme_id, Section.number)
    return list((await session.scalars(stmt)).all())


async def activity_counts(session: AsyncSession, programme_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    stmt = (
        select(A.programme_id, func.count())
        .where(A.programme_id.in_(programme_ids), A.archived_at.is_(None))
        .group_by(A.programme_id)
    )
    return {pid: int(n) for pid, n in (await session.execute(stmt)).all()}


async def programme_activities(session: AsyncSession, programme_id: uuid.UUID) -> list[Activity]:
    """Every activity of a programme (archived too: a re-import brings one back), in the roadmap's order."""
    stmt = select(A).where(A.programme_id == programme_id).order_by(A.position, A.number)
    return list((await session.scalars(stmt)).all())


async def programme_occurrences(session: AsyncSession, programme_id: uuid.UUID) -> list[Occurrence]:
    stmt = select(Occ).where(Occ.programme_id == programme_id).order_by(Occ.activity_id, Occ.starts_on)
    return list((await session.scalars(stmt)).all())


async def programme_reports(session: AsyncSession, programme_id: uuid.UUID) -> list[Report]:
    stmt = (
        select(Report)
        .join(A, A.id == Report.activity_id)
        .where(A.programme_id == programme_id, Report.archived_at.is_(None))
        .order_by(Report.reported_on, Report.created_at)
    )
    return list((await session.scalars(stmt)).all())


# --- activities ---


def _state_counts() -> Any:
    """Per activity: occurrence counts by status and the next open due date (a lateral-free grouped subquery)."""
    cols = [func.count().filter(Occ.status == s).label(s) for s in OCCURRENCE_STATUS_LABELS]
    return (
        select(
            Occ.activity_id,
            *cols,
            func.min(Occ.due_on).filter(Occ.status.in_(OPEN)).label("next_due_on"),
        )
        .group_by(Occ.activity_id)
        .subquery("occurrence_counts")
    )


def _has_occurrence(*conds: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists().where(Occ.activity_id == A.id, *conds)


def activity_filters(
    f: ActivityFilters, principal: Principal, today: date, mine_teacher_ids: Sequence[uuid.UUID]
) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.programme_id:
        out.append(A.programme_id == f.programme_id)
    if f.section_id:
        out.append(A.section_id == f.section_id)
    if f.status:
        out.append(_has_occurrence(Occ.status.in_(f.status)))
    if f.mine:
        mine: list[ColumnElement[bool]] = [A.responsible_user_ids.contains(_uuids([principal.id]))]
        if mine_teacher_ids:
            mine.append(A.responsible_teacher_ids.overlap(_uuids(list(mine_teacher_ids))))
        out.append(or_(*mine))
    if f.overdue:
        out.append(_has_occurrence(or_(Occ.status == "overdue", and_(Occ.status.in_(OPEN), Occ.due_on < today))))
    if f.due_this_month:
        first = today.replace(day=1)
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        out.append(_has_occurrence(Occ.status.in_(OPEN), Occ.due_on >= first, Occ.due_on < nxt))
    if f.kpi:
        out.append(A.kpi_codes.contains(cast([f.kpi], ARRAY(String(32)))))
    if f.needs_review is not None:
        out.append(A.needs_review.is_(f.needs_review))
    if not f.include_archived:
        out.append(A.archived_at.is_(None))
    return out


def _activity_query(scope: Scope, conds: list[ColumnElement[bool]], sort: str | None) -> Any:
    counts = _state_counts()
    stmt = (
        select(
            A,
            Programme.title.label("programme_title"),
            Section.number.label("section_number"),
            Section.title.label("section_title"),
            *[func.coalesce(counts.c[s], 0).label(s) for s in OCCURRENCE_STATUS_LABELS],
            counts.c.next_due_on,
        )
        .select_from(A)
        .join(Programme, Programme.id == A.programme_id)
        .join(Section, Section.id == A.section_id)
        .outerjoin(counts, counts.c.activity_id == A.id)
        .where(activity_visible(scope), Programme.archived_at.is_(None), *conds)
    )
    sorts = {
        "number": A.position,
        "title": A.title,
        "next_due_on": counts.c.next_due_on,
        "updated_at": A.updated_at,
        "programme": Programme.title,
    }
    return apply_sort(stmt, sort, sorts, [Programme.period_start.desc(), A.programme_id, A.position, A.id])


async def activity_page(
    session: AsyncSession, scope: Scope, conds: list[ColumnElement[bool]], params: PageParams
) -> tuple[list[Any], int]:
    stmt = _activity_query(scope, conds, params.sort).add_columns(func.count().over().label("total"))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).all()
    if rows:
        return list(rows), int(rows[0].total)
    total = await session.scalar(select(func.count()).select_from(_activity_query(scope, conds, None).subquery()))
    return [], int(total or 0)


async def activity_row(session: AsyncSession, scope: Scope, activity_id: uuid.UUID) -> Any:
    return (await session.execute(_activity_query(scope, [A.id == activity_id], None))).one_or_none()


async def in_scope(
    session: AsyncSession, scope: Scope, ids: Sequence[uuid.UUID], user_id: uuid.UUID | None
) -> set[uuid.UUID]:
    if not ids:
        return set()
    stmt = select(A.id).where(A.id.in_(ids), activity_visible(scope, user_id))
    return set((await session.scalars(stmt)).all())


async def occurrences_of(session: AsyncSession, activity_ids: Sequence[uuid.UUID]) -> list[Occurrence]:
    stmt = select(Occ).where(Occ.activity_id.in_(activity_ids)).order_by(Occ.activity_id, Occ.starts_on)
    return list((await session.scalars(stmt)).all())


async def reports_of(session: AsyncSession, occurrence_ids: Sequence[uuid.UUID]) -> list[Report]:
    stmt = (
        select(Report)
        .where(Report.occurrence_id.in_(occurrence_ids), Report.archived_at.is_(None))
        .order_by(Report.reported_on, Report.created_at)
    )
    return list((await session.scalars(stmt)).all())


async def occurrence_for_report(
    session: AsyncSession, scope: Scope, occurrence_id: uuid.UUID, user_id: uuid.UUID | None
) -> Occurrence | None:
    stmt = select(Occ).where(
        Occ.id == occurrence_id, Occ.activity_id.in_(select(A.id).where(activity_visible(scope, user_id)))
    )
    return (await session.scalars(stmt)).one_or_none()


async def reported_occurrences(session: AsyncSession, occurrence_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    if not occurrence_ids:
        return set()
    stmt = select(Report.occurrence_id).where(Report.occurrence_id.in_(occurrence_ids)).distinct()
    return set((await session.scalars(stmt)).all())


# --- progress ---


async def progress_counts(session: AsyncSession, programme_id: uuid.UUID, today: date) -> list[Any]:
    """Per section: activities, occurrences by status and those due by today (not cancelled)."""
    occ = (
        select(
            A.section_id.label("section_id"),
            *[func.count(Occ.id).filter(Occ.status == s).label(s) for s in OCCURRENCE_STATUS_LABELS],
            func.count(Occ.id).filter(Occ.due_on <= today, Occ.status != "cancelled").label("due_to_date"),
            func.count(Occ.id).filter(Occ.due_on <= today, Occ.status == "done").label("done_of_due"),
        )
        .select_from(A)
        .join(Occ, Occ.activity_id == A.id)
        .where(A.programme_id == programme_id, A.archived_at.is_(None))
        .group_by(A.section_id)
        .subquery("occ")
    )
    acts = (
        select(
            A.section_id.label("section_id"),
            func.count().label("activities"),
            func.count().filter(A.needs_review).label("needs_review"),
        )
        .where(A.programme_id == programme_id, A.archived_at.is_(None))
        .group_by(A.section_id)
        .subquery("acts")
    )
    stmt = (
        select(
            Section.id,
            Section.number,
            Section.title,
            func.coalesce(acts.c.activities, 0).label("activities"),
            func.coalesce(acts.c.needs_review, 0).label("needs_review"),
            *[func.coalesce(occ.c[s], 0).label(s) for s in OCCURRENCE_STATUS_LABELS],
            func.coalesce(occ.c.due_to_date, 0).label("due_to_date"),
            func.coalesce(occ.c.done_of_due, 0).label("done_of_due"),
        )
        .outerjoin(acts, acts.c.section_id == Section.id)
        .outerjoin(occ, occ.c.section_id == Section.id)
        .where(Section.programme_id == programme_id)
        .order_by(Section.number)
    )
    return list((await session.execute(stmt)).all())


# --- the import's lookups (inside the programme's municipality only) ---


async def people_of(session: AsyncSession, municipality_id: uuid.UUID) -> tuple[list[Any], list[Any]]:
    """(accounts: id, full name) and (teachers: id, last, first, middle) of the municipality, not archived."""
    from app.auth.models import User
    from app.teachers.models import Teacher

    users = (
        await session.execute(
            select(User.id, User.full_name).where(
                User.municipality_id == municipality_id, User.archived_at.is_(None), User.is_active.is_(True)
            )
        )
    ).all()
    teachers = (
        await session.execute(
            select(Teacher.id, Teacher.last_name, Teacher.first_name, Teacher.middle_name).where(
                Teacher.municipality_id == municipality_id, Teacher.archived_at.is_(None)
            )
        )
    ).all()
    return list(users), list(teachers)


async def organizations_of(session: AsyncSession, municipality_id: uuid.UUID) -> list[Any]:
    from app.organizations.models import Organization

    stmt = select(Organization.id, Organization.name, Organization.short_name, Organization.type_code).where(
        Organization.municipality_id == municipality_id, Organization.archived_at.is_(None)
    )
    return list((await session.execute(stmt)).all())


async def kpi_codes_of(session: AsyncSession, municipality_id: uuid.UUID) -> set[str]:
    """The KPI codes known to the municipality: the shipped catalogue and its own indicators."""
    from app.kpi.models import KpiIndicator

    stmt = select(KpiIndicator.code).where(
        or_(KpiIndicator.municipality_id.is_(None), KpiIndicator.municipality_id == municipality_id),
        KpiIndicator.archived_at.is_(None),
    )
    return set((await session.scalars(stmt)).all())


async def teacher_ids_of_user(session: AsyncSession, user_id: uuid.UUID) -> list[uuid.UUID]:
    """The teacher records an account is tied to (its teacher roles): «мои мероприятия» match those too."""
    from app.auth.models import RoleAssignment

    stmt = select(RoleAssignment.teacher_id).where(
        RoleAssignment.user_id == user_id, RoleAssignment.teacher_id.is_not(None)
    )
    return [t for t in (await session.scalars(stmt)).all() if t]


async def evidence_titles(
    session: AsyncSession, municipality_id: uuid.UUID, kind: str, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """The records of `kind` among `ids` that exist in the municipality (not archived), with their titles."""
    from app.associations.models import AssociationMeeting
    from app.diagnostics.models import DiagCampaign
    from app.documents.models import Document
    from app.events.models import Event
    from app.files.models import StoredFile

    models: dict[str, tuple[Any, Any]] = {
        "event": (Event, Event.title),
        "campaign": (DiagCampaign, DiagCampaign.title),
        "document": (Document, Document.title),
        "meeting": (AssociationMeeting, AssociationMeeting.topic),
        "file": (StoredFile, StoredFile.name),
    }
    model, title = models[kind]
    stmt = select(model.id, title).where(model.id.in_(ids), model.municipality_id == municipality_id)
    if hasattr(model, "archived_at"):
        stmt = stmt.where(model.archived_at.is_(None))
    return {i: t for i, t in (await session.execute(stmt)).all()}


# --- the nightly job (every municipality) ---


async def mark_overdue(session: AsyncSession, today: date) -> list[Any]:
    """Open occurrences due before `today` become overdue; returns (id, municipality_id) of those changed."""
    stmt = (
        update(Occ)
        .where(Occ.status.in_(("planned", "in_progress")), Occ.due_on < today)
        .values(status="overdue", version=Occ.version + 1, updated_at=func.now())
        .returning(Occ.id, Occ.municipality_id, Occ.activity_id)
    )
    return list((await session.execute(stmt)).all())


async def due_soon(session: AsyncSession, today: date, until: date, limit: int) -> list[Any]:
    """Open occurrences due between today and `until` not yet reminded: (occurrence, activity, programme title)."""
    stmt = (
        select(Occ, A, Programme.title)
        .join(A, A.id == Occ.activity_id)
        .join(Programme, Programme.id == Occ.programme_id)
        .where(
            Occ.status.in_(("planned", "in_progress")),
            Occ.due_on >= today,
            Occ.due_on <= until,
            Occ.reminded_on.is_(None),
            A.archived_at.is_(None),
            Programme.archived_at.is_(None),
        )
        .order_by(Occ.municipality_id, Occ.due_on, Occ.id)
        .limit(limit)
    )
    return list((await session.execute(stmt)).all())


async def users_of_teachers(
    session: AsyncSession, teacher_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    from app.auth.models import RoleAssignment, User

    if not teacher_ids:
        return {}
    stmt = (
        select(RoleAssignment.teacher_id, RoleAssignment.user_id)
        .join(User, User.id == RoleAssignment.user_id)
        .where(RoleAssignment.teacher_id.in_(teacher_ids), User.is_active.is_(True), User.archived_at.is_(None))
    )
    out: dict[uuid.UUID, list[uuid.UUID]] = {}
    for tid, uid in (await session.execute(stmt)).all():
        out.setdefault(tid, []).append(uid)
    return out


# --- the audit log ---


def audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    scope = principal.scope(RoadmapPerm.READ)
    return select(literal("roadmap_programme"), cast(Programme.id, String), Programme.title).where(
        Programme.id.in_(ids), programme_visible(scope)
    )


def audit_activity_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    scope = principal.scope(RoadmapPerm.READ)
    return select(
        literal("roadmap_activity"), cast(A.id, String), func.concat("Мероприятие ", A.number, ": ", A.title)
    ).where(A.id.in_(ids), activity_visible(scope))


describe(
    AuditSubject(
        entity_type="roadmap_programme",
        label="Программа",
        field_labels={
            "title": "Название",
            "period_start": "Начало периода",
            "period_end": "Окончание периода",
            "goal": "Цель",
            "tasks": "Задачи",
            "expected_results": "Ожидаемые результаты",
            "basis_text": "Основание",
            "basis_document_id": "Документ-основание",
            "status": "Статус",
            "stages": "Этапы",
        },
        value_labels={"status": PROGRAMME_STATUS_LABELS},
        names=audit_names,
        list_label="Программы",
        action_labels={"import": "Загрузка дорожной карты"},
    )
)
describe(
    AuditSubject(
        entity_type="roadmap_activity",
        label="Мероприятие дорожной карты",
        field_labels={
            "number": "Номер",
            "title": "Мероприятие",
            "timeframe_text": "Сроки выполнения",
            "schedule_kind": "Вид расписания",
            "starts_on": "Начало",
            "due_on": "Срок",
            "rrule": "Повтор",
            "responsible_text": "Ответственные",
            "kpi_codes": "Показатели KPI",
        },
        names=audit_activity_names,
        list_label="Дорожная карта",
    )
)
describe(
    AuditSubject(
        entity_type="roadmap_occurrence",
        label="Срок мероприятия",
        field_labels={"starts_on": "Начало", "due_on": "Срок", "status": "Статус", "done_on": "Выполнено"},
        value_labels={"status": OCCURRENCE_STATUS_LABELS},
    )
)
describe(
    AuditSubject(
        entity_type="roadmap_report",
        label="Отчёт о выполнении мероприятия",
        field_labels={"reported_on": "Дата отчёта", "text": "Что сделано", "records": "Подтверждения"},
    )
)
