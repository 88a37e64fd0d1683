"""Home statistics kept per organization, valid for a day and a data version of the municipality.

- `teacher_stats_versions`: a municipality's data version of teachers, bumped by the statement-level triggers below
  in the transaction of every write to `teachers`, `employments`, `teacher_categories` or the municipality's own
  row (its young-teacher rule), whatever module writes (cards, HR import, attestation decisions, demo data).
- `teacher_stats_municipalities`: the home figures of a municipality (distinct teachers) with the day and the data
  version they were computed for; `teacher_stats_organizations`: the same per organization, valid while their
  municipality's row is. The application recomputes stale municipalities on read and every night.

The triggers lock the version rows in municipality order (no deadlock between two writers of several
municipalities). Every table has `municipality_id` first. Reviewed by hand.

Revision ID: 0023
Revises: 0021
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTS = ("teachers", "young_teachers", "categories_expiring", "categories_expired")
SOURCES = ("teachers", "employments", "teacher_categories")


def _muni_fk() -> sa.ForeignKey:
    return sa.ForeignKey("municipalities.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "teacher_stats_versions",
        sa.Column("municipality_id", sa.Uuid(), _muni_fk(), primary_key=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "teacher_stats_municipalities",
        sa.Column("municipality_id", sa.Uuid(), _muni_fk(), primary_key=True),
        sa.Column("computed_on", sa.Date(), nullable=False),
        sa.Column("source_version", sa.BigInteger(), nullable=False),
        sa.Column("warning_days", sa.Integer(), nullable=False),
        *(sa.Column(c, sa.Integer(), nullable=False) for c in COUNTS),
    )
    op.create_table(
        "teacher_stats_organizations",
        sa.Column("municipality_id", sa.Uuid(), _muni_fk(), primary_key=True),
        sa.Column(
            "organization_id", sa.Uuid(), sa.ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
        ),
        *(sa.Column(c, sa.Integer(), nullable=False) for c in COUNTS),
    )
    bump = """
        INSERT INTO teacher_stats_versions AS v (municipality_id, version)
        SELECT DISTINCT {col}, 1 FROM {rows} WHERE {col} IS NOT NULL ORDER BY 1
        ON CONFLICT (municipality_id) DO UPDATE SET version = v.version + 1
    """
    inserted = bump.format(col="municipality_id", rows="new_rows")
    deleted = bump.format(col="municipality_id", rows="old_rows")
    updated = bump.format(
        col="municipality_id",
        rows="(SELECT municipality_id FROM old_rows UNION SELECT municipality_id FROM new_rows) AS changed",
    )
    op.execute(
        f"""
        CREATE FUNCTION teacher_stats_touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN {inserted};
            ELSIF TG_OP = 'DELETE' THEN {deleted};
            ELSE {updated};
            END IF;
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION teacher_stats_touch_municipality() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {bump.format(col="id", rows="new_rows")};
            RETURN NULL;
        END $$
        """
    )
    for table in SOURCES:
        op.execute(
            f"CREATE TRIGGER {table}_stats_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION teacher_stats_touch()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_stats_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows "
            "NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION teacher_stats_touch()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_stats_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION teacher_stats_touch()"
        )
    op.execute(
        "CREATE TRIGGER municipalities_stats_update AFTER UPDATE ON municipalities REFERENCING NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION teacher_stats_touch_municipality()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER municipalities_stats_update ON municipalities")
    for table in SOURCES:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER {table}_stats_{event} ON {table}")
    op.execute("DROP FUNCTION teacher_stats_touch_municipality()")
    op.execute("DROP FUNCTION teacher_stats_touch()")
    op.drop_table("teacher_stats_organizations")
    op.drop_table("teacher_stats_municipalities")
    op.drop_table("teacher_stats_versions")
