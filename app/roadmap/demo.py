"""Demo programmes and roadmaps, all loaded through the import service from the order's text:

- Zeya's programme of 2020–2022 (приказ ООА от 17.08.2020 № 265-од) with its stages and the whole 57-activity
  roadmap; finished — nearly every occurrence done, two left overdue.
- Zeya's current programme for 2025–2027 reusing the same activities (the years moved on, the main specialist is
  now Морозова Е.А. — the demo department account, so «мои мероприятия» is not empty): occurrences before today
  mostly done with reports linking the demo's events and monitoring campaigns, some overdue, some due this month;
  «По графику проведения ВПР» still waiting for its dates.
- Kostroma's annual plan of the methodological centre for the current academic year with a few activities, the
  methodologist (the demo account) responsible for some.
A few activities name the KPI codes they should move (Z-MONITOR, K-4.1.3, Z-GMO-PLAN)."""

from __future__ import annotations

import csv
import io
import random
import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import system_principal
from app.roadmap import repository as repo
from app.roadmap import service, zeya_roadmap
from app.roadmap.models import Programme, Report, Stage

ZEYA_KPI = {
    "2.5": ["Z-MONITOR"],
    "4.2": ["Z-MONITOR"],
    "2.3": ["K-4.1.3"],
    "3.20": ["Z-GMO-PLAN"],
    "3.4": ["Z-GMO-PLAN"],
}
KOSTROMA_TABLE = [
    ["№ пп", "Мероприятия", "Сроки выполнения", "Ответственные"],
    ["1. Методическое сопровождение педагогов", "", "", ""],
    ["Задача: адресная помощь педагогам по итогам диагностики профессиональных дефицитов", "", "", ""],
    ["1.1.", "Мониторинг профессиональных дефицитов педагогов", "Октябрь {y}", "Лебедева И.Н., методист МБУ ГЦОКО"],
    [
        "1.2.",
        "Разработка индивидуальных образовательных маршрутов педагогов с дефицитами",
        "Ноябрь-декабрь {y}",
        "Лебедева И.Н., методист МБУ ГЦОКО, руководители ОО",
    ],
    ["1.3.", "Постоянно действующий семинар «Формирующее оценивание»", "Ежемесячно", "Методисты МБУ ГЦОКО"],
    ["2. Аттестация и профессиональные конкурсы", "", "", ""],
    ["Задача: сопровождение аттестации и участия педагогов в конкурсах", "", "", ""],
    ["2.1.", "Консультации педагогов по подготовке к аттестации", "В течение учебного года", "Методисты МБУ ГЦОКО"],
    ["2.2.", "Муниципальный этап конкурса «Учитель года»", "Январь-февраль {y1}", "Управление образования"],
    ["2.3.", "Августовское совещание педагогических работников", "Август {y1}", "Управление образования, МБУ ГЦОКО"],
]


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows(rows)
    return buf.getvalue().encode("utf-8")


async def _programme(
    session: AsyncSession,
    municipality_id: uuid.UUID,
    title: str,
    start: date,
    end: date,
    status: str,
    stages: list[tuple[str, date, date]],
    **kw: Any,
) -> Programme:
    p = Programme(municipality_id=municipality_id, title=title, period_start=start, period_end=end, status=status, **kw)
    await repo.programmes.create(session, None, p)
    for i, (name, a, b) in enumerate(stages):
        session.add(
            Stage(municipality_id=municipality_id, programme_id=p.id, position=i, title=name, starts_on=a, ends_on=b)
        )
    await session.flush()
    return p


async def _evidence(session: AsyncSession, municipality_id: uuid.UUID) -> tuple[list[Any], list[Any]]:
    from app.diagnostics.models import DiagCampaign
    from app.events.models import Event

    events = (
        await session.execute(
            select(Event.id, Event.title, Event.start_date, Event.content).where(
                Event.municipality_id == municipality_id, Event.status == "held"
            )
        )
    ).all()
    campaigns = (
        await session.execute(
            select(DiagCampaign.id, DiagCampaign.title, DiagCampaign.opens_on).where(
                DiagCampaign.municipality_id == municipality_id
            )
        )
    ).all()
    return list(events), list(campaigns)


