"""Teachers: scoped queries, computed fields (current job, age, young, category expiry), writes with audit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.core.access import Principal, Scope
from app.core.audit_trail import diff, record
from app.core.db import utcnow
from app.core.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from app.core.exports import render
from app.core.pagination import PageParams
from app.core.search import fold
from app.organizations import service as organizations_service
from app.organizations.models import Organization
from app.organizations.permissions import OrganizationPerm
from app.reference.models import Position, QualificationCategory, Subject
from app.reference.service import ensure_codes, reference_names
from app.teachers import exporter, repository, rules
from app.teachers.models import Employment, Teacher, TeacherCategory, TeacherExternalId, TeacherSubject
from app.teachers.permissions import TeacherPerm
from app.teachers.schemas import (
    CategoryRead,
    EmploymentRead,
    ExternalIdRead,
    PersonMatch,
    PersonQuery,
    TeacherCreate,
    TeacherFacts,
    TeacherFilters,
    TeacherRead,
    TeacherUpdate,
)
from app.tenants.models import Municipality

PERSON_FIELDS = ["last_name", "first_name", "middle_name", "birth_date", "teaching_since", "email", "phone"]


def full_name(t: Any) -> str:
    return " ".join(p for p in (t.last_name, t.first_name, t.middle_name) if p)


# --- computed view ---


def _current_employment(employments: Sequence[Employment], on: date) -> Employment | None:
    current = [e for e in employments if e.start_date <= on and (e.end_date is None or e.end_date >= on)]
    if not current:
        return None
    current.sort(key=lambda e: (e.kind != "main", -e.start_date.toordinal()))
    return current[0]


EDITABLE_FIELDS = frozenset(TeacherUpdate.model_fields)


def _may_write(principal: Principal, t: Teacher, on: date) -> bool:
    """The write scope's condition (`repository.teacher_visible`) on a loaded card: the municipality, a school
    where the person works on `on`, or one's own record."""
    scope = principal.scope(TeacherPerm.WRITE)
    if scope.covers_municipality(t.municipality_id) or t.id in scope.teacher_ids:
        return True
    return any(
        e.organization_id in scope.organization_ids and e.start_date <= on and (e.end_date is None or e.end_date >= on)
        for e in t.employments
    )


def actions(principal: Principal, t: Teacher) -> list[str]:
    """What this caller may do with this card, by the rules the writes use (`update_teacher`, `archive_teacher`)."""
    if t.archived_at is not None or not _may_write(principal, t, date.today()):
        return []
    out = ["update"]
    try:
        check_can_archive(principal, t)
        out.append("archive")
    except Conflict:
        pass
    return out


def readonly_fields(principal: Principal, t: Teacher) -> list[str]:
    """The fields this caller may not change on this card: all of them without the right to update it."""
    return [] if "update" in actions(principal, t) else sorted(EDITABLE_FIELDS)


