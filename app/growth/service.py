"""The teacher's growth: gathered from the timeline sources the modules register (`app.core.timeline`; each filters
by the caller's own scope for its records), grouped by academic year, and laid out as a one-page portfolio."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.core.access import Principal
from app.core.audit_trail import record
from app.core.periods import Period
from app.core.timeline import TimelineEntry, sources
from app.growth import portfolio
from app.growth.schemas import GrowthYear, TeacherGrowth
from app.teachers import service as teachers


async def growth(session: AsyncSession, principal: Principal, teacher_id: uuid.UUID) -> TeacherGrowth:
    """The timeline of a teacher the caller may read (404 otherwise), newest first, by academic year."""
    card = await teachers.read_teacher(session, principal, teacher_id)  # a read of personal data: audited
    entries: list[TimelineEntry] = []
    for source in sources().values():
        entries.extend(await source(session, principal, teacher_id))
    by_year: dict[Period, list[TimelineEntry]] = defaultdict(list)
    for e in entries:
        by_year[Period.current("academic_year", e.start)].append(e)
    years = [
        GrowthYear(
            academic_year=period.code,
            hours=sum(e.hours or 0 for e in items),
            entries=sorted(items, key=lambda e: (e.start, e.end or e.start), reverse=True),
        )
        for period, items in sorted(by_year.items(), key=lambda kv: kv[0], reverse=True)
    ]
    category = None
    if card.category_code:
        category = next((c.category_name for c in card.categories if c.category_code == card.category_code), None)
    return TeacherGrowth(
        teacher_id=card.id,
        teacher_name=" ".join(p for p in (card.last_name, card.first_name, card.middle_name) if p),
        organization_name=card.current_organization_name,
        position_name=card.current_position_name,
        category=category or card.category_code,
        hours_total=sum(y.hours for y in years),
        years=years,
    )


async def portfolio_docx(session: AsyncSession, principal: Principal, teacher_id: uuid.UUID) -> tuple[bytes, str]:
    """The portfolio file and the teacher's name for its file name; the export is audited on the teacher."""
    data = await growth(session, principal, teacher_id)
    content = await run_in_threadpool(portfolio.render, data, date.today())
    card_municipality = await teachers.municipality_of(session, teacher_id)
    await record(session, principal, "export", "teacher", teacher_id, card_municipality, {"format": "docx"})
    return content, data.teacher_name
