"""Programmes and roadmaps (дорожные карты):

- `roadmap_programmes`: a programme of a municipality (or of one of its organizations): title, period, goal, tasks,
  expected results, the order that approved it (text and an optional document), status.
- `roadmap_stages`: the programme's stages with their dates.
- `roadmap_sections`: the roadmap's sections, each with its «Задача:» text.
- `roadmap_activities`: number as written («1.1»), title, the timeframe as written and the schedule parsed from it
  (kind, first window, RRULE, window length, note, flagged for a person), the responsible as written and the people
  and organizations matched to it, the KPI codes the activity should move. One activity per number in a programme.
- `roadmap_occurrences`: the dated occurrences of an activity inside the programme's period with their status.
- `roadmap_reports`: progress reports of an occurrence with their evidence (links, files, existing records).

Every table has `municipality_id` first in its indexes. Reviewed by hand.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Uuid(), nullable=False)


def _times() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    ]


def _archive() -> list[sa.Column]:
    return [
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(), nullable=True),
    ]


def _version() -> sa.Column:
    return sa.Column("version", sa.Integer(), nullable=False)


def _muni(table: str) -> list:
    return [
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name=f"fk_{table}_municipality_id_municipalities"
        ),
    ]


def _fk(table: str, column: str, ref: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{ref}.id"], name=f"fk_{table}_{column}_{ref}")


UUIDS = postgresql.ARRAY(sa.Uuid())


def upgrade() -> None:
    t = "roadmap_programmes"
    op.create_table(
        t,
        _id(),
        _version(),
        *_archive(),
        *_times(),
        *_muni(t),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=True),
        sa.Column("tasks", sa.Text(), nullable=True),
        sa.Column("expected_results", sa.Text(), nullable=True),
        sa.Column("basis_text", sa.Text(), nullable=True),
        sa.Column("basis_document_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.CheckConstraint("period_end >= period_start", name=f"ck_{t}_period"),
        sa.CheckConstraint("status IN ('draft', 'approved', 'running', 'finished')", name=f"ck_{t}_status"),
        _fk(t, "organization_id", "organizations"),
        _fk(t, "basis_document_id", "documents"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index(f"ix_{t}_municipality_id_period_start", t, ["municipality_id", "period_start"])

    t = "roadmap_stages"
    op.create_table(
        t,
        _id(),
        *_muni(t),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.CheckConstraint("ends_on >= starts_on", name=f"ck_{t}_dates"),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["roadmap_programmes.id"],
            name=f"fk_{t}_programme_id_roadmap_programmes",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index(f"ix_{t}_municipality_id_programme_id", t, ["municipality_id", "programme_id", "position"])

    t = "roadmap_sections"
    op.create_table(
        t,
        _id(),
        *_times(),
        *_muni(t),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("task", sa.Text(), nullable=True),
        _fk(t, "programme_id", "roadmap_programmes"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index(
        f"ix_{t}_municipality_id_programme_id_number", t, ["municipality_id", "programme_id", "number"], unique=True
    )

    t = "roadmap_activities"
    op.create_table(
        t,
        _id(),
        _version(),
        *_archive(),
        *_times(),
        *_muni(t),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.Column("section_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("timeframe_text", sa.Text(), nullable=False),
        sa.Column("schedule_kind", sa.String(16), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("rrule", sa.String(200), nullable=True),
        sa.Column("window_months", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("schedule_note", sa.Text(), nullable=True),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("review_reasons", postgresql.JSONB(), nullable=False),
        sa.Column("schedule_set_by_hand", sa.Boolean(), nullable=False),
        sa.Column("responsible_text", sa.Text(), nullable=False),
        sa.Column("responsibles", postgresql.JSONB(), nullable=False),
        sa.Column("responsible_user_ids", UUIDS, nullable=False),
        sa.Column("responsible_teacher_ids", UUIDS, nullable=False),
        sa.Column("responsible_organization_ids", UUIDS, nullable=False),
        sa.Column("kpi_codes", postgresql.ARRAY(sa.String(32)), nullable=False),
        sa.CheckConstraint(
            "schedule_kind IN ('once', 'recurring', 'continuous', 'unparsed')", name=f"ck_{t}_schedule_kind"
        ),
        _fk(t, "programme_id", "roadmap_programmes"),
        _fk(t, "section_id", "roadmap_sections"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index(
        f"ix_{t}_municipality_id_programme_id_number", t, ["municipality_id", "programme_id", "number"], unique=True
    )
    op.create_index(f"ix_{t}_municipality_id_section_id", t, ["municipality_id", "section_id", "position"])
    op.create_index(
        f"ix_{t}_municipality_id_kpi_codes",
        t,
        ["municipality_id", "kpi_codes"],
        postgresql_where=sa.text("cardinality(kpi_codes) > 0"),
    )

    t = "roadmap_occurrences"
    op.create_table(
        t,
        _id(),
        _version(),
        *_times(),
        *_muni(t),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.Column("activity_id", sa.Uuid(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("reminded_on", sa.Date(), nullable=True),
        sa.CheckConstraint("due_on >= starts_on", name=f"ck_{t}_dates"),
        sa.CheckConstraint(
            "status IN ('planned', 'in_progress', 'done', 'overdue', 'cancelled')", name=f"ck_{t}_status"
        ),
        _fk(t, "programme_id", "roadmap_programmes"),
        _fk(t, "activity_id", "roadmap_activities"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index(f"ix_{t}_municipality_id_activity_id", t, ["municipality_id", "activity_id", "starts_on"])
    op.create_index(f"ix_{t}_municipality_id_due_on", t, ["municipality_id", "due_on", "status"])

    t = "roadmap_reports"
    op.create_table(
        t,
        _id(),
        *_archive(),
        *_times(),
        *_muni(t),
        sa.Column("activity_id", sa.Uuid(), nullable=False),
        sa.Column("occurrence_id", sa.Uuid(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("links", postgresql.JSONB(), nullable=False),
        sa.Column("file_ids", UUIDS, nullable=False),
        sa.Column("records", postgresql.JSONB(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("author_name", sa.String(300), nullable=True),
        _fk(t, "activity_id", "roadmap_activities"),
        _fk(t, "occurrence_id", "roadmap_occurrences"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index(f"ix_{t}_municipality_id_occurrence_id", t, ["municipality_id", "occurrence_id", "reported_on"])


def downgrade() -> None:
    for t in (
        "roadmap_reports",
        "roadmap_occurrences",
        "roadmap_activities",
        "roadmap_sections",
        "roadmap_stages",
        "roadmap_programmes",
    ):
        op.drop_table(t)
