"""Demo methodological associations: Zeya's city associations (ГМО) as its programme of support for school and city
methodological associations lists them (order 265-од of 17.08.2020: «созданы ГМО учителей математики, учителей
информатики и физики, …»), with leaders and members from Zeya's demo teachers and a plan-schedule of five meetings
for the current academic year, those already due held with attendance and minutes; last year's plan of two of them,
mostly held; and one school association (ШМО) in Kostroma's СОШ № 22."""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.associations.models import (
    Association,
    AssociationMeeting,
    AssociationMeetingAttendance,
    AssociationMeetingPlan,
    AssociationMember,
)
from app.core.periods import Period

NS = uuid.UUID("2b7e1f5a-3c9d-4e8f-a1b2-c3d4e5f60718")

# title, subject code (or None), problem, who belongs: subjects taught or a position
ZEYA_GMO: list[tuple[str, str | None, str | None, set[str]]] = [
    ("ГМО учителей математики", "mathematics", None, {"mathematics"}),
    ("ГМО учителей информатики и физики", "computer_science", None, {"computer_science", "physics"}),
    ("ГМО учителей русского языка и литературы", "russian", None, {"russian", "literature"}),
    ("ГМО учителей истории и обществознания", "history", None, {"history", "social_studies"}),
    ("ГМО учителей естественно-научного цикла", "biology", None, {"biology", "chemistry", "geography"}),
    ("ГМО учителей эстетического цикла", "music", None, {"music", "fine_arts"}),
    ("ГМО учителей физической культуры", "physical_education", None, {"physical_education"}),
    ("ГМО учителей иностранного языка", "english", None, {"english", "german", "french"}),
    ("ГМО учителей технологии", "technology", None, {"technology"}),
    ("ГМО учителей начальных классов", "primary", None, {"primary"}),
    ("ГМО преподавателей-организаторов ОБЖ", "obzr", None, {"obzr"}),
    ("ГМО классных руководителей", None, "Воспитательная работа и классное руководство", set()),
    ("ГМО педагогов-психологов", None, "Психолого-педагогическое сопровождение обучающихся", {"@psychologist"}),
    ("ГМО социальных педагогов", None, "Социально-педагогическая поддержка семей и детей", {"@social_pedagogue"}),
]
ZEYA_LEADER_GMO = "ГМО учителей математики"  # led by the demo account gmo@zeya.demo.mms

# (month, day) in the academic year, topic, form
PLAN = [
    ((9, 18), "Анализ работы объединения за прошлый учебный год, утверждение плана на {year}", "заседание"),
    ((11, 13), "Результаты ВПР и ГИА: типичные затруднения обучающихся и пути их преодоления", "круглый стол"),
    ((1, 22), "Формирование функциональной грамотности обучающихся на уроках", "семинар-практикум"),
    ((3, 19), "Эффективные практики педагогов города: открытые уроки и мастер-классы", "мастер-класс"),
    ((5, 21), "Итоги учебного года, профессиональные дефициты педагогов и задачи на следующий год", "заседание"),
]
MINUTES = (
    "Слушали: руководителя объединения по теме заседания. Выступили: педагоги школ города с опытом работы. "
    "Обсудили предложения по методическому сопровождению педагогов."
)
DECISIONS = [
    "1. Принять информацию к сведению. 2. Обобщить опыт выступивших педагогов для банка лучших практик.",
    "1. Включить задания формата ВПР в текущий контроль. 2. Провести взаимопосещение уроков до конца четверти.",
    "1. Рекомендовать педагогам пройти диагностику профессиональных дефицитов. 2. Подготовить мастер-класс.",
]


def _id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NS, ":".join(str(p) for p in parts))


def _day(year: Period, month_day: tuple[int, int]) -> date:
    month, day = month_day
    return date(year.year if month >= 9 else year.year + 1, month, day)


def _position(t: Any) -> str | None:
    current = [e for e in t.employments if e.end_date is None]
    return current[-1].position_code if current else None


def _belongs(t: Any, who: set[str]) -> bool:
    if not who:  # class teachers: every teacher may be one — a handful, by the generator below
        return _position(t) == "teacher"
    positions = {w[1:] for w in who if w.startswith("@")}
    if positions:
        return _position(t) in positions
    return _position(t) == "teacher" and bool({s.subject_code for s in t.subjects} & who)


