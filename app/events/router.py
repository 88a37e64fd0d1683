"""Events and their series: the calendar, lists with filters and exports, cards, create, update, archive (HTTP only;
rules in service.py). Participation, awards and calendar feeds have their own routers below."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status
from fastapi.responses import StreamingResponse

from app.core.access import Principal, require
from app.core.concurrency import IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import FILE_RESPONSES, MEDIA_TYPES, content_disposition, stored_file_response
from app.core.pagination import Page, PageDep
from app.core.periods import Period
from app.core.schemas import ArchiveRequest
from app.events import exporter, service
from app.events import measures as _measures  # noqa: F401  (registers this module's KPI measures)
from app.events.permissions import EventPerm
from app.events.schemas import (
    CalendarRead,
    EventCreate,
    EventFilters,
    EventFormat,
    EventLevel,
    EventRead,
    EventStatus,
    EventType,
    EventUpdate,
    EventVocabulary,
    SeriesCreate,
    SeriesRead,
    SeriesUpdate,
)

router = APIRouter(prefix="/events", tags=["events"], responses=problem_responses(401, 403, 422))
series_router = APIRouter(prefix="/event-series", tags=["events"], responses=problem_responses(401, 403, 422))
materials_router = APIRouter(prefix="/event-materials", tags=["events"], responses=problem_responses(401, 403, 404))

WRITE_ERRORS = problem_responses(404, 409, 412, 428)
EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
PeriodQuery = Annotated[
    Period | None,
    Query(description="Период по дате начала: учебный год «2022/2023» (1 сентября – 31 августа), год или полугодие"),
]


async def event_filters(
    q: Annotated[str | None, Query(max_length=100, description="Поиск по названию и содержанию")] = None,
    municipality_id: uuid.UUID | None = None,
    type: Annotated[list[EventType] | None, Query(description="Виды мероприятий")] = None,
    level: Annotated[list[EventLevel] | None, Query(description="Уровни")] = None,
    level_min: Annotated[EventLevel | None, Query(description="Уровень не ниже (например, `municipal`)")] = None,
    level_max: Annotated[EventLevel | None, Query(description="Уровень не выше (например, `regional`)")] = None,
    event_format: Annotated[EventFormat | None, Query(description="Формат: очно, онлайн, смешанный")] = None,
    status: Annotated[list[EventStatus] | None, Query(description="Статусы")] = None,
    organizer_organization_id: Annotated[uuid.UUID | None, Query(description="Организатор")] = None,
    organization_id: Annotated[
        uuid.UUID | None, Query(description="Организация — организатор, внёсшая школа или ответственная")
    ] = None,
    owner: Annotated[
        Literal["municipal", "school"] | None,
        Query(description="`municipal` — записи муниципалитета, `school` — внесённые школами"),
    ] = None,
    series_id: Annotated[uuid.UUID | None, Query(description="Цикл")] = None,
    period: PeriodQuery = None,
    date_from: Annotated[date | None, Query(description="Идут в этот день или позже")] = None,
    date_to: Annotated[date | None, Query(description="Идут в этот день или раньше")] = None,
    audience_young: Annotated[bool | None, Query(description="Для молодых педагогов")] = None,
    include_archived: bool = False,
) -> EventFilters:
    return EventFilters(
        q=q,
        municipality_id=municipality_id,
        type=list(type) if type else None,
        level=list(level) if level else None,
        level_min=level_min,
        level_max=level_max,
        format=event_format,
        status=list(status) if status else None,
        organizer_organization_id=organizer_organization_id,
        organization_id=organization_id,
        owner=owner,
        series_id=series_id,
        period=period,
        date_from=date_from,
        date_to=date_to,
        audience_young=audience_young,
        include_archived=include_archived,
    )


EventFiltersDep = Annotated[EventFilters, Depends(event_filters)]
Reader = Annotated[Principal, require(EventPerm.READ)]
Writer = Annotated[Principal, require(EventPerm.WRITE)]


@router.get("", operation_id="list_events", response_model=Page[EventRead])
async def list_events(
    session: SessionDep, principal: Reader, page: PageDep, filters: EventFiltersDep
) -> Page[EventRead]:
    """Events inside your scope (a municipality's calendar, with the events its schools recorded), newest first.
    Sort: `start_date`, `title`, `level`, `type`, `status`, `created_at`, `updated_at`."""
    return await service.list_events(session, principal, filters, page)


@router.get("/vocabulary", operation_id="event_vocabulary", response_model=EventVocabulary)
async def event_vocabulary(_: Reader) -> EventVocabulary:
    """The enumerations of events, participation and awards with their Russian names (levels with their rank)."""
    return service.vocabulary()


@router.get("/calendar", operation_id="event_calendar", response_model=CalendarRead)
async def event_calendar(
    session: SessionDep,
    principal: Reader,
    filters: EventFiltersDep,
    date_from: Annotated[date | None, Query(alias="from", description="Первый день (по умолчанию — месяца)")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="Последний день (по умолчанию — месяца)")] = None,
) -> CalendarRead:
    """The events going on in a window (the current month by default, at most 400 days), compact, by start: for
    the month and list views of the calendar. Filters as in the list; archived events are never shown."""
    start, end = service.calendar_window(date_from, date_to)
    items = await service.calendar(session, principal, filters, start, end)
    return CalendarRead(date_from=start, date_to=end, items=items)


@router.get(
    "/export",
    operation_id="export_events",
    response_class=Response,
    responses={
        200: {
            "description": "Файл XLSX или CSV (UTF-8 с BOM, разделитель «;») со списком мероприятий по фильтрам",
            "content": {EXPORT_TYPES["xlsx"]: {}, "text/csv": {}},
        }
    },
)
async def export_events(
    session: SessionDep,
    principal: Reader,
    filters: EventFiltersDep,
    format: Annotated[Literal["xlsx", "csv"], Query(description="Формат файла")] = "xlsx",
    sort: Annotated[str | None, Query(pattern=r"^-?[a-z_]+$", description="Как в списке")] = None,
) -> Response:
    """The event list with the same filters and order as `GET /events`, as a spreadsheet (audited)."""
    content = await exporter.export_events(session, principal, filters, format, sort)
    today = date.today()
    return Response(
        content,
        media_type=EXPORT_TYPES[format],
        headers={
            "Content-Disposition": content_disposition(
                f"Мероприятия {today:%d.%m.%Y}.{format}", f"events-{today:%Y-%m-%d}.{format}"
            )
        },
    )


@router.post(
    "",
    operation_id="create_event",
    status_code=status.HTTP_201_CREATED,
    response_model=EventRead,
    responses=problem_responses(404, 409),
)
async def create_event(body: EventCreate, session: SessionDep, principal: Writer, response: Response) -> EventRead:
    """A school administrator records an event for their school (`owner_organization_id`, theirs by default), of
    any level but municipal; the municipality's records (no owning school) are made by methodologists and the
    department. Responsible people are users, teachers or names as in the order; materials are files or links."""
    event = await service.create_event(session, principal, body)
    set_etag(response, event.version)
    return event


@router.get("/{event_id}", operation_id="get_event", response_model=EventRead, responses=problem_responses(404))
async def get_event(event_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response) -> EventRead:
    event = await service.get_event(session, principal, event_id)
    set_etag(response, event.version)
    return event


@router.patch("/{event_id}", operation_id="update_event", response_model=EventRead, responses=WRITE_ERRORS)
async def update_event(
    event_id: uuid.UUID,
    body: EventUpdate,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> EventRead:
    """Only the fields sent change; lists (responsible people, organizations, materials) are replaced as a whole.
    Requires `If-Match`. A municipal record answers 403 `municipal_record` to a school administrator."""
    event = await service.update_event(session, principal, event_id, body, if_match)
    set_etag(response, event.version)
    return event


@router.post("/{event_id}/archive", operation_id="archive_event", response_model=EventRead, responses=WRITE_ERRORS)
async def archive_event(
    event_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> EventRead:
    """Archival with a reason instead of deletion (an event entered in error then counts in no indicator)."""
    event = await service.archive_event(session, principal, event_id, body.reason, if_match)
    set_etag(response, event.version)
    return event


# --- series -------------------------------------------------------------------------------------------------------


@series_router.get("", operation_id="list_event_series", response_model=Page[SeriesRead])
async def list_event_series(
    session: SessionDep,
    principal: Reader,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=100, description="Поиск по названию")] = None,
    municipality_id: uuid.UUID | None = None,
    academic_year: Annotated[Period | None, Query(description="Учебный год, например «2021/2022»")] = None,
    owner_organization_id: Annotated[uuid.UUID | None, Query(description="Циклы школы")] = None,
    include_archived: bool = False,
) -> Page[SeriesRead]:
    """Series (standing seminars, schools of young teachers…) with the number of their sessions. Sort: `title`,
    `academic_year`, `order_date`, `created_at`."""
    return await service.list_series(
        session,
        principal,
        page,
        q=q,
        municipality_id=municipality_id,
        period=academic_year,
        owner_organization_id=owner_organization_id,
        include_archived=include_archived,
    )


@series_router.post(
    "",
    operation_id="create_event_series",
    status_code=status.HTTP_201_CREATED,
    response_model=SeriesRead,
    responses=problem_responses(404, 409),
)
async def create_event_series(
    body: SeriesCreate, session: SessionDep, principal: Writer, response: Response
) -> SeriesRead:
    """A series with its goal, tasks and the order that set it up; sessions are events with its `series_id`."""
    s = await service.create_series(session, principal, body)
    set_etag(response, s.version)
    return s


@series_router.get(
    "/{series_id}", operation_id="get_event_series", response_model=SeriesRead, responses=problem_responses(404)
)
async def get_event_series(
    series_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response
) -> SeriesRead:
    """The series with its sessions in order (number, then date), each with its number of participants."""
    s = await service.get_series(session, principal, series_id)
    set_etag(response, s.version)
    return s


@series_router.get(
    "/{series_id}/report",
    operation_id="export_series_report",
    response_class=Response,
    responses={
        200: {
            "description": "Аналитическая справка по итогам деятельности цикла (DOCX): заседания, участники по "
            "заседаниям и организациям, организации, представившие практики, выводы",
            "content": {MEDIA_TYPES["docx"]: {}},
        },
        **problem_responses(404),
    },
)
async def export_series_report(series_id: uuid.UUID, session: SessionDep, principal: Reader) -> Response:
    """The analytical report («аналитическая справка») of the series as DOCX, laid out like the appendix of an order
    on a standing seminar's results: goal, tasks, forms of work, the sessions table (topic, dates, content,
    responsible), participants per session (present / attendance not marked; absent ones are not counted) and per
    organization, the organizations that presented practices, and the conclusions the methodologist writes in the
    series' `conclusions` («Выводы не заполнены» while empty). Whoever reads the series' card may download it; the
    export is audited."""
    content, file_name = await service.series_report(session, principal, series_id)
    return Response(
        content,
        media_type=MEDIA_TYPES["docx"],
        headers={"Content-Disposition": content_disposition(file_name, "series-report.docx")},
    )


@series_router.patch(
    "/{series_id}", operation_id="update_event_series", response_model=SeriesRead, responses=WRITE_ERRORS
)
async def update_event_series(
    series_id: uuid.UUID,
    body: SeriesUpdate,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> SeriesRead:
    s = await service.update_series(session, principal, series_id, body, if_match)
    set_etag(response, s.version)
    return s


@series_router.post(
    "/{series_id}/archive", operation_id="archive_event_series", response_model=SeriesRead, responses=WRITE_ERRORS
)
async def archive_event_series(
    series_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Writer,
    response: Response,
    if_match: IfMatchRequired = None,
) -> SeriesRead:
    s = await service.archive_series(session, principal, series_id, body.reason, if_match)
    set_etag(response, s.version)
    return s


@materials_router.get(
    "/{material_id}/content",
    operation_id="download_event_material",
    response_class=StreamingResponse,
    responses=FILE_RESPONSES,
)
async def download_event_material(material_id: uuid.UUID, session: SessionDep, principal: Reader) -> StreamingResponse:
    """A material's file for whoever may read the event (participants included); the download is audited."""
    f, stream = await service.material_content(session, principal, material_id)
    return stored_file_response(stream, file_id=f.id, name=f.name, content_type=f.content_type, size=f.size)
