"""Demo events (called by app/demo/seed.py): Kostroma's standing seminar of 2021/2022 with its six sessions exactly as
order 517-рз/IV of 30.05.2022 lists them (date, topic, content, responsible school team), synthetic participation
of the demo teachers and the letters of thanks to the six heads of schools; Zeya's professional contests and city
associations' seminars from its programme (order 265-од of 17.08.2020); and a few events around today so the
calendar's current month is not empty."""

from __future__ import annotations

import io
import random
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

from docx import Document
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.exports import MEDIA_TYPES
from app.events.models import Award, Event, EventMaterial, EventResponsible, EventSeries, Participation
from app.files import service as files

NS = uuid.UUID("0d3f7b8e-5a41-4c5b-9f1e-7e2a3c9b1d52")

KOSTROMA_SERIES = {
    "title": "Актуальные практики организации методической работы в общеобразовательной организации",
    "academic_year": 2021,
    "goal": "Повышение профессионального уровня управленческих команд общеобразовательных организаций по вопросам "
    "организации методической деятельности",
    "tasks": "- познакомить с успешными практиками организации методической работы в общеобразовательной "
    "организации;\n- повысить профессиональные компетенции педагогических кадров;\n- создать условия для "
    "распространения и внедрения эффективных форм и методов организации методической работы в общеобразовательных "
    "организациях.",
    "audience_note": "Заместители директоров ОО, курирующие методическую работу в школе, методисты, руководители "
    "школьных методических объединений, педагоги-наставники",
    "order_number": "178-рз/IV",
    "order_date": date(2022, 2, 15),
    # the analytical report's «формы работы» and «Выводы» (appendix 1 of order 517-рз/IV)
    "forms_of_work": "- вебинары теоретической и методической направленности;\n- обмен мнениями с помощью интернет "
    "чата;\n- методические рекомендации в процессе подготовки вебинаров.",
    "conclusions": "1. Продолжить работу постоянно действующего семинара «Актуальные практики организации методической "
    "работы в общеобразовательной организации» в 2022-2023 учебном году.\n"
    "2. Поощрить благодарственными письмами Комитета образования, культуры, спорта и работы с молодежью "
    "руководителей общеобразовательных организаций, представивших практики организации методической работы в "
    "2021-2022 учебном году.\n"
    "3. В период с 25 по 30 августа 2022 года организовать опрос среди педагогов общеобразовательных учреждений с "
    "целью определения тем для обсуждения в рамках постоянно действующего семинара в следующем учебном году.\n"
    "4. Обеспечить тиражирование лучших практик организации деятельности школьных методических служб в "
    "общеобразовательных организациях города Костромы.",
}
GCOKO_RESPONSIBLE = ("О.Б. Бучина", "заместитель заведующего МБУ ГЦОКО")
PRACTICES_PAGE = (
    "http://www.eduportal44.ru/Kostroma_EDU/gcoko/DocLib51/%D0%94%D0%BE%D0%BC%D0%B0%D1%88%D0%BD%D1%8F%D1%8F.aspx"
)
# (date, topic, content, responsible school, its team as the order writes it) — the order's table, verbatim.
KOSTROMA_SESSIONS = [
    (
        date(2022, 3, 3),
        "Организация методической работы в школе с использованием цифровых образовательных ресурсов",
        "Нормативно-правовое регулирование деятельности ШМС;\n"
        "организация работы виртуального методического кабинета; организация онлайн – деятельности школьных "
        "методических объединений учителей - предметников",
        "s29",
        "Управленческая команда школы № 29",
    ),
    (
        date(2022, 3, 17),
        "Современные формы проведения педсовета: методика проведения",
        "Планирование  и алгоритм  подготовки педагогического совета, формы  и правила проведения. Технология "
        "«Мировое кафе» для проведения  педсовета. Данная технология  позволяет повысить мотивацию педагогов к "
        "активному обсуждению выявленных проблем в организации образовательной деятельности и \n"
        "совместному поиску путей решения.",
        "s37",
        "Управленческая команда школы № 37",
    ),
    (
        date(2022, 3, 31),
        "Организация методического сопровождения развития цифровых компетенций педагогов в образовательной организации",
        "Цифровые компетенции современного учителя Использование цифровых технологий в работе учителя 3. "
        "Методическое сопровождение развития цифровых компетенций педагогов в СОШ 22 города Костромы",
        "s22",
        "Управленческая команда школы № 22",
    ),
    (
        date(2022, 4, 7),
        "Внутрифирменная организация повышения профессиональных компетенций педагогов",
        "Система внутрифирменной организации повышения профессиональных компетенций педагогов.\n"
        " Повышение профессиональных компетенций учителей через освоение и внедрение персонализированной модели "
        "образования на школьной цифровой платформе. Самообразование как условие профессионального роста педагога.  "
        "\nПроект «Образовательный консалтинг как модель тьюторского сопровождения индивидуальной профессиональной "
        "карьеры учителя.",
        "l41",
        "Управленческая команда Лицея  № 41",
    ),
    (
        date(2022, 4, 14),
        "Самообразование педагогов – как одна из форм повышения профессионального мастерства педагогов",
        "Самообразование. Задачи, принципы и направления деятельности (теоретические аспекты самообразования в "
        "гимназии).\nФормы и результаты самообразования педагогов Гимназии № 28 города Костромы (представление "
        "практического опыта).",
        "g28",
        "Управленческая команда Гимназии № 28",
    ),
    (
        date(2022, 4, 22),
        "Эффективная методическая работа как фактор успешной реализации Программы развития гимназии и Основных "
        "образовательных программ",
        "Нормативная база методической работы гимназии, как условие эффективной деятельности.\n"
        "Деятельность методической службы гимназии по формированию современной образовательной среды.\n"
        "Модель гимназии по преодолению рисков образовательной организации, связанных с обеспеченностью "
        "педагогическими кадрами. \nМодели работы гимназии с разными категориями учащихся",
        "g33",
        "Управленческая команда Гимназии № 33",
    ),
]
# Item 3 of the order: letters of thanks of the Committee to the heads of the six schools.
KOSTROMA_HEADS = [
    ("s29", "Смирнова А.Ю., директор"),
    ("s37", "Поляков А.В., директор"),
    ("s22", "Смирнова Н.А., директор"),
    ("l41", "Чистова М.В., директор"),
    ("g28", "Волкова С.И., директор"),
    ("g33", "Полигошко Е.А., директор"),
]
KOSTROMA_COMMITTEE = "Комитет образования, культуры, спорта и работы с молодежью Администрации города Костромы"

