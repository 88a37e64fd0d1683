"""Every SQL statement of help requests: the scope condition (the municipality; a school its requests; a teacher
those made for them), the list with its queues — the overdue one a SQL condition on the opening date against the
municipality's answer term in working days — the consultations of a request, and the audit log's names."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, cast, false, func, literal, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.audit_trail import AuditSubject, describe
from app.core.pagination import PageParams, apply_sort
from app.core.resource import Resource
from app.core.workdays import overdue_cutoff
from app.help_requests.models import HelpConsultation, HelpRequest
from app.help_requests.permissions import HelpRequestPerm
from app.help_requests.schemas import (
    FORM_LABELS,
    RESOLUTION_LABELS,
    STATE_LABELS,
    HelpRequestFilters,
)
from app.tenants import service as tenants

R = HelpRequest
C = HelpConsultation
MAX_RESPONSE_DAYS = 30


def visible(scope: Scope) -> ColumnElement[bool]:
    """A request is inside the scope when its municipality is, its organization is (a school sees its requests), or
    its teacher is (a teacher sees the requests made for them)."""
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


AUDIT_FIELDS = (
    "organization_id",
    "teacher_id",
    "topic_code",
    "description",
    "desired_form",
    "opened_on",
    "state",
    "assignee_id",
    "resolution",
    "resolution_comment",
    "reopen_count",
)

requests: Resource[HelpRequest] = Resource(
    model=HelpRequest,
    entity_type="help_request",
    not_found="Обращение не найдено",
    visible=visible,
    municipality_of=lambda r: r.municipality_id,
    audit_fields=AUDIT_FIELDS,
    if_match_required=True,
)


def response_days() -> Any:
    """SQL: the answer term (working days) of the request's municipality."""
    return tenants.help_response_days_sql(R.municipality_id)


def overdue(today: date) -> ColumnElement[bool]:
    """Not taken (`new`) and more than the municipality's N working days passed after the opening date — as a
    comparison of `opened_on` with the cut-off date of each possible N (computed once per query, not per row)."""
    cutoff = case(
        *[(response_days() == n, literal(overdue_cutoff(today, n))) for n in range(1, MAX_RESPONSE_DAYS + 1)],
        else_=literal(overdue_cutoff(today, 3)),
    )
    return and_(R.state == "new", R.archived_at.is_(None), R.opened_on <= cutoff)


def filters(f: HelpRequestFilters, user_id: uuid.UUID | None, today: date) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.queue == "new":
        out.append(R.state == "new")
    elif f.queue == "mine":
        out.append(and_(R.state == "in_progress", R.assignee_id == user_id) if user_id else false())
    elif f.queue == "overdue":
        out.append(overdue(today))
    if f.period is not None:
        out.append(R.opened_on.between(f.period.start, f.period.end))
    if f.organization_id:
        out.append(R.organization_id == f.organization_id)
    if f.teacher_id:
        out.append(R.teacher_id == f.teacher_id)
    if f.state:
        out.append(R.state.in_(f.state))
    if f.topic_code:
        out.append(R.topic_code.in_(f.topic_code))
    if f.resolution:
        out.append(R.resolution.in_(f.resolution))
    if not f.include_archived:
        out.append(R.archived_at.is_(None))
    return out


def _consultation_count() -> Any:
    return select(func.count()).where(C.request_id == R.id).correlate(R).scalar_subquery()


def _list_query(scope: Scope, f: HelpRequestFilters, user_id: uuid.UUID | None, sort: str | None, today: date) -> Any:
    stmt = select(
        R,
        response_days().label("response_days"),
        _consultation_count().label("consultation_count"),
        overdue(today).label("is_overdue"),
    ).where(visible(scope), *filters(f, user_id, today))
    sorts = {
        "opened_on": R.opened_on,
        "state": R.state,
        "topic_code": R.topic_code,
        "closed_at": R.closed_at,
        "created_at": R.created_at,
        "updated_at": R.updated_at,
    }
    return apply_sort(stmt, sort, sorts, [R.opened_on.desc(), R.created_at.desc(), R.id])


async def page(
    session: AsyncSession,
    scope: Scope,
    f: HelpRequestFilters,
    user_id: uuid.UUID | None,
    params: PageParams,
    today: date,
) -> tuple[list[Any], int]:
    """A page of requests (rows: the request, its municipality's term, its consultation count, overdue) and the
    total, in one statement."""
    stmt = _list_query(scope, f, user_id, params.sort, today).add_columns(func.count().over().label("total"))
    rows = (await session.execute(stmt.limit(params.limit).offset(params.offset))).all()
    if rows:
        return list(rows), int(rows[0].total)
    total = await session.scalar(
        select(func.count()).select_from(_list_query(scope, f, user_id, None, today).subquery())
    )
    return [], int(total or 0)


async def all_rows(  # type: ignore[no-untyped-def]
    session: AsyncSession,
    scope: Scope,
    f: HelpRequestFilters,
    user_id: uuid.UUID | None,
    sort: str | None,
    today: date,
    limit: int,
):
    """Up to `limit` rows of the list, in its order (exports)."""
    return list((await session.execute(_list_query(scope, f, user_id, sort, today).limit(limit))).all())


async def row(session: AsyncSession, scope: Scope, request_id: uuid.UUID, today: date) -> Any:
    f = HelpRequestFilters("all", None, None, None, None, None, None, include_archived=True)
    return (await session.execute(_list_query(scope, f, None, None, today).where(R.id == request_id))).one_or_none()


async def in_scope(session: AsyncSession, scope: Scope, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these requests are inside `scope` (a write scope: what the caller may do with them)."""
    if not ids or scope.empty:
        return set()
    return set((await session.scalars(select(R.id).where(R.id.in_(ids), visible(scope)))).all())


async def consultations(session: AsyncSession, request_id: uuid.UUID) -> list[HelpConsultation]:
    stmt = select(C).where(C.request_id == request_id).order_by(C.held_on, C.created_at, C.id)
    return list((await session.scalars(stmt)).all())


async def add_consultation(session: AsyncSession, item: HelpConsultation) -> None:
    session.add(item)
    await session.flush()


# --- the audit log ---


def audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    """«Обращение от <дата>» for the requests among `ids` the reader may see."""
    return select(
        literal("help_request"),
        cast(R.id, String),
        func.concat("Обращение от ", func.to_char(R.opened_on, "DD.MM.YYYY")),
    ).where(R.id.in_(ids), visible(principal.scope(HelpRequestPerm.READ)))


describe(
    AuditSubject(
        entity_type="help_request",
        label="Обращение за методической помощью",
        field_labels={
            "organization_id": "Организация",
            "teacher_id": "Педагог",
            "topic_code": "Тема",
            "description": "Описание",
            "desired_form": "Желаемая форма помощи",
            "opened_on": "Дата обращения",
            "state": "Состояние",
            "assignee_id": "Методист",
            "resolution": "Итог",
            "resolution_comment": "Комментарий к итогу",
            "reopen_count": "Открыто повторно (раз)",
            "consultation": "Консультация",
            "reopen_comment": "Причина повторного открытия",
        },
        value_labels={"desired_form": FORM_LABELS, "state": STATE_LABELS, "resolution": RESOLUTION_LABELS},
        code_fields={"topic_code": "competence_area"},
        names=audit_names,
        personal=True,
        list_label="Обращения за методической помощью",
        action_labels={
            "take": "Взято в работу",
            "consult": "Консультация",
            "close": "Закрыто",
            "reopen": "Открыто снова",
        },
    )
)
