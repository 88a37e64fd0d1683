"""Demo diagnostics: Kostroma's deficit monitoring open now (about two teachers in three have submitted — their
profiles show deficits; the demo teacher's assignment is waiting; one school is late with three answers, so its
corporate figures are hidden below the methodologist role), last year's Kostroma deficit monitoring (closed, lower
results: the re-diagnosis comparison shows change), Kostroma's August topic survey of the standing
seminar (closed, ranked topics), Zeya's April deficit monitoring of last year (closed, yearly) and its January
young-teacher adaptation monitoring (yearly, scheduled). Answers are random but deterministic."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.diagnostics import repository as repo
from app.diagnostics import service
from app.diagnostics.models import DiagAssignment, DiagCampaign, DiagInstrument
from app.diagnostics.schemas import (
    SHIPPED_INSTRUMENT_ID,
    SHIPPED_TOPIC_SURVEY_ID,
    InstrumentContent,
    MultipleItem,
    ScaleItem,
    SingleItem,
    TextItem,
)

NEEDS = [
    "Разработка заданий на функциональную грамотность",
    "Формирующее оценивание на уроке",
    "Работа с детьми с ОВЗ в обычном классе",
    "",
    "Цифровые сервисы для обратной связи",
]


def _answer(item: Any, rng: random.Random, skill: float) -> Any:
    if isinstance(item, SingleItem):
        if item.correct is not None and rng.random() < skill:
            return item.correct
        return rng.choice(item.options).key
    if isinstance(item, MultipleItem):
        if item.correct is None:  # a survey: one to max_choices topics, the first ones more popular
            k = rng.randint(1, item.max_choices or 3)
            weights = [len(item.options) - i + 2 for i in range(len(item.options))]
            out: list[str] = []
            while len(out) < k:
                pick = rng.choices([o.key for o in item.options], weights=weights)[0]
                if pick not in out:
                    out.append(pick)
            return out
        return [o.key for o in item.options if (o.key in item.correct) == (rng.random() < skill)]
    if isinstance(item, ScaleItem):
        return max(0, min(item.scale_max, round(rng.gauss(skill * item.scale_max, 0.8))))
    if isinstance(item, TextItem):
        return rng.choice(NEEDS) or None
    return None


async def _campaign(
    session: AsyncSession,
    municipality_id: uuid.UUID,
    instrument_id: uuid.UUID,
    title: str,
    opens_on: date,
    closes_on: date,
    *,
    target: dict[str, Any] | None = None,
    repeat_yearly: bool = False,
) -> DiagCampaign:
    c = DiagCampaign(
        municipality_id=municipality_id,
        instrument_id=instrument_id,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        target=target or {"organization_ids": [], "position_codes": [], "subject_codes": [], "young_only": False},
        repeat_yearly=repeat_yearly,
    )
    session.add(c)
    await session.flush()
    return c


async def _fill(
    session: AsyncSession,
    c: DiagCampaign,
    content: InstrumentContent,
    rng: random.Random,
    share: float,
    on: date,
    keep_open: set[uuid.UUID] = frozenset(),  # type: ignore[assignment]
    *,
    skill_range: tuple[float, float] = (0.35, 0.95),
    late_limit: int | None = None,
) -> None:
    """Assign the campaign (as the nightly job would on `on`) and answer: `share` submitted, some started. With
    `late_limit`, in the smallest organization (not the one of `keep_open`) only that many teachers submit (the
    others started): a group too small to show its figures."""
    await repo.create_assignments(session, c, on)
    c.launched_at = datetime.combine(c.opens_on, time(3, 0), tzinfo=UTC)
    rows = (await session.scalars(select(DiagAssignment).where(DiagAssignment.campaign_id == c.id))).all()
    late_organization = _smallest_organization(rows, keep_open) if late_limit is not None else None
    last_day = min(c.closes_on, date.today())
    profiles = []
    late_submitted = 0
    for a in sorted(rows, key=lambda x: str(x.teacher_id)):
        roll = rng.random()
        if a.teacher_id in keep_open or roll > share + 0.15:
            continue
        skill = rng.uniform(*skill_range)
        answers = {i.code: _answer(i, rng, skill) for s in content.sections for i in s.items}
        answers = {k: v for k, v in answers.items() if v not in (None, "", [])}
        span = max(0, (last_day - c.opens_on).days)
        when = datetime.combine(c.opens_on + timedelta(days=rng.randint(0, span)), time(rng.randint(8, 20)), tzinfo=UTC)
        a.answers = answers
        a.started_at = when
        late = late_organization is not None and a.organization_id == late_organization
        if roll > share or (late and late_submitted >= (late_limit or 0)):  # started, not submitted
            a.status = "in_progress"
            continue
        late_submitted += 1 if late else 0
        a.status = "submitted"
        a.submitted_at = when + timedelta(minutes=rng.randint(10, 40))
        profiles.extend(service.profile_rows(a, content, a.submitted_at))
    session.add_all(profiles)
    await session.flush()


async def seed(session: AsyncSession, munis: Mapping[str, Any], demo_teacher: Any, today: date) -> int:
    """Returns how many campaigns were made."""
    rng = random.Random(20260401)  # noqa: S311 - deterministic demo data, not security
    insts = {
        i.id: InstrumentContent.model_validate({"sections": i.sections, "scale": i.scale})
        for i in (
            await session.scalars(
                select(DiagInstrument).where(DiagInstrument.id.in_([SHIPPED_INSTRUMENT_ID, SHIPPED_TOPIC_SURVEY_ID]))
            )
        ).all()
    }
    deficit, survey = insts[SHIPPED_INSTRUMENT_ID], insts[SHIPPED_TOPIC_SURVEY_ID]
    kostroma, zeya = munis["kostroma"].id, munis["zeya"].id
    made = 0
    # Kostroma: the deficit monitoring running now; the demo teacher has not answered yet; one school is late (fewer
    # than five answers: its figures are hidden below the methodologist role)
    c = await _campaign(
        session,
        kostroma,
        SHIPPED_INSTRUMENT_ID,
        "Мониторинг профессиональных дефицитов педагогов",
        today - timedelta(days=14),
        today + timedelta(days=21),
    )
    current = c
    await _fill(session, c, deficit, rng, 0.6, today, keep_open={demo_teacher.id}, late_limit=3)
    made += 1
    # Kostroma: last August's survey of the seminar's topics (25–30 August)
    year = today.year if today >= date(today.year, 8, 31) else today.year - 1
    c = await _campaign(
        session,
        kostroma,
        SHIPPED_TOPIC_SURVEY_ID,
        f"Опрос о темах постоянно действующего семинара {year}/{year + 1}",
        date(year, 8, 25),
        date(year, 8, 30),
        repeat_yearly=True,
    )
    await _fill(session, c, survey, rng, 0.7, date(year, 8, 25))
    made += 1
    # Zeya: the April deficit monitoring (every April) and the January young-teacher adaptation monitoring
    april = today.year if today >= date(today.year, 5, 1) else today.year - 1
    c = await _campaign(
        session,
        zeya,
        SHIPPED_INSTRUMENT_ID,
        f"Муниципальный мониторинг профессиональных потребностей и дефицитов {april}",
        date(april, 4, 1),
        date(april, 4, 30),
        repeat_yearly=True,
    )
    await _fill(session, c, deficit, rng, 0.8, date(april, 4, 1))
    await _campaign(
        session,
        zeya,
        SHIPPED_INSTRUMENT_ID,
        "Мониторинг адаптации молодых педагогов",
        date(today.year + 1, 1, 12),
        date(today.year + 1, 1, 31),
        target={"organization_ids": [], "position_codes": [], "subject_codes": [], "young_only": True},
        repeat_yearly=True,
    )
    made += 2
    # Kostroma: last year's deficit monitoring (closed; lower results on average), to compare with this year's
    start = current.opens_on.replace(year=current.opens_on.year - 1)
    c = await _campaign(
        session,
        kostroma,
        SHIPPED_INSTRUMENT_ID,
        f"Мониторинг профессиональных дефицитов педагогов {start.year}",
        start,
        start + timedelta(days=35),
    )
    await _fill(session, c, deficit, random.Random(20250401), 0.8, start, skill_range=(0.2, 0.8))  # noqa: S311
    made += 1
    return made


def _smallest_organization(rows: Any, keep_open: set[uuid.UUID]) -> uuid.UUID | None:
    """The organization with the fewest assignments, other than those of the `keep_open` teachers."""
    skip = {a.organization_id for a in rows if a.teacher_id in keep_open}
    counts = Counter(a.organization_id for a in rows if a.organization_id is not None and a.organization_id not in skip)
    return min(counts, key=lambda org: (counts[org], str(org))) if counts else None
