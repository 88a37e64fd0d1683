"""Every SQL statement of the practice bank: the scope conditions (who changes a practice; who reads it — everyone
of the municipality a published one, its authors, school, methodologists and assigned reviewers the others), the
list with Russian full-text search (`websearch_to_tsquery('russian', …)`, ranked, with a `ts_headline` snippet),
the reviews and the municipality's criteria."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    String,
    and_,
    cast,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import array as pg_array
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.core.access import Principal, Scope, municipality_visible
from app.core.audit_trail import AuditSubject, describe
from app.core.pagination import PageParams, apply_sort
from app.core.resource import Resource
from app.practices.models import (
    KINDS,
    RECOMMENDATIONS,
    STATUSES,
    Practice,
    PracticeAuthor,
    PracticeCriterion,
    PracticeMaterial,
    PracticeReview,
)
from app.practices.permissions import PracticePerm
from app.practices.schemas import PracticeFilters
from app.teachers import service as teachers

P = Practice
CHILDREN = (selectinload(P.authors), selectinload(P.materials), selectinload(P.presentations))


def write_visible(scope: Scope) -> ColumnElement[bool]:
    """A practice inside a write (or publish) scope: its municipality is in it; or it belongs to one of the scope's
    schools, or one of its authors works there now; or one of its authors is the scope's own teacher record."""
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = []
    if scope.municipality_ids:
        conds.append(P.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(P.organization_id.in_(scope.organization_ids))
    if scope.organization_ids or scope.teacher_ids:
        people = teachers.teacher_ids_in_scope(
            Scope(organization_ids=scope.organization_ids, teacher_ids=scope.teacher_ids)
        )
        conds.append(
            exists().where(
                PracticeAuthor.practice_id == P.id,
                PracticeAuthor.municipality_id == P.municipality_id,
                PracticeAuthor.teacher_id.in_(people),
            )
        )
    return or_(*conds) if conds else false()


def read_visible(principal: Principal) -> ColumnElement[bool]:
    """What the caller reads: inside its read scope (the municipality), published — or, before publication, a
    practice it may change or publish, or one it is an assigned reviewer of."""
    read = principal.scope(PracticePerm.READ)
    if read.empty:
        return false()
    own: list[ColumnElement[bool]] = [P.status == "published"]
    for perm in (PracticePerm.WRITE, PracticePerm.PUBLISH):
        if principal.has(perm):
            own.append(write_visible(principal.scope(perm)))
    if principal.has(PracticePerm.REVIEW):
        own.append(
            exists().where(
                PracticeReview.practice_id == P.id,
                PracticeReview.municipality_id == P.municipality_id,
                PracticeReview.reviewer_id == principal.id,
            )
        )
    inside = true() if read.all else or_(municipality_visible(read, P.municipality_id), write_visible(read))
    return and_(inside, or_(*own))


AUDIT_FIELDS = (
    "title",
    "organization_id",
    "kind",
    "level",
    "description",
    "keywords",
    "competence_areas",
    "subjects",
    "status",
    "published_at",
    "return_comment",
)

practices: Resource[Practice] = Resource(
    model=Practice,
    entity_type="practice",
    not_found="Практика не найдена",
    visible=write_visible,
    municipality_of=lambda p: p.municipality_id,
    audit_fields=AUDIT_FIELDS,
    if_match_required=True,
)


def _municipality_of_criterion(c: PracticeCriterion) -> uuid.UUID:
    return c.municipality_id


criteria: Resource[PracticeCriterion] = Resource(
    model=PracticeCriterion,
    entity_type="practice_criterion",
    not_found="Критерий не найден",
    visible=lambda scope: municipality_visible(scope, PracticeCriterion.municipality_id),
    municipality_of=_municipality_of_criterion,
    audit_fields=("code", "name", "max_score", "sort_order", "is_active"),
    if_match_required=True,
)


# --- the list -----------------------------------------------------------------------------------------------------


def _tsquery(q: str) -> Any:
    return func.websearch_to_tsquery("russian", q)


def filters(f: PracticeFilters) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.q:
        out.append(P.search.op("@@")(_tsquery(f.q)))
    if f.period is not None:  # published in the period; before publication: made in the period
        day = cast(func.timezone("UTC", func.coalesce(P.published_at, P.created_at)), Date)
        out.append(and_(day >= f.period.start, day <= f.period.end))
    if f.organization_id:
        out.append(P.organization_id == f.organization_id)
    if f.status:
        out.append(P.status.in_(f.status))
    if f.level:
        out.append(P.level.in_(f.level))
    if f.kind:
        out.append(P.kind.in_(f.kind))
    if f.area:
        out.append(P.competence_areas.op("&&")(pg_array([literal(x, String) for x in f.area])))
    if f.subject:
        out.append(P.subjects.op("&&")(pg_array([literal(x, String) for x in f.subject])))
    if f.teacher_id:
        out.append(exists().where(PracticeAuthor.practice_id == P.id, PracticeAuthor.teacher_id == f.teacher_id))
    if not f.include_archived:
        out.append(P.archived_at.is_(None))
    return out


def _list_query(principal: Principal, f: PracticeFilters, sort: str | None) -> Any:
    columns: list[Any] = [P]
    default: list[Any] = [P.published_at.desc().nulls_last(), P.updated_at.desc(), P.id]
    if f.q:
        tsq = _tsquery(f.q)
        rank = func.ts_rank(P.search, tsq)
        text = func.concat_ws(". ", P.title, P.description)
        headline = func.ts_headline(
            "russian", text, tsq, "MaxWords=30, MinWords=10, MaxFragments=2, StartSel=«, StopSel=»"
        )
        columns += [rank.label("rank"), headline.label("snippet")]
        default = [rank.desc(), *default]
    else:
        columns += [literal(None).label("rank"), literal(None, String).label("snippet")]
    stmt = select(*columns).where(read_visible(principal), *filters(f)).options(*CHILDREN)
    sorts = {
        "title": P.title,
        "published_at": P.published_at,
        "created_at": P.created_at,
        "updated_at": P.updated_at,
        "status": P.status,
    }
    return apply_sort(stmt, sort, sorts, default)


async def page(
    session: AsyncSession, principal: Principal, f: PracticeFilters, params: PageParams
) -> tuple[list[Any], int]:
    stmt = _list_query(principal, f, params.sort).add_columns(func.count().over().label("total"))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).unique().all()
    if rows:
        return list(rows), int(rows[0].total)
    count = select(func.count()).select_from(P).where(read_visible(principal), *filters(f))
    return [], int(await session.scalar(count) or 0)


