"""Every SQL statement of diagnostics: the scope conditions (instruments: shipped or of the caller's municipality,
drafts only for their writers; campaigns: the municipality, for a school its municipality; assignments and
profiles: the municipality, a school its teachers', a teacher their own), the lists, the set-based creation of a
campaign's assignments (one INSERT … SELECT over the counted teachers), completion per organization, the topic
ranking of a survey, the profile rows, and the audit log's names."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope, municipality_visible, system_principal
from app.core.audit_trail import AuditSubject, describe
from app.core.pagination import PageParams, apply_sort, contains_pattern
from app.core.resource import Resource
from app.diagnostics.models import (
    ASSIGNMENT_STATUSES,
    INSTRUMENT_KINDS,
    INSTRUMENT_STATUSES,
    DiagAssignment,
    DiagCampaign,
    DiagFramework,
    DiagFrameworkArea,
    DiagInstrument,
    DiagProfileArea,
    DiagReminder,
)
from app.diagnostics.permissions import DiagnosticsPerm
from app.diagnostics.schemas import AssignmentFilters, CampaignFilters, InstrumentFilters, ProfileFilters
from app.organizations import service as organizations
from app.teachers import service as teachers
from app.teachers.models import TeacherSubject

N = DiagInstrument
C = DiagCampaign
A = DiagAssignment
PA = DiagProfileArea


# --- scope conditions ---


def _municipalities_of_schools(scope: Scope) -> Any:
    """SELECT the municipalities of the organizations a school-level scope names."""
    d = organizations.directory(Scope(organization_ids=scope.organization_ids), "diag_schools")
    return select(d.c.municipality_id)


def instruments_visible(scope: Scope) -> ColumnElement[bool]:
    """Shipped instruments (no municipality) for everyone who reads; a municipality's own inside the scope."""
    if scope.all:
        return true()
    if scope.empty:
        return false()
    conds: list[ColumnElement[bool]] = [N.municipality_id.is_(None)]
    if scope.municipality_ids:
        conds.append(N.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(N.municipality_id.in_(_municipalities_of_schools(scope)))
    return or_(*conds)


def instruments_readable(read: Scope, write: Scope) -> ColumnElement[bool]:
    """Published instruments inside the read scope; drafts only where the caller writes instruments."""
    return and_(instruments_visible(read), or_(N.status == "published", municipality_visible(write, N.municipality_id)))


def campaigns_visible(scope: Scope) -> ColumnElement[bool]:
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = []
    if scope.municipality_ids:
        conds.append(C.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(C.municipality_id.in_(_municipalities_of_schools(scope)))
    return or_(*conds) if conds else false()


def assignments_visible(scope: Scope) -> ColumnElement[bool]:
    """The municipality's assignments, a school's (the teacher's workplace when assigned), a teacher's own."""
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


def own_assignments_visible(scope: Scope) -> ColumnElement[bool]:
    """Answers are read only by the teacher answering (and the system administrator)."""
    if scope.all:
        return true()
    return A.teacher_id.in_(scope.teacher_ids) if scope.teacher_ids else false()


instruments: Resource[DiagInstrument] = Resource(
    model=DiagInstrument,
    entity_type="diag_instrument",
    not_found="Инструмент диагностики не найден",
    visible=instruments_visible,
    municipality_of=lambda x: x.municipality_id,
    audit_fields=("title", "kind", "status", "instrument_version", "framework_id", "description"),
)
campaigns: Resource[DiagCampaign] = Resource(
    model=DiagCampaign,
    entity_type="diag_campaign",
    not_found="Мониторинг не найден",
    visible=campaigns_visible,
    municipality_of=lambda x: x.municipality_id,
    audit_fields=("title", "instrument_id", "opens_on", "closes_on", "target", "repeat_yearly"),
)
own_assignments: Resource[DiagAssignment] = Resource(
    model=DiagAssignment,
    entity_type="diag_assignment",
    not_found="Назначение не найдено",
    visible=own_assignments_visible,
    municipality_of=lambda x: x.municipality_id,
    if_match_required=True,
)
assignments: Resource[DiagAssignment] = Resource(
    model=DiagAssignment,
    entity_type="diag_assignment",
    not_found="Назначение не найдено",
    visible=assignments_visible,
    municipality_of=lambda x: x.municipality_id,
)


# --- frameworks ---


async def frameworks(session: AsyncSession, scope: Scope) -> list[DiagFramework]:
    cond = (
        true()
        if scope.all
        else or_(DiagFramework.municipality_id.is_(None), municipality_visible(scope, DiagFramework.municipality_id))
    )
    stmt = (
        select(DiagFramework)
        .where(cond, DiagFramework.archived_at.is_(None))
        .order_by(DiagFramework.code, DiagFramework.framework_version)
    )
    return list((await session.scalars(stmt)).all())


async def framework_areas(session: AsyncSession, framework_ids: Sequence[uuid.UUID]) -> list[DiagFrameworkArea]:
    stmt = (
        select(DiagFrameworkArea)
        .where(DiagFrameworkArea.framework_id.in_(framework_ids))
        .order_by(DiagFrameworkArea.framework_id, DiagFrameworkArea.sort_order)
    )
    return list((await session.scalars(stmt)).all())


# --- instruments ---

INSTRUMENT_SORTS = {"title": N.title, "created_at": N.created_at, "updated_at": N.updated_at, "kind": N.kind}


async def instrument_page(
    session: AsyncSession, read: Scope, write: Scope, f: InstrumentFilters, params: PageParams
) -> tuple[list[DiagInstrument], int]:
    conds: list[ColumnElement[bool]] = [instruments_readable(read, write)]
    if f.kind:
        conds.append(N.kind == f.kind)
    if f.status:
        conds.append(N.status == f.status)
    if f.family_id:
        conds.append(N.family_id == f.family_id)
    if f.q:
        conds.append(N.title.ilike(contains_pattern(f.q)))
    if not f.include_archived:
        conds.append(N.archived_at.is_(None))
    stmt = apply_sort(
        select(N).where(*conds), params.sort, INSTRUMENT_SORTS, [N.title, N.instrument_version.desc(), N.id]
    )
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = (await session.scalars(stmt.limit(params.limit).offset(params.offset))).all()
    return list(rows), int(total or 0)


async def readable_instrument(session: AsyncSession, read: Scope, write: Scope, instrument_id: uuid.UUID) -> Any:
    stmt = select(N).where(N.id == instrument_id, instruments_readable(read, write))
    return (await session.scalars(stmt)).one_or_none()


async def next_version(session: AsyncSession, family_id: uuid.UUID) -> int:
    got = await session.scalar(select(func.max(N.instrument_version)).where(N.family_id == family_id))
    return int(got or 0) + 1


async def framework_exists(session: AsyncSession, scope: Scope, framework_id: uuid.UUID) -> bool:
    return any(f.id == framework_id for f in await frameworks(session, scope))


# --- campaigns ---

CAMPAIGN_SORTS = {"opens_on": C.opens_on, "closes_on": C.closes_on, "title": C.title, "created_at": C.created_at}


def _counts() -> tuple[Any, Any]:
    assigned = select(func.count()).where(A.campaign_id == C.id).correlate(C).scalar_subquery()
    submitted = (
        select(func.count()).where(A.campaign_id == C.id, A.status == "submitted").correlate(C).scalar_subquery()
    )
    return assigned, submitted


async def campaign_page(
    session: AsyncSession, scope: Scope, f: CampaignFilters, params: PageParams, today: date
) -> tuple[list[Any], int]:
    assigned, submitted = _counts()
    conds: list[ColumnElement[bool]] = [campaigns_visible(scope)]
    if f.instrument_id:
        conds.append(C.instrument_id == f.instrument_id)
    if f.state == "scheduled":
        conds.append(C.opens_on > today)
    elif f.state == "open":
        conds.append(and_(C.opens_on <= today, C.closes_on >= today))
    elif f.state == "closed":
        conds.append(C.closes_on < today)
    if not f.include_archived:
        conds.append(C.archived_at.is_(None))
    stmt = apply_sort(
        select(C, assigned.label("assigned"), submitted.label("submitted")).where(*conds),
        params.sort,
        CAMPAIGN_SORTS,
        [C.opens_on.desc(), C.id],
    )
    total = await session.scalar(select(func.count()).select_from(select(C.id).where(*conds).subquery()))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).all()
    return list(rows), int(total or 0)


async def campaign_counts(session: AsyncSession, campaign_id: uuid.UUID) -> tuple[int, int]:
    row = (
        await session.execute(
            select(func.count(), func.count().filter(A.status == "submitted")).where(A.campaign_id == campaign_id)
        )
    ).one()
    return int(row[0]), int(row[1])


async def instruments_by_id(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, DiagInstrument]:
    if not ids:
        return {}
    return {i.id: i for i in (await session.scalars(select(N).where(N.id.in_(ids)))).all()}


def _targets(c: DiagCampaign, on: date) -> tuple[Any, list[ColumnElement[bool]]]:
    """The counted teachers (main job on `on`) of the campaign's target group, and the conditions on them."""
    target = c.target or {}
    org_ids = [uuid.UUID(str(x)) for x in target.get("organization_ids") or []]
    ct = teachers.counted_teachers(
        system_principal(),
        on,
        municipality_id=c.municipality_id,
        organization_ids=org_ids or None,
        young=True if target.get("young_only") else None,
    )
    conds: list[ColumnElement[bool]] = [ct.c.municipality_id == c.municipality_id]
    if positions := target.get("position_codes"):
        conds.append(ct.c.position_code.in_(positions))
    if subjects := target.get("subject_codes"):
        conds.append(
            exists().where(TeacherSubject.teacher_id == ct.c.teacher_id, TeacherSubject.subject_code.in_(subjects))
        )
    return ct, conds


async def count_targets(session: AsyncSession, c: DiagCampaign, on: date) -> int:
    ct, conds = _targets(c, on)
    return int(await session.scalar(select(func.count(func.distinct(ct.c.teacher_id))).where(*conds)) or 0)


async def create_assignments(session: AsyncSession, c: DiagCampaign, on: date) -> int:
    """One INSERT … SELECT: an assignment for every counted teacher (main job on `on`) of the target group who has
    none in this campaign yet. Returns how many were made."""
    ct, conds = _targets(c, on)
    now = func.now()
    source = select(
        func.gen_random_uuid(),
        literal(c.municipality_id),
        literal(c.id),
        ct.c.teacher_id,
        ct.c.organization_id,
        literal("assigned"),
        cast(literal("{}"), JSONB),
        literal(1),
        literal(0),
        now,
        now,
    ).where(*conds)  # a teacher listed twice (two main jobs) is inserted once: ON CONFLICT DO NOTHING
    stmt = (
        insert(A)
        .from_select(
            [
                "id",
                "municipality_id",
                "campaign_id",
                "teacher_id",
                "organization_id",
                "status",
                "answers",
                "version",
                "reminder_count",
                "created_at",
                "updated_at",
            ],
            source,
        )
        .on_conflict_do_nothing(index_elements=["campaign_id", "teacher_id"])
    )
    result = await session.execute(stmt)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def campaigns_to_launch(session: AsyncSession, today: date, limit: int) -> list[DiagCampaign]:
    stmt = (
        select(C)
        .where(C.launched_at.is_(None), C.archived_at.is_(None), C.opens_on <= today, C.closes_on >= today)
        .order_by(C.opens_on, C.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.scalars(stmt)).all())


async def campaigns_to_repeat(session: AsyncSession, today: date, limit: int) -> list[DiagCampaign]:
    """Yearly campaigns that have closed and have no next year's copy yet."""
    nxt = C.__table__.alias("next_campaign")
    stmt = (
        select(C)
        .where(
            C.repeat_yearly.is_(True),
            C.archived_at.is_(None),
            C.closes_on < today,
            ~exists().where(nxt.c.repeated_from_id == C.id),
        )
        .order_by(C.closes_on, C.id)
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())


async def completion(session: AsyncSession, scope: Scope, campaign_id: uuid.UUID) -> list[Any]:
    """Per organization (inside the scope: a school sees its own row): assigned, started, submitted."""
    stmt = (
        select(
            A.organization_id,
            func.count().label("assigned"),
            func.count().filter(A.status == "in_progress").label("started"),
            func.count().filter(A.status == "submitted").label("submitted"),
        )
        .where(A.campaign_id == campaign_id, assignments_visible(scope) if not scope.municipality_ids else true())
        .group_by(A.organization_id)
    )
    if not scope.all and not scope.municipality_ids:
        stmt = stmt.where(A.organization_id.in_(scope.organization_ids))
    return list((await session.execute(stmt)).all())


async def topic_votes(session: AsyncSession, campaign_id: uuid.UUID, item_code: str) -> list[Any]:
    """(option key, votes) of a choice item over the submitted answers: a string answer counts once, a list once
    per option."""
    value = A.answers[item_code]
    elems = func.jsonb_array_elements_text(
        case(
            (func.jsonb_typeof(value) == "array", value),
            (func.jsonb_typeof(value) == "string", func.jsonb_build_array(value.astext)),
            else_=cast(literal("[]"), JSONB),
        )
    ).table_valued("value")
    stmt = (
        select(elems.c.value, func.count(func.distinct(A.id)))
        .select_from(A)
        .join(elems, true())
        .where(A.campaign_id == campaign_id, A.status == "submitted")
        .group_by(elems.c.value)
    )
    return list((await session.execute(stmt)).all())


async def topic_texts(
    session: AsyncSession, campaign_id: uuid.UUID, item_codes: Sequence[str], limit: int
) -> list[str]:
    if not item_codes:
        return []
    texts = []
    for code in item_codes:
        stmt = (
            select(A.answers[code].astext)
            .where(
                A.campaign_id == campaign_id,
                A.status == "submitted",
                func.jsonb_typeof(A.answers[code]) == "string",
                func.length(func.btrim(A.answers[code].astext)) > 0,
            )
            .order_by(A.submitted_at)
            .limit(limit)
        )
        texts.extend(str(x) for x in (await session.scalars(stmt)).all())
    return texts[:limit]


async def submitted_count(session: AsyncSession, campaign_id: uuid.UUID) -> int:
    got = await session.scalar(select(func.count()).where(A.campaign_id == campaign_id, A.status == "submitted"))
    return int(got or 0)


# --- assignments ---

ASSIGNMENT_SORTS = {"status": A.status, "submitted_at": A.submitted_at, "created_at": A.created_at}


def _assignment_conds(scope: Scope, f: AssignmentFilters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [assignments_visible(scope)]
    if f.campaign_id:
        conds.append(A.campaign_id == f.campaign_id)
    if f.organization_id:
        conds.append(A.organization_id == f.organization_id)
    if f.teacher_id:
        conds.append(A.teacher_id == f.teacher_id)
    if f.status:
        conds.append(A.status.in_(f.status))
    return conds


async def assignment_page(
    session: AsyncSession, scope: Scope, f: AssignmentFilters, params: PageParams
) -> tuple[list[Any], int]:
    conds = _assignment_conds(scope, f)
    stmt = apply_sort(
        select(A, C.title.label("campaign_title"), C.opens_on, C.closes_on, C.instrument_id)
        .join(C, C.id == A.campaign_id)
        .where(*conds),
        params.sort,
        ASSIGNMENT_SORTS,
        [C.opens_on.desc(), A.organization_id, A.id],
    )
    total = await session.scalar(select(func.count()).select_from(A).where(*conds))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).all()
    return list(rows), int(total or 0)


async def campaign_of(session: AsyncSession, campaign_id: uuid.UUID) -> DiagCampaign:
    return (await session.scalars(select(C).where(C.id == campaign_id))).one()


async def add_reminder(session: AsyncSession, item: DiagReminder) -> None:
    session.add(item)
    await session.flush()


async def add_profile(session: AsyncSession, rows: Sequence[DiagProfileArea]) -> None:
    session.add_all(rows)
    await session.flush()


async def profile_areas(session: AsyncSession, assignment_ids: Sequence[uuid.UUID]) -> list[DiagProfileArea]:
    if not assignment_ids:
        return []
    stmt = select(PA).where(PA.assignment_id.in_(assignment_ids)).order_by(PA.assignment_id, PA.area_code)
    return list((await session.scalars(stmt)).all())


PROFILE_SORTS = {"submitted_at": A.submitted_at}


async def profile_page(
    session: AsyncSession, scope: Scope, f: ProfileFilters, params: PageParams
) -> tuple[list[Any], int]:
    conds: list[ColumnElement[bool]] = [assignments_visible(scope), A.status == "submitted"]
    if f.campaign_id:
        conds.append(A.campaign_id == f.campaign_id)
    if f.organization_id:
        conds.append(A.organization_id == f.organization_id)
    if f.teacher_id:
        conds.append(A.teacher_id == f.teacher_id)
    if f.assignment_id:
        conds.append(A.id == f.assignment_id)
    if f.band or f.area_code:
        area = [PA.assignment_id == A.id]
        if f.band:
            area.append(PA.band == f.band)
        if f.area_code:
            area.append(PA.area_code == f.area_code)
        conds.append(exists().where(*area))
    stmt = apply_sort(
        select(A, C.title.label("campaign_title")).join(C, C.id == A.campaign_id).where(*conds),
        params.sort,
        PROFILE_SORTS,
        [A.submitted_at.desc(), A.id],
    )
    total = await session.scalar(select(func.count()).select_from(A).where(*conds))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).all()
    return list(rows), int(total or 0)