async def _add_year(
    session: AsyncSession,
    rng: random.Random,
    key: str,
    municipality_id: uuid.UUID,
    title: str,
    subject: str | None,
    problem: str | None,
    people: Sequence[Any],
    year: Period,
    today: date,
    organization_id: uuid.UUID | None = None,
) -> Association:
    leader = max(people, key=lambda t: (today - (t.teaching_since or today)).days) if people else None
    a = Association(
        id=_id(key, year.year),
        municipality_id=municipality_id,
        level="school" if organization_id else "city",
        organization_id=organization_id,
        title=title,
        subject_code=subject,
        problem=problem,
        leader_teacher_id=leader.id if leader else None,
        academic_year=year.year,
    )
    session.add(a)
    for t in people:
        session.add(
            AssociationMember(
                id=_id(key, year.year, t.id),
                municipality_id=municipality_id,
                association_id=a.id,
                teacher_id=t.id,
                joined_on=year.start,
            )
        )
    await session.flush()  # the association first: its children reference it
    if not people:
        return a
    meetings: list[tuple[AssociationMeeting, list[Any]]] = []
    skipped = rng.randrange(len(PLAN) + 2)  # now and then one planned meeting was not held
    for i, (month_day, topic, form) in enumerate(PLAN):
        planned = _day(year, month_day)
        plan = AssociationMeetingPlan(
            id=_id(key, year.year, "plan", i),
            municipality_id=municipality_id,
            association_id=a.id,
            planned_date=planned,
            topic=topic.format(year=year.code),
            form=form,
        )
        session.add(plan)
        held_on = planned + timedelta(days=rng.choice([0, 0, 0, 2, 7]))
        if held_on >= today or i == skipped:
            continue
        meeting = AssociationMeeting(
            id=_id(key, year.year, "meeting", i),
            municipality_id=municipality_id,
            association_id=a.id,
            plan_id=plan.id,
            held_on=held_on,
            topic=plan.topic,
            form=form,
            minutes=MINUTES,
            decisions=rng.choice(DECISIONS),
        )
        meetings.append((meeting, [t for t in people if t is leader or rng.random() < 0.8]))
    await session.flush()  # the plan lines before the meetings that name them
    for meeting, _ in meetings:
        session.add(meeting)
    await session.flush()
    for meeting, came in meetings:
        for t in came:
            session.add(
                AssociationMeetingAttendance(municipality_id=municipality_id, meeting_id=meeting.id, teacher_id=t.id)
            )
    return a


async def seed(
    session: AsyncSession,
    teachers_by_org: Mapping[str, Sequence[Any]],
    orgs: Mapping[str, Any],
    today: date,
    kostroma_teacher: Any,
) -> dict[str, uuid.UUID]:
    """Zeya's city associations and a Kostroma ШМО; returns the ids the demo leader accounts lead
    (`zeya_gmo`, `kostroma_shmo`)."""
    rng = random.Random(20200817)  # noqa: S311 - deterministic demo data, not security
    year = Period.current("academic_year", today)
    zeya = [t for key in ("z1", "z4", "z5") for t in teachers_by_org.get(key, [])]
    out: dict[str, uuid.UUID] = {}
    if zeya:
        muni = zeya[0].municipality_id
        for n, (title, subject, problem, who) in enumerate(ZEYA_GMO):
            people = [t for t in zeya if _belongs(t, who)]
            if not who:  # class teachers: a few from each school
                people = [t for i, t in enumerate(people) if i % 5 == 0]
            people = people[:10]
            a = await _add_year(session, rng, f"zeya:{n}", muni, title, subject, problem, people, year, today)
            if title == ZEYA_LEADER_GMO:
                out["zeya_gmo"] = a.id
            if title in (ZEYA_LEADER_GMO, "ГМО учителей начальных классов"):  # and last year's, for the year filter
                await _add_year(
                    session, rng, f"zeya:{n}", muni, title, subject, problem, people, year.previous(), today
                )
    school = teachers_by_org.get("s22", [])
    if school and "s22" in orgs:
        subjects = {s.subject_code for s in kostroma_teacher.subjects}
        colleagues = [
            t
            for t in school
            if t is not kostroma_teacher
            and _position(t) == "teacher"
            and {s.subject_code for s in t.subjects} & subjects
        ]
        people = [kostroma_teacher, *colleagues]  # the demo teacher account is a member
        title, subject, problem = "ШМО учителей-предметников", None, "Преемственность и функциональная грамотность"
        names = {"primary": "начальных классов", "russian": "русского языка и литературы", "mathematics": "математики"}
        for code, name in names.items():
            if code in subjects:
                title, subject, problem = f"ШМО учителей {name}", code, None
                break
        a = await _add_year(
            session,
            rng,
            "kostroma:s22",
            orgs["s22"].municipality_id,
            title,
            subject,
            problem,
            people[:8],
            year,
            today,
            organization_id=orgs["s22"].id,
        )
        out["kostroma_shmo"] = a.id
    await session.flush()
    return out