LYSENKO = ("Лысенко С.Н.", "главный специалист ООА")
BELOGLAZOVA = ("Белоглазова А.С.", "старший методист МКУ «ЦОМОО г.Зей»")
# Zeya's roadmap, section 3: the professional contests (item, title, year, responsible).
ZEYA_CONTESTS = [
    ("3.9", "Муниципальный этап конкурса «Учитель года Амурской области»", date(2022, 2, 8), LYSENKO),
    ("3.10", "Муниципальный этап конкурса «За нравственный подвиг учителя»", date(2021, 11, 15), BELOGLAZOVA),
    ("3.11", "Муниципальный этап конкурса «Сердце отдаю детям»", date(2021, 10, 20), BELOGLAZOVA),
    ("3.12", "Муниципальный конкурс «Современный урок: работаем по ФГОС»", date(2021, 12, 6), LYSENKO),
    ("3.13", "Муниципальный конкурс «Лучший педагог года» на грант главы", date(2022, 5, 16), LYSENKO),
    ("4.3", "Муниципальный конкурс «Педагогический дебют»", date(2021, 4, 12), LYSENKO),
]
# City methodological associations (ГМО) by subject, and the regular seminars of roadmap items 3.15–3.20.
ZEYA_GMO_SEMINARS = [
    ("ГМО учителей математики", ["mathematics"], "Подготовка обучающихся к ГИА по математике: анализ типичных ошибок"),
    (
        "ГМО учителей русского языка и литературы",
        ["russian", "literature"],
        "Функциональная грамотность на уроках русского языка: читательская грамотность",
    ),
    ("ГМО учителей начальных классов", ["primary"], "Формирующее оценивание в начальной школе"),
    ("ГМО учителей информатики и физики", ["computer_science", "physics"], "Цифровая образовательная среда на уроке"),
    (
        "ГМО учителей истории и обществознания",
        ["history", "social_studies"],
        "Изучение ВПР: результаты и рекомендации по устранению пробелов",
    ),
]


def _id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NS, ":".join(str(p) for p in parts))


def _people(*pairs: tuple[str, str]) -> list[EventResponsible]:
    return [
        EventResponsible(kind="person", name=n, note=note or None, sort_order=i) for i, (n, note) in enumerate(pairs)
    ]


def _with_tenant(event: Event, municipality_id: uuid.UUID) -> Event:
    for child in (*event.responsibles, *event.materials):
        child.municipality_id = municipality_id
    return event


