"""Demo practice bank (called by app/demo/seed.py): the six practices of organising methodological work that
Kostroma's schools presented at the standing seminar of 2021/2022 (order 517-рз/IV: «обеспечить тиражирование лучших
практик…»), linked to their speakers' participations. Four are published after an expert review by the municipal
criteria, one is under review, one is submitted; a teacher of School No. 22 keeps a draft and another practice came
back for revision — so every state of the workflow shows."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.practices.models import (
    Practice,
    PracticeAuthor,
    PracticeCriterion,
    PracticeMaterial,
    PracticePresentation,
    PracticeReview,
)
from app.practices.service import DEFAULT_CRITERIA

NS = uuid.UUID("6b1f0c52-2f7e-4a43-9c1d-5e8a7b3f2d10")
PRACTICES_PAGE = (
    "http://www.eduportal44.ru/Kostroma_EDU/gcoko/DocLib51/%D0%94%D0%BE%D0%BC%D0%B0%D1%88%D0%BD%D1%8F%D1%8F.aspx"
)
# session → (kind, competence areas, keywords)
SHAPE = {
    1: ("technique", ["digital", "methodical", "management"], "виртуальный методический кабинет, ШМО онлайн, ЦОР"),
    2: ("technique", ["methodical", "communicative", "management"], "педсовет, мировое кафе, мотивация педагогов"),
    3: ("programme", ["digital", "methodical"], "цифровые компетенции, методическое сопровождение"),
    4: ("case", ["methodical", "management"], "внутрифирменное обучение, тьютор, консалтинг, персонализация"),
    5: ("technique", ["methodical"], "самообразование, профессиональный рост"),
    6: ("programme", ["management", "methodical"], "программа развития, ООП, кадровые риски"),
}
SCORES = [
    {"relevance": 3, "novelty": 2, "significance": 3, "replicability": 3, "design": 2},
    {"relevance": 3, "novelty": 3, "significance": 3, "replicability": 2, "design": 3},
    {"relevance": 2, "novelty": 2, "significance": 3, "replicability": 2, "design": 2},
    {"relevance": 3, "novelty": 2, "significance": 2, "replicability": 3, "design": 3},
]
COMMENTS = [
    "Практика актуальна, хорошо описана; рекомендуется к тиражированию в школах города.",
    "Оригинальная форма работы с педагогическим коллективом, материалы готовы к использованию.",
    "Полезный опыт; стоит дополнить описанием результатов мониторинга.",
    "Практика проверена в работе лицея, описание понятное и полное.",
]


def _id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NS, ":".join(str(p) for p in parts))


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)


def _criteria(m: uuid.UUID) -> list[PracticeCriterion]:
    return [
        PracticeCriterion(
            id=_id("criterion", m, code), municipality_id=m, code=code, name=name, max_score=top, sort_order=i * 10
        )
        for i, (code, name, top) in enumerate(DEFAULT_CRITERIA, start=1)
    ]


async def seed(
    session: AsyncSession,
    *,
    municipality_id: uuid.UUID,
    orgs: Mapping[str, Any],
    teachers_by_org: Mapping[str, Sequence[Any]],
    speakers: Sequence[tuple[int, date, str, str, str, list[tuple[Any, uuid.UUID]]]],
    experts: Sequence[tuple[uuid.UUID, str]],
    draft_author: Any,
    today: date,
) -> int:
    """Kostroma's practice bank; `experts` are (user id, name) of people with the expert permission and no school
    (the methodologist, the city association leader). Returns how many practices."""
    m = municipality_id
    crit = _criteria(m)
    session.add_all(crit)
    snapshot = [{"code": c.code, "name": c.name, "max_score": c.max_score} for c in crit]
    out: list[Practice] = []
    reviews: list[PracticeReview] = []
    for n, day, topic, content, school, people in speakers:
        kind, areas, keywords = SHAPE[n]
        state = "published" if n <= 4 else ("under_review" if n == 5 else "submitted")
        submitted = day + timedelta(days=10)
        p = Practice(
            id=_id("practice", "kostroma-pds", n),
            municipality_id=m,
            organization_id=orgs[school].id,
            title=topic,
            kind=kind,
            level="municipal",
            description=content.replace("  ", " ")
            + "\n\nПрактика представлена управленческой командой школы на постоянно действующем семинаре "
            "«Актуальные практики организации методической работы в общеобразовательной организации» "
            f"({day:%d.%m.%Y}).",
            keywords=keywords,
            competence_areas=areas,
            subjects=[],
            status=state,
            review_round=1 if state in ("published", "under_review") else 0,
            submitted_at=_at(submitted),
            published_at=_at(submitted + timedelta(days=21)) if state == "published" else None,
        )
        p.authors = [
            PracticeAuthor(municipality_id=m, teacher_id=t.id, sort_order=i) for i, (t, _) in enumerate(people[:2])
        ]
        p.presentations = [
            PracticePresentation(municipality_id=m, participation_id=pid, sort_order=i)
            for i, (_, pid) in enumerate(people[:2])
        ]
        p.materials = [
            PracticeMaterial(
                municipality_id=m,
                title="Лучшие практики организации методической работы (сайт МБУ ГЦОКО)",
                url=PRACTICES_PAGE,
                sort_order=0,
            )
        ]
        out.append(p)
        if state in ("published", "under_review"):
            for k, (uid, name) in enumerate(experts):
                done = state == "published"
                scores = SCORES[(n + k) % len(SCORES)] if done else {}
                reviews.append(
                    PracticeReview(
                        id=_id("review", p.id, uid),
                        municipality_id=m,
                        practice_id=p.id,
                        round=1,
                        reviewer_id=uid,
                        reviewer_name=name,
                        status="done" if done else "assigned",
                        scores=scores,
                        criteria=snapshot if done else [],
                        total=sum(scores.values()) if done else None,
                        max_total=15 if done else None,
                        recommendation="publish" if done else None,
                        comment=COMMENTS[(n + k) % len(COMMENTS)] if done else None,
                        reviewed_at=_at(submitted + timedelta(days=14 + k)) if done else None,
                    )
                )
    # this year: a teacher's draft and a practice returned for revision
    out.append(
        Practice(
            id=_id("practice", "draft-s22"),
            municipality_id=m,
            organization_id=orgs["s22"].id,
            title="Проектная деятельность на уроках математики в 5–6 классах",
            kind="lesson_plan",
            level="school",
            description="Серия уроков, на которых ученики в группах выполняют мини-проекты по итогам темы: "
            "расчёт бюджета класса, план ремонта кабинета, статистика школьной столовой.",
            keywords="проект, групповая работа, функциональная грамотность",
            competence_areas=["methodical", "functional_literacy"],
            subjects=["mathematics"],
            status="draft",
            authors=[PracticeAuthor(municipality_id=m, teacher_id=draft_author.id, sort_order=0)],
        )
    )
    out.append(
        Practice(
            id=_id("practice", "returned-s37"),
            municipality_id=m,
            organization_id=orgs["s37"].id,
            title="Наставничество «учитель — учитель» в адаптации молодых педагогов",
            kind="case",
            level="school",
            description="Опыт школы по сопровождению молодых специалистов в первый год работы.",
            competence_areas=["psychological", "communicative"],
            status="returned",
            submitted_at=_at(today - timedelta(days=20)),
            return_comment="Опишите результаты: сколько молодых педагогов остались в школе, что показал мониторинг "
            "адаптации. Приложите план работы наставника.",
            authors=[
                PracticeAuthor(municipality_id=m, teacher_id=t.id, sort_order=i)
                for i, t in enumerate(teachers_by_org["s37"][3:5])
            ],
        )
    )
    session.add_all(out)
    await session.flush()
    session.add_all(reviews)
    await session.flush()
    return len(out)
