"""Deterministic demo data: the three municipalities of the seed documents, their organizations, a few
hundred synthetic teachers with plausible Russian names, and one demo account per role."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.associations import demo as associations_demo
from app.attestation import demo as attestation_demo
from app.auth.models import ApiClient, RoleAssignment, User
from app.core.passwords import hash_password, sha256_hex
from app.courses import demo as courses_demo
from app.diagnostics import demo as diagnostics_demo
from app.documents import demo as documents_demo
from app.events.demo import kostroma_pds_speakers, seed_events
from app.help_requests import demo as help_requests_demo
from app.kpi import demo as kpi_demo
from app.mentoring import demo as mentoring_demo
from app.organizations.models import Organization
from app.practices import demo as practices_demo
from app.routes import demo as routes_demo
from app.teachers import rules
from app.teachers.models import Employment, Teacher, TeacherCategory, TeacherExternalId, TeacherSubject
from app.tenants.models import Municipality, Region

DEMO_PASSWORD = "demo12345"
DEMO_CLIENT_ID = "mms_demo_kostroma"
DEMO_CLIENT_SECRET = "demo-client-secret-kostroma-0001"
NS = uuid.UUID("6f1c7c52-7a0e-4c1a-9a65-2b1d8f3c0a11")


def _id(name: str) -> uuid.UUID:
    return uuid.uuid5(NS, name)


# Title words → competence areas, for the demo's events and courses (a methodologist tags real ones in the forms).
AREA_KEYWORDS: list[tuple[str, list[str]]] = [
    ("%предмет%", ["subject"]),
    ("%урок%", ["methodical"]),
    ("%методи%", ["methodical"]),
    ("%ФГОС%", ["fgos", "methodical"]),
    ("%функциональн%", ["functional_literacy", "methodical"]),
    ("%цифров%", ["digital"]),
    ("%дистанцион%", ["digital"]),
    ("%ОВЗ%", ["inclusive", "psychological"]),
    ("%инклюзив%", ["inclusive", "psychological"]),
    ("%профилактик%", ["psychological"]),
    ("%воспитан%", ["upbringing", "psychological"]),
    ("%классн% руковод%", ["upbringing", "communicative"]),
    ("%Разговоры о важном%", ["upbringing", "communicative"]),
    ("%родител%", ["communicative"]),
    ("%наставни%", ["communicative"]),
    ("%молод%", ["communicative", "methodical"]),
    ("%ГИА%", ["assessment", "subject"]),
    ("%итоговой аттестации%", ["assessment", "subject"]),
    ("%ВПР%", ["assessment"]),
    ("%одарён%", ["gifted"]),
    ("%олимпиад%", ["gifted", "subject"]),
    ("%семинар%", ["methodical"]),
]


async def tag_competence_areas(session: AsyncSession, municipality_ids: list[uuid.UUID]) -> None:
    """Tag the demo's events and courses with the areas their titles name (set-based, one statement a keyword)."""
    for table in ("events", "courses"):  # fixed names, never input
        sql = text(
            f"UPDATE {table} SET competence_areas = ARRAY(SELECT DISTINCT unnest(competence_areas || "  # noqa: S608
            "CAST(:areas AS varchar[])) ORDER BY 1) WHERE municipality_id = ANY(:m) AND title ILIKE :p"
        )
        for pattern, areas in AREA_KEYWORDS:
            await session.execute(sql, {"areas": areas, "m": municipality_ids, "p": pattern})


DEMO_ACCOUNTS = [
    ("admin@demo.mms", "Администратор системы"),
    ("department@kostroma.demo.mms", "Управление образования, Кострома"),
    ("methodologist@kostroma.demo.mms", "Методист МБУ ГЦОКО, Кострома"),
    ("school22@kostroma.demo.mms", "Заместитель директора, СОШ № 22 (Кострома)"),
    ("gmo@kostroma.demo.mms", "Руководитель ШМО, СОШ № 22 (Кострома)"),
    ("teacher@kostroma.demo.mms", "Педагог СОШ № 22 (Кострома)"),
    ("department@zeya.demo.mms", "Отдел образования, Зея"),
    ("gmo@zeya.demo.mms", "Руководитель ГМО учителей математики, Зея"),
    ("methodologist@kislovodsk.demo.mms", "Методист ИМО МБУ «ЦООУ», Кисловодск"),
]

