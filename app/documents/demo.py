"""Demo documents of the three municipalities, as their seed acts name them: Kostroma's regulation of the
methodological service (распоряжение № 1262-рз/IV of 29.12.2020, its list of documents in 3.9) and the order on
the standing seminar (№ 517-рз/IV); Zeya's order № 265-од of 17.08.2020 and the programme of support for
methodological associations 2020–2022 with its roadmap; Kislovodsk's programme of the methodological service
2021–2024 (приказ № 01-10/526-01) and the documents its yes/no criteria ask of schools and of the municipality.
Each municipality's required set follows its act; some schools lack some documents (or have only a draft), so the
checklist shows gaps. The seed acts are stored as files (a short text of their requisites); plans are links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.periods import Period
from app.documents.models import Document, DocumentRequirement
from app.files import service as files

SCHOOL_TYPES = ["sosh", "oosh", "gymnasium", "lyceum", "boarding_school"]

# municipality → (type, applies_to, note)
REQUIREMENTS: dict[str, list[tuple[str, str, str]]] = {
    "kostroma": [
        ("regulation", "municipality", "Положение о ММС, п. 3.9: положение о муниципальной методической службе"),
        ("work_plan", "municipality", "Положение о ММС, п. 3.9: план работы ММС на учебный год"),
        ("analytical_report", "municipality", "Положение о ММС, п. 3.9: анализ выполнения годового плана работы ММС"),
        ("association_plan", "organization", "План работы школьных методических объединений"),
        ("pd_plan", "organization", "План-график повышения квалификации педагогов школы"),
    ],
    "zeya": [
        ("programme", "municipality", "Программа поддержки школьных, муниципальных методических объединений"),
        ("roadmap", "municipality", "«Дорожная карта» реализации программы поддержки методических объединений"),
        ("deficit_monitoring", "municipality", "Программа, п. 2.5: ежегодный мониторинг профессиональных дефицитов"),
        ("association_plan", "organization", "План работы ШМО на учебный год"),
        ("deficit_monitoring", "organization", "Мониторинг профессиональных дефицитов педагогов школы (апрель)"),
    ],
    "kislovodsk": [
        ("regulation", "municipality", "Критерий 1: муниципальное положение о городских методических объединениях"),
        ("association_plan", "municipality", "Критерий 1: план-график заседаний ГМО на учебный год"),
        ("association_monitoring", "municipality", "Критерий 1: муниципальный мониторинг деятельности ГМО"),
        ("deficit_monitoring", "municipality", "Критерий 2: муниципальный мониторинг потребностей и дефицитов"),
        ("attestation_plan", "municipality", "Критерий 3: муниципальный план-график аттестации на 5 лет"),
        ("pd_plan", "municipality", "Критерий 4: план-график повышения квалификации муниципалитета"),
        ("recommendations", "municipality", "Критерий 5: адресные рекомендации по результатам мониторингов"),
        ("programme", "organization", "Критерий 1: программа развития школьных методических объединений"),
        ("association_plan", "organization", "Критерий 1: план-график заседаний ШМО на учебный год"),
        ("association_monitoring", "organization", "Критерий 1: мониторинг деятельности ШМО в школе"),
        ("deficit_monitoring", "organization", "Критерий 2: мониторинг потребностей и дефицитов в школе"),
        ("attestation_plan", "organization", "Критерий 3: план-график аттестации педагогов школы на 5 лет"),
        ("pd_plan", "organization", "Критерий 4: план-график повышения квалификации педагогов школы"),
    ],
}
APPROVERS = {
    "kostroma": "Смирнова Ольга Викторовна",
    "zeya": "Морозова Елена Алексеевна",
    "kislovodsk": "Волкова Татьяна Ивановна",
}


@dataclass(frozen=True)
class Doc:
    muni: str
    org: str | None  # an organization key of app.demo.seed.ORGS; None — the municipality's
    type: str
    title: str
    year: int
    last_year: int | None = None
    number: str | None = None
    doc_date: date | None = None
    approved: bool = True
    text: str | None = None  # stored as the document's file
    note: str | None = None


def _years(y: int) -> str:
    return Period.academic_year(y).code


def _documents(cy: int) -> list[Doc]:
    """`cy`: the current academic year's start."""
    py = cy - 1
    out = [
        # --- Kostroma: the regulation (seed 001) and what its 3.9 lists, the seminar order (seed 000) ---
        Doc(
            "kostroma",
            None,
            "regulation",
            "Положение о муниципальной методической службе в системе образования города Костромы",
            2020,
            cy + 3,
            "1262-рз/IV",
            date(2020, 12, 29),
            text="Распоряжение заместителя главы Администрации – председателя Комитета образования, культуры, спорта "
            "и работы с молодёжью Администрации города Костромы от 29.12.2020 № 1262-рз/IV «Об утверждении "
            "положения о муниципальной методической службе в системе образования города Костромы».\n\n"
            "Положение определяет цель, задачи, основные направления деятельности муниципальной методической "
            "службы: аналитическое, информационное, организационно-методическое, консультационное; раздел 4 — "
            "показатели эффективности деятельности ММС.",
        ),
        Doc(
            "kostroma",
            None,
            "order",
            "Об итогах деятельности постоянно действующего семинара «Актуальные практики организации методической "
            "работы в общеобразовательной организации» во втором полугодии 2021–2022 учебного года",
            2021,
            None,
            "517-рз/IV",
            date(2022, 5, 30),
            text="Распоряжение от 30.05.2022 № 517-рз/IV. Приложение: аналитическая справка по итогам деятельности "
            "постоянно действующего семинара, благодарности управленческим командам школ.",
        ),
        Doc(
            "kostroma",
            None,
            "work_plan",
            f"План работы ММС на {_years(py)} учебный год",
            py,
            None,
            "45",
            date(py, 8, 30),
        ),
        Doc(
            "kostroma",
            None,
            "analytical_report",
            f"Анализ выполнения годового плана работы ММС за {_years(py)} учебный год",
            py,
            None,
            None,
            date(cy, 6, 20),
        ),
        Doc(
            "kostroma",
            None,
            "work_plan",
            f"План работы ММС на {_years(cy)} учебный год",
            cy,
            None,
            "51",
            date(cy, 8, 29),
        ),
        # --- Zeya: the order and the programme with its roadmap (seed 002) ---
        Doc(
            "zeya",
            None,
            "order",
            "Об утверждении Программы поддержки школьных, муниципальных методических объединений",
            2020,
            None,
            "265-од",
            date(2020, 8, 17),
            text="Приказ отдела образования администрации города Зеи от 17.08.2020 № 265-од.\n1. Утвердить "
            "Программу поддержки школьных, муниципальных методических объединений (Приложение).\n2. Главному "
            "специалисту отдела образования С.Н. Лысенко обеспечить выполнение мероприятий «дорожной карты».\n"
            "Начальник отдела О.В. Максимишина",
        ),
        Doc(
            "zeya",
            None,
            "programme",
            "Программа поддержки школьных, муниципальных методических объединений на 2020–2022 годы",
            2020,
            2022,
            "265-од (приложение)",
            date(2020, 8, 17),
            text="Приложение к приказу отдела образования администрации г. Зеи от 17.08.2020 № 265-од. Программа "
            "поддержки школьных, муниципальных методических объединений: цель, задачи, «дорожная карта» из 57 "
            "мероприятий в четырёх разделах; ежегодный мониторинг профессиональных дефицитов (апрель) и адаптации "
            "молодых педагогов (январь).",
        ),
        Doc(
            "zeya",
            None,
            "roadmap",
            "«Дорожная карта» реализации Программы поддержки школьных, муниципальных методических объединений",
            2020,
            2022,
            "265-од (приложение)",
            date(2020, 8, 17),
        ),
        Doc(
            "zeya",
            None,
            "programme",
            f"Программа поддержки школьных, муниципальных методических объединений на {cy}–{cy + 2} годы (проект)",
            cy,
            cy + 2,
            approved=False,
        ),
        Doc(
            "zeya",
            None,
            "deficit_monitoring",
            f"Итоги мониторинга профессиональных дефицитов педагогов (апрель {cy})",
            py,
            None,
            None,
            date(cy, 5, 15),
        ),
        # --- Kislovodsk: the programme (seed 004) and what its criteria ask of the municipality ---
        Doc(
            "kislovodsk",
            None,
            "programme",
            "Программа развития методической службы г.-к. Кисловодск (2021–2024 гг.)",
            2021,
            2024,
            "01-10/526-01",
            date(2021, 5, 18),
            text="Приложение 1 к приказу управления образования администрации г.-к. Кисловодска № 01-10/526-01 от "
            "18.05.2021. Рассмотрено и принято на заседании муниципального методического совета, протокол № 2 от "
            "29.04.2021.\n\nМуниципальные критерии и показатели эффективности методической работы: развитие ШМО и "
            "ГМО; изучение профессиональных потребностей и дефицитов; план-график аттестации на 5 лет; план-график "
            "повышения квалификации; адресные рекомендации по результатам мониторингов.",
        ),
        Doc(
            "kislovodsk",
            None,
            "regulation",
            "Положение о городских методических объединениях педагогических работников г.-к. Кисловодска",
            2021,
            cy + 3,
            "01-10/611",
            date(2021, 8, 27),
        ),
        Doc(
            "kislovodsk",
            None,
            "association_plan",
            f"План-график заседаний ГМО на {_years(cy)} учебный год",
            cy,
            None,
            "01-10/702",
            date(cy, 9, 1),
        ),
        Doc(
            "kislovodsk",
            None,
            "attestation_plan",
            f"Муниципальный план-график аттестации педагогических работников на {cy - 2}–{cy + 3} годы",
            cy - 2,
            cy + 2,
            "01-10/455",
            date(cy - 2, 9, 5),
        ),
        Doc(
            "kislovodsk",
            None,
            "pd_plan",
            f"План-график повышения квалификации педагогических работников на {_years(cy)} учебный год",
            cy,
            None,
            "01-10/705",
            date(cy, 9, 2),
        ),
        Doc(
            "kislovodsk",
            None,
            "association_monitoring",
            f"Мониторинг деятельности ГМО за {_years(cy)} учебный год (проект)",
            cy,
            approved=False,
        ),
        Doc(
            "kislovodsk",
            None,
            "deficit_monitoring",
            f"Муниципальный мониторинг профессиональных дефицитов ({_years(py)})",
            py,
            None,
            None,
            date(cy, 4, 28),
        ),
        Doc(
            "kislovodsk",
            None,
            "recommendations",
            f"Адресные рекомендации по результатам мониторинга профессиональных дефицитов ({_years(py)})",
            py,
            None,
            "01-10/390",
            date(cy, 5, 30),
        ),
    ]
    # --- schools: most documents there, some only drafts, some missing (the checklist's gaps) ---
    kostroma = {
        "s22": {"association_plan": True, "pd_plan": False},
        "s29": {"association_plan": True, "pd_plan": True},
        "s37": {},
        "g28": {"association_plan": True, "pd_plan": True},
        "g33": {"association_plan": True},
        "l41": {"association_plan": False, "pd_plan": True},
    }
    zeya = {"z1": {"association_plan": True}, "z4": {"association_plan": False}, "z5": {"association_plan": True}}
    kislovodsk = {
        "k1": {"programme": True, "association_plan": True, "attestation_plan": True, "pd_plan": True},
        "k7": {"programme": True, "association_plan": False, "attestation_plan": True},
        "k14": {"programme": True, "association_plan": True, "pd_plan": True},
        "kg19": {"programme": True, "association_plan": True, "attestation_plan": True, "pd_plan": True},
        "kl4": {"association_plan": True, "pd_plan": False},
    }
    titles = {
        "association_plan": f"План работы школьных методических объединений на {_years(cy)} учебный год",
        "pd_plan": f"План-график повышения квалификации педагогических работников на {_years(cy)} учебный год",
        "attestation_plan": f"План-график аттестации педагогических работников на {cy - 1}–{cy + 4} годы",
        "programme": f"Программа развития школьных методических объединений на {cy - 1}–{cy + 2} годы",
    }
    spans = {"attestation_plan": (cy - 1, cy + 3), "programme": (cy - 1, cy + 1)}
    for muni, plan in (("kostroma", kostroma), ("zeya", zeya), ("kislovodsk", kislovodsk)):
        for n, (org, docs) in enumerate(plan.items(), start=1):
            for type_, approved in docs.items():
                first, last = spans.get(type_, (cy, None))
                out.append(
                    Doc(
                        muni,
                        org,
                        type_,
                        titles[type_],
                        first,
                        last,
                        f"{n}/{first % 100:02d}-од",
                        date(first, 8, 31),
                        approved,
                    )
                )
            if muni != "kostroma":  # last year's April monitoring of deficits (Zeya 2.5, Kislovodsk 2)
                out.append(
                    Doc(
                        muni,
                        org,
                        "deficit_monitoring",
                        f"Мониторинг профессиональных дефицитов педагогов (апрель {cy})",
                        py,
                        None,
                        None,
                        date(cy, 4, 25),
                    )
                )
        if muni == "kislovodsk":
            for org in ("k1", "kg19"):
                out.append(
                    Doc(
                        muni,
                        org,
                        "association_monitoring",
                        f"Мониторинг деятельности ШМО за {_years(py)} учебный год",
                        py,
                        None,
                        None,
                        date(cy, 6, 10),
                    )
                )
    return out


