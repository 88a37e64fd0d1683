"""KPI: a municipality's set of indicators, its targets per academic year, approved snapshots of a period's values.

- `kpi_selection_sets`: one row per municipality that chose its set: the set's version (If-Match).
- `kpi_selections`: the codes of the set with their order (`position`).
- `kpi_targets`: a municipality's target of an indicator for an academic year (`academic_year` — its starting
  year, 2025 for 2025/2026); unique per municipality, year and code.
- `kpi_snapshots`: a period's values of a municipality frozen for reports: draft → submitted → approved (or
  returned); approving supersedes the approved one before it (`supersedes_id` / `superseded_by_id`). At most one
  open (draft or submitted) and one approved snapshot per municipality and period (partial unique indexes).
  `history` (JSONB) lists the steps.
- `kpi_snapshot_values`: the frozen rows: per indicator the municipality's total and each organization's row, with
  the passport's version, unit, decimals, direction and the target at the time.

Every table has `municipality_id` first in its first index. Reviewed by hand.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    ]


def _municipality_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["municipality_id"], ["municipalities.id"], name=f"fk_{table}_municipality_id_municipalities"
    )


def upgrade() -> None:
    op.create_table(
        "kpi_selection_sets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kpi_selection_sets"),
        _municipality_fk("kpi_selection_sets"),
    )
    op.create_index("uq_kpi_selection_sets_municipality_id", "kpi_selection_sets", ["municipality_id"], unique=True)

    op.create_table(
        "kpi_selections",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kpi_selections"),
        _municipality_fk("kpi_selections"),
    )
    op.create_index(
        "uq_kpi_selections_municipality_id_code", "kpi_selections", ["municipality_id", "code"], unique=True
    )

    op.create_table(
        "kpi_targets",
        sa.Column("id", sa.Uuid(), nullable=False),
        *_timestamps(),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("academic_year", sa.SmallInteger(), nullable=False),
        sa.Column("target", sa.Numeric(14, 4), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kpi_targets"),
        _municipality_fk("kpi_targets"),
    )
    op.create_index(
        "uq_kpi_targets_municipality_id_year_code",
        "kpi_targets",
        ["municipality_id", "academic_year", "code"],
        unique=True,
    )

    op.create_table(
        "kpi_snapshots",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(), nullable=True),
        *_timestamps(),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("reference_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("indicators", postgresql.JSONB(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_by_name", sa.String(300), nullable=True),
        sa.Column("submitted_by_id", sa.Uuid(), nullable=True),
        sa.Column("submitted_by_name", sa.String(300), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_by_name", sa.String(300), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("supersedes_id", sa.Uuid(), nullable=True),
        sa.Column("superseded_by_id", sa.Uuid(), nullable=True),
        sa.Column("history", postgresql.JSONB(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kpi_snapshots"),
        _municipality_fk("kpi_snapshots"),
        sa.ForeignKeyConstraint(
            ["supersedes_id"], ["kpi_snapshots.id"], name="fk_kpi_snapshots_supersedes_id_kpi_snapshots"
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by_id"], ["kpi_snapshots.id"], name="fk_kpi_snapshots_superseded_by_id_kpi_snapshots"
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'returned', 'superseded', 'discarded')",
            name="ck_kpi_snapshots_status",
        ),
    )
    op.create_index("ix_kpi_snapshots_municipality_id_period", "kpi_snapshots", ["municipality_id", "period", "status"])
    op.create_index(
        "uq_kpi_snapshots_municipality_id_period_open",
        "kpi_snapshots",
        ["municipality_id", "period"],
        unique=True,
        postgresql_where=sa.text("status IN ('draft', 'submitted')"),
    )
    op.create_index(
        "uq_kpi_snapshots_municipality_id_period_approved",
        "kpi_snapshots",
        ["municipality_id", "period"],
        unique=True,
        postgresql_where=sa.text("status = 'approved'"),
    )

    op.create_table(
        "kpi_snapshot_values",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("snapshot_id", sa.Uuid(), nullable=False),
        sa.Column("indicator", sa.String(32), nullable=False),
        sa.Column("definition_version", sa.SmallInteger(), nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("decimals", sa.SmallInteger(), nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("unit_kind", sa.String(16), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("unit_name", sa.String(500), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("numerator", sa.Integer(), nullable=False),
        sa.Column("denominator", sa.Integer(), nullable=True),
        sa.Column("value", sa.Numeric(20, 6), nullable=True),
        sa.Column("target", sa.Numeric(14, 4), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_kpi_snapshot_values"),
        _municipality_fk("kpi_snapshot_values"),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["kpi_snapshots.id"],
            name="fk_kpi_snapshot_values_snapshot_id_kpi_snapshots",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint("unit_kind IN ('organization', 'municipality')", name="ck_kpi_snapshot_values_unit_kind"),
    )
    op.create_index(
        "ix_kpi_snapshot_values_municipality_id_snapshot_id",
        "kpi_snapshot_values",
        ["municipality_id", "snapshot_id", "indicator"],
    )


def downgrade() -> None:
    op.drop_index("ix_kpi_snapshot_values_municipality_id_snapshot_id", table_name="kpi_snapshot_values")
    op.drop_table("kpi_snapshot_values")
    op.drop_index("uq_kpi_snapshots_municipality_id_period_approved", table_name="kpi_snapshots")
    op.drop_index("uq_kpi_snapshots_municipality_id_period_open", table_name="kpi_snapshots")
    op.drop_index("ix_kpi_snapshots_municipality_id_period", table_name="kpi_snapshots")
    op.drop_table("kpi_snapshots")
    op.drop_index("uq_kpi_targets_municipality_id_year_code", table_name="kpi_targets")
    op.drop_table("kpi_targets")
    op.drop_index("uq_kpi_selections_municipality_id_code", table_name="kpi_selections")
    op.drop_table("kpi_selections")
    op.drop_index("uq_kpi_selection_sets_municipality_id", table_name="kpi_selection_sets")
    op.drop_table("kpi_selection_sets")