REGIONS = [("44", "Костромская область"), ("28", "Амурская область"), ("26", "Ставропольский край")]
MUNICIPALITIES = [
    ("kostroma", "город Кострома", "44"),
    ("zeya", "город Зея", "28"),
    ("kislovodsk", "город-курорт Кисловодск", "26"),
]

ORGS: dict[str, list[tuple[str, str, str, str, dict]]] = {
    # key, type, full name, short name, flags
    "kostroma": [
        (
            "gcoko",
            "methodological_center",
            "Муниципальное бюджетное учреждение города Костромы «Городской центр обеспечения качества образования»",
            "МБУ ГЦОКО",
            {},
        ),
        (
            "kostroma_ko",
            "education_authority",
            "Комитет образования, культуры, спорта и работы с молодёжью Администрации города Костромы",
            "Комитет образования",
            {},
        ),
        (
            "s22",
            "sosh",
            "Муниципальное бюджетное общеобразовательное учреждение города Костромы «Средняя "
            "общеобразовательная школа № 22»",
            "СОШ № 22",
            {"is_low_results": True},
        ),
        (
            "s29",
            "sosh",
            "Муниципальное бюджетное общеобразовательное учреждение города Костромы «Средняя "
            "общеобразовательная школа № 29»",
            "СОШ № 29",
            {"is_unfavourable": True},
        ),
        (
            "s37",
            "sosh",
            "Муниципальное бюджетное общеобразовательное учреждение города Костромы «Средняя "
            "общеобразовательная школа № 37»",
            "СОШ № 37",
            {},
        ),
        (
            "g28",
            "gymnasium",
            "Муниципальное бюджетное общеобразовательное учреждение города Костромы «Гимназия № 28»",
            "Гимназия № 28",
            {"innovation_level": "municipal"},
        ),
        (
            "g33",
            "gymnasium",
            "Муниципальное бюджетное общеобразовательное учреждение города Костромы «Гимназия № 33»",
            "Гимназия № 33",
            {"innovation_level": "regional", "is_resource_center": True},
        ),
        (
            "l41",
            "lyceum",
            "Муниципальное бюджетное общеобразовательное учреждение города Костромы «Лицей № 41»",
            "Лицей № 41",
            {},
        ),
    ],
    "zeya": [
        ("ooa", "education_authority", "Отдел образования администрации города Зеи", "ООА г. Зеи", {}),
        (
            "comoo",
            "methodological_center",
            "Муниципальное казённое учреждение «Центр обеспечения методического "
            "обслуживания образовательных организаций г. Зеи»",
            "МКУ «ЦОМОО»",
            {},
        ),
        (
            "z1",
            "sosh",
            "Муниципальное общеобразовательное автономное учреждение «Средняя общеобразовательная школа № 1 г. Зеи»",
            "МОАУ СОШ № 1",
            {"innovation_level": "regional"},
        ),
        (
            "z4",
            "sosh",
            "Муниципальное общеобразовательное автономное учреждение «Средняя общеобразовательная школа № 4 г. Зеи»",
            "МОАУ СОШ № 4",
            {"is_low_results": True},
        ),
        (
            "z5",
            "sosh",
            "Муниципальное общеобразовательное автономное учреждение «Средняя общеобразовательная школа № 5 г. Зеи»",
            "МОАУ СОШ № 5",
            {},
        ),
    ],
    "kislovodsk": [
        (
            "cooy",
            "methodological_center",
            "Информационно-методический отдел муниципального бюджетного учреждения "
            "«Центр обслуживания образовательных учреждений» города-курорта Кисловодска",
            "ИМО МБУ «ЦООУ»",
            {},
        ),
        (
            "kuo",
            "education_authority",
            "Управление образования администрации города-курорта Кисловодска",
            "Управление образования",
            {},
        ),
        ("k1", "sosh", "МБОУ «Средняя общеобразовательная школа № 1» города-курорта Кисловодска", "СОШ № 1", {}),
        (
            "k7",
            "sosh",
            "МБОУ «Средняя общеобразовательная школа № 7» города-курорта Кисловодска",
            "СОШ № 7",
            {"is_unfavourable": True},
        ),
        ("k14", "sosh", "МБОУ «Средняя общеобразовательная школа № 14» города-курорта Кисловодска", "СОШ № 14", {}),
        (
            "kg19",
            "gymnasium",
            "МБОУ «Гимназия № 19» города-курорта Кисловодска",
            "Гимназия № 19",
            {"innovation_level": "regional"},
        ),
        ("kl4", "lyceum", "МБОУ «Лицей № 4» города-курорта Кисловодска", "Лицей № 4", {}),
    ],
}

