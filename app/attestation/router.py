"""Attestation: applications (list with filters and its export, card, create, update, archive), the decision, and
the 5-year plan-schedule with its printed XLSX (HTTP only; rules in service.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from app.attestation import measures as _measures  # noqa: F401  (registers this module's KPI measures)
from app.attestation import service
from app.attestation.permissions import AttestationPerm
from app.attestation.schemas import (
    AttestationCreate,
    AttestationDecision,
    AttestationFilters,
    AttestationPlan,
    AttestationRead,
    AttestationStatus,
    AttestationUpdate,
    CategorySought,
)
from app.core.access import Principal, require
from app.core.concurrency import IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import attachment, export_responses
from app.core.pagination import Page, PageDep
from app.core.periods import MAX_YEAR, MIN_YEAR, Period
from app.core.schemas import ArchiveRequest

router = APIRouter(prefix="/attestations", tags=["attestation"], responses=problem_responses(401, 403, 422))

Format = Annotated[Literal["xlsx", "csv"], Query(description="Формат файла")]
Sort = Annotated[str | None, Query(pattern=r"^-?[a-z_]+$", description="Как в списке")]


async def attestation_filters(
    period: Annotated[
        Period | None, Query(description="Учебный год «2024/2025» (или год, полугодие): заявления, поданные в нём")
    ] = None,
    organization_id: Annotated[uuid.UUID | None, Query(description="Педагог работает в организации")] = None,
    teacher_id: Annotated[uuid.UUID | None, Query(description="Педагог")] = None,
    category_sought: Annotated[list[CategorySought] | None, Query(description="На что аттестуется педагог")] = None,
    status: Annotated[list[AttestationStatus] | None, Query(description="Состояние заявления")] = None,
    include_archived: Annotated[bool, Query(description="Показать и архивные заявления")] = False,
) -> AttestationFilters:
    return AttestationFilters(
        period,
        organization_id,
        teacher_id,
        list(category_sought) if category_sought else None,
        list(status) if status else None,
        include_archived,
    )


FiltersDep = Annotated[AttestationFilters, Depends(attestation_filters)]
FromYear = Annotated[
    int | None,
    Query(
        ge=MIN_YEAR,
        le=MAX_YEAR - 5,
        description="Первый учебный год плана — год его начала (2026 — «2026/2027»); по умолчанию текущий",
    ),
]
PlanOrg = Annotated[uuid.UUID | None, Query(description="План организации (педагоги, учитываемые в ней)")]
PlanMuni = Annotated[uuid.UUID | None, Query(description="План муниципалитета")]


@router.get("", operation_id="list_attestations", response_model=Page[AttestationRead])
async def list_attestations(
    session: SessionDep,
    principal: Annotated[Principal, require(AttestationPerm.READ)],
    page: PageDep,
    filters: FiltersDep,
) -> Page[AttestationRead]:
    """Applications inside the caller's scope (through their teacher). Sort: `applied_on`, `decided_on`,
    `teacher_name`, `created_at`, `updated_at`."""
    return await service.list_attestations(session, principal, filters, page)


@router.get(
    "/export",
    operation_id="export_attestations",
    response_class=Response,
    responses=export_responses("Заявления на аттестацию по фильтрам списка: XLSX или CSV (UTF-8 с BOM, «;»)"),
)
async def export_attestations(
    session: SessionDep,
    principal: Annotated[Principal, require(AttestationPerm.READ)],
    filters: FiltersDep,
    format: Format = "xlsx",
    sort: Sort = None,
) -> Response:
    """The list with the same filters and order as `GET /attestations`, as a spreadsheet (audited)."""
    content = await service.export_attestations(session, principal, filters, sort, format)
    return attachment(content, format, f"Аттестация {date.today():%d.%m.%Y}", "attestations")


@router.get(
    "/plan", operation_id="get_attestation_plan", response_model=AttestationPlan, responses=problem_responses(404)
)
async def get_attestation_plan(
    session: SessionDep,
    principal: Annotated[Principal, require(AttestationPerm.READ)],
    organization_id: PlanOrg = None,
    municipality_id: PlanMuni = None,
    from_year: FromYear = None,
) -> AttestationPlan:
    """The 5-year plan-schedule by ACADEMIC years (Kislovodsk criterion 3): for each of five academic years from
    `from_year`, the teachers counted today (main employment at the organization) whose current category expires
    in that year; a category already expired before the first year is due in the first year (`overdue`). A pending
    application is shown beside the teacher. Categories without expiry are not in the plan."""
    return await service.build_plan(session, principal, from_year, organization_id, municipality_id)


@router.get(
    "/plan/export",
    operation_id="export_attestation_plan",
    response_class=Response,
    responses={
        **export_responses(
            "План-график в печатной форме (XLSX: заголовок, рамки, повтор шапки на каждой странице, альбомная "
            "ориентация) или CSV"
        ),
        **problem_responses(404),
    },
)
async def export_attestation_plan(
    session: SessionDep,
    principal: Annotated[Principal, require(AttestationPerm.READ)],
    organization_id: PlanOrg = None,
    municipality_id: PlanMuni = None,
    from_year: FromYear = None,
    format: Format = "xlsx",
) -> Response:
    plan = await service.build_plan(session, principal, from_year, organization_id, municipality_id)
    content = await service.export_plan(session, principal, plan, format)
    return attachment(
        content, format, f"План-график аттестации {plan.years[0].academic_year.replace('/', '-')}", "attestation-plan"
    )


@router.post(
    "",
    operation_id="create_attestation",
    status_code=status.HTTP_201_CREATED,
    response_model=AttestationRead,
    responses=problem_responses(409),
)
async def create_attestation(
    body: AttestationCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(AttestationPerm.WRITE)],
    response: Response,
) -> AttestationRead:
    """An application of a teacher the caller keeps records of; 409 `pending_application_exists` (naming it) when
    the teacher already has an application without a decision."""
    a = await service.create_attestation(session, principal, body)
    set_etag(response, a.version)
    return a


@router.get(
    "/{attestation_id}",
    operation_id="get_attestation",
    response_model=AttestationRead,
    responses=problem_responses(404),
)
async def get_attestation(
    attestation_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(AttestationPerm.READ)],
    response: Response,
) -> AttestationRead:
    a = await service.read_attestation(session, principal, attestation_id)
    set_etag(response, a.version)
    return a


@router.patch(
    "/{attestation_id}",
    operation_id="update_attestation",
    response_model=AttestationRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def update_attestation(
    attestation_id: uuid.UUID,
    body: AttestationUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(AttestationPerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> AttestationRead:
    """The application's fields, while it has no decision (409 `already_decided`); `If-Match` is required."""
    a = await service.update_attestation(session, principal, attestation_id, body, if_match)
    set_etag(response, a.version)
    return a


@router.post(
    "/{attestation_id}/decision",
    operation_id="decide_attestation",
    response_model=AttestationRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def decide_attestation(
    attestation_id: uuid.UUID,
    body: AttestationDecision,
    session: SessionDep,
    principal: Annotated[Principal, require(AttestationPerm.DECIDE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> AttestationRead:
    """The commission's decision (once; `If-Match` required). A granted first or highest category — and a granted
    conformity with the position (`szd`) — is written into the teacher's category history: granted on the
    decision's date, expiry by the rules in force (5 years; первая/высшая granted from 1 September 2023 do not
    expire), the order as its basis; the teacher's card is audited and its version moves."""
    a = await service.decide(session, principal, attestation_id, body, if_match)
    set_etag(response, a.version)
    return a


@router.post(
    "/{attestation_id}/archive",
    operation_id="archive_attestation",
    response_model=AttestationRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def archive_attestation(
    attestation_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(AttestationPerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> AttestationRead:
    """Archival with a reason; the category a granted decision wrote leaves the teacher's history with it."""
    a = await service.archive_attestation(session, principal, attestation_id, body.reason, if_match)
    set_etag(response, a.version)
    return a