class _Participants:
    """Adds participation rows once per (event, teacher, role)."""

    def __init__(self, session: AsyncSession, rng: random.Random) -> None:
        self.session = session
        self.rng = rng
        self.seen: set[tuple[uuid.UUID, uuid.UUID, str]] = set()

    def add(self, event: Event, teacher: Any, org_id: uuid.UUID, role: str, **fields: Any) -> None:
        key = (event.id, teacher.id, role)
        if key in self.seen:
            return
        self.seen.add(key)
        if "attendance" not in fields:
            fields["attendance"] = (
                "registered"
                if event.start_date > date.today()
                else ("attended" if self.rng.random() < 0.9 else "absent")
            )
        self.session.add(
            Participation(
                id=_id("participation", event.id, teacher.id, role),
                municipality_id=event.municipality_id,
                event_id=event.id,
                teacher_id=teacher.id,
                organization_id=org_id,
                role=role,
                **fields,
            )
        )


def kostroma_pds_speakers(
    teachers_by_org: Mapping[str, Sequence[Any]],
) -> list[tuple[int, date, str, str, str, list[tuple[Any, uuid.UUID]]]]:
    """The practices presented at Kostroma's standing seminar (for the practice bank's demo): per session its
    number, date, topic, content, the responsible school and its speakers with their participation ids."""
    out = []
    for n, (day, topic, content, school, _team) in enumerate(KOSTROMA_SESSIONS, start=1):
        event_id = _id("event", "kostroma-pds", n)
        speakers = [(t, _id("participation", event_id, t.id, "speaker")) for t in teachers_by_org[school][:3]]
        out.append((n, day, topic, content, school, speakers))
    return out


def _young_on(teacher: Any, on: date) -> bool:
    born, since = teacher.birth_date, teacher.teaching_since
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day)) if born else 99
    exp = on.year - since.year - ((on.month, on.day) < (since.month, since.day)) if since else 99
    return (age < 35 or exp < 3) and (since is None or since <= on)


def _programme_docx(n: int, day: date, topic: str, content: str, team: str) -> bytes:
    """The programme of a seminar session as the methodological centre sends it out (a one-page DOCX)."""
    doc = Document()
    doc.add_heading(f"Программа сессии № {n} постоянно действующего семинара", level=1)
    doc.add_paragraph(f"Дата проведения: {day.strftime('%d.%m.%Y')}, 15.00–16.30, онлайн")
    doc.add_paragraph(f"Тема: {topic}")
    doc.add_paragraph(f"Представляет: {team}")
    for line in content.split(";"):
        if line.strip():
            doc.add_paragraph(line.strip(), style="List Bullet")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


async def seed_events(
    session: AsyncSession,
    *,
    munis: Mapping[str, Any],
    orgs: Mapping[str, Any],
    teachers_by_org: Mapping[str, Sequence[Any]],
) -> None:
    rng = random.Random(20220530)  # noqa: S311 - deterministic demo data
    today = date.today()
    people = _Participants(session, rng)
    await _kostroma(session, munis["kostroma"].id, orgs, teachers_by_org, people, today)
    await _zeya(session, munis["zeya"].id, orgs, teachers_by_org, people, today, rng)
    await session.flush()