TEACHERS_PER_SCHOOL = {"kostroma": 32, "zeya": 24, "kislovodsk": 26}

MALE = [
    ("Иванов", "Алексей"),
    ("Смирнов", "Дмитрий"),
    ("Кузнецов", "Сергей"),
    ("Попов", "Андрей"),
    ("Соколов", "Михаил"),
    ("Лебедев", "Николай"),
    ("Козлов", "Владимир"),
    ("Новиков", "Игорь"),
    ("Морозов", "Павел"),
    ("Волков", "Евгений"),
    ("Соловьёв", "Артём"),
    ("Васильев", "Константин"),
    ("Зайцев", "Илья"),
    ("Павлов", "Роман"),
    ("Семёнов", "Олег"),
    ("Голубев", "Виктор"),
]
FEMALE_FIRST = [
    "Елена",
    "Ольга",
    "Татьяна",
    "Наталья",
    "Ирина",
    "Светлана",
    "Марина",
    "Анна",
    "Юлия",
    "Екатерина",
    "Мария",
    "Людмила",
    "Галина",
    "Надежда",
    "Валентина",
    "Оксана",
    "Дарья",
    "Алина",
    "Ксения",
    "Виктория",
    "Вера",
    "Любовь",
    "Анастасия",
    "Полина",
]
SURNAME_STEMS = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Соколов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
    "Петров",
    "Волков",
    "Соловьёв",
    "Васильев",
    "Зайцев",
    "Павлов",
    "Семёнов",
    "Голубев",
    "Виноградов",
    "Богданов",
    "Воробьёв",
    "Фёдоров",
    "Михайлов",
    "Беляев",
    "Тарасов",
    "Белов",
    "Комаров",
    "Орлов",
    "Киселёв",
    "Макаров",
    "Андреев",
    "Ковалёв",
    "Ильин",
    "Гусев",
    "Титов",
    "Кузьмин",
    "Кудрявцев",
    "Баранов",
    "Куликов",
    "Алексеев",
    "Степанов",
    "Яковлев",
    "Сорокин",
    "Сергеев",
    "Романов",
    "Захаров",
    "Борисов",
    "Королёв",
    "Герасимов",
    "Пономарёв",
    "Григорьев",
]
PATRONYMIC_STEMS = [
    "Александров",
    "Сергеев",
    "Владимиров",
    "Николаев",
    "Андреев",
    "Викторов",
    "Михайлов",
    "Петров",
    "Иванов",
    "Юрьев",
    "Алексеев",
    "Дмитриев",
    "Евгеньев",
    "Павлов",
    "Олегов",
]

SUBJECT_SETS = [
    ["russian", "literature"],
    ["mathematics"],
    ["mathematics", "computer_science"],
    ["physics"],
    ["chemistry"],
    ["biology"],
    ["geography"],
    ["history", "social_studies"],
    ["english"],
    ["german"],
    ["primary"],
    ["primary"],
    ["primary"],
    ["physical_education"],
    ["music"],
    ["fine_arts"],
    ["technology"],
    ["obzr"],
    ["computer_science"],
    ["russian", "literature"],
]


