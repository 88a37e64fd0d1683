"""The shipped catalogue of indicators (DOMAIN.md «Indicators (KPIs)»), as the migration seeds it: one place for
the codes, names, measures and filters (K-4.1.1 … PD-3Y by migration 0019, Z-GMO-PLAN and KV-1…5 by 0020, K-4.1.3
and Z-MONITOR — diagnostics and individual routes — by 0028)."""

from __future__ import annotations

from typing import Any

MUNI_TO_REGIONAL = {"level_min": "municipal", "level_max": "regional"}
COUNTED = "teachers.counted"
YOUNG = "teachers.young"
RULES = (
    " Учитываемые педагоги — не архивированные, с основным местом работы, действующим на дату отсчёта (последний "
    "день периода); педагог учитывается в организации этого места работы со всеми записями периода."
)

CATALOGUE: list[dict[str, Any]] = [
    {
        "code": "K-4.1.1",
        "name": "Количество методических продуктов, описывающих лучшие практики",
        "description": "Практики, опубликованные в периоде (статус «опубликована», дата публикации в периоде), "
        "в организации, которой принадлежат.",
        "unit": "count",
        "numerator_measure": "practices.published",
        "numerator_filters": {},
        "denominator_measure": None,
        "source": "Кострома, 4.1",
        "decimals": 0,
    },
    {
        "code": "K-4.1.2",
        "name": "Доля педагогов, обратившихся за помощью и получивших её в полном объёме",
        "description": "Учитываемые педагоги, у которых каждое обращение, открытое в периоде, закрыто «решено "
        "полностью» / учитываемые педагоги хотя бы с одним обращением, открытым в периоде." + RULES,
        "unit": "percent",
        "numerator_measure": "help_requests.helped_full",
        "numerator_filters": {},
        "denominator_measure": "help_requests.requesters",
        "source": "Кострома, 4.1",
    },
    {
        "code": "K-4.2.1",
        "name": "Доля педагогов, демонстрирующих эффективные практики на муниципальном уровне",
        "description": "Учитываемые педагоги, выступавшие на мероприятиях периода муниципального или более "
        "высокого уровня / учитываемые педагоги." + RULES,
        "unit": "percent",
        "numerator_measure": "events.participants",
        "numerator_filters": {"level_min": "municipal", "roles": ["speaker"]},
        "denominator_measure": COUNTED,
        "source": "Кострома, 4.2",
    },
    {
        "code": "K-4.2.2",
        "name": "Количество педагогов — участников муниципальных и региональных проектов",
        "description": "Учитываемые педагоги в любой роли в мероприятиях-проектах периода уровня от "
        "муниципального до регионального." + RULES,
        "unit": "count",
        "numerator_measure": "events.participants",
        "numerator_filters": {**MUNI_TO_REGIONAL, "types": ["project"]},
        "denominator_measure": None,
        "source": "Кострома, 4.2",
        "decimals": 0,
    },
    {
        "code": "K-4.2.3",
        "name": "Количество участников проектов, намеренных применять представленные практики",
        "description": "Учитываемые педагоги с отметкой о намерении применять практики в участии в "
        "мероприятии-проекте периода уровня от муниципального до регионального." + RULES,
        "unit": "count",
        "numerator_measure": "events.participants",
        "numerator_filters": {**MUNI_TO_REGIONAL, "types": ["project"], "intends_to_apply": True},
        "denominator_measure": None,
        "source": "Кострома, 4.2",
        "decimals": 0,
    },
    {
        "code": "K-4.3.1",
        "name": "Доля педагогов — участников муниципальных и региональных методических мероприятий",
        "description": "Учитываемые педагоги в любой роли в мероприятиях периода уровня от муниципального до "
        "регионального / учитываемые педагоги." + RULES,
        "unit": "percent",
        "numerator_measure": "events.participants",
        "numerator_filters": MUNI_TO_REGIONAL,
        "denominator_measure": COUNTED,
        "source": "Кострома, 4.3",
    },
    {
        "code": "K-4.3.2",
        "name": "Доля педагогов, аттестующихся на первую или высшую категорию",
        "description": "Учитываемые педагоги с заявлением на первую или высшую категорию, поданным в периоде "
        "(при любом результате) / учитываемые педагоги." + RULES,
        "unit": "percent",
        "numerator_measure": "attestation.applicants",
        "numerator_filters": {"categories": ["first", "highest"]},
        "denominator_measure": COUNTED,
        "source": "Кострома, 4.3",
    },
    {
        "code": "K-4.4.1",
        "name": "Доля молодых педагогов — участников муниципальных и региональных мероприятий",
        "description": "Молодые учитываемые педагоги в любой роли в мероприятиях периода уровня от "
        "муниципального до регионального / молодые учитываемые педагоги (правило молодости муниципалитета на "
        "дату отсчёта)." + RULES,
        "unit": "percent",
        "numerator_measure": "events.participants",
        "numerator_filters": MUNI_TO_REGIONAL,
        "denominator_measure": YOUNG,
        "source": "Кострома, 4.4",
    },
    {
        "code": "Z-MENTOR",
        "name": "Доля молодых педагогов, имеющих наставника",
        "description": "Молодые учитываемые педагоги — наставляемые в паре, действующей на дату отсчёта / "
        "молодые учитываемые педагоги. Цель — 100%." + RULES,
        "unit": "percent",
        "numerator_measure": "mentoring.mentees",
        "numerator_filters": {},
        "denominator_measure": YOUNG,
        "source": "Зея",
    },
    {
        "code": "PD-3Y",
        "name": "Доля педагогов, прошедших повышение квалификации за последние 3 года",
        "description": "Учитываемые педагоги с курсом, окончившимся после даты отсчёта минус 3 года и не позже "
        "даты отсчёта / учитываемые педагоги." + RULES,
        "unit": "percent",
        "numerator_measure": "courses.pd_3y",
        "numerator_filters": {},
        "denominator_measure": COUNTED,
        "source": "273-ФЗ, ст. 47",
    },
]

