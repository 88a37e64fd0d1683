"""Demo help requests (адресная методическая помощь, Kostroma regulation: консультационная деятельность, помощь
организациям с низкими результатами, K-4.1.2 «получивших помощь в полном объёме»): a dozen requests in every state
for the demo municipalities — the demo teacher's request closed «в полном объёме» (still reopenable) and one in
work, a school's own request, an overdue one, closed partly and not at all, an archived duplicate — with their
consultations and the notifications the demo accounts would have received."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.workdays import overdue_cutoff
from app.help_requests.models import HelpConsultation, HelpRequest
from app.help_requests.service import link_of
from app.notifications.service import notify


@dataclass(frozen=True)
class DemoPeople:
    """The demo accounts the requests name (ids of users made by app.demo.seed)."""

    methodologist: uuid.UUID  # Kostroma
    school_admin: uuid.UUID  # Kostroma, СОШ № 22
    teacher: uuid.UUID  # Kostroma, the demo teacher's account
    other_methodologist: uuid.UUID | None = None  # Kislovodsk


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


async def seed(
    session: AsyncSession,
    *,
    today: date,
    org_ids: Mapping[str, uuid.UUID],
    teachers_by_school: Mapping[str, Sequence[Any]],
    demo_teacher: Any,
    people: DemoPeople,
) -> int:
    """The requests (dated back from `today`), their consultations and the unread notifications; returns how many
    requests."""
    kostroma = demo_teacher.municipality_id
    s22 = teachers_by_school["s22"]
    s29, s37, g28, l41 = (teachers_by_school[k] for k in ("s29", "s37", "g28", "l41"))
    overdue_day = overdue_cutoff(today, 3) - timedelta(days=2)
    requests: list[tuple[HelpRequest, list[tuple[int, str, str]]]] = []

    def add(
        key: str,
        teacher: Any | None,
        school: str,
        topic: str,
        text: str,
        form: str,
        opened_days_ago: int,
        *,
        opened_on: date | None = None,
        by: uuid.UUID | None = None,
        state: str = "new",
        assignee: uuid.UUID | None = None,
        resolution: str | None = None,
        comment: str | None = None,
        closed_days_ago: int | None = None,
        consultations: Sequence[tuple[int, str, str]] = (),
        archived: str | None = None,
    ) -> HelpRequest:
        opened = opened_on or today - timedelta(days=opened_days_ago)
        r = HelpRequest(
            id=uuid.uuid5(uuid.NAMESPACE_URL, f"mms-demo:help:{key}"),
            municipality_id=teacher.municipality_id if teacher is not None else muni_of[school],
            organization_id=org_ids[school],
            teacher_id=teacher.id if teacher is not None else None,
            requested_by_id=by,
            topic_code=topic,
            description=text,
            desired_form=form,
            opened_on=opened,
            state=state,
            assignee_id=assignee,
            taken_at=_at(opened + timedelta(days=1)) if assignee else None,
            resolution=resolution,
            resolution_comment=comment,
            closed_at=_at(today - timedelta(days=closed_days_ago), 15) if closed_days_ago is not None else None,
            reopen_count=0,
            archived_at=_at(opened, 16) if archived else None,
            archive_reason=archived,
        )
        requests.append((r, list(consultations)))
        return r

    muni_of = {k: kostroma for k in ("s22", "s29", "s37", "g28", "l41")}
    for key in ("z1", "k1", "k7"):
        if teachers_by_school.get(key):
            muni_of[key] = teachers_by_school[key][0].municipality_id
    m = people.methodologist

    closed_full = add(
        "teacher-full",
        demo_teacher,
        "s22",
        "functional_literacy",
        "Прошу помочь включить задания на читательскую грамотность в уроки русского языка в 6 классе: как подобрать "
        "тексты и оценивать ответы.",
        "consultation",
        24,
        by=people.teacher,
        state="closed",
        assignee=m,
        resolution="full",
        comment="Подобраны тексты и задания по модели PISA, разработаны критерии оценивания; педагог провёл два "
        "урока с их использованием, вопросов не осталось.",
        closed_days_ago=10,
        consultations=[
            (20, "consultation", "Разобрали типы заданий на читательскую грамотность, даны образцы из банка ФИПИ."),
            (14, "materials", "Направлены методические рекомендации и критерии оценивания развёрнутых ответов."),
        ],
    )
    add(
        "teacher-digital",
        demo_teacher,
        "s22",
        "digital",
        "Нужна консультация по работе с ФГИС «Моя школа»: как собрать урок с интерактивными заданиями.",
        "consultation",
        6,
        by=people.teacher,
        state="in_progress",
        assignee=m,
        consultations=[
            (
                3,
                "online",
                "Показаны конструктор урока и библиотека цифрового контента; договорились о "
                "второй встрече после пробного урока.",
            )
        ],
    )
    add(
        "s22-school",
        None,
        "s22",
        "assessment",
        "Школа с низкими образовательными результатами: просим помочь проанализировать результаты ВПР по математике "
        "и составить план работы с учителями (Положение о ММС, 2.3).",
        "visit",
        1,
        by=people.school_admin,
    )
    add(
        "s22-new",
        s22[3],
        "s22",
        "upbringing",
        "Молодой классный руководитель 5 класса: как выстроить работу с родителями и провести первое родительское "
        "собрание.",
        "consultation",
        0,
        by=people.school_admin,
    )
    add(
        "s29-overdue",
        s29[2],
        "s29",
        "inclusive",
        "В классе двое обучающихся с ОВЗ (ЗПР): нужна помощь в адаптации рабочей программы и заданий.",
        "consultation",
        0,
        opened_on=overdue_day,
    )
    add(
        "s22-partial",
        s22[5],
        "s22",
        "fgos",
        "Вопросы по переходу на ФОП ООО: рабочая программа по истории, тематическое планирование.",
        "materials",
        60,
        by=people.school_admin,
        state="closed",
        assignee=m,
        resolution="partial",
        comment="Рабочая программа приведена в соответствие с ФОП; тематическое планирование 8 класса педагог "
        "дорабатывает самостоятельно, рекомендован семинар ГМО.",
        closed_days_ago=35,
        consultations=[(50, "group", "Групповая консультация для учителей истории СОШ № 22 и № 29 по ФОП ООО.")],
    )
    add(
        "s37-none",
        s37[1],
        "s37",
        "gifted",
        "Как подготовить обучающихся к муниципальному этапу олимпиады по физике при одном уроке в неделю?",
        "consultation",
        45,
        state="closed",
        assignee=m,
        resolution="none",
        comment="Педагог на больничном, консультация не состоялась; рекомендовано обратиться повторно.",
        closed_days_ago=20,
    )
    add(
        "g28-work",
        g28[0],
        "g28",
        "methodical",
        "Подготовка открытого урока для Педагогического дебюта: помочь с технологической картой урока.",
        "visit",
        9,
        state="in_progress",
        assignee=m,
        consultations=[(5, "visit", "Посещён пробный урок, даны рекомендации по этапу рефлексии.")],
    )
    add(
        "l41-full",
        l41[2],
        "l41",
        "psychological",
        "Конфликтная ситуация в 8 классе: как провести классный час и выстроить работу с классом.",
        "consultation",
        90,
        state="closed",
        assignee=m,
        resolution="full",
        comment="Проведена консультация с педагогом-психологом ГЦОКО, классный час проведён, ситуация разрешена.",
        closed_days_ago=80,
        consultations=[(86, "consultation", "Совместная консультация с педагогом-психологом.")],
    )
    add(
        "s29-duplicate",
        s29[2],
        "s29",
        "inclusive",
        "Адаптация программы для обучающихся с ОВЗ (повторная отправка).",
        "consultation",
        0,
        opened_on=overdue_day,
        archived="Дубликат обращения, отправлено дважды",
    )
    for key, school, topic, text, taken in (
        (
            "k1-new",
            "k1",
            "methodical",
            "Помогите составить индивидуальный образовательный маршрут по итогам "
            "диагностики профессиональных дефицитов.",
            False,
        ),
        (
            "k7-work",
            "k7",
            "communicative",
            "Как организовать работу с родителями обучающихся, не посещающих занятия.",
            True,
        ),
        ("z1-new", "z1", "subject", "Подготовка к ОГЭ по географии: нужны материалы по заданиям с картами.", False),
    ):
        if not teachers_by_school.get(school):
            continue
        is_k = school.startswith("k") and people.other_methodologist is not None
        add(
            key,
            teachers_by_school[school][0],
            school,
            topic,
            text,
            "consultation",
            0 if taken else 12,
            opened_on=overdue_day if not taken and school == "k1" else None,
            state="in_progress" if taken and is_k else "new",
            assignee=people.other_methodologist if taken and is_k else None,
        )

    for r, _ in requests:
        session.add(r)
    await session.flush()
    for r, items in requests:
        for days_ago, form, notes in items:
            consultant = "Лебедева Ирина Николаевна" if r.municipality_id == kostroma else "Волкова Татьяна Ивановна"
            session.add(
                HelpConsultation(
                    municipality_id=r.municipality_id,
                    request_id=r.id,
                    held_on=max(r.opened_on, today - timedelta(days=days_ago)),
                    form=form,
                    consultant_id=r.assignee_id,
                    consultant_name=consultant,
                    notes=notes,
                )
            )
    await session.flush()

    # what the demo accounts find in their bell
    await notify(
        session,
        [people.teacher],
        municipality_id=kostroma,
        kind="help_request_closed",
        title="Обращение закрыто: решено в полном объёме",
        body=closed_full.resolution_comment,
        link=link_of(closed_full.id),
    )
    for r, _ in requests:
        if r.municipality_id == kostroma and r.state == "new" and r.archived_at is None:
            await notify(
                session,
                [m],
                municipality_id=kostroma,
                kind="help_request_new",
                title="Новое обращение за методической помощью",
                body=r.description[:200],
                link=link_of(r.id),
            )
    return len(requests)
