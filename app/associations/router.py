"""Methodological associations (ГМО / ШМО): the list with filters, the share of planned meetings held and its
export; the card; create, update, archive; members; the plan-schedule; the meetings held with attendance; a
member's growth for the leader (HTTP only; rules in service.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile, status

from app.associations import measures as _measures  # noqa: F401  (registers this module's KPI measures)
from app.associations import service
from app.associations.permissions import AssociationPerm
from app.associations.schemas import (
    AssociationCreate,
    AssociationFilters,
    AssociationRead,
    AssociationRow,
    AssociationUpdate,
    Level,
    MeetingCreate,
    MeetingUpdate,
    MemberCreate,
    MemberUpdate,
    PlanCreate,
    PlanUpdate,
    Status,
    academic,
)
from app.core.access import Principal, require
from app.core.concurrency import IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import FieldError, Unprocessable, problem_responses
from app.core.exports import attachment, content_disposition, export_responses
from app.core.pagination import Page, PageDep
from app.core.periods import Period
from app.core.schemas import ArchiveRequest
from app.growth.schemas import TeacherGrowth

router = APIRouter(tags=["associations"], responses=problem_responses(401, 403, 422))

P = AssociationPerm
Format = Annotated[Literal["xlsx", "csv"], Query(description="Формат файла")]
Sort = Annotated[str | None, Query(pattern=r"^-?[a-z_]+$", description="Как в списке")]
Reader = Annotated[Principal, require(P.READ)]
Writer = Annotated[Principal, require(P.WRITE)]
Keeper = Annotated[Principal, require(P.MEETINGS)]
CHANGES = problem_responses(404, 409, 412, 428)


async def association_filters(
    academic_year: Annotated[Period | None, Query(description="Учебный год, например «2025/2026»")] = None,
    level: Annotated[Level | None, Query(description="`city` — ГМО, `school` — ШМО")] = None,
    organization_id: Annotated[uuid.UUID | None, Query(description="Школа (ШМО этой школы)")] = None,
    status: Annotated[Status | None, Query(description="`active` — действующие, `archived` — в архиве")] = "active",
    teacher_id: Annotated[uuid.UUID | None, Query(description="Педагог — участник")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Часть названия")] = None,
) -> AssociationFilters:
    try:
        academic(academic_year)
    except ValueError as e:
        raise Unprocessable(errors=[FieldError(field="query.academic_year", code="period", message=str(e))]) from e
    return AssociationFilters(academic_year, level, organization_id, status, teacher_id, q or None)


FiltersDep = Annotated[AssociationFilters, Depends(association_filters)]


@router.get("/associations", operation_id="list_associations", response_model=Page[AssociationRow])
async def list_associations(
    session: SessionDep, principal: Reader, page: PageDep, filters: FiltersDep
) -> Page[AssociationRow]:
    """Associations inside the caller's scope (the municipality; a school's ШМО; the association a leader leads; a
    teacher's own), each with the plan-schedule count of its academic year, the meetings of it held in that year and
    their share. Sort: `title`, `academic_year`, `level`, `leader_name`, `created_at`, `updated_at`."""
    return await service.list_associations(session, principal, filters, page)


@router.get(
    "/associations/export",
    operation_id="export_associations",
    response_class=Response,
    responses=export_responses("Методические объединения по фильтрам списка: XLSX или CSV (UTF-8 с BOM, «;»)"),
)
async def export_associations(
    session: SessionDep, principal: Reader, filters: FiltersDep, format: Format = "xlsx", sort: Sort = None
) -> Response:
    """The list with the same filters and order as `GET /associations`, as a spreadsheet (audited)."""
    content = await service.export_associations(session, principal, filters, sort, format)
    return attachment(content, format, f"Методобъединения {date.today():%d.%m.%Y}", "associations")


@router.post(
    "/associations",
    operation_id="create_association",
    status_code=status.HTTP_201_CREATED,
    response_model=AssociationRead,
    responses=problem_responses(409),
)
async def create_association(
    body: AssociationCreate, session: SessionDep, principal: Writer, response: Response
) -> AssociationRead:
    """A ШМО names its school (a school administrator — their own); a ГМО is the municipality's. The leader becomes a
    member from the start of the academic year."""
    a = await service.create_association(session, principal, body)
    set_etag(response, a.version)
    return a


@router.get(
    "/associations/{association_id}",
    operation_id="get_association",
    response_model=AssociationRead,
    responses=problem_responses(404),
)
async def get_association(
    association_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response
) -> AssociationRead:
    """The card: members, the plan-schedule (each line says whether it was held in the year), the meetings held with
    attendance, minutes and decisions, and the share of planned meetings held."""
    a = await service.read_association(session, principal, association_id)
    set_etag(response, a.version)
    return a


@router.patch(
    "/associations/{association_id}",
    operation_id="update_association",
    response_model=AssociationRead,
    responses=CHANGES,
)
async def update_association(
    association_id: uuid.UUID,
    body: AssociationUpdate,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> AssociationRead:
    """Only the fields sent change; `If-Match` is required. A new leader becomes a member."""
    a = await service.update_association(session, principal, association_id, body, if_match)
    set_etag(response, a.version)
    return a


@router.post(
    "/associations/{association_id}/archive",
    operation_id="archive_association",
    response_model=AssociationRead,
    responses=CHANGES,
)
async def archive_association(
    association_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> AssociationRead:
    """Archival instead of deletion, with a reason."""
    a = await service.archive_association(session, principal, association_id, body.reason, if_match)
    set_etag(response, a.version)
    return a


@router.post(
    "/associations/{association_id}/members",
    operation_id="add_association_member",
    status_code=status.HTTP_201_CREATED,
    response_model=AssociationRead,
    responses=problem_responses(404, 409),
)
async def add_association_member(
    association_id: uuid.UUID, body: MemberCreate, session: SessionDep, principal: Writer
) -> AssociationRead:
    """A teacher of the association's municipality the caller keeps records of; 409 when already a member. Joined
    by default on the first day of the association's academic year."""
    return await service.add_member(session, principal, association_id, body)


