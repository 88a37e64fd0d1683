"""Events and participation as spreadsheets (XLSX, or CSV as Russian Excel reads it): the same filters, scope and
order as the lists, with Russian names of every code; each export is audited."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.core.access import Principal
from app.core.audit_trail import record
from app.core.errors import Unprocessable
from app.core.exports import Column, render
from app.events import participation, service
from app.events import repository as repo
from app.events.models import (
    ATTENDANCE,
    CONTEST_RESULTS,
    EVENT_FORMATS,
    EVENT_LEVELS,
    EVENT_STATUSES,
    EVENT_TYPES,
    PARTICIPATION_ROLES,
)
from app.events.permissions import EventPerm
from app.events.schemas import EventFilters
from app.reference import service as reference

MAX_EXPORT_ROWS = 20_000

EVENT_COLUMNS = [
    Column("Дата начала", 12, "date"),
    Column("Дата окончания", 12, "date"),
    Column("Время", 12),
    Column("Название (тема)", 50),
    Column("Вид", 22),
    Column("Уровень", 16),
    Column("Формат", 14),
    Column("Статус", 14),
    Column("Организатор", 30),
    Column("Внесла школа", 20),
    Column("Цикл", 30),
    Column("№ заседания", 8, "number"),
    Column("Место или ссылка", 30),
    Column("Для кого", 36),
    Column("Ответственные", 40),
    Column("Участников", 10, "number"),
    Column("Содержание", 60),
    Column("В архиве", 10),
]


def _too_many(rows: int) -> None:
    if rows > MAX_EXPORT_ROWS:
        raise Unprocessable(
            f"Слишком много строк для выгрузки (больше {MAX_EXPORT_ROWS:,}). Уточните фильтры.".replace(",", " "),
            code="export_too_large",
        )


def _time(e: Any) -> str:
    if e.start_time is None:
        return ""
    return f"{e.start_time:%H:%M}" + (f"–{e.end_time:%H:%M}" if e.end_time else "")


async def export_events(
    session: AsyncSession, principal: Principal, filters: EventFilters, fmt: str, sort: str | None
) -> bytes:
    events = await repo.export_events(session, principal.scope(EventPerm.READ), filters, sort, MAX_EXPORT_ROWS + 1)
    _too_many(len(events))
    reads = await service.event_reads(session, principal, events)
    positions = await reference.position_names(session)
    subjects = await reference.subject_names(session)
    rows = []
    for e, r in zip(events, reads, strict=True):
        audience = [positions.get(c, c) for c in r.audience_positions] + [
            subjects.get(c, c) for c in r.audience_subjects
        ]
        if r.audience_young:
            audience.append("молодые педагоги")
        if r.audience_note:
            audience.append(r.audience_note)
        responsible = [", ".join(x for x in (p.name, p.note) if x) for p in r.responsible_people] + [
            " — ".join(x for x in (o.organization_name, o.note) if x) for o in r.responsible_organizations
        ]
        rows.append(
            [
                r.start_date,
                r.end_date,
                _time(e),
                r.title,
                EVENT_TYPES[r.type],
                EVENT_LEVELS[r.level],
                EVENT_FORMATS[r.format],
                EVENT_STATUSES[r.status],
                r.organizer_organization_name or r.organizer_name or "",
                r.owner_organization_name or "",
                r.series_title or "",
                r.session_number,
                r.place or r.url or "",
                "; ".join(audience),
                "; ".join(responsible),
                r.participant_count,
                r.content or "",
                "да" if r.archived_at else "",
            ]
        )
    content = await run_in_threadpool(render, fmt, EVENT_COLUMNS, rows, "Мероприятия")  # type: ignore[arg-type]
    await record(
        session,
        principal,
        "export",
        "event",
        None,
        filters.municipality_id or principal.single_municipality_id(),
        {"format": fmt, "rows": len(rows), "filters": filters.summary()},
    )
    return content


PARTICIPATION_COLUMNS = [
    Column("Дата мероприятия", 12, "date"),
    Column("Мероприятие", 44),
    Column("Вид", 20),
    Column("Уровень", 16),
    Column("ФИО", 32),
    Column("Организация", 22),
    Column("Роль", 22),
    Column("Результат", 14),
    Column("Часы", 8, "number"),
    Column("№ сертификата", 16),
    Column("Намерен применить практику", 12),
    Column("Посещение", 14),
    Column("Тема выступления", 40),
    Column("В архиве", 10),
]


async def export_participations(
    session: AsyncSession,
    principal: Principal,
    conditions: list[Any],
    include_archived: bool,
    fmt: str,
    sort: str | None,
) -> bytes:
    rows = await repo.export_participations(
        session,
        principal.scope(EventPerm.PARTICIPATIONS_READ),
        conditions,
        sort,
        include_archived,
        MAX_EXPORT_ROWS + 1,
    )
    _too_many(len(rows))
    reads = await participation.participation_reads(session, principal, rows)
    table = [
        [
            r.event_start_date,
            r.event_title,
            EVENT_TYPES[r.event_type],
            EVENT_LEVELS[r.event_level],
            r.teacher_name,
            r.organization_name or "",
            PARTICIPATION_ROLES[r.role],
            CONTEST_RESULTS.get(r.result or "", ""),
            r.hours,
            r.certificate_number or "",
            "да" if r.intends_to_apply else "",
            ATTENDANCE[r.attendance],
            r.presentation_title or "",
            "да" if r.archived_at else "",
        ]
        for r in reads
    ]
    content = await run_in_threadpool(render, fmt, PARTICIPATION_COLUMNS, table, "Участие")  # type: ignore[arg-type]
    await record(
        session,
        principal,
        "export",
        "participation",
        None,
        principal.single_municipality_id(),
        {"format": fmt, "rows": len(table)},
    )
    return content