async def profile_view(session: AsyncSession, t: Teacher, principal: Principal | None = None) -> TeacherRead:
    """The teacher's card: history with names, and what is computed on read (current job, age, young, warnings),
    with what `principal` may do with it."""
    today = date.today()
    # Organizations and the municipality were loaded with the card (PROFILE_LOAD), so get() finds them in the
    # identity map without a query; after a write that added a new organization, get() loads just that one.
    orgs: dict[uuid.UUID, str] = {}
    for org_id in {e.organization_id for e in t.employments}:
        org = await session.get(Organization, org_id)
        if org is not None:
            orgs[org_id] = org.short_name
    positions = await reference_names(session, Position)
    categories = await reference_names(session, QualificationCategory)
    muni = await session.get(Municipality, t.municipality_id)
    assert muni is not None
    cur = _current_employment(t.employments, today)
    latest = t.categories[-1] if t.categories else None
    warning = rules.expiry_warning(latest.expires_on, today) if latest else None
    warnings = []
    if latest and warning == "expired":
        warnings.append(f"Срок квалификационной категории истёк {latest.expires_on:%d.%m.%Y}")
    elif latest and warning == "expiring":
        warnings.append(f"Срок квалификационной категории истекает {latest.expires_on:%d.%m.%Y}")
    if cur is None and t.archived_at is None:
        warnings.append("Нет действующего места работы")
    return TeacherRead(
        id=t.id,
        municipality_id=t.municipality_id,
        last_name=t.last_name,
        first_name=t.first_name,
        middle_name=t.middle_name,
        current_organization_id=cur.organization_id if cur else None,
        current_organization_name=orgs.get(cur.organization_id) if cur else None,
        current_position_code=cur.position_code if cur else None,
        current_position_name=positions.get(cur.position_code) if cur else None,
        subjects=sorted(s.subject_code for s in t.subjects),
        category_code=latest.category_code if latest else None,
        category_expires_on=latest.expires_on if latest else None,
        category_warning=warning,
        is_young=rules.is_young(
            t.birth_date,
            t.teaching_since,
            today,
            age_limit=muni.young_age_limit,
            experience_limit=muni.young_experience_limit,
            rule=muni.young_rule,
        ),
        version=t.version,
        archived_at=t.archived_at,
        birth_date=t.birth_date,
        teaching_since=t.teaching_since,
        email=t.email,
        phone=t.phone,
        age=rules.full_years(t.birth_date, today),
        experience_years=rules.full_years(t.teaching_since, today),
        archive_reason=t.archive_reason,
        employments=[
            EmploymentRead(
                id=e.id,
                organization_id=e.organization_id,
                organization_name=orgs.get(e.organization_id),
                position_code=e.position_code,
                position_name=positions.get(e.position_code),
                kind=e.kind,  # type: ignore[arg-type]
                rate=e.rate,
                start_date=e.start_date,
                end_date=e.end_date,
                is_current=cur is not None and e.id == cur.id,
            )
            for e in t.employments
        ],
        categories=[
            CategoryRead(
                id=c.id,
                category_code=c.category_code,
                category_name=categories.get(c.category_code),
                granted_on=c.granted_on,
                legal_basis=c.legal_basis,
                expires_on=c.expires_on,
            )
            for c in t.categories
        ],
        external_ids=[ExternalIdRead.model_validate(x) for x in t.external_ids],
        warnings=warnings,
        actions=actions(principal, t) if principal else [],
        readonly_fields=readonly_fields(principal, t) if principal else sorted(EDITABLE_FIELDS),
    )


async def get_visible_teacher(
    session: AsyncSession, principal: Principal, teacher_id: uuid.UUID, perm: str = TeacherPerm.READ
) -> Teacher:
    teacher = await repository.get_visible(session, principal.scope(perm), teacher_id)
    if teacher is None:
        raise NotFound("Педагог не найден")
    return teacher


async def municipality_of(session: AsyncSession, teacher_id: uuid.UUID) -> uuid.UUID | None:
    """The municipality of a teacher, or None when there is none (callers then answer «not found»)."""
    teacher = await repository.find(session, teacher_id)
    return teacher.municipality_id if teacher else None


# --- writes ---


async def _check_references(
    session: AsyncSession,
    principal: Principal,
    municipality_id: uuid.UUID,
    body: TeacherCreate | TeacherUpdate,
) -> None:
    if body.employments:
        await ensure_codes(session, Position, [e.position_code for e in body.employments], "body.employments")
        org_ids = {e.organization_id for e in body.employments}
        found = await organizations_service.visible_ids(session, principal, org_ids, municipality_id)
        if org_ids - found:
            raise Unprocessable(
                errors=[
                    FieldError(
                        field="body.employments",
                        code="unknown_organization",
                        message="Организация не найдена в муниципалитете педагога",
                    )
                ]
            )
    if body.subjects:
        await ensure_codes(session, Subject, body.subjects, "body.subjects")
    if body.categories:
        await ensure_codes(
            session, QualificationCategory, [c.category_code for c in body.categories], "body.categories"
        )
    if body.external_ids:
        pairs = [(x.system, x.external_id) for x in body.external_ids]
        if len(set(pairs)) != len(pairs):
            raise Unprocessable(
                errors=[
                    FieldError(
                        field="body.external_ids",
                        code="duplicate",
                        message="Внешний идентификатор указан дважды",
                    )
                ]
            )


def _check_write_scope(principal: Principal, municipality_id: uuid.UUID, org_ids: set[uuid.UUID]) -> None:
    scope = principal.scope(TeacherPerm.WRITE)
    if scope.covers_municipality(municipality_id):
        return
    if scope.organization_ids and org_ids & scope.organization_ids:
        return
    # Answered exactly like an id that does not exist, so a foreign organization never tells it exists.
    raise Unprocessable(
        errors=[FieldError(field="body.employments", code="unknown_organization", message="Организация не найдена")]
    )


def _school_only_scope(principal: Principal, teacher: Teacher) -> frozenset[uuid.UUID] | None:
    """The organizations a school-level writer holds, or None when its reach is the teacher's municipality."""
    scope = principal.scope(TeacherPerm.WRITE)
    return None if scope.covers_municipality(teacher.municipality_id) else scope.organization_ids