@router.patch(
    "/association-members/{member_id}",
    operation_id="update_association_member",
    response_model=AssociationRead,
    responses=CHANGES,
)
async def update_association_member(
    member_id: uuid.UUID,
    body: MemberUpdate,
    session: SessionDep,
    principal: Writer,
    if_match: IfMatchRequired = None,
) -> AssociationRead:
    """A member leaves with `left_on` (the membership stays in history); `If-Match` is the membership's version."""
    return await service.update_member(session, principal, member_id, body, if_match)


@router.post(
    "/associations/{association_id}/plans",
    operation_id="create_association_plan",
    status_code=status.HTTP_201_CREATED,
    response_model=AssociationRead,
    responses=problem_responses(404, 409),
)
async def create_association_plan(
    association_id: uuid.UUID, body: PlanCreate, session: SessionDep, principal: Keeper
) -> AssociationRead:
    """A line of the plan-schedule, dated inside the association's academic year (422 otherwise)."""
    return await service.create_plan(session, principal, association_id, body)


@router.patch(
    "/association-plans/{plan_id}",
    operation_id="update_association_plan",
    response_model=AssociationRead,
    responses=CHANGES,
)
async def update_association_plan(
    plan_id: uuid.UUID, body: PlanUpdate, session: SessionDep, principal: Keeper, if_match: IfMatchRequired = None
) -> AssociationRead:
    return await service.update_plan(session, principal, plan_id, body, if_match)


@router.post(
    "/association-plans/{plan_id}/archive",
    operation_id="archive_association_plan",
    response_model=AssociationRead,
    responses=CHANGES,
)
async def archive_association_plan(
    plan_id: uuid.UUID, body: ArchiveRequest, session: SessionDep, principal: Keeper, if_match: IfMatchRequired = None
) -> AssociationRead:
    """An archived line leaves the plan (and the share's denominator)."""
    return await service.archive_plan(session, principal, plan_id, body.reason, if_match)