async def seed(session: AsyncSession, munis: Mapping[str, Any], orgs: Mapping[str, Any], today: date) -> int:
    """The required sets and the documents; returns how many documents."""
    cy = Period.current("academic_year", today).year
    for mkey, items in REQUIREMENTS.items():
        for type_, applies_to, note in items:
            session.add(
                DocumentRequirement(
                    municipality_id=munis[mkey].id,
                    type=type_,
                    applies_to=applies_to,
                    organization_types=SCHOOL_TYPES if applies_to == "organization" else None,
                    note=note,
                )
            )
    docs = _documents(cy)
    for i, d in enumerate(docs):
        muni_id = munis[d.muni].id
        org = orgs[d.org] if d.org else None
        file_id, url = None, None
        if d.text:
            stored = await files.store_file(
                session,
                None,
                municipality_id=muni_id,
                organization_id=org.id if org else None,
                name=f"{d.title[:120]}.txt",
                content=(f"{d.title}\n\n{d.text}\n").encode(),
                content_type="text/plain",
            )
            file_id = stored.id
        elif d.approved:
            owner = d.org or "municipality"
            url = f"https://docs.demo.mms/{d.muni}/{owner}/{d.type}-{d.year}-{i}.pdf"
        approved_on = (d.doc_date or date(d.year, 9, 1)) + timedelta(days=2)
        session.add(
            Document(
                municipality_id=muni_id,
                organization_id=org.id if org else None,
                type=d.type,
                title=d.title,
                academic_year=d.year,
                last_academic_year=d.last_year if d.last_year != d.year else None,
                number=d.number,
                doc_date=d.doc_date,
                file_id=file_id,
                url=url,
                status="approved" if d.approved else "draft",
                approved_at=datetime.combine(min(approved_on, today), time(10), tzinfo=UTC) if d.approved else None,
                approved_by_name=APPROVERS[d.muni] if d.approved else None,
                note=d.note,
            )
        )
    await session.flush()
    return len(docs)