async def _kostroma(
    session: AsyncSession,
    m: uuid.UUID,
    orgs: Mapping[str, Any],
    teachers_by_org: Mapping[str, Sequence[Any]],
    people: _Participants,
    today: date,
) -> None:
    schools = ["s22", "s29", "s37", "g28", "g33", "l41"]
    series = EventSeries(
        id=_id("series", "kostroma-pds-2021"),
        municipality_id=m,
        organizer_organization_id=orgs["gcoko"].id,
        **KOSTROMA_SERIES,
    )
    session.add(series)
    await session.flush()
    sessions: list[Event] = []
    for n, (day, topic, content, school, team) in enumerate(KOSTROMA_SESSIONS, start=1):
        event = Event(
            id=_id("event", "kostroma-pds", n),
            municipality_id=m,
            series_id=series.id,
            session_number=n,
            type="pds_session",
            level="municipal",
            format="online",
            status="held",
            title=topic,
            content=content,
            start_date=day,
            start_time=time(15, 0),
            end_time=time(16, 30),
            place="Вебинар на платформе МБУ ГЦОКО",
            organizer_organization_id=orgs["gcoko"].id,
            audience_positions=["deputy_director_uvr", "deputy_director_umr", "methodologist"],
            audience_note=KOSTROMA_SERIES["audience_note"],
        )
        event.responsibles = [
            *_people(GCOKO_RESPONSIBLE),
            EventResponsible(kind="organization", organization_id=orgs[school].id, name="", note=team, sort_order=1),
        ]
        programme = await files.store_file(
            session,
            None,
            municipality_id=m,
            organization_id=orgs["gcoko"].id,
            name=f"Программа сессии № {n}.docx",
            content=_programme_docx(n, day, topic, content, team),
            content_type=MEDIA_TYPES["docx"],
        )
        event.materials = [
            EventMaterial(
                title="Страница «Лучшие практики организации методической работы в общеобразовательных "
                "организациях города Костромы» сайта МБУ ГЦОКО",
                url=PRACTICES_PAGE,
                sort_order=0,
            ),
            EventMaterial(title=f"Программа сессии № {n}", file_id=programme.id, sort_order=1),
        ]
        session.add(_with_tenant(event, m))
        sessions.append(event)
    await session.flush()
    for event, (_, _, _, school, _) in zip(sessions, KOSTROMA_SESSIONS, strict=True):
        team = teachers_by_org[school]
        # the school's team presents its practice: the deputy head and two teachers
        for i, teacher in enumerate(team[:3]):
            people.add(
                event,
                teacher,
                orgs[school].id,
                "speaker",
                hours=Decimal("1.5"),
                presentation_title=event.title,
                intends_to_apply=i > 0,
                attendance="attended",
            )
        # the listeners: deputies heads of every school and some methodical leaders
        for other in schools:
            if other == school:
                continue
            staff = teachers_by_org[other]
            for teacher in [staff[0], *people.rng.sample(list(staff[1:]), 3)]:
                people.add(event, teacher, orgs[other].id, "listener", hours=Decimal("1.5"))
    for key, recipient in KOSTROMA_HEADS:
        session.add(
            Award(
                id=_id("award", "kostroma-517", key),
                municipality_id=m,
                kind="letter_of_thanks",
                organization_id=orgs[key].id,
                recipient_name=recipient,
                series_id=series.id,
                awarded_on=date(2022, 5, 30),
                issuer=KOSTROMA_COMMITTEE,
                order_number="517-рз/IV",
                order_date=date(2022, 5, 30),
                text="За представление практик организации методической работы в 2021-2022 учебном году в рамках "
                "постоянно действующего семинара «Актуальные практики организации методической работы в "
                "общеобразовательной организации»",
            )
        )
    # a regional conference School No. 22 recorded for its teachers, and the current month's municipal events
    conference = Event(
        id=_id("event", "kostroma-koiro-2022"),
        municipality_id=m,
        owner_organization_id=orgs["s22"].id,
        type="conference",
        level="regional",
        format="offline",
        status="held",
        title="Региональная научно-практическая конференция «Наставничество в образовательной организации»",
        start_date=date(2022, 11, 24),
        organizer_name="ОГБОУ ДПО «Костромской областной институт развития образования»",
        place="г. Кострома",
        audience_young=True,
    )
    upcoming = Event(
        id=_id("event", "kostroma-upcoming"),
        municipality_id=m,
        type="seminar",
        level="municipal",
        format="mixed",
        status="planned",
        title="Школьная методическая служба: планирование работы с молодыми педагогами",
        start_date=today + timedelta(days=6),
        start_time=time(14, 30),
        end_time=time(16, 0),
        place="МБУ ГЦОКО, конференц-зал; трансляция на сайте",
        organizer_organization_id=orgs["gcoko"].id,
        audience_young=True,
    )
    recent = Event(
        id=_id("event", "kostroma-recent"),
        municipality_id=m,
        type="master_class",
        level="municipal",
        format="offline",
        status="held",
        title="Мастер-класс «Технология „Мировое кафе“ на педагогическом совете»",
        start_date=today - timedelta(days=12),
        start_time=time(15, 0),
        organizer_organization_id=orgs["s37"].id,
        place="СОШ № 37",
    )
    for event in (conference, upcoming, recent):
        event.responsibles, event.materials = [], []
        session.add(event)
    await session.flush()
    for teacher in teachers_by_org["s22"][:5]:
        people.add(conference, teacher, orgs["s22"].id, "listener", hours=Decimal("6"))
    people.add(conference, teachers_by_org["s22"][1], orgs["s22"].id, "speaker", intends_to_apply=True)
    for school in schools:
        for teacher in teachers_by_org[school][1:4]:
            people.add(upcoming, teacher, orgs[school].id, "listener")
            people.add(recent, teacher, orgs[school].id, "listener", hours=Decimal("2"))
    people.add(recent, teachers_by_org["s37"][0], orgs["s37"].id, "speaker", intends_to_apply=True)