GMO = {"level": "city"}
YES_NO = (
    " Да/нет: организация — да, если у неё есть утверждённый документ этого вида (не черновик, не в архиве), "
    "действующий в учебном году периода (документ на несколько лет — в каждом году от первого до последнего); "
    "муниципалитет — да, если такой документ есть у самого муниципалитета (документы его школ не в счёт); итог "
    "региона — муниципалитеты, где он есть, из всех муниципалитетов региона, «да» только если он есть у всех."
)


def _kv(n: int, name: str, doc_type: str, what: str) -> dict[str, Any]:
    return {
        "code": f"KV-{n}",
        "name": name,
        "description": f"Наличие {what} на учебный год периода у организации и у муниципалитета." + YES_NO,
        "unit": "yes_no",
        "numerator_measure": "documents.present",
        "numerator_filters": {"type": doc_type},
        "denominator_measure": None,
        "source": f"Кисловодск, критерий {n}",
        "decimals": 0,
    }


# Added by migration 0020.
CATALOGUE += [
    {
        "code": "Z-GMO-PLAN",
        "name": "Доля заседаний городских методических объединений, проведённых по плану-графику",
        "description": "Заседания плана-графика городских методических объединений (ГМО; строки плана и "
        "объединения не в архиве) с плановой датой в периоде, по которым проведено заседание в периоде / "
        "заседания плана-графика ГМО с плановой датой в периоде; в идущем периоде — по дату отсчёта. ГМО — "
        "объединения муниципалитета: учитываются в итоге муниципалитета, в строках организаций их нет («нет "
        "данных»).",
        "unit": "percent",
        "numerator_measure": "associations.meetings_held_per_plan",
        "numerator_filters": GMO,
        "denominator_measure": "associations.meetings_planned",
        "denominator_filters": GMO,
        "source": "Зея, 2.10",
    },
    _kv(
        1,
        "Наличие плана-графика заседаний методических объединений на учебный год",
        "association_plan",
        "утверждённого плана-графика заседаний методических объединений (ГМО — у муниципалитета, ШМО — у школы)",
    ),
    _kv(
        2,
        "Наличие мониторинга профессиональных потребностей и дефицитов педагогических работников",
        "deficit_monitoring",
        "утверждённого мониторинга профессиональных потребностей и дефицитов педагогических работников",
    ),
    _kv(
        3,
        "Наличие плана-графика аттестации педагогических работников на 5 лет",
        "attestation_plan",
        "утверждённого плана-графика аттестации педагогических работников на 5 лет",
    ),
    _kv(
        4,
        "Наличие плана-графика повышения квалификации педагогических работников",
        "pd_plan",
        "утверждённого плана-графика повышения квалификации педагогических работников",
    ),
    _kv(
        5,
        "Наличие адресных рекомендаций по результатам мониторингов",
        "recommendations",
        "утверждённых адресных рекомендаций по результатам проведённых мониторингов и управленческих решений",
    ),
]


# Added by migration 0028 (diagnostics and individual routes).
CATALOGUE += [
    {
        "code": "K-4.1.3",
        "name": "Доля педагогов, имеющих ИОМ по результатам диагностики",
        "description": "Учитываемые педагоги с индивидуальным образовательным маршрутом (не черновик, не в архиве), "
        "составленным по диагностике, отправленной в периоде / учитываемые педагоги хотя бы с одной областью "
        "компетенций на уровне «дефицит» в диагностике, отправленной в периоде (дата отправки по московскому "
        "времени; мониторинги в архиве не учитываются). Числитель считается только среди педагогов знаменателя."
        + RULES,
        "unit": "percent",
        "numerator_measure": "routes.teachers_with_route",
        "numerator_filters": {},
        "denominator_measure": "diagnostics.deficit_teachers",
        "source": "Кострома, 4.1",
    },
    {
        "code": "Z-MONITOR",
        "name": "Мониторинг профессиональных дефицитов проведён",
        "description": "Да/нет: у муниципалитета есть мониторинг профессиональных дефицитов (инструмент вида "
        "«диагностика профессиональных дефицитов», мониторинг не в архиве), открытый в периоде и получивший хотя бы "
        "одну отправленную анкету. Мониторинг — запись муниципалитета: в строках организаций его нет («нет»); итог "
        "региона — муниципалитеты, где он проведён, из всех муниципалитетов региона, «да» только если у всех.",
        "unit": "yes_no",
        "numerator_measure": "diagnostics.campaign_with_submission",
        "numerator_filters": {"kind": "deficit"},
        "denominator_measure": None,
        "source": "Зея",
        "decimals": 0,
    },
]