async def _progress(
    session: AsyncSession, p: Programme, today: date, rng: random.Random, done_share: float, keep_overdue: set[str]
) -> None:
    """Reports on the occurrences due before today (most of them done, with evidence where the demo has it)."""
    events, campaigns = await _evidence(session, p.municipality_id)
    acts = {a.id: a for a in await repo.programme_activities(session, p.id)}
    for o in await repo.programme_occurrences(session, p.id):
        a = acts[o.activity_id]
        if o.starts_on > today or a.number in keep_overdue:
            continue
        records: list[dict[str, str]] = []
        for e in events:
            in_window = o.starts_on <= e.start_date <= min(o.due_on, today)
            if in_window and (
                f"п. {a.number}" in (e.content or "") or (a.number in ("3.8", "3.20") and "Семинар" in e.title)
            ):
                records.append({"kind": "event", "id": str(e.id), "title": e.title})
                break
        if a.number in ("2.5", "4.2"):
            for c in campaigns:
                if o.starts_on <= c.opens_on <= o.due_on:
                    records.append({"kind": "campaign", "id": str(c.id), "title": c.title})
        if not records and (o.due_on >= today or rng.random() > done_share):
            continue  # the current window is reported only when something was held; a few past ones stay overdue
        text = "Выполнено" if not records else "Проведено: " + "; ".join(r["title"] for r in records)
        session.add(
            Report(
                municipality_id=p.municipality_id,
                activity_id=a.id,
                occurrence_id=o.id,
                reported_on=min(o.due_on, today),
                text=text,
                links=[],
                file_ids=[],
                records=records,
                author_name="Демо-данные",
            )
        )
        o.status, o.done_on = "done", min(o.due_on, today)
    await session.flush()


async def seed(session: AsyncSession, munis: Mapping[str, Any], today: date) -> None:
    system = system_principal()
    rng = random.Random(14)  # noqa: S311 - deterministic demo data
    zeya = munis["zeya"].id
    table = zeya_roadmap.rows()
    info = zeya_roadmap.PROGRAMME
    old = await _programme(
        session,
        zeya,
        str(info["title"]),
        date(2020, 8, 1),
        date(2022, 12, 31),
        "finished",
        [(n, date.fromisoformat(a), date.fromisoformat(b)) for n, a, b in info["stages"]],  # type: ignore[attr-defined]
        goal=str(info["goal"]),
        basis_text=str(info["basis_text"]),
    )
    await service.import_roadmap(session, system, old.id, "zeya.csv", _csv(table), False, ZEYA_KPI)
    await _progress(session, old, min(today, date(2023, 1, 1)), rng, 1.0, {"3.14", "2.9"})

    moved = [
        [
            c.replace("2022", "2027")
            .replace("2021", "2026")
            .replace("2020", "2025")
            .replace("Лысенко С.Н.", "Морозова Е.А.")
            for c in row
        ]
        for row in table
    ]
    current = await _programme(
        session,
        zeya,
        "Программа поддержки школьных, муниципальных методических объединений на 2025–2027 годы",
        date(2025, 9, 1),
        date(2027, 8, 31),
        "running",
        [
            ("1 этап – организационный", date(2025, 9, 1), date(2025, 12, 31)),
            ("2 этап – основной", date(2026, 1, 1), date(2027, 5, 31)),
            ("3 этап – заключительный", date(2027, 6, 1), date(2027, 8, 31)),
        ],
        goal=str(info["goal"]),
        basis_text="Приказ отдела образования администрации города Зеи от 25.08.2025 № 231-од",
    )
    await service.import_roadmap(session, system, current.id, "zeya-2025.csv", _csv(moved), False, ZEYA_KPI)
    await _progress(session, current, today, rng, 0.8, {"3.14", "2.10", "4.1"})

    kostroma = munis["kostroma"].id
    y = today.year if today.month >= 9 else today.year - 1
    plan = await _programme(
        session,
        kostroma,
        f"План работы МБУ ГЦОКО на {y}/{y + 1} учебный год",
        date(y, 9, 1),
        date(y + 1, 8, 31),
        "running",
        [],
        basis_text="Приказ МБУ ГЦОКО об утверждении плана работы",
    )
    rows = [[c.replace("{y1}", str(y + 1)).replace("{y}", str(y)) for c in r] for r in KOSTROMA_TABLE]
    await service.import_roadmap(
        session, system, plan.id, "plan.csv", _csv(rows), False, {"1.1": ["K-4.1.3"], "1.2": ["K-4.1.3"]}
    )
    await _progress(session, plan, today, rng, 0.7, set())
