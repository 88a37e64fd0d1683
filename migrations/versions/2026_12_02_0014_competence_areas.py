"""The dictionary of competence areas (области профессиональных компетенций): the topic of a help request, the tags
of a practice, later the areas of a diagnostic framework. The five areas every seed names first, then the themes
the Kostroma, Zeya and Kislovodsk documents add (функциональная грамотность, воспитание, инклюзия, ФГОС).

Reviewed by hand.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AREAS = [
    ("subject", "Предметная компетентность"),
    ("methodical", "Методическая компетентность"),
    ("psychological", "Психолого-педагогическая компетентность"),
    ("communicative", "Коммуникативная компетентность"),
    ("digital", "Цифровая компетентность"),
    ("functional_literacy", "Функциональная грамотность обучающихся"),
    ("upbringing", "Воспитательная работа и классное руководство"),
    ("inclusive", "Инклюзивное образование, работа с детьми с ОВЗ"),
    ("fgos", "Обновлённые ФГОС и ФОП"),
    ("assessment", "Оценка образовательных результатов"),
    ("gifted", "Работа с одарёнными детьми"),
    ("management", "Управленческая компетентность"),
]


def upgrade() -> None:
    table = op.create_table(
        "ref_competence_areas",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_ref_competence_areas")),
    )
    op.bulk_insert(table, [{"code": c, "name": n, "sort_order": i * 10} for i, (c, n) in enumerate(AREAS, 1)])


def downgrade() -> None:
    op.drop_table("ref_competence_areas")