def _check_foreign_employments(principal: Principal, teacher: Teacher, wanted: Sequence[Any]) -> None:
    """A school changes only its own rows of a person's work history; other schools' rows stay exactly as they are."""
    own = _school_only_scope(principal, teacher)
    if own is None:
        return
    before = sorted((_employment_key(e) for e in teacher.employments if e.organization_id not in own), key=repr)
    after = sorted((_employment_key(e) for e in wanted if e.organization_id not in own), key=repr)
    if before != after:
        raise Forbidden(
            "Вы можете менять только места работы в своей организации. Места работы педагога в других "
            "организациях меняет управление образования (или сама организация).",
            code="foreign_employment",
        )


def check_can_archive(principal: Principal, teacher: Teacher) -> None:
    """A person who also works at another school is archived by the municipality, not by one of the schools."""
    own = _school_only_scope(principal, teacher)
    if own is None:
        return
    today = date.today()
    if any(e.organization_id not in own and (e.end_date is None or e.end_date >= today) for e in teacher.employments):
        raise Conflict(
            "Педагог работает также в другой организации, поэтому перевести его в архив может только управление "
            "образования (специалист или методист). Чтобы отметить увольнение из вашей организации, укажите дату "
            "окончания работы в карточке.",
            code="works_elsewhere",
        )


def _children_snapshot(t: Teacher) -> dict[str, Any]:
    return {
        "employments": sorted(
            [
                [
                    str(e.organization_id),
                    e.position_code,
                    e.kind,
                    f"{Decimal(e.rate):.2f}" if e.rate is not None else None,  # as stored: Numeric(4, 2)
                    e.start_date.isoformat(),
                    e.end_date.isoformat() if e.end_date else None,
                ]
                for e in t.employments
            ]
        ),
        "subjects": sorted(s.subject_code for s in t.subjects),
        "categories": sorted([[c.category_code, c.granted_on.isoformat(), c.legal_basis] for c in t.categories]),
        "external_ids": sorted([[x.system, x.external_id] for x in t.external_ids]),
    }


def _person_snapshot(t: Teacher) -> dict[str, Any]:
    return {f: (v.isoformat() if isinstance(v := getattr(t, f), date) else v) for f in PERSON_FIELDS}


def _reconcile(current: list[Any], wanted: list[Any], key: Any) -> list[Any]:
    """The wanted rows, reusing the current row object for every row whose key is unchanged: sending back what
    GET returned changes nothing (no delete + insert of the same unique key, no new ids)."""
    pool: dict[Any, list[Any]] = {}
    for row in current:
        pool.setdefault(key(row), []).append(row)
    out = []
    for row in wanted:
        same = pool.get(key(row))
        out.append(same.pop(0) if same else row)
    return out


def _employment_key(e: Any) -> tuple[Any, ...]:
    rate = Decimal(e.rate) if e.rate is not None else None
    return (e.organization_id, e.position_code, e.kind, rate, e.start_date, e.end_date)


def _replace(t: Teacher, attr: str, wanted: list[Any], key: Any) -> None:
    current = list(getattr(t, attr))
    rows = _reconcile(current, wanted, key)
    if [id(r) for r in rows] != [id(r) for r in current]:
        setattr(t, attr, rows)


def _apply_children(t: Teacher, body: TeacherCreate | TeacherUpdate, fields: set[str]) -> None:
    m = t.municipality_id
    if "employments" in fields and body.employments is not None:
        _replace(
            t,
            "employments",
            [Employment(municipality_id=m, **e.model_dump()) for e in body.employments],
            _employment_key,
        )
    if "subjects" in fields and body.subjects is not None:
        _replace(
            t,
            "subjects",
            [TeacherSubject(municipality_id=m, subject_code=s) for s in sorted(set(body.subjects))],
            lambda s: s.subject_code,
        )
    if "categories" in fields and body.categories is not None:
        _replace(
            t,
            "categories",
            sorted(
                [
                    TeacherCategory(
                        municipality_id=m,
                        category_code=c.category_code,
                        granted_on=c.granted_on,
                        legal_basis=c.legal_basis,
                        expires_on=rules.category_expiry(c.category_code, c.granted_on),
                    )
                    for c in body.categories
                    if c.category_code != rules.NO_CATEGORY
                ],
                key=lambda c: c.granted_on,
            ),
            lambda c: (c.category_code, c.granted_on, c.legal_basis),
        )
    if "external_ids" in fields and body.external_ids is not None:
        _replace(
            t,
            "external_ids",
            [TeacherExternalId(municipality_id=m, **x.model_dump()) for x in body.external_ids],
            lambda x: (x.system, x.external_id),
        )