async def all_rows(session: AsyncSession, principal: Principal, f: PracticeFilters, sort: str | None, limit: int):  # type: ignore[no-untyped-def]
    return list((await session.execute(_list_query(principal, f, sort).limit(limit))).unique().all())


async def readable(session: AsyncSession, principal: Principal, practice_id: uuid.UUID) -> Practice | None:
    stmt = select(P).where(P.id == practice_id, read_visible(principal)).options(*CHILDREN)
    return (await session.scalars(stmt)).unique().one_or_none()


async def readable_material(
    session: AsyncSession, principal: Principal, material_id: uuid.UUID
) -> PracticeMaterial | None:
    """A material of a practice the caller reads (as visible as its practice)."""
    stmt = (
        select(PracticeMaterial)
        .join(P, (P.id == PracticeMaterial.practice_id) & (P.municipality_id == PracticeMaterial.municipality_id))
        .where(PracticeMaterial.id == material_id, read_visible(principal))
    )
    return (await session.scalars(stmt)).one_or_none()


async def get_writable(session: AsyncSession, scope: Scope, practice_id: uuid.UUID) -> Practice:
    return await practices.get(session, scope, practice_id, *CHILDREN)


async def in_scope(session: AsyncSession, scope: Scope, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    if not ids or scope.empty:
        return set()
    return set((await session.scalars(select(P.id).where(P.id.in_(ids), write_visible(scope)))).all())


async def lock(session: AsyncSession, practice_id: uuid.UUID) -> None:
    """Serialise the transitions of one practice (two experts saving at once, a publication racing a return)."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(f"practice:{practice_id}", 0))))


# --- reviews ------------------------------------------------------------------------------------------------------


async def reviews_of(session: AsyncSession, practice_ids: Sequence[uuid.UUID]) -> list[PracticeReview]:
    if not practice_ids:
        return []
    stmt = (
        select(PracticeReview)
        .where(PracticeReview.practice_id.in_(practice_ids))
        .order_by(PracticeReview.round, PracticeReview.created_at, PracticeReview.id)
    )
    return list((await session.scalars(stmt)).all())


async def review_of(
    session: AsyncSession, practice: Practice, round_: int, reviewer_id: uuid.UUID
) -> PracticeReview | None:
    stmt = select(PracticeReview).where(
        PracticeReview.practice_id == practice.id,
        PracticeReview.municipality_id == practice.municipality_id,
        PracticeReview.round == round_,
        PracticeReview.reviewer_id == reviewer_id,
    )
    return (await session.scalars(stmt)).one_or_none()


# --- criteria -----------------------------------------------------------------------------------------------------


async def criteria_of(session: AsyncSession, municipality_id: uuid.UUID) -> list[PracticeCriterion]:
    stmt = (
        select(PracticeCriterion)
        .where(PracticeCriterion.municipality_id == municipality_id)
        .order_by(PracticeCriterion.sort_order, PracticeCriterion.name, PracticeCriterion.id)
    )
    return list((await session.scalars(stmt)).all())


async def lock_criteria(session: AsyncSession, municipality_id: uuid.UUID) -> None:
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(f"criteria:{municipality_id}", 0))))


async def criterion_code_taken(session: AsyncSession, municipality_id: uuid.UUID, code: str) -> bool:
    stmt = select(exists().where(PracticeCriterion.municipality_id == municipality_id, PracticeCriterion.code == code))
    return bool(await session.scalar(stmt))


async def published_count(session: AsyncSession, municipality_id: uuid.UUID, start: date, end: date) -> int:
    """Practices published in a period (K-4.1.1), by the date of first publication."""
    day = cast(func.timezone("UTC", P.published_at), Date)
    stmt = select(func.count()).where(
        P.municipality_id == municipality_id,
        P.status == "published",
        P.archived_at.is_(None),
        day >= start,
        day <= end,
    )
    return int(await session.scalar(stmt) or 0)


# --- the audit log ------------------------------------------------------------------------------------------------


def audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    return select(literal("practice"), cast(P.id, String), func.concat("Практика: ", P.title)).where(
        P.id.in_(ids), read_visible(principal)
    )


def criterion_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    C = PracticeCriterion
    return select(literal("practice_criterion"), cast(C.id, String), func.concat("Критерий: ", C.name)).where(
        C.id.in_(ids), municipality_visible(principal.scope(PracticePerm.READ), C.municipality_id)
    )


describe(
    AuditSubject(
        entity_type="practice",
        label="Практика",
        field_labels={
            "title": "Название",
            "organization_id": "Организация",
            "author_ids": "Авторы",
            "kind": "Вид",
            "level": "Уровень",
            "description": "Описание",
            "keywords": "Ключевые слова",
            "competence_areas": "Области компетенций",
            "subjects": "Предметы",
            "materials": "Материалы",
            "participation_ids": "Выступления",
            "status": "Статус",
            "published_at": "Дата публикации",
            "return_comment": "Комментарий при возврате",
            "reviewers": "Эксперты",
            "review": "Рецензия",
            "comment": "Комментарий",
        },
        value_labels={"kind": KINDS, "status": STATUSES, "recommendation": RECOMMENDATIONS},
        names=audit_names,
        list_label="Банк практик",
    )
)
describe(
    AuditSubject(
        entity_type="practice_criterion",
        label="Критерий экспертизы практик",
        field_labels={
            "code": "Код",
            "name": "Название",
            "max_score": "Максимальный балл",
            "sort_order": "Порядок",
            "is_active": "Применяется",
        },
        names=criterion_names,
    )
)
