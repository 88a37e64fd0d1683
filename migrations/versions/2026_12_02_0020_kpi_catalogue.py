"""KPI catalogue, second part: Z-GMO-PLAN (Zeya 2.10, a share of records — planned meetings of city associations
held) and KV-1…5 (Kislovodsk's «наличие» criteria, yes/no over approved documents of a type for the academic year),
inserted into `kpi_indicators` as the shipped catalogue (`municipality_id` NULL) with fixed ids. The migration keeps
its own copy of the passports (app/kpi/catalogue.py may change later; this revision must not).

Reviewed by hand.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CATALOGUE: list[dict[str, Any]] = [
    {
        "code": "Z-GMO-PLAN",
        "name": "Доля заседаний городских методических объединений, проведённых по плану-графику",
        "description": "Заседания плана-графика городских методических объединений (ГМО; строки плана и "
        "объединения не в архиве) с плановой датой в периоде, по которым проведено заседание в "
        "периоде / заседания плана-графика ГМО с плановой датой в периоде; в идущем периоде — по "
        "дату отсчёта. ГМО — объединения муниципалитета: учитываются в итоге муниципалитета, в "
        "строках организаций их нет («нет данных»).",
        "unit": "percent",
        "numerator_measure": "associations.meetings_held_per_plan",
        "numerator_filters": {"level": "city"},
        "denominator_measure": "associations.meetings_planned",
        "denominator_filters": {"level": "city"},
        "source": "Зея, 2.10",
        "id": "e304031d-2f13-5352-addf-b65ca2307d60",
    },
    {
        "code": "KV-1",
        "name": "Наличие плана-графика заседаний методических объединений на учебный год",
        "description": "Наличие утверждённого плана-графика заседаний методических объединений (ГМО — у "
        "муниципалитета, ШМО — у школы) на учебный год периода у организации и у муниципалитета. "
        "Да/нет: организация — да, если у неё есть утверждённый документ этого вида (не черновик, "
        "не в архиве), действующий в учебном году периода (документ на несколько лет — в каждом "
        "году от первого до последнего); муниципалитет — да, если такой документ есть у самого "
        "муниципалитета (документы его школ не в счёт); итог региона — муниципалитеты, где он есть, "
        "из всех муниципалитетов региона, «да» только если он есть у всех.",
        "unit": "yes_no",
        "numerator_measure": "documents.present",
        "numerator_filters": {"type": "association_plan"},
        "denominator_measure": None,
        "source": "Кисловодск, критерий 1",
        "decimals": 0,
        "id": "1d65275b-09d8-58bf-ab2c-8c2aed170ff7",
    },
    {
        "code": "KV-2",
        "name": "Наличие мониторинга профессиональных потребностей и дефицитов педагогических работников",
        "description": "Наличие утверждённого мониторинга профессиональных потребностей и дефицитов педагогических "
        "работников на учебный год периода у организации и у муниципалитета. Да/нет: организация — "
        "да, если у неё есть утверждённый документ этого вида (не черновик, не в архиве), "
        "действующий в учебном году периода (документ на несколько лет — в каждом году от первого "
        "до последнего); муниципалитет — да, если такой документ есть у самого муниципалитета "
        "(документы его школ не в счёт); итог региона — муниципалитеты, где он есть, из всех "
        "муниципалитетов региона, «да» только если он есть у всех.",
        "unit": "yes_no",
        "numerator_measure": "documents.present",
        "numerator_filters": {"type": "deficit_monitoring"},
        "denominator_measure": None,
        "source": "Кисловодск, критерий 2",
        "decimals": 0,
        "id": "8f9fb626-a22e-587e-aa3f-4d8dccfb4a05",
    },
    {
        "code": "KV-3",
        "name": "Наличие плана-графика аттестации педагогических работников на 5 лет",
        "description": "Наличие утверждённого плана-графика аттестации педагогических работников на 5 лет на "
        "учебный год периода у организации и у муниципалитета. Да/нет: организация — да, если у неё "
        "есть утверждённый документ этого вида (не черновик, не в архиве), действующий в учебном "
        "году периода (документ на несколько лет — в каждом году от первого до последнего); "
        "муниципалитет — да, если такой документ есть у самого муниципалитета (документы его школ "
        "не в счёт); итог региона — муниципалитеты, где он есть, из всех муниципалитетов региона, "
        "«да» только если он есть у всех.",
        "unit": "yes_no",
        "numerator_measure": "documents.present",
        "numerator_filters": {"type": "attestation_plan"},
        "denominator_measure": None,
        "source": "Кисловодск, критерий 3",
        "decimals": 0,
        "id": "556fe1c5-8c50-538e-b679-c1aceaf49569",
    },
    {
        "code": "KV-4",
        "name": "Наличие плана-графика повышения квалификации педагогических работников",
        "description": "Наличие утверждённого плана-графика повышения квалификации педагогических работников на "
        "учебный год периода у организации и у муниципалитета. Да/нет: организация — да, если у неё "
        "есть утверждённый документ этого вида (не черновик, не в архиве), действующий в учебном "
        "году периода (документ на несколько лет — в каждом году от первого до последнего); "
        "муниципалитет — да, если такой документ есть у самого муниципалитета (документы его школ "
        "не в счёт); итог региона — муниципалитеты, где он есть, из всех муниципалитетов региона, "
        "«да» только если он есть у всех.",
        "unit": "yes_no",
        "numerator_measure": "documents.present",
        "numerator_filters": {"type": "pd_plan"},
        "denominator_measure": None,
        "source": "Кисловодск, критерий 4",
        "decimals": 0,
        "id": "78872ef5-a701-55e3-ae6a-8a317ee5b1d5",
    },
    {
        "code": "KV-5",
        "name": "Наличие адресных рекомендаций по результатам мониторингов",
        "description": "Наличие утверждённых адресных рекомендаций по результатам проведённых мониторингов и "
        "управленческих решений на учебный год периода у организации и у муниципалитета. Да/нет: "
        "организация — да, если у неё есть утверждённый документ этого вида (не черновик, не в "
        "архиве), действующий в учебном году периода (документ на несколько лет — в каждом году от "
        "первого до последнего); муниципалитет — да, если такой документ есть у самого "
        "муниципалитета (документы его школ не в счёт); итог региона — муниципалитеты, где он есть, "
        "из всех муниципалитетов региона, «да» только если он есть у всех.",
        "unit": "yes_no",
        "numerator_measure": "documents.present",
        "numerator_filters": {"type": "recommendations"},
        "denominator_measure": None,
        "source": "Кисловодск, критерий 5",
        "decimals": 0,
        "id": "c29d16d0-8f66-5d27-b470-109883c354b6",
    },
]


def upgrade() -> None:
    table = sa.table(
        "kpi_indicators",
        sa.column("id", sa.Uuid()),
        sa.column("version", sa.Integer()),
        sa.column("municipality_id", sa.Uuid()),
        sa.column("code", sa.String()),
        sa.column("name", sa.String()),
        sa.column("description", sa.Text()),
        sa.column("unit", sa.String()),
        sa.column("periodicity", sa.String()),
        sa.column("numerator_measure", sa.String()),
        sa.column("numerator_filters", postgresql.JSONB()),
        sa.column("denominator_measure", sa.String()),
        sa.column("denominator_filters", postgresql.JSONB()),
        sa.column("factor", sa.Numeric(12, 4)),
        sa.column("decimals", sa.SmallInteger()),
        sa.column("direction", sa.String()),
        sa.column("source", sa.String()),
        sa.column("definition_version", sa.SmallInteger()),
        sa.column("effective_from", sa.Date()),
        sa.column("effective_to", sa.Date()),
    )
    op.bulk_insert(
        table,
        [
            {
                "id": c["id"],
                "version": 1,
                "municipality_id": None,
                "code": c["code"],
                "name": c["name"],
                "description": c["description"],
                "unit": c["unit"],
                "periodicity": "academic_year",
                "numerator_measure": c["numerator_measure"],
                "numerator_filters": c["numerator_filters"],
                "denominator_measure": c["denominator_measure"],
                "denominator_filters": c.get("denominator_filters", {}),
                "factor": 100 if c["unit"] == "percent" else 1,
                "decimals": c.get("decimals", 6),
                "direction": "higher",
                "source": c["source"],
                "definition_version": 1,
                "effective_from": date(2000, 1, 1),
                "effective_to": None,
            }
            for c in CATALOGUE
        ],
    )


def downgrade() -> None:
    ids = ", ".join(f"'{c['id']}'" for c in CATALOGUE)
    op.execute(f"DELETE FROM kpi_indicators WHERE id IN ({ids})")  # noqa: S608 - fixed ids of this file
