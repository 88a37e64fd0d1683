"""KPI indicator passports: the shipped catalogue and each municipality's own indicators.

- `kpi_indicators`: `municipality_id` NULL for the shipped catalogue (every municipality may use it) or set for a
  municipality's own indicator; code, Russian name and description, unit (percent / count / yes_no), periodicity,
  numerator measure + filters (JSONB, validated against the measure's typed filters by the application: never
  SQL), optional denominator measure + filters, factor, decimals, direction, source, definition version with
  effective dates. Unique code + version per owner (two partial unique indexes). Versioned and archivable.
- Seeds the catalogue of DOMAIN.md's table (K-4.1.1 … PD-3Y; K-4.1.3 and Z-MONITOR come with diagnostics) with
  fixed ids.

Reviewed by hand.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 06:00:00
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CATALOGUE: list[dict[str, Any]] = [
    {
        "code": "K-4.1.1",
        "name": "Количество методических продуктов, описывающих лучшие практики",
        "description": "Практики, опубликованные в периоде (статус «опубликована», дата публикации в периоде), в "
        "организации, которой принадлежат.",
        "unit": "count",
        "numerator_measure": "practices.published",
        "numerator_filters": {},
        "denominator_measure": None,
        "source": "Кострома, 4.1",
        "decimals": 0,
        "id": "92b7bb72-53f3-5ee5-8d0a-cbea852bd2f2",
    },
    {
        "code": "K-4.1.2",
        "name": "Доля педагогов, обратившихся за помощью и получивших её в полном объёме",
        "description": "Учитываемые педагоги, у которых каждое обращение, открытое в периоде, закрыто «решено "
        "полностью» / учитываемые педагоги хотя бы с одним обращением, открытым в периоде. "
        "Учитываемые педагоги — не архивированные, с основным местом работы, действующим на дату "
        "отсчёта (последний день периода); педагог учитывается в организации этого места работы со "
        "всеми записями периода.",
        "unit": "percent",
        "numerator_measure": "help_requests.helped_full",
        "numerator_filters": {},
        "denominator_measure": "help_requests.requesters",
        "source": "Кострома, 4.1",
        "id": "390dc9c2-f425-5bdd-bbac-24d1b3bbd378",
    },
    {
        "code": "K-4.2.1",
        "name": "Доля педагогов, демонстрирующих эффективные практики на муниципальном уровне",
        "description": "Учитываемые педагоги, выступавшие на мероприятиях периода муниципального или более "
        "высокого уровня / учитываемые педагоги. Учитываемые педагоги — не архивированные, с "
        "основным местом работы, действующим на дату отсчёта (последний день периода); педагог "
        "учитывается в организации этого места работы со всеми записями периода.",
        "unit": "percent",
        "numerator_measure": "events.participants",
        "numerator_filters": {"level_min": "municipal", "roles": ["speaker"]},
        "denominator_measure": "teachers.counted",
        "source": "Кострома, 4.2",
        "id": "0bbe2bc8-02ad-5779-9af1-6cea2b7d1f5d",
    },
    {
        "code": "K-4.2.2",
        "name": "Количество педагогов — участников муниципальных и региональных проектов",
        "description": "Учитываемые педагоги в любой роли в мероприятиях-проектах периода уровня от муниципального "
        "до регионального. Учитываемые педагоги — не архивированные, с основным местом работы, "
        "действующим на дату отсчёта (последний день периода); педагог учитывается в организации "
        "этого места работы со всеми записями периода.",
        "unit": "count",
        "numerator_measure": "events.participants",
        "numerator_filters": {"level_min": "municipal", "level_max": "regional", "types": ["project"]},
        "denominator_measure": None,
        "source": "Кострома, 4.2",
        "decimals": 0,
        "id": "6929fa73-25ec-57b4-9932-a6bbe5aeb854",
    },
    {
        "code": "K-4.2.3",
        "name": "Количество участников проектов, намеренных применять представленные практики",
        "description": "Учитываемые педагоги с отметкой о намерении применять практики в участии в "
        "мероприятии-проекте периода уровня от муниципального до регионального. Учитываемые "
        "педагоги — не архивированные, с основным местом работы, действующим на дату отсчёта "
        "(последний день периода); педагог учитывается в организации этого места работы со всеми "
        "записями периода.",
        "unit": "count",
        "numerator_measure": "events.participants",
        "numerator_filters": {
            "level_min": "municipal",
            "level_max": "regional",
            "types": ["project"],
            "intends_to_apply": True,
        },
        "denominator_measure": None,
        "source": "Кострома, 4.2",
        "decimals": 0,
        "id": "8ede70c4-e295-5b74-b7c3-1854685b9a3a",
    },
    {
        "code": "K-4.3.1",
        "name": "Доля педагогов — участников муниципальных и региональных методических мероприятий",
        "description": "Учитываемые педагоги в любой роли в мероприятиях периода уровня от муниципального до "
        "регионального / учитываемые педагоги. Учитываемые педагоги — не архивированные, с основным "
        "местом работы, действующим на дату отсчёта (последний день периода); педагог учитывается в "
        "организации этого места работы со всеми записями периода.",
        "unit": "percent",
        "numerator_measure": "events.participants",
        "numerator_filters": {"level_min": "municipal", "level_max": "regional"},
        "denominator_measure": "teachers.counted",
        "source": "Кострома, 4.3",
        "id": "1074262c-78c7-5b09-894a-697590a1fccf",
    },
    {
        "code": "K-4.3.2",
        "name": "Доля педагогов, аттестующихся на первую или высшую категорию",
        "description": "Учитываемые педагоги с заявлением на первую или высшую категорию, поданным в периоде (при "
        "любом результате) / учитываемые педагоги. Учитываемые педагоги — не архивированные, с "
        "основным местом работы, действующим на дату отсчёта (последний день периода); педагог "
        "учитывается в организации этого места работы со всеми записями периода.",
        "unit": "percent",
        "numerator_measure": "attestation.applicants",
        "numerator_filters": {"categories": ["first", "highest"]},
        "denominator_measure": "teachers.counted",
        "source": "Кострома, 4.3",
        "id": "4eb1530d-3904-5721-9c4e-dee11cb499b0",
    },
    {
        "code": "K-4.4.1",
        "name": "Доля молодых педагогов — участников муниципальных и региональных мероприятий",
        "description": "Молодые учитываемые педагоги в любой роли в мероприятиях периода уровня от муниципального "
        "до регионального / молодые учитываемые педагоги (правило молодости муниципалитета на дату "
        "отсчёта). Учитываемые педагоги — не архивированные, с основным местом работы, действующим "
        "на дату отсчёта (последний день периода); педагог учитывается в организации этого места "
        "работы со всеми записями периода.",
        "unit": "percent",
        "numerator_measure": "events.participants",
        "numerator_filters": {"level_min": "municipal", "level_max": "regional"},
        "denominator_measure": "teachers.young",
        "source": "Кострома, 4.4",
        "id": "ae419931-39d2-531d-a810-332d8a5e2829",
    },
    {
        "code": "Z-MENTOR",
        "name": "Доля молодых педагогов, имеющих наставника",
        "description": "Молодые учитываемые педагоги — наставляемые в паре, действующей на дату отсчёта / молодые "
        "учитываемые педагоги. Цель — 100%. Учитываемые педагоги — не архивированные, с основным "
        "местом работы, действующим на дату отсчёта (последний день периода); педагог учитывается в "
        "организации этого места работы со всеми записями периода.",
        "unit": "percent",
        "numerator_measure": "mentoring.mentees",
        "numerator_filters": {},
        "denominator_measure": "teachers.young",
        "source": "Зея",
        "id": "75e95415-9718-5aeb-94b8-c7f418b11811",
    },
    {
        "code": "PD-3Y",
        "name": "Доля педагогов, прошедших повышение квалификации за последние 3 года",
        "description": "Учитываемые педагоги с курсом, окончившимся после даты отсчёта минус 3 года и не позже "
        "даты отсчёта / учитываемые педагоги. Учитываемые педагоги — не архивированные, с основным "
        "местом работы, действующим на дату отсчёта (последний день периода); педагог учитывается в "
        "организации этого места работы со всеми записями периода.",
        "unit": "percent",
        "numerator_measure": "courses.pd_3y",
        "numerator_filters": {},
        "denominator_measure": "teachers.counted",
        "source": "273-ФЗ, ст. 47",
        "id": "ac7d270d-e052-5b3d-a5a8-004589a17303",
    },
]


def upgrade() -> None:
    table = op.create_table(
        "kpi_indicators",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("periodicity", sa.String(16), nullable=False),
        sa.Column("numerator_measure", sa.String(64), nullable=False),
        sa.Column("numerator_filters", postgresql.JSONB(), nullable=False),
        sa.Column("denominator_measure", sa.String(64), nullable=True),
        sa.Column("denominator_filters", postgresql.JSONB(), nullable=False),
        sa.Column("factor", sa.Numeric(12, 4), nullable=False),
        sa.Column("decimals", sa.SmallInteger(), nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("source", sa.String(500), nullable=True),
        sa.Column("definition_version", sa.SmallInteger(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("effective_to", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_kpi_indicators"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_kpi_indicators_municipality_id_municipalities"
        ),
        sa.CheckConstraint("unit IN ('percent', 'count', 'yes_no')", name="ck_kpi_indicators_unit"),
        sa.CheckConstraint(
            "periodicity IN ('academic_year', 'year', 'half_year')", name="ck_kpi_indicators_periodicity"
        ),
        sa.CheckConstraint("direction IN ('higher', 'lower')", name="ck_kpi_indicators_direction"),
        sa.CheckConstraint("decimals BETWEEN 0 AND 6", name="ck_kpi_indicators_decimals"),
        sa.CheckConstraint("effective_to IS NULL OR effective_to >= effective_from", name="ck_kpi_indicators_dates"),
    )
    op.create_index("ix_kpi_indicators_municipality_id_code", "kpi_indicators", ["municipality_id", "code"])
    op.create_index(
        "uq_kpi_indicators_catalogue_code_version",
        "kpi_indicators",
        ["code", "definition_version"],
        unique=True,
        postgresql_where=sa.text("municipality_id IS NULL"),
    )
    op.create_index(
        "uq_kpi_indicators_municipality_id_code_version",
        "kpi_indicators",
        ["municipality_id", "code", "definition_version"],
        unique=True,
        postgresql_where=sa.text("municipality_id IS NOT NULL"),
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
                "denominator_filters": {},
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
    op.drop_index("uq_kpi_indicators_municipality_id_code_version", table_name="kpi_indicators")
    op.drop_index("uq_kpi_indicators_catalogue_code_version", table_name="kpi_indicators")
    op.drop_index("ix_kpi_indicators_municipality_id_code", table_name="kpi_indicators")
    op.drop_table("kpi_indicators")
