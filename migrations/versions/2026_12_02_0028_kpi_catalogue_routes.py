"""KPI catalogue, third part: K-4.1.3 (Kostroma 4.1, the share of teachers with an individual route after a
diagnostic of the period among those with a deficit in it) and Z-MONITOR (Zeya, yes/no: a deficit monitoring of the
municipality opened in the period and received a submission), inserted into `kpi_indicators` as the shipped catalogue
(`municipality_id` NULL) with fixed ids. The migration keeps its own copy of the passports (app/kpi/catalogue.py may
change later; this revision must not).

Reviewed by hand.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-02 14:30:00
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RULES = (
    " Учитываемые педагоги — не архивированные, с основным местом работы, действующим на дату отсчёта (последний "
    "день периода); педагог учитывается в организации этого места работы со всеми записями периода."
)
CATALOGUE: list[dict[str, Any]] = [
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
        "id": "4ed6be30-316e-582f-b2e6-e528b2a8b5b1",
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
        "id": "993a04b3-a821-59e1-bfc4-ef80f8bf0442",
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
