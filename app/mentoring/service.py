"""Mentoring pairs: the rules (one active mentor per mentee, the municipality's limit of mentees per mentor, no young
mentor unless the municipality allows it), audited writes with If-Match, reads with the people's names and
`actions`, and the list of young teachers without a mentor on a date with the share (Zeya's target 100 %)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.core.access import Principal, Scope
from app.core.audit_trail import record
from app.core.errors import Conflict, FieldError, NotFound, Unprocessable
from app.core.exports import Column, render
from app.core.pagination import Page, PageParams
from app.core.timeline import TimelineEntry, register_source
from app.mentoring import repository as repo
from app.mentoring.models import MentoringPair
from app.mentoring.permissions import MentoringPerm
from app.mentoring.schemas import (
    FORM_LABELS,
    STATUS_LABELS,
    MentoringPairCreate,
    MentoringPairRead,
    MentoringPairUpdate,
    PairFilters,
    YoungWithoutMentor,
    YoungWithoutMentorPage,
)
from app.teachers import rules
from app.teachers import service as teachers
from app.teachers.schemas import TeacherFacts
from app.tenants import service as tenants

MAX_EXPORT_ROWS = 50_000


# --- reads ---


def _read(row: Any, writable: set[uuid.UUID], today: date) -> MentoringPairRead:
    p: MentoringPair = row[0]
    out = MentoringPairRead.model_validate(p)
    out.mentor_name = row.mentor_name
    out.mentor_organization_name = row.mentor_organization_name
    out.mentee_name = row.mentee_name
    out.mentee_organization_id = row.mentee_organization_id
    out.mentee_organization_name = row.mentee_organization_name
    out.form_label = FORM_LABELS.get(p.form, p.form)
    out.status_label = STATUS_LABELS.get(p.status, p.status)
    if p.status == "active" and p.end_date is not None and p.end_date < today and p.archived_at is None:
        out.warnings.append(
            f"Срок наставничества закончился {p.end_date:%d.%m.%Y}: отметьте пару завершённой или продлите её"
        )
    if p.archived_at is None and p.id in writable:
        out.actions = ["update", "archive"]
    return out


async def _writable(session: AsyncSession, principal: Principal, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """The pairs among `ids` the caller may change: inside its write scope (the same condition the writes use)."""
    if not principal.has(MentoringPerm.WRITE):
        return set()
    return await repo.in_scope(session, principal.scope(MentoringPerm.WRITE), ids)


async def list_pairs(
    session: AsyncSession, principal: Principal, f: PairFilters, page: PageParams
) -> Page[MentoringPairRead]:
    today = date.today()
    rows, total = await repo.page(session, principal.scope(MentoringPerm.READ), f, page, today)
    writable = await _writable(session, principal, [r[0].id for r in rows])
    return Page(items=[_read(r, writable, today) for r in rows], total=total, limit=page.limit, offset=page.offset)


async def read_pair(
    session: AsyncSession, principal: Principal, pair_id: uuid.UUID, perm: str = MentoringPerm.READ
) -> MentoringPairRead:
    today = date.today()
    row = await repo.row(session, principal.scope(perm), pair_id, today)
    if row is None:
        raise NotFound(repo.pairs.not_found)
    return _read(row, await _writable(session, principal, [pair_id]), today)


# --- rules ---


def _person_error(field: str, message: str, code: str = "unknown_teacher") -> Unprocessable:
    return Unprocessable(errors=[FieldError(field=f"body.{field}", code=code, message=message)])


async def _people(
    session: AsyncSession, principal: Principal, mentor_id: uuid.UUID, mentee_id: uuid.UUID | None
) -> dict[uuid.UUID, TeacherFacts]:
    """The mentor (and the mentee) inside the caller's write scope, or 422 naming the field (a teacher outside the
    scope answers exactly like one that does not exist)."""
    wanted = {mentor_id} | ({mentee_id} if mentee_id else set())
    found = await teachers.teacher_facts(session, principal.scope(MentoringPerm.WRITE), wanted)
    for field, tid in (("mentee_id", mentee_id), ("mentor_id", mentor_id)):
        if tid is not None and tid not in found:
            raise _person_error(field, "Педагог не найден")
        if tid is not None and found[tid].archived:
            raise _person_error(field, "Педагог в архиве", "archived_teacher")
    return found


async def _check_mentor(
    session: AsyncSession, mentor: TeacherFacts, mentee_municipality: uuid.UUID, mentee_id: uuid.UUID, start: date
) -> None:
    if mentor.id == mentee_id:
        raise _person_error("mentor_id", "Наставник и наставляемый — один и тот же педагог", "same_person")
    if mentor.municipality_id != mentee_municipality:
        raise _person_error("mentor_id", "Наставник работает в другом муниципалитете", "other_municipality")
    settings = await tenants.mentoring_rules(session, mentor.municipality_id)
    if not settings.young_mentors_allowed and teachers.is_young_on(mentor, start):
        raise _person_error(
            "mentor_id",
            f"{mentor.short_name} — молодой педагог на {start:%d.%m.%Y}: по правилам муниципалитета молодой педагог "
            "не может быть наставником",
            "young_mentor",
        )


async def _existing_conflict(
    session: AsyncSession, municipality_id: uuid.UUID, mentee_id: uuid.UUID, exclude: uuid.UUID | None
) -> Conflict | None:
    existing = await repo.active_pair_of(session, municipality_id, mentee_id, exclude)
    if existing is None:
        return None
    names = await teachers.teacher_names(session, {existing.mentor_id, existing.mentee_id})
    return Conflict(
        f"У педагога {names.get(existing.mentee_id, '')} уже есть действующий наставник: "
        f"{names.get(existing.mentor_id, '')} (пара с {existing.start_date:%d.%m.%Y}). Завершите ту пару, "
        "прежде чем назначать другого наставника.",
        code="active_mentor_exists",
        extra={"existing_id": str(existing.id)},
    )


async def _check_active(
    session: AsyncSession,
    municipality_id: uuid.UUID,
    mentor: TeacherFacts,
    mentee_id: uuid.UUID,
    exclude: uuid.UUID | None,
) -> None:
    """One active mentor per mentee; no more active mentees per mentor than the municipality allows."""
    await repo.lock_mentor(session, mentor.id)
    conflict = await _existing_conflict(session, municipality_id, mentee_id, exclude)
    if conflict is not None:
        raise conflict
    limit = (await tenants.mentoring_rules(session, municipality_id)).max_mentees
    count = await repo.active_mentees(session, municipality_id, mentor.id, exclude)
    if count >= limit:
        raise Conflict(
            f"У наставника {mentor.short_name} уже {count} наставляемых — это предел, установленный "
            f"муниципалитетом ({limit}). Завершите одну из его пар или выберите другого наставника.",
            code="mentee_limit",
            extra={"limit": limit, "active_mentees": count},
        )


def _closing_end(status: str, start: date, end: date | None) -> date | None:
    """A finished or cancelled pair ends: today unless a date is given (never before its start)."""
    if status != "active" and end is None:
        return max(start, date.today())
    return end


async def _save(session: AsyncSession, municipality_id: uuid.UUID, mentee_id: uuid.UUID, write: Any) -> None:
    """Run the write in a savepoint: when a concurrent request made another active pair of the mentee first, the
    partial unique index refuses this one — answered 409 naming that pair, like the check before it."""
    try:
        async with session.begin_nested():
            await write()
    except IntegrityError:
        conflict = await _existing_conflict(session, municipality_id, mentee_id, None)
        if conflict is None:
            raise
        raise conflict from None


# --- writes ---


async def create_pair(session: AsyncSession, principal: Principal, body: MentoringPairCreate) -> MentoringPairRead:
    people = await _people(session, principal, body.mentor_id, body.mentee_id)
    mentor, mentee = people[body.mentor_id], people[body.mentee_id]
    await _check_mentor(session, mentor, mentee.municipality_id, mentee.id, body.start_date)
    if body.status == "active":
        await _check_active(session, mentee.municipality_id, mentor, mentee.id, None)
    data = body.model_dump()
    data["end_date"] = _closing_end(body.status, body.start_date, body.end_date)
    pair = MentoringPair(municipality_id=mentee.municipality_id, **data)

    async def write() -> None:
        await repo.pairs.create(session, principal, pair)

    await _save(session, mentee.municipality_id, mentee.id, write)
    return await read_pair(session, principal, pair.id, MentoringPerm.WRITE)


async def update_pair(
    session: AsyncSession,
    principal: Principal,
    pair_id: uuid.UUID,
    body: MentoringPairUpdate,
    if_match: str | None,
) -> MentoringPairRead:
    pair = await repo.pairs.get(session, principal.scope(MentoringPerm.WRITE), pair_id)
    repo.pairs.check_version(pair, if_match)
    if pair.archived_at is not None:
        raise Conflict("Пара в архиве: изменить её нельзя", code="archived")
    values = body.model_dump(exclude_unset=True)
    status = values.get("status", pair.status)
    start = values.get("start_date", pair.start_date)
    end = values.get("end_date", pair.end_date)
    if end is not None and end < start:
        raise Unprocessable(
            errors=[FieldError(field="body.end_date", code="dates", message="Дата окончания раньше даты начала")]
        )
    closing = _closing_end(status, start, end)
    if closing != end:
        values["end_date"] = closing
    mentor_id = values.get("mentor_id", pair.mentor_id)
    if "mentor_id" in values or "start_date" in values or (status == "active" and pair.status != "active"):
        if "mentor_id" in values:  # a new mentor: one the caller may keep records of
            mentor = (await _people(session, principal, mentor_id, None))[mentor_id]
        else:  # the pair's own mentor (maybe of another school): looked up inside the pair's municipality
            pair_scope = Scope(municipality_ids=frozenset({pair.municipality_id}))
            mentor = (await teachers.teacher_facts(session, pair_scope, {mentor_id}))[mentor_id]
        await _check_mentor(session, mentor, pair.municipality_id, pair.mentee_id, start)
        if status == "active" and (pair.status != "active" or mentor_id != pair.mentor_id):
            await _check_active(session, pair.municipality_id, mentor, pair.mentee_id, pair.id)

    async def write() -> None:
        await repo.pairs.update(session, principal, pair, values, if_match)

    await _save(session, pair.municipality_id, pair.mentee_id, write)
    return await read_pair(session, principal, pair.id, MentoringPerm.WRITE)


async def archive_pair(
    session: AsyncSession, principal: Principal, pair_id: uuid.UUID, reason: str, if_match: str | None
) -> MentoringPairRead:
    pair = await repo.pairs.get(session, principal.scope(MentoringPerm.WRITE), pair_id)
    await repo.pairs.archive(session, principal, pair, reason, if_match)
    return await read_pair(session, principal, pair.id, MentoringPerm.WRITE)


# --- young teachers without a mentor ---


def _young_item(row: dict[str, Any], on: date) -> YoungWithoutMentor:
    return YoungWithoutMentor(
        teacher_id=row["teacher_id"],
        full_name=row["full_name"],
        organization_id=row["organization_id"],
        organization_name=row["organization_name"],
        position_name=row["position_name"],
        birth_date=row["birth_date"],
        teaching_since=row["teaching_since"],
        age=rules.full_years(row["birth_date"], on),
        experience_years=rules.full_years(row["teaching_since"], on),
        last_mentor_name=row["last_mentor_name"],
        last_pair_end_date=row["last_pair_end_date"],
    )


def _counted_young(
    principal: Principal, on: date, organization_id: uuid.UUID | None, municipality_id: uuid.UUID | None
) -> Any:
    return teachers.counted_teachers(
        principal,
        on,
        perm=MentoringPerm.READ,
        organization_ids=[organization_id] if organization_id else None,
        municipality_id=municipality_id,
        young=True,
    )


async def young_without_mentor(
    session: AsyncSession,
    principal: Principal,
    on: date,
    page: PageParams,
    organization_id: uuid.UUID | None = None,
    municipality_id: uuid.UUID | None = None,
) -> YoungWithoutMentorPage:
    """Young teachers counted on `on` (main employment covering it; young by their municipality's rule on it)
    inside the caller's scope who are not the mentee of a pair covering the date, and the share of those who are
    — the Z-MENTOR indicator for the same population."""
    counted = _counted_young(principal, on, organization_id, municipality_id)
    young, with_mentor = await repo.young_mentoring_counts(session, counted, on)
    rows, total = await repo.young_without_mentor(session, counted, on, page)
    return YoungWithoutMentorPage(
        items=[_young_item(r, on) for r in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
        on=on,
        young_total=young,
        with_mentor=with_mentor,
        share=round(100 * with_mentor / young, 1) if young else None,
    )


# --- exports ---

PAIR_COLUMNS = [
    Column("№", 6, "number"),
    Column("Наставляемый", 32),
    Column("Место работы наставляемого", 24),
    Column("Наставник", 32),
    Column("Место работы наставника", 24),
    Column("Форма", 24),
    Column("Цель", 40),
    Column("Дата начала", 12, "date"),
    Column("Дата окончания", 12, "date"),
    Column("Статус", 16),
    Column("Итог", 40),
    Column("В архиве", 10),
]
YOUNG_COLUMNS = [
    Column("№", 6, "number"),
    Column("ФИО", 32),
    Column("Организация", 24),
    Column("Должность", 24),
    Column("Дата рождения", 12, "date"),
    Column("Педагогический стаж с", 12, "date"),
    Column("Полных лет", 8, "number"),
    Column("Стаж, лет", 8, "number"),
    Column("Прежний наставник", 32),
    Column("Прежняя пара закончилась", 12, "date"),
]


def _check_size(rows: int) -> None:
    if rows > MAX_EXPORT_ROWS:
        raise Unprocessable(
            f"Слишком много строк для выгрузки (больше {MAX_EXPORT_ROWS:,}). Уточните фильтры.".replace(",", " "),
            code="export_too_large",
        )


async def export_pairs(
    session: AsyncSession, principal: Principal, f: PairFilters, sort: str | None, fmt: str
) -> bytes:
    today = date.today()
    rows = await repo.all_rows(session, principal.scope(MentoringPerm.READ), f, sort, today, MAX_EXPORT_ROWS + 1)
    _check_size(len(rows))
    table = [
        [
            i,
            r.mentee_name,
            r.mentee_organization_name,
            r.mentor_name,
            r.mentor_organization_name,
            FORM_LABELS.get(r[0].form, r[0].form),
            r[0].goal,
            r[0].start_date,
            r[0].end_date,
            STATUS_LABELS.get(r[0].status, r[0].status),
            r[0].outcome,
            "да" if r[0].archived_at else "",
        ]
        for i, r in enumerate(rows, start=1)
    ]
    await record(
        session,
        principal,
        "export",
        "mentoring_pair",
        None,
        principal.single_municipality_id(),
        {"format": fmt, "rows": len(table), "filters": f.summary()},
    )
    return await run_in_threadpool(render, fmt, PAIR_COLUMNS, table, "Наставничество")  # type: ignore[arg-type]


async def export_young_without_mentor(
    session: AsyncSession,
    principal: Principal,
    on: date,
    sort: str | None,
    fmt: str,
    organization_id: uuid.UUID | None = None,
    municipality_id: uuid.UUID | None = None,
) -> bytes:
    counted = _counted_young(principal, on, organization_id, municipality_id)
    rows = await repo.all_young_without_mentor(session, counted, on, sort, MAX_EXPORT_ROWS + 1)
    _check_size(len(rows))
    table = []
    for i, r in enumerate(rows, start=1):
        item = _young_item(r, on)
        table.append(
            [
                i,
                item.full_name,
                item.organization_name,
                item.position_name,
                item.birth_date,
                item.teaching_since,
                item.age,
                item.experience_years,
                item.last_mentor_name,
                item.last_pair_end_date,
            ]
        )
    await record(
        session,
        principal,
        "export",
        "mentoring_pair",
        None,
        principal.single_municipality_id(),
        {
            "format": fmt,
            "rows": len(table),
            "filters": {
                "list": "young_without_mentor",
                "on": on.isoformat(),
                **({"organization_id": str(organization_id)} if organization_id else {}),
            },
        },
    )
    return await run_in_threadpool(render, fmt, YOUNG_COLUMNS, table, "Без наставника")  # type: ignore[arg-type]


# --- the teacher's growth timeline (read by app.growth) ---


async def timeline(session: AsyncSession, principal: Principal, teacher_id: uuid.UUID) -> list[TimelineEntry]:
    """The pairs in which the teacher is a mentor or a mentee, as the caller may read them."""
    if not principal.has(MentoringPerm.READ):
        return []
    f = PairFilters(None, None, teacher_id, None, None, None, None, include_archived=False)
    rows = await repo.all_rows(session, principal.scope(MentoringPerm.READ), f, None, date.today(), 1_000)
    out = []
    for row in rows:
        p: MentoringPair = row[0]
        as_mentor = p.mentor_id == teacher_id
        other = row.mentee_name if as_mentor else row.mentor_name
        out.append(
            TimelineEntry(
                kind="mentoring",
                kind_label="Наставничество",
                record_id=p.id,
                start=p.start_date,
                end=p.end_date,
                title=("Наставник для " if as_mentor else "Наставляемый, наставник ") + (other or "—"),
                detail="; ".join(
                    x for x in (FORM_LABELS.get(p.form, p.form), STATUS_LABELS.get(p.status, p.status), p.goal) if x
                ),
            )
        )
    return out


register_source("mentoring", timeline)
