"""Help requests: who may ask for whom, the states and their transitions (take, consult, close with a resolution,
reopen by the requesting side within 14 days), each an audited write with If-Match, notifications to the people
concerned, reads with names, the answer's due date in working days, `overdue` and `actions`, and the exports."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.core.access import ROLE_GRANTS, Principal
from app.core.audit_trail import diff, record, snapshot
from app.core.db import utcnow
from app.core.errors import Conflict, FieldError, NotFound, Unprocessable
from app.core.exports import Column, render
from app.core.pagination import Page, PageParams
from app.core.timeline import TimelineEntry, register_source
from app.core.workdays import add_working_days
from app.help_requests import repository as repo
from app.help_requests.models import HelpConsultation, HelpRequest
from app.help_requests.permissions import HelpRequestPerm
from app.help_requests.schemas import (
    CONSULTATION_FORM_LABELS,
    FORM_LABELS,
    REOPEN_DAYS,
    RESOLUTION_LABELS,
    STATE_LABELS,
    ConsultationCreate,
    ConsultationRead,
    HelpRequestClose,
    HelpRequestCreate,
    HelpRequestFilters,
    HelpRequestRead,
    HelpRequestReopen,
    HelpRequestUpdate,
)
from app.notifications import service as notifications
from app.organizations import service as organizations
from app.reference import service as reference
from app.teachers import service as teachers
from app.users import service as users

MAX_EXPORT_ROWS = 50_000
P = HelpRequestPerm


def link_of(request_id: uuid.UUID) -> str:
    """The SPA path of a request (ids only: no personal data in a URL)."""
    return f"/help-requests/{request_id}"


def reopen_until(r: HelpRequest) -> date | None:
    """The last day (inclusive) a closed request may be reopened: 14 calendar days after the day it was closed."""
    if r.state != "closed" or r.closed_at is None:
        return None
    return r.closed_at.date() + timedelta(days=REOPEN_DAYS)


# --- reads ---


class _Names:
    """Names of the people, organizations and topics of a page of requests, looked up once per page."""

    def __init__(self) -> None:
        self.orgs: dict[uuid.UUID, str] = {}
        self.teachers: dict[uuid.UUID, str] = {}
        self.users: dict[uuid.UUID, str] = {}
        self.topics: dict[str, str] = {}

    @classmethod
    async def of(cls, session: AsyncSession, items: list[HelpRequest]) -> _Names:
        out = cls()
        out.orgs = await organizations.names(session, {r.organization_id for r in items})
        out.teachers = await teachers.teacher_names(session, {r.teacher_id for r in items if r.teacher_id})
        by_muni: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        for r in items:
            for uid in (r.requested_by_id, r.assignee_id):
                if uid:
                    by_muni[r.municipality_id].add(uid)
        for muni, ids in by_muni.items():
            out.users.update(await users.names_in_municipality(session, muni, ids))
        out.topics = await reference.competence_area_names(session)
        return out


def _actions(r: HelpRequest, creatable: set[uuid.UUID], handleable: set[uuid.UUID], today: date) -> list[str]:
    if r.archived_at is not None:
        return []
    out = []
    if r.state == "new" and r.id in creatable:
        out.append("update")
    if r.id in handleable:
        if r.state == "new":
            out.append("take")
        if r.state in ("new", "in_progress"):
            out.append("consult")
        if r.state == "in_progress":
            out.append("close")
    if r.state == "closed" and r.id in creatable and (until := reopen_until(r)) is not None and today <= until:
        out.append("reopen")
    if r.id in handleable:
        out.append("archive")
    return out


def _read(
    row: Any, names: _Names, creatable: set[uuid.UUID], handleable: set[uuid.UUID], today: date
) -> HelpRequestRead:
    r: HelpRequest = row[0]
    out = HelpRequestRead.model_validate(
        {
            **{k: getattr(r, k) for k in HelpRequestRead.model_fields if hasattr(r, k) and k != "consultations"},
            "due_on": add_working_days(r.opened_on, int(row.response_days or 3)),
        }
    )
    out.organization_name = names.orgs.get(r.organization_id)
    out.teacher_name = names.teachers.get(r.teacher_id) if r.teacher_id else None
    out.requested_by_name = names.users.get(r.requested_by_id) if r.requested_by_id else None
    out.assignee_name = names.users.get(r.assignee_id) if r.assignee_id else None
    out.topic_name = names.topics.get(r.topic_code, r.topic_code)
    out.desired_form_label = FORM_LABELS.get(r.desired_form, r.desired_form)
    out.state_label = STATE_LABELS.get(r.state, r.state)
    out.resolution_label = RESOLUTION_LABELS.get(r.resolution) if r.resolution else None
    out.overdue = bool(row.is_overdue)
    out.reopen_until = reopen_until(r)
    out.consultation_count = int(row.consultation_count or 0)
    out.actions = _actions(r, creatable, handleable, today)
    return out


async def _may(session: AsyncSession, principal: Principal, perm: str, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not principal.has(perm):
        return set()
    return await repo.in_scope(session, principal.scope(perm), ids)


async def _reads(session: AsyncSession, principal: Principal, rows: list[Any]) -> list[HelpRequestRead]:
    today = date.today()
    ids = [r[0].id for r in rows]
    names = await _Names.of(session, [r[0] for r in rows])
    creatable = await _may(session, principal, P.CREATE, ids)
    handleable = await _may(session, principal, P.HANDLE, ids)
    return [_read(r, names, creatable, handleable, today) for r in rows]


def _user_id(principal: Principal) -> uuid.UUID | None:
    return principal.id if principal.kind == "user" else None


async def list_requests(
    session: AsyncSession, principal: Principal, f: HelpRequestFilters, page: PageParams
) -> Page[HelpRequestRead]:
    rows, total = await repo.page(session, principal.scope(P.READ), f, _user_id(principal), page, date.today())
    return Page(items=await _reads(session, principal, rows), total=total, limit=page.limit, offset=page.offset)


async def read_request(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID, perm: str = P.READ
) -> HelpRequestRead:
    row = await repo.row(session, principal.scope(perm), request_id, date.today())
    if row is None:
        raise NotFound(repo.requests.not_found)
    out = (await _reads(session, principal, [row]))[0]
    out.consultations = [
        ConsultationRead.model_validate(c).model_copy(update={"form_label": CONSULTATION_FORM_LABELS.get(c.form, "")})
        for c in await repo.consultations(session, request_id)
    ]
    return out


# --- who asks for whom ---


def _field_error(field: str, message: str, code: str) -> Unprocessable:
    return Unprocessable(errors=[FieldError(field=f"body.{field}", code=code, message=message)])


async def _requester(
    session: AsyncSession, principal: Principal, body: HelpRequestCreate
) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID | None]:
    """(municipality, organization, teacher) of a new request, inside the caller's scope to ask: a teacher for
    themselves; a school for a teacher of the school or for itself. A teacher or organization outside the scope
    answers like one that does not exist."""
    scope = principal.scope(P.CREATE)
    teacher_id = body.teacher_id
    if teacher_id is None and body.organization_id is None and principal.teacher_id in scope.teacher_ids:
        teacher_id = principal.teacher_id  # a teacher asks for themselves
    if teacher_id is not None:
        found = await teachers.teacher_facts(session, scope, {teacher_id})
        if teacher_id not in found:
            raise _field_error("teacher_id", "Педагог не найден", "unknown_teacher")
        teacher = found[teacher_id]
        if teacher.archived:
            raise _field_error("teacher_id", "Педагог в архиве", "archived_teacher")
        # a school's administrator asks from their school; a teacher (and the municipality) from the main workplace
        school_only = scope.school_only(teacher.municipality_id) if scope.organization_ids else None
        org_id = body.organization_id
        if org_id is None:
            org_id = (await teachers.main_organizations_on(session, {teacher_id}, date.today())).get(teacher_id)
            if school_only is not None and org_id not in school_only:
                org_id = next(iter(sorted(school_only, key=str)), None) if school_only else None
        if org_id is None:
            raise _field_error(
                "organization_id", "Укажите организацию: у педагога нет основного места работы", "required"
            )
        if await organizations.municipality_of(session, org_id) != teacher.municipality_id or (
            school_only is not None and org_id not in school_only
        ):
            raise _field_error("organization_id", "Организация не найдена", "unknown_organization")
        return teacher.municipality_id, org_id, teacher_id
    if body.organization_id is None:
        raise _field_error("organization_id", "Укажите педагога или организацию", "required")
    visible = await organizations.visible_ids(session, principal, {body.organization_id}, perm=P.CREATE)
    muni = await organizations.municipality_of(session, body.organization_id) if visible else None
    if muni is None:
        raise _field_error("organization_id", "Организация не найдена", "unknown_organization")
    return muni, body.organization_id, None


# --- notifications ---


def _handler_roles() -> list[str]:
    """The roles that handle requests (from the declared grants, never role names in code)."""
    return sorted(role for role, grants in ROLE_GRANTS.items() if P.HANDLE in grants and role != "sysadmin")


async def _requesting_side(session: AsyncSession, r: HelpRequest) -> set[uuid.UUID]:
    """The person who made the request and the teacher it is for (their accounts)."""
    out = {r.requested_by_id} if r.requested_by_id else set()
    if r.teacher_id:
        out |= set(await users.active_user_ids_of_teacher(session, r.teacher_id))
    return out


async def _topic(session: AsyncSession, r: HelpRequest) -> str:
    return (await reference.competence_area_names(session)).get(r.topic_code, r.topic_code)


async def _notify(
    session: AsyncSession, principal: Principal, r: HelpRequest, who: set[uuid.UUID], kind: str, title: str, body: str
) -> None:
    await notifications.notify(
        session,
        who,
        municipality_id=r.municipality_id,
        kind=kind,
        title=title,
        body=body,
        link=link_of(r.id),
        exclude=_user_id(principal),
    )


# --- writes ---


async def create_request(session: AsyncSession, principal: Principal, body: HelpRequestCreate) -> HelpRequestRead:
    municipality_id, org_id, teacher_id = await _requester(session, principal, body)
    await reference.ensure_competence_areas(session, [body.topic_code], "body.topic_code")
    opened = body.opened_on or date.today()
    if opened > date.today():
        raise _field_error("opened_on", "Дата обращения не может быть в будущем", "future_date")
    r = HelpRequest(
        municipality_id=municipality_id,
        organization_id=org_id,
        teacher_id=teacher_id,
        requested_by_id=_user_id(principal),
        topic_code=body.topic_code,
        description=body.description,
        desired_form=body.desired_form,
        opened_on=opened,
        state="new",
        reopen_count=0,
    )
    await repo.requests.create(session, principal, r)
    methodologists = await users.active_user_ids_with_roles(session, municipality_id, _handler_roles())
    org_name = (await organizations.names(session, {org_id})).get(org_id, "")
    await _notify(
        session,
        principal,
        r,
        set(methodologists),
        "help_request_new",
        "Новое обращение за методической помощью",
        f"{await _topic(session, r)} — {org_name}",
    )
    return await read_request(session, principal, r.id, P.CREATE)


async def _get(session: AsyncSession, principal: Principal, perm: str, request_id: uuid.UUID) -> HelpRequest:
    r = await repo.requests.get(session, principal.scope(perm), request_id)
    if r.archived_at is not None:
        raise Conflict("Обращение в архиве: действия с ним недоступны", code="archived")
    return r


def _wrong_state(r: HelpRequest, what: str) -> Conflict:
    return Conflict(
        f"Нельзя {what}: обращение в состоянии «{STATE_LABELS.get(r.state, r.state)}»",
        code="wrong_state",
        extra={"state": r.state},
    )


async def _transition(
    session: AsyncSession,
    principal: Principal,
    r: HelpRequest,
    values: dict[str, Any],
    action: str,
    extra: dict[str, Any] | None = None,
) -> None:
    """Apply a state change (the version was checked by the caller), bump the version and audit it as `action`."""
    before = snapshot(r, list(values))
    for k, v in values.items():
        setattr(r, k, v)
    changes = {**diff(before, snapshot(r, list(values))), **(extra or {})}
    r.updated_at = utcnow()
    await session.flush()
    await repo.requests.audit(session, principal, action, r, changes)


async def update_request(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID, body: HelpRequestUpdate, if_match: str | None
) -> HelpRequestRead:
    """The requesting side edits its request while nobody has taken it."""
    r = await _get(session, principal, P.CREATE, request_id)
    repo.requests.check_version(r, if_match)
    if r.state != "new":
        raise _wrong_state(r, "изменить обращение, которое уже взято в работу")
    values = body.model_dump(exclude_unset=True)
    if "topic_code" in values:
        await reference.ensure_competence_areas(session, [values["topic_code"]], "body.topic_code")
    await repo.requests.update(session, principal, r, values, if_match)
    return await read_request(session, principal, r.id, P.CREATE)


async def take_request(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID, if_match: str | None
) -> HelpRequestRead:
    r = await _get(session, principal, P.HANDLE, request_id)
    repo.requests.check_version(r, if_match)
    if r.state != "new":
        who = (await users.names_in_municipality(session, r.municipality_id, {r.assignee_id})).get(r.assignee_id)
        taken = f" (взял в работу: {who})" if r.state == "in_progress" and who else ""
        raise _wrong_state(r, f"взять обращение в работу{taken}")
    await _take(session, principal, r)
    return await read_request(session, principal, r.id, P.HANDLE)


async def _take(session: AsyncSession, principal: Principal, r: HelpRequest) -> None:
    if principal.kind != "user":
        raise Conflict("Обращение берёт в работу методист (пользователь), а не внешняя система", code="not_a_person")
    await _transition(
        session, principal, r, {"state": "in_progress", "assignee_id": principal.id, "taken_at": utcnow()}, "take"
    )
    await _notify(
        session,
        principal,
        r,
        await _requesting_side(session, r),
        "help_request_taken",
        "Обращение взято в работу",
        f"{await _topic(session, r)}: методист {principal.name}",
    )


async def add_consultation(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID, body: ConsultationCreate, if_match: str | None
) -> HelpRequestRead:
    """Record a consultation; on a new request it also takes the request."""
    r = await _get(session, principal, P.HANDLE, request_id)
    repo.requests.check_version(r, if_match)
    if r.state == "closed":
        raise _wrong_state(r, "добавить консультацию — откройте обращение снова")
    held = body.held_on or date.today()
    if held > date.today():
        raise _field_error("held_on", "Дата консультации не может быть в будущем", "future_date")
    if held < r.opened_on:
        raise _field_error("held_on", "Консультация не может быть раньше даты обращения", "before_opened")
    if r.state == "new":
        await _take(session, principal, r)
    item = HelpConsultation(
        municipality_id=r.municipality_id,
        request_id=r.id,
        held_on=held,
        form=body.form,
        consultant_id=_user_id(principal),
        consultant_name=body.consultant_name or principal.name,
        notes=body.notes,
    )
    await repo.add_consultation(session, item)
    summary = f"{held:%d.%m.%Y}, {CONSULTATION_FORM_LABELS[body.form]}, {item.consultant_name}"
    await _transition(session, principal, r, {}, "consult", {"consultation": summary})
    await _notify(
        session,
        principal,
        r,
        await _requesting_side(session, r),
        "help_request_consultation",
        "Консультация по обращению",
        f"{held:%d.%m.%Y}, {CONSULTATION_FORM_LABELS[body.form]}: {item.consultant_name}",
    )
    return await read_request(session, principal, r.id, P.HANDLE)


async def close_request(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID, body: HelpRequestClose, if_match: str | None
) -> HelpRequestRead:
    r = await _get(session, principal, P.HANDLE, request_id)
    repo.requests.check_version(r, if_match)
    if r.state != "in_progress":
        raise _wrong_state(r, "закрыть обращение, которое не в работе" if r.state == "new" else "закрыть обращение")
    await _transition(
        session,
        principal,
        r,
        {"state": "closed", "resolution": body.resolution, "resolution_comment": body.comment, "closed_at": utcnow()},
        "close",
    )
    await _notify(
        session,
        principal,
        r,
        await _requesting_side(session, r),
        "help_request_closed",
        f"Обращение закрыто: {RESOLUTION_LABELS[body.resolution]}",
        body.comment,
    )
    return await read_request(session, principal, r.id, P.HANDLE)


async def reopen_request(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID, body: HelpRequestReopen, if_match: str | None
) -> HelpRequestRead:
    """The requesting side reopens a closed request within 14 days of its closing: back in work with the same
    methodologist; the consultations stay, the resolution is cleared."""
    r = await _get(session, principal, P.CREATE, request_id)
    repo.requests.check_version(r, if_match)
    if r.state != "closed":
        raise _wrong_state(r, "открыть снова обращение, которое не закрыто")
    until = reopen_until(r)
    if until is None or date.today() > until:
        raise Conflict(
            f"Срок повторного открытия истёк {until:%d.%m.%Y}: обращение можно открыть снова в течение "
            f"{REOPEN_DAYS} дней после закрытия. Подайте новое обращение.",
            code="reopen_expired",
            extra={"reopen_until": until.isoformat() if until else None},
        )
    await _transition(
        session,
        principal,
        r,
        {
            "state": "in_progress",
            "resolution": None,
            "resolution_comment": None,
            "closed_at": None,
            "reopen_count": r.reopen_count + 1,
            "reopened_at": utcnow(),
        },
        "reopen",
        {"reopen_comment": body.comment} if body.comment else None,
    )
    await _notify(
        session,
        principal,
        r,
        {r.assignee_id} if r.assignee_id else set(),
        "help_request_reopened",
        "Обращение открыто снова",
        body.comment or await _topic(session, r),
    )
    return await read_request(session, principal, r.id, P.CREATE)


async def archive_request(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID, reason: str, if_match: str | None
) -> HelpRequestRead:
    r = await repo.requests.get(session, principal.scope(P.HANDLE), request_id)
    await repo.requests.archive(session, principal, r, reason, if_match)
    return await read_request(session, principal, r.id, P.HANDLE)


# --- exports ---

COLUMNS = [
    Column("№", 6, "number"),
    Column("Дата обращения", 12, "date"),
    Column("Организация", 28),
    Column("Педагог", 30),
    Column("Тема", 30),
    Column("Желаемая форма", 18),
    Column("Описание", 48),
    Column("Состояние", 12),
    Column("Срок ответа", 12, "date"),
    Column("Просрочено", 10),
    Column("Методист", 28),
    Column("Консультаций", 10, "number"),
    Column("Итог", 22),
    Column("Комментарий к итогу", 40),
    Column("Дата закрытия", 12, "date"),
    Column("Открыто повторно, раз", 10, "number"),
    Column("В архиве", 10),
]


async def export_requests(
    session: AsyncSession, principal: Principal, f: HelpRequestFilters, sort: str | None, fmt: str
) -> bytes:
    today = date.today()
    rows = await repo.all_rows(
        session, principal.scope(P.READ), f, _user_id(principal), sort, today, MAX_EXPORT_ROWS + 1
    )
    if len(rows) > MAX_EXPORT_ROWS:
        raise Unprocessable(
            f"Слишком много строк для выгрузки (больше {MAX_EXPORT_ROWS:,}). Уточните фильтры.".replace(",", " "),
            code="export_too_large",
        )
    names = await _Names.of(session, [r[0] for r in rows])
    table = []
    for i, row in enumerate(rows, start=1):
        item = _read(row, names, set(), set(), today)
        table.append(
            [
                i,
                item.opened_on,
                item.organization_name,
                item.teacher_name or "— (обращение организации)",
                item.topic_name,
                item.desired_form_label,
                item.description,
                item.state_label,
                item.due_on,
                "да" if item.overdue else "",
                item.assignee_name,
                item.consultation_count,
                item.resolution_label,
                item.resolution_comment,
                item.closed_at.date() if item.closed_at else None,
                item.reopen_count,
                "да" if item.archived_at else "",
            ]
        )
    await record(
        session,
        principal,
        "export",
        "help_request",
        None,
        principal.single_municipality_id(),
        {"format": fmt, "rows": len(table), "filters": f.summary()},
    )
    return await run_in_threadpool(render, fmt, COLUMNS, table, "Обращения")  # type: ignore[arg-type]


# --- the teacher's growth timeline (read by app.growth) ---

TIMELINE_LIMIT = 1_000


async def timeline(session: AsyncSession, principal: Principal, teacher_id: uuid.UUID) -> list[TimelineEntry]:
    """The teacher's closed requests (help received) the caller may read, not archived: the topic, from the opening
    to the closing date, with the resolution, the number of consultations and the methodologist's comment."""
    if not principal.has(P.READ):
        return []
    today = date.today()
    f = HelpRequestFilters("all", None, None, teacher_id, ["closed"], None, None, include_archived=False)
    rows = await repo.all_rows(session, principal.scope(P.READ), f, None, None, today, TIMELINE_LIMIT)
    if not rows:
        return []
    topics = await reference.competence_area_names(session)
    out = []
    for row in rows:
        r: HelpRequest = row[0]
        closed = r.closed_at.date() if r.closed_at else r.opened_on
        detail = "; ".join(
            x
            for x in (
                RESOLUTION_LABELS.get(r.resolution or "", r.resolution),
                f"консультаций: {row.consultation_count}" if row.consultation_count else None,
                r.resolution_comment,
            )
            if x
        )
        out.append(
            TimelineEntry(
                kind="help",
                kind_label="Методическая помощь",
                record_id=r.id,
                start=r.opened_on,
                end=closed if closed != r.opened_on else None,
                title=topics.get(r.topic_code, r.topic_code),
                detail=detail or None,
            )
        )
    return out


register_source("help_requests", timeline)
