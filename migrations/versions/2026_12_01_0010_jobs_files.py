"""Background jobs and stored files.

- procrastinate's own schema (its `procrastinate_*` tables, types, functions and triggers), from the SQL file the
  installed package ships, so `python -m app migrate` creates the queue; the downgrade drops those objects.
- `files`: metadata of stored files (the bytes live in the storage under DATA_DIR or in S3).
- `jobs`: our view of each job — tenant, kind, state, progress, result file, who started it, errors in Russian.

Reviewed by hand.

Revision ID: 0010
Revises: 0002
Create Date: 2026-12-01 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _execute_script(sql: str) -> None:
    """Run a multi-statement script (with $$ bodies) on the migration's connection and transaction. asyncpg runs a
    statement without parameters through the simple query protocol, which accepts several statements."""
    from sqlalchemy.util import await_only

    bind = op.get_bind()
    driver = bind.connection.driver_connection
    if hasattr(driver, "execute") and bind.dialect.driver == "asyncpg":
        await_only(driver.execute(sql))
    else:  # psycopg and others accept a script in one execute
        bind.exec_driver_sql(sql)


def upgrade() -> None:
    from procrastinate.schema import SchemaManager

    _execute_script(SchemaManager.get_schema())

    op.create_table(
        "files",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("owner_type", sa.String(40), nullable=True),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(120), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("storage_key", sa.String(300), nullable=False),
        sa.Column("created_by_type", sa.String(16), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_by_name", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(500), nullable=True),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_files_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["organizations.id"], name="fk_files_organization_id_organizations"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_files"),
    )
    op.create_index(
        "ix_files_municipality_id_owner_type_owner_id", "files", ["municipality_id", "owner_type", "owner_id"]
    )
    op.create_index("ix_files_municipality_id_created_at", "files", ["municipality_id", "created_at"])

    op.create_table(
        "jobs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=True),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("message", sa.String(500), nullable=True),
        sa.Column("params", postgresql.JSONB(), nullable=False),
        sa.Column("result", postgresql.JSONB(), nullable=True),
        sa.Column("result_file_id", sa.Uuid(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_by_type", sa.String(16), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_by_name", sa.String(200), nullable=True),
        sa.Column("queue_job_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('queued', 'running', 'succeeded', 'failed')", name="ck_jobs_state"),
        sa.CheckConstraint("done >= 0 AND (total IS NULL OR total >= 0)", name="ck_jobs_progress"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_jobs_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["organizations.id"], name="fk_jobs_organization_id_organizations"
        ),
        sa.ForeignKeyConstraint(["result_file_id"], ["files.id"], name="fk_jobs_result_file_id_files"),
        sa.PrimaryKeyConstraint("id", name="pk_jobs"),
    )
    op.create_index(
        "ix_jobs_municipality_id_created_by_id_created_at", "jobs", ["municipality_id", "created_by_id", "created_at"]
    )
    op.create_index("ix_jobs_municipality_id_state", "jobs", ["municipality_id", "state"])


def downgrade() -> None:
    op.drop_table("jobs")
    op.drop_table("files")
    # Every object of procrastinate's schema carries its prefix: tables (with their triggers), functions, types.
    op.execute(
        """
        DO $$
        DECLARE r record;
        BEGIN
            FOR r IN SELECT tablename FROM pg_tables
                     WHERE schemaname = current_schema() AND tablename LIKE 'procrastinate\\_%' LOOP
                EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', r.tablename);
            END LOOP;
            FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                     WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate\\_%' LOOP
                EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', r.sig);
            END LOOP;
            FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                     WHERE n.nspname = current_schema() AND t.typname LIKE 'procrastinate\\_%' AND t.typtype IN ('e', 'c')
                     AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid AND c.relkind <> 'c') LOOP
                EXECUTE format('DROP TYPE IF EXISTS %I CASCADE', r.typname);
            END LOOP;
        END $$;
        """
    )