def _person(rng: random.Random) -> tuple[str, str, str]:
    if rng.random() < 0.22:
        last, first = rng.choice(MALE)
        middle = rng.choice(PATRONYMIC_STEMS) + "ич"
        return rng.choice(SURNAME_STEMS) if rng.random() < 0.5 else last, first, middle
    last = rng.choice(SURNAME_STEMS) + "а"
    return last, rng.choice(FEMALE_FIRST), rng.choice(PATRONYMIC_STEMS) + "на"


async def seed_demo(session: AsyncSession, force: bool = False) -> bool:
    """Returns False when demo data already exists (idempotent)."""
    if not force and await session.scalar(select(User.id).where(User.email == DEMO_ACCOUNTS[0][0])):
        return False
    rng = random.Random(20221001)  # noqa: S311 - deterministic demo data, not security
    today = date.today()
    password_hash = await hash_password(DEMO_PASSWORD)

    regions = {code: Region(id=_id(f"region:{code}"), code=code, name=name) for code, name in REGIONS}
    session.add_all(regions.values())
    await session.flush()  # no ORM relationship orders these inserts, so flush parents first
    munis = {
        key: Municipality(id=_id(f"muni:{key}"), region_id=regions[rc].id, name=name)
        for key, name, rc in MUNICIPALITIES
    }
    session.add_all(munis.values())
    await session.flush()

    orgs: dict[str, Organization] = {}
    for mkey, items in ORGS.items():
        for key, type_code, name, short, flags in items:
            orgs[key] = Organization(
                id=_id(f"org:{key}"),
                municipality_id=munis[mkey].id,
                type_code=type_code,
                name=name,
                short_name=short,
                **flags,
            )
    session.add_all(orgs.values())
    await session.flush()

    teachers_by_org: dict[str, list[Teacher]] = {}
    n = 0
    for mkey, items in ORGS.items():
        muni = munis[mkey]
        for key, type_code, *_ in items:
            if type_code not in ("sosh", "gymnasium", "lyceum"):
                continue
            org = orgs[key]
            teachers_by_org[key] = []
            for i in range(TEACHERS_PER_SCHOOL[mkey]):
                n += 1
                last, first, middle = _person(rng)
                young = rng.random() < 0.2
                age = rng.randint(22, 34) if young else rng.randint(30, 66)
                birth = today - timedelta(days=age * 365 + rng.randint(0, 364))
                exp_years = rng.randint(0, 2) if young and rng.random() < 0.7 else rng.randint(3, max(3, age - 22))
                since = date(today.year - exp_years, 9, 1)
                if since > today:
                    since = date(since.year - 1, 9, 1)
                t = Teacher(
                    id=_id(f"teacher:{key}:{i}"),
                    municipality_id=muni.id,
                    last_name=last,
                    first_name=first,
                    middle_name=middle,
                    birth_date=birth,
                    teaching_since=since,
                )
                t.email = f"t{n:04d}@school.example" if rng.random() < 0.6 else None
                position = "teacher"
                r = rng.random()
                if i == 0:
                    position = "deputy_director_uvr"
                elif r < 0.06:
                    position = "psychologist"
                elif r < 0.1:
                    position = "social_pedagogue"
                hired = max(since, date(today.year - rng.randint(0, 15), 9, 1))
                emps = [
                    Employment(
                        municipality_id=muni.id,
                        organization_id=org.id,
                        position_code=position,
                        kind="main",
                        rate=Decimal(rng.choice(["1", "1", "1.5", "1.25", "0.5"])),
                        start_date=hired,
                    )
                ]
                if rng.random() < 0.08:  # a former job in another school of the city
                    other = [k for k in teachers_by_org if k != key and orgs[k].municipality_id == muni.id]
                    if other and hired > since + timedelta(days=400):
                        emps.insert(
                            0,
                            Employment(
                                municipality_id=muni.id,
                                organization_id=orgs[rng.choice(other)].id,
                                position_code="teacher",
                                kind="main",
                                rate=Decimal("1"),
                                start_date=since,
                                end_date=hired - timedelta(days=1),
                            ),
                        )
                t.employments = emps
                t.subjects = (
                    [TeacherSubject(municipality_id=muni.id, subject_code=s) for s in rng.choice(SUBJECT_SETS)]
                    if position == "teacher"
                    else []
                )
                cats = []
                if exp_years >= 2:
                    roll = rng.random()
                    code = None
                    if roll < 0.3:
                        code = "highest"
                    elif roll < 0.6:
                        code = "first"
                    elif roll < 0.8:
                        code = "szd"
                    if code:
                        # some granted before 2023-09-01 (5-year term), some expiring within months
                        granted = today - timedelta(days=rng.randint(30, 5 * 365 - 10))
                        roll2 = rng.random()
                        if roll2 < 0.12:  # runs out within six months
                            granted = today - timedelta(days=5 * 365 - rng.randint(10, 170))
                        elif roll2 < 0.17 and code == "szd":  # already expired: the attestation was missed
                            granted = today - timedelta(days=5 * 365 + rng.randint(20, 300))
                        cats.append(
                            TeacherCategory(
                                municipality_id=muni.id,
                                category_code=code,
                                granted_on=granted,
                                legal_basis=f"приказ № {rng.randint(100, 999)} от {granted:%d.%m.%Y}",
                                expires_on=rules.category_expiry(code, granted),
                            )
                        )
                t.categories = cats
                t.external_ids = [
                    TeacherExternalId(municipality_id=muni.id, system=f"hr:{org.id}", external_id=f"{i + 1:05d}")
                ]
                teachers_by_org[key].append(t)
                session.add(t)
    await session.flush()

    kostroma_teacher = teachers_by_org["s22"][1]
    # each teacher's professional growth: courses, attestation, mentoring (the modules' own demo data)
    municipality_of_school = {key: mkey for mkey, items in ORGS.items() for key, *_ in items}
    await courses_demo.seed(session, teachers_by_org, municipality_of_school, today, [kostroma_teacher])
    await attestation_demo.seed(session, [t for people in teachers_by_org.values() for t in people], today)
    await mentoring_demo.seed(session, teachers_by_org, today)
    led = await associations_demo.seed(session, teachers_by_org, orgs, today, kostroma_teacher)
    accounts = [
        ("admin@demo.mms", "Администратор системы", None, [{"role": "sysadmin"}]),
        (
            "department@kostroma.demo.mms",
            "Смирнова Ольга Викторовна",
            "kostroma",
            [{"role": "department", "municipality_id": munis["kostroma"].id}],
        ),
        (
            "methodologist@kostroma.demo.mms",
            "Лебедева Ирина Николаевна",
            "kostroma",
            [{"role": "methodologist", "municipality_id": munis["kostroma"].id}],
        ),
        (
            "school22@kostroma.demo.mms",
            "Козлова Марина Сергеевна",
            "kostroma",
            [{"role": "school_admin", "municipality_id": munis["kostroma"].id, "organization_id": orgs["s22"].id}],
        ),
        (
            "gmo@kostroma.demo.mms",
            "Новикова Анна Петровна",
            "kostroma",
            [
                {
                    "role": "association_leader",
                    "municipality_id": munis["kostroma"].id,
                    "association_id": led.get("kostroma_shmo"),
                }
            ],
        ),
        (
            "teacher@kostroma.demo.mms",
            f"{kostroma_teacher.last_name} {kostroma_teacher.first_name} {kostroma_teacher.middle_name}",
            "kostroma",
            [{"role": "teacher", "municipality_id": munis["kostroma"].id, "teacher_id": kostroma_teacher.id}],
        ),
        (
            "department@zeya.demo.mms",
            "Морозова Елена Алексеевна",
            "zeya",
            [{"role": "department", "municipality_id": munis["zeya"].id}],
        ),
        (
            "gmo@zeya.demo.mms",
            "Кравченко Наталья Владимировна",
            "zeya",
            [
                {
                    "role": "association_leader",
                    "municipality_id": munis["zeya"].id,
                    "association_id": led.get("zeya_gmo"),
                }
            ],
        ),
        (
            "methodologist@kislovodsk.demo.mms",
            "Волкова Татьяна Ивановна",
            "kislovodsk",
            [{"role": "methodologist", "municipality_id": munis["kislovodsk"].id}],
        ),
    ]
    for email, name, mkey, roles in accounts:
        session.add(
            User(
                id=_id(f"user:{email}"),
                email=email,
                full_name=name,
                password_hash=password_hash,
                municipality_id=munis[mkey].id if mkey else None,
                roles=[RoleAssignment(**r) for r in roles],
            )
        )
    session.add(
        ApiClient(
            id=_id("client:kostroma"),
            municipality_id=munis["kostroma"].id,
            name="Региональная система «Электронная школа» (демо)",
            client_id=DEMO_CLIENT_ID,
            secret_hash=sha256_hex(DEMO_CLIENT_SECRET),
            scopes=["kpi:read", "teachers:read"],
        )
    )
    await session.flush()
    # help requests name the demo accounts (requester, methodologist) and notify them
    await help_requests_demo.seed(
        session,
        today=today,
        org_ids={key: org.id for key, org in orgs.items()},
        teachers_by_school=teachers_by_org,
        demo_teacher=kostroma_teacher,
        people=help_requests_demo.DemoPeople(
            methodologist=_id("user:methodologist@kostroma.demo.mms"),
            school_admin=_id("user:school22@kostroma.demo.mms"),
            teacher=_id("user:teacher@kostroma.demo.mms"),
            other_methodologist=_id("user:methodologist@kislovodsk.demo.mms"),
        ),
    )
    await seed_events(session, munis=munis, orgs=orgs, teachers_by_org=teachers_by_org)
    # documents of the municipalities and schools and each municipality's required set (the checklist's gaps)
    await documents_demo.seed(session, munis, orgs, today)
    # the practice bank: the practices Kostroma's schools presented at the standing seminar, reviewed by the
    # methodologist and the city association leader
    await practices_demo.seed(
        session,
        municipality_id=munis["kostroma"].id,
        orgs=orgs,
        teachers_by_org=teachers_by_org,
        speakers=kostroma_pds_speakers(teachers_by_org),
        experts=[
            (_id("user:methodologist@kostroma.demo.mms"), "Лебедева Ирина Николаевна"),
            (_id("user:gmo@kostroma.demo.mms"), "Новикова Анна Петровна"),
        ],
        draft_author=kostroma_teacher,
        today=today,
    )
    # events and courses tagged with the competence areas their titles name (individual routes propose them)
    await tag_competence_areas(session, [m.id for m in munis.values()])
    # diagnostics: Kostroma's deficit monitoring running now and its August topic survey, Zeya's yearly monitorings
    await diagnostics_demo.seed(session, munis, kostroma_teacher, today)
    # individual routes: Kostroma's routes from the running monitoring, the demo teacher's from last spring
    await routes_demo.seed(
        session,
        munis,
        kostroma_teacher,
        today,
        methodologist=(_id("user:methodologist@kostroma.demo.mms"), "Лебедева Ирина Николаевна"),
    )
    # KPIs: each municipality's set and targets; Kostroma's snapshots (the previous year approved, one waiting)
    await kpi_demo.seed(
        session,
        munis,
        today,
        methodologist=(_id("user:methodologist@kostroma.demo.mms"), "Методист МБУ ГЦОКО, Кострома"),
        department=(_id("user:department@kostroma.demo.mms"), "Управление образования, Кострома"),
    )
    return True
