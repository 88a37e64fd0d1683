"""Awards for events and series: letters of thanks, diplomas, honorary certificates to a teacher or an organization
(a head of school named in the order who is not in the teacher registry is `recipient_name` with the organization).
Seen by the municipality, by the school of the teacher or organization awarded, and by the teacher awarded."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal
from app.core.errors import FieldError, NotFound, Unprocessable
from app.core.pagination import Page, PageParams
from app.core.periods import Period
from app.events import repository as repo
from app.events.models import Award
from app.events.permissions import EventPerm
from app.events.schemas import AwardCreate, AwardRead, AwardUpdate
from app.organizations import service as organizations
from app.teachers import service as teachers


def _unprocessable(field: str, message: str, code: str) -> Unprocessable:
    return Unprocessable(message, errors=[FieldError(field=field, message=message, code=code)])


async def award_reads(session: AsyncSession, principal: Principal, rows: Sequence[Any]) -> list[AwardRead]:
    awards = [r[0] for r in rows]
    orgs = await organizations.names(session, {a.organization_id for a in awards if a.organization_id})
    writable = await repo.award_ids_in_scope(session, principal.scope(EventPerm.AWARDS_WRITE), [a.id for a in awards])
    return [
        AwardRead(
            id=a.id,
            municipality_id=a.municipality_id,
            kind=a.kind,  # type: ignore[arg-type]
            teacher_id=a.teacher_id,
            teacher_name=teacher_name,
            organization_id=a.organization_id,
            organization_name=orgs.get(a.organization_id) if a.organization_id else None,
            recipient_name=a.recipient_name,
            event_id=a.event_id,
            event_title=event_title,
            series_id=a.series_id,
            series_title=series_title,
            awarded_on=a.awarded_on,
            issuer=a.issuer,
            order_number=a.order_number,
            order_date=a.order_date,
            text=a.text,
            version=a.version,
            created_at=a.created_at,
            updated_at=a.updated_at,
            archived_at=a.archived_at,
            archive_reason=a.archive_reason,
            actions=["update", "archive"] if a.archived_at is None and a.id in writable else [],
        )
        for a, teacher_name, event_title, series_title in rows
    ]


async def list_awards(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    *,
    teacher_id: uuid.UUID | None,
    organization_id: uuid.UUID | None,
    event_id: uuid.UUID | None,
    series_id: uuid.UUID | None,
    kind: list[str] | None,
    municipality_id: uuid.UUID | None,
    period: Period | None,
    include_archived: bool,
) -> Page[AwardRead]:
    conds = repo.award_filters(
        teacher_id=teacher_id,
        organization_id=organization_id,
        event_id=event_id,
        series_id=series_id,
        kind=kind,
        municipality_id=municipality_id,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
    )
    rows, total = await repo.list_awards(session, principal.scope(EventPerm.AWARDS_READ), conds, page, include_archived)
    return Page(items=await award_reads(session, principal, rows), total=total, limit=page.limit, offset=page.offset)


async def _read(session: AsyncSession, principal: Principal, award_id: uuid.UUID, perm: str) -> AwardRead:
    row = await repo.award_row(session, principal.scope(perm), award_id)
    if row is None:
        raise NotFound("Награда не найдена")
    return (await award_reads(session, principal, [row]))[0]


async def get_award(session: AsyncSession, principal: Principal, award_id: uuid.UUID) -> AwardRead:
    return await _read(session, principal, award_id, EventPerm.AWARDS_READ)


async def create_award(session: AsyncSession, principal: Principal, body: AwardCreate) -> AwardRead:
    """The recipient inside the caller's reach (404 otherwise, as for an unknown id); the event or series of the
    recipient's municipality."""
    scope = principal.scope(EventPerm.AWARDS_WRITE)
    municipality_id: uuid.UUID | None = None
    if body.teacher_id is not None:
        if not await teachers.names_in_scope(session, scope, {body.teacher_id}):
            raise NotFound("Педагог не найден")
        municipality_id = await teachers.municipality_of(session, body.teacher_id)
        if body.organization_id is not None and not await organizations.visible_ids(
            session, principal, {body.organization_id}, municipality_id
        ):
            raise _unprocessable("body.organization_id", "Организация не найдена", "unknown_organization")
    else:
        org = await organizations.get_visible(session, principal, body.organization_id, EventPerm.AWARDS_WRITE)  # type: ignore[arg-type]
        municipality_id = org.municipality_id
    assert municipality_id is not None
    read = principal.scope(EventPerm.READ)
    if body.event_id is not None:
        event = await repo.event_in(session, read, body.event_id)
        if event is None or event.municipality_id != municipality_id:
            raise _unprocessable("body.event_id", "Мероприятие не найдено", "unknown_event")
    if body.series_id is not None:
        s = await repo.series_in(session, read, body.series_id)
        if s is None or s.municipality_id != municipality_id:
            raise _unprocessable("body.series_id", "Цикл не найден", "unknown_series")
    award = Award(municipality_id=municipality_id, **body.model_dump())
    await repo.awards.create(session, principal, award)
    return await _read(session, principal, award.id, EventPerm.AWARDS_READ)


async def _writable(session: AsyncSession, principal: Principal, award_id: uuid.UUID) -> Award:
    return await repo.awards.get(session, principal.scope(EventPerm.AWARDS_WRITE), award_id)


async def update_award(
    session: AsyncSession, principal: Principal, award_id: uuid.UUID, body: AwardUpdate, if_match: str | None
) -> AwardRead:
    award = await _writable(session, principal, award_id)
    repo.awards.check_version(award, if_match)
    values = {k: getattr(body, k) for k in body.model_fields_set}
    for required in ("kind", "awarded_on"):
        if required in values and values[required] is None:
            raise _unprocessable(f"body.{required}", "Поле не может быть пустым", "null_not_allowed")
    await repo.awards.update(session, principal, award, values, if_match)
    return await _read(session, principal, award.id, EventPerm.AWARDS_READ)


async def archive_award(
    session: AsyncSession, principal: Principal, award_id: uuid.UUID, reason: str, if_match: str | None
) -> AwardRead:
    award = await _writable(session, principal, award_id)
    await repo.awards.archive(session, principal, award, reason, if_match)
    return await _read(session, principal, award.id, EventPerm.AWARDS_READ)