async def create_teacher(session: AsyncSession, principal: Principal, body: TeacherCreate) -> Teacher:
    org_ids = {e.organization_id for e in body.employments}
    municipality_id = body.municipality_id
    if municipality_id is None:
        municipality_id = await organizations_service.municipality_of(session, body.employments[0].organization_id)
        if municipality_id is None:
            raise Unprocessable(
                errors=[
                    FieldError(
                        field="body.employments",
                        code="unknown_organization",
                        message="Организация не найдена",
                    )
                ]
            )
    _check_write_scope(principal, municipality_id, org_ids)
    await _check_references(session, principal, municipality_id, body)
    teacher = Teacher(municipality_id=municipality_id, **body.model_dump(include=set(PERSON_FIELDS)))
    teacher.employments, teacher.subjects, teacher.categories, teacher.external_ids = [], [], [], []
    _apply_children(teacher, body, set(type(body).model_fields))
    session.add(teacher)
    await session.flush()
    await record(
        session,
        principal,
        "create",
        "teacher",
        teacher.id,
        municipality_id,
        {**_person_snapshot(teacher), **_children_snapshot(teacher)},
    )
    return teacher


async def archive_teacher(
    session: AsyncSession, principal: Principal, teacher: Teacher, reason: str, if_match: str | None
) -> None:
    repository.teachers.check_version(teacher, if_match, required=True)  # 428/412 before the 409 of the rules
    check_can_archive(principal, teacher)
    await repository.teachers.archive(session, principal, teacher, reason, if_match)


async def update_teacher(
    session: AsyncSession, principal: Principal, teacher: Teacher, body: TeacherUpdate, if_match: str | None = None
) -> dict:
    repository.teachers.check_version(teacher, if_match)
    fields = body.model_fields_set
    for required in ("last_name", "first_name"):
        if required in fields and getattr(body, required) is None:
            raise Unprocessable(
                errors=[FieldError(field=f"body.{required}", code="missing", message="Обязательное поле")]
            )
    if body.employments:
        _check_write_scope(principal, teacher.municipality_id, {e.organization_id for e in body.employments})
        _check_foreign_employments(principal, teacher, body.employments)
    await _check_references(session, principal, teacher.municipality_id, body)
    before = {**_person_snapshot(teacher), **_children_snapshot(teacher)}
    for f in PERSON_FIELDS:
        if f in fields:
            setattr(teacher, f, getattr(body, f))
    _apply_children(teacher, body, fields)
    after = {**_person_snapshot(teacher), **_children_snapshot(teacher)}
    changes = diff(before, after)
    if changes:
        # Children live in other tables: bump the teacher's version explicitly so ETags follow them too.
        teacher.updated_at = utcnow()
        await session.flush()
        await record(session, principal, "update", "teacher", teacher.id, teacher.municipality_id, changes)
    return changes


async def home_stats(
    session: AsyncSession,
    principal: Principal,
    municipality_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
) -> dict[str, int]:
    """The home page's figures inside the caller's scope (one statement)."""
    return await repository.home_stats(
        session,
        principal.scope(TeacherPerm.READ),
        principal.scope(OrganizationPerm.READ),
        date.today(),
        rules.EXPIRY_WARNING_DAYS,
        municipality_id,
        organization_id,
    )


async def stats_by_organization(
    session: AsyncSession, principal: Principal, page: PageParams, municipality_id: uuid.UUID | None = None
) -> tuple[list[dict[str, Any]], int]:
    return await repository.stats_by_organization(
        session, principal.scope(TeacherPerm.READ), date.today(), rules.EXPIRY_WARNING_DAYS, page, municipality_id
    )


async def refresh_all_stats(session: AsyncSession) -> int:
    """The kept home figures of every municipality recomputed for today (the nightly job; reads recompute a stale
    municipality themselves). Returns how many municipalities were recomputed."""
    return await repository.refresh_stats_summaries(session, Scope(all=True), date.today(), rules.EXPIRY_WARNING_DAYS)


def visible_teachers(principal: Principal, *columns: Any, perm: str = TeacherPerm.READ) -> Any:
    """SELECT `columns` FROM the teachers this principal may see for `perm` (the scoping gate's scope)."""
    return repository.visible_teachers(principal.scope(perm), *columns)


async def _count_teachers(session: AsyncSession, org: Any) -> int:
    return await repository.count_current(session, org.id, org.municipality_id)


organizations_service.teacher_counters[:] = [_count_teachers]


# --- the list and its export ---

MAX_EXPORT_ROWS = 50_000
EXPORT_CHUNK = 1_000


