"""Every SQL statement of teachers: the scope condition (a school sees the people who currently work there), the
list's columns, lookups used by the import, the export and the home-page figures."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ARRAY,
    BindParameter,
    ColumnElement,
    Date,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    delete,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by, distinct_on
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from app.core.access import Principal, Scope, municipality_visible, organization_visible
from app.core.audit_trail import AuditReader, AuditSubject, ValueFormatter, describe
from app.core.pagination import PageParams, apply_sort, sort_order
from app.core.resource import Resource
from app.core.search import text_search
from app.organizations.models import Organization
from app.reference.models import Position, QualificationCategory
from app.teachers import rules
from app.teachers.models import (
    Employment,
    Teacher,
    TeacherCategory,
    TeacherExternalId,
    TeacherStatsMunicipality,
    TeacherStatsOrganization,
    TeacherStatsVersion,
    TeacherSubject,
    employed_on,
)
from app.teachers.permissions import TeacherPerm
from app.teachers.schemas import KIND_RU, TeacherFilters
from app.tenants.models import Municipality


def teacher_visible(scope: Scope, on: date | None = None) -> ColumnElement[bool]:
    """A teacher is visible to a municipality of the scope, to a school where they currently work (main or
    part-time), and to themselves."""
    if scope.all:
        return true()
    on = on or date.today()
    conds = []
    if scope.municipality_ids:
        conds.append(Teacher.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(
            exists().where(
                and_(
                    Employment.teacher_id == Teacher.id,
                    Employment.municipality_id == Teacher.municipality_id,
                    Employment.organization_id.in_(scope.organization_ids),
                    employed_on(Employment, on),
                )
            )
        )
    if scope.teacher_ids:
        conds.append(Teacher.id.in_(scope.teacher_ids))
    return or_(*conds) if conds else false()


# --- SQL expressions ---


def latest_category_col(column: Any) -> Any:
    return (
        select(column)
        .where(
            TeacherCategory.teacher_id == Teacher.id,
            TeacherCategory.municipality_id == Teacher.municipality_id,
        )
        .order_by(TeacherCategory.granted_on.desc(), TeacherCategory.created_at.desc())
        .limit(1)
        .scalar_subquery()
    )


def _municipal_only(scope: Scope) -> bool:
    """The scope reaches whole municipalities only (no single schools or own records besides)."""
    return scope.all or not (scope.organization_ids or scope.teacher_ids)


def latest_categories(scope: Scope) -> Any:
    """The latest category of every teacher inside `scope` at once (DISTINCT ON, to be hash-joined): aggregates
    over many teachers use this instead of a lookup per teacher. For a municipal scope the rows are chosen by
    their own `municipality_id` (a superset the caller's join narrows), not through a join to the teachers."""
    if _municipal_only(scope):
        chosen = municipality_visible(scope, TeacherCategory.municipality_id)
    else:
        chosen = TeacherCategory.teacher_id.in_(select(Teacher.id).where(teacher_visible(scope)))
    return (
        select(TeacherCategory.teacher_id, TeacherCategory.municipality_id, TeacherCategory.expires_on)
        .where(chosen)
        .ext(distinct_on(TeacherCategory.teacher_id))
        .order_by(TeacherCategory.teacher_id, TeacherCategory.granted_on.desc(), TeacherCategory.created_at.desc())
        .subquery("latest_category")
    )


def current_jobs(scope: Scope, on: date) -> Any:
    """Who works where on `on`: distinct (teacher, organization) pairs of current employments — a teacher with two
    current jobs at one school counts once there — so per-organization figures are plain counts, not
    count(DISTINCT …) (which sorts every group)."""
    stmt = select(Employment.teacher_id, Employment.municipality_id, Employment.organization_id).where(
        employed_on(Employment, on)
    )
    if _municipal_only(scope):
        stmt = stmt.where(municipality_visible(scope, Employment.municipality_id))
    return stmt.distinct().subquery("current_job")


def _of_teacher(latest: Any) -> ColumnElement[bool]:
    return and_(latest.c.teacher_id == Teacher.id, latest.c.municipality_id == Teacher.municipality_id)


def _live_per_organization(scope: Scope, on: date, warning_days: int) -> Any:
    """The home figures per (municipality, organization) over the raw rows: the current (teacher, organization)
    pairs joined to the visible teachers and their latest category, hash-grouped by organization."""
    job = current_jobs(scope, on)
    latest = latest_categories(scope)
    expires = latest.c.expires_on
    teacher = func.count()
    return (
        visible_teachers(
            scope,
            Teacher.municipality_id.label("municipality_id"),
            job.c.organization_id.label("organization_id"),
            teacher.label("teachers"),
            teacher.filter(young_condition(on)).label("young_teachers"),
            teacher.filter(expires >= on, expires <= on + timedelta(days=warning_days)).label("categories_expiring"),
            teacher.filter(expires < on).label("categories_expired"),
        )
        .join(job, and_(job.c.teacher_id == Teacher.id, job.c.municipality_id == Teacher.municipality_id))
        .outerjoin(latest, _of_teacher(latest))
        .where(Teacher.archived_at.is_(None))
        .group_by(Teacher.municipality_id, job.c.organization_id)
    )


def _live_home_figures(scope: Scope, on: date, warning_days: int, organization_id: uuid.UUID | None = None) -> Any:
    """The home figures of distinct teachers employed on `on` (at `organization_id` if given) over the raw rows:
    one pass over the visible teachers with FILTERed counts."""
    latest = latest_categories(scope)
    expires = latest.c.expires_on
    employed_now = [employed_on(Employment, on)]
    if organization_id:
        employed_now.append(Employment.organization_id == organization_id)
    everyone = func.count()
    return (
        visible_teachers(
            scope,
            everyone.label("teachers"),
            everyone.filter(young_condition(on)).label("young_teachers"),
            everyone.filter(expires >= on, expires <= on + timedelta(days=warning_days)).label("categories_expiring"),
            everyone.filter(expires < on).label("categories_expired"),
        )
        .outerjoin(latest, _of_teacher(latest))
        .where(
            Teacher.archived_at.is_(None),
            # a semi-join on the teacher id alone: the planner estimates it well and hashes it
            Teacher.id.in_(select(Employment.teacher_id).where(*employed_now)),
        )
    )


STATS_COUNTS = ("teachers", "young_teachers", "categories_expiring", "categories_expired")
STAMP = ("computed_on", "source_version", "warning_days")


async def refresh_stats_summaries(session: AsyncSession, scope: Scope, on: date, warning_days: int) -> int:
    """Recompute the kept home figures of the municipalities of `scope` whose rows are stale (another day, another
    warning period, or a data version the triggers have moved past), set-based: one statement per table for all of
    them. The versions are read BEFORE the figures, so a write committed in between leaves the rows marked stale
    (recomputed next time), never fresh with old figures. Returns how many municipalities were recomputed."""
    kept = TeacherStatsMunicipality
    current = func.coalesce(TeacherStatsVersion.version, 0)
    stale_stmt = (
        select(Municipality.id, current.label("version"))
        .outerjoin(TeacherStatsVersion, TeacherStatsVersion.municipality_id == Municipality.id)
        .outerjoin(kept, kept.municipality_id == Municipality.id)
        .where(
            municipality_visible(scope, Municipality.id),
            or_(
                kept.municipality_id.is_(None),
                kept.computed_on != on,
                kept.warning_days != warning_days,
                kept.source_version != current,
            ),
        )
    )
    stale = {row.id: row.version for row in (await session.execute(stale_stmt)).all()}
    if not stale:
        return 0
    ids = sorted(stale)
    of_stale = Scope(municipality_ids=frozenset(ids))
    per_org = TeacherStatsOrganization
    await session.execute(delete(per_org).where(per_org.municipality_id.in_(ids)))
    insert_orgs = pg_insert(per_org).from_select(
        ["municipality_id", "organization_id", *STATS_COUNTS], _live_per_organization(of_stale, on, warning_days)
    )
    await session.execute(
        insert_orgs.on_conflict_do_update(
            index_elements=[per_org.municipality_id, per_org.organization_id],
            set_={c: insert_orgs.excluded[c] for c in STATS_COUNTS},
        )
    )
    figures = _live_home_figures(of_stale, on, warning_days).add_columns(Teacher.municipality_id)
    by_municipality = {
        row.municipality_id: row for row in (await session.execute(figures.group_by(Teacher.municipality_id))).all()
    }
    rows = [
        {
            "municipality_id": m,
            "computed_on": on,
            "source_version": stale[m],
            "warning_days": warning_days,
            **{c: int(getattr(by_municipality[m], c)) if m in by_municipality else 0 for c in STATS_COUNTS},
        }
        for m in ids
    ]
    insert_munis = pg_insert(kept).values(rows)
    await session.execute(
        insert_munis.on_conflict_do_update(
            index_elements=[kept.municipality_id],
            set_={c: insert_munis.excluded[c] for c in STAMP + STATS_COUNTS},
        )
    )
    return len(ids)


async def stats_by_organization(
    session: AsyncSession,
    scope: Scope,
    on: date,
    warning_days: int,
    page: PageParams,
    municipality_id: uuid.UUID | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """The home-page counts per organization, most urgent first, with the number of organizations. A scope of
    whole municipalities reads the kept rows (~30 a municipality; stale ones recomputed first); a scope of single
    schools counts over the raw rows."""
    if _municipal_only(scope):
        await refresh_stats_summaries(session, scope, on, warning_days)
        kept = TeacherStatsOrganization
        counts = select(kept.organization_id, *(getattr(kept, c) for c in STATS_COUNTS)).where(
            municipality_visible(scope, kept.municipality_id)
        )
        if municipality_id:
            counts = counts.where(kept.municipality_id == municipality_id)
    else:
        counts = _live_per_organization(scope, on, warning_days)
        if municipality_id:
            counts = counts.where(Teacher.municipality_id == municipality_id)
    # the organizations' names and visibility joined to the ~one row per organization after grouping (not to
    # every teacher's row before it)
    g = counts.subquery("per_organization")
    stmt = (
        select(
            g.c.organization_id,
            Organization.short_name.label("organization_name"),
            g.c.teachers,
            g.c.young_teachers,
            g.c.categories_expiring,
            g.c.categories_expired,
        )
        .join(Organization, Organization.id == g.c.organization_id)
        .where(
            organization_visible(scope, Organization.id, Organization.municipality_id),
            Organization.archived_at.is_(None),
        )
    )
    expired, expiring = g.c.categories_expired, g.c.categories_expiring
    sorts = {
        "organization_name": Organization.short_name,
        "teachers": g.c.teachers,
        "young_teachers": g.c.young_teachers,
        "categories_expiring": expiring,
        "categories_expired": expired,
    }
    # the page and the number of groups in one pass (a window over the grouped rows); a second statement only for
    # a page past the end
    ordered = apply_sort(
        stmt.add_columns(func.count().over().label("total")),
        page.sort,
        sorts,
        [expired.desc(), expiring.desc(), Organization.short_name],
    )
    rows = [dict(r) for r in (await session.execute(ordered.limit(page.limit).offset(page.offset))).mappings()]
    if rows:
        total = int(rows[0]["total"])
    else:
        total = int(await session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    for row in rows:
        del row["total"]
    return rows, total


async def home_stats(
    session: AsyncSession,
    scope: Scope,
    organizations_scope: Scope,
    on: date,
    warning_days: int,
    municipality_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
) -> dict[str, int]:
    """The home page's five figures in ONE statement: for a scope of whole municipalities the sum of their kept
    rows (stale ones recomputed first), else one pass over the visible teachers; the organizations' count as a
    scalar subquery of the same round trip."""
    orgs = (
        select(func.count())
        .select_from(Organization)
        .where(
            organization_visible(organizations_scope, Organization.id, Organization.municipality_id),
            Organization.archived_at.is_(None),
        )
    )
    if municipality_id:
        orgs = orgs.where(Organization.municipality_id == municipality_id)
    if organization_id:
        orgs = orgs.where(Organization.id == organization_id)
    if _municipal_only(scope) and organization_id is None:
        await refresh_stats_summaries(session, scope, on, warning_days)
        kept = TeacherStatsMunicipality
        stmt = select(
            *(func.coalesce(func.sum(getattr(kept, c)), 0).label(c) for c in STATS_COUNTS),
            orgs.scalar_subquery().label("organizations"),
        ).where(municipality_visible(scope, kept.municipality_id))
        if municipality_id:
            stmt = stmt.where(kept.municipality_id == municipality_id)
    else:
        stmt = _live_home_figures(scope, on, warning_days, organization_id).add_columns(
            orgs.scalar_subquery().label("organizations")
        )
        if municipality_id:
            stmt = stmt.where(Teacher.municipality_id == municipality_id)
    row = (await session.execute(stmt)).mappings().one()
    return {k: int(v or 0) for k, v in row.items()}


def current_job_lateral(on: Any) -> Any:
    """The current employment (main first, then the latest), as a LATERAL subquery correlated to Teacher."""
    return (
        select(Employment.organization_id, Employment.position_code, Employment.kind, Employment.rate)
        .where(
            Employment.teacher_id == Teacher.id,
            Employment.municipality_id == Teacher.municipality_id,
            employed_on(Employment, on),
        )
        .order_by((Employment.kind != "main"), Employment.start_date.desc())
        .limit(1)
        .lateral("current_job")
    )


def latest_category_lateral() -> Any:
    """The latest category as a LATERAL subquery correlated to Teacher: evaluated once per teacher (a scalar
    subquery inside several aggregates would be evaluated once per aggregate)."""
    return (
        select(TeacherCategory.category_code, TeacherCategory.expires_on, TeacherCategory.granted_on)
        .where(TeacherCategory.teacher_id == Teacher.id, TeacherCategory.municipality_id == Teacher.municipality_id)
        .order_by(TeacherCategory.granted_on.desc(), TeacherCategory.created_at.desc())
        .limit(1)
        .lateral("latest_category")
    )


@lru_cache(maxsize=1)
def list_view_query() -> Any:
    """The list columns of teachers `:ids` on date `:on` (exports, in chunks). Built once (constructing it costs
    more than running it) and executed with bound parameters."""
    return _view_select(bindparam("on", type_=Date), Teacher).where(Teacher.id.in_(bindparam("ids", expanding=True)))


async def import_columns(session: AsyncSession, ids: list[uuid.UUID], on: date) -> dict[uuid.UUID, dict[str, Any]]:
    """What an export needs besides the list columns so that it can be imported back unchanged: the personnel
    number in the current organization's numbering (`hr:<id>`), the current job's kind and rate, and the date the
    latest category was granted."""
    if not ids:
        return {}
    job, cat = current_job_lateral(on), latest_category_lateral()
    number = (
        select(TeacherExternalId.external_id)
        .where(
            TeacherExternalId.teacher_id == Teacher.id,
            TeacherExternalId.municipality_id == Teacher.municipality_id,
            TeacherExternalId.system == func.concat("hr:", cast(job.c.organization_id, String)),
        )
        .order_by(TeacherExternalId.external_id)
        .limit(1)
        .scalar_subquery()
    )
    stmt = (
        select(
            Teacher.id,
            number.label("external_id"),
            job.c.kind.label("current_kind"),
            job.c.rate.label("current_rate"),
            cat.c.granted_on.label("category_granted_on"),
        )
        .select_from(Teacher)
        .outerjoin(job, true())
        .outerjoin(cat, true())
        .where(Teacher.id.in_(ids))
    )
    return {row["id"]: dict(row) for row in (await session.execute(stmt)).mappings()}


def young_condition(on: Any) -> Any:
    """SQL twin of rules.is_young, using the municipality's rule (needs a join to Municipality)."""
    ref = on if isinstance(on, BindParameter) else literal(on, Date)
    by_age = Teacher.birth_date > cast(ref - func.make_interval(Municipality.young_age_limit), Date)
    by_exp = Teacher.teaching_since > cast(ref - func.make_interval(Municipality.young_experience_limit), Date)
    return case(
        (Municipality.young_rule == "and", and_(by_age, by_exp)),
        else_=or_(by_age.is_(True), by_exp.is_(True)),
    ).is_(True)


def current_employment_exists(
    on: date, org_ids: Sequence[uuid.UUID] | None = None, position: Sequence[str] | None = None
) -> Any:
    conds = [
        Employment.teacher_id == Teacher.id,
        Employment.municipality_id == Teacher.municipality_id,
        employed_on(Employment, on),
    ]
    if org_ids:
        conds.append(Employment.organization_id.in_(org_ids))
    if position:
        conds.append(Employment.position_code.in_(position))
    return select(Employment.id).where(*conds).exists()


def visible_teachers(scope: Scope, *columns: Any) -> Any:
    """SELECT `columns` (default: the Teacher entity) FROM the teachers inside `scope`."""
    return (
        select(*(columns or (Teacher,)))
        .select_from(Teacher)
        .join(Municipality, Municipality.id == Teacher.municipality_id)
        .where(teacher_visible(scope))
    )


# Many teachers at once (import): one query per collection.
LOAD_ALL = (
    selectinload(Teacher.employments),
    selectinload(Teacher.subjects),
    selectinload(Teacher.categories),
    selectinload(Teacher.external_ids),
)
# One teacher's card: a single round trip with its few history rows, organizations and municipality.
PROFILE_LOAD = (
    joinedload(Teacher.municipality),
    joinedload(Teacher.employments).joinedload(Employment.organization),
    joinedload(Teacher.subjects),
    joinedload(Teacher.categories),
    joinedload(Teacher.external_ids),
)


async def get_visible(session: AsyncSession, scope: Scope, teacher_id: uuid.UUID) -> Teacher | None:
    query = visible_teachers(scope).where(Teacher.id == teacher_id).options(*PROFILE_LOAD)
    return (await session.scalars(query)).unique().one_or_none()


async def count_current(session: AsyncSession, organization_id: uuid.UUID, municipality_id: uuid.UUID) -> int:
    """People with a current job at an organization."""
    return int(
        await session.scalar(
            select(func.count(func.distinct(Employment.teacher_id))).where(
                Employment.municipality_id == municipality_id,
                Employment.organization_id == organization_id,
                employed_on(Employment, date.today()),
            )
        )
        or 0
    )


teachers: Resource[Teacher] = Resource(
    model=Teacher,
    entity_type="teacher",
    not_found="Педагог не найден",
    visible=teacher_visible,
    municipality_of=lambda t: t.municipality_id,
)


# --- the list and its export ---


def filtered_ids(scope: Scope, f: TeacherFilters, sort: str | None, today: date) -> Select[Any]:
    """Ids of the teachers inside `scope` that match the filters, in the requested order (exports)."""
    stmt, order = _matching(scope, f, sort, today)
    return stmt.order_by(*order)


def _matching(scope: Scope, f: TeacherFilters, sort: str | None, today: date) -> tuple[Select[Any], list[Any]]:
    """The ids of the teachers inside `scope` that match the filters, and the requested order."""
    stmt = visible_teachers(scope, Teacher.id)
    if f.q:
        for word in f.q.split()[:3]:
            stmt = stmt.where(text_search(word, Teacher.last_name, Teacher.first_name, Teacher.middle_name))
    if f.municipality_id:
        stmt = stmt.where(Teacher.municipality_id == f.municipality_id)
    if f.organization_id or f.position:
        stmt = stmt.where(current_employment_exists(today, f.organization_id, f.position))
    if f.subject:
        stmt = stmt.where(
            select(TeacherSubject.teacher_id)
            .where(TeacherSubject.teacher_id == Teacher.id, TeacherSubject.subject_code.in_(f.subject))
            .exists()
        )
    # The latest category's subqueries are built only when a filter or the order needs them (lists are hot).
    by_expiry = (sort or "").lstrip("-") == "category_expires_on"
    needs_category = bool(f.category) or f.category_status is not None or by_expiry
    current_category = latest_category_col(TeacherCategory.category_code) if needs_category else None
    current_expiry = latest_category_col(TeacherCategory.expires_on) if needs_category else None
    if f.category:
        cond = current_category.in_([c for c in f.category if c != rules.NO_CATEGORY])
        stmt = stmt.where(or_(cond, current_category.is_(None)) if rules.NO_CATEGORY in f.category else cond)
    if f.category_status == "expired":
        stmt = stmt.where(current_expiry < today)
    elif f.category_status == "expiring":
        stmt = stmt.where(current_expiry >= today, current_expiry <= today + timedelta(days=rules.EXPIRY_WARNING_DAYS))
    elif f.category_status == "valid":
        stmt = stmt.where(current_category.is_not(None), or_(current_expiry.is_(None), current_expiry >= today))
    elif f.category_status == "none":
        stmt = stmt.where(current_category.is_(None))
    if f.young is not None:
        is_young = young_condition(today)
        stmt = stmt.where(is_young if f.young else ~is_young)
    if f.external_system:
        stmt = stmt.where(
            select(TeacherExternalId.id)
            .where(TeacherExternalId.teacher_id == Teacher.id, TeacherExternalId.system == f.external_system)
            .exists()
        )
    if not f.include_archived:
        stmt = stmt.where(Teacher.archived_at.is_(None))
    sorts = {
        "last_name": Teacher.last_name,
        "birth_date": Teacher.birth_date,
        "created_at": Teacher.created_at,
        "category_expires_on": current_expiry if by_expiry else Teacher.id,  # (only read when it is the order)
        "updated_at": Teacher.updated_at,
    }
    return stmt, sort_order(sort, sorts, [Teacher.last_name, Teacher.first_name, Teacher.id])


def _view_columns(on: Any) -> list[Any]:
    """The list's columns of a teacher on date `on`: current job and its names, latest category, subjects, young
    (the FROM clause is `_view_from`)."""
    job, cat = current_job_lateral(on), latest_category_lateral()
    subjects = (
        select(
            func.coalesce(
                func.array_agg(aggregate_order_by(TeacherSubject.subject_code, TeacherSubject.subject_code)),
                cast(literal([]), ARRAY(String)),
            )
        )
        .where(TeacherSubject.teacher_id == Teacher.id)
        .scalar_subquery()
    )
    return (
        [
            Teacher.id,
            Teacher.municipality_id,
            Teacher.last_name,
            Teacher.first_name,
            Teacher.middle_name,
            job.c.organization_id.label("current_organization_id"),
            Organization.short_name.label("current_organization_name"),
            job.c.position_code.label("current_position_code"),
            Position.name.label("current_position_name"),
            subjects.label("subjects"),
            cat.c.category_code,
            cat.c.expires_on.label("category_expires_on"),
            young_condition(on).label("is_young"),
            Teacher.version,
            Teacher.archived_at,
        ],
        job,
        cat,
    )


def _view_select(on: Any, base: Any, *extra: Any) -> Select[Any]:
    columns, job, cat = _view_columns(on)
    return (
        select(*columns, *extra)
        .select_from(base)
        .join(Municipality, Municipality.id == Teacher.municipality_id)
        .outerjoin(job, true())
        .outerjoin(Organization, Organization.id == job.c.organization_id)
        .outerjoin(Position, Position.code == job.c.position_code)
        .outerjoin(cat, true())
    )


async def list_page(
    session: AsyncSession,
    scope: Scope,
    f: TeacherFilters,
    page: PageParams,
    today: date,
    updated_since: datetime | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """A page of the list: (1) the matching ids, filtered, ordered, cut to the page and counted (a window) in one
    statement built per request — it is small; (2) the view columns of those ids from one statement built once
    (`list_view_query`: building it costs ~10× more than running it), run on the connection as plain rows (no ORM
    loading). A count alone only for a page past the end."""
    stmt, order = _matching(scope, f, page.sort, today)
    if updated_since:
        # A teacher's updated_at also moves when their employments, subjects or categories change.
        stmt = stmt.where(Teacher.updated_at >= updated_since)
    found = (
        await session.execute(
            stmt.add_columns(func.count().over()).order_by(*order).limit(page.limit).offset(page.offset)
        )
    ).all()
    if not found:
        total = int(await session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
        return [], total
    ids = [row[0] for row in found]
    conn = await session.connection()
    result = await conn.execute(list_view_query(), {"ids": ids, "on": today})
    keys = list(result.keys())
    by_id = {r[0]: dict(zip(keys, r, strict=True)) for r in result}
    rows = [by_id[i] for i in ids]
    for row in rows:
        # asyncpg's UUID objects take pydantic's slow serialisation path (~7 µs each); their text is what we send
        for key in _LIST_UUIDS:
            if row[key] is not None:
                row[key] = str(row[key])
    return rows, int(found[0][1])


_LIST_UUIDS = ("id", "municipality_id", "current_organization_id")


async def matching_ids(
    session: AsyncSession, scope: Scope, f: TeacherFilters, sort: str | None, today: date, limit: int
) -> list[uuid.UUID]:
    """Up to `limit` ids of matching teachers, in list order (for exports)."""
    return list((await session.scalars(filtered_ids(scope, f, sort, today).limit(limit))).all())


async def view_rows(session: AsyncSession, ids: list[uuid.UUID], today: date) -> dict[uuid.UUID, Any]:
    """Stage 2: the list columns (current job, latest category, subjects, young) of these teachers."""
    result = await session.execute(list_view_query(), {"ids": ids, "on": today})
    return {row["id"]: row for row in result.mappings()}


# --- lookups of the import (matching rows of a file to people) ---


async def ids_by_number(
    session: AsyncSession, municipality_id: uuid.UUID, system: str, numbers: set[str], digits: set[str]
) -> list[tuple[str, uuid.UUID]]:
    """(personnel number, teacher id) of the numbering `system` matching `numbers`, or their digits without the
    leading zeros a spreadsheet drops."""
    return [
        (n, t)
        for n, t in (
            await session.execute(
                select(TeacherExternalId.external_id, TeacherExternalId.teacher_id).where(
                    TeacherExternalId.municipality_id == municipality_id,
                    TeacherExternalId.system == system,
                    or_(
                        TeacherExternalId.external_id.in_(numbers),
                        and_(
                            TeacherExternalId.external_id.regexp_match(r"^[0-9]+$"),
                            func.coalesce(func.nullif(func.ltrim(TeacherExternalId.external_id, "0"), ""), "0").in_(
                                digits
                            ),
                        ),
                    ),
                )
            )
        ).all()
    ]


async def people_born_on(session: AsyncSession, municipality_id: uuid.UUID, births: set[date]) -> list[Any]:
    """(id, last, first, middle name, birth date) of the active people of a municipality born on these dates: the
    import compares them with its rows and never returns them."""
    return list(
        (
            await session.execute(
                select(
                    Teacher.id, Teacher.last_name, Teacher.first_name, Teacher.middle_name, Teacher.birth_date
                ).where(
                    Teacher.municipality_id == municipality_id,
                    Teacher.archived_at.is_(None),
                    Teacher.birth_date.in_(births),
                )
            )
        ).all()
    )


async def numbered_in(
    session: AsyncSession, municipality_id: uuid.UUID, system: str, ids: set[uuid.UUID]
) -> set[uuid.UUID]:
    """Which of `ids` already have a number in the numbering `system`."""
    if not ids:
        return set()
    return set(
        (
            await session.scalars(
                select(TeacherExternalId.teacher_id).where(
                    TeacherExternalId.municipality_id == municipality_id,
                    TeacherExternalId.system == system,
                    TeacherExternalId.teacher_id.in_(ids),
                )
            )
        ).all()
    )


async def employed_at(
    session: AsyncSession, municipality_id: uuid.UUID, organization_id: uuid.UUID, on: date
) -> set[uuid.UUID]:
    """The people with a job at an organization on a date."""
    return set(
        (
            await session.scalars(
                select(Employment.teacher_id).where(
                    Employment.municipality_id == municipality_id,
                    Employment.organization_id == organization_id,
                    employed_on(Employment, on),
                )
            )
        ).all()
    )


async def visible_ids(session: AsyncSession, scope: Scope, ids: set[uuid.UUID]) -> set[uuid.UUID]:
    """Which of `ids` are teachers inside the scope (the one gate's condition, through the Resource)."""
    if not ids:
        return set()
    return set((await session.scalars(teachers.select(scope, Teacher.id).where(Teacher.id.in_(ids)))).all())


async def load_for_import(
    session: AsyncSession, municipality_id: uuid.UUID, ids: list[uuid.UUID]
) -> dict[uuid.UUID, Teacher]:
    """The people an import changes, with every collection (one query per collection). Confined to the
    organization's municipality: a second employment reaches a person of another school of it, on purpose."""
    if not ids:
        return {}
    stmt = select(Teacher).where(Teacher.municipality_id == municipality_id, Teacher.id.in_(ids)).options(*LOAD_ALL)
    return {t.id: t for t in (await session.scalars(stmt)).all()}


async def find(session: AsyncSession, teacher_id: uuid.UUID) -> Teacher | None:
    return await session.get(Teacher, teacher_id)


# --- how teachers read in the audit log ---


def _audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Select[Any]:
    """A teacher's name only for those who may read that teacher (the one gate of teacher reads)."""
    name = func.concat_ws(" ", Teacher.last_name, Teacher.first_name, Teacher.middle_name)
    return visible_teachers(
        principal.scope(TeacherPerm.READ), literal("teacher"), cast(Teacher.id, String), name
    ).where(Teacher.id.in_(ids))


def _rate(value: Any) -> str:
    """1.00 → «1», 0.50 → «0,5» (Russian decimal comma, no trailing zeros)."""
    try:
        text = format(Decimal(str(value)).normalize(), "f")
    except InvalidOperation:
        return str(value)
    return text.replace(".", ",")


def _rows(one: Callable[[list[Any], AuditReader], str]) -> ValueFormatter:
    """A recorded list of rows (see service._children_snapshot) as «row; row»."""

    def formatter(value: Any, reader: AuditReader) -> str:
        if not isinstance(value, list | tuple):
            return reader.text("", value)
        return "; ".join(one(list(row), reader) for row in value)

    return formatter


def _employment(row: list[Any], reader: AuditReader) -> str:
    org_id, position, kind, rate, start, end = (row + [None] * 6)[:6]
    org = reader.text("organization_id", org_id)
    text = f"{org}, {reader.code('position', str(position))}" if position else org
    if kind:
        text += f" ({KIND_RU.get(kind, kind)})"
    if rate:
        text += f", ставка {_rate(rate)}"
    if start:
        text += f", с {reader.text('start_date', start)}"
    if end:
        text += f" по {reader.text('end_date', end)}"
    return text


def _category(row: list[Any], reader: AuditReader) -> str:
    code, granted, basis = (row + [None] * 3)[:3]
    text = reader.code("category", str(code))
    if granted:
        text += f" с {reader.text('granted_on', granted)}"
    if basis:
        text += f" ({basis})"
    return text


def _external_id(row: list[Any], reader: AuditReader) -> str:
    system, value = (row + [None] * 2)[:2]
    return f"{value} ({reader.text('system', system)})" if system else str(value)


describe(
    AuditSubject(
        entity_type="teacher",
        label="Педагог",
        list_label="Список педагогов",
        personal=True,
        names=_audit_names,
        field_labels={
            "last_name": "Фамилия",
            "first_name": "Имя",
            "middle_name": "Отчество",
            "birth_date": "Дата рождения",
            "teaching_since": "Педагогический стаж с",
            "email": "Эл. почта",
            "phone": "Телефон",
            "employments": "Места работы",
            "subjects": "Предметы",
            "categories": "Квалификационные категории",
            "external_ids": "Табельные номера",
            "external_id": "Табельный номер",
            "source": "Источник",
            # the list's filters, in an export's entry
            "municipality_id": "Муниципалитет",
            "q": "Поиск по ФИО",
            "organization_id": "Организация",
            "position": "Должность",
            "subject": "Предмет",
            "category": "Категория",
            "category_status": "Срок категории",
            "young": "Молодые педагоги",
        },
        value_labels={
            "source": {"import": "импорт файла", "api": "API", "form": "форма", "attestation": "решение по аттестации"},
            "category": {"none": "без категории"},
            "category_status": {
                "expiring": "истекает в течение 6 месяцев",
                "expired": "истёк",
                "valid": "действует",
                "none": "нет категории",
            },
        },
        formatters={
            "employments": _rows(_employment),
            "categories": _rows(_category),
            "external_ids": _rows(_external_id),
        },
    )
)


# --- for other modules (through app.teachers.service): who is visible, who works where, the counted roster ---


def ids_in_scope(scope: Scope) -> Select[Any]:
    """SELECT the ids of the teachers inside `scope` (the one gate's condition), for other modules' own records
    that belong to a teacher (a course, an attestation, a mentoring pair)."""
    return select(Teacher.id).where(teacher_visible(scope))


def ids_working_at(organization_ids: Sequence[uuid.UUID], on: date) -> Select[Any]:
    """SELECT the ids of the people with a job (main or part-time) at these organizations on `on`."""
    return select(Employment.teacher_id).where(
        Employment.organization_id.in_(organization_ids), employed_on(Employment, on)
    )


def directory(on: date, *, counted: bool = False) -> Select[Any]:
    """One row per teacher (see `_directory`)."""
    return _directory(on, counted)[0]


def _directory(on: date, counted: bool) -> tuple[Select[Any], Any]:
    """One row per teacher with what other modules show beside their records: names, the job on `on` (main first)
    with its organization and position, young on `on` by the municipality's rule.

    `counted=True` keeps only the KPI population of DOMAIN.md: not archived, with a MAIN employment covering `on`
    (the organization of that employment is where the teacher counts); part-time jobs never count."""
    conds = [
        Employment.teacher_id == Teacher.id,
        Employment.municipality_id == Teacher.municipality_id,
        employed_on(Employment, on),
    ]
    if counted:
        conds.append(Employment.kind == "main")
    job = (
        select(Employment.organization_id, Employment.position_code)
        .where(*conds)
        .order_by((Employment.kind != "main"), Employment.start_date.desc(), Employment.organization_id)
        .limit(1)
        .lateral("job")
    )
    stmt = (
        select(
            Teacher.id.label("teacher_id"),
            Teacher.municipality_id.label("municipality_id"),
            Teacher.last_name.label("last_name"),
            Teacher.first_name.label("first_name"),
            Teacher.middle_name.label("middle_name"),
            func.concat_ws(" ", Teacher.last_name, Teacher.first_name, Teacher.middle_name).label("full_name"),
            Teacher.birth_date.label("birth_date"),
            Teacher.teaching_since.label("teaching_since"),
            job.c.organization_id.label("organization_id"),
            Organization.short_name.label("organization_name"),
            job.c.position_code.label("position_code"),
            Position.name.label("position_name"),
            young_condition(on).label("is_young"),
            Teacher.archived_at.label("teacher_archived_at"),
        )
        .select_from(Teacher)
        .join(Municipality, Municipality.id == Teacher.municipality_id)
    )
    stmt = stmt.join(job, true()) if counted else stmt.outerjoin(job, true())
    stmt = stmt.outerjoin(Organization, Organization.id == job.c.organization_id).outerjoin(
        Position, Position.code == job.c.position_code
    )
    if counted:
        stmt = stmt.where(Teacher.archived_at.is_(None))
    return stmt, job


def counted(
    scope: Scope,
    on: date,
    *,
    organization_ids: Sequence[uuid.UUID] | None = None,
    municipality_id: uuid.UUID | None = None,
    young: bool | None = None,
) -> Select[Any]:
    """`directory(on, counted=True)` of the teachers inside `scope`, optionally counted at these organizations, in
    this municipality, young (or not) on `on`."""
    stmt, job = _directory(on, True)
    stmt = stmt.where(teacher_visible(scope))
    if organization_ids:
        stmt = stmt.where(job.c.organization_id.in_(organization_ids))
    if municipality_id:
        stmt = stmt.where(Teacher.municipality_id == municipality_id)
    if young is not None:
        stmt = stmt.where(young_condition(on) if young else ~young_condition(on))
    return stmt


def population(municipality_ids: Collection[uuid.UUID], on: date, *, young: bool | None = None) -> Select[Any]:
    """The rows of `counted` for whole municipalities, set-based for the KPI engine: `teacher_id`,
    `organization_id` (of the main employment covering `on`; of two, the later started, then the smaller id — the
    order `_directory` picks), `municipality_id`; young (or not) on `on`. Not a LATERAL lookup per teacher: the
    main employments covering `on` come in one pass of the partial index `ix_employments_municipality_id_main`
    (already in (municipality, teacher, start desc, organization) order, so DISTINCT ON needs no sort) and are
    hash-joined to the teachers — at region scale 40,000 index probes (~250 ms) became one scan (~40 ms).

    Joined on the teacher id alone: an employment carries its teacher's municipality (every write sets it so) and
    both sides are limited to the same municipalities. A second join column (`municipality_id`) made PostgreSQL
    multiply the two selectivities and expect ~70 rows for 37,800, and then choose nested loops into the
    conditions' tables (a region's K-4.1.2: 1.5 s instead of ~40 ms)."""
    munis = list(municipality_ids)
    job = (
        select(Employment.municipality_id, Employment.teacher_id, Employment.organization_id)
        .where(Employment.municipality_id.in_(munis), Employment.kind == "main", employed_on(Employment, on))
        .ext(distinct_on(Employment.municipality_id, Employment.teacher_id))
        .order_by(
            Employment.municipality_id, Employment.teacher_id, Employment.start_date.desc(), Employment.organization_id
        )
        .subquery("main_job")
    )
    stmt = (
        select(Teacher.id.label("teacher_id"), job.c.organization_id, Teacher.municipality_id)
        .join(job, job.c.teacher_id == Teacher.id)
        .where(Teacher.municipality_id.in_(munis), Teacher.archived_at.is_(None))
    )
    if young is not None:
        stmt = stmt.join(Municipality, Municipality.id == Teacher.municipality_id).where(
            young_condition(on) if young else ~young_condition(on)
        )
    return stmt


def with_latest_category(stmt: Select[Any]) -> Select[Any]:
    """A `directory` statement with the teacher's latest category (inner join: teachers without one drop out)."""
    cat = latest_category_lateral()
    return (
        stmt.join(cat, true())
        .add_columns(
            cat.c.category_code.label("category_code"),
            QualificationCategory.name.label("category_name"),
            cat.c.granted_on.label("granted_on"),
            cat.c.expires_on.label("expires_on"),
        )
        .join(QualificationCategory, QualificationCategory.code == cat.c.category_code)
    )


async def people_in_scope_born_on(
    session: AsyncSession, scope: Scope, municipality_id: uuid.UUID, births: set[date]
) -> list[Any]:
    """(id, last, first, middle name, birth date) of the active people of a municipality inside `scope` born on
    these dates: the caller compares them with its rows and never returns them."""
    if not births:
        return []
    return list(
        (
            await session.execute(
                select(
                    Teacher.id, Teacher.last_name, Teacher.first_name, Teacher.middle_name, Teacher.birth_date
                ).where(
                    teacher_visible(scope),
                    Teacher.municipality_id == municipality_id,
                    Teacher.archived_at.is_(None),
                    Teacher.birth_date.in_(births),
                )
            )
        ).all()
    )


async def names_of(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str, str | None]]:
    """(last, first, middle) of these teachers (for messages about records the caller already sees)."""
    if not ids:
        return {}
    rows = await session.execute(
        select(Teacher.id, Teacher.last_name, Teacher.first_name, Teacher.middle_name).where(Teacher.id.in_(ids))
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows.all()}


async def facts(session: AsyncSession, scope: Scope, ids: set[uuid.UUID]) -> list[Any]:
    """The teachers among `ids` inside `scope`, with their municipality's young-teacher rule."""
    if not ids:
        return []
    stmt = visible_teachers(
        scope,
        Teacher.id,
        Teacher.municipality_id,
        Teacher.last_name,
        Teacher.first_name,
        Teacher.middle_name,
        Teacher.birth_date,
        Teacher.teaching_since,
        Teacher.archived_at,
        Municipality.young_age_limit,
        Municipality.young_experience_limit,
        Municipality.young_rule,
    ).where(Teacher.id.in_(ids))
    return list((await session.execute(stmt)).all())


# --- for other modules: rows about teachers, scoped by the same gate ---------------------------------------------


def full_name_of(teacher_id_col: Any) -> Any:
    """A correlated scalar subquery: the full name of the teacher whose id is `teacher_id_col`."""
    return (
        select(func.concat_ws(" ", Teacher.last_name, Teacher.first_name, Teacher.middle_name))
        .where(Teacher.id == teacher_id_col)
        .scalar_subquery()
    )


async def names_in_scope(
    session: AsyncSession, scope: Scope, ids: set[uuid.UUID], municipality_id: uuid.UUID | None = None
) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    name = func.concat_ws(" ", Teacher.last_name, Teacher.first_name, Teacher.middle_name)
    stmt = visible_teachers(scope, Teacher.id, name).where(Teacher.id.in_(ids))
    if municipality_id is not None:
        stmt = stmt.where(Teacher.municipality_id == municipality_id)
    rows = await session.execute(stmt)
    return {tid: n for tid, n in rows.all()}


async def organizations_on(session: AsyncSession, ids: set[uuid.UUID], on: date) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Every organization where each of these teachers has a job (main or part-time) on a date."""
    if not ids:
        return {}
    rows = await session.execute(
        select(Employment.teacher_id, Employment.organization_id).where(
            Employment.teacher_id.in_(ids), employed_on(Employment, on)
        )
    )
    out: dict[uuid.UUID, set[uuid.UUID]] = {}
    for tid, org in rows.all():
        out.setdefault(tid, set()).add(org)
    return out


async def main_organizations_on(session: AsyncSession, ids: set[uuid.UUID], on: date) -> dict[uuid.UUID, uuid.UUID]:
    """The organization of each teacher's main employment on a date (the latest started, if several)."""
    if not ids:
        return {}
    rows = await session.execute(
        select(Employment.teacher_id, Employment.organization_id)
        .where(Employment.teacher_id.in_(ids), Employment.kind == "main", employed_on(Employment, on))
        .order_by(Employment.teacher_id, Employment.start_date.desc())
    )
    out: dict[uuid.UUID, uuid.UUID] = {}
    for tid, org in rows.all():
        out.setdefault(tid, org)
    return out


async def selected_ids(
    session: AsyncSession,
    scope: Scope,
    on: date,
    organization_id: uuid.UUID | None,
    position: Sequence[str] | None,
    subject: Sequence[str] | None,
    limit: int,
) -> list[uuid.UUID]:
    """Active teachers inside `scope` working now (at the organization, in the positions) and teaching the subjects."""
    stmt = visible_teachers(scope, Teacher.id).where(
        Teacher.archived_at.is_(None),
        current_employment_exists(on, [organization_id] if organization_id else None, position),
    )
    if subject:
        stmt = stmt.where(
            select(TeacherSubject.teacher_id)
            .where(TeacherSubject.teacher_id == Teacher.id, TeacherSubject.subject_code.in_(subject))
            .exists()
        )
    stmt = stmt.order_by(Teacher.last_name, Teacher.first_name, Teacher.id).limit(limit)
    return list((await session.scalars(stmt)).all())


async def people_in_scope(
    session: AsyncSession, scope: Scope, births: set[date], numbers: set[str], system: str | None
) -> tuple[list[Any], list[tuple[str, uuid.UUID]]]:
    """For matching rows of a list to people inside `scope`: (id, last, first, middle, birth) of the active people born
    on these dates, and (personnel number, id) of those whose number (in `system`, or any numbering) is among
    `numbers` — also without the leading zeros a spreadsheet drops."""
    people: list[Any] = []
    if births:
        people = list(
            (
                await session.execute(
                    visible_teachers(
                        scope,
                        Teacher.id,
                        Teacher.last_name,
                        Teacher.first_name,
                        Teacher.middle_name,
                        Teacher.birth_date,
                    ).where(Teacher.archived_at.is_(None), Teacher.birth_date.in_(births))
                )
            ).all()
        )
    numbered: list[tuple[str, uuid.UUID]] = []
    if numbers:
        digits = {n.lstrip("0") or "0" for n in numbers if n.isdigit()}
        stripped = func.coalesce(func.nullif(func.ltrim(TeacherExternalId.external_id, "0"), ""), "0")
        stmt = (
            select(TeacherExternalId.external_id, TeacherExternalId.teacher_id)
            .join(Teacher, Teacher.id == TeacherExternalId.teacher_id)
            .join(Municipality, Municipality.id == Teacher.municipality_id)
            .where(
                teacher_visible(scope),
                Teacher.archived_at.is_(None),
                or_(
                    TeacherExternalId.external_id.in_(numbers),
                    and_(TeacherExternalId.external_id.regexp_match(r"^[0-9]+$"), stripped.in_(digits)),
                ),
            )
        )
        if system:
            stmt = stmt.where(TeacherExternalId.system == system)
        numbered = [(n, t) for n, t in (await session.execute(stmt)).all()]
    return people, numbered