async def set_status_started(session: AsyncSession, a: DiagAssignment, when: datetime) -> None:
    a.status = "in_progress"
    a.started_at = when


# --- the audit log ---


def _instrument_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    read = principal.scope(DiagnosticsPerm.READ)
    return select(
        literal("diag_instrument"),
        cast(N.id, String),
        func.concat(N.title, " (версия ", cast(N.instrument_version, String), ")"),
    ).where(N.id.in_(ids), instruments_visible(read))


def _campaign_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    return select(literal("diag_campaign"), cast(C.id, String), C.title).where(
        C.id.in_(ids), campaigns_visible(principal.scope(DiagnosticsPerm.READ))
    )


def _assignment_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    scope = principal.scope(DiagnosticsPerm.RESULTS)
    return (
        select(literal("diag_assignment"), cast(A.id, String), func.concat("Диагностика: ", C.title))
        .join(C, C.id == A.campaign_id)
        .where(A.id.in_(ids), assignments_visible(scope))
    )


describe(
    AuditSubject(
        entity_type="diag_instrument",
        label="Инструмент диагностики",
        field_labels={
            "title": "Название",
            "kind": "Вид",
            "status": "Состояние",
            "instrument_version": "Версия",
            "framework_id": "Рамка компетенций",
            "description": "Описание",
            "sections": "Разделы и задания",
            "scale": "Шкала оценки",
            "source": "Источник",
        },
        value_labels={"kind": INSTRUMENT_KINDS, "status": INSTRUMENT_STATUSES},
        names=_instrument_names,
        list_label="Инструменты диагностики",
        action_labels={"publish": "Опубликован", "new_version": "Новая версия", "import": "Загружен из файла"},
    )
)
describe(
    AuditSubject(
        entity_type="diag_campaign",
        label="Мониторинг",
        field_labels={
            "title": "Название",
            "instrument_id": "Инструмент",
            "opens_on": "Открывается",
            "closes_on": "Закрывается",
            "target": "Кому",
            "repeat_yearly": "Ежегодно",
            "assigned": "Назначено педагогам",
        },
        names=_campaign_names,
        list_label="Мониторинги",
        action_labels={"launch": "Назначен педагогам", "repeat": "Создан на следующий год"},
    )
)
describe(
    AuditSubject(
        entity_type="diag_assignment",
        label="Диагностика педагога",
        field_labels={
            "status": "Состояние",
            "answered": "Ответов",
            "reminder": "Напоминание",
            "source": "Где просмотрено",
        },
        value_labels={
            "status": ASSIGNMENT_STATUSES,
            "source": {"corporate_deficits": "Корпоративные дефициты", "comparison": "Повторная диагностика"},
        },
        names=_assignment_names,
        personal=True,
        list_label="Диагностики педагогов",
        action_labels={"answer": "Ответы сохранены", "submit": "Отправлено", "remind": "Напоминание"},
    )
)