@router.post(
    "/associations/{association_id}/meetings",
    operation_id="create_association_meeting",
    status_code=status.HTTP_201_CREATED,
    response_model=AssociationRead,
    responses=problem_responses(404, 409),
)
async def create_association_meeting(
    association_id: uuid.UUID, body: MeetingCreate, session: SessionDep, principal: Keeper
) -> AssociationRead:
    """A meeting held, linked to the plan line it fulfils (`plan_id`, of this association). Attendance is a subset
    of the members on the meeting date: 422 naming the teachers who are not."""
    return await service.create_meeting(session, principal, association_id, body)


@router.patch(
    "/association-meetings/{meeting_id}",
    operation_id="update_association_meeting",
    response_model=AssociationRead,
    responses=CHANGES,
)
async def update_association_meeting(
    meeting_id: uuid.UUID,
    body: MeetingUpdate,
    session: SessionDep,
    principal: Keeper,
    if_match: IfMatchRequired = None,
) -> AssociationRead:
    """Only the fields sent change; `attendance`, when sent, is the whole list."""
    return await service.update_meeting(session, principal, meeting_id, body, if_match)


@router.post(
    "/association-meetings/{meeting_id}/archive",
    operation_id="archive_association_meeting",
    response_model=AssociationRead,
    responses=CHANGES,
)
async def archive_association_meeting(
    meeting_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Keeper,
    if_match: IfMatchRequired = None,
) -> AssociationRead:
    return await service.archive_meeting(session, principal, meeting_id, body.reason, if_match)


@router.post(
    "/association-meetings/{meeting_id}/minutes-file",
    operation_id="upload_association_meeting_minutes",
    response_model=AssociationRead,
    openapi_extra={
        "requestBody": {"content": {"multipart/form-data": {"example": {"file": "(файл протокола, PDF или DOCX)"}}}}
    },
    responses={**CHANGES, **problem_responses(413)},
)
async def upload_association_meeting_minutes(
    meeting_id: uuid.UUID,
    session: SessionDep,
    principal: Keeper,
    file: Annotated[UploadFile, File(description="Протокол: PDF, DOCX, ODT, PNG, JPEG…")],
    if_match: IfMatchRequired = None,
) -> AssociationRead:
    """The minutes of the meeting as a file (the type is decided by the content; the size is limited); `If-Match` is
    the meeting's version."""
    return await service.attach_minutes(session, principal, meeting_id, file, if_match)


@router.get(
    "/association-meetings/{meeting_id}/minutes-file",
    operation_id="download_association_meeting_minutes",
    response_class=Response,
    responses={
        200: {"description": "Файл протокола", "content": {"application/octet-stream": {}}},
        **problem_responses(404),
    },
)
async def download_association_meeting_minutes(
    meeting_id: uuid.UUID, session: SessionDep, principal: Reader
) -> Response:
    """For those who read the association (the download is audited)."""
    f, content = await service.minutes_file(session, principal, meeting_id)
    ext = f.name[f.name.rfind(".") :] if "." in f.name else ""
    ascii_ext = ext if ext.isascii() and len(ext) <= 10 else ""
    return Response(
        content,
        media_type=f.content_type,
        headers={
            "Content-Disposition": content_disposition(f.name, f"minutes-{meeting_id}{ascii_ext}"),
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get(
    "/associations/{association_id}/members/{teacher_id}/growth",
    operation_id="get_association_member_growth",
    response_model=TeacherGrowth,
    responses=problem_responses(404),
)
async def get_association_member_growth(
    association_id: uuid.UUID,
    teacher_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(P.GROWTH)],
) -> TeacherGrowth:
    """A member's professional growth (events, courses, attestation, mentoring by academic year) as the member sees
    it: for the association's leader and those who keep the association. 404 unless the teacher is (or was) a
    member. The read is audited on the teacher."""
    return await service.member_growth(session, principal, association_id, teacher_id)