async def list_teachers(
    session: AsyncSession,
    principal: Principal,
    filters: TeacherFilters,
    page: PageParams,
    updated_since: datetime | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """A page of the list as rows with `TeacherListItem`'s fields, and the total: one statement (the view columns
    computed for the page's rows alone), no model object per row — lists are hot (the router serialises the rows
    with `json_page`)."""
    today = date.today()
    rows, total = await repository.list_page(
        session, principal.scope(TeacherPerm.READ), filters, page, today, updated_since
    )
    for row in rows:
        row["category_warning"] = rules.expiry_warning(row["category_expires_on"], today)
    return rows, total


async def export_ids(
    session: AsyncSession, principal: Principal, filters: TeacherFilters, sort: str | None, limit: int
) -> list[uuid.UUID]:
    """The ids an export of the list would carry (up to `limit`), in the list's order."""
    return await repository.matching_ids(session, principal.scope(TeacherPerm.READ), filters, sort, date.today(), limit)


def check_export_size(rows: int) -> None:
    if rows > MAX_EXPORT_ROWS:
        raise Unprocessable(
            f"Слишком много строк для выгрузки (больше {MAX_EXPORT_ROWS:,}). Уточните фильтры.".replace(",", " "),
            code="export_too_large",
        )


async def export_file(
    session: AsyncSession, ids: list[uuid.UUID], format: str, progress: Any = None
) -> tuple[bytes, int]:
    """The spreadsheet of these teachers (the list's columns plus what an import needs back) and its row count.
    `progress(done, total, message)` is awaited after each chunk (the export job's progress)."""
    today = date.today()
    rows: dict[uuid.UUID, Any] = {}
    extra: dict[uuid.UUID, dict[str, Any]] = {}
    for i in range(0, len(ids), EXPORT_CHUNK):
        rows.update(await repository.view_rows(session, ids[i : i + EXPORT_CHUNK], today))
        extra.update(await repository.import_columns(session, ids[i : i + EXPORT_CHUNK], today))
        if progress is not None:
            await progress(min(i + EXPORT_CHUNK, len(ids)), len(ids), "Собираются строки")
    subjects = await reference_names(session, Subject)
    categories = await reference_names(session, QualificationCategory)
    table = [exporter.teacher_row(rows[i], subjects, categories, today, extra.get(i)) for i in ids]
    if progress is not None:
        await progress(len(ids), len(ids), "Формируется файл", force=True)
    content = await run_in_threadpool(render, format, exporter.TEACHER_COLUMNS, table, "Педагоги")
    return content, len(table)


async def record_export(
    session: AsyncSession,
    principal: Principal,
    filters: TeacherFilters,
    format: str,
    rows: int,
    municipality_id: uuid.UUID | None,
    **extra: Any,
) -> None:
    await record(
        session,
        principal,
        "export",
        "teacher",
        None,
        municipality_id,
        {"format": format, "rows": rows, "filters": filters.summary(), **extra},
    )


async def import_template(format: str, session: AsyncSession) -> bytes:
    """The file a school fills in before an import, with the dictionaries' names."""
    positions = await reference_names(session, Position)
    subjects = await reference_names(session, Subject)
    categories = await reference_names(session, QualificationCategory)
    return await run_in_threadpool(exporter.import_template, format, positions, subjects, categories)


async def read_teacher(session: AsyncSession, principal: Principal, teacher_id: uuid.UUID) -> TeacherRead:
    """The card, inside the caller's scope; each read of personal data is audited (152-ФЗ)."""
    teacher = await get_visible_teacher(session, principal, teacher_id)
    await record(session, principal, "read", "teacher", teacher.id, teacher.municipality_id)
    return await profile_view(session, teacher, principal)


# --- writes answered with the card ---


async def create_and_read(session: AsyncSession, principal: Principal, body: TeacherCreate) -> TeacherRead:
    teacher = await create_teacher(session, principal, body)
    teacher = await get_visible_teacher(session, principal, teacher.id, TeacherPerm.WRITE)
    return await profile_view(session, teacher, principal)


async def update_and_read(
    session: AsyncSession, principal: Principal, teacher_id: uuid.UUID, body: TeacherUpdate, if_match: str | None
) -> TeacherRead:
    teacher = await get_visible_teacher(session, principal, teacher_id, TeacherPerm.WRITE)
    await update_teacher(session, principal, teacher, body, if_match)
    return await profile_view(session, teacher, principal)


async def archive_and_read(
    session: AsyncSession, principal: Principal, teacher_id: uuid.UUID, reason: str, if_match: str | None
) -> TeacherRead:
    teacher = await get_visible_teacher(session, principal, teacher_id, TeacherPerm.WRITE)
    await archive_teacher(session, principal, teacher, reason, if_match)
    return await profile_view(session, teacher, principal)


# --- for other modules: their records belong to teachers (courses, attestation, mentoring) ---


def teacher_ids_in_scope(scope: Scope) -> Any:
    """SELECT the ids of the teachers inside `scope`: a module whose records belong to a teacher builds its scope
    condition with this (a school sees the records of the people who work there now, a teacher their own)."""
    return repository.ids_in_scope(scope)


def teacher_ids_working_at(organization_ids: Sequence[uuid.UUID], on: date) -> Any:
    """SELECT the ids of the people with a job (main or part-time) at these organizations on `on`."""
    return repository.ids_working_at(organization_ids, on)


def teacher_directory(on: date, name: str = "teacher_directory") -> Any:
    """A subquery (named `name`) with one row per teacher: `teacher_id`, `municipality_id`, `last_name`,
    `first_name`, `middle_name`, `full_name`, `birth_date`, `teaching_since`, the job on `on` (main first:
    `organization_id`, `organization_name`, `position_code`, `position_name`), `is_young` on `on` by the
    municipality's rule, `teacher_archived_at`. Join it to records the caller already sees (not scoped itself)."""
    return repository.directory(on).subquery(name)


def counted_teachers(
    principal: Principal,
    on: date,
    *,
    perm: str = TeacherPerm.READ,
    organization_ids: Sequence[uuid.UUID] | None = None,
    municipality_id: uuid.UUID | None = None,
    young: bool | None = None,
    with_category: bool = False,
) -> Any:
    """A subquery `counted_teachers` of the KPI population on `on` (DOMAIN.md: not archived, a MAIN employment
    covering `on`; counted at that employment's organization) inside the caller's scope for `perm`, with the
    columns of `teacher_directory`; `with_category` adds the latest category (`category_code`, `category_name`,
    `granted_on`, `expires_on`) and drops the teachers without one."""
    stmt = repository.counted(
        principal.scope(perm), on, organization_ids=organization_ids, municipality_id=municipality_id, young=young
    )
    if with_category:
        stmt = repository.with_latest_category(stmt)
    return stmt.subquery("counted_teachers")


def _facts(row: Any) -> TeacherFacts:
    return TeacherFacts(
        id=row.id,
        municipality_id=row.municipality_id,
        last_name=row.last_name,
        first_name=row.first_name,
        middle_name=row.middle_name,
        birth_date=row.birth_date,
        teaching_since=row.teaching_since,
        archived=row.archived_at is not None,
        young_age_limit=row.young_age_limit,
        young_experience_limit=row.young_experience_limit,
        young_rule=row.young_rule,
    )


async def teacher_facts(session: AsyncSession, scope: Scope, ids: set[uuid.UUID]) -> dict[uuid.UUID, TeacherFacts]:
    """The teachers among `ids` inside `scope` (missing ones are outside it or do not exist)."""
    return {row.id: _facts(row) for row in await repository.facts(session, scope, ids)}


def is_young_on(teacher: TeacherFacts, on: date) -> bool:
    """Young on `on` by the teacher's municipality's rule (the same rule as the card and the lists)."""
    return rules.is_young(
        teacher.birth_date,
        teacher.teaching_since,
        on,
        age_limit=teacher.young_age_limit,
        experience_limit=teacher.young_experience_limit,
        rule=teacher.young_rule,
    )


async def teacher_names(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Full names of these teachers, for messages about records the caller already sees."""
    return {tid: " ".join(p for p in parts if p) for tid, parts in (await repository.names_of(session, ids)).items()}


async def match_people(
    session: AsyncSession,
    scope: Scope,
    municipality_id: uuid.UUID,
    queries: Sequence[PersonQuery],
    system: str | None = None,
) -> list[PersonMatch]:
    """Match rows of another module's file to teachers of a municipality inside `scope`, as the teacher import
    matches: by personnel number in the numbering `system` (leading zeros a spreadsheet dropped still match; the
    surname must agree), else by full name and birth date (`rules.person_key`). Ambiguity is an error, never a
    guess; the people compared are never returned."""
    numbers = {q.external_id for q in queries if q.external_id}
    by_number: dict[str, set[uuid.UUID]] = {}
    if system and numbers:
        digits = {n.lstrip("0") or "0" for n in numbers if n.isdigit()}
        found = await repository.ids_by_number(session, municipality_id, system, numbers, digits)
        visible = await repository.visible_ids(session, scope, {tid for _, tid in found})
        for number, tid in found:
            if tid in visible:
                by_number.setdefault(number, set()).add(tid)
                if number.isdigit():
                    by_number.setdefault("#" + (number.lstrip("0") or "0"), set()).add(tid)
    people: dict[tuple[str, ...], list[uuid.UUID]] = {}
    surnames: dict[uuid.UUID, str] = {}
    births = {q.birth_date for q in queries if q.birth_date}
    for tid, last, first, middle, birth in await repository.people_in_scope_born_on(
        session, scope, municipality_id, births
    ):
        key = rules.person_key(last, first, middle, birth)
        if key:
            people.setdefault(key, []).append(tid)
    if by_number:
        surnames = {
            tid: rules.normalize_name(parts[0])
            for tid, parts in (
                await repository.names_of(session, {t for ids in by_number.values() for t in ids})
            ).items()
        }
    out: list[PersonMatch] = []
    for q in queries:
        if q.external_id and system:
            same = by_number.get(q.external_id) or (
                by_number.get("#" + (q.external_id.lstrip("0") or "0"), set()) if q.external_id.isdigit() else set()
            )
            if len(same) == 1:
                tid = next(iter(same))
                if q.last_name and surnames.get(tid) != rules.normalize_name(q.last_name):
                    out.append(PersonMatch(None, f"Табельный номер {q.external_id} принадлежит другому педагогу"))
                else:
                    out.append(PersonMatch(tid))
                continue
            if len(same) > 1:
                out.append(PersonMatch(None, f"Табельный номер {q.external_id} неоднозначен: укажите дату рождения"))
                continue
        key = rules.person_key(q.last_name, q.first_name, q.middle_name, q.birth_date)
        if key is None:
            out.append(
                PersonMatch(
                    None,
                    f"Педагог с табельным номером {q.external_id} не найден"
                    if q.external_id and system
                    else "Укажите дату рождения (или табельный номер и организацию), чтобы найти педагога",
                )
            )
            continue
        ids = people.get(key, [])
        if len(ids) == 1:
            out.append(PersonMatch(ids[0]))
        elif ids:
            out.append(PersonMatch(None, "Несколько педагогов с такими ФИО и датой рождения: укажите табельный номер"))
        else:
            out.append(PersonMatch(None, "Педагог с такими ФИО и датой рождения не найден среди ваших педагогов"))
    return out


async def _categories_changed(
    session: AsyncSession, principal: Principal | None, t: Teacher, before: Any, source: str
) -> None:
    after = _children_snapshot(t)["categories"]
    if after == before:
        return
    t.updated_at = utcnow()  # the teacher's version follows its category history (ETags of open cards go stale)
    await session.flush()
    await record(
        session,
        principal,
        "update",
        "teacher",
        t.id,
        t.municipality_id,
        {"categories": {"before": before, "after": after}, "source": source},
    )


async def grant_category(
    session: AsyncSession,
    principal: Principal | None,
    scope: Scope,
    teacher_id: uuid.UUID,
    category_code: str,
    granted_on: date,
    legal_basis: str | None,
    *,
    source: str = "attestation",
) -> date | None:
    """Add a grant to the teacher's category history (expiry by the rules in force, `rules.category_expiry`),
    audited on the teacher with its `source`; the same category on the same date is not added twice. Returns the
    expiry (None: no expiry). The teacher must be inside `scope` (404 otherwise)."""
    t = await repository.get_visible(session, scope, teacher_id)
    if t is None:
        raise NotFound("Педагог не найден")
    expires = rules.category_expiry(category_code, granted_on)
    before = _children_snapshot(t)["categories"]
    if not any(c.category_code == category_code and c.granted_on == granted_on for c in t.categories):
        t.categories.append(
            TeacherCategory(
                municipality_id=t.municipality_id,
                category_code=category_code,
                granted_on=granted_on,
                legal_basis=legal_basis,
                expires_on=expires,
            )
        )
        t.categories.sort(key=lambda c: c.granted_on)
    await _categories_changed(session, principal, t, before, source)
    return expires


async def withdraw_category(
    session: AsyncSession,
    principal: Principal | None,
    scope: Scope,
    teacher_id: uuid.UUID,
    category_code: str,
    granted_on: date,
    *,
    source: str = "attestation",
) -> None:
    """Remove a grant written by `grant_category` (its record was archived as made in error), audited on the
    teacher. Nothing happens when the grant is not there (edited in the card meanwhile)."""
    t = await repository.get_visible(session, scope, teacher_id)
    if t is None:
        raise NotFound("Педагог не найден")
    before = _children_snapshot(t)["categories"]
    keep = [c for c in t.categories if not (c.category_code == category_code and c.granted_on == granted_on)]
    if len(keep) != len(t.categories):
        t.categories = keep
    await _categories_changed(session, principal, t, before, source)


# --- for other modules: teachers through the one gate -------------------------------------------------------------


def full_name_of(teacher_id_col: Any) -> Any:
    """SQL: the full name of the teacher `teacher_id_col` (for lists of rows the caller already may see)."""
    return repository.full_name_of(teacher_id_col)


async def visible_ids(session: AsyncSession, scope: Scope, ids: set[uuid.UUID]) -> set[uuid.UUID]:
    """Which of `ids` are teachers inside `scope`."""
    return await repository.visible_ids(session, scope, ids)


async def names_in_scope(
    session: AsyncSession, scope: Scope, ids: set[uuid.UUID], municipality_id: uuid.UUID | None = None
) -> dict[uuid.UUID, str]:
    """Full names of the teachers among `ids` inside `scope` (and the municipality, when given); others left out."""
    return await repository.names_in_scope(session, scope, ids, municipality_id)


async def organizations_on(session: AsyncSession, ids: set[uuid.UUID], on: date) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Every organization where each of these teachers works (main or part-time job) on a date."""
    return await repository.organizations_on(session, ids, on)


async def main_organizations_on(session: AsyncSession, ids: set[uuid.UUID], on: date) -> dict[uuid.UUID, uuid.UUID]:
    """Where each of these teachers had their main job on a date (reports per organization at the time)."""
    return await repository.main_organizations_on(session, ids, on)


async def selected_ids(
    session: AsyncSession,
    scope: Scope,
    *,
    organization_id: uuid.UUID | None = None,
    position: Sequence[str] | None = None,
    subject: Sequence[str] | None = None,
    limit: int = 5000,
) -> list[uuid.UUID]:
    """Active teachers inside `scope` who work now (at the organization, in the positions) and teach the subjects."""
    return await repository.selected_ids(session, scope, date.today(), organization_id, position, subject, limit)


@dataclass(frozen=True)
class PersonLookup:
    """A person as a list names them: full name, birth date and/or personnel number."""

    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date | None
    personnel_number: str | None


@dataclass(frozen=True)
class PersonCandidate:
    teacher_id: uuid.UUID
    last_name: str
    full_name: str


@dataclass(frozen=True)
class MatchResult:
    by_number: list[PersonCandidate]  # people inside the scope with this personnel number
    by_name_and_birth: list[PersonCandidate]  # people inside the scope with this full name and birth date


async def person_candidates(
    session: AsyncSession, scope: Scope, people: Sequence[PersonLookup], system: str | None = None
) -> list[MatchResult]:
    """Candidates for each person of a list, looked up only among the teachers inside `scope` (the caller's own
    gate): by personnel number (in the numbering `system`, or any; leading zeros lost by a spreadsheet still match)
    and by full name + birth date, compared as the teacher import compares them (case, ё/е, spaces)."""
    births = {p.birth_date for p in people if p.birth_date}
    numbers = {p.personnel_number for p in people if p.personnel_number}
    rows, numbered = await repository.people_in_scope(session, scope, births, numbers, system)
    info: dict[uuid.UUID, PersonCandidate] = {}
    by_key: dict[tuple[str, str, str, date], list[uuid.UUID]] = {}
    for tid, last, first, middle, birth in rows:
        info[tid] = PersonCandidate(tid, last, " ".join(x for x in (last, first, middle) if x))
        by_key.setdefault((fold(last), fold(first), fold(middle or ""), birth), []).append(tid)
    by_number: dict[str, set[uuid.UUID]] = {}
    for number, tid in numbered:
        by_number.setdefault(number, set()).add(tid)
        if number.isdigit():
            by_number.setdefault("#" + (number.lstrip("0") or "0"), set()).add(tid)
    missing = {tid for ids in by_number.values() for tid in ids} - set(info)
    if missing:
        for tid, name in (await repository.names_in_scope(session, scope, missing)).items():
            info[tid] = PersonCandidate(tid, name.split(" ", 1)[0], name)
    out = []
    for p in people:
        number_ids: set[uuid.UUID] = set()
        if p.personnel_number:
            number_ids = by_number.get(p.personnel_number, set())
            if not number_ids and p.personnel_number.isdigit():
                number_ids = by_number.get("#" + (p.personnel_number.lstrip("0") or "0"), set())
        name_ids = (
            by_key.get((fold(p.last_name), fold(p.first_name), fold(p.middle_name or ""), p.birth_date), [])
            if p.birth_date
            else []
        )
        out.append(
            MatchResult(
                by_number=[info[t] for t in sorted(number_ids) if t in info],
                by_name_and_birth=[info[t] for t in name_ids],
            )
        )
    return out
