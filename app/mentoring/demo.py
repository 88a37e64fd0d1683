"""Demo mentoring: most (not all) young teachers of each school have an active mentor from their school (an
experienced colleague, at most three mentees each), a few pairs of last year are finished, one was cancelled — so
the young-teachers-without-a-mentor list and the share show something real."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.periods import Period
from app.mentoring.models import MentoringPair
from app.teachers import rules

GOALS = [
    "Адаптация молодого педагога в коллективе и профессии",
    "Планирование уроков по обновлённым ФГОС, работа с рабочей программой",
    "Классное руководство и работа с родителями",
    "Подготовка к участию в конкурсе «Педагогический дебют»",
    "Преодоление профессиональных дефицитов по итогам диагностики",
    "Организация проектной деятельности обучающихся",
]
MAX_MENTEES = 3


async def seed(session: AsyncSession, teachers_by_school: Mapping[str, Sequence[Any]], today: date) -> int:
    """Pairs among the teachers of each school (young by the default rule: under 35 or under 3 years of
    experience); returns how many pairs."""
    rng = random.Random(20220901)  # noqa: S311 - deterministic demo data, not security
    year_start = Period.current("academic_year", today).start
    out: list[MentoringPair] = []
    for people in teachers_by_school.values():
        young = [t for t in people if rules.is_young(t.birth_date, t.teaching_since, today)]
        mentors = [t for t in people if t not in young and rules.full_years(t.teaching_since, today) >= 10]
        load = {m.id: 0 for m in mentors}
        for i, mentee in enumerate(young):
            if i % 6 == 5 or not mentors:  # about one young teacher in six is left without a mentor
                continue
            free = [m for m in mentors if load[m.id] < MAX_MENTEES]
            if not free:
                continue
            mentor = rng.choice(free)
            start = max(year_start, mentee.teaching_since or year_start)
            if start > today:
                start = today
            if (
                rng.random() < 0.25
                and mentee.teaching_since
                and mentee.teaching_since < year_start - timedelta(days=300)
            ):
                # last year's pair, finished with the year; this year's pair goes on with the same mentor
                out.append(
                    MentoringPair(
                        municipality_id=mentee.municipality_id,
                        mentor_id=mentor.id,
                        mentee_id=mentee.id,
                        form="teacher_teacher",
                        goal=GOALS[0],
                        start_date=max(mentee.teaching_since, year_start - timedelta(days=365)),
                        end_date=year_start - timedelta(days=1),
                        status="finished",
                        outcome="Программа адаптации выполнена, педагог освоил планирование и оценивание",
                    )
                )
            out.append(
                MentoringPair(
                    municipality_id=mentee.municipality_id,
                    mentor_id=mentor.id,
                    mentee_id=mentee.id,
                    form=rng.choice(["teacher_teacher"] * 4 + ["leader_teacher", "group"]),
                    goal=rng.choice(GOALS),
                    start_date=start,
                    status="active",
                )
            )
            load[mentor.id] += 1
        if len(young) > 6 and mentors:  # a pair cancelled early: the mentor moved to another school
            mentee = young[5]
            out.append(
                MentoringPair(
                    municipality_id=mentee.municipality_id,
                    mentor_id=mentors[0].id,
                    mentee_id=mentee.id,
                    form="teacher_teacher",
                    goal=GOALS[0],
                    start_date=year_start,
                    end_date=min(today, year_start + timedelta(days=40)),
                    status="cancelled",
                    outcome="Наставник перешёл в другую школу; нужен новый наставник",
                )
            )
    session.add_all(out)
    await session.flush()
    return len(out)