async def _zeya(
    session: AsyncSession,
    m: uuid.UUID,
    orgs: Mapping[str, Any],
    teachers_by_org: Mapping[str, Sequence[Any]],
    people: _Participants,
    today: date,
    rng: random.Random,
) -> None:
    schools = ["z1", "z4", "z5"]
    staff = [(t, orgs[key].id) for key in schools for t in teachers_by_org[key]]
    contests: list[tuple[Event, bool]] = []
    current_year = today.year if today.month >= 9 else today.year - 1
    editions = [(item, title, day, who) for item, title, day, who in ZEYA_CONTESTS]
    # this academic year's municipal stage of «Учитель года» and «Педагогический дебют» (the contests are annual)
    editions.append(("3.9", ZEYA_CONTESTS[0][1], date(current_year, 11, 18), LYSENKO))
    editions.append(("4.3", ZEYA_CONTESTS[5][1], date(current_year + 1, 3, 12), LYSENKO))
    for item, title, day, responsible in editions:
        event = Event(
            id=_id("event", "zeya-contest", item, day),
            municipality_id=m,
            type="contest",
            level="municipal",
            format="offline",
            status="held" if day <= today else "planned",
            title=f"{title} — {day.year}",
            content=f"Дорожная карта программы поддержки школьных, муниципальных методических объединений, п. {item}",
            start_date=day,
            organizer_organization_id=orgs["ooa"].id,
            audience_young=item == "4.3",
        )
        event.responsibles = _people(responsible)
        event.materials = []
        session.add(_with_tenant(event, m))
        contests.append((event, item == "4.3"))
    await session.flush()
    for event, debut in contests:
        pool = [(t, o) for t, o in staff if _young_on(t, event.start_date)] if debut else staff
        if not pool:
            continue
        contestants = rng.sample(pool, min(len(pool), 6))
        held = event.start_date <= today
        for place, (teacher, org_id) in enumerate(contestants):
            result = ("winner" if place == 0 else "prize_winner" if place < 3 else "participant") if held else None
            people.add(event, teacher, org_id, "contestant", result=result, hours=Decimal("8") if held else None)
        jury = [x for x in staff if x not in contestants and not _young_on(x[0], event.start_date)][:40]
        for teacher, org_id in rng.sample(jury, min(len(jury), 3)):
            people.add(event, teacher, org_id, "jury")
    # city associations' seminars: last academic year's and this one's
    n = 0
    for year in (2021, current_year):
        for title, subjects, topic in ZEYA_GMO_SEMINARS:
            n += 1
            day = date(year, 10, 1) + timedelta(days=14 * n % 150)
            event = Event(
                id=_id("event", "zeya-gmo", year, title),
                municipality_id=m,
                type="seminar",
                level="municipal",
                format="offline",
                status="held" if day <= today else "planned",
                title=f"Семинар {title}: {topic}",
                start_date=day,
                start_time=time(14, 0),
                end_time=time(15, 30),
                place="МКУ «ЦОМОО г. Зеи»",
                organizer_organization_id=orgs["comoo"].id,
                audience_subjects=subjects,
            )
            event.responsibles = _people(("Руководитель ГМО", title))
            event.materials = []
            session.add(_with_tenant(event, m))
            await session.flush()
            teaching = [(t, o) for t, o in staff if {s.subject_code for s in t.subjects} & set(subjects)]
            for i, (teacher, org_id) in enumerate(teaching[:12]):
                people.add(event, teacher, org_id, "speaker" if i == 0 else "listener", hours=Decimal("1.5"))
    deputies = Event(
        id=_id("event", "zeya-deputies", today.year, today.month),
        municipality_id=m,
        type="seminar",
        level="municipal",
        format="online",
        status="planned",
        title="Регулярный методический семинар для заместителей директоров по учебно-методической работе",
        start_date=today + timedelta(days=9),
        start_time=time(15, 0),
        end_time=time(16, 0),
        url="https://example.org/zeya/webinar",
        organizer_organization_id=orgs["comoo"].id,
        audience_positions=["deputy_director_uvr", "deputy_director_umr"],
    )
    deputies.responsibles = _people(("Специалисты ООА", "отдел образования"), ("Методисты МКУ «ЦОМОО г.Зей»", ""))
    deputies.materials = []
    session.add(_with_tenant(deputies, m))
    await session.flush()
    for key in schools:
        people.add(deputies, teachers_by_org[key][0], orgs[key].id, "listener")
