"""Demo courses: most teachers trained within 3 years, some leave the window within months, some are outside it,
a few never had a course recorded; regional institutes of the three regions, the federal academy and one private
centre (its course after 1 September 2025 is flagged and does not count)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.courses.models import Course

REGIONAL_INSTITUTES = {
    "kostroma": "ОГБОУ ДПО «Костромской областной институт развития образования»",
    "zeya": "ГАУ ДПО «Амурский областной институт развития образования»",
    "kislovodsk": "ГБУ ДПО «Ставропольский краевой институт развития образования, повышения квалификации и "
    "переподготовки работников образования»",
}
FEDERAL = "ФГАОУ ДПО «Академия Минпросвещения России»"
PRIVATE = "ООО «Центр инновационного образования и воспитания»"
TITLES = [
    "Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя",
    "Формирование функциональной грамотности обучающихся",
    "Школа современного учителя: развитие предметных компетенций",
    "Использование цифровых образовательных ресурсов в обучении",
    "Организация работы с обучающимися с ОВЗ в соответствии с ФГОС",
    "Наставничество в образовательной организации",
    "Подготовка обучающихся к государственной итоговой аттестации",
    "Разговоры о важном: система работы классного руководителя",
    "Оказание первой помощи в образовательной организации",
    "Профилактика деструктивного поведения подростков",
]


def _course(
    rng: random.Random, municipality: str, teacher: Any, end: date, *, title: str | None = None, private: bool = False
) -> Course:
    hours = rng.choice([16, 24, 36, 36, 36, 72, 72, 108])
    start = end - timedelta(days=rng.randint(4, 20) if hours < 72 else rng.randint(20, 45))
    provider = PRIVATE if private else (FEDERAL if rng.random() < 0.2 else REGIONAL_INSTITUTES[municipality])
    return Course(
        municipality_id=teacher.municipality_id,
        teacher_id=teacher.id,
        title=title or rng.choice(TITLES),
        program_kind="advanced_training",
        provider_name=provider,
        provider_state_owned=not private,
        hours=hours,
        start_date=start,
        end_date=end,
        format=rng.choice(["offline", "online", "mixed"]),
        document_number=f"{rng.randint(10, 99)}{rng.randint(10000000, 99999999)}",
    )


async def seed(
    session: AsyncSession,
    teachers_by_school: Mapping[str, Sequence[Any]],
    municipality_of_school: Mapping[str, str],
    today: date,
    always_trained: Sequence[Any] = (),
) -> int:
    """Courses of the demo teachers; returns how many were added."""
    rng = random.Random(20230301)  # noqa: S311 - deterministic demo data, not security
    out: list[Course] = []
    for school, people in teachers_by_school.items():
        municipality = municipality_of_school[school]
        for t in people:
            roll = rng.random()
            if t in always_trained:
                roll = 0.0
            if roll < 0.55:  # inside the window: a course ended within the last 2.5 years
                out.append(_course(rng, municipality, t, today - timedelta(days=rng.randint(20, 900))))
                if rng.random() < 0.3:  # and an older one
                    out.append(_course(rng, municipality, t, today - timedelta(days=rng.randint(1200, 2000))))
            elif roll < 0.7:  # leaves the window within about six months
                out.append(_course(rng, municipality, t, today - timedelta(days=3 * 365 - rng.randint(10, 170))))
            elif roll < 0.9:  # outside: the last course ended more than 3 years ago
                out.append(_course(rng, municipality, t, today - timedelta(days=rng.randint(3 * 365 + 20, 6 * 365))))
            elif roll < 0.92 and today >= date(2025, 10, 1):  # a private centre after 1 September 2025: flagged
                out.append(_course(rng, municipality, t, today - timedelta(days=rng.randint(5, 60)), private=True))
            # otherwise: no course recorded
    session.add_all(out)
    await session.flush()
    return len(out)
