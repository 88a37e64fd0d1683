"""Participation of teachers in events: the list (with the event filters), export, card, update, archive; and per
event: register one teacher, many at once, upload a list of participants, mark attendance (HTTP only)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status

from app.core.access import Principal, require
from app.core.concurrency import IfMatch, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import content_disposition
from app.core.pagination import Page, PageDep
from app.core.schemas import EXAMPLE_ORGANIZATION_ID, ArchiveRequest
from app.events import exporter, importer, participation
from app.events.permissions import EventPerm
from app.events.router import EXPORT_TYPES, WRITE_ERRORS, EventFiltersDep
from app.events.schemas import (
    Attendance,
    AttendanceReport,
    AttendanceRequest,
    BulkParticipationReport,
    BulkParticipationRequest,
    ContestResult,
    ParticipantImportForm,
    ParticipantImportReport,
    ParticipationCreate,
    ParticipationRead,
    ParticipationRole,
    ParticipationUpdate,
)

router = APIRouter(tags=["participations"], responses=problem_responses(401, 403, 422))
Reader = Annotated[Principal, require(EventPerm.PARTICIPATIONS_READ)]
Writer = Annotated[Principal, require(EventPerm.PARTICIPATIONS_WRITE)]


def participation_conditions(
    filters: EventFiltersDep,
    event_id: Annotated[uuid.UUID | None, Query(description="Мероприятие")] = None,
    teacher_id: Annotated[uuid.UUID | None, Query(description="Педагог")] = None,
    participant_organization_id: Annotated[
        uuid.UUID | None, Query(description="Организация педагога на дату мероприятия")
    ] = None,
    role: Annotated[list[ParticipationRole] | None, Query(description="Роли")] = None,
    attendance: Annotated[list[Attendance] | None, Query(description="Посещение")] = None,
    result: Annotated[list[ContestResult] | None, Query(description="Результаты конкурсов")] = None,
    intends_to_apply: Annotated[bool | None, Query(description="Намерен применить практику")] = None,
) -> list:  # type: ignore[type-arg]
    return participation.conditions(
        event_id=event_id,
        teacher_id=teacher_id,
        organization_id=participant_organization_id,
        series_id=filters.series_id,
        role=list(role) if role else None,
        attendance=list(attendance) if attendance else None,
        result=list(result) if result else None,
        intends_to_apply=intends_to_apply,
        municipality_id=None,
        event_filters=filters,
    )


ConditionsDep = Annotated[list, Depends(participation_conditions)]  # type: ignore[type-arg]
ArchivedQuery = Annotated[bool, Query(description="Включая архивные записи участия")]


@router.get("/participations", operation_id="list_participations", response_model=Page[ParticipationRead])
async def list_participations(
    session: SessionDep,
    principal: Reader,
    page: PageDep,
    conditions: ConditionsDep,
    include_archived_participations: ArchivedQuery = False,
) -> Page[ParticipationRead]:
    """Participation inside your scope (the municipality all of it, a school its teachers', a teacher their own),
    filtered by the participation and by its event (the event filters of `GET /events`: period by the event's start,
    level, type, series…). Sort: `event_start_date`, `teacher_name`, `role`, `attendance`, `created_at`."""
    return await participation.list_participations(
        session, principal, conditions, page, include_archived_participations
    )


@router.get(
    "/participations/export",
    operation_id="export_participations",
    response_class=Response,
    responses={
        200: {
            "description": "Файл XLSX или CSV (UTF-8 с BOM, разделитель «;») с участием педагогов по фильтрам",
            "content": {EXPORT_TYPES["xlsx"]: {}, "text/csv": {}},
        }
    },
)
async def export_participations(
    session: SessionDep,
    principal: Reader,
    conditions: ConditionsDep,
    include_archived_participations: ArchivedQuery = False,
    format: Annotated[Literal["xlsx", "csv"], Query(description="Формат файла")] = "xlsx",
    sort: Annotated[str | None, Query(pattern=r"^-?[a-z_]+$", description="Как в списке")] = None,
) -> Response:
    """The participation list with the same filters and order as `GET /participations` (audited)."""
    content = await exporter.export_participations(
        session, principal, conditions, include_archived_participations, format, sort
    )
    today = date.today()
    return Response(
        content,
        media_type=EXPORT_TYPES[format],
        headers={
            "Content-Disposition": content_disposition(
                f"Участие в мероприятиях {today:%d.%m.%Y}.{format}", f"participations-{today:%Y-%m-%d}.{format}"
            )
        },
    )


@router.get(
    "/participations/{participation_id}",
    operation_id="get_participation",
    response_model=ParticipationRead,
    responses=problem_responses(404),
)
async def get_participation(
    participation_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response
) -> ParticipationRead:
    p = await participation.get_participation(session, principal, participation_id)
    set_etag(response, p.version)
    return p


@router.patch(
    "/participations/{participation_id}",
    operation_id="update_participation",
    response_model=ParticipationRead,
    responses=WRITE_ERRORS,
)
async def update_participation(
    participation_id: uuid.UUID,
    body: ParticipationUpdate,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatch = None,
) -> ParticipationRead:
    """Role, result, hours, certificate, the intention to apply the practice, attendance. Requires `If-Match`; a
    role that makes a second row of the same teacher and event answers 409 naming the row that exists."""
    p = await participation.update_participation(session, principal, participation_id, body, if_match)
    set_etag(response, p.version)
    return p


@router.post(
    "/participations/{participation_id}/archive",
    operation_id="archive_participation",
    response_model=ParticipationRead,
    responses=WRITE_ERRORS,
)
async def archive_participation(
    participation_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatch = None,
) -> ParticipationRead:
    """Archival with a reason (a row entered in error then counts nowhere; the same teacher and role may be
    registered again)."""
    p = await participation.archive_participation(session, principal, participation_id, body.reason, if_match)
    set_etag(response, p.version)
    return p


@router.post(
    "/events/{event_id}/participations",
    operation_id="add_participation",
    status_code=status.HTTP_201_CREATED,
    response_model=ParticipationRead,
    responses=problem_responses(404, 409),
)
async def add_participation(
    event_id: uuid.UUID, body: ParticipationCreate, session: SessionDep, principal: Writer, response: Response
) -> ParticipationRead:
    """Register one teacher in one role. A second active row of the same teacher, event and role answers 409
    `duplicate_participation` naming the existing row (`existing`: id, teacher, event, role)."""
    p = await participation.add_participation(session, principal, event_id, body)
    set_etag(response, p.version)
    return p


@router.post(
    "/events/{event_id}/participations/bulk",
    operation_id="add_participations_bulk",
    response_model=BulkParticipationReport,
    responses=problem_responses(404, 409),
)
async def add_participations_bulk(
    event_id: uuid.UUID, body: BulkParticipationRequest, session: SessionDep, principal: Writer
) -> BulkParticipationReport:
    """Register many teachers in one role: a list of ids, or a filter (organization, positions, subjects) over the
    teachers who work now inside your reach. `partial` adds whom it can and reports the rest per teacher (added,
    skipped duplicates with the existing row, refused); `all_or_nothing` adds nobody when anyone cannot be added
    (409 for duplicates, 422 for refused teachers, with the report)."""
    return await participation.bulk_add(session, principal, event_id, body)


def import_form(
    file: Annotated[UploadFile, File(description="Список участников: XLSX, XLS, ODS или CSV (;)")],
    organization_id: Annotated[
        uuid.UUID | None,
        Form(
            description="Организация, чьих педагогов содержит список (табельные номера — в её нумерации); "
            "по умолчанию — все педагоги в вашей области доступа",
            examples=[EXAMPLE_ORGANIZATION_ID],
        ),
    ] = None,
    role: Annotated[
        ParticipationRole, Form(description="Роль для строк без колонки «Роль»", examples=["listener"])
    ] = "listener",
    dry_run: Annotated[bool, Form(description="Только проверить, ничего не записывать", examples=[True])] = True,
) -> ParticipantImportForm:
    return ParticipantImportForm(file, organization_id, role, dry_run)


@router.post(
    "/events/{event_id}/participations/import",
    operation_id="import_participations",
    response_model=ParticipantImportReport,
    responses=problem_responses(404, 409, 413),
)
async def import_participations(
    event_id: uuid.UUID,
    session: SessionDep,
    principal: Writer,
    form: Annotated[ParticipantImportForm, Depends(import_form)],
) -> ParticipantImportReport:
    """Upload a list of participants (columns «ФИО» or «Фамилия»/«Имя»/«Отчество», «Дата рождения», «Табельный
    номер», «Роль», «Часы», «Результат», «№ сертификата»), matched to teachers inside your reach by full name and
    birth date or by personnel number. The dry run reports every row (matched teacher, not found, ambiguous,
    duplicate, bad value); the apply adds the good rows and reports the rest (partial apply)."""
    return await importer.import_participants(session, principal, event_id, form)


@router.post(
    "/events/{event_id}/attendance",
    operation_id="mark_attendance",
    response_model=AttendanceReport,
    responses=problem_responses(404, 409),
)
async def mark_attendance(
    event_id: uuid.UUID, body: AttendanceRequest, session: SessionDep, principal: Writer
) -> AttendanceReport:
    """Mark who attended (or not) after the event, many in one request: each item names a participation, or a
    teacher (all their rows at this event). An item not found inside your reach answers 404 naming it, and nothing
    changes."""
    return await participation.mark_attendance(session, principal, event_id, body)
